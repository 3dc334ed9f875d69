// SPDX-License-Identifier: MIT
//! Addresses a notice names that are no recipient of the failed mail:
//! the reporting system's own mailbox, the sender's (a `From:` line, a
//! webmail's `Dari` line, a reply that names the blocked sender), the
//! notice's own recipient in the header block a webmail copy begins
//! with, and the mailboxes a provider's prose asks the reader to write
//! to.
//!
//! ```text
//! Dari    MAILER-DAEMON@mail.example.net
//! Kepada  neko@example.com
//! 550 Rejected by header based Blocked Senders - Block policy for Header From - <tora@example.org>
//! To request removal from this list, forward this message to delist@example.com.
//! ```
//!
//! A family that takes the first address of free text asks here first.

use crate::lowercase::Lowercase;

/// Local parts of the mailbox a reporting system writes from.
///
/// ```text
/// From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
/// ```
const REPORTING_MAILBOXES: &[&str] = &["mailer-daemon"];

/// Labels of the sender's field as mail programs and webmail readers
/// show it, in English, Indonesian, German and the Romance languages,
/// followed by a colon or white space (`From:`, `Dari<tab>`).
const SENDER_LABELS: &[&str] = &[
    "from",
    "dari",
    "von",
    "de",
    "sender",
    "pengirim",
    "reply-to",
    "return-path",
];

/// Words just before an address, on its line, that make it the sender's:
/// Mimecast's reply names the blocked or forged sender, not the
/// recipient.
///
/// ```text
/// 550 Rejected by header based Blocked Senders - Block policy for Header From - <tora@example.org> - https://…
/// 550 Rejected by header based Anti-Spoofing policy: tora@example.org
/// ```
const SENDER_WORDS: &[&str] = &["from", "sender", "spoofing"];

/// Words that end a request to write to an address: a provider's
/// delisting or help mailbox, a postmaster.
///
/// ```text
/// To request removal from this list, forward this message to delist@example.com.
/// For further assistance, please contact postmaster@example.net
/// ```
const INSTRUCTIONS: &[&str] = &[
    "forward this message to",
    "forward this email to",
    "forward this e-mail to",
    "forward the message to",
    "forward it to",
    "send mail to",
    "send email to",
    "send e-mail to",
    "send an email to",
    "send an e-mail to",
    "send a message to",
    "send a mail to",
    "write to",
    "contact",
    "contact us at",
    "email us at",
    "e-mail us at",
    "mail us at",
    "reach us at",
    "hubungi",
    "kirim email ke",
    "kirimkan email ke",
    "teruskan pesan ini ke",
];

/// Words that end the naming of a moved recipient's new address, which
/// is not the failed one: "551 5.1.6 User has moved; please try
/// <b@example.org>", "new address is b@example.org".
const NEW_ADDRESS: &[&str] = &[
    "new address is",
    "new address:",
    "please try",
    "moved to",
    "now at",
    "changed to",
    "alamat baru",
    "alamat barunya",
];

/// Labels of the recipients' fields as webmail readers show them.
const RECIPIENT_LABELS: &[&str] =
    &["to", "kepada", "an", "para", "cc", "bcc", "tembusan"];

/// How far before an address its line's label is looked for, in bytes:
/// a field's label and a display name fit, and a long line costs no
/// more than this for each address on it.
const LABEL_REACH: usize = 256;

/// How much of a text may be the header block a webmail copy begins
/// with, in bytes.
const SHOWN_HEADER: usize = 2048;

/// True if and only if the address at `at` of `text` is no recipient
/// of the failed mail: the reporting system's, the sender's, the
/// notice's own recipient's, or one the notice's prose asks the reader
/// to write to. The work is bounded for each address, whatever the
/// length of its line.
pub fn is_not_recipient(text: &str, at: usize, address: &str) -> bool {
    is_reporting_mailbox(address)
        || label_of(text, at).is_some_and(|l| is_one_of(l, SENDER_LABELS))
        || in_shown_header(text, at)
        || names_the_sender(text, at)
        || ends_with_one_of(text, at, INSTRUCTIONS)
        || ends_with_one_of(text, at, NEW_ADDRESS)
        || refused_as_sender(text, at + address.len())
        || listed_as_identity(text, at)
}

