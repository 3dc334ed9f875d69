// SPDX-License-Identifier: MIT
//! The messages of one input, read within the size limit: an mbox file
//! message by message, anything else whole. No more than the limit (and
//! one line of an mbox) is ever held, however large the input.

use std::borrow::Cow;
use std::io::{self, BufRead, Read};

use pantul::input::{is_from_line, split_mbox, strip_utf8_bom};
use pantul::split_log;

/// Bytes read of a file larger than the limit to see whether it is an
/// mbox: more than an mbox `From ` line takes.
const PROBE: usize = 1024;

/// Bytes read of the start of an input that is no mbox to see whether
/// it is a mail log or a queue listing.
const HEAD: usize = 64 * 1024;

/// One message of an input.
pub struct Message {
    /// Its number (from 1) when the input holds several.
    pub number: Option<usize>,
    /// Its queue id, when it is one queued message of a mail log or
    /// queue listing.
    pub queue_id: Option<String>,
    /// Its bytes, or its size (`None` if unknown) when it is larger than
    /// the limit.
    pub bytes: Result<Vec<u8>, Option<u64>>,
    /// True for a queued message read before the log finished it
    /// ([`split_log::Part::early`]).
    pub early: bool,
    /// True for a queued message whose log lines were joined and split
    /// again ([`split_log::Part::relined`]).
    pub relined: bool,
}

impl Message {
    /// The input's only message (or its size, when it is too large):
    /// no number, no queue id.
    fn whole(bytes: Result<Vec<u8>, Option<u64>>) -> Message {
        Message {
            number: None,
            queue_id: None,
            bytes,
            early: false,
            relined: false,
        }
    }
}

/// Reads `reader`'s messages, none larger than `limit` bytes, and hands
/// each to `each`; `size` is the input's size if known. Fails only if
/// reading fails.
pub fn read(
    reader: &mut dyn BufRead,
    limit: usize,
    size: Option<u64>,
    each: &mut dyn FnMut(Message),
) -> io::Result<()> {
    // A file known to be too large is refused after its first line,
    // unless that line opens an mbox.
    let large = size.is_some_and(|s| s > limit as u64);
    let probe = if large { PROBE } else { limit.max(PROBE) };
    // Room for the whole of an input known to be within the limit, which
    // its first line may be (one long line): read into in place, then
    // by `read_head` and `read_whole`, with no buffer grown twice over.
    let mut first = Vec::new();
    if !large {
        reserve(&mut first, probe as u64, size);
    }
    reader.take(probe as u64 + 1).read_until(b'\n', &mut first)?;
    let mbox = first.ends_with(b"\n") && is_from_line(strip_utf8_bom(&first));
    if !mbox {
        let head = read_head(reader, first, limit.max(PROBE), size)?;
        // Most inputs are notices: the head is made text and read for
        // the layout of a log only when its first line may open one.
        let lines = strip_utf8_bom(&head);
        if split_log::may_open(lines) {
            let text = String::from_utf8_lossy(lines);
            if let Some(layout) = split_log::layout(&text) {
                return read_log(reader, &head, layout, limit, each);
            }
        }
        if large {
            // A MIME message is read as far as the limit (its own parts
            // come first; `pantul::input::message_head`), no further.
            let mut head = head;
            let room = (limit + 1).saturating_sub(head.len()) as u64;
            reader.take(room).read_to_end(&mut head)?;
            if pantul::input::message_head(&head, limit).is_some() {
                each(Message::whole(Ok(head)));
                return Ok(());
            }
            each(Message::whole(Err(size)));
            return Ok(());
        }
        return read_whole(reader, head, limit, size, each);
    }
    let mut stream = Stream { each, held: None, count: 0 };
    let mut message = Vec::new();
    let mut over = None;
    let mut blank = true;
    // Whether the last line with words introduces what follows (a
    // bounce's returned email below "bounced E-Mail:").
    let mut introduced = false;
    let mut line = strip_utf8_bom(&first).to_vec();
    loop {
        let separator = blank && !introduced && is_from_line(&line);
        if separator && !message.is_empty() {
            stream.push(finish(&message, over));
        }
        if separator {
            message.clear();
            over = None;
        }
        match over.as_mut() {
            Some(seen) => *seen += line.len() as u64,
            None => message.extend_from_slice(&line),
        }
        let from = line_len(&message);
        if over.is_none() && message.len() > limit + from {
            over = Some((message.len() - from) as u64);
            message.truncate(from);
        }
        blank = line == b"\n" || line == b"\r\n";
        if !blank {
            introduced = !separator && pantul::input::introduces(&line);
        }
        line = read_line(reader, limit.max(PROBE))?;
        if line.is_empty() {
            break;
        }
    }
    stream.push(finish(&message, over));
    stream.end();
    Ok(())
}

