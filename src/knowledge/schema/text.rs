// SPDX-License-Identifier: MIT
//! Text in both of Pantul's languages, side by side.

use serde::{Deserialize, Serialize};

/// A text in Bahasa Indonesia and English.
///
/// In a knowledge file: `title = { id = "…", en = "…" }`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

/// A list of texts, each given in both languages.
pub type Texts = Vec<Text>;

/// A language Pantul speaks.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// The language with this code (`"id"` or `"en"`, any case, with or
    /// without a region such as `"en-US"`).
    pub fn from_code(code: &str) -> Option<Lang> {
        let base = code.split(['-', '_']).next()?.to_ascii_lowercase();
        match base.as_str() {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's code, `"id"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}
