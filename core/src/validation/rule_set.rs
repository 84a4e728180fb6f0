//! Named sets of rules.

/// A named set of rules.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RuleSet {
    /// What the clinic's form checks (the default).
    #[default]
    Form,
    /// Everything, including the register's consistency checks.
    Register,
}

impl RuleSet {
    /// `"form"` or `"register"`.
    pub fn key(self) -> &'static str {
        match self {
            RuleSet::Form => "form",
            RuleSet::Register => "register",
        }
    }

    /// The rule set for a key, or `None`.
    pub fn from_key(key: &str) -> Option<RuleSet> {
        [RuleSet::Form, RuleSet::Register]
            .into_iter()
            .find(|s| s.key() == key)
    }
}

/// The rule sets of a form rule (the form runs it, and so does the register).
pub const FORM_AND_REGISTER: &[RuleSet] = &[RuleSet::Form, RuleSet::Register];

/// True when `set` is one of `sets`. A plain loop that stops at the set (a rule's first set
/// is the form's where it has that one): the web form's build (optimised for size) would call
/// out for `contains`.
/// A `const fn`, so that the registry can choose each set's rules at compile time.
#[inline(always)]
pub const fn in_sets(sets: &[RuleSet], set: RuleSet) -> bool {
    let mut i = 0;
    while i < sets.len() && sets[i] as u8 != set as u8 {
        i += 1;
    }
    i < sets.len()
}
