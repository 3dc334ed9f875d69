// SPDX-License-Identifier: MIT
//! From a notice to recipient records: the first family that claims the
//! notice and finds records, completed from the delivery-status fields.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::input::{clip, MAX_RECIPIENTS};
use crate::lowercase::Lowercase;
use std::ops::Range;

use crate::mta::{exchange, postfix, rfc3464, sendmail, words, FAMILIES};
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The format of a notice no family read.
pub const UNKNOWN_FORMAT: &str = "unknown";

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
/// generic one reads it, a bounce it forwards (as an attachment, or
/// inline below a forwarded message's header block) is read before the
/// generic family has its turn.
pub fn extract(notice: &Notice) -> Extraction {
    let (specific, last) = (0..FAMILIES.len() - 1, FAMILIES.len() - 1);
    if let Some(found) = first_reading(notice, specific.clone()) {
        return found;
    }
    if let Some(found) = forwarded(notice, specific) {
        return found;
    }
    if let Some(found) = forwarded_inline(notice)
        .and_then(|inner| first_reading(&inner, 0..FAMILIES.len()))
    {
        return found;
    }
    first_reading(notice, last..FAMILIES.len()).unwrap_or_else(|| Extraction {
        format: UNKNOWN_FORMAT,
        reporting_mta: reporting_mta(notice, &mut None),
        ..Extraction::default()
    })
}

/// One record for each address a notice names more than once (of one
/// queued message, in a log or listing), in the order of first mention:
/// the most informative of them ([`informative`]), completed from the
/// others.
///
/// ```text
///   info@example.org
///     retry timeout exceeded
///
///   info@example.org
///     host mx.example.org [192.0.2.1]: Connection timed out
/// ```
fn merge_duplicates(records: &mut Vec<Record>) {
    if records.len() < 2 {
        return;
    }
    let mut at: HashMap<(Option<String>, String), usize> = HashMap::new();
    let mut kept: Vec<Record> = Vec::with_capacity(records.len());
    for record in records.drain(..) {
        let Some(address) = record.address.as_deref() else {
            kept.push(record);
            continue;
        };
        let key = (record.queue_id.clone(), address.to_ascii_lowercase());
        let Some(&n) = at.get(&key) else {
            at.insert(key, kept.len());
            kept.push(record);
            continue;
        };
        let first = &mut kept[n];
        if informative(&record) > informative(first) {
            let other = std::mem::replace(first, record);
            first.fill_from(&other);
        } else {
            first.fill_from(&record);
        }
    }
    *records = kept;
}

/// How much a record tells: a reply code first, then a remote host, a
/// status code the notice prints, and the length of the server's words.
fn informative(r: &Record) -> (bool, bool, bool, usize) {
    (
        r.reply_code.is_some(),
        r.remote_host.is_some() || r.remote_ip.is_some(),
        r.status.is_some() && !r.status_inferred,
        r.diagnostic.as_deref().map_or(0, str::len),
    )
}

/// The reading of the first of the families at `families` in
/// [`FAMILIES`] that claims the notice and finds records in it. Only
/// the families whose words the notice holds are asked (`mta::words`).
fn first_reading(
    notice: &Notice,
    families: Range<usize>,
) -> Option<Extraction> {
    let mut found = None;
    for n in families {
        let family = &FAMILIES[n];
        if family.words.is_some()
            && !found.get_or_insert_with(|| words::found(notice)).may_claim(n)
        {
            continue;
        }
        if !(family.claims)(notice) {
            continue;
        }
        // Sendmail's reading needs the delivery-status part's records
        // too: read once, for it and for completing its records below.
        let mut from_status = None;
        let mut records = if family.id == sendmail::FAMILY.id {
            let status = from_status.insert(rfc3464::records(notice));
            sendmail::extract_beside(notice, status)
        } else {
            (family.extract)(notice)
        };
        if records.is_empty() {
            continue;
        }
        merge_duplicates(&mut records);
        let left_out = records.len().saturating_sub(MAX_RECIPIENTS);
        let left_out_exact = records.len() > MAX_RECIPIENTS + 1;
        records.truncate(MAX_RECIPIENTS);
        if family.id != rfc3464::FAMILY.id {
            // Read only now: most notices are read by the first family
            // that claims them, and RFC 3464's own reading needs none.
            let mut from_status =
                from_status.unwrap_or_else(|| rfc3464::records(notice));
            from_status.truncate(MAX_RECIPIENTS);
            let codes = !OWN_CODES.contains(&family.id);
            complete(&mut records, &from_status, codes);
        }
        crate::mta::named_remote::fill(notice, &mut records);
        records.iter_mut().for_each(clip_texts);
        let reporting_mta = reporting_mta(notice, &mut found);
        return Some(Extraction {
            format: crate::mta::format_of(family, notice),
            reporting_mta,
            records,
            left_out,
            left_out_exact,
        });
    }
    None
}

