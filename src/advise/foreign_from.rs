// SPDX-License-Identifier: MIT
//! An email refused for authentication whose From address is at a big
//! mailbox provider's domain (`data/domains.toml`): a website form that
//! puts the visitor's `@gmail.com` address in From and sends it from the
//! user's own server. The domain is not the user's, so advice to fix
//! "your domain's" SPF, DKIM or DMARC records does not fit; the fix is
//! an address of the user's own domain in From.
//!
//! ```text
//! 550 5.7.1 Unauthenticated email from gmail.com is not accepted due
//!   to domain's DMARC policy                  -> gmail.com
//! From: pengunjung@yahoo.com, "DMARC policy"  -> yahoo.com
//! From: info@toko.example, "DMARC policy"     -> none
//! rejected by the server for the recipient domain gmail.com …
//!   SPF [toko.example] … = did not pass       -> none
//! ```
//!
//! The server's words count only where they name the domain as the
//! sender's ([`SENDER_BEFORE`], [`SENDER_AFTER`]): Gmail's older notice
//! names the recipient's domain beside SPF and DKIM, and that domain
//! says nothing of the From address.

use crate::grammar::address::find_address;
use crate::knowledge;
use crate::reason::Reason;
use crate::report::Recipient;

/// The advice subject for such a recipient (a notice subject of
/// `schema::advice`, advice in `data/advice/foreign-from.toml`).
pub const SUBJECT: &str = "dmarc-mailbox-domain";

/// Words that say the refusal is about authentication of the sender's
/// domain, before a mailbox domain the server names is taken for the
/// From address's.
const AUTH_WORDS: &[&str] =
    &["dmarc", "spf", "dkim", "unauthenticated", "authenticate"];

/// Words just before a domain (lowercase, white space folded) that
/// name it as the sender's: "email from gmail.com", "header.from=".
const SENDER_BEFORE: &[&str] = &[
    "from",
    "from domain",
    "sender domain",
    "sending domain",
    "sender's domain",
    "header.from=",
    "dari",
    "dari domain",
];

/// The bytes before a domain looked at for [`SENDER_BEFORE`].
const BEFORE_REACH: usize = 24;

/// Words just after a domain (lowercase) that name it as the one whose
/// DMARC policy refused: "yahoo.com's DMARC policy".
const SENDER_AFTER: &[&str] =
    &["'s dmarc", "\u{2019}s dmarc", " dmarc", " has a dmarc"];

/// The big mailbox provider's domain that the refused email's From
/// address is at: the original From's domain when the notice gives it,
/// else one the server's words name. None for a recipient not refused
/// for authentication, or whose From is at another domain.
pub fn mailbox_domain(from: Option<&str>, r: &Recipient) -> Option<String> {
    if r.reason != Reason::AuthFailure {
        return None;
    }
    match from.and_then(from_domain) {
        Some(domain) => is_mailbox_domain(&domain).then_some(domain),
        None => named_in(r.diagnostic.as_deref()?),
    }
}

/// The domain of a From header's address, lowercased.
pub fn from_domain(from: &str) -> Option<String> {
    let address = find_address(from)?;
    let (_, domain) = address.rsplit_once('@')?;
    Some(domain.to_ascii_lowercase())
}

/// A big mailbox provider's domain that authentication words name on
/// their own as the sender's ("from gmail.com", "gmail.com's DMARC
/// policy"), not as the end of an address or a host name
/// (`<a@gmail.com>`, `mx.yahoo.com`) nor as the recipient's ("the
/// server for the recipient domain gmail.com").
pub fn named_in(words: &str) -> Option<String> {
    let lower = words.to_ascii_lowercase();
    if !AUTH_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let popular = &knowledge::get().popular_domains;
    popular
        .iter()
        .map(|d| d.to_ascii_lowercase())
        .find(|d| names_sender(&lower, d))
}

fn is_mailbox_domain(domain: &str) -> bool {
    let popular = &knowledge::get().popular_domains;
    popular.iter().any(|p| p.eq_ignore_ascii_case(domain))
}

