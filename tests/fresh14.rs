// SPDX-License-Identifier: MIT
//! What the fresh-user test of stop 22 (fresh14) found and stop 22
//! fixed: a sending IP typed only to fill the links told as the one the
//! bounce names, Gmail's web interface and old notices quoted as the
//! server's words, a ticket's escaped bounce (`&lt;` `&gt;` `&#39;`), a
//! quoted-printable chunk pasted with its soft breaks, an
//! internationalised host name dropped, the Backscatterer step that did
//! not name the IP, hMailServer's "Remote server replied:" layout, input
//! of no-break spaces only, a log over the page's cap that kept the
//! delivered messages and dropped the deferred ones, and the command
//! line's summary of a log without queue ids. One row per expectation,
//! on our own fixtures (`tests/fixtures/`, numbers 305-319), each
//! checked in both languages.

mod support;
use support::{rows_not_held, Row, REPORT};

/// (fixture, recipient from 0 or [`REPORT`], field path, JSON value).
/// `advice.<field>` reads the advice item the recipient belongs to.
const ROWS: &[Row] = &[
    // Spamhaus named, the IP not: no value, and no typed one either.
    ("postfix/305.txt", 0, "blocklist.id", r#""spamhaus-zen""#),
    ("postfix/305.txt", 0, "blocklist.listed", "null"),
    ("postfix/305.txt", 0, "blocklist.listed_given", "false"),
    // A bounce quoted in a ticket with its markup escaped (fresh14 #10).
    ("text/306.txt", 0, "address", r#""pembelian@toko-kain.example""#),
    ("text/306.txt", 0, "reason", r#""hostunknown""#),
    // A "show original" chunk with its quoted-printable (fresh14 #11).
    ("postfix/307.txt", 0, "address", r#""rina@kantor-pajak.example""#),
    ("postfix/307.txt", 0, "reason", r#""userunknown""#),
    (
        "postfix/307.txt",
        0,
        "diagnostic",
        r#""550 5.1.1 Alamat rina@kantor-pajak.example tidak dikenal: User unknown""#,
    ),
    // Gmail's web interface in Indonesian: its prose and the label of
    // its "learn more" button are not the server's words (fresh14 #2).
    (
        "google-workspace/308.txt",
        0,
        "diagnostic",
        r#""550 5.1.1 <wulan.sari@kebun-teh.example>: Recipient address rejected: User unknown in virtual mailbox table""#,
    ),
    ("google-workspace/308.txt", 0, "reason", r#""userunknown""#),
    // Two old Gmail notices pasted one under the other: each recipient
    // has the reply its server gave, and nothing else (fresh14 #2).
    ("gmail/309.txt", 0, "address", r#""direktur@pabrik-gula.example""#),
    (
        "gmail/309.txt",
        0,
        "diagnostic",
        r#""550 5.7.1 Message rejected as spam by Content Filtering.""#,
    ),
    ("gmail/309.txt", 0, "remote_host", r#""mx.pabrik-gula.example""#),
    ("gmail/309.txt", 0, "remote_ip", r#""192.0.2.118""#),
    ("gmail/309.txt", 1, "address", r#""keuangan@pabrik-teh.example""#),
    (
        "gmail/309.txt",
        1,
        "diagnostic",
        r#""552 5.2.2 The email account that you tried to reach is over quota.""#,
    ),
    ("gmail/309.txt", 1, "reason", r#""mailboxfull""#),
    ("gmail/309.txt", REPORT, "warning_ids", r#"["warning.several-notices"]"#),
    // An internationalised host name is a host name (fresh14 #6).
    ("postfix/311.txt", 0, "remote_host", r#""mx.bücher.example""#),
    ("postfix/311.txt", 0, "remote_ip", r#""198.51.100.10""#),
    // The returned email's subject, its encoded words decoded
    // (fresh14 #22).
    (
        "rfc3464/313.eml",
        REPORT,
        "original.subject",
        r#""Penawaran harga – Desember""#,
    ),
    // hMailServer's layout: the reply after "Remote server replied:",
    // the IP and command the lines above it name (fresh14 #18).
    (
        "text/314.txt",
        0,
        "diagnostic",
        r#""550 5.7.1 Mail rejected: sending IP 203.0.113.5 is listed on b.barracudacentral.org""#,
    ),
    ("text/314.txt", 0, "remote_ip", r#""198.51.100.148""#),
    ("text/314.txt", 0, "command", r#""RCPT""#),
    ("text/314.txt", 0, "blocklist.listed", r#""203.0.113.5""#),
    // Postfix gave up on the message: its `from=<…>, status=expired`
    // line ends the recipient still deferred, and is no recipient of
    // its own (fresh14 #26).
    ("maillog/315.txt", REPORT, "recipients.1", "null"),
    ("maillog/315.txt", 0, "address", r#""cs@pelanggan-lama.example""#),
    ("maillog/315.txt", 0, "action", r#""failed""#),
    ("maillog/315.txt", 0, "reason", r#""expired""#),
    ("maillog/315.txt", 0, "remote_ip", r#""192.0.2.20""#),
    ("maillog/315.txt", 0, "sender", r#""rina@toko-kue.example""#),
    // The reader's own server refusing incoming mail: no bounce of
    // theirs, no IP of theirs to delist (fresh14 #27).
    ("maillog/317.txt", REPORT, "kind", r#""not-a-bounce""#),
    ("maillog/317.txt", REPORT, "recipients", "[]"),
    (
        "maillog/317.txt",
        REPORT,
        "warning_ids",
        r#"["warning.inbound-refusals"]"#,
    ),
    ("maillog/317.txt", REPORT, "advice.0.id", r#""inbound-refusals""#),
];

#[test]
fn fresh14_findings_read_as_the_notices_mean() {
    let failures = rows_not_held(ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The report of `file` in `lang` with the sending IP `ip` given.
fn with_ip(file: &str, lang: pantul::Lang, ip: &str) -> serde_json::Value {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("fixture");
    let options = pantul::Options {
        lang,
        sending_ip: Some(ip.to_string()),
        ..Default::default()
    };
    let report = pantul::decode(&bytes, &options).expect("decodes");
    serde_json::to_value(&report).expect("JSON")
}

/// An IP typed only to fill the links fills them, but no text says the
/// bounce named it: the card marks it as given, the advice keeps the
/// bounce's own claim ("your sending server's IP"), and a warning says
/// to make sure it is the right one (fresh14 #7).
#[test]
fn a_typed_ip_fills_the_links_but_is_not_the_bounces_claim() {
    let ip = "1.1.1.1";
    for lang in [pantul::Lang::Id, pantul::Lang::En] {
        let report = with_ip("postfix/305.txt", lang, ip);
        let card = &report["recipients"][0]["blocklist"];
        assert_eq!(card["listed"], ip, "{lang:?}");
        assert_eq!(card["listed_given"], true, "{lang:?}");
        let lookup = card["lookup_url"].as_str().unwrap_or("");
        assert!(lookup.contains(ip), "{lookup}");
        let ids = report["warning_ids"].to_string();
        assert!(ids.contains("warning.listed-given"), "{ids}");
        assert!(!ids.contains("warning.listed-missing"), "{ids}");
        let advice = &report["advice"][0];
        for text in
            [&report["summary"], &advice["summary"], &report["ticket_reply"]]
        {
            let text = text.as_str().unwrap_or("");
            let claim = match lang {
                pantul::Lang::Id => "alamat IP pengirim 1.1.1.1",
                pantul::Lang::En => "the sending IP address 1.1.1.1",
            };
            assert!(!text.contains(claim), "{lang:?}: {text}");
        }
        let summary = advice["summary"].as_str().unwrap_or("");
        let marked = match lang {
            pantul::Lang::Id => "diisi 1.1.1.1",
            pantul::Lang::En => "given as 1.1.1.1",
        };
        assert!(summary.contains(marked), "{summary}");
    }
}

/// When the bounce names the listed IP, a typed one changes nothing:
/// the bounce's IP fills the links and the texts.
#[test]
fn the_bounces_own_ip_wins_over_a_typed_one() {
    for lang in [pantul::Lang::Id, pantul::Lang::En] {
        let report = with_ip("postfix/312.txt", lang, "1.1.1.1");
        let card = &report["recipients"][0]["blocklist"];
        assert_eq!(card["listed_given"], false, "{lang:?}");
        assert!(!report.to_string().contains("1.1.1.1"), "{lang:?}");
    }
}

/// Input of no-break spaces (and other white space of any script) is
/// empty, as ASCII blanks are (fresh14 #4).
#[test]
fn white_space_of_any_kind_is_empty() {
    let options = pantul::Options::default();
    for blank in ["\u{a0}", "\u{a0}\u{a0}\n\u{3000}\t", " \u{200b}\r\n"] {
        let got = pantul::decode(blank.as_bytes(), &options);
        assert!(matches!(got, Err(pantul::Error::Empty)), "{blank:?}");
    }
    // A letter after them is text.
    let got = pantul::decode("\u{a0} halo".as_bytes(), &options);
    assert!(got.is_ok());
}

/// The command's readable summary, in English, of `args`, with `stdin`.
fn cli(args: &[&str], stdin: &str) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_pantul"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pantul runs");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    let out = child.wait_with_output().expect("pantul ends");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each message of a log is headed by its queue id and sender, so that
/// an admin can find it in the queue (fresh14 #1).
#[test]
fn the_summary_of_a_log_names_each_messages_queue_id_and_sender() {
    let file = "tests/fixtures/maillog/310.txt";
    for (lang, from) in [("en", "from"), ("id", "dari")] {
        let out = cli(&["--lang", lang, file], "");
        let head = format!(
            "{file} [4QzXyZ1kLmz9abc, {from} kasir@toko-batik.example]: "
        );
        assert!(out.starts_with(&head), "{out}");
    }
}

/// A text with no bounce asks for the bounce in the command's words,
/// not the page's "paste it here" (fresh14 #5).
#[test]
fn the_command_asks_for_a_bounce_as_a_file_or_standard_input() {
    let text = "Berapa harga paket hosting bisnis per tahun?\n";
    for lang in ["en", "id"] {
        let out = cli(&["--lang", lang], text);
        assert!(out.contains("FILE"), "{out}");
        assert!(!out.contains(" here") && !out.contains(" di sini"), "{out}");
    }
}

/// A Postfix log line of queue id `n`: delivered, or deferred.
fn log_line(n: usize, deferred: bool) -> String {
    let (dsn, status, detail) = if deferred {
        ("4.7.0", "deferred", "host mx.example.net[192.0.2.1] said: 421 4.7.0 [TSS04] Messages temporarily deferred (in reply to end of DATA command)")
    } else {
        ("2.0.0", "sent", "250 2.0.0 OK")
    };
    format!(
        "Dec  6 09:12:04 mail postfix/smtp[2216]: 4Q{n:08X}: \
         to=<user{n}@example.net>, relay=mx.example.net[192.0.2.1]:25, \
         delay=3, dsn={dsn}, status={status} ({detail})\n"
    )
}

/// Of a log of more queued messages than `decode_log` reads, those
/// still deferred are read first, not dropped for delivered ones that
/// left the queue (fresh14 #15).
#[test]
fn a_log_over_the_cap_keeps_the_messages_still_deferred() {
    let mut log = String::new();
    let (found, mut deferred) = (1_200, 0);
    for n in 0..found {
        let stuck = n % 10 == 3;
        log.push_str(&log_line(n, stuck));
        if stuck {
            deferred += 1;
        } else {
            log.push_str(&format!(
                "Dec  6 09:12:05 mail postfix/qmgr[880]: 4Q{n:08X}: removed\n"
            ));
        }
    }
    let options =
        pantul::Options { lang: pantul::Lang::En, ..Default::default() };
    let reports =
        pantul::split_log::decode_log(log.as_bytes(), &options).expect("log");
    assert_eq!(reports.len(), pantul::split_log::MAX_MESSAGES);
    let delayed = reports
        .iter()
        .flat_map(|r| &r.recipients)
        .filter(|r| serde_json::to_value(r.action).unwrap() == "delayed")
        .count();
    assert_eq!(delayed, deferred);
    // The messages read stay in the order the log gave them.
    assert_eq!(reports[0].queue_id.as_deref(), Some("4Q00000000"));
    let warning = &reports[0].warnings[0];
    assert!(
        warning.contains("the other 200 were skipped (200 of them delivered)"),
        "{warning}"
    );
}

/// Backscatterer's lookup link cannot carry the IP, so its step names
/// the IP to type, as the other form-only lookups do (fresh14 #8).
#[test]
fn the_backscatterer_step_names_the_ip_to_type() {
    for lang in [pantul::Lang::Id, pantul::Lang::En] {
        let report = support::report("postfix/312.txt", lang);
        let step = report["advice"][0]["steps"][0].as_str().unwrap_or("");
        assert!(step.contains("backscatterer.org"), "{step}");
        assert!(step.contains("203.0.113.10"), "{step}");
    }
}

/// A log saved with a terminal's colour codes (`grep --color=always`)
/// is read as the log it is, a report per queued message (fresh14 #38).
#[test]
fn a_log_saved_with_colour_codes_is_a_log() {
    let path = format!(
        "{}/tests/fixtures/maillog/316.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let log = std::fs::read(path).expect("fixture");
    let options = pantul::Options::default();
    let reports = pantul::split_log::decode_log(&log, &options).expect("a log");
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].queue_id.as_deref(), Some("4QzXyZ1kLmz9abc"));
    let r = &reports[0].recipients[0];
    assert_eq!(r.address.as_deref(), Some("finance@klien-besar.example"));
    assert_eq!(r.sender.as_deref(), Some("kasir@toko-batik.example"));
    assert_eq!(r.reply_code, Some(550));
    let out = cli(&["--lang", "en", "tests/fixtures/maillog/316.txt"], "");
    assert!(out.contains("[4QzXyZ1kLmz9abc, from kasir@"), "{out}");
}

/// `decode_all` of an mbox file of many small bounces reads the first
/// 1,000 and says how many it skipped, as `decode_log` does for a log
/// (fresh14 #25).
#[test]
fn an_mbox_of_many_messages_is_read_in_part_and_says_so() {
    let found = pantul::MAX_MESSAGES + 5;
    let mbox: String = (0..found)
        .map(|n| {
            format!(
                "From MAILER-DAEMON Sun Dec  6 09:00:00 2026\n\
                 <user{n}@example.org>: host mx.example.org[192.0.2.1] \
                 said: 550 5.1.1 User unknown\n\n"
            )
        })
        .collect();
    let options =
        pantul::Options { lang: pantul::Lang::En, ..Default::default() };
    let reports = pantul::decode_all(mbox.as_bytes(), &options).unwrap();
    assert_eq!(reports.len(), pantul::MAX_MESSAGES);
    assert_eq!(reports[0].warning_ids, ["warning.too-many-messages"]);
    assert!(
        reports[0].warnings[0].contains("1,005 messages")
            && reports[0].warnings[0].contains("the other 5 were skipped"),
        "{}",
        reports[0].warnings[0]
    );
    assert!(reports[1].warning_ids.is_empty());
}
