// SPDX-License-Identifier: MIT
//! Mail logs and queue listings, one queued message at a time.
//!
//! A whole mail log or queue listing is no one notice: each queued
//! message in it had its own recipients, sender and fate. A [`Splitter`]
//! takes such an input line by line and hands out the lines of each
//! message as a [`Part`], to be decoded as a notice of its own, so that
//! a log of any length is read whole while no notice outgrows the
//! limits of [`crate::input`]:
//!
//! - a Postfix or Exim mail log: the lines that name one queue id; a
//!   message is handed out when the log says it left the queue
//!   (Postfix's `removed`, Exim's `Completed`), the others at the end in
//!   the order the log first names them; a message with no delivery
//!   line (only its arrival, say) is left out;
//! - a `mailq` or `exim -bp` listing: each entry, up to the blank line
//!   or the entry line after it; `postqueue -j`: each line.
//!
//! Memory holds the messages the log has not finished yet, at most
//! [`MAX_OPEN`] of them and [`MAX_HELD`] bytes of their lines: past
//! that the oldest is handed out as it stands, marked
//! [`Part::early`] (a log whose messages never finish, or one cut down
//! to its `status=` lines, would otherwise grow without bound). Time is
//! linear in the input.

use std::collections::HashMap;

use crate::grammar::{exim_log, exim_queue, mailq, postfix_log, postqueue};
use crate::{Error, Options, Report};

/// The lines of one queued message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// Its queue id.
    pub queue_id: String,
    /// Its lines, each ending in `\n`.
    pub text: String,
    /// True if it was handed out before the log finished it, because
    /// too many messages were open at once ([`MAX_OPEN`], [`MAX_HELD`]);
    /// lines of it further down the log make another part.
    pub early: bool,
    /// True if some of its lines were joined into one when the log was
    /// copied (from webmail or a ticket), and were split again at the
    /// starts of its lines.
    pub relined: bool,
}

/// Messages a [`Splitter`] holds open at once, at most.
pub const MAX_OPEN: usize = 10_000;

/// Bytes of lines a [`Splitter`] holds for its open messages, at most
/// (give or take the line it reads).
pub const MAX_HELD: usize = 16 << 20;

/// What kind of input a [`Splitter`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A Postfix or Exim mail log.
    Log,
    /// A `mailq` or `exim -bp` listing: entries apart by blank lines.
    Listing,
    /// A `postqueue -j` listing: an entry a line.
    JsonListing,
}

/// Lines of the start of an input looked at by [`layout`].
const LOOK: usize = 500;

/// The layout of an input that starts with `head`, if it is a mail log
/// or a queue listing from its first line on: its first line (after
/// blank ones and journalctl's `-- …` lines) is a Postfix or Exim log
/// line and a delivery line follows among the first 500, or its first
/// line opens a queue listing. `None` for anything else (a message, a
/// bounce, a ticket quoting a log).
///
/// ```
/// use pantul::split_log::{layout, Layout};
/// let log = "Jan  2 03:04:05 mx postfix/smtp[1]: 4AB12C3D4: \
///     to=<neko@example.org>, relay=none, delay=1, dsn=5.4.4, \
///     status=bounced (Host or domain name not found)\n";
/// assert_eq!(layout(log), Some(Layout::Log));
/// assert_eq!(layout("Subject: hello\n\n"), None);
/// ```
pub fn layout(head: &str) -> Option<Layout> {
    let mut lines = head.lines().map(|l| postfix_log::plain(l.trim_end()));
    let first = lines.by_ref().find(|l| is_judged(l))?;
    if let Some(listing) = listing_opened_by(&first) {
        return Some(listing);
    }
    // The delivery lines are looked for only below a log line.
    if !is_log_line(&first) {
        return None;
    }
    let delivers = std::iter::once(first).chain(lines).take(LOOK).any(|l| {
        let joined = joined_lines(&l, Layout::Log);
        let mut lines = joined.unwrap_or_else(|| vec![&*l]).into_iter();
        lines.any(|l| delivery_of(l.trim()).is_some())
    });
    delivers.then_some(Layout::Log)
}

/// False when [`layout`] of a head that starts with the bytes `head`
/// is surely `None`: its first line (as [`layout`] finds it) neither
/// opens a queue listing nor is a log line. Only that line is converted
/// and read, so that a caller converts the whole head to text and reads
/// it with [`layout`] only for the few inputs that may be logs.
///
/// ```
/// use pantul::split_log::may_open;
/// assert!(may_open(b"\nJan  2 03:04:05 mx postfix/qmgr[9]: 4AB12C3D4: removed\n"));
/// assert!(!may_open(b"Subject: hello\n\nJan  2 03:04:05 mx postfix/qmgr[9]: x\n"));
/// ```
pub fn may_open(head: &[u8]) -> bool {
    // Line by line as `str::lines` of the whole head's lossy conversion
    // gives them: a line feed ends any invalid sequence before it.
    // The lines found by memchr: one 10 MB line, split byte by byte,
    // cost the CLI 52M instructions (callgrind), as much as the rest of
    // reading it before decoding.
    let first = split_lines(head)
        .map(crate::charset::lossy)
        .find(|l| is_judged(&postfix_log::plain(l.trim_end())));
    first.is_some_and(|l| {
        let l = postfix_log::plain(l.trim_end());
        listing_opened_by(&l).is_some() || is_log_line(&l)
    })
}

/// The pieces of `bytes` between line feeds, as `split` on `\n` gives
/// them (an empty last one after a final `\n`), found by memchr.
fn split_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut ends = memchr::memchr_iter(b'\n', bytes);
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        let end = ends.next();
        start = end.map(|e| e + 1);
        Some(&bytes[from..end.unwrap_or(bytes.len())])
    })
}

/// True for the line [`layout`] judges an input by, the first that is
/// neither blank nor a journalctl `-- …` line (trimmed at its end).
fn is_judged(line: &str) -> bool {
    !line.trim().is_empty() && !line.starts_with("-- ")
}

