//! The JSON text the core writes (the bindings' envelopes, request bodies, response bodies made
//! text): serde_json's compact output byte for byte (its string escapes, its integer and float
//! writers: itoa and zmij through [`serde_json::Number`]), written into a `String`. Writing
//! text cannot fail, so no write returns an error to check: serde_json's writer goes through
//! `io::Write` and checks one after every piece, which is about a kilobyte of the wasm module.

use serde::ser::{self, Serialize};
use serde_json::Number;
use std::fmt::{self, Write as _};

/// `value` as compact JSON text, as `serde_json::to_string` writes it; empty when `value`
/// refuses to be written (a `Serialize` impl that fails, an unsupported 128-bit integer).
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> String {
    // Room for a usual body or envelope: growing from nothing costs a copy at every doubling.
    let mut writer = Writer(String::with_capacity(256));
    match value.serialize(&mut writer) {
        Ok(()) => writer.0,
        Err(Unwritable) => String::new(),
    }
}

/// A value that has no JSON text (only a `Serialize` impl that fails gives one).
#[derive(Debug)]
pub(crate) struct Unwritable;

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the value has no JSON form")
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: fmt::Display>(_message: T) -> Self {
        Unwritable
    }
}

/// The text written so far.
pub(crate) struct Writer(String);

impl Writer {
    /// A JSON string: `"`, `\` and the control characters escaped as serde_json escapes them
    /// (`\b`, `\t`, `\n`, `\f`, `\r`, else `\u00xx` in lower-case hex); nothing else is.
    fn string(&mut self, text: &str) {
        let out = &mut self.0;
        out.push('"');
        let mut start = 0;
        loop {
            // The next byte to escape, found eight bytes at a time (most strings have none).
            let at = start + crate::json::special_at(text.as_bytes().get(start..).unwrap_or_default());
            let Some(&byte) = text.as_bytes().get(at) else { break };
            let escape = match byte {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                0x08 => "\\b",
                b'\t' => "\\t",
                b'\n' => "\\n",
                0x0C => "\\f",
                b'\r' => "\\r",
                _ => "",
            };
            // `at` is an ASCII byte, so both ends are character boundaries.
            out.push_str(text.get(start..at).unwrap_or_default());
            if escape.is_empty() {
                out.push_str(if byte < 0x10 { "\\u000" } else { "\\u001" });
                out.push(char::from_digit(u32::from(byte & 0xF), 16).unwrap_or('0'));
            } else {
                out.push_str(escape);
            }
            start = at + 1;
        }
        out.push_str(text.get(start..).unwrap_or_default());
        out.push('"');
    }

    /// A number as serde_json writes it (itoa for integers, zmij for floats).
    fn number(&mut self, number: &Number) {
        let _ = write!(self.0, "{number}");
    }

    /// A float: `null` when it is not finite, as serde_json writes it.
    fn float(&mut self, float: f64) {
        match Number::from_f64(float) {
            Some(number) => self.number(&number),
            None => self.0.push_str("null"),
        }
    }

    /// Opens `{"variant":` (an enum variant with contents is an object of one member).
    fn open_variant(&mut self, variant: &str) {
        self.0.push('{');
        self.string(variant);
        self.0.push(':');
    }
}

/// An array or object being written; `close` is what ends it (`]`, `}`, or `]}` / `}}` for a
/// variant's contents).
pub(crate) struct Compound<'w> {
    writer: &'w mut Writer,
    first: bool,
    close: &'static str,
}

impl Compound<'_> {
    /// The separator before an element or member.
    fn next(&mut self) {
        if !self.first {
            self.writer.0.push(',');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.next();
        value.serialize(&mut *self.writer)
    }

    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unwritable> {
        self.next();
        let start = self.writer.0.len();
        key.serialize(&mut *self.writer)?;
        // A key that is not a string (a number, a boolean) is quoted, as serde_json quotes it.
        if !self.writer.0.get(start..).is_some_and(|key| key.starts_with('"')) {
            self.writer.0.insert(start, '"');
            self.writer.0.push('"');
        }
        Ok(())
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.writer.0.push(':');
        value.serialize(&mut *self.writer)
    }

    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Unwritable> {
        self.next();
        self.writer.string(name);
        self.value(value)
    }

    fn close(self) -> Result<(), Unwritable> {
        self.writer.0.push_str(self.close);
        Ok(())
    }
}

