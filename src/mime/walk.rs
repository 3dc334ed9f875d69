// SPDX-License-Identifier: MIT
//! The walk over a message's part tree: which parts are read and as
//! what, within the limits of nesting and of parts.

use std::borrow::Cow;

use super::boundary::{children, Child};
use super::header::Head;
use super::part::Part;
use crate::charset;
use crate::input::{MAX_DEPTH, MAX_PARTS};

/// Levels of multiparts whose lost boundary is recovered by reading
/// their bytes again, at the most: each level reads its part once more.
const MAX_REREAD_DEPTH: usize = 8;

/// One readable piece of a message.
pub(crate) enum Piece {
    /// Text meant for a person.
    Body(String),
    /// A `message/delivery-status` part.
    Status(String),
    /// A `message/feedback-report` part.
    Feedback(String),
    /// The header block of the returned message.
    Original(String),
}

impl Piece {
    pub(crate) fn text(&self) -> &str {
        let (Piece::Body(text)
        | Piece::Status(text)
        | Piece::Feedback(text)
        | Piece::Original(text)) = self;
        text
    }

    /// The piece with `\n` for each line end, `\r\n` or `\r`.
    pub(crate) fn with_newlines(&mut self) {
        let (Piece::Body(text)
        | Piece::Status(text)
        | Piece::Feedback(text)
        | Piece::Original(text)) = self;
        if let Some(first) = memchr::memchr(b'\r', text.as_bytes()) {
            *text = crate::input::newlines_from(text, first);
        }
    }
}

/// A walk over the part tree, within the limits.
pub(super) struct Walk {
    pub(super) out: Vec<Piece>,
    /// Parts visited so far.
    parts: usize,
    /// False once a part was skipped for a limit.
    pub(super) complete: bool,
    /// The first attached message, as sent.
    pub(super) enclosed: Option<Vec<u8>>,
}

impl Walk {
    /// The readable pieces of a message, in order, line ends as `\n`.
    pub(super) fn over(bytes: &[u8], head: Head<'_>) -> Walk {
        let mut walk =
            Walk { out: Vec::new(), parts: 0, complete: true, enclosed: None };
        if head.complete {
            let part = Part::with_head(bytes, bytes.len(), head);
            walk.collect(&part, 0, false, true);
        } else {
            // A header block cut off by the end: no body.
            walk.parts += 1;
            walk.out.push(Piece::Body(String::new()));
        }
        walk.out.iter_mut().for_each(Piece::with_newlines);
        walk
    }

