// SPDX-License-Identifier: MIT
//! What the reading of a paste left over: the notices after the first
//! of a whole message (a paste that starts with a header block and
//! holds a second notice below), and the recipient blocks of a pasted
//! fragment that no reading named (a Postfix paragraph, then an Exim
//! block, each without its notice's opening). Each is read alone; a
//! block that gives no record for its own address is counted as not
//! read, so that the report can say so instead of dropping it.
//!
//! ```text
//! <satu@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1   <- block 1
//!     User unknown (in reply to RCPT TO command)
//!
//!   dua@example.net                                                   <- block 2
//!     host mx.example.net [192.0.2.2]
//!     SMTP error from remote mail server after end of data:
//!     552 5.3.4 Message too big
//! ```

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::extract::{extract, Extraction};
use crate::grammar::reply::reply_line;
use crate::lowercase::Lowercase;
use crate::mta::{layout, maillog, mailq};
use crate::notice::Notice;
use crate::paste::{Division, MAX_NOTICES};

/// The most bytes of one block read alone: a block is a paragraph.
const MAX_BLOCK: usize = 4096;

/// The longest line, trimmed, that may open a block with an address
/// alone: an address has at most 254 bytes (RFC 5321 §4.5.3.1.3 allows
/// a path of 256 with its brackets), and brackets, quotes and a colon
/// around it add a few. A longer line is not looked for addresses.
const MAX_ADDRESS_ALONE: usize = 300;

/// The readings of a paste completed with what they left over, and how
/// many recipient blocks could not be read.
#[derive(Debug, Default)]
pub struct Completed {
    /// The readings, the left-over ones after the first ones.
    pub readings: Vec<Extraction>,
    /// Recipient blocks whose address no reading gave.
    pub unread: usize,
}

/// Completes `readings` of `notice` (divided as `division` says): a
/// whole message's later notices, read as pastes, for the recipients
/// the first reading did not give; then, for a paste, each recipient
/// block whose address no reading gave, read alone.
pub fn complete(
    notice: &Notice,
    division: &Division,
    readings: Vec<Extraction>,
) -> Completed {
    // The blocks the generic family's last resort found are this
    // paste's, if any; none are kept once it is read.
    let remembered = LAST_BLOCKS.take();
    let done = complete_with(notice, division, readings, remembered);
    LAST_BLOCKS.take();
    done
}

fn complete_with(
    notice: &Notice,
    division: &Division,
    mut readings: Vec<Extraction>,
    remembered: Option<(String, Found)>,
) -> Completed {
    // Almost every whole message is one notice: nothing is left over.
    if !notice.fragment && division.notices.len() < 2 {
        return Completed { readings, unread: 0 };
    }
    let mut named = addresses(&readings);
    if !notice.fragment {
        let later = division.notices.iter().skip(1).take(MAX_NOTICES);
        for piece in later {
            let text = notice.body[piece.clone()].to_string();
            let mut reading = extract(&Notice::fragment(text));
            reading.records.retain(|r| {
                r.address.as_deref().is_some_and(|a| named.insert(lower(a)))
            });
            if !reading.records.is_empty() {
                readings.push(reading);
            }
        }
        return Completed { readings, unread: 0 };
    }
    if let Some(split) = beside_log_lines(&notice.body, &readings) {
        return Completed { readings: split, unread: 0 };
    }
    // A log or listing is read line by line, and a reading at its limit
    // of recipients says so in a warning of its own.
    let line_formats = [mailq::FAMILY.id, maillog::FAMILY.id];
    let full = readings.iter().any(|r| r.left_out > 0)
        || named.len() >= crate::input::MAX_RECIPIENTS;
    if full || readings.iter().any(|r| line_formats.contains(&r.format)) {
        return Completed { readings, unread: 0 };
    }
    let text = notice.body.as_str();
    if let Some(split) = above_an_opening(text, &readings) {
        readings = split;
        named = addresses(&readings);
    }
    let mut unread = 0;
    let found = match remembered {
        Some((read, found)) if read == text => resolve(text, found),
        // Found here for the last time: not remembered (a copy of the
        // text, 10 MB for a 10 MB paste, kept only to be dropped).
        _ => find_blocks(text),
    };
    for (address, block) in found.into_iter().take(MAX_NOTICES) {
        if !named.insert(lower(address)) {
            continue;
        }
        let piece = Notice::fragment(text[block].to_string());
        let mut reading = extract(&piece);
        reading.records.retain(|r| {
            r.address
                .as_deref()
                .is_some_and(|a| a.eq_ignore_ascii_case(address))
        });
        reading.records.truncate(1);
        if reading.records.is_empty() {
            unread += 1;
        } else {
            readings.push(reading);
        }
    }
    Completed { readings, unread }
}

