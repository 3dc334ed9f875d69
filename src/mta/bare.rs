// SPDX-License-Identifier: MIT
//! Pieces of known notices pasted without the sentences their families
//! claim them by: the generic family's last readings, for text it
//! found no reply in.
//!
//! ```text
//! <neko@example.org>:                                       (Yahoo)
//! 554: delivery error: dd This user doesn't have a example.org account
//!
//! <neko@example.org>: connect to mx.example.org[192.0.2.1]:25: Connection refused
//!
//!   neko@example.org                                        (Exim)
//!     host mx.example.org [192.0.2.1]
//!     550 No such user here
//!
//! Pesan Anda tidak terkirim ke neko@example.org karena alamat tidak ditemukan.
//!
//! The recipient server did not accept our requests to connect. …
//! [mx.example.org. 192.0.2.1: timed out]                     (Gmail)
//!
//! Mail from <192.0.2.1> was refused due to the sender IP found in ERS-QIL.
//! ```
//!
//! Each record's address is one the text names where the piece's layout
//! puts it; a piece without one gives a record without an address.

use super::layout;
use crate::command::Command;
use crate::grammar::host::{is_host_name, parse_ip, Host};
use crate::grammar::postfix::{find_connect_failure, one_line};
use crate::grammar::status::Status;
use crate::knowledge::schema::catalog::EntryKind;
use crate::lowercase::Lowercase;
use crate::record::{Action, Record};

/// The records of the first kind of piece `body` holds, if any.
pub fn read(body: &str) -> Vec<Record> {
    let blocks = crate::leftover::blocks(body);
    if !blocks.is_empty() {
        let records: Vec<Record> = blocks
            .into_iter()
            .take(crate::input::MAX_RECIPIENTS + 1)
            .filter_map(|(address, range)| block(address, &body[range]))
            .collect();
        if !records.is_empty() {
            return records;
        }
    }
    gmail_sentence(body)
        .or_else(|| gmail_connect(body))
        .or_else(|| listed_ip(body))
        .into_iter()
        .collect()
}

/// A recipient block without its notice: the words after the address,
/// with Exim's `host` line and Postfix's `connect to` read for the
/// remote server, and Yahoo's `554:` read as a reply code.
fn block(address: &str, text: &str) -> Option<Record> {
    let mut host = None;
    let mut words: Vec<&str> = Vec::new();
    for (n, line) in layout::lines(text).enumerate() {
        let line = line.trim();
        if n == 0 {
            // The opening line: `<address>: words` or the address alone.
            let rest = layout::angle_opening(line).map_or("", |(_, w)| w);
            words.push(rest);
            continue;
        }
        match line.strip_prefix("host ") {
            Some(spec) if host.is_none() => host = exim_host(spec),
            _ => words.push(line),
        }
    }
    let words = yahoo_code(&words.join("\n"));
    if words.trim().is_empty() {
        return None;
    }
    let mut record = layout::record(address, &words);
    if let Some(failure) = find_connect_failure(&words) {
        layout::set_remote(&mut record, Some(failure.host));
        record.command = Some(Command::Connect);
        // What Postfix's own notice gives the same failure in its
        // delivery-status part: 4.4.1, no answer from the host.
        if record.status.is_none() {
            record.status = Some(CONNECT_FAILED);
            record.status_inferred = true;
        }
    }
    layout::set_remote(&mut record, host);
    layout::command_from_tag(&mut record);
    let said = record.reply_code.is_some() || record.status.is_some();
    (said || record.command == Some(Command::Connect)).then_some(record)
}

/// The status Postfix writes for a connection that failed (RFC 3463
/// 4.4.1, no answer from host), for its `connect to` line pasted alone.
const CONNECT_FAILED: Status = Status::new(4, 4, 1);

/// Exim's `host mx.example.org [192.0.2.1]` (the words after `host `),
/// up to a colon that starts the reply.
fn exim_host(spec: &str) -> Option<Host> {
    let spec = spec.split_once("]:").map_or(spec, |(h, _)| h);
    let mut parts = spec.split_whitespace();
    let name = parts.next()?;
    let ip = parts.next().map(|p| p.trim_matches(['[', ']', ':']));
    let host = Host {
        name: is_host_name(name).then(|| name.to_ascii_lowercase()),
        ip: ip.and_then(parse_ip),
    };
    (host.name.is_some() || host.ip.is_some()).then_some(host)
}

/// Yahoo's `554: delivery error: …` as an SMTP reply, `554 delivery
/// error: …`.
fn yahoo_code(words: &str) -> String {
    let t = words.trim_start();
    let b = t.as_bytes();
    let coded =
        b.len() > 4 && b[..3].iter().all(u8::is_ascii_digit) && b[3] == b':';
    match coded {
        true => format!("{} {}", &t[..3], t[4..].trim_start()),
        false => words.to_string(),
    }
}

/// Gmail's sentence that names the recipient and why, pasted alone.
///
/// ```text
/// Your message wasn't delivered to neko@example.org because the address couldn't be found, …
/// Pesan Anda tidak terkirim ke neko@example.org karena alamat tidak ditemukan.
/// ```
const GMAIL_SENTENCES: &[(&str, &str)] = &[
    ("wasn't delivered to ", " because "),
    ("tidak terkirim ke ", " karena "),
];

