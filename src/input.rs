// SPDX-License-Identifier: MIT
//! Bytes or text in: limits, line ends, quote prefixes, and whether the
//! input is a whole message or a pasted fragment.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::Error;

/// The largest input decoded unless the caller sets another limit: 10 MiB.
pub const DEFAULT_MAX_SIZE: usize = 10 * 1024 * 1024;

/// Recipients read from one notice at the most; the rest are left out
/// with the warning `warning.too-many-recipients`. Real notices name a
/// few, a mailing list's a few hundred.
pub const MAX_RECIPIENTS: usize = 1_000;

/// Bytes kept of a recipient's texts at the most (the server's words,
/// the notice's prose about it), cut at a character boundary with `…`.
/// Servers' words run to a few hundred bytes; the bound keeps a notice
/// that gives one long text to many recipients from growing the report
/// beyond `MAX_RECIPIENTS` times this size.
pub const MAX_TEXT: usize = 8 * 1024;

/// MIME parts of a message read at the most; the rest are skipped with
/// the warning `warning.too-many-parts`.
pub const MAX_PARTS: usize = 1_000;

/// Levels of nested multiparts and attached messages read at the most;
/// deeper parts are skipped with the warning `warning.too-many-parts`.
pub const MAX_DEPTH: usize = 32;

/// Share of control bytes (NUL and the like) above which an input is
/// taken for binary data rather than text, in parts per thousand.
const BINARY_PER_MILLE: usize = 30;

/// Bytes of a message's start looked at to tell whether the rest of an
/// input over the limit can be left unread ([`message_head`]).
const HEAD_LOOK: usize = 64 * 1024;

/// The start of an input larger than `limit` bytes that is a MIME
/// message of several parts (a delivery report, a Microsoft 365 notice),
/// cut at the last line end within `limit` bytes; `None` for any other
/// input, which is refused whole as too large. Such a notice's own parts
/// come first and its answer is in its first kilobytes; what makes it
/// large is the returned email it carries back (with its attachments),
/// whose end is cut off or left unread.
///
/// ```
/// use pantul::input::message_head;
/// let big = b"From: a@example.org\nContent-Type: multipart/report; boundary=b\n\n--b\nline\nmore";
/// assert_eq!(message_head(big, 74).map(|h| h.len()), Some(73));
/// assert_eq!(message_head(b"550 5.1.1 user unknown\n", 10), None);
/// ```
pub fn message_head(input: &[u8], limit: usize) -> Option<&[u8]> {
    if input.len() <= limit {
        return None;
    }
    let look = &input[..input.len().min(HEAD_LOOK).min(limit)];
    let look = unicode(look);
    if !matches!(look, Cow::Borrowed(_)) {
        // Decoded from UTF-16: cut only what is read as it is.
        return None;
    }
    let text = normalize_line_ends(&look);
    if !starts_with_header_block(&text) {
        return None;
    }
    let text = trim_leading_blank_lines(&text);
    let end = memchr::memmem::find(text, b"\n\n")?;
    let header = String::from_utf8_lossy(&text[..end]).to_ascii_lowercase();
    let multipart = header.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("content-type:") && l.contains("multipart/")
    });
    if !multipart {
        return None;
    }
    let last = memchr::memrchr(b'\n', &input[..limit])?;
    Some(&input[..=last])
}

/// What the input stage hands on.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The input with every line ending as a single `\n`.
    pub bytes: Cow<'a, [u8]>,
    /// True if and only if the input starts with an RFC 5322 header block.
    pub is_message: bool,
    /// True if and only if line breaks were put back into lines that
    /// pasting had joined (`crate::relines`).
    pub relined: bool,
}

