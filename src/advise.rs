// SPDX-License-Identifier: MIT
//! Advice for a report: recipients grouped by cause, each group's advice
//! with what was decoded filled in, one summary sentence and a reply for
//! the ticket.

use crate::knowledge::advice::for_subject;
use crate::knowledge::messages::{self, fill};
use crate::knowledge::Lang;
use crate::report::{Advice, Kind, Recipient, Report};
use crate::Options;

/// Fills the report's advice, summary and ticket reply.
pub fn advise(report: &mut Report, options: &Options) {
    let lang = options.lang;
    for (subject, members) in groups(&report.recipients) {
        let Some(advice) = for_subject(&subject) else { continue };
        let values = values(&report.recipients, &members, options);
        let pairs: Vec<(&str, &str)> =
            values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let text = |t: &crate::knowledge::Text| fill(t.get(lang), &pairs);
        report.advice.push(Advice {
            id: subject,
            title: text(&advice.title),
            summary: text(&advice.summary),
            steps: advice.step.iter().map(text).collect(),
            who: advice.who,
            action: advice.action,
            reply: text(&advice.reply),
            recipients: members,
        });
    }
    report.summary = summary(report, lang);
    report.ticket_reply = ticket_reply(report, lang);
}

/// Recipients grouped by the subject of their advice: the blocklist or
/// policy when the catalog has advice for it, else the reason; groups in
/// order of first appearance.
fn groups(recipients: &[Recipient]) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (n, r) in recipients.iter().enumerate() {
        let subject = subject(r);
        match groups.iter_mut().find(|(s, _)| *s == subject) {
            Some((_, members)) => members.push(n),
            None => groups.push((subject, vec![n])),
        }
    }
    groups
}

fn subject(r: &Recipient) -> String {
    let named = r.listings.iter().map(|l| l.id.as_str());
    named
        .chain(r.policy.as_ref().map(|p| p.id.as_str()))
        .find(|id| for_subject(id).is_some())
        .map_or_else(|| r.reason.name().to_string(), str::to_string)
}

/// The placeholder values for a group of recipients.
fn values(
    recipients: &[Recipient],
    members: &[usize],
    options: &Options,
) -> Vec<(&'static str, String)> {
    let lang = options.lang;
    let first = &recipients[members[0]];
    let list = first.blocklist.as_ref().or(first.listings.first());
    let listed = list.and_then(|l| l.listed.clone());
    let ip = listed
        .clone()
        .filter(|v| v.parse::<std::net::IpAddr>().is_ok())
        .or_else(|| options.sending_ip.clone())
        .map_or_else(
            || messages::text("word.your-ip", lang, &[]),
            |ip| messages::text("word.the-ip", lang, &[("listed", &ip)]),
        );
    let unknown = || messages::text("word.unknown", lang, &[]);
    vec![
        ("ip", ip),
        (
            "domain",
            listed
                .clone()
                .filter(|v| v.parse::<std::net::IpAddr>().is_err())
                .unwrap_or_else(unknown),
        ),
        ("listed", listed.unwrap_or_else(unknown)),
        ("list", list.map_or_else(unknown, |l| l.name.clone())),
        (
            "provider",
            first
                .policy
                .as_ref()
                .map(|p| p.provider.clone())
                .or_else(|| list.map(|l| l.operator.clone()))
                .unwrap_or_else(unknown),
        ),
        ("remote_host", first.remote_host.clone().unwrap_or_else(unknown)),
        ("count", members.len().to_string()),
        ("status", first.status.map_or_else(unknown, |s| s.to_string())),
        (
            "reply_code",
            first.reply_code.map_or_else(unknown, |c| c.to_string()),
        ),
        (
            "lookup_url",
            list.and_then(|l| l.lookup_url.clone()).unwrap_or_else(unknown),
        ),
        (
            "delist_url",
            list.and_then(|l| l.delist_url.clone()).unwrap_or_else(unknown),
        ),
        (
            "doc_url",
            list.and_then(|l| l.doc_url.clone()).unwrap_or_else(unknown),
        ),
    ]
}

/// One sentence: the first cause's summary and how serious it is.
fn summary(report: &Report, lang: Lang) -> String {
    let count = report.recipients.len().to_string();
    let state = match report.kind {
        Kind::Delay => "summary.delay",
        Kind::Bounce => "summary.bounce",
        Kind::NotABounce => {
            return messages::text("summary.not-a-bounce", lang, &[])
        }
        Kind::Delivered => "summary.delivered",
        Kind::AutoReply => "summary.auto-reply",
        Kind::FeedbackReport => "summary.feedback-report",
    };
    let state = messages::text(state, lang, &[("count", &count)]);
    match report.advice.first() {
        Some(advice) => format!("{} {}", advice.summary, state),
        None => state,
    }
}

/// A plain-text answer for a ticket: each cause's reply and its steps.
fn ticket_reply(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for advice in &report.advice {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&advice.reply);
        if !advice.steps.is_empty() {
            out.push_str("\n\n");
            out.push_str(&messages::text("ticket.steps", lang, &[]));
            for (n, step) in advice.steps.iter().enumerate() {
                out.push_str(&format!("\n{}. {}", n + 1, step));
            }
        }
    }
    out
}
