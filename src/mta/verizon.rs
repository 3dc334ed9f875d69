// SPDX-License-Identifier: MIT
//! Verizon Wireless's gateways for SMS (vtext.com) and MMS
//! (vzwpix.com):
//!
//! ```text
//! Error: Invalid user address
//! Error message below:
//! 550 - Requested action not taken: no such user here
//! Message details:
//!   RCPT TO: 5555550100@vtext.com
//! ```
//!
//! ```text
//! Message could not be delivered to mobile.
//! Error: No valid recipients for this MM
//! Original Message:
//! To: 5555550100@vzwpix.com
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::Record;

/// The Verizon family.
pub const FAMILY: Family =
    Family { id: "verizon", claims, extract, words: Some(claim_words) };

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["Message could not be delivered to mobile.", "Error message below:"]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    let domains = ["vtext.com", "vzwpix.com"];
    let ours = || {
        layout::from_has(notice, &domains)
            || recipient(body)
                .is_some_and(|r| layout::contains_any(r, &domains))
    };
    // Apache James's layout from other hosts is the ApacheJames family's.
    layout::has(body, "Message could not be delivered to mobile.")
        || (layout::has(body, "Error message below:") && ours())
}

/// One record: the recipient named in the message details.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = &notice.body;
    let details = ["Message details:", "Original Message:"];
    let end = details.iter().filter_map(|d| body.find(d)).min();
    let Some(end) = end else { return Vec::new() };
    let addr = recipient(&body[end..]);
    let Some(addr) = addr else { return Vec::new() };
    let lines: Vec<&str> = body[..end]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != "Error message below:")
        .collect();
    // `Error: Invalid user address` says what; the reply below it is the
    // server's own words.
    let (said, reply): (Vec<&str>, Vec<&str>) =
        lines.into_iter().partition(|l| l.starts_with("Error:"));
    let reply = reply.join("\n").replace(" - ", " ");
    let mut record = layout::record(addr, &reply);
    let words = [said.join(" "), record.diagnostic.take().unwrap_or_default()];
    record.diagnostic = Some(words.join(" ").trim().to_string());
    vec![record]
}

/// The address after `RCPT TO:` or `To:` in the details.
fn recipient(details: &str) -> Option<&str> {
    ["RCPT TO:", "To:"].iter().find_map(|label| {
        details
            .lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(label))
            .and_then(find_address)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sms_gateway() {
        let body = "Error: Invalid user address\nError message below:\n550 - \
                    Requested action not taken: no such user here\n\n\
                    Message details:\n  Subject: Hi\n  MAIL FROM: \
                    neko@example.org\n  RCPT TO: 5555550100@vtext.com\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.address.as_deref(), Some("5555550100@vtext.com"));
        assert_eq!(r.reply_code, Some(550));
    }
}
