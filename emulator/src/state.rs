//! What the emulator remembers per account: agents (seeded), projects with their default
//! warehouse connection, project connections, environments and repository, and secrets per
//! agent. Every rule about the *shape* of a request is the core's (`maia_provision::validate`);
//! what lives here are the rules that need state: uniqueness, existence, one-per-project.

use maia_provision::redact::REDACTED;
use maia_provision::{Operation, Route, Secret, json_pointer};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// Writes any secret as `***` (state exports and configs never carry secret values).
pub(crate) fn redacted<T, S: Serializer>(_: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(REDACTED)
}

fn redacted_option<S: Serializer>(value: &Option<Secret>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(_) => serializer.serialize_str(REDACTED),
        None => serializer.serialize_none(),
    }
}

fn redacted_map<S: Serializer>(value: &BTreeMap<String, Secret>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(value.keys().map(|key| (key, REDACTED)))
}

/// Where the ids of one account come from: a ChaCha stream of the seed, read at a position, so
/// that the n-th id is the same in every run and after an import.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct IdSource {
    seed: u64,
    account: u64,
}

/// The stream for resource ids; agent and account ids use `ACCOUNT_STREAM`.
const RESOURCE_STREAM: u64 = 0;
const ACCOUNT_STREAM: u64 = 1;

impl IdSource {
    pub(crate) fn new(seed: u64, account: usize) -> IdSource {
        IdSource { seed, account: account as u64 }
    }

    fn uuid(self, stream: u64, n: u64) -> String {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(self.account.wrapping_mul(2).wrapping_add(stream));
        rng.set_word_pos(u128::from(n) * 4);
        let mut bytes = [0u8; 16];
        rng.fill_bytes(&mut bytes);
        uuid::Builder::from_random_bytes(bytes).into_uuid().hyphenated().to_string()
    }

    /// The account-level ids: 0 and 1 are the agents, 2 the account, 3 the user that creates things.
    pub(crate) fn account_id(self, n: u64) -> String {
        self.uuid(ACCOUNT_STREAM, n)
    }
}

/// The two agents every account starts with: one HYBRID, one FULL_SAAS.
fn seeded_agents(ids: IdSource) -> Vec<Value> {
    let agent = |n: u64, name: &str, deployment_type: &str, cloud: &str, deployment: &str| {
        json!({
            "agentId": ids.account_id(n),
            "name": name,
            "description": format!("emulated {deployment_type} agent"),
            "agentStatus": "running",
            "agentType": "data_productivity_cloud",
            "cloudProvider": cloud,
            "connected": true,
            "deployment": deployment,
            "deploymentType": deployment_type,
        })
    };
    vec![agent(0, "hybrid-agent", "HYBRID", "aws", "fargate"), agent(1, "full-saas-agent", "FULL_SAAS", "aws", "matillion-hosted")]
}

/// One account's resources, in creation order. Serializes to the state export (secrets as `***`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct AccountState {
    /// How many resource ids were handed out (where the id stream resumes).
    pub ids_issued: u64,
    /// The agents (seeded; an import without agents gets the seeded ones).
    pub agents: Vec<Value>,
    /// The projects.
    pub projects: Vec<Project>,
    /// The secrets, every agent's, in creation order.
    pub secrets: Vec<StoredSecret>,
    #[serde(skip)]
    index: Index,
    #[serde(skip)]
    ids: IdSource,
}

#[derive(Clone, Debug, Default)]
struct Index {
    projects_by_id: BTreeMap<String, usize>,
    project_names: BTreeSet<String>,
    secrets: BTreeSet<(String, String)>,
}

/// A project and what was created in it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Project {
    /// The project id.
    pub id: String,
    /// When it was created.
    pub created_date: String,
    /// The createProject body as received.
    pub body: Value,
    /// The createDataPlatformConnection body, once created.
    pub warehouse_connection: Option<Value>,
    /// The project connections as createProjectConnection answered them.
    pub connections: Vec<Connection>,
    /// The createEnvironment bodies.
    pub environments: Vec<Value>,
    /// The repository, once created.
    pub repository: Option<Repository>,
    #[serde(skip)]
    connection_names: BTreeSet<String>,
    #[serde(skip)]
    environment_names: BTreeSet<String>,
}

