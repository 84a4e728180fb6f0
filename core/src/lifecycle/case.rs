//! A case (*ärende*) in INCA: its states, the actions that move it, who may take them, and
//! the events that record them. The permission table is data (`data/case_actions.tsv`); the
//! code here reads it and knows the actions only by what the table says of them.

use std::cmp::Ordering;
use std::fmt;

use crate::model::field::{Field, Report};
use crate::validation::context::ValidationContext;
use crate::validation::issue::{Issue, Severity};
use crate::vocab::codes::{code_list, Code, CodeEntry};
use crate::vocab::date::Date;
use crate::vocab::lang::{Lang, Text};
use crate::vocab::sensitive::SensitiveText;
use crate::vocab::tables::CASE_ACTIONS;
use crate::vocab::timestamp::Timestamp;
use crate::wire::decode::{ParsedReport, WireProblem};

/// `Display` writes the stable key, as every binding writes it.
macro_rules! display_by_key {
    ($($name:ident),+) => {
        $(impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.key())
            }
        })+
    };
}

display_by_key!(State, Colour, Role, Action);

code_list! {
    /// The state of a case (*ärendestatus*).
    pub enum State {
        /// *Ej klar*: started at the clinic, kept in its inbox.
        Draft => "draft", "Ej klar", "Not ready";
        /// *Klar för godkännande*: in the clinic's inbox, waiting for someone to check it.
        AwaitingApproval => "awaiting_approval", "Klar för godkännande", "Ready for approval";
        /// *Påminnelse*: opened by RCC for a notification it has not received.
        Reminder => "reminder", "Påminnelse", "Reminder";
        /// *Kompletteras*: sent back by RCC for completion or correction.
        Returned => "returned", "Kompletteras", "Returned for completion";
        /// Sent to RCC, not yet handled (a pink case).
        Sent => "sent", "Skickad till RCC", "Sent to RCC";
        /// Handled and registered by RCC (a blue case).
        Registered => "registered", "Registrerad", "Registered";
        /// Deleted by the clinic (*Avbryt och radera*).
        Deleted => "deleted", "Raderad", "Deleted";
    }
}

code_list! {
    /// The colour INCA's patient view gives a case.
    pub enum Colour {
        /// *Grönt ärende*: in the clinic's inbox, for action; the only kind that can be edited.
        Green => "green", "grön", "green";
        /// *Rosa ärende*: sent to RCC, not yet handled.
        Pink => "pink", "rosa", "pink";
        /// *Blått ärende*: registered by RCC.
        Blue => "blue", "blå", "blue";
    }
}

code_list! {
    /// Who acts.
    pub enum Role {
        /// *Inrapportör*: a reporter of a unit (clinic).
        Reporter => "reporter", "inrapportör", "reporter";
        /// A registrar of the Regional Cancer Centre.
        Rcc => "rcc", "RCC", "RCC";
    }
}

code_list! {
    /// What can be done: the four that start a case, and those on a case (*åtgärder*).
    pub enum Action {
        /// *Nytt ärende*: a reporter opens a case (starts a case).
        Open => "open", "Nytt ärende", "New case";
        /// RCC opens a reminder case for a missing notification (starts a case).
        Remind => "remind", "Påminnelse", "Reminder";
        /// A new case that corrects a sent or registered one (starts a case).
        Correct => "correct", "Komplettering/rättning", "Correction";
        /// A request to withdraw a registered notification (starts a case).
        Withdraw => "withdraw", "Återtagande", "Withdrawal";
        /// *Ej klar, kvar i inkorg*.
        Save => "save", "Ej klar, kvar i inkorg", "Not ready, keep in inbox";
        /// *Klar för godkännande*.
        ReadyForApproval => "ready_for_approval", "Klar för godkännande", "Ready for approval";
        /// *Klar, sänd till RCC*.
        Send => "send", "Klar, sänd till RCC", "Ready, send to RCC";
        /// *Avbryt och radera*.
        Delete => "delete", "Avbryt och radera", "Cancel and delete";
        /// RCC sends the case back for completion (*Kompletteras*).
        Return => "return", "Skicka tillbaka för komplettering", "Return for completion";
        /// RCC registers the case.
        Register => "register", "Registrera", "Register";
        /// *Ansvarig inrapportör*: who handles the case.
        Assign => "assign", "Välj ansvarig inrapportör", "Assign a responsible reporter";
        /// *Bevakningsdatum för inrapportering*.
        SetFollowUp => "set_follow_up", "Bevakningsdatum", "Follow-up date";
        /// *Notering för inrapportör*: seen by reporters only.
        SetNote => "set_note", "Notering för inrapportör", "Note for reporters";
        /// The form's *Kommentar*, edited from the inbox.
        SetComment => "set_comment", "Kommentar", "Comment";
        /// *Brådskande*: RCC marks the case urgent (or not).
        SetUrgent => "set_urgent", "Brådskande", "Urgent";
    }
}

impl State {
    /// The colour of the patient view; `None` for a deleted case.
    pub fn colour(self) -> Option<Colour> {
        match self {
            State::Draft | State::AwaitingApproval | State::Reminder | State::Returned => {
                Some(Colour::Green)
            }
            State::Sent => Some(Colour::Pink),
            State::Registered => Some(Colour::Blue),
            State::Deleted => None,
        }
    }

