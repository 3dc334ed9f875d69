// SPDX-License-Identifier: MIT
//! Websense SurfControl E-mail Filter: a transcript of the attempts,
//! each recipient after `Addressed To:`, the remote host's reply on the
//! line that names the recipient.
//!
//! ```text
//! Your message could not be sent.
//! A transcript of the attempts to send the message follows.
//! The number of attempts made: 1
//! Addressed To: neko@example.org
//!
//! Thu 29 Apr 2010 23:34:45 +0900
//! Failed to send to identified host,
//! neko@example.org: [192.0.2.5], 550 neko@example.org... No such user
//! --- Message non-deliverable.
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::Record;

/// The SurfControl family.
pub const FAMILY: Family =
    Family { id: "surfcontrol", claims, extract, words: Some(claim_words) };

const OPENING: &str = "Your message could not be sent.";
const ADDRESSED: &str = "Addressed To:";
const ENDS: &[&str] = &["--- Message non-deliverable."];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["SurfControl E-mail Filter", "x-sef-processed", ADDRESSED]
}

fn claims(notice: &Notice) -> bool {
    let filter = notice
        .header("x-mailer")
        .is_some_and(|m| m.starts_with("SurfControl E-mail Filter"))
        || notice.header("x-sef-processed").is_some();
    filter
        || (layout::has(&notice.body, OPENING)
            && layout::has(&notice.body, ADDRESSED))
}

/// A record for each `Addressed To:` line.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ENDS);
    let lines: Vec<&str> = layout::lines(text).map(str::trim).collect();
    lines
        .iter()
        .filter_map(|l| l.strip_prefix(ADDRESSED))
        .filter_map(|a| find_address(a.trim()))
        .map(|addr| record(addr, &lines))
        .collect()
}

/// `address ": [" ip "], " reply`, on the line that names the address.
fn record(addr: &str, lines: &[&str]) -> Record {
    let said =
        lines.iter().find_map(|l| l.strip_prefix(addr)?.strip_prefix(": "));
    let (ip, reply) = said
        .and_then(|s| s.split_once("], "))
        .map_or((None, said.unwrap_or("")), |(ip, r)| (Some(ip), r));
    let mut record = layout::record(addr, reply);
    record.remote_ip = ip.and_then(layout::first_ip);
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_transcript() {
        let body = "Your message could not be sent.\n\
            A transcript of the attempts to send the message follows.\n\
            The number of attempts made: 1\n\
            Addressed To: neko@example.org\n\n\
            Thu 29 Apr 2010 23:34:45 +0900\n\
            Failed to send to identified host,\n\
            neko@example.org: [192.0.2.5], 550 neko@example.org... No such user\n\
            --- Message non-deliverable.\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].remote_ip.as_deref(), Some("192.0.2.5"));
        assert_eq!(records[0].reply_code, Some(550));
    }
}
