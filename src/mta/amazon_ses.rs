// SPDX-License-Identifier: MIT
//! Amazon SES: its delivery status notifications, and the notifications
//! it sends as JSON (by SNS, by mail), for bounces, complaints and
//! deliveries.
//!
//! ```text
//! {"notificationType":"Bounce","bounce":{"bounceType":"Permanent",
//!  "bouncedRecipients":[{"emailAddress":"neko@example.org",
//!  "action":"failed","status":"5.1.1",
//!  "diagnosticCode":"smtp; 550 5.1.1 user unknown"}],
//!  "reportingMTA":"dsn; a1-2.smtp-out.example.com"}, "mail":{…}}
//! ```
//!
//! SES wraps the remote server's reply in words of its own; the inner
//! reply is the one that counts:
//!
//! ```text
//! 5.1.0 - Unknown address error 550-'5.7.1 <neko@example.org>... Access denied'
//! 554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>
//! ```

use super::{layout, rfc3464, Family};
use crate::grammar::address::find_address;
use crate::grammar::json::{first_value, Value};
use crate::grammar::reply::{parse_reply, Reply};
use crate::grammar::status::Status;
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::{Action, Record};

/// The Amazon SES family.
pub const FAMILY: Family =
    Family { id: "amazon-ses", claims, extract, words: Some(claim_words) };

/// The key every SES notification starts with.
const NOTIFICATION: &str = "notificationType";

/// The sentence of SES's own notices before the failed addresses.
const LEAD: &str = "An error occurred while trying to deliver the mail to the";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![NOTIFICATION, LEAD, "The following message to <", "amazonses.com"]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    layout::has(body, NOTIFICATION)
        || layout::has(body, LEAD)
        || (layout::has(body, "The following message to <")
            && layout::has(body, "was undeliverable"))
        || layout::from_has(notice, &["amazonses.com"])
}

/// The records of a JSON notification, or of the delivery status.
pub fn extract(notice: &Notice) -> Vec<Record> {
    if let Some(records) = json_records(&notice.body) {
        return records;
    }
    let records = dsn_records(notice);
    if records.is_empty() {
        return pasted(&notice.body).into_iter().collect();
    }
    records
}

/// The record of SES's notice pasted without its delivery-status part:
/// the address of its first sentence, and the line below `The reason
/// for the problem:`.
///
/// ```text
/// The following message to <neko@example.org> was undeliverable.
/// The reason for the problem:
/// 5.3.0 - Other mail system problem 554-'5.7.0 Blocked - see …'
/// ```
fn pasted(body: &str) -> Option<Record> {
    let at = body.find("The following message to <")?;
    let addr = find_address(layout::line_at(body, at))?;
    let label = "The reason for the problem:";
    let after = &body[body.find(label)? + label.len()..];
    let reason = layout::lines(after).find(|l| !l.trim().is_empty())?;
    let mut record = layout::record(addr, reason.trim());
    unwrap_reply(&mut record);
    Some(record)
}

/// The delivery-status records with SES's wrapped replies unwrapped.
pub fn dsn_records(notice: &Notice) -> Vec<Record> {
    let mut records = rfc3464::records(notice);
    for record in &mut records {
        unwrap_reply(record);
    }
    records
}

/// Sets the reply code and status from the reply SES quotes inside its
/// own words, if there is one.
pub fn unwrap_reply(record: &mut Record) {
    let Some(inner) = record.diagnostic.as_deref().and_then(inner_reply) else {
        return;
    };
    record.reply_code = Some(inner.code);
    let diag = record.diagnostic.as_deref().unwrap_or("");
    // 5.3.0 - Other mail system problem 550-'Unknown user neko@example.org'
    let leading = diag.split(" - ").next().and_then(Status::parse);
    if let Some(status) = inner.status.or(leading) {
        record.status = Some(status);
    }
}

/// `550-'5.7.1 …'` or `.<421 4.4.2 …>`: the remote reply SES quotes.
fn inner_reply(diag: &str) -> Option<Reply> {
    if let Some(at) = diag.find("-'") {
        let code = diag.get(at.checked_sub(3)?..at)?;
        let inner = diag[at + 2..].split('\'').next()?;
        return parse_reply(&format!("{code} {inner}"));
    }
    let open = diag.rfind(".<")?;
    let inner = diag[open + 2..].split('>').next()?;
    parse_reply(inner).filter(|r| r.status.is_some())
}