/// Checks the input against the limits, reads it as UTF-8 ([`unicode`]),
/// normalises its line ends and puts back the line breaks of a notice
/// whose lines were joined when it was pasted (`crate::relines`).
///
/// Fails on an input larger than `max_size`, on one with nothing but
/// white space (a byte order mark alone included), and on binary data.
pub fn prepare(input: &[u8], max_size: usize) -> Result<Prepared<'_>, Error> {
    if input.len() > max_size {
        return Err(Error::TooLarge { size: input.len(), limit: max_size });
    }
    let text = unicode(input);
    if is_blank(&text) {
        return Err(Error::Empty);
    }
    if looks_binary(&text) {
        return Err(Error::Binary);
    }
    let bytes = match text {
        Cow::Borrowed(text) => normalize_line_ends(text),
        Cow::Owned(text) => Cow::Owned(normalize_line_ends(&text).into_owned()),
    };
    let header = starts_with_header_block(&bytes);
    let (bytes, from_html) =
        if header { (bytes, false) } else { pasted_html(bytes) };
    // A pasted text is read with its no-break spaces as spaces: a rich-
    // text editor or a ticket may give every space back as one.
    let bytes = if header { bytes } else { plain_spaces(bytes) };
    let (bytes, relined) = relined(bytes);
    // Lines a webmail view broke apart: joined again, without a warning
    // (nothing is guessed: each shape is checked in full).
    let bytes = match crate::unbreak::rejoin(&bytes) {
        Some(joined) => Cow::Owned(joined),
        None => bytes,
    };
    // The header block is looked for again only in a text made anew.
    let is_message = if from_html || relined {
        starts_with_header_block(&bytes)
    } else {
        header
    };
    Ok(Prepared { bytes, is_message, relined })
}

/// The spaces that show as a space but are none to a parser: no-break
/// (U+00A0), figure (U+2007) and narrow no-break (U+202F) spaces, in
/// UTF-8.
const WIDE_SPACES: &[&[u8]] = &[b"\xc2\xa0", b"\xe2\x80\x87", b"\xe2\x80\xaf"];

