// SPDX-License-Identifier: MIT
//! The catalog, end to end: every entry's samples decode through the
//! whole pipeline to that entry, with the listed value and links built
//! from the catalog's templates; lookup errors and shut-down lists are
//! told apart; hostile values never reach a link.

use pantul::knowledge::catalog::fill_link;
use pantul::knowledge::schema::advice::Actor;
use pantul::knowledge::schema::catalog::{Entry, EntryStatus, ListedKind};
use pantul::knowledge::schema::Text;
use pantul::report::{Blocklist, Report};
use pantul::{decode, Lang, Options};

fn entries() -> &'static [Entry] {
    &pantul::knowledge::get().entry
}

fn report(text: &str, lang: Lang) -> Report {
    let options = Options { lang, ..Options::default() };
    match decode(text.as_bytes(), &options) {
        Ok(report) => report,
        Err(e) => panic!("{text:?} does not decode: {e}"),
    }
}

/// What is wrong with one sample's report, if anything.
fn check_sample(
    entry: &Entry,
    text: &str,
    listed: Option<&str>,
    also: &[String],
) -> Result<(), String> {
    let report = report(text, Lang::En);
    let r = report.recipients.first().ok_or("no recipient")?;
    let ids: Vec<&str> = r.listings.iter().map(|l| l.id.as_str()).collect();
    let card: &Blocklist = r
        .listings
        .iter()
        .find(|l| l.id == entry.id)
        .ok_or_else(|| format!("not named; found {ids:?}"))?;
    for other in also {
        if !ids.contains(&other.as_str()) {
            return Err(format!("{other} not named too; found {ids:?}"));
        }
    }
    if entry.kind.is_policy() {
        let policy = r.policy.as_ref().map(|p| p.id.as_str());
        if policy != Some(entry.id.as_str()) {
            return Err(format!("policy is {policy:?}"));
        }
    } else if also.is_empty() {
        let list = r.blocklist.as_ref().map(|b| b.id.as_str());
        if list != Some(entry.id.as_str()) {
            return Err(format!("blocklist is {list:?}; found {ids:?}"));
        }
    }
    if card.listed.as_deref() != listed {
        return Err(format!("listed {:?}, want {listed:?}", card.listed));
    }
    let link = |t: &Option<String>| t.as_deref().map(|t| fill_link(t, listed));
    if card.lookup_url != link(&entry.lookup) {
        return Err(format!("lookup link {:?}", card.lookup_url));
    }
    if card.delist_url != link(&entry.delist) {
        return Err(format!("delisting link {:?}", card.delist_url));
    }
    let filled = |t: &Option<String>| {
        t.as_deref().is_none_or(|t| match listed {
            Some(v) if t.contains('{') => {
                fill_link(t, None) != fill_link(t, Some(v))
            }
            _ => true,
        })
    };
    if !filled(&entry.lookup) || !filled(&entry.delist) {
        return Err("a link template was not filled".to_string());
    }
    check_special(entry, &report)?;
    check_advice(entry, text)
}

/// Lookup errors and shut-down lists warn and offer no delisting;
/// network listings warn that the hosting provider must act.
fn check_special(entry: &Entry, report: &Report) -> Result<(), String> {
    let warned = |id: &str| report.warning_ids.iter().any(|w| w == id);
    let want = match entry.status {
        EntryStatus::ReceiverError => Some("warning.receiver-lookup-error"),
        EntryStatus::Defunct => Some("warning.defunct-list"),
        _ => None,
    };
    if let Some(id) = want {
        if !warned(id) {
            return Err(format!("no {id}: {:?}", report.warning_ids));
        }
    }
    if entry.listed == ListedKind::Network && !warned("warning.network-listing")
    {
        return Err("no network warning".to_string());
    }
    Ok(())
}

