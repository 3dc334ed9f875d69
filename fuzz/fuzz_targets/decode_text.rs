// SPDX-License-Identifier: MIT
//! The whole pipeline on text, as `decodeString` and the page get it:
//! the text itself, and what webmail shows of it as a message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::Options;

fuzz_target!(|text: &str| {
    let options = Options::default();
    let _ = pantul::decode(text.as_bytes(), &options);
    let _ = pantul::input::strip_quotes(text);
    if let Some(shown) = pantul::shown_text(text.as_bytes()) {
        let _ = pantul::decode(shown.as_bytes(), &options);
    }
});
