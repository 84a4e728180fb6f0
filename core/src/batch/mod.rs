//! Layer 9, batch validation: many reports with one context, for register extracts, and the
//! per-report quality indicators that registries publish (ENCR/JRC, encr-iarc-checks §4).
//!
//! The rules are the same code path as single-report validation ([`ParsedReport::validate`]);
//! a batch reuses its buffers, and the hits of keyed rules for values it has met (see
//! [`Validator`]). Bindings bring the rows (from Arrow columns, dicts, JSON lines) and decide
//! how to spread batches over threads.

use std::borrow::Cow;

use crate::model::field::{Field, Report};
use crate::rules::site::paired;
use crate::validation::context::ValidationContext;
use crate::validation::issue::{Issue, IssueSink, Severity};
use crate::validation::reuse::Reuse;
use crate::validation::rule::Input;
use crate::validation::rule::Rule;
use crate::vocab::codes::BasisOfDiagnosis;
use crate::vocab::date::Date;
use crate::vocab::icd10::Icd10;
use crate::wire::decode::ParsedReport;

/// Validates reports one after the other with one context, reusing one issue buffer.
///
/// For the rules of [`crate::registry::KEYED_RULES`] it also keeps, for each key of values
/// their checks read (a site with its T, N and M; the three code fields; …), the hits the
/// checks gave, and gives a later report with the same key those hits without running the
/// checks again: the issues are those of [`ParsedReport::validate`], in the same order. At
/// most 16 384 keys are kept; then they are forgotten and gathered anew.
///
/// ```
/// use canceranmalan::batch::Validator;
/// use canceranmalan::{parse_json, ValidationContext};
///
/// let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
/// let mut v = Validator::new(&ctx);
/// let mut all = Vec::new();
/// for (row, json) in [r#"{"partial": true}"#, r#"{"partial": true, "t": "T2"}"#].iter().enumerate() {
///     for issue in v.validate(&parse_json(json).unwrap()) {
///         all.push((row, issue.rule_id));
///     }
/// }
/// assert_eq!(all, [(1, "TNM-BASIS-REQUIRED")]);
/// ```
pub struct Validator<'a> {
    ctx: Cow<'a, ValidationContext>,
    /// The rules the context runs, listed once (see [`crate::registry::rules_run_by`]).
    run: Cow<'static, [&'static Rule]>,
    issues: Vec<Issue>,
    /// The last report read from JSON text, whose buffers the next one reuses.
    parsed: ParsedReport,
    /// The hits of keyed rules for the keys met so far (see [`Reuse`]).
    reuse: Reuse,
}

impl<'a> Validator<'a> {
    /// A validator for a context.
    pub fn new(ctx: &'a ValidationContext) -> Validator<'a> {
        Validator::with(Cow::Borrowed(ctx))
    }

    /// A validator that holds its own context, to be kept from one batch to the next (by a
    /// binding's object, a worker's state): what it learnt of the keyed rules' hits carries
    /// over, where a new validator would gather it again.
    ///
    /// ```
    /// use canceranmalan::batch::Validator;
    /// use canceranmalan::ValidationContext;
    ///
    /// let mut v = Validator::owning(ValidationContext::new("2025-06-01".parse().unwrap()));
    /// for batch in [[r#"{"partial": true, "t": "T2"}"#], [r#"{"partial": true, "t": "T2"}"#]] {
    ///     for json in batch {
    ///         assert_eq!(v.validate_json(json).unwrap().count(), 1);
    ///     }
    /// }
    /// ```
    pub fn owning(ctx: ValidationContext) -> Validator<'static> {
        Validator::with(Cow::Owned(ctx))
    }

