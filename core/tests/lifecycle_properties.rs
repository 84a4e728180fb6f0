//! Properties of the case lifecycle over random sequences of actions by random actors (runs in
//! every `cargo test`):
//!
//! - a report field that was set is never lost: an action without a report leaves the report
//!   as it was (`set_comment` changes only the comment), and an edit sets the fields it
//!   gives, clears those it names with `null` and keeps every other field as it was;
//! - no state the rules forbid is reached: each accepted step is a row of the permission
//!   table, deleted and registered cases never change, a reporter acts only on green cases of
//!   their own unit, and a case RCC created or sent back is never deleted;
//! - a refused action leaves the case as it was;
//! - replaying the events, and reading the case's JSON, always give an equal case.

use canceranmalan::lifecycle::case::permission_rows;
use canceranmalan::{parse_json, Action, Actor, Args, Case, Code, Field, Role, State, Timestamp};
use proptest::prelude::*;

const PID: &str = "19640823-3234";

fn actors() -> Vec<Actor> {
    vec![
        Actor::new("anna", "KIR-1", Role::Reporter),
        Actor::new("bo", "KIR-1", Role::Reporter),
        Actor::new("xena", "ONK-2", Role::Reporter),
        Actor::new("rita", "RCC", Role::Rcc),
    ]
}

const REPORTS: &[&str] = &[
    r#"{"personal_id": "19640823-3234", "diagnosis_date": "2025-03-14", "primary_site": "Bröst", "icd10": "C50.4", "morphology": "Duktal cancer", "side": "left", "basis_of_diagnosis": 3}"#,
    r#"{"diagnosis_date": "2025-03-14", "icd10": "C50.4"}"#,
    r#"{"partial": true, "comment": "Resten följer"}"#,
    r#"{"personal_id": "19121212-1212", "icd10": "C61.9"}"#,
    r#"{"personal_id": "19640823-3234", "okänd": 1}"#,
    r#"{"icd10": null, "side": null, "t": "T1"}"#,
    r#"{"personal_id": null}"#,
];

const VALUES: &[Option<&str>] = &[
    None,
    Some("bo"),
    Some("2025-05-01"),
    Some("true"),
    Some("x"),
];

#[derive(Clone, Debug)]
struct Step {
    action: Action,
    actor: usize,
    minutes: i64,
    comment: Option<&'static str>,
    value: Option<&'static str>,
    report: Option<usize>,
}

fn step() -> impl Strategy<Value = Step> {
    (
        // Every action, with those that move a case between states more often.
        proptest::sample::select(
            Action::ALL
                .iter()
                .chain(&[Action::Send, Action::Register, Action::Return].repeat(4))
                .copied()
                .collect::<Vec<_>>(),
        ),
        0..4usize,
        -30i64..600,
        proptest::option::weighted(
            0.7,
            proptest::sample::select(vec!["Rättning", "Rättning", " "]),
        ),
        proptest::sample::select(VALUES.to_vec()),
        proptest::option::weighted(0.4, 0..REPORTS.len()),
    )
        .prop_map(|(action, actor, minutes, comment, value, report)| Step {
            action,
            actor,
            minutes,
            comment,
            value,
            report,
        })
}

fn at(minutes: i64) -> Timestamp {
    let (d, m) = (5 + minutes.div_euclid(1440), minutes.rem_euclid(1440));
    format!("2025-04-{d:02}T{:02}:{:02}:00Z", m / 60, m % 60)
        .parse()
        .unwrap()
}