/// True if and only if `domain` occurs in `text` as a whole name
/// ([`stands_alone`]) where the words around it name it as the sender's.
fn names_sender(text: &str, domain: &str) -> bool {
    text.match_indices(domain).any(|(at, _)| {
        let mut start = at.saturating_sub(BEFORE_REACH);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let before: Vec<&str> = text[start..at].split_whitespace().collect();
        let before = before.join(" ");
        let after = &text[at + domain.len()..];
        stands_alone(text, at, domain)
            && (SENDER_BEFORE.iter().any(|w| ends_with_words(&before, w))
                || SENDER_AFTER.iter().any(|w| after.starts_with(w)))
    })
}

/// True if and only if `words` ends with the whole words `tail`
/// (`header.from=` ends a word of its own).
fn ends_with_words(words: &str, tail: &str) -> bool {
    words.strip_suffix(tail).is_some_and(|head| {
        head.is_empty() || head.ends_with(' ') || tail.ends_with('=')
    })
}

/// True if and only if `domain`, at `at` in `text`, is a whole name: no
/// letter, digit, `@`, `.` or `-` just before it, and no label going on
/// after it (`gmail.com.example.net`).
fn stands_alone(text: &str, at: usize, domain: &str) -> bool {
    let before = text[..at].chars().next_back();
    let after = &text[at + domain.len()..];
    let joined_before = before.is_some_and(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-')
    });
    let mut next = after.chars();
    let joined_after = match next.next() {
        Some('.') => next.next().is_some_and(|c| c.is_ascii_alphanumeric()),
        Some(c) => c.is_ascii_alphanumeric() || c == '-',
        None => false,
    };
    !joined_before && !joined_after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailbox_domain_named_on_its_own_is_found() {
        let words = "550 5.7.1 Unauthenticated email from gmail.com is not \
                     accepted due to domain's DMARC policy.";
        assert_eq!(named_in(words).as_deref(), Some("gmail.com"));
        let words = "554 5.7.1 rejected due to yahoo.com's DMARC policy";
        assert_eq!(named_in(words).as_deref(), Some("yahoo.com"));
    }

    #[test]
    fn an_address_or_host_is_not_the_from_domain() {
        let words = "550 5.7.26 <b@gmail.com>: DMARC policy of example.org";
        assert_eq!(named_in(words), None);
        let words = "550 DMARC fail, see https://postmaster.yahoo.com/x";
        assert_eq!(named_in(words), None);
        let words = "550 DMARC fail for gmail.com.example.net";
        assert_eq!(named_in(words), None);
    }

    #[test]
    fn the_recipient_domain_is_not_the_from_domain() {
        let words = "Google tried to deliver your message, but it was \
                     rejected by the server for the recipient domain \
                     gmail.com by gmail-smtp-in.l.google.com. 550-5.7.26 \
                     Gmail requires all senders to authenticate with \
                     either SPF or DKIM. SPF [toko.example] = did not pass";
        assert_eq!(named_in(words), None);
        let words = "550 5.7.1 gmail.com: sender's SPF did not pass";
        assert_eq!(named_in(words), None);
    }

    #[test]
    fn sender_words_around_the_domain_name_it() {
        let words = "550 5.7.509 Access denied, DMARC did not pass; \
                     header.from=yahoo.com";
        assert_eq!(named_in(words).as_deref(), Some("yahoo.com"));
        let words = "550 5.7.1 sender domain hotmail.com has a DMARC policy \
                     of reject";
        assert_eq!(named_in(words).as_deref(), Some("hotmail.com"));
        let words = "550 ditolak: email dari gmail.com gagal DMARC";
        assert_eq!(named_in(words).as_deref(), Some("gmail.com"));
    }

    #[test]
    fn words_not_about_authentication_name_no_from_domain() {
        assert_eq!(named_in("550 mailbox unavailable (hotmail.com)"), None);
    }

    #[test]
    fn the_from_header_gives_its_domain() {
        let from = "Pengunjung <Pengunjung@GMAIL.com>";
        assert_eq!(from_domain(from).as_deref(), Some("gmail.com"));
    }
}