/// The sample's advice exists in both languages, every placeholder
/// filled.
fn check_advice(entry: &Entry, text: &str) -> Result<(), String> {
    for lang in [Lang::Id, Lang::En] {
        let report = report(text, lang);
        let advice = report
            .advice
            .iter()
            .find(|a| a.id == entry.id || report.advice.len() == 1)
            .ok_or("no advice")?;
        let texts = [&advice.title, &advice.summary, &advice.reply];
        for t in texts.into_iter().chain(&advice.steps) {
            if t.contains('{') || t.trim().is_empty() {
                return Err(format!("advice text {t:?}"));
            }
        }
        if report.ticket_reply.contains('{') {
            return Err("ticket reply has a placeholder".to_string());
        }
    }
    Ok(())
}

#[test]
fn every_sample_decodes_to_its_entry() {
    let mut failures = Vec::new();
    let mut samples = 0;
    for entry in entries() {
        for sample in &entry.sample {
            samples += 1;
            let listed = sample.listed.as_deref();
            if let Err(why) =
                check_sample(entry, &sample.text, listed, &sample.also)
            {
                failures
                    .push(format!("{}: {why}\n    {}", entry.id, sample.text));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(samples >= 60, "only {samples} samples");
}

#[test]
fn the_catalog_is_large_and_complete() {
    let entries = entries();
    assert!(entries.len() >= 60, "only {} entries", entries.len());
    for entry in entries {
        assert!(!entry.sample.is_empty(), "{} has no sample", entry.id);
        let advice = pantul::knowledge::advice::for_subject(&entry.id);
        assert!(advice.is_some_and(|a| !a.step.is_empty()), "{}", entry.id);
    }
    let id = |id: &str| entries.iter().any(|e| e.id == id);
    assert!(id("trendmicro-ers"), "the seed's entry keeps its id");
}

/// Catalog and provider links that stay plain http, each with the reason:
/// no https copy of the page could be confirmed.
/// None today: Hostkarma's plain-http wiki page gave way to the
/// operator's https home page.
const PLAIN_HTTP: &[(&str, &str)] = &[];

#[test]
fn every_link_is_https_but_the_listed_exceptions() {
    let knowledge = pantul::knowledge::get();
    let catalog = knowledge.entry.iter().flat_map(|e| {
        [&e.lookup, &e.delist, &e.doc]
            .into_iter()
            .flatten()
            .map(move |link| (e.id.as_str(), link.as_str()))
    });
    let providers = knowledge
        .provider
        .iter()
        .filter_map(|p| p.doc.as_deref().map(|link| (p.id.as_str(), link)));
    let mut links = 0;
    let mut plain = Vec::new();
    for (id, link) in catalog.chain(providers) {
        links += 1;
        let excepted = PLAIN_HTTP.iter().any(|(url, _)| *url == link);
        if !link.starts_with("https://") && !excepted {
            plain.push(format!("{id}: {link}"));
        }
    }
    assert!(plain.is_empty(), "links not https:\n{}", plain.join("\n"));
    assert!(links >= 150, "only {links} links");
    let free = knowledge.entry.iter().find(|e| e.id == "free-fr");
    let free = free.and_then(|e| e.lookup.as_deref());
    assert_eq!(free, Some("https://postmaster.free.fr/"));
}

#[test]
fn a_link_excepted_from_https_is_still_in_use() {
    let knowledge = pantul::knowledge::get();
    for (url, reason) in PLAIN_HTTP {
        let used = knowledge.entry.iter().any(|e| {
            [&e.lookup, &e.delist, &e.doc]
                .into_iter()
                .any(|l| l.as_deref() == Some(*url))
        });
        assert!(used, "{url} ({reason}) is no longer used: drop it");
    }
}

#[test]
fn a_provider_code_names_the_list_behind_it() {
    let text = "554 5.7.1 [192.0.2.31] blocked by Comcast; see \
                https://postmaster.comcast.net/smtp-error-codes.php#BL000001";
    let report = report(text, Lang::En);
    let r = &report.recipients[0];
    assert_eq!(
        r.blocklist.as_ref().map(|b| b.id.as_str()),
        Some("spamhaus-zen")
    );
    assert_eq!(r.policy.as_ref().map(|p| p.id.as_str()), Some("comcast-lists"));
    let zen = &r.listings[0];
    assert_eq!(zen.listed.as_deref(), Some("192.0.2.31"));
    assert_eq!(zen.cited_by.as_deref(), Some("comcast-lists"));
}

#[test]
fn an_answer_code_names_the_component() {
    let text = "554 5.7.1 Service unavailable; Client host [198.51.100.4] \
                blocked using zen.spamhaus.org (127.0.0.11)";
    let r = &report(text, Lang::En).recipients[0];
    let ids: Vec<&str> = r.listings.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["spamhaus-pbl"]);
    // The same code next to another list's zone means nothing.
    let text = "554 5.7.1 Client host [198.51.100.4] blocked using \
                bl.spamcop.net (127.0.0.11)";
    let r = &report(text, Lang::En).recipients[0];
    let ids: Vec<&str> = r.listings.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["spamcop"]);
}

#[test]
fn a_lookup_error_is_not_a_listing() {
    let text = "554 5.7.1 Service unavailable; Client host [192.0.2.8] \
                blocked using zen.spamhaus.org; Error: open resolver; \
                https://www.spamhaus.org/returnc/pub/203.0.113.53";
    let report = report(text, Lang::En);
    let r = &report.recipients[0];
    let list = r.blocklist.as_ref().map(|b| b.id.as_str());
    assert_eq!(list, Some("spamhaus-query-error"));
    assert!(r.listings.iter().all(|l| l.delist_url.is_none()));
    assert!(report
        .warning_ids
        .contains(&"warning.receiver-lookup-error".to_string()));
    assert_eq!(
        report.advice[0].who,
        pantul::knowledge::schema::advice::Actor::Recipient
    );
}

#[test]
fn a_defunct_list_sends_nobody_to_delist() {
    let text = "554 5.7.1 Service unavailable; Client host [192.0.2.9] \
                blocked using dnsbl.sorbs.net";
    let report = report(text, Lang::Id);
    let r = &report.recipients[0];
    assert_eq!(r.blocklist.as_ref().map(|b| b.id.as_str()), Some("sorbs"));
    assert!(r.listings.iter().all(|l| l.delist_url.is_none()));
    assert!(report.warning_ids.contains(&"warning.defunct-list".to_string()));
}

#[test]
fn a_defunct_list_beside_live_ones_leaves_them_to_delist() {
    let text = "550 5.7.1 Rejected: 198.51.100.44 listed at dnsbl.sorbs.net, \
                b.barracudacentral.org, bl.mailspike.net";
    for lang in [Lang::Id, Lang::En] {
        let report = report(text, lang);
        let r = &report.recipients[0];
        // The first live list named is the one to fix, SORBS comes last.
        let ids: Vec<&str> = r.listings.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["barracuda", "mailspike", "sorbs"]);
        assert_eq!(
            r.blocklist.as_ref().map(|b| b.id.as_str()),
            Some("barracuda")
        );
        assert_eq!(report.warning_ids, ["warning.defunct-list-beside-live"]);
        let [advice] = report.advice.as_slice() else { panic!("one advice") };
        assert_eq!(advice.id, "barracuda");
        let steps = advice.steps.join("\n");
        assert!(steps
            .contains("https://www.barracudacentral.org/rbl/removal-request"));
        assert!(
            steps.contains("https://mailspike.org/iplookup.html"),
            "{steps}"
        );
        let sorbs = advice.steps.iter().filter(|s| s.contains("SORBS"));
        assert_eq!(sorbs.count(), 1, "{steps}");
        // The last step still sends the email again.
        let last = advice.steps.last().map(String::as_str).unwrap_or("");
        assert!(!last.contains("SORBS") && !last.contains("Mailspike"));
    }
    // Beside Spamhaus ZEN, too: its steps, and a note on SORBS.
    let text = "554 5.7.1 Service unavailable; Client host [198.51.100.45] \
                blocked using dnsbl.sorbs.net, zen.spamhaus.org";
    let report = report(text, Lang::En);
    assert_eq!(report.advice[0].id, "spamhaus-zen");
    assert!(report.advice[0]
        .steps
        .iter()
        .any(|s| s.contains("SORBS (shut down): ignore")));
}

