//! The code lists of the form: sida, grund för TNM, diagnosgrund and legal sex.
//!
//! Each list is declared once with [`code_list!`]: its values, their wire keys and their
//! Swedish and English labels. The field table (`model::field`) points at these lists, and
//! decoding, the form definition and every binding derive from them.

use super::lang::Text;

/// One value of a code list: its wire key and its label.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CodeEntry {
    /// The value on the wire (`"right"`, or `"3"` for an integer code).
    pub key: &'static str,
    /// The label the form shows.
    pub label: Text,
}

/// A closed list of codes.
pub trait Code: Copy + Eq + 'static {
    /// Every value, in the form's order.
    const ALL: &'static [Self];
    /// Every value with its key and label, in the same order.
    const ENTRIES: &'static [CodeEntry];
    /// The position of this value in [`Code::ALL`].
    fn index(self) -> usize;
    /// The value on the wire.
    fn key(self) -> &'static str {
        Self::ENTRIES[self.index()].key
    }
    /// The label the form shows.
    fn label(self) -> Text {
        Self::ENTRIES[self.index()].label
    }
    /// The value for a wire key, or `None`.
    fn from_key(key: &str) -> Option<Self> {
        Self::ENTRIES
            .iter()
            .position(|e| e.key == key)
            .map(|i| Self::ALL[i])
    }
}

/// Declares a code list: the enum, its [`Code`] implementation and its entries, one row per
/// value (`Variant = "key", "svensk etikett", "English label"`).
macro_rules! code_list {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident $(= $disc:tt)? => $key:literal, $sv:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum $name {
            $( $(#[$vmeta])* $variant $(= $disc)?, )+
        }

        impl Code for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const ENTRIES: &'static [CodeEntry] = &[
                $(CodeEntry { key: $key, label: Text::new($sv, $en) }),+
            ];
            fn index(self) -> usize {
                Self::ALL.iter().position(|v| *v == self).unwrap_or(0)
            }
        }

        impl $name {
            /// The value on the wire.
            pub fn key(self) -> &'static str {
                <Self as Code>::key(self)
            }
            /// The value for a wire key, or `None`.
            pub fn from_key(key: &str) -> Option<Self> {
                <Self as Code>::from_key(key)
            }
        }
    };
}

pub(crate) use code_list;

code_list! {
    /// Sida (laterality). Mandatory on the form for paired organs and body parts.
    pub enum Side {
        /// Höger.
        Right => "right", "Höger", "Right";
        /// Vänster.
        Left => "left", "Vänster", "Left";
        /// Bilateral (both sides).
        Bilateral => "bilateral", "Bilateral", "Bilateral";
        /// Okänd.
        Unknown => "unknown", "Okänd", "Unknown";
    }
}

code_list! {
    /// Grund för TNM: whether T, N and M are clinical or pathological.
    pub enum TnmBasis {
        /// Klinisk.
        Clinical => "clinical", "Kliniskt", "Clinical";
        /// Patologisk.
        Pathological => "pathological", "Patologiskt", "Pathological";
    }
}

code_list! {
    /// Juridiskt kön (legal sex), as the ninth digit of a personnummer gives it.
    pub enum Sex {
        /// Kvinna (even ninth digit).
        Female => "female", "Kvinna", "Female";
        /// Man (odd ninth digit).
        Male => "male", "Man", "Male";
    }
}

code_list! {
    /// Diagnosgrund (basis of diagnosis), the Swedish codes 1–8; on the wire an integer.
    ///
    /// Source: RCC's Rockan/INCA code list as published in the R package *decoder* (variable
    /// `digr`, by RCC Väst staff); the two autopsy codes match the form manual v3.0, which
    /// shows *Obduktionsfynd* only for diagnosgrund 4 or 7.
    pub enum BasisOfDiagnosis {
        /// 1 – klinisk undersökning.
        ClinicalExamination = 1 => "1", "Klinisk undersökning", "Clinical examination";
        /// 2 – röntgen och annan bilddiagnostik.
        Imaging = 2 => "2", "Röntgen och annan bilddiagnostik", "Imaging";
        /// 3 – provexcision eller operation med PAD (histopathology).
        Histopathology = 3 => "3", "Provexcision eller operation med PAD", "Biopsy or surgery with histopathology";
        /// 4 – obduktion med PAD.
        AutopsyWithHistopathology = 4 => "4", "Obduktion med PAD", "Autopsy with histopathology";
        /// 5 – cytologisk undersökning.
        Cytology = 5 => "5", "Cytologisk undersökning", "Cytology";
        /// 6 – operation utan PAD.
        SurgeryWithoutHistopathology = 6 => "6", "Operation utan PAD", "Surgery without histopathology";
        /// 7 – obduktion utan PAD.
        AutopsyWithoutHistopathology = 7 => "7", "Obduktion utan PAD", "Autopsy without histopathology";
        /// 8 – annan laboratorieundersökning (markers, flow cytometry, genetics).
        OtherLaboratory = 8 => "8", "Annan laboratorieundersökning", "Other laboratory test";
    }
}

impl BasisOfDiagnosis {
    /// The Swedish code (1–8).
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The basis for a Swedish code, or `None` outside 1–8.
    pub fn from_code(code: i64) -> Option<BasisOfDiagnosis> {
        Self::ALL
            .iter()
            .copied()
            .find(|b| i64::from(b.code()) == code)
    }

    /// True for the two autopsy codes (4 and 7), where the form shows *Obduktionsfynd*.
    pub fn is_autopsy(self) -> bool {
        matches!(
            self,
            BasisOfDiagnosis::AutopsyWithHistopathology
                | BasisOfDiagnosis::AutopsyWithoutHistopathology
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<C: Code + std::fmt::Debug>() {
        assert_eq!(C::ALL.len(), C::ENTRIES.len());
        for (i, c) in C::ALL.iter().enumerate() {
            assert_eq!(c.index(), i);
            assert_eq!(C::from_key(c.key()), Some(*c));
        }
    }

    #[test]
    fn lists_round_trip() {
        round_trips::<Side>();
        round_trips::<TnmBasis>();
        round_trips::<Sex>();
        round_trips::<BasisOfDiagnosis>();
        for b in BasisOfDiagnosis::ALL {
            assert_eq!(b.key(), b.code().to_string());
            assert_eq!(BasisOfDiagnosis::from_code(b.code().into()), Some(*b));
        }
        assert_eq!(BasisOfDiagnosis::from_code(9), None);
    }
}
