//! The field table: every field of Canceranmälan, declared once.
//!
//! One row per field gives its wire key, Swedish and English label and help text, what kind
//! of value it holds, its place on the form, whether a complete report requires it, its
//! longest allowed text and when the form shows it. The [`Field`] enum, the [`Report`]
//! struct, the table [`FIELDS`], and the accessors that decoding, encoding,
//! [`Report::is_given`] and [`visible_fields`] use are all generated from these rows, so
//! adding a field is adding one row (and, where its value is of a new kind, a
//! [`FieldValue`] implementation).
//!
//! Labels and help follow the form and the manual ("Elektronisk canceranmälan – Manual för
//! inrapportör" v3.0, 2024-12-05, "Variablerna i canceranmälan"), in our own words.

use std::fmt;

use serde_json::Value;

use super::value::{FieldValue, JsonShape, SpareTexts, ValueProblem};
use crate::vocab::codes::{BasisOfDiagnosis, CodeEntry, Sex, Side, TnmBasis};
use crate::vocab::lang::{Lang, Text};
use crate::vocab::sensitive::SensitiveText;

/// What kind of value a field holds, as a form shows it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// A date, `YYYY-MM-DD`, held as the text given (validation checks it).
    Date,
    /// A value from a code list.
    Code,
    /// An integer.
    Integer,
    /// Yes or no.
    Boolean,
    /// A personal identity number (text that is shown masked).
    PersonalId,
    /// A list of rule IDs.
    RuleIds,
}

impl FieldKind {
    /// `"text"`, `"date"`, `"code"`, `"integer"`, `"boolean"` or `"personal_id"`.
    pub fn key(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Date => "date",
            FieldKind::Code => "code",
            FieldKind::Integer => "integer",
            FieldKind::Boolean => "boolean",
            FieldKind::PersonalId => "personal_id",
            FieldKind::RuleIds => "rule_ids",
        }
    }
}

/// When the form shows a field: a condition a UI can evaluate without this library.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Visibility {
    /// Always shown.
    Always,
    /// Shown only while `field` holds one of the wire values `one_of`.
    When {
        /// The field the condition reads.
        field: Field,
        /// The wire keys of the values that show the field.
        one_of: &'static [&'static str],
    },
    /// Shown while any of the conditions holds.
    AnyOf(&'static [Condition]),
}

/// One condition of [`Visibility::AnyOf`], on the value of another field.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Condition {
    /// `field` holds one of the wire keys `one_of`.
    OneOf {
        /// The field the condition reads.
        field: Field,
        /// The wire keys of the values that meet it.
        one_of: &'static [&'static str],
    },
    /// The text of `field`, without white space and in upper case, starts with one of
    /// `prefixes` (ICD-10 categories such as `"C53"`).
    StartsWith {
        /// The field the condition reads.
        field: Field,
        /// The prefixes, in upper case.
        prefixes: &'static [&'static str],
    },
    /// `field` is given (`given: true`) or not given (`false`): text that is only white space
    /// counts as not given.
    Given {
        /// The field the condition reads.
        field: Field,
        /// Whether the condition wants the field given.
        given: bool,
    },
}

impl Condition {
    /// True when the report meets the condition.
    pub fn holds(&self, report: &Report) -> bool {
        match *self {
            Condition::OneOf { field, one_of } => {
                report.code_key(field).is_some_and(|k| one_of.contains(&k))
            }
            Condition::StartsWith { field, prefixes } => report.text(field).is_some_and(|t| {
                let code: String = t
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .map(|c| c.to_ascii_uppercase())
                    .collect();
                prefixes.iter().any(|p| code.starts_with(p))
            }),
            Condition::Given { field, given } => report.is_given(field) == given,
        }
    }
}

/// The ICD-10 categories of the gynaecological sites, C51–C58 (`data/figo_sites.tsv`; a test
/// holds the two equal).
pub const GYNAECOLOGICAL_CATEGORIES: [&str; 8] =
    ["C51", "C52", "C53", "C54", "C55", "C56", "C57", "C58"];

/// FIGO is shown for a gynaecological site, and also while the ICD-10 code is not yet given
/// (the form cannot tell the site) and whenever FIGO holds a value (a UI must not hide data).
const FIGO_SHOWN: &[Condition] = &[
    Condition::StartsWith {
        field: Field::Icd10,
        prefixes: &GYNAECOLOGICAL_CATEGORIES,
    },
    Condition::Given {
        field: Field::Icd10,
        given: false,
    },
    Condition::Given {
        field: Field::Figo,
        given: true,
    },
];

