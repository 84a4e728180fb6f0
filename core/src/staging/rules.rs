//! The TNM and FIGO rules: declared once, used by `validate` on the report's `t`, `n`, `m`
//! and `figo` fields, and by [`parse_tnm`] and [`parse_figo`] on free text, which report
//! the same issues.

use super::figo::{self, Figo, FigoError, FigoNote, FIGO_SCHEMES};
use super::sites::{self, Classification};
use super::stage::{self, Extras};
use super::tnm::{
    self, read_field, Axis, Basis, Category, NotOneCategory, Note, Tnm, TnmError, TnmErrorKind,
};
use crate::model::field::Field;
use crate::validation::issue::{Arg, Hit, Issue, Severity};
use crate::validation::rule::{
    Check, Input, Key, KeyedRules, Reports, Rule, Source, Validity, FORM_AND_REGISTER,
};
use crate::vocab::codes::TnmBasis;
use crate::vocab::lang::{Lang, Text};
use crate::vocab::tables::Row;
use crate::wire::decode::shown_key;

const TNM_FIELDS: &[Field] = &[Field::T, Field::N, Field::M];
const UICC_GENERAL: Source =
    Source::Staging("UICC TNM 8th ed. (2017), general rules (tnm-figo-spec §1)");
const NOTATION: Source =
    Source::Staging("UICC TNM notation as written in clinical text (tnm-figo-spec §2–§4)");
const FORM_TNM: Source = Source::Manual(
    "Variablerna i canceranmälan (Tumörens utbredning: enligt senaste UICC TNM, före behandling)",
);

fn field_of(axis: Axis) -> Field {
    match axis {
        Axis::T => Field::T,
        Axis::N => Field::N,
        Axis::M => Field::M,
    }
}

/// The TNM and FIGO rules of this file: their checks read the ICD-10 code, T, N, M and
/// FIGO, the basis for TNM, the two editions and, through the default editions in force on
/// it, the date of diagnosis (see `facts` and the checks below), and nothing else of the
/// report. A batch reuses their hits for reports that agree on these.
pub static STAGING_RULES: KeyedRules = KeyedRules {
    name: "staging",
    rules: &[
        &TNM_NOTATION,
        &TNM_AMBIGUOUS,
        &TNM_REPEATED,
        &TNM_LETTER_O,
        &TNM_SYNONYM,
        &TNM_PREFIX_U,
        &TNM_C_FACTOR,
        &TNM_MX,
        &TNM_PMX,
        &TNM_PM0,
        &TNM_AFTER_TREATMENT,
        &TNM_CATEGORY,
        &TNM_BASIS_CONFLICT,
        &TNM_NO_CLASSIFICATION,
        &TNM_EDITION,
        &FIGO_NOTATION,
        &FIGO_EDITION,
        &FIGO_LABEL,
        &FIGO_MODALITY,
        &FIGO_MOLECULAR,
        &FIGO_TNM,
    ],
    key: staging_key,
};

fn staging_key(input: &Input<'_>, key: &mut Key) {
    let r = input.report();
    key.field_text(Field::Icd10, r.icd10.as_deref());
    key.field_text(Field::T, r.t.as_deref());
    key.field_text(Field::N, r.n.as_deref());
    key.field_text(Field::M, r.m.as_deref());
    key.field_text(Field::Figo, r.figo.as_deref());
    key.int(r.tnm_basis.map(|b| b as i64));
    key.int(r.tnm_edition);
    key.int(r.figo_edition);
    // The date of diagnosis only as `facts` uses it: which default editions are in force.
    let in_force = sites::editions_in_force(input.date(Field::DiagnosisDate));
    key.int(Some(in_force as i64));
}

/// What the TNM and FIGO rules read from a report, worked out once per validation.
struct Facts {
    scheme: Classification,
    /// The category rows of the scheme (none without one), looked at in place: the table
    /// keeps its cells as arrays (a test holds it to that).
    category_rows: Option<&'static [Row<5>]>,
    /// The UICC edition, where the report's is valid or none is given.
    edition: Option<u8>,
    figo_edition: Option<u16>,
    /// The readings of `t`, `n` and `m`, in that order, where given.
    fields: [Option<FieldFacts>; 3],
    /// True when a reading has notes (the note rules have nothing to do otherwise).
    noted: bool,
    figo: Option<Result<Figo, FigoError>>,
}

struct FieldFacts {
    axis: Axis,
    reading: Result<(Option<Category>, Vec<Note>), NotOneCategory>,
}

impl Facts {
    /// The readings of the fields that are given.
    fn fields(&self) -> impl Iterator<Item = &FieldFacts> {
        self.fields.iter().flatten()
    }

    fn category(&self, axis: Axis) -> Option<&Category> {
        self.fields()
            .find(|f| f.axis == axis)
            .and_then(|f| f.reading.as_ref().ok())
            .and_then(|(c, _)| c.as_ref())
    }

