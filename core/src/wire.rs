//! The JSON text a request sends, written straight from the caller's tree with the checked
//! request's edits applied (aliases spelled out, numbers sent as strings where the API takes
//! strings), and its redacted copy: no copy of the tree is made to change first.
//!
//! Objects are written with their keys sorted and each key once (the last of repeated keys), as a
//! `serde_json::Value` holds them, so a body reads the same whatever tree it was read into.

use crate::json::{Node, Object, View};
use crate::redact::REDACTED;
use crate::validate::{Change, Edit, address};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

/// How a body is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// As sent.
    Sent,
    /// A secret body's printable copy: every string not marked [`Change::Public`] is `***`.
    SecretBody,
    /// Any other body's printable copy, redacted by default rather than by schema: every string
    /// or number inside a member whose name is secret-like ([`crate::redact::is_secret_name`]) and
    /// every string shaped like a secret ([`crate::redact::looks_secret`]) is `***`; the name of
    /// a secret (`secretName`, `secretKey`, `credentialSecretName`) stays readable, since a secret
    /// reference (`"privateKey": {"secretName": "…"}`) is not the secret.
    Printed,
}

/// The JSON text of `node` with `edits` applied, written as `mode` says. In both printable modes
/// a member name that may be a secret is written as `***` too: in a secret body any name but a
/// plain word ([`crate::redact::may_be_secret_name`]), elsewhere a name shaped like a secret.
pub(crate) fn json_text<N: Node>(node: &N, edits: &[Edit], mode: Mode) -> String {
    // Writing a tree of strings, numbers and containers to a String cannot fail.
    crate::json_writer::to_string(&Written { node, edits, mode, hidden: false })
}

/// A node written as it is.
pub(crate) struct Plain<'w, N>(pub(crate) &'w N);

impl<N: Node> Serialize for Plain<'_, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Written { node: self.0, edits: &[], mode: Mode::Sent, hidden: false }.serialize(serializer)
    }
}

/// A node being written, with the edits; `hidden` when a secret-named member holds it (and the
/// node is not itself the name of a secret).
struct Written<'w, N> {
    node: &'w N,
    edits: &'w [Edit],
    mode: Mode,
    hidden: bool,
}

impl<N: Node> Serialize for Written<'_, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (mut public, mut text) = (false, None);
        if !self.edits.is_empty() {
            let here = address(self.node);
            for edit in self.edits.iter().filter(|edit| edit.node == here) {
                match &edit.change {
                    Change::Text(replacement) => text = Some(replacement.as_str()),
                    Change::Public => public = true,
                }
            }
        }
        if self.hidden && matches!(self.node.view(), View::String(_) | View::Number(_) | View::Bool(_)) {
            return serializer.serialize_str(REDACTED);
        }
        let hide = |text: &str| match self.mode {
            Mode::Sent => false,
            Mode::SecretBody => !public,
            Mode::Printed => crate::redact::looks_secret(text),
        };
        if let Some(text) = text {
            return serializer.serialize_str(if hide(text) { REDACTED } else { text });
        }
        let child = |node, hidden| Written { node, edits: self.edits, mode: self.mode, hidden };
        match self.node.view() {
            View::Null => serializer.serialize_unit(),
            View::Bool(flag) => serializer.serialize_bool(flag),
            View::Number(number) => number.serialize(serializer),
            View::String(text) => serializer.serialize_str(if hide(text) { REDACTED } else { text }),
            View::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&child(item, self.hidden))?;
                }
                seq.end()
            }
            View::Object(map) => {
                // Keys already in order and each once (a `Value`'s always, text's often) are
                // written as they are; others are sorted first.
                let in_order = map.entries().is_sorted_by(|a, b| a.0 < b.0);
                let sorted = if in_order { Vec::new() } else { members(map) };
                let mut out = serializer.serialize_map(Some(if in_order { map.len() } else { sorted.len() }))?;
                let mut entry = |key: &str, value| {
                    let secret_name = match self.mode {
                        Mode::Sent => false,
                        Mode::SecretBody => crate::redact::may_be_secret_name(key),
                        Mode::Printed => crate::redact::looks_secret(key),
                    };
                    let name = if secret_name { REDACTED } else { key };
                    let hidden =
                        self.mode == Mode::Printed && (self.hidden || crate::redact::is_secret_name(key)) && !crate::redact::is_secret_reference(key);
                    out.serialize_entry(name, &child(value, hidden))
                };
                if in_order {
                    map.entries().try_for_each(|(key, value)| entry(key, value))?;
                } else {
                    sorted.into_iter().try_for_each(|(key, value)| entry(key, value))?;
                }
                out.end()
            }
        }
    }
}

