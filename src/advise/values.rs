// SPDX-License-Identifier: MIT
//! The placeholder values for one group of recipients: what the notice
//! says about them, or a plain phrase where it is silent.

use std::cell::OnceCell;
use std::collections::HashSet;

use crate::grammar::address::find_address;
use crate::grammar::host::{is_host_name, parse_ip};
use crate::knowledge::schema::advice::{ALWAYS_FILLED, FILLED_WHEN_KNOWN};
use crate::knowledge::schema::catalog::EntryKind;
use crate::knowledge::{self, messages, Lang};
use crate::misspelt::hint_for;
use crate::provider::{identify, named};
use crate::reason::Reason;
use crate::report::{Blocklist, Recipient, Report};
use crate::Options;

/// At most this many addresses are spelled out in a text; the rest are
/// counted ("and 3 other recipients").
const LISTED_ADDRESSES: usize = 5;

/// How many placeholders the values offer: those always filled, then
/// those filled only when known (`schema::advice`).
const NAMES: usize = ALWAYS_FILLED.len() + FILLED_WHEN_KNOWN.len();

/// Where the value of `name` is kept, if it is a placeholder at all.
fn slot(name: &str) -> Option<usize> {
    let always = ALWAYS_FILLED.iter().position(|k| *k == name);
    let known = || FILLED_WHEN_KNOWN.iter().position(|k| *k == name);
    always.or_else(|| known().map(|n| ALWAYS_FILLED.len() + n))
}

/// The values of every placeholder for one group, each worked out the
/// first time a text asks for it: most texts use a few of them.
pub struct Values<'a> {
    report: &'a Report,
    options: &'a Options,
    group: Vec<&'a Recipient>,
    members: Vec<usize>,
    addresses: Vec<String>,
    /// Per placeholder, in [`slot`] order: its value if the notice
    /// gives one, once asked for.
    known: [OnceCell<Option<String>>; NAMES],
    unknown: OnceCell<String>,
}

