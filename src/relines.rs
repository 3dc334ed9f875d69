// SPDX-License-Identifier: MIT
//! Line breaks put back into a notice whose lines were joined.
//!
//! A bounce copied from a webmail view (Roundcube, Gmail's or Outlook's
//! web page) or from a helpdesk ticket often loses its line breaks, so
//! that the whole notice arrives as one or a few very long lines:
//!
//! ```text
//! Mail Delivery System <MAILER-DAEMON@example.net> Mail delivery failed: returning message to sender This message was created automatically by mail delivery software. … The following address(es) failed: neko@example.org host mx.example.org [192.0.2.1] SMTP error from remote mail server after RCPT TO:<neko@example.org>: 550 5.1.1 User unknown
//! ```
//!
//! The families read a notice by its lines, and read such a text wrongly
//! (the sender's `<MAILER-DAEMON@…>` taken for the recipient, one
//! recipient of four). [`restore`] finds the long lines that hold at
//! least two of the marks a notice's own lines begin with, and breaks
//! them where the notice had its line breaks:
//!
//! | marks | as in |
//! |---|---|
//! | delivery-status fields | `Reporting-MTA:`, `Final-Recipient:`, `Action:`, `Status:`, `Diagnostic-Code:` |
//! | header fields of a pasted message, and its MIME boundaries | `From:`, `To:`, `Subject:`, `Date:`, `Content-Type:`, `--boundary` |
//! | Postfix | `<neko@example.org>: host …`, `(in reply to RCPT TO command)`, `The mail system` |
//! | Exim | `neko@example.org host mx.example.org [192.0.2.1]`, `SMTP error from remote mail server after RCPT TO:<…>:`, `------ This is a copy of the message` |
//! | Microsoft | `Diagnostic information for administrators:`, `Generating server:`, `Remote Server returned` |
//! | Gmail, Sendmail, qmail | `Technical details of permanent failure:`, `Address not found` before `Your message …`, `(reason: 550 …)`, `----- Transcript of session follows -----` |
//! | Indonesian views | Exim as hosts translate it (`Alamat berikut gagal:`), Outlook's (`Informasi diagnostik untuk administrator:`), Gmail's (`Respons dari server jarak jauh adalah:`) |
//! | a ticket's quote prefixes | `>> ` three times or more |
//!
//! A helpdesk that joined the lines with bars (`… failed: | neko@… |
//! host …`) is read so too: two bars or more between words are taken
//! for the white space they stand for.
//!
//! A line that is merely long (a long reply, a 5 MB line of one word) holds
//! at most one mark and is left as it is. Every word of a long line is
//! looked at once, with a look ahead of a bounded number of bytes, so the
//! work is linear in the input; nothing backtracks.

use crate::input::MAX_RECIPIENTS;
// Gmail's headlines, each alone on its line above the sentence that
// names the recipient (in its English and Indonesian views): taken for
// a line only before one of `GMAIL_SENTENCES`, since the same words run
// on inside replies (`550 5.1.1 Address not found`).
use crate::mta::google_workspace::HEADLINES as GMAIL_HEADLINES;

/// Lines shorter than this are never taken for joined lines: a notice's
/// own lines are a few dozen bytes long, and a short line with two marks
/// (`Status: 5.1.1 Action: failed`) has lost little.
const MIN_LINE: usize = 160;

/// Marks a long line must hold to be taken for joined lines.
const MIN_MARKS: usize = 2;

/// Line breaks put back into one input at the most: a real notice needs
/// a few for each recipient, and the bound keeps an input made of marks
/// alone from growing the work that follows without end.
const MAX_BREAKS: usize = 64 * MAX_RECIPIENTS;

/// The bytes looked ahead from a mark for its end, at the most.
const LOOK_AHEAD: usize = 300;

/// Delivery-status fields (RFC 3464, and Postfix's own), each of which
/// begins a line.
const STATUS_FIELDS: &[&str] = &[
    "reporting-mta",
    "received-from-mta",
    "arrival-date",
    "original-envelope-id",
    "x-postfix-queue-id",
    "x-postfix-sender",
    "original-recipient",
    "final-recipient",
    "action",
    "status",
    "remote-mta",
    "diagnostic-code",
    "last-attempt-date",
    "will-retry-until",
    "x-actual-recipient",
];

/// Header fields of a pasted message or of a webmail view (English and
/// Indonesian), each of which begins a line.
const HEADER_FIELDS: &[&str] = &[
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "sent",
    "reply-to",
    "return-path",
    "envelope-to",
    "delivery-date",
    "received",
    "message-id",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "content-description",
    "content-disposition",
    "x-failed-recipients",
    "auto-submitted",
    "in-reply-to",
    "references",
    "dari",
    "kepada",
    "tanggal",
    "subjek",
    "perihal",
];

/// Where a notice breaks its lines after a phrase.
#[derive(Clone, Copy)]
enum After {
    /// Not after it.
    Nothing,
    /// Right after it: line breaks and an indent.
    Break(u8, u8),
    /// After the first colon that ends a word, within [`LOOK_AHEAD`]:
    /// Exim's `after RCPT TO:<neko@example.org>:`, `after end of data:`.
    Colon,
    /// After the word that follows it, with a blank line: Microsoft's
    /// `Generating server: mx.example.org`.
    Word,
}

/// A phrase that begins a line of a notice: the phrase, the line breaks
/// and indent before it, and where the line after it begins.
struct Phrase {
    text: &'static str,
    newlines: u8,
    indent: u8,
    after: After,
}

