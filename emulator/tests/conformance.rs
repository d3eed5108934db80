//! createProjectConnection against the OpenAPI seed (`tests/data/openapi-create-project-connection.txt`,
//! a copy of `shared/seeds/000_2d03c4b1dbcae565.txt`): every answer to an authenticated request
//! on an existing project uses a status and content type the seed declares, and its body has
//! the declared members with the declared types and enum values.
//!
//! Outside this test, on purpose: 401 (the seed's bearer security scheme, no body declared), 404
//! for an unknown project and 429 for the rate limit, which the seed does not list.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, reason = "test helpers: a failed unwrap is a failed test")]

mod common;

use common::{example, start, with_ids};
use serde_json::{Value, json};
use std::collections::BTreeMap;

const SEED: &str = include_str!("data/openapi-create-project-connection.txt");

/// The declared responses: status → content type.
fn declared_responses() -> BTreeMap<u16, String> {
    let start = SEED.find("      responses:\n").unwrap();
    let end = SEED.find("\ncomponents:").unwrap();
    let mut out = BTreeMap::new();
    let mut status = None;
    for line in SEED[start..end].lines() {
        if let Some(code) = line.strip_prefix("        '").and_then(|rest| rest.strip_suffix("':")) {
            status = Some(code.parse::<u16>().unwrap());
        } else if let (Some(code), Some(kind)) = (status, line.strip_prefix("            application/")) {
            out.insert(code, format!("application/{}", kind.trim_end_matches(':')));
            status = None;
        }
    }
    out
}

/// A schema's properties: name → (type, format, enum values).
#[derive(Debug, Default)]
struct Property {
    kind: Option<String>,
    format: Option<String>,
    values: Vec<String>,
    reference: bool,
}

fn schema(name: &str) -> BTreeMap<String, Property> {
    let start = SEED.find(&format!("\n    {name}:\n")).unwrap() + 1;
    let mut out: BTreeMap<String, Property> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut in_enum = false;
    for line in SEED[start..].lines().skip(1) {
        if line.starts_with("    ") && !line.starts_with("     ") {
            break; // the next schema
        }
        if let Some(property) = line.strip_prefix("        ").and_then(|rest| rest.strip_suffix(':')).filter(|p| !p.starts_with(' ')) {
            current = Some(property.to_owned());
            out.entry(property.to_owned()).or_default();
            in_enum = false;
            continue;
        }
        let Some(property) = current.as_ref().and_then(|name| out.get_mut(name)) else { continue };
        let trimmed = line.trim();
        if line.starts_with("          ") && !line.starts_with("           ") {
            in_enum = trimmed == "enum:";
            if let Some(kind) = trimmed.strip_prefix("type: ") {
                property.kind = Some(kind.to_owned());
            } else if let Some(format) = trimmed.strip_prefix("format: ") {
                property.format = Some(format.to_owned());
            } else if trimmed.starts_with("$ref:") {
                property.reference = true;
            }
        } else if in_enum && let Some(value) = trimmed.strip_prefix("- ") {
            property.values.push(value.to_owned());
        }
    }
    out
}

fn check_body(body: &Value, properties: &BTreeMap<String, Property>, what: &str) {
    let object = body.as_object().unwrap_or_else(|| panic!("{what}: not an object"));
    for (name, property) in properties {
        let Some(value) = object.get(name) else { continue };
        if property.reference {
            assert!(value.is_object(), "{what}.{name}: an object");
            continue;
        }
        match property.kind.as_deref() {
            Some("string") => {
                let text = value.as_str().unwrap_or_else(|| panic!("{what}.{name}: a string, got {value}"));
                if !property.values.is_empty() {
                    assert!(property.values.iter().any(|v| v == text), "{what}.{name}: `{text}` not in {:?}", property.values);
                }
                match property.format.as_deref() {
                    Some("uuid") => assert!(text.len() == 36 && text.matches('-').count() == 4, "{what}.{name}: a uuid"),
                    Some("date-time") => assert!(text.len() >= 20 && text.as_bytes()[10] == b'T' && text.ends_with('Z'), "{what}.{name}: `{text}`"),
                    _ => {}
                }
            }
            Some("integer") => assert!(value.is_i64(), "{what}.{name}: an integer"),
            Some("array") => assert!(value.as_array().unwrap().iter().all(Value::is_string), "{what}.{name}: strings"),
            other => panic!("{what}.{name}: no check for {other:?}"),
        }
    }
}

#[tokio::test]
async fn create_project_connection_answers_as_the_seed_declares() {
    let declared = declared_responses();
    assert_eq!(declared.keys().copied().collect::<Vec<_>>(), [201, 400, 403, 409, 422, 500]);
    let response_schema = schema("ProjectConnectionResponse");
    let problem_schema = schema("ProblemDetail");
    assert!(response_schema.contains_key("createdDate") && response_schema["authType"].values.len() == 7, "{response_schema:?}");
    assert_eq!(problem_schema["violations"].kind.as_deref(), Some("array"));

    let api = start(common::config()).await;
    let project = api.create_project("conformance").await;
    let path = format!("/v1/projects/{project}/connections");
    let mut answers = Vec::new();
    for prefix in ["07", "08", "09", "10", "11", "12", "13", "14"] {
        let (operation, params, body) = example(prefix);
        answers.push((prefix.to_owned(), api.call(operation, &with_ids(params, Some(&project), None), &body).await));
    }
    let invalid = json!({"name": "x", "platformConnectionType": "COMPONENT_BASIC", "authProvider": "NONE", "authType": "CLOUD_PROVIDER_SECRET"});
    answers.push(("combination".to_owned(), api.raw("POST", &path, Some(&api.token), Some(&invalid.to_string())).await));
    answers.push(("not json".to_owned(), api.raw("POST", &path, Some(&api.token), Some("[1,")).await));
    answers.push(("empty".to_owned(), api.raw("POST", &path, Some(&api.token), Some("{}")).await));
    // A create the fault plane answers 500 after processing.
    api.control("POST", "faults", Some(&json!({"operation": "createProjectConnection", "action": {"type": "status_after", "status": 500}}))).await;
    let (operation, params, mut body) = example("12");
    body["name"] = json!("after-fault");
    answers.push(("status_after".to_owned(), api.call(operation, &with_ids(params, Some(&project), None), &body).await));

    let mut seen = BTreeMap::new();
    for (what, answer) in &answers {
        let content_type = declared.get(&answer.status).unwrap_or_else(|| panic!("{what}: status {} is not declared", answer.status));
        assert_eq!(&answer.content_type, content_type, "{what}");
        if answer.status == 201 {
            check_body(&answer.body, &response_schema, what);
            for member in ["name", "platformConnectionType", "authType", "createdBy", "createdDate", "projectId"] {
                assert!(answer.body.get(member).is_some(), "{what}: `{member}`");
            }
        } else {
            check_body(&answer.body, &problem_schema, what);
            assert_eq!(answer.body["status"], json!(answer.status), "{what}");
        }
        *seen.entry(answer.status).or_insert(0) += 1;
    }
    assert_eq!(seen, BTreeMap::from([(201, 7), (400, 3), (409, 1), (500, 1)]));
}
