//! Validates request files (`{operation, params, body}`) and prints, for each, its violations or
//! the request that would be sent, secrets redacted. Exits 1 when any file has an error.
//!
//! `cargo run -q --example provision_check -- examples/requests` (a folder or files).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, clippy::type_complexity, missing_docs, reason = "tests and tools fail loudly")]

use maia_provision::{BuildError, BuildOptions, Operation, Region, build_request};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn files(args: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "json")).collect())
                .unwrap_or_default();
            entries.sort();
            out.extend(entries);
        } else {
            out.push(path.to_path_buf());
        }
    }
    out
}

fn check(path: &Path) -> Result<bool, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let file: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let id = file.get("operation").and_then(Value::as_str).ok_or("no `operation` member")?;
    let operation = Operation::from_id(id).map_err(|e| e.to_string())?;
    let body = file.get("body").cloned().unwrap_or(Value::Null);
    let params = file.get("params").cloned().unwrap_or(Value::Null);
    let options = BuildOptions::region(Region::Eu1).with_token(maia_provision::Secret::new("example-token")).map_err(|e| e.to_string())?;
    match build_request(operation, &body, &params, &options) {
        Ok(request) => {
            for warning in maia_provision::validate(operation, &body, &params) {
                println!("  {warning}");
            }
            for line in request.redacted().to_string().lines() {
                println!("  | {line}");
            }
            Ok(true)
        }
        Err(BuildError::Invalid { violations, .. }) => {
            for violation in violations {
                println!("  {violation}");
            }
            Ok(false)
        }
        Err(other) => Err(other.to_string()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = if args.is_empty() { vec!["examples/requests".to_owned()] } else { args };
    let (mut valid, mut invalid) = (0, 0);
    for path in files(&args) {
        println!("{}", path.display());
        match check(&path) {
            Ok(true) => valid += 1,
            Ok(false) => invalid += 1,
            Err(message) => {
                println!("  cannot check: {message}");
                invalid += 1;
            }
        }
    }
    println!("{valid} valid, {invalid} invalid");
    if invalid == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
