// SPDX-License-Identifier: MIT
//! Stop 22's cases from a fresh user's tries: quoted local parts kept in
//! every layout, look-alike letters shown in addresses, Mailgun's events
//! read per recipient, bounces whose lines a ticket system joined, the
//! CLI telling what it waits for on a terminal, and the phishing lure's
//! advice naming its reader.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use pantul::{Lang, Options};
use serde_json::Value;

const LANGS: [Lang; 2] = [Lang::Id, Lang::En];

fn fixture(file: &str) -> Value {
    support::report(file, Lang::En)
}

/// The report of `text`, in English, as JSON.
fn decode(text: &str) -> Value {
    decode_in(text, Lang::En)
}

fn decode_in(text: &str, lang: Lang) -> Value {
    let options = Options { lang, ..Options::default() };
    let report = pantul::decode(text.as_bytes(), &options).unwrap();
    serde_json::to_value(&report).unwrap()
}

/// Each recipient's address, reason, status and reply code.
fn rows(report: &Value) -> Vec<(String, String, String, i64)> {
    let text = |v: &Value| v.as_str().unwrap_or("-").to_string();
    report["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let code = r["reply_code"].as_i64().unwrap_or(0);
            (text(&r["address"]), text(&r["reason"]), text(&r["status"]), code)
        })
        .collect()
}

fn row(
    a: &str,
    reason: &str,
    status: &str,
    code: i64,
) -> (String, String, String, i64) {
    (a.to_string(), reason.to_string(), status.to_string(), code)
}

const JOHN: &str = "\"john doe\"@example.com";

#[test]
fn quoted_local_parts_are_kept_in_postfix_and_exim_notices() {
    let postfix = fixture("postfix/295.txt");
    assert_eq!(
        rows(&postfix),
        [
            row(JOHN, "userunknown", "5.1.1", 550),
            row("\"a.b..c\"@example.org", "mailboxfull", "4.2.2", 452),
        ]
    );
    // A quoted local part may hold doubled dots: not malformed.
    assert!(!postfix["warning_ids"].to_string().contains("malformed"));
    let exim = fixture("exim/296.txt");
    assert_eq!(exim["format"], "exim");
    assert_eq!(
        rows(&exim),
        [
            row(JOHN, "userunknown", "5.1.1", 550),
            row("\"a.b..c\"@example.org", "blocked", "5.7.1", 550),
        ]
    );
    assert_eq!(exim["recipients"][0]["remote_host"], "mx.example.com");
}

#[test]
fn quoted_local_parts_are_kept_in_logs_listings_and_dsns() {
    let postfix_log = "Dec  6 10:00:01 mail postfix/smtp[123]: \
        4P64Bn1qNHzLbR0q: to=<\"john doe\"@example.com>, \
        relay=mx.example.com[192.0.2.5]:25, delay=1, dsn=5.1.1, \
        status=bounced (host mx.example.com[192.0.2.5] said: 550 5.1.1 \
        User unknown (in reply to RCPT TO command))\n";
    let exim_log =
        "2026-12-06 10:00:01 1abcDE-000123-Ab ** \"john doe\"@example.com \
        R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.5]: SMTP error \
        from remote mail server after RCPT TO:<\"john doe\"@example.com>: \
        550 5.1.1 User unknown\n";
    let dsn = "Reporting-MTA: dns; mail.example.net\n\n\
        Final-Recipient: rfc822; \"john doe\"@example.com\nAction: failed\n\
        Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n";
    let sendmail =
        "   ----- The following addresses had permanent fatal errors -----\n\
        <\"john doe\"@example.com>\n    (reason: 550 5.1.1 User unknown)\n";
    for text in [postfix_log, exim_log, dsn, sendmail] {
        let report = decode(text);
        assert_eq!(rows(&report), [row(JOHN, "userunknown", "5.1.1", 550)]);
    }
}

#[test]
fn a_quote_in_prose_opens_no_address() {
    let report = decode(
        "<neko@example.org>: host mx.example.org[192.0.2.5] said: 550 5.1.1 \
         user \"neko\"@ unknown (in reply to RCPT TO command)\n",
    );
    assert_eq!(rows(&report)[0].0, "neko@example.org");
}

