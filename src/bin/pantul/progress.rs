// SPDX-License-Identifier: MIT
//! A progress bar on standard error for long runs: many files, or one
//! large mbox file. It counts bytes read, so that an mbox advances
//! message by message, and it stays off when standard error is not a
//! terminal or the run is short.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

use pantul::knowledge::messages::{size, text};
use pantul::Lang;

/// Below this many files and bytes, no bar is drawn.
const FEW_FILES: usize = 20;
const FEW_BYTES: u64 = 8 * 1024 * 1024;

/// The shortest time between two redraws.
const REDRAW: Duration = Duration::from_millis(100);

const WIDTH: u64 = 30;

/// The bar's state.
pub struct Progress {
    enabled: bool,
    total: u64,
    done: u64,
    messages: usize,
    drawn: Option<Instant>,
    lang: Lang,
}

impl Progress {
    /// A bar for `files` inputs of `total` bytes in all (0 when a size is
    /// unknown, as for standard input: then no bar).
    /// Its words are in `lang`.
    pub fn new(files: usize, total: u64, lang: Lang) -> Progress {
        let long = files >= FEW_FILES || total >= FEW_BYTES;
        let enabled = long && total > 0 && io::stderr().is_terminal();
        Progress { enabled, total, done: 0, messages: 0, drawn: None, lang }
    }

    /// One message of `bytes` bytes is done.
    pub fn message(&mut self, bytes: usize) {
        self.done = self.done.saturating_add(bytes as u64).min(self.total);
        self.messages += 1;
        let due = self.drawn.is_none_or(|t| t.elapsed() >= REDRAW);
        if self.enabled && due {
            self.draw();
        }
    }

    /// Writes a line on standard error without tearing the bar.
    pub fn note(&mut self, line: &str) {
        self.clear();
        crate::stderr::line(line);
        if self.enabled {
            self.draw();
        }
    }

    /// Draws the bar a last time and ends its line.
    pub fn finish(&mut self) {
        if self.enabled && self.drawn.is_some() {
            self.done = self.total;
            self.draw();
            crate::stderr::line("");
        }
    }

    fn draw(&mut self) {
        let filled = self.done * WIDTH / self.total.max(1);
        let bytes =
            |b: u64| size(usize::try_from(b).unwrap_or(usize::MAX), self.lang);
        let count = self.messages.to_string();
        let sizes = format!("{} / {}", bytes(self.done), bytes(self.total));
        let values = [("count", count.as_str()), ("size", sizes.as_str())];
        let words = text("cli.progress", self.lang, &values);
        let mut err = io::stderr().lock();
        let _ = write!(
            err,
            "\r[{}{}] {words}",
            "#".repeat(filled as usize),
            " ".repeat((WIDTH - filled) as usize),
        );
        let _ = err.flush();
        self.drawn = Some(Instant::now());
    }

    fn clear(&self) {
        if self.enabled && self.drawn.is_some() {
            crate::stderr::raw(&format!(
                "\r{}\r",
                " ".repeat(WIDTH as usize + 40)
            ));
        }
    }
}
