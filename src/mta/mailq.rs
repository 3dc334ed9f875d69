// SPDX-License-Identifier: MIT
//! Postfix `mailq` listings, their JSON form (`postqueue -j`) and Exim's
//! (`exim -bp`): a record for each recipient of each entry, with the
//! reason printed above it (or beside it, in JSON; Exim prints none). Every entry is still in the queue:
//! nothing in a listing has failed for good.

use super::{layout, Family};
use crate::command::Command;
use crate::grammar::exim_queue;
use crate::grammar::mailq::{entries, entry_line, Queue};
use crate::grammar::postfix::{find_connect_failure, find_host_said};
use crate::grammar::postqueue;
use crate::grammar::status::Status;
use crate::input::{clip, MAX_RECIPIENTS};
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::{Action, Record};

/// The mailq family.
pub const FAMILY: Family = Family { id: "mailq", claims, extract, words: None };

/// Postfix's own status codes for the failures it words itself, which a
/// listing prints without them (its log lines carry them: `dsn=4.4.1`).
/// RFC 3463: X.4.1 no answer from host, X.4.2 bad connection, X.4.3
/// directory server (DNS) failure.
const OWN_CODES: &[(&str, (u16, u16))] = &[
    ("connect to ", (4, 1)),
    ("lost connection with ", (4, 2)),
    ("conversation with ", (4, 2)),
    ("host not found, try again", (4, 3)),
];

/// Postfix's words before the host of a session that broke off.
const LOST: &[&str] = &["lost connection with ", "conversation with "];

/// Postfix's words after the host that refused a session at its
/// greeting, before the reply:
///
/// ```text
/// delivery temporarily suspended: host mx.example.org[192.0.2.1] refused to talk to me: 421 4.7.0 Try later
/// ```
const REFUSED: &str = "] refused to talk to me: ";

/// The longest text [`says_empty`] reads: an empty queue's answer and
/// the command that asked for it, with room for a prompt.
const EMPTY_ANSWER: usize = 600;

/// True if `body` is a queue listing that says the queue is empty and
/// nothing else: Postfix's `mailq` (`postqueue -p`) prints
///
/// ```text
/// Mail queue is empty
/// ```
///
/// (Exim's `exim -bp` prints nothing for an empty queue.) The command
/// line above it, with its shell prompt, may be pasted too. Nothing
/// waits to be sent, and no recipient failed (fresh14 #31).
pub fn says_empty(body: &str) -> bool {
    if body.len() > EMPTY_ANSWER {
        return false;
    }
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(last) = lines.next_back() else { return false };
    let asked = |l: &str| {
        let command = l.rsplit(['$', '#']).next().unwrap_or(l).trim();
        matches!(command, "mailq" | "postqueue -p" | "sendmail -bp")
    };
    last.eq_ignore_ascii_case("Mail queue is empty") && lines.all(asked)
}

fn claims(notice: &Notice) -> bool {
    // The three listings' entry lines, looked for in one pass over the
    // first 200 lines (as `postqueue::is_listing` and
    // `exim_queue::is_listing` look).
    // Each grammar opens with a byte of its own (after white space): a
    // queue id's letter or digit, a JSON object's brace, an age's digit
    // (Exim's); most lines of a notice open with none that fits, and
    // are left after one look.
    layout::lines(&notice.body).take(200).any(|l| {
        // Most lines open with a character that is no white space:
        // told by its first byte, without `trim_start`'s call.
        let line = match l.as_bytes().first() {
            Some(&b) if b.is_ascii() && !char::from(b).is_whitespace() => l,
            _ => l.trim_start(),
        };
        match line.as_bytes().first() {
            Some(b'{') => postqueue::entry(l).is_some(),
            Some(b) if b.is_ascii_alphanumeric() => {
                (may_open_entry(line) && entry_line(line).is_ok())
                    || (b.is_ascii_digit()
                        && exim_queue::entry_line(l).is_some())
            }
            _ => false,
        }
    })
}

/// False when `line` cannot open a listing's entry (`entry_line`): its
/// queue id is 6 to 32 letters and digits, then a space, a tab or a
/// queue's mark (`*`, `!`). Most lines of a notice open with a shorter
/// or longer word, told here without the grammar's work. Exim's entry
/// line opens with an age's digit (`exim_queue::entry_line`).
fn may_open_entry(line: &str) -> bool {
    let bytes = line.as_bytes();
    let id = bytes.iter().take(33).take_while(|b| b.is_ascii_alphanumeric());
    let n = id.count();
    (6..=32).contains(&n)
        && matches!(bytes.get(n), Some(b' ' | b'\t' | b'*' | b'!'))
}

