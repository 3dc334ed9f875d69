// SPDX-License-Identifier: MIT
//! What the fresh-user test of stop 21 (fresh13) found about reading
//! and stop 21 fixed: Gmail's delay notice as its Indonesian interface
//! shows it read as a final failure without its address, a WHM Track
//! Delivery table whose Sender was taken for the recipient, Exim's
//! "all hosts … have been failing for a long time" pasted with its
//! address, an Exim log's local delivery `=> local_part <address>`, a
//! remote qmail server's "allowed rcpthosts" refusal told as the sender's
//! login problem, a Latin-1 file that lost the start of its address, and
//! UTF-16 without a byte order mark refused as binary, Exim's "lines
//! too long" and SpamAssassin's "appears to be spam" left unknown, and
//! a forwarded Gmail notice's `*address*`. One row per
//! expectation, on our own fixtures (`tests/fixtures/`, numbers
//! 245-259), each checked in both languages.

mod support;
use support::{rows_not_held, Row, REPORT};

/// (fixture, recipient from 0 or [`REPORT`], field path, JSON value).
/// `advice.<field>` reads the advice item the recipient belongs to.
const ROWS: &[Row] = &[
    // Gmail's "Pengiriman tertunda" (Delivery incomplete): Gmail still
    // retries for 40 hours, and the sentence names the recipient
    // (fresh13 #11).
    ("google-workspace/245.txt", REPORT, "kind", r#""delay""#),
    ("google-workspace/245.txt", REPORT, "recipients.1", "null"),
    (
        "google-workspace/245.txt",
        0,
        "address",
        r#""dewi@percetakan-lambat.example""#,
    ),
    ("google-workspace/245.txt", 0, "action", r#""delayed""#),
    ("google-workspace/245.txt", 0, "permanent", "false"),
    // No code given: the stand-in is a temporary one, as in English.
    ("google-workspace/245.txt", 0, "status", r#""4.0.947""#),
    ("google-workspace/245.txt", 0, "remote_ip", r#""192.0.2.61""#),
    ("google-workspace/245.txt", 0, "advice.timing", r#""retrying""#),
    // Exim's log of a local delivery names the local part, then the
    // address (fresh13 #13).
    ("maillog/246.txt", 0, "address", r#""kasir@toko-roti.example""#),
    ("maillog/246.txt", 0, "action", r#""delivered""#),
    ("maillog/246.txt", 0, "queue_id", r#""1tZqRs-0007Ab-Cd""#),
    // Exim gave up on a domain whose hosts kept failing, pasted as
    // webmail shows its address and words (fresh13 #6).
    ("exim/247.txt", REPORT, "kind", r#""bounce""#),
    ("exim/247.txt", 0, "address", r#""pembelian@gudang-lama.example""#),
    ("exim/247.txt", 0, "action", r#""failed""#),
    ("exim/247.txt", 0, "reason", r#""expired""#),
    ("exim/247.txt", REPORT, "warning_ids", "[]"),
    // qmail-send's delivery to the recipient's MX, refused with qmail's
    // "not in my list of allowed rcpthosts": the recipient's server no
    // longer takes the domain (fresh13 #7).
    ("qmail/248.txt", 0, "reason", r#""norelaying""#),
    ("qmail/248.txt", 0, "remote_ip", r#""198.51.100.77""#),
    ("qmail/248.txt", 0, "advice.id", r#""norelaying-recipient-mx""#),
    ("qmail/248.txt", 0, "advice.who", r#""recipient""#),
    // A notice saved as ISO-8859-1 keeps its address whole (fresh13 #1).
    (
        "postfix/249.txt",
        0,
        "address",
        r#""andré.luís@padaria-exemplo.example""#,
    ),
    ("postfix/249.txt", 0, "reason", r#""userunknown""#),
    ("postfix/249.txt", 0, "status", r#""5.1.1""#),
    // WHM's Track Delivery table: a recipient a row, from the Recipient
    // column, never the Sender; each event its own outcome, host and IP
    // (fresh13 #12).
    ("whm/251.txt", REPORT, "format", r#""whm""#),
    ("whm/251.txt", REPORT, "recipients.2", "null"),
    ("whm/251.txt", 0, "address", r#""rina.putri@gmail.com""#),
    ("whm/251.txt", 0, "action", r#""failed""#),
    ("whm/251.txt", 0, "status", r#""5.7.26""#),
    ("whm/251.txt", 0, "remote_host", r#""gmail-smtp-in.l.google.com""#),
    ("whm/251.txt", 0, "remote_ip", r#""142.250.4.27""#),
    ("whm/251.txt", 0, "queue_id", r#""1tXyZa-0003Kq-7M""#),
    ("whm/251.txt", 0, "sender", r#""admin@batik-sari.example""#),
    ("whm/251.txt", 1, "address", r#""joko@mitra-kain.example""#),
    ("whm/251.txt", 1, "action", r#""delayed""#),
    ("whm/251.txt", 1, "reply_code", "451"),
    ("whm/251.txt", 1, "command", r#""RCPT""#),
    ("whm/251.txt", 1, "remote_ip", r#""192.0.2.144""#),
    ("whm/251.txt", 1, "advice.timing", r#""retrying""#),
    // Exim's "message has lines too long for transport": a line over the
    // 998 characters SMTP allows, not a cause unknown (fresh13 #18).
    ("exim/253.txt", 0, "reason", r#""notcompliantrfc""#),
    ("exim/253.txt", 0, "address", r#""bendahara@koperasi-maju.example""#),
    // SpamAssassin's "appears to be spam (score … / required …)" behind
    // a server's 550 (fresh13 #19).
    ("postfix/254.txt", 0, "reason", r#""spamdetected""#),
    ("postfix/254.txt", 0, "reply_code", "550"),
    // A Gmail notice forwarded as plain text: the bold address comes as
    // `*address*`, and the address is what is between (fresh13 #33).
    (
        "google-workspace/255.txt",
        0,
        "address",
        r#""pengadaan@rumah-sakit-kita.example""#,
    ),
    ("google-workspace/255.txt", 0, "reason", r#""userunknown""#),
    ("google-workspace/255.txt", REPORT, "recipients.1", "null"),
    // Its "Delivery Event Details" view: the host and IP it lists.
    ("whm/252.txt", REPORT, "recipients.1", "null"),
    ("whm/252.txt", 0, "address", r#""rina.putri@gmail.com""#),
    ("whm/252.txt", 0, "remote_host", r#""gmail-smtp-in.l.google.com""#),
    ("whm/252.txt", 0, "remote_ip", r#""142.250.4.27""#),
];

#[test]
fn fresh13_findings_read_as_the_notices_mean() {
    let failures = rows_not_held(ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The advice of relaying refused by the recipient's qmail server quotes
/// no words the server did not write (fresh13 #7).
#[test]
fn the_recipient_mx_advice_quotes_no_made_up_refusal() {
    for lang in [pantul::Lang::Id, pantul::Lang::En] {
        let report = support::report("qmail/248.txt", lang);
        let reply = report["ticket_reply"].as_str().unwrap_or("");
        assert!(reply.contains("yayasan-pindah.example"), "{reply}");
        assert!(!reply.contains("Relay access denied"), "{reply}");
        let steps = report["advice"][0]["steps"].to_string();
        assert!(!steps.contains("SMTP authentication"), "{steps}");
    }
}

/// A Postfix line saved as UTF-16 without a byte order mark, in either
/// byte order, reads as the text it holds (fresh13 #5).
#[test]
fn utf16_without_a_byte_order_mark_is_text() {
    let text = "<sinta@kopi-kita.example>: host mx.kopi-kita.example\
                [192.0.2.50] said: 550 5.1.1 <sinta@kopi-kita.example>: \
                Recipient address rejected: User unknown (in reply to RCPT \
                TO command)\n";
    let units: Vec<u16> = text.encode_utf16().collect();
    let little: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let big: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    for bytes in [little, big] {
        let report = pantul::decode(&bytes, &pantul::Options::default())
            .expect("UTF-16 text decodes");
        let r = &report.recipients[0];
        assert_eq!(r.address.as_deref(), Some("sinta@kopi-kita.example"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.50"));
    }
}
