// SPDX-License-Identifier: MIT
//! An MTA that Sisimai calls X6 (not identified): a count of errors,
//! then one sentence an error, the server's reply in square brackets.
//!
//! ```text
//! We had trouble delivering your message. Full details follow:
//!
//! Subject: 'Hello'
//! Date: 'Thu, 29 Apr 2012 23:34:45 +0000'
//!
//! 1 error(s):
//!
//! SMTP Server <mx.example.org> rejected recipient <neko@example.org>
//! (Error following RCPT command). It responded as follows: [550 5.1.1
//! User unknown]
//!
//! The attachment contains the original mail headers. …
//! ```

use super::{layout, Family};
use crate::command::Command;
use crate::grammar::address::find_addresses;
use crate::grammar::host::parse_host;
use crate::grammar::postfix::one_line;
use crate::input::MAX_RECIPIENTS;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The X6 family.
pub const FAMILY: Family =
    Family { id: "x6", claims, extract, words: Some(claim_words) };

/// The sentence that opens the notice.
const OPENING: &str =
    "We had trouble delivering your message. Full details follow:";

/// The sentence after the errors.
const ENDS: &[&str] = &["The attachment contains the original mail headers"];

/// How an error's sentence starts, and what precedes its recipients.
const ERRORS: &[(&str, &str)] = &[
    // SMTP Server <mx.example.org> rejected recipient <neko@example.org>
    ("SMTP Server <", " rejected recipient "),
    // The following recipients returned permanent errors: neko@example.org.
    // Reason: SMTP Server <192.0.2.1> refused to accept your message …
    ("The following recipients returned permanent errors: ", ": "),
];

/// The command each error's words name.
const COMMANDS: &[(&str, Command)] = &[
    // (Error following RCPT command)
    ("following RCPT command", Command::Rcpt),
    ("following MAIL command", Command::Mail),
    ("following DATA command", Command::Data),
    // refused to accept your message (DATA)
    ("your message (DATA)", Command::Data),
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![OPENING, "There was an error sending your mail"]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, OPENING)
        || notice.subject().starts_with("There was an error sending your mail")
}

/// A record for each recipient each error names.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let text = layout::after_line(body, OPENING).unwrap_or(body);
    let text = layout::before_line(text, ENDS);
    let mut records = Vec::new();
    for sentence in text.split("\n\n").map(one_line) {
        let Some(&(_, lead)) =
            ERRORS.iter().find(|(s, _)| sentence.starts_with(s))
        else {
            continue;
        };
        records.extend(error_records(&sentence, lead));
        // Each address of a sentence gets a copy of its reply.
        if records.len() > MAX_RECIPIENTS {
            break;
        }
    }
    records
}

/// The records of one error's sentence: one for each address after
/// `lead`, up to `Reason:` or the server's reply.
fn error_records(sentence: &str, lead: &str) -> Vec<Record> {
    let named = sentence.split_once(lead).map_or("", |(_, r)| r);
    let named = named.split(['(', '[']).next().unwrap_or("");
    let named = named.split(" Reason:").next().unwrap_or("");
    let reply = sentence
        .rsplit_once('[')
        .and_then(|(_, r)| r.strip_suffix(']'))
        .unwrap_or(sentence);
    let server = sentence
        .split_once("SMTP Server <")
        .and_then(|(_, r)| r.split_once('>'))
        .map(|(h, _)| parse_host(h));
    find_addresses(named)
        .into_iter()
        .map(|(_, addr)| {
            let mut record = Record {
                address: Some(addr.to_string()),
                action: Some(Action::Failed),
                command: layout::command_by_phrase(sentence, COMMANDS),
                diagnostic: Some(reply.to_string()),
                ..Record::default()
            };
            layout::set_remote(&mut record, server.clone());
            record.fill_codes_from_diagnostic();
            record
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::status::Status;

    #[test]
    fn reads_both_kinds_of_error() {
        let body = "We had trouble delivering your message. Full details follow:\n\n\
            Subject: 'Hello'\n\n2 error(s):\n\n\
            SMTP Server <mx.example.org> rejected recipient <neko@example.org>\n  \
            (Error following RCPT command). It responded as follows: [550 5.1.1 User unknown]\n\n\
            The following recipients returned permanent errors: tora@example.net. \
            Reason: SMTP Server <192.0.2.7> refused to accept your message (DATA), \
            with the following error message: [554 5.4.6 Hop count exceeded]\n\n\
            The attachment contains the original mail headers.\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].command, Some(Command::Rcpt));
        assert_eq!(records[0].remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(records[0].status, Some(Status::new(5, 1, 1)));
        assert_eq!(records[1].address.as_deref(), Some("tora@example.net"));
        assert_eq!(records[1].remote_ip.as_deref(), Some("192.0.2.7"));
        assert_eq!(records[1].reply_code, Some(554));
        assert_eq!(records[1].command, Some(Command::Data));
    }
}
