// SPDX-License-Identifier: MIT
//! A server reply that a text mentions as an example, not as one that
//! came back: set-up notes or a how-to that say what an error means
//! "if it appears". Such a text names no address and reports no failed
//! delivery, so it is no bounce.
//!
//! ```text
//! Kalau muncul error 535 5.7.8 Authentication credentials invalid berarti password salah.
//! If you get 550 5.7.1 Relaying denied, turn on SMTP authentication.
//! ```

use crate::grammar::address::find_addresses;

/// Words (lowercase) that put a reply after them on their line as a
/// condition, in Indonesian and English.
const CONDITIONS: &[&str] = &[
    "kalau muncul",
    "jika muncul",
    "apabila muncul",
    "bila muncul",
    "kalau keluar",
    "jika keluar",
    "if you get",
    "if you see",
    "if you receive",
];

/// True if and only if the reply at `at` in `body` follows a condition
/// on its own line ([`CONDITIONS`]) and `body` names no address.
pub fn is_mentioned(body: &str, at: usize) -> bool {
    let line_start = body[..at].rfind('\n').map_or(0, |n| n + 1);
    let before = body[line_start..at].to_ascii_lowercase();
    CONDITIONS.iter().any(|c| before.contains(c))
        && find_addresses(body).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mentioned(text: &str) -> bool {
        let at = text.find("535").expect("a reply");
        is_mentioned(text, at)
    }

    #[test]
    fn a_reply_after_a_condition_is_an_example() {
        assert!(mentioned("Kalau muncul error 535 5.7.8 berarti salah.\n"));
        assert!(mentioned("Setup:\nIf you get 535 5.7.8, check it.\n"));
    }

    #[test]
    fn a_reply_that_came_back_is_no_example() {
        assert!(!mentioned("Kami dapat error 535 5.7.8 tadi pagi.\n"));
        assert!(!mentioned("If you get this:\n535 5.7.8 bad login\n"));
        assert!(!mentioned(
            "Kalau muncul error 535 5.7.8 ke neko@example.org, kenapa?\n"
        ));
    }
}
