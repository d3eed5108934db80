//! Runs the shared test vectors (`tests/vectors/*.json`, format in `tests/vectors/README.md`)
//! against the core, as every binding runs them against its own API:
//!
//! - `validate` / `validate_json` (for `bodyText`) report exactly the expected multiset of
//!   (location, pointer, code, severity), each `messageIncludes` substring is in the message and
//!   no `messageExcludes` substring is;
//! - `expect: "valid"` → `build_request` succeeds and, when `request` is given, sends that method,
//!   URL, headers (all but `User-Agent`, which starts with `maia-provision/`) and JSON body;
//! - `expect: "invalid"` → `build_request` refuses with `BuildError::Invalid` carrying the same
//!   violations that `validate` reports.
//!
//! The vector files are checked too (they parse, names are unique per file, members are known)
//! and `seed-examples.json` must hold every file of `examples/requests/` unchanged.
//!
//! `MAIA_VECTORS_SHOW=1 cargo test -p maia-provision --test vectors -- --nocapture` prints every
//! case's violations with their messages, to review how they read; `MAIA_VECTORS_DIR=<folder>`
//! runs the vector files of another folder.

#![allow(clippy::panic, clippy::unwrap_used, missing_docs, reason = "tests fail loudly")]

use maia_provision::{BuildError, BuildOptions, Code, HttpRequest, JsonTree, Operation, Secret, Violation, build_request, validate};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const FILE_MEMBERS: &[&str] = &["description", "cases"];
const CASE_MEMBERS: &[&str] = &["name", "operation", "params", "body", "bodyText", "expect", "violations", "request"];
const VIOLATION_MEMBERS: &[&str] = &["location", "pointer", "code", "severity", "messageIncludes", "messageExcludes"];
const REQUEST_MEMBERS: &[&str] = &["method", "url", "headers", "body"];
const LOCATIONS: &[&str] = &["body", "path", "header", "query"];
const SEVERITIES: &[&str] = &["error", "warning"];
const USER_AGENT: &str = "User-Agent";
const USER_AGENT_PREFIX: &str = "maia-provision/";
const SEED_EXAMPLES: &str = "seed-examples.json";

/// (location, pointer, code, severity): what a vector pins about a violation.
type Key = (String, String, String, String);

struct VectorFile {
    path: PathBuf,
    cases: Vec<Case>,
}

struct Case {
    name: String,
    operation: Operation,
    params: Value,
    body: Body,
    valid: bool,
    violations: Vec<Expected>,
    request: Option<ExpectedRequest>,
}

enum Body {
    Json(Value),
    Text(String),
}

struct Expected {
    key: Key,
    includes: Vec<String>,
    excludes: Vec<String>,
}

impl Expected {
    /// Whether a message has every `messageIncludes` part and no `messageExcludes` part.
    fn fits(&self, message: &str) -> bool {
        self.includes.iter().all(|part| message.contains(part.as_str())) && !self.excludes.iter().any(|part| message.contains(part.as_str()))
    }
}

struct ExpectedRequest {
    method: String,
    url: String,
    headers: Map<String, Value>,
    body: Value,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `*.json` files of a folder, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> =
        entries.map(|entry| entry.expect("directory entry").path()).filter(|path| path.extension().is_some_and(|ext| ext == "json")).collect();
    files.sort();
    files
}

/// `tests/vectors`, or the folder named by `MAIA_VECTORS_DIR` (to try vectors before adding them).
fn vectors_dir() -> PathBuf {
    std::env::var_os("MAIA_VECTORS_DIR").map_or_else(|| repo_root().join("tests").join("vectors"), PathBuf::from)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(String::new, |name| name.to_string_lossy().into_owned())
}

fn key_text(key: &Key) -> String {
    let pointer = if key.1.is_empty() { "\"\"" } else { &key.1 };
    format!("{} {pointer} {} {}", key.0, key.2, key.3)
}

fn key_of(violation: &Violation) -> Key {
    (violation.location.as_str().to_owned(), violation.pointer.clone(), violation.code.as_str().to_owned(), violation.severity.as_str().to_owned())
}

