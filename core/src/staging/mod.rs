//! Layer 5, staging: TNM and FIGO.
//!
//! - [`tnm`] reads TNM as clinicians write it into a structured value with a canonical
//!   notation;
//! - [`sites`] knows which classification a site has and which categories each UICC edition
//!   allows there, and which editions a report is read by;
//! - [`stage`] derives the UICC stage group (or the FIGO stage that TNM corresponds to) from
//!   decision tables, with the row that gave it;
//! - [`figo`] reads FIGO stages and knows the labels of each site and FIGO edition;
//! - [`rules`] declares the TNM and FIGO rules that `validate` runs, and `parse_tnm` and
//!   `parse_figo`, which give the same issues for free text.
//!
//! The tables are data in `core/data/` (`tnm_schemes.tsv`, `tnm_categories.tsv`,
//! `stage_groups.tsv`, `figo_labels.tsv`, `staging_editions.tsv`, `thyroid_histology.tsv`),
//! each naming its source and edition. The specification the library follows, with its 53
//! test vectors, is the project's `tnm-figo-spec.md`; where it marks a fact as inference the
//! table's row says so.

pub mod figo;
pub mod rules;
pub mod sites;
pub mod stage;
pub mod tnm;
