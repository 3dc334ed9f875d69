// SPDX-License-Identifier: MIT
//! Whether a blocklist zone in a server's words is a listing or a mere
//! mention.
//!
//! Servers name the zone they found the sender on in a few ways:
//! `blocked using zen.spamhaus.org`, `is listed at bl.spamcop.net`, `is
//! in a black list at dnsbl.sorbs.net`, `found in b.barracudacentral.org`,
//! `rejected because … listed at …`, or a lookup name such as
//! `2.0.2.192.zen.spamhaus.org`. The same zone also stands in words that
//! list nothing: `we use zen.spamhaus.org to protect our users`, `your
//! IP is NOT listed on b.barracudacentral.org`, `(zen.spamhaus.org:
//! clean)`. One rule decides: a zone lists the sender if and only if its
//! clause names a listing before it, no negation stands right before
//! that word, and no word after the zone calls it clean.

use crate::lowercase::Lowercase;

/// Words of a clause that name a listing before the zone. Each is a
/// word's start (`list` covers `listed`, `blacklist`, `RBL list`).
const LISTING_WORDS: &[&str] = &[
    "block",
    "black",
    "list",
    "found in",
    "found on",
    "rbl",
    "reject",
    "refused",
    "denied",
    "spam source",
];

/// Words right before a listing word that turn it around.
const NEGATIONS: &[&str] = &["not", "n't", "never", "no longer", "nor"];

/// Words after a zone, in its clause, that say nothing was found.
const CLEAN: &[&str] = &["clean", "not listed", "no listing", "negative"];

/// How far back a clause is read, in bytes.
const CLAUSE_REACH: usize = 160;

/// How far after a zone a clean verdict is read, in bytes.
const VERDICT_REACH: usize = 40;

/// True if and only if the zone at `start..end` of `text` stands where a
/// server says the sender is listed on it.
pub fn lists_sender(text: &str, start: usize, end: usize) -> bool {
    if says_clean(&after(text, end)) {
        return false;
    }
    if is_lookup_name(&text[..start]) {
        return true;
    }
    let clause = clause_before(text, start);
    match last_listing_word(&clause) {
        Some(at) => !negated(&clause[..at]),
        None => false,
    }
}

/// True if and only if the words around a list's name at `start..end`
/// say the sender is not on it: `is NOT listed on Barracuda`, `not
/// found in ERS`, `SpamCop: clean`. A name needs no listing word before
/// it (`Spamhaus SBL listing` says it all), but a negated one lists
/// nothing either.
pub fn denies_listing(text: &str, start: usize, end: usize) -> bool {
    if says_clean(&after(text, end)) {
        return true;
    }
    let clause = clause_before(text, start);
    match last_listing_word(&clause) {
        Some(at) => negated(&clause[..at]),
        // A name that opens with its own listing word (`listed in
        // SORBS`) is turned around by the words right before it: `is
        // not listed in SORBS`.
        None => {
            let named = collapsed(&text[start..end]);
            LISTING_WORDS.iter().any(|w| named.starts_with(w))
                && negated(&clause)
        }
    }
}

/// The words of the zone's clause before it, lowercased, each run of
/// white space one space: a clause ends at `;`, `(`, `)` or a sentence's
/// full stop.
fn clause_before(text: &str, start: usize) -> String {
    let mut from = start.saturating_sub(CLAUSE_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..start];
    let bytes = window.as_bytes();
    let cut = (0..bytes.len())
        .rev()
        .find(|&i| {
            let next = bytes.get(i + 1).copied();
            matches!(bytes[i], b';' | b'(' | b')' | b'!' | b'?')
                || (bytes[i] == b'.'
                    && next.is_some_and(|n| n.is_ascii_whitespace()))
        })
        .map_or(0, |i| i + 1);
    collapsed(&window[cut..])
}

/// `words` lowercased with each run of white space one space.
fn collapsed(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    for word in words.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.lowercase());
    }
    if words.ends_with(char::is_whitespace) && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// Where the last listing word of `clause` starts, if one does at a
/// word's start (`DNSBL` and `RBL+` count: `rbl` may follow letters).
fn last_listing_word(clause: &str) -> Option<usize> {
    LISTING_WORDS
        .iter()
        .flat_map(|w| {
            clause.match_indices(w).filter_map(move |(at, _)| {
                let before = clause[..at].chars().next_back();
                let starts = before.is_none_or(|c| !c.is_alphanumeric());
                (starts || *w == "rbl" || *w == "list").then_some(at)
            })
        })
        .max()
}