fn unknown_members(map: &Map<String, Value>, known: &[&str], what: &str, problems: &mut Vec<String>) {
    for key in map.keys().filter(|key| !known.contains(&key.as_str())) {
        problems.push(format!("{what} has unknown member `{key}` (known: {})", known.join(", ")));
    }
}

fn string_member<'v>(map: &'v Map<String, Value>, name: &str, what: &str, problems: &mut Vec<String>) -> Option<&'v str> {
    match map.get(name) {
        Some(Value::String(text)) => Some(text),
        Some(other) => {
            problems.push(format!("{what}: `{name}` must be a string, got {other}"));
            None
        }
        None => {
            problems.push(format!("{what}: `{name}` is missing"));
            None
        }
    }
}

fn parse_expected(value: &Value, what: &str, problems: &mut Vec<String>) -> Option<Expected> {
    let Some(map) = value.as_object() else {
        problems.push(format!("{what} must be an object, got {value}"));
        return None;
    };
    unknown_members(map, VIOLATION_MEMBERS, what, problems);
    let before = problems.len();
    let location = string_member(map, "location", what, problems).unwrap_or_default();
    let pointer = string_member(map, "pointer", what, problems).unwrap_or_default();
    let code = string_member(map, "code", what, problems).unwrap_or_default();
    let severity = string_member(map, "severity", what, problems).unwrap_or_default();
    if !LOCATIONS.contains(&location) {
        problems.push(format!("{what}: location `{location}` is not one of {LOCATIONS:?}"));
    }
    if !SEVERITIES.contains(&severity) {
        problems.push(format!("{what}: severity `{severity}` is not one of {SEVERITIES:?}"));
    }
    if Code::from_id(code).is_none() {
        problems.push(format!("{what}: code `{code}` is not a violation code of the core"));
    }
    if !(pointer.is_empty() || pointer.starts_with('/')) {
        problems.push(format!("{what}: pointer `{pointer}` is not an RFC 6901 pointer"));
    }
    let includes = substrings(map, "messageIncludes", what, problems);
    let excludes = substrings(map, "messageExcludes", what, problems);
    (problems.len() == before).then(|| Expected {
        key: (location.to_owned(), pointer.to_owned(), code.to_owned(), severity.to_owned()),
        includes,
        excludes,
    })
}

/// The optional array of non-empty strings `name` of a vector violation.
fn substrings(map: &Map<String, Value>, name: &str, what: &str, problems: &mut Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    match map.get(name) {
        None => {}
        Some(Value::Array(items)) if !items.is_empty() => {
            for item in items {
                match item.as_str() {
                    Some(text) if !text.is_empty() => out.push(text.to_owned()),
                    _ => problems.push(format!("{what}: `{name}` items must be non-empty strings, got {item}")),
                }
            }
        }
        Some(other) => problems.push(format!("{what}: `{name}` must be a non-empty array of strings, got {other}")),
    }
    out
}

fn parse_request(value: &Value, what: &str, problems: &mut Vec<String>) -> Option<ExpectedRequest> {
    let Some(map) = value.as_object() else {
        problems.push(format!("{what} must be an object"));
        return None;
    };
    unknown_members(map, REQUEST_MEMBERS, what, problems);
    let before = problems.len();
    let method = string_member(map, "method", what, problems).unwrap_or_default().to_owned();
    let url = string_member(map, "url", what, problems).unwrap_or_default().to_owned();
    let headers = match map.get("headers") {
        Some(Value::Object(headers)) => {
            for (name, value) in headers {
                if !value.is_string() {
                    problems.push(format!("{what}: header `{name}` must be a string"));
                }
                if name.eq_ignore_ascii_case(USER_AGENT) {
                    problems.push(format!("{what}: `headers` must not list `{USER_AGENT}` (it is checked by prefix)"));
                }
            }
            headers.clone()
        }
        _ => {
            problems.push(format!("{what}: `headers` must be an object"));
            Map::new()
        }
    };
    if !map.contains_key("body") {
        problems.push(format!("{what}: `body` is missing (null when no body is sent)"));
    }
    let body = map.get("body").cloned().unwrap_or(Value::Null);
    (problems.len() == before).then_some(ExpectedRequest { method, url, headers, body })
}

