// SPDX-License-Identifier: MIT
//! Mail addresses in running text (`src/grammar/address.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::grammar::address;

fuzz_target!(|text: &str| {
    let _ = address::addr_spec(text);
    for (at, found) in address::find_addresses(text) {
        assert!(text[at..].starts_with(found));
        assert!(found.contains('@'));
        let _ = address::clean(found);
    }
    let _ = address::find_address(text);
    let _ = address::is_masked(text);
    let _ = address::clean(text);
});
