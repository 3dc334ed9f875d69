// SPDX-License-Identifier: MIT
//! Mail-log lines pasted from a server: Postfix's `status=` lines and
//! Exim's `**`, `==` and `=>` lines, a record for each.
//!
//! ```text
//! Jan  2 03:04:05 mx postfix/smtp[123]: 4AB12C3D4: to=<neko@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.1, status=deferred (host mx.example.org[192.0.2.1] said: 450 4.7.1 Try later (in reply to RCPT TO command))
//! 2024-01-02 03:04:05 1rAbCd-000123-Ab ** tora@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<tora@example.org>: 550 5.1.1 User unknown
//! ```

use std::collections::HashMap;

use super::{layout, Family};
use crate::grammar::exim::{find_smtp_error, host_spec};
use crate::grammar::exim_log::{self, log_line, LogLine, Outcome};
use crate::grammar::host::parse_host;
use crate::grammar::postfix::{find_connect_failure, find_host_said};
use crate::grammar::postfix_log::{self, delivery, Delivery};
use crate::grammar::status::Status;
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::{Action, Attempts, Record};

/// The mail-log family.
pub const FAMILY: Family =
    Family { id: "maillog", claims, extract, words: None };

/// Lines looked at to decide whether the text is a log.
const LOOK: usize = 500;

fn claims(notice: &Notice) -> bool {
    // Postfix's `status=` and Exim's `**`, `==`, `=>`, `->`, `*>` each
    // hold one of these bytes; most lines hold none. One search over
    // the first LOOK lines finds the lines that do, instead of one
    // search a line.
    let body = notice.body.as_bytes();
    let end = memchr::memchr_iter(b'\n', body)
        .nth(LOOK - 1)
        .map_or(body.len(), |at| at + 1);
    let looked = &notice.body[..end];
    let mut from = 0;
    while let Some(at) = memchr::memchr3(b'=', b'>', b'*', &body[from..end]) {
        let at = from + at;
        let start = memchr::memrchr(b'\n', &body[from..at])
            .map_or(from, |s| from + s + 1);
        let stop =
            memchr::memchr(b'\n', &body[at..end]).map_or(end, |e| at + e);
        let line = looked[start..stop].trim();
        if delivery(line).is_ok() || log_line(line).is_ok() {
            return true;
        }
        from = (stop + 1).min(end);
    }
    false
}

/// A mail log saved with terminal colour codes (`grep --color=always`,
/// a coloured `journalctl`) without them: ECMA-48's "select graphic
/// rendition" (`ESC [ … m`) and "erase in line" (`ESC [ … K`), the two
/// that such tools write. `None` unless the text held one and is a log
/// once they are out (a Postfix or Exim line among its first lines);
/// any other text keeps its codes, which the report shows as escapes.
///
/// ```text
/// … dsn=5.7.1, ESC[01;31mESC[Kstatus=ESC[mESC[Kbounced (host …
/// ```
pub(crate) fn uncoloured(input: &[u8]) -> Option<Vec<u8>> {
    memchr::memmem::find(input, b"\x1b[")?;
    let text = std::str::from_utf8(input).ok()?;
    let out = postfix_log::plain(text).into_owned();
    let log = out.lines().take(LOOK).any(|l| {
        let l = l.trim();
        postfix_log::is_postfix_line(l) || exim_log::is_exim_line(l)
    });
    (log && out.len() < input.len()).then(|| out.into_bytes())
}

