// SPDX-License-Identifier: MIT
//! A reason for each recipient, the evidence for it, and the codes the
//! recipient ends up with.
//!
//! Precedence, first that speaks wins:
//!
//! 1. the reason the family read from the notice's layout, unless it is
//!    a tentative one ([`TENTATIVE`]), which the rules may overrule;
//! 2. a success status (`2.x.x`) means `delivered`;
//! 3. the rules of `data/rules/`, stage by stage (see
//!    `data/rules/stages.toml`): family rules, local delivery agents,
//!    the remote provider's rules, the server's words per reason, status
//!    codes, fallback words, then defaults;
//! 4. the family's tentative reason;
//! 5. `undefined`.

use serde::Serialize;

use crate::grammar::status::Status;
use crate::knowledge::rules::{self, Facts};
use crate::knowledge::schema::catalog::EntryKind;
use crate::lowercase::Lowercase;
use crate::mta::layout::{any_in, Needle};
use crate::provider;
use crate::reason::Reason;
use crate::record::{Action, Record};
use crate::settle;

/// Reasons a family may suggest that the rules may still overrule: they
/// are what a layout says when it knows little (a `5.1.1` layout for any
/// refusal of a recipient, a timeout for any connection trouble).
pub const TENTATIVE: &[Reason] = &[
    Reason::Undefined,
    Reason::OnHold,
    Reason::SystemError,
    Reason::SecurityError,
    Reason::Expired,
    Reason::NetworkError,
    Reason::HostUnknown,
    Reason::UserUnknown,
];

/// Why a reason was chosen: the words of the input and the rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The words of the input that decided, or empty.
    pub text: String,
    /// The id of the rule that decided.
    pub rule: String,
}

/// What classification says about one record.
#[derive(Clone, Debug)]
pub struct Verdict {
    /// The reason.
    pub reason: Reason,
    /// True if and only if the failure is final: the sending server will
    /// not try again (what the notice says: its action, its words, its
    /// code; never a stand-in code's class alone when the notice says
    /// otherwise).
    pub permanent: bool,
    /// True if and only if the address itself is unusable.
    pub hard_bounce: bool,
    /// Why this reason.
    pub evidence: Evidence,
    /// The enhanced status code, perhaps the reason's stand-in.
    pub status: Option<Status>,
    /// True if and only if `status` is a stand-in, not from the notice.
    pub status_inferred: bool,
    /// The SMTP reply code, if it agrees with the status code's class.
    pub reply_code: Option<u16>,
}

/// Where the record comes from.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// The family that read the notice.
    pub format: &'a str,
    /// The host that wrote the notice.
    pub reporting_mta: Option<&'a str>,
    /// The list the catalog finds in the record's server words (the
    /// report's blocklist): its kind and the words that name it.
    pub listing: Option<(EntryKind, &'a str)>,
}

/// Classifies one record.
pub fn classify(record: &Record, ctx: &Context<'_>) -> Verdict {
    let text = words(record);
    let text = text.as_str();
    let status = settle::prefer(
        record.status,
        settle::status_in_text(text),
        record.reply_code,
    );
    let reply = record
        .reply_code
        .filter(|&r| settle::is_reply_code(r))
        .or_else(|| settle::reply_in_text(text, None));
    let (reason, evidence, by_family) =
        reason(record, text, ctx, status, reply);
    let still_retrying = record.action == Some(Action::Delayed);
    // A 4xx reply the table lacks (`447 try later`) is not reported as
    // a known code, but it still says "try again".
    let transient = record.reply_code.filter(|r| r / 100 == 4);

    // A family's own stand-in (Exim's `4.0.947`) is no more the
    // server's word than the one given here.
    let given = status.filter(|s| !s.is_stand_in());
    let inferred = |s: Status| {
        s.is_stand_in() || (record.status_inferred && record.status == Some(s))
    };
    let (status, status_inferred) = match status {
        Some(s) => (Some(s), inferred(s)),
        None if record.nothing_failed || record.code_unknown => (None, false),
        None => {
            // A delay is not final: its stand-in is a 4.0.9nn, except
            // where the family's own reading decided the reason (as the
            // field's reference decoder records the delays of OpenSMTPD
            // and Gmail: `5.0.947`), for an address that is still usable.
            let delay =
                still_retrying && (address_reason(reason) || !by_family);
            // A DNS lookup that failed for now ("Host not found, try
            // again") in a notice that does not say the server gave up:
            // the server tries the lookup again.
            let for_now = record.action.is_none()
                && settle::says_lookup_failed_for_now(text);
            let temporary = delay
                || for_now
                || settle::says_temporary(transient.or(reply), text);
            let stand_in = settle::stand_in(reason, temporary);
            (stand_in, stand_in.is_some())
        }
    };
    let reply_code = match (reason, status) {
        (Reason::Feedback | Reason::Vacation, _) => None,
        (_, Some(s))
            if reply.is_some_and(|r| r / 100 == u16::from(s.class)) =>
        {
            reply
        }
        (_, Some(s)) => settle::reply_in_text(text, Some(s.class)),
        (_, None) => reply,
    };
    let permanent = is_final(record.action, text, given, reply_code, status);
    // An address is not known to be unusable while its server is still
    // retrying (a DNS lookup that failed "for now").
    let hard_bounce = !(still_retrying && address_reason(reason))
        && hard_bounce(reason, status, text);
    Verdict {
        reason,
        permanent,
        hard_bounce,
        evidence,
        status,
        status_inferred,
        reply_code,
    }
}

