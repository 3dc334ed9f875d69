// SPDX-License-Identifier: MIT
//! The former reader, by the `mail-parser` crate, kept for the
//! differential test below (`mime_old::differential`, native tests only).

use std::borrow::Cow;
use std::sync::OnceLock;

use mail_parser::parsers::MessageStream;
use mail_parser::{
    HeaderName, HeaderValue, Message, MessageParser, MessagePart, MimeHeaders,
    PartType,
};

use crate::input::{MAX_DEPTH, MAX_PARTS};
use crate::mime::{unfold, Piece};
use crate::notice::Notice;

/// Levels of multiparts whose lost boundary is recovered by reading
/// their bytes again, at the most: each level reads its part once more.
const MAX_REREAD_DEPTH: usize = 8;

/// The parser: the MIME fields are read as such, every other field is
/// skipped (skipping ends where reading would); [`headers`] reads the
/// top header block's other fields from their raw bytes, and no other
/// header block's are used.
fn parser() -> &'static MessageParser {
    static PARSER: OnceLock<MessageParser> = OnceLock::new();
    PARSER.get_or_init(|| {
        MessageParser::new().with_mime_headers().default_header_ignore()
    })
}

/// True if and only if the parser reads the field itself: the fields of
/// `MessageParser::with_mime_headers`.
fn is_mime_field(name: &HeaderName<'_>) -> bool {
    matches!(
        name,
        HeaderName::ContentType
            | HeaderName::ContentDisposition
            | HeaderName::ContentId
            | HeaderName::ContentDescription
            | HeaderName::ContentLocation
            | HeaderName::ContentTransferEncoding
    )
}

/// A parsed message, taken apart without recursion when dropped:
/// mail-parser nests attached messages as a tree, and dropping a tree
/// thousands of levels deep the usual way would overflow the stack.
struct Parsed<'x>(Message<'x>);

impl<'x> Parsed<'x> {
    fn new(bytes: &'x [u8]) -> Option<Parsed<'x>> {
        parser().parse(bytes).map(Parsed)
    }
}

impl Drop for Parsed<'_> {
    fn drop(&mut self) {
        let mut stack = vec![std::mem::take(&mut self.0)];
        while let Some(mut message) = stack.pop() {
            for part in &mut message.parts {
                if let PartType::Message(inner) = std::mem::take(&mut part.body)
                {
                    stack.push(inner);
                }
            }
        }
    }
}

/// Decodes a whole message; `None` if it has no header block at all.
/// Parts past [`MAX_PARTS`] or nested deeper than [`MAX_DEPTH`] are
/// skipped with the warning `warning.too-many-parts`.
pub fn decode(bytes: &[u8]) -> Option<Notice> {
    let parsed = Parsed::new(bytes)?;
    let message = &parsed.0;
    let (pieces, complete) = pieces(message);
    let enclosed = message.parts.iter().find_map(|p| match &p.body {
        PartType::Message(inner) => Some(inner.raw_message().to_vec()),
        _ => None,
    });
    Some(crate::mime::notice(headers(message), pieces, complete, enclosed))
}

/// What a person sees of a whole message in webmail, as one text: the
/// decoded text parts, the delivery-status and feedback parts, and the
/// returned message's header block, in the message's order; headers and
/// MIME structure are gone. `None` if it has no header block at all.
pub fn shown_text(bytes: &[u8]) -> Option<String> {
    joined(bytes, |_| true)
}

/// The decoded text parts of a whole message alone, in order: what a
/// webmail shows when it hides the attached parts. `None` if it has no
/// header block at all.
pub fn text_parts(bytes: &[u8]) -> Option<String> {
    joined(bytes, |piece| matches!(piece, Piece::Body(_)))
}

/// The pieces of a message that `keep` keeps, as one text.
fn joined(bytes: &[u8], keep: impl Fn(&Piece) -> bool) -> Option<String> {
    let parsed = Parsed::new(bytes)?;
    Some(crate::mime::join(pieces(&parsed.0).0, keep))
}

/// The readable pieces of a message, in order, line ends as `\n`, and
/// whether every part was read (see [`MAX_PARTS`] and [`MAX_DEPTH`]).
fn pieces(message: &Message<'_>) -> (Vec<Piece>, bool) {
    let mut walk = Walk { out: Vec::new(), parts: 0, complete: true };
    walk.collect(message, 0, 0);
    let Walk { mut out, complete, .. } = walk;
    out.iter_mut().for_each(Piece::with_newlines);
    (out, complete)
}

