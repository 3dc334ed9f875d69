// SPDX-License-Identifier: MIT
//! RFC 3463 enhanced status codes (`src/grammar/status.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::grammar::status::{self, Status};

fuzz_target!(|text: &str| {
    let _ = status::enhanced_status(text);
    if let Some((at, s)) = status::find_status(text) {
        assert!(text.is_char_boundary(at));
        assert_eq!(Status::parse(&s.to_string()), Some(s));
    }
    let _ = status::hash_status(text);
    let _ = status::find_hash_status(text);
    if let Some(s) = Status::parse(text) {
        let _ = s.to_string();
    }
});