/// The paste read as two notices, when one reading read it whole and
/// the text above the first notice opening ([`crate::paste::OPENINGS`])
/// that is not at its start and the text below it each name recipients
/// of their own, every one the whole reading found among them: a notice
/// that opens with none (Gmail's, a bare delivery-status block) pasted
/// above one that does (Postfix's), whose words the whole reading took
/// as its own, or whose recipients it lost.
///
/// ```text
/// ** Address not found **
/// Your message wasn't delivered to neko@example.org because …
///
/// This is the mail system at host mail.example.net.
/// ```
fn above_an_opening(
    text: &str,
    readings: &[Extraction],
) -> Option<Vec<Extraction>> {
    let [whole] = readings else { return None };
    if whole.records.is_empty() {
        return None;
    }
    let at = crate::paste::first_opening_line(text).filter(|&at| at > 0)?;
    let upper = extract(&Notice::fragment(text[..at].to_string()));
    let mut lower_part = extract(&Notice::fragment(text[at..].to_string()));
    let named = addresses(std::slice::from_ref(&upper));
    lower_part.records.retain(|r| {
        r.address.as_deref().is_some_and(|a| !named.contains(&lower(a)))
    });
    if upper.records.is_empty() || lower_part.records.is_empty() {
        return None;
    }
    let split = vec![upper, lower_part];
    let named = addresses(&split);
    let kept = whole.records.iter().all(|r| {
        r.address.as_deref().is_none_or(|a| named.contains(&lower(a)))
    });
    kept.then_some(split)
}

/// The paste read as a notice and mail-log lines, when one reading read
/// it whole as a log and the lines that are no log lines name
/// recipients of their own: a bounce pasted with the log lines about
/// another message (a log reading reads only its own lines). The
/// notice's reading comes first.
///
/// ```text
/// This is the mail system at host mail.example.net.
/// <satu@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 …
///
/// Nov  3 10:15:02 mx1 postfix/smtp[2211]: 5F2A91C0B3: to=<dua@example.net>, … status=bounced (…)
/// ```
fn beside_log_lines(
    text: &str,
    readings: &[Extraction],
) -> Option<Vec<Extraction>> {
    let [whole] = readings else { return None };
    if whole.format != maillog::FAMILY.id || whole.left_out > 0 {
        return None;
    }
    let is_log = |line: &str| {
        crate::grammar::postfix_log::is_postfix_line(line)
            || crate::grammar::exim_log::is_exim_line(line)
    };
    let mut rest = String::new();
    let mut log = String::new();
    for line in text.split_inclusive('\n') {
        match is_log(line.trim_start()) {
            true => log.push_str(line),
            false => rest.push_str(line),
        }
    }
    if rest.trim().is_empty() {
        return None;
    }
    let mut notice = extract(&Notice::fragment(rest));
    let named = addresses(readings);
    notice.records.retain(|r| {
        r.address.as_deref().is_some_and(|a| !named.contains(&lower(a)))
    });
    if notice.records.is_empty() {
        return None;
    }
    let log = extract(&Notice::fragment(log));
    Some(vec![notice, log])
}

/// Readings one a record, in the order the text first names each
/// record's address (records without one keep their place after the
/// record before them): a paste read whole, then block by block, lists
/// its recipients as the paste does.
pub fn in_text_order(text: &str, readings: Vec<Extraction>) -> Vec<Extraction> {
    // Where the text first names each address, in one pass.
    let mut first: HashMap<String, usize> = HashMap::new();
    for (at, address) in crate::grammar::address::find_addresses(text) {
        first.entry(lower(address)).or_insert(at);
    }
    let mut single: Vec<(usize, Extraction)> = Vec::new();
    let (mut left_out, mut left_out_exact) = (0, true);
    for reading in readings {
        let Extraction { format, reporting_mta, records, .. } = reading;
        left_out += reading.left_out;
        left_out_exact &= reading.left_out == 0 || reading.left_out_exact;
        for record in records {
            let place = record
                .address
                .as_deref()
                .and_then(|a| first.get(&lower(a)).copied())
                .or_else(|| single.last().map(|(p, _)| *p))
                .unwrap_or(0);
            let one = Extraction {
                format,
                reporting_mta: reporting_mta.clone(),
                records: vec![record],
                left_out: 0,
                left_out_exact: true,
            };
            single.push((place, one));
        }
    }
    single.sort_by_key(|(place, _)| *place);
    if let Some((_, first)) = single.first_mut() {
        (first.left_out, first.left_out_exact) = (left_out, left_out_exact);
    }
    single.into_iter().map(|(_, r)| r).collect()
}

