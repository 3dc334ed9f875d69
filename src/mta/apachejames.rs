// SPDX-License-Identifier: MIT
//! Apache James: the error and the server's words, then the details of
//! the message, the recipients among them.
//!
//! ```text
//! Error: Invalid user address
//!
//! Error message below:
//! 550 - Requested action not taken: no such user here
//!
//! Message details:
//!
//!   Subject: Hello
//!   MAIL FROM: tora@example.com
//!   RCPT TO: neko@example.org
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::grammar::postfix::one_line;
use crate::notice::Notice;
use crate::record::Record;

/// The Apache James family.
pub const FAMILY: Family =
    Family { id: "apachejames", claims, extract, words: Some(claim_words) };

const ERROR: &str = "Error message below:";
const DETAILS: &str = "Message details:";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![DETAILS]
}

fn claims(notice: &Notice) -> bool {
    let headers = notice.subject() == "[BOUNCE]"
        || notice
            .header("message-id")
            .is_some_and(|m| m.contains(".JavaMail."))
        || notice
            .header_all("received")
            .any(|r| r.contains("JAMES SMTP Server"));
    let body =
        layout::has(&notice.body, ERROR) && layout::has(&notice.body, DETAILS);
    headers && layout::has(&notice.body, DETAILS) || body
}

/// A record for each `RCPT TO:` of the details.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let Some(details) = layout::after_line(body, DETAILS) else {
        return Vec::new();
    };
    let error = layout::after_line(body, ERROR).unwrap_or("");
    let error = layout::before_line(error, &[DETAILS]);
    let words = one_line(error);
    details
        .lines()
        .filter_map(|l| l.trim().strip_prefix("RCPT TO:"))
        .flat_map(|rcpt| rcpt.split(',').filter_map(|a| find_address(a.trim())))
        .map(|addr| layout::record(addr, &words))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_details() {
        let body = "Error: Invalid user address\n\nError message below:\n\
            550 - Requested action not taken: no such user here\n\n\
            Message details:\n\n  Subject: Hello\n  MAIL FROM: tora@example.com\n  \
            RCPT TO: neko@example.org\n  From: tora@example.com\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
        assert_eq!(records[0].reply_code, Some(550));
    }
}
