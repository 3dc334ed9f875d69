// SPDX-License-Identifier: MIT
//! The WebAssembly build leaves every charset but UTF-8, US-ASCII,
//! Latin-1 and UTF-7 to its host's `TextDecoder` (`src/charset.rs`).
//! Here `encoding_rs` plays the host, as the WHATWG Encoding Standard
//! that both implement says, and the reports must not change: on our
//! ISO-2022-JP, Shift_JIS and EUC-KR samples (`tests/charsets/NN.eml`,
//! each with what its report says of the message in `NN.json`, which
//! `tests/npm/charsets.test.mjs` checks under Node too), and on the
//! whole Sisimai corpus (whole reports) when it is there. Their
//! unstructured headers with encoded words read as `mail-parser`, the
//! former reader, read them.
//!
//! One test function, because the host decoder, once set, stays set.
//! Native only: under WebAssembly the host is Node, in
//! `tests/npm/charsets.test.mjs`.

#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use mail_parser::{HeaderValue, MessageParser};
use pantul::charset;

/// How often the host was asked.
static ASKED: AtomicUsize = AtomicUsize::new(0);

/// The host's `new TextDecoder(encoding).decode(bytes)`: a BOM is
/// removed only for the Unicode encodings.
fn host(encoding: &str, bytes: &[u8]) -> Option<String> {
    ASKED.fetch_add(1, Ordering::Relaxed);
    let e = encoding_rs::Encoding::for_label(encoding.as_bytes())?;
    let unicode = ["utf-8", "utf-16le", "utf-16be"].contains(&encoding);
    let text = if unicode {
        e.decode_with_bom_removal(bytes).0
    } else {
        e.decode_without_bom_handling(bytes).0
    };
    Some(text.into_owned())
}

fn options() -> pantul::Options {
    pantul::Options { lang: pantul::Lang::En, ..pantul::Options::default() }
}

fn report_json(bytes: &[u8]) -> String {
    match pantul::decode(bytes, &options()) {
        Ok(report) => serde_json::to_string_pretty(&report).unwrap(),
        Err(e) => format!("error: {}", e.id()),
    }
}

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/charsets");
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    paths.sort();
    paths
}

fn corpus() -> Vec<PathBuf> {
    let dir =
        std::env::var_os("PANTUL_CORPUS").map(PathBuf::from).or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .ancestors()
                .map(|a| a.join("shared/corpus/sisimai"))
                .find(|d| d.join("labels.tsv").is_file())
        });
    let Some(Ok(entries)) = dir.map(|d| fs::read_dir(d.join("eml"))) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
}

/// What a sample's golden file pins of its report: what was read from
/// the message, not the catalog's texts, which change on their own.
fn pinned(bytes: &[u8]) -> String {
    let report = pantul::decode(bytes, &options()).unwrap();
    let recipients: Vec<serde_json::Value> = report
        .recipients
        .iter()
        .map(|r| {
            serde_json::json!({
                "address": r.address,
                "status": r.status.map(|s| s.to_string()),
                "reply_code": r.reply_code,
                "command": r.command,
                "diagnostic": r.diagnostic,
                "reason": r.reason,
            })
        })
        .collect();
    let pinned = serde_json::json!({
        "kind": report.kind,
        "format": report.format,
        "recipients": recipients,
    });
    serde_json::to_string_pretty(&pinned).unwrap()
}

/// Checks a sample against its golden file; `PANTUL_BLESS=1` writes it.
fn check_golden(path: &Path, json: &str) {
    let golden = path.with_extension("json");
    if std::env::var_os("PANTUL_BLESS").is_some() {
        fs::write(&golden, format!("{json}\n")).unwrap();
    }
    let want = fs::read_to_string(&golden).unwrap_or_default();
    assert_eq!(json, want.trim_end(), "{} differs", golden.display());
}

/// Every unstructured header of the message with encoded words reads
/// as `mail-parser` (with `encoding_rs`) read it; how many there were.
fn check_headers(bytes: &[u8]) -> usize {
    let Some(message) = MessageParser::new().parse(bytes) else { return 0 };
    let raw = message.raw_message();
    let mut checked = 0;
    for h in &message.root_part().headers {
        let value = match &h.value {
            HeaderValue::Text(t) => t.to_string(),
            HeaderValue::TextList(l) => l.join(", "),
            _ => continue,
        };
        let raw = &raw[h.offset_start as usize..h.offset_end as usize];
        if !raw.windows(2).any(|w| w == b"=?") {
            continue;
        }
        let ours = charset::unstructured(raw);
        assert_eq!(ours.as_deref(), Some(&value[..]), "{}", h.name.as_str());
        checked += 1;
    }
    checked
}

#[test]
fn the_host_decodes_as_the_native_build() {
    let samples = samples();
    assert_eq!(samples.len(), 3);
    let corpus = corpus();
    let native: Vec<String> =
        corpus.iter().map(|p| report_json(&fs::read(p).unwrap())).collect();
    for path in &samples {
        check_golden(path, &pinned(&fs::read(path).unwrap()));
    }

    charset::set_host_decoder(host);
    for path in &samples {
        let bytes = fs::read(path).unwrap();
        let before = ASKED.load(Ordering::Relaxed);
        check_golden(path, &pinned(&bytes));
        assert!(ASKED.load(Ordering::Relaxed) > before, "host not asked");
        assert_eq!(check_headers(&bytes), 1, "{}", path.display());
    }
    let golden = fs::read_to_string(samples[0].with_extension("json"));
    assert!(golden.unwrap().contains("宛先のメールボックスは存在しません"));

    let before = ASKED.load(Ordering::Relaxed);
    for (path, native) in corpus.iter().zip(&native) {
        let bytes = fs::read(path).unwrap();
        assert_eq!(&report_json(&bytes), native, "{}", path.display());
        check_headers(&bytes);
    }
    if !corpus.is_empty() {
        assert!(ASKED.load(Ordering::Relaxed) > before, "corpus: never asked");
    }
}
