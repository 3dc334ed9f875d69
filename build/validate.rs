// SPDX-License-Identifier: MIT
//! Checks on the knowledge files that serde's types cannot express.

use std::collections::HashSet;
use std::net::IpAddr;

use crate::knowledge::schema::advice::{ALWAYS_FILLED, FILLED_WHEN_KNOWN};
use crate::knowledge::schema::catalog::{
    Entry, EntryStatus, HostBound, ListedKind,
};
use crate::knowledge::schema::pattern::{
    expand_phrase, ReplyPattern, StatusPattern,
};
use crate::knowledge::schema::{Advice, Knowledge, KnowledgeFile, Rule, Text};
use crate::reason::Reason;

/// Placeholders a message may use; the code that shows the message fills
/// each of them (advice texts have their own lists, in
/// `schema::advice`).
pub const TEXT_PLACEHOLDERS: &[&str] = &[
    "recipients",
    "recipient_domain",
    "sender_domain",
    "ip",
    "remote_host",
    "provider",
    "count",
    "listed",
    "size",
    "limit",
    "range",
    "reason",
    "title",
    "number",
    "causes",
    "cause_list",
    "status",
    "total",
    "read",
    "rest",
    "option",
    "other",
    "value",
    // A list other than the advice's own (src/advise/other_lists.rs).
    "list",
    "lookup_url",
    "delist_url",
    "operator",
    // A log's messages: skipped ones delivered (src/split_log.rs), and
    // the CLI's heading of one (src/bin/pantul/summary.rs).
    "delivered",
    "queue_id",
    "sender",
];

/// Placeholders a link template may use.
pub const LINK_PLACEHOLDERS: &[&str] = &["ip", "domain"];

/// Checks one file on its own.
pub fn file(file: &KnowledgeFile) -> Result<(), String> {
    for entry in &file.entry {
        check_entry(entry)?;
    }
    let advice_placeholders: Vec<&str> =
        ALWAYS_FILLED.iter().chain(FILLED_WHEN_KNOWN).copied().collect();
    for advice in &file.advice {
        for phrase in &advice.when {
            if phrase.trim().is_empty() || phrase.to_lowercase() != *phrase {
                return Err(format!(
                    "advice for {}: `when` phrase {phrase:?} is not lowercase",
                    advice.subject
                ));
            }
        }
        let texts = [&advice.title, &advice.summary, &advice.reply];
        for text in texts.into_iter().chain(&advice.step) {
            check_text(&advice.subject, text, &advice_placeholders)?;
        }
    }
    for message in &file.message {
        check_text(&message.id, &message.text, TEXT_PLACEHOLDERS)?;
    }
    for rule in &file.rule {
        check_rule(rule).map_err(|e| format!("rule {}: {e}", rule.id))?;
    }
    Ok(())
}

/// Commands a rule may name.
const COMMANDS: &[&str] = &[
    "none", "CONNECT", "HELO", "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT",
    "DATA", "BDAT", "QUIT",
];

/// Actions a rule may name (RFC 3464 §2.3.3).
const ACTIONS: &[&str] =
    &["failed", "delayed", "delivered", "relayed", "expanded"];

fn check_rule(rule: &Rule) -> Result<(), String> {
    if rule.stage.is_empty() {
        return Err("rules belong in a stage folder under data/rules/".into());
    }
    if rule.sample.trim().is_empty() {
        return Err("no sample".into());
    }
    let phrases = rule.phrase.iter().chain(&rule.with).chain(&rule.unless);
    for phrase in phrases {
        if phrase.trim_matches('*').trim().is_empty() {
            return Err(format!("empty phrase {phrase:?}"));
        }
        match expand_phrase(phrase) {
            None => return Err(format!("bad range in phrase {phrase:?}")),
            Some(all) if all.len() > 1000 => {
                return Err(format!("phrase {phrase:?} stands for too many"))
            }
            Some(_) => {}
        }
    }
    for p in rule.status.iter().chain(&rule.not_status) {
        if StatusPattern::parse(p).is_none() {
            return Err(format!("bad status pattern {p:?}"));
        }
    }
    for p in &rule.reply {
        if ReplyPattern::parse(p).is_none() {
            return Err(format!("bad reply pattern {p:?}"));
        }
    }
    for c in rule.command.iter().chain(&rule.not_command) {
        if !COMMANDS.contains(&c.as_str()) {
            return Err(format!("unknown command {c:?}"));
        }
    }
    for a in &rule.action {
        if !ACTIONS.contains(&a.as_str()) {
            return Err(format!("unknown action {a:?}"));
        }
    }
    Ok(())
}

