// SPDX-License-Identifier: MIT
//! The classification rules of `data/rules/`, compiled into one
//! multi-pattern automaton.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::schema::Rule;
use crate::grammar::status::Status;

/// What a rule may be checked against besides the words.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// The remote host, lowercase.
    pub remote_host: Option<&'a str>,
    /// The host that wrote the notice, lowercase.
    pub reporting_mta: Option<&'a str>,
    /// The enhanced status code.
    pub status: Option<Status>,
    /// The family that read the notice.
    pub format: &'a str,
}

/// A rule that matched, and the words it matched.
#[derive(Clone, Copy, Debug)]
pub struct Match<'a> {
    /// The rule.
    pub rule: &'static Rule,
    /// The words of the text that matched its phrase (empty for rules
    /// without phrases).
    pub words: &'a str,
}

struct Compiled {
    automaton: Option<AhoCorasick>,
    /// The rule index of each pattern.
    owners: Vec<usize>,
    /// Rules without phrases, in order.
    phraseless: Vec<usize>,
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let rules = &super::get().rule;
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut phraseless = Vec::new();
        for (n, rule) in rules.iter().enumerate() {
            if rule.phrase.is_empty() {
                phraseless.push(n);
            }
            for phrase in &rule.phrase {
                patterns.push(phrase.as_str());
                owners.push(n);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Compiled { automaton, owners, phraseless }
    })
}

/// The first rule, in file order, whose phrase occurs in `text` and whose
/// conditions the context meets; rules without phrases are tried after
/// all phrase rules.
pub fn first_match<'t>(text: &'t str, ctx: &Context<'_>) -> Option<Match<'t>> {
    let c = compiled();
    let rules = &super::get().rule;
    let mut best: Option<(usize, usize, usize)> = None;
    if let Some(automaton) = &c.automaton {
        for found in automaton.find_overlapping_iter(text) {
            let n = c.owners[found.pattern().as_usize()];
            if best.is_some_and(|(b, _, _)| b <= n) || !applies(&rules[n], ctx)
            {
                continue;
            }
            best = Some((n, found.start(), found.end()));
        }
    }
    if let Some((n, start, end)) = best {
        return Some(Match { rule: &rules[n], words: &text[start..end] });
    }
    c.phraseless
        .iter()
        .map(|&n| &rules[n])
        .find(|rule| applies(rule, ctx))
        .map(|rule| Match { rule, words: "" })
}

fn applies(rule: &Rule, ctx: &Context<'_>) -> bool {
    let host_ok = rule.host.is_empty()
        || [ctx.remote_host, ctx.reporting_mta].into_iter().flatten().any(
            |h| rule.host.iter().any(|suffix| h.ends_with(suffix.as_str())),
        );
    let status_ok = rule.status.is_empty()
        || ctx.status.is_some_and(|s| {
            let s = s.to_string();
            rule.status.iter().any(|p| {
                s == *p || (p.ends_with('.') && s.starts_with(p.as_str()))
            })
        });
    let format_ok =
        rule.format.is_empty() || rule.format.iter().any(|f| f == ctx.format);
    host_ok && status_ok && format_ok
}
