//! Host values → the core's [`JsonTree`], walked with the core's reading rules: nesting deeper
//! than [`MAX_DEPTH`], containers that hold themselves, non-finite floats, integers outside 64
//! bits, keys that are not strings, the size limits and the pointer of the failure. A binding
//! only says what each of its values is ([`HostValue`]); the happy path allocates only the JSON
//! value's containers, its strings borrowed from the host's (pointers for errors are built while
//! an error unwinds).

use super::{InputError, InputErrorKind, Limit};
use crate::{JsonObject, JsonTree, MAX_ARRAY_LENGTH, MAX_DEPTH, MAX_MEMBERS, MAX_STRING_LENGTH};
use serde_json::Number;
use std::borrow::Cow;

/// What a host value is, as far as JSON cares.
pub enum HostView<'v> {
    /// `None`, `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer: `Some` when it fits in 64 bits (signed or unsigned).
    Integer(Option<Number>),
    /// A floating-point number.
    Float(f64),
    /// A string: its text, or its length in the host's characters when UTF-8 cannot hold it (a
    /// lone surrogate).
    String(Result<Cow<'v, str>, usize>),
    /// A sequence of `len` items (from [`HostValue::items`]); `address` tells it from the
    /// containers around it.
    Array {
        /// How many items.
        len: usize,
        /// The container's identity.
        address: usize,
    },
    /// A mapping of `len` members (from [`HostValue::members`]).
    Object {
        /// How many members.
        len: usize,
        /// The container's identity.
        address: usize,
    },
    /// Anything else, by the host's name for its type.
    Unsupported(Cow<'v, str>),
}

/// A value of a host language that can be read as JSON. Its texts live for `'h` (as long as the
/// binding keeps them: a Python `str` held for the call), so that a tree read from it borrows them
/// instead of copying each one.
pub trait HostValue<'h>: Sized {
    /// The items of an array.
    type Items: Iterator<Item = Self>;
    /// The members of an object.
    type Members: Iterator<Item = (Self, Self)>;
    /// What the value is.
    fn view(&self) -> HostView<'h>;
    /// The items of an array.
    fn items(&self) -> Self::Items;
    /// The members of an object.
    fn members(&self) -> Self::Members;
    /// The host's name for the value's type (`int`, `tuple`), for a key that is not a string.
    fn type_name(&self) -> String;
}

/// A JSON value read as a host value: how options that cross as JSON text (from a JS package)
/// are read by the same rules as a host's own values, their types named by JSON kind. Its texts
/// are copied (options are few and short).
impl HostValue<'static> for serde_json::Value {
    type Items = std::vec::IntoIter<serde_json::Value>;
    type Members = std::iter::Map<serde_json::map::IntoIter, fn((String, serde_json::Value)) -> (Self, Self)>;

    fn view(&self) -> HostView<'static> {
        use serde_json::Value;
        match self {
            Value::Null => HostView::Null,
            Value::Bool(flag) => HostView::Bool(*flag),
            Value::Number(number) if number.is_f64() => HostView::Float(number.as_f64().unwrap_or_default()),
            Value::Number(number) => HostView::Integer(Some(number.clone())),
            Value::String(text) => HostView::String(Ok(Cow::Owned(text.clone()))),
            Value::Array(items) => HostView::Array { len: items.len(), address: items.as_ptr() as usize },
            Value::Object(members) => HostView::Object { len: members.len(), address: std::ptr::from_ref(members) as usize },
        }
    }

    fn items(&self) -> Self::Items {
        self.as_array().cloned().unwrap_or_default().into_iter()
    }

    fn members(&self) -> Self::Members {
        self.as_object().cloned().unwrap_or_default().into_iter().map(|(key, value)| (serde_json::Value::String(key), value))
    }

    fn type_name(&self) -> String {
        let kind = crate::rules::kind(self);
        kind.rsplit(' ').next().unwrap_or(kind).to_owned()
    }
}

/// Why a value could not be read, with its pointer steps from the failure up to the argument.
pub struct Failure {
    kind: InputErrorKind,
    /// Pointer steps, innermost first (pushed while the error unwinds).
    steps: Vec<String>,
}

