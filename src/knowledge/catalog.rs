// SPDX-License-Identifier: MIT
//! Recognising blocklists, reputation services and provider policies in
//! a server's words, and building their links.
//!
//! One Aho-Corasick automaton holds every zone, phrase, code and DNS
//! answer of the catalog. A match counts only where it stands as a word
//! of its kind: a zone as a whole host name, a code as a whole token in
//! its own case, an answer as a whole address. Codes with a `?` (one digit) are compared
//! with the text's tokens instead. Then:
//!
//! - an entry that `refines` a named one replaces it (SBL for ZEN, a
//!   lookup error for the zone it happened on), and answers such as
//!   `127.0.0.4` count only next to the zone they belong to;
//! - a provider code that names third-party lists adds those lists;
//! - lists come first, provider policies last, so that a report's
//!   `blocklist` is the list to fix and its `policy` the provider that
//!   applied it.

use std::net::IpAddr;
use std::sync::OnceLock;

use super::automaton::Automaton;
use super::schema::catalog::{Entry, EntryKind, EntryStatus, ListedKind};
use crate::mta::layout::find_ignore_case;

/// A catalog entry named by a server's words.
#[derive(Clone, Debug)]
pub struct Listing {
    /// The entry.
    pub entry: &'static Entry,
    /// The words that named it (for a cited list, the citing code).
    pub matched: String,
    /// The listed IP or domain, checked, if the words give one.
    pub listed: Option<String>,
    /// True if and only if the words hold a masked IP (`xx.xx.xx.xx`).
    pub masked: bool,
    /// True if and only if, where the words give no IP a list could
    /// name, they name a private one (`Client host [10.0.0.5]`).
    pub private_ip: bool,
    /// The id of the provider policy whose code named this list, if one
    /// did.
    pub cited_by: Option<&'static str>,
}

/// How a pattern must stand in the text to count.
use super::schema::catalog::Place as Kind;

struct Matcher {
    automaton: Option<Automaton>,
    /// The patterns, in automaton order.
    patterns: Vec<&'static str>,
    /// For each pattern: the entry index and how it must stand.
    owners: Vec<(usize, Kind)>,
    /// Codes with `?` digit wildcards: entry index, kind, pattern.
    wildcards: Vec<(usize, Kind, &'static str)>,
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let mut patterns: Vec<&'static str> = Vec::new();
        let mut owners = Vec::new();
        let mut wildcards = Vec::new();
        for (n, entry) in super::get().entry.iter().enumerate() {
            for (kind, p) in entry.automaton_words() {
                if kind.is_wildcard(p) {
                    wildcards.push((n, kind, p));
                } else {
                    patterns.push(p);
                    owners.push((n, kind));
                }
            }
        }
        let automaton = super::prebuilt::catalog(&patterns);
        Matcher { automaton, patterns, owners, wildcards }
    })
}

/// The patterns of the catalog's automaton, in order.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn automaton_patterns() -> &'static [&'static str] {
    &matcher().patterns
}

/// One pattern found where it may stand.
#[derive(Clone, Copy, Debug)]
struct Hit {
    entry: usize,
    kind: Kind,
    start: usize,
    end: usize,
}

/// Every entry `text` names, each once: lists and services first, then
/// provider policies, each group in the order the text names them.
/// Words too plain to name a provider alone (`host_bound`) count only
/// next to one of its marks, as the text comes from no known host.
pub fn recognize(text: &str) -> Vec<Listing> {
    recognize_from(text, &[])
}

/// [`recognize`] for words that `hosts` gave (the server that replied,
/// the one that wrote the notice): a provider's plain words count when
/// one of them is under the provider's hosts.
pub fn recognize_from(text: &str, hosts: &[&str]) -> Vec<Listing> {
    let mut hits = hits(text);
    hits.retain(|h| from_its_hosts(h, text, hosts));
    let entries = &super::get().entry;
    let named =
        |n: usize| hits.iter().any(|h| h.entry == n && h.kind != Kind::Answer);
    // (entry, first position, matched words, cited by)
    let mut found: Vec<(usize, usize, String, Option<usize>)> = Vec::new();
    let mut push = |n: usize, at: usize, words: &str, by: Option<usize>| {
        if !found.iter().any(|f| f.0 == n) {
            found.push((n, at, words.to_string(), by));
        }
    };
    for h in &hits {
        let words = &text[h.start..h.end];
        let entry = &entries[h.entry];
        if h.kind == Kind::Answer {
            let near =
                entry.refines.iter().any(|id| position(id).is_some_and(&named));
            if near {
                push(h.entry, h.start, words, None);
            }
            continue;
        }
        push(h.entry, h.start, words, None);
        let cited: Vec<&String> = match h.kind {
            Kind::CodeCites(c) => entry.code_cites[c].cites.iter().collect(),
            _ => entry.cites.iter().collect(),
        };
        for id in cited {
            if let Some(p) = position(id) {
                push(p, h.start, words, Some(h.entry));
            }
        }
    }
    let named_list = found.iter().any(|f| !is_policy(&entries[f.0]));
    if !named_list {
        if let Some((at, zone)) = unknown_zone(text) {
            if let Some(n) = entries.iter().position(|e| e.fallback) {
                found.push((n, at, zone.to_ascii_lowercase(), None));
            }
        }
    }
    let refined: Vec<usize> = found
        .iter()
        .flat_map(|f| entries[f.0].refines.iter().filter_map(|id| position(id)))
        .collect();
    found.retain(|f| !refined.contains(&f.0));
    // The rank above any offset a text can have.
    crate::order::sort_by_number(&mut found, |f| {
        (u64::from(rank(&entries[f.0])) << 56) | f.1 as u64
    });
    let masked = has_masked_ip(text);
    let private_ip = OnceLock::new();
    found
        .into_iter()
        .map(|(n, _, matched, by)| {
            let listed = listed_value(&entries[n], text);
            let ip_kind = matches!(
                entries[n].listed,
                ListedKind::Ip | ListedKind::Network
            );
            let private = listed.is_none()
                && ip_kind
                && *private_ip.get_or_init(|| names_private_ip(text));
            Listing {
                entry: &entries[n],
                listed,
                matched,
                masked,
                private_ip: private,
                cited_by: by.map(|b| entries[b].id.as_str()),
            }
        })
        .collect()
}

