// SPDX-License-Identifier: MIT
//! OpenSMTPD's bounce text (before its DSNs): one `address: reason`
//! line a recipient.
//!
//! ```text
//!     Hi!
//!
//!     This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.
//!
//!     An error has occurred while attempting to deliver a message for
//!     the following list of recipients:
//!
//! neko@example.org: 550 5.1.1 <neko@example.org>... User Unknown
//!
//!     Below is a copy of the original message:
//! ```

use super::layout;
use super::Family;
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The OpenSMTPD family.
pub const FAMILY: Family =
    Family { id: "opensmtpd", claims, extract, words: Some(claim_words) };

/// The sentence before the list, and what it means for delivery.
const LISTS: &[(&str, Action)] = &[
    // An error has occurred while attempting to deliver a message for
    // the following list of recipients:
    (
        "An error has occurred while attempting to deliver a message",
        Action::Failed,
    ),
    // A message is delayed for more than 10 minutes for the following
    // list of recipients:
    ("A message is delayed for more than", Action::Delayed),
];

const ENDS: &[&str] = &["Below is a copy of the original message:"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    let mut words = vec!["This is the MAILER-DAEMON, please DO NOT REPLY"];
    words.extend(LISTS.iter().map(|l| l.0));
    words
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, "This is the MAILER-DAEMON, please DO NOT REPLY")
        || LISTS.iter().any(|(s, _)| layout::has(&notice.body, s))
}

/// A record for each `address: reason` line of the list.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let Some(&(start, action)) =
        LISTS.iter().find(|(s, _)| layout::has(body, s))
    else {
        return Vec::new();
    };
    let list = layout::after_line(body, start).unwrap_or("");
    let list = layout::before_line(list, ENDS);
    layout::lines(list).filter_map(|l| line_record(l, action)).collect()
}

/// `address ": " reason`, at the start of a line.
fn line_record(line: &str, action: Action) -> Option<Record> {
    let (address, reason) = line.trim().split_once(": ")?;
    let address = find_address(address).filter(|a| *a == address)?;
    let mut record = Record {
        address: Some(address.to_string()),
        action: Some(action),
        diagnostic: Some(reason.trim().to_string()),
        ..Record::default()
    };
    record.fill_codes_from_diagnostic();
    Some(record)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::status::Status;

    #[test]
    fn reads_the_list() {
        let body = "    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.\r\n\r\n    \
            An error has occurred while attempting to deliver a message for\r\n    \
            the following list of recipients:\r\n\r\n\
            neko@example.org: 550 5.2.2 <neko@example.org>... Mailbox Full\r\n\
            tora@example.net: Domain does not exist\r\n\r\n    \
            Below is a copy of the original message:\r\n\r\n\
            To: mike@example.com\r\n";
        let report =
            crate::decode(body.as_bytes(), &crate::Options::default()).unwrap();
        assert_eq!(report.format, "opensmtpd");
        let records = extract(&Notice::fragment(body.replace('\r', "")));
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].status, Some(Status::new(5, 2, 2)));
        assert_eq!(
            records[1].diagnostic.as_deref(),
            Some("Domain does not exist")
        );
    }
}
