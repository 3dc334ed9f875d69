// SPDX-License-Identifier: MIT
//! Entry points for the fuzz targets in `fuzz/` (cargo feature
//! `fuzzing`), reaching the private stages a whole decode passes by.
//! Not part of the stable API.

use crate::mta::FAMILIES;
use crate::notice::Notice;

/// Runs every family's `claims` and `extract` on `text` as a pasted
/// fragment, and on the notice `text` decodes to as a whole message,
/// whether or not the family claims it; returns how many records they
/// found.
pub fn every_family(text: &str) -> usize {
    let mut found = 0;
    let fragment = Notice::fragment(text.to_string());
    found += run_families(&fragment);
    if crate::input::starts_with_header_block(text.as_bytes()) {
        if let Some(message) = crate::mime::decode(text.as_bytes()) {
            found += run_families(&message);
        }
    }
    found
}

/// Panics when a family claims a notice that holds none of its words
/// (`mta::words`): the shared search would never have offered it.
fn run_families(notice: &Notice) -> usize {
    let mut found = 0;
    let words = crate::mta::words::found(notice);
    for (n, family) in FAMILIES.iter().enumerate() {
        let claims = (family.claims)(notice);
        assert!(
            !claims || words.may_claim(n),
            "{} claims a notice without any of its words",
            family.id
        );
        found += (family.extract)(notice).len();
    }
    found + crate::extract::extract(notice).records.len()
}

/// Runs the status and reply-code searches of `settle` on `text`.
pub fn settle(text: &str) -> usize {
    let statuses = crate::settle::statuses_in(text).len();
    let status = crate::settle::status_in_text(text);
    let reply = crate::settle::reply_in_text(text, None);
    let class = text.bytes().next().map(|b| b % 6);
    let classed = crate::settle::reply_in_text(text, class);
    let stripped = crate::settle::without_inner_codes(text);
    let _ = crate::settle::says_temporary(reply, text);
    statuses
        + usize::from(status.is_some())
        + usize::from(classed.is_some())
        + stripped.len()
}
