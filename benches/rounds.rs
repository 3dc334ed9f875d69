// SPDX-License-Identifier: MIT
//! Decoding speed in one process, the way `scripts/bench/node.mjs`
//! measures the npm package, for a like-for-like comparison: every file
//! given (or every `.eml` file of a folder) is read into memory, decoded
//! once as a warm-up, then round after round, each report serialised to
//! JSON. Prints one JSON line: messages, bytes, and each round's wall
//! and CPU seconds (the process's CPU clock, as Node's
//! `process.cpuUsage()` gives it to the microsecond).
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

/// User and system CPU seconds of this process so far, to the
/// nanosecond: a round of the corpus takes some tens of milliseconds,
/// which the 10 ms ticks of `/proc/self/stat` would measure to within
/// a quarter only.
fn cpu_seconds() -> Option<f64> {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid timespec for the call to fill.
    let ok = unsafe {
        libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now)
    };
    (ok == 0).then(|| now.tv_sec as f64 + now.tv_nsec as f64 / 1e9)
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
                let _ = pantul::json::to_string(&report);
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
