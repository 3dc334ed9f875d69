// SPDX-License-Identifier: MIT
//! Postfix's notices: the reports of its bounce daemon (failure, delay,
//! success), one paragraph a recipient,
//!
//! ```text
//! This is the mail system at host mx.example.com.
//! …
//!                    The mail system
//!
//! <neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1
//!     <neko@example.org>: Recipient address rejected: User unknown (in
//!     reply to RCPT TO command)
//! ```
//!
//! and the transcript its SMTP server mails to the postmaster when a
//! client's session failed (`Subject: Postfix SMTP server: errors from
//! …`).

use super::layout::{self, Paragraph};
use super::Family;
use crate::command::Command;
use crate::grammar::address::{self, find_address};
use crate::grammar::dsn;
use crate::grammar::host::parse_host;
use crate::grammar::postfix::{
    self as grammar, find_host_said, one_line, one_line_of,
};
use crate::grammar::reply::parse_reply;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The Postfix family.
pub const FAMILY: Family =
    Family { id: "postfix", claims, extract, words: Some(claim_words) };

/// Subjects Postfix gives its notices (bounce(5) templates, smtpd).
const SUBJECTS: &[&str] = &[
    "Undelivered Mail Returned to Sender",
    "Delayed Mail (still being retried)",
    "Successful Mail Delivery Report",
    "Mail Delivery Status Report",
    "Postmaster Copy: Undelivered Mail",
    "Postmaster Warning: Delayed Mail",
    // Postfix SMTP server: errors from client.example.org[192.0.2.9]
    "SMTP server: errors from ",
];

/// Lines that open the recipients' paragraphs: the heading the
/// templates put above them, or the sentence of older versions.
const HEADINGS: &[&str] = &[
    //                    The mail system
    "The mail system",
    //                    The Postfix program
    "The Postfix program",
];

/// Sentences of Postfix's own templates.
const BODY_MARKS: &[&str] = &[
    // This is the mail system at host mx.example.com.
    "This is the mail system at host ",
    // This is the Postfix program at host mx.example.com.
    "This is the Postfix program at host ",
    "--- Delivery report unavailable ---",
];

/// Postfix's own sentences about one recipient, which other MTAs do not
/// write; enough to claim a pasted paragraph.
const RECIPIENT_MARKS: &[&str] = &[
    // … said: 550 5.1.1 User unknown (in reply to RCPT TO command)
    "(in reply to ",
    // Host or domain name not found. Name service error for
    // name=example.org type=MX: Host not found, try again
    "Name service error for name=",
    // delivery temporarily suspended: connect to mx.example.org[…]
    "delivery temporarily suspended: ",
    // host mx.example.org[192.0.2.1] refused to talk to me: 554 …
    "] refused to talk to me: ",
    // conversation with mx.example.org[192.0.2.1] timed out while …
    "] timed out while ",
    // lost connection with mx.example.org[192.0.2.1] while …
    "] while receiving the initial server greeting",
    // mail for example.org loops back to myself
    "loops back to myself",
    // The sending server's own TLS policy (smtp_tls_security_level):
    // TLS is required, but was not offered by host mx.example.org[192.0.2.1]
    // TLS is required, but host mx.example.org[192.0.2.1] refused to
    // start TLS: 454 4.7.0 TLS not available
    // Cannot start TLS: handshake failure
    "TLS is required, but ",
    "Cannot start TLS: ",
    // Postfix's local delivery, with no server to quote:
    // <neko@example.org>: mail forwarding loop for neko@example.org
    "mail forwarding loop for ",
];

/// Fields Postfix adds to its delivery-status part.
const STATUS_MARKS: &[&str] =
    &["X-Postfix-Queue-ID:", "X-Postfix-Sender:", "X-Postfix;"];

/// The sentence of each template and what it says of delivery; the
/// delay warning is tried first, as it says "could not be delivered"
/// too.
const ACTIONS: &[(&str, Action)] = &[
    // ####### THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR
    // MESSAGE. #######
    ("THIS IS A WARNING ONLY", Action::Delayed),
    // Your message was successfully delivered to the destination(s)
    ("was successfully delivered to the destination", Action::Delivered),
    // I'm sorry to have to inform you that your message could not
    ("I'm sorry to have to inform you that", Action::Failed),
];

