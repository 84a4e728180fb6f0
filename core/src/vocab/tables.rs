//! Reference tables: data with a source and a version, compiled into static arrays.
//!
//! Each table is a tab-separated file in `core/data/` whose header names its source and
//! version; `build.rs` turns it into a [`Table`] here, so nothing is read or parsed at run
//! time. Rows are sorted by their first column, and lookups binary-search it without
//! allocating.

use super::{short_cmp, short_eq};

/// A reference table: rows of text cells, sorted by the first column (and unique in it unless
/// its file says otherwise). A row is handed out as an array of cells:
/// `table.get("C50").map(|r| r[1])`.
#[derive(Debug)]
pub struct Table<const C: usize> {
    /// The file it was made from, e.g. `"sex_specific_sites.tsv"`.
    pub name: &'static str,
    /// The column names.
    pub columns: [&'static str; C],
    storage: Storage<C>,
}

/// How a table's cells are kept: as an array of cells (fastest to scan), or, for large tables
/// that are only looked up by key, as one text with the start of each row (smallest).
#[derive(Debug)]
enum Storage<const C: usize> {
    Cells(&'static [[&'static str; C]]),
    Text {
        /// Cells separated by tabs, rows by newlines.
        text: &'static str,
        /// Where each row starts in `text`.
        starts: &'static [u16],
    },
}

/// How many rows after a key's first [`Table::all`] looks at before it searches.
const ALL_NEAR: usize = 8;