    fn scheme(&self) -> Option<&'static str> {
        match self.scheme {
            Classification::Scheme(s) => Some(s),
            _ => None,
        }
    }
}

fn facts(input: &Input<'_>) -> Facts {
    let r = input.report();
    // The code's row of the schemes table: the key to its scheme's rows and editions.
    let row = r.icd10.as_deref().and_then(sites::scheme_row);
    let scheme = sites::classification_at(row);
    let scheme_name = match scheme {
        Classification::Scheme(s) => Some(s),
        _ => None,
    };
    // The row where it names a TNM scheme (not "none").
    let scheme_row = row.filter(|_| scheme_name.is_some());
    let (default_tnm, default_figo) =
        sites::default_editions_at(scheme_row, input.date(Field::DiagnosisDate));
    let edition = match r.tnm_edition {
        None => Some(default_tnm),
        Some(e) => u8::try_from(e)
            .ok()
            .filter(|e| sites::TNM_EDITIONS.contains(e)),
    };
    let figo_edition = match r.figo_edition {
        None => default_figo,
        Some(e) => u16::try_from(e).ok(),
    };
    let mut fields = [None, None, None];
    for (slot, axis) in fields.iter_mut().zip([Axis::T, Axis::N, Axis::M]) {
        let Some(text) = r.text(field_of(axis)) else {
            continue;
        };
        let mut reading = read_field(text, axis);
        if let (Ok((Some(c), _)), Some(s)) = (&mut reading, scheme_name) {
            sites::normalise_for_scheme(c, s);
        }
        *slot = Some(FieldFacts { axis, reading });
    }
    let figo = r
        .figo
        .as_deref()
        .filter(|f| !crate::vocab::is_blank(f))
        .map(figo::read_figo);
    let noted = fields
        .iter()
        .flatten()
        .any(|ff| matches!(&ff.reading, Ok((_, notes)) if !notes.is_empty()));
    Facts {
        scheme,
        category_rows: scheme_row.map(sites::category_rows_at),
        edition,
        figo_edition,
        fields,
        noted,
        figo,
    }
}

/// What a note of the reader becomes, without a text made: its rule, the axis, the name of
/// its argument and the text written (with what it was read as, for a synonym).
fn note_parts(
    note: &Note,
) -> (
    &'static Rule,
    Option<Axis>,
    &'static str,
    &String,
    Option<&String>,
) {
    match note {
        Note::Ambiguous(a, w) => (&TNM_AMBIGUOUS, Some(*a), "written", w, None),
        Note::Repeated(a, w) => (&TNM_REPEATED, Some(*a), "written", w, None),
        Note::LetterO(a, w) => (&TNM_LETTER_O, Some(*a), "written", w, None),
        Note::Synonym(a, w, r) => (&TNM_SYNONYM, *a, "written", w, Some(r)),
        Note::PrefixU(a, w) => (&TNM_PREFIX_U, Some(*a), "written", w, None),
        Note::CFactor(w) => (&TNM_C_FACTOR, Some(Axis::T), "written", w, None),
        Note::MxObsolete(w) => (&TNM_MX, Some(Axis::M), "written", w, None),
        Note::PmX(w) => (&TNM_PMX, Some(Axis::M), "written", w, None),
        Note::Pm0(w) => (&TNM_PM0, Some(Axis::M), "written", w, None),
        Note::AfterTreatment(a, p) => (&TNM_AFTER_TREATMENT, Some(*a), "prefix", p, None),
    }
}

/// The rule and the hit that a note of the reader becomes.
fn note_hit(note: &Note) -> (&'static Rule, Option<Axis>, Vec<(&'static str, Arg)>) {
    let (rule, axis, name, written, read) = note_parts(note);
    let mut args = vec![(name, Arg::text(written.clone()))];
    if let Some(r) = read {
        args.push(("read", Arg::text(r.clone())));
    }
    (rule, axis, args)
}

