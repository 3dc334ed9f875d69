// SPDX-License-Identifier: MIT
//! What stop 22 (pairs22) fixed about two webmail notices pasted
//! together (fresh14 #36): a notice as a webmail shows it, with no
//! opening sentence of a mail server (Gmail's headline alone on its
//! line, Outlook's "Your message to … couldn't be delivered.", Postfix's
//! recipient line), opens a notice of its own after another one, and
//! each notice keeps its own reason. One row per expectation on our own
//! fixtures (`tests/fixtures/text/`, numbers 340-343), each checked in
//! both languages.

mod support;

use support::REPORT;

const SEVERAL: &str = r#"["warning.several-notices"]"#;

const ROWS: &[support::Row] = &[
    // Gmail's English notice as the webmail shows it, then a Postfix
    // recipient line: the second is no longer read as Gmail's answer.
    ("text/340.txt", 0, "address", r#""rina@example.com""#),
    ("text/340.txt", 0, "reason", r#""userunknown""#),
    ("text/340.txt", 1, "address", r#""gudang@example.net""#),
    ("text/340.txt", 1, "reason", r#""mesgtoobig""#),
    ("text/340.txt", 1, "status", r#""5.3.4""#),
    ("text/340.txt", REPORT, "warning_ids", SEVERAL),
    ("text/340.txt", REPORT, "recipients.2", "null"),
    // Gmail's Indonesian "Pesan diblokir", then Outlook's English NDR.
    ("text/341.txt", 0, "address", r#""joko@example.com""#),
    ("text/341.txt", 0, "reason", r#""spamdetected""#),
    ("text/341.txt", 1, "address", r#""keuangan@example.org""#),
    ("text/341.txt", 1, "reason", r#""userunknown""#),
    ("text/341.txt", 1, "status", r#""5.1.10""#),
    ("text/341.txt", REPORT, "warning_ids", SEVERAL),
    ("text/341.txt", REPORT, "recipients.2", "null"),
    // Yahoo's notice, Outlook's in Indonesian, Gmail's in Indonesian.
    ("text/342.txt", 0, "address", r#""tono@example.net""#),
    ("text/342.txt", 0, "reason", r#""suspend""#),
    ("text/342.txt", 1, "address", r#""arsip@example.org""#),
    ("text/342.txt", 1, "reason", r#""userunknown""#),
    ("text/342.txt", 1, "status", r#""5.1.10""#),
    ("text/342.txt", 2, "address", r#""dewi@example.com""#),
    ("text/342.txt", 2, "reason", r#""userunknown""#),
    ("text/342.txt", 2, "status", r#""5.1.1""#),
    ("text/342.txt", REPORT, "recipients.3", "null"),
    // One Postfix notice with two recipient lines stays one notice.
    ("text/343.txt", 0, "address", r#""satu@example.net""#),
    ("text/343.txt", 0, "reason", r#""userunknown""#),
    ("text/343.txt", 1, "address", r#""dua@example.net""#),
    ("text/343.txt", 1, "reason", r#""mailboxfull""#),
    ("text/343.txt", REPORT, "warning_ids", "[]"),
];

#[test]
fn rows_hold() {
    let failures = support::rows_not_held(ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