#[test]
fn a_second_live_list_gets_a_step_of_its_own() {
    let text = "550 5.7.1 Rejected: 203.0.113.5 listed at \
                b.barracudacentral.org, zen.spamhaus.org";
    let report = report(text, Lang::Id);
    let [advice] = report.advice.as_slice() else { panic!("one advice") };
    assert_eq!(advice.id, "barracuda");
    let zen = "Bounce ini juga menyebut Spamhaus ZEN: cek IP di \
               https://check.spamhaus.org/results/?query=203.0.113.5.";
    assert!(
        advice.steps.iter().any(|s| s.starts_with(zen)),
        "{:?}",
        advice.steps
    );
    assert!(report.warning_ids.is_empty());
}

/// Values no link may be built from.
const HOSTILE: &[&str] = &[
    "\"><script>alert(1)</script>",
    "javascript:alert(1)",
    "192.0.2.1\" onmouseover=\"x",
    "192.0.2.1 ",
    " 192.0.2.1",
    "192.0.2.1/../../x",
    "<script>",
    "１９２.０.２.１",
    "192․0․2․1",
    "192.0.2.1\u{0663}",
    "192.0.2.010",
    "0192.0.2.1",
    "fe80::1%eth0",
    "2001:db8::1%25eth0",
    "10.0.0.1",
    "127.0.0.2",
    "exаmple.com",
    "example.com/../../evil",
    "example.com?x=1",
    "example..com",
    "-example.com",
    "example.com\n",
    "example.123",
    "",
];

