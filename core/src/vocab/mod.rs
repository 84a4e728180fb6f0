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

/// `text.trim()`, without looking at its characters where it starts and ends with a visible
/// ASCII character (the usual field value, which has nothing to trim).
#[inline(always)]
pub(crate) fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_graphic() && l.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// The order of two texts, byte by byte (the order of `str`). For the short cells and keys of
/// the reference tables this is quicker than the library call a `str` comparison makes.
///
/// Plain loops, not iterator adaptors: the web form's build is optimised for size and would
/// call a closure per byte.
#[inline(always)]
pub(crate) fn short_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len().min(b.len());
    let mut i = 0;
    while i < n {
        if a[i] != b[i] {
            return a[i].cmp(&b[i]);
        }
        i += 1;
    }
    a.len().cmp(&b.len())
}

/// True when two texts are equal, compared byte by byte (see [`short_cmp`]). A `const fn`,
/// for indexes made at compile time too.
#[inline(always)]
pub(crate) const fn short_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod short_compare_tests {
    use super::{short_cmp, short_eq};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn trim_agrees_with_str(a in "[ \\t\u{a0}\u{2003}a-c0-9.\u{e5}]{0,8}") {
            prop_assert_eq!(super::trim(&a), a.trim());
        }

        #[test]
        fn short_compares_agree_with_str(a in "[A-Ca-c0-9./åä]{0,6}", b in "[A-Ca-c0-9./åä]{0,6}") {
            prop_assert_eq!(short_cmp(&a, &b), a.cmp(&b));
            prop_assert_eq!(short_eq(&a, &b), a == b);
            prop_assert!(short_eq(&a, &a.clone()));
        }
    }
}
