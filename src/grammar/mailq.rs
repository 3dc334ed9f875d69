// SPDX-License-Identifier: MIT
//! Postfix `mailq` (`postqueue -p`) listings:
//!
//! ```text
//! -Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
//! 4P64Bn1qNHzLbR0q   8721 Wed Feb  1 08:31:29  sender@example.com
//! (host mx.example.org[192.0.2.1] said: 450 4.7.1 … (in reply to RCPT TO command))
//!                                          rcpt@example.org
//! ```
//!
//! An entry line, then for each reason in parentheses the recipients it
//! applies to, one a line. Pasted from a web page, the columns lose their
//! spacing and long reasons wrap; both are accepted. A `*` after the
//! queue id marks a message in the active queue (being delivered now), a
//! `!` one an administrator put on hold.

use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use super::address::{self, find_address};

/// Which queue an entry is in, by the mark after its queue id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Queue {
    /// No mark: deferred, waiting for its next try.
    #[default]
    Deferred,
    /// `*`: in the active queue, being delivered now.
    Active,
    /// `!`: on hold until an administrator releases it.
    Held,
}

/// One queue entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The queue id, without the `*` (active) or `!` (held) mark.
    pub queue_id: String,
    /// The queue the mark names.
    pub queue: Queue,
    /// The message size in bytes.
    pub size: u64,
    /// The arrival time as printed, e.g. `Wed Feb 1 08:31:29`.
    pub arrival: String,
    /// The envelope sender, if readable.
    pub sender: Option<String>,
    /// The reasons and the recipients each applies to.
    pub deferred: Vec<Deferral>,
}

/// A reason and the recipients it applies to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deferral {
    /// The reason, without its parentheses, on one line.
    pub reason: Option<String>,
    /// The recipients: an address, or `None` where a web page masked it.
    pub recipients: Vec<Option<String>>,
}

fn queue_id(i: &str) -> IResult<&str, (&str, Queue)> {
    let id = take_while_m_n(6, 32, |c: char| c.is_ascii_alphanumeric());
    let queue = |mark: Option<char>| match mark {
        Some('*') => Queue::Active,
        Some('!') => Queue::Held,
        _ => Queue::Deferred,
    };
    (recognize(id), opt(nom::character::complete::one_of("*!")))
        .map(|(id, mark)| (id, queue(mark)))
        .parse(i)
}

fn word3(i: &str) -> IResult<&str, &str> {
    take_while_m_n(3, 3, |c: char| c.is_ascii_alphabetic()).parse(i)
}

fn clock(i: &str) -> IResult<&str, &str> {
    recognize((digit1, char(':'), digit1, char(':'), digit1)).parse(i)
}

/// `queue-id [*!] size weekday month day hh:mm:ss sender`.
///
/// ```
/// use pantul::grammar::mailq::{entry_line, Queue};
/// let (_, e) = entry_line("4P64Bn1qNHzLbR0q 8721 Wed Feb 1 08:31:29 a@example.com").unwrap();
/// assert_eq!((e.queue_id.as_str(), e.size), ("4P64Bn1qNHzLbR0q", 8721));
/// assert_eq!(e.queue, Queue::Deferred);
/// let (_, e) = entry_line("4P64Bn1qNHzLbR0q! 8721 Wed Feb 1 08:31:29 a@example.com").unwrap();
/// assert_eq!(e.queue, Queue::Held);
/// ```
pub fn entry_line(i: &str) -> IResult<&str, Entry> {
    let (i, ((id, queue), _, size, _, day_name, _, month, _, day, _, time)) = (
        queue_id, space1, digit1, space1, word3, space1, word3, space1, digit1,
        space1, clock,
    )
        .parse(i)?;
    let (i, _) = space0(i)?;
    let end = i.find('\n').unwrap_or(i.len());
    let (sender, rest) = i.split_at(end);
    let sender = find_address(sender).map(str::to_string);
    let entry = Entry {
        queue_id: id.to_string(),
        queue,
        size: size.parse().unwrap_or(0),
        arrival: format!("{day_name} {month} {day} {time}"),
        sender,
        deferred: Vec::new(),
    };
    Ok((rest, entry))
}

/// Reads every queue entry in `text`; lines outside entries are skipped.
pub fn entries(text: &str) -> Vec<Entry> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut n = 0;
    while n < lines.len() {
        match entry_line(lines[n].trim_start()) {
            Ok((_, mut entry)) => {
                n = read_body(&lines, n + 1, &mut entry);
                out.push(entry);
            }
            Err(_) => n += 1,
        }
    }
    out
}

/// Reads reasons and recipients after an entry line; returns the index of
/// the first line past the entry.
fn read_body(lines: &[&str], mut n: usize, entry: &mut Entry) -> usize {
    while n < lines.len() {
        let line = lines[n].trim();
        if line.is_empty() || entry_line(line).is_ok() {
            break;
        }
        if line.starts_with('(') {
            let (reason, next) = balanced(lines, n);
            entry.deferred.push(Deferral {
                reason: Some(reason),
                recipients: Vec::new(),
            });
            n = next;
            continue;
        }
        let recipient = recipient_line(line);
        let Some(recipient) = recipient else { break };
        if entry.deferred.is_empty() {
            entry.deferred.push(Deferral::default());
        }
        if let Some(last) = entry.deferred.last_mut() {
            last.recipients.push(recipient);
        }
        n += 1;
    }
    n
}

/// A recipient line: one address, or a masked one.
fn recipient_line(line: &str) -> Option<Option<String>> {
    if address::is_masked(line) && line.len() < 40 {
        return Some(None);
    }
    let addr = find_address(line)?;
    (line.trim_matches(['<', '>', ' ']) == addr).then(|| Some(addr.to_string()))
}

/// The text inside the parentheses that open at `lines[n]`, which may
/// span lines; and the index of the line after the closing one.
fn balanced(lines: &[&str], start: usize) -> (String, usize) {
    let mut depth = 0i32;
    let mut text = String::new();
    let mut n = start;
    while n < lines.len() {
        let line = lines[n].trim();
        for c in line.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line);
        n += 1;
        if depth <= 0 {
            break;
        }
    }
    let inner = text.strip_prefix('(').unwrap_or(&text);
    let inner = inner.strip_suffix(')').unwrap_or(inner);
    (inner.trim().to_string(), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_entry_with_two_reasons() {
        let text = "-Queue ID- --Size-- ----Arrival Time---- -Sender/Recipient-------\n\
            A1B2C3D4E5*   912 Mon Mar  3 10:00:01  s@example.com\n\
            (connect to mx.example.org[192.0.2.1]:25: Connection timed out)\n\
            \x20                                        a@example.org\n\
            (host mx.example.net[192.0.2.2] said: 452 4.2.2 Mailbox full\n\
            (in reply to RCPT TO command))\n\
            \x20                                        b@example.net\n\
            \x20                                        c@example.net\n\
            \n-- 1 Kbytes in 1 Request.\n";
        let got = entries(text);
        assert_eq!(got.len(), 1);
        let e = &got[0];
        assert_eq!(e.queue_id, "A1B2C3D4E5");
        assert_eq!(e.queue, Queue::Active);
        assert_eq!(e.sender.as_deref(), Some("s@example.com"));
        assert_eq!(e.deferred.len(), 2);
        assert_eq!(e.deferred[1].recipients.len(), 2);
        assert!(e.deferred[1]
            .reason
            .as_deref()
            .unwrap()
            .ends_with("(in reply to RCPT TO command)"));
    }
}
