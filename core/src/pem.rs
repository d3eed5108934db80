//! PEM private keys: checks that explain what is wrong with a pasted key, and a repair that fixes
//! what can be fixed (literal `\n` sequences, CRLF, one-line pastes, missing final newline, long
//! lines) and refuses what cannot (no armor, mismatched labels, a body that is not base64).
//!
//! The guide says a private key "MUST include \n newline characters": in JSON that is the `\n`
//! escape, i.e. a real line break in the value. Keys copied from a shell or a `.env` file often
//! hold the two characters `\` `n` instead, which the warehouse cannot read.
//!
//! Messages never quote the key: only labels (`PRIVATE KEY`) and line numbers.

use crate::pointer::Pointer;
use crate::rules::quote;
use crate::validate::Sink;
use crate::violation::{Code, Location, Violation};

/// Column at which the base64 body of a PEM block is wrapped.
pub const PEM_LINE_WIDTH: usize = 64;

const FIX: &str = "normalizePrivateKey (`normalize_private_key` in Python) repairs it";

/// Which armor line to look for.
#[derive(Clone, Copy)]
enum ArmorKind {
    Begin,
    End,
}

/// An armor line found in the text: its byte range and label.
#[derive(Clone, Copy)]
struct Armor<'t> {
    start: usize,
    end: usize,
    label: &'t str,
}

/// Finds the first `-----BEGIN label-----` (or END) armor line at or after `from`.
fn find_armor<'t>(text: &'t str, kind: ArmorKind, from: usize) -> Option<Armor<'t>> {
    let marker = match kind {
        ArmorKind::Begin => "-----BEGIN ",
        ArmorKind::End => "-----END ",
    };
    let start = find_dashed(text, from, marker)?;
    let label_start = start + marker.len();
    let label_len = find_dashed(text, label_start, "-----")? - label_start;
    let label = text.get(label_start..label_start + label_len)?;
    if label.len() > 80 || label.bytes().any(|byte| matches!(byte, b'\n' | b'\r' | b'\\')) {
        return None;
    }
    Some(Armor { start, end: label_start + label_len + 5, label })
}

/// The position of `marker` (which starts with `-`) at or after `from`. Jumps between dashes,
/// found by a byte scan: much cheaper than a substring search on the short texts that are most
/// secrets, and without memchr and its panic paths in the wasm module.
fn find_dashed(text: &str, from: usize, marker: &str) -> Option<usize> {
    let mut at = from;
    loop {
        at += text.get(at..)?.bytes().position(|b| b == b'-')?;
        if text.get(at..)?.starts_with(marker) {
            return Some(at);
        }
        at += 1;
    }
}

/// Whether a text looks like it was meant to be a PEM block (it has an armor line).
pub fn has_armor(text: &str) -> bool {
    find_dashed(text, 0, "-----BEGIN ").is_some() || find_dashed(text, 0, "-----END ").is_some()
}

/// Whether `text` contains `needle`: compared only where its first byte is (found by a byte
/// scan), which for the short texts checked here is as fast as `str::contains` and keeps the
/// substring searcher, memchr and their panic paths out of the wasm module.
fn contains_bytes(text: &str, needle: &str) -> bool {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else { return true };
    text.iter().enumerate().any(|(at, &byte)| byte == first && text.get(at..).is_some_and(|rest| rest.starts_with(needle)))
}

