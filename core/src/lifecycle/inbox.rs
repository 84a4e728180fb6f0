//! The clinic's inbox (*Inkorgen*, *Ärendeöversikt*): a unit's cases with the inbox's
//! columns, in the order a reporter works through them.

use std::cmp::Ordering;

use super::case::{Case, Colour, State};
use crate::model::field::Field;
use crate::vocab::date::Date;
use crate::vocab::timestamp::Timestamp;

/// One row of the inbox: the case and the inbox's columns (manual v3.0, "Kolumner i
/// inkorgen"). `Debug` shows the note only as its length and the case as `Case` does.
#[derive(Clone, PartialEq)]
pub struct InboxEntry<'a> {
    /// The case.
    pub case: &'a Case,
    /// *Ankomstdatum*: when the case came to the inbox.
    pub arrival: Timestamp,
    /// *Ärendestatus*.
    pub status: State,
    /// Green (for action) or pink (sent, waiting for RCC).
    pub colour: Colour,
    /// *Inrapportör*: the responsible reporter.
    pub responsible: Option<&'a str>,
    /// *Bevakningsdatum*.
    pub follow_up: Option<Date>,
    /// True when the follow-up date is today or past (and the case is still for action).
    pub follow_up_due: bool,
    /// *Noteringar*: the note for reporters.
    pub note: Option<&'a str>,
    /// *Prioritet*: RCC marked the case urgent.
    pub urgent: bool,
    /// *Diagnosdatum*, as the report holds it.
    pub diagnosis_date: Option<&'a str>,
    /// *Dödsdatum*, as the report holds it.
    pub death_date: Option<&'a str>,
}

impl std::fmt::Debug for InboxEntry<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InboxEntry")
            .field("case", &self.case.id())
            .field("arrival", &format_args!("{}", self.arrival))
            .field("status", &self.status)
            .field("responsible", &self.responsible)
            .field("follow_up", &self.follow_up)
            .field("follow_up_due", &self.follow_up_due)
            .field(
                "note",
                &self
                    .note
                    .map(|n| format!("<text, {} characters>", n.chars().count())),
            )
            .field("urgent", &self.urgent)
            .finish()
    }
}

/// The inbox of `unit` on `today`: its cases that are for action (green) or sent and not yet
/// handled (pink), without registered and deleted ones, sorted as a reporter works:
/// cases for action first, then those whose follow-up date is due, then urgent ones, then
/// by arrival (oldest first) and id.
///
/// [Inference: the manual's inbox shows the clinic's ongoing cases in the four green states,
/// and its start page and patient view also list the pink ones (sent, "Övriga ärenden");
/// this inbox lists both, the green first, so that a unit sees what it still waits for.
/// The order within them is the issue's reading of what a reporter acts on first.]
///
/// ```
/// use canceranmalan::lifecycle::{inbox, Action, Actor, Args, Case, Role};
/// use canceranmalan::parse_json;
///
/// let anna = Actor::new("anna", "KIR-1", Role::Reporter);
/// let rcc = Actor::new("rita", "RCC", Role::Rcc);
/// let r = || parse_json(r#"{"personal_id": "19121212-1212"}"#).unwrap();
/// let old = Case::open(r(), &anna, "2025-05-01T08:00Z".parse().unwrap(), None).unwrap();
/// let new = Case::open(r(), &anna, "2025-05-02T08:00Z".parse().unwrap(), None).unwrap();
/// let new = new
///     .perform(Action::SetUrgent, &rcc, "2025-05-03T08:00Z".parse().unwrap(), Args::new().value("true"))
///     .unwrap();
/// let cases = [old, new];
/// let rows = inbox(&cases, "KIR-1", "2025-05-04".parse().unwrap());
/// assert!(rows[0].urgent);
/// assert_eq!(rows.len(), 2);
/// ```
pub fn inbox<'a>(
    cases: impl IntoIterator<Item = &'a Case>,
    unit: &str,
    today: Date,
) -> Vec<InboxEntry<'a>> {
    let mut rows: Vec<InboxEntry<'a>> = cases
        .into_iter()
        .filter(|c| c.unit() == unit)
        .filter_map(|case| {
            let colour = case.colour().filter(|c| *c != Colour::Blue)?;
            let report = case.report();
            Some(InboxEntry {
                case,
                arrival: case.arrival(),
                status: case.state(),
                colour,
                responsible: case.responsible(),
                follow_up: case.follow_up(),
                follow_up_due: colour == Colour::Green
                    && case.follow_up().is_some_and(|d| d <= today),
                note: case.note(),
                urgent: case.urgent(),
                diagnosis_date: report.text(Field::DiagnosisDate),
                death_date: report.text(Field::DeathDate),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |e: &InboxEntry| (e.colour != Colour::Green, !e.follow_up_due, !e.urgent);
        key(a)
            .cmp(&key(b))
            .then_with(|| a.arrival.cmp_instant(&b.arrival))
            .then_with(|| a.case.id().cmp(b.case.id()))
            .then(Ordering::Equal)
    });
    rows
}