const fn phrase(
    text: &'static str,
    newlines: u8,
    indent: u8,
    after: After,
) -> Phrase {
    Phrase { text, newlines, indent, after }
}

/// The phrases, each in the case its notice writes it.
const PHRASES: &[Phrase] = &[
    // Postfix
    phrase("This is the mail system at host", 2, 0, After::Nothing),
    // Exim
    phrase(
        "This message was created automatically by mail delivery software",
        2,
        0,
        After::Nothing,
    ),
    phrase(
        "A message that you sent could not be delivered",
        2,
        0,
        After::Nothing,
    ),
    phrase("The following address(es) failed:", 2, 0, After::Break(2, 0)),
    phrase("SMTP error from remote mail server after", 1, 4, After::Colon),
    phrase("SMTP error from remote mailer after", 1, 4, After::Colon),
    // The returned message after the addresses, whose header block
    // (`Return-path:`, `To:`) then gets its own lines back.
    phrase("------ This is a copy of the message", 2, 0, After::Nothing),
    // Exim's notice as Indonesian hosts translate it
    phrase("Pesan ini dibuat secara otomatis", 2, 0, After::Nothing),
    phrase("Alamat berikut gagal:", 2, 0, After::Break(2, 0)),
    phrase("SMTP error dari server", 1, 4, After::Colon),
    phrase("------ Ini adalah salinan pesan", 2, 0, After::Nothing),
    // Microsoft
    phrase(
        "Delivery has failed to these recipients or groups:",
        2,
        0,
        After::Break(2, 0),
    ),
    phrase(
        "Diagnostic information for administrators:",
        2,
        0,
        After::Break(2, 0),
    ),
    phrase("Generating server:", 2, 0, After::Word),
    phrase("Remote Server returned", 1, 0, After::Nothing),
    phrase("Original message headers:", 2, 0, After::Break(2, 0)),
    phrase("Reported error:", 1, 0, After::Nothing),
    phrase("DSN generated by:", 1, 0, After::Nothing),
    phrase("Remote server:", 1, 0, After::Nothing),
    // Microsoft's, in Outlook's Indonesian view
    phrase(
        "Pengiriman gagal untuk penerima atau grup ini:",
        2,
        0,
        After::Break(2, 0),
    ),
    phrase(
        "Informasi diagnostik untuk administrator:",
        2,
        0,
        After::Break(2, 0),
    ),
    phrase("Server pembuat:", 2, 0, After::Word),
    phrase("Server Jarak Jauh mengembalikan", 1, 0, After::Nothing),
    phrase("Header pesan asli:", 2, 0, After::Break(2, 0)),
    // Gmail
    phrase(
        "Delivery to the following recipient failed permanently:",
        2,
        0,
        After::Break(2, 0),
    ),
    phrase(
        "Delivery to the following recipients failed permanently:",
        2,
        0,
        After::Break(2, 0),
    ),
    phrase("Technical details of permanent failure:", 2, 0, After::Break(1, 0)),
    phrase("Technical details of temporary failure:", 2, 0, After::Break(1, 0)),
    phrase(
        "The response from the remote server was:",
        2,
        0,
        After::Break(1, 0),
    ),
    phrase("The response was:", 2, 0, After::Break(1, 0)),
    // Gmail's words in its Indonesian view
    phrase("Respons dari server jarak jauh adalah:", 2, 0, After::Break(1, 0)),
    // Sendmail, qmail
    phrase(
        "----- The following addresses had permanent fatal errors -----",
        2,
        0,
        After::Break(1, 0),
    ),
    phrase(
        "----- Transcript of session follows -----",
        2,
        0,
        After::Break(1, 0),
    ),
    phrase("Hi. This is the qmail-send program", 2, 0, After::Nothing),
];

/// The openings of the sentence below a Gmail headline.
const GMAIL_SENTENCES: &[&str] =
    &["Your message ", "There was a ", "Pesan Anda "];

/// A line break put in place of the white space `start..end` of a line.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Break {
    start: usize,
    end: usize,
    newlines: u8,
    indent: u8,
}

/// `text` (with `\n` line ends) with line breaks put back into its
/// joined lines, or `None` when it has none.
///
/// ```text
/// … The following address(es) failed: neko@example.org host mx.example.org [192.0.2.1] SMTP error …
/// ```
///
/// becomes
///
/// ```text
/// The following address(es) failed:
///
///   neko@example.org
///     host mx.example.org [192.0.2.1]
///     SMTP error …
/// ```
pub(crate) fn restore(text: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let (mut copied, mut breaks, mut at) = (0, 0, 0);
    // Where the next ` | ` is: a line a helpdesk joined with bars is
    // looked at however short (`Action: failed | Status: 5.1.1 | …`).
    let bars = memchr::memmem::Finder::new(BAR);
    let mut next_bar = bars.find(text);
    while at < text.len() && breaks < MAX_BREAKS {
        if next_bar.is_some_and(|b| b < at) {
            next_bar = bars.find(&text[at..]).map(|b| at + b);
        }
        // Lines shorter than MIN_LINE are skipped many at a time: every
        // line that ends at or before the last line break among the
        // next MIN_LINE bytes is shorter. With one search a line, this
        // function cost 8.8M instructions over the corpus; 4.8M so
        // (callgrind).
        let window = &text[at..text.len().min(at + MIN_LINE)];
        if let Some(i) = memchr::memrchr(b'\n', window) {
            if next_bar.is_none_or(|b| b > at + i) {
                at += i + 1;
                continue;
            }
        }
        let end =
            memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |i| at + i);
        let line = &text[at..end];
        // A ticket's ` | ` between the joined lines is read as the
        // white space it stands for.
        let unpiped = next_bar.is_some_and(|b| b < end).then(|| unpiped(line));
        let unpiped = unpiped.flatten();
        // A mail log or `mailq` listing joined into one paragraph gets
        // its lines back at their starts (fresh14 #38).
        let log = (line.len() >= MIN_LINE).then(|| std::str::from_utf8(line));
        let log = log.and_then(Result::ok).and_then(crate::split_log::unjoined);
        if let Some(lines) = log.filter(|l| breaks + l.len() <= MAX_BREAKS) {
            let out = out.get_or_insert_with(|| {
                Vec::with_capacity(text.len() + text.len() / 8)
            });
            out.extend_from_slice(&text[copied..at]);
            for (n, line) in lines.iter().enumerate() {
                if n > 0 {
                    out.push(b'\n');
                }
                out.extend_from_slice(line.as_bytes());
            }
            copied = end;
            breaks += lines.len() - 1;
            at = end + 1;
            continue;
        }
        if line.len() >= MIN_LINE || unpiped.is_some() {
            let line = unpiped.as_deref().unwrap_or(line);
            let found = line_breaks(line, MAX_BREAKS - breaks);
            if !found.is_empty() {
                let out = out.get_or_insert_with(|| {
                    Vec::with_capacity(text.len() + text.len() / 8)
                });
                out.extend_from_slice(&text[copied..at]);
                write_line(out, line, &found);
                copied = end;
                breaks += found.len();
            }
        }
        at = end + 1;
    }
    let mut out = out?;
    out.extend_from_slice(&text[copied..]);
    Some(out)
}