/// The listing a first line opens, if it opens one.
fn listing_opened_by(first: &str) -> Option<Layout> {
    if postqueue::entry(first).is_some() {
        return Some(Layout::JsonListing);
    }
    let listing = first.starts_with("-Queue ID-")
        || mailq::entry_line(first).is_ok()
        || exim_queue::entry_line(first).is_some();
    listing.then_some(Layout::Listing)
}

/// True for a Postfix or Exim log line.
fn is_log_line(line: &str) -> bool {
    postfix_log::is_postfix_line(line) || exim_log::is_exim_line(line)
}

/// The queue id of a delivery line (Postfix's `status=`, Exim's `**`,
/// `==`, `=>`, …).
fn delivery_of(line: &str) -> Option<&str> {
    if let Ok((_, d)) = postfix_log::delivery(line) {
        return Some(d.queue_id);
    }
    exim_log::log_line(line).ok().map(|(_, l)| l.message_id)
}

/// The queue id a log line is about, and whether the message has left
/// the queue with it.
fn queue_id_of(line: &str) -> Option<(&str, bool)> {
    if let Ok((rest, q)) = postfix_log::queue_line(line) {
        let id = Some(q.queue_id).filter(|id| *id != "NOQUEUE")?;
        return Some((id, rest.trim_end() == "removed"));
    }
    let (id, rest) = exim_log::message_line(line)?;
    Some((id, rest.trim_end() == "Completed"))
}

/// A message being gathered.
#[derive(Debug, Default)]
struct Group {
    queue_id: String,
    text: String,
    delivers: bool,
    relined: bool,
}

/// Splits a mail log or queue listing into its queued messages, line by
/// line ([`Splitter::line`]), then [`Splitter::finish`].
#[derive(Debug)]
pub struct Splitter {
    layout: Layout,
    /// The messages in the order the log first names them; `None` once
    /// handed out, until [`Splitter::tidy`] drops it.
    groups: Vec<Option<Group>>,
    /// Where each unfinished message's group is.
    open: HashMap<String, usize>,
    /// Where the oldest unfinished message's group is, if any: no group
    /// before it is unfinished.
    oldest: usize,
    /// Bytes of the lines of the unfinished messages.
    held: usize,
    /// Messages handed out early so far.
    early: usize,
    /// The most messages and bytes of lines held open.
    max_open: usize,
    max_held: usize,
    /// The listing entry being read.
    entry: String,
    /// True if a line of the entry being read was joined to others.
    entry_relined: bool,
}

impl Splitter {
    /// A splitter for an input of `layout`.
    pub fn new(layout: Layout) -> Splitter {
        Splitter::holding(layout, MAX_OPEN, MAX_HELD)
    }

    /// A splitter that holds at most `max_open` messages and `max_held`
    /// bytes of their lines.
    fn holding(layout: Layout, max_open: usize, max_held: usize) -> Self {
        Splitter {
            layout,
            groups: Vec::new(),
            open: HashMap::new(),
            oldest: 0,
            held: 0,
            early: 0,
            max_open,
            max_held,
            entry: String::new(),
            entry_relined: false,
        }
    }

    /// Messages handed out early so far ([`Part::early`]).
    pub fn early(&self) -> usize {
        self.early
    }

    /// Reads one line (with or without its line end); gives the message
    /// it finishes, if any, after those handed out early to make room.
    pub fn line(&mut self, line: &str) -> Vec<Part> {
        // A coloured log's pieces keep their codes: `decode` takes them
        // out and says so; the lines are judged without them.
        let line = line.trim_end_matches(['\n', '\r']);
        match joined_lines(line, self.layout) {
            Some(lines) => {
                lines.into_iter().flat_map(|l| self.one_line(l, true)).collect()
            }
            None => self.one_line(line, false),
        }
    }

    /// Reads one line without its line end, `relined` if it was split
    /// out of a joined one.
    fn one_line(&mut self, line: &str, relined: bool) -> Vec<Part> {
        match self.layout {
            Layout::Log => self.log_line(line, relined),
            Layout::JsonListing => postqueue::entry(line)
                .map(|entry| Part {
                    queue_id: entry.queue_id,
                    text: format!("{line}\n"),
                    early: false,
                    relined: false,
                })
                .into_iter()
                .collect(),
            Layout::Listing if line.trim().is_empty() => {
                self.end_entry().into_iter().collect()
            }
            Layout::Listing => {
                // A listing pasted from a web page may have lost the
                // blank lines between its entries.
                let next = listed_queue_id(line).is_some();
                let ended = if next { self.end_entry() } else { None };
                self.entry.push_str(line);
                self.entry.push('\n');
                self.entry_relined |= relined;
                ended.into_iter().collect()
            }
        }
    }

    /// The messages not handed out yet, in the order the input first
    /// names them.
    pub fn finish(mut self) -> Vec<Part> {
        let last = self.end_entry();
        let rest = self.groups.into_iter().flatten().filter_map(part);
        last.into_iter().chain(rest).collect()
    }

    fn log_line(&mut self, line: &str, relined: bool) -> Vec<Part> {
        let plain = postfix_log::plain(line);
        let trimmed = plain.trim();
        let Some((id, done)) = queue_id_of(trimmed) else {
            return Vec::new();
        };
        // Only `pickup`'s line of a message queued again has the words.
        if trimmed.contains("orig_id=") {
            if let Some((new, orig)) = postfix_log::orig_id(trimmed) {
                self.rename(orig, new);
            }
        }
        let at = match self.open.get(id) {
            Some(&at) => at,
            None => {
                self.open.insert(id.to_string(), self.groups.len());
                let group =
                    Group { queue_id: id.to_string(), ..Group::default() };
                self.groups.push(Some(group));
                self.groups.len() - 1
            }
        };
        let Some(group) = self.groups.get_mut(at).and_then(Option::as_mut)
        else {
            return Vec::new();
        };
        group.delivers |= delivery_of(trimmed).is_some();
        group.relined |= relined;
        group.text.push_str(line);
        group.text.push('\n');
        self.held += line.len() + 1;
        if done {
            let finished = self.close(at);
            return finished.and_then(part).into_iter().collect();
        }
        self.make_room()
    }

