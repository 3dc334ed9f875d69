// SPDX-License-Identifier: MIT
//! Recognising blocklists, reputation services and provider policies in
//! a server's words, and building their links.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::schema::catalog::{Entry, ListedKind};
use crate::grammar::host::{is_host_name, parse_ip};

/// A catalog entry named by a server's words.
#[derive(Clone, Debug)]
pub struct Listing {
    /// The entry.
    pub entry: &'static Entry,
    /// The words that named it.
    pub matched: String,
    /// The listed IP or domain, checked, if the words give one.
    pub listed: Option<String>,
    /// True if and only if the words hold a masked IP (`xx.xx.xx.xx`).
    pub masked: bool,
}

struct Matcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern: the entry index and whether it must stand as a
    /// whole token (codes).
    owners: Vec<(usize, bool)>,
}

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (n, entry) in super::get().entry.iter().enumerate() {
            for p in entry.zones.iter().chain(&entry.phrases) {
                patterns.push(p.clone());
                owners.push((n, false));
            }
            for code in &entry.codes {
                patterns.push(code.clone());
                owners.push((n, true));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Matcher { automaton, owners }
    })
}

/// Every entry `text` names, in catalog order, each once; an entry that
/// another one cites comes after it.
pub fn recognize(text: &str) -> Vec<Listing> {
    let m = matcher();
    let entries = &super::get().entry;
    let mut hits: Vec<(usize, String)> = Vec::new();
    let Some(automaton) = &m.automaton else { return Vec::new() };
    for found in automaton.find_overlapping_iter(text) {
        let (n, token) = m.owners[found.pattern().as_usize()];
        if token && !stands_alone(text, found.start(), found.end()) {
            continue;
        }
        if !hits.iter().any(|(h, _)| *h == n) {
            hits.push((n, text[found.start()..found.end()].to_string()));
        }
    }
    hits.sort_by_key(|(n, _)| *n);
    let mut cited: Vec<usize> = Vec::new();
    for (n, _) in &hits {
        for id in &entries[*n].cites {
            if let Some(c) = entries.iter().position(|e| &e.id == id) {
                if !hits.iter().any(|(h, _)| *h == c) && !cited.contains(&c) {
                    cited.push(c);
                }
            }
        }
    }
    let masked = has_masked_ip(text);
    let mut listings: Vec<Listing> = hits
        .into_iter()
        .map(|(n, matched)| listing(&entries[n], matched, text, masked))
        .collect();
    for c in cited {
        let via =
            listings.first().map(|l| l.matched.clone()).unwrap_or_default();
        listings.push(listing(&entries[c], via, text, masked));
    }
    listings
}

fn listing(
    entry: &'static Entry,
    matched: String,
    text: &str,
    masked: bool,
) -> Listing {
    let listed = match entry.listed {
        ListedKind::Ip | ListedKind::Network => find_listed_ip(text),
        ListedKind::Domain => find_listed_domain(text),
        ListedKind::None => None,
    };
    Listing { entry, matched, listed, masked }
}

fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let before = start == 0 || !b[start - 1].is_ascii_alphanumeric();
    let after = end >= b.len() || !b[end].is_ascii_alphanumeric();
    before && after
}

/// The first checked IP address in the text that is not a DNS answer
/// code (`127.x.x.x`).
pub fn find_listed_ip(text: &str) -> Option<String> {
    candidates(text).filter_map(parse_ip).find(|ip| !ip.starts_with("127."))
}

/// The first domain after `domain=`, `domain ` or in a `query/dbl` link.
fn find_listed_domain(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    for marker in ["domain=", "domain ", "query/dbl?domain=", "dbl/"] {
        if let Some(i) = lower.find(marker) {
            let rest = &text[i + marker.len()..];
            let word = rest
                .split(|c: char| c.is_whitespace() || "<>()[];,\"'".contains(c))
                .next()?;
            let word = word.trim_end_matches('.');
            if is_host_name(word) {
                return Some(word.to_ascii_lowercase());
            }
        }
    }
    None
}

/// Words of the text that could be IP addresses.
fn candidates(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_hexdigit() || c == '.' || c == ':'))
        .map(|w| w.trim_matches(|c| c == '.' || c == ':'))
        .filter(|w| {
            w.len() >= 7 && (w.contains('.') || w.matches(':').count() >= 2)
        })
}

/// True if and only if the text holds an IP address masked by hand or by
/// a web page: `xx.xx.xx.xx`, `x.x.x.x`, `*.*.*.*`.
pub fn has_masked_ip(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || "<>()[],;:=".contains(c)).any(
        |w| {
            let parts: Vec<&str> = w.trim_end_matches('.').split('.').collect();
            parts.len() == 4
                && parts.iter().all(|p| {
                    !p.is_empty()
                        && p.len() <= 3
                        && p.chars().all(|c| matches!(c, 'x' | 'X' | '*' | '#'))
                })
        },
    )
}

/// A link from a catalog template, with `{ip}` or `{domain}` filled with
/// `value` if it is a checked IP address or domain, percent-encoded.
/// Without a usable value the placeholder's query parameter or path
/// segment is left out, so the link still opens the operator's page.
pub fn fill_link(template: &str, value: Option<&str>) -> String {
    let Some(open) = template.find('{') else {
        return template.to_string();
    };
    let Some(close) = template[open..].find('}').map(|c| open + c) else {
        return template.to_string();
    };
    let name = &template[open + 1..close];
    let checked = value.and_then(|v| match name {
        "ip" => parse_ip(v),
        "domain" => is_host_name(v).then(|| v.to_ascii_lowercase()),
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
    fn masked_ips_are_seen() {
        assert!(has_masked_ip("Mail from <xx.xx.xx.xx> was refused"));
        assert!(!has_masked_ip("Mail from <192.0.2.1> was refused"));
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
}