    fn with(ctx: Cow<'a, ValidationContext>) -> Validator<'a> {
        Validator {
            run: crate::registry::rules_run_by(&ctx),
            ctx,
            issues: Vec::with_capacity(16),
            parsed: ParsedReport::default(),
            reuse: Reuse::new(crate::registry::KEYED_RULES),
        }
    }

    /// The context the validator validates with.
    pub fn context(&self) -> &ValidationContext {
        &self.ctx
    }

    /// The fields whose values can change this validator's issues (see
    /// [`crate::validation::engine::fields_needed`]), in the order of [`Field::ALL`]. A host
    /// that reads reports from a table's columns may leave the other columns unread; where
    /// the context narrows the rules (`include`, `exclude`), that is fewer to read per row.
    ///
    /// ```
    /// use canceranmalan::batch::Validator;
    /// use canceranmalan::{Field, ValidationContext};
    ///
    /// let ctx = ValidationContext::new("2025-06-01".parse().unwrap())
    ///     .with_include(Some(vec!["SIDE-REQUIRED".into()]));
    /// let needed = Validator::new(&ctx).fields_needed();
    /// assert!(needed.contains(&Field::Side) && !needed.contains(&Field::Comment));
    /// ```
    pub fn fields_needed(&self) -> Vec<Field> {
        crate::validation::engine::fields_needed(&self.run)
    }

    /// The issues of one report (valid until the next call).
    pub fn validate(&mut self, parsed: &ParsedReport) -> &[Issue] {
        self.issues.clear();
        parsed.validate_reusing(&self.ctx, &self.run, &mut self.issues, &mut self.reuse);
        &self.issues
    }

    /// The issues of one report, handed to `sink` one at a time as the engine makes them
    /// (the same issues as [`Validator::validate`], in the same order): a host that writes
    /// them into columns of its own need not make an [`Issue`] of each (see [`IssueSink`]).
    pub fn validate_each(&mut self, parsed: &ParsedReport, sink: &mut impl IssueSink) {
        parsed.validate_reusing(&self.ctx, &self.run, sink, &mut self.reuse);
    }

    /// The issues of a report given as JSON text, moved out (the buffer is kept for the next
    /// report); the text is read into the buffers of the one before (see
    /// [`ParsedReport::read_json`]). An error where the text is not a report at all, as
    /// [`crate::wire::decode::parse_json`] gives it.
    ///
    /// ```
    /// use canceranmalan::batch::Validator;
    /// use canceranmalan::ValidationContext;
    ///
    /// let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
    /// let mut v = Validator::new(&ctx);
    /// assert_eq!(v.validate_json(r#"{"partial": true}"#).unwrap().count(), 0);
    /// let ids: Vec<_> = v.validate_json(r#"{"partial": true, "t": "T2"}"#).unwrap().map(|i| i.rule_id).collect();
    /// assert_eq!(ids, ["TNM-BASIS-REQUIRED"]);
    /// assert!(v.validate_json("[]").is_err());
    /// ```
    pub fn validate_json(
        &mut self,
        json: &str,
    ) -> Result<std::vec::Drain<'_, Issue>, crate::wire::error::ReportError> {
        self.issues.clear();
        self.parsed.read_json(json)?;
        self.parsed
            .validate_reusing(&self.ctx, &self.run, &mut self.issues, &mut self.reuse);
        Ok(self.issues.drain(..))
    }
}

/// What one report contributes to the quality indicators registries publish (ENCR/JRC
/// indicator set; encr-iarc-checks §4). Shares are the mean of these over a group.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct RowIndicators {
    /// The year of the date of diagnosis, where it is a valid date.
    pub diagnosis_year: Option<u16>,
    /// Microscopically verified: diagnosgrund 3, 4 or 5 (histopathology, autopsy with
    /// histopathology, cytology). Diagnosgrund 8 ("annan laboratorieundersökning": markers,
    /// flow cytometry, genetics) is not counted: it cannot be told apart from tumour markers,
    /// which ENCR's 2015 coding counts as not microscopic. `None` without a diagnosgrund.
    pub microscopically_verified: Option<bool>,
    /// Clinical examination or imaging only: diagnosgrund 1 or 2.
    pub clinical_only: Option<bool>,
    /// From autopsy: diagnosgrund 4 or 7.
    pub autopsy: Option<bool>,
    /// Unknown primary site: ICD-10 C80, or C77–C79 (secondary sites, reported only when the
    /// primary is unknown) unless an ICD-O-3 topography names a primary site. `None` without
    /// an ICD-10 code.
    pub unknown_primary: Option<bool>,
    /// The site is a paired organ or body part (the denominator of `side_missing`).
    pub paired_site: bool,
    /// A paired site without a side given (`Some` only for paired sites).
    pub side_missing: Option<bool>,
    /// Marked partial (*enstaka uppgifter*).
    pub partial: bool,
    /// At least one issue of severity error.
    pub has_error: bool,
}

