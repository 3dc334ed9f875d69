// SPDX-License-Identifier: MIT
//! Whole messages to a [`Notice`]: header fields (RFC 5322, encoded
//! words of RFC 2047), the MIME tree by boundary (RFC 2046), parameters
//! (RFC 2045, RFC 2231), transfer encodings and charsets.
//!
//! Only what a bounce needs is read: the top header block, the text
//! parts, the delivery-status and feedback parts, and the header block
//! of the returned message. Broken input is read as far as it makes
//! sense; nothing panics, and each byte is looked at a bounded number
//! of times (once per level of nesting, at most [`MAX_DEPTH`] levels).

use std::borrow::Cow;

use crate::charset;
use crate::input::{strip_quotes, MAX_DEPTH, MAX_PARTS};
use crate::notice::Notice;

/// Levels of multiparts whose lost boundary is recovered by reading
/// their bytes again, at the most: each level reads its part once more.
const MAX_REREAD_DEPTH: usize = 8;

/// Decodes a whole message; `None` if it has no header block at all.
/// Parts past [`MAX_PARTS`] or nested deeper than [`MAX_DEPTH`] are
/// skipped with the warning `warning.too-many-parts`.
pub fn decode(bytes: &[u8]) -> Option<Notice> {
    let head = Head::read(bytes)?;
    let mut notice =
        Notice { headers: head.values(bytes), ..Notice::default() };
    let walk = Walk::over(bytes, head);
    if !walk.complete {
        notice.warnings.push("warning.too-many-parts");
    }
    for piece in walk.out {
        match piece {
            Piece::Body(text) => push_body(&mut notice, &text),
            Piece::Status(text) => push_status(&mut notice, &text),
            Piece::Feedback(text) => {
                notice.feedback_report.get_or_insert(text);
            }
            Piece::Original(text) => {
                notice.original.get_or_insert(text);
            }
        }
    }
    if let Cow::Owned(body) = strip_quotes(&notice.body) {
        notice.body = body;
    }
    notice.enclosed = walk.enclosed;
    Some(notice)
}

/// What a person sees of a whole message in webmail, as one text: the
/// decoded text parts, the delivery-status and feedback parts, and the
/// returned message's header block, in the message's order; headers and
/// MIME structure are gone. `None` if it has no header block at all.
pub fn shown_text(bytes: &[u8]) -> Option<String> {
    joined(bytes, |_| true)
}

/// The decoded text parts of a whole message alone, in order: what a
/// webmail shows when it hides the attached parts. `None` if it has no
/// header block at all.
pub fn text_parts(bytes: &[u8]) -> Option<String> {
    joined(bytes, |piece| matches!(piece, Piece::Body(_)))
}

/// The pieces of a message that `keep` keeps, as one text.
fn joined(bytes: &[u8], keep: impl Fn(&Piece) -> bool) -> Option<String> {
    let head = Head::read(bytes)?;
    let mut out = String::new();
    for piece in Walk::over(bytes, head).out.into_iter().filter(|p| keep(p)) {
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
        out.push_str(piece.text());
    }
    Some(out)
}

/// One readable piece of a message.
enum Piece {
    /// Text meant for a person.
    Body(String),
    /// A `message/delivery-status` part.
    Status(String),
    /// A `message/feedback-report` part.
    Feedback(String),
    /// The header block of the returned message.
    Original(String),
}

impl Piece {
    fn text(&self) -> &str {
        let (Piece::Body(text)
        | Piece::Status(text)
        | Piece::Feedback(text)
        | Piece::Original(text)) = self;
        text
    }

    fn text_mut(&mut self) -> &mut String {
        let (Piece::Body(text)
        | Piece::Status(text)
        | Piece::Feedback(text)
        | Piece::Original(text)) = self;
        text
    }
}

/// One header field: its name as written and its raw value, from after
/// the colon to the end of its last line (line end included).
struct Field<'a> {
    name: &'a [u8],
    value: &'a [u8],
}

impl Field<'_> {
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }
}

