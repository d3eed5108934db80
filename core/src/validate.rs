//! The validation driver: [`validate`] checks a request's parameters and body against the
//! operation's rules in one walk and returns a [`Checked`] request, which holds every violation
//! and everything the walk learnt that building needs (the values to send instead of what was
//! given, the path and query values, the token header, which strings are public in a redacted
//! copy) and the facts a whole-project check reads (the natural key, the variant, the names the
//! body refers to). [`Checked::into_request`] builds from those facts: no rule runs twice.

use crate::http::{BuildError, BuildOptions, HttpRequest};
use crate::json::{Held, JsonInput, Node, Object, View};
use crate::model::{BodyKind, page, repository};
use crate::operation::{GIT_TOKEN_HEADER, HeaderRule, Method, Operation};
use crate::pointer::Pointer;
use crate::redact::Secret;
use crate::rules::{did_you_mean, kind, lowercase_uuid, member, quote};
use crate::violation::{Code, Location, Severity, Violation, has_errors};
use crate::wire::Mode;
use serde::Serialize;

/// Checks a request of `operation`: its body and its parameters (`params` holds path parameters,
/// query parameters and headers by name, e.g. `{"projectId": "…", "Git-Provider-Access-Token":
/// "…"}`; `null` means none). Both may be a `serde_json::Value`, a [`crate::JsonTree`] or JSON
/// text (`&[u8]`, `&str`: text that is not JSON, or nests [`crate::MAX_DEPTH`] levels deep, gives
/// one `json` violation). Returns every violation, errors and warnings, in a canonical order,
/// with what building the request needs.
pub fn validate<'a, B, P>(operation: Operation, body: &'a B, params: &P) -> Checked<'a, B::Node<'a>>
where
    B: JsonInput + ?Sized,
    P: JsonInput + ?Sized,
{
    let mut sink = Sink::default();
    match params.read() {
        Ok(params) => check_params(&mut sink, operation, params.node()),
        Err(error) => {
            let message = format!("the parameters {error}");
            sink.error(&Pointer::root(Location::Path), Code::Json, message);
        }
    }
    let body = match body.read() {
        Ok(held) => Some(held),
        Err(error) => {
            sink.error(&Pointer::root(Location::Body), Code::Json, format!("the body {error}"));
            None
        }
    };
    if let Some(body) = &body {
        let node = body.node();
        let root = Pointer::root(Location::Body);
        match operation.endpoint().body {
            BodyKind::None => {
                if !node.is_null() {
                    sink.warn(&root, Code::Ignored, format!("`{operation}` takes no body; the body is not sent"));
                }
            }
            kind => kind.validate(&mut sink, &root, node),
        }
    }
    // The token header, as the endpoint table says: always required, or for GitLab only (and
    // then sent only for GitLab).
    let token = sink.token_param.take();
    let git_token = operation.endpoint().headers.iter().find(|header| header.name == GIT_TOKEN_HEADER).and_then(|header| {
        let always = header.rule == HeaderRule::Required;
        let provider = if always { None } else { sink.variant };
        repository::check_token_header(&mut sink, &Pointer::root(Location::Header), token.as_ref(), provider, always);
        token.and_then(TokenParam::into_secret).filter(|_| always || provider == Some("gitlab"))
    });
    Checked {
        operation,
        violations: sorted(std::mem::take(&mut sink.out)),
        body,
        edits: sink.edits,
        path: sink.path,
        query: sink.query,
        git_token,
        variant: sink.variant,
        references: sink.references,
        resolved: std::cell::OnceCell::new(),
    }
}

/// A request after [`validate`]: its violations, and what the walk learnt. `N` is the tree the
/// body was read as (`serde_json::Value`, or [`crate::JsonTree`] for JSON text and trees).
///
/// It reads as the list of violations (`checked[0]`, `for v in &checked`, `checked.is_empty()`).
pub struct Checked<'a, N> {
    operation: Operation,
    violations: Vec<Violation>,
    body: Option<Held<'a, N>>,
    edits: Vec<Edit>,
    path: Vec<(&'static str, String)>,
    query: String,
    git_token: Option<Secret>,
    /// The variant the body chose; the name and the references are read from the body when
    /// the facts are first asked for.
    variant: Option<&'static str>,
    references: Vec<Referred>,
    resolved: std::cell::OnceCell<Facts>,
}

impl<'a, N: Node> Checked<'a, N> {
    /// The operation checked.
    pub fn operation(&self) -> Operation {
        self.operation
    }

