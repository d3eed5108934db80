//! libFuzzer target `validate`: the invariants are in `maia_provision_invariants::validate_input`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maia_provision_invariants::validate_input(data));
