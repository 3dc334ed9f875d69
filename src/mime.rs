// SPDX-License-Identifier: MIT
//! Whole messages to a [`Notice`]: the MIME tree, transfer encodings,
//! charsets and encoded words, by the `mail-parser` crate.

use std::borrow::Cow;
use std::sync::OnceLock;

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::parsers::MessageStream;
use mail_parser::{
    Encoding, HeaderName, HeaderValue, Message, MessageParser, MessagePart,
    MimeHeaders, PartType,
};

use crate::charset;
use crate::input::{strip_quotes, MAX_DEPTH, MAX_PARTS};
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
    let mut notice = Notice { headers: headers(message), ..Notice::default() };
    let (pieces, complete) = pieces(message);
    if !complete {
        notice.warnings.push("warning.too-many-parts");
    }
    for piece in pieces {
        match piece {
            Piece::Body(text) => push_body(&mut notice, &text),
            Piece::Status(text) => push_status(&mut notice, &text),
            Piece::Feedback(text) => {
                notice.feedback_report.get_or_insert(text);
            }
            Piece::Original(text) => {
                notice.original.get_or_insert(text);
            }
        }
    }
    if let Cow::Owned(body) = strip_quotes(&notice.body) {
        notice.body = body;
    }
    notice.enclosed = message.parts.iter().find_map(|p| match &p.body {
        PartType::Message(inner) => Some(inner.raw_message().to_vec()),
        _ => None,
    });
    Some(notice)
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
    let mut out = String::new();
    for piece in pieces(&parsed.0).0.into_iter().filter(|p| keep(p)) {
        let (Piece::Body(text)
        | Piece::Status(text)
        | Piece::Feedback(text)
        | Piece::Original(text)) = piece;
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
        out.push_str(&text);
    }
    Some(out)
}

/// One readable piece of a message.
enum Piece {
    /// Text meant for a person.
    Body(String),
    /// A `message/delivery-status` part.
    Status(String),
    /// A `message/feedback-report` part.
    Feedback(String),
    /// The header block of the returned message.
    Original(String),
}

/// The readable pieces of a message, in order, line ends as `\n`, and
/// whether every part was read (see [`MAX_PARTS`] and [`MAX_DEPTH`]).
fn pieces(message: &Message<'_>) -> (Vec<Piece>, bool) {
    let mut walk = Walk { out: Vec::new(), parts: 0, complete: true };
    walk.collect(message, 0, 0);
    let Walk { mut out, complete, .. } = walk;
    for piece in &mut out {
        let (Piece::Body(text)
        | Piece::Status(text)
        | Piece::Feedback(text)
        | Piece::Original(text)) = piece;
        if text.contains('\r') {
            *text = text.replace("\r\n", "\n").replace('\r', "\n");
        }
    }
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
    message: &Message<'_>,
    h: &mail_parser::Header<'_>,
) -> Option<String> {
    if !charset::has_host_decoder() {
        return None;
    }
    let raw = message.raw_message();
    let bytes = raw.get(h.offset_start as usize..h.offset_end as usize)?;
    charset::decode_words(&String::from_utf8_lossy(bytes))
}

/// A text part in a charset left to the host (see [`charset`]), decoded
/// again from its raw bytes by the host; `None` for any other part.
fn host_text(message: &Message<'_>, part: &MessagePart<'_>) -> Option<String> {
    if !charset::has_host_decoder() {
        return None;
    }
    let label = part.content_type()?.attribute("charset")?;
    charset::host_encoding(label)?;
    let raw = message.raw_message();
    let body = raw.get(part.offset_body as usize..part.offset_end as usize)?;
    let bytes = match part.encoding {
        Encoding::Base64 => Cow::Owned(base64_decode(body)?),
        Encoding::QuotedPrintable => Cow::Owned(quoted_printable_decode(body)?),
        Encoding::None => Cow::Borrowed(body),
    };
    charset::decode(label, &bytes)
}

/// Joins folded header lines into one and trims the value.
pub fn unfold(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for (i, line) in value.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        if i > 0 {
            out.push(' ');
            out.push_str(line.trim_start());
        } else {
            out.push_str(line);
        }
    }
    out.trim().to_string()
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

fn push_status(notice: &mut Notice, text: &str) {
    let status = notice.delivery_status.get_or_insert_with(String::new);
    if !status.is_empty() {
        status.push_str("\n\n");
    }
    status.push_str(text);
}

fn push_body(notice: &mut Notice, text: &str) {
    if !notice.body.is_empty() && !notice.body.ends_with('\n') {
        notice.body.push('\n');
    }
    notice.body.push_str(text);
}

fn ctype(part: &MessagePart<'_>) -> Option<String> {
    part.content_type().map(|c| c.ctype().to_ascii_lowercase())
}

fn subtype<'a>(part: &'a MessagePart<'_>) -> Option<&'a str> {
    part.content_type().and_then(|c| c.subtype())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-part message whose body is `body` in `charset`.
    fn message(charset: &str, body: &[u8]) -> Vec<u8> {
        let mut m = format!(
            "From: MAILER-DAEMON@example.org\nSubject: x\nMIME-Version: 1.0\n\
             Content-Type: text/plain; charset={charset}\n\n"
        )
        .into_bytes();
        m.extend_from_slice(body);
        m
    }

    fn body(charset: &str, bytes: &[u8]) -> String {
        decode(&message(charset, bytes)).map(|n| n.body).unwrap_or_default()
    }

    #[test]
    fn charsets_of_bounces_decode() {
        assert_eq!(body("iso-2022-jp", b"\x1b$B08@hITL@\x1b(B"), "宛先不明");
        assert_eq!(
            body("Shift_JIS", b"\x88\xb6\x90\xe6\x95s\x96\xbe"),
            "宛先不明"
        );
        assert_eq!(
            body("euc-kr", b"\xbc\xf6\xbd\xc5\xc0\xda \xbe\xf8\xc0\xbd"),
            "수신자 없음"
        );
        assert_eq!(
            body(
                "windows-1251",
                b"\xcf\xee\xeb\xfc\xe7\xee\xe2\xe0\xf2\xe5\xeb\xfc"
            ),
            "Пользователь"
        );
        assert_eq!(
            body("utf-7", b"Delivery +AKM- failed"),
            "Delivery £ failed"
        );
    }

    #[test]
    fn exchange_utf7_alias_decodes() {
        assert_eq!(
            body("unicode-1-1-utf-7", b"Delivery +AKM- failed"),
            "Delivery £ failed"
        );
    }

    #[test]
    fn the_shown_text_keeps_the_order_of_parts() {
        let m = b"From: a@example.org\nSubject: x\nMIME-Version: 1.0\n\
            Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n\
            --b\nContent-Type: text/plain\n\nDelivery failed.\n\
            --b\nContent-Type: message/delivery-status\n\n\
            Reporting-MTA: dns; mx.example.org\n\n\
            Final-Recipient: rfc822; neko@example.org\nStatus: 5.1.1\n\
            --b\nContent-Type: text/rfc822-headers\n\nTo: neko@example.org\n\
            --b--\n";
        let shown = shown_text(m).unwrap();
        let at = |s: &str| shown.find(s).unwrap();
        assert!(
            at("Delivery failed") < at("Final-Recipient")
                && at("Status") < at("To: neko")
        );
        assert!(!shown.contains("Content-Type"));
    }
}