/// Words after which Amazon SES lists the identities it has not
/// verified: the sender's address or domain, and in its sandbox perhaps
/// a recipient's too, which the words do not tell apart; none of them
/// is taken for the failed recipient.
///
/// ```text
/// 554 Message rejected: Email address is not verified. The following identities failed the check in region AP-SOUTHEAST-1: noreply@example.com, Neko <neko@example.org>
/// ```
const IDENTITY_LIST: &str = "identities failed the check";

/// How far before an address on its line [`IDENTITY_LIST`] is looked
/// for, in bytes: a few identities with display names fit.
const IDENTITY_REACH: usize = 512;

/// True if and only if the address at `at` stands after
/// [`IDENTITY_LIST`] on its line.
fn listed_as_identity(text: &str, at: usize) -> bool {
    let mut start = at.saturating_sub(IDENTITY_REACH);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let line = text[start..at].rsplit('\n').next().unwrap_or("");
    line.to_ascii_lowercase().contains(IDENTITY_LIST)
}

/// Words that, right after an address, say the server refused it as the
/// sender: "553 5.7.1 <a@example.org>: Sender address rejected: …".
const REFUSED_AS_SENDER: &[&str] = &["sender address rejected"];

/// True if and only if the text after an address (past `>`, `:` and
/// white space) opens with one of [`REFUSED_AS_SENDER`].
fn refused_as_sender(text: &str, end: usize) -> bool {
    let Some(after) = text.get(end..) else { return false };
    let after = after.trim_start_matches(['>', ':', ' ', '\t']);
    REFUSED_AS_SENDER.iter().any(|w| {
        after.get(..w.len()).is_some_and(|a| a.eq_ignore_ascii_case(w))
    })
}

/// True if and only if `line` holds an address that is a reporting
/// system's mailbox: `Mail Delivery Subsystem <mailer-daemon@…>`.
fn names_reporting_mailbox(line: &str) -> bool {
    crate::grammar::address::find_addresses(line)
        .iter()
        .any(|&(_, a)| is_reporting_mailbox(a))
}

/// True if and only if `address` is a reporting system's mailbox.
fn is_reporting_mailbox(address: &str) -> bool {
    let local = address.rsplit_once('@').map_or(address, |(l, _)| l);
    REPORTING_MAILBOXES.iter().any(|m| local.eq_ignore_ascii_case(m))
}

/// The label that opens the line of the address at `at`: its first
/// word, when a colon or white space follows it and the line starts
/// at most [`LABEL_REACH`] bytes before the address. Quote marks of a
/// ticket (`> `) are skipped.
fn label_of(text: &str, at: usize) -> Option<&str> {
    let mut reach = at.saturating_sub(LABEL_REACH);
    while !text.is_char_boundary(reach) {
        reach += 1;
    }
    let start = match text[reach..at].rfind('\n') {
        Some(n) => reach + n + 1,
        None if reach == 0 => 0,
        None => return None,
    };
    let line = text[start..at].trim_start_matches(['>', ' ', '\t']);
    let end = line.find([':', ' ', '\t'])?;
    Some(&line[..end])
}

/// True if and only if `label` is one of `labels`, any case.
fn is_one_of(label: &str, labels: &[&str]) -> bool {
    labels.iter().any(|l| label.eq_ignore_ascii_case(l))
}

/// True if and only if the address at `at` stands on a field of the
/// header block a webmail copy of the notice begins with: the lines
/// before the first blank one, within [`SHOWN_HEADER`] bytes, one of
/// them the sender's field. That block names the notice's own sender
/// and recipient (the person who got the bounce), never a failed
/// recipient.
///
/// ```text
/// Undelivered Mail Returned to Sender
/// Dari    MAILER-DAEMON@mail.example.net
/// Kepada  neko@example.com
/// ```
fn in_shown_header(text: &str, at: usize) -> bool {
    if at >= SHOWN_HEADER {
        return false;
    }
    let head = super::layout::head(text, SHOWN_HEADER);
    let end = head.find("\n\n").unwrap_or(head.len());
    if at >= end {
        return false;
    }
    let fields = [SENDER_LABELS, RECIPIENT_LABELS];
    let on_field = label_of(text, at)
        .is_some_and(|l| fields.iter().any(|labels| is_one_of(l, labels)));
    // A copy may show the sender's field without its label: a line
    // that names the reporting system's mailbox.
    let has_sender = head[..end].split('\n').any(|line| {
        let line = line.trim_start_matches(['>', ' ', '\t']);
        line.find([':', ' ', '\t'])
            .is_some_and(|e| is_one_of(&line[..e], SENDER_LABELS))
            || names_reporting_mailbox(line)
    });
    on_field && has_sender
}