    /// Every violation, errors and warnings, in a canonical order (by location: path, query,
    /// header, body; then pointer).
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The violations, owned.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }

    /// Whether no error-severity violation was found (warnings never block).
    pub fn is_valid(&self) -> bool {
        !has_errors(&self.violations)
    }

    /// What a whole-project check reads: the natural key, the variant, the names referred to.
    /// The name and the references' pointers are read when first asked for (validating alone,
    /// as the bindings do, never needs them).
    pub fn facts(&self) -> &Facts {
        self.resolved.get_or_init(|| {
            let mut found = vec![None; self.references.len()];
            let mut name = None;
            if let Some(body) = &self.body {
                find_referred(body.node(), &mut String::new(), &self.references, &mut found);
                name = self.operation.endpoint().natural_key.and_then(|key| key.name_in(body.node()).map(str::to_owned));
            }
            let references = self
                .references
                .iter()
                .zip(found)
                .filter_map(|(referred, found)| found.map(|(pointer, name)| Reference { pointer, kind: referred.kind, name }))
                .collect();
            Facts { name, variant: self.variant, references }
        })
    }

    /// Builds the request, refusing when any error-severity violation exists.
    pub fn into_request(self, options: &BuildOptions) -> Result<HttpRequest, BuildError> {
        if !self.is_valid() {
            return Err(BuildError::Invalid { operation: self.operation, violations: self.violations });
        }
        let endpoint = self.operation.endpoint();
        let mut url = String::with_capacity(options.base().len() + endpoint.path.len() + 40);
        url.push_str(options.base());
        crate::http::fill_path(&mut url, endpoint.path, &self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query);
        }
        let body = match (&self.body, endpoint.body) {
            (Some(held), kind) if kind != BodyKind::None => Some(crate::wire::json_text(held.node(), &self.edits, Mode::Sent)),
            _ => None,
        };
        // Every body is redacted when printed, from the text sent (printing is rare).
        let mut request = HttpRequest::new(endpoint.method, url, body, options);
        request.operation = Some(self.operation);
        if let Some(token) = options.token() {
            request.authorize(token);
        }
        if let Some(token) = self.git_token {
            request.push_secret_header(GIT_TOKEN_HEADER, token);
        }
        Ok(request)
    }
}

impl<N> std::ops::Deref for Checked<'_, N> {
    type Target = [Violation];
    fn deref(&self) -> &[Violation] {
        &self.violations
    }
}

impl<N> IntoIterator for Checked<'_, N> {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl<'c, N> IntoIterator for &'c Checked<'_, N> {
    type Item = &'c Violation;
    type IntoIter = std::slice::Iter<'c, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

impl<N: Node> std::fmt::Debug for Checked<'_, N> {
    /// The operation, the violations and the facts; never the body (it may hold secrets).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checked").field("operation", &self.operation).field("violations", &self.violations).field("facts", self.facts()).finish()
    }
}

/// What validation learnt that a check across resources (a whole project) needs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Facts {
    /// The natural key's name (project, connection, environment or secret name), when given.
    pub name: Option<String>,
    /// The variant the body chose: the connection's `platformConnectionType`, the repository's
    /// `provider`, the secret's shape (`DWH_PASSWORD`, or the cloud), the environment's warehouse.
    pub variant: Option<&'static str>,
    /// The names of other resources the body refers to.
    pub references: Vec<Reference>,
}

/// A name in a body that refers to another resource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    /// Where the name is (an RFC 6901 pointer in the body).
    pub pointer: String,
    /// What kind of resource it names.
    pub kind: ReferenceKind,
    /// The name.
    pub name: String,
}

/// A name the body refers to, as validation saw it: where its text lies in the tree.
#[derive(Clone, Copy)]
struct Referred {
    text: usize,
    len: usize,
    kind: ReferenceKind,
}

/// Finds each referred string in `node` (pointed at by `pointer`), with its pointer (written as
/// [`Pointer`] writes them) and its text.
fn find_referred<N: Node>(node: &N, pointer: &mut String, wanted: &[Referred], found: &mut [Option<(String, String)>]) {
    match node.view() {
        View::String(text) => {
            for (slot, referred) in found.iter_mut().zip(wanted) {
                if slot.is_none() && referred.text == text.as_ptr() as usize && referred.len == text.len() {
                    *slot = Some((pointer.clone(), text.to_owned()));
                }
            }
        }
        View::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let len = pointer.len();
                let _ = std::fmt::Write::write_fmt(pointer, format_args!("/{}", crate::rules::int(index)));
                find_referred(item, pointer, wanted, found);
                pointer.truncate(len);
            }
        }
        View::Object(map) => {
            for (key, value) in map.entries() {
                let len = pointer.len();
                pointer.push('/');
                crate::pointer::push_token(pointer, key);
                find_referred(value, pointer, wanted, found);
                pointer.truncate(len);
            }
        }
        View::Null | View::Bool(_) | View::Number(_) => {}
    }
}