/// `text` with its no-break spaces ([`WIDE_SPACES`]) made plain spaces;
/// borrowed when it holds none. A no-break space that is a piece of
/// a garbled letter (`Â` before it: UTF-8 read as Windows-1252) is left
/// for `crate::mojibake` to put back.
fn plain_spaces(text: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    let wide = |rest: &[u8]| {
        WIDE_SPACES.iter().find(|w| rest.starts_with(w)).map(|w| w.len())
    };
    let garbled = |before: &[u8]| before.ends_with("\u{c2}".as_bytes());
    let found =
        WIDE_SPACES.iter().any(|w| memchr::memmem::find(&text, w).is_some());
    if !found {
        return text;
    }
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        match wide(&text[at..]) {
            Some(n) if !garbled(&text[..at]) => {
                out.push(b' ');
                at += n;
            }
            _ => {
                out.push(text[at]);
                at += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// True if and only if `text` holds white space only, of any kind: a
/// paste from a web page is often all no-break spaces (U+00A0), and
/// zero-width spaces and byte order marks show nothing either.
fn is_blank(text: &[u8]) -> bool {
    let mut rest = text;
    // Character by character, so that a text stops at its first letter.
    while let Some(&first) = rest.first() {
        let len = match first {
            b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => return false,
        };
        let c = rest.get(..len).and_then(|c| std::str::from_utf8(c).ok());
        let blank = c.and_then(|c| c.chars().next()).is_some_and(|c| {
            c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}')
        });
        if !blank {
            return false;
        }
        rest = &rest[len..];
    }
    true
}

/// What a reader sees of a fragment that is evidently HTML, a ticket's
/// or web page's markup pasted as text (`crate::html::from_paste`);
/// any other input as it is. A whole message's HTML parts are read
/// from its MIME structure instead (the caller passes no message). True
/// with the text if it was HTML.
fn pasted_html(bytes: Cow<'_, [u8]>) -> (Cow<'_, [u8]>, bool) {
    let text = std::str::from_utf8(&bytes).ok();
    if memchr::memchr(b'<', &bytes).is_none() {
        // Or all of it escaped, as a ticket quotes a bounce.
        return match text.and_then(crate::html::from_escaped) {
            Some(text) => (Cow::Owned(text.into_bytes()), true),
            None => (bytes, false),
        };
    }
    match text.and_then(crate::html::from_paste) {
        Some(text) => (Cow::Owned(text.into_bytes()), true),
        None => (bytes, false),
    }
}

/// `bytes` (with `\n` line ends) with the line breaks put back that
/// pasting took out of a notice's lines (`crate::relines`), and true if
/// and only if there were any.
pub(crate) fn relined(bytes: Cow<'_, [u8]>) -> (Cow<'_, [u8]>, bool) {
    match crate::relines::restore(&bytes) {
        Some(restored) => (Cow::Owned(restored), true),
        None => (bytes, false),
    }
}

/// True if and only if control bytes other than white space and ESC (used
/// by ISO-2022-JP) make up more than a small share of the input.
fn looks_binary(input: &[u8]) -> bool {
    let sample = &input[..input.len().min(1 << 20)];
    // Counted in byte-sized tallies of at most 255 bytes each, without
    // branches, which the compiler turns into vector instructions.
    let control: usize = sample
        .chunks(255)
        .map(|chunk| {
            let tally = chunk.iter().fold(0u8, |n, &b| {
                let white = (b == b'\t') | (b == b'\n') | (b == b'\r');
                let allowed = white | (b == 0x0c) | (b == 0x1b);
                n + u8::from((b < 0x20) & !allowed)
            });
            usize::from(tally)
        })
        .sum();
    control * 1000 > sample.len() * BINARY_PER_MILLE
}

/// The input as UTF-8 bytes: without a UTF-8 byte order mark, and
/// decoded from UTF-16 when a UTF-16 byte order mark opens it (what
/// Windows tools save as "Unicode"); unpaired surrogates and an odd
/// last byte become U+FFFD. Any other input is returned as it is.
///
/// ```
/// use pantul::input::unicode;
/// assert_eq!(&*unicode(b"\xEF\xBB\xBFabc"), b"abc");
/// assert_eq!(&*unicode(b"\xFF\xFEa\0\xE9\0"), "aé".as_bytes());
/// assert_eq!(&*unicode(b"\xFE\xFF\0a\0b"), b"ab");
/// assert_eq!(&*unicode(b"abc"), b"abc");
/// // Without a byte order mark, told by the NUL bytes.
/// assert_eq!(&*unicode(b"5\x005\x000\x00 \x00"), b"550 ");
/// assert_eq!(&*unicode(b"\x005\x005\x000\x00 "), b"550 ");
/// ```
pub fn unicode(input: &[u8]) -> Cow<'_, [u8]> {
    let (little, rest) = match input {
        [0xEF, 0xBB, 0xBF, rest @ ..] => return Cow::Borrowed(rest),
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => match bare_utf16(input) {
            Some(little) => (little, input),
            None => return Cow::Borrowed(input),
        },
    };
    let pairs = rest.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let units = pairs.map(|p| match little {
        true => u16::from_le_bytes([p[0], p[1]]),
        false => u16::from_be_bytes([p[0], p[1]]),
    });
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Cow::Owned(text.into_bytes())
}

/// The byte order of UTF-16 text saved without a byte order mark (what
/// PowerShell's `>` writes), told by its NUL bytes: in text that is
/// mostly ASCII, nine in ten of the first units have a NUL high byte and
/// a non-NUL low byte. `Some(true)` for little-endian.
fn bare_utf16(input: &[u8]) -> Option<bool> {
    let sample = &input[..input.len().min(512) & !1];
    let units = sample.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut little, mut big) = (0, 0);
    for p in sample.chunks_exact(2) {
        little += usize::from(p[0] != 0 && p[1] == 0);
        big += usize::from(p[0] == 0 && p[1] != 0);
    }
    let most = |n: usize| n * 10 >= units * 9;
    if most(little) {
        Some(true)
    } else if most(big) {
        Some(false)
    } else {
        None
    }
}

