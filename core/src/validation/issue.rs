//! Findings: a rule's [`Hit`] as a check reports it, and the [`Issue`] the engine makes of it.

use std::borrow::Cow;
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Arg {
    /// A text, the same in every language.
    Text(String),
    /// A number.
    Int(i64),
    /// A list, rendered with `, `. Items from a code list or a table are borrowed, so that a
    /// hit replayed for another report (see [`super::reuse`]) copies no text.
    List(Vec<Cow<'static, str>>),
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

    /// Appends the rendering in `lang` to `out` (a writer that cannot fail: see
    /// [`render_into`]).
    fn render_into(&self, lang: Lang, out: &mut impl fmt::Write) {
        let _ = match self {
            Arg::Text(s) => out.write_str(s),
            Arg::Int(i) => out.write_str(decimal(*i, &mut [0; 20])),
            Arg::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        let _ = out.write_str(", ");
                    }
                    let _ = out.write_str(item);
                }
                Ok(())
            }
            // Digits and dashes: always UTF-8.
            Arg::Date(d) => out.write_str(std::str::from_utf8(&d.iso_bytes()).unwrap_or_default()),
            Arg::Code(_, text) => out.write_str(text.get(lang)),
            Arg::Field(f) => out.write_str(f.label(lang)),
        };
    }

    /// The structured parameter.
    pub fn param(&self) -> Param {
        match self {
            Arg::Text(s) => Param::Text(s.clone()),
            Arg::Int(i) => Param::Int(*i),
            Arg::List(items) => Param::List(items.iter().map(|s| s.to_string()).collect()),
            Arg::Date(d) => Param::Text(d.to_string()),
            Arg::Code(code, _) => Param::Text((*code).to_string()),
            Arg::Field(f) => Param::Text(f.key().to_string()),
        }
    }
}

/// `n` in decimal, written into the end of `buf` (room for every `i64`), without the
/// formatting machinery: a number is in many messages.
fn decimal(n: i64, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    // Digits and a sign: always UTF-8.
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
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
    render_into(template, args, lang, &mut out);
    out
}

/// [`render`], written to `out`, a writer that cannot fail (a `String`, or [`Checked`] around
/// one that can): its results are not looked at.
pub(crate) fn render_into(
    template: &str,
    args: &[(&'static str, Arg)],
    lang: Lang,
    out: &mut impl fmt::Write,
) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let _ = out.write_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, a)) => a.render_into(lang, out),
                    None => {
                        let _ = out.write_char('{');
                        let _ = out.write_str(name);
                        let _ = out.write_char('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                let _ = out.write_str(&rest[open..]);
                rest = "";
            }
        }
    }
    let _ = out.write_str(rest);
}

/// A writer that never fails: it passes everything on to `out` until `out` first fails, and
/// says whether it did.
struct Checked<'a, W> {
    out: &'a mut W,
    failed: bool,
}

impl<W: fmt::Write> fmt::Write for Checked<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if !self.failed {
            self.failed = self.out.write_str(s).is_err();
        }
        Ok(())
    }
}

/// An issue as the engine makes it, before it is an [`Issue`]: the rule's ID and severity
/// and the check's hit, with nothing allocated for the message or the field keys yet. A host
/// that writes issues straight into its own columns (the Python binding's Arrow arrays) takes
/// them through an [`IssueSink`] and never makes an `Issue`.
#[derive(Debug)]
pub struct IssueDraft {
    rule_id: &'static str,
    severity: Severity,
    message: Text,
    lang: Lang,
    hit: Hit,
}

impl IssueDraft {
    #[inline(always)]
    pub(crate) fn new(
        rule_id: &'static str,
        severity: Severity,
        message: Text,
        lang: Lang,
        hit: Hit,
    ) -> IssueDraft {
        IssueDraft {
            rule_id,
            severity,
            message,
            lang,
            hit,
        }
    }

    /// The rule's stable ID ([`Issue::rule_id`]).
    pub fn rule_id(&self) -> &'static str {
        self.rule_id
    }

    /// The severity ([`Issue::severity`]).
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The wire-format keys of the fields concerned ([`Issue::fields`]).
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.hit.locs.iter().map(Loc::key)
    }

    /// Writes the message ([`Issue::message`]) to `out`; an error where `out` failed.
    pub fn write_message(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let mut checked = Checked { out, failed: false };
        render_into(
            self.message.get(self.lang),
            &self.hit.args,
            self.lang,
            &mut checked,
        );
        if checked.failed {
            Err(fmt::Error)
        } else {
            Ok(())
        }
    }

    /// What the message is made of: the template in the issue's language, the arguments
    /// and the language.
    pub(crate) fn message_parts(&self) -> (&'static str, &[(&'static str, Arg)], Lang) {
        (self.message.get(self.lang), &self.hit.args, self.lang)
    }

    /// The issue.
    #[inline(always)]
    pub fn into_issue(self) -> Issue {
        self.hit
            .into_issue(self.rule_id, self.severity, self.message, self.lang)
    }
}