/// The host that wrote the notice: the delivery-status part's
/// `Reporting-MTA:`, else the host Postfix's or qmail's opening sentence
/// names, else the server Exchange names, which only a notice
/// that holds Exchange's words (`found`, found here if not yet) can
/// name: its administrators' part is what Exchange claims a notice by.
fn reporting_mta<'a>(
    notice: &'a Notice,
    found: &mut Option<words::Found<'a>>,
) -> Option<String> {
    let named = || postfix::opening_host(&notice.body);
    rfc3464::reporting_mta(notice).or_else(named).or_else(|| {
        let exchange =
            FAMILIES.iter().position(|f| f.id == exchange::FAMILY.id)?;
        found
            .get_or_insert_with(|| words::found(notice))
            .may_claim(exchange)
            .then(|| exchange::generating_server(notice))?
    })
}

/// How many attached messages deep a forwarded bounce is looked for: a
/// support ticket escalated as an attachment holds the customer's mail,
/// which holds the bounce.
const FORWARD_DEPTH: usize = 4;

/// The reading of a bounce attached whole to the notice, as when a
/// gateway or a person forwards it: the first attached message that
/// reads as a bounce, each inside the one before, up to
/// [`FORWARD_DEPTH`] deep.
///
/// ```text
/// ----- The following addresses had permanent delivery errors -----
///
/// [message/rfc822: From: MAILER-DAEMON@mx.example.org …]
/// ```
fn forwarded(notice: &Notice, families: Range<usize>) -> Option<Extraction> {
    let mut inner = crate::mime::decode(notice.enclosed.as_deref()?)?;
    for _ in 1..FORWARD_DEPTH {
        if let Some(found) = first_reading(&inner, families.clone()) {
            return Some(found);
        }
        inner = crate::mime::decode(inner.enclosed.as_deref()?)?;
    }
    first_reading(&inner, families)
}

/// Words of the line a mail program writes above a message it forwards
/// inline (any case, between dashes or before a colon).
///
/// ```text
/// ---------- Forwarded message ---------
/// -------- Forwarded Message --------
/// Begin forwarded message:
/// -----Original Message-----
/// ```
const FORWARD_MARKERS: &[&str] = &[
    "forwarded message",
    "original message",
    "pesan yang diteruskan",
    "pesan terusan",
    "pesan asli",
];

/// The names a forwarded message's header block gives its fields, in
/// English and Indonesian, with the field each stands for.
const FORWARD_FIELDS: &[(&str, &str)] = &[
    ("from", "from"),
    ("dari", "from"),
    ("to", "to"),
    ("kepada", "to"),
    ("subject", "subject"),
    ("subjek", "subject"),
    ("date", "date"),
    ("sent", "date"),
    ("tanggal", "date"),
    ("dikirim", "date"),
];

