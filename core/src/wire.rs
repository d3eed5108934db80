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
use std::fmt::Write as _;

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
///
/// Written straight into the string, byte for byte what `serde_json` writes (compact, the same
/// escapes and number forms), without a serializer's per-value calls.
pub(crate) fn json_text<N: Node>(node: &N, edits: &[Edit], mode: Mode) -> String {
    let mut writer = Writer { edits, mode, out: String::with_capacity(256) };
    writer.node(node, false);
    writer.out
}

/// A node written as it is, for other serializers (a problem's extra members).
pub(crate) struct Plain<'w, N>(pub(crate) &'w N);

impl<N: Node> Serialize for Plain<'_, N> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.view() {
            View::Null => serializer.serialize_unit(),
            View::Bool(flag) => serializer.serialize_bool(flag),
            View::Number(number) => number.serialize(serializer),
            View::String(text) => serializer.serialize_str(text),
            View::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                items.iter().try_for_each(|item| seq.serialize_element(&Plain(item)))?;
                seq.end()
            }
            View::Object(map) => {
                let members = members(map);
                let mut out = serializer.serialize_map(Some(members.len()))?;
                members.into_iter().try_for_each(|(key, value)| out.serialize_entry(key, &Plain(value)))?;
                out.end()
            }
        }
    }
}

/// Writes nodes with the edits, as the mode says.
struct Writer<'w> {
    edits: &'w [Edit],
    mode: Mode,
    out: String,
}

impl Writer<'_> {
    /// Writes `node`; `hidden` when a secret-named member holds it (and the node is not itself
    /// the name of a secret).
    fn node<N: Node>(&mut self, node: &N, hidden: bool) {
        let (mut public, mut text) = (false, None);
        let edits = self.edits;
        if !edits.is_empty() {
            let here = address(node);
            for edit in edits.iter().filter(|edit| edit.node == here) {
                match &edit.change {
                    Change::Text(replacement) => text = Some(replacement.as_str()),
                    Change::Public => public = true,
                }
            }
        }
        if hidden && matches!(node.view(), View::String(_) | View::Number(_) | View::Bool(_)) {
            return self.string(REDACTED);
        }
        let hide = |text: &str| match self.mode {
            Mode::Sent => false,
            Mode::SecretBody => !public,
            Mode::Printed => crate::redact::looks_secret(text),
        };
        if let Some(text) = text {
            return self.string(if hide(text) { REDACTED } else { text });
        }
        match node.view() {
            View::Null => self.out.push_str("null"),
            View::Bool(flag) => self.out.push_str(if flag { "true" } else { "false" }),
            // `Display` writes what serde_json's serializer writes (itoa, and the same shortest float form).
            View::Number(number) => {
                let _ = write!(self.out, "{number}");
            }
            View::String(text) => self.string(if hide(text) { REDACTED } else { text }),
            View::Array(items) => {
                self.out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        self.out.push(',');
                    }
                    self.node(item, hidden);
                }
                self.out.push(']');
            }
            View::Object(map) => {
                // Keys already in order and each once (a `Value`'s always, text's often) are
                // written as they are; others are sorted first.
                let in_order = map.entries().is_sorted_by(|a, b| a.0 < b.0);
                let sorted = if in_order { Vec::new() } else { members(map) };
                self.out.push('{');
                let mut first = true;
                let mut entry = |key: &str, value: &N| {
                    if !std::mem::take(&mut first) {
                        self.out.push(',');
                    }
                    let secret_name = match self.mode {
                        Mode::Sent => false,
                        Mode::SecretBody => crate::redact::may_be_secret_name(key),
                        Mode::Printed => crate::redact::looks_secret(key),
                    };
                    self.string(if secret_name { REDACTED } else { key });
                    self.out.push(':');
                    let hidden =
                        self.mode == Mode::Printed && (hidden || crate::redact::is_secret_name(key)) && !crate::redact::is_secret_reference(key);
                    self.node(value, hidden);
                };
                if in_order {
                    map.entries().for_each(|(key, value)| entry(key, value));
                } else {
                    sorted.into_iter().for_each(|(key, value)| entry(key, value));
                }
                self.out.push('}');
            }
        }
    }

    /// Writes `text` as a JSON string, escaped as serde_json escapes: `"`, `\` and the control
    /// characters below U+0020 (`\n`-style where JSON has one, else `\u00xx`).
    fn string(&mut self, text: &str) {
        self.out.push('"');
        let mut rest = text;
        while let Some(at) = escape_at(rest.as_bytes()) {
            let (run, tail) = rest.split_at_checked(at).unwrap_or((rest, ""));
            self.out.push_str(run);
            let mut chars = tail.chars();
            let escaped = chars.next().unwrap_or_default();
            match escaped {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\u{8}' => self.out.push_str("\\b"),
                '\t' => self.out.push_str("\\t"),
                '\n' => self.out.push_str("\\n"),
                '\u{c}' => self.out.push_str("\\f"),
                '\r' => self.out.push_str("\\r"),
                control => {
                    let _ = write!(self.out, "\\u{:04x}", u32::from(control));
                }
            }
            rest = chars.as_str();
        }
        self.out.push_str(rest);
        self.out.push('"');
    }
}

/// Where the first byte JSON escapes is (`"`, `\` or a control character): eight bytes at a time
/// while none is, the usual case for the whole string.
fn escape_at(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Nonzero exactly when a byte of `word` is below 0x20, `"` or `\` (a zero byte after the xor).
    let any = |word: u64| {
        let (quote, backslash) = (word ^ (ONES * u64::from(b'"')), word ^ (ONES * u64::from(b'\\')));
        ((word.wrapping_sub(ONES * 0x20) & !word) | (quote.wrapping_sub(ONES) & !quote) | (backslash.wrapping_sub(ONES) & !backslash)) & HIGHS
    };
    let clean = bytes.chunks_exact(8).take_while(|chunk| any(u64::from_le_bytes(<[u8; 8]>::try_from(*chunk).unwrap_or_default())) == 0).count();
    let from = clean * 8;
    bytes.get(from..)?.iter().position(|byte| *byte < 0x20 || *byte == b'"' || *byte == b'\\').map(|at| from + at)
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
