//! Lenient timestamps for responses: the API sends `2024-01-15T10:30:00.123Z` in one place and
//! `2026-04-23T14:05:30.858475` (no zone, microseconds) in another; both parse.
//!
//! Hand-written rather than a date crate to keep the wasm build small: only this one ISO 8601
//! form is needed, and the raw text is always kept.

use serde::{Deserialize, Serialize};

/// A date-time as the server sent it, with its parsed parts when it is ISO 8601.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    raw: String,
}

/// The parts of an ISO 8601 date-time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTimeParts {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–60 (leap second allowed).
    pub second: u8,
    /// Fraction of a second in nanoseconds.
    pub nanosecond: u32,
    /// Offset from UTC in minutes, when the text has a zone (`Z` is 0); `None` for local times.
    pub offset_minutes: Option<i16>,
}

impl Timestamp {
    /// Wraps a raw timestamp.
    pub fn new(raw: impl Into<String>) -> Timestamp {
        Timestamp { raw: raw.into() }
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The parsed parts, or `None` when the text is not an ISO 8601 date-time.
    pub fn parts(&self) -> Option<DateTimeParts> {
        parse(&self.raw)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.raw)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Timestamp::new)
    }
}

fn number(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let digits = text.get(range)?;
    if digits.bytes().all(|b| b.is_ascii_digit()) { digits.parse().ok() } else { None }
}

fn parse(text: &str) -> Option<DateTimeParts> {
    let bytes = text.as_bytes();
    if bytes.len() < 19 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') || !matches!(bytes.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    if bytes.get(13) != Some(&b':') || bytes.get(16) != Some(&b':') {
        return None;
    }
    let year = i32::try_from(number(text, 0..4)?).ok()?;
    let month = u8::try_from(number(text, 5..7)?).ok()?;
    let day = u8::try_from(number(text, 8..10)?).ok()?;
    let hour = u8::try_from(number(text, 11..13)?).ok()?;
    let minute = u8::try_from(number(text, 14..16)?).ok()?;
    let second = u8::try_from(number(text, 17..19)?).ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = text.get(19..)?;
    let mut nanosecond = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        let value: u32 = fraction.get(..digits)?.parse().ok()?;
        nanosecond = value * 10u32.pow(9 - u32::try_from(digits).ok()?);
        rest = fraction.get(digits..)?;
    }
    let offset_minutes = match rest {
        "" => None,
        "Z" | "z" => Some(0),
        zone => {
            let sign: i16 = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (hours, minutes) = match zone.len() {
                6 if zone.as_bytes().get(3) == Some(&b':') => (number(zone, 1..3)?, number(zone, 4..6)?),
                5 => (number(zone, 1..3)?, number(zone, 3..5)?),
                3 => (number(zone, 1..3)?, 0),
                _ => return None,
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            Some(sign * i16::try_from(hours * 60 + minutes).ok()?)
        }
    };
    Some(DateTimeParts { year, month, day, hour, minute, second, nanosecond, offset_minutes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_and_without_zone() {
        let zoned = Timestamp::new("2024-01-15T10:30:00.123Z").parts().unwrap();
        assert_eq!((zoned.year, zoned.month, zoned.day, zoned.nanosecond, zoned.offset_minutes), (2024, 1, 15, 123_000_000, Some(0)));
        let local = Timestamp::new("2026-04-23T14:05:30.858475").parts().unwrap();
        assert_eq!((local.hour, local.minute, local.second, local.nanosecond, local.offset_minutes), (14, 5, 30, 858_475_000, None));
        let offset = Timestamp::new("2026-04-23T14:05:30-05:30").parts().unwrap();
        assert_eq!(offset.offset_minutes, Some(-330));
        assert_eq!(Timestamp::new("2026-04-23T14:05:30+0200").parts().unwrap().offset_minutes, Some(120));
    }

    #[test]
    fn rejects_non_dates_without_losing_the_text() {
        for text in ["", "yesterday", "2024-13-01T00:00:00Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+99:00", "2024-01-01T00:00:00.1234567890Z"]
        {
            let stamp = Timestamp::new(text);
            assert_eq!(stamp.parts(), None, "{text}");
            assert_eq!(stamp.as_str(), text);
        }
    }
}
