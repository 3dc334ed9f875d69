// SPDX-License-Identifier: MIT
//! Sendmail's bounce text (8.x): the failed addresses with their
//! reasons, then the transcript of the SMTP session.
//!
//! ```text
//!    ----- The following addresses had permanent fatal errors -----
//! <neko@example.org>
//!     (reason: 550 5.1.1 <neko@example.org>... User unknown)
//!
//!    ----- Transcript of session follows -----
//! ... while talking to mx.example.org.:
//! >>> RCPT To:<neko@example.org>
//! <<< 550 5.1.1 <neko@example.org>... User unknown
//! 550 5.1.1 <neko@example.org>... User unknown
//! ```

use std::collections::HashSet;

use super::layout;
use super::Family;
use crate::command::Command;
use crate::grammar::address::{clean, find_address};
use crate::grammar::host::parse_host;
use crate::grammar::reply::{parse_reply, Reply};
use crate::input::{MAX_RECIPIENTS, MAX_TEXT};
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The Sendmail family.
pub const FAMILY: Family =
    Family { id: "sendmail", claims, extract, words: Some(claim_words) };

/// The heading of the list of failed addresses, and whether the
/// failures it lists are final.
const LISTS: &[(&str, Action)] = &[
    // ----- The following addresses had permanent fatal errors -----
    ("The following addresses had permanent fatal errors", Action::Failed),
    // ----- The following addresses had transient non-fatal errors -----
    ("The following addresses had transient non-fatal errors", Action::Delayed),
    // ----- The following addresses have delivery notifications -----
    ("The following addresses have delivery notifications", Action::Failed),
];

/// The heading of the session transcript.
const TRANSCRIPT: &str = "----- Transcript of session follows -----";

/// The most of the transcript read, in bytes: real ones hold a few
/// kilobytes, and each recipient reads it again.
const TRANSCRIPT_TEXT: usize = 8 * MAX_TEXT;

/// Sentences of a delay warning (Subject: Warning: could not send
/// message for past 4 hours), not of a bounce that gave up.
const WARNING_MARKS: &[&str] = &[
    "THIS IS A WARNING MESSAGE ONLY",
    "Warning: message still undelivered after",
    "Will keep trying until message is",
];

/// Headings that open the returned message.
const ENDS: &[&str] = &[
    "----- Original message follows -----",
    "----- Message header follows -----",
    "----- Returned message follows -----",
    "------- Received message follows",
    "----- Unsent message follows -----",
    "----- No message was collected -----",
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    let mut words = vec![TRANSCRIPT];
    words.extend(LISTS.iter().map(|l| l.0));
    words
}

fn claims(notice: &Notice) -> bool {
    let body = notice.body.as_str();
    LISTS.iter().any(|(heading, _)| layout::has(body, heading))
        || layout::has(body, TRANSCRIPT)
}

/// A record for each address listed.
pub fn extract(notice: &Notice) -> Vec<Record> {
    extract_beside(notice, &crate::mta::rfc3464::records(notice))
}

/// [`extract`], given the records of the notice's delivery-status part
/// ([`crate::mta::rfc3464::records`]), which the caller reads once for
/// this and for completing the records after.
pub(crate) fn extract_beside(
    notice: &Notice,
    from_status: &[Record],
) -> Vec<Record> {
    let body = layout::before_line(&notice.body, ENDS);
    let transcript = layout::after_line(body, TRANSCRIPT).unwrap_or("");
    // Each address reads the transcript again: bound both.
    let transcript = layout::head(transcript, TRANSCRIPT_TEXT);
    let reported = reported(from_status);
    let mut records = Vec::new();
    for (heading, action) in LISTS {
        let Some(list) = layout::after_line(body, heading) else {
            continue;
        };
        for entry in entries(list).into_iter().take(MAX_RECIPIENTS + 1) {
            records.push(record(&entry, *action, transcript, &reported));
        }
    }
    if records.is_empty() && layout::contains_any(body, WARNING_MARKS) {
        records = deferred(transcript);
    }
    records
}