/// A project connection as createProjectConnection answered it, kept as its JSON text (a
/// quarter of the memory of a `Value`, and a list copies text instead of serializing), with the
/// members the list filters on.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub(crate) struct Connection {
    name: String,
    auth_provider: String,
    platform_connection_type: String,
    json: String,
}

impl TryFrom<Value> for Connection {
    type Error = String;
    fn try_from(value: Value) -> Result<Connection, String> {
        if !value.is_object() {
            return Err("a connection is a JSON object".to_owned());
        }
        Ok(Connection {
            name: text(&value, "/name").to_owned(),
            auth_provider: text(&value, "/authProvider").to_owned(),
            platform_connection_type: text(&value, "/platformConnectionType").to_owned(),
            json: value.to_string(),
        })
    }
}

impl From<Connection> for Value {
    fn from(connection: Connection) -> Value {
        serde_json::from_str(&connection.json).unwrap_or(Value::Null)
    }
}

/// A project's repository.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Repository {
    /// The createRepository body as received.
    pub body: Value,
    /// The GitLab token last received (exported as `***`).
    #[serde(serialize_with = "redacted_option")]
    pub token: Option<Secret>,
    /// How many times rotateRepositoryToken replaced it.
    pub token_rotations: u64,
}

/// A secret value stored for an agent.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct StoredSecret {
    /// The agent it was sent to.
    pub agent_id: String,
    /// The secret's name.
    pub name: String,
    /// `DWH_PASSWORD` or `CLOUD_PLATFORM_CREDENTIALS`.
    #[serde(rename = "type")]
    pub secret_type: String,
    /// The member of `value` holding the credential (DWH_PASSWORD).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The cloud (`aws`, `azure`, `gcp`) of CLOUD_PLATFORM_CREDENTIALS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The value's members (exported as `***`).
    #[serde(serialize_with = "redacted_map")]
    pub value: BTreeMap<String, Secret>,
}

/// A successful answer: status, JSON body (as text), and whether state changed.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub status: u16,
    pub body: String,
    pub changed: bool,
}

/// A refused request: status, `detail`, and `violations` for a 400.
#[derive(Debug)]
pub(crate) struct Failure {
    pub status: u16,
    pub detail: String,
    pub violations: Vec<String>,
}

impl Failure {
    fn new(status: u16, detail: String) -> Failure {
        Failure { status, detail, violations: Vec::new() }
    }
}

/// The query of a list: paging and the connection filters.
#[derive(Debug, Default)]
pub(crate) struct ListQuery {
    pub page: u64,
    pub size: u64,
    pub connection_names: Option<BTreeSet<String>>,
    pub auth_providers: Option<BTreeSet<String>>,
    pub platform_connection_type: Option<String>,
}

/// What a request carries besides its operation and body.
pub(crate) struct Request<'a> {
    pub route: &'a Route,
    pub body: Value,
    pub query: &'a ListQuery,
    pub git_token: Option<Secret>,
    /// The creating user's id (`createdBy`).
    pub user_id: &'a str,
    /// The time of the request, as `createdDate` shows it.
    pub now: &'a str,
}

fn text<'v>(value: &'v Value, pointer: &str) -> &'v str {
    value.pointer(pointer).and_then(Value::as_str).unwrap_or_default()
}

/// One page of `items` (only that page's items are built, so a long list costs no more than a short one).
fn page_of<T>(items: &[T], query: &ListQuery, build: impl Fn(&T) -> Value) -> Value {
    let skip = usize::try_from(query.page.saturating_mul(query.size)).unwrap_or(usize::MAX);
    let take = usize::try_from(query.size).unwrap_or(usize::MAX);
    let results: Vec<Value> = items.iter().skip(skip).take(take).map(build).collect();
    json!({"results": results, "page": query.page, "size": query.size, "total": items.len()})
}

fn created(body: Value) -> Result<Outcome, Failure> {
    Ok(Outcome { status: 201, body: body.to_string(), changed: true })
}

fn listed(body: Value) -> Result<Outcome, Failure> {
    Ok(Outcome { status: 200, body: body.to_string(), changed: false })
}

