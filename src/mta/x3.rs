// SPDX-License-Identifier: MIT
//! An MTA that Sisimai calls X3 (not identified): a framed notice with
//! a list of recipients and, below it, the technical details.
//!
//! ```text
//! ============================================================================
//!       This is an automatically generated Delivery Status Notification.
//!
//! Delivery to the following recipients failed permanently:
//!
//!    * neko@example.org
//!
//! ============================================================================
//!                              Technical details:
//!
//! SMTP:RCPT host 192.0.2.8: 553 5.3.0 <neko@example.org>... No such user here
//! ============================================================================
//! ```

use std::collections::HashMap;

use super::{layout, Family};
use crate::command::Command;
use crate::grammar::address::{find_address, find_addresses};
use crate::grammar::postfix::one_line;
use crate::input::MAX_RECIPIENTS;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The X3 family.
pub const FAMILY: Family =
    Family { id: "x3", claims, extract, words: Some(claim_words) };

/// The line that opens the notice.
const OPENING: &str =
    "This is an automatically generated Delivery Status Notification.";

/// The sentences above the list of recipients ("Delevery" is the
/// notice's own spelling).
const LISTS: &[&str] = &[
    // Delivery to the following recipients failed permanently:
    "to the following recipients failed permanently:",
    // Delevery to the following recipients was aborted after 5.0 hour(s):
    "to the following recipients was aborted after",
];

/// Where the technical details start.
const DETAILS: &str = "Technical details:";

/// How a line of the technical details starts: `SMTP:` and the command,
/// or `Routing:` when no server was reached.
const DETAIL_LINES: &[&str] = &["SMTP:", "Routing:"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![OPENING]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, OPENING)
        && LISTS.iter().any(|l| layout::has(&notice.body, l))
}

/// A record for each `* address` line, with the detail line that names
/// it, or the only one.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let Some(list) = LISTS.iter().find_map(|l| layout::after_line(body, l))
    else {
        return Vec::new();
    };
    let details = detail_lines(body);
    let named = named_in(&details);
    layout::lines(list)
        .map_while(|l| (!l.starts_with("====")).then_some(l))
        .filter_map(|l| l.trim().strip_prefix("* "))
        .filter_map(|a| find_address(a).filter(|f| *f == a.trim()))
        .take(MAX_RECIPIENTS + 1)
        .map(|addr| record(addr, &details, &named))
        .collect()
}

/// The lines of the technical details, each on one line.
///
/// ```text
/// SMTP:RCPT host 192.0.2.8: 553 5.3.0 <neko@example.org>... No such user
/// Routing: Could not find a gateway for neko@example.org
/// ```
fn detail_lines(body: &str) -> Vec<String> {
    let Some(details) = layout::after_line(body, DETAILS) else {
        return Vec::new();
    };
    details
        .lines()
        .map_while(|l| (!l.starts_with("====")).then_some(l))
        .filter(|l| DETAIL_LINES.iter().any(|d| l.starts_with(d)))
        .map(one_line)
        .collect()
}

/// The first detail line naming each address, by address, so that
/// finding a recipient's line stays linear in the number of recipients.
fn named_in(details: &[String]) -> HashMap<&str, &str> {
    let mut named = HashMap::new();
    for detail in details {
        for (_, addr) in find_addresses(detail) {
            named.entry(addr).or_insert(detail.as_str());
        }
    }
    named
}

fn record(
    addr: &str,
    details: &[String],
    named: &HashMap<&str, &str>,
) -> Record {
    let own = named.get(addr).copied();
    let only = (details.len() == 1).then(|| details[0].as_str());
    let mut record = Record {
        address: Some(addr.to_string()),
        action: Some(Action::Failed),
        ..Record::default()
    };
    let Some(line) = own.or(only) else { return record };
    // SMTP:RCPT host 192.0.2.8: 553 5.3.0 <neko@example.org>... No such user
    if let Some(rest) = line.strip_prefix("SMTP:") {
        record.command = Command::from_word(rest);
        let host = rest.split_once(" host ").map_or("", |(_, h)| h);
        let (host, said) = host.split_once(": ").unwrap_or(("", host));
        layout::set_remote(&mut record, layout::host_after(host, ""));
        record.diagnostic = Some(said.to_string());
    } else {
        record.diagnostic = Some(line.to_string());
    }
    record.fill_codes_from_diagnostic();
    record
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::status::Status;

    const NOTICE: &str = "=====\n      \
        This is an automatically generated Delivery Status Notification.      \n\n\
        Delivery to the following recipients failed permanently:\n\n   \
        * neko@example.org\n\n\
        =====\n                             Technical details:\n\n\
        SMTP:RCPT host 192.0.2.8: 553 5.3.0 <neko@example.org>... No such user here\n\n\
        =====\n";

    #[test]
    fn reads_the_list_and_the_details() {
        let notice = Notice::fragment(NOTICE.to_string());
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.command, Some(Command::Rcpt));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.8"));
        assert_eq!(r.reply_code, Some(553));
        assert_eq!(r.status, Some(Status::new(5, 3, 0)));
    }
}
