//! No printable form ever shows a secret. Marker secrets go into every secret-bearing place (DWH
//! password and private-key values, cloud credentials, the `Git-Provider-Access-Token` header,
//! the bearer token, environment `privateKey` / `passphrase` / `password` given as literals), in
//! valid and broken requests alike; then no violation (message, Display, Debug, JSON), no build
//! error, no redacted request (Display, Debug, JSON) and no option error may contain the marker.
//!
//! Each probe also proves that its marker reached the request (the real body or header), so a
//! probe that silently lost its secret cannot pass.

#![allow(clippy::panic, clippy::unwrap_used, missing_docs, reason = "tests fail loudly")]

use maia_provision::{BuildError, BuildOptions, HttpRequest, Operation, Secret, build_request, check_private_key, normalize_private_key, validate};
use serde_json::{Value, json};

/// A marker made of base64 characters, so that it also survives inside a PEM body.
const MARKER: &str = "Zq9MarkerSecret7f3aQ";
/// A second marker for the bearer token, to tell the two apart.
const TOKEN_MARKER: &str = "TokMarker0b1c2d3e4f";
const PROJECT: &str = "550e8400-e29b-41d4-a716-446655440002";
const AGENT: &str = "28d7eae0-1ed5-42d1-b2d9-67decbdef2c3";
const GIT_TOKEN: &str = "Git-Provider-Access-Token";
/// A throwaway private key body (not a real key), with the marker in its second line.
const KEY_LINES: [&str; 3] = [
    "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQ",
    "Zq9MarkerSecret7f3aQYx2eqzDV+xeG8kx/sQFV18S5JhzGeIJNA72wSeukEPoj",
    "tqUyX2J0CciPBh7eqclQ2zpAswIDAQABAkAgisq4+zRdrzkwH1ITV1vpytnkO/Ni",
];

fn key() -> String {
    format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n", KEY_LINES.join("\n"))
}

fn options() -> BuildOptions {
    BuildOptions::from_parts(Some("eu1"), None, Some(Secret::new(TOKEN_MARKER))).expect("valid options")
}

/// Every printable form of everything `validate` and `build_request` return for this probe.
fn printable(op: Operation, body: &Body, params: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let violations = match body {
        Body::Json(body) => validate(op, body, params).into_violations(),
        Body::Text(text) => validate(op, text.as_bytes(), params).into_violations(),
    };
    for violation in &violations {
        out.push(("violation message".to_owned(), violation.message.clone()));
        out.push(("violation Display".to_owned(), violation.to_string()));
        out.push(("violation Debug".to_owned(), format!("{violation:?}")));
        out.push(("violation JSON".to_owned(), serde_json::to_string(violation).expect("serializes")));
    }
    let built = match body {
        Body::Json(body) => build_request(op, body, params, &options()),
        Body::Text(text) => build_request(op, text.as_bytes(), params, &options()),
    };
    match &built {
        Ok(request) => out.extend(request_forms(request)),
        Err(error) => {
            out.push(("BuildError Display".to_owned(), error.to_string()));
            out.push(("BuildError Debug".to_owned(), format!("{error:?}")));
        }
    }
    out
}

fn request_forms(request: &HttpRequest) -> Vec<(String, String)> {
    let redacted = request.redacted();
    #[cfg_attr(not(feature = "ffi"), allow(unused_mut, reason = "the JS packages' form is the ffi's"))]
    let mut forms = vec![
        ("HttpRequest Debug".to_owned(), format!("{request:?}")),
        ("RedactedRequest Display".to_owned(), redacted.to_string()),
        ("RedactedRequest Debug".to_owned(), format!("{redacted:?}")),
        ("RedactedRequest JSON".to_owned(), serde_json::to_string(&redacted).expect("serializes")),
    ];
    // The JS packages' redacted form: the built request read back by the core from what JS
    // holds (the URL, the header pairs as sent, the body).
    #[cfg(feature = "ffi")]
    if let Some(op) = request.operation() {
        let pairs: Vec<(&str, &str)> = request.headers.iter().map(|(name, value)| (name.as_ref(), value.expose())).collect();
        let headers = serde_json::to_string(&pairs).expect("serializes");
        let index = u32::try_from(Operation::ALL.iter().position(|each| *each == op).expect("listed")).expect("few");
        let shown =
            maia_provision::ffi::call("", "redactedRequest", index, [&request.url, &headers, request.body.as_deref().unwrap_or_default(), ""]);
        let read: Value = serde_json::from_str(&shown).expect("an envelope");
        assert_eq!(read, json!({ "ok": redacted }), "read back, {op:?} prints as built");
        forms.push(("JS redactedRequest".to_owned(), shown));
    }
    forms
}

