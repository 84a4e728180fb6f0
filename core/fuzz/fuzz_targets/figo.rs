//! Any text, site and FIGO edition: reading and checking a FIGO stage never panics, and a
//! stage that reads has a label that reads back to itself.
#![no_main]

use canceranmalan::staging::figo::read_figo;
use canceranmalan::{parse_figo, Lang};
use libfuzzer_sys::fuzz_target;

const SITES: [&str; 7] = ["C53.9", "C54.1", "C56.9", "C51.9", "C52.9", "C50.9", "C58"];
const EDITIONS: [Option<u16>; 7] = [None, Some(2009), Some(2014), Some(2018), Some(2021), Some(2023), Some(1)];

fuzz_target!(|input: (u8, u8, &str)| {
    let (site, edition, text) = input;
    if let Ok(f) = read_figo(text) {
        let again = read_figo(&f.label).expect("the label reads");
        assert_eq!(again, f);
    }
    let icd10 = SITES[usize::from(site) % SITES.len()];
    let _ = parse_figo(text, icd10, EDITIONS[usize::from(edition) % EDITIONS.len()], Lang::En);
});
