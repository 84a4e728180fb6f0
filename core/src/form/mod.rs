//! The form definition: everything a UI needs to draw Canceranmälan and show or hide its
//! fields, as data, from the same tables that validation reads.
//!
//! [`form_definition`] gives the form's fields in form order (manual v3.0, "Variablerna i
//! canceranmälan"), each with its label and help text, type, whether a complete report
//! requires it, its longest text, its code list with labels, the pathology laboratories as
//! suggestions, the T, N, M and FIGO values of each site and edition, and when the form shows
//! it. [`FormDefinition::to_json`] writes it as JSON (version 1, documented there) that a UI
//! in any language can evaluate without this library.

use crate::model::field::{Condition, Field, FieldKind, FieldSpec, Visibility, FORM_FIELDS};
use crate::model::value::JsonShape;
use crate::staging::figo::FIGO_SCHEMES;
use crate::staging::sites::TNM_EDITIONS;
use crate::vocab::json::JsonWriter;
use crate::vocab::lang::Lang;
use crate::vocab::tables::{
    FIGO_LABELS, PATHOLOGY_LABS, STAGING_EDITIONS, TNM_CATEGORIES, TNM_SCHEMES,
};

/// The version of the JSON that [`FormDefinition::to_json`] writes.
pub const FORM_DEFINITION_VERSION: u32 = 1;

/// A value a field may hold, with its label.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FormOption {
    /// The wire value as text (`"right"`, `"3"`; integer fields write it as a number).
    pub value: &'static str,
    /// The label in the definition's language.
    pub label: &'static str,
}

/// The values of T, N, M or FIGO for one site (TNM scheme) and edition.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SiteValues {
    /// The scheme (`"breast"`, `"cervix"`); [`FormDefinition::schemes`] maps ICD-10 codes to it.
    pub scheme: &'static str,
    /// The UICC TNM edition (8, 9) or, for FIGO, the FIGO edition (year).
    pub edition: u16,
    /// `Some("clinical")` or `Some("pathological")` (the wire values of `tnm_basis`) where
    /// the clinical and pathological lists differ; `None` for either.
    pub tnm_basis: Option<&'static str>,
    /// The values, as the form accepts them (`"T1a"`, `"IB1"`).
    pub values: Vec<&'static str>,
}

/// A field of the form.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FormField {
    /// The field.
    pub field: Field,
    /// Its label in the definition's language (Swedish: the form's own text).
    pub label: &'static str,
    /// Its help text, from the manual.
    pub help: &'static str,
    /// What kind of value it holds: text, date, code, integer or boolean.
    pub kind: FieldKind,
    /// Required in a complete report (one without "enstaka uppgifter").
    pub required: bool,
    /// The longest text allowed, in characters.
    pub max_length: Option<u16>,
    /// The code list: the only values allowed (coded fields).
    pub options: Vec<FormOption>,
    /// Known values a UI may offer while the field stays free text (the pathology
    /// laboratories of SOSFS 2006:15, by code).
    pub suggestions: Vec<FormOption>,
    /// The values of each site and edition (T, N, M and FIGO).
    pub values_by_site: Vec<SiteValues>,
    /// When the form shows the field.
    pub visible: Visibility,
}

impl FormField {
    /// The wire key.
    pub fn key(&self) -> &'static str {
        self.field.key()
    }
}

/// The editions a site is read by when a report names none, from a date of diagnosis on.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct EditionFrom {
    /// The first date of diagnosis, `YYYY-MM-DD` (`0000-01-01`: always).
    pub from: &'static str,
    /// The UICC TNM edition.
    pub tnm_edition: u8,
    /// The FIGO edition (year), for gynaecological sites.
    pub figo_edition: Option<u16>,
}

/// The ICD-10 codes of a TNM scheme, and its default editions.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SchemeSites {
    /// The scheme.
    pub scheme: &'static str,
    /// Ranges of ICD-10 codes, both ends inclusive, compared as text after normalising the
    /// code (no white space, upper case, no final dot): a three-character code sorts before
    /// its subcodes (`C50` < `C50.1` < `C50.9` < `C51`).
    pub icd10_ranges: Vec<(&'static str, &'static str)>,
    /// The default editions, oldest first; the last whose `from` is on or before the date of
    /// diagnosis applies, unless the report names `tnm_edition` or `figo_edition`.
    pub editions: Vec<EditionFrom>,
}

