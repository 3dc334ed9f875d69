// SPDX-License-Identifier: MIT
//! From a notice to recipient records: the first family that claims the
//! notice and finds records, completed from the delivery-status fields.

use crate::mta::{exchange, rfc3464, FAMILIES};
use crate::notice::Notice;
use crate::record::Record;

/// What extraction found.
#[derive(Debug, Default)]
pub struct Extraction {
    /// The family that read the notice, e.g. `"postfix"`; `"unknown"` when
    /// none found a recipient.
    pub format: &'static str,
    /// The host that wrote the notice, if it says.
    pub reporting_mta: Option<String>,
    /// One record a recipient, in the notice's order.
    pub records: Vec<Record>,
}

/// Extracts recipient records from a notice.
pub fn extract(notice: &Notice) -> Extraction {
    let reporting_mta = rfc3464::reporting_mta(notice)
        .or_else(|| exchange::generating_server(notice));
    let from_status = rfc3464::records(notice);
    for family in FAMILIES {
        if !(family.claims)(notice) {
            continue;
        }
        let mut records = (family.extract)(notice);
        if records.is_empty() {
            continue;
        }
        if family.id != rfc3464::FAMILY.id {
            complete(&mut records, &from_status);
        }
        return Extraction { format: family.id, reporting_mta, records };
    }
    Extraction { format: "unknown", reporting_mta, records: Vec::new() }
}

/// Fills each record's missing fields from the delivery-status record of
/// the same address, or, with one of each, from the only one.
fn complete(records: &mut [Record], from_status: &[Record]) {
    let single = records.len() == 1 && from_status.len() == 1;
    for record in records.iter_mut() {
        let same = from_status.iter().find(|s| same_address(record, s));
        if let Some(status) = same.or(single.then(|| &from_status[0])) {
            prefer_specific_status(record, status);
            add_context(record, status);
            record.fill_from(status);
        }
    }
}

/// When the family's text and the delivery-status part give different
/// words for the recipient, classification reads both: the family's
/// text may say only "temporary failure" where the `Diagnostic-Code:`
/// says "Disk quota exceeded".
fn add_context(record: &mut Record, status: &Record) {
    let (Some(own), Some(field)) = (&record.diagnostic, &status.diagnostic)
    else {
        return;
    };
    let (a, b) = (own.to_ascii_lowercase(), field.to_ascii_lowercase());
    if a.contains(&b) || b.contains(&a) {
        return;
    }
    let context = match record.context.take() {
        Some(c) => format!("{c} {field}"),
        None => field.clone(),
    };
    record.context = Some(context);
}

/// A vague status in the text (`5.0.0`) gives way to a specific one in
/// the delivery-status fields (`Status: 5.3.0`).
fn prefer_specific_status(record: &mut Record, status: &Record) {
    let vague = record.status.is_some_and(|s| s.is_vague());
    if vague && status.status.is_some_and(|s| !s.is_vague()) {
        record.status = status.status;
    }
}

fn same_address(a: &Record, b: &Record) -> bool {
    match (&a.address, &b.address) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => false,
    }
}