/// A row of the field table.
#[derive(Debug)]
pub struct FieldSpec {
    /// The field.
    pub field: Field,
    /// The wire-format (JSON) key.
    pub key: &'static str,
    /// The label (Swedish: the form's own text).
    pub label: Text,
    /// What the field is for, as the manual explains it.
    pub help: Text,
    /// What kind of value it holds.
    pub kind: FieldKind,
    /// The JSON shape of its value.
    pub json: JsonShape,
    /// The code list with labels, for coded fields (empty otherwise).
    pub codes: &'static [CodeEntry],
    /// Position on the form (1 = first), or `None` for fields that are not on the form
    /// (the patient's `personal_id`, `sex` and `death_date`, and RCC's `icdo3_morphology`).
    pub form_position: Option<u8>,
    /// Required in a complete report (one without "enstaka uppgifter").
    pub required: bool,
    /// The longest text allowed, in characters.
    pub max_length: Option<u16>,
    /// When the form shows it.
    pub visible: Visibility,
}

/// The size of the key table of [`Field::from_key`].
const KEY_SLOTS: usize = 64;
/// A slot of the key table that no key hashes to.
const NO_KEY: u8 = u8::MAX;
/// A slot that two keys or more hash to (the lookup then compares every key).
const SHARED_SLOT: u8 = u8::MAX - 1;

/// Where a wire key (not empty) goes in the key table: its first, middle and last bytes
/// weighted. The weights give every key of the field table a slot of its own (a test holds
/// them to that); a key added later that shares a slot is still found, by a scan.
const fn key_slot(b: &[u8]) -> usize {
    (b[0] as usize * 2 + b[b.len() / 2] as usize * 3 + b[b.len() - 1] as usize * 6) % KEY_SLOTS
}

/// The key table: for each slot, the index of the key that hashes to it.
const fn key_slots<const N: usize>(keys: &[&str; N]) -> [u8; KEY_SLOTS] {
    let mut slots = [NO_KEY; KEY_SLOTS];
    let mut i = 0;
    while i < N {
        let s = key_slot(keys[i].as_bytes());
        slots[s] = if slots[s] == NO_KEY {
            i as u8
        } else {
            SHARED_SLOT
        };
        i += 1;
    }
    slots
}