/// Sendmail's own lines for the addresses it still retries, when the
/// notice lists none (a delay warning pasted from its transcript on):
/// each one is a delayed record.
///
/// ```text
/// <neko@example.org>... Deferred: Connection timed out with mx.example.org.
/// ```
fn deferred(transcript: &str) -> Vec<Record> {
    let lines = layout::lines(transcript).map(str::trim);
    let lines = lines.filter(|l| l.contains(">... Deferred"));
    let mut records: Vec<Record> = Vec::new();
    for line in lines.take(MAX_RECIPIENTS + 1) {
        let Some((head, _)) = line.split_once(">...") else { continue };
        let Some(address) = find_address(clean(head)) else { continue };
        let mut record = Record {
            address: Some(address.to_string()),
            action: Some(Action::Delayed),
            diagnostic: Some(line.to_string()),
            ..Record::default()
        };
        record.fill_codes_from_diagnostic();
        deferred_host(&mut record);
        delayed_status(&mut record);
        records.push(record);
    }
    records
}

/// The host a `Deferred:` line names at its end, when no session did.
///
/// ```text
/// <neko@example.org>... Deferred: Connection timed out with mx.example.org.
/// <neko@example.org>... Deferred: Connection refused by mx.example.org.
/// ```
fn deferred_host(record: &mut Record) {
    if record.remote_host.is_some() {
        return;
    }
    let Some(line) = record.diagnostic.as_deref() else { return };
    let Some((_, words)) = line.split_once("Deferred: ") else { return };
    let last = [" with ", " by "]
        .iter()
        .filter_map(|sep| words.rfind(sep).map(|i| &words[i + sep.len()..]))
        .min_by_key(|rest| rest.len());
    let Some(rest) = last else { return };
    let host = parse_host(rest.trim_end_matches('.'));
    record.remote_host = host.name;
    record.remote_ip = record.remote_ip.take().or(host.ip);
}

/// The stand-in code of an address Sendmail still retries, when no
/// reply gave one: a temporary one (`4.0.947`), as for Exim's delays,
/// not the final code of the same words in a bounce.
fn delayed_status(record: &mut Record) {
    use crate::knowledge::rules::{first_match_in, Facts};
    use crate::settle;
    let text = record.diagnostic.as_deref().unwrap_or("");
    if record.action != Some(Action::Delayed)
        || record.status.is_some()
        || settle::status_in_text(text).is_some()
    {
        return;
    }
    let command = record.command;
    let facts = Facts { text, format: FAMILY.id, command, ..Facts::default() };
    if let Some(m) = first_match_in(&facts, "mta") {
        record.status = settle::stand_in(m.rule.reason, true);
    }
}

/// The recipients the delivery-status part's records (`from_status`)
/// report on: for them its `Status:` is Sendmail's code, not the
/// summary line's. The records are the family's own but for a single
/// one's context (its prose), which is not read there, and not worked
/// out.
fn reported(from_status: &[Record]) -> HashSet<String> {
    from_status
        .iter()
        .filter(|r| r.status.is_some())
        .filter_map(|r| r.address.as_deref())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// One failed address and what the list says beside it.
#[derive(Debug, Default)]
struct Entry<'a> {
    /// The address line, as printed (`<a@b>`, `a@b`, `"|/bin/prog"`).
    address: &'a str,
    /// `(reason: …)`.
    reason: Option<&'a str>,
    /// `(expanded from: <…>)`.
    expanded_from: Option<&'a str>,
}

