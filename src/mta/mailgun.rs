// SPDX-License-Identifier: MIT
//! Mailgun's events, as a user copies them from its dashboard's logs, its
//! events API or a webhook: JSON, one event per recipient and attempt.
//!
//! ```text
//! {"event": "failed", "severity": "permanent", "reason": "bounce",
//!  "recipient": "neko@example.org",
//!  "delivery-status": {"code": 550, "enhanced-code": "5.1.1",
//!   "message": "5.1.1 The email account does not exist",
//!   "description": "", "mx-host": "mx.example.org", "attempt-no": 1},
//!  "envelope": {"sender": "shop@example.net"}, …}
//! ```
//!
//! An event may stand alone, inside a webhook's `"event-data"`, in the
//! events API's `"items"` list, in an array, or pasted one after
//! another. `"failed"` with severity `"temporary"` is a delay; a
//! `"reason"` of `"suppress-bounce"` (and its `-unsubscribe` and
//! `-complaint` kin) is Mailgun refusing to send to an address on its
//! suppression list, without asking any server; `"delivered"` and
//! `"complained"` are read too. Other events (accepted, opened, clicked)
//! say nothing about a delivery failure and are left out.

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::grammar::host::parse_host;
use crate::grammar::json::{first_value_len, Value};
use crate::grammar::status::Status;
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::{Action, Record};

/// The Mailgun family.
pub const FAMILY: Family =
    Family { id: "mailgun", claims, extract, words: Some(claim_words) };

/// The key of the server's reply in every delivery event.
const STATUS_KEY: &str = "\"delivery-status\"";

/// Events read at the most from one notice: past the report's own
/// limit of recipients, reading on would only cost time.
const MAX_EVENTS: usize = 2_000;

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![STATUS_KEY]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    layout::has(body, STATUS_KEY)
        && layout::has(body, "\"event\"")
        && layout::has(body, "\"recipient\"")
}

/// A record for each delivery event of the JSON values in the text.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let values = values(&notice.body);
    let mut events = Vec::new();
    for value in &values {
        collect_events(value, &mut events, 0);
    }
    events.iter().filter_map(|e| event(e)).collect()
}

/// The JSON values of the text: each object or array that opens a line
/// (after white space) and is whole, one after another.
fn values(body: &str) -> Vec<Value> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < body.len() {
        let line_end = body[at..].find('\n').map_or(body.len(), |n| at + n);
        let line = &body[at..line_end];
        let indent = line.len() - line.trim_start().len();
        let opens = line.trim_start().starts_with(['{', '[']);
        match opens.then(|| first_value_len(&body[at + indent..])).flatten() {
            Some((value, len)) if found.len() < MAX_EVENTS => {
                found.push(value);
                at += indent + len;
            }
            _ => at = line_end + 1,
        }
    }
    found
}

/// Gathers the events of `value`: itself, a webhook's `"event-data"`,
/// the events API's `"items"`, or the items of an array.
fn collect_events<'a>(
    value: &'a Value,
    events: &mut Vec<&'a Value>,
    depth: u8,
) {
    if depth > 3 || events.len() >= MAX_EVENTS {
        return;
    }
    if let Some(items) = value.as_array() {
        for item in items {
            collect_events(item, events, depth + 1);
        }
        return;
    }
    if value.get("event").and_then(Value::as_str).is_some() {
        events.push(value);
        return;
    }
    for key in ["event-data", "items"] {
        if let Some(inner) = value.get(key) {
            collect_events(inner, events, depth + 1);
        }
    }
}

fn text_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).map(str::trim)
}

