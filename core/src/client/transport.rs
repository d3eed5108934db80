//! How bytes travel: [`Transport`], one method from an [`HttpRequest`] to an [`HttpResponse`]
//! (STYLE 2), and [`ReqwestTransport`], the one the client uses unless given another. A plain
//! closure is a transport too, which is how tests assert what would be sent.

use crate::http::{HeaderValue, HttpRequest, HttpResponse};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// What [`Transport::send`] returns: a boxed future, so that transports are `dyn`-usable.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'a>>;

/// Sends one request and returns the answer as received (any status), or why none came.
pub trait Transport: Send + Sync {
    /// Sends `request`, giving up after `timeout` (connecting included).
    fn send<'a>(&'a self, request: &'a HttpRequest, timeout: Duration) -> SendFuture<'a>;
}

/// A synchronous closure is a transport (for tests and canned answers).
impl<F> Transport for F
where
    F: Fn(&HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync,
{
    fn send<'a>(&'a self, request: &'a HttpRequest, _timeout: Duration) -> SendFuture<'a> {
        Box::pin(std::future::ready(self(request)))
    }
}

/// Why no answer came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    /// Whether the request's bytes may have reached the server (`false`: DNS, connect, TLS, a
    /// header that cannot be sent; the server saw nothing).
    pub maybe_sent: bool,
    /// Whether the attempt ran out of time.
    pub timed_out: bool,
    /// What failed, without secrets (the URL at most).
    pub message: String,
}

impl TransportError {
    /// The request never left (the server saw nothing).
    pub fn not_sent(message: impl Into<String>) -> TransportError {
        TransportError { maybe_sent: false, timed_out: false, message: message.into() }
    }

    /// The request may have been sent and no answer came.
    pub fn lost(message: impl Into<String>) -> TransportError {
        TransportError { maybe_sent: true, timed_out: false, message: message.into() }
    }

    /// The attempt took longer than `timeout`.
    pub fn timed_out(timeout: Duration) -> TransportError {
        TransportError { maybe_sent: true, timed_out: true, message: format!("no answer within {}", super::error::shown(timeout)) }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}

/// The reqwest transport: rustls (ring), HTTP/1.1, connection pooling; secret header values
/// marked sensitive so that reqwest never prints them.
#[derive(Clone, Debug)]
pub struct ReqwestTransport {
    http: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport whose connections time out after `connect_timeout`.
    pub fn new(connect_timeout: Duration) -> Result<ReqwestTransport, TransportError> {
        let http = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .build()
            .map_err(|error| TransportError::not_sent(format!("the HTTP client could not be built: {}", chain(&error))))?;
        Ok(ReqwestTransport { http })
    }

    /// A transport over a reqwest client built elsewhere (proxies, custom roots).
    pub fn from_client(http: reqwest::Client) -> ReqwestTransport {
        ReqwestTransport { http }
    }

    async fn send_now(&self, request: &HttpRequest, timeout: Duration) -> Result<HttpResponse, TransportError> {
        let method = match request.method {
            crate::operation::Method::Get => reqwest::Method::GET,
            crate::operation::Method::Post => reqwest::Method::POST,
        };
        let mut headers = reqwest::header::HeaderMap::with_capacity(request.headers.len());
        for (name, value) in &request.headers {
            let header = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| TransportError::not_sent(format!("`{name}` is not a valid header name")))?;
            let mut text = reqwest::header::HeaderValue::from_str(value.expose())
                .map_err(|_| TransportError::not_sent(format!("the `{name}` header value cannot be sent in HTTP")))?;
            if matches!(value, HeaderValue::Secret(_)) || crate::http::request::is_secret_header(name) {
                text.set_sensitive(true);
            }
            headers.append(header, text);
        }
        let mut builder = self.http.request(method, &request.url).headers(headers).timeout(timeout);
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let response = builder.send().await.map_err(|error| classify(&error))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect();
        let body = response.bytes().await.map_err(|error| classify(&error))?;
        Ok(HttpResponse::new(status, headers, body.to_vec()))
    }
}

impl Transport for ReqwestTransport {
    fn send<'a>(&'a self, request: &'a HttpRequest, timeout: Duration) -> SendFuture<'a> {
        Box::pin(self.send_now(request, timeout))
    }
}

/// A reqwest error by phase: connecting and building mean nothing was sent.
fn classify(error: &reqwest::Error) -> TransportError {
    let message = chain(error);
    if error.is_connect() || error.is_builder() {
        TransportError::not_sent(message)
    } else if error.is_timeout() {
        TransportError { maybe_sent: true, timed_out: true, message }
    } else {
        TransportError::lost(message)
    }
}

/// An error and its sources, `: `-joined (reqwest's own message is only the outermost).
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}
