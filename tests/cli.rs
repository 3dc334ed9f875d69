// SPDX-License-Identifier: MIT
//! The `pantul` command, run as users run it: its readable summary, its
//! JSON, its errors and exit statuses. Inputs are written to a fresh
//! directory under the system's temporary directory.

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
