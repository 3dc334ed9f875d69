// SPDX-License-Identifier: MIT
//! Localized messages (warnings, errors, report sentences) with their
//! placeholders filled.

use super::schema::Lang;

/// The message `id` in `lang` with each `{name}` replaced by its value;
/// the id itself if the catalog lacks it.
pub fn text(id: &str, lang: Lang, values: &[(&str, &str)]) -> String {
    let found = super::get().message.iter().find(|m| m.id == id);
    let Some(message) = found else { return id.to_string() };
    fill(message.text.get(lang), values)
}

/// Replaces each `{name}` in `text` with its value.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}
