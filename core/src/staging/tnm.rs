//! Reading TNM as clinicians write it: `pT2N1aM0`, `cT4b cN2a cM0 G2`, `pT2, N1, M0`,
//! `pN1b(2/11)`, `TONOMO`, `Tumorstadium: T 2, pN X, pM X - G-II.`
//!
//! The reader is site-agnostic (spec §3): it finds the T, N and M categories, their prefixes
//! and qualifiers and the descriptors G L V Pn R S, and notes what a reader of the register
//! should know (letter O for zero, obsolete notation, ranges). Whether a category exists for
//! a site and edition is the business of [`super::sites`].
//!
//! It works on a normalised copy of the text (spec §4): full-width forms and dashes become
//! ASCII, case is ignored (except that `Pn`, with a capital P and a small n, is perineural
//! invasion, and letter O reads as zero only after a capital axis letter), and spaces between
//! a prefix, an axis letter and a value are dropped. Nothing here panics and the work is
//! linear in the length of the text.

use std::fmt::Write as _;

/// The three axes of TNM.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum Axis {
    /// Primärtumör.
    T,
    /// Regionala lymfkörtlar.
    N,
    /// Fjärrmetastaser.
    M,
}

impl Axis {
    /// The axis letter, `'T'`, `'N'` or `'M'`.
    pub fn letter(self) -> char {
        match self {
            Axis::T => 'T',
            Axis::N => 'N',
            Axis::M => 'M',
        }
    }

    /// The wire key of the form field, `"t"`, `"n"` or `"m"`.
    pub fn key(self) -> &'static str {
        match self {
            Axis::T => "t",
            Axis::N => "n",
            Axis::M => "m",
        }
    }

    fn from_byte(b: u8) -> Option<Axis> {
        match b {
            b't' => Some(Axis::T),
            b'n' => Some(Axis::N),
            b'm' => Some(Axis::M),
            _ => None,
        }
    }
}

/// One T, N or M category as written: `pN1b(2/11)` is value `N1b`, prefixes `p`, nodes 2 of 11.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Category {
    /// Axis letter and value, no prefix: `"T1c"`, `"Tis"`, `"TX"`, `"N1mi"`, `"M1c1"`.
    pub value: String,
    /// The prefixes, lower case: `""`, `"c"`, `"p"`, `"yp"`, `"rp"`, `"a"`, `"u"`.
    pub prefixes: String,
    /// True when the prefixes were not written on this category but taken from T (spec
    /// §4.6: in `pT2N1M0` the N is pathological too).
    pub inherited: bool,
    /// The qualifiers in parentheses, in canonical spelling and the order written: `"m"` or
    /// a count (multiple tumours), `"is"`, `"s"`, `"DCIS"`, `"sn"`, `"f"`, `"mi"`, `"i+"`,
    /// `"mol-"`, `"cy+"`, and for melanoma M the LDH `"0"` or `"1"`.
    pub qualifiers: Vec<String>,
    /// Involved and examined regional nodes, `(2/11)`.
    pub nodes: Option<(u32, u32)>,
    /// The sites of distant metastasis, `PUL`, `HEP`, …
    pub sites: Vec<String>,
}

impl Category {
    /// The axis.
    pub fn axis(&self) -> Axis {
        match self.value.as_bytes().first() {
            Some(b'N') => Axis::N,
            Some(b'M') => Axis::M,
            _ => Axis::T,
        }
    }

    /// The value after the axis letter: `"1c"`, `"is"`, `"X"`.
    pub fn code(&self) -> &str {
        self.value.get(1..).unwrap_or("")
    }

    /// True when the category is pathological (`p`, `yp`, `rp`, or `a`, found at autopsy).
    pub fn is_pathological(&self) -> bool {
        self.prefixes.contains('p') || self.prefixes.starts_with('a')
    }

    /// The category in canonical notation (prefixes unless inherited, value, qualifiers).
    pub fn canonical(&self) -> String {
        let mut s = String::new();
        self.write_canonical(&mut s);
        s
    }

    fn write_canonical(&self, out: &mut String) {
        if !self.inherited {
            out.push_str(&self.prefixes);
        }
        out.push_str(&self.value);
        for q in &self.qualifiers {
            let _ = write!(out, "({q})");
        }
        if let Some((a, b)) = self.nodes {
            let _ = write!(out, "({a}/{b})");
        }
        if !self.sites.is_empty() {
            let _ = write!(out, "({})", self.sites.join(","));
        }
    }
}

/// A descriptor that is not part of the stage: grade G, lymphatic invasion L, venous
/// invasion V, perineural invasion Pn, residual tumour R, serum markers S (spec §1.4).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Descriptor {
    /// `"G"`, `"L"`, `"V"`, `"Pn"`, `"R"` or `"S"`.
    pub kind: &'static str,
    /// The descriptor in canonical notation: `"G2"`, `"pL1"`, `"Pn0"`, `"R1(is)"`, `"S1"`.
    pub text: String,
}

/// The descriptors in canonical order.
const DESCRIPTOR_ORDER: [&str; 6] = ["G", "L", "V", "Pn", "R", "S"];

/// The sites of distant metastasis (spec §1.3).
pub const M_SITES: [&str; 11] = [
    "PUL", "OSS", "HEP", "BRA", "LYM", "MAR", "PLE", "PER", "ADR", "SKI", "OTH",
];

/// TNM as read from a text: the categories, the descriptors and the edition the text names.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct Tnm {
    /// The T category.
    pub t: Option<Category>,
    /// The N category.
    pub n: Option<Category>,
    /// The M category.
    pub m: Option<Category>,
    /// G, L, V, Pn, R, S, in that order.
    pub descriptors: Vec<Descriptor>,
    /// The UICC edition the text names, `(UICC 2017)` → 8.
    pub edition_tag: Option<u8>,
}

/// Grund för TNM as the categories give it (spec §4.7).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Basis {
    /// Kliniskt.
    Clinical,
    /// Patologiskt.
    Pathological,
}