/// The bounce a person forwarded inline, as a notice of its own: the
/// text below the forwarded message's header block, with that block's
/// fields as its headers. The forward's own `From:` and `To:` are the
/// bounce's sender and the person it came back to, never a failed
/// recipient; the bounce's words name those.
///
/// ```text
/// ---------- Forwarded message ---------
/// From: Mail Delivery Subsystem <mailer-daemon@example.org>
/// To: <neko@example.com>
///
/// Address not found …
/// ```
fn forwarded_inline(notice: &Notice) -> Option<Notice> {
    let body = notice.body.as_str();
    let mut at = 0;
    let mut lines = body.split_inclusive('\n');
    for line in lines.by_ref() {
        at += line.len();
        if is_forward_marker(line) {
            break;
        }
    }
    if at >= body.len() {
        return None;
    }
    let mut headers = Vec::new();
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() && !headers.is_empty() {
            at += line.len();
            break;
        }
        if trimmed.is_empty() {
            at += line.len();
            continue;
        }
        if line.starts_with([' ', '\t']) && !headers.is_empty() {
            at += line.len();
            continue;
        }
        let (name, value) = trimmed.split_once(':')?;
        let field_name = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !field_name {
            return None;
        }
        let name = name.to_ascii_lowercase();
        let field = FORWARD_FIELDS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(name.as_str(), |(_, f)| f);
        headers.push((field.to_string(), value.trim().to_string()));
        at += line.len();
    }
    let has_from = headers.iter().any(|(n, _)| n == "from");
    (has_from && headers.len() >= 2).then(|| Notice {
        headers,
        body: body[at.min(body.len())..].to_string(),
        fragment: notice.fragment,
        ..Notice::default()
    })
}

/// True if and only if `line` is the line above an inline forward.
/// Outlook draws a rule of underscores there instead of words.
fn is_forward_marker(line: &str) -> bool {
    let line = line.trim();
    if line.len() >= 16 && line.bytes().all(|b| b == b'_') {
        return true;
    }
    let words = line.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let framed = line.starts_with('-') || line.ends_with(':');
    let lower = words.trim_end_matches(':').lowercase();
    framed
        && FORWARD_MARKERS
            .iter()
            .any(|m| lower == *m || lower.strip_prefix("begin ") == Some(*m))
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
            // A family's text says "delivered" for what the fields tell
            // apart: relayed on (to a system that sends no notices) or
            // expanded (to a list or an alias).
            let onward = matches!(
                status.action,
                Some(Action::Relayed | Action::Expanded)
            );
            if record.action == Some(Action::Delivered) && onward {
                record.action = status.action;
            }
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
    } else if !stand_in && status.status.is_some() {
        // The field against the code in the server's words, weighed as
        // the field's reference decoder weighs them: Sendmail's
        // `Status: 5.1.1` over its reason's `553 5.3.0 … No such user`.
        record.status = crate::settle::prefer(
            status.status,
            record.status,
            record.reply_code,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_named_twice_is_one_record() {
        let body = "This message was created automatically by mail delivery \
            software.\n\nA message that you sent could not be delivered to \
            one or more of its\nrecipients. This is a permanent error. The \
            following address(es) failed:\n\n  info@example.org\n    retry \
            timeout exceeded\n\n  info@example.org\n    host mx.example.org \
            [192.0.2.1]:\n    Connection timed out\n";
        let found = extract(&Notice::fragment(body.into()));
        assert_eq!(found.records.len(), 1, "{:?}", found.records);
        let record = &found.records[0];
        assert_eq!(record.remote_ip.as_deref(), Some("192.0.2.1"));
        let words = record.diagnostic.as_deref().unwrap_or_default();
        assert!(words.contains("Connection timed out"), "{words}");
    }

    #[test]
    fn reads_the_bounce_below_a_forwarded_header_block() {
        let body = "Please look.\n\n-------- Forwarded Message --------\n\
                    From: Mail Delivery System <MAILER-DAEMON@example.com>\n\
                    To: neko@example.com\n\nThe answer was: 550 5.1.1 \
                    <tora@example.org>: User unknown\n";
        let inner = forwarded_inline(&Notice::fragment(body.into()));
        let inner = inner.expect("a forwarded bounce");
        assert_eq!(inner.header("to"), Some("neko@example.com"));
        assert!(inner.body.starts_with("The answer was"));
        let found = extract(&Notice::fragment(body.into()));
        let address = found.records[0].address.as_deref();
        assert_eq!(address, Some("tora@example.org"));
    }

    #[test]
    fn a_marker_without_fields_forwards_nothing() {
        for body in [
            "---------- Forwarded message ---------\nSee below, please.\n",
            "Begin forwarded message:\n\nFrom me: hello\n",
            "We forwarded message 12 to you.\nFrom: a@example.com\n",
        ] {
            assert!(forwarded_inline(&Notice::fragment(body.into())).is_none());
        }
    }
}
