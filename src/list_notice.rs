// SPDX-License-Identifier: MIT
//! A mailing list's warning to one of its subscribers that the list's
//! own messages to them bounced. It is not a bounce of mail the reader
//! sent: the list is no failed recipient, and the bounce it encloses is
//! of the list's message to the reader.
//!
//! ```text
//! Hi! This is the ezmlm program. I'm managing the
//! cats@lists.example.org mailing list.
//!
//! Messages to you from the cats mailing list seem to
//! have been bouncing. I've attached a copy of the first bounce
//! message I received.
//! ```

/// The sentence of ezmlm's warning and of its probe that follows.
const BOUNCING: &str = "seem to have been bouncing";

/// True if and only if `text` is a mailing list's warning that its
/// messages to the reader bounced: ezmlm's sentence, wrapped or not,
/// about messages "to you from the … mailing list".
pub fn warns_of_bounces(text: &str) -> bool {
    let Some(at) = crate::mta::layout::find(text, "Messages to you from the")
    else {
        return false;
    };
    let sentence: String = text[at..]
        .chars()
        .take(200)
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    sentence.contains("mailing list") && sentence.contains(BOUNCING)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ezmlm_warning_is_seen_wrapped() {
        let text = "Hi! This is the ezmlm program.\n\nMessages to you from \
            the cats mailing list seem to\nhave been bouncing. I've \
            attached a copy of the first bounce message I received.\n";
        assert!(warns_of_bounces(text));
    }

    #[test]
    fn a_bounce_is_no_list_warning() {
        let text = "<neko@example.org>: host mx.example.org[192.0.2.1] \
            said: 550 5.1.1 Messages to you from the list are refused\n";
        assert!(!warns_of_bounces(text));
    }
}