/// What a [`Reference`] names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReferenceKind {
    /// A project connection (an environment's default connections and overrides).
    Connection,
    /// A secret (a vault secret named by a connection or an override property).
    Secret,
}

/// A change the body gets when it is written, keyed by the node's address in the tree that was
/// validated (the [`Checked`] request borrows or owns that tree, so addresses stay put).
pub(crate) struct Edit {
    pub(crate) node: usize,
    pub(crate) change: Change,
}

/// What an [`Edit`] does.
pub(crate) enum Change {
    /// Send this string instead (an alias spelled out, a number sent as a string).
    Text(String),
    /// Print this string in a redacted copy (it is known not to be secret).
    Public,
}

/// The address that identifies `node` in [`Edit`]s.
pub(crate) fn address<N>(node: &N) -> usize {
    std::ptr::from_ref(node).addr()
}

/// Collects what a walk finds: violations, edits and facts.
#[derive(Default)]
pub(crate) struct Sink {
    pub(crate) out: Vec<Violation>,
    pub(crate) edits: Vec<Edit>,
    /// The variant the body chose (see [`Facts::variant`]).
    pub(crate) variant: Option<&'static str>,
    references: Vec<Referred>,
    path: Vec<(&'static str, String)>,
    query: String,
    token_param: Option<TokenParam>,
}

/// The token header as given (a string, or what else it is), kept until the provider is known.
pub(crate) enum TokenParam {
    Text(Secret),
    Other(&'static str),
}

impl TokenParam {
    fn into_secret(self) -> Option<Secret> {
        match self {
            TokenParam::Text(text) => Some(text),
            TokenParam::Other(_) => None,
        }
    }
}

impl Sink {
    pub(crate) fn report(&mut self, at: &Pointer<'_>, code: Code, severity: Severity, message: String) {
        self.out.push(Violation { location: at.location(), pointer: at.pointer(), code, severity, message });
    }

    pub(crate) fn error(&mut self, at: &Pointer<'_>, code: Code, message: String) {
        self.report(at, code, Severity::Error, message);
    }

    pub(crate) fn warn(&mut self, at: &Pointer<'_>, code: Code, message: String) {
        self.report(at, code, Severity::Warning, message);
    }

    /// Sends `text` in place of `node`.
    pub(crate) fn send_as<N>(&mut self, node: &N, text: impl Into<String>) {
        self.edits.push(Edit { node: address(node), change: Change::Text(text.into()) });
    }