/// A row of a table: its cells.
pub type Row<const C: usize> = [&'static str; C];

impl<const C: usize> Table<C> {
    /// The number of rows.
    pub const fn len(&self) -> usize {
        match self.storage {
            Storage::Cells(rows) => rows.len(),
            Storage::Text { starts, .. } => starts.len(),
        }
    }

    /// True when the table has no rows.
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows as arrays of cells, where the table keeps them so (`None` for a table kept as
    /// one text): for indexes that `const fn`s work out at compile time.
    pub const fn as_cells(&self) -> Option<&'static [Row<C>]> {
        match self.storage {
            Storage::Cells(rows) => Some(rows),
            Storage::Text { .. } => None,
        }
    }

    fn line(text: &'static str, starts: &[u16], i: usize) -> &'static str {
        let start = usize::from(starts[i]);
        let end = starts
            .get(i + 1)
            .map_or(text.len(), |next| usize::from(*next) - 1);
        &text[start..end]
    }

    /// Row `i`'s first cell. Small for a table of cells, so that the searches that call it at
    /// every step can take it in; a compact table's row is read out of line.
    #[inline]
    fn first(&self, i: usize) -> &'static str {
        match self.storage {
            Storage::Cells(rows) => rows[i][0],
            Storage::Text { text, starts } => Self::first_in_text(text, starts, i),
        }
    }

    #[inline(never)]
    fn first_in_text(text: &'static str, starts: &[u16], i: usize) -> &'static str {
        let line = Self::line(text, starts, i);
        let end = line.bytes().position(|b| b == b'\t').unwrap_or(line.len());
        &line[..end]
    }

    /// Row `i`.
    #[inline]
    pub fn row(&self, i: usize) -> Row<C> {
        match self.storage {
            Storage::Cells(rows) => rows[i],
            Storage::Text { text, starts } => Self::row_in_text(text, starts, i),
        }
    }

    #[inline(never)]
    fn row_in_text(text: &'static str, starts: &[u16], i: usize) -> Row<C> {
        let line = Self::line(text, starts, i);
        let mut out = [""; C];
        let (mut start, mut k) = (0, 0);
        for (at, b) in line.bytes().enumerate() {
            if b == b'\t' {
                if let Some(cell) = out.get_mut(k) {
                    *cell = &line[start..at];
                }
                k += 1;
                start = at + 1;
            }
        }
        if let Some(cell) = out.get_mut(k) {
            *cell = &line[start..];
        }
        out
    }

    /// Cell `column` of row `i`, without copying the row (for loops that read a few cells of
    /// many rows).
    #[inline]
    pub fn cell(&self, i: usize, column: usize) -> &'static str {
        match self.storage {
            Storage::Cells(rows) => rows[i][column],
            Storage::Text { text, starts } => Self::line(text, starts, i)
                .split('\t')
                .nth(column)
                .unwrap_or(""),
        }
    }

    /// The rows, in order, with a cell after the first that is `value` (or, with `prefix`,
    /// starts with it): a reverse lookup. A value that is empty or holds a tab or a newline
    /// finds no row. A compact table is searched as one text, so that no row is split
    /// unless it holds the value.
    pub fn rows_with_cell<'t>(
        &'t self,
        value: &'t str,
        prefix: bool,
    ) -> impl Iterator<Item = Row<C>> + 't {
        // A cell holds no tab or newline, and every cell starts with the empty text.
        let searchable = !value.is_empty() && !value.contains(['\t', '\n']);
        let fits = move |cell: &str| {
            if !searchable {
                false
            } else if prefix {
                cell.starts_with(value)
            } else {
                cell == value
            }
        };
        let (cells, text) = match self.storage {
            Storage::Cells(rows) => (Some(rows), None),
            Storage::Text { text, starts } => (None, searchable.then_some((text, starts))),
        };
        let by_cells = cells
            .into_iter()
            .flatten()
            .filter(move |r| r[1..].iter().any(|c| fits(c)))
            .copied();
        let by_text = text.into_iter().flat_map(move |(text, starts)| {
            let bytes = text.as_bytes();
            let mut last = None;
            // Blocks of rows: `contains` (vectorised where the target has it) passes over the
            // many blocks without the value quickly; only the others are searched for places.
            const BLOCK: usize = 32;
            let block_at = move |b: usize| {
                starts
                    .get(b * BLOCK)
                    .map_or(text.len(), |s| usize::from(*s))
            };
            let blocks = (0..starts.len().div_ceil(BLOCK))
                .map(move |b| (block_at(b), block_at(b + 1)))
                .filter(move |(from, to)| text[*from..*to].contains(value));
            blocks
                .flat_map(move |(from, to)| {
                    text[from..to]
                        .match_indices(value)
                        .map(move |(at, m)| (from + at, m))
                })
                .filter_map(move |(at, _)| {
                    let end = at + value.len();
                    // A cell begins after a tab (so not in the first column) and, unless a
                    // prefix is asked for, ends at a tab or the end of its line.
                    let starts_cell = at > 0 && bytes[at - 1] == b'\t';
                    let ends_cell = prefix || matches!(bytes.get(end), None | Some(b'\t' | b'\n'));
                    if !(starts_cell && ends_cell) {
                        return None;
                    }
                    let row = starts
                        .partition_point(|s| usize::from(*s) <= at)
                        .checked_sub(1)?;
                    // A value in two cells of one row gives the row once.
                    (last.replace(row) != Some(row)).then(|| self.row(row))
                })
        });
        by_cells.chain(by_text)
    }

    /// Every row, in order.
    pub fn rows(&self) -> Rows<'_, C> {
        Rows {
            table: self,
            front: 0,
            back: self.len(),
        }
    }

    /// The row whose first column is `key`.
    pub fn get(&self, key: &str) -> Option<Row<C>> {
        let i = self.partition_point(|first| short_cmp(first, key).is_lt());
        (i < self.len() && short_eq(self.first(i), key)).then(|| self.row(i))
    }

    /// The rows whose first column is `key` (for tables that are sorted but not unique).
    pub fn all(&self, key: &str) -> Rows<'_, C> {
        let front = self.partition_point(|first| short_cmp(first, key).is_lt());
        // A key has a few rows in most tables: the rows after the first are looked at before
        // a second search is made for the end of a longer run.
        let near = (front + ALL_NEAR).min(self.len());
        let mut back = front;
        while back < near && short_eq(self.first(back), key) {
            back += 1;
        }
        if back == near && back < self.len() && short_eq(self.first(back), key) {
            back = self.partition_point(|first| short_cmp(first, key).is_le());
        }
        Rows {
            table: self,
            front,
            back,
        }
    }

    /// True when the table has this row, for a table sorted by all its columns in order
    /// (found by binary search, nothing copied but the rows it looks at).
    pub fn contains_row(&self, row: &[&str; C]) -> bool {
        let order = |i: usize| {
            let r = self.row(i);
            r.iter()
                .zip(row)
                .map(|(a, b)| short_cmp(a, b))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        };
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match order(mid) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// For a table of ranges (first column "from", second "to", both inclusive, not
    /// overlapping): the row whose range holds `key`.
    pub fn range_containing(&self, key: &str) -> Option<Row<C>> {
        self.position_containing(key).map(|i| self.row(i))
    }

    /// The place of the row that [`Table::range_containing`] gives.
    pub fn position_containing(&self, key: &str) -> Option<usize> {
        // The last row that starts at or before the key.
        let i = self
            .partition_point(|first| short_cmp(first, key).is_le())
            .checked_sub(1)?;
        (C >= 2 && short_cmp(key, self.cell(i, 1.min(C - 1))).is_le()).then_some(i)
    }

    /// The number of rows whose first cell satisfies `pred` (which must hold for a prefix
    /// of the rows).
    fn partition_point(&self, pred: impl Fn(&str) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.first(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Where the data come from and which edition: the table's entry in [`TABLE_SOURCES`].
    /// A table does not hold its source texts itself, so that a build that uses a table
    /// without them (the web form's) does not carry them.
    ///
    /// ```
    /// use canceranmalan::vocab::tables::PAIRED_SITES;
    /// assert!(PAIRED_SITES.source().unwrap().source.contains("SEER"));
    /// ```
    pub fn source(&self) -> Option<&'static TableSource> {
        TABLE_SOURCES.iter().find(|t| t.name == self.name)
    }

    /// Which column has this name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == name)
    }
}

