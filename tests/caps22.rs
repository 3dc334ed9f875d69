// SPDX-License-Identifier: MIT
//! What the fresh-user test of stop 22 (fresh14) found about big inputs
//! and the returned email's subject, and stop 22 fixed: a notice over
//! the size limit that carries back a big original (#35) is read as far
//! as the limit, not refused; the returned email's subject is decoded
//! from its encoded words (#22), hidden characters still shown. Our own
//! fixtures (`tests/fixtures/`, numbers 330-339), both languages.

mod support;
use support::{rows_not_held, Row, REPORT};

use pantul::{decode, Error, Lang, Options};

const ROWS: &[Row] = &[
    // Q and B encoded words in two charsets, folded (fresh14 #22).
    (
        "rfc3464/330.eml",
        REPORT,
        "original.subject",
        r#""Daftar harga kain – Januari café""#,
    ),
    ("rfc3464/330.eml", REPORT, "warning_ids", "[]"),
    // A direction mark in a B-encoded subject is shown, not obeyed.
    (
        "rfc3464/331.eml",
        REPORT,
        "original.subject",
        r#""<U+202E>FAKTUR<U+202C> lunas""#,
    ),
    (
        "rfc3464/331.eml",
        REPORT,
        "warning_ids",
        r#"["warning.hidden-characters"]"#,
    ),
    ("rfc3464/332.eml", REPORT, "warning_ids", "[]"),
    ("rfc3464/332.eml", 0, "reason", r#""mailboxfull""#),
];

#[test]
fn rows_hold() {
    let failures = rows_not_held(ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(path).expect("fixture")
}

/// A delivery report over the limit because of the attachment it
/// carries back is read up to the limit, with a warning (fresh14 #35).
#[test]
fn a_big_returned_email_is_cut_not_refused() {
    let bytes = fixture("rfc3464/332.eml");
    assert_eq!(bytes.len(), 7079);
    for lang in [Lang::En, Lang::Id] {
        let options = Options { lang, max_size: 2048, ..Default::default() };
        let report = decode(&bytes, &options).expect("read up to the limit");
        assert_eq!(report.warning_ids, ["warning.input-cut"]);
        assert_eq!(report.recipients.len(), 1);
        let r = &report.recipients[0];
        assert_eq!(r.address.as_deref(), Some("andi@pelanggan-kain.example"));
        assert_eq!(r.reason, pantul::Reason::MailboxFull);
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.2.2"));
        assert_eq!(
            report.original.subject.as_deref(),
            Some("Scan surat jalan")
        );
        let said = match lang {
            Lang::En => "Only its start was read",
            Lang::Id => "Hanya bagian awalnya yang dibaca",
        };
        assert!(report.warnings[0].contains(said), "{}", report.warnings[0]);
    }
}

/// Cut at a line end within the limit; a text that is no MIME message
/// of several parts is refused whole as before.
#[test]
fn only_a_multipart_message_is_cut() {
    let bytes = fixture("rfc3464/332.eml");
    let head = pantul::input::message_head(&bytes, 2048).expect("cut");
    assert!(head.len() <= 2048 && head.ends_with(b"\n"));
    assert_eq!(pantul::input::message_head(&bytes, bytes.len()), None);
    let text = b"550 5.1.1 <a@example.org>: User unknown\n".repeat(100);
    let options = Options { max_size: 2048, ..Default::default() };
    let refused = decode(&text, &options);
    assert!(matches!(
        refused,
        Err(Error::TooLarge { size: 4000, limit: 2048 })
    ));
    // A single-part message is refused too.
    let mut single = b"From: a@example.org\nSubject: x\n\n".to_vec();
    single.extend_from_slice(&text);
    assert!(matches!(
        decode(&single, &options),
        Err(Error::TooLarge { limit: 2048, .. })
    ));
}

/// The command reads such a file up to the limit only and reports it.
#[test]
fn the_command_reads_a_big_notice() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rfc3464/332.eml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pantul"))
        .args(["--json", "--lang", "en", "--max-size", "2048"])
        .arg(&path)
        .output()
        .expect("run pantul");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["warning_ids"], serde_json::json!(["warning.input-cut"]));
    assert_eq!(report["recipients"][0]["reason"], "mailboxfull");
}
