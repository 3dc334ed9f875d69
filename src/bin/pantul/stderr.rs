// SPDX-License-Identifier: MIT
//! Standard error, written without panicking: when it is a pipe the
//! reader closed (`pantul --bogus 2>&1 | head -1`), what is left unsaid
//! is dropped and the exit code stays the one the run earned.

use std::io::{self, Write};

/// Writes `text` and a line end.
pub fn line(text: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// Writes `text` as it is, and flushes it.
pub fn raw(text: &str) {
    let mut err = io::stderr().lock();
    let _ = write!(err, "{text}");
    let _ = err.flush();
}