/// A page of connections, written from their stored text.
fn connection_page(items: &[&Connection], total: usize, query: &ListQuery) -> Result<Outcome, Failure> {
    let mut body = String::with_capacity(64 + items.iter().map(|c| c.json.len() + 1).sum::<usize>());
    body.push_str("{\"results\":[");
    for (at, connection) in items.iter().enumerate() {
        if at > 0 {
            body.push(',');
        }
        body.push_str(&connection.json);
    }
    body.push_str(&format!("],\"page\":{},\"size\":{},\"total\":{total}}}", query.page, query.size));
    Ok(Outcome { status: 200, body, changed: false })
}

/// The bounds of a page in a list of `len` items.
fn page_bounds(len: usize, query: &ListQuery) -> std::ops::Range<usize> {
    let skip = usize::try_from(query.page.saturating_mul(query.size)).unwrap_or(usize::MAX).min(len);
    let take = usize::try_from(query.size).unwrap_or(usize::MAX);
    skip..skip.saturating_add(take).min(len)
}

impl AccountState {
    /// A fresh account: the seeded agents and nothing else.
    pub(crate) fn new(ids: IdSource) -> AccountState {
        AccountState { agents: seeded_agents(ids), ids, ..AccountState::default() }
    }

    /// Builds the indexes of an imported state and checks that its names are unique.
    pub(crate) fn reindex(mut self, ids: IdSource) -> Result<AccountState, String> {
        self.ids = ids;
        if self.agents.is_empty() {
            self.agents = seeded_agents(ids);
        }
        let mut index = Index::default();
        for (at, project) in self.projects.iter_mut().enumerate() {
            let name = text(&project.body, "/name").to_owned();
            if project.id.is_empty() || name.is_empty() {
                return Err(format!("project {at} needs an `id` and a `body.name`"));
            }
            if index.projects_by_id.insert(project.id.clone(), at).is_some() || !index.project_names.insert(name.clone()) {
                return Err(format!("project `{name}` repeats an id or a name"));
            }
            project.connection_names.clear();
            project.environment_names.clear();
            for connection in &project.connections {
                if !project.connection_names.insert(connection.name.clone()) {
                    return Err(format!("project `{name}` repeats the connection `{}`", connection.name));
                }
            }
            for environment in &project.environments {
                if !project.environment_names.insert(text(environment, "/name").to_owned()) {
                    return Err(format!("project `{name}` repeats the environment `{}`", text(environment, "/name")));
                }
            }
        }
        for secret in &self.secrets {
            if !index.secrets.insert((secret.agent_id.clone(), secret.name.clone())) {
                return Err(format!("agent `{}` repeats the secret `{}`", secret.agent_id, secret.name));
            }
        }
        self.index = index;
        Ok(self)
    }

    /// The next resource id, never one already in use.
    fn next_id(&mut self) -> String {
        loop {
            let id = self.ids.uuid(RESOURCE_STREAM, self.ids_issued);
            self.ids_issued += 1;
            if !self.index.projects_by_id.contains_key(&id) {
                return id;
            }
        }
    }

    fn has_agent(&self, id: &str) -> Option<&Value> {
        self.agents.iter().find(|agent| text(agent, "/agentId") == id)
    }

    fn project_index(&self, route: &Route) -> Result<usize, Failure> {
        let id = route.param("projectId").unwrap_or_default();
        self.index.projects_by_id.get(id).copied().ok_or_else(|| Failure::new(404, format!("no project has the id `{id}` in this account")))
    }

    fn project_mut(&mut self, route: &Route) -> Result<&mut Project, Failure> {
        let at = self.project_index(route)?;
        self.projects.get_mut(at).ok_or_else(|| Failure::new(500, "the project index is out of step".to_owned()))
    }

    fn project(&self, route: &Route) -> Result<&Project, Failure> {
        let at = self.project_index(route)?;
        self.projects.get(at).ok_or_else(|| Failure::new(500, "the project index is out of step".to_owned()))
    }