/// Messages handed on, the first held back until it is known whether
/// it is the only one (then it has no number).
struct Stream<'a> {
    each: &'a mut dyn FnMut(Message),
    held: Option<Result<Vec<u8>, Option<u64>>>,
    count: usize,
}

impl Stream<'_> {
    fn push(&mut self, bytes: Result<Vec<u8>, Option<u64>>) {
        self.count += 1;
        if self.count == 1 {
            self.held = Some(bytes);
            return;
        }
        if let Some(first) = self.held.take() {
            (self.each)(Message {
                number: Some(1),
                bytes: first,
                queue_id: None,
                early: false,
                relined: false,
            });
        }
        (self.each)(Message {
            number: Some(self.count),
            bytes,
            queue_id: None,
            early: false,
            relined: false,
        });
    }

    fn end(&mut self) {
        if let Some(only) = self.held.take() {
            (self.each)(Message {
                number: None,
                bytes: only,
                queue_id: None,
                early: false,
                relined: false,
            });
        }
    }
}

/// One message of an mbox, its `From ` line first: its bytes without
/// that line and with `>From ` unescaped, or its size past the limit.
fn finish(message: &[u8], over: Option<u64>) -> Result<Vec<u8>, Option<u64>> {
    if let Some(size) = over {
        return Err(Some(size));
    }
    let parts = split_mbox(message);
    let body = parts.into_iter().next().unwrap_or(Cow::Borrowed(b""));
    Ok(body.into_owned())
}

/// The length of the first line of `bytes`, its line end included.
fn line_len(bytes: &[u8]) -> usize {
    memchr::memchr(b'\n', bytes).map_or(bytes.len(), |i| i + 1)
}

/// A line with its `\n`, or the first `limit + 1` bytes of a longer
/// one; empty at the end of the input.
fn read_line(reader: &mut dyn BufRead, limit: usize) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    reader.take(limit as u64 + 1).read_until(b'\n', &mut line)?;
    Ok(line)
}

/// The first lines of an input, `first` and as many more whole lines
/// (each of at most `line` bytes) as make up [`HEAD`] bytes: enough to
/// tell a mail log or queue listing. `size` is the input's size if
/// known.
fn read_head(
    reader: &mut dyn BufRead,
    first: Vec<u8>,
    line: usize,
    size: Option<u64>,
) -> io::Result<Vec<u8>> {
    let mut head = first;
    if head.len() >= HEAD || !head.ends_with(b"\n") {
        return Ok(head);
    }
    // In one read up to HEAD bytes, then to the end of the line that
    // crosses it (a line of at most `line` bytes, as any other).
    let room = (HEAD - head.len()) as u64;
    reserve(&mut head, room, size);
    reader.take(room).read_to_end(&mut head)?;
    if head.len() >= HEAD && !head.ends_with(b"\n") {
        let partial = head.len() - last_line_start(&head);
        let rest = (line + 1).saturating_sub(partial) as u64;
        reader.take(rest).read_until(b'\n', &mut head)?;
    }
    Ok(head)
}

/// Room in `bytes` for what is left of an input of `size` bytes (if
/// known and more than `bytes` holds), `room` bytes at most, and the
/// byte that tells its end: read into in place, where a read to the end
/// would grow the buffer again and again.
fn reserve(bytes: &mut Vec<u8>, room: u64, size: Option<u64>) {
    let left = size.map_or(0, |s| s.saturating_sub(bytes.len() as u64));
    if left > 0 {
        let left = usize::try_from(left.min(room)).unwrap_or(0);
        bytes.reserve(left.saturating_add(1));
    }
}

/// Where the last line of `head` starts.
fn last_line_start(head: &[u8]) -> usize {
    memchr::memrchr(b'\n', head).map_or(0, |i| i + 1)
}

