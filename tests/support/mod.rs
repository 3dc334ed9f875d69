// SPDX-License-Identifier: MIT
//! What several test files share: a fixture's report as JSON and a
//! field of it by a dotted path. A folder module, so cargo does not
//! build it as a test of its own.

use std::path::Path;

use serde_json::Value;

/// The report of a fixture of `tests/fixtures/`, in `lang`, as JSON.
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
