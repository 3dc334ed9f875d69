// SPDX-License-Identifier: MIT
//! Google Groups refusing a post: the group does not exist or the sender
//! may not post to it. The text comes in the sender's language; every
//! version points to the groups help centre:
//!
//! ```text
//! Hello neko@example.net,
//!
//! We're writing to let you know that the group you tried to contact
//! (cats) may not exist, or you may not have permission to post messages
//! to the group. …
//! If you have questions related to this or any other Google group,
//! visit the Help Centre at https://groups.google.com/support/.
//! ```
//!
//! The group's address is in `X-Failed-Recipients:`, or else in the
//! returned message's `To:`.

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::Record;

/// The Google Groups family.
pub const FAMILY: Family =
    Family { id: "google-groups", claims, extract, words: Some(claim_words) };

/// The help centre link every language version carries.
const HELP: &str = "groups.google.com/support";

/// Lines that start the returned message.
const ORIGINAL: &[&str] = &["----- Original message -----"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![HELP]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, HELP)
}

/// One record for the group; without an address when the paste gives
/// none (the notice's text alone, as webmail shows it, names the group
/// by its name only: `(cats)`), as long as it holds the sentence that
/// names it.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ORIGINAL);
    let words = text
        .lines()
        .map(str::trim)
        .find(|l| l.contains('(') && l.contains(')') && l.len() > 40);
    let addr = match (group_address(notice), words) {
        (Some(addr), _) => addr,
        (None, Some(_)) => "",
        (None, None) => return Vec::new(),
    };
    let mut record = layout::record(addr, words.unwrap_or(""));
    record.reason = Some((Reason::Rejected, "google-groups.no-permission"));
    vec![record]
}

/// The group's address: the failed recipient the header names, or the
/// returned message's `To:`.
fn group_address(notice: &Notice) -> Option<&str> {
    if let Some(a) = notice.header("x-failed-recipients").and_then(find_address)
    {
        return Some(a);
    }
    let original = notice.original.as_deref().or_else(|| {
        layout::after_line(&notice.body, "----- Original message -----")
    })?;
    layout::field(original, "to").and_then(find_address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_group_from_the_returned_message() {
        let body = "Hello neko@example.net,\n\nWe're writing to let you know \
                    that the group you tried to contact (cats) may not exist.\n\n\
                    visit https://groups.google.com/support/.\n\n\
                    ----- Original message -----\n\nFrom: neko@example.net\n\
                    To: cats@example.org\nSubject: Hi\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records[0].address.as_deref(), Some("cats@example.org"));
        assert_eq!(records[0].reason.map(|r| r.0), Some(Reason::Rejected));
    }

    #[test]
    fn the_notice_alone_is_a_refused_post_to_no_known_address() {
        let body = "You don't have permission to post to this group\n\n\
                    Hello neko@example.net,\n\nWe're writing to let you know \
                    that the group you tried to contact (cats) may not exist, \
                    or you may not have permission to post.\n\n\
                    visit https://groups.google.com/support/.\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address, None);
        assert_eq!(records[0].reason.map(|r| r.0), Some(Reason::Rejected));
        let link_alone = "Help: https://groups.google.com/support/\n";
        assert!(extract(&Notice::fragment(link_alone.into())).is_empty());
    }
}
