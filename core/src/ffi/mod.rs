//! The glue every binding shares (feature `ffi`), so that no binding writes it and the messages
//! read the same in every language: reading host values as JSON with the core's rules (a NaN, a
//! cycle, a 10 000-deep nesting; [`read_host`]), operations by index (how the JS packages name
//! them to their native side), option errors by host spelling, the result envelope that the
//! bindings receive (`{"ok": value}` or `{"error": {kind, message, …fields}}`) with its kinds
//! declared once, the text-in, text-out functions the JS packages call ([`call`]), and (with the
//! `client` feature) the native client as a host holds it (`ClientHandle`, `PagesHandle`), with the
//! one shape of every native object a host holds ([`Handle`]).
//!
//! A binding only marshals its host values (says what each is, through [`HostValue`], or writes
//! JSON text) and maps envelopes to its host's values and errors. The Python binding's marshalling
//! is here too (`python`, feature `python`, with pyo3): its functions and classes are the module
//! that `bindings-python` exports, as cedar-wasm exports the functions of `cedar_policy::ffi`.

mod call;
#[cfg(feature = "client")]
mod client;
mod handle;
mod host;
#[cfg(feature = "python")]
pub mod python;

pub use call::{build_options, build_request_arguments, call, header_pairs, parse_response, response_envelope, validate_arguments};
#[cfg(feature = "client")]
pub use client::{ClientHandle, PagesHandle, attempt_record, interrupted_arguments, interrupted_error, json_logger, spawn};
pub use handle::{Answer, Handle, no_such_method};
pub use host::{Failure, HostValue, HostView, host_header_pairs, host_text, read_host};

use crate::http::OptionError;
use crate::json::MAX_DEPTH;
use crate::operation::Operation;
use std::fmt;

/// A limit on what bindings read from host values (see [`crate::MAX_ARRAY_LENGTH`] and the others).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// [`crate::MAX_ARRAY_LENGTH`].
    ArrayLength,
    /// [`crate::MAX_MEMBERS`].
    Members,
    /// [`crate::MAX_STRING_LENGTH`].
    StringLength,
}

/// What bindings say when the core fails unexpectedly (a caught panic). The panic's own text is
/// never shown: it could quote a value.
pub const INTERNAL_ERROR: &str = "maia-provision failed internally while handling this call; the input was not sent anywhere. Please report it with the operation name (not the body)";

/// The operation at `index` in [`Operation::ALL`] (how the JS packages name operations to their
/// native side).
pub fn operation_at(index: u32) -> Result<Operation, InputError> {
    usize::try_from(index).ok().and_then(|at| Operation::ALL.get(at).copied()).ok_or_else(|| InputError::no_operation(crate::rules::int(index)))
}

/// The index of `operation` in [`Operation::ALL`].
pub fn operation_index(operation: Operation) -> usize {
    operation as usize
}

/// What an option's value must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    /// A string.
    Text,
    /// A whole number from 0 to `u32::MAX` (see [`count_option`]).
    #[cfg(feature = "client")]
    Count,
    /// A number (a duration in the host's unit).
    #[cfg(feature = "client")]
    Duration,
    /// A function.
    #[cfg(feature = "client")]
    Function,
}

impl OptionKind {
    /// What a value of this kind is, as a phrase (`a string`).
    fn expected(self) -> &'static str {
        match self {
            OptionKind::Text => "a string",
            #[cfg(feature = "client")]
            OptionKind::Count => "a whole number",
            #[cfg(feature = "client")]
            OptionKind::Duration => "a number",
            #[cfg(feature = "client")]
            OptionKind::Function => "a function",
        }
    }
}

/// Every option of `build_request`, as (JS name, Python name, kind): with `CLIENT_OPTIONS`, the
/// one list the option errors name options from, in the caller's spelling.
pub const OPTIONS: &[(&str, &str, OptionKind)] = &[
    ("region", "region", OptionKind::Text),
    ("baseUrl", "base_url", OptionKind::Text),
    ("token", "token", OptionKind::Text),
    ("userAgent", "user_agent", OptionKind::Text),
];

