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

/// The message for a count of `n` things: `{id}.one` when `n` is 1 and
/// `{id}.other` otherwise, with `{count}` filled with `n` besides
/// `values`; the plain `id` when the catalog has no such variant.
pub fn text_n(
    id: &str,
    lang: Lang,
    n: usize,
    values: &[(&str, &str)],
) -> String {
    let count = n.to_string();
    let mut all = vec![("count", count.as_str())];
    all.extend_from_slice(values);
    let variant = format!("{id}.{}", if n == 1 { "one" } else { "other" });
    let messages = &super::get().message;
    if messages.iter().any(|m| m.id == variant) {
        text(&variant, lang, &all)
    } else {
        text(id, lang, &all)
    }
}

/// Replaces each `{name}` in `text` that `values` names with its value,
/// in one pass: a value that itself holds braces is left as it is.
/// Unknown names stay in place.
///
/// ```
/// use pantul::knowledge::messages::fill;
/// let s = fill("Check {ip} at {url}", &[("ip", "{url}"), ("url", "x")]);
/// assert_eq!(s, "Check {url} at x");
/// ```
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let value = close.and_then(|c| {
            values.iter().find(|(name, _)| *name == &after[..c]).map(|v| v.1)
        });
        match (close, value) {
            (Some(c), Some(v)) => {
                out.push_str(v);
                rest = &after[c + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names inside `{…}` in a text, in order.
///
/// ```
/// use pantul::knowledge::messages::placeholders;
/// let names: Vec<&str> = placeholders("{ip} on {list}").collect();
/// assert_eq!(names, ["ip", "list"]);
/// ```
pub fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|p| p.0)
}