/// The record of one event, if it is about a delivery.
fn event(e: &Value) -> Option<Record> {
    let kind = text_of(e, "event")?;
    let addr = text_of(e, "recipient").and_then(find_address)?;
    let none = Value::Object(Vec::new());
    let status = e.get("delivery-status").unwrap_or(&none);
    let action = match (kind, text_of(e, "severity")) {
        ("failed", Some("temporary")) => Action::Delayed,
        ("failed", _) => Action::Failed,
        ("delivered", _) => Action::Delivered,
        ("complained", _) => return Some(complaint(addr)),
        _ => return None,
    };
    let mut record = layout::record(addr, &words(status));
    record.action = Some(action);
    let code = status.get("code").and_then(Value::as_u16);
    // Mailgun's own codes (605: not sent to a suppressed address) are
    // no server's reply.
    if let Some(code) = code.filter(|c| (200..600).contains(c)) {
        record.reply_code = Some(code);
    }
    let enhanced = text_of(status, "enhanced-code").and_then(Status::parse);
    record.status = enhanced.or(record.status);
    record.remote_host = text_of(status, "mx-host")
        .and_then(|h| parse_host(h).name)
        .or(record.remote_host);
    let envelope = e.get("envelope").unwrap_or(&none);
    let sender = text_of(envelope, "sender").and_then(find_address);
    record.sender = sender.map(str::to_string);
    let reason = text_of(e, "reason").unwrap_or("");
    if reason.starts_with("suppress-") {
        record.reason = Some((Reason::Suppressed, "mailgun.suppressed"));
        record.remote_host = None;
    }
    Some(record)
}

/// The server's words of a delivery status: its `message`, with
/// Mailgun's `description` when the message is empty or says less.
///
/// ```text
/// "message": "", "description": "Not delivering to previously bounced address"
/// ```
fn words(status: &Value) -> String {
    let message = text_of(status, "message").unwrap_or("");
    let description = text_of(status, "description").unwrap_or("");
    let code = status.get("code").and_then(Value::as_u16);
    let reply = |text: &str| match code.filter(|c| (200..600).contains(c)) {
        Some(c) if !text.starts_with(&c.to_string()) => format!("{c} {text}"),
        _ => text.to_string(),
    };
    match (message.is_empty(), description.is_empty()) {
        (false, true) => reply(message),
        (true, false) => reply(description),
        (false, false) if description.contains(message) => reply(description),
        (false, false) => format!("{} ({description})", reply(message)),
        (true, true) => String::new(),
    }
}

/// A complaint: feedback, not a failure.
fn complaint(addr: &str) -> Record {
    Record {
        address: Some(addr.to_string()),
        reason: Some((Reason::Feedback, "mailgun.complaint")),
        feedback_type: Some("abuse".to_string()),
        ..Record::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(body: &str) -> Vec<Record> {
        let mut events = Vec::new();
        let values = values(body);
        for value in &values {
            collect_events(value, &mut events, 0);
        }
        events.iter().filter_map(|e| event(e)).collect()
    }

    #[test]
    fn reads_a_failed_event_with_its_reply() {
        let body = r#"{"event": "failed", "severity": "permanent",
 "recipient": "neko@example.org",
 "delivery-status": {"code": 550, "enhanced-code": "5.1.1",
  "message": "No such user", "description": "",
  "mx-host": "mx1.example.org"}}"#;
        let r = &records(body)[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status, Some(Status::new(5, 1, 1)));
        assert_eq!(r.action, Some(Action::Failed));
        assert_eq!(r.remote_host.as_deref(), Some("mx1.example.org"));
        assert_eq!(r.diagnostic.as_deref(), Some("550 No such user"));
    }

    #[test]
    fn reads_events_one_after_another_and_in_lists() {
        let body = "{\"event\": \"failed\", \"severity\": \"temporary\", \
                    \"recipient\": \"a@example.org\", \"delivery-status\": \
                    {\"code\": 421}}\n{\"items\": [{\"event\": \"failed\", \
                    \"recipient\": \"b@example.org\", \"delivery-status\": \
                    {\"code\": 605}}, {\"event\": \"opened\", \
                    \"recipient\": \"c@example.org\"}]}";
        let got = records(body);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].action, Some(Action::Delayed));
        assert_eq!(got[1].reply_code, None);
    }
}
