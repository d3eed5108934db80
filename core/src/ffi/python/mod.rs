//! The Python glue (feature `python`): the functions and classes of `maia_provision._native`, which
//! the binding crate (`bindings-python`) exports as its module, as cedar's wasm functions live in
//! `cedar_policy::ffi` behind its `wasm` feature and `cedar-wasm` only re-exports them. It says
//! what each Python value is for the core's reader ([`ffi::read_host`]), calls the core, and hands
//! its results and error envelopes to the Python layer (`python/maia_provision` in the binding),
//! which defines the exceptions, the functions off the hot path and the methods of `Violation` and
//! `HttpRequest` beyond their fields and `str` (`_api.py`, installed into the module and its
//! classes by [`init`]). The client and the emulator are the core's [`ffi::Handle`]s ([`Handle`]).

mod handle;

#[cfg(feature = "client")]
pub use handle::_start_client;
pub use handle::Handle;

use crate::ffi::{self, HostValue, HostView, InputError};
use crate::{BuildError, JsonTree, Operation};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::iter::{BoundDictIterator, BoundListIterator};
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use std::borrow::Cow;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The Python half of this module (installed into it when it loads).
const API: &str = "maia_provision._api";

/// A Python value.
type Any<'py> = Bound<'py, PyAny>;
/// A Python `str`.
type Str<'py> = Bound<'py, PyString>;

static VIOLATIONS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FAULT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static USER_AGENT: PyOnceLock<String> = PyOnceLock::new();

/// The `str`s a tree read from Python borrows its texts from (held until the tree is dropped).
type Texts = typed_arena::Arena<PyBackedStr>;

/// The first of the views that is `Some`, returned at once, else the last one (a chain of
/// `or_else` would move the view through every later link: a tenth of a read's instructions).
macro_rules! first_of {
    ($($view:expr),+; $otherwise:expr) => {{
        $(if let Some(view) = $view { return view; })+
        $otherwise
    }};
}

/// A Python value, as the core's reader sees it: its texts are kept in `Texts`, not copied.
struct Host<'a, 'py>(Any<'py>, &'a Texts);