/// The options only the native client has (a separate list, so that the browser package, which
/// has no client, does not carry them).
#[cfg(feature = "client")]
pub const CLIENT_OPTIONS: &[(&str, &str, OptionKind)] = &[
    ("tokenUrl", "token_url", OptionKind::Text),
    ("clientId", "client_id", OptionKind::Text),
    ("clientSecret", "client_secret", OptionKind::Text),
    ("timeout", "timeout", OptionKind::Duration),
    ("maxRetries", "max_retries", OptionKind::Count),
    ("rateLimit", "rate_limit", OptionKind::Count),
    ("logger", "logger", OptionKind::Function),
];

/// The option named `option` in either spelling (`base_url` or `baseUrl`): the name as given,
/// its JS name and its kind.
pub fn option_named(option: &str) -> Option<(&'static str, &'static str, OptionKind)> {
    #[cfg(feature = "client")]
    let mut options = OPTIONS.iter().chain(CLIENT_OPTIONS);
    #[cfg(not(feature = "client"))]
    let mut options = OPTIONS.iter();
    options.find_map(|&(js, python, kind)| [js, python].into_iter().find(|name| *name == option).map(|name| (name, js, kind)))
}

/// An option given as a value of the wrong type; `option` is the name in the caller's language
/// (`base_url`, `baseUrl`), `type_name` the host's name for what was given.
pub fn option_wrong_type(option: &str, type_name: &str) -> OptionError {
    let (option, expected) = option_named(option).map_or(("option", OptionKind::Text.expected()), |(name, _, kind)| (name, kind.expected()));
    OptionError::new(option, format!("`{option}` must be {expected}; got `{type_name}`"))
}

/// The text of option `option` (as the caller spells it) from a host value: `None` for null,
/// else the `optionType` error envelope for a value that is not a string, or the `option` one for
/// a string with a lone surrogate.
pub fn text_option<'h, H: HostValue<'h>>(option: &str, value: &H) -> Result<Option<String>, String> {
    let name = || option_named(option).map_or("option", |(name, _, _)| name);
    match value.view() {
        HostView::Null => Ok(None),
        HostView::String(Ok(text)) => Ok(Some(text.into_owned())),
        HostView::String(Err(_)) => Err(option_error(&OptionError::new(name(), InputError::lone_surrogate(name(), &value.type_name()).to_string()))),
        _ => Err(option_type_error(&option_wrong_type(option, &value.type_name()))),
    }
}

/// The options of `build_request` from host values (`None` where not given; the host's names
/// `region`, `base_url`, `token`), with `product` added to the `User-Agent`: the options, or the
/// error envelope of the first that is wrong (`optionType` or `option`, see [`text_option`]).
pub fn host_build_options<'h, H: HostValue<'h>>(
    region: Option<&H>,
    base_url: Option<&H>,
    token: Option<&H>,
    product: &str,
) -> Result<crate::BuildOptions, String> {
    let text = |option, value: Option<&H>| value.map_or(Ok(None), |value| text_option(option, value));
    let (region, base_url, token) = (text("region", region)?, text("base_url", base_url)?, text("token", token)?);
    let options = crate::BuildOptions::from_parts(region.as_deref(), base_url.as_deref(), token.map(crate::Secret::new));
    Ok(options.map_err(|error| option_error(&error))?.with_user_agent_suffix(product))
}

/// A count option (`maxRetries`, `rateLimit`) from a host number: a whole number from 0 to
/// `u32::MAX`, or the option error that says so. One rule for every binding; the client checks
/// the ranges it allows after this.
pub fn count_option(option: &str, number: f64) -> Result<u32, OptionError> {
    let option = option_named(option).map_or("option", |(name, _, _)| name);
    if number.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&number) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a whole number from 0 to u32::MAX")]
        return Ok(number as u32);
    }
    Err(OptionError::new(option, format!("`{option}` must be a whole number from 0 to {}; got `{number}`", u32::MAX)))
}

