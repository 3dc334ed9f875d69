// SPDX-License-Identifier: MIT
//! Charsets: text in the charset a MIME part or an encoded word names,
//! as Unicode.
//!
//! UTF-8, US-ASCII and Latin-1 (which the WHATWG Encoding Standard
//! reads as windows-1252, as mail clients do) are decoded here, and so
//! is UTF-7, which that standard leaves out. Every other charset is
//! decoded natively by `encoding_rs`; the WebAssembly build carries no
//! charset tables and has its host, a browser or Node, decode them with
//! `TextDecoder`, which implements the same standard. The results are
//! the same (`tests/charsets.rs`, and `tests/npm/charsets.test.mjs`
//! under Node).
//!
//! A host decoder is set with [`set_host_decoder`]; the WebAssembly
//! boundary sets one. Once set, it is asked natively too.

use std::borrow::Cow;
use std::sync::OnceLock;

pub use crate::mime::unstructured;

/// Decodes `bytes` in the WHATWG encoding labelled `label` (replacing
/// what is malformed, with no BOM sniffing); `None` if it cannot.
pub type HostDecoder = fn(label: &str, bytes: &[u8]) -> Option<String>;

static HOST: OnceLock<HostDecoder> = OnceLock::new();

/// Sets the host's decoder, once; later calls change nothing.
pub fn set_host_decoder(decoder: HostDecoder) {
    let _ = HOST.set(decoder);
}

/// True if and only if a host decoder is set.
pub fn has_host_decoder() -> bool {
    HOST.get().is_some()
}

/// The charsets decoded here rather than by a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Own {
    Utf8,
    Windows1252,
    Utf7,
}

/// Labels of [`Own`] charsets, compared after ASCII lowercasing with
/// `_` read as `-`.
const OWN: &[(&str, Own)] = &[
    ("utf-8", Own::Utf8),
    ("utf8", Own::Utf8),
    ("unicode-1-1-utf-8", Own::Utf8),
    ("unicode11utf8", Own::Utf8),
    ("unicode20utf8", Own::Utf8),
    ("x-unicode20utf8", Own::Utf8),
    ("us-ascii", Own::Windows1252),
    ("ascii", Own::Windows1252),
    ("ansi-x3.4-1968", Own::Windows1252),
    ("iso-8859-1", Own::Windows1252),
    ("iso8859-1", Own::Windows1252),
    ("iso88591", Own::Windows1252),
    ("iso-8859-1:1987", Own::Windows1252),
    ("iso-ir-100", Own::Windows1252),
    ("latin1", Own::Windows1252),
    ("l1", Own::Windows1252),
    ("csisolatin1", Own::Windows1252),
    ("cp819", Own::Windows1252),
    ("ibm819", Own::Windows1252),
    ("cp1252", Own::Windows1252),
    ("windows-1252", Own::Windows1252),
    ("x-cp1252", Own::Windows1252),
    ("utf-7", Own::Utf7),
    ("utf7", Own::Utf7),
    ("x-utf-7", Own::Utf7),
    // Exchange's name for UTF-7.
    ("unicode-1-1-utf-7", Own::Utf7),
];

/// Labels that mail software uses and the WHATWG standard does not
/// know, with the label it knows for the same charset.
const ALIASES: &[(&str, &str)] = &[
    ("unicode", "utf-16"),
    ("unicodefeff", "utf-16"),
    ("unicodefffe", "utf-16be"),
];

/// `bytes` in the charset labelled `label`; `None` when the label is
/// not known (the caller reads the bytes as UTF-8 then).
///
/// ```
/// use pantul::charset::decode;
/// assert_eq!(decode("ISO-8859-1", b"caf\xe9").as_deref(), Some("café"));
/// assert_eq!(decode("utf-7", b"1 +AKM-").as_deref(), Some("1 £"));
/// assert_eq!(decode("no-such-charset", b"x"), None);
/// ```
pub fn decode(label: &str, bytes: &[u8]) -> Option<String> {
    let key = label_key(label)?;
    match OWN.iter().find(|(l, _)| *l == key).map(|&(_, o)| o) {
        Some(Own::Utf8) => Some(utf8(bytes)),
        Some(Own::Windows1252) => Some(windows_1252(bytes)),
        Some(Own::Utf7) => Some(utf7(bytes)),
        None => by_table(label, &key, bytes),
    }
}

