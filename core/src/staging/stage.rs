//! Stage grouping: the UICC stage (or, for gynaecological sites, the FIGO stage that the TNM
//! categories correspond to) from the decision tables in `data/stage_groups.tsv`, with the
//! table and row that gave it, and, where it cannot be derived, the inputs that would make
//! it derivable. Never a guess.
//!
//! How a table is read: a cell lists categories without prefix, each standing for itself and
//! its subcategories (`T1` holds `T1a` and `T1mi`), `*` for any and `-` for "not given". An
//! input matches a row *surely* when every cell holds it, and *possibly* when a more
//! detailed input or a missing one could make it match (`N2` against `N2a`; `TX` or no M
//! against anything). The first sure row gives the group, provided that every possible row
//! before it gives the same group or a subdivision of it (`IA1` before `IA`); otherwise the
//! group is not derivable and the inputs that kept rows possible are "missing".

use super::sites::{self, Classification};
use super::tnm::{read_field, Axis, Basis, Category};
use crate::vocab::lang::{Lang, Text};
use crate::vocab::tables::{STAGE_GROUPS, THYROID_HISTOLOGY};

/// Stage grouping's inputs besides T, N and M.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extras {
    /// ICD-O-3 morphology code (`8260/3` or `8260`), for thyroid.
    pub morphology: Option<String>,
    /// Age at diagnosis in years, for thyroid.
    pub age: Option<u32>,
    /// PSA in ng/mL, for the prostate's prognostic groups.
    pub psa: Option<f64>,
    /// ISUP grade group 1–5, for the prostate's prognostic groups.
    pub grade_group: Option<u8>,
    /// Serum tumour markers `S0`–`S3` (or `SX`), for testis.
    pub s: Option<String>,
}

/// A stage, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// The group (`"IIIA"`, `"0is"`, `"IS"`, a FIGO stage such as `"IB3"`); `None` when not
    /// derivable.
    pub group: Option<String>,
    /// The inputs that would make it derivable (`"t"`, `"n"`, `"m"`, `"s"`, `"age"`,
    /// `"morphology"`, `"psa"`, `"grade_group"`), in that order.
    pub missing: Vec<&'static str>,
    /// The table and row that gave the group, with the source; or why there is none.
    pub explanation: String,
    /// The table: scheme, UICC edition and kind (`"lung, UICC 8, any"`), where one was used.
    pub table: Option<String>,
    /// The row of that table that gave the group (1-based).
    pub row: Option<usize>,
    /// The source of that row.
    pub source: Option<&'static str>,
}

/// A stage request that cannot be answered at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageError {
    /// The input at fault: `"edition"`, `"psa"` or `"grade_group"`.
    pub field: &'static str,
    /// What was expected.
    pub expected: &'static str,
}

impl std::fmt::Display for StageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: expected {}", self.field, self.expected)
    }
}

impl std::error::Error for StageError {}

const INPUT_ORDER: [&str; 8] = [
    "t",
    "n",
    "m",
    "s",
    "age",
    "morphology",
    "psa",
    "grade_group",
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fit {
    Sure,
    Possible,
    No,
}

/// True when `v` is `r` or one of its subcategories (`T1c` in `T1`, `N1mi` in `N1`).
fn within(v: &str, r: &str) -> bool {
    v == r
        || (v.len() > r.len()
            && v.starts_with(r)
            && v.as_bytes()
                .get(r.len())
                .is_some_and(|b| b.is_ascii_digit() || (b'a'..=b'd').contains(b) || *b == b'm'))
}

fn is_unknown(v: &str) -> bool {
    v.ends_with('X')
}

fn cell_fit(cell: &str, input: Option<&str>) -> Fit {
    if cell == "*" {
        return Fit::Sure;
    }
    let Some(v) = input else {
        return if cell.split(' ').any(|r| r == "-") {
            Fit::Sure
        } else {
            Fit::Possible
        };
    };
    let mut best = Fit::No;
    for r in cell.split(' ').filter(|r| *r != "-") {
        if v == r || (!is_unknown(v) && within(v, r)) {
            return Fit::Sure;
        }
        // A less detailed input, or an unknown one, might be this one; a micro category
        // (`N1mi`) is never implied by its parent.
        if is_unknown(v) || (within(r, v) && !r[v.len()..].starts_with("mi")) {
            best = Fit::Possible;
        }
    }
    best
}

/// Inputs for the conditions of a row.
struct Given<'a> {
    basis: Option<Basis>,
    extras: &'a Extras,
    histology: Option<Option<&'static str>>,
}

