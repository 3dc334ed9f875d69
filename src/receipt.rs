// SPDX-License-Identifier: MIT
//! A read receipt: a message disposition notification (RFC 8098), which
//! the recipient's email app sends back when the recipient opens (or
//! deletes) a message whose sender asked for a receipt. It is not a
//! bounce: the email was delivered, and nothing failed.
//!
//! ```text
//! Content-Type: multipart/report; report-type=disposition-notification;
//!
//! Reporting-UA: mx.example.org; Mozilla Thunderbird
//! Final-Recipient: rfc822;sari@example.org
//! Original-Message-ID: <c0ffee.42@example.co.id>
//! Disposition: manual-action/MDN-sent-manually; displayed
//! ```

use crate::notice::Notice;

/// The report type of a disposition notification (RFC 8098 §3).
const REPORT_TYPE: &str = "disposition-notification";

/// The action modes of a `Disposition:` field (RFC 8098 §3.2.6.1).
const ACTION_MODES: &[&str] = &["manual-action", "automatic-action"];

/// The sending modes of a `Disposition:` field (RFC 8098 §3.2.6.2).
const SENDING_MODES: &[&str] = &["mdn-sent-manually", "mdn-sent-automatically"];

/// The disposition types (RFC 8098 §3.2.6.3; "denied" and "failed" are
/// RFC 3798's, which older apps still send).
const TYPES: &[&str] =
    &["displayed", "deleted", "dispatched", "processed", "denied", "failed"];

/// True if and only if `notice` is a read receipt: a whole message of
/// type `multipart/report; report-type=disposition-notification`, or a
/// text that holds a `Disposition:` field of RFC 8098's form.
pub fn is_read_receipt(notice: &Notice) -> bool {
    let typed = notice.header_all("content-type").any(|v| {
        let v = v.to_ascii_lowercase();
        v.contains("multipart/report") && v.contains(REPORT_TYPE)
    });
    typed || has_disposition_field(&notice.body)
}

/// True if and only if a line of `text` is a `Disposition:` field with
/// an action mode, a sending mode and a disposition type:
/// `Disposition: manual-action/MDN-sent-manually; displayed`.
pub fn has_disposition_field(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        let Some(name) = line.get(..12) else { return false };
        if !name.eq_ignore_ascii_case("disposition:") {
            return false;
        }
        is_disposition(&line[12..])
    })
}

/// True if and only if `value` is a `Disposition:` field's value:
/// `action-mode "/" sending-mode ";" disposition-type`, with any
/// modifiers after the type (`processed/error`).
fn is_disposition(value: &str) -> bool {
    let value = value.to_ascii_lowercase();
    let Some((modes, kind)) = value.split_once(';') else { return false };
    let Some((action, sending)) = modes.split_once('/') else {
        return false;
    };
    let kind = kind.trim();
    let kind = kind.split(['/', ' ', '\t']).next().unwrap_or(kind);
    ACTION_MODES.contains(&action.trim())
        && SENDING_MODES.contains(&sending.trim())
        && TYPES.contains(&kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disposition_field_is_read() {
        let text = "Reporting-UA: mx.example.org; Dovecot\n\
            Final-Recipient: rfc822; sari@example.org\n\
            Disposition: automatic-action/MDN-sent-automatically; deleted\n";
        assert!(has_disposition_field(text));
        assert!(has_disposition_field(
            "disposition: Manual-Action/MDN-Sent-Manually; displayed"
        ));
        assert!(has_disposition_field(
            "Disposition: automatic-action/MDN-sent-automatically; \
             processed/error"
        ));
    }

    #[test]
    fn other_dispositions_are_no_receipt() {
        assert!(!has_disposition_field(
            "Content-Disposition: attachment; filename=\"a.txt\""
        ));
        assert!(!has_disposition_field("Disposition: inline"));
        assert!(!has_disposition_field("Disposition: a/b; displayed"));
        assert!(!has_disposition_field("Disposition:"));
        assert!(!has_disposition_field("Dispositio"));
        assert!(!has_disposition_field("Disposition\u{e9}: x"));
    }

    #[test]
    fn a_report_of_that_type_is_a_receipt() {
        let notice = Notice {
            headers: vec![(
                "content-type".to_string(),
                "multipart/report; report-type=disposition-notification; \
                 boundary=b"
                    .to_string(),
            )],
            ..Notice::default()
        };
        assert!(is_read_receipt(&notice));
        let dsn = Notice {
            headers: vec![(
                "content-type".to_string(),
                "multipart/report; report-type=delivery-status".to_string(),
            )],
            ..Notice::default()
        };
        assert!(!is_read_receipt(&dsn));
    }
}