    /// The unfinished message `orig`, queued again as `new` (Postfix's
    /// `orig_id=`), goes on under its new queue id: one message, one
    /// report with its last outcome. Nothing if `orig` is not open (it
    /// was handed out early, or the log starts later) or `new` already
    /// is.
    fn rename(&mut self, orig: &str, new: &str) {
        if self.open.contains_key(new) {
            return;
        }
        let Some(at) = self.open.remove(orig) else { return };
        if let Some(Some(group)) = self.groups.get_mut(at) {
            group.queue_id = new.to_string();
        }
        self.open.insert(new.to_string(), at);
    }

    /// Takes the unfinished message whose group is at `at` out.
    fn close(&mut self, at: usize) -> Option<Group> {
        let group = self.groups.get_mut(at)?.take()?;
        self.open.remove(&group.queue_id);
        self.held -= group.text.len();
        self.tidy();
        Some(group)
    }

    /// Moves `oldest` past handed-out groups, and drops those once they
    /// outnumber the unfinished ones, so that memory follows the
    /// unfinished messages alone.
    fn tidy(&mut self) {
        let gone = |g: Option<&Option<Group>>| g.is_some_and(Option::is_none);
        while gone(self.groups.get(self.oldest)) {
            self.oldest += 1;
        }
        if self.groups.len() <= 2 * self.open.len() + 64 {
            return;
        }
        self.groups.retain(Option::is_some);
        for (at, group) in self.groups.iter().enumerate() {
            let id = group.as_ref().map(|g| g.queue_id.as_str());
            if let Some(place) = id.and_then(|id| self.open.get_mut(id)) {
                *place = at;
            }
        }
        self.oldest = 0;
    }

    /// Hands out the oldest open messages as they stand while more than
    /// [`MAX_OPEN`] are open or they hold more than [`MAX_HELD`] bytes.
    fn make_room(&mut self) -> Vec<Part> {
        let mut parts = Vec::new();
        while self.open.len() > self.max_open || self.held > self.max_held {
            let Some(group) = self.close(self.oldest) else {
                break;
            };
            self.early += 1;
            let early = part(group).map(|p| Part { early: true, ..p });
            parts.extend(early);
        }
        parts
    }

    /// The listing entry read so far, from its entry line on (the
    /// listing's column titles may come first), if it is one.
    fn end_entry(&mut self) -> Option<Part> {
        let text = std::mem::take(&mut self.entry);
        let relined = std::mem::take(&mut self.entry_relined);
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if let Some(queue_id) = listed_queue_id(line.trim_end()) {
                let text = text[at..].to_string();
                return Some(Part { queue_id, text, early: false, relined });
            }
            at += line.len();
        }
        None
    }
}

/// The lines a line of a log or listing of `layout` holds, when a
/// webmail view or a ticket joined them into one paragraph (fresh14
/// #38): each of them, trimmed at its end; `None` when it is one line,
/// as it should be. A log's lines start at their time stamps (Postfix's
/// `Dec  6 09:12:01 mx postfix/smtp[2215]:`, Exim's
/// `2026-12-06 09:20:03 1tJqAb-0003xY-5Q`); a `mailq` listing's at its
/// entry lines, each reason in parentheses and each recipient:
///
/// ```text
/// … (queue active) Dec  6 09:12:03 mx postfix/smtp[2215]: 4QzXyZ1kLmz9abc: to=<…>, …
/// -Queue ID- … -Sender/Recipient------- 4QzXyZ1kLmz9abc     2345 Sun Dec  6 09:12:01  a@example.net (connect to …) b@example.org  -- 4 Kbytes in 1 Request.
/// ```
///
/// Every byte is looked at a bounded number of times: linear.
fn joined_lines(line: &str, layout: Layout) -> Option<Vec<&str>> {
    let starts = match layout {
        Layout::Log => log_starts(line),
        Layout::Listing => return listing_lines(line),
        Layout::JsonListing => return None,
    };
    if starts.is_empty() {
        return None;
    }
    let ends = starts.iter().copied().chain([line.len()]);
    let firsts = std::iter::once(0).chain(starts.iter().copied());
    let lines = firsts.zip(ends).map(|(a, b)| line[a..b].trim_end());
    Some(lines.filter(|l| !l.trim().is_empty()).collect())
}

/// The lines of a log or `mailq` listing that a webmail view or a
/// ticket joined into `line`, when `line` opens one (as [`layout`]
/// judges a first line) and holds more than one: a joined log pasted
/// as a notice gets its lines back (`crate::relines`).
pub(crate) fn unjoined(line: &str) -> Option<Vec<&str>> {
    let line = line.trim();
    let log = is_log_line(line).then_some(Layout::Log);
    joined_lines(line, listing_opened_by(line).or(log)?)
}

/// The bytes before a Postfix program's name that its line's time
/// stamp and host name take, at most.
const STAMP_AND_HOST: usize = 112;

/// The bytes of a line start that [`postfix_log::is_postfix_line`]
/// reads past the program's name, at most: `postfix-out/smtp[12345]:`.
const PROGRAM: usize = 64;

/// Where the log lines joined into `line` after its first one start:
/// a Postfix line's time stamp before its ` postfix…[pid]:`, an Exim
/// line's `YYYY-MM-DD hh:mm:ss` after a space when the line is Exim's.
fn log_starts(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    let mut starts: Vec<usize> = Vec::new();
    for hit in memchr::memmem::find_iter(bytes, b" postfix") {
        let after = starts.last().copied().unwrap_or(0);
        let from = floor_boundary(line, hit.saturating_sub(STAMP_AND_HOST));
        let end = floor_boundary(line, hit + PROGRAM);
        let start = memchr::memchr_iter(b' ', &bytes[from..hit])
            .map(|s| from + s + 1)
            .filter(|&s| s > after)
            .find(|&s| postfix_log::is_postfix_line(&line[s..end]));
        starts.extend(start);
    }
    if exim_log::is_exim_line(line) {
        let stamps = memchr::memmem::find_iter(bytes, b" 20")
            .map(|hit| hit + 1)
            .filter(|&s| is_exim_stamp(&bytes[s..]));
        starts.extend(stamps);
        starts.sort_unstable();
    }
    starts
}

