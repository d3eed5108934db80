//! Every request example, sent in the guide's order against a real socket, each answer checked
//! (and parsed by the core's `parse_response`, as the client will).

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, reason = "test helpers: a failed unwrap is a failed test")]

mod common;

use common::{Api, creates, example, start, with_ids};
use maia_provision::{ApiResponse, HttpResponse, Operation, parse_response};
use serde_json::{Value, json};

const AZURE_IDS: [&str; 2] = ["9b2c7a1e-0f3d-4e5a-8b6c-1d2e3f4a5b6c", "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d"];

/// Sends example `prefix` with real ids; asserts the status; checks the core parses a 2xx.
async fn send(api: &Api, prefix: &str, project: &str, agent: &str, status: u16) -> common::Answer {
    let (operation, params, mut body) = example(prefix);
    if body.get("defaultAgentId").is_some() {
        body["defaultAgentId"] = json!(agent);
    }
    let params = with_ids(params, Some(project), Some(agent));
    let answer = api.call(operation, &params, &body).await;
    assert_eq!(answer.status, status, "{prefix}: {}", answer.text);
    if status < 300 {
        assert_eq!(answer.content_type, "application/json", "{prefix}");
        let headers: Vec<(String, String)> = vec![("content-type".to_owned(), answer.content_type.clone())];
        let parsed = parse_response::<ApiResponse>(operation, &HttpResponse::new(answer.status, headers.clone(), answer.text.as_bytes()));
        assert!(parsed.is_ok(), "{prefix}: {parsed:?}");
    } else {
        answer.problem(status);
    }
    answer
}

fn is_v4_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() == 36 && bytes[14] == b'4' && text.chars().all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

