//! Which TNM classification a site has, which categories it allows per UICC edition, and
//! which editions a report is read by: lookups in `data/tnm_schemes.tsv`,
//! `data/tnm_categories.tsv` and `data/staging_editions.tsv`.

use super::tnm::{Axis, Basis, Category};
use crate::vocab::date::Date;
use crate::vocab::short_eq;
use std::borrow::Cow;

use crate::vocab::tables::{Row, Rows, Table, STAGING_EDITIONS, TNM_CATEGORIES, TNM_SCHEMES};

/// The UICC TNM editions the library knows.
pub const TNM_EDITIONS: [u8; 2] = [8, 9];

/// How UICC classifies a site.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Classification {
    /// A TNM scheme of this library, by its name (`"breast"`, `"lung"`, …).
    Scheme(&'static str),
    /// UICC has no TNM classification for the site (lymphoma, leukaemia, brain, unknown
    /// primary, secondary sites).
    NoTnm,
    /// UICC classifies the site, but this library has no table for it yet.
    NotCovered,
}

/// The ICD-10 code as the tables spell it: upper case, without spaces, a three-character
/// code without its dot (`c50.` → `C50`).
pub fn normalise_icd10(code: &str) -> String {
    normalised(code).into_owned()
}

/// [`normalise_icd10`], borrowing the code where it is already spelled so (the usual case).
fn normalised(code: &str) -> Cow<'_, str> {
    let b = code.as_bytes();
    if b.last() != Some(&b'.')
        && b.iter()
            .all(|c| c.is_ascii_graphic() && !c.is_ascii_lowercase())
    {
        return Cow::Borrowed(code);
    }
    let mut s: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    if s.ends_with('.') {
        s.pop();
    }
    Cow::Owned(s)
}

/// The classification of an ICD-10 code.
///
/// ```
/// use canceranmalan::staging::sites::{classification, Classification};
///
/// assert_eq!(classification("C50.4"), Classification::Scheme("breast"));
/// assert_eq!(classification("C16.0"), Classification::Scheme("oesophagus"));
/// assert_eq!(classification("C83.3"), Classification::NoTnm);
/// assert_eq!(classification("C32.0"), Classification::NotCovered);
/// ```
pub fn classification(icd10: &str) -> Classification {
    classification_at(scheme_row(icd10))
}

/// The row of `TNM_SCHEMES` whose range holds the ICD-10 code: what [`classification`]
/// reads, and the key to the rows that [`SCHEME_INDEX`] keeps for the scheme.
pub(crate) fn scheme_row(icd10: &str) -> Option<usize> {
    TNM_SCHEMES.position_containing(&normalised(icd10))
}

/// [`classification`] of the code whose [`scheme_row`] is `row`.
pub(crate) fn classification_at(row: Option<usize>) -> Classification {
    match row.map(|i| TNM_SCHEMES.cell(i, 2)) {
        Some("none") => Classification::NoTnm,
        Some(scheme) => Classification::Scheme(scheme),
        None => Classification::NotCovered,
    }
}

/// Where a scheme's rows are in `TNM_CATEGORIES` and `STAGING_EDITIONS`, for each row of
/// `TNM_SCHEMES` (same order), as `start..end`: worked out at compile time, so that a
/// report's scheme costs one search (its code's row) and no search by name.
#[derive(Clone, Copy)]
struct SchemeIndex {
    /// The scheme's category rows.
    categories: (u8, u8),
    /// Its own rows of default editions (none for most schemes: those of `*` apply).
    editions: (u8, u8),
}

/// The rows of the three tables, which are kept as arrays of cells (a table compiled as one
/// text would stop the build here).
const fn cells<const C: usize>(table: &Table<C>) -> &'static [Row<C>] {
    match table.as_cells() {
        Some(rows) => rows,
        None => panic!("the TNM tables are kept as arrays of cells"),
    }
}

