// SPDX-License-Identifier: MIT
//! Inputs for the benchmarks: the shared Sisimai corpus, and the three
//! shapes of a large input, made to a given size from our own text.
//!
//! `scripts/bench/inputs.mjs` makes the same shapes as files for the
//! whole-process runs; keep the two recipes alike.

use std::fs;
use std::path::{Path, PathBuf};

/// The corpus's messages (`eml/*.eml`), in name order: beside the
/// project (`../shared/corpus/sisimai`, found by walking up) or where
/// `PANTUL_CORPUS` says. Empty when there is none.
pub fn corpus() -> Vec<Vec<u8>> {
    let Some(dir) = corpus_dir() else { return Vec::new() };
    let Ok(entries) = fs::read_dir(dir.join("eml")) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| fs::read(p).ok()).collect()
}

fn corpus_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PANTUL_CORPUS") {
        return Some(PathBuf::from(dir));
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/corpus/sisimai"))
        .find(|d| d.join("labels.tsv").is_file())
}

/// An mbox of `size` bytes or a little more: the corpus's messages,
/// each after a `From ` line, over and over.
pub fn mbox(corpus: &[Vec<u8>], size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + 100_000);
    'fill: loop {
        for message in corpus {
            out.extend_from_slice(
                b"From MAILER-DAEMON Thu Apr 29 23:34:45 2015\n",
            );
            for line in message.split_inclusive(|&b| b == b'\n') {
                if line.starts_with(b"From ") {
                    out.push(b'>');
                }
                out.extend_from_slice(line);
            }
            if !out.ends_with(b"\n") {
                out.push(b'\n');
            }
            out.push(b'\n');
            if out.len() >= size {
                break 'fill;
            }
        }
        if corpus.is_empty() {
            break;
        }
    }
    out
}

/// One Postfix bounce of `size` bytes that returns a message with a
/// large base64 attachment.
pub fn huge_message(size: usize) -> Vec<u8> {
    let head = "From: MAILER-DAEMON@mx.example.com (Mail Delivery System)\n\
        To: neko@example.com\n\
        Subject: Undelivered Mail Returned to Sender\n\
        MIME-Version: 1.0\n\
        Content-Type: multipart/report; report-type=delivery-status;\n\
        \tboundary=\"B1\"\n\n\
        --B1\nContent-Type: text/plain; charset=us-ascii\n\n\
        This is the mail system at host mx.example.com.\n\n\
        I'm sorry to have to inform you that your message could not\n\
        be delivered to one or more recipients.\n\n\
        \x20                  The mail system\n\n\
        <tora@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n\
        \x20   <tora@example.org>: Recipient address rejected: User unknown\n\
        \x20   (in reply to RCPT TO command)\n\n\
        --B1\nContent-Type: message/delivery-status\n\n\
        Reporting-MTA: dns; mx.example.com\n\n\
        Final-Recipient: rfc822; tora@example.org\n\
        Action: failed\nStatus: 5.1.1\n\
        Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n\
        --B1\nContent-Type: message/rfc822\n\n\
        From: neko@example.com\nTo: tora@example.org\nSubject: Photos\n\
        MIME-Version: 1.0\n\
        Content-Type: multipart/mixed; boundary=\"B2\"\n\n\
        --B2\nContent-Type: text/plain\n\nThe photos.\n\n\
        --B2\nContent-Type: image/jpeg\n\
        Content-Transfer-Encoding: base64\n\n";
    let tail = "\n--B2--\n\n--B1--\n";
    let mut out = head.as_bytes().to_vec();
    let line =
        b"TG9yZW0gaXBzdW0gZG9sb3Igc2l0IGFtZXQsIGNvbnNlY3RldHVyIGFkaXBpc2Np\n";
    while out.len() + line.len() + tail.len() <= size {
        out.extend_from_slice(line);
    }
    out.extend_from_slice(tail.as_bytes());
    out
}

/// A pasted fragment of `size` bytes on one line: a Postfix recipient
/// paragraph whose server's words go on and on.
pub fn long_line(size: usize) -> Vec<u8> {
    let mut out = b"<tora@example.org>: host mx.example.org[192.0.2.1] said: \
        550 5.1.1 <tora@example.org>: Recipient address rejected:"
        .to_vec();
    let words = b" the mailbox is not known here, please check the address";
    while out.len() + words.len() + 40 <= size {
        out.extend_from_slice(words);
    }
    out.extend_from_slice(b" (in reply to RCPT TO command)\n");
    out
}