/// Where Postfix names the remote host in its own sentences.
const HOSTS: &[&str] = &[
    // connect to mx.example.org[192.0.2.1]:25: Connection refused
    "connect to ",
    // conversation with mx.example.org[192.0.2.1] timed out while …
    "conversation with ",
    // lost connection with mx.example.org[192.0.2.1] while …
    "lost connection with ",
    // delivery via mx.example.org[192.0.2.1]:25: 250 2.0.0 Ok
    "delivery via ",
    "delivered via ",
    // TLS is required, but was not offered by host mx.example.org[192.0.2.1]
    "was not offered by host ",
    // TLS is required, but host mx.example.org[192.0.2.1] refused to …
    "TLS is required, but host ",
];

/// The command Postfix names in its own sentences.
const COMMANDS: &[(&str, Command)] = &[
    // host mx.example.org[192.0.2.1] refused to talk to me: 554 …
    ("refused to talk to me", Command::Connect),
    // connect to mx.example.org[192.0.2.1]:25: Connection refused
    ("connect to ", Command::Connect),
    // … timed out while receiving the initial server greeting
    ("while receiving the initial server greeting", Command::Connect),
    // … while performing the EHLO handshake
    ("while performing the EHLO handshake", Command::Ehlo),
    // … while sending MAIL FROM
    ("while sending MAIL FROM", Command::Mail),
    // … while sending RCPT TO
    ("while sending RCPT TO", Command::Rcpt),
    // … while sending message body
    ("while sending message body", Command::Data),
    // … while sending end of data -- message may be sent more than once
    ("while sending end of data", Command::Data),
    // … while sending DATA command
    ("while sending DATA command", Command::Data),
];

/// Opening sentences that name the host that wrote the notice: Postfix's
/// (and qmail's, which says the same in its own words).
///
/// ```text
/// This is the mail system at host mail.example.co.id.
/// Hi. This is the qmail-send program at mx.example.org.
/// ```
const NAMING_OPENINGS: &[&str] = &[
    "This is the mail system at host ",
    "This is the Postfix program at host ",
    "This is the qmail-send program at ",
];

/// The words every one of [`NAMING_OPENINGS`] opens with.
const OPENINGS_START: &str = "This is the ";

/// The host the notice's opening sentence names ([`NAMING_OPENINGS`]),
/// lowercase, without the sentence's full stop: what a paste without
/// headers or delivery-status part still says of its reporting MTA.
pub fn opening_host(body: &str) -> Option<String> {
    // The openings share their first words: the first place where one
    // stands is the first place of those words that one goes on from,
    // found in one search instead of one an opening.
    let mut from = 0;
    let (at, opening) = loop {
        let at = from + layout::find(&body[from..], OPENINGS_START)?;
        let here = &body[at..];
        if let Some(o) = NAMING_OPENINGS.iter().find(|o| here.starts_with(*o)) {
            break (at, o);
        }
        from = at + OPENINGS_START.len();
    };
    let rest = &body[at + opening.len()..];
    let word = rest.split_whitespace().next()?;
    let name = word.trim_end_matches(['.', ',', ';', ':']);
    crate::grammar::host::is_host_name(name).then(|| name.to_ascii_lowercase())
}

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    let mut words = [SUBJECTS, STATUS_MARKS, BODY_MARKS, HEADINGS].concat();
    words.extend(["(Postfix", TRANSCRIPT]);
    // `has_recipient_mark` allows any white space for each space.
    words.extend(RECIPIENT_MARKS.iter().map(|m| super::words::spaced(m)));
    words
}

fn claims(notice: &Notice) -> bool {
    let body = notice.body.as_str();
    layout::contains_any(notice.subject(), SUBJECTS)
        || notice.header_all("received").any(written_by_postfix)
        || notice
            .delivery_status
            .as_deref()
            .is_some_and(|ds| STATUS_MARKS.iter().any(|m| ds.contains(m)))
        || BODY_MARKS.iter().any(|m| layout::has(body, m))
        || layout::lines(body).any(|l| HEADINGS.contains(&l.trim()))
        || (has_recipient_mark(body)
            && (has_paragraph(body) || unaddressed(body).is_some()))
        || (layout::has(body, TRANSCRIPT)
            && layout::lines(body).any(|l| grammar::session_line(l).is_ok()))
}