macro_rules! field_table {
    ( $(
        $(#[$doc:meta])*
        $variant:ident $key:ident : $ty:ty {
            label: $lsv:literal / $len:literal,
            help: $hsv:literal / $hen:literal,
            kind: $kind:ident,
            form: $form:expr,
            required: $required:expr,
            max_length: $max:expr,
            visible: $visible:expr $(,)?
        }
    ),+ $(,)? ) => {
        /// A field of the report, named by its wire-format key (snake_case JSON key).
        ///
        /// The Swedish label is the text the INCA form shows; `personal_id`, `sex` and
        /// `death_date` come from the patient record that the form is attached to.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Field {
            $( $(#[$doc])* $variant, )+
        }

        /// The number of fields.
        pub const FIELD_COUNT: usize = [$(stringify!($key)),+].len();

        /// The field table for constant evaluation; [`FIELDS`] is the same at run time.
        const TABLE: [FieldSpec; FIELD_COUNT] = [
            $( FieldSpec {
                field: Field::$variant,
                key: stringify!($key),
                label: Text::new($lsv, $len),
                help: Text::new($hsv, $hen),
                kind: FieldKind::$kind,
                json: <$ty as FieldValue>::SHAPE,
                codes: <$ty as FieldValue>::CODES,
                form_position: $form,
                required: $required,
                max_length: $max,
                visible: $visible,
            }, )+
        ];

        /// The field table, in wire-format order (the order of [`Field`]).
        pub static FIELDS: [FieldSpec; FIELD_COUNT] = TABLE;

        impl Field {
            /// Every field, in the order of the wire format.
            pub const ALL: [Field; FIELD_COUNT] = [$(Field::$variant),+];

            /// The field for a wire-format key: one look in a small table made at compile
            /// time (see [`key_slot`]) and one comparison.
            pub fn from_key(key: &str) -> Option<Field> {
                const KEYS: [&str; FIELD_COUNT] = [$(stringify!($key)),+];
                static SLOTS: [u8; KEY_SLOTS] = key_slots(&KEYS);
                let b = key.as_bytes();
                if b.is_empty() {
                    return None;
                }
                match SLOTS[key_slot(b)] {
                    NO_KEY => None,
                    SHARED_SLOT => Field::ALL.iter().copied().find(|f| f.key() == key),
                    i => (KEYS[usize::from(i)].as_bytes() == b).then(|| Field::ALL[usize::from(i)]),
                }
            }

            /// [`Field::from_key`]. The position `start` was a hint for a search in wire
            /// order; the lookup no longer searches, and it is ignored.
            pub fn from_key_near(key: &str, _start: usize) -> Option<Field> {
                Field::from_key(key)
            }
        }

        /// One Canceranmälan (A-anmälan): one primary tumour of one patient.
        ///
        /// Every field is optional; dates are kept as the text the form holds (`YYYY-MM-DD`)
        /// and validation checks them.
        ///
        /// `Debug` shows only the fields that are set: the personal identity number masked,
        /// codes, dates and numbers as they are, and free text (site, morphology, comment,
        /// specimen number, names) only as its length, since people write personal data there.
        ///
        /// ```
        /// use canceranmalan::{Report, BasisOfDiagnosis};
        /// let mut r = Report::default();
        /// r.icd10 = Some("C50.9".into());
        /// r.basis_of_diagnosis = Some(BasisOfDiagnosis::Histopathology);
        /// assert_eq!(r.to_json(), r#"{"icd10":"C50.9","basis_of_diagnosis":3}"#);
        /// ```
        #[derive(Clone, Default, PartialEq)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
        pub struct Report {
            $(
                $(#[$doc])*
                #[cfg_attr(feature = "uniffi", uniffi(default = None))]
                pub $key: Option<$ty>,
            )+
        }

        impl fmt::Debug for Report {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut s = f.debug_struct("Report");
                $(
                    if let Some(v) = &self.$key {
                        match (FieldKind::$kind, FieldValue::as_text(v)) {
                            (FieldKind::Text, Some(t)) => {
                                s.field(stringify!($key), &format_args!("<text, {} characters>", t.chars().count()));
                            }
                            _ => {
                                s.field(stringify!($key), v);
                            }
                        }
                    }
                )+
                s.finish()
            }
        }

        impl Report {
            /// Sets a field from a JSON value (not `null`); on a problem the field is left
            /// as it was.
            pub fn set_json(&mut self, field: Field, value: Value) -> Result<(), ValueProblem> {
                match field {
                    $( Field::$variant => self.$key = Some(<$ty as FieldValue>::from_json(value)?), )+
                }
                Ok(())
            }

            /// [`Report::set_json`] for a JSON integer, without making a [`Value`] of it.
            pub fn set_int(&mut self, field: Field, value: i64) -> Result<(), ValueProblem> {
                match field {
                    $( Field::$variant => self.$key = Some(<$ty as FieldValue>::from_int(value)?), )+
                }
                Ok(())
            }

            /// [`Report::set_json`] for a JSON string, without making a [`Value`] of it.
            pub fn set_text(&mut self, field: Field, text: std::borrow::Cow<'_, str>) -> Result<(), ValueProblem> {
                match field {
                    $( Field::$variant => <$ty as FieldValue>::text_into(&mut self.$key, text)?, )+
                }
                Ok(())
            }

            /// [`Report::set_text`] of one field, as a function: a host that writes a
            /// column of texts into many reports looks the field up once for the column,
            /// not once for each text. A text field that holds no text takes its buffer
            /// from `spare` (see [`SpareTexts`]).
            ///
            /// ```
            /// use canceranmalan::model::value::SpareTexts;
            /// use canceranmalan::{Field, Report};
            ///
            /// let write = Report::text_writer(Field::Icd10);
            /// let mut report = Report::default();
            /// write(&mut report, "C50.9", &mut SpareTexts::default()).unwrap();
            /// assert_eq!(report.icd10.as_deref(), Some("C50.9"));
            /// ```
            pub fn text_writer(field: Field) -> fn(&mut Report, &str, &mut SpareTexts) -> Result<(), ValueProblem> {
                match field {
                    $( Field::$variant => |r: &mut Report, text: &str, spare: &mut SpareTexts| {
                        <$ty as FieldValue>::text_into_spare(&mut r.$key, text, spare)
                    }, )+
                }
            }

            /// [`Report::clear`], keeping a text field's buffer in `spare`.
            pub fn clear_into(&mut self, field: Field, spare: &mut SpareTexts) {
                match field {
                    $( Field::$variant => <$ty as FieldValue>::clear_into(&mut self.$key, spare), )+
                }
            }

            /// Clears a field (not given).
            pub fn clear(&mut self, field: Field) {
                match field {
                    $( Field::$variant => self.$key = None, )+
                }
            }

            /// A field's value as JSON, or `None` where it is not set.
            ///
            /// This reveals a personal identity number: it is how a report leaves the library.
            pub fn get_json(&self, field: Field) -> Option<Value> {
                match field {
                    $( Field::$variant => self.$key.as_ref().map(FieldValue::to_json), )+
                }
            }

            /// True when the field holds a value (a text that is only white space counts as
            /// not given).
            pub fn is_given(&self, field: Field) -> bool {
                match field {
                    $( Field::$variant => self.$key.as_ref().is_some_and(FieldValue::is_given), )+
                }
            }

            /// A text field's value where it is given (present and not only white space);
            /// `None` for fields that do not hold text.
            pub fn text(&self, field: Field) -> Option<&str> {
                match field {
                    $( Field::$variant => self.$key.as_ref().and_then(FieldValue::as_text), )+
                }
                .filter(|s| !crate::vocab::is_blank(s))
            }

            /// The wire key of a coded field's value (`"4"` for diagnosgrund 4), or `None`.
            pub fn code_key(&self, field: Field) -> Option<&'static str> {
                match field {
                    $( Field::$variant => self.$key.as_ref().and_then(FieldValue::code_key), )+
                }
            }
        }
    };
}

const AUTOPSY_BASIS: &[&str] = &["4", "7"];

field_table! {
    /// Personnummer / samordningsnummer / reservnummer of the patient.
    PersonalId personal_id: SensitiveText {
        label: "Personnummer" / "Personal identity number",
        help: "Patientens personnummer, samordningsnummer eller reservnummer."
            / "The patient's personal identity, coordination or reserve number.",
        kind: PersonalId, form: None, required: false, max_length: None, visible: Visibility::Always,
    },
    /// Juridiskt kön (legal sex), to override the value derived from `personal_id`.
    Sex sex: Sex {
        label: "Kön" / "Sex",
        help: "Juridiskt kön, när det inte ska läsas ur personnumret."
            / "Legal sex, where it is not to be read from the identity number.",
        kind: Code, form: None, required: false, max_length: None, visible: Visibility::Always,
    },
    /// Dödsdatum, `YYYY-MM-DD`.
    DeathDate death_date: String {
        label: "Dödsdatum" / "Date of death",
        help: "Patientens dödsdatum, från patientuppgifterna."
            / "The patient's date of death, from the patient record.",
        kind: Date, form: None, required: false, max_length: None, visible: Visibility::Always,
    },
    /// Diagnosdatum: date of the first examination or sample the diagnosis rests on.
    DiagnosisDate diagnosis_date: String {
        label: "Diagnosdatum" / "Date of diagnosis",
        help: "Datum för den första undersökning eller provtagning som diagnosen grundar sig på (ÅÅÅÅ-MM-DD)."
            / "Date of the first examination or sample that the diagnosis rests on (YYYY-MM-DD).",
        kind: Date, form: Some(3), required: true, max_length: None, visible: Visibility::Always,
    },
    /// Primärtumörens lokalisation, free text.
    PrimarySite primary_site: String {
        label: "Primärtumörens lokalisation" / "Primary site",
        help: "Så specificerat som möjligt, med sublokal. Vid okänd primärtumör: skriv det och metastasens lokal."
            / "As specific as possible, with the subsite. If the primary is unknown, say so and give the site of the metastasis.",
        kind: Text, form: Some(4), required: true, max_length: None, visible: Visibility::Always,
    },
    /// ICD10-kod, e.g. `C50.9`.
    Icd10 icd10: String {
        label: "ICD10-kod" / "ICD-10 code",
        help: "Diagnosen klassificerad enligt ICD-10, t.ex. C50.9."
            / "The diagnosis classified by ICD-10, e.g. C50.9.",
        kind: Text, form: Some(5), required: true, max_length: None, visible: Visibility::Always,
    },
    /// Morfologisk diagnos, free text.
    Morphology morphology: String {
        label: "Morfologisk diagnos" / "Morphology",
        help: "Morfologisk typ i klartext med subtyp, och om cancern är invasiv eller misstänkt."
            / "The morphological type in words with its subtype, and whether the cancer is invasive or suspected.",
        kind: Text, form: Some(6), required: true, max_length: None, visible: Visibility::Always,
    },
    /// ICD-O-3 morphology code, e.g. `8500/3` (not on the clinic form; coded by RCC).
    Icdo3Morphology icdo3_morphology: String {
        label: "ICD-O-3-morfologi" / "ICD-O-3 morphology",
        help: "Morfologikod enligt ICD-O-3 med beteende, t.ex. 8500/3 (kodas av RCC)."
            / "ICD-O-3 morphology code with behaviour, e.g. 8500/3 (coded by RCC).",
        kind: Text, form: None, required: false, max_length: None, visible: Visibility::Always,
    },
    /// ICD-O-3 topography code, e.g. `C50.4` (not on the clinic form; coded by RCC).
    Icdo3Topography icdo3_topography: String {
        label: "ICD-O-3-topografi" / "ICD-O-3 topography",
        help: "Topografikod enligt ICD-O-3, t.ex. C50.4 (kodas av RCC)."
            / "ICD-O-3 topography code, e.g. C50.4 (coded by RCC).",
        kind: Text, form: None, required: false, max_length: None, visible: Visibility::Always,
    },
    /// Sida.
    Side side: Side {
        label: "Sida" / "Side",
        help: "Obligatorisk för parigt organ och kroppsdelar."
            / "Required for paired organs and body parts.",
        kind: Code, form: Some(7), required: false, max_length: None, visible: Visibility::Always,
    },
    /// FIGO stage (gynaecological tumours).
    Figo figo: String {
        label: "FIGO" / "FIGO stage",
        help: "Stadieindelning för gynekologiska tumörer, före behandling."
            / "Staging of gynaecological tumours, before treatment.",
        kind: Text, form: Some(8), required: false, max_length: None,
        visible: Visibility::AnyOf(FIGO_SHOWN),
    },
    /// T-kategori.
    T t: String {
        label: "T-kategori" / "T category",
        help: "Primärtumörens utbredning enligt senaste UICC TNM, före behandling."
            / "Extent of the primary tumour by the latest UICC TNM, before treatment.",
        kind: Text, form: Some(9), required: false, max_length: None, visible: Visibility::Always,
    },
    /// N-kategori.
    N n: String {
        label: "N-kategori" / "N category",
        help: "Regionala lymfkörtlar enligt senaste UICC TNM."
            / "Regional lymph nodes by the latest UICC TNM.",
        kind: Text, form: Some(10), required: false, max_length: None, visible: Visibility::Always,
    },
    /// M-kategori.
    M m: String {
        label: "M-kategori" / "M category",
        help: "Fjärrmetastaser enligt senaste UICC TNM."
            / "Distant metastasis by the latest UICC TNM.",
        kind: Text, form: Some(11), required: false, max_length: None, visible: Visibility::Always,
    },
    /// Grund för TNM.
    TnmBasis tnm_basis: TnmBasis {
        label: "Grund för TNM" / "Basis for TNM",
        help: "Om T, N och M är kliniska eller patologiska."
            / "Whether T, N and M are clinical or pathological.",
        kind: Code, form: Some(12), required: false, max_length: None, visible: Visibility::Always,
    },
    /// The UICC TNM edition that T, N and M follow (8 or 9; not on the clinic form). When
    /// absent, the edition follows from the site and the date of diagnosis.
    TnmEdition tnm_edition: i64 {
        label: "TNM-upplaga" / "TNM edition",
        help: "Upplagan av UICC TNM som T, N och M följer (8 eller 9). Utan värde gäller upplagan för lokalen och diagnosdatumet."
            / "The UICC TNM edition that T, N and M follow (8 or 9). Without a value, the edition for the site and date of diagnosis applies.",
        kind: Integer, form: None, required: false, max_length: None, visible: Visibility::Always,
    },
    /// The FIGO edition (year) that `figo` follows, e.g. 2018 (not on the clinic form).
    FigoEdition figo_edition: i64 {
        label: "FIGO-version" / "FIGO edition",
        help: "Året för FIGO-versionen som stadiet följer, t.ex. 2018. Utan värde gäller versionen för lokalen och diagnosdatumet."
            / "The year of the FIGO edition the stage follows, e.g. 2018. Without a value, the edition for the site and date of diagnosis applies.",
        kind: Integer, form: None, required: false, max_length: None, visible: Visibility::Always,
    },
    /// Diagnosgrund.
    BasisOfDiagnosis basis_of_diagnosis: BasisOfDiagnosis {
        label: "Diagnosgrund" / "Basis of diagnosis",
        help: "Den säkraste av de undersökningar diagnosen bygger på, i regel 3 (PAD)."
            / "The most reliable of the examinations the diagnosis rests on, usually 3 (histopathology).",
        kind: Code, form: Some(13), required: true, max_length: None, visible: Visibility::Always,
    },
    /// Obduktionsfynd: the cancer was first found at autopsy.
    AutopsyFinding autopsy_finding: bool {
        label: "Obduktionsfynd" / "Autopsy finding",
        help: "Om cancern upptäcktes först vid obduktion. Då ska diagnosdatum vara dödsdatum."
            / "Whether the cancer was first found at autopsy. The date of diagnosis is then the date of death.",
        kind: Boolean, form: Some(14), required: false, max_length: None,
        visible: Visibility::When { field: Field::BasisOfDiagnosis, one_of: AUTOPSY_BASIS },
    },
    /// Sjukhus/klinik som patienten remitterats till.
    ReferredTo referred_to: String {
        label: "Sjukhus/klinik som patienten remitterats till" / "Hospital/clinic the patient was referred to",
        help: "Sjukhus och klinik som patienten remitterats till."
            / "The hospital and clinic the patient was referred to.",
        kind: Text, form: Some(15), required: false, max_length: None, visible: Visibility::Always,
    },
    /// Patologi-/cytologiavdelning.
    PathologyLab pathology_lab: String {
        label: "Patologi-/cytologiavdelning" / "Pathology/cytology laboratory",
        help: "Laboratoriet som hanterat och besvarat provet."
            / "The laboratory that handled and answered the sample.",
        kind: Text, form: Some(16), required: false, max_length: None, visible: Visibility::Always,
    },
    /// Preparatnummer (at most 16 characters).
    SpecimenNumber specimen_number: String {
        label: "Preparatnummer" / "Specimen number",
        help: "Löpnumret på provsvaret som anmälan grundar sig på (inte laboratoriets remiss-ID)."
            / "The serial number on the report the notification rests on (not the laboratory's request ID).",
        kind: Text, form: Some(17), required: false, max_length: Some(16), visible: Visibility::Always,
    },
    /// Preparatår (four digits).
    SpecimenYear specimen_year: i64 {
        label: "Preparatår" / "Specimen year",
        help: "Året för preparatnumret, med fyra siffror."
            / "The year of the specimen number, with four digits.",
        kind: Integer, form: Some(18), required: false, max_length: None, visible: Visibility::Always,
    },
    /// Kontaktperson för anmälan.
    ContactPerson contact_person: String {
        label: "Kontaktperson för anmälan" / "Contact person",
        help: "Namn på den som ansvarar för uppgifterna i anmälan."
            / "Name of the person responsible for the report's details.",
        kind: Text, form: Some(19), required: false, max_length: None, visible: Visibility::Always,
    },
    /// "Enstaka uppgifter": only some details and/or only a comment are sent.
    Partial partial: bool {
        label: "Enstaka uppgifter" / "Partial submission",
        help: "Markeras endast när enstaka uppgifter och/eller bara en kommentar skickas."
            / "Tick only when single details and/or only a comment are sent.",
        kind: Boolean, form: Some(1), required: false, max_length: None, visible: Visibility::Always,
    },
    /// Rules whose warnings a register coder has checked and confirmed (not on the clinic
    /// form): their issues are reported as info.
    ConfirmedRules confirmed_rules: Vec<String> {
        label: "Bekräftade kontroller" / "Confirmed checks",
        help: "ID för kontroller vars varningar registeradministratören har granskat och bekräftat."
            / "IDs of the checks whose warnings the register coder has reviewed and confirmed.",
        kind: RuleIds, form: None, required: false, max_length: None, visible: Visibility::Always,
    },
    /// Kommentar (not stored in the register; communication with RCC).
    Comment comment: String {
        label: "Kommentar" / "Comment",
        help: "Meddelande till RCC; sparas inte i registret."
            / "A message to RCC; not stored in the register.",
        kind: Text, form: Some(2), required: false, max_length: None, visible: Visibility::Always,
    },
}

impl Field {
    /// The field's row of the table.
    pub fn spec(self) -> &'static FieldSpec {
        // The table is generated in the order of the enum.
        &FIELDS[self as usize]
    }

    /// The wire-format (JSON) key.
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// The label in the given language (Swedish: the form's own text).
    pub fn label(self, lang: Lang) -> &'static str {
        self.spec().label.get(lang)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.key())
    }
}

