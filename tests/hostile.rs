// SPDX-License-Identifier: MIT
//! Hostile input: everything Pantul reads was written by a stranger's
//! mail server or by an attacker. Each input here is generated in the
//! test (none is committed) and must decode without a panic, within the
//! documented limits of `pantul::input`, and within a memory bound: the
//! decoding thread's peak heap, counted by this binary's allocator, stays
//! under `HEAP_PER_BYTE` times the input plus `HEAP_BASE`.
//!
//! How time grows with input size is checked in `tests/linear.rs`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use pantul::input::{
    split_mbox, DEFAULT_MAX_SIZE, MAX_PARTS, MAX_RECIPIENTS, MAX_TEXT,
};
use pantul::{decode, Error, Lang, Options, Report};

/// Heap bytes a decode may hold at its peak for each byte of input.
const HEAP_PER_BYTE: usize = 24;
/// Heap bytes a decode may hold at its peak whatever the input: the
/// catalog, the rules and their automata, loaded on first use.
const HEAP_BASE: usize = 48 << 20;

/// Counts the heap each thread holds, and its peak since the last reset.
struct Counting;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note(delta: isize) {
    let _ = HELD.try_with(|held| {
        let now = held.get() + delta;
        held.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call is passed on to the system allocator unchanged;
// the counters live in thread-locals that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size() as isize);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(
        &self,
        ptr: *mut u8,
        layout: Layout,
        new_size: usize,
    ) -> *mut u8 {
        note(new_size as isize - layout.size() as isize);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Decodes `input` in English, checks the heap bound and that the report
/// serialises, and returns the result.
fn decode_checked(input: &[u8]) -> Result<Report, Error> {
    let options = Options { lang: Lang::En, ..Options::default() };
    // Load the knowledge first, so that only the decode is measured.
    let _ = decode(b"550 5.1.1 <a@example.org>: unknown\n", &options);
    let start = HELD.with(Cell::get);
    PEAK.with(|p| p.set(start));
    let result = decode(input, &options);
    if let Ok(report) = &result {
        let json = serde_json::to_string(report).expect("the report is JSON");
        // The report grows with the input, or up to the limits when a
        // notice gives one text to many recipients.
        let bound = input.len() * 2 + MAX_RECIPIENTS * 4 * MAX_TEXT;
        assert!(json.len() <= bound, "report of {} B", json.len());
    }
    let peak = (PEAK.with(Cell::get) - start).max(0) as usize;
    let bound = input.len() * HEAP_PER_BYTE + HEAP_BASE;
    assert!(peak <= bound, "peak heap {peak} B for {} B", input.len());
    result
}

fn report(input: &[u8]) -> Report {
    decode_checked(input).unwrap_or_else(|e| panic!("decode failed: {e}"))
}

/// `line` repeated up to `size` bytes (whole lines).
fn repeat_to(line: &str, size: usize) -> String {
    line.repeat(size / line.len())
}

/// A multipart/report message around `body` and `status` parts.
fn report_message(body: &str, status: &str, boundary: &str) -> String {
    format!(
        "From: MAILER-DAEMON@example.org\nTo: sender@example.com\n\
         Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n\
         Content-Type: multipart/report; report-type=delivery-status;\n \
         boundary=\"{boundary}\"\n\n--{boundary}\n\
         Content-Type: text/plain\n\n{body}\n--{boundary}\n\
         Content-Type: message/delivery-status\n\n{status}\n--{boundary}--\n"
    )
}

fn has_warning(report: &Report, id: &str) -> bool {
    report.warning_ids.iter().any(|w| w == id)
}

fn assert_clipped(report: &Report) {
    for r in &report.recipients {
        let diagnostic = r.diagnostic.as_deref().unwrap_or("");
        for text in [diagnostic, r.evidence.text.as_str()] {
            assert!(text.len() <= MAX_TEXT + 3, "{} bytes", text.len());
        }
    }
}

#[test]
fn ten_megabytes_of_continuation_lines() {
    let head = "<neko@example.org>: host mx.example.org[192.0.2.1] said:\n";
    let line = "    550-5.7.1 The user you are trying to contact receives \
                mail too fast\n";
    let body = repeat_to(line, DEFAULT_MAX_SIZE - 4096);
    let text = format!(
        "{head}{body}    550 5.7.1 Try again later (in reply to RCPT TO \
         command)\n"
    );
    let r = report(text.as_bytes());
    assert_eq!(r.recipients.len(), 1);
    assert_eq!(r.recipients[0].reply_code, Some(550));
    assert_eq!(
        r.recipients[0].status.map(|s| s.to_string()).as_deref(),
        Some("5.7.1")
    );
    assert_clipped(&r);
}

#[test]
fn a_hundred_thousand_recipients_as_postfix_paragraphs() {
    let text: String = (0..100_000)
        .map(|i| {
            format!(
                "<u{i}@example.org>: host mx.example.org said: 550 5.1.1 \
                 unknown (in reply to RCPT TO command)\n\n"
            )
        })
        .collect();
    assert!(text.len() < DEFAULT_MAX_SIZE);
    let r = report(text.as_bytes());
    assert_eq!(r.recipients.len(), MAX_RECIPIENTS);
    assert_eq!(r.recipients[0].address.as_deref(), Some("u0@example.org"));
    assert!(has_warning(&r, "warning.too-many-recipients"));
    let warning = &r.warnings[r
        .warning_ids
        .iter()
        .position(|w| w == "warning.too-many-recipients")
        .expect("warning")];
    assert!(warning.contains("the other 99,000 were skipped"), "{warning}");
}

#[test]
fn a_hundred_thousand_recipients_in_body_and_delivery_status() {
    let mut body = String::new();
    let mut status = String::from("Reporting-MTA: dns; mx.example.org\n\n");
    for i in 0..100_000 {
        body.push_str(&format!("<u{i}@example.org>: 550 5.1.1 x\n\n"));
        status.push_str(&format!(
            "Final-Recipient: rfc822; u{i}@example.org\nStatus: 5.1.1\n\n"
        ));
    }
    let message = report_message(&body, &status, "b");
    assert!(message.len() < DEFAULT_MAX_SIZE);
    let r = report(message.as_bytes());
    assert_eq!(r.recipients.len(), MAX_RECIPIENTS);
    assert!(has_warning(&r, "warning.too-many-recipients"));
}

#[test]
fn one_long_reason_for_many_queued_recipients() {
    // A mailq entry whose one reason applies to every recipient below
    // it: the reason is copied per recipient, so both are bounded.
    let mut text = String::from(
        "-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n\
         4P64Bn1qNHzLbR0q   8721 Wed Feb  1 08:31:29  sender@example.com\n\
         (host mx.example.org[192.0.2.1] said: 450 4.7.1 ",
    );
    text.push_str(&"x".repeat(2 << 20));
    text.push_str(" (in reply to RCPT TO command))\n");
    for i in 0..50_000 {
        text.push_str(&format!("          r{i}@example.org\n"));
    }
    let r = report(text.as_bytes());
    assert_eq!(r.format, "mailq");
    assert_eq!(r.recipients.len(), MAX_RECIPIENTS);
    assert_clipped(&r);
}

// Layouts that list addresses and then give the details once: a family
// that copies the details to each address must stay within the heap
// bound. One test a way of listing the addresses, so that the three run
// side by side (together they decode 21 inputs of 1 MB, two minutes in
// a debug build when they were one test); each input is as before.

#[test]
fn one_long_text_for_many_addresses_one_a_line() {
    one_long_text_for_many_listed_recipients("    u{i}@example.org\n");
}

#[test]
fn one_long_text_for_many_addresses_in_brackets() {
    one_long_text_for_many_listed_recipients("<u{i}@example.org>:\n");
}

#[test]
fn one_long_text_for_many_addresses_on_one_line() {
    one_long_text_for_many_listed_recipients("u{i}@example.org, ");
}

fn one_long_text_for_many_listed_recipients(style: &str) {
    let leads = [
        ("Delivery to the following recipients failed permanently:\n\n", "\nTechnical details of permanent failure:\n"),
        ("----- The following addresses had permanent fatal errors -----\n", "\n----- Transcript of session follows -----\n"),
        ("This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n", "\n    SMTP error from remote mail server after RCPT TO:\n"),
        ("Sorry, we were unable to deliver your message to the following address.\n\n", "\nRemote host said: "),
        ("The following address(es) failed:\n\n", "\n    SMTP error from remote mail server after end of data:\n"),
        ("Hi. This is the qmail-send program at mx.example.org.\n\n", "\n192.0.2.1 does not like recipient.\nRemote host said: "),
        ("We had trouble delivering your message. Full details follow:\n\nThe following recipients returned permanent errors: ", "\nReason: SMTP Server <192.0.2.1> refused: "),
    ];
    let details =
        format!("550 5.1.1 {}\n", "no such user here ".repeat(60_000));
    let listed: String =
        (0..5_000).map(|i| style.replace("{i}", &i.to_string())).collect();
    for (lead, between) in leads {
        let text = format!("{lead}{listed}{between}{details}");
        let r = report(text.as_bytes());
        assert!(r.recipients.len() <= MAX_RECIPIENTS);
        assert_clipped(&r);
    }
}

/// Inputs the fuzzers found (`tests/regressions/`), each decoded whole
/// and as webmail shows it.
///
/// - `fuzz-families-782e940.eml` (`cargo fuzz run families`): a cut
///   boundary line in a multipart/report and an attached message
///   without its boundary; mail-parser's debug assertion "Invalid part
///   ID, could not find multipart" fired (its release build reads it).
/// - `fuzz-families-1084eca.txt`, `fuzz-families-be780b1.txt`: Exchange
///   delay warnings led only by "Delivery is delayed to these
///   recipients", which the Exchange family read without that lead among
///   its words (`mta::words`), so the shared search would not have
///   offered it the notice.
/// - `fuzz-families-4746158.txt`: Barracuda's reply after a curly
///   quote, whose start was taken one byte after the quote's first byte
///   (a panic on a character boundary).
#[test]
fn fuzz_findings_decode() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/regressions").flatten() {
        let bytes = std::fs::read(entry.path()).expect("readable");
        let r = decode_checked(&bytes);
        assert!(
            r.as_ref().err() != Some(&Error::Internal),
            "{:?}",
            entry.path()
        );
        let _ = pantul::shown_text(&bytes);
        seen += 1;
    }
    assert!(seen > 0);
}

#[test]
fn deeply_nested_multiparts() {
    let depth = 5_000;
    let mut m = String::from(
        "From: MAILER-DAEMON@example.org\nSubject: failure\n\
         MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n",
    );
    for d in 1..depth {
        m.push_str(&format!(
            "--b{}\nContent-Type: multipart/mixed; boundary=\"b{d}\"\n\n",
            d - 1
        ));
    }
    m.push_str(&format!(
        "--b{}\nContent-Type: text/plain\n\n<neko@example.org>: 550 5.1.1 \
         unknown\n",
        depth - 1
    ));
    for d in (0..depth).rev() {
        m.push_str(&format!("--b{d}--\n"));
    }
    let r = report(m.as_bytes());
    assert!(has_warning(&r, "warning.too-many-parts"));
}

#[test]
fn deeply_nested_attached_messages() {
    let layer = "From: MAILER-DAEMON@example.org\nSubject: x\n\
                 Content-Type: message/rfc822\n\n";
    let m = format!(
        "{}550 5.1.1 <neko@example.org>: unknown\n",
        layer.repeat(20_000)
    );
    let _ = report(m.as_bytes());
}

#[test]
fn a_hundred_thousand_parts() {
    let part = "--b\nContent-Type: text/plain\n\n<a@example.org>: 550 5.1.1 \
                unknown\n";
    let m = format!(
        "From: MAILER-DAEMON@example.org\nSubject: x\n\
         Content-Type: multipart/mixed; boundary=\"b\"\n\n{}--b--\n",
        part.repeat(100_000)
    );
    let r = report(m.as_bytes());
    assert!(has_warning(&r, "warning.too-many-parts"));
    assert!(r.recipients.len() <= MAX_PARTS);
}

#[test]
fn a_five_megabyte_line() {
    let mut text = String::from(
        "<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.7.1 ",
    );
    text.push_str(&"a".repeat(5 << 20));
    text.push_str(" (in reply to RCPT TO command)\n");
    let r = report(text.as_bytes());
    assert_eq!(r.recipients.len(), 1);
    assert_clipped(&r);
    // The same line with no break at all, and of words a rule looks for.
    let words = "blocked using domain= listed url ".repeat(150_000);
    let _ = report(format!("550 5.7.1 {words}").as_bytes());
    let _ = report(format!("550 5.7.1 {}\n", "<".repeat(5 << 20)).as_bytes());
}

/// A notice's marks joined into one line of 5 MB: the line breaks put
/// back are bounded, and so is what reading them costs.
#[test]
fn five_megabytes_of_joined_marks() {
    let unit = "<neko@example.org>: host mx.example.org[192.0.2.1] said: \
        550 5.1.1 unknown (in reply to RCPT TO command) Status: 5.1.1 ";
    let r = report(repeat_to(unit, 5 << 20).as_bytes());
    assert!(r.recipients.len() <= MAX_RECIPIENTS);
    assert!(has_warning(&r, "warning.lines-restored"));
    assert_clipped(&r);
}

#[test]
fn invalid_utf8() {
    let mut bytes =
        b"<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 "
            .to_vec();
    for i in 0..200_000u32 {
        // Lone continuation bytes, overlong forms, surrogates, 0xff.
        let junk: &[u8] = match i % 5 {
            0 => &[0x80],
            1 => &[0xc0, 0xaf],
            2 => &[0xed, 0xa0, 0x80],
            3 => &[0xff, 0xfe],
            _ => &[0xe2, 0x82],
        };
        bytes.extend_from_slice(junk);
    }
    bytes.extend_from_slice(b" unknown (in reply to RCPT TO command)\n");
    let r = report(&bytes);
    assert_eq!(r.recipients[0].address.as_deref(), Some("neko@example.org"));
    // And inside a message that claims UTF-8.
    let m = [
        b"From: MAILER-DAEMON@example.org\nSubject: \xff\xfe\n\
          Content-Type: text/plain; charset=utf-8\n\n"
            .as_slice(),
        &bytes,
    ]
    .concat();
    let _ = report(&m);
}

#[test]
fn nul_bytes() {
    let line = "<neko@example.org>: 550 5.1.1 unknown\0 user\n";
    let text = repeat_to(line, 1 << 20);
    let r = report(text.as_bytes());
    assert!(!r.recipients.is_empty());
    // Mostly NULs is binary data.
    let nuls = vec![0u8; 1 << 20];
    assert_eq!(decode_checked(&nuls).err(), Some(Error::Binary));
}

#[test]
fn broken_base64_and_quoted_printable() {
    let bodies = [
        ("base64", "!!!!####@@@@====".repeat(100_000)),
        ("base64", "QUJD=".repeat(200_000)),
        ("base64", format!("NTUwIDUuMS4x{}", "=\n".repeat(300_000))),
        ("quoted-printable", "=ZZ=0=\n=".repeat(200_000)),
        ("quoted-printable", "=\n".repeat(1_000_000)),
        ("quoted-printable", format!("550 5.1.1 x{}", "=3".repeat(500_000))),
        ("x-uuencode", "begin 644 x\n".repeat(100_000)),
    ];
    for (encoding, body) in bodies {
        let m = format!(
            "From: MAILER-DAEMON@example.org\nSubject: failure\n\
             Content-Type: multipart/report; boundary=\"b\"\n\n--b\n\
             Content-Type: text/plain; charset=utf-8\n\
             Content-Transfer-Encoding: {encoding}\n\n{body}\n--b\n\
             Content-Type: message/delivery-status\n\
             Content-Transfer-Encoding: {encoding}\n\n{body}\n--b--\n"
        );
        let _ = report(m.as_bytes());
    }
}

#[test]
fn unknown_and_broken_charsets() {
    let charsets = [
        "x-unknown",
        "utf-16",
        "utf-7",
        "iso-2022-jp",
        "\"\"",
        &"a".repeat(100_000),
    ];
    let body = "\x1b$B\x1b(J\x1b$\u{0}<neko@example.org>: 550 5.1.1 x+AGE-\n"
        .repeat(20_000);
    for charset in charsets {
        let m = format!(
            "From: MAILER-DAEMON@example.org\n\
             Subject: =?{charset}?B?////?= =?utf-8?Q?=ZZ?= =?x?q?\n\
             Content-Type: text/plain; charset={charset}\n\n{body}"
        );
        let _ = report(m.as_bytes());
    }
}

#[test]
fn header_folding_without_end() {
    let m = format!(
        "From: MAILER-DAEMON@example.org\nSubject: failure{}",
        "\n folded".repeat(1_000_000)
    );
    let r = report(m.as_bytes());
    assert_eq!(r.recipients.len(), 0);
    // A header block that never ends and never folds.
    let fields = "X-Field: value\n".repeat(500_000);
    let _ = report(format!("From: a@example.org\n{fields}").as_bytes());
}

#[test]
fn mismatched_boundaries() {
    let part = "Content-Type: text/plain\n\n<neko@example.org>: 550 5.1.1 x\n";
    let cases = [
        // Declared "a", used "b"; never closed.
        format!("--b\n{part}--b\n{part}"),
        // Closed before it opens, then opened forever.
        format!("--a--\n{}", format!("--a\n{part}").repeat(50_000)),
        // Nested parts that reuse the outer boundary.
        format!(
            "--a\nContent-Type: multipart/mixed; boundary=\"a\"\n\n{}",
            format!("--a\n{part}").repeat(10_000)
        ),
        // A boundary of 70 dashes, and lines that almost match it.
        format!("{}\n", "-".repeat(5_000)).repeat(1_000),
    ];
    for body in cases {
        let m = format!(
            "From: MAILER-DAEMON@example.org\nSubject: failure\n\
             Content-Type: multipart/mixed; boundary=\"a\"\n\n{body}"
        );
        let _ = report(m.as_bytes());
    }
}

#[test]
fn an_mbox_of_ten_thousand_empty_messages() {
    let mbox = "From MAILER-DAEMON Thu Apr 29 23:34:45 2015\n\n".repeat(10_000);
    let messages = split_mbox(mbox.as_bytes());
    assert_eq!(messages.len(), 10_000);
    for message in &messages {
        assert_eq!(decode_checked(message).err(), Some(Error::Empty));
    }
    // Decoded whole, it is one message with nothing in it.
    assert_eq!(report(mbox.as_bytes()).recipients.len(), 0);
}

#[test]
fn html_that_never_closes() {
    let bodies = [
        "<style>".repeat(200_000),
        "<script>".repeat(200_000),
        "<".repeat(1_000_000),
        "<p".repeat(500_000),
        "&amp;".repeat(200_000),
    ];
    for body in bodies {
        let m = format!(
            "From: MAILER-DAEMON@example.org\nSubject: failure\n\
             Content-Type: text/html\n\n{body}"
        );
        let _ = report(m.as_bytes());
    }
}

#[test]
fn quote_prefixes_without_end() {
    let text = format!(
        "{}<neko@example.org>: 550 5.1.1 unknown\n",
        "> ".repeat(2 << 20)
    );
    let _ = report(text.as_bytes());
    let lines = "> > > <neko@example.org>: 550 5.1.1 unknown\n".repeat(100_000);
    let _ = report(lines.as_bytes());
}

#[test]
fn input_past_the_limit_is_refused() {
    let text = "a".repeat(DEFAULT_MAX_SIZE + 1);
    let size = DEFAULT_MAX_SIZE + 1;
    assert_eq!(
        decode_checked(text.as_bytes()).err(),
        Some(Error::TooLarge { size, limit: DEFAULT_MAX_SIZE })
    );
}