/// The indicators of one report, given its issues (as [`Validator`] found them) and where
/// `ctx` is the context they were found in (it places a personal identity number).
pub fn row_indicators(
    parsed: &ParsedReport,
    issues: &[Issue],
    ctx: &ValidationContext,
) -> RowIndicators {
    let report: &Report = parsed.report();
    let input = Input::new(parsed, ctx, &[]);
    let basis = report.basis_of_diagnosis;
    let is = |codes: &[BasisOfDiagnosis]| basis.map(|b| codes.contains(&b));
    use BasisOfDiagnosis::*;
    let code = report.text(Field::Icd10).and_then(Icd10::parse);
    let topography_is_primary = report
        .text(Field::Icdo3Topography)
        .and_then(Icd10::parse)
        .is_some_and(|t| t.in_range(b'C', 0, 76));
    let unknown_primary = code
        .map(|c| c.in_range(b'C', 80, 80) || (c.in_range(b'C', 77, 79) && !topography_is_primary));
    let paired_site = paired(&input) == Some(true);
    RowIndicators {
        diagnosis_year: input.date(Field::DiagnosisDate).map(Date::year),
        microscopically_verified: is(&[Histopathology, AutopsyWithHistopathology, Cytology]),
        clinical_only: is(&[ClinicalExamination, Imaging]),
        autopsy: is(&[AutopsyWithHistopathology, AutopsyWithoutHistopathology]),
        unknown_primary,
        paired_site,
        side_missing: paired_site.then(|| !report.is_given(Field::Side)),
        partial: report.partial == Some(true),
        has_error: issues.iter().any(|i| i.severity == Severity::Error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::decode::parse_json;

    fn flags(json: &str) -> RowIndicators {
        let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
        let parsed = parse_json(json).unwrap();
        let issues = parsed.validate(&ctx);
        row_indicators(&parsed, &issues, &ctx)
    }

    #[test]
    fn indicators_follow_their_definitions() {
        let f =
            flags(r#"{"diagnosis_date": "2024-02-03", "icd10": "C50.4", "basis_of_diagnosis": 3}"#);
        assert_eq!(f.diagnosis_year, Some(2024));
        assert_eq!(f.microscopically_verified, Some(true));
        assert_eq!(f.clinical_only, Some(false));
        assert_eq!(f.unknown_primary, Some(false));
        assert!(f.paired_site && f.side_missing == Some(true) && f.has_error);
        let f = flags(r#"{"icd10": "C78.7", "basis_of_diagnosis": 8, "partial": true}"#);
        assert_eq!(
            (f.unknown_primary, f.microscopically_verified, f.partial),
            (Some(true), Some(false), true)
        );
        let f =
            flags(r#"{"icd10": "C78.7", "icdo3_topography": "C18.7", "basis_of_diagnosis": 7}"#);
        assert_eq!((f.unknown_primary, f.autopsy), (Some(false), Some(true)));
        let f = flags(r#"{"icd10": "C80.9", "side": "left"}"#);
        assert_eq!(
            (
                f.unknown_primary,
                f.microscopically_verified,
                f.side_missing
            ),
            (Some(true), None, None)
        );
    }
}
