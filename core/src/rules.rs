//! The registry: every validation rule, in one table.
//!
//! To add a rule, add its ID to [`ids`], write its check below, and add a [`Rule`] to
//! [`RULES`]. The engine and the bindings need no change. Each rule carries its source.

use crate::date::{Date, DateError};
use crate::engine::{Arg, Hit, Rule, Severity, Source, ValidationContext};
use crate::field::Field;
use crate::personal_id::{ParseOptions, PersonalId, PersonalIdError};
use crate::report::{given, Report, Sex};

/// Stable rule IDs. An ID is never reused for another meaning.
pub mod ids {
    /// A key the wire format does not know.
    pub const UNKNOWN_FIELD: &str = "WIRE-UNKNOWN-FIELD";
    /// A key given more than once.
    pub const DUPLICATE_FIELD: &str = "WIRE-DUPLICATE-FIELD";
    /// A value of the wrong JSON type.
    pub const WRONG_TYPE: &str = "WIRE-TYPE";
    /// A value outside the field's code list.
    pub const INVALID_VALUE: &str = "WIRE-VALUE";
    /// A field that a complete report requires.
    pub const REQUIRED: &str = "REQUIRED";
    /// A date that is not a real date in `YYYY-MM-DD`.
    pub const DATE_FORMAT: &str = "DATE-FORMAT";
    /// A date after the reference date.
    pub const DATE_FUTURE: &str = "DATE-FUTURE";
    /// Preparatnummer longer than 16 characters.
    pub const SPECIMEN_NUMBER_LENGTH: &str = "SPECIMEN-NUMBER-LENGTH";
    /// Preparatår without four digits.
    pub const SPECIMEN_YEAR_FORMAT: &str = "SPECIMEN-YEAR-FORMAT";
    /// Preparatår after the reference year.
    pub const SPECIMEN_YEAR_FUTURE: &str = "SPECIMEN-YEAR-FUTURE";
    /// Obduktionsfynd given although diagnosgrund is not 4 or 7.
    pub const AUTOPSY_NOT_ALLOWED: &str = "AUTOPSY-NOT-ALLOWED";
    /// Obduktionsfynd missing although diagnosgrund is 4 or 7.
    pub const AUTOPSY_REQUIRED: &str = "AUTOPSY-REQUIRED";
    /// Obduktionsfynd, but diagnosdatum is not dödsdatum.
    pub const AUTOPSY_DATE: &str = "AUTOPSY-DATE";
    /// T, N or M given without grund för TNM.
    pub const TNM_BASIS_REQUIRED: &str = "TNM-BASIS-REQUIRED";
    /// FIGO given for a site outside C51–C58.
    pub const FIGO_SITE: &str = "FIGO-SITE";
    /// ICD-10 code of the wrong shape.
    pub const ICD10_FORMAT: &str = "ICD10-FORMAT";
    /// A personal identity number that is not valid.
    pub const PERSONAL_ID: &str = "PERSONAL-ID";
    /// Diagnosdatum before the birth date.
    pub const DIAGNOSIS_BEFORE_BIRTH: &str = "DIAGNOSIS-BEFORE-BIRTH";
    /// Dödsdatum before diagnosdatum.
    pub const DEATH_BEFORE_DIAGNOSIS: &str = "DEATH-BEFORE-DIAGNOSIS";
    /// A sex-specific site that contradicts the patient's legal sex.
    pub const SEX_SITE: &str = "SEX-SITE";
}

const FORM: &str = "Variablerna i canceranmälan";

