// SPDX-License-Identifier: MIT
//! The last resort for text no family claims: the first server reply in
//! the text, or a labelled reason in a notice about a failed delivery,
//! and the addresses near it.

use super::not_recipient::is_not_recipient;
use super::{layout, Family};
use crate::grammar::address::find_addresses;
use crate::grammar::host::{is_host_name, parse_host, Host};
use crate::grammar::postfix::{find_host_said_at, one_line};
use crate::grammar::reply::find_reply_at_least;
use crate::knowledge::schema::catalog::EntryKind;
use crate::lowercase::Lowercase;
use crate::notice::Notice;
use crate::record::Record;

/// The generic family.
pub const FAMILY: Family = Family { id: "text", claims, extract, words: None };

fn claims(_: &Notice) -> bool {
    true
}

/// One record for the first reply found, addressed to the address that
/// opens it, a labelled one, or the first in the text that is no
/// sender's, reporting system's or help mailbox's (`not_recipient`).
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let mut record = Record::default();
    let mut opening = None;
    // Where the server's reply is, for a hand-written summary's marks
    // on its line (`summary_address`).
    let mut reply_at = None;
    // Microsoft's returned lines after the first reply, each a
    // recipient of its own (`returned_lines`).
    let mut later = Vec::new();
    if let Some((at, said)) = find_host_said_at(body) {
        opening = opened_by(body, at);
        reply_at = Some(at);
        record.remote_host = said.host.name;
        record.remote_ip = said.host.ip;
        record.command = said.command;
        record.diagnostic = Some(said.reply);
    } else if let Some((at, below_address)) = failure_reply(body) {
        if super::hypothetical::is_mentioned(body, at) {
            return Vec::new();
        }
        if below_address {
            opening = address_above(body, at);
        }
        reply_at = Some(at);
        let end = body[at..].find("\n\n").map_or(body.len(), |e| at + e);
        let reply = unquoted(&body[..at], one_line(&body[at..end]));
        later = super::returned_lines::later(body, end, &reply);
        let said = said_by(&body[..at]);
        let returned = body[..at].ends_with('\'');
        record.remote_host = answering_host(&reply)
            .or_else(|| {
                returned
                    .then(|| super::returned_lines::answering_host(&reply))?
            })
            .or_else(|| said.name.clone());
        record.remote_ip = said.ip;
        // A host's own notice may give its reason on a line of its own
        // (`Alasan: Alamat IP pengirim 192.0.2.1 terdaftar di …`), read
        // with the reply.
        record.context = labelled(body, REASON_LABELS)
            .filter(|r| !reply.contains(r.trim()))
            .map(one_line);
        record.diagnostic = Some(reply);
    } else if let Some(reason) =
        labelled(body, REASON_LABELS).filter(|_| tells_a_failure(body))
    {
        record.diagnostic = Some(one_line(reason));
    } else if let Some(line) = suppression(body) {
        record.diagnostic = Some(one_line(line));
        record.action = Some(crate::record::Action::Failed);
    } else if let Some((at, line)) = hosting_limit(body) {
        // The sender's own server says it sent nothing, for the address
        // on the line above when Exim's layout names one.
        record.diagnostic = Some(one_line(line));
        record.action = Some(crate::record::Action::Failed);
        record.address = address_above(body, at).map(str::to_string);
        return vec![record];
    } else {
        let found = listed(body, notice.header("to").unwrap_or(""));
        // Pieces of known notices without their openings (`bare`).
        return match found.is_empty() {
            true => super::bare::read(body),
            false => found,
        };
    }
    let sender = notice.header("to").unwrap_or("");
    let labelled_address = labelled(body, ADDRESS_LABELS)
        .and_then(crate::grammar::address::find_address);
    let line_start = |at: usize| body[..at].rfind('\n').map_or(0, |n| n + 1);
    let summary =
        reply_at.and_then(|at| summary_address(&body[line_start(at)..at]));
    if opening.is_none() && summary == Some(None) {
        // A sender is named and no recipient: no address, not a guess.
        record.fill_codes_from_diagnostic();
        return std::iter::once(record).chain(later).collect();
    }
    record.address = opening
        .or(summary.flatten())
        .or(labelled_address)
        .or_else(|| {
            find_addresses(body)
                .into_iter()
                .filter(|&(at, a)| !is_not_recipient(body, at, a))
                .map(|(_, a)| a)
                .find(|a| !sender.contains(a))
                // An address a later returned line names is its own.
                .filter(|a| {
                    !later.iter().any(|r: &Record| {
                        r.address
                            .as_deref()
                            .is_some_and(|l| l.eq_ignore_ascii_case(a))
                    })
                })
        })
        .map(str::to_string);
    record.fill_codes_from_diagnostic();
    std::iter::once(record).chain(later).collect()
}

