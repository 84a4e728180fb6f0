//! What a rule is: one declaration with its ID, severity, the fields it reads and reports,
//! its rule sets, validity period, sources, messages and check.

use std::any::Any;
use std::cell::OnceCell;
use std::fmt;

use super::context::ValidationContext;
use super::issue::{Hit, Severity};
pub use super::rule_set::{RuleSet, FORM_AND_REGISTER};
use crate::model::field::{Field, Report, DATE_FIELDS};
use crate::model::personal_id::{ParseOptions, PersonalId, PersonalIdError};
use crate::vocab::date::Date;
use crate::vocab::icd10::Icd10;
use crate::vocab::lang::Text;
use crate::wire::decode::{ParsedReport, WireFinding};

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
    /// A staging system: UICC TNM (with its edition) or FIGO; the text names the part.
    Staging(&'static str),
    /// A reference table in `core/data/` (named by its file), which states its own source
    /// and version.
    Table(&'static str),
}

impl Source {
    /// The text that names the place in the source (empty only for the wire format, which is
    /// this library's own contract).
    pub fn detail(self) -> &'static str {
        match self {
            Source::Manual(s)
            | Source::Regulation(s)
            | Source::TaxAgency(s)
            | Source::Registry(s)
            | Source::Staging(s)
            | Source::Table(s) => s,
            Source::WireFormat => "",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Manual(s) => write!(f, "Manual v3.0 (2024-12-05), {s}"),
            Source::Regulation(s) => write!(f, "HSLF-FS 2016:7, {s}"),
            Source::TaxAgency(s) => write!(f, "Skatteverket, {s}"),
            Source::WireFormat => f.write_str("canceranmalan wire format"),
            Source::Registry(s) | Source::Staging(s) => f.write_str(s),
            Source::Table(s) => write!(f, "table {s}"),
        }
    }
}

/// The diagnosis dates a rule applies to (for rules that change with the regulations).
///
/// Where the report has no valid diagnosis date, the rule applies when the reference date
/// falls in the period.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Validity {
    /// First diagnosis date the rule applies to.
    pub from: Option<Date>,
    /// First diagnosis date the rule no longer applies to.
    pub until: Option<Date>,
}

impl Validity {
    /// Always in force.
    pub const ALWAYS: Validity = Validity {
        from: None,
        until: None,
    };

    /// True when the rule applies to a report diagnosed on `date`.
    #[inline(always)]
    pub fn contains(self, date: Date) -> bool {
        self.from.map_or(true, |f| date >= f) && self.until.map_or(true, |u| date < u)
    }
}

/// Which fields a rule's issues may name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Reports {
    /// These fields (enforced by the engine).
    Fields(&'static [Field]),
    /// Input keys that name no field (the wire format's unknown keys).
    UnknownKeys,
}