/// Every rule, in the order issues are reported.
pub static RULES: &[Rule] = &[
    Rule {
        id: ids::UNKNOWN_FIELD,
        severity: Severity::Error,
        fields: &[],
        message_sv: "Okänt fält \"{key}\": formatet har inget sådant fält och värdet har inte lästs.",
        message_en: "Unknown field \"{key}\": the format has no such field and its value was not read.",
        source: Source::WireFormat,
        check: None,
    },
    Rule {
        id: ids::DUPLICATE_FIELD,
        severity: Severity::Error,
        fields: &[],
        message_sv: "Fältet \"{key}\" förekommer mer än en gång; bara det första värdet har lästs.",
        message_en: "Field \"{key}\" occurs more than once; only the first value was read.",
        source: Source::WireFormat,
        check: None,
    },
    Rule {
        id: ids::WRONG_TYPE,
        severity: Severity::Error,
        fields: &[],
        message_sv: "{label}: värdet ska vara {expected}, men är {got}.",
        message_en: "{label}: expected {expected}, got {got}.",
        source: Source::WireFormat,
        check: None,
    },
    Rule {
        id: ids::INVALID_VALUE,
        severity: Severity::Error,
        fields: &[Field::Sex, Field::Side, Field::TnmBasis, Field::BasisOfDiagnosis],
        message_sv: "{label}: värdet finns inte i kodlistan (tillåtna värden: {allowed}).",
        message_en: "{label}: the value is not in the code list (allowed: {allowed}).",
        source: Source::Manual(FORM),
        check: None,
    },
    Rule {
        id: ids::PERSONAL_ID,
        severity: Severity::Error,
        fields: &[Field::PersonalId],
        message_sv: "Personnumret är ogiltigt: {reason}.",
        message_en: "The personal identity number is not valid: {reason}.",
        source: Source::TaxAgency("personnummer (18 § folkbokföringslagen) and Inera's reserve formats"),
        check: Some(check_personal_id),
    },
    Rule {
        id: ids::REQUIRED,
        severity: Severity::Error,
        fields: REQUIRED_FIELDS,
        message_sv: "{label} saknas. Uppgiften krävs i en fullständig anmälan (markera \"enstaka uppgifter\" om bara vissa uppgifter skickas).",
        message_en: "{label} is missing. A complete report requires it (tick \"partial submission\" when only some details are sent).",
        source: Source::Manual(FORM),
        check: Some(check_required),
    },
    Rule {
        id: ids::DATE_FORMAT,
        severity: Severity::Error,
        fields: &[Field::DiagnosisDate, Field::DeathDate],
        message_sv: "{label}: {reason}.",
        message_en: "{label}: {reason}.",
        source: Source::Manual("Variablerna i canceranmälan (Diagnosdatum ÅÅÅÅ-MM-DD)"),
        check: Some(check_date_format),
    },
    Rule {
        id: ids::DATE_FUTURE,
        severity: Severity::Error,
        fields: &[Field::DiagnosisDate, Field::DeathDate],
        message_sv: "{label} {date} är senare än dagens datum {today}.",
        message_en: "{label} {date} is after today's date {today}.",
        source: Source::Manual(FORM),
        check: Some(check_date_future),
    },
    Rule {
        id: ids::DIAGNOSIS_BEFORE_BIRTH,
        severity: Severity::Error,
        fields: &[Field::DiagnosisDate, Field::PersonalId],
        message_sv: "Diagnosdatum {date} är före patientens födelsedatum.",
        message_en: "Date of diagnosis {date} is before the patient's birth date.",
        source: Source::TaxAgency("birth date in the personal identity number"),
        check: Some(check_diagnosis_before_birth),
    },
    Rule {
        id: ids::DEATH_BEFORE_DIAGNOSIS,
        severity: Severity::Error,
        fields: &[Field::DeathDate, Field::DiagnosisDate],
        message_sv: "Dödsdatum {death} är före diagnosdatum {diagnosis}.",
        message_en: "Date of death {death} is before the date of diagnosis {diagnosis}.",
        source: Source::Manual(FORM),
        check: Some(check_death_before_diagnosis),
    },
    Rule {
        id: ids::ICD10_FORMAT,
        severity: Severity::Error,
        fields: &[Field::Icd10],
        message_sv: "ICD10-kod ska skrivas som en versal bokstav, två siffror och eventuellt punkt och en siffra (t.ex. C50 eller C50.9).",
        message_en: "ICD-10 code must be a capital letter, two digits and optionally a dot and a digit (e.g. C50 or C50.9).",
        source: Source::Manual("Variablerna i canceranmälan (ICD-kod enligt ICD10)"),
        check: Some(check_icd10_format),
    },
    Rule {
        id: ids::SEX_SITE,
        severity: Severity::Warning,
        fields: &[Field::Icd10, Field::Sex, Field::PersonalId],
        message_sv: "{code} är en {site_sex} lokalisation, men patientens juridiska kön är {sex}. Kontrollera.",
        message_en: "{code} is a {site_sex} site, but the patient's legal sex is {sex}. Please check.",
        source: Source::Registry("ENCR/JRC data validation: sex/site check"),
        check: Some(check_sex_site),
    },
    Rule {
        id: ids::FIGO_SITE,
        severity: Severity::Warning,
        fields: &[Field::Figo, Field::Icd10],
        message_sv: "FIGO anges för gynekologiska tumörer (C51–C58), men ICD10-koden är {code}.",
        message_en: "FIGO applies to gynaecological tumours (C51–C58), but the ICD-10 code is {code}.",
        source: Source::Manual("Variablerna i canceranmälan (FIGO: stadieindelning för gynekologiska tumörer)"),
        check: Some(check_figo_site),
    },
    Rule {
        id: ids::TNM_BASIS_REQUIRED,
        severity: Severity::Error,
        fields: &[Field::TnmBasis, Field::T, Field::N, Field::M],
        message_sv: "Grund för TNM (kliniskt eller patologiskt) ska anges när T, N eller M anges.",
        message_en: "Basis for TNM (clinical or pathological) is required when T, N or M is given.",
        source: Source::Manual("Variablerna i canceranmälan (Grund för TNM)"),
        check: Some(check_tnm_basis),
    },
    Rule {
        id: ids::AUTOPSY_NOT_ALLOWED,
        severity: Severity::Error,
        fields: &[Field::AutopsyFinding, Field::BasisOfDiagnosis],
        message_sv: "Obduktionsfynd anges bara vid diagnosgrund 4 eller 7 (obduktion).",
        message_en: "Autopsy finding is only given with basis of diagnosis 4 or 7 (autopsy).",
        source: Source::Manual("Variablerna i canceranmälan (Obduktionsfynd)"),
        check: Some(check_autopsy_allowed),
    },
    Rule {
        id: ids::AUTOPSY_REQUIRED,
        severity: Severity::Error,
        fields: &[Field::AutopsyFinding, Field::BasisOfDiagnosis],
        message_sv: "Obduktionsfynd ska anges vid diagnosgrund {code}.",
        message_en: "Autopsy finding is required with basis of diagnosis {code}.",
        source: Source::Manual("Variablerna i canceranmälan (Obduktionsfynd)"),
        check: Some(check_autopsy_required),
    },
    Rule {
        id: ids::AUTOPSY_DATE,
        severity: Severity::Error,
        fields: &[Field::DiagnosisDate, Field::DeathDate],
        message_sv: "Är cancern ett obduktionsfynd ska diagnosdatum vara detsamma som dödsdatum ({problem}).",
        message_en: "When the cancer is an autopsy finding, the date of diagnosis must equal the date of death ({problem}).",
        source: Source::Manual("Variablerna i canceranmälan (Obduktionsfynd)"),
        check: Some(check_autopsy_date),
    },
    Rule {
        id: ids::SPECIMEN_NUMBER_LENGTH,
        severity: Severity::Error,
        fields: &[Field::SpecimenNumber],
        message_sv: "Preparatnummer får vara högst 16 tecken (nu {count}).",
        message_en: "Specimen number may have at most 16 characters (has {count}).",
        source: Source::Manual("Variablerna i canceranmälan (Preparatnummer)"),
        check: Some(check_specimen_number),
    },
    Rule {
        id: ids::SPECIMEN_YEAR_FORMAT,
        severity: Severity::Error,
        fields: &[Field::SpecimenYear],
        message_sv: "Preparatår ska anges med fyra siffror.",
        message_en: "Specimen year must have four digits.",
        source: Source::Manual("Variablerna i canceranmälan (Preparatår)"),
        check: Some(check_specimen_year_format),
    },
    Rule {
        id: ids::SPECIMEN_YEAR_FUTURE,
        severity: Severity::Error,
        fields: &[Field::SpecimenYear],
        message_sv: "Preparatår {year} är senare än innevarande år {this_year}.",
        message_en: "Specimen year {year} is after the current year {this_year}.",
        source: Source::Manual("Variablerna i canceranmälan (Preparatår)"),
        check: Some(check_specimen_year_future),
    },
];