impl<'a> Values<'a> {
    /// The values for the recipients `members` of `report`.
    pub fn new(
        report: &'a Report,
        members: &[usize],
        options: &'a Options,
    ) -> Values<'a> {
        let group: Vec<&Recipient> =
            members.iter().filter_map(|&n| report.recipients.get(n)).collect();
        let addresses = addresses(&group);
        Values {
            report,
            options,
            group,
            members: members.to_vec(),
            addresses,
            known: [const { OnceCell::new() }; NAMES],
            unknown: OnceCell::new(),
        }
    }

    /// `text` with every placeholder filled; one the notice does not give
    /// reads "(unknown)".
    pub fn fill(&self, text: &str) -> String {
        messages::fill_with(text, |name| {
            self.get(name).or_else(|| {
                FILLED_WHEN_KNOWN.contains(&name).then(|| self.unknown())
            })
        })
    }

    /// A step with every placeholder filled, or none if it uses one the
    /// notice does not give: a step without its link or code is left out.
    pub fn step(&self, text: &str) -> Option<String> {
        let missing = messages::placeholders(text).any(|name| {
            FILLED_WHEN_KNOWN.contains(&name) && self.get(name).is_none()
        });
        (!missing).then(|| messages::fill_with(text, |name| self.get(name)))
    }

    /// The indexes of the group's recipients.
    pub fn members(&self) -> &[usize] {
        &self.members
    }

    /// The group's readable addresses, each once.
    pub fn addresses(&self) -> &[String] {
        &self.addresses
    }

    /// The recipients' domains that look like a typo of a well-known
    /// one, with it (`{near_misses}`), if any do.
    pub fn near_misses(&self) -> Option<&str> {
        self.get("near_misses")
    }

    /// The value of the placeholder `name`, if the notice gives one.
    fn get(&self, name: &str) -> Option<&str> {
        let n = slot(name)?;
        self.known[n].get_or_init(|| self.value(name)).as_deref()
    }

    fn unknown(&self) -> &str {
        let lang = self.options.lang;
        self.unknown.get_or_init(|| messages::text("word.unknown", lang, &[]))
    }

    /// Works out the value of the placeholder `name`.
    fn value(&self, name: &str) -> Option<String> {
        let (group, lang) = (self.group.as_slice(), self.options.lang);
        let list = group.iter().find_map(|r| listing(r));
        let listed = || list.and_then(|l| l.listed.clone());
        // The listed IP the notice names: a typed one is the user's.
        let named =
            || list.filter(|l| !l.listed_given).and_then(|l| l.listed.clone());
        let first = |f: &dyn Fn(&Recipient) -> Option<String>| {
            group.iter().find_map(|r| f(r))
        };
        let value = match name {
            "recipients" => recipients(&self.addresses, group.len(), lang),
            "recipient_domain" => recipient_domains(&self.addresses, lang),
            "sender_domain" => sender_domain(self.report, group, lang),
            "ip" => {
                let listed_ip = named().as_deref().and_then(parse_ip);
                let refused = || group.iter().find_map(|r| refused_ip(r));
                let ip = listed_ip.or_else(refused);
                let sending = self.options.sending_ip.as_deref();
                match (ip, sending.and_then(parse_ip)) {
                    (None, Some(typed)) => messages::text(
                        "word.your-given-ip",
                        lang,
                        &[("listed", &typed)],
                    ),
                    (ip, _) => ip_phrase(ip.as_deref(), lang),
                }
            }
            "remote_host" => {
                remote_host(first(&|r| r.remote_host.clone()), lang)
            }
            "provider" => provider(group, list, lang),
            "count" => messages::number(group.len(), lang),
            // "that address" or "those addresses", as many as the group
            // has (its readable addresses, else its recipients).
            "the_address" | "this_address" | "the_same_address" => {
                let id = match name {
                    "the_address" => "word.the-address",
                    "this_address" => "word.this-address",
                    _ => "word.the-same-address",
                };
                let n = match self.addresses.len() {
                    0 => group.len(),
                    n => n,
                };
                messages::text_n(id, lang, n, &[])
            }
            // A stand-in code is not the server's: no step quotes it.
            "status" => {
                return first(&|r| {
                    r.status
                        .filter(|_| !r.status_inferred)
                        .map(|s| s.to_string())
                })
            }
            "reply_code" => {
                return first(&|r| r.reply_code.map(|c| c.to_string()))
            }
            "listed" => return listed(),
            "domain" => listed_domain(listed(), lang),
            "list" => return list.map(|l| l.name.clone()),
            "lookup_url" => return list.and_then(|l| l.lookup_url.clone()),
            "delist_url" => return list.and_then(|l| l.delist_url.clone()),
            "doc_url" => return doc_url(group, list),
            "diagnostic" => {
                return first(&|r| r.diagnostic.as_deref().map(quoted))
            }
            "near_misses" => return near_misses(group, lang),
            "failed_checks" | "auth_ip" => {
                return super::auth_named::value(name, group, lang)
            }
            "own_domain" => {
                // The same domains as `recipient_domain`'s, when they
                // may be the user's own.
                let sender = original_sender_domain(self.report);
                return may_be_own(&self.addresses, sender.as_deref())
                    .then(|| self.get("recipient_domain").map(str::to_string))
                    .flatten();
            }
            "new_address" => {
                return first(&|r| {
                    let own = r.address.as_deref();
                    r.diagnostic.as_deref().and_then(|d| new_address(d, own))
                })
            }
            _ => return None,
        };
        Some(value)
    }
}

/// The sending IP that a PTR refusal names in brackets, IPv4 or IPv6:
/// "550-5.7.25 [2001:db8::25] The IP address sending this message does
/// not have a PTR record setup" (Gmail), "IP=[192.0.2.2]"; never the
/// replying server's, which follows its name ("mx.example.org
/// [192.0.2.25] did not like our RCPT TO").
fn refused_ip(r: &Recipient) -> Option<String> {
    if r.reason != Reason::RequirePtr {
        return None;
    }
    let diagnostic = r.diagnostic.as_deref()?;
    let remote = r.remote_ip.as_deref().and_then(parse_ip);
    let mut parts = diagnostic.split('[');
    let mut before = parts.next()?;
    for rest in parts {
        let after_host =
            before.split_whitespace().next_back().is_some_and(|w| {
                w.contains('.') && w.contains(char::is_alphabetic)
            });
        before = rest;
        let Some(end) = rest.find(']') else { continue };
        match parse_ip(&rest[..end]) {
            Some(ip) if !after_host && Some(&ip) != remote.as_ref() => {
                return Some(ip)
            }
            _ => {}
        }
    }
    None
}

