// SPDX-License-Identifier: MIT
//! Exim's bounce and delay-warning text (all versions): the failed
//! addresses indented by two spaces, what happened indented by four.
//!
//! ```text
//! This message was created automatically by mail delivery software.
//!
//! A message that you sent could not be delivered to one or more of its
//! recipients. This is a permanent error. The following address(es) failed:
//!
//!   neko@example.org
//!     host mx.example.org [192.0.2.1]
//!     SMTP error from remote mail server after RCPT TO:<neko@example.org>:
//!     550 5.1.1 <neko@example.org>: User unknown
//!
//! ------ This is a copy of the message, including all the headers. ------
//! ```

use std::collections::HashSet;

use super::layout::{self, Paragraph};
use super::Family;
use crate::grammar::address::{find_address, find_addresses, malformed};
use crate::grammar::exim::find_smtp_error;
use crate::grammar::host::is_host_name;
use crate::grammar::postfix::one_line;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The Exim family.
pub const FAMILY: Family =
    Family { id: "exim", claims, extract, words: Some(claim_words) };

/// Lines after which the failed addresses are listed.
const STARTS: &[&str] = &[
    // recipients. This is a permanent error. The following address(es) failed:
    "address(es) failed:",
    // The address to which the message has not yet been delivered is:
    "has not yet been delivered is:",
    // The addresses to which the message has not yet been delivered are:
    "have not yet been delivered are:",
    // A message that you sent contained one or more recipient addresses
    // that were incorrectly constructed:
    "incorrectly constructed:",
    // A message that you sent could not be delivered to all of its
    // recipients. The following address(es) failed:  (Exim 3)
    "could not be delivered to all of its recipients",
    // The same notice translated by an Indonesian host:
    // Ini adalah kesalahan permanen. Alamat berikut gagal:
    "Alamat berikut gagal:",
];

/// Lines that open the returned message, or the closing boilerplate
/// of a delay warning: none of it is the server's words.
const ENDS: &[&str] = &[
    "------ This is a copy of ",
    // lhost samples show five dashes as well
    "----- This is a copy of ",
    "------ The body of the message is",
    "------ The message",
    // The same line as Indonesian hosts translate it:
    // ------ Ini adalah salinan pesan, termasuk semua header. ------
    "------ Ini adalah salinan pesan",
    // The boilerplate of a delay warning, after the addresses:
    // No action is required on your part. Delivery attempts will continue
    // for some time, and this warning may be repeated at intervals if the
    // message remains undelivered.
    "No action is required on your part.",
];

/// Sentences that only Exim's notices carry.
const BODY_MARKS: &[&str] = &[
    "This message was created automatically by mail delivery software.",
    "SMTP error from remote mail server after",
    "SMTP error from remote mailer after",
    "A message that you sent could not be delivered to one or more of its",
    // A message that you sent contained one or more recipient addresses
    // that were incorrectly constructed:
    "A message that you sent contained one or more recipient addresses",
    // The first sentence as Indonesian hosts translate it, and the
    // second in another translation:
    // Pesan Anda tidak dapat dikirim ke satu atau lebih penerima.
    "Pesan ini dibuat secara otomatis oleh sistem pengiriman email.",
    "Pesan ini dibuat secara otomatis oleh perangkat lunak pengiriman surat.",
    "tidak dapat dikirim ke satu atau lebih penerima",
    // Pesan yang Anda kirim tidak dapat dikirimkan ke satu atau lebih
    // penerimanya.
    "tidak dapat dikirimkan ke satu atau lebih penerima",
    "SMTP error dari server ",
];

/// Exim's own sentences for an address no server took, the first line
/// under the address; an address line followed by one is Exim's even
/// when the notice's other sentences were not copied:
///
/// ```text
///   neko@example.org
///     Unrouteable address
/// ```
const OWN_WORDS: &[&str] = &[
    "Unrouteable address",
    "Mailbox quota exceeded",
    "all relevant MX records point to non-existent hosts",
    "retry time not reached for any host",
    "retry timeout exceeded",
    // Exim gave up: the domain's hosts failed past its retry rules.
    "all hosts have been failing for a long time",
    "all hosts for '",
];

/// cPanel's Exim sentence that names the failed address itself, pasted
/// without the notice around it:
///
/// ```text
/// The mail server could not deliver mail to neko@example.org.  The account or domain may not exist, …
/// ```
const NAMING_SENTENCE: &str = "The mail server could not deliver mail to ";

