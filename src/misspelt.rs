// SPDX-License-Identifier: MIT
//! Recipient domains one slip of the keyboard away from a well-known
//! mailbox domain (`gmial.com`, `yaho.co.id`): the advice for a domain
//! that was not found, and for an address that does not exist or a DNS
//! lookup that failed at a known misspelling, names the well-known one
//! as a possibility, never as a certainty ([`hint_for`]). The well-known
//! domains are data (`data/domains.toml`).

use std::sync::OnceLock;

use crate::knowledge;
use crate::reason::Reason;

/// Misspellings of the biggest providers' domains that people type
/// often, each one slip from the domain it stands for. Their owners
/// (typo catchers, parked names) hold no one's mailbox, so an address
/// there that a server calls unknown, or whose DNS failed, is almost
/// surely the typo; a real domain that merely looks close to a
/// well-known one (`cloud.com` beside `icloud.com`) is not in it.
const KNOWN_MISSPELLINGS: &[&str] = &[
    "gmial.com",
    "gmal.com",
    "gmai.com",
    "gamil.com",
    "gmaill.com",
    "gmali.com",
    "gnail.com",
    "gmail.co",
    "gmail.con",
    "yaho.com",
    "yahooo.com",
    "yhoo.com",
    "yaho.co.id",
    "yahooo.co.id",
    "hotmial.com",
    "hotmal.com",
    "hotmai.com",
    "hotmil.com",
    "outlok.com",
    "outllok.com",
    "otlook.com",
    "ymial.com",
    "ymal.com",
];

/// The well-known domain to name beside `domain`, the recipient domain
/// of a recipient refused for `reason`, if the notice makes a typo
/// likely. For a domain that was not found ([`Reason::HostUnknown`]) any
/// domain one slip from a well-known one qualifies: a name that does not
/// exist is nobody's real domain. For an unknown address or a failed DNS
/// lookup ([`Reason::UserUnknown`], [`Reason::NetworkError`]) the domain
/// may be real and merely look close, so only a known misspelling
/// ([`KNOWN_MISSPELLINGS`]) gets a hint; other reasons get none.
///
/// ```
/// use pantul::misspelt::hint_for;
/// use pantul::reason::Reason;
/// assert_eq!(hint_for("gmial.com", Reason::NetworkError), Some("gmail.com"));
/// assert_eq!(hint_for("cloud.com", Reason::HostUnknown), Some("icloud.com"));
/// assert_eq!(hint_for("cloud.com", Reason::UserUnknown), None);
/// assert_eq!(hint_for("gmial.com", Reason::MailboxFull), None);
/// ```
pub fn hint_for(domain: &str, reason: Reason) -> Option<&'static str> {
    let known = || {
        let lower = domain.trim_end_matches('.').to_ascii_lowercase();
        KNOWN_MISSPELLINGS.contains(&lower.as_str())
    };
    match reason {
        Reason::HostUnknown => similar_popular_domain(domain),
        Reason::UserUnknown | Reason::NetworkError if known() => {
            similar_popular_domain(domain)
        }
        _ => None,
    }
}

/// Shortest first label of a domain that is suggested: below it one
/// slip turns one real domain into another too easily (`live.com`,
/// `life.com`).
const SUGGESTED_LABEL: usize = 5;

/// The well-known domain that `domain` is one slip away from, if any:
/// one letter added, left out or changed, or two neighbouring letters
/// swapped. `None` for a well-known domain itself.
///
/// ```
/// use pantul::misspelt::similar_popular_domain;
/// assert_eq!(similar_popular_domain("gmial.com"), Some("gmail.com"));
/// assert_eq!(similar_popular_domain("yaho.co.id"), Some("yahoo.co.id"));
/// assert_eq!(similar_popular_domain("mail.com"), None);
/// assert_eq!(similar_popular_domain("example.com"), None);
/// ```
pub fn similar_popular_domain(domain: &str) -> Option<&'static str> {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    let popular = &knowledge::get().popular_domains;
    if popular.contains(&domain) {
        return None;
    }
    // One slip changes the length by one character at most: only the
    // domains that pass this count are compared letter by letter (this
    // runs for every recipient of an unknown address or domain).
    let length = char_count(&domain);
    suggested()
        .iter()
        .filter(|(count, _)| count.abs_diff(length) <= 1)
        .map(|&(_, p)| p)
        .find(|p| one_slip(&domain, p))
}