/// An object's members sorted by key, each key once (the last one given).
pub(crate) fn members<O: Object>(map: &O) -> Vec<(&str, &O::Node)> {
    let sorted = crate::validate::merge_sort(map.entries().collect(), &|a: &(&str, &O::Node), b: &(&str, &O::Node)| a.0 <= b.0);
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
    use crate::json::{JsonTree, parse};
    use serde_json::{Value, json};

    #[test]
    fn writes_like_a_value_whatever_the_tree() {
        let text = br#"{"b": [1, 2.5, -3, true, null, "x\"y"], "a": {"z": 1, "y": {}, "x": []}, "b": "last", "c": "\u00e9",
            "e": "\\ \/ \b\f\n\r\t \u0000\u001f\u007f \ud83d\ude00", "f": [1e300, -0.0, 0.1, 18446744073709551615, -9223372036854775808, 1.5e-7]}"#;
        let value: Value = serde_json::from_slice(text).unwrap();
        let tree: JsonTree<'_> = parse(text).unwrap();
        assert_eq!(json_text(&tree, &[], Mode::Sent), serde_json::to_string(&value).unwrap());
        assert_eq!(json_text(&value, &[], Mode::Sent), serde_json::to_string(&value).unwrap());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x6d61_6961),
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::with_cases(256)
        })]
        #[test]
        fn any_string_or_number_is_written_as_serde_json_writes_it(
            text in proptest::prelude::any::<String>(),
            int in proptest::prelude::any::<i64>(),
            float in proptest::prelude::any::<f64>(),
        ) {
            let value = json!({"s": text, "i": int, "u": int.unsigned_abs(), "f": float, text.clone(): [text, {}]});
            proptest::prop_assert_eq!(json_text(&value, &[], Mode::Sent), serde_json::to_string(&value).unwrap());
        }
    }

    #[test]
    fn edits_apply_to_their_node_only() {
        let value = json!({"list": [{"v": 1}, {"v": 2, "w": 3}], "v": 4, "s": "secret", "p": "public"});
        let edits = vec![
            Edit { node: address(&value["list"][0]["v"]), change: Change::Text("1".to_owned()) },
            Edit { node: address(&value["p"]), change: Change::Public },
        ];
        assert_eq!(json_text(&value, &edits, Mode::Sent), r#"{"list":[{"v":"1"},{"v":2,"w":3}],"p":"public","s":"secret","v":4}"#);
        assert_eq!(json_text(&value, &edits, Mode::SecretBody), r#"{"list":[{"v":"***"},{"v":2,"w":3}],"p":"public","s":"***","v":4}"#);
    }

    #[test]
    fn printed_bodies_hide_secret_named_members_and_secret_shaped_text_whatever_the_schema() {
        let value = json!({
            "name": "p",
            "Password": {"nested": 1, "list": ["a"]},
            "privateKey": {"secretName": "snowflake-key", "secretKey": "pk"},
            "connectionProperties": {"passWord": "hunter2", "user": "me"},
            "note": "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "-----BEGIN PRIVATE KEY-----\nMIIE": "pasted as a name",
        });
        let printed = json_text(&value, &[], Mode::Printed);
        assert_eq!(
            printed,
            r#"{"***":"pasted as a name","Password":{"list":["***"],"nested":"***"},"connectionProperties":{"passWord":"***","user":"me"},"name":"p","note":"***","privateKey":{"secretKey":"pk","secretName":"snowflake-key"}}"#
        );
        assert!(!json_text(&value, &[], Mode::Sent).contains("***"));
    }
}
