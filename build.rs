// SPDX-License-Identifier: MIT
//! Compiles the knowledge files under `data/` into the library.
//!
//! Every `data/**/*.toml` file is read in path order, checked (unknown
//! fields, unknown reasons, duplicate ids, placeholders, link templates)
//! and merged; the result is written as one postcard blob that
//! `src/knowledge/mod.rs` includes. A mistake in a data file fails the
//! build with the file and the problem named.

// The build script may convert case with the standard library: only
// the library's own code keeps its case tables out (clippy.toml).
#![allow(clippy::disallowed_methods)]

#[path = "src/reason.rs"]
#[allow(dead_code)]
mod reason;

#[path = "build/knowledge.rs"]
#[allow(dead_code)]
mod knowledge;

#[path = "build/validate.rs"]
mod validate;

#[path = "build/columns.rs"]
mod columns;

#[path = "build/case.rs"]
mod case;

#[path = "build/lexicon.rs"]
mod lexicon;

#[path = "src/order.rs"]
#[allow(dead_code)]
mod order;

#[path = "src/knowledge/automaton.rs"]
#[allow(dead_code)]
mod automaton;

#[path = "build/automata.rs"]
mod automata;

use std::path::{Path, PathBuf};
use std::{env, fs};

use knowledge::schema::{Knowledge, KnowledgeFile};

fn main() {
    corpus_cfg();
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=build");
    println!("cargo:rerun-if-changed=src/knowledge/schema");
    println!("cargo:rerun-if-changed=src/reason.rs");

    let mut files = Vec::new();
    collect_toml(Path::new("data"), &mut files);
    files.sort();

    let mut knowledge = Knowledge::default();
    for path in &files {
        let text = fs::read_to_string(path)
            .unwrap_or_else(|e| fail(path, &e.to_string()));
        let mut file: KnowledgeFile = toml::from_str(&text)
            .unwrap_or_else(|e| fail(path, &e.to_string()));
        let stage = rule_stage(path);
        for rule in &mut file.rule {
            rule.stage = stage.clone();
        }
        if let Err(problem) = validate::file(&file) {
            fail(path, &problem);
        }
        knowledge.merge(file);
    }
    if let Err(problem) = validate::order_rules(&mut knowledge) {
        fail(Path::new("data/rules"), &problem);
    }
    if let Err(problem) = validate::whole(&knowledge) {
        fail(Path::new("data"), &problem);
    }

    // What only the checks above and the data's readers need stays out
    // of the library (and of the page's download).
    for rule in &mut knowledge.rule {
        rule.sample = String::new();
        rule.source = None;
    }
    let blob = postcard::to_allocvec(&knowledge)
        .unwrap_or_else(|e| fail(Path::new("data"), &e.to_string()));
    // The native build's knowledge, in the columns the library reads.
    let native = columns_of(&blob);
    // Its two automata, made here rather than in each process.
    let made = automata::source(&knowledge)
        .unwrap_or_else(|e| fail(Path::new("data"), &e));
    // The page's blob leaves out what only the native build reads.
    knowledge.strip_for_page();
    // The page's own module (feature `page`, set by scripts/build.mjs)
    // leaves out the catalog entries' samples and sources as well:
    // 10 KB of its download that only the catalogs of the CLI and the
    // npm package show, not the page's.
    if env::var_os("CARGO_FEATURE_PAGE").is_some() {
        for entry in &mut knowledge.entry {
            entry.sample.clear();
            entry.source.clear();
        }
    }
    let page = postcard::to_allocvec(&knowledge)
        .unwrap_or_else(|e| fail(Path::new("data"), &e.to_string()));
    let columns = columns_of(&page);
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR is set"));
    let coded = lexicon::encode(&columns);
    if knowledge::lexicon::expand(&coded).as_deref() != Some(&columns[..]) {
        fail(Path::new("data"), "the coded words do not read back");
    }
    // The npm package's module carries the same columns unpacked
    // (src/knowledge/mod.rs).
    fs::write(out.join("knowledge.wasm.columns"), &columns)
        .expect("OUT_DIR is writable");
    fs::write(out.join("knowledge.lzma"), pack(&coded))
        .expect("OUT_DIR is writable");
    fs::write(out.join("knowledge.page.bin"), page)
        .expect("OUT_DIR is writable");
    fs::write(out.join("knowledge.bin"), blob).expect("OUT_DIR is writable");
    fs::write(out.join("knowledge.columns"), native)
        .expect("OUT_DIR is writable");
    fs::write(out.join("automata.rs"), made).expect("OUT_DIR is writable");
    // src/shared_sender.rs's table without its comments, which only
    // its readers need.
    let senders = fs::read_to_string("data/shared-senders.txt")
        .unwrap_or_else(|e| fail(Path::new("data"), &e.to_string()));
    let networks: String = senders
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(out.join("shared-senders.txt"), networks)
        .expect("OUT_DIR is writable");
    // The case tables of src/lowercase.rs.
    fs::write(out.join("case.rs"), case::tables())
        .expect("OUT_DIR is writable");
}