/// The well-known domains that may be suggested (a first label of at
/// least [`SUGGESTED_LABEL`] bytes), in the data's order, each with its
/// number of characters: worked out once, not for every recipient.
fn suggested() -> &'static [(usize, &'static str)] {
    static SUGGESTED: OnceLock<Vec<(usize, &'static str)>> = OnceLock::new();
    SUGGESTED.get_or_init(|| {
        knowledge::get()
            .popular_domains
            .iter()
            .filter(|p| first_label_len(p) >= SUGGESTED_LABEL)
            .map(|p| (char_count(p), p.as_str()))
            .collect()
    })
}

fn first_label_len(domain: &str) -> usize {
    memchr::memchr(b'.', domain.as_bytes()).unwrap_or(domain.len())
}

/// True if and only if `a` and `b` differ by exactly one insertion,
/// deletion, substitution or swap of two neighbouring characters.
fn one_slip(a: &str, b: &str) -> bool {
    // One character is at most 4 bytes.
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    // Domains are ASCII but for the rare internationalised one: their
    // bytes are their characters, compared without a copy.
    if a.is_ascii() && b.is_ascii() {
        return one_slip_in(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) =
        (a.chars().collect(), b.chars().collect());
    one_slip_in(&a, &b)
}

/// [`one_slip`] on the characters of the two texts.
fn one_slip_in<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let lead =
        short.iter().zip(long.iter()).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        // One left out: the rest after it lines up.
        1 => short[lead..] == long[lead + 1..],
        0 if lead == short.len() => false,
        // One changed, or two neighbours swapped.
        0 => {
            short[lead + 1..] == long[lead + 1..]
                || (lead + 1 < short.len()
                    && short[lead] == long[lead + 1]
                    && short[lead + 1] == long[lead]
                    && short[lead + 2..] == long[lead + 2..])
        }
        _ => false,
    }
}

/// The number of characters of `text`: its length when it is ASCII.
fn char_count(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slip_is_one_edit_or_one_swap() {
        assert!(one_slip("gmial.com", "gmail.com"));
        assert!(one_slip("gmai.com", "gmail.com"));
        assert!(one_slip("gmaill.com", "gmail.com"));
        assert!(one_slip("gmail.con", "gmail.com"));
        assert!(one_slip("yaho.co.id", "yahoo.co.id"));
        assert!(!one_slip("gmail.com", "gmail.com"));
        assert!(!one_slip("gamil.co", "gmail.com"));
        assert!(!one_slip("hotmial.co", "hotmail.com"));
        assert!(!one_slip("ab", "ba c"));
    }

    #[test]
    fn suggests_only_long_well_known_domains() {
        assert_eq!(similar_popular_domain("hotmai.com"), Some("hotmail.com"));
        assert_eq!(similar_popular_domain("Outlok.com"), Some("outlook.com"));
        assert_eq!(similar_popular_domain("gmail.co"), Some("gmail.com"));
        // Real ones and near the short ones: no hint.
        assert_eq!(similar_popular_domain("ymail.com"), None);
        assert_eq!(similar_popular_domain("life.com"), None);
        assert_eq!(similar_popular_domain("gmx.co"), None);
        assert_eq!(similar_popular_domain("example.co.id"), None);
    }

    #[test]
    fn every_known_misspelling_names_its_domain() {
        for typo in KNOWN_MISSPELLINGS {
            let named = similar_popular_domain(typo);
            assert!(named.is_some(), "{typo} is one slip from none");
            assert_eq!(hint_for(typo, Reason::UserUnknown), named);
        }
        assert_eq!(
            hint_for("gamil.com", Reason::UserUnknown),
            Some("gmail.com")
        );
        assert_eq!(
            hint_for("yahooo.com", Reason::NetworkError),
            Some("yahoo.com")
        );
        assert_eq!(
            hint_for("outlok.com", Reason::HostUnknown),
            Some("outlook.com")
        );
        // The real neighbours of a well-known domain, asked for an
        // unknown address: the domain answered, so no hint.
        assert_eq!(hint_for("gmx.com", Reason::UserUnknown), None);
        assert_eq!(hint_for("ymail.com", Reason::HostUnknown), None);
        assert_eq!(hint_for("hotmail.co.uk", Reason::HostUnknown), None);
    }
}
