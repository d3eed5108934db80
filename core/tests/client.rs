//! The client against the emulator, in process on 127.0.0.1: a whole project in the guide's
//! order, then each fault the client must survive (429, 503, drops before and after processing,
//! 500 after processing, timeouts, expired tokens, wrong secrets, 16 callers on one rate limit),
//! and that no secret leaves through an error, the client's `Debug` or the attempt log.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, missing_docs, reason = "tests: a failed unwrap is a failed test")]

use maia_provision::client::{AttemptLog, Client, ClientError, ClientOptions, TransportError};
use maia_provision::{HttpRequest, HttpResponse, Operation, Secret};
use maia_provision_emulator::{AccountConfig, Emulator, EmulatorConfig, EmulatorHandle, FaultAction, FaultRule};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CANARY_SECRET: &str = "canary-client-secret-7d1f";
const CANARY_PAT: &str = "canary-pat-93be";
const CANARY_VALUE: &str = "canary-secret-value-51ac";

async fn emulator(config: EmulatorConfig) -> EmulatorHandle {
    Emulator::start(EmulatorConfig { seed: 11, ..config }).await.unwrap()
}

fn options(emu: &EmulatorHandle) -> ClientOptions {
    ClientOptions {
        base_url: Some(emu.url().to_owned()),
        token_url: Some(emu.token_url().to_owned()),
        client_id: Some(emu.client_id().to_owned()),
        client_secret: Some(emu.client_secret().clone()),
        timeout: Some(Duration::from_secs(10)),
        ..ClientOptions::default()
    }
}

fn client(emu: &EmulatorHandle) -> Client {
    Client::new(options(emu)).unwrap()
}

/// A client whose attempt log is kept.
fn logged_client(options: ClientOptions) -> (Client, Arc<Mutex<Vec<AttemptLog>>>) {
    let records = Arc::new(Mutex::new(Vec::new()));
    let sink = records.clone();
    let options = ClientOptions { on_attempt: Some(Arc::new(move |record: &AttemptLog| sink.lock().unwrap().push(record.clone()))), ..options };
    (Client::new(options).unwrap(), records)
}

fn rule(operation: &str, action: FaultAction) -> FaultRule {
    FaultRule { method: None, path: None, operation: Some(operation.to_owned()), nth: None, probability: None, times: Some(1), action }
}

async fn control(emu: &EmulatorHandle, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
    let http = reqwest::Client::new();
    let mut request = http.request(method, format!("{}/{path}", emu.control_url()));
    if let Some(body) = body {
        request = request.body(body.to_string());
    }
    let response = request.send().await.unwrap();
    let text = response.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

async fn add_fault(emu: &EmulatorHandle, rule: FaultRule) {
    let answer = control(emu, reqwest::Method::POST, "faults", Some(serde_json::to_value(rule).unwrap())).await;
    assert!(answer["ids"].is_array(), "{answer}");
}

async fn journal(emu: &EmulatorHandle) -> Vec<Value> {
    control(emu, reqwest::Method::GET, "requests", None).await["requests"].as_array().unwrap().clone()
}

fn count(journal: &[Value], operation: &str, status: Option<u16>) -> usize {
    journal.iter().filter(|e| e["operation"] == operation && status.is_none_or(|s| e["status"] == json!(s))).count()
}

fn creates(journal: &[Value], operation: &str, key: &str) -> usize {
    journal.iter().filter(|e| e["operation"] == operation && e["key"] == key && e["changed"] == true).count()
}

/// A request example from `examples/requests/`: (operation, params, body).
fn example(prefix: &str) -> (Operation, Value, Value) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/requests");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    let name = names.iter().find(|name| name.starts_with(prefix)).unwrap();
    let value: Value = serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap();
    let operation: Operation = value["operation"].as_str().unwrap().parse().unwrap();
    (operation, value.get("params").cloned().unwrap_or(Value::Null), value.get("body").cloned().unwrap_or(Value::Null))
}

fn project_body(name: &str) -> Value {
    json!({"name": name, "warehouse": "SNOWFLAKE", "agentDeploymentType": "FULL_SAAS"})
}