/// Longest server's text quoted in a step, in characters.
const QUOTED_CHARS: usize = 300;

/// What stands in a quote for a link the server's words hold.
const LINK: &str = "[URL]";

/// The server's words on one line, cut at a character boundary with `…`
/// past [`QUOTED_CHARS`], for a step that quotes them. A link in them
/// becomes [`LINK`]: steps and the ticket reply go to customers, whose
/// email apps turn a quoted address into a link, and links there come
/// only from the catalog (the whole text stays in the report's
/// diagnostic).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Characters in `out`, counted as it grows.
    let mut chars = 0;
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        let link;
        let word = match is_link(word) {
            true => {
                // The sentence's own stop after the link stays.
                let bare =
                    word.trim_end_matches([',', '.', ';', ':', '!', '?']);
                link = format!("{LINK}{}", &word[bare.len()..]);
                link.as_str()
            }
            false => word,
        };
        out.push_str(word);
        chars += word.chars().count();
        if chars > QUOTED_CHARS {
            let cut: String = out.chars().take(QUOTED_CHARS).collect();
            return format!("{}…", cut.trim_end());
        }
    }
    out
}

/// Whether a word of the server's text is a link an email app would
/// make clickable: a scheme's `://` or a `www.` host, past any opening
/// bracket or quote.
fn is_link(word: &str) -> bool {
    let word = word.trim_start_matches(['<', '(', '[', '"', '\'']);
    word.contains("://")
        || word.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("www."))
}

/// "gmial.com (perhaps gmail.com) and yaho.co.id (perhaps yahoo.co.id)":
/// the recipients' domains, each once, that [`hint_for`] names a
/// well-known domain for (a domain not found one slip from a well-known
/// one; a known misspelling behind an unknown address or a failed DNS
/// lookup); none when there are none.
fn near_misses(group: &[&Recipient], lang: Lang) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut items = Vec::new();
    for r in group {
        let Some((_, domain)) =
            r.address.as_deref().and_then(|a| a.rsplit_once('@'))
        else {
            continue;
        };
        let domain = domain.to_ascii_lowercase();
        if seen.contains(&domain) {
            continue;
        }
        if let Some(similar) = hint_for(&domain, r.reason) {
            let values = [("value", domain.as_str()), ("other", similar)];
            items.push(messages::text("word.near-miss", lang, &values));
        }
        seen.push(domain);
        if items.len() == LISTED_ADDRESSES {
            break;
        }
    }
    (!items.is_empty()).then(|| join(&items, lang))
}

fn listing(r: &Recipient) -> Option<&Blocklist> {
    r.blocklist.as_ref().or(r.listings.first())
}

/// The group's addresses, each once (any case), in order; a set keeps
/// this linear for a notice with thousands of recipients.
fn addresses(group: &[&Recipient]) -> Vec<String> {
    let all = group.iter().filter_map(|r| r.address.as_ref());
    if group.len() <= FEW_ADDRESSES {
        // Compared with those kept: no set to build for a few.
        let mut out: Vec<String> = Vec::with_capacity(group.len());
        for a in all {
            if !out.iter().any(|kept| kept.eq_ignore_ascii_case(a)) {
                out.push(a.clone());
            }
        }
        return out;
    }
    let mut seen = HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for a in all {
        if seen.insert(a.to_ascii_lowercase()) {
            out.push(a.clone());
        }
    }
    out
}

/// Up to this many addresses are told apart without a set.
const FEW_ADDRESSES: usize = 8;

