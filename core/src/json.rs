//! The JSON the core reads. Validation is written once against [`Node`], and runs on a
//! `serde_json::Value` (what callers and bindings hold) or on a [`JsonTree`] parsed straight from
//! bytes: strings without escapes point into the input and objects are plain vectors, so
//! validating JSON text costs less than building a `Value` would. [`JsonInput`] is what the entry
//! points take: either tree, or JSON text. Also the reading limits every binding shares.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt;

/// What a node is, with its contents borrowed.
pub enum View<'n, N: Node> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number.
    Number(&'n Number),
    /// A string.
    String(&'n str),
    /// An array.
    Array(&'n [N]),
    /// An object.
    Object(&'n N::Object),
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for serde_json::Value {}
    impl Sealed for serde_json::Map<String, serde_json::Value> {}
    impl Sealed for super::JsonTree<'_> {}
    impl Sealed for super::JsonObject<'_> {}
    impl Sealed for [u8] {}
    impl Sealed for str {}
    impl Sealed for Vec<u8> {}
    impl Sealed for String {}
    impl<const N: usize> Sealed for [u8; N] {}
}

/// A JSON value the core can read: a `serde_json::Value` or a [`JsonTree`] (sealed).
pub trait Node: Sized + sealed::Sealed {
    /// The object type of this tree.
    type Object: Object<Node = Self>;

    /// What this node is.
    fn view(&self) -> View<'_, Self>;

    /// The string, when this is one.
    fn as_str(&self) -> Option<&str> {
        match self.view() {
            View::String(text) => Some(text),
            _ => None,
        }
    }

    /// The object, when this is one.
    fn as_object(&self) -> Option<&Self::Object> {
        match self.view() {
            View::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The elements, when this is an array.
    fn as_array(&self) -> Option<&[Self]> {
        match self.view() {
            View::Array(items) => Some(items),
            _ => None,
        }
    }

    /// Whether this is `null`.
    fn is_null(&self) -> bool {
        matches!(self.view(), View::Null)
    }

    /// Whether this is an object.
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

/// A JSON object the core can read (sealed). With duplicate keys, the last one counts (as in
/// `serde_json::Value`, which is what requests are built from).
pub trait Object: sealed::Sealed {
    /// The node type of this tree.
    type Node: Node<Object = Self>;
    /// The iterator of [`Object::entries`].
    type Iter<'a>: Iterator<Item = (&'a str, &'a Self::Node)>
    where
        Self: 'a;

    /// The member `key` (the last, if repeated).
    fn get(&self, key: &str) -> Option<&Self::Node>;
    /// The members in the tree's order, repeats included.
    fn entries(&self) -> Self::Iter<'_>;
    /// How many members there are, repeats included.
    fn len(&self) -> usize;

    /// Whether the member `key` exists.
    fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Whether there is no member.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The member names.
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
pub struct MapEntries<'a>(serde_json::map::Iter<'a>);

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

/// A JSON value whose objects are vectors and whose strings may borrow: what [`crate::validate`]
/// parses text into, and what a binding can build from host values
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
    /// The tree as a `serde_json::Value` (what the native client sends); with duplicate keys,
    /// the last one counts.
    pub fn into_value(self) -> Value {
        match self {
            JsonTree::Null => Value::Null,
            JsonTree::Bool(flag) => Value::Bool(flag),
            JsonTree::Number(number) => Value::Number(number),
            JsonTree::String(text) => Value::String(text.into_owned()),
            JsonTree::Array(items) => Value::Array(items.into_iter().map(JsonTree::into_value).collect()),
            JsonTree::Object(JsonObject(members)) => {
                Value::Object(members.into_iter().map(|(key, value)| (key.into_owned(), value.into_value())).collect())
            }
        }
    }

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
pub struct MembersIter<'m, 'a>(std::slice::Iter<'m, (Cow<'a, str>, JsonTree<'a>)>);

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
pub(crate) fn parse(bytes: &[u8]) -> Result<JsonTree<'_>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let tree = JsonTree::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(tree)
}

/// Largest JSON text read, in bytes (1 MiB): the API's bodies are a few kilobytes, and a larger
/// text is refused before it is parsed.
pub const MAX_BODY_BYTES: usize = 1 << 20;
/// Most elements an array may have (bindings check it before they walk a host array).
pub const MAX_ARRAY_LENGTH: usize = 10_000;
/// Most members an object may have (bindings check it before they walk a host object).
pub const MAX_MEMBERS: usize = 10_000;
/// Longest string, in characters (bindings check it before they copy a host string).
pub const MAX_STRING_LENGTH: usize = MAX_BODY_BYTES;

/// Nesting depth at which a body or parameters are refused: 127 nested arrays or objects are read,
/// 128 are not. The same limit as serde_json's parser, so JSON text and host values agree.
pub const MAX_DEPTH: usize = 128;

/// Where and how JSON text failed to parse, in plain words (`it ends early (line 1, column 9)`).
/// Written from the error's category and position rather than its `Display`, so that the wasm
/// module does not carry serde_json's message table and the I/O error texts behind it (1.3 KB
/// gzipped).
pub(crate) fn syntax_error(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match error.classify() {
        Category::Eof => "it ends early",
        Category::Syntax | Category::Data | Category::Io => "unexpected text",
    };
    format!("{what} (line {}, column {})", error.line(), error.column())
}

/// [`syntax_error`] for text that failed to parse, saying so when the cause is nesting past
/// [`MAX_DEPTH`] (serde_json's recursion limit) rather than a syntax error.
pub(crate) fn text_error(bytes: &[u8], error: &serde_json::Error) -> String {
    if nests_too_deep(bytes) {
        return format!("it nests {MAX_DEPTH} or more levels deep, past the recursion limit (line {}, column {})", error.line(), error.column());
    }
    syntax_error(error)
}

/// Whether `bytes` open [`MAX_DEPTH`] arrays or objects inside one another (strings skipped).
fn nests_too_deep(bytes: &[u8]) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &byte in bytes {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth >= MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// A body or parameters as the entry points ([`crate::validate`], [`crate::build_request`]) take
/// them: a `serde_json::Value`, a [`JsonTree`], or JSON text (`[u8]`, `Vec<u8>`, `str`, `String`). Sealed.
pub trait JsonInput: sealed::Sealed {
    /// The tree this input is read as.
    type Node<'a>: Node
    where
        Self: 'a;

    /// The tree, borrowed or parsed; or why the text cannot be read, as the end of a sentence
    /// that starts with what it is (`is not valid JSON: …`).
    #[doc(hidden)]
    fn read(&self) -> Result<Held<'_, Self::Node<'_>>, String>;
}

impl JsonInput for Value {
    type Node<'a> = Value;
    fn read(&self) -> Result<Held<'_, Value>, String> {
        Ok(Held::Borrowed(self))
    }
}

impl<'t> JsonInput for JsonTree<'t> {
    type Node<'a>
        = JsonTree<'t>
    where
        Self: 'a;
    fn read(&self) -> Result<Held<'_, JsonTree<'t>>, String> {
        Ok(Held::Borrowed(self))
    }
}

impl JsonInput for [u8] {
    type Node<'a> = JsonTree<'a>;
    fn read(&self) -> Result<Held<'_, JsonTree<'_>>, String> {
        if self.len() > MAX_BODY_BYTES {
            return Err(format!(
                "is {} bytes long, more than the {MAX_BODY_BYTES} bytes the SDK reads; the API's bodies are a few kilobytes",
                self.len()
            ));
        }
        parse(self).map(|tree| Held::Owned(Box::new(tree))).map_err(|error| format!("is not valid JSON: {}", text_error(self, &error)))
    }
}

/// The other spellings of JSON text read as their bytes.
macro_rules! text_input {
    ($([$($generics:tt)*] $text:ty),+) => {$(
        impl<$($generics)*> JsonInput for $text {
            type Node<'a> = JsonTree<'a>;
            fn read(&self) -> Result<Held<'_, JsonTree<'_>>, String> {
                AsRef::<[u8]>::as_ref(self).read()
            }
        }
    )+};
}
text_input!([] str, [] String, [] Vec<u8>, [const N: usize] [u8; N]);

/// A tree as an entry point read it: borrowed from the caller, or parsed from text (boxed, so
/// that its nodes keep their addresses while the holder moves).
#[doc(hidden)]
pub enum Held<'a, N> {
    /// The caller's tree.
    Borrowed(&'a N),
    /// A tree parsed from the caller's text.
    Owned(Box<N>),
}

impl<N> Held<'_, N> {
    /// The tree.
    pub fn node(&self) -> &N {
        match self {
            Held::Borrowed(node) => node,
            Held::Owned(node) => node,
        }
    }
}