#[test]
fn hostile_values_never_reach_a_link() {
    for entry in entries() {
        for template in [&entry.lookup, &entry.delist].into_iter().flatten() {
            let bare = fill_link(template, None);
            for value in HOSTILE {
                assert_eq!(
                    fill_link(template, Some(value)),
                    bare,
                    "{}: {value:?}",
                    entry.id
                );
            }
        }
    }
}

#[test]
fn hostile_text_gives_no_hostile_link() {
    let texts = [
        "554 5.7.1 Client host [\"><script>alert(1)</script>] blocked using zen.spamhaus.org",
        "554 5.7.1 Client host [192.0.2.010] blocked using zen.spamhaus.org",
        "554 5.7.1 Client host [１９２.０.２.１] blocked using bl.spamcop.net",
        "554 5.7.1 Client host [192.0.2.1\u{0663}] blocked using bl.spamcop.net",
        "554 5.7.1 Client host [fe80::1%eth0] blocked using bl.spamcop.net",
        "550 5.7.1 javascript:alert(1) listed in dbl.spamhaus.org",
        "550 5.7.1 exаmple.com listed in dbl.spamhaus.org",
        "550 5.7.1 Sender address [a@b c.example.com] blocked using dbl.spamhaus.org",
    ];
    for text in texts {
        let report = report(text, Lang::En);
        let r = &report.recipients[0];
        assert!(!r.listings.is_empty(), "{text}");
        for card in &r.listings {
            assert_eq!(card.listed, None, "{text}");
            for url in
                [&card.lookup_url, &card.delist_url].into_iter().flatten()
            {
                assert!(
                    url.bytes()
                        .all(|b| b.is_ascii_graphic()
                            && !b"<>\"'`\\".contains(&b)),
                    "{text}: {url}"
                );
            }
        }
        assert!(
            report
                .warning_ids
                .iter()
                .any(|w| w == "warning.listed-missing"
                    || w == "warning.masked-ip")
        );
    }
}

