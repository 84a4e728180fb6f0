//! Reuse of the hits of [`KeyedRules`] across the reports of a batch.
//!
//! The checks of [`KeyedRules`] look at the values their key holds and at nothing else of
//! the report. A [`Reuse`] keeps, for each key it met, the hits each of the checks gave,
//! so that the engine, meeting the key again, hands those hits on instead of running the
//! checks again. The hits then go through the engine exactly as fresh ones do (severity,
//! confirmation, declared fields, message), so a report's issues are the same with a reuse
//! as without (a test holds the engine to that over generated reports).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::issue::Hit;
use super::rule::{Input, Key, KeyedRules, Rule, Validity};

/// A group is judged after each window of this many lookups: where fewer than one in
/// [`FEW`] found its key, the group is no longer looked up (an extract whose values for the
/// group are nearly all unique, such as free text in T, N and M, pays for lookups that seldom
/// find). A fresh reuse finds few keys at first (a third of the TNM keys of the synthetic
/// extract's first 500 reports, nine in ten after 20 000), so the window is long and the bar
/// low: a found key saves a whole check, a missed one costs a lookup.
const WINDOW: u32 = 4096;

/// See [`WINDOW`].
const FEW: u32 = 8;

/// How many keys a reuse holds before it forgets them all and starts again: memory stays
/// bounded however long the batch (a key with its hits is some hundred bytes).
const MAX_KEYS: usize = 16_384;

/// The hits of the checks of keyed rules for each key met so far, for one context and one
/// list of rules (see [`crate::batch::Validator`], which keeps one).
pub struct Reuse {
    /// The groups of keyed rules, in lookups (the groups of one lookup share a key). Here a
    /// "group" is a lookup: its place in this list.
    groups: &'static [&'static [&'static KeyedRules]],
    /// The list of rules the entries were made for (its address and length): the engine
    /// numbers the rules by their place in it.
    run: (usize, usize),
    /// For each place in that list, the rule's group (its place in `groups`), if any.
    group_at: Vec<Option<u8>>,
    /// For each place in that list, the end of the row of places from it on whose rules are
    /// of its group (a group's rules mostly stand together in the list: see
    /// [`Reuse::settled`]).
    row_end: Vec<usize>,
    /// For each place in that list, whether its rule is in force at every date.
    always: Vec<bool>,
    /// Each key's place in `entries`.
    places: HashMap<Box<[u8]>, u32, BuildHasherDefault<Fx>>,
    entries: Vec<Entry>,
    /// For each group, its entry for the report being validated, once asked for.
    current: Vec<Option<u32>>,
    /// For each group, how many reports of the current window asked for its key, and how
    /// many found it.
    asked: Vec<(u32, u32)>,
    key: Key,
    /// The engine's buffer of hits, kept empty between reports so that a batch allocates it
    /// once.
    hits: Vec<Hit>,
}

impl std::fmt::Debug for Reuse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reuse")
            .field("keys", &self.entries.len())
            .finish()
    }
}

/// What the checks gave for one key.
#[derive(Default)]
struct Entry {
    /// The rules (by their place in the list) whose check has run for this key.
    ran: Vec<u64>,
    /// Their hits, each with the rule's place.
    hits: Vec<(u32, Hit)>,
}