    /// Collects the readable pieces of `part` and its children; `depth`
    /// counts the multiparts around it; `in_digest` is true inside a
    /// `multipart/digest`, whose parts are messages by default; `own`
    /// is false in bytes read again for a lost boundary.
    fn collect(
        &mut self,
        part: &Part<'_>,
        depth: usize,
        in_digest: bool,
        own: bool,
    ) {
        self.parts += 1;
        if self.parts > MAX_PARTS || depth > MAX_DEPTH {
            self.complete = false;
            return;
        }
        let ctype = part.ctype();
        if ctype == Some("multipart") {
            let boundary =
                part.ctype.as_ref().and_then(|c| c.param("boundary"));
            match boundary {
                Some(b) => match children(part.body, b.as_bytes()) {
                    Some(children) => {
                        self.children(part.subtype(), &children, depth, own);
                    }
                    None => self.out.push(Piece::Body(part.text())),
                },
                None => self.lost_boundary(part, depth),
            }
            return;
        }
        let message = match ctype {
            Some("message") => {
                matches!(part.subtype(), Some("rfc822" | "global"))
            }
            None => in_digest,
            _ => false,
        };
        if message {
            self.message(part, own);
            return;
        }
        match ctype {
            None | Some("text") => {
                if part.is("text", "html") {
                    self.out
                        .push(Piece::Body(crate::html::to_text(&part.text())));
                } else if part.is("text", "rfc822-headers") {
                    self.out.push(Piece::Original(part.text()));
                } else {
                    self.out.push(Piece::Body(part.text()));
                }
            }
            Some("message") => {
                let text = || charset::utf8(&part.decoded());
                match part.subtype() {
                    Some("delivery-status" | "global-delivery-status") => {
                        self.out.push(Piece::Status(text()));
                    }
                    Some("feedback-report") => {
                        self.out.push(Piece::Feedback(text()));
                    }
                    Some("rfc822-headers" | "global-headers") => {
                        self.out.push(Piece::Original(text()));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// An attached message: its header block, and the whole of it as
    /// the enclosed message if it is the first. A message with no
    /// header block at all is read as text.
    fn message(&mut self, part: &Part<'_>, own: bool) {
        let decoded = part.decoded();
        let (inner, len) = match decoded {
            Cow::Borrowed(_) => (part.body_to_delimiter, part.body.len()),
            Cow::Owned(ref bytes) => (&bytes[..], bytes.len()),
        };
        let Some(head) = Head::read(inner) else {
            self.out.push(Piece::Body(charset::utf8(&inner[..len])));
            return;
        };
        let end = head.body.min(inner.len());
        self.out.push(Piece::Original(charset::utf8(&inner[..end])));
        if own && self.enclosed.is_none() {
            self.enclosed = Some(inner[..end.max(len)].to_vec());
        }
    }

    /// The children of a multipart to read: all of them, or of a
    /// `multipart/alternative` the plain-text one (else the first).
    fn children(
        &mut self,
        subtype: Option<&str>,
        children: &[Child<'_>],
        depth: usize,
        own: bool,
    ) {
        let digest = subtype == Some("digest");
        if subtype == Some("alternative") {
            // The plain-text part is read once, kept as it was read.
            let plain = children
                .iter()
                .map(Part::read)
                .find(|part| part.is_plain_text(digest));
            if let Some(chosen) =
                plain.or_else(|| children.first().map(Part::read))
            {
                self.collect(&chosen, depth + 1, digest, own);
            }
            return;
        }
        for child in children {
            if self.parts >= MAX_PARTS {
                // Past the limit: counted, not read.
                self.parts += 1;
                self.complete = false;
                return;
            }
            self.collect(&Part::read(child), depth + 1, digest, own);
        }
    }

    /// A multipart part whose `boundary` parameter was lost, as when a
    /// folded `Content-Type:` line lost the indent of its continuation,
    /// holds its parts as plain bytes; the first `--` line of the body
    /// names the boundary, and the body is read again with it.
    ///
    /// ```text
    /// Content-Type: multipart/alternative;
    /// boundary="----=_Part_1"
    ///
    /// ------=_Part_1
    /// Content-Type: text/plain
    /// ```
    fn lost_boundary(&mut self, part: &Part<'_>, depth: usize) {
        if depth >= MAX_REREAD_DEPTH {
            return;
        }
        let bytes = part.decoded();
        let text = charset::lossy(&bytes);
        let Some(boundary) = text.lines().find_map(|l| {
            l.strip_prefix("--").filter(|b| !b.trim().is_empty())
        }) else {
            return;
        };
        let boundary = boundary.trim_end().trim_end_matches("--");
        let subtype = part.subtype().unwrap_or("mixed").to_string();
        self.parts += 1;
        if self.parts > MAX_PARTS || depth + 1 > MAX_DEPTH {
            self.complete = false;
            return;
        }
        // The parts as sent, each to be read in its own charset.
        let Some(children) = children(&bytes, boundary.as_bytes()) else {
            return;
        };
        self.children(Some(&subtype), &children, depth + 1, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(bytes: &[u8]) -> Walk {
        Walk::over(bytes, Head::read(bytes).unwrap())
    }

    fn texts(bytes: &[u8]) -> Vec<String> {
        walk(bytes).out.iter().map(|p| p.text().to_string()).collect()
    }

    #[test]
    fn of_an_alternative_the_plain_text_is_read() {
        let m = b"Content-Type: multipart/alternative; boundary=a\n\n\
            --a\nContent-Type: text/html\n\n<p>html</p>\n\
            --a\nContent-Type: text/plain\n\nplain\n--a--\n";
        assert_eq!(texts(m), ["plain"]);
    }

    #[test]
    fn a_lost_boundary_is_found_in_the_body() {
        let m = b"Content-Type: multipart/alternative;\n\
            boundary=\"----=_Part_1\"\n\n\
            ------=_Part_1\nContent-Type: text/plain\n\nfound\n\
            ------=_Part_1--\n";
        assert_eq!(texts(m), ["found"]);
    }

    /// The parts behind a lost boundary are read from their bytes, in
    /// their charsets (not as text already read as UTF-8: "cafï¿½").
    #[test]
    fn a_lost_boundary_keeps_the_charsets_of_its_parts() {
        let m = b"Content-Type: multipart/mixed;\nboundary=\"x\"\n\n\
            --x\nContent-Type: text/plain; charset=iso-8859-1\n\n\
            caf\xe9\n--x--\n";
        assert_eq!(texts(m), ["café"]);
    }

    #[test]
    fn a_digest_holds_messages_with_newlines_for_line_ends() {
        let m = b"Content-Type: multipart/digest; boundary=d\r\n\r\n\
            --d\r\n\r\nTo: a@example.org\r\n\r\nbody\r\n--d--\r\n";
        let walk = walk(m);
        assert!(matches!(
            &walk.out[..],
            [Piece::Original(t)] if t == "To: a@example.org\n\n"
        ));
        assert!(walk.complete);
        assert!(walk.enclosed.unwrap().ends_with(b"\r\n\r\nbody"));
    }

    #[test]
    fn parts_past_the_limit_are_counted_not_read() {
        let mut m = b"Content-Type: multipart/mixed; boundary=p\n\n".to_vec();
        for _ in 0..MAX_PARTS + 5 {
            m.extend_from_slice(b"--p\nContent-Type: text/plain\n\nx\n");
        }
        let walk = walk(&m);
        assert!(!walk.complete);
        assert!(walk.out.len() < MAX_PARTS);
    }
}
