// SPDX-License-Identifier: MIT
//! The readable summary printed by default, in the run's language:
//! every label comes from `data/messages.toml` (`cli.*`), and every
//! text is shown with its control and direction characters escaped.

use std::fmt::Write;

use pantul::knowledge::messages::{find, text, text_n};
use pantul::knowledge::schema::catalog::EntryKind;
use pantul::report::{Advice, Recipient, Report};
use pantul::visible::visible_line as shown;
use pantul::Lang;

/// A report as a few lines of text.
pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let mut out = String::new();
    let source = shown(report.source.as_deref().unwrap_or("-"));
    let queued = queued(report, lang);
    let _ = writeln!(out, "{source}{queued}: {}", shown(&report.summary));
    for (n, r) in report.recipients.iter().enumerate() {
        recipient(&mut out, n + 1, r, lang);
    }
    for advice in &report.advice {
        let title = shown(&advice.title);
        let _ = writeln!(out, "  {title}{}", numbers(report, advice));
        let _ = writeln!(out, "    {}", shown(&advice.summary));
        for (n, step) in advice.steps.iter().enumerate() {
            let own = own_step(&advice.id, n + 1, lang);
            let step = own.as_deref().unwrap_or(step);
            let _ = writeln!(out, "    {}. {}", n + 1, shown(step));
        }
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out, "  {}", text("cli.warnings", lang, &[]));
    }
    for (n, warning) in report.warnings.iter().enumerate() {
        let own = report.warning_ids.get(n).and_then(|id| own_words(id, lang));
        let warning = own.as_deref().unwrap_or(warning);
        let _ = writeln!(out, "  ! {}", shown(warning));
    }
    out.push('\n');
    out
}

/// The CLI's own wording of the report's warning `id`, for a warning
/// that tells the reader what to give (`--ip` rather than a form).
fn own_words(id: &str, lang: Lang) -> Option<String> {
    find(&format!("cli.{id}"), lang, &[])
}

/// " [queue id, from sender]" for a message of a mail log or queue
/// listing, so that the reader can find it in the queue (fresh14 #1);
/// empty for any other report.
fn queued(report: &Report, lang: Lang) -> String {
    let Some(queue_id) = report.queue_id.as_deref() else {
        return String::new();
    };
    let sender = report.recipients.iter().find_map(|r| r.sender.as_deref());
    let words = match sender {
        Some(sender) => {
            let sender = if sender.is_empty() { "<>" } else { sender };
            let values = [("queue_id", queue_id), ("sender", sender)];
            text("cli.queued-from", lang, &values)
        }
        None => text("cli.queued", lang, &[("queue_id", queue_id)]),
    };
    format!(" [{}]", shown(&words))
}

/// The CLI's own wording of step `n` of the advice `id`, for a step
/// that tells the reader where to give a text ("paste it here").
fn own_step(id: &str, n: usize, lang: Lang) -> Option<String> {
    find(&format!("cli.step.{id}.{n}"), lang, &[])
}

/// " (recipients 1, 3)" when the report has several causes, so each
/// advice names the recipients above it is for; empty otherwise.
fn numbers(report: &Report, advice: &Advice) -> String {
    if report.advice.len() < 2 {
        return String::new();
    }
    let n: Vec<String> =
        advice.recipients.iter().map(|i| (i + 1).to_string()).collect();
    let numbers = n.join(", ");
    let words =
        text_n("cli.recipients", report.lang, n.len(), &[("number", &numbers)]);
    format!(" ({words})")
}