/// The words on the address's line before it, at most `room` bytes, up
/// to the previous address, lowercase.
fn words_before(text: &str, at: usize, room: usize) -> String {
    let mut start = at.saturating_sub(room);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let start = text[start..at].rfind('\n').map_or(start, |n| start + n + 1);
    // Only the words after an address before it: "from a@x to b@y".
    let before = text[start..at].rsplit('@').next().unwrap_or("");
    before.lowercase()
}

/// True if and only if the address at `at` follows one of
/// [`SENDER_WORDS`] on its line, within a few words.
fn names_the_sender(text: &str, at: usize) -> bool {
    let before = words_before(text, at, 24);
    SENDER_WORDS.iter().any(|w| before.contains(w))
}

/// True if and only if the words just before the address at `at` end
/// with one of `words`: [`INSTRUCTIONS`] (a mailbox the prose asks to
/// write to), [`NEW_ADDRESS`] (a moved recipient's new one).
fn ends_with_one_of(text: &str, at: usize, words: &[&str]) -> bool {
    let before = words_before(text, at, 64);
    let before = before.trim_end_matches(['<', '"', '\'', ':', ' ', '\t']);
    words.iter().any(|w| {
        before.strip_suffix(w).is_some_and(|rest| {
            rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_recipient(text: &str) -> Option<&str> {
        crate::grammar::address::find_addresses(text)
            .into_iter()
            .find(|&(at, a)| !is_not_recipient(text, at, a))
            .map(|(_, a)| a)
    }

    #[test]
    fn skips_the_reporting_system_and_the_sender_lines() {
        let text = "Dari\tMAILER-DAEMON@mx.example.net\n\
                    From: Neko <neko@example.com>\n\
                    Von: tora@example.com\n\
                    <mike@example.org>: host mx.example.org said: 550 No\n";
        assert_eq!(first_recipient(text), Some("mike@example.org"));
    }

    #[test]
    fn skips_the_header_block_a_webmail_copy_begins_with() {
        let text = "Mail delivery failed\nDari\tMAILER-DAEMON@example.net\n\
                    Kepada\tneko@example.com\n\n\
                    Remote Server returned '550 5.1.1 <tora@example.org> \
                    not found'\n\nTo: tora@example.org\n";
        assert_eq!(first_recipient(text), Some("tora@example.org"));
        // Without a sender's field, a first line is no header block.
        let text = "To: tora@example.org\n\n550 5.1.1 not found\n";
        assert_eq!(first_recipient(text), Some("tora@example.org"));
    }

    #[test]
    fn skips_a_mailbox_the_prose_asks_to_write_to() {
        let text = "550 5.7.1 banned sender. To request removal, forward \
                    this message to delist@example.com. Or contact \
                    <help@example.com>; failed: neko@example.org\n";
        assert_eq!(first_recipient(text), Some("neko@example.org"));
    }

    #[test]
    fn skips_the_new_address_of_a_moved_recipient() {
        let text = "550 5.1.6 Recipient address moved; new address is \
                    tora@example.net\n";
        assert_eq!(first_recipient(text), None);
        let text = "<neko@example.org>: 551 5.1.6 User has moved; please \
                    try <tora@example.net>\n";
        assert_eq!(first_recipient(text), Some("neko@example.org"));
    }

    #[test]
    fn skips_an_address_refused_as_the_sender() {
        let text = "553 5.7.1 <sales@example.net>: Sender address rejected: \
                    Your account has been suspended\n";
        assert_eq!(first_recipient(text), None);
        let text = "550 5.1.1 <neko@example.org>: Recipient address \
                    rejected: User unknown\n";
        assert_eq!(first_recipient(text), Some("neko@example.org"));
    }

    #[test]
    fn skips_the_identities_amazon_ses_did_not_verify() {
        let text = "554 Message rejected: Email address is not verified. \
                    The following identities failed the check in region \
                    US-EAST-1: app@example.com, Neko <neko@example.org>\n";
        assert_eq!(first_recipient(text), None);
    }

    #[test]
    fn keeps_a_recipient_after_words_that_only_look_alike() {
        for text in [
            "Delivery to neko@example.org failed\n",
            "Delivery to the following recipient failed: neko@example.org\n",
            "Denied: neko@example.org\n",
            "Your message to neko@example.org couldn't be delivered\n",
        ] {
            assert_eq!(first_recipient(text), Some("neko@example.org"));
        }
    }
}
