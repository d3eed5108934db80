//! Requests as values: [`build_request`] checks and builds an [`HttpRequest`] (method, URL,
//! headers, body) that any HTTP client can send; [`HttpRequest::token_request`] is the OAuth
//! token request; [`HttpRequest::authorize`] signs a built request. Every printable form
//! ([`HttpRequest::redacted`], `Debug`) shows secrets as `***`.

use super::options::{BuildOptions, OptionError};
use crate::json::JsonInput;
use crate::model::BodyKind;
use crate::operation::{GIT_TOKEN_HEADER, Method, Operation};
use crate::redact::{REDACTED, Secret};
use crate::violation::Violation;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// A header value: plain, or a secret that prints as `***`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    /// An ordinary value (most are the SDK's own constants, kept without a copy).
    Plain(Cow<'static, str>),
    /// A token or other secret.
    Secret(Secret),
}

impl HeaderValue {
    /// The value to send.
    pub fn expose(&self) -> &str {
        match self {
            HeaderValue::Plain(text) => text,
            HeaderValue::Secret(secret) => secret.expose(),
        }
    }

    /// The value to print.
    pub fn redacted(&self) -> &str {
        match self {
            HeaderValue::Plain(text) => text,
            HeaderValue::Secret(_) => REDACTED,
        }
    }
}

/// A request ready to send: method, full URL, headers and JSON body text.
/// `Debug` prints the redacted form; use [`HttpRequest::redacted`] for any other printing.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// The full URL, path parameters filled and encoded, query included.
    pub url: String,
    /// Headers in sending order.
    pub headers: Vec<(Cow<'static, str>, HeaderValue)>,
    /// The body (JSON, or a form for the token request), for requests that have one.
    pub body: Option<String>,
    /// The operation this request performs (`None` for the OAuth token request).
    pub(crate) operation: Option<Operation>,
    /// The token request's form as it prints (every other body's printed form follows from its
    /// operation: see [`HttpRequest::redaction`]).
    printed_form: Option<String>,
}

/// Whether a header of a built request holds a secret: `Authorization` (the bearer token) and
/// the Git token header (a PAT), the only ones the core signs with.
pub(crate) fn is_secret_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("Authorization") || name.eq_ignore_ascii_case(GIT_TOKEN_HEADER)
}

/// How a request's body is redacted when printed. Written only when printed (printing is rare),
/// from the text sent, so that building writes the body once.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Redaction<'a> {
    /// By default rather than by schema ([`crate::wire::Mode::Printed`]): every body but a secret's.
    Printed,
    /// A secret body ([`crate::wire::Mode::SecretBody`]): every string is `***` but those the
    /// secret's rules make public ([`crate::model::secret::public_strings`]).
    SecretBody,
    /// This text (the token request's form).
    Text(&'a str),
}

/// A request with every secret replaced by `***`: safe to print, log or show in a preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RedactedRequest {
    /// `GET` or `POST`.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// Headers, secrets as `***`.
    pub headers: Vec<(String, String)>,
    /// The body, secrets as `***`.
    pub body: Option<String>,
}

