//! The measured alternative to `wrapper.js` + JSON text (bench only, never shipped).
//!
//! JS values → `serde_json::Value`, walking the JS object through Node-API with the core's
//! limits: depth above [`MAX_DEPTH`], cycles, NaN and infinities, `undefined`, functions,
//! symbols, BigInt, objects that are not plain (Map, Set, Date, class instances) and getters that
//! throw all stop the walk with an [`InputError`] whose message the core writes.
//!
//! Raw `napi_*` calls (not napi-rs's typed wrappers) because crossing the boundary is the whole
//! cost of a `validate` call: one call per question, strings read into one reused buffer, and
//! cycles looked for only once the depth limit is passed (a cycle always passes it), so the
//! common case pays nothing for them.
#![allow(unsafe_code, reason = "Node-API calls; each unsafe block states what keeps it sound")]

use maia_provision::MAX_DEPTH;
use maia_provision::ffi::{InputError, InputErrorKind};
use napi::sys;
use serde_json::{Map, Number, Value};
use std::ptr;

/// Why a walk stopped.
pub enum Stop {
    /// The value cannot be read as JSON (the core's message).
    Input(InputError),
    /// Node-API itself failed (no exception is pending; rare, e.g. out of memory).
    Napi(sys::napi_status),
}

type Walk<T> = Result<T, Stop>;

/// Reads one JS value as JSON.
pub struct Reader {
    env: sys::napi_env,
    argument: &'static str,
    object_prototype: sys::napi_value,
    /// The containers being read, outermost first, for the cycle check.
    ancestors: Vec<sys::napi_value>,
    /// The pointer segments of the value being read.
    path: Vec<String>,
    buffer: Vec<u8>,
}

/// Turns a Node-API status into a walk result, taking a pending JS exception (a getter or a
/// proxy trap that threw) as a host error at the current pointer.
macro_rules! call {
    ($reader:expr, $call:expr) => {{
        // SAFETY: every call passes the live `env` of the current callback and values obtained from
        // it during this callback; out-pointers point at initialised locals.
        let status = unsafe { $call };
        if status != sys::Status::napi_ok {
            return Err($reader.failure(status));
        }
    }};
}

impl Reader {
    /// A reader for values of `env`.
    pub fn new(env: &napi::Env) -> Walk<Reader> {
        let env = env.raw();
        let mut reader =
            Reader { env, argument: "", object_prototype: ptr::null_mut(), ancestors: Vec::new(), path: Vec::new(), buffer: vec![0; 256] };
        let mut global = ptr::null_mut();
        call!(reader, sys::napi_get_global(env, &mut global));
        let object = reader.named(global, c"Object")?;
        reader.object_prototype = reader.named(object, c"prototype")?;
        Ok(reader)
    }

    /// Reads `value`, the argument named `argument` (`body`, `params`), as JSON. `undefined`
    /// is `null`: an argument left out.
    pub fn read(&mut self, argument: &'static str, value: &napi::bindgen_prelude::Unknown<'_>) -> Walk<Value> {
        use napi::JsValue;
        let value = value.value().value;
        self.argument = argument;
        self.ancestors.clear();
        self.path.clear();
        match self.type_of(value)? {
            sys::ValueType::napi_undefined => Ok(Value::Null),
            kind => self.typed(kind, value),
        }
    }

    fn stop(&self, kind: InputErrorKind) -> Stop {
        Stop::Input(InputError::new(self.argument, pointer(&self.path), kind))
    }

    fn failure(&self, status: sys::napi_status) -> Stop {
        if status != sys::Status::napi_pending_exception {
            return Stop::Napi(status);
        }
        let mut exception = ptr::null_mut();
        // SAFETY: an exception is pending on this env; this takes and clears it.
        let taken = unsafe { sys::napi_get_and_clear_last_exception(self.env, &mut exception) };
        let message = if taken == sys::Status::napi_ok && !exception.is_null() { self.describe(exception) } else { String::new() };
        self.stop(InputErrorKind::HostError { message })
    }

