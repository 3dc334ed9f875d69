// SPDX-License-Identifier: MIT
//! The readable summary printed by default.

use std::fmt::Write;

use pantul::report::{Advice, Recipient, Report};
use pantul::visible::visible_line as shown;

/// A report as a few lines of text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let source = shown(report.source.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "{source}: {}", shown(&report.summary));
    for (n, r) in report.recipients.iter().enumerate() {
        recipient(&mut out, n + 1, r);
    }
    for advice in &report.advice {
        let title = shown(&advice.title);
        let _ = writeln!(out, "  {title}{}", numbers(report, advice));
        let _ = writeln!(out, "    {}", shown(&advice.summary));
        for (n, step) in advice.steps.iter().enumerate() {
            let _ = writeln!(out, "    {}. {}", n + 1, shown(step));
        }
    }
    for warning in &report.warnings {
        let _ = writeln!(out, "  ! {}", shown(warning));
    }
    out.push('\n');
    out
}

/// " (recipients 1, 3)" when the report has several causes, so each
/// advice names the recipients above it is for; empty otherwise.
fn numbers(report: &Report, advice: &Advice) -> String {
    if report.advice.len() < 2 {
        return String::new();
    }
    let n: Vec<String> =
        advice.recipients.iter().map(|i| (i + 1).to_string()).collect();
    let word = if n.len() == 1 { "recipient" } else { "recipients" };
    format!(" ({word} {})", n.join(", "))
}

fn recipient(out: &mut String, n: usize, r: &Recipient) {
    let address = match (&r.address, r.address_masked) {
        (Some(a), _) => shown(a).into_owned(),
        (None, true) => "[masked address]".to_string(),
        (None, false) => "[unknown address]".to_string(),
    };
    let bounce = if r.hard_bounce { ", hard bounce" } else { "" };
    // A complaint, an auto-reply or a delivery is no failure: neither
    // temporary nor permanent.
    let lasting = match r.reason {
        pantul::Reason::Feedback => "feedback report",
        pantul::Reason::Vacation => "auto-reply",
        pantul::Reason::Delivered => "delivered",
        _ if r.permanent => "permanent",
        _ => "temporary",
    };
    let _ = writeln!(out, "  {n}. {address}: {} ({lasting}{bounce})", r.reason);
    let codes: Vec<String> = [
        r.reply_code.map(|c| c.to_string()),
        r.status.map(|s| s.to_string()),
        r.command.map(|c| c.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !codes.is_empty() {
        let meaning = shown(r.status_meaning.as_deref().unwrap_or(""));
        let _ = writeln!(out, "     {} {meaning}", codes.join(" "));
    }
    if r.remote_host.is_some() || r.remote_ip.is_some() {
        let host = shown(r.remote_host.as_deref().unwrap_or("?"));
        let ip = shown(r.remote_ip.as_deref().unwrap_or("?"));
        let _ = writeln!(out, "     remote: {host} [{ip}]");
    }
    if let Some(d) = &r.diagnostic {
        let _ = writeln!(out, "     \"{}\"", shown(d));
    }
    for list in &r.listings {
        let _ = writeln!(out, "     list: {} ({})", shown(&list.name), list.id);
        if let Some(url) = &list.lookup_url {
            let _ = writeln!(out, "       lookup: {}", shown(url));
        }
        if let Some(url) = &list.delist_url {
            let _ = writeln!(out, "       delist: {}", shown(url));
        }
    }
}