/// The request as sent (real values): where the marker must be, when the probe is valid.
fn wire(request: &HttpRequest) -> String {
    let headers: Vec<String> = request.headers.iter().map(|(name, value)| format!("{name}: {}", value.expose())).collect();
    format!("{}\n{}\n{}", request.url, headers.join("\n"), request.body.as_deref().unwrap_or_default())
}

enum Body {
    Json(Value),
    Text(String),
}

struct Probe {
    name: &'static str,
    op: Operation,
    body: Body,
    params: Value,
    /// Whether the request builds (then the marker must be on the wire).
    valid: bool,
}

fn probe(name: &'static str, op: Operation, body: Value, params: Value, valid: bool) -> Probe {
    Probe { name, op, body: Body::Json(body), params, valid }
}

fn flat(value: Value) -> Value {
    json!({"name": "s", "type": "DWH_PASSWORD", "key": "password", "value": value})
}

fn cloud(value: Value) -> Value {
    json!({"secret": {"name": "c", "type": "CLOUD_PLATFORM_CREDENTIALS", "value": value}})
}

fn environment(dwh: Value, connection_name: &str, properties: Value) -> Value {
    json!({
        "name": "development", "defaultAgentId": AGENT, "defaultUserAccessLevel": "admin",
        "defaultConnections": {"DWH": dwh},
        "connectionOverrides": [{"connectionName": connection_name, "connectionProperties": properties}],
    })
}

fn snowflake_properties(private_key: Value, passphrase: Value) -> Value {
    json!({"account": {"value": "acme"}, "username": {"value": "etl"}, "privateKey": private_key, "passphrase": passphrase})
}

