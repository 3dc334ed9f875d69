// SPDX-License-Identifier: MIT
//! The DragonFly Mail Agent's (dma) bounce text: one recipient, the
//! error in dma's words or the server's, then the returned headers.
//!
//! ```text
//! This is the DragonFly Mail Agent v0.13 at mx.example.com.
//!
//! There was an error delivering your mail to <neko@example.org>.
//!
//! DNS lookup failure: host example.org not found
//!
//! Message headers follow.
//! ```

use super::layout;
use super::Family;
use crate::grammar::address::find_address;
use crate::grammar::postfix::one_line;
use crate::grammar::reply::find_reply;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The DragonFly family.
pub const FAMILY: Family =
    Family { id: "dragonfly", claims, extract, words: Some(claim_words) };

const START: &str = "There was an error delivering your mail to ";
const ENDS: &[&str] = &["Message headers follow."];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["This is the DragonFly Mail Agent", START]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, "This is the DragonFly Mail Agent")
        || layout::has(&notice.body, START)
}

/// The one record dma's notice is about.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let Some(at) = body.find(START) else { return Vec::new() };
    let rest = &body[at + START.len()..];
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let Some(address) = find_address(line) else { return Vec::new() };
    let words = one_line(layout::before_line(after, ENDS));
    let mut record = Record {
        address: Some(address.to_string()),
        action: Some(Action::Failed),
        diagnostic: Some(words).filter(|w| !w.is_empty()),
        ..Record::default()
    };
    if let Some(diag) = &record.diagnostic {
        if let Some((_, reply)) = find_reply(diag) {
            record.reply_code = Some(reply.code);
            record.status = reply.status;
        }
    }
    record.fill_codes_from_diagnostic();
    vec![record]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_recipient_and_error() {
        let body =
            "This is the DragonFly Mail Agent v0.13 at mx.example.com.\n\n\
            There was an error delivering your mail to <neko@example.org>.\n\n\
            DNS lookup failure: host example.org not found\n\n\
            Message headers follow.\n\nTo: <neko@example.org>\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
        assert_eq!(
            records[0].diagnostic.as_deref(),
            Some("DNS lookup failure: host example.org not found")
        );
    }
}
