// SPDX-License-Identifier: MIT
//! Sendmail 5's bounce text: a transcript alone, each failed address on
//! a line of its own after the sessions with the remote hosts.
//!
//! ```text
//!    ----- Transcript of session follows -----
//! While talking to mx.example.org:
//! >>> RCPT To:<neko@example.org>
//! <<< 550 <neko@example.org>, User Unknown
//! 550 <neko@example.org>... User unknown
//! 554 <tora@example.net>... 550 Host unknown (Authoritative answer from name server)
//!    ----- Unsent message follows -----
//! ```

use super::layout;
use super::Family;
use crate::command::Command;
use crate::grammar::address::find_address;
use crate::grammar::host::parse_host;
use crate::grammar::reply::parse_reply;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The Sendmail 5 family.
pub const FAMILY: Family =
    Family { id: "v5sendmail", claims, extract, words: Some(claim_words) };

const TRANSCRIPT: &str = "----- Transcript of session follows -----";

/// Headings that open the returned message.
const ENDS: &[&str] = &[
    "----- Unsent message follows -----",
    "----- Original message follows -----",
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![TRANSCRIPT]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, TRANSCRIPT)
}

/// A record for each `code <address>... text` line; one record without
/// an address when the transcript names none.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let Some(after) = layout::after_line(&notice.body, TRANSCRIPT) else {
        return Vec::new();
    };
    let transcript = layout::before_line(after, ENDS);
    let mut session = Session::default();
    let mut records = Vec::new();
    let mut first_failure = None;
    let mut refused = None;
    for line in layout::lines(transcript).map(str::trim) {
        if let Some(host) = talking_to(line) {
            let host = host.trim_end_matches(':').trim_end_matches('.');
            session =
                Session { host: parse_host(host).name, ..Session::default() };
        } else if let Some(said) = line.strip_prefix(">>> ") {
            session.command = Command::from_word(said);
        } else if let Some(said) = line.strip_prefix("<<< ") {
            session.reply = Some(said.to_string());
            if refused.is_none() {
                refused = refused_recipient(said, &session);
            }
        } else if let Some(record) = address_line(line, &session) {
            records.push(record);
            session.reply = None;
        } else if first_failure.is_none() && parse_reply(line).is_some() {
            first_failure = Some(line);
        }
    }
    // The server's own refusal names the address when Sendmail's line
    // after it does not (`554 5.0.0 Service unavailable`).
    if records.is_empty() {
        records.extend(refused.or_else(|| first_failure.map(lone_record)));
    }
    records
}

/// The host of a session's opening line, as Sendmail 5 writes it and
/// as Sendmail 8 does (`... while talking to mx.example.org.:`).
fn talking_to(line: &str) -> Option<&str> {
    line.strip_prefix("While talking to ")
        .or_else(|| line.strip_prefix("... while talking to "))
}

/// A record for the address a remote failure reply names, when it is
/// no answer to our `MAIL FROM` (that one names the sender).
///
/// ```text
/// >>> DATA
/// <<< 552 5.2.2 <neko@example.org>... Mailbox full
/// ```
fn refused_recipient(said: &str, session: &Session) -> Option<Record> {
    let reply = parse_reply(said).filter(|r| r.code >= 400)?;
    let (head, _) = reply.text.split_once("...")?;
    let address = find_address(head)?;
    if session.command == Some(Command::Mail) {
        return None;
    }
    let mut record = Record {
        address: Some(address.to_string()),
        action: Some(Action::Failed),
        remote_host: session.host.clone(),
        command: session.command,
        diagnostic: Some(said.to_string()),
        ..Record::default()
    };
    if reply.code < 500 {
        record.action = Some(Action::Delayed);
    }
    record.fill_codes_from_diagnostic();
    Some(record)
}

/// The remote session a line belongs to.
#[derive(Debug, Default)]
struct Session {
    host: Option<String>,
    command: Option<Command>,
    reply: Option<String>,
}

/// `code <address>... text`, where the text may start with the server's
/// own reply code.
///
/// ```text
/// 554 <neko@example.org>... 550 Host unknown (Authoritative answer from name server)
/// ```
fn address_line(line: &str, session: &Session) -> Option<Record> {
    let own = parse_reply(line)?;
    let rest = own.text.strip_prefix('<')?;
    let (address, text) = rest.split_once(">... ")?;
    let address = find_address(address).filter(|a| *a == address)?;
    let mut record = Record {
        address: Some(address.to_string()),
        action: Some(Action::Failed),
        ..Record::default()
    };
    // A text with a code of its own is Sendmail's word, not the session's.
    if parse_reply(text).is_none() {
        record.remote_host.clone_from(&session.host);
        record.command = session.command;
    }
    record.diagnostic = match (&session.reply, parse_reply(text)) {
        (_, Some(_)) => Some(text.to_string()),
        (Some(reply), None) => Some(format!("{reply} ({text})")),
        (None, None) => Some(format!("{} {text}", own.code)),
    };
    record.fill_codes_from_diagnostic();
    Some(record)
}

/// `421 example.org (smtp)... Deferred: Connection timed out …`
fn lone_record(line: &str) -> Record {
    let mut record = Record {
        action: Some(Action::Failed),
        diagnostic: Some(line.to_string()),
        ..Record::default()
    };
    record.fill_codes_from_diagnostic();
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_address_line() {
        let body = "   ----- Transcript of session follows -----\n\
            While talking to mx.example.org:\n\
            >>> RCPT To:<neko@example.org>\n\
            <<< 550 Requested mailbox not found\n\
            550 <neko@example.org>... User unknown\n\
            554 <tora@example.net>... 550 Host unknown (Authoritative answer)\n\
               ----- Unsent message follows -----\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].command, Some(Command::Rcpt));
        assert_eq!(records[0].remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(records[0].reply_code, Some(550));
        assert_eq!(records[1].address.as_deref(), Some("tora@example.net"));
        assert_eq!(records[1].reply_code, Some(550));
        assert_eq!(records[1].remote_host, None);
    }
}
