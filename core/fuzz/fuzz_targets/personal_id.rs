//! Any text and any reference date: parsing never panics; a valid number round-trips and is
//! masked wherever it is shown.
#![no_main]

use canceranmalan::{Date, ParseOptions, PersonalId};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, u8, u8, bool, &str)| {
    let (year, month, day, allow, text) = input;
    let Some(reference) = Date::from_ymd(year % 10_000, month % 13, day % 32) else { return };
    let opts = ParseOptions::new(reference).with_test_persons(allow);
    if let Ok(id) = PersonalId::parse(text, &opts) {
        assert_eq!(PersonalId::parse(&id.reveal(), &opts).as_ref(), Ok(&id));
        if let Some(ten) = id.to_ten_digit(reference) {
            assert_eq!(PersonalId::parse(&ten, &opts).as_ref(), Ok(&id));
        }
        assert!(!format!("{id} {id:?}").contains(&id.reveal()));
    }
});