fn probes() -> Vec<Probe> {
    let agent = json!({"agentId": AGENT});
    let project = json!({"projectId": PROJECT});
    let gitlab = json!({"provider": "gitlab", "providerParameters": {"repositoryId": "1"}, "repositoryName": "r"});
    let github = json!({"provider": "github", "providerParameters": {"ownerName": "acme"}, "repositoryName": "r"});
    let key = key();
    let literal = key.replace('\n', "\\n");
    vec![
        probe("password", Operation::CreateSecretValue, flat(json!({"password": MARKER})), agent.clone(), true),
        probe("private key", Operation::CreateSecretValue, flat(json!({"password": key})), agent.clone(), true),
        probe("private key with literal \\n", Operation::CreateSecretValue, flat(json!({"password": literal})), agent.clone(), false),
        probe("private key on one line", Operation::CreateSecretValue, flat(json!({"password": key.replace('\n', " ")})), agent.clone(), false),
        probe(
            "private key with a bad base64 line",
            Operation::CreateSecretValue,
            flat(json!({"password": key.replace("Zq9", "Z*9")})),
            agent.clone(),
            false,
        ),
        probe(
            "private key with the secret before BEGIN",
            Operation::CreateSecretValue,
            flat(json!({"password": format!("{MARKER}\n{key}")})),
            agent.clone(),
            true,
        ),
        probe(
            "private key without END",
            Operation::CreateSecretValue,
            flat(json!({"password": key.replace("-----END PRIVATE KEY-----\n", "")})),
            agent.clone(),
            false,
        ),
        probe("password under a member that key does not name", Operation::CreateSecretValue, flat(json!({"pasword": MARKER})), agent.clone(), false),
        probe(
            "credential beside the one key names",
            Operation::CreateSecretValue,
            flat(json!({"password": "x", "old": MARKER})),
            agent.clone(),
            true,
        ),
        probe(
            "password and no key",
            Operation::CreateSecretValue,
            json!({"name": "s", "type": "DWH_PASSWORD", "value": {"password": MARKER}}),
            agent.clone(),
            false,
        ),
        probe("password given as the bare value", Operation::CreateSecretValue, flat(json!(MARKER)), agent.clone(), false),
        probe("password with a bad agentId", Operation::CreateSecretValue, flat(json!({"password": MARKER})), json!({"agentId": "A"}), false),
        probe(
            "aws credentials",
            Operation::CreateSecretValue,
            cloud(json!({"type": "aws", "accessKeyID": MARKER, "secretKey": MARKER})),
            agent.clone(),
            true,
        ),
        probe(
            "azure credentials",
            Operation::CreateSecretValue,
            cloud(json!({"type": "azure", "tenantID": MARKER, "clientID": MARKER, "secretKey": MARKER})),
            agent.clone(),
            true,
        ),
        probe(
            "gcp service account that is not JSON",
            Operation::CreateSecretValue,
            cloud(json!({"type": "gcp", "serviceAccount": MARKER})),
            agent.clone(),
            true,
        ),
        probe(
            "gcp service account JSON",
            Operation::CreateSecretValue,
            cloud(json!({"type": "gcp", "serviceAccount": json!({"private_key": MARKER}).to_string()})),
            agent.clone(),
            true,
        ),
        probe(
            "aws credentials with an undocumented secret member",
            Operation::CreateSecretValue,
            cloud(json!({"type": "aws", "accessKeyID": "a", "secretKey": "b", "sessionToken": MARKER})),
            agent.clone(),
            true,
        ),
        probe(
            "aws credentials with a member of another cloud",
            Operation::CreateSecretValue,
            cloud(json!({"type": "aws", "accessKeyID": MARKER, "secretKey": MARKER, "clientID": MARKER})),
            agent.clone(),
            false,
        ),
        probe(
            "credentials with an unknown cloud type",
            Operation::CreateSecretValue,
            cloud(json!({"type": "AWS", "accessKeyID": MARKER, "secretKey": MARKER})),
            agent.clone(),
            false,
        ),
        probe(
            "environment privateKey given as a literal",
            Operation::CreateEnvironment,
            environment(json!({"snowflake": "wh"}), "wh", snowflake_properties(json!({"value": MARKER}), json!({"secretName": "p"}))),
            project.clone(),
            false,
        ),
        probe(
            "environment passphrase given as a literal",
            Operation::CreateEnvironment,
            environment(json!({"snowflake": "wh"}), "wh", snowflake_properties(json!({"secretName": "k"}), json!({"value": MARKER}))),
            project.clone(),
            false,
        ),
        probe(
            "environment privateKey given as a literal and a reference",
            Operation::CreateEnvironment,
            environment(
                json!({"snowflake": "wh"}),
                "wh",
                snowflake_properties(json!({"value": MARKER, "secretName": "k"}), json!({"secretName": "p"})),
            ),
            project.clone(),
            false,
        ),
        probe(
            "environment Redshift password given as a literal",
            Operation::CreateEnvironment,
            environment(
                json!({"redshift": "wh"}),
                "wh",
                json!({"url": {"value": "u"}, "username": {"value": "n"}, "port": {"value": "5439"}, "password": {"value": MARKER}}),
            ),
            project.clone(),
            false,
        ),
        probe(
            "environment password literal while the override names another connection",
            Operation::CreateEnvironment,
            environment(json!({"redshift": "wh"}), "other", json!({"password": {"value": MARKER}})),
            project.clone(),
            false,
        ),
        probe("gitlab token header", Operation::CreateRepository, gitlab.clone(), json!({"projectId": PROJECT, GIT_TOKEN: MARKER}), true),
        probe(
            "gitlab token header with a line break",
            Operation::CreateRepository,
            gitlab.clone(),
            json!({"projectId": PROJECT, GIT_TOKEN: format!("{MARKER}\n")}),
            false,
        ),
        probe("gitlab token header with a bad projectId", Operation::CreateRepository, gitlab, json!({"projectId": "P", GIT_TOKEN: MARKER}), false),
        probe(
            "token header on a github repository (not sent)",
            Operation::CreateRepository,
            github,
            json!({"projectId": PROJECT, GIT_TOKEN: MARKER}),
            true,
        ),
        probe("rotated token header", Operation::RotateRepositoryToken, Value::Null, json!({"projectId": PROJECT, GIT_TOKEN: MARKER}), true),
        probe(
            "rotated token header with a non-ASCII character",
            Operation::RotateRepositoryToken,
            Value::Null,
            json!({"projectId": PROJECT, GIT_TOKEN: format!("{MARKER}é")}),
            false,
        ),
        probe(
            "token header under a misspelled name",
            Operation::RotateRepositoryToken,
            Value::Null,
            json!({"projectId": PROJECT, "Git-Provider-Acess-Token": MARKER}),
            false,
        ),
        Probe {
            name: "password in JSON text that breaks inside the secret",
            op: Operation::CreateSecretValue,
            body: Body::Text(format!(
                "{{\"name\": \"s\", \"type\": \"DWH_PASSWORD\", \"key\": \"password\", \"value\": {{\"password\": \"{MARKER}\u{1}x"
            )),
            params: agent.clone(),
            valid: false,
        },
        Probe {
            name: "password in JSON text",
            op: Operation::CreateSecretValue,
            body: Body::Text(flat(json!({"password": MARKER})).to_string()),
            params: agent,
            valid: true,
        },
    ]
}

