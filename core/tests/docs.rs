//! `docs/violations.md` is generated from the one table of codes in `core/src/violation.rs`;
//! this test fails when the file drifts. Regenerate with `UPDATE_DOCS=1 cargo test --test docs`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, clippy::type_complexity, missing_docs, reason = "tests and tools fail loudly")]

use maia_provision::{Code, combinations};
use std::fmt::Write as _;

fn render() -> String {
    let mut out = String::from(
        "# Violation codes\n\n\
         Generated from `core/src/violation.rs` by `core/tests/docs.rs` (`UPDATE_DOCS=1 cargo test -p maia-provision --test docs`).\n\
         Every binding exports the same list (`VIOLATION_CODES`); a violation is\n\
         `{location, pointer, code, severity, message}` and only `error` severity blocks `buildRequest`.\n\n\
         | code | meaning |\n|---|---|\n",
    );
    for code in Code::ALL {
        let _ = writeln!(out, "| `{}` | {} |", code.as_str(), code.meaning().replace('|', "\\|"));
    }
    out.push_str(
        "\n## The combination table (createProjectConnection)\n\n| platformConnectionType | authProvider | authType | use for |\n|---|---|---|---|\n",
    );
    for row in combinations().as_array().unwrap() {
        let providers = row["authProviders"].as_array().map_or_else(
            || "any connector name except `NONE`".to_owned(),
            |list| list.iter().map(|p| format!("`{}`", p.as_str().unwrap())).collect::<Vec<_>>().join(", "),
        );
        let types: Vec<String> = row["authTypes"].as_array().unwrap().iter().map(|t| format!("`{}`", t.as_str().unwrap())).collect();
        let _ = writeln!(
            out,
            "| `{}` | {providers} | {} | {} |",
            row["platformConnectionType"].as_str().unwrap(),
            types.join(", "),
            row["useFor"].as_str().unwrap()
        );
    }
    out
}

#[test]
fn violations_doc_matches_the_code_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/violations.md");
    let expected = render();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(actual == expected, "docs/violations.md is stale: run `UPDATE_DOCS=1 cargo test -p maia-provision --test docs`");
}

#[test]
fn codes_are_unique_and_well_formed() {
    let mut ids: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    for id in &ids {
        assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'), "{id}");
        assert_eq!(Code::from_id(id).map(Code::as_str), Some(*id));
    }
    ids.sort_unstable();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate code ids");
}
