// SPDX-License-Identifier: MIT
//! The classification rules of `data/rules/`, compiled into one
//! multi-pattern automaton, and the search for the first rule that holds.
//!
//! Every phrase of every rule (and of its `with` and `unless` lists) is a
//! pattern of the one automaton; a single pass over the server's words
//! finds them all. The rules are then tried in their order (stage, file,
//! position) and the first whose conditions all hold decides.

use std::cell::RefCell;
use std::sync::OnceLock;

use super::automaton::Automaton;
use super::schema::catalog::EntryKind;
use super::schema::pattern::{ReplyPattern, StatusPattern};
use super::schema::Rule;
use crate::command::Command;
use crate::grammar::status::Status;
use crate::reason::Reason;
use crate::record::Action;

/// What a rule may be checked against besides the words.
#[derive(Clone, Copy, Debug, Default)]
pub struct Facts<'a> {
    /// The server's words.
    pub text: &'a str,
    /// The enhanced status code.
    pub status: Option<Status>,
    /// The SMTP reply code.
    pub reply: Option<u16>,
    /// The refused SMTP command.
    pub command: Option<Command>,
    /// The delivery action.
    pub action: Option<Action>,
    /// The diagnostic's type, lowercase (`smtp`, `x-unix`, …).
    pub diagnostic_type: Option<&'a str>,
    /// True if and only if the failure is permanent.
    pub permanent: bool,
    /// The reason the family that read the notice suggests.
    pub hint: Option<Reason>,
    /// The recipient's provider id, if known.
    pub provider: Option<&'a str>,
    /// The remote host and the reporting host, lowercase.
    pub hosts: [Option<&'a str>; 2],
    /// The family that read the notice.
    pub format: &'a str,
    /// The kind of the list the catalog finds in the server's words
    /// (the report's blocklist), if any.
    pub listing: Option<EntryKind>,
}

/// A rule that held, and the words that decided.
#[derive(Clone, Copy, Debug)]
pub struct Match<'a> {
    /// The rule.
    pub rule: &'static Rule,
    /// The words of the text its phrase matched (empty for rules without
    /// phrases).
    pub words: &'a str,
}

/// What a pattern of the automaton stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Phrase,
    With,
    Unless,
}

/// One pattern: its rule, its role and the fragments that must follow it
/// (after `*` gaps).
struct Pattern {
    rule: usize,
    role: Role,
    rest: Vec<String>,
}

/// A rule's parsed code patterns.
#[derive(Default)]
struct Codes {
    status: Vec<StatusPattern>,
    not_status: Vec<StatusPattern>,
    reply: Vec<ReplyPattern>,
}

struct Compiled {
    automaton: Option<Automaton>,
    patterns: Vec<Pattern>,
    codes: Vec<Codes>,
    /// The code-only rules of the stages that say what a status code
    /// means on its own, in order.
    code_only: Vec<usize>,
    /// Per rule: true if and only if it holds only where one of its own
    /// phrases was found (it has phrases and no `words_of`).
    phrase_only: Vec<bool>,
    /// The rules that may hold without a phrase of their own found, in
    /// order: every search tries them, and of the others only those
    /// whose phrases were found.
    unphrased: Vec<usize>,
}

/// The stages whose code-only rules say what a status code means.
const CODE_STAGES: &[&str] = &["status", "vague"];

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| compile(&super::get().rule))
}

/// The automaton's patterns, each phrase's first fragment (lowercase),
/// and what the rest of each phrase is.
fn phrases(rules: &[Rule]) -> (Vec<String>, Vec<Pattern>) {
    let mut texts: Vec<String> = Vec::new();
    let mut patterns = Vec::new();
    let roles = [Role::Phrase, Role::With, Role::Unless];
    for (n, rule) in rules.iter().enumerate() {
        for (list, parts) in rule.automaton_phrases() {
            let mut parts = parts.into_iter();
            let Some(first) = parts.next() else { continue };
            texts.push(first);
            let role = roles[list];
            patterns.push(Pattern { rule: n, role, rest: parts.collect() });
        }
    }
    (texts, patterns)
}

