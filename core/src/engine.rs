//! The validation engine: rules as data, run over a report, rendered as issues.
//!
//! A rule is a [`Rule`] value in the registry ([`crate::rules::RULES`]); the engine knows
//! nothing of any particular rule. A rule's check pushes [`Hit`]s; the engine turns each hit
//! into an [`Issue`] with the rule's severity and its message in the caller's language.

use std::fmt;

use crate::date::Date;
use crate::field::Field;
use crate::report::Report;
use crate::rules::ids;

/// How serious an issue is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum Severity {
    /// The report cannot be sent as it is.
    Error,
    /// Probably wrong; check it.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The language of messages.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Lang {
    /// Svenska (default).
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// `"sv"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The language for a code (`"sv"`, `"en"`; case-insensitive), or `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Where a rule comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Source {
    /// The INCA form manual, "Elektronisk canceranmälan – Manual för inrapportör" v3.0
    /// (2024-12-05); the text names the section.
    Manual(&'static str),
    /// Socialstyrelsen's regulation HSLF-FS 2016:7 (as amended by HSLF-FS 2023:36).
    Regulation(&'static str),
    /// Skatteverket, the Swedish Tax Agency (population registration, personal identity numbers).
    TaxAgency(&'static str),
    /// This library's wire format (the contract of its API).
    WireFormat,
    /// A European or international registry standard (ENCR, IARC/IACR).
    Registry(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Manual(s) => write!(f, "Manual v3.0 (2024-12-05), {s}"),
            Source::Regulation(s) => write!(f, "HSLF-FS 2016:7, {s}"),
            Source::TaxAgency(s) => write!(f, "Skatteverket, {s}"),
            Source::WireFormat => f.write_str("canceranmalan wire format"),
            Source::Registry(s) => f.write_str(s),
        }
    }
}

/// A validation rule: data, plus the check that finds its hits.
pub struct Rule {
    /// Stable identifier, e.g. `"AUTOPSY-DATE"`. Never reused for another meaning.
    pub id: &'static str,
    /// Severity of every issue the rule raises.
    pub severity: Severity,
    /// The fields the rule concerns (an issue names the ones involved in that case).
    pub fields: &'static [Field],
    /// Message template in Swedish; `{name}` is replaced by the hit's argument.
    pub message_sv: &'static str,
    /// Message template in English.
    pub message_en: &'static str,
    /// Where the rule comes from.
    pub source: Source,
    /// The check. `None` for rules that decoding raises (wire-format rules).
    pub check: Option<fn(&Report, &ValidationContext, &mut Vec<Hit>)>,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("severity", &self.severity)
            .field("fields", &self.fields)
            .field("source", &self.source)
            .finish()
    }
}

/// A value substituted into a message template.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Arg {
    /// The same in every language.
    Text(String),
    /// Differs by language.
    Lang(&'static str, &'static str),
    /// A field's label in the message language.
    Field(Field),
}

impl Arg {
    pub(crate) fn text(s: impl Into<String>) -> Arg {
        Arg::Text(s.into())
    }
    pub(crate) fn lang(sv: &'static str, en: &'static str) -> Arg {
        Arg::Lang(sv, en)
    }
    fn render(&self, lang: Lang) -> &str {
        match (self, lang) {
            (Arg::Text(s), _) => s,
            (Arg::Lang(sv, _), Lang::Sv) | (Arg::Lang(_, sv), Lang::En) => sv,
            (Arg::Field(f), l) => f.label(l),
        }
    }
}

/// One finding of a rule: which fields, and the arguments of its message.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub(crate) rule: &'static str,
    pub(crate) fields: Vec<String>,
    pub(crate) args: Vec<(&'static str, Arg)>,
}

impl Hit {
    pub(crate) fn new(rule: &'static str, fields: Vec<String>) -> Hit {
        Hit {
            rule,
            fields,
            args: Vec::new(),
        }
    }
    pub(crate) fn on(rule: &'static str, fields: &[Field]) -> Hit {
        Hit::new(rule, fields.iter().map(|f| f.key().to_string()).collect())
    }
    pub(crate) fn arg(mut self, name: &'static str, value: Arg) -> Hit {
        self.args.push((name, value));
        self
    }
}

/// What validation found: one rule's finding on one or more fields.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Issue {
    /// The rule's stable ID.
    pub rule_id: &'static str,
    /// The rule's severity.
    pub severity: Severity,
    /// The wire-format keys of the fields concerned (for an unknown key: that key).
    pub fields: Vec<String>,
    /// The message in the requested language.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} [{}] {}: {}",
            self.severity,
            self.rule_id,
            self.fields.join(", "),
            self.message
        )
    }
}

/// The circumstances of a validation: the reference date ("today") and the language.
///
/// ```
/// use canceranmalan::{Lang, ValidationContext};
/// let ctx = ValidationContext::new("2025-03-01".parse().unwrap()).with_lang(Lang::En);
/// assert_eq!(ctx.today.to_string(), "2025-03-01");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ValidationContext {
    /// The reference date: no date in the report may be after it.
    pub today: Date,
    /// The language of messages.
    pub lang: Lang,
    /// Whether INCA's fictitious test persons (century 13, e.g. `13851118-9329`) are accepted.
    pub allow_test_persons: bool,
}

impl ValidationContext {
    /// A context for `today`, in Swedish, not accepting test persons.
    pub fn new(today: Date) -> ValidationContext {
        ValidationContext {
            today,
            lang: Lang::Sv,
            allow_test_persons: false,
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
}

fn render(template: &str, args: &[(&'static str, Arg)], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, a)) => out.push_str(a.render(lang)),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Runs every registered rule and renders decoding findings and hits as issues.
pub(crate) fn run(report: &Report, findings: &[Hit], ctx: &ValidationContext) -> Vec<Issue> {
    let mut hits: Vec<Hit> = findings.to_vec();
    let mut checked = Vec::new();
    for rule in crate::rules::RULES {
        if let Some(check) = rule.check {
            check(report, ctx, &mut checked);
        }
    }
    // A field whose value could not be decoded (wrong type, outside its code list) is reported
    // once, by decoding; rules do not judge its absence again (no "missing" on top of "wrong
    // type"). A repeated key is different: its first value was kept and is checked.
    let undecoded = |key: &String| {
        findings.iter().any(|f| {
            matches!(f.rule, ids::WRONG_TYPE | ids::INVALID_VALUE) && f.fields.contains(key)
        })
    };
    hits.extend(
        checked
            .into_iter()
            .filter(|h| !h.fields.iter().any(undecoded)),
    );
    hits.into_iter()
        .map(|h| {
            // Every hit names a registered rule (a test holds the registry to that); in a
            // release build a slip would show as the first rule rather than abort the host.
            let rule = crate::rules::rule(h.rule);
            debug_assert!(rule.is_some(), "unregistered rule {}", h.rule);
            let rule = rule.unwrap_or(&crate::rules::RULES[0]);
            let template = match ctx.lang {
                Lang::Sv => rule.message_sv,
                Lang::En => rule.message_en,
            };
            Issue {
                rule_id: rule.id,
                severity: rule.severity,
                fields: h.fields,
                message: render(template, &h.args, ctx.lang),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_templates() {
        let args = vec![("a", Arg::text("x")), ("f", Arg::Field(Field::Icd10))];
        assert_eq!(render("{a} och {f}", &args, Lang::Sv), "x och ICD10-kod");
        assert_eq!(render("{a} and {f}", &args, Lang::En), "x and ICD-10 code");
        assert_eq!(render("{missing} {", &args, Lang::En), "{missing} {");
    }
}