fn hit(axis: Option<Axis>, args: Vec<(&'static str, Arg)>) -> Hit {
    let fields: Vec<Field> = axis.map(field_of).into_iter().collect();
    args.into_iter()
        .fold(Hit::on(&fields), |h, (n, a)| h.arg(n, a))
}

/// True when the reader left notes on `t`, `n` or `m` (the condition of the note rules:
/// the engine asks it once for all of them).
fn tnm_noted(input: &Input<'_>) -> bool {
    input.memo(facts).noted
}

/// A check that reports the notes that become `rule`.
fn report_notes(rule: &'static Rule, input: &Input<'_>, out: &mut Vec<Hit>) {
    let f = input.memo(facts);
    // Plain loops: the web form's build (optimised for size) pays for each iterator adaptor.
    for ff in f.fields.iter().flatten() {
        let Ok((_, notes)) = &ff.reading else {
            continue;
        };
        for note in notes {
            // The rule first: the hit's texts are made only for the note's own rule.
            if std::ptr::eq(note_parts(note).0, rule) {
                let (_, _, args) = note_hit(note);
                // In a form field, every note belongs to the field it was written in.
                out.push(hit(Some(ff.axis), args));
            }
        }
    }
}

macro_rules! note_rule {
    ($(#[$m:meta])* $name:ident, $id:literal, $sev:ident, $sources:expr, $sv:literal, $en:literal) => {
        $(#[$m])*
        pub static $name: Rule = Rule {
            id: $id,
            severity: Severity::$sev,
            reads: TNM_FIELDS,
            reports: Reports::Fields(TNM_FIELDS),
            rule_sets: FORM_AND_REGISTER,
            valid: Validity::ALWAYS,
            sources: $sources,
            message: Text::new($sv, $en),
            check: Check::ReportWhen(tnm_noted, |input, out| report_notes(&$name, input, out)),
        };
    };
}

/// T, N or M that is not one category of its axis.
pub static TNM_NOTATION: Rule = Rule {
    id: "TNM-NOTATION",
    severity: Severity::Error,
    reads: TNM_FIELDS,
    reports: Reports::Fields(TNM_FIELDS),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[FORM_TNM, NOTATION],
    message: Text::new(
        "{field} ska vara en {axis}-kategori, t.ex. {example}; \"{written}\" går inte att läsa så.",
        "{field} must be one {axis} category, e.g. {example}; \"{written}\" cannot be read as one.",
    ),
    check: Check::Report(|input, out| {
        let f = input.memo(facts);
        for ff in f.fields() {
            if ff.reading.is_err() {
                let example = match ff.axis {
                    Axis::T => "T2 eller pT1c",
                    Axis::N => "N1 eller pN1a",
                    Axis::M => "M0 eller cM0",
                };
                let shown = shown_key(input.report().text(field_of(ff.axis)).unwrap_or(""));
                out.push(
                    Hit::on(&[field_of(ff.axis)])
                        .arg("field", Arg::Field(field_of(ff.axis)))
                        .arg("axis", Arg::text(ff.axis.letter().to_string()))
                        .arg("example", Arg::text(example.replace(" eller ", " / ")))
                        .arg("written", Arg::text(shown)),
                );
            }
        }
    }),
};

note_rule!(
    /// A range or alternatives (`cT2-4`, `pNX/0`, `N+`) where one category is asked for.
    TNM_AMBIGUOUS, "TNM-AMBIGUOUS", Error, &[FORM_TNM, NOTATION],
    "\"{written}\" anger flera möjliga kategorier; ange en (vid tvekan den lägre).",
    "\"{written}\" gives several possible categories; give one (when in doubt, the lower)."
);
note_rule!(
    /// A second category of the same axis.
    TNM_REPEATED, "TNM-REPEATED", Error, &[FORM_TNM, NOTATION],
    "\"{written}\" är en andra kategori för samma axel; ange en.",
    "\"{written}\" is a second category of the same axis; give one."
);
note_rule!(
    /// Letter O written for zero.
    TNM_LETTER_O, "TNM-LETTER-O", Warning, &[NOTATION],
    "\"{written}\" har bokstaven O där siffran 0 avses; lästes som 0.",
    "\"{written}\" has the letter O where the digit 0 is meant; read as 0."
);
note_rule!(
    /// An older or non-standard spelling (`T1mic`, `T1a(mi)`, `G-II`, `Ly1`).
    TNM_SYNONYM, "TNM-SYNONYM", Warning, &[NOTATION, UICC_GENERAL],
    "\"{written}\" är en äldre eller ovanlig skrivning; lästes som {read}.",
    "\"{written}\" is an older or unusual spelling; read as {read}."
);
note_rule!(
    /// The non-standard prefix u (endosonography).
    TNM_PREFIX_U, "TNM-PREFIX-U", Warning, &[NOTATION],
    "Prefixet u i \"{written}\" finns inte i UICC TNM; kategorin lästes som klinisk.",
    "The prefix u in \"{written}\" is not UICC TNM; the category was read as clinical."
);
note_rule!(
    /// The certainty factor C1–C5, removed in TNM 8.
    TNM_C_FACTOR, "TNM-C-FACTOR", Warning, &[UICC_GENERAL],
    "Säkerhetsfaktorn {written} finns inte sedan UICC TNM 8 och ignorerades.",
    "The certainty factor {written} was removed in UICC TNM 8 and was ignored."
);
note_rule!(
    /// `MX`: removed in TNM 7.
    TNM_MX, "TNM-MX", Warning, &[UICC_GENERAL],
    "{written} togs bort i UICC TNM 7: M kan bedömas kliniskt (M0 eller M1).",
    "{written} was removed in UICC TNM 7: M can be assessed clinically (M0 or M1)."
);
note_rule!(
    /// `pMX`: not a category.
    TNM_PMX, "TNM-PMX", Error, &[UICC_GENERAL],
    "{written} är ingen kategori: ange cM0 eller M0 (eller pM1 om fjärrmetastas är verifierad).",
    "{written} is not a category: give cM0 or M0 (or pM1 where a distant metastasis is verified)."
);
note_rule!(
    /// `pM0`: only at autopsy.
    TNM_PM0, "TNM-PM0", Error, &[UICC_GENERAL],
    "{written} används bara efter obduktion; ange cM0.",
    "{written} is used only after autopsy; give cM0."
);
note_rule!(
    /// A y or r prefix: the stage after treatment or at recurrence, where the form asks for
    /// the stage before treatment.
    TNM_AFTER_TREATMENT, "TNM-AFTER-TREATMENT", Warning, &[FORM_TNM, UICC_GENERAL],
    "Prefixet {prefix} anger stadium efter behandling eller vid återfall; anmälan ska ha stadiet före behandling.",
    "The prefix {prefix} gives the stage after treatment or at recurrence; the notification asks for the stage before treatment."
);

/// The basis a category is judged by: its own prefix, else the report's grund för TNM.
fn basis_of(c: &Category, report_basis: Option<TnmBasis>) -> Option<Basis> {
    if !c.prefixes.is_empty() {
        return Some(if c.is_pathological() {
            Basis::Pathological
        } else {
            Basis::Clinical
        });
    }
    report_basis.map(|b| match b {
        TnmBasis::Clinical => Basis::Clinical,
        TnmBasis::Pathological => Basis::Pathological,
    })
}

/// The categories UICC TNM's general rules allow on an axis (spec §1.2), listed when a
/// category is outside them and the site's own list is not known.
fn general_categories(axis: Axis) -> &'static [&'static str] {
    match axis {
        Axis::T => &["TX", "T0", "Tis", "T1", "T2", "T3", "T4"],
        Axis::N => &["NX", "N0", "N1", "N2", "N3"],
        Axis::M => &["M0", "M1"],
    }
}

/// Why a category is not one of its site: `Some((allowed list, scheme))`. A category outside
/// the general limits (`T5`) is not one of any site: the list is then the site's where the
/// site is known, and the general one otherwise.
fn category_problem(
    c: &Category,
    scheme: Option<&'static str>,
    rows: Option<&'static [Row<5>]>,
    edition: Option<u8>,
    basis: Option<Basis>,
) -> Option<(Vec<&'static str>, &'static str)> {
    if !sites::within_general_limits(c) {
        let site = scheme
            .zip(edition)
            .and_then(|(s, e)| Some((sites::allowed(s, e, c.axis(), basis)?, s)));
        return Some(site.unwrap_or_else(|| (general_categories(c.axis()).to_vec(), "UICC TNM")));
    }
    if c.value == "MX" && c.prefixes.contains('p') {
        // TNM-PMX says it.
        return None;
    }
    let (scheme, edition, rows) = (scheme?, edition?, rows?);
    if sites::is_allowed_in(rows, edition, c.axis(), basis, &c.value)? {
        return None;
    }
    Some((sites::allowed(scheme, edition, c.axis(), basis)?, scheme))
}

fn category_hit(
    c: &Category,
    allowed: Vec<&'static str>,
    scheme: &str,
    edition: Option<u8>,
) -> Hit {
    hit(
        Some(c.axis()),
        vec![
            ("value", Arg::text(c.canonical())),
            ("scheme", Arg::text(scheme)),
            ("edition", Arg::Int(i64::from(edition.unwrap_or(8)))),
            (
                "allowed",
                Arg::List(allowed.into_iter().map(Into::into).collect()),
            ),
        ],
    )
}

/// A category that the site (or UICC TNM in general) does not have.
pub static TNM_CATEGORY: Rule = Rule {
    id: "TNM-CATEGORY",
    severity: Severity::Error,
    reads: &[
        Field::T,
        Field::N,
        Field::M,
        Field::Icd10,
        Field::TnmBasis,
        Field::TnmEdition,
    ],
    reports: Reports::Fields(TNM_FIELDS),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Staging("UICC TNM 8th ed. (2017) and 9th ed. (2025), site chapters"),
        Source::Table("tnm_categories.tsv"),
        Source::Table("tnm_schemes.tsv"),
    ],
    message: Text::new(
        "{value} är ingen kategori för {scheme} i UICC {edition}; möjliga: {allowed}.",
        "{value} is not a category of {scheme} in UICC {edition}; possible: {allowed}.",
    ),
    check: Check::Report(|input, out| {
        let f = input.memo(facts);
        let report_basis = input.report().tnm_basis;
        for axis in [Axis::T, Axis::N, Axis::M] {
            let Some(c) = f.category(axis) else { continue };
            if let Some((allowed, scheme)) = category_problem(
                c,
                f.scheme(),
                f.category_rows,
                f.edition,
                basis_of(c, report_basis),
            ) {
                out.push(category_hit(c, allowed, scheme, f.edition));
            }
        }
    }),
};

/// A prefix that says the other basis than grund för TNM.
pub static TNM_BASIS_CONFLICT: Rule = Rule {
    id: "TNM-BASIS-CONFLICT",
    severity: Severity::Warning,
    reads: &[Field::T, Field::N, Field::TnmBasis],
    reports: Reports::Fields(&[Field::T, Field::N, Field::TnmBasis]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Manual("Variablerna i canceranmälan (Grund för TNM)"),
        UICC_GENERAL,
    ],
    message: Text::new(
        "{value} är {prefix_basis}, men grund för TNM är {basis}.",
        "{value} is {prefix_basis}, but the basis for TNM is {basis}.",
    ),
    check: Check::Report(|input, out| {
        let Some(basis) = input.report().tnm_basis else {
            return;
        };
        let f = input.memo(facts);
        for axis in [Axis::T, Axis::N] {
            let Some(c) = f.category(axis) else { continue };
            if c.prefixes.is_empty() {
                continue;
            }
            let pathological = c.is_pathological();
            if pathological != (basis == TnmBasis::Pathological) {
                let word = |p: bool| {
                    if p {
                        Arg::Code("pathological", Text::new("patologisk", "pathological"))
                    } else {
                        Arg::Code("clinical", Text::new("klinisk", "clinical"))
                    }
                };
                out.push(
                    Hit::on(&[field_of(axis), Field::TnmBasis])
                        .arg("value", Arg::text(c.canonical()))
                        .arg("prefix_basis", word(pathological))
                        .arg("basis", word(basis == TnmBasis::Pathological)),
                );
            }
        }
    }),
};

/// TNM on a site that UICC does not classify by TNM.
pub static TNM_NO_CLASSIFICATION: Rule = Rule {
    id: "TNM-NO-CLASSIFICATION",
    severity: Severity::Info,
    reads: &[Field::T, Field::N, Field::M, Field::Icd10],
    reports: Reports::Fields(TNM_FIELDS),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Staging("UICC TNM 8th ed. (2017): sites without a TNM classification"),
        Source::Table("tnm_schemes.tsv"),
    ],
    message: Text::new(
        "UICC har ingen TNM-klassifikation för {icd10}; {field} registreras inte som TNM.",
        "UICC has no TNM classification for {icd10}; {field} is not registered as TNM.",
    ),
    check: Check::Report(|input, out| {
        let f = input.memo(facts);
        if f.scheme != Classification::NoTnm {
            return;
        }
        let code = input.report().icd10.as_deref().unwrap_or("");
        for ff in f.fields() {
            out.push(no_classification_hit(ff.axis, code));
        }
    }),
};

