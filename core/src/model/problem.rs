//! Errors the API returns: `application/problem+json` ProblemDetail (the OpenAPI seed's
//! `ProblemDetail` schema: `type`, `title`, `status`, `detail`, `instance`, and `violations` as a
//! list of strings).
//!
//! Read by hand from a JSON object rather than by a serde derive: every member is optional and
//! read leniently (a status as text, violations that are not strings), and a derive with
//! `flatten` costs the wasm build several kilobytes.

use crate::json::{JsonObject, JsonTree, Node, Object, View};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

/// An RFC 9457 problem as the API sends it. Every member is optional; unknown ones are kept.
/// Serializes to the known members (those it has) followed by the unknown ones.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProblemDetail {
    /// A URI naming the problem type.
    pub problem_type: Option<String>,
    /// A short summary.
    pub title: Option<String>,
    /// The HTTP status.
    pub status: Option<u16>,
    /// A human explanation.
    pub detail: Option<String>,
    /// A URI for this occurrence.
    pub instance: Option<String>,
    /// The server's violation messages (strings; anything else is kept as its JSON text).
    pub violations: Vec<String>,
    /// Members the seed does not describe, kept as received.
    pub extra: Map<String, Value>,
}

/// The members a [`ProblemDetail`] reads; every other member is kept as it came.
const KNOWN: &[&str] = &["type", "title", "status", "detail", "instance", "violations"];

/// A member read as text: strings as they are, other JSON as its text, `null` as absent.
fn text_of<N: Node>(value: &N) -> Option<String> {
    match value.view() {
        View::Null => None,
        View::String(text) => Some(text.to_owned()),
        _ => Some(crate::wire::json_text(value, &[], crate::wire::Mode::Sent)),
    }
}

impl ProblemDetail {
    /// Reads a problem from a JSON object, leniently; `None` when the body is not an object.
    pub fn from_value(value: Value) -> Option<ProblemDetail> {
        let mut problem = ProblemDetail::read(&value)?;
        let map = value.as_object()?;
        problem.extra = map.iter().filter(|(key, _)| !KNOWN.contains(&key.as_str())).map(|(key, value)| (key.clone(), value.clone())).collect();
        Some(problem)
    }

    /// The known members of a problem read from any tree (leniently: a status given as text,
    /// violations that are not strings); `extra` is left empty.
    pub(crate) fn read<N: Node>(value: &N) -> Option<ProblemDetail> {
        let map = value.as_object()?;
        let mut problem = ProblemDetail::default();
        // In input order, so that of repeated members the last counts.
        for (key, value) in map.entries() {
            match key {
                "type" => problem.problem_type = text_of(value),
                "title" => problem.title = text_of(value),
                "detail" => problem.detail = text_of(value),
                "instance" => problem.instance = text_of(value),
                "status" => {
                    problem.status = match value.view() {
                        View::Number(number) => number.as_u64().and_then(|n| u16::try_from(n).ok()),
                        View::String(text) => text.trim().parse::<u64>().ok().and_then(|n| u16::try_from(n).ok()),
                        _ => None,
                    }
                }
                "violations" => {
                    problem.violations = match value.view() {
                        View::Array(items) => items.iter().filter_map(text_of).collect(),
                        _ => text_of(value).into_iter().collect(),
                    }
                }
                _ => {}
            }
        }
        Some(problem)
    }

    /// Writes the known members this problem has.
    fn serialize_known<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        let texts = [("type", &self.problem_type), ("title", &self.title)];
        for (name, text) in texts {
            if let Some(text) = text {
                map.serialize_entry(name, text)?;
            }
        }
        if let Some(status) = self.status {
            map.serialize_entry("status", &u64::from(status))?;
        }
        for (name, text) in [("detail", &self.detail), ("instance", &self.instance)] {
            if let Some(text) = text {
                map.serialize_entry(name, text)?;
            }
        }
        if !self.violations.is_empty() {
            map.serialize_entry("violations", &self.violations)?;
        }
        Ok(())
    }
}

impl Serialize for ProblemDetail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.serialize_known(&mut map)?;
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// A problem read from a [`JsonTree`]: the [`ProblemDetail`], and the tree's object for the
/// members it does not know. Serializes as the `ProblemDetail` of the same body would, without
/// building a `serde_json::Value` (what the wasm module hands to JavaScript).
#[derive(Clone, Debug)]
pub struct ProblemView<'a> {
    problem: ProblemDetail,
    object: &'a JsonObject<'a>,
}

impl<'a> ProblemView<'a> {
    /// The problem in `body`; `None` when it is not an object.
    pub fn read(body: &'a JsonTree<'a>) -> Option<ProblemView<'a>> {
        let JsonTree::Object(object) = body else { return None };
        Some(ProblemView { problem: ProblemDetail::read(body)?, object })
    }

    /// The known members.
    pub fn problem(&self) -> &ProblemDetail {
        &self.problem
    }
}

impl Serialize for ProblemView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.problem.serialize_known(&mut map)?;
        for (key, value) in crate::wire::members(self.object).into_iter().filter(|(key, _)| !KNOWN.contains(key)) {
            map.serialize_entry(key, &crate::wire::Plain(value))?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ProblemDetail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        ProblemDetail::from_value(value).ok_or_else(|| serde::de::Error::custom("a problem detail is a JSON object"))
    }
}
