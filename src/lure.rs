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
use crate::mta::layout::find_ignore_case;

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
    if !(has_link(text) && has_held_mail(text)) {
        return false;
    }
    let lower = text.lowercase();
    CALL.iter().any(|w| lower.contains(w))
}

/// True if and only if `text` holds `http://` or `https://`, ASCII case
/// ignored: one search for the colon, the rarer byte, instead of a
/// search for each.
fn has_link(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b':', bytes).any(|at| {
        let before = |scheme: &str| {
            at.checked_sub(scheme.len()).is_some_and(|s| {
                bytes[s..at].eq_ignore_ascii_case(scheme.as_bytes())
            })
        };
        bytes.get(at + 1..at + 3) == Some(b"//")
            && (before("http") || before("https"))
    })
}

/// Words of which each of [`HELD_MAIL`] holds one (a test checks): the
/// held-mail words are looked for only where one of these stands, four
/// searches instead of one a word.
const ANCHORS: &[&str] = &["messages", "pending", "pesan", "tertahan"];

/// True if and only if `text` holds one of [`HELD_MAIL`], ASCII case
/// ignored.
fn has_held_mail(text: &str) -> bool {
    let bytes = text.as_bytes();
    ANCHORS.iter().any(|anchor| {
        // The words that hold the anchor, and where.
        let words: Vec<(&str, usize)> = HELD_MAIL
            .iter()
            .filter_map(|w| w.find(anchor).map(|offset| (*w, offset)))
            .collect();
        let mut from = 0;
        // An anchor starts at an ASCII byte: the byte after it starts a
        // character.
        while let Some(found) =
            text.get(from..).and_then(|t| find_ignore_case(t, anchor))
        {
            let at = from + found;
            let stands = |&(word, offset): &(&str, usize)| {
                at.checked_sub(offset)
                    .and_then(|s| bytes.get(s..s + word.len()))
                    .is_some_and(|t| t.eq_ignore_ascii_case(word.as_bytes()))
            };
            if words.iter().any(stands) {
                return true;
            }
            from = at + 1;
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_held_mail_word_holds_an_anchor() {
        for word in HELD_MAIL {
            assert!(ANCHORS.iter().any(|a| word.contains(a)), "{word}");
        }
    }

    #[test]
    fn a_link_and_held_mail_are_found_in_any_case() {
        assert!(has_link("see HTTPS://x.example"));
        assert!(has_link("at http://x.example"));
        assert!(!has_link("http:/x https:x ttp://x"));
        assert!(has_held_mail("to RELEASE Your Pending mail"));
        assert!(has_held_mail("kami menahan email yang tertahan"));
        assert!(!has_held_mail("pending messages, pesan, tertahan"));
    }

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