/// The words classification reads: the notice's context for the
/// recipient, then the server's words, on one line, with the codes that
/// a wrapped multi-line reply repeats inside its text taken out.
///
/// ```text
/// 550-5.2.1 The user is receiving mail at a rate that 550-5.2.1 prevents
///   -> 550-5.2.1 The user is receiving mail at a rate that prevents
/// ```
fn words(record: &Record) -> String {
    let diagnostic = record.diagnostic.as_deref().unwrap_or("");
    let joined = match record.context.as_deref() {
        Some(c) if !c.is_empty() && !c.contains(diagnostic) => {
            format!("{c} {diagnostic}")
        }
        Some(c) if !c.is_empty() => c.to_string(),
        _ => diagnostic.to_string(),
    };
    let one_line: Vec<&str> = joined.split_whitespace().collect();
    settle::without_inner_codes(&one_line.join(" "))
}

fn reason(
    record: &Record,
    text: &str,
    ctx: &Context<'_>,
    status: Option<Status>,
    reply: Option<u16>,
) -> (Reason, Evidence, bool) {
    let hint = record.reason.map(|(r, _)| r);
    if let Some((reason, rule)) = record.reason {
        if !TENTATIVE.contains(&reason) {
            return (reason, evidence(text, rule), true);
        }
    }
    let delivered = status.is_some_and(|s| s.class == 2)
        || (status.is_none() && record.action == Some(Action::Delivered));
    if delivered {
        return (Reason::Delivered, evidence("", "status.success"), false);
    }
    let remote = record.remote_host.as_deref().map(str::to_ascii_lowercase);
    let reporting = ctx.reporting_mta.map(str::to_ascii_lowercase);
    let provider = provider::identify(
        record.address.as_deref(),
        remote.as_deref(),
        reporting.as_deref(),
    );
    let facts = Facts {
        text,
        status,
        reply,
        command: record.command,
        action: record.action,
        diagnostic_type: record.diagnostic_type.as_deref(),
        permanent: is_permanent(status, reply, record.action),
        hint,
        provider: provider.map(|p| p.id.as_str()),
        hosts: [remote.as_deref(), reporting.as_deref()],
        format: ctx.format,
        listing: ctx.listing.map(|(kind, _)| kind),
    };
    if let Some(m) = rules::first_match(&facts) {
        let listing = ctx.listing.filter(|_| !m.rule.listing.is_empty());
        let diagnostic = record.diagnostic.as_deref().map(|d| {
            let one_line: Vec<&str> = d.split_whitespace().collect();
            settle::without_inner_codes(&one_line.join(" "))
        });
        let words = if let Some((_, named)) = listing {
            let sentence = sentence_naming(diagnostic.as_deref(), named);
            crate::input::clip(sentence.unwrap_or(named)).into_owned()
        } else if m.words.is_empty() {
            let sentence = refusing_sentence(diagnostic.as_deref())
                .or_else(|| refusing_sentence(Some(text)));
            match sentence {
                Some(s) => crate::input::clip(s).into_owned(),
                None => code_words(m.rule, status, reply),
            }
        } else {
            m.words.to_string()
        };
        let by_family = m.rule.hinted || !m.rule.format.is_empty();
        return (
            m.rule.reason,
            Evidence { text: words, rule: m.rule.id.clone() },
            by_family,
        );
    }
    match record.reason {
        Some((reason, rule)) => (reason, evidence(text, rule), true),
        None => (Reason::Undefined, evidence("", "none"), false),
    }
}

/// Words that refuse: what marks the sentence that says no.
const REFUSING: &[Needle] = &[
    Needle::new("reject"),
    Needle::new("refuse"),
    Needle::new("denied"),
    Needle::new("block"),
    Needle::new("not accepted"),
    Needle::new("try again"),
    Needle::new("try later"),
    Needle::new("greylist"),
    Needle::new("unavailable"),
    Needle::new("failed"),
    Needle::new("not allowed"),
];