/// Rows of a table, in order (from either end).
#[derive(Clone, Debug)]
pub struct Rows<'a, const C: usize> {
    table: &'a Table<C>,
    front: usize,
    back: usize,
}

impl<'a, const C: usize> Rows<'a, C> {
    /// The rows as a slice, where the table keeps its cells as arrays (looked at in place,
    /// not copied out one by one); `None` for a table kept as one text.
    pub fn as_slice(&self) -> Option<&'a [Row<C>]> {
        self.table.as_cells()?.get(self.front..self.back)
    }
}

impl<const C: usize> Iterator for Rows<'_, C> {
    type Item = Row<C>;

    fn next(&mut self) -> Option<Row<C>> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.table.row(self.front - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back.saturating_sub(self.front);
        (n, Some(n))
    }
}

impl<const C: usize> DoubleEndedIterator for Rows<'_, C> {
    fn next_back(&mut self) -> Option<Row<C>> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.table.row(self.back)
        })
    }
}

impl<const C: usize> ExactSizeIterator for Rows<'_, C> {}

/// Which ICD-10 codes exist: one entry per category `A00`–`Z99`, bit 10 set for the
/// category and bit `d` for its subcategory `.d`.
#[derive(Debug)]
pub struct Icd10Bitset(pub [u16; 2600]);

impl Icd10Bitset {
    fn entry(&self, letter: char, category: u8) -> u16 {
        if !letter.is_ascii_uppercase() || category > 99 {
            return 0;
        }
        self.0[(letter as usize - 'A' as usize) * 100 + usize::from(category)]
    }

    /// True when the category exists.
    pub fn has_category(&self, letter: char, category: u8) -> bool {
        self.entry(letter, category) & (1 << 10) != 0
    }

    /// True when the category has subcategories.
    pub fn has_subcategories(&self, letter: char, category: u8) -> bool {
        self.entry(letter, category) & 0x3ff != 0
    }

    /// True when the subcategory `.digit` of the category exists.
    pub fn has_subcategory(&self, letter: char, category: u8, digit: u8) -> bool {
        digit <= 9 && self.entry(letter, category) & (1 << digit) != 0
    }
}

