// SPDX-License-Identifier: MIT
//! Where one notice of a paste ends: at the opening of the next notice
//! pasted after it (a ticket that quotes two bounces, two Postfix notices
//! one after the other), or at a bounce that the notice's returned
//! message encloses (a forwarded bounce that bounced in turn), which is
//! context and not a notice of the paste.
//!
//! ```text
//! This is the mail system at host mail.example.net.      <- notice 1
//! …
//! Delivery has failed to these recipients or groups:    <- notice 2
//! …
//! ------ This is a copy of the message, including all the headers. ------
//! Subject: Fwd: Undelivered Mail Returned to Sender
//! This is the mail system at host mail.example.org.      <- enclosed
//! ```

use crate::lowercase::Lowercase;
use crate::mta::google_workspace::HEADLINES;
use std::ops::Range;

/// The first sentences of notices of several kinds (Postfix, Exim,
/// Exchange and Outlook, qmail, Sendmail, Gmail, and the others below):
/// each opens a notice of its own, and no notice of the Sisimai corpus
/// shows two of them (`tests/multi22.rs` checks what webmail shows of
/// each).
pub const OPENINGS: &[&str] = &[
    "This is the mail system at host",
    "This message was created automatically by mail delivery software",
    "Delivery has failed to these recipients or groups",
    "Hi. This is the qmail-send program",
    "The original message was received at",
    "Delivery to the following recipient failed",
    // Exchange 2007 and later.
    "Delivery has failed to these recipients or distribution lists",
    // Outlook.com, and servers that copied its words.
    "This is an automatically generated Delivery Status Notification",
    // Amazon WorkMail, Charter (Spectrum).
    "An error occurred while trying to deliver the mail to the following",
    "This is a delivery status notification from",
    "This is the DragonFly Mail Agent",
    // Symantec (Broadcom) Email Security.cloud.
    "This is the mail delivery agent at",
    "This is an automatically generated message from SendGrid",
    // PowerMTA.
    "Hello, this is the mail server on",
    // OpenSMTPD.
    "This is the MAILER-DAEMON, please DO NOT REPLY",
    // Yahoo.
    "Sorry, we were unable to deliver your message to the following",
    // Gmail's notices of today: a title between asterisks.
    "** Address not found",
    "** Message not delivered",
    "** Message blocked",
    // Oracle's Messaging Server.
    "This report relates to a message you sent with the following header",
    // amavisd-new.
    "The message WAS NOT relayed to",
    // Amazon SES.
    "The following message to <",
];