    /// Carries out a request the core found valid.
    pub(crate) fn apply(&mut self, operation: Operation, request: Request<'_>) -> Result<Outcome, Failure> {
        let Request { route, body, query, git_token, user_id, now } = request;
        match operation {
            Operation::CreateProject => {
                let name = text(&body, "/name").to_owned();
                if self.index.project_names.contains(&name) {
                    return Err(Failure::new(409, format!("a project named `{name}` already exists in this account")));
                }
                let id = self.next_id();
                self.index.projects_by_id.insert(id.clone(), self.projects.len());
                self.index.project_names.insert(name);
                self.projects.push(Project { id: id.clone(), created_date: now.to_owned(), body, ..Project::default() });
                created(json!({"projectId": id}))
            }
            Operation::CreateDataPlatformConnection => {
                let project = self.project_mut(route)?;
                if let Some(existing) = &project.warehouse_connection {
                    let name = text(existing, "/name");
                    return Err(Failure::new(409, format!("the project already has a default warehouse connection, `{name}`")));
                }
                project.warehouse_connection = Some(body);
                created(json!({}))
            }
            Operation::CreateSecretValue => self.create_secret(route, body),
            Operation::CreateProjectConnection => {
                let project = self.project_mut(route)?;
                let name = text(&body, "/name").to_owned();
                if project.connection_names.contains(&name) {
                    return Err(Failure::new(409, format!("a connection named `{name}` already exists in the project")));
                }
                let project_id = project.id.clone();
                let id = self.next_id();
                let mut echo = match body {
                    Value::Object(map) => map,
                    _ => Map::new(),
                };
                echo.insert("id".to_owned(), json!(id));
                echo.insert("createdBy".to_owned(), json!(user_id));
                echo.insert("createdDate".to_owned(), json!(now));
                echo.insert("projectId".to_owned(), json!(project_id));
                let connection = Connection::try_from(Value::Object(echo)).map_err(|message| Failure::new(500, message))?;
                let body = connection.json.clone();
                let project = self.project_mut(route)?;
                project.connection_names.insert(name);
                project.connections.push(connection);
                Ok(Outcome { status: 201, body, changed: true })
            }
            Operation::CreateEnvironment => self.create_environment(route, body),
            Operation::CreateRepository => {
                let project = self.project_mut(route)?;
                if let Some(existing) = &project.repository {
                    let name = text(&existing.body, "/repositoryName");
                    return Err(Failure::new(409, format!("the project already has a repository, `{name}`")));
                }
                let provider = text(&body, "/provider");
                let token = if provider == "gitlab" { git_token } else { None };
                project.repository = Some(Repository { body, token, token_rotations: 0 });
                created(json!({}))
            }
            Operation::RotateRepositoryToken => {
                let project = self.project_mut(route)?;
                let Some(repository) = project.repository.as_mut() else {
                    return Err(Failure::new(404, "the project has no repository; create one first".to_owned()));
                };
                let provider = text(&repository.body, "/provider");
                if provider != "gitlab" {
                    return Err(Failure::new(
                        400,
                        format!("only a `gitlab` repository takes a new token; this project's repository is `{provider}`"),
                    ));
                }
                repository.token = git_token;
                repository.token_rotations += 1;
                created(json!({}))
            }
            Operation::ListAgents => listed(page_of(&self.agents, query, Value::clone)),
            Operation::ListProjects => listed(page_of(&self.projects, query, |project| {
                let mut item = Map::new();
                item.insert("id".to_owned(), json!(project.id));
                item.insert("name".to_owned(), json!(text(&project.body, "/name")));
                if let Some(description) = project.body.get("description") {
                    item.insert("description".to_owned(), description.clone());
                }
                Value::Object(item)
            })),
            Operation::ListEnvironments => {
                let project = self.project(route)?;
                listed(page_of(&project.environments, query, |environment| {
                    let agent_id = text(environment, "/defaultAgentId");
                    let agent_name = self.has_agent(agent_id).map(|agent| text(agent, "/name")).unwrap_or_default();
                    let mut item = Map::new();
                    item.insert("name".to_owned(), json!(text(environment, "/name")));
                    item.insert("defaultAgentId".to_owned(), json!(agent_id));
                    item.insert("defaultAgentName".to_owned(), json!(agent_name));
                    for member in ["displayName", "description", "defaultUserAccessLevel"] {
                        if let Some(value) = environment.get(member) {
                            item.insert(member.to_owned(), value.clone());
                        }
                    }
                    Value::Object(item)
                }))
            }
            Operation::ListProjectConnections => {
                let project = self.project(route)?;
                let keep = |connection: &&Connection| {
                    query.connection_names.as_ref().is_none_or(|names| names.contains(&connection.name))
                        && query.auth_providers.as_ref().is_none_or(|providers| providers.contains(&connection.auth_provider))
                        && query.platform_connection_type.as_deref().is_none_or(|kind| kind == connection.platform_connection_type)
                };
                let filtered = query.connection_names.is_some() || query.auth_providers.is_some() || query.platform_connection_type.is_some();
                if filtered {
                    let kept: Vec<&Connection> = project.connections.iter().filter(keep).collect();
                    let page: Vec<&Connection> = kept.get(page_bounds(kept.len(), query)).unwrap_or_default().to_vec();
                    connection_page(&page, kept.len(), query)
                } else {
                    let all = &project.connections;
                    let page: Vec<&Connection> = all.get(page_bounds(all.len(), query)).into_iter().flatten().collect();
                    connection_page(&page, all.len(), query)
                }
            }
            _ => Err(Failure::new(501, format!("the emulator does not carry out `{operation}`"))),
        }
    }

