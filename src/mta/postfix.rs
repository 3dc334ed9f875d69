// SPDX-License-Identifier: MIT
//! Postfix's bounce text: one paragraph a recipient,
//!
//! ```text
//! <neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1
//!     <neko@example.org>: Recipient address rejected: User unknown (in
//!     reply to RCPT TO command)
//! ```

use super::Family;
use crate::grammar::address::{self, find_address};
use crate::grammar::postfix::{find_connect_failure, find_host_said, one_line};
use crate::notice::Notice;
use crate::record::Record;

/// The Postfix family.
pub const FAMILY: Family = Family { id: "postfix", claims, extract };

fn claims(notice: &Notice) -> bool {
    notice.body.contains("The mail system")
        || notice.body.contains("This is the mail system at host")
        || notice.header_all("received").any(|r| r.contains("(Postfix"))
        || notice.body.contains(" said: ")
}

/// A record for each `<address>: …` paragraph.
pub fn extract(notice: &Notice) -> Vec<Record> {
    paragraphs(&notice.body)
        .into_iter()
        .map(|(addr, text)| record(addr, &text))
        .collect()
}

/// Paragraphs that open with `<address>` (perhaps `(expanded from …)`)
/// and `:`, joined onto one line each.
fn paragraphs(body: &str) -> Vec<(&str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    let mut open = false;
    for line in body.lines() {
        if let Some((addr, rest)) = opening(line) {
            out.push((addr, rest.to_string()));
            open = true;
        } else if open
            && !line.trim().is_empty()
            && (line.starts_with([' ', '\t']) || !line.contains(": "))
        {
            if let Some((_, text)) = out.last_mut() {
                text.push(' ');
                text.push_str(line.trim());
            }
        } else {
            open = false;
        }
    }
    out
}

/// `<address> [(expanded from <…>)]: text`.
fn opening(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('<')?;
    let close = rest.find('>')?;
    let addr = &rest[..close];
    let after = rest[close + 1..].trim_start();
    let after = match after.strip_prefix("(expanded from") {
        Some(tail) => tail.split_once(')').map_or("", |t| t.1).trim_start(),
        None => after,
    };
    let text = after.strip_prefix(':')?;
    let ok = find_address(addr) == Some(addr) || address::is_masked(addr);
    ok.then_some((addr, text.trim()))
}

fn record(addr: &str, text: &str) -> Record {
    let mut record = Record {
        address: find_address(addr).map(str::to_string),
        masked: address::is_masked(addr),
        ..Record::default()
    };
    if let Some(said) = find_host_said(text) {
        record.remote_host = said.host.name;
        record.remote_ip = said.host.ip;
        record.command = said.command;
        record.diagnostic = Some(said.reply);
    } else if let Some(failure) = find_connect_failure(text) {
        record.remote_host = failure.host.name;
        record.remote_ip = failure.host.ip;
        record.diagnostic = Some(one_line(text));
    } else {
        record.diagnostic = Some(one_line(text));
    }
    record.fill_codes_from_diagnostic();
    record
}
