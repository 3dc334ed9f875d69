// SPDX-License-Identifier: MIT
//! Writes the tables of `src/lowercase.rs`: what `str::to_lowercase`
//! does to each character, read from the standard library that builds
//! this script (so the same Unicode version as the library's own), in
//! a few hundred runs instead of the standard library's table of one
//! entry a character.
//!
//! The properties that decide a capital sigma's lowercase (final `ς`
//! or `σ`) are not public; they are read from `str::to_lowercase`
//! itself, by what it makes of a sigma next to each character.

use std::fmt::Write;

/// Runs of characters that lowercase to themselves plus one distance
/// (`delta`): every character from `first` to `last` when `step` is 1,
/// every other one (the ones between lowercase to themselves) when it
/// is 2.
struct Run {
    first: u32,
    last: u32,
    step: u32,
    delta: i64,
}

/// The Rust source of the tables: `LOWER_RUNS`, `LOWER_LONG` (the
/// characters whose lowercase is more than one character),
/// `IGNORABLE` and `CASED` (ranges, for the sigma).
pub fn tables() -> String {
    let mut runs: Vec<Run> = Vec::new();
    let mut long = Vec::new();
    let mut ignorable = Vec::new();
    let mut cased = Vec::new();
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let code = u32::from(c);
        let lower: Vec<char> = c.to_lowercase().collect();
        match lower[..] {
            [one] if one == c => {}
            [one] => extend(&mut runs, code, i64::from(u32::from(one))),
            _ => long.push((code, lower.iter().collect::<String>())),
        }
        let (ign, case) = sigma_properties(c);
        add_to_ranges(&mut ignorable, code, ign);
        add_to_ranges(&mut cased, code, case);
    }
    let mut out = String::new();
    out.push_str("/// Runs (see build/case.rs): first | length << 21, then ");
    out.push_str("delta << 1 | (step - 1).\n");
    let _ =
        writeln!(out, "static LOWER_RUNS: [(u32, i32); {}] = [", runs.len());
    for r in &runs {
        let delta = i32::try_from(r.delta).expect("a delta fits an i32");
        let step = i32::try_from(r.step).expect("a step is 1 or 2");
        let _ = writeln!(
            out,
            "({}, {}),",
            packed(r.first, r.last),
            delta << 1 | (step - 1)
        );
    }
    out.push_str("];\n");
    let _ =
        writeln!(out, "static LOWER_LONG: [(u32, &str); {}] = [", long.len());
    for (code, text) in &long {
        let _ = writeln!(out, "({code}, {text:?}),");
    }
    out.push_str("];\n");
    for (name, ranges) in [("IGNORABLE", &ignorable), ("CASED", &cased)] {
        out.push_str("/// Ranges: first | length << 21.\n");
        let _ = writeln!(out, "static {name}: [u32; {}] = [", ranges.len());
        for &(first, last) in ranges {
            let _ = writeln!(out, "{},", packed(first, last));
        }
        out.push_str("];\n");
    }
    out
}

/// A range of characters in one number: the first's code, then how
/// many follow it (a range is cut to fit 11 bits when it is built).
fn packed(first: u32, last: u32) -> u32 {
    first | (last - first) << 21
}

fn extend(runs: &mut Vec<Run>, code: u32, lower: i64) {
    let delta = lower - i64::from(code);
    if let Some(run) = runs.last_mut() {
        let gap = code - run.last;
        let fits = run.delta == delta
            && (run.first == run.last && gap <= 2 || gap == run.step)
            && code - run.first < 1 << 11;
        if fits {
            if run.first == run.last {
                run.step = gap;
            }
            run.last = code;
            return;
        }
    }
    runs.push(Run { first: code, last: code, step: 1, delta });
}

/// Whether `c` is skipped (case-ignorable) when `str::to_lowercase`
/// looks for a cased character beside a sigma, and whether it counts
/// as cased there (only asked of characters not skipped).
fn sigma_properties(c: char) -> (bool, bool) {
    let ends_final = |text: String| text.to_lowercase().ends_with('ς');
    // Final after "A" + c: c skipped, or c not skipped and cased.
    let after_cased = ends_final(format!("A{c}Σ"));
    // Final after c alone: c not skipped and cased.
    let after_c = ends_final(format!("{c}Σ"));
    (after_cased && !after_c, after_c)
}

fn add_to_ranges(ranges: &mut Vec<(u32, u32)>, code: u32, yes: bool) {
    if !yes {
        return;
    }
    match ranges.last_mut() {
        Some((first, last)) if *last + 1 == code && code - *first < 1 << 11 => {
            *last = code;
        }
        _ => ranges.push((code, code)),
    }
}