/// `bytes` without a leading UTF-8 byte order mark.
///
/// ```
/// use pantul::input::strip_utf8_bom;
/// assert_eq!(strip_utf8_bom(b"\xEF\xBB\xBFFrom: a"), b"From: a");
/// ```
pub fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Turns CRLF and lone CR line ends into LF, borrowing when there is none.
pub fn normalize_line_ends(input: &[u8]) -> Cow<'_, [u8]> {
    if memchr::memchr(b'\r', input).is_none() {
        return Cow::Borrowed(input);
    }
    let mut out = Vec::with_capacity(input.len());
    let mut rest = input;
    while let Some(i) = memchr::memchr(b'\r', rest) {
        out.extend_from_slice(&rest[..i]);
        out.push(b'\n');
        rest = &rest[i + 1..];
        if rest.first() == Some(&b'\n') {
            rest = &rest[1..];
        }
    }
    out.extend_from_slice(rest);
    Cow::Owned(out)
}

/// `text` with CRLF and lone CR line ends as LF, as
/// [`normalize_line_ends`] gives them; `first` is where its first CR is.
pub(crate) fn newlines_from(text: &str, first: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut at = Some(first);
    while let Some(i) = at {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
        at = memchr::memchr(b'\r', rest.as_bytes());
    }
    out.push_str(rest);
    out
}

/// `text` cut to at most [`MAX_TEXT`] bytes at a character boundary,
/// with `…` where it was cut.
///
/// ```
/// use pantul::input::{clip, MAX_TEXT};
/// let long = "é".repeat(MAX_TEXT);
/// let cut = clip(&long);
/// assert!(cut.len() <= MAX_TEXT + '…'.len_utf8());
/// assert!(cut.ends_with('…'));
/// assert_eq!(clip("550 5.1.1 User unknown"), "550 5.1.1 User unknown");
/// ```
pub fn clip(text: &str) -> Cow<'_, str> {
    if text.len() <= MAX_TEXT {
        return Cow::Borrowed(text);
    }
    let mut end = MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &text[..end]))
}

/// Header fields that mark the start of a whole message, as opposed to the
/// field groups of a pasted delivery-status part.
const MESSAGE_FIELDS: &[&str] = &[
    "from",
    "to",
    "subject",
    "date",
    "received",
    "return-path",
    "message-id",
    "mime-version",
    "content-type",
    "delivered-to",
    "x-failed-recipients",
    "auto-submitted",
];

/// True if and only if the text opens with an RFC 5322 header block (or an
/// mbox `From ` line) that holds at least one field of a whole message.
pub fn starts_with_header_block(bytes: &[u8]) -> bool {
    let text = trim_leading_blank_lines(bytes);
    let text = match text.strip_prefix(b"From ") {
        Some(_) => text.split(|&b| b == b'\n').nth(1).map_or(&[][..], |_| {
            let i = memchr::memchr(b'\n', text).unwrap_or(text.len());
            &text[(i + 1).min(text.len())..]
        }),
        None => text,
    };
    let mut known = 0;
    // The lines as `split` on line feeds gives them, found by memchr.
    let mut start = 0;
    for n in 0.. {
        let Some(rest) = text.get(start..) else { break };
        let end = memchr::memchr(b'\n', rest).map_or(text.len(), |i| start + i);
        let line = &text[start..end];
        start = end + 1;
        if line.is_empty() {
            break;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            if n == 0 {
                return false;
            }
            continue;
        }
        let Some(name) = field_name(line) else { return false };
        // One known field is enough; the lines after it need only be
        // fields.
        if known == 0
            && MESSAGE_FIELDS
                .iter()
                .any(|f| name.eq_ignore_ascii_case(f.as_bytes()))
        {
            known += 1;
        }
        if n > 200 {
            break;
        }
    }
    known > 0
}

fn trim_leading_blank_lines(bytes: &[u8]) -> &[u8] {
    let mut rest = bytes;
    while let Some(i) = memchr::memchr(b'\n', rest) {
        if rest[..i].iter().all(|b| b.is_ascii_whitespace()) {
            rest = &rest[i + 1..];
        } else {
            break;
        }
    }
    rest
}

