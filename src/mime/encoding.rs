// SPDX-License-Identifier: MIT
//! Transfer encodings (RFC 2045 §6): base64 and quoted-printable bodies,
//! read leniently, and the base64 decoder encoded words share.

use super::header::trim_end;
use crate::charset;

/// The byte two hexadecimal digits (either case) write, if `pair` is
/// two such digits.
pub(super) fn hex_pair(pair: Option<&[u8]>) -> Option<u8> {
    let pair = pair?;
    let digit = |b: u8| (b as char).to_digit(16);
    Some((digit(pair[0])? * 16 + digit(pair[1])?) as u8)
}

/// Base64 (RFC 2045 §6.8), read leniently: characters outside the
/// alphabet are ignored, and a group cut short still gives its bytes.
/// Whole groups of four letters go out at once; a line end, padding or
/// any other byte is taken one by one.
pub(super) fn base64_body(body: &[u8]) -> Vec<u8> {
    let mut out = Base64 {
        out: Vec::with_capacity(body.len() / 4 * 3 + 3),
        ..Base64::default()
    };
    let mut rest = body;
    while let Some((&b, after)) = rest.split_first() {
        if out.count == 0 {
            if let Some(group) = rest.get(..4).and_then(group_of_four) {
                out.out.extend_from_slice(&group);
                rest = &rest[4..];
                continue;
            }
        }
        match b {
            b'=' => out.pad(),
            _ => {
                if let Some(v) = charset::base64_value(b) {
                    out.push(v);
                }
            }
        }
        rest = after;
    }
    out.finish()
}

/// The three bytes that four letters of the base64 alphabet write, if
/// `letters` are four such.
fn group_of_four(letters: &[u8]) -> Option<[u8; 3]> {
    let mut bits = 0u32;
    for &b in letters {
        bits = (bits << 6) | u32::from(charset::base64_value(b)?);
    }
    let [_, a, b, c] = bits.to_be_bytes();
    Some([a, b, c])
}

/// Base64 being decoded.
#[derive(Default)]
pub(super) struct Base64 {
    out: Vec<u8>,
    bits: u32,
    count: u8,
}

impl Base64 {
    pub(super) fn push(&mut self, value: u8) {
        self.bits = (self.bits << 6) | u32::from(value);
        self.count += 1;
        if self.count == 4 {
            let [_, a, b, c] = self.bits.to_be_bytes();
            self.out.extend_from_slice(&[a, b, c]);
            self.bits = 0;
            self.count = 0;
        }
    }

    /// Padding, or the end: the bytes of a group cut short.
    pub(super) fn pad(&mut self) {
        let bits = self.bits << (6 * (4 - u32::from(self.count)));
        let [_, a, b, _] = bits.to_be_bytes();
        match self.count {
            2 => self.out.push(a),
            3 => self.out.extend_from_slice(&[a, b]),
            _ => {}
        }
        self.bits = 0;
        self.count = 0;
    }

    pub(super) fn finish(mut self) -> Vec<u8> {
        self.pad();
        self.out
    }
}

/// Quoted-printable (RFC 2045 §6.7), read leniently: white space at the
/// end of a line is dropped, `=` at the end of a line joins it to the
/// next, `=XX` is a byte (either case), and any other `=` stays as it
/// is. Lines end in `\n`.
pub(super) fn quoted_printable_body(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut soft = false;
    let mut rest = Some(body);
    let mut first = true;
    while let Some(text) = rest {
        let (line, next) = match memchr::memchr(b'\n', text) {
            Some(end) => (&text[..end], Some(&text[end + 1..])),
            None => (text, None),
        };
        rest = next;
        if !first && !soft {
            out.push(b'\n');
        }
        first = false;
        let line = trim_end(line);
        let line = match line.strip_suffix(b"=") {
            Some(line) => {
                soft = true;
                line
            }
            None => {
                soft = false;
                line
            }
        };
        if memchr::memchr(b'\r', line).is_none() {
            unescape(line, b'=', &mut out);
            continue;
        }
        // A carriage return inside a line is dropped; no escape holds one.
        for piece in line.split(|&b| b == b'\r') {
            unescape(piece, b'=', &mut out);
        }
    }
    out
}

/// Copies `raw` to `out`, each `escape` that two hexadecimal digits
/// follow as the byte they write (`=3D` in quoted-printable, `%3D` in
/// an RFC 2231 value), and every other byte as it is; the runs between
/// two escapes are copied whole.
pub(super) fn unescape(raw: &[u8], escape: u8, out: &mut Vec<u8>) {
    let mut rest = raw;
    while let Some(at) = memchr::memchr(escape, rest) {
        out.extend_from_slice(&rest[..at]);
        match hex_pair(rest.get(at + 1..at + 3)) {
            Some(byte) => {
                out.push(byte);
                rest = &rest[at + 3..];
            }
            None => {
                out.push(escape);
                rest = &rest[at + 1..];
            }
        }
    }
    out.extend_from_slice(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_pairs_are_bytes() {
        assert_eq!(hex_pair(Some(b"3D")), Some(b'='));
        assert_eq!(hex_pair(Some(b"e9")), Some(0xE9));
        assert_eq!(hex_pair(Some(b"G0")), None);
        assert_eq!(hex_pair(None), None);
    }

    #[test]
    fn escapes_are_bytes_where_two_digits_follow() {
        let mut out = Vec::new();
        unescape(b"a%3Db%3d%zz%4%", b'%', &mut out);
        assert_eq!(out, b"a=b=%zz%4%");
        out.clear();
        unescape(b"=3D%3D", b'=', &mut out);
        assert_eq!(out, b"=%3D");
    }

    #[test]
    fn base64_reads_leniently() {
        assert_eq!(base64_body(b"SGVs\r\nbG8=\r\n"), b"Hello");
        // Characters outside the alphabet are skipped, a cut group still
        // gives its bytes.
        assert_eq!(base64_body(b"SG!Vs bA"), b"Hell");
        assert_eq!(base64_body(b"SGk=SGk="), b"HiHi");
        assert_eq!(base64_body(b""), b"");
    }

    #[test]
    fn quoted_printable_reads_leniently() {
        assert_eq!(
            quoted_printable_body(b"soft=\nbreak=3D \r\nodd=zz end=\n"),
            b"softbreak=\nodd=zz end"
        );
        assert_eq!(quoted_printable_body(b"caf=E9\r\n"), b"caf\xe9\n");
        assert_eq!(quoted_printable_body(b"a\rb"), b"ab");
        // An escape cut by a carriage return is no escape.
        assert_eq!(quoted_printable_body(b"=\r3D=3\rD=3D"), b"=3D=3D=");
    }
}
