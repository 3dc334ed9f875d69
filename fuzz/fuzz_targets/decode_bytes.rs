// SPDX-License-Identifier: MIT
//! The whole pipeline on arbitrary bytes, as the CLI and `decodeBytes`
//! get them: decode in either language, then serialise the report.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::{Lang, Options};

fuzz_target!(|data: &[u8]| {
    let lang = if data.len() % 2 == 0 { Lang::En } else { Lang::Id };
    let options = Options { lang, ..Options::default() };
    if let Ok(report) = pantul::decode(data, &options) {
        let json = serde_json::to_string(&report).expect("a report is JSON");
        assert!(!json.is_empty());
    }
    for message in pantul::input::split_mbox(data).iter().take(4) {
        let _ = pantul::decode(message, &options);
    }
});