/// The rule with this ID.
///
/// ```
/// let rule = canceranmalan::rules::rule("AUTOPSY-DATE").unwrap();
/// assert_eq!(rule.severity, canceranmalan::Severity::Error);
/// ```
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

const REQUIRED_FIELDS: &[Field] = &[
    Field::DiagnosisDate,
    Field::PrimarySite,
    Field::Icd10,
    Field::Morphology,
    Field::BasisOfDiagnosis,
];

fn date_text(r: &Report, f: Field) -> Option<&str> {
    match f {
        Field::DiagnosisDate => given(&r.diagnosis_date),
        Field::DeathDate => given(&r.death_date),
        _ => None,
    }
}

/// A date field's value, where it is given and a real date.
fn date(r: &Report, f: Field) -> Option<Date> {
    date_text(r, f)?.parse().ok()
}

/// The report's personal identity number read with the context's options; `None` where
/// none is given.
fn personal_id(r: &Report, ctx: &ValidationContext) -> Option<Result<PersonalId, PersonalIdError>> {
    if !r.is_given(Field::PersonalId) {
        return None;
    }
    let opts = ParseOptions::new(ctx.today).with_test_persons(ctx.allow_test_persons);
    Some(PersonalId::parse(r.personal_id.as_ref()?.reveal(), &opts))
}

