// SPDX-License-Identifier: MIT
//! Compact JSON, written byte for byte as `serde_json::to_writer` writes
//! it, but with strings copied in runs of eight bytes: a report is
//! mostly long texts (advice, the ticket reply) with nothing to escape,
//! which `serde_json` looks at one byte at a time (its escaping was the
//! largest single cost of a short notice's JSON line under callgrind).
//!
//! What a report never holds (floating-point numbers, characters, bytes)
//! is handed to `serde_json` as it is, so that the output stays the same
//! for any value.

use std::fmt::{self, Display};

use serde::ser::{self, Serialize};

/// Appends the compact JSON of `value` to `out`.
///
/// ```
/// let mut out = Vec::new();
/// pantul::json::write(&("tab\there", Some(7u16), [true]), &mut out).unwrap();
/// assert_eq!(out, br#"["tab\there",7,[true]]"#);
/// ```
pub fn write<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    value.serialize(&mut Writer { out })
}

/// Why a value could not be written (a map key that is not a string or
/// a number, or an error of the value's own `Serialize`).
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

/// The bytes that stand for a byte of a string that needs an escape:
/// `"`, `\`, the short escapes, and `u` for `\u00XX`; zero for none.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Eight bytes of `0x01`.
const ONES: u64 = u64::from_ne_bytes([1; 8]);
/// Eight bytes of `0x80`.
const HIGHS: u64 = ONES << 7;

/// Bytes looked at together for an escape.
const BLOCK: usize = 32;

/// Not zero if any of the eight bytes of `w` needs an escape: one below
/// `0x20`, a `"` or a `\`. Each test is exact about whether any byte
/// holds and about the lowest that does (a borrow runs only upward from
/// a byte that holds), not about the bytes above it: the lowest bit set
/// is the high bit of the first byte to escape.
fn escapes(w: u64) -> u64 {
    let below = |n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v;
    (below(0x20) | zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * 0x5c)))
        & HIGHS
}

/// The eight bytes at the start of `bytes` (at least that many), the
/// first the lowest.
fn word(bytes: &[u8]) -> u64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}

/// True if a byte of `block` needs an escape.
fn dirty(block: &[u8]) -> bool {
    dirty_words(block.chunks_exact(8))
}

/// True if a byte of `bytes` needs an escape: eight at a time, then
/// the last few one by one.
fn needs_escape(bytes: &[u8]) -> bool {
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    dirty_words(words) || tail.iter().any(|&b| ESCAPE[usize::from(b)] != 0)
}

/// True if a byte of the eight-byte `words` needs an escape.
fn dirty_words(words: std::slice::ChunksExact<'_, u8>) -> bool {
    words.fold(0, |any, w| any | escapes(word(w))) != 0
}

/// Appends `text` as a JSON string: blocks and words without a byte to
/// escape are passed over and copied with what follows them; in a word
/// that holds one, the first such byte is found from the word's test
/// ([`escapes`]), and only the last few bytes are looked at one by one.
pub(crate) fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(block) = bytes.get(at..at + BLOCK) {
            if !dirty(block) {
                at += BLOCK;
                continue;
            }
        }
        let escape_at = match bytes.get(at..at + 8) {
            Some(w) => match escapes(word(w)) {
                0 => {
                    at += 8;
                    continue;
                }
                // The lowest byte flagged is one to escape.
                found => at + (found.trailing_zeros() / 8) as usize,
            },
            None => match bytes[at..]
                .iter()
                .position(|&b| ESCAPE[usize::from(b)] != 0)
            {
                Some(n) => at + n,
                None => break,
            },
        };
        let b = bytes[escape_at];
        out.extend_from_slice(&bytes[start..escape_at]);
        at = escape_at + 1;
        start = at;
        let escape = ESCAPE[usize::from(b)];
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let hex = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]];
            out.extend_from_slice(b"\\u00");
            out.extend_from_slice(&hex);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Appends the decimal digits of `n`.