/// True if and only if one of [`RECIPIENT_MARKS`] stands in `body`,
/// wrapped or not.
fn has_recipient_mark(body: &str) -> bool {
    RECIPIENT_MARKS.iter().any(|m| layout::contains_spaced(body, m))
}

/// Postfix's sentences that tell a failure on their own, with no server
/// reply to quote.
const FAILURE_MARKS: &[&str] = &[
    "Name service error for name=",
    "delivery temporarily suspended: ",
    "] refused to talk to me: ",
    "loops back to myself",
    "TLS is required, but ",
    "Cannot start TLS: ",
];

/// A pasted recipient's text without its `<address>:` (and no address
/// anywhere): the paragraph of one of [`FAILURE_MARKS`].
///
/// ```text
/// Host or domain name not found. Name service error for
///     name=example.org type=MX: Host not found, try again
/// ```
fn unaddressed(body: &str) -> Option<&str> {
    if body.contains('@') {
        return None;
    }
    body.split("\n\n")
        .find(|p| FAILURE_MARKS.iter().any(|m| layout::contains_spaced(p, m)))
}

/// The smtpd report's opening; Sendmail's heading has dashes and no
/// full stop.
///
/// ```text
/// Transcript of session follows.
///
///  Out: 220 mx.example.com ESMTP Postfix
/// ```
const TRANSCRIPT: &str = "Transcript of session follows.";

/// `Received: by mx.example.com (Postfix) id …`: the notice was made on
/// a Postfix host, not merely relayed by one.
fn written_by_postfix(received: &str) -> bool {
    received.starts_with("by ") && received.contains("(Postfix")
}

/// A record for each `<address>: …` paragraph; for the smtpd report, one
/// for each recipient of the failed session; when the report is
/// unavailable, one for the returned message's recipient.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let action =
        ACTIONS.iter().find(|(s, _)| layout::has(body, s)).map(|a| a.1);
    let mut records: Vec<Record> =
        paragraphs(body).iter().map(|p| record(p, action)).collect();
    if records.is_empty() {
        records = session_records(body);
    }
    if records.is_empty() && layout::has(body, BODY_MARKS[2]) {
        records.extend(unavailable(notice));
    }
    if records.is_empty() {
        records = cut_short(body, action);
    }
    if records.is_empty() {
        let text = unaddressed(body).map(one_line);
        records.extend(text.map(|text| Record {
            action,
            diagnostic: Some(text),
            ..Record::default()
        }));
    }
    records
}

/// The recipients of a notice pasted only down to their addresses:
/// Postfix's opening, then `<address>` alone on its line, with or without
/// its colon, and none of the server's words.
///
/// ```text
/// This is the mail system at host mail.example.co.id.
/// …
/// <neko@example.org>
/// ```
fn cut_short(body: &str, action: Option<Action>) -> Vec<Record> {
    if !BODY_MARKS[..2].iter().any(|m| layout::has(body, m)) {
        return Vec::new();
    }
    let section = layout::section(body, HEADINGS, &[]);
    layout::lines(section)
        .filter(|l| l.trim_start().starts_with('<'))
        .filter_map(layout::address_line)
        .map(|address| Record {
            address: Some(address.to_string()),
            action,
            ..Record::default()
        })
        .collect()
}

/// The recipients' paragraphs, after the heading when there is one.
fn paragraphs(body: &str) -> Vec<Paragraph<'_>> {
    let section = layout::section(body, HEADINGS, &[]);
    layout::paragraphs(section, opening)
}

/// True if and only if [`paragraphs`] finds one: a line of the section
/// opens a recipient's paragraph (found without gathering them all).
fn has_paragraph(body: &str) -> bool {
    let section = layout::section(body, HEADINGS, &[]);
    layout::lines(section).any(|line| opening(line).is_some())
}