/// True for each byte that starts an opening ([`OPENINGS`]).
const OPENING_FIRSTS: [bool; 256] = {
    let mut firsts = [false; 256];
    let mut i = 0;
    while i < OPENINGS.len() {
        firsts[OPENINGS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    firsts
};

/// The most notices of one paste read one by one; a paste with more
/// openings is read whole, as one notice (each reading has a cost of
/// its own, and no ticket quotes that many bounces).
pub const MAX_NOTICES: usize = 50;

/// Lines after which a notice gives back the message that failed
/// (Exim, qmail, Sendmail, Gmail, Exchange), any case.
#[cfg_attr(not(test), allow(dead_code))] // what `returned_line` finds
const RETURNED: &[&str] = &[
    "this is a copy of the message",
    "below this line is a copy of the message",
    "original message follows",
    "----- original message -----",
    "original message headers:",
];

/// Words that show the returned message to be itself about a bounce: a
/// forward's marker line, or a bounce's subject in the first header
/// block below the returned-message line, any case.
const BOUNCE_INSIDE: &[&str] =
    &["forwarded message", "pesan yang diteruskan", "begin forwarded message"];

/// Subjects of bounces (lowercase), for the returned message's subject.
const BOUNCE_SUBJECTS: &[&str] = &[
    "undelivered mail",
    "undeliverable",
    "delivery status notification",
    "mail delivery failed",
    "returned mail",
    "failure notice",
    "delivery failure",
];

/// How a paste divides: the notices in it, in order (each a byte range
/// of the text; one covering all of it when there is a single notice),
/// and where a bounce enclosed in the last notice's returned message
/// starts, if one does.
#[derive(Debug, PartialEq, Eq)]
pub struct Division {
    /// The notices, in order; the first starts at 0, the last ends where
    /// the text or the enclosed bounce does.
    pub notices: Vec<Range<usize>>,
    /// Where the enclosed bounce starts.
    pub enclosed: Option<usize>,
}

/// Divides `text` at the start of the line of each notice's opening
/// ([`OPENINGS`]) but the first, up to an opening that a notice's
/// returned message encloses: the text before the first opening is the
/// first notice's (a ticket's greeting).
///
/// ```
/// # use pantul::paste::divide;
/// let text = "This is the mail system at host a.example.\n<a@example.org>: …\n\
///             This is the mail system at host b.example.\n<b@example.org>: …\n";
/// let division = divide(text);
/// assert_eq!(division.notices.len(), 2);
/// assert!(text[division.notices[1].clone()].starts_with("This is the mail system at host b"));
/// ```
pub fn divide(text: &str) -> Division {
    // Almost every paste holds one opening at most: then it is one
    // notice, found without reading it line by line.
    if opening_places(text).nth(1).is_none() && !may_open_by_line(text) {
        let whole = std::iter::once(0..text.len()).collect();
        return Division { notices: whole, enclosed: None };
    }
    let mut notices = Vec::new();
    let (mut start, mut opened) = (0, false);
    let mut returned: Option<usize> = None;
    let mut at = 0;
    // Where the openings stand, found once: a line holds one if one
    // starts inside it (no opening holds a line end).
    let mut places = opening_places(text).peekable();
    // Whether the notice so far (`start..here`) is already Postfix's,
    // kept line by line: a notice is never read again for each line.
    let mut postfix_so_far = false;
    // Whether the last line with words introduces what follows ("ini
    // pesannya:"): an opening below it inside a returned message is
    // quoted there.
    let mut introduced = false;
    for line in text.split_inclusive('\n') {
        let here = at;
        at += line.len();
        let introduced_before = introduced;
        if !line.trim().is_empty() {
            introduced = crate::input::introduces(line.as_bytes());
        }
        let mut holds_opening = false;
        while places.next_if(|&p| p < at).is_some() {
            holds_opening = true;
        }
        let postfix_before = postfix_so_far;
        let postfix_line = holds_postfix(line);
        postfix_so_far |= postfix_line;
        if returned.is_none() && returned_line(line.as_bytes()) {
            // The marker itself ("Original message headers:") introduces
            // the returned message, not a quoted notice.
            returned = Some(here);
            introduced = false;
            continue;
        }
        let opens = holds_opening
            || opens_by_itself(line)
            || (is_postfix_recipient(line) && !postfix_before);
        if !opens {
            continue;
        }
        if !opened {
            opened = true;
            continue;
        }
        if let Some(from) = returned {
            if introduced_before || encloses_a_bounce(&text[from..here]) {
                notices.push(start..here);
                return Division { notices, enclosed: Some(here) };
            }
        }
        let cut = heading_start(text, start, here);
        notices.push(start..cut);
        (start, returned) = (cut, None);
        postfix_so_far = postfix_line;
    }
    notices.push(start..text.len());
    Division { notices, enclosed: None }
}

/// Display names of a notice's sender, as a webmail view shows them on
/// a line above the notice (lowercase, the line's start).
const SENDER_NAMES: &[&str] = &[
    "mail delivery subsystem",
    "mail delivery system",
    "mailer-daemon",
    "postmaster",
    "microsoft outlook",
];

/// Where the notice that opens at `here` starts with the lines above its
/// opening that belong to it or to no notice: blank lines, separator
/// lines (`----------------`) and its sender's name as webmail shows it
/// ("Mail Delivery Subsystem"), so that the notice before (from `start`)
/// does not end with them (they are not its server's words). `here`
/// itself when no such line stands above it, or when every line of the
/// notice before is one.
///
/// ```text
/// DNS Error: … Domain name not found      <- the notice before ends here
///
/// ----------------                          <- the next one starts here
/// Mail Delivery Subsystem
/// This is the mail system at host …        <- here
/// ```
fn heading_start(text: &str, start: usize, here: usize) -> usize {
    let mut cut = here;
    let mut moved = false;
    while cut > start {
        let before = &text[start..cut - 1];
        let line_at = before.rfind('\n').map_or(start, |i| start + i + 1);
        let line = text[line_at..cut].trim();
        let separator = line.len() >= 3
            && line.chars().all(|c| matches!(c, '-' | '=' | '_' | '*' | '~'));
        let sender = line.len() < 100 && {
            let lower = line.to_ascii_lowercase();
            SENDER_NAMES.iter().any(|n| lower.starts_with(n))
        };
        if !(line.is_empty() || separator || sender) {
            break;
        }
        moved |= separator || sender;
        cut = line_at;
    }
    match moved && cut > start {
        true => cut,
        false => here,
    }
}

/// Header fields whose value shows a header block to be a bounce's own:
/// the sender of a notice (lowercase, any part of the value).
const NOTICE_SENDERS: &[&str] = &[
    "mailer-daemon",
    "postmaster",
    "mail delivery",
    "mail administrator",
    "microsoftexchange",
    "no-reply@accounts.google.com",
];

/// Where each whole message of a paste of several stands, as byte
/// ranges of `bytes` (the first starts at 0; an mbox `From ` line
/// between two is in neither), or `None` for one message:
/// two bounces saved one after the other in a text box or a file, with
/// or without an mbox `From ` line between them.
///
/// A later message starts after a blank line, at a header block of a
/// bounce's own: an mbox `From ` line followed by a header block, or a
/// header block with `From:` and `Date:` or `Received:` whose sender or
/// subject is a notice's ([`NOTICE_SENDERS`], [`BOUNCE_SUBJECTS`]) or
/// whose type is `multipart/report`; mail-log lines below a message,
/// where it may end, are a log of their own. A header block inside the
/// message before it is that message's returned message, never a message of its
/// own: one before the closing boundary of a multipart message, or one
/// right after a returned-message line ("This is a copy of the
/// message").
///
/// ```text
/// From: Mail Delivery System <MAILER-DAEMON@a.example>   <- 0
/// Content-Type: multipart/report; boundary="b1"
/// …
/// --b1--
///
/// From: MAILER-DAEMON@b.example                          <- a later one
/// Subject: Undelivered Mail Returned to Sender
/// ```
pub fn message_starts(bytes: &[u8]) -> Option<Vec<Range<usize>>> {
    let leading = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    if !is_header_block(&bytes[leading..]) {
        return None;
    }
    let mut messages: Vec<Range<usize>> =
        std::iter::once(0..bytes.len()).collect();
    let mut scan = Scan::default();
    let mut at = 0;
    let mut blank_before = false;
    let mut in_head = true;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..])
            .map_or(bytes.len(), |i| at + i + 1);
        let line = trim_end(&bytes[at..end]);
        let may_end = blank_before && !in_head && scan.may_end(at);
        if may_end && is_log_line(line) {
            // Mail-log lines pasted below the message: read as a log.
            if let Some(last) = messages.last_mut() {
                last.end = at;
            }
            messages.push(at..bytes.len());
            break;
        }
        if may_end {
            let after = match (scan.ended(), scan.returned_in_text()) {
                (true, _) => After::Ended,
                (false, true) => After::Returned,
                (false, false) => After::Open,
            };
            if let Some(head) = later_head(bytes, at, after) {
                if let Some(last) = messages.last_mut() {
                    last.end = at;
                }
                messages.push(head..bytes.len());
                scan = Scan::default();
                in_head = true;
                blank_before = false;
                at = head;
                continue;
            }
        }
        if in_head {
            scan.read_field(line);
            in_head = !line.is_empty();
            if !in_head {
                scan.find_closing(bytes, end);
                // No message starts before the line of a multipart
                // message's closing boundary (`Scan::may_end`), and
                // what its lines show matters only to a message that
                // is not multipart: read on from there.
                if let (Some(_), Some(closing)) = (&scan.boundary, scan.closing)
                {
                    let line_start =
                        memchr::memrchr(b'\n', &bytes[end..closing])
                            .map_or(end, |i| end + i + 1);
                    blank_before = false;
                    at = line_start;
                    continue;
                }
            }
        } else {
            scan.read_body_line(line);
        }
        blank_before = line.is_empty();
        at = end;
    }
    (messages.len() > 1).then_some(messages)
}