    /// True for the four states of the clinic's inbox (green), the only ones a reporter edits.
    pub fn is_green(self) -> bool {
        self.colour() == Some(Colour::Green)
    }
}

impl Action {
    /// True for the actions that start a new case rather than act on one.
    pub fn starts_case(self) -> bool {
        matches!(
            self,
            Action::Open | Action::Remind | Action::Correct | Action::Withdraw
        )
    }
}

/// Who acts: a user, the unit (clinic) they act for, and their role.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Actor {
    /// The user (an id or name the host chooses).
    pub user: String,
    /// The unit (*enhet*, clinic) the user acts for; RCC's own code for a registrar.
    pub unit: String,
    /// Reporter or RCC.
    pub role: Role,
}

impl Actor {
    /// An actor.
    pub fn new(user: impl Into<String>, unit: impl Into<String>, role: Role) -> Actor {
        Actor {
            user: user.into(),
            unit: unit.into(),
            role,
        }
    }
}

/// Why an action was refused (or why events do not replay). Stable codes, as every binding
/// gives them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Reason {
    /// The action is not one of those this operation takes (e.g. `open` on an existing case).
    UnknownAction,
    /// Nothing is possible on a deleted case.
    CaseDeleted,
    /// A registered case changes only through a correction.
    CaseRegistered,
    /// The actor's role may not take this action.
    WrongRole,
    /// The reporter belongs to another unit than the one that owns the case.
    OtherUnit,
    /// A case that RCC created or sent back cannot be deleted: write the reason in the
    /// comment, mark the report partial and send it.
    CreatedByRcc,
    /// The case is not in the clinic's inbox (not green): a reporter can no longer edit it.
    NotInInbox,
    /// The action does not apply to the case's state.
    WrongState,
    /// The time is before the case's last event.
    TimeOrder,
    /// The action needs a comment.
    CommentRequired,
    /// The action needs a value.
    ValueRequired,
    /// The value is not what the action takes.
    InvalidValue,
    /// The action takes no value.
    ValueNotAccepted,
    /// The action carries no report.
    ReportNotAccepted,
    /// The report has keys or values the wire format does not hold (they would be lost).
    InvalidReport,
    /// A case is the report of one patient: the report names another.
    OtherPatient,
    /// A case needs the patient's personal identity number.
    PersonalIdRequired,
    /// `validate` finds errors and the report is not marked partial.
    HasErrors,
    /// Replay: there are no events.
    NoEvents,
    /// Replay: an event does not follow from the case before it (another case, a gap in the
    /// sequence, or another outcome than recorded).
    EventMismatch,
}

impl Reason {
    /// The stable code.
    pub fn key(self) -> &'static str {
        match self {
            Reason::UnknownAction => "unknown_action",
            Reason::CaseDeleted => "case_deleted",
            Reason::CaseRegistered => "case_registered",
            Reason::WrongRole => "wrong_role",
            Reason::OtherUnit => "other_unit",
            Reason::CreatedByRcc => "created_by_rcc",
            Reason::NotInInbox => "not_in_inbox",
            Reason::WrongState => "wrong_state",
            Reason::TimeOrder => "time_order",
            Reason::CommentRequired => "comment_required",
            Reason::ValueRequired => "value_required",
            Reason::InvalidValue => "invalid_value",
            Reason::ValueNotAccepted => "value_not_accepted",
            Reason::ReportNotAccepted => "report_not_accepted",
            Reason::InvalidReport => "invalid_report",
            Reason::OtherPatient => "other_patient",
            Reason::PersonalIdRequired => "personal_id_required",
            Reason::HasErrors => "has_errors",
            Reason::NoEvents => "no_events",
            Reason::EventMismatch => "event_mismatch",
        }
    }

    fn text(self) -> Text {
        match self {
            Reason::UnknownAction => Text::new(
                "Åtgärden finns inte här",
                "The action does not exist here",
            ),
            Reason::CaseDeleted => Text::new(
                "Ärendet är raderat; inget kan göras med det",
                "The case is deleted; nothing can be done with it",
            ),
            Reason::CaseRegistered => Text::new(
                "Ärendet är registrerat av RCC; det ändras bara genom en ny anmälan som rättar det",
                "The case is registered by RCC; it changes only through a new notification that corrects it",
            ),
            Reason::WrongRole => Text::new(
                "Rollen får inte utföra åtgärden",
                "The role may not take this action",
            ),
            Reason::OtherUnit => Text::new(
                "Ärendet tillhör en annan enhet",
                "The case belongs to another unit",
            ),
            Reason::CreatedByRcc => Text::new(
                "Ett ärende från RCC kan inte raderas: skriv anledningen i kommentaren, markera enstaka uppgifter och sänd till RCC",
                "A case from RCC cannot be deleted: write the reason in the comment, mark the report partial and send it to RCC",
            ),
            Reason::NotInInbox => Text::new(
                "Endast ett grönt ärende i klinikens inkorg kan ändras",
                "Only a green case in the clinic's inbox can be changed",
            ),
            Reason::WrongState => Text::new(
                "Åtgärden gäller inte ett ärende med denna status",
                "The action does not apply to a case with this status",
            ),
            Reason::TimeOrder => Text::new(
                "Tiden är före ärendets senaste händelse",
                "The time is before the case's last event",
            ),
            Reason::CommentRequired => Text::new(
                "Åtgärden kräver en kommentar",
                "The action needs a comment",
            ),
            Reason::ValueRequired => Text::new(
                "Åtgärden kräver ett värde",
                "The action needs a value",
            ),
            Reason::InvalidValue => Text::new(
                "Värdet passar inte åtgärden",
                "The value does not fit the action",
            ),
            Reason::ValueNotAccepted => Text::new(
                "Åtgärden tar inget värde",
                "The action takes no value",
            ),
            Reason::ReportNotAccepted => Text::new(
                "Åtgärden tar ingen ändrad anmälan",
                "The action carries no edited report",
            ),
            Reason::InvalidReport => Text::new(
                "Anmälan har uppgifter som formatet inte kan hålla",
                "The report has data the wire format cannot hold",
            ),
            Reason::OtherPatient => Text::new(
                "Anmälan gäller en annan patient än ärendet",
                "The report is for another patient than the case",
            ),
            Reason::PersonalIdRequired => Text::new(
                "Ett ärende kräver patientens personnummer",
                "A case needs the patient's personal identity number",
            ),
            Reason::HasErrors => Text::new(
                "Anmälan har fel; rätta dem eller markera enstaka uppgifter",
                "The report has errors; correct them or mark it partial",
            ),
            Reason::NoEvents => Text::new("Det finns inga händelser", "There are no events"),
            Reason::EventMismatch => Text::new(
                "Händelsen följer inte av ärendet före den",
                "The event does not follow from the case before it",
            ),
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.key())
    }
}

