// SPDX-License-Identifier: MIT
//! Charsets that the WebAssembly build leaves to its host.
//!
//! Natively, `mail-parser` decodes every charset itself, the multi-byte
//! ones (Shift_JIS, ISO-2022-JP, EUC-KR, GBK, Big5, …) through
//! `encoding_rs`. Their tables would make up a large share of the page's
//! download, so the WebAssembly is built without them, and its host, a
//! browser or Node, decodes those charsets with `TextDecoder`, which
//! implements the same WHATWG Encoding Standard as `encoding_rs`. The
//! results are the same as the native build's (`tests/charsets.rs`, and
//! `tests/npm/charsets.test.mjs` under Node).
//!
//! Nothing changes until a host decoder is set with
//! [`set_host_decoder`]; the WebAssembly boundary sets one.

use std::sync::OnceLock;

/// Decodes `bytes` in the WHATWG encoding named `encoding` (replacing
/// what is malformed, with no BOM sniffing); `None` if it cannot.
pub type HostDecoder = fn(encoding: &str, bytes: &[u8]) -> Option<String>;

static HOST: OnceLock<HostDecoder> = OnceLock::new();

/// Sets the host's decoder, once; later calls change nothing.
pub fn set_host_decoder(decoder: HostDecoder) {
    let _ = HOST.set(decoder);
}

/// True if and only if a host decoder is set.
pub fn has_host_decoder() -> bool {
    HOST.get().is_some()
}

/// The WHATWG encoding that a charset label names, for the labels that
/// `mail-parser` decodes with `encoding_rs` alone (its multi-byte
/// decoders); `None` for any other label. Labels are matched as
/// `mail-parser` matches them: ASCII case and `-`/`_` ignored.
///
/// ```
/// use pantul::charset::host_encoding;
/// assert_eq!(host_encoding("ISO-2022-JP"), Some("iso-2022-jp"));
/// assert_eq!(host_encoding("ks_c_5601-1987"), Some("euc-kr"));
/// assert_eq!(host_encoding("iso-8859-1"), None);
/// ```
pub fn host_encoding(label: &str) -> Option<&'static str> {
    let key: String = label
        .trim()
        .chars()
        .take(45)
        .map(|c| if c == '-' { '_' } else { c.to_ascii_lowercase() })
        .collect();
    LABELS.iter().find(|(l, _)| *l == key).map(|&(_, e)| e)
}

/// `mail-parser`'s labels of its multi-byte decoders (its
/// `decoders/charsets/map.rs`) and the WHATWG encoding of each.
const LABELS: &[(&str, &str)] = &[
    ("866", "ibm866"),
    ("big5", "big5"),
    ("big5_hkscs", "big5"),
    ("chinese", "gbk"),
    ("cn_big5", "big5"),
    ("cp866", "ibm866"),
    ("cp936", "gbk"),
    ("csbig5", "big5"),
    ("cseuckr", "euc-kr"),
    ("cseucpkdfmtjapanese", "euc-jp"),
    ("csgb18030", "gb18030"),
    ("csgb2312", "gbk"),
    ("csgbk", "gbk"),
    ("csibm866", "ibm866"),
    ("csiso2022jp", "iso-2022-jp"),
    ("csiso2022kr", "replacement"),
    ("csiso58gb231280", "gbk"),
    ("csksc56011987", "euc-kr"),
    ("csshiftjis", "shift_jis"),
    ("cswindows874", "windows-874"),
    ("dos_874", "windows-874"),
    ("euc_jp", "euc-jp"),
    ("euc_kr", "euc-kr"),
    ("extended_unix_code_packed_format_for_japanese", "euc-jp"),
    ("gb18030", "gb18030"),
    ("gb2312", "gb18030"),
    ("gb_2312", "gbk"),
    ("gb_2312_80", "gbk"),
    ("gbk", "gbk"),
    ("hz_gb_2312", "replacement"),
    ("ibm866", "ibm866"),
    ("iso_2022_cn", "replacement"),
    ("iso_2022_cn_ext", "replacement"),
    ("iso_2022_jp", "iso-2022-jp"),
    ("iso_2022_kr", "replacement"),
    ("iso_ir_149", "euc-kr"),
    ("iso_ir_58", "gbk"),
    ("korean", "euc-kr"),
    ("ks_c_5601_1987", "euc-kr"),
    ("ks_c_5601_1989", "euc-kr"),
    ("ksc5601", "euc-kr"),
    ("ksc_5601", "euc-kr"),
    ("ms932", "shift_jis"),
    ("ms936", "gbk"),
    ("ms_kanji", "shift_jis"),
    ("replacement", "replacement"),
    ("shift_jis", "shift_jis"),
    ("sjis", "shift_jis"),
    ("windows_31j", "shift_jis"),
    ("windows_874", "windows-874"),
    ("windows_936", "gbk"),
    ("windows_949", "euc-kr"),
    ("x_euc_jp", "euc-jp"),
    ("x_gbk", "gbk"),
    ("x_mac_cyrillic", "x-mac-cyrillic"),
    ("x_mac_ukrainian", "x-mac-cyrillic"),
    ("x_sjis", "shift_jis"),
    ("x_user_defined", "x-user-defined"),
    ("x_x_big5", "big5"),
];

