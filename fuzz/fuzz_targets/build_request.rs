//! libFuzzer target `build_request`: the invariants are in `maia_provision_invariants::build_request_input`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maia_provision_invariants::build_request_input(data));