/// Why a host value cannot be read as JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More elements, members or characters than the SDK reads.
    TooLarge {
        /// Which limit.
        limit: Limit,
    },
    /// A container holds itself.
    Cycle,
    /// NaN or an infinity.
    NonFiniteNumber,
    /// An integer outside the 64-bit range.
    IntegerOutOfRange,
    /// A map key that is not a string.
    NonStringKey {
        /// The host's name for the key's type (`int`, `tuple`).
        type_name: String,
    },
    /// A value with no JSON form (a function, a set, bytes, a date).
    Unsupported {
        /// The host's name for the value's type.
        type_name: String,
    },
    /// An argument of the wrong kind (a status that is not a whole number, a key that is not text).
    Expected {
        /// What the argument must be, as a phrase (`a whole number from 100 to 599`).
        expected: &'static str,
        /// The host's name for what was given.
        type_name: String,
    },
    /// Text with a lone surrogate (half of a UTF-16 pair), which UTF-8 cannot hold.
    LoneSurrogate,
    /// A getter or other host code raised while the value was read.
    HostError {
        /// The host's message, as the host gave it.
        message: String,
    },
}

/// A host value that cannot be read as JSON, with the JSON pointer where reading stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// What is wrong.
    pub kind: InputErrorKind,
    /// Where (RFC 6901 pointer inside the argument; empty for the argument itself).
    pub pointer: String,
    /// Which argument (`body`, `params`, `headers`).
    pub argument: &'static str,
}

impl InputError {
    /// An input error in `argument` at `pointer`.
    pub fn new(argument: &'static str, pointer: impl Into<String>, kind: InputErrorKind) -> InputError {
        InputError { kind, pointer: pointer.into(), argument }
    }

    /// JSON text in `argument` that does not parse. A binding's own JS layer writes that text, so
    /// this reaches only callers of a package's raw native exports.
    pub fn not_json<E>(argument: &'static str, error: &E) -> InputError
    where
        for<'e> &'e E: Into<crate::SyntaxError>,
    {
        let message = format!("the text is not JSON: {}", crate::json::syntax_error(&error.into()));
        InputError::new(argument, "", InputErrorKind::HostError { message })
    }

    /// The HTTP status a host number stands for: a whole number from 100 to 599. The message
    /// shows a whole number as it is and anything else as `number` (formatting floats would add
    /// 6 KB to the wasm module).
    pub fn http_status(number: f64) -> Result<u16, InputError> {
        if number.fract() == 0.0 && (100.0..=599.0).contains(&number) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a whole number from 100 to 599")]
            return Ok(number as u16);
        }
        #[allow(clippy::cast_possible_truncation, reason = "only whole numbers well inside the i64 range are shown")]
        let given = if number.fract() == 0.0 && number.abs() < 1e15 { crate::rules::int(number as i64).to_string() } else { "number".to_owned() };
        Err(InputError::new("status", "", InputErrorKind::Expected { expected: EXPECTED_STATUS, type_name: given }))
    }

    /// A text argument holding a lone surrogate, which UTF-8 cannot hold (`type_name` is the
    /// host's name for a string: `str`).
    pub fn lone_surrogate(argument: &'static str, type_name: &str) -> InputError {
        InputError::new(argument, "", InputErrorKind::Expected { expected: EXPECTED_TEXT, type_name: format!("{type_name} with a lone surrogate") })
    }

    /// A response status that is not one (`type_name` is the host's name for what was given).
    pub fn not_a_status(type_name: &str) -> InputError {
        InputError::new("status", "", InputErrorKind::Expected { expected: EXPECTED_STATUS, type_name: type_name.to_owned() })
    }

    /// An operation index that is not one: the index of an operation in `Operation::ALL` is how
    /// the JS packages name operations to their native side.
    pub fn no_operation(index: impl fmt::Display) -> InputError {
        InputError::new("operation", "", InputErrorKind::HostError { message: format!("no operation has index {index}") })
    }