/// False if and only if `hit` is a provider's plain words (`host_bound`)
/// and neither one of `hosts` is under the provider's hosts, at a label
/// boundary (`mx.mail.ru`, not `mx.mail.ru.example`), nor `text` holds
/// one of the provider's marks as a token.
fn from_its_hosts(hit: &Hit, text: &str, hosts: &[&str]) -> bool {
    if !matches!(hit.kind, Kind::Phrase | Kind::Code) {
        return true;
    }
    let knowledge = super::get();
    let entry = &knowledge.entry[hit.entry];
    let words = &text[hit.start..hit.end];
    let Some(bound) = knowledge.host_bound.iter().find(|b| {
        b.entry == entry.id
            && b.words.iter().any(|w| w.eq_ignore_ascii_case(words))
    }) else {
        return true;
    };
    let owned = hosts.iter().any(|h| {
        let h = h.trim().trim_end_matches('.');
        entry.hosts.iter().any(|d| super::codes::is_under(h, d))
    });
    owned
        || tokens(text)
            .any(|(_, t)| bound.marks.iter().any(|m| m.eq_ignore_ascii_case(t)))
}

fn is_policy(entry: &Entry) -> bool {
    entry.kind.is_policy()
}

/// Words after which a blocklist's DNS zone follows.
const ZONE_AFTER: &[&str] = &[
    "blocked using ",
    "is in a black list at ",
    "listed at ",
    "listed by ",
    "listed in ",
    "listed on ",
];

/// The words that open most of [`ZONE_AFTER`].
const LISTED: &str = "listed ";

/// A DNS zone the words name as a blocklist, with its position, for
/// text no catalog list matched:
/// `Client host [192.0.2.1] blocked using rbl.example.net; …`.
fn unknown_zone(text: &str) -> Option<(usize, &str)> {
    // Each marker's places, as `match_indices` gives them in the text
    // lowercased, found in place.
    let after = |m: &'static str| {
        let mut from = 0;
        std::iter::from_fn(move || {
            let at = from + find_ignore_case(&text[from..], m)? + m.len();
            from = at;
            Some(at)
        })
    };
    // Four markers go on from "listed ": a text without it (most) is
    // searched for two markers, not six.
    let listed = find_ignore_case(text, LISTED).is_some();
    ZONE_AFTER
        .iter()
        .filter(|m| listed || !m.starts_with(LISTED))
        .flat_map(|m| after(m))
        .filter_map(|at| {
            let rest = around(text, at, at + WORD_REACH);
            let word = rest.split(|c: char| c.is_whitespace()).next()?;
            let word = word.trim_end_matches([';', ',', '.', ')', ':', ']']);
            let zone = checked_domain(word)?;
            let listing =
                super::mention::lists_sender(text, at, at + word.len());
            (zone.matches('.').count() >= 2 && listing).then_some((at, word))
        })
        .min_by_key(|(at, _)| *at)
}

/// Lookup errors first (they change the whole story), then lists and
/// services, then shut-down lists (alone they change the story too;
/// beside live lists those need delisting: "listed at
/// b.barracudacentral.org, dnsbl.sorbs.net"), then provider policies
/// and the sender's own host's limits.
fn rank(entry: &Entry) -> u8 {
    match (entry.status, entry.kind) {
        (EntryStatus::ReceiverError, _) => 0,
        (_, EntryKind::ProviderPolicy | EntryKind::HostingLimit) => 3,
        (EntryStatus::Defunct, _) => 2,
        _ => 1,
    }
}

/// The index of the entry `id`.
fn position(id: &str) -> Option<usize> {
    super::get().entry.iter().position(|e| e.id == id)
}

/// Every pattern of the catalog that stands in `text` as its kind must,
/// in text order.
fn hits(text: &str) -> Vec<Hit> {
    let m = matcher();
    let mut hits = Vec::new();
    if let Some(automaton) = &m.automaton {
        for found in automaton.overlapping(text) {
            let (entry, kind) = m.owners[found.pattern];
            let (start, end) = (found.start, found.end);
            let pattern = m.patterns[found.pattern];
            if !case_fits(kind, pattern, &text[start..end]) {
                continue;
            }
            // One rule for mentions: a zone lists only where the words
            // say so, and no name lists where they deny it.
            let listing = match kind {
                Kind::Zone => super::mention::lists_sender(text, start, end),
                Kind::Phrase => {
                    !super::mention::denies_listing(text, start, end)
                }
                _ => true,
            };
            if listing
                && stands(text, kind, start, end)
                && names_its_host(
                    text,
                    &super::get().entry[entry],
                    kind,
                    pattern,
                    (start, end),
                )
            {
                hits.push(Hit { entry, kind, start, end });
            }
        }
    }
    if !m.wildcards.is_empty() {
        for (start, token) in tokens(text) {
            for &(entry, kind, pattern) in &m.wildcards {
                if glob_matches(pattern, token) {
                    let end = start + token.len();
                    hits.push(Hit { entry, kind, start, end });
                }
            }
        }
    }
    crate::order::sort_by_number(&mut hits, |h| h.start as u64);
    without_cut_names(hits)
}

/// `hits` without a phrase whose last word is the start of a longer name
/// of another entry: in `found in ERS-RBL`, Trend Micro's generic `found
/// in ERS` stops inside `ERS-RBL`, the list the text names. `hits` is in
/// text order, so only the hits starting inside a phrase are looked at.
fn without_cut_names(hits: Vec<Hit>) -> Vec<Hit> {
    let cut = |i: usize| {
        let h = &hits[i];
        h.kind == Kind::Phrase
            && hits[i + 1..].iter().take_while(|g| g.start < h.end).any(|g| {
                g.entry != h.entry && g.start > h.start && g.end > h.end
            })
    };
    let keep: Vec<bool> = (0..hits.len()).map(|i| !cut(i)).collect();
    hits.into_iter().zip(keep).filter_map(|(h, k)| k.then_some(h)).collect()
}