/// How a rule looks at a report.
#[derive(Clone, Copy)]
pub enum Check {
    /// Once per report. Skipped when a field it reads failed to decode.
    Report(fn(&Input<'_>, &mut Vec<Hit>)),
    /// Once for each field the rule may report (a table-driven family such as "required"),
    /// skipped for a field that failed to decode. The rule's `reads` lists those fields and
    /// any other the check reads (whose failing to decode skips nothing: the check sees it
    /// as not given).
    EachField(fn(Field, &Input<'_>, &mut Vec<Hit>)),
    /// As `Report`, where the condition (the first function) holds: a cheap look that
    /// several rules share, such as "the TNM fields gave the reader notes". The condition
    /// depends on the report alone, so the engine asks it once for rules that name it one
    /// after another, and rules whose condition fails cost it almost nothing.
    ReportWhen(fn(&Input<'_>) -> bool, fn(&Input<'_>, &mut Vec<Hit>)),
    /// As `Report`, for a check over what decoding found wrong (the wire format's own rules,
    /// which look at the findings and nothing else of the report): its issues depend on the
    /// values of the fields it may report ([`Reports::Fields`]), which it need not list in
    /// `reads`. The findings are the crate's to read, for such checks alone.
    Findings(fn(&Input<'_>, &mut Vec<Hit>)),
}

/// A validation rule, declared once.
pub struct Rule {
    /// Stable identifier, e.g. `"AUTOPSY-DATE"`. Never reused for another meaning.
    pub id: &'static str,
    /// Severity of every issue the rule raises.
    pub severity: Severity,
    /// The fields the check reads (where one failed to decode, the engine skips the check).
    pub reads: &'static [Field],
    /// The fields an issue of the rule may name.
    pub reports: Reports,
    /// The rule sets that run the rule.
    pub rule_sets: &'static [RuleSet],
    /// The diagnosis dates the rule applies to.
    pub valid: Validity,
    /// Where the rule comes from.
    pub sources: &'static [Source],
    /// Message template; `{name}` is replaced by the hit's argument.
    pub message: Text,
    /// The check.
    pub check: Check,
}

/// Rules whose checks look at a few values of the report only (and at the context), with
/// the key that holds those values: a batch validator ([`crate::batch::Validator`]) runs
/// their checks once for each key it meets and gives every later report with the same key
/// the same hits, as the checks would (see [`super::reuse`]). Register extracts repeat such
/// keys (a site with its T, N and M) far more often than not. Declared next to the rules;
/// the registry lists every group.
pub struct KeyedRules {
    /// The group's name, for documentation and tests.
    pub name: &'static str,
    /// The rules.
    pub rules: &'static [&'static Rule],
    /// Writes every value of the report that a check of the rules reads, directly or
    /// through a value derived from it. A value may be written as what the checks make of
    /// it (a date as the edition in force on it). Two reports with the same key must get the
    /// same hits from every check of the rules in the same context.
    pub key: fn(&Input<'_>, &mut Key),
}

impl fmt::Debug for KeyedRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyedRules")
            .field("name", &self.name)
            .finish()
    }
}

/// The values the checks of [`KeyedRules`] depend on, written one after the other, each tagged
/// and texts with their length, so that different values never give the same key.
#[derive(Default, Clone, PartialEq, Eq)]
pub struct Key(Vec<u8>, u64);

impl Key {
    /// Writes a field's text (as the report holds it), or its absence, where the key does not
    /// hold that field yet: the groups of one lookup (see [`crate::validation::reuse::Reuse`])
    /// write their values in turn, and a field that two of them read is written once. Which
    /// fields are skipped depends only on the order of the writes, never on the values, so
    /// different values still never give the same key.
    #[inline]
    pub fn field_text(&mut self, field: Field, text: Option<&str>) {
        let bit = 1u64 << field as u32;
        if self.1 & bit == 0 {
            self.1 |= bit;
            self.text(text);
        }
    }

    /// Writes a text, or its absence.
    #[inline]
    pub fn text(&mut self, text: Option<&str>) {
        match text {
            None => self.0.push(0),
            Some(t) => {
                // A tag and the length, written at once.
                let mut head = [1u8; 9];
                head[1..].copy_from_slice(&(t.len() as u64).to_le_bytes());
                self.0.extend_from_slice(&head);
                self.0.extend_from_slice(t.as_bytes());
            }
        }
    }

    /// Writes a number, or its absence.
    #[inline]
    pub fn int(&mut self, value: Option<i64>) {
        match value {
            None => self.0.push(0),
            Some(v) => {
                let mut tagged = [2u8; 9];
                tagged[1..].copy_from_slice(&v.to_le_bytes());
                self.0.extend_from_slice(&tagged);
            }
        }
    }

    /// The bytes written.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Forgets what was written (keeping the room).
    pub fn clear(&mut self) {
        self.0.clear();
        self.1 = 0;
    }
}

impl fmt::Debug for Key {
    /// The key's length only: a key may hold any value of a report.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({} bytes)", self.0.len())
    }
}

impl Rule {
    /// The fields an issue of the rule may name (empty for unknown keys).
    pub fn fields(&self) -> &'static [Field] {
        match self.reports {
            Reports::Fields(f) => f,
            Reports::UnknownKeys => &[],
        }
    }

    /// The sources, as text, joined by `"; "`.
    pub fn source_text(&self) -> String {
        self.sources
            .iter()
            .map(Source::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// True when `set` runs the rule.
    pub fn in_set(&self, set: RuleSet) -> bool {
        super::rule_set::in_sets(self.rule_sets, set)
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("severity", &self.severity)
            .field("reads", &self.reads)
            .field("reports", &self.reports)
            .field("sources", &self.sources)
            .finish()
    }
}

/// What a check sees: the decoded report and the context (and, for [`Check::Findings`], what
/// decoding found).
pub struct Input<'a> {
    /// The decoded report.
    parsed: &'a ParsedReport,
    /// The circumstances.
    pub ctx: &'a ValidationContext,
    /// Every rule of this run's catalogue (for the checks about rules themselves).
    pub rules: &'a [&'a Rule],
    personal_id: OnceCell<Option<Result<PersonalId, PersonalIdError>>>,
    icd10: OnceCell<Option<Icd10>>,
    /// The date fields, parsed once per run, in the order of `DATE_FIELDS`.
    dates: [OnceCell<Option<Date>>; DATE_FIELDS.len()],
    /// Values that several rules derive from the report, computed once per run.
    memo: Memo,
}

/// Slots for the values rules derive from a report, each kept under the address of the
/// function that derives it. A slot is written once and then only read, so a value can be
/// lent for as long as the run lasts; a full block chains a further block (there are a
/// handful of derived values, so the first block is the only one in practice).
#[derive(Default)]
struct Memo {
    slots: [OnceCell<(usize, Box<dyn Any>)>; 8],
    more: OnceCell<Box<Memo>>,
}

impl Memo {
    /// The value kept for `key`, where one is.
    fn get<T: 'static>(&self, key: usize) -> Option<&T> {
        let mut block = self;
        loop {
            for slot in &block.slots {
                match slot.get() {
                    Some((k, v)) if *k == key => {
                        if let Some(v) = v.downcast_ref::<T>() {
                            return Some(v);
                        }
                    }
                    Some(_) => {}
                    None => return None,
                }
            }
            block = block.more.get()?;
        }
    }

    /// Keeps `value` for `key` in the first free slot and lends it.
    fn put<T: 'static>(&self, key: usize, value: T) -> &T {
        let mut value: Box<dyn Any> = Box::new(value);
        let mut block = self;
        loop {
            for slot in &block.slots {
                match slot.set((key, value)) {
                    Ok(()) => {
                        let kept = slot.get().and_then(|(_, v)| v.downcast_ref::<T>());
                        return kept.expect("a slot just written holds its value");
                    }
                    Err((_, back)) => value = back,
                }
            }
            block = block.more.get_or_init(Box::default);
        }
    }
}