    /// An input error described by names, as the host layers (JS, Python) report them: `argument`
    /// is `body`, `params`, `headers`, `options`, `status` or `text`; `kind` is `tooDeep`,
    /// `tooLarge`, `cycle`, `nonFiniteNumber`, `integerOutOfRange`, `nonStringKey`, `unsupported`,
    /// `expectedStatus` or `hostError`; `detail` is the host's type name or message.
    pub fn from_names(argument: &str, pointer: &str, kind: &str, detail: &str) -> InputError {
        let argument = ["body", "params", "headers", "options", "status", "text"].into_iter().find(|name| *name == argument).unwrap_or("value");
        let detail = detail.to_owned();
        let kind = match kind {
            "tooDeep" => InputErrorKind::TooDeep,
            "tooLarge" => InputErrorKind::TooLarge {
                limit: match detail.as_str() {
                    "array" => Limit::ArrayLength,
                    "members" => Limit::Members,
                    _ => Limit::StringLength,
                },
            },
            "cycle" => InputErrorKind::Cycle,
            "nonFiniteNumber" => InputErrorKind::NonFiniteNumber,
            "integerOutOfRange" => InputErrorKind::IntegerOutOfRange,
            "nonStringKey" => InputErrorKind::NonStringKey { type_name: detail },
            "expectedStatus" => InputErrorKind::Expected { expected: EXPECTED_STATUS, type_name: detail },
            "hostError" => InputErrorKind::HostError { message: detail },
            _ => InputErrorKind::Unsupported { type_name: detail },
        };
        InputError::new(argument, pointer, kind)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let InputErrorKind::Expected { expected, type_name } = &self.kind {
            return write!(f, "`{}` must be {expected}; got `{type_name}`", self.argument);
        }
        let at = if self.pointer.is_empty() { String::new() } else { format!(" at `{}`", self.pointer) };
        write!(f, "cannot read `{}`{at} as JSON: ", self.argument)?;
        match &self.kind {
            InputErrorKind::TooDeep => write!(f, "it nests {} or more levels deep", crate::rules::int(MAX_DEPTH)),
            InputErrorKind::TooLarge { limit } => {
                let (most, what) = match limit {
                    Limit::ArrayLength => (crate::json::MAX_ARRAY_LENGTH, "elements in one array"),
                    Limit::Members => (crate::json::MAX_MEMBERS, "members in one object"),
                    Limit::StringLength => (crate::json::MAX_STRING_LENGTH, "characters in one string"),
                };
                write!(f, "it has more than {} {what}, the most the SDK reads; the API's bodies are far smaller", crate::rules::int(most))
            }
            InputErrorKind::Cycle => f.write_str("it contains itself (a cycle)"),
            InputErrorKind::NonFiniteNumber => f.write_str("NaN and infinities are not JSON numbers; use a finite number or a string"),
            InputErrorKind::IntegerOutOfRange => f.write_str("the integer does not fit in 64 bits; pass it as a string"),
            InputErrorKind::NonStringKey { type_name } => write!(f, "object keys must be strings, not `{type_name}`"),
            InputErrorKind::Unsupported { type_name } => {
                write!(f, "a `{type_name}` has no JSON form; use a string, number, boolean, null, list or object")
            }
            InputErrorKind::HostError { message } => write!(f, "reading the value raised: {message}"),
            InputErrorKind::LoneSurrogate => f.write_str("a string holds a lone surrogate (half of a UTF-16 pair), which UTF-8 cannot hold"),
            InputErrorKind::Expected { .. } => Ok(()),
        }
    }
}

impl std::error::Error for InputError {}

/// What a text argument (an operation id, a key) must be when it holds a lone surrogate (for
/// [`InputErrorKind::Expected`]).
pub const EXPECTED_TEXT: &str = "text without lone surrogates (halves of UTF-16 pairs, which UTF-8 cannot hold)";

/// What an HTTP status argument must be (for [`InputErrorKind::Expected`]).
pub const EXPECTED_STATUS: &str = "an HTTP status code (a whole number from 100 to 599)";

/// A native client's call after `close()`.
pub const CLIENT_CLOSED: &str = "the client is closed; make a new one to send more requests";

/// The kinds of failure the JS packages receive in an `{"error": …}` envelope, with the JS error
/// each becomes (`name`, `code`): declared once here; the JS layer reads this table from the
/// native side ([`tables`]).
pub const FAULT_KINDS: &[(&str, &str, &str)] = &[
    ("validation", "ValidationError", "ERR_MAIA_VALIDATION"),
    ("api", "ApiError", "ERR_MAIA_API"),
    ("decode", "DecodeError", "ERR_MAIA_DECODE"),
    ("unknownOperation", "TypeError", "ERR_MAIA_UNKNOWN_OPERATION"),
    ("option", "TypeError", "ERR_MAIA_INVALID_OPTION"),
    ("input", "TypeError", "ERR_MAIA_INVALID_INPUT"),
];