/// A header block.
struct Head<'a> {
    fields: Vec<Field<'a>>,
    /// Where the body starts: after the empty line that ends the block,
    /// or at the end of the input when none does.
    body: usize,
    /// False if the input ended before the empty line.
    complete: bool,
}

/// True for the white space that may lead a header line.
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\x0c')
}

impl<'a> Head<'a> {
    /// Reads the header block at the start of `bytes`; `None` if the
    /// input ends before any field or the empty line.
    ///
    /// Leniently: white space before a field's name is skipped, a line
    /// without a colon is skipped, and a line of white space alone ends
    /// the block as an empty one does.
    fn read(bytes: &'a [u8]) -> Option<Head<'a>> {
        let head = Head::read_all(bytes);
        (head.complete || !head.fields.is_empty()).then_some(head)
    }

    /// Reads a header block, empty or cut off as it may be.
    fn read_all(bytes: &'a [u8]) -> Head<'a> {
        let mut fields = Vec::new();
        let mut at = 0;
        loop {
            while bytes.get(at).is_some_and(|&b| is_blank(b)) {
                at += 1;
            }
            match bytes.get(at) {
                None => {
                    let body = at.min(bytes.len());
                    return Head { fields, body, complete: false };
                }
                Some(b'\n') => {
                    return Head { fields, body: at + 1, complete: true };
                }
                Some(_) => {}
            }
            let line_end = memchr::memchr(b'\n', &bytes[at..])
                .map_or(bytes.len(), |i| at + i);
            let Some(colon) = find_colon(&bytes[at..line_end]) else {
                at = line_end + 1;
                continue;
            };
            let name = trim_end(&bytes[at..at + colon]);
            let start = at + colon + 1;
            let end = field_end(bytes, start);
            fields.push(Field { name, value: &bytes[start..end] });
            at = end;
        }
    }

    /// The last field named `name`.
    fn last(&self, name: &str) -> Option<&Field<'a>> {
        self.fields.iter().rev().find(|f| f.is(name))
    }

    /// The block's fields as the notice keeps them: lowercase names,
    /// values unfolded with encoded words decoded.
    fn values(&self, _bytes: &[u8]) -> Vec<(String, String)> {
        self.fields
            .iter()
            .map(|f| {
                let name = charset::lossy(f.name).to_ascii_lowercase();
                let value =
                    if f.is("content-type") || f.is("content-disposition") {
                        unfold(&charset::lossy(f.value))
                    } else if f.is("content-id") {
                        content_id(f.value)
                    } else {
                        unstructured(f.value)
                            .unwrap_or_else(|| unfold(&charset::lossy(f.value)))
                    };
                (name, value)
            })
            .collect()
    }
}

/// The colon after a field name in a header line: the first one after
/// some other character than white space.
fn find_colon(line: &[u8]) -> Option<usize> {
    let first = line.iter().position(|&b| !b.is_ascii_whitespace())?;
    line[first..].iter().position(|&b| b == b':').map(|i| first + i)
}

fn trim_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &bytes[..end]
}

/// The end of the field whose value starts at `start`: after the line
/// end of its last line, the next line not being folded into it.
fn field_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start;
    loop {
        let Some(i) = memchr::memchr(b'\n', &bytes[at..]) else {
            return bytes.len();
        };
        at += i + 1;
        if !matches!(bytes.get(at), Some(b' ' | b'\t')) {
            return at;
        }
    }
}

/// An unstructured field's value (RFC 5322 §3.2.5): each line's text
/// from its first to its last character that is not white space, the
/// pieces joined by one space, and encoded words (RFC 2047) decoded,
/// with no space between two adjacent ones. `None` when that gives
/// nothing, or when the field is cut off by the end of the input
/// (its value is then read as it is, by [`unfold`]).
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
    let is_blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    let mut out = String::new();
    for line in lines.split(|&b| b == b'\n') {
        let Some(start) = line.iter().position(|b| !is_blank(b)) else {
            continue;
        };
        let end = line.iter().rposition(|b| !is_blank(b)).map_or(0, |e| e + 1);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&charset::lossy(&line[start..end]));
    }
    (!out.is_empty()).then_some(out)
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

