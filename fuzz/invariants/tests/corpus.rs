//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/*`) through the same invariant
//! functions the libFuzzer targets call, so that `cargo test --workspace` checks every input the
//! fuzzer found interesting (and every crash it found, once fixed) without a fuzzer.

#![allow(clippy::panic, missing_docs, reason = "a test fails loudly")]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

#[test]
fn every_corpus_input_keeps_every_invariant() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let mut failures = Vec::new();
    for (target, check) in maia_provision_invariants::TARGETS {
        let dir = corpus.join(target);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
        let mut files: Vec<_> = entries.map(|entry| entry.map(|entry| entry.path())).collect::<Result<_, _>>().unwrap_or_default();
        files.sort();
        assert!(!files.is_empty(), "the corpus of `{target}` is empty");
        for file in files {
            let data = std::fs::read(&file).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
            if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
                failures.push(file.display().to_string());
            }
        }
    }
    assert!(failures.is_empty(), "{} corpus input(s) break an invariant (see the panics above): {failures:#?}", failures.len());
}
