// SPDX-License-Identifier: MIT
//! Localized messages (warnings, errors, report sentences) with their
//! placeholders filled.

use std::sync::OnceLock;

use super::names::{self, Names};
use super::schema::{Lang, Message};

/// The catalog's messages by id (the first of an id), as a report asks
/// for a dozen of the catalog's hundreds.
fn index() -> &'static Names<&'static Message> {
    static INDEX: OnceLock<Names<&'static Message>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Names::new();
        for m in &super::get().message {
            index.entry(m.id.as_str(), || m);
        }
        index
    })
}

/// The message `id`.
fn message(id: &str) -> Option<&'static Message> {
    index().get(id).copied()
}

/// The message `{id}{suffix}`, found without writing its id.
fn message_with(id: &str, suffix: &str) -> Option<&'static Message> {
    let hash = names::all_before(names::hash(suffix), id.as_bytes());
    let same = |n: &str| {
        n.len() == id.len() + suffix.len()
            && n.starts_with(id)
            && n.ends_with(suffix)
    };
    index().find(hash, same).copied()
}

/// The message `id` in `lang` with each `{name}` replaced by its value;
/// the id itself if the catalog lacks it.
pub fn text(id: &str, lang: Lang, values: &[(&str, &str)]) -> String {
    let Some(message) = message(id) else { return id.to_string() };
    fill(message.text.get(lang), values)
}

/// The message `id` in `lang` with its placeholders filled, if the
/// catalog has it: for a surface's own wording of a shared message.
pub fn find(id: &str, lang: Lang, values: &[(&str, &str)]) -> Option<String> {
    let found = message(id)?;
    Some(fill(found.text.get(lang), values))
}

/// A size as the language writes numbers: from 1 MiB (2^20 bytes) on, in
/// MiB with one decimal (`10.0 MiB`, Indonesian `10,0 MiB`), below it in
/// bytes (`2,000 bytes`, Indonesian `2.000 byte`). MiB are rounded half
/// to even as `{:.1}` rounds, in integers: formatting floats would
/// bring float printing into the WebAssembly for this one message.
///
/// ```
/// use pantul::knowledge::messages::size;
/// use pantul::Lang;
/// assert_eq!(size(10 * 1024 * 1024, Lang::En), "10.0 MiB");
/// assert_eq!(size(1_572_864, Lang::Id), "1,5 MiB");
/// assert_eq!(size(2000, Lang::En), "2,000 bytes");
/// assert_eq!(size(2000, Lang::Id), "2.000 byte");
/// ```
pub fn size(bytes: usize, lang: Lang) -> String {
    if bytes < 1_048_576 {
        return self::bytes(bytes, lang);
    }
    let point = match lang {
        Lang::Id => ',',
        Lang::En => '.',
    };
    let (tenths, rest) =
        (bytes as u128 * 10 / 1_048_576, bytes as u128 * 10 % 1_048_576);
    let up = rest * 2 > 1_048_576 || (rest * 2 == 1_048_576 && tenths % 2 == 1);
    let tenths = tenths + u128::from(up);
    format!("{}{point}{} MiB", tenths / 10, tenths % 10)
}

/// A size in bytes as the language writes it, however large.
///
/// ```
/// use pantul::knowledge::messages::bytes;
/// use pantul::Lang;
/// assert_eq!(bytes(10_485_761, Lang::En), "10,485,761 bytes");
/// assert_eq!(bytes(10_485_761, Lang::Id), "10.485.761 byte");
/// ```
pub fn bytes(bytes: usize, lang: Lang) -> String {
    let unit = match lang {
        Lang::Id => "byte",
        Lang::En => "bytes",
    };
    format!("{} {unit}", number(bytes, lang))
}

/// A whole number as the language writes it, its thousands grouped:
/// `3,000` in English, `3.000` in Indonesian.
///
/// ```
/// use pantul::knowledge::messages::number;
/// use pantul::Lang;
/// assert_eq!(number(3000, Lang::En), "3,000");
/// assert_eq!(number(1_234_567, Lang::Id), "1.234.567");
/// assert_eq!(number(999, Lang::Id), "999");
/// ```
pub fn number(n: usize, lang: Lang) -> String {
    let group = match lang {
        Lang::Id => '.',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(d);
    }
    grouped
}

/// The message for a count of `n` things: `{id}.one` when `n` is 1 and
/// `{id}.other` otherwise, with `{count}` filled with `n` besides
/// `values` (as the language writes numbers, [`number`]); the plain
/// `id` when the catalog has no such variant.
pub fn text_n(
    id: &str,
    lang: Lang,
    n: usize,
    values: &[(&str, &str)],
) -> String {
    let count = number(n, lang);
    let suffix = if n == 1 { ".one" } else { ".other" };
    let Some(message) = message_with(id, suffix).or_else(|| message(id)) else {
        return id.to_string();
    };
    // `{count}` first, then `values`, as the first of a name counts.
    let value = |name: &str| match name {
        "count" => Some(count.as_str()),
        _ => values.iter().find(|(n, _)| *n == name).map(|v| v.1),
    };
    fill_with(message.text.get(lang), value)
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
    fill_with(text, |name| values.iter().find(|(n, _)| *n == name).map(|v| v.1))
}

/// [`fill`] with each name's value asked of `value`: a name it has no
/// value for stays in place.
pub fn fill_with<'v>(
    text: &str,
    value: impl Fn(&str) -> Option<&'v str>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        match close.and_then(|c| Some((c, value(&after[..c])?))) {
            Some((c, v)) => {
                out.push_str(v);
                rest = &after[c + 1..];
            }
            None => {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_mib_round_as_floats_do() {
        for bytes in [1_048_576, 1_100_000, 10_485_761, 52_428_799] {
            let float = format!("{:.1} MiB", bytes as f64 / 1_048_576.0);
            assert_eq!(size(bytes, Lang::En), float, "{bytes}");
            assert_eq!(size(bytes, Lang::Id), float.replace('.', ","));
        }
        assert_eq!(size(0, Lang::En), "0 bytes");
        assert_eq!(size(999, Lang::En), "999 bytes");
        assert_eq!(size(1_048_575, Lang::Id), "1.048.575 byte");
    }
}