fn headers(message: &Message<'_>) -> Vec<(String, String)> {
    message
        .root_part()
        .headers
        .iter()
        .map(|h| {
            let name = h.name.as_str().to_ascii_lowercase();
            let text = match is_mime_field(&h.name) {
                true => None,
                false => unstructured(message, h).map(HeaderValue::Text),
            };
            let value = match text.as_ref().unwrap_or(&h.value) {
                mail_parser::HeaderValue::Text(t) => {
                    host_words(message, h).unwrap_or_else(|| t.to_string())
                }
                mail_parser::HeaderValue::TextList(l) => {
                    host_words(message, h).unwrap_or_else(|| l.join(", "))
                }
                _ => raw_value(message, h).unwrap_or_default(),
            };
            (name, value)
        })
        .collect()
}

/// A skipped field's value as text, as mail-parser reads unstructured
/// fields: each line's words from the first to the last that is not
/// white space, the lines' joined by one space, encoded words decoded;
/// `None` when that gives nothing (as for a field cut off by the end of
/// the input). Values without encoded words, nearly all, are read here
/// without mail-parser's piecewise copies.
fn unstructured<'x>(
    message: &Message<'x>,
    h: &mail_parser::Header<'_>,
) -> Option<Cow<'x, str>> {
    let raw: &'x [u8] = match &message.raw_message {
        Cow::Borrowed(raw) => raw,
        Cow::Owned(_) => return None,
    };
    let bytes = raw.get(h.offset_start as usize..h.offset_end as usize)?;
    // An encoded word's `=?`; memchr's byte search rather than its
    // substring searcher, which nothing else in the WebAssembly uses.
    let starts_word = |i: usize| bytes.get(i + 1) == Some(&b'?');
    if memchr::memchr_iter(b'=', bytes).any(starts_word) {
        return match MessageStream::new(bytes).parse_unstructured() {
            HeaderValue::Text(text) => Some(text),
            _ => None,
        };
    }
    let lines = bytes.strip_suffix(b"\n")?;
    let is_blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    let mut words = lines.split(|&b| b == b'\n').filter_map(|line| {
        let start = line.iter().position(|b| !is_blank(b))?;
        let end = line.iter().rposition(|b| !is_blank(b))? + 1;
        Some(&line[start..end])
    });
    let first = words.next()?;
    let Some(second) = words.next() else {
        return Some(String::from_utf8_lossy(first));
    };
    // Words end at ASCII white space, so decoding them joined gives
    // what decoding each would.
    let mut joined = first.to_vec();
    for word in std::iter::once(second).chain(words) {
        joined.push(b' ');
        joined.extend_from_slice(word);
    }
    Some(Cow::Owned(String::from_utf8(joined).unwrap_or_else(|e| {
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    })))
}

fn raw_value(
    message: &Message<'_>,
    h: &mail_parser::Header<'_>,
) -> Option<String> {
    let raw = message.raw_message();
    let bytes = raw.get(h.offset_start as usize..h.offset_end as usize)?;
    let text = String::from_utf8_lossy(bytes);
    Some(unfold(&text))
}

/// A header value whose encoded words are in a charset left to the
/// host (see [`charset`]), decoded by the host; `None` otherwise.
fn host_words(
    _message: &Message<'_>,
    _h: &mail_parser::Header<'_>,
) -> Option<String> {
    None
}

fn host_text(
    _message: &Message<'_>,
    _part: &MessagePart<'_>,
) -> Option<String> {
    None
}

/// A walk over the part tree, within the limits.
struct Walk {
    out: Vec<Piece>,
    /// Parts visited so far.
    parts: usize,
    /// False once a part was skipped for a limit.
    complete: bool,
}

