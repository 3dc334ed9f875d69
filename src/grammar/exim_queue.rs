// SPDX-License-Identifier: MIT
//! Exim's queue listing (`exim -bp`, `mailq` on an Exim server such as
//! cPanel's): for each message its time in the queue, size, id and
//! sender, then its recipients, one a line; `D` before a recipient marks
//! one already delivered, `*** frozen ***` a message Exim stopped trying.
//!
//! ```text
//! 25h  2.9K 1tR5zA-0001Cd-2M <sales@example.net>
//!           info@example.org
//!
//!  3d   14K 1tQ1aB-0007Xy-9Z <sales@example.net> *** frozen ***
//!         D neko@example.com
//!           tora@example.org
//! ```
//!
//! The listing gives no reason: the entries read into the same
//! [`Entry`] as a Postfix listing's, each recipient still waiting under
//! one reasonless [`Deferral`].

use super::address::{find_address, is_masked};
use super::mailq::{Deferral, Entry, Queue};
use crate::input::lines;

/// True if and only if one of the first 200 lines of `text` opens an
/// entry of an Exim queue listing.
///
/// ```
/// use pantul::grammar::exim_queue::is_listing;
/// assert!(is_listing("25h  2.9K 1tR5zA-0001Cd-2M <sales@example.net>\n          a@example.org\n"));
/// assert!(!is_listing("25h later we tried again"));
/// ```
pub fn is_listing(text: &str) -> bool {
    lines(text).take(200).any(|line| entry_line(line).is_some())
}

/// Reads every entry of an Exim queue listing in `text`; other lines
/// are skipped.
pub fn entries(text: &str) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut open = false;
    for line in lines(text) {
        if let Some(entry) = entry_line(line) {
            out.push(entry);
            open = true;
            continue;
        }
        let Some(entry) = out.last_mut().filter(|_| open) else { continue };
        match recipient_line(line) {
            Some(Waiting::Yes(address)) => {
                if entry.deferred.is_empty() {
                    entry.deferred.push(Deferral::default());
                }
                if let Some(d) = entry.deferred.last_mut() {
                    d.recipients.push(address);
                }
            }
            Some(Waiting::Delivered) => {}
            None => open = false,
        }
    }
    out
}

/// `<age> <size> <id> <sender> [*** frozen ***]`: an age such as `25h`
/// or `3d`, a size such as `912`, `2.9K` or `14M`, an Exim message id
/// (`1tR5zA-0001Cd-2M`; `1rU2nh-00000000ZrD-2Bw1` since Exim 4.97), and
/// the sender in angle brackets (`<>` for a bounce).
pub fn entry_line(line: &str) -> Option<Entry> {
    // Most lines of a notice are no entry: an age opens with a digit
    // (natively; in the WebAssembly, the test is not worth its bytes).
    let opening = line.trim_start().as_bytes().first()?;
    if cfg!(not(target_arch = "wasm32")) && !opening.is_ascii_digit() {
        return None;
    }
    let mut words = line.split_whitespace();
    let (age, size, id, sender) =
        (words.next()?, words.next()?, words.next()?, words.next()?);
    let fits = is_age(age)
        && is_size(size)
        && is_message_id(id)
        && sender.starts_with('<')
        && sender.ends_with('>');
    if !fits {
        return None;
    }
    let frozen = line.contains("*** frozen ***");
    Some(Entry {
        queue_id: id.to_string(),
        queue: if frozen { Queue::Held } else { Queue::Deferred },
        size: 0,
        arrival: String::new(),
        sender: find_address(sender).map(str::to_string),
        deferred: Vec::new(),
    })
}

fn is_age(word: &str) -> bool {
    let digits = word.trim_end_matches(['s', 'm', 'h', 'd', 'w']);
    digits.len() < word.len()
        && (1..=4).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_size(word: &str) -> bool {
    let number = word.trim_end_matches(['K', 'M', 'G']);
    !number.is_empty()
        && number.len() <= 6
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && number.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

fn is_message_id(word: &str) -> bool {
    let parts: Vec<&str> = word.split('-').collect();
    let alnum = |p: &str| p.bytes().all(|b| b.is_ascii_alphanumeric());
    matches!(parts.as_slice(), [a, b, c]
        if a.len() == 6
            && (6..=11).contains(&b.len())
            && (2..=4).contains(&c.len())
            && alnum(a) && alnum(b) && alnum(c))
}

/// A recipient line of an entry: indented, an address alone, after `D`
/// if it was delivered (`+D` for a delivered parent address).
enum Waiting {
    /// Still waiting: the address, or `None` where a page masked it.
    Yes(Option<String>),
    Delivered,
}

fn recipient_line(line: &str) -> Option<Waiting> {
    if !line.starts_with([' ', '\t']) {
        return None;
    }
    let text = line.trim();
    let (delivered, text) = match text.split_once(' ') {
        Some(("D" | "+D", rest)) => (true, rest.trim()),
        _ => (false, text),
    };
    let address = if is_masked(text) && text.len() < 40 {
        None
    } else {
        let found = find_address(text)?;
        if found != text.trim_matches(['<', '>']) {
            return None;
        }
        Some(found.to_string())
    };
    Some(if delivered { Waiting::Delivered } else { Waiting::Yes(address) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_skipping_delivered_recipients() {
        let text = "25h  2.9K 1tR5zA-0001Cd-2M <sales@example.net>\n          \
            info@example.org\n\n 3d   14K 1rU2nh-00000000ZrD-2Bw1 <> *** \
            frozen ***\n        D neko@example.com\n          \
            tora@example.org\n\nnot part of it\n";
        let got = entries(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].queue_id, "1tR5zA-0001Cd-2M");
        assert_eq!(got[0].sender.as_deref(), Some("sales@example.net"));
        assert_eq!(
            got[0].deferred[0].recipients,
            [Some("info@example.org".into())]
        );
        assert_eq!(got[1].queue, Queue::Held);
        assert_eq!(got[1].sender, None);
        assert_eq!(
            got[1].deferred[0].recipients,
            [Some("tora@example.org".into())]
        );
    }

    #[test]
    fn prose_is_no_entry() {
        for line in [
            "25h later 1tR5zA-0001Cd-2M <a@example.net>",
            "3d 14K message <a@example.net>",
            "3d 14K 1tR5zA-0001Cd-2M a@example.net",
        ] {
            assert!(entry_line(line).is_none(), "{line}");
        }
    }
}
