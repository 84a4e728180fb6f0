//! Validates the sample reports in `examples/reports/` (or the files given) and prints the
//! issues. Usage: `validate-samples [--today YYYY-MM-DD] [--lang sv|en] [--rule-set register|form]
//! [FILE …]`; the register's rule set (every rule) unless `--rule-set form`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use canceranmalan::{validate_json, Date, Lang, RuleSet, ValidationContext};

/// Today's date (UTC) from the system clock; the library itself never reads a clock.
fn today() -> Date {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::from_ymd(year as u16, month as u8, day as u8).expect("the system clock gives a real date")
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut ctx = ValidationContext::new(today()).with_rule_set(RuleSet::Register);
    let mut files: Vec<PathBuf> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--today" => match args.next().map(|s| s.parse::<Date>()) {
                Some(Ok(d)) => ctx.today = d,
                _ => return usage("--today needs a date YYYY-MM-DD"),
            },
            "--lang" => match args.next().as_deref().and_then(Lang::from_code) {
                Some(l) => ctx.lang = l,
                None => return usage("--lang needs sv or en"),
            },
            "--rule-set" => match args.next().as_deref().and_then(RuleSet::from_key) {
                Some(s) => ctx.rule_set = s,
                None => return usage("--rule-set needs register or form"),
            },
            _ => files.push(arg.into()),
        }
    }
    if files.is_empty() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../reports");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return usage(&format!("cannot read {}", dir.display()));
        };
        files = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
    }
    println!(
        "Validating {} report(s), reference date {}, rule set {}:",
        files.len(),
        ctx.today,
        ctx.rule_set.key()
    );
    let (mut errors, mut warnings) = (0, 0);
    for path in &files {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                println!("\n{name}: cannot read: {e}");
                continue;
            }
        };
        match validate_json(&text, &ctx) {
            Err(e) => println!("\n{name}: not a report: {e}"),
            Ok(issues) if issues.is_empty() => println!("\n{name}: no issues"),
            Ok(issues) => {
                println!("\n{name}:");
                for issue in &issues {
                    println!(
                        "  {:<7} {:<24} {:<30} {}",
                        issue.severity,
                        issue.rule_id,
                        issue.fields.join(", "),
                        issue.message
                    );
                    match issue.severity {
                        canceranmalan::Severity::Error => errors += 1,
                        canceranmalan::Severity::Warning => warnings += 1,
                        canceranmalan::Severity::Info => {}
                    }
                }
            }
        }
    }
    println!(
        "\n{} file(s): {errors} error(s), {warnings} warning(s).",
        files.len()
    );
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("validate-samples: {problem}\nusage: validate-samples [--today YYYY-MM-DD] [--lang sv|en] [--rule-set register|form] [FILE …]");
    ExitCode::from(2)
}
