// SPDX-License-Identifier: MIT
//! Microsoft Exchange 2000/2003 (and the Internet Mail Service of
//! Exchange 5.5) non-delivery reports:
//!
//! ```text
//! Your message
//!
//!   To:      neko@example.org
//!   Subject: Hello
//!   Sent:    Thu, 29 Apr 2010 00:00:00 -0000
//!
//! did not reach the following recipient(s):
//!
//! neko@example.org on Thu, 29 Apr 2010 00:00:00 -0000
//!     The recipient name is not recognized
//!     MSEXCH:IMS:EXAMPLE:SITE:SERVER 0 (000C05A6) Unknown Recipient
//! ```
//!
//! The hexadecimal code in parentheses names the failure; the rules in
//! `data/rules/mta/exchange2003.toml` read it.

use super::{layout, Family};
use crate::command::Command;
use crate::grammar::address::find_addresses;
use crate::grammar::host::parse_ip;
use crate::grammar::postfix::one_line;
use crate::notice::Notice;
use crate::record::Record;

/// The Exchange 2003 family.
pub const FAMILY: Family =
    Family { id: "exchange2003", claims, extract, words: Some(claim_words) };

/// Sentences that open the list of recipients.
const LEADS: &[&str] = &[
    "did not reach the following recipient(s):",
    "The following recipient(s) could not be reached:",
    "The following recipient(s) cannot be reached:",
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    [LEADS, &["x-ms-embedded-report"]].concat()
}

fn claims(notice: &Notice) -> bool {
    LEADS.iter().any(|l| layout::has(&notice.body, l))
        || notice.header("x-ms-embedded-report").is_some()
}

/// A record for each `address on date` paragraph.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = &notice.body;
    let Some(text) = LEADS.iter().find_map(|l| layout::after_line(body, l))
    else {
        return Vec::new();
    };
    let mut blocks: Vec<(&str, String)> = Vec::new();
    for line in layout::lines(text) {
        if let Some(addr) = opening(line) {
            blocks.push((addr, String::new()));
        } else if let Some((_, words)) = blocks.last_mut() {
            if line.trim().is_empty() && !words.trim().is_empty() {
                break;
            }
            words.push_str(line);
            words.push('\n');
        }
    }
    blocks
        .into_iter()
        .map(|(a, w)| replied(layout::record(a, &w), &w))
        .collect()
}

/// The words before the reply in hMailServer's layout of this report.
const REPLIED: &str = "Remote server replied:";

/// `record` of a recipient whose words are hMailServer's (a layout
/// other servers copy): the reply after [`REPLIED`] is the server's
/// words, the lines above it the report's own, which name the server's
/// IP address and the command sent (fresh14 #18).
///
/// ```text
/// Remote server (192.0.2.20) issued an error.
/// hMailServer sent: RCPT TO:<neko@example.org>
/// Remote server replied: 550 5.1.1 User unknown
/// ```
fn replied(mut record: Record, words: &str) -> Record {
    let Some(at) = words.find(REPLIED) else { return record };
    let reply = one_line(&words[at + REPLIED.len()..]);
    if reply.is_empty() {
        return record;
    }
    let prose = &words[..at];
    record.context = Some(one_line(prose));
    record.diagnostic = Some(reply);
    let ip = prose
        .split_once("Remote server (")
        .and_then(|(_, rest)| rest.split_once(')'))
        .and_then(|(ip, _)| parse_ip(ip));
    record.remote_ip = record.remote_ip.or(ip);
    let sent = prose.split_once(" sent: ").map(|(_, rest)| rest);
    record.command = record.command.or(sent.and_then(Command::from_word));
    record
}

/// `neko@example.org on 4/29/01 11:34:45 PM`, or the X.400 form
/// `c=US;a= ;p=Example;o=Site;cn=Neko:SMTP=NEKO@EXAMPLE.ORG; on …`.
fn opening(line: &str) -> Option<&str> {
    let line = line.trim();
    // An address alone on its line, where the date was left out.
    if let [(_, addr)] = find_addresses(line).as_slice() {
        if *addr == line.trim_matches(['<', '>']) {
            return Some(addr);
        }
    }
    let (who, _) = line.split_once(" on ")?;
    // The X.400 form names the SMTP address after `SMTP=`.
    let who = match who.to_ascii_uppercase().rfind("SMTP=") {
        Some(at) => &who[at + "SMTP=".len()..],
        None => who,
    };
    let found = find_addresses(who);
    match found.as_slice() {
        [(_, addr)] => Some(addr),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_x400_form() {
        assert_eq!(
            opening("c=US;a= ;p=Example;o=Site;dda:SMTP=NEKO@EXAMPLE.ORG; on Tue, 2 Jan 2024"),
            Some("NEKO@EXAMPLE.ORG")
        );
    }

    #[test]
    fn reads_cannot_be_reached_and_a_bare_address() {
        let body = "The following recipient(s) cannot be reached:\n\n      \
                    neko@example.org\n            \
                    The e-mail account does not exist.\n            \
                    <mail.example.org #5.1.1>\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
    }

    #[test]
    fn reads_each_recipient() {
        let body = "Your message\n\n  To:      a@example.net\n  Subject: Hi\n\n\
                    did not reach the following recipient(s):\n\n\
                    neko@example.org on Thu, 29 Apr 2010 00:00:00 -0000\n    \
                    The recipient name is not recognized\n    \
                    MSEXCH:IMS:EXAMPLE:SITE:SERVER 0 (000C05A6) Unknown Recipient\n\
                    tama@example.org on Thu, 29 Apr 2010 00:00:00 -0000\n    \
                    The recipient name is not recognized\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].address.as_deref(), Some("tama@example.org"));
        assert!(records[0].diagnostic.as_deref().unwrap().contains("000C05A6"));
    }
}