fn condition_fit(cond: &str, g: &Given<'_>) -> (Fit, Option<&'static str>) {
    let (name, op, value) = ["<=", ">=", "=", "<"]
        .iter()
        .find_map(|op| cond.split_once(op).map(|(n, v)| (n.trim(), *op, v.trim())))
        .unwrap_or((cond, "=", ""));
    let number = |x: f64| -> Fit {
        let Ok(limit) = value.parse::<u32>().map(f64::from) else {
            return Fit::No;
        };
        let ok = match op {
            "<" => x < limit,
            "<=" => x <= limit,
            ">=" => x >= limit,
            _ => (x - limit).abs() < f64::EPSILON,
        };
        if ok {
            Fit::Sure
        } else {
            Fit::No
        }
    };
    let one_of = |x: &str| -> Fit {
        if value.split(' ').any(|v| v == x) {
            Fit::Sure
        } else {
            Fit::No
        }
    };
    match name {
        "basis" => match g.basis {
            Some(b) => (one_of(b.key()), None),
            None => (Fit::Possible, Some("t")),
        },
        "age" => match g.extras.age {
            Some(a) => (number(f64::from(a)), None),
            None => (Fit::Possible, Some("age")),
        },
        "psa" => match g.extras.psa {
            Some(p) => (number(p), None),
            None => (Fit::Possible, Some("psa")),
        },
        "grade_group" => match g.extras.grade_group {
            Some(gg) => (one_of(&gg.to_string()), None),
            None => (Fit::Possible, Some("grade_group")),
        },
        "s" => match g.extras.s.as_deref() {
            Some(s) if !is_unknown(s) => (one_of(s), None),
            _ => (Fit::Possible, Some("s")),
        },
        "histology" => match g.histology {
            Some(Some(h)) => (one_of(h), None),
            Some(None) => (Fit::No, None),
            None => (Fit::Possible, Some("morphology")),
        },
        _ => (Fit::No, None),
    }
}

/// True when stage `g` is `parent` or a subdivision of it (`IIIC1r` of `IIIC1`, `IA1` of
/// `I`, but not `II` of `I`).
fn refines(g: &str, parent: &str) -> bool {
    g == parent
        || (g.starts_with(parent)
            && g.as_bytes()
                .get(parent.len())
                .is_some_and(|b| !matches!(b, b'I' | b'V')))
}

/// The thyroid histology of an ICD-O-3 morphology code: `Some(None)` for a code the table
/// does not name, `None` when no code is given.
fn histology(morphology: Option<&str>) -> Option<Option<&'static str>> {
    let code = morphology?.trim();
    let digits = code.split('/').next().unwrap_or("");
    Some(THYROID_HISTOLOGY.get(digits).map(|r| r[1]))
}

fn table_name(scheme: &str, edition: Option<u8>, kind: &str) -> String {
    match edition {
        Some(e) => format!("{scheme}, UICC {e}, {kind}"),
        None => format!("{scheme}, {kind}"),
    }
}