/// The join of a helpdesk that puts bars between the lines it joins.
const BAR: &[u8] = b" | ";

/// Joins of a ticket system a line must hold to be read as joined by
/// them: one ` | ` may be a server's words, two are seldom.
const MIN_PIPES: usize = 2;

/// `line` with the bar of each ` | ` made a space, when it holds at
/// least [`MIN_PIPES`] of them: the lines a helpdesk joined with bars
/// (`… failed: | neko@example.org | host mx.example.org …`). The line
/// keeps its length, so that breaks found in it fall where they would
/// in `line`.
fn unpiped(line: &[u8]) -> Option<Vec<u8>> {
    let finder = memchr::memmem::Finder::new(BAR);
    let mut found = finder.find_iter(line);
    found.nth(MIN_PIPES - 1)?;
    let mut out = line.to_vec();
    for at in finder.find_iter(line) {
        out[at + 1] = b' ';
    }
    Some(out)
}

/// `line` with `breaks` (in order) in place of their white space.
fn write_line(out: &mut Vec<u8>, line: &[u8], breaks: &[Break]) {
    let mut at = 0;
    for b in breaks {
        out.extend_from_slice(&line[at..b.start]);
        out.extend(std::iter::repeat_n(b'\n', usize::from(b.newlines)));
        out.extend(std::iter::repeat_n(b' ', usize::from(b.indent)));
        at = b.end;
    }
    out.extend_from_slice(&line[at..]);
}

/// The line breaks of a joined line, in order, `limit` at the most (the
/// first); none when the line holds fewer than [`MIN_MARKS`] marks.
fn line_breaks(line: &[u8], limit: usize) -> Vec<Break> {
    let mut scan = Scan::new(line, limit);
    // Only the words that may mark are looked at ([`may_mark`]), each
    // found from a byte that may begin one or an `@` ([`is_telling`]),
    // searched 32 bytes at a time: the other words, most of a long
    // line, are passed over without being split apart. The 10 MB line
    // of `benches/inputs.rs` cost 490M instructions in `restore` with
    // every word looked at, 350M with every word split but only those
    // that may mark looked at, and 21M so (callgrind, the CLI).
    let mut at = 0;
    while let Some(telling) = next_telling(line, at) {
        // The word of that byte: it starts after `at`, the end of the
        // word looked at before or the start of the line.
        let a = line[at..telling]
            .iter()
            .rposition(|c| is_blank(*c))
            .map_or(at, |i| at + i + 1);
        let b = line[telling..]
            .iter()
            .position(|c| is_blank(*c))
            .map_or(line.len(), |i| telling + i);
        if may_mark(&line[a..b]) {
            scan.word(a, b, previous_word(line, a));
        }
        at = b;
    }
    scan.finish()
}

/// True if and only if the byte `c` may begin a word that marks, or is
/// the `@` of an address ([`may_mark`]). Without branches, so that a
/// search for one is made of vector instructions.
fn is_telling(c: u8) -> bool {
    (c.wrapping_sub(b'A') < 26)
        | (c == b'<')
        | (c == b'>')
        | (c == b'(')
        | (c == b'-')
        | (c == b'@')
}

/// Where the first byte at or after `from` in `line` is one that
/// [`is_telling`] holds true for.
fn next_telling(line: &[u8], from: usize) -> Option<usize> {
    const CHUNK: usize = 32;
    let rest = line.get(from..)?;
    let chunks = rest.chunks_exact(CHUNK);
    let tail = chunks.remainder();
    for (n, chunk) in chunks.enumerate() {
        let any = chunk.iter().fold(false, |any, &c| any | is_telling(c));
        if any {
            let i = chunk.iter().position(|&c| is_telling(c))?;
            return Some(from + n * CHUNK + i);
        }
    }
    let i = tail.iter().position(|&c| is_telling(c))?;
    Some(from + rest.len() - tail.len() + i)
}

