// SPDX-License-Identifier: MIT
//! What stop 23 (follow23) made of a new user's findings about reasons
//! (fresh15): a domain that does not exist in Gmail's classic notice
//! and in Outlook on the web's view (#1), a blocklist named in a
//! server's prose (#22), a recipient's account switched off in short
//! words (#21), and Gmail's own notice about the sending IP's very low
//! reputation (#3), and an SPF refusal that names the sender's domain
//! (#7). One row per expectation, on our own fixtures
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
    // An SPF refusal that names the sender's domain: the advice names
    // it, as it does for a DMARC refusal (#7).
    ("postfix/365.txt", 0, "reason", r#""authfailure""#),
    ("postfix/365.txt", 0, "advice.id", r#""auth-check-named""#),
];

/// The advice names the domain an SPF refusal names, in every step that
/// speaks of the sender's domain, in both languages (#7).
#[test]
fn an_spf_refusal_names_its_domain_in_the_advice() {
    for lang in [pantul::Lang::Id, pantul::Lang::En] {
        let report = support::report("postfix/365.txt", lang);
        let words = support::advice_words(&report);
        assert!(words.contains("contoh.example"), "{lang:?}: {words}");
        for vague in ["your domain", "domain Anda"] {
            assert!(!words.contains(vague), "{lang:?}: {vague} in {words}");
        }
    }
}

#[test]
fn rows_hold() {
    let failures = rows_not_held(ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The reason of the one recipient of a Postfix notice whose server
/// said `said`, as a pasted fragment.
fn reason_of(said: &str) -> String {
    let text = format!(
        "This is the mail system at host mail.example.com.\n\n\
         <e@example.org>: host mx.example.org[192.0.2.10] said: {said} \
         (in reply to RCPT TO command)\n"
    );
    let options = pantul::Options::default();
    let report = pantul::decode(text.as_bytes(), &options).expect("decodes");
    let value = serde_json::to_value(&report).expect("serialises");
    value["recipients"][0]["reason"].as_str().unwrap_or("").to_string()
}

/// Replies in Indonesian that say the cause outright (#26), and Gmail's
/// TLS failure (#27).
#[test]
fn plain_words_name_their_cause() {
    let rows = [
        ("552 Kuota mailbox penerima sudah habis", "mailboxfull"),
        (
            "550 5.7.1 Email Anda ditolak karena domain pengirim tidak \
             lolos SPF",
            "authfailure",
        ),
        ("421 Server sibuk, silakan coba lagi nanti", "systemerror"),
        ("421 Server busy, please try again later", "systemerror"),
        (
            "550 5.7.0 TLS Negotiation failed, the certificate doesn't \
             match the host.",
            "failedstarttls",
        ),
        // The sender's own sending quota is not the recipient's mailbox.
        ("550 Kuota pengiriman harian Anda sudah habis", "onhold"),
    ];
    for (said, reason) in rows {
        assert_eq!(reason_of(said), reason, "{said}");
    }
}
