//! Reference tables: data with a source and a version, compiled into static arrays.
//!
//! Each table is a tab-separated file in `core/data/` whose header names its source and
//! version; `build.rs` turns it into a [`Table`] here, so nothing is read or parsed at run
//! time. Rows are sorted by their first column, and lookups binary-search it without
//! allocating.

/// A reference table: rows of text cells, sorted and unique by the first column.
#[derive(Debug)]
pub struct Table<const C: usize> {
    /// The file it was made from, e.g. `"sex_specific_sites.tsv"`.
    pub name: &'static str,
    /// Where the data come from.
    pub source: &'static str,
    /// Which edition of the source.
    pub version: &'static str,
    /// The column names.
    pub columns: [&'static str; C],
    /// The rows.
    pub rows: &'static [[&'static str; C]],
}

impl<const C: usize> Table<C> {
    /// The row whose first column is `key`.
    pub fn get(&self, key: &str) -> Option<&'static [&'static str; C]> {
        self.rows
            .binary_search_by(|r| r[0].cmp(key))
            .ok()
            .map(|i| &self.rows[i])
    }

    /// For a table of ranges (first column "from", second "to", both inclusive, not
    /// overlapping): the row whose range holds `key`.
    pub fn range_containing(&self, key: &str) -> Option<&'static [&'static str; C]> {
        // The last row that starts at or before the key.
        let after = self.rows.partition_point(|r| r[0] <= key);
        let row = self.rows.get(after.checked_sub(1)?)?;
        (C >= 2 && key <= row[1.min(C - 1)]).then_some(row)
    }

    /// Which column has this name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == name)
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
        assert_eq!(TABLE_SOURCES.len(), 2);
        for t in TABLE_SOURCES {
            assert!(!t.source.is_empty() && !t.version.is_empty(), "{}", t.name);
        }
    }
}
