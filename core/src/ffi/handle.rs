//! One shape for the native objects a host holds (the client, a listing's pages, the emulator):
//! a [`Handle`] answers a call by its method's name with an envelope (now, or later from the
//! client's runtime) or a new handle, and is closed once, so that a binding holds every such
//! object with one class and no method of its own.

use super::{Fault, error};
use serde_json::Value;

/// What a [`Handle`] answers a call with.
pub enum Answer {
    /// An envelope, now.
    Now(String),
    /// Work whose envelope comes later (run it with [`super::spawn`]), and the error envelope the
    /// call ends with when the host interrupts it (a create's `outcomeUnknown`; `None` for a read).
    #[cfg(feature = "client")]
    Later(std::pin::Pin<Box<dyn Future<Output = String> + Send>>, Option<String>),
    /// A new handle (a listing's pages).
    Handle(Box<dyn Handle>),
}

/// A native object a host holds: the client (`ClientHandle`), a listing's pages
/// (`PagesHandle`) or the emulator (the emulator crate's `EmulatorServer`).
pub trait Handle: Send + Sync {
    /// Runs `method` as call `id` (the id a client's `cancel` names): `operation` is an
    /// operation id (empty when the method takes none), `body` and `params` are JSON (null when
    /// not given).
    fn call(&self, method: &str, operation: &str, body: Value, params: Value, id: u32) -> Answer;

    /// Closes it: what to drop where dropping may block (it joins threads, closes connections).
    fn close(&self) -> Box<dyn Send>;

    /// The object as text, without secrets.
    fn describe(&self) -> String;
}

/// The answer to a method that a handle does not have (only a binding's own layer names methods).
pub fn no_such_method(method: &str) -> Answer {
    let message = format!("no method {}", crate::rules::quote(method));
    Answer::Now(error(&Fault { kind: "input", message: &message, ..Fault::default() }))
}
