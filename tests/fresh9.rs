// SPDX-License-Identifier: MIT
//! What the fresh-user test of stop 17 (fresh9) found and stop 18 fixed:
//! Zoho's "Email rejected due to security policies", stand-in codes of
//! the wrong class, a bare "550 Spam", the sender a pasted Gmail notice
//! names in its own `To:`, an email app's own send error. One row per
//! expectation, on our
//! own fixtures (`tests/fixtures/`, numbers 112-119), each checked in
//! both languages.

use serde_json::Value;

mod support;
use support::{advice_words as shown, report, rows_not_held, Row, REPORT};

/// (fixture, recipient from 0 or [`REPORT`], field path, JSON value).
/// `advice.<field>` reads the advice item the recipient belongs to.
const ROWS: &[Row] = &[
    // Zoho's servers refuse with "Email rejected due to security
    // policies" for their own verdict on the message or the sending
    // server: the sender acts, with Zoho's spam advice, even when the
    // Postfix line lost its opening "host".
    ("zoho/112.txt", 0, "reason", r#""spamdetected""#),
    ("zoho/112.txt", 0, "evidence.rule", r#""zoho.spamdetected""#),
    ("zoho/112.txt", 0, "remote_host", r#""mx2.zoho.in""#),
    ("zoho/112.txt", 0, "remote_ip", r#""203.0.113.45""#),
    ("zoho/112.txt", 0, "policy.id", r#""zoho""#),
    ("zoho/112.txt", 0, "advice.id", r#""zoho""#),
    ("zoho/112.txt", 0, "advice.who", r#""sender""#),
    ("zoho/112.txt", 0, "permanent", "true"),
    // Exim gave up on a full mailbox: a permanent failure reads as a
    // 5.x.x stand-in.
    ("exim/113.txt", 0, "reason", r#""mailboxfull""#),
    ("exim/113.txt", 0, "status", r#""5.0.922""#),
    ("exim/113.txt", 0, "status_inferred", "true"),
    ("exim/113.txt", 0, "permanent", "true"),
    // Two addresses Exim gave up on after retrying read the same: both
    // failed, both the corpus's 4.0.947 for a retry timeout.
    ("exim/114.txt", REPORT, "kind", r#""bounce""#),
    ("exim/114.txt", 0, "action", r#""failed""#),
    ("exim/114.txt", 1, "action", r#""failed""#),
    ("exim/114.txt", 0, "reason", r#""expired""#),
    ("exim/114.txt", 1, "reason", r#""expired""#),
    ("exim/114.txt", 0, "status", r#""4.0.947""#),
    ("exim/114.txt", 1, "status", r#""4.0.947""#),
    ("exim/114.txt", 1, "permanent", "true"),
    ("exim/114.txt", 1, "evidence.rule", r#""exim.retry-timeout""#),
    // "554 spam" alone is a spam verdict; "spam" inside a policy link
    // is not.
    ("postfix/115.txt", 0, "reason", r#""spamdetected""#),
    ("postfix/115.txt", 0, "evidence.rule", r#""spamdetected.bare-word""#),
    ("postfix/115.txt", 0, "advice.who", r#""sender""#),
    ("postfix/115.txt", 1, "reason", r#""onhold""#),
    // A pasted Gmail notice whose own header lines are kept: their
    // `To:` is the sender, at a domain of its own (Google Workspace) or
    // at Gmail; the recipient is the one the notice names, never it.
    ("google-workspace/116.txt", REPORT, "format", r#""google-workspace""#),
    (
        "google-workspace/116.txt",
        0,
        "address",
        r#""pelanggan.setia@gmail.com""#,
    ),
    ("google-workspace/116.txt", 0, "reason", r#""userunknown""#),
    ("gmail/117.txt", REPORT, "format", r#""gmail""#),
    ("gmail/117.txt", 0, "address", r#""pembeli.lama@example.net""#),
    // An email app's own error for a refused SMTP login: nothing was
    // sent, so it is no bounce, with no "(unknown)" recipient; its own
    // advice says so, and the sender acts.
    ("text/118.txt", REPORT, "kind", r#""not-a-bounce""#),
    ("text/118.txt", REPORT, "recipients", "[]"),
    ("text/118.txt", REPORT, "warning_ids", r#"["warning.app-send-error"]"#),
    ("text/118.txt", REPORT, "advice.0.id", r#""app-send-error""#),
    ("text/118.txt", REPORT, "advice.0.who", r#""sender""#),
];

#[test]
fn fresh9_findings_read_as_the_notices_mean() {
    let failures = rows_not_held(ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn zoho_security_policies_speak_of_spam_not_the_recipients_rules() {
    let id = shown(&report("zoho/112.txt", pantul::Lang::Id));
    assert!(id.contains("Zoho Mail menilai email ini sebagai spam"), "{id}");
    assert!(!id.contains("organisasi penerima"), "{id}");
    let en = shown(&report("zoho/112.txt", pantul::Lang::En));
    assert!(en.contains("Zoho Mail judged this email to be spam"), "{en}");
    assert!(!en.contains("recipient's organisation"), "{en}");
}

#[test]
fn mimecast_keeps_its_own_reading_of_the_same_words() {
    let text = "<neko@example.org>: host service1.mimecast.com[192.0.2.9] \
                said: 554 Email rejected due to security policies (in \
                reply to end of DATA command)\n";
    let options = pantul::Options::default();
    let report = pantul::decode(text.as_bytes(), &options).expect("decodes");
    let report = serde_json::to_value(&report).unwrap_or(Value::Null);
    let r = &report["recipients"][0];
    assert_eq!(r["reason"], "virusdetected");
    assert_eq!(r["policy"], Value::Null);
}