impl HttpRequest {
    /// A request with the standard headers (`Accept`, `Content-Type` when there is a body,
    /// `User-Agent`); authorization comes after, from [`HttpRequest::authorize`].
    pub(crate) fn new(method: Method, url: String, body: Option<String>, options: &BuildOptions) -> HttpRequest {
        let mut headers: Vec<(Cow<'static, str>, HeaderValue)> = Vec::with_capacity(5);
        headers.push(("Accept".into(), HeaderValue::Plain("application/json, application/problem+json".into())));
        if body.is_some() {
            headers.push(("Content-Type".into(), HeaderValue::Plain("application/json".into())));
        }
        headers.push(("User-Agent".into(), HeaderValue::Plain(options.user_agent().to_owned().into())));
        HttpRequest { method, url, headers, body, operation: None, printed_form: None }
    }

    /// The OAuth 2.0 client-credentials request for an access token (RFC 6749 §4.4): a form
    /// `POST` to `token_url` with `grant_type`, `client_id`, `client_secret` and `audience`. The
    /// client secret is redacted in every printable form.
    pub fn token_request(token_url: &str, client_id: &str, client_secret: &Secret, audience: &str) -> Result<HttpRequest, OptionError> {
        let url = checked_url("tokenUrl", token_url, "https://id.core.matillion.com/oauth/dpc/token")?;
        if client_id.is_empty() || client_id.chars().any(char::is_control) {
            return Err(OptionError::new("clientId", "the client id must be a non-empty text without line breaks".to_owned()));
        }
        if client_secret.is_empty() {
            return Err(OptionError::new("clientSecret", "the client secret must not be empty".to_owned()));
        }
        let form = |secret: &str| {
            let fields = [("grant_type", "client_credentials"), ("client_id", client_id), ("client_secret", secret), ("audience", audience)];
            let pairs: Vec<String> = fields.iter().map(|(name, value)| format!("{name}={}", utf8_percent_encode(value, NON_ALPHANUMERIC))).collect();
            pairs.join("&")
        };
        let headers = vec![
            ("Accept".into(), HeaderValue::Plain("application/json".into())),
            ("Content-Type".into(), HeaderValue::Plain("application/x-www-form-urlencoded".into())),
        ];
        Ok(HttpRequest {
            method: Method::Post,
            url,
            headers,
            body: Some(form(client_secret.expose())),
            operation: None,
            printed_form: Some(form(REDACTED)),
        })
    }

    /// The request `operation` sends, read back from its URL, headers (the secret ones are those
    /// [`is_secret_header`] names) and body: it prints as the built request did.
    pub(crate) fn sent(operation: Operation, url: String, headers: Vec<(String, String)>, body: Option<String>) -> HttpRequest {
        let header = |(name, value): (String, String)| {
            let value = if is_secret_header(&name) { HeaderValue::Secret(Secret::new(value)) } else { HeaderValue::Plain(value.into()) };
            (Cow::Owned(name), value)
        };
        let headers = headers.into_iter().map(header).collect();
        HttpRequest { method: operation.endpoint().method, url, headers, body, operation: Some(operation), printed_form: None }
    }

    /// How the body prints: the token request's form as its printed text, a secret body by the
    /// secret's rules, every other body by default.
    fn redaction(&self) -> Redaction<'_> {
        match (&self.printed_form, self.operation) {
            (Some(text), _) => Redaction::Text(text),
            (None, Some(operation)) if operation.endpoint().body == BodyKind::Secret => Redaction::SecretBody,
            _ => Redaction::Printed,
        }
    }

    /// The operation this request performs (`None` for the OAuth token request).
    pub fn operation(&self) -> Option<Operation> {
        self.operation
    }

    /// Signs the request with `Authorization: Bearer <token>`, replacing any earlier token: a
    /// refreshed token re-signs a built request without building it again.
    pub fn authorize(&mut self, token: &Secret) {
        let mut bearer = String::with_capacity(7 + token.expose().len());
        bearer.push_str("Bearer ");
        bearer.push_str(token.expose());
        let value = HeaderValue::Secret(Secret::new(bearer));
        match self.headers.iter_mut().find(|(name, _)| name.eq_ignore_ascii_case("Authorization")) {
            Some((_, slot)) => *slot = value,
            None => self.headers.push(("Authorization".into(), value)),
        }
    }

    /// The secret values this request sends: its secret headers (the bearer token without
    /// `Bearer `, a PAT) and, for a body with a redacted copy, every string the copy hides. What
    /// an error about this request must not repeat if the server echoes it.
    pub fn secret_values(&self) -> Vec<String> {
        let mut values: Vec<String> = self
            .headers
            .iter()
            .filter_map(|(_, value)| match value {
                HeaderValue::Secret(secret) => Some(secret.expose().strip_prefix("Bearer ").unwrap_or(secret.expose()).to_owned()),
                HeaderValue::Plain(_) => None,
            })
            .collect();
        // Bodies with a redacted copy of their own: a secret's, and the token request's form.
        if let (Some(sent), Redaction::SecretBody | Redaction::Text(_)) = (&self.body, self.redaction()) {
            let shown = self.redacted_body(sent);
            let shown = shown.as_str();
            if let (Ok(sent), Ok(shown)) = (serde_json::from_str::<serde_json::Value>(sent), serde_json::from_str::<serde_json::Value>(shown)) {
                hidden_strings(&sent, &shown, &mut values);
            } else {
                // A form (the OAuth token request): the fields sent whose printed value is `***`,
                // as the server would read them (percent-decoded).
                let decoded = |value: &str| percent_encoding::percent_decode_str(value).decode_utf8_lossy().into_owned();
                let fields =
                    |form: &str| form.split(['&']).map(|pair| decoded(pair.split_once(['=']).map_or("", |(_, value)| value))).collect::<Vec<_>>();
                let hidden = fields(sent).into_iter().zip(fields(shown)).filter(|(_, shown)| shown == REDACTED);
                values.extend(hidden.map(|(sent, _)| sent));
            }
        }
        values.retain(|value| value.len() >= 4);
        values
    }

    /// Adds a header whose value is a secret.
    pub(crate) fn push_secret_header(&mut self, name: &'static str, value: Secret) {
        self.headers.push((name.into(), HeaderValue::Secret(value)));
    }