impl Failure {
    /// A failure at the value being read.
    pub fn new(kind: InputErrorKind) -> Failure {
        Failure { kind, steps: Vec::new() }
    }

    /// The same failure, one step (`step`) further down from the caller.
    #[must_use]
    pub fn within(mut self, step: String) -> Failure {
        self.steps.push(step);
        self
    }

    /// The core's input error for `argument`, with an RFC 6901 pointer.
    pub fn into_input_error(self, argument: &'static str) -> InputError {
        InputError::new(argument, crate::json_pointer(self.steps.iter().rev().map(String::as_str)), self.kind)
    }
}

/// Reads one argument. `ancestors` holds the addresses of the containers on the current path,
/// which is how a container that holds itself is told from one that is merely deep.
struct Reader {
    /// Container addresses from the root down; only the first `depth` are in use.
    ancestors: [usize; MAX_DEPTH],
    depth: usize,
}

/// Reads a host value as JSON.
pub fn read_host<'h, H: HostValue<'h>>(value: &H, argument: &'static str) -> Result<JsonTree<'h>, InputError> {
    let mut reader = Reader { ancestors: [0; MAX_DEPTH], depth: 0 };
    reader.value(value).map_err(|failure| failure.into_input_error(argument))
}

/// The text of a host string, within the core's string limit.
pub fn host_text<'h, H: HostValue<'h>>(value: &H) -> Result<String, Failure> {
    match value.view() {
        HostView::String(shown) => text(shown).map(Cow::into_owned),
        _ => Err(Failure::new(InputErrorKind::Unsupported { type_name: value.type_name() })),
    }
}

/// Response headers from a host value: a sequence of `(name, value)` pairs of strings (what a
/// host layer makes of a mapping or an iterable), or the core's input error for `headers`, at the
/// pair (`/0`) or at its name or value (`/0/0`, `/0/1`).
pub fn host_header_pairs<'h, H: HostValue<'h>>(pairs: &H) -> Result<Vec<(String, String)>, InputError> {
    let unsupported = |value: &H| Failure::new(InputErrorKind::Unsupported { type_name: value.type_name() });
    let pair = |(index, pair): (usize, H)| {
        let mut parts = pair.items().take(2);
        let (HostView::Array { len: 2, .. }, Some(name), Some(value)) = (pair.view(), parts.next(), parts.next()) else {
            return Err(unsupported(&pair).within(index.to_string()));
        };
        let text = |part: &H, step: &str| host_text(part).map_err(|failure| failure.within(step.to_owned()).within(index.to_string()));
        Ok((text(&name, "0")?, text(&value, "1")?))
    };
    match pairs.view() {
        HostView::Array { .. } => pairs.items().enumerate().map(pair).collect(),
        _ => Err(unsupported(pairs)),
    }
    .map_err(|failure| failure.into_input_error("headers"))
}

/// The text of a host string, within the core's limit in characters (counted only when its
/// UTF-8 is longer than the limit: a character is at least one byte).
fn text(shown: Result<Cow<'_, str>, usize>) -> Result<Cow<'_, str>, Failure> {
    let too_long = |len| len > MAX_STRING_LENGTH;
    match shown {
        Ok(text) if !too_long(text.len()) || !too_long(text.chars().count()) => Ok(text),
        Err(len) if !too_long(len) => Err(Failure::new(InputErrorKind::LoneSurrogate)),
        _ => Err(Failure::new(InputErrorKind::TooLarge { limit: Limit::StringLength })),
    }
}

impl Reader {
    fn value<'h, H: HostValue<'h>>(&mut self, value: &H) -> Result<JsonTree<'h>, Failure> {
        match value.view() {
            HostView::Null => Ok(JsonTree::Null),
            HostView::Bool(flag) => Ok(JsonTree::Bool(flag)),
            HostView::Integer(Some(number)) => Ok(JsonTree::Number(number)),
            HostView::Integer(None) => Err(Failure::new(InputErrorKind::IntegerOutOfRange)),
            HostView::Float(float) => Number::from_f64(float).map(JsonTree::Number).ok_or_else(|| Failure::new(InputErrorKind::NonFiniteNumber)),
            HostView::String(shown) => text(shown).map(JsonTree::String),
            HostView::Array { len, address } => self.array(value, len, address),
            HostView::Object { len, address } => self.object(value, len, address),
            HostView::Unsupported(type_name) => Err(Failure::new(InputErrorKind::Unsupported { type_name: type_name.into_owned() })),
        }
    }

    /// Enters a container: refuses cycles and nesting deeper than the core's limit.
    fn enter(&mut self, address: usize) -> Result<(), Failure> {
        let path = self.ancestors.get(..self.depth).unwrap_or_default();
        if path.contains(&address) {
            return Err(Failure::new(InputErrorKind::Cycle));
        }
        // The core's limit: MAX_DEPTH - 1 nested containers are read, MAX_DEPTH are not.
        let Some(slot) = self.ancestors.get_mut(self.depth).filter(|_| self.depth + 1 < MAX_DEPTH) else {
            return Err(Failure::new(InputErrorKind::TooDeep));
        };
        *slot = address;
        self.depth += 1;
        Ok(())
    }

    fn object<'h, H: HostValue<'h>>(&mut self, object: &H, len: usize, address: usize) -> Result<JsonTree<'h>, Failure> {
        if len > MAX_MEMBERS {
            return Err(Failure::new(InputErrorKind::TooLarge { limit: Limit::Members }));
        }
        self.enter(address)?;
        let mut members = Vec::with_capacity(len);
        for (key, item) in object.members() {
            let key = match key.view() {
                HostView::String(shown) => text(shown)?,
                // The pointer names the object: a key that is not a string has no pointer step.
                _ => return Err(Failure::new(InputErrorKind::NonStringKey { type_name: key.type_name() })),
            };
            match self.value(&item) {
                Ok(value) => members.push((key, value)),
                Err(failure) => return Err(failure.within(key.into_owned())),
            }
        }
        self.depth -= 1;
        Ok(JsonTree::Object(JsonObject(members)))
    }

    fn array<'h, H: HostValue<'h>>(&mut self, array: &H, len: usize, address: usize) -> Result<JsonTree<'h>, Failure> {
        if len > MAX_ARRAY_LENGTH {
            return Err(Failure::new(InputErrorKind::TooLarge { limit: Limit::ArrayLength }));
        }
        self.enter(address)?;
        let mut items = Vec::with_capacity(len);
        for (index, element) in array.items().enumerate() {
            items.push(self.value(&element).map_err(|failure| failure.within(index.to_string()))?);
        }
        self.depth -= 1;
        Ok(JsonTree::Array(items))
    }
}