/// What [`message_starts`] knows of the message it reads: its
/// top-level boundary, whether that boundary has closed, where it
/// closes, and whether the last line that was not blank is a
/// returned-message line.
#[derive(Default)]
struct Scan {
    boundary: Option<Vec<u8>>,
    closed: bool,
    /// Where the closing boundary line starts, if the text has one.
    closing: Option<usize>,
    /// True if and only if a returned-message line has been read.
    returned: bool,
    /// True if and only if the last line that was not blank is a
    /// returned-message line or introduces what follows.
    after_marker: bool,
    /// The last field of the header block, unfolded so far (the
    /// boundary may stand on a folded line).
    content_type: Vec<u8>,
    in_content_type: bool,
}

impl Scan {
    fn read_field(&mut self, line: &[u8]) {
        let folded = line.first().is_some_and(|b| *b == b' ' || *b == b'\t');
        if folded && self.in_content_type {
            self.content_type.extend_from_slice(line);
        } else {
            self.in_content_type =
                starts_with_ignore_case(line, b"content-type:");
            if self.in_content_type {
                self.content_type = line.to_vec();
            }
        }
        if line.is_empty() {
            self.boundary = boundary_of(&self.content_type);
        }
    }

    fn read_body_line(&mut self, line: &[u8]) {
        if let Some(b) = &self.boundary {
            let closing = line.len() == b.len() + 4
                && line.starts_with(b"--")
                && line[2..].starts_with(b)
                && line.ends_with(b"--");
            self.closed |= closing;
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            let marker = line.len() < 200 && returned_line(line);
            self.returned |= marker;
            // A line that introduces what follows ("bounced E-Mail:")
            // keeps the header block below it in this message too.
            self.after_marker = marker || crate::input::introduces(line);
        }
    }

