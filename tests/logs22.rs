// SPDX-License-Identifier: MIT
//! What the fresh-user test of stop 22 (fresh14) found about mail logs
//! as admins paste them, and stop 22 fixed: Postfix's
//! `status=expired, returned to sender` (which names the sender) ends
//! the deferred recipient of its queue id instead of making a phantom
//! one (fresh14 #26), and a log saved with terminal colour codes is
//! read as the log it is, with the hidden-character warning, never
//! taking a `message-id=<…>` for a recipient (fresh14 #38), and WHM's
//! Track Delivery table with a column hidden or its tabs turned into
//! spaces is read by its header row (fresh14 #29). One row per
//! expectation, on our own fixtures (`tests/fixtures/`, numbers
//! 320-329), each checked in both languages.

mod support;
use support::{rows_not_held, Row, REPORT};

/// (fixture, recipient from 0 or [`REPORT`], field path, JSON value).
/// `advice.<field>` reads the advice item the recipient belongs to.
const ROWS: &[Row] = &[
    // One recipient delivered, one deferred for five days and then
    // given up on by qmgr: two recipients, no phantom third.
    ("maillog/320.txt", REPORT, "recipients.2", "null"),
    ("maillog/320.txt", 0, "address", r#""beli@grosir-tepung.example""#),
    ("maillog/320.txt", 0, "action", r#""delivered""#),
    ("maillog/320.txt", 1, "address", r#""gudang@pabrik-gula.example""#),
    ("maillog/320.txt", 1, "action", r#""failed""#),
    ("maillog/320.txt", 1, "reason", r#""expired""#),
    ("maillog/320.txt", 1, "remote_ip", r#""203.0.113.77""#),
    ("maillog/320.txt", 1, "queue_id", r#""4XyZ3a1BcDz9qrs""#),
    ("maillog/320.txt", 1, "sender", r#""kasir@toko-kue.example""#),
    ("maillog/320.txt", 1, "attempts.count", "2"),
    ("maillog/320.txt", 1, "attempts.deferred", "1"),
    ("maillog/320.txt", 1, "attempts.last", r#""Dec  6 08:00:31""#),
    (
        "maillog/320.txt",
        1,
        "diagnostic",
        r#""connect to mx.pabrik-gula.example[203.0.113.77]:25: Connection timed out""#,
    ),
    // grep --color=always around `status=`, and a whole line coloured
    // as journalctl does: the log's two recipients, not the
    // message-id, and the warning that the text held control codes.
    ("maillog/321.txt", REPORT, "format", r#""maillog""#),
    ("maillog/321.txt", REPORT, "recipients.2", "null"),
    (
        "maillog/321.txt",
        REPORT,
        "warning_ids",
        r#"["warning.hidden-characters"]"#,
    ),
    ("maillog/321.txt", 0, "address", r#""order@pasar-ikan.example""#),
    ("maillog/321.txt", 0, "action", r#""failed""#),
    ("maillog/321.txt", 0, "reason", r#""userunknown""#),
    ("maillog/321.txt", 0, "status", r#""5.1.1""#),
    ("maillog/321.txt", 0, "queue_id", r#""4PqR5s6TuVz9abc""#),
    ("maillog/321.txt", 1, "address", r#""admin@lambat-sekali.example""#),
    ("maillog/321.txt", 1, "action", r#""delayed""#),
    ("maillog/321.txt", 1, "reason", r#""networkerror""#),
    ("maillog/321.txt", 1, "remote_ip", r#""198.51.100.9""#),
    // WHM's Track Delivery with the Delivery Host column hidden: read
    // by its header row, a recipient a row from the Recipient column,
    // never the Sender (fresh14 #29).
    ("whm/322.txt", REPORT, "format", r#""whm""#),
    ("whm/322.txt", REPORT, "recipients.3", "null"),
    ("whm/322.txt", 0, "address", r#""pesanan@toko-benang.example""#),
    ("whm/322.txt", 0, "action", r#""failed""#),
    ("whm/322.txt", 0, "reason", r#""userunknown""#),
    ("whm/322.txt", 0, "sender", r#""admin@batik-sari.example""#),
    ("whm/322.txt", 1, "address", r#""gudang@kain-lambat.example""#),
    ("whm/322.txt", 1, "action", r#""delayed""#),
    ("whm/322.txt", 2, "address", r#""dewi@mitra-kain.example""#),
    ("whm/322.txt", 2, "action", r#""delivered""#),
    // The whole table with its tabs turned into spaces.
    ("whm/323.txt", REPORT, "format", r#""whm""#),
    ("whm/323.txt", REPORT, "recipients.2", "null"),
    ("whm/323.txt", 0, "address", r#""pesanan@toko-benang.example""#),
    ("whm/323.txt", 0, "status", r#""5.1.1""#),
    ("whm/323.txt", 0, "remote_host", r#""mx.toko-benang.example""#),
    ("whm/323.txt", 0, "remote_ip", r#""203.0.113.45""#),
    ("whm/323.txt", 0, "queue_id", r#""1tJqAb-0003xY-5Q""#),
    ("whm/323.txt", 1, "address", r#""gudang@kain-lambat.example""#),
    ("whm/323.txt", 1, "action", r#""delayed""#),
    ("whm/323.txt", 1, "remote_ip", r#""198.51.100.20""#),
];

#[test]
fn rows_hold() {
    let failed = rows_not_held(ROWS);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The coloured log is split into its queued messages as the plain one
/// is (`decode_log`, what the page and npm's `decodeLog` use), each
/// with the warning.
#[test]
fn a_coloured_log_splits_by_queue_id() {
    let bytes = std::fs::read("tests/fixtures/maillog/321.txt").unwrap();
    let options = pantul::Options::default();
    let reports = pantul::split_log::decode_log(&bytes, &options).unwrap();
    let ids: Vec<_> = reports.iter().map(|r| r.queue_id.as_deref()).collect();
    assert_eq!(ids, [Some("4PqR5s6TuVz9abc"), Some("4QrS6t7UvWz9def")]);
    for report in &reports {
        assert_eq!(report.warning_ids, ["warning.hidden-characters"]);
        let diagnostic = report.recipients[0].diagnostic.as_deref();
        assert!(!diagnostic.unwrap_or_default().contains('\u{1b}'));
    }
}