/// The records of an SES notification in the text, `None` when the text
/// holds none. The JSON may stand alone or as the `Message` string of an
/// SNS envelope, and mail may have wrapped its long lines.
fn json_records(body: &str) -> Option<Vec<Record>> {
    let at = body.find(NOTIFICATION)?;
    let start = body[..at].rfind('{')?;
    let mut text = body[start..].replace("!\n ", "");
    if text.starts_with("{\\\"") {
        text = text.replace("\\\"", "\"").replace("\\\\", "\\");
    }
    let kind = string_after(&text, NOTIFICATION)?;
    let records = match kind.as_str() {
        "Bounce" => bounce(&object_after(&text, "\"bounce\"")?),
        "Complaint" => complaint(&object_after(&text, "\"complaint\"")?),
        "Delivery" => delivery(&object_after(&text, "\"delivery\"")?),
        _ => return None,
    };
    Some(records)
}

/// The string value after `"key":`.
fn string_after(text: &str, key: &str) -> Option<String> {
    let at = text.find(&format!("\"{key}\""))?;
    let rest = text[at + key.len() + 2..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    first_value(rest)?.as_str().map(str::to_string)
}

/// The JSON object after `"key":`, read alone so that damage later in
/// the text does not matter.
fn object_after(text: &str, key: &str) -> Option<Value> {
    let at = text.find(key)?;
    let rest = text[at + key.len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    first_value(rest).filter(Value::is_object)
}

fn text_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// `bouncedRecipients`, each with its status and diagnostic code.
fn bounce(bounce: &Value) -> Vec<Record> {
    let mta = text_of(bounce, "reportingMTA")
        .map(|m| m.trim_start_matches("dsn;").trim());
    let list = bounce.get("bouncedRecipients").and_then(Value::as_array);
    list.into_iter()
        .flatten()
        .filter_map(|r| {
            let addr = text_of(r, "emailAddress").and_then(find_address)?;
            let diag = text_of(r, "diagnosticCode").unwrap_or("");
            let diag = diag.trim_start_matches("smtp;").trim();
            let mut record = layout::record(addr, diag);
            record.action =
                text_of(r, "action").and_then(Action::parse).or(record.action);
            let status = text_of(r, "status").and_then(Status::parse);
            record.status = status.or(record.status);
            let _ = mta;
            Some(record)
        })
        .collect()
}

/// `complainedRecipients`: feedback, with the complaint's type.
fn complaint(complaint: &Value) -> Vec<Record> {
    let kind = text_of(complaint, "complaintFeedbackType");
    let list = complaint.get("complainedRecipients").and_then(Value::as_array);
    list.into_iter()
        .flatten()
        .filter_map(|r| {
            let addr = text_of(r, "emailAddress").and_then(find_address)?;
            Some(Record {
                address: Some(addr.to_string()),
                reason: Some((Reason::Feedback, "amazon-ses.complaint")),
                feedback_type: kind.map(str::to_string),
                ..Record::default()
            })
        })
        .collect()
}

/// `recipients` of a delivery, with the receiving server's reply.
fn delivery(delivery: &Value) -> Vec<Record> {
    let reply = text_of(delivery, "smtpResponse").unwrap_or("");
    let host = text_of(delivery, "remoteMtaIp");
    let list = delivery.get("recipients").and_then(Value::as_array);
    list.into_iter()
        .flatten()
        .filter_map(|r| {
            let addr = r.as_str().and_then(find_address)?;
            let mut record = layout::record(addr, reply);
            record.action = Some(Action::Delivered);
            record.remote_ip = host.and_then(crate::grammar::host::parse_ip);
            Some(record)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_bounce_notification() {
        let body = r#"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"neko@example.org","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}]},"mail":{"headers":[{"name":"!
 To","value":"neko@example.org"}]}}"#;
        let records = json_records(body).unwrap();
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
        assert_eq!(records[0].reply_code, Some(550));
        assert_eq!(records[0].action, Some(Action::Failed));
    }

    #[test]
    fn reads_an_escaped_notification() {
        let body = r#"{ "Type" : "Notification", "Message" : "{\"notificationType\":\"Delivery\",\"delivery\":{\"recipients\":[\"neko@example.org\"],\"smtpResponse\":\"250 2.6.0 Message received\"}}" }"#;
        let records = json_records(body).unwrap();
        assert_eq!(records[0].reply_code, Some(250));
        assert_eq!(records[0].action, Some(Action::Delivered));
    }

    #[test]
    fn unwraps_inner_replies() {
        let a = inner_reply(
            "5.1.0 - Unknown address error 550-'5.7.1 <a@example.org>... \
             Access denied'",
        )
        .unwrap();
        assert_eq!((a.code, a.status), (550, Some(Status::new(5, 7, 1))));
        let b = inner_reply(
            "554 4.4.7 Message expired: unable to deliver in 840 \
             minutes.<421 4.4.2 Connection timed out>",
        )
        .unwrap();
        assert_eq!((b.code, b.status), (421, Some(Status::new(4, 4, 2))));
    }
}
