//! The code systems: ICD-10 (WHO 2019), ICD-O-3 morphology with behaviour and topography,
//! and the pathology laboratories of SOSFS 2006:15.

use crate::model::field::Field;
use crate::validation::issue::{Arg, Hit, Severity};
use crate::validation::rule::{
    Check, Input, Key, KeyedRules, Reports, Rule, Source, Validity, FORM_AND_REGISTER,
};
use crate::vocab::icd10::Icd10;
use crate::vocab::lang::Text;
use crate::vocab::tables::{
    BEHAVIOUR_ICD10, ICD10_CATEGORIES, ICDO3_MORPHOLOGY, ICDO3_TOPOGRAPHY_TO_ICD10, PATHOLOGY_LABS,
};

/// The report's ICD-10 code where it is given and of the right shape, with its text.
pub(crate) fn icd10<'a>(input: &Input<'a>) -> Option<(Icd10, &'a str)> {
    input.icd10()
}

/// The English WHO title of an ICD-10 code of the neoplasm chapter (`"C50.9"` →
/// `"Malignant neoplasm: Breast, unspecified"`), or `None`.
///
/// ```
/// assert_eq!(canceranmalan::icd10_title("C50"), Some("Malignant neoplasm of breast"));
/// assert_eq!(canceranmalan::icd10_title("C50.7"), None);
/// ```
pub fn icd10_title(code: &str) -> Option<&'static str> {
    crate::vocab::tables::ICD10_NEOPLASMS
        .get(code)
        .map(|r| r[1])
}

/// True for codes of ICD-10 chapter II, neoplasms (C00–D48).
pub(crate) fn in_neoplasm_chapter(code: Icd10) -> bool {
    code.in_range(b'C', 0, 99) || code.in_range(b'D', 0, 48)
}

/// An ICD-O-3 morphology code `NNNN/B`: the four digits and the behaviour.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Morphology {
    pub(crate) code: u16,
    pub(crate) behaviour: u8,
    digits: [u8; 4],
}

impl Morphology {
    /// The code for a text `NNNN/B`, or `None`.
    pub(crate) fn parse(s: &str) -> Option<Morphology> {
        let b = s.as_bytes();
        let shape =
            b.len() == 6 && b[4] == b'/' && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit);
        shape.then(|| Morphology {
            code: b[..4].iter().fold(0, |a, d| a * 10 + u16::from(d - b'0')),
            behaviour: b[5] - b'0',
            digits: [b[0], b[1], b[2], b[3]],
        })
    }

    /// The code as written, `NNNN/B`, for messages.
    pub(crate) fn to_arg(self) -> Arg {
        Arg::text(format!("{}/{}", self.digits(), self.behaviour))
    }

    /// The four digits, as the tables write them (`"8500"`).
    pub(crate) fn digits(&self) -> &str {
        std::str::from_utf8(&self.digits).unwrap_or("")
    }
}

/// The report's ICD-O-3 morphology where it is given, of the right shape and in ICD-O-3
/// (looked up once per validation).
pub(crate) fn morphology(input: &Input<'_>) -> Option<Morphology> {
    // Most reports from clinics leave it to RCC: no lookup to remember.
    input.report().text(Field::Icdo3Morphology)?;
    *input.memo(|i| {
        let text = i.report().text(Field::Icdo3Morphology)?;
        ICDO3_MORPHOLOGY.get(text)?;
        Morphology::parse(text)
    })
}

/// The report's ICD-O-3 topography where it is given and in the conversion table (looked
/// up once per validation).
pub(crate) fn topography_code<'a>(input: &Input<'a>) -> Option<&'a str> {
    input.report().text(Field::Icdo3Topography)?;
    let known = input.memo(|i| {
        let text = i.report().text(Field::Icdo3Topography)?;
        ICDO3_TOPOGRAPHY_TO_ICD10.get(text).map(|_| ())
    });
    known.and_then(|()| input.report().text(Field::Icdo3Topography))
}

/// A topography without its dot, at most four characters, kept without allocating.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Site {
    chars: [u8; 4],
    len: u8,
}

impl Site {
    pub(crate) fn new(dotted: &str) -> Option<Site> {
        let mut chars = [0u8; 4];
        let mut len = 0;
        for b in dotted.bytes().filter(|b| *b != b'.') {
            *chars.get_mut(len)? = b;
            len += 1;
        }
        Some(Site {
            chars,
            len: len as u8,
        })
    }

    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.chars[..usize::from(self.len)]).unwrap_or("")
    }

    /// The four-character site with its dot (`C50.4`), without allocating; `None` for a
    /// category alone.
    pub(crate) fn dotted(&self) -> Option<Dotted> {
        (self.len == 4).then(|| {
            let c = self.chars;
            Dotted([c[0], c[1], c[2], b'.', c[3]])
        })
    }

    pub(crate) fn category(&self) -> &str {
        let s = self.as_str();
        &s[..3.min(s.len())]
    }
}

