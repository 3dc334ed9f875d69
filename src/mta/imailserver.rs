// SPDX-License-Identifier: MIT
//! Ipswitch (later Progress) IMail Server: one line a recipient, its
//! reason before the address, and the remote server's reply when there
//! was one.
//!
//! ```text
//! Unknown user: neko@example.org
//! User mailbox exceeds allowed size: tora@example.org
//!
//! undeliverable to mike@example.net
//! Body of message generated response:
//! 550 5.7.1 Blacklisted URL in message
//!
//! Original message follows.
//! ```
//!
//! IMail's own sentences are rules in `data/rules/mta/imailserver.toml`.

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::grammar::postfix::one_line;
use crate::notice::Notice;
use crate::record::Record;

/// The IMail Server family.
pub const FAMILY: Family =
    Family { id: "imailserver", claims, extract, words: Some(claim_words) };

/// The line that opens the returned message.
const ENDS: &[&str] = &["Original message follows."];

/// The line above the remote server's reply.
const RESPONSE: &str = "Body of message generated response:";

/// A line about a recipient that names no reason of its own.
const UNDELIVERABLE: &str = "undeliverable to ";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["<SMTP32 v", ENDS[0]]
}

fn claims(notice: &Notice) -> bool {
    // X-Mailer: <SMTP32 v8.22>
    let mailer =
        notice.header("x-mailer").is_some_and(|m| m.starts_with("<SMTP32 v"));
    let text = layout::before_line(&notice.body, ENDS);
    mailer
        || (layout::has(&notice.body, ENDS[0])
            && layout::lines(text).any(|l| recipient_line(l).is_some()))
}

/// A record for each recipient line.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ENDS);
    let response = layout::after_line(text, RESPONSE).map(|r| {
        let lines: Vec<&str> =
            layout::lines(r).take_while(|l| !l.trim().is_empty()).collect();
        one_line(&lines.join("\n"))
    });
    layout::lines(text)
        .filter_map(recipient_line)
        .map(|(addr, reason)| {
            let words = match (&response, reason) {
                (Some(reply), _) if !reply.is_empty() => reply.as_str(),
                (_, reason) => reason,
            };
            layout::record(addr, words)
        })
        .collect()
}

/// `reason ": " address`, where the reason has two words or more, or
/// `"undeliverable to " address`.
fn recipient_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix(UNDELIVERABLE) {
        let addr = find_address(rest).filter(|a| *a == rest.trim())?;
        return Some((addr, line));
    }
    let (reason, who) = line.rsplit_once(": ")?;
    let addr = find_address(who).filter(|a| *a == who.trim())?;
    let words = reason.split_whitespace().count() >= 2 && !reason.contains('@');
    words.then_some((addr, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_line() {
        let body = "Unknown user: neko@example.org\n\
            Delivery failed 20 attempts: tora@example.org\n\n\
            Original message follows.\n\nTo: neko@example.org\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].diagnostic.as_deref(), Some("Unknown user"));
        assert_eq!(records[1].address.as_deref(), Some("tora@example.org"));
    }

    #[test]
    fn takes_the_remote_reply() {
        let body = "undeliverable to neko@example.org\n\
            Body of message generated response:\n\
            550-REJECTED - Blacklisted URL in message.\n\
            550 See http://uribl.example.net/\n\n\
            Original message follows.\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].reply_code, Some(550));
    }
}