/// A record for each recipient of each queued message, in the order the
/// log first names them, with the state of its last line: a message
/// deferred twice and then bounced is one failed recipient, not three,
/// whose [`Attempts`] say so.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let mut records: Vec<Record> = Vec::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    // The envelope sender of each queued message, from its arrival line.
    let mut senders: HashMap<&str, &str> = HashMap::new();
    // When each record's first line was logged.
    let mut firsts: Vec<Option<&str>> = Vec::new();
    // The first queue id of each message queued again under a new one
    // (Postfix's `orig_id=`): its recipients are the same records.
    let mut renamed: HashMap<&str, &str> = HashMap::new();
    for line in layout::lines(&notice.body) {
        let line = line.trim();
        let (queue_id, to, logged, record) = if let Ok((_, d)) = delivery(line)
        {
            (d.queue_id, d.to, Some(d.logged), postfix_record(&d))
        } else if let Ok((_, l)) = log_line(line) {
            (l.message_id, l.address, l.logged, exim_record(&l))
        } else {
            let from =
                postfix_log::sender(line).or_else(|| exim_log::sender(line));
            if let Some((queue_id, sender)) = from {
                senders.insert(queue_id, sender);
            } else if line.contains("orig_id=") {
                if let Some((new, orig)) = postfix_log::orig_id(line) {
                    let first = renamed.get(orig).copied().unwrap_or(orig);
                    renamed.insert(new, first);
                }
            }
            continue;
        };
        let first_id = renamed.get(queue_id).copied().unwrap_or(queue_id);
        if gave_up(&record) && record.address.is_none() {
            // `from=<…>, status=expired`: the message, not a recipient.
            if let Some((queue_id, sender)) = postfix_log::sender(line) {
                senders.insert(queue_id, sender);
            }
            let ended: Vec<usize> = seen
                .iter()
                .filter(|((id, _), _)| id == first_id)
                .map(|(_, &at)| at)
                .collect();
            if expire(&mut records, &ended, &firsts, logged) {
                continue;
            }
        }
        let key = (first_id.to_string(), to.to_ascii_lowercase());
        match seen.get(&key) {
            Some(&at) => {
                let before = std::mem::replace(&mut records[at], record);
                let record = &mut records[at];
                if gave_up(record) || not_due(record) {
                    keep_last_deferral(record, &before);
                }
                record.attempts = Some(again(before, firsts[at], logged));
            }
            None => {
                seen.insert(key, records.len());
                records.push(record);
                firsts.push(logged);
            }
        }
    }
    for record in &mut records {
        let queue_id = record.queue_id.as_deref().unwrap_or_default();
        record.sender = senders.get(queue_id).map(|s| s.to_string());
    }
    records
}

/// Postfix's `qmgr` line that gives up on a whole message names its
/// sender, not a recipient: it ends each of the message's recipients
/// still deferred (`ended`, indices into `records`), which keep what
/// their last deferral said (fresh14 #26). True if it ended any.
///
/// ```text
/// … 4AB12C3D4: to=<neko@example.org>, … status=deferred (connect to …: Connection timed out)
/// … 4AB12C3D4: from=<tora@example.net>, status=expired, returned to sender
/// ```
fn expire(
    records: &mut [Record],
    ended: &[usize],
    firsts: &[Option<&str>],
    logged: Option<&str>,
) -> bool {
    let mut any = false;
    for &at in ended {
        if records[at].action != Some(Action::Delayed) {
            continue;
        }
        let before = records[at].clone();
        let record = &mut records[at];
        record.action = Some(Action::Failed);
        record.reason = Some((Reason::Expired, "maillog.expired"));
        record.attempts = Some(again(before, firsts[at], logged));
        any = true;
    }
    any
}

/// Exim's words for a recipient it stopped retrying because its retry
/// timeout ran out (exim/src/retry.c), the server's own words left out:
///
/// ```text
/// … ** neko@example.org R=dnslookup T=remote_smtp: retry timeout exceeded
/// ```
const GAVE_UP: &[&str] = &[
    "retry timeout exceeded",
    "all hosts have been failing for a long time",
    "retry time not reached for any host after a long failure period",
];

/// Words of a deferral that only say no new attempt was due yet: the
/// cause is that of an earlier attempt, logged on an earlier line.
///
/// ```text
/// … == neko@example.org R=dnslookup T=remote_smtp defer (-53): retry time not reached for any host
/// … status=deferred (delivery temporarily suspended)
/// ```
const NOT_DUE: &[&str] =
    &["retry time not reached", "delivery temporarily suspended"];

/// True if and only if the record is a recipient given up on after
/// retrying: Postfix's `status=expired`, or Exim's [`GAVE_UP`] words.
fn gave_up(record: &Record) -> bool {
    record.reason.is_some_and(|(r, _)| r == Reason::Expired)
}

/// True if and only if the record is a deferral whose words say only
/// that no attempt was due ([`NOT_DUE`]), naming no server.
fn not_due(record: &Record) -> bool {
    record.action == Some(Action::Delayed)
        && record.remote_host.is_none()
        && says(record, NOT_DUE)
}

