//! The checks every object needs and the wording every message shares: types, required,
//! foreign and unknown members (with did-you-mean), strings, enumerations, UUIDs, and how a
//! message quotes a user value or lists the allowed ones.

use crate::json::{Node, Object, View};
use crate::pointer::Pointer;
use crate::validate::Sink;
use crate::violation::Code;
use std::fmt::{self, Write as _};

/// Longest user value echoed in a message; longer values are cut with `…`.
const ECHO_LIMIT: usize = 64;

/// A user value as messages quote it: in backticks, cut at [`ECHO_LIMIT`] characters, control
/// characters escaped; a value that looks like a secret ([`crate::redact::looks_secret`]) is not
/// quoted at all. Never call this with a known secret.
pub(crate) fn quote(value: &str) -> Quoted<'_> {
    Quoted(value)
}

/// A quoted user value (see [`quote`]); written straight into the message.
pub(crate) struct Quoted<'v>(&'v str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if crate::redact::looks_secret(self.0) {
            return f.write_str("a value that looks like a secret (not shown)");
        }
        f.write_char('`')?;
        // The common case in one write: short and without control characters.
        if self.0.len() <= ECHO_LIMIT && !self.0.chars().any(char::is_control) {
            f.write_str(self.0)?;
            return f.write_char('`');
        }
        let mut chars = self.0.chars();
        for ch in chars.by_ref().take(ECHO_LIMIT) {
            if ch.is_control() {
                write_escaped(f, ch)?;
            } else {
                f.write_char(ch)?;
            }
        }
        if chars.next().is_some() {
            f.write_char('…')?;
        }
        f.write_char('`')
    }
}

/// Writes `ch` as `char::escape_default` does, for the characters messages escape (controls and
/// invisible direction marks): `\t`, `\r`, `\n`, else `\u{…}` in lower-case hex. Written here
/// so that the wasm module does not carry core's escaper for every kind of character.
pub(crate) fn write_escaped(f: &mut fmt::Formatter<'_>, ch: char) -> fmt::Result {
    f.write_char('\\')?;
    match ch {
        '\t' => return f.write_char('t'),
        '\r' => return f.write_char('r'),
        '\n' => return f.write_char('n'),
        _ => {}
    }
    f.write_str("u{")?;
    let code = u32::from(ch);
    let digits = (code | 1).ilog2() / 4 + 1;
    for at in (0..digits).rev() {
        f.write_char(char::from_digit((code >> (at * 4)) & 0xF, 16).unwrap_or('0'))?;
    }
    f.write_char('}')
}

/// An integer as messages write it: through `serde_json::Number` (itoa), the integer writer the
/// JSON text uses, so that the wasm module carries one (core's `Display` for integers would be a
/// second, with its padding code).
pub(crate) fn int(n: impl Into<serde_json::Number>) -> serde_json::Number {
    n.into()
}

/// `parts` with `separator` between them: `[String]::join` without std's code for every
/// separator length (0.9 KB of the wasm module).
pub(crate) fn joined(parts: &[String], separator: &str) -> String {
    let mut out = String::with_capacity(parts.iter().map(|part| part.len() + separator.len()).sum());
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            out.push_str(separator);
        }
        out.push_str(part);
    }
    out
}

/// A list of allowed values for a message: `` `a`, `b` or `c` ``.
pub(crate) fn one_of(values: &[&str]) -> String {
    let mut out = String::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == values.len() { " or " } else { ", " });
        }
        out.push('`');
        out.push_str(value);
        out.push('`');
    }
    out
}

/// How a JSON value's type reads in a message.
pub(crate) fn kind<N: Node>(value: &N) -> &'static str {
    match value.view() {
        View::Null => "null",
        View::Bool(_) => "a boolean",
        View::Number(_) => "a number",
        View::String(_) => "a string",
        View::Array(_) => "an array",
        View::Object(_) => "an object",
    }
}