fn no_classification_hit(axis: Axis, icd10: &str) -> Hit {
    Hit::on(&[field_of(axis)])
        .arg("icd10", Arg::text(sites::normalise_icd10(icd10)))
        .arg("field", Arg::Field(field_of(axis)))
}

/// A TNM edition the library does not know.
pub static TNM_EDITION: Rule = Rule {
    id: "TNM-EDITION",
    severity: Severity::Error,
    reads: &[Field::TnmEdition],
    reports: Reports::Fields(&[Field::TnmEdition]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Staging(
        "UICC TNM 8th ed. (2017) and 9th ed. (2025)",
    )],
    message: Text::new(
        "TNM-upplaga {edition} är okänd; ange 8 eller 9.",
        "TNM edition {edition} is not known; give 8 or 9.",
    ),
    check: Check::Report(|input, out| {
        if let Some(e) = input.report().tnm_edition {
            if !u8::try_from(e).is_ok_and(|e| sites::TNM_EDITIONS.contains(&e)) {
                out.push(Hit::on(&[Field::TnmEdition]).arg("edition", Arg::Int(e)));
            }
        }
    }),
};

const FIGO_SOURCE: Source = Source::Staging("FIGO staging of gynaecological cancers (cervix 2009/2018, corpus 2009/2023, ovary 2014, vulva 2009/2021, vagina)");