/// True if and only if `words` may count for `pattern` as to case.
/// Codes keep their case (`BL23` is a code, `…/550-bl23.html` a link),
/// except structured ones with `_`, `#` or `:`, which some servers print
/// in lower case (`ofr_506`).
fn case_fits(kind: Kind, pattern: &str, words: &str) -> bool {
    let code = matches!(kind, Kind::Code | Kind::CodeCites(_));
    !code || words == pattern || pattern.contains(['_', '#', ':'])
}

/// True if and only if the match at `start..end` stands as its kind
/// must.
fn stands(text: &str, kind: Kind, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let before = start.checked_sub(1).map(|i| b[i]);
    let after = b.get(end).copied();
    let next = b.get(end + 1).copied();
    let word = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let sentence_dot = |c: Option<u8>, n: Option<u8>| {
        c == Some(b'.') && !word(n) && n != Some(b'-')
    };
    match kind {
        Kind::Phrase => true,
        // `2.0.2.192.zen.spamhaus.org` and `key.zen.dq.spamhaus.net` are
        // fine; `xbl.spamhaus.org` is not `bl.spamhaus.org`.
        Kind::Zone => {
            !word(before)
                && before != Some(b'-')
                && (!(word(after) || matches!(after, Some(b'-' | b'.')))
                    || sentence_dot(after, next))
        }
        Kind::Code | Kind::CodeCites(_) => {
            !word(before)
                && before != Some(b'_')
                && !word(after)
                && after != Some(b'_')
        }
        Kind::Answer => {
            !word(before)
                && before != Some(b'.')
                && (!(word(after) || after == Some(b'.'))
                    || sentence_dot(after, next))
        }
    }
}

/// True if and only if a zone, a phrase that opens with a host name
/// (`barracudacentral.org`, `spamhaus.org/pbl`) or words glued to one
/// (`blocked using Spamhaus.org`), found at `start..end`, names a host
/// of the entry: one rule for every list. The host name ends at a label
/// boundary (`b.barracudacentral.org.evil.example` is another host), is
/// not the user part before an `@` (`https://www.barracudacentral.org@
/// evil.example/` goes to `evil.example`), and inside a link stands in
/// its host, not in its path or query (`https://evil.example/?u=…`);
/// words glued to a host name count only if it is under one of the
/// entry's own sites. Other patterns always count.
fn names_its_host(
    text: &str,
    entry: &Entry,
    kind: Kind,
    pattern: &str,
    (start, end): (usize, usize),
) -> bool {
    if !matches!(kind, Kind::Zone | Kind::Phrase) {
        return true;
    }
    let b = text.as_bytes();
    let host = pattern.split('/').next().unwrap_or(pattern);
    if !host.contains(' ') && checked_domain(host).is_some() {
        return host_stands(text, start, start + host.len());
    }
    let part = |i: usize| {
        b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
    };
    let glued_before = start >= 2 && b[start - 1] == b'.' && part(start - 2);
    let glued_after = b.get(end) == Some(&b'.') && part(end + 1);
    let own = |from: usize, to: usize| {
        let mut from = from;
        while from > 0 && (part(from - 1) || b[from - 1] == b'.') {
            from -= 1;
        }
        let mut to = to;
        while part(to) || (b.get(to) == Some(&b'.') && part(to + 1)) {
            to += 1;
        }
        let Some(name) = checked_domain(&text[from..to]) else {
            return false;
        };
        let labels: Vec<&str> = name.split('.').collect();
        let site = labels[labels.len() - 2..].join(".");
        own_domains(entry).contains(&site) && host_stands(text, from, to)
    };
    let first_word_end = text[start..end].find(' ').map_or(end, |n| start + n);
    let last_word_start =
        text[start..end].rfind(' ').map_or(start, |n| start + n + 1);
    (!glued_before || own(start, first_word_end))
        && (!glued_after || own(last_word_start, end))
}

/// True if and only if the host name at `start..end` stands whole: no
/// label goes on before or after it, no `@` follows it (nor the rest of
/// a link's authority, `host:secret@evil.example`), and no `/`, `?` or
/// `#` of a link comes before it.
fn host_stands(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let label = |c: Option<&u8>| {
        c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
    };
    let ends_there = match b.get(end) {
        Some(b'.') => !label(b.get(end + 1)),
        Some(b'@') => false,
        c => !label(c),
    };
    if label(start.checked_sub(1).and_then(|i| b.get(i))) || !ends_there {
        return false;
    }
    let head = &text[..start];
    // Past the character that ends the token before, which may be a
    // wide one (a no-break space is two bytes).
    let token_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || "<>\"'()[]".contains(c))
        .map_or(0, |(n, c)| n + c.len_utf8());
    let token = &head[token_start..];
    let before_host = token.split_once("://").map_or(token, |(_, rest)| rest);
    let tail = &text[end..];
    let authority = tail
        .find(|c: char| c.is_whitespace() || "/?#<>\"'()[]".contains(c))
        .map_or(tail, |n| &tail[..n]);
    !before_host.contains(['/', '?', '#']) && !authority.contains('@')
}

/// The text's tokens (letters, digits, `_`, `-`, `#`) with their start.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    tokens_by(text, |b| {
        b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'#')
    })
}

/// True if and only if `token` matches `pattern`, where each `?` stands
/// for one ASCII digit and other characters match in any case.
fn glob_matches(pattern: &str, token: &str) -> bool {
    pattern.len() == token.len()
        && pattern.bytes().zip(token.bytes()).all(|(p, t)| match p {
            b'?' => t.is_ascii_digit(),
            _ => p.eq_ignore_ascii_case(&t),
        })
}

/// The listed IP or domain the text gives for `entry`, checked.
fn listed_value(entry: &Entry, text: &str) -> Option<String> {
    match entry.listed {
        ListedKind::Ip | ListedKind::Network => {
            listed_ip(text, &own_domains(entry))
        }
        ListedKind::Domain => find_listed_domain(text, entry),
        ListedKind::None => None,
    }
}

