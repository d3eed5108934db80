//! libFuzzer target `private_key`: the invariants are in `maia_provision_invariants::private_key`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maia_provision_invariants::private_key(data));