/// The address of Postfix's `<address>:` right before the reply at
/// `at`, as a webmail copy that joined the notice's lines shows it.
///
/// ```text
/// … The mail system <neko@example.org>: host mx.example.org[192.0.2.1] said: 550 …
/// ```
fn opened_by(body: &str, at: usize) -> Option<&str> {
    let before = body[..at].trim_end();
    let open = before.rfind('<')?;
    layout::angle_opening(&before[open..])
        .filter(|(_, rest)| rest.is_empty())
        .map(|(address, _)| address)
}

/// The address that alone makes up the line above the one at `at`
/// (Exim's layout: the address, then its words indented below it).
///
/// ```text
///   neko@example.org
///     Domain example.com has an outgoing mail suspension.  Message discarded.
/// ```
fn address_above(body: &str, at: usize) -> Option<&str> {
    let line_start = body[..at].rfind('\n')?;
    let above_start = body[..line_start].rfind('\n').map_or(0, |n| n + 1);
    let above = &body[above_start..line_start];
    let address = layout::address_line(above)?;
    let at = above_start + above.find(address)?;
    (!is_not_recipient(body, at, address)).then_some(address)
}

/// The reply without the closing quote of Exchange's `returned '…'`
/// when `before` ends with the opening one.
///
/// ```text
/// Remote Server returned '550 5.7.511 Access denied, banned sender[192.0.2.5]. … [AB1PR01MB0001.eurprd01.prod.outlook.com]'
/// ```
fn unquoted(before: &str, reply: String) -> String {
    match reply.strip_suffix('\'') {
        Some(inner) if before.ends_with('\'') => inner.trim_end().to_string(),
        _ => reply,
    }
}

/// The server that gave a reply, when the reply ends with its name in
/// brackets, as Microsoft's servers end theirs:
///
/// ```text
/// 550 5.7.1 … on our block list (S3140). … [DB5PEPF00001234.eurprd02.prod.outlook.com]
/// ```
fn answering_host(reply: &str) -> Option<String> {
    let last = reply.trim_end().rsplit(char::is_whitespace).next()?;
    let name = last.strip_prefix('[')?.strip_suffix(']')?;
    let three_labels = name.split('.').count() >= 3;
    (three_labels && crate::grammar::host::is_host_name(name))
        .then(|| name.to_ascii_lowercase())
}

/// The server named right before a reply as `name[ip] said:`, a
/// Postfix line that lost its opening `host`:
///
/// ```text
/// mx.example.org[192.0.2.1] said: 554 5.7.1 …
/// ```
fn said_by(before: &str) -> Host {
    let spec = before
        .trim_end()
        .strip_suffix("said:")
        .and_then(|b| b.trim_end().rsplit(char::is_whitespace).next())
        .filter(|s| s.ends_with(']'));
    let host = spec.map(parse_host).unwrap_or_default();
    match host.name.as_deref() {
        Some(name) if is_host_name(name) => host,
        _ => Host::default(),
    }
}

/// Where the sender's own hosting server says it stopped sending (a
/// limit of the catalog's `hosting-limit` kind), and that line, for
/// text that says nothing else: cPanel's line pasted alone.
///
/// ```text
/// Domain example.com has exceeded the max emails per hour (150/150 (100%)) allowed.  Message discarded.
/// ```
fn hosting_limit(body: &str) -> Option<(usize, &str)> {
    let found = crate::knowledge::catalog::recognize(body);
    let limit =
        found.iter().find(|l| l.entry.kind == EntryKind::HostingLimit)?;
    let at = layout::find_ignore_case(body, &limit.matched)?;
    Some((at, layout::line_at(body, at)))
}

/// Sentences in which the sender's own sending service says it sent
/// nothing to an address on its suppression list; the rules of
/// `data/rules/reason/00-suppressed.toml` give the reason.
///
/// ```text
/// 605 Not delivering to previously bounced address
/// ```
const SUPPRESSION: &[&str] = &[
    "not delivering to previously bounced address",
    "not delivering to a previously bounced address",
    "on the suppression list",
];

/// The line that names a suppression ([`SUPPRESSION`]), for text that
/// holds no server reply: Mailgun's code 605 is none.
fn suppression(body: &str) -> Option<&str> {
    layout::lines(body).find(|line| {
        let lower = line.lowercase();
        SUPPRESSION.iter().any(|s| lower.contains(s))
    })
}

/// Sentences that head a list of failed addresses.
///
/// ```text
/// Delivery to the following recipients failed.
///
///        neko@example.org
/// ```
const LIST_HEADINGS: &[&str] = &[
    "following recipient",
    "following address",
    "following e-mail address",
    "following email address",
    "following destination",
    "to these recipients",
];

