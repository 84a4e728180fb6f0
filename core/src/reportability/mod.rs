//! Reportability (uppgiftsskyldighet): must this tumour be reported, must the clinic send an
//! A-anmälan, and to whom — by HSLF-FS 2016:7 as amended by HSLF-FS 2023:36, which from
//! 2024-01-01 leaves in situ tumours (except of the lung and urinary tract), high-grade
//! dysplasia and severely dysplastic naevi to the pathology departments alone. The rules are
//! a table keyed by diagnosis date (`core/data/reportability.tsv`), and three validation rules
//! use it.

use crate::model::field::{Field, Report};
use crate::rules::codes::Morphology;
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{
    Check, Input, Key, KeyedRules, Reports, Rule, Source, Validity, FORM_AND_REGISTER,
};
use crate::vocab::date::Date;
use crate::vocab::icd10::Icd10;
use crate::vocab::lang::Text;
use crate::vocab::short_cmp;
use crate::vocab::tables::{REPORTABILITY, REPORTABILITY_MESSAGES, REPORTABILITY_SOURCE};

/// Where a notification goes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Route {
    /// To the Regional Cancer Centre (an A-anmälan).
    Rcc,
    /// Directly to Socialstyrelsen (basal cell carcinoma, from the pathology department).
    Socialstyrelsen,
    /// Not reported.
    None,
    /// Cannot be told from the report.
    Unknown,
}

impl Route {
    /// `"rcc"`, `"socialstyrelsen"`, `"none"` or `"unknown"`.
    pub fn key(self) -> &'static str {
        match self {
            Route::Rcc => "rcc",
            Route::Socialstyrelsen => "socialstyrelsen",
            Route::None => "none",
            Route::Unknown => "unknown",
        }
    }
}

/// The answer for one report.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Reportability {
    /// Must the tumour be reported to the cancer register at all (`None`: cannot be told).
    pub reportable: Option<bool>,
    /// Must the clinic send an A-anmälan (`None`: cannot be told).
    pub clinic_must_report: Option<bool>,
    /// Where the notification goes.
    pub route: Route,
    /// A stable category ID: `malignant`, `basal_cell_carcinoma`, `metastasis`,
    /// `haematological_premalignant`, `in_situ_lung`, `in_situ_urinary`, `in_situ_other`,
    /// `high_grade_dysplasia`, `dysplastic_naevus`, `benign_cns`, `endocrine_active`,
    /// `thyroid_adenoma`, `uncertain_behaviour`, `benign_other`, `not_a_tumour` or `unknown`.
    pub category: &'static str,
    /// Why, in Swedish and English.
    pub message: Text,
    /// The legal and other sources of the table.
    pub source: &'static str,
}

