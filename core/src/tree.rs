//! The JSON trees the validator reads. Validation is written once against [`Node`], and runs on a
//! `serde_json::Value` (what callers and bindings hold) or on a [`JsonTree`] tree parsed straight
//! from bytes: strings without escapes point into the input and objects are plain vectors, so
//! validating JSON text costs less than building a `Value` would.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt;

/// What a node is, with its contents borrowed.
pub(crate) enum View<'n, N: Node> {
    Null,
    Bool(bool),
    Number(&'n Number),
    String(&'n str),
    Array(&'n [N]),
    Object(&'n N::Object),
}

/// A JSON value the validator can read.
pub(crate) trait Node: Sized {
    /// The object type of this tree.
    type Object: Object<Node = Self>;

    /// What this node is.
    fn view(&self) -> View<'_, Self>;

    fn as_str(&self) -> Option<&str> {
        match self.view() {
            View::String(text) => Some(text),
            _ => None,
        }
    }

    fn as_object(&self) -> Option<&Self::Object> {
        match self.view() {
            View::Object(map) => Some(map),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<&[Self]> {
        match self.view() {
            View::Array(items) => Some(items),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self.view(), View::Null)
    }

    fn is_object(&self) -> bool {
        matches!(self.view(), View::Object(_))
    }

    /// The member `key`, when this is an object that has it.
    fn get(&self, key: &str) -> Option<&Self> {
        self.as_object()?.get(key)
    }

    /// A number or boolean as JSON text (for messages about values sent as strings).
    fn scalar_text(&self) -> Option<String> {
        match self.view() {
            View::Number(number) => Some(number.to_string()),
            View::Bool(flag) => Some(flag.to_string()),
            _ => None,
        }
    }
}

/// A JSON object the validator can read. With duplicate keys, the last one counts (as in
/// `serde_json::Value`, which is what requests are built from).
pub(crate) trait Object {
    /// The node type of this tree.
    type Node: Node<Object = Self>;
    type Iter<'a>: Iterator<Item = (&'a str, &'a Self::Node)>
    where
        Self: 'a;

    fn get(&self, key: &str) -> Option<&Self::Node>;
    fn entries(&self) -> Self::Iter<'_>;
    fn len(&self) -> usize;

    fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries().map(|(key, _)| key)
    }
}

impl Node for Value {
    type Object = Map<String, Value>;

    fn view(&self) -> View<'_, Self> {
        match self {
            Value::Null => View::Null,
            Value::Bool(flag) => View::Bool(*flag),
            Value::Number(number) => View::Number(number),
            Value::String(text) => View::String(text),
            Value::Array(items) => View::Array(items),
            Value::Object(map) => View::Object(map),
        }
    }
}

/// Iterates a `serde_json::Map` as `(&str, &Value)`.
pub(crate) struct MapEntries<'a>(serde_json::map::Iter<'a>);

impl<'a> Iterator for MapEntries<'a> {
    type Item = (&'a str, &'a Value);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(key, value)| (key.as_str(), value))
    }
}

impl Object for Map<String, Value> {
    type Node = Value;
    type Iter<'a> = MapEntries<'a>;

    fn get(&self, key: &str) -> Option<&Value> {
        Map::get(self, key)
    }

    fn entries(&self) -> MapEntries<'_> {
        MapEntries(self.iter())
    }

    fn len(&self) -> usize {
        Map::len(self)
    }
}

/// A JSON value whose objects are vectors and whose strings may borrow: what [`crate::validate_json`]
/// parses text into, and what a binding can build from host values for [`crate::validate_tree`]
/// (cheaper than a `serde_json::Value`, whose objects are B-trees). With duplicate keys, the last
/// one counts.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonTree<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<JsonTree<'a>>),
    /// An object.
    Object(JsonObject<'a>),
}

