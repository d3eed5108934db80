//! Errors the API returns: `application/problem+json` ProblemDetail (the OpenAPI seed's
//! `ProblemDetail` schema: `type`, `title`, `status`, `detail`, `instance`, and `violations` as a
//! list of strings).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// An RFC 9457 problem as the API sends it. Every member is optional; unknown ones are kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProblemDetail {
    /// A URI naming the problem type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_string")]
    pub problem_type: Option<String>,
    /// A short summary.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_string")]
    pub title: Option<String>,
    /// The HTTP status.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_status")]
    pub status: Option<u16>,
    /// A human explanation.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_string")]
    pub detail: Option<String>,
    /// A URI for this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_string")]
    pub instance: Option<String>,
    /// The server's violation messages (strings; anything else is kept as its JSON text).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "lenient_strings")]
    pub violations: Vec<String>,
    /// Members the seed does not describe, kept as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn text_of(value: Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text),
        other => Some(other.to_string()),
    }
}

fn lenient_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(text_of(Value::deserialize(deserializer)?))
}

fn lenient_status<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u16>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Number(number) => number.as_u64().and_then(|n| u16::try_from(n).ok()),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    })
}

fn lenient_strings<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(match Value::deserialize(deserializer)? {
        Value::Array(items) => items.into_iter().filter_map(text_of).collect(),
        other => text_of(other).into_iter().collect(),
    })
}