fn unsigned(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

fn signed(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    unsigned(out, n.unsigned_abs());
}

/// What `serde_json` writes for a value this writer leaves to it.
fn by_serde_json<T: Serialize>(
    out: &mut Vec<u8>,
    value: T,
) -> Result<(), Error> {
    serde_json::to_writer(out, &value).map_err(|e| Error(e.to_string()))
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

/// An array or object being written: whether a comma goes before the
/// next element, and what closes it (`]`, `}`, or `}}` for a variant's
/// contents inside its `{"name":…}`).
struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    first: bool,
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
    }

    fn key(&mut self, key: &str) {
        self.comma();
        let out = &mut *self.writer.out;
        // A field's name needs no escape as a rule: it goes out whole,
        // without the search of `string` for a byte to escape.
        if !needs_escape(key.as_bytes()) {
            out.reserve(key.len() + 3);
            out.push(b'"');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\":");
        } else {
            string(out, key);
            out.push(b':');
        }
    }

    fn element<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<(), Error> {
        self.key(key);
        value.serialize(&mut *self.writer)
    }

    fn close(self) -> Result<(), Error> {
        self.writer.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl<'w, 'a> Writer<'a> {
    fn open(
        &'w mut self,
        open: &[u8],
        close: &'static [u8],
    ) -> Compound<'w, 'a> {
        self.out.extend_from_slice(open);
        Compound { writer: self, first: true, close }
    }

    /// `{"variant":` before a variant's contents.
    fn variant(&mut self, variant: &str) {
        self.out.push(b'{');
        string(self.out, variant);
        self.out.push(b':');
    }
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        let text: &[u8] = if v { b"true" } else { b"false" };
        self.out.extend_from_slice(text);
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        signed(self.out, v);
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        by_serde_json(self.out, v)
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        unsigned(self.out, v);
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        by_serde_json(self.out, v)
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        by_serde_json(self.out, v)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        by_serde_json(self.out, v)
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        string(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        by_serde_json(self.out, v)
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        v.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.variant(variant);
        v.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(
        self,
        _: Option<usize>,
    ) -> Result<Self::SerializeSeq, Error> {
        Ok(self.open(b"[", b"]"))
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Ok(self.open(b"[", b"]"))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Ok(self.open(b"[", b"]"))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        self.variant(variant);
        Ok(self.open(b"[", b"]}"))
    }

    fn serialize_map(
        self,
        _: Option<usize>,
    ) -> Result<Self::SerializeMap, Error> {
        Ok(self.open(b"{", b"}"))
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Ok(self.open(b"{", b"}"))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        self.variant(variant);
        Ok(self.open(b"{", b"}}"))
    }
}

/// The four kinds of list `serde` tells apart are one JSON array here:
/// each value is an element, the end closes the array.
macro_rules! elements {
    ($($kind:ident :: $method:ident),*) => {$(
        impl ser::$kind for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: Serialize + ?Sized>(
                &mut self,
                v: &T,
            ) -> Result<(), Error> {
                self.element(v)
            }

            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(
        &mut self,
        key: &T,
    ) -> Result<(), Error> {
        // A key is a string; `serde_json` writes the keys it accepts
        // that are not (numbers, `true`) as strings too.
        let mut text = Vec::new();
        serde_json::to_writer(&mut text, &MapKey(key))
            .map_err(|e| Error(e.to_string()))?;
        let key =
            text.strip_prefix(b"{").and_then(|t| t.strip_suffix(b":null}"));
        self.comma();
        self.writer.out.extend_from_slice(key.unwrap_or_default());
        self.writer.out.push(b':');
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(
        &mut self,
        v: &T,
    ) -> Result<(), Error> {
        v.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// A map key, written by `serde_json` as the key of a one-entry map
/// (`{key:null}`, of which the writer keeps the key).
struct MapKey<'k, T: ?Sized>(&'k T);

impl<T: Serialize + ?Sized> Serialize for MapKey<'_, T> {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(std::iter::once((self.0, ())))
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.field(key, v)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.field(key, v)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both<T: Serialize>(value: &T) {
        let mut ours = Vec::new();
        write(value, &mut ours).unwrap();
        let theirs = serde_json::to_vec(value).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut every: String = (0u8..0x80).map(char::from).collect();
        every.push_str("é\u{202e}\u{7f}\u{9b} ünïcödé ");
        both(&every);
        for n in 0..every.len() {
            if let Some(part) = every.get(n..) {
                both(&part);
                both(&part.repeat(3));
            }
        }
        both(&"");
        both(&"\"");
        both(&"abcdefg\\");
        both(&"abcdefgh\n");
    }

    #[test]
    fn other_values_are_written_as_serde_json_writes_them() {
        both(&(1u8, -2i32, u64::MAX, i64::MIN, 0u16, 1.5f64, 'x', true));
        both(&(None::<u8>, Some("a"), (), vec![Vec::<u8>::new()]));
        let map: std::collections::BTreeMap<u32, &str> =
            [(1, "one"), (2, "two")].into_iter().collect();
        both(&map);
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, String),
            Struct { a: u8, b: Option<bool> },
        }
        both(&[E::Unit, E::New(1), E::Tuple(2, "t".into())]);
        both(&E::Struct { a: 3, b: None });
    }

    /// A value that serde collects as a string, in pieces that need
    /// escapes and pieces that do not.
    struct Pieces;

    impl Serialize for Pieces {
        fn serialize<S: ser::Serializer>(
            &self,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            s.collect_str(self)
        }
    }

    impl Display for Pieces {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let (n, quoted, c) = (7, "a\\b\u{1}é", 'x');
            write!(f, "5.{n}.1 \"{quoted}\"\t{c:>4}")
        }
    }

    #[test]
    fn collected_strings_are_escaped_as_serde_json_escapes_them() {
        both(&Pieces);
        both(&crate::grammar::status::Status::new(5, 7, 1));
    }

    #[test]
    fn reports_are_written_as_serde_json_writes_them() {
        let texts = [
            "<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 \
             5.1.1 User \"unknown\"\t\u{1b}[31m (in reply to RCPT TO command)\n",
            "From: MAILER-DAEMON@example.org\nSubject: x\n\nnothing here\n",
        ];
        for text in texts {
            for lang in [crate::Lang::Id, crate::Lang::En] {
                let options = crate::Options { lang, ..Default::default() };
                both(&crate::decode(text.as_bytes(), &options).unwrap());
            }
        }
    }
}
