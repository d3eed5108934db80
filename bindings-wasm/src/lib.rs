//! The browser (and Node) binding of maia-provision, built with wasm-bindgen.
//!
//! The boundary is JSON text: the hand-written `js/` layer walks host values (enforcing the core's
//! [`MAX_DEPTH`](maia_provision::MAX_DEPTH), cycles and non-JSON values with the core's messages,
//! see `inputErrorMessage` under [`call`]) and hands the Rust side a JSON string; results come
//! back as one JSON string, either `{"ok": value}` or `{"error": {"kind": …, "message": …,
//! …fields}}`, which the JS layer turns into values or `Error` objects. JSON text keeps the module
//! small: serde_json is already in the core, so no second (de)serializer is linked in (measured
//! against serde-wasm-bindgen; see `bindings-wasm/README.md`).
//!
//! Every entry point is the core's `ffi` (the Node package calls the same ones): nothing here
//! holds a rule or a message.

use maia_provision::ffi;
use wasm_bindgen::prelude::wasm_bindgen;

/// talc instead of std's dlmalloc: the same job in 2.9 KB less (gzipped) of the module.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The entry point of every function that takes and returns text (`validate`, `buildRequest`,
/// `operationIndex`, `inputErrorMessage`, `optionTypeErrorMessage`, `checkPrivateKey`,
/// `normalizePrivateKey`): the core's `ffi::call`, whose built requests add `wasm` to the
/// `User-Agent`. `operation` is the operation's index where the function takes one, and `a`…`d`
/// are its text arguments in order (unused ones empty). One export instead of seven:
/// wasm-bindgen writes marshalling code per export in both the module and the glue, and sharing
/// it is 1.1 KB (gzipped) less to download.
#[wasm_bindgen(js_name = call)]
pub fn call(function: &str, operation: u32, a: &str, b: &str, c: &str, d: &str) -> String {
    ffi::call("wasm", function, operation, [a, b, c, d])
}

/// The core's static tables and constants as one JSON object: `operations` (descriptors),
/// `violationCodes`, `fieldOptions` (`{operationId: {pointer: [values]}}`), `combinations`,
/// `variantMembers`, `maxDepth`, `limits` and `internalErrorMessage` (read once at start-up: a
/// trapped instance cannot be asked).
#[wasm_bindgen(js_name = tables)]
pub fn tables() -> String {
    include_str!(concat!(env!("OUT_DIR"), "/tables.json")).to_owned()
}

/// Parses a response; `status` is the JS number (checked by the core to be a whole number from
/// 100 to 599), `headers` JSON text of `[[name, value], …]`.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(operation_index: u32, status: f64, headers: &str, body: &[u8]) -> String {
    ffi::parse_response(operation_index, status, ffi::header_pairs(headers), body)
}

/// Stops the instance with a trap, as a Rust panic would; the binding's own tests use it to check
/// that the JS layer recovers (a fresh instance) instead of staying poisoned.
#[wasm_bindgen(js_name = __selfTestTrap)]
pub fn self_test_trap() {
    std::process::abort();
}
