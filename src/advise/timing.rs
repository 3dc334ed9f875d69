// SPDX-License-Identifier: MIT
//! Whether a group's failures are temporary or permanent, and what that
//! changes in the advice: a 4xx for a reason that is usually permanent
//! means the server still retries; a 5xx for one that is usually
//! temporary means nobody will.

use crate::knowledge::schema::advice::{Action as Todo, Advice};
use crate::reason::Reason;
use crate::record::Action;
use crate::report::{Recipient, Timing};

/// The timing of one recipient's failure; none for a notice that is not
/// a failure or that gives neither an action nor a code.
pub fn of(r: &Recipient) -> Option<Timing> {
    if is_not_a_failure(r) || held(r).is_some() {
        return None;
    }
    match r.action {
        Some(Action::Delayed | Action::Failed) => {}
        Some(_) => return None,
        None if r.status.is_none() && r.reply_code.is_none() => return None,
        None => {}
    }
    if !r.permanent {
        // "host mx.example.org said: 450 4.2.2 …" in a queue listing,
        // "Action: delayed": the server keeps the message and retries.
        return Some(Timing::Retrying);
    }
    // "Action: failed" with a 4.x.x status, a retry timeout, or a DNS
    // lookup that failed for now ("Host not found, try again"): the
    // temporary error went on until the queue's lifetime ran out.
    let temporary_code = match (r.status, r.reply_code) {
        (Some(s), _) => s.class == 4,
        (None, code) => code.is_some_and(|c| c / 100 == 4),
    };
    // A mail log's final line with a permanent status and no deferral
    // logged before it says nothing of a long retry, whatever its words
    // say of a lookup ("Host not found, try again" bounced after half a
    // second, `delay=0.5`): no "tried for days".
    //
    // ```text
    // … to=<neko@example.org>, relay=none, delay=0.5, dsn=5.4.4, status=bounced (… Host not found, try again)
    // ```
    let log_without_retries = r.queue_id.is_some()
        && r.attempts.as_ref().is_none_or(|a| a.deferred == 0);
    let temporary = temporary_code
        || (!log_without_retries
            && r.diagnostic
                .as_deref()
                .is_some_and(crate::settle::says_lookup_failed_for_now));
    if temporary || r.reason == Reason::Expired {
        Some(Timing::GaveUp)
    } else {
        Some(Timing::Permanent)
    }
}

/// The advice subject of a recipient of a queue listing's entry that
/// the sending server keeps without trying it until an administrator
/// acts: `queue-frozen` for Exim's frozen message (its id has dashes,
/// `1vN9zZ-0001Ab-7Q`), `queue-held` for Postfix's hold queue. Nothing
/// has failed, and nothing is retried either.
pub fn held(r: &Recipient) -> Option<&'static str> {
    if r.evidence.rule != "mailq.held" {
        return None;
    }
    let exim = r.queue_id.as_deref().is_some_and(|id| id.contains('-'));
    Some(if exim { "queue-frozen" } else { "queue-held" })
}

/// True if and only if the recipient's notice reports no failure: a
/// delivery, an auto-reply or a complaint.
pub fn is_not_a_failure(r: &Recipient) -> bool {
    matches!(r.reason, Reason::Delivered | Reason::Vacation | Reason::Feedback)
}

/// The timing the group's recipients share: `Mixed` when some still
/// retry and others failed, `Permanent` when they failed in both ways;
/// recipients without a timing do not count. `timings` holds each
/// recipient's ([`of`]), `members` the group's indexes.
pub fn of_group(
    timings: &[Option<Timing>],
    members: &[usize],
) -> Option<Timing> {
    let all: Vec<Timing> = members
        .iter()
        .filter_map(|&n| timings.get(n).copied().flatten())
        .collect();
    let first = *all.first()?;
    let retrying = |t: &Timing| *t == Timing::Retrying;
    if all.iter().all(|t| *t == first) {
        Some(first)
    } else if all.iter().any(retrying) {
        Some(Timing::Mixed)
    } else {
        Some(Timing::Permanent)
    }
}

/// The message that tells the reader the timing, when the advice's data
/// assumes otherwise.
pub fn note(
    timing: Option<Timing>,
    data: &Advice,
    subject: &str,
) -> Option<&'static str> {
    if data.timing.is_some() {
        // Advice written for this timing says it already.
        return None;
    }
    let expired = subject == Reason::Expired.name();
    match (timing?, data.action) {
        (_, Todo::None) => None,
        (Timing::Retrying, Todo::Wait) => None,
        (Timing::Retrying, _) => Some("advice.retrying"),
        (Timing::GaveUp, Todo::Stop) => None,
        (Timing::GaveUp, _) if expired => None,
        (Timing::GaveUp, _) => Some("advice.gave-up"),
        (Timing::Permanent, Todo::Wait) => Some("advice.permanent"),
        (Timing::Permanent, _) => None,
        (Timing::Mixed, _) => Some("advice.mixed"),
    }
}

/// What to do, given the timing: wait while the server retries, send
/// again once it has stopped.
pub fn action(timing: Option<Timing>, base: Todo, subject: &str) -> Todo {
    let expired = subject == Reason::Expired.name();
    match (timing, base) {
        (_, Todo::None) => Todo::None,
        (Some(Timing::Retrying), _) => Todo::Wait,
        (Some(Timing::GaveUp | Timing::Permanent), Todo::Wait) => Todo::Retry,
        (Some(Timing::GaveUp), _) if expired => Todo::Retry,
        _ => base,
    }
}