fn names(items: &[Value]) -> Vec<&str> {
    items.iter().map(|item| item["name"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_whole_project_in_the_guides_order_with_ids_threaded() {
    let emu = emulator(EmulatorConfig::default()).await;
    let client = client(&emu);

    let created = client.create_project(&example("01").2).await.unwrap();
    let project = created["projectId"].as_str().unwrap().to_owned();
    assert_eq!(client.create_data_platform_connection(&project, &example("02").2).await.unwrap(), json!({}));

    let agents = client.list_agents().await.unwrap();
    let agent = |kind: &str| agents.iter().find(|a| a["deploymentType"] == kind).unwrap()["agentId"].as_str().unwrap().to_owned();
    let (hybrid, full_saas) = (agent("HYBRID"), agent("FULL_SAAS"));
    let secret = client.create_secret_value(&full_saas, &example("03").2).await.unwrap();
    assert_eq!(secret["vaultSecretName"], "snowflake-private-key");

    let connection = client.create_project_connection(&project, &example("07").2).await.unwrap();
    assert_eq!((connection["name"].as_str(), connection["projectId"].as_str()), (Some("aws-connection"), Some(project.as_str())));

    let mut environment = example("15").2;
    environment["defaultAgentId"] = json!(hybrid);
    assert_eq!(client.create_environment(&project, &environment).await.unwrap(), json!({}));

    let (_, _, gitlab) = example("20");
    client.create_repository(&project, &gitlab, Some(Secret::new(CANARY_PAT))).await.unwrap();
    client.rotate_repository_token(&project, Secret::new(format!("{CANARY_PAT}-2"))).await.unwrap();

    assert_eq!(names(&client.list_projects().await.unwrap()), ["my-project-name"]);
    assert_eq!(names(&client.list_environments(&project).await.unwrap()), ["development"]);
    let filtered = client.list_project_connections(&project, Some(&["aws-connection"])).await.unwrap();
    assert_eq!(names(&filtered), ["aws-connection"]);
    assert_eq!(client.list_project_connections(&project, None).await.unwrap().len(), 1);
    let by_call = client.call(Operation::ListProjectConnections, &Value::Null, &json!({"projectId": project, "connectionNames": ["nope"]})).await;
    assert_eq!(by_call.unwrap()["results"], json!([]));
    let page = client.call(Operation::ListProjects, &Value::Null, &json!({"page": 0, "size": 1})).await.unwrap();
    assert_eq!(page["total"], 1);

    let journal = journal(&emu).await;
    assert_eq!(count(&journal, "token", None), 1, "one token for the whole run");
    for (operation, key) in
        [("createProject", "my-project-name"), ("createProjectConnection", "aws-connection"), ("createEnvironment", "development")]
    {
        assert_eq!(creates(&journal, operation, key), 1, "{operation}");
    }
    assert!(journal.iter().all(|e| e["status"].as_u64().is_some_and(|s| s < 300)), "{journal:?}");
}

#[tokio::test]
async fn every_page_of_a_long_list() {
    let emu = emulator(EmulatorConfig::default()).await;
    let client = client(&emu);
    for index in 0..7 {
        client.create_project(&project_body(&format!("p{index}"))).await.unwrap();
    }
    let mut pages = client.pages(Operation::ListProjects, &json!({"size": 3}));
    let mut sizes = Vec::new();
    while let Some(page) = pages.next_page().await.unwrap() {
        sizes.push(page.len());
        assert!(sizes.len() <= 5, "bounded");
    }
    assert_eq!(sizes, [3, 3, 1]);
    assert_eq!(client.list_projects().await.unwrap().len(), 7);
}

#[tokio::test]
async fn a_429_waits_for_retry_after_then_succeeds() {
    let emu = emulator(EmulatorConfig::default()).await;
    add_fault(&emu, rule("listProjects", FaultAction::Status { status: 429, retry_after: Some(1) })).await;
    let (client, log) = logged_client(options(&emu));
    let started = Instant::now();
    assert!(client.list_projects().await.unwrap().is_empty());
    assert!(started.elapsed() >= Duration::from_millis(950), "{:?}", started.elapsed());
    let journal = journal(&emu).await;
    assert_eq!((count(&journal, "listProjects", Some(429)), count(&journal, "listProjects", Some(200))), (1, 1));
    let log = log.lock().unwrap();
    let limited = log.iter().find(|r| r.reason == "rate_limited").unwrap();
    assert_eq!((limited.status, limited.attempt, limited.route.as_str()), (Some(429), 1, "GET /v1/projects"));
    assert!(limited.wait.unwrap() >= Duration::from_secs(1));
    assert!(limited.to_string().contains("listProjects GET /v1/projects attempt 1: HTTP 429, rate_limited, next attempt in"), "{limited}");
}

#[tokio::test]
async fn a_429_pauses_every_call_of_the_client() {
    let emu = emulator(EmulatorConfig::default()).await;
    add_fault(&emu, rule("listProjects", FaultAction::Status { status: 429, retry_after: Some(2) })).await;
    let (client, log) = logged_client(options(&emu));
    let limited = tokio::spawn({
        let client = client.clone();
        async move { client.list_projects().await }
    });
    // Once the 429 is in, another call of the same client waits for the pause too.
    for _ in 0..500 {
        if log.lock().unwrap().iter().any(|r| r.status == Some(429)) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let started = Instant::now();
    client.list_agents().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(1000), "{:?}", started.elapsed());
    limited.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_429_that_persists_is_rate_limited() {
    let emu = emulator(EmulatorConfig::default()).await;
    add_fault(&emu, FaultRule { times: None, ..rule("listAgents", FaultAction::Status { status: 429, retry_after: Some(0) }) }).await;
    let client = Client::new(ClientOptions { max_retries: Some(1), ..options(&emu) }).unwrap();
    let error = client.list_agents().await.unwrap_err();
    assert!(matches!(error, ClientError::RateLimited { attempts: 2, .. }), "{error:?}");
    assert_eq!((error.code(), error.status()), ("rate_limited", Some(429)));
}

#[tokio::test]
async fn a_503_on_a_list_is_retried() {
    let emu = emulator(EmulatorConfig::default()).await;
    add_fault(&emu, FaultRule { times: Some(2), ..rule("listAgents", FaultAction::Status { status: 503, retry_after: None }) }).await;
    assert_eq!(client(&emu).list_agents().await.unwrap().len(), 2);
    let journal = journal(&emu).await;
    assert_eq!((count(&journal, "listAgents", Some(503)), count(&journal, "listAgents", Some(200))), (2, 1));
}

#[tokio::test]
async fn a_create_dropped_before_processing_is_sent_again_once_it_is_known_absent() {
    let emu = emulator(EmulatorConfig::default()).await;
    add_fault(&emu, rule("createProject", FaultAction::DropBefore)).await;
    let created = client(&emu).create_project(&project_body("dropped-before")).await.unwrap();
    assert!(created["projectId"].is_string(), "{created}");
    let journal = journal(&emu).await;
    assert_eq!(count(&journal, "createProject", None), 2, "the dropped one and the resend");
    assert_eq!(creates(&journal, "createProject", "dropped-before"), 1);
    assert_eq!(count(&journal, "listProjects", None), 1, "looked up once before the resend");
}

#[tokio::test]
async fn a_create_processed_but_unanswered_is_found_by_listing_not_sent_twice() {
    for action in [FaultAction::DropAfter, FaultAction::StatusAfter { status: 500, retry_after: None }] {
        let emu = emulator(EmulatorConfig::default()).await;
        add_fault(&emu, rule("createProject", action.clone())).await;
        let client = client(&emu);
        let created = client.create_project(&project_body("made-once")).await.unwrap();
        let projects = client.list_projects().await.unwrap();
        assert_eq!(names(&projects), ["made-once"], "{action:?}");
        assert_eq!(created["projectId"], projects[0]["id"], "{action:?}: the create returns the listed project");
        assert_eq!(created["name"], "made-once");
        let journal = journal(&emu).await;
        assert_eq!(count(&journal, "createProject", None), 1, "{action:?}: never sent again");
    }
}

#[tokio::test]
async fn connections_and_environments_are_looked_up_too_and_a_secret_is_unknown() {
    let emu = emulator(EmulatorConfig::default()).await;
    let client = client(&emu);
    let project = client.create_project(&project_body("p")).await.unwrap()["projectId"].as_str().unwrap().to_owned();
    add_fault(&emu, rule("createProjectConnection", FaultAction::DropAfter)).await;
    let connection = client.create_project_connection(&project, &example("07").2).await.unwrap();
    assert_eq!(connection["name"], "aws-connection");
    assert!(connection["id"].is_string());

    // No list shows secrets: the outcome stays unknown, and nothing is sent twice.
    let agents = client.list_agents().await.unwrap();
    let full_saas = agents.iter().find(|a| a["deploymentType"] == "FULL_SAAS").unwrap()["agentId"].as_str().unwrap().to_owned();
    add_fault(&emu, rule("createSecretValue", FaultAction::DropAfter)).await;
    let error = client.create_secret_value(&full_saas, &example("03").2).await.unwrap_err();
    assert!(matches!(&error, ClientError::OutcomeUnknown { key: Some(key), attempts: 1, .. } if key == "snowflake-private-key"), "{error:?}");
    assert_eq!(error.code(), "outcome_unknown");
    assert!(error.to_string().contains("cannot be looked up by listing"), "{error}");
    let journal = journal(&emu).await;
    assert_eq!(count(&journal, "createSecretValue", None), 1);
    assert_eq!(count(&journal, "createProjectConnection", None), 1);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_and_a_401_replays_once() {
    let emu = emulator(EmulatorConfig { token_ttl: 1, ..EmulatorConfig::default() }).await;
    let client = client(&emu);
    client.list_agents().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    client.list_agents().await.unwrap();
    let first = journal(&emu).await;
    assert_eq!(count(&first, "token", Some(200)), 2, "refreshed before use");
    assert_eq!(count(&first, "listAgents", Some(401)), 0);

    add_fault(&emu, rule("listProjects", FaultAction::Status { status: 401, retry_after: None })).await;
    client.list_projects().await.unwrap();
    let journal = journal(&emu).await;
    assert_eq!(count(&journal, "listProjects", Some(401)), 1);
    assert_eq!(count(&journal, "listProjects", Some(200)), 1);
    assert_eq!(count(&journal, "token", Some(200)), 3, "one new token after the 401");

    // A second 401 is final.
    add_fault(&emu, FaultRule { times: Some(2), ..rule("listProjects", FaultAction::Status { status: 401, retry_after: None }) }).await;
    let error = client.list_projects().await.unwrap_err();
    assert!(matches!(error, ClientError::Auth { status: Some(401), .. }), "{error:?}");
}

#[tokio::test]
async fn many_callers_waiting_for_a_token_share_one_request() {
    let emu = emulator(EmulatorConfig::default()).await;
    let client = client(&emu);
    let calls: Vec<_> = (0..8).map(|_| client.clone()).map(|client| tokio::spawn(async move { client.list_agents().await })).collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(count(&journal(&emu).await, "token", None), 1);
}

#[tokio::test]
async fn a_wrong_secret_is_an_auth_error_at_once() {
    let emu = emulator(EmulatorConfig::default()).await;
    let client = Client::new(ClientOptions { client_secret: Some(Secret::new(CANARY_SECRET)), ..options(&emu) }).unwrap();
    let error = client.list_agents().await.unwrap_err();
    assert!(matches!(error, ClientError::Auth { status: Some(400 | 401), .. }), "{error:?}");
    assert_eq!(error.code(), "auth");
    for text in [error.to_string(), format!("{error:?}"), format!("{client:?}")] {
        assert!(!text.contains(CANARY_SECRET), "{text}");
    }
    let journal = journal(&emu).await;
    assert!(count(&journal, "token", None) <= 2, "{journal:?}");
    assert_eq!(count(&journal, "listAgents", None), 0);
}

#[tokio::test]
async fn a_create_that_times_out_is_looked_up_before_it_is_sent_again() {
    let emu = emulator(EmulatorConfig::default()).await;
    add_fault(&emu, rule("createProject", FaultAction::Delay { ms: 3000 })).await;
    let client = Client::new(ClientOptions { timeout: Some(Duration::from_millis(400)), ..options(&emu) }).unwrap();
    let started = Instant::now();
    let created = client.create_project(&project_body("slow")).await;
    assert!(started.elapsed() < Duration::from_secs(20));
    // Let the delayed request finish (or be abandoned) on the server, then count.
    tokio::time::sleep(Duration::from_millis(3200)).await;
    let journal = journal(&emu).await;
    let projects = client.list_projects().await.unwrap();
    match created {
        Ok(project) => assert_eq!(names(&projects), ["slow"], "{project}: {journal:?}"),
        Err(error) => panic!("{error:?}: {journal:?}"),
    }
    assert_eq!(creates(&journal, "createProject", "slow"), 1, "{journal:?}");
}

#[tokio::test]
async fn sixteen_callers_share_one_rate_limit() {
    let emu = emulator(EmulatorConfig { rate_limit: Some(120), ..EmulatorConfig::default() }).await;
    let client = Client::new(ClientOptions { rate_limit: Some(120), ..options(&emu) }).unwrap();
    let started = Instant::now();
    let calls: Vec<_> = (0..16).map(|_| client.clone()).map(|client| tokio::spawn(async move { client.list_agents().await })).collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    // 120 a minute, paced (a burst of 1): the 16 calls are spaced half a second apart.
    assert!(started.elapsed() >= Duration::from_secs(7), "{:?}", started.elapsed());
    assert!(started.elapsed() < Duration::from_secs(30), "{:?}", started.elapsed());
    let journal = journal(&emu).await;
    assert!(count(&journal, "listAgents", Some(429)) <= 2, "{journal:?}");
    assert_eq!(count(&journal, "listAgents", Some(200)), 16);
}

#[tokio::test]
async fn invalid_requests_are_not_sent() {
    let emu = emulator(EmulatorConfig::default()).await;
    let client = client(&emu);
    let error = client.create_project(&json!({"name": "p", "warehouse": "SNOWFLAKE"})).await.unwrap_err();
    assert!(matches!(error, ClientError::Validation { operation: Operation::CreateProject, .. }), "{error:?}");
    assert_eq!((error.attempts(), error.code()), (0, "validation"));
    assert!(!error.violations().is_empty());
    let error = client.list_environments("not-a-uuid").await.unwrap_err();
    assert_eq!(error.code(), "validation", "{error}");
    assert!(journal(&emu).await.is_empty(), "not even a token request");
}

#[tokio::test]
async fn no_secret_leaves_through_errors_debug_or_the_log() {
    let account = AccountConfig { client_secret: Secret::new(CANARY_SECRET), ..AccountConfig::default() };
    let emu = emulator(EmulatorConfig { accounts: vec![account], ..EmulatorConfig::default() }).await;
    let (client, log) = logged_client(options(&emu));
    let mut texts = vec![format!("{client:?}"), format!("{:?}", options(&emu))];

    // A secret body refused by the server (unknown agent), and a PAT on a project that is not there.
    let mut body = example("03").2;
    body["secretValue"] = json!(CANARY_VALUE);
    let agent = "00000000-0000-4000-8000-000000000000";
    let error = client.create_secret_value(agent, &body).await.unwrap_err();
    assert_eq!(error.status(), Some(404), "{error:?}");
    texts.extend([error.to_string(), format!("{error:?}")]);
    let error = client.rotate_repository_token(agent, Secret::new(CANARY_PAT)).await.unwrap_err();
    texts.extend([error.to_string(), format!("{error:?}")]);
    // An invalid secret body: the violations quote no secret.
    let error = client.create_secret_value(agent, &json!({"secretValue": CANARY_VALUE, "name": 5})).await.unwrap_err();
    texts.extend([error.to_string(), format!("{error:?}")]);
    // A static token that the server refuses.
    let stale = Client::new(ClientOptions { client_id: None, client_secret: None, token: Some(Secret::new(CANARY_PAT)), ..options(&emu) }).unwrap();
    let error = stale.list_agents().await.unwrap_err();
    assert!(matches!(error, ClientError::Auth { status: Some(401), .. }), "{error:?}");
    texts.extend([error.to_string(), format!("{error:?}"), format!("{stale:?}")]);

    texts.extend(log.lock().unwrap().iter().flat_map(|record| [record.to_string(), format!("{record:?}")]));
    for text in &texts {
        for canary in [CANARY_SECRET, CANARY_PAT, CANARY_VALUE] {
            assert!(!text.contains(canary), "`{canary}` in {text}");
        }
    }
}

#[tokio::test]
async fn a_closure_transport_sees_what_would_be_sent() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let transport = move |request: &HttpRequest| -> Result<HttpResponse, TransportError> {
        record.lock().unwrap().push(request.clone());
        Ok(HttpResponse::new(201, vec![("content-type".to_owned(), "application/json".to_owned())], "{}"))
    };
    let options = ClientOptions { region: Some("eu1".to_owned()), token: Some(Secret::new("Bearer static-token")), ..ClientOptions::default() };
    let client = Client::with_transport(options, Arc::new(transport)).unwrap();
    let project = "550e8400-e29b-41d4-a716-446655440002";
    client.rotate_repository_token(project, Secret::new("glpat-xyz")).await.unwrap();
    let seen = seen.lock().unwrap();
    let request = &seen[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url, format!("https://eu1.api.matillion.com/dpc/v1/projects/{project}/repositories/token"));
    assert_eq!(request.header("authorization"), Some("Bearer static-token"));
    assert_eq!(request.header("git-provider-access-token"), Some("glpat-xyz"));
    assert!(request.header("user-agent").unwrap().starts_with("maia-provision/"));
    assert_eq!(request.body, None);
    assert!(!format!("{request:?}").contains("glpat-xyz"));
}

#[test]
fn options_name_what_is_wrong_and_the_environment_fills_the_rest() {
    let env = |name: &str| match name {
        "MAIA_REGION" => Some("us1".to_owned()),
        "MAIA_CLIENT_ID" => Some("id".to_owned()),
        "MAIA_CLIENT_SECRET" => Some("secret".to_owned()),
        _ => None,
    };
    let client = Client::new(ClientOptions::default().with_env_from(env)).unwrap();
    assert_eq!(client.base_url(), "https://us1.api.matillion.com/dpc");
    let given = ClientOptions { base_url: Some("http://127.0.0.1:9".to_owned()), ..ClientOptions::default() }.with_env_from(env);
    assert_eq!(Client::new(given).unwrap().base_url(), "http://127.0.0.1:9");

    let bad = |options: ClientOptions| Client::new(options).unwrap_err().option;
    let base = || ClientOptions { region: Some("eu1".to_owned()), token: Some(Secret::new("t")), ..ClientOptions::default() };
    assert_eq!(bad(ClientOptions { region: Some("mars".to_owned()), ..base() }), "region");
    assert_eq!(bad(ClientOptions { region: None, base_url: Some("ftp://x".to_owned()), ..base() }), "baseUrl");
    assert_eq!(bad(ClientOptions { token: None, ..base() }), "clientId");
    assert_eq!(bad(ClientOptions { token: None, client_id: Some("id".to_owned()), ..base() }), "clientSecret");
    assert_eq!(bad(ClientOptions { client_id: Some("id".to_owned()), ..base() }), "token");
    assert_eq!(bad(ClientOptions { timeout: Some(Duration::ZERO), ..base() }), "timeout");
    assert_eq!(bad(ClientOptions { max_retries: Some(1000), ..base() }), "maxRetries");
    assert_eq!(bad(ClientOptions { rate_limit: Some(0), ..base() }), "rateLimit");
    let token_url =
        ClientOptions { token: None, client_id: Some("i".into()), client_secret: Some(Secret::new("s")), token_url: Some("nope".into()), ..base() };
    assert_eq!(bad(token_url), "tokenUrl");
}

#[tokio::test]
async fn a_server_that_echoes_the_requests_secrets_does_not_put_them_in_the_error() {
    const PASSWORD: &str = "Cnry0Pass9word-echoed";
    const TOKEN: &str = "static-canary-token";
    let transport = move |request: &HttpRequest| -> Result<HttpResponse, TransportError> {
        // A careless server: it repeats the body and the token in its answer.
        let detail = format!("refused {} with token {TOKEN}", request.body.clone().unwrap_or_default());
        let problem = serde_json::json!({"title": "Bad Request", "status": 400, "detail": detail, "violations": [format!("{PASSWORD} is weak")]});
        Ok(HttpResponse::new(400, vec![("content-type".to_owned(), "application/problem+json".to_owned())], problem.to_string()))
    };
    let options = ClientOptions { region: Some("eu1".to_owned()), token: Some(Secret::new(TOKEN)), max_retries: Some(0), ..ClientOptions::default() };
    let client = Client::with_transport(options, Arc::new(transport)).unwrap();
    let body = serde_json::json!({"name": "pw", "type": "DWH_PASSWORD", "key": "password", "value": {"password": PASSWORD}});
    let error = client.create_secret_value("28d7eae0-1ed5-42d1-b2d9-67decbdef2c3", &body).await.unwrap_err();
    let ClientError::Api { error: api, .. } = &error else { panic!("not an API error: {error}") };
    for printed in [error.to_string(), format!("{error:?}"), api.body.clone(), serde_json::to_string(&api.problem).unwrap()] {
        assert!(!printed.contains(PASSWORD) && !printed.contains(TOKEN), "{printed}");
    }
    assert!(api.violations()[0].contains("*** is weak"), "{:?}", api.violations());
}
