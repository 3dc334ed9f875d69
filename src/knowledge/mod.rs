// SPDX-License-Identifier: MIT
//! The catalogs in `data/`, compiled in by the build script: blocklists
//! and policies, advice, code meanings, classification rules, messages.

pub mod advice;
mod automaton;
mod blob;
pub mod catalog;
pub mod codes;
pub mod export;
#[cfg(any(test, all(target_arch = "wasm32", not(feature = "npm"))))]
mod lexicon;
pub mod listings;
#[cfg(any(test, all(target_arch = "wasm32", not(feature = "npm"))))]
mod lzma;
mod mention;
pub mod messages;
pub(crate) mod names;
mod prebuilt;
pub mod rules;
pub mod schema;

use std::sync::OnceLock;

pub use schema::{Knowledge, Lang, Text};

/// The knowledge as `build.rs` stores it with postcard, which the tests
/// compare with what the columns below read back (see `blob.rs`).
#[cfg(test)]
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/knowledge.bin"));

/// The same in columns (`blob.rs`), which the native build reads as
/// they are.
#[cfg(any(test, not(target_arch = "wasm32")))]
static COLUMNS: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/knowledge.columns"));

/// The page's knowledge in columns, its commonest words as codes
/// (`lexicon.rs`), and packed with LZMA: the page's download carries
/// this and unpacks it on first use (`lzma.rs`, then `lexicon.rs`); the
/// native build keeps its columns as they are and starts without the
/// work.
#[cfg(all(target_arch = "wasm32", not(feature = "npm")))]
static PACKED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/knowledge.lzma"));

#[cfg(not(target_arch = "wasm32"))]
fn load() -> Option<Knowledge> {
    blob::read_columns(COLUMNS)
}

/// The same columns unpacked in the npm package's module (feature
/// `npm`), which is installed once rather than downloaded by each
/// visitor: its first call skips unpacking them, in code that runs
/// before V8 has optimised it (about 40 % less CPU time for a first
/// call under Node, for 49 KB more gzipped module).
#[cfg(all(target_arch = "wasm32", feature = "npm"))]
static UNPACKED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/knowledge.wasm.columns"));

#[cfg(all(target_arch = "wasm32", not(feature = "npm")))]
fn load() -> Option<Knowledge> {
    blob::read_columns(&lexicon::expand(&lzma::unpack(PACKED)?)?)
}

#[cfg(all(target_arch = "wasm32", feature = "npm"))]
fn load() -> Option<Knowledge> {
    blob::read_columns(UNPACKED)
}

/// Everything Pantul knows, loaded on first use.
pub fn get() -> &'static Knowledge {
    static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
    KNOWLEDGE.get_or_init(|| {
        // The blob is written by build.rs from these same types, so it
        // always reads back; a failure would be a build bug, and an empty
        // catalog is the honest answer then.
        load().unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_compiled_knowledge_loads() {
        let k = super::get();
        assert!(!k.entry.is_empty());
        assert!(!k.advice.is_empty());
    }
}
