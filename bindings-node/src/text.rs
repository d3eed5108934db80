//! Reading the arguments' JSON text out of a JS string with one Node-API call.
//!
//! napi-rs's `String` argument asks for the length, allocates, then copies (two calls and an
//! allocation per argument). Here the UTF-8 bytes land in one buffer kept per thread, and
//! serde_json parses them in place. The text is `JSON.stringify(params) + " " +
//! JSON.stringify(body)`, written by `wrapper.js` after its checks, and the core's
//! `ffi::split_arguments` splits it.
#![allow(unsafe_code, reason = "one Node-API call per read; the unsafe blocks state what keeps them sound")]

use napi::bindgen_prelude::Unknown;
use napi::{JsValue, Status, sys};
use std::cell::RefCell;
use std::ptr;

thread_local! {
    static BUFFER: RefCell<Vec<u8>> = RefCell::new(vec![0; 16 * 1024]);
}

fn napi_error(status: sys::napi_status, what: &str) -> napi::Error {
    napi::Error::new(Status::from(status), format!("cannot read {what}"))
}

/// Calls `parse` with the UTF-8 bytes of the JS string `value`.
pub fn with_utf8<T>(value: &Unknown<'_>, parse: impl FnOnce(&[u8]) -> T) -> napi::Result<T> {
    let raw = value.value();
    BUFFER.with_borrow_mut(|buffer| {
        let mut written = 0;
        // SAFETY: `raw` is a live value of the current callback's env; the buffer is writable for
        // its whole length and napi writes at most `len - 1` bytes and a NUL.
        let status = unsafe { sys::napi_get_value_string_utf8(raw.env, raw.value, buffer.as_mut_ptr().cast(), buffer.len(), &mut written) };
        if status != sys::Status::napi_ok {
            return Err(napi_error(status, "the arguments: a string was expected"));
        }
        if written + 1 >= buffer.len() {
            // The text may have been cut: read its length and read it whole.
            let mut len = 0;
            // SAFETY: a null buffer only asks for the length.
            let status = unsafe { sys::napi_get_value_string_utf8(raw.env, raw.value, ptr::null_mut(), 0, &mut len) };
            if status != sys::Status::napi_ok {
                return Err(napi_error(status, "the arguments"));
            }
            if len + 1 > buffer.len() {
                buffer.resize(len + 1, 0);
                // SAFETY: as above, with the grown buffer.
                let status = unsafe { sys::napi_get_value_string_utf8(raw.env, raw.value, buffer.as_mut_ptr().cast(), buffer.len(), &mut written) };
                if status != sys::Status::napi_ok {
                    return Err(napi_error(status, "the arguments"));
                }
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