/// Subjects Exim gives its notices.
const SUBJECTS: &[&str] = &[
    "Mail delivery failed",
    "Mail failure",
    "Message frozen",
    "Warning: message ",
    "error(s) in forwarding or filtering",
];

/// Sentences that make the notice a delay warning, not a bounce.
const DELAY_MARKS: &[&str] = &[
    "has not yet been delivered to one or more of its",
    "No action is required on your part.",
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    let more = &[NAMING_SENTENCE, "x-failed-recipients"];
    [SUBJECTS, BODY_MARKS, OWN_WORDS, more].concat()
}

fn claims(notice: &Notice) -> bool {
    from_exim(notice)
        || layout::contains_any(&notice.body, BODY_MARKS)
        || !bare_paragraphs(&notice.body).is_empty()
}

/// A record for each failed address.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let section = layout::section(body, STARTS, ENDS);
    let delayed = layout::contains_any(body, DELAY_MARKS);
    // Addresses pasted without the sentence that lists them are read
    // pair by pair: an address line, then Exim's own words.
    let listed = STARTS.iter().any(|s| body.contains(s));
    let bare = if listed { Vec::new() } else { bare_paragraphs(body) };
    let found = if bare.is_empty() { paragraphs(section) } else { bare };
    let mut records: Vec<Record> =
        found.iter().map(|p| record(p, delayed)).collect();
    if let Some(failed) = notice.header("x-failed-recipients") {
        give_unnamed(&mut records, failed);
    }
    if !listed && !from_exim(notice) {
        records.iter_mut().for_each(unknown_if_for_now);
    }
    records
}

/// True if and only if the headers are those of Exim's own notice.
fn from_exim(notice: &Notice) -> bool {
    (notice.from().contains("Mail Delivery System")
        && layout::contains_any(notice.subject(), SUBJECTS))
        || notice.header("x-failed-recipients").is_some()
}

/// A paragraph pasted without the sentence above it does not say
/// whether Exim gave up: with a 4xx reply the refusal may be one for
/// now, so the action is left unknown rather than said to have failed.
///
/// ```text
///   neko@example.org
///     SMTP error from remote mail server after pipelined end of data:
///     421-4.7.0 … has been temporarily rate limited.
/// ```
fn unknown_if_for_now(record: &mut Record) {
    let for_now = record.reply_code.is_some_and(|c| c / 100 == 4);
    if for_now && record.action == Some(Action::Failed) {
        record.action = None;
    }
}

/// Gives the addresses of `X-Failed-Recipients:` that no paragraph
/// names, in order, to the paragraphs that name none (a pipe or file
/// without `generated by`, a bare local part).
///
/// ```text
/// X-Failed-Recipients: neko@example.org, tora@example.org
/// ```
fn give_unnamed(records: &mut [Record], failed: &str) {
    let named: HashSet<String> = records
        .iter()
        .filter_map(|r| r.address.as_ref())
        .map(|a| a.to_ascii_lowercase())
        .collect();
    let mut spare = find_addresses(failed)
        .into_iter()
        .map(|(_, a)| a)
        .filter(|a| !named.contains(&a.to_ascii_lowercase()));
    for record in records.iter_mut().filter(|r| r.address.is_none()) {
        record.address = spare.next().map(str::to_string);
    }
}

/// Exim's paragraphs: an address line indented by two spaces, the lines
/// indented deeper below it, and the output of a failed pipe after
/// `The following text was generated during the delivery attempt:`.
fn paragraphs(section: &str) -> Vec<Paragraph<'_>> {
    let mut out: Vec<Paragraph<'_>> = Vec::new();
    let mut open = false;
    // After a blank line; the text Exim says a delivery generated comes
    // after one.
    let (mut blank, mut generated) = (false, false);
    for line in layout::lines(section) {
        if let Some((address, rest)) = opening(line) {
            out.push(Paragraph { address, lines: vec![rest] });
            open = true;
        } else if line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            if let (true, Some(last)) = (open, out.last_mut()) {
                last.lines.push(line);
            }
        } else if line.starts_with("The following text was generated") {
            (open, generated) = (true, true);
        } else if !line.trim().is_empty() && !line.starts_with("------") {
            // A line at the margin after a blank one is past the
            // addresses (a ticket's own words after a quoted notice),
            // unless it is the text a delivery generated.
            open = open
                && (generated || !blank)
                && out.last().is_some_and(|p| p.lines.len() > 1);
            if let (true, Some(last)) = (open, out.last_mut()) {
                last.lines.push(line);
            }
        }
        blank = line.trim().is_empty();
    }
    out
}