fn compile(rules: &[Rule]) -> Compiled {
    let (texts, patterns) = phrases(rules);
    let automaton = super::prebuilt::rules(&texts);
    let codes = rules.iter().map(codes).collect();
    let code_only = rules
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.is_code_only() && CODE_STAGES.contains(&r.stage.as_str())
        })
        .map(|(n, _)| n)
        .collect();
    let phrase_only = rules
        .iter()
        .map(|r| !r.phrase.is_empty() && r.words_of.is_empty())
        .collect::<Vec<bool>>();
    let unphrased =
        (0..rules.len()).filter(|&n| !phrase_only[n]).collect::<Vec<_>>();
    Compiled { automaton, patterns, codes, code_only, phrase_only, unphrased }
}

fn codes(rule: &Rule) -> Codes {
    let status = |list: &[String]| {
        list.iter().filter_map(|p| StatusPattern::parse(p)).collect()
    };
    Codes {
        status: status(&rule.status),
        not_status: status(&rule.not_status),
        reply: rule
            .reply
            .iter()
            .filter_map(|p| ReplyPattern::parse(p))
            .collect(),
    }
}

/// What the automaton found for one rule.
#[derive(Clone, Copy, Default)]
struct Hit {
    phrase: Option<(usize, usize)>,
    with: bool,
    unless: bool,
}

/// The phrases found in a text: per rule, the rules whose own phrase
/// was found (in order), and the reasons that generic phrases speak
/// for, each with the first words that did.
struct Found {
    hits: Vec<Hit>,
    /// The rules whose hit is set, each once.
    touched: Vec<usize>,
    phrased: Vec<usize>,
    generic: Vec<(Reason, usize, usize)>,
}

thread_local! {
    /// A hit list of every rule, all unset, kept from one search to the
    /// next: setting up 16 KiB for every recipient's words cost more
    /// than clearing the few hits a search sets.
    static SPARE_HITS: RefCell<Vec<Hit>> = const { RefCell::new(Vec::new()) };
}

impl Found {
    fn speaks_for(&self, reason: Reason) -> Option<(usize, usize)> {
        self.generic.iter().find(|g| g.0 == reason).map(|g| (g.1, g.2))
    }

    /// Unsets the hits this search set and keeps the list for the next.
    fn give_back(mut self) {
        for &n in &self.touched {
            self.hits[n] = Hit::default();
        }
        SPARE_HITS.with_borrow_mut(|spare| *spare = self.hits);
    }
}

/// The patterns of the phrase automaton, in order.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn automaton_patterns() -> Vec<String> {
    phrases(&super::get().rule).0
}

fn find(text: &str, rules: &[Rule]) -> Found {
    let c = compiled();
    let mut hits = SPARE_HITS.with_borrow_mut(std::mem::take);
    if hits.len() != rules.len() {
        hits.clear();
        hits.resize(rules.len(), Hit::default());
    }
    let mut touched = Vec::new();
    let mut phrased = Vec::new();
    let mut generic = Vec::new();
    let Some(automaton) = &c.automaton else {
        return Found { hits, touched, phrased, generic };
    };
    let mut lower = String::with_capacity(text.len() + 1);
    lower.push_str(text);
    lower.make_ascii_lowercase();
    lower.push(' ');
    for m in automaton.overlapping(&lower) {
        let pattern = &c.patterns[m.pattern];
        let hit = &mut hits[pattern.rule];
        let done = match pattern.role {
            Role::Phrase => hit.phrase.is_some(),
            Role::With => hit.with,
            Role::Unless => hit.unless,
        };
        if done {
            continue;
        }
        let Some(end) = follows(&lower, m.end, &pattern.rest) else {
            continue;
        };
        if hit.phrase.is_none() && !hit.with && !hit.unless {
            touched.push(pattern.rule);
        }
        match pattern.role {
            Role::With => hit.with = true,
            Role::Unless => hit.unless = true,
            Role::Phrase => {
                hit.phrase = Some((m.start, end.min(text.len())));
                phrased.push(pattern.rule);
            }
        }
    }
    // Each rule once (its phrase is set once), now in order.
    crate::order::sort_values(&mut phrased);
    // A generic rule's words speak for its reason when its own word
    // conditions hold too.
    for &n in &phrased {
        let (rule, hit) = (&rules[n], &hits[n]);
        let Some((start, end)) = hit.phrase else { continue };
        let words_hold = (rule.with.is_empty() || hit.with) && !hit.unless;
        let known = generic.iter().any(|g: &(Reason, _, _)| g.0 == rule.reason);
        if rule.is_generic() && words_hold && !known {
            generic.push((rule.reason, start, end));
        }
    }
    Found { hits, touched, phrased, generic }
}

