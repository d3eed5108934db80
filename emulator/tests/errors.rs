//! Every error status the emulator answers, provoked over a socket, with its ProblemDetail (or,
//! at the token endpoint, its RFC 6749 error) checked; paging and filters; accounts kept apart.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, reason = "test helpers: a failed unwrap is a failed test")]

mod common;

use common::{example, start, token_for, token_response, with_ids};
use maia_provision::{Operation, Secret};
use maia_provision_emulator::{AccountConfig, EmulatorConfig};
use serde_json::{Value, json};

const UNKNOWN: &str = "00000000-0000-4000-8000-000000000000";

#[tokio::test]
async fn routes_methods_and_bodies() {
    let api = start(common::config()).await;
    let token = Some(api.token.as_str());

    let answer = api.raw("GET", "/v1/nothing", token, None).await;
    assert!(answer.problem(404)["detail"].as_str().unwrap().contains("`/v1/nothing`"));
    let answer = api.raw("DELETE", "/v1/projects", token, None).await;
    answer.problem(405);
    assert_eq!(answer.header("allow"), Some("POST, GET"));
    let answer = api.raw("GET", "/oauth/dpc/token", None, None).await;
    assert_eq!((answer.status, answer.header("allow")), (405, Some("POST")));

    // Violations: the core's error messages, each after its pointer; warnings are not refusals.
    let body = json!({"name": "c", "platformConnectionType": "CLOUD_PLATFORM_CREDENTIALS", "authProvider": "aws", "authType": "GENERIC_SECRET"});
    let project = api.create_project("p").await;
    let answer = api.raw("POST", &format!("/v1/projects/{project}/connections"), token, Some(&body.to_string())).await;
    answer.problem(400);
    let expected: Vec<String> = maia_provision::validate(Operation::CreateProjectConnection, &body, &json!({"projectId": project}))
        .into_iter()
        .filter(|v| v.is_error())
        .map(|v| format!("{}: {}", v.pointer, v.message))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(answer.violations(), expected);
    assert!(answer.violations()[0].starts_with("/authType: "));

    let answer = api.raw("POST", "/v1/projects", token, Some("{\"name\": ")).await;
    answer.problem(400);
    assert!(answer.violations()[0].starts_with("/: "), "{:?}", answer.violations());

    let upper = project.to_uppercase();
    let answer = api.raw("GET", &format!("/v1/projects/{upper}/connections"), token, None).await;
    answer.problem(400);
    assert!(answer.violations()[0].starts_with("path /projectId: "), "{:?}", answer.violations());
    assert!(answer.violations()[0].contains(&project), "the message gives the lower-cased id");

    let answer = api.raw("GET", "/v1/projects?size=101", token, None).await;
    assert!(answer.problem(400)["violations"][0].as_str().unwrap().starts_with("query /size: "));
    api.raw("GET", "/v1/projects?page=x", token, None).await.problem(400);

    // Unknown project and agent.
    let (operation, params, body) = example("07");
    let answer = api.call(operation, &with_ids(params, Some(UNKNOWN), None), &body).await;
    assert!(answer.problem(404)["detail"].as_str().unwrap().contains(UNKNOWN));
    let (operation, params, body) = example("03");
    let answer = api.call(operation, &with_ids(params, None, Some(UNKNOWN)), &body).await;
    assert!(answer.problem(404)["detail"].as_str().unwrap().contains(UNKNOWN));
    let answer = api.call(Operation::ListEnvironments, &json!({"projectId": UNKNOWN}), &Value::Null).await;
    answer.problem(404);
    let (operation, params, _) = example("21");
    api.call(operation, &with_ids(params, Some(&project), None), &Value::Null).await.problem(404); // no repository yet

    // An environment naming connections the project does not have.
    let (hybrid, _) = api.agents().await;
    let (operation, params, mut body) = example("15");
    body["defaultAgentId"] = json!(hybrid);
    let answer = api.call(operation, &with_ids(params.clone(), Some(&project), None), &body).await;
    let detail = answer.problem(400)["detail"].as_str().unwrap();
    assert!(detail.contains("`my-warehouse-connection`") && detail.contains("`aws-connection`"), "{detail}");
    assert!(answer.violations().iter().any(|v| v.starts_with("/defaultConnections/DWH/snowflake: ")), "{:?}", answer.violations());
    // An unknown default agent.
    body["defaultAgentId"] = json!(UNKNOWN);
    let answer = api.call(operation, &with_ids(params, Some(&project), None), &body).await;
    assert!(answer.violations().iter().any(|v| v.starts_with("/defaultAgentId: ")), "{:?}", answer.violations());

    // Duplicate project name.
    let body = json!({"name": "p", "warehouse": "REDSHIFT", "agentDeploymentType": "HYBRID"});
    let answer = api.call(Operation::CreateProject, &Value::Null, &body).await;
    assert!(answer.problem(409)["detail"].as_str().unwrap().contains("`p`"));
}