/// The rows whose first cell is `key`, as `start..end` (a table is sorted by its first
/// column, so they are one run). The tables are short: a row's place fits a byte.
const fn rows_of<const C: usize>(rows: &[Row<C>], key: &str) -> (u8, u8) {
    assert!(
        rows.len() < 256,
        "a TNM table has grown past 255 rows: widen SchemeIndex"
    );
    let mut i = 0;
    while i < rows.len() && !short_eq(rows[i][0], key) {
        i += 1;
    }
    let start = i;
    while i < rows.len() && short_eq(rows[i][0], key) {
        i += 1;
    }
    (start as u8, i as u8)
}

static SCHEME_INDEX: [SchemeIndex; TNM_SCHEMES.len()] = {
    let schemes = cells(&TNM_SCHEMES);
    let editions = cells(&STAGING_EDITIONS);
    let mut out = [SchemeIndex {
        categories: (0, 0),
        editions: (0, 0),
    }; TNM_SCHEMES.len()];
    let mut i = 0;
    while i < schemes.len() {
        let name = schemes[i][2];
        let own = rows_of(editions, name);
        out[i] = SchemeIndex {
            categories: rows_of(cells(&TNM_CATEGORIES), name),
            editions: own,
        };
        i += 1;
    }
    out
};

/// The default-edition rows of every scheme without rows of its own.
const ANY_SCHEME_EDITIONS: (u8, u8) = rows_of(cells(&STAGING_EDITIONS), "*");

/// A cell of decimal digits as a number (`None` for `-` or an empty cell), in a `const fn`.
const fn number(cell: &str) -> Option<u16> {
    let b = cell.as_bytes();
    if b.is_empty() || b.len() > 4 {
        return None;
    }
    let (mut n, mut i) = (0u16, 0);
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            return None;
        }
        n = n * 10 + (b[i] - b'0') as u16;
        i += 1;
    }
    Some(n)
}

/// The UICC and FIGO editions of each row of `STAGING_EDITIONS`, read at compile time.
static EDITION_NUMBERS: [(u8, Option<u16>); STAGING_EDITIONS.len()] = {
    let rows = cells(&STAGING_EDITIONS);
    let mut out = [(8, None); STAGING_EDITIONS.len()];
    let mut i = 0;
    while i < rows.len() {
        let tnm = match number(rows[i][2]) {
            Some(n) if n <= 255 => n as u8,
            _ => 8,
        };
        out[i] = (tnm, number(rows[i][3]));
        i += 1;
    }
    out
};

/// A `YYYY-MM-DD` cell as a date, at compile time; `None` for `0000-01-01` ("from the
/// beginning": the calendar has no year 0). A cell of another form, or a day that does not
/// exist, stops compilation.
const fn iso_date(cell: &str) -> Option<Date> {
    let b = cell.as_bytes();
    assert!(
        b.len() == 10 && b[4] == b'-' && b[7] == b'-',
        "a date cell is YYYY-MM-DD"
    );
    let year = digits(b, 0, 4);
    let month = digits(b, 5, 7);
    let day = digits(b, 8, 10);
    if year == 0 && month == 1 && day == 1 {
        return None;
    }
    Some(Date::from_ymd_const(year, month as u8, day as u8))
}

/// The decimal number of `b[from..to]`, at compile time (a byte that is not a digit stops
/// compilation).
const fn digits(b: &[u8], from: usize, to: usize) -> u16 {
    let (mut n, mut i) = (0u16, from);
    while i < to {
        assert!(b[i].is_ascii_digit(), "a date cell is YYYY-MM-DD");
        n = n * 10 + (b[i] - b'0') as u16;
        i += 1;
    }
    n
}

/// The first day of each row of `STAGING_EDITIONS` (its `from` cell; `None`: from the
/// beginning), read at compile time: a date of diagnosis is compared with these rather than
/// with the text.
static EDITION_STARTS: [Option<Date>; STAGING_EDITIONS.len()] = {
    let rows = cells(&STAGING_EDITIONS);
    let mut out = [None; STAGING_EDITIONS.len()];
    let mut i = 0;
    while i < rows.len() {
        out[i] = iso_date(rows[i][1]);
        i += 1;
    }
    out
};

