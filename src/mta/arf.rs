// SPDX-License-Identifier: MIT
//! Feedback reports (ARF, RFC 5965): a mailbox provider tells the sender
//! that a recipient complained (or that a message failed a check). Not a
//! bounce: each reported recipient gets the reason `feedback` and the
//! report's `Feedback-Type`.
//!
//! ```text
//! Content-Type: message/feedback-report
//!
//! Feedback-Type: abuse
//! User-Agent: ExampleFBL/1.0
//! Version: 1
//! Original-Rcpt-To: <neko@example.org>
//! Source-IP: 192.0.2.1
//! ```
//!
//! Apple Mail's one-click unsubscribe (`X-Apple-Unsubscribe: true`) is a
//! feedback report of type `opt-out` from the `From:` address.

use std::collections::HashSet;

use super::layout::{self, field};
use super::Family;
use crate::grammar::address::find_address;
use crate::grammar::host::parse_ip;
use crate::input::{clip, MAX_RECIPIENTS};
use crate::lowercase::Lowercase;
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::Record;

/// The ARF family.
pub const FAMILY: Family = Family { id: "arf", claims, extract, words: None };

/// Fields that only a feedback report has; one of them at the start of
/// a line in pasted text makes the text a feedback report. Each opens
/// with a letter of its own, which `has_report_fields` looks at first.
const REPORT_FIELDS: &[&str] = &["Feedback-Type:", "Original-Rcpt-To:"];

/// Apple Mail's own sentence in a one-click unsubscribe, for pasted text.
const APPLE_UNSUBSCRIBE: &str =
    "sent this email to unsubscribe from the message";

fn claims(notice: &Notice) -> bool {
    // What `is_apple_unsubscribe` adds to the report fields: its header,
    // or its sentence in a fragment.
    notice.feedback_report.is_some()
        || has_apple_header(notice)
        || has_report_fields(&notice.body)
        || (notice.fragment && has_apple_sentence(&notice.body))
}

fn has_apple_header(notice: &Notice) -> bool {
    notice
        .header("x-apple-unsubscribe")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// As `text.to_lowercase()` holds it: natively, an ASCII text (most)
/// is searched in place.
fn has_apple_sentence(text: &str) -> bool {
    if cfg!(not(target_arch = "wasm32")) && text.is_ascii() {
        layout::contains_ignore_case(text, APPLE_UNSUBSCRIBE)
    } else {
        text.lowercase().contains(APPLE_UNSUBSCRIBE)
    }
}

fn has_report_fields(text: &str) -> bool {
    // Both fields open with a letter of their own (`F`, `O`): a line
    // that opens with neither is passed over after one look.
    layout::lines(text).any(|l| {
        matches!(l.as_bytes().first(), Some(b'F' | b'f' | b'O' | b'o'))
            && REPORT_FIELDS.iter().any(|f| starts_with_ignore_case(l, f))
    })
}

fn starts_with_ignore_case(line: &str, prefix: &str) -> bool {
    line.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

fn is_apple_unsubscribe(notice: &Notice) -> bool {
    has_apple_header(notice)
        || (notice.fragment
            && !has_report_fields(&notice.body)
            && has_apple_sentence(&notice.body))
}

/// A record for each reported recipient; the returned message's `To:`
/// when the report names none.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let report = notice.feedback_report.as_deref().unwrap_or(&notice.body);
    let fields = fields(report);
    let value = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let mut addresses: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for (name, v) in &fields {
        let named = ["original-rcpt-to", "removal-recipient"]
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n));
        if let Some(a) = find_address(v).filter(|_| named) {
            if seen.insert(a.to_ascii_lowercase()) {
                addresses.push(a.to_string());
            }
        }
    }
    let apple =
        is_apple_unsubscribe(notice) && notice.feedback_report.is_none();
    if addresses.is_empty() {
        // A fragment shows the returned message's header block inline,
        // after the report's fields.
        let headers = notice.original.as_deref().unwrap_or(&notice.body);
        let fallback = if apple {
            find_address(notice.from())
        } else {
            field(headers, "to").and_then(find_address)
        };
        addresses.extend(fallback.map(str::to_string));
    }
    let kind = if apple { Some("opt-out") } else { value("feedback-type") };
    let template = Record {
        reason: Some((Reason::Feedback, "arf.report")),
        feedback_type: kind.map(|k| k.trim().to_ascii_lowercase()),
        remote_ip: value("source-ip").and_then(parse_ip),
        diagnostic: preface(&notice.body).map(|p| clip(&p).into_owned()),
        ..Record::default()
    };
    if addresses.is_empty() {
        return vec![template];
    }
    addresses
        .into_iter()
        .take(MAX_RECIPIENTS + 1)
        .map(|a| Record { address: Some(a), ..template.clone() })
        .collect()
}

/// The report's `Name: value` fields, folded lines joined.
fn fields(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in layout::lines(text) {
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = out.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        let Some((name, value)) = line.split_once(':') else { continue };
        let ok = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if ok {
            out.push((name.to_string(), value.trim().to_string()));
        }
    }
    out
}

/// The report's own first line of prose, for the record's words.
fn preface(body: &str) -> Option<String> {
    let is_field = |l: &str| !fields(l).is_empty();
    let line = layout::lines(body)
        .map(str::trim)
        .find(|l| !l.is_empty() && !is_field(l))?;
    Some(line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_reported_recipient() {
        let notice = Notice::fragment(
            "This is an email abuse report.\n\nFeedback-Type: abuse\n\
             Original-Rcpt-To: <neko@example.org>\n\
             Original-Rcpt-To: tora@example.org\nSource-IP: 192.0.2.1\n"
                .into(),
        );
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].address.as_deref(), Some("tora@example.org"));
        assert_eq!(records[0].feedback_type.as_deref(), Some("abuse"));
        assert_eq!(records[0].remote_ip.as_deref(), Some("192.0.2.1"));
    }
}