/// Words just before an IP address that name it as the sender's:
/// `Client host [192.0.2.1]`, `Messages from 192.0.2.1`, `?ip=192.0.2.1`.
const SENDER_BEFORE: &[&str] = &[
    "client host",
    "client",
    "messages from",
    "mail from",
    "mail from ip",
    "from ip",
    "from",
    "sending ip",
    "sender ip",
    "ip pengirim",
    "ip server pengirim",
    "ip address",
    "ip",
    "ip=",
    "ip_address=",
    "ipaddr=",
    "ipr=",
    "query=",
    "q=",
    "query/ip/",
    "bl.shtml?",
];

/// Words just before an IP address that make it someone else's: the
/// receiving server (`Connected to 192.0.2.1`) or the receiver's own
/// resolver in a lookup-error answer.
const NOT_THE_SENDER: &[&str] = &[
    "returnc/pub/",
    "returnc/vol/",
    "dns ip:",
    "connected to",
    "remote host",
    "remote server",
];

/// Words just after an IP address that make it the receiving server's:
/// `host mx.example.org[192.0.2.1] said:`, qmail's `192.0.2.1 does not
/// like recipient`.
const SERVER_AFTER: &[&str] =
    &["said", "does not like", "but sender", "refused to talk", "failed after"];

/// Words just after an IP address that say it is the one listed:
/// `Rejected: 192.0.2.5 listed at zen.spamhaus.org`.
const LISTED_AFTER: &[&str] = &[
    "listed at",
    "listed in",
    "listed on",
    "listed by",
    "is listed",
    "was listed",
    "has been listed",
    "is blacklisted",
    "is blocklisted",
    "terdaftar di",
    "terdaftar dalam",
    "tercantum di",
    "masuk daftar hitam",
    "masuk dalam daftar hitam",
    "masuk blacklist",
    "terkena blacklist",
    "terblacklist",
];

/// The IP address the words name as the listed sender, checked: the
/// first one they say is listed (`192.0.2.5 listed at …`), else the
/// first they introduce as the sender's (`Client host [ip]`, `Messages
/// from ip`, `?ip=`), else the first that is not the receiving server's
/// or a DNS answer (`127.x`), private, link-local or the receiver's own
/// resolver.
///
/// ```
/// use pantul::knowledge::catalog::find_listed_ip;
/// let t = "Connected to 198.51.100.7 but sender was rejected. 554 5.7.1 \
///          Service unavailable; Client host [192.0.2.7] blocked using \
///          zen.spamhaus.org (127.0.0.4)";
/// assert_eq!(find_listed_ip(t).as_deref(), Some("192.0.2.7"));
/// ```
pub fn find_listed_ip(text: &str) -> Option<String> {
    listed_ip(text, &[])
}

/// The listed IP as [`find_listed_ip`] finds it, where an address inside
/// a link counts only when the link's site is one of `own` (the list's
/// own domains, see [`own_domains`]): anyone can write a link, and one
/// to another site (`http://delist.example/?ip=192.0.2.1`) names
/// nothing the list holds.
fn listed_ip(text: &str, own: &[String]) -> Option<String> {
    let (mut sender, mut fallback) = (None, None);
    let mut lowered = None;
    for (at, word) in ip_candidates(text) {
        // Lowercased only for a text with a candidate (most have none).
        let lower: &str =
            lowered.get_or_insert_with(|| text.to_ascii_lowercase());
        let end = at + word.len();
        if link_site(lower, at).is_some_and(|site| !own.contains(&site)) {
            continue;
        }
        let before = around(lower, at.saturating_sub(WORD_REACH), at)
            .trim_end_matches([' ', '[', '(', '<', '"']);
        let after = around(lower, end, end + WORD_REACH)
            .trim_start_matches([' ', ']', ')', '>', '"']);
        if NOT_THE_SENDER.iter().any(|n| ends_with_word(before, n))
            || SERVER_AFTER.iter().any(|n| after.starts_with(n))
            || after_host_name(before)
        {
            continue;
        }
        let Some(ip) = checked_ip(word) else { continue };
        if LISTED_AFTER.iter().any(|n| after.starts_with(n)) {
            return Some(ip);
        }
        if SENDER_BEFORE.iter().any(|n| ends_with_word(before, n)) {
            sender = sender.or(Some(ip));
        } else {
            fallback = fallback.or(Some(ip));
        }
    }
    sender.or(fallback)
}

/// The site (the last two labels of the host name) of the link in which
/// the word at `at` of `lower` stands, `""` for a link whose host is not
/// a name (`query/ip/192.0.2.1` alone, `http://192.0.2.1/`); `None`
/// outside a link.
///
/// ```text
/// http://delist.example/?ip=192.0.2.1   -> "delist.example"
/// ```
fn link_site(lower: &str, at: usize) -> Option<String> {
    let head = &lower[..at];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || "<>\"'()[]".contains(c))
        .map_or(0, |(n, c)| n + c.len_utf8());
    let token = &head[start..];
    let (scheme, rest) = match token.split_once("://") {
        Some((_, rest)) => (true, rest),
        None => (false, token),
    };
    let cut = rest.find(['/', '?', '#']);
    if !scheme && cut.is_none() {
        return None;
    }
    let host = &rest[..cut.unwrap_or(rest.len())];
    let host = host.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || checked_domain(host).is_none() {
        return Some(String::new());
    }
    Some(labels[labels.len() - 2..].join("."))
}

/// The sites of a list's own links and of the names it is known by
/// (`spamhaus.org`, `proofpoint.com`): a link to one of them may name
/// the listed IP.
fn own_domains(entry: &Entry) -> Vec<String> {
    let urls = [&entry.lookup, &entry.delist, &entry.doc];
    let named = urls.into_iter().flatten().chain(&entry.phrases);
    let mut own: Vec<String> = named
        .chain(&entry.zones)
        .filter_map(|u| {
            let lower = u.to_ascii_lowercase();
            let host = lower.split_once("://").map_or(&lower[..], |(_, r)| r);
            let host = host.split(['/', '?', ' ']).next().unwrap_or("");
            let labels: Vec<&str> = host.split('.').collect();
            (labels.len() >= 2 && checked_domain(host).is_some())
                .then(|| labels[labels.len() - 2..].join("."))
        })
        .collect();
    own.dedup();
    own
}