/// Words of an error that refused or failed a delivery (lowercase),
/// English and Indonesian.
const ERROR_WORDS: &[&str] = &[
    "delivery error",
    "error",
    "refused",
    "rejected",
    "failed",
    "not delivered",
    "undeliverable",
    "could not be delivered",
    "does not exist",
    "doesn't have",
    "no such user",
    "not found",
    "user unknown",
    "timed out",
    "tidak terkirim",
    "gagal",
    "ditolak",
    "tidak ditemukan",
];

/// True if and only if `text` names an email address and an error: an
/// error's words ([`ERROR_WORDS`]) in the sentence that names an
/// address, or a failure reply code with an enhanced status code of
/// class 4 or 5 anywhere (either alone may be a date or a room number). Asked only of a text that gave no recipient, so that
/// such a text is called unread, not "no failure".
pub fn tells_a_failure(text: &str) -> bool {
    use crate::grammar::address::find_address;
    if find_address(text).is_none() {
        return false;
    }
    let status = crate::grammar::status::find_status(text)
        .is_some_and(|(_, s)| s.class >= 4);
    if status && crate::grammar::reply::find_reply_at_least(text, 400).is_some()
    {
        return true;
    }
    // The words must be said of the address: a customer's question that
    // names "user unknown" in one sentence and gives their own address
    // in another holds no failure ("… user unknown gimana? Email saya
    // andi@example.id.").
    sentences(text).any(|sentence| {
        memchr::memchr(b'@', sentence.as_bytes()).is_some()
            && find_address(sentence).is_some()
            && {
                let lower = sentence.lowercase();
                ERROR_WORDS.iter().any(|w| lower.contains(w))
            }
    })
}

/// The sentences of `text`: its pieces between a `.`, `?` or `!` and the
/// whitespace after it (a dot inside an address or a host name, or a
/// question mark inside a link, is followed by no whitespace, so it
/// ends nothing). Lines and blank lines end no sentence: a notice puts
/// an address on a line of its own below the words about it.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let end = matches!(bytes[at], b'.' | b'?' | b'!')
                && bytes.get(at + 1).is_some_and(u8::is_ascii_whitespace);
            at += 1;
            if end {
                let sentence = &text[start..at];
                start = at;
                return Some(sentence);
            }
        }
        (start < bytes.len()).then(|| {
            let rest = &text[start..];
            start = bytes.len();
            rest
        })
    })
}

fn lower(address: &str) -> String {
    address.to_ascii_lowercase()
}

/// The addresses the readings give, lowercase.
fn addresses(readings: &[Extraction]) -> HashSet<String> {
    readings
        .iter()
        .flat_map(|r| &r.records)
        .filter_map(|r| r.address.as_deref().map(lower))
        .collect()
}

/// Blocks as byte ranges of their text: the address's and the block's.
type Found = Vec<(Range<usize>, Range<usize>)>;

thread_local! {
    /// The text [`blocks`] last read, and its blocks: the generic
    /// family's last resort ([`crate::mta::bare::read`]) and then
    /// [`complete`] ask for the blocks of the same paste, which are
    /// found once. [`complete`] empties it.
    static LAST_BLOCKS: RefCell<Option<(String, Found)>> =
        const { RefCell::new(None) };
}

/// The recipient blocks of `text`, in order: each block's address and
/// its byte range, from its first line to a blank line, the next block
/// or [`MAX_BLOCK`] bytes. A block opens with a line that is Postfix's
/// `<address>:` (with or without words after it), or with a line that
/// is an address alone above a line of a server's reply: Exim's `host`
/// line, its `SMTP error` line, or a reply code.
pub(crate) fn blocks(text: &str) -> Vec<(&str, Range<usize>)> {
    let found = find_blocks(text);
    let ranges: Found = found
        .iter()
        .map(|(address, block)| {
            let at = address.as_ptr() as usize - text.as_ptr() as usize;
            (at..at + address.len(), block.clone())
        })
        .collect();
    LAST_BLOCKS.set(Some((text.to_string(), ranges)));
    found
}