fn hex_pair(pair: Option<&[u8]>) -> Option<u8> {
    let pair = pair?;
    let digit = |b: u8| (b as char).to_digit(16);
    Some((digit(pair[0])? * 16 + digit(pair[1])?) as u8)
}

/// A `Content-ID` value: the ids between angle brackets, joined by a
/// comma, or the value itself when it has none.
fn content_id(raw: &[u8]) -> String {
    let text = unfold(&charset::lossy(raw));
    let ids: Vec<&str> = text
        .split('<')
        .skip(1)
        .filter_map(|s| s.split_once('>').map(|(id, _)| id.trim()))
        .filter(|id| !id.is_empty())
        .collect();
    match ids.is_empty() {
        true => text,
        false => ids.join(", "),
    }
}

/// Joins folded header lines into one and trims the value.
fn unfold(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, line) in value.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if i > 0 {
            out.push(' ');
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
    }
    out.trim().to_string()
}

/// A `Content-Type` value (RFC 2045 §5.1): type and subtype in
/// lowercase, and the parameters.
#[derive(Default)]
struct ContentType {
    ctype: String,
    subtype: Option<String>,
    params: Vec<(String, String)>,
}

impl ContentType {
    /// Reads a raw `Content-Type` value; `None` if it names no type.
    fn read(raw: &[u8]) -> Option<ContentType> {
        let text = charset::lossy(raw);
        let text = match text.contains(['\r', '\n']) {
            true => Cow::Owned(
                text.chars().filter(|&c| c != '\r' && c != '\n').collect(),
            ),
            false => text,
        };
        let mut pieces = split_params(&text).into_iter();
        let kind = pieces.next()?;
        let (ctype, subtype) = match kind.split_once('/') {
            Some((t, s)) => (t, Some(s)),
            None => (kind.as_str(), None),
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

    fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn is(&self, ctype: &str, subtype: &str) -> bool {
        self.ctype == ctype && self.subtype.as_deref() == Some(subtype)
    }
}

/// A header value split at its semicolons outside quoted strings, with
/// comments (RFC 5322 §3.2.2) left out; quoted strings are kept as
/// written.
fn split_params(text: &str) -> Vec<String> {
    if !text.contains(['"', '(', '\\']) {
        return text.split(';').map(str::to_string).collect();
    }
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let (mut quoted, mut escaped, mut comment) = (false, false, 0usize);
    for c in text.chars() {
        if escaped {
            escaped = false;
            if comment == 0 {
                piece.push(c);
            }
            continue;
        }
        match c {
            '\\' if quoted || comment > 0 => {
                escaped = true;
                if comment == 0 {
                    piece.push(c);
                }
            }
            '"' if comment == 0 => {
                quoted = !quoted;
                piece.push(c);
            }
            '(' if !quoted => comment += 1,
            ')' if !quoted && comment > 0 => comment -= 1,
            _ if comment > 0 => {}
            ';' if !quoted => pieces.push(std::mem::take(&mut piece)),
            _ => piece.push(c),
        }
    }
    pieces.push(piece);
    pieces
}

/// The parameters read: the others are of no use to a bounce's reader.
const PARAMETERS: [&str; 2] = ["boundary", "charset"];

/// The [`PARAMETERS`] of a header value, RFC 2231's continuations
/// (`name*0`, `name*1`, …) joined in order and its extended values
/// (`name*=charset'language'%XX`) decoded.
fn parameters(pieces: impl Iterator<Item = String>) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = Vec::new();
    // (name, section, extended, value) of each continued parameter.
    let mut sections: Vec<(String, u32, bool, String)> = Vec::new();
    for piece in pieces {
        let Some((name, value)) = piece.split_once('=') else { continue };
        let name = name.trim().to_ascii_lowercase();
        let (base, extended) = match name.strip_suffix('*') {
            Some(base) => (base, true),
            None => (name.as_str(), false),
        };
        let wanted = |n: &str| PARAMETERS.contains(&n);
        if !wanted(base.split('*').next().unwrap_or(base)) {
            continue;
        }
        let value = param_value(value.trim());
        match base.split_once('*') {
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
    let raw = text.as_bytes();
    let mut bytes = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match (raw[i], hex_pair(raw.get(i + 1..i + 3))) {
            (b'%', Some(b)) => {
                bytes.push(b);
                i += 3;
            }
            (b, _) => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    let label = label.filter(|l| !l.is_empty());
    let decoded = label
        .as_deref()
        .and_then(|l| charset::decode(l, &bytes))
        .unwrap_or_else(|| charset::utf8(&bytes));
    (label, decoded)
}

/// A body part, or the whole message: its header block and its body.
struct Part<'a> {
    head: Head<'a>,
    ctype: Option<ContentType>,
    body: &'a [u8],
    /// The body and the line end after it that belongs to the next
    /// delimiter line: a header block in the body may end with it.
    body_to_delimiter: &'a [u8],
}

impl<'a> Part<'a> {
    /// Reads a body part of a multipart (see [`Child`]).
    fn read(child: &Child<'a>) -> Part<'a> {
        let head = Head::read_all(child.bytes);
        Part::with_head(child.bytes, child.len, head)
    }

    /// The part whose header block `head` starts `bytes`, its body
    /// ending at `len`.
    fn with_head(bytes: &'a [u8], len: usize, head: Head<'a>) -> Part<'a> {
        let ctype =
            head.last("content-type").and_then(|f| ContentType::read(f.value));
        let start = head.body.min(bytes.len());
        let body = bytes.get(start.min(len)..len).unwrap_or_default();
        let body_to_delimiter = &bytes[start..];
        Part { head, ctype, body, body_to_delimiter }
    }

    fn is(&self, ctype: &str, subtype: &str) -> bool {
        self.ctype.as_ref().is_some_and(|c| c.is(ctype, subtype))
    }

    fn ctype(&self) -> Option<&str> {
        self.ctype.as_ref().map(|c| c.ctype.as_str())
    }

    fn subtype(&self) -> Option<&str> {
        self.ctype.as_ref().and_then(|c| c.subtype.as_deref())
    }

    fn charset(&self) -> Option<&str> {
        self.ctype.as_ref().and_then(|c| c.param("charset"))
    }

    /// The body with its transfer encoding undone.
    fn decoded(&self) -> Cow<'a, [u8]> {
        let encoding = self
            .head
            .last("content-transfer-encoding")
            .and_then(|f| unstructured(f.value))
            .unwrap_or_default();
        if encoding.eq_ignore_ascii_case("base64") {
            Cow::Owned(base64_body(self.body))
        } else if encoding.eq_ignore_ascii_case("quoted-printable") {
            Cow::Owned(quoted_printable_body(self.body))
        } else {
            Cow::Borrowed(self.body)
        }
    }

    /// The body as text, in its charset.
    fn text(&self) -> String {
        let bytes = self.decoded();
        self.charset()
            .and_then(|c| charset::decode(c, &bytes))
            .unwrap_or_else(|| charset::utf8(&bytes))
    }

    /// True if and only if the part holds text a person reads (text of
    /// any kind but HTML, or a part with no type where text is the
    /// default).
    fn is_plain_text(&self, in_digest: bool) -> bool {
        match &self.ctype {
            None => !in_digest,
            Some(c) => match c.ctype.as_str() {
                "text" => c.subtype.as_deref() != Some("html"),
                "multipart" => c.param("boundary").is_some_and(|b| {
                    children(self.body, b.as_bytes()).is_none()
                }),
                _ => false,
            },
        }
    }
}

/// A body part of a multipart, as bytes: `bytes[..len]`, and after it
/// the line end that belongs to the next delimiter line, if any.
struct Child<'a> {
    bytes: &'a [u8],
    len: usize,
}

/// The body parts of a multipart body (RFC 2046 §5.1.1); `None` if no
/// delimiter line is there.
///
/// A delimiter line is `--` and the boundary at the start of a line
/// (leniently, after white space too), then `--` for the close
/// delimiter, then white space alone; the line end before it belongs to
/// it. A body with no close delimiter ends at the end of the input.
fn children<'a>(body: &'a [u8], boundary: &[u8]) -> Option<Vec<Child<'a>>> {
    if boundary.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    let mut open: Option<usize> = None;
    let mut line_start = 0;
    // One part more than the walk reads tells it that it stopped short.
    while line_start < body.len() && parts.len() <= MAX_PARTS {
        let line_end = memchr::memchr(b'\n', &body[line_start..])
            .map_or(body.len(), |i| line_start + i);
        let line = &body[line_start..line_end];
        if let Some(close) = delimiter(line, boundary) {
            if let Some(start) = open {
                parts.push(child(body, start, line_start));
            }
            if close {
                return Some(parts);
            }
            open = Some((line_end + 1).min(body.len()));
        }
        line_start = line_end + 1;
    }
    let start = open?;
    if parts.len() <= MAX_PARTS {
        parts.push(Child { bytes: &body[start..], len: body.len() - start });
    }
    Some(parts)
}