    /// The message of a thrown value (`String(error.message ?? error)`), or empty when even
    /// that throws.
    fn describe(&self, thrown: sys::napi_value) -> String {
        let mut kind = 0;
        // SAFETY: `thrown` is a live value of this env.
        let mut target = thrown;
        if unsafe { sys::napi_typeof(self.env, thrown, &mut kind) } == sys::Status::napi_ok && kind == sys::ValueType::napi_object {
            let mut message = ptr::null_mut();
            // SAFETY: as above; the name is a NUL-terminated literal.
            let status = unsafe { sys::napi_get_named_property(self.env, thrown, c"message".as_ptr(), &mut message) };
            if status == sys::Status::napi_ok {
                target = message;
            }
        }
        let mut text = ptr::null_mut();
        // SAFETY: as above.
        let status = unsafe { sys::napi_coerce_to_string(self.env, target, &mut text) };
        let mut out = String::new();
        if status == sys::Status::napi_ok {
            let mut len = 0;
            // SAFETY: a null buffer asks for the length only.
            if unsafe { sys::napi_get_value_string_utf8(self.env, text, ptr::null_mut(), 0, &mut len) } == sys::Status::napi_ok {
                let mut bytes = vec![0u8; len + 1];
                let mut written = 0;
                // SAFETY: `bytes` has room for `len` bytes and the NUL.
                let read = unsafe { sys::napi_get_value_string_utf8(self.env, text, bytes.as_mut_ptr().cast(), len + 1, &mut written) };
                if read == sys::Status::napi_ok {
                    bytes.truncate(written);
                    out = String::from_utf8_lossy(&bytes).into_owned();
                }
            }
        }
        let mut ignored = ptr::null_mut();
        // SAFETY: drop whatever reading the message threw, so that our own error is what is thrown.
        unsafe { sys::napi_get_and_clear_last_exception(self.env, &mut ignored) };
        out
    }

    fn named(&self, object: sys::napi_value, name: &std::ffi::CStr) -> Walk<sys::napi_value> {
        let mut out = ptr::null_mut();
        call!(self, sys::napi_get_named_property(self.env, object, name.as_ptr(), &mut out));
        Ok(out)
    }

    fn type_of(&self, value: sys::napi_value) -> Walk<sys::napi_valuetype> {
        let mut kind = 0;
        call!(self, sys::napi_typeof(self.env, value, &mut kind));
        Ok(kind)
    }

