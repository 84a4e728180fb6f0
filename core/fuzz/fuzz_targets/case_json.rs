//! Any text as a case's JSON, an event's JSON and a timestamp: reading never panics; what
//! reads writes back to text that reads to an equal value; and a case that reads replays
//! from its events and accepts or refuses any action without panicking.
#![no_main]

use canceranmalan::{Action, Actor, Args, Case, Code, Event, Role, Timestamp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u8, &str)| {
    let (pick, text) = input;
    if let Ok(t) = text.parse::<Timestamp>() {
        assert_eq!(t.to_string().parse::<Timestamp>(), Ok(t));
    }
    if let Ok(e) = Event::from_json(text) {
        assert_eq!(Event::from_json(&e.to_json()).as_ref(), Ok(&e));
    }
    if let Ok(c) = Case::from_json(text) {
        assert_eq!(Case::from_json(&c.to_json()).as_ref(), Ok(&c));
        assert_eq!(Case::replay(c.events()).as_ref(), Ok(&c));
        let action = Action::ALL[usize::from(pick) % Action::ALL.len()];
        let role = if pick & 0x80 == 0 { Role::Reporter } else { Role::Rcc };
        let by = Actor::new("fuzz", c.unit(), role);
        let at = "9999-12-31T23:59:59Z".parse().unwrap();
        let _ = c.perform(action, &by, at, Args::new().comment("x").value("true"));
    }
});
