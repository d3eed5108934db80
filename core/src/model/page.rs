//! Pages of the list endpoints: query `page` (from 0) and `size` (1–100); responses
//! `{results, page, size, total}`.
//!
//! The envelope is not in the seeds; it follows the vendor's list pages and the clients gathered in
//! `shared/research/maia-api.md` §5.

use crate::json::{Node, View};
use crate::operation::MAX_PAGE_SIZE;
use crate::pointer::Pointer;
use crate::rules::{int, kind, quote};
use crate::validate::Sink;
use crate::violation::Code;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A page of results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page.
    #[serde(default = "Vec::new")]
    pub results: Vec<T>,
    /// The page number, from 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    /// The page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// The number of items on all pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// Members the seeds do not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<T> Page<T> {
    /// Whether a later page exists: `(page + 1) * size < total`, or a full page when `total` is absent.
    pub fn has_next(&self) -> bool {
        match (self.page, self.size, self.total) {
            (Some(page), Some(size), Some(total)) => size > 0 && (page + 1).saturating_mul(size) < total,
            (_, Some(size), None) => size > 0 && self.results.len() as u64 >= size,
            _ => false,
        }
    }
}

/// A paging parameter as a number: an integer, or a string of digits (as query strings carry them).
fn paging_number<N: Node>(value: &N) -> Option<u64> {
    match value.view() {
        View::Number(number) => number.as_u64(),
        View::String(text) if !text.is_empty() && text.len() <= 20 && text.bytes().all(|b| b.is_ascii_digit()) => text.parse().ok(),
        _ => None,
    }
}

/// A paging value as a message shows it: numbers and strings as written, other types by kind.
fn shown<N: Node>(raw: &N) -> String {
    match raw.view() {
        View::Number(number) => format!("`{number}`"),
        View::String(text) => quote(text).to_string(),
        _ => kind(raw).to_owned(),
    }
}

/// A number out of range is a `range` problem; anything else has the wrong type.
fn code_for<N: Node>(raw: &N) -> Code {
    if matches!(raw.view(), View::Number(_)) { Code::Range } else { Code::Type }
}

/// Checks the `page` and `size` query parameters.
pub(crate) fn check_query<N: Node>(sink: &mut Sink, query: &Pointer<'_>, page: Option<&N>, size: Option<&N>) {
    if let Some(raw) = page {
        let at = query.key("page");
        if paging_number(raw).is_none() {
            sink.error(&at, code_for(raw), format!("`page` must be a whole number from 0; got {}", shown(raw)));
        }
    }
    if let Some(raw) = size {
        let at = query.key("size");
        match paging_number(raw) {
            Some(size) if (1..=MAX_PAGE_SIZE).contains(&size) => {}
            Some(size) => sink.error(&at, Code::Range, format!("`size` must be from 1 to {}; got `{}`", int(MAX_PAGE_SIZE), int(size))),
            None => {
                sink.error(&at, code_for(raw), format!("`size` must be a whole number from 1 to {}; got {}", int(MAX_PAGE_SIZE), shown(raw)));
            }
        }
    }
}

/// The query string for `page` and `size` (without `?`), in that order.
pub(crate) fn query_string<N: Node>(page: Option<&N>, size: Option<&N>) -> String {
    let mut parts = Vec::new();
    if let Some(page) = page.and_then(paging_number) {
        parts.push(format!("page={}", int(page)));
    }
    if let Some(size) = size.and_then(paging_number) {
        parts.push(format!("size={}", int(size)));
    }
    crate::rules::joined(&parts, "&")
}

/// The connection list's filter by name.
pub(crate) const NAMES: &str = "connectionNames";

/// Checks `connectionNames` (a connection name, or a list of them) and adds one
/// `connectionNames=…` per name to `out`, the query string (the API also reads them comma-separated, but a
/// name may hold a comma).
pub(crate) fn names_query<N: Node>(sink: &mut Sink, query: &Pointer<'_>, raw: Option<&N>, out: &mut String) {
    let Some(raw) = raw else { return };
    let at = query.key(NAMES);
    let items = match raw.view() {
        View::Array(items) => items,
        _ => std::slice::from_ref(raw),
    };
    for (index, item) in items.iter().enumerate() {
        match item.view() {
            View::String(name) if !name.is_empty() => {
                if !out.is_empty() {
                    out.push('&');
                }
                out.push_str(NAMES);
                out.push('=');
                crate::http::request::push_encoded(out, name, crate::http::request::QUERY_RESERVED);
            }
            // One message for the list and its items: the whole rule in one sentence.
            _ => sink.error(
                &if matches!(raw.view(), View::Array(_)) { at.index(index) } else { at },
                Code::Type,
                format!("`{NAMES}` must be a connection name or a list of non-empty names, such as `[\"snowflake-prod\"]`; got {}", shown(item)),
            ),
        }
    }
}
