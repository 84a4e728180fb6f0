//! Calendar dates as the form writes them (`AAAA-MM-DD`, ISO 8601 `YYYY-MM-DD`).
//!
//! The core keeps no clock: "today" always comes from the caller through
//! [`crate::ValidationContext`].

use std::fmt;
use std::str::FromStr;

/// A proleptic Gregorian calendar date between 0001-01-01 and 9999-12-31.
///
/// ```
/// use canceranmalan::Date;
/// let d: Date = "2024-02-29".parse().unwrap();
/// assert_eq!(d.to_string(), "2024-02-29");
/// assert!("2023-02-29".parse::<Date>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date in `YYYY-MM-DD`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DateError {
    /// Not ten characters of the shape `YYYY-MM-DD`.
    Format,
    /// The shape is right but the day does not exist (e.g. 2023-02-29, 2024-13-01).
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => f.write_str("expected a date as YYYY-MM-DD"),
            DateError::NoSuchDay => f.write_str("no such day in the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

/// True for Gregorian leap years.
pub(crate) fn is_leap_year(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The last day a `Date` holds, 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// A date from its parts, or `None` where the day does not exist.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        if year == 0 || year > 9999 || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// A date known when the program is compiled, for tables and rule declarations:
    /// `const D: Date = Date::from_ymd_const(2024, 1, 1);`. A day that does not exist stops
    /// compilation (in a `const` or `static`); prefer [`Date::from_ymd`] elsewhere.
    ///
    /// # Panics
    ///
    /// On a day that does not exist; in a `const` or `static` that is a compile error.
    pub const fn from_ymd_const(year: u16, month: u8, day: u8) -> Date {
        let max = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => 0,
        };
        assert!(
            year >= 1 && year <= 9999 && day >= 1 && day <= max,
            "no such date"
        );
        Date { year, month, day }
    }

    /// The date as `YYYY-MM-DD` bytes, without allocating.
    pub fn iso_bytes(self) -> [u8; 10] {
        let d = |n: u16| b'0' + (n % 10) as u8;
        let (y, m, dd) = (self.year, u16::from(self.month), u16::from(self.day));
        [
            d(y / 1000),
            d(y / 100),
            d(y / 10),
            d(y),
            b'-',
            d(m / 10),
            d(m),
            b'-',
            d(dd / 10),
            d(dd),
        ]
    }

    /// Year (1–9999).
    pub fn year(self) -> u16 {
        self.year
    }

    /// Month (1–12).
    pub fn month(self) -> u8 {
        self.month
    }

    /// Day of month (1–31).
    pub fn day(self) -> u8 {
        self.day
    }

    /// Whole years from `self` to `later` (an age): 0 when `later` is before `self`.
    ///
    /// A person born on 29 February has a birthday on 1 March in common years.
    ///
    /// ```
    /// use canceranmalan::Date;
    /// let born: Date = "1950-06-15".parse().unwrap();
    /// assert_eq!(born.years_until("2025-06-14".parse().unwrap()), 74);
    /// assert_eq!(born.years_until("2025-06-15".parse().unwrap()), 75);
    /// ```
    pub fn years_until(self, later: Date) -> u32 {
        if later < self {
            return 0;
        }
        let mut years = u32::from(later.year - self.year);
        if (later.month, later.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }
}

/// A birth date of which only some parts are known: the year always, the month and the day
/// where they are. Skatteverket writes an unknown month or day of a samordningsnummer as `00`.
///
/// ```
/// use canceranmalan::{Date, PartialDate};
/// let p = PartialDate::new(1958, Some(3), None).unwrap();
/// assert_eq!(p.full(), None);
/// assert_eq!(p.earliest().to_string(), "1958-03-01");
/// assert_eq!(p.latest().to_string(), "1958-03-31");
/// // Whole years from any day in March 1958: certain on 2025-04-01, not on 2025-03-15.
/// assert_eq!(p.years_until("2025-04-01".parse().unwrap()), Some(67));
/// assert_eq!(p.years_until("2025-03-15".parse().unwrap()), None);
/// assert!(PartialDate::new(1958, Some(4), Some(31)).is_none());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PartialDate {
    /// Year (1–9999).
    pub year: u16,
    /// Month (1–12), where known.
    pub month: Option<u8>,
    /// Day of month, where known.
    pub day: Option<u8>,
}

