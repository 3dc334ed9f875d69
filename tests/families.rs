// SPDX-License-Identifier: MIT
//! Golden fixtures for the MTA families: `tests/fixtures/<family>/NN.eml`
//! (a whole message) or `NN.txt` (a pasted fragment), each with
//! `NN.json`, the fields of the report that extraction decides. Every
//! fixture is decoded as written and again with CRLF line ends; both
//! must give the golden fields. For a whole message, what webmail shows
//! of it (`pantul::shown_text`) is decoded too, and its recipients'
//! address, status, reply code and reason are kept under `"fragment"`.
//!
//! On a mismatch the test writes `NN.actual.json` beside the fixture
//! and names it. `PANTUL_BLESS=1 cargo test --test families` rewrites
//! the golden files from what the decoder says now.

use std::fs;

use serde_json::{json, Value};

mod support;

const FIELDS: &[&str] = &[
    "address",
    "action",
    "status",
    "reply_code",
    "command",
    "remote_host",
    "remote_ip",
    "reason",
    "hard_bounce",
    "feedback_type",
];

/// The fields kept for the webmail view of a message.
const SHOWN_FIELDS: &[&str] = &["address", "status", "reply_code", "reason"];

/// The report of an input, as JSON, or its error id.
fn decoded(bytes: &[u8]) -> Result<Value, &'static str> {
    let options = pantul::Options {
        lang: pantul::Lang::En,
        ..pantul::Options::default()
    };
    let report = pantul::decode(bytes, &options).map_err(|e| e.id())?;
    Ok(serde_json::to_value(&report).unwrap_or(Value::Null))
}

/// The named fields of each recipient of a report.
fn recipients(report: &Value, fields: &[&str]) -> Vec<Value> {
    let keep = |r: &Value| {
        let mut kept: serde_json::Map<String, Value> =
            fields.iter().map(|f| (f.to_string(), r[*f].clone())).collect();
        if fields.contains(&"hard_bounce") {
            kept.insert("blocklist".into(), r["blocklist"]["id"].clone());
        }
        Value::Object(kept)
    };
    report["recipients"]
        .as_array()
        .map(|rs| rs.iter().map(keep).collect())
        .unwrap_or_default()
}

/// The golden fields of a report.
fn golden(bytes: &[u8]) -> Value {
    let full = match decoded(bytes) {
        Ok(full) => full,
        Err(id) => return json!({ "error": id }),
    };
    let mut value = json!({
        "format": full["format"],
        "input": full["input"],
        "kind": full["kind"],
        "recipients": recipients(&full, FIELDS),
    });
    if let Some(shown) = pantul::shown_text(bytes) {
        value["fragment"] = match decoded(shown.as_bytes()) {
            Ok(report) => Value::from(recipients(&report, SHOWN_FIELDS)),
            Err(id) => json!({ "error": id }),
        };
    }
    value
}

#[test]
fn families_decode_their_fixtures() {
    let bless = std::env::var_os("PANTUL_BLESS").is_some();
    let all = support::fixture_inputs();
    assert!(all.len() >= 8, "too few fixtures found: {}", all.len());
    let mut failures = Vec::new();
    for path in &all {
        let bytes = fs::read(path).expect("fixture is readable");
        let lf = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
        let crlf = lf.replace('\n', "\r\n");
        let got = golden(lf.as_bytes());
        let expected_path = path.with_extension("json");
        if bless {
            let text = serde_json::to_string_pretty(&got).unwrap_or_default();
            fs::write(&expected_path, text + "\n").expect("golden written");
            continue;
        }
        let expected: Value = fs::read_to_string(&expected_path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or(Value::Null);
        let actual = path.with_extension("actual.json");
        let _ = fs::remove_file(&actual);
        for (ends, got) in [("LF", got), ("CRLF", golden(crlf.as_bytes()))] {
            if got != expected {
                let text =
                    serde_json::to_string_pretty(&got).unwrap_or_default();
                let _ = fs::write(&actual, text + "\n");
                failures.push(format!(
                    "{} ({ends}): see {}",
                    path.display(),
                    actual.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "fixtures differ:\n{}", failures.join("\n"));
}