/// The blocks of `text` from their byte ranges.
fn resolve(text: &str, found: Found) -> Vec<(&str, Range<usize>)> {
    found.into_iter().map(|(address, block)| (&text[address], block)).collect()
}

fn find_blocks(text: &str) -> Vec<(&str, Range<usize>)> {
    let lines: Vec<(usize, &str)> = line_starts(text);
    let mut opened: Vec<(&str, usize, usize)> = Vec::new();
    for (n, &(at, line)) in lines.iter().enumerate() {
        if memchr::memchr(b'@', line.as_bytes()).is_none() {
            continue;
        }
        let next = lines.get(n + 1).map_or("", |&(_, l)| l);
        if let Some(address) = opening(line, next) {
            opened.push((address, at, n));
        }
    }
    // Where the first blank line at or after each line starts, found in
    // one pass from the end: a block's end is known without reading on.
    let mut blank_from = vec![text.len(); lines.len() + 1];
    for (n, &(at, line)) in lines.iter().enumerate().rev() {
        blank_from[n] =
            if line.trim().is_empty() { at } else { blank_from[n + 1] };
    }
    let mut out = Vec::with_capacity(opened.len());
    for (k, &(address, start, n)) in opened.iter().enumerate() {
        let next_block = opened.get(k + 1).map_or(text.len(), |o| o.1);
        let blank = blank_from[n + 1];
        let mut end = next_block.min(blank).min(start + MAX_BLOCK);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        out.push((address, start..end));
    }
    out
}

/// Each line of `text` with the byte where it starts.
fn line_starts(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let here = at;
            at += line.len();
            (here, line)
        })
        .collect()
}