/// Which probes sent their marker where it was not wanted: valid probes must have it on the wire
/// (else the probe proves nothing), except where the core rightly does not send it.
fn marker_expected_on_wire(probe: &Probe) -> bool {
    probe.valid && !probe.name.contains("(not sent)")
}

#[test]
fn no_printable_form_shows_a_secret() {
    let mut leaks = Vec::new();
    let mut probes_run = 0;
    for probe in probes() {
        probes_run += 1;
        for (form, text) in printable(probe.op, &probe.body, &probe.params) {
            for marker in [MARKER, TOKEN_MARKER] {
                if text.contains(marker) {
                    leaks.push(format!("{}: {form} shows the secret: {text}", probe.name));
                }
            }
        }
        let built = match &probe.body {
            Body::Json(body) => build_request(probe.op, body, &probe.params, &options()),
            Body::Text(text) => build_request(probe.op, text.as_bytes(), &probe.params, &options()),
        };
        match (&built, probe.valid) {
            (Ok(request), true) => {
                let sent = wire(request);
                assert!(sent.contains(TOKEN_MARKER), "{}: the bearer token is not sent", probe.name);
                assert_eq!(sent.contains(MARKER), marker_expected_on_wire(&probe), "{}: where the secret is sent", probe.name);
            }
            (Err(BuildError::Invalid { .. }), false) => {}
            (other, _) => panic!("{}: expected the request to be {}, got {other:?}", probe.name, if probe.valid { "built" } else { "refused" }),
        }
    }
    assert_eq!(probes_run, probes().len());
    assert!(leaks.is_empty(), "secrets shown:\n  {}", leaks.join("\n  "));
}