/// The name of a header field line `Name: value`, if the line is one.
/// RFC 5322 allows any printable character but the colon; names in use
/// are letters, digits, `-`, `_` and `.`, and a pasted Postfix line
/// `<neko@example.org>: host …` is no field.
fn field_name(line: &[u8]) -> Option<&[u8]> {
    let colon = memchr::memchr(b':', line)?;
    let name = &line[..colon];
    let ok = !name.is_empty()
        && name.iter().all(|&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
        });
    ok.then_some(name)
}

/// The lines of `text`, as `str::lines` gives them (`\n` or `\r\n`
/// ends a line; a final line break opens no empty line), found with
/// `memchr`'s vectorised search: families read every line of a notice
/// many times, and most lines are a few dozen bytes long, where the
/// standard library's search costs more to set up than it finds.
pub(crate) fn lines(text: &str) -> Lines<'_> {
    Lines { rest: text }
}

/// The iterator of [`lines`].
#[derive(Clone, Debug)]
pub(crate) struct Lines<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let Some(end) = memchr::memchr(b'\n', self.rest.as_bytes()) else {
            return Some(std::mem::take(&mut self.rest));
        };
        let line = &self.rest[..end];
        self.rest = &self.rest[end + 1..];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// Removes the `> ` quote prefixes a ticket or a reply puts before the
/// lines it quotes, at any depth; lines without one are kept as they are.
pub fn strip_quotes(text: &str) -> Cow<'_, str> {
    // A line opens with `>`: the first, or one after a line feed.
    // A line feed and `>`, searched with a searcher built once.
    static QUOTED_LINE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"\n>"));
    let quoted =
        text.starts_with('>') || QUOTED_LINE.find(text.as_bytes()).is_some();
    if !quoted {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(unquote_line(line));
    }
    Cow::Owned(out)
}

fn unquote_line(line: &str) -> &str {
    let mut rest = line;
    while !is_transcript_line(rest) {
        let Some(after) = rest.strip_prefix('>') else { break };
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
    rest
}

/// True if and only if `line` is what a client sent in an SMTP session
/// transcript (Sendmail, Courier), not a quote prefix:
///
/// ```text
/// >>> RCPT To:<neko@example.org>
/// ```
fn is_transcript_line(line: &str) -> bool {
    line.strip_prefix(">>> ")
        .and_then(crate::command::Command::from_word)
        .is_some()
}

/// Splits an mbox file into its messages, dropping each `From ` line
/// and undoing the `>From ` escapes of the body lines (mboxrd).
///
/// A file that does not start with a `From ` line is one message, as it
/// is, unless whole bounces were pasted one after the other in it
/// ([`crate::paste::message_starts`]). A line counts as a separator only after a blank line (or at the
/// start) and in the mbox shape `From <sender> <date>`, with a time and
/// a year, so that a message's own lines that start with "From " stay,
/// and not below a line that ends with a colon ([`introduces_a_message`]).
///
/// ```text
/// From MAILER-DAEMON  Thu Apr 29 23:34:45 2015    <- separator
/// From the desk of the postmaster: ...             <- body text
/// ```
pub fn split_mbox(bytes: &[u8]) -> Vec<Cow<'_, [u8]>> {
    // A file saved with old Mac line ends (CR alone) has its lines
    // read as LF lines.
    if memchr::memchr(b'\n', bytes).is_none()
        && memchr::memchr(b'\r', bytes).is_some()
    {
        let lf: Vec<u8> =
            bytes.iter().map(|&b| if b == b'\r' { b'\n' } else { b }).collect();
        if !is_from_line(first_line(&lf)) {
            return vec![Cow::Borrowed(bytes)];
        }
        return split_mbox(&lf)
            .into_iter()
            .map(|m| Cow::Owned(m.into_owned()))
            .collect();
    }
    if !is_from_line(first_line(bytes)) {
        // Whole messages pasted one after the other (`crate::paste`).
        let Some(messages) = crate::paste::message_starts(bytes) else {
            return vec![Cow::Borrowed(bytes)];
        };
        return messages
            .into_iter()
            .map(|m| Cow::Borrowed(&bytes[m]))
            .collect();
    }
    let mut messages = Vec::new();
    let mut start = None;
    let mut pos = 0;
    while pos < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..])
            .map_or(bytes.len(), |i| pos + i + 1);
        let after_blank = pos == 0
            || bytes[..pos].ends_with(b"\n\n")
            || bytes[..pos].ends_with(b"\n\r\n");
        if after_blank
            && is_from_line(&bytes[pos..end])
            && !introduces_a_message(&bytes[start.unwrap_or(0)..pos])
        {
            if let Some(s) = start {
                messages.push(unescape_from(&bytes[s..pos]));
            }
            start = Some(end);
        }
        pos = end;
    }
    if let Some(s) = start {
        messages.push(unescape_from(&bytes[s.min(bytes.len())..]));
    }
    messages
}

