//! Why an input is not a report (or patient record) at all.

use std::fmt;

/// Why a text is not a report at all (as opposed to a report with issues).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ReportError {
    /// What kind of problem.
    pub kind: ReportErrorKind,
    /// 1-based line of the problem in the JSON text (0 where there is no text).
    pub line: usize,
    /// 1-based column of the problem in the JSON text (0 where there is no text).
    pub column: usize,
    /// What was expected; never contains the input's values.
    pub detail: String,
}

/// The kinds of [`ReportError`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ReportErrorKind {
    /// The text is not well-formed JSON.
    Syntax,
    /// Well-formed JSON, but not an object.
    NotAnObject,
    /// A value cannot be represented in JSON (e.g. an infinite number from a host language).
    Unrepresentable,
    /// A record with a fixed format (a patient record) has an unknown, repeated or mistyped
    /// field.
    InvalidField,
}

impl ReportError {
    /// An error without a position, for input that did not come as text.
    pub fn new(kind: ReportErrorKind, detail: impl Into<String>) -> ReportError {
        ReportError {
            kind,
            line: 0,
            column: 0,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ReportErrorKind::Syntax => "malformed JSON",
            ReportErrorKind::NotAnObject => "a report must be a JSON object",
            ReportErrorKind::Unrepresentable => "value cannot be represented in JSON",
            ReportErrorKind::InvalidField => "invalid record",
        };
        if self.line > 0 {
            write!(
                f,
                "{what} at line {}, column {}: {}",
                self.line, self.column, self.detail
            )
        } else {
            write!(f, "{what}: {}", self.detail)
        }
    }
}

impl std::error::Error for ReportError {}
