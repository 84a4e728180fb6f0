//! A rule added the way the README's Development section says: one declaration, listed with
//! the others. The engine runs it, stamps its ID, holds it to its declared fields, skips it
//! where its inputs failed to decode, and respects its rule sets and validity period.

use canceranmalan::model::field::Field;
use canceranmalan::validation::engine;
use canceranmalan::validation::issue::{Arg, Hit, Param, Severity};
use canceranmalan::validation::rule::{Check, Reports, Rule, RuleSet, Source, Validity};
use canceranmalan::RULES;
use canceranmalan::{parse_json, Date, Lang, Text, ValidationContext};

/// The example: a contact person is expected when the patient was referred elsewhere.
static CONTACT_FOR_REFERRAL: Rule = Rule {
    id: "EXAMPLE-CONTACT-FOR-REFERRAL",
    severity: Severity::Warning,
    reads: &[Field::ReferredTo, Field::ContactPerson],
    reports: Reports::Fields(&[Field::ContactPerson, Field::ReferredTo]),
    rule_sets: &[RuleSet::Register],
    valid: Validity {
        from: Some(Date::from_ymd_const(2024, 1, 1)),
        until: None,
    },
    sources: &[Source::Manual(
        "Variablerna i canceranmälan (Kontaktperson)",
    )],
    message: Text::new(
        "Ange kontaktperson när patienten remitterats till {to}.",
        "Give a contact person when the patient was referred to {to}.",
    ),
    check: Check::Report(|input, out| {
        let r = input.report();
        if let Some(to) = r.text(Field::ReferredTo) {
            if !r.is_given(Field::ContactPerson) {
                out.push(
                    Hit::on(&[Field::ContactPerson, Field::ReferredTo]).arg("to", Arg::text(to)),
                );
            }
        }
    }),
};

fn with_example() -> Vec<&'static Rule> {
    let mut rules = RULES.to_vec();
    rules.push(&CONTACT_FOR_REFERRAL);
    rules
}

fn run(json: &str, set: RuleSet) -> Vec<canceranmalan::Issue> {
    let ctx = ValidationContext::new("2025-06-01".parse().unwrap())
        .with_lang(Lang::En)
        .with_rule_set(set);
    engine::run(&with_example(), &parse_json(json).unwrap(), &ctx)
}

#[test]
fn the_new_rule_runs_with_its_id_severity_message_and_params() {
    let issues = run(
        r#"{"partial": true, "diagnosis_date": "2025-01-10", "referred_to": "Onkologen, SUS"}"#,
        RuleSet::Register,
    );
    assert_eq!(issues.len(), 1, "{issues:?}");
    let i = &issues[0];
    assert_eq!(i.rule_id, "EXAMPLE-CONTACT-FOR-REFERRAL");
    assert_eq!(i.severity, Severity::Warning);
    assert_eq!(i.fields, ["contact_person", "referred_to"]);
    assert_eq!(
        i.message,
        "Give a contact person when the patient was referred to Onkologen, SUS."
    );
    assert_eq!(i.param("to"), Some(&Param::Text("Onkologen, SUS".into())));
}

#[test]
fn rule_sets_and_validity_decide_whether_it_runs() {
    let referral = r#"{"partial": true, "diagnosis_date": "2025-01-10", "referred_to": "X"}"#;
    // Not in the form's rule set.
    assert!(run(referral, RuleSet::Form).is_empty());
    // Not for reports diagnosed before 2024.
    let before = r#"{"partial": true, "diagnosis_date": "2023-12-31", "referred_to": "X"}"#;
    assert!(run(before, RuleSet::Register).is_empty());
}

#[test]
fn the_engine_skips_it_when_an_input_failed_to_decode() {
    // A contact person of the wrong type is reported once, by the wire rule.
    let issues = run(
        r#"{"partial": true, "referred_to": "X", "contact_person": 42}"#,
        RuleSet::Register,
    );
    let ids: Vec<_> = issues.iter().map(|i| i.rule_id).collect();
    assert_eq!(ids, ["WIRE-TYPE"]);
}

/// A check that names a field its rule did not declare.
static UNDECLARED: Rule = Rule {
    id: "EXAMPLE-UNDECLARED",
    severity: Severity::Info,
    reads: &[],
    reports: Reports::Fields(&[Field::Comment]),
    rule_sets: &[RuleSet::Form],
    valid: Validity::ALWAYS,
    sources: &[Source::WireFormat],
    message: Text::new("x", "x"),
    check: Check::Report(|_, out| out.push(Hit::on(&[Field::Icd10]))),
};

#[test]
#[cfg_attr(debug_assertions, should_panic(expected = "undeclared fields"))]
fn a_check_may_only_report_fields_it_declared() {
    let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
    let issues = engine::run(&[&UNDECLARED], &parse_json("{}").unwrap(), &ctx);
    // Release builds drop the hit rather than report a field the rule does not concern.
    assert!(issues.is_empty());
}
