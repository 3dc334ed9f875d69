// SPDX-License-Identifier: MIT
//! What the fresh-user test of stop 20 (fresh12) found about reading
//! and stop 20 fixed: a Postfix notice whose lines a webmail view broke
//! apart, Gmail's older "sender is unauthenticated" notice taken for a
//! foreign From domain, a ticket quoting two Microsoft refusals, and
//! Google Groups' refusal of a post read as no bounce, set-up notes
//! that mention a login error read as a bounce. One row per
//! expectation, on our own fixtures (`tests/fixtures/`, numbers
//! 210-219), each checked in both languages.

use serde_json::Value;

mod support;
use support::{advice_words, lookup, report, rows_not_held, Row, REPORT};

const LANGS: [pantul::Lang; 2] = [pantul::Lang::Id, pantul::Lang::En];

/// (fixture, recipient from 0 or [`REPORT`], field path, JSON value).
/// `advice.<field>` reads the advice item the recipient belongs to.
const ROWS: &[Row] = &[
    // A webmail copy of a Postfix notice with `<`, the address and
    // `>: host` on lines of their own, and delivery-status fields whose
    // values went to the next line: one recipient, with the server's
    // reply, host and IP, and no warning that the paste is incomplete.
    ("postfix/210.txt", REPORT, "kind", r#""bounce""#),
    ("postfix/210.txt", REPORT, "format", r#""postfix""#),
    ("postfix/210.txt", REPORT, "recipients.1", "null"),
    ("postfix/210.txt", REPORT, "warnings", "[]"),
    ("postfix/210.txt", 0, "address", r#""dewi.lestari@yahoo.com""#),
    ("postfix/210.txt", 0, "status", r#""5.7.9""#),
    ("postfix/210.txt", 0, "status_inferred", "false"),
    ("postfix/210.txt", 0, "reply_code", "554"),
    ("postfix/210.txt", 0, "command", r#""DATA""#),
    ("postfix/210.txt", 0, "remote_host", r#""mta7.am0.yahoodns.net""#),
    ("postfix/210.txt", 0, "remote_ip", r#""203.0.113.77""#),
    ("postfix/210.txt", 0, "reason", r#""policyviolation""#),
    ("postfix/210.txt", 0, "advice.id", r#""yahoo-policy""#),
    // The same notice quoted in a ticket, each line behind `> `.
    ("postfix/214.txt", REPORT, "recipients.1", "null"),
    ("postfix/214.txt", 0, "address", r#""hendra.wijaya@yahoo.com""#),
    ("postfix/214.txt", 0, "status", r#""5.7.9""#),
    ("postfix/214.txt", 0, "reply_code", "554"),
    ("postfix/214.txt", 0, "remote_host", r#""mta5.am0.yahoodns.net""#),
    ("postfix/214.txt", 0, "remote_ip", r#""203.0.113.15""#),
    ("postfix/214.txt", 0, "reason", r#""policyviolation""#),
    // Gmail's older notice names the recipient's domain (gmail.com) and
    // the sender's SPF domain: the sender's own domain did not pass, so
    // the advice is about its SPF and DKIM records, never about a From
    // address at someone else's domain.
    ("gmail/211.txt", 0, "reason", r#""authfailure""#),
    ("gmail/211.txt", 0, "status", r#""5.7.26""#),
    ("gmail/211.txt", 0, "advice.id", r#""auth-check-named""#),
    ("gmail/211.txt", 0, "advice.who", r#""sender-admin""#),
    // A ticket quoting two of Microsoft's returned lines without their
    // notices: two recipients, each with its own code and server.
    ("text/212.txt", REPORT, "kind", r#""bounce""#),
    ("text/212.txt", REPORT, "recipients.2", "null"),
    ("text/212.txt", 0, "status", r#""5.7.606""#),
    ("text/212.txt", 0, "reply_code", "550"),
    ("text/212.txt", 0, "reason", r#""blocked""#),
    ("text/212.txt", 0, "policy.id", r#""ms365-banned-ip""#),
    (
        "text/212.txt",
        0,
        "remote_host",
        r#""pn3pepf0000a1b2.apcprd01.prod.outlook.com""#,
    ),
    ("text/212.txt", 1, "address", "null"),
    ("text/212.txt", 1, "status", r#""5.4.1""#),
    ("text/212.txt", 1, "reply_code", "550"),
    ("text/212.txt", 1, "reason", r#""userunknown""#),
    (
        "text/212.txt",
        1,
        "remote_host",
        r#""ch2pepf0000c3d4.namprd11.prod.outlook.com""#,
    ),
    // Google Groups' refusal of a post, pasted without the group's
    // address: a refused post (the corpus's `rejected`), with the
    // group's advice.
    ("google-groups/213.txt", REPORT, "kind", r#""bounce""#),
    ("google-groups/213.txt", REPORT, "format", r#""google-groups""#),
    ("google-groups/213.txt", 0, "address", "null"),
    ("google-groups/213.txt", 0, "action", r#""failed""#),
    ("google-groups/213.txt", 0, "reason", r#""rejected""#),
    ("google-groups/213.txt", 0, "status", r#""5.0.918""#),
    ("google-groups/213.txt", 0, "hard_bounce", "false"),
    (
        "google-groups/213.txt",
        0,
        "evidence.rule",
        r#""google-groups.no-permission""#,
    ),
    ("google-groups/213.txt", 0, "advice.id", r#""rejected""#),
    // Set-up notes that say what a login error means if it appears: no
    // reply came back, so no bounce and no recipient (fresh12's
    // finding 8).
    ("text/215.txt", REPORT, "kind", r#""not-a-bounce""#),
    ("text/215.txt", REPORT, "recipients", "[]"),
    ("text/215.txt", REPORT, "advice.0.id", r#""not-a-bounce""#),
    // An Indonesian out-of-office reply pasted without its headers is an
    // automatic reply, as an English one is (fresh12's finding 11).
    ("rfc3834/216.txt", REPORT, "kind", r#""auto-reply""#),
    ("rfc3834/216.txt", 0, "reason", r#""vacation""#),
    ("rfc3834/216.txt", 0, "address", "null"),
];

#[test]
fn fresh12_findings_read_as_the_notices_mean() {
    let failures = rows_not_held(ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The words a reader sees: the advice's ([`advice_words`]) and the
/// ticket reply.
fn shown(report: &Value) -> String {
    let reply = report["ticket_reply"].as_str().unwrap_or("");
    format!("{}\n{reply}", advice_words(report))
}

#[test]
fn a_broken_webmail_copy_is_not_called_incomplete() {
    for lang in LANGS {
        let words = shown(&report("postfix/210.txt", lang));
        assert!(!words.contains("Show original"), "{words}");
        assert!(!words.contains("Tampilkan pesan asli"), "{words}");
        assert!(!words.contains("5.0.9"), "{words}");
    }
}

#[test]
fn the_own_domain_that_failed_spf_is_told_to_fix_its_records() {
    let id = shown(&report("gmail/211.txt", pantul::Lang::Id));
    assert!(id.contains("SPF dan DKIM untuk apotek-sehat.example"), "{id}");
    assert!(id.contains("192.0.2.41"), "{id}");
    assert!(!id.contains("bukan domain Anda"), "{id}");
    assert!(!id.contains("atas nama apotek-sehat.example"), "{id}");
    let en = shown(&report("gmail/211.txt", pantul::Lang::En));
    assert!(en.contains("SPF and DKIM for apotek-sehat.example"), "{en}");
    assert!(!en.contains("not yours"), "{en}");
    assert!(!en.contains("on behalf of apotek-sehat.example"), "{en}");
}

/// A DMARC refusal that names gmail.com as the sender's domain beside an
/// SPF domain of the user's: the advice about a From address at
/// gmail.com names gmail.com throughout, never the SPF domain.
#[test]
fn the_foreign_from_advice_names_the_domain_it_is_about() {
    let text = "<neko@example.org>: host mx.example.org[192.0.2.1] said: \
                550 5.7.1 Unauthenticated email from gmail.com is not \
                accepted due to domain's DMARC policy. SPF [toko.example] \
                with ip: [192.0.2.41] = did not pass (in reply to end of \
                DATA command)\n";
    for lang in LANGS {
        let options = pantul::Options { lang, ..Default::default() };
        let report = pantul::decode(text.as_bytes(), &options).expect("ok");
        let report = serde_json::to_value(&report).unwrap_or(Value::Null);
        assert_eq!(
            lookup(&report, 0, "advice.id"),
            Value::from("dmarc-mailbox-domain")
        );
        let words = shown(&report);
        assert!(words.contains("gmail.com"), "{words}");
        assert!(!words.contains("toko.example"), "{words}");
    }
}

#[test]
fn the_google_groups_steps_speak_of_the_group() {
    let id = shown(&report("google-groups/213.txt", pantul::Lang::Id));
    assert!(id.contains("Periksa ejaan alamat grup"), "{id}");
    assert!(!id.contains("tidak tampak seperti pesan bounce"), "{id}");
    let en = shown(&report("google-groups/213.txt", pantul::Lang::En));
    assert!(en.contains("Check the spelling of the group's address"), "{en}");
    assert!(en.contains("ask to join"), "{en}");
    assert!(!en.contains("not look like a bounce"), "{en}");
}
