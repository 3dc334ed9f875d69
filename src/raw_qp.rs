// SPDX-License-Identifier: MIT
//! Quoted-printable left in a paste: text copied from a mail client's
//! "view source" window below the MIME headers, which are not copied,
//! so nothing says the part was quoted-printable. Such a paste shows it:
//! escapes of UTF-8 characters (`=E2=80=9C`) and lines cut by a soft
//! break (an `=` at the line's end).
//!
//! ```text
//! <neko@example.org>: host mx.example.org[=
//! 192.0.2.1] said: 550 5.1.1 … Recipient address rej=
//! ected: User unknown
//! ```
//!
//! A paste is undone only when it shows two signs at least; an `=20` or
//! an `=` at a line's end alone is how many ordinary texts look too
//! (a link's query, a base64 line's padding).

use std::borrow::Cow;

/// The fewest signs (an escaped UTF-8 character, a soft line break)
/// that make a paste quoted-printable.
const SIGNS: usize = 2;

/// `text` with quoted-printable undone when it visibly is that (see the
/// module's docs); borrowed unchanged otherwise. Only escapes that
/// spell UTF-8 are undone: another escape stays as written.
///
/// ```
/// use pantul::raw_qp::undo;
/// let text = "550 5.7.1 =E2=80=9CRejected=E2=80=9D =\n  by policy\n";
/// assert_eq!(undo(text), "550 5.7.1 \u{201c}Rejected\u{201d}   by policy\n");
/// // One escape alone is no sign of quoted-printable.
/// assert_eq!(undo("Lihat a=20b"), "Lihat a=20b");
/// ```
pub fn undo(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'=', text.as_bytes()).is_none() || signs(text) < SIGNS {
        return Cow::Borrowed(text);
    }
    Cow::Owned(decoded(text))
}

/// How many signs of quoted-printable `text` shows, counted up to
/// [`SIGNS`].
fn signs(text: &str) -> usize {
    let mut count = 0;
    for line in text.lines() {
        if is_soft_break(line) {
            count += 1;
        }
        count += runs(line).filter(|run| run.spells_beyond_ascii()).count();
        if count >= SIGNS {
            break;
        }
    }
    count
}

/// True if and only if `line` ends in a soft line break: an `=` (then
/// only blanks), after words with a blank between them. A base64 line
/// has no blank, and its padding ends in `==`.
fn is_soft_break(line: &str) -> bool {
    soft_break_body(line).is_some()
}

/// The words of `line` before its soft line break, if it has one.
fn soft_break_body(line: &str) -> Option<&str> {
    let rest = line.trim_end_matches([' ', '\t']).strip_suffix('=')?;
    let spaced = rest.trim().contains([' ', '\t']);
    (!rest.ends_with('=') && spaced).then_some(rest)
}

/// A run of escapes (`=XX`, upper-case hex) in a line: where it starts,
/// its length in the line, and the bytes it stands for.
struct Run {
    start: usize,
    len: usize,
    bytes: Vec<u8>,
}

impl Run {
    /// The text the run spells, if its bytes are UTF-8.
    fn spelled(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    fn spells_beyond_ascii(&self) -> bool {
        !self.bytes.is_ascii() && self.spelled().is_some()
    }
}

/// The runs of escapes of `line`, in order.
fn runs(line: &str) -> impl Iterator<Item = Run> + '_ {
    let bytes = line.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let start = at + memchr::memchr(b'=', bytes.get(at..)?)?;
        let mut run = Run { start, len: 0, bytes: Vec::new() };
        while let Some(byte) = escape(&bytes[start + run.len..]) {
            run.bytes.push(byte);
            run.len += 3;
        }
        at = start + run.len.max(1);
        if run.len > 0 {
            return Some(run);
        }
    })
}

/// The byte an escape at the start of `bytes` stands for.
fn escape(bytes: &[u8]) -> Option<u8> {
    match bytes {
        [b'=', high, low, ..] => Some(hex(*high)? * 16 + hex(*low)?),
        _ => None,
    }
}

fn hex(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// `text` with its soft line breaks joined and every run of escapes that
/// spells UTF-8 replaced by what it spells.
fn decoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        match soft_break_body(body) {
            Some(words) => decode_line(words, &mut out),
            None => {
                decode_line(body, &mut out);
                if line.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// One line's text with its runs of escapes that spell UTF-8 decoded.
fn decode_line(line: &str, out: &mut String) {
    let mut copied = 0;
    for run in runs(line) {
        if let Some(spelled) = run.spelled() {
            out.push_str(&line[copied..run.start]);
            out.push_str(spelled);
            copied = run.start + run.len;
        }
    }
    out.push_str(&line[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_soft_breaks_of_a_postfix_paragraph() {
        let text = "<neko@example.org>: host mx.example.org[=\n\
                    192.0.2.1] said: 550 5.1.1 Recipient address rej=\n\
                    ected: User unknown\n";
        assert_eq!(
            undo(text),
            "<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 \
             5.1.1 Recipient address rejected: User unknown\n"
        );
    }

    #[test]
    fn leaves_ordinary_text_alone() {
        // A link's query and a base64 line's padding are no soft breaks.
        let text = "See https://example.org/check?ip=\nQUJDRA==\nYWJj=\n";
        assert!(matches!(undo(text), Cow::Borrowed(_)));
        // One escaped character alone is not enough.
        let one = "It said =E2=80=9Cno=E2 and a=3Db\n";
        assert!(matches!(undo(one), Cow::Borrowed(_)));
    }

    #[test]
    fn keeps_escapes_that_spell_no_utf8() {
        let text = "caf=E9 =E2=80=9Cx=E2=80=9D\n";
        assert_eq!(undo(text), "caf=E9 \u{201c}x\u{201d}\n");
    }

    #[test]
    fn an_equals_sign_at_the_end_stops_cleanly() {
        assert_eq!(
            undo("a =E2=80=9C b =E2=80=9D c =\n"),
            "a \u{201c} b \u{201d} c "
        );
        assert_eq!(undo("=E2=80=9C a =E2=80=9D="), "\u{201c} a \u{201d}");
    }
}