/// The columns of the postcard blob `blob` (`build/columns.rs`), checked
/// to read back as the same knowledge: written again with postcard,
/// they give the same bytes.
fn columns_of(blob: &[u8]) -> Vec<u8> {
    let columns =
        columns::write(blob).unwrap_or_else(|e| fail(Path::new("data"), &e));
    let again = knowledge::blob::read_columns(&columns)
        .and_then(|k| postcard::to_allocvec(&k).ok());
    if again.as_deref() != Some(blob) {
        fail(Path::new("data"), "the columns do not read back");
    }
    columns
}

/// The page's knowledge (in the columns of `build/columns.rs`, its
/// commonest words as codes by `build/lexicon.rs`) packed as an `.lzma`
/// stream for the WebAssembly (`src/knowledge/lzma.rs` unpacks it): the
/// strongest preset, and no position bits, which suit text better than
/// the default.
fn pack(blob: &[u8]) -> Vec<u8> {
    use std::io::Write;

    let mut options = lzma_rust2::LzmaOptions::with_preset(9);
    options.pb = 0;
    let size = u64::try_from(blob.len()).ok();
    let mut packed = Vec::new();
    lzma_rust2::LzmaWriter::new_use_header(&mut packed, &options, size)
        .and_then(|mut writer| {
            writer.write_all(blob)?;
            writer.finish()
        })
        .unwrap_or_else(|e| fail(Path::new("data"), &e.to_string()));
    packed
}

/// The stage of the rules in a file: its folder right under
/// `data/rules/`, or the empty string elsewhere.
fn rule_stage(path: &Path) -> String {
    let Ok(rest) = path.strip_prefix("data/rules") else {
        return String::new();
    };
    let mut parts = rest.components();
    match (parts.next(), parts.next()) {
        (Some(dir), Some(_)) => dir.as_os_str().to_string_lossy().into_owned(),
        _ => String::new(),
    }
}

fn collect_toml(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_toml(&path, files);
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
}

fn fail(path: &Path, problem: &str) -> ! {
    panic!("knowledge file {}: {problem}", path.display());
}

/// Sets the cfg `pantul_no_corpus` when the shared Sisimai corpus is
/// neither where `PANTUL_CORPUS` says nor beside the project, so that
/// `tests/corpus.rs` reports its tests as ignored (with the reason)
/// rather than passing without checking anything. Under `CI=true` the
/// cfg is never set: there the tests run and a missing corpus fails.
///
/// A found corpus is watched; a missing one is not (Cargo would run this
/// script on every build), so a corpus laid beside the project after a
/// build is seen once `build.rs` or `data/` changes.
fn corpus_cfg() {
    println!("cargo::rustc-check-cfg=cfg(pantul_no_corpus)");
    println!("cargo:rerun-if-env-changed=PANTUL_CORPUS");
    println!("cargo:rerun-if-env-changed=CI");
    let labels = match env::var_os("PANTUL_CORPUS") {
        Some(dir) => Some(PathBuf::from(dir).join("labels.tsv")),
        None => {
            let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            here.ancestors()
                .map(|a| a.join("shared/corpus/sisimai/labels.tsv"))
                .find(|l| l.is_file())
        }
    };
    match labels.filter(|l| l.is_file()) {
        Some(labels) => {
            println!("cargo:rerun-if-changed={}", labels.display());
        }
        None if env::var("CI").is_ok_and(|v| v == "true") => {}
        None => println!("cargo:rustc-cfg=pantul_no_corpus"),
    }
}