/// The whole form: fields in form order and the site tables their value lists refer to.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FormDefinition {
    /// The language of labels and help.
    pub lang: Lang,
    /// The fields, in the order the form shows them.
    pub fields: Vec<FormField>,
    /// The TNM schemes that [`SiteValues::scheme`] names.
    pub schemes: Vec<SchemeSites>,
}

fn options(spec: &FieldSpec, lang: Lang) -> Vec<FormOption> {
    spec.codes
        .iter()
        .map(|c| FormOption {
            value: c.key,
            label: c.label.get(lang),
        })
        .collect()
}

fn tnm_values(axis: &str) -> Vec<SiteValues> {
    let mut out = Vec::new();
    for row in TNM_CATEGORIES.rows().filter(|r| r[2] == axis) {
        for edition in row[1].split(' ').filter_map(|e| e.parse::<u16>().ok()) {
            out.push(SiteValues {
                scheme: row[0],
                edition,
                tnm_basis: match row[3] {
                    "c" => Some("clinical"),
                    "p" => Some("pathological"),
                    _ => None,
                },
                values: row[4].split(' ').collect(),
            });
        }
    }
    sort_small(&mut out, |a, b| {
        (a.scheme, a.edition) > (b.scheme, b.edition)
    });
    out
}

fn figo_values() -> Vec<SiteValues> {
    FIGO_LABELS
        .rows()
        .filter_map(|r| {
            Some(SiteValues {
                scheme: r[0],
                edition: r[1].parse().ok()?,
                tnm_basis: None,
                values: r[2].split(' ').collect(),
            })
        })
        .collect()
}

fn schemes() -> Vec<SchemeSites> {
    let mut out: Vec<SchemeSites> = Vec::new();
    for row in TNM_SCHEMES.rows().filter(|r| r[2] != "none") {
        match out.iter_mut().find(|s| s.scheme == row[2]) {
            Some(s) => s.icd10_ranges.push((row[0], row[1])),
            None => out.push(SchemeSites {
                scheme: row[2],
                icd10_ranges: vec![(row[0], row[1])],
                editions: Vec::new(),
            }),
        }
    }
    for s in &mut out {
        let own: Vec<_> = STAGING_EDITIONS.all(s.scheme).collect();
        let rows = if own.is_empty() {
            STAGING_EDITIONS.all("*").collect()
        } else {
            own
        };
        s.editions = rows
            .into_iter()
            .map(|r| EditionFrom {
                from: r[1],
                tnm_edition: r[2].parse().unwrap_or(TNM_EDITIONS[0]),
                figo_edition: r[3].parse().ok(),
            })
            .collect();
    }
    sort_small(&mut out, |a, b| a.scheme > b.scheme);
    out
}

