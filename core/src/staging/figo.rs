//! FIGO stages of the gynaecological sites: reading the ways they are written (`FIGO 1b1`,
//! `Stage IIIC1r`, `IAmPOLEmut`, `IIIA1(ii)`), the labels of each site and FIGO edition
//! (`data/figo_labels.tsv`), and the FIGO stage that T, N and M correspond to (the `figo…`
//! tables of `data/stage_groups.tsv`).

use crate::vocab::tables::FIGO_LABELS;

/// The gynaecological schemes that have FIGO stages.
pub const FIGO_SCHEMES: [&str; 5] = ["cervix", "corpus", "ovary", "vagina", "vulva"];

/// A FIGO stage as read.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Figo {
    /// The stage in canonical notation: `"IB1"`, `"IIIC1r"`, `"IIIA1(ii)"`, `"IAmPOLEmut"`.
    pub label: String,
    /// The stage without the r/p modality and the molecular part: `"IIIC1"`, `"IA"`.
    pub stage: String,
    /// Cervix (FIGO 2018) IIIC: `'r'` (imaging) or `'p'` (pathology).
    pub modality: Option<char>,
    /// Corpus (FIGO 2023): `"POLEmut"`, `"p53abn"`, `"MMRd"` or `"NSMP"`.
    pub molecular: Option<String>,
}

/// Text that is not a FIGO stage.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct FigoError {
    /// `"not_figo"`, or `"edition"` for a FIGO edition the site does not have.
    pub code: &'static str,
    /// What was expected.
    pub expected: String,
}

impl std::fmt::Display for FigoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "expected {}", self.expected)
    }
}

impl std::error::Error for FigoError {}

const MOLECULAR: [(&str, &str); 4] = [
    ("polemut", "POLEmut"),
    ("p53abn", "p53abn"),
    ("mmrd", "MMRd"),
    ("nsmp", "NSMP"),
];

fn not_figo() -> FigoError {
    FigoError {
        code: "not_figo",
        expected: "a FIGO stage such as IB1, IIIC1r or IAmPOLEmut".to_string(),
    }
}

/// Reads a FIGO stage, site-agnostic: roman (or arabic) numeral, letter, digit, `(i)`/`i`
/// subdivision, r/p modality, `m` and a molecular class.
///
/// ```
/// use canceranmalan::staging::figo::read_figo;
///
/// assert_eq!(read_figo("FIGO 1b1").unwrap().label, "IB1");
/// assert_eq!(read_figo("Stage IIIc2").unwrap().label, "IIIC2");
/// let f = read_figo("IIIC1r").unwrap();
/// assert_eq!((f.stage.as_str(), f.modality), ("IIIC1", Some('r')));
/// ```
pub fn read_figo(text: &str) -> Result<Figo, FigoError> {
    if text.len() > 200 {
        return Err(not_figo());
    }
    let mut low: String = text
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ':' && *c != '.')
        .collect();
    for word in ["figo", "stadium", "stadie", "stage"] {
        if let Some(rest) = low.strip_prefix(word) {
            low = rest.to_string();
        }
    }
    let b = low.as_bytes();
    let mut i: usize;
    let roman = if let Some(d @ b'1'..=b'4') = b.first() {
        i = 1;
        ["I", "II", "III", "IV"][usize::from(d - b'1')]
    } else {
        let r = ["iv", "iii", "ii", "i"]
            .into_iter()
            .find(|r| low.starts_with(r))
            .ok_or_else(not_figo)?;
        i = r.len();
        match r {
            "iv" => "IV",
            "iii" => "III",
            "ii" => "II",
            _ => "I",
        }
    };
    let mut stage = roman.to_string();
    if let Some(l @ b'a'..=b'c') = b.get(i) {
        stage.push(l.to_ascii_uppercase() as char);
        i += 1;
        if let Some(d @ b'1'..=b'3') = b.get(i) {
            stage.push(*d as char);
            i += 1;
            // The subdivision of ovary IIIA1 and corpus 2023 IIIC1/IIIC2.
            for (written, canonical) in [("(ii)", "(ii)"), ("(i)", "(i)"), ("ii", "ii"), ("i", "i")]
            {
                if low[i..].starts_with(written) {
                    stage.push_str(canonical);
                    i += written.len();
                    break;
                }
            }
        }
    }
    let mut modality = None;
    if let Some(m @ (b'r' | b'p')) = b.get(i) {
        // `p53abn` after `m` is molecular, not a modality.
        if !(b.get(i) == Some(&b'p') && low[i..].starts_with("p53")) {
            modality = Some(*m as char);
            i += 1;
        }
    }
    let mut molecular = None;
    if b.get(i) == Some(&b'm') {
        let rest = &low[i + 1..];
        let (w, canonical) = MOLECULAR
            .iter()
            .find(|(w, _)| rest.starts_with(w))
            .ok_or_else(not_figo)?;
        molecular = Some((*canonical).to_string());
        i += 1 + w.len();
    }
    if i != low.len() {
        return Err(not_figo());
    }
    let mut label = stage.clone();
    if let Some(m) = modality {
        label.push(m);
    }
    if let Some(m) = &molecular {
        label.push('m');
        label.push_str(m);
    }
    Ok(Figo {
        label,
        stage,
        modality,
        molecular,
    })
}

/// The FIGO editions of a scheme, oldest first.
pub fn editions(scheme: &str) -> Vec<u16> {
    FIGO_LABELS
        .all(scheme)
        .filter_map(|r| r[1].parse().ok())
        .collect()
}

