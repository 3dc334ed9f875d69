// SPDX-License-Identifier: MIT
//! SMTP replies (`src/grammar/reply.rs`), and the code searches of
//! `settle` that run over the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::grammar::reply;

fuzz_target!(|text: &str| {
    let _ = reply::reply_code(text);
    if let Ok((rest, _)) = reply::reply_line(text) {
        assert!(rest.len() <= text.len());
    }
    if let Some(r) = reply::parse_reply(text) {
        assert!((100..1000).contains(&r.code));
    }
    if let Some((at, _)) = reply::find_reply(text) {
        assert!(text.is_char_boundary(at));
    }
    let _ = pantul::fuzzing::settle(text);
});