#[test]
fn a_masked_ip_warns_and_links_without_it() {
    let text = "554 5.7.1 Service unavailable; Client host [xx.xx.xx.xx] \
                blocked using bl.spamcop.net";
    let report = report(text, Lang::En);
    let card = &report.recipients[0].listings[0];
    assert_eq!(card.listed, None);
    assert_eq!(
        card.lookup_url.as_deref(),
        Some("https://www.spamcop.net/bl.shtml")
    );
    assert!(report.warning_ids.contains(&"warning.masked-ip".to_string()));
    let options = Options {
        lang: Lang::En,
        sending_ip: Some("192.0.2.200".to_string()),
        ..Options::default()
    };
    let Ok(report) = decode(text.as_bytes(), &options) else { panic!() };
    let card = &report.recipients[0].listings[0];
    assert_eq!(
        card.lookup_url.as_deref(),
        Some("https://www.spamcop.net/bl.shtml?192.0.2.200")
    );
}

#[test]
fn cards_are_localized() {
    let text = "554 5.7.1 Service unavailable; Client host [192.0.2.8] \
                blocked using bl.spamcop.net";
    let id = &report(text, Lang::Id).recipients[0].listings[0];
    let en = &report(text, Lang::En).recipients[0].listings[0];
    assert_ne!(id.kind_label, en.kind_label);
    assert_ne!(id.note, en.note);
    assert!(!id.kind_label.starts_with("catalog."));
    assert!(!en.status_label.starts_with("catalog."));
}

/// Lowercase words that belong to a proper name, not to a description:
/// SURBL's combined list is called "multi" (multi.surbl.org); PSBL's
/// operator is Rik van Riel; NiX Spam's is the magazine "heise iX".
const PROPER_LOWERCASE: &[&str] = &["multi", "van", "heise"];

/// Words an Indonesian name may share with the English one: the
/// glossary's loanwords (docs/glossary.md: spam, blacklist, email,
/// listing, hosting) and Indonesian words spelled as in English (server,
/// domain, filter, manual).
const SHARED_WORDS: &[&str] = &[
    "spam",
    "blacklist",
    "email",
    "listing",
    "hosting",
    "server",
    "domain",
    "filter",
    "manual",
];

/// The text with every quoted span ("…") left out: a server's own words.
fn unquoted(text: &str) -> String {
    text.split('"').step_by(2).collect::<Vec<_>>().join(" ")
}

/// The words of a name that describe rather than name, in English: each
/// word written wholly in lowercase letters (two or more), outside
/// quotes, that is not part of a domain ("web.de", "blocklist.de") or
/// of a code ("BL0000xx"). A proper name is written with capitals
/// ("Passive Spam Block List", "Spamhaus DROP"), a description is not
/// ("temporary deferral", "(shut down)", "IP reputation").
fn descriptive_words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in unquoted(name).split_whitespace() {
        let token = token.trim_matches(|c: char| "()[],;:'".contains(c));
        let domain = token
            .split_once('.')
            .is_some_and(|(_, rest)| rest.starts_with(char::is_alphabetic));
        if domain {
            continue;
        }
        let token = token.strip_suffix("'s").unwrap_or(token);
        for word in token.split(['-', '/']) {
            let lowercase =
                word.len() >= 2 && word.chars().all(|c| c.is_ascii_lowercase());
            if lowercase && !PROPER_LOWERCASE.contains(&word) {
                out.push(word.to_string());
            }
        }
    }
    out
}

