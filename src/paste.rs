// SPDX-License-Identifier: MIT
//! Where one notice of a paste ends: at the opening of the next notice
//! pasted after it (a ticket that quotes two bounces, two Postfix notices
//! one after the other), or at a bounce that the notice's returned
//! message encloses (a forwarded bounce that bounced in turn), which is
//! context and not a notice of the paste.
//!
//! ```text
//! This is the mail system at host mail.example.net.      <- notice 1
//! …
//! Delivery has failed to these recipients or groups:    <- notice 2
//! …
//! ------ This is a copy of the message, including all the headers. ------
//! Subject: Fwd: Undelivered Mail Returned to Sender
//! This is the mail system at host mail.example.org.      <- enclosed
//! ```

use crate::lowercase::Lowercase;
use std::ops::Range;

/// The first sentences of notices of several kinds (Postfix, Exim,
/// Exchange and Outlook, qmail, Sendmail, Gmail): each opens a notice of
/// its own.
pub const OPENINGS: &[&str] = &[
    "This is the mail system at host",
    "This message was created automatically by mail delivery software",
    "Delivery has failed to these recipients or groups",
    "Hi. This is the qmail-send program",
    "The original message was received at",
    "Delivery to the following recipient failed",
];

/// The most notices of one paste read one by one; a paste with more
/// openings is read whole, as one notice (each reading has a cost of
/// its own, and no ticket quotes that many bounces).
pub const MAX_NOTICES: usize = 50;

/// Lines after which a notice gives back the message that failed
/// (Exim, qmail, Sendmail, Gmail, Exchange), any case.
const RETURNED: &[&str] = &[
    "this is a copy of the message",
    "below this line is a copy of the message",
    "original message follows",
    "----- original message -----",
    "original message headers:",
];

/// Words that show the returned message to be itself about a bounce: a
/// forward's marker line, or a bounce's subject in the first header
/// block below the returned-message line, any case.
const BOUNCE_INSIDE: &[&str] =
    &["forwarded message", "pesan yang diteruskan", "begin forwarded message"];

/// Subjects of bounces (lowercase), for the returned message's subject.
const BOUNCE_SUBJECTS: &[&str] = &[
    "undelivered mail",
    "undeliverable",
    "delivery status notification",
    "mail delivery failed",
    "returned mail",
    "failure notice",
    "delivery failure",
];

/// How a paste divides: the notices in it, in order (each a byte range
/// of the text; one covering all of it when there is a single notice),
/// and where a bounce enclosed in the last notice's returned message
/// starts, if one does.
#[derive(Debug, PartialEq, Eq)]
pub struct Division {
    /// The notices, in order; the first starts at 0, the last ends where
    /// the text or the enclosed bounce does.
    pub notices: Vec<Range<usize>>,
    /// Where the enclosed bounce starts.
    pub enclosed: Option<usize>,
}

/// Divides `text` at the start of the line of each notice's opening
/// ([`OPENINGS`]) but the first, up to an opening that a notice's
/// returned message encloses: the text before the first opening is the
/// first notice's (a ticket's greeting).
///
/// ```
/// # use pantul::paste::divide;
/// let text = "This is the mail system at host a.example.\n<a@example.org>: …\n\
///             This is the mail system at host b.example.\n<b@example.org>: …\n";
/// let division = divide(text);
/// assert_eq!(division.notices.len(), 2);
/// assert!(text[division.notices[1].clone()].starts_with("This is the mail system at host b"));
/// ```
pub fn divide(text: &str) -> Division {
    // Almost every paste holds one opening at most: then it is one
    // notice, found without reading it line by line.
    if opening_places(text).nth(1).is_none() {
        let whole = std::iter::once(0..text.len()).collect();
        return Division { notices: whole, enclosed: None };
    }
    let mut notices = Vec::new();
    let (mut start, mut opened) = (0, false);
    let mut returned: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let here = at;
        at += line.len();
        if returned.is_none() && is_returned_marker(line) {
            returned = Some(here);
            continue;
        }
        if !OPENINGS.iter().any(|o| line.contains(o)) {
            continue;
        }
        if !opened {
            opened = true;
            continue;
        }
        if let Some(from) = returned {
            if encloses_a_bounce(&text[from..here]) {
                notices.push(start..here);
                return Division { notices, enclosed: Some(here) };
            }
        }
        notices.push(start..here);
        (start, returned) = (here, None);
    }
    notices.push(start..text.len());
    Division { notices, enclosed: None }
}

/// Where the openings ([`OPENINGS`]) stand in `text`, in order: one
/// pass for their first bytes (`T`, `D`, `H`), each place compared in
/// place. Two openings or more here are two or more lines with an
/// opening or one line with several; fewer is one notice.
fn opening_places(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'T', b'D', b'H', bytes).filter(move |&at| {
        OPENINGS.iter().any(|o| bytes[at..].starts_with(o.as_bytes()))
    })
}

