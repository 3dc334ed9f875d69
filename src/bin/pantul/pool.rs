// SPDX-License-Identifier: MIT
//! The command's memory allocator: free lists of small blocks
//! ([`pantul::pool`]), a set for each thread. The command runs on one
//! thread anyway.

/// The allocator; see the module's documentation.
pub type Pool = pantul::pool::Pool<pantul::pool::PerThread>;