/// A mail log or queue listing, of any size: each queued message in it
/// is a message of its own, and none is larger than `limit` bytes for
/// that. Lines are read one by one, and only the messages the log has
/// not finished are held, within [`split_log::MAX_OPEN`] messages and
/// [`split_log::MAX_HELD`] bytes. A log that names no delivery is read as one
/// message of its first [`HEAD`] bytes.
fn read_log(
    reader: &mut dyn BufRead,
    head: &[u8],
    layout: split_log::Layout,
    limit: usize,
    each: &mut dyn FnMut(Message),
) -> io::Result<()> {
    let mut splitter = split_log::Splitter::new(layout);
    let mut count = 0;
    let mut hand = |part: split_log::Part| {
        count += 1;
        let bytes = Ok(part.text.into_bytes());
        let queue_id = Some(part.queue_id);
        let (early, relined) = (part.early, part.relined);
        each(Message { number: None, bytes, queue_id, early, relined });
    };
    let text = String::from_utf8_lossy(strip_utf8_bom(head));
    text.split_inclusive('\n')
        .flat_map(|l| splitter.line(l))
        .for_each(&mut hand);
    loop {
        let line = read_line(reader, limit.max(PROBE))?;
        if line.is_empty() {
            break;
        }
        let line = String::from_utf8_lossy(&line);
        splitter.line(&line).into_iter().for_each(&mut hand);
    }
    splitter.finish().into_iter().for_each(&mut hand);
    if count == 0 {
        each(Message::whole(Ok(head.to_vec())));
    }
    Ok(())
}

/// An input that is not an mbox: one or more messages (an mbox with
/// old Mac line ends splits too), if the whole is within the limit.
fn read_whole(
    reader: &mut dyn BufRead,
    mut bytes: Vec<u8>,
    limit: usize,
    size: Option<u64>,
    each: &mut dyn FnMut(Message),
) -> io::Result<()> {
    let room = (limit + 1).saturating_sub(bytes.len()) as u64;
    reserve(&mut bytes, room, size);
    reader.take(room).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        // A size at most the limit was not the input's (it grew, or it
        // is no regular file): its size is not known.
        let size = size.filter(|&s| s > limit as u64);
        each(Message::whole(Err(size)));
        return Ok(());
    }
    let text = strip_utf8_bom(&bytes);
    let messages = split_mbox(text);
    // Almost every input is one message, all of it: handed on as it
    // was read, not copied.
    if let [Cow::Borrowed(only)] = messages[..] {
        if only.len() == text.len() {
            let bom = bytes.len() - text.len();
            drop(messages);
            bytes.drain(..bom);
            each(Message::whole(Ok(bytes)));
            return Ok(());
        }
    }
    let numbered = messages.len() > 1;
    for (n, message) in messages.into_iter().enumerate() {
        let number = numbered.then_some(n + 1);
        let bytes = Ok(message.into_owned());
        each(Message { number, ..Message::whole(bytes) });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(input: &[u8], limit: usize) -> Vec<(Option<usize>, String)> {
        let mut out = Vec::new();
        let mut each = |m: Message| {
            let text = match m.bytes {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(size) => format!("too large: {size:?}"),
            };
            out.push((m.number, text));
        };
        read(&mut &input[..], limit, None, &mut each).unwrap();
        out
    }

    const FROM: &str = "From a@example.org Mon Apr 29 23:34:45 2015\n";

    #[test]
    fn an_mbox_is_read_message_by_message() {
        let mbox = format!(
            "{FROM}Subject: 1\n\n>From x\n\n{FROM}Subject: 2\n\n{}\n\n\
             {FROM}Subject: 3\n\nz\n",
            "y".repeat(100)
        );
        let got = messages(mbox.as_bytes(), 40);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0], (Some(1), "Subject: 1\n\nFrom x\n\n".into()));
        assert_eq!(got[1], (Some(2), "too large: Some(114)".into()));
        assert_eq!(got[2], (Some(3), "Subject: 3\n\nz\n".into()));
    }

    #[test]
    fn one_message_has_no_number() {
        let got = messages(format!("{FROM}Subject: 1\n\nx\n").as_bytes(), 40);
        assert_eq!(got, [(None, "Subject: 1\n\nx\n".to_string())]);
        let got = messages(b"Subject: 1\n\nx\n", 40);
        assert_eq!(got, [(None, "Subject: 1\n\nx\n".to_string())]);
    }

    /// An endless input of one line or of many ends at the limit.
    #[test]
    fn an_endless_input_ends_at_the_limit() {
        for byte in [b'a', b'\n'] {
            let mut endless = io::BufReader::new(io::repeat(byte));
            let mut got = Vec::new();
            let mut each = |m: Message| got.push(m.bytes);
            read(&mut endless, 1000, None, &mut each).unwrap();
            assert_eq!(got, [Err(None)]);
        }
    }

    #[test]
    fn a_large_input_is_not_read_past_the_limit() {
        let got = messages(&[b'a'; 100], 10);
        assert_eq!(got, [(None, "too large: None".to_string())]);
    }
}
