//! Replay of case events: 100 000 events, as 20 000 cases of five events each (open, note,
//! ready for approval, send, register) and as one case of 100 000 inbox edits. Target
//! (issue #11): well under a second for 100 000 events. Also one `perform` of `send`, which
//! validates the report. Run: cargo bench -p canceranmalan --bench lifecycle

use canceranmalan::{parse_json, Action, Actor, Args, Case, Event, Role, Timestamp};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const REPORT: &str = r#"{"personal_id":"19640823-3234","diagnosis_date":"2025-03-14",
 "primary_site":"Bröst, övre yttre kvadranten","icd10":"C50.4","morphology":"Duktal cancer",
 "side":"left","t":"T2","n":"N1","m":"M0","tnm_basis":"pathological","basis_of_diagnosis":3,
 "pathology_lab":"011","specimen_number":"ÅÄÖåäö1234567890","specimen_year":2025}"#;

fn at(minute: u32) -> Timestamp {
    format!(
        "2025-04-{:02}T{:02}:{:02}:00Z",
        1 + minute / 1440,
        minute / 60 % 24,
        minute % 60
    )
    .parse()
    .unwrap()
}

fn five_event_cases(n: usize) -> Vec<Vec<Event>> {
    let anna = Actor::new("anna", "KIR-1", Role::Reporter);
    let rcc = Actor::new("rita", "RCC", Role::Rcc);
    (0..n)
        .map(|i| {
            let id = Some(format!("c{i}"));
            let c = Case::open(parse_json(REPORT).unwrap(), &anna, at(0), id).unwrap();
            let c = c
                .perform(Action::SetNote, &anna, at(1), Args::new().value("Kolla"))
                .unwrap();
            let c = c
                .perform(Action::ReadyForApproval, &anna, at(2), Args::new())
                .unwrap();
            let c = c.perform(Action::Send, &anna, at(3), Args::new()).unwrap();
            let c = c
                .perform(Action::Register, &rcc, at(4), Args::new())
                .unwrap();
            c.events().to_vec()
        })
        .collect()
}

fn one_long_case(n: u32) -> Vec<Event> {
    let anna = Actor::new("anna", "KIR-1", Role::Reporter);
    let mut c = Case::open(parse_json(REPORT).unwrap(), &anna, at(0), None).unwrap();
    let mut events = c.events().to_vec();
    // Built event by event (perform copies the case, which would make this quadratic).
    for i in 1..n {
        let value = if i % 2 == 0 { "bo" } else { "anna" };
        let next = c
            .perform(Action::Assign, &anna, at(i / 100), Args::new().value(value))
            .unwrap();
        events.push(next.events()[1].clone());
        c = Case::replay(&events[..1]).unwrap();
        let _ = next;
    }
    events
        .iter_mut()
        .enumerate()
        .for_each(|(i, e)| e.seq = i as u32 + 1);
    events
}

fn bench(c: &mut Criterion) {
    let cases = five_event_cases(20_000);
    let long = one_long_case(100_000);
    assert!(Case::replay(&long).is_ok());
    let mut g = c.benchmark_group("replay");
    g.sample_size(10);
    g.throughput(Throughput::Elements(100_000));
    g.bench_function("100 000 events (20 000 cases of 5)", |b| {
        b.iter(|| {
            for events in &cases {
                black_box(Case::replay(black_box(events)).unwrap());
            }
        })
    });
    g.bench_function("100 000 events (one case)", |b| {
        b.iter(|| black_box(Case::replay(black_box(&long)).unwrap()))
    });
    let json: Vec<String> = cases.iter().flatten().map(Event::to_json).collect();
    g.bench_function("100 000 events from JSON text (20 000 cases of 5)", |b| {
        b.iter(|| {
            for chunk in json.chunks(5) {
                let events: Vec<Event> =
                    chunk.iter().map(|t| Event::from_json(t).unwrap()).collect();
                black_box(Case::replay(&events).unwrap());
            }
        })
    });
    g.finish();
    let anna = Actor::new("anna", "KIR-1", Role::Reporter);
    let open = Case::open(parse_json(REPORT).unwrap(), &anna, at(0), None).unwrap();
    c.bench_function("perform send (validates)", |b| {
        b.iter(|| {
            black_box(
                open.perform(Action::Send, &anna, at(1), Args::new())
                    .unwrap(),
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
