//! The control plane under `/_emulator/` (no auth; the listener is on 127.0.0.1 only): reset,
//! state export and import, the request journal, and fault rules.

use crate::api::{Shared, json_response, problem};
use crate::faults::FaultRule;
use crate::lock;
use crate::state::AccountState;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{delete, get, post};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::Arc;

/// The state export: one entry per account, secrets as `***`.
#[derive(Serialize, Deserialize)]
struct StateFile {
    accounts: Vec<AccountFile>,
}

#[derive(Serialize, Deserialize)]
struct AccountFile {
    name: String,
    #[serde(flatten)]
    state: AccountState,
}

/// What `POST /_emulator/faults` takes: one rule, a list, or `{"faults": [...]}`.
#[derive(Deserialize)]
#[serde(untagged)]
enum FaultInput {
    One(Box<FaultRule>),
    Many(Vec<FaultRule>),
    Wrapped { faults: Vec<FaultRule> },
}

impl FaultInput {
    fn rules(self) -> Vec<FaultRule> {
        match self {
            FaultInput::One(rule) => vec![*rule],
            FaultInput::Many(rules) | FaultInput::Wrapped { faults: rules } => rules,
        }
    }
}

/// Reads a fault file's text: one rule, a list, or `{"faults": [...]}`.
pub fn parse_faults(text: &str) -> Result<Vec<FaultRule>, String> {
    let input: FaultInput = serde_json::from_str(text).map_err(|error| format!("the fault rules are not valid: {error}"))?;
    let rules = input.rules();
    for rule in &rules {
        rule.check()?;
    }
    Ok(rules)
}

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_emulator/reset", post(reset))
        .route("/_emulator/state", get(export_state).put(import_state))
        .route("/_emulator/requests", get(requests))
        .route("/_emulator/faults", get(list_faults).post(add_faults).delete(clear_faults))
        .route("/_emulator/faults/{id}", delete(remove_fault))
        .route("/_emulator/{*rest}", get(unknown).post(unknown).put(unknown).delete(unknown))
}

fn no_content() -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
}

async fn reset(State(shared): State<Arc<Shared>>) -> Response {
    shared.reset();
    no_content()
}

async fn export_state(State(shared): State<Arc<Shared>>) -> Response {
    let accounts = shared.accounts.iter().map(|account| AccountFile { name: account.name.clone(), state: lock(&account.state).clone() }).collect();
    json_response(200, "application/json", &StateFile { accounts })
}

async fn import_state(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    const AT: &str = "/_emulator/state";
    let file: StateFile = match serde_json::from_slice(&body) {
        Ok(file) => file,
        Err(error) => return problem(400, format!("the state is not valid: {error}"), AT, Vec::new()),
    };
    if let Some(unknown) = file.accounts.iter().find(|entry| !shared.accounts.iter().any(|account| account.name == entry.name)) {
        return problem(400, format!("the state names the account `{}`, which is not configured", unknown.name), AT, Vec::new());
    }
    let mut states = Vec::new();
    for account in &shared.accounts {
        let state = match file.accounts.iter().find(|entry| entry.name == account.name) {
            Some(entry) => match entry.state.clone().reindex(account.ids) {
                Ok(state) => state,
                Err(message) => return problem(400, format!("the state of account `{}` is not valid: {message}", account.name), AT, Vec::new()),
            },
            None => AccountState::new(account.ids),
        };
        states.push(state);
    }
    for (account, state) in shared.accounts.iter().zip(states) {
        *lock(&account.state) = state;
    }
    no_content()
}

async fn requests(State(shared): State<Arc<Shared>>) -> Response {
    let (requests, dropped) = shared.journal();
    json_response(200, "application/json", &json!({"requests": requests, "dropped": dropped}))
}

async fn list_faults(State(shared): State<Arc<Shared>>) -> Response {
    json_response(200, "application/json", &json!({"faults": shared.faults.list()}))
}

async fn add_faults(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match parse_faults(&String::from_utf8_lossy(&body)) {
        Ok(rules) => json_response(201, "application/json", &json!({"ids": shared.faults.add(rules)})),
        Err(message) => problem(400, message, "/_emulator/faults", Vec::new()),
    }
}

async fn clear_faults(State(shared): State<Arc<Shared>>) -> Response {
    shared.faults.remove(None);
    no_content()
}

async fn remove_fault(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    match id.parse::<u64>() {
        Ok(number) if shared.faults.remove(Some(number)) => no_content(),
        _ => problem(404, format!("no fault rule has the id `{id}`"), "/_emulator/faults", Vec::new()),
    }
}

async fn unknown(Path(rest): Path<String>) -> Response {
    problem(404, format!("the control plane has no `/_emulator/{rest}`"), "/_emulator", Vec::new())
}