#[test]
fn the_name_rule_tells_descriptions_from_proper_names() {
    let proper = [
        "Trend Micro ERS Quick IP List (QIL)",
        "Spamhaus DROP (Don't Route Or Peer)",
        "blocklist.de",
        "Invaluement ivmSIP/24",
        "SURBL multi",
    ];
    for name in proper {
        assert_eq!(descriptive_words(name), Vec::<String>::new(), "{name}");
    }
    assert_eq!(
        descriptive_words("Yahoo/AOL temporary deferral (TSS04)"),
        ["temporary", "deferral"]
    );
    assert_eq!(descriptive_words("SORBS (shut down)"), ["shut", "down"]);
    assert_eq!(
        descriptive_words("Comcast/Xfinity dynamic-IP block (BL0000xx)"),
        ["dynamic", "block"]
    );
    assert_eq!(
        descriptive_words("GMX, web.de and mail.com IP block"),
        ["and", "block"]
    );
}

/// Why `text`, the entry `id`'s `field`, lacks an Indonesian text of
/// its own: it describes (holds English words in lowercase) and has no
/// Indonesian text, or one that keeps those words, bar
/// [`SHARED_WORDS`]. None for a proper name or a translation.
fn untranslated(id: &str, field: &str, text: &Text) -> Option<String> {
    let english = descriptive_words(&text.en);
    if english.is_empty() {
        return None;
    }
    if text.id == text.en {
        return Some(format!("{id}: {:?} has no {field}.id", text.en));
    }
    let kept: Vec<&String> = descriptive_words(&text.id)
        .iter()
        .filter(|w| !SHARED_WORDS.contains(&w.as_str()))
        .filter_map(|w| english.iter().find(|e| *e == w))
        .collect();
    (!kept.is_empty()).then(|| {
        format!("{id}: {field}.id {:?} keeps English {kept:?}", text.id)
    })
}

/// Every entry whose name describes (holds English words in lowercase)
/// has an Indonesian name of its own that does not keep those words,
/// bar [`SHARED_WORDS`]; a proper name needs none.
#[test]
fn descriptive_names_are_given_in_indonesian_too() {
    let missing: Vec<String> = entries()
        .iter()
        .filter_map(|e| untranslated(&e.id, "name", &e.name))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // The rule has something to check.
    let described = entries()
        .iter()
        .filter(|e| !descriptive_words(&e.name.en).is_empty())
        .count();
    assert!(described >= 40, "only {described} descriptive names");
}

/// Who runs an entry follows the same rule as its name: "AOL (now
/// Yahoo)" and "cPanel (your hosting server)" describe, so they are
/// given in Indonesian too; "Microsoft" is a proper name.
#[test]
fn descriptive_operators_are_given_in_indonesian_too() {
    let missing: Vec<String> = entries()
        .iter()
        .filter_map(|e| untranslated(&e.id, "operator", &e.operator))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    let described = entries()
        .iter()
        .filter(|e| !descriptive_words(&e.operator.en).is_empty())
        .count();
    assert!(described >= 8, "only {described} descriptive operators");
    let id = pantul::knowledge::export::catalog(Lang::Id);
    let aol = id.entries.iter().find(|e| e.entry.id == "aol-legacy");
    assert_eq!(aol.map(|e| e.operator.as_str()), Some("AOL (kini Yahoo)"));
}

#[test]
fn names_follow_the_language() {
    let text = "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily \
                deferred due to unexpected volume or user complaints - \
                4.16.55.1; see https://postmaster.yahooinc.com/error-codes";
    let name = |lang| {
        let r = report(text, lang);
        let list = r.recipients[0].listings.first().cloned();
        list.map(|l| l.name).unwrap_or_default()
    };
    assert_eq!(name(Lang::En), "Yahoo/AOL temporary deferral (TSS04)");
    assert_eq!(name(Lang::Id), "Penundaan sementara oleh Yahoo/AOL (TSS04)");
    let catalog = pantul::knowledge::export::catalog(Lang::Id);
    let tss04 = catalog.entries.iter().find(|e| e.entry.id == "yahoo-tss04");
    assert_eq!(
        tss04.map(|e| e.name.as_str()),
        Some("Penundaan sementara oleh Yahoo/AOL (TSS04)")
    );
}