impl Basis {
    /// `"clinical"` or `"pathological"`, the keys of the form's code list.
    pub fn key(self) -> &'static str {
        match self {
            Basis::Clinical => "clinical",
            Basis::Pathological => "pathological",
        }
    }
}

impl Tnm {
    /// The category of an axis.
    pub fn get(&self, axis: Axis) -> Option<&Category> {
        match axis {
            Axis::T => self.t.as_ref(),
            Axis::N => self.n.as_ref(),
            Axis::M => self.m.as_ref(),
        }
    }

    fn slot(&mut self, axis: Axis) -> &mut Option<Category> {
        match axis {
            Axis::T => &mut self.t,
            Axis::N => &mut self.n,
            Axis::M => &mut self.m,
        }
    }

    /// The descriptor of a kind (`"S"` for the serum markers of testis).
    pub fn descriptor(&self, kind: &str) -> Option<&Descriptor> {
        self.descriptors.iter().find(|d| d.kind == kind)
    }

    /// Pathological when T and N (those given) are both pathological; clinical otherwise;
    /// `None` when neither T nor N is given (spec §4.7: pathological stage groups take a
    /// clinical M, so M does not decide).
    pub fn basis(&self) -> Option<Basis> {
        let given: Vec<&Category> = [&self.t, &self.n].into_iter().flatten().collect();
        if given.is_empty() {
            return None;
        }
        Some(if given.iter().all(|c| c.is_pathological()) {
            Basis::Pathological
        } else {
            Basis::Clinical
        })
    }

    /// The canonical notation: categories, then descriptors, then the edition tag, separated
    /// by single spaces. Reading it back gives the same value. Empty when there is no T, N or
    /// M category (descriptors alone are no TNM statement).
    pub fn canonical(&self) -> String {
        let mut out = String::new();
        if self.t.is_none() && self.n.is_none() && self.m.is_none() {
            return out;
        }
        for c in [&self.t, &self.n, &self.m].into_iter().flatten() {
            if !out.is_empty() {
                out.push(' ');
            }
            c.write_canonical(&mut out);
        }
        for d in &self.descriptors {
            out.push(' ');
            out.push_str(&d.text);
        }
        if let Some(e) = self.edition_tag {
            let _ = write!(out, " (UICC {e})");
        }
        out
    }
}

/// What the reader noticed, for the rules to turn into issues.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Note {
    /// A range or alternatives (`cT2-4`, `pNX/0`, `N+`): no single category.
    Ambiguous(Axis, String),
    /// A second category of an axis already read.
    Repeated(Axis, String),
    /// Letter O written for zero (`TO`).
    LetterO(Axis, String),
    /// An older or non-standard spelling read as the standard one.
    Synonym(Option<Axis>, String, String),
    /// The non-standard prefix u (endosonography), read as clinical.
    PrefixU(Axis, String),
    /// The certainty factor C1–C5, removed in TNM 8.
    CFactor(String),
    /// `MX`: removed in TNM 7.
    MxObsolete(String),
    /// `pMX`: never a category.
    PmX(String),
    /// `pM0`: only at autopsy.
    Pm0(String),
    /// A y (after treatment) or r (recurrence) prefix.
    AfterTreatment(Axis, String),
}

/// Why a text could not be read as TNM.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum TnmErrorKind {
    /// The text holds no T, N or M category.
    NoTnm,
    /// The text is longer than [`MAX_TNM_TEXT`] characters.
    TooLong,
    /// The edition asked for is not 8 or 9.
    Edition,
}

/// A text that holds no TNM.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct TnmError {
    /// Why.
    pub kind: TnmErrorKind,
}

impl TnmError {
    /// A stable code: `"no_tnm"` or `"too_long"`.
    pub fn code(&self) -> &'static str {
        match self.kind {
            TnmErrorKind::NoTnm => "no_tnm",
            TnmErrorKind::TooLong => "too_long",
            TnmErrorKind::Edition => "edition",
        }
    }
}

impl std::fmt::Display for TnmError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            TnmErrorKind::NoTnm => f.write_str("the text holds no T, N or M category"),
            TnmErrorKind::TooLong => write!(
                f,
                "the text is longer than {MAX_TNM_TEXT} characters, which no TNM statement is"
            ),
            TnmErrorKind::Edition => f.write_str("edition: expected 8 or 9 (the UICC TNM edition)"),
        }
    }
}

impl std::error::Error for TnmError {}

/// The longest text the reader takes, in characters.
pub const MAX_TNM_TEXT: usize = 4096;

/// What the reader made of a text.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Reading {
    /// The value.
    pub tnm: Tnm,
    /// What it noticed.
    pub notes: Vec<Note>,
    /// Words it did not read as TNM (`Tumorstadium`), lower case.
    pub ignored: Vec<String>,
    /// True when an ambiguous category was dropped, a C-factor or a stage word was seen:
    /// anything besides categories and descriptors.
    pub extra: bool,
}

// ---- normalising and tokens ----

/// A byte that is not ASCII in the source: it separates words and matches nothing.
const OTHER: u8 = 0x01;

