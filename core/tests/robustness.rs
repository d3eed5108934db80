//! Whatever the input, validation and the key functions answer without panicking.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, clippy::type_complexity, missing_docs, reason = "tests and tools fail loudly")]

use maia_provision::{BuildOptions, Operation, Region, Secret, build_request, check_private_key, normalize_private_key, validate};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Keys that the rules know, so random trees often reach deep checks.
const KEYS: &[&str] = &[
    "name",
    "type",
    "key",
    "value",
    "secret",
    "platformConnectionType",
    "authProvider",
    "authType",
    "connectionDetails",
    "secretsLocation",
    "connectionProperties",
    "secretName",
    "secretKey",
    "credentialSecretName",
    "region",
    "vaultName",
    "defaultConnections",
    "DWH",
    "snowflake",
    "redshift",
    "connectionOverrides",
    "connectionName",
    "privateKey",
    "port",
    "provider",
    "providerParameters",
    "repositoryId",
    "projectId",
    "agentId",
    "page",
    "size",
    "Git-Provider-Access-Token",
    "serviceAccount",
    "aws",
    "gcp",
    "x~y/z",
    "",
];
const STRINGS: &[&str] = &[
    "COMPONENT_BASIC",
    "CLOUD_PLATFORM_CREDENTIALS",
    "NONE",
    "aws",
    "azure",
    "gcp",
    "netsuite",
    "x-ads",
    "GENERIC_SECRET",
    "CLOUD_PROVIDER_SECRET",
    "OAUTH_CLIENT_CRED",
    "AWS_SECRET_MANAGER",
    "MAIA_CUSTOMER_VAULT",
    "DWH_PASSWORD",
    "snowflake",
    "redshift",
    "gitlab",
    "github",
    "azure-devops",
    "-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----",
    "550e8400-e29b-41d4-a716-446655440002",
    "550E8400-E29B-41D4-A716-446655440002",
    "",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        prop::sample::select(STRINGS).prop_map(|s| Value::String(s.to_owned())),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Map<String, Value>>())),
        ]
    })
}

proptest! {
    // A fixed seed and no regression files in the source tree: the same 3000 cases every run.
    #![proptest_config(ProptestConfig {
        cases: 3000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x6d61_6961),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn validation_and_building_never_panic(op in prop::sample::select(Operation::ALL), body in json_value(), params in json_value()) {
        let violations = validate(op, &body, &params);
        for violation in &violations {
            prop_assert!(violation.pointer.is_empty() || violation.pointer.starts_with('/'));
            prop_assert!(!violation.message.is_empty());
        }
        let options = BuildOptions::region(Region::Eu1).with_token(Secret::new("t")).unwrap();
        let built = build_request(op, &body, &params, &options);
        prop_assert_eq!(built.is_ok(), !maia_provision::has_errors(&violations));
    }

    #[test]
    fn json_text_and_values_validate_alike(op in prop::sample::select(Operation::ALL), body in json_value(), params in json_value()) {
        // validate_json reads a borrowed tree; validate reads a Value: the same rules, the same answer.
        let text = serde_json::to_vec(&body).unwrap();
        prop_assert_eq!(validate(op, &text, &params).into_violations(), validate(op, &body, &params).into_violations());
        let tree = maia_provision::JsonTree::from_value(&body);
        prop_assert_eq!(maia_provision::validate(op, &tree, &params).into_violations(), validate(op, &body, &params).into_violations());
        let params_tree = maia_provision::JsonTree::from_value(&params);
        prop_assert_eq!(maia_provision::validate(op, &tree, &params_tree).into_violations(), validate(op, &body, &params).into_violations());
        // And they build alike: the tree paths write the same body text as the Value path.
        let options = BuildOptions::region(Region::Eu1);
        let built = build_request(op, &body, &params, &options);
        prop_assert_eq!(&maia_provision::build_request(op, &text, &params, &options), &built);
        prop_assert_eq!(&maia_provision::build_request(op, &tree, &params_tree, &options), &built);
    }

    #[test]
    fn json_text_agrees_with_serde_json(text in ".{0,200}") {
        // Text serde_json refuses gives one `json` violation at the body root, and only that text.
        let violations = validate(Operation::CreateProjectConnection, text.as_bytes(), &Value::Null).into_violations();
        let refused = violations.iter().any(|v| v.code.as_str() == "json" && v.pointer.is_empty());
        prop_assert_eq!(refused, serde_json::from_str::<Value>(&text).is_err(), "{:?}", violations);
    }

    #[test]
    fn key_functions_never_panic(text in ".{0,300}", armor in prop::bool::ANY) {
        let text = if armor { format!("-----BEGIN PRIVATE KEY-----{text}-----END PRIVATE KEY-----") } else { text };
        let found = check_private_key(&text);
        // Every finding names the key as a whole or a place inside it, and says something.
        prop_assert!(found.iter().all(|v| !v.message.is_empty() && (v.pointer.is_empty() || v.pointer.starts_with('/'))));
        if let Ok(repaired) = normalize_private_key(&text) {
            // What normalize returns is a clean key (at most warnings).
            prop_assert!(!maia_provision::has_errors(&check_private_key(&repaired)));
        }
    }
}

