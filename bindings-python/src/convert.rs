//! Python values → the core's `JsonTree`, walked by hand with the core's limits (depth, cycles,
//! non-finite floats, 64-bit integers, string keys). The happy path allocates only what the JSON
//! value itself needs: pointers for errors are built while an error unwinds.

use maia_provision::ffi::{InputError, InputErrorKind, Limit};
use maia_provision::{JsonObject, JsonTree, MAX_ARRAY_LENGTH, MAX_DEPTH, MAX_MEMBERS, MAX_STRING_LENGTH};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Number;
use std::borrow::Cow;

/// The tree the reader builds: a [`JsonTree`] whose strings are owned, what every core entry
/// point takes.
type Tree = JsonTree<'static>;

/// Why a value could not be read, with its pointer steps from the failure up to the argument.
pub(crate) struct Failure {
    kind: InputErrorKind,
    /// Pointer steps, innermost first (pushed while the error unwinds).
    steps: Vec<String>,
}

impl Failure {
    fn new(kind: InputErrorKind) -> Failure {
        Failure { kind, steps: Vec::new() }
    }

    fn within(mut self, step: String) -> Failure {
        self.steps.push(step);
        self
    }

    /// The core's input error for `argument`, with an RFC 6901 pointer.
    pub(crate) fn into_input_error(self, argument: &'static str) -> InputError {
        InputError::new(argument, maia_provision::json_pointer(self.steps.iter().rev().map(String::as_str)), self.kind)
    }
}

/// Reads one argument. `ancestors` holds the addresses of the containers on the current path,
/// which is how a container that holds itself is told from one that is merely deep.
struct Reader {
    /// Container addresses from the root down; only the first `depth` are in use.
    ancestors: [usize; MAX_DEPTH],
    depth: usize,
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value.get_type().name().map_or_else(|_| "object".to_owned(), |name| name.to_string())
}

/// The text of a `str` (or subclass); strings that UTF-8 cannot hold (lone surrogates) are an error.
pub(crate) fn text(value: &Bound<'_, PyString>) -> Result<String, Failure> {
    if value.len().is_ok_and(|len| len > MAX_STRING_LENGTH) {
        return Err(Failure::new(InputErrorKind::TooLarge { limit: Limit::StringLength }));
    }
    value.to_str().map(str::to_owned).map_err(|_| Failure::new(InputErrorKind::LoneSurrogate))
}

impl Reader {
    fn value(&mut self, value: &Bound<'_, PyAny>) -> Result<Tree, Failure> {
        // Exact types first (one pointer comparison each), in order of frequency in request bodies.
        if let Ok(string) = value.cast_exact::<PyString>() {
            return text(string).map(|text| JsonTree::String(Cow::Owned(text)));
        }
        if let Ok(dict) = value.cast_exact::<PyDict>() {
            return self.object(dict);
        }
        if value.is_none() {
            return Ok(JsonTree::Null);
        }
        // bool is a subclass of int: test it first (it cannot itself be subclassed).
        if let Ok(flag) = value.cast_exact::<PyBool>() {
            return Ok(JsonTree::Bool(flag.is_true()));
        }
        if let Ok(list) = value.cast_exact::<PyList>() {
            return self.array(value, list.len(), |index| list.get_item(index).ok());
        }
        if value.is_exact_instance_of::<PyInt>() {
            return integer(value);
        }
        if let Ok(float) = value.cast_exact::<PyFloat>() {
            return number(float.value());
        }
        if let Ok(tuple) = value.cast_exact::<PyTuple>() {
            return self.array(value, tuple.len(), |index| tuple.get_item(index).ok());
        }
        // Subclasses: str enums, IntEnum, OrderedDict, defaultdict, namedtuple and the like.
        if let Ok(string) = value.cast::<PyString>() {
            return text(string).map(|text| JsonTree::String(Cow::Owned(text)));
        }
        if value.is_instance_of::<PyInt>() {
            return integer(value);
        }
        if let Ok(float) = value.cast::<PyFloat>() {
            return number(float.value());
        }
        if let Ok(dict) = value.cast::<PyDict>() {
            return self.object(dict);
        }
        if let Ok(list) = value.cast::<PyList>() {
            return self.array(value, list.len(), |index| list.get_item(index).ok());
        }
        if let Ok(tuple) = value.cast::<PyTuple>() {
            return self.array(value, tuple.len(), |index| tuple.get_item(index).ok());
        }
        Err(Failure::new(InputErrorKind::Unsupported { type_name: type_name(value) }))
    }

