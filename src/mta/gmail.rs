// SPDX-License-Identifier: MIT
//! Gmail's own notices (before Google moved to RFC 3464 reports):
//!
//! ```text
//! Delivery to the following recipient failed permanently:
//!
//!      neko@example.org
//!
//! Technical details of permanent failure:
//! Google tried to deliver your message, but it was rejected by the
//! server for the recipient domain example.org by mx.example.org.
//! [192.0.2.1].
//!
//! The error that the other server returned was:
//! 550 5.1.1 <neko@example.org>... User Unknown
//!
//! ----- Original message -----
//! ```
//!
//! A delay notice says `Delivery to the following recipient has been
//! delayed:` instead. Older notices end the server's words with
//! `(state N)`, the stage of Gmail's SMTP client that failed.

use super::{layout, Family};
use crate::command::Command;
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::{Action, Record};

/// The Gmail family.
pub const FAMILY: Family =
    Family { id: "gmail", claims, extract, words: Some(claim_words) };

/// The sentence that opens the list of recipients.
const LEAD: &str = "Delivery to the following recipient";

/// Lines that start the returned message.
const ORIGINAL: &[&str] =
    &["----- Original message -----", "----- Message header follows -----"];

/// What the `(state N)` tail says: the command Gmail was sending and
/// the reason the stage means, used only when the server gave no
/// specific status code (none, or one with a zero such as `5.7.0`).
///
/// `500 Remote server does not support TLS (state 6).`
/// `535 SMTP AUTH failed with the remote server. (state 8).`
/// `550 550 5.1.1 <neko@example.org>... User Unknown (state 14).`
/// `554 554 5.7.0 Header error (state 18).`
const STATES: &[(&str, Command, Reason)] = &[
    ("6", Command::Mail, Reason::FailedStartTls),
    ("8", Command::Auth, Reason::SystemError),
    ("9", Command::Auth, Reason::FailedStartTls),
    ("12", Command::Auth, Reason::NoRelaying),
    ("13", Command::Ehlo, Reason::Blocked),
    ("14", Command::Rcpt, Reason::UserUnknown),
    ("15", Command::Data, Reason::Filtered),
    ("17", Command::Data, Reason::Filtered),
    ("18", Command::Data, Reason::Filtered),
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![LEAD]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    // Outlook.com writes `… recipients failed.`; Gmail ends its lead
    // sentence with a colon.
    let lead = body
        .match_indices(LEAD)
        .any(|(at, _)| layout::line_at(body, at).trim_end().ends_with(':'));
    lead && (layout::has(body, "Technical details of")
        || layout::has(body, "has been delayed")
        || layout::from_has(notice, &["@googlemail.com", "@google.com"]))
}

/// A record for each address listed after the lead sentence.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ORIGINAL);
    let text = layout::before_headers(text);
    let Some(at) = text.find(LEAD) else { return Vec::new() };
    let text = &text[at..];
    let delayed =
        layout::lines(text).next().is_some_and(|l| l.contains("delayed"));
    let mut blocks = layout::address_blocks(text);
    // Several addresses listed together share the details below them.
    for i in (0..blocks.len().saturating_sub(1)).rev() {
        if blocks[i].1.trim().is_empty() {
            blocks[i].1 = blocks[i + 1].1.clone();
        }
    }
    blocks
        .into_iter()
        .map(|(addr, words)| record(addr, &words, delayed))
        .collect()
}

/// The words that introduce the other server's reply.
const REPLY: &str = "The error that the other server returned was:";

/// Google's prose before [`REPLY`], and the reply: its paragraph, not
/// what a ticket pasted below it (fresh14 #2).
fn reply(words: &str) -> Option<(&str, &str)> {
    let at = words.find(REPLY)?;
    let after = words[at + REPLY.len()..].trim_start();
    let end = after.find("\n\n").unwrap_or(after.len());
    let reply = after[..end].trim();
    (!reply.is_empty()).then(|| (&words[..at], reply))
}

fn record(addr: &str, words: &str, delayed: bool) -> Record {
    let mut record = match reply(words) {
        Some((prose, reply)) => {
            let mut record = layout::record(addr, reply);
            let prose = crate::grammar::postfix::one_line(prose);
            record.context = Some(prose).filter(|p| !p.is_empty());
            record
        }
        None => layout::record(addr, words),
    };
    layout::words_cut_short(&mut record);
    let general = record.status.is_none_or(|s| s.subject == 0 || s.detail == 0);
    if delayed {
        record.action = Some(Action::Delayed);
        if general {
            record.reason = Some((Reason::Expired, "gmail.delayed"));
        }
    }
    // Google's prose names the server even when the reply is cut off.
    let diag = record.diagnostic.clone().or_else(|| record.context.clone());
    let diag = diag.unwrap_or_default();
    let prose = record.context.clone().unwrap_or_default();
    let host = layout::host_after(&prose, " by ")
        .or_else(|| layout::host_after(&diag, " by "));
    layout::set_remote(&mut record, host);
    if let Some((command, reason)) = state(&diag) {
        record.command = record.command.or(Some(command));
        if general {
            record.reason = Some((reason, "gmail.state"));
        }
    }
    record
}

/// The command and reason of the `(state N)` tail, if known.
fn state(diag: &str) -> Option<(Command, Reason)> {
    let at = diag.rfind("(state ")? + "(state ".len();
    let number = diag[at..].split(')').next()?.trim();
    STATES.iter().find(|(n, _, _)| *n == number).map(|(_, c, r)| (*c, *r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_permanent_failure() {
        let body = "Delivery to the following recipient failed permanently:\n\n     \
                    neko@example.org\n\nTechnical details of permanent failure:\n\
                    Google tried to deliver your message, but it was rejected by \
                    the server for the recipient domain example.org by \
                    mx.example.org. [192.0.2.1].\n\nThe error that the other \
                    server returned was:\n550 5.1.1 <neko@example.org>... User \
                    Unknown\n\n----- Original message -----\n\nTo: x@example.net\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.1"));
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.1"));
    }

    #[test]
    fn shares_the_details_among_listed_addresses() {
        let body =
            "Delivery to the following recipients failed permanently:\n\n     \
                    neko@example.org\n     tora@example.org\n\n\
                    Technical details of permanent failure:\n\
                    DNS Error: Domain name not found\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].diagnostic, records[1].diagnostic);
    }

    #[test]
    fn reads_the_state_tail() {
        assert_eq!(
            state("500 Remote server does not support TLS (state 6)."),
            Some((Command::Mail, Reason::FailedStartTls))
        );
    }
}