/// True if and only if the words name, where a listed sender's IP
/// stands, an address no public list holds: private (RFC 1918), shared
/// (RFC 6598), link-local or unique-local; not a DNS answer (`127.x`),
/// the receiving server's address nor the receiver's own resolver.
fn names_private_ip(text: &str) -> bool {
    let mut lowered = None;
    ip_candidates(text).any(|(at, word)| {
        let lower: &str =
            lowered.get_or_insert_with(|| text.to_ascii_lowercase());
        let end = at + word.len();
        let before = around(lower, at.saturating_sub(WORD_REACH), at)
            .trim_end_matches([' ', '[', '(', '<', '"']);
        let after = around(lower, end, end + WORD_REACH)
            .trim_start_matches([' ', ']', ')', '>', '"']);
        let servers = NOT_THE_SENDER.iter().any(|n| ends_with_word(before, n))
            || SERVER_AFTER.iter().any(|n| after.starts_with(n))
            || after_host_name(before);
        !servers && is_private_ip(word)
    })
}

/// True if and only if `value` is an IP address of a private network
/// (not loopback, multicast or unspecified): one no public list holds.
fn is_private_ip(value: &str) -> bool {
    match value.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => {
            let o = v4.octets();
            v4.is_private()
                || v4.is_link_local()
                || (o[0] == 100 && (64..128).contains(&o[1]))
        }
        Ok(IpAddr::V6(v6)) => {
            let first = v6.segments()[0];
            (first & 0xffc0) == 0xfe80 || (first & 0xfe00) == 0xfc00
        }
        Err(_) => false,
    }
}

/// True if and only if `text` ends with `word`, and `word` does not end
/// a longer word (`ip` in `skip`).
fn ends_with_word(text: &str, word: &str) -> bool {
    text.strip_suffix(word).is_some_and(|head| {
        !head.ends_with(|c: char| c.is_ascii_alphanumeric())
    })
}

/// True if and only if `before` ends with `host name.example[` as in
/// Postfix's `host mx.example.org[192.0.2.1]` or `connect to
/// mx.example.org[192.0.2.1]`: the receiving server, not the sender.
fn after_host_name(before: &str) -> bool {
    let mut words = before.rsplit(char::is_whitespace);
    let name = words.next().unwrap_or("");
    let verb = words.next().unwrap_or("");
    checked_domain(name).is_some() && matches!(verb, "host" | "to")
}

/// Words of the text that could be IP addresses, with their start; a
/// word glued to a letter, a digit of another script, `%` (an IPv6 zone)
/// or `_` is left out.
fn ip_candidates(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_part = |b: u8| b.is_ascii_hexdigit() || b == b'.' || b == b':';
    let glued = |c: Option<char>| {
        c.is_some_and(|c| {
            c.is_alphanumeric() || matches!(c, '%' | '_' | '-' | '\\')
        })
    };
    // An address has three dots or two colons: most words of hex
    // digits (`a`, `deface`, `2024`) are passed by before the rest.
    let may_be_ip = |word: &str| {
        let (mut dots, mut colons) = (0, 0);
        for b in word.bytes() {
            dots += usize::from(b == b'.');
            colons += usize::from(b == b':');
        }
        word.len() >= 3 && (dots >= 3 || colons >= 2)
    };
    tokens_by(text, is_part).filter_map(move |(at, word)| {
        if !may_be_ip(word) {
            return None;
        }
        // `::ffff:192.0.2.1` and `::1` begin with their `::`; a word's
        // other leading colons and dots are punctuation.
        let lead = word.len() - word.trim_start_matches([':', '.']).len();
        let mapped = word.starts_with("::")
            && !word[2..].starts_with([':', '.'])
            && word.trim_end_matches(['.', ':']).parse::<IpAddr>().is_ok();
        let mut start = at + if mapped { 0 } else { lead };
        // `IPv6:2001:db8::1`: the `6:` belongs to the prefix.
        if ends_with_ci(&text[..start], "ipv")
            && text[start..].starts_with("6:")
        {
            start += 2;
        }
        let trimmed = text[start..at + word.len()].trim_end_matches(['.', ':']);
        let end = start + trimmed.len();
        let before = text[..start]
            .chars()
            .next_back()
            .filter(|_| !ends_with_ci(&text[..start], "ipv6:"));
        let after = text[end..].chars().next();
        // `[IPv6:2001:db8::1]` and `query/ip/192.0.2.1` are fine;
        // `192.0.2.1x` and `fe80::1%eth0` are not.
        let shape = trimmed.len() >= 3
            && (trimmed.matches('.').count() == 3
                || trimmed.matches(':').count() >= 2);
        (shape && !glued(before) && !glued(after)).then_some((start, trimmed))
    })
}

/// Maximal runs of ASCII bytes for which `is_part` holds, with their
/// start: read byte by byte rather than decoded as characters, which
/// cost more than the rest of looking for a listed IP address.
fn tokens_by(
    text: &str,
    is_part: impl Fn(u8) -> bool + Copy,
) -> impl Iterator<Item = (usize, &str)> {
    // One pass: each run starts at the first part after the end of the
    // one before (a byte that is no part).
    let bytes = text.as_bytes();
    let is_part = move |b: u8| b.is_ascii() && is_part(b);
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + bytes[from..].iter().position(|&b| is_part(b))?;
        let rest = &bytes[start..];
        let end = start
            + rest.iter().position(|&b| !is_part(b)).unwrap_or(rest.len());
        from = end;
        // A run of ASCII bytes that ends before another byte or at the
        // end: both ends are character boundaries.
        text.get(start..end).map(|run| (start, run))
    })
}

