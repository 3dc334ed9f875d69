// SPDX-License-Identifier: MIT
//! Zoho Mail's notices: one line a recipient,
//!
//! ```text
//! neko@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <neko@example.org>... User Unknown
//! ```
//!
//! or, in a delay notice,
//!
//! ```text
//! [Status: Error, Address: <neko@example.org>, ResponseCode 421, , Host not reachable.]
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The Zoho family.
pub const FAMILY: Family =
    Family { id: "zoho", claims, extract, words: Some(claim_words) };

/// Zoho's own words for holding back a sender's outgoing mail, which
/// reach a pasted notice laid out as Yahoo's is ([`super::yahoo`]):
///
/// ```text
/// Sorry, we were unable to deliver your message to the following address.
///
/// <neko@example.org>:
/// 554: 5.1.8 Email Outgoing Blocked.
/// ```
pub const OWN_WORDS: &[&str] = &["Email Outgoing Blocked"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    [&["ERROR_CODE :", "ResponseCode "], OWN_WORDS].concat()
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    body.contains("ERROR_CODE :")
        || (body.contains("[Status: ") && body.contains("ResponseCode "))
        || layout::contains_any(body, OWN_WORDS)
}

/// A record for each recipient line, or for each paragraph of a notice
/// laid out as Yahoo's that holds Zoho's [`OWN_WORDS`].
pub fn extract(notice: &Notice) -> Vec<Record> {
    if layout::contains_any(&notice.body, OWN_WORDS) {
        let records = super::yahoo::read(notice);
        if !records.is_empty() {
            return records;
        }
    }
    let delayed = notice.body.contains("THIS IS A WARNING MESSAGE ONLY");
    let mut records: Vec<Record> =
        layout::lines(&notice.body).filter_map(|l| line(l.trim())).collect();
    if delayed {
        for r in &mut records {
            r.action = Some(Action::Delayed);
        }
    }
    records
}

/// One recipient line in either form.
fn line(line: &str) -> Option<Record> {
    if let Some(rest) = line.strip_prefix("[Status: ") {
        return status_line(rest);
    }
    let (addr, rest) = line.split_once(' ')?;
    let addr = find_address(addr).filter(|a| *a == addr)?;
    let (_, codes) = rest.split_once("ERROR_CODE :")?;
    let (reply, words) = codes.split_once(',').unwrap_or((codes, ""));
    let words = words.trim().trim_start_matches("ERROR_CODE :");
    let words = words.trim_start_matches([',', ' ']);
    Some(layout::record(addr, &format!("{} {words}", reply.trim())))
}

/// `Error, Address: <neko@example.org>, ResponseCode 421, , Host not
/// reachable.]`
fn status_line(rest: &str) -> Option<Record> {
    let rest = rest.trim_end_matches(']');
    let (_, after) = rest.split_once("Address:")?;
    let addr = find_address(after)?;
    let (_, tail) = after.split_once("ResponseCode ")?;
    let words: Vec<&str> =
        tail.split(',').map(str::trim).filter(|w| !w.is_empty()).collect();
    Some(layout::record(addr, &words.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_forms() {
        let a = line(
            "neko@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE \
             :5.1.1 <neko@example.org>... User Unknown",
        )
        .unwrap();
        assert_eq!(a.reply_code, Some(550));
        assert_eq!(a.status.map(|s| s.to_string()).as_deref(), Some("5.1.1"));
        let b = line(
            "[Status: Error, Address: <neko@example.org>, ResponseCode 421, \
             , Host not reachable.]",
        )
        .unwrap();
        assert_eq!(b.address.as_deref(), Some("neko@example.org"));
        assert_eq!(b.reply_code, Some(421));
        assert_eq!(b.diagnostic.as_deref(), Some("421 Host not reachable."));
    }
}