    /// Finds where the multipart message's closing boundary stands in
    /// `bytes`, from its body's start `from` on, once.
    fn find_closing(&mut self, bytes: &[u8], from: usize) {
        let Some(b) = &self.boundary else { return };
        let mut closing = b"--".to_vec();
        closing.extend_from_slice(b);
        closing.extend_from_slice(b"--");
        self.closing =
            memchr::memmem::find(&bytes[from..], &closing).map(|i| from + i);
    }

    /// True if and only if a message may end at `at`: a multipart
    /// message once its closing boundary is read, or when it has none
    /// (a message cut short); any other one unless its returned message
    /// starts here.
    fn may_end(&self, at: usize) -> bool {
        match (&self.boundary, self.closing) {
            (Some(_), Some(closing)) => self.closed || at > closing,
            (Some(_), None) => !self.after_marker,
            (None, _) => !self.after_marker,
        }
    }

    /// True if and only if a message that is not multipart has given
    /// back the failed message in its text, after a returned-message
    /// line (a multipart one gives it in a part of its own, and its text
    /// may say "the original message follows as an attachment").
    fn returned_in_text(&self) -> bool {
        self.boundary.is_none() && self.returned
    }

    /// True if and only if the message has surely ended: a multipart
    /// message whose closing boundary has been read.
    fn ended(&self) -> bool {
        self.boundary.is_some() && self.closed
    }
}

/// The `boundary` parameter of a `Content-Type:` field of a multipart
/// type, without its quotes.
fn boundary_of(field: &[u8]) -> Option<Vec<u8>> {
    let lower = field.to_ascii_lowercase();
    if !lower.windows(10).any(|w| w == b"multipart/") {
        return None;
    }
    let at = lower.windows(9).position(|w| w == b"boundary=")? + 9;
    let rest = &field[at..];
    let value: Vec<u8> = match rest.first() {
        Some(b'"') => {
            rest[1..].iter().take_while(|&&b| b != b'"').copied().collect()
        }
        _ => rest
            .iter()
            .take_while(|&&b| !b" ;\t\r\n".contains(&b))
            .copied()
            .collect(),
    };
    (!value.is_empty()).then_some(value)
}

