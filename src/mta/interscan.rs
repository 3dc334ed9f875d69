// SPDX-License-Identifier: MIT
//! Trend Micro InterScan Messaging Security Suite (InterScan MSS):
//!
//! ```text
//! ****** Message from InterScan Messaging Security Suite ******
//!
//! The following mail could not be delivered.
//! Reason:  Unable to deliver message to <neko@example.org> (and other
//! recipients in the same domain).
//! ```
//!
//! or a transcript of its own session:
//!
//! ```text
//! Sent <<< RCPT TO:<neko@example.org>
//! Received >>> 550 5.1.1 <neko@example.org>... user unknown
//! ```

use super::{layout, Family};
use crate::command::Command;
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::Record;

/// The InterScan MSS family.
pub const FAMILY: Family =
    Family { id: "interscan", claims, extract, words: Some(claim_words) };

/// Words before the address in InterScan's own sentence.
const UNABLE: &str = "Unable to deliver message to";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["InterScan", "Sent <<< "]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    layout::has(body, "InterScan Messaging Security Suite")
        || layout::from_has(notice, &["InterScan"])
        || (layout::has(body, "Sent <<< ")
            && layout::has(body, "Received >>> "))
}

/// A record for each transcript or `Unable to deliver` sentence.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = &notice.body;
    let mut records = transcript(body);
    if records.is_empty() {
        records = sentences(body);
    }
    records
}

/// `Sent <<< RCPT TO:<…>` and `Received >>> 550 …` pairs.
fn transcript(body: &str) -> Vec<Record> {
    let mut records = Vec::new();
    let mut sent: Option<(&str, Option<Command>)> = None;
    for line in layout::lines(body) {
        let t = line.trim();
        if let Some(command) = t.strip_prefix("Sent <<< ") {
            let addr = find_address(command).unwrap_or("");
            sent = Some((addr, Command::from_word(command)));
        } else if let Some(reply) = t.strip_prefix("Received >>> ") {
            let Some((addr, command)) = sent.take() else { continue };
            let mut record = layout::record(addr, reply);
            record.command = command.or(record.command);
            if record.address.is_some() {
                records.push(record);
            }
        }
    }
    records
}

/// `Unable to deliver message to <…>` sentences.
fn sentences(body: &str) -> Vec<Record> {
    let text = body;
    text.match_indices(UNABLE)
        .filter_map(|(at, _)| {
            let rest = &text[at..];
            let end = rest.find(".\n").map_or(rest.len(), |e| e + 1);
            let addr = find_address(&rest[UNABLE.len()..])?;
            Some(layout::record(addr, &rest[..end]))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_transcript() {
        let body = "Sent <<< RCPT TO:<neko@example.org>\nReceived >>> 550 \
                    5.1.1 <neko@example.org>... user unknown\n";
        let r = &extract(&Notice::fragment(body.to_string()))[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.command, Some(Command::Rcpt));
    }

    #[test]
    fn reads_the_sentence() {
        let body = "Message from InterScan Messaging Security Suite\n\n\
                    Reason:  Unable to deliver message to <neko@example.org> \
                    (and other recipients in the same domain).\n";
        let r = &extract(&Notice::fragment(body.to_string()))[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
    }
}