/// The closest candidate to `input`, for a did-you-mean hint: a match but for case or `-`/`_`
/// first, then the nearest by edit distance when it is close enough to be a typo, and only then a
/// truncation or expansion (`GENERIC` for `GENERIC_SECRET`).
pub(crate) fn suggest<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    if input.is_empty() || input.len() > 200 {
        return None;
    }
    let lower = input.to_ascii_lowercase();
    let squash = |text: &str| text.replace(['-', '_'], "");
    let (squashed, length) = (squash(&lower), lower.chars().count());
    let mut nearest: Option<(usize, &'c str)> = None;
    let mut prefix: Option<&'c str> = None;
    for candidate in candidates {
        let candidate_lower = candidate.to_ascii_lowercase();
        if candidate_lower == lower || squash(&candidate_lower) == squashed {
            return Some(candidate);
        }
        let candidate_length = candidate.chars().count();
        let limit = (candidate_length / 3).clamp(1, 3);
        // The lengths' difference is a lower bound of the distance: a far candidate costs no table.
        let distance = if length.abs_diff(candidate_length) > limit { usize::MAX } else { osa_distance(&lower, &candidate_lower) };
        if distance <= limit && nearest.is_none_or(|(d, _)| distance < d) {
            nearest = Some((distance, candidate));
        }
        let related = candidate_lower.starts_with(&lower) || lower.starts_with(&candidate_lower);
        if prefix.is_none() && lower.len() >= 4 && candidate_lower.len() >= 4 && related {
            prefix = Some(candidate);
        }
    }
    nearest.map(|(_, candidate)| candidate).or(prefix)
}

/// The optimal string alignment distance between `a` and `b` in characters (edits, and swaps of
/// two neighbours): what `strsim::osa_distance` computes (a test holds the two equal), in two
/// thirds of its code in the wasm module.
pub(crate) fn osa_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    // Rows i - 2, i - 1 and i of the table (distances from the first i characters of `a` to the
    // first j of `b`), side by side in one vector and rotated by their offsets: the first two
    // start as 0..=len, the third is written before it is read.
    let mut rows: Vec<usize> = (0..3 * width).map(|at| at % width).collect();
    let (mut two_back, mut back, mut row) = (0, width, 2 * width);
    let mut previous = None;
    for (i, a_char) in a.chars().enumerate() {
        let mut left = i + 1;
        if let Some(first) = rows.get_mut(row) {
            *first = left;
        }
        for (j, &b_char) in b.iter().enumerate() {
            let cell = |at: usize| rows.get(at).copied().unwrap_or(0);
            let cost = usize::from(a_char != b_char);
            let mut distance = (left + 1).min(cell(back + j + 1) + 1).min(cell(back + j) + cost);
            // `a_char` and the one before it are `b`'s last two, swapped.
            if cost == 1 && j > 0 && previous == Some(b_char) && b.get(j - 1) == Some(&a_char) {
                distance = distance.min(cell(two_back + j - 1) + 1);
            }
            if let Some(slot) = rows.get_mut(row + j + 1) {
                *slot = distance;
            }
            left = distance;
        }
        (two_back, back, row) = (back, row, two_back);
        previous = Some(a_char);
    }
    rows.get(back + b.len()).copied().unwrap_or(0)
}

/// ` Did you mean `x`?`-style hint, or nothing.
pub(crate) fn did_you_mean<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> String {
    match suggest(input, candidates) {
        Some(candidate) => format!("; did you mean `{candidate}`?"),
        None => String::new(),
    }
}

/// The members an object may have: `known` are read, `required` must be present, and
/// `variants` (when the object is one variant of a family) adds the chosen variant's members.
pub(crate) struct Shape<'s> {
    pub(crate) known: &'s [&'s str],
    pub(crate) required: &'s [&'s str],
    pub(crate) variants: Option<Variants<'s>>,
}

/// A family of variants (vault types, Git providers, …) and the members each takes.
pub(crate) struct Variants<'s> {
    /// Every variant with its members.
    pub(crate) table: &'s [(&'s str, &'s [&'s str])],
    /// The variant this object is; `None` when unknown (then every variant's members are known).
    pub(crate) chosen: Option<&'s str>,
    /// How messages call the family's objects (`locations`, `repositories`).
    pub(crate) noun: &'s str,
    /// Whether the chosen variant's members are all required.
    pub(crate) required: bool,
}

impl<'s> Shape<'s> {
    pub(crate) const fn new(known: &'s [&'s str], required: &'s [&'s str]) -> Shape<'s> {
        Shape { known, required, variants: None }
    }
}

impl Variants<'_> {
    fn members_of(&self, variant: &str) -> &[&str] {
        self.table.iter().find(|(name, _)| *name == variant).map_or(&[], |(_, members)| members)
    }

    /// Whether `key` is a member of the chosen variant (of any variant when none is chosen).
    fn knows(&self, key: &str) -> bool {
        match self.chosen {
            Some(chosen) => self.members_of(chosen).contains(&key),
            None => self.table.iter().any(|(_, members)| members.contains(&key)),
        }
    }

    /// The members the chosen variant takes (every variant's when none is chosen).
    fn candidates(&self) -> impl Iterator<Item = &str> {
        let chosen = self.chosen;
        self.table.iter().filter(move |(name, _)| chosen.is_none_or(|c| c == *name)).flat_map(|(_, members)| members.iter().copied())
    }
}