fn integer(value: &Any<'_>) -> HostView<'static> {
    HostView::Integer(value.extract::<i64>().map(Into::into).or_else(|_| value.extract::<u64>().map(Into::into)).ok())
}

impl<'a, 'py> HostValue<'a> for Host<'a, 'py> {
    type Items = std::iter::Map<std::iter::Zip<BoundListIterator<'py>, std::iter::Repeat<&'a Texts>>, fn((Any<'py>, &'a Texts)) -> Self>;
    type Members =
        std::iter::Map<std::iter::Zip<BoundDictIterator<'py>, std::iter::Repeat<&'a Texts>>, fn(((Any<'py>, Any<'py>), &'a Texts)) -> (Self, Self)>;

    #[inline]
    fn view(&self) -> HostView<'a> {
        let (value, texts) = (&self.0, self.1);
        let backed = |text: &Str<'py>| PyBackedStr::try_from(text.clone()).map(|backed| Cow::Borrowed(&**texts.alloc(backed)));
        let string = |text: &Str<'py>| HostView::String(backed(text).map_err(|_| text.len().unwrap_or(0)));
        let (array, object) =
            (|len| HostView::Array { len, address: value.as_ptr() as usize }, |len| HostView::Object { len, address: value.as_ptr() as usize });
        // Exact types first (one pointer comparison each), in order of frequency in request bodies;
        // bool (a subclass of int that cannot itself be subclassed) before int.
        first_of!(
            value.cast_exact::<PyString>().ok().map(string),
            value.cast_exact::<PyDict>().ok().map(|dict| object(dict.len())),
            value.is_none().then_some(HostView::Null),
            value.cast_exact::<PyBool>().ok().map(|flag| HostView::Bool(flag.is_true())),
            value.cast_exact::<PyList>().ok().map(|list| array(list.len())),
            value.is_exact_instance_of::<PyInt>().then(|| integer(value)),
            value.cast_exact::<PyFloat>().ok().map(|float| HostView::Float(float.value())),
            value.cast_exact::<PyTuple>().ok().map(|tuple| array(tuple.len())),
            // Subclasses: str enums, IntEnum, OrderedDict, defaultdict, namedtuple and the like.
            value.cast::<PyString>().ok().map(string),
            value.is_instance_of::<PyInt>().then(|| integer(value)),
            value.cast::<PyFloat>().ok().map(|float| HostView::Float(float.value())),
            value.cast::<PyDict>().ok().map(|dict| object(dict.len())),
            value.cast::<PyList>().ok().map(|list| array(list.len())),
            value.cast::<PyTuple>().ok().map(|tuple| array(tuple.len()));
            HostView::Unsupported(Cow::Owned(self.type_name()))
        )
    }

    fn items(&self) -> Self::Items {
        // Exact types first (a pointer comparison), as in `view`; a tuple (rare in a body) is
        // walked as a list of its items.
        let list = self.0.cast_exact::<PyList>().or_else(|_| self.0.cast::<PyList>()).cloned();
        let list = list.unwrap_or_else(|_| self.0.cast::<PyTuple>().map_or_else(|_| PyList::empty(self.0.py()), |tuple| tuple.to_list()));
        list.into_iter().zip(std::iter::repeat(self.1)).map(|(item, texts)| Host(item, texts))
    }

    fn members(&self) -> Self::Members {
        let dict = self.0.cast_exact::<PyDict>().or_else(|_| self.0.cast::<PyDict>()).map_or_else(|_| PyDict::new(self.0.py()), Bound::clone);
        dict.into_iter().zip(std::iter::repeat(self.1)).map(|((key, value), texts)| (Host(key, texts), Host(value, texts)))
    }

    fn type_name(&self) -> String {
        self.0.get_type().name().map_or_else(|_| "object".to_owned(), |name| name.to_string())
    }
}

/// Reads an argument as JSON (a missing one is `null`), its texts kept in `texts`; the core's
/// input error is a `TypeError`.
fn read<'a>(value: Option<&Any<'_>>, argument: &'static str, texts: &'a Texts) -> PyResult<JsonTree<'a>> {
    let read = |value: &Any<'_>| ffi::read_host(&Host(value.clone(), texts), argument).map_err(|error| PyTypeError::new_err(error.to_string()));
    value.map_or(Ok(JsonTree::Null), read)
}

/// Reads an argument as a JSON value (a missing one is `null`), as `read` does.
pub fn read_value(value: Option<&Any<'_>>, argument: &'static str) -> PyResult<serde_json::Value> {
    Ok(read(value, argument, &Texts::new())?.into_value())
}

/// Runs core code; a panic (a bug in the core) becomes the core's internal error, a `MaiaError`.
fn guarded<T>(py: Python<'_>, work: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|_| fault(py, &ffi::internal_error()))
}

/// The Python exception of an error envelope (made by `_api._fault`).
pub fn fault(py: Python<'_>, envelope: &str) -> PyErr {
    match FAULT.import(py, API, "_fault").and_then(|fault| fault.call1((envelope,))) {
        Ok(error) => PyErr::from_value(error),
        Err(error) => error,
    }
}

/// The text of a `str` argument; a lone surrogate is the core's `ValueError`, not Python's raw
/// `UnicodeEncodeError`.
fn str_arg<'a>(value: &'a Str<'_>, argument: &'static str) -> PyResult<Cow<'a, str>> {
    value.to_cow().map_err(|_| PyValueError::new_err(InputError::lone_surrogate(argument, "str").to_string()))
}

fn operation_of(id: &Str<'_>) -> PyResult<Operation> {
    Operation::from_id(&str_arg(id, "operation")?).map_err(|error| PyValueError::new_err(error.to_string()))
}