impl<'a> Input<'a> {
    /// The input for one run.
    pub fn new(
        parsed: &'a ParsedReport,
        ctx: &'a ValidationContext,
        rules: &'a [&'a Rule],
    ) -> Input<'a> {
        Input {
            parsed,
            ctx,
            rules,
            personal_id: OnceCell::new(),
            icd10: OnceCell::new(),
            dates: Default::default(),
            memo: Memo::default(),
        }
    }

    /// The report.
    pub fn report(&self) -> &'a Report {
        self.parsed.report()
    }

    /// What decoding found wrong: for [`Check::Findings`] alone (the engine counts on no
    /// other check looking at it).
    pub(crate) fn findings(&self) -> &'a [WireFinding] {
        self.parsed.findings()
    }

    /// A date field's value, where it is given and a real date.
    pub fn date(&self, field: Field) -> Option<Date> {
        let parse = || self.report().text(field)?.parse().ok();
        match DATE_FIELDS.iter().position(|f| *f == field) {
            Some(i) => *self.dates[i].get_or_init(parse),
            None => parse(),
        }
    }

    /// `derive(self)`, computed once per run however many rules ask (keyed by the function),
    /// and lent for the rest of the run.
    pub fn memo<T: 'static>(&self, derive: fn(&Input<'a>) -> T) -> &T {
        let key = derive as usize;
        if let Some(v) = self.memo.get(key) {
            return v;
        }
        // A derivation may itself ask for another (which takes the next free slot).
        let v = derive(self);
        self.memo.put(key, v)
    }

    /// The report's ICD-10 code where it is given and of the right shape, with its text
    /// (read once per run).
    pub fn icd10(&self) -> Option<(Icd10, &'a str)> {
        let text = self.report().text(Field::Icd10)?;
        let code = (*self.icd10.get_or_init(|| Icd10::parse(text)))?;
        Some((code, text))
    }

    /// The report's personal identity number read with the context's options (once per
    /// run); `None` where none is given.
    pub fn personal_id(&self) -> Option<&Result<PersonalId, PersonalIdError>> {
        self.personal_id
            .get_or_init(|| {
                let r = self.report();
                if !r.is_given(Field::PersonalId) {
                    return None;
                }
                let opts = ParseOptions::new(self.ctx.today)
                    .with_test_persons(self.ctx.allow_test_persons);
                Some(PersonalId::parse(r.personal_id.as_ref()?.reveal(), &opts))
            })
            .as_ref()
    }

    /// The patient's age in whole years at the date of diagnosis, where it is certain (a
    /// valid personal identity number with a birth date, and a valid date of diagnosis).
    pub fn age_at_diagnosis(&self) -> Option<u32> {
        self.valid_personal_id()?
            .age_at(self.date(Field::DiagnosisDate)?)
    }

    /// The patient's legal sex and the field it comes from: `sex` where given (it overrides),
    /// else the one the personal identity number gives.
    pub fn sex(&self) -> Option<(crate::vocab::codes::Sex, Field)> {
        match self.report().sex {
            Some(s) => Some((s, Field::Sex)),
            None => Some((self.valid_personal_id()?.sex()?, Field::PersonalId)),
        }
    }

    /// The valid personal identity number, where one is given and valid.
    pub fn valid_personal_id(&self) -> Option<&PersonalId> {
        self.personal_id()?.as_ref().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// One value a key function writes: a text or a number, either perhaps absent.
    #[derive(Clone, Debug, PartialEq)]
    enum Written {
        Text(Option<String>),
        Int(Option<i64>),
    }

    /// A text (short, or longer than a byte can count) or a number (small or large), as
    /// `text` says, perhaps absent.
    fn written(text: bool) -> BoxedStrategy<Written> {
        if text {
            proptest::option::of(prop_oneof![
                // Tag and length bytes inside a text, as a key's own bytes would be.
                "[a\\x00\\x01\\x02]{0,12}",
                (250usize..260, 0u8..3).prop_map(|(n, b)| "x".repeat(n) + &b.to_string()),
            ])
            .prop_map(Written::Text)
            .boxed()
        } else {
            proptest::option::of(prop_oneof![-2i64..300, any::<i64>()])
                .prop_map(Written::Int)
                .boxed()
        }
    }

    /// Values written in turn: a text or a number at each place, as `kinds` says.
    fn values() -> impl Strategy<Value = (Vec<bool>, Vec<Written>)> {
        proptest::collection::vec(any::<bool>(), 0..6).prop_flat_map(|kinds| {
            let values = kinds.iter().map(|k| written(*k)).collect::<Vec<_>>();
            (Just(kinds), values)
        })
    }

    fn key_of(values: &[Written]) -> Key {
        let mut key = Key::default();
        for v in values {
            match v {
                Written::Text(t) => key.text(t.as_deref()),
                Written::Int(i) => key.int(*i),
            }
        }
        key
    }

    /// Reads a key back, knowing what its key function writes at each place (a text or a
    /// number): the values, where every byte is read and each tag fits its place.
    fn read_key(mut bytes: &[u8], kinds: &[bool]) -> Option<Vec<Written>> {
        let mut take = |n: usize| {
            let (head, rest) = bytes.split_at_checked(n)?;
            bytes = rest;
            Some(head)
        };
        let mut values = Vec::new();
        for text in kinds {
            let tag = take(1)?[0];
            let word = |b: &[u8]| <[u8; 8]>::try_from(b).ok();
            values.push(match (tag, text) {
                (0, true) => Written::Text(None),
                (0, false) => Written::Int(None),
                (1, true) => {
                    let len = u64::from_le_bytes(word(take(8)?)?);
                    let t = take(usize::try_from(len).ok()?)?;
                    Written::Text(Some(String::from_utf8(t.to_vec()).ok()?))
                }
                (2, false) => Written::Int(Some(i64::from_le_bytes(word(take(8)?)?))),
                _ => return None,
            });
        }
        bytes.is_empty().then_some(values)
    }

    proptest! {
        /// A key can be read back into the values written (so different values never give
        /// the same key, which the reuse of hits counts on), whatever their lengths, sizes
        /// and bytes.
        #[test]
        fn a_key_reads_back_into_its_values((kinds, values) in values()) {
            prop_assert_eq!(read_key(key_of(&values).as_bytes(), &kinds), Some(values));
        }
    }

    /// A derivation of its own for each `N` (each a function of its own, with its own address).
    fn numbered<const N: usize>(_: &Input<'_>) -> usize {
        N
    }

    /// A derivation that asks for another while it runs.
    fn nested(input: &Input<'_>) -> String {
        format!("{}+1", input.memo(numbered::<40>))
    }

    #[test]
    fn memo_keeps_every_value_past_the_first_block_of_slots() {
        let parsed = crate::wire::decode::parse_json("{}").unwrap();
        let ctx = ValidationContext::new("2025-06-01".parse().unwrap());
        let input = Input::new(&parsed, &ctx, &[]);
        macro_rules! ask {
            ($($n:literal)*) => { $( assert_eq!(*input.memo(numbered::<$n>), $n); )* };
        }
        // Twenty values: the first block has eight slots, so two more are chained.
        ask!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19);
        assert_eq!(input.memo(nested), "40+1");
        // Asked again, each comes from its slot: the same place, not a new value.
        ask!(19 18 17 16 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0);
        let first: *const String = input.memo(nested);
        assert!(std::ptr::eq(first, input.memo(nested)));
        assert_eq!(*input.memo(numbered::<40>), 40);
    }
}
