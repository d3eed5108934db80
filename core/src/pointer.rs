//! RFC 6901 JSON pointers built lazily while a request is checked: each step links to its parent
//! on the stack, and the pointer text is written only when a violation is reported, so a valid
//! payload costs no allocation. The one pointer type of the crate: violations and the checked
//! request's edits both say where with it.

use crate::violation::Location;
use std::fmt::{self, Write as _};

/// A place in a request part: one step of a JSON pointer, linked to its parent on the stack.
#[derive(Clone, Copy)]
pub(crate) struct Pointer<'a> {
    parent: Option<&'a Pointer<'a>>,
    step: Step<'a>,
    location: Location,
    /// How messages name the root (`the body`, `the private key`).
    root: &'static str,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Pointer<'a> {
    /// The root of a request part.
    pub(crate) fn root(location: Location) -> Pointer<'static> {
        let root = match location {
            Location::Body => "the body",
            Location::Path => "the parameters",
            Location::Header => "the headers",
            Location::Query => "the query parameters",
        };
        Pointer { parent: None, step: Step::Root, location, root }
    }

    /// A root that messages call `root` (for example `the private key`).
    pub(crate) fn named_root(location: Location, root: &'static str) -> Pointer<'static> {
        Pointer { parent: None, step: Step::Root, location, root }
    }

    /// The member `key` of this object.
    pub(crate) fn key(&'a self, key: &'a str) -> Pointer<'a> {
        Pointer { parent: Some(self), step: Step::Key(key), location: self.location, root: self.root }
    }

    /// The element `index` of this array.
    pub(crate) fn index(&'a self, index: usize) -> Pointer<'a> {
        Pointer { parent: Some(self), step: Step::Index(index), location: self.location, root: self.root }
    }

    /// The request part this place is in.
    pub(crate) fn location(&self) -> Location {
        self.location
    }

    /// Whether this is the root of its part.
    pub(crate) fn is_root(&self) -> bool {
        matches!(self.step, Step::Root)
    }

    /// The RFC 6901 pointer of this place, written root first into a string sized for it.
    pub(crate) fn pointer(&self) -> String {
        let mut size = 0;
        let mut at = Some(self);
        while let Some(node) = at {
            size += match node.step {
                Step::Root => 0,
                Step::Key(key) => key.len() + 1,
                Step::Index(_) => 4,
            };
            at = node.parent;
        }
        let mut out = String::with_capacity(size);
        self.write_to(&mut out);
        out
    }

    /// Writes the parent's pointer, then this step (depth is bounded by the reading limits).
    fn write_to(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write_to(out);
        }
        match self.step {
            Step::Root => {}
            Step::Key(key) => {
                out.push('/');
                push_token(out, key);
            }
            // One digit (most indices) without the formatting machinery.
            Step::Index(index @ 0..=9) => {
                out.push('/');
                out.push(char::from(b'0' + index as u8));
            }
            Step::Index(index) => {
                let _ = write!(out, "/{}", crate::rules::int(index));
            }
        }
    }

    /// How messages name this place: the member name, or `parent[index]` for array elements.
    pub(crate) fn name(&self) -> String {
        match self.step {
            Step::Root => self.root.to_owned(),
            Step::Key(key) => key.to_owned(),
            Step::Index(index) => match self.parent {
                Some(parent) => format!("{}[{}]", parent.name(), crate::rules::int(index)),
                None => format!("[{}]", crate::rules::int(index)),
            },
        }
    }

    /// [`Pointer::name`] as a message shows it: members in backticks, the root in words.
    pub(crate) fn label(&self) -> Label<'_, 'a> {
        Label(self)
    }
}

/// How a message names a place (see [`Pointer::label`]); written straight into the message.
pub(crate) struct Label<'r, 'a>(&'r Pointer<'a>);

impl fmt::Display for Label<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.0;
        match at.step {
            Step::Root => f.write_str(at.root),
            Step::Key(key) if crate::redact::looks_secret(key) => f.write_str("a member whose name looks like a secret"),
            Step::Key(key) => {
                f.write_char('`')?;
                f.write_str(key)?;
                f.write_char('`')
            }
            Step::Index(_) => write!(f, "`{}`", at.name()),
        }
    }
}

/// The RFC 6901 pointer of a path of member names (array indexes as their digits), root first:
/// how bindings say where in a host value reading stopped.
pub fn json_pointer<'s>(steps: impl IntoIterator<Item = &'s str>) -> String {
    let mut pointer = String::new();
    for step in steps {
        pointer.push('/');
        push_token(&mut pointer, step);
    }
    pointer
}

/// Appends one pointer token, `~` and `/` escaped as RFC 6901 says; a member name that looks like
/// a secret (a key pasted where a member name goes) is written as `***`.
pub(crate) fn push_token(pointer: &mut String, token: &str) {
    // Most tokens are plain member names: one pass tells them apart.
    if crate::redact::is_plain_word(token) {
        pointer.push_str(token);
        return;
    }
    if crate::redact::looks_secret(token) {
        pointer.push_str(crate::redact::REDACTED);
        return;
    }
    if !token.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(token);
        return;
    }
    for ch in token.chars() {
        match ch {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            _ => pointer.push(ch),
        }
    }
}