/// The numbers in two ascending lists, each once, in ascending order.
fn union<'a>(
    a: &'a [usize],
    b: &'a [usize],
) -> impl Iterator<Item = usize> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) => x.min(y),
            (Some(&x), None) => x,
            (None, Some(&y)) => y,
            (None, None) => return None,
        };
        i += usize::from(a.get(i) == Some(&next));
        j += usize::from(b.get(j) == Some(&next));
        Some(next)
    })
}

/// The most bytes a `*` gap of a phrase spans: enough for the words of
/// one server reply, and a bound that keeps matching linear in the size
/// of the text.
const GAP: usize = 400;

/// Where the fragments `rest` end when they follow `from` in order, each
/// within [`GAP`] bytes of the one before.
fn follows(text: &str, from: usize, rest: &[String]) -> Option<usize> {
    let mut at = from;
    for fragment in rest {
        let mut end = (at + GAP + fragment.len()).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // `layout::find` needs no set-up for each fragment, where
        // `str::find` prepares a two-way search.
        let gap = text.get(at..end)?;
        at += crate::mta::layout::find(gap, fragment)? + fragment.len();
    }
    Some(at)
}

/// The first rule, in order, whose conditions the facts meet.
pub fn first_match<'a>(facts: &Facts<'a>) -> Option<Match<'a>> {
    matching(facts, None)
}

/// The first rule of one stage whose conditions the facts meet: what a
/// family's own sentences (stage `mta`) say before the others speak.
pub fn first_match_in<'a>(facts: &Facts<'a>, stage: &str) -> Option<Match<'a>> {
    matching(facts, Some(stage))
}

fn matching<'a>(facts: &Facts<'a>, stage: Option<&str>) -> Option<Match<'a>> {
    let rules = &super::get().rule;
    let c = compiled();
    let found = find(facts.text, rules);
    let says = status_says(rules, c, facts.status);
    let decided = first_holding(rules, c, &found, says, facts, stage);
    found.give_back();
    decided
}

/// The first rule, in order, whose conditions hold, given what the
/// automaton found and what the status code says on its own.
fn first_holding<'a>(
    rules: &'static [Rule],
    c: &Compiled,
    found: &Found,
    says: &str,
    facts: &Facts<'a>,
    stage: Option<&str>,
) -> Option<Match<'a>> {
    // The rules in order, less those that need a phrase of their own
    // that the text lacks.
    for n in union(&found.phrased, &c.unphrased) {
        let rule = &rules[n];
        if stage.is_some_and(|s| s != rule.stage) {
            continue;
        }
        let hit = found.hits[n];
        // Most rules need words the text lacks: skipped without reading
        // the rule itself.
        if c.phrase_only[n] && hit.phrase.is_none() {
            continue;
        }
        let span = hit.phrase.or_else(|| {
            rule.words_of.iter().find_map(|&r| found.speaks_for(r))
        });
        let worded = !rule.phrase.is_empty() || !rule.words_of.is_empty();
        if worded && span.is_none() {
            continue;
        }
        if (!rule.with.is_empty() && !hit.with) || hit.unless {
            continue;
        }
        if rule.yields_to.iter().any(|&r| found.speaks_for(r).is_some()) {
            continue;
        }
        if !listed(&rule.status_says, says) || !holds(rule, &c.codes[n], facts)
        {
            continue;
        }
        let words = match span {
            Some((start, end)) => facts.text.get(start..end).unwrap_or(""),
            None => "",
        };
        return Some(Match { rule, words });
    }
    None
}