/// A record for each recipient listed under a reason.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let mut records = Vec::new();
    let listed = entries(&notice.body)
        .into_iter()
        .chain(postqueue::entries(&notice.body))
        .chain(exim_queue::entries(&notice.body));
    for entry in listed {
        for deferral in &entry.deferred {
            let template = match deferral.reason.as_deref() {
                Some(reason) => reason_record(reason),
                None => unfailed_record(entry.queue),
            };
            // Each recipient gets a copy of the reason: stop at the limit.
            let room = MAX_RECIPIENTS.saturating_sub(records.len());
            for recipient in deferral.recipients.iter().take(room + 1) {
                let mut record = template.clone();
                record.masked = recipient.is_none();
                record.address.clone_from(recipient);
                record.queue_id = Some(entry.queue_id.clone());
                record.sender.clone_from(&entry.sender);
                records.push(record);
            }
        }
    }
    records
}

/// What the parenthesised reason says, for every recipient under it.
fn reason_record(reason: &str) -> Record {
    let mut record =
        Record { action: Some(Action::Delayed), ..Record::default() };
    if let Some(said) = find_host_said(reason) {
        record.remote_host = said.host.name;
        record.remote_ip = said.host.ip;
        record.command = said.command;
        record.diagnostic = Some(said.reply);
        record.fill_codes_from_diagnostic();
        return record;
    }
    if let Some(at) = reason.find(REFUSED) {
        // The host is the one named before the words; the reply follows.
        let host = layout::host_after(&reason[..=at], "host ");
        record.remote_host = host.as_ref().and_then(|h| h.name.clone());
        record.remote_ip = host.and_then(|h| h.ip);
        record.command = Some(Command::Connect);
        let reply = &reason[at + REFUSED.len()..];
        record.diagnostic = Some(clip(reply).into_owned());
        record.fill_codes_from_diagnostic();
        return record;
    }
    let host = find_connect_failure(reason).map(|f| f.host).or_else(|| {
        LOST.iter().find_map(|marker| layout::host_after(reason, marker))
    });
    if let Some(host) = host {
        record.remote_host = host.name;
        record.remote_ip = host.ip;
    }
    record.diagnostic = Some(clip(reason).into_owned());
    record.fill_codes_from_diagnostic();
    if record.status.is_none() {
        record.status = own_code(reason);
        record.status_inferred = record.status.is_some();
    }
    record
}

/// Postfix's code for a failure worded by Postfix itself:
///
/// ```text
/// connect to mx.example.org[192.0.2.1]:25: Connection timed out  -> 4.4.1
/// lost connection with mx.example.org[192.0.2.1] while …          -> 4.4.2
/// ```
fn own_code(reason: &str) -> Option<Status> {
    let lower = reason.to_ascii_lowercase();
    OWN_CODES
        .iter()
        .find(|(words, _)| lower.contains(words))
        .map(|&(_, (subject, detail))| Status::new(4, subject, detail))
}

/// An entry with no reason above its recipients has not failed: the
/// active queue is delivering it now (`*`), or an administrator holds it
/// (`!`); a deferred entry always shows its reason.
///
/// ```text
/// A1B2C3D4E5*    2048 Tue Mar  4 10:00:01  sender@example.net
///                                          neko@example.com
/// ```
fn unfailed_record(queue: Queue) -> Record {
    let reason = match queue {
        Queue::Held => (Reason::OnHold, "mailq.held"),
        Queue::Active | Queue::Deferred => {
            (Reason::Undefined, "mailq.not-failed")
        }
    };
    Record {
        action: Some(Action::Delayed),
        reason: Some(reason),
        nothing_failed: true,
        ..Record::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_queue_says_so_and_nothing_else() {
        assert!(says_empty("Mail queue is empty\n"));
        assert!(says_empty("\n  root@mx:~# mailq\nMail queue is empty\n\n"));
        assert!(says_empty("$ postqueue -p\r\nMail queue is empty\r\n"));
        assert!(!says_empty("Mail queue is empty, but a@example.org failed"));
        assert!(!says_empty("Hello\nMail queue is empty\n"));
        let listing = "Mail queue is empty\n-- 4 Kbytes in 2 Requests.\n";
        assert!(!says_empty(listing));
        assert!(!says_empty(""));
    }
}
