//! The circumstances of a validation.

use super::rule_set::{in_sets, RuleSet};
use crate::vocab::date::Date;
use crate::vocab::lang::Lang;

/// The circumstances of a validation: the reference date ("today"), the language, whether
/// INCA's test persons are accepted and which rule set runs.
///
/// The core reads no clock: the caller always gives "today". Every binding follows one
/// policy: where the caller leaves the reference date out, it is the host's local calendar
/// day at the moment of the call (Python `datetime.date.today()`, JavaScript `new Date()` read
/// as a local day, Kotlin `LocalDate.now()`).
///
/// ```
/// use canceranmalan::{Lang, ValidationContext};
/// let ctx = ValidationContext::new("2025-03-01".parse().unwrap()).with_lang(Lang::En);
/// assert_eq!(ctx.today.to_string(), "2025-03-01");
/// ```
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ValidationContext {
    /// The reference date: no date in the report may be after it.
    pub today: Date,
    /// The language of messages.
    pub lang: Lang,
    /// Whether INCA's fictitious test persons (century 13, e.g. `13851118-9329`) are accepted.
    pub allow_test_persons: bool,
    /// Which rules run: the rules of this set…
    pub rule_set: RuleSet,
    /// …or, where given, exactly the rules with these IDs (of any set)…
    pub include: Option<Vec<String>>,
    /// …without the rules with these IDs (exclusion wins).
    pub exclude: Vec<String>,
}

impl ValidationContext {
    /// A context for `today`, in Swedish, not accepting test persons, with the form's rules.
    pub fn new(today: Date) -> ValidationContext {
        ValidationContext {
            today,
            lang: Lang::Sv,
            allow_test_persons: false,
            rule_set: RuleSet::Form,
            include: None,
            exclude: Vec::new(),
        }
    }

    /// True when a rule with this ID and these sets runs in this context.
    #[inline(always)]
    pub fn runs(&self, id: &str, sets: &[RuleSet]) -> bool {
        let chosen = match &self.include {
            Some(ids) => ids.iter().any(|i| i == id),
            None => in_sets(sets, self.rule_set),
        };
        chosen && (self.exclude.is_empty() || !self.exclude.iter().any(|e| e == id))
    }

    /// True when the context chooses rules by its rule set alone (no IDs included or
    /// excluded): then [`ValidationContext::runs`] is [`in_sets`] of its rule set.
    #[inline(always)]
    pub fn by_rule_set_alone(&self) -> bool {
        self.include.is_none() && self.exclude.is_empty()
    }

    /// The same context running exactly the rules with these IDs.
    pub fn with_include(self, ids: Option<Vec<String>>) -> ValidationContext {
        ValidationContext {
            include: ids,
            ..self
        }
    }

    /// The same context without the rules with these IDs.
    pub fn with_exclude(self, ids: Vec<String>) -> ValidationContext {
        ValidationContext {
            exclude: ids,
            ..self
        }
    }

    /// The same context in another language.
    pub fn with_lang(self, lang: Lang) -> ValidationContext {
        ValidationContext { lang, ..self }
    }

    /// The same context, accepting or refusing INCA's test persons.
    pub fn with_test_persons(self, allow: bool) -> ValidationContext {
        ValidationContext {
            allow_test_persons: allow,
            ..self
        }
    }

    /// The same context with another rule set.
    pub fn with_rule_set(self, rule_set: RuleSet) -> ValidationContext {
        ValidationContext { rule_set, ..self }
    }
}