/// Status codes and what they say on their own, as worked out before:
/// a few dozen codes come back again and again, and trying the code-only
/// rules' patterns cost more than a look at these (at most [`SAID`]).
const SAID: usize = 64;

/// The reason the status code gives on its own, or `"none"`.
fn status_says(
    rules: &[Rule],
    c: &Compiled,
    status: Option<Status>,
) -> &'static str {
    thread_local! {
        static KNOWN: RefCell<Vec<(Status, &'static str)>> =
            const { RefCell::new(Vec::new()) };
    }
    let Some(s) = status else { return "none" };
    let known = KNOWN.with_borrow(|k| {
        k.iter().find(|(code, _)| *code == s).map(|&(_, says)| says)
    });
    if let Some(says) = known {
        return says;
    }
    let says = code_says(rules, c, s);
    KNOWN.with_borrow_mut(|k| {
        if k.len() < SAID {
            k.push((s, says));
        }
    });
    says
}

/// The reason of the first code-only rule whose status patterns `s`
/// meets, or `"none"`.
fn code_says(rules: &[Rule], c: &Compiled, s: Status) -> &'static str {
    c.code_only
        .iter()
        .find(|&&n| {
            c.codes[n]
                .status
                .iter()
                .any(|p| p.holds(s.class, s.subject, s.detail))
        })
        .map_or("none", |&n| rules[n].reason.name())
}

/// True if and only if the rule's conditions other than phrases hold.
fn holds(rule: &Rule, codes: &Codes, f: &Facts<'_>) -> bool {
    status_holds(codes, f.status)
        && (codes.reply.is_empty()
            || f.reply.is_some_and(|r| codes.reply.iter().any(|p| p.holds(r))))
        && listed(&rule.command, command_name(f.command))
        && (rule.not_command.is_empty()
            || !rule.not_command.iter().any(|c| c == command_name(f.command)))
        && listed(&rule.action, f.action.map_or("none", Action::name))
        && listed(&rule.diagnostic_type, f.diagnostic_type.unwrap_or("none"))
        && rule.permanent.is_none_or(|p| p == f.permanent)
        && (!rule.hinted || f.hint == Some(rule.reason))
        && (!rule.has_text || !f.text.trim().is_empty())
        && (rule.provider.is_empty()
            || f.provider.is_some_and(|p| rule.provider.iter().any(|r| r == p)))
        && (rule.host.is_empty() || host_holds(&rule.host, f))
        && listed(&rule.format, f.format)
        && (rule.listing.is_empty()
            || f.listing.is_some_and(|k| rule.listing.contains(&k)))
}

fn status_holds(codes: &Codes, status: Option<Status>) -> bool {
    let matches = |patterns: &[StatusPattern]| {
        status.is_some_and(|s| {
            patterns.iter().any(|p| p.holds(s.class, s.subject, s.detail))
        })
    };
    (codes.status.is_empty() || matches(&codes.status))
        && !matches(&codes.not_status)
}

/// True if and only if the remote or reporting host is one a rule's
/// `host` entry names: one with a leading dot the hosts under it, one
/// without itself and its subdomains, never a look-alike that merely
/// ends the same way (`mx.evilexample.org` for `example.org`).
fn host_holds(suffixes: &[String], f: &Facts<'_>) -> bool {
    f.hosts.iter().flatten().any(|h| {
        suffixes.iter().any(|s| match s.starts_with('.') {
            true => h.ends_with(s.as_str()),
            false => super::codes::is_under(h, s),
        })
    })
}

fn listed(list: &[String], value: &str) -> bool {
    list.is_empty() || list.iter().any(|v| v.eq_ignore_ascii_case(value))
}

