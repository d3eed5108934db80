//! The typed request values (for Rust callers) describe the same bodies as the rules: every seed
//! example reads into its type and writes back unchanged (the vault alias normalised), and a
//! typed value builds a request that validates clean.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, missing_docs, reason = "tests fail loudly")]

use maia_provision::model::{connection, environment, project, repository, secret, warehouse};
use maia_provision::{BuildOptions, Operation, Region, Secret, build_request, has_errors, validate};
use serde_json::{Value, json};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(body: &Value) -> Value {
    let typed: T = serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{e}: {body}"));
    serde_json::to_value(typed).unwrap()
}

#[test]
fn every_seed_example_reads_into_its_type_and_back() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/requests");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let file: Value = serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let body = file.get("body").cloned().unwrap_or(Value::Null);
        let back = match Operation::from_id(file["operation"].as_str().unwrap()).unwrap() {
            Operation::CreateProject => round_trip::<project::CreateProject>(&body),
            Operation::CreateDataPlatformConnection => round_trip::<warehouse::CreateDataPlatformConnection>(&body),
            Operation::CreateSecretValue => round_trip::<secret::CreateSecretValue>(&body),
            Operation::CreateProjectConnection => round_trip::<connection::CreateProjectConnection>(&body),
            Operation::CreateEnvironment => round_trip::<environment::CreateEnvironment>(&body),
            Operation::CreateRepository => round_trip::<repository::CreateRepository>(&body),
            _ => continue,
        };
        let mut expected = body.clone();
        if expected.pointer("/connectionDetails/secretsLocation/type") == Some(&json!("MAIA_CUSTOMER_VAULT")) {
            expected["connectionDetails"]["secretsLocation"]["type"] = json!("MATILLION_CUSTOMER_VAULT");
        }
        assert_eq!(back, expected);
        seen += 1;
    }
    assert_eq!(seen, 20, "every seed example with a body");
}

#[test]
fn a_typed_secret_builds_a_clean_request_and_never_prints_its_value() {
    let key = "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQ\n-----END PRIVATE KEY-----\n";
    let typed = secret::CreateSecretValue::Warehouse(secret::WarehouseSecret::new("snowflake-key", "password", Secret::new(key)));
    assert!(!format!("{typed:?}").contains("MIIB"), "Debug shows ***");
    let body = serde_json::to_value(&typed).unwrap();
    let params = json!({"agentId": "28d7eae0-1ed5-42d1-b2d9-67decbdef2c3"});
    assert!(!has_errors(&validate(Operation::CreateSecretValue, &body, &params)));
    let options = BuildOptions::region(Region::Us1);
    let request = build_request(Operation::CreateSecretValue, &body, &params, &options).unwrap();
    assert!(request.body.as_deref().unwrap().contains("MIIB"), "the wire body carries the key");
    let cloud = secret::CreateSecretValue::Cloud {
        secret: secret::CloudCredentialsSecret {
            name: "aws".into(),
            secret_type: secret::SecretType::CloudPlatformCredentials,
            value: secret::CloudCredentials::Aws { access_key_id: Secret::new("AKIA-MARK"), secret_key: Secret::new("SECRET-MARK") },
        },
    };
    assert!(!format!("{cloud:?}").contains("MARK"));
    assert!(validate(Operation::CreateSecretValue, &serde_json::to_value(&cloud).unwrap(), &params).is_empty());
}
