// SPDX-License-Identifier: MIT
//! What stop 22 (multi22) fixed about pastes of several bounces,
//! forwarded addresses, backscatter and the timing of log lines: one row
//! per expectation on our own fixtures (`tests/fixtures/`, numbers
//! 260-269), each checked in both languages; and the paste matrix, which
//! pastes two corpus bounces together and compares the pair's
//! recipients with the two read apart.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// (fixture, recipient from 0 or [`support::REPORT`], field path, JSON
/// value), each checked in both languages.
const ROWS: &[support::Row] = &[
    // A Postfix log line that bounced half a second after arrival with
    // a lookup error that "tries again": final, not tried for days.
    ("maillog/267.txt", 0, "reason", r#""networkerror""#),
    ("maillog/267.txt", 0, "permanent", "true"),
    ("maillog/267.txt", 0, "advice.timing", r#""permanent""#),
];

#[test]
fn rows_hold() {
    let failures = support::rows_not_held(ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The timing texts follow the facts: a log line that bounced at once
/// tells of no days of retrying, in either language.
#[test]
fn a_quick_bounce_in_a_log_tells_of_no_days() {
    for lang in [pantul::Lang::En, pantul::Lang::Id] {
        let report = support::report("maillog/267.txt", lang);
        let words = support::advice_words(&report).to_ascii_lowercase();
        let summary =
            report["summary"].as_str().unwrap_or("").to_ascii_lowercase();
        for said in [words, summary] {
            assert!(!said.contains("days"), "{lang:?}: {said}");
            assert!(!said.contains("berhari"), "{lang:?}: {said}");
            assert!(!said.contains("beberapa hari"), "{lang:?}: {said}");
        }
    }
}

/// A row about a paste of several messages: (fixture, report from 0,
/// recipient from 0, field path, JSON value).
type PasteRow<'a> = (&'a str, usize, usize, &'a str, &'a str);

/// Whole bounces pasted one after the other give a report each, as an
/// mbox does, each recipient with its own facts.
const PASTED: &[PasteRow] = &[
    // A Postfix report (its multipart closed), then an Exim notice with
    // no `From ` line between.
    (
        "postfix/260.eml",
        0,
        0,
        "address",
        r#""bendahara@koperasi-tani.example""#,
    ),
    ("postfix/260.eml", 0, 0, "reason", r#""userunknown""#),
    ("postfix/260.eml", 0, 0, "status", r#""5.1.1""#),
    ("postfix/260.eml", 0, 0, "remote_host", r#""mx.koperasi-tani.example""#),
    ("postfix/260.eml", 0, 1, "address", "null"),
    ("postfix/260.eml", 1, 0, "address", r#""gudang@toko-besi.example""#),
    ("postfix/260.eml", 1, 0, "reason", r#""mailboxfull""#),
    ("postfix/260.eml", 1, 0, "status", r#""5.2.2""#),
    ("postfix/260.eml", 1, 0, "reply_code", "552"),
    ("postfix/260.eml", 1, 0, "remote_host", r#""mx.toko-besi.example""#),
    ("postfix/260.eml", 1, 1, "address", "null"),
    ("postfix/260.eml", 2, 0, "address", "null"),
    // An Exim notice that returns the message in its text, then an mbox
    // `From ` line and a Postfix report cut short after its last part's
    // header.
    ("exim/261.eml", 0, 0, "address", r#""pembeli@katering-hemat.example""#),
    ("exim/261.eml", 0, 0, "reason", r#""spamdetected""#),
    ("exim/261.eml", 0, 0, "reply_code", "550"),
    ("exim/261.eml", 0, 1, "address", "null"),
    ("exim/261.eml", 1, 0, "address", r#""admin@pasar-pagi.example""#),
    ("exim/261.eml", 1, 0, "reason", r#""mailboxfull""#),
    ("exim/261.eml", 1, 0, "status", r#""4.2.2""#),
    ("exim/261.eml", 1, 0, "remote_host", r#""mx.pasar-pagi.example""#),
    ("exim/261.eml", 1, 1, "address", "null"),
    // The same two the other way round: the report cut short ends where
    // the Exim notice's header block starts.
    ("postfix/262.eml", 0, 0, "address", r#""admin@pasar-pagi.example""#),
    ("postfix/262.eml", 0, 0, "reply_code", "452"),
    ("postfix/262.eml", 0, 1, "address", "null"),
    ("postfix/262.eml", 1, 0, "address", r#""pembeli@katering-hemat.example""#),
    ("postfix/262.eml", 1, 0, "status", r#""5.7.1""#),
    ("postfix/262.eml", 1, 0, "remote_host", r#""mx.katering-hemat.example""#),
    ("postfix/262.eml", 2, 0, "address", "null"),
    // Gmail's notice of today (no opening the old paste reading knew),
    // then Exim's, as webmail shows them: one report, two notices.
    ("gmail/263.txt", 0, 0, "address", r#""tata.usaha@sma-negeri.example""#),
    ("gmail/263.txt", 0, 0, "reason", r#""userunknown""#),
    ("gmail/263.txt", 0, 0, "remote_host", "null"),
    ("gmail/263.txt", 0, 1, "address", r#""humas@dinas-pariwisata.example""#),
    ("gmail/263.txt", 0, 1, "reason", r#""mesgtoobig""#),
    ("gmail/263.txt", 0, 1, "status", r#""5.3.4""#),
    ("gmail/263.txt", 0, 1, "remote_host", r#""mx.dinas-pariwisata.example""#),
    ("gmail/263.txt", 0, 2, "address", "null"),
    ("gmail/263.txt", 1, 0, "address", "null"),
    // A delivery-status block alone, then a Postfix notice that names
    // another recipient: neither takes the other's facts.
    ("rfc3464/264.txt", 0, 0, "address", r#""desain@biro-iklan.example""#),
    ("rfc3464/264.txt", 0, 0, "reason", r#""mailboxfull""#),
    ("rfc3464/264.txt", 0, 0, "remote_host", r#""mx.biro-iklan.example""#),
    ("rfc3464/264.txt", 0, 1, "address", r#""owner@kedai-kopi.example""#),
    ("rfc3464/264.txt", 0, 1, "reason", r#""blocked""#),
    ("rfc3464/264.txt", 0, 1, "reply_code", "554"),
    ("rfc3464/264.txt", 0, 1, "remote_host", r#""mx.kedai-kopi.example""#),
    ("rfc3464/264.txt", 0, 2, "address", "null"),
    // A whole Exim notice, then a Postfix log line about another
    // message: the line is a log of its own.
    ("exim/265.eml", 0, 0, "address", r#""pembeli@katering-hemat.example""#),
    ("exim/265.eml", 0, 0, "reason", r#""spamdetected""#),
    ("exim/265.eml", 0, 1, "address", "null"),
    ("exim/265.eml", 1, 0, "address", r#""kepala@sekolah-dasar.example""#),
    ("exim/265.eml", 1, 0, "reason", r#""userunknown""#),
    ("exim/265.eml", 1, 0, "queue_id", r#""9B7C2D1E0F""#),
    ("exim/265.eml", 2, 0, "address", "null"),
    // Exim's notice as webmail shows it, then the log line: the notice
    // keeps its recipient, the line gives its own.
    ("maillog/266.txt", 0, 0, "address", r#""humas@dinas-pariwisata.example""#),
    ("maillog/266.txt", 0, 0, "reason", r#""mesgtoobig""#),
    ("maillog/266.txt", 0, 1, "address", r#""kepala@sekolah-dasar.example""#),
    ("maillog/266.txt", 0, 1, "reason", r#""userunknown""#),
    ("maillog/266.txt", 0, 1, "remote_host", r#""mx.sekolah-dasar.example""#),
    ("maillog/266.txt", 0, 2, "address", "null"),
];

/// The reports the page gives for a fixture (`decode_log`), as JSON.
fn page_reports(file: &str, lang: pantul::Lang) -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(file);
    let bytes = std::fs::read(&path).unwrap();
    let options = pantul::Options { lang, ..Default::default() };
    let reports = pantul::split_log::decode_log(&bytes, &options).unwrap();
    serde_json::to_value(&reports).unwrap()
}

#[test]
fn pasted_messages_keep_their_own_recipients() {
    let mut failures = Vec::new();
    for lang in [pantul::Lang::Id, pantul::Lang::En] {
        for (file, report, recipient, name, expected) in PASTED {
            let expected: Value = serde_json::from_str(expected).unwrap();
            let reports = page_reports(file, lang);
            let got = support::lookup(&reports[report], *recipient, name);
            if got != expected {
                failures.push(format!(
                    "{file} report {report} [{recipient}] {name} ({lang:?}): \
                     expected {expected}, got {got}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every corpus file is one message, but `rfc3464-28.eml`, which holds
/// two whole reports one after the other (the labels expect one
/// recipient of each). `rb-issue-368-bug.eml`'s returned message
/// follows an mbox `From ` line of its own, below "bounced E-Mail:":
/// one message since stop 23 (`pantul::input::introduces`).
#[test]
#[cfg_attr(
    pantul_no_corpus,
    ignore = "the Sisimai corpus is not beside the project (set PANTUL_CORPUS)"
)]
fn each_corpus_message_is_one_message() {
    let Some(dir) = corpus_dir() else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "the Sisimai corpus is missing (set PANTUL_CORPUS)");
        return;
    };
    let mut several = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(dir.join("eml"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let count = pantul::input::split_mbox(&bytes).len();
        if count > 1 {
            let name = path.file_name().unwrap().to_string_lossy();
            several.push(format!("{name}: {count}"));
        }
    }
    assert_eq!(several, ["rfc3464-28.eml: 2"]);
}

/// What webmail shows of each corpus message is one notice for
/// `pantul::paste::divide`: no notice opens twice.
#[test]
#[cfg_attr(
    pantul_no_corpus,
    ignore = "the Sisimai corpus is not beside the project (set PANTUL_CORPUS)"
)]
fn each_corpus_fragment_is_one_notice() {
    let Some(dir) = corpus_dir() else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(!ci, "the Sisimai corpus is missing (set PANTUL_CORPUS)");
        return;
    };
    let mut divided = Vec::new();
    for entry in std::fs::read_dir(dir.join("eml")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let shown = pantul::shown_text(&bytes).unwrap_or_default();
        let count = pantul::paste::divide(&shown).notices.len();
        if count > 1 {
            let name = path.file_name().unwrap().to_string_lossy();
            divided.push(format!("{name}: {count}"));
        }
    }
    assert_eq!(divided, Vec::<String>::new());
}

/// The Sisimai corpus, beside the project or where `PANTUL_CORPUS` says.
fn corpus_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PANTUL_CORPUS") {
        let dir = PathBuf::from(dir);
        return dir.join("labels.tsv").is_file().then_some(dir);
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared/corpus/sisimai"))
        .find(|d| d.join("labels.tsv").is_file())
}

/// The first two files of each engine of the labels that give bounces
/// (not feedback, auto-replies nor non-bounces), by engine.
fn files_by_engine(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let labels = std::fs::read_to_string(dir.join("labels.tsv")).unwrap();
    let mut by_engine: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in labels.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, reason, engine) = (cols[0], cols[4], cols[6]);
        let skipped = ["ARF", "RFC3834", "not"];
        if skipped.contains(&engine)
            || ["feedback", "vacation", "delivered"].contains(&reason)
        {
            continue;
        }
        let files = by_engine.entry(engine.to_string()).or_default();
        if !files.iter().any(|f| f == file) && files.len() < 2 {
            files.push(file.to_string());
        }
    }
    by_engine
}

/// What a recipient's facts are, as the matrix compares them.
type Facts = (String, String, String, String, String);

/// The recipients of every report the page gives for `input`
/// (`decode_log`: a log, an mbox, or one notice), sorted.
fn facts(input: &[u8]) -> Vec<Facts> {
    let options = pantul::Options::default();
    let reports =
        pantul::split_log::decode_log(input, &options).unwrap_or_default();
    let mut all = Vec::new();
    for report in reports {
        let value = serde_json::to_value(&report).unwrap_or(Value::Null);
        let Some(recipients) = value["recipients"].as_array() else {
            continue;
        };
        for r in recipients {
            let text = |v: &Value| match v {
                Value::Null => String::new(),
                Value::String(s) => s.to_ascii_lowercase(),
                other => other.to_string(),
            };
            all.push((
                text(&r["address"]),
                text(&r["reason"]),
                text(&r["status"]),
                text(&r["reply_code"]),
                text(&r["remote_host"]),
            ));
        }
    }
    all.sort();
    all
}

/// The ways two bounces are pasted together.
const KINDS: &[(&str, &str)] = &[
    ("message+message", "\n"),
    ("message+from+message", "\nFrom MAILER-DAEMON Thu Apr 29 23:34:45 2015\n"),
    ("fragment+fragment", "\n\n"),
];

/// Pairs of corpus bounces pasted together ([`KINDS`]): each pair of
/// engines' first files, and each engine's first file with its second,
/// both ways round. A pair is compared when each bounce alone gives a
/// recipient and no address of one is an address of the other; it
/// differs when its recipients' facts (address, reason, status, reply
/// code, remote host) are not those of the two read apart. Run with
/// `--ignored --nocapture` to see the figures; differing pairs are
/// written to `target/multi22-matrix.txt`.
#[test]
#[ignore = "about a minute: run with --ignored to measure the paste matrix"]
fn paste_matrix() {
    let Some(dir) = corpus_dir() else {
        eprintln!("corpus: not found beside the project; skipped");
        return;
    };
    let by_engine = files_by_engine(&dir);
    let firsts: Vec<&String> = by_engine.values().map(|f| &f[0]).collect();
    let mut pairs: Vec<(&String, &String)> = Vec::new();
    for a in &firsts {
        for b in &firsts {
            if a != b {
                pairs.push((a, b));
            }
        }
    }
    for files in by_engine.values().filter(|f| f.len() == 2) {
        pairs.push((&files[0], &files[1]));
        pairs.push((&files[1], &files[0]));
    }
    let read = |f: &str| std::fs::read(dir.join("eml").join(f)).unwrap();
    let mut log = String::new();
    let mut total_differ = 0;
    for &(kind, between) in KINDS {
        let fragment = kind.starts_with("fragment");
        let input = |f: &str| -> Vec<u8> {
            let bytes = read(f);
            match fragment {
                true => pantul::shown_text(&bytes).unwrap_or_default().into(),
                false => bytes,
            }
        };
        let mut cache: BTreeMap<&str, (Vec<u8>, Vec<Facts>)> = BTreeMap::new();
        let (mut tried, mut differ, mut skipped) = (0, 0, 0);
        for &(a, b) in &pairs {
            for f in [a, b] {
                cache.entry(f).or_insert_with(|| {
                    let bytes = input(f);
                    let found = facts(&bytes);
                    (bytes, found)
                });
            }
            let (bytes_a, alone_a) = &cache[a.as_str()];
            let (bytes_b, alone_b) = &cache[b.as_str()];
            let shared = alone_a
                .iter()
                .any(|x| !x.0.is_empty() && alone_b.iter().any(|y| y.0 == x.0));
            if alone_a.is_empty() || alone_b.is_empty() || shared {
                skipped += 1;
                continue;
            }
            tried += 1;
            let mut pasted = bytes_a.clone();
            pasted.extend_from_slice(between.as_bytes());
            pasted.extend_from_slice(bytes_b);
            let got = facts(&pasted);
            let mut want = alone_a.clone();
            want.extend(alone_b.iter().cloned());
            want.sort();
            if got != want {
                differ += 1;
                log += &format!(
                    "{kind} {a} + {b}\n  apart:  {want:?}\n  pasted: {got:?}\n"
                );
            }
        }
        total_differ += differ;
        eprintln!(
            "paste matrix: {kind}: {tried} pairs tried, {differ} differ \
             ({skipped} skipped)"
        );
    }
    // Each engine's first bounce, then a Postfix log line about another
    // recipient, whole and as webmail shows it.
    let line = "Nov  3 10:15:02 mx1 postfix/smtp[2211]: 5F2A91C0B3: \
        to=<keuangan@sekolah-dasar.example>, relay=mx.sekolah-dasar.example\
        [203.0.113.8]:25, delay=0.52, delays=0.05/0.01/0.3/0.16, dsn=5.1.1, \
        status=bounced (host mx.sekolah-dasar.example[203.0.113.8] said: \
        550 5.1.1 <keuangan@sekolah-dasar.example>: Recipient address \
        rejected: User unknown (in reply to RCPT TO command))\n";
    let alone_line = facts(line.as_bytes());
    for fragment in [false, true] {
        let (mut tried, mut differ) = (0, 0);
        for a in &firsts {
            let mut bytes = read(a);
            if fragment {
                bytes = pantul::shown_text(&bytes).unwrap_or_default().into();
            }
            let alone = facts(&bytes);
            if alone.is_empty() {
                continue;
            }
            tried += 1;
            bytes.extend_from_slice(b"\n");
            bytes.extend_from_slice(line.as_bytes());
            let mut want = alone.clone();
            want.extend(alone_line.iter().cloned());
            want.sort();
            let got = facts(&bytes);
            if got != want {
                differ += 1;
                log += &format!(
                    "log line {a} (fragment {fragment})\n  apart:  {want:?}\n  \
                     pasted: {got:?}\n"
                );
            }
        }
        total_differ += differ;
        let kind = if fragment { "fragment" } else { "message" };
        eprintln!(
            "paste matrix: {kind}+log line: {tried} tried, {differ} differ"
        );
    }
    let out =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/multi22-matrix.txt");
    std::fs::write(&out, log).unwrap();
    eprintln!("paste matrix: {total_differ} differ in all");
}
