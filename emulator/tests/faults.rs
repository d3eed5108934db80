//! Each fault action and the rate limit, seen from the client; the control plane (faults, state
//! export and import, reset, journal); and that no secret leaves through any of them.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, reason = "test helpers: a failed unwrap is a failed test")]

mod common;

use common::{Api, creates, example, start, with_ids};
use maia_provision::Operation;
use maia_provision_emulator::{EmulatorConfig, FaultAction, FaultRule};
use serde_json::{Value, json};

fn rule(operation: &str, action: FaultAction) -> FaultRule {
    FaultRule { method: None, path: None, operation: Some(operation.to_owned()), nth: None, probability: None, times: Some(1), action }
}

fn project_body(name: &str) -> Value {
    json!({"name": name, "warehouse": "SNOWFLAKE", "agentDeploymentType": "HYBRID"})
}

async fn project_names(api: &Api) -> Vec<String> {
    let answer = api.call(Operation::ListProjects, &Value::Null, &Value::Null).await;
    answer.body["results"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn status_before_and_after_processing() {
    let faults = vec![
        rule("createProject", FaultAction::Status { status: 503, retry_after: Some(2) }),
        FaultRule { nth: Some(2), ..rule("createProject", FaultAction::StatusAfter { status: 500, retry_after: None }) },
    ];
    let api = start(EmulatorConfig { faults, ..common::config() }).await;

    // 1st create: refused without processing.
    let answer = api.call(Operation::CreateProject, &Value::Null, &project_body("a")).await;
    answer.problem(503);
    assert_eq!(answer.header("retry-after"), Some("2"));
    assert!(project_names(&api).await.is_empty());
    // 2nd create: processed, answered 500.
    let answer = api.call(Operation::CreateProject, &Value::Null, &project_body("a")).await;
    answer.problem(500);
    assert_eq!(project_names(&api).await, ["a"]);
    // The retry finds the create done.
    api.call(Operation::CreateProject, &Value::Null, &project_body("a")).await.problem(409);

    let journal = api.journal().await;
    assert_eq!(creates(&journal, "createProject", "a"), 1);
    let faults: Vec<&str> = journal.iter().filter_map(|e| e["fault"].as_str()).collect();
    assert_eq!(faults, ["status#1", "status_after#2"]);
}

#[tokio::test]
async fn delays_and_drops() {
    let api = start(common::config()).await;
    let add = |rule: FaultRule| {
        let api = &api;
        async move {
            let answer = api.control("POST", "faults", Some(&serde_json::to_value(rule).unwrap())).await;
            assert_eq!(answer.status, 201, "{}", answer.text);
        }
    };

    add(rule("createProject", FaultAction::Delay { ms: 150 })).await;
    assert_eq!(api.call(Operation::CreateProject, &Value::Null, &project_body("delayed")).await.status, 201);

    // Dropped before processing: a transport error, and nothing created.
    add(rule("createProject", FaultAction::DropBefore)).await;
    let error = api.try_call(Operation::CreateProject, &Value::Null, &project_body("lost")).await.unwrap_err();
    assert!(error.is_request() || error.is_connect() || error.is_body(), "{error:?}");
    assert!(!error.is_timeout() && !error.is_status(), "{error:?}");
    assert_eq!(project_names(&api).await, ["delayed"]);

    // Dropped after processing: a transport error, and the project exists.
    add(rule("createProject", FaultAction::DropAfter)).await;
    let error = api.try_call(Operation::CreateProject, &Value::Null, &project_body("created-unseen")).await.unwrap_err();
    assert!(!error.is_timeout() && !error.is_status(), "{error:?}");
    assert_eq!(project_names(&api).await, ["delayed", "created-unseen"]);

    let journal = api.journal().await;
    let entry = |key: &str| journal.iter().find(|e| e["key"] == key).unwrap().clone();
    assert_eq!(entry("delayed")["fault"], "delay#1");
    assert_eq!((entry("lost")["status"].clone(), entry("lost")["changed"].clone()), (Value::Null, json!(false)));
    assert_eq!((entry("created-unseen")["status"].clone(), entry("created-unseen")["changed"].clone()), (Value::Null, json!(true)));
    // The emulator keeps serving after drops.
    let faults = api.control("GET", "faults", None).await;
    let fired: Vec<u64> = faults.body["faults"].as_array().unwrap().iter().map(|f| f["fired"].as_u64().unwrap()).collect();
    assert_eq!(fired, [1, 1, 1]);
}

#[tokio::test]
async fn matching_by_path_method_nth_and_probability() {
    let api = start(common::config()).await;
    let project = api.create_project("p").await;
    let by_path = json!({"method": "POST", "path": "/v1/projects/*/connections", "nth": 2, "times": 2, "action": {"type": "status", "status": 502}});
    let answer = api.control("POST", "faults", Some(&by_path)).await;
    assert_eq!(answer.body["ids"], json!([1]));
    let (operation, params, body) = example("07");
    let params = with_ids(params, Some(&project), None);
    let mut statuses = Vec::new();
    for n in 0..5 {
        let mut body = body.clone();
        body["name"] = json!(format!("c{n}"));
        statuses.push(api.call(operation, &params, &body).await.status);
    }
    assert_eq!(statuses, [201, 502, 502, 201, 201]);
    // GETs on the same path do not match a POST rule.
    assert_eq!(api.call(Operation::ListProjectConnections, &params, &Value::Null).await.status, 200);
    assert_eq!(api.control("DELETE", "faults/1", None).await.status, 204);
    assert_eq!(api.control("DELETE", "faults/1", None).await.status, 404);

    // A seeded probability: some fire, some not, and the same seed gives the same pattern.
    let pattern = |seed: u64| async move {
        let faults =
            vec![FaultRule { probability: Some(0.5), times: None, ..rule("listAgents", FaultAction::Status { status: 503, retry_after: None }) }];
        let api = start(EmulatorConfig { seed, faults, ..common::config() }).await;
        let mut fired = Vec::new();
        for _ in 0..40 {
            fired.push(api.call(Operation::ListAgents, &Value::Null, &Value::Null).await.status == 503);
        }
        fired
    };
    let first = pattern(5).await;
    let count = first.iter().filter(|f| **f).count();
    assert!(count > 0 && count < 40, "{count}");
    assert_eq!(first, pattern(5).await);

    // Bad rules are refused with the reason.
    let bad = api.control("POST", "faults", Some(&json!({"operation": "createThing", "action": {"type": "drop_after"}}))).await;
    assert!(bad.problem(400)["detail"].as_str().unwrap().contains("`createThing`"));
    // Faults can target the token endpoint too.
    api.control("POST", "faults", Some(&json!({"operation": "token", "action": {"type": "status", "status": 503}}))).await;
    let form = [("grant_type", "client_credentials")];
    assert_eq!(common::token_response(&api.http, api.emu.token_url(), &form).await.status, 503);
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let api = start(EmulatorConfig { rate_limit: Some(5), ..common::config() }).await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        statuses.push(api.raw("GET", "/v1/agents", Some(&api.token), None).await);
    }
    let codes: Vec<u16> = statuses.iter().map(|a| a.status).collect();
    assert_eq!(&codes[..5], [200; 5]);
    let limited = &statuses[5];
    limited.problem(429);
    let retry_after: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!(retry_after >= 1, "{retry_after}");
    // Off: no limit.
    let api = start(EmulatorConfig { rate_limit: None, ..common::config() }).await;
    for _ in 0..20 {
        assert_eq!(api.raw("GET", "/v1/agents", Some(&api.token), None).await.status, 200);
    }
}

#[tokio::test]
async fn state_export_import_reset_and_no_secrets_out() {
    let api = start(EmulatorConfig { log_requests: false, ..common::config() }).await;
    let project = api.create_project("p").await;
    let (_, agent) = api.agents().await;
    let (operation, params, body) = example("03");
    assert_eq!(api.call(operation, &with_ids(params, None, Some(&agent)), &body).await.status, 201);
    let (operation, params, body) = example("04");
    assert_eq!(api.call(operation, &with_ids(params, None, Some(&agent)), &body).await.status, 201);
    let (operation, params, body) = example("20");
    let params = with_ids(params, Some(&project), None);
    assert_eq!(api.call(operation, &params, &body).await.status, 201);

    let secrets =
        ["-----BEGIN PRIVATE KEY-----", "<AWS secret key>", "<service-account-personal-access-token>", "emulator-secret", api.token.as_str()];
    let exported = api.control("GET", "state", None).await;
    let journal = api.control("GET", "requests", None).await;
    let faults = api.control("GET", "faults", None).await;
    for text in [&exported.text, &journal.text, &faults.text] {
        for secret in secrets {
            assert!(!text.contains(secret), "`{secret}` leaked");
        }
    }
    let account = &exported.body["accounts"][0];
    assert_eq!(account["secrets"][0]["value"], json!({"password": "***"}));
    assert_eq!(account["projects"][0]["repository"]["token"], "***");

    // Reset: back to the seeded agents, nothing else; the journal starts again.
    assert_eq!(api.control("POST", "reset", None).await.status, 204);
    assert!(project_names(&api).await.is_empty());
    assert_eq!(api.journal().await.len(), 1);

    // Import what was exported: the project is back, names still unique, new ids still fresh.
    assert_eq!(api.control("PUT", "state", Some(&exported.body)).await.status, 204);
    assert_eq!(project_names(&api).await, ["p"]);
    api.call(Operation::CreateProject, &Value::Null, &project_body("p")).await.problem(409);
    let fresh = api.create_project("q").await;
    assert_ne!(fresh, project);
    let (operation, params, body) = example("03");
    api.call(operation, &with_ids(params, None, Some(&agent)), &body).await.problem(409);

    // A hand-written scenario: agents come from the seed when left out.
    let scenario =
        json!({"accounts": [{"name": "default", "projects": [{"id": "11111111-2222-4333-8444-555555555555", "body": {"name": "seeded"}}]}]});
    assert_eq!(api.control("PUT", "state", Some(&scenario)).await.status, 204);
    assert_eq!(project_names(&api).await, ["seeded"]);
    assert_eq!(api.agents().await.1, agent);
    let bad = json!({"accounts": [{"name": "nobody"}]});
    assert!(api.control("PUT", "state", Some(&bad)).await.problem(400)["detail"].as_str().unwrap().contains("`nobody`"));
}

#[test]
fn blocking_start_serves_and_stops_on_drop() {
    let emulator = maia_provision_emulator::Emulator::start_blocking(common::config()).unwrap();
    let addr = emulator.addr();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    use std::io::{Read, Write};
    stream.write_all(b"GET /_emulator/requests HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    drop(emulator);
    assert!(std::net::TcpStream::connect(addr).is_err(), "the listener is closed after drop");
}

#[tokio::test]
async fn the_journal_keeps_the_latest_entries_and_counts_the_rest() {
    let api = start(EmulatorConfig { journal_limit: 3, ..common::config() }).await;
    for _ in 0..6 {
        assert_eq!(api.raw("GET", "/v1/agents", Some(&api.token), None).await.status, 200);
    }
    let answer = api.control("GET", "requests", None).await;
    let entries = answer.body["requests"].as_array().unwrap();
    // The token request and six lists: seven entries, the latest three kept.
    assert_eq!(entries.iter().map(|e| e["seq"].as_u64().unwrap()).collect::<Vec<_>>(), [5, 6, 7]);
    assert_eq!(answer.body["dropped"], 4);
}