/// True if and only if the last line with words in `before` ends with a
/// colon ([`introduces`]).
fn introduces_a_message(before: &[u8]) -> bool {
    let text = before.trim_ascii_end();
    let line = match memchr::memrchr(b'\n', text) {
        Some(at) => &text[at + 1..],
        None => text,
    };
    introduces(line)
}

/// True if and only if `line` ends with a colon: it introduces what
/// follows, as a bounce introduces the email it returns (`bounced
/// E-Mail:`, `Original message follows:`), so that a `From ` line below
/// it (blank lines between) opens that email, not an mbox's next message.
///
/// ```text
/// target mail address: neko@example.org
/// bounced E-Mail:
///
/// From sender@example.net  Sat Oct  4 08:00:07 2025   <- the returned email
/// ```
pub fn introduces(line: &[u8]) -> bool {
    line.trim_ascii_end().ends_with(b":")
}

fn first_line(bytes: &[u8]) -> &[u8] {
    let end = memchr::memchr(b'\n', bytes).map_or(bytes.len(), |i| i + 1);
    &bytes[..end]
}

/// True if and only if the line is an mbox separator: `From `, a sender,
/// then a date with a time (`23:34:45`) and a four-digit year.
///
/// ```
/// use pantul::input::is_from_line;
/// assert!(is_from_line(b"From MAILER-DAEMON Thu Apr 29 23:34:45 2015\n"));
/// assert!(!is_from_line(b"From the desk of the postmaster\n"));
/// ```
pub fn is_from_line(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"From ") else { return false };
    let text = String::from_utf8_lossy(rest);
    let mut words = text.split_whitespace();
    let has_sender = words.next().is_some();
    let words: Vec<&str> = words.collect();
    let time = words.iter().any(|w| {
        let parts: Vec<&str> = w.split(':').collect();
        (2..=3).contains(&parts.len())
            && parts
                .iter()
                .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
    });
    let year = words
        .iter()
        .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    has_sender && time && year
}

