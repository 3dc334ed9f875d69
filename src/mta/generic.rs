// SPDX-License-Identifier: MIT
//! The last resort for text no family claims: the first server reply in
//! the text, and the addresses near it.

use super::Family;
use crate::grammar::address::find_addresses;
use crate::grammar::postfix::{find_host_said, one_line};
use crate::grammar::reply::find_reply;
use crate::notice::Notice;
use crate::record::Record;

/// The generic family.
pub const FAMILY: Family = Family { id: "text", claims, extract };

fn claims(_: &Notice) -> bool {
    true
}

/// One record for the first reply found, addressed to the first address
/// in the text that is not the notice's own sender.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let mut record = Record::default();
    if let Some(said) = find_host_said(body) {
        record.remote_host = said.host.name;
        record.remote_ip = said.host.ip;
        record.command = said.command;
        record.diagnostic = Some(said.reply);
    } else if let Some((at, _)) = find_reply(body) {
        let end = body[at..].find("\n\n").map_or(body.len(), |e| at + e);
        record.diagnostic = Some(one_line(&body[at..end]));
    } else {
        return Vec::new();
    }
    let sender = notice.header("to").unwrap_or("");
    record.address = find_addresses(body)
        .into_iter()
        .map(|(_, a)| a)
        .find(|a| !sender.contains(a))
        .map(str::to_string);
    record.fill_codes_from_diagnostic();
    vec![record]
}