/// Sorts a short list in place, stably: insertion sort, whose code is a small part of the
/// standard library's sort (the web form's download counts every kilobyte, and these lists
/// are a few hundred items at most, nearly in order already).
fn sort_small<T>(items: &mut [T], after: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && after(&items[j - 1], &items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The form definition in `lang`.
///
/// ```
/// use canceranmalan::{form_definition, Field, Lang};
///
/// let form = form_definition(Lang::En);
/// assert_eq!(form.fields[0].field, Field::Partial);
/// let side = form.fields.iter().find(|f| f.field == Field::Side).unwrap();
/// assert_eq!((side.options[0].value, side.options[0].label), ("right", "Right"));
/// let json: serde_json::Value = serde_json::from_str(&form.to_json()).unwrap();
/// assert_eq!(json["fields"][0]["key"], "partial");
/// ```
pub fn form_definition(lang: Lang) -> FormDefinition {
    let fields = FORM_FIELDS
        .iter()
        .map(|&field| {
            let spec = field.spec();
            FormField {
                field,
                label: spec.label.get(lang),
                help: spec.help.get(lang),
                kind: spec.kind,
                required: spec.required,
                max_length: spec.max_length,
                options: options(spec, lang),
                suggestions: if field == Field::PathologyLab {
                    PATHOLOGY_LABS
                        .rows()
                        .map(|r| FormOption {
                            value: r[0],
                            label: r[1],
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                values_by_site: match field {
                    Field::T => tnm_values("T"),
                    Field::N => tnm_values("N"),
                    Field::M => tnm_values("M"),
                    Field::Figo => figo_values(),
                    _ => Vec::new(),
                },
                visible: spec.visible,
            }
        })
        .collect();
    FormDefinition {
        lang,
        fields,
        schemes: schemes(),
    }
}

/// Writes a wire value of `field`: a number for integer-coded fields.
fn write_wire_value(j: &mut JsonWriter, field: Field, key: &str) {
    match (field.spec().json, key.parse::<i64>()) {
        (JsonShape::Integer, Ok(n)) => j.int(n),
        _ => j.str(key),
    };
}

/// Writes a condition: `{"field", "one_of"}`, `{"field", "starts_with"}`, `{"field",
/// "given"}`.
fn write_condition(j: &mut JsonWriter, c: &Condition) {
    let (Condition::OneOf { field, .. }
    | Condition::StartsWith { field, .. }
    | Condition::Given { field, .. }) = *c;
    j.raw("{").key("field").str(field.key());
    match *c {
        Condition::OneOf { one_of, .. } => {
            j.key("one_of")
                .list(one_of, |j, k| write_wire_value(j, field, k));
        }
        Condition::StartsWith { prefixes, .. } => {
            j.key("starts_with").strs(prefixes.iter().copied());
        }
        Condition::Given { given, .. } => {
            j.key("given").bool(given);
        }
    }
    j.raw("}");
}

/// Writes a visibility: `null` (always shown), a condition, or `{"any_of": [conditions]}`.
pub fn write_visibility(j: &mut JsonWriter, v: &Visibility) {
    match *v {
        Visibility::Always => {
            j.raw("null");
        }
        Visibility::When { field, one_of } => {
            write_condition(j, &Condition::OneOf { field, one_of });
        }
        Visibility::AnyOf(conditions) => {
            j.raw("{").key("any_of").list(conditions, write_condition);
            j.raw("}");
        }
    }
}

/// A visibility as JSON text; see [`write_visibility`].
pub fn visibility_json(v: &Visibility) -> String {
    let mut j = JsonWriter::default();
    write_visibility(&mut j, v);
    j.into_string()
}

fn write_options(j: &mut JsonWriter, field: Field, options: &[FormOption]) {
    j.list(options, |j, o| {
        j.raw("{").key("value");
        write_wire_value(j, field, o.value);
        j.key("label").str(o.label).raw("}");
    });
}

fn write_field(j: &mut JsonWriter, f: &FormField) {
    j.raw("{")
        .key("key")
        .str(f.key())
        .key("label")
        .str(f.label)
        .key("help")
        .str(f.help);
    j.key("type")
        .str(f.kind.key())
        .key("required")
        .bool(f.required)
        .key("max_length")
        .opt_int(f.max_length.map(i64::from));
    j.key("options");
    write_options(j, f.field, &f.options);
    j.key("suggestions");
    write_options(j, f.field, &f.suggestions);
    j.key("values_by_site").list(&f.values_by_site, |j, s| {
        j.raw("{")
            .key("scheme")
            .str(s.scheme)
            .key("edition")
            .int(s.edition.into())
            .key("tnm_basis")
            .opt_str(s.tnm_basis)
            .key("values")
            .strs(s.values.iter().copied())
            .raw("}");
    });
    j.key("visible_when");
    write_visibility(j, &f.visible);
    j.raw("}");
}

fn write_scheme(j: &mut JsonWriter, s: &SchemeSites) {
    j.raw("{").key("scheme").str(s.scheme).key("icd10_ranges");
    j.list(&s.icd10_ranges, |j, (a, b)| {
        j.strs([*a, *b]);
    });
    j.key("editions").list(&s.editions, |j, e| {
        j.raw("{")
            .key("from")
            .str(e.from)
            .key("tnm_edition")
            .int(e.tnm_edition.into())
            .key("figo_edition")
            .opt_int(e.figo_edition.map(i64::from))
            .raw("}");
    });
    j.key("figo")
        .bool(FIGO_SCHEMES.contains(&s.scheme))
        .raw("}");
}

impl FormDefinition {
    /// The definition as a JSON value (parsed from [`FormDefinition::to_json`]).
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::from_str(&self.to_json()).unwrap_or(serde_json::Value::Null)
    }

    /// The definition as JSON text, version 1:
    ///
    /// - `version`, `lang`;
    /// - `fields`, in form order, each with `key` (the wire key), `label`, `help`, `type`
    ///   (`text`, `date`, `code`, `integer`, `boolean`), `required` (in a complete report),
    ///   `max_length` (or null), `options` (the code list: `{value, label}` with the wire
    ///   value, a number for diagnosgrund), `suggestions` (known values of a free-text field:
    ///   the pathology laboratories), `values_by_site` (for `t`, `n`, `m` and `figo`:
    ///   `{scheme, edition, tnm_basis, values}`, where `tnm_basis` is null or the `tnm_basis`
    ///   value the list is for) and `visible_when`;
    /// - `visible_when` is null (always shown), a condition, or `{"any_of": [conditions]}`;
    ///   a condition is `{"field", "one_of": [wire values]}` (the field holds one of them),
    ///   `{"field", "starts_with": [prefixes]}` (its text without white space, in upper case,
    ///   starts with one of them) or `{"field", "given": true|false}` (text that is only
    ///   white space is not given);
    /// - `schemes`: `{scheme, icd10_ranges: [[from, to]], editions: [{from, tnm_edition,
    ///   figo_edition}], figo}`; an ICD-10 code, without white space, in upper case and
    ///   without a final dot, belongs to the scheme whose range holds it by text comparison.
    pub fn to_json(&self) -> String {
        let mut j = JsonWriter::default();
        j.raw("{")
            .key("version")
            .int(FORM_DEFINITION_VERSION.into())
            .key("lang")
            .str(self.lang.code());
        j.key("fields").list(&self.fields, write_field);
        j.key("schemes").list(&self.schemes, write_scheme);
        j.raw("}");
        j.into_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    proptest! {
        /// The small sort orders as the standard library's stable sort does, equal keys
        /// kept in the order given.
        #[test]
        fn small_sort_is_the_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            sort_small(&mut ours, |a, b| a.0 > b.0);
            let mut std_sorted = items;
            std_sorted.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn every_form_field_is_defined_in_form_order_with_its_lists() {
        let form = form_definition(Lang::Sv);
        let keys: Vec<_> = form.fields.iter().map(FormField::key).collect();
        assert_eq!(keys.len(), FORM_FIELDS.len());
        assert_eq!(keys[..3], ["partial", "comment", "diagnosis_date"]);
        let by = |k: &str| form.fields.iter().find(|f| f.key() == k).unwrap();
        assert_eq!(by("basis_of_diagnosis").options.len(), 8);
        assert!(by("pathology_lab").suggestions.len() > 50);
        assert!(by("t")
            .values_by_site
            .iter()
            .any(|s| s.scheme == "breast" && s.values.contains(&"T1mi")));
        assert!(by("n")
            .values_by_site
            .iter()
            .any(|s| s.tnm_basis == Some("pathological") && s.values.contains(&"N1mi")));
        assert!(by("figo")
            .values_by_site
            .iter()
            .any(|s| s.scheme == "cervix" && s.edition == 2018));
        // Every scheme a value list names is in the scheme table.
        for f in &form.fields {
            for s in &f.values_by_site {
                assert!(
                    form.schemes.iter().any(|x| x.scheme == s.scheme),
                    "{}",
                    s.scheme
                );
            }
        }
        let json: Value = serde_json::from_str(&form.to_json()).unwrap();
        let autopsy = &json["fields"][13];
        assert_eq!(autopsy["key"], "autopsy_finding");
        assert_eq!(
            autopsy["visible_when"],
            json!({"field": "basis_of_diagnosis", "one_of": [4, 7]})
        );
        assert_eq!(
            json["fields"][7]["visible_when"]["any_of"][0]["starts_with"][0],
            "C51"
        );
    }
}