#[test]
fn look_alike_letters_are_shown_as_codes_with_a_warning() {
    let report = fixture("postfix/301.txt");
    let addresses: Vec<&str> = report["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["address"].as_str().unwrap())
        .collect();
    assert_eq!(
        addresses,
        [
            "billing@p<U+0430>ypal.com",
            "admin@g<U+03BF>ogle.com",
            "info@<U+FF50><U+FF41><U+FF59><U+FF50><U+FF41><U+FF4C>.com",
            "<U+0430>dmin@example.com",
            "sales@pay<U+FF50>al.com",
        ]
    );
    for lang in LANGS {
        let report = support::report("postfix/301.txt", lang);
        assert_eq!(report["warning_ids"][0], "warning.mixed-script-domain");
        let warning = report["warnings"][0].as_str().unwrap();
        let fullwidth = match lang {
            Lang::En => "fullwidth letters",
            Lang::Id => "huruf lebar penuh",
        };
        assert!(warning.contains(fullwidth), "{warning}");
        assert!(warning.contains("<U+043E>"), "{warning}");
    }
}

#[test]
fn one_script_addresses_are_left_as_they_are() {
    let text = "<\u{430}\u{434}\u{43c}\u{438}\u{43d}@\u{43f}\u{440}\u{438}\u{43c}\u{435}\u{440}.\u{440}\u{444}>: \
        host mx.example.org[192.0.2.5] said: 550 5.1.1 User unknown (in \
        reply to RCPT TO command)\n\n<m\u{fc}ller@b\u{fc}cher.example>: host \
        mx.example.org[192.0.2.5] said: 550 5.1.1 User unknown (in reply \
        to RCPT TO command)\n";
    let report = decode(text);
    let first = &report["recipients"][0]["address"];
    assert_eq!(first, "\u{430}\u{434}\u{43c}\u{438}\u{43d}@\u{43f}\u{440}\u{438}\u{43c}\u{435}\u{440}.\u{440}\u{444}");
    assert_eq!(
        report["recipients"][1]["address"],
        "m\u{fc}ller@b\u{fc}cher.example"
    );
    assert_eq!(report["warning_ids"], Value::Array(Vec::new()));
}

#[test]
fn a_mailgun_webhook_event_is_read() {
    let report = fixture("mailgun/297.txt");
    assert_eq!(report["format"], "mailgun");
    assert_eq!(report["kind"], "bounce");
    let r = &report["recipients"][0];
    assert_eq!(r["address"], "budi.santoso@example.com");
    assert_eq!(r["action"], "failed");
    assert_eq!(r["reply_code"], 550);
    assert_eq!(r["status"], "5.1.1");
    assert_eq!(r["reason"], "userunknown");
    assert_eq!(r["remote_host"], "mx1.example.com");
    assert_eq!(r["sender"], "noreply@toko.example.net");
    assert_eq!(report["recipients"].as_array().unwrap().len(), 1);
}

#[test]
fn mailgun_events_are_read_per_recipient() {
    let report = fixture("mailgun/298.txt");
    let r = report["recipients"].as_array().unwrap();
    assert_eq!(r.len(), 3, "the opened event is left out");
    assert_eq!(
        (
            &r[0]["address"],
            &r[0]["action"],
            &r[0]["reason"],
            &r[0]["reply_code"]
        ),
        (
            &"sari@example.org".into(),
            &"delayed".into(),
            &"mailboxfull".into(),
            &452.into()
        )
    );
    // Mailgun's own 605 is no server's reply: the address is on its
    // suppression list and no server was asked.
    assert_eq!(r[1]["reason"], "suppressed");
    assert_eq!(r[1]["reply_code"], Value::Null);
    assert_eq!(r[1]["remote_host"], Value::Null);
    assert_eq!(
        r[1]["diagnostic"],
        "Not delivering to previously bounced address"
    );
    assert_eq!(r[2]["action"], "delivered");
    assert_eq!(r[2]["reply_code"], 250);
}

#[test]
fn mailgun_events_pasted_one_a_line_are_each_read() {
    let report = fixture("mailgun/302.txt");
    let r = report["recipients"].as_array().unwrap();
    assert_eq!(r.len(), 3);
    assert_eq!(r[0]["action"], "delayed");
    assert_eq!(r[0]["status"], "4.7.0");
    assert_eq!(r[1]["reason"], "feedback");
    assert_eq!(r[2]["address"], JOHN);
    assert_eq!(r[2]["reason"], "userunknown");
}

#[test]
fn a_mailgun_event_without_its_recipient_is_no_record() {
    let report = decode(
        "{\"event\": \"failed\", \"delivery-status\": {\"code\": 550}, \
         \"recipient\": 42}\n",
    );
    assert_eq!(report["kind"], "not-a-bounce");
}

#[test]
fn an_exim_bounce_joined_with_bars_is_read_per_recipient() {
    let report = fixture("text/299.txt");
    assert_eq!(report["format"], "exim");
    assert_eq!(
        rows(&report),
        [
            row("budi@example.com", "userunknown", "5.1.1", 550),
            row("sari@example.org", "blocked", "5.7.1", 550),
        ]
    );
    assert_eq!(report["recipients"][1]["blocklist"]["id"], "spamhaus-zen");
    assert!(report["warning_ids"].to_string().contains("lines-restored"));
}

#[test]
fn a_sendmail_bounce_on_one_line_is_read() {
    let report = fixture("text/300.txt");
    assert_eq!(report["format"], "sendmail");
    assert_eq!(
        rows(&report),
        [row("budi@example.com", "userunknown", "5.1.1", 550)]
    );
}

/// A Postfix notice as a ticket system joins its lines: with single
/// spaces, with bars, with double spaces.
#[test]
fn a_postfix_bounce_joined_three_ways_is_read_the_same() {
    let lines = [
        "This is the mail system at host mail.toko.example.net.",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients. It's attached below.",
        "The mail system",
        "<budi@example.com>: host mx.example.com[192.0.2.5] said: 550 5.1.1",
        "<budi@example.com>: Recipient address rejected: User unknown in virtual",
        "mailbox table (in reply to RCPT TO command)",
        "<sari@example.org>: host mx.example.org[192.0.2.6] said: 452 4.2.2 Mailbox",
        "full (in reply to RCPT TO command)",
    ];
    for joint in [" ", " | ", "  "] {
        let report = decode(&lines.join(joint));
        assert_eq!(
            rows(&report),
            [
                row("budi@example.com", "userunknown", "5.1.1", 550),
                row("sari@example.org", "mailboxfull", "4.2.2", 452),
            ],
            "joined with {joint:?}"
        );
        let diag = report["recipients"][1]["diagnostic"].as_str().unwrap();
        assert!(!diag.contains('|'), "{diag}");
    }
}

#[test]
fn a_short_delivery_status_joined_with_bars_is_read() {
    let report = decode(
        "Final-Recipient: rfc822; budi@example.com | Action: failed | \
         Status: 5.1.1 | Diagnostic-Code: smtp; 550 User unknown\n",
    );
    assert_eq!(report["format"], "rfc3464");
    assert_eq!(
        rows(&report),
        [row("budi@example.com", "userunknown", "5.1.1", 550)]
    );
    assert_eq!(report["recipients"][0]["diagnostic"], "550 User unknown");
}

#[test]
fn one_bar_in_a_server_reply_is_left_alone() {
    let text = "<budi@example.com>: host mx.example.com[192.0.2.5] said: 550 \
        5.7.1 Rejected | see https://postmaster.example.com/ (in reply to \
        RCPT TO command)\n";
    let report = decode(text);
    let diag = report["recipients"][0]["diagnostic"].as_str().unwrap();
    assert!(diag.contains("Rejected | see"), "{diag}");
}

#[test]
fn a_phishing_lure_names_its_reader_as_the_one_to_act() {
    let lure = "Delivery failure notice\n\nYour mailbox neko@example.org \
        has 4 pending incoming messages. To release your pending messages, \
        click the link below and verify your account:\n\
        https://mail-release.example/login\n";
    for lang in LANGS {
        let report = decode_in(lure, lang);
        assert_eq!(report["advice"][0]["id"], "phishing");
        assert_eq!(report["advice"][0]["who"], "reader");
    }
}

#[test]
fn piped_input_is_read_without_a_word_on_standard_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pantul"))
        .args(["--lang", "en"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = b"<budi@example.com>: host mx.example.com[192.0.2.5] said: \
        550 5.1.1 User unknown (in reply to RCPT TO command)\n";
    child.stdin.take().unwrap().write_all(text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(String::from_utf8_lossy(&out.stdout).contains("budi@example.com"));
}

/// On a terminal (`script` gives the run one), the run says what it
/// waits for, in the language asked for, then reads what is typed up
/// to Ctrl-D.
#[test]
fn a_terminal_is_told_what_the_run_waits_for() {
    let cases = [
        ("en", "waiting for a bounce on standard input"),
        ("id", "menunggu pesan bounce dari input standar"),
    ];
    for (lang, said) in cases {
        let run = format!("{} --lang {lang}", env!("CARGO_BIN_EXE_pantul"));
        let child = Command::new("script")
            .args(["-qec", &run, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        // Without util-linux's `script` there is no terminal to give.
        let Ok(mut child) = child else { return };
        let typed =
            b"<budi@example.com>: host mx.example.com[192.0.2.5] said: \
            550 5.1.1 User unknown (in reply to RCPT TO command)\n\x04";
        child.stdin.take().unwrap().write_all(typed).unwrap();
        let out = child.wait_with_output().unwrap();
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(shown.contains(said), "{shown}");
        assert!(shown.contains("userunknown"), "{shown}");
    }
}
