//! The shape of an ICD-10 code as the form takes it.

/// An ICD-10 code in the shape the form takes: a capital letter, two digits and optionally a
/// dot and one digit (`C50`, `C50.9`). Whether the code exists is another question.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Icd10 {
    letter: u8,
    number: u8,
    subcode: Option<u8>,
}

impl Icd10 {
    /// The code for a text of the right shape, or `None`.
    ///
    /// ```
    /// use canceranmalan::Icd10;
    /// assert!(Icd10::parse("C50.9").is_some_and(|c| c.in_range(b'C', 50, 50)));
    /// assert!(Icd10::parse("c50").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Icd10> {
        let b = s.as_bytes();
        let shape = (b.len() == 3 || (b.len() == 5 && b[3] == b'.' && b[4].is_ascii_digit()))
            && b[0].is_ascii_uppercase()
            && b[1].is_ascii_digit()
            && b[2].is_ascii_digit();
        shape.then(|| Icd10 {
            letter: b[0],
            number: (b[1] - b'0') * 10 + (b[2] - b'0'),
            subcode: (b.len() == 5).then(|| b[4] - b'0'),
        })
    }

    /// True for codes `letter` + `from`..=`to` (whole categories).
    pub fn in_range(self, letter: u8, from: u8, to: u8) -> bool {
        self.letter == letter && (from..=to).contains(&self.number)
    }

    /// The chapter letter.
    pub fn letter(self) -> char {
        char::from(self.letter)
    }

    /// The two-digit category number.
    pub fn category(self) -> u8 {
        self.number
    }

    /// The digit after the dot, if any.
    pub fn subcode(self) -> Option<u8> {
        self.subcode
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for ok in ["C50", "C50.9", "D05.1", "Z99"] {
            assert!(Icd10::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "c50", "C5", "C509", "C50.", "C50.12", "C50,9", "50.9", "CC0", " C50",
        ] {
            assert!(Icd10::parse(bad).is_none(), "{bad}");
        }
        let c = Icd10::parse("D05.1").unwrap();
        assert_eq!((c.letter(), c.category(), c.subcode()), ('D', 5, Some(1)));
    }
}
