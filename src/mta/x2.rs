// SPDX-License-Identifier: MIT
//! An MTA that Sisimai calls X2: a relative of qmail that Yahoo! ran,
//! with qmail's paragraphs under its own opening sentence.
//!
//! ```text
//! Message from example.com.
//! Unable to deliver message to the following address(es).
//!
//! <neko@example.org>:
//! Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)
//! I'm not going to try again; this message has been in the queue too long.
//!
//! --- Original message follows.
//! ```
//!
//! The sentence about the queue stays in the server's words: for this
//! family, `data/rules/mta/x2.toml` reads it as expiry.

use super::{layout, qmail, Family};
use crate::notice::Notice;
use crate::record::Record;

/// The X2 family.
pub const FAMILY: Family =
    Family { id: "x2", claims, extract, words: Some(claim_words) };

/// The sentence above the paragraphs.
const STARTS: &[&str] = &["Unable to deliver message to the following address"];

/// The line that opens the returned message.
const ENDS: &[&str] = &["--- Original message follows."];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    STARTS.to_vec()
}

fn claims(notice: &Notice) -> bool {
    layout::contains_any(&notice.body, STARTS)
}

/// A record for each `<address>:` paragraph.
pub fn extract(notice: &Notice) -> Vec<Record> {
    qmail::records(layout::section(&notice.body, STARTS, ENDS), &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::status::Status;

    #[test]
    fn reads_each_paragraph() {
        let body = "Message from example.com.\n\
            Unable to deliver message to the following address(es).\n\n\
            <neko@example.org>:\n\
            Resources temporarily unavailable, please try again later [#4.1.9].\n\n\
            <tora@example.org>:\n\
            This user doesn't have a example.org account (tora@example.org) [0]\n\n\
            --- Original message follows.\n\nTo: <mike@example.org>\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].status, Some(Status::new(4, 1, 9)));
        assert_eq!(records[1].address.as_deref(), Some("tora@example.org"));
    }
}