/// Removes one `>` from each body line that starts with `>From ` (or
/// `>>From `, …), as mboxrd writers escape them.
fn unescape_from(message: &[u8]) -> Cow<'_, [u8]> {
    let escaped = |line: &[u8]| {
        let quotes = line.iter().take_while(|&&b| b == b'>').count();
        quotes > 0 && line[quotes..].starts_with(b"From ")
    };
    if !message.split(|&b| b == b'\n').any(escaped) {
        return Cow::Borrowed(message);
    }
    let mut out = Vec::with_capacity(message.len());
    for line in message.split_inclusive(|&b| b == b'\n') {
        out.extend_from_slice(if escaped(line) { &line[1..] } else { line });
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\r\nb\rc\n\nd\r",
            "\r\n\r\n x \n",
            "é\nü\r\n",
        ] {
            let ours: Vec<&str> = lines(text).collect();
            let std: Vec<&str> = text.lines().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn line_ends_become_lf() {
        for text in ["a\r\nb\rc\n", "\r\r\n\n\r", "é\r\nü\r"] {
            let first = text.find('\r').unwrap();
            let lf = text.replace("\r\n", "\n").replace('\r', "\n");
            assert_eq!(newlines_from(text, first), lf);
        }
        let got = normalize_line_ends(b"a\r\nb\rc\n");
        assert_eq!(&*got, b"a\nb\nc\n");
    }

    #[test]
    fn header_block_is_a_message() {
        assert!(starts_with_header_block(b"Subject: x\nFrom: a@b\n\nbody"));
        assert!(starts_with_header_block(b"From a@b Mon\nDate: x\n\nbody"));
        assert!(!starts_with_header_block(b"Reporting-MTA: dns; x\n\n"));
        assert!(!starts_with_header_block(b"4P64Bn1qNHzLbR0q 8721 Wed\n"));
    }

    #[test]
    fn quotes_are_removed_at_any_depth() {
        assert_eq!(strip_quotes("> > a\n>b\nc\n"), "a\nb\nc\n");
    }

    #[test]
    fn limits_give_errors() {
        assert!(matches!(prepare(b" \n\t", 10), Err(Error::Empty)));
        assert!(matches!(
            prepare(b"0123456789ab", 10),
            Err(Error::TooLarge { .. })
        ));
        assert!(matches!(
            prepare(&[0u8, 1, 2, 3, 4, 5], 10),
            Err(Error::Binary)
        ));
    }

    #[test]
    fn mbox_splits_on_from_lines() {
        let mbox = b"From a@example.org Mon Apr 29 23:34:45 2015\n\
            Subject: 1\n\nx\n\nFrom the desk of: nobody\n\
            >From here\n\n\
            From b@example.org Tue Apr 30 01:00:00 2015\nSubject: 2\n\ny\n";
        let parts = split_mbox(mbox);
        assert_eq!(parts.len(), 2);
        assert!(parts[0].ends_with(b"nobody\nFrom here\n\n"));
        assert!(parts[1].starts_with(b"Subject: 2"));
    }

    #[test]
    fn a_returned_email_below_its_introduction_stays_in_its_bounce() {
        let mbox = b"From MAILER-DAEMON Sat Oct  4 08:00:09 2025\n\
            Subject: bounce\n\nreject reason: Mailbox full\n\
            bounced E-Mail:\n\n\
            From s@example.net  Sat Oct  4 08:00:07 2025\n\
            Subject: hello\n\nhi\n\n\
            From MAILER-DAEMON Sun Oct  5 09:00:00 2025\n\
            Subject: next\n\nz\n";
        let parts = split_mbox(mbox);
        assert_eq!(parts.len(), 2);
        assert!(parts[0].ends_with(b"Subject: hello\n\nhi\n\n"));
        assert!(parts[1].starts_with(b"Subject: next"));
    }

    #[test]
    fn no_break_spaces_are_read_as_spaces_unless_garbled() {
        let plain = |t: &str| {
            String::from_utf8(
                plain_spaces(Cow::Borrowed(t.as_bytes())).into_owned(),
            )
            .expect("UTF-8")
        };
        assert_eq!(plain("550\u{a0}5.1.1\u{202f}x\u{2007}y"), "550 5.1.1 x y");
        assert_eq!(
            plain("caf\u{c3}\u{a9} \u{c2}\u{a0}"),
            "caf\u{c3}\u{a9} \u{c2}\u{a0}"
        );
        assert!(matches!(
            plain_spaces(Cow::Borrowed(b"a b")),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn an_mbox_with_cr_line_ends_splits_too() {
        let mbox = b"From a@example.org Mon Apr 29 23:34:45 2015\r\
            Subject: 1\r\rx\r\r\
            From b@example.org Tue Apr 30 01:00:00 2015\rSubject: 2\r\ry\r";
        let parts = split_mbox(mbox);
        assert_eq!(parts.len(), 2);
        assert!(parts[1].starts_with(b"Subject: 2\n"));
    }

    #[test]
    fn a_message_is_not_an_mbox() {
        let parts = split_mbox(b"Subject: x\n\nFrom a Mon 10:00 2015\n");
        assert_eq!(parts.len(), 1);
    }
}