/// The word of `line` before the white space that ends at `a`, if any.
fn previous_word(line: &[u8], a: usize) -> Option<&[u8]> {
    let end = line[..a].iter().rposition(|c| !is_blank(*c))? + 1;
    let start =
        line[..end].iter().rposition(|c| is_blank(*c)).map_or(0, |i| i + 1);
    Some(&line[start..end])
}

/// What the scan of one line found so far.
struct Scan<'a> {
    line: &'a [u8],
    /// Breaks and quote prefixes kept at the most.
    limit: usize,
    breaks: Vec<Break>,
    /// Where the words made of quote signs (`>`, `>>`) begin.
    quotes: Vec<usize>,
    marks: usize,
    /// The MIME boundary a `boundary=` parameter of the line declares.
    boundary: Option<&'a [u8]>,
}

impl<'a> Scan<'a> {
    /// A scan of `line` that keeps `limit` breaks at the most.
    fn new(line: &'a [u8], limit: usize) -> Self {
        Scan {
            line,
            limit,
            breaks: Vec::new(),
            quotes: Vec::new(),
            marks: 0,
            boundary: boundary(line),
        }
    }

    /// Looks at the word `a..b`, after the word `prev`.
    fn word(&mut self, a: usize, b: usize, prev: Option<&[u8]>) {
        let line = self.line;
        let word = &line[a..b];
        if (word.iter().all(|&c| c == b'>') && word.len() <= 3)
            || word == b"<<<"
        {
            if self.quotes.len() < self.limit {
                self.quotes.push(a);
            }
            return;
        }
        if self.field(a, b, prev)
            || self.boundary_line(a, b)
            || self.postfix_paragraph(a, b, prev)
            || self.bare_address(a, b, prev)
        {
            return;
        }
        let rest = &line[a..];
        if rest.starts_with(b"(in reply to ") {
            let window = &rest[..rest.len().min(80)];
            if let Some(i) = memchr::memmem::find(window, b"command)") {
                self.mark();
                self.break_after(a + i + 8, 2, 0);
            }
            return;
        }
        // Sendmail's reason, indented below the address it is for:
        // `<neko@example.org>` then `    (reason: 550 5.1.1 …)`.
        if rest.starts_with(b"(reason: ") {
            self.mark();
            self.break_before(a, 1, 4);
            return;
        }
        if rest.starts_with(b"The mail system") {
            let after = &rest[15..];
            let spaces = after.iter().take_while(|c| is_blank(**c)).count();
            if spaces > 0 && after.get(spaces) == Some(&b'<') {
                self.mark();
                self.break_before(a, 2, 0);
                self.break_after(a + 15, 2, 0);
            }
            return;
        }
        // Every headline and phrase begins with a capital or a dash (a
        // test checks): most words are no start of one.
        if !starts_headline_or_phrase(rest[0]) {
            return;
        }
        if !self.gmail_headline(a, rest) {
            self.phrase(a, rest);
        }
    }

    /// One of [`GMAIL_HEADLINES`] at the start of `rest` (the word at
    /// `a`), before one of [`GMAIL_SENTENCES`]; true if and only if one
    /// is there.
    fn gmail_headline(&mut self, a: usize, rest: &[u8]) -> bool {
        let Some(headline) =
            GMAIL_HEADLINES.iter().find(|h| rest.starts_with(h.as_bytes()))
        else {
            return false;
        };
        let after = &rest[headline.len()..];
        let blank = after.iter().take_while(|c| is_blank(**c)).count();
        let sentence = &after[blank..];
        if blank == 0
            || !GMAIL_SENTENCES
                .iter()
                .any(|s| sentence.starts_with(s.as_bytes()))
        {
            return false;
        }
        self.mark();
        self.break_before(a, 2, 0);
        self.break_after(a + headline.len(), 2, 0);
        true
    }

    /// A header or delivery-status field name: `Final-Recipient:`, and
    /// the end of a `Content-Type:` field's value. `RCPT TO:` and `MAIL
    /// FROM:` are commands, not fields.
    fn field(&mut self, a: usize, b: usize, prev: Option<&[u8]>) -> bool {
        let word = &self.line[a..b];
        let Some(name) = word.strip_suffix(b":") else { return false };
        if !word[0].is_ascii_uppercase() {
            return false;
        }
        let named = |list: &[&str]| {
            list.iter().any(|f| name.eq_ignore_ascii_case(f.as_bytes()))
        };
        if named(STATUS_FIELDS) {
            let paragraph = name.eq_ignore_ascii_case(b"reporting-mta");
            self.mark();
            self.break_before(a, if paragraph { 2 } else { 1 }, 0);
            return true;
        }
        let command = prev.is_some_and(|p| {
            p.eq_ignore_ascii_case(b"rcpt") || p.eq_ignore_ascii_case(b"mail")
        });
        if !named(HEADER_FIELDS) || command {
            return false;
        }
        self.mark();
        self.break_before(a, 1, 0);
        if name.eq_ignore_ascii_case(b"content-type") {
            if let Some(end) = media_type_end(self.line, b) {
                // A part's header block ends with its last field.
                let next = word_at(self.line, end);
                let field =
                    next.is_some_and(|(c, d)| is_field(&self.line[c..d]));
                if !field {
                    self.break_after(end, 2, 0);
                }
            }
        }
        true
    }

    /// A MIME boundary line, `--boundary` or `--boundary--`, alone on
    /// its line after a blank line.
    fn boundary_line(&mut self, a: usize, b: usize) -> bool {
        let Some(boundary) = self.boundary else { return false };
        let word = &self.line[a..b];
        let Some(rest) = word.strip_prefix(b"--") else { return false };
        if !rest.starts_with(boundary) {
            return false;
        }
        let close = rest[boundary.len()..].starts_with(b"--");
        self.mark();
        self.break_before(a, 2, 0);
        self.break_after(a + 2 + boundary.len() + 2 * usize::from(close), 1, 0);
        true
    }