/// True if and only if the record's words hold one of `words`, in any
/// case.
fn says(record: &Record, words: &[&str]) -> bool {
    let text = record.diagnostic.as_deref().unwrap_or_default();
    let text = text.to_ascii_lowercase();
    words.iter().any(|w| text.contains(w))
}

/// A recipient given up on after retrying, or deferred again with no
/// attempt due, keeps what its last deferral said, where the last line
/// says nothing of the server:
///
/// ```text
/// … status=deferred (connect to mx.example.org[192.0.2.1]:25: Connection timed out)
/// … status=expired, returned to sender
/// … == neko@example.org … H=mx.example.org [192.0.2.1]: … 451 4.7.1 Try later
/// … ** neko@example.org R=dnslookup T=remote_smtp: retry timeout exceeded
/// ```
fn keep_last_deferral(record: &mut Record, before: &Record) {
    let other_host = record.remote_host.is_some()
        && record.remote_host != before.remote_host;
    if before.action != Some(Action::Delayed)
        || before.diagnostic.is_none()
        || other_host
        || record.reply_code.is_some()
    {
        return;
    }
    record.remote_host.clone_from(&before.remote_host);
    record.remote_ip.clone_from(&before.remote_ip);
    record.command = before.command;
    record.reply_code = before.reply_code;
    record.diagnostic.clone_from(&before.diagnostic);
    record.status = record.status.or(before.status);
}

/// The attempts of a recipient named once more at `logged`, after the
/// line whose record was `before`; its first line was logged at `first`.
fn again(
    before: Record,
    first: Option<&str>,
    logged: Option<&str>,
) -> Attempts {
    let deferred = usize::from(before.action == Some(Action::Delayed));
    let mut attempts = before.attempts.unwrap_or(Attempts {
        count: 1,
        deferred: 0,
        first: first.map(str::to_string),
        last: None,
    });
    attempts.count += 1;
    attempts.deferred += deferred;
    attempts.last = logged.map(str::to_string);
    attempts
}

fn postfix_record(d: &Delivery<'_>) -> Record {
    let relay = d.relay.filter(|r| *r != "none").map(|r| {
        // mx.example.org[192.0.2.1]:25
        let host = r.rsplit_once("]:").map_or(r, |(h, _)| h);
        parse_host(&format!("{host}]").replace("]]", "]"))
    });
    let mut record = Record {
        address: Some(d.to.to_string()).filter(|a| a.contains('@')),
        action: postfix_action(d.status),
        status: d.dsn.and_then(Status::parse),
        remote_host: relay.as_ref().and_then(|h| h.name.clone()),
        remote_ip: relay.and_then(|h| h.ip),
        queue_id: Some(d.queue_id.to_string()),
        ..Record::default()
    };
    if d.status == "expired" {
        // `status=expired, returned to sender`: Postfix gave up.
        record.reason = Some((Reason::Expired, "maillog.expired"));
    }
    if let Some(said) = find_host_said(d.detail) {
        record.remote_host = said.host.name.or(record.remote_host);
        record.remote_ip = said.host.ip.or(record.remote_ip);
        record.command = said.command;
        record.diagnostic = Some(said.reply);
    } else if let Some(failure) = find_connect_failure(d.detail) {
        record.remote_host = failure.host.name.or(record.remote_host);
        record.remote_ip = failure.host.ip.or(record.remote_ip);
        record.diagnostic = Some(d.detail.to_string());
    } else {
        record.diagnostic = Some(d.detail.to_string());
    }
    record.diagnostic = record.diagnostic.filter(|t| !t.is_empty());
    record.fill_codes_from_diagnostic();
    record
}

/// `status=` words (Postfix's `bounce(8)` and `smtp(8)`).
fn postfix_action(status: &str) -> Option<Action> {
    Some(match status {
        "sent" => Action::Delivered,
        "deferred" => Action::Delayed,
        "bounced" | "expired" | "undeliverable" => Action::Failed,
        "deliverable" => Action::Delivered,
        _ => return None,
    })
}

