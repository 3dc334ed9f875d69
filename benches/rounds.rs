// SPDX-License-Identifier: MIT
//! Decoding speed in one process, the way `scripts/bench/node.mjs`
//! measures the npm package, for a like-for-like comparison: every file
//! given (or every `.eml` file of a folder) is read into memory, decoded
//! once as a warm-up, then round after round, each report serialised to
//! JSON. Prints one JSON line: messages, bytes, and each round's wall
//! and CPU seconds (CPU from `/proc/self/stat`, where there is one).
//!
//! ```sh
//! cargo bench --bench rounds -- [--rounds N] FILE_OR_DIR...
//! ```

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

fn files(paths: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        let path = PathBuf::from(path);
        match fs::read_dir(&path) {
            Ok(entries) => {
                let mut found: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect();
                found.sort();
                out.extend(found);
            }
            Err(_) => out.push(path),
        }
    }
    out
}

/// User and system CPU seconds of this process so far, if known.
fn cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    // Fields 14 and 15 of stat(5), counted from the state (field 3).
    Some((ticks(11)? + ticks(12)?) / 100.0)
}

fn main() {
    // `cargo bench` adds `--bench`.
    let mut args: Vec<String> =
        std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let mut rounds = 5;
    if let Some(i) = args.iter().position(|a| a == "--rounds") {
        rounds = args.get(i + 1).and_then(|n| n.parse().ok()).unwrap_or(5);
        args.drain(i..(i + 2).min(args.len()));
    }
    let inputs: Vec<Vec<u8>> =
        files(&args).iter().filter_map(|p| fs::read(p).ok()).collect();
    let bytes: usize = inputs.iter().map(Vec::len).sum();
    let options =
        pantul::Options { lang: pantul::Lang::En, ..Default::default() };
    let once = || {
        let mut recipients = 0;
        for input in &inputs {
            if let Ok(report) = pantul::decode(input, &options) {
                recipients += report.recipients.len();
                let _ = serde_json::to_string(&report);
            }
        }
        recipients
    };
    let recipients = once();
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (t0, c0) = (Instant::now(), cpu_seconds());
        once();
        wall.push(t0.elapsed().as_secs_f64());
        if let (Some(c0), Some(c1)) = (c0, cpu_seconds()) {
            cpu.push(c1 - c0);
        }
    }
    println!(
        "{{\"messages\":{},\"bytes\":{bytes},\"recipients\":{recipients},\
         \"seconds\":{wall:?},\"cpuSeconds\":{cpu:?}}}",
        inputs.len()
    );
}
