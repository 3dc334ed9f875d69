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

/// Reads `bytes` with the MIME reader alone, as a notice, as what
/// webmail shows and as its text parts, then the enclosed message the
/// same way; returns how many bytes of text were read.
///
/// Panics where the three readings disagree on whether `bytes` is a
/// message at all, where the text parts are longer than all that is
/// shown, or where what is shown outgrows the input by more than
/// charsets widen it (as a part read twice over would).
pub fn mime(bytes: &[u8]) -> usize {
    let (read, enclosed) = mime_once(bytes);
    read + enclosed.map_or(0, |enclosed| mime_once(&enclosed).0)
}

/// [`mime`] on `bytes` alone: what was read, and the enclosed message.
fn mime_once(bytes: &[u8]) -> (usize, Option<Vec<u8>>) {
    let notice = crate::mime::decode(bytes);
    let shown = crate::mime::shown_text(bytes);
    let text = crate::mime::text_parts(bytes);
    assert_eq!(notice.is_some(), shown.is_some(), "decode and shown_text");
    assert_eq!(notice.is_some(), text.is_some(), "decode and text_parts");
    let (Some(notice), Some(shown), Some(text)) = (notice, shown, text) else {
        return (0, None);
    };
    assert!(text.len() <= shown.len(), "text parts longer than shown");
    // A byte decodes to three at the most (U+FFFD for a byte no charset
    // reads), and joining pieces adds two bytes a piece of four or more
    // bytes; the bound leaves three times that, so that what trips it
    // is a part read over and over.
    assert!(
        shown.len() <= 9 * bytes.len() + 64,
        "{} bytes shown of {}",
        shown.len(),
        bytes.len()
    );
    (shown.len(), notice.enclosed)
}
