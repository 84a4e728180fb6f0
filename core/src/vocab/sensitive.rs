//! Text that may hold a personal identity number, and how it is shown.

use std::fmt;

/// Masks a personal identity number (or any text that may hold one) for display.
///
/// Only a leading birth date stays readable (for Stockholm's reserve numbers, which hold
/// none, the year of issue), read from the leading run of ASCII digits `d`:
///
/// | shape | kept |
/// |---|---|
/// | 12 or more digits starting `99` (Stockholm `99yyyyNNNNNC`) | 6 (`99yyyy`) |
/// | 8 digits that are a date `YYYYMMDD` (century 13, 18–20), then more text or digits | 8 |
/// | 8 digits `XXYYMMDD` of a national reserve number (XX ≥ 22) followed by its letters | 8 |
/// | a century and a month `YYYYMM` not followed by a day (Carelink `yyyymmxxNNNC`) | 6 |
/// | 6 or more digits that start with a date `YYMMDD` (bare `YYMMDDNNNC` too) | 6 |
/// | anything else | none |
///
/// A month may be `00` and a day `60`–`91` (samordningsnummer). A `-` or `+` right after the
/// kept digits stays; every other character becomes `*`, so nothing after the date (serial,
/// check digit, running number, trailing text) is shown. Surrounding white space is dropped;
/// the result has one `*` per hidden character.
///
/// ```
/// assert_eq!(canceranmalan::mask("19640823-3234"), "19640823-****");
/// assert_eq!(canceranmalan::mask("640823+3234"), "640823+****");
/// assert_eq!(canceranmalan::mask("5803122489"), "580312****");
/// assert_eq!(canceranmalan::mask("64082332-34"), "640823*****");
/// assert_eq!(canceranmalan::mask("991981000010"), "991981******");
/// assert_eq!(canceranmalan::mask("00792045AA04"), "************");
/// assert_eq!(canceranmalan::mask("19640823-3234 (reserv)"), "19640823-*************");
/// assert_eq!(canceranmalan::mask("okänd"), "*****");
/// ```
pub fn mask(text: &str) -> String {
    let t = text.trim();
    let b = t.as_bytes();
    let run = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let keep = kept_digits(b, run);
    t.chars()
        .enumerate()
        .map(|(i, c)| match c {
            _ if i < keep => c,
            '-' | '+' if i == keep && run == keep => c,
            _ => '*',
        })
        .collect()
}

/// How many leading digits `mask` shows (see its table).
fn kept_digits(b: &[u8], run: usize) -> usize {
    let num =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
    let month_day =
        |mm: u32, dd: u32| mm <= 12 && ((1..=31).contains(&dd) || (60..=91).contains(&dd));
    if run >= 12 && b.starts_with(b"99") {
        return 6;
    }
    if run >= 8 && (run >= 12 || b.len() > 8) {
        let century = num(0..2);
        let followed_by_letter = run == 8 && b[8].is_ascii_alphabetic();
        let dated = matches!(century, 13 | 18..=20) || (century >= 22 && followed_by_letter);
        if dated && month_day(num(4..6), num(6..8)) {
            return 8;
        }
        if matches!(century, 13 | 18..=20) && (1..=12).contains(&num(4..6)) {
            return 6;
        }
    }
    if run >= 6 && month_day(num(2..4), num(4..6)) {
        return 6;
    }
    0
}

/// Text that holds a personal identity number: compared and stored in full, but shown only
/// masked (`19121212-****`) by `Debug` and `Display`.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct SensitiveText(String);

impl SensitiveText {
    /// Wraps a text.
    pub fn new(text: impl Into<String>) -> SensitiveText {
        SensitiveText(text.into())
    }

    /// The full text. Call this only where the number is meant to leave the library.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// The full text, owned.
    pub fn into_inner(self) -> String {
        self.0
    }

    /// Puts `text` in place of the text, in the same buffer where it has room.
    pub(crate) fn replace_with(&mut self, text: &str) {
        self.0.clear();
        self.0.push_str(text);
    }
}

impl fmt::Debug for SensitiveText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SensitiveText({:?})", mask(&self.0))
    }
}

impl fmt::Display for SensitiveText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask(&self.0))
    }
}

impl From<&str> for SensitiveText {
    fn from(s: &str) -> Self {
        SensitiveText::new(s)
    }
}

impl From<String> for SensitiveText {
    fn from(s: String) -> Self {
        SensitiveText(s)
    }
}

// In Kotlin a `PersonalIdText` whose `toString()` masks it (see the binding's uniffi.toml).
#[cfg(feature = "uniffi")]
uniffi::custom_type!(SensitiveText, String, {
    lower: |p| p.0,
    try_lift: |s| Ok(SensitiveText(s)),
});