/// The text as ASCII: lower case for matching, original case beside it.
fn normalise(text: &str) -> (Vec<u8>, Vec<u8>) {
    let mut low = Vec::with_capacity(text.len());
    let mut orig = Vec::with_capacity(text.len());
    for c in text.chars() {
        let a = match c {
            c if c.is_ascii() => c as u8,
            '\u{FF01}'..='\u{FF5E}' => (c as u32 - 0xFEE0) as u8,
            '\u{2010}'..='\u{2015}' | '\u{2212}' => b'-',
            c if c.is_whitespace() => b' ',
            _ => OTHER,
        };
        let a = if a.is_ascii_control() && a != b'\n' {
            if a == b'\t' || a == b'\r' {
                b' '
            } else {
                OTHER
            }
        } else {
            a
        };
        orig.push(a);
        low.push(a.to_ascii_lowercase());
    }
    (low, orig)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok {
    Word(usize, usize),
    /// The inside of a parenthesis.
    Group(usize, usize),
    Sep(u8),
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'+'
}

fn tokens(low: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < low.len() {
        let b = low[i];
        if is_word_byte(b) {
            let start = i;
            while i < low.len() && is_word_byte(low[i]) {
                i += 1;
            }
            out.push(Tok::Word(start, i));
        } else if b == b'(' {
            match low[i + 1..].iter().position(|&c| c == b')' || c == b'(') {
                Some(j) if low[i + 1 + j] == b')' => {
                    out.push(Tok::Group(i + 1, i + 1 + j));
                    i += j + 2;
                }
                _ => {
                    out.push(Tok::Sep(b'('));
                    i += 1;
                }
            }
        } else {
            out.push(Tok::Sep(if b == b'\n' { b' ' } else { b }));
            i += 1;
        }
    }
    out
}

/// A word after spaces inside a statement are closed up (`p T 2` → `pt2`).
struct Word {
    low: Vec<u8>,
    orig: Vec<u8>,
}

const PREFIXES: [&str; 12] = [
    "yp", "yc", "rp", "rc", "ap", "ac", "y", "r", "a", "c", "p", "u",
];

fn is_prefix(w: &[u8]) -> bool {
    PREFIXES.iter().any(|p| p.as_bytes() == w)
}

/// A value standing alone: `2`, `1c`, `x`, `is`, `b3`…
fn is_bare_value(w: &[u8]) -> bool {
    match w {
        b"x" | b"is" | b"mi" => true,
        [d] | [d, b'a'..=b'd'] | [d, b'a'..=b'd', b'1'..=b'3'] | [d, b'm', b'i']
            if d.is_ascii_digit() =>
        {
            true
        }
        _ => false,
    }
}

/// True when `w` is a prefix and/or an axis letter waiting for its value (`t`, `pn`, `n1m`).
fn wants_value(w: &[u8]) -> bool {
    let Some((&last, head)) = w.split_last() else {
        return false;
    };
    Axis::from_byte(last).is_some()
        && (head.is_empty() || is_prefix(head) || segment(head, head, false).is_some())
}

// ---- components of a word ----

/// A short value (`1c`, `is`, `1mi`, `2a`), kept inline so that reading allocates nothing
/// per candidate.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Tiny {
    bytes: [u8; 4],
    len: u8,
}