fn parse_case(value: &Value, what: &str, problems: &mut Vec<String>) -> Option<Case> {
    let Some(map) = value.as_object() else {
        problems.push(format!("{what} must be an object"));
        return None;
    };
    unknown_members(map, CASE_MEMBERS, what, problems);
    let before = problems.len();
    let name = string_member(map, "name", what, problems).unwrap_or_default().to_owned();
    if name.trim().is_empty() {
        problems.push(format!("{what}: `name` must say what the case is about"));
    }
    let what = format!("{what} {name:?}");
    let id = string_member(map, "operation", &what, problems).unwrap_or_default();
    let operation = match Operation::from_id(id) {
        Ok(operation) if operation.id() == id => Some(operation),
        Ok(operation) => {
            problems.push(format!("{what}: write the operation as its camelCase id `{}`", operation.id()));
            None
        }
        Err(error) => {
            problems.push(format!("{what}: {error}"));
            None
        }
    };
    let params = map.get("params").cloned().unwrap_or(Value::Null);
    let body = match (map.get("body"), map.get("bodyText")) {
        (Some(_), Some(_)) => {
            problems.push(format!("{what}: give `body` or `bodyText`, not both"));
            Body::Json(Value::Null)
        }
        (_, Some(Value::String(text))) => Body::Text(text.clone()),
        (_, Some(other)) => {
            problems.push(format!("{what}: `bodyText` must be a string, got {other}"));
            Body::Json(Value::Null)
        }
        (body, None) => Body::Json(body.cloned().unwrap_or(Value::Null)),
    };
    let valid = match string_member(map, "expect", &what, problems) {
        Some("valid") => true,
        Some("invalid") => false,
        Some(other) => {
            problems.push(format!("{what}: `expect` must be \"valid\" or \"invalid\", got {other:?}"));
            false
        }
        None => false,
    };
    let mut violations = Vec::new();
    match map.get("violations") {
        Some(Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                if let Some(expected) = parse_expected(item, &format!("{what} violations[{index}]"), problems) {
                    violations.push(expected);
                }
            }
        }
        _ => problems.push(format!("{what}: `violations` must be an array (empty when the request is clean)")),
    }
    let has_error = violations.iter().any(|v| v.key.3 == "error");
    if valid == has_error && problems.len() == before {
        problems.push(format!(
            "{what}: `expect` is {:?} but the expected violations {} an error",
            if valid { "valid" } else { "invalid" },
            if has_error { "include" } else { "do not include" }
        ));
    }
    let request = match map.get("request") {
        None => None,
        Some(_) if !valid => {
            problems.push(format!("{what}: `request` is only for valid cases"));
            None
        }
        Some(request) => parse_request(request, &format!("{what} request"), problems),
    };
    if problems.len() != before {
        return None;
    }
    Some(Case { name, operation: operation?, params, body, valid, violations, request })
}

/// Loads a vector file; every problem with the file itself is returned.
fn load(path: &Path) -> Result<VectorFile, Vec<String>> {
    let what = file_name(path);
    let text = std::fs::read_to_string(path).map_err(|e| vec![format!("{what}: cannot read: {e}")])?;
    let root: Value = serde_json::from_str(&text).map_err(|e| vec![format!("{what}: not JSON: {e}")])?;
    let mut problems = Vec::new();
    let Some(map) = root.as_object() else { return Err(vec![format!("{what}: the file must hold an object")]) };
    unknown_members(map, FILE_MEMBERS, &what, &mut problems);
    match map.get("description") {
        Some(Value::String(text)) if !text.trim().is_empty() => {}
        _ => problems.push(format!("{what}: `description` must say what the file covers")),
    }
    let mut cases = Vec::new();
    match map.get("cases") {
        Some(Value::Array(items)) if !items.is_empty() => {
            let mut names = BTreeSet::new();
            for (index, item) in items.iter().enumerate() {
                if let Some(name) = item.get("name").and_then(Value::as_str) {
                    if !names.insert(name) {
                        problems.push(format!("{what}: case name {name:?} is used twice"));
                    }
                }
                if let Some(case) = parse_case(item, &format!("{what} cases[{index}]"), &mut problems) {
                    cases.push(case);
                }
            }
        }
        _ => problems.push(format!("{what}: `cases` must be a non-empty array")),
    }
    if problems.is_empty() { Ok(VectorFile { path: path.to_path_buf(), cases }) } else { Err(problems) }
}

