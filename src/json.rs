// SPDX-License-Identifier: MIT
//! The report's JSON, written by hand: the bytes `serde_json` writes for
//! the same values (compact, or pretty with two-space indents), without
//! serde's machinery. The page's module then carries no JSON serializer,
//! and a report's long texts (advice, the ticket reply), which rarely
//! hold anything to escape, are copied in runs of eight bytes.
//!
//! Each type of the report says how it is written ([`WriteJson`], in
//! [`report`] and [`catalog`]); `tests/json.rs` compares the result with
//! `serde_json` over the corpus, every fixture and the catalog.

mod catalog;
mod report;

pub use report::kind_name;

/// A value with a JSON form.
pub trait WriteJson {
    /// Writes the value at the writer's place.
    fn write_json(&self, json: &mut Json<'_>);
}

/// The compact JSON of `value`, as `serde_json::to_string` writes it.
///
/// ```
/// use pantul::json::to_string;
/// assert_eq!(to_string(&("tab\there", Some(7u16), [true])), r#"["tab\there",7,[true]]"#);
/// ```
pub fn to_string<T: WriteJson + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    write(value, &mut out);
    text(out)
}

/// The indented JSON of `value`, as `serde_json::to_string_pretty`
/// writes it.
pub fn to_string_pretty<T: WriteJson + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    value.write_json(&mut Json { out: &mut out, depth: Some(0), first: true });
    text(out)
}

/// Appends the compact JSON of `value` to `out`.
pub fn write<T: WriteJson + ?Sized>(value: &T, out: &mut Vec<u8>) {
    value.write_json(&mut Json { out, depth: None, first: true });
}

/// The JSON written as text. It is UTF-8 as written (strings are cut
/// only before ASCII bytes), so nothing is ever replaced.
fn text(json: Vec<u8>) -> String {
    match String::from_utf8(json) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Where JSON is being written, and how far into its nesting.
pub struct Json<'a> {
    out: &'a mut Vec<u8>,
    /// How many arrays and objects are open, when indenting; `None`
    /// for compact output.
    depth: Option<usize>,
    /// True until the innermost open array or object has a value.
    first: bool,
}

impl Json<'_> {
    /// Opens an object (`{`); its members follow as [`Json::field`]s.
    pub fn begin_object(&mut self) {
        self.open(b'{');
    }

    /// Closes the innermost object.
    pub fn end_object(&mut self) {
        self.close(b'}');
    }

    /// Opens an array (`[`); its values follow as [`Json::element`]s.
    pub fn begin_array(&mut self) {
        self.open(b'[');
    }

    /// Closes the innermost array.
    pub fn end_array(&mut self) {
        self.close(b']');
    }

    /// Writes a member of the open object: `"key":value`. A key is
    /// written as it is: the report's keys are plain field names.
    pub fn field<T: WriteJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.next();
        let after: &[u8] = if self.depth.is_some() { b"\": " } else { b"\":" };
        self.out.reserve(key.len() + 4);
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(after);
        value.write_json(self);
    }

    /// Writes a member of the open object whose key is data (a count's
    /// name): escaped as any string.
    pub fn entry<T: WriteJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.next();
        string(self.out, key);
        let after: &[u8] = if self.depth.is_some() { b": " } else { b":" };
        self.out.extend_from_slice(after);
        value.write_json(self);
    }

    /// Writes a value of the open array.
    pub fn element<T: WriteJson + ?Sized>(&mut self, value: &T) {
        self.next();
        value.write_json(self);
    }

    /// Writes `values` as an array.
    pub fn array<T: WriteJson>(&mut self, values: &[T]) {
        self.begin_array();
        for value in values {
            self.element(value);
        }
        self.end_array();
    }

    /// Writes `text` as a string.
    pub fn string(&mut self, text: &str) {
        string(self.out, text);
    }

    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth = self.depth.map(|d| d + 1);
        self.first = true;
    }

    fn close(&mut self, bracket: u8) {
        if let Some(depth) = self.depth.as_mut() {
            *depth -= 1;
            if !self.first {
                let depth = *depth;
                self.indent(depth);
            }
        }
        self.out.push(bracket);
        self.first = false;
    }

    /// What goes before a member or a value of an array: a comma after
    /// the first, and when indenting a new line.
    fn next(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        if let Some(depth) = self.depth {
            self.indent(depth);
        }
    }

    fn indent(&mut self, depth: usize) {
        self.out.push(b'\n');
        for _ in 0..depth {
            self.out.extend_from_slice(b"  ");
        }
    }
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, json: &mut Json<'_>) {
        (**self).write_json(json);
    }
}

impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, json: &mut Json<'_>) {
        match self {
            Some(value) => value.write_json(json),
            None => json.out.extend_from_slice(b"null"),
        }
    }
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, json: &mut Json<'_>) {
        json.array(self);
    }
}

impl<T: WriteJson, const N: usize> WriteJson for [T; N] {
    fn write_json(&self, json: &mut Json<'_>) {
        json.array(self);
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, json: &mut Json<'_>) {
        json.array(self);
    }
}

impl<T: WriteJson + ?Sized> WriteJson for Box<T> {
    fn write_json(&self, json: &mut Json<'_>) {
        (**self).write_json(json);
    }
}

impl WriteJson for str {
    fn write_json(&self, json: &mut Json<'_>) {
        string(json.out, self);
    }
}

impl WriteJson for String {
    fn write_json(&self, json: &mut Json<'_>) {
        string(json.out, self);
    }
}

impl WriteJson for bool {
    fn write_json(&self, json: &mut Json<'_>) {
        let text: &[u8] = if *self { b"true" } else { b"false" };
        json.out.extend_from_slice(text);
    }
}

/// Unsigned integers, in decimal.
macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl WriteJson for $t {
            fn write_json(&self, json: &mut Json<'_>) {
                unsigned(json.out, *self as u64);
            }
        }
    )*};
}

unsigned!(u8, u16, u32, u64, usize);

/// A tuple, as an array (the doctest's, and small tests').
macro_rules! tuple {
    ($($name:ident),*) => {
        impl<$($name: WriteJson),*> WriteJson for ($($name,)*) {
            #[allow(non_snake_case)]
            fn write_json(&self, json: &mut Json<'_>) {
                let ($($name,)*) = self;
                json.begin_array();
                $(json.element($name);)*
                json.end_array();
            }
        }
    };
}

tuple!(A, B);
tuple!(A, B, C);

/// The byte that follows `\` for a byte of a string that needs an
/// escape: `"`, `\`, the short escapes, and `u` for `\u00XX`; zero for
/// none.
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
    block.chunks_exact(8).fold(0, |any, w| any | escapes(word(w))) != 0
}

/// Appends `text` as a JSON string: blocks and words without a byte to
/// escape are passed over and copied with what follows them; in a word
/// that holds one, the first such byte is found from the word's test
/// ([`escapes`]), and only the last few bytes are looked at one by one.
/// Every byte escaped is ASCII: what is copied is whole characters.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What `serde_json` writes for `value`, compact and pretty, is what
    /// this writer writes.
    fn both<T: WriteJson + serde::Serialize + ?Sized>(value: &T) {
        assert_eq!(to_string(value), serde_json::to_string(value).unwrap());
        assert_eq!(
            to_string_pretty(value),
            serde_json::to_string_pretty(value).unwrap()
        );
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut every: String = (0u8..0x80).map(char::from).collect();
        every.push_str("é\u{202e}\u{7f}\u{9b} ünïcödé ");
        both(every.as_str());
        for n in 0..every.len() {
            if let Some(part) = every.get(n..) {
                both(part);
                both(&part.repeat(3));
            }
        }
        both("");
        both("\"");
        both("abcdefg\\");
        both("abcdefgh\n");
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        both(&(1u8, u64::MAX, 0u16));
        both(&(None::<u8>, Some("a"), vec![Vec::<u8>::new()]));
        both(&(vec![vec![1u32, 2], vec![]], [true, false], Some(vec![7usize])));
        both(&[[[0u8; 0]; 2]; 2]);
    }
}