fn user_agent(py: Python<'_>) -> &str {
    USER_AGENT.get_or_init(py, || format!("python/{}.{}", py.version_info().major, py.version_info().minor))
}

/// Every violation of a request (errors and warnings); empty when valid.
#[pyfunction]
#[pyo3(signature = (operation, body, params = None))]
pub fn validate<'py>(py: Python<'py>, operation: &Str<'py>, body: &Any<'py>, params: Option<&Any<'py>>) -> PyResult<Any<'py>> {
    let (operation, texts) = (operation_of(operation)?, Texts::new());
    let (body, params) = (read(Some(body), "body", &texts)?, read(params, "params", &texts)?);
    violations(py, guarded(py, || crate::validate(operation, &body, &params).into_violations())?)
}

/// The core's violations as a `Violations` of native `Violation`s.
fn violations(py: Python<'_>, violations: Vec<crate::Violation>) -> PyResult<Any<'_>> {
    let list = VIOLATIONS.import(py, "maia_provision._violations", "Violations")?;
    if violations.is_empty() {
        return list.call0();
    }
    let items = violations.into_iter().map(|v| Violation {
        location: v.location.as_str().to_owned(),
        pointer: v.pointer,
        code: v.code.as_str().to_owned(),
        severity: v.severity.as_str().to_owned(),
        message: v.message,
    });
    list.call1((PyList::new(py, items)?,))
}

/// The request to send, or `ValidationError` when the request has errors.
#[pyfunction]
#[pyo3(signature = (operation, body, params = None, *, region = None, base_url = None, token = None))]
pub fn build_request<'py>(
    py: Python<'py>,
    operation: &Str<'py>,
    body: &Any<'py>,
    params: Option<&Any<'py>>,
    region: Option<&Any<'py>>,
    base_url: Option<&Any<'py>>,
    token: Option<&Any<'py>>,
) -> PyResult<Any<'py>> {
    let (operation, texts) = (operation_of(operation)?, Texts::new());
    let (body, params) = (read(Some(body), "body", &texts)?, read(params, "params", &texts)?);
    // The core reads each option: a wrong type and a lone surrogate are its errors.
    let [region, base_url, token] = [region, base_url, token].map(|value| value.map(|value| Host(value.clone(), &texts)));
    let options =
        ffi::host_build_options(region.as_ref(), base_url.as_ref(), token.as_ref(), user_agent(py)).map_err(|envelope| fault(py, &envelope))?;
    match guarded(py, || crate::build_request(operation, &body, &params, &options))? {
        Ok(request) => {
            let (method, operation) = (request.method.as_str(), request.operation().map_or("", Operation::id));
            Ok(Bound::new(py, HttpRequest { method, operation, request })?.into_any())
        }
        // A `ValidationError` is made here, not from an envelope: reading back the envelope's
        // JSON cost more than the validation (2.5× the instructions of 45d5483 on a small body).
        Err(failure) => match (failure.to_string(), failure) {
            (message, BuildError::Invalid { operation, violations: found }) => {
                let error = VALIDATION_ERROR.import(py, "maia_provision._errors", "ValidationError")?;
                Err(PyErr::from_value(error.call1((message, violations(py, found)?, operation.id()))?))
            }
            (_, failure) => Err(fault(py, &ffi::build_error(failure))),
        },
    }
}

/// A request ready to send with any HTTP client:
/// `requests.request(r.method, r.url, headers=r.headers, data=r.body)`.
/// Its `repr` and `str` show secrets as `***`; `headers` and `body` hold the real values.
#[pyclass(frozen, module = "maia_provision")]
pub struct HttpRequest {
    /// `GET` or `POST`.
    #[pyo3(get)]
    method: &'static str,
    /// The operation id (`createProjectConnection`).
    #[pyo3(get)]
    operation: &'static str,
    request: crate::HttpRequest,
}

