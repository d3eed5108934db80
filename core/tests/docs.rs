//! The violation codes are well formed. `docs/violations.md`, generated from them, is checked by
//! `core/tests/generated.rs` and written by `cargo run -p maia-provision --example generate`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic, missing_docs, reason = "tests fail loudly")]

use maia_provision::Code;

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