fn shown(cats: &[Option<&Category>; 3]) -> String {
    cats.iter()
        .zip(["T?", "N?", "M?"])
        .map(|(c, none)| c.map_or(none.to_string(), |c| c.value.clone()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The group of `scheme` by the table of `kind` (and, where given, UICC `edition`).
pub(crate) fn group(
    scheme: &str,
    edition: Option<u8>,
    kind: &str,
    cats: [Option<&Category>; 3],
    basis: Option<Basis>,
    extras: &Extras,
    lang: Lang,
) -> Stage {
    let rows: Vec<[&str; 9]> = STAGE_GROUPS
        .all(scheme)
        .filter(|r| {
            r[2] == kind && edition.map_or(true, |e| r[1].split(' ').any(|x| x == e.to_string()))
        })
        .collect();
    let name = table_name(scheme, edition, kind);
    let given = Given {
        basis,
        extras,
        histology: histology(extras.morphology.as_deref()),
    };
    // An empty source cell repeats the one above it.
    let source_of = |i: usize| {
        rows[..=i]
            .iter()
            .rev()
            .map(|r| r[8])
            .find(|s| !s.is_empty())
            .unwrap_or("")
    };
    let mut possible: Vec<(&str, Vec<&'static str>)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut fit = Fit::Sure;
        let mut unsure: Vec<&'static str> = Vec::new();
        for (axis, (cell, cat)) in [row[4], row[5], row[6]].iter().zip(cats).enumerate() {
            match cell_fit(cell, cat.map(|c| c.value.as_str())) {
                Fit::No => fit = Fit::No,
                Fit::Possible => {
                    unsure.push(INPUT_ORDER[axis]);
                    if fit == Fit::Sure {
                        fit = Fit::Possible;
                    }
                }
                Fit::Sure => {}
            }
        }
        for cond in row[7].split(';').filter(|c| !c.trim().is_empty()) {
            match condition_fit(cond, &given) {
                (Fit::No, _) => fit = Fit::No,
                (Fit::Possible, input) => {
                    unsure.extend(input);
                    if fit == Fit::Sure {
                        fit = Fit::Possible;
                    }
                }
                (Fit::Sure, _) => {}
            }
        }
        match fit {
            Fit::No => {}
            Fit::Possible => possible.push((row[3], unsure)),
            Fit::Sure => {
                let g = row[3];
                let others: Vec<&(&str, Vec<&str>)> =
                    possible.iter().filter(|(p, _)| !refines(p, g)).collect();
                if others.is_empty() {
                    let when = if row[7].is_empty() {
                        String::new()
                    } else {
                        format!(" · {}", row[7])
                    };
                    let explanation = Text::new(
                        "Stadium {g} enligt tabellen {table}, rad {row} ({t} · {n} · {m}{when}), läst som {read}. Källa: {source}.",
                        "Stage {g} by the table {table}, row {row} ({t} · {n} · {m}{when}), read as {read}. Source: {source}.",
                    )
                    .get(lang)
                    .replace("{g}", g)
                    .replace("{table}", &name)
                    .replace("{row}", &(i + 1).to_string())
                    .replace("{t}", row[4])
                    .replace("{n}", row[5])
                    .replace("{m}", row[6])
                    .replace("{when}", &when)
                    .replace("{read}", &shown(&cats))
                    .replace("{source}", source_of(i));
                    return Stage {
                        group: Some(g.to_string()),
                        missing: Vec::new(),
                        explanation,
                        table: Some(name),
                        row: Some(i + 1),
                        source: Some(source_of(i)),
                    };
                }
                let mut candidates: Vec<&str> = others.iter().map(|(p, _)| *p).collect();
                candidates.push(g);
                let missing = ordered(others.iter().flat_map(|(_, u)| u.iter().copied()));
                return undecided(&name, &cats, candidates, missing, lang);
            }
        }
    }
    if possible.is_empty() {
        let explanation = Text::new(
            "Inget stadium: ingen rad i tabellen {table} gäller {read}.",
            "No stage: no row of the table {table} holds {read}.",
        )
        .get(lang)
        .replace("{table}", &name)
        .replace("{read}", &shown(&cats));
        return Stage {
            group: None,
            missing: Vec::new(),
            explanation,
            table: Some(name),
            row: None,
            source: None,
        };
    }
    let candidates = possible.iter().map(|(p, _)| *p).collect();
    let missing = ordered(possible.iter().flat_map(|(_, u)| u.iter().copied()));
    undecided(&name, &cats, candidates, missing, lang)
}

fn ordered<'a>(inputs: impl Iterator<Item = &'a str>) -> Vec<&'static str> {
    let inputs: Vec<&str> = inputs.collect();
    INPUT_ORDER
        .iter()
        .copied()
        .filter(|i| inputs.contains(i))
        .collect()
}

fn undecided(
    name: &str,
    cats: &[Option<&Category>; 3],
    mut candidates: Vec<&str>,
    missing: Vec<&'static str>,
    lang: Lang,
) -> Stage {
    candidates.dedup();
    let mut seen = Vec::new();
    candidates.retain(|c| {
        let new = !seen.contains(c);
        seen.push(*c);
        new
    });
    let explanation = Text::new(
        "Inget stadium: med {read} ger tabellen {table} {groups} beroende på {missing}.",
        "No stage: with {read} the table {table} gives {groups} depending on {missing}.",
    )
    .get(lang)
    .replace("{read}", &shown(cats))
    .replace("{table}", name)
    .replace("{groups}", &candidates.join(" / "))
    .replace("{missing}", &missing.join(", "));
    Stage {
        group: None,
        missing,
        explanation,
        table: Some(name.to_string()),
        row: None,
        source: None,
    }
}

/// The kind of table a scheme uses for this input: FIGO correspondence for gynaecological
/// sites, prognostic groups when their inputs are given, clinical or pathological where
/// the scheme has both, else "any".
fn kind_for(
    scheme: &str,
    edition: u8,
    basis: Option<Basis>,
    extras: &Extras,
) -> Option<&'static str> {
    let kinds: Vec<&'static str> = STAGE_GROUPS
        .all(scheme)
        .filter(|r| r[1].split(' ').any(|x| x == edition.to_string()))
        .map(|r| r[2])
        .collect();
    if let Some(figo) = kinds.iter().find(|k| k.starts_with("figo")) {
        return Some(figo);
    }
    if kinds.contains(&"prognostic") && extras.psa.is_some() && extras.grade_group.is_some() {
        return Some("prognostic");
    }
    let wanted = match basis {
        Some(Basis::Pathological) => "pathological",
        _ => "clinical",
    };
    if kinds.contains(&wanted) {
        return Some(wanted);
    }
    kinds.iter().find(|k| **k == "any").copied()
}