/// A refused action: the stable reason, a detail that names what was wrong (an action, a
/// state, a field key; never a personal identity number), and for [`Reason::HasErrors`] the
/// errors `validate` found. The case it was asked of is unchanged.
#[derive(Clone, PartialEq, Debug)]
pub struct TransitionError {
    /// Why.
    pub reason: Reason,
    /// What, in few words (English keys and values, e.g. `"send from sent"`).
    pub detail: String,
    /// For [`Reason::HasErrors`]: the errors.
    pub issues: Vec<Issue>,
}

impl TransitionError {
    fn new(reason: Reason, detail: impl Into<String>) -> TransitionError {
        TransitionError {
            reason,
            detail: detail.into(),
            issues: Vec::new(),
        }
    }

    /// The message in the given language, with the detail.
    pub fn message(&self, lang: Lang) -> String {
        let text = self.reason.text().get(lang);
        if self.detail.is_empty() {
            text.to_string()
        } else {
            format!("{text} ({})", self.detail)
        }
    }
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason, self.message(Lang::En))
    }
}

impl std::error::Error for TransitionError {}

/// One action taken: who, for which unit, in which role, when, what, from which state to
/// which, the comment and value it carried, and the report after it. A case is the replay of
/// its events ([`Case::replay`]).
///
/// `Debug` masks the personal identity number (through the report) and shows free text only
/// as its length.
#[derive(Clone, PartialEq)]
pub struct Event {
    /// The case's id.
    pub case_id: String,
    /// The position in the case's events, from 1.
    pub seq: u32,
    /// When.
    pub at: Timestamp,
    /// Who.
    pub actor: Actor,
    /// What.
    pub action: Action,
    /// The state before; `None` where the event starts the case.
    pub from: Option<State>,
    /// The state after.
    pub to: State,
    /// The comment the action carried.
    pub comment: Option<String>,
    /// The value the action set (a user, a date `YYYY-MM-DD`, a text, `true`/`false`).
    pub value: Option<String>,
    /// For a correction or withdrawal: the id of the case it names.
    pub refers_to: Option<String>,
    /// The report after the action.
    pub report: Report,
}

fn text_len(t: &Option<String>) -> Option<String> {
    t.as_ref()
        .map(|t| format!("<text, {} characters>", t.chars().count()))
}

impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Event")
            .field("case_id", &self.case_id)
            .field("seq", &self.seq)
            .field("at", &format_args!("{}", self.at))
            .field("actor", &self.actor)
            .field("action", &self.action)
            .field("from", &self.from)
            .field("to", &self.to)
            .field("comment", &text_len(&self.comment))
            .field("value", &text_len(&self.value))
            .field("refers_to", &self.refers_to)
            .field("report", &self.report)
            .finish()
    }
}

/// A case: the state, the report, the inbox's data and every event, as replaying the events
/// gives them. A value: [`Case::perform`] returns a new case and leaves this one as it was.
#[derive(Clone, PartialEq)]
pub struct Case {
    id: String,
    unit: String,
    state: State,
    report: Report,
    refers_to: Option<String>,
    kind: Action,
    rcc_origin: bool,
    arrival: Timestamp,
    responsible: Option<String>,
    follow_up: Option<Date>,
    note: Option<String>,
    urgent: bool,
    events: Vec<Event>,
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Case")
            .field("id", &self.id)
            .field("unit", &self.unit)
            .field("state", &self.state)
            .field("kind", &self.kind())
            .field("refers_to", &self.refers_to)
            .field("arrival", &format_args!("{}", self.arrival))
            .field("responsible", &self.responsible)
            .field("follow_up", &self.follow_up)
            .field("note", &text_len(&self.note))
            .field("urgent", &self.urgent)
            .field("report", &self.report)
            .field("events", &self.events.len())
            .finish()
    }
}

