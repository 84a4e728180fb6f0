//! Message languages and texts that exist in Swedish and English.

/// The language of messages and labels.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
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
        if code.eq_ignore_ascii_case("sv") {
            Some(Lang::Sv)
        } else if code.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// A text in Swedish and English.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Text {
    /// Svenska.
    pub sv: &'static str,
    /// English.
    pub en: &'static str,
}

impl Text {
    /// A text from its Swedish and English forms.
    pub const fn new(sv: &'static str, en: &'static str) -> Text {
        Text { sv, en }
    }

    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.sv,
            Lang::En => self.en,
        }
    }
}