#[cfg(test)]
mod tests {
    use super::{HostValue, HostView, host_header_pairs, read_host};
    use crate::JsonTree;
    use std::borrow::Cow;
    use std::rc::Rc;

    /// A toy host: lists and maps by reference, as in the languages the bindings serve.
    #[derive(Clone)]
    enum Toy {
        Int(i64),
        Float(f64),
        Text(&'static str),
        List(Rc<Vec<Toy>>),
        Map(Rc<Vec<(Toy, Toy)>>),
        Set,
    }

    impl HostValue<'static> for Toy {
        type Items = std::vec::IntoIter<Toy>;
        type Members = std::vec::IntoIter<(Toy, Toy)>;

        fn view(&self) -> HostView<'static> {
            match self {
                Toy::Int(n) => HostView::Integer(Some((*n).into())),
                Toy::Float(f) => HostView::Float(*f),
                Toy::Text(text) => HostView::String(Ok(Cow::Borrowed(text))),
                Toy::List(items) => HostView::Array { len: items.len(), address: Rc::as_ptr(items) as usize },
                Toy::Map(members) => HostView::Object { len: members.len(), address: Rc::as_ptr(members) as usize },
                Toy::Set => HostView::Unsupported(Cow::Borrowed("set")),
            }
        }

        fn items(&self) -> Self::Items {
            match self {
                Toy::List(items) => Vec::clone(items).into_iter(),
                _ => Vec::new().into_iter(),
            }
        }