/// "a@example.org, b@example.org, dan 2 penerima lainnya", or "the
/// recipient" when no address is readable.
fn recipients(addresses: &[String], count: usize, lang: Lang) -> String {
    if addresses.is_empty() {
        return messages::text_n("word.the-recipients", lang, count, &[]);
    }
    let shown = addresses.len().min(LISTED_ADDRESSES);
    let mut items: Vec<String> = addresses[..shown].to_vec();
    let rest = count.max(addresses.len()) - shown;
    if rest > 0 {
        items.push(messages::text_n("word.more-recipients", lang, rest, &[]));
    }
    join(&items, lang)
}

/// The distinct domains of the addresses, or "the recipient's domain".
fn recipient_domains(addresses: &[String], lang: Lang) -> String {
    let mut domains: Vec<String> = Vec::new();
    for a in addresses {
        let Some((_, d)) = a.rsplit_once('@') else { continue };
        // `example.org.` (as an address may be written) names the same
        // domain as `example.org`.
        let d = d.trim_end_matches('.').to_ascii_lowercase();
        if is_host_name(&d) && !domains.contains(&d) {
            domains.push(d);
        }
        if domains.len() == LISTED_ADDRESSES {
            break;
        }
    }
    if domains.is_empty() {
        return messages::text("word.recipient-domain", lang, &[]);
    }
    join(&domains, lang)
}

/// The recipients' domains when each could be the user's own (a domain
/// they run in cPanel), for the steps about one's own hosting; none when
/// one is a public mailbox domain (`gmail.com`: no cPanel of the user's
/// has it) or a domain a known provider serves (`*.onmicrosoft.com`,
/// `data/rules/provider/`), or the addresses give no domain.
fn may_be_own(addresses: &[String], sender: Option<&str>) -> bool {
    // The bounce names the sender's own domain: a recipient's domain
    // other than it (or than a domain under it or above it) is someone
    // else's.
    let of_sender = |d: &str| {
        sender.is_none_or(|s| {
            let (d, s) = (d.to_ascii_lowercase(), s.to_ascii_lowercase());
            d == s
                || d.ends_with(&format!(".{s}"))
                || s.ends_with(&format!(".{d}"))
        })
    };
    let theirs = addresses
        .iter()
        .any(|a| a.rsplit_once('@').is_some_and(|(_, d)| !of_sender(d)));
    if theirs {
        return false;
    }
    let popular = &knowledge::get().popular_domains;
    let public = addresses.iter().any(|a| {
        a.rsplit_once('@').is_some_and(|(_, d)| {
            popular.iter().any(|p| p.eq_ignore_ascii_case(d))
                || identify(Some(a), None, None).is_some()
        })
    });
    let any = addresses.iter().any(|a| a.contains('@'));
    any && !public
}

/// Words after which a server that refuses a moved address names the
/// new one: "551 5.1.6 User has moved; please try <b@example.org>",
/// "new address is b@example.org".
const NEW_ADDRESS_WORDS: &[&str] = &[
    "new address is",
    "new address:",
    "please try",
    "moved to",
    "forwarded to",
    "now at",
    "changed to",
    "alamat baru",
];

/// How far after those words the new address may start, in bytes.
const NEW_ADDRESS_REACH: usize = 80;

/// The recipient's new address that the server's words give, if they
/// give one other than the recipient's own.
///
/// ```text
/// 551 5.1.6 User has moved; please try <tora@example.net>   -> tora@example.net
/// ```
fn new_address(words: &str, own: Option<&str>) -> Option<String> {
    let lower = words.to_ascii_lowercase();
    NEW_ADDRESS_WORDS.iter().find_map(|phrase| {
        let rest = words.get(lower.find(phrase)? + phrase.len()..)?;
        // The whole address is read, wherever it ends; only its start
        // must be near the words.
        let found = find_address(rest)?;
        let start = found.as_ptr() as usize - rest.as_ptr() as usize;
        let other = own.is_none_or(|o| !o.eq_ignore_ascii_case(found));
        (start <= NEW_ADDRESS_REACH && other).then(|| found.to_string())
    })
}

/// The domain of the original message's sender, when the bounce gives
/// its `From:`.
fn original_sender_domain(report: &Report) -> Option<String> {
    let from = report.original.from.as_deref().and_then(find_address)?;
    let (_, domain) = from.rsplit_once('@')?;
    is_host_name(domain).then(|| domain.to_ascii_lowercase())
}