/// The address lines of a list, up to the next heading or blank line.
///
/// ```text
/// <neko@example.org>
///     (reason: 550 5.1.1 User unknown)
///     (expanded from: <tora@example.org>)
/// ```
fn entries(list: &str) -> Vec<Entry<'_>> {
    let mut out: Vec<Entry<'_>> = Vec::new();
    for line in layout::lines(list) {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("-----") {
            break;
        }
        if let Some(v) = inside(trimmed, "(reason:") {
            if let Some(last) = out.last_mut() {
                last.reason = Some(v);
            }
        } else if let Some(v) = inside(trimmed, "(expanded from:") {
            match out.last_mut() {
                Some(last) if last.expanded_from.is_none() => {
                    last.expanded_from = Some(v)
                }
                _ => out
                    .push(Entry { expanded_from: Some(v), ..Entry::default() }),
            }
        } else if !line.starts_with([' ', '\t']) {
            out.push(Entry { address: trimmed, ..Entry::default() });
        }
    }
    out
}

/// The text of `(name value)` without its parentheses.
fn inside<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(name)?;
    Some(rest.strip_suffix(')').unwrap_or(rest).trim())
}

fn record(
    entry: &Entry<'_>,
    action: Action,
    transcript: &str,
    reported: &HashSet<String>,
) -> Record {
    let address = find_address(clean(entry.address))
        .filter(|a| *a == clean(entry.address))
        .or_else(|| entry.expanded_from.and_then(find_address));
    let mut record = Record {
        address: address.map(str::to_string),
        action: Some(action),
        ..Record::default()
    };
    let named = address.and_then(|a| named_summary(transcript, a));
    // (reason: ) says nothing.
    let given = entry.reason.filter(|r| !r.trim().is_empty());
    // (reason: 550 5.1.1 User unknown) is the server's reply; a reason
    // that is no failure reply (a mailer's exit status, `(reason: 255)`)
    // has no remote session and gives way to Sendmail's own line.
    let reason = given.filter(|r| is_failure_reply(r));
    // Without a reason, the session's reply belongs to this address only
    // when Sendmail has no line of its own about it.
    let session = match (entry.reason, given, reason, named) {
        (None, _, _, Some(_)) | (_, Some(_), None, _) => Session::default(),
        _ => Session::read(transcript, given),
    };
    record.remote_host = session.host;
    record.command = session.command;
    let summary = summary(transcript, address);
    // (reason: 550-5.7.1 Messages with multiple addresses in From:)
    // is the first line of a reply the transcript holds in full.
    let whole = session
        .reply
        .as_deref()
        .filter(|r| reason.is_some_and(|first| continued(r, first)))
        .map(str::to_string);
    record.diagnostic = whole
        .or(reason.map(str::to_string))
        .or_else(|| named.filter(|_| given.is_none()).map(str::to_string))
        .or(session.reply)
        .or_else(|| summary.map(|(line, _)| line.to_string()))
        .or_else(|| given.map(str::to_string));
    record.fill_codes_from_diagnostic();
    deferred_host(&mut record);
    delayed_status(&mut record);
    // Without a remote session or a reason of Sendmail's, the words of
    // a local program are all the notice says.
    if record.remote_host.is_none() && given.is_none() {
        record.context = local_words(transcript);
    }
    let Some((line, own)) = summary else { return record };
    let Some(reply) = parse_reply(line) else { return record };
    record.reply_code = record.reply_code.or(Some(reply.code));
    // 550 5.1.1 <neko@example.org>... User unknown
    // is Sendmail's reading of the server's reply: its code counts only
    // when neither the reply nor the delivery-status part gave one.
    // 554 5.3.0 unknown mailer error 75
    // is Sendmail's own failure, and says more than a vague code.
    let in_status =
        address.is_some_and(|a| reported.contains(&a.to_ascii_lowercase()));
    let vague = record.status.is_none_or(|s| s.is_vague());
    let specific = reply.status.filter(|s| !s.is_vague());
    if own {
        if !in_status {
            record.status = record.status.or(reply.status);
        }
    } else if vague && specific.is_some() {
        record.status = specific;
    }
    record
}