/// The paragraphs of addresses pasted without the notice around them,
/// their indentation kept or lost: a line that is an address alone, then
/// a line that opens with one of Exim's own sentences ([`OWN_WORDS`]),
/// and the lines after it up to a blank one.
///
/// ```text
/// neko@example.org
///   all relevant MX records point to non-existent hosts
/// ```
fn bare_paragraphs(body: &str) -> Vec<Paragraph<'_>> {
    let mut out: Vec<Paragraph<'_>> = Vec::new();
    let mut lines = layout::lines(body).peekable();
    let mut open = false;
    while let Some(line) = lines.next() {
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        let named = line
            .find(NAMING_SENTENCE)
            .and_then(|at| find_address(&line[at + NAMING_SENTENCE.len()..]));
        if let Some(address) = named {
            out.push(Paragraph { address, lines: vec![line.trim()] });
            open = true;
            continue;
        }
        let next = lines.peek().map_or("", |l| l.trim_start());
        let own = OWN_WORDS.iter().any(|w| next.starts_with(w));
        let alone = line.trim().trim_matches(['<', '>', ':']);
        let address = layout::address_line(line)
            .filter(|a| *a == alone)
            .or_else(|| malformed(alone))
            .filter(|_| own);
        if let Some(address) = address {
            out.push(Paragraph { address, lines: vec![""] });
            open = true;
        } else if let (true, Some(last)) = (open, out.last_mut()) {
            last.lines.push(line);
        }
    }
    out
}

/// `"  " recipient [": " text]`, where the recipient is an address, a
/// pipe or file, `an undisclosed address`, or a bare local part.
///
/// ```text
///   neko@example.org
///   tora@example.org <mike@example.org>: malformed address: …
///   pipe to |/usr/local/bin/filter
///   an undisclosed address
/// ```
fn opening(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("  ")?;
    if rest.starts_with([' ', '\t']) || rest.trim().is_empty() {
        return None;
    }
    let unusual = ["pipe to |", "save to ", "an undisclosed address", "/"];
    if unusual.iter().any(|u| rest.starts_with(u)) {
        return Some((rest.trim(), ""));
    }
    let (head, text) = match rest.split_once(": ") {
        Some((h, t)) => (h, t.trim()),
        None => (rest.trim_end().trim_end_matches(':'), ""),
    };
    // `  "john doe"@example.org`: a quoted local part may hold spaces.
    if let Some(addr) = crate::grammar::address::leading_quoted(head) {
        return Some((addr, text));
    }
    let first = head.split_whitespace().next()?;
    let first = first.trim_matches(|c| c == '<' || c == '>');
    if let Some(addr) = find_address(first).filter(|a| *a == first) {
        return Some((addr, text));
    }
    // An address Exim could not route because it is not well formed is
    // printed as it was given: `  cs@example..org`.
    if let Some(addr) = malformed(first) {
        return Some((addr, text));
    }
    // A bare local part: Exim prints the address it was given.
    let bare = head.split_whitespace().count() == 1
        && text.is_empty()
        && !is_host_name(first)
        && first
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-+".contains(&b));
    bare.then_some((first, ""))
}

fn record(paragraph: &Paragraph<'_>, delayed: bool) -> Record {
    let text = paragraph.text();
    // A paragraph of a delay warning pasted without the warning's own
    // sentences: "    Delay reason: SMTP error from remote mail server
    // after RCPT TO:<neko@example.org>:".
    let delayed =
        delayed || text.contains("Delay reason: ") || not_retried_yet(&text);
    let mut record = Record {
        address: named_address(paragraph, &text).map(str::to_string),
        action: Some(if delayed { Action::Delayed } else { Action::Failed }),
        ..Record::default()
    };
    if let Some(error) = find_smtp_error(&text) {
        record.command = error.command;
        if let Some(host) = error.host {
            record.remote_host = host.name;
            record.remote_ip = host.ip;
        }
        record.diagnostic = Some(error.reply).filter(|r| !r.is_empty());
    } else {
        // "host mx.example.org [192.0.2.1]: Connection timed out"
        let host = layout::lines(&text)
            .find_map(|l| crate::grammar::exim::host_spec(l.trim()).ok());
        if let Some((_, host)) = host {
            record.remote_host = host.name;
            record.remote_ip = host.ip;
        }
        record.diagnostic = Some(plain_diagnostic(&text, paragraph.address))
            .filter(|d| !d.is_empty());
    }
    record.fill_codes_from_diagnostic();
    early_status(&mut record, FAMILY.id);
    record
}

