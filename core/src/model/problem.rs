//! Errors the API returns: `application/problem+json` ProblemDetail (the OpenAPI seed's
//! `ProblemDetail` schema: `type`, `title`, `status`, `detail`, `instance`, and `violations` as a
//! list of strings).
//!
//! Read by hand from a JSON object rather than by a serde derive: every member is optional and
//! read leniently (a status as text, violations that are not strings), and a derive with
//! `flatten` costs the wasm build several kilobytes.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// An RFC 9457 problem as the API sends it. Every member is optional; unknown ones are kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProblemDetail {
    /// A URI naming the problem type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub problem_type: Option<String>,
    /// A short summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The HTTP status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// A human explanation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A URI for this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The server's violation messages (strings; anything else is kept as its JSON text).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<String>,
    /// Members the seed does not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(crate::http::json_text(other)),
    }
}

impl ProblemDetail {
    /// Reads a problem from a JSON object, leniently; `None` when the body is not an object.
    pub fn from_value(value: Value) -> Option<ProblemDetail> {
        ProblemDetail::read(&value)
    }

    /// [`ProblemDetail::from_value`] without taking the value.
    pub(crate) fn read(value: &Value) -> Option<ProblemDetail> {
        let map = value.as_object()?;
        let mut problem = ProblemDetail::default();
        for (key, value) in map {
            match key.as_str() {
                "type" => problem.problem_type = text_of(value),
                "title" => problem.title = text_of(value),
                "detail" => problem.detail = text_of(value),
                "instance" => problem.instance = text_of(value),
                "status" => {
                    problem.status = match value {
                        Value::Number(number) => number.as_u64().and_then(|n| u16::try_from(n).ok()),
                        Value::String(text) => text.trim().parse().ok(),
                        _ => None,
                    }
                }
                "violations" => {
                    problem.violations = match value {
                        Value::Array(items) => items.iter().filter_map(text_of).collect(),
                        other => text_of(other).into_iter().collect(),
                    }
                }
                _ => {
                    problem.extra.insert(key.clone(), value.clone());
                }
            }
        }
        Some(problem)
    }
}

impl<'de> Deserialize<'de> for ProblemDetail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        ProblemDetail::from_value(value).ok_or_else(|| serde::de::Error::custom("a problem detail is a JSON object"))
    }
}
