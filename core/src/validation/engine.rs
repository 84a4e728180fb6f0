//! The engine: runs a list of rules over a decoded report and makes issues of their hits.
//!
//! It knows no rule by name. For each rule it decides whether the rule runs (rule set,
//! validity period, inputs that failed to decode), runs the check, holds each hit to the
//! fields the rule declared, and stamps the rule's ID, severity and message on it.

use super::context::ValidationContext;
use super::issue::{Hit, Issue, IssueDraft, IssueSink, Loc, Severity};
use super::reuse::Reuse;
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
    run_rules::<false, _>(rules, rules, true, parsed, ctx, issues, None);
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
    run_rules::<false, _>(rules, chosen, false, parsed, ctx, issues, None);
}

/// [`run_chosen_into`] of `chosen` (exactly the rules the context runs, in catalogue order),
/// reusing for a keyed rule the hits its check gave an earlier report with the same key (see
/// [`Reuse`]). The caller keeps one reuse for one context: the issues are those the engine
/// gives without it.
pub(crate) fn run_reusing<S: IssueSink>(
    rules: &[&Rule],
    chosen: &[&Rule],
    parsed: &ParsedReport,
    ctx: &ValidationContext,
    issues: &mut S,
    reuse: &mut Reuse,
) {
    run_rules::<true, _>(rules, chosen, false, parsed, ctx, issues, Some(reuse));
}

/// The fields whose values can change the issues the engine makes of `rules`, in the order
/// of [`Field::ALL`]: for each rule, the fields it reads; for a check over what decoding
/// found ([`Check::Findings`]), the fields it may report (a finding is about one field's
/// value); the diagnosis date, for a rule in force only for some diagnosis dates; and the
/// confirmed rules, for a warning (a report may confirm it, which makes it info).
///
/// A host that reads a table's rows for these rules alone may leave the other columns
/// unread: the issues are the same (`core/tests/reads.rs` holds every registered rule to
/// this).
///
/// ```
/// use canceranmalan::registry::RULES;
/// use canceranmalan::validation::engine::fields_needed;
/// use canceranmalan::Field;
///
/// let side_required = RULES.iter().copied().filter(|r| r.id == "SIDE-REQUIRED");
/// let needed = fields_needed(&side_required.collect::<Vec<_>>());
/// assert!(needed.contains(&Field::Side) && needed.contains(&Field::Icd10));
/// assert!(!needed.contains(&Field::Comment));
/// ```
pub fn fields_needed(rules: &[&Rule]) -> Vec<Field> {
    let mut needed = 0u64;
    let mut add = |fields: &[Field]| {
        for f in fields {
            needed |= 1u64 << *f as u32;
        }
    };
    for rule in rules {
        add(rule.reads);
        if let (Check::Findings(_), Reports::Fields(fields)) = (rule.check, rule.reports) {
            add(fields);
        }
        if rule.valid != super::rule::Validity::ALWAYS {
            add(&[Field::DiagnosisDate]);
        }
        if rule.severity == Severity::Warning {
            add(&[Field::ConfirmedRules]);
        }
    }
    Field::ALL
        .into_iter()
        .filter(|f| needed & (1u64 << *f as u32) != 0)
        .collect()
}

