//! The Python binding of maia-provision (`maia_provision._native`): converts Python values to
//! JSON, calls the core, and maps its results and errors to Python objects and exceptions.
//! Every rule and message comes from the core; the thin Python layer (`python/maia_provision`)
//! defines the exception classes and the `Violations` list.

#[cfg(feature = "client")]
mod client;
mod convert;
#[cfg(feature = "emulator")]
mod emulator;

use maia_provision::ffi::{self, InputError};
use maia_provision::{BuildError, BuildOptions, HttpResponse, JsonTree, Operation, ResponseError, Secret};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyInt, PyList, PyString, PyType};
use serde_json::Value;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Where the Python-defined classes live (imported on first use, not at import time).
const ERRORS_MODULE: &str = "maia_provision._errors";
const VIOLATIONS_MODULE: &str = "maia_provision._violations";

static VIOLATIONS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static MAIA_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static VALIDATION_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static API_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DECODE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static USER_AGENT: PyOnceLock<String> = PyOnceLock::new();

/// One problem found in a request: where (`location` and a JSON `pointer`), what (`code`,
/// `message`) and how serious (`severity`).
#[pyclass(frozen, eq, hash, get_all, skip_from_py_object, module = "maia_provision")]
#[derive(Clone, PartialEq, Eq, Hash)]
struct Violation {
    location: String,
    pointer: String,
    code: String,
    severity: String,
    message: String,
}

impl From<maia_provision::Violation> for Violation {
    fn from(violation: maia_provision::Violation) -> Violation {
        Violation {
            location: violation.location.as_str().to_owned(),
            pointer: violation.pointer,
            code: violation.code.as_str().to_owned(),
            severity: violation.severity.as_str().to_owned(),
            message: violation.message,
        }
    }
}

#[pymethods]
impl Violation {
    #[new]
    #[pyo3(signature = (location, pointer, code, severity, message))]
    fn new(location: String, pointer: String, code: String, severity: String, message: String) -> Violation {
        Violation { location, pointer, code, severity, message }
    }

    #[classattr]
    fn __match_args__() -> (&'static str, &'static str, &'static str, &'static str, &'static str) {
        ("location", "pointer", "code", "severity", "message")
    }

    /// The violation as a plain dict (`location`, `pointer`, `code`, `severity`, `message`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in self.fields() {
            dict.set_item(name, value)?;
        }
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut out = String::from("Violation(");
        for (index, (name, value)) in self.fields().into_iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            out.push_str(name);
            out.push('=');
            out.push_str(&PyString::new(py, value).repr()?.to_cow()?);
        }
        out.push(')');
        Ok(out)
    }

    fn __str__(&self) -> String {
        maia_provision::format_violation(&self.severity, &self.location, &self.pointer, &self.message, &self.code)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyType>, ViolationArgs)> {
        let this = slf.get();
        Ok((slf.get_type(), (this.location.clone(), this.pointer.clone(), this.code.clone(), this.severity.clone(), this.message.clone())))
    }
}

/// The constructor arguments of a [`Violation`], for pickling.
type ViolationArgs = (String, String, String, String, String);

impl Violation {
    fn fields(&self) -> [(&'static str, &str); 5] {
        [("location", &self.location), ("pointer", &self.pointer), ("code", &self.code), ("severity", &self.severity), ("message", &self.message)]
    }
}

/// A request ready to send with any HTTP client:
/// `requests.request(r.method, r.url, headers=r.headers, data=r.body)`.
/// Its `repr` and `str` show secrets as `***`; `headers` and `body` hold the real values.
#[pyclass(frozen, module = "maia_provision")]
struct HttpRequest {
    inner: maia_provision::HttpRequest,
}

#[pymethods]
impl HttpRequest {
    /// `GET` or `POST`.
    #[getter]
    fn method(&self) -> &'static str {
        self.inner.method.as_str()
    }

    /// The full URL.
    #[getter]
    fn url(&self) -> &str {
        &self.inner.url
    }

