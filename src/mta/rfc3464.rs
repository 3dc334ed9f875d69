// SPDX-License-Identifier: MIT
//! RFC 3464 delivery status notifications, read from their
//! `message/delivery-status` part (or its fields shown inline).

use super::Family;
use crate::grammar::address::{self, clean};
use crate::grammar::dsn::{self, get, typed, Group};
use crate::grammar::host::parse_host;
use crate::grammar::postfix::one_line;
use crate::grammar::status::Status;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The RFC 3464 family.
pub const FAMILY: Family = Family { id: "rfc3464", claims, extract };

fn claims(notice: &Notice) -> bool {
    notice.delivery_status.is_some()
        || notice.body.contains("Final-Recipient:")
        || notice.body.contains("Original-Recipient:")
}

/// Records from every per-recipient group.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let ds = dsn::delivery_status(notice.status_text());
    ds.recipients.iter().map(record).collect()
}

/// The reporting MTA named by the per-message fields, if any.
pub fn reporting_mta(notice: &Notice) -> Option<String> {
    let ds = dsn::delivery_status(notice.status_text());
    let value = ds.message_field("reporting-mta")?;
    parse_host(typed(value).1).name
}

/// One record from one per-recipient group.
pub fn record(group: &Group) -> Record {
    let recipient = get(group, "final-recipient")
        .or_else(|| get(group, "x-actual-recipient"))
        .or_else(|| get(group, "original-recipient"))
        .unwrap_or("");
    let addr = clean(recipient);
    let masked = address::is_masked(recipient);
    let diagnostic =
        get(group, "diagnostic-code").map(|d| one_line(typed(d).1));
    let remote = get(group, "remote-mta").map(|v| parse_host(typed(v).1));
    let mut record = Record {
        address: recipient_address(addr),
        masked,
        action: get(group, "action").and_then(Action::parse),
        status: get(group, "status").and_then(status_value),
        remote_host: remote.as_ref().and_then(|h| h.name.clone()),
        remote_ip: remote.and_then(|h| h.ip),
        diagnostic: diagnostic.filter(|d| !d.is_empty()),
        ..Record::default()
    };
    record.fill_codes_from_diagnostic();
    record
}

/// The address of a recipient field: an ASCII address found in it, or
/// the whole value when it is one token with an `@` (an internationalized
/// address of RFC 6533, `utf-8; 猫@example.com`).
fn recipient_address(value: &str) -> Option<String> {
    if let Some(found) = address::find_address(value) {
        return Some(found.to_string());
    }
    let token = value.trim();
    let one = !token.is_empty() && !token.contains(char::is_whitespace);
    let shaped = token
        .split_once('@')
        .is_some_and(|(l, d)| !l.is_empty() && d.contains('.'));
    (one && shaped && !address::is_masked(token)).then(|| token.to_string())
}

/// A `Status:` value: the code, perhaps followed by words.
fn status_value(value: &str) -> Option<Status> {
    let code = value.split_whitespace().next()?;
    Status::parse(code.trim_end_matches([',', ';', '.']))
}
