//! Request building and response parsing, compared whole.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, clippy::type_complexity, missing_docs, reason = "tests and tools fail loudly")]

use maia_provision::{
    ApiResponse, BuildError, BuildOptions, HeaderValue, HttpRequest, HttpResponse, Method, Operation, Region, ResponseError, Secret, build_request,
    parse_response,
};
use serde_json::{Value, json};

const PROJECT: &str = "678d39a9-98e2-45e7-80db-3e90d0942eaf";
const AGENT: &str = "28d7eae0-1ed5-42d1-b2d9-67decbdef2c3";
const UA: &str = concat!("maia-provision/", env!("CARGO_PKG_VERSION"));

fn options() -> BuildOptions {
    BuildOptions::region(Region::Eu1).with_token(Secret::new("tok-123")).unwrap()
}

/// The request as plain parts: (method, url, [(name, exposed value)], body as JSON).
fn parts(request: &HttpRequest) -> (&'static str, String, Vec<(String, String)>, Value) {
    let headers = request.headers.iter().map(|(n, v)| (n.to_string(), v.expose().to_owned())).collect();
    let body = request.body.as_deref().map_or(Value::Null, |b| serde_json::from_str(b).unwrap());
    (request.method.as_str(), request.url.clone(), headers, body)
}

fn headers(extra: &[(&str, &str)], with_body: bool) -> Vec<(String, String)> {
    let mut out = vec![("Accept".to_owned(), "application/json, application/problem+json".to_owned())];
    if with_body {
        out.push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    out.push(("User-Agent".to_owned(), UA.to_owned()));
    out.push(("Authorization".to_owned(), "Bearer tok-123".to_owned()));
    out.extend(extra.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())));
    out
}

fn example(name: &str) -> (Operation, Value, Value) {
    let path = format!("{}/../examples/requests/{name}", env!("CARGO_MANIFEST_DIR"));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let op = Operation::from_id(file["operation"].as_str().unwrap()).unwrap();
    (op, file.get("body").cloned().unwrap_or(Value::Null), file.get("params").cloned().unwrap_or(Value::Null))
}

#[test]
fn every_operation_builds_the_whole_request() {
    let base = "https://eu1.api.matillion.com/dpc";
    let cases: Vec<(&str, &str, String, Vec<(&str, &str)>)> = vec![
        ("01-create-project.json", "POST", format!("{base}/v1/projects"), vec![]),
        ("02-create-warehouse-connection.json", "POST", format!("{base}/v1/projects/{PROJECT}/data-platform-connections"), vec![]),
        ("03-create-secret-private-key.json", "POST", format!("{base}/v1/secrets/{AGENT}/secret-value"), vec![]),
        ("04-create-secret-aws-credentials.json", "POST", format!("{base}/v1/secrets/{AGENT}/secret-value"), vec![]),
        ("07-connection-aws-secrets-manager.json", "POST", format!("{base}/v1/projects/{PROJECT}/connections"), vec![]),
        ("15-environment-snowflake.json", "POST", format!("{base}/v1/projects/{PROJECT}/environments"), vec![]),
        ("18-repository-github.json", "POST", format!("{base}/v1/projects/{PROJECT}/repositories"), vec![]),
        (
            "20-repository-gitlab.json",
            "POST",
            format!("{base}/v1/projects/{PROJECT}/repositories"),
            vec![("Git-Provider-Access-Token", "<service-account-personal-access-token>")],
        ),
        (
            "21-rotate-repository-token.json",
            "POST",
            format!("{base}/v1/projects/{PROJECT}/repositories/token"),
            vec![("Git-Provider-Access-Token", "<new-service-account-personal-access-token>")],
        ),
    ];
    for (file, method, url, extra) in cases {
        let (op, body, params) = example(file);
        let request = build_request(op, &body, &params, &options()).unwrap_or_else(|e| panic!("{file}: {e}"));
        let expected_body = if op.has_body() { body.clone() } else { Value::Null };
        assert_eq!(parts(&request), (method, url, headers(&extra, op.has_body()), expected_body), "{file}");
    }
}

#[test]
fn the_alias_is_normalised_in_the_body() {
    let (op, body, params) = example("08-connection-aws-maia-hosted-vault.json");
    let request = build_request(op, &body, &params, &options()).unwrap();
    let mut expected = body.clone();
    expected["connectionDetails"]["secretsLocation"]["type"] = json!("MATILLION_CUSTOMER_VAULT");
    assert_eq!(parts(&request).3, expected);
}

