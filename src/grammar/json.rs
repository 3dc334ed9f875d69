// SPDX-License-Identifier: MIT
//! JSON in notices: Amazon SES's notifications, Postfix's queue listing
//! (`postqueue -j`). serde_json parses and checks the text as for its own
//! `Value`, into a value type of our own that keeps strings, arrays and
//! objects and nothing else: `Value`'s map and number types are left out
//! of the WebAssembly.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// The first JSON value of `text`, if it opens with one; what follows it
/// is not read.
pub fn first_value(text: &str) -> Option<Value> {
    serde_json::Deserializer::from_str(text).into_iter::<Value>().next()?.ok()
}

/// A JSON value as far as notices are read: strings, arrays and
/// objects, every other value as `Other`.
pub enum Value {
    /// A string, its escapes decoded.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// The members in the text's order; of a name given twice, the
    /// last counts (as in `serde_json::Value`).
    Object(Vec<(String, Value)>),
    /// A number, `true`, `false` or `null`.
    Other,
}

impl Value {
    /// An object's member `key` (the last of that name).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => {
                members.iter().rev().find(|m| m.0 == key).map(|m| &m.1)
            }
            _ => None,
        }
    }

    /// A string's text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// An array's items.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// True if and only if the value is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Value, E> {
        Ok(Value::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Value, E> {
        Ok(Value::Other)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Value, E> {
        Ok(Value::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Value, E> {
        Ok(Value::Other)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Other)
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<Value, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, Value>()? {
            members.push(member);
        }
        Ok(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value as text, objects' members by name, the last of a name
    /// given twice.
    fn ours(v: &Value) -> String {
        match v {
            Value::String(s) => format!("{s:?}"),
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(ours).collect();
                format!("[{}]", items.join(","))
            }
            Value::Object(members) => {
                let mut named = std::collections::BTreeMap::new();
                for (name, value) in members {
                    named.insert(name.clone(), ours(value));
                }
                let members: Vec<String> =
                    named.iter().map(|(n, v)| format!("{n:?}:{v}")).collect();
                format!("{{{}}}", members.join(","))
            }
            Value::Other => "_".into(),
        }
    }

    fn theirs(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::String(s) => format!("{s:?}"),
            serde_json::Value::Array(items) => {
                let items: Vec<String> = items.iter().map(theirs).collect();
                format!("[{}]", items.join(","))
            }
            serde_json::Value::Object(members) => {
                let members: Vec<String> = members
                    .iter()
                    .map(|(n, v)| format!("{n:?}:{}", theirs(v)))
                    .collect();
                format!("{{{}}}", members.join(","))
            }
            _ => "_".into(),
        }
    }

    /// `first_value` reads what serde_json's own `Value` reads, and
    /// refuses what it refuses.
    #[test]
    fn values_read_as_serde_json_reads_them() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        let fine = "[".repeat(100) + "\"x\"" + &"]".repeat(100);
        let texts = [
            r#"{"a":"b","a":"c","d":[1,-2.5e3,true,null,{"e":"\u00e9\n"}]}"#,
            r#"{"a":1e400}"#,
            r#"{"a":-0,"b":18446744073709551616,"c":1.7976931348623157e308}"#,
            r#"{"a":1.8e308}"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\ud83d\ude00"}"#,
            r#"{"a":"\udc00x"}"#,
            r#"{"a":"tab	in"}"#,
            r#"{"a":"\q"}"#,
            r#"{"a":01}"#,
            r#"{"a":1.}"#,
            r#"{"a":[1,]}"#,
            r#"{"a":"b",}"#,
            r#"{"a" "b"}"#,
            r#"{"a":"b"} trailing"#,
            r#"{"a":"b"}{"c":"d"}"#,
            r#""just a string" and more"#,
            r#"12x"#,
            r#"12 "#,
            r#"true}"#,
            r#"{"a":"b""#,
            "",
            "   ",
            r#"{"a":{"b":{"c":["d",{"e":"f"}]}}}"#,
            r#"{"\u0000":"\/"}"#,
            &deep,
            &fine,
        ];
        for text in texts {
            let got = first_value(text).map(|v| ours(&v));
            let want = serde_json::Deserializer::from_str(text)
                .into_iter::<serde_json::Value>()
                .next()
                .and_then(Result::ok)
                .map(|v| theirs(&v));
            assert_eq!(got, want, "{text}");
        }
        // Every cut of a notification, as a damaged copy would give.
        let body = r#"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"neko@example.org","status":"5.1.1","n":12.5e-3,"x":[null,false]}],"reportingMTA":"dsn; a.example.com"}}"#;
        for end in 0..=body.len() {
            let text = &body[..end];
            let got = first_value(text).map(|v| ours(&v));
            let want = serde_json::Deserializer::from_str(text)
                .into_iter::<serde_json::Value>()
                .next()
                .and_then(Result::ok)
                .map(|v| theirs(&v));
            assert_eq!(got, want, "{text}");
        }
    }
}
