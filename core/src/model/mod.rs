//! Layer 1, the model: the field table and the report it generates, the patient record and
//! personal identity numbers. It knows the vocabulary below it and nothing of the wire
//! format, validation or rules above it.

pub mod field;
pub mod patient;
pub mod personal_id;
pub mod value;
