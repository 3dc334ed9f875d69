// SPDX-License-Identifier: MIT
//! nom grammars for what bounce notices are made of.
//!
//! Each parser works on `&str` and is named after the rule it reads;
//! the `find_*` functions search a text for the first place a parser
//! accepts. No `IResult` leaves this module tree's public functions
//! except the parsers themselves, which are documented with their rule.

pub mod address;
pub mod dsn;
pub mod exim;
pub mod exim_log;
pub mod exim_queue;
pub mod host;
pub mod json;
pub mod mailq;
pub mod postfix;
pub mod postfix_log;
pub mod postqueue;
pub mod reply;
pub mod status;

/// True if and only if `b` may stand inside a word for the purposes of
/// finding codes and names in running text.
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}
