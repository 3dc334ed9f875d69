// SPDX-License-Identifier: MIT
//! fresh15's findings the lead mended: a bounce whose returned email
//! opens with an unescaped mbox `From ` line below "bounced E-Mail:" is
//! one message, on every surface.

use std::io::Write;
use std::process::{Command, Stdio};

/// An mbox of one bounce (a mailbox-full notice whose returned email
/// opens with its own `From ` line) and a second, real message.
const MBOX: &str = "From MAILER-DAEMON  Sat Oct  4 08:00:09 2025\n\
From: postmaster@mail.example.org\n\
To: toko@example.net\n\
Subject: email bounce notification\n\
\n\
This message is to inform you that an email you sent was rejected.\n\
\n\
reject reason: Mailbox full\n\
target mail address: neko@example.org\n\
\n\
bounced E-Mail:\n\
\n\
From toko@example.net  Sat Oct  4 08:00:07 2025\n\
Date: Sat, 04 Oct 2025 06:00:03 +0000\n\
From: Toko <toko@example.net>\n\
To: neko@example.org\n\
Subject: Penawaran\n\
\n\
Halo.\n\
\n\
From MAILER-DAEMON  Sun Oct  5 09:00:00 2025\n\
From: MAILER-DAEMON@mx.example.com\n\
Subject: Undelivered Mail Returned to Sender\n\
\n\
<kucing@example.com>: host mx.example.com[192.0.2.7] said: 550 5.1.1\n\
    <kucing@example.com>: Recipient address rejected: User unknown\n\
    (in reply to RCPT TO command)\n";