#[test]
fn private_key_checks_and_repair_never_quote_the_key() {
    let key = key();
    let broken = [
        key.replace('\n', "\\n"),
        key.replace('\n', " "),
        key.replace("Zq9", "Z*9"),
        key.replace("-----END PRIVATE KEY-----\n", ""),
        key.replace("-----END PRIVATE", "-----END RSA PRIVATE"),
        key.replace("PRIVATE KEY", "PUBLIC KEY"),
        format!("{MARKER}\n{key}"),
        KEY_LINES.join(""),
    ];
    for text in &broken {
        for violation in check_private_key(text) {
            assert!(!violation.message.contains(MARKER), "check_private_key quotes the key: {}", violation.message);
            assert!(!format!("{violation:?}").contains(MARKER), "violation Debug quotes the key");
        }
        if let Err(violations) = normalize_private_key(text) {
            assert!(!format!("{violations:?}").contains(MARKER), "normalize_private_key's error quotes the key: {violations:?}");
        }
    }
    let repaired = normalize_private_key(&key.replace('\n', "\\n")).expect("literal \\n is repaired");
    assert!(repaired.contains(MARKER), "the repaired key keeps its body");
}

#[test]
fn tokens_never_show_in_options() {
    let options = options();
    assert!(!format!("{options:?}").contains(TOKEN_MARKER), "BuildOptions Debug shows the token");
    for bad in [format!("{TOKEN_MARKER} x"), format!("{TOKEN_MARKER}\n"), format!("Bearer {TOKEN_MARKER}é")] {
        let error = BuildOptions::from_parts(Some("eu1"), None, Some(Secret::new(bad)))
            .expect_err("a token with a space, line break or non-ASCII is refused");
        assert_eq!(error.option, "token");
        assert!(!error.to_string().contains(TOKEN_MARKER), "the option error shows the token: {error}");
        assert!(!format!("{error:?}").contains(TOKEN_MARKER), "the option error Debug shows the token");
    }
    let secret = Secret::new(TOKEN_MARKER);
    assert_eq!(format!("{secret} {secret:?}"), "*** ***");
}

/// A number given where a sensitive environment property needs a secret reference is echoed in
/// the `not_string` warning when the core does not know the property is sensitive (the override
/// names another connection than DWH, or the property belongs to the other warehouse).
#[test]
fn numeric_sensitive_literals_are_not_echoed() {
    let number = 918_273_645_546_372_819_u64;
    let marker = number.to_string();
    let cases = [
        environment(json!({"redshift": "wh"}), "other", json!({"password": {"value": number}})),
        environment(
            json!({"snowflake": "wh"}),
            "wh",
            json!({"account": {"value": "a"}, "username": {"value": "u"}, "privateKey": {"secretName": "k"}, "password": {"value": number}}),
        ),
        environment(
            json!({"redshift": "wh"}),
            "wh",
            json!({"url": {"value": "u"}, "username": {"value": "n"}, "port": {"value": "5439"}, "password": {"secretName": "p"}, "passphrase": {"value": number}}),
        ),
    ];
    for body in cases {
        let params = json!({"projectId": PROJECT});
        for (form, text) in printable(Operation::CreateEnvironment, &Body::Json(body.clone()), &params) {
            assert!(!text.contains(&marker), "{form} shows the secret: {text}");
        }
    }
}

#[test]
fn printed_requests_hide_undocumented_secret_members_by_default() {
    let options = BuildOptions::region(maia_provision::Region::Eu1);
    let project = serde_json::json!({"name": "analytics", "warehouse": "SNOWFLAKE", "agentDeploymentType": "FULL_SAAS", "Password": "canary-pw-1", "passWord": {"x": "canary-pw-2"}});
    let request = build_request(Operation::CreateProject, &project, &serde_json::Value::Null, &options).unwrap();
    let sent = request.body.clone().unwrap();
    assert!(sent.contains("canary-pw-1") && sent.contains("canary-pw-2"), "the request sends what was given");
    for printed in [request.redacted().to_string(), format!("{request:?}"), serde_json::to_string(&request.redacted()).unwrap()] {
        assert!(!printed.contains("canary-pw"), "{printed}");
        assert!(printed.contains("analytics"), "ordinary values stay readable: {printed}");
    }
}