/// What an action takes besides its actor and time. `Debug` shows free text only as its
/// length and the report masked.
#[derive(Clone, Default)]
pub struct Args {
    /// A comment (required by `return`, `correct` and `withdraw`).
    pub comment: Option<String>,
    /// A value (for `assign`, `set_follow_up`, `set_note`, `set_comment`, `set_urgent`;
    /// absent clears).
    pub value: Option<String>,
    /// An edited report (for `open`, `save`, `ready_for_approval`, `send`, `correct`),
    /// decoded from the wire format with what decoding found.
    pub report: Option<ParsedReport>,
    /// The language of the issues of a refused `send`.
    pub lang: Lang,
}

impl fmt::Debug for Args {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Args")
            .field("comment", &text_len(&self.comment))
            .field("value", &text_len(&self.value))
            .field("report", &self.report.as_ref().map(ParsedReport::report))
            .field("lang", &self.lang)
            .finish()
    }
}

impl Args {
    /// No comment, value or report; Swedish.
    pub fn new() -> Args {
        Args::default()
    }

    /// With a comment.
    pub fn comment(mut self, comment: impl Into<String>) -> Args {
        self.comment = Some(comment.into());
        self
    }

    /// With a value.
    pub fn value(mut self, value: impl Into<String>) -> Args {
        self.value = Some(value.into());
        self
    }

    /// With an edited report.
    pub fn report(mut self, report: ParsedReport) -> Args {
        self.report = Some(report);
        self
    }

    /// With the language of the issues of a refused `send`.
    pub fn lang(mut self, lang: Lang) -> Args {
        self.lang = lang;
        self
    }
}

