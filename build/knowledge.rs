// SPDX-License-Identifier: MIT
//! The library's knowledge schema, seen from the build script.

#[path = "../src/knowledge/schema/mod.rs"]
pub mod schema;

#[path = "../src/knowledge/blob.rs"]
pub mod blob;

#[path = "../src/knowledge/lexicon.rs"]
pub mod lexicon;
