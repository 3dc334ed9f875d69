// SPDX-License-Identifier: MIT
//! The MIME reader alone (`src/mime/`): a message read as a notice, as
//! webmail shows it and as its text parts, then its enclosed message
//! (`pantul::fuzzing::mime`, which also checks that the readings agree).
//!
//! An input that starts with a NUL byte is not read as it is: the bytes
//! after the NUL steer a writer of messages in the shapes that try the
//! reader hardest (nested multiparts, odd, lost and RFC 2231 boundaries,
//! encoded words, both transfer encodings, charsets, long lines, cut
//! header blocks), so that libFuzzer's mutations keep to a structure.
//! Any other input is read as a message as it is.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let message = match data.split_first() {
        Some((0, steer)) => written(steer),
        _ => data.to_vec(),
    };
    // What a steered finding wrote, kept as a regression input with
    // `PANTUL_MIME_WRITTEN=<file> cargo fuzz run mime <finding>`.
    if let Some(path) = std::env::var_os("PANTUL_MIME_WRITTEN") {
        std::fs::write(path, &message).expect("the file is writable");
    }
    let _ = pantul::fuzzing::mime(&message);
});

/// The message that `steer` asks for.
fn written(steer: &[u8]) -> Vec<u8> {
    let mut u = Unstructured::new(steer);
    let mut writer = Writer { u: &mut u, out: Vec::new(), eol: Eol::Lf };
    // Running out of steering bytes ends the message where it stands.
    let _ = writer.message(0, &[]);
    writer.out
}

/// Levels of nesting written at the most: past the reader's own limits
/// (32 levels, and 8 of boundaries found again), within a small input.
const MAX_NESTING: usize = 40;

/// Bytes of a body encoded at the most; a larger one is left as it is.
const MAX_ENCODED: usize = 64 * 1024;

const LEAF_TYPES: &[&str] = &[
    "text/plain",
    "TEXT/Plain",
    "text/html",
    "text/rfc822-headers",
    "message/delivery-status",
    "message/global-delivery-status",
    "message/feedback-report",
    "message/rfc822-headers",
    "message/rfc822",
    "message/global",
    "application/octet-stream",
    "text",
    "/plain",
    "",
];

const MULTIPARTS: &[&str] =
    &["mixed", "alternative", "report", "digest", "related", "Alternative"];

const CHARSETS: &[&str] = &[
    "utf-8",
    "\"UTF-8\"",
    "iso-8859-1",
    "windows-1252",
    "iso-2022-jp",
    "shift_jis",
    "euc-kr",
    "utf-7",
    "unicode-1-1-utf-7",
    "utf-16",
    "x-unknown",
    "",
];

const TRANSFER_ENCODINGS: &[&str] = &[
    "base64",
    "BASE64",
    "quoted-printable",
    " Quoted-Printable (comment)",
    "7bit",
    "8bit",
    "binary",
    "x-uuencode",
];

/// Pieces of header values: encoded words whole, cut and odd.
const HEADER_WORDS: &[&str] = &[
    "Delivery Status Notification",
    "=?utf-8?B?UGVzYW4gdGlkYWsgdGVya2lyaW0=?=",
    "=?utf-8?B?eHB0bw?=",
    "=?iso-8859-1?Q?D=E9livr=E9?=",
    "=?utf-8*id?q?gagal_kirim?=",
    "=?iso-2022-jp?B?GyRCJVEhPCVrGyhC?=",
    "=?x-unknown?Q?=FF=FE?=",
    "=?utf-8?Q?",
    "=?",
    "?=",
    "=?u?Q?x?=",
    "=?utf-8?X?x?=",
    "(a comment)",
    "\"quoted; \\\" string\"",
    "<id@example.org>",
    "neko@example.org",
    "\t",
    "",
];

/// Pieces of bodies: a bounce's lines, and bytes that steer a decoder.
const BODY_PIECES: &[&[u8]] = &[
    b"Final-Recipient: rfc822; neko@example.org",
    b"Action: failed",
    b"Status: 5.1.1",
    b"Diagnostic-Code: smtp; 550 5.1.1 <neko@example.org>: User unknown",
    b"Reporting-MTA: dns; mx.example.org",
    b"From: MAILER-DAEMON@example.org",
    b"To: neko@example.org",
    b"Subject: =?utf-8?Q?Undelivered?=",
    b"<p>Undeliverable&nbsp;<br>&lt;neko@example.org&gt;</p>",
    b"--",
    b"--b",
    b"--b--",
    b"=3D=E9=",
    b"=",
    b"+AKM-",
    b"\x1b$B08@h\x1b(B",
    b"\x88\xb6\x90\xe6",
    b"\xff\xfe\x00",
    b"\r",
    b" \t",
    b"",
];

/// How lines end in the message being written.
#[derive(Clone, Copy)]
enum Eol {
    Lf,
    CrLf,
    /// Either, line by line.
    Mixed,
}