    /// Postfix's paragraph of a recipient, `<neko@example.org>: host …`
    /// or `<neko@example.org> (expanded from <…>): …`, which a reply
    /// quoting the address (`550 5.1.1 <neko@example.org>: User
    /// unknown`) does not begin. After a sender's address in angle
    /// brackets (`Mail Delivery System <MAILER-DAEMON@example.net>`) a
    /// webmail view's next line begins.
    fn postfix_paragraph(
        &mut self,
        a: usize,
        b: usize,
        prev: Option<&[u8]>,
    ) -> bool {
        let word = &self.line[a..b];
        let Some(close) = angle_address_end(word) else { return false };
        let tail = &self.line[a + close..];
        let expanded = tail.starts_with(b" (expanded from <")
            && memchr::memmem::find(
                &tail[..tail.len().min(LOOK_AHEAD)],
                b">):",
            )
            .is_some();
        if tail.starts_with(b":") || expanded {
            let quoted = prev.is_some_and(|p| is_code(p) || p.ends_with(b":"));
            if !quoted {
                self.mark();
                self.break_before(a, 2, 0);
            }
            return true;
        }
        let local = word[1..].split(|&c| c == b'@').next().unwrap_or(b"");
        let system = local.eq_ignore_ascii_case(b"mailer-daemon")
            || local.eq_ignore_ascii_case(b"postmaster");
        if system && prev.is_some() {
            self.break_after(a + close, 1, 0);
        }
        false
    }

    /// A bare address that begins a line: Exim's recipient above its
    /// `host mx.example.org [192.0.2.1]`, Microsoft's above `Remote
    /// Server returned` or above the sentence about it.
    fn bare_address(
        &mut self,
        a: usize,
        b: usize,
        prev: Option<&[u8]>,
    ) -> bool {
        let line = self.line;
        if !is_bare_address(&line[a..b]) {
            return false;
        }
        let Some((c, d)) = word_at(line, b) else { return false };
        if &line[c..d] == b"host" {
            let bracket = word_at(line, d)
                .and_then(|(_, f)| word_at(line, f))
                .is_some_and(|(g, _)| line[g] == b'[');
            if bracket {
                self.mark();
                self.break_before(a, 1, 2);
                self.break_before(c, 1, 4);
                return true;
            }
        }
        if line[c..].starts_with(b"Remote Server returned") {
            self.break_before(a, 2, 0);
        } else if prev.is_some_and(|p| p.ends_with(b"."))
            && line[c].is_ascii_uppercase()
        {
            self.break_before(a, 2, 0);
            self.break_before(c, 1, 0);
        }
        false
    }

    /// A phrase of [`PHRASES`] at the start of `rest`, the word at `a`.
    fn phrase(&mut self, a: usize, rest: &[u8]) {
        let Some(p) =
            PHRASES.iter().find(|p| rest.starts_with(p.text.as_bytes()))
        else {
            return;
        };
        self.mark();
        self.break_before(a, p.newlines, p.indent);
        let end = a + p.text.len();
        match p.after {
            After::Nothing => {}
            After::Break(newlines, indent) => {
                self.break_after(end, newlines, indent)
            }
            After::Colon => {
                let window =
                    &self.line[end..self.line.len().min(end + LOOK_AHEAD)];
                if let Some(i) = memchr::memmem::find(window, b": ") {
                    self.break_after(end + i + 1, 1, 4);
                }
            }
            After::Word => {
                if let Some((_, d)) = word_at(self.line, end) {
                    self.break_after(d, 2, 0);
                }
            }
        }
    }

    fn mark(&mut self) {
        self.marks += 1;
    }

    /// A break in place of the white space before the word at `at`; none
    /// at the start of the line or inside a word.
    fn break_before(&mut self, at: usize, newlines: u8, indent: u8) {
        let blank = self.line[..at].iter().rev().take_while(|c| is_blank(**c));
        let start = at - blank.count();
        if start > 0 && start < at && self.breaks.len() < self.limit {
            self.breaks.push(Break { start, end: at, newlines, indent });
        }
    }

    /// A break in place of the white space at `at`, if a word follows it.
    fn break_after(&mut self, at: usize, newlines: u8, indent: u8) {
        let Some(rest) = self.line.get(at..) else { return };
        let blank = rest.iter().take_while(|c| is_blank(**c)).count();
        if blank > 0 && at + blank < self.line.len() {
            self.break_before(at + blank, newlines, indent);
        }
    }

    /// The breaks found, in order, one for each stretch of white space;
    /// none for a line with too few marks. Quote prefixes three times
    /// or more beside a mark begin the lines by themselves: the notice
    /// quoted in a ticket had one on each of its lines.
    fn finish(mut self) -> Vec<Break> {
        if self.quotes.len() >= 3 && self.marks >= 1 {
            self.breaks.clear();
            for at in std::mem::take(&mut self.quotes) {
                self.break_before(at, 1, 0);
            }
            self.marks += 1;
        }
        if self.marks < MIN_MARKS {
            return Vec::new();
        }
        self.breaks.sort_unstable_by_key(|b| b.start);
        let mut merged: Vec<Break> = Vec::with_capacity(self.breaks.len());
        for b in self.breaks {
            match merged.last_mut() {
                Some(last) if last.start == b.start => {
                    last.newlines = last.newlines.max(b.newlines);
                    last.indent = last.indent.max(b.indent);
                }
                _ => merged.push(b),
            }
        }
        merged
    }
}

