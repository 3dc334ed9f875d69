// SPDX-License-Identifier: MIT
//! A notice as a whole: an mbox file of several messages (`decode_all`,
//! and `decode`'s warning), and the advice and ticket reply for a text
//! that is not a bounce, for a bounce that names no recipient, and for
//! a cause that cannot be decided.

use pantul::report::Kind;
use pantul::{decode, decode_all, Error, Lang, Options, Reason};

fn options(lang: Lang) -> Options {
    Options { lang, ..Options::default() }
}

const FIRST: &str = "<neko@example.org>: host mx.example.org[192.0.2.1] \
                     said: 550 5.1.1 User unknown (in reply to RCPT TO \
                     command)\n";
const SECOND: &str = "<tora@example.net>: host mx.example.net[192.0.2.2] \
                      said: 552 5.2.2 Mailbox full (in reply to RCPT TO \
                      command)\n";

fn mbox(messages: &[&str]) -> String {
    messages
        .iter()
        .map(|m| format!("From MAILER-DAEMON Mon Mar  3 10:15:02 2025\n{m}\n"))
        .collect()
}

#[test]
fn decode_all_reads_every_message_of_an_mbox() {
    let text = mbox(&[FIRST, SECOND]);
    let reports = decode_all(text.as_bytes(), &options(Lang::En)).unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0].message, Some(1));
    assert_eq!(reports[1].message, Some(2));
    assert_eq!(reports[0].recipients[0].reason, Reason::UserUnknown);
    assert_eq!(reports[1].recipients[0].reason, Reason::MailboxFull);
    assert_eq!(
        reports[1].recipients[0].address.as_deref(),
        Some("tora@example.net")
    );
}

#[test]
fn decode_all_of_one_message_is_decode() {
    let one = decode_all(FIRST.as_bytes(), &options(Lang::Id)).unwrap();
    let alone = decode(FIRST.as_bytes(), &options(Lang::Id)).unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].message, None);
    assert_eq!(
        serde_json::to_value(&one[0]).unwrap(),
        serde_json::to_value(&alone).unwrap()
    );
}

#[test]
fn decode_all_skips_an_empty_message_and_fails_when_all_are() {
    let text = mbox(&["", FIRST, SECOND]);
    let reports = decode_all(text.as_bytes(), &options(Lang::En)).unwrap();
    let numbers: Vec<_> = reports.iter().map(|r| r.message).collect();
    assert_eq!(numbers, [Some(2), Some(3)]);
    // All empty: the file is read whole, as one message with nothing.
    let empty = mbox(&["", ""]);
    let whole = decode_all(empty.as_bytes(), &options(Lang::En)).unwrap();
    assert_eq!(whole.len(), 1);
    assert_eq!(whole[0].message, None);
    assert!(whole[0].recipients.is_empty());
    assert_eq!(
        decode_all(b" \n", &options(Lang::En)).err(),
        Some(Error::Empty)
    );
    let big = Options { max_size: 100, ..options(Lang::En) };
    let error = decode_all(text.as_bytes(), &big);
    assert!(matches!(error, Err(Error::TooLarge { limit: 100, .. })));
}

#[test]
fn decode_of_an_mbox_reads_one_message_and_warns() {
    let text = mbox(&["", FIRST, SECOND]);
    let report = decode(text.as_bytes(), &options(Lang::En)).unwrap();
    assert_eq!(report.message, Some(2));
    assert_eq!(report.recipients.len(), 1);
    assert_eq!(report.recipients[0].reason, Reason::UserUnknown);
    let at = report
        .warning_ids
        .iter()
        .position(|w| w == "warning.several-messages")
        .expect("the warning");
    assert!(report.warnings[at].starts_with("This text holds 3 messages"));
    let plain = decode(FIRST.as_bytes(), &options(Lang::En)).unwrap();
    assert!(!plain.warning_ids.iter().any(|w| w == "warning.several-messages"));
}