fn recipient(out: &mut String, n: usize, r: &Recipient, lang: Lang) {
    let label = |id: &str| text(id, lang, &[]);
    let address = match (&r.address, r.address_masked) {
        (Some(a), _) => shown(a).into_owned(),
        (None, true) => label("cli.masked-address"),
        (None, false) => label("cli.unknown-address"),
    };
    // A complaint, an auto-reply or a delivery is no failure: neither
    // temporary nor permanent.
    let lasting = label(match r.reason {
        pantul::Reason::Feedback => "cli.feedback-report",
        pantul::Reason::Vacation => "cli.auto-reply",
        pantul::Reason::Delivered => "cli.delivered",
        _ if r.permanent => "cli.permanent",
        _ => "cli.temporary",
    });
    let bounce = match r.hard_bounce {
        true => format!(", {}", label("cli.hard-bounce")),
        false => String::new(),
    };
    // The title for people, the name for jq and the JSON output.
    let reason = format!("{} [{}]", shown(&r.reason_title), r.reason);
    let _ = writeln!(out, "  {n}. {address}: {reason} ({lasting}{bounce})");
    let codes: Vec<String> = [
        r.reply_code.map(|c| c.to_string()),
        r.status.map(|s| s.to_string()),
        r.command.map(|c| c.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !codes.is_empty() {
        // The status code's meaning, else the reply code's (a delivery's
        // `250` has no status code): no line ends in a space.
        let meaning =
            r.status_meaning.as_deref().or(r.reply_meaning.as_deref());
        let _ = match meaning {
            Some(m) => writeln!(out, "     {} {}", codes.join(" "), shown(m)),
            None => writeln!(out, "     {}", codes.join(" ")),
        };
    }
    // The host and its address, each only when the bounce named it.
    let remote = match (r.remote_host.as_deref(), r.remote_ip.as_deref()) {
        (Some(host), Some(ip)) => {
            Some(format!("{} [{}]", shown(host), shown(ip)))
        }
        (Some(host), None) => Some(shown(host).to_string()),
        (None, Some(ip)) => Some(format!("[{}]", shown(ip))),
        // No host named, but the provider's own mark in its words.
        (None, None) => r.remote_provider.as_deref().map(|p| shown(p).into()),
    };
    if let Some(remote) = remote {
        let _ = writeln!(out, "     {}: {remote}", label("cli.remote"));
    }
    if let Some(d) = &r.diagnostic {
        let _ = writeln!(out, "     \"{}\"", shown(&one_reply(d)));
    }
    if let Some(a) = &r.attempts {
        let (count, deferred) = (a.count.to_string(), a.deferred.to_string());
        let first = shown(a.first.as_deref().unwrap_or("?"));
        let last = shown(a.last.as_deref().unwrap_or("?"));
        let values = [
            ("count", count.as_str()),
            ("number", deferred.as_str()),
            ("value", &first),
            ("other", &last),
        ];
        let _ = writeln!(out, "     {}", text("cli.attempts", lang, &values));
    }
    for list in &r.listings {
        let (name, id) = (shown(&list.name), &list.id);
        // Whose it is: a list, the recipient's provider's policy, or a
        // limit of the sender's own hosting server.
        let kind = match list.kind {
            EntryKind::ProviderPolicy => "cli.policy",
            EntryKind::HostingLimit => "cli.hosting-limit",
            _ => "cli.list",
        };
        let _ = writeln!(out, "     {}: {name} ({id})", label(kind));
        if let Some(url) = &list.lookup_url {
            let _ =
                writeln!(out, "       {}: {}", label("cli.lookup"), shown(url));
        }
        if let Some(url) = &list.delist_url {
            let _ =
                writeln!(out, "       {}: {}", label("cli.delist"), shown(url));
        }
    }
}

/// A multi-line reply joined as one, without the codes its continuation
/// lines repeat (`550-5.7.26 a 550-5.7.26 b 550 5.7.26 c` reads
/// `550 5.7.26 a b c`); other text as it is.
fn one_reply(diagnostic: &str) -> String {
    let Some(code) =
        diagnostic.get(..3).filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
    else {
        return diagnostic.to_string();
    };
    let dashed = format!("{code}-");
    if !diagnostic.contains(&dashed) {
        return diagnostic.to_string();
    }
    // `550-5.7.26` and `550-Relaying` are a code and a word.
    let mut words: Vec<&str> = Vec::new();
    for w in diagnostic.split_whitespace() {
        match w.strip_prefix(dashed.as_str()) {
            Some(rest) if !rest.is_empty() => words.extend([code, rest]),
            Some(_) => words.push(code),
            None => words.push(w),
        }
    }
    let is_status = |w: &&str| {
        w.split('.').count() == 3
            && w.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let status = words.get(1).copied().filter(is_status);
    if words.iter().skip(1).all(|w| *w != code) {
        return diagnostic.to_string();
    }
    let mut out = vec![code];
    out.extend(status);
    let mut n = 1 + usize::from(status.is_some());
    while n < words.len() {
        if words[n] == code {
            n += 1;
            if status.is_some() && words.get(n).copied() == status {
                n += 1;
            }
            continue;
        }
        out.push(words[n]);
        n += 1;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::one_reply;

    #[test]
    fn joins_a_multi_line_reply_without_its_repeated_codes() {
        let d = "550-5.7.26 Unauthenticated email 550-5.7.26 is not accepted. \
                 550 5.7.26 https://example.org/x - gsmtp";
        assert_eq!(
            one_reply(d),
            "550 5.7.26 Unauthenticated email is not accepted. https://example.org/x - gsmtp"
        );
        assert_eq!(
            one_reply("550-Please log in. 550 Relaying denied"),
            "550 Please log in. Relaying denied"
        );
        let single = "550 5.7.1 more than 550 messages";
        assert_eq!(one_reply(single), single);
    }
}
