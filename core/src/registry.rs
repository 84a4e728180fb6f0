//! The registry: every rule of every layer, in the order issues are reported, and
//! validation with them. It sits above the rule families (`rules/`) and the layers that
//! bring rules of their own, so that none of them needs to know the others.

use crate::model::field::Field;
use crate::reportability;
use crate::rules::{
    autopsy, codes, confirmations, consistency, dates, identity, required, site, specimen, tnm,
    wire,
};
use crate::staging::rules as staging;
use crate::validation::context::ValidationContext;
use crate::validation::engine;
use crate::validation::issue::{Issue, IssueSink};
use crate::validation::reuse::Reuse;
use crate::validation::rule::{KeyedRules, Reports, Rule, RuleSet};
use crate::validation::rule_set::in_sets;
use crate::wire::decode::ParsedReport;
use std::borrow::Cow;

/// The rules whose hits a batch may reuse for reports with the same key, in groups (each
/// declared next to its rules; see [`KeyedRules`]), and the groups in lookups: the groups of
/// one lookup share one key, which each group's key function writes in turn. The ICD-10
/// code's groups (reportability, codes, site) share one: one lookup per report instead of
/// three, for some more keys (their other values seldom vary apart from the code). The
/// pathology laboratory and TNM would multiply the keys: each has a lookup of its own.
pub static KEYED_RULES: &[&[&KeyedRules]] = &[
    &[
        &reportability::REPORTABILITY_RULES,
        &codes::CODE_RULES,
        &site::SITE_RULES,
    ],
    &[&codes::LAB_RULES],
    &[&staging::STAGING_RULES],
];

/// Every rule, in the order issues are reported.
pub static RULES: &[&Rule] = &[
    &wire::UNKNOWN_FIELD,
    &wire::DUPLICATE_FIELD,
    &wire::WRONG_TYPE,
    &wire::INVALID_VALUE,
    &wire::KEYS_OMITTED,
    &identity::PERSONAL_ID,
    &required::REQUIRED,
    &dates::DATE_FORMAT,
    &dates::DATE_FUTURE,
    &identity::DIAGNOSIS_BEFORE_BIRTH,
    &dates::DEATH_BEFORE_DIAGNOSIS,
    &site::ICD10_FORMAT,
    &reportability::BCC_ROUTE,
    &reportability::METASTASIS,
    &reportability::NOT_REPORTABLE,
    &reportability::CLINIC_NOT_REQUIRED,
    &codes::ICD10_NOT_NEOPLASM,
    &codes::ICD10_NOT_IN_WHO,
    &codes::ICD10_CATEGORY_ONLY,
    &codes::ICDO3_MORPHOLOGY_CODE,
    &codes::ICDO3_TOPOGRAPHY_CODE,
    &codes::BEHAVIOUR_ICD10_RULE,
    &codes::PATHOLOGY_LAB_UNKNOWN,
    &site::SEX_SITE,
    &site::FIGO_SITE,
    &site::SIDE_REQUIRED,
    &site::SIDE_UNPAIRED,
    &tnm::TNM_BASIS_REQUIRED,
    &staging::TNM_NOTATION,
    &staging::TNM_AMBIGUOUS,
    &staging::TNM_REPEATED,
    &staging::TNM_LETTER_O,
    &staging::TNM_SYNONYM,
    &staging::TNM_PREFIX_U,
    &staging::TNM_C_FACTOR,
    &staging::TNM_MX,
    &staging::TNM_PMX,
    &staging::TNM_PM0,
    &staging::TNM_AFTER_TREATMENT,
    &staging::TNM_CATEGORY,
    &staging::TNM_BASIS_CONFLICT,
    &staging::TNM_NO_CLASSIFICATION,
    &staging::TNM_EDITION,
    &staging::FIGO_NOTATION,
    &staging::FIGO_EDITION,
    &staging::FIGO_LABEL,
    &staging::FIGO_MODALITY,
    &staging::FIGO_MOLECULAR,
    &staging::FIGO_TNM,
    &autopsy::AUTOPSY_NOT_ALLOWED,
    &autopsy::AUTOPSY_REQUIRED,
    &autopsy::AUTOPSY_DATE,
    &autopsy::AUTOPSY_WITHOUT_DEATH,
    &specimen::SPECIMEN_NUMBER_LENGTH,
    &specimen::SPECIMEN_YEAR_FORMAT,
    &specimen::SPECIMEN_YEAR_FUTURE,
    &confirmations::CONFIRM_ERROR,
    &confirmations::CONFIRM_UNKNOWN,
    &consistency::SEX_MORPHOLOGY,
    &consistency::AGE_SITE,
    &consistency::AGE_MORPHOLOGY,
    &consistency::AGE_SITE_MORPHOLOGY,
    &consistency::BEHAVIOUR_SITE,
    &consistency::SITE_MORPHOLOGY,
    &consistency::BASIS_MORPHOLOGY,
    &consistency::ICD10_TOPOGRAPHY,
];

