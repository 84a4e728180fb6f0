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