/// `"<" address ">" [" (expanded from <" alias ">)"] ":" text`; a
/// masked address counts.
///
/// ```text
/// <tora@example.org> (expanded from <neko@example.org>): unknown user
/// ```
fn opening(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('<')?;
    let (addr, after) = rest.split_once('>')?;
    let after = after.trim_start();
    let after = match after.strip_prefix("(expanded from") {
        Some(tail) => tail.split_once(')').map_or("", |t| t.1).trim_start(),
        None => after,
    };
    let text = after.strip_prefix(':')?;
    let ok = find_address(addr) == Some(addr) || address::is_masked(addr);
    ok.then_some((addr, text.trim()))
}

/// A paragraph's own lines: up to the blank line that ends it, or the
/// delivery-status fields a fragment may show next.
fn own_text(paragraph: &Paragraph<'_>) -> String {
    let lines = paragraph
        .lines
        .iter()
        .take_while(|l| !l.trim().is_empty() && !dsn::is_field_line(l));
    let lines: Vec<&str> = lines.copied().collect();
    one_line_of(lines.iter().copied())
}

fn record(paragraph: &Paragraph<'_>, action: Option<Action>) -> Record {
    let text = own_text(paragraph);
    let mut record = Record {
        address: find_address(paragraph.address).map(str::to_string),
        masked: address::is_masked(paragraph.address),
        action,
        ..Record::default()
    };
    if let Some(said) = find_host_said(&text) {
        layout::set_remote(&mut record, Some(said.host));
        record.command = said.command;
        // "… said:" with the reply cut off gives no words.
        record.diagnostic = Some(said.reply).filter(|r| !r.trim().is_empty());
    } else {
        record.command = layout::command_by_phrase(&text, COMMANDS);
        record.diagnostic = Some(text.clone()).filter(|t| !t.is_empty());
    }
    // The host is looked for further only while unknown: `set_remote`
    // fills nothing known (for a reply, `… said:` named it).
    let known = |r: &Record| r.remote_host.is_some() && r.remote_ip.is_some();
    // host mx.example.org[192.0.2.1] refused to talk to me: 554 …
    if let Some(rest) = text.strip_prefix("host ").filter(|_| !known(&record)) {
        let spec = rest.split_whitespace().next().unwrap_or("");
        layout::set_remote(&mut record, Some(parse_host(spec)));
    }
    for marker in HOSTS {
        if known(&record) {
            break;
        }
        layout::set_remote(&mut record, layout::host_after(&text, marker));
    }
    record.fill_codes_from_diagnostic();
    record
}

/// The records of the smtpd report: each `RCPT TO` of the transcript
/// that a failure reply answered, directly or after `DATA`.
///
/// ```text
///  In:  RCPT TO:<neko@example.org>
///  Out: 250 2.1.5 Ok
///  In:  DATA
///  Out: 451 4.3.0 Error: queue file write error
/// ```
fn session_records(body: &str) -> Vec<Record> {
    let mut records: Vec<Record> = Vec::new();
    let mut command = None;
    for (side, said) in grammar::session(body) {
        if side == grammar::Side::In {
            command = Command::from_word(&said);
            if command == Some(Command::Rcpt) {
                records.push(Record {
                    address: find_address(&said).map(str::to_string),
                    ..Record::default()
                });
            }
            continue;
        }
        let Some(reply) = parse_reply(&said) else { continue };
        if reply.code < 400 {
            continue;
        }
        let answered: &mut [Record] = match (command, records.len()) {
            (Some(Command::Rcpt), n) if n > 0 => &mut records[n - 1..],
            (Some(Command::Data | Command::Bdat), _) => &mut records,
            _ => &mut [],
        };
        for record in answered.iter_mut().filter(|r| r.diagnostic.is_none()) {
            record.action = Some(if reply.code < 500 {
                Action::Delayed
            } else {
                Action::Failed
            });
            record.command = command;
            record.diagnostic = Some(one_line(&said));
            record.fill_codes_from_diagnostic();
        }
    }
    records.retain(|r| r.diagnostic.is_some());
    records
}