/// When the text says no more than which addresses failed: a record for
/// each address listed under such a heading, with the heading as the
/// notice's own words (its context: no server said them), and no reason
/// the words cannot give.
fn listed(body: &str, sender: &str) -> Vec<Record> {
    let lines: Vec<&str> = layout::lines(body).collect();
    let Some(at) = lines.iter().position(|l| {
        let lower = l.lowercase();
        LIST_HEADINGS.iter().any(|h| lower.contains(h))
    }) else {
        return Vec::new();
    };
    if !tells_a_failure(lines[at]) && !lines[at].lowercase().contains("fail") {
        return Vec::new();
    }
    let heading = one_line(lines[at]);
    lines[at + 1..]
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .flat_map(|l| {
            find_addresses(l)
                .into_iter()
                .filter(|&(at, a)| !is_not_recipient(l, at, a))
                .map(|(_, a)| a)
        })
        .filter(|a| !sender.contains(a))
        .map(|a| Record {
            address: Some(a.to_string()),
            action: Some(crate::record::Action::Failed),
            context: Some(heading.clone()),
            ..Record::default()
        })
        .collect()
}

/// Where the first failure reply (4xx or 5xx) starts; a greeting or an
/// acceptance (`220 …`, `250 …`) is no refusal. True with it when the
/// reply is found only below its address ([`reply_below_address`]).
fn failure_reply(text: &str) -> Option<(usize, bool)> {
    find_reply_at_least(text, 400)
        .map(|(at, _)| (at, false))
        .or_else(|| reply_below_address(text).map(|at| (at, true)))
}

/// Where a failure reply with no enhanced code starts a line right
/// below a line that is an address alone: a webmail's or a host's
/// notice that lists the address, then the server's reply.
///
/// ```text
///   neko@example.org
///     550 No such user here
/// ```
fn reply_below_address(text: &str) -> Option<usize> {
    let mut above: Option<&str> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at + (line.len() - line.trim_start().len());
        at += line.len();
        let below_address = above.and_then(layout::address_line).is_some();
        above = Some(line);
        let opens = crate::grammar::reply::reply_line(line.trim_start())
            .is_ok_and(|(_, reply)| reply.code >= 400);
        if below_address && opens {
            return Some(start);
        }
    }
    None
}

/// Marks before the recipient in a hand-written summary of a failure,
/// on the line of the server's reply, lowercase; an arrow's or a word's
/// (after a space or the line's start).
///
/// ```text
/// rina@example.net -> finance@example.org : 550 5.1.1 User unknown
/// Pengirim: rina@example.net Penerima: finance@example.org Error: 550 5.1.1 User unknown
/// From rina@example.net to finance@example.org: 550 5.1.1 User unknown
/// ```
const RECIPIENT_MARKS: &[&str] = &[
    "->",
    "\u{2192}",
    "=>",
    "to ",
    "to:",
    "ke ",
    "kepada:",
    "kepada ",
    "penerima:",
    "penerima ",
    "recipient:",
    "rcpt:",
];

/// Marks before the sender in such a summary: with one and no
/// recipient's mark, no address on the line is known to be the
/// recipient.
const SENDER_MARKS: &[&str] = &[
    "->",
    "\u{2192}",
    "=>",
    "from ",
    "from:",
    "dari ",
    "dari:",
    "pengirim:",
    "pengirim ",
    "sender:",
];

/// The recipient a hand-written summary names on the line of the
/// server's reply, `before` being that line up to the reply: the first
/// address after the last of the [`RECIPIENT_MARKS`]; `Some(None)` when
/// the line names an address and a sender's mark but no recipient after
/// a recipient's mark (fresh14 #39); `None` when it has no marks.
fn summary_address(before: &str) -> Option<Option<&str>> {
    let addresses = find_addresses(before);
    if addresses.is_empty() {
        return None;
    }
    let lower = before.to_ascii_lowercase();
    let last_mark = |marks: &[&str]| {
        marks.iter().filter_map(|m| last_word(&lower, m)).max()
    };
    let after = last_mark(RECIPIENT_MARKS);
    let recipient = after
        .and_then(|end| addresses.iter().find(|&&(at, _)| at >= end))
        .map(|&(_, a)| a);
    match recipient {
        Some(address) => Some(Some(address)),
        None => last_mark(SENDER_MARKS).map(|_| None),
    }
}

