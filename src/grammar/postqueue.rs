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
//! entries read into the same [`Entry`] as a `mailq` listing's. Only the
//! JSON a listing holds is read: strings, numbers, `true`, `false`,
//! `null`, arrays and objects nested a few levels; an object that does
//! not parse, or a line that is not one, is skipped. Each line is read on
//! its own, so the work stays linear in the text.

use super::address::{find_address, is_masked};
use super::mailq::{Deferral, Entry, Queue};

/// How deep arrays and objects may nest: a listing nests three deep
/// (entry, recipients, recipient).
const MAX_DEPTH: usize = 8;

/// A JSON value as far as a listing needs it: scalars other than strings
/// are only skipped.
#[derive(Debug, PartialEq)]
enum Value {
    Text(String),
    List(Vec<Value>),
    Object(Vec<(String, Value)>),
    Other,
}

impl Value {
    fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => {
                fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
            }
            _ => None,
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

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
    text.lines().take(200).any(|line| entry(line).is_some())
}

/// Reads every `postqueue -j` entry in `text`; other lines are skipped.
pub fn entries(text: &str) -> Vec<Entry> {
    text.lines().filter_map(entry).collect()
}

/// The entry a line holds, if it is one: an object with a `queue_id`
/// and a `recipients` array.
fn entry(line: &str) -> Option<Entry> {
    let line = line.trim();
    if !line.starts_with('{') || !line.contains("\"queue_id\"") {
        return None;
    }
    let mut reader = Reader { text: line, at: 0 };
    let value = reader.value(0)?;
    let queue_id = value.field("queue_id")?.text()?.to_string();
    let Some(Value::List(recipients)) = value.field("recipients") else {
        return None;
    };
    let queue = match value.field("queue_name").and_then(Value::text) {
        Some("active") => Queue::Active,
        Some("hold") => Queue::Held,
        _ => Queue::Deferred,
    };
    let sender = value
        .field("sender")
        .and_then(Value::text)
        .and_then(find_address)
        .map(str::to_string);
    let mut deferred: Vec<Deferral> = Vec::new();
    for recipient in recipients {
        let Some(address) = recipient.field("address").and_then(Value::text)
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
            .field("delay_reason")
            .and_then(Value::text)
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

/// A reader of one JSON value.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        &self.text[self.at..]
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    /// Consumes `c` (after any space) if it comes next.
    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.rest().starts_with(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        self.skip_space();
        match self.rest().chars().next()? {
            '"' => self.string().map(Value::Text),
            '[' if depth < MAX_DEPTH => self.list(depth + 1),
            '{' if depth < MAX_DEPTH => self.object(depth + 1),
            c if c == '-' || c.is_ascii_alphanumeric() => {
                let rest = self.rest();
                let end = rest
                    .find(|c: char| {
                        !(c.is_ascii_alphanumeric() || "+-.".contains(c))
                    })
                    .unwrap_or(rest.len());
                self.at += end;
                Some(Value::Other)
            }
            _ => None,
        }
    }

    fn list(&mut self, depth: usize) -> Option<Value> {
        self.eat('[');
        let mut items = Vec::new();
        if self.eat(']') {
            return Some(Value::List(items));
        }
        loop {
            items.push(self.value(depth)?);
            if self.eat(']') {
                return Some(Value::List(items));
            }
            if !self.eat(',') {
                return None;
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        self.eat('{');
        let mut fields = Vec::new();
        if self.eat('}') {
            return Some(Value::Object(fields));
        }
        loop {
            self.skip_space();
            let key = self.string()?;
            if !self.eat(':') {
                return None;
            }
            fields.push((key, self.value(depth)?));
            if self.eat('}') {
                return Some(Value::Object(fields));
            }
            if !self.eat(',') {
                return None;
            }
        }
    }

    /// A string from its opening quote, escapes decoded; an escape that
    /// names no character (a lone surrogate) becomes U+FFFD.
    fn string(&mut self) -> Option<String> {
        let rest = self.rest().strip_prefix('"')?;
        let mut out = String::new();
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    self.at += 1 + i + 1;
                    return Some(out);
                }
                '\\' => {
                    let (_, e) = chars.next()?;
                    let decoded = match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'u' => {
                            let unit = hex4(&mut chars)?;
                            code_point(unit, &mut chars)
                        }
                        other => other,
                    };
                    out.push(decoded);
                }
                c => out.push(c),
            }
        }
        None
    }
}

/// The four hex digits of a `\u` escape.
fn hex4(chars: &mut std::str::CharIndices<'_>) -> Option<u32> {
    let mut unit = 0;
    for _ in 0..4 {
        unit = unit * 16 + chars.next()?.1.to_digit(16)?;
    }
    Some(unit)
}

/// The character a `\u` escape names: a high surrogate takes the low one
/// of the `\u` escape that must follow it.
fn code_point(unit: u32, chars: &mut std::str::CharIndices<'_>) -> char {
    if !(0xD800..0xDC00).contains(&unit) {
        return char::from_u32(unit).unwrap_or('\u{FFFD}');
    }
    let mut ahead = chars.clone();
    let low = match (ahead.next(), ahead.next()) {
        (Some((_, '\\')), Some((_, 'u'))) => hex4(&mut ahead),
        _ => None,
    };
    match low {
        Some(low @ 0xDC00..=0xDFFF) => {
            *chars = ahead;
            let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            char::from_u32(c).unwrap_or('\u{FFFD}')
        }
        _ => '\u{FFFD}',
    }
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
    fn escapes_are_decoded_and_lone_surrogates_replaced() {
        let mut r =
            Reader { text: r#""a\u00e9\ud83d\ude00\ud800x\\\/""#, at: 0 };
        assert_eq!(r.string().as_deref(), Some("a\u{e9}\u{1F600}\u{FFFD}x\\/"));
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
    }
}