/// An IP address a list could name, in canonical form: exactly an IPv4
/// or IPv6 address (no zone, no leading zeros in IPv4, no spaces), not
/// loopback, private, link-local, multicast or unspecified. An
/// IPv4-mapped IPv6 address is given as IPv4.
///
/// ```
/// use pantul::knowledge::catalog::checked_ip;
/// assert_eq!(checked_ip("2001:DB8::1").as_deref(), Some("2001:db8::1"));
/// assert_eq!(checked_ip("192.0.2.010"), None);
/// assert_eq!(checked_ip("fe80::1%eth0"), None);
/// assert_eq!(checked_ip("10.0.0.1"), None);
/// ```
pub fn checked_ip(value: &str) -> Option<String> {
    let ip: IpAddr = value.parse().ok()?;
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    let usable = match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_unspecified()
                || o[0] == 0
                || o[0] >= 240
                || (o[0] == 100 && (64..128).contains(&o[1])))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xffc0) == 0xfe80
                || (first & 0xfe00) == 0xfc00)
        }
    };
    usable.then(|| ip.to_string())
}

/// A domain a list could name, lowercase: letters, digits and dashes in
/// dot-separated labels, a top-level label that starts with a letter,
/// nothing else.
///
/// ```
/// use pantul::knowledge::catalog::checked_domain;
/// assert_eq!(checked_domain("Mail.Example.COM.").as_deref(), Some("mail.example.com"));
/// assert_eq!(checked_domain("javascript:alert(1)"), None);
/// assert_eq!(checked_domain("exаmple.com"), None); // Cyrillic а
/// ```
pub fn checked_domain(value: &str) -> Option<String> {
    let d = value.strip_suffix('.').unwrap_or(value);
    let labels: Vec<&str> = d.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let top = labels.last()?;
    let ok = d.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(label_ok)
        && top.len() >= 2
        && top.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
    ok.then(|| d.to_ascii_lowercase())
}

/// Phrases after which the listed domain follows.
const DOMAIN_BEFORE: &[&str] = &[
    "query/dbl?domain=",
    "query/domain/",
    "results/?query=",
    "search?q=",
    "?domain=",
    "&domain=",
    "domain=",
    "domain ",
    "domain: ",
    // `Spamhaus DBL listed: example.com` (a receiver naming the list,
    // then the domain it found).
    "listed: ",
    "url in message. (",
    "url ",
    "uri ",
    "link ",
];

/// Phrases before which the listed domain stands.
const DOMAIN_AFTER: &[&str] = &[
    "] blocked using",
    " is in a black list",
    " is listed",
    " listed in",
    " listed at",
    " listed by",
    " listed on",
];

/// The listed domain: the word before "blocked using", "is listed",
/// "is in a black list" and the like, or after `domain=` and the like in
/// the list's own link; an address gives its domain, a URL its host. A
/// zone or the operator's own site is never the listed domain.
fn find_listed_domain(text: &str, entry: &Entry) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let own = |d: &str| {
        entry.zones.iter().any(|z| d == z || d.ends_with(&format!(".{z}")))
            || entry.lookup.iter().chain(&entry.doc).any(|l| {
                l.to_ascii_lowercase().contains(&format!("//{d}/"))
                    || l.to_ascii_lowercase().contains(&format!(".{d}/"))
            })
    };
    let mut found = Vec::new();
    for marker in DOMAIN_AFTER {
        for (i, _) in lower.match_indices(marker) {
            let word = if marker.starts_with(']') {
                // `[whole bracket] blocked using`: all of it, or nothing.
                let head = around(text, i.saturating_sub(WORD_REACH), i);
                head.rsplit_once('[').map(|(_, inside)| inside)
            } else {
                around(text, i.saturating_sub(WORD_REACH), i)
                    .rsplit(|c: char| {
                        c.is_whitespace() || "[(<\"',;".contains(c)
                    })
                    .next()
            };
            found.push((i, word));
        }
    }
    for marker in DOMAIN_BEFORE {
        for (i, _) in lower.match_indices(marker) {
            let rest = &text[i + marker.len()..];
            let word = rest
                .split(|c: char| {
                    c.is_whitespace() || "<>()[];,\"'&".contains(c)
                })
                .next();
            found.push((i, word));
        }
    }
    crate::order::sort_by_number(&mut found, |f| f.0 as u64);
    found
        .into_iter()
        .filter_map(|(_, w)| w.and_then(domain_of))
        .find(|d| !own(d))
}

/// How far a word is looked for before or after a marker, in bytes: no
/// host name or address is longer, and a bound keeps the scan linear.
const WORD_REACH: usize = 320;

/// `text[start..end]`, both ends clamped to the text and moved inward to
/// character boundaries.
fn around(text: &str, start: usize, end: usize) -> &str {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..end]
}

/// True if and only if `text` ends with `suffix`, ASCII case ignored.
fn ends_with_ci(text: &str, suffix: &str) -> bool {
    let (t, s) = (text.as_bytes(), suffix.as_bytes());
    t.len() >= s.len() && t[t.len() - s.len()..].eq_ignore_ascii_case(s)
}

/// The domain a word names: itself, an address's domain or a URL's
/// host.
fn domain_of(word: &str) -> Option<String> {
    let word = word.trim_end_matches(['.', ':', ')', '>', ']']);
    let word = word.split_once("://").map_or(word, |(_, rest)| rest);
    let word = word.split(['/', '?', '#']).next()?;
    let word = word.rsplit_once('@').map_or(word, |(_, d)| d);
    checked_domain(word)
}

/// True if and only if the text holds an IP address masked by hand or by
/// a web page: `xx.xx.xx.xx`, `x.x.x.x`, `*.*.*.*`, `192.0.2.xxx`.
pub fn has_masked_ip(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || "<>()[],;:=".contains(c))
        .any(is_masked_ip)
}

/// True if and only if `word` is four dotted groups of one to three
/// digits or mask characters, at least one of them masked: `xx.xx.xx.xx`,
/// `192.0.2.x`. Read in place, without collecting the groups.
fn is_masked_ip(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    // Four groups of at most three ASCII characters and three dots.
    if !(7..=15).contains(&word.len()) {
        return false;
    }
    let masked =
        |p: &str| p.chars().all(|c| matches!(c, 'x' | 'X' | '*' | '#'));
    let (mut groups, mut any_masked) = (0, false);
    for part in word.split('.') {
        groups += 1;
        if groups > 4 || part.is_empty() || part.len() > 3 {
            return false;
        }
        let is_masked = masked(part);
        if !is_masked && !part.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        any_masked |= is_masked;
    }
    groups == 4 && any_masked
}