/// `bytes` as text: in the charset labelled `label` as [`decode`]
/// reads it, else (no label, or one not known) as UTF-8. Bytes already
/// owned that are text as they are (UTF-8, or ASCII in a Latin-1 label)
/// become the text without a copy.
pub(crate) fn text(label: Option<&str>, bytes: Cow<'_, [u8]>) -> String {
    let own = label
        .and_then(label_key)
        .and_then(|key| OWN.iter().find(|(l, _)| *l == key).map(|&(_, o)| o));
    let as_is = match own {
        Some(Own::Utf8) => true,
        Some(Own::Windows1252) => bytes.is_ascii(),
        _ => false,
    };
    let decoded = match label {
        Some(label) if !as_is => decode(label, &bytes),
        _ => None,
    };
    decoded.unwrap_or_else(|| match bytes {
        Cow::Owned(bytes) => String::from_utf8(bytes).unwrap_or_else(|e| {
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }),
        Cow::Borrowed(bytes) => utf8(bytes),
    })
}

/// The label in lowercase with `_` read as `-`; `None` if it is empty
/// or too long to be a label.
fn label_key(label: &str) -> Option<String> {
    let label = label.trim();
    if label.is_empty() || label.len() > 45 {
        return None;
    }
    Some(
        label
            .chars()
            .map(|c| if c == '_' { '-' } else { c.to_ascii_lowercase() })
            .collect(),
    )
}

/// Bytes read as UTF-8, each malformed sequence replaced.
pub fn utf8(bytes: &[u8]) -> String {
    lossy(bytes).into_owned()
}

/// Bytes read as UTF-8, each malformed sequence replaced, borrowed when
/// they are well-formed (checked first: the check is faster than the
/// replacing reader).
pub(crate) fn lossy(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Text without a charset label (a pasted or saved fragment) read as
/// UTF-8 when it is, else as windows-1252 when none of it is UTF-8 beyond
/// ASCII: what an old Windows editor or a Latin-1 export saves, whose
/// `jo\xE3o@example.org` would otherwise lose its start to U+FFFD.
/// Text that is UTF-8 with a few malformed sequences keeps them replaced.
///
/// ```text
/// b"jo\xE3o@example.org"          -> "joão@example.org"
/// b"jo\xC3\xA3o \xFF@example.org"  -> "joão \u{FFFD}@example.org"
/// ```
pub(crate) fn unlabelled(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(text);
    }
    let some_utf8 = bytes.utf8_chunks().any(|c| !c.valid().is_ascii());
    if some_utf8 {
        String::from_utf8_lossy(bytes)
    } else {
        Cow::Owned(windows_1252(bytes))
    }
}

/// Labels of the WHATWG "replacement" encoding, which stands for
/// charsets that browsers refuse to read: any text in them is one
/// U+FFFD (`TextDecoder` refuses the labels themselves).
const REPLACEMENT: &[&str] = &[
    "csiso2022kr",
    "hz-gb-2312",
    "iso-2022-cn",
    "iso-2022-cn-ext",
    "iso-2022-kr",
    "replacement",
];

/// `bytes` in a charset left to a table: the host's, when one is set,
/// else `encoding_rs`'s (natively). A byte order mark wins over the
/// label.
fn by_table(label: &str, key: &str, bytes: &[u8]) -> Option<String> {
    if REPLACEMENT.contains(&key) {
        let none = bytes.is_empty();
        return Some(if none { String::new() } else { "\u{FFFD}".into() });
    }
    let alias = ALIASES.iter().find(|(a, _)| *a == key);
    let label = match alias {
        Some(&(_, known)) => known.to_string(),
        None => spelling(label, key)?,
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Some(utf8(rest));
    }
    match bytes {
        [0xFF, 0xFE, rest @ ..] => table("utf-16le", rest),
        [0xFE, 0xFF, rest @ ..] => table("utf-16be", rest),
        _ => table(&label, bytes),
    }
}

/// The spelling of a label that a table knows, if any: as written, or
/// with `-` and `_` read alike, as mail software does (the WHATWG
/// labels write some names with `_`: `shift_jis`, `ks_c_5601-1987`).
fn spelling(label: &str, key: &str) -> Option<String> {
    let underscores = key.replace('-', "_");
    let all_but_last = match key.rsplit_once('-') {
        Some((head, tail)) => format!("{}-{tail}", head.replace('-', "_")),
        None => key.to_string(),
    };
    let written = label.trim().to_ascii_lowercase();
    [written, key.to_string(), underscores, all_but_last]
        .into_iter()
        .find(|l| table(l, b"").is_some())
}