    /// The value of a header (case-insensitive name), as sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, value)| value.expose())
    }

    /// The body `sent` as it prints, its secrets as `***`.
    fn redacted_body(&self, sent: &str) -> String {
        let mode = match self.redaction() {
            Redaction::Text(text) => return text.to_owned(),
            // Secret-named members and secret-shaped strings become `***`.
            Redaction::Printed => crate::wire::Mode::Printed,
            Redaction::SecretBody => crate::wire::Mode::SecretBody,
        };
        match crate::json::parse(sent.as_bytes()) {
            Ok(tree) => {
                let public = if mode == crate::wire::Mode::SecretBody { crate::model::secret::public_strings(&tree) } else { Vec::new() };
                crate::wire::json_text(&tree, &public, mode)
            }
            Err(_) => REDACTED.to_owned(),
        }
    }

    /// The request with every secret replaced by `***`.
    #[inline(never)]
    pub fn redacted(&self) -> RedactedRequest {
        let body = self.body.as_deref().map(|sent| self.redacted_body(sent));
        RedactedRequest {
            method: self.method,
            url: self.url.clone(),
            headers: self.headers.iter().map(|(name, value)| (name.clone().into_owned(), value.redacted().to_owned())).collect(),
            body,
        }
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = self.redacted();
        f.debug_struct("HttpRequest")
            .field("method", &redacted.method)
            .field("url", &redacted.url)
            .field("headers", &redacted.headers)
            .field("body", &redacted.body)
            .finish()
    }
}

impl fmt::Display for RedactedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        if let Some(body) = &self.body {
            writeln!(f)?;
            f.write_str(body)?;
        }
        Ok(())
    }
}