    /// A JS string as a Rust string (lone surrogates become U+FFFD, as Node-API does).
    fn string(&mut self, value: sys::napi_value) -> Walk<String> {
        let mut written = 0;
        let capacity = self.buffer.len();
        call!(self, sys::napi_get_value_string_utf8(self.env, value, self.buffer.as_mut_ptr().cast(), capacity, &mut written));
        if written + 1 >= capacity {
            // Possibly cut short: ask for the length and read it whole.
            let mut len = 0;
            call!(self, sys::napi_get_value_string_utf8(self.env, value, ptr::null_mut(), 0, &mut len));
            if len + 1 > capacity {
                self.buffer.resize(len + 1, 0);
                let capacity = self.buffer.len();
                call!(self, sys::napi_get_value_string_utf8(self.env, value, self.buffer.as_mut_ptr().cast(), capacity, &mut written));
            }
        }
        let bytes = self.buffer.get(..written).unwrap_or_default();
        Ok(match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        })
    }

    fn value(&mut self, value: sys::napi_value) -> Walk<Value> {
        let kind = self.type_of(value)?;
        self.typed(kind, value)
    }

    fn typed(&mut self, kind: sys::napi_valuetype, value: sys::napi_value) -> Walk<Value> {
        match kind {
            sys::ValueType::napi_null => Ok(Value::Null),
            sys::ValueType::napi_boolean => {
                let mut flag = false;
                call!(self, sys::napi_get_value_bool(self.env, value, &mut flag));
                Ok(Value::Bool(flag))
            }
            sys::ValueType::napi_number => {
                let mut number = 0.0;
                call!(self, sys::napi_get_value_double(self.env, value, &mut number));
                number_value(number).ok_or_else(|| self.stop(InputErrorKind::NonFiniteNumber))
            }
            sys::ValueType::napi_string => Ok(Value::String(self.string(value)?)),
            sys::ValueType::napi_object => self.container(value),
            other => Err(self.stop(InputErrorKind::Unsupported { type_name: primitive_name(other).to_owned() })),
        }
    }

    fn container(&mut self, value: sys::napi_value) -> Walk<Value> {
        if self.ancestors.len() >= MAX_DEPTH {
            return Err(self.too_deep(value));
        }
        let mut is_array = false;
        call!(self, sys::napi_is_array(self.env, value, &mut is_array));
        self.ancestors.push(value);
        let out = if is_array { self.array(value) } else { self.object(value) };
        self.ancestors.pop();
        out
    }

    fn array(&mut self, value: sys::napi_value) -> Walk<Value> {
        let mut len = 0;
        call!(self, sys::napi_get_array_length(self.env, value, &mut len));
        let mut items = Vec::with_capacity(len.min(1024) as usize);
        for index in 0..len {
            self.path.push(index.to_string());
            let mut item = ptr::null_mut();
            call!(self, sys::napi_get_element(self.env, value, index, &mut item));
            items.push(self.value(item)?);
            self.path.pop();
        }
        Ok(Value::Array(items))
    }

    fn object(&mut self, value: sys::napi_value) -> Walk<Value> {
        let mut prototype = ptr::null_mut();
        call!(self, sys::napi_get_prototype(self.env, value, &mut prototype));
        let mut plain = false;
        call!(self, sys::napi_strict_equals(self.env, prototype, self.object_prototype, &mut plain));
        if !plain && self.type_of(prototype)? != sys::ValueType::napi_null {
            let type_name = self.constructor_name(value);
            return Err(self.stop(InputErrorKind::Unsupported { type_name }));
        }
        let mut keys = ptr::null_mut();
        call!(
            self,
            sys::napi_get_all_property_names(
                self.env,
                value,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut keys,
            )
        );
        let mut len = 0;
        call!(self, sys::napi_get_array_length(self.env, keys, &mut len));
        let mut map = Map::new();
        for index in 0..len {
            let mut key = ptr::null_mut();
            call!(self, sys::napi_get_element(self.env, keys, index, &mut key));
            let name = self.string(key)?;
            self.path.push(name);
            let mut member = ptr::null_mut();
            call!(self, sys::napi_get_property(self.env, value, key, &mut member));
            // A member set to `undefined` is an absent member, as in JSON.stringify and
            // TypeScript's optional members (`{description: undefined}`).
            let kind = self.type_of(member)?;
            if kind == sys::ValueType::napi_undefined {
                self.path.pop();
                continue;
            }
            let read = self.typed(kind, member)?;
            if let Some(name) = self.path.pop() {
                map.insert(name, read);
            }
        }
        Ok(Value::Object(map))
    }

    /// `value.constructor.name`, or `object` when there is none (or reading it throws).
    fn constructor_name(&mut self, value: sys::napi_value) -> String {
        let name = (|| -> Walk<String> {
            let constructor = self.named(value, c"constructor")?;
            if self.type_of(constructor)? != sys::ValueType::napi_function {
                return Ok(String::new());
            }
            let name = self.named(constructor, c"name")?;
            if self.type_of(name)? != sys::ValueType::napi_string {
                return Ok(String::new());
            }
            self.string(name)
        })();
        match name {
            Ok(name) if !name.is_empty() => name,
            _ => "object".to_owned(),
        }
    }

    /// Past the depth limit: a cycle if some container is its own ancestor, else plain depth.
    /// The pointer names where the cycle first closes.
    fn too_deep(&mut self, value: sys::napi_value) -> Stop {
        let mut chain = self.ancestors.clone();
        chain.push(value);
        for (later, &candidate) in chain.iter().enumerate().skip(1) {
            for &earlier in chain.iter().take(later) {
                let mut same = false;
                // SAFETY: both are live values of this env (held by the walk's stack).
                let status = unsafe { sys::napi_strict_equals(self.env, earlier, candidate, &mut same) };
                if status == sys::Status::napi_ok && same {
                    self.path.truncate(later);
                    return self.stop(InputErrorKind::Cycle);
                }
            }
        }
        self.stop(InputErrorKind::TooDeep)
    }
}

/// A finite JS number as a JSON number: integers (up to 2^53) as integers, others as floats.
pub fn number_value(number: f64) -> Option<Value> {
    const SAFE: f64 = 9_007_199_254_740_992.0;
    if number.fract() == 0.0 && number.abs() <= SAFE {
        #[allow(clippy::cast_possible_truncation, reason = "an integral value within ±2^53 fits an i64 exactly")]
        return Some(Value::Number(Number::from(number as i64)));
    }
    Number::from_f64(number).map(Value::Number)
}

fn primitive_name(kind: sys::napi_valuetype) -> &'static str {
    match kind {
        sys::ValueType::napi_undefined => "undefined",
        sys::ValueType::napi_symbol => "symbol",
        sys::ValueType::napi_function => "function",
        sys::ValueType::napi_bigint => "bigint",
        sys::ValueType::napi_external => "external",
        _ => "value",
    }
}

/// An RFC 6901 pointer from its segments.
fn pointer(path: &[String]) -> String {
    let mut out = String::new();
    for segment in path {
        out.push('/');
        out.push_str(&segment.replace('~', "~0").replace('/', "~1"));
    }
    out
}