/// False for a word that [`Scan::word`] takes for no mark, no quote
/// prefix and no place of a break, whatever the words around it: most
/// words of a long line, looked at no further. Each test of `word`
/// needs the word to open with a quote sign (`>`, `<<<`), an angle
/// bracket (`<neko@example.org>:`), a parenthesis (`(in reply to`), a
/// dash (`--boundary`, a phrase) or a capital (a field name, `The mail
/// system`, a headline or phrase), or else to hold an `@` (a bare
/// address).
fn may_mark(word: &[u8]) -> bool {
    let first = word.first().copied().unwrap_or(b' ');
    matches!(first, b'>' | b'<' | b'(' | b'-')
        || first.is_ascii_uppercase()
        || word.contains(&b'@')
}

/// True if and only if a Gmail headline or a phrase of [`PHRASES`] may
/// begin with the byte `first`.
fn starts_headline_or_phrase(first: u8) -> bool {
    first.is_ascii_uppercase() || first == b'-'
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

/// The first word of `line` at or after `from`: its start and end.
fn word_at(line: &[u8], from: usize) -> Option<(usize, usize)> {
    let rest = line.get(from..)?;
    let start = from + rest.iter().position(|c| !is_blank(*c))?;
    let len = line[start..].iter().position(|c| is_blank(*c));
    Some((start, len.map_or(line.len(), |n| start + n)))
}

/// True if and only if `word` is a field name with its colon, as
/// [`Scan::field`] reads one.
fn is_field(word: &[u8]) -> bool {
    let Some(name) = word.strip_suffix(b":") else { return false };
    STATUS_FIELDS
        .iter()
        .chain(HEADER_FIELDS)
        .any(|f| name.eq_ignore_ascii_case(f.as_bytes()))
}

/// True if and only if `word` is a reply code or an enhanced status
/// code: `550`, `550-5.1.1`, `5.1.1`.
fn is_code(word: &[u8]) -> bool {
    let reply = word.len() >= 3
        && word[..3].iter().all(u8::is_ascii_digit)
        && (word.len() == 3 || word[3] == b'-');
    let dots = word.iter().filter(|&&c| c == b'.').count();
    let status = dots == 2
        && word.first().is_some_and(u8::is_ascii_digit)
        && word.iter().all(|c| c.is_ascii_digit() || *c == b'.');
    reply || status
}

/// The length of the address in angle brackets that `word` opens with,
/// `<neko@example.org>`, brackets included.
fn angle_address_end(word: &[u8]) -> Option<usize> {
    let inner = word.strip_prefix(b"<")?;
    let close = memchr::memchr(b'>', inner)?;
    let address = &inner[..close];
    let at = memchr::memchr(b'@', address)?;
    (at > 0 && at + 1 < address.len() && !address.contains(&b'<'))
        .then_some(close + 2)
}

/// True if and only if `word` is an address alone, `neko@example.org`,
/// with a dotted domain and no punctuation around it.
fn is_bare_address(word: &[u8]) -> bool {
    // Words are short: a plain loop, not a vector search's set-up.
    let Some(at) = word.iter().position(|&c| c == b'@') else {
        return false;
    };
    let (local, domain) = (&word[..at], &word[at + 1..]);
    let local_ok = !local.is_empty()
        && local.iter().all(|&c| {
            c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~.".contains(&c)
        });
    let domain_ok = domain.contains(&b'.')
        && !domain.ends_with(b".")
        && domain
            .iter()
            .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.');
    local_ok && domain_ok
}

/// The MIME boundary a `boundary=` parameter in `line` declares.
fn boundary(line: &[u8]) -> Option<&[u8]> {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&line[from..], b"oundary=") {
        let at = from + i;
        from = at + 8;
        if at == 0 || !line[at - 1].eq_ignore_ascii_case(&b'b') {
            continue;
        }
        let value = &line[from..];
        let value = value.strip_prefix(b"\"").unwrap_or(value);
        let len = value
            .iter()
            .take(70)
            .position(|c| matches!(c, b'"' | b';' | b' ' | b'\t'))
            .unwrap_or(value.len().min(70));
        return (len > 0).then_some(&value[..len]);
    }
    None
}

/// Where a `Content-Type:` value that starts at `from` ends: after its
/// media type and parameters (`text/plain; charset=us-ascii`), within
/// [`LOOK_AHEAD`] bytes.
fn media_type_end(line: &[u8], from: usize) -> Option<usize> {
    let end = line.len().min(from + LOOK_AHEAD);
    let text = &line[..end];
    let mut at =
        from + text[from..].iter().take_while(|c| is_blank(**c)).count();
    at = token_end(text, at)?;
    at = (text.get(at) == Some(&b'/')).then_some(at + 1)?;
    at = token_end(text, at)?;
    loop {
        let blank = text[at..].iter().take_while(|c| is_blank(**c)).count();
        if text.get(at + blank) != Some(&b';') {
            return Some(at);
        }
        let mut next = at + blank + 1;
        next += text[next..].iter().take_while(|c| is_blank(**c)).count();
        let Some(name) = token_end(text, next) else { return Some(next) };
        if text.get(name) != Some(&b'=') {
            return Some(at + blank + 1);
        }
        at = match text.get(name + 1) {
            Some(b'"') => {
                let close = memchr::memchr(b'"', &text[name + 2..])?;
                name + 2 + close + 1
            }
            _ => token_end(text, name + 1)?,
        };
    }
}