/// Puts the rules in the order of `data/rules/stages.toml`, keeping file
/// order inside a stage; fails on a rule in an unlisted stage.
pub fn order_rules(k: &mut Knowledge) -> Result<(), String> {
    let order: Vec<&str> = k.stage.iter().map(|s| s.dir.as_str()).collect();
    let mut keyed = Vec::with_capacity(k.rule.len());
    for (n, rule) in std::mem::take(&mut k.rule).into_iter().enumerate() {
        let Some(stage) = order.iter().position(|s| *s == rule.stage) else {
            return Err(format!(
                "rule {} is in stage {:?}, which stages.toml does not list",
                rule.id, rule.stage
            ));
        };
        keyed.push((stage, n, rule));
    }
    keyed.sort_by_key(|(stage, n, _)| (*stage, *n));
    k.rule = keyed.into_iter().map(|(_, _, rule)| rule).collect();
    Ok(())
}

/// Checks what only the merged whole can show: unique ids, references.
pub fn whole(k: &Knowledge) -> Result<(), String> {
    let entries = unique(k.entry.iter().map(|e| e.id.as_str()), "entry")?;
    unique(k.rule.iter().map(|r| r.id.as_str()), "rule")?;
    if k.entry.iter().filter(|e| e.fallback).count() > 1 {
        return Err("more than one catalog entry has fallback = true".into());
    }
    let providers =
        unique(k.provider.iter().map(|p| p.id.as_str()), "provider")?;
    unique(k.stage.iter().map(|s| s.dir.as_str()), "stage")?;
    for rule in &k.rule {
        for p in &rule.provider {
            if !providers.contains(p.as_str()) {
                return Err(format!(
                    "rule {} names unknown provider {p}",
                    rule.id
                ));
            }
        }
    }
    unique(k.message.iter().map(|m| m.id.as_str()), "message")?;
    let status_keys: Vec<String> = k
        .status
        .iter()
        .map(|s| format!("{} {:?} {:?}", s.code, s.hosts, s.when))
        .collect();
    unique(status_keys.iter().map(String::as_str), "status")?;
    for s in &k.status {
        if s.when.iter().any(|w| w.trim().is_empty() || w.to_lowercase() != *w)
        {
            return Err(format!(
                "status {}: a `when` phrase is not lowercase",
                s.code
            ));
        }
    }
    unique(k.reply.iter().map(|r| r.code.as_str()), "reply")?;
    let advice_keys: Vec<String> = k
        .advice
        .iter()
        .map(|a| format!("{} {:?} {:?}", a.subject, a.timing, a.when))
        .collect();
    unique(advice_keys.iter().map(String::as_str), "advice")?;
    for entry in &k.entry {
        check_references(entry, &entries)?;
        let advice: Vec<&Advice> =
            k.advice.iter().filter(|a| a.subject == entry.id).collect();
        if advice.is_empty() {
            return Err(format!(
                "{} has no advice (data/advice/catalog.toml)",
                entry.id
            ));
        }
        for a in advice {
            check_advice_links(entry, a)?;
        }
    }
    for bound in &k.host_bound {
        check_host_bound(bound, &k.entry)?;
    }
    for advice in &k.advice {
        let s = advice.subject.as_str();
        let notice = crate::knowledge::schema::advice::NOTICES.contains(&s)
            || crate::knowledge::schema::advice::HELD.contains(&s);
        if Reason::from_name(s).is_none() && !entries.contains(s) && !notice {
            return Err(format!("advice for unknown reason or entry {s}"));
        }
    }
    Ok(())
}

/// Host-bound words belong to a provider policy with `hosts` and are
/// among its phrases or codes.
fn check_host_bound(
    bound: &HostBound,
    entries: &[Entry],
) -> Result<(), String> {
    let id = &bound.entry;
    let entry = entries
        .iter()
        .find(|e| &e.id == id)
        .ok_or_else(|| format!("host_bound names unknown entry {id}"))?;
    if entry.hosts.is_empty() || bound.words.is_empty() {
        return Err(format!("host_bound {id}: no hosts or no words"));
    }
    for word in &bound.words {
        if !entry.phrases.contains(word) && !entry.codes.contains(word) {
            return Err(format!("host_bound {id}: {word:?} is not its own"));
        }
    }
    for mark in &bound.marks {
        if mark.trim().len() < 3 || mark.trim() != mark {
            return Err(format!("host_bound {id}: mark {mark:?} is too short"));
        }
    }
    Ok(())
}