/// Runs `run` (choosing among them by the context where `choose`), with `catalogue` as the
/// rules the checks see, reusing hits of keyed rules where `REUSE` and a reuse is given (the
/// single report's path, without, carries no code for it: the web form's download counts).
#[allow(clippy::too_many_arguments)]
fn run_rules<const REUSE: bool, S: IssueSink>(
    catalogue: &[&Rule],
    run: &[&Rule],
    choose: bool,
    parsed: &ParsedReport,
    ctx: &ValidationContext,
    issues: &mut S,
    reuse: Option<&mut Reuse>,
) {
    let input = Input::new(parsed, ctx, catalogue);
    let confirmed = parsed.report().confirmed_rules.as_deref().unwrap_or(&[]);
    // Where the report has no valid diagnosis date, validity is judged at the reference date.
    let diagnosed = input.date(Field::DiagnosisDate).unwrap_or(ctx.today);
    // The usual report has every field decoded: no rule is skipped for its inputs.
    let all_decoded = !parsed.has_undecoded();
    // A batch's reports share one buffer of hits (kept by the reuse between reports).
    let mut kept_by = reuse;
    let mut hits = match kept_by.as_deref_mut() {
        Some(r) if REUSE => r.take_hits(),
        _ => Vec::new(),
    };
    // The usual context chooses by rule set alone: then no rule's ID is looked for.
    let by_set = ctx.by_rule_set_alone().then_some(ctx.rule_set);
    // The last condition asked (by its function's address) and its answer.
    let mut last_condition: Option<(usize, bool)> = None;
    // Hits are reused only for a report whose fields all decoded (a key then holds the
    // values the checks see).
    let mut reuse = if REUSE {
        kept_by.as_deref_mut().filter(|_| all_decoded)
    } else {
        None
    };
    if let Some(r) = reuse.as_deref_mut() {
        r.begin(run);
    }
    // Whether the rule runs for this report.
    let runs = |rule: &Rule| {
        let chosen = match by_set {
            _ if !choose => true,
            Some(set) => in_sets(rule.rule_sets, set),
            None => ctx.runs(rule.id, rule.rule_sets),
        };
        chosen && rule.valid.contains(diagnosed)
    };
    // The last group asked for and its entry (a group's rules mostly come in a row).
    let mut last_entry: Option<(u8, u32)> = None;
    // Places before `row_tried` are in a row that was tried and not all its hits were known.
    let mut row_tried = 0;
    // The place of the next rule (a row of rules handed their kept hits is passed at once).
    let mut next = 0;
    while let Some(&rule) = run.get(next) {
        let place = next;
        next += 1;
        // A rule of the chosen list in force at every date runs without a look at the date.
        let always = REUSE && !choose && reuse.as_deref().is_some_and(|r| r.always(place));
        if !always && !runs(rule) {
            continue;
        }
        // The entry of the rule's group for this report, where its hits are not known yet.
        let mut keep = None;
        let replayed = match reuse.as_deref_mut() {
            Some(r) if REUSE => match r.group_at(place) {
                Some(group) => {
                    let entry = match last_entry {
                        Some((g, e)) if g == group => e,
                        _ => r.entry(group, &input),
                    };
                    last_entry = Some((group, entry));
                    // Where every rule of the group's row from here on that runs has had its
                    // check run for this key, their kept hits are handed on rule by rule.
                    let row = r.row(place);
                    if place >= row_tried && r.settled(entry, row.clone(), |p| runs(run[p])) {
                        next = row.end;
                        let kept = r.hits(entry);
                        if !kept.is_empty() {
                            for p in row.filter(|p| runs(run[*p])) {
                                hits.extend(
                                    kept.iter()
                                        .filter(|(q, _)| *q as usize == p)
                                        .map(|(_, hit)| hit.clone()),
                                );
                                if !hits.is_empty() {
                                    emit(run[p], confirmed, &mut hits, ctx, issues);
                                }
                            }
                        }
                        continue;
                    }
                    row_tried = row.end;
                    let replayed = r.replay(entry, place, &mut hits);
                    if !replayed {
                        keep = Some(entry);
                    }
                    replayed
                }
                None => false,
            },
            _ => false,
        };
        if !replayed {
            // Reuse is asked only where every field decoded: no check is skipped then.
            match rule.check {
                Check::Report(check) | Check::Findings(check) => {
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
                    let Reports::Fields(fields) = rule.reports else {
                        continue;
                    };
                    for &f in fields {
                        if !parsed.is_undecoded(f) {
                            check(f, &input, &mut hits);
                        }
                    }
                }
            }
            if let (true, Some(entry), Some(r)) = (REUSE, keep, reuse.as_deref_mut()) {
                r.keep(entry, place, &hits);
            }
        }
        if !hits.is_empty() {
            emit(rule, confirmed, &mut hits, ctx, issues);
        }
    }
    if let (true, Some(r)) = (REUSE, kept_by) {
        r.give_hits(hits);
    }
}

