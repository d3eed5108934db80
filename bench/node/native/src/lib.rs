//! The addon `bench/node` compares the shipped one with: alternative ways across the Node-API
//! boundary that were measured to choose the shipped one (`bench.rs`, `walk_native.rs`). Never
//! shipped; built by `bench/node/run` into `bench/node/addon/`.

pub mod bench;
/// The shipped addon's reader of JSON text, shared so that the crossing measured is the same.
#[path = "../../../../bindings-node/src/text.rs"]
mod text;
pub mod walk_native;

use maia_provision::Operation;
use maia_provision::ffi;
use napi::Status;
use napi::bindgen_prelude::Unknown;

/// The operation at `index`, as the shipped addon reads it.
pub fn operation_at(index: u32) -> napi::Result<Operation> {
    ffi::operation_at(index).map_err(|error| napi::Error::new(Status::InvalidArg, error.to_string()))
}

/// Runs `then` on the parameters and the body text of `params body`, as the shipped addon does.
pub fn with_arguments<T>(text: &Unknown<'_>, then: impl FnOnce(&maia_provision::JsonTree<'_>, &[u8]) -> T) -> napi::Result<T> {
    text::with_utf8(text, |bytes| ffi::split_arguments(bytes).map(|(params, body)| then(&params, body)))?
        .map_err(|error| napi::Error::new(Status::InvalidArg, error.to_string()))
}