impl PartialDate {
    /// The parts, or `None` where no day fits them (April 31st, month 13, day 0).
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
        let p = PartialDate { year, month, day };
        // Every day fits some month of the year where the month is unknown (January has 31).
        Date::from_ymd(year, month.unwrap_or(1), day.unwrap_or(1))?;
        Some(p)
    }

    /// The date, where year, month and day are all known.
    pub fn full(self) -> Option<Date> {
        Date::from_ymd(self.year, self.month?, self.day?)
    }

    /// The first day the parts allow.
    pub fn earliest(self) -> Date {
        let m = self.month.unwrap_or(1);
        Date {
            year: self.year,
            month: m,
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day the parts allow.
    pub fn latest(self) -> Date {
        let m = self.month.unwrap_or(12);
        let d = self.day.unwrap_or_else(|| days_in_month(self.year, m));
        Date {
            year: self.year,
            month: m,
            day: d,
        }
    }

    /// Whole years until `later` (an age), where every date the parts allow gives the same.
    pub fn years_until(self, later: Date) -> Option<u32> {
        let (a, b) = (
            self.earliest().years_until(later),
            self.latest().years_until(later),
        );
        (a == b).then_some(a)
    }
}

impl From<Date> for PartialDate {
    fn from(d: Date) -> PartialDate {
        PartialDate {
            year: d.year,
            month: Some(d.month),
            day: Some(d.day),
        }
    }
}

impl fmt::Display for PartialDate {
    /// `YYYY-MM-DD` with `??` for an unknown month or day.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        for part in [self.month, self.day] {
            match part {
                Some(p) => write!(f, "-{p:02}")?,
                None => f.write_str("-??")?,
            }
        }
        Ok(())
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(DateError::Format);
        }
        let num = |r: std::ops::Range<usize>| {
            b[r].iter()
                .fold(0u16, |acc, c| acc * 10 + u16::from(c - b'0'))
        };
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        // Month and day have two digits each, so they fit in u8.
        Date::from_ymd(year, month as u8, day as u8).ok_or(DateError::NoSuchDay)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn leap_years() {
        assert!("2000-02-29".parse::<Date>().is_ok());
        assert_eq!("1900-02-29".parse::<Date>(), Err(DateError::NoSuchDay));
        assert_eq!("2024-04-31".parse::<Date>(), Err(DateError::NoSuchDay));
        assert_eq!("0000-01-01".parse::<Date>(), Err(DateError::NoSuchDay));
    }

    #[test]
    fn shapes() {
        for bad in [
            "2024-1-01",
            "20240101",
            "2024-01-01 ",
            "２０２４-01-01",
            "2024/01/01",
            "",
        ] {
            assert_eq!(bad.parse::<Date>(), Err(DateError::Format), "{bad}");
        }
    }

    #[test]
    fn leap_day_birthday() {
        let born: Date = "2000-02-29".parse().unwrap();
        assert_eq!(born.years_until("2001-02-28".parse().unwrap()), 0);
        assert_eq!(born.years_until("2001-03-01".parse().unwrap()), 1);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,14}") {
            let _ = s.parse::<Date>();
        }

        #[test]
        fn round_trips(y in 1u16..=9999, m in 1u8..=12, d in 1u8..=31) {
            if let Some(date) = Date::from_ymd(y, m, d) {
                prop_assert_eq!(date.to_string().parse::<Date>(), Ok(date));
            }
        }
    }
}