impl std::ops::Deref for Site {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// A site with its dot, on the stack.
pub(crate) struct Dotted([u8; 5]);

impl Dotted {
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

/// The ICD-10 and ICD-O-3 rules below: their checks read the three code fields and nothing
/// else of the report. A batch reuses their hits for reports that agree on these.
pub static CODE_RULES: KeyedRules = KeyedRules {
    name: "codes",
    rules: &[
        &ICD10_NOT_IN_WHO,
        &ICD10_NOT_NEOPLASM,
        &ICD10_CATEGORY_ONLY,
        &ICDO3_MORPHOLOGY_CODE,
        &BEHAVIOUR_ICD10_RULE,
        &ICDO3_TOPOGRAPHY_CODE,
    ],
    key: |input, key: &mut Key| {
        let r = input.report();
        key.field_text(Field::Icd10, r.icd10.as_deref());
        key.field_text(Field::Icdo3Morphology, r.icdo3_morphology.as_deref());
        key.field_text(Field::Icdo3Topography, r.icdo3_topography.as_deref());
    },
};

/// The pathology laboratory's rule: it reads that field alone.
pub static LAB_RULES: KeyedRules = KeyedRules {
    name: "pathology lab",
    rules: &[&PATHOLOGY_LAB_UNKNOWN],
    key: |input, key: &mut Key| {
        key.field_text(Field::PathologyLab, input.report().pathology_lab.as_deref())
    },
};

/// A code outside WHO's ICD-10 in the neoplasm chapter.
pub static ICD10_NOT_IN_WHO: Rule = Rule {
    id: "ICD10-NOT-IN-WHO",
    severity: Severity::Warning,
    reads: &[Field::Icd10],
    reports: Reports::Fields(&[Field::Icd10]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Table("icd10_categories.tsv")],
    message: Text::new(
        "{code} finns inte i WHO:s ICD-10 (2019). Kontrollera koden (ICD-10-SE har några koder som WHO saknar).",
        "{code} is not in WHO's ICD-10 (2019). Please check the code (ICD-10-SE has a few codes that WHO lacks).",
    ),
    check: Check::Report(|input, out| {
        let Some((code, text)) = icd10(input) else { return };
        if !in_neoplasm_chapter(code) {
            return;
        }
        let (letter, category) = (code.letter(), code.category());
        // ICD-10-SE writes `.9` on categories that WHO does not subdivide (C56.9, C61.9,
        // C73.9) [inference from Swedish usage, e.g. the form manual's examples; not checked
        // against the ICD-10-SE tables], so such a code counts as its category.
        let se_unspecified = |d: u8| d == 9 && !ICD10_CATEGORIES.has_subcategories(letter, category);
        let exists = ICD10_CATEGORIES.has_category(letter, category)
            && code.subcode().map_or(true, |d| {
                ICD10_CATEGORIES.has_subcategory(letter, category, d) || se_unspecified(d)
            });
        if !exists {
            out.push(Hit::on(&[Field::Icd10]).arg("code", Arg::text(text)));
        }
    }),
};

/// A code outside the neoplasm chapter: a cancer notification reports a tumour.
pub static ICD10_NOT_NEOPLASM: Rule = Rule {
    id: "ICD10-NOT-NEOPLASM",
    severity: Severity::Error,
    reads: &[Field::Icd10],
    reports: Reports::Fields(&[Field::Icd10]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[
        Source::Regulation("3–5 §§ (tumörer och tumörliknande tillstånd)"),
        Source::Table("icd10_categories.tsv"),
    ],
    message: Text::new(
        "{code} är ingen tumördiagnos (ICD-10 kapitel II, C00–D48). En canceranmälan gäller en tumör.",
        "{code} is not a tumour diagnosis (ICD-10 chapter II, C00–D48). A cancer notification reports a tumour.",
    ),
    check: Check::Report(|input, out| {
        if let Some((code, text)) = icd10(input) {
            if !in_neoplasm_chapter(code) {
                out.push(Hit::on(&[Field::Icd10]).arg("code", Arg::text(text)));
            }
        }
    }),
};

/// A three-character code whose category has four-character subcategories.
pub static ICD10_CATEGORY_ONLY: Rule = Rule {
    id: "ICD10-CATEGORY-ONLY",
    severity: Severity::Info,
    reads: &[Field::Icd10],
    reports: Reports::Fields(&[Field::Icd10]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Table("icd10_categories.tsv")],
    message: Text::new(
        "{code} har underkoder ({code}.0–{code}.9); ange den fyrställiga koden när lokalen är känd.",
        "{code} has subcategories ({code}.0–{code}.9); give the four-character code when the subsite is known.",
    ),
    check: Check::Report(|input, out| {
        let Some((code, text)) = icd10(input) else { return };
        if in_neoplasm_chapter(code)
            && code.subcode().is_none()
            && ICD10_CATEGORIES.has_subcategories(code.letter(), code.category())
        {
            out.push(Hit::on(&[Field::Icd10]).arg("code", Arg::text(text)));
        }
    }),
};

/// An ICD-O-3 morphology that is not `NNNN/B` or not in ICD-O-3.
pub static ICDO3_MORPHOLOGY_CODE: Rule = Rule {
    id: "ICDO3-MORPHOLOGY",
    severity: Severity::Error,
    reads: &[Field::Icdo3Morphology],
    reports: Reports::Fields(&[Field::Icdo3Morphology]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Table("icdo3_morphology.tsv")],
    message: Text::new(
        "ICD-O-3-morfologin ska vara en kod i ICD-O-3 skriven NNNN/B, t.ex. 8500/3 ({reason}).",
        "The ICD-O-3 morphology must be an ICD-O-3 code written NNNN/B, e.g. 8500/3 ({reason}).",
    ),
    check: Check::Report(|input, out| {
        let Some(text) = input.report().text(Field::Icdo3Morphology) else {
            return;
        };
        // A code in the table (the usual case) was looked up once for every rule.
        if morphology(input).is_some() {
            return;
        }
        let reason = if Morphology::parse(text).is_none() {
            Arg::Code("format", Text::new("fel form", "wrong shape"))
        } else if ICDO3_MORPHOLOGY.get(text).is_none() {
            Arg::Code("unknown", Text::new("koden finns inte", "no such code"))
        } else {
            return;
        };
        out.push(Hit::on(&[Field::Icdo3Morphology]).arg("reason", reason));
    }),
};

/// The ICD-O-3 behaviour contradicts the ICD-10 chapter.
pub static BEHAVIOUR_ICD10_RULE: Rule = Rule {
    id: "BEHAVIOUR-ICD10",
    severity: Severity::Error,
    reads: &[Field::Icdo3Morphology, Field::Icd10],
    reports: Reports::Fields(&[Field::Icdo3Morphology, Field::Icd10]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Table("behaviour_icd10.tsv")],
    message: Text::new(
        "Beteendekoden /{behaviour} i {morphology} passar inte ICD10-koden {code} ({expected}).",
        "Behaviour /{behaviour} of {morphology} does not fit the ICD-10 code {code} ({expected}).",
    ),
    check: Check::Report(|input, out| {
        let (Some(m), Some((code, text))) = (morphology(input), icd10(input)) else {
            return;
        };
        if !in_neoplasm_chapter(code) {
            return; // ICD10-NOT-NEOPLASM says so.
        }
        let behaviour = char::from(b'0' + m.behaviour).to_string();
        let rows: Vec<_> = BEHAVIOUR_ICD10.all(&behaviour).collect();
        let category = &text[..3];
        if rows.is_empty() || rows.iter().any(|r| r[1] <= category && category <= r[2]) {
            return;
        }
        let expected = rows
            .iter()
            .map(|r| format!("{}–{}", r[1], r[2]).into())
            .collect();
        out.push(
            Hit::on(&[Field::Icdo3Morphology, Field::Icd10])
                .arg("behaviour", Arg::Int(m.behaviour.into()))
                .arg(
                    "morphology",
                    Arg::text(input.report().text(Field::Icdo3Morphology).unwrap_or("")),
                )
                .arg("code", Arg::text(text))
                .arg("expected", Arg::List(expected)),
        );
    }),
};

/// An ICD-O-3 topography that is not a code of ICD-O-3.
pub static ICDO3_TOPOGRAPHY_CODE: Rule = Rule {
    id: "ICDO3-TOPOGRAPHY",
    severity: Severity::Error,
    reads: &[Field::Icdo3Topography],
    reports: Reports::Fields(&[Field::Icdo3Topography]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Table("icdo3_topography_to_icd10.tsv")],
    message: Text::new(
        "ICD-O-3-topografin ska vara en kod i ICD-O-3 skriven Cnn.n, t.ex. C50.4.",
        "The ICD-O-3 topography must be an ICD-O-3 code written Cnn.n, e.g. C50.4.",
    ),
    check: Check::Report(|input, out| {
        if input.report().is_given(Field::Icdo3Topography) && topography_code(input).is_none() {
            out.push(Hit::on(&[Field::Icdo3Topography]));
        }
    }),
};

/// A pathology laboratory that is not in the list of SOSFS 2006:15.
pub static PATHOLOGY_LAB_UNKNOWN: Rule = Rule {
    id: "PATHOLOGY-LAB-UNKNOWN",
    severity: Severity::Warning,
    reads: &[Field::PathologyLab],
    reports: Reports::Fields(&[Field::PathologyLab]),
    rule_sets: FORM_AND_REGISTER,
    valid: Validity::ALWAYS,
    sources: &[Source::Table("pathology_labs.tsv")],
    message: Text::new(
        "Patologi-/cytologiavdelningen finns inte i förteckningen (SOSFS 2006:15, bilaga 5, med tresiffriga koder). Laboratorier har slagits samman sedan 2006; kontrollera.",
        "The pathology/cytology laboratory is not in the list of SOSFS 2006:15 (annex 5, three-digit codes). Laboratories have merged since 2006; please check.",
    ),
    check: Check::Report(|input, out| {
        let Some(lab) = input.report().text(Field::PathologyLab) else { return };
        let lab = crate::vocab::trim(lab);
        let known = PATHOLOGY_LABS.get(lab).is_some()
            || PATHOLOGY_LABS.rows().any(|r| r[1].eq_ignore_ascii_case(lab));
        if !known {
            out.push(Hit::on(&[Field::PathologyLab]));
        }
    }),
};