/// The big mailbox provider's domain a recipient's From address is at
/// (`foreign_from`), else the domain of the original sender, else the
/// domain a receiver's SPF result names, else "your domain".
fn sender_domain(report: &Report, group: &[&Recipient], lang: Lang) -> String {
    // A From address at a big mailbox provider's domain is the one the
    // advice speaks of (`foreign_from`), whatever SPF domain the server
    // names: the subject and its texts name the same domain.
    let original = report.original.from.as_deref();
    let foreign = group
        .iter()
        .find_map(|r| super::foreign_from::mailbox_domain(original, r));
    if let Some(foreign) = foreign {
        return foreign;
    }
    let from = report
        .original
        .from
        .as_deref()
        .and_then(find_address)
        .and_then(|a| a.rsplit_once('@'))
        .map(|(_, d)| d.to_string());
    let diagnostics = || group.iter().filter_map(|r| r.diagnostic.as_deref());
    let spf = || {
        let named = diagnostics().filter_map(super::auth_named::domain);
        diagnostics().filter_map(spf_domain).chain(named).next()
    };
    let named =
        || diagnostics().filter_map(super::foreign_from::named_in).next();
    from.or_else(spf)
        .or_else(named)
        .map(|d| d.to_ascii_lowercase())
        .filter(|d| is_host_name(d))
        .unwrap_or_else(|| messages::text("word.sender-domain", lang, &[]))
}

/// The domain of an SPF result in a receiver's authentication report.
// "550-5.7.26  SPF [example.com] with ip: [192.0.2.5] = did not pass"
fn spf_domain(diagnostic: &str) -> Option<String> {
    let at = diagnostic.find("SPF [")? + "SPF [".len();
    let rest = &diagnostic[at..];
    let domain = &rest[..rest.find(']')?];
    is_host_name(domain).then(|| domain.to_string())
}

/// The listed domain, or a phrase that reads after "the domain": "the
/// domain named in the bounce message".
fn listed_domain(listed: Option<String>, lang: Lang) -> String {
    listed
        .filter(|v| parse_ip(v).is_none())
        .unwrap_or_else(|| messages::text("word.listed-domain", lang, &[]))
}

fn ip_phrase(ip: Option<&str>, lang: Lang) -> String {
    match ip {
        Some(ip) => messages::text("word.the-ip", lang, &[("listed", ip)]),
        None => messages::text("word.your-ip", lang, &[]),
    }
}

fn remote_host(host: Option<String>, lang: Lang) -> String {
    match host.filter(|h| is_host_name(h) || parse_ip(h).is_some()) {
        Some(h) => {
            messages::text("word.the-remote-host", lang, &[("remote_host", &h)])
        }
        None => messages::text("word.remote-host", lang, &[]),
    }
}

/// The provider whose policy refused, the operator of the list, the
/// recipient's provider (by its address's domain or the host that
/// replied, `data/rules/provider/`), or the provider whose host names
/// the catalog knows the remote host by.
fn provider(
    group: &[&Recipient],
    list: Option<&Blocklist>,
    lang: Lang,
) -> String {
    let policy = group.iter().find_map(|r| r.policy.as_ref());
    policy
        .map(|p| p.provider.clone())
        .or_else(|| list.map(|l| l.operator.clone()))
        .or_else(|| {
            group.iter().find_map(|r| {
                let address = r.address.as_deref();
                let host = r.remote_host.as_deref();
                // Not the reporting host: that is often the sender's own
                // provider, which relayed the message.
                named(address, host).map(|p| p.name.clone())
            })
        })
        .or_else(|| {
            group
                .iter()
                .find_map(|r| provider_of_host(r.remote_host.as_deref()?, lang))
        })
        .unwrap_or_else(|| messages::text("word.provider", lang, &[]))
}

