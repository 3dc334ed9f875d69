// SPDX-License-Identifier: MIT
//! In-process speed of `pantul::decode` on one core, with criterion:
//!
//! - `corpus/messages`: every message of the shared Sisimai corpus,
//!   decoded one after another, serialised to JSON as the CLI does;
//! - `scaling/<shape>/<MB>`: one input of 1 and 10 MB in each of three
//!   shapes (an mbox, one huge message, one very long line); the
//!   whole-process runs of `scripts/bench.mjs` add 50 MB.
//!
//! `cargo bench --bench decode` runs it; `scripts/bench.mjs` runs it and
//! writes the figures into `docs/performance.md`. Under `cargo test
//! --benches` each case runs once, on inputs of a few kB, as a smoke
//! test.

mod inputs;

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput};

/// Sizes of the scaling inputs, in MB: the full set, and the smoke
/// test's.
const SIZES_MB: &[usize] = &[1, 10];
const SMOKE_SIZES_KB: &[usize] = &[4, 40];

/// Decodes one message as the CLI's `--jsonl` does: the report, then its
/// JSON line. Returns the line's length.
fn decode_to_json(message: &[u8], options: &pantul::Options) -> usize {
    match pantul::decode(message, options) {
        Ok(report) => pantul::json::to_string(&report).len(),
        Err(_) => 0,
    }
}

/// Every message of an mbox, as the CLI decodes a file.
fn decode_file(bytes: &[u8], options: &pantul::Options) -> usize {
    pantul::input::split_mbox(bytes)
        .iter()
        .map(|m| decode_to_json(m, options))
        .sum()
}

fn corpus(c: &mut Criterion, corpus: &[Vec<u8>], options: &pantul::Options) {
    let measuring = is_measuring();
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("messages", |b| {
        b.iter(|| {
            corpus
                .iter()
                .map(|m| decode_to_json(black_box(m), options))
                .sum::<usize>()
        })
    });
    group.finish();
    if measuring {
        note("corpus/messages", corpus.len(), bytes);
    }
}

fn scaling(
    c: &mut Criterion,
    corpus: &[Vec<u8>],
    sizes: &[usize],
    unit: usize,
) {
    let options = pantul::Options {
        lang: pantul::Lang::En,
        max_size: 64 << 20,
        sending_ip: None,
    };
    type Make<'a> = Box<dyn Fn(usize) -> Vec<u8> + 'a>;
    let shapes: [(&str, Make); 3] = [
        ("mbox", Box::new(|size| inputs::mbox(corpus, size))),
        ("message", Box::new(inputs::huge_message)),
        ("line", Box::new(inputs::long_line)),
    ];
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for (shape, make) in &shapes {
        for &size in sizes {
            let input = make(size * unit);
            let messages = pantul::input::split_mbox(&input).len();
            let id = BenchmarkId::new(*shape, size);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_with_input(id, &input, |b, input| {
                b.iter(|| decode_file(black_box(input), &options))
            });
            if is_measuring() {
                note(&format!("scaling/{shape}/{size}"), messages, input.len());
            }
        }
    }
    group.finish();
}

/// Keeps the count of messages and bytes of a case beside criterion's
/// own results, for `scripts/bench.mjs`.
fn note(id: &str, messages: usize, bytes: usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion");
    let _ = fs::create_dir_all(&dir);
    let line = format!("{id}\t{messages}\t{bytes}\n");
    let file = dir.join("pantul-inputs.tsv");
    let old = fs::read_to_string(&file).unwrap_or_default();
    let kept: String = old
        .lines()
        .filter(|l| !l.starts_with(&format!("{id}\t")))
        .map(|l| format!("{l}\n"))
        .collect();
    let _ = fs::write(file, kept + &line);
}

/// True if and only if criterion measures: `cargo bench` passes
/// `--bench`; `cargo test --benches` does not, and criterion then runs
/// each case once.
fn is_measuring() -> bool {
    let mut args = std::env::args();
    args.any(|a| a == "--bench") && !std::env::args().any(|a| a == "--test")
}

fn main() {
    let measuring = is_measuring();
    let mut c = Criterion::default().configure_from_args();
    let corpus_messages = inputs::corpus();
    if corpus_messages.is_empty() {
        eprintln!("bench: the Sisimai corpus is missing; corpus skipped");
    } else {
        let options = pantul::Options {
            lang: pantul::Lang::En,
            ..pantul::Options::default()
        };
        let count = if measuring { corpus_messages.len() } else { 20 };
        let some = &corpus_messages[..count.min(corpus_messages.len())];
        corpus(&mut c, some, &options);
    }
    if measuring {
        scaling(&mut c, &corpus_messages, SIZES_MB, 1 << 20);
    } else {
        scaling(&mut c, &corpus_messages, SMOKE_SIZES_KB, 1 << 10);
    }
    c.final_summary();
}