/// [`scheme_rows`] of the scheme of the code whose [`scheme_row`] is `row`, in place.
pub(crate) fn category_rows_at(row: usize) -> &'static [Row<5>] {
    let (start, end) = SCHEME_INDEX.get(row).map_or((0, 0), |s| s.categories);
    cells(&TNM_CATEGORIES)
        .get(usize::from(start)..usize::from(end))
        .unwrap_or(&[])
}

/// Which rows of the default editions are in force on a date of diagnosis, one bit each:
/// [`default_editions_at`] depends on the date through these alone, for every scheme. A key
/// for reports whose default editions agree (see the staging rules' `KeyedRules`); with no date,
/// every row is in force, as [`default_editions_at`] reads it.
pub(crate) fn editions_in_force(diagnosed: Option<Date>) -> u64 {
    const { assert!(STAGING_EDITIONS.len() <= 64, "widen editions_in_force") };
    let Some(day) = diagnosed else {
        return u64::MAX;
    };
    let mut bits = 0;
    for (i, start) in EDITION_STARTS.iter().enumerate() {
        if start.map_or(true, |s| day >= s) {
            bits |= 1 << i;
        }
    }
    bits
}

/// [`default_editions`] of the scheme of the code whose [`scheme_row`] is `row` (`None`: no
/// scheme), without a search by name or a number read at run time.
pub(crate) fn default_editions_at(
    row: Option<usize>,
    diagnosed: Option<Date>,
) -> (u8, Option<u16>) {
    // The last row in force on the day: the scheme's own, else those of every scheme (as
    // `default_editions` picks them by name).
    let pick = |(start, end): (u8, u8)| {
        (usize::from(start)..usize::from(end)).rev().find(|&i| {
            match (diagnosed, EDITION_STARTS[i]) {
                (Some(d), Some(start)) => d >= start,
                _ => true,
            }
        })
    };
    row.and_then(|i| SCHEME_INDEX.get(i))
        .and_then(|s| pick(s.editions))
        .or_else(|| pick(ANY_SCHEME_EDITIONS))
        .map_or((8, None), |i| EDITION_NUMBERS[i])
}

/// The table's `axis` and `basis` cells for an axis and a basis (`""`: either basis).
fn columns(axis: Axis, basis: Option<Basis>) -> (&'static str, &'static str) {
    let axis_letter = match axis {
        Axis::T => "T",
        Axis::N => "N",
        Axis::M => "M",
    };
    let want = match basis {
        Some(Basis::Clinical) => "c",
        Some(Basis::Pathological) => "p",
        None => "",
    };
    (axis_letter, want)
}

fn has_edition(cell: &str, edition: u8) -> bool {
    edition <= 9 && cell.bytes().any(|b| b == b'0' + edition)
}

/// True when the space-separated `list` has `word` as one of its words.
fn holds_word(list: &str, word: &str) -> bool {
    let (l, w) = (list.as_bytes(), word.as_bytes());
    if w.is_empty() {
        return false;
    }
    let mut at = 0;
    while at + w.len() <= l.len() {
        let end = at + w.len();
        if l[at..end].iter().zip(w).all(|(x, y)| x == y) && l.get(end).map_or(true, |b| *b == b' ')
        {
            return true;
        }
        match l[at..].iter().position(|b| *b == b' ') {
            Some(p) => at += p + 1,
            None => break,
        }
    }
    false
}

/// True when the tables hold categories of `scheme` for `edition`.
pub fn covers(scheme: &str, edition: u8) -> bool {
    TNM_CATEGORIES
        .all(scheme)
        .any(|r| has_edition(r[1], edition))
}

