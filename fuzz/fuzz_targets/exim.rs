// SPDX-License-Identifier: MIT
//! Exim's wording of a remote server's answer (`src/grammar/exim.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::grammar::exim;

fuzz_target!(|text: &str| {
    let _ = exim::host_spec(text);
    let _ = exim::smtp_error(text);
    let _ = exim::find_smtp_error(text);
});