struct Writer<'a, 'u> {
    u: &'a mut Unstructured<'u>,
    out: Vec<u8>,
    eol: Eol,
}

impl Writer<'_, '_> {
    fn eol(&mut self) -> Result<()> {
        let crlf = match self.eol {
            Eol::Lf => false,
            Eol::CrLf => true,
            Eol::Mixed => self.u.arbitrary()?,
        };
        self.out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
        Ok(())
    }

    fn line(&mut self, text: &[u8]) -> Result<()> {
        self.out.extend_from_slice(text);
        self.eol()
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> Result<T> {
        self.u.choose(from).copied()
    }

    /// A message or body part: header fields, then its body, each level
    /// of multipart within boundaries `outer` and its own.
    fn message(&mut self, depth: usize, outer: &[Vec<u8>]) -> Result<()> {
        if depth == 0 {
            self.eol = self.pick(&[Eol::Lf, Eol::CrLf, Eol::Mixed])?;
        }
        for _ in 0..self.u.int_in_range(0..=3)? {
            self.field()?;
        }
        let multipart = depth < MAX_NESTING && self.u.ratio(2, 5)?;
        if multipart {
            return self.multipart(depth, outer);
        }
        let ctype = self.pick(LEAF_TYPES)?;
        let mut value = ctype.to_string();
        if self.u.arbitrary()? {
            let charset = self.pick(CHARSETS)?;
            match self.u.int_in_range(0..=2)? {
                0 => value.push_str(&format!("; charset={charset}")),
                1 => value.push_str(&format!("; charset*={charset}''%41")),
                _ => value.push_str(&format!("; charset*0={charset}")),
            }
        }
        if !ctype.is_empty() || self.u.arbitrary()? {
            self.header("Content-Type", value.as_bytes())?;
        }
        let encoding = match self.u.arbitrary()? {
            true => Some(self.pick(TRANSFER_ENCODINGS)?),
            false => None,
        };
        if let Some(encoding) = encoding {
            self.header("Content-Transfer-Encoding", encoding.as_bytes())?;
        }
        if self.u.ratio(1, 12)? {
            // A header block cut off by the end of its part.
            return Ok(());
        }
        self.eol()?;
        let body = if ctype.starts_with("message/rfc822")
            || ctype == "message/global"
        {
            let mut inner =
                Writer { u: &mut *self.u, out: Vec::new(), eol: self.eol };
            inner.message(depth + 1, outer)?;
            inner.out
        } else {
            self.text()?
        };
        let body = self.encoded(encoding, body)?;
        self.out.extend_from_slice(&body);
        Ok(())
    }

    /// A header field other than the MIME ones, its value of encoded
    /// words and text, folded or not.
    fn field(&mut self) -> Result<()> {
        let name =
            self.pick(&["Subject", "From", "X-Note", "To", " Subject"])?;
        let mut value = Vec::new();
        for _ in 0..self.u.int_in_range(1..=4)? {
            value.extend_from_slice(self.pick(HEADER_WORDS)?.as_bytes());
            match self.u.int_in_range(0..=3)? {
                0 => value.push(b' '),
                1 => value.extend_from_slice(b"\n "),
                2 => value.extend_from_slice(b"\r\n\t"),
                _ => {}
            }
        }
        self.header(name, &value)
    }

    fn header(&mut self, name: &str, value: &[u8]) -> Result<()> {
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b": ");
        self.line(value)
    }

    /// A multipart: its `Content-Type` with the boundary written one of
    /// several ways, a preamble, its children between delimiter lines,
    /// and a close delimiter or none.
    fn multipart(&mut self, depth: usize, outer: &[Vec<u8>]) -> Result<()> {
        let subtype = self.pick(MULTIPARTS)?;
        let boundary = self.boundary(outer)?;
        let mut value = format!("multipart/{subtype}").into_bytes();
        self.boundary_parameter(&mut value, &boundary)?;
        self.header("Content-Type", &value)?;
        self.eol()?;
        if self.u.arbitrary()? {
            let preamble = self.text()?;
            self.line(&preamble)?;
        }
        let mut inside = outer.to_vec();
        inside.push(boundary.clone());
        let mut delimiter = b"--".to_vec();
        delimiter.extend_from_slice(&boundary);
        for _ in 0..self.u.int_in_range(0..=4)? {
            if self.u.ratio(1, 10)? {
                self.out.extend_from_slice(b"  ");
            }
            self.out.extend_from_slice(&delimiter);
            if self.u.ratio(1, 10)? {
                self.out.extend_from_slice(b" \t");
            }
            self.eol()?;
            self.message(depth + 1, &inside)?;
            self.eol()?;
        }
        match self.u.int_in_range(0..=3)? {
            0 => {}
            1 => {
                // The close delimiter of an outer multipart instead.
                if let Some(other) = outer.last() {
                    self.out.extend_from_slice(b"--");
                    self.out.extend_from_slice(other);
                    self.line(b"--")?;
                }
            }
            _ => {
                self.out.extend_from_slice(&delimiter);
                self.line(b"--")?;
                if self.u.arbitrary()? {
                    let epilogue = self.text()?;
                    self.line(&epilogue)?;
                }
            }
        }
        Ok(())
    }

