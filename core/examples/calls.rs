//! Runs one job on one example of `examples/requests/` a given number of times: the workload
//! `scripts/bench-core --instructions` counts under callgrind (instruction counts are exact where
//! timings on a shared machine are not).
//!
//! `cargo run --release -p maia-provision --example calls -- 03-create-secret-private-key validate 1000`;
//! the job is `parse` (a bare `serde_json::Value` parse of the body, the floor), `validate` or
//! `build` (both from the body's bytes).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "a measuring tool fails loudly")]

use maia_provision::{BuildOptions, Operation, Region, Secret, build_request, validate};
use serde_json::Value;
use std::hint::black_box;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [name, job, count] = args.as_slice() else { usage() };
    if !["parse", "validate", "build"].contains(&job.as_str()) {
        usage();
    }
    let path = format!("{}/../examples/requests/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let file: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("example")).expect("JSON");
    let operation = Operation::from_id(file["operation"].as_str().expect("operation")).expect("known operation");
    let bytes = serde_json::to_vec(&file["body"]).expect("body");
    let params = file.get("params").cloned().unwrap_or(Value::Null);
    let options = BuildOptions::region(Region::Eu1).with_token(Secret::new("bench-token")).expect("token");
    for _ in 0..count.parse::<usize>().expect("count") {
        match job.as_str() {
            "parse" => drop(black_box(serde_json::from_slice::<Value>(black_box(&bytes)))),
            "validate" => drop(black_box(validate(operation, black_box(bytes.as_slice()), black_box(&params)).into_violations())),
            _ => drop(black_box(build_request(operation, black_box(bytes.as_slice()), black_box(&params), &options))),
        }
    }
}

fn usage() -> ! {
    eprintln!("usage: calls EXAMPLE parse|validate|build COUNT");
    std::process::exit(2)
}
