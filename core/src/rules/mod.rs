//! Layer 4, the rules of the form and of the register: each family in its own file.
//!
//! A rule is one `static` [`Rule`] in its family's file: its ID, severity, the fields it
//! reads and reports, its rule sets, validity period, sources, Swedish and English message,
//! and its check. To add a rule, declare it in its family's file and list it in
//! [`crate::registry::RULES`]; the engine and the bindings need no change. To find a rule from
//! its ID, search for the quoted ID (`"AUTOPSY-DATE"`): it occurs once in `core/src`, in the
//! rule's declaration, and its vectors in `tests/conformance/` name it the same way.
//!
//! A rule whose check reads a few values of the report only may also join a group of
//! [`crate::validation::rule::KeyedRules`] (its file declares the group with the key of
//! those values): a batch then reuses its hits for reports with the same key.
//! `core/tests/reuse.rs` holds every group to giving the issues of validating anew.

pub mod autopsy;
pub mod codes;
pub mod confirmations;
pub mod consistency;
pub mod dates;
pub mod identity;
pub mod required;
pub mod site;
pub mod specimen;
pub mod tnm;
pub mod wire;

pub use crate::validation::rule::Rule;

/// A legal sex as messages name it ("kvinna", "man").
pub(crate) fn sex_word(sex: crate::vocab::codes::Sex) -> crate::vocab::lang::Text {
    use crate::vocab::codes::Sex;
    use crate::vocab::lang::Text;
    match sex {
        Sex::Female => Text::new("kvinna", "female"),
        Sex::Male => Text::new("man", "male"),
    }
}