/// The native client's kinds (DESIGN §5.2; `ClientError::code` in camelCase), which only a build
/// with the client has: the browser package, which has none, does not carry them.
#[cfg(feature = "client")]
pub const CLIENT_FAULT_KINDS: &[(&str, &str, &str)] = &[
    // An option of the wrong type, from the client's option reader (the browser package checks
    // the types of its options in JS, and its `build_request` answers `option`).
    ("optionType", "TypeError", "ERR_MAIA_INVALID_OPTION"),
    ("transport", "TransportError", "ERR_MAIA_TRANSPORT"),
    ("auth", "AuthError", "ERR_MAIA_AUTH"),
    ("rateLimited", "RateLimitedError", "ERR_MAIA_RATE_LIMITED"),
    ("outcomeUnknown", "OutcomeUnknownError", "ERR_MAIA_OUTCOME_UNKNOWN"),
];

/// The reading limits bindings check before they walk a host value, as JSON:
/// `{maxDepth, maxArrayLength, maxMembers, maxStringLength, maxBodyBytes}`.
pub fn limits() -> serde_json::Value {
    serde_json::json!({
        "maxDepth": MAX_DEPTH,
        "maxArrayLength": crate::json::MAX_ARRAY_LENGTH,
        "maxMembers": crate::json::MAX_MEMBERS,
        "maxStringLength": crate::json::MAX_STRING_LENGTH,
        "maxBodyBytes": crate::json::MAX_BODY_BYTES,
    })
}

/// [`FAULT_KINDS`] (and `CLIENT_FAULT_KINDS` in a build with the client) as JSON:
/// `{kind: {name, code}}`.
pub fn fault_kinds() -> serde_json::Value {
    #[cfg(feature = "client")]
    let kinds = FAULT_KINDS.iter().chain(CLIENT_FAULT_KINDS);
    #[cfg(not(feature = "client"))]
    let kinds = FAULT_KINDS.iter();
    kinds.map(|(kind, name, code)| ((*kind).to_owned(), serde_json::json!({"name": name, "code": code}))).collect()
}

/// The `{"ok": value}` / `{"error": fault}` envelope, written with serde_json's text serializer
/// only (`json!` would add serde_json's `Value` serializer to the wasm module).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
enum Envelope<'a, T: serde::Serialize + ?Sized> {
    Ok(&'a T),
    Error(&'a Fault<'a>),
}

/// Why a call failed, with the fields of the matching JS error (see [`FAULT_KINDS`]).
#[derive(Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault<'a> {
    /// One of [`FAULT_KINDS`].
    pub kind: &'a str,
    /// The error's message.
    pub message: &'a str,
    /// The operation id (`validation`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<&'a str>,
    /// The violations (`validation`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub violations: Option<&'a [crate::Violation]>,
    /// The option's name (`option`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<&'a str>,
    /// The HTTP status (`api`, `decode`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_u64")]
    pub status: Option<u16>,
    /// The ProblemDetail with its unknown members (`api`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<&'a crate::ProblemView<'a>>,
    /// The server's violation messages (`api`; `violations` in JS as well).
    #[serde(rename = "violations", skip_serializing_if = "Option::is_none")]
    pub server_violations: Option<&'a [String]>,
    /// The response body (`api`, `decode`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<&'a str>,
    /// The `Retry-After` header as received (`api`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<&'a str>,
}

/// A status written through the `u64` writer that every other integer uses: serde's `u16` one
/// would be a second copy of itoa in the wasm module.
fn as_u64<S: serde::Serializer>(status: &Option<u16>, serializer: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&status.map(u64::from), serializer)
}

/// A failed client call: the [`Fault`] and what only the native client has (a separate type, so
/// that the wasm module, which has no client, carries none of it).
#[cfg(feature = "client")]
#[derive(Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ClientFault<'a> {
    #[serde(flatten)]
    fault: Fault<'a>,
    /// Requests the client made for the call.
    attempts: u32,
    /// The natural key's name of a create whose outcome is unknown (`outcomeUnknown`).
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    /// Whether the last attempt ran out of time (`transport`).
    #[serde(skip_serializing_if = "Option::is_none")]
    timed_out: Option<bool>,
}

/// `{"error": fault}` of a client call.
#[cfg(feature = "client")]
fn client_fault(fault: Fault<'_>, attempts: u32, key: Option<&str>, timed_out: Option<bool>) -> String {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    enum ClientEnvelope<'a> {
        Error(&'a ClientFault<'a>),
    }
    crate::json_writer::to_string(&ClientEnvelope::Error(&ClientFault { fault, attempts, key, timed_out }))
}

