// SPDX-License-Identifier: MIT
//! RFC 3464 delivery-status fields (`src/grammar/dsn.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::grammar::dsn;

fuzz_target!(|text: &str| {
    let _ = dsn::field(text);
    for line in text.lines().take(64) {
        let _ = dsn::is_field_line(line);
        let _ = dsn::typed(line);
    }
    // A group may hold several recipients when the blank lines between
    // them were lost, but each recipient takes a line of its own.
    let status = dsn::delivery_status(text);
    assert!(status.recipients.len() <= text.lines().count());
});