/// The host names an entry is known by: its zones and the host part of
/// each phrase that opens with one (`spamhaus.org/pbl`), with the rest
/// of the phrase (`/pbl`).
fn host_names(entry: &Entry) -> Vec<(String, String)> {
    let zones = entry.zones.iter().map(|z| (z.clone(), String::new()));
    let phrases = entry.phrases.iter().filter_map(|p| {
        let (host, rest) = p.split_at(p.find('/').unwrap_or(p.len()));
        let named = !host.contains(' ')
            && pantul::knowledge::catalog::checked_domain(host).is_some();
        named.then(|| (host.to_string(), rest.to_string()))
    });
    zones.chain(phrases).collect()
}

/// The last two labels of a host name or of a link's host.
fn site(name: &str) -> String {
    let host = name.split_once("://").map_or(name, |(_, rest)| rest);
    let host = host.split(['/', '?']).next().unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    labels[labels.len().saturating_sub(2)..].join(".").to_ascii_lowercase()
}

/// The sites of an entry's host names and links.
fn own_sites(entry: &Entry) -> Vec<String> {
    let links = [&entry.lookup, &entry.delist, &entry.doc];
    let links = links.into_iter().flatten().map(|l| site(l));
    host_names(entry).iter().map(|(h, _)| site(h)).chain(links).collect()
}