impl<'w> Writer {
    fn compound(&'w mut self, open: char, close: &'static str) -> Compound<'w> {
        self.0.push(open);
        Compound { writer: self, first: true, close }
    }
}

impl<'w> ser::Serializer for &'w mut Writer {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Compound<'w>;
    type SerializeTuple = Compound<'w>;
    type SerializeTupleStruct = Compound<'w>;
    type SerializeTupleVariant = Compound<'w>;
    type SerializeMap = Compound<'w>;
    type SerializeStruct = Compound<'w>;
    type SerializeStructVariant = Compound<'w>;

    fn serialize_bool(self, value: bool) -> Result<(), Unwritable> {
        self.0.push_str(if value { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, value: i8) -> Result<(), Unwritable> {
        self.serialize_i64(value.into())
    }
    fn serialize_i16(self, value: i16) -> Result<(), Unwritable> {
        self.serialize_i64(value.into())
    }
    fn serialize_i32(self, value: i32) -> Result<(), Unwritable> {
        self.serialize_i64(value.into())
    }
    fn serialize_i64(self, value: i64) -> Result<(), Unwritable> {
        self.number(&value.into());
        Ok(())
    }
    fn serialize_u8(self, value: u8) -> Result<(), Unwritable> {
        self.serialize_u64(value.into())
    }
    fn serialize_u16(self, value: u16) -> Result<(), Unwritable> {
        self.serialize_u64(value.into())
    }
    fn serialize_u32(self, value: u32) -> Result<(), Unwritable> {
        self.serialize_u64(value.into())
    }
    fn serialize_u64(self, value: u64) -> Result<(), Unwritable> {
        self.number(&value.into());
        Ok(())
    }
    fn serialize_f32(self, value: f32) -> Result<(), Unwritable> {
        // serde_json writes an f32 by its own shortest digits, which an f64 would not keep.
        match value.is_finite() {
            true => self.0.push_str(zmij_f32(value).as_str()),
            false => self.0.push_str("null"),
        }
        Ok(())
    }
    fn serialize_f64(self, value: f64) -> Result<(), Unwritable> {
        self.float(value);
        Ok(())
    }
    fn serialize_char(self, value: char) -> Result<(), Unwritable> {
        self.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, value: &str) -> Result<(), Unwritable> {
        self.string(value);
        Ok(())
    }
    fn serialize_bytes(self, value: &[u8]) -> Result<(), Unwritable> {
        use ser::SerializeSeq as _;
        let mut seq = self.serialize_seq(Some(value.len()))?;
        for byte in value {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Unwritable> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unwritable> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unwritable> {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unwritable> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Unwritable> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> Result<(), Unwritable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.0.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w>, Unwritable> {
        Ok(self.compound('[', "]"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'w>, Unwritable> {
        Ok(self.compound('[', "]"))
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'w>, Unwritable> {
        Ok(self.compound('[', "]"))
    }
    fn serialize_tuple_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<Compound<'w>, Unwritable> {
        self.open_variant(variant);
        Ok(self.compound('[', "]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w>, Unwritable> {
        Ok(self.compound('{', "}"))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'w>, Unwritable> {
        Ok(self.compound('{', "}"))
    }
    fn serialize_struct_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<Compound<'w>, Unwritable> {
        self.open_variant(variant);
        Ok(self.compound('{', "}}"))
    }
}

/// An f32 in serde_json's digits (zmij's shortest for the f32), through serde_json itself: f32s
/// are never written by the core, so this costs nothing where they are not.
fn zmij_f32(value: f32) -> String {
    serde_json::to_string(&value).unwrap_or_default()
}

/// serde's compound traits, each one method over [`Compound`]'s: elements for the sequences and
/// tuples, named fields for the structs.
macro_rules! compound {
    ($($trait:ident :: $method:ident => $write:ident;)+) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Unwritable;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
                self.$write(value)
            }
            fn end(self) -> Result<(), Unwritable> {
                self.close()
            }
        }
    )+};
    ($($trait:ident :: $method:ident => $write:ident(name);)+) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Unwritable;
            fn $method<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Unwritable> {
                self.$write(name, value)
            }
            fn end(self) -> Result<(), Unwritable> {
                self.close()
            }
        }
    )+};
}