/// The valid personal identity number, where one is given and valid.
fn valid_personal_id(r: &Report, ctx: &ValidationContext) -> Option<PersonalId> {
    personal_id(r, ctx)?.ok()
}

fn check_personal_id(r: &Report, ctx: &ValidationContext, out: &mut Vec<Hit>) {
    if let Some(Err(e)) = personal_id(r, ctx) {
        out.push(Hit::on(ids::PERSONAL_ID, &[Field::PersonalId]).arg(
            "reason",
            Arg::lang(e.message(crate::Lang::Sv), e.message(crate::Lang::En)),
        ));
    }
}

fn check_required(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    if r.is_partial() {
        return;
    }
    for &f in REQUIRED_FIELDS {
        if !r.is_given(f) {
            out.push(Hit::on(ids::REQUIRED, &[f]).arg("label", Arg::Field(f)));
        }
    }
}

fn check_date_format(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    for f in [Field::DiagnosisDate, Field::DeathDate] {
        let Some(text) = date_text(r, f) else {
            continue;
        };
        let reason = match text.parse::<Date>() {
            Ok(_) => continue,
            Err(DateError::Format) => {
                Arg::lang("ska skrivas ÅÅÅÅ-MM-DD", "must be written YYYY-MM-DD")
            }
            Err(DateError::NoSuchDay) => Arg::lang(
                "dagen finns inte i kalendern",
                "no such day in the calendar",
            ),
        };
        out.push(
            Hit::on(ids::DATE_FORMAT, &[f])
                .arg("label", Arg::Field(f))
                .arg("reason", reason),
        );
    }
}

fn check_date_future(r: &Report, ctx: &ValidationContext, out: &mut Vec<Hit>) {
    for f in [Field::DiagnosisDate, Field::DeathDate] {
        if let Some(d) = date(r, f).filter(|d| *d > ctx.today) {
            out.push(
                Hit::on(ids::DATE_FUTURE, &[f])
                    .arg("label", Arg::Field(f))
                    .arg("date", Arg::text(d.to_string()))
                    .arg("today", Arg::text(ctx.today.to_string())),
            );
        }
    }
}

fn check_diagnosis_before_birth(r: &Report, ctx: &ValidationContext, out: &mut Vec<Hit>) {
    let Some(diagnosis) = date(r, Field::DiagnosisDate) else {
        return;
    };
    let Some(birth) = valid_personal_id(r, ctx).and_then(|p| p.birth_date()) else {
        return;
    };
    if diagnosis < birth {
        out.push(
            Hit::on(
                ids::DIAGNOSIS_BEFORE_BIRTH,
                &[Field::DiagnosisDate, Field::PersonalId],
            )
            .arg("date", Arg::text(diagnosis.to_string())),
        );
    }
}

