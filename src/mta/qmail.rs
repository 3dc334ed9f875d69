// SPDX-License-Identifier: MIT
//! qmail's bounce text (`qmail-send`, and the netqmail, vpopmail and
//! indimail variants): a paragraph a recipient, then the copy.
//!
//! ```text
//! Hi. This is the qmail-send program at mx.example.org.
//! I'm afraid I wasn't able to deliver your message to the following addresses.
//! This is a permanent error; I've given up. Sorry it didn't work out.
//!
//! <neko@example.org>:
//! 192.0.2.1 does not like recipient.
//! Remote host said: 550 5.1.1 <neko@example.org>... User Unknown
//! Giving up on 192.0.2.1.
//!
//! --- Below this line is a copy of the message.
//! ```

use super::layout::{self, angle_opening, paragraphs, Paragraph};
use super::Family;
use crate::command::Command;
use crate::grammar::postfix::one_line;
use crate::grammar::reply::parse_reply;
use crate::grammar::status::find_hash_status;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The qmail family.
pub const FAMILY: Family =
    Family { id: "qmail", claims, extract, words: Some(claim_words) };

/// Sentences that open qmail's notice.
const STARTS: &[&str] = &[
    // Hi. This is the qmail-send program at mx.example.org.
    "This is the qmail-send program",
    // I'm afraid I wasn't able to deliver your message to the following
    "I'm afraid I wasn't able to deliver your message",
];

/// Lines that open the returned message.
const ENDS: &[&str] = &[
    "--- Below this line is a copy of the message",
    "--- Enclosed is a copy of the message",
    "--- Below this line is the original bounce",
];

/// Sentences only qmail's remote-delivery reports use, for a fragment
/// that lacks the opening.
const BODY_MARKS: &[&str] = &[
    // 192.0.2.1 does not like recipient.
    " does not like recipient.",
    // Giving up on 192.0.2.1.
    "Giving up on ",
    // Sorry, no mailbox here by that name. (#5.1.1)
    "Sorry, no mailbox here by that name.",
];

/// The command qmail names in its own sentence.
const COMMANDS: &[(&str, Command)] = &[
    // 192.0.2.1 does not like recipient.
    ("does not like recipient", Command::Rcpt),
    // Sorry, no SMTP connection got far enough; most progress was RCPT
    // TO response; remote host 192.0.2.1 said: 550 Unknown user
    ("most progress was RCPT", Command::Rcpt),
    // Connected to 192.0.2.1 but sender was rejected.
    ("but sender was rejected", Command::Mail),
    // Connected to 192.0.2.1 but my name was rejected.
    ("but my name was rejected", Command::Helo),
    // Connected to 192.0.2.1 but greeting failed.
    ("but greeting failed", Command::Connect),
    // 192.0.2.1 failed on DATA command.
    ("failed on DATA command", Command::Data),
    // 192.0.2.1 failed after I sent the message.
    ("failed after I sent the message", Command::Data),
];

/// Sentences qmail adds that say nothing about this recipient.
const NOISE: &[&str] = &[
    // I'm not going to try again; this message has been in the queue
    // too long.
    "I'm not going to try again; this message has been in the queue too long.",
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    [STARTS, BODY_MARKS, &["invoked for bounce", "indimail-mta queue"]].concat()
}

fn claims(notice: &Notice) -> bool {
    let body = notice.body.as_str();
    let received = notice.header_all("received").any(|r| {
        r.contains("(qmail ") && r.contains("invoked for bounce")
            || r.starts_with("indimail-mta queue")
    });
    layout::contains_any(body, STARTS)
        || received
        || layout::contains_any(body, BODY_MARKS)
}

/// A record for each `<address>:` paragraph.
pub fn extract(notice: &Notice) -> Vec<Record> {
    records(layout::section(&notice.body, STARTS, ENDS), NOISE)
}

/// A record for each `<address>:` paragraph of `section`, read the way
/// qmail writes them, without the sentences of `noise`; the families of
/// qmail's relatives use it too.
pub(super) fn records(section: &str, noise: &[&str]) -> Vec<Record> {
    paragraphs(section, angle_opening)
        .iter()
        .map(|p| record(p, noise))
        .collect()
}

fn record(paragraph: &Paragraph<'_>, noise: &[&str]) -> Record {
    let text = paragraph.text();
    let mut record = Record {
        address: Some(paragraph.address.to_string()),
        action: Some(Action::Failed),
        remote_ip: layout::first_ip(&text),
        command: layout::command_by_phrase(&text, COMMANDS),
        diagnostic: Some(diagnostic(&text, noise)).filter(|d| !d.is_empty()),
        ..Record::default()
    };
    if let Some(reply) = remote_reply(&text) {
        record.reply_code = Some(reply.code);
        record.status = reply.status;
    }
    record.status = record.status.or_else(|| find_hash_status(&text));
    record.fill_codes_from_diagnostic();
    record
}

/// The remote server's reply after `said:`, its lines joined.
fn remote_reply(text: &str) -> Option<crate::grammar::reply::Reply> {
    let at = text.find("said: ")? + "said: ".len();
    parse_reply(&text[at..])
}

/// The paragraph on one line, without qmail's boilerplate and its list
/// of other hosts tried.
fn diagnostic(text: &str, noise: &[&str]) -> String {
    let mut line = one_line(text);
    for sentence in noise {
        line = line.replace(sentence, "");
    }
    if let Some(at) = line.find("(Other MXes tried:") {
        line.truncate(at);
    }
    if let Some(at) = line.find("Giving up on ") {
        line.truncate(at);
    }
    line.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::status::Status;

    const NOTICE: &str = "Hi. This is the qmail-send program at mx.example.jp.\n\
        I'm afraid I wasn't able to deliver your message to the following addresses.\n\
        This is a permanent error; I've given up. Sorry it didn't work out.\n\n\
        <neko@example.org>:\n\
        192.0.2.1 does not like recipient.\n\
        Remote host said: 550 5.1.1 <neko@example.org>... User Unknown\n\
        Giving up on 192.0.2.1.\n\n\
        <tora@example.net>:\n\
        Sorry, I couldn't find any host named example.net. (#5.1.2)\n\n\
        --- Below this line is a copy of the message.\n\n\
        To: <mike@example.com>\n";

    #[test]
    fn reads_each_paragraph() {
        let records = extract(&Notice::fragment(NOTICE.to_string()));
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!(first.address.as_deref(), Some("neko@example.org"));
        assert_eq!(first.reply_code, Some(550));
        assert_eq!(first.status, Some(Status::new(5, 1, 1)));
        assert_eq!(first.command, Some(Command::Rcpt));
        assert_eq!(first.remote_ip.as_deref(), Some("192.0.2.1"));
        let second = &records[1];
        assert_eq!(second.status, Some(Status::new(5, 1, 2)));
        assert_eq!(second.reply_code, None);
        assert_eq!(
            second.diagnostic.as_deref(),
            Some("Sorry, I couldn't find any host named example.net. (#5.1.2)")
        );
    }

    #[test]
    fn joins_a_multiline_reply() {
        let text = "74.125.0.1 failed after I sent the message.\n\
            Remote host said: 550-5.7.26 Unauthenticated email\n\
            550 5.7.26 is not accepted";
        let reply = remote_reply(text).unwrap();
        assert_eq!(reply.status, Some(Status::new(5, 7, 26)));
        assert_eq!(reply.text, "Unauthenticated email is not accepted");
    }
}
