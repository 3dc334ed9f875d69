// SPDX-License-Identifier: MIT
//! RFC 3464 delivery status notifications, read from their
//! `message/delivery-status` part (or its fields shown inline).

use super::{layout, Family};
use crate::grammar::address::{self, clean};
use crate::grammar::dsn::{self, get, typed, Group};
use crate::grammar::host::parse_host;
use crate::grammar::postfix::one_line;
use crate::grammar::status::Status;
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::{Action, Record};

/// The RFC 3464 family.
pub const FAMILY: Family =
    Family { id: "rfc3464", claims, extract, words: None };

fn claims(notice: &Notice) -> bool {
    notice.delivery_status.is_some()
        || layout::has(&notice.body, "Final-Recipient:")
        || layout::has(&notice.body, "Original-Recipient:")
}

/// Records from every per-recipient group, as the family reads them:
/// when the notice names one recipient, its prose is that recipient's
/// context.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let mut records = records(notice);
    if let [record] = records.as_mut_slice() {
        let prose = prose(&notice.body);
        let status = record.context.take();
        let words: Vec<&str> =
            [prose.as_str(), status.as_deref().unwrap_or("")]
                .into_iter()
                .filter(|w| !w.is_empty())
                .collect();
        record.context = Some(words.join(" ")).filter(|w| !w.is_empty());
    }
    records
}

/// Records from every per-recipient group, for other families to fill
/// what their text lacks.
pub fn records(notice: &Notice) -> Vec<Record> {
    notice.status_fields().recipients.iter().map(record).collect()
}

/// Lines of a notice's own prose that are boilerplate of the MIME
/// structure, not words about the failure.
const NOT_PROSE: &[&str] = &[
    "Content-",
    "This is a MIME",
    "This is a multi",
    "This is an auto",
    "This multi-part",
    "###",
    "***",
    "--",
];

/// The notice's human-readable text on one line, up to the
/// delivery-status fields (webmail shows them, and then the returned
/// message, inline), without MIME boilerplate.
fn prose(body: &str) -> String {
    let lines = body
        .lines()
        .map(str::trim)
        .take_while(|l| !dsn::is_field_line(l))
        .filter(|l| {
            !l.is_empty() && !NOT_PROSE.iter().any(|p| l.starts_with(p))
        });
    one_line(&lines.collect::<Vec<_>>().join(" "))
}

/// The reporting MTA named by the per-message fields, if any.
pub fn reporting_mta(notice: &Notice) -> Option<String> {
    let value = notice.status_fields().message_field("reporting-mta")?;
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
    let code = get(group, "diagnostic-code").map(typed);
    let diagnostic = code.as_ref().map(|(_, d)| one_line(d));
    let diagnostic_type = code.and_then(|(kind, _)| kind);
    let status_field = get(group, "status");
    let remote = get(group, "remote-mta").map(|v| parse_host(typed(v).1));
    let mut record = Record {
        address: recipient_address(addr),
        masked,
        action: get(group, "action").and_then(Action::parse),
        status: status_field.and_then(status_value),
        remote_host: remote.as_ref().and_then(|h| h.name.clone()),
        remote_ip: remote.and_then(|h| h.ip),
        diagnostic: diagnostic.filter(|d| !d.is_empty()),
        diagnostic_type,
        context: status_field.and_then(status_comment),
        reason: get(group, "x-powermta-bouncecategory")
            .and_then(category)
            .or_else(|| program(group)),
        ..Record::default()
    };
    record.fill_codes_from_diagnostic();
    record
}

/// The words after the code of a `Status:` field:
/// `Status: 5.0.0 (permanent failure)`.
fn status_comment(value: &str) -> Option<String> {
    let (_, rest) = value.trim().split_once(char::is_whitespace)?;
    let rest = rest.trim().trim_start_matches('(').trim_end_matches(')');
    (!rest.is_empty()).then(|| rest.to_string())
}

/// A recipient that is a program (a pipe), whose failure the local
/// mailer reports by its exit status:
///
/// ```text
/// X-Actual-Recipient: X-Unix; |/usr/local/bin/example-filter
/// Diagnostic-Code: X-Unix; 75
/// ```
fn program(group: &Group) -> Option<(Reason, &'static str)> {
    let (kind, value) = typed(get(group, "x-actual-recipient")?);
    let pipe = kind.as_deref() == Some("x-unix") && value.starts_with('|');
    let local = get(group, "diagnostic-code")
        .is_some_and(|d| typed(d).0.as_deref() == Some("x-unix"));
    (pipe && local).then_some((Reason::MailerError, "rfc3464.pipe"))
}

/// PowerMTA's bounce category (`X-PowerMTA-BounceCategory: bad-mailbox`)
/// as a reason hint.
/// <https://www.postmastery.com/powermta-bounce-categories/>
fn category(value: &str) -> Option<(Reason, &'static str)> {
    let reason = match value.trim().to_ascii_lowercase().as_str() {
        "bad-domain" => Reason::HostUnknown,
        "bad-mailbox" => Reason::UserUnknown,
        "inactive-mailbox" => Reason::Suspend,
        "message-expired" => Reason::Expired,
        "no-answer-from-host" => Reason::NetworkError,
        "policy-related" => Reason::PolicyViolation,
        "quota-issues" => Reason::MailboxFull,
        "routing-errors" => Reason::SystemError,
        "spam-related" => Reason::SpamDetected,
        _ => return None,
    };
    Some((reason, "powermta.bounce-category"))
}

/// The address of a recipient field: an ASCII address found in it, or
/// the whole value when it is one token with an `@` (an internationalized
/// address of RFC 6533, `utf-8; 猫@example.com`).
fn recipient_address(value: &str) -> Option<String> {
    // `rfc822; neko@example..org` is the address as given, not a cut one.
    if let Some(as_given) = address::malformed(value.trim()) {
        return Some(as_given.to_string());
    }
    if let Some(found) = address::find_address(value) {
        // A field glued on by a broken quoted-printable soft break
        // (`broken@example.com=` then `Action: failed`) makes the
        // address `broken@example.comAction`: where it ends is unknown.
        let after = value.find(found).map(|at| &value[at + found.len()..]);
        if after.is_some_and(|rest| rest.starts_with(':')) {
            return None;
        }
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