impl Walk {
    /// Collects the readable pieces of the part `id` and its children;
    /// `depth` counts the multiparts around it.
    fn collect(&mut self, message: &Message<'_>, id: usize, depth: usize) {
        let Some(part) = message.parts.get(id) else { return };
        self.parts += 1;
        if self.parts > MAX_PARTS || depth > MAX_DEPTH {
            self.complete = false;
            return;
        }
        match &part.body {
            PartType::Multipart(children) => {
                for c in chosen(message, part, children) {
                    self.collect(message, c, depth + 1);
                }
            }
            PartType::Text(text) => {
                let again = host_text(message, part);
                let text = again.as_deref().unwrap_or(text);
                self.out.push(leaf_text(part, text));
            }
            PartType::Html(html) => {
                let again = host_text(message, part);
                let html = again.as_deref().unwrap_or(html);
                self.out.push(Piece::Body(crate::html::to_text(html)));
            }
            PartType::Binary(bytes) | PartType::InlineBinary(bytes) => {
                if ctype(part).as_deref() == Some("multipart") {
                    self.lost_boundary(part, bytes, depth);
                } else {
                    self.out.extend(leaf_bytes(part, bytes));
                }
            }
            PartType::Message(inner) => {
                self.out.push(Piece::Original(header_block(inner)));
            }
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
    fn lost_boundary(
        &mut self,
        part: &MessagePart<'_>,
        bytes: &[u8],
        depth: usize,
    ) {
        if depth >= MAX_REREAD_DEPTH {
            return;
        }
        let text = String::from_utf8_lossy(bytes);
        let Some(boundary) = text.lines().find_map(|l| {
            l.strip_prefix("--").filter(|b| !b.trim().is_empty())
        }) else {
            return;
        };
        let sub = subtype(part).unwrap_or("mixed");
        let boundary = boundary.trim_end().trim_end_matches("--");
        let rebuilt = format!(
            "Content-Type: multipart/{sub}; boundary=\"{boundary}\"\n\n{text}"
        );
        let Some(inner) = Parsed::new(rebuilt.as_bytes()) else { return };
        self.collect(&inner.0, 0, depth + 1);
    }
}

/// The children of a multipart to read: all of them, or of a
/// `multipart/alternative` the plain-text one (else the first).
fn chosen(
    message: &Message<'_>,
    part: &MessagePart<'_>,
    children: &[u32],
) -> Vec<usize> {
    let children = children.iter().map(|&c| c as usize);
    if subtype(part) != Some("alternative") {
        return children.collect();
    }
    let mut children = children.peekable();
    let first = children.peek().copied();
    let plain = children.find(|&c| {
        matches!(message.parts.get(c).map(|p| &p.body), Some(PartType::Text(_)))
    });
    plain.or(first).into_iter().collect()
}

fn leaf_text(part: &MessagePart<'_>, text: &str) -> Piece {
    let text = redecode(part, text);
    match (ctype(part).as_deref(), subtype(part)) {
        (Some("text"), Some("rfc822-headers"))
        | (Some("message"), Some("global-headers")) => Piece::Original(text),
        (Some("message"), Some(s)) if is_status(s) => Piece::Status(text),
        (Some("message"), Some("feedback-report")) => Piece::Feedback(text),
        _ => Piece::Body(text),
    }
}

/// Charset names seen in bounces that `mail-parser` does not know, and
/// the charset they mean. Only charsets whose text is plain ASCII on the
/// wire are listed: their text reaches us intact and can be decoded
/// again.
///
/// ```text
/// Content-Type: text/plain; charset=unicode-1-1-utf-7   (Exchange)
/// ```
const ASCII_ALIASES: &[(&str, &str)] =
    &[("unicode-1-1-utf-7", "utf-7"), ("utf7", "utf-7"), ("x-utf-7", "utf-7")];

/// The part's text, decoded again when its charset is an alias that
/// `mail-parser` does not know (it then passes the text through as
/// UTF-8).
fn redecode(part: &MessagePart<'_>, text: &str) -> String {
    use mail_parser::decoders::charsets::map::charset_decoder;
    let charset = part
        .content_type()
        .and_then(|c| c.attribute("charset"))
        .map(|c| c.trim().to_ascii_lowercase());
    let Some(charset) = charset else { return text.to_string() };
    if charset_decoder(charset.as_bytes()).is_some() || !text.is_ascii() {
        return text.to_string();
    }
    ASCII_ALIASES
        .iter()
        .find(|(alias, _)| *alias == charset)
        .and_then(|(_, real)| charset_decoder(real.as_bytes()))
        .map_or_else(|| text.to_string(), |decode| decode(text.as_bytes()))
}

fn leaf_bytes(part: &MessagePart<'_>, bytes: &[u8]) -> Option<Piece> {
    if ctype(part).as_deref() != Some("message") {
        return None;
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    match subtype(part) {
        Some(s) if is_status(s) => Some(Piece::Status(text)),
        Some("feedback-report") => Some(Piece::Feedback(text)),
        Some("rfc822-headers" | "global-headers") => {
            Some(Piece::Original(text))
        }
        _ => None,
    }
}

/// The header block of an attached message, as it was sent.
fn header_block(inner: &Message<'_>) -> String {
    let raw = inner.raw_message();
    // The root part's offsets count from the start of the enclosing
    // message; the raw bytes start at the attached message's headers.
    let root = inner.root_part();
    let end = root.offset_body.saturating_sub(root.offset_header) as usize;
    let head = raw.get(..end.min(raw.len())).unwrap_or(raw);
    String::from_utf8_lossy(head).into_owned()
}

fn is_status(subtype: &str) -> bool {
    matches!(subtype, "delivery-status" | "global-delivery-status")
}

fn ctype(part: &MessagePart<'_>) -> Option<String> {
    part.content_type().map(|c| c.ctype().to_ascii_lowercase())
}

fn subtype<'a>(part: &'a MessagePart<'_>) -> Option<&'a str> {
    part.content_type().and_then(|c| c.subtype())
}

#[cfg(test)]
mod differential {
    use std::path::{Path, PathBuf};

    /// The corpus (when it is there) and every fixture of the tests.
    fn inputs() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("tests")];
        if let Some(corpus) = root
            .ancestors()
            .map(|a| a.join("shared/corpus/sisimai/eml"))
            .find(|d| d.is_dir())
        {
            dirs.push(corpus);
        }
        let mut files = Vec::new();
        while let Some(dir) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "eml" || e == "txt")
                {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
    }

    /// Differences found and judged: the file, the field that differs,
    /// and why the new reading stands.
    const KNOWN: &[(&str, &str, &str)] = &[
        // `=?utf-8?B?eHB0bw?=`: base64 without its padding; its last
        // two bytes were dropped ("xpt"), and are kept ("xpto").
        ("is-not-bounce-02.eml", "headers", "unpadded encoded word"),
        // An attached message ends where its multipart's next delimiter
        // is, or at the end of the input (RFC 2046 §5.1.1): mail-parser
        // ended it at the close delimiter of a multipart inside it, or
        // ran on past the enclosing multipart's close delimiter when
        // the inner one was not closed.
        ("lhost-domino-03.eml", "enclosed", "inner multipart not closed"),
        ("lhost-exchange2007-03.eml", "enclosed", "outer not closed"),
        ("lhost-postfix-64.eml", "enclosed", "outer not closed"),
        ("rfc3464-26.eml", "enclosed", "inner multipart not closed"),
        ("rfc3464-61.eml", "enclosed", "inner multipart not closed"),
        ("rhost-franceptt-06.eml", "enclosed", "outer not closed"),
        ("rhost-gsuite-12.eml", "enclosed", "inner multipart not closed"),
    ];

    /// What a reader gives of a message, field by field.
    fn fields(
        n: Option<crate::notice::Notice>,
        shown: Option<String>,
        text: Option<String>,
    ) -> Vec<(&'static str, String)> {
        let Some(n) = n else { return vec![("none", String::new())] };
        let enclosed =
            n.enclosed.map(|e| String::from_utf8_lossy(&e).into_owned());
        vec![
            ("headers", format!("{:#?}", n.headers)),
            ("body", n.body),
            ("delivery_status", format!("{:?}", n.delivery_status)),
            ("feedback_report", format!("{:?}", n.feedback_report)),
            ("original", format!("{:?}", n.original)),
            ("enclosed", format!("{enclosed:?}")),
            ("warnings", format!("{:?}", n.warnings)),
            ("shown", format!("{shown:?}")),
            ("text", format!("{text:?}")),
        ]
    }

    #[test]
    fn the_new_reader_reads_as_mail_parser_did() {
        let mut differ = Vec::new();
        let files = inputs();
        for path in &files {
            let bytes = std::fs::read(path).unwrap();
            let old = fields(
                super::decode(&bytes),
                super::shown_text(&bytes),
                super::text_parts(&bytes),
            );
            let new = fields(
                crate::mime::decode(&bytes),
                crate::mime::shown_text(&bytes),
                crate::mime::text_parts(&bytes),
            );
            let name = path.file_name().unwrap().to_string_lossy();
            let known = |field: &str| {
                KNOWN.iter().any(|(f, k, _)| *f == name && *k == field)
            };
            let fields: Vec<&str> = old
                .iter()
                .zip(&new)
                .filter(|(o, n)| o != n && !known(o.0))
                .map(|(o, _)| o.0)
                .collect();
            if !fields.is_empty() || old.len() != new.len() {
                if let Some(dir) = std::env::var_os("PANTUL_MIME_DIFF") {
                    let show = |f: &[(&str, String)]| {
                        f.iter()
                            .map(|(k, v)| format!("=== {k}\n{v}\n"))
                            .collect::<String>()
                    };
                    let dir = Path::new(&dir);
                    std::fs::write(dir.join(format!("{name}.old")), show(&old))
                        .unwrap();
                    std::fs::write(dir.join(format!("{name}.new")), show(&new))
                        .unwrap();
                }
                differ.push(format!(
                    "{} ({})",
                    path.display(),
                    fields.join(", ")
                ));
            }
        }
        assert!(files.len() > 100, "{} inputs", files.len());
        assert!(
            differ.is_empty(),
            "{} of {} differ:\n{}",
            differ.len(),
            files.len(),
            differ.join("\n")
        );
    }
}
