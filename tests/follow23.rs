// SPDX-License-Identifier: MIT
//! What stop 23 (follow23) made of a new user's findings about reasons
//! (fresh15): a domain that does not exist in Gmail's classic notice
//! and in Outlook on the web's view (#1), a blocklist named in a
//! server's prose (#22), a recipient's account switched off in short
//! words (#21), and Gmail's own notice about the sending IP's very low
//! reputation (#3). One row per expectation, on our own fixtures
//! (`tests/fixtures/`, numbers 360-365), each checked in both
//! languages.

mod support;
use support::{rows_not_held, Row, REPORT};

/// (fixture, recipient from 0 or [`REPORT`], field path, JSON value).
/// `advice.<field>` reads the advice item the recipient belongs to.
const ROWS: &[Row] = &[
    // Gmail's classic notice: "DNS Error: Address resolution of
    // gmial.example. failed: Domain name not found" is a domain that
    // does not exist, not a cause that cannot be decided.
    ("gmail/360.txt", 0, "reason", r#""hostunknown""#),
    ("gmail/360.txt", 0, "hard_bounce", "true"),
    ("gmail/360.txt", 0, "status", r#""5.0.912""#),
    ("gmail/360.txt", 0, "advice.id", r#""hostunknown""#),
    // Outlook on the web: "The domain klienlama.example doesn't exist."
    ("text/361.txt", 0, "address", r#""budi@klienlama.example""#),
    ("text/361.txt", 0, "reason", r#""hostunknown""#),
    ("text/361.txt", 0, "hard_bounce", "true"),
    // A list named in prose finds the catalog's list, its card and its
    // lookup link filled with the IP the words give.
    ("postfix/362.txt", 0, "reason", r#""blocked""#),
    ("postfix/362.txt", 0, "blocklist.id", r#""sorbs""#),
    ("postfix/362.txt", 0, "blocklist.status", r#""defunct""#),
    ("postfix/362.txt", 0, "blocklist.listed", r#""198.51.100.22""#),
    ("postfix/362.txt", 0, "advice.id", r#""sorbs""#),
    ("postfix/362.txt", 1, "reason", r#""blocked""#),
    ("postfix/362.txt", 1, "blocklist.id", r#""barracuda""#),
    ("postfix/362.txt", 2, "reason", r#""blocked""#),
    ("postfix/362.txt", 2, "blocklist.id", r#""uceprotect-l1""#),
    (
        "postfix/362.txt",
        2,
        "blocklist.lookup_url",
        r#""https://www.uceprotect.net/en/rblcheck.php?ipr=198.51.100.22""#,
    ),
    ("postfix/362.txt", 3, "reason", r#""blocked""#),
    ("postfix/362.txt", 3, "blocklist.id", r#""spamhaus-zen""#),
    (
        "postfix/362.txt",
        3,
        "blocklist.lookup_url",
        r#""https://check.spamhaus.org/results/?query=198.51.100.22""#,
    ),
    ("postfix/362.txt", 4, "reason", r#""blocked""#),
    ("postfix/362.txt", 4, "blocklist.id", r#""cbl""#),
    ("postfix/362.txt", 5, "reason", r#""blocked""#),
    ("postfix/362.txt", 5, "blocklist.id", r#""spamcop""#),
    (
        "postfix/362.txt",
        5,
        "blocklist.lookup_url",
        r#""https://www.spamcop.net/bl.shtml?198.51.100.22""#,
    ),
    ("postfix/362.txt", 6, "reason", r#""blocked""#),
    ("postfix/362.txt", 6, "blocklist.id", r#""psbl""#),
    (
        "postfix/362.txt",
        6,
        "blocklist.lookup_url",
        r#""https://psbl.org/listing?ip=198.51.100.22""#,
    ),
    ("postfix/362.txt", 7, "reason", r#""blocked""#),
    ("postfix/362.txt", 7, "blocklist.id", r#""ivm-sip""#),
    ("postfix/362.txt", 8, "reason", r#""blocked""#),
    ("postfix/362.txt", 8, "blocklist.id", r#""mailspike""#),
    // "is not listed in SORBS" lists nothing: the unknown user stays.
    ("postfix/362.txt", 9, "reason", r#""userunknown""#),
    ("postfix/362.txt", 9, "blocklist", "null"),
    // SORBS has shut down: nothing to delist, the catalog says so.
    ("postfix/362.txt", REPORT, "warning_ids", r#"["warning.defunct-list"]"#),
    // A recipient's account switched off, whatever code stands around
    // the words: 5.2.1 alone reads as a filter, 5.1.1 as unknown.
    ("postfix/363.txt", 0, "reason", r#""suspend""#),
    ("postfix/363.txt", 0, "advice.id", r#""suspend""#),
    ("postfix/363.txt", 1, "reason", r#""suspend""#),
    ("postfix/363.txt", 2, "reason", r#""suspend""#),
    ("postfix/363.txt", 2, "status", r#""5.1.1""#),
    ("postfix/363.txt", 3, "reason", r#""suspend""#),
    ("postfix/363.txt", 4, "reason", r#""suspend""#),
    // Gmail's own notice, as its web view shows it: the sending IP's
    // reputation, not the content.
    ("gmail/364.txt", 0, "reason", r#""badreputation""#),
    ("gmail/364.txt", 0, "status", r#""4.7.0""#),
];

#[test]
fn rows_hold() {
    let failures = rows_not_held(ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
