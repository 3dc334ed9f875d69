// SPDX-License-Identifier: MIT
//! KDDI's au one net (dion.ne.jp) notices, after a Japanese paragraph:
//!
//! ```text
//! Your mail sent on: Thu, 29 Apr 2013 00:00:00 +0900
//!      Could not be delivered to: <neko@example.org>
//!      As their mailbox is full.
//! ```
//!
//! The sentence after the address says why; the rules in
//! `data/rules/mta/kddi.toml` read it.

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::Record;

/// The KDDI family.
pub const FAMILY: Family =
    Family { id: "kddi", claims, extract, words: Some(claim_words) };

/// The words before each failed address.
const LEAD: &str = "Could not be delivered to:";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![LEAD]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, LEAD)
}

/// A record for each `Could not be delivered to:` line.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let mut records = Vec::new();
    let mut lines = layout::lines(&notice.body).peekable();
    while let Some(line) = lines.next() {
        let Some((_, rest)) = line.split_once(LEAD) else { continue };
        let Some(addr) = find_address(rest) else { continue };
        let mut words = String::new();
        while let Some(next) = lines.peek() {
            let t = next.trim();
            if t.is_empty() || t.contains(LEAD) || t.starts_with("Your mail") {
                break;
            }
            words.push_str(t);
            words.push('\n');
            lines.next();
        }
        records.push(layout::record(addr, &words));
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_reason_line() {
        let body =
            "Your mail sent on: Thu, 29 Apr 2013 00:00:00 +0900\r\n     \
                    Could not be delivered to: <neko@example.org>\r\n     \
                    As their mailbox is full.\r\n"
                .replace("\r\n", "\n");
        let records = extract(&Notice::fragment(body));
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
        assert_eq!(
            records[0].diagnostic.as_deref(),
            Some("As their mailbox is full.")
        );
    }
}