/// A column of the table that selects fields.
#[derive(Clone, Copy)]
enum Pick {
    Required,
    Date,
    Coded,
    OnForm,
}

const fn picks(s: &FieldSpec, pick: Pick) -> bool {
    match pick {
        Pick::Required => s.required,
        Pick::Date => matches!(s.kind, FieldKind::Date),
        Pick::Coded => !s.codes.is_empty(),
        Pick::OnForm => s.form_position.is_some(),
    }
}

const fn count(pick: Pick) -> usize {
    let (mut i, mut n) = (0, 0);
    while i < FIELD_COUNT {
        if picks(&TABLE[i], pick) {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The fields whose row `pick` selects, in wire order (`N` is their count).
const fn select<const N: usize>(pick: Pick) -> [Field; N] {
    let mut out = [Field::PersonalId; N];
    let (mut i, mut n) = (0, 0);
    while i < FIELD_COUNT {
        if picks(&TABLE[i], pick) {
            out[n] = TABLE[i].field;
            n += 1;
        }
        i += 1;
    }
    out
}

/// The fields a complete report requires, in wire order.
pub const REQUIRED_FIELDS: [Field; count(Pick::Required)] = select(Pick::Required);
/// The date fields, in wire order.
pub const DATE_FIELDS: [Field; count(Pick::Date)] = select(Pick::Date);
/// The fields with a code list, in wire order.
pub const CODED_FIELDS: [Field; count(Pick::Coded)] = select(Pick::Coded);

/// The fields of the form itself, in the order the INCA form shows them (manual v3.0,
/// "Variablerna i canceranmälan"): the "enstaka uppgifter" box and the comment at the top.
pub const FORM_FIELDS: [Field; count(Pick::OnForm)] = {
    let mut out = select::<{ count(Pick::OnForm) }>(Pick::OnForm);
    // Sort by form position (insertion sort; the table is small).
    let mut i = 1;
    while i < out.len() {
        let mut j = i;
        while j > 0 && position(out[j - 1]) > position(out[j]) {
            let t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    out
};

const fn position(f: Field) -> u8 {
    match TABLE[f as usize].form_position {
        Some(p) => p,
        None => u8::MAX,
    }
}

/// The form fields shown for a report as it stands, in form order: each field's
/// [`Visibility`] from the table, evaluated on the report: *Obduktionsfynd* only with
/// diagnosgrund 4 or 7, and FIGO for gynaecological sites (C51–C58), while the ICD-10 code is
/// not yet given, or when FIGO holds a value.
///
/// ```
/// use canceranmalan::{visible_fields, BasisOfDiagnosis, Field, Report};
/// let mut r = Report::default();
/// assert!(!visible_fields(&r).contains(&Field::AutopsyFinding));
/// r.basis_of_diagnosis = Some(BasisOfDiagnosis::AutopsyWithoutHistopathology);
/// assert!(visible_fields(&r).contains(&Field::AutopsyFinding));
/// ```
pub fn visible_fields(report: &Report) -> Vec<Field> {
    FORM_FIELDS
        .into_iter()
        .filter(|f| is_visible(report, *f))
        .collect()
}

/// True when the form shows `field` for this report.
pub fn is_visible(report: &Report, field: Field) -> bool {
    match field.spec().visible {
        Visibility::Always => true,
        Visibility::When { field: on, one_of } => {
            report.code_key(on).is_some_and(|k| one_of.contains(&k))
        }
        Visibility::AnyOf(conditions) => conditions.iter().any(|c| c.holds(report)),
    }
}

impl Report {
    /// True when the "enstaka uppgifter" box is ticked.
    pub fn is_partial(&self) -> bool {
        self.partial == Some(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key has a slot of its own in the key table (a shared slot would still be
    /// found, by a scan, but slowly: change the weights of `key_slot` if this fails).
    #[test]
    fn every_key_has_its_own_slot() {
        let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
        let slots: std::collections::HashSet<usize> =
            keys.iter().map(|k| key_slot(k.as_bytes())).collect();
        assert_eq!(slots.len(), keys.len());
        for f in Field::ALL {
            assert_eq!(Field::from_key(f.key()), Some(f));
        }
        assert_eq!(Field::from_key(""), None);
    }

    /// Keys that share a slot mark it shared (the lookup then compares every key).
    #[test]
    fn shared_slots_are_marked() {
        let slots = key_slots(&["abc", "abc"]);
        assert_eq!(slots[key_slot(b"abc")], SHARED_SLOT);
        assert_eq!(slots.iter().filter(|s| **s != NO_KEY).count(), 1);
    }

    proptest::proptest! {
        /// The lookup finds what a comparison with every key finds, for any text and for
        /// texts one edit away from a key.
        #[test]
        fn lookup_is_a_scan(text in "\\PC{0,20}", i in 0..FIELD_COUNT, cut in 0usize..20, extra in "[a-z_]{0,2}") {
            let scan = |k: &str| Field::ALL.iter().copied().find(|f| f.key() == k);
            proptest::prop_assert_eq!(Field::from_key(&text), scan(&text));
            let key = Field::ALL[i].key();
            let near = format!("{}{}", &key[..cut.min(key.len())], extra);
            proptest::prop_assert_eq!(Field::from_key(&near), scan(&near));
        }
    }

    #[test]
    fn a_key_names_the_same_field_wherever_the_search_starts() {
        for start in 0..=FIELD_COUNT + 2 {
            for f in Field::ALL {
                assert_eq!(Field::from_key_near(f.key(), start), Some(f));
            }
            for key in ["", "icd", "icd100", "ICD10", "side ", "colour"] {
                assert_eq!(Field::from_key_near(key, start), None, "{key}");
            }
        }
    }

    #[test]
    fn table_is_consistent() {
        for (i, s) in FIELDS.iter().enumerate() {
            assert_eq!(s.field as usize, i, "{}", s.key);
            assert_eq!(Field::from_key(s.key), Some(s.field));
            assert_eq!(s.kind == FieldKind::Code, !s.codes.is_empty(), "{}", s.key);
            assert!(!s.label.sv.is_empty() && !s.help.en.is_empty());
        }
        assert_eq!(Field::from_key("Icd10"), None);
        let positions: Vec<u8> = FORM_FIELDS.iter().map(|f| position(*f)).collect();
        assert_eq!(positions, (1..=FORM_FIELDS.len() as u8).collect::<Vec<_>>());
        assert_eq!(FORM_FIELDS[0], Field::Partial);
        assert_eq!(DATE_FIELDS, [Field::DeathDate, Field::DiagnosisDate]);
    }

    #[test]
    fn gynaecological_categories_are_the_figo_table() {
        use crate::vocab::tables::FIGO_SITES;
        let mut from_table = Vec::new();
        for row in FIGO_SITES.rows() {
            let (a, b) = (&row[0][1..], &row[1][1..]);
            let (a, b): (u8, u8) = (a.parse().unwrap(), b.parse().unwrap());
            assert_eq!(row[0].as_bytes()[0], b'C');
            from_table.extend((a..=b).map(|n| format!("C{n:02}")));
        }
        assert_eq!(from_table, GYNAECOLOGICAL_CATEGORIES);
    }

    #[test]
    fn figo_is_shown_for_gynaecological_sites_and_while_the_site_is_open() {
        let mut r = Report::default();
        assert!(is_visible(&r, Field::Figo));
        r.icd10 = Some("C50.9".into());
        assert!(!is_visible(&r, Field::Figo));
        r.icd10 = Some(" c53 .9".into());
        assert!(is_visible(&r, Field::Figo));
        r.icd10 = Some("C18.7".into());
        r.figo = Some("IB1".into());
        assert!(is_visible(&r, Field::Figo));
        r.figo = Some("  ".into());
        assert!(!is_visible(&r, Field::Figo));
    }

    #[test]
    fn debug_shows_no_free_text_and_no_personal_id() {
        let r = Report {
            personal_id: Some("19640823-3234".into()),
            comment: Some("Anna Andersson, 19640823-3234".into()),
            specimen_number: Some("T-1234/25".into()),
            diagnosis_date: Some("2025-03-14".into()),
            side: Some(Side::Left),
            ..Report::default()
        };
        let shown = format!("{r:?}");
        assert!(
            !shown.contains("3234") && !shown.contains("Anna") && !shown.contains("T-1234"),
            "{shown}"
        );
        assert!(
            shown.contains("19640823-****")
                && shown.contains("2025-03-14")
                && shown.contains("Left"),
            "{shown}"
        );
        assert!(shown.contains("comment: <text, 29 characters>"), "{shown}");
        assert!(!shown.contains("icd10"), "{shown}");
    }
}
