//! Reading the arguments' JSON text out of a JS string with one Node-API call.
//!
//! napi-rs's `String` argument asks for the length, allocates, then copies (two calls and an
//! allocation per argument). Here the UTF-8 bytes land in one buffer kept per thread, and
//! serde_json parses them in place. The text is JSON that `wrapper.js` wrote after its checks
//! (`params body`, split by the core's `ffi::split_arguments`).
#![allow(unsafe_code, reason = "one Node-API call per read; the unsafe blocks state what keeps them sound")]

use napi::bindgen_prelude::Unknown;
use napi::{JsValue, Status, sys};
use std::cell::RefCell;
use std::ptr;

thread_local! {
    static BUFFER: RefCell<Vec<u8>> = RefCell::new(vec![0; 16 * 1024]);
}

/// Copies the JS string `value` into `buffer` as UTF-8, or with an empty buffer only asks for its
/// length: the bytes written (or that the whole string takes).
fn get_utf8(env: sys::napi_env, value: sys::napi_value, buffer: &mut [u8], what: &str) -> napi::Result<usize> {
    let mut written = 0;
    let target = if buffer.is_empty() { ptr::null_mut() } else { buffer.as_mut_ptr().cast() };
    // SAFETY: `value` is a live value of the current callback's env; `target` is null (which only
    // asks for the length) or writable for the buffer's whole length, of which napi writes at
    // most `len - 1` bytes and a NUL.
    let status = unsafe { sys::napi_get_value_string_utf8(env, value, target, buffer.len(), &mut written) };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(Status::from(status), format!("cannot read {what}")));
    }
    Ok(written)
}

/// Calls `parse` with the UTF-8 bytes of the JS string `value`.
pub fn with_utf8<T>(value: &Unknown<'_>, parse: impl FnOnce(&[u8]) -> T) -> napi::Result<T> {
    let raw = value.value();
    BUFFER.with_borrow_mut(|buffer| {
        let mut written = get_utf8(raw.env, raw.value, buffer, "the arguments: a string was expected")?;
        if written + 1 >= buffer.len() {
            // The text may have been cut: read its length and read it whole.
            let len = get_utf8(raw.env, raw.value, &mut [], "the arguments")?;
            if len + 1 > buffer.len() {
                buffer.resize(len + 1, 0);
                written = get_utf8(raw.env, raw.value, buffer, "the arguments")?;
            }
        }
        let bytes = buffer.get(..written).unwrap_or_default();
        let out = parse(bytes);
        if buffer.len() > 1024 * 1024 {
            // Do not keep a huge body's buffer alive between calls.
            buffer.truncate(16 * 1024);
            buffer.shrink_to_fit();
        }
        Ok(out)
    })
}