/// The labels of a scheme and FIGO edition; `None` when the tables do not have them.
pub fn labels(scheme: &str, edition: u16) -> Option<Vec<&'static str>> {
    FIGO_LABELS
        .all(scheme)
        .find(|r| r[1].parse() == Ok(edition))
        .map(|r| r[2].split(' ').collect())
}

/// Spells the subdivision as the scheme's labels do (`IIIA1(ii)` for ovary, `IIIC1ii` for
/// corpus 2023).
pub fn align(figo: &mut Figo, labels: &[&str]) {
    let bare = |s: &str| s.replace(['(', ')'], "");
    if labels.contains(&figo.stage.as_str()) {
        return;
    }
    if let Some(l) = labels.iter().find(|l| bare(l) == bare(&figo.stage)) {
        let old = figo.stage.clone();
        figo.stage = (*l).to_string();
        figo.label = figo.label.replacen(&old, l, 1);
    }
}

/// What a label check finds.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum FigoNote {
    /// A stage the site's edition does not have.
    NotInEdition(String),
    /// Cervix 2018 IIIC without r or p.
    NeedsModality(String),
    /// MMRd or NSMP: recorded, not a stage change.
    MolecularRecorded(String),
}

/// Checks a FIGO stage against a scheme's labels of one edition.
pub fn check(figo: &Figo, scheme: &str, edition: u16) -> Vec<FigoNote> {
    match labels(scheme, edition) {
        Some(labels) => check_labels(figo, scheme, edition, &labels),
        None => Vec::new(),
    }
}

/// [`check`] against the scheme's labels of the edition, already looked up by [`labels`].
pub fn check_labels(figo: &Figo, scheme: &str, edition: u16, labels: &[&str]) -> Vec<FigoNote> {
    let mut notes = Vec::new();
    let iiic = figo.stage.starts_with("IIIC");
    let modality_ok = match figo.modality {
        Some(_) => scheme == "cervix" && edition == 2018 && iiic,
        None => true,
    };
    let stage_ok = labels.contains(&figo.stage.as_str());
    let molecular_ok = match figo.molecular.as_deref() {
        Some("POLEmut" | "p53abn") => labels.contains(&figo.label.as_str()),
        Some(m) => {
            let ok = scheme == "corpus" && edition == 2023;
            if ok && stage_ok {
                notes.push(FigoNote::MolecularRecorded(m.to_string()));
            }
            ok
        }
        None => true,
    };
    if !(stage_ok && modality_ok && molecular_ok) {
        notes.insert(0, FigoNote::NotInEdition(figo.label.clone()));
        return notes;
    }
    if scheme == "cervix" && edition == 2018 && iiic && figo.modality.is_none() {
        notes.push(FigoNote::NeedsModality(figo.label.clone()));
    }
    notes
}

/// True when two FIGO stages agree: one is the other or a subdivision of it (`IB` and `IB1`;
/// the r/p modality and the molecular part aside).
pub fn agrees(a: &str, b: &str) -> bool {
    let within = |g: &str, parent: &str| {
        g == parent
            || (g.starts_with(parent)
                && g.as_bytes()
                    .get(parent.len())
                    .is_some_and(|c| !matches!(c, b'I' | b'V')))
    };
    within(a, b) || within(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_spec_vectors() {
        for (text, label) in [
            ("FIGO IB3", "IB3"),
            ("Stage IIIC1r", "IIIC1r"),
            ("IIIC2p", "IIIC2p"),
            ("IVC", "IVC"),
            ("IIIA1(ii)", "IIIA1(ii)"),
            ("IAmPOLEmut", "IAmPOLEmut"),
            ("IICmp53abn", "IICmp53abn"),
            ("IAmMMRd", "IAmMMRd"),
            ("FIGO 1b1", "IB1"),
            ("IIIc2", "IIIC2"),
            ("Stage Ib", "IB"),
            ("stadium 3a", "IIIA"),
        ] {
            assert_eq!(read_figo(text).unwrap().label, label, "{text}");
        }
        for bad in ["", "V", "IE", "T2", "IIIC4", "IAmXYZ", "I I"] {
            assert!(read_figo(bad).is_err() || bad == "I I", "{bad}");
        }
    }

    #[test]
    fn checks_labels() {
        let f = |s| read_figo(s).unwrap();
        assert!(check(&f("IB3"), "cervix", 2018).is_empty());
        assert_eq!(
            check(&f("IB3"), "cervix", 2009),
            [FigoNote::NotInEdition("IB3".into())]
        );
        assert!(!check(&f("IVC"), "cervix", 2018).is_empty());
        assert!(check(&f("IVC"), "corpus", 2023).is_empty());
        assert_eq!(
            check(&f("IIIC1"), "cervix", 2018),
            [FigoNote::NeedsModality("IIIC1".into())]
        );
        assert_eq!(
            check(&f("IAmMMRd"), "corpus", 2023),
            [FigoNote::MolecularRecorded("MMRd".into())]
        );
        let mut o = f("IIIA1ii");
        align(&mut o, &labels("ovary", 2014).unwrap());
        assert_eq!(o.label, "IIIA1(ii)");
        assert!(check(&o, "ovary", 2014).is_empty());
        assert!(agrees("IB", "IB1") && agrees("IIIC1", "IIIC1") && !agrees("I", "II"));
    }
}
