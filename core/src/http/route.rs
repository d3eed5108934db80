//! Matching an incoming request line to an operation: `(method, path)` → the operation and its
//! path parameters, read from the same table the builder fills paths from. What a server (the
//! emulator) needs to dispatch a request without a second list of routes.

use crate::operation::{Method, Operation};
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};
use std::fmt;

/// An operation matched by [`route`], with its path parameters decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The operation the method and path name.
    pub operation: Operation,
    /// The path parameters in path order, percent-decoded (`[("projectId", "…")]`).
    pub path_params: Vec<(&'static str, String)>,
}

impl Route {
    /// The value of the path parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.path_params.iter().find(|(key, _)| *key == name).map(|(_, value)| value.as_str())
    }

    /// The path parameters as the `params` object that [`crate::validate`] takes.
    pub fn params(&self) -> Value {
        Value::Object(self.path_params.iter().map(|(key, value)| ((*key).to_owned(), Value::String(value.clone()))).collect::<Map<_, _>>())
    }
}

/// Why a request line names no operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RouteError {
    /// No operation has this path (HTTP 404).
    NotFound,
    /// The path exists, but not for this method (HTTP 405); `allowed` is what the path takes.
    MethodNotAllowed {
        /// The methods this path takes, in table order.
        allowed: Vec<Method>,
    },
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteError::NotFound => f.write_str("no operation has this path"),
            RouteError::MethodNotAllowed { allowed } => {
                let names: Vec<&str> = allowed.iter().map(|method| method.as_str()).collect();
                write!(f, "this path takes {}", names.join(" or "))
            }
        }
    }
}

impl std::error::Error for RouteError {}

/// The operation that `method` (`GET`, `POST`: case-sensitive, as HTTP says) and `path` name.
/// `path` is relative to the API's base (`/v1/projects/{id}/connections`); a query string and one
/// trailing slash are ignored, and each segment is percent-decoded before it is captured.
pub fn route(method: &str, path: &str) -> Result<Route, RouteError> {
    let path = path.split_once('?').map_or(path, |(path, _)| path);
    let path = path.strip_suffix('/').filter(|rest| !rest.is_empty()).unwrap_or(path);
    let mut allowed = Vec::new();
    for &operation in Operation::ALL {
        let Some(path_params) = capture(operation.path(), path) else { continue };
        if operation.method().as_str() == method {
            return Ok(Route { operation, path_params });
        }
        if !allowed.contains(&operation.method()) {
            allowed.push(operation.method());
        }
    }
    if allowed.is_empty() { Err(RouteError::NotFound) } else { Err(RouteError::MethodNotAllowed { allowed }) }
}

/// The parameters `path` fills into `template`, or `None` when it does not fit it.
fn capture(template: &'static str, path: &str) -> Option<Vec<(&'static str, String)>> {
    let mut params = Vec::new();
    let mut segments = path.strip_prefix('/')?.split('/');
    for expected in template.strip_prefix('/')?.split('/') {
        let segment = segments.next()?;
        match expected.strip_prefix('{').and_then(|name| name.strip_suffix('}')) {
            Some(name) => {
                let value = percent_decode_str(segment).decode_utf8().ok()?;
                if value.is_empty() {
                    return None;
                }
                params.push((name, value.into_owned()));
            }
            None if segment == expected => {}
            None => return None,
        }
    }
    segments.next().is_none().then_some(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "550e8400-e29b-41d4-a716-446655440002";

    #[test]
    fn every_built_path_routes_back_to_its_operation() {
        for &operation in Operation::ALL {
            let path = operation.path().replace("{projectId}", ID).replace("{agentId}", ID);
            let found = route(operation.method().as_str(), &path).unwrap();
            assert_eq!(found.operation, operation);
            for name in operation.path_params() {
                assert_eq!(found.param(name), Some(ID), "{operation} {name}");
            }
        }
    }

    #[test]
    fn query_trailing_slash_and_encoding() {
        let found = route("GET", &format!("/v1/projects/{ID}/connections/?page=2&size=5")).unwrap();
        assert_eq!(found.operation, Operation::ListProjectConnections);
        let encoded = route("POST", "/v1/secrets/a%2Fb%20c/secret-value").unwrap();
        assert_eq!(encoded.param("agentId"), Some("a/b c"));
        assert_eq!(encoded.params(), serde_json::json!({"agentId": "a/b c"}));
    }

    #[test]
    fn misses_say_why() {
        assert_eq!(route("GET", "/v1/nothing"), Err(RouteError::NotFound));
        assert_eq!(route("GET", "/v1/projects//connections"), Err(RouteError::NotFound));
        assert_eq!(route("GET", &format!("/v1/projects/{ID}/connections/extra")), Err(RouteError::NotFound));
        assert_eq!(route("GET", "/v1/projects/x/repositories"), Err(RouteError::MethodNotAllowed { allowed: vec![Method::Post] }));
        assert_eq!(route("DELETE", "/v1/projects"), Err(RouteError::MethodNotAllowed { allowed: vec![Method::Post, Method::Get] }));
        assert_eq!(route("post", "/v1/projects"), Err(RouteError::MethodNotAllowed { allowed: vec![Method::Post, Method::Get] }));
    }
}
