//! Reads the real-looking TNM statements in `examples/tnm-samples.tsv` and prints, for each,
//! the canonical form, the issues and the stage with its explanation.
//!
//! Run: `cargo run -p canceranmalan-examples --bin stage-tnm [-- --lang sv] [FILE]`

use canceranmalan::{parse_tnm, stage, Extras, Lang};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = if args.iter().any(|a| a == "sv") {
        Lang::Sv
    } else {
        Lang::En
    };
    let file = args
        .iter()
        .find(|a| a.ends_with(".tsv"))
        .cloned()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../tnm-samples.tsv").to_string());
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(2);
        }
    };
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cells = line.splitn(3, '\t');
        let (Some(icd10), Some(edition), Some(tnm)) = (cells.next(), cells.next(), cells.next())
        else {
            eprintln!("skipping a line that is not ICD-10, edition and text: {line}");
            continue;
        };
        let icd10 = (icd10 != "-").then_some(icd10);
        let edition: u8 = edition.parse().unwrap_or(8);
        println!("{tnm}   [{}, UICC {edition}]", icd10.unwrap_or("no site"));
        let reading = match parse_tnm(tnm, icd10, edition, lang) {
            Ok(r) => r,
            Err(e) => {
                println!("  not TNM: {e}\n");
                continue;
            }
        };
        let basis = reading.basis.map_or("—", |b| b.key());
        println!("  canonical: {}   basis: {basis}", reading.canonical);
        for i in &reading.issues {
            println!("  {:<7} {:<20} {}", i.severity, i.rule_id, i.message);
        }
        let Some(code) = icd10 else {
            println!();
            continue;
        };
        let t = &reading.tnm;
        let cat =
            |c: Option<&canceranmalan::Category>| c.map(|c| format!("{}{}", c.prefixes, c.value));
        let extras = Extras {
            s: t.descriptor("S").map(|d| d.text.clone()),
            ..Extras::default()
        };
        match stage(
            code,
            cat(t.t.as_ref()).as_deref(),
            cat(t.n.as_ref()).as_deref(),
            cat(t.m.as_ref()).as_deref(),
            edition,
            &extras,
            lang,
        ) {
            Ok(s) => {
                match &s.group {
                    Some(g) => println!("  stage {g}"),
                    None => println!("  no stage; missing: {}", s.missing.join(", ")),
                }
                println!("  {}\n", s.explanation);
            }
            Err(e) => println!("  no stage: {e}\n"),
        }
    }
}