/// The address that `line` opens a recipient block with, given the
/// line below it (see [`blocks`]).
fn opening<'a>(line: &'a str, next: &str) -> Option<&'a str> {
    // Postfix starts its paragraphs at the margin; an indented
    // `<address>:` continues one (the server's words quoting it).
    if line.starts_with('<') {
        if let Some((address, _)) = layout::angle_opening(line) {
            return Some(address);
        }
    }
    // An address in brackets is a note on the one above it (Exim's
    // "(ultimately generated from …)").
    if line.trim_start().starts_with('(') {
        return None;
    }
    // The address alone: no name before it ("550-Verification failed
    // for <a@example.org>" is a line of a reply).
    if line.trim().len() > MAX_ADDRESS_ALONE {
        return None;
    }
    let address = layout::address_line(line)?;
    let alone = line.trim_start().trim_start_matches('<');
    if !alone.starts_with(address) {
        return None;
    }
    let below = next.trim_start();
    let replies = below.starts_with("host ")
        || below.starts_with("SMTP error")
        || reply_line(below).is_ok_and(|(_, r)| r.code >= 400);
    replies.then_some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_KINDS: &str = "Dua bounce:\n\n\
        <satu@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n    \
        <satu@example.org>: Recipient address rejected: User unknown (in\n    \
        reply to RCPT TO command)\n\n  \
        dua@example.net\n    host mx.example.net [192.0.2.2]\n    \
        SMTP error from remote mail server after end of data:\n    \
        552 5.3.4 Message size exceeds fixed maximum message size\n";

    #[test]
    fn finds_a_postfix_paragraph_and_an_exim_block() {
        let found = blocks(TWO_KINDS);
        let names: Vec<&str> = found.iter().map(|(a, _)| *a).collect();
        assert_eq!(names, ["satu@example.org", "dua@example.net"]);
        assert!(TWO_KINDS[found[1].1.clone()].ends_with("message size\n"));
        assert!(TWO_KINDS[found[0].1.clone()].ends_with("command)\n"));
    }

    #[test]
    fn blocks_are_found_once_and_forgotten_once_read() {
        let notice = Notice::fragment(TWO_KINDS.to_string());
        let found = blocks(&notice.body);
        let kept = LAST_BLOCKS.with_borrow(|last| {
            last.as_ref().map(|(text, ranges)| (text.clone(), ranges.len()))
        });
        assert_eq!(kept, Some((notice.body.clone(), found.len())));
        let division = crate::paste::divide(&notice.body);
        let done = complete(&notice, &division, vec![extract(&notice)]);
        assert_eq!(done.unread, 0);
        assert!(LAST_BLOCKS.with_borrow(Option::is_none));
    }

    #[test]
    fn a_long_line_of_addresses_opens_no_block() {
        let text = "x@".repeat(5000) + "\n  550 5.1.1 unknown\n";
        assert!(blocks(&text).is_empty());
    }

    #[test]
    fn an_address_above_prose_opens_no_block() {
        let text = "Kirim ke:\n  neko@example.org\nterima kasih\n";
        assert!(blocks(text).is_empty());
        // Nor does a reply's line that names an address.
        let text = "  neko@example.org\n    550-Verification failed for \
                    <tora@example.com>\n    550-Unrouteable address\n";
        let names: Vec<&str> = blocks(text).iter().map(|(a, _)| *a).collect();
        assert_eq!(names, ["neko@example.org"]);
    }

    #[test]
    fn reads_every_block_of_a_paste() {
        let notice = Notice::fragment(TWO_KINDS.to_string());
        let whole = vec![extract(&notice)];
        let division = crate::paste::divide(&notice.body);
        let done = complete(&notice, &division, whole);
        let ordered = in_text_order(&notice.body, done.readings);
        let names: Vec<_> = ordered
            .iter()
            .flat_map(|r| &r.records)
            .map(|r| r.address.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(names, ["satu@example.org", "dua@example.net"]);
        assert_eq!(done.unread, 0);
    }

    #[test]
    fn a_block_that_cannot_be_read_is_counted() {
        let text = "  neko@example.org\n    host mx.example.org [192.0.2.1]\n";
        let notice = Notice::fragment(text.to_string());
        let division = crate::paste::divide(&notice.body);
        let done = complete(&notice, &division, vec![extract(&notice)]);
        assert!(done.readings.iter().all(|r| r.records.is_empty()));
        assert_eq!(done.unread, 1);
    }

    fn report(text: &str) -> crate::report::Report {
        let options =
            crate::Options { lang: crate::Lang::En, ..Default::default() };
        crate::decode(text.as_bytes(), &options).unwrap_or_else(|e| {
            panic!("{text}: {}", e.id());
        })
    }

    #[test]
    fn a_block_left_unread_is_named_in_a_warning() {
        let report = report(
            "<satu@example.org>: host mx.example.org[192.0.2.1] said: 550 \
             5.1.1 User unknown (in reply to RCPT TO command)\n\n  \
             dua@example.net\n    host mx.example.net [192.0.2.2]\n",
        );
        assert_eq!(report.recipients.len(), 1);
        assert_eq!(report.warning_ids, ["warning.unread-blocks"]);
    }

    #[test]
    fn an_address_with_an_error_unread_is_no_failure_missed() {
        let report = report("neko@example.org: delivery error, try later\n");
        assert!(report.recipients.is_empty());
        assert_eq!(report.kind, crate::report::Kind::Bounce);
        assert_eq!(report.warning_ids, ["warning.unreadable"]);
        assert_eq!(report.advice[0].id, "unreadable");
    }

    #[test]
    fn a_question_about_bounces_is_no_bounce() {
        let text = "Pak, kalau user unknown itu artinya apa? Kalau mailbox \
                    full bagaimana? Email saya sari@example.id. Terima \
                    kasih.\n";
        assert!(!tells_a_failure(text));
        let report = report(text);
        assert_eq!(report.kind, crate::report::Kind::NotABounce);
        assert_eq!(report.advice[0].id, "not-a-bounce");
        // The same words said of the address are a failure not read.
        assert!(tells_a_failure("Email ke sari@example.id: user unknown.\n"));
        assert!(tells_a_failure(
            "Delivery to the following recipient failed permanently:\n\n  \
             sari@example.id\n"
        ));
    }

    #[test]
    fn sentences_end_at_a_stop_before_whitespace() {
        let text =
            "Apa? Email saya a@example.id. Lihat https://x.example/?p=1 ya";
        let all: Vec<&str> = sentences(text).collect();
        assert_eq!(
            all,
            [
                "Apa?",
                " Email saya a@example.id.",
                " Lihat https://x.example/?p=1 ya"
            ]
        );
    }

    #[test]
    fn an_invoice_is_no_bounce() {
        let report = report(
            "Tagihan #452 jatuh tempo 5.4.2027. Total Rp 4.551.000. Kirim \
             bukti ke keuangan@example.com\n",
        );
        assert!(report.recipients.is_empty());
        assert_eq!(report.kind, crate::report::Kind::NotABounce);
        assert_eq!(report.warning_ids, ["warning.no-recipients"]);
    }
}