/// True if and only if Exim's words say it has not retried the address
/// yet, its retry time not reached: the message is still queued, and the
/// cause is that of an earlier attempt. After a long failure period the
/// same words say that Exim gave up.
///
/// ```text
///   neko@example.org
///     retry time not reached for any host
/// ```
fn not_retried_yet(text: &str) -> bool {
    text.contains("retry time not reached")
        && !text.contains("after a long failure period")
        && !text.contains("have been failing for a long time")
}

/// The status code Exim's own reading gives a failure whose words carry
/// no code, as the field's reference decoder records it: a refusal of
/// the sender or of the greeting is held for a closer look (`X.0.901`),
/// a failure Exim's own sentences name gets that reason's stand-in, and
/// a retry timeout is a temporary condition that lasted (`4.0.947`, as
/// the corpus labels it), whatever reason the words give later. A full
/// mailbox takes the class of the failure: `5.0.922` when Exim gave up,
/// `4.0.922` while it still retries, so that a permanent failure does
/// not read as a temporary code. `format` names the family whose `mta`
/// rules read the words (Exim and the providers that run it with its
/// own sentences, such as Mail.ru).
///
/// ```text
///   neko@example.org
///     SMTP error from remote mail server after MAIL FROM:<…>:
///     550 Unroutable sender address              -> 5.0.901
///   neko@example.org
///     retry timeout exceeded                     -> 4.0.947
///   neko@example.org
///     mailbox is full: retry timeout exceeded    -> 5.0.922
/// ```
pub fn early_status(record: &mut Record, format: &str) {
    use crate::command::Command;
    use crate::knowledge::rules::{first_match_in, Facts};
    use crate::reason::Reason;
    use crate::settle;
    let text = record.diagnostic.as_deref().unwrap_or("");
    if record.status.is_some() || settle::status_in_text(text).is_some() {
        return;
    }
    let early = match record.command {
        Some(Command::Mail) => Some(Reason::OnHold),
        Some(Command::Ehlo | Command::Helo) => Some(Reason::Blocked),
        _ => {
            // The command counts: a remote's "550 Unrouteable address"
            // in reply to RCPT TO is about the user, Exim's own about
            // the domain.
            let command = record.command;
            let facts = Facts { text, format, command, ..Facts::default() };
            first_match_in(&facts, "mta").map(|m| m.rule.reason)
        }
    };
    let Some(early) = early else { return };
    let lasted = early == Reason::Expired;
    let retried = record.action == Some(Action::Delayed);
    let temporary =
        lasted || retried || record.reply_code.is_some_and(|r| r / 100 == 4);
    record.status = settle::stand_in(early, temporary);
}

/// The address a paragraph names: its opening line when that is an
/// address, else the one it was generated from or by; never one taken
/// from inside a pipe command or file name.
///
/// ```text
///   pipe to |/usr/local/bin/filter
///     generated by neko@example.org
/// ```
fn named_address<'a>(
    paragraph: &Paragraph<'a>,
    text: &'a str,
) -> Option<&'a str> {
    let own = find_address(paragraph.address)
        .filter(|a| *a == paragraph.address)
        .or_else(|| malformed(paragraph.address));
    own.or_else(|| {
        layout::lines(text)
            .find(|l| {
                l.contains("generated from") || l.contains("generated by")
            })
            .and_then(find_address)
    })
}