fn check_death_before_diagnosis(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    let (Some(death), Some(diagnosis)) = (date(r, Field::DeathDate), date(r, Field::DiagnosisDate))
    else {
        return;
    };
    if death < diagnosis {
        out.push(
            Hit::on(
                ids::DEATH_BEFORE_DIAGNOSIS,
                &[Field::DeathDate, Field::DiagnosisDate],
            )
            .arg("death", Arg::text(death.to_string()))
            .arg("diagnosis", Arg::text(diagnosis.to_string())),
        );
    }
}

/// An ICD-10 code in the shape the form takes: letter, two digits, optional `.digit`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Icd10 {
    letter: u8,
    number: u8,
}

impl Icd10 {
    pub(crate) fn parse(s: &str) -> Option<Icd10> {
        let b = s.as_bytes();
        let shape = (b.len() == 3 || (b.len() == 5 && b[3] == b'.' && b[4].is_ascii_digit()))
            && b[0].is_ascii_uppercase()
            && b[1].is_ascii_digit()
            && b[2].is_ascii_digit();
        shape.then(|| Icd10 {
            letter: b[0],
            number: (b[1] - b'0') * 10 + (b[2] - b'0'),
        })
    }

    /// True for codes `letter` + `from`..=`to` (whole categories).
    pub(crate) fn in_range(self, letter: u8, from: u8, to: u8) -> bool {
        self.letter == letter && (from..=to).contains(&self.number)
    }
}

fn icd10(r: &Report) -> Option<(Icd10, &str)> {
    let text = given(&r.icd10)?;
    Icd10::parse(text).map(|c| (c, text))
}

fn check_icd10_format(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    if r.is_given(Field::Icd10) && icd10(r).is_none() {
        out.push(Hit::on(ids::ICD10_FORMAT, &[Field::Icd10]));
    }
}

fn check_sex_site(r: &Report, ctx: &ValidationContext, out: &mut Vec<Hit>) {
    let Some((code, text)) = icd10(r) else { return };
    // Female genital organs C51–C58, male genital organs C60–C63 (ICD-10 chapter II).
    let site_sex = if code.in_range(b'C', 51, 58) {
        Sex::Female
    } else if code.in_range(b'C', 60, 63) {
        Sex::Male
    } else {
        return;
    };
    // An explicit `sex` overrides the value derived from the number.
    let (sex, source) = match r.sex {
        Some(s) => (s, Field::Sex),
        None => match valid_personal_id(r, ctx).and_then(|p| p.sex()) {
            Some(s) => (s, Field::PersonalId),
            None => return,
        },
    };
    if sex != site_sex {
        let word = |s: Sex| match s {
            Sex::Female => Arg::lang("kvinna", "female"),
            Sex::Male => Arg::lang("man", "male"),
        };
        let site_word = match site_sex {
            Sex::Female => Arg::lang("kvinnlig", "female"),
            Sex::Male => Arg::lang("manlig", "male"),
        };
        out.push(
            Hit::on(ids::SEX_SITE, &[Field::Icd10, source])
                .arg("code", Arg::text(text))
                .arg("site_sex", site_word)
                .arg("sex", word(sex)),
        );
    }
}

fn check_figo_site(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    if !r.is_given(Field::Figo) {
        return;
    }
    if let Some((code, text)) = icd10(r) {
        if !code.in_range(b'C', 51, 58) {
            out.push(
                Hit::on(ids::FIGO_SITE, &[Field::Figo, Field::Icd10]).arg("code", Arg::text(text)),
            );
        }
    }
}

fn check_tnm_basis(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    let any_tnm = [Field::T, Field::N, Field::M]
        .into_iter()
        .any(|f| r.is_given(f));
    if any_tnm && r.tnm_basis.is_none() {
        out.push(Hit::on(ids::TNM_BASIS_REQUIRED, &[Field::TnmBasis]));
    }
}