/// Where the line of the first opening ([`OPENINGS`]) in `text` starts.
pub fn first_opening_line(text: &str) -> Option<usize> {
    let at = opening_places(text).next()?;
    Some(text[..at].rfind('\n').map_or(0, |n| n + 1))
}

fn is_returned_marker(line: &str) -> bool {
    let lower = line.trim().to_ascii_lowercase();
    RETURNED.iter().any(|m| lower.contains(m))
}

/// True if and only if the returned message (`returned`, from its marker
/// line to the next opening) is itself about a bounce: it holds a
/// forward's marker, or its first header block has a bounce's subject.
fn encloses_a_bounce(returned: &str) -> bool {
    let lower = returned.lowercase();
    if BOUNCE_INSIDE.iter().any(|m| lower.contains(m)) {
        return true;
    }
    let subject = lower
        .lines()
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .find_map(|l| l.trim_start().strip_prefix("subject:"));
    subject.is_some_and(|s| BOUNCE_SUBJECTS.iter().any(|b| s.contains(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openings_are_found_as_match_indices_finds_them() {
        for o in OPENINGS {
            assert!(matches!(o.as_bytes()[0], b'T' | b'D' | b'H'), "{o}");
            // No opening overlaps itself or starts another: each place
            // holds one opening at most, once.
            for cut in 1..o.len() {
                let overlaps =
                    o.is_char_boundary(cut) && o.starts_with(&o[cut..]);
                assert!(!overlaps, "{o}");
            }
            let others = OPENINGS.iter().filter(|p| *p != o);
            assert!(others.clone().all(|p| !p.starts_with(o)), "{o}");
        }
        let text =
            format!("x {} y {} {}", OPENINGS[1], OPENINGS[0], OPENINGS[1]);
        let mut by_indices: Vec<usize> = OPENINGS
            .iter()
            .flat_map(|o| text.match_indices(o).map(|(at, _)| at))
            .collect();
        by_indices.sort_unstable();
        assert_eq!(opening_places(&text).collect::<Vec<_>>(), by_indices);
        assert_eq!(by_indices.len(), 3);
    }

    #[test]
    fn one_opening_with_a_returned_bounce_after_it_is_one_notice() {
        let text = "This is the mail system at host a.example.\n\
                    <a@example.org>: 550 no\n\
                    ------ This is a copy of the message ------\n\
                    Subject: Undelivered Mail Returned to Sender\n\n\
                    body\n";
        let division = divide(text);
        assert_eq!(division.notices, vec![0..text.len()]);
        assert_eq!(division.enclosed, None);
    }

    #[test]
    fn one_notice_is_one_piece() {
        let text = "Hello,\nThis is the mail system at host a.example.\n\
                    <a@example.org>: host said 550\n";
        let division = divide(text);
        assert_eq!(division.notices, vec![0..text.len()]);
        assert_eq!(division.enclosed, None);
    }

    #[test]
    fn two_notices_one_after_the_other_are_two_pieces() {
        let text =
            "Two bounces:\n\nThis is the mail system at host a.example.\n\
                    <a@example.org>: 550 no\n\n\
                    Delivery has failed to these recipients or groups:\n\n\
                    b@example.com\n";
        let division = divide(text);
        assert_eq!(division.notices.len(), 2);
        assert!(text[division.notices[0].clone()].starts_with("Two bounces"));
        let second = &text[division.notices[1].clone()];
        assert!(second.starts_with("Delivery has failed"));
    }

    #[test]
    fn a_returned_message_that_is_not_a_bounce_does_not_enclose() {
        let text = "This message was created automatically by mail delivery software.\n\
                    a@example.org\n    550 no\n\
                    ------ This is a copy of the message, including all the headers. ------\n\
                    Subject: Rapat besok\n\nIsi.\n\n\
                    This message was created automatically by mail delivery software.\n\
                    b@example.org\n    550 no\n";
        let division = divide(text);
        assert_eq!(division.notices.len(), 2);
        assert_eq!(division.enclosed, None);
    }

    #[test]
    fn a_bounce_inside_the_returned_message_is_enclosed() {
        let text = "This message was created automatically by mail delivery software.\n\
                    a@example.org\n    550 no\n\
                    ------ This is a copy of the message, including all the headers. ------\n\
                    Subject: Fwd: Undelivered Mail Returned to Sender\n\n\
                    This is the mail system at host b.example.\n\
                    <b@example.org>: 550 5.1.1 unknown\n";
        let division = divide(text);
        assert_eq!(division.notices.len(), 1);
        let at = division.enclosed.unwrap_or(0);
        assert!(text[at..].starts_with("This is the mail system"));
        assert_eq!(division.notices[0], 0..at);
    }
}
