// SPDX-License-Identifier: MIT
//! The hand-written JSON (`pantul::json`) against `serde_json` over the
//! derived `Serialize` of the same values: byte for byte, compact and
//! pretty, for every fixture and every message of the Sisimai corpus
//! (whole and as a fragment, in both languages), the reports of a whole
//! mbox or mail log, and the catalog.

mod support;

use std::path::{Path, PathBuf};

use pantul::json::{to_string, to_string_pretty, WriteJson};
use pantul::{Lang, Options};
use serde::Serialize;

/// Asserts that both writers give the same bytes for `value`.
fn same<T: WriteJson + Serialize + ?Sized>(value: &T, what: &str) {
    let theirs = serde_json::to_string(value).expect("serde_json writes it");
    assert!(to_string(value) == theirs, "{what}: compact JSON differs");
    let theirs = serde_json::to_string_pretty(value).expect("writes it");
    assert!(to_string_pretty(value) == theirs, "{what}: pretty JSON differs");
}

/// The corpus's messages, if the corpus lies beside the project.
fn corpus() -> Vec<PathBuf> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("PANTUL_CORPUS")
        .map(PathBuf::from)
        .or_else(|| {
            here.ancestors()
                .map(|a| a.join("shared/corpus/sisimai"))
                .find(|d| d.join("labels.tsv").is_file())
        })
        .map(|d| d.join("eml"));
    let Some(dir) = dir else { return Vec::new() };
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Every report `bytes` gives, written both ways.
fn check(bytes: &[u8], what: &str) {
    for lang in [Lang::Id, Lang::En] {
        let options = Options { lang, ..Options::default() };
        if let Ok(report) = pantul::decode(bytes, &options) {
            same(&report, what);
        }
        if let Some(text) = pantul::shown_text(bytes) {
            if let Ok(report) = pantul::decode(text.as_bytes(), &options) {
                same(&report, &format!("{what} (fragment)"));
            }
        }
    }
    let options = Options::default();
    if let Ok(reports) = pantul::decode_all(bytes, &options) {
        same(&reports, &format!("{what} (every message)"));
    }
    if let Ok(reports) = pantul::split_log::decode_log(bytes, &options) {
        same(&reports, &format!("{what} (by queued message)"));
    }
}

#[test]
fn fixtures_are_written_as_serde_json_writes_them() {
    let inputs = support::fixture_inputs();
    assert!(inputs.len() > 100, "the fixtures are where they were");
    for path in inputs {
        let bytes = std::fs::read(&path).expect("readable");
        check(&bytes, &path.display().to_string());
    }
}

#[test]
fn the_corpus_is_written_as_serde_json_writes_it() {
    let messages = corpus();
    if messages.is_empty() {
        eprintln!("corpus: not found beside the project; skipped");
        return;
    }
    for path in messages {
        let bytes = std::fs::read(&path).expect("readable");
        check(&bytes, &path.display().to_string());
    }
}

#[test]
fn the_catalog_is_written_as_serde_json_writes_it() {
    for lang in [Lang::Id, Lang::En] {
        same(&pantul::knowledge::export::catalog(lang), "catalog");
    }
}
