// SPDX-License-Identifier: MIT
//! What the fresh-user test of stop 22 (fresh14) left about mail logs
//! and hand-written summaries, and stop 23 fixed: a Postfix or Exim log
//! or a `mailq` listing whose lines a webmail view or a ticket joined
//! into one paragraph is split again at its line starts and read as the
//! log it is, with `warning.lines-restored`, never taking a
//! `message-id=<…>` for a recipient (fresh14 #38); a hand-written
//! one-line summary names its recipient by its marks (`->`, `to`,
//! `Penerima:`), never its sender (fresh14 #39); `mailq` saying the
//! queue is empty gets an answer of its own (fresh14 #31). One row per
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
    // Hand-written one-line summaries: the address after the arrow or
    // after `Penerima:` is the recipient, never the sender (fresh14
    // #39).
    ("text/347.txt", 0, "address", r#""pembelian@hotel-melati.example""#),
    ("text/347.txt", 0, "reason", r#""userunknown""#),
    ("text/347.txt", REPORT, "recipients.1", "null"),
    ("text/348.txt", 0, "address", r#""pembelian@hotel-melati.example""#),
    ("text/348.txt", 0, "status", r#""5.1.1""#),
    ("text/348.txt", REPORT, "recipients.1", "null"),
    // `mailq` saying the queue is empty: a plain answer of its own, not
    // "not a bounce, look in your inbox" (fresh14 #31).
    ("mailq/349.txt", REPORT, "kind", r#""not-a-bounce""#),
    ("mailq/349.txt", REPORT, "recipients.0", "null"),
    ("mailq/349.txt", REPORT, "warning_ids", r#"["warning.queue-empty"]"#),
    ("mailq/349.txt", REPORT, "advice.0.id", r#""queue-empty""#),
    ("mailq/349.txt", REPORT, "advice.1", "null"),
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

/// The addresses `decode` gives of a pasted text, in English.
fn addresses(text: &str) -> Vec<Option<String>> {
    let options =
        pantul::Options { lang: pantul::Lang::En, ..Default::default() };
    let report = pantul::decode(text.as_bytes(), &options).unwrap();
    report.recipients.into_iter().map(|r| r.address).collect()
}

/// The recipient of a summary is the address its marks say it is;
/// with a sender named and no recipient, none (fresh14 #39).
#[test]
fn a_summary_names_its_recipient_by_its_marks() {
    let to = Some("b@example.org".to_string());
    let cases = [
        "From a@example.net to b@example.org: 550 5.1.1 User unknown",
        "a@example.net \u{2192} b@example.org: 550 5.1.1 User unknown",
        "Dari a@example.net ke b@example.org: 550 5.1.1 User unknown",
        "Kepada: b@example.org Error: 550 5.1.1 User unknown",
        "Recipient: b@example.org Sender: a@example.net 550 5.1.1 User unknown",
    ];
    for text in cases {
        assert_eq!(addresses(text), std::slice::from_ref(&to), "{text}");
    }
    let unsure = [
        "Pengirim: a@example.net\nError: 550 5.1.1 User unknown",
        "a@example.net -> 550 5.1.1 User unknown",
    ];
    for text in unsure {
        assert_eq!(addresses(text), [None], "{text}");
    }
    // A line with no marks reads as before: its first address.
    let plain = "b@example.org: 550 5.1.1 User unknown";
    assert_eq!(addresses(plain), [to]);
}

/// The empty queue's answer is in both languages, and says nothing
/// waits to be sent.
#[test]
fn an_empty_queue_is_said_to_be_empty() {
    let bytes = b"Mail queue is empty\n";
    let summary = |lang| {
        let options = pantul::Options { lang, ..Default::default() };
        pantul::decode(bytes, &options).unwrap().summary
    };
    let en = summary(pantul::Lang::En);
    assert!(en.contains("queue is empty"), "{en}");
    assert!(!en.contains("inbox"), "{en}");
    let id = summary(pantul::Lang::Id);
    assert!(id.contains("antrean email server kosong"), "{id}");
}