fn permitted(action: Action, from: State, role: Role, to: State) -> bool {
    permission_rows().any(|r| {
        r[0] == action.key()
            && r[1] == from.key()
            && r[2] == role.key()
            && (r[3] == to.key() || (r[3] == "=" && from == to))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn random_actions_keep_the_rules(remind in any::<bool>(), steps in proptest::collection::vec(step(), 0..25)) {
        let actors = actors();
        let mut case = if remind {
            Case::reminder(PID, "KIR-1", &actors[3], at(0), None).unwrap()
        } else {
            Case::open(parse_json(REPORTS[0]).unwrap(), &actors[0], at(0), None).unwrap()
        };
        let mut minutes = 0;
        for s in steps {
            minutes += s.minutes;
            let by = &actors[s.actor];
            let mut args = Args::new();
            args.comment = s.comment.map(str::to_string);
            args.value = s.value.map(str::to_string);
            args.report = s.report.map(|i| parse_json(REPORTS[i]).unwrap());
            let given = s.report.map(|i| parse_json(REPORTS[i]).unwrap());
            let before = case.clone();
            let result = match s.action {
                Action::Correct => case.correct(parse_json(REPORTS[0]).unwrap(), by, at(minutes), s.comment.unwrap_or(""), None),
                Action::Withdraw => case.withdraw(by, at(minutes), s.comment.unwrap_or(""), None),
                a => case.perform(a, by, at(minutes), args),
            };
            prop_assert_eq!(&case, &before, "the case acted on changed");
            let Ok(next) = result else { continue };
            if s.action == Action::Correct || s.action == Action::Withdraw {
                prop_assert!(matches!(before.state(), State::Sent | State::Registered));
                prop_assert_eq!(next.refers_to(), Some(before.id()));
                prop_assert_eq!(next.state(), State::Draft);
                prop_assert_eq!(next.events().len(), 1);
                case = next;
                continue;
            }
            // The step is a row of the table, and what the rules forbid did not happen.
            prop_assert!(permitted(s.action, before.state(), by.role, next.state()),
                "{} by {} from {} to {}", s.action, by.role, before.state(), next.state());
            prop_assert!(!matches!(before.state(), State::Deleted | State::Registered));
            if by.role == Role::Reporter {
                prop_assert!(before.state().is_green());
                prop_assert_eq!(&by.unit, &before.unit().to_string());
            }
            if next.state() == State::Deleted {
                prop_assert!(!before.from_rcc());
            }
            // No field that was set is lost.
            match (&given, s.action) {
                (Some(edit), _) => {
                    for f in &canceranmalan::FIELDS {
                        let after = next.report().get_json(f.field);
                        if edit.report().is_given(f.field) {
                            prop_assert_eq!(edit.report().get_json(f.field), after, "{}", f.key);
                        } else if edit.is_nulled(f.field) {
                            prop_assert_eq!(None, after, "{}", f.key);
                        } else {
                            prop_assert_eq!(before.report().get_json(f.field), after, "{}", f.key);
                        }
                    }
                    prop_assert!(next.report().is_given(Field::PersonalId));
                }
                (None, Action::SetComment) => {
                    let mut a = before.report().clone();
                    let mut b = next.report().clone();
                    a.comment = None;
                    b.comment = None;
                    prop_assert_eq!(a, b);
                }
                (None, _) => prop_assert_eq!(before.report(), next.report()),
            }
            prop_assert_eq!(next.events().len(), before.events().len() + 1);
            prop_assert_eq!(&next.events()[..before.events().len()], before.events());
            case = next;
            // Replay and the JSON give the same case.
            prop_assert_eq!(&Case::replay(case.events()).unwrap(), &case);
            prop_assert_eq!(&Case::from_json(&case.to_json()).unwrap(), &case);
        }
    }
}

#[test]
fn debug_masks_the_personal_identity_number_and_free_text() {
    let anna = &actors()[0];
    let case = Case::open(parse_json(REPORTS[0]).unwrap(), anna, at(0), None).unwrap();
    let case = case
        .perform(
            Action::SetNote,
            anna,
            at(5),
            Args::new().value("Patienten heter Sven"),
        )
        .unwrap();
    let shown = format!("{case:?} {:?}", case.events());
    assert!(
        !shown.contains("19640823-3234") && !shown.contains("3234"),
        "{shown}"
    );
    assert!(!shown.contains("Sven"), "{shown}");
    assert!(shown.contains("19640823-****"), "{shown}");
}

proptest! {
    /// Times read back from their written form; no text makes the reader panic.
    #[test]
    fn timestamps_read_back(
        y in 1u16..=9999, mo in 1u8..=12, d in 1u8..=28, h in 0u8..24, mi in 0u8..60, s in 0u8..60,
        frac in proptest::option::of(0u32..1_000_000_000),
        offset in proptest::option::of(-(23 * 60 + 59)..=(23 * 60 + 59i32)),
        junk in ".{0,40}",
    ) {
        let mut text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
        if let Some(f) = frac {
            text += &format!(".{f:09}");
        }
        match offset {
            Some(0) => text.push('Z'),
            Some(o) => text += &format!("{}{:02}:{:02}", if o < 0 { '-' } else { '+' }, o.abs() / 60, o.abs() % 60),
            None => {}
        }
        let t: Timestamp = text.parse().unwrap();
        prop_assert_eq!(t.to_string().parse::<Timestamp>().unwrap(), t);
        prop_assert_eq!(t.date().to_string(), format!("{y:04}-{mo:02}-{d:02}"));
        let _ = junk.parse::<Timestamp>();
        let _ = format!("{text}{junk}").parse::<Timestamp>();
    }
}