#[test]
fn list_operations_send_paging_in_the_query_and_no_body() {
    let params = json!({"projectId": PROJECT, "page": 2, "size": "50"});
    let request = build_request(Operation::ListEnvironments, &Value::Null, &params, &options()).unwrap();
    assert_eq!(
        parts(&request),
        ("GET", format!("https://eu1.api.matillion.com/dpc/v1/projects/{PROJECT}/environments?page=2&size=50"), headers(&[], false), Value::Null)
    );
    let agents = build_request(Operation::ListAgents, &Value::Null, &Value::Null, &BuildOptions::region(Region::Us1)).unwrap();
    assert_eq!(agents.method, Method::Get);
    assert_eq!(agents.url, "https://us1.api.matillion.com/dpc/v1/agents");
    assert_eq!(agents.header("authorization"), None);
    let too_big = build_request(Operation::ListProjects, &Value::Null, &json!({"size": 101}), &options()).unwrap_err();
    assert!(matches!(too_big, BuildError::Invalid { ref violations, .. } if violations[0].pointer == "/size"));
}

#[test]
fn a_base_url_replaces_the_region_host() {
    let opts = BuildOptions::from_parts(None, Some("http://127.0.0.1:8080/dpc/"), None).unwrap();
    let request = build_request(Operation::CreateProject, &example("01-create-project.json").1, &Value::Null, &opts).unwrap();
    assert_eq!(request.url, "http://127.0.0.1:8080/dpc/v1/projects");
    for (region, base, message) in [
        (None, None, "choose where to send the request"),
        (Some("eu2"), None, "unknown region `eu2`"),
        (Some("eu1"), Some("https://x"), "not both"),
        (None, Some("ftp://x"), "must be an `http://` or `https://` URL"),
    ] {
        let error = BuildOptions::from_parts(region, base, None).unwrap_err();
        assert!(error.to_string().contains(message), "{error}");
    }
    let bad_token = BuildOptions::region(Region::Eu1).with_token(Secret::new("abc\ndef")).unwrap_err();
    assert_eq!(bad_token.option, "token");
    assert!(!bad_token.to_string().contains("abc"));
}

#[test]
fn the_gitlab_token_is_sent_only_for_gitlab_and_printed_never() {
    let (op, mut body, mut params) = example("20-repository-gitlab.json");
    params["Git-Provider-Access-Token"] = json!("glpat-SECRETVALUE");
    let request = build_request(op, &body, &params, &options()).unwrap();
    assert_eq!(request.header("git-provider-access-token"), Some("glpat-SECRETVALUE"));
    assert!(matches!(request.headers.last(), Some((_, HeaderValue::Secret(_)))));
    for printed in [format!("{request:?}"), request.redacted().to_string(), serde_json::to_string(&request.redacted()).unwrap()] {
        assert!(!printed.contains("SECRETVALUE") && !printed.contains("tok-123"), "{printed}");
        assert!(printed.contains("***"));
    }
    body["provider"] = json!("github");
    body["providerParameters"] = json!({"ownerName": "acme"});
    let github = build_request(op, &body, &params, &options()).unwrap();
    assert_eq!(github.header("Git-Provider-Access-Token"), None);
}

#[test]
fn secret_bodies_are_redacted_when_printed() {
    let body = json!({"name": "pw", "type": "DWH_PASSWORD", "key": "password", "value": {"password": "hunter2-SECRET"}});
    let request = build_request(Operation::CreateSecretValue, &body, &json!({"agentId": AGENT}), &options()).unwrap();
    assert!(request.body.as_deref().unwrap().contains("hunter2-SECRET"), "the wire body carries the secret");
    let redacted = request.redacted();
    assert_eq!(serde_json::from_str::<Value>(redacted.body.as_deref().unwrap()).unwrap()["value"]["password"], "***");
    assert!(!format!("{request:?}").contains("hunter2"));
}

#[test]
fn path_parameters_are_required_and_json_text_is_accepted() {
    let error = build_request(Operation::CreateEnvironment, &example("16-environment-redshift.json").1, &Value::Null, &options()).unwrap_err();
    let BuildError::Invalid { violations, .. } = error else { panic!("expected violations") };
    assert_eq!((violations[0].location.as_str(), violations[0].pointer.as_str(), violations[0].code.as_str()), ("path", "/projectId", "required"));
    let text = br#"{"name":"p","warehouse":"REDSHIFT","agentDeploymentType":"FULL_SAAS"}"#;
    assert!(build_request(Operation::CreateProject, text, &Value::Null, &options()).is_ok());
    let broken = build_request(Operation::CreateProject, b"{\"name\":", &Value::Null, &options()).unwrap_err();
    assert!(broken.to_string().contains("not valid JSON"), "{broken}");
}

