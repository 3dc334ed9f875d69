// SPDX-License-Identifier: MIT
//! Postfix `mailq` listings: a record for each recipient of each entry,
//! with the reason printed above it.

use super::Family;
use crate::grammar::mailq::{entries, entry_line};
use crate::grammar::postfix::{find_connect_failure, find_host_said};
use crate::input::{clip, MAX_RECIPIENTS};
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The mailq family.
pub const FAMILY: Family = Family { id: "mailq", claims, extract };

fn claims(notice: &Notice) -> bool {
    notice.body.lines().take(200).any(|l| entry_line(l.trim_start()).is_ok())
}

/// A record for each recipient listed under a reason.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let mut records = Vec::new();
    for entry in entries(&notice.body) {
        for deferral in &entry.deferred {
            let template = reason_record(deferral.reason.as_deref());
            // Each recipient gets a copy of the reason: stop at the limit.
            let room = MAX_RECIPIENTS.saturating_sub(records.len());
            for recipient in deferral.recipients.iter().take(room + 1) {
                let mut record = template.clone();
                record.masked = recipient.is_none();
                record.address.clone_from(recipient);
                records.push(record);
            }
        }
    }
    records
}

/// What the parenthesised reason says, for every recipient under it.
fn reason_record(reason: Option<&str>) -> Record {
    let mut record =
        Record { action: Some(Action::Delayed), ..Record::default() };
    let Some(reason) = reason else { return record };
    if let Some(said) = find_host_said(reason) {
        record.remote_host = said.host.name;
        record.remote_ip = said.host.ip;
        record.command = said.command;
        record.diagnostic = Some(said.reply);
    } else if let Some(failure) = find_connect_failure(reason) {
        record.remote_host = failure.host.name;
        record.remote_ip = failure.host.ip;
        record.diagnostic = Some(clip(reason).into_owned());
    } else {
        record.diagnostic = Some(clip(reason).into_owned());
    }
    record.fill_codes_from_diagnostic();
    record
}