/// What a local program said before Sendmail's own lines, when the
/// transcript has no remote session: `program: words`.
///
/// ```text
/// mail.local: unknown user: neko
/// 554 <neko@example.org>... Service unavailable
/// ```
fn local_words(transcript: &str) -> Option<String> {
    let said: Vec<&str> = transcript
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("... while talking to "))
        .filter(|l| local_program(l))
        .collect();
    (!said.is_empty()).then(|| said.join(" "))
}

/// True if `line` starts with a program's name and a colon.
fn local_program(line: &str) -> bool {
    line.split_once(": ").is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"./_-".contains(&b))
    })
}

/// True if `reply` has more lines than `first`, which is its first.
///
/// ```text
/// 550-5.7.1 Messages with multiple addresses in From:
/// 550 5.7.1 header are not accepted.
/// ```
fn continued(reply: &str, first: &str) -> bool {
    layout::lines(reply).count() > 1
        && layout::lines(reply).next().is_some_and(|l| l.trim() == first.trim())
}

/// True if and only if `text` starts with a failure reply (4xx, 5xx).
fn is_failure_reply(text: &str) -> bool {
    parse_reply(text).is_some_and(|r| r.code >= 400)
}

/// Sendmail's own line about `address`.
fn named_summary<'a>(transcript: &'a str, address: &str) -> Option<&'a str> {
    let marks = [format!("{address}..."), format!("{address}>...")];
    layout::lines(transcript).map(str::trim).find(|l| {
        !l.starts_with("<<<") && marks.iter().any(|m| layout::has(l, m))
    })
}

/// What the transcript says about the remote side.
#[derive(Debug, Default)]
struct Session {
    /// `... while talking to mx.example.org.:`
    host: Option<String>,
    /// The command before the reply.
    command: Option<Command>,
    /// The server's reply, its lines joined.
    reply: Option<String>,
}

impl Session {
    /// Reads the reply matching `reason` (or the first failure reply)
    /// and the host and command before it.
    fn read(transcript: &str, reason: Option<&str>) -> Session {
        let lines: Vec<&str> = layout::lines(transcript).collect();
        let wanted = reason.and_then(parse_reply);
        let mut chosen = None;
        for (n, line) in lines.iter().enumerate() {
            let Some(said) = line.strip_prefix("<<< ") else { continue };
            let Some(reply) = parse_reply(said) else { continue };
            if reply.code == 503 {
                continue;
            }
            let fits = wanted.as_ref().is_none_or(|w| same(w, &reply));
            if fits {
                chosen = Some(n);
                break;
            }
            chosen = chosen.or(Some(n));
        }
        let Some(at) = chosen else { return Session::default() };
        let before = &lines[..at];
        let host = before.iter().rev().find_map(|l| {
            let rest = l.strip_prefix("... while talking to ")?;
            parse_host(rest.trim_end_matches(':').trim_end_matches('.')).name
        });
        // A reply with no command of ours before it, since the host was
        // named, answered the connection.
        //
        // ... while talking to mx.example.org.:
        // <<< 554 IP=192.0.2.1 - A problem occurred.
        let talk = before
            .iter()
            .rposition(|l| l.starts_with("... while talking to "))
            .map_or(0, |n| n + 1);
        let command = match before[talk..]
            .iter()
            .rev()
            .find_map(|l| l.strip_prefix(">>> "))
        {
            Some(sent) => Command::from_word(sent),
            None if talk > 0 => Some(Command::Connect),
            None => None,
        };
        let reply: Vec<&str> =
            lines[at..].iter().map_while(|l| l.strip_prefix("<<< ")).collect();
        Session { host, command, reply: Some(reply.join("\n")) }
    }
}

fn same(a: &Reply, b: &Reply) -> bool {
    a.code == b.code && a.text.get(..20) == b.text.get(..20)
}