/// Where the engine puts the issues it makes, one at a time, in the order of
/// [`crate::ParsedReport::validate`]. A `Vec<Issue>` collects them as issues.
///
/// ```
/// use canceranmalan::batch::Validator;
/// use canceranmalan::validation::issue::{IssueDraft, IssueSink};
/// use canceranmalan::{parse_json, ValidationContext};
///
/// /// Counts issues and keeps their messages in one text, one per line.
/// #[derive(Default)]
/// struct Lines(usize, String);
///
/// impl IssueSink for Lines {
///     fn accept(&mut self, issue: IssueDraft) {
///         self.0 += 1;
///         issue.write_message(&mut self.1).unwrap();
///         self.1.push('\n');
///     }
/// }
///
/// let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
/// let report = parse_json(r#"{"partial": true, "t": "T2"}"#).unwrap();
/// let mut lines = Lines::default();
/// Validator::new(&ctx).validate_each(&report, &mut lines);
/// assert_eq!(lines.0, 1);
/// assert_eq!(lines.1, format!("{}\n", report.validate(&ctx)[0].message));
/// ```
pub trait IssueSink {
    /// Takes one issue.
    fn accept(&mut self, issue: IssueDraft);
}

impl IssueSink for Vec<Issue> {
    #[inline(always)]
    fn accept(&mut self, issue: IssueDraft) {
        self.push(issue.into_issue());
    }
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
    use proptest::prelude::*;

    proptest! {
        /// Numbers and dates render as the formatting machinery writes them.
        #[test]
        fn numbers_and_dates_render_as_formatted(
            n in any::<i64>(),
            (y, m, d) in (1u16..=9999, 1u8..=12, 1u8..=28),
        ) {
            prop_assert_eq!(render("{n}", &[("n", Arg::Int(n))], Lang::En), format!("{n}"));
            let date = Date::from_ymd(y, m, d).unwrap();
            let written = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(render("{d}", &[("d", Arg::Date(date))], Lang::En), written.clone());
            prop_assert_eq!(date.to_string(), written);
        }
    }

    #[test]
    fn the_extreme_numbers_render() {
        for n in [i64::MIN, i64::MIN + 1, -10, -1, 0, 9, 10, i64::MAX] {
            assert_eq!(
                render("{n}", &[("n", Arg::Int(n))], Lang::Sv),
                n.to_string()
            );
        }
    }

    #[test]
    fn renders_templates() {
        let args = vec![("a", Arg::text("x")), ("f", Arg::Field(Field::Icd10))];
        assert_eq!(render("{a} och {f}", &args, Lang::Sv), "x och ICD10-kod");
        assert_eq!(render("{a} and {f}", &args, Lang::En), "x and ICD-10 code");
        assert_eq!(render("{missing} {", &args, Lang::En), "{missing} {");
    }

    /// A writer that takes `room` bytes, then fails.
    struct Small(usize, String);

    impl fmt::Write for Small {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            if self.1.len() + s.len() > self.0 {
                return Err(fmt::Error);
            }
            self.1.push_str(s);
            Ok(())
        }
    }

    #[test]
    fn a_draft_writes_the_message_and_says_when_the_writer_failed() {
        let draft = || {
            let hit = Hit::on(&[Field::Side, Field::Icd10])
                .arg("allowed", Arg::List(vec!["right".into(), "left".into()]))
                .arg("count", Arg::Int(17));
            IssueDraft::new(
                "X",
                Severity::Warning,
                Text::new(
                    "{allowed} ({count})",
                    "allowed: {allowed} ({count}) {other}",
                ),
                Lang::En,
                hit,
            )
        };
        let mut whole = Small(100, String::new());
        assert_eq!(draft().write_message(&mut whole), Ok(()));
        assert_eq!(whole.1, draft().into_issue().message);
        assert_eq!(whole.1, "allowed: right, left (17) {other}");
        assert_eq!(draft().fields().collect::<Vec<_>>(), ["side", "icd10"]);
        let mut short = Small(12, String::new());
        assert_eq!(draft().write_message(&mut short), Err(fmt::Error));
        assert_eq!(short.1, "allowed: ");
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