/// What Exim says when no server replied: the paragraph without the
/// lines that name where the address came from.
///
/// ```text
///   neko@example.org
///     (ultimately generated from tora@example.org)
///     retry timeout exceeded
/// ```
fn plain_diagnostic(text: &str, label: &str) -> String {
    let kept = layout::lines(text).filter(|l| {
        let l = l.trim();
        !(l.starts_with("(generated from")
            || l.starts_with("(ultimately generated from")
            || l.starts_with("generated by"))
    });
    let line = one_line(&kept.collect::<Vec<_>>().join("\n"));
    let line = line.strip_prefix("Delay reason: ").unwrap_or(&line);
    let line = line.trim_matches('"');
    if label.starts_with("pipe to |") || label.starts_with("save to ") {
        format!("{label}: {line}").trim_end_matches([':', ' ']).to_string()
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Command;
    use crate::grammar::status::Status;

    const NOTICE: &str = "This message was created automatically by mail delivery software.\n\n\
        A message that you sent could not be delivered to one or more of its\n\
        recipients. This is a permanent error. The following address(es) failed:\n\n  \
        neko@example.org\n    \
        host mx.example.org [192.0.2.1]\n    \
        SMTP error from remote mail server after RCPT TO:<neko@example.org>:\n    \
        550 5.1.1 <neko@example.org>: User unknown\n  \
        tora@example.net\n    \
        (ultimately generated from mike@example.com)\n    \
        retry timeout exceeded\n\n\
        ------ This is a copy of the message, including all the headers. ------\n\n\
        To: neko@example.org\n";

    #[test]
    fn reads_each_address() {
        let records = extract(&Notice::fragment(NOTICE.to_string()));
        assert_eq!(records.len(), 2);
        let first = &records[0];
        assert_eq!(first.address.as_deref(), Some("neko@example.org"));
        assert_eq!(first.status, Some(Status::new(5, 1, 1)));
        assert_eq!(first.reply_code, Some(550));
        assert_eq!(first.command, Some(Command::Rcpt));
        assert_eq!(first.remote_host.as_deref(), Some("mx.example.org"));
        let second = &records[1];
        assert_eq!(second.address.as_deref(), Some("tora@example.net"));
        assert_eq!(
            second.diagnostic.as_deref(),
            Some("retry timeout exceeded")
        );
    }

    #[test]
    fn a_full_mailbox_takes_the_class_of_the_failure() {
        let record = |action| {
            let mut r = Record {
                action: Some(action),
                diagnostic: Some("mailbox is full".into()),
                ..Record::default()
            };
            early_status(&mut r, FAMILY.id);
            r.status
        };
        assert_eq!(record(Action::Failed), Some(Status::new(5, 0, 922)));
        assert_eq!(record(Action::Delayed), Some(Status::new(4, 0, 922)));
    }

    #[test]
    fn hosts_failing_for_a_long_time_is_a_final_failure() {
        let text = "all hosts for 'example.org' have been failing for a \
                    long time (and retry time not reached)";
        assert!(!not_retried_yet(text));
        assert!(not_retried_yet("retry time not reached for any host"));
    }

    #[test]
    fn a_pipe_takes_no_address_from_its_command() {
        let text = "This message was created automatically by mail delivery software.\n\n\
            A message that you sent could not be delivered to one or more of its\n\
            recipients. This is a permanent error. The following address(es) failed:\n\n  \
            pipe to |/usr/local/bin/filter neko@example.org /home/neko\n    \
            retry timeout exceeded\n  \
            tora@example.org\n    \
            mailbox is full\n";
        let mut notice = Notice::fragment(text.to_string());
        let records = extract(&notice);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].address, None);
        notice.headers = vec![(
            "x-failed-recipients".into(),
            "tora@example.org, mike@example.org".into(),
        )];
        let records = extract(&notice);
        assert_eq!(records[0].address.as_deref(), Some("mike@example.org"));
        assert_eq!(records[1].address.as_deref(), Some("tora@example.org"));
    }

    #[test]
    fn skips_the_sender_line() {
        let text = "A message sent by\n\n  <mike@example.com>\n\n\
            could not be delivered to one or more of its recipients. The following\n\
            address(es) failed:\n\n  neko@example.org\n    mailbox is full\n";
        let records = extract(&Notice::fragment(text.to_string()));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
    }

    #[test]
    fn a_delay_warning_keeps_only_the_server_words() {
        let text = "The address to which the message has not yet been \
            delivered is:\n\n  neko@example.org\n    \
            host mx.example.org [192.0.2.1]: 451 4.7.1 Try again later\n\n\
            No action is required on your part. Delivery attempts will \
            continue for\nsome time, and this warning may be repeated.\n";
        let records = extract(&Notice::fragment(text.to_string()));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].action, Some(Action::Delayed));
        let words = records[0].diagnostic.as_deref().unwrap_or("");
        assert!(words.ends_with("Try again later"), "{words}");
    }
}
