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
