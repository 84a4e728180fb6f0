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

/// The order of two texts, byte by byte (the order of `str`). For the short cells and keys of
/// the reference tables this is quicker than the library call a `str` comparison makes.
pub(crate) fn short_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.as_bytes().iter().cmp(b.as_bytes().iter())
}

/// True when two texts are equal, compared byte by byte (see [`short_cmp`]).
pub(crate) fn short_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}