#[tokio::test]
async fn tokens_and_accounts() {
    let second = AccountConfig { name: "second".into(), id: None, client_id: "two".into(), client_secret: Secret::new("two-secret") };
    let config = EmulatorConfig { accounts: vec![AccountConfig::default(), second], ..common::config() };
    let api = start(config).await;
    let url = api.emu.token_url().to_owned();

    // The token endpoint's refusals.
    let answer = token_response(&api.http, &url, &[("grant_type", "password"), ("client_id", "emulator-client")]).await;
    assert_eq!((answer.status, answer.body["error"].as_str()), (400, Some("unsupported_grant_type")));
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", "emulator-client"),
        ("client_secret", "nope"),
        ("audience", "https://api.matillion.com"),
    ];
    let answer = token_response(&api.http, &url, &form).await;
    assert_eq!((answer.status, answer.body["error"].as_str()), (401, Some("invalid_client")));
    assert!(!answer.text.contains("nope"), "no secret in an error");
    let form = [("grant_type", "client_credentials"), ("client_id", "who"), ("client_secret", "x"), ("audience", "https://api.matillion.com")];
    assert_eq!(token_response(&api.http, &url, &form).await.status, 401);
    let form = [("grant_type", "client_credentials"), ("client_id", "emulator-client"), ("client_secret", "emulator-secret"), ("audience", "x")];
    let answer = token_response(&api.http, &url, &form).await;
    assert_eq!((answer.status, answer.body["error"].as_str()), (400, Some("invalid_request")));
    assert!(answer.body["error_description"].as_str().unwrap().contains("audience"));
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", "emulator-client"),
        ("client_secret", "emulator-secret"),
        ("audience", "https://api.matillion.com"),
    ];
    let answer = token_response(&api.http, &url, &form).await;
    assert_eq!(answer.status, 200);
    assert_eq!((answer.body["token_type"].as_str(), answer.body["expires_in"].as_u64()), (Some("Bearer"), Some(1800)));

    // Missing, malformed and unknown tokens.
    for token in [None, Some("not-issued")] {
        let answer = api.raw("GET", "/v1/projects", token, None).await;
        answer.problem(401);
        assert_eq!(answer.header("www-authenticate"), Some("Bearer"));
    }
    let answer = api.http.get(format!("{}/v1/projects", api.emu.url())).header("authorization", "Basic abc").send().await.unwrap();
    assert_eq!(answer.status(), 401);

    // Accounts are apart: the second account does not see the first one's project.
    let project = api.create_project("mine").await;
    let other = token_for(&api.http, &url, "two", "two-secret").await;
    let answer = api.call_with(&other, Operation::ListProjectConnections, &json!({"projectId": project}), &Value::Null).await;
    answer.problem(404);
    let listed = api.call_with(&other, Operation::ListProjects, &Value::Null, &Value::Null).await;
    assert_eq!(listed.body["total"], 0);
    // An `account-id` header that is not the token's account.
    let answer =
        api.http.get(format!("{}/v1/projects", api.emu.url())).bearer_auth(&other).header("account-id", "someone-else").send().await.unwrap();
    assert_eq!(answer.status(), 401);
    let journal = api.journal().await;
    assert!(journal.iter().any(|e| e["account"] == "second"));
}

#[tokio::test]
async fn expired_tokens_are_refused() {
    // A TTL of 0: every token is expired when it is issued.
    let config = EmulatorConfig { token_ttl: 0, ..common::config() };
    let api = start(config).await;
    let answer = api.raw("GET", "/v1/projects", Some(&api.token), None).await;
    assert!(answer.problem(401)["detail"].as_str().unwrap().contains("expired"));
}

#[tokio::test]
async fn lists_are_paged_in_creation_order() {
    let api = start(common::config()).await;
    let token = Some(api.token.as_str());
    let names: Vec<String> = (0..7).map(|n| format!("project-{n}")).collect();
    for name in &names {
        api.create_project(name).await;
    }
    let mut seen = Vec::new();
    for page in 0..3 {
        let answer = api.raw("GET", &format!("/v1/projects?page={page}&size=3"), token, None).await;
        assert_eq!(answer.status, 200);
        assert_eq!((answer.body["page"].as_u64(), answer.body["size"].as_u64(), answer.body["total"].as_u64()), (Some(page), Some(3), Some(7)));
        seen.extend(answer.body["results"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()));
    }
    assert_eq!(seen, names);
    let past = api.raw("GET", "/v1/projects?page=9&size=3", token, None).await;
    assert_eq!((past.body["results"].as_array().unwrap().len(), past.body["total"].as_u64()), (0, Some(7)));
    let default = api.raw("GET", "/v1/projects", token, None).await;
    assert_eq!((default.body["page"].as_u64(), default.body["size"].as_u64()), (Some(0), Some(25)));

    // connectionNames: comma-separated and/or repeated.
    let project = api.create_project("with-connections").await;
    for prefix in ["07", "09", "10", "12"] {
        let (operation, params, body) = example(prefix);
        assert_eq!(api.call(operation, &with_ids(params, Some(&project), None), &body).await.status, 201);
    }
    let path = format!("/v1/projects/{project}/connections");
    let names = |answer: &common::Answer| -> Vec<String> {
        answer.body["results"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect()
    };
    let answer = api.raw("GET", &format!("{path}?connectionNames=gcp-connection,aws-connection"), token, None).await;
    assert_eq!(names(&answer), ["aws-connection", "gcp-connection"]);
    let answer = api.raw("GET", &format!("{path}?connectionNames=gcp-connection&connectionNames=my-database-connection,nope"), token, None).await;
    assert_eq!((names(&answer), answer.body["total"].as_u64()), (vec!["gcp-connection".to_owned(), "my-database-connection".to_owned()], Some(2)));
    let answer = api.raw("GET", &format!("{path}?size=2&page=1"), token, None).await;
    assert_eq!(names(&answer), ["gcp-connection", "my-database-connection"]);
}