#[test]
fn a_look_alike_host_names_no_list() {
    use pantul::knowledge::catalog::recognize;
    let bound = &pantul::knowledge::get().host_bound;
    let mut wrong = Vec::new();
    let mut checked = 0;
    for entry in entries() {
        for (host, rest) in host_names(entry) {
            let plain = bound.iter().any(|b| b.entry == entry.id);
            let genuine = format!("blocked, see https://www.{host}{rest}");
            if !plain
                && !recognize(&genuine).iter().any(|l| l.entry.id == entry.id)
            {
                wrong.push(format!(
                    "{}: genuine {genuine:?} not named",
                    entry.id
                ));
            }
            let alikes = [
                format!("Client host [192.0.2.9] blocked using {host}.evil.example"),
                format!("blocked, see https://www.{host}.evil.example{rest}"),
                format!("blocked, see https://www.{host}@evil.example{rest}?ip=192.0.2.9"),
                format!("blocked, see https://{host}:x@evil.example{rest}"),
                format!("blocked, see www.{host}@evil.example{rest}"),
                format!("blocked, see https://evil.example/{host}{rest}"),
                format!("blocked, see https://evil.example/?u={host}{rest}"),
            ];
            // `evilbl.mailspike.net` is under the entry's own site
            // `mailspike.net`: not a look-alike.
            let glued = ["evil", "evil-"].map(|g| format!("{g}{host}"));
            let glued = glued
                .iter()
                .filter(|name| !own_sites(entry).contains(&site(name)))
                .map(|name| format!("blocked using {name}{rest}"));
            let alikes = alikes.into_iter().chain(glued);
            for text in alikes {
                checked += 1;
                let named: Vec<&str> = recognize(&text)
                    .iter()
                    .filter(|l| !l.entry.fallback)
                    .map(|l| l.entry.id.as_str())
                    .collect();
                if !named.is_empty() {
                    wrong.push(format!("{text:?} names {named:?}"));
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} look-alikes");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn barracudas_cloud_filter_is_named_as_the_recipients() {
    let text = include_str!("fixtures/postfix/200.txt");
    let en = report(text, Lang::En);
    let policy = en.recipients[0].policy.as_ref();
    assert_eq!(policy.map(|p| p.id.as_str()), Some("barracuda-ess"));
    assert_eq!(policy.map(|p| p.provider.as_str()), Some("Barracuda Networks"));
    let advice = &en.advice[0];
    assert_eq!(advice.id, "barracuda-ess");
    assert_eq!(advice.who, Actor::Sender);
    assert_eq!(
        advice.title,
        "The recipient's Barracuda email filter blocked the email"
    );
    assert!(advice.summary.starts_with(
        "Email to koperasi-contoh.co.id goes through Barracuda's cloud filter"
    ));
    let steps = advice.steps.join("\n");
    for link in [
        "https://www.barracudacentral.org/lookups/lookup-reputation",
        "https://www.barracudacentral.org/rbl/removal-request",
        "https://campus.barracuda.com/doc/169282026",
    ] {
        assert!(steps.contains(link), "{link} missing from {steps}");
    }
    assert!(steps.contains("Message Log"));
    let id = report(text, Lang::Id);
    assert_eq!(
        id.advice[0].title,
        "Filter email Barracuda milik penerima memblokir email"
    );
}

#[test]
fn the_same_verdict_from_other_hosts_names_no_cloud_filter() {
    for host in [
        "filter.koperasi-contoh.co.id",
        "d58.ess.barracudanetworks.com.evil.example",
        "evilbarracudanetworks.com",
    ] {
        let text = format!(
            "<bendahara@koperasi-contoh.co.id>: host {host}[192.0.2.211] \
             said: 550 permanent failure for one or more recipients \
             (bendahara@koperasi-contoh.co.id:blocked) (in reply to end \
             of DATA command)"
        );
        let report = report(&text, Lang::En);
        let recipient = &report.recipients[0];
        assert!(recipient.policy.is_none(), "{host}");
        assert_eq!(recipient.reason.name(), "blocked", "{host}");
    }
}

#[test]
fn free_frs_block_links_to_its_https_page() {
    let text = include_str!("fixtures/postfix/202.txt");
    let report = report(text, Lang::En);
    let recipient = &report.recipients[0];
    let listing = recipient.listings.first();
    assert_eq!(listing.map(|l| l.id.as_str()), Some("free-fr"));
    let lookup = listing.and_then(|l| l.lookup_url.as_deref());
    assert_eq!(lookup, Some("https://postmaster.free.fr/"));
    assert_eq!(
        listing.and_then(|l| l.listed.as_deref()),
        Some("198.51.100.230")
    );
}

#[test]
fn a_queue_listing_reads_each_providers_deferral() {
    let text = include_str!("fixtures/mailq/203.txt");
    let report = report(text, Lang::En);
    let got: Vec<(&str, &str, Option<&str>)> = report
        .recipients
        .iter()
        .map(|r| {
            let policy = r.policy.as_ref().map_or("", |p| p.id.as_str());
            (policy, r.reason.name(), r.remote_host.as_deref())
        })
        .collect();
    assert_eq!(
        got,
        [
            ("gmail-rate-limit", "blocked", Some("gmail-smtp-in.l.google.com")),
            (
                "outlook-ratelimit",
                "badreputation",
                Some("outlook-com.olc.protection.outlook.com")
            ),
            // Postfix's "refused to talk to me" names the host too.
            ("yahoo-tss04", "rejected", Some("mta6.am0.yahoodns.net")),
            (
                "ms365-throttle",
                "blocked",
                Some("toko-mitra-co-id.mail.protection.outlook.com")
            ),
        ]
    );
    let yahoo = &report.recipients[2];
    assert_eq!(yahoo.remote_ip.as_deref(), Some("192.0.2.106"));
    assert_eq!(yahoo.reply_code, Some(421));
    assert!(yahoo
        .diagnostic
        .as_deref()
        .is_some_and(|d| d.starts_with("421 4.7.0 [TSS04]")));
    assert!(report.recipients.iter().all(|r| !r.permanent));
    let advice: Vec<&str> =
        report.advice.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        advice,
        [
            "gmail-rate-limit",
            "outlook-ratelimit",
            "yahoo-tss04",
            "ms365-throttle"
        ]
    );
}
