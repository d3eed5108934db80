//! libFuzzer target `json_reader`: the invariants are in `maia_provision_invariants::json_reader`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maia_provision_invariants::json_reader(data));