fn load_all() -> Vec<VectorFile> {
    let files = json_files(&vectors_dir());
    assert!(!files.is_empty(), "no vector file in {}", vectors_dir().display());
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        match load(&path) {
            Ok(file) => loaded.push(file),
            Err(errors) => problems.extend(errors),
        }
    }
    assert!(problems.is_empty(), "vector files are malformed:\n  {}", problems.join("\n  "));
    loaded
}

fn options() -> BuildOptions {
    BuildOptions::from_parts(Some("eu1"), None, Some(Secret::new("vector-token"))).expect("vector options are valid")
}

fn show(violation: &Violation) -> String {
    format!("{} — {:?}", key_text(&key_of(violation)), violation.message)
}

/// Compares reported violations with the expected multiset; returns what differs.
fn compare_violations(case: &Case, actual: &[Violation]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut unmatched: Vec<Option<&Violation>> = actual.iter().map(Some).collect();
    let mut missing = Vec::new();
    // Expected entries with substrings first, so that they get the violation whose message fits.
    let mut order: Vec<&Expected> = case.violations.iter().collect();
    order.sort_by_key(|expected| expected.includes.is_empty() && expected.excludes.is_empty());
    let mut wrong_messages = Vec::new();
    for expected in order {
        let same_key = |slot: &Option<&Violation>| slot.is_some_and(|v| key_of(v) == expected.key);
        let fits = |slot: &Option<&Violation>| slot.is_some_and(|v| expected.fits(&v.message));
        if let Some(slot) = unmatched.iter_mut().find(|slot| same_key(slot) && fits(slot)) {
            *slot = None;
        } else if let Some(slot) = unmatched.iter_mut().find(|slot| same_key(slot)) {
            let message = slot.map(|v| v.message.clone()).unwrap_or_default();
            let lacking: Vec<&String> = expected.includes.iter().filter(|part| !message.contains(part.as_str())).collect();
            let present: Vec<&String> = expected.excludes.iter().filter(|part| message.contains(part.as_str())).collect();
            wrong_messages.push(format!("{}: message {message:?} lacks {lacking:?}, has {present:?}", key_text(&expected.key)));
            *slot = None;
        } else {
            missing.push(key_text(&expected.key));
        }
    }
    let unexpected: Vec<String> = unmatched.iter().flatten().map(|v| show(v)).collect();
    if !missing.is_empty() || !unexpected.is_empty() {
        let mut text = String::from("violations differ");
        for line in &missing {
            let _ = write!(text, "\n      - expected, not reported: {line}");
        }
        for line in &unexpected {
            let _ = write!(text, "\n      + reported, not expected: {line}");
        }
        text.push_str("\n    expected:");
        for expected in &case.violations {
            let _ = write!(text, "\n      {}", key_text(&expected.key));
        }
        text.push_str("\n    reported:");
        if actual.is_empty() {
            text.push_str("\n      (none)");
        }
        for violation in actual {
            let _ = write!(text, "\n      {}", show(violation));
        }
        problems.push(text);
    }
    for line in wrong_messages {
        problems.push(format!("messageIncludes / messageExcludes: {line}"));
    }
    problems
}

fn sorted_texts(violations: &[Violation]) -> Vec<String> {
    let mut texts: Vec<String> = violations.iter().map(show).collect();
    texts.sort();
    texts
}