/// The operator of a provider policy whose `hosts` the host ends with,
/// at a label boundary: `mx.google.com` for `google.com`.
fn provider_of_host(host: &str, lang: Lang) -> Option<String> {
    let host = host.trim_end_matches('.').as_bytes();
    let entries = &knowledge::get().entry;
    // Compared in place, any ASCII case: this runs for every host of
    // every policy, once a group.
    let owns = |suffix: &str| {
        let suffix = suffix.trim_start_matches('.').as_bytes();
        let Some(start) = host.len().checked_sub(suffix.len()) else {
            return false;
        };
        host[start..].eq_ignore_ascii_case(suffix)
            && (start == 0 || host[start - 1] == b'.')
    };
    entries
        .iter()
        .filter(|e| e.kind == EntryKind::ProviderPolicy)
        .find(|e| e.hosts.iter().any(|h| owns(h)))
        .map(|e| e.operator.get(lang).to_string())
}

fn doc_url(group: &[&Recipient], list: Option<&Blocklist>) -> Option<String> {
    let policy = group.iter().find_map(|r| r.policy.as_ref());
    policy
        .and_then(|p| p.doc_url.clone())
        .or_else(|| list.and_then(|l| l.doc_url.clone()))
}

/// "a", "a dan b", "a, b, dan c" (English: "and").
pub fn join(items: &[String], lang: Lang) -> String {
    let (init, last) = match items {
        [] => return String::new(),
        [one] => return one.clone(),
        [init @ .., last] => (init, last),
    };
    let and = messages::text("word.and", lang, &[]);
    if let [first] = init {
        let room = first.len() + and.len() + last.len() + 2;
        let mut out = String::with_capacity(room);
        for piece in [first.as_str(), " ", and.as_str(), " ", last.as_str()] {
            out.push_str(piece);
        }
        return out;
    }
    format!("{}, {and} {last}", init.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{decode, Options};

    #[test]
    fn the_servers_words_are_quoted_on_one_line_and_cut() {
        assert_eq!(
            quoted("550 5.7.1  message\n    refused by policy"),
            "550 5.7.1 message refused by policy"
        );
        // 300 characters end on a space, which is dropped before the `…`.
        let long = quoted(&"kata ".repeat(200));
        assert_eq!(long, format!("{}kata…", "kata ".repeat(59)));
        assert_eq!(long.chars().count(), QUOTED_CHARS);
        assert_eq!(quoted("é".repeat(400).as_str()).chars().count(), 301);
    }

    #[test]
    fn a_link_in_the_servers_words_is_not_quoted() {
        assert_eq!(
            quoted(
                "451 4.7.1 blocked, pay at https://pay.example/ip?192.0.2.9 \
                 or <http://x.example/a> or www.Pay.example/b, see (mailto:a@b)"
            ),
            "451 4.7.1 blocked, pay at [URL] or [URL] or [URL], see (mailto:a@b)"
        );
        // Host names and addresses stay: they say who refused.
        assert_eq!(
            quoted("mx.example.org[192.0.2.10] said: 550 no"),
            "mx.example.org[192.0.2.10] said: 550 no"
        );
    }

    #[test]
    fn a_new_address_is_read_after_the_words_that_give_it() {
        let own = Some("neko@example.org");
        let moved = "551 5.1.6 User has moved; please try <tora@example.net>";
        assert_eq!(
            new_address(moved, own).as_deref(),
            Some("tora@example.net")
        );
        let is = "550 5.1.6 neko@example.org: new address is shiro@example.com";
        assert_eq!(new_address(is, own).as_deref(), Some("shiro@example.com"));
        // Its own address is no new one; nor an address far past the words.
        let same = "551 5.1.6 please try neko@example.org";
        assert_eq!(new_address(same, own), None);
        let far = format!("moved to {} kuro@example.com", "x ".repeat(60));
        assert_eq!(new_address(&far, own), None);
        assert_eq!(new_address("550 5.1.6 User has moved", own), None);
    }

    const ERS: &str = "<ana@example.org>: host mx.example.org[192.0.2.9] \
        said: 450 4.7.1 <ana@example.org>: Recipient address rejected: \
        Mail from <192.0.2.44> was refused due to the sender IP found in \
        ERS-QIL. (in reply to RCPT TO command)\n";

    /// The values for the first recipient of `text`'s report (kept for
    /// the rest of the test run: the values borrow it).
    fn values(text: &str, lang: Lang) -> Values<'static> {
        let options =
            Box::leak(Box::new(Options { lang, ..Options::default() }));
        let report = decode(text.as_bytes(), options).expect("decodes");
        Values::new(Box::leak(Box::new(report)), &[0], options)
    }

    #[test]
    fn every_placeholder_an_advice_text_may_use_has_its_own_slot() {
        let all = ALWAYS_FILLED.iter().chain(FILLED_WHEN_KNOWN);
        let slots: Vec<usize> = all.filter_map(|name| slot(name)).collect();
        assert_eq!(slots, (0..NAMES).collect::<Vec<_>>());
        assert_eq!(slot("no_such_placeholder"), None);
        // The ERS-QIL notice gives or words every always-filled value.
        let v = values(ERS, Lang::En);
        for name in ALWAYS_FILLED {
            assert!(v.get(name).is_some_and(|s| !s.is_empty()), "{name}");
        }
    }

    #[test]
    fn what_the_notice_gives_fills_the_text() {
        let v = values(ERS, Lang::En);
        let text = "{recipients} at {recipient_domain}: {reply_code} \
            {status}, {ip}, {remote_host}, {provider}";
        assert_eq!(
            v.fill(text),
            "ana@example.org at example.org: 450 4.7.1, the sending IP \
            address 192.0.2.44, the receiving server mx.example.org, \
            Trend Micro"
        );
    }

    #[test]
    fn a_step_whose_value_is_missing_is_left_out() {
        let full = "<ana@example.org>: host mx.example.org[192.0.2.9] \
            said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)\n";
        let v = values(full, Lang::Id);
        assert_eq!(v.step("Cek {list}: {lookup_url}."), None);
        assert_eq!(v.step("Kode {status}.").as_deref(), Some("Kode 5.2.2."));
        assert_eq!(
            v.step("Cek {ip}.").as_deref(),
            Some("Cek alamat IP server pengirim Anda.")
        );
        assert_eq!(
            v.fill("domain {domain}"),
            "domain yang disebutkan di pesan bounce"
        );
        assert_eq!(v.fill("({list})"), "((tidak diketahui))");
    }

    #[test]
    fn the_provider_is_the_recipients_own() {
        let gmail = "<rina@gmail.com>: host gmail-smtp-in.l.google.com\
            [192.0.2.30] said: 550 5.1.1 The email account that you tried \
            to reach does not exist. - gsmtp (in reply to RCPT TO command)\n";
        let v = values(gmail, Lang::En);
        assert_eq!(v.fill("{provider}"), "Google (Gmail)");
        let v = values(
            "<ana@example.org>: host mx.example.org[192.0.2.9] said: 550 \
             5.1.1 User unknown (in reply to RCPT TO command)\n",
            Lang::Id,
        );
        assert_eq!(v.fill("{provider}"), "penyedia email penerima");
    }

    #[test]
    fn no_providers_domain_is_the_users_own() {
        let own = |a: &str| may_be_own(&[a.to_string()], None);
        assert!(own("ana@example.org"));
        assert!(!own("ana@gmail.com"));
        assert!(!own("ana@kantor.onmicrosoft.com"));
        assert!(!own("ana@icloud.com"));
    }

    #[test]
    fn a_domain_other_than_the_senders_is_not_the_users_own() {
        let own = |a: &str, sender| may_be_own(&[a.to_string()], Some(sender));
        assert!(own("ana@example.org", "example.org"));
        assert!(own("ana@mail.example.org", "example.org"));
        assert!(!own("ana@example.net", "example.org"));
    }

    #[test]
    fn addresses_are_joined_in_each_language() {
        let items = ["a@example.org", "b@example.org", "c@example.org"];
        let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            join(&items, Lang::Id),
            "a@example.org, b@example.org, dan c@example.org"
        );
        assert_eq!(
            join(&items[..2], Lang::En),
            "a@example.org and b@example.org"
        );
        let many = recipients(&items, 9, Lang::En);
        assert_eq!(
            many,
            "a@example.org, b@example.org, c@example.org, and 6 other recipients"
        );
        assert_eq!(recipients(&[], 2, Lang::Id), "2 penerima tersebut");
        assert_eq!(recipients(&[], 1, Lang::En), "the recipient");
    }
}