fn exim_record(l: &LogLine<'_>) -> Record {
    let host =
        l.host.and_then(|h| host_spec(&format!("host {h}")).ok().map(|r| r.1));
    let mut record = Record {
        address: Some(l.address.to_string()).filter(|a| a.contains('@')),
        action: Some(match l.outcome {
            Outcome::Failed => Action::Failed,
            Outcome::Deferred => Action::Delayed,
            Outcome::Delivered => Action::Delivered,
        }),
        queue_id: Some(l.message_id.to_string()),
        ..Record::default()
    };
    if let Some(host) = host {
        record.remote_host = host.name;
        record.remote_ip = host.ip;
    }
    match find_smtp_error(l.text) {
        Some(error) => {
            record.command = error.command;
            record.diagnostic = Some(error.reply);
        }
        None => record.diagnostic = Some(l.text.to_string()),
    }
    record.diagnostic = record.diagnostic.filter(|t| !t.is_empty());
    record.fill_codes_from_diagnostic();
    if l.outcome == Outcome::Failed && says(&record, GAVE_UP) {
        record.reason = Some((Reason::Expired, "maillog.expired"));
    }
    record
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Command;

    const LOG: &str = "Jan  2 03:04:05 mx postfix/smtp[123]: 4AB12C3D4: \
        to=<neko@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1.2, \
        delays=0.1/0/0.5/0.6, dsn=4.7.1, status=deferred (host \
        mx.example.org[192.0.2.1] said: 450 4.7.1 Service unavailable; \
        Client host [192.0.2.9] blocked (in reply to RCPT TO command))\n\
        Jan  2 03:04:06 mx postfix/qmgr[99]: 4AB12C3D4: removed\n\
        2024-01-02 03:04:05 1rAbCd-000123-Ab ** tora@example.net \
        R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.2]: SMTP error \
        from remote mail server after RCPT TO:<tora@example.net>: 550 5.1.1 \
        User unknown\n";

    #[test]
    fn reads_postfix_and_exim_lines() {
        let records = extract(&Notice::fragment(LOG.to_string()));
        assert_eq!(records.len(), 2);
        let neko = &records[0];
        assert_eq!(neko.address.as_deref(), Some("neko@example.org"));
        assert_eq!(neko.action, Some(Action::Delayed));
        assert_eq!(neko.status, Some(Status::new(4, 7, 1)));
        assert_eq!(neko.reply_code, Some(450));
        assert_eq!(neko.command, Some(Command::Rcpt));
        assert_eq!(neko.remote_ip.as_deref(), Some("192.0.2.1"));
        let tora = &records[1];
        assert_eq!(tora.action, Some(Action::Failed));
        assert_eq!(tora.status, Some(Status::new(5, 1, 1)));
        assert_eq!(tora.remote_host.as_deref(), Some("mx.example.net"));
        assert_eq!(tora.command, Some(Command::Rcpt));
    }

    #[test]
    fn a_recipient_retried_in_one_queue_is_one_record() {
        let line = |status: &str, dsn: &str| {
            format!(
                "Jan  2 03:04:05 mx postfix/smtp[1]: 4AB12C3D4: \
                to=<neko@example.org>, relay=mx.example.org[192.0.2.1]:25, \
                delay=1, delays=0/0/1/0, dsn={dsn}, status={status} (host \
                mx.example.org[192.0.2.1] said: 450 4.7.1 Try later \
                (in reply to RCPT TO command))\n"
            )
        };
        let log = [
            line("deferred", "4.7.1"),
            line("deferred", "4.7.1"),
            line("bounced", "4.7.1"),
            line("deferred", "4.7.1").replace("4AB12C3D4", "5BC23D4E5"),
        ]
        .concat();
        let records = extract(&Notice::fragment(log));
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].action, Some(Action::Failed));
        assert_eq!(
            records[0].attempts,
            Some(Attempts {
                count: 3,
                deferred: 2,
                first: Some("Jan  2 03:04:05".into()),
                last: Some("Jan  2 03:04:05".into()),
            })
        );
        assert_eq!(records[1].action, Some(Action::Delayed));
        assert_eq!(records[1].attempts, None);
    }

    #[test]
    fn reads_a_log_with_crlf_through_decode() {
        let crlf = LOG.replace('\n', "\r\n");
        let report =
            crate::decode(crlf.as_bytes(), &crate::Options::default()).unwrap();
        assert_eq!(report.format, "maillog");
        assert_eq!(report.recipients.len(), 2);
    }
}
