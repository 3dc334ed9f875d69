// SPDX-License-Identifier: MIT
//! The report's one-sentence summary and its reply for a ticket, for one
//! cause or several.

use std::fmt::Write;

use super::spaced;
use super::timing;
use super::values::join;
use super::Unread;
use crate::knowledge::{messages, Lang};
use crate::record::Action;
use crate::report::{Advice, Kind, Recipient, Report};

/// What happened, to how many, how serious: with one cause, its summary
/// then the count; with several, the count then each cause by title.
///
/// `plain` holds each advice item's summary without its timing note.
pub fn summary(
    report: &Report,
    plain: &[String],
    unread: Option<Unread>,
    lang: Lang,
) -> String {
    let count = report.recipients.len();
    let id = match report.kind {
        // A lure's own advice says what it is, and so does that of an
        // email app's error (nothing was sent), a read receipt and a
        // list's notice of a post held for its moderator.
        Kind::NotABounce => {
            return match (report.advice.as_slice(), plain) {
                ([advice], [summary])
                    if advice.id == "phishing"
                        || advice.id == "app-send-error"
                        || super::TOLD_APART
                            .iter()
                            .any(|&(_, subject)| advice.id == subject) =>
                {
                    summary.clone()
                }
                _ => messages::text("summary.not-a-bounce", lang, &[]),
            };
        }
        // `Action: relayed`: passed on to a system that reports no
        // further, so the notice cannot say the mailbox has it.
        Kind::Delivered if relayed_only(report) => "summary.relayed",
        Kind::Delivered => "summary.delivered",
        Kind::AutoReply => "summary.auto-reply",
        Kind::FeedbackReport => "summary.feedback-report",
        Kind::Bounce | Kind::Delay => {
            return failure(report, plain, unread, lang)
        }
    };
    messages::text_n(id, lang, count, &[])
}

/// True if and only if every recipient's action is `relayed`.
fn relayed_only(report: &Report) -> bool {
    let relayed = |r: &Recipient| r.action == Some(Action::Relayed);
    report.recipients.iter().all(relayed)
}

fn failure(
    report: &Report,
    plain: &[String],
    unread: Option<Unread>,
    lang: Lang,
) -> String {
    // A bounce in which no recipient was found: its advice says so.
    if let ([], [summary]) = (report.recipients.as_slice(), plain) {
        return summary.clone();
    }
    let state = match unread {
        Some(unread) => {
            let read = report.recipients.len();
            spaced(&state(report, lang), &cut(read, unread, lang))
        }
        None => state(report, lang),
    };
    // A delivery beside the failures is no cause of them.
    let causes: Vec<(&Advice, &String)> = report
        .advice
        .iter()
        .zip(plain)
        .filter(|(a, _)| !NOT_A_CAUSE.contains(&a.id.as_str()))
        .collect();
    // One cause for several listed IPs (one advice each): each summary
    // names its IP, where the titles would say the same thing twice.
    let one_title = causes.windows(2).all(|w| w[0].0.title == w[1].0.title);
    match causes.as_slice() {
        [(_, summary)] => spaced(summary, &state),
        [] => state,
        all if one_title => {
            let summaries: Vec<&str> =
                all.iter().map(|(_, s)| s.as_str()).collect();
            spaced(&summaries.join(" "), &state)
        }
        all => {
            let causes: Vec<String> = all
                .iter()
                .map(|(a, _)| {
                    let title = [("title", a.title.as_str())];
                    messages::text_n(
                        "summary.cause",
                        lang,
                        a.recipients.len(),
                        &title,
                    )
                })
                .collect();
            // A long list of causes names the first ones, then how many
            // more: the advice below has them all.
            let shown = causes.len().min(SHOWN_CAUSES);
            let list = causes[..shown].join("; ");
            let n = messages::number(all.len(), lang);
            let rest = messages::number(all.len() - shown, lang);
            let values = [
                ("causes", n.as_str()),
                ("cause_list", list.as_str()),
                ("rest", rest.as_str()),
            ];
            let id = match all.len() > shown {
                true => "summary.causes-more",
                false => "summary.causes",
            };
            format!("{state} {}", messages::text(id, lang, &values))
        }
    }
}

/// At most this many causes are named in a summary.
const SHOWN_CAUSES: usize = 5;

/// Advice subjects of recipients whose notice is no failure
/// ([`timing::is_not_a_failure`]): not a cause in a failure's summary.
const NOT_A_CAUSE: &[&str] = &["delivered", "vacation", "feedback"];

