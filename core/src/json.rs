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

    /// Parses JSON text (same grammar, depth limit, numbers and error positions as
    /// `serde_json::Value`); strings without escapes borrow from `bytes`.
    pub fn parse(bytes: &'a [u8]) -> Result<JsonTree<'a>, SyntaxError> {
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

/// Parses JSON text into a [`JsonTree`], as serde_json's reader would: the same grammar, depth
/// limit, number arithmetic, and error kind and position (the tests hold the two equal, on
/// generated and damaged texts). Written here rather than run through serde_json's
/// `Deserializer` and `JsonTree`'s `Deserialize`, which were 4.4 KB (gzipped) of the wasm module,
/// against 2.5 KB for this reader.
pub(crate) fn parse(bytes: &[u8]) -> Result<JsonTree<'_>, SyntaxError> {
    // Checked as UTF-8 once (the common case), so that strings are sliced from it rather than
    // each checked; text that is not UTF-8 is read string by string, to point at the bad one.
    let text = std::str::from_utf8(bytes).ok();
    let mut reader = Reader { bytes, text, at: 0, depth: MAX_DEPTH, stop: (0, false, 0) };
    let read = reader.value().and_then(|tree| match reader.whitespace() {
        Some(_) => Err(reader.fail_next(false)),
        None => Ok(tree),
    });
    read.map_err(|Stop| {
        let (index, eof, back) = reader.stop;
        let mut error = SyntaxError::at(bytes, index, eof);
        error.column = error.column.saturating_sub(back);
        error
    })
}

/// Where and why JSON text is not JSON: the text ends early (`is_eof`), or a byte is wrong; line
/// and column as serde_json counts them (lines from 1, columns in bytes from the line's start).
/// Displays as `it ends early (line 1, column 9)` or `unexpected text (line 2, column 4)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    eof: bool,
    line: usize,
    column: usize,
}

impl SyntaxError {
    /// The error at byte `index` of `bytes`.
    #[cold]
    fn at(bytes: &[u8], index: usize, eof: bool) -> SyntaxError {
        let before = bytes.get(..index).unwrap_or(bytes);
        let line_start = before.iter().rposition(|byte| *byte == b'\n').map_or(0, |newline| newline + 1);
        let line = 1 + before.iter().take(line_start).filter(|byte| **byte == b'\n').count();
        SyntaxError { eof, line, column: index.saturating_sub(line_start) }
    }

    /// Whether the text ends before the value does.
    pub fn is_eof(&self) -> bool {
        self.eof
    }

    /// The line (from 1).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column (in bytes).
    pub fn column(&self) -> usize {
        self.column
    }
}

impl From<&serde_json::Error> for SyntaxError {
    fn from(error: &serde_json::Error) -> SyntaxError {
        SyntaxError { eof: error.classify() == serde_json::error::Category::Eof, line: error.line(), column: error.column() }
    }
}

impl From<&SyntaxError> for SyntaxError {
    fn from(error: &SyntaxError) -> SyntaxError {
        *error
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.eof { "it ends early" } else { "unexpected text" };
        write!(f, "{what} (line {}, column {})", crate::rules::int(self.line), crate::rules::int(self.column))
    }
}

impl std::error::Error for SyntaxError {}

/// The state of [`parse`]: the text, the next byte's index, and how many more arrays or objects
/// may open (serde_json's recursion limit).
struct Reader<'a> {
    bytes: &'a [u8],
    /// The same bytes as text, when they are UTF-8.
    text: Option<&'a str>,
    at: usize,
    depth: usize,
    /// Where reading stopped: the index, whether the text ended, and how many bytes back from
    /// it the column is (for text that is not UTF-8).
    stop: (usize, bool, usize),
}

/// Where the first byte that ends a string's plain run is (`"`, `\\` or a control character), or
/// the length: eight bytes at a time while none is, which is most of every string. The reader
/// ends a string's run there, and the writer escapes there.
pub(crate) fn special_at(bytes: &[u8]) -> usize {
    // Nonzero exactly when a byte of `word` is below 0x20, `"` or `\\`.
    let any = |word: u64| (word.wrapping_sub(ONES * 0x20) & !word & HIGHS) | has_byte(word, b'"') | has_byte(word, b'\\');
    first_at(bytes, any, |byte| byte == b'"' || byte == b'\\' || byte < 0x20)
}

