//! What validation learns for a whole-project check: the natural key's name, the variant and the
//! names a body refers to, read from the bundled examples and from bodies built here.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs, reason = "tests fail loudly")]

use maia_provision::{Operation, Reference, ReferenceKind, validate};
use serde_json::{Value, json};

fn example(name: &str) -> (Operation, Value, Value) {
    let path = format!("{}/../examples/requests/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    (Operation::from_id(file["operation"].as_str().unwrap()).unwrap(), file["body"].clone(), file["params"].clone())
}

fn reference(pointer: &str, kind: ReferenceKind, name: &str) -> Reference {
    Reference { pointer: pointer.to_owned(), kind, name: name.to_owned() }
}

#[test]
fn an_environment_names_its_connections_and_secrets() {
    let (op, body, params) = example("17-environment-snowflake-with-aws");
    let checked = validate(op, &body, &params);
    assert!(checked.is_valid(), "{:?}", checked.violations());
    let facts = checked.facts();
    assert_eq!(facts.name.as_deref(), Some("development"));
    assert_eq!(facts.variant, Some("snowflake"));
    let mut references = facts.references.clone();
    references.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    assert_eq!(
        references,
        vec![
            reference("/connectionOverrides/0/connectionName", ReferenceKind::Connection, "my-warehouse-connection"),
            reference(
                "/connectionOverrides/0/connectionProperties/passphrase/secretName",
                ReferenceKind::Secret,
                "password-encryption-key-secret-name"
            ),
            reference(
                "/connectionOverrides/0/connectionProperties/privateKey/secretName",
                ReferenceKind::Secret,
                "aws-secret-name-for-snowflake-private-key"
            ),
            reference("/defaultConnections/CLOUD_PLATFORM/aws", ReferenceKind::Connection, "aws-connection"),
            reference("/defaultConnections/DWH/snowflake", ReferenceKind::Connection, "my-warehouse-connection"),
        ]
    );
}

#[test]
fn a_connection_names_its_secret_and_its_variant() {
    let (op, body, params) = example("11-connection-cloud-platform-credentials");
    let text = serde_json::to_string(&body).unwrap();
    // The same facts whatever the input was read as.
    for facts in [validate(op, &body, &params).facts().clone(), validate(op, text.as_str(), &params).facts().clone()] {
        assert_eq!(facts.name.as_deref(), Some("my-aws-connection"));
        assert_eq!(facts.variant, Some("CLOUD_PLATFORM_CREDENTIALS"));
        assert_eq!(
            facts.references,
            vec![reference("/connectionDetails/connectionProperties/credentialSecretName", ReferenceKind::Secret, "aws-platform-credentials")]
        );
    }
}

#[test]
fn secrets_give_their_name_and_shape_in_either_body() {
    let agent = json!({"agentId": "28d7eae0-1ed5-42d1-b2d9-67decbdef2c3"});
    let flat = json!({"name": "snowflake-key", "type": "DWH_PASSWORD", "key": "password", "value": {"password": "hunter2"}});
    let flat_facts = validate(Operation::CreateSecretValue, &flat, &agent).facts().clone();
    assert_eq!((flat_facts.name.as_deref(), flat_facts.variant), (Some("snowflake-key"), Some("DWH_PASSWORD")));
    let wrapped = json!({"secret": {"name": "aws-creds", "type": "CLOUD_PLATFORM_CREDENTIALS", "value": {"type": "aws", "accessKeyID": "AKIA", "secretKey": "s"}}});
    let wrapped_facts = validate(Operation::CreateSecretValue, &wrapped, &agent).facts().clone();
    assert_eq!((wrapped_facts.name.as_deref(), wrapped_facts.variant), (Some("aws-creds"), Some("aws")));
    // A repository's variant is its provider; a list has no name.
    let (op, body, params) = example("18-repository-github");
    assert_eq!(validate(op, &body, &params).facts().variant, Some("github"));
    assert_eq!(validate(Operation::ListProjects, &Value::Null, &Value::Null).facts().name, None);
}
