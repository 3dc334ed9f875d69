// SPDX-License-Identifier: MIT
//! PowerMTA's delivery status notifications: RFC 3464 fields with the
//! bounce category PowerMTA assigned,
//!
//! ```text
//! Final-Recipient: rfc822;neko@example.org
//! Action: failed
//! Status: 5.0.0 (undefined status)
//! Diagnostic-Code: smtp;554 delivery error: dd This user doesn't have an account
//! X-PowerMTA-BounceCategory: bad-mailbox
//! ```
//!
//! The category is PowerMTA's verdict; it is a hint, which the server's
//! own words may overrule. Its text part lists each recipient on a line
//! of its own, which is all webmail may show:
//!
//! ```text
//! <neko@example.org> delivery failed; will not continue trying
//! ```

use super::{layout, rfc3464, Family};
use crate::grammar::address::find_address;
use crate::grammar::dsn::{self, get};
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::{Action, Record};

/// The PowerMTA family.
pub const FAMILY: Family =
    Family { id: "powermta", claims, extract, words: Some(claim_words) };

/// The field PowerMTA adds to each recipient's group.
const CATEGORY: &str = "x-powermta-bouncecategory";

/// PowerMTA's bounce categories (PowerMTA User's Guide, "bounce
/// categories") and the reason each means.
const CATEGORIES: &[(&str, Reason)] = &[
    ("bad-configuration", Reason::MailerError),
    ("bad-connection", Reason::NetworkError),
    ("bad-domain", Reason::HostUnknown),
    ("bad-mailbox", Reason::UserUnknown),
    ("content-related", Reason::ContentError),
    ("inactive-mailbox", Reason::Suspend),
    ("invalid-sender", Reason::Rejected),
    ("message-expired", Reason::Expired),
    ("no-answer-from-host", Reason::NetworkError),
    ("policy-related", Reason::PolicyViolation),
    ("protocol-errors", Reason::SyntaxError),
    ("quota-issues", Reason::MailboxFull),
    ("relaying-issues", Reason::NoRelaying),
    ("routing-errors", Reason::SystemError),
    ("spam-related", Reason::SpamDetected),
    ("virus-related", Reason::VirusDetected),
];

/// PowerMTA's sentence above the recipients of its text part.
const OPENING: &str =
    "to inform you on the delivery status of a message you previously sent";

/// What PowerMTA writes after a recipient whose delivery failed.
const FAILED: &[&str] = &["delivery failed", "will not continue trying"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    [&[CATEGORY, OPENING], FAILED].concat()
}

fn claims(notice: &Notice) -> bool {
    layout::contains_ignore_case(notice.status_text(), CATEGORY)
        || layout::has(&notice.body, OPENING)
        || layout::lines(&notice.body).any(|l| failed_line(l).is_some())
}

/// `<neko@example.org> delivery failed; will not continue trying`: the
/// address and PowerMTA's words.
fn failed_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim().strip_prefix('<')?;
    let (addr, words) = rest.split_once('>')?;
    let words = words.trim();
    // Postfix and qmail put a colon after the address; PowerMTA does not.
    let ok = find_address(addr) == Some(addr)
        && !words.starts_with(':')
        && FAILED.iter().any(|f| words.contains(f));
    ok.then_some((addr, words))
}

/// A record for each recipient line of the text part.
fn text_records(body: &str) -> Vec<Record> {
    layout::lines(body)
        .filter_map(failed_line)
        .map(|(addr, words)| Record {
            address: Some(addr.to_string()),
            action: Some(Action::Failed),
            diagnostic: Some(words.to_string()),
            ..Record::default()
        })
        .collect()
}

/// The delivery-status records, each with its category's reason when
/// the status code says nothing more specific.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let ds = dsn::delivery_status(notice.status_text());
    if ds.recipients.is_empty() {
        return text_records(&notice.body);
    }
    ds.recipients
        .iter()
        .map(|group| {
            let mut record = rfc3464::record(group);
            let category = get(group, CATEGORY).map(str::trim);
            let reason = category.and_then(|c| {
                CATEGORIES.iter().find(|(n, _)| c.eq_ignore_ascii_case(n))
            });
            let vague = record.status.is_none_or(|s| s.subject == 0);
            if let (Some((_, reason)), true) = (reason, vague) {
                record.reason = Some((*reason, "powermta.category"));
            }
            record
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_text_part() {
        let body = "Hello, this is the mail server on mta.example.com.\n\n\
                    <neko@example.org>  delivery failed; will not continue \
                    trying\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.action, Some(Action::Failed));
    }

    #[test]
    fn reads_the_category() {
        let status = "Reporting-MTA: dns; mta.example.com\n\n\
                      Final-Recipient: rfc822;neko@example.org\n\
                      Action: failed\nStatus: 5.0.0 (undefined status)\n\
                      Diagnostic-Code: smtp;554 delivery error\n\
                      X-PowerMTA-BounceCategory: bad-mailbox\n";
        let notice = Notice {
            delivery_status: Some(status.to_string()),
            ..Notice::default()
        };
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.reason.map(|r| r.0), Some(Reason::UserUnknown));
    }
}