compound! {
    SerializeSeq::serialize_element => element;
    SerializeTuple::serialize_element => element;
    SerializeTupleStruct::serialize_field => element;
    SerializeTupleVariant::serialize_field => element;
}

compound! {
    SerializeStruct::serialize_field => field(name);
    SerializeStructVariant::serialize_field => field(name);
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unwritable> {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.value(value)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.close()
    }
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use proptest::prelude::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    /// Every shape serde's data model has, as the derives write them.
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    enum Shape {
        Unit,
        Newtype(Option<u8>),
        Tuple(i16, char),
        Struct {
            small: f32,
            skipped: Option<()>,
            #[serde(rename = "x\"y")]
            quoted: Vec<u8>,
        },
    }

    #[derive(Serialize)]
    struct UnitStruct;

    #[derive(Serialize)]
    struct Newtype(&'static str);

    #[derive(Serialize)]
    struct TupleStruct(u32, i32);

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Record {
        shapes: Vec<Shape>,
        unit: (),
        unit_struct: UnitStruct,
        newtype: Newtype,
        tuple_struct: TupleStruct,
        pair: (u64, i64, usize, isize, i8),
        floats: [f64; 6],
        map: BTreeMap<&'static str, Vec<BTreeMap<String, bool>>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        absent: Option<u8>,
        text: &'static str,
        #[serde(with = "serde_bytes_like")]
        bytes: Vec<u8>,
    }

    /// Bytes through `serialize_bytes` (serde_json writes them as an array of numbers).
    mod serde_bytes_like {
        pub(super) fn serialize<S: serde::Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(bytes)
        }
    }

    #[test]
    fn quotes_keys_that_are_not_strings_as_serde_json_does() {
        let numbers = BTreeMap::from([(1u32, "a"), (20, "b")]);
        assert_eq!(to_string(&numbers), serde_json::to_string(&numbers).unwrap());
        let flags = BTreeMap::from([(false, 0), (true, 1)]);
        assert_eq!(to_string(&flags), serde_json::to_string(&flags).unwrap());
    }

    #[test]
    fn writes_every_shape_as_serde_json_does() {
        let mut map = BTreeMap::new();
        map.insert("", vec![]);
        map.insert("a\u{1}b", vec![BTreeMap::new(), BTreeMap::from([("k\\".to_owned(), true), ("é".to_owned(), false)])]);
        let record = Record {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(None),
                Shape::Newtype(Some(7)),
                Shape::Tuple(-3, '\u{8}'),
                Shape::Struct { small: 0.1, skipped: None, quoted: vec![] },
                Shape::Struct { small: f32::NAN, skipped: Some(()), quoted: vec![0, 255] },
            ],
            unit: (),
            unit_struct: UnitStruct,
            newtype: Newtype("\u{7f}\u{1F600}"),
            tuple_struct: TupleStruct(u32::MAX, i32::MIN),
            pair: (u64::MAX, i64::MIN, 0, -1, -128),
            floats: [0.0, -0.0, 1e300, 2.5e-8, f64::INFINITY, f64::NAN],
            map,
            absent: None,
            text: "\"\\/\u{0}\u{1f}\u{20}\t\r\n\u{c}\u{b}",
            bytes: vec![1, 2, 3],
        };
        assert_eq!(to_string(&record), serde_json::to_string(&record).unwrap());
    }

    /// A value with text that holds every kind of character serde_json escapes.
    fn value() -> impl Strategy<Value = serde_json::Value> {
        let text = "(\\PC|[\\x00-\\x1f\"\\\\\\x7f])*";
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(serde_json::Value::from),
            text.prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                proptest::collection::vec((text, inner), 0..6).prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x7772_6974),
            failure_persistence: None,
            ..ProptestConfig::with_cases(2048)
        })]

        #[test]
        fn writes_values_as_serde_json_does(value in value()) {
            prop_assert_eq!(to_string(&value), serde_json::to_string(&value).unwrap());
        }
    }
}