/// `{"ok": value}`.
pub fn ok<T: serde::Serialize + ?Sized>(value: &T) -> String {
    crate::json_writer::to_string(&Envelope::Ok(value))
}

/// `{"error": fault}`.
pub fn error(fault: &Fault<'_>) -> String {
    crate::json_writer::to_string(&Envelope::<()>::Error(fault))
}

/// An `input` error envelope.
pub fn input_error(input: &InputError) -> String {
    error(&Fault { kind: "input", message: &input.to_string(), ..Fault::default() })
}

/// A `validation` error envelope.
pub fn validation_error(operation: Option<Operation>, violations: &[crate::Violation], message: &str) -> String {
    error(&Fault { kind: "validation", message, operation: operation.map(Operation::id), violations: Some(violations), ..Fault::default() })
}

/// An `option` error envelope: a value the option does not take.
pub fn option_error(option: &OptionError) -> String {
    error(&Fault { kind: "option", message: &option.to_string(), option: Some(option.option), ..Fault::default() })
}

/// An `optionType` error envelope: a value of the wrong type (see [`option_wrong_type`]).
pub fn option_type_error(option: &OptionError) -> String {
    error(&Fault { kind: "optionType", message: &option.to_string(), option: Some(option.option), ..Fault::default() })
}

/// The envelope of a caught panic, with [`INTERNAL_ERROR`] (the panic's own text could quote a
/// value), for a binding that maps envelopes to its errors (kind `internal`, not a JS one).
pub fn internal_error() -> String {
    error(&Fault { kind: "internal", message: INTERNAL_ERROR, ..Fault::default() })
}

/// The envelope of a failed build.
pub fn build_error(failure: crate::BuildError) -> String {
    let message = failure.to_string();
    match failure {
        crate::BuildError::Invalid { operation, violations } => validation_error(Some(operation), &violations, &message),
        crate::BuildError::Option(option) => option_error(&option),
    }
}

/// A built request for the JS layers: the real header values for sending (pairs in sending
/// order); [`redacted_request`] reads it back for its redacted form.
pub fn built_request(request: &crate::HttpRequest) -> String {
    #[derive(serde::Serialize)]
    struct Built<'a> {
        method: &'a str,
        url: &'a str,
        headers: Vec<(&'a str, &'a str)>,
        body: Option<&'a str>,
    }
    let headers: Vec<(&str, &str)> = request.headers.iter().map(|(name, value)| (name.as_ref(), value.expose())).collect();
    ok(&Built { method: request.method.as_str(), url: &request.url, headers, body: request.body.as_deref() })
}

/// The envelope of the redacted form (`{method, url, headers, body}`, every secret as `***`) of
/// the request that [`built_request`] answered for `operation`, from its URL, its header pairs
/// as JSON text (`[[name, value], …]`) and its body text (empty for an operation without one),
/// as the JS packages hold them: they ask for it only when a request is shown. The request is
/// read back, not built again: its body is read and written once more, and no rule is run.
pub fn redacted_request(operation: Operation, url: &str, headers: &str, body: &str) -> String {
    let body = operation.has_body().then(|| body.to_owned());
    ok(&crate::HttpRequest::sent(operation, url.to_owned(), header_pairs(headers), body).redacted())
}

/// The envelope of a parsed response: the success body's JSON text as it is, or the `api` /
/// `decode` fault (the problem read again from the body with its unknown members: errors are rare).
pub fn parsed_response(result: Result<String, crate::ResponseError>, body: &[u8]) -> String {
    match result {
        Ok(text) => ["{\"ok\":", &text, "}"].concat(),
        Err(crate::ResponseError::Api(api)) => error(&Fault {
            kind: "api",
            message: &api.to_string(),
            status: Some(api.status),
            problem: crate::JsonTree::parse(body).ok().as_ref().and_then(crate::ProblemView::read).as_ref(),
            server_violations: Some(api.violations()),
            body: Some(&api.body),
            retry_after: api.retry_after.as_ref().map(crate::RetryAfter::as_str),
            ..Fault::default()
        }),
        Err(crate::ResponseError::Decode(decode)) => {
            error(&Fault { kind: "decode", message: &decode.to_string(), status: Some(decode.status), body: Some(&decode.body), ..Fault::default() })
        }
    }
}

