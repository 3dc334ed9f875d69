// SPDX-License-Identifier: MIT
//! Yahoo's notices (Yahoo Mail, Yahoo! JAPAN, AOL and the sites on the
//! same servers):
//!
//! ```text
//! Sorry, we were unable to deliver your message to the following address.
//!
//! <neko@example.org>:
//! Remote host said: 550 5.1.1 <neko@example.org>... User Unknown [RCPT_TO]
//!
//! --- Below this line is a copy of the message.
//! ```
//!
//! Newer notices write the reply as `550: 5.1.1 <…>… User Unknown`; the
//! bracketed tag names the command that was refused.

use super::{layout, Family};
use crate::notice::Notice;
use crate::record::Record;

/// The Yahoo family.
pub const FAMILY: Family =
    Family { id: "yahoo", claims, extract, words: Some(claim_words) };

/// The sentence that opens the list of recipients.
const LEAD: &str = "Sorry, we were unable to deliver your message to the";

/// The line that starts the returned message.
const ORIGINAL: &[&str] = &["--- Below this line is a copy of the message"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![LEAD]
}

/// Yahoo's lead sentence, unless Zoho's own words say Zoho wrote the
/// notice in the same layout ([`super::zoho::OWN_WORDS`]).
fn claims(notice: &Notice) -> bool {
    notice.body.contains(LEAD)
        && !layout::contains_any(&notice.body, super::zoho::OWN_WORDS)
}

/// A record for each `<address>:` paragraph.
pub fn extract(notice: &Notice) -> Vec<Record> {
    read(notice)
}

/// [`extract`], for the families that share Yahoo's layout.
pub fn read(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ORIGINAL);
    let Some(at) = text.find(LEAD) else { return Vec::new() };
    layout::address_blocks(&text[at..])
        .into_iter()
        .map(|(addr, words)| record(addr, &words))
        .collect()
}

fn record(addr: &str, words: &str) -> Record {
    let words = words.replace("Remote host said:", "");
    let mut record = layout::record(addr, &colon_after_code(&words));
    layout::command_from_tag(&mut record);
    record
}

/// `550: 5.1.1 …` written as an SMTP reply, `550 5.1.1 …`.
fn colon_after_code(words: &str) -> String {
    words
        .lines()
        .map(|line| {
            let t = line.trim_start();
            let b = t.as_bytes();
            let coded = b.len() > 3
                && b[..3].iter().all(u8::is_ascii_digit)
                && b[3] == b':';
            if coded {
                format!("{} {}", &t[..3], t[4..].trim_start_matches([' ', ':']))
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Command;

    #[test]
    fn reads_both_reply_styles() {
        for (said, code) in [
            ("Remote host said: 550 5.1.1 <neko@example.org>... User Unknown [RCPT_TO]", 550),
            ("501: 5.1.8 Sender address rejected", 501),
            ("550: : User unknown", 550),
        ] {
            let body = format!(
                "{LEAD} following address.\n\n<neko@example.org>:\n{said}\n\n\
                 --- Below this line is a copy of the message.\n"
            );
            let records = extract(&Notice::fragment(body));
            assert_eq!(records.len(), 1);
            assert_eq!(records[0].reply_code, Some(code), "{said}");
        }
    }

    #[test]
    fn reads_the_command_tag() {
        let r = record("neko@example.org", "550 5.1.1 No [RCPT_TO]");
        assert_eq!(r.command, Some(Command::Rcpt));
    }
}