/// A row of the permission table, read.
#[derive(Clone, Copy, Debug)]
struct Permission {
    from: Option<State>,
    role: Role,
    to: Option<State>,
    comment_required: bool,
    value: Option<ValueKind>,
    report: bool,
    check: Check,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ValueKind {
    User,
    Date,
    Note,
    Comment,
    Flag,
    Unit,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Check {
    None,
    Valid,
    CreatedByClinic,
}

/// The permission table's rows as text (`action`, `from`, `role`, `to`, `comment`, `value`,
/// `report`, `check`, `source`), for documentation and tests.
pub fn permission_rows() -> impl Iterator<Item = [&'static str; 9]> {
    CASE_ACTIONS.rows()
}

/// The rows of the permission table for an action.
fn permissions(action: Action) -> impl Iterator<Item = Permission> {
    CASE_ACTIONS.all(action.key()).map(|row| {
        // The table is checked by a test below; a cell it cannot hold reads as "no".
        Permission {
            from: State::from_key(row[1]),
            role: Role::from_key(row[2]).unwrap_or(Role::Rcc),
            to: State::from_key(row[3]),
            comment_required: row[4] == "required",
            value: match row[5] {
                "user" => Some(ValueKind::User),
                "date" => Some(ValueKind::Date),
                "note" => Some(ValueKind::Note),
                "comment" => Some(ValueKind::Comment),
                "unit" => Some(ValueKind::Unit),
                "flag" => Some(ValueKind::Flag),
                _ => None,
            },
            report: row[6] == "yes",
            check: match row[7] {
                "valid" => Check::Valid,
                "created_by_clinic" => Check::CreatedByClinic,
                _ => Check::None,
            },
        }
    })
}

fn given(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

/// The report of `parsed`, refused where decoding found anything it could not keep.
fn accept_report(parsed: ParsedReport) -> Result<Report, TransitionError> {
    if let Some(f) = parsed.findings().first() {
        let what = match &f.problem {
            WireProblem::UnknownKey => "unknown key",
            WireProblem::RepeatedKey => "repeated key",
            WireProblem::Value(_) => "value the field cannot hold",
            WireProblem::Omitted(_) => "unknown or repeated keys",
        };
        return Err(TransitionError::new(
            Reason::InvalidReport,
            format!("{}: {what}", f.key),
        ));
    }
    Ok(parsed.into_report())
}

fn personal_id(report: &Report) -> Option<&str> {
    report
        .personal_id
        .as_ref()
        .map(SensitiveText::reveal)
        .filter(|p| !p.trim().is_empty())
}

/// The case's patient for an edited report: the report may leave the personal identity
/// number out (the case's is kept) but not name another.
fn same_patient(mut report: Report, patient: Option<&str>) -> Result<Report, TransitionError> {
    match (personal_id(&report), patient) {
        (Some(a), Some(b)) if a.trim() != b.trim() => Err(TransitionError::new(
            Reason::OtherPatient,
            Field::PersonalId.key(),
        )),
        (None, Some(b)) => {
            report.personal_id = Some(SensitiveText::new(b));
            Ok(report)
        }
        _ => Ok(report),
    }
}

/// The errors `validate` finds in the report with `date` as the reference date.
fn errors(report: &Report, date: Date, lang: Lang) -> Vec<Issue> {
    let ctx = ValidationContext::new(date).with_lang(lang);
    ParsedReport::from_report(report.clone())
        .validate(&ctx)
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .collect()
}

fn is_partial(report: &Report) -> bool {
    report.partial == Some(true)
}

/// An edit of a case's report: the fields it gives replace the case's, the fields it names
/// with `null` are cleared, and the fields it leaves out stay as they were (nothing set is
/// lost by an edit that does not name it). In replay, the recorded report replaces the case's.
#[derive(Clone)]
enum Edit {
    Patch { report: Report, cleared: Vec<Field> },
    Replace(Report),
}

/// What one step needs, whether asked for or replayed.
struct Step {
    action: Action,
    by: Actor,
    at: Timestamp,
    comment: Option<String>,
    value: Option<String>,
    report: Option<Edit>,
    lang: Lang,
    /// Run `validate` for `send` (not in replay: the events record what was accepted under
    /// the rules of their day, and a later version of the rules must not rewrite history).
    validate: bool,
}

/// What the first event of a case needs.
struct Start {
    action: Action,
    by: Actor,
    at: Timestamp,
    id: Option<String>,
    value: Option<String>,
    comment: Option<String>,
    refers_to: Option<String>,
    report: Report,
}

impl Start {
    fn new(action: Action, by: &Actor, at: Timestamp, id: Option<String>) -> Start {
        Start {
            action,
            by: by.clone(),
            at,
            id,
            value: None,
            comment: None,
            refers_to: None,
            report: Report::default(),
        }
    }
}

impl Case {
    /// A reporter opens a case (*Nytt ärende*) with a report for a patient, at a time. The
    /// case's id is `id` where given, else `"{unit}/{at}"`; hosts that open several cases of
    /// a unit in the same second give their own.
    ///
    /// ```
    /// use canceranmalan::lifecycle::{Action, Actor, Args, Case, Role, State};
    /// use canceranmalan::parse_json;
    ///
    /// let anna = Actor::new("anna", "KIR-1", Role::Reporter);
    /// let report = parse_json(r#"{"personal_id": "19121212-1212", "icd10": "C50.4"}"#).unwrap();
    /// let case = Case::open(report, &anna, "2025-06-02T09:00:00+02:00".parse().unwrap(), None).unwrap();
    /// assert_eq!(case.state(), State::Draft);
    /// // An incomplete report cannot be sent...
    /// let at = "2025-06-02T09:05:00+02:00".parse().unwrap();
    /// let refused = case.perform(Action::Send, &anna, at, Args::new()).unwrap_err();
    /// assert_eq!(refused.reason.key(), "has_errors");
    /// // ...unless it is marked partial.
    /// let partial = parse_json(r#"{"partial": true, "comment": "Resten följer"}"#).unwrap();
    /// let sent = case.perform(Action::Send, &anna, at, Args::new().report(partial)).unwrap();
    /// assert_eq!(sent.state(), State::Sent);
    /// assert_eq!(case.state(), State::Draft); // the earlier value is unchanged
    /// assert_eq!(Case::replay(sent.events()).unwrap(), sent);
    /// ```
    pub fn open(
        report: ParsedReport,
        by: &Actor,
        at: Timestamp,
        id: Option<String>,
    ) -> Result<Case, TransitionError> {
        Case::start(Start {
            report: accept_report(report)?,
            ..Start::new(Action::Open, by, at, id)
        })
    }

    /// RCC opens a reminder case (*Påminnelse*) for a notification it misses: a case of
    /// `unit` for the patient, in that unit's inbox.
    pub fn reminder(
        personal_id: &str,
        unit: &str,
        by: &Actor,
        at: Timestamp,
        id: Option<String>,
    ) -> Result<Case, TransitionError> {
        let report = Report {
            personal_id: Some(SensitiveText::new(personal_id)),
            ..Report::default()
        };
        Case::start(Start {
            value: Some(unit.to_string()),
            report,
            ..Start::new(Action::Remind, by, at, id)
        })
    }

    /// A new case that corrects this one (sent or registered), with a report and a comment
    /// that says so (the manual: *skriv en kommentar om att formuläret rör
    /// komplettering/rättning*). The comment becomes the report's comment where the report
    /// has none. This case is unchanged.
    pub fn correct(
        &self,
        report: ParsedReport,
        by: &Actor,
        at: Timestamp,
        comment: &str,
        id: Option<String>,
    ) -> Result<Case, TransitionError> {
        self.refer(Action::Correct, by, at, comment)?;
        let mut report = same_patient(accept_report(report)?, personal_id(&self.report))?;
        if !report.is_given(Field::Comment) {
            report.comment = Some(comment.to_string());
        }
        Case::start(Start {
            comment: Some(comment.to_string()),
            refers_to: Some(self.id.clone()),
            report,
            ..Start::new(Action::Correct, by, at, id)
        })
    }

    /// A request to withdraw this registered case, with the reason: a new case (a partial
    /// report of the patient whose comment is the reason) that the reporter sends to RCC.
    /// This case is unchanged.
    pub fn withdraw(
        &self,
        by: &Actor,
        at: Timestamp,
        reason: &str,
        id: Option<String>,
    ) -> Result<Case, TransitionError> {
        self.refer(Action::Withdraw, by, at, reason)?;
        let report = Report {
            personal_id: self.report.personal_id.clone(),
            partial: Some(true),
            comment: Some(reason.to_string()),
            ..Report::default()
        };
        Case::start(Start {
            comment: Some(reason.to_string()),
            refers_to: Some(self.id.clone()),
            report,
            ..Start::new(Action::Withdraw, by, at, id)
        })
    }

    /// The checks of a correction or withdrawal on the case it names.
    fn refer(
        &self,
        action: Action,
        by: &Actor,
        at: Timestamp,
        comment: &str,
    ) -> Result<(), TransitionError> {
        if self.state == State::Deleted {
            return Err(TransitionError::new(Reason::CaseDeleted, action.key()));
        }
        let rows: Vec<Permission> = permissions(action).filter(|p| p.role == by.role).collect();
        if rows.is_empty() {
            return Err(TransitionError::new(
                Reason::WrongRole,
                format!("{action} by {}", by.role),
            ));
        }
        if by.unit != self.unit {
            return Err(TransitionError::new(Reason::OtherUnit, action.key()));
        }
        if !rows.iter().any(|p| p.from == Some(self.state)) {
            return Err(TransitionError::new(
                Reason::WrongState,
                format!("{action} of a case in {}", self.state),
            ));
        }
        if self.last_at().cmp_instant(&at) == Ordering::Greater {
            return Err(TransitionError::new(Reason::TimeOrder, at.to_string()));
        }
        if comment.trim().is_empty() {
            return Err(TransitionError::new(Reason::CommentRequired, action.key()));
        }
        Ok(())
    }

    /// The first event of a case.
    fn start(first: Start) -> Result<Case, TransitionError> {
        let Start {
            action,
            by,
            at,
            id,
            value,
            comment,
            refers_to,
            report,
        } = first;
        let row = match permissions(action).next() {
            Some(r) if r.role == by.role => r,
            _ => {
                let detail = format!("{action} by {}", by.role);
                return Err(TransitionError::new(Reason::WrongRole, detail));
            }
        };
        // A reminder names the unit whose inbox it goes to; other cases belong to the
        // actor's unit.
        let unit = match row.value {
            Some(ValueKind::Unit) => match value.as_deref().map(str::trim) {
                Some(u) if !u.is_empty() => u.to_string(),
                _ => return Err(TransitionError::new(Reason::ValueRequired, "unit")),
            },
            _ if value.is_some() => {
                return Err(TransitionError::new(Reason::ValueNotAccepted, action.key()))
            }
            _ => by.unit.clone(),
        };
        if row.comment_required && !given(&comment) {
            return Err(TransitionError::new(Reason::CommentRequired, action.key()));
        }
        // What each start carries, so that a replayed first event cannot carry more: only a
        // correction or withdrawal names a case and has a comment; a reminder's report is
        // the patient alone, a withdrawal's the patient, the partial flag and the reason.
        let names_case = matches!(action, Action::Correct | Action::Withdraw);
        if names_case != refers_to.is_some() || (!row.comment_required && comment.is_some()) {
            return Err(TransitionError::new(
                Reason::EventMismatch,
                format!("{action} with or without a case named or a comment"),
            ));
        }
        let patient = report.personal_id.clone();
        let expected = match action {
            Action::Remind => Some(Report {
                personal_id: patient.clone(),
                ..Report::default()
            }),
            Action::Withdraw => Some(Report {
                personal_id: patient.clone(),
                partial: Some(true),
                comment: comment.clone(),
                ..Report::default()
            }),
            _ => None,
        };
        if expected.is_some_and(|e| e != report) {
            return Err(TransitionError::new(
                Reason::EventMismatch,
                format!("{action} with another report than it makes"),
            ));
        }
        if personal_id(&report).is_none() {
            return Err(TransitionError::new(
                Reason::PersonalIdRequired,
                Field::PersonalId.key(),
            ));
        }
        let to = row.to.unwrap_or(State::Draft);
        let id = id
            .filter(|i| !i.trim().is_empty())
            .unwrap_or_else(|| format!("{unit}/{at}"));
        let event = Event {
            case_id: id.clone(),
            seq: 1,
            at,
            actor: by.clone(),
            action,
            from: None,
            to,
            comment,
            value,
            refers_to: refers_to.clone(),
            report: report.clone(),
        };
        Ok(Case {
            id,
            unit,
            state: to,
            report,
            refers_to,
            kind: action,
            rcc_origin: by.role == Role::Rcc,
            arrival: at,
            responsible: (by.role == Role::Reporter).then(|| by.user.clone()),
            follow_up: None,
            note: None,
            urgent: false,
            events: vec![event],
        })
    }

    /// Takes an action on the case: a new case with one more event, or the reason it is
    /// refused (this case is unchanged either way).
    ///
    /// The rules, from the manual and the permission table (`data/case_actions.tsv`):
    /// nothing is possible on a deleted case; a registered case changes only through a
    /// correction ([`Case::correct`]); a reporter acts only on the cases of their own unit,
    /// and only on a green case; `send` runs `validate` with the action's date as reference
    /// date and is refused while errors remain, unless the report is marked partial; a case
    /// that RCC created or sent back cannot be deleted; `return` needs a comment; times may
    /// not go back before the last event.
    pub fn perform(
        &self,
        action: Action,
        by: &Actor,
        at: Timestamp,
        args: Args,
    ) -> Result<Case, TransitionError> {
        let report = match args.report {
            Some(parsed) => {
                let cleared = Field::ALL
                    .into_iter()
                    .filter(|f| parsed.is_nulled(*f))
                    .collect();
                Some(Edit::Patch {
                    report: accept_report(parsed)?,
                    cleared,
                })
            }
            None => None,
        };
        let mut next = self.clone();
        next.apply(Step {
            action,
            by: by.clone(),
            at,
            comment: args.comment,
            value: args.value,
            report,
            lang: args.lang,
            validate: true,
        })?;
        Ok(next)
    }

    /// Takes a step in place (on error, `self` may be half changed: callers work on a copy
    /// or give up the case).
    fn apply(&mut self, s: Step) -> Result<(), TransitionError> {
        let refuse = |reason: Reason, detail: String| Err(TransitionError::new(reason, detail));
        let action = s.action;
        if action.starts_case() {
            return refuse(Reason::UnknownAction, format!("{action} starts a new case"));
        }
        match self.state {
            State::Deleted => return refuse(Reason::CaseDeleted, action.key().into()),
            State::Registered => return refuse(Reason::CaseRegistered, action.key().into()),
            _ => {}
        }
        let rows: Vec<Permission> = permissions(action)
            .filter(|p| p.role == s.by.role)
            .collect();
        if rows.is_empty() {
            return refuse(Reason::WrongRole, format!("{action} by {}", s.by.role));
        }
        if s.by.role == Role::Reporter && s.by.unit != self.unit {
            return refuse(Reason::OtherUnit, action.key().into());
        }
        // A case RCC created or sent back cannot be deleted, whichever green state it is in.
        let clinic_only = rows.iter().any(|p| p.check == Check::CreatedByClinic);
        if self.rcc_origin && clinic_only && self.state.is_green() {
            return refuse(Reason::CreatedByRcc, action.key().into());
        }
        let Some(row) = rows.iter().find(|p| p.from == Some(self.state)).copied() else {
            let reason = if s.by.role == Role::Reporter && !self.state.is_green() {
                Reason::NotInInbox
            } else {
                Reason::WrongState
            };
            return refuse(reason, format!("{action} from {}", self.state));
        };
        if self.last_at().cmp_instant(&s.at) == Ordering::Greater {
            return refuse(Reason::TimeOrder, s.at.to_string());
        }
        if row.comment_required && !given(&s.comment) {
            return refuse(Reason::CommentRequired, action.key().into());
        }
        let from = self.state;
        let next = self;
        match (row.value, &s.value) {
            (None, Some(_)) => return refuse(Reason::ValueNotAccepted, action.key().into()),
            (None, None) => {}
            (Some(kind), value) => next.set_value(action, kind, value.as_deref())?,
        }
        if let Some(edit) = s.report.clone() {
            if !row.report {
                return refuse(Reason::ReportNotAccepted, action.key().into());
            }
            let edited = match edit {
                Edit::Replace(report) => report,
                Edit::Patch { report, cleared } => {
                    if cleared.contains(&Field::PersonalId) {
                        return refuse(Reason::PersonalIdRequired, Field::PersonalId.key().into());
                    }
                    let mut merged = next.report.clone();
                    for f in Field::ALL {
                        if let Some(v) = report.get_json(f) {
                            // The value came from a report, so the field holds it.
                            let _ = merged.set_json(f, v);
                        } else if cleared.contains(&f) {
                            merged.clear(f);
                        }
                    }
                    merged
                }
            };
            next.report = same_patient(edited, personal_id(&next.report))?;
        }
        if row.check == Check::Valid && s.validate && !is_partial(&next.report) {
            let errors = errors(&next.report, s.at.date(), s.lang);
            if !errors.is_empty() {
                let ids: Vec<&str> = errors.iter().map(|i| i.rule_id).collect();
                return Err(TransitionError {
                    reason: Reason::HasErrors,
                    detail: ids.join(", "),
                    issues: errors,
                });
            }
        }
        let to = row.to.unwrap_or(from);
        if action == Action::Return {
            // Back in the clinic's inbox, as a case from RCC.
            next.rcc_origin = true;
            next.arrival = s.at;
        }
        next.state = to;
        next.events.push(Event {
            case_id: next.id.clone(),
            seq: next.events.len() as u32 + 1,
            at: s.at,
            actor: s.by,
            action,
            from: Some(from),
            to,
            comment: s.comment,
            value: s.value,
            refers_to: None,
            report: next.report.clone(),
        });
        Ok(())
    }

    fn set_value(
        &mut self,
        action: Action,
        kind: ValueKind,
        value: Option<&str>,
    ) -> Result<(), TransitionError> {
        let invalid = |what: &str| {
            Err(TransitionError::new(
                Reason::InvalidValue,
                format!("{action}: expected {what}"),
            ))
        };
        let value = value.filter(|v| !v.trim().is_empty());
        match kind {
            ValueKind::User => self.responsible = value.map(str::to_string),
            ValueKind::Date => {
                self.follow_up = match value.map(str::parse::<Date>) {
                    None => None,
                    Some(Ok(d)) => Some(d),
                    Some(Err(_)) => return invalid("a date as YYYY-MM-DD"),
                }
            }
            ValueKind::Flag => {
                self.urgent = match value {
                    None | Some("false") => false,
                    Some("true") => true,
                    Some(_) => return invalid("true or false"),
                }
            }
            ValueKind::Comment => self.report.comment = value.map(str::to_string),
            ValueKind::Note => self.note = value.map(str::to_string),
            // Only a case's first event names a unit.
            ValueKind::Unit => return invalid("no unit"),
        }
        Ok(())
    }

    /// Replays events into the case they record: the first must start a case, and each
    /// later one must follow from the case before it with the outcome it records (the same
    /// state, report and data); otherwise [`Reason::EventMismatch`] names the event.
    ///
    /// Replay does not run `validate` again for `send`: the events record what the rules of
    /// their day accepted.
    pub fn replay(events: &[Event]) -> Result<Case, TransitionError> {
        let (first, rest) = events
            .split_first()
            .ok_or_else(|| TransitionError::new(Reason::NoEvents, ""))?;
        let mismatch = |e: &Event, what: &str| {
            TransitionError::new(
                Reason::EventMismatch,
                format!("event {} ({}): {what}", e.seq, e.action),
            )
        };
        if !first.action.starts_case() || first.seq != 1 || first.from.is_some() {
            return Err(mismatch(first, "the first event must start a case"));
        }
        let mut case = Case::start(Start {
            value: first.value.clone(),
            comment: first.comment.clone(),
            refers_to: first.refers_to.clone(),
            report: first.report.clone(),
            ..Start::new(
                first.action,
                &first.actor,
                first.at,
                Some(first.case_id.clone()),
            )
        })?;
        if case.events[0] != *first {
            return Err(mismatch(first, "another outcome than recorded"));
        }
        for e in rest {
            if e.case_id != case.id || e.seq as usize != case.events.len() + 1 {
                return Err(mismatch(e, "another case, or a gap in the sequence"));
            }
            let carries_report = permissions(e.action).any(|p| p.report);
            let report = (carries_report && e.report != case.report)
                .then(|| Edit::Replace(e.report.clone()));
            case.apply(Step {
                action: e.action,
                by: e.actor.clone(),
                at: e.at,
                comment: e.comment.clone(),
                value: e.value.clone(),
                report,
                lang: Lang::Sv,
                validate: false,
            })?;
            if case.events.last() != Some(e) {
                return Err(mismatch(e, "another outcome than recorded"));
            }
        }
        Ok(case)
    }

    fn last_at(&self) -> Timestamp {
        self.events.last().map_or(self.arrival, |e| e.at)
    }

    /// The case's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The unit (clinic) that owns the case.
    pub fn unit(&self) -> &str {
        &self.unit
    }

    /// The state.
    pub fn state(&self) -> State {
        self.state
    }

    /// The colour of the patient view (`None` for a deleted case).
    pub fn colour(&self) -> Option<Colour> {
        self.state.colour()
    }

    /// What started the case: [`Action::Open`] (a notification), [`Action::Remind`] (a
    /// reminder from RCC), [`Action::Correct`] or [`Action::Withdraw`].
    pub fn kind(&self) -> Action {
        self.kind
    }

    /// For a correction or withdrawal: the id of the case it names.
    pub fn refers_to(&self) -> Option<&str> {
        self.refers_to.as_deref()
    }

    /// True when RCC created the case or sent it back: it cannot be deleted.
    pub fn from_rcc(&self) -> bool {
        self.rcc_origin
    }

    /// The report as it stands.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Every event, in order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// *Ankomstdatum*: when the case came to the clinic's inbox (opened there, a reminder
    /// from RCC, or sent back by RCC).
    pub fn arrival(&self) -> Timestamp {
        self.arrival
    }

    /// *Ansvarig inrapportör*: the reporter who handles the case (at first, who opened it).
    pub fn responsible(&self) -> Option<&str> {
        self.responsible.as_deref()
    }

    /// *Bevakningsdatum*: the follow-up date a reporter set.
    pub fn follow_up(&self) -> Option<Date> {
        self.follow_up
    }

    /// *Notering för inrapportör*: an internal note for the unit's reporters (hosts show it
    /// to reporters only, not to RCC).
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// *Brådskande*: RCC marked the case urgent.
    pub fn urgent(&self) -> bool {
        self.urgent
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_permission_table_names_only_what_the_code_knows() {
        for row in CASE_ACTIONS.rows() {
            let action = Action::from_key(row[0]).unwrap_or_else(|| panic!("{}", row[0]));
            assert!(
                row[1] == "-" || State::from_key(row[1]).is_some(),
                "{row:?}"
            );
            assert_eq!(
                row[1] == "-",
                action == Action::Open || action == Action::Remind
            );
            assert!(Role::from_key(row[2]).is_some(), "{row:?}");
            assert!(
                row[3] == "=" || State::from_key(row[3]).is_some(),
                "{row:?}"
            );
            assert!(["-", "required"].contains(&row[4]), "{row:?}");
            assert!(
                ["-", "user", "date", "note", "comment", "flag", "unit"].contains(&row[5]),
                "{row:?}"
            );
            assert!(["yes", "no"].contains(&row[6]), "{row:?}");
            assert!(
                ["-", "valid", "created_by_clinic"].contains(&row[7]),
                "{row:?}"
            );
            assert!(!row[8].is_empty(), "{row:?}");
        }
        for action in Action::ALL {
            assert!(permissions(*action).next().is_some(), "{action} has no row");
        }
    }
}
