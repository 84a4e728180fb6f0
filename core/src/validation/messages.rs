//! Messages made before, written again for issues whose messages are the same.
//!
//! A batch's issues repeat their messages: the same field missing, the same category outside
//! a site's list, the same code of the wrong form. A message is its rule's template filled
//! with the hit's arguments in one language, and nothing else: a [`MessageMemo`] keeps the
//! texts it made by template and arguments, so that an [`IssueSink`](super::issue::IssueSink)
//! writing many issues (the Python binding's Arrow columns) copies a kept text instead of
//! filling the template again. A message seen once is only noted: it is kept the second
//! time, so that messages that never repeat (a date, a unique wrong value) cost a hash and
//! no copy of their arguments.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use super::issue::{render_into, Arg, IssueDraft};
use super::reuse::Fx;
use crate::vocab::lang::Lang;

/// How many messages (seen or kept) a memo holds before it forgets them all and starts again.
const MAX_MESSAGES: usize = 16_384;

/// How many bytes of kept text a memo holds before it forgets them all and starts again.
const MAX_TEXT: usize = 1 << 20;

/// Messages made before, by template and arguments (see the [module](self)). Its memory is
/// bounded however many issues it sees.
///
/// ```
/// use canceranmalan::batch::Validator;
/// use canceranmalan::validation::issue::{IssueDraft, IssueSink};
/// use canceranmalan::validation::messages::MessageMemo;
/// use canceranmalan::{parse_json, ValidationContext};
///
/// /// The messages, one per line.
/// #[derive(Default)]
/// struct Lines(String, MessageMemo);
///
/// impl IssueSink for Lines {
///     fn accept(&mut self, issue: IssueDraft) {
///         self.1.write(&issue, &mut self.0).unwrap();
///         self.0.push('\n');
///     }
/// }
///
/// let ctx = ValidationContext::new("2026-11-23".parse().unwrap());
/// let reports = [r#"{"icd10": "C50.9"}"#, r#"{"icd10": "C18.7"}"#, r#"{"icd10": "C50.9"}"#];
/// let mut validator = Validator::new(&ctx);
/// let (mut lines, mut expected) = (Lines::default(), String::new());
/// for text in reports {
///     let parsed = parse_json(text).unwrap();
///     // The second and third reports repeat messages of the first: written from the memo.
///     validator.validate_each(&parsed, &mut lines);
///     for issue in parsed.validate(&ctx) {
///         expected.push_str(&issue.message);
///         expected.push('\n');
///     }
/// }
/// assert!(expected.lines().count() > reports.len());
/// assert_eq!(lines.0, expected);
/// ```
#[derive(Default)]
pub struct MessageMemo {
    /// For each hash of a template and arguments: the first of the messages with that hash
    /// (their place in `messages`).
    places: HashMap<u64, u32, BuildHasherDefault<Fx>>,
    messages: Vec<Message>,
    /// The kept texts, one after another.
    text: String,
}

/// A message seen (and, where seen twice, kept).
struct Message {
    /// The template (its address and length) and the language.
    template: (usize, usize),
    lang: Lang,
    /// The arguments and the text's place in the memo's text, once kept.
    kept: Option<Kept>,
    /// The next message with the same hash.
    next: Option<u32>,
}

/// A kept message's arguments and the place of its text in the memo's text.
type Kept = (Vec<(&'static str, Arg)>, std::ops::Range<usize>);

/// `a == b`, but the items of two lists are first compared by address: a list's items come
/// from a code list or a table, borrowed, so that a kept list and the same list in a later
/// hit mostly hold the very same texts (an item at the same address with the same length is
/// the same text; items elsewhere are compared by their bytes).
fn same_args(a: &[(&'static str, Arg)], b: &[(&'static str, Arg)]) -> bool {
    let same_text = |x: &str, y: &str| std::ptr::eq(x, y) || x == y;
    a.len() == b.len()
        && a.iter().zip(b).all(|((n, x), (m, y))| {
            same_text(n, m)
                && match (x, y) {
                    (Arg::List(x), Arg::List(y)) => {
                        x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_text(p, q))
                    }
                    _ => x == y,
                }
        })
}

impl fmt::Debug for MessageMemo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageMemo")
            .field("messages", &self.messages.len())
            .field("bytes", &self.text.len())
            .finish()
    }
}

impl MessageMemo {
    /// Writes the issue's message to `out` (what [`IssueDraft::write_message`] writes), from
    /// a kept text where the memo has one; an error where `out` failed.
    pub fn write(&mut self, issue: &IssueDraft, out: &mut impl fmt::Write) -> fmt::Result {
        let (template, args, lang) = issue.message_parts();
        let at = (template.as_ptr() as usize, template.len());
        let mut hasher = Fx::default();
        at.hash(&mut hasher);
        lang.hash(&mut hasher);
        args.hash(&mut hasher);
        let hash = hasher.finish();
        let mut next = self.places.get(&hash).copied();
        while let Some(place) = next {
            let m = &self.messages[place as usize];
            if m.template == at && m.lang == lang {
                match &m.kept {
                    Some((kept_args, range)) if same_args(kept_args, args) => {
                        return out.write_str(&self.text[range.clone()]);
                    }
                    Some(_) => {}
                    None => return self.keep(place as usize, issue, out),
                }
            }
            next = m.next;
        }
        // Not seen before: noted, and written as it is.
        if self.messages.len() >= MAX_MESSAGES || self.text.len() >= MAX_TEXT {
            self.places.clear();
            self.messages.clear();
            self.text.clear();
        }
        let place = self.messages.len() as u32;
        let next = self.places.insert(hash, place);
        self.messages.push(Message {
            template: at,
            lang,
            kept: None,
            next,
        });
        issue.write_message(out)
    }

    /// Keeps the text of the message at `place` (seen once before, with the same hash,
    /// template and language: its arguments were not kept, so this message's are), and
    /// writes it.
    fn keep(&mut self, place: usize, issue: &IssueDraft, out: &mut impl fmt::Write) -> fmt::Result {
        let (template, args, lang) = issue.message_parts();
        let start = self.text.len();
        render_into(template, args, lang, &mut self.text);
        let range = start..self.text.len();
        self.messages[place].kept = Some((args.to_vec(), range.clone()));
        out.write_str(&self.text[range])
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use proptest::prelude::*;

    use super::same_args;
    use crate::validation::issue::Arg;

    const ITEMS: [&str; 4] = ["T1", "T1a", "T2", "Tis"];

    /// A list of items from a table (borrowed) or made for the hit (owned), so that equal
    /// texts sit at one address or at two.
    fn list() -> impl Strategy<Value = Arg> {
        prop::collection::vec((0..ITEMS.len(), any::<bool>()), 0..4).prop_map(|items| {
            Arg::List(
                items
                    .into_iter()
                    .map(|(i, owned)| match owned {
                        true => Cow::Owned(ITEMS[i].to_string()),
                        false => Cow::Borrowed(ITEMS[i]),
                    })
                    .collect(),
            )
        })
    }

    fn args() -> impl Strategy<Value = Vec<(&'static str, Arg)>> {
        let arg = prop_oneof![
            list(),
            (0i64..3).prop_map(Arg::Int),
            "[ab]{0,2}".prop_map(Arg::Text)
        ];
        prop::collection::vec((prop::sample::select(vec!["a", "b"]), arg), 0..3)
    }

    proptest! {
        #[test]
        fn same_args_is_equality(a in args(), b in args()) {
            prop_assert_eq!(same_args(&a, &b), a == b);
            prop_assert!(same_args(&a, &a.clone()));
        }
    }
}