/// The envelope of a failed client call: the kind of [`FAULT_KINDS`] for its phase, the core's
/// message, the operation, the attempts, and what the server said.
#[cfg(feature = "client")]
pub fn client_error(failure: &crate::client::ClientError) -> String {
    use crate::client::ClientError;
    let message = failure.to_string();
    let operation = Some(failure.operation().id());
    let attempts = failure.attempts();
    let api_fault = |kind, api: &crate::ApiError| {
        let problem = crate::JsonTree::parse(api.body.as_bytes()).ok();
        client_fault(
            Fault {
                kind,
                message: &message,
                operation,
                status: Some(api.status),
                problem: problem.as_ref().and_then(crate::ProblemView::read).as_ref(),
                server_violations: Some(api.violations()),
                body: Some(&api.body),
                retry_after: api.retry_after.as_ref().map(crate::RetryAfter::as_str),
                ..Fault::default()
            },
            attempts,
            None,
            None,
        )
    };
    match failure {
        ClientError::Validation { operation, error: crate::BuildError::Invalid { violations, .. } } => {
            validation_error(Some(*operation), violations, &message)
        }
        ClientError::Validation { error: crate::BuildError::Option(option), .. } => option_error(option),
        ClientError::Api { error: api, .. } => api_fault("api", api),
        ClientError::RateLimited { error: api, .. } => api_fault("rateLimited", api),
        ClientError::Decode { error: decode, .. } => client_fault(
            Fault { kind: "decode", message: &message, operation, status: Some(decode.status), body: Some(&decode.body), ..Fault::default() },
            attempts,
            None,
            None,
        ),
        ClientError::Transport { timed_out, .. } => {
            client_fault(Fault { kind: "transport", message: &message, operation, ..Fault::default() }, attempts, None, Some(*timed_out))
        }
        ClientError::Auth { status, .. } => {
            client_fault(Fault { kind: "auth", message: &message, operation, status: *status, ..Fault::default() }, attempts, None, None)
        }
        ClientError::OutcomeUnknown { key, .. } => {
            client_fault(Fault { kind: "outcomeUnknown", message: &message, operation, ..Fault::default() }, attempts, key.as_deref(), None)
        }
    }
}

/// Resolves an operation id (camelCase or snake_case): `{"ok": index}`, or the core's
/// unknown-operation message as an `unknownOperation` error.
pub fn operation_index_envelope(id: &str) -> String {
    match Operation::from_id(id) {
        Ok(op) => ok(&operation_index(op)),
        Err(unknown) => error(&Fault { kind: "unknownOperation", message: &unknown.to_string(), ..Fault::default() }),
    }
}

/// The core's static tables and constants as one JSON object, for the JS layers (read once at
/// start-up): `operations`, `violationCodes`, `fieldOptions`, `combinations`, `variantMembers`,
/// `maxDepth`, `internalErrorMessage` and `faultKinds` (`{kind: {name, code}}`).
pub fn tables() -> String {
    let codes: Vec<&str> = crate::violation_codes().collect();
    serde_json::json!({
        "operations": crate::operations(),
        "violationCodes": codes,
        "fieldOptions": crate::field_options(),
        "combinations": crate::combinations(),
        "variantMembers": crate::variant_members(),
        "maxDepth": MAX_DEPTH,
        "limits": limits(),
        "internalErrorMessage": INTERNAL_ERROR,
        "faultKinds": fault_kinds(),
    })
    .to_string()
}

/// Splits `params body`, the one text the Node package passes (two JSON texts separated by a
/// space, written by its JS layer after its checks): the parameters read as a tree, the body left
/// as text for the entry points, which read it themselves.
pub fn split_arguments(bytes: &[u8]) -> Result<(crate::JsonTree<'_>, &[u8]), InputError> {
    // The JS layer refused nesting of MAX_DEPTH or more, which is serde_json's own limit too.
    let mut values = serde_json::Deserializer::from_slice(bytes).into_iter::<crate::JsonTree<'_>>();
    let params = values.next().unwrap_or(Ok(crate::JsonTree::Null)).map_err(|error| InputError::not_json("params", &error))?;
    let body = bytes.get(values.byte_offset()..).unwrap_or_default();
    Ok((params, body))
}
