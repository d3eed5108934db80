//! What every integration test uses: an emulator, a reqwest client, a token, and requests built
//! by the core's `build_request` (or sent raw, for what the core would refuse to build).
#![allow(dead_code, missing_docs)]
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, reason = "test helpers: a failed unwrap is a failed test")]

use maia_provision::{BuildOptions, Operation, Secret, build_request};
use maia_provision_emulator::{Emulator, EmulatorConfig, EmulatorHandle};
use serde_json::{Value, json};
use std::path::PathBuf;

pub struct Api {
    pub emu: EmulatorHandle,
    pub http: reqwest::Client,
    pub token: String,
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
    pub body: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// Asserts a ProblemDetail of `status` and returns it.
    pub fn problem(&self, status: u16) -> &Value {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.content_type, "application/problem+json", "{}", self.text);
        for member in ["type", "title", "detail", "instance"] {
            assert!(self.body[member].is_string(), "`{member}` in {}", self.text);
        }
        assert_eq!(self.body["status"], json!(status));
        &self.body
    }

    pub fn detail(&self) -> &str {
        self.body["detail"].as_str().unwrap_or_default()
    }

    pub fn violations(&self) -> Vec<String> {
        self.body["violations"].as_array().map(|items| items.iter().map(|v| v.as_str().unwrap().to_owned()).collect()).unwrap_or_default()
    }
}

pub async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::Null) };
    Answer { status, content_type, headers, text, body }
}

pub fn config() -> EmulatorConfig {
    EmulatorConfig { seed: 1, ..EmulatorConfig::default() }
}

pub async fn start(config: EmulatorConfig) -> Api {
    let emu = Emulator::start(config).await.unwrap();
    let http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(10)).build().unwrap();
    let token = token_for(&http, emu.token_url(), emu.client_id(), emu.client_secret().expose()).await;
    Api { emu, http, token }
}

pub async fn token_response(http: &reqwest::Client, url: &str, form: &[(&str, &str)]) -> Answer {
    answer(http.post(url).form(form).send().await.unwrap()).await
}

pub async fn token_for(http: &reqwest::Client, url: &str, id: &str, secret: &str) -> String {
    let form = [("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret), ("audience", "https://api.matillion.com")];
    let answer = token_response(http, url, &form).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    answer.body["access_token"].as_str().unwrap().to_owned()
}

impl Api {
    /// Sends a request the core builds (so it must be valid), with this API's token.
    pub async fn call(&self, operation: Operation, params: &Value, body: &Value) -> Answer {
        self.call_with(&self.token, operation, params, body).await
    }

    pub async fn call_with(&self, token: &str, operation: Operation, params: &Value, body: &Value) -> Answer {
        self.try_call_with(token, operation, params, body).await.unwrap()
    }

    /// [`Api::call`] that hands back transport errors (for dropped connections).
    pub async fn try_call(&self, operation: Operation, params: &Value, body: &Value) -> Result<Answer, reqwest::Error> {
        self.try_call_with(&self.token, operation, params, body).await
    }

    pub async fn try_call_with(&self, token: &str, operation: Operation, params: &Value, body: &Value) -> Result<Answer, reqwest::Error> {
        let options = BuildOptions::base_url(self.emu.url()).unwrap().with_token(Secret::new(token)).unwrap();
        let request = build_request(operation, body, params, &options).unwrap_or_else(|error| panic!("{operation}: {error}"));
        let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes()).unwrap();
        let mut builder = self.http.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name.as_ref(), value.expose());
        }
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let response = builder.send().await?;
        Ok(answer(response).await)
    }

    /// Sends anything: `token` `None` sends no `Authorization` header.
    pub async fn raw(&self, method: &str, path: &str, token: Option<&str>, body: Option<&str>) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut builder = self.http.request(method, format!("{}{path}", self.emu.url()));
        if let Some(token) = token {
            builder = builder.bearer_auth(token);
        }
        if let Some(body) = body {
            builder = builder.header("content-type", "application/json").body(body.to_owned());
        }
        answer(builder.send().await.unwrap()).await
    }

    pub async fn control(&self, method: &str, path: &str, body: Option<&Value>) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut builder = self.http.request(method, format!("{}/_emulator/{path}", self.emu.url()));
        if let Some(body) = body {
            builder = builder.body(body.to_string());
        }
        answer(builder.send().await.unwrap()).await
    }

    pub async fn journal(&self) -> Vec<Value> {
        self.control("GET", "requests", None).await.body["requests"].as_array().unwrap().clone()
    }

    pub async fn create_project(&self, name: &str) -> String {
        let body = json!({"name": name, "warehouse": "SNOWFLAKE", "agentDeploymentType": "FULL_SAAS"});
        let answer = self.call(Operation::CreateProject, &Value::Null, &body).await;
        assert_eq!(answer.status, 201, "{}", answer.text);
        answer.body["projectId"].as_str().unwrap().to_owned()
    }

    /// The agent ids by deployment type: (HYBRID, FULL_SAAS).
    pub async fn agents(&self) -> (String, String) {
        let answer = self.call(Operation::ListAgents, &Value::Null, &Value::Null).await;
        let find = |kind: &str| {
            answer.body["results"].as_array().unwrap().iter().find(|a| a["deploymentType"] == kind).unwrap()["agentId"].as_str().unwrap().to_owned()
        };
        (find("HYBRID"), find("FULL_SAAS"))
    }
}

/// A request example from `examples/requests/`: (operation, params, body).
pub fn example(prefix: &str) -> (Operation, Value, Value) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/requests");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    let name = names.iter().find(|name| name.starts_with(prefix)).unwrap_or_else(|| panic!("no example `{prefix}`"));
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let operation: Operation = value["operation"].as_str().unwrap().parse().unwrap();
    (operation, value.get("params").cloned().unwrap_or(Value::Null), value.get("body").cloned().unwrap_or(Value::Null))
}

/// `params` with its `projectId` / `agentId` placeholders replaced.
pub fn with_ids(mut params: Value, project: Option<&str>, agent: Option<&str>) -> Value {
    if let Some(map) = params.as_object_mut() {
        if let (Some(id), true) = (project, map.contains_key("projectId")) {
            map.insert("projectId".to_owned(), json!(id));
        }
        if let (Some(id), true) = (agent, map.contains_key("agentId")) {
            map.insert("agentId".to_owned(), json!(id));
        }
    }
    params
}

/// Journal entries of `operation` that changed state with the key `key`.
pub fn creates(journal: &[Value], operation: &str, key: &str) -> usize {
    journal.iter().filter(|e| e["operation"] == operation && e["key"] == key && e["changed"] == true).count()
}
