//! Violations: what validation reports, and the one table of violation codes.
//!
//! A [`Violation`] names where the problem is (a [`Location`] and an RFC 6901 JSON pointer inside
//! it), a stable machine [`Code`], a [`Severity`] and one plain sentence. Only errors block
//! [`crate::build_request`]; warnings are advice.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where in a request a violation sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    /// The JSON request body.
    Body,
    /// A path parameter such as `projectId`.
    Path,
    /// A request header such as `Git-Provider-Access-Token`.
    Header,
    /// A query parameter such as `size`.
    Query,
}

impl Location {
    /// The wire name (`body`, `path`, `header`, `query`).
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Body => "body",
            Location::Path => "path",
            Location::Header => "header",
            Location::Query => "query",
        }
    }
}

/// How serious a violation is: only errors block building a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The server would reject the request (or the seeds say it is wrong).
    Error,
    /// The request can be sent, but something looks off.
    Warning,
}

impl Severity {
    /// The wire name (`error`, `warning`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $id:literal, $meaning:literal;)+) => {
        /// A stable machine id for a kind of violation. Declared once here, with its meaning.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $variant,)+
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            /// The stable id, e.g. `unknown_field` or `pem.literal_newline`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $id,)+ }
            }

            /// One sentence saying what the code means.
            pub fn meaning(self) -> &'static str {
                match self { $(Code::$variant => $meaning,)+ }
            }

            /// The code with this id, if there is one.
            pub fn from_id(id: &str) -> Option<Code> {
                match id { $($id => Some(Code::$variant),)+ _ => None }
            }
        }
    };
}

codes! {
    /// The body could not be read as JSON.
    Json = "json", "the text is not valid JSON";
    /// A value has the wrong JSON type.
    Type = "type", "a value has the wrong JSON type (for example a number where a string is required)";
    /// A required member, path parameter or header is missing.
    Required = "required", "a required member, path parameter or header is missing";
    /// A recommended member is missing.
    Recommended = "recommended", "a member that the API documents in every example is missing; the request may still be accepted";
    /// A string is shorter than allowed.
    MinLength = "min_length", "a string is shorter than allowed (usually: empty)";
    /// A string is longer than allowed.
    MaxLength = "max_length", "a string is longer than allowed";
    /// A value is not one of the allowed values.
    Enum = "enum", "a value is not one of the allowed values (values are case-sensitive)";
    /// A deprecated alias was used; the canonical value is sent.
    Alias = "alias", "an alias of an allowed value was used; the canonical value is sent instead";
    /// A string does not have the required form.
    Pattern = "pattern", "a string does not have the required form (for example a UUID)";
    /// An identifier is an upper-case UUID where the API only takes lower case.
    UuidCase = "uuid_case", "a UUID is written in upper case where the API only accepts lower case";
    /// A number is outside the allowed range.
    Range = "range", "a number is outside the allowed range";
    /// platformConnectionType, authProvider and authType do not form a row of the combination table.
    Combination = "combination", "platformConnectionType, authProvider and authType do not form a valid combination";
    /// A member belongs to another variant (vault type, connection type, provider).
    VariantField = "variant_field", "a member belongs to another variant (another vault type, connection type or Git provider)";
    /// A member that the seeds never mention.
    UnknownField = "unknown_field", "a member or parameter the API does not document; often a typo";
    /// A member or parameter that is valid elsewhere but not read here.
    Ignored = "ignored", "a member, parameter or body that the API does not read in this request";
    /// A collection has the wrong number of entries.
    Count = "count", "a collection has the wrong number of entries";
    /// A name does not refer to what it must refer to.
    Reference = "reference", "a name does not refer to the connection it must refer to";
    /// The secret's `key` is not a member of its `value`.
    KeyMismatch = "key_mismatch", "the secret's `key` is not a member of its `value` object";
    /// An environment property is a literal where a secret reference is required, or the reverse.
    PropertyKind = "property_kind", "an environment property is a literal `value` where a secret reference is required, or the reverse";
    /// An environment property is neither `{value}` nor `{secretName, secretKey?}`.
    PropertyShape = "property_shape", "an environment property is neither `{value}` nor `{secretName, secretKey?}`";
    /// A number or boolean where the API takes a string; it is sent as a string.
    NotString = "not_string", "a number or boolean where the API takes a string; it is sent as a string";
    /// The private key holds literal `\n` sequences instead of line breaks.
    PemLiteralNewline = "pem.literal_newline", "the private key holds literal `\\n` sequences instead of real line breaks";
    /// The private key was pasted on one line.
    PemOneLine = "pem.one_line", "the private key is on one line; PEM needs its BEGIN line, body and END line on separate lines";
    /// The private key has no BEGIN or END armor line.
    PemNoArmor = "pem.no_armor", "the private key lacks its `-----BEGIN … PRIVATE KEY-----` or `-----END … PRIVATE KEY-----` line";
    /// The BEGIN and END labels differ.
    PemLabelMismatch = "pem.label_mismatch", "the BEGIN and END lines of the private key name different labels";
    /// The key body is not base64.
    PemInvalidBase64 = "pem.invalid_base64", "the body of the private key is not valid base64";
    /// The PEM block is not a private key.
    PemNotPrivateKey = "pem.not_private_key", "the PEM block is not a private key (for example a public key or a certificate)";
    /// The private key is encrypted; a passphrase is needed.
    PemEncrypted = "pem.encrypted", "the private key is encrypted, so the environment also needs its `passphrase`";
    /// The key body looks like a documentation placeholder.
    PemPlaceholder = "pem.placeholder", "the body of the private key looks like a documentation placeholder, not a key";
    /// The key uses Windows line endings.
    PemCrlf = "pem.crlf", "the private key uses Windows (CRLF) line endings";
    /// A body line is longer than 64 columns.
    PemLineLength = "pem.line_length", "a line of the key body is longer than the 64 columns PEM prescribes";
    /// Text stands before the BEGIN line or after the END line.
    PemExtraText = "pem.extra_text", "text stands before the BEGIN line or after the END line of the private key";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        Code::from_id(&id).ok_or_else(|| serde::de::Error::custom(format!("unknown violation code `{id}`")))
    }
}

