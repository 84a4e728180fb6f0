//! The engine: runs a list of rules over a decoded report and makes issues of their hits.
//!
//! It knows no rule by name. For each rule it decides whether the rule runs (rule set,
//! validity period, inputs that failed to decode), runs the check, holds each hit to the
//! fields the rule declared, and stamps the rule's ID, severity and message on it.

use super::context::ValidationContext;
use super::issue::{Hit, Issue, Loc, Severity};
use super::rule::{Check, Input, Reports, Rule};
use super::rule_set::in_sets;
use crate::model::field::Field;
use crate::wire::decode::ParsedReport;

/// Runs `rules`, in order, over `parsed`.
///
/// A warning whose rule the report names in `confirmed_rules` is reported as info: a register
/// coder has checked it. An error cannot be confirmed away (a rule says so).
pub fn run(rules: &[&Rule], parsed: &ParsedReport, ctx: &ValidationContext) -> Vec<Issue> {
    let mut issues = Vec::new();
    run_into(rules, parsed, ctx, &mut issues);
    issues
}

/// [`run`], appending the issues to `issues` (so that a batch reuses one buffer).
pub fn run_into(
    rules: &[&Rule],
    parsed: &ParsedReport,
    ctx: &ValidationContext,
    issues: &mut Vec<Issue>,
) {
    run_rules(rules, rules, true, parsed, ctx, issues);
}

/// [`run_into`] of the catalogue `rules` for a context that chooses by rule set alone,
/// running `chosen`: exactly the catalogue's rules in the context's rule set, in the same
/// order (the registry keeps each set's list, made at compile time). Only each rule's
/// validity period is judged here.
pub fn run_chosen_into(
    rules: &[&Rule],
    chosen: &[&Rule],
    parsed: &ParsedReport,
    ctx: &ValidationContext,
    issues: &mut Vec<Issue>,
) {
    debug_assert!(ctx.by_rule_set_alone() && chosen.iter().all(|r| r.in_set(ctx.rule_set)));
    run_rules(rules, chosen, false, parsed, ctx, issues);
}

/// Runs `run` (choosing among them by the context where `choose`), with `catalogue` as the
/// rules the checks see.
fn run_rules(
    catalogue: &[&Rule],
    run: &[&Rule],
    choose: bool,
    parsed: &ParsedReport,
    ctx: &ValidationContext,
    issues: &mut Vec<Issue>,
) {
    let input = Input::new(parsed, ctx, catalogue);
    let confirmed = parsed.report().confirmed_rules.as_deref().unwrap_or(&[]);
    // Where the report has no valid diagnosis date, validity is judged at the reference date.
    let diagnosed = input.date(Field::DiagnosisDate).unwrap_or(ctx.today);
    let mut hits = Vec::new();
    // The usual report has every field decoded: no rule is skipped for its inputs.
    let all_decoded = !parsed.has_undecoded();
    // The usual context chooses by rule set alone: then no rule's ID is looked for.
    let by_set = ctx.by_rule_set_alone().then_some(ctx.rule_set);
    // The last condition asked (by its function's address) and its answer.
    let mut last_condition: Option<(usize, bool)> = None;
    for rule in run {
        let runs = match by_set {
            _ if !choose => true,
            Some(set) => in_sets(rule.rule_sets, set),
            None => ctx.runs(rule.id, rule.rule_sets),
        };
        if !runs || !rule.valid.contains(diagnosed) {
            continue;
        }
        match rule.check {
            Check::Report(check) => {
                if !all_decoded && rule.reads.iter().any(|f| parsed.is_undecoded(*f)) {
                    continue;
                }
                check(&input, &mut hits);
            }
            Check::ReportWhen(condition, check) => {
                if !all_decoded && rule.reads.iter().any(|f| parsed.is_undecoded(*f)) {
                    continue;
                }
                let key = condition as usize;
                let holds = match last_condition {
                    Some((k, holds)) if k == key => holds,
                    _ => {
                        let holds = condition(&input);
                        last_condition = Some((key, holds));
                        holds
                    }
                };
                if holds {
                    check(&input, &mut hits);
                }
            }
            Check::EachField(check) => {
                for &f in rule.reads {
                    if !parsed.is_undecoded(f) {
                        check(f, &input, &mut hits);
                    }
                }
            }
        }
        if !hits.is_empty() {
            let severity = match rule.severity {
                Severity::Warning if confirmed.iter().any(|c| c == rule.id) => Severity::Info,
                s => s,
            };
            for hit in hits.drain(..) {
                if declared(rule, &hit) {
                    issues.push(hit.into_issue(rule.id, severity, rule.message, ctx.lang));
                }
            }
        }
    }
}

/// True when every place the hit names is one the rule declared. A check that names another
/// field is a bug: debug builds stop on it, release builds drop the hit rather than report
/// a field the rule does not concern.
fn declared(rule: &Rule, hit: &Hit) -> bool {
    let ok = !hit.locs.is_empty()
        && hit.locs.iter().all(|loc| match (loc, rule.reports) {
            (Loc::Field(f), Reports::Fields(allowed)) => allowed.contains(f),
            (Loc::Key(_), Reports::UnknownKeys) => true,
            _ => false,
        });
    debug_assert!(
        ok,
        "rule {} reported undeclared fields {:?}",
        rule.id, hit.locs
    );
    ok
}