/// True if `bytes` open with Exim's `YYYY-MM-DD hh:mm:ss` and a space
/// or the `.` of milliseconds.
fn is_exim_stamp(bytes: &[u8]) -> bool {
    const SHAPE: &[u8] = b"0000-00-00 00:00:00";
    let Some(head) = bytes.get(..SHAPE.len() + 1) else { return false };
    let shaped = SHAPE.iter().zip(head).all(|(&s, &b)| match s {
        b'0' => b.is_ascii_digit(),
        _ => b == s,
    });
    shaped && matches!(head[SHAPE.len()], b' ' | b'.')
}

/// `at`, or the nearest char boundary of `text` before it.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The lines of a `mailq` listing joined into `line`: its column
/// titles, then for each entry its entry line (up to the sender), each
/// reason in parentheses, each recipient, and the closing
/// `-- … Kbytes in … Requests.`; `None` for a line that holds one.
fn listing_lines(line: &str) -> Option<Vec<&str>> {
    let entries = entry_starts(line);
    let mut lines = Vec::new();
    let head_end = entries.first().copied().unwrap_or(line.len());
    lines.extend(Some(line[..head_end].trim()).filter(|h| !h.is_empty()));
    let ends = entries.iter().copied().skip(1).chain([line.len()]);
    for (start, end) in entries.iter().copied().zip(ends) {
        entry_lines(&line[start..end], &mut lines);
    }
    (lines.len() > 1).then_some(lines)
}

/// The bytes of an entry line up to its sender, at most: a 32-byte
/// queue id and its mark, a size, the arrival time, spaces.
const ENTRY_LINE: usize = 96;

/// Where `mailq` entry lines start in `line`: at its start or after a
/// space.
fn entry_starts(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    let after_space = memchr::memchr_iter(b' ', bytes).map(|s| s + 1);
    std::iter::once(0)
        .chain(after_space)
        .filter(|&s| bytes.get(s).is_some_and(u8::is_ascii_alphanumeric))
        .filter(|&s| s == 0 || !bytes[s - 1].is_ascii_alphanumeric())
        .filter(|&s| {
            let end = floor_boundary(line, s + ENTRY_LINE);
            mailq::entry_line(&line[s..end]).is_ok()
        })
        .collect()
}

/// Puts the lines of one joined entry, `entry`, on `lines`.
fn entry_lines<'a>(entry: &'a str, lines: &mut Vec<&'a str>) {
    // The queue id, size, arrival time (four words) and sender.
    let mut rest = entry;
    for _ in 0..7 {
        rest = rest.trim_start();
        rest = &rest[token_len(rest)..];
    }
    lines.push(entry[..entry.len() - rest.len()].trim_end());
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return;
        }
        let len = match rest.as_bytes()[0] {
            b'(' => balanced_len(rest),
            // `-- 4 Kbytes in 2 Requests.` closes the listing.
            b'-' if rest.starts_with("-- ") => rest.len(),
            _ => token_len(rest),
        };
        lines.push(&rest[..len]);
        rest = &rest[len..];
    }
}

/// The length of the word `text` opens with: up to white space, or a
/// masked address as a web page shows it, `[email protected]`.
fn token_len(text: &str) -> usize {
    if text.starts_with("[email") {
        return text.find(']').map_or(text.len(), |e| e + 1);
    }
    text.find(char::is_whitespace).unwrap_or(text.len())
}

/// The length of the parenthesised text `text` opens with, up to its
/// closing parenthesis (or all of it, unclosed).
fn balanced_len(text: &str) -> usize {
    let mut depth = 0usize;
    for (at, b) in text.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth == 0 {
            return at + 1;
        }
    }
    text.len()
}

/// The queue id of a listing's entry line.
fn listed_queue_id(line: &str) -> Option<String> {
    match mailq::entry_line(line.trim_start()) {
        Ok((_, entry)) => Some(entry.queue_id),
        Err(_) => exim_queue::entry_line(line).map(|e| e.queue_id),
    }
}

/// A finished message, if it says something of a delivery.
fn part(group: Group) -> Option<Part> {
    group.delivers.then_some(Part {
        queue_id: group.queue_id,
        text: group.text,
        early: false,
        relined: group.relined,
    })
}

/// Splits `text`, a whole input of `layout`, into its messages.
///
/// ```
/// use pantul::split_log::{split, Layout};
/// let log = "Jan  2 03:04:05 mx postfix/qmgr[9]: 4AB12C3D4: \
///     from=<tora@example.net>, size=912, nrcpt=1 (queue active)\n\
///     Jan  2 03:04:06 mx postfix/smtp[1]: 5BC23D4E5: to=<a@example.org>, \
///     relay=none, delay=1, dsn=5.4.4, status=bounced (Host not found)\n\
///     Jan  2 03:04:07 mx postfix/smtp[1]: 4AB12C3D4: to=<b@example.org>, \
///     relay=none, delay=1, dsn=5.4.4, status=bounced (Host not found)\n\
///     Jan  2 03:04:08 mx postfix/qmgr[9]: 4AB12C3D4: removed\n";
/// let parts = split(log, Layout::Log);
/// assert_eq!(parts.len(), 2);
/// assert_eq!(parts[0].queue_id, "4AB12C3D4");
/// assert_eq!(parts[0].text.lines().count(), 3);
/// assert_eq!(parts[1].queue_id, "5BC23D4E5");
/// ```
pub fn split(text: &str, layout: Layout) -> Vec<Part> {
    let mut splitter = Splitter::new(layout);
    let mut parts: Vec<Part> =
        text.lines().flat_map(|l| splitter.line(l)).collect();
    parts.extend(splitter.finish());
    parts
}