impl Tiny {
    fn new(parts: &[u8]) -> Tiny {
        let mut bytes = [0u8; 4];
        let len = parts.len().min(4);
        bytes[..len].copy_from_slice(&parts[..len]);
        Tiny {
            bytes,
            len: len as u8,
        }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Comp {
    Cat {
        axis: Axis,
        prefixes: &'static str,
        /// Lower case: `1c`, `x`, `is`, `0`, `1mi`, `+`.
        value: Tiny,
        letter_o: bool,
        /// The older spelling it stands for (`mic`).
        synonym: Option<&'static str>,
    },
    Desc {
        kind: &'static str,
        p: bool,
        value: Tiny,
        /// An older spelling (`Ly1`, `GII`): the reading notes it as written.
        synonym: bool,
    },
    CFactor(u8),
    EditionWord,
    StageWord,
}

/// The values an axis can take at `w[k..]`, longest first, each given to `out` as (length,
/// value, letter O, synonym).
fn values(
    axis: Axis,
    w: &[u8],
    k: usize,
    upper_axis: bool,
    out: &mut impl FnMut(usize, Tiny, bool, Option<&'static str>),
) {
    let rest = w.get(k..).unwrap_or(&[]);
    if axis == Axis::T && rest.starts_with(b"is") {
        out(2, Tiny::new(b"is"), false, None);
    }
    match rest.first() {
        Some(b'x') => out(1, Tiny::new(b"x"), false, None),
        Some(b'o') if upper_axis => out(1, Tiny::new(b"0"), true, None),
        Some(b'+') if axis == Axis::N => out(1, Tiny::new(b"+"), false, None),
        Some(&d) if d.is_ascii_digit() => {
            let next = rest.get(1).copied();
            let third = rest.get(2).copied();
            if axis == Axis::T && rest.get(1..4) == Some(b"mic") {
                out(4, Tiny::new(&[d, b'm', b'i']), false, Some("mic"));
            }
            if axis != Axis::M && rest.get(1..3) == Some(b"mi") {
                out(3, Tiny::new(&[d, b'm', b'i']), false, None);
            }
            if let Some(l @ b'a'..=b'd') = next {
                if let Some(n @ b'1'..=b'3') = third {
                    out(3, Tiny::new(&[d, l, n]), false, None);
                }
                out(2, Tiny::new(&[d, l]), false, None);
            }
            out(1, Tiny::new(&[d]), false, None);
        }
        _ => {}
    }
    if axis == Axis::T && rest.first() == Some(&b'a') {
        out(1, Tiny::new(b"a"), false, None);
    }
}

const ROMAN: [(&[u8], &str); 4] = [(b"iv", "4"), (b"iii", "3"), (b"ii", "2"), (b"i", "1")];

/// The descriptors and C-factors that can start at `low[i..]`, in order, given to `out` (a
/// `dyn` callback: one copy of the code for all callers, in the size-bounded web build).
fn descriptor_candidates(low: &[u8], i: usize, out: &mut dyn FnMut(usize, Comp)) {
    let rest = &low[i..];
    if !matches!(
        rest.first(),
        Some(b'p' | b'l' | b'v' | b's' | b'r' | b'g' | b'c')
    ) {
        return;
    }
    let (p, k) = if rest.first() == Some(&b'p') && rest.get(1).is_some_and(|b| *b != b'n') {
        (true, i + 1)
    } else {
        (false, i)
    };
    let r = &low[k..];
    let kinds: [(&[u8], &'static str, &[u8], bool); 8] = [
        (b"pni", "Pn", b"x01", true),
        (b"pn", "Pn", b"x01", false),
        (b"ly", "L", b"x01", true),
        (b"lv", "L", b"x01", true),
        (b"l", "L", b"x01", false),
        (b"v", "V", b"x012", false),
        (b"s", "S", b"x0123", false),
        (b"r", "R", b"x012", false),
    ];
    for (spelling, kind, allowed, synonym) in kinds {
        if p && (kind == "S" || kind == "R") {
            continue;
        }
        if let (true, Some(&v)) = (r.starts_with(spelling), r.get(spelling.len())) {
            if allowed.contains(&v) {
                let mut len = k - i + spelling.len() + 1;
                let mut value = Tiny::new(&[v]);
                if kind == "R" {
                    if let Some(&s @ (b'a' | b'b')) = r.get(spelling.len() + 1) {
                        value = Tiny::new(&[v, s]);
                        len += 1;
                    }
                }
                out(
                    len,
                    Comp::Desc {
                        kind,
                        p,
                        value,
                        synonym,
                    },
                );
            }
        }
    }
    if !p && rest.first() == Some(&b'g') {
        match rest.get(1) {
            Some(&v @ (b'x' | b'1'..=b'4')) => out(
                2,
                Comp::Desc {
                    kind: "G",
                    p: false,
                    value: Tiny::new(&[v]),
                    synonym: false,
                },
            ),
            _ => {
                for (roman, digit) in ROMAN {
                    if rest[1..].starts_with(roman) {
                        out(
                            1 + roman.len(),
                            Comp::Desc {
                                kind: "G",
                                p: false,
                                value: Tiny::new(digit.as_bytes()),
                                synonym: true,
                            },
                        );
                    }
                }
            }
        }
    }
    if rest.first() == Some(&b'c') {
        if let Some(d @ b'1'..=b'5') = rest.get(1) {
            out(2, Comp::CFactor(d - b'0'));
        }
    }
}

/// The categories that can start at `low[i..]`, in order, given to `out` (`dyn`, as above).
fn category_candidates(low: &[u8], orig: &[u8], i: usize, out: &mut dyn FnMut(usize, Comp)) {
    let b0 = low.get(i).copied();
    let b1 = low.get(i + 1).copied();
    // The prefixes that can start here, longest first (as in PREFIXES), then none.
    let two: Option<&'static str> = match (b0, b1) {
        (Some(b'y'), Some(b'p')) => Some("yp"),
        (Some(b'y'), Some(b'c')) => Some("yc"),
        (Some(b'r'), Some(b'p')) => Some("rp"),
        (Some(b'r'), Some(b'c')) => Some("rc"),
        (Some(b'a'), Some(b'p')) => Some("ap"),
        (Some(b'a'), Some(b'c')) => Some("ac"),
        _ => None,
    };
    let one: Option<&'static str> = match b0 {
        Some(b'y') => Some("y"),
        Some(b'r') => Some("r"),
        Some(b'a') => Some("a"),
        Some(b'c') => Some("c"),
        Some(b'p') => Some("p"),
        Some(b'u') => Some("u"),
        _ => None,
    };
    for prefix in [two, one, Some("")].into_iter().flatten() {
        let j = i + prefix.len();
        let Some(axis) = low.get(j).and_then(|&b| Axis::from_byte(b)) else {
            continue;
        };
        let upper = orig.get(j).is_some_and(|b| b.is_ascii_uppercase());
        values(
            axis,
            low,
            j + 1,
            upper,
            &mut |len, value, letter_o, synonym| {
                out(
                    j + 1 + len - i,
                    Comp::Cat {
                        axis,
                        prefixes: prefix,
                        value,
                        letter_o,
                        synonym,
                    },
                )
            },
        );
    }
}

/// The longest word the reader splits into components.
const MAX_WORD: usize = 48;

/// The components a whole word consists of, each with where it starts and its length,
/// preferring the longest reading at each place; `None` when the word is not TNM
/// (`tumorstadium`, `tomorrow`).
fn segment(low: &[u8], orig: &[u8], prefer_pn: bool) -> Option<Vec<(usize, usize, Comp)>> {
    if low.is_empty() || low.len() > MAX_WORD {
        return None;
    }
    if let Some(word) = special_word(low) {
        return Some(vec![(0, low.len(), word)]);
    }
    let mut out = Vec::new();
    // Short words (every form value) plan in a small table.
    let planned = if low.len() <= SHORT_WORD {
        plan::<{ SHORT_WORD + 1 }>(low, orig, prefer_pn, &mut |c| out.push(c))
    } else {
        plan::<{ MAX_WORD + 1 }>(low, orig, prefer_pn, &mut |c| out.push(c))
    };
    planned.then_some(out)
}

/// The words that name the edition or a stage, not a component.
fn special_word(low: &[u8]) -> Option<Comp> {
    match low {
        b"uicc" | b"tnm" | b"ajcc" => Some(Comp::EditionWord),
        b"stage" | b"stadium" | b"figo" => Some(Comp::StageWord),
        _ => None,
    }
}

/// The longest word [`whole_word`] plans in its small table.
const SHORT_WORD: usize = 8;

/// One component that is the whole word, where the word's segmentation is exactly one
/// component (the usual form value: `T2`, `pN1a`).
fn whole_word(low: &[u8], orig: &[u8]) -> Option<Comp> {
    if low.is_empty() || low.len() > SHORT_WORD {
        return None;
    }
    if let Some(word) = special_word(low) {
        return Some(word);
    }
    // Where the first component offered at the start is the whole word, the segmentation
    // takes it (nothing is left to segment): the usual case, without the table.
    if !orig.starts_with(b"Pn") {
        let mut first = None;
        category_candidates(low, orig, 0, &mut |len, comp| {
            first.get_or_insert((len, comp));
        });
        if let Some((len, comp)) = first {
            if len == low.len() {
                return Some(comp);
            }
        }
    }
    let mut only = None;
    let mut count = 0;
    let planned = plan::<{ SHORT_WORD + 1 }>(low, orig, false, &mut |(_, _, c)| {
        count += 1;
        only = Some(c);
    });
    (planned && count == 1).then_some(only).flatten()
}

/// The segmentation of [`segment`], handing each component (start, length, component) to
/// `emit` in order; false when the word is not TNM. `N` must exceed the word's length.
fn plan<const N: usize>(
    low: &[u8],
    orig: &[u8],
    prefer_pn: bool,
    emit: &mut impl FnMut((usize, usize, Comp)),
) -> bool {
    let n = low.len();
    if n >= N {
        return false;
    }
    // best[i]: the chosen first component of a segmentation of low[i..] (from the end).
    let mut best: [Option<(usize, Comp)>; N] = [None; N];
    let mut ok = [false; N];
    ok[n] = true;
    for i in (0..n).rev() {
        let mut chosen = None;
        let mut offer = |len: usize, comp: Comp| {
            if chosen.is_none() && i + len <= n && ok[i + len] {
                chosen = Some((len, comp));
            }
        };
        if prefer_pn || orig.get(i..i + 2) == Some(b"Pn") {
            descriptor_candidates(low, i, &mut offer);
            category_candidates(low, orig, i, &mut offer);
        } else {
            category_candidates(low, orig, i, &mut offer);
            descriptor_candidates(low, i, &mut offer);
        }
        if chosen.is_some() {
            best[i] = chosen;
            ok[i] = true;
        }
    }
    if !ok[0] {
        return false;
    }
    let mut i = 0;
    while i < n {
        let Some((len, comp)) = best[i] else {
            return false;
        };
        emit((i, len, comp));
        i += len;
    }
    true
}

// ---- reading ----

/// What a component became while reading, so that later parentheses can attach to it.
enum Last {
    Cat(Axis),
    Desc(usize),
    Edition,
    Nothing,
}

fn edition_from(text: &[u8]) -> Option<u8> {
    let mut numbers = text
        .split(|b| !b.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| std::str::from_utf8(s).ok()?.parse::<u32>().ok());
    numbers.find_map(|n| match n {
        5..=9 => Some(n as u8),
        2002..=2008 => Some(6),
        2009..=2015 => Some(7),
        2016..=2024 => Some(8),
        2025..=2099 => Some(9),
        _ => None,
    })
}

fn names_edition(text: &[u8]) -> bool {
    [&b"uicc"[..], b"tnm", b"ajcc", b"aufl", b"ed"]
        .iter()
        .any(|w| text.windows(w.len()).any(|x| x == *w))
}

/// Reads TNM from free text.
///
/// ```
/// use canceranmalan::staging::tnm::{read, Basis};
///
/// let r = read("pT2N1aM0").unwrap();
/// assert_eq!(r.tnm.canonical(), "pT2 N1a M0");
/// assert!(r.tnm.n.as_ref().unwrap().inherited);
/// assert_eq!(r.tnm.basis(), Some(Basis::Pathological));
/// ```
pub fn read(text: &str) -> Result<Reading, TnmError> {
    if text.chars().count() > MAX_TNM_TEXT {
        return Err(TnmError {
            kind: TnmErrorKind::TooLong,
        });
    }
    let (low, orig) = normalise(text);
    let toks = tokens(&low);
    let mut reading = Reading {
        tnm: Tnm::default(),
        notes: Vec::new(),
        ignored: Vec::new(),
        extra: false,
    };
    let mut last = Last::Nothing;
    let mut edition_word = false;
    let mut i = 0;
    while i < toks.len() {
        match toks[i] {
            Tok::Sep(_) => {
                i += 1;
            }
            Tok::Group(a, b) => {
                let g = &low[a..b];
                if (edition_word || names_edition(g)) && edition_from(g).is_some() {
                    reading.tnm.edition_tag = edition_from(g);
                    last = Last::Edition;
                } else {
                    attach(&mut reading, &last, g, &orig[a..b]);
                }
                edition_word = false;
                i += 1;
            }
            Tok::Word(a, b) => {
                // Close up `p T 2`, `pN X`, `N1M 0`.
                let mut word = Word {
                    low: low[a..b].to_vec(),
                    orig: orig[a..b].to_vec(),
                };
                let mut j = i + 1;
                loop {
                    let mut k = j;
                    while matches!(toks.get(k), Some(Tok::Sep(b' '))) {
                        k += 1;
                    }
                    let Some(&Tok::Word(c, d)) = toks.get(k) else {
                        break;
                    };
                    if k == j {
                        break;
                    }
                    let next = &low[c..d];
                    let joins = (is_prefix(&word.low) && Axis::from_byte(next[0]).is_some())
                        || (wants_value(&word.low) && is_bare_value(next));
                    if !joins {
                        break;
                    }
                    word.low.extend_from_slice(next);
                    word.orig.extend_from_slice(&orig[c..d]);
                    j = k + 1;
                }
                i = j;
                // `G-II`, `G-2`.
                if word.low == b"g" {
                    if let (Some(Tok::Sep(b'-')), Some(&Tok::Word(c, d))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let v = &low[c..d];
                        let digit =
                            ROMAN
                                .iter()
                                .find(|(r, _)| *r == v)
                                .map(|(_, d)| *d)
                                .or(match v {
                                    b"1" => Some("1"),
                                    b"2" => Some("2"),
                                    b"3" => Some("3"),
                                    b"4" => Some("4"),
                                    _ => None,
                                });
                        if let Some(digit) = digit {
                            let written = format!("G-{}", String::from_utf8_lossy(&orig[c..d]));
                            let d = Descriptor {
                                kind: "G",
                                text: format!("G{digit}"),
                            };
                            reading
                                .notes
                                .push(Note::Synonym(None, written, d.text.clone()));
                            last = Last::Desc(put_descriptor(&mut reading.tnm, d));
                            i += 2;
                            continue;
                        }
                    }
                }
                // A metastasis site after M1: `M1 PUL`.
                if let Last::Cat(Axis::M) = last {
                    if let Some(site) = M_SITES
                        .iter()
                        .find(|s| s.as_bytes().eq_ignore_ascii_case(&word.low))
                    {
                        if let Some(m) = reading.tnm.m.as_mut() {
                            if !m.sites.iter().any(|x| x == site) {
                                m.sites.push((*site).to_string());
                            }
                        }
                        continue;
                    }
                }
                let prefer_pn = reading.tnm.n.is_some();
                let Some(comps) = segment(&word.low, &word.orig, prefer_pn) else {
                    reading
                        .ignored
                        .push(String::from_utf8_lossy(&word.low).into_owned());
                    last = Last::Nothing;
                    edition_word = false;
                    continue;
                };
                edition_word = false;
                for (at, len, comp) in comps {
                    let written =
                        String::from_utf8_lossy(word.orig.get(at..at + len).unwrap_or(&[]));
                    last = take(&mut reading, comp, &written, &mut edition_word);
                }
                // Ranges and alternatives: `cT2-4`, `pNX/0`, `T0/1/2`, `T1a&b`.
                if let Last::Cat(axis) = last {
                    let mut alternatives = Vec::new();
                    while let (Some(Tok::Sep(s @ (b'-' | b'/' | b'&'))), Some(&Tok::Word(c, d))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let v = &low[c..d];
                        if !(is_bare_value(v) || (v.len() == 1 && (b'a'..=b'd').contains(&v[0]))) {
                            break;
                        }
                        alternatives.push(format!(
                            "{}{}",
                            *s as char,
                            String::from_utf8_lossy(&orig[c..d])
                        ));
                        i += 2;
                    }
                    if !alternatives.is_empty() {
                        if let Some(c) = reading.tnm.slot(axis).take() {
                            let written = format!("{}{}", c.canonical(), alternatives.concat());
                            reading.notes.retain(|n| {
                                !matches!(n, Note::LetterO(a, _) | Note::Synonym(Some(a), ..) if *a == axis)
                            });
                            reading.notes.push(Note::Ambiguous(axis, written));
                            reading.extra = true;
                        }
                        last = Last::Nothing;
                    }
                }
            }
        }
    }
    finish(&mut reading)?;
    Ok(reading)
}

fn put_descriptor(tnm: &mut Tnm, d: Descriptor) -> usize {
    let pos = tnm.descriptors.iter().position(|x| x.kind == d.kind);
    match pos {
        Some(p) => {
            tnm.descriptors[p] = d;
            p
        }
        None => {
            let rank = |k: &str| DESCRIPTOR_ORDER.iter().position(|x| *x == k).unwrap_or(9);
            let at = tnm
                .descriptors
                .iter()
                .position(|x| rank(x.kind) > rank(d.kind))
                .unwrap_or(tnm.descriptors.len());
            tnm.descriptors.insert(at, d);
            at
        }
    }
}

/// The category a component names, before any parentheses attach to it.
fn category_of(axis: Axis, prefixes: &str, value: &str) -> Category {
    let mut text = String::with_capacity(1 + value.len());
    text.push(axis.letter());
    if value == "x" {
        text.push('X');
    } else {
        text.push_str(value);
    }
    Category {
        value: text,
        prefixes: prefixes.to_string(),
        inherited: false,
        qualifiers: Vec::new(),
        nodes: None,
        sites: Vec::new(),
    }
}

/// Takes one component into the reading.
fn take(reading: &mut Reading, comp: Comp, written: &str, edition_word: &mut bool) -> Last {
    match comp {
        Comp::Cat {
            axis,
            prefixes,
            value,
            letter_o,
            synonym,
        } => {
            let value = value.as_str();
            if value == "+" {
                reading
                    .notes
                    .push(Note::Ambiguous(axis, format!("{prefixes}N+")));
                reading.extra = true;
                return Last::Nothing;
            }
            let cat = category_of(axis, prefixes, value);
            if reading.tnm.get(axis).is_some() {
                reading.notes.push(Note::Repeated(axis, cat.canonical()));
                reading.extra = true;
                return Last::Nothing;
            }
            if letter_o {
                reading
                    .notes
                    .push(Note::LetterO(axis, format!("{prefixes}{}O", axis.letter())));
            }
            if let Some(s) = synonym {
                reading.notes.push(Note::Synonym(
                    Some(axis),
                    format!("{prefixes}{}{}", axis.letter(), value.replace("mi", s)),
                    cat.canonical(),
                ));
            }
            *reading.tnm.slot(axis) = Some(cat);
            Last::Cat(axis)
        }
        Comp::Desc {
            kind,
            p,
            value,
            synonym,
        } => {
            let v = value.as_str().to_ascii_uppercase();
            let v = if v.starts_with('X') {
                v
            } else {
                value.as_str().to_string()
            };
            let text = format!("{}{kind}{v}", if p { "p" } else { "" });
            if synonym {
                reading
                    .notes
                    .push(Note::Synonym(None, written.to_string(), text.clone()));
            }
            Last::Desc(put_descriptor(&mut reading.tnm, Descriptor { kind, text }))
        }
        Comp::CFactor(c) => {
            reading.notes.push(Note::CFactor(format!("C{c}")));
            reading.extra = true;
            Last::Nothing
        }
        Comp::EditionWord => {
            *edition_word = true;
            reading.extra = true;
            Last::Nothing
        }
        Comp::StageWord => {
            reading.extra = true;
            Last::Nothing
        }
    }
}

/// Interprets a parenthesis after a category or descriptor.
fn attach(reading: &mut Reading, last: &Last, g: &[u8], g_orig: &[u8]) {
    let items: Vec<&[u8]> = g
        .split(|b| *b == b',' || *b == b' ' || *b == b';')
        .filter(|s| !s.is_empty())
        .collect();
    match *last {
        Last::Cat(axis) => {
            let Some(cat) = reading.tnm.slot(axis).as_mut() else {
                return;
            };
            if let Some(note) = attach_to_category(cat, axis, &items) {
                reading.notes.push(note);
            }
        }
        Last::Desc(at) => {
            let Some(d) = reading.tnm.descriptors.get_mut(at) else {
                return;
            };
            if d.kind != "R" {
                return;
            }
            let inner: &str = match g {
                b"is" => "is",
                b"cy+" => "cy+",
                _ => {
                    // A location in plain words: `R1 (dorsal)`.
                    let text = String::from_utf8_lossy(g_orig).trim().to_ascii_lowercase();
                    let plain = !text.is_empty()
                        && text.len() <= 40
                        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ')
                        && !text.contains("  ");
                    if !plain || d.text.contains('(') {
                        return;
                    }
                    let _ = write!(d.text, "({text})");
                    return;
                }
            };
            if !d.text.contains('(') {
                let _ = write!(d.text, "({inner})");
            }
        }
        Last::Edition | Last::Nothing => {}
    }
}

fn add_qualifier(cat: &mut Category, q: &str) {
    if !cat.qualifiers.iter().any(|x| x == q) {
        cat.qualifiers.push(q.to_string());
    }
}

/// The parenthesis `items` after a category; a note where it was an older spelling.
fn attach_to_category(cat: &mut Category, axis: Axis, items: &[&[u8]]) -> Option<Note> {
    // A node ratio: `2/11`, `1/2 sn`, `3/13, max. 1,8 cm`.
    if axis == Axis::N {
        let first = items.first()?;
        let mut parts = first.splitn(2, |b| *b == b'/');
        if let (Some(a), Some(b)) = (parts.next(), parts.next()) {
            let num = |s: &[u8]| -> Option<u32> {
                if s.is_empty() || s.len() > 4 || !s.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                std::str::from_utf8(s).ok()?.parse().ok()
            };
            if let (Some(x), Some(y)) = (num(a), num(b)) {
                cat.nodes = Some((x, y));
                if items.iter().skip(1).any(|i| *i == b"sn") {
                    add_qualifier(cat, "sn");
                }
                return None;
            }
        }
    }
    if axis == Axis::M {
        let sites: Vec<&str> = items
            .iter()
            .filter_map(|i| {
                M_SITES
                    .iter()
                    .find(|s| s.as_bytes().eq_ignore_ascii_case(i))
                    .copied()
            })
            .collect();
        if !sites.is_empty() && sites.len() == items.len() {
            for s in sites {
                if !cat.sites.iter().any(|x| x == s) {
                    cat.sites.push(s.to_string());
                }
            }
            return None;
        }
    }
    let whole = items
        .iter()
        .map(|s| String::from_utf8_lossy(s))
        .collect::<Vec<_>>()
        .join(" ");
    let q: &str = match (axis, whole.as_str()) {
        (Axis::N | Axis::M, "i+" | "i-" | "mol+" | "mol-") => &whole,
        (Axis::M, "cy+" | "0" | "1") => &whole,
        (Axis::N, "sn" | "f" | "mi") => &whole,
        (Axis::T, "m" | "is" | "s") => &whole,
        (Axis::T, "dcis") => "DCIS",
        (Axis::T, "lcis") => "LCIS",
        (Axis::T, "paget") => "Paget",
        (Axis::T, "ais") => "AIS",
        (Axis::T, "scc") => "SCC",
        (Axis::T, "mi") => {
            // `T1a(mi)` (lung) is T1mi.
            if cat.value.starts_with("T1") && cat.value.len() <= 3 {
                let was = format!("{}(mi)", cat.canonical());
                cat.value = "T1mi".into();
                return Some(Note::Synonym(Some(Axis::T), was, cat.canonical()));
            }
            return None;
        }
        (Axis::T, w) if !w.is_empty() && w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()) => {
            let count = w.trim_start_matches('0');
            if count.is_empty() {
                return None;
            }
            count
        }
        // Size notes (`5 cm`) and anything else: not part of the category.
        _ => return None,
    };
    let q = q.to_string();
    add_qualifier(cat, &q);
    None
}

/// Applies the rules that need the whole reading: inheritance, the M rules, y and r, u.
fn finish(r: &mut Reading) -> Result<(), TnmError> {
    let Reading { tnm, notes, .. } = r;
    let ambiguous = notes.iter().any(|n| matches!(n, Note::Ambiguous(..)));
    if tnm.t.is_none() && tnm.n.is_none() && tnm.m.is_none() && !ambiguous {
        return Err(TnmError {
            kind: TnmErrorKind::NoTnm,
        });
    }
    // §4.6: N takes T's prefixes when it has none of its own; M never does.
    if let (Some(t), Some(n)) = (&tnm.t, tnm.n.as_mut()) {
        if n.prefixes.is_empty() && !t.prefixes.is_empty() {
            n.prefixes = t.prefixes.clone();
            n.inherited = true;
        }
    }
    let autopsy = [&tnm.t, &tnm.n, &tnm.m]
        .into_iter()
        .flatten()
        .any(|c| c.prefixes.starts_with('a'));
    for axis in [Axis::T, Axis::N, Axis::M] {
        if let Some(c) = tnm.get(axis) {
            category_notes(axis, c, autopsy, notes);
        }
    }
    Ok(())
}

/// The notes a category earns by itself: the prefix u, a y or r prefix (§4.7), and for M
/// the obsolete MX, pMX and pM0 outside autopsy (§1.3). `autopsy`: the reading has an a
/// prefix.
fn category_notes(axis: Axis, c: &Category, autopsy: bool, notes: &mut Vec<Note>) {
    if c.prefixes == "u" && !c.inherited {
        notes.push(Note::PrefixU(axis, c.canonical()));
    }
    if (c.prefixes.starts_with('y') || c.prefixes.starts_with('r')) && !c.inherited {
        notes.push(Note::AfterTreatment(axis, c.prefixes.clone()));
    }
    if axis != Axis::M {
        return;
    }
    let p = c.prefixes.contains('p');
    match c.value.as_str() {
        "MX" if p => notes.push(Note::PmX(c.canonical())),
        "MX" => notes.push(Note::MxObsolete(c.canonical())),
        "M0" if p
            && !autopsy
            && !c
                .qualifiers
                .iter()
                .any(|q| q.starts_with('i') || q.starts_with("mol")) =>
        {
            notes.push(Note::Pm0(c.canonical()))
        }
        _ => {}
    }
}

/// A form field that does not hold one category of its axis.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NotOneCategory;

/// What [`read_field`] makes of a form field: the category (none where ambiguous) and the
/// reader's notes.
pub type FieldReading = Result<(Option<Category>, Vec<Note>), NotOneCategory>;

/// Reads one form field (`t`, `n` or `m`): the text must hold one category of that axis
/// and nothing else; a bare value (`2`, `1c`) takes the axis letter. An ambiguous category
/// comes back as `Ok((None, notes))` with its note.
pub fn read_field(text: &str, axis: Axis) -> FieldReading {
    let trimmed = crate::vocab::trim(text);
    if let Some(reading) = read_plain(trimmed, axis) {
        return reading;
    }
    match read_word(trimmed, axis) {
        Some(reading) => reading,
        None => read_text(trimmed, axis),
    }
}

/// [`read_field`] for the commonest form values: a category written as UICC writes it, with
/// at most a c or p prefix (`T2`, `pN1a`, `cM0`, `TX`, `Tis`), taken as written without
/// looking for other readings; `None` for any other text. The texts it takes are few, and a
/// test reads every one of them by [`read_text`] too, to the same result.
fn read_plain(trimmed: &str, axis: Axis) -> Option<FieldReading> {
    let b = trimmed.as_bytes();
    let prefix = match b.first()? {
        b'c' => "c",
        b'p' => "p",
        _ => "",
    };
    let (&letter, value) = b[prefix.len()..].split_first()?;
    let highest = match axis {
        Axis::T => b'4',
        Axis::N => b'3',
        Axis::M => b'1',
    };
    let number = |d: &u8| (b'1'..=highest).contains(d);
    let plain = letter == axis.letter() as u8
        && match *value {
            [b'X'] | [b'0'] => true,
            [b'i', b's'] => axis == Axis::T,
            [d] => number(&d),
            [d, sub] => number(&d) && PLAIN_SUBCATEGORIES.contains(&sub),
            _ => false,
        };
    if !plain {
        return None;
    }
    let category = Category {
        value: trimmed[prefix.len()..].to_string(),
        prefixes: prefix.to_string(),
        inherited: false,
        qualifiers: Vec::new(),
        nodes: None,
        sites: Vec::new(),
    };
    let mut notes = Vec::new();
    category_notes(axis, &category, false, &mut notes);
    Some(Ok((Some(category), notes)))
}

/// The subcategory letters [`read_plain`] takes after a category's number.
const PLAIN_SUBCATEGORIES: &[u8] = b"abcd";

/// [`read_field`] for the usual form value, one short ASCII word that is one category
/// (`T2`, `pN1a`), read without the tokenizer; `None` for any other text, which
/// [`read_text`] reads (to the same result: a property test holds them together).
fn read_word(trimmed: &str, axis: Axis) -> Option<FieldReading> {
    if trimmed.is_empty()
        || trimmed.len() > SHORT_WORD
        || !trimmed.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    let mut buffer = [0u8; SHORT_WORD];
    let low = &mut buffer[..trimmed.len()];
    low.copy_from_slice(trimmed.as_bytes());
    low.make_ascii_lowercase();
    let comp @ Comp::Cat { axis: a, .. } = whole_word(low, trimmed.as_bytes())? else {
        return None;
    };
    if a != axis {
        return None;
    }
    match comp {
        // A plain category: no reading to keep, only its own notes.
        Comp::Cat {
            prefixes,
            value,
            letter_o: false,
            synonym: None,
            ..
        } if value.as_str() != "+" => {
            let category = category_of(axis, prefixes, value.as_str());
            let mut notes = Vec::new();
            category_notes(axis, &category, prefixes.starts_with('a'), &mut notes);
            Some(Ok((Some(category), notes)))
        }
        _ => {
            let mut reading = Reading {
                tnm: Tnm::default(),
                notes: Vec::new(),
                ignored: Vec::new(),
                extra: false,
            };
            take(&mut reading, comp, trimmed, &mut false);
            if finish(&mut reading).is_err() {
                return Some(Err(NotOneCategory));
            }
            let category = reading.tnm.slot(axis).take();
            Some(Ok((category, reading.notes)))
        }
    }
}

/// [`read_field`] for any text, through the tokenizer of [`read`].
fn read_text(trimmed: &str, axis: Axis) -> FieldReading {
    let lowered = trimmed.to_ascii_lowercase();
    let owned;
    let text = if is_bare_value(lowered.as_bytes()) && lowered != "mi" {
        owned = format!("{}{}", axis.letter(), trimmed);
        owned.as_str()
    } else {
        trimmed
    };
    let reading = read(text).map_err(|_| NotOneCategory)?;
    let ambiguous = reading
        .notes
        .iter()
        .any(|n| matches!(n, Note::Ambiguous(a, _) if *a == axis));
    let others = [Axis::T, Axis::N, Axis::M]
        .into_iter()
        .filter(|a| *a != axis)
        .any(|a| reading.tnm.get(a).is_some());
    let clean = !others
        && reading.ignored.is_empty()
        && reading.tnm.descriptors.is_empty()
        && reading.tnm.edition_tag.is_none()
        && !reading
            .notes
            .iter()
            .any(|n| matches!(n, Note::Ambiguous(a, _) if *a != axis));
    if !clean {
        return Err(NotOneCategory);
    }
    if ambiguous {
        return Ok((None, reading.notes));
    }
    let mut tnm = reading.tnm;
    match tnm.slot(axis).take() {
        Some(c) => Ok((Some(c), reading.notes)),
        None => Err(NotOneCategory),
    }
}

#[cfg(test)]
mod tests;