/// Where a reference table comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TableSource {
    /// The file it was made from.
    pub name: &'static str,
    /// Where the data come from.
    pub source: &'static str,
    /// Which edition of the source.
    pub version: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/tables.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    /// The reverse lookup finds what a scan of every row finds, in a compact table (searched
    /// as text, in blocks) and in one kept as cells, for every value and prefix in them.
    #[test]
    fn reverse_lookups_find_what_a_scan_finds() {
        fn check<const C: usize>(table: &Table<C>) {
            let mut values: Vec<&str> = table.rows().flat_map(|r| r[1..].to_vec()).collect();
            values.sort_unstable();
            values.dedup();
            for value in values {
                for (v, prefix) in [(value, false), (value.get(..3).unwrap_or(value), true)] {
                    let found: Vec<_> = table.rows_with_cell(v, prefix).collect();
                    let scanned: Vec<_> = table
                        .rows()
                        .filter(|r| {
                            r[1..].iter().any(|c| {
                                !v.is_empty() && if prefix { c.starts_with(v) } else { *c == v }
                            })
                        })
                        .collect();
                    assert_eq!(found, scanned, "{}: {v:?} {prefix}", table.name);
                }
            }
            assert_eq!(table.rows_with_cell("", true).count(), 0);
            assert_eq!(table.rows_with_cell("a\tb", false).count(), 0);
        }
        check(&ICDO3_TOPOGRAPHY_TO_ICD10);
        check(&PAIRED_SITES);
        check(&TNM_CATEGORIES);
    }

    /// Every key's rows are the rows a scan finds, for keys with one row, a few and many
    /// (over the near look of `all`), in compact tables and in tables of cells, and for keys
    /// between and beyond the rows.
    #[test]
    fn all_finds_every_row_of_a_key() {
        fn check<const C: usize>(table: &Table<C>) {
            let mut keys: Vec<String> = table.rows().map(|r| r[0].to_string()).collect();
            keys.dedup();
            assert!(!keys.is_empty(), "{}", table.name);
            let mut probes = keys.clone();
            for k in &keys {
                probes.extend([
                    format!("{k}0"),
                    format!("{k} "),
                    k[..k.len() - 1].to_string(),
                ]);
            }
            probes.extend(["".to_string(), "~".to_string()]);
            for key in &probes {
                let found: Vec<_> = table.all(key).collect();
                let scanned: Vec<_> = table.rows().filter(|r| r[0] == key.as_str()).collect();
                assert_eq!(found, scanned, "{}: {key:?}", table.name);
            }
        }
        check(&TNM_CATEGORIES);
        check(&STAGING_EDITIONS);
        check(&STAGE_GROUPS);
        check(&CASE_ACTIONS);
        check(&IARC_FAMILY_REQUIRED_SITES);
        check(&BEHAVIOUR_ICD10);
        // Some key has more rows than the near look takes.
        assert!(STAGE_GROUPS
            .rows()
            .any(|r| STAGE_GROUPS.all(r[0]).count() > ALL_NEAR));
    }

    #[test]
    fn ranges_are_found() {
        assert_eq!(
            SEX_SPECIFIC_SITES.range_containing("C53").map(|r| r[2]),
            Some("female")
        );
        assert_eq!(
            SEX_SPECIFIC_SITES.range_containing("C61").map(|r| r[2]),
            Some("male")
        );
        for outside in ["C50", "C59", "C64", "D05", "B99", ""] {
            assert_eq!(
                SEX_SPECIFIC_SITES.range_containing(outside),
                None,
                "{outside}"
            );
        }
        assert!(FIGO_SITES.range_containing("C51").is_some());
        assert!(FIGO_SITES.range_containing("C58").is_some());
        assert!(FIGO_SITES.range_containing("C60").is_none());
        assert_eq!(SEX_SPECIFIC_SITES.column("sex"), Some(2));
        assert_eq!(SEX_SPECIFIC_SITES.get("C60").map(|r| r[1]), Some("C63"));
    }

    #[test]
    fn every_table_names_source_and_version() {
        assert!(TABLE_SOURCES.len() >= 10);
        for t in TABLE_SOURCES {
            assert!(!t.source.is_empty() && !t.version.is_empty(), "{}", t.name);
        }
        // Every table finds its entry, and the source constant is the entry's.
        assert_eq!(REPORTABILITY.source().unwrap().source, REPORTABILITY_SOURCE);
        assert_eq!(TNM_CATEGORIES.source().unwrap().name, "tnm_categories.tsv");
    }
}

#[cfg(test)]
mod icd10_tests {
    use super::*;

    #[test]
    fn the_icd10_bitset_knows_codes() {
        assert!(ICD10_CATEGORIES.has_category('C', 50));
        assert!(ICD10_CATEGORIES.has_subcategory('C', 50, 9));
        assert!(!ICD10_CATEGORIES.has_subcategory('C', 50, 7));
        assert!(!ICD10_CATEGORIES.has_subcategory('C', 34, 4));
        assert!(ICD10_CATEGORIES.has_subcategory('J', 18, 9));
        assert!(!ICD10_CATEGORIES.has_category('U', 99) || ICD10_CATEGORIES.has_category('U', 99));
        assert!(!ICD10_CATEGORIES.has_category('a', 1));
        assert_eq!(
            ICD10_NEOPLASMS.get("C50.9").map(|r| r[1]),
            Some("Malignant neoplasm: Breast, unspecified")
        );
        assert_eq!(
            IARC_FAMILY_REQUIRED_SITES
                .all("07")
                .map(|r| r[1])
                .collect::<Vec<_>>(),
            ["C22*"]
        );
        assert!(
            ICDO3_MORPHOLOGY.get("8500/3").is_some() && ICDO3_MORPHOLOGY.get("8500/7").is_none()
        );
    }
}
