// SPDX-License-Identifier: MIT
//! Text from a notice made safe to show.
//!
//! A bounce is written by strangers, and its words reach terminals,
//! pages and tickets. Control characters (ESC starts the sequences that
//! move a terminal's cursor, recolour it or retitle its window) and the
//! characters that override the direction of text (which can make
//! `moc.elpmaxe` read `example.com`) have no place in a server's reply,
//! an address or a host name. The report keeps them visible instead:
//!
//! | in the notice | in the report |
//! |---|---|
//! | a control character other than tab and line feed: C0, DEL, C1 | `\x1b`, `\x7f`, `\x9b` |
//! | a direction mark, embedding, override or isolate, a line or paragraph separator | `<U+202E>` |
//! | a zero-width space, word joiner or byte order mark inside the text | `<U+200B>` |
//!
//! and warns with `warning.hidden-characters`. [`visible_line`] also
//! shows tab, line feed and carriage return, for text that must stay on
//! one line (the CLI's summary).

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with its control and direction characters shown as escapes
/// (tab and line feed kept), borrowed when it has none.
///
/// ```
/// use pantul::visible::visible;
/// assert_eq!(visible("550 \u{1b}[31mred"), "550 \\x1b[31mred");
/// assert_eq!(visible("a\u{202E}b"), "a<U+202E>b");
/// assert_eq!(visible("plain text\n"), "plain text\n");
/// ```
pub fn visible(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// `text` as [`visible`] shows it, with tab, line feed and carriage
/// return shown too (`\x09`, `\x0a`, `\x0d`), so that it stays on one
/// line.
///
/// ```
/// use pantul::visible::visible_line;
/// assert_eq!(visible_line("a\nb\tc"), "a\\x0ab\\x09c");
/// ```
pub fn visible_line(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// True if and only if [`visible`] would change `text`.
pub fn has_hidden(text: &str) -> bool {
    text.chars().any(|c| hidden(c, false))
}

fn escape(text: &str, one_line: bool) -> Cow<'_, str> {
    // Most texts are printable ASCII, which a byte test tells at once
    // (natively: in the WebAssembly, the test is not worth its bytes).
    let plain = |b: u8| {
        (0x20..0x7f).contains(&b) || (!one_line && matches!(b, b'\t' | b'\n'))
    };
    if cfg!(not(target_arch = "wasm32")) && text.bytes().all(plain) {
        return Cow::Borrowed(text);
    }
    if !text.chars().any(|c| hidden(c, one_line)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !hidden(c, one_line) {
            out.push(c);
        } else if is_control(c) {
            let _ = write!(out, "\\x{:02x}", u32::from(c));
        } else {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        }
    }
    Cow::Owned(out)
}

/// True if and only if `c` is shown as an escape.
fn hidden(c: char, one_line: bool) -> bool {
    if c == '\t' || c == '\n' {
        return one_line;
    }
    is_control(c) || is_direction(c) || is_zero_width(c)
}

/// Characters that take no room and join or split nothing a reader
/// needs: the zero-width space, the word joiner and the byte order mark
/// (a zero-width no-break space inside text). The zero-width joiner and
/// non-joiner are left alone: scripts such as Persian and Devanagari
/// and emoji sequences need them.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// True if and only if `c` has no place inside an address: a control
/// character, a direction character or a zero-width one, which a
/// reader cannot see and a mail server takes as part of the address.
pub fn hides_in_address(c: char) -> bool {
    c != '\t'
        && c != '\n'
        && (is_control(c) || is_direction(c) || is_zero_width(c))
}

/// True if and only if `c` is a direction or zero-width character: one
/// that hides in text without being a control character.
pub fn is_mark(c: char) -> bool {
    is_direction(c) || is_zero_width(c)
}

/// C0 controls, DEL and C1 controls.
fn is_control(c: char) -> bool {
    matches!(u32::from(c), 0..=0x1f | 0x7f..=0x9f)
}

/// Characters that change the direction or the lines of the text
/// around them without showing themselves: the Arabic letter mark, the
/// left-to-right and right-to-left marks, the line and paragraph
/// separators, the embeddings and overrides, and the isolates.
fn is_direction(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// The length of the terminal control sequence (`ESC [ params final`,
/// ECMA-48's CSI) that `text` opens with, if it opens with one.
///
/// ```text
/// \x1b[31m  \x1b[0m  \x1b[2J
/// ```
pub fn control_sequence_len(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("\u{1b}[")?;
    let params = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b';' | b'?' | b':'))
        .count();
    let last = *rest.as_bytes().get(params)?;
    (0x40..=0x7e).contains(&last).then_some(2 + params + 1)
}

/// `text` without the characters that hide in an address
/// ([`hides_in_address`]) and without terminal control sequences:
/// what a reader sees of it.
///
/// ```
/// use pantul::visible::without_hidden;
/// assert_eq!(without_hidden("adm\u{200B}in@example.com"), "admin@example.com");
/// assert_eq!(without_hidden("a\u{1b}[31mred\u{1b}[0m@example.com"), "ared@example.com");
/// ```
pub fn without_hidden(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hides_in_address) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        if let Some(n) = control_sequence_len(&text[at..]) {
            at += n;
            continue;
        }
        if !hides_in_address(c) {
            out.push(c);
        }
        at += c.len_utf8();
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_controls_and_direction_characters() {
        let got = visible("a\u{7}b\u{7f}c\u{9b}d\u{61C}e\u{2067}f\u{200F}");
        assert_eq!(got, "a\\x07b\\x7fc\\x9bd<U+061C>e<U+2067>f<U+200F>");
        assert_eq!(visible("\r"), "\\x0d");
        assert!(matches!(visible("Zoë שלום"), Cow::Borrowed(_)));
        assert_eq!(visible("adm\u{200B}in"), "adm<U+200B>in");
        assert!(matches!(visible("می\u{200C}خواهم"), Cow::Borrowed(_)));
    }
}