/// The body part from `start` to the delimiter line at `line_start`.
/// When white space leads the delimiter, the part ends just before its
/// `--`, as it would where the `--` alone is taken for the delimiter.
fn child(body: &[u8], start: usize, line_start: usize) -> Child<'_> {
    let indent = body[line_start..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    if indent > 0 {
        let bytes = &body[start..(line_start + indent).max(start)];
        return Child { bytes, len: bytes.len() };
    }
    let end = before_line_end(body, line_start).max(start);
    Child { bytes: &body[start..line_start.max(start)], len: end - start }
}

/// `Some(close)` if `line` is a delimiter line of `boundary`.
fn delimiter(line: &[u8], boundary: &[u8]) -> Option<bool> {
    let line = match line.first() {
        Some(b' ' | b'\t') => {
            let start = line.iter().position(|&b| b != b' ' && b != b'\t')?;
            &line[start..]
        }
        _ => line,
    };
    let rest = line.strip_prefix(b"--")?.strip_prefix(boundary)?;
    let (close, rest) = match rest.strip_prefix(b"--") {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    rest.iter().all(|b| b.is_ascii_whitespace()).then_some(close)
}

/// The offset of the line end before the line starting at `at`.
fn before_line_end(body: &[u8], at: usize) -> usize {
    let mut end = at.saturating_sub(1);
    if end > 0 && body.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    end
}

/// Base64 (RFC 2045 §6.8), read leniently: characters outside the
/// alphabet are ignored, and a group cut short still gives its bytes.
fn base64_body(body: &[u8]) -> Vec<u8> {
    let mut out = Base64::default();
    for &b in body {
        match b {
            b'=' => out.pad(),
            _ => {
                if let Some(v) = charset::base64_value(b) {
                    out.push(v);
                }
            }
        }
    }
    out.finish()
}

/// Base64 being decoded.
#[derive(Default)]
struct Base64 {
    out: Vec<u8>,
    bits: u32,
    count: u8,
}

impl Base64 {
    fn push(&mut self, value: u8) {
        self.bits = (self.bits << 6) | u32::from(value);
        self.count += 1;
        if self.count == 4 {
            let [_, a, b, c] = self.bits.to_be_bytes();
            self.out.extend_from_slice(&[a, b, c]);
            self.bits = 0;
            self.count = 0;
        }
    }

    /// Padding, or the end: the bytes of a group cut short.
    fn pad(&mut self) {
        let bits = self.bits << (6 * (4 - u32::from(self.count)));
        let [_, a, b, _] = bits.to_be_bytes();
        match self.count {
            2 => self.out.push(a),
            3 => self.out.extend_from_slice(&[a, b]),
            _ => {}
        }
        self.bits = 0;
        self.count = 0;
    }

    fn finish(mut self) -> Vec<u8> {
        self.pad();
        self.out
    }
}

/// Quoted-printable (RFC 2045 §6.7), read leniently: white space at the
/// end of a line is dropped, `=` at the end of a line joins it to the
/// next, `=XX` is a byte (either case), and any other `=` stays as it
/// is. Lines end in `\n`.
fn quoted_printable_body(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut soft = false;
    for (i, line) in body.split(|&b| b == b'\n').enumerate() {
        if i > 0 && !soft {
            out.push(b'\n');
        }
        let line = trim_end(line);
        let line = match line.strip_suffix(b"=") {
            Some(line) => {
                soft = true;
                line
            }
            None => {
                soft = false;
                line
            }
        };
        if memchr::memchr2(b'=', b'\r', line).is_none() {
            out.extend_from_slice(line);
            continue;
        }
        let mut at = 0;
        while at < line.len() {
            match (line[at], hex_pair(line.get(at + 1..at + 3))) {
                (b'=', Some(byte)) => {
                    out.push(byte);
                    at += 3;
                }
                (b'\r', _) => at += 1,
                (b, _) => {
                    out.push(b);
                    at += 1;
                }
            }
        }
    }
    out
}

/// A walk over the part tree, within the limits.
struct Walk {
    out: Vec<Piece>,
    /// Parts visited so far.
    parts: usize,
    /// False once a part was skipped for a limit.
    complete: bool,
    /// The first attached message, as sent.
    enclosed: Option<Vec<u8>>,
}

impl Walk {
    /// The readable pieces of a message, in order, line ends as `\n`.
    fn over(bytes: &[u8], head: Head<'_>) -> Walk {
        let mut walk =
            Walk { out: Vec::new(), parts: 0, complete: true, enclosed: None };
        if head.complete {
            let part = Part::with_head(bytes, bytes.len(), head);
            walk.collect(&part, 0, false, true);
        } else {
            // A header block cut off by the end: no body.
            walk.parts += 1;
            walk.out.push(Piece::Body(String::new()));
        }
        for piece in &mut walk.out {
            let text = piece.text_mut();
            if text.contains('\r') {
                *text = text.replace("\r\n", "\n").replace('\r', "\n");
            }
        }
        walk
    }

    /// Collects the readable pieces of `part` and its children; `depth`
    /// counts the multiparts around it; `in_digest` is true inside a
    /// `multipart/digest`, whose parts are messages by default; `own`
    /// is false in bytes read again for a lost boundary.
    fn collect(
        &mut self,
        part: &Part<'_>,
        depth: usize,
        in_digest: bool,
        own: bool,
    ) {
        self.parts += 1;
        if self.parts > MAX_PARTS || depth > MAX_DEPTH {
            self.complete = false;
            return;
        }
        let ctype = part.ctype();
        if ctype == Some("multipart") {
            let boundary =
                part.ctype.as_ref().and_then(|c| c.param("boundary"));
            match boundary {
                Some(b) => match children(part.body, b.as_bytes()) {
                    Some(children) => {
                        self.children(part.subtype(), &children, depth, own);
                    }
                    None => self.out.push(Piece::Body(part.text())),
                },
                None => self.lost_boundary(part, depth),
            }
            return;
        }
        let message = match ctype {
            Some("message") => {
                matches!(part.subtype(), Some("rfc822" | "global"))
            }
            None => in_digest,
            _ => false,
        };
        if message {
            self.message(part, own);
            return;
        }
        match ctype {
            None | Some("text") => {
                if part.is("text", "html") {
                    self.out
                        .push(Piece::Body(crate::html::to_text(&part.text())));
                } else if part.is("text", "rfc822-headers") {
                    self.out.push(Piece::Original(part.text()));
                } else {
                    self.out.push(Piece::Body(part.text()));
                }
            }
            Some("message") => {
                let text = || charset::utf8(&part.decoded());
                match part.subtype() {
                    Some("delivery-status" | "global-delivery-status") => {
                        self.out.push(Piece::Status(text()));
                    }
                    Some("feedback-report") => {
                        self.out.push(Piece::Feedback(text()));
                    }
                    Some("rfc822-headers" | "global-headers") => {
                        self.out.push(Piece::Original(text()));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// An attached message: its header block, and the whole of it as
    /// the enclosed message if it is the first. A message with no
    /// header block at all is read as text.
    fn message(&mut self, part: &Part<'_>, own: bool) {
        let decoded = part.decoded();
        let (inner, len) = match decoded {
            Cow::Borrowed(_) => (part.body_to_delimiter, part.body.len()),
            Cow::Owned(ref bytes) => (&bytes[..], bytes.len()),
        };
        let Some(head) = Head::read(inner) else {
            self.out.push(Piece::Body(charset::utf8(&inner[..len])));
            return;
        };
        let end = head.body.min(inner.len());
        self.out.push(Piece::Original(charset::utf8(&inner[..end])));
        if own && self.enclosed.is_none() {
            self.enclosed = Some(inner[..end.max(len)].to_vec());
        }
    }

    /// The children of a multipart to read: all of them, or of a
    /// `multipart/alternative` the plain-text one (else the first).
    fn children(
        &mut self,
        subtype: Option<&str>,
        children: &[Child<'_>],
        depth: usize,
        own: bool,
    ) {
        let digest = subtype == Some("digest");
        if subtype == Some("alternative") {
            let plain =
                children.iter().find(|c| Part::read(c).is_plain_text(digest));
            if let Some(chosen) = plain.or(children.first()) {
                self.collect(&Part::read(chosen), depth + 1, digest, own);
            }
            return;
        }
        for child in children {
            if self.parts >= MAX_PARTS {
                // Past the limit: counted, not read.
                self.parts += 1;
                self.complete = false;
                return;
            }
            self.collect(&Part::read(child), depth + 1, digest, own);
        }
    }

    /// A multipart part whose `boundary` parameter was lost, as when a
    /// folded `Content-Type:` line lost the indent of its continuation,
    /// holds its parts as plain bytes; the first `--` line of the body
    /// names the boundary, and the body is read again with it.
    ///
    /// ```text
    /// Content-Type: multipart/alternative;
    /// boundary="----=_Part_1"
    ///
    /// ------=_Part_1
    /// Content-Type: text/plain
    /// ```
    fn lost_boundary(&mut self, part: &Part<'_>, depth: usize) {
        if depth >= MAX_REREAD_DEPTH {
            return;
        }
        let bytes = part.decoded();
        let text = charset::lossy(&bytes);
        let Some(boundary) = text.lines().find_map(|l| {
            l.strip_prefix("--").filter(|b| !b.trim().is_empty())
        }) else {
            return;
        };
        let boundary = boundary.trim_end().trim_end_matches("--");
        let subtype = part.subtype().unwrap_or("mixed").to_string();
        self.parts += 1;
        if self.parts > MAX_PARTS || depth + 1 > MAX_DEPTH {
            self.complete = false;
            return;
        }
        let Some(children) = children(text.as_bytes(), boundary.as_bytes())
        else {
            return;
        };
        self.children(Some(&subtype), &children, depth + 1, false);
    }
}

fn push_status(notice: &mut Notice, text: &str) {
    let status = notice.delivery_status.get_or_insert_with(String::new);
    if !status.is_empty() {
        status.push_str("\n\n");
    }
    status.push_str(text);
}

fn push_body(notice: &mut Notice, text: &str) {
    if !notice.body.is_empty() && !notice.body.ends_with('\n') {
        notice.body.push('\n');
    }
    notice.body.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-part message whose body is `body` in `charset`.
    fn message(charset: &str, body: &[u8]) -> Vec<u8> {
        let mut m = format!(
            "From: MAILER-DAEMON@example.org\nSubject: x\nMIME-Version: 1.0\n\
             Content-Type: text/plain; charset={charset}\n\n"
        )
        .into_bytes();
        m.extend_from_slice(body);
        m
    }

    fn body(charset: &str, bytes: &[u8]) -> String {
        decode(&message(charset, bytes)).map(|n| n.body).unwrap_or_default()
    }

    #[test]
    fn charsets_of_bounces_decode() {
        assert_eq!(body("iso-2022-jp", b"\x1b$B08@hITL@\x1b(B"), "宛先不明");
        assert_eq!(
            body("Shift_JIS", b"\x88\xb6\x90\xe6\x95s\x96\xbe"),
            "宛先不明"
        );
        assert_eq!(
            body("euc-kr", b"\xbc\xf6\xbd\xc5\xc0\xda \xbe\xf8\xc0\xbd"),
            "수신자 없음"
        );
        assert_eq!(
            body(
                "windows-1251",
                b"\xcf\xee\xeb\xfc\xe7\xee\xe2\xe0\xf2\xe5\xeb\xfc"
            ),
            "Пользователь"
        );
        assert_eq!(
            body("utf-7", b"Delivery +AKM- failed"),
            "Delivery £ failed"
        );
    }

    #[test]
    fn exchange_utf7_alias_decodes() {
        assert_eq!(
            body("unicode-1-1-utf-7", b"Delivery +AKM- failed"),
            "Delivery £ failed"
        );
    }

    /// A message of most shapes this reader knows: nested multiparts,
    /// an alternative, an attached message, both transfer encodings,
    /// encoded words and RFC 2231 parameters.
    const NESTED: &[u8] = b"From: =?utf-8?B?TcOkaWxlcg==?= <a@example.org>\r
Subject: =?iso-8859-1?Q?D=E9livr=E9?= =?utf-8?q?_?=\r
 failed\r
Content-Type: multipart/report; report-type=delivery-status;\r
\tboundary*0=\"o\"; boundary*1=\"uter\"\r
\r
--outer\r
Content-Type: multipart/alternative; boundary=\"in\"\r
\r
--in\r
Content-Type: text/html; charset=\"windows-1252\"\r
Content-Transfer-Encoding: quoted-printable\r
\r
<p>Undeliverable =E9 soft=\r
break</p>\r
--in\r
Content-Type: text/plain; charset*=utf-8''x\r
Content-Transfer-Encoding: base64\r
\r
VW5kZWxpdmVyYWJsZQ==\r
--in--\r
--outer\r
Content-Type: message/delivery-status\r
\r
Final-Recipient: rfc822; neko@example.org\r
Status: 5.1.1\r
--outer\r
Content-Type: message/rfc822\r
\r
To: neko@example.org\r
Subject: hi\r
\r
Body\r
--outer--\r
";

    #[test]
    fn a_nested_message_reads_whole() {
        let notice = decode(NESTED).unwrap();
        assert_eq!(notice.header("from"), Some("Mäiler <a@example.org>"));
        assert_eq!(notice.subject(), "Délivré  failed");
        assert_eq!(notice.body, "Undeliverable");
        assert!(notice.delivery_status.unwrap().contains("Status: 5.1.1"));
        let original = notice.original.unwrap();
        assert_eq!(original, "To: neko@example.org\nSubject: hi\n\n");
        let enclosed = notice.enclosed.unwrap();
        assert!(enclosed.ends_with(b"\r\nBody"));
    }

    /// Every cut of the message, and every byte of it replaced by each
    /// of the bytes that steer the reader, reads without a panic.
    #[test]
    fn cut_or_broken_messages_read() {
        for end in 0..=NESTED.len() {
            let _ = decode(&NESTED[..end]);
            let _ = shown_text(&NESTED[..end]);
        }
        let mut broken = NESTED.to_vec();
        for at in 0..NESTED.len() {
            for b in [b'\n', b'-', b'=', b'?', b'"', b';', b':', b'\\', 0xFF] {
                broken[at] = b;
                let _ = decode(&broken);
            }
            broken[at] = NESTED[at];
        }
    }

    #[test]
    fn the_shown_text_keeps_the_order_of_parts() {
        let m = b"From: a@example.org\nSubject: x\nMIME-Version: 1.0\n\
            Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n\
            --b\nContent-Type: text/plain\n\nDelivery failed.\n\
            --b\nContent-Type: message/delivery-status\n\n\
            Reporting-MTA: dns; mx.example.org\n\n\
            Final-Recipient: rfc822; neko@example.org\nStatus: 5.1.1\n\
            --b\nContent-Type: text/rfc822-headers\n\nTo: neko@example.org\n\
            --b--\n";
        let shown = shown_text(m).unwrap();
        let at = |s: &str| shown.find(s).unwrap();
        assert!(
            at("Delivery failed") < at("Final-Recipient")
                && at("Status") < at("To: neko")
        );
        assert!(!shown.contains("Content-Type"));
    }
}