    /// The headers to send (real values; a new dict on each access).
    #[getter]
    fn headers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (name, value) in &self.inner.headers {
            dict.set_item(name, value.expose())?;
        }
        Ok(dict)
    }

    /// The JSON body text, or `None` for operations without a body.
    #[getter]
    fn body(&self) -> Option<&str> {
        self.inner.body.as_deref()
    }

    /// The operation id (`createProjectConnection`).
    #[getter]
    fn operation(&self) -> &'static str {
        self.inner.operation().map_or("", Operation::id)
    }

    /// The body parsed back into Python values, or `None`.
    fn json<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match &self.inner.body {
            None => Ok(py.None().into_bound(py)),
            Some(text) => {
                let value: Value = serde_json::from_str(text).map_err(|error| PyValueError::new_err(error.to_string()))?;
                Ok(pythonize::pythonize(py, &value)?)
            }
        }
    }

    /// The request as a dict (`method`, `url`, `headers`, `body`) with every secret as `***`:
    /// safe to log or show.
    fn redacted<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let redacted = self.inner.redacted();
        let dict = PyDict::new(py);
        dict.set_item("method", redacted.method.as_str())?;
        dict.set_item("url", redacted.url)?;
        let headers = PyDict::new(py);
        for (name, value) in redacted.headers {
            headers.set_item(name, value)?;
        }
        dict.set_item("headers", headers)?;
        dict.set_item("body", redacted.body)?;
        Ok(dict)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let redacted = self.redacted(py)?;
        let mut out = String::from("HttpRequest(");
        for (index, name) in ["method", "url", "headers", "body"].into_iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            let value = redacted.get_item(name)?.map_or_else(|| "None".to_owned(), |value| value.repr().map(|r| r.to_string()).unwrap_or_default());
            out.push_str(name);
            out.push('=');
            out.push_str(&value);
        }
        out.push(')');
        Ok(out)
    }

    fn __str__(&self) -> String {
        self.inner.redacted().to_string()
    }
}

/// Runs core code; a panic (a bug in the core) becomes a `MaiaError` instead of reaching Python.
fn guarded<T>(py: Python<'_>, work: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|_| {
        // The panic's own text is not shown: it could quote a value from the request.
        match MAIA_ERROR.import(py, ERRORS_MODULE, "MaiaError") {
            Ok(class) => PyErr::from_type(class.clone(), ffi::INTERNAL_ERROR),
            Err(error) => error,
        }
    })
}

/// The text of a `str` argument; a lone surrogate is the core's `ValueError`, not Python's raw
/// `UnicodeEncodeError`.
fn str_arg<'a>(value: &'a Bound<'_, PyString>, argument: &'static str) -> PyResult<std::borrow::Cow<'a, str>> {
    value.to_cow().map_err(|_| {
        let kind = ffi::InputErrorKind::Expected { expected: ffi::EXPECTED_TEXT, type_name: "str with a lone surrogate".to_owned() };
        PyValueError::new_err(InputError::new(argument, "", kind).to_string())
    })
}

fn operation_of(id: &Bound<'_, PyString>) -> PyResult<Operation> {
    let id = str_arg(id, "operation")?;
    let id = id.as_ref();
    // The exact camelCase id is by far the common case; `from_id` handles the rest.
    if let Some(operation) = Operation::ALL.iter().find(|operation| operation.id() == id) {
        return Ok(*operation);
    }
    Operation::from_id(id).map_err(|error| PyValueError::new_err(error.to_string()))
}

fn input_error(error: InputError) -> PyErr {
    PyTypeError::new_err(error.to_string())
}

fn json_of(value: Option<&Bound<'_, PyAny>>, argument: &'static str) -> PyResult<JsonTree<'static>> {
    match value {
        None => Ok(JsonTree::Null),
        Some(value) => convert::to_json(value, argument).map_err(input_error),
    }
}

fn violations_list<'py>(py: Python<'py>, violations: Vec<maia_provision::Violation>) -> PyResult<Bound<'py, PyAny>> {
    let class = VIOLATIONS.import(py, VIOLATIONS_MODULE, "Violations")?;
    if violations.is_empty() {
        return class.call0();
    }
    let items: Vec<Violation> = violations.into_iter().map(Violation::from).collect();
    class.call1((PyList::new(py, items)?,))
}

fn raise<'py>(py: Python<'py>, cell: &PyOnceLock<Py<PyType>>, name: &str, args: impl pyo3::call::PyCallArgs<'py>) -> PyErr {
    let made = cell.import(py, ERRORS_MODULE, name).and_then(|class| class.call1(args));
    match made {
        Ok(instance) => PyErr::from_value(instance),
        Err(error) => error,
    }
}

