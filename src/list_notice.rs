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

/// GNU Mailman's sentence, in versions 2 (`postheld.txt`) and 3
/// (`list:user:notice:hold`), that the poster's message waits for the
/// moderator.
const HELD: &str = "held until the list moderator can review it";

/// True if and only if `text` is a mailing list's notice to the poster
/// that their message is held for the moderator: not a bounce, as
/// nothing failed yet (the moderator approves or rejects it later).
///
/// ```text
/// Your mail to 'Cats' with the subject
///
///     Jadwal rapat
///
/// Is being held until the list moderator can review it for approval.
/// ```
pub fn held_for_moderation(text: &str) -> bool {
    // The sentence's first word is on the line before, wrapped or not:
    // "Is being held", "is being\nheld".
    let Some(at) = crate::mta::layout::find(text, "being") else {
        return false;
    };
    let wanted = format!("being {HELD}");
    let mut from = at;
    loop {
        let sentence: String = text[from..]
            .chars()
            .take(wanted.len() * 2)
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let sentence = sentence.split_whitespace().collect::<Vec<_>>();
        if sentence.join(" ").starts_with(&wanted) {
            return true;
        }
        let next = from + "being".len();
        match crate::mta::layout::find(&text[next..], "being") {
            Some(n) => from = next + n,
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailman_hold_is_seen_wrapped() {
        let text = "Your mail to 'Cats' with the subject\n\n    Rapat\n\n\
            Is being held until the list moderator can review it for \
            approval.\n";
        assert!(held_for_moderation(text));
        let wrapped = "Is being\n held until the list moderator\n  can \
            review it for approval.";
        assert!(held_for_moderation(wrapped));
        let later = "Something is being done. It is being held until the \
            list moderator can review it.";
        assert!(held_for_moderation(later));
    }

    #[test]
    fn a_held_queue_is_no_moderation() {
        let text = "<neko@example.org>: message is being held in the \
            queue until the remote host answers";
        assert!(!held_for_moderation(text));
        assert!(!held_for_moderation(""));
        assert!(!held_for_moderation("being"));
    }

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