/// `figo` that is not a FIGO stage at all.
pub static FIGO_NOTATION: Rule = Rule {
    id: "FIGO-NOTATION",
    severity: Severity::Error,
    reads: &[Field::Figo],
    reports: Reports::Fields(&[Field::Figo]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[FORM_TNM, FIGO_SOURCE],
    message: Text::new(
        "FIGO ska vara ett FIGO-stadium, t.ex. IB1 eller IIIC1r; \"{written}\" går inte att läsa så.",
        "FIGO must be a FIGO stage, e.g. IB1 or IIIC1r; \"{written}\" cannot be read as one.",
    ),
    check: Check::ReportWhen(figo_given, |input, out| {
        let f = input.memo(facts);
        if let Some(Err(_)) = f.figo {
            let text = shown_key(input.report().figo.as_deref().unwrap_or(""));
            out.push(Hit::on(&[Field::Figo]).arg("written", Arg::text(text)));
        }
    }),
};

/// A FIGO edition the site does not have.
pub static FIGO_EDITION: Rule = Rule {
    id: "FIGO-EDITION",
    severity: Severity::Error,
    reads: &[Field::FigoEdition, Field::Icd10],
    reports: Reports::Fields(&[Field::FigoEdition]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[FIGO_SOURCE, Source::Table("figo_labels.tsv")],
    message: Text::new(
        "FIGO-version {edition} finns inte för {scheme}; möjliga: {allowed}.",
        "FIGO edition {edition} does not exist for {scheme}; possible: {allowed}.",
    ),
    check: Check::Report(|input, out| {
        let (Some(e), f) = (input.report().figo_edition, input.memo(facts)) else {
            return;
        };
        let Some(scheme) = f.scheme().filter(|s| FIGO_SCHEMES.contains(s)) else {
            return;
        };
        let editions = figo::editions(scheme);
        if !u16::try_from(e).is_ok_and(|e| editions.contains(&e)) {
            out.push(
                Hit::on(&[Field::FigoEdition])
                    .arg("edition", Arg::Int(e))
                    .arg("scheme", Arg::text(scheme))
                    .arg(
                        "allowed",
                        Arg::List(editions.iter().map(|e| e.to_string().into()).collect()),
                    ),
            );
        }
    }),
};

/// The report's FIGO stage aligned to its site's spelling, its scheme and edition, and
/// what the label check finds: worked out once per validation for the FIGO rules.
struct FigoFacts {
    figo: Figo,
    scheme: &'static str,
    edition: u16,
    notes: Vec<FigoNote>,
}

fn figo_facts(input: &Input<'_>) -> Option<FigoFacts> {
    let f = input.memo(facts);
    let aligned = || {
        let scheme = f.scheme().filter(|s| FIGO_SCHEMES.contains(s))?;
        let edition = f.figo_edition?;
        let labels = figo::labels(scheme, edition)?;
        let mut figo = f.figo.as_ref()?.as_ref().ok()?.clone();
        figo::align(&mut figo, &labels);
        let notes = figo::check_labels(&figo, scheme, edition, &labels);
        Some(FigoFacts {
            figo,
            scheme,
            edition,
            notes,
        })
    };
    aligned()
}

/// True when the report gives a FIGO stage: the condition of the FIGO rules, which have
/// nothing to look at otherwise (and work out no facts).
fn figo_given(input: &Input<'_>) -> bool {
    input.report().text(Field::Figo).is_some()
}

fn figo_check(input: &Input<'_>, out: &mut Vec<Hit>, want: fn(&FigoNote) -> bool) {
    if let Some(ff) = input.memo(figo_facts).as_ref() {
        for note in ff.notes.iter().filter(|n| want(n)) {
            out.push(figo_hit(note, ff.scheme, ff.edition));
        }
    }
}

fn figo_hit(note: &FigoNote, scheme: &str, edition: u16) -> Hit {
    let text = match note {
        FigoNote::NotInEdition(s) | FigoNote::NeedsModality(s) | FigoNote::MolecularRecorded(s) => {
            s
        }
    };
    Hit::on(&[Field::Figo])
        .arg("value", Arg::text(text.clone()))
        .arg("scheme", Arg::text(scheme))
        .arg("edition", Arg::Int(i64::from(edition)))
}

fn figo_rule_for(note: &FigoNote) -> &'static Rule {
    match note {
        FigoNote::NotInEdition(_) => &FIGO_LABEL,
        FigoNote::NeedsModality(_) => &FIGO_MODALITY,
        FigoNote::MolecularRecorded(_) => &FIGO_MOLECULAR,
    }
}

const FIGO_READS: &[Field] = &[
    Field::Figo,
    Field::Icd10,
    Field::FigoEdition,
    Field::DiagnosisDate,
];

/// A FIGO stage that the site's FIGO edition does not have.
pub static FIGO_LABEL: Rule = Rule {
    id: "FIGO-LABEL",
    severity: Severity::Error,
    reads: FIGO_READS,
    reports: Reports::Fields(&[Field::Figo]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[FIGO_SOURCE, Source::Table("figo_labels.tsv")],
    message: Text::new(
        "{value} är inget stadium för {scheme} i FIGO {edition}.",
        "{value} is not a stage of {scheme} in FIGO {edition}.",
    ),
    check: Check::ReportWhen(figo_given, |input, out| {
        figo_check(input, out, |n| matches!(n, FigoNote::NotInEdition(_)))
    }),
};

/// Cervix (FIGO 2018) IIIC without r or p.
pub static FIGO_MODALITY: Rule = Rule {
    id: "FIGO-MODALITY",
    severity: Severity::Warning,
    reads: FIGO_READS,
    reports: Reports::Fields(&[Field::Figo]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Staging("FIGO 2018 cervix uteri (Bhatla et al. 2019): IIIC with r or p")],
    message: Text::new(
        "{value}: i FIGO {edition} ska IIIC anges med r (bilddiagnostik) eller p (patologi), t.ex. {value}r.",
        "{value}: in FIGO {edition}, IIIC carries r (imaging) or p (pathology), e.g. {value}r.",
    ),
    check: Check::ReportWhen(figo_given, |input, out| {
        figo_check(input, out, |n| matches!(n, FigoNote::NeedsModality(_)))
    }),
};

/// Corpus (FIGO 2023) MMRd or NSMP: recorded, not a change of stage.
pub static FIGO_MOLECULAR: Rule = Rule {
    id: "FIGO-MOLECULAR",
    severity: Severity::Warning,
    reads: FIGO_READS,
    reports: Reports::Fields(&[Field::Figo]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Staging("FIGO 2023 corpus uteri (Berek et al. 2023): molecular classification")],
    message: Text::new(
        "Den molekylära klassen {value} registreras men ändrar inte stadiet i FIGO {edition}; bara POLEmut och p53abn gör det.",
        "The molecular class {value} is recorded but does not change the stage in FIGO {edition}; only POLEmut and p53abn do.",
    ),
    check: Check::ReportWhen(figo_given, |input, out| {
        figo_check(input, out, |n| matches!(n, FigoNote::MolecularRecorded(_)))
    }),
};

/// FIGO and T, N, M that disagree where FIGO and TNM correspond officially.
pub static FIGO_TNM: Rule = Rule {
    id: "FIGO-TNM",
    severity: Severity::Warning,
    reads: &[
        Field::Figo,
        Field::T,
        Field::N,
        Field::M,
        Field::Icd10,
        Field::FigoEdition,
        Field::TnmEdition,
        Field::DiagnosisDate,
    ],
    reports: Reports::Fields(&[Field::Figo, Field::T, Field::N, Field::M]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Staging(
            "UICC TNM 8th ed. (2017) gynaecological chapters: TNM and FIGO side by side",
        ),
        Source::Table("stage_groups.tsv"),
    ],
    message: Text::new(
        "FIGO {figo} stämmer inte med {tnm}, som motsvarar FIGO {derived} ({edition}).",
        "FIGO {figo} does not agree with {tnm}, which corresponds to FIGO {derived} ({edition}).",
    ),
    check: Check::ReportWhen(figo_given, |input, out| {
        let f = input.memo(facts);
        let ff = input.memo(figo_facts);
        let Some(FigoFacts {
            figo,
            scheme,
            edition,
            ..
        }) = ff.as_ref()
        else {
            return;
        };
        let (scheme, edition) = (*scheme, *edition);
        if f.fields().any(|ff| ff.reading.is_err()) || f.fields().next().is_none() {
            return;
        }
        let cats = [
            f.category(Axis::T),
            f.category(Axis::N),
            f.category(Axis::M),
        ];
        let kind = format!("figo{edition}");
        let s = stage::group(
            scheme,
            None,
            &kind,
            cats,
            None,
            &Extras::default(),
            Lang::En,
        );
        if let Some(derived) = s.group {
            if !figo::agrees(&figo.stage, &derived) {
                let mut fields = vec![Field::Figo];
                fields.extend(f.fields().map(|ff| field_of(ff.axis)));
                let tnm: Vec<String> = cats.iter().flatten().map(|c| c.value.clone()).collect();
                out.push(
                    Hit::on(&fields)
                        .arg("figo", Arg::text(figo.label.clone()))
                        .arg("tnm", Arg::text(tnm.join(" ")))
                        .arg("derived", Arg::text(derived))
                        .arg("edition", Arg::Int(i64::from(edition))),
                );
            }
        }
    }),
};

// ---- free text ----

/// TNM read from free text, checked against a site where one is given.
#[derive(Clone, PartialEq, Debug)]
pub struct TnmResult {
    /// The value.
    pub tnm: Tnm,
    /// Grund för TNM as the prefixes give it (spec §4.7).
    pub basis: Option<Basis>,
    /// The canonical notation.
    pub canonical: String,
    /// What the rules found, the same issues as `validate` gives (fields `t`, `n`, `m`).
    pub issues: Vec<Issue>,
    /// Words that were not read as TNM, lower case; a word with a digit is shown as stars (it
    /// could be a piece of a personal identity number).
    pub ignored: Vec<String>,
}

/// Reads TNM from free text, as clinicians write it, and checks it.
///
/// With `icd10`, the categories are checked against the site's table for `edition` (8 or
/// 9) and a site that UICC does not stage by TNM gives an info.
///
/// ```
/// use canceranmalan::staging::rules::parse_tnm;
/// use canceranmalan::Lang;
///
/// let r = parse_tnm("pT3 pN1c M0", Some("C16.2"), 8, Lang::En).unwrap();
/// assert_eq!(r.canonical, "pT3 pN1c M0");
/// assert_eq!(r.issues[0].rule_id, "TNM-CATEGORY");
/// assert_eq!(r.issues[0].fields, ["n"]);
/// ```
pub fn parse_tnm(
    text: &str,
    icd10: Option<&str>,
    edition: u8,
    lang: Lang,
) -> Result<TnmResult, TnmError> {
    if !sites::TNM_EDITIONS.contains(&edition) {
        return Err(TnmError {
            kind: TnmErrorKind::Edition,
        });
    }
    let mut reading = tnm::read(text)?;
    let scheme = icd10.map(sites::classification);
    let scheme_name = match scheme {
        Some(Classification::Scheme(s)) => Some(s),
        _ => None,
    };
    for c in [&mut reading.tnm.t, &mut reading.tnm.n, &mut reading.tnm.m]
        .into_iter()
        .flatten()
    {
        if let Some(s) = scheme_name {
            sites::normalise_for_scheme(c, s);
        }
    }
    let mut issues = Vec::new();
    let mut push = |rule: &'static Rule, h: Hit| {
        issues.push(h.into_issue(rule.id, rule.severity, rule.message, lang));
    };
    for note in &reading.notes {
        let (rule, axis, args) = note_hit(note);
        push(rule, hit(axis, args));
    }
    let rows = scheme_name.and_then(|s| sites::scheme_rows(s).as_slice());
    for c in [&reading.tnm.t, &reading.tnm.n, &reading.tnm.m]
        .into_iter()
        .flatten()
    {
        if let Some((allowed, s)) =
            category_problem(c, scheme_name, rows, Some(edition), basis_of(c, None))
        {
            push(&TNM_CATEGORY, category_hit(c, allowed, s, Some(edition)));
        }
        if scheme == Some(Classification::NoTnm) {
            push(
                &TNM_NO_CLASSIFICATION,
                no_classification_hit(c.axis(), icd10.unwrap_or("")),
            );
        }
    }
    Ok(TnmResult {
        basis: reading.tnm.basis(),
        canonical: reading.tnm.canonical(),
        tnm: reading.tnm,
        issues,
        // A word with a digit may be a piece of a personal identity number (the reader splits
        // `19640823-3234` at the dash): it is shown as stars.
        ignored: reading
            .ignored
            .iter()
            .map(|w| {
                if w.bytes().any(|b| b.is_ascii_digit()) {
                    "*".repeat(w.chars().count())
                } else {
                    shown_key(w)
                }
            })
            .collect(),
    })
}

/// A FIGO stage read from text and checked against its site.
#[derive(Clone, PartialEq, Debug)]
pub struct FigoResult {
    /// The stage.
    pub figo: Figo,
    /// The FIGO edition it was checked by (given, or the default for the site).
    pub edition: Option<u16>,
    /// What the rules found.
    pub issues: Vec<Issue>,
}

/// Reads a FIGO stage (`FIGO 1b1` → `IB1`) and checks it against the site of `icd10` and a
/// FIGO `edition` (the year; `None`: the default for the site).
///
/// ```
/// use canceranmalan::staging::rules::parse_figo;
/// use canceranmalan::Lang;
///
/// let r = parse_figo("FIGO IB3", "C53.9", Some(2009), Lang::En).unwrap();
/// assert_eq!(r.figo.label, "IB3");
/// assert_eq!(r.issues[0].rule_id, "FIGO-LABEL");
/// ```
pub fn parse_figo(
    text: &str,
    icd10: &str,
    edition: Option<u16>,
    lang: Lang,
) -> Result<FigoResult, FigoError> {
    let mut figo = figo::read_figo(text)?;
    let mut issues = Vec::new();
    let scheme = match sites::classification(icd10) {
        Classification::Scheme(s) if FIGO_SCHEMES.contains(&s) => s,
        _ if crate::vocab::tables::FIGO_SITES
            .range_containing(sites::normalise_icd10(icd10).get(..3).unwrap_or(""))
            .is_some() =>
        {
            // A gynaecological site without FIGO tables here (C58, C54.2): nothing to check.
            return Ok(FigoResult {
                figo,
                edition,
                issues,
            });
        }
        _ => {
            let h = Hit::on(&[Field::Figo, Field::Icd10])
                .arg("code", Arg::text(sites::normalise_icd10(icd10)));
            let rule = &crate::rules::site::FIGO_SITE;
            issues.push(h.into_issue(rule.id, rule.severity, rule.message, lang));
            return Ok(FigoResult {
                figo,
                edition,
                issues,
            });
        }
    };
    let editions = figo::editions(scheme);
    let edition = match edition {
        Some(e) if editions.contains(&e) => e,
        Some(_) => {
            return Err(FigoError {
                code: "edition",
                expected: format!(
                    "a FIGO edition of {scheme}: {}",
                    editions
                        .iter()
                        .map(u16::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
        }
        None => sites::default_editions(Some(scheme), None)
            .1
            .or(editions.last().copied())
            .unwrap_or(0),
    };
    if let Some(labels) = figo::labels(scheme, edition) {
        figo::align(&mut figo, &labels);
    }
    for note in figo::check(&figo, scheme, edition) {
        let rule = figo_rule_for(&note);
        issues.push(figo_hit(&note, scheme, edition).into_issue(
            rule.id,
            rule.severity,
            rule.message,
            lang,
        ));
    }
    Ok(FigoResult {
        figo,
        edition: Some(edition),
        issues,
    })
}
