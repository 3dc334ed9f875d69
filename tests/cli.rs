// SPDX-License-Identifier: MIT
//! The `pantul` command, run as users run it: its readable summary, its
//! JSON, its errors and exit statuses. Inputs are written to a fresh
//! directory under the system's temporary directory. Native only: the
//! WebAssembly build has no processes.

#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A postfix bounce for one unknown recipient, with `words` in the
/// server's reply.
fn bounce(words: &str) -> String {
    format!(
        "<neko@example.org>: host mx.example.org[192.0.2.1] said:\n    \
         550 5.1.1 <neko@example.org>: User unknown{words} \
         (in reply to RCPT TO command)\n"
    )
}

/// A directory of its own for one test, emptied first.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("pantul-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

/// Runs the command with `args` and `stdin`, in a clean locale.
fn pantul_with(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pantul"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // The command may stop reading early (a limit); a broken pipe is
    // then expected.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

fn pantul(args: &[&str]) -> Output {
    pantul_with(args, b"")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// True if and only if `text` holds a character a terminal obeys
/// rather than shows (line feeds aside) or a direction override.
fn has_hidden(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn the_summary_shows_escapes_instead_of_obeying_them() {
    let dir = scratch("escapes");
    let words = " \u{1b}]0;owned\u{7} \u{1b}[31mred\u{202E}txt.exe\u{9b}2J";
    let name = write(&dir, "a\u{1b}[2J\u{2067}.txt", bounce(words));
    let out = pantul(&["--lang", "en", &name]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!has_hidden(&text), "{text:?}");
    assert!(
        text.contains(
            "User unknown \\x1b]0;owned\\x07 \\x1b[31mred<U+202E>txt.exe\\x9b2J"
        ),
        "{text}"
    );
    assert!(text.contains("a\\x1b[2J<U+2067>.txt: "), "{text}");
}

#[test]
fn file_names_in_errors_are_shown_escaped() {
    let out = pantul(&["--lang", "en", "/nonexistent/\u{1b}[2Jx\u{202E}"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(!has_hidden(&err), "{err:?}");
    assert!(err.contains("/nonexistent/\\x1b[2Jx<U+202E>"), "{err}");
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn a_large_file_is_refused_without_being_read_whole() {
    let dir = scratch("large");
    let big = write(&dir, "big.txt", vec![b'a'; 12 * 1024 * 1024]);
    let out = pantul(&["--lang", "en", "--json", &big]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["source"], big.as_str());
    assert_eq!(report["error"]["code"], "too-large");
    assert_eq!(
        report["error"]["message"],
        "The input is too large (12.0 MiB); the limit is 10.0 MiB. \
         Give only the bounce message, or raise the limit with --max-size."
    );
    let small = write(&dir, "small.txt", vec![b'a'; 2000]);
    let out = pantul(&["--lang", "id", "--max-size", "1000", &small]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Masukan terlalu besar"), "{out:?}");
}

/// A device reports 0 bytes whatever it holds: it is read up to the
/// limit, and its size is not made up.
#[test]
fn a_device_of_unknown_size_is_read_up_to_the_limit() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let out = pantul(&["--lang", "en", "--max-size", "100", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "pantul: /dev/zero: The input is too large: more than the limit of \
         100 bytes. Give only the bounce message, or raise the limit with \
         --max-size.\n"
    );
}

#[test]
fn standard_input_is_read_up_to_the_limit() {
    let out =
        pantul_with(&["--lang", "en", "--max-size", "100"], &[b'a'; 5000]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "pantul: -: The input is too large: more than the limit of 100 \
         bytes. Give only the bounce message, or raise the limit with \
         --max-size.\n"
    );
    let fits = bounce("");
    let out = pantul_with(&["--jsonl"], fits.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["recipients"][0]["address"], "neko@example.org");
}

#[test]
fn an_mbox_larger_than_the_limit_is_read_message_by_message() {
    let dir = scratch("mbox");
    let from = "From MAILER-DAEMON Thu Apr 29 23:34:45 2015\n";
    let mbox = format!(
        "{from}{}\n{from}Subject: large\n\n{}\n\n{from}{}",
        bounce(""),
        "x".repeat(3000),
        bounce(" again")
    );
    let path = write(&dir, "box.mbox", mbox);
    let out = pantul(&["--jsonl", "--max-size", "2000", &path]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["message"], 1);
    assert_eq!(lines[0]["recipients"][0]["reason"], "userunknown");
    assert_eq!(lines[1]["message"], 2);
    assert_eq!(lines[1]["error"]["code"], "too-large");
    assert_eq!(lines[2]["message"], 3);
    assert_eq!(lines[2]["source"], path.as_str());
}

/// `--max-size` has a documented largest value: past it, a usage error
/// in the language asked for, before anything is read.
#[test]
fn max_size_has_a_largest_value() {
    for (lang, said) in [
        ("en", "--max-size is at most 268435456 bytes (256 MiB), not"),
        ("id", "--max-size paling besar 268435456 byte (256 MiB), bukan"),
    ] {
        let huge = "18446744073709551615";
        let out = pantul(&["--lang", lang, "--max-size", huge]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let first = stderr(&out).lines().next().unwrap_or("").to_string();
        assert_eq!(first, format!("pantul: {said} {huge}"));
        let just_over = "--max-size=268435457";
        let out = pantul(&["--lang", lang, just_over]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(stderr(&out).contains(said), "{out:?}");
    }
    let fits = bounce("");
    let largest = ["--jsonl", "--max-size", "268435456"];
    let out = pantul_with(&largest, fits.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["recipients"][0]["address"], "neko@example.org");
}

/// An endless input stops being read at the limit: the writer feeding
/// it sees the pipe close after little more than the limit and the
/// pipe's own buffer, not the 64 MiB it would write at most.
#[test]
fn an_endless_input_is_read_no_further_than_the_limit() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pantul"))
        .args(["--lang", "en", "--max-size", "1000"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let chunk = "Received: from a line that never ends\n".repeat(100);
    let most = 64 * 1024 * 1024;
    let mut written = 0;
    while written < most && input.write_all(chunk.as_bytes()).is_ok() {
        written += chunk.len();
    }
    drop(input);
    let out = child.wait_with_output().unwrap();
    assert!(written < 8 * 1024 * 1024, "{written} bytes were taken");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        stderr(&out),
        "pantul: -: The input is too large: more than the limit of 1,000 \
         bytes. Give only the bounce message, or raise the limit with \
         --max-size.\n"
    );
}

/// A Postfix delivery line of queued message `id`.
fn log_line(id: &str, to: &str, status: &str) -> String {
    format!(
        "Dec  4 09:00:01 mx postfix/smtp[1]: {id}: to=<{to}>, \
         relay=mx.example.org[192.0.2.1]:25, delay=1, delays=0/0/0/1, \
         dsn=5.1.1, status={status} (host mx.example.org[192.0.2.1] said: \
         550 5.1.1 User unknown (in reply to RCPT TO command))\n"
    )
}

/// Each queued message of a mail log is a report of its own, in the
/// order the log finishes them, and a log larger than the limit is
/// read whole.
#[test]
fn a_mail_log_gives_a_report_per_queued_message() {
    let dir = scratch("maillog");
    let mut log = String::from(
        "Dec  4 09:00:00 mx postfix/smtpd[2]: connect from a[192.0.2.9]\n\
         Dec  4 09:00:00 mx postfix/qmgr[3]: 4AB12C3D4: \
         from=<tora@example.net>, size=912, nrcpt=2 (queue active)\n",
    );
    log += &log_line("4AB12C3D4", "a@example.org", "bounced");
    for n in 0..1500 {
        log += &log_line(
            &format!("{n:X}F0"),
            &format!("u{n}@example.org"),
            "bounced",
        );
    }
    log += &log_line("4AB12C3D4", "b@example.org", "bounced");
    log += "Dec  4 09:00:02 mx postfix/qmgr[3]: 4AB12C3D4: removed\n";
    let path = write(&dir, "mail.log", &log);
    let out = pantul(&["--jsonl", "--max-size", "100000", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1501);
    let first = &lines[0];
    assert_eq!(first["queue_id"], "4AB12C3D4");
    assert_eq!(first["source"], path.as_str());
    assert_eq!(first["recipients"].as_array().unwrap().len(), 2);
    assert_eq!(first["recipients"][1]["sender"], "tora@example.net");
    assert_eq!(first["recipients"][1]["queue_id"], "4AB12C3D4");
    assert_eq!(lines[1]["queue_id"], "0F0");
    let out = pantul(&["--totals", "--jsonl", "--max-size", "100000", &path]);
    let totals = json(&out);
    assert_eq!(totals["totals"]["reports"], 1501);
    assert_eq!(totals["totals"]["recipients"], 1502);
    assert_eq!(totals["totals"]["reasons"]["userunknown"], 1502);
}

/// A maildir's messages are those of `cur` and `new`, its Maildir++
/// folders' too; the server's own files beside them are not read.
#[test]
fn a_maildir_is_read_from_cur_and_new_only() {
    let dir = scratch("maildir");
    for sub in ["cur", "new", "tmp", ".Junk/cur", ".Junk/new", ".Junk/tmp"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    write(&dir, "cur/1.host:2,S", bounce(""));
    write(&dir, "new/2.host", bounce(" here"));
    write(&dir, ".Junk/new/3.host", bounce(" there"));
    write(&dir, "tmp/4.host", "half writ");
    write(&dir, "dovecot.index.log", [0u8, 1, 2, 3, 4, 5, 6, 7]);
    write(&dir, "maildirfolder", "");
    write(&dir, "dovecot-uidlist", "3 V1 N4\n");
    write(&dir, "subscriptions", "Junk\n");
    let path = dir.to_string_lossy().into_owned();
    let out = pantul(&["--jsonl", &path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sources: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|e| e["source"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(sources.len(), 3, "{sources:?}");
    assert!(sources.iter().all(|s| s.contains("/cur/") || s.contains("/new/")));
}

#[test]
fn the_summary_of_several_reports_ends_with_totals() {
    let dir = scratch("totals");
    let one = write(&dir, "1.txt", bounce(""));
    let out = pantul(&["--lang", "en", &one, &one]);
    let text = stdout(&out);
    assert!(text.contains("Totals: 2 reports, every input decoded; 2 recipients (2 hard bounces)"), "{text}");
    // The readable totals name reasons as the page does; ids are JSON's.
    assert!(
        text.contains(
            "recipients by reason: recipient address does not exist 2"
        ),
        "{text}"
    );
    let out = pantul(&["--lang", "en", &one]);
    assert!(!stdout(&out).contains("Totals:"));
}

#[test]
fn failed_inputs_are_entries_of_the_json_output() {
    let dir = scratch("failures");
    let good = write(&dir, "good.txt", bounce(""));
    let empty = write(&dir, "empty.txt", " \n");
    let binary = write(&dir, "binary.eml", [0u8, 1, 2, 3, 4, 5, 6, 7]);
    let missing = dir.join("missing.txt").to_string_lossy().into_owned();
    let out =
        pantul(&["--json", "--lang", "en", &good, &empty, &binary, &missing]);
    assert_eq!(out.status.code(), Some(1));
    let all = json(&out);
    let codes: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["error"]["code"].as_str().unwrap_or("report"))
        .collect();
    assert_eq!(codes, ["report", "empty", "binary", "unreadable"]);
    assert_eq!(all[3]["source"], missing.as_str());
    assert_eq!(
        all[3]["error"]["message"],
        "The file cannot be read: no such file or directory."
    );
    let out = pantul(&["--jsonl", &good, &good]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).lines().count(), 2);
}

#[test]
fn a_directory_walk_goes_on_past_failed_files() {
    let dir = scratch("walk");
    write(&dir, "1.eml", bounce(""));
    write(&dir, "2.eml", vec![b'a'; 3000]);
    write(&dir, "3.eml", bounce(""));
    let path = dir.to_string_lossy().into_owned();
    let out = pantul(&["--jsonl", "--max-size", "1000", &path]);
    assert_eq!(out.status.code(), Some(1));
    let codes: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|e| e["error"]["code"].as_str().unwrap_or("report").to_string())
        .collect();
    assert_eq!(codes, ["report", "too-large", "report"]);
}

#[test]
fn conflicting_or_unknown_options_are_usage_errors() {
    let cases: &[&[&str]] = &[
        &["--json", "--jsonl"],
        &["--jsonl", "--json"],
        &["-x"],
        &["--nope"],
        &["--json=yes"],
        &["--max-size", "0"],
        &["--max-size", "ten"],
        &["--lang", "fr"],
        &["--lang"],
        &["catalog", "--jsonl"],
        &["catalog", "--json", "file.txt"],
        &["--as-fragment", "--as-text"],
    ];
    for args in cases {
        let out = pantul(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with("pantul: "), "{args:?}");
        // The problem and a pointer to --help, not the whole help.
        assert!(stderr(&out).contains("'pantul --help'"), "{args:?}");
        assert!(!stderr(&out).contains("usage: pantul"), "{args:?}");
        assert_eq!(stderr(&out).lines().count(), 2, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    let out = pantul(&["--json", "--json", "--lang=en", "-"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(json(&out)["error"]["code"], "empty");
}

#[test]
fn help_documents_every_option() {
    let out = pantul(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for flag in [
        "--json",
        "--jsonl",
        "--lang",
        "--ip",
        "--max-size",
        "--as-fragment",
        "--as-text",
        "--totals",
        "-h, --help",
        "exit status",
        "\"error\"",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
}

#[test]
fn the_sending_ip_must_be_public() {
    let dir = scratch("ip");
    let path = write(&dir, "b.txt", bounce(""));
    let refused = [
        ("10.1.2.3", "private"),
        ("192.168.0.9", "private"),
        ("127.0.0.1", "loopback"),
        ("169.254.0.1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("::ffff:10.0.0.1", "private"),
        ("100.64.1.1", "shared (CGNAT)"),
    ];
    for (ip, range) in refused {
        let out = pantul(&["--lang", "en", "--ip", ip, &path]);
        assert_eq!(out.status.code(), Some(2), "{ip}");
        let first = stderr(&out).lines().next().unwrap_or("").to_string();
        assert_eq!(
            first,
            format!(
                "pantul: --ip: {ip} is not a public address ({range}), so \
                 other servers never see it. Give --ip the public IP \
                 address your server sends mail from."
            )
        );
    }
    let out = pantul(&["--lang", "id", "--ip", "x.y", &path]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"x.y\" bukan alamat IP yang valid"));
    for ip in ["203.0.113.9", "::ffff:203.0.113.9", "2001:DB8::9"] {
        let out = pantul(&["--json", "--ip", ip, &path]);
        assert_eq!(out.status.code(), Some(0), "{ip}: {}", stderr(&out));
    }
}

fn seed(name: &str) -> String {
    format!("{}/tests/seed/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_indonesian_summary_has_no_english_label() {
    let out = pantul(&["--lang", "id", &seed("ers-qil-masked.txt")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for label in [
        "1. [alamat tersamarkan]: Server penerima memblokir IP atau server \
         pengirim [blocked] (sementara)",
        "     server penerima: meratus.in.tmes.trendmicro.com [18.208.22.78]",
        "     daftar: Trend Micro ERS Quick IP List (QIL) (trendmicro-ers)",
        "       cek status: https://",
        "       delisting: https://",
        "  Perhatian:\n  ! ",
    ] {
        assert!(text.contains(label), "{label:?} missing from:\n{text}");
    }
    // The server's own words (quoted) stay as they were written.
    let labels: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('"'))
        .collect::<Vec<_>>()
        .join("\n");
    for english in [
        "remote:",
        "list:",
        "lookup:",
        "delist:",
        "permanent",
        "temporary",
        "masked address",
        "unknown address",
        "recipient",
        "Please note",
    ] {
        assert!(!labels.contains(english), "{english:?} in:\n{labels}");
    }
    let en = stdout(&pantul(&["--lang", "en", &seed("ers-qil-masked.txt")]));
    for label in [
        "[masked address]: The receiving server blocks the sending IP or \
         server [blocked] (temporary)",
        "     remote: ",
    ] {
        assert!(en.contains(label), "{label:?} missing from:\n{en}");
    }
}

#[test]
fn indonesian_sizes_have_a_decimal_comma() {
    let dir = scratch("sizes");
    let big = write(&dir, "big.txt", vec![b'a'; 11 * 1024 * 1024]);
    let out = pantul(&["--lang", "id", &big]);
    assert_eq!(
        stderr(&out),
        format!(
            "pantul: {big}: Masukan terlalu besar (11,0 MiB); batasnya 10,0 MiB. \
             Berikan bagian pesan bounce saja, atau naikkan batasnya dengan \
             --max-size.\n"
        )
    );
}

#[test]
fn utf16_files_and_byte_order_marks() {
    let dir = scratch("unicode");
    let text = bounce("");
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let from = "From MAILER-DAEMON Thu Apr 29 23:34:45 2015\n";
    let mbox = format!("\u{FEFF}{from}{text}\n{from}{text}");
    let files = [
        write(&dir, "le.txt", le),
        write(&dir, "be.txt", be),
        write(&dir, "box.mbox", mbox),
    ];
    let mut args = vec!["--jsonl"];
    args.extend(files.iter().map(String::as_str));
    let out = pantul(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        assert_eq!(line["recipients"][0]["address"], "neko@example.org");
    }
    assert_eq!(lines[2]["message"], 1);
    assert_eq!(lines[3]["message"], 2);
    let bom = write(&dir, "bom.txt", b"\xFF\xFE");
    let out = pantul(&["--lang", "en", "--json", &bom]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "empty");
}

/// Words of the page's controls that the command has none of.
const PAGE_WORDS: &[&str] =
    &["Paste", "paste", "Type ", "type your", "Tempel", "tempel", "Ketik"];

fn assert_no_page_words(text: &str) {
    for word in PAGE_WORDS {
        assert!(!text.contains(word), "{word:?} in:\n{text}");
    }
}

#[test]
fn errors_and_warnings_speak_of_the_command_not_the_page() {
    let dir = scratch("own-words");
    let big = write(&dir, "big.txt", vec![b'a'; 2000]);
    let binary =
        write(&dir, "bin.dat", [0u8, 1, 2, 3, 0, 0, 0xff, 0].repeat(64));
    let masked = seed("ers-qil-masked.txt");
    for lang in ["en", "id"] {
        let runs = [
            pantul_with(&["--lang", lang], b""),
            pantul(&["--lang", lang, "--max-size", "1000", &big]),
            pantul_with(&["--lang", lang, "--max-size", "100"], &[b'a'; 500]),
            pantul(&["--lang", lang, &binary]),
            pantul(&["--lang", lang, "--ip", "x.y", &masked]),
            pantul(&["--lang", lang, "--ip", "10.0.0.1", &masked]),
            pantul(&["--lang", lang, &masked]),
        ];
        for out in &runs {
            // Before the usage text, which may speak of pasted text.
            let err = stderr(out);
            assert_no_page_words(err.split("\n\n").next().unwrap_or(""));
            assert_no_page_words(&stdout(out));
        }
        assert!(stderr(&runs[0]).contains("FILE"), "{:?}", runs[0]);
        assert!(stderr(&runs[1]).contains("--max-size"), "{:?}", runs[1]);
        assert!(stderr(&runs[4]).contains("--ip"), "{:?}", runs[4]);
        assert!(stdout(&runs[6]).contains("--ip"), "{:?}", runs[6]);
    }
    // The JSON report is the same on every surface: its warnings name no
    // control of any of them.
    let report = json(&pantul(&["--json", "--lang", "en", &masked]));
    let warnings = report["warnings"].to_string();
    assert_no_page_words(&warnings);
    assert!(!warnings.contains("--ip"), "{warnings}");
}

#[test]
fn usage_errors_are_in_the_language_asked_for() {
    let cases: &[(&[&str], &str)] = &[
        (&["--nope", "--lang", "id"], "pantul: opsi --nope tidak dikenal\n"),
        (&["--lang=id", "--json", "--jsonl"], "pantul: --json dan --jsonl"),
        (&["--lang", "id", "--max-size", "x"], "pantul: --max-size memerlukan"),
        (&["--lang", "id", "--ip"], "pantul: --ip memerlukan nilai\n"),
        (&["--nope"], "pantul: unknown option --nope\n"),
    ];
    for (args, start) in cases {
        let out = pantul(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with(start), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn the_catalog_is_a_readable_list_without_json() {
    let json_out = pantul(&["catalog", "--json", "--lang", "id"]);
    assert_eq!(json_out.status.code(), Some(0));
    let data = json(&json_out);
    for lang in ["id", "en"] {
        let out = pantul(&["catalog", "--lang", lang]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(out.stderr.is_empty(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(!has_hidden(&text), "{text:?}");
        // Every reason and every entry, by id, once.
        for reason in data["reasons"].as_array().unwrap() {
            let name = reason["name"].as_str().unwrap();
            let line = format!("\n  {name} ");
            assert_eq!(text.matches(&line).count(), 1, "{name}:\n{text}");
        }
        for entry in data["entries"].as_array().unwrap() {
            let id = entry["id"].as_str().unwrap();
            let line = format!("\n  {id}: ");
            assert_eq!(text.matches(&line).count(), 1, "{id}");
        }
    }
    let id = stdout(&pantul(&["catalog", "--lang", "id"]));
    for line in [
        "Penyebab yang dikenal: 36\n",
        "  mailboxfull      Mailbox penerima penuh\n",
        "\nBlacklist alamat IP (DNSBL): ",
        "  spamhaus-zen: Spamhaus ZEN\n      cek status: https://",
        "      delisting: https://",
        "  talos: Reputasi IP Cisco Talos (SenderBase)\n",
        "  sorbs: SORBS (sudah berhenti beroperasi)\n",
    ] {
        assert!(id.contains(line), "{line:?} missing from:\n{id}");
    }
    let en = stdout(&pantul(&["catalog", "--lang", "en"]));
    for line in [
        "Reasons: 36\n",
        "  mailboxfull      The recipient's mailbox is full\n",
        "  talos: Cisco Talos IP reputation (SenderBase)\n      lookup: ",
        "      delist: https://",
    ] {
        assert!(en.contains(line), "{line:?} missing from:\n{en}");
    }
    let help = stdout(&pantul(&["--help"]));
    assert!(help.contains("pantul catalog [--json]"), "{help}");
}

/// Runs the command with `args` in the locale `lang` (LANG only).
fn pantul_in_locale(args: &[&str], lang: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pantul"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn help_is_in_the_language_asked_for_or_the_locales() {
    let en = "usage: pantul [OPTIONS] [FILE|DIR]...\n";
    let id = "penggunaan: pantul [OPSI] [FILE|DIR]...\n";
    let cases: &[(&[&str], &str, &str)] = &[
        (&["--help"], "C", en),
        (&["--help"], "id_ID.UTF-8", id),
        (&["-h", "--lang", "id"], "en_US.UTF-8", id),
        (&["--lang=en", "--help"], "id_ID.UTF-8", en),
        (&["catalog", "--help"], "id_ID.UTF-8", id),
    ];
    for (args, locale, start) in cases {
        let out = pantul_in_locale(args, locale);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = stdout(&out);
        assert!(text.starts_with(start), "{args:?} {locale}:\n{text}");
    }
    let id_help = stdout(&pantul_in_locale(&["--help"], "id_ID.UTF-8"));
    for words in [
        "--lang id|en      bahasa teks dan bantuan ini",
        "opsi:",
        "status keluar: 0 bila semua masukan terbaca",
    ] {
        assert!(id_help.contains(words), "{words:?} in:\n{id_help}");
    }
    // Every option of the English help is in the Indonesian one.
    let en_help = stdout(&pantul(&["--help"]));
    let options = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .filter(|w| w.starts_with('-') && w.len() > 1)
            .map(|w| w.trim_end_matches([',', ')', '.']).to_string())
            .collect()
    };
    let mut en_options = options(&en_help);
    let mut id_options = options(&id_help);
    en_options.sort();
    en_options.dedup();
    id_options.sort();
    id_options.dedup();
    assert_eq!(en_options, id_options);
    // A usage error points to the help in the error's language.
    let out = pantul_in_locale(&["--nope"], "id_ID.UTF-8");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(
        err,
        "pantul: opsi --nope tidak dikenal\n\
         Jalankan 'pantul --help' untuk melihat cara pemakaiannya.\n"
    );
}

/// A pipe whose reading end is already closed: whatever is written to
/// it fails with a broken pipe.
fn closed_pipe() -> std::fs::File {
    use std::os::fd::FromRawFd;
    let mut ends = [0; 2];
    // SAFETY: `pipe` fills both descriptors on success; the reading one
    // is closed here and the writing one handed to a File that owns it.
    unsafe {
        assert_eq!(libc::pipe(ends.as_mut_ptr()), 0);
        libc::close(ends[0]);
        std::fs::File::from_raw_fd(ends[1])
    }
}

#[test]
fn a_closed_error_stream_keeps_the_exit_status() {
    let status = Command::new(env!("CARGO_BIN_EXE_pantul"))
        .args(["--bogus"])
        .env("LANG", "C")
        .stdout(Stdio::null())
        .stderr(closed_pipe())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2), "usage error, not a panic (101)");
}

#[test]
fn help_into_a_closed_pipe_fails_without_a_panic() {
    let output = Command::new(env!("CARGO_BIN_EXE_pantul"))
        .args(["--help"])
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn a_remote_host_without_an_address_is_shown_alone() {
    let dir = scratch("host-without-ip");
    let notice = write(
        &dir,
        "fragment.txt",
        b"<budi@example.net>: host mx1.example.net said: 550 5.1.1 \
          <budi@example.net>: Recipient address rejected: User unknown \
          (in reply to RCPT TO command)\n",
    );
    let out = stdout(&pantul(&["--lang", "en", &notice]));
    assert!(out.contains("     remote: mx1.example.net\n"), "{out}");
    assert!(!out.contains("[?]"), "{out}");
}

#[test]
fn a_log_whose_messages_never_finish_is_read_with_the_oldest_early() {
    use pantul::split_log::MAX_OPEN;
    // Each message bounces and the log never says it left the queue (a
    // log cut down to its `status=` lines): past MAX_OPEN open messages
    // the oldest are read as they stand.
    let line = |n: usize| {
        format!(
            "Jan  2 03:04:05 mx postfix/smtp[1]: {n:X}: to=<a{n}@example.org>, \
             relay=none, delay=1, dsn=5.4.4, status=bounced (Host or domain \
             name not found)\n"
        )
    };
    let extra = 3;
    let log: String = (0x10000..0x10000 + MAX_OPEN + extra).map(line).collect();
    let dir = scratch("never-finish");
    let file = write(&dir, "mail.log", &log);
    let output = pantul(&["--jsonl", "--lang", "en", &file]);
    assert!(output.status.success(), "{}", stderr(&output));
    let reports: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), MAX_OPEN + extra);
    let early: Vec<&str> = reports
        .iter()
        .filter(|r| {
            r["warning_ids"]
                .as_array()
                .is_some_and(|w| w.iter().any(|w| w == "warning.queued-early"))
        })
        .map(|r| r["queue_id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(early, ["10000", "10001", "10002"]);
    let first = &reports[0]["recipients"][0];
    assert_eq!(first["address"], "a65536@example.org");
    let last = &reports[MAX_OPEN + extra - 1];
    assert_eq!(
        last["queue_id"],
        format!("{:X}", 0x10000 + MAX_OPEN + extra - 1)
    );
    // The totals alone count the reports read early too, by warning.
    let output = pantul(&["--totals", "--jsonl", &file]);
    let totals = json(&output);
    assert_eq!(totals["totals"]["reports"], MAX_OPEN + extra);
    assert_eq!(totals["totals"]["warnings"]["warning.queued-early"], extra);
    let output = pantul(&["--totals", "--lang", "en", &file]);
    assert!(
        stdout(&output)
            .contains("\n  reports with warnings: read before the log said it was finished 3\n"),
        "{}",
        stdout(&output)
    );
}