    /// Enters a container: refuses cycles and nesting deeper than the core's limit.
    fn enter(&mut self, container: &Bound<'_, PyAny>) -> Result<(), Failure> {
        let address = container.as_ptr() as usize;
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

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn object(&mut self, dict: &Bound<'_, PyDict>) -> Result<Tree, Failure> {
        if dict.len() > MAX_MEMBERS {
            return Err(Failure::new(InputErrorKind::TooLarge { limit: Limit::Members }));
        }
        self.enter(dict.as_any())?;
        let mut members = Vec::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let key = match key.cast::<PyString>() {
                Ok(key) => text(key)?,
                // The pointer names the object: a key that is not a string has no pointer step.
                Err(_) => return Err(Failure::new(InputErrorKind::NonStringKey { type_name: type_name(&key) })),
            };
            match self.value(&item) {
                Ok(value) => members.push((Cow::Owned(key), value)),
                Err(failure) => return Err(failure.within(key)),
            }
        }
        self.leave();
        Ok(JsonTree::Object(JsonObject(members)))
    }

    fn array<'py>(&mut self, container: &Bound<'py, PyAny>, len: usize, item: impl Fn(usize) -> Option<Bound<'py, PyAny>>) -> Result<Tree, Failure> {
        if len > MAX_ARRAY_LENGTH {
            return Err(Failure::new(InputErrorKind::TooLarge { limit: Limit::ArrayLength }));
        }
        self.enter(container)?;
        let mut items = Vec::with_capacity(len);
        for index in 0..len {
            // `None` only if the sequence shrank, which nothing here can cause.
            let Some(element) = item(index) else { break };
            items.push(self.value(&element).map_err(|failure| failure.within(index.to_string()))?);
        }
        self.leave();
        Ok(JsonTree::Array(items))
    }
}

fn integer(value: &Bound<'_, PyAny>) -> Result<Tree, Failure> {
    if let Ok(signed) = value.extract::<i64>() {
        return Ok(JsonTree::Number(signed.into()));
    }
    if let Ok(unsigned) = value.extract::<u64>() {
        return Ok(JsonTree::Number(unsigned.into()));
    }
    Err(Failure::new(InputErrorKind::IntegerOutOfRange))
}

fn number(float: f64) -> Result<Tree, Failure> {
    Number::from_f64(float).map(JsonTree::Number).ok_or_else(|| Failure::new(InputErrorKind::NonFiniteNumber))
}

/// Reads a Python value as JSON.
pub(crate) fn to_json(value: &Bound<'_, PyAny>, argument: &'static str) -> Result<JsonTree<'static>, InputError> {
    let mut reader = Reader { ancestors: [0; MAX_DEPTH], depth: 0 };
    reader.value(value).map_err(|failure| failure.into_input_error(argument))
}

/// Reads response headers: a mapping (anything with `items()`, such as `requests`' or `httpx`'
/// headers) or an iterable of `(name, value)` pairs; names and values are strings.
pub(crate) fn header_pairs(headers: &Bound<'_, PyAny>) -> Result<Vec<(String, String)>, InputError> {
    let unsupported = |value: &Bound<'_, PyAny>, step: Option<String>| {
        let failure = Failure::new(InputErrorKind::Unsupported { type_name: type_name(value) });
        match step {
            Some(step) => failure.within(step).into_input_error("headers"),
            None => failure.into_input_error("headers"),
        }
    };
    let host = |error: PyErr| Failure::new(InputErrorKind::HostError { message: error.to_string() }).into_input_error("headers");
    if headers.is_none() {
        return Ok(Vec::new());
    }
    if headers.is_instance_of::<PyString>() || headers.is_instance_of::<PyBytes>() {
        return Err(unsupported(headers, None));
    }
    let pairs = if headers.hasattr("items").map_err(host)? { headers.call_method0("items").map_err(host)? } else { headers.clone() };
    let mut out = Vec::new();
    for (index, pair) in pairs.try_iter().map_err(|_| unsupported(headers, None))?.enumerate() {
        let pair = pair.map_err(host)?;
        let (name, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair.extract().map_err(|_| unsupported(&pair, Some(index.to_string())))?;
        let read = |part: &Bound<'_, PyAny>, step: String| match part.cast::<PyString>() {
            Ok(string) => text(string).map_err(|failure| failure.within(step).into_input_error("headers")),
            Err(_) => Err(unsupported(part, Some(step))),
        };
        let name = read(&name, index.to_string())?;
        let value = read(&value, name.clone())?;
        out.push((name, value));
    }
    Ok(out)
}