/// "Delivery to 2 recipients failed. Delivery to 1 other recipient is
/// delayed…", by each recipient's `action` (what totals count by too):
/// recipients whose notice is not a failure (delivered, an auto-reply,
/// a complaint) are not counted; those a queue listing shows held or
/// frozen are counted apart, as nothing retries them.
fn state(report: &Report, lang: Lang) -> String {
    let failures =
        report.recipients.iter().filter(|r| !timing::is_not_a_failure(r));
    let (mut failed, mut delayed, mut held) = (0, 0, 0);
    for r in failures {
        match r.action {
            _ if timing::held(r).is_some() => held += 1,
            Some(Action::Delayed) => delayed += 1,
            _ => failed += 1,
        }
    }
    let held =
        (held > 0).then(|| messages::text_n("summary.held", lang, held, &[]));
    if let (0, 0, Some(held)) = (failed, delayed, &held) {
        return held.clone();
    }
    let state = counted(report, failed, delayed, lang);
    match held {
        Some(held) => spaced(&state, &held),
        None => state,
    }
}

/// "Delivery to 2 recipients failed. Delivery to 1 other recipient is
/// delayed…", for `failed` and `delayed` recipients.
fn counted(
    report: &Report,
    failed: usize,
    delayed: usize,
    lang: Lang,
) -> String {
    match (failed, delayed) {
        (0, 0) => messages::text_n(
            "summary.bounce",
            lang,
            report.recipients.len(),
            &[],
        ),
        (0, d) => messages::text_n("summary.delay", lang, d, &[]),
        (f, 0) => messages::text_n("summary.bounce", lang, f, &[]),
        (f, d) => spaced(
            &messages::text_n("summary.bounce", lang, f, &[]),
            &messages::text_n("summary.also-delayed", lang, d, &[]),
        ),
    }
}

/// "These are the first 1,000 of the 3,000 recipients the notice
/// names…": the counts above are of the recipients read, not of all.
fn cut(read: usize, unread: Unread, lang: Lang) -> String {
    let number = |n| messages::number(n, lang);
    let first = number(read);
    match unread {
        Unread::Exactly(rest) => {
            let (total, rest) = (number(read + rest), number(rest));
            let values = [
                ("read", first.as_str()),
                ("total", total.as_str()),
                ("rest", rest.as_str()),
            ];
            messages::text("summary.unread", lang, &values)
        }
        Unread::More => {
            let values = [("read", first.as_str())];
            messages::text("summary.unread-more", lang, &values)
        }
    }
}

/// A plain-text answer to paste into a ticket, with no greeting: with
/// one cause, its reply and steps; with several, the summary and then a
/// section a cause, each naming its recipients.
pub fn ticket(report: &Report, lang: Lang) -> String {
    let several = report.advice.len() > 1;
    let steps = |a: &Advice| a.steps.iter().map(|s| s.len() + 8).sum::<usize>();
    let room = report.summary.len()
        + report
            .advice
            .iter()
            .map(|a| a.reply.len() + steps(a) + 64)
            .sum::<usize>();
    let mut out = String::with_capacity(room);
    // The sections, "\n\n" between two.
    let mut sections = 0;
    let mut next_section = |out: &mut String| {
        if sections > 0 {
            out.push_str("\n\n");
        }
        sections += 1;
    };
    if several || report.advice.is_empty() {
        next_section(&mut out);
        out.push_str(&report.summary);
    }
    for (n, advice) in report.advice.iter().enumerate() {
        next_section(&mut out);
        if several {
            let number = (n + 1).to_string();
            let who =
                recipients(&advice.addresses, advice.recipients.len(), lang);
            let values = [
                ("number", number.as_str()),
                ("title", advice.title.as_str()),
                ("recipients", who.as_str()),
            ];
            out.push_str(&messages::text("ticket.cause", lang, &values));
            out.push('\n');
        }
        out.push_str(&advice.reply);
        if !advice.steps.is_empty() {
            out.push_str("\n\n");
            out.push_str(&messages::text("ticket.steps", lang, &[]));
            for (i, step) in advice.steps.iter().enumerate() {
                out.push('\n');
                push_number(&mut out, i + 1);
                out.push_str(". ");
                out.push_str(step);
            }
        }
    }
    out
}

/// Appends the decimal digits of `n`, as `format!("{n}")` writes them.
fn push_number(out: &mut String, n: usize) {
    match u8::try_from(n) {
        Ok(digit @ 0..=9) => out.push(char::from(b'0' + digit)),
        _ => {
            let _ = write!(out, "{n}");
        }
    }
}

fn recipients(addresses: &[String], count: usize, lang: Lang) -> String {
    if addresses.is_empty() {
        return messages::text_n("word.the-recipients", lang, count, &[]);
    }
    join(addresses, lang)
}
