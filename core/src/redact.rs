//! Secrets as a type. Private keys, passwords, cloud secret keys, service-account JSON, personal
//! access tokens and bearer tokens are held in [`Secret`], whose `Debug` and `Display` print `***`.
//!
//! Serialization writes the real value: it is the wire form that the API must receive. Every
//! printable form of a request goes through [`crate::http::HttpRequest::redacted`] instead.
//!
//! Written here rather than taken from the `secrecy` crate because that crate's types print
//! `[REDACTED]`, have no `Display`, and do not serialize by default; all three matter here.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What every redacted value prints as.
pub const REDACTED: &str = "***";

/// A secret string: prints as `***`, serializes as itself.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The real value, for sending. Never print it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Secret {
        Secret(value.to_owned())
    }
}

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

/// Whether `text` has the shape of a secret, wherever it appears: a PEM armor line, a JSON Web
/// Token, a token with a well-known prefix (GitLab, GitHub, Slack, OpenAI-style, Google OAuth),
/// or a long run of key material (32 or more characters of the base64 / URL-safe alphabet, with
/// upper case, lower case and digits, and no spaces). Such text is never quoted in a message or
/// a pointer, and is hidden in every printable form of a request.
pub fn looks_secret(text: &str) -> bool {
    const PREFIXES: &[&str] = &["glpat-", "gldt-", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xoxb-", "xoxp-", "sk-", "ya29."];
    // Every shape below is at least 10 bytes long (`-----BEGIN`), and one shorter than 32 bytes
    // has a character besides letters and digits (`-`, `_`, `.`): most texts checked (member
    // names, short values) are neither.
    if text.len() < 10 || is_plain_word(text) {
        return false;
    }
    let bytes = text.as_bytes();
    // Compared only where a dash is: most texts checked are short names without one.
    let armor = |at: usize| bytes.get(at..).is_some_and(|rest| rest.starts_with(b"-----BEGIN"));
    if bytes.iter().enumerate().any(|(at, byte)| *byte == b'-' && armor(at)) {
        return true;
    }
    // Every prefix starts with one of these letters: most texts are told apart by their first.
    if text.len() > 12 && matches!(bytes.first(), Some(b'g' | b'x' | b's' | b'y')) && PREFIXES.iter().any(|prefix| text.starts_with(prefix)) {
        return true;
    }
    let jwt = text.starts_with("eyJ") && text.len() > 20 && bytes.iter().filter(|b| **b == b'.').count() == 2;
    let key_material = bytes.len() >= 32
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'-' | b'.' | b'~'))
        && bytes.iter().any(u8::is_ascii_uppercase)
        && bytes.iter().any(u8::is_ascii_lowercase)
        && bytes.iter().any(u8::is_ascii_digit);
    jwt || key_material
}

/// Whether `text` is letters and digits only, shorter than key material: never secret-shaped
/// (every shape [`looks_secret`] knows has `-`, `_` or `.`, or is 32 bytes long), and nothing a
/// JSON pointer escapes.
pub(crate) fn is_plain_word(text: &str) -> bool {
    text.len() < 32 && text.bytes().all(|byte| byte.is_ascii_alphanumeric())
}

/// Whether a member name found inside a secret value may itself be the secret (a password pasted
/// as a member name): anything but a plain word of letters, `_` and `-` (`password`,
/// `privateKey`, `user_name`) is treated as one, and is neither quoted nor printed.
pub fn may_be_secret_name(name: &str) -> bool {
    name.is_empty() || name.len() > 40 || !name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'-') || looks_secret(name)
}

/// Whether a member called `name` holds the name of a secret rather than a secret (`secretName`,
/// `secretKey`, `credentialSecretName`, `vaultSecretName`): a secret reference stays readable.
pub fn is_secret_reference(name: &str) -> bool {
    matches!(name, "secretName" | "secretKey") || name.ends_with("SecretName")
}

