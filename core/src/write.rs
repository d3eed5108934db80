//! JSON text of a tree ([`Node`]) with the request's rewrites applied while it is written: the
//! body a request sends (aliases spelled out, numbers sent as strings where the API takes strings)
//! and its redacted copy come straight from the caller's tree, with no copy to change first.
//!
//! Objects are written with their keys sorted and each key once (the last of repeated keys), as a
//! `serde_json::Value` holds them, so a body reads the same whatever tree it was read into.

use crate::tree::{Node, Object, View};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// One step from the root to a node.
#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index,
}

/// Where a node sits: its steps from the root, linked from the node up.
#[derive(Clone, Copy)]
pub(crate) struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    step: Step<'a>,
}

impl Path<'_> {
    /// Whether the path from the root is `pattern`: member names, `*` for any member, `[]` for
    /// any array element.
    pub(crate) fn is(&self, pattern: &[&str]) -> bool {
        let mut at = self;
        for want in pattern.iter().rev() {
            let fits = match at.step {
                Step::Key(key) => *want != "[]" && (*want == "*" || *want == key),
                Step::Index => *want == "[]",
                Step::Root => false,
            };
            match at.parent {
                Some(parent) if fits => at = parent,
                _ => return false,
            }
        }
        matches!(at.step, Step::Root)
    }
}

/// What to write instead of a node: `Some(text)` writes the string `text`.
pub(crate) type Rewrite<'r, N> = &'r dyn Fn(&Path<'_>, &N) -> Option<String>;

/// The JSON text of `node`, with `rewrite` asked at every node.
pub(crate) fn json_text<N: Node>(node: &N, rewrite: Rewrite<'_, N>) -> String {
    // Writing a tree of strings, numbers and containers to a String cannot fail.
    serde_json::to_string(&Written { node, path: Path { parent: None, step: Step::Root }, rewrite }).unwrap_or_default()
}

/// A node written as it is.
pub(crate) struct Plain<'w, N>(pub(crate) &'w N);

impl<N: Node> Serialize for Plain<'_, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Written { node: self.0, path: Path { parent: None, step: Step::Root }, rewrite: &|_, _| None }.serialize(serializer)
    }
}

/// A node being written, with its place and the rewrite.
struct Written<'w, N> {
    node: &'w N,
    path: Path<'w>,
    rewrite: Rewrite<'w, N>,
}

impl<N: Node> Serialize for Written<'_, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(text) = (self.rewrite)(&self.path, self.node) {
            return serializer.serialize_str(&text);
        }
        let child = |node, step| Written { node, path: Path { parent: Some(&self.path), step }, rewrite: self.rewrite };
        match self.node.view() {
            View::Null => serializer.serialize_unit(),
            View::Bool(flag) => serializer.serialize_bool(flag),
            View::Number(number) => number.serialize(serializer),
            View::String(text) => serializer.serialize_str(text),
            View::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&child(item, Step::Index))?;
                }
                seq.end()
            }
            View::Object(map) => {
                let members = members(map);
                let mut out = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    out.serialize_entry(key, &child(value, Step::Key(key)))?;
                }
                out.end()
            }
        }
    }
}

/// An object's members sorted by key, each key once (the last one given).
pub(crate) fn members<O: Object>(map: &O) -> Vec<(&str, &O::Node)> {
    let sorted = crate::merge_sort(map.entries().collect(), &|a: &(&str, &O::Node), b: &(&str, &O::Node)| a.0 <= b.0);
    let mut out: Vec<(&str, &O::Node)> = Vec::with_capacity(sorted.len());
    for member in sorted {
        match out.last_mut() {
            Some(last) if last.0 == member.0 => *last = member,
            _ => out.push(member),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{JsonTree, parse};
    use serde_json::{Value, json};

    #[test]
    fn writes_like_a_value_whatever_the_tree() {
        let text = br#"{"b": [1, 2.5, -3, true, null, "x\"y"], "a": {"z": 1, "y": {}}, "b": "last", "c": "\u00e9"}"#;
        let value: Value = serde_json::from_slice(text).unwrap();
        let tree: JsonTree<'_> = parse(text).unwrap();
        let none_value = |_: &Path<'_>, _: &Value| None;
        let none_tree = |_: &Path<'_>, _: &JsonTree<'_>| None;
        assert_eq!(json_text(&tree, &none_tree), serde_json::to_string(&value).unwrap());
        assert_eq!(json_text(&value, &none_value), serde_json::to_string(&value).unwrap());
    }

    #[test]
    fn rewrites_where_the_path_matches() {
        let value = json!({"list": [{"v": 1}, {"v": 2, "w": 3}], "v": 4, "*": 5});
        let rewrite = |path: &Path<'_>, node: &Value| path.is(&["list", "[]", "v"]).then(|| node.to_string());
        assert_eq!(json_text(&value, &rewrite), r#"{"*":5,"list":[{"v":"1"},{"v":"2","w":3}],"v":4}"#);
        let any = |path: &Path<'_>, _: &Value| path.is(&["*"]).then(|| "k".to_owned());
        assert_eq!(json_text(&value, &any), r#"{"*":"k","list":"k","v":"k"}"#);
        let root = |path: &Path<'_>, _: &Value| path.is(&[]).then(|| "all".to_owned());
        assert_eq!(json_text(&value, &root), r#""all""#);
        let index_is_not_a_key = |path: &Path<'_>, _: &Value| path.is(&["[]"]).then(|| "no".to_owned());
        assert_eq!(json_text(&json!({"[]": 1}), &index_is_not_a_key), r#"{"[]":1}"#);
    }
}
