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
pub(super) fn base64_body(body: &[u8]) -> Vec<u8> {
    let mut out = Base64::default();
    for &b in body {
        match b {
            b'=' => out.pad(),
            _ => {
                if let Some(v) = charset::base64_value(b) {
                    out.push(v);
                }
            }
        }
    }
    out.finish()
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
    for (i, line) in body.split(|&b| b == b'\n').enumerate() {
        if i > 0 && !soft {
            out.push(b'\n');
        }
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
        if memchr::memchr2(b'=', b'\r', line).is_none() {
            out.extend_from_slice(line);
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
/// an RFC 2231 value), and every other byte as it is.
pub(super) fn unescape(raw: &[u8], escape: u8, out: &mut Vec<u8>) {
    let mut at = 0;
    while at < raw.len() {
        if raw[at] == escape {
            if let Some(byte) = hex_pair(raw.get(at + 1..at + 3)) {
                out.push(byte);
                at += 3;
                continue;
            }
        }
        out.push(raw[at]);
        at += 1;
    }
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