/// Makes issues of a rule's hits: the rule's ID, severity (a confirmed warning is info) and
/// message, for the hits that name only fields the rule declared.
fn emit<S: IssueSink>(
    rule: &Rule,
    confirmed: &[String],
    hits: &mut Vec<Hit>,
    ctx: &ValidationContext,
    issues: &mut S,
) {
    let severity = match rule.severity {
        Severity::Warning if confirmed.iter().any(|c| c == rule.id) => Severity::Info,
        s => s,
    };
    for hit in hits.drain(..) {
        if declared(rule, &hit) {
            issues.accept(IssueDraft::new(
                rule.id,
                severity,
                rule.message,
                ctx.lang,
                hit,
            ));
        }
    }
}

/// True when every place the hit names is one the rule declared. A check that names another
/// field is a bug: debug builds stop on it, release builds drop the hit rather than report
/// a field the rule does not concern.
#[inline(always)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::rule::{Key, KeyedRules, Source, Validity, FORM_AND_REGISTER};
    use crate::vocab::date::Date;
    use crate::vocab::lang::Text;
    use crate::wire::decode::parse_json;

    /// A check that speaks of every report with a code.
    fn on_code(input: &Input<'_>, out: &mut Vec<Hit>) {
        if input.report().is_given(Field::Icd10) {
            out.push(Hit::on(&[Field::Icd10]));
        }
    }

    /// A rule, in force from `from` where given (every registered rule is in force at every
    /// date today, so the engine's look at the date is held to its word here).
    const fn rule(id: &'static str, from: Option<Date>) -> Rule {
        Rule {
            id,
            severity: Severity::Warning,
            reads: &[Field::Icd10],
            reports: Reports::Fields(&[Field::Icd10]),
            rule_sets: FORM_AND_REGISTER,
            valid: Validity { from, until: None },
            sources: &[Source::WireFormat],
            message: Text::new("i kraft", "in force"),
            check: Check::Report(on_code),
        }
    }

    const Y2024: Option<Date> = Some(Date::from_ymd_const(2024, 1, 1));
    static ALWAYS_KEYED: Rule = rule("TEST-ALWAYS-KEYED", None);
    static FROM_2024_KEYED: Rule = rule("TEST-FROM-2024-KEYED", Y2024);
    static FROM_2024: Rule = rule("TEST-FROM-2024", Y2024);

    /// The keyed rules' group: the key holds the code alone, not the date.
    static BY_CODE: KeyedRules = KeyedRules {
        name: "test",
        rules: &[&ALWAYS_KEYED, &FROM_2024_KEYED],
        key: |input, key: &mut Key| {
            key.field_text(Field::Icd10, input.report().icd10.as_deref());
        },
    };

    static LOOKUPS: &[&[&KeyedRules]] = &[&[&BY_CODE]];

    #[test]
    fn reused_rules_run_only_where_the_date_puts_them_in_force() {
        let rules: &[&Rule] = &[&ALWAYS_KEYED, &FROM_2024_KEYED, &FROM_2024];
        let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
        let mut reuse = Reuse::new(LOOKUPS);
        // The same key throughout: before 2024, in 2024, before again, in again.
        for (date, in_force) in [
            ("2023-06-01", false),
            ("2024-06-01", true),
            ("2023-06-01", false),
            ("2024-06-01", true),
            ("2023-12-31", false),
        ] {
            let json = format!(r#"{{"icd10": "C50.9", "diagnosis_date": "{date}"}}"#);
            let parsed = parse_json(&json).unwrap();
            let expected: &[&str] = if in_force {
                &[
                    "TEST-ALWAYS-KEYED",
                    "TEST-FROM-2024-KEYED",
                    "TEST-FROM-2024",
                ]
            } else {
                &["TEST-ALWAYS-KEYED"]
            };
            let ids = |issues: &[Issue]| issues.iter().map(|i| i.rule_id).collect::<Vec<_>>();
            assert_eq!(ids(&run(rules, &parsed, &ctx)), expected, "{date}");
            let mut issues = Vec::new();
            run_reusing(rules, rules, &parsed, &ctx, &mut issues, &mut reuse);
            assert_eq!(ids(&issues), expected, "{date}");
        }
    }
}