#[tokio::test]
async fn every_example_in_the_guides_order() {
    let api = start(common::config()).await;

    // Create project
    let (_, _, body) = example("01");
    let created = api.call(Operation::CreateProject, &Value::Null, &body).await;
    assert_eq!(created.status, 201, "{}", created.text);
    let project = created.body["projectId"].as_str().unwrap().to_owned();
    assert!(is_v4_uuid(&project), "{project}");
    assert_eq!(created.body.as_object().unwrap().len(), 1);

    // Default warehouse connection: `{}`, and only one per project.
    let answer = send(&api, "02", &project, "", 201).await;
    assert_eq!(answer.body, json!({}));
    let second = send(&api, "02", &project, "", 409).await;
    assert!(second.detail().contains("`my-warehouse-connection`"), "{}", second.text);

    // Secrets (Full SaaS agent), with the guide's resolver reference.
    let (hybrid, full_saas) = api.agents().await;
    let answer = send(&api, "03", &project, &full_saas, 201).await;
    assert_eq!(
        answer.body,
        json!({"vaultSecretName": "snowflake-private-key", "resolver_ref": "${srs-mhcv:1:DWH_PASSWORD/snowflake-private-key@password}"})
    );
    for prefix in ["04", "05", "06"] {
        let answer = send(&api, prefix, &project, &full_saas, 201).await;
        assert!(answer.body["resolver_ref"].as_str().unwrap().starts_with("${srs-mhcv:1:CLOUD_PLATFORM_CREDENTIALS/"));
    }
    // The same name for the same agent is a conflict; for the other agent it is not.
    send(&api, "03", &project, &full_saas, 409).await;
    send(&api, "03", &project, &hybrid, 201).await;

    // Cloud and component connections: the body echoed with id, createdBy, createdDate, projectId.
    let answer = send(&api, "07", &project, "", 201).await;
    let (_, _, sent) = example("07");
    for (member, value) in sent.as_object().unwrap() {
        assert_eq!(&answer.body[member], value, "{member}");
    }
    assert_eq!(answer.body["projectId"], json!(project));
    assert!(is_v4_uuid(answer.body["id"].as_str().unwrap()));
    assert!(is_v4_uuid(answer.body["createdBy"].as_str().unwrap()));
    assert!(answer.body["createdDate"].as_str().unwrap().ends_with('Z'));
    let conflict = send(&api, "08", &project, "", 409).await; // the same name, `aws-connection`
    assert!(conflict.detail().contains("`aws-connection`"));
    for prefix in ["09", "10", "11", "12", "13", "14"] {
        send(&api, prefix, &project, "", 201).await;
    }

    // Environments: Snowflake (+ AWS) here; the same name again is a conflict.
    assert_eq!(send(&api, "15", &project, &hybrid, 201).await.body, json!({}));
    send(&api, "17", &project, &hybrid, 409).await;

    // Redshift in a project of its own, whose warehouse connection has the name the example uses.
    let redshift = api.create_project("redshift-project").await;
    let warehouse = json!({"name": "my-redshift-connection", "platformConnectionType": "dwh", "authProvider": "redshift", "authType": "password"});
    let answer = api.call(Operation::CreateDataPlatformConnection, &json!({"projectId": redshift}), &warehouse).await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    send(&api, "16", &redshift, &hybrid, 201).await;

    // Repositories: GitHub, then a second one is a conflict; Azure DevOps (with GUIDs for the
    // guide's placeholders: whether those are errors is the core's call) in the other project.
    assert_eq!(send(&api, "18", &project, "", 201).await.body, json!({}));
    let (operation, params, mut azure) = example("19");
    azure["providerParameters"]["repositoryId"] = json!(AZURE_IDS[0]);
    azure["providerParameters"]["tenantId"] = json!(AZURE_IDS[1]);
    let answer = api.call(operation, &with_ids(params.clone(), Some(&project), None), &azure).await;
    assert!(answer.problem(409)["detail"].as_str().unwrap().contains("`my-github-repository`"), "{}", answer.text);
    assert_eq!(api.call(operation, &with_ids(params, Some(&redshift), None), &azure).await.status, 201);

    // GitLab (with the PAT header) and the token rotation.
    let gitlab = api.create_project("gitlab-project").await;
    send(&api, "20", &gitlab, "", 201).await;
    assert_eq!(send(&api, "21", &gitlab, "", 201).await.body, json!({}));
    send(&api, "21", &gitlab, "", 201).await;
    let not_gitlab = send(&api, "21", &project, "", 400).await;
    assert!(not_gitlab.detail().contains("`github`"), "{}", not_gitlab.text);

    // Lists return what was created, in creation order.
    let listed = api.call(Operation::ListProjectConnections, &json!({"projectId": project}), &Value::Null).await;
    let names: Vec<&str> = listed.body["results"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "aws-connection",
            "azure-connection",
            "gcp-connection",
            "my-aws-connection",
            "my-database-connection",
            "powerbi-cc-connection",
            "simple-connection"
        ]
    );
    let headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    match parse_response::<ApiResponse>(Operation::ListProjectConnections, &HttpResponse::new(200, headers.clone(), listed.text.as_bytes())).unwrap()
    {
        ApiResponse::ProjectConnections(page) => assert_eq!((page.total, page.results.len()), (Some(7), 7)),
        other => panic!("{other:?}"),
    }
    let environments = api.call(Operation::ListEnvironments, &json!({"projectId": project}), &Value::Null).await;
    assert_eq!(environments.body["results"][0]["name"], "development");
    assert_eq!(environments.body["results"][0]["defaultAgentId"], json!(hybrid));
    assert_eq!(environments.body["results"][0]["defaultAgentName"], "hybrid-agent");
    let projects = api.call(Operation::ListProjects, &Value::Null, &Value::Null).await;
    let names: Vec<&str> = projects.body["results"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["my-project-name", "redshift-project", "gitlab-project"]);
    assert_eq!(projects.body["results"][0]["id"], json!(project));

    // The journal: one create per key, the refused duplicates recorded as not changing state.
    let journal = api.journal().await;
    assert_eq!(creates(&journal, "createProjectConnection", "aws-connection"), 1);
    assert_eq!(journal.iter().filter(|e| e["key"] == "aws-connection" && e["status"] == 409).count(), 1);
    assert_eq!(creates(&journal, "createSecretValue", "snowflake-private-key"), 2);
    assert_eq!(journal.iter().filter(|e| e["operation"] == "rotateRepositoryToken" && e["changed"] == true).count(), 2);
    let seqs: Vec<u64> = journal.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert!(seqs.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(journal[0]["operation"], "token");
}

#[tokio::test]
async fn ids_follow_the_seed() {
    let first = start(common::config()).await;
    let second = start(common::config()).await;
    let other = start(maia_provision_emulator::EmulatorConfig { seed: 2, ..common::config() }).await;
    let a = (first.agents().await, first.create_project("p").await);
    let b = (second.agents().await, second.create_project("p").await);
    let c = (other.agents().await, other.create_project("p").await);
    assert_eq!(a, b);
    assert_ne!(a.1, c.1);
    assert_ne!(a.0, c.0);
    // After a reset, the same ids again.
    assert_eq!(first.control("POST", "reset", None).await.status, 204);
    assert_eq!(first.create_project("p").await, a.1);
}