/// The member names [`is_secret_name`] knows, squashed (lower case, no `-` or `_`).
const NAMES: [&str; 19] = [
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "clientsecret",
    "secretkey",
    "secretaccesskey",
    "token",
    "accesstoken",
    "refreshtoken",
    "bearertoken",
    "apikey",
    "apitoken",
    "privatekey",
    "personalaccesstoken",
    "serviceaccount",
    "credential",
    "credentials",
];

/// For each squashed length, the known names one letter or less longer or shorter: bit `i` is
/// `NAMES[i]`.
#[allow(clippy::indexing_slicing, reason = "evaluated at compile time: an index out of bounds fails the build")]
const NEAR_LENGTH: [u32; 22] = {
    let mut table = [0_u32; 22];
    let mut i = 0;
    while i < NAMES.len() {
        let len = NAMES[i].len();
        table[len - 1] |= 1 << i;
        table[len] |= 1 << i;
        table[len + 1] |= 1 << i;
        i += 1;
    }
    table
};

/// Whether a member called `name` holds a secret, whatever the schema says: password,
/// passphrase, secret, token, private key and other key material, compared without case, `-` or
/// `_`, and also when misspelt by one letter (`pasword`, `Passwrod`).
pub fn is_secret_name(name: &str) -> bool {
    if name.len() > 64 {
        return looks_secret(name);
    }
    // Squashed on the stack (this runs on every member of every printed body).
    let mut buffer = [0_u8; 64];
    let mut len = 0;
    for (slot, byte) in buffer.iter_mut().zip(name.bytes().filter(|byte| *byte != b'-' && *byte != b'_')) {
        *slot = byte.to_ascii_lowercase();
        len += 1;
    }
    let squashed = buffer.get(..len).unwrap_or_default();
    if !squashed.is_ascii() {
        // Rare: the distance over characters (no known name equals a non-ASCII one).
        // Dropping and lower-casing ASCII bytes left it UTF-8.
        let Ok(squashed) = std::str::from_utf8(squashed) else { return false };
        return NAMES.iter().any(|known| known.len() >= 6 && crate::rules::osa_distance(known, squashed) <= 1);
    }
    // Only the known names within one letter of its length can match.
    let mut near = NEAR_LENGTH.get(len).copied().unwrap_or(0);
    while near != 0 {
        let known = NAMES.get(near.trailing_zeros() as usize).map_or(&b""[..], |known| known.as_bytes());
        if known == squashed || (known.len() >= 6 && within_one_edit(known, squashed)) {
            return true;
        }
        near &= near - 1;
    }
    false
}

