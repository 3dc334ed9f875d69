// SPDX-License-Identifier: MIT
//! A reason for each recipient, and the evidence for it.

use serde::Serialize;

use crate::knowledge::rules::{self, Context};
use crate::reason::Reason;
use crate::record::{Action, Record};

/// Why a reason was chosen: the words of the input and the rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The words of the input that decided, or empty.
    pub text: String,
    /// The id of the rule that decided.
    pub rule: String,
}

/// A record's reason and how sure the decoder is of the verdicts around
/// it.
#[derive(Clone, Debug)]
pub struct Verdict {
    /// The reason.
    pub reason: Reason,
    /// True if and only if retrying the same message will not help.
    pub permanent: bool,
    /// True if and only if the address itself is unusable.
    pub hard_bounce: bool,
    /// Why this reason.
    pub evidence: Evidence,
}

/// Classifies one record read by the family `format`.
pub fn classify(
    record: &Record,
    format: &str,
    reporting_mta: Option<&str>,
) -> Verdict {
    let permanent = is_permanent(record);
    let (reason, evidence) = reason(record, format, reporting_mta);
    let hard_bounce = reason.is_hard_bounce(permanent);
    Verdict { reason, permanent, hard_bounce, evidence }
}

fn reason(
    record: &Record,
    format: &str,
    reporting_mta: Option<&str>,
) -> (Reason, Evidence) {
    let diagnostic = record.diagnostic.as_deref().unwrap_or("");
    if let Some((reason, rule)) = record.reason {
        return (reason, evidence(diagnostic, rule));
    }
    let delivered = record.action == Some(Action::Delivered)
        || record.status.is_some_and(|s| s.class == 2);
    if delivered {
        return (Reason::Delivered, evidence("", "status.success"));
    }
    let remote = record.remote_host.as_deref().map(str::to_ascii_lowercase);
    let ctx = Context {
        remote_host: remote.as_deref(),
        reporting_mta,
        status: record.status,
        format,
    };
    match rules::first_match(diagnostic, &ctx) {
        Some(m) => (m.rule.reason, evidence(m.words, &m.rule.id)),
        None => (Reason::Undefined, evidence("", "none")),
    }
}

fn evidence(text: &str, rule: &str) -> Evidence {
    Evidence { text: text.to_string(), rule: rule.to_string() }
}

/// True if and only if the failure is permanent: a 5 class or 5xx code,
/// or a failed action with no code at all.
pub fn is_permanent(record: &Record) -> bool {
    match (record.status, record.reply_code) {
        (Some(s), _) => s.class == 5,
        (None, Some(code)) => code >= 500,
        (None, None) => record.action == Some(Action::Failed),
    }
}