fn command_name(command: Option<Command>) -> &'static str {
    command.map_or("none", Command::name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rules_host_is_never_a_look_alike() {
        let holds = |host: &str, entry: &str| {
            let facts = Facts { hosts: [Some(host), None], ..Facts::default() };
            host_holds(&[entry.to_string()], &facts)
        };
        assert!(holds("mx.example.org", "example.org"));
        assert!(holds("example.org", "example.org"));
        assert!(!holds("mx.evilexample.org", "example.org"));
        assert!(holds("a.mx.example.org", ".mx.example.org"));
        assert!(!holds("a.evilmx.example.org", ".mx.example.org"));
    }

    fn reason_of(text: &str, facts: Facts<'_>) -> Option<Reason> {
        first_match(&Facts { text, ..facts }).map(|m| m.rule.reason)
    }

    #[test]
    fn words_decide() {
        let facts = Facts { format: "text", ..Facts::default() };
        assert_eq!(
            reason_of("550 5.2.2 <a@example.org>: Mailbox full", facts),
            Some(Reason::MailboxFull)
        );
    }

    #[test]
    fn two_ascending_lists_merge_in_order() {
        let merged: Vec<usize> = union(&[1, 4, 9], &[0, 4, 5, 12]).collect();
        assert_eq!(merged, [0, 1, 4, 5, 9, 12]);
        assert_eq!(union(&[], &[3]).collect::<Vec<_>>(), [3]);
        assert_eq!(union(&[2], &[]).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn gaps_keep_their_order() {
        let c = "user neko does not exist";
        assert_eq!(follows(c, 4, &[" does not exist".into()]), Some(c.len()));
        assert_eq!(
            follows("does not exist user", 0, &["user".into()]),
            Some(19)
        );
        assert_eq!(follows("user x", 4, &["exist".into()]), None);
    }

    /// The `sample` of every rule in `data/rules/`, by rule id, read from
    /// the files (the library leaves samples out).
    fn samples() -> std::collections::HashMap<String, String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "toml") {
                    out.push(p);
                }
            }
        }
        let value = |line: &str, key: &str| {
            let rest =
                line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            let inner = rest.trim().strip_prefix('"')?.strip_suffix('"')?;
            Some(inner.replace("\\\"", "\"").replace("\\\\", "\\"))
        };
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data/rules"),
            &mut files,
        );
        let mut out = std::collections::HashMap::new();
        for file in files {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let mut id = None;
            for line in text.lines() {
                if let Some(v) = value(line, "id ") {
                    id = Some(v);
                } else if let Some(v) = value(line, "sample ") {
                    if let Some(i) = id.take() {
                        out.insert(i, v);
                    }
                }
            }
        }
        out
    }

    /// A phrase rule without other conditions matches its own sample,
    /// and the sample's words lead to the rule's reason.
    #[test]
    fn samples_of_phrase_rules_give_their_reason() {
        let rules = &crate::knowledge::get().rule;
        let samples = samples();
        let mut wrong = Vec::new();
        for rule in rules.iter().filter(|r| {
            !r.phrase.is_empty()
                && r.is_generic()
                && r.command.is_empty()
                && r.not_command.is_empty()
                && r.status.is_empty()
                && r.not_status.is_empty()
                && r.status_says.is_empty()
                && r.reply.is_empty()
                && r.with.is_empty()
                && r.action.is_empty()
        }) {
            let sample = samples.get(&rule.id).map_or("", String::as_str);
            // A rule of permanent (or temporary) failures only is tried
            // on such a failure.
            let permanent = rule.permanent.unwrap_or(false);
            let facts = Facts {
                text: sample,
                format: "text",
                permanent,
                ..Facts::default()
            };
            let got = first_match(&facts).map(|m| m.rule.reason);
            if got != Some(rule.reason) {
                wrong.push(format!("{} -> {:?} ({sample:?})", rule.id, got));
            }
        }
        assert!(
            wrong.is_empty(),
            "samples that do not say their reason: {wrong:?}"
        );
    }

    #[test]
    fn every_rule_compiles() {
        let rules = &crate::knowledge::get().rule;
        assert!(!rules.is_empty());
        let c = compiled();
        assert!(c.automaton.is_some());
        assert_eq!(c.codes.len(), rules.len());
    }
}
