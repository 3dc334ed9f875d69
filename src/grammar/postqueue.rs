// SPDX-License-Identifier: MIT
//! Postfix `postqueue -j` listings: the queue as JSON, one object a line
//! for each entry, each recipient with the reason it waits, if any.
//!
//! ```text
//! {"queue_name": "deferred", "queue_id": "4F7B2280A2", "arrival_time": 1764816310,
//!  "message_size": 2871, "forced_expire": false, "sender": "s@example.net",
//!  "recipients": [{"address": "a@example.org",
//!                  "delay_reason": "host mx.example.org[192.0.2.1] said: 450 …"}]}
//! ```
//!
//! (Postfix writes each object on one line; the example is wrapped.) The
//! entries read into the same [`Entry`] as a `mailq` listing's. Each line
//! is read on its own ([`super::json`]), so the work stays linear in the
//! text; a line that is not an entry, or does not parse, is skipped.

use super::address::{find_address, is_masked};
use super::json::{first_value, Value};
use super::mailq::{Deferral, Entry, Queue};
use crate::input::lines;

/// True if and only if a line of `text` (among its first 200) is a
/// `postqueue -j` entry: an object with a queue id and recipients.
///
/// ```
/// use pantul::grammar::postqueue::is_listing;
/// assert!(is_listing(r#"{"queue_name": "deferred", "queue_id": "A1B2C3", "recipients": []}"#));
/// assert!(!is_listing(r#"{"queue_id": "A1B2C3"}"#));
/// assert!(!is_listing("A1B2C3D4E5 912 Mon Mar  3 10:00:01 s@example.com"));
/// ```
pub fn is_listing(text: &str) -> bool {
    lines(text).take(200).any(|line| entry(line).is_some())
}

/// Reads every `postqueue -j` entry in `text`; other lines are skipped.
pub fn entries(text: &str) -> Vec<Entry> {
    lines(text).filter_map(entry).collect()
}

/// The entry a line holds, if it is one: an object with a `queue_id`
/// and a `recipients` array.
pub fn entry(line: &str) -> Option<Entry> {
    let line = line.trim();
    if !line.starts_with('{') || !line.contains("\"queue_id\"") {
        return None;
    }
    let value = first_value(line)?;
    let queue_id = value.get("queue_id")?.as_str()?.to_string();
    let recipients = value.get("recipients")?.as_array()?;
    let queue = match value.get("queue_name").and_then(Value::as_str) {
        Some("active") => Queue::Active,
        Some("hold") => Queue::Held,
        _ => Queue::Deferred,
    };
    let sender = value
        .get("sender")
        .and_then(Value::as_str)
        .and_then(find_address)
        .map(str::to_string);
    let mut deferred: Vec<Deferral> = Vec::new();
    for recipient in recipients {
        let Some(address) = recipient.get("address").and_then(Value::as_str)
        else {
            continue;
        };
        let address = if is_masked(address) {
            None
        } else {
            match find_address(address) {
                Some(a) if a == address.trim_matches(['<', '>', ' ']) => {
                    Some(a.to_string())
                }
                _ => continue,
            }
        };
        let reason = recipient
            .get("delay_reason")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string);
        // Recipients that wait for the same reason share it, as under
        // one reason of a `mailq` listing.
        match deferred.last_mut() {
            Some(last) if last.reason == reason => {
                last.recipients.push(address);
            }
            _ => deferred.push(Deferral { reason, recipients: vec![address] }),
        }
    }
    Some(Entry {
        queue_id,
        queue,
        size: 0,
        arrival: String::new(),
        sender,
        deferred,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"queue_name": "deferred", "queue_id": "4F7B2280A2", "arrival_time": 1764816310, "message_size": 2871, "forced_expire": false, "sender": "s@example.net", "recipients": [{"address": "a@example.org", "delay_reason": "host mx.example.org[192.0.2.1] said: 450 4.2.0 Greylisted \"try later\" (in reply to RCPT TO command)"}, {"address": "b@example.org", "delay_reason": "host mx.example.org[192.0.2.1] said: 450 4.2.0 Greylisted \"try later\" (in reply to RCPT TO command)"}, {"address": "c@example.com"}]}"#;

    #[test]
    fn reads_an_entry_and_groups_recipients_by_reason() {
        let got = entries(&format!("{LINE}\n{LINE}\n"));
        assert_eq!(got.len(), 2);
        let e = &got[0];
        assert_eq!(e.queue_id, "4F7B2280A2");
        assert_eq!(e.queue, Queue::Deferred);
        assert_eq!(e.sender.as_deref(), Some("s@example.net"));
        assert_eq!(e.deferred.len(), 2);
        assert_eq!(
            e.deferred[0].recipients,
            [Some("a@example.org".to_string()), Some("b@example.org".into())]
        );
        assert!(e.deferred[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("450 4.2.0 Greylisted \"try later\""));
        assert_eq!(e.deferred[1].reason, None);
    }

    #[test]
    fn escapes_are_decoded() {
        let line = r#"{"queue_id": "A1B2C3", "recipients": [{"address": "a\u0040example.org", "delay_reason": "450 caf\u00e9 \ud83d\ude00 \"x\""}]}"#;
        let got = entries(line);
        assert_eq!(
            got[0].deferred[0].recipients,
            [Some("a@example.org".into())]
        );
        assert_eq!(
            got[0].deferred[0].reason.as_deref(),
            Some("450 caf\u{e9} \u{1F600} \"x\"")
        );
    }

    #[test]
    fn broken_or_deep_json_is_skipped_without_a_panic() {
        for line in [
            r#"{"queue_id": "A1B2C3", "recipients": [{"address": "a@example.org""#,
            r#"{"queue_id": "A1B2C3", "recipients": [[[[[[[[[[[[]]]]]]]]]]]]}"#,
            r#"{"queue_id": "A1B2C3", "recipients": "x"}"#,
            r#"{"queue_id": "A1B2C3", "recipients": [{"address": "\u"}]}"#,
            "{\"queue_id\": \"é\", \"recipients\": [1, -2.5e3, true, null]}",
            "{\"queue_id\"",
        ] {
            let got = entries(line);
            assert!(got.iter().all(|e| e.deferred.is_empty()), "{line}");
        }
        // serde_json's nesting limit refuses this without deep recursion.
        let deep = format!(
            "{{\"queue_id\": \"A1B2C3\", \"recipients\": {}",
            "[".repeat(100_000)
        );
        assert!(entries(&deep).is_empty());
    }
}
