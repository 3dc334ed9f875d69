// SPDX-License-Identifier: MIT
//! What the fresh-user test of stop 22 (fresh14) left about mail logs
//! and hand-written summaries, and stop 23 fixed: a Postfix or Exim log
//! or a `mailq` listing whose lines a webmail view or a ticket joined
//! into one paragraph is split again at its line starts and read as the
//! log it is, with `warning.lines-restored`, never taking a
//! `message-id=<…>` for a recipient (fresh14 #38). One row per
//! expectation, on our own fixtures (`tests/fixtures/`, numbers
//! 344-349), each checked in both languages.

mod support;
use support::{rows_not_held, Row, REPORT};

/// (fixture, recipient from 0 or [`REPORT`], field path, JSON value).
const ROWS: &[Row] = &[
    // A joined Postfix log read as one notice (`decode`): the log's
    // three recipients, never the cleanup line's message-id.
    ("maillog/344.txt", REPORT, "format", r#""maillog""#),
    ("maillog/344.txt", REPORT, "warning_ids", r#"["warning.lines-restored"]"#),
    ("maillog/344.txt", REPORT, "recipients.3", "null"),
    ("maillog/344.txt", 0, "address", r#""pembelian@hotel-melati.example""#),
    ("maillog/344.txt", 0, "action", r#""failed""#),
    ("maillog/344.txt", 0, "reason", r#""userunknown""#),
    ("maillog/344.txt", 1, "address", r#""info@toko-buku.example""#),
    ("maillog/344.txt", 1, "action", r#""delayed""#),
    ("maillog/344.txt", 1, "reason", r#""networkerror""#),
    ("maillog/344.txt", 2, "address", r#""admin@tanpa-domain.example""#),
    ("maillog/344.txt", 2, "reason", r#""hostunknown""#),
    // A joined Exim main log: the recipients, not the sender.
    ("maillog/345.txt", REPORT, "format", r#""maillog""#),
    ("maillog/345.txt", REPORT, "recipients.3", "null"),
    ("maillog/345.txt", 0, "address", r#""gudang@pabrik-roti.example""#),
    ("maillog/345.txt", 0, "reason", r#""userunknown""#),
    ("maillog/345.txt", 1, "address", r#""kasir@warung-sate.example""#),
    ("maillog/345.txt", 1, "action", r#""delivered""#),
    ("maillog/345.txt", 2, "address", r#""cs@lambat-balas.example""#),
    ("maillog/345.txt", 2, "action", r#""delayed""#),
    // A joined `mailq` listing: each entry's recipients, not its
    // sender.
    ("mailq/346.txt", REPORT, "format", r#""mailq""#),
    ("mailq/346.txt", REPORT, "warning_ids", r#"["warning.lines-restored"]"#),
    ("mailq/346.txt", REPORT, "recipients.3", "null"),
    ("mailq/346.txt", 0, "address", r#""tamu@hotel-melati.example""#),
    ("mailq/346.txt", 0, "reason", r#""mailboxfull""#),
    ("mailq/346.txt", 1, "address", r#""info@toko-buku.example""#),
    ("mailq/346.txt", 1, "reason", r#""networkerror""#),
    ("mailq/346.txt", 2, "address", r#""order@toko-buku.example""#),
];

#[test]
fn rows_hold() {
    let failed = rows_not_held(ROWS);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The queue ids, first recipients and warnings of the reports
/// `decode_log` (the page's and npm's `decodeLog`) gives of a fixture.
fn split(file: &str) -> Vec<(String, String, Vec<String>)> {
    let path = format!("tests/fixtures/{file}");
    let bytes = std::fs::read(&path).unwrap();
    let options = pantul::Options::default();
    let reports = pantul::split_log::decode_log(&bytes, &options).unwrap();
    let first = |r: &pantul::Report| {
        let address = r.recipients.first().and_then(|r| r.address.clone());
        address.unwrap_or_default()
    };
    reports
        .iter()
        .map(|r| {
            let id = r.queue_id.clone().unwrap_or_default();
            (id, first(r), r.warning_ids.clone())
        })
        .collect()
}

/// A joined log or listing is split by queued message as the same log
/// with its lines is, each report with the warning.
#[test]
fn a_joined_log_splits_by_queue_id() {
    let warned = vec!["warning.lines-restored".to_string()];
    let row = |id: &str, first: &str| (id.into(), first.into(), warned.clone());
    assert_eq!(
        split("maillog/344.txt"),
        [
            row("5RcDeF3hIjz7rst", "admin@tanpa-domain.example"),
            row("5RbCdE1fGhz7xyz", "pembelian@hotel-melati.example"),
        ]
    );
    assert_eq!(
        split("maillog/345.txt"),
        [
            row("1tKrBc-0004yZ-6R", "gudang@pabrik-roti.example"),
            row("1tKrDe-0005bC-8T", "cs@lambat-balas.example"),
        ]
    );
    assert_eq!(
        split("mailq/346.txt"),
        [
            row("5RdEfG4jKlz7opq", "tamu@hotel-melati.example"),
            row("5ReFgH5kLmz7nop", "info@toko-buku.example"),
        ]
    );
}