/// `bytes` in the charset `label`, decoded by the host; `None` when the
/// label is not one left to the host or no host decoder is set.
///
/// As `encoding_rs` does for `mail-parser`, a byte order mark wins over
/// the label, and the replacement encoding gives one U+FFFD for any
/// input.
pub fn decode(label: &str, bytes: &[u8]) -> Option<String> {
    let encoding = host_encoding(label)?;
    let host = HOST.get()?;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Some(String::from_utf8_lossy(rest).into_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return host("utf-16le", rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return host("utf-16be", rest);
    }
    if encoding == "replacement" {
        let none = bytes.is_empty();
        return Some(if none { String::new() } else { "\u{FFFD}".into() });
    }
    host(encoding, bytes)
}

/// A raw header value with its RFC 2047 encoded words decoded, when one
/// of them is in a charset left to the host; `None` otherwise (the
/// value `mail-parser` gave stands).
///
/// The value is put together as `mail-parser` puts an unstructured
/// value together: the text of each line trimmed, the pieces joined by
/// one space, except between two adjacent encoded words.
pub fn decode_words(raw: &str) -> Option<String> {
    if !has_host_decoder() || !raw.contains("=?") {
        return None;
    }
    let mut value = Value::default();
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                value.end_text(raw);
                let folded = matches!(bytes.get(i + 1), Some(b' ' | b'\t'));
                if !folded {
                    break;
                }
            }
            b' ' | b'\t' | b'\r' => {}
            b'=' if bytes.get(i + 1) == Some(&b'?') => {
                if let Some((word, len)) = encoded_word(&raw[i..]) {
                    value.end_text(raw);
                    value.push_word(word);
                    i += len;
                    continue;
                }
                value.extend_text(i);
            }
            _ => value.extend_text(i),
        }
        i += 1;
    }
    value.end_text(raw);
    value.by_host.then_some(value.out)
}

/// A header value being put together.
struct Value {
    out: String,
    /// True once anything was added.
    started: bool,
    /// True if and only if the last piece was an encoded word (and at
    /// the start, so that no space leads).
    after_word: bool,
    /// The byte range of the text piece being read.
    text: Option<(usize, usize)>,
    /// True if and only if the host decoded a word.
    by_host: bool,
}

impl Default for Value {
    fn default() -> Value {
        Value {
            out: String::new(),
            started: false,
            after_word: true,
            text: None,
            by_host: false,
        }
    }
}

impl Value {
    fn extend_text(&mut self, at: usize) {
        let start = self.text.map_or(at, |(s, _)| s);
        self.text = Some((start, at + 1));
    }

    fn end_text(&mut self, raw: &str) {
        let Some((start, end)) = self.text.take() else { return };
        if self.started {
            self.out.push(' ');
        }
        self.out.push_str(raw.get(start..end).unwrap_or(""));
        self.started = true;
        self.after_word = false;
    }

    fn push_word(&mut self, word: Word) {
        if !self.after_word {
            self.out.push(' ');
        }
        self.out.push_str(&word.text);
        self.by_host |= word.by_host;
        self.started = true;
        self.after_word = true;
    }
}

/// One decoded encoded word.
struct Word {
    text: String,
    by_host: bool,
}

/// The encoded word `=?charset?B|Q?data?=` at the start of `text`, and
/// its length.
fn encoded_word(text: &str) -> Option<(Word, usize)> {
    let inner = text.strip_prefix("=?")?;
    let (charset, rest) = inner.split_once('?')?;
    let (kind, rest) = rest.split_once('?')?;
    let end = rest.find("?=")?;
    let data = &rest[..end];
    if charset.is_empty() || data.contains(char::is_whitespace) {
        return None;
    }
    let charset = charset.split('*').next().unwrap_or(charset);
    let bytes: Vec<u8> = match kind {
        "B" | "b" => {
            mail_parser::decoders::base64::base64_decode(data.as_bytes())?
        }
        "Q" | "q" => q_decode(data)?,
        _ => return None,
    };
    let len = 2 + inner.len() - rest.len() + end + 2;
    let word = match decode(charset, &bytes) {
        Some(text) => Word { text, by_host: true },
        None => Word { text: decode_known(charset, &bytes), by_host: false },
    };
    Some((word, len))
}

/// `bytes` in a charset that `mail-parser` decodes itself.
fn decode_known(charset: &str, bytes: &[u8]) -> String {
    match mail_parser::decoders::charsets::map::charset_decoder(
        charset.as_bytes(),
    ) {
        Some(decoder) => decoder(bytes),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The "Q" encoding of RFC 2047 §4.2: `_` is a space, `=XX` a byte.
fn q_decode(data: &str) -> Option<Vec<u8>> {
    let b = data.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'_' => out.push(b' '),
            b'=' => {
                let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_encodings_left_to_the_host() {
        assert_eq!(host_encoding("Shift_JIS"), Some("shift_jis"));
        assert_eq!(host_encoding("x-sjis"), Some("shift_jis"));
        assert_eq!(host_encoding("EUC-KR"), Some("euc-kr"));
        assert_eq!(host_encoding("utf-8"), None);
        assert_eq!(host_encoding("windows-1252"), None);
    }

    #[test]
    fn q_words() {
        assert_eq!(q_decode("a_b=3Dc").as_deref(), Some(&b"a b=c"[..]));
        assert_eq!(q_decode("bad=4"), None);
    }

    #[test]
    fn no_host_no_change() {
        if !has_host_decoder() {
            assert_eq!(decode("shift_jis", b"\x83n"), None);
            assert_eq!(decode_words("=?shift_jis?B?g24=?="), None);
        }
    }
}