fn ok(op: Operation, status: u16, body: &str) -> Value {
    serde_json::to_value(parse_response::<ApiResponse>(op, &HttpResponse::new(status, [].to_vec(), body.as_bytes())).unwrap()).unwrap()
}

fn api_error(op: Operation, status: u16, headers: &[(&str, &str)], body: &str) -> maia_provision::ApiError {
    let headers: Vec<(String, String)> = headers.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect();
    match parse_response::<ApiResponse>(op, &HttpResponse::new(status, headers.to_vec(), body.as_bytes())) {
        Err(ResponseError::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn success_bodies_parse_leniently() {
    assert_eq!(ok(Operation::CreateProject, 201, r#"{"projectId":"678d39a9-98e2-45e7-80db-3e90d0942eaf"}"#)["projectId"], PROJECT);
    assert_eq!(ok(Operation::CreateEnvironment, 201, "{}"), json!({}));
    assert_eq!(ok(Operation::CreateRepository, 201, ""), json!({}));
    assert_eq!(ok(Operation::RotateRepositoryToken, 204, ""), json!({}));
    let secret = ok(Operation::CreateSecretValue, 201, r#"{"vaultSecretName":"k","resolver_ref":"${srs-mhcv:1:DWH_PASSWORD/k@password}"}"#);
    assert_eq!(secret["resolver_ref"], "${srs-mhcv:1:DWH_PASSWORD/k@password}");
    // The guide's response: no id, a date without zone, an unknown enum value and extra members kept.
    let guide = r#"{"name":"aws-connection","platformConnectionType":"CLOUD_PLATFORM_CREDENTIALS","authProvider":"aws","authType":"SOMETHING_NEW",
        "createdBy":"34c003c5-909c-4efd-bb77-768eef731e77","createdDate":"2026-04-23T14:05:30.858475","projectId":"545b5a22-6490-4078-8e43-f9932c358b50",
        "connectionDetails":{"secretsLocation":{"type":"AWS_SECRET_MANAGER","region":"eu-west-1","newField":1},"connectionProperties":{"credentialSecretName":"aws-platform-credentials"}},
        "extra":{"kept":true}}"#;
    let parsed = parse_response::<ApiResponse>(Operation::CreateProjectConnection, &HttpResponse::new(201, [].to_vec(), guide.as_bytes())).unwrap();
    let ApiResponse::ProjectConnection(connection) = &parsed else { panic!("{parsed:?}") };
    assert_eq!(connection.id, None);
    assert_eq!(connection.created_date.as_ref().unwrap().parts().unwrap().offset_minutes, None);
    assert_eq!(connection.auth_type.as_ref().unwrap().as_str(), "SOMETHING_NEW");
    let round_trip = serde_json::to_value(&parsed).unwrap();
    assert_eq!(round_trip, serde_json::from_str::<Value>(guide).unwrap(), "nothing the server sent is lost");
    let page =
        ok(Operation::ListAgents, 200, r#"{"results":[{"agentId":"a","name":"n","agentStatus":"running","future":1}],"page":0,"size":25,"total":1}"#);
    assert_eq!(page["results"][0]["future"], 1);
}

#[test]
fn every_error_status_gives_an_api_error() {
    let problem = r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Validation failed","instance":"/v1/projects/x/connections","violations":["name: must not be blank","authType: invalid"]}"#;
    for status in [400u16, 403, 409, 422, 500] {
        let error = api_error(Operation::CreateProjectConnection, status, &[("Content-Type", "application/problem+json")], problem);
        assert_eq!(error.status, status);
        assert_eq!(error.violations(), ["name: must not be blank", "authType: invalid"]);
        assert_eq!(error.problem.as_ref().unwrap().detail.as_deref(), Some("Validation failed"));
        assert!(error.to_string().starts_with(&format!("HTTP {status}")), "{error}");
    }
    let unauthorized = api_error(Operation::ListProjects, 401, &[], "");
    assert_eq!((unauthorized.problem.clone(), unauthorized.body.as_str()), (None, ""));
    assert!(unauthorized.to_string().contains("expired"), "{unauthorized}");
    let not_found = api_error(Operation::ListProjects, 404, &[], r#"{"error":"no such project"}"#);
    assert_eq!(not_found.problem.as_ref().unwrap().extra["error"], "no such project");
    let limited = api_error(Operation::CreateProject, 429, &[("retry-after", "30")], "Too Many Requests");
    assert_eq!(
        (limited.retry_after.as_ref().map(maia_provision::RetryAfter::as_str), limited.problem.is_none(), limited.body.as_str()),
        (Some("30"), true, "Too Many Requests")
    );
    let html = api_error(Operation::CreateProject, 502, &[], "<html><body>Bad gateway</body></html>");
    assert_eq!(html.body, "<html><body>Bad gateway</body></html>");
    let odd = api_error(Operation::CreateProject, 422, &[], r#"{"status":"422","violations":[{"field":"name"}]}"#);
    assert_eq!((odd.problem.as_ref().unwrap().status, odd.violations()), (Some(422), &[r#"{"field":"name"}"#.to_owned()][..]));
}

#[test]
fn a_success_status_with_a_foreign_body_is_a_decode_error() {
    match parse_response::<ApiResponse>(Operation::CreateProject, &HttpResponse::new(201, [].to_vec(), b"<html>ok</html>")) {
        Err(ResponseError::Decode(error)) => {
            assert_eq!((error.status, error.body.as_str()), (201, "<html>ok</html>"));
            assert_eq!(error.to_string(), "HTTP 201 response could not be read: the body is not JSON: unexpected text (line 1, column 1)");
        }
        other => panic!("{other:?}"),
    }
    match parse_response::<ApiResponse>(Operation::CreateProject, &HttpResponse::new(201, [].to_vec(), b"{\"projectId\":\n\"p")) {
        Err(ResponseError::Decode(error)) => assert_eq!(error.message, "the body is not JSON: it ends early (line 2, column 2)"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        parse_response::<ApiResponse>(Operation::ListAgents, &HttpResponse::new(200, [].to_vec(), br#"{"results":"nope"}"#)),
        Err(ResponseError::Decode(_))
    ));
}

#[test]
fn plain_json_parsing_checks_the_envelope_only() {
    use maia_provision::{HttpResponse, parse_response};
    assert_eq!(parse_response::<Value>(Operation::CreateEnvironment, &HttpResponse::new(201, [].to_vec(), b"")).unwrap(), json!({}));
    assert_eq!(
        parse_response::<Value>(Operation::CreateProject, &HttpResponse::new(201, [].to_vec(), br#"{"projectId":"p","new":1}"#)).unwrap(),
        json!({"projectId": "p", "new": 1})
    );
    assert!(matches!(parse_response::<Value>(Operation::CreateProject, &HttpResponse::new(201, [].to_vec(), b"[1]")), Err(ResponseError::Decode(_))));
    assert!(matches!(
        parse_response::<Value>(Operation::ListAgents, &HttpResponse::new(200, [].to_vec(), br#"{"results":{}}"#)),
        Err(ResponseError::Decode(_))
    ));
    assert!(
        matches!(parse_response::<Value>(Operation::ListAgents, &HttpResponse::new(409, [].to_vec(), b"{}")), Err(ResponseError::Api(ref e)) if e.status == 409)
    );
}

#[test]
fn the_text_path_answers_as_the_value_path() {
    use maia_provision::{HttpResponse, JsonTree, ProblemDetail, ProblemView, parse_response};
    let bodies: [&[u8]; 6] = [
        b"",
        br#"{"projectId":"p","b":[1,2.5,{"z":null,"a":true}],"a":"\u00e9","b":"again"}"#,
        br#"{"results":[{"id":"x"}],"page":0}"#,
        br#"{"results":{}}"#,
        b"[1]",
        b"{\"projectId\":",
    ];
    for operation in [Operation::CreateProject, Operation::ListAgents] {
        for body in bodies {
            let text = parse_response::<String>(operation, &HttpResponse::new(200, [].to_vec(), body));
            match parse_response::<Value>(operation, &HttpResponse::new(200, [].to_vec(), body)) {
                Ok(value) => assert_eq!(text.unwrap(), serde_json::to_string(&value).unwrap()),
                Err(error) => assert_eq!(text.unwrap_err(), error),
            }
        }
    }
    let problems: [&[u8]; 4] = [
        br#"{"status":"422","title":"Bad","violations":[{"field":"name"},"x"],"zeta":1,"alpha":{"b":1,"a":2},"detail":null}"#,
        br#"{"type":"about:blank","violations":"one","instance":"/v1/x","status":422}"#,
        b"<html>",
        b"[]",
    ];
    let headers = [("Retry-After".to_owned(), " 30 ".to_owned())];
    for body in problems {
        let (Err(ResponseError::Api(text)), Err(ResponseError::Api(value))) = (
            parse_response::<String>(Operation::CreateProject, &HttpResponse::new(429, headers.to_vec(), body)),
            parse_response::<Value>(Operation::CreateProject, &HttpResponse::new(429, headers.to_vec(), body)),
        ) else {
            panic!("both are API errors");
        };
        assert_eq!(
            (text.status, &text.body, text.retry_after.as_ref().map(maia_provision::RetryAfter::as_str), text.to_string()),
            (value.status, &value.body, value.retry_after.as_ref().map(maia_provision::RetryAfter::as_str), value.to_string())
        );
        let known = value.problem.clone().map(|problem| ProblemDetail { extra: Default::default(), ..problem });
        assert_eq!(text.problem, known);
        let tree = JsonTree::parse(body).ok();
        let view = tree.as_ref().and_then(ProblemView::read);
        assert_eq!(view.as_ref().map(|view| view.problem().clone()), known);
        assert_eq!(view.map(|view| serde_json::to_string(&view).unwrap()), value.problem.map(|problem| serde_json::to_string(&problem).unwrap()));
    }
}

#[test]
#[cfg(feature = "ffi")]
fn the_js_packages_guard_errors_come_from_the_core() {
    use maia_provision::ffi::InputError;
    assert_eq!(maia_provision::ffi::operation_at(0).ok(), Operation::ALL.first().copied());
    let index = u32::try_from(Operation::ALL.len()).unwrap();
    let unknown = maia_provision::ffi::operation_at(index).unwrap_err().to_string();
    assert!(unknown.contains(&format!("no operation has index {index}")) && unknown.contains("operation"), "{unknown}");
    let not_json = InputError::not_json("params", &serde_json::from_str::<Value>("{").unwrap_err()).to_string();
    assert!(not_json.contains("params") && not_json.contains("the text is not JSON: it ends early (line 1, column 1)"), "{not_json}");
    assert!(InputError::not_a_status("number").to_string().contains(maia_provision::ffi::EXPECTED_STATUS));
    assert_eq!(maia_provision::json_pointer(["a/b", "~c", "0"]), "/a~1b/~0c/0");
    assert_eq!(maia_provision::json_pointer([]), "");
}

#[test]
fn base_urls_are_checked_whole_and_never_echo_credentials() {
    for bad in ["https://h/ x", "https://h:99999/dpc", "https://h:abc", "https://h:0", "ftp://h", "https://", "https://h?x=1"] {
        let error = BuildOptions::base_url(bad).unwrap_err();
        assert_eq!(error.option, "baseUrl", "{bad}");
        assert!(error.message.contains("such as `https://eu1.api.matillion.com/dpc`"), "{bad}: {}", error.message);
    }
    let error = BuildOptions::base_url("https://admin:hunter2@h/dpc").unwrap_err().message;
    assert!(!error.contains("hunter2") && !error.contains("admin"), "{error}");
    assert!(error.contains("must not hold credentials"), "{error}");
    for good in ["https://h:8443/dpc/", "http://127.0.0.1:1234", "http://[::1]:8080/x", "https://eu1.api.matillion.com/dpc"] {
        assert!(BuildOptions::base_url(good).is_ok(), "{good}");
    }
}

#[test]
fn server_text_in_messages_is_escaped_capped_and_never_repeats_a_secret() {
    let title = format!("Bad\r\nINFO forged log line \u{1b}[31mred\u{202e}evil {}", "x".repeat(10_000));
    let problem = json!({"title": title, "status": 400, "detail": "token glpat-AbCdEf0123456789xyz was refused", "violations": (0..25).map(|i| format!("v{i}")).collect::<Vec<_>>()});
    let response = HttpResponse::new(400, vec![], serde_json::to_vec(&problem).unwrap());
    let Err(ResponseError::Api(error)) = parse_response::<Value>(Operation::CreateProject, &response) else { panic!("not an API error") };
    let message = error.to_string();
    assert!(!message.contains(['\r', '\n', '\u{1b}', '\u{202e}']), "{message:?}");
    assert!(message.contains("Bad\\r\\nINFO forged log line \\u{1b}[31mred\\u{202e}evil"), "{message}");
    assert!(message.len() < 1_000, "{} bytes", message.len());
    assert!(!message.contains("glpat-") && message.contains("token *** was refused"), "{message}");
    assert!(message.contains("(25 violations: v0; v1;") && message.contains("; and 15 more)"), "{message}");
    // The whole text stays in the problem and the body.
    assert_eq!(error.problem.as_ref().and_then(|p| p.title.as_deref()), Some(title.as_str()));
    assert!(error.body.contains("glpat-AbCdEf0123456789xyz"));
}

#[test]
fn retry_after_is_found_whatever_the_case_of_its_name() {
    for name in ["Retry-After", "retry-after", "RETRY-AFTER", "rEtRy-AfTeR"] {
        let response = HttpResponse::new(429, vec![(name.to_owned(), " 7 ".to_owned())], b"{}".to_vec());
        let Err(ResponseError::Api(error)) = parse_response::<Value>(Operation::ListProjects, &response) else { panic!("not an API error") };
        let after = error.retry_after.unwrap_or_else(|| panic!("{name} not read"));
        assert_eq!((after.as_str(), after.delay(std::time::SystemTime::UNIX_EPOCH)), ("7", Some(std::time::Duration::from_secs(7))), "{name}");
    }
    let other = HttpResponse::new(429, vec![("Retry-After-Not".to_owned(), "7".to_owned())], b"{}".to_vec());
    let Err(ResponseError::Api(error)) = parse_response::<Value>(Operation::ListProjects, &other) else { panic!("not an API error") };
    assert!(error.retry_after.is_none(), "another header is not Retry-After");
}

#[test]
fn a_created_project_must_name_its_project_id() {
    for body in ["", "{}", r#"{"projectId": 42}"#, r#"{"projectId": ""}"#] {
        let response = HttpResponse::new(201, vec![], body.as_bytes().to_vec());
        for decoded in [
            parse_response::<Value>(Operation::CreateProject, &response).map(|_| ()),
            parse_response::<String>(Operation::CreateProject, &response).map(|_| ()),
        ] {
            assert!(matches!(decoded, Err(ResponseError::Decode(ref e)) if e.message.contains("`projectId`")), "{body:?}: {decoded:?}");
        }
    }
    let ok = HttpResponse::new(201, vec![], br#"{"projectId": "678d39a9-98e2-45e7-80db-3e90d0942eaf"}"#.to_vec());
    assert!(parse_response::<ApiResponse>(Operation::CreateProject, &ok).is_ok());
    // Other creates answer `{}` or nothing.
    assert_eq!(parse_response::<Value>(Operation::CreateEnvironment, &HttpResponse::new(201, vec![], Vec::new())).unwrap(), json!({}));
}

#[test]
fn token_headers_with_spaces_or_in_two_spellings_are_warned_about() {
    let params = json!({"projectId": PROJECT, "Git-Provider-Access-Token": " glpat-abc "});
    let warnings: Vec<(String, String)> = maia_provision::validate(Operation::RotateRepositoryToken, &Value::Null, &params)
        .into_violations()
        .into_iter()
        .map(|v| (v.pointer, v.message))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].1.contains("spaces before or after the token") && !warnings[0].1.contains("glpat"), "{warnings:?}");
    let twice = json!({"projectId": PROJECT, "Git-Provider-Access-Token": "glpat-a", "git-provider-access-token": "glpat-b"});
    let violations = maia_provision::validate(Operation::RotateRepositoryToken, &Value::Null, &twice).into_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(
        violations[0].message.contains("given 2 times") && violations[0].message.contains("only `Git-Provider-Access-Token` is sent"),
        "{violations:?}"
    );
    let request = build_request(Operation::RotateRepositoryToken, &Value::Null, &twice, &options()).unwrap();
    assert_eq!(request.header("Git-Provider-Access-Token"), Some("glpat-a"));
}

#[test]
fn a_response_nested_too_deep_says_so() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let response = HttpResponse::new(200, vec![], deep.into_bytes());
    let Err(ResponseError::Decode(error)) = parse_response::<Value>(Operation::ListAgents, &response) else { panic!("not a decode error") };
    assert!(error.message.contains("nests 128 or more levels deep, past the recursion limit"), "{}", error.message);
}