/// Checks that `value` is an object of `shape`; reports missing, foreign and unknown members.
/// Returns the object for further checks, or `None` when it is not an object.
pub(crate) fn object<'v, N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &'v N, shape: &Shape<'_>) -> Option<&'v N::Object> {
    let Some(map) = value.as_object() else {
        sink.error(at, Code::Type, format!("{} must be an object; got {}", at.label(), kind(value)));
        return None;
    };
    let variant_required = shape.variants.as_ref().filter(|v| v.required).and_then(|v| v.chosen.map(|c| v.members_of(c))).unwrap_or(&[]);
    let mut required_found = 0;
    for (key, value) in map.entries() {
        if shape.required.contains(&key) || variant_required.contains(&key) {
            required_found += usize::from(!value.is_null());
            continue;
        }
        if shape.known.contains(&key) || shape.variants.as_ref().is_some_and(|v| v.knows(key)) {
            continue;
        }
        let member = at.key(key);
        let owner = shape.variants.as_ref().and_then(|v| {
            let chosen = v.chosen?;
            v.table.iter().find(|(_, members)| members.contains(&key)).map(|(owner, _)| (*owner, chosen, v.noun))
        });
        if let Some((owner, chosen, noun)) = owner {
            let own = shape.variants.as_ref().map_or(&[][..], |v| v.members_of(chosen));
            let takes = if own.is_empty() { "take no other members".to_owned() } else { format!("take {}", one_of(own)) };
            sink.error(
                &member,
                Code::VariantField,
                format!("`{key}` belongs to `{owner}` {noun}, not to `{chosen}` {noun}, which {takes}; remove it or change the variant"),
            );
        } else {
            let candidates = shape.known.iter().copied().chain(shape.variants.iter().flat_map(Variants::candidates));
            let hint = did_you_mean(key, candidates);
            sink.warn(&member, Code::UnknownField, format!("{} is not a documented member{} and is sent as it is{hint}", quote(key), in_object(at)));
        }
    }
    // Reported after unknown members so that a typo's did-you-mean precedes nothing it explains.
    if required_found < shape.required.len() + variant_required.len() {
        for name in shape.required.iter().chain(variant_required) {
            match map.get(name).map(Node::view) {
                None => sink.error(&at.key(name), Code::Required, format!("`{name}` is required{}", in_object(at))),
                Some(View::Null) => sink.error(&at.key(name), Code::Required, format!("`{name}` is required{} and must not be null", in_object(at))),
                Some(_) => {}
            }
        }
    }
    Some(map)
}

fn in_object(at: &Pointer<'_>) -> String {
    if at.is_root() { String::new() } else { format!(" in {}", at.label()) }
}

/// Checks that `value` is a string of at least `min` characters (and at most `max`).
pub(crate) fn string<'v, N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &'v N, min: usize, max: Option<usize>) -> Option<&'v str> {
    let Some(text) = value.as_str() else {
        sink.error(at, Code::Type, format!("{} must be a string; got {}", at.label(), kind(value)));
        return None;
    };
    if text.len() < min || (min > 1 && text.chars().count() < min) {
        let message =
            if min == 1 { format!("{} must not be empty", at.label()) } else { format!("{} must have at least {} characters", at.label(), int(min)) };
        sink.error(at, Code::MinLength, message);
    } else if let Some(max) = max.filter(|max| text.len() > *max) {
        let count = text.chars().count();
        if count > max {
            sink.error(at, Code::MaxLength, format!("{} must have at most {} characters; it has {}", at.label(), int(max), int(count)));
        }
    }
    Some(text)
}

/// The member `name` of `map`, unless it is absent or `null` (an optional member given as `null`
/// is treated as absent, as Python's `None` and JavaScript's `null` commonly are).
pub(crate) fn member<'v, O: Object>(map: &'v O, name: &str) -> Option<&'v O::Node> {
    map.get(name).filter(|value| !value.is_null())
}

/// The optional string member `name` of `map`, checked with [`string`].
pub(crate) fn string_member<'v, O: Object>(sink: &mut Sink, at: &Pointer<'_>, map: &'v O, name: &str, min: usize) -> Option<&'v str> {
    member(map, name).and_then(|value| string(sink, &at.key(name), value, min, None))
}

