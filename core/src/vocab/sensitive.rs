//! Text that may hold a personal identity number, and how it is shown.

use std::fmt;

/// Masks a personal identity number (or any text that may hold one) for display.
///
/// Only the part that names a birth date (or, for Stockholm's reserve numbers, the year of
/// issue) stays readable, read from the leading run of ASCII digits:
///
/// | leading digits | shape | kept |
/// |---|---|---|
/// | 12 or more, starting `99` | Stockholm reserve `99yyyyNNNNNC` | 6 (`99yyyy`) |
/// | 8 followed by more text, or 12 or more | `YYYYMMDD-NNNC`, `YYYYMMDDNNNC`, reserve numbers | 8 |
/// | 6 to 11 otherwise | `YYMMDD-NNNC`, bare `YYMMDDNNNC` | 6 |
/// | fewer than 6 | anything else | none |
///
/// A `-` or `+` right after the kept digits stays; every other character becomes `*`, so
/// nothing after the date (serial, check digit, trailing text) is shown. Surrounding white
/// space is dropped; the result has one `*` per hidden character.
///
/// ```
/// assert_eq!(canceranmalan::mask("19640823-3234"), "19640823-****");
/// assert_eq!(canceranmalan::mask("640823+3234"), "640823+****");
/// assert_eq!(canceranmalan::mask("5803122489"), "580312****");
/// assert_eq!(canceranmalan::mask("991981000010"), "991981******");
/// assert_eq!(canceranmalan::mask("19640823-3234 (reserv)"), "19640823-*************");
/// assert_eq!(canceranmalan::mask("okänd"), "*****");
/// ```
pub fn mask(text: &str) -> String {
    let t = text.trim();
    let run = t.bytes().take_while(u8::is_ascii_digit).count();
    let keep = match run {
        12.. if t.starts_with("99") => 6,
        // Eight digits and more text (`YYYYMMDD-NNNC`, `YYYYMMDDK067`), or twelve and more.
        8 if t.len() > 8 => 8,
        12.. => 8,
        6..=11 => 6,
        _ => 0,
    };
    t.chars()
        .enumerate()
        .map(|(i, c)| match c {
            _ if i < keep => c,
            '-' | '+' if i == keep && run == keep => c,
            _ => '*',
        })
        .collect()
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
