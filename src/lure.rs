// SPDX-License-Identifier: MIT
//! Signs that a "bounce" is a phishing lure dressed as one: it asks the
//! reader to follow a link to get held mail back or to keep the account.
//! No mail server's notice of a failed delivery asks for either, so such
//! a text gets no recipient and no reason, only a warning.
//!
//! ```text
//! Your mailbox neko@example.org has 5 pending incoming messages …
//! To release your pending messages, click the link below and verify
//! your account: https://webmail-verify.example/login
//! ```

use crate::lowercase::Lowercase;
use crate::mta::layout::contains_ignore_case;

/// Words about held mail that the reader is told to get back.
const HELD_MAIL: &[&str] = &[
    "release messages",
    "release your messages",
    "release your pending",
    "release pending messages",
    "retrieve your messages",
    "retrieve your pending",
    "recover your messages",
    "pending incoming messages",
    // The same lure in Indonesian: "Sistem kami menahan 5 pesan masuk
    // … untuk melepaskan pesan Anda".
    "melepaskan pesan",
    "lepaskan pesan",
    "pesan tertahan",
    "pesan yang tertahan",
    "email tertahan",
    "email yang tertahan",
    "pesan masuk tertunda",
];

/// Words that send the reader to a link or a login page.
const CALL: &[&str] = &[
    "click the link",
    "click here",
    "click below",
    "verify your account",
    "verify your email account",
    "confirm your account",
    "log in to release",
    "login to release",
    "klik tautan",
    "klik link",
    "klik di sini",
    "verifikasi akun",
    "memverifikasi akun",
    "konfirmasi akun",
];

/// True if and only if `text` asks the reader to follow a link to get
/// held messages back: words about held mail, a call to click or to
/// verify the account, and a link.
pub fn looks_like_lure(text: &str) -> bool {
    // The link and the held-mail words have no `k`: the only characters
    // other than ASCII whose lowercase form holds ASCII letters are the
    // Kelvin sign (`k`) and `İ` (`i` and a combining dot, which no word
    // has next to its `i`), so these are found in place, ASCII case
    // ignored, exactly where the Unicode lowercase text holds them. The
    // text is lowercased only for the calls (`click`), and only for the
    // few notices that hold both.
    let has_ascii =
        |words: &[&str]| words.iter().any(|w| contains_ignore_case(text, w));
    let link = has_ascii(&["http://", "https://"]);
    if !(link && has_ascii(HELD_MAIL)) {
        return false;
    }
    let lower = text.lowercase();
    CALL.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lure_is_seen() {
        let text = "5 pending incoming messages were not delivered. To \
            release your pending messages, click the link below: \
            https://verify.example/login";
        assert!(looks_like_lure(text));
    }

    #[test]
    fn an_indonesian_lure_is_seen() {
        let text = "Kotak surat Anda hampir penuh, 3 pesan tertahan. Klik \
            tautan ini untuk memverifikasi akun dan melepaskan pesan Anda: \
            https://verify.example/login";
        assert!(looks_like_lure(text));
    }

    #[test]
    fn a_bounce_with_a_help_link_is_no_lure() {
        let text = "550-5.7.14 Please log in with your web browser and \
            then try again. Learn more at https://support.example/?p=1";
        assert!(!looks_like_lure(text));
        let text = "Delivery to the following recipients failed. Click \
            here for help: https://help.example/";
        assert!(!looks_like_lure(text));
    }
}