/// A link from a catalog template, with `{ip}` or `{domain}` filled with
/// `value` if it is a checked IP address or domain, percent-encoded.
/// Without a usable value the placeholder's query parameter or path
/// segment is left out, so the link still opens the operator's page.
///
/// ```
/// use pantul::knowledge::catalog::fill_link;
/// let t = "https://check.example/lookup?ip={ip}&x=1";
/// assert_eq!(fill_link(t, Some("192.0.2.7")), "https://check.example/lookup?ip=192.0.2.7&x=1");
/// assert_eq!(fill_link(t, Some("\"><script>")), "https://check.example/lookup?x=1");
/// ```
pub fn fill_link(template: &str, value: Option<&str>) -> String {
    let Some(open) = template.find('{') else {
        return template.to_string();
    };
    let Some(close) = template[open..].find('}').map(|c| open + c) else {
        return template.to_string();
    };
    let name = &template[open + 1..close];
    let checked = value.and_then(|v| match name {
        "ip" => checked_ip(v),
        "domain" => checked_domain(v),
        _ => None,
    });
    match checked {
        Some(v) => format!(
            "{}{}{}",
            &template[..open],
            percent_encode(&v),
            &template[close + 1..]
        ),
        None => without_placeholder(template, open, close),
    }
}

fn without_placeholder(template: &str, open: usize, close: usize) -> String {
    let query = template.find('?').filter(|&q| q < open);
    let Some(q) = query else {
        let cut = template[..open].rfind('/').map_or(open, |s| s + 1);
        return template[..cut].to_string();
    };
    let start = template[..open].rfind(['&', '?']).map_or(q, |s| s + 1);
    let end =
        template[close..].find('&').map_or(template.len(), |e| close + e + 1);
    let mut link = format!("{}{}", &template[..start], &template[end..]);
    while link.ends_with(['&', '?']) {
        link.pop();
    }
    link
}

