// SPDX-License-Identifier: MIT
//! A body part, or the whole message: its header block, its type, and
//! its body with the transfer encoding undone and as text.

use std::borrow::Cow;

use super::boundary::{children, Child};
use super::encoding::{base64_body, quoted_printable_body};
use super::header::Head;
use super::params::ContentType;
use super::words::unstructured;
use crate::charset;

/// A body part, or the whole message: its header block and its body.
pub(super) struct Part<'a> {
    head: Head<'a>,
    pub(super) ctype: Option<ContentType>,
    pub(super) body: &'a [u8],
    /// The body and the line end after it that belongs to the next
    /// delimiter line: a header block in the body may end with it.
    pub(super) body_to_delimiter: &'a [u8],
}

impl<'a> Part<'a> {
    /// Reads a body part of a multipart (see [`Child`]).
    pub(super) fn read(child: &Child<'a>) -> Part<'a> {
        let head = Head::read_all(child.bytes);
        Part::with_head(child.bytes, child.len, head)
    }

    /// The part whose header block `head` starts `bytes`, its body
    /// ending at `len`.
    pub(super) fn with_head(
        bytes: &'a [u8],
        len: usize,
        head: Head<'a>,
    ) -> Part<'a> {
        let ctype =
            head.last("content-type").and_then(|f| ContentType::read(f.value));
        let start = head.body.min(bytes.len());
        let body = bytes.get(start.min(len)..len).unwrap_or_default();
        let body_to_delimiter = &bytes[start..];
        Part { head, ctype, body, body_to_delimiter }
    }

    pub(super) fn is(&self, ctype: &str, subtype: &str) -> bool {
        self.ctype.as_ref().is_some_and(|c| c.is(ctype, subtype))
    }

    pub(super) fn ctype(&self) -> Option<&str> {
        self.ctype.as_ref().map(|c| c.ctype.as_str())
    }

    pub(super) fn subtype(&self) -> Option<&str> {
        self.ctype.as_ref().and_then(|c| c.subtype.as_deref())
    }

    fn charset(&self) -> Option<&str> {
        self.ctype.as_ref().and_then(|c| c.param("charset"))
    }

    /// The body with its transfer encoding undone.
    pub(super) fn decoded(&self) -> Cow<'a, [u8]> {
        let encoding = self
            .head
            .last("content-transfer-encoding")
            .and_then(|f| unstructured(f.value))
            .unwrap_or_default();
        if encoding.eq_ignore_ascii_case("base64") {
            Cow::Owned(base64_body(self.body))
        } else if encoding.eq_ignore_ascii_case("quoted-printable") {
            Cow::Owned(quoted_printable_body(self.body))
        } else {
            Cow::Borrowed(self.body)
        }
    }

    /// The body as text, in its charset.
    pub(super) fn text(&self) -> String {
        charset::text(self.charset(), self.decoded())
    }

    /// True if and only if the part holds text a person reads (text of
    /// any kind but HTML, or a part with no type where text is the
    /// default).
    pub(super) fn is_plain_text(&self, in_digest: bool) -> bool {
        match &self.ctype {
            None => !in_digest,
            Some(c) => match c.ctype.as_str() {
                "text" => c.subtype.as_deref() != Some("html"),
                "multipart" => c.param("boundary").is_some_and(|b| {
                    children(self.body, b.as_bytes()).is_none()
                }),
                _ => false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(bytes: &[u8]) -> Part<'_> {
        Part::read(&Child { bytes, len: bytes.len() })
    }

    #[test]
    fn a_body_is_decoded_then_read_in_its_charset() {
        let latin = part(
            b"Content-Type: text/plain; charset=iso-8859-1\n\
              Content-Transfer-Encoding: Base64\n\nY2Fm6Q==\n",
        );
        assert_eq!(latin.text(), "café");
        let qp =
            part(b"Content-Transfer-Encoding: quoted-printable\n\na=3Db\n");
        assert_eq!(&*qp.decoded(), b"a=b\n");
        let plain = part(b"Content-Transfer-Encoding: 8bit\n\nas sent\n");
        assert!(matches!(plain.decoded(), Cow::Borrowed(b"as sent\n")));
    }

    #[test]
    fn the_body_ends_where_the_child_does() {
        let bytes = b"Content-Type: text/plain\n\nbody\r\n";
        let p = Part::read(&Child { bytes, len: bytes.len() - 2 });
        assert_eq!(p.body, b"body");
        assert_eq!(p.body_to_delimiter, b"body\r\n");
        assert!(p.is("text", "plain"));
        assert_eq!((p.ctype(), p.subtype()), (Some("text"), Some("plain")));
    }

    #[test]
    fn plain_text_is_what_a_person_reads() {
        assert!(part(b"Content-Type: text/plain\n\nx").is_plain_text(false));
        assert!(!part(b"Content-Type: text/html\n\nx").is_plain_text(false));
        assert!(part(b"\nx").is_plain_text(false));
        // In a digest a part with no type is a message.
        assert!(!part(b"\nx").is_plain_text(true));
        // A multipart whose delimiter is nowhere in its body is text.
        let lost = b"Content-Type: multipart/mixed; boundary=b\n\nx";
        assert!(part(lost).is_plain_text(false));
        let found = b"Content-Type: multipart/mixed; boundary=b\n\n--b\nx";
        assert!(!part(found).is_plain_text(false));
    }
}
