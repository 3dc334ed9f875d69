// SPDX-License-Identifier: MIT
//! The npm package's memory allocator: free lists of small blocks
//! ([`crate::pool`]) in front of the standard library's allocator
//! (dlmalloc on wasm32).
//!
//! The module has one thread (wasm32-unknown-unknown without atomics),
//! so its one set of lists needs no lock; the page's module keeps
//! dlmalloc alone (built for size, see `scripts/build.mjs`).

/// The allocator; see the module's documentation.
pub type Pool = crate::pool::Pool<crate::pool::OneThread>;