/// Where the first `"` is, or the length, eight bytes at a time (how much an escaped string may
/// still hold: its end, unless that `"` is escaped).
fn quote_at(bytes: &[u8]) -> usize {
    first_at(bytes, |word| has_byte(word, b'"'), |byte| byte == b'"')
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Nonzero exactly when a byte of `word` is `byte` (a zero byte after the xor).
fn has_byte(word: u64, byte: u8) -> u64 {
    let xor = word ^ (ONES * u64::from(byte));
    xor.wrapping_sub(ONES) & !xor & HIGHS
}

/// The index of the first byte that `one` accepts, or the length: eight bytes at a time while
/// `any` finds none of them in a word (its lowest flag is exact: a flag's borrow can only set
/// flags above it), then byte by byte for the last few.
#[inline(always)]
fn first_at(bytes: &[u8], any: impl Fn(u64) -> u64, one: impl Fn(u8) -> bool) -> usize {
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8).and_then(|word| <[u8; 8]>::try_from(word).ok()) {
        let found = any(u64::from_le_bytes(word));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest.iter().position(|&byte| one(byte)).unwrap_or(rest.len())
}

/// Reading stopped at [`Reader::stop`] (the error's place is kept there, so that each of the
/// reader's many failure points costs little code).
struct Stop;

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Stops at the current index (serde_json's `error`: after the byte just read).
    #[cold]
    fn fail(&mut self, eof: bool) -> Stop {
        self.stop = (self.at, eof, 0);
        Stop
    }

    /// Stops one byte further (serde_json's `peek_error`: at the byte looked at).
    #[cold]
    fn fail_next(&mut self, eof: bool) -> Stop {
        self.stop = ((self.at + 1).min(self.bytes.len()), eof, 0);
        Stop
    }

    /// Skips whitespace; the next byte, not consumed.
    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
        self.peek()
    }

    fn value(&mut self) -> Result<JsonTree<'a>, Stop> {
        let Some(first) = self.whitespace() else { return Err(self.fail_next(true)) };
        match first {
            b'n' => self.word(b"null", JsonTree::Null),
            b't' => self.word(b"true", JsonTree::Bool(true)),
            b'f' => self.word(b"false", JsonTree::Bool(false)),
            b'-' | b'0'..=b'9' => self.number(),
            b'"' => {
                self.at += 1;
                self.string().map(JsonTree::String)
            }
            b'[' | b'{' => {
                self.depth -= 1;
                if self.depth == 0 {
                    return Err(self.fail_next(false));
                }
                self.at += 1;
                let tree = if first == b'[' { self.array() } else { self.object() }?;
                self.depth += 1;
                Ok(tree)
            }
            _ => Err(self.fail_next(false)),
        }
    }

    /// `null`, `true` or `false`, whose first byte was looked at.
    fn word(&mut self, word: &[u8], tree: JsonTree<'a>) -> Result<JsonTree<'a>, Stop> {
        self.at += 1;
        for expected in word.iter().skip(1) {
            let Some(byte) = self.peek() else { return Err(self.fail(true)) };
            self.at += 1;
            if byte != *expected {
                return Err(self.fail(false));
            }
        }
        Ok(tree)
    }

    /// The elements after `[`, and the `]`.
    fn array(&mut self) -> Result<JsonTree<'a>, Stop> {
        let mut items = Vec::new();
        loop {
            match self.whitespace() {
                None => return Err(self.fail_next(true)),
                Some(b']') => break,
                Some(_) if items.is_empty() => {}
                Some(b',') => {
                    self.at += 1;
                    match self.whitespace() {
                        None => return Err(self.fail_next(true)),
                        Some(b']') => return Err(self.fail_next(false)),
                        Some(_) => {}
                    }
                }
                Some(_) => return Err(self.fail_next(false)),
            }
            items.push(self.value()?);
        }
        self.at += 1;
        Ok(JsonTree::Array(items))
    }

    /// The members after `{`, and the `}`.
    fn object(&mut self) -> Result<JsonTree<'a>, Stop> {
        let mut members = Vec::with_capacity(8);
        loop {
            match self.whitespace() {
                None => return Err(self.fail_next(true)),
                Some(b'}') => break,
                Some(b'"') if members.is_empty() => {}
                Some(b',') if !members.is_empty() => {
                    self.at += 1;
                    match self.whitespace() {
                        None => return Err(self.fail_next(true)),
                        Some(b'"') => {}
                        Some(_) => return Err(self.fail_next(false)),
                    }
                }
                Some(_) => return Err(self.fail_next(false)),
            }
            self.at += 1;
            let key = self.string()?;
            match self.whitespace() {
                None => return Err(self.fail_next(true)),
                Some(b':') => self.at += 1,
                Some(_) => return Err(self.fail_next(false)),
            }
            let value = self.value()?;
            members.push((key, value));
        }
        self.at += 1;
        Ok(JsonTree::Object(JsonObject(members)))
    }

    /// A string's contents after its `"`, and the closing `"`: borrowed when it has no escape.
    fn string(&mut self) -> Result<Cow<'a, str>, Stop> {
        let mut owned: Vec<u8> = Vec::new();
        let mut start = self.at;
        loop {
            self.at += special_at(self.bytes.get(self.at..).unwrap_or_default());
            let Some(byte) = self.peek() else { return Err(self.fail(true)) };
            let run = self.bytes.get(start..self.at).unwrap_or_default();
            self.at += 1;
            match byte {
                b'"' if owned.is_empty() => {
                    // A `"` ends a character, so the slice of valid text is whole characters.
                    if let Some(run) = self.text.and_then(|text| text.get(start..self.at - 1)) {
                        return Ok(Cow::Borrowed(run));
                    }
                    return std::str::from_utf8(run).map(Cow::Borrowed).map_err(|error| self.not_utf8(run.len(), &error));
                }
                b'"' => {
                    owned.extend_from_slice(run);
                    let len = owned.len();
                    return String::from_utf8(owned).map(Cow::Owned).map_err(|error| self.not_utf8(len, &error.utf8_error()));
                }
                b'\\' => {
                    if owned.is_empty() {
                        // Room for the rest up to the next `"` (the end, unless it is escaped).
                        let rest = self.bytes.get(self.at..).unwrap_or_default();
                        owned.reserve(run.len() + quote_at(rest));
                    }
                    owned.extend_from_slice(run);
                    self.escape(&mut owned)?;
                    start = self.at;
                }
                _ => return Err(self.fail(false)),
            }
        }
    }

    /// A string of `len` bytes, just closed, that is not UTF-8 (pointed at as serde_json does).
    #[cold]
    fn not_utf8(&mut self, len: usize, error: &std::str::Utf8Error) -> Stop {
        self.stop = (self.at, false, len - error.valid_up_to());
        Stop
    }

    /// An escape after its `\\`, appended to `out`.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), Stop> {
        let Some(byte) = self.peek() else { return Err(self.fail(true)) };
        self.at += 1;
        let unescaped = match byte {
            b'"' | b'\\' | b'/' => byte,
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let mut code = u32::from(self.hex()?);
                if (0xDC00..=0xDFFF).contains(&code) {
                    return Err(self.fail(false));
                }
                if (0xD800..=0xDBFF).contains(&code) {
                    // A leading surrogate: `\\u` and a trailing one must follow.
                    for expected in [b'\\', b'u'] {
                        let Some(next) = self.peek() else { return Err(self.fail(true)) };
                        self.at += 1;
                        if next != expected {
                            return Err(self.fail(false));
                        }
                    }
                    let low = u32::from(self.hex()?);
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return Err(self.fail(false));
                    }
                    code = (((code - 0xD800) << 10) | (low - 0xDC00)) + 0x1_0000;
                }
                if let Some(ch) = char::from_u32(code) {
                    out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                }
                return Ok(());
            }
            _ => return Err(self.fail(false)),
        };
        out.push(unescaped);
        Ok(())
    }

    /// The four hex digits of a `\\u` escape.
    fn hex(&mut self) -> Result<u16, Stop> {
        let Some(digits) = self.bytes.get(self.at..self.at + 4) else {
            self.at = self.bytes.len();
            return Err(self.fail(true));
        };
        self.at += 4;
        let mut code = 0;
        for digit in digits {
            let Some(value) = char::from(*digit).to_digit(16) else { return Err(self.fail(false)) };
            code = code * 16 + value as u16;
        }
        Ok(code)
    }

    /// The next byte's value when it is a digit (consumed).
    fn digit(&mut self) -> Option<u8> {
        let digit = self.peek().filter(u8::is_ascii_digit)?;
        self.at += 1;
        Some(digit - b'0')
    }

    /// A number, whose first byte (`-` or a digit) was looked at, with serde_json's arithmetic:
    /// an integer is a `u64` or `i64` when it fits, anything else the `f64` serde_json computes
    /// (digits past 64 bits dropped, then one multiplication or division by a power of ten).
    fn number(&mut self) -> Result<JsonTree<'a>, Stop> {
        let positive = self.peek() != Some(b'-');
        if !positive {
            self.at += 1;
        }
        let Some(first) = self.peek() else { return Err(self.fail(true)) };
        self.at += 1;
        let fits = |significand: u64, digit: u8| significand < u64::MAX / 10 || (significand == u64::MAX / 10 && u64::from(digit) <= u64::MAX % 10);
        let (mut significand, mut exponent, mut long) = (0u64, 0i32, false);
        match first {
            b'0' if self.peek().is_some_and(|byte| byte.is_ascii_digit()) => return Err(self.fail_next(false)),
            b'0' => {}
            b'1'..=b'9' => {
                significand = u64::from(first - b'0');
                while let Some(digit) = self.digit() {
                    if long || !fits(significand, digit) {
                        long = true;
                        exponent += 1;
                    } else {
                        significand = significand * 10 + u64::from(digit);
                    }
                }
            }
            _ => return Err(self.fail(false)),
        }
        let mut float = long;
        if self.peek() == Some(b'.') {
            float = true;
            self.at += 1;
            let (mut any, mut dropped) = (false, false);
            while let Some(digit) = self.digit() {
                any = true;
                if dropped || !fits(significand, digit) {
                    dropped = true;
                } else {
                    significand = significand * 10 + u64::from(digit);
                    exponent -= 1;
                }
            }
            if !any {
                return Err(self.fail_next(self.peek().is_none()));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            float = true;
            self.at += 1;
            let positive_exponent = match self.peek() {
                Some(sign @ (b'+' | b'-')) => {
                    self.at += 1;
                    sign == b'+'
                }
                _ => true,
            };
            let Some(digit) = self.peek() else { return Err(self.fail(true)) };
            self.at += 1;
            if !digit.is_ascii_digit() {
                return Err(self.fail(false));
            }
            let mut written = i32::from(digit - b'0');
            while let Some(digit) = self.digit() {
                let digit = i32::from(digit);
                if written >= i32::MAX / 10 && (written > i32::MAX / 10 || digit > i32::MAX % 10) {
                    // An exponent past `i32::MAX`: too large, or zero.
                    if significand != 0 && positive_exponent {
                        return Err(self.fail(false));
                    }
                    while self.digit().is_some() {}
                    return Ok(float_tree(if positive { 0.0 } else { -0.0 }));
                }
                written = written * 10 + digit;
            }
            exponent = if positive_exponent { exponent.saturating_add(written) } else { exponent.saturating_sub(written) };
        }
        if !float {
            if positive {
                return Ok(JsonTree::Number(significand.into()));
            }
            #[allow(clippy::cast_possible_wrap, reason = "serde_json's reading of a negative integer, wrapping included")]
            let negated = (significand as i64).wrapping_neg();
            #[allow(clippy::cast_precision_loss, reason = "-0 is a float")]
            return Ok(if negated >= 0 { float_tree(-(significand as f64)) } else { JsonTree::Number(negated.into()) });
        }
        #[allow(clippy::cast_precision_loss, reason = "serde_json's arithmetic")]
        let mut float = significand as f64;
        loop {
            let magnitude = exponent.unsigned_abs();
            match (magnitude <= 308).then(|| power_of_ten(magnitude)) {
                Some(power) if exponent >= 0 => {
                    float *= power;
                    if float.is_infinite() {
                        return Err(self.fail(false));
                    }
                    break;
                }
                Some(power) => {
                    float /= power;
                    break;
                }
                None if float == 0.0 => break,
                None if exponent >= 0 => return Err(self.fail(false)),
                None => {
                    float /= 1e308;
                    exponent += 308;
                }
            }
        }
        Ok(float_tree(if positive { float } else { -float }))
    }
}

