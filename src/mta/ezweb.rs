// SPDX-License-Identifier: MIT
//! au by KDDI's EZweb (ezweb.ne.jp) notices: a Japanese paragraph, an
//! English sentence that says why, and the addresses, in one of these
//! orders:
//!
//! ```text
//! The user(s) account is disabled.
//!
//! <neko@example.org>: 550 user unknown (in reply to RCPT TO command)
//! ```
//!
//! ```text
//! Each of the following recipients was rejected by a remote
//! mail server.
//!     Recipient: <neko@example.org>
//!     >>> RCPT TO:<neko@example.org>
//!     <<< 550 <neko@example.org>: User unknown
//! ```
//!
//! The server's reply, when there is one, is the diagnostic; else the
//! English sentence is, and `data/rules/mta/ezweb.toml` reads it.

use super::{layout, Family};
use crate::command::Command;
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::Record;

/// The EZweb family.
pub const FAMILY: Family =
    Family { id: "ezweb", claims, extract, words: Some(claim_words) };

/// English sentences only EZweb's notices carry.
const SENTENCES: &[&str] = &[
    "Each of the following recipients was rejected by a remote",
    "以下の受取人は、相手のメールサーバに拒否されました",
    "The user(s) account is disabled.",
    "The following recipients did not receive this message:",
    "Your message was not delivered within",
];

/// Lines that start the returned message.
const ORIGINAL: &[&str] = &["-----------", "Received: ", "From: "];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    SENTENCES.to_vec()
}

fn claims(notice: &Notice) -> bool {
    let body = layout::before_line(&notice.body, ORIGINAL);
    layout::contains_any(body, SENTENCES)
}

/// A record for each address the notice lists.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ORIGINAL);
    let sentences = english(text);
    let mut records: Vec<Record> = Vec::new();
    let mut replies: Vec<String> = Vec::new();
    for line in layout::lines(text) {
        let t = line.trim();
        // <<< 550 <neko@example.org>: User unknown
        // Reason: < neko@example.org > ...User unknown
        let reply =
            ["<<<", "Reason:", "原因:"].iter().find_map(|p| t.strip_prefix(p));
        if let Some(reply) = reply {
            replies.push(reply.trim().to_string());
        } else if let Some(command) = t.strip_prefix(">>>") {
            if let Some(r) = records.last_mut() {
                r.command = r.command.or(Command::from_word(command));
            }
        } else if let Some((addr, words)) = opening(t) {
            flush(&mut records, &mut replies);
            // The sentence above says more than a bare `550 user unknown`
            // when the account is disabled, so both are kept.
            let mut record = layout::record(addr, words);
            let diag = record.diagnostic.take().unwrap_or_default();
            record.diagnostic = Some(format!("{sentences} {diag}"))
                .map(|d| d.trim().to_string());
            records.push(record);
        }
    }
    flush(&mut records, &mut replies);
    records
}

/// Gives the last record the server's replies read since its address.
fn flush(records: &mut [Record], replies: &mut Vec<String>) {
    if replies.is_empty() {
        return;
    }
    if let Some(last) = records.last_mut() {
        let command = last.command;
        let address = last.address.clone().unwrap_or_default();
        *last = layout::record(&address, &replies.join(" "));
        last.command = command.or(last.command);
    }
    replies.clear();
}

/// `<neko@example.org>`, `<neko@example.org>: words` or `Recipient:
/// <neko@example.org>`, with the words after the address.
fn opening(line: &str) -> Option<(&str, &str)> {
    let line = ["Recipient:", "受取人:"]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .unwrap_or(line)
        .trim();
    let rest = line.strip_prefix('<')?;
    let (inner, words) = rest.split_once('>')?;
    let addr = find_address(inner).filter(|a| *a == inner)?;
    Some((addr, words.trim_start_matches(':').trim()))
}

/// The English sentences of the text, addresses and transcripts left
/// out, on one line.
fn english(text: &str) -> String {
    layout::lines(text)
        .map(str::trim)
        .filter(|l| !l.is_empty() && l.is_ascii())
        .filter(|l| opening(l).is_none() && !l.starts_with(['<', '>']))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_the_server_reply() {
        let body =
            "Each of the following recipients was rejected by a remote\n\
                    mail server.\n    Recipient: <neko@example.org>\n    \
                    >>> RCPT TO:<neko@example.org>\n    <<< 550 \
                    <neko@example.org>: User unknown\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.command, Some(Command::Rcpt));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("550 <neko@example.org>: User unknown")
        );
    }

    #[test]
    fn reads_the_reason_line() {
        let body = "Each of the following recipients was rejected by a \
                    remote mail server.\n\nRecipient: <neko@example.org>\n\
                    Reason: < neko@example.org > ...User unknown\n";
        let r = &extract(&Notice::fragment(body.to_string()))[0];
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("< neko@example.org > ...User unknown")
        );
    }

    #[test]
    fn falls_back_to_the_sentence() {
        let body = "The user(s) account is disabled.\n\n<neko@example.org>\n";
        let r = &extract(&Notice::fragment(body.to_string()))[0];
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("The user(s) account is disabled.")
        );
    }
}