/// The categories of an axis for a scheme and edition; `basis` chooses between clinical
/// and pathological lists where they differ (`None`: either is accepted). `None` when the
/// tables do not cover the scheme and edition.
pub fn allowed(
    scheme: &str,
    edition: u8,
    axis: Axis,
    basis: Option<Basis>,
) -> Option<Vec<&'static str>> {
    let (axis_letter, want) = columns(axis, basis);
    let rows: Vec<_> = TNM_CATEGORIES
        .all(scheme)
        .filter(|r| has_edition(r[1], edition) && r[2] == axis_letter)
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mut out: Vec<&'static str> = Vec::new();
    for r in &rows {
        if r[3] == "any" || want.is_empty() || r[3] == want {
            for v in r[4].split(' ') {
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
    }
    Some(out)
}

/// The category rows of a scheme (every edition, axis and basis), to look in several times.
pub fn scheme_rows(scheme: &str) -> Rows<'static, 5> {
    TNM_CATEGORIES.all(scheme)
}

/// Whether `value` is one of the categories that [`allowed`] lists, without building the
/// list; `None` when the tables do not cover the scheme and edition.
pub fn is_allowed(
    scheme: &str,
    edition: u8,
    axis: Axis,
    basis: Option<Basis>,
    value: &str,
) -> Option<bool> {
    is_allowed_in(scheme_rows(scheme), edition, axis, basis, value)
}

/// [`is_allowed`] over a scheme's rows from [`scheme_rows`].
/// The rows may be given by reference ([`Rows::as_slice`]), so that none is copied.
pub fn is_allowed_in<R: AsRef<[&'static str]>>(
    rows: impl IntoIterator<Item = R>,
    edition: u8,
    axis: Axis,
    basis: Option<Basis>,
    value: &str,
) -> Option<bool> {
    let (axis_letter, want) = columns(axis, basis);
    // The cells are a word or two: compared byte by byte, not by a library call.
    let mut covered = false;
    for r in rows {
        let r = r.as_ref();
        if r.len() < 5 {
            continue;
        }
        if !short_eq(r[2], axis_letter) || !has_edition(r[1], edition) {
            continue;
        }
        covered = true;
        if (short_eq(r[3], "any") || want.is_empty() || short_eq(r[3], want))
            && holds_word(r[4], value)
        {
            return Some(true);
        }
    }
    covered.then_some(false)
}

/// The general limits of UICC TNM (spec §1.2): T up to 4, N up to 3, M 0 or 1. True when
/// the category's number is within them.
pub fn within_general_limits(cat: &Category) -> bool {
    let code = cat.code();
    let digit = code.bytes().next().filter(u8::is_ascii_digit);
    match (cat.axis(), digit) {
        (_, None) => true,
        (Axis::T, Some(d)) => d <= b'4',
        (Axis::N, Some(d)) => d <= b'3',
        (Axis::M, Some(d)) => d <= b'1',
    }
}

/// Site-specific readings of a qualifier (spec §4.5): on the breast, `pN1(mi)` is the
/// category `pN1mi`.
pub fn normalise_for_scheme(cat: &mut Category, scheme: &str) {
    if scheme == "breast" && cat.value == "N1" && cat.qualifiers.iter().any(|q| q == "mi") {
        cat.value = "N1mi".to_string();
        cat.qualifiers.retain(|q| q != "mi");
    }
}