fn compare_request(expected: &ExpectedRequest, request: &HttpRequest) -> Vec<String> {
    let mut problems = Vec::new();
    if request.method.as_str() != expected.method {
        problems.push(format!("request method: expected {}, got {}", expected.method, request.method));
    }
    if request.url != expected.url {
        problems.push(format!("request url:\n      expected {}\n      got      {}", expected.url, request.url));
    }
    let mut seen = BTreeSet::new();
    for (name, value) in &request.headers {
        if !seen.insert(name.to_ascii_lowercase()) {
            problems.push(format!("request header `{name}` is sent twice"));
        }
        if name == USER_AGENT {
            if !value.expose().starts_with(USER_AGENT_PREFIX) {
                problems.push(format!("request `{USER_AGENT}` {:?} does not start with `{USER_AGENT_PREFIX}`", value.expose()));
            }
            continue;
        }
        match expected.headers.get(name.as_ref()).and_then(Value::as_str) {
            None => problems.push(format!("request header `{name}` is sent but not expected")),
            Some(want) if want != value.expose() => {
                problems.push(format!("request header `{name}`: expected {want:?}, got {:?}", value.redacted()));
            }
            Some(_) => {}
        }
    }
    if !seen.contains(&USER_AGENT.to_ascii_lowercase()) {
        problems.push(format!("request has no `{USER_AGENT}` header"));
    }
    for name in expected.headers.keys() {
        if !request.headers.iter().any(|(sent, _)| sent == name) {
            problems.push(format!("request header `{name}` is expected but not sent"));
        }
    }
    let body = match &request.body {
        None => Ok(Value::Null),
        Some(text) => serde_json::from_str::<Value>(text).map_err(|e| format!("request body is not JSON ({e})")),
    };
    match body {
        Ok(body) if body == expected.body => {}
        Ok(body) => problems.push(format!(
            "request body differs:\n      expected {}\n      got      {}",
            expected.body,
            if request.operation() == Some(Operation::CreateSecretValue) { "(secret body, not printed)".to_owned() } else { body.to_string() }
        )),
        Err(error) => problems.push(error),
    }
    problems
}

/// Runs one case; returns every way it fails.
fn run_case(case: &Case) -> Vec<String> {
    let op = case.operation;
    let actual = match &case.body {
        Body::Json(body) => validate(op, body, &case.params).into_violations(),
        Body::Text(text) => validate(op, text.as_bytes(), &case.params).into_violations(),
    };
    if std::env::var_os("MAIA_VECTORS_SHOW").is_some() {
        println!("  {} ({op})", case.name);
        for violation in &actual {
            println!("      {}", show(violation));
        }
    }
    let mut problems = compare_violations(case, &actual);
    let built = match &case.body {
        Body::Json(body) => build_request(op, body, &case.params, &options()),
        Body::Text(text) => build_request(op, text.as_bytes(), &case.params, &options()),
    };
    // The tree path (what the wasm module uses) answers the same, violations and request alike.
    if let Body::Json(body) = &case.body {
        let (body_tree, params_tree) = (JsonTree::from_value(body), JsonTree::from_value(&case.params));
        if validate(op, &body_tree, &params_tree).into_violations() != actual {
            problems.push("validate_trees differs from validate".to_owned());
        }
        if build_request(op, &body_tree, &params_tree, &options()) != built {
            problems.push("build_request_tree differs from build_request".to_owned());
        }
    }
    match (case.valid, built) {
        (true, Ok(request)) => {
            if request.operation() != Some(op) {
                problems.push(format!("request is for {:?}, not {op}", request.operation()));
            }
            if let Some(expected) = &case.request {
                problems.extend(compare_request(expected, &request));
            }
        }
        (true, Err(error)) => problems.push(format!("expected buildRequest to succeed; it failed: {error}")),
        (false, Ok(request)) => problems.push(format!("expected buildRequest to refuse; it built {} {}", request.method, request.url)),
        (false, Err(BuildError::Invalid { operation, violations })) => {
            if operation != op {
                problems.push(format!("BuildError::Invalid names {operation}, not {op}"));
            }
            let (built, validated) = (sorted_texts(&violations), sorted_texts(&actual));
            if built != validated {
                problems.push(format!(
                    "BuildError::Invalid carries other violations than validate:\n      build:    {built:?}\n      validate: {validated:?}"
                ));
            }
        }
        (false, Err(other)) => problems.push(format!("expected BuildError::Invalid, got {other:?}")),
    }
    problems
}