/// `bytes` in the charset `label` by the host's table, when one is set,
/// else by `encoding_rs`'s.
fn table(label: &str, bytes: &[u8]) -> Option<String> {
    match HOST.get() {
        Some(host) => host(label, bytes),
        None => native(label, bytes),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn native(label: &str, bytes: &[u8]) -> Option<String> {
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())?;
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Some(text.into_owned())
}

#[cfg(target_arch = "wasm32")]
fn native(_label: &str, _bytes: &[u8]) -> Option<String> {
    None
}

/// windows-1252's characters for the bytes 0x80 to 0x9F (the WHATWG
/// table: the five bytes it leaves undefined stand for themselves).
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}',
    '\u{2020}', '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}',
    '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}',
    '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2DC}',
    '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
    '\u{178}',
];

/// Bytes in windows-1252 (what US-ASCII and ISO-8859-1 labels mean).
fn windows_1252(bytes: &[u8]) -> String {
    if bytes.is_ascii() {
        return utf8(bytes);
    }
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Bytes in UTF-7 (RFC 2152): `+` opens a run of modified base64 of
/// UTF-16 code units, which any other character closes; a `-` that
/// closes it is dropped, and `+-` is a plus sign.
fn utf7(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut units: Vec<u16> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if b != b'+' {
            out.push(if b.is_ascii() { char::from(b) } else { '\u{FFFD}' });
            continue;
        }
        if bytes.get(i) == Some(&b'-') {
            out.push('+');
            i += 1;
            continue;
        }
        let (mut bits, mut count) = (0u32, 0u32);
        units.clear();
        while let Some(v) = bytes.get(i).and_then(|&c| base64_value(c)) {
            bits = (bits << 6) | u32::from(v);
            count += 6;
            if count >= 16 {
                count -= 16;
                units.push((bits >> count) as u16);
                bits &= (1 << count) - 1;
            }
            i += 1;
        }
        out.extend(
            char::decode_utf16(units.iter().copied())
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)),
        );
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
    }
    out
}

/// The value of a base64 digit (RFC 4648 §4).
pub(crate) fn base64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_read_as_windows_1252() {
        assert_eq!(decode("us-ascii", b"\x80 \xe9").unwrap(), "€ é");
        assert_eq!(decode("Latin1", b"\x81").unwrap(), "\u{81}");
    }

    #[test]
    fn unlabelled_text_without_utf8_is_windows_1252() {
        assert_eq!(unlabelled(b"jo\xE3o@example.org"), "joão@example.org");
        assert_eq!(unlabelled(b"\x93ok\x94"), "\u{201C}ok\u{201D}");
        assert_eq!(
            unlabelled(b"jo\xC3\xA3o \xFF@example.org"),
            "joão \u{FFFD}@example.org"
        );
        assert!(matches!(unlabelled(b"plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn utf7_runs() {
        assert_eq!(decode("utf-7", b"a+-b").unwrap(), "a+b");
        assert_eq!(decode("UTF-7", b"+ZeVnLIqe-.").unwrap(), "日本語.");
        assert_eq!(decode("utf-7", b"+AKM").unwrap(), "£");
        assert_eq!(decode("utf-7", b"+2D3").unwrap(), "\u{FFFD}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn labels_as_mail_software_writes_them() {
        assert_eq!(decode("ks_c_5601-1987", b"\xbe\xc8").unwrap(), "안");
        assert_eq!(decode("KS-C-5601-1987", b"\xbe\xc8").unwrap(), "안");
        assert_eq!(decode("shift-jis", b"\x83n").unwrap(), "ハ");
        assert_eq!(decode("Unicode", b"\xff\xfeA\x00").unwrap(), "A");
        assert_eq!(decode("iso-2022-kr", b"x").unwrap(), "\u{FFFD}");
    }

    #[test]
    fn unknown_labels() {
        assert_eq!(decode("", b"x"), None);
        assert_eq!(decode(&"x".repeat(50), b"x"), None);
    }
}