#[test]
fn a_text_that_is_not_a_bounce_gets_a_reply_that_says_what_to_send() {
    let text = b"Halo, email saya ke klien tidak sampai. Tolong dicek ya.\n";
    let report = decode(text, &options(Lang::Id)).unwrap();
    assert_eq!(report.kind, Kind::NotABounce);
    assert_eq!(report.advice.len(), 1);
    assert_eq!(report.advice[0].id, "not-a-bounce");
    assert!(report.advice[0].recipients.is_empty());
    assert!(report.ticket_reply.starts_with(
        "Teks yang Anda kirimkan bukan pesan bounce, sehingga penyebab"
    ));
    assert!(report.ticket_reply.contains("MAILER-DAEMON"));
    assert!(report.ticket_reply.contains("\n1. Cari pesan bounce di inbox"));
    let en = decode(text, &options(Lang::En)).unwrap();
    assert!(en
        .ticket_reply
        .starts_with("The text you sent is not a bounce message"));
    assert_eq!(en.summary, "This text does not look like a bounce message.");
}

#[test]
fn a_cause_that_cannot_be_decided_quotes_the_servers_words() {
    let text = b"<neko@example.org>: host mx.example.org[192.0.2.1] said: \
                 550 frobnicated the widget (in reply to RCPT TO command)\n";
    let report = decode(text, &options(Lang::En)).unwrap();
    let reason = report.recipients[0].reason;
    assert!(matches!(reason, Reason::OnHold | Reason::Undefined), "{reason:?}");
    assert!(
        report.ticket_reply.contains(
            "1. The receiving server's words for this email: \
             \"550 frobnicated the widget\"."
        ),
        "{}",
        report.ticket_reply
    );
    assert!(!report.ticket_reply.contains("here again"));
    let id = decode(text, &options(Lang::Id)).unwrap();
    assert!(id.ticket_reply.contains(
        "Kata-kata server penerima untuk email ini: \"550 frobnicated the \
         widget\"."
    ));
}

#[test]
fn a_size_just_over_the_limit_is_told_in_bytes() {
    let limit = 10 * 1024 * 1024;
    let just_over = Error::TooLarge { size: limit + 1, limit };
    assert_eq!(
        just_over.message(Lang::En),
        "The input is too large (10,485,761 bytes); the limit is \
         10,485,760 bytes."
    );
    assert_eq!(
        just_over.message(Lang::Id),
        "Masukan terlalu besar (10.485.761 byte); batasnya 10.485.760 byte."
    );
    let well_over = Error::TooLarge { size: 12 * 1024 * 1024, limit };
    assert_eq!(
        well_over.message(Lang::En),
        "The input is too large (12.0 MiB); the limit is 10.0 MiB."
    );
}

/// A phishing lure dressed as a bounce (`pantul::lure`): held mail, a
/// call to log in and a link.
const LURE: &str = "Delivery failure notice\n\nYour mailbox neko@example.org \
    has 4 pending incoming messages. To release your pending messages, \
    click the link below and verify your account:\n\
    https://mail-release.example/login\n";

#[test]
fn a_phishing_lure_gets_advice_of_its_own_and_no_request_for_the_bounce() {
    let report = decode(LURE.as_bytes(), &options(Lang::En)).unwrap();
    assert_eq!(report.kind, Kind::NotABounce);
    assert!(report.recipients.is_empty());
    assert_eq!(report.warning_ids, ["warning.phishing-signs"]);
    assert_eq!(report.advice.len(), 1);
    assert_eq!(report.advice[0].id, "phishing");
    assert_eq!(report.summary, report.advice[0].summary);
    assert!(report
        .summary
        .starts_with("This text is not a bounce but a phishing email"));
    assert!(report.ticket_reply.contains("Do not click its links"));
    assert!(!report.ticket_reply.contains("send that bounce message"));
    let id = decode(LURE.as_bytes(), &options(Lang::Id)).unwrap();
    assert!(id.summary.contains("email phishing"), "{}", id.summary);
    assert!(id.ticket_reply.contains("Jangan klik tautan"));
}
