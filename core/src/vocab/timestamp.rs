//! Points in time as ISO 8601 / RFC 3339 writes them (`2025-06-01T14:05:00+02:00`), for the
//! events of a case. The core reads no clock: the caller gives every time.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use super::date::Date;

/// A point in time: a calendar date, a time of day to the nanosecond and, where the text
/// gave one, its offset from UTC.
///
/// Accepted text: `YYYY-MM-DD`, optionally followed by `T` (or a space) and `HH:MM`,
/// `HH:MM:SS` or `HH:MM:SS.fraction` (one to nine digits, after `.` or `,`), optionally
/// followed by `Z`, `±HH:MM`, `±HHMM` or `±HH`, and optionally by a bracketed time-zone name
/// (`[Europe/Stockholm]`, RFC 9557), which is ignored: the offset names the instant. A date
/// alone is midnight. Python's `datetime.isoformat()`, JavaScript's `Date.toISOString()`,
/// Java's `OffsetDateTime.toString()` and `ZonedDateTime.toString()`, and PostgreSQL's
/// `timestamptz` output all give such text. Written back, the form is always
/// `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]` (`-00:00` is written `Z`).
///
/// Two timestamps compare by the instant they name; a timestamp without an offset is read
/// as UTC for comparing (hosts should give offsets, or always leave them out). Equality is
/// of the written value: `12:00+02:00` and `10:00Z` are the same instant but not equal.
///
/// ```
/// use canceranmalan::Timestamp;
/// let t: Timestamp = "2025-06-01T14:05:00+02:00".parse().unwrap();
/// assert_eq!(t.date().to_string(), "2025-06-01");
/// assert_eq!(t.to_string(), "2025-06-01T14:05:00+02:00");
/// let z: Timestamp = "2025-06-01T12:05:00Z".parse().unwrap();
/// assert!(t.cmp_instant(&z).is_eq());
/// assert!("2025-06-01T25:00".parse::<Timestamp>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Timestamp {
    date: Date,
    seconds: u32,
    nanos: u32,
    /// Minutes east of UTC, where the text gave an offset.
    offset: Option<i16>,
}

/// Why a text is not a timestamp.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TimestampError;

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "expected a date and time as YYYY-MM-DDTHH:MM[:SS[.fraction]] with an optional Z or ±HH:MM",
        )
    }
}

impl std::error::Error for TimestampError {}

