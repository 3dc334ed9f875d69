// SPDX-License-Identifier: MIT
//! From a notice to recipient records: the first family that claims the
//! notice and finds records, completed from the delivery-status fields.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::input::{clip, MAX_RECIPIENTS};
use crate::mta::{exchange, rfc3464, Family, FAMILIES};
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
    /// One record a recipient, in the notice's order: at most
    /// [`MAX_RECIPIENTS`], each text cut to
    /// [`MAX_TEXT`](crate::input::MAX_TEXT).
    pub records: Vec<Record>,
    /// How many recipients were left out past [`MAX_RECIPIENTS`]: the
    /// exact number when the family read every recipient, else 1 (a
    /// family that stops one past the limit, see `left_out_exact`).
    pub left_out: usize,
    /// True if and only if `left_out` counts every recipient left out.
    /// A family that stops reading one recipient past the limit (most
    /// do, to bound their work) found exactly one more than the limit,
    /// so how many more the notice names is not known.
    pub left_out_exact: bool,
}

/// Extracts recipient records from a notice. When no family but the
/// generic one reads it, a bounce it forwards as an attachment is read
/// before the generic family has its turn.
pub fn extract(notice: &Notice) -> Extraction {
    let (specific, last) = FAMILIES.split_at(FAMILIES.len() - 1);
    if let Some(found) = first_reading(notice, specific) {
        return found;
    }
    if let Some(found) = forwarded(notice, specific) {
        return found;
    }
    first_reading(notice, last).unwrap_or_else(|| Extraction {
        format: "unknown",
        reporting_mta: reporting_mta(notice),
        ..Extraction::default()
    })
}

/// The reading of the first of `families` that claims the notice and
/// finds records in it.
fn first_reading(notice: &Notice, families: &[Family]) -> Option<Extraction> {
    for family in families {
        if !(family.claims)(notice) {
            continue;
        }
        let mut records = (family.extract)(notice);
        if records.is_empty() {
            continue;
        }
        let left_out = records.len().saturating_sub(MAX_RECIPIENTS);
        let left_out_exact = records.len() > MAX_RECIPIENTS + 1;
        records.truncate(MAX_RECIPIENTS);
        if family.id != rfc3464::FAMILY.id {
            // Read only now: most notices are read by the first family
            // that claims them, and RFC 3464's own reading needs none.
            let mut from_status = rfc3464::records(notice);
            from_status.truncate(MAX_RECIPIENTS);
            let codes = !OWN_CODES.contains(&family.id);
            complete(&mut records, &from_status, codes);
        }
        records.iter_mut().for_each(clip_texts);
        let reporting_mta = reporting_mta(notice);
        return Some(Extraction {
            format: family.id,
            reporting_mta,
            records,
            left_out,
            left_out_exact,
        });
    }
    None
}

/// The host that wrote the notice: the delivery-status part's
/// `Reporting-MTA:`, else the server Exchange names.
fn reporting_mta(notice: &Notice) -> Option<String> {
    rfc3464::reporting_mta(notice)
        .or_else(|| exchange::generating_server(notice))
}

/// The reading of a bounce attached whole to the notice, as when a
/// gateway or a person forwards it (one level deep only).
///
/// ```text
/// ----- The following addresses had permanent delivery errors -----
///
/// [message/rfc822: From: MAILER-DAEMON@mx.example.org …]
/// ```
fn forwarded(notice: &Notice, families: &[Family]) -> Option<Extraction> {
    let inner = crate::mime::decode(notice.enclosed.as_deref()?)?;
    first_reading(&inner, families)
}

/// Families whose delivery-status part gives one fixed status per kind
/// of failure, which says less than their text: OpenSMTPD writes
/// `Status: 5.0.0` for a domain that does not exist and `4.4.7` for any
/// expiry. Their records take no status code from that part.
const OWN_CODES: &[&str] = &["opensmtpd"];

/// Fills each record's missing fields from the delivery-status record of
/// the same address, or, with one of each, from the only one; the status
/// code too when `codes`.
fn complete(records: &mut [Record], from_status: &[Record], codes: bool) {
    let single = records.len() == 1 && from_status.len() == 1;
    // The first delivery-status record of each address, any case.
    let mut by_address: HashMap<String, &Record> = HashMap::new();
    for status in from_status {
        if let Some(a) = &status.address {
            by_address.entry(a.to_ascii_lowercase()).or_insert(status);
        }
    }
    for record in records.iter_mut() {
        let key = record.address.as_ref().map(|a| a.to_ascii_lowercase());
        let same = key.and_then(|k| by_address.get(&k).copied());
        if let Some(status) = same.or(single.then(|| &from_status[0])) {
            let own = record.status;
            prefer_specific_status(record, status);
            add_context(record, status);
            record.fill_from(status);
            if !codes {
                record.status = own;
            }
        }
    }
}

/// Cuts a record's free texts to [`MAX_TEXT`](crate::input::MAX_TEXT).
fn clip_texts(record: &mut Record) {
    for text in [&mut record.diagnostic, &mut record.context] {
        if let Some(Cow::Owned(cut)) = text.as_deref().map(clip) {
            *text = Some(cut);
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
/// the delivery-status fields (`Status: 5.3.0`), and a family's stand-in
/// (`5.0.901`) to any code the fields give.
fn prefer_specific_status(record: &mut Record, status: &Record) {
    let vague = record.status.is_some_and(|s| s.is_vague());
    let stand_in = record.status.is_some_and(|s| s.is_stand_in());
    let specific = status.status.is_some_and(|s| !s.is_vague());
    if (vague && specific) || (stand_in && status.status.is_some()) {
        record.status = status.status;
    }
}
