//! libFuzzer target `parse_response`: the invariants are in `maia_provision_invariants::parse_response_input`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maia_provision_invariants::parse_response_input(data));