/// Where the last `mark` in `text` ends, that starts a word (an arrow
/// may follow anything).
fn last_word(text: &str, mark: &str) -> Option<usize> {
    let starts_word = |at: usize| {
        !mark.as_bytes()[0].is_ascii_alphabetic()
            || text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    };
    text.rmatch_indices(mark)
        .find(|&(at, _)| starts_word(at))
        .map(|(at, m)| at + m.len())
}

/// Last words of the labels that introduce the cause of a failure.
///
/// ```text
/// reject reason: Mailbox full
/// Reason: User unknown
/// ```
const REASON_LABELS: &[&str] =
    &["reason", "error", "diagnostic", "problem", "alasan", "penyebab"];

/// Last words of the labels that introduce the failed address.
///
/// ```text
/// target mail address: neko@example.org
/// Recipient: neko@example.org
/// ```
const ADDRESS_LABELS: &[&str] =
    &["address", "recipient", "addressee", "penerima"];

/// The value of the first `label: value` line whose label (one to four
/// words) ends with one of `lasts`, any case.
fn labelled<'a>(text: &'a str, lasts: &[&str]) -> Option<&'a str> {
    layout::lines(text).find_map(|line| {
        let (label, value) = line.split_once(':')?;
        let words: Vec<&str> = label.split_whitespace().collect();
        let last = words.last()?.to_ascii_lowercase();
        let ok = (1..=4).contains(&words.len())
            && lasts.contains(&last.as_str())
            && !value.trim().is_empty();
        ok.then(|| value.trim())
    })
}

/// Words of a notice about a delivery that failed; a labelled reason
/// counts only in such a notice.
const FAILURE_WORDS: &[&str] = &[
    "rejected",
    "undeliverable",
    "undelivered",
    "could not be delivered",
    "was not delivered",
    "delivery failed",
    "delivery has failed",
    "bounce",
    "returned to sender",
];

fn tells_a_failure(text: &str) -> bool {
    let lower = text.lowercase();
    FAILURE_WORDS.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_labelled_reason() {
        let notice = Notice::fragment(
            "An email you sent was rejected.\n\nreject reason: Mailbox full\n\
             target mail address: neko@example.org\n"
                .into(),
        );
        let records = extract(&notice);
        assert_eq!(records[0].diagnostic.as_deref(), Some("Mailbox full"));
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
    }

    #[test]
    fn reads_a_list_of_failed_addresses() {
        let notice = Notice::fragment(
            "Delivery to the following recipients failed.\n\n       \
             neko@example.org\n\n"
                .into(),
        );
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
    }

    #[test]
    fn a_list_without_a_failure_is_no_bounce() {
        let notice = Notice::fragment(
            "Please welcome the following recipients of our award:\n\n\
             neko@example.org\n"
                .into(),
        );
        assert!(extract(&notice).is_empty());
    }

    #[test]
    fn reads_a_hosting_limit_alone() {
        let notice = Notice::fragment(
            "Domain example.com has exceeded the max emails per hour \
             (150/150 (100%)) allowed.  Message discarded.\n"
                .into(),
        );
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address, None);
        assert!(records[0]
            .diagnostic
            .as_deref()
            .is_some_and(|d| d.contains("max emails")));
    }

    #[test]
    fn a_reply_that_names_the_sender_names_no_recipient() {
        let notice = Notice::fragment(
            "550 Rejected by header based Blocked Senders - Block policy \
             for Header From - <tora@example.org> - \
             https://community.mimecast.com/docs/DOC-1369#550 [AbCd12]\n"
                .into(),
        );
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address, None);
        assert_eq!(records[0].remote_host, None);
    }

    #[test]
    fn reads_the_host_that_ends_a_reply() {
        let notice = Notice::fragment(
            "550 5.7.1 Unfortunately, messages from [192.0.2.5] weren't \
             sent. (S3140) [DB5PEPF00001234.eurprd02.prod.outlook.com]\n"
                .into(),
        );
        let records = extract(&notice);
        assert_eq!(
            records[0].remote_host.as_deref(),
            Some("db5pepf00001234.eurprd02.prod.outlook.com")
        );
    }

    #[test]
    fn reads_a_suppression_without_a_reply() {
        let notice = Notice::fragment(
            "rina@example.com: 605 Not delivering to previously bounced \
             address\n"
                .into(),
        );
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address.as_deref(), Some("rina@example.com"));
    }

    #[test]
    fn reads_a_basic_reply_below_its_address() {
        let notice = Notice::fragment(
            "Your message could not be sent:\n\n  neko@example.org\n    \
             550 No such user here\n"
                .into(),
        );
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
        assert_eq!(records[0].reply_code, Some(550));
    }

    #[test]
    fn a_label_alone_is_no_bounce() {
        let notice = Notice::fragment("Reason: the meeting moved.\n".into());
        assert!(extract(&notice).is_empty());
    }
}
