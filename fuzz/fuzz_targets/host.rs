// SPDX-License-Identifier: MIT
//! Host names and IP addresses (`src/grammar/host.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::grammar::host;

fuzz_target!(|text: &str| {
    if let Some(ip) = host::parse_ip(text) {
        assert_eq!(host::parse_ip(&ip).as_deref(), Some(ip.as_str()));
    }
    let _ = host::is_host_name(text);
    let parsed = host::parse_host(text);
    if let Some(name) = parsed.name {
        assert!(host::is_host_name(&name), "{name:?}");
    }
});