fn validation_error(py: Python<'_>, message: String, violations: Vec<maia_provision::Violation>, operation: Option<&'static str>) -> PyErr {
    match violations_list(py, violations) {
        Ok(list) => raise(py, &VALIDATION_ERROR, "ValidationError", (message, list, operation)),
        Err(error) => error,
    }
}

/// Every operation: `{id, method, path, pathParams, queryParams, headers, hasBody, summary}`.
#[pyfunction]
fn operations(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    Ok(pythonize::pythonize(py, &maia_provision::operations())?)
}

/// Allowed values per operation and JSON pointer: `{operationId: {pointer: [values]}}`.
#[pyfunction]
fn field_options(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    Ok(pythonize::pythonize(py, &maia_provision::field_options())?)
}

/// The combination table of project connections.
#[pyfunction]
fn combinations(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    Ok(pythonize::pythonize(py, &maia_provision::combinations())?)
}

/// The members each variant takes (vaults, cloud credentials, Git providers, warehouse properties).
#[pyfunction]
fn variant_members(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    Ok(pythonize::pythonize(py, &maia_provision::variant_members())?)
}

/// Every violation of a request (errors and warnings); empty when valid.
#[pyfunction]
#[pyo3(signature = (operation, body, params = None))]
fn validate<'py>(
    py: Python<'py>,
    operation: &Bound<'py, PyString>,
    body: &Bound<'py, PyAny>,
    params: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let operation = operation_of(operation)?;
    let body = json_of(Some(body), "body")?;
    let params = json_of(params, "params")?;
    let violations = guarded(py, || maia_provision::validate(operation, &body, &params).into_violations())?;
    violations_list(py, violations)
}

fn user_agent(py: Python<'_>) -> &str {
    USER_AGENT.get_or_init(py, || {
        let version = py.version_info();
        format!("python/{}.{}", version.major, version.minor)
    })
}

/// The request to send, or `ValidationError` when the request has errors.
#[pyfunction]
#[pyo3(signature = (operation, body, params = None, *, region = None, base_url = None, token = None))]
fn build_request<'py>(
    py: Python<'py>,
    operation: &Bound<'py, PyString>,
    body: &Bound<'py, PyAny>,
    params: Option<&Bound<'py, PyAny>>,
    region: Option<&Bound<'py, PyString>>,
    base_url: Option<&Bound<'py, PyString>>,
    token: Option<&Bound<'py, PyString>>,
) -> PyResult<HttpRequest> {
    let operation = operation_of(operation)?;
    let body = json_of(Some(body), "body")?;
    let params = json_of(params, "params")?;
    let region = region.map(|text| str_arg(text, "region")).transpose()?;
    let base_url = base_url.map(|text| str_arg(text, "base_url")).transpose()?;
    let token = token.map(|text| str_arg(text, "token").map(|token| Secret::new(token.into_owned()))).transpose()?;
    let options = BuildOptions::from_parts(region.as_deref(), base_url.as_deref(), token)
        .map_err(|error| PyValueError::new_err(error.to_string()))?
        .with_user_agent_suffix(user_agent(py));
    let error = match guarded(py, || maia_provision::build_request(operation, &body, &params, &options))? {
        Ok(inner) => return Ok(HttpRequest { inner }),
        Err(error) => error,
    };
    let message = error.to_string();
    Err(match error {
        BuildError::Invalid { operation, violations } => validation_error(py, message, violations, Some(operation.id())),
        BuildError::Option(_) => PyValueError::new_err(message),
    })
}

