// SPDX-License-Identifier: MIT
//! Header blocks (RFC 5322 §2.2): fields found line by line, leniently,
//! folded lines joined, and the values a notice keeps of them.

use super::words::unstructured;
use crate::charset;

/// One header field: its name as written and its raw value, from after
/// the colon to the end of its last line (line end included).
pub(super) struct Field<'a> {
    pub(super) name: &'a [u8],
    pub(super) value: &'a [u8],
}

impl Field<'_> {
    fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name.as_bytes())
    }
}

/// A header block.
pub(super) struct Head<'a> {
    pub(super) fields: Vec<Field<'a>>,
    /// Where the body starts: after the empty line that ends the block,
    /// or at the end of the input when none does.
    pub(super) body: usize,
    /// False if the input ended before the empty line.
    pub(super) complete: bool,
}

/// True for the white space that may lead a header line.
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\x0c')
}

impl<'a> Head<'a> {
    /// Reads the header block at the start of `bytes`; `None` if the
    /// input ends before any field or the empty line.
    ///
    /// Leniently: white space before a field's name is skipped, a line
    /// without a colon is skipped, and a line of white space alone ends
    /// the block as an empty one does.
    pub(super) fn read(bytes: &'a [u8]) -> Option<Head<'a>> {
        let head = Head::read_all(bytes);
        (head.complete || !head.fields.is_empty()).then_some(head)
    }

    /// Reads a header block, empty or cut off as it may be.
    pub(super) fn read_all(bytes: &'a [u8]) -> Head<'a> {
        // Room for the fields of most blocks, grown at most once or twice.
        let mut fields = Vec::with_capacity(16);
        let mut at = 0;
        loop {
            while bytes.get(at).is_some_and(|&b| is_blank(b)) {
                at += 1;
            }
            match bytes.get(at) {
                None => {
                    let body = at.min(bytes.len());
                    return Head { fields, body, complete: false };
                }
                Some(b'\n') => {
                    return Head { fields, body: at + 1, complete: true };
                }
                Some(_) => {}
            }
            let line_end = memchr::memchr(b'\n', &bytes[at..])
                .map_or(bytes.len(), |i| at + i);
            let Some(colon) = find_colon(&bytes[at..line_end]) else {
                at = line_end + 1;
                continue;
            };
            let name = trim_end(&bytes[at..at + colon]);
            let start = at + colon + 1;
            let end = field_end(bytes, line_end);
            fields.push(Field { name, value: &bytes[start..end] });
            at = end;
        }
    }

    /// The last field named `name`.
    pub(super) fn last(&self, name: &str) -> Option<&Field<'a>> {
        self.fields.iter().rev().find(|f| f.is(name))
    }

    /// The block's fields as the notice keeps them: lowercase names,
    /// values unfolded with encoded words decoded.
    pub(super) fn values(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .map(|f| {
                let name = charset::lossy(f.name).to_ascii_lowercase();
                let value =
                    if f.is("content-type") || f.is("content-disposition") {
                        unfold(&charset::lossy(f.value))
                    } else if f.is("content-id") {
                        content_id(f.value)
                    } else {
                        unstructured(f.value)
                            .unwrap_or_else(|| unfold(&charset::lossy(f.value)))
                    };
                (name, value)
            })
            .collect()
    }
}

/// The colon after a field name in a header line: the first one after
/// some other character than white space.
fn find_colon(line: &[u8]) -> Option<usize> {
    let first = line.iter().position(|&b| !b.is_ascii_whitespace())?;
    line[first..].iter().position(|&b| b == b':').map(|i| first + i)
}

/// `bytes` without the white space that ends it.
pub(super) fn trim_end(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    &bytes[..end]
}

/// The end of the field whose first line ends at `line_end` (its line
/// feed, or the end of the input): after the line end of its last
/// line, the next line not being folded into it.
fn field_end(bytes: &[u8], line_end: usize) -> usize {
    let mut end = line_end;
    loop {
        if end >= bytes.len() {
            return bytes.len();
        }
        let next = end + 1;
        if !matches!(bytes.get(next), Some(b' ' | b'\t')) {
            return next;
        }
        end = memchr::memchr(b'\n', &bytes[next..])
            .map_or(bytes.len(), |i| next + i);
    }
}

/// A `Content-ID` value: the ids between angle brackets, joined by a
/// comma, or the value itself when it has none.
fn content_id(raw: &[u8]) -> String {
    let text = unfold(&charset::lossy(raw));
    let ids: Vec<&str> = text
        .split('<')
        .skip(1)
        .filter_map(|s| s.split_once('>').map(|(id, _)| id.trim()))
        .filter(|id| !id.is_empty())
        .collect();
    match ids.is_empty() {
        true => text,
        false => ids.join(", "),
    }
}

/// Joins folded header lines into one and trims the value.
pub(crate) fn unfold(value: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names<'a>(head: &Head<'a>) -> Vec<&'a [u8]> {
        head.fields.iter().map(|f| f.name).collect()
    }

    #[test]
    fn a_block_reads_to_its_empty_line() {
        let bytes = b"From: a@example.org\r\nSubject: one\r\n  two\r\n\r\nBody";
        let head = Head::read(bytes).unwrap();
        assert!(head.complete);
        assert_eq!(names(&head), [&b"From"[..], b"Subject"]);
        assert_eq!(head.fields[1].value, b" one\r\n  two\r\n");
        assert_eq!(&bytes[head.body..], b"Body");
    }

    #[test]
    fn odd_lines_are_passed_over_leniently() {
        // A field led by white space, a line without a colon, and a line
        // of white space alone that ends the block (after a field, it
        // would continue the field).
        let bytes = b"  X-Lead: 1\nTo: b@example.org\nno colon here\n \t\nBody";
        let head = Head::read(bytes).unwrap();
        assert_eq!(names(&head), [&b"X-Lead"[..], b"To"]);
        assert_eq!(&bytes[head.body..], b"Body");
    }

    #[test]
    fn a_block_cut_off_has_no_body() {
        let head = Head::read(b"From: a@example.org\nSubject: cut").unwrap();
        assert!(!head.complete);
        assert_eq!(head.body, 32);
        assert_eq!(head.fields[1].value, b" cut");
        assert!(Head::read(b"").is_none());
        assert!(Head::read(b"no field at all").is_none());
        let empty = Head::read(b"\nBody").unwrap();
        assert!(empty.complete && empty.fields.is_empty());
    }

    #[test]
    fn the_last_field_of_a_name_counts() {
        let head = Head::read(
            b"content-type: text/html\nContent-Type: text/plain\n\n",
        )
        .unwrap();
        assert_eq!(head.last("CONTENT-TYPE").unwrap().value, b" text/plain\n");
        assert!(head.last("to").is_none());
    }

    #[test]
    fn values_are_unfolded_and_decoded() {
        let head = Head::read(
            b"SUBJECT: =?utf-8?Q?gagal_kirim?=\n\
              Content-Type: text/plain;\n\tcharset=utf-8\n\
              Content-ID: <one@example.org>\n <two@example.org>\n\n",
        )
        .unwrap();
        let values: Vec<(String, String)> = [
            ("subject", "gagal kirim"),
            ("content-type", "text/plain; charset=utf-8"),
            ("content-id", "one@example.org, two@example.org"),
        ]
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .into();
        assert_eq!(head.values(), values);
    }

    #[test]
    fn folded_lines_join_with_one_space() {
        assert_eq!(unfold(" a;\r\n   b=c \r\n"), "a; b=c");
        assert_eq!(content_id(b" no brackets\n"), "no brackets");
        assert_eq!(content_id(b" <>\n"), "<>");
        assert_eq!(trim_end(b"a= \t\r"), b"a=");
    }
}
