//! libFuzzer target `route`: the invariants are in `maia_provision_invariants::route_input`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maia_provision_invariants::route_input(data));
