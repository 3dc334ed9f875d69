// SPDX-License-Identifier: MIT
//! The catalog's recognisers and link building
//! (`src/knowledge/catalog.rs`): whatever the words, a filled link is a
//! URL with nothing unescaped in it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantul::knowledge::catalog;

fuzz_target!(|text: &str| {
    let _ = catalog::recognize(text);
    let _ = catalog::find_listed_ip(text);
    let _ = catalog::has_masked_ip(text);
    let ip = catalog::checked_ip(text);
    let domain = catalog::checked_domain(text);
    for value in [ip.as_deref(), domain.as_deref(), Some(text)] {
        let link = catalog::fill_link("https://example.org/l?q={ip}", value);
        assert!(link.starts_with("https://example.org/l"), "{link}");
        assert!(
            link.bytes().all(|b| b.is_ascii_graphic()
                && !matches!(b, b'"' | b'<' | b'>' | b'\\' | b'`')),
            "{link}"
        );
    }
    let encoded = catalog::percent_encode(text);
    assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric()
        || matches!(b, b'%' | b'-' | b'.' | b'_' | b'~' | b':')), "{encoded}");
});
