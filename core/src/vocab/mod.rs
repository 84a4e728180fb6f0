//! Layer 0, the vocabulary: languages and texts, calendar dates, the code lists of the form,
//! the shape of an ICD-10 code, the masking of sensitive text and the reference tables. Nothing here knows of a
//! report, a field or a rule.

pub mod codes;
pub mod date;
pub mod icd10;
pub mod json;
pub mod lang;
pub mod sensitive;
pub mod tables;
pub mod timestamp;

/// True when `text` is empty or only white space (Unicode's, as [`str::trim`] reads it):
/// what the form treats as "not given". The usual value starts with a visible ASCII
/// character and is answered from its first byte.
///
/// ```
/// use canceranmalan::vocab::is_blank;
/// assert!(is_blank("") && is_blank(" \t\u{a0}") && !is_blank("C50.9") && !is_blank(" x"));
/// ```
pub fn is_blank(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => false,
        _ => text.trim().is_empty(),
    }
}