/// Days from 1970-01-01 to the date (negative before it).
fn days_from_epoch(d: Date) -> i64 {
    // The civil-from-days inverse (Howard Hinnant's algorithm), with March as the first month.
    let (y, m, day) = (
        i64::from(d.year()),
        i64::from(d.month()),
        i64::from(d.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Timestamp {
    /// The calendar date as written (the local date where an offset is given).
    pub fn date(&self) -> Date {
        self.date
    }

    /// The offset from UTC in minutes, where one was given.
    pub fn offset_minutes(&self) -> Option<i16> {
        self.offset
    }

    /// Seconds since 1970-01-01T00:00Z of the instant (no offset read as UTC).
    fn epoch_seconds(&self) -> i64 {
        days_from_epoch(self.date) * 86_400 + i64::from(self.seconds)
            - 60 * i64::from(self.offset.unwrap_or(0))
    }

    /// Compares the instants two timestamps name (see the type's note on offsets).
    pub fn cmp_instant(&self, other: &Timestamp) -> Ordering {
        (self.epoch_seconds(), self.nanos).cmp(&(other.epoch_seconds(), other.nanos))
    }
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

impl FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(s: &str) -> Result<Timestamp, TimestampError> {
        // A bracketed zone name after the offset (RFC 9557) adds nothing to the instant.
        let s = match s.find('[') {
            Some(i) if s.ends_with(']') && i > 10 => &s[..i],
            _ => s,
        };
        let b = s.as_bytes();
        if b.len() < 10 || b.len() > 40 {
            return Err(TimestampError);
        }
        let date: Date = s
            .get(..10)
            .ok_or(TimestampError)?
            .parse()
            .map_err(|_| TimestampError)?;
        let mut t = Timestamp {
            date,
            seconds: 0,
            nanos: 0,
            offset: None,
        };
        let rest = &b[10..];
        if rest.is_empty() {
            return Ok(t);
        }
        if !matches!(rest[0], b'T' | b't' | b' ') || rest.len() < 6 || rest[3] != b':' {
            return Err(TimestampError);
        }
        let hour = digits(&rest[1..3]).ok_or(TimestampError)?;
        let minute = digits(&rest[4..6]).ok_or(TimestampError)?;
        let mut i = 6;
        let mut second = 0;
        if rest.get(i) == Some(&b':') {
            second = digits(rest.get(i + 1..i + 3).ok_or(TimestampError)?).ok_or(TimestampError)?;
            i += 3;
            if matches!(rest.get(i), Some(b'.' | b',')) {
                let start = i + 1;
                let mut end = start;
                while rest.get(end).is_some_and(u8::is_ascii_digit) {
                    end += 1;
                }
                let len = end - start;
                if len == 0 || len > 9 {
                    return Err(TimestampError);
                }
                t.nanos =
                    digits(&rest[start..end]).ok_or(TimestampError)? * 10u32.pow(9 - len as u32);
                i = end;
            }
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(TimestampError);
        }
        t.seconds = hour * 3600 + minute * 60 + second;
        match &rest[i..] {
            [] => {}
            [b'Z' | b'z'] => t.offset = Some(0),
            [sign @ (b'+' | b'-'), h1, h2, rest @ ..] => {
                let h = digits(&[*h1, *h2]).ok_or(TimestampError)?;
                let m = match rest {
                    [] => 0,
                    [b':', m1, m2] | [m1, m2] => digits(&[*m1, *m2]).ok_or(TimestampError)?,
                    _ => return Err(TimestampError),
                };
                if h > 23 || m > 59 {
                    return Err(TimestampError);
                }
                let minutes = (h * 60 + m) as i16;
                t.offset = Some(if *sign == b'-' { -minutes } else { minutes });
            }
            _ => return Err(TimestampError),
        }
        Ok(t)
    }
}

impl fmt::Display for Timestamp {
    /// `YYYY-MM-DDTHH:MM:SS`, the fraction without trailing zeros where there is one, and
    /// `Z` or `±HH:MM` where an offset was given.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (
            self.seconds / 3600,
            self.seconds / 60 % 60,
            self.seconds % 60,
        );
        write!(f, "{}T{h:02}:{m:02}:{s:02}", self.date)?;
        if self.nanos != 0 {
            let mut frac = format!("{:09}", self.nanos);
            while frac.ends_with('0') {
                frac.pop();
            }
            write!(f, ".{frac}")?;
        }
        match self.offset {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(o) => {
                let sign = if o < 0 { '-' } else { '+' };
                let o = o.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", o / 60, o % 60)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn reads_the_forms_hosts_write() {
        assert_eq!(
            ts("2025-06-01 08:30:05.123456+02").to_string(),
            "2025-06-01T08:30:05.123456+02:00"
        );
        assert_eq!(
            ts("2025-06-01T08:30+0130").to_string(),
            "2025-06-01T08:30:00+01:30"
        );
        assert_eq!(
            ts("2025-06-01T08:30:05+02:00[Europe/Stockholm]").to_string(),
            "2025-06-01T08:30:05+02:00"
        );
        assert_eq!(ts("2025-06-01").to_string(), "2025-06-01T00:00:00");
        assert_eq!(ts("2025-06-01 08:30").to_string(), "2025-06-01T08:30:00");
        assert_eq!(
            ts("2025-06-01T08:30:05.120000+01:00").to_string(),
            "2025-06-01T08:30:05.12+01:00"
        );
        assert_eq!(
            ts("2025-06-01T08:30:05.123Z").to_string(),
            "2025-06-01T08:30:05.123Z"
        );
        assert_eq!(
            ts("2025-06-01T08:30:05-05:30").to_string(),
            "2025-06-01T08:30:05-05:30"
        );
        for bad in [
            "",
            "2025-06-01T",
            "2025-06-01T8:30",
            "2025-06-01T08:60",
            "2025-06-31",
            "2025-06-01T08:30:05.",
            "2025-06-01T08:30+010",
            "2025-06-0é",
            "é025-06-01",
            "2025-06-01T08:30:05+02:00[",
            "2025-06-01T08:30:60",
            "[2025-06-01]",
            "2025-06-01T08:30:05.1234567890",
            "2025-06-01X08:30",
            "2025-06-01T08:30:05+24:00",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn compares_instants_across_offsets_and_the_epoch() {
        assert!(ts("2025-06-01T00:30+02:00")
            .cmp_instant(&ts("2025-05-31T23:00Z"))
            .is_lt());
        assert!(ts("1969-12-31T23:59:59Z")
            .cmp_instant(&ts("1970-01-01"))
            .is_lt());
        assert!(ts("2000-03-01")
            .cmp_instant(&ts("2000-02-29T23:59:59.9"))
            .is_gt());
        assert_eq!(days_from_epoch("1970-01-01".parse().unwrap()), 0);
        assert_eq!(days_from_epoch("2000-03-01".parse().unwrap()), 11_017);
        assert_eq!(days_from_epoch("0001-01-01".parse().unwrap()), -719_162);
    }
}