/// Where a header block stands in the message before it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    /// After a multipart message's closing boundary: the message has
    /// ended, and any message's header block starts another.
    Ended,
    /// After the returned message's own header block: a header block
    /// of a message that went through servers (with `Received:`,
    /// `Return-Path:` or `Message-ID:`) starts another.
    Returned,
    /// Anywhere else: only a bounce's own header block does.
    Open,
}

/// Where the header block of a later message that starts at `at`
/// starts (after its mbox `From ` line, if it has one), if a message
/// starts there ([`message_starts`], [`After`]).
fn later_head(bytes: &[u8], at: usize, after: After) -> Option<usize> {
    let rest = &bytes[at..];
    let first_end = memchr::memchr(b'\n', rest).map_or(rest.len(), |i| i + 1);
    if crate::input::is_from_line(&rest[..first_end]) {
        let head = at + first_end;
        return is_header_block(&bytes[head..]).then_some(head);
    }
    let fields = header_block(rest)?;
    let value = |name: &str| {
        let name = name.as_bytes();
        fields.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|f| &f.1)
    };
    let from = value("from")?.to_ascii_lowercase();
    value("date").or(value("received"))?;
    let subject =
        value("subject").map(|s| s.to_ascii_lowercase()).unwrap_or_default();
    let report = value("content-type")
        .is_some_and(|t| t.to_ascii_lowercase().contains("multipart/report"));
    let travelled = ["received", "return-path", "message-id"]
        .iter()
        .any(|n| value(n).is_some());
    let notice = after == After::Ended
        || (after == After::Returned && travelled)
        || report
        || NOTICE_SENDERS.iter().any(|s| from.contains(s))
        || BOUNCE_SUBJECTS.iter().any(|s| subject.contains(s));
    notice.then_some(at)
}

/// The fields (name, value) of the header block `text` opens with, if
/// it opens with one of three fields at least that ends at a blank
/// line; `None` at a line that is neither a field nor folded.
fn header_block(text: &[u8]) -> Option<Vec<(&[u8], String)>> {
    if !is_header_block(text) {
        return None;
    }
    let mut fields: Vec<(&[u8], String)> = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        let line = trim_end(line);
        if line.is_empty() {
            break;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            let last = fields.last_mut()?;
            last.1.push(' ');
            last.1.push_str(String::from_utf8_lossy(line).trim());
            continue;
        }
        let colon = memchr::memchr(b':', line)?;
        let value = String::from_utf8_lossy(&line[colon + 1..]);
        fields.push((&line[..colon], value.trim().to_string()));
    }
    Some(fields)
}

/// True if and only if `text` opens with a header block of at least
/// three fields, ended by a blank line within [`MOST_FIELDS`] lines:
/// what [`header_block`] reads, judged without copying a field.
fn is_header_block(text: &[u8]) -> bool {
    let mut fields = 0;
    // The lines as `split` on line feeds gives them, found by memchr.
    let mut start = 0;
    for _ in 0..MOST_FIELDS {
        let end = memchr::memchr(b'\n', &text[start..])
            .map_or(text.len(), |i| start + i);
        let line = trim_end(&text[start..end]);
        if end == text.len() {
            // The last line: a header block ends at it if it is blank.
            return line.is_empty() && fields >= 3;
        }
        start = end + 1;
        if line.is_empty() {
            return fields >= 3;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            if fields == 0 {
                return false;
            }
            continue;
        }
        let Some(colon) = memchr::memchr(b':', line) else { return false };
        let name = &line[..colon];
        let is_name = !name.is_empty()
            && name.iter().all(|b| b.is_ascii_graphic() && *b != b':');
        if !is_name {
            return false;
        }
        fields += 1;
    }
    false
}

/// Lines of a header block read at most: one is seldom longer.
const MOST_FIELDS: usize = 300;

