// SPDX-License-Identifier: MIT
//! `Content-Type` values (RFC 2045 §5.1) and their parameters: quoted
//! strings and comments, RFC 2231's continuations and extended values.

use std::borrow::Cow;

use super::encoding::unescape;
use crate::charset;

/// A `Content-Type` value (RFC 2045 §5.1): type and subtype in
/// lowercase, and the parameters.
#[derive(Default)]
pub(super) struct ContentType {
    pub(super) ctype: String,
    pub(super) subtype: Option<String>,
    params: Vec<(String, String)>,
}

impl ContentType {
    /// Reads a raw `Content-Type` value; `None` if it names no type.
    pub(super) fn read(raw: &[u8]) -> Option<ContentType> {
        let text = charset::lossy(raw);
        let text = match memchr::memchr2(b'\r', b'\n', text.as_bytes()) {
            Some(_) => Cow::Owned(without_line_ends(&text)),
            None => text,
        };
        let mut pieces = split_params(&text).into_iter();
        let kind = pieces.next()?;
        let (ctype, subtype) = match split_once(&kind, b'/') {
            Some((t, s)) => (t, Some(s)),
            None => (&*kind, None),
        };
        let ctype = ctype.trim().to_ascii_lowercase();
        if ctype.is_empty() {
            return None;
        }
        let subtype = subtype
            .map(|s| s.trim().to_ascii_lowercase())
            .filter(|s| !s.is_empty());
        let params = parameters(pieces);
        Some(ContentType { ctype, subtype, params })
    }

    pub(super) fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub(super) fn is(&self, ctype: &str, subtype: &str) -> bool {
        self.ctype == ctype && self.subtype.as_deref() == Some(subtype)
    }
}

/// `text` without its `\r` and `\n`: a folded value on one line.
fn without_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    for end in memchr::memchr2_iter(b'\r', b'\n', text.as_bytes()) {
        out.push_str(&text[start..end]);
        start = end + 1;
    }
    out.push_str(&text[start..]);
    out
}

/// `text` split at its first `byte` (an ASCII one), as
/// `str::split_once` splits it, found with `memchr`.
fn split_once(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = memchr::memchr(byte, text.as_bytes())?;
    Some((&text[..at], &text[at + 1..]))
}

/// A header value split at its semicolons outside quoted strings, with
/// comments (RFC 5322 §3.2.2) left out; quoted strings are kept as
/// written.
fn split_params(text: &str) -> Vec<Cow<'_, str>> {
    if memchr::memchr3(b'"', b'(', b'\\', text.as_bytes()).is_none() {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some((piece, after)) = split_once(rest, b';') {
            pieces.push(Cow::Borrowed(piece));
            rest = after;
        }
        pieces.push(Cow::Borrowed(rest));
        return pieces;
    }
    let mut pieces = Vec::new();
    let mut piece = Piece::default();
    let (mut quoted, mut escaped, mut comment) = (false, false, 0usize);
    // Byte by byte: every byte that steers the reading is ASCII, and the
    // bytes of a character that is not are all kept or all left out.
    for (at, &b) in text.as_bytes().iter().enumerate() {
        if escaped {
            escaped = false;
            match comment {
                0 => piece.keep(at),
                _ => piece.leave(text, at),
            }
            continue;
        }
        match b {
            b'\\' if quoted || comment > 0 => {
                escaped = true;
                match comment {
                    0 => piece.keep(at),
                    _ => piece.leave(text, at),
                }
            }
            b'"' if comment == 0 => {
                quoted = !quoted;
                piece.keep(at);
            }
            b'(' if !quoted => {
                comment += 1;
                piece.leave(text, at);
            }
            b')' if !quoted && comment > 0 => {
                comment -= 1;
                piece.leave(text, at);
            }
            _ if comment > 0 => piece.leave(text, at),
            b';' if !quoted => {
                piece.leave(text, at);
                pieces.push(Cow::Owned(std::mem::take(&mut piece.text)));
            }
            _ => piece.keep(at),
        }
    }
    piece.leave(text, text.len());
    pieces.push(Cow::Owned(piece.text));
    pieces
}

/// A piece of a header value being put together from runs of its
/// bytes that are kept.
#[derive(Default)]
struct Piece {
    text: String,
    /// Where the run of kept bytes that is not in `text` yet starts.
    run: Option<usize>,
}

impl Piece {
    /// Keeps the byte at `at`.
    fn keep(&mut self, at: usize) {
        self.run.get_or_insert(at);
    }

    /// Leaves the byte at `at` out: the run before it goes into `text`.
    fn leave(&mut self, text: &str, at: usize) {
        if let Some(start) = self.run.take() {
            self.text.push_str(&text[start..at]);
        }
    }
}

/// The parameters read: the others are of no use to a bounce's reader.
const PARAMETERS: [&str; 2] = ["boundary", "charset"];