/// Percent-encodes everything but unreserved characters (RFC 3986 §2.3)
/// and the `:` of IPv6 addresses.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b':')
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_after_a_no_break_space_stands() {
        // Found by fuzzing: the token before the host ended in a
        // two-byte space, and the token was cut inside it.
        for space in ["\u{a0}", "\u{3000}", " "] {
            let text = format!("listed at{space}b.barracudacentral.org now");
            let start = text.find("b.barracuda").unwrap();
            let end = start + "b.barracudacentral.org".len();
            assert!(host_stands(&text, start, end), "{space:?}");
        }
        let link = "see\u{a0}https://x.example/b.barracudacentral.org";
        let start = link.find("b.barracuda").unwrap();
        let end = start + "b.barracudacentral.org".len();
        assert!(!host_stands(link, start, end));
    }

    #[test]
    fn a_link_after_a_space_of_several_bytes_is_read() {
        // A no-break space (two bytes) before the link: the fuzz target
        // found the link's start cut inside it (a panic).
        let text = "see\u{a0}http://delist.example/?ip=192.0.2.1 now";
        let at = text.find("192.0.2.1").expect("the IP");
        assert_eq!(link_site(text, at).as_deref(), Some("delist.example"));
        let text = "\u{2003}delist.example/?ip=192.0.2.1";
        let at = text.find("192.0.2.1").expect("the IP");
        assert_eq!(link_site(text, at).as_deref(), Some("delist.example"));
    }

    fn ids(text: &str) -> Vec<&'static str> {
        recognize(text).iter().map(|l| l.entry.id.as_str()).collect()
    }

    #[test]
    fn links_fill_checked_values_only() {
        let t = "https://check.example/lookup?ip={ip}&x=1";
        assert_eq!(
            fill_link(t, Some("192.0.2.7")),
            "https://check.example/lookup?ip=192.0.2.7&x=1"
        );
        assert_eq!(
            fill_link(t, Some("javascript:alert(1)")),
            "https://check.example/lookup?x=1"
        );
        assert_eq!(fill_link(t, None), "https://check.example/lookup?x=1");
        assert_eq!(
            fill_link("https://a.example/q/{ip}", Some("\"><b>")),
            "https://a.example/q/"
        );
        assert_eq!(
            fill_link("https://a.example/?ip={ip}", None),
            "https://a.example/"
        );
    }

    #[test]
    fn plain_words_name_a_provider_only_from_its_hosts() {
        let text = "550 5.7.1 This message is likely unsolicited mail.";
        let from = |host: &str| -> Vec<&str> {
            recognize_from(text, &[host])
                .iter()
                .map(|l| l.entry.id.as_str())
                .collect()
        };
        assert!(from("mx.example.org").is_empty());
        assert!(from("gmail-smtp-in.l.google.com.evil.example").is_empty());
        assert!(from("notgoogle.com").is_empty());
        assert_eq!(from("gmail-smtp-in.l.google.com"), ["gmail-unsolicited"]);
        assert_eq!(ids(&format!("{text} a1b2 - gsmtp")), ["gmail-unsolicited"]);
        assert!(ids("554 5.7.1 Spam message rejected").is_empty());
    }

    #[test]
    fn masked_ips_are_seen() {
        assert!(has_masked_ip("Mail from <xx.xx.xx.xx> was refused"));
        assert!(has_masked_ip("Client host [192.0.2.xxx] blocked"));
        assert!(!has_masked_ip("Mail from <192.0.2.1> was refused"));
        assert!(has_masked_ip("x.x.x.x"));
        assert!(has_masked_ip("from xxx.xxx.xxx.###. refused"));
        assert!(!has_masked_ip("xx.xx.xx and xx.xx.xx.xx.xx"));
        assert!(!has_masked_ip("xxxx.xx.xx.xx"));
    }

    #[test]
    fn the_seed_names_ers_qil() {
        let text =
            "450 4.7.1 <a@example.org>: Recipient address rejected: Mail from \
            <xx.xx.xx.xx> was refused due to the sender IP found in ERS-QIL.";
        let found = recognize(text);
        assert_eq!(found[0].entry.id, "trendmicro-ers");
        assert!(found[0].masked && found[0].listed.is_none());
    }

    #[test]
    fn the_longer_name_in_the_text_wins() {
        let text = "550 5.7.1 Mail from 192.0.2.4 was refused due to the \
            sender IP found in ERS-RBL. For details, query the IP reputation.";
        assert_eq!(ids(text), ["trendmicro-rblplus"]);
        let text = "Mail from 192.0.2.4 was refused, sender IP found in ERS.";
        assert_eq!(ids(text), ["trendmicro-ers"]);
    }

    #[test]
    fn zones_stand_as_whole_host_names() {
        let t = "blocked using xbl.spamhaus.org; see the list";
        assert!(stands(t, Kind::Zone, 14, 30));
        assert!(!stands(t, Kind::Zone, 15, 30));
        let t = "listed at zen.spamhaus.org.example.net";
        assert!(!stands(t, Kind::Zone, 10, 26));
        let t = "listed at zen.spamhaus.org. Go away";
        assert!(stands(t, Kind::Zone, 10, 26));
    }

    #[test]
    fn wildcard_codes_match_whole_tokens() {
        assert!(glob_matches("OFR???_102", "ofr006_102"));
        assert!(!glob_matches("OFR???_102", "OFR06_102"));
        let found: Vec<&str> =
            tokens("Ref OFR006_102 [102]").map(|t| t.1).collect();
        assert_eq!(found, ["Ref", "OFR006_102", "102"]);
    }

    #[test]
    fn the_sender_ip_is_not_the_resolver() {
        let t = "Error: open resolver; https://www.spamhaus.org/returnc/pub/\
                 203.0.113.9 for 192.0.2.4";
        assert_eq!(find_listed_ip(t).as_deref(), Some("192.0.2.4"));
        assert_eq!(find_listed_ip("from fe80::1%eth0 and 10.1.1.1"), None);
        assert_eq!(find_listed_ip("host 192.0.2.1x"), None);
    }

    #[test]
    fn the_receiving_server_is_not_the_listed_ip() {
        // qmail: the remote server's address, then the reply.
        let t = "Connected to 198.51.100.74 but sender was rejected. Remote \
                 host said: 421 4.7.0 [TSS04] Messages from 192.0.2.25 \
                 temporarily deferred";
        assert_eq!(find_listed_ip(t).as_deref(), Some("192.0.2.25"));
        let t = "198.51.100.9 does not like recipient. Remote host said: 550 \
                 5.7.606 Access denied, banned sending IP [192.0.2.9]";
        assert_eq!(find_listed_ip(t).as_deref(), Some("192.0.2.9"));
        // Postfix: only the server's address and a private one.
        let t = "host smtp-in.example.net[198.51.100.65] refused to talk to \
                 me: 550 blocked. Ref http://csi.example/?ip=10.0.0.1";
        assert_eq!(find_listed_ip(t), None);
    }

    #[test]
    fn an_ip_in_another_sites_link_is_not_the_listed_one() {
        let t = "550 5.7.1 Blocked by zen.spamhaus.org. Pay at \
                 http://spamhaus-delist.example/?ip=192.0.2.4";
        assert_eq!(find_listed_ip(t), None);
        let own = ["spamhaus.org".to_string()];
        let t = "Blocked; see https://check.spamhaus.org/query/ip/192.0.2.4";
        assert_eq!(listed_ip(t, &own).as_deref(), Some("192.0.2.4"));
        let t = "Blocked; see https://spamhaus.org.example/query/ip/192.0.2.4";
        assert_eq!(listed_ip(t, &own), None);
    }

    #[test]
    fn a_private_ip_in_the_senders_place_is_seen() {
        let t = "554 5.7.1 Client host [10.0.0.5] blocked using \
                 zen.spamhaus.org (127.0.0.4)";
        assert!(names_private_ip(t));
        let t = "host mx.example.org[192.168.1.9] said: 554 blocked \
                 using zen.spamhaus.org (127.0.0.2)";
        assert!(!names_private_ip(t));
    }

    #[test]
    fn an_ipv4_mapped_address_is_read_as_ipv4() {
        let text = "554 5.7.1 Client host [::ffff:192.0.2.77] blocked using \
                    b.barracudacentral.org";
        assert_eq!(find_listed_ip(text).as_deref(), Some("192.0.2.77"));
    }

    #[test]
    fn the_ip_said_to_be_listed_wins() {
        let t = "554 5.7.1 Rejected: 198.51.100.5 listed at \
                 zen.spamhaus.org; client [192.0.2.200] helo=out.example.org";
        assert_eq!(find_listed_ip(t).as_deref(), Some("198.51.100.5"));
        let t = "Client host [192.0.2.7] blocked; 198.51.100.9 is listed";
        assert_eq!(find_listed_ip(t).as_deref(), Some("198.51.100.9"));
    }

    #[test]
    fn an_unknown_zone_names_the_fallback() {
        let t = "554 5.7.1 Client host [192.0.2.1] blocked using \
                 rbl.example.net; see its page";
        let found = recognize(t);
        assert_eq!(found[0].entry.id, "unknown-list");
        assert_eq!(found[0].matched, "rbl.example.net");
        assert!(recognize("550 User not listed in Domino Directory").is_empty());
    }

    #[test]
    fn listed_domains_come_from_their_place() {
        let t = "Sender address [bob@Example.COM] blocked using \
                 dbl.spamhaus.org; https://www.spamhaus.org/query/dbl";
        let found = recognize(t);
        assert_eq!(found[0].listed.as_deref(), Some("example.com"));
        assert_eq!(ids(t), ["spamhaus-dbl"]);
        let t = "550-REJECTED - Blacklisted URL in message. (shop.example.com) \
                 in [black]. 550-See http://lookup.uribl.com. - Blacklisted Link";
        assert_eq!(recognize(t)[0].listed.as_deref(), Some("shop.example.com"));
    }
}
