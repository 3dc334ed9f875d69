// SPDX-License-Identifier: MIT
//! The whole pipeline on arbitrary bytes, as the CLI and `decodeBytes`
//! get them: decode in either language, then write the report with the
//! product's own JSON writer (`pantul::json`, what the CLI, the npm
//! package and the page ship), compact and pretty, and check it against
//! `serde_json` over the derived `Serialize` of the same report, byte
//! for byte (as tests/json.rs does); then the first messages of it as an
//! mbox, decoded, and the reports of a short mail log, written the same
//! way.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::json::{to_string, to_string_pretty, write, WriteJson};
use pantul::{Lang, Options};
use serde::Serialize;

/// Writes `value` with the product's writer in each of its forms, and
/// asserts that it is the JSON serde_json writes for it.
fn written<T: WriteJson + Serialize + ?Sized>(value: &T) {
    let compact = to_string(value);
    let theirs = serde_json::to_string(value).expect("serde_json writes it");
    assert!(compact == theirs, "compact JSON differs:\n{compact}\n{theirs}");
    let pretty = to_string_pretty(value);
    let theirs = serde_json::to_string_pretty(value).expect("writes it");
    assert!(pretty == theirs, "pretty JSON differs:\n{pretty}\n{theirs}");
    // The CLI's `--jsonl` writes into a buffer of bytes.
    let mut line = Vec::new();
    write(value, &mut line);
    assert!(line == compact.as_bytes(), "written bytes differ");
}

fuzz_target!(|data: &[u8]| {
    let lang = if data.len() % 2 == 0 { Lang::En } else { Lang::Id };
    let options = Options { lang, ..Options::default() };
    if let Ok(report) = pantul::decode(data, &options) {
        written(&report);
    }
    for message in pantul::input::split_mbox(data).iter().take(4) {
        let _ = pantul::decode(message, &options);
    }
    // A mail log's reports, one a queued message, written as an array;
    // only for a short input that is a log (any other decodes as above).
    let text = String::from_utf8_lossy(&data[..data.len().min(16 * 1024)]);
    if text.len() == data.len() && pantul::split_log::layout(&text).is_some() {
        if let Ok(reports) = pantul::split_log::decode_log(data, &options) {
            written(&reports[..reports.len().min(8)]);
        }
    }
});