    /// A boundary: plain, an outer one or one that starts like it, long,
    /// with spaces or dashes, empty, or bytes of any kind.
    fn boundary(&mut self, outer: &[Vec<u8>]) -> Result<Vec<u8>> {
        let last = outer.last().cloned().unwrap_or_else(|| b"b".to_vec());
        Ok(match self.u.int_in_range(0..=8)? {
            0 => b"b".to_vec(),
            1 => last,
            2 => [&last[..], b"x"].concat(),
            3 => last[..last.len().saturating_sub(1)].to_vec(),
            4 => b"=_".repeat(self.u.int_in_range(1..=120)?),
            5 => b"----=_Part_1 2".to_vec(),
            6 => b"b--".to_vec(),
            7 => Vec::new(),
            _ => {
                let len = self.u.int_in_range(1..=8)?;
                self.u.bytes(len)?.to_vec()
            }
        })
    }

    /// The `boundary` parameter of `value`, one of several ways: as a
    /// token or quoted, in RFC 2231 sections in or out of order or as an
    /// extended value, lost on a line of its own, twice, or not at all.
    fn boundary_parameter(
        &mut self,
        value: &mut Vec<u8>,
        boundary: &[u8],
    ) -> Result<()> {
        let cut = self.u.int_in_range(0..=boundary.len())?;
        let (head, tail) = boundary.split_at(cut);
        let parts: &[&[u8]] = match self.u.int_in_range(0..=7)? {
            0 => &[b"; boundary=", boundary],
            1 => &[b";\n\tboundary=\"", boundary, b"\""],
            2 => &[b"; boundary*0=\"", head, b"\"; boundary*1=\"", tail, b"\""],
            3 => &[b"; boundary*1=", tail, b";\r\n boundary*0=", head],
            4 => &[b"; boundary*=us-ascii'en'", boundary],
            5 => &[b";\nboundary=\"", boundary, b"\""],
            6 => &[b"; boundary=x; Boundary=\"", boundary, b"\" (comment)"],
            _ => &[b"; report-type=delivery-status"],
        };
        parts.iter().for_each(|p| value.extend_from_slice(p));
        Ok(())
    }

    /// A body's text: lines of bounce pieces, and now and then a long
    /// line.
    fn text(&mut self) -> Result<Vec<u8>> {
        let mut text = Vec::new();
        for _ in 0..self.u.int_in_range(0..=6)? {
            text.extend_from_slice(self.pick(BODY_PIECES)?);
            match self.u.int_in_range(0..=5)? {
                0 => text.push(b' '),
                1 => {
                    let byte = self.u.arbitrary::<u8>()?;
                    let len = self.u.int_in_range(100..=5_000)?;
                    text.extend(std::iter::repeat_n(byte, len));
                }
                2 => text.extend_from_slice(b"\r\n"),
                _ => text.push(b'\n'),
            }
        }
        Ok(text)
    }

    /// `body` in the transfer encoding named, or as it is.
    fn encoded(
        &mut self,
        encoding: Option<&str>,
        body: Vec<u8>,
    ) -> Result<Vec<u8>> {
        let encoding = encoding.unwrap_or_default().trim().to_lowercase();
        let wrap = self.u.int_in_range(1..=100)?;
        // Encoded again at each level of attached messages, a body
        // would grow by a third or threefold a level.
        if body.len() > MAX_ENCODED {
            return Ok(body);
        }
        Ok(if encoding == "base64" {
            base64(&body, wrap)
        } else if encoding.starts_with("quoted-printable") {
            quoted_printable(&body, wrap)
        } else {
            body
        })
    }
}

/// Base64 in lines of `wrap` groups of four.
fn base64(bytes: &[u8], wrap: usize) -> Vec<u8> {
    const ALPHABET: &[u8; 64] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(bytes.len() * 4 / 3 + 4);
    for (n, chunk) in bytes.chunks(3).enumerate() {
        if n > 0 && n % wrap == 0 {
            out.push(b'\n');
        }
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let bits = u32::from_be_bytes([0, b[0], b[1], b[2]]);
        for i in 0..4 {
            let value = (bits >> (18 - 6 * i)) & 63;
            out.push(if i <= chunk.len() {
                ALPHABET[value as usize]
            } else {
                b'='
            });
        }
    }
    out
}

/// Quoted-printable with a soft line break every `wrap` bytes.
fn quoted_printable(bytes: &[u8], wrap: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 3);
    for (n, &b) in bytes.iter().enumerate() {
        if n > 0 && n % wrap == 0 {
            out.extend_from_slice(b"=\n");
        }
        match b {
            b'\n' | b' ' | b'!'..=b'<' | b'>'..=b'~' => out.push(b),
            _ => out.extend_from_slice(format!("={b:02X}").as_bytes()),
        }
    }
    out
}