fn check_autopsy_allowed(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    let autopsy_basis = r.basis_of_diagnosis.is_some_and(|b| b.is_autopsy());
    if r.autopsy_finding.is_some() && !autopsy_basis {
        out.push(Hit::on(
            ids::AUTOPSY_NOT_ALLOWED,
            &[Field::AutopsyFinding, Field::BasisOfDiagnosis],
        ));
    }
}

fn check_autopsy_required(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    if let Some(b) = r.basis_of_diagnosis.filter(|b| b.is_autopsy()) {
        if r.autopsy_finding.is_none() {
            out.push(
                Hit::on(
                    ids::AUTOPSY_REQUIRED,
                    &[Field::AutopsyFinding, Field::BasisOfDiagnosis],
                )
                .arg("code", Arg::text(b.code().to_string())),
            );
        }
    }
}

fn check_autopsy_date(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    // Only where the form shows the finding (diagnosgrund 4 or 7); elsewhere the finding is
    // reported as not allowed and has no further consequence.
    let autopsy_basis = r.basis_of_diagnosis.is_some_and(|b| b.is_autopsy());
    if r.autopsy_finding != Some(true) || !autopsy_basis {
        return;
    }
    let diagnosis = date(r, Field::DiagnosisDate);
    let death = date(r, Field::DeathDate);
    let problem = match (diagnosis, death) {
        (Some(a), Some(b)) if a == b => return,
        (Some(_), Some(_)) => Arg::lang("datumen skiljer sig", "the dates differ"),
        // A date that is given but malformed is reported by DATE-FORMAT.
        (_, None) if date_text(r, Field::DeathDate).is_some() => return,
        (_, None) => Arg::lang("dödsdatum saknas", "the date of death is missing"),
        (None, Some(_)) => return,
    };
    out.push(
        Hit::on(ids::AUTOPSY_DATE, &[Field::DiagnosisDate, Field::DeathDate])
            .arg("problem", problem),
    );
}

fn check_specimen_number(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    let Some(n) = r.specimen_number.as_deref() else {
        return;
    };
    let count = n.chars().count();
    if count > 16 {
        out.push(
            Hit::on(ids::SPECIMEN_NUMBER_LENGTH, &[Field::SpecimenNumber])
                .arg("count", Arg::text(count.to_string())),
        );
    }
}

fn check_specimen_year_format(r: &Report, _: &ValidationContext, out: &mut Vec<Hit>) {
    if r.specimen_year.is_some_and(|y| !(1000..=9999).contains(&y)) {
        out.push(Hit::on(ids::SPECIMEN_YEAR_FORMAT, &[Field::SpecimenYear]));
    }
}

fn check_specimen_year_future(r: &Report, ctx: &ValidationContext, out: &mut Vec<Hit>) {
    let Some(year) = r.specimen_year.filter(|y| (1000..=9999).contains(y)) else {
        return;
    };
    if year > i64::from(ctx.today.year()) {
        out.push(
            Hit::on(ids::SPECIMEN_YEAR_FUTURE, &[Field::SpecimenYear])
                .arg("year", Arg::text(year.to_string()))
                .arg("this_year", Arg::text(ctx.today.year().to_string())),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_sources_named() {
        let mut seen = std::collections::HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate id {}", r.id);
            assert!(!r.message_sv.is_empty() && !r.message_en.is_empty());
            assert!(!r.source.to_string().is_empty());
        }
        for id in [
            ids::UNKNOWN_FIELD,
            ids::DUPLICATE_FIELD,
            ids::WRONG_TYPE,
            ids::INVALID_VALUE,
        ] {
            assert!(rule(id).is_some_and(|r| r.check.is_none()), "{id}");
        }
    }

    #[test]
    fn icd10_shapes() {
        for ok in ["C50", "C50.9", "D05.1", "Z99"] {
            assert!(Icd10::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "c50", "C5", "C509", "C50.", "C50.12", "C50,9", "50.9", "CC0", " C50",
        ] {
            assert!(Icd10::parse(bad).is_none(), "{bad}");
        }
    }
}