#[test]
fn vector_files_parse_and_case_names_are_unique() {
    let files = load_all();
    let cases: usize = files.iter().map(|file| file.cases.len()).sum();
    assert!(cases > 0, "the vector files hold no case");
}

#[test]
fn every_vector_passes() {
    let files = load_all();
    let mut failures = Vec::new();
    let (mut run, mut valid, mut invalid, mut with_warnings) = (0, 0, 0, 0);
    for file in &files {
        if std::env::var_os("MAIA_VECTORS_SHOW").is_some() {
            println!("{}", file_name(&file.path));
        }
        for case in &file.cases {
            run += 1;
            if case.valid {
                valid += 1;
            } else {
                invalid += 1;
            }
            if case.violations.iter().any(|v| v.key.3 == "warning") {
                with_warnings += 1;
            }
            let problems = run_case(case);
            if !problems.is_empty() {
                failures.push(format!("{} › {:?} ({})\n    {}", file_name(&file.path), case.name, case.operation, problems.join("\n    ")));
            }
        }
    }
    println!("{run} vectors in {} files: {valid} valid, {invalid} invalid, {with_warnings} with warnings", files.len());
    assert!(run > 0, "no vector was run");
    assert!(failures.is_empty(), "{} of {run} vectors failed:\n\n{}\n", failures.len(), failures.join("\n\n"));
}

#[test]
fn seed_examples_are_all_vectors() {
    let path = vectors_dir().join(SEED_EXAMPLES);
    let file = load(&path).unwrap_or_else(|problems| panic!("{}", problems.join("\n")));
    let examples = json_files(&repo_root().join("examples").join("requests"));
    assert!(!examples.is_empty(), "no seed example in examples/requests");
    let mut problems = Vec::new();
    let mut used = vec![false; file.cases.len()];
    for example in &examples {
        let text = std::fs::read_to_string(example).expect("example is readable");
        let example_json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", example.display()));
        let operation = example_json.get("operation").and_then(Value::as_str).unwrap_or_default();
        let params = example_json.get("params").cloned().unwrap_or(Value::Null);
        let body = example_json.get("body").cloned().unwrap_or(Value::Null);
        let found = file
            .cases
            .iter()
            .position(|case| case.operation.id() == operation && case.params == params && matches!(&case.body, Body::Json(b) if *b == body));
        match found {
            Some(index) => {
                if let Some(flag) = used.get_mut(index) {
                    *flag = true;
                }
                if let Some(case) = file.cases.get(index) {
                    if !case.valid || case.request.is_none() {
                        problems.push(format!("{}: its vector {:?} must be valid and pin the request", file_name(example), case.name));
                    }
                }
            }
            None => problems.push(format!("{}: no case of {SEED_EXAMPLES} has its operation, params and body", file_name(example))),
        }
    }
    for (case, used) in file.cases.iter().zip(&used) {
        if !used {
            problems.push(format!("{SEED_EXAMPLES} case {:?} is not a file of examples/requests", case.name));
        }
    }
    assert!(problems.is_empty(), "seed examples and vectors drifted:\n  {}", problems.join("\n  "));
}

#[test]
fn every_code_and_operation_has_a_vector() {
    let files = load_all();
    let cases: Vec<&Case> = files.iter().flat_map(|file| &file.cases).collect();
    let codes: BTreeSet<&str> = cases.iter().flat_map(|case| case.violations.iter().map(|v| v.key.2.as_str())).collect();
    let missing_codes: Vec<&str> = Code::ALL.iter().map(|code| code.as_str()).filter(|code| !codes.contains(code)).collect();
    assert!(missing_codes.is_empty(), "no vector expects these violation codes: {missing_codes:?}");
    for op in Operation::ALL {
        assert!(cases.iter().any(|case| case.operation == *op && case.valid && case.request.is_some()), "no valid vector with a `request` for {op}");
        assert!(cases.iter().any(|case| case.operation == *op && !case.valid), "no invalid vector for {op}");
    }
}
