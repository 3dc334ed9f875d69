// SPDX-License-Identifier: MIT
//! Postfix `mailq` listings (`src/grammar/mailq.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::grammar::mailq;

fuzz_target!(|text: &str| {
    let _ = mailq::entry_line(text);
    let _ = mailq::entries(text);
});