/// The sentence of `text` that carries the server's refusal, for a rule
/// decided by a code alone: the first sentence with a refusing word,
/// else the first with any word, so that evidence quotes the input
/// rather than a bare code.
///
/// ```text
/// 450 4.7.1 <a@example.org>: Recipient address rejected: Mail from
///   <…> was refused due to … ERS-QIL. For details, query …
///   -> 450 4.7.1 <a@example.org>: Recipient address rejected: … ERS-QIL.
/// ```
fn refusing_sentence(text: Option<&str>) -> Option<&str> {
    let mut first = None;
    for sentence in sentences(text?) {
        let worded = sentence
            .split_whitespace()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 2);
        if !worded {
            continue;
        }
        if any_in(sentence, REFUSING) {
            return Some(sentence);
        }
        first = first.or(Some(sentence));
    }
    first
}

/// The sentence of `text` that holds `words` (any case), for a rule
/// decided by the list those words name.
fn sentence_naming<'a>(text: Option<&'a str>, words: &str) -> Option<&'a str> {
    let words = words.lowercase();
    sentences(text?).into_iter().find(|s| s.lowercase().contains(&words))
}

/// The sentences of `text`, split after each ". ".
fn sentences(text: &str) -> Vec<&str> {
    let text = text.trim();
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        sentences.push(text.get(start..=i).unwrap_or("").trim());
        start = i + 2;
    }
    sentences.push(text.get(start..).unwrap_or("").trim());
    sentences
}

/// The codes a rule without phrases was decided by, as evidence.
fn code_words(
    rule: &crate::knowledge::schema::Rule,
    status: Option<Status>,
    reply: Option<u16>,
) -> String {
    match (rule.status.is_empty(), rule.reply.is_empty()) {
        (false, _) => status.map(|s| s.to_string()).unwrap_or_default(),
        (true, false) => reply.map(|r| r.to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

fn evidence(text: &str, rule: &str) -> Evidence {
    Evidence { text: text.to_string(), rule: rule.to_string() }
}

/// True if and only if the failure is permanent: a 5 class or 5xx code,
/// or a failed action with no code at all.
pub fn is_permanent(
    status: Option<Status>,
    reply: Option<u16>,
    action: Option<Action>,
) -> bool {
    match (status, reply) {
        (Some(s), _) => s.class == 5,
        (None, Some(code)) => code >= 500,
        (None, None) => action == Some(Action::Failed),
    }
}

/// True if and only if the sending server will not try again: what the
/// notice says (its `Action:`, words such as "will retry" or "giving
/// up"), else the class of the code the server gave, else the class of
/// the stand-in (5 unless the words say temporary).
///
/// ```text
/// Action: delayed, Status: 5.0.947 (a stand-in)     -> false
/// Action: failed, "retry timeout exceeded" (4.0.947) -> true
/// "450 4.2.2 Mailbox full" in a queue listing        -> false
/// ```
pub fn is_final(
    action: Option<Action>,
    text: &str,
    given: Option<Status>,
    reply: Option<u16>,
    stand_in: Option<Status>,
) -> bool {
    match action {
        Some(Action::Delayed) => return false,
        Some(Action::Failed) => return true,
        _ => {}
    }
    if let Some(final_) = settle::says_final(text) {
        return final_;
    }
    match (given, reply) {
        (Some(s), _) => s.class == 5,
        (None, Some(code)) => code >= 500,
        (None, None) => stand_in.is_some_and(|s| s.class == 5),
    }
}

/// True for the reasons that say the address itself is wrong.
fn address_reason(reason: Reason) -> bool {
    matches!(
        reason,
        Reason::UserUnknown | Reason::HostUnknown | Reason::HasMoved
    )
}

/// Words by which a server says it is not sure the address is wrong:
/// cPanel's "The account or domain may not exist, they may be
/// blacklisted, or missing the proper dns entries" names three causes
/// and is sure of none. Not any "may not exist": Microsoft's notice
/// says "The address may be misspelled or may not exist" around a
/// certain 5.1.10 (recipient not found).
const HEDGED: &[Needle] = &[Needle::new("account or domain may not exist")];

/// True if and only if the address itself is unusable: the mailbox or
/// domain does not exist or has moved, or the domain takes no mail at
/// all and says so for good; not when the server only says it may not
/// exist ([`HEDGED`]).
fn hard_bounce(reason: Reason, status: Option<Status>, text: &str) -> bool {
    match reason {
        r if address_reason(r) => !any_in(text, HEDGED),
        Reason::NotAccept => {
            let words = match status {
                Some(s) => format!("{s} {text}"),
                None => text.to_string(),
            };
            let class =
                settle::status_in_text(&words).map(|s| s.class).or_else(|| {
                    settle::reply_in_text(&words, None).map(|r| (r / 100) as u8)
                });
            class == Some(5) || !settle::says_temporary(None, &words)
        }
        _ => false,
    }
}