/// How many of [`RULES`] `set` runs.
const fn count_in(set: RuleSet) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < RULES.len() {
        if in_sets(RULES[i].rule_sets, set) {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The rules of [`RULES`] that `set` runs, in order: chosen at compile time, so that the usual
/// validation (by rule set alone) does not ask each rule for its sets.
const fn chosen<const N: usize>(set: RuleSet) -> [&'static Rule; N] {
    let mut out = [RULES[0]; N];
    let (mut n, mut i) = (0, 0);
    while i < RULES.len() {
        if in_sets(RULES[i].rule_sets, set) {
            out[n] = RULES[i];
            n += 1;
        }
        i += 1;
    }
    assert!(n == N, "a rule set's count and its list disagree");
    out
}

static FORM_RULES: [&Rule; count_in(RuleSet::Form)] = chosen(RuleSet::Form);
static REGISTER_RULES: [&Rule; count_in(RuleSet::Register)] = chosen(RuleSet::Register);

/// The rules that `set` runs (every rule where `None`), in the order issues are reported:
/// what `rules(rule_set)` lists in every binding.
pub fn rules_in(set: Option<RuleSet>) -> impl Iterator<Item = &'static Rule> {
    RULES
        .iter()
        .copied()
        .filter(move |r| set.map_or(true, |s| r.in_set(s)))
}

/// The first of `ids` that names no rule, cut and masked as keys are; `None` when all do.
/// Bindings refuse such an `include` or `exclude` list, so that a typing error does not
/// silently run the wrong rules.
pub fn unknown_rule_id<'a>(ids: impl IntoIterator<Item = &'a String>) -> Option<String> {
    ids.into_iter()
        .find(|id| rule(id).is_none())
        .map(|id| crate::wire::decode::shown_key(id))
}

/// The rule with this ID.
///
/// ```
/// let rule = canceranmalan::registry::rule("AUTOPSY-DATE").unwrap();
/// assert_eq!(rule.severity, canceranmalan::Severity::Error);
/// ```
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// The rules of the context's rule set, in the catalogue's order, where the context chooses
/// by rule set alone (`None` where it includes or excludes rules by ID).
fn rules_of_set(ctx: &ValidationContext) -> Option<&'static [&'static Rule]> {
    if !ctx.by_rule_set_alone() {
        return None;
    }
    Some(match ctx.rule_set {
        RuleSet::Form => &FORM_RULES,
        RuleSet::Register => &REGISTER_RULES,
    })
}

/// The rules `ctx` runs, in the order issues are reported: its rule set's list made at compile
/// time, or, where it includes or excludes rules by ID, that list made now. A batch makes it
/// once for its context, so that no rule's ID is looked for in every report.
pub(crate) fn rules_run_by(ctx: &ValidationContext) -> Cow<'static, [&'static Rule]> {
    match rules_of_set(ctx) {
        Some(list) => Cow::Borrowed(list),
        None => Cow::Owned(
            RULES
                .iter()
                .copied()
                .filter(|r| ctx.runs(r.id, r.rule_sets))
                .collect(),
        ),
    }
}