/// Sendmail's line for the address: its own line naming it (`true`),
/// else the first failure line that names no address, such as a local
/// mailer's error (`false`).
///
/// ```text
/// 550 5.1.1 <neko@example.org>... User unknown
/// <neko@example.org>... Deferred: Connection refused by mx.example.org.
/// 554 5.3.0 unknown mailer error 75
/// ```
fn summary<'a>(
    transcript: &'a str,
    address: Option<&str>,
) -> Option<(&'a str, bool)> {
    if let Some(line) = address.and_then(|a| named_summary(transcript, a)) {
        return Some((line, true));
    }
    let line = layout::lines(transcript).map(str::trim).find(|l| {
        !l.starts_with("<<<")
            && !l.contains(">...")
            && parse_reply(l).is_some_and(|r| r.code >= 400)
    })?;
    Some((line, false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::status::Status;

    const NOTICE: &str = "   ----- The following addresses had permanent fatal errors -----\n\
        <neko@example.org>\n    \
        (reason: 550 5.1.1 <neko@example.org>... User unknown)\n\
        tora@example.net\n\n   \
        ----- Transcript of session follows -----\n\
        ... while talking to mx.example.org.:\n\
        >>> RCPT To:<neko@example.org>\n\
        <<< 550 5.1.1 <neko@example.org>... User unknown\n\
        550 5.1.1 <neko@example.org>... User unknown\n\
        550 5.1.2 <tora@example.net>... Host unknown (Name server: example.net: host not found)\n";

    #[test]
    fn reads_the_list_and_the_transcript() {
        let records = extract(&Notice::fragment(NOTICE.to_string()));
        assert_eq!(records.len(), 2);
        let neko = &records[0];
        assert_eq!(neko.address.as_deref(), Some("neko@example.org"));
        assert_eq!(neko.command, Some(Command::Rcpt));
        assert_eq!(neko.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(neko.status, Some(Status::new(5, 1, 1)));
        let tora = &records[1];
        assert_eq!(tora.address.as_deref(), Some("tora@example.net"));
        assert_eq!(tora.reply_code, Some(550));
        assert_eq!(tora.status, Some(Status::new(5, 1, 2)));
    }

    #[test]
    fn a_wrapped_reply_is_read_whole() {
        let body = "   ----- The following addresses had permanent fatal errors -----\n\
            <neko@example.org>\n    \
            (reason: 550-5.7.1 Messages with multiple addresses in From:)\n\n   \
            ----- Transcript of session follows -----\n\
            ... while talking to mx.example.org.:\n\
            >>> DATA\n\
            <<< 550-5.7.1 Messages with multiple addresses in From:\n\
            <<< 550 5.7.1 header are not accepted.\n\
            554 5.0.0 Service unavailable\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(
            records[0].diagnostic.as_deref(),
            Some(
                "550-5.7.1 Messages with multiple addresses in From:\n\
                 550 5.7.1 header are not accepted."
            )
        );
    }

    #[test]
    fn a_reply_to_no_command_answers_the_connection() {
        let body = "   ----- The following addresses had permanent fatal errors -----\n\
            <neko@example.org>\n    \
            (reason: 554 IP=192.0.2.1 - A problem occurred.)\n\n   \
            ----- Transcript of session follows -----\n\
            ... while talking to mx.example.org.:\n\
            <<< 554 IP=192.0.2.1 - A problem occurred.\n\
            554 5.0.0 Service unavailable\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records[0].command, Some(Command::Connect));
    }

    #[test]
    fn a_local_program_speaks_when_nothing_else_does() {
        let body = "   ----- The following addresses had permanent fatal errors -----\n\
            <neko@example.org>\n\n   \
            ----- Transcript of session follows -----\n\
            mail.local: unknown user: neko\n\
            554 <neko@example.org>... Service unavailable\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(
            records[0].context.as_deref(),
            Some("mail.local: unknown user: neko")
        );
    }

    #[test]
    fn the_transcript_survives_quote_stripping() {
        let crlf = NOTICE.replace('\n', "\r\n");
        let report =
            crate::decode(crlf.as_bytes(), &crate::Options::default()).unwrap();
        assert_eq!(report.format, "sendmail");
        assert_eq!(report.recipients[0].command, Some(Command::Rcpt));
    }
}
