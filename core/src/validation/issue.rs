//! Findings: a rule's [`Hit`] as a check reports it, and the [`Issue`] the engine makes of it.

use std::fmt;

use crate::model::field::Field;
use crate::vocab::date::Date;
use crate::vocab::lang::{Lang, Text};

/// How serious an issue is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
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

/// A structured parameter of an issue: the values its message was made from, for a UI or a
/// batch table to use without parsing text. Never holds a personal identity number.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Param {
    /// A text or a language-neutral code (a field key, a reason such as `"check_digit"`).
    Text(String),
    /// A number (a length, a limit, a year).
    Int(i64),
    /// A list (the allowed values of a code list).
    List(Vec<String>),
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Param::Text(s) => f.write_str(s),
            Param::Int(i) => write!(f, "{i}"),
            Param::List(items) => f.write_str(&items.join(", ")),
        }
    }
}

/// A value that a check hands to the message template: what it renders as in each language,
/// and the structured [`Param`] it becomes.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A text, the same in every language.
    Text(String),
    /// A number.
    Int(i64),
    /// A list, rendered with `, `.
    List(Vec<String>),
    /// A date, rendered `YYYY-MM-DD`.
    Date(Date),
    /// A language-neutral code with its wording per language (the param is the code).
    Code(&'static str, Text),
    /// A field: rendered as its label, the param is its wire key.
    Field(Field),
}

impl Arg {
    /// A text.
    pub fn text(s: impl Into<String>) -> Arg {
        Arg::Text(s.into())
    }

    /// Appends the rendering in `lang` to `out`.
    fn render_into(&self, lang: Lang, out: &mut String) {
        use fmt::Write;
        match self {
            Arg::Text(s) => out.push_str(s),
            Arg::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Arg::List(items) => out.push_str(&items.join(", ")),
            Arg::Date(d) => {
                let _ = write!(out, "{d}");
            }
            Arg::Code(_, text) => out.push_str(text.get(lang)),
            Arg::Field(f) => out.push_str(f.label(lang)),
        }
    }

    /// The structured parameter.
    pub fn param(&self) -> Param {
        match self {
            Arg::Text(s) => Param::Text(s.clone()),
            Arg::Int(i) => Param::Int(*i),
            Arg::List(items) => Param::List(items.clone()),
            Arg::Date(d) => Param::Text(d.to_string()),
            Arg::Code(code, _) => Param::Text((*code).to_string()),
            Arg::Field(f) => Param::Text(f.key().to_string()),
        }
    }
}

/// Where a hit points: a field of the report, or a key of the input that names no field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Loc {
    /// A field.
    Field(Field),
    /// An input key that is not a field (already masked where it could hold an id).
    Key(String),
}

impl Loc {
    fn key(&self) -> &str {
        match self {
            Loc::Field(f) => f.key(),
            Loc::Key(k) => k,
        }
    }
}

/// One finding of a check: where, and the arguments of its message. A hit names no rule: the
/// engine stamps the rule whose check made it.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub(crate) locs: Vec<Loc>,
    pub(crate) args: Vec<(&'static str, Arg)>,
}

impl Hit {
    /// A hit on these fields (the issue lists them in this order).
    pub fn on(fields: &[Field]) -> Hit {
        Hit {
            locs: fields.iter().map(|f| Loc::Field(*f)).collect(),
            args: Vec::new(),
        }
    }

    /// A hit on an input key that names no field.
    pub fn on_key(key: impl Into<String>) -> Hit {
        Hit {
            locs: vec![Loc::Key(key.into())],
            args: Vec::new(),
        }
    }

    /// Adds a message argument, `{name}` in the templates.
    pub fn arg(mut self, name: &'static str, value: Arg) -> Hit {
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
    /// The values the message was made from, by name, in template order.
    pub params: Vec<(&'static str, Param)>,
}

impl Issue {
    /// The parameter `name`, if the issue has it.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, p)| p)
    }
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

/// Fills `{name}` in a template from the hit's arguments; an unknown name stays as written.
pub(crate) fn render(template: &str, args: &[(&'static str, Arg)], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, a)) => a.render_into(lang, &mut out),
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

impl Hit {
    /// The issue this hit makes for a rule.
    pub(crate) fn into_issue(
        self,
        rule_id: &'static str,
        severity: Severity,
        template: Text,
        lang: Lang,
    ) -> Issue {
        let message = render(template.get(lang), &self.args, lang);
        Issue {
            rule_id,
            severity,
            fields: self.locs.iter().map(|l| l.key().to_string()).collect(),
            message,
            params: self.args.iter().map(|(n, a)| (*n, a.param())).collect(),
        }
    }
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

    #[test]
    fn params_are_language_neutral() {
        let hit = Hit::on(&[Field::Side])
            .arg("label", Arg::Field(Field::Side))
            .arg("allowed", Arg::List(vec!["right".into(), "left".into()]))
            .arg(
                "reason",
                Arg::Code("format", Text::new("fel form", "wrong shape")),
            )
            .arg("count", Arg::Int(17));
        let issue = hit.into_issue(
            "X",
            Severity::Error,
            Text::new("{reason}", "{reason}: {allowed} {count}"),
            Lang::En,
        );
        assert_eq!(issue.message, "wrong shape: right, left 17");
        assert_eq!(issue.param("label"), Some(&Param::Text("side".into())));
        assert_eq!(issue.param("reason"), Some(&Param::Text("format".into())));
        assert_eq!(issue.param("count"), Some(&Param::Int(17)));
        assert_eq!(issue.fields, ["side"]);
    }
}