/// Stage grouping from texts, as the bindings offer it: `stage(icd10, t, n, m, edition, …)`.
///
/// `t`, `n` and `m` may carry prefixes (`pT2`) or not (`T2`, `2`); the basis for choosing a
/// clinical or pathological table is T's and N's (spec §4.7).
///
/// ```
/// use canceranmalan::staging::stage::{stage, Extras};
/// use canceranmalan::Lang;
///
/// let s = stage("C18.7", Some("pT2"), Some("pN1b"), Some("cM0"), 8, &Extras::default(), Lang::En).unwrap();
/// assert_eq!(s.group.as_deref(), Some("IIIA"));
/// let s = stage("C34.1", Some("cT1b"), Some("cN2"), Some("cM0"), 9, &Extras::default(), Lang::En).unwrap();
/// assert_eq!((s.group, s.missing), (None, vec!["n"]));
/// ```
pub fn stage(
    icd10: &str,
    t: Option<&str>,
    n: Option<&str>,
    m: Option<&str>,
    edition: u8,
    extras: &Extras,
    lang: Lang,
) -> Result<Stage, StageError> {
    if !sites::TNM_EDITIONS.contains(&edition) {
        return Err(StageError {
            field: "edition",
            expected: "8 or 9 (the UICC TNM edition)",
        });
    }
    if extras.psa.is_some_and(|p| !p.is_finite() || p < 0.0) {
        return Err(StageError {
            field: "psa",
            expected: "a PSA value in ng/mL, 0 or more",
        });
    }
    if extras.grade_group.is_some_and(|g| !(1..=5).contains(&g)) {
        return Err(StageError {
            field: "grade_group",
            expected: "an ISUP grade group from 1 to 5",
        });
    }
    let none = |text: String, missing: Vec<&'static str>| Stage {
        group: None,
        missing,
        explanation: text,
        table: None,
        row: None,
        source: None,
    };
    let scheme = match sites::classification(icd10) {
        Classification::Scheme(s) => s,
        Classification::NoTnm => {
            return Ok(none(
                Text::new(
                    "Inget stadium: UICC stadieindelar inte {icd10} med TNM.",
                    "No stage: UICC does not stage {icd10} by TNM.",
                )
                .get(lang)
                .replace("{icd10}", &sites::normalise_icd10(icd10)),
                Vec::new(),
            ))
        }
        Classification::NotCovered => {
            return Ok(none(
                Text::new(
                    "Inget stadium: biblioteket har ingen stadietabell för {icd10}.",
                    "No stage: the library has no stage table for {icd10}.",
                )
                .get(lang)
                .replace("{icd10}", &sites::normalise_icd10(icd10)),
                Vec::new(),
            ))
        }
    };
    let mut cats: [Option<Category>; 3] = [None, None, None];
    let mut unreadable = Vec::new();
    for (i, (axis, text)) in [(Axis::T, t), (Axis::N, n), (Axis::M, m)]
        .into_iter()
        .enumerate()
    {
        let Some(text) = text.filter(|s| !s.trim().is_empty()) else {
            continue;
        };
        match read_field(text, axis) {
            Ok((Some(mut c), _)) => {
                sites::normalise_for_scheme(&mut c, scheme);
                let basis = if c.prefixes.is_empty() {
                    None
                } else if c.is_pathological() {
                    Basis::Pathological.into()
                } else {
                    Basis::Clinical.into()
                };
                // TX, NX and MX are "not assessed": no category of the table, but staged as
                // an unknown input.
                let ok = is_unknown(&c.value)
                    || sites::is_allowed(scheme, edition, axis, basis, &c.value).unwrap_or(true);
                if ok && sites::within_general_limits(&c) {
                    cats[i] = Some(c);
                } else {
                    unreadable.push((axis.key(), c.canonical()));
                }
            }
            _ => unreadable.push((axis.key(), text.trim().to_string())),
        }
    }
    if !unreadable.is_empty() {
        let list = unreadable
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        return Ok(none(
            Text::new(
                "Inget stadium: {list} är inte en kategori för {scheme} i UICC {edition}.",
                "No stage: {list} is not a category of {scheme} in UICC {edition}.",
            )
            .get(lang)
            .replace("{list}", &list)
            .replace("{scheme}", scheme)
            .replace("{edition}", &edition.to_string()),
            unreadable.iter().map(|(k, _)| *k).collect(),
        ));
    }
    let given: Vec<&Category> = cats[..2].iter().flatten().collect();
    let basis = (!given.is_empty()).then(|| {
        if given.iter().all(|c| c.is_pathological()) {
            Basis::Pathological
        } else {
            Basis::Clinical
        }
    });
    let Some(kind) = kind_for(scheme, edition, basis, extras) else {
        return Ok(none(
            Text::new(
                "Inget stadium: biblioteket har ingen stadietabell för {scheme} i UICC {edition}.",
                "No stage: the library has no stage table for {scheme} in UICC {edition}.",
            )
            .get(lang)
            .replace("{scheme}", scheme)
            .replace("{edition}", &edition.to_string()),
            Vec::new(),
        ));
    };
    let extras = Extras {
        s: extras.s.as_deref().map(|s| {
            let s = s.trim().to_ascii_uppercase();
            if s.starts_with('S') {
                s
            } else {
                format!("S{s}")
            }
        }),
        ..extras.clone()
    };
    let refs = [cats[0].as_ref(), cats[1].as_ref(), cats[2].as_ref()];
    Ok(group(
        scheme,
        Some(edition),
        kind,
        refs,
        basis,
        &extras,
        lang,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(icd10: &str, t: &str, n: &str, m: &str, ed: u8) -> Stage {
        fn opt(s: &str) -> Option<&str> {
            (!s.is_empty()).then_some(s)
        }
        stage(
            icd10,
            opt(t),
            opt(n),
            opt(m),
            ed,
            &Extras::default(),
            Lang::En,
        )
        .unwrap()
    }

    #[test]
    fn spec_stage_vectors() {
        assert_eq!(
            st("C18.7", "cT3", "cN1", "cM0", 8).group.as_deref(),
            Some("IIIB")
        );
        assert_eq!(
            st("C34.1", "T1b", "N0", "M0", 8).group.as_deref(),
            Some("IA2")
        );
        assert_eq!(
            st("C50.9", "pT1c", "pN1a", "cM0", 8).group.as_deref(),
            Some("IIA")
        );
        assert_eq!(st("C50.9", "pT1mi", "pN0", "", 8).missing, ["m"]);
        assert_eq!(
            st("C50.9", "pT1mi", "pN0", "cM0", 8).group.as_deref(),
            Some("IA")
        );
        assert_eq!(
            st("C50.9", "pT1c", "pN1mi", "cM0", 8).group.as_deref(),
            Some("IB")
        );
        assert_eq!(
            st("C50.9", "pTis", "pN0", "", 8).group.as_deref(),
            Some("0")
        );
        assert_eq!(
            st("C34.1", "cT1", "cN1", "cM0", 8).group.as_deref(),
            Some("IIB")
        );
        assert_eq!(
            st("C34.1", "cT1", "cN1", "cM0", 9).group.as_deref(),
            Some("IIA")
        );
        assert_eq!(
            st("C34.1", "cT2", "cN2a", "cM1c1", 9).group.as_deref(),
            Some("IVB")
        );
        assert_eq!(
            st("C16.2", "pT2", "cN1", "cM0", 8).group.as_deref(),
            Some("IIA")
        );
        assert_eq!(
            st("C67.9", "pTa", "N0", "M0", 8).group.as_deref(),
            Some("0a")
        );
        assert_eq!(
            st("C67.9", "pTis", "N0", "M0", 8).group.as_deref(),
            Some("0is")
        );
        assert_eq!(
            st("C67.9", "pT3a", "pN2", "cM0", 8).group.as_deref(),
            Some("IIIB")
        );
        assert_eq!(
            st("C43.5", "pT3b", "pN2a", "cM0", 8).group.as_deref(),
            Some("IIIC")
        );
        assert_eq!(
            st("C43.5", "pT2a", "pN0", "cM0", 8).group.as_deref(),
            Some("IB")
        );
        assert_eq!(
            st("C53.9", "T1b3", "N0", "M0", 9).group.as_deref(),
            Some("IB3")
        );
        assert_eq!(
            st("C53.9", "T2b", "N1", "M0", 9).group.as_deref(),
            Some("IIIC1")
        );
        assert_eq!(
            st("C53.9", "T4", "N1", "M0", 9).group.as_deref(),
            Some("IVA")
        );
        assert_eq!(
            st("C54.1", "pT1a", "pN2", "cM0", 8).group.as_deref(),
            Some("IIIC2")
        );
        assert_eq!(
            st("C54.1", "pT3b", "pN0", "cM0", 8).group.as_deref(),
            Some("IIIB")
        );
        assert_eq!(st("C53.9", "T1", "N0", "M0", 8).group.as_deref(), Some("I"));
        let s = st("C18.7", "pT3", "pN2", "pMX", 8);
        assert_eq!((s.group, s.missing), (None, vec!["n", "m"]));
    }

    #[test]
    fn prostate_testis_thyroid() {
        let ex = Extras {
            psa: Some(8.0),
            grade_group: Some(1),
            ..Extras::default()
        };
        let anatomic = st("C61.9", "cT2b", "cN0", "cM0", 8);
        assert_eq!(anatomic.group.as_deref(), Some("II"));
        let prog = stage(
            "C61.9",
            Some("cT2b"),
            Some("cN0"),
            Some("cM0"),
            8,
            &ex,
            Lang::En,
        )
        .unwrap();
        assert_eq!(prog.group.as_deref(), Some("IIA"));
        let s1 = Extras {
            s: Some("S1".into()),
            ..Extras::default()
        };
        let t = stage(
            "C62.9",
            Some("pT1"),
            Some("N0"),
            Some("M0"),
            8,
            &s1,
            Lang::En,
        )
        .unwrap();
        assert_eq!(t.group.as_deref(), Some("IS"));
        let thy = Extras {
            age: Some(60),
            morphology: Some("8260/3".into()),
            ..Extras::default()
        };
        let t = stage(
            "C73.9",
            Some("pT1b"),
            Some("pN1a"),
            Some("cM0"),
            8,
            &thy,
            Lang::En,
        )
        .unwrap();
        assert_eq!(t.group.as_deref(), Some("II"), "{}", t.explanation);
        let t = stage(
            "C73.9",
            Some("pT1b"),
            Some("pN1a"),
            Some("cM0"),
            8,
            &Extras::default(),
            Lang::En,
        )
        .unwrap();
        assert_eq!(t.missing, ["age", "morphology"]);
        assert!(stage("C61.9", None, None, None, 7, &Extras::default(), Lang::En).is_err());
    }

    #[test]
    fn every_table_row_names_categories_of_its_scheme() {
        for r in STAGE_GROUPS.rows() {
            for ed in r[1].split(' ') {
                let ed: u8 = ed.parse().unwrap();
                for (axis, cell) in [(Axis::T, r[4]), (Axis::N, r[5]), (Axis::M, r[6])] {
                    let allowed = sites::allowed(r[0], ed, axis, None)
                        .unwrap_or_else(|| panic!("{r:?}: no categories for edition {ed}"));
                    for v in cell.split(' ').filter(|v| *v != "*" && *v != "-") {
                        assert!(allowed.contains(&v), "{r:?}: {v} not a category");
                    }
                }
            }
        }
    }

    #[test]
    fn every_combination_of_categories_stages_without_panic() {
        let mut kinds: Vec<(&str, &str, &str)> =
            STAGE_GROUPS.rows().map(|r| (r[0], r[1], r[2])).collect();
        kinds.dedup();
        for (scheme, eds, kind) in kinds {
            for ed in eds.split(' ') {
                let ed: u8 = ed.parse().unwrap();
                let list = |a| sites::allowed(scheme, ed, a, None).unwrap();
                for t in list(Axis::T) {
                    for n in list(Axis::N) {
                        for m in list(Axis::M) {
                            let cats: Vec<Category> = [t, n, m]
                                .iter()
                                .map(|v| super::super::tnm::read(v).unwrap().tnm)
                                .map(|x| x.t.or(x.n).or(x.m).unwrap())
                                .collect();
                            let s = group(
                                scheme,
                                Some(ed),
                                kind,
                                [Some(&cats[0]), Some(&cats[1]), Some(&cats[2])],
                                Some(Basis::Clinical),
                                &Extras::default(),
                                Lang::En,
                            );
                            assert!(s.group.is_some() || !s.explanation.is_empty());
                        }
                    }
                }
            }
        }
    }
}
