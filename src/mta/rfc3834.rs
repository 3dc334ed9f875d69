// SPDX-License-Identifier: MIT
//! Automatic replies (RFC 3834): an out-of-office or vacation message
//! from the recipient's own mailbox. Not a bounce: the recipient is the
//! reply's sender, with the reason `vacation`.
//!
//! ```text
//! From: neko@example.org
//! Subject: Automatic reply: Hello
//! Auto-Submitted: auto-replied
//!
//! I am out of the office until Monday.
//! ```

use super::Family;
use crate::grammar::address::find_address;
use crate::grammar::postfix::one_line;
use crate::grammar::reply::find_reply_at_least;
use crate::lowercase::Lowercase;
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::Record;

/// The RFC 3834 family.
pub const FAMILY: Family =
    Family { id: "rfc3834", claims, extract, words: None };

/// `Auto-Submitted:` values of automatic messages (RFC 3834 §5 and the
/// IANA auto-submitted keywords).
const AUTO_SUBMITTED: &[&str] =
    &["auto-replied", "auto-generated", "auto-notified"];

/// Subject prefixes that mail clients give their automatic replies.
const SUBJECT_PREFIXES: &[&str] = &[
    "auto:",
    "auto reply:",
    "auto-reply:",
    "autoreply:",
    "auto response:",
    "automatic reply:",
    "out of office:",
    "out of the office:",
    "balasan otomatis:",
];

/// Senders and subjects of automatic messages that are not replies from
/// a person's mailbox: the mail system's own notices.
const NOT_FROM: &[&str] = &["root@", "postmaster@", "mailer-daemon@"];
const NOT_SUBJECT: &[&str] = &["security information for", "mail failure -"];

/// What people write in an out-of-office reply, for pasted text that has
/// no headers.
const AWAY_WORDS: &[&str] = &[
    "i am away",
    "i'm away",
    "i am currently away",
    "i am out of the office",
    "i'm out of the office",
    "i am currently out of the office",
    "out of office",
    "i am on vacation",
    "i'm on vacation",
    "i am away on vacation",
    "i will be traveling for work",
    "i am on leave",
    "returning to the office",
    "back in the office",
    // Indonesian
    "sedang cuti",
    "sedang dinas luar",
    "sedang berada di luar kantor",
    "sedang di luar kantor",
    "sedang tidak berada di kantor",
    "akan membalas setelah kembali",
    "akan saya balas setelah kembali",
];

fn claims(notice: &Notice) -> bool {
    if tells_a_failure(&notice.body) {
        return false;
    }
    if notice.fragment {
        let lower = notice.body.lowercase();
        return AWAY_WORDS.iter().any(|w| lower.contains(w));
    }
    let lower =
        |name: &str| notice.header(name).unwrap_or("").trim().lowercase();
    let (from, subject) = (lower("from"), lower("subject"));
    if NOT_FROM.iter().any(|f| from.contains(f))
        || lower("to").contains("root@")
        || NOT_SUBJECT.iter().any(|s| subject.contains(s))
    {
        return false;
    }
    AUTO_SUBMITTED.iter().any(|a| lower("auto-submitted").starts_with(a))
        || lower("precedence").starts_with("auto_reply")
        || lower("x-apple-action").starts_with("vacation")
        || SUBJECT_PREFIXES.iter().any(|p| subject.starts_with(p))
}

/// Words of a notice about a failed delivery, not of a person's reply.
const FAILURE_WORDS: &[&str] = &[
    "could not be delivered",
    "trouble delivering",
    "undeliverable",
    "delivery has failed",
    "delivery failed",
    "permanent error",
    "rejected recipient",
    "returned mail",
];

/// True if and only if the text carries a failure reply (4xx or 5xx) or
/// speaks of a failed delivery: a notice, not a person's reply.
fn tells_a_failure(body: &str) -> bool {
    let lower = body.lowercase();
    find_reply_at_least(body, 400).is_some()
        || FAILURE_WORDS.iter().any(|w| lower.contains(w))
}

/// One record: the reply's sender, with the first lines of the reply.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let address = ["from", "return-path"]
        .iter()
        .filter_map(|h| notice.header(h))
        .find_map(find_address)
        .map(str::to_string);
    let words: Vec<&str> = notice
        .body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(5)
        .collect();
    vec![Record {
        address,
        reason: Some((Reason::Vacation, "rfc3834.auto-reply")),
        diagnostic: Some(one_line(&words.join(" "))).filter(|d| !d.is_empty()),
        ..Record::default()
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_reply_is_a_vacation() {
        let notice =
            Notice::fragment("I am out of the office until Monday.\n".into());
        assert!(claims(&notice));
        assert_eq!(
            extract(&notice)[0].reason.map(|r| r.0),
            Some(Reason::Vacation)
        );
    }

    #[test]
    fn an_indonesian_reply_is_a_vacation() {
        let notice = Notice::fragment(
            "Terima kasih. Saya sedang cuti sampai tanggal 4.\n".into(),
        );
        assert!(claims(&notice));
    }

    #[test]
    fn a_failure_is_not_a_vacation() {
        let notice = Notice::fragment(
            "I am out of the office.\n550 5.1.1 <neko@example.org>: User unknown\n".into(),
        );
        assert!(!claims(&notice));
    }
}