fn unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    what: &str,
) -> Result<HashSet<&'a str>, String> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(format!("{what} {id} is defined twice"));
        }
    }
    Ok(seen)
}

fn check_text(
    owner: &str,
    text: &Text,
    allowed: &[&str],
) -> Result<(), String> {
    for (lang, s) in [("id", &text.id), ("en", &text.en)] {
        if s.trim().is_empty() {
            return Err(format!("{owner}: empty {lang} text"));
        }
        // "{sender_domain}" reads "domain Anda" when the notice names
        // no domain: "domain {sender_domain}" would double the word.
        if s.contains("domain {sender_domain}") {
            return Err(format!("{owner}: \"domain {{sender_domain}}\""));
        }
        for name in placeholders(s) {
            if !allowed.contains(&name) {
                return Err(format!("{owner}: unknown placeholder {{{name}}}"));
            }
        }
    }
    Ok(())
}

/// Ids an entry refers to (`cites`, `code_cites`, `refines`, samples'
/// `also`) must exist and not be the entry itself.
fn check_references(
    entry: &Entry,
    entries: &HashSet<&str>,
) -> Result<(), String> {
    let coded = entry.code_cites.iter().flat_map(|c| &c.cites);
    let named = entry.cites.iter().chain(coded).chain(&entry.refines);
    for other in named {
        if !entries.contains(other.as_str()) || *other == entry.id {
            return Err(format!(
                "{} refers to unknown entry {other}",
                entry.id
            ));
        }
    }
    for sample in &entry.sample {
        if let Some(id) =
            sample.also.iter().find(|a| !entries.contains(a.as_str()))
        {
            return Err(format!(
                "{}: sample names unknown entry {id}",
                entry.id
            ));
        }
    }
    Ok(())
}