impl ParsedReport {
    /// Validates the report with every registered rule, including what decoding found
    /// (unknown keys, wrong types).
    pub fn validate(&self, ctx: &ValidationContext) -> Vec<Issue> {
        let mut issues = Vec::new();
        self.validate_into(ctx, &mut issues);
        issues
    }

    /// [`ParsedReport::validate`], appending the issues to `issues` (a batch reuses one
    /// buffer for many reports).
    pub fn validate_into(&self, ctx: &ValidationContext, issues: &mut Vec<Issue>) {
        match rules_of_set(ctx) {
            Some(chosen) => engine::run_chosen_into(RULES, chosen, self, ctx, issues),
            None => engine::run_into(RULES, self, ctx, issues),
        }
    }

    /// [`ParsedReport::validate_into`], reusing the hits of [`KEYED_RULES`] that `reuse`
    /// kept from earlier reports validated with the same context (see [`Reuse`]).
    /// `run` is [`rules_run_by`] of `ctx`, made once for the batch.
    pub(crate) fn validate_reusing<S: IssueSink>(
        &self,
        ctx: &ValidationContext,
        run: &[&'static Rule],
        issues: &mut S,
        reuse: &mut Reuse,
    ) {
        engine::run_reusing(RULES, run, self, ctx, issues, reuse)
    }

    /// The issues about one field, for checks as the user types: the rules that may report
    /// `field` (its own rules and the cross-field rules that involve it) run, and the issues
    /// that name it are kept. The same issues, in the same order, as those of
    /// [`ParsedReport::validate`] whose `fields` hold the field's key.
    ///
    /// ```
    /// use canceranmalan::{parse_json, Field, ValidationContext};
    ///
    /// let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
    /// let r = parse_json(r#"{"icd10": "C50.9", "figo": "IB1", "specimen_number": "12345678901234567"}"#).unwrap();
    /// let ids: Vec<_> = r.validate_field(Field::Figo, &ctx).iter().map(|i| i.rule_id).collect();
    /// assert_eq!(ids, ["FIGO-SITE"]);
    /// ```
    pub fn validate_field(&self, field: Field, ctx: &ValidationContext) -> Vec<Issue> {
        let rules: Vec<&Rule> = RULES
            .iter()
            .copied()
            .filter(|r| match r.reports {
                Reports::Fields(fields) => fields.contains(&field),
                Reports::UnknownKeys => false,
            })
            .collect();
        let mut issues = engine::run(&rules, self, ctx);
        let key = field.key();
        issues.retain(|i| i.fields.iter().any(|f| f == key));
        issues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_declarations_complete() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate id {}", r.id);
            assert!(
                r.id.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                r.id
            );
            assert!(!r.message.sv.trim().is_empty(), "{}", r.id);
            assert!(!r.message.en.trim().is_empty(), "{}", r.id);
            assert!(!r.sources.is_empty(), "{} names no source", r.id);
            for s in r.sources {
                if let crate::validation::rule::Source::Table(name) = s {
                    assert!(
                        crate::vocab::tables::TABLE_SOURCES
                            .iter()
                            .any(|t| t.name == *name),
                        "{} cites a table that does not exist: {name}",
                        r.id
                    );
                }
                assert!(
                    *s == crate::validation::rule::Source::WireFormat
                        || !s.detail().trim().is_empty(),
                    "{} has a source that names no place",
                    r.id
                );
            }
            assert!(!r.rule_sets.is_empty(), "{} is in no rule set", r.id);
            if let Reports::Fields(f) = r.reports {
                assert!(!f.is_empty(), "{} reports no field", r.id);
            }
        }
        assert!(RULES.len() >= 21);
    }

    /// Each rule set's list, made at compile time, is the catalogue's rules in that set.
    #[test]
    fn each_sets_list_is_its_rules_in_order() {
        for (set, list) in [
            (RuleSet::Form, &FORM_RULES[..]),
            (RuleSet::Register, &REGISTER_RULES[..]),
        ] {
            let ids: Vec<_> = list.iter().map(|r| r.id).collect();
            let expected: Vec<_> = rules_in(Some(set)).map(|r| r.id).collect();
            assert_eq!(ids, expected, "{set:?}");
        }
    }
}