/// Every violation code id, in documentation order (for bindings to export).
pub fn violation_codes() -> impl Iterator<Item = &'static str> {
    Code::ALL.iter().map(|code| code.as_str())
}

/// One problem found in a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// Which part of the request: body, path, header or query.
    pub location: Location,
    /// RFC 6901 JSON pointer inside that part (`/connectionDetails/secretsLocation/type`, `/projectId`).
    pub pointer: String,
    /// The stable machine id.
    pub code: Code,
    /// Error (blocks sending) or warning.
    pub severity: Severity,
    /// One plain sentence naming the allowed values and the fix; never a secret's value.
    pub message: String,
}

impl Violation {
    /// Whether this violation blocks building the request.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Violation {
    /// The violation as a server's ProblemDetail lists it (`violations` are strings): the pointer
    /// and the message, the location first when it is not the body (`/authType: …`,
    /// `path /projectId: …`). What the emulator answers with.
    pub fn server_text(&self) -> String {
        let pointer = if self.pointer.is_empty() { "/" } else { &self.pointer };
        match self.location {
            Location::Body => format!("{pointer}: {}", self.message),
            location => format!("{} {pointer}: {}", location.as_str(), self.message),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code.as_str();
        f.write_str(&format_violation(self.severity.as_str(), self.location.as_str(), &self.pointer, &self.message, code))
    }
}

/// The one-line form of a violation, `error at body /authType: … [combination]`, from its parts
/// (for bindings whose violation objects hold plain strings).
pub fn format_violation(severity: &str, location: &str, pointer: &str, message: &str, code: &str) -> String {
    let pointer = if pointer.is_empty() { "/" } else { pointer };
    format!("{severity} at {location} {pointer}: {message} [{code}]")
}

/// Whether any violation in the list is an error.
pub fn has_errors(violations: &[Violation]) -> bool {
    violations.iter().any(Violation::is_error)
}

/// One line that sums up the errors of a list, for exception messages: `has 2 errors: body
/// /authType: …; path /projectId: …` (the first five, then a count). Never JSON.
pub fn summary(violations: &[Violation]) -> String {
    let errors: Vec<&Violation> = violations.iter().filter(|v| v.is_error()).collect();
    let noun = if errors.len() == 1 { "error" } else { "errors" };
    let mut out = format!("has {} {noun}", crate::rules::int(errors.len()));
    for (i, violation) in errors.iter().enumerate().take(5) {
        out.push_str(if i == 0 { ": " } else { "; " });
        // A violation of the whole input names it in its message already.
        if !violation.pointer.is_empty() {
            out.push_str(violation.location.as_str());
            out.push(' ');
            out.push_str(&violation.pointer);
            out.push_str(": ");
        }
        out.push_str(&violation.message);
    }
    if errors.len() > 5 {
        out.push_str(&format!("; and {} more", crate::rules::int(errors.len() - 5)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_text_names_the_place_then_the_message() {
        let at = |location, pointer: &str| Violation {
            location,
            pointer: pointer.to_owned(),
            code: Code::Required,
            severity: Severity::Error,
            message: "`name` is required".to_owned(),
        };
        assert_eq!(at(Location::Body, "/name").server_text(), "/name: `name` is required");
        assert_eq!(at(Location::Body, "").server_text(), "/: `name` is required");
        assert_eq!(at(Location::Path, "/projectId").server_text(), "path /projectId: `name` is required");
    }
}
