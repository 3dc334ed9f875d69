// SPDX-License-Identifier: MIT
//! Mail-log lines: Postfix (`src/grammar/postfix_log.rs`) and Exim
//! (`src/grammar/exim_log.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::grammar::{exim_log, postfix_log};

fuzz_target!(|text: &str| {
    let _ = postfix_log::delivery(text);
    let _ = exim_log::log_line(text);
    for line in text.lines().take(64) {
        let _ = postfix_log::delivery(line);
        let _ = exim_log::log_line(line);
    }
});