/// Turns literal `\n` (and `\r\n`, `\\n`) sequences into real line breaks, in one pass.
fn unescape_newlines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((head, tail)) = rest.find(['\\']).and_then(|at| rest.split_at_checked(at)) {
        out.push_str(head);
        let escape = ["\\\\n", "\\r\\n", "\\n"].into_iter().find(|escape| tail.starts_with(escape));
        let skip = escape.map_or(1, str::len);
        out.push_str(if escape.is_some() { "\n" } else { "\\" });
        rest = tail.get(skip..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Turns CRLF and lone CR line endings into LF.
fn unix_newlines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (index, part) in text.split(['\r']).enumerate() {
        if index > 0 && !part.starts_with('\n') {
            out.push('\n');
        }
        out.push_str(part);
    }
    out
}

/// Checks a PEM private key and returns what is wrong with it (empty when it is fine).
/// Pointers are empty: the key is the whole input.
pub fn check_private_key(text: &str) -> Vec<Violation> {
    let mut sink = Sink::default();
    check(&mut sink, &Pointer::named_root(Location::Body, "the private key"), text);
    sink.out
}

/// Checks a PEM private key at `at`.
pub(crate) fn check(sink: &mut Sink, at: &Pointer<'_>, text: &str) {
    let literal = contains_bytes(text, "\\n");
    let repaired;
    let work = if literal {
        sink.error(at, Code::PemLiteralNewline, format!("{} holds literal `\\n` sequences instead of line breaks; {FIX}", at.label()));
        repaired = unescape_newlines(text);
        repaired.as_str()
    } else {
        text
    };
    let begin = find_armor(work, ArmorKind::Begin, 0);
    let end = begin.map_or_else(|| find_armor(work, ArmorKind::End, 0), |begin| find_armor(work, ArmorKind::End, begin.end));
    let (begin, end) = match (begin, end) {
        (Some(begin), Some(end)) => (begin, end),
        (None, None) => {
            sink.error(
                at,
                Code::PemNoArmor,
                format!("{} has no `-----BEGIN PRIVATE KEY-----` line; paste the whole key file, BEGIN and END lines included", at.label()),
            );
            return;
        }
        (None, Some(end)) => {
            sink.error(at, Code::PemNoArmor, format!("{} lacks its `-----BEGIN {}-----` line; paste the whole key file", at.label(), end.label));
            return;
        }
        (Some(begin), None) => {
            sink.error(at, Code::PemNoArmor, format!("{} lacks its `-----END {}-----` line; paste the whole key file", at.label(), begin.label));
            return;
        }
    };
    if begin.label != end.label {
        sink.error(
            at,
            Code::PemLabelMismatch,
            format!(
                "{} starts with `-----BEGIN {}-----` but ends with `-----END {}-----`; both lines must name the same label",
                at.label(),
                begin.label,
                end.label
            ),
        );
    }
    if !begin.label.ends_with("PRIVATE KEY") {
        sink.error(
            at,
            Code::PemNotPrivateKey,
            format!(
                "{} holds a {} block, not a private key; use the private key file (`-----BEGIN PRIVATE KEY-----`)",
                at.label(),
                quote(begin.label)
            ),
        );
    }
    let before = work.get(..begin.start).unwrap_or_default();
    let after = work.get(end.end..).unwrap_or_default();
    if !before.chars().all(char::is_whitespace) || !after.chars().all(char::is_whitespace) {
        sink.warn(at, Code::PemExtraText, format!("{} has text before its BEGIN line or after its END line; remove it", at.label()));
    }
    let inner = work.get(begin.end..end.start).unwrap_or_default();
    let one_line = !inner.starts_with(['\n', '\r']) || !inner.trim_end_matches([' ', '\t']).ends_with('\n');
    if one_line && !literal {
        sink.error(
            at,
            Code::PemOneLine,
            format!("{} is not split into lines: the BEGIN line, the body and the END line must each end with a line break; {FIX}", at.label()),
        );
    }
    if !literal && text.bytes().any(|byte| byte == b'\r') {
        sink.warn(at, Code::PemCrlf, format!("{} uses Windows (CRLF) line endings; {FIX}", at.label()));
    }
    // The lines are read where needed rather than collected: a key is checked without a copy.
    let header_count = lines_of(inner).take_while(|line| is_header_line(line)).count();
    let body_lines = || lines_of(inner).skip(header_count);
    let encrypted = begin.label.starts_with("ENCRYPTED") || lines_of(inner).take(header_count).any(|h| contains_bytes(h, "ENCRYPTED"));
    if encrypted {
        sink.warn(
            at,
            Code::PemEncrypted,
            format!("{} is an encrypted private key: the environment must also reference its `passphrase`", at.label()),
        );
    }
    // The body is its lines' characters but whitespace; a line that `lines_of` yields has one.
    let body = || body_lines().flat_map(str::chars).filter(|ch| !ch.is_whitespace());
    if body_lines().next().is_none() {
        sink.error(at, Code::PemInvalidBase64, format!("{} has an empty key body between its BEGIN and END lines", at.label()));
        return;
    }
    if body_lines().all(|line| line.chars().all(|ch| ch.is_whitespace() || ch == '.' || ch == '…')) {
        sink.warn(
            at,
            Code::PemPlaceholder,
            format!("the body of {} is a placeholder (`...`), not a key; paste the real key before sending", at.label()),
        );
        return;
    }
    if !is_base64(body()) {
        let bad_line = body_lines().position(|line| line.trim().chars().any(|ch| !(ch.is_ascii_alphanumeric() || matches!(ch, '+' | '/' | '='))));
        let detail = match bad_line {
            Some(index) if !one_line => format!("line {} of the body holds a character that is not base64", crate::rules::int(index + 1)),
            Some(_) => "the body holds a character that is not base64".to_owned(),
            None => "the body has a wrong length or padding".to_owned(),
        };
        sink.error(at, Code::PemInvalidBase64, format!("{} is not a valid key: {detail}; copy the key again from its file", at.label()));
        return;
    }
    if !one_line && body_lines().any(|line| line.trim_end().chars().count() > PEM_LINE_WIDTH) {
        sink.warn(at, Code::PemLineLength, format!("{} has body lines longer than {} columns; {FIX}", at.label(), crate::rules::int(PEM_LINE_WIDTH)));
    }
}

/// Whether `body` is standard base64 (RFC 4648 alphabet, exactly the padding the length calls
/// for, and no stray bits in the last character): the rules of the `base64` crate's `STANDARD`
/// engine, which the tests hold this to. Checking needs no decoding (nor a copy of the body), and
/// this is a fraction of the decoder's size in the wasm module.
fn is_base64(body: impl IntoIterator<Item = char>) -> bool {
    let value = |ch: char| match u8::try_from(ch).unwrap_or(0) {
        byte @ b'A'..=b'Z' => Some(byte - b'A'),
        byte @ b'a'..=b'z' => Some(byte - b'a' + 26),
        byte @ b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let (mut length, mut padding, mut last) = (0usize, 0usize, None);
    for ch in body {
        if ch == '=' {
            padding += 1;
            continue;
        }
        // Padding only at the end.
        let Some(bits) = value(ch).filter(|_| padding == 0) else { return false };
        length += 1;
        last = Some(bits);
    }
    // The bits of the last character that fall past the last whole byte must be zero.
    let (canonical_padding, stray_mask) = match length % 4 {
        0 => (0, 0),
        2 => (2, 0b1111),
        3 => (1, 0b11),
        _ => return false,
    };
    padding == canonical_padding && last.is_none_or(|last| last & stray_mask == 0)
}

/// Whether `name` (before its `:`) is an RFC 1421 header name such as `Proc-Type` or `DEK-Info`:
/// letters, digits and `-`, starting with a letter. The checker and the repair read headers by
/// this one rule, so that a repaired key reads the same to both.
fn is_header_name(name: &str) -> bool {
    name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The non-blank lines of the text between the armor lines, without their CR: RFC 1421 header
/// lines (`Proc-Type: …`, see [`is_header_line`]) first, then the body.
fn lines_of(inner: &str) -> impl Iterator<Item = &str> {
    // Split at `\n` by byte (`str::split` runs a char searcher per line).
    let mut rest = Some(inner);
    std::iter::from_fn(move || {
        let text = rest?;
        let end = text.bytes().position(|byte| byte == b'\n');
        rest = end.and_then(|end| text.get(end + 1..));
        end.map_or(Some(text), |end| text.get(..end))
    })
    .map(|line| line.trim_end_matches(['\r']))
    .filter(|line| !line.chars().all(char::is_whitespace))
}

/// Whether a line between the armor lines is an RFC 1421 header line (`Proc-Type: …`).
fn is_header_line(line: &str) -> bool {
    line.split_once([':']).is_some_and(|(name, _)| is_header_name(name))
}

/// The message of the error a binding raises when [`normalize_private_key`] refuses a key.
pub fn unrepairable_key_message(violations: &[Violation]) -> String {
    format!("the private key cannot be repaired: it {}", crate::violation::summary(violations))
}

/// Repairs a PEM private key: literal `\n` sequences, CRLF, one-line pastes, long or short lines,
/// text around the block, and a missing final newline. The result has the BEGIN line, any
/// headers, the base64 body wrapped at 64 columns, the END line and a final newline.
///
/// Refuses, with the violations that say why, what it cannot repair: no armor, mismatched labels,
/// a body that is not base64, or a block that is not a private key.
pub fn normalize_private_key(text: &str) -> Result<String, Vec<Violation>> {
    let at = Pointer::named_root(Location::Body, "the private key");
    let work = unix_newlines(&unescape_newlines(text));
    let mut sink = Sink::default();
    let begin = find_armor(&work, ArmorKind::Begin, 0);
    let end = begin.and_then(|begin| find_armor(&work, ArmorKind::End, begin.end));
    let (Some(begin), Some(end)) = (begin, end) else {
        // Let the checker say which armor line is missing.
        check(&mut sink, &at, &work);
        return Err(sink.out);
    };
    let inner = work.get(begin.end..end.start).unwrap_or_default();
    let tokens: Vec<&str> = inner.split_whitespace().collect();
    let mut headers = Vec::new();
    let mut index = 0;
    while let (Some(name), Some(value)) = (tokens.get(index), tokens.get(index + 1)) {
        if !name.strip_suffix(':').is_some_and(is_header_name) {
            break;
        }
        headers.push(format!("{name} {value}"));
        index += 2;
    }
    let body: String = tokens.get(index..).unwrap_or_default().concat();
    let mut out = String::with_capacity(body.len() + body.len() / PEM_LINE_WIDTH + 128);
    out.push_str(&format!("-----BEGIN {}-----\n", begin.label));
    for header in &headers {
        out.push_str(header);
        out.push('\n');
    }
    if !headers.is_empty() {
        out.push('\n');
    }
    let mut rest = body.as_str();
    while !rest.is_empty() {
        let cut = rest.char_indices().nth(PEM_LINE_WIDTH).map_or(rest.len(), |(i, _)| i);
        let (line, tail) = rest.split_at_checked(cut).unwrap_or((rest, ""));
        out.push_str(line);
        out.push('\n');
        rest = tail;
    }
    out.push_str(&format!("-----END {}-----\n", end.label));
    // What is left is what repair cannot fix: report it from the repaired text.
    check(&mut sink, &at, &out);
    sink.out.retain(|violation| violation.is_error());
    if sink.out.is_empty() { Ok(out) } else { Err(sink.out) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY_BODY: &str = "MIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEAq7BFUpkGp3+LQmlQYx2eqzDV+xeG8kx/sQFV18S5JhzGeIJNA72wSeukEPojtqUyX2J0CciPBh7eqclQ2zpAswIDAQABAkAgisq4+zRdrzkwH1ITV1vpytnkO/NiHcnePQiOW0VUybPyHoGM/jf75C5xET7ZQpBe5kx5VHsPZj0CBb3b+wSRAiEA2mPWCBytosIU/ODRfq6EiV04lt6waE7I2uSPqIC20LcCIQDJQYIHQII+3YaPqyhGgqMexuuuGx+lDKD6/Fu/JwPb5QIhAKthiYcYKlL9h8bjDsQhZDUACPasjzdsDEdq8inDyLOFAiEAmCr/tZwA3qeAZoBzI10DGPIuoKXBd3nk/eBxPkaxlEECIQCNymjsoI7GldtujVnr1qT+3yedLfHKsrDVjIT3LsvTqw==";

    #[test]
    fn newline_rewrites_match_the_plain_replace_chains() {
        let samples = ["", "a\\nb", "a\\\\nb", "a\\r\\nb", "\\\\\\n", "\\r\\\\n", "x\\", "\\", "é\\n€\\q", "a\r\nb\rc\n\r", "\r\r\n"];
        for text in samples {
            let chained = text.replace("\\\\n", "\n").replace("\\r\\n", "\n").replace("\\n", "\n");
            assert_eq!(unescape_newlines(text), chained, "{text:?}");
            assert_eq!(unix_newlines(text), text.replace("\r\n", "\n").replace('\r', "\n"), "{text:?}");
        }
        assert!(contains_bytes("ab\\nc", "\\n") && !contains_bytes("ab\nc", "\\n") && !contains_bytes("", "x"));
    }

    /// Every property test of this module: a fixed seed and no regression files in the tree.
    fn config() -> proptest::prelude::ProptestConfig {
        proptest::prelude::ProptestConfig {
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x6d61_6961),
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        }
    }

    #[test]
    fn garbage_before_a_colon_is_body_not_a_header() {
        // Found by the private_key fuzz target: `: …` and `-----: …` lines were taken as headers by
        // both the repair and the checker, so a body of garbage was "repaired" into a key that
        // the repair then refused.
        let pasted = "-----BEGIN PRIVATE KEY-----\n: MapPKGu8\u{fffd}\n-----: X\n-----END PRIVATE KEY-----\n";
        assert!(normalize_private_key(pasted).is_err());
        let codes: Vec<&str> = check_private_key(pasted).iter().map(|v| v.code.as_str()).collect();
        assert!(codes.contains(&"pem.invalid_base64"), "{codes:?}");
        // Real headers still read as headers: see the encrypted-key test below.
    }

    #[test]
    fn base64_check_regression_00m() {
        // Found by proptest once (it was in proptest-regressions/pem.txt): `00M` is not base64.
        use base64::Engine as _;
        assert_eq!(is_base64("00M".chars()), base64::engine::general_purpose::STANDARD.decode(b"00M").is_ok());
    }

    proptest::proptest! {
        #![proptest_config(config())]
        #[test]
        fn newline_rewrites_match_the_replace_chains_on_any_text(text in "[\\\\nr\r\na]{0,16}") {
            let chained = text.replace("\\\\n", "\n").replace("\\r\\n", "\n").replace("\\n", "\n");
            proptest::prop_assert_eq!(unescape_newlines(&text), chained);
            proptest::prop_assert_eq!(unix_newlines(&text), text.replace("\r\n", "\n").replace('\r', "\n"));
        }
    }

    proptest::proptest! {
        #![proptest_config(config())]
        #[test]
        fn base64_check_agrees_with_the_base64_crate(body in "[A-Za-z0-9+/=*]{0,12}|[A-Da-d+=]{0,9}") {
            use base64::Engine as _;
            let reference = base64::engine::general_purpose::STANDARD.decode(body.as_bytes()).is_ok();
            proptest::prop_assert_eq!(is_base64(body.chars()), reference, "{:?}", body);
        }

        #[test]
        fn base64_check_accepts_every_encoding(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..48)) {
            use base64::Engine as _;
            proptest::prop_assert!(is_base64(base64::engine::general_purpose::STANDARD.encode(&bytes).chars()));
        }
    }

    #[test]
    fn base64_check_on_padding_and_stray_bits() {
        for (body, valid) in [("", true), ("QQ==", true), ("QQ=", false), ("QQ", false), ("QR==", false), ("QUI=", true), ("QUJ=", false)] {
            assert_eq!(is_base64(body.chars()), valid, "{body}");
        }
        for body in ["Q", "QQ===", "====", "Q=Q=", "QUJD=", "QU I="] {
            assert!(!is_base64(body.chars()), "{body}");
        }
        assert!(is_base64(KEY_BODY.chars()));
    }

    fn multiline(width: usize) -> String {
        let lines: Vec<String> = KEY_BODY.as_bytes().chunks(width).map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
        format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n", lines.join("\n"))
    }

    fn codes(text: &str) -> Vec<&'static str> {
        check_private_key(text).iter().map(|v| v.code.as_str()).collect()
    }

    #[test]
    fn a_good_key_is_clean_with_or_without_final_newline() {
        let key = multiline(64);
        assert!(check_private_key(&key).is_empty());
        assert!(check_private_key(key.trim_end()).is_empty());
    }

    #[test]
    fn each_problem_has_its_code() {
        let key = multiline(64);
        assert_eq!(codes(&key.replace('\n', "\\n")), ["pem.literal_newline"]);
        assert_eq!(codes(&key.replace('\n', " ")), ["pem.one_line"]);
        assert_eq!(codes(&key.replace('\n', "\r\n")), ["pem.crlf"]);
        assert_eq!(codes(&multiline(76)), ["pem.line_length"]);
        assert_eq!(codes(KEY_BODY), ["pem.no_armor"]);
        assert_eq!(codes(&key.replace("-----END PRIVATE KEY-----\n", "")), ["pem.no_armor"]);
        assert_eq!(codes(&key.replace("-----END PRIVATE", "-----END RSA PRIVATE")), ["pem.label_mismatch"]);
        assert_eq!(codes(&key.replace("MIIB", "MI*B")), ["pem.invalid_base64"]);
        assert_eq!(codes(&key.replace("PRIVATE KEY", "PUBLIC KEY")), ["pem.not_private_key"]);
        assert_eq!(codes(&key.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")), ["pem.encrypted"]);
        assert_eq!(codes(&format!("key: {key}")), ["pem.extra_text"]);
        assert_eq!(codes("-----BEGIN PRIVATE KEY-----\n.....\n-----END PRIVATE KEY-----"), ["pem.placeholder"]);
    }

    #[test]
    fn normalize_repairs_what_it_can() {
        let good = multiline(64);
        for broken in [
            good.replace('\n', "\\n"),
            good.replace('\n', " "),
            good.replace('\n', "\r\n"),
            good.trim_end().to_owned(),
            multiline(76),
            multiline(40).replace('\n', "\\r\\n"),
            format!("  \n{good}\n\n"),
        ] {
            assert_eq!(normalize_private_key(&broken).as_deref(), Ok(good.as_str()), "{broken:?}");
        }
        assert_eq!(normalize_private_key(&good).unwrap(), good);
    }

    #[test]
    fn normalize_keeps_encryption_headers() {
        let key = format!(
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0123456789ABCDEF\n\n{}\n-----END RSA PRIVATE KEY-----\n",
            KEY_BODY
        );
        let fixed = normalize_private_key(&key.replace('\n', "\\n")).unwrap();
        assert!(fixed.starts_with("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0123456789ABCDEF\n\nMIIB"));
        assert_eq!(codes(&fixed), ["pem.encrypted"]);
    }

    #[test]
    fn normalize_refuses_what_it_cannot_repair() {
        let good = multiline(64);
        for (broken, code) in [
            (KEY_BODY.to_owned(), "pem.no_armor"),
            (good.replace("-----END PRIVATE", "-----END RSA PRIVATE"), "pem.label_mismatch"),
            (good.replace("MIIB", "MI*B"), "pem.invalid_base64"),
            (good.replace("PRIVATE KEY", "CERTIFICATE"), "pem.not_private_key"),
        ] {
            let err = normalize_private_key(&broken).unwrap_err();
            assert!(err.iter().any(|v| v.code.as_str() == code), "{code}: {err:?}");
            assert!(err.iter().all(|v| !v.message.contains("MIIBVQ")), "messages must not quote the key");
        }
    }
}