/// Queued messages [`decode_log`] reads of one input, at most: a report
/// takes some kilobytes, and a 10 MiB log may hold tens of thousands.
pub const MAX_MESSAGES: usize = 1_000;

/// Decodes `input` the way the `pantul` command reads it: a mail log or
/// queue listing ([`layout`]) gives a report per queued message, in the
/// order [`split`] hands them out, each with its `queue_id`; any other
/// input, or a log in which no message names a delivery, gives what
/// [`crate::decode_all`] gives (one report, or one per message of an
/// mbox file).
///
/// Each queued message is a notice of its own under the limits of
/// [`crate::input`]; the input as a whole may be up to
/// [`Options::max_size`], past which it fails with
/// [`Error::TooLarge`]. Of a log of more than [`MAX_MESSAGES`] queued
/// messages, those still in the queue and those that failed are read
/// first, then the rest in order, and the first report has the warning
/// `warning.too-many-queued` with how many were skipped.
///
/// ```
/// use pantul::split_log::decode_log;
/// let log = "Jan  2 03:04:05 mx postfix/smtp[1]: 4AB12C3D4: \
///     to=<a@example.org>, relay=none, delay=1, dsn=5.4.4, \
///     status=bounced (Host or domain name not found)\n\
///     Jan  2 03:04:06 mx postfix/smtp[1]: 5BC23D4E5: to=<b@example.org>, \
///     relay=none, delay=1, dsn=4.4.1, status=deferred (connect to \
///     mx.example.org[192.0.2.1]:25: Connection timed out)\n";
/// let options = pantul::Options::default();
/// let reports = decode_log(log.as_bytes(), &options).unwrap();
/// assert_eq!(reports.len(), 2);
/// assert_eq!(reports[1].queue_id.as_deref(), Some("5BC23D4E5"));
/// let second = &reports[1].recipients[0];
/// assert_eq!(second.address.as_deref(), Some("b@example.org"));
/// ```
pub fn decode_log(
    input: &[u8],
    options: &Options,
) -> Result<Vec<Report>, Error> {
    if input.len() > options.max_size {
        let size = input.len();
        return Err(Error::TooLarge { size, limit: options.max_size });
    }
    let text = crate::input::unicode(input);
    let text = String::from_utf8_lossy(&text);
    let parts = crate::guarded(
        || layout(&text).map(|layout| split(&text, layout)),
        None,
    )
    .unwrap_or_default();
    let found = parts.len();
    let (parts, skipped_delivered) = kept(parts);
    let mut reports: Vec<Report> = parts
        .into_iter()
        .filter_map(|part| {
            let mut report =
                crate::decode(part.text.as_bytes(), options).ok()?;
            report.queue_id = Some(part.queue_id);
            if part.early {
                note_early(&mut report, options.lang);
            }
            if part.relined {
                note_relined(&mut report, options.lang);
            }
            Some(report)
        })
        .collect();
    if reports.is_empty() {
        return crate::decode_all(input, options);
    }
    if found > MAX_MESSAGES {
        let skipped = (found, skipped_delivered);
        warn_skipped(&mut reports[0], skipped, options.lang);
    }
    Ok(reports)
}

/// The [`MAX_MESSAGES`] of `parts` to read, in their order, and how many
/// of those left out were delivered: the messages still in the queue
/// and those that failed come first, since a log pasted to ask why mail
/// is stuck holds mostly delivered ones (fresh14 #15).
fn kept(parts: Vec<Part>) -> (Vec<Part>, usize) {
    if parts.len() <= MAX_MESSAGES {
        return (parts, 0);
    }
    let ranks: Vec<u8> = parts.iter().map(rank).collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&n| ranks[n]);
    let mut keep = vec![false; parts.len()];
    order.iter().take(MAX_MESSAGES).for_each(|&n| keep[n] = true);
    let delivered =
        (0..parts.len()).filter(|&n| !keep[n] && ranks[n] >= DELIVERED).count();
    let parts = parts.into_iter().zip(keep).filter(|(_, k)| *k);
    (parts.map(|(p, _)| p).collect(), delivered)
}

/// The [`rank`] from which a message was delivered to every recipient.
const DELIVERED: u8 = 2;

/// Which messages [`kept`] reads first: 0 failed or deferred and still
/// in the queue (or an entry of a queue listing), 1 failed and gone, 2
/// delivered but not said to be gone, 3 delivered and gone.
fn rank(part: &Part) -> u8 {
    let (mut failed, mut gone, mut logged) = (false, false, false);
    for line in part.text.lines().map(str::trim) {
        if let Ok((_, d)) = postfix_log::delivery(line) {
            failed |= d.status != "sent";
        } else if let Ok((_, l)) = exim_log::log_line(line) {
            failed |= l.outcome != exim_log::Outcome::Delivered;
        } else if let Some((_, done)) = queue_id_of(line) {
            gone |= done;
            continue;
        } else {
            continue;
        }
        logged = true;
    }
    match (failed || !logged, gone) {
        (true, false) => 0,
        (true, true) => 1,
        (false, false) => DELIVERED,
        (false, true) => DELIVERED + 1,
    }
}

/// Notes on `report`, the report of a [`Part::early`], that it was read
/// before the log finished its message (`warning.queued-early`).
pub fn note_early(report: &mut Report, lang: crate::Lang) {
    use crate::knowledge::messages::{number, size, text};
    let id = "warning.queued-early";
    let limit = number(MAX_OPEN, lang);
    let held = size(MAX_HELD, lang);
    let values = [("limit", limit.as_str()), ("size", held.as_str())];
    report.warnings.push(text(id, lang, &values));
    report.warning_ids.push(id.to_string());
}