/// The end of the MIME token (RFC 2045) that starts at `at`, if one does.
fn token_end(text: &[u8], at: usize) -> Option<usize> {
    let len = text.get(at..)?.iter().take_while(|&&c| {
        c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
    });
    let len = len.count();
    (len > 0).then_some(at + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restored(text: &str) -> Option<String> {
        restore(text.as_bytes()).map(|t| String::from_utf8(t).unwrap())
    }

    #[test]
    fn headlines_and_phrases_begin_as_the_scan_expects() {
        let texts =
            GMAIL_HEADLINES.iter().chain(PHRASES.iter().map(|p| &p.text));
        for text in texts {
            assert!(starts_headline_or_phrase(text.as_bytes()[0]), "{text}");
        }
    }

    /// [`line_breaks`] as it was: every word of the line looked at.
    fn line_breaks_word_by_word(line: &[u8], limit: usize) -> Vec<Break> {
        let mut scan = Scan::new(line, limit);
        let mut prev: Option<(usize, usize)> = None;
        let mut at = 0;
        while let Some((a, b)) = word_at(line, at) {
            scan.word(a, b, prev.map(|(pa, pb)| &line[pa..pb]));
            prev = Some((a, b));
            at = b;
        }
        scan.finish()
    }

    #[test]
    fn the_words_passed_over_would_have_marked_nothing() {
        let pieces = [
            "The following address(es) failed:",
            "neko@example.org",
            "host mx.example.org [192.0.2.1]",
            "SMTP error from remote mail server after RCPT TO:<neko@example.org>:",
            "550 5.1.1 User unknown",
            "<tora@example.org>: host mx.example.org[192.0.2.1] said:",
            "(in reply to RCPT TO command)",
            "The mail system",
            "Reporting-MTA: dns; mx.example.net",
            "Final-Recipient: rfc822; neko@example.org",
            "Action: failed Status: 5.1.1",
            "Content-Type: multipart/report; boundary=\"b1\"",
            "--b1 Content-Type: text/plain; charset=us-ascii",
            "--b1--",
            ">> >>   >",
            "<<< 550 rejected",
            "Mail Delivery System <MAILER-DAEMON@example.net>",
            "Address not found Your message wasn't delivered.",
            "it ended. neko@example.org Remote Server returned '550'",
            "Generating server: mx.example.org",
            "the mailbox is not known here,\tplease check the address",
            "aBc dEf@ x-y é@ü …(",
        ];
        // Every piece beside every other, in a line long enough to scan,
        // with one blank or more between them.
        for (i, first) in pieces.iter().enumerate() {
            for (j, second) in pieces.iter().enumerate() {
                let gap = [" ", "\t", "   "][(i + j) % 3];
                let line = format!(
                    "{first}{gap}{second} {} {second}{gap}{first} tail",
                    "word ".repeat(30)
                );
                let line = line.as_bytes();
                for limit in [1, 3, 100] {
                    assert_eq!(
                        line_breaks(line, limit),
                        line_breaks_word_by_word(line, limit),
                        "{}",
                        String::from_utf8_lossy(line)
                    );
                }
            }
        }
    }

    #[test]
    fn words_that_may_mark_are_looked_at() {
        let marks: [&[u8]; 12] = [
            b">>",
            b"<<<",
            b"<neko@example.org>:",
            b"(in",
            b"--b1",
            b"Status:",
            b"The",
            b"Generating",
            b"neko@example.org",
            b"x@y",
            b"-----",
            b"Respons",
        ];
        for word in marks {
            assert!(may_mark(word), "{}", String::from_utf8_lossy(word));
        }
        for word in [&b"the"[..], b"mailbox", b"550", b"5.1.1", b"[192.0.2.1]"]
        {
            assert!(!may_mark(word), "{}", String::from_utf8_lossy(word));
        }
    }

    #[test]
    fn exim_lines_come_back() {
        let text = "Mail Delivery System <MAILER-DAEMON@example.net> Mail \
            delivery failed: returning message to sender This message was \
            created automatically by mail delivery software. A message that \
            you sent could not be delivered to one or more of its recipients. \
            The following address(es) failed: neko@example.org host \
            mx.example.org [192.0.2.1] SMTP error from remote mail server \
            after RCPT TO:<neko@example.org>: 550 5.1.1 User unknown\n";
        let got = restored(text).expect("restored");
        assert!(got.starts_with(
            "Mail Delivery System <MAILER-DAEMON@example.net>\nMail"
        ));
        assert!(got.ends_with(
            "failed:\n\n  neko@example.org\n    host mx.example.org \
             [192.0.2.1]\n    SMTP error from remote mail server after \
             RCPT TO:<neko@example.org>:\n    550 5.1.1 User unknown\n"
        ));
    }

    #[test]
    fn postfix_paragraphs_and_status_fields_come_back() {
        let text = "This is the mail system at host mx.example.net. The mail \
            system <neko@example.org>: host mx.example.org[192.0.2.1] said: \
            550 5.1.1 <neko@example.org>: User unknown (in reply to RCPT TO \
            command) <tora@example.org>: Host or domain name not found \
            Reporting-MTA: dns; mx.example.net Final-Recipient: rfc822; \
            neko@example.org Action: failed Status: 5.1.1\n";
        let got = restored(text).expect("restored");
        assert!(got.contains(
            "\n\n<neko@example.org>: host mx.example.org[192.0.2.1] said: \
             550 5.1.1 <neko@example.org>: User unknown (in reply to RCPT TO \
             command)\n\n<tora@example.org>: Host or domain name not found\n\n\
             Reporting-MTA: dns; mx.example.net\nFinal-Recipient: rfc822; \
             neko@example.org\nAction: failed\nStatus: 5.1.1\n"
        ));
    }

    #[test]
    fn a_pasted_message_gets_its_header_block_and_parts_back() {
        let text = "From: MAILER-DAEMON@example.net To: sender@example.com \
            Subject: failure Content-Type: multipart/report; \
            report-type=delivery-status; boundary=\"b1\" MIME-Version: 1.0 \
            --b1 Content-Type: text/plain; charset=us-ascii Your message \
            failed. --b1 Content-Type: message/delivery-status \
            Reporting-MTA: dns; example.net --b1--\n";
        let got = restored(text).expect("restored");
        assert_eq!(
            got,
            "From: MAILER-DAEMON@example.net\nTo: sender@example.com\n\
             Subject: failure\nContent-Type: multipart/report; \
             report-type=delivery-status; boundary=\"b1\"\nMIME-Version: 1.0\n\
             \n--b1\nContent-Type: text/plain; charset=us-ascii\n\nYour \
             message failed.\n\n--b1\nContent-Type: message/delivery-status\
             \n\nReporting-MTA: dns; example.net\n\n--b1--\n"
        );
    }

    #[test]
    fn quote_prefixes_begin_the_lines_of_a_quoted_notice() {
        let text = "Customer wrote: please help, it bounced again and again \
            and again. >> The following address(es) failed: >> >>   \
            neko@example.org >>     host mx.example.org [192.0.2.1] >>     \
            550 5.7.1 Client host rejected\n";
        let got = restored(text).expect("restored");
        assert!(got.contains(
            "again.\n>> The following address(es) failed:\n>>\n>>   \
             neko@example.org\n>>     host"
        ));
    }

    #[test]
    fn localized_views_come_back() {
        let text = "Mail Delivery Subsystem <mailer-daemon@googlemail.com> \
            09.14 kepada saya Alamat tidak ditemukan Pesan Anda tidak terkirim \
            ke neko@example.org karena alamat tidak ditemukan. Respons dari \
            server jarak jauh adalah: 550 5.1.1 <neko@example.org>: User \
            unknown\n";
        let got = restored(text).expect("restored");
        assert!(got.contains(
            "saya\n\nAlamat tidak ditemukan\n\nPesan Anda tidak terkirim"
        ));
        assert!(got.contains("adalah:\n550 5.1.1"));
        let text = "Pengiriman gagal untuk penerima atau grup ini: \
            neko@example.org Pesan Anda tidak dapat dikirim. Informasi \
            diagnostik untuk administrator: Server pembuat: \
            AB1PR01MB0001.example.org neko@example.org Server Jarak Jauh \
            mengembalikan '550 5.1.1 User unknown'\n";
        let got = restored(text).expect("restored");
        assert!(got.contains(
            "administrator:\n\nServer pembuat: AB1PR01MB0001.example.org\n\n"
        ));
        assert!(got.contains("neko@example.org\nServer Jarak Jauh"));
    }

    #[test]
    fn a_returned_header_block_gets_its_lines_back() {
        let text = "The following address(es) failed: neko@example.org host \
            mx.example.org [192.0.2.1] SMTP error from remote mail server \
            after RCPT TO:<neko@example.org>: 550 5.1.1 User unknown ------ \
            This is a copy of the message, including all the headers. ------ \
            Return-path: <tora@example.com> From: tora@example.com To: \
            neko@example.org, mike@example.org Subject: Hello\n";
        let got = restored(text).expect("restored");
        assert!(got.contains("User unknown\n\n------ This is a copy"));
        assert!(got.contains("------\nReturn-path: <tora@example.com>\nFrom:"));
    }

    #[test]
    fn a_headline_inside_a_reply_is_left_alone() {
        let reply = format!(
            "<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 \
             5.1.1 Address not found {}\n",
            "and nothing else ".repeat(10)
        );
        assert_eq!(restored(&reply), None);
    }

    #[test]
    fn long_lines_with_one_mark_are_left_alone() {
        let reply = format!(
            "<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 \
             5.7.1 {} (in reply to RCPT TO command)\n",
            "blocked due to: poor reputation ".repeat(20)
        );
        assert_eq!(restored(&reply), None);
        assert_eq!(restored(&"a".repeat(5000)), None);
        let short = "Action: failed Status: 5.1.1\n";
        assert_eq!(restored(short), None);
        let commands = format!(
            "{} RCPT TO:<neko@example.org> MAIL FROM:<tora@example.com>\n",
            "x ".repeat(100)
        );
        assert_eq!(restored(&commands), None);
    }

    #[test]
    fn breaks_are_bounded() {
        let joined = "Action: failed Status: 5.1.1 ".repeat(MAX_BREAKS);
        let got = restored(&joined).expect("restored");
        assert_eq!(got.matches('\n').count(), MAX_BREAKS);
    }

    #[test]
    fn a_reply_quoting_the_address_is_no_paragraph() {
        assert!(!is_code(b"neko"));
        assert!(is_code(b"550") && is_code(b"550-5.1.1") && is_code(b"5.1.1"));
        assert_eq!(angle_address_end(b"<a@b.c>:"), Some(7));
        assert_eq!(angle_address_end(b"<>"), None);
    }

    #[test]
    fn media_types_end_after_their_parameters() {
        let line = b"Content-Type: text/plain; charset=\"utf-8\"; a=b Next";
        assert_eq!(media_type_end(line, 13), Some(46));
        assert_eq!(media_type_end(b"x: multipart/report Body", 2), Some(19));
        assert_eq!(media_type_end(b"x: nothing here", 2), None);
    }
}