    /// Records a name the body refers to: `name` is a string of the body's tree, found again by
    /// its address when the facts are read.
    pub(crate) fn refers(&mut self, kind: ReferenceKind, name: &str) {
        self.references.push(Referred { text: name.as_ptr() as usize, len: name.len(), kind });
    }
}

/// Violations in a canonical order, whatever the tree that was walked (a `Value` walks members
/// sorted, a `JsonTree` in input order): by location (path, query, header, body), then pointer;
/// the sort is stable, so violations at one place keep the order the rules gave them.
fn sorted(violations: Vec<Violation>) -> Vec<Violation> {
    let rank = |location: Location| match location {
        Location::Path => 0,
        Location::Query => 1,
        Location::Header => 2,
        Location::Body => 3,
    };
    merge_sort(violations, &|a: &Violation, b: &Violation| (rank(a.location), &a.pointer) <= (rank(b.location), &b.pointer))
}

/// A stable merge sort (`in_order(a, b)`: `a` may come before `b`), O(n) on sorted input (the
/// usual case) and O(n log n) at worst; up to 16 items are sorted in place by insertion. Not `slice::sort_by`: std's driftsort is 3.6 KB of the
/// wasm module (1.8 KB gzipped) for lists that hold a few violations; the tests hold this one
/// equal to it.
pub(crate) fn merge_sort<T>(mut items: Vec<T>, in_order: &impl Fn(&T, &T) -> bool) -> Vec<T> {
    if items.is_sorted_by(in_order) {
        return items;
    }
    if items.len() <= 16 {
        // Short lists (most objects' members) in place, by insertion: no allocation.
        for next in 1..items.len() {
            let mut at = next;
            while at > 0 && items.get(at - 1).zip(items.get(at)).is_some_and(|(a, b)| !in_order(a, b)) {
                items.swap(at - 1, at);
                at -= 1;
            }
        }
        return items;
    }
    let right = items.split_off(items.len() / 2);
    let (left, right) = (merge_sort(items, in_order), merge_sort(right, in_order));
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut right = right.into_iter();
    let mut next = right.next();
    for a in left {
        // Every element of the right half that must come before `a` (strictly: ties keep the
        // left one first, so the sort is stable).
        while let Some(b) = next.take_if(|b| !in_order(&a, b)) {
            out.push(b);
            next = right.next();
        }
        out.push(a);
    }
    out.extend(next);
    out.extend(right);
    out
}

/// A header given in `params`, whatever the case of its name (when several spellings are given,
/// the first in key order; of repeated keys, the last, as in a `Value`), and how many times a
/// spelling of it is given.
fn header_param<'p, O: Object>(map: &'p O, name: &str) -> (usize, Option<&'p O::Node>) {
    let (mut spellings, mut found) = (0, None::<(&str, &O::Node)>);
    for (key, value) in map.entries() {
        if key.eq_ignore_ascii_case(name) {
            spellings += 1;
            if found.is_none_or(|(best, _)| key <= best) {
                found = Some((key, value));
            }
        }
    }
    (spellings, found.map(|(_, value)| value))
}

/// Checks the parameters and keeps the values the request sends: path values, the query string
/// and the token header.
fn check_params<P: Node>(sink: &mut Sink, operation: Operation, params: &P) {
    let endpoint = operation.endpoint();
    let path = Pointer::root(Location::Path);
    let map = match params.view() {
        View::Null => None,
        View::Object(map) => Some(map),
        _ => {
            sink.error(&path, Code::Type, format!("the parameters must be an object such as `{{\"projectId\": \"…\"}}`; got {}", kind(params)));
            return;
        }
    };
    for name in endpoint.path_params {
        let at = path.key(name);
        match map.and_then(|m| m.get(name)) {
            None => sink.error(&at, Code::Required, format!("the path parameter `{name}` is required by `{}`", endpoint.path)),
            Some(value) => {
                lowercase_uuid(sink, &at, value);
                sink.path.push((name, value.as_str().unwrap_or_default().to_owned()));
            }
        }
    }
    let Some(map) = map else { return };
    if endpoint.method == Method::Get {
        let query = Pointer::root(Location::Query);
        let (page, size) = (member(map, "page"), member(map, "size"));
        page::check_query(sink, &query, page, size);
        let mut query_string = page::query_string(page, size);
        if endpoint.query_params.contains(&page::NAMES) {
            page::names_query(sink, &query, member(map, page::NAMES), &mut query_string);
        }
        sink.query = query_string;
    }
    if !endpoint.headers.is_empty() {
        // Two spellings of one header (names are case-insensitive) are one header: say which is sent.
        let (spelt, token) = header_param(map, GIT_TOKEN_HEADER);
        if spelt > 1 {
            let spellings: Vec<&str> = map.keys().filter(|key| key.eq_ignore_ascii_case(GIT_TOKEN_HEADER)).collect();
            let sent = spellings.iter().min().copied().unwrap_or(GIT_TOKEN_HEADER);
            let names: Vec<String> = spellings.iter().map(|name| quote(name).to_string()).collect();
            sink.warn(
                &Pointer::root(Location::Header).key(GIT_TOKEN_HEADER),
                Code::Ignored,
                format!(
                    "the `{GIT_TOKEN_HEADER}` header is given {} times ({}); header names ignore case, so only {} is sent",
                    crate::rules::int(spellings.len()),
                    crate::rules::joined(&names, ", "),
                    quote(sent)
                ),
            );
        }
        sink.token_param = token.map(|token| match token.as_str() {
            Some(text) => TokenParam::Text(Secret::new(text)),
            None => TokenParam::Other(kind(token)),
        });
    }
    // Header names are case-insensitive in HTTP; path and query names are not.
    let is_param = |key: &str| {
        endpoint.path_params.contains(&key)
            || endpoint.query_params.contains(&key)
            || endpoint.headers.iter().any(|h| h.name.eq_ignore_ascii_case(key))
    };
    for key in map.keys().filter(|key| !is_param(key)) {
        let known = endpoint.path_params.iter().chain(endpoint.query_params).copied().chain(endpoint.headers.iter().map(|h| h.name));
        let hint = did_you_mean(key, known);
        sink.warn(&path.key(key), Code::UnknownField, format!("{} is not a parameter of `{operation}` and is not sent{hint}", quote(key)));
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x6d61_6961),
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::with_cases(256)
        })]
        #[test]
        fn merge_sort_is_std_stable_sort(items in proptest::collection::vec((0u8..6, proptest::prelude::any::<u16>()), 0..300)) {
            // Ordered by the first field only, so equal keys show whether the order they came in is kept.
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            proptest::prop_assert_eq!(super::merge_sort(items, &|a: &(u8, u16), b: &(u8, u16)| a.0 <= b.0), expected);
        }
    }
}