/// The editions a report is read by when it names none: (UICC edition, FIGO edition).
pub fn default_editions(scheme: Option<&str>, diagnosed: Option<Date>) -> (u8, Option<u16>) {
    // The table's dates are ISO texts (a test holds them to that): compared as bytes with the
    // date of diagnosis written the same way, without reading each row's date.
    let day = diagnosed.map(Date::iso_bytes);
    let pick = |key: &str| {
        STAGING_EDITIONS
            .all(key)
            .rfind(|r| day.map_or(true, |d| d.as_slice() >= r[1].as_bytes()))
    };
    let row = scheme.and_then(pick).or_else(|| pick("*"));
    match row {
        Some(r) => (r[2].parse().unwrap_or(8), r[3].parse().ok()),
        None => (8, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index made at compile time gives what the searches by name give, for every row
    /// of the schemes table and diagnosis dates across the tables' dates.
    #[test]
    fn scheme_index_agrees_with_searches_by_name() {
        let days: Vec<Option<Date>> = [
            None,
            Some("1900-01-01"),
            Some("2017-01-01"),
            Some("2021-06-30"),
            Some("2025-05-12"),
            Some("2031-12-31"),
        ]
        .into_iter()
        .map(|d| d.map(|d| d.parse().unwrap()))
        .collect();
        for (i, r) in TNM_SCHEMES.rows().enumerate() {
            let name = r[2];
            assert_eq!(classification_at(Some(i)), classification(r[0]), "{r:?}");
            let named = scheme_rows(name);
            assert_eq!(category_rows_at(i), named.as_slice().unwrap(), "{r:?}");
            let scheme = (name != "none").then_some(name);
            for day in &days {
                assert_eq!(
                    default_editions_at(scheme.map(|_| i), *day),
                    default_editions(scheme, *day),
                    "{r:?} {day:?}"
                );
            }
        }
        for day in &days {
            assert_eq!(
                default_editions_at(None, *day),
                default_editions(None, *day)
            );
        }
        for (i, r) in STAGING_EDITIONS.rows().enumerate() {
            assert_eq!(
                EDITION_NUMBERS[i],
                (r[2].parse().unwrap_or(8), r[3].parse().ok()),
                "{r:?}"
            );
        }
    }

    /// The TNM rules look at a scheme's category rows in place, which needs the table kept
    /// as arrays of cells (not `compile: compact`): every scheme's rows are a slice.
    #[test]
    fn category_rows_are_a_slice_for_every_scheme() {
        for r in TNM_SCHEMES.rows() {
            let rows = scheme_rows(r[2]);
            assert_eq!(rows.as_slice().map(<[_]>::len), Some(rows.len()), "{r:?}");
        }
    }

    #[test]
    fn edition_dates_are_iso_days() {
        // "0000-01-01" (no year 0 in the calendar) is "from the beginning": before every day.
        for r in STAGING_EDITIONS.rows().filter(|r| r[1] != "0000-01-01") {
            let d: Date = r[1].parse().unwrap_or_else(|_| panic!("{r:?}"));
            assert_eq!(d.iso_bytes().as_slice(), r[1].as_bytes(), "{r:?}");
        }
        let first = Date::from_ymd(1, 1, 1).unwrap().iso_bytes();
        assert!(first.as_slice() > b"0000-01-01".as_slice());
    }

    #[test]
    fn every_scheme_has_categories_and_every_list_is_read() {
        for r in TNM_SCHEMES.rows() {
            let scheme = r[2];
            if scheme != "none" {
                assert!(covers(scheme, 8), "{scheme}");
            }
        }
        for r in TNM_CATEGORIES.rows() {
            assert!(["T", "N", "M"].contains(&r[2]), "{r:?}");
            assert!(["any", "c", "p"].contains(&r[3]), "{r:?}");
            for v in r[4].split(' ') {
                assert!(v.starts_with(r[2]), "{r:?}: {v}");
                let reading = crate::staging::tnm::read(v).unwrap();
                assert_eq!(reading.tnm.canonical(), v, "{r:?}");
            }
        }
    }

    #[test]
    fn editions_default_to_uicc_8() {
        assert_eq!(default_editions(Some("lung"), None), (8, None));
        assert_eq!(default_editions(Some("cervix"), None), (8, Some(2009)));
        assert_eq!(default_editions(None, None), (8, None));
    }

    #[test]
    fn prostate_has_no_pathological_t1() {
        let p = allowed("prostate", 8, Axis::T, Some(Basis::Pathological)).unwrap();
        assert!(!p.contains(&"T1c") && p.contains(&"T2"));
        let any = allowed("prostate", 8, Axis::T, None).unwrap();
        assert!(any.contains(&"T1c"));
        assert_eq!(allowed("vulva", 9, Axis::T, None), None);
    }
}