/// A float read from text (finite: a number too large is an error).
fn float_tree<'a>(float: f64) -> JsonTree<'a> {
    Number::from_f64(float).map_or(JsonTree::Null, JsonTree::Number)
}

/// `10^n` as the nearest `f64`, which is what the literal `1eN` is (serde_json's reader keeps a
/// table of them; computing them spares the wasm module 2.5 KB of incompressible floats), for
/// `n` up to 308. Up to `10^22` every step is exact; past it `5^n` is computed exactly and
/// rounded to 53 bits, half to even, then scaled by `2^n`.
fn power_of_ten(n: u32) -> f64 {
    if n <= 22 {
        return (0..n).fold(1.0, |power, _| power * 10.0);
    }
    // 5^n in base 2^32, least significant limb first.
    let mut limbs: Vec<u32> = vec![1];
    for _ in 0..n {
        let mut carry = 0;
        for limb in &mut limbs {
            let product = u64::from(*limb) * 5 + carry;
            #[allow(clippy::cast_possible_truncation, reason = "the low 32 bits, the rest carries")]
            let low = product as u32;
            *limb = low;
            carry = product >> 32;
        }
        if carry != 0 {
            limbs.push(1);
            if let Some(last) = limbs.last_mut() {
                #[allow(clippy::cast_possible_truncation, reason = "a carry out of a 32-bit limb times 5 fits in 32 bits")]
                let carry = carry as u32;
                *last = carry;
            }
        }
    }
    let bit = |at: u32| limbs.get((at / 32) as usize).is_some_and(|limb| (limb >> (at % 32)) & 1 == 1);
    let top = limbs.last().map_or(0, |limb| 32 - limb.leading_zeros());
    #[allow(clippy::cast_possible_truncation, reason = "at most 23 limbs")]
    let length = (limbs.len() as u32 - 1) * 32 + top;
    // 5^23 has 54 bits, so there is a rounding bit below the 53 kept.
    let low = length - 53;
    let mut mantissa = (low..length).rev().fold(0u64, |mantissa, at| (mantissa << 1) | u64::from(bit(at)));
    if bit(low - 1) && (mantissa & 1 == 1 || (0..low - 1).any(bit)) {
        mantissa += 1;
    }
    let mut exponent = low + n;
    if mantissa == 1 << 53 {
        mantissa >>= 1;
        exponent += 1;
    }
    f64::from_bits((u64::from(exponent + 52 + 1023) << 52) | (mantissa & ((1 << 52) - 1)))
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
/// Written from the error's kind and position rather than serde_json's `Display`, so that the
/// wasm module does not carry serde_json's message table and the I/O error texts behind it (1.3
/// KB gzipped).
pub(crate) fn syntax_error(error: &SyntaxError) -> String {
    error.to_string()
}

/// [`syntax_error`] for text that failed to parse, saying so when the cause is nesting past
/// [`MAX_DEPTH`] (serde_json's recursion limit) rather than a syntax error.
pub(crate) fn text_error(bytes: &[u8], error: &SyntaxError) -> String {
    if nests_too_deep(bytes) {
        return format!(
            "it nests {} or more levels deep, past the recursion limit (line {}, column {})",
            crate::rules::int(MAX_DEPTH),
            crate::rules::int(error.line()),
            crate::rules::int(error.column())
        );
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
                "is {} bytes long, more than the {} bytes the SDK reads; the API's bodies are a few kilobytes",
                crate::rules::int(self.len()),
                crate::rules::int(MAX_BODY_BYTES)
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

#[cfg(test)]
mod tests {
    use super::{JsonTree, SyntaxError, parse, quote_at, special_at};
    use proptest::prelude::*;
    use serde::Deserialize;

    /// The reader this one replaces: serde_json driving `JsonTree`'s `Deserialize`.
    fn serde_reader(bytes: &[u8]) -> Result<JsonTree<'_>, SyntaxError> {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let tree = JsonTree::deserialize(&mut deserializer).map_err(|error| SyntaxError::from(&error))?;
        deserializer.end().map_err(|error| SyntaxError::from(&error))?;
        Ok(tree)
    }

    fn agrees(bytes: &[u8]) -> Result<(), TestCaseError> {
        prop_assert_eq!(parse(bytes), serde_reader(bytes), "{:?}", String::from_utf8_lossy(bytes));
        Ok(())
    }

    /// Pieces that JSON text (valid or not) is made of, the awkward ones included.
    #[rustfmt::skip]
    fn token() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "{", "}", "[", "]", ",", ":", " ", "\n", "\t", "\r", "\"", "\\", "\\u", "\\n", "\\/", "\\x", "\\ud83d", "\\ude00", "\\uD800\\uDC00",
            "\\u12", "\\u00e9", "\\uzzzz", "a", "key", "é", "\u{1F600}", "\u{7}", "\u{0}", "null", "nul", "true", "tru", "false", "fals", "0", "-",
            "-0", "00", "01", "1", "12345678901234567890", "184467440737095516151", "-9223372036854775808", "-9223372036854775809", ".", ".5",
            "1.", "1.5", "e", "E", "e+", "e-", "1e5", "1e400", "1e-400", "0e999999999999", "1e2147483648", "-1e-2147483649", "2.5E+3",
            "0.1", "123.456e-7", "1.7976931348623157e308", "1.7976931348623159e308", "2.2250738585072014e-308", "4.9e-324", "1e-324",
            "123456789012345678901234567890.123e-10", "0.000001e-320", "18446744073709551615.5", "1844674407370955161.63e1", "9e-400",
        ])
    }

    /// A small valid value.
    fn value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(serde_json::Value::from),
            ".{0,8}".prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                proptest::collection::vec((".{0,6}", inner), 0..6).prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x6a73_6f6e),
            failure_persistence: None,
            ..ProptestConfig::with_cases(4096)
        })]

        #[test]
        fn finds_the_first_special_byte_and_quote_by_their_definitions(bytes in proptest::collection::vec(
            prop_oneof![12 => (0x20u8..=0xFF).prop_filter("plain", |byte| *byte != b'"' && *byte != b'\\'), 1 => any::<u8>()],
            0..40,
        )) {
            let first = |special: fn(u8) -> bool| bytes.iter().position(|&byte| special(byte)).unwrap_or(bytes.len());
            prop_assert_eq!(special_at(&bytes), first(|byte| byte == b'"' || byte == b'\\' || byte < 0x20));
            prop_assert_eq!(quote_at(&bytes), first(|byte| byte == b'"'));
        }

        #[test]
        fn reads_token_soup_as_serde_json_does(tokens in proptest::collection::vec(token(), 0..24)) {
            agrees(tokens.concat().as_bytes())?;
        }

        #[test]
        fn reads_bytes_as_serde_json_does(bytes in proptest::collection::vec(any::<u8>(), 0..48)) {
            agrees(&bytes)?;
        }

        #[test]
        fn reads_values_and_their_damaged_texts_as_serde_json_does(value in value(), pretty in any::<bool>(), cut in any::<proptest::sample::Index>(), byte in any::<u8>()) {
            let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) }.unwrap_or_default();
            let bytes = text.as_bytes();
            agrees(bytes)?;
            let at = cut.index(bytes.len() + 1);
            agrees(&bytes[..at])?;
            let mut changed = bytes.to_vec();
            changed.insert(at, byte);
            agrees(&changed)?;
            if at < changed.len() {
                changed.remove(at);
                changed.remove(at.min(changed.len() - 1));
                agrees(&changed)?;
            }
        }
    }

    #[test]
    fn powers_of_ten_are_the_literals() {
        for n in 0..=308 {
            let literal: f64 = format!("1e{n}").parse().unwrap();
            assert_eq!(super::power_of_ten(n).to_bits(), literal.to_bits(), "1e{n}");
        }
    }

    #[test]
    fn depth_limit_and_error_positions_match_serde_json() {
        for depth in [126, 127, 128, 129] {
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            assert_eq!(parse(text.as_bytes()), serde_reader(text.as_bytes()), "{depth}");
            let text = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
            assert_eq!(parse(text.as_bytes()), serde_reader(text.as_bytes()), "{depth}");
        }
        for text in [
            "",
            " ",
            "{\n\"a\": tru",
            "[1,\n 2,\n ]",
            "\"\\ud800\"",
            "\"\\ud800x\"",
            "\"é\u{7}\"",
            b"\"\xff\"".escape_ascii().to_string().as_str(),
            "1e400",
            "\n\n-",
        ] {
            assert_eq!(parse(text.as_bytes()), serde_reader(text.as_bytes()), "{text:?}");
        }
        assert_eq!(parse(b"\"a\xffb\""), serde_reader(b"\"a\xffb\""));
        assert_eq!(parse(b"\"\\n\xff\""), serde_reader(b"\"\\n\xff\""));
        assert_eq!(parse(b"{\"a\" 1}").unwrap_err().to_string(), "unexpected text (line 1, column 6)");
        assert_eq!(parse(b"[1, 2").unwrap_err().to_string(), "it ends early (line 1, column 5)");
    }
}