fn yes_no(cell: &str) -> Option<bool> {
    match cell {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn route(cell: &str) -> Route {
    match cell {
        "rcc" => Route::Rcc,
        "socialstyrelsen" => Route::Socialstyrelsen,
        "none" => Route::None,
        _ => Route::Unknown,
    }
}

/// True when the code lies between the bounds (three characters: by category; five: whole).
fn icd10_between(code: &str, from: &str, to: &str) -> bool {
    let part = |bound: &str| if bound.len() == 3 { &code[..3] } else { code };
    (from.is_empty() || short_cmp(part(from), from).is_ge())
        && (to.is_empty() || short_cmp(part(to), to).is_le())
}

/// True when the morphology fits a cell `NNNN-NNNN/B`, `NNNN`, `/B` or empty.
fn morph_fits(cell: &str, m: Option<Morphology>) -> bool {
    if cell.is_empty() {
        return true;
    }
    let Some(m) = m else { return false };
    let (range, behaviour) = match cell.split_once('/') {
        Some((r, b)) => (r, Some(b)),
        None => (cell, None),
    };
    let code = format!("{:04}", m.code);
    let in_range = range.is_empty()
        || match range.split_once('-') {
            Some((a, b)) => a <= code.as_str() && code.as_str() <= b,
            None => range == code,
        };
    in_range && behaviour.map_or(true, |b| b == char::from(b'0' + m.behaviour).to_string())
}

const UNKNOWN: Reportability = Reportability {
    reportable: None,
    clinic_must_report: None,
    route: Route::Unknown,
    category: "unknown",
    message: Text::new(
        "Anmälningsplikten kan inte avgöras utan en giltig ICD10-kod.",
        "Whether it must be reported cannot be told without a valid ICD-10 code.",
    ),
    source: "",
};

/// Whether the report's tumour must be reported, whether the clinic must send it, and
/// where it goes, for its date of diagnosis (or `today` where that is missing or invalid).
///
/// ```
/// use canceranmalan::{reportability, Report, Route};
/// let mut r = Report::default();
/// r.icd10 = Some("D05.1".into());
/// r.diagnosis_date = Some("2023-11-02".into());
/// let before = reportability(&r, "2025-06-01".parse().unwrap());
/// assert_eq!((before.category, before.clinic_must_report), ("in_situ_other", Some(true)));
/// r.diagnosis_date = Some("2024-02-10".into());
/// let after = reportability(&r, "2025-06-01".parse().unwrap());
/// assert_eq!((after.clinic_must_report, after.route), (Some(false), Route::Rcc));
/// ```
pub fn reportability(report: &Report, today: Date) -> Reportability {
    let code = report
        .text(Field::Icd10)
        .and_then(|t| Some((Icd10::parse(t)?, t)));
    let diagnosed = report
        .text(Field::DiagnosisDate)
        .and_then(|t| t.parse::<Date>().ok());
    judge(report, code, diagnosed.unwrap_or(today))
}

/// [`reportability`] for a report whose ICD-10 code (read, with its text) and date of
/// diagnosis (or the reference date where it has none) are known: validation reads each once
/// for all its rules.
fn judge(report: &Report, code: Option<(Icd10, &str)>, date: Date) -> Reportability {
    let source = REPORTABILITY_SOURCE;
    let unknown = Reportability { source, ..UNKNOWN };
    let Some((parsed, code)) = code else {
        return unknown;
    };
    if !(parsed.letter() == 'C' || parsed.in_range(b'D', 0, 48)) {
        return Reportability {
            reportable: Some(false),
            clinic_must_report: Some(false),
            route: Route::None,
            category: "not_a_tumour",
            message: Text::new(
                "Koden ligger utanför ICD-10 kapitel II (tumörer): ingen canceranmälan.",
                "The code is outside ICD-10 chapter II (neoplasms): no cancer notification.",
            ),
            source,
        };
    }
    // The table's dates are ISO days (a test holds them to that): compared as bytes.
    let iso = date.iso_bytes();
    let day = iso.as_slice();
    let morphology = report
        .text(Field::Icdo3Morphology)
        .and_then(Morphology::parse);
    for i in 0..REPORTABILITY.len() {
        let row = |column| REPORTABILITY.cell(i, column);
        // A three-character code where the table divides its category by subcode (D35: D35.0
        // is reportable, D35.5 not) cannot be judged.
        if code.len() == 3
            && (row(4).len() == 5 || row(5).len() == 5)
            && (row(4).starts_with(code) || row(5).starts_with(code))
        {
            return Reportability {
                message: Text::new(
                    "Anmälningsplikten beror på underkoden; ange den fyrställiga ICD10-koden.",
                    "Whether it must be reported depends on the subcode; give the four-character ICD-10 code.",
                ),
                ..unknown
            };
        }
        let in_period = (row(2).is_empty() || day >= row(2).as_bytes())
            && (row(3).is_empty() || day < row(3).as_bytes());
        // A row without ICD-10 bounds is about the morphology alone.
        let site = row(4).is_empty() || icd10_between(code, row(4), row(5));
        if in_period && site && morph_fits(row(6), morphology) {
            return Reportability {
                reportable: yes_no(row(7)),
                clinic_must_report: yes_no(row(8)),
                route: route(row(9)),
                category: row(1),
                message: message_of(i, row(0)),
                source,
            };
        }
    }
    unknown
}

/// The message of the reportability table's row `i`, whose order key is `key`: the messages
/// table's row `i` where the two tables keep the same order (a test holds them to it), else
/// the row with that key.
fn message_of(i: usize, key: &str) -> Text {
    let m = if i < REPORTABILITY_MESSAGES.len() && REPORTABILITY_MESSAGES.cell(i, 0) == key {
        Some(REPORTABILITY_MESSAGES.row(i))
    } else {
        REPORTABILITY_MESSAGES.get(key)
    };
    m.map_or(Text::new("", ""), |m| Text::new(m[1], m[2]))
}

/// The report's reportability, once per validation.
fn of(input: &Input<'_>) -> Reportability {
    *input.memo(|i| {
        let date = i.date(Field::DiagnosisDate).unwrap_or(i.ctx.today);
        judge(i.report(), i.icd10(), date)
    })
}

/// The days on which a row of `reportability.tsv` starts or stops applying, in order (a
/// test holds the list to the table): [`judge`] depends on the date only through where it
/// falls among them.
const PERIOD_BOUNDARIES: &[Date] = &[Date::from_ymd_const(2024, 1, 1)];

/// How many of [`PERIOD_BOUNDARIES`] the date is on or after.
fn period_of(date: Date) -> i64 {
    PERIOD_BOUNDARIES.iter().filter(|b| date >= **b).count() as i64
}

/// The reportability rules: through `judge`, their checks read the ICD-10 code, the
/// ICD-O-3 morphology and the period of the date of diagnosis (of the reference date where
/// the report has none), and nothing else of the report.
pub static REPORTABILITY_RULES: KeyedRules = KeyedRules {
    name: "reportability",
    rules: &[
        &BCC_ROUTE,
        &METASTASIS,
        &NOT_REPORTABLE,
        &CLINIC_NOT_REQUIRED,
    ],
    key: |input, key: &mut Key| {
        let r = input.report();
        key.field_text(Field::Icd10, r.icd10.as_deref());
        key.field_text(Field::Icdo3Morphology, r.icdo3_morphology.as_deref());
        let date = input.date(Field::DiagnosisDate).unwrap_or(input.ctx.today);
        key.int(Some(period_of(date)));
    },
};

/// True unless the report is an ordinary one to send to RCC (reportable, by the clinic, not
/// a metastasis): the condition of the reportability rules, each of which speaks only of
/// some other case (the engine asks it once for the four).
fn notable(input: &Input<'_>) -> bool {
    let r = of(input);
    !(r.reportable == Some(true)
        && r.clinic_must_report == Some(true)
        && r.route == Route::Rcc
        && r.category != "metastasis")
}

const SOURCES: &[Source] = &[
    Source::Regulation("3–5 §§, as amended by HSLF-FS 2023:36"),
    Source::Table("reportability.tsv"),
];

/// A report that the clinic need not send since 2024 (the pathology department reports it).
pub static CLINIC_NOT_REQUIRED: Rule = Rule {
    id: "REPORT-CLINIC-NOT-REQUIRED",
    severity: Severity::Info,
    reads: &[Field::Icd10, Field::Icdo3Morphology, Field::DiagnosisDate],
    reports: Reports::Fields(&[Field::Icd10, Field::Icdo3Morphology]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: SOURCES,
    message: Text::new(
        "{reason} Anmälan kan ändå skickas.",
        "{reason} The report may still be sent.",
    ),
    check: Check::ReportWhen(notable, |input, out| {
        let r = of(input);
        if r.reportable == Some(true)
            && r.clinic_must_report == Some(false)
            && r.route == Route::Rcc
        {
            out.push(Hit::on(&[Field::Icd10]).arg("reason", Arg::Code(r.category, r.message)));
        }
    }),
};

/// Basal cell carcinoma on an A-anmälan: it goes to Socialstyrelsen from the pathology lab.
pub static BCC_ROUTE: Rule = Rule {
    id: "REPORT-BCC-ROUTE",
    severity: Severity::Error,
    reads: &[Field::Icd10, Field::Icdo3Morphology],
    reports: Reports::Fields(&[Field::Icd10, Field::Icdo3Morphology]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Regulation("4 § 7"),
        Source::Registry(
            "Socialstyrelsen, Lämna uppgifter till cancerregistret (basalcellscancer)",
        ),
        Source::Table("reportability.tsv"),
    ],
    message: Text::new("{reason}", "{reason}"),
    check: Check::ReportWhen(notable, |input, out| {
        let r = of(input);
        if r.route == Route::Socialstyrelsen {
            out.push(
                Hit::on(&[Field::Icd10, Field::Icdo3Morphology])
                    .arg("reason", Arg::Code(r.category, r.message))
                    .arg("route", Arg::text(r.route.key())),
            );
        }
    }),
};

/// A metastasis code: reported only when the primary tumour is unknown.
pub static METASTASIS: Rule = Rule {
    id: "REPORT-METASTASIS",
    severity: Severity::Warning,
    reads: &[Field::Icd10],
    reports: Reports::Fields(&[Field::Icd10]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Regulation("3 § (metastaser endast när primärtumören är okänd)"),
        Source::Manual("Variablerna i canceranmälan"),
    ],
    message: Text::new(
        "{code} är en metastaskod. Är primärtumören okänd? Annars ska primärtumören anmälas, inte metastasen.",
        "{code} is a metastasis code. Is the primary tumour unknown? Otherwise report the primary tumour, not the metastasis.",
    ),
    check: Check::ReportWhen(notable, |input, out| {
        let r = of(input);
        if r.category == "metastasis" {
            let code = input.report().text(Field::Icd10).unwrap_or("");
            out.push(Hit::on(&[Field::Icd10]).arg("code", Arg::text(code)));
        }
    }),
};

/// A tumour that is not reportable at all.
pub static NOT_REPORTABLE: Rule = Rule {
    id: "REPORT-NOT-REPORTABLE",
    severity: Severity::Warning,
    reads: &[Field::Icd10, Field::Icdo3Morphology],
    reports: Reports::Fields(&[Field::Icd10]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: SOURCES,
    message: Text::new("{reason}", "{reason}"),
    check: Check::ReportWhen(notable, |input, out| {
        let r = of(input);
        // Codes outside chapter II are ICD10-NOT-NEOPLASM's.
        if r.reportable == Some(false) && r.category != "not_a_tumour" {
            out.push(Hit::on(&[Field::Icd10]).arg("reason", Arg::Code(r.category, r.message)));
        }
    }),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_boundaries_are_the_days_of_the_table() {
        let mut days: Vec<&str> = (0..REPORTABILITY.len())
            .flat_map(|i| [REPORTABILITY.cell(i, 2), REPORTABILITY.cell(i, 3)])
            .filter(|d| !d.is_empty())
            .collect();
        days.sort_unstable();
        days.dedup();
        let boundaries: Vec<String> = PERIOD_BOUNDARIES.iter().map(Date::to_string).collect();
        assert_eq!(days, boundaries);
    }

    fn at(icd10: &str, morphology: Option<&str>, date: &str) -> Reportability {
        let r = Report {
            icd10: Some(icd10.into()),
            icdo3_morphology: morphology.map(Into::into),
            diagnosis_date: Some(date.into()),
            ..Report::default()
        };
        reportability(&r, "2026-01-01".parse().unwrap())
    }

    /// The messages table keeps the reportability table's order, so that a row's message is
    /// found at its own index; and the table's dates are ISO days, compared as bytes.
    #[test]
    fn the_tables_keep_one_order_and_iso_days() {
        assert_eq!(REPORTABILITY.len(), REPORTABILITY_MESSAGES.len());
        for i in 0..REPORTABILITY.len() {
            assert_eq!(REPORTABILITY.cell(i, 0), REPORTABILITY_MESSAGES.cell(i, 0));
            for c in [2, 3] {
                let cell = REPORTABILITY.cell(i, c);
                if !cell.is_empty() {
                    let d: Date = cell.parse().unwrap();
                    assert_eq!(d.iso_bytes().as_slice(), cell.as_bytes());
                }
            }
        }
    }

    #[test]
    fn categories() {
        assert_eq!(at("C50.9", None, "2025-01-01").category, "malignant");
        assert_eq!(
            at("C44.3", Some("8090/3"), "2025-01-01").route,
            Route::Socialstyrelsen
        );
        assert_eq!(
            at("C44.3", Some("8070/3"), "2025-01-01").category,
            "malignant"
        );
        assert_eq!(at("C78.0", None, "2025-01-01").reportable, None);
        assert_eq!(
            at("D02.2", None, "2025-01-01").clinic_must_report,
            Some(true)
        );
        assert_eq!(at("D09.0", None, "2025-01-01").category, "in_situ_urinary");
        assert_eq!(
            at("D06.9", None, "2023-12-31").clinic_must_report,
            Some(true)
        );
        assert_eq!(
            at("D06.9", None, "2024-01-01").clinic_must_report,
            Some(false)
        );
        assert_eq!(at("D34", None, "2025-01-01").reportable, Some(false));
        assert_eq!(at("D32.0", None, "2025-01-01").category, "benign_cns");
        assert_eq!(
            at("D22.5", Some("8727/0"), "2025-01-01").category,
            "dysplastic_naevus"
        );
        assert_eq!(at("J18.9", None, "2025-01-01").category, "not_a_tumour");
        for row in REPORTABILITY.rows() {
            assert!(
                matches!(row[7], "yes" | "no" | "unknown")
                    && matches!(row[8], "yes" | "no" | "unknown")
            );
            assert!(matches!(
                row[9],
                "rcc" | "socialstyrelsen" | "none" | "unknown"
            ));
        }
    }
}
