// SPDX-License-Identifier: MIT
//! An MTA that Sisimai calls X4: a qmail installation whose notice has
//! its own opening sentence before qmail's paragraphs.
//!
//! ```text
//! Your mail message to the following address(es) could not be
//! delivered. This is a permanent error. …
//!
//! <neko@example.org>:
//! child status 100...The e-mail message could not be delivered because
//! the user's mailfolder is full.
//!
//! --- Below this line is a copy of the message.
//! ```

use super::{layout, qmail, Family};
use crate::notice::Notice;
use crate::record::Record;

/// The X4 family.
pub const FAMILY: Family =
    Family { id: "x4", claims, extract, words: Some(claim_words) };

/// The sentence above the paragraphs.
const STARTS: &[&str] = &["Your mail message to the following address(es)"];

/// The line that opens the returned message.
const ENDS: &[&str] = &["--- Below this line is a copy of the message"];

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

    #[test]
    fn reads_each_paragraph() {
        let body =
            "Your mail message to the following address(es) could not be \
            delivered. This\nis a permanent error.\n\n\
            <neko@example.org>:\n\
            child status 100...The e-mail message could not be delivered \
            because the user's mailfolder is full.\n\n\
            --- Below this line is a copy of the message.\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 1);
        assert!(records[0].diagnostic.as_deref().unwrap().contains("full"));
    }
}