    fn create_secret(&mut self, route: &Route, body: Value) -> Result<Outcome, Failure> {
        let agent_id = route.param("agentId").unwrap_or_default().to_owned();
        if self.has_agent(&agent_id).is_none() {
            return Err(Failure::new(404, format!("no agent has the id `{agent_id}` in this account")));
        }
        let wrapped = body.get("secret").is_some();
        let root = if wrapped { "/secret" } else { "" };
        let name = text(&body, &format!("{root}/name")).to_owned();
        let secret_type = text(&body, &format!("{root}/type")).to_owned();
        if self.index.secrets.contains(&(agent_id.clone(), name.clone())) {
            return Err(Failure::new(409, format!("a secret named `{name}` already exists for agent `{agent_id}`")));
        }
        let mut value = BTreeMap::new();
        let mut provider = None;
        if let Some(members) = body.pointer(&format!("{root}/value")).and_then(Value::as_object) {
            for (member, item) in members {
                match item {
                    Value::String(text) if wrapped && member == "type" => provider = Some(text.clone()),
                    Value::String(text) => _ = value.insert(member.clone(), Secret::new(text.clone())),
                    other => _ = value.insert(member.clone(), Secret::new(other.to_string())),
                }
            }
        }
        let key = (!wrapped).then(|| text(&body, "/key").to_owned());
        let resolver_ref = match &key {
            Some(key) => format!("${{srs-mhcv:1:{secret_type}/{name}@{key}}}"),
            None => format!("${{srs-mhcv:1:{secret_type}/{name}}}"),
        };
        self.index.secrets.insert((agent_id.clone(), name.clone()));
        self.secrets.push(StoredSecret { agent_id, name: name.clone(), secret_type, key, provider, value });
        created(json!({"vaultSecretName": name, "resolver_ref": resolver_ref}))
    }

    fn create_environment(&mut self, route: &Route, body: Value) -> Result<Outcome, Failure> {
        let agent_id = text(&body, "/defaultAgentId").to_owned();
        let agent_known = self.has_agent(&agent_id).is_some();
        let project = self.project_mut(route)?;
        let name = text(&body, "/name").to_owned();
        if project.environment_names.contains(&name) {
            return Err(Failure::new(409, format!("an environment named `{name}` already exists in the project")));
        }
        let mut violations = Vec::new();
        if !agent_known {
            violations.push(format!("/defaultAgentId: no agent has the id `{agent_id}` in this account"));
        }
        let warehouse_name = project.warehouse_connection.as_ref().map(|connection| text(connection, "/name"));
        let mut missing = Vec::new();
        for (kind, providers) in body.get("defaultConnections").and_then(Value::as_object).into_iter().flatten() {
            for (provider, connection) in providers.as_object().into_iter().flatten() {
                let connection = connection.as_str().unwrap_or_default();
                if Some(connection) != warehouse_name && !project.connection_names.contains(connection) {
                    let pointer = json_pointer(["defaultConnections", kind.as_str(), provider.as_str()]);
                    violations.push(format!("{pointer}: the project has no connection named `{connection}`"));
                    missing.push(format!("`{connection}`"));
                }
            }
        }
        if !violations.is_empty() {
            let detail = if missing.is_empty() {
                format!("`defaultAgentId` names no agent of this account: `{agent_id}`")
            } else {
                format!("`defaultConnections` names connections that do not exist in the project: {}", missing.join(", "))
            };
            return Err(Failure { status: 400, detail, violations });
        }
        project.environment_names.insert(name);
        project.environments.push(body);
        created(json!({}))
    }
}
