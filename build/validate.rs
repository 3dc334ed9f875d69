// SPDX-License-Identifier: MIT
//! Checks on the knowledge files that serde's types cannot express.

use std::collections::HashSet;

use crate::knowledge::schema::advice::{ALWAYS_FILLED, FILLED_WHEN_KNOWN};
use crate::knowledge::schema::pattern::{
    expand_phrase, ReplyPattern, StatusPattern,
};
use crate::knowledge::schema::{Knowledge, KnowledgeFile, Rule, Text};
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
        if expand_phrase(phrase).is_none() {
            return Err(format!("bad range in phrase {phrase:?}"));
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