/// `--- Delivery report unavailable ---`: the returned message's `To:`
/// names the recipient; in a pasted notice its header block follows the
/// sentence.
fn unavailable(notice: &Notice) -> Option<Record> {
    let original = match notice.original.as_deref() {
        Some(header) => header,
        None => layout::after_line(&notice.body, BODY_MARKS[2])?,
    };
    let to = layout::field(original, "to").and_then(find_address)?;
    Some(Record {
        address: Some(to.to_string()),
        action: Some(Action::Failed),
        ..Record::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_naming_opening_opens_with_its_first_words() {
        assert!(NAMING_OPENINGS.iter().all(|o| o.starts_with(OPENINGS_START)));
        let body =
            "This is the end. This is the mail system at host a.example.org.";
        assert_eq!(opening_host(body).as_deref(), Some("a.example.org"));
    }

    #[test]
    fn the_opening_names_the_reporting_host() {
        let body = "This is the mail system at host Mail.Example.co.id.\n\n\
                    I'm sorry to have to inform you …\n";
        assert_eq!(opening_host(body).as_deref(), Some("mail.example.co.id"));
        let qmail = "Hi. This is the qmail-send program at mx.example.org.\n";
        assert_eq!(opening_host(qmail).as_deref(), Some("mx.example.org"));
        assert_eq!(opening_host("This is the mail system at host ."), None);
        assert_eq!(opening_host("no opening here"), None);
    }
    use crate::grammar::status::Status;

    const NOTICE: &str = "This is the mail system at host mx.example.com.\n\n\
        I'm sorry to have to inform you that your message could not\n\
        be delivered to one or more recipients. It's attached below.\n\n\
        \x20                  The mail system\n\n\
        <neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n    \
        <neko@example.org>: Recipient address rejected: User unknown (in\n    \
        reply to RCPT TO command)\n\n\
        <tora@example.net> (expanded from <mike@example.com>): connect to\n    \
        mx.example.net[192.0.2.2]:25: Connection timed out\n";

    #[test]
    fn reads_each_paragraph() {
        let notice = Notice::fragment(NOTICE.to_string());
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records.len(), 2);
        let neko = &records[0];
        assert_eq!(neko.status, Some(Status::new(5, 1, 1)));
        assert_eq!(neko.command, Some(Command::Rcpt));
        assert_eq!(neko.remote_ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(neko.action, Some(Action::Failed));
        let tora = &records[1];
        assert_eq!(tora.address.as_deref(), Some("tora@example.net"));
        assert_eq!(tora.remote_host.as_deref(), Some("mx.example.net"));
        assert_eq!(tora.remote_ip.as_deref(), Some("192.0.2.2"));
    }

    #[test]
    fn reads_a_wrapped_paragraph_and_one_without_its_address() {
        let text = "<neko@example.org>: Host or domain name not found. Name \
                    service error\n    for name=example.org type=MX: Host not \
                    found, try again\n";
        let notice = Notice::fragment(text.to_string());
        assert!(claims(&notice));
        let alone =
            "Host or domain name not found. Name service error for\n    \
                     name=example.org type=MX: Host not found, try again\n";
        let notice = Notice::fragment(alone.to_string());
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address, None);
    }

    #[test]
    fn a_said_alone_is_not_postfix() {
        let text = "<neko@example.org>:\nRemote host said: 550 No such user";
        assert!(!claims(&Notice::fragment(text.to_string())));
    }

    #[test]
    fn reads_the_smtpd_transcript() {
        let text = "Transcript of session follows.\n\n \
            Out: 220 mx.example.com ESMTP\n \
            In:  RCPT TO:<neko@example.org>\n \
            Out: 250 2.1.5 Ok\n \
            In:  RCPT TO:<tora@example.org>\n \
            Out: 550 5.1.1 <tora@example.org>: User unknown\n \
            In:  DATA\n \
            Out: 451 4.3.0 Error: queue file write error\n";
        let records = session_records(text);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
        assert_eq!(records[0].command, Some(Command::Data));
        assert_eq!(records[0].reply_code, Some(451));
        assert_eq!(records[1].status, Some(Status::new(5, 1, 1)));
        assert_eq!(records[1].command, Some(Command::Rcpt));
    }
}