fn body_bytes(body: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<u8>> {
    let Some(body) = body else { return Ok(Vec::new()) };
    if body.is_none() {
        return Ok(Vec::new());
    }
    if let Ok(text) = body.cast::<PyString>() {
        return convert::text(text).map(String::into_bytes).map_err(|failure| input_error(failure.into_input_error("body")));
    }
    if let Ok(bytes) = body.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(bytes) = body.cast::<PyByteArray>() {
        return Ok(bytes.to_vec());
    }
    let type_name = body.get_type().name().map_or_else(|_| "object".to_owned(), |name| name.to_string());
    Err(input_error(InputError::new("body", "", ffi::InputErrorKind::Unsupported { type_name })))
}

/// The parsed success body of a response; `ApiError` for an error status, `DecodeError` for a
/// success body that is not the operation's response.
#[pyfunction]
#[pyo3(signature = (operation, status, body, headers = None))]
fn parse_response<'py>(
    py: Python<'py>,
    operation: &Bound<'py, PyString>,
    status: &Bound<'py, PyAny>,
    body: Option<&Bound<'py, PyAny>>,
    headers: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let operation = operation_of(operation)?;
    let status = status_of(status)?;
    let bytes = body_bytes(body)?;
    let headers = match headers {
        Some(headers) => convert::header_pairs(headers).map_err(input_error)?,
        None => Vec::new(),
    };
    let response = HttpResponse::new(status, headers, bytes);
    #[allow(clippy::result_large_err, reason = "the core's own return type, handled once here")]
    let parse = || maia_provision::parse_response::<serde_json::Value>(operation, &response);
    match guarded(py, parse)? {
        Ok(response) => Ok(pythonize::pythonize(py, &response)?),
        Err(ResponseError::Api(error)) => {
            let problem = match &error.problem {
                Some(problem) => Some(pythonize::pythonize(py, problem)?),
                None => None,
            };
            let violations = PyList::new(py, error.violations())?;
            let args = (
                error.to_string(),
                error.status,
                problem,
                violations,
                error.body.clone(),
                error.retry_after.as_ref().map(|after| after.as_str().to_owned()),
            );
            Err(raise(py, &API_ERROR, "ApiError", args))
        }
        Err(ResponseError::Decode(error)) => {
            let args = (error.to_string(), error.status, error.body.clone());
            Err(raise(py, &DECODE_ERROR, "DecodeError", args))
        }
    }
}

/// An HTTP status from a Python value: an `int` (not a `bool`) from 100 to 599.
fn status_of(status: &Bound<'_, PyAny>) -> PyResult<u16> {
    if status.is_instance_of::<PyBool>() || !status.is_instance_of::<PyInt>() {
        let type_name = status.get_type().name().map_or_else(|_| "object".to_owned(), |name| name.to_string());
        return Err(input_error(InputError::not_a_status(&type_name)));
    }
    // An int too large for 64 bits is out of range like any other.
    let number = status.extract::<i64>().map_or(f64::INFINITY, |n| n as f64);
    ffi::InputError::http_status(number).map_err(|error| PyValueError::new_err(error.to_string()))
}

/// What is wrong with a PEM private key (empty when nothing is).
#[pyfunction]
fn check_private_key<'py>(py: Python<'py>, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
    let text = str_arg(text, "text")?;
    let violations = guarded(py, || maia_provision::check_private_key(&text))?;
    violations_list(py, violations)
}

/// A repaired PEM private key, or `ValidationError` when it cannot be repaired.
#[pyfunction]
fn normalize_private_key<'py>(py: Python<'py>, text: &Bound<'py, PyString>) -> PyResult<String> {
    let text = str_arg(text, "text")?;
    match guarded(py, || maia_provision::normalize_private_key(&text))? {
        Ok(key) => Ok(key),
        Err(violations) => {
            // The core's own sentences; they never quote the key.
            let message = maia_provision::unrepairable_key_message(&violations);
            Err(validation_error(py, message, violations, None))
        }
    }
}

/// The native module, re-exported by `maia_provision`.
#[pymodule]
mod _native {
    #[pymodule_export]
    use super::{
        HttpRequest, Violation, build_request, check_private_key, combinations, field_options, normalize_private_key, operations, parse_response,
        validate, variant_members,
    };

    #[cfg(feature = "emulator")]
    #[pymodule_export]
    use super::emulator::Emulator;

    #[cfg(feature = "client")]
    #[pymodule_export]
    use super::client::{Client, Pages, Pending};

    use pyo3::prelude::*;
    use pyo3::types::PyTuple;

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("VIOLATION_CODES", PyTuple::new(module.py(), maia_provision::violation_codes().collect::<Vec<_>>())?)?;
        module.add("__version__", maia_provision::http::VERSION)?;
        Ok(())
    }
}
