// SPDX-License-Identifier: MIT
//! What several test files share: the fixture inputs, a fixture's
//! report as JSON, a field of it by a dotted path, and a field of one
//! recipient or of its advice item. A folder module, so cargo does not
//! build it as a test of its own.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The report of a fixture of `tests/fixtures/`, in `lang`, as JSON.
#[allow(dead_code)] // not every test file that shares this asks for it
pub fn report(file: &str, lang: pantul::Lang) -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(file);
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let options = pantul::Options { lang, ..Default::default() };
    let report = pantul::decode(&bytes, &options)
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::to_value(&report).unwrap_or(Value::Null)
}

/// The value of a dotted field of `value`; a number is an index into
/// an array (`listings.0.kind_label`).
#[allow(dead_code)] // not every test file that shares this asks for it
pub fn field<'a>(value: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(value, |v, key| match key.parse::<usize>() {
        Ok(n) => &v[n],
        Err(_) => &v[key],
    })
}

/// The recipient index of a row about the report, not one recipient.
#[allow(dead_code)] // not every test file that shares this asks for it
pub const REPORT: usize = usize::MAX;

/// A dotted field of the report (`recipient` is [`REPORT`]), of its
/// recipient `recipient`, or (`advice.<field>`) of the advice item
/// that recipient belongs to; null when there is none.
#[allow(dead_code)] // not every test file that shares this asks for it
pub fn lookup(report: &Value, recipient: usize, name: &str) -> Value {
    if recipient == REPORT {
        return field(report, name).clone();
    }
    let Some(name) = name.strip_prefix("advice.") else {
        return field(&report["recipients"][recipient], name).clone();
    };
    let advice = report["advice"].as_array().and_then(|all| {
        all.iter().find(|a| {
            a["recipients"]
                .as_array()
                .is_some_and(|m| m.iter().any(|n| n == recipient))
        })
    });
    advice.map_or(Value::Null, |a| field(a, name).clone())
}

/// A row of expectations: (fixture, recipient from 0 or [`REPORT`],
/// field path for [`lookup`], the value as JSON).
#[allow(dead_code)] // not every test file that shares this asks for it
pub type Row<'a> = (&'a str, usize, &'a str, &'a str);

/// Each row whose field is not its value, in Indonesian and in English,
/// said in one line; none when every row holds.
#[allow(dead_code)] // not every test file that shares this asks for it
pub fn rows_not_held(rows: &[Row]) -> Vec<String> {
    let mut failures = Vec::new();
    for lang in [pantul::Lang::Id, pantul::Lang::En] {
        for (file, recipient, name, expected) in rows {
            let expected: Value =
                serde_json::from_str(expected).expect("row value is JSON");
            let got = lookup(&report(file, lang), *recipient, name);
            if got != expected {
                failures.push(format!(
                    "{file} [{recipient}] {name} ({lang:?}): \
                     expected {expected}, got {got}"
                ));
            }
        }
    }
    failures
}

/// The words a reader sees of the advice: the summary, and the title,
/// summary and steps of each advice item, one a line.
#[allow(dead_code)] // not every test file that shares this asks for it
pub fn advice_words(report: &Value) -> String {
    let mut out = vec![report["summary"].as_str().unwrap_or("").to_string()];
    for a in report["advice"].as_array().into_iter().flatten() {
        for key in ["title", "summary"] {
            out.push(a[key].as_str().unwrap_or("").to_string());
        }
        for s in a["steps"].as_array().into_iter().flatten() {
            out.push(s.as_str().unwrap_or("").to_string());
        }
    }
    out.join("\n")
}

/// Every fixture input (`tests/fixtures/<family>/*.{eml,txt}`), in name
/// order.
#[allow(dead_code)] // not every test file that shares this module reads it
pub fn fixture_inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found = Vec::new();
    for family in fs::read_dir(&root).into_iter().flatten().flatten() {
        for file in fs::read_dir(family.path()).into_iter().flatten().flatten()
        {
            let path = file.path();
            let ext = path.extension().and_then(|e| e.to_str());
            if matches!(ext, Some("eml" | "txt")) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}
