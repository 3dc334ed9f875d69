// SPDX-License-Identifier: MIT
//! Lotus Notes (the Lotus SMTP MTA) notices:
//!
//! ```text
//! ------- Failure Reasons  --------
//!
//! User not listed in public Name & Address Book
//! neko@example.org
//!
//! ------- Returned Message --------
//! ```
//!
//! The reason comes first, in the server's language, and the address
//! after it.

use super::{layout, Family};
use crate::notice::Notice;
use crate::record::Record;

/// The Notes family.
pub const FAMILY: Family =
    Family { id: "notes", claims, extract, words: Some(claim_words) };

/// The line that opens the failures.
const LEAD: &str = "------- Failure Reasons";

/// The line that starts the returned message.
const ORIGINAL: &[&str] = &["------- Returned Message"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![LEAD]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, LEAD)
}

/// A record for each address, with the reason lines above it.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ORIGINAL);
    let Some(text) = layout::after_line(text, LEAD) else {
        return Vec::new();
    };
    let mut records = Vec::new();
    let mut words = String::new();
    for line in layout::lines(text) {
        match layout::address_line(line) {
            Some(addr) => {
                records.push(layout::record(addr, &words));
                words.clear();
            }
            None => {
                words.push_str(line);
                words.push('\n');
            }
        }
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_reason_above_the_address() {
        let body = "------- Failure Reasons  --------\n\nUser  not listed in \
                    public Name & Address Book\nneko@example.org\n\n\
                    ------- Returned Message --------\nTo: neko@example.org\n";
        let notice = Notice::fragment(body.to_string());
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        assert_eq!(
            records[0].diagnostic.as_deref(),
            Some("User not listed in public Name & Address Book")
        );
    }
}
