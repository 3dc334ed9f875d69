// SPDX-License-Identifier: MIT
//! An MTA that Sisimai calls X1 (not identified; its notices pass
//! through Japanese relays): a heading, then one `address [reason]`
//! line a recipient.
//!
//! ```text
//! The original message was received at Thu, 29 Apr 2010 23:34:45 +0900
//! from tora@example.com
//!
//! ---The following addresses had delivery errors---
//!
//! neko@example.org [User unknown]
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::Record;

/// The X1 family.
pub const FAMILY: Family =
    Family { id: "x1", claims, extract, words: Some(claim_words) };

/// The heading above the list.
const HEADING: &str = "---The following addresses had delivery errors---";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![HEADING, "Mail Deliver System"]
}

fn claims(notice: &Notice) -> bool {
    // From: "Mail Deliver System" <MAILER-DAEMON@example.org>
    let sender = notice.from().contains("Mail Deliver System");
    layout::has(&notice.body, HEADING)
        || (sender && notice.subject().starts_with("Returned Mail: "))
}

/// A record for each `address [reason]` line after the heading.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let Some(list) = layout::after_line(&notice.body, HEADING) else {
        return Vec::new();
    };
    layout::lines(list).filter_map(entry).collect()
}

/// `address " [" reason "]"`.
fn entry(line: &str) -> Option<Record> {
    let (who, rest) = line.trim().split_once(" [")?;
    let reason = rest.strip_suffix(']')?;
    let addr = find_address(who).filter(|a| *a == who)?;
    Some(layout::record(addr, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_line() {
        let body = "---The following addresses had delivery errors---\n\n\
            neko@example.org [User unknown]\n\
            tora@example.net [Mailbox full]\n\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].address.as_deref(), Some("tora@example.net"));
        assert_eq!(records[1].diagnostic.as_deref(), Some("Mailbox full"));
    }
}