/// True if and only if `line` holds a returned-message line's words
/// ([`RETURNED`], any case), found in place from where the word
/// "message" stands that each of them holds: a notice on one long line
/// is not copied to be lowercased.
fn returned_line(line: &[u8]) -> bool {
    let ends = |before: &[u8], tail: &[u8]| {
        before.len() >= tail.len()
            && before[before.len() - tail.len()..].eq_ignore_ascii_case(tail)
    };
    let opens = |after: &[u8], head: &[u8]| {
        after.len() >= head.len()
            && after[..head.len()].eq_ignore_ascii_case(head)
    };
    memchr::memchr2_iter(b'm', b'M', line).any(|at| {
        let (before, rest) = line.split_at(at);
        if rest.len() < 7 || !rest[..7].eq_ignore_ascii_case(b"message") {
            return false;
        }
        let after = &rest[7..];
        ends(before, b"this is a copy of the ")
            || ends(before, b"below this line is a copy of the ")
            || (ends(before, b"original ")
                && (opens(after, b" follows") || opens(after, b" headers:")))
            || (ends(before, b"----- original ") && opens(after, b" -----"))
    })
}

/// True if and only if `line` is a Postfix or Exim mail-log line.
fn is_log_line(line: &[u8]) -> bool {
    // Both start with a time stamp: a month's name or a year's digits.
    if !line.first().is_some_and(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let line = String::from_utf8_lossy(line);
    crate::grammar::postfix_log::is_postfix_line(&line)
        || crate::grammar::exim_log::is_exim_line(&line)
}

fn trim_end(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    &line[..end]
}

fn starts_with_ignore_case(line: &[u8], prefix: &[u8]) -> bool {
    line.len() >= prefix.len()
        && line[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Where the openings ([`OPENINGS`]) stand in `text`, in order: one
/// pass for their first bytes ([`OPENING_FIRSTS`]), each place compared
/// in place. Two openings or more here are two or more lines with an
/// opening or one line with several; fewer is one notice.
fn opening_places(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    (0..bytes.len()).filter(move |&at| {
        OPENING_FIRSTS[bytes[at] as usize]
            && OPENINGS.iter().any(|o| bytes[at..].starts_with(o.as_bytes()))
    })
}

/// Where the line of the first opening ([`OPENINGS`]) in `text` starts.
pub fn first_opening_line(text: &str) -> Option<usize> {
    let at = opening_places(text).next()?;
    Some(text[..at].rfind('\n').map_or(0, |n| n + 1))
}

/// Words without which no line of `text` opens a notice by itself
/// ([`opens_by_itself`], [`is_postfix_recipient`]).
fn may_open_by_line(text: &str) -> bool {
    text.contains(" said:")
        || text.contains("couldn't be delivered")
        || text.contains("tidak dapat dikirim")
        || text.lines().any(is_headline)
}

/// True for Gmail's headline alone on its line, with or without its
/// asterisks ([`HEADLINES`]).
fn is_headline(line: &str) -> bool {
    HEADLINES.contains(&line.trim().trim_matches('*').trim())
}

/// True for a line that opens a notice pasted as a webmail shows it,
/// with no opening of [`OPENINGS`]: Gmail's headline alone on its line
/// (with or without its asterisks), or the first sentence of Outlook's
/// notice, in English or Indonesian.
///
/// ```text
/// Address not found
/// Your message to neko@example.org couldn't be delivered.
/// Pesan Anda ke neko@example.org tidak dapat dikirim.
/// ```
fn opens_by_itself(line: &str) -> bool {
    let line = line.trim();
    if is_headline(line) {
        return true;
    }
    let sentence = |opening: &str, words: &str| {
        line.strip_prefix(opening).is_some_and(|rest| {
            rest.split_once(' ').is_some_and(|(address, after)| {
                address.contains('@') && after.starts_with(words)
            })
        })
    };
    sentence("Your message to ", "couldn't be delivered")
        || sentence("Pesan Anda ke ", "tidak dapat dikirim")
}

/// True for Postfix's line that names a recipient and the host that
/// refused it, at the start of its line:
/// `<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 …`.
fn is_postfix_recipient(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('<') else { return false };
    let Some((address, after)) = rest.split_once(">: host ") else {
        return false;
    };
    address.contains('@') && !address.contains(' ') && after.contains(" said:")
}

/// True if and only if `line` makes its notice Postfix's: it holds the
/// opening, or it is a line of [`is_postfix_recipient`] (a later one
/// names another recipient of the same notice).
fn holds_postfix(line: &str) -> bool {
    is_postfix_recipient(line)
        || line.contains("This is the mail system at host")
}

/// True if and only if the returned message (`returned`, from its marker
/// line to the next opening) is itself about a bounce: it holds a
/// forward's marker, or its first header block has a bounce's subject
/// or a forward's (`Fwd:`, `Fw:`).
fn encloses_a_bounce(returned: &str) -> bool {
    let lower = returned.lowercase();
    if BOUNCE_INSIDE.iter().any(|m| lower.contains(m)) {
        return true;
    }
    let subject = lower
        .lines()
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .find_map(|l| l.trim_start().strip_prefix("subject:"));
    let forwarded = |s: &str| {
        let s = s.trim_start();
        s.starts_with("fwd:") || s.starts_with("fw:")
    };
    subject.is_some_and(|s| {
        forwarded(s) || BOUNCE_SUBJECTS.iter().any(|b| s.contains(b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_separator_and_a_sender_name_open_the_next_notice() {
        let first =
            "Delivery to the following recipient failed permanently:\n\n\
            \x20    tono@example.org\n\n\
            Technical details of permanent failure:\n\
            DNS Error: Domain name not found\n";
        let second = "\n----------------\n\nMail Delivery Subsystem\n\
            This is the mail system at host smtp.example.net.\n\n\
            <ayu@example.com>: host mx.example.com[192.0.2.9] said: 552 5.2.2 \
            Mailbox full (in reply to RCPT TO command)\n";
        let text = format!("{first}{second}");
        let division = divide(&text);
        assert_eq!(division.notices, [0..first.len(), first.len()..text.len()]);
        // Lines of words above an opening stay with the notice before.
        let plain = "Halo,\nini bouncenya:\nThis is the mail system at host a.example.\n";
        assert_eq!(heading_start(plain, 0, 20), 20);
        // So do they when nothing else stands before them.
        let alone = "-----\nThis is the mail system at host a.example.\n";
        assert_eq!(heading_start(alone, 0, 6), 6);
    }

    #[test]
    fn a_returned_line_is_found_as_the_marker_list_finds_it() {
        let lines = [
            "------ This is a copy of the message, including all the headers. ------",
            "   ----- Below this line is a copy of the message.",
            "--- Original Message Follows ---",
            "----- Original Message -----",
            "Original message headers:",
            "ORIGINAL MESSAGE HEADERS:",
            "The original message was received at Mon",
            "a copy of the message",
            "message",
            "Original message",
            "----- original message ----",
            "This is a copy of the messages",
        ];
        for line in lines {
            let lower = line.to_ascii_lowercase();
            let listed = RETURNED.iter().any(|m| lower.contains(m));
            assert_eq!(returned_line(line.as_bytes()), listed, "{line}");
        }
    }

    #[test]
    fn openings_are_found_as_match_indices_finds_them() {
        for o in OPENINGS {
            assert!(OPENING_FIRSTS[o.as_bytes()[0] as usize], "{o}");
            // No opening overlaps itself or starts another: each place
            // holds one opening at most, once.
            for cut in 1..o.len() {
                let overlaps =
                    o.is_char_boundary(cut) && o.starts_with(&o[cut..]);
                assert!(!overlaps, "{o}");
            }
            let others = OPENINGS.iter().filter(|p| *p != o);
            assert!(others.clone().all(|p| !p.starts_with(o)), "{o}");
        }
        let text =
            format!("x {} y {} {}", OPENINGS[1], OPENINGS[0], OPENINGS[1]);
        let mut by_indices: Vec<usize> = OPENINGS
            .iter()
            .flat_map(|o| text.match_indices(o).map(|(at, _)| at))
            .collect();
        by_indices.sort_unstable();
        assert_eq!(opening_places(&text).collect::<Vec<_>>(), by_indices);
        assert_eq!(by_indices.len(), 3);
    }

    #[test]
    fn one_opening_with_a_returned_bounce_after_it_is_one_notice() {
        let text = "This is the mail system at host a.example.\n\
                    <a@example.org>: 550 no\n\
                    ------ This is a copy of the message ------\n\
                    Subject: Undelivered Mail Returned to Sender\n\n\
                    body\n";
        let division = divide(text);
        assert_eq!(division.notices, vec![0..text.len()]);
        assert_eq!(division.enclosed, None);
    }

    #[test]
    fn one_notice_is_one_piece() {
        let text = "Hello,\nThis is the mail system at host a.example.\n\
                    <a@example.org>: host said 550\n";
        let division = divide(text);
        assert_eq!(division.notices, vec![0..text.len()]);
        assert_eq!(division.enclosed, None);
    }

    #[test]
    fn two_notices_one_after_the_other_are_two_pieces() {
        let text =
            "Two bounces:\n\nThis is the mail system at host a.example.\n\
                    <a@example.org>: 550 no\n\n\
                    Delivery has failed to these recipients or groups:\n\n\
                    b@example.com\n";
        let division = divide(text);
        assert_eq!(division.notices.len(), 2);
        assert!(text[division.notices[0].clone()].starts_with("Two bounces"));
        let second = &text[division.notices[1].clone()];
        assert!(second.starts_with("Delivery has failed"));
    }

    #[test]
    fn webmail_notices_pasted_together_are_pieces() {
        let text = "Address not found\n\
                    Your message wasn't delivered to a@example.com.\n\n\
                    Your message to b@example.org couldn't be delivered.\n\
                    b wasn't found at example.org.\n\n\
                    ** Pesan diblokir **\n\
                    Pesan Anda ke c@example.com telah diblokir.\n\n\
                    <d@example.net>: host mx.example.net[192.0.2.1] said: 550\n\
                    <e@example.net>: host mx.example.net[192.0.2.1] said: 550\n\n\
                    Pesan Anda ke f@example.org tidak dapat dikirim.\n";
        let starts: Vec<&str> = divide(text)
            .notices
            .iter()
            .map(|r| text[r.clone()].lines().next().unwrap_or(""))
            .collect();
        assert_eq!(
            starts,
            [
                "Address not found",
                "Your message to b@example.org couldn't be delivered.",
                "** Pesan diblokir **",
                "<d@example.net>: host mx.example.net[192.0.2.1] said: 550",
                "Pesan Anda ke f@example.org tidak dapat dikirim.",
            ]
        );
    }

    #[test]
    fn a_postfix_notice_keeps_its_recipient_lines() {
        let text = "This is the mail system at host mail.example.net.\n\
                    <a@example.org>: host mx.example.org[192.0.2.1] said: 550\n\
                    <b@example.org>: host mx.example.org[192.0.2.1] said: 552\n";
        let notices = divide(text).notices;
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0], 0..text.len());
    }

    #[test]
    fn a_headline_inside_a_sentence_opens_nothing() {
        assert!(!opens_by_itself("The bounce said Address not found here"));
        assert!(!opens_by_itself(
            "Your message to the team couldn't be delivered."
        ));
        assert!(!is_postfix_recipient("<a b@example.org>: host x said: 550"));
        assert!(opens_by_itself("** Address not found **\n"));
    }

    #[test]
    fn a_returned_message_that_is_not_a_bounce_does_not_enclose() {
        let text = "This message was created automatically by mail delivery software.\n\
                    a@example.org\n    550 no\n\
                    ------ This is a copy of the message, including all the headers. ------\n\
                    Subject: Rapat besok\n\nIsi.\n\n\
                    This message was created automatically by mail delivery software.\n\
                    b@example.org\n    550 no\n";
        let division = divide(text);
        assert_eq!(division.notices.len(), 2);
        assert_eq!(division.enclosed, None);
    }

    #[test]
    fn a_bounce_inside_the_returned_message_is_enclosed() {
        let text = "This message was created automatically by mail delivery software.\n\
                    a@example.org\n    550 no\n\
                    ------ This is a copy of the message, including all the headers. ------\n\
                    Subject: Fwd: Undelivered Mail Returned to Sender\n\n\
                    This is the mail system at host b.example.\n\
                    <b@example.org>: 550 5.1.1 unknown\n";
        let division = divide(text);
        assert_eq!(division.notices.len(), 1);
        let at = division.enclosed.unwrap_or(0);
        assert!(text[at..].starts_with("This is the mail system"));
        assert_eq!(division.notices[0], 0..at);
    }
}