/// Advice for an entry may use `{lookup_url}`, `{delist_url}` and
/// `{doc_url}` only if the entry has that link.
fn check_advice_links(entry: &Entry, advice: &Advice) -> Result<(), String> {
    let links = [
        ("lookup_url", entry.lookup.is_some()),
        ("delist_url", entry.delist.is_some()),
        ("doc_url", entry.doc.is_some()),
    ];
    let texts = [&advice.title, &advice.summary, &advice.reply];
    for text in texts.into_iter().chain(&advice.step) {
        for s in [&text.id, &text.en] {
            for name in placeholders(s) {
                if links.iter().any(|(n, has)| *n == name && !has) {
                    return Err(format!(
                        "advice for {}: uses {{{name}}} but the entry has no such link",
                        entry.id
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Checks one catalog entry: its id, links, recognition data and samples.
fn check_entry(entry: &Entry) -> Result<(), String> {
    let id = entry.id.as_str();
    let id_ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        return Err(format!("entry id {id:?} is not lowercase-with-dashes"));
    }
    check_text(&format!("{id}: name"), &entry.name, &[])?;
    check_text(&format!("{id}: operator"), &entry.operator, &[])?;
    if entry.source.trim().is_empty() {
        return Err(format!("{id}: empty source"));
    }
    for link in [&entry.lookup, &entry.delist, &entry.doc].into_iter().flatten()
    {
        check_link(id, link)?;
        check_link_fits(entry, link)?;
    }
    let gone = matches!(
        entry.status,
        EntryStatus::Defunct | EntryStatus::ReceiverError
    );
    if gone && entry.delist.is_some() {
        return Err(format!(
            "{id}: a defunct list or a lookup error has no delisting link"
        ));
    }
    match &entry.note {
        Some(note) => check_text(id, note, &[])?,
        None => return Err(format!("{id}: no note")),
    }
    if let Some(delisting) = &entry.delisting {
        check_text(id, delisting, &[])?;
    }
    check_recognition(entry)?;
    if entry.sample.is_empty() {
        return Err(format!("{id}: no [[entry.sample]]"));
    }
    for sample in &entry.sample {
        check_sample(entry, &sample.text, sample.listed.as_deref())?;
    }
    Ok(())
}

/// A link has at most one placeholder, and it fits what the entry lists.
fn check_link_fits(entry: &Entry, link: &str) -> Result<(), String> {
    if placeholders(link).count() > 1 {
        return Err(format!(
            "{}: link {link} has more than one placeholder",
            entry.id
        ));
    }
    for name in placeholders(link) {
        let fits = match name {
            "ip" => {
                matches!(entry.listed, ListedKind::Ip | ListedKind::Network)
            }
            "domain" => entry.listed == ListedKind::Domain,
            _ => false,
        };
        if !fits {
            return Err(format!(
                "{}: link {link} uses {{{name}}} but the entry lists {:?}",
                entry.id, entry.listed
            ));
        }
    }
    Ok(())
}

/// Zones are lowercase host names, answers are `127.x.y.z`, and the entry
/// can be recognised at all.
fn check_recognition(entry: &Entry) -> Result<(), String> {
    let id = &entry.id;
    for zone in &entry.zones {
        let ok = zone.contains('.')
            && zone.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'.'
                    || b == b'-'
            });
        if !ok {
            return Err(format!(
                "{id}: zone {zone:?} is not a lowercase host name"
            ));
        }
    }
    for answer in &entry.answers {
        let ok = answer.parse::<IpAddr>().is_ok() && answer.starts_with("127.");
        if !ok || entry.refines.is_empty() {
            return Err(format!(
                "{id}: answer {answer:?} needs 127.x.y.z and `refines`"
            ));
        }
    }
    let coded = entry.code_cites.iter().flat_map(|c| &c.codes);
    let words = entry
        .zones
        .iter()
        .chain(&entry.phrases)
        .chain(&entry.codes)
        .chain(coded);
    let mut any = false;
    for word in words {
        if word.trim().len() < 3 || word.trim() != word {
            return Err(format!(
                "{id}: pattern {word:?} is too short or padded"
            ));
        }
        any = true;
    }
    if !any && entry.answers.is_empty() && !entry.fallback {
        return Err(format!("{id}: nothing to recognise it by"));
    }
    Ok(())
}

/// Samples use documentation addresses only (RFC 5737, 3849, 2606), and
/// their listed value is of the kind the entry lists.
fn check_sample(
    entry: &Entry,
    text: &str,
    listed: Option<&str>,
) -> Result<(), String> {
    let id = &entry.id;
    if text.trim().is_empty() {
        return Err(format!("{id}: empty sample"));
    }
    for word in
        text.split(|c: char| !(c.is_ascii_hexdigit() || c == '.' || c == ':'))
    {
        let word = word.trim_matches(|c| c == '.' || c == ':');
        if let Ok(ip) = word.parse::<IpAddr>() {
            if !is_documentation(&ip) && !word.starts_with("127.") {
                return Err(format!(
                    "{id}: sample uses {word}, not a documentation address"
                ));
            }
        }
    }
    let Some(listed) = listed else { return Ok(()) };
    let fits = match (entry.listed, listed.parse::<IpAddr>()) {
        (ListedKind::Ip | ListedKind::Network, Ok(ip)) => is_documentation(&ip),
        (ListedKind::Domain, Err(_)) => {
            let d = listed.trim_end_matches('.');
            ["example.com", "example.org", "example.net"]
                .iter()
                .any(|e| d == *e || d.ends_with(&format!(".{e}")))
        }
        _ => false,
    };
    if !fits {
        return Err(format!(
            "{id}: sample listed {listed:?} does not fit {:?}",
            entry.listed
        ));
    }
    Ok(())
}

/// True if and only if `ip` is in 192.0.2.0/24, 198.51.100.0/24,
/// 203.0.113.0/24 or 2001:db8::/32.
fn is_documentation(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            matches!(
                (o[0], o[1], o[2]),
                (192, 0, 2) | (198, 51, 100) | (203, 0, 113)
            )
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            s[0] == 0x2001 && s[1] == 0x0db8
        }
    }
}

fn check_link(owner: &str, link: &str) -> Result<(), String> {
    if !link.starts_with("https://") && !link.starts_with("http://") {
        return Err(format!("{owner}: link {link} is not http(s)"));
    }
    for name in placeholders(link) {
        if !LINK_PLACEHOLDERS.contains(&name) {
            return Err(format!("{owner}: link uses unknown {{{name}}}"));
        }
    }
    Ok(())
}

/// The names inside `{…}` in a text.
pub fn placeholders(s: &str) -> impl Iterator<Item = &str> {
    s.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|p| p.0)
}