        fn members(&self) -> Self::Members {
            match self {
                Toy::Map(members) => Vec::clone(members).into_iter(),
                _ => Vec::new().into_iter(),
            }
        }

        fn type_name(&self) -> String {
            match self {
                Toy::Int(_) => "int".to_owned(),
                _ => "other".to_owned(),
            }
        }
    }

    fn map(members: Vec<(Toy, Toy)>) -> Toy {
        Toy::Map(Rc::new(members))
    }

    #[test]
    fn a_host_value_reads_as_the_json_it_stands_for() {
        let value = map(vec![(Toy::Text("a"), Toy::List(Rc::new(vec![Toy::Int(1), Toy::Float(0.5), Toy::Text("x")])))]);
        let tree = read_host(&value, "body").unwrap();
        assert_eq!(tree.into_value(), serde_json::json!({"a": [1, 0.5, "x"]}));
    }

    #[test]
    fn a_failure_names_its_argument_and_pointer_with_the_cores_message() {
        let nan = map(vec![(Toy::Text("a/b"), Toy::List(Rc::new(vec![Toy::Int(1), Toy::Float(f64::NAN)])))]);
        let error = read_host(&nan, "body").unwrap_err();
        assert_eq!(error.pointer, "/a~1b/1");
        assert!(error.to_string().starts_with("cannot read `body` at `/a~1b/1` as JSON: NaN"), "{error}");
        let key = read_host(&map(vec![(Toy::Int(1), Toy::Int(2))]), "params").unwrap_err();
        assert_eq!(key.to_string(), "cannot read `params` as JSON: object keys must be strings, not `int`");
        let set = read_host(&map(vec![(Toy::Text("s"), Toy::Set)]), "body").unwrap_err();
        assert!(set.to_string().contains("a `set` has no JSON form"), "{set}");
    }

    #[test]
    fn the_string_limit_counts_characters_not_bytes() {
        let limit = crate::MAX_STRING_LENGTH;
        let wide: &'static str = "é".repeat(limit).leak();
        assert!(matches!(read_host(&Toy::Text(wide), "body"), Ok(JsonTree::String(text)) if text.len() == 2 * limit));
        let long: &'static str = "a".repeat(limit + 1).leak();
        assert!(read_host(&Toy::Text(long), "body").unwrap_err().to_string().contains("characters in one string"));
    }

    #[test]
    fn nesting_stops_at_the_cores_depth_and_a_shared_value_is_not_a_cycle() {
        let mut deep = Toy::Int(0);
        for _ in 0..crate::MAX_DEPTH {
            deep = Toy::List(Rc::new(vec![deep]));
        }
        assert!(read_host(&deep, "body").unwrap_err().to_string().contains("levels deep"));
        let shared = Toy::List(Rc::new(vec![Toy::Int(1)]));
        let twice = Toy::List(Rc::new(vec![shared.clone(), shared]));
        assert!(matches!(read_host(&twice, "body"), Ok(JsonTree::Array(items)) if items.len() == 2));
    }

    #[test]
    fn header_pairs_are_pairs_of_strings_and_a_failure_points_at_the_part() {
        let pair = |name, value| Toy::List(Rc::new(vec![name, value]));
        let headers = Toy::List(Rc::new(vec![pair(Toy::Text("retry-after"), Toy::Text("30"))]));
        assert_eq!(host_header_pairs(&headers).unwrap(), vec![("retry-after".to_owned(), "30".to_owned())]);
        let headers = Toy::List(Rc::new(vec![pair(Toy::Text("a"), Toy::Text("b")), pair(Toy::Text("retry-after"), Toy::Int(30))]));
        let error = host_header_pairs(&headers).unwrap_err();
        assert_eq!((error.argument, error.pointer.as_str()), ("headers", "/1/1"));
        assert!(error.to_string().contains("a `int` has no JSON form"), "{error}");
        let error = host_header_pairs(&Toy::List(Rc::new(vec![Toy::Text("a: b")]))).unwrap_err();
        assert_eq!(error.pointer, "/0");
        assert_eq!(host_header_pairs(&Toy::Set).unwrap_err().pointer, "");
    }
}