/// The [`PARAMETERS`] of a header value, RFC 2231's continuations
/// (`name*0`, `name*1`, …) joined in order and its extended values
/// (`name*=charset'language'%XX`) decoded.
fn parameters<'a>(
    pieces: impl Iterator<Item = Cow<'a, str>>,
) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = Vec::new();
    // (name, section, extended, value) of each continued parameter.
    let mut sections: Vec<(String, u32, bool, String)> = Vec::new();
    for piece in pieces {
        let Some((name, value)) = split_once(&piece, b'=') else { continue };
        let name = name.trim();
        // The name before any `*`: only a wanted one is put in lowercase.
        let first = split_once(name, b'*').map_or(name, |(first, _)| first);
        if !PARAMETERS.iter().any(|p| p.eq_ignore_ascii_case(first)) {
            continue;
        }
        let name = name.to_ascii_lowercase();
        let (base, extended) = match name.strip_suffix('*') {
            Some(base) => (base, true),
            None => (name.as_str(), false),
        };
        let value = param_value(value.trim());
        match split_once(base, b'*') {
            Some((base, n)) => match n.parse::<u32>() {
                Ok(n) => {
                    sections.push((base.to_string(), n, extended, value));
                }
                Err(_) => continue,
            },
            None if extended => {
                let value = extended_value(&value, None).1;
                params.push((base.to_string(), value));
            }
            None => params.push((name.clone(), value)),
        }
    }
    sections.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let mut charset: Option<String> = None;
    for (name, n, extended, value) in sections {
        let value = match extended {
            true if n == 0 => {
                let (label, value) = extended_value(&value, None);
                charset = label;
                value
            }
            true => extended_value(&value, charset.as_deref()).1,
            false => value,
        };
        match params.iter_mut().find(|(p, _)| *p == name) {
            Some((_, old)) => old.push_str(&value),
            None => params.push((name, value)),
        }
    }
    params
}

/// A parameter's value: a quoted string without its quotes and escapes,
/// or a token as it is.
fn param_value(value: &str) -> String {
    let Some(inner) = value.strip_prefix('"') else {
        return value.to_string();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '"' => break,
            _ => out.push(c),
        }
    }
    out
}

/// An RFC 2231 extended value: `charset'language'text` when `charset`
/// is `None` (the first section), else `text` in that charset; `%XX`
/// is a byte. Gives the charset read and the text.
fn extended_value(
    value: &str,
    charset: Option<&str>,
) -> (Option<String>, String) {
    let (label, text) = match charset {
        Some(c) => (Some(c.to_string()), value),
        None => match value.splitn(3, '\'').collect::<Vec<_>>()[..] {
            [c, _, text] => (Some(c.to_string()), text),
            _ => (None, value),
        },
    };
    let mut bytes = Vec::with_capacity(text.len());
    unescape(text.as_bytes(), b'%', &mut bytes);
    let label = label.filter(|l| !l.is_empty());
    let decoded = label
        .as_deref()
        .and_then(|l| charset::decode(l, &bytes))
        .unwrap_or_else(|| charset::utf8(&bytes));
    (label, decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> ContentType {
        ContentType::read(raw.as_bytes()).unwrap()
    }

    #[test]
    fn type_and_subtype_are_lowercase() {
        let c =
            read(" Multipart/Report; Boundary=\"a;b\" (a comment; here)\r\n");
        assert_eq!(
            (c.ctype.as_str(), c.subtype.as_deref()),
            ("multipart", Some("report"))
        );
        assert_eq!(c.param("boundary"), Some("a;b"));
        assert!(c.is("multipart", "report"));
        let bare = read(" text");
        assert_eq!((bare.ctype.as_str(), bare.subtype), ("text", None));
        assert!(ContentType::read(b" ; charset=utf-8").is_none());
        assert!(ContentType::read(b"").is_none());
    }

    #[test]
    fn only_the_parameters_a_bounce_needs_are_kept() {
        let c = read(
            "text/plain; name=\"x.txt\"; charset=\"utf-8\"; format=flowed",
        );
        assert_eq!(c.params, [("charset".to_string(), "utf-8".to_string())]);
    }

    #[test]
    fn continuations_join_in_order() {
        let c = read(
            "multipart/mixed;\n boundary*1=\"de\"; boundary*0=abc;\n \
             boundary*x=no",
        );
        assert_eq!(c.param("boundary"), Some("abcde"));
    }

    #[test]
    fn extended_values_are_decoded() {
        let c = read("text/plain; charset*=us-ascii'en'utf%2D8");
        assert_eq!(c.param("charset"), Some("utf-8"));
        let c = read(
            "multipart/mixed; boundary*0*=iso-8859-1''%E9t; boundary*1*=%E9",
        );
        assert_eq!(c.param("boundary"), Some("été"));
        assert_eq!(
            extended_value("no quotes", None),
            (None, "no quotes".to_string())
        );
    }

    #[test]
    fn quoted_strings_lose_their_quotes_and_escapes() {
        assert_eq!(param_value(r#""a\"b" rest"#), "a\"b");
        assert_eq!(param_value("token"), "token");
        assert_eq!(
            split_params(r#"a; b="x;(y)"; c(;)"#),
            ["a", r#" b="x;(y)""#, " c"]
        );
        // Characters that are not ASCII, in a comment, a quoted string
        // and after an escape, and a comment left open.
        assert_eq!(
            split_params("t/é(é;\\é)x; b=\"é\\é;\"; c(é"),
            ["t/éx", " b=\"é\\é;\"", " c"]
        );
        assert_eq!(without_line_ends("a;\r\n\tb\n"), "a;\tb");
    }
}
