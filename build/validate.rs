// SPDX-License-Identifier: MIT
//! Checks on the knowledge files that serde's types cannot express.

use std::collections::HashSet;

use crate::knowledge::schema::advice::{ALWAYS_FILLED, FILLED_WHEN_KNOWN};
use crate::knowledge::schema::{Knowledge, KnowledgeFile, Text};
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
    "title",
    "number",
    "causes",
    "cause_list",
    "status",
];

/// Placeholders a link template may use.
pub const LINK_PLACEHOLDERS: &[&str] = &["ip", "domain"];

/// Checks one file on its own.
pub fn file(file: &KnowledgeFile) -> Result<(), String> {
    for entry in &file.entry {
        for link in
            [&entry.lookup, &entry.delist, &entry.doc].into_iter().flatten()
        {
            check_link(&entry.id, link)?;
        }
    }
    let advice_placeholders: Vec<&str> =
        ALWAYS_FILLED.iter().chain(FILLED_WHEN_KNOWN).copied().collect();
    for advice in &file.advice {
        let texts = [&advice.title, &advice.summary, &advice.reply];
        for text in texts.into_iter().chain(&advice.step) {
            check_text(&advice.subject, text, &advice_placeholders)?;
        }
    }
    for message in &file.message {
        check_text(&message.id, &message.text, TEXT_PLACEHOLDERS)?;
    }
    Ok(())
}

/// Checks what only the merged whole can show: unique ids, references.
pub fn whole(k: &Knowledge) -> Result<(), String> {
    let entries = unique(k.entry.iter().map(|e| e.id.as_str()), "entry")?;
    unique(k.rule.iter().map(|r| r.id.as_str()), "rule")?;
    unique(k.message.iter().map(|m| m.id.as_str()), "message")?;
    let status_keys: Vec<String> =
        k.status.iter().map(|s| format!("{} {:?}", s.code, s.hosts)).collect();
    unique(status_keys.iter().map(String::as_str), "status")?;
    unique(k.reply.iter().map(|r| r.code.as_str()), "reply")?;
    let advice_keys: Vec<String> = k
        .advice
        .iter()
        .map(|a| format!("{} {:?}", a.subject, a.timing))
        .collect();
    unique(advice_keys.iter().map(String::as_str), "advice")?;
    for entry in &k.entry {
        for cited in &entry.cites {
            if !entries.contains(cited.as_str()) {
                return Err(format!(
                    "{} cites unknown entry {cited}",
                    entry.id
                ));
            }
        }
    }
    for advice in &k.advice {
        let s = advice.subject.as_str();
        if Reason::from_name(s).is_none() && !entries.contains(s) {
            return Err(format!("advice for unknown reason or entry {s}"));
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
        for name in placeholders(s) {
            if !allowed.contains(&name) {
                return Err(format!("{owner}: unknown placeholder {{{name}}}"));
            }
        }
    }
    Ok(())
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