/// Why a request was not built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// The request has error-severity violations (all violations are included).
    Invalid {
        /// The operation.
        operation: Operation,
        /// Every violation, errors and warnings.
        violations: Vec<Violation>,
    },
    /// An option (region, base URL, token) cannot be used.
    Option(OptionError),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Invalid { operation, violations } => write!(f, "`{operation}` request {}", crate::violation::summary(violations)),
            BuildError::Option(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<OptionError> for BuildError {
    fn from(error: OptionError) -> BuildError {
        BuildError::Option(error)
    }
}

/// Builds the request for `operation`: [`crate::validate`]s body and parameters (refusing when
/// any error exists), fills the path, adds headers, serializes the body as checked (aliases
/// spelled out, numbers sent as strings) and signs it when `options` carry a token. `body` and
/// `params` are a `serde_json::Value`, a [`crate::JsonTree`] or JSON text.
pub fn build_request<B, P>(operation: Operation, body: &B, params: &P, options: &BuildOptions) -> Result<HttpRequest, BuildError>
where
    B: JsonInput + ?Sized,
    P: JsonInput + ?Sized,
{
    crate::validate(operation, body, params).into_request(options)
}

/// Appends `template` to `url` with each `{name}` replaced by its value in `values`,
/// percent-encoded as a path segment.
pub(crate) fn fill_path(url: &mut String, template: &str, values: &[(&'static str, String)]) {
    let mut rest = template;
    let at = |text: &str, byte: u8| text.bytes().position(|b| b == byte);
    while let Some((head, tail)) = at(rest, b'{').and_then(|open| rest.split_at_checked(open)) {
        url.push_str(head);
        let tail = tail.get(1..).unwrap_or_default();
        let close = at(tail, b'}').unwrap_or(tail.len());
        let (name, after) = (tail.get(..close).unwrap_or_default(), tail.get(close + 1..).unwrap_or_default());
        let value = values.iter().find(|(key, _)| *key == name).map_or("", |(_, value)| value.as_str());
        push_encoded(url, value, PATH_RESERVED);
        rest = after;
    }
    url.push_str(rest);
}

/// The ASCII characters a path segment percent-encodes besides the controls (RFC 3986 `pchar`).
pub(crate) const PATH_RESERVED: &[u8] = b" \"#%/<>?`{}\\^|";
/// The ASCII characters a query value percent-encodes besides the controls: a path segment's,
/// and the query's own separators (`&`, `=`, `+`, and `,`, which the API splits lists at).
pub(crate) const QUERY_RESERVED: &[u8] = b" \"#%/<>?`{}\\^|&=+,;";

/// Appends `value` percent-encoded: every byte outside ASCII, the controls and `reserved` as
/// `%XX`. The same text as `percent_encoding::utf8_percent_encode` with that set (a test holds
/// the two equal for paths), without its 768-byte table of `%XX` texts in the wasm module.
pub(crate) fn push_encoded(url: &mut String, value: &str, reserved: &[u8]) {
    let hex = |nibble: u8| char::from(if nibble < 10 { b'0' + nibble } else { b'A' + nibble - 10 });
    // Runs that need no encoding (all of an id) are copied in one write; a run starts and ends
    // at ASCII or at a character's first byte, so slicing it never fails.
    let mut run = 0;
    for (at, byte) in value.bytes().enumerate() {
        // Letters, digits and `-` (most of every value) are told apart first.
        if byte.is_ascii_alphanumeric() || byte == b'-' || (byte.is_ascii() && !byte.is_ascii_control() && !reserved.contains(&byte)) {
            continue;
        }
        url.push_str(value.get(run..at).unwrap_or_default());
        url.push('%');
        url.push(hex(byte >> 4));
        url.push(hex(byte & 0xF));
        run = at + 1;
    }
    url.push_str(value.get(run..).unwrap_or_default());
}

/// `url` checked as an `http` or `https` URL with a host, a valid port if any, no spaces and no
/// query or fragment, without a trailing slash; `option` names it in the error, `example` shows
/// a good one. A URL with credentials (`user:password@`) is refused without being echoed.
pub(crate) fn checked_url(option: &'static str, url: &str, example: &str) -> Result<String, OptionError> {
    // `['c']`, not `'c'`: no memchr and its panic path in the wasm module (see `pem::find_dashed`).
    let trimmed = url.trim_end_matches(['/']);
    let authority = trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://")).map(|rest| rest.split(['/']).next().unwrap_or(rest));
    if authority.is_some_and(|authority| authority.contains(['@'])) {
        return Err(OptionError::new(
            option,
            format!("`{option}` must not hold credentials (`user:password@`); give the host alone, such as `{example}`"),
        ));
    }
    // A port is 1 to 65535 (an IPv6 literal's colons sit inside `[…]`).
    let port_ok = |authority: &str| match authority.rsplit_once([':']).filter(|(_, port)| !port.contains([']'])) {
        None => true,
        Some((_, port)) => {
            (1..=5).contains(&port.len())
                && port.bytes().all(|b| b.is_ascii_digit())
                && (1..=65_535).contains(&port.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')))
        }
    };
    let host_ok = authority.is_some_and(|authority| !authority.is_empty() && !authority.starts_with(':') && port_ok(authority));
    if !host_ok || trimmed.contains(['?', '#']) || trimmed.chars().any(|ch| ch.is_control() || ch.is_whitespace()) {
        return Err(OptionError::new(
            option,
            format!(
                "`{option}` must be an `http://` or `https://` URL with a host, a valid port if any, no spaces and no query, such as `{example}`; got {}",
                crate::rules::quote(url)
            ),
        ));
    }
    Ok(trimmed.to_owned())
}

/// The strings of `sent` that `shown` (its redacted copy) prints as `***`.
fn hidden_strings(sent: &serde_json::Value, shown: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match (sent, shown) {
        (Value::String(text), Value::String(printed)) if printed == REDACTED && text != REDACTED => out.push(text.clone()),
        (Value::Array(items), Value::Array(printed)) => items.iter().zip(printed).for_each(|(item, printed)| hidden_strings(item, printed, out)),
        (Value::Object(members), Value::Object(printed)) => {
            for (key, value) in members {
                if let Some(printed) = printed.get(key) {
                    hidden_strings(value, printed, out);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
    use proptest::prelude::*;

    /// Characters percent-encoded in a path segment (RFC 3986 `pchar` complement).
    const PATH_SEGMENT: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'/')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}')
        .add(b'\\')
        .add(b'^')
        .add(b'|');
    /// And in a query value.
    const QUERY_VALUE: &AsciiSet = &PATH_SEGMENT.add(b'&').add(b'=').add(b'+').add(b',').add(b';');

    proptest! {
        #![proptest_config(ProptestConfig {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x7061_7468),
            failure_persistence: None,
            ..ProptestConfig::with_cases(4096)
        })]
        #[test]
        fn path_segments_encode_as_percent_encoding_does(value in "(?s).{0,16}", ascii in proptest::collection::vec(0u8..0x80, 0..16)) {
            let ascii = String::from_utf8(ascii).unwrap_or_default();
            for value in [value.as_str(), ascii.as_str()] {
                let mut url = String::new();
                super::push_encoded(&mut url, value, super::PATH_RESERVED);
                prop_assert_eq!(url, utf8_percent_encode(value, PATH_SEGMENT).to_string());
                let mut query = String::new();
                super::push_encoded(&mut query, value, super::QUERY_RESERVED);
                prop_assert_eq!(query, utf8_percent_encode(value, QUERY_VALUE).to_string());
            }
        }
    }
}