#[test]
fn deep_nesting_is_refused_or_ignored_without_overflow() {
    // 10 000 levels as JSON text: the parser refuses it with a `json` violation.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let violations = validate(Operation::CreateProject, deep.as_bytes(), &Value::Null).into_violations();
    assert_eq!(violations.len(), 1);
    assert_eq!(violations[0].code.as_str(), "json");
    // 10 000 levels as a tree under an unknown member: reported once, never walked.
    // Run on a thread with a big stack only because dropping such a tree recurses.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let mut value = Value::Null;
            for _ in 0..10_000 {
                // Moved, not `json!`: the macro would clone the whole tree at every level.
                value = Value::Object(Map::from_iter([("name".to_owned(), value)]));
            }
            let mut body = json!({"name": "p", "warehouse": "SNOWFLAKE", "agentDeploymentType": "HYBRID"});
            body.as_object_mut().unwrap().insert("nested".to_owned(), value);
            let codes: Vec<&str> = validate(Operation::CreateProject, &body, &Value::Null).iter().map(|v| v.code.as_str()).collect();
            assert_eq!(codes, ["unknown_field"]);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn multi_megabyte_strings_are_handled_and_never_echoed_whole() {
    let huge = "A".repeat(4 << 20);
    let body = json!({"name": huge, "warehouse": huge, "agentDeploymentType": "HYBRID"});
    let violations = validate(Operation::CreateProject, &body, &Value::Null);
    assert_eq!(violations.len(), 1);
    assert!(violations[0].message.len() < 400, "values are cut in messages");
    let key = format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n", "QUFB\n".repeat(1 << 20));
    assert!(check_private_key(&key).iter().all(|v| !v.is_error()));
    assert!(normalize_private_key(&key).is_ok());
    let secret = json!({"name": "k", "type": "DWH_PASSWORD", "key": "password", "value": {"password": format!("-----BEGIN PRIVATE KEY-----{huge}")}});
    let violations = validate(Operation::CreateSecretValue, &secret, &json!({"agentId": "28d7eae0-1ed5-42d1-b2d9-67decbdef2c3"}));
    assert!(violations.iter().all(|v| v.message.len() < 400));
}

#[test]
fn text_over_the_body_limit_is_refused_before_it_is_parsed() {
    let text = format!("{{\"name\": \"{}\"}}", "x".repeat(maia_provision::MAX_BODY_BYTES));
    let violations = validate(Operation::CreateProject, text.as_bytes(), &Value::Null).into_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!((violations[0].code.as_str(), violations[0].pointer.as_str()), ("json", ""));
    assert!(violations[0].message.contains("more than the 1048576 bytes the SDK reads"), "{}", violations[0].message);
}
