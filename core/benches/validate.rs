//! Validation and request building of every seed example, against a bare
//! `serde_json::from_slice::<Value>` of the same bytes (the floor: validation from bytes must
//! parse them anyway). Targets: validation from text ≤ 1.3× the parse, building ≤ 2×.
//!
//! `cargo bench -p maia-provision --bench validate`; `scripts/bench-core` prints the ratio table.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, clippy::type_complexity, missing_docs, reason = "tests and tools fail loudly")]

use criterion::{Criterion, criterion_group, criterion_main};
use maia_provision::{BuildOptions, Operation, Region, Secret, build_request, validate};
use serde_json::Value;
use std::hint::black_box;

fn examples() -> Vec<(String, Operation, Vec<u8>, Value)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/requests");
    let mut files: Vec<_> = std::fs::read_dir(dir).expect("examples").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
            let op = Operation::from_id(file["operation"].as_str()?).ok()?;
            let body = file.get("body")?;
            let name = path.file_stem()?.to_string_lossy().into_owned();
            Some((name, op, serde_json::to_vec(body).ok()?, file.get("params").cloned().unwrap_or(Value::Null)))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let options = BuildOptions::region(Region::Eu1).with_token(Secret::new("bench-token")).expect("token");
    for (name, op, bytes, params) in examples() {
        let mut group = c.benchmark_group(name);
        group.bench_function("parse", |b| b.iter(|| serde_json::from_slice::<Value>(black_box(&bytes)).expect("json")));
        group.bench_function("validate_text", |b| b.iter(|| validate(op, black_box(bytes.as_slice()), black_box(&params)).into_violations()));
        let value: Value = serde_json::from_slice(&bytes).expect("json");
        group.bench_function("validate_value", |b| b.iter(|| validate(op, black_box(&value), black_box(&params)).into_violations()));
        group.bench_function("build_text", |b| b.iter(|| build_request(op, black_box(bytes.as_slice()), black_box(&params), &options)));
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(300)).measurement_time(std::time::Duration::from_millis(800));
    targets = bench
}
criterion_main!(benches);