/// True if and only if the last two words of `before` hold a negation:
/// `is NOT listed`, `isn't listed`, `not found in`, `never listed`.
fn negated(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    let near = words.iter().rev().copied().collect::<Vec<_>>().join(" ");
    NEGATIONS.iter().any(|n| {
        near.split(' ').any(|w| w == *n || w.ends_with(n))
            || (n.contains(' ') && near.contains(n))
    })
}

/// The words right after a zone, up to the end of its clause.
fn after(text: &str, end: usize) -> String {
    let mut to = (end + VERDICT_REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let rest = &text[end..to];
    // `listed at a.example, not listed at b.example`: the comma ends
    // what is said of the first zone.
    let clause = rest.split([';', ',', '(', ')', '\n']).next().unwrap_or("");
    collapsed(clause)
}

/// True if and only if the words after a zone say it found nothing.
fn says_clean(after: &str) -> bool {
    CLEAN.iter().any(|c| after.contains(c))
}

/// True if and only if `before` ends with a DNS query's reversed address
/// glued to the zone: `2.0.2.192.` before `zen.spamhaus.org`.
fn is_lookup_name(before: &str) -> bool {
    let Some(rest) = before.strip_suffix('.') else {
        return false;
    };
    let labels: Vec<&str> = rest.rsplit(['.']).take(4).collect();
    labels.len() == 4
        && labels.iter().enumerate().all(|(i, l)| {
            let l = if i == 3 {
                l.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("")
            } else {
                l
            };
            !l.is_empty()
                && l.len() <= 3
                && l.bytes().all(|b| b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::{denies_listing, lists_sender};

    fn lists(text: &str, zone: &str) -> bool {
        let start = text.find(zone).expect("the zone is in the text");
        lists_sender(text, start, start + zone.len())
    }

    #[test]
    fn listing_words_list() {
        let cases = [
            "Client host [192.0.2.7] blocked using zen.spamhaus.org; see",
            "Client host [192.0.2.7] blocked\n    using zen.spamhaus.org",
            "rejected because 192.0.2.7 is in a black list at zen.spamhaus.org",
            "Rejected: 192.0.2.7 listed at zen.spamhaus.org",
            "192.0.2.7 is listed on RBL zen.spamhaus.org",
            "Your IP was found in zen.spamhaus.org",
            "query 7.2.0.192.zen.spamhaus.org returned 127.0.0.2",
        ];
        for text in cases {
            assert!(lists(text, "zen.spamhaus.org"), "{text}");
        }
        let list = "listed at dnsbl.example.net, zen.spamhaus.org";
        assert!(lists(list, "zen.spamhaus.org"));
        let both = "listed at zen.spamhaus.org, not listed at bl.example.net";
        assert!(lists(both, "zen.spamhaus.org"));
        assert!(!lists(both, "bl.example.net"));
    }

    #[test]
    fn negated_names_list_nothing() {
        let denies = |text: &str, name: &str| {
            let start = text.find(name).expect("the name is in the text");
            denies_listing(text, start, start + name.len())
        };
        let note = "Mailbox full. Note: your IP 192.0.2.7 is NOT listed on \
                    b.barracudacentral.org";
        assert!(denies(note, "barracudacentral.org"));
        assert!(denies("192.0.2.7 was not found in ERS", "ERS"));
        assert!(denies("checked Spamhaus: clean", "Spamhaus"));
        assert!(!denies("Blocked - see barracudacentral.org", "barracuda"));
        assert!(!denies("listed in Spamhaus SBL", "Spamhaus SBL"));
        assert!(!denies("This server uses Spamhaus ZEN", "Spamhaus ZEN"));
    }

    #[test]
    fn mentions_do_not_list() {
        let cases = [
            "User unknown. We use zen.spamhaus.org and others",
            "User unknown. We use bl.example.net and zen.spamhaus.org to",
            "Mailbox full. Note: your IP 192.0.2.7 is NOT listed on \
             zen.spamhaus.org",
            "your IP isn't listed in zen.spamhaus.org",
            "rejected as spam; sending IP 192.0.2.7 not listed in any \
             DNSBL (zen.spamhaus.org: clean)",
            "blocked using zen.spamhaus.org: clean",
            "see https://zen.spamhaus.org for more",
        ];
        for text in cases {
            assert!(!lists(text, "zen.spamhaus.org"), "{text}");
        }
    }
}