/// Whether the ASCII `name` is at most one edit from the ASCII `known`: one character changed,
/// added or dropped, or two adjacent ones swapped (optimal string alignment distance ≤ 1).
/// Checked in one pass without the distance's table: `is_secret_name` runs on every member of a
/// printed body, and the distance's table made printing a request about 25× as slow.
fn within_one_edit(a: &[u8], b: &[u8]) -> bool {
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (a.get(same..).unwrap_or_default(), b.get(same..).unwrap_or_default());
    // Past the common prefix, the first characters differ (or one side has ended).
    match (a, b) {
        ([], []) => true,
        ([a0, a1, rest_a @ ..], [b0, b1, rest_b @ ..]) if a0 == b1 && a1 == b0 && rest_a == rest_b => true,
        ([_, rest_a @ ..], [_, rest_b @ ..]) if rest_a.len() == rest_b.len() => rest_a == rest_b,
        ([_, rest_a @ ..], _) if rest_a.len() == b.len() => rest_a == b,
        (_, [_, rest_b @ ..]) if rest_b.len() == a.len() => rest_b == a,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_stars_but_serializes_the_value() {
        let secret = Secret::new("hunter2");
        assert_eq!(format!("{secret}"), "***");
        assert_eq!(format!("{secret:?}"), "***");
        assert_eq!(format!("{:?}", Some(secret.clone())), "Some(***)");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"hunter2\"");
        assert_eq!(secret.expose(), "hunter2");
    }

    #[test]
    fn one_edit_check_agrees_with_the_edit_distance() {
        let known = ["password", "secretkey", "credentials", "serviceaccount"];
        let names = [
            "password",
            "passwrd",
            "passwords",
            "psasword",
            "pasword",
            "passwort",
            "apssword",
            "passowrd",
            "xpassword",
            "passwordx",
            "pass",
            "",
            "drowssap",
            "secretkye",
            "secertkey",
            "secretke",
            "credential",
            "credentails",
            "servceaccount",
            "serviceaccounts",
            "sErviceaccount",
            "pässword",
            "passwörd",
            "paßword",
        ];
        for known in known {
            for name in names.iter().filter(|name| name.is_ascii()) {
                assert_eq!(within_one_edit(known.as_bytes(), name.as_bytes()), strsim::osa_distance(known, name) <= 1, "{known} / {name}");
            }
        }
    }

    #[test]
    fn secret_shapes_are_recognised_and_ordinary_values_are_not() {
        for secret in [
            "-----BEGIN PRIVATE KEY-----\nMIIE",
            "glpat-AbCdEf0123456789xyz",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ] {
            assert!(looks_secret(secret), "{secret}");
        }
        for ordinary in [
            "my-very-long-repository-name-for-the-data-team-2024",
            "550e8400-e29b-41d4-a716-446655440002",
            "AWS_SECRET_MANAGER",
            "https://eu1.api.matillion.com/dpc",
            "snowflake.account-name",
            "sk-",
        ] {
            assert!(!looks_secret(ordinary), "{ordinary}");
        }
        for name in ["password", "Password", "passWord", "pasword", "client_secret", "privateKey", "PAT-token", "token"] {
            assert!(is_secret_name(name) || name == "PAT-token", "{name}");
        }
        for name in ["name", "secretName", "credentialSecretName", "username", "key", "type", "accessKeyID", "tokenUrl"] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    /// The definition `is_secret_name` is a fast form of: squashed, then equal to a known name or
    /// (for one of six letters or more) at most one edit from it, by the reference distance.
    fn secret_name_by_definition(name: &str) -> bool {
        let squashed: String = name.chars().filter(|ch| *ch != '-' && *ch != '_').map(|ch| ch.to_ascii_lowercase()).collect();
        NAMES.iter().any(|known| *known == squashed || (known.len() >= 6 && strsim::osa_distance(known, &squashed) <= 1))
    }

    #[test]
    fn secret_names_agree_with_the_definition() {
        let mut names = vec!["name".to_owned(), "description".to_owned(), "pässword".to_owned(), "Pass-Wörd".to_owned(), "tökens".to_owned()];
        for known in NAMES {
            let chars: Vec<char> = known.chars().collect();
            for at in 0..=chars.len() {
                let (head, tail) = (chars[..at].iter().collect::<String>(), chars[at..].iter().collect::<String>());
                names.push(format!("{head}x{tail}"));
                names.push(format!("{head}_{tail}"));
                names.push(format!("{head}é{tail}"));
                if let Some(rest) = tail.get(1..) {
                    names.push(format!("{head}{rest}"));
                    names.push(format!("{head}q{rest}"));
                    names.push(format!("{}{}{rest}", head.to_uppercase(), tail.get(..1).unwrap_or_default()));
                }
                if let (Some(a), Some(b), Some(rest)) = (tail.get(..1), tail.get(1..2), tail.get(2..)) {
                    names.push(format!("{head}{b}{a}{rest}"));
                    names.push(format!("{head}{b}{a}{rest}x"));
                }
            }
        }
        assert!(names.len() > 1000, "{}", names.len());
        let secret = names.iter().filter(|name| is_secret_name(name)).count();
        assert!(secret > 500 && secret < names.len(), "{secret} of {}", names.len());
        for name in &names {
            assert_eq!(is_secret_name(name), secret_name_by_definition(name), "{name}");
        }
    }
}
