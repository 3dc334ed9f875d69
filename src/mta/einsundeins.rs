// SPDX-License-Identifier: MIT
//! 1&1 (IONOS, kundenserver.de):
//!
//! ```text
//! This message was created automatically by mail delivery software.
//! … The following address failed:
//!
//! neko@example.org
//!
//! For the following reason:
//!
//! Mail size limit exceeded. For explanation visit
//! http://postmaster.1and1.com/en/error-messages?ip=%1s
//!
//! --- The header of the original message is following. ---
//! ```
//!
//! Newer notices put the remote server's words on one line:
//! `SMTP error from remote server for TEXT command, host:
//! mx.example.org (192.0.2.1) reason: 550 5.2.0 …`.

use super::{layout, Family};
use crate::command::Command;
use crate::notice::Notice;
use crate::record::Record;

/// The 1&1 family.
pub const FAMILY: Family =
    Family { id: "einsundeins", claims, extract, words: Some(claim_words) };

/// The line that starts the returned message's header.
const ORIGINAL: &[&str] = &["--- The header of the original message"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["--- The header of the original message is following"]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    layout::has(body, "--- The header of the original message is following")
        && (layout::has(body, "For the following reason:")
            || layout::has(body, "postmaster.1and1.")
            || layout::from_has(
                notice,
                &["kundenserver.", "@1and1.", "ionos."],
            )
            // SMTP error from remote server for TEXT command, host: …
            || layout::has(body, "SMTP error from remote server for "))
}

/// A record for each failed address.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ORIGINAL);
    let Some(at) = text.find("This is a permanent error.") else {
        return Vec::new();
    };
    layout::address_blocks(&text[at..])
        .into_iter()
        .map(|(addr, words)| record(addr, &words))
        .collect()
}

fn record(addr: &str, words: &str) -> Record {
    let words = words.replace("For the following reason:", "");
    let words = match words.find(" reason: ") {
        Some(at) => format!("{} {}", &words[at + 9..], &words[..at]),
        None => words,
    };
    let mut record = layout::record(addr, &words);
    let diag = record.diagnostic.clone().unwrap_or_default();
    layout::set_remote(&mut record, layout::host_after(&diag, "host: "));
    // SMTP error from remote server for RCPT TO command, … (TEXT: the data)
    if let Some((_, rest)) = diag.split_once("remote server for ") {
        let word = rest.split(" command").next().unwrap_or("");
        record.command = if word == "TEXT" {
            Some(Command::Data)
        } else {
            Command::from_word(word).or(record.command)
        };
    }
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_one_line_form() {
        let r = record(
            "neko@example.org",
            "SMTP error from remote server for TEXT command, host: \
             mx.example.org (192.0.2.1) reason: 550 5.2.0 Rejected\n",
        );
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(r.command, Some(Command::Data));
    }
}
