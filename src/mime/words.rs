// SPDX-License-Identifier: MIT
//! Encoded words (RFC 2047) in unstructured header values: `=?charset?
//! B?…?=` and `=?charset?Q?…?=`, decoded from their charset.

use super::encoding::{hex_pair, Base64};
use crate::charset;

/// An unstructured field's value (RFC 5322 §3.2.5): each line's text
/// from its first to its last character that is not white space, the
/// pieces joined by one space, and encoded words (RFC 2047) decoded,
/// with no space between two adjacent ones. `None` when that gives
/// nothing, or when the field is cut off by the end of the input
/// (its value is then read as it is, by [`super::header::unfold`]).
pub fn unstructured(raw: &[u8]) -> Option<String> {
    let starts_word = |i: usize| raw.get(i + 1) == Some(&b'?');
    if !memchr::memchr_iter(b'=', raw).any(starts_word) {
        return plain_unstructured(raw);
    }
    let mut value = Unstructured::default();
    let mut at = 0;
    let mut token: Option<(usize, usize)> = None;
    let mut ends = WordEnds::default();
    while at < raw.len() {
        let b = raw[at];
        match b {
            b'\n' => {
                value.text(raw, token.take());
                if !matches!(raw.get(at + 1), Some(b' ' | b'\t')) {
                    return value.finish();
                }
                at += 2;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                at += 1;
                continue;
            }
            b'=' if raw.get(at + 1) == Some(&b'?') => {
                if let Some((word, len)) = encoded_word(raw, at, &mut ends) {
                    value.text(raw, token.take());
                    value.word(word);
                    at += len;
                    continue;
                }
            }
            _ => {}
        }
        token = Some((token.map_or(at, |(s, _)| s), at + 1));
        at += 1;
    }
    None
}