/// Notes on `report`, the report of a [`Part::relined`], that the lines
/// of its log were joined and split again (`warning.lines-restored`),
/// unless it says so already.
pub fn note_relined(report: &mut Report, lang: crate::Lang) {
    let id = "warning.lines-restored";
    if report.warning_ids.iter().any(|w| w == id) {
        return;
    }
    let text = crate::knowledge::messages::text(id, lang, &[]);
    report.warnings.push(text);
    report.warning_ids.push(id.to_string());
}

/// Notes on `report` that the log held `found` queued messages, more
/// than [`MAX_MESSAGES`], and how many of those skipped were delivered.
fn warn_skipped(
    report: &mut Report,
    (found, delivered): (usize, usize),
    lang: crate::Lang,
) {
    use crate::knowledge::messages::{number, text};
    let id = "warning.too-many-queued";
    let values = [
        ("total", number(found, lang)),
        ("limit", number(MAX_MESSAGES, lang)),
        ("count", number(found - MAX_MESSAGES, lang)),
        ("delivered", number(delivered, lang)),
    ];
    let values: Vec<(&str, &str)> =
        values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // "(0 of them delivered)" tells nothing: the text without it.
    let wording = match delivered {
        0 => "warning.too-many-queued.none-delivered",
        _ => id,
    };
    report.warnings.push(text(wording, lang, &values));
    report.warning_ids.push(id.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_is_split_by_entry() {
        let listing = "-Queue ID-  --Size-- ----Arrival Time---- -Sender\n\
            A1B2C3D4E5     1877 Thu Dec  3 22:10:00  cs@example.net\n\
            (connect to mx.example.org[192.0.2.1]:25: Connection timed out)\n\
            \x20                                        a@example.org\n\
            \n\
            B1B2C3D4E5!    1877 Thu Dec  3 22:10:00  cs@example.net\n\
            \x20                                        b@example.org\n\
            \n\
            -- 4 Kbytes in 2 Requests.\n";
        assert_eq!(layout(listing), Some(Layout::Listing));
        let parts = split(listing, Layout::Listing);
        let ids: Vec<&str> =
            parts.iter().map(|p| p.queue_id.as_str()).collect();
        assert_eq!(ids, ["A1B2C3D4E5", "B1B2C3D4E5"]);
        assert!(parts[0].text.starts_with("A1B2C3D4E5 "));
        assert!(parts[1].text.ends_with("b@example.org\n"));
    }

    #[test]
    fn a_listing_without_blank_lines_is_split_too() {
        let listing = " 2d   912 1tR5zA-0001Cd-2M <a@example.net>\n\
            \x20         b@example.org\n\
            \x205h   1.1K 1tR5zB-0001Cd-3N <a@example.net> *** frozen ***\n\
            \x20         c@example.org\n";
        assert_eq!(layout(listing), Some(Layout::Listing));
        let parts = split(listing, Layout::Listing);
        let ids: Vec<&str> =
            parts.iter().map(|p| p.queue_id.as_str()).collect();
        assert_eq!(ids, ["1tR5zA-0001Cd-2M", "1tR5zB-0001Cd-3N"]);
    }

    #[test]
    fn an_exim_log_is_split_by_message_id() {
        let log = "2024-01-02 03:04:05 1rAbCd-000123-Ab <= s@example.net \
            H=localhost [127.0.0.1] S=912\n\
            2024-01-02 03:04:05 SMTP connection from [192.0.2.9]\n\
            2024-01-02 03:04:06 1rAbCd-000123-Ab ** a@example.org: \
            Unrouteable address\n\
            2024-01-02 03:04:07 1rAbCd-000123-Ab Completed\n\
            2024-01-02 03:04:08 1rAbCe-000124-Ab <= s@example.net S=9\n";
        assert_eq!(layout(log), Some(Layout::Log));
        let parts = split(log, Layout::Log);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].queue_id, "1rAbCd-000123-Ab");
        assert_eq!(parts[0].text.lines().count(), 3);
    }

    #[test]
    fn lines_are_split_as_split_gives_them() {
        for text in
            [&b""[..], b"\n", b"a", b"a\n", b"\n\na\nbc\n\n", b"\xffa\nb"]
        {
            let ours: Vec<&[u8]> = split_lines(text).collect();
            let std: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn what_may_open_refuses_has_no_layout() {
        let log = "Jan  2 03:04:05 mx postfix/smtp[1]: 4AB12C3D4: \
            to=<a@example.org>, relay=none, delay=1, dsn=5.4.4, \
            status=bounced (Host not found)\n";
        let heads = [
            format!("\n  \n-- Logs begin at x\n{log}"),
            format!("\u{feff}{log}"),
            format!("Jan  2 03:04:04 mx postfix/qmgr[9]: x\n{log}"),
            "-Queue ID-  --Size--\n".to_string(),
            " 2d   912 1tR5zA-0001Cd-2M <a@example.net>\n".to_string(),
            "{\"queue_id\": \"A1\", \"recipients\": []}\n".to_string(),
            format!("Subject: x\n\n{log}"),
            format!("\u{a0}\n{log}"),
            format!("> {log}"),
            String::new(),
        ];
        for head in &heads {
            let opened = layout(head).is_some();
            assert!(!opened || may_open(head.as_bytes()), "{head:?}");
        }
        let mut invalid = b"\xff\xfe\n".to_vec();
        invalid.extend_from_slice(log.as_bytes());
        let lossy = String::from_utf8_lossy(&invalid);
        assert_eq!(layout(&lossy).is_some(), may_open(&invalid));
        assert!(may_open(log.as_bytes()));
        assert!(!may_open(b"Return-Path: <>\nSubject: x\n\nbody\n"));
        assert!(!may_open(b"<neko@example.org>: host mx said: 550\n"));
    }

    #[test]
    fn a_log_decodes_by_queued_message() {
        let listing = "-Queue ID-  --Size-- ----Arrival Time---- -Sender\n\
            A1B2C3D4E5     1877 Thu Dec  3 22:10:00  cs@example.net\n\
            (connect to mx.example.org[192.0.2.1]:25: Connection timed out)\n\
            \x20                                        a@example.org\n\
            \n\
            B1B2C3D4E5     1877 Thu Dec  3 22:10:00  cs@example.net\n\
            (host mx.example.com[192.0.2.2] said: 452 4.2.2 Mailbox full \
            (in reply to RCPT TO command))\n\
            \x20                                        b@example.com\n";
        let options = Options::default();
        let reports = decode_log(listing.as_bytes(), &options).unwrap();
        let ids: Vec<Option<&str>> =
            reports.iter().map(|r| r.queue_id.as_deref()).collect();
        assert_eq!(ids, [Some("A1B2C3D4E5"), Some("B1B2C3D4E5")]);
        let reasons: Vec<&str> =
            reports.iter().map(|r| r.recipients[0].reason.name()).collect();
        assert_eq!(reasons, ["networkerror", "mailboxfull"]);
    }

    #[test]
    fn a_log_of_too_many_messages_is_read_in_part_and_says_so() {
        let line = |n: usize| {
            format!(
                "Jan  2 03:04:05 mx postfix/smtp[1]: {n:X}: \
                to=<a{n}@example.org>, relay=none, delay=1, dsn=5.4.4, \
                status=bounced (Host or domain name not found)\n"
            )
        };
        let found = MAX_MESSAGES + 2;
        let log: String = (0x10000..0x10000 + found).map(line).collect();
        let options = Options { lang: crate::Lang::En, ..Options::default() };
        let reports = decode_log(log.as_bytes(), &options).unwrap();
        assert_eq!(reports.len(), MAX_MESSAGES);
        assert_eq!(reports[0].warning_ids, ["warning.too-many-queued"]);
        assert_eq!(
            reports[0].warnings[0],
            "This log or queue listing holds 1,002 queued messages, too \
            many to read them all here: 1,000 were read, those still in the \
            queue and those that failed first, and the other 2 were skipped. \
            The pantul command reads logs of any size."
        );
        assert!(reports[1].warning_ids.is_empty());
        let options = Options { lang: crate::Lang::Id, ..Options::default() };
        let reports = decode_log(log.as_bytes(), &options).unwrap();
        assert!(reports[0].warnings[0].ends_with(
            "dan 2 email lainnya dilewati. Perintah pantul dapat membaca \
            log sebesar apa pun."
        ));
    }

    /// A Postfix log line of queued message `n`.
    fn postfix_line(n: usize, what: &str) -> String {
        format!("Jan  2 03:04:05 mx postfix/smtp[1]: {n:X}: {what}\n")
    }

    const BOUNCED: &str = "to=<a@example.org>, relay=none, delay=1, \
        dsn=5.4.4, status=bounced (Host or domain name not found)";

    #[test]
    fn a_log_whose_messages_never_finish_holds_only_the_newest() {
        let mut splitter = Splitter::holding(Layout::Log, 3, usize::MAX);
        let mut parts = Vec::new();
        for n in 0x10..0x18 {
            parts.extend(splitter.line(&postfix_line(n, BOUNCED)));
            assert!(splitter.open.len() <= 3);
        }
        assert_eq!(splitter.early(), 5);
        let ids: Vec<&str> =
            parts.iter().map(|p| p.queue_id.as_str()).collect();
        assert_eq!(ids, ["10", "11", "12", "13", "14"]);
        assert!(parts.iter().all(|p| p.early));
        // The message named again after it was handed out is a part of
        // its own; the others come out whole at the end, in order.
        let again = postfix_line(0x10, "removed");
        assert!(splitter.line(&again).is_empty());
        let rest = splitter.finish();
        let ids: Vec<&str> = rest.iter().map(|p| p.queue_id.as_str()).collect();
        assert_eq!(ids, ["15", "16", "17"]);
        assert!(rest.iter().all(|p| !p.early));
    }

    #[test]
    fn finished_messages_behind_an_open_one_are_not_held() {
        let mut splitter = Splitter::holding(Layout::Log, 10, usize::MAX);
        assert!(splitter.line(&postfix_line(0x40, BOUNCED)).is_empty());
        for n in 0x41..0x441 {
            assert!(splitter.line(&postfix_line(n, BOUNCED)).is_empty());
            let finished = splitter.line(&postfix_line(n, "removed"));
            assert_eq!(finished.len(), 1);
            assert!(splitter.groups.len() <= 2 * splitter.open.len() + 64);
        }
        assert_eq!(splitter.early(), 0);
        let rest = splitter.finish();
        let ids: Vec<&str> = rest.iter().map(|p| p.queue_id.as_str()).collect();
        assert_eq!(ids, ["40"]);
    }

    #[test]
    fn a_log_holds_no_more_than_its_bytes_of_lines() {
        let line = postfix_line(0x20, BOUNCED);
        let mut splitter =
            Splitter::holding(Layout::Log, usize::MAX, 3 * line.len());
        let mut early = Vec::new();
        for n in 0x20..0x26 {
            early.extend(splitter.line(&postfix_line(n, BOUNCED)));
            assert!(splitter.held <= 3 * line.len());
        }
        assert_eq!(early.len(), 3);
        assert_eq!(early[0].text, line);
        // A finished message gives its bytes back.
        let removed = postfix_line(0x25, "removed");
        let finished = splitter.line(&removed);
        assert_eq!(finished.len(), 1);
        assert!(!finished[0].early);
        assert_eq!(splitter.held, 2 * line.len());
    }

    #[test]
    fn an_early_message_is_read_with_a_warning() {
        let mut report = crate::decode(
            postfix_line(0x30, BOUNCED).as_bytes(),
            &Options::default(),
        )
        .unwrap();
        note_early(&mut report, crate::Lang::En);
        assert_eq!(report.warning_ids, ["warning.queued-early"]);
        assert_eq!(
            report.warnings[0],
            "This queued message was read before the log said it was \
            finished: the log held too many unfinished messages at once \
            (the limit is 10,000 messages, or 16.0 MiB of their lines), so \
            the oldest is read as it stands to keep memory use bounded. If \
            the log names this message again further down, those lines are \
            read as a report of their own."
        );
        note_early(&mut report, crate::Lang::Id);
        assert!(
            report.warnings[1].contains("batasnya 10.000 email, atau 16,0 MiB")
        );
    }

    #[test]
    fn other_input_decodes_as_decode_all_does() {
        let options = Options::default();
        let bounce = b"<neko@example.org>: host mx.example.org[192.0.2.1] \
            said: 550 5.1.1 User unknown (in reply to RCPT TO command)\n";
        let json = |r: &[Report]| serde_json::to_string(r).unwrap();
        let reports = decode_log(bounce, &options).unwrap();
        let all = crate::decode_all(bounce, &options).unwrap();
        assert_eq!(json(&reports), json(&all));
        assert_eq!(decode_log(b" \n", &options).err(), Some(Error::Empty));
        let small = Options { max_size: 4, ..Options::default() };
        assert_eq!(
            decode_log(bounce, &small).err(),
            Some(Error::TooLarge { size: bounce.len(), limit: 4 })
        );
    }

    #[test]
    fn joined_log_lines_are_split_at_their_starts() {
        let line = "Jan  2 03:04:05 mx postfix/qmgr[9]: 4AB12C3D4: \
            from=<s@example.net>, size=9, nrcpt=1 (queue active) \
            2024-01-02T03:04:06.5+07:00 mx.example.net postfix-out/smtp[12]: \
            4AB12C3D4: to=<a@example.org>, status=bounced (said: postfix \
            Jan 2 x)  Jan  2 03:04:07 mx postfix/qmgr[9]: 4AB12C3D4: removed";
        let lines = joined_lines(line, Layout::Log).unwrap();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].ends_with("(queue active)"));
        assert!(lines[1].starts_with("2024-01-02T03:04:06.5+07:00 mx."));
        assert!(lines[1].ends_with("Jan 2 x)"));
        assert!(lines[2].ends_with("removed"));
        let exim = "2024-01-02 03:04:05 1rAbCd-000123-Ab <= s@example.net \
            S=9 2024-01-02 03:04:06.123 1rAbCd-000123-Ab ** a@example.org: \
            Unrouteable address 2024-01-02 03:04:07 1rAbCd-000123-Ab Completed";
        let lines = joined_lines(exim, Layout::Log).unwrap();
        assert_eq!(
            lines[1],
            "2024-01-02 03:04:06.123 1rAbCd-000123-Ab ** \
            a@example.org: Unrouteable address"
        );
        assert_eq!(lines.len(), 3);
        // One line as it should be stays one.
        assert_eq!(joined_lines(&postfix_line(9, BOUNCED), Layout::Log), None);
        let one = "2024-01-02 03:04:05 1rAbCd-000123-Ab ** a@example.org: \
            retry 2024-01-02 failed";
        assert_eq!(joined_lines(one, Layout::Log), None);
    }

    #[test]
    fn a_joined_listing_gets_its_lines_back() {
        let line = "-Queue ID-  --Size-- ----Arrival Time---- -Sender \
            A1B2C3D4E5     1877 Thu Dec  3 22:10:00  MAILER-DAEMON \
            (host mx.example.org[192.0.2.1] said: 450 4.2.0 (try) later \
            (in reply to RCPT TO command))   a@example.org  [email protected] \
            B1B2C3D4E5!    9 Thu Dec  3 22:10:00  s@example.net \
            b@example.org  -- 4 Kbytes in 2 Requests.";
        let lines = listing_lines(line).unwrap();
        assert_eq!(
            lines,
            [
                "-Queue ID-  --Size-- ----Arrival Time---- -Sender",
                "A1B2C3D4E5     1877 Thu Dec  3 22:10:00  MAILER-DAEMON",
                "(host mx.example.org[192.0.2.1] said: 450 4.2.0 (try) later \
                (in reply to RCPT TO command))",
                "a@example.org",
                "[email protected]",
                "B1B2C3D4E5!    9 Thu Dec  3 22:10:00  s@example.net",
                "b@example.org",
                "-- 4 Kbytes in 2 Requests.",
            ]
        );
        let parts = split(line, Layout::Listing);
        let ids: Vec<&str> =
            parts.iter().map(|p| p.queue_id.as_str()).collect();
        assert_eq!(ids, ["A1B2C3D4E5", "B1B2C3D4E5"]);
        assert!(parts.iter().all(|p| p.relined));
        // The lines of a listing as it should be stay as they are.
        let entry = "A1B2C3D4E5     1877 Thu Dec  3 22:10:00  s@example.net";
        assert_eq!(listing_lines(entry), None);
        assert_eq!(
            listing_lines("(connect to mx.example.org: timed out)"),
            None
        );
        assert_eq!(listing_lines("      a@example.org"), None);
    }

    #[test]
    fn a_joined_log_is_a_log() {
        let joined = format!(
            "{} {}",
            postfix_line(0x51, "client=localhost[127.0.0.1]").trim_end(),
            postfix_line(0x51, BOUNCED)
        );
        assert_eq!(layout(&joined), Some(Layout::Log));
        let parts = split(&joined, Layout::Log);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].text.lines().count(), 2);
        assert!(parts[0].relined);
        assert!(!split(&postfix_line(0x51, BOUNCED), Layout::Log)[0].relined);
    }

    #[test]
    fn a_bounce_quoting_a_log_is_no_log() {
        let text = "Hello, my mail bounced:\n\nJan  2 03:04:05 mx \
            postfix/smtp[1]: 4AB12C3D4: to=<a@example.org>, relay=none, \
            delay=1, dsn=5.4.4, status=bounced (Host not found)\n";
        assert_eq!(layout(text), None);
    }
}
