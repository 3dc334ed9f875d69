// SPDX-License-Identifier: MIT
//! Postfix's wording (`src/grammar/postfix.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::grammar::postfix;

fuzz_target!(|text: &str| {
    let _ = postfix::host_said(text);
    let _ = postfix::find_host_said(text);
    let _ = postfix::find_connect_failure(text);
    let _ = postfix::session_line(text);
    let _ = postfix::session(text);
    let line = postfix::one_line(text);
    assert!(!line.contains('\n'));
});