fn gmail_sentence(body: &str) -> Option<Record> {
    GMAIL_SENTENCES.iter().find_map(|&(names, why)| {
        let at = body.find(names)? + names.len();
        let line = layout::line_at(body, at);
        let rest = &body[at..];
        let end = rest.find('\n').unwrap_or(rest.len());
        let (address, _) = rest[..end].split_once(why)?;
        let address = crate::grammar::address::find_address(address)?;
        let mut record = layout::record(address, line);
        record.action = Some(Action::Failed);
        Some(record)
    })
}

/// Gmail's sentence for a server it could not connect to.
const GMAIL_CONNECT: &str = "did not accept our requests to connect";

/// Gmail's paragraph for a server it could not connect to, with the
/// server in brackets: `[mx.example.org. 192.0.2.1: timed out]`.
fn gmail_connect(body: &str) -> Option<Record> {
    let at = body.find(GMAIL_CONNECT)?;
    let rest = &body[at..];
    let end = rest.find("\n\n").unwrap_or(rest.len());
    let start = body[..at].rfind('\n').map_or(0, |n| n + 1);
    let paragraph = &body[start..at + end];
    let open = paragraph.rfind('[')?;
    let inside = &paragraph[open + 1..];
    let (server, _) = inside[..inside.find(']')?].split_once(": ")?;
    let mut parts = server.split_whitespace();
    let name = parts.next()?.trim_end_matches('.');
    let host = Host {
        name: is_host_name(name).then(|| name.to_ascii_lowercase()),
        ip: parts.next().and_then(parse_ip),
    };
    let mut record = Record {
        action: Some(Action::Failed),
        diagnostic: Some(one_line(paragraph)),
        ..Record::default()
    };
    layout::set_remote(&mut record, Some(host));
    Some(record)
}

/// Words of a refusal on the line that names a list.
const REFUSED: &[&str] = &["refused", "rejected", "blocked", "denied"];

/// Lists whose refusals are temporary: the sending server retries them
/// (Trend Micro's ERS-QIL answers `450 4.7.1`, and an IP leaves the list
/// by itself within hours: ../shared/facts/blocklists.md). Their line
/// pasted alone gets no stand-in code, which would say "refused for
/// good": its code is unknown.
const RETRIED_LISTS: &[&str] = &["trendmicro-ers"];

/// A line that says a list of the catalog (a blocklist or reputation
/// service) refused the mail, pasted alone: the seed's ERS line.
fn listed_ip(body: &str) -> Option<Record> {
    // Only a line with a word of refusal counts: a text with none is
    // not looked through for lists.
    let lower = body.lowercase();
    if !REFUSED.iter().any(|w| lower.contains(w)) {
        return None;
    }
    let found = crate::knowledge::catalog::recognize(body);
    found.iter().find_map(|listing| {
        let list = matches!(
            listing.entry.kind,
            EntryKind::IpList | EntryKind::DomainList | EntryKind::Reputation
        );
        let at = layout::find_ignore_case(body, &listing.matched)?;
        let line = layout::line_at(body, at);
        let lower = line.lowercase();
        let refused = REFUSED.iter().any(|w| lower.contains(w));
        // Whether the sending server retries, the line does not say.
        (list && refused).then(|| Record {
            diagnostic: Some(one_line(line)),
            code_unknown: RETRIED_LISTS.contains(&listing.entry.id.as_str()),
            ..Record::default()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Record {
        let records = read(text);
        assert_eq!(records.len(), 1, "{text}");
        records.into_iter().next().unwrap_or_default()
    }

    #[test]
    fn reads_a_yahoo_paragraph_without_its_lead() {
        let r = one("<neko@example.org>:\n554: delivery error: dd This user \
                     doesn't have a example.org account [0] - mta1.example.org\n");
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.reply_code, Some(554));
    }

    #[test]
    fn reads_an_exim_block_without_its_smtp_error_line() {
        let r = one(
            "  neko@example.org\n    host mx.example.org [192.0.2.1]\n    \
                     550 No such user here\n",
        );
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(r.reply_code, Some(550));
    }

    #[test]
    fn reads_a_postfix_connect_failure() {
        let r = one(
            "<neko@example.org>: connect to mx.example.org[192.0.2.1]:25: \
                     Connection refused\n",
        );
        assert_eq!(r.command, Some(Command::Connect));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.1"));
    }

    #[test]
    fn reads_gmail_sentences() {
        let r = one("Pesan Anda tidak terkirim ke neko@example.org karena \
                     alamat tidak ditemukan.\n");
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        let r = one("The recipient server did not accept our requests to \
                     connect.\n[mx.example.org. 192.0.2.1: timed out]\n");
        assert_eq!(r.address, None);
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
    }

    #[test]
    fn an_address_without_an_error_is_no_piece() {
        assert!(read("Kirim bukti ke neko@example.org\n").is_empty());
        assert!(read("<neko@example.org>: terima kasih\n").is_empty());
    }
}