impl Reuse {
    /// An empty reuse for these groups of keyed rules, in lookups (at most 255): the groups
    /// of one lookup are looked up under one key, which each group's key function writes in
    /// turn.
    pub fn new(groups: &'static [&'static [&'static KeyedRules]]) -> Reuse {
        Reuse {
            groups,
            run: (0, 0),
            group_at: Vec::new(),
            row_end: Vec::new(),
            always: Vec::new(),
            places: HashMap::default(),
            entries: Vec::new(),
            current: vec![None; groups.len()],
            asked: vec![(0, 0); groups.len()],
            key: Key::default(),
            hits: Vec::new(),
        }
    }

    /// The buffer of hits for one report's run (empty).
    #[inline]
    pub(crate) fn take_hits(&mut self) -> Vec<Hit> {
        std::mem::take(&mut self.hits)
    }

    /// Gives back the buffer [`Reuse::take_hits`] gave, emptied, for the next report.
    #[inline]
    pub(crate) fn give_hits(&mut self, mut hits: Vec<Hit>) {
        hits.clear();
        self.hits = hits;
    }

    /// Readies the reuse for one report validated with the rules `run`: what was kept for
    /// another list of rules, or more keys than the bound, is forgotten.
    pub(crate) fn begin(&mut self, run: &[&Rule]) {
        let list = (run.as_ptr() as usize, run.len());
        if self.run != list {
            self.run = list;
            let groups = self.groups;
            self.group_at = run
                .iter()
                .map(|rule| {
                    let group = groups.iter().position(|g| {
                        g.iter()
                            .any(|k| k.rules.iter().any(|r| std::ptr::eq(*r, *rule)))
                    })?;
                    u8::try_from(group).ok()
                })
                .collect();
            self.always = run.iter().map(|r| r.valid == Validity::ALWAYS).collect();
            self.row_end = vec![0; run.len()];
            for place in (0..run.len()).rev() {
                let same = self.group_at[place].is_some()
                    && self.group_at.get(place + 1) == Some(&self.group_at[place]);
                self.row_end[place] = if same {
                    self.row_end[place + 1]
                } else {
                    place + 1
                };
            }
            self.places.clear();
            self.entries.clear();
            self.asked.fill((0, 0));
        }
        if self.entries.len() >= MAX_KEYS {
            self.places.clear();
            self.entries.clear();
        }
        self.current.fill(None);
    }

    /// True when the rule at `place` in the list of rules is in force at every date.
    #[inline]
    pub(crate) fn always(&self, place: usize) -> bool {
        self.always.get(place).copied().unwrap_or(false)
    }

    /// The group of the rule at `place` in the list of rules, where it is keyed.
    #[inline]
    pub(crate) fn group_at(&self, place: usize) -> Option<u8> {
        self.group_at.get(place).copied().flatten()
    }

    /// The entry of the group for the report `input` holds (made empty where the key is new).
    pub(crate) fn entry(&mut self, group: u8, input: &Input<'_>) -> u32 {
        let g = usize::from(group);
        if let Some(e) = self.current[g] {
            return e;
        }
        self.key.clear();
        for keyed in self.groups[g] {
            (keyed.key)(input, &mut self.key);
        }
        let asked = &mut self.asked[g];
        asked.0 += 1;
        let e = match self.places.get(self.key.as_bytes()) {
            Some(&e) => {
                asked.1 += 1;
                e
            }
            None => {
                let e = self.entries.len() as u32;
                self.entries.push(Entry::default());
                self.places.insert(self.key.as_bytes().into(), e);
                e
            }
        };
        self.current[g] = Some(e);
        let (looked, found) = *asked;
        if looked == WINDOW {
            *asked = (0, 0);
        }
        if looked == WINDOW && found < WINDOW / FEW {
            // Too few found: the group's rules run as without a reuse from now on.
            for at in &mut self.group_at {
                if *at == Some(group) {
                    *at = None;
                }
            }
        }
        e
    }

    /// Appends to `out` the hits the rule at `place` gave for the entry's key and returns
    /// true, or returns false where its check has not run for the key.
    #[inline]
    pub(crate) fn replay(&self, entry: u32, place: usize, out: &mut Vec<Hit>) -> bool {
        let e = &self.entries[entry as usize];
        let ran = is_set(&e.ran, place);
        if ran {
            for (p, hit) in &e.hits {
                if *p as usize == place {
                    out.push(hit.clone());
                }
            }
        }
        ran
    }

    /// The places from `place` to the end of the row of its group's rules that stand
    /// together in the list (a group's rules mostly do).
    #[inline]
    pub(crate) fn row(&self, place: usize) -> std::ops::Range<usize> {
        place..self.row_end.get(place).copied().unwrap_or(place + 1)
    }

    /// True when, for the entry's key, the checks of all the rules at `places` that `runs`
    /// (judged for the report at hand) have run: their hits are then all known, and
    /// [`Reuse::hits`] holds them.
    pub(crate) fn settled(
        &self,
        entry: u32,
        mut places: std::ops::Range<usize>,
        runs: impl Fn(usize) -> bool,
    ) -> bool {
        let ran = &self.entries[entry as usize].ran;
        // The usual case first: every rule of the row has run (a word at a time).
        all_set(ran, places.clone()) || places.all(|p| is_set(ran, p) || !runs(p))
    }

    /// The hits kept for the entry's key, each with its rule's place (in the order they
    /// were kept).
    #[inline]
    pub(crate) fn hits(&self, entry: u32) -> &[(u32, Hit)] {
        &self.entries[entry as usize].hits
    }

    /// Keeps the hits the rule at `place` gave for the entry's key.
    pub(crate) fn keep(&mut self, entry: u32, place: usize, hits: &[Hit]) {
        let e = &mut self.entries[entry as usize];
        if e.ran.len() <= place / 64 {
            e.ran.resize(place / 64 + 1, 0);
        }
        e.ran[place / 64] |= 1 << (place % 64);
        e.hits
            .extend(hits.iter().map(|h| (place as u32, h.clone())));
    }
}

/// True when bit `p` of the words is set.
fn is_set(words: &[u64], p: usize) -> bool {
    words.get(p / 64).is_some_and(|w| w & (1 << (p % 64)) != 0)
}

/// True when every bit of `bits` is set in the words (a word at a time).
fn all_set(words: &[u64], bits: std::ops::Range<usize>) -> bool {
    let mut from = bits.start;
    while from < bits.end {
        let (word, bit) = (from / 64, from % 64);
        let to = bits.end.min((word + 1) * 64);
        let width = to - from;
        let mask = if width == 64 {
            !0
        } else {
            ((1u64 << width) - 1) << bit
        };
        if words.get(word).map_or(true, |w| w & mask != mask) {
            return false;
        }
        from = to;
    }
    true
}

/// A fast hash for the keys (the multiplicative hash rustc uses for its own tables). It is
/// not made to withstand keys chosen to collide; the bound on the number of keys bounds the
/// harm of such an extract to a slower batch.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let word = |c: &[u8]| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(word(c));
        }
        let rest = chunks.remainder();
        if rest.is_empty() {
            return;
        }
        // The last bytes: as the last eight (some hashed before: the slice's length, hashed
        // first, keeps keys apart), or, in a slice shorter than eight, read in two loads that
        // together cover every byte (a message's argument names and the items of its lists
        // are mostly a few bytes long).
        let last = match bytes.len().checked_sub(8) {
            Some(from) => word(&bytes[from..]),
            None => short(rest),
        };
        self.add(last);
    }

    // The integers are added whole: their default goes through `write`, a byte at a time
    // for the short ones (a text's end marker, a date's month and day).
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// One to seven bytes as a word: two loads (of four bytes, or of the first, middle and last
/// byte) that together cover every byte, so that texts of one length give different words.
#[inline(always)]
fn short(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if n >= 4 {
        let four = |at: usize| {
            u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        u64::from(four(0)) | u64::from(four(n - 4)) << 32
    } else if n > 0 {
        u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16
    } else {
        0
    }
}

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::{all_set, is_set, short};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn texts_of_one_length_under_eight_give_different_words(
            a in prop::collection::vec(any::<u8>(), 0..8),
            b in prop::collection::vec(any::<u8>(), 0..8),
        ) {
            let b = if b.len() == a.len() { b } else { a.iter().map(|x| x ^ 1).collect() };
            prop_assert_eq!(short(&a) == short(&b), a == b);
        }
    }

    #[test]
    fn all_set_agrees_with_each_bit_over_word_boundaries() {
        // Words with a gap at each of a few places, and full ones.
        let patterns: [[u64; 3]; 4] = [
            [!0, !0, !0],
            [!0 ^ (1 << 63), !0, !0],
            [!0, !0 ^ 1, !0 ^ (1 << 5)],
            [0x00ff_00ff_00ff_00ff, !0, 0],
        ];
        for words in &patterns {
            for len in [1, 2, 3] {
                let words = &words[..len];
                for start in 0..=len * 64 + 2 {
                    for end in start..=len * 64 + 2 {
                        let each = (start..end).all(|p| is_set(words, p));
                        assert_eq!(
                            all_set(words, start..end),
                            each,
                            "{words:x?} {start}..{end}"
                        );
                    }
                }
            }
        }
    }
}