impl<'a> JsonTree<'a> {
    /// Parses JSON text (same grammar and depth limit as `serde_json::Value`); strings without
    /// escapes borrow from `bytes`.
    pub fn parse(bytes: &'a [u8]) -> Result<JsonTree<'a>, serde_json::Error> {
        parse(bytes)
    }

    /// The tree of a `serde_json::Value`, borrowing its strings.
    pub fn from_value(value: &'a Value) -> JsonTree<'a> {
        match value {
            Value::Null => JsonTree::Null,
            Value::Bool(flag) => JsonTree::Bool(*flag),
            Value::Number(number) => JsonTree::Number(number.clone()),
            Value::String(text) => JsonTree::String(Cow::Borrowed(text)),
            Value::Array(items) => JsonTree::Array(items.iter().map(JsonTree::from_value).collect()),
            Value::Object(map) => {
                JsonTree::Object(JsonObject(map.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), JsonTree::from_value(v))).collect()))
            }
        }
    }
}

/// The members of a [`JsonTree`] object, in input order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JsonObject<'a>(pub Vec<(Cow<'a, str>, JsonTree<'a>)>);

impl<'a> Node for JsonTree<'a> {
    type Object = JsonObject<'a>;

    fn view(&self) -> View<'_, Self> {
        match self {
            JsonTree::Null => View::Null,
            JsonTree::Bool(flag) => View::Bool(*flag),
            JsonTree::Number(number) => View::Number(number),
            JsonTree::String(text) => View::String(text),
            JsonTree::Array(items) => View::Array(items),
            JsonTree::Object(members) => View::Object(members),
        }
    }
}

/// Iterates [`JsonObject`] as `(&str, &JsonTree)`.
pub(crate) struct MembersIter<'m, 'a>(std::slice::Iter<'m, (Cow<'a, str>, JsonTree<'a>)>);

impl<'m, 'a> Iterator for MembersIter<'m, 'a> {
    type Item = (&'m str, &'m JsonTree<'a>);
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(key, value)| (key.as_ref(), value))
    }
}

impl<'a> Object for JsonObject<'a> {
    type Node = JsonTree<'a>;
    type Iter<'m>
        = MembersIter<'m, 'a>
    where
        Self: 'm;

    fn get(&self, key: &str) -> Option<&JsonTree<'a>> {
        self.0.iter().rev().find(|(name, _)| name == key).map(|(_, value)| value)
    }

    fn entries(&self) -> MembersIter<'_, 'a> {
        MembersIter(self.0.iter())
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// A string that borrows from the input when it has no escapes.
struct CowStr<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(text)))
            }
            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(text.to_owned())))
            }
            fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(StrVisitor)
    }
}

impl<'de> Deserialize<'de> for JsonTree<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TreeVisitor;
        impl<'de> Visitor<'de> for TreeVisitor {
            type Value = JsonTree<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(JsonTree::Null)
            }
            fn visit_bool<E>(self, flag: bool) -> Result<Self::Value, E> {
                Ok(JsonTree::Bool(flag))
            }
            fn visit_i64<E>(self, number: i64) -> Result<Self::Value, E> {
                Ok(JsonTree::Number(number.into()))
            }
            fn visit_u64<E>(self, number: u64) -> Result<Self::Value, E> {
                Ok(JsonTree::Number(number.into()))
            }
            fn visit_f64<E>(self, number: f64) -> Result<Self::Value, E> {
                Ok(Number::from_f64(number).map_or(JsonTree::Null, JsonTree::Number))
            }
            fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(JsonTree::String(Cow::Borrowed(text)))
            }
            fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
                Ok(JsonTree::String(Cow::Owned(text.to_owned())))
            }
            fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
                Ok(JsonTree::String(Cow::Owned(text)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(JsonTree::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::with_capacity(8);
                while let Some((CowStr(key), value)) = map.next_entry::<CowStr<'de>, JsonTree<'de>>()? {
                    members.push((key, value));
                }
                Ok(JsonTree::Object(JsonObject(members)))
            }
        }
        deserializer.deserialize_any(TreeVisitor)
    }
}

/// Parses JSON text into a [`JsonTree`] tree (same grammar and depth limit as `serde_json::Value`).
pub fn parse(bytes: &[u8]) -> Result<JsonTree<'_>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let tree = JsonTree::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(tree)
}
