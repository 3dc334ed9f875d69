// SPDX-License-Identifier: MIT
//! Microsoft's `Remote Server returned '…'` lines that a ticket quotes
//! without the rest of their notices: each is one server's whole reply
//! for one failed delivery, so each is a recipient of its own, also
//! when the ticket names no address.
//!
//! ```text
//! Ini salah satu balasannya:
//!
//! Remote Server returned '550 5.7.606 Access denied, banned sending IP [192.0.2.5]. … [AB1PR01MB0001.apcprd01.prod.outlook.com …]'
//!
//! Yang kedua ke klien lain:
//!
//! Remote Server returned '550 5.4.1 Recipient address rejected: Access denied. … [CD2PR02MB0002.namprd02.prod.outlook.com …]'
//! ```
//!
//! The generic family reads the first reply of a text; [`later`] gives
//! the records of the lines after it.

use super::layout;
use crate::grammar::address::find_addresses;
use crate::grammar::host::is_host_name;
use crate::grammar::postfix::one_line;
use crate::record::Record;

/// The words that open such a line, in Outlook's English and
/// Indonesian views, each before the reply's opening quote.
const OPENINGS: &[&str] =
    &["remote server returned '", "server jarak jauh mengembalikan '"];

/// Lines read at the most: a ticket quotes a few.
const MAX_LINES: usize = 50;

/// A record for each returned line of `body` that starts at or after
/// `from` (the end of the reply already read), unless its reply is
/// `first`'s (the reply already read) or an earlier line's.
pub fn later(body: &str, from: usize, first: &str) -> Vec<Record> {
    let mut seen = vec![first.to_string()];
    let mut records = Vec::new();
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if start < from || records.len() >= MAX_LINES {
            continue;
        }
        let Some(reply) = returned_reply(line) else { continue };
        if seen.contains(&reply) {
            continue;
        }
        seen.push(reply.clone());
        let mut record = Record {
            address: address_of(body, start, line),
            remote_host: answering_host(&reply),
            diagnostic: Some(reply),
            ..Record::default()
        };
        record.fill_codes_from_diagnostic();
        if record.reply_code.is_some_and(|c| c >= 400) {
            records.push(record);
        }
    }
    records
}

/// The reply inside the quotes of a returned line, on one line.
fn returned_reply(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let (at, opening) =
        OPENINGS.iter().find_map(|o| lower.find(o).map(|at| (at, o.len())))?;
    let inner = line.get(at + opening..)?.trim_end();
    let inner = inner.strip_suffix('\'').unwrap_or(inner);
    let reply = one_line(inner.trim());
    (!reply.is_empty()).then_some(reply)
}

/// The address a returned line names before its opening, or the one
/// that alone makes up the line above it (Exchange's layout), if any.
fn address_of(body: &str, start: usize, line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let opening = OPENINGS.iter().find_map(|o| lower.find(o))?;
    let on_line = find_addresses(&line[..opening]).into_iter().next();
    if let Some((_, address)) = on_line {
        return Some(address.to_string());
    }
    let above_end = body[..start].strip_suffix('\n')?;
    let above_start = above_end.rfind('\n').map_or(0, |n| n + 1);
    layout::address_line(&above_end[above_start..]).map(str::to_string)
}

/// The server named in brackets at the end of a Microsoft reply, before
/// its time stamp and ids: `[AB1PR01MB0001.apcprd01.prod.outlook.com
/// 2026-12-03T03:55:00.000Z 08DD…]`.
pub fn answering_host(reply: &str) -> Option<String> {
    let open = reply.rfind('[')?;
    let name = reply[open + 1..].split([' ', ']']).next()?;
    let three_labels = name.split('.').count() >= 3;
    let top = name.rsplit('.').next().unwrap_or("");
    let named = top.bytes().any(|c| c.is_ascii_alphabetic());
    (three_labels && named && is_host_name(name))
        .then(|| name.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TICKET: &str = "Tolong dicek:\n\n\
        Remote Server returned '550 5.7.606 Access denied, banned sending \
        IP [192.0.2.5]. [AB1PR01MB0001.apcprd01.prod.outlook.com \
        2026-01-01T00:00:00.000Z 08DD]'\n\n\
        Yang kedua:\n\n\
        Remote Server returned '550 5.4.1 Recipient address rejected: \
        Access denied. [CD2PR02MB0002.namprd02.prod.outlook.com \
        2026-01-01T00:01:00.000Z 08DE]'\n";

    #[test]
    fn each_later_line_is_a_record() {
        let from = TICKET.find("Yang kedua").unwrap();
        let records = later(TICKET, from, "550 5.7.606 whatever");
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.4.1"));
        assert_eq!(
            r.remote_host.as_deref(),
            Some("cd2pr02mb0002.namprd02.prod.outlook.com")
        );
        assert_eq!(r.address, None);
        assert!(r.diagnostic.as_deref().is_some_and(|d| !d.ends_with('\'')));
        assert_eq!(answering_host("550 5.7.1 banned [192.0.2.5]"), None);
    }

    #[test]
    fn the_reply_already_read_is_not_read_again() {
        let first = returned_reply(TICKET.lines().nth(2).unwrap()).unwrap();
        assert_eq!(later(TICKET, 0, &first).len(), 1);
        assert!(later(TICKET, TICKET.len(), "").is_empty());
    }

    #[test]
    fn an_address_above_the_line_is_its_recipient() {
        let text = "neko@example.org\nRemote Server returned '550 5.1.10 \
                    RESOLVER.ADR.RecipientNotFound; not found'\n";
        let records = later(text, 0, "");
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
    }
}
