//! Layer 3, validation: what a rule is ([`rule`]), what it finds ([`issue`]), the
//! circumstances of a run ([`context`]) and the engine that runs a list of rules over a
//! decoded report ([`engine`]). Nothing here names a rule: the rules live in the layer above
//! and are handed to the engine as data.

pub mod context;
pub mod engine;
pub mod issue;
pub mod messages;
pub mod reuse;
pub mod rule;
pub mod rule_set;