/// An unstructured value without encoded words, as [`unstructured`]
/// reads it.
fn plain_unstructured(raw: &[u8]) -> Option<String> {
    let lines = raw.strip_suffix(b"\n")?;
    let mut out = String::with_capacity(lines.len());
    let mut push = |piece: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(piece);
    };
    let is_blank = |c: char| matches!(c, ' ' | '\t' | '\r');
    match std::str::from_utf8(lines) {
        // Well-formed as a whole: so is each line, checked once.
        Ok(mut text) => loop {
            let (line, next) = match memchr::memchr(b'\n', text.as_bytes()) {
                Some(end) => (&text[..end], Some(&text[end + 1..])),
                None => (text, None),
            };
            let line = trim_blank(line);
            if !line.is_empty() {
                push(line);
            }
            match next {
                Some(next) => text = next,
                None => break,
            }
        },
        Err(_) => {
            let is_blank = |b: &u8| is_blank(char::from(*b));
            for line in lines.split(|&b| b == b'\n') {
                let Some(start) = line.iter().position(|b| !is_blank(b)) else {
                    continue;
                };
                let end = line
                    .iter()
                    .rposition(|b| !is_blank(b))
                    .map_or(0, |e| e + 1);
                push(&charset::lossy(&line[start..end]));
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `line` without the spaces, tabs and carriage returns around it,
/// found byte by byte (they are ASCII: what is left starts and ends on
/// a character's boundary).
fn trim_blank(line: &str) -> &str {
    let is_blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    let bytes = line.as_bytes();
    let Some(start) = bytes.iter().position(|b| !is_blank(b)) else {
        return "";
    };
    let end = bytes.iter().rposition(|b| !is_blank(b)).map_or(0, |e| e + 1);
    &line[start..end]
}

/// An unstructured value being put together.
struct Unstructured {
    out: String,
    /// True once anything was added.
    started: bool,
    /// True if and only if the last piece was an encoded word (and at
    /// the start, so that no space leads).
    after_word: bool,
}

impl Default for Unstructured {
    fn default() -> Unstructured {
        Unstructured { out: String::new(), started: false, after_word: true }
    }
}

impl Unstructured {
    fn text(&mut self, raw: &[u8], token: Option<(usize, usize)>) {
        let Some((start, end)) = token else { return };
        if self.started {
            self.out.push(' ');
        }
        self.out.push_str(&charset::lossy(&raw[start..end]));
        self.started = true;
        self.after_word = false;
    }

    fn word(&mut self, word: String) {
        if !self.after_word {
            self.out.push(' ');
        }
        self.out.push_str(&word);
        self.started = true;
        self.after_word = true;
    }

    fn finish(self) -> Option<String> {
        self.started.then_some(self.out)
    }
}

/// Where the next `?=` of a header value is, as last searched: each
/// byte is searched once, however many `=?` there are before one.
#[derive(Default)]
struct WordEnds {
    /// Where the last search started.
    from: usize,
    /// What it found.
    found: Option<usize>,
    searched: bool,
}

impl WordEnds {
    /// The first `?=` of `raw` at or after `from`.
    fn next(&mut self, raw: &[u8], from: usize) -> Option<usize> {
        let valid = self.searched
            && self.from <= from
            && self.found.is_none_or(|at| at >= from);
        if !valid {
            let rest = raw.get(from..).unwrap_or_default();
            self.found =
                rest.windows(2).position(|w| w == b"?=").map(|i| from + i);
            self.from = from;
            self.searched = true;
        }
        self.found
    }
}

/// The encoded word `=?charset?B|Q?data?=` (RFC 2047 §2) at `at` in
/// `raw`, decoded, and its length. A language after the charset (`*en`,
/// RFC 2231 §5) is ignored; the charset has two characters or more and
/// no line end.
fn encoded_word(
    raw: &[u8],
    at: usize,
    ends: &mut WordEnds,
) -> Option<(String, usize)> {
    let rest = raw[at..].strip_prefix(b"=?")?;
    let q = rest.iter().position(|&b| b == b'?')?;
    let charset = &rest[..q];
    if charset.contains(&b'\n') {
        return None;
    }
    let charset = charset.split(|&b| b == b'*').next().unwrap_or(charset);
    if charset.len() < 2 {
        return None;
    }
    let kind = *rest.get(q + 1)?;
    if rest.get(q + 2) != Some(&b'?') {
        return None;
    }
    let data_at = at + 2 + q + 3;
    let data = &rest[q + 3..];
    let end = ends.next(raw, data_at)? - data_at;
    let bytes = match kind {
        b'B' | b'b' => base64_word(&data[..end])?,
        b'Q' | b'q' => q_word(&data[..end]),
        _ => return None,
    };
    let charset = charset::lossy(charset);
    let text = charset::decode(&charset, &bytes)
        .unwrap_or_else(|| charset::utf8(&bytes));
    Some((text, 2 + q + 3 + end + 2))
}

/// The "B" encoding of an encoded word: base64, white space of a folded
/// line skipped; `None` if anything else is not base64.
fn base64_word(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Base64::default();
    for &b in data {
        match b {
            b' ' | b'\t' | b'\r' | b'\n' => {}
            b'=' => out.pad(),
            _ => out.push(charset::base64_value(b)?),
        }
    }
    Some(out.finish())
}

/// The "Q" encoding of an encoded word (RFC 2047 §4.2): `_` is a space,
/// `=XX` a byte; a line end and the white space after it are dropped,
/// and a malformed `=` is kept as it is.
fn q_word(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'_' => out.push(b' '),
            b'\r' => {}
            b'\n' => {
                while matches!(data.get(i + 1), Some(b' ' | b'\t')) {
                    i += 1;
                }
            }
            b'=' => match hex_pair(data.get(i + 1..i + 3)) {
                Some(byte) => {
                    out.push(byte);
                    i += 2;
                }
                None => out.push(b'='),
            },
            c => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> Option<String> {
        unstructured(raw.as_bytes())
    }

    #[test]
    fn adjacent_encoded_words_join_without_space() {
        assert_eq!(
            read(" =?utf-8?q?Pesan_?= =?UTF-8?B?dGlkYWs=?=\n").as_deref(),
            Some("Pesan tidak")
        );
        assert_eq!(
            read(" Re: =?utf-8?q?gagal?= terkirim\n").as_deref(),
            Some("Re: gagal terkirim")
        );
    }

    #[test]
    fn folded_plain_values_join_with_one_space() {
        assert_eq!(
            read(" Undelivered\r\n\t Mail \n").as_deref(),
            Some("Undelivered Mail")
        );
        assert_eq!(read(" \n"), None);
        // Cut off by the end of the input: read as it is elsewhere.
        assert_eq!(read(" cut"), None);
        assert_eq!(read(" =?utf-8?q?cut?="), None);
    }

    #[test]
    fn encoded_words_read_leniently() {
        // Base64 without its padding keeps its last bytes.
        assert_eq!(read(" =?utf-8?B?eHB0bw?=\n").as_deref(), Some("xpto"));
        // A language after the charset (RFC 2231 §5).
        assert_eq!(
            read(" =?iso-8859-1*id?Q?caf=E9?=\n").as_deref(),
            Some("café")
        );
        // An unknown charset is read as UTF-8.
        assert_eq!(read(" =?x-unknown?Q?ok?=\n").as_deref(), Some("ok"));
    }

    #[test]
    fn what_is_not_an_encoded_word_stays_text() {
        for raw in [
            " =?u?Q?short_charset?=\n",
            " =?utf-8?X?unknown_kind?=\n",
            " =?utf-8?B?not base64!?=\n",
            " =?utf-8?Q?never ends\n",
        ] {
            assert_eq!(read(raw).as_deref(), Some(raw.trim()), "{raw:?}");
        }
    }

    #[test]
    fn the_q_encoding_reads_its_bytes() {
        assert_eq!(q_word(b"a_b=3Dc=3d=ZZ=4"), b"a b=c==ZZ=4");
        assert_eq!(q_word(b"one\r\n  two"), b"onetwo");
        assert_eq!(base64_word(b"YW\r\n Jj"), Some(b"abc".to_vec()));
        assert_eq!(base64_word(b"YW*j"), None);
    }

    /// Many `=?` before one `?=`: the search for the end is made once.
    #[test]
    fn the_end_of_a_word_is_searched_once() {
        let mut ends = WordEnds::default();
        let raw = b"=?a =?b =?c ?=";
        assert_eq!(ends.next(raw, 2), Some(12));
        assert_eq!(ends.next(raw, 6), Some(12));
        assert_eq!(ends.next(raw, 13), None);
    }
}
