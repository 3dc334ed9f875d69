// SPDX-License-Identifier: MIT
//! Whole messages to a [`Notice`]: header fields (RFC 5322, encoded
//! words of RFC 2047), the MIME tree by boundary (RFC 2046), parameters
//! (RFC 2045, RFC 2231), transfer encodings and charsets.
//!
//! Only what a bounce needs is read: the top header block, the text
//! parts, the delivery-status and feedback parts, and the header block
//! of the returned message. Broken input is read as far as it makes
//! sense; nothing panics, and each byte is looked at a bounded number
//! of times (once per level of nesting, at most [`MAX_DEPTH`] levels).
//!
//! One job a module, in the order a message is read:
//!
//! - `header`: header blocks, fields and folded lines (RFC 5322);
//! - `words`: encoded words in unstructured values (RFC 2047);
//! - `params`: `Content-Type` and its parameters (RFC 2045, RFC 2231);
//! - `encoding`: base64 and quoted-printable bodies (RFC 2045 §6);
//! - `boundary`: the body parts of a multipart (RFC 2046 §5.1.1);
//! - `part`: one body part, its type, and its body decoded;
//! - `walk`: the walk over the part tree, within the limits;
//! - here: the walk's pieces put into a [`Notice`] or one text.
//!
//! [`MAX_DEPTH`]: crate::input::MAX_DEPTH
//! [`MAX_PARTS`]: crate::input::MAX_PARTS

mod boundary;
mod encoding;
mod header;
mod params;
mod part;
mod walk;
mod words;

use std::borrow::Cow;

use crate::input::strip_quotes;
use crate::notice::Notice;
use header::Head;
use walk::Walk;

/// The former reader (`mime_old`, for the differential test) reads
/// header values and puts its pieces together with these.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) use header::unfold;
pub(crate) use walk::Piece;
pub use words::unstructured;

/// Decodes a whole message; `None` if it has no header block at all.
/// Parts past [`MAX_PARTS`] or nested deeper than [`MAX_DEPTH`] are
/// skipped with the warning `warning.too-many-parts`.
pub fn decode(bytes: &[u8]) -> Option<Notice> {
    let head = Head::read(bytes)?;
    let headers = head.values();
    let walk = Walk::over(bytes, head);
    Some(notice(headers, walk.out, walk.complete, walk.enclosed))
}

/// The notice of a message: the values of its top header block, the
/// pieces of the walk over its parts, whether the walk read every part,
/// and the first attached message.
pub(crate) fn notice(
    headers: Vec<(String, String)>,
    pieces: Vec<Piece>,
    complete: bool,
    enclosed: Option<Vec<u8>>,
) -> Notice {
    let mut notice = Notice { headers, enclosed, ..Notice::default() };
    if !complete {
        notice.warnings.push("warning.too-many-parts");
    }
    for piece in pieces {
        match piece {
            Piece::Body(text) => push_body(&mut notice, text),
            Piece::Status(text) => push_status(&mut notice, text),
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
    notice
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
    let head = Head::read(bytes)?;
    Some(join(Walk::over(bytes, head).out, keep))
}

/// The `pieces` that `keep` keeps, in order, as one text with a blank
/// line between two.
pub(crate) fn join(
    pieces: Vec<Piece>,
    keep: impl Fn(&Piece) -> bool,
) -> String {
    let mut out = String::new();
    for piece in pieces.into_iter().filter(|p| keep(p)) {
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
        out.push_str(piece.text());
    }
    out
}

/// Adds a delivery-status part's text; the first is kept as it is,
/// not copied.
fn push_status(notice: &mut Notice, text: String) {
    let Some(status) = &mut notice.delivery_status else {
        notice.delivery_status = Some(text);
        return;
    };
    if !status.is_empty() {
        status.push_str("\n\n");
    }
    status.push_str(&text);
}

/// Adds a text part's text; the first is kept as it is, not copied.
fn push_body(notice: &mut Notice, text: String) {
    if notice.body.is_empty() {
        notice.body = text;
        return;
    }
    if !notice.body.ends_with('\n') {
        notice.body.push('\n');
    }
    notice.body.push_str(&text);
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

    /// A message of most shapes this reader knows: nested multiparts,
    /// an alternative, an attached message, both transfer encodings,
    /// encoded words and RFC 2231 parameters.
    const NESTED: &[u8] = b"From: =?utf-8?B?TcOkaWxlcg==?= <a@example.org>\r
Subject: =?iso-8859-1?Q?D=E9livr=E9?= =?utf-8?q?_?=\r
 failed\r
Content-Type: multipart/report; report-type=delivery-status;\r
\tboundary*0=\"o\"; boundary*1=\"uter\"\r
\r
--outer\r
Content-Type: multipart/alternative; boundary=\"in\"\r
\r
--in\r
Content-Type: text/html; charset=\"windows-1252\"\r
Content-Transfer-Encoding: quoted-printable\r
\r
<p>Undeliverable =E9 soft=\r
break</p>\r
--in\r
Content-Type: text/plain; charset*=utf-8''x\r
Content-Transfer-Encoding: base64\r
\r
VW5kZWxpdmVyYWJsZQ==\r
--in--\r
--outer\r
Content-Type: message/delivery-status\r
\r
Final-Recipient: rfc822; neko@example.org\r
Status: 5.1.1\r
--outer\r
Content-Type: message/rfc822\r
\r
To: neko@example.org\r
Subject: hi\r
\r
Body\r
--outer--\r
";

    #[test]
    fn a_nested_message_reads_whole() {
        let notice = decode(NESTED).unwrap();
        assert_eq!(notice.header("from"), Some("Mäiler <a@example.org>"));
        assert_eq!(notice.subject(), "Délivré  failed");
        assert_eq!(notice.body, "Undeliverable");
        assert!(notice.delivery_status.unwrap().contains("Status: 5.1.1"));
        let original = notice.original.unwrap();
        assert_eq!(original, "To: neko@example.org\nSubject: hi\n\n");
        let enclosed = notice.enclosed.unwrap();
        assert!(enclosed.ends_with(b"\r\nBody"));
    }

    /// Every cut of the message, and every byte of it replaced by each
    /// of the bytes that steer the reader, reads without a panic.
    #[test]
    fn cut_or_broken_messages_read() {
        for end in 0..=NESTED.len() {
            let _ = decode(&NESTED[..end]);
            let _ = shown_text(&NESTED[..end]);
        }
        let mut broken = NESTED.to_vec();
        for at in 0..NESTED.len() {
            for b in [b'\n', b'-', b'=', b'?', b'"', b';', b':', b'\\', 0xFF] {
                broken[at] = b;
                let _ = decode(&broken);
            }
            broken[at] = NESTED[at];
        }
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