#[pymethods]
impl HttpRequest {
    /// The full URL.
    #[getter]
    fn url(&self) -> &str {
        &self.request.url
    }

    /// The headers to send (real values; a new dict on each access).
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        self.request.headers.iter().try_for_each(|(name, value)| dict.set_item(name, value.expose()))?;
        Ok(dict)
    }

    /// The JSON body text, or `None` for operations without a body.
    #[getter]
    fn body(&self) -> Option<&str> {
        self.request.body.as_deref()
    }

    /// The request with every secret as `***`, as JSON text (`redacted()` in `_api.py` reads it).
    fn _redacted(&self) -> String {
        serde_json::to_string(&self.request.redacted()).unwrap_or_default()
    }

    fn __str__(&self) -> String {
        self.request.redacted().to_string()
    }
}

/// One problem found in a request: where (`location` and a JSON `pointer`), what (`code`,
/// `message`) and how serious (`severity`).
#[pyclass(frozen, eq, hash, get_all, skip_from_py_object, module = "maia_provision")]
#[derive(PartialEq, Eq, Hash)]
pub struct Violation {
    location: String,
    pointer: String,
    code: String,
    severity: String,
    message: String,
}

#[pymethods]
impl Violation {
    #[new]
    fn new(location: String, pointer: String, code: String, severity: String, message: String) -> Violation {
        Violation { location, pointer, code, severity, message }
    }

    fn __str__(&self) -> String {
        crate::format_violation(&self.severity, &self.location, &self.pointer, &self.message, &self.code)
    }
}

/// The core's `ffi::response_envelope` of a response `_api.parse_response` read (the body as `str`
/// or bytes, the headers as a list of `(name, value)` pairs): an envelope. The core checks the
/// status, the pairs and a `str` body (its length, lone surrogates).
#[pyfunction]
pub fn _parse_response(py: Python<'_>, operation: &Str<'_>, status: f64, body: &Any<'_>, headers: &Any<'_>) -> PyResult<String> {
    let operation = operation_of(operation)?;
    let status = InputError::http_status(status).map_err(|error| PyValueError::new_err(error.to_string()))?;
    let texts = Texts::new();
    let headers = ffi::host_header_pairs(&Host(headers.clone(), &texts)).map_err(|error| PyTypeError::new_err(error.to_string()))?;
    let text = body.is_instance_of::<PyString>().then(|| ffi::host_text(&Host(body.clone(), &texts))).transpose();
    let text = text.map_err(|failure| PyTypeError::new_err(failure.into_input_error("body").to_string()))?;
    let body = match &text {
        Some(text) => text.as_bytes(),
        None => body.cast::<PyBytes>()?.as_bytes(),
    };
    guarded(py, || ffi::response_envelope(operation, status, headers, body))
}

/// The core's `ffi::call` for the text functions off the hot path (`checkPrivateKey`,
/// `normalizePrivateKey`, `inputErrorMessage`): its answer.
#[pyfunction]
#[pyo3(signature = (function, text, b = "", c = "", d = ""))]
pub fn _call(py: Python<'_>, function: &str, text: &Str<'_>, b: &str, c: &str, d: &str) -> PyResult<String> {
    let text = str_arg(text, "text")?;
    guarded(py, || ffi::call("", function, 0, [&text, b, c, d]))
}

/// The core's static tables as one JSON object (see `ffi::tables`).
#[pyfunction]
pub fn _tables() -> String {
    ffi::tables()
}

/// Fills the module: the violation codes, the version, and the Python half (`_api._install`).
pub fn init(module: &Bound<'_, pyo3::types::PyModule>) -> PyResult<()> {
    module.add("VIOLATION_CODES", PyTuple::new(module.py(), crate::violation_codes().collect::<Vec<_>>())?)?;
    module.add("__version__", crate::http::VERSION)?;
    module.py().import(API)?.call_method1("_install", (module,)).map(drop)
}