fn jsonl(input: &str, args: &[&str]) -> Vec<serde_json::Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pantul"))
        .args(["--jsonl", "--lang", "en"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pantul runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    let out = child.wait_with_output().expect("pantul ends");
    assert!(out.status.success(), "exit {:?}", out.status);
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn addresses(report: &serde_json::Value) -> Vec<&str> {
    report["recipients"]
        .as_array()
        .expect("recipients")
        .iter()
        .filter_map(|r| r["address"].as_str())
        .collect()
}

#[test]
fn a_returned_email_below_bounced_e_mail_is_no_message_of_its_own() {
    for args in [&[][..], &["--as-fragment"][..]] {
        let reports = jsonl(MBOX, args);
        assert_eq!(reports.len(), 2, "{args:?}");
        assert_eq!(addresses(&reports[0]), ["neko@example.org"]);
        assert_eq!(reports[0]["recipients"][0]["reason"], "mailboxfull");
        let warnings = reports[0]["warning_ids"].as_array().expect("warnings");
        assert!(
            !warnings.iter().any(|w| w == "warning.several-messages"),
            "{warnings:?}"
        );
        assert_eq!(addresses(&reports[1]), ["kucing@example.com"]);
        assert_eq!(reports[1]["recipients"][0]["reason"], "userunknown");
    }
}

#[test]
fn the_library_splits_the_mbox_alike() {
    let parts = pantul::input::split_mbox(MBOX.as_bytes());
    assert_eq!(parts.len(), 2);
    assert!(parts[0].ends_with(b"Halo.\n\n"));
    assert!(parts[1].starts_with(b"From: MAILER-DAEMON@mx.example.com"));
}

/// A Gmail notice, a separator line and the next notice with its
/// sender's name above it, as webmail shows them (fresh15 #2).
const TWO_NOTICES: &str = "Delivery to the following recipient failed permanently:\n\
\n\
     tono@example.org\n\
\n\
Technical details of permanent failure:\n\
DNS Error: Domain name not found\n\
\n\
----------------\n\
\n\
Mail Delivery Subsystem\n\
This is the mail system at host smtp.example.net.\n\
\n\
<ayu@example.com>: host mx.example.com[192.0.2.9] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)\n";

#[test]
fn a_notice_ends_before_the_separator_and_the_next_senders_name() {
    let reports = jsonl(TWO_NOTICES, &[]);
    assert_eq!(reports.len(), 1);
    let recipients = reports[0]["recipients"].as_array().expect("recipients");
    assert_eq!(addresses(&reports[0]), ["tono@example.org", "ayu@example.com"]);
    assert_eq!(
        recipients[0]["diagnostic"],
        "Technical details of permanent failure: DNS Error: Domain name not found"
    );
    assert_eq!(recipients[1]["diagnostic"], "552 5.2.2 Mailbox full");
}

#[test]
fn a_paste_with_every_space_a_no_break_space_is_read() {
    let notice = "The response from the remote server was:\n\n\
        <budi@example.org>: host mx.example.org[192.0.2.4] said: 550 5.1.1 \
        <budi@example.org>: Recipient address rejected: User unknown \
        (in reply to RCPT TO command)\n";
    for space in ['\u{a0}', '\u{202f}'] {
        let pasted = notice.replace(' ', &space.to_string());
        let reports = jsonl(&pasted, &[]);
        assert_eq!(addresses(&reports[0]), ["budi@example.org"], "{space:?}");
        assert_eq!(reports[0]["recipients"][0]["reason"], "userunknown");
        assert_eq!(reports[0]["recipients"][0]["status"], "5.1.1");
    }
}

/// A Spamhaus refusal that names the listed IP.
const LISTED: &str = "<neko@example.org>: host mx.example.org[192.0.2.4] said: 554 5.7.1 \
Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org; \
https://www.spamhaus.org/query/ip/198.51.100.23 (in reply to RCPT TO command)\n";

fn warning_ids(report: &serde_json::Value) -> Vec<&str> {
    report["warning_ids"]
        .as_array()
        .expect("warning ids")
        .iter()
        .filter_map(|w| w.as_str())
        .collect()
}

#[test]
fn a_typed_ip_other_than_the_listed_one_is_told() {
    let other = jsonl(LISTED, &["--ip", "203.0.113.9"]);
    assert!(warning_ids(&other[0]).contains(&"warning.listed-other-ip"));
    let blocklist = &other[0]["recipients"][0]["blocklist"];
    assert_eq!(blocklist["listed"], "198.51.100.23", "{blocklist}");
    let same = jsonl(LISTED, &["--ip", "198.51.100.23"]);
    assert!(!warning_ids(&same[0]).contains(&"warning.listed-other-ip"));
    let none = jsonl(LISTED, &[]);
    assert!(!warning_ids(&none[0]).contains(&"warning.listed-other-ip"));
}

/// A Postfix notice quoted in the returned email of an Exim notice
/// ("ini pesannya:"): the returned email's words, not a second notice
/// (fresh15 #25).
const QUOTED_IN_RETURNED: &str = "This message was created automatically by mail delivery software.\n\
\n\
A message that you sent could not be delivered to one or more of its\n\
recipients. This is a permanent error. The following address(es) failed:\n\
\n\
  harto@example.org\n\
    host mx.example.org [192.0.2.5]\n\
    SMTP error from remote mail server after RCPT TO:<harto@example.org>:\n\
    550 5.1.1 <harto@example.org>: Recipient address rejected: User unknown\n\
\n\
------ This is a copy of the message, including all the headers. ------\n\
\n\
From: Andi <andi@example.net>\n\
To: harto@example.org\n\
Subject: Penawaran harga\n\
\n\
Pak, email saya ke tim lain juga gagal, ini pesannya:\n\
\n\
This is the mail system at host mail.example.net.\n\
\n\
<lain@example.com>: host mx.example.com[198.51.100.9] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)\n";

#[test]
fn a_notice_quoted_in_the_returned_email_is_not_read_as_one() {
    for text in [
        QUOTED_IN_RETURNED.to_string(),
        QUOTED_IN_RETURNED
            .replace("Penawaran harga", "Fwd: gagal")
            .replace(", ini pesannya:", "."),
    ] {
        let reports = jsonl(&text, &[]);
        assert_eq!(addresses(&reports[0]), ["harto@example.org"], "{text}");
        assert!(warning_ids(&reports[0]).contains(&"warning.enclosed-notice"));
    }
}

/// An Exim bounce, its recipient lines indented as Exim writes them.
const EXIM_BOUNCE: &str = r"From: Mail Delivery System <Mailer-Daemon@mail.example.net>
To: andi@example.net
Subject: Mail delivery failed: returning message to sender

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  harto@example.org
    host mx.example.org [192.0.2.5]
    SMTP error from remote mail server after RCPT TO:<harto@example.org>:
    550 5.1.1 <harto@example.org>: Recipient address rejected: User unknown
";

/// An Exim bounce attached to a customer's mail, attached in turn to a
/// support agent's escalation (fresh15 #12): two levels of
/// message/rfc822.
fn escalated(levels: usize) -> String {
    let mut message = String::from(EXIM_BOUNCE);
    for level in 0..levels {
        message = format!(
            "From: agent{level}@example.net\n\
             To: support@example.net\n\
             Subject: Fwd: tolong dicek\n\
             MIME-Version: 1.0\n\
             Content-Type: multipart/mixed; boundary=\"b{level}\"\n\
             \n\
             --b{level}\n\
             Content-Type: text/plain\n\
             \n\
             Tolong dicek, terlampir.\n\
             --b{level}\n\
             Content-Type: message/rfc822\n\
             \n\
             {message}\n\
             --b{level}--\n"
        );
    }
    message
}

#[test]
fn a_bounce_attached_two_and_three_levels_down_is_read() {
    for levels in [1, 2, 3] {
        let reports = jsonl(&escalated(levels), &[]);
        assert_eq!(addresses(&reports[0]), ["harto@example.org"], "{levels}");
        assert_eq!(reports[0]["recipients"][0]["reason"], "userunknown");
    }
}