/// How an enumeration compares values.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Exactly as written in the seeds.
    Exact,
    /// Either all lower case or all upper case (the vendor documents both).
    LowerOrUpper,
}

/// Checks that `value` is one of `allowed`; returns the canonical allowed value.
pub(crate) fn enumeration<N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &N, allowed: &[&'static str], case: Case) -> Option<&'static str> {
    let text = string(sink, at, value, 1, None)?;
    if text.is_empty() {
        return None;
    }
    let single_case = || !text.bytes().any(|b| b.is_ascii_lowercase()) || !text.bytes().any(|b| b.is_ascii_uppercase());
    if let Some(found) =
        allowed.iter().find(|candidate| **candidate == text || (case == Case::LowerOrUpper && candidate.eq_ignore_ascii_case(text) && single_case()))
    {
        return Some(found);
    }
    let hint = did_you_mean(text, allowed.iter().copied());
    sink.error(at, Code::Enum, format!("{} must be {}; got {}{hint}", at.label(), one_of(allowed), quote(text)));
    None
}

/// The optional enumeration member `name` of `map`, checked with [`enumeration`].
pub(crate) fn enum_member<O: Object>(
    sink: &mut Sink,
    at: &Pointer<'_>,
    map: &O,
    name: &str,
    allowed: &[&'static str],
    case: Case,
) -> Option<&'static str> {
    member(map, name).and_then(|value| enumeration(sink, &at.key(name), value, allowed, case))
}

/// Whether `text` is a UUID in 8-4-4-4-12 hex form (either case).
pub(crate) fn is_uuid(text: &str) -> bool {
    uuid_shape(text.as_bytes(), |b| b.is_ascii_hexdigit())
}

/// Whether `bytes` are 8-4-4-4-12 groups of `digit` bytes separated by dashes.
fn uuid_shape(bytes: &[u8], digit: impl Fn(u8) -> bool) -> bool {
    // The dashes where they belong, and only there (`digit` takes no dash): one pass over a
    // fixed-size array, without branches.
    const DASHES: u64 = (1 << 8) | (1 << 13) | (1 << 18) | (1 << 23);
    let Ok(bytes) = <&[u8; 36]>::try_from(bytes) else { return false };
    bytes.iter().enumerate().fold(true, |ok, (at, &byte)| ok & if DASHES >> at & 1 == 1 { byte == b'-' } else { digit(byte) })
}

/// Checks that `value` is a lower-case UUID, as the API's id pattern
/// `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$` requires.
pub(crate) fn lowercase_uuid<N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &N) {
    let Some(text) = string(sink, at, value, 1, None) else { return };
    if text.is_empty() {
        return;
    }
    // The common case first: one pass for a lower-case UUID.
    if uuid_shape(text.as_bytes(), |b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return;
    }
    if is_uuid(text) {
        sink.error(at, Code::UuidCase, format!("{} must be a lower-case UUID; use {}", at.label(), quote(&text.to_ascii_lowercase())));
    } else {
        sink.error(at, Code::Pattern, format!("{} must be a UUID such as `550e8400-e29b-41d4-a716-446655440002`; got {}", at.label(), quote(text)));
    }
}

/// Checks that `value` is a string; a number or boolean is accepted with a warning (it is sent
/// as a string). Returns whether the value is usable.
pub(crate) fn lenient_string<N: Node>(sink: &mut Sink, at: &Pointer<'_>, value: &N) -> bool {
    if value.as_str().is_some() {
        return true;
    }
    match value.scalar_text() {
        Some(text) => {
            sink.warn(at, Code::NotString, format!("{} should be a string; {} is sent as `\"{text}\"`", at.label(), kind(value)));
            true
        }
        None => {
            sink.error(at, Code::Type, format!("{} must be a string; got {}", at.label(), kind(value)));
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt;

    struct Escaped(char);

    impl fmt::Display for Escaped {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            super::write_escaped(f, self.0)
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x6f73_6100),
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::with_cases(4096)
        })]
        #[test]
        fn osa_distance_is_strsims(a in "[abé_-]{0,7}", b in "[abé_-]{0,7}") {
            proptest::prop_assert_eq!(super::osa_distance(&a, &b), strsim::osa_distance(&a, &b));
        }
    }

    #[test]
    fn escapes_as_char_escape_default_does() {
        let marks = ['\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'];
        for ch in (0..=0x10FFFF).filter_map(char::from_u32).filter(|ch| ch.is_control()).chain(marks) {
            assert_eq!(Escaped(ch).to_string(), ch.escape_default().to_string(), "{:x}", u32::from(ch));
        }
    }
}
