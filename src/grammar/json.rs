// SPDX-License-Identifier: MIT
//! JSON in notices: Amazon SES's notifications, Postfix's queue listing
//! (`postqueue -j`), Mailgun's events, read into a value type that
//! keeps strings, numbers (as written), arrays and objects and nothing
//! else.
//!
//! The reader accepts exactly what serde_json's own `Value` accepts from
//! the start of a text (its stream deserializer's first value): RFC 8259
//! values, at most 127 arrays and objects deep, strings without control
//! characters or unpaired surrogate escapes, and numbers that do not
//! overflow an `f64` the way serde_json computes them. A test compares
//! both on every cut of real notifications. serde_json's deserializer is
//! left out of the WebAssembly that way (the writer stays).

/// The first JSON value of `text`, if it opens with one; what follows it
/// is not read, except that a number, `true`, `false` or `null` must end
/// where a value can end.
pub fn first_value(text: &str) -> Option<Value> {
    first_value_len(text).map(|(value, _)| value)
}

/// [`first_value`] and how many bytes of `text` it took, white space
/// before it included: where the next value may start.
pub fn first_value_len(text: &str) -> Option<(Value, usize)> {
    let mut r = Reader { rest: text.as_bytes(), depth: 0 };
    let first = r.skip_space()?;
    let value = r.value()?;
    let len = text.len() - r.rest.len();
    let delimited = matches!(first, b'[' | b'{' | b'"');
    match r.rest.first() {
        _ if delimited => Some((value, len)),
        None
        | Some(b' ' | b'\n' | b'\t' | b'\r' | b'"' | b'[' | b']')
        | Some(b'{' | b'}' | b',' | b':') => Some((value, len)),
        Some(_) => None,
    }
}

/// Arrays and objects nested deeper than this are refused (serde_json's
/// limit: its 128th level fails).
const MAX_DEPTH: u32 = 127;

/// The powers of ten that can make a `u64` significand overflow an
/// `f64`, as serde_json's table holds them (correctly rounded).
const HIGH_POWERS: [f64; 20] = [
    1e289, 1e290, 1e291, 1e292, 1e293, 1e294, 1e295, 1e296, 1e297, 1e298,
    1e299, 1e300, 1e301, 1e302, 1e303, 1e304, 1e305, 1e306, 1e307, 1e308,
];

/// The bytes not read yet, and how deep the reader is.
struct Reader<'a> {
    rest: &'a [u8],
    depth: u32,
}

impl Reader<'_> {
    /// Skips JSON's white space; the next byte, if any.
    fn skip_space(&mut self) -> Option<u8> {
        while let Some((&b, rest)) = self.rest.split_first() {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(b);
            }
            self.rest = rest;
        }
        None
    }

    fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    fn next(&mut self) -> Option<u8> {
        let (&b, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(b)
    }

    /// Takes `word` or fails.
    fn word(&mut self, word: &[u8]) -> Option<()> {
        self.rest = self.rest.strip_prefix(word)?;
        Some(())
    }

    /// A value whose first byte is the next one.
    fn value(&mut self) -> Option<Value> {
        match self.peek()? {
            b'"' => {
                self.next();
                self.string().map(Value::String)
            }
            b'[' | b'{' => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return None;
                }
                let value = if self.next()? == b'[' {
                    self.array().map(Value::Array)
                } else {
                    self.object().map(Value::Object)
                };
                self.depth -= 1;
                value
            }
            b'n' => self.word(b"null").map(|()| Value::Other),
            b't' => self.word(b"true").map(|()| Value::Other),
            b'f' => self.word(b"false").map(|()| Value::Other),
            b'-' | b'0'..=b'9' => {
                let start = self.rest;
                self.number()?;
                let taken = &start[..start.len() - self.rest.len()];
                // Digits, signs, dots and exponents: ASCII.
                let text = String::from_utf8_lossy(taken).into_owned();
                Some(Value::Number(text))
            }
            _ => None,
        }
    }

    /// An array's items after its `[`, up to its `]`.
    fn array(&mut self) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        if self.skip_space()? == b']' {
            self.next();
            return Some(items);
        }
        loop {
            items.push(self.value()?);
            match self.skip_space()? {
                b']' => break,
                b',' => {
                    self.next();
                    self.skip_space()?;
                }
                _ => return None,
            }
        }
        self.next();
        Some(items)
    }

    /// An object's members after its `{`, up to its `}`.
    fn object(&mut self) -> Option<Vec<(String, Value)>> {
        let mut members = Vec::new();
        if self.skip_space()? == b'}' {
            self.next();
            return Some(members);
        }
        loop {
            if self.next()? != b'"' {
                return None;
            }
            let name = self.string()?;
            if self.skip_space()? != b':' {
                return None;
            }
            self.next();
            self.skip_space()?;
            members.push((name, self.value()?));
            match self.skip_space()? {
                b'}' => break,
                b',' => {
                    self.next();
                    if self.skip_space()? != b'"' {
                        return None;
                    }
                }
                _ => return None,
            }
        }
        self.next();
        Some(members)
    }

    /// A string's text after its opening quote, up to its closing one.
    fn string(&mut self) -> Option<String> {
        let mut out = Vec::new();
        loop {
            let at = self
                .rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            out.extend_from_slice(&self.rest[..at]);
            self.rest = &self.rest[at..];
            match self.next()? {
                b'"' => break,
                b'\\' => self.escape(&mut out)?,
                _ => return None,
            }
        }
        // The text was a `str` and escapes add whole characters.
        String::from_utf8(out).ok()
    }

    /// The character of an escape after its backslash.
    fn escape(&mut self, out: &mut Vec<u8>) -> Option<()> {
        let c = match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode()?,
            _ => return None,
        };
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Some(())
    }

    /// The character of a `\u` escape after its `u`: one outside the
    /// surrogates, or a leading and a trailing surrogate escaped in turn.
    fn unicode(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if !(0xd800..0xe000).contains(&first) {
            return char::from_u32(first);
        }
        if first >= 0xdc00 {
            return None;
        }
        self.word(b"\\u")?;
        let second = self.hex4()?;
        if !(0xdc00..0xe000).contains(&second) {
            return None;
        }
        char::from_u32(0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00))
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut n = 0;
        for _ in 0..4 {
            n = n * 16 + char::from(self.next()?).to_digit(16)?;
        }
        Some(n)
    }

    /// Skips a number, or fails as serde_json does: on bad syntax, and
    /// when it computes the value as an infinite `f64`.
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.next();
        }
        let mut significand: u64 = 0;
        let mut exponent: i64 = 0;
        match self.next()? {
            b'0' if self.peek().is_some_and(|b| b.is_ascii_digit()) => {
                return None
            }
            b'0' => {}
            b @ b'1'..=b'9' => {
                significand = u64::from(b - b'0');
                while let Some(d) = self.digit() {
                    // Past a u64, serde_json keeps the significand and
                    // counts the further digits in the exponent.
                    match significand
                        .checked_mul(10)
                        .and_then(|s| s.checked_add(d))
                    {
                        Some(s) if exponent == 0 => significand = s,
                        _ => exponent += 1,
                    }
                }
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.next();
            self.digit_ahead()?;
            // Digits go on into the significand (even after an integer
            // part too long for it) until one would overflow it; that
            // one and the rest are dropped.
            let mut full = false;
            while let Some(d) = self.digit() {
                match significand.checked_mul(10).and_then(|s| s.checked_add(d))
                {
                    Some(s) if !full => {
                        significand = s;
                        exponent -= 1;
                    }
                    // Further digits are dropped.
                    _ => full = true,
                }
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.next();
            let positive = match self.peek() {
                Some(b'+') => {
                    self.next();
                    true
                }
                Some(b'-') => {
                    self.next();
                    false
                }
                _ => true,
            };
            self.digit_ahead()?;
            let mut e: i64 = 0;
            let mut overflow = false;
            while let Some(d) = self.digit() {
                if !overflow {
                    e = e * 10 + d as i64;
                    overflow = e > i64::from(i32::MAX);
                }
            }
            if overflow {
                // serde_json gives up on the exponent: out of range for a
                // positive one and a significand other than zero, zero
                // otherwise.
                return (significand == 0 || !positive).then_some(());
            }
            exponent = if positive { exponent + e } else { exponent - e };
        }
        finite(significand, exponent).then_some(())
    }

    /// Takes a decimal digit.
    fn digit(&mut self) -> Option<u64> {
        let b = self.peek().filter(u8::is_ascii_digit)?;
        self.next();
        Some(u64::from(b - b'0'))
    }

    /// Fails unless a decimal digit comes next.
    fn digit_ahead(&self) -> Option<()> {
        self.peek().filter(u8::is_ascii_digit).map(|_| ())
    }
}

/// True if serde_json's `significand × 10^exponent` is a finite `f64`:
/// the significand as an `f64` times the power of ten from its table,
/// which no power below 10^289 can make infinite (a `u64` is below
/// 1.9 × 10^19), and none above 10^308 leaves finite.
fn finite(significand: u64, exponent: i64) -> bool {
    if significand == 0 || exponent < 289 {
        return true;
    }
    match usize::try_from(exponent - 289).ok().and_then(|i| HIGH_POWERS.get(i))
    {
        Some(power) => (significand as f64 * power).is_finite(),
        None => false,
    }
}

/// A JSON value as far as notices are read: strings, arrays and
/// objects, numbers as written, every other value as `Other`.
pub enum Value {
    /// A string, its escapes decoded.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// The members in the text's order; of a name given twice, the
    /// last counts (as in `serde_json::Value`).
    Object(Vec<(String, Value)>),
    /// A number, as the text writes it (`550`, `1.5e3`).
    Number(String),
    /// `true`, `false` or `null`.
    Other,
}

impl Value {
    /// An object's member `key` (the last of that name).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => {
                members.iter().rev().find(|m| m.0 == key).map(|m| &m.1)
            }
            _ => None,
        }
    }

    /// A string's text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number that is a whole number from 0 to 65535 (`550`, not
    /// `550.5` nor `-1`).
    pub fn as_u16(&self) -> Option<u16> {
        match self {
            Value::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// An array's items.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// True if and only if the value is an object.
    pub fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value as text, objects' members by name, the last of a name
    /// given twice.
    fn ours(v: &Value) -> String {
        match v {
            Value::String(s) => format!("{s:?}"),
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(ours).collect();
                format!("[{}]", items.join(","))
            }
            Value::Object(members) => {
                let mut named = std::collections::BTreeMap::new();
                for (name, value) in members {
                    named.insert(name.clone(), ours(value));
                }
                let members: Vec<String> =
                    named.iter().map(|(n, v)| format!("{n:?}:{v}")).collect();
                format!("{{{}}}", members.join(","))
            }
            Value::Number(_) | Value::Other => "_".into(),
        }
    }

    fn theirs(v: &serde_json::Value) -> String {
        match v {
            serde_json::Value::String(s) => format!("{s:?}"),
            serde_json::Value::Array(items) => {
                let items: Vec<String> = items.iter().map(theirs).collect();
                format!("[{}]", items.join(","))
            }
            serde_json::Value::Object(members) => {
                let members: Vec<String> = members
                    .iter()
                    .map(|(n, v)| format!("{n:?}:{}", theirs(v)))
                    .collect();
                format!("{{{}}}", members.join(","))
            }
            _ => "_".into(),
        }
    }

    /// Whether `first_value` and serde_json agree on `text`.
    fn agree(text: &str) {
        let got = first_value(text).map(|v| ours(&v));
        let want = serde_json::Deserializer::from_str(text)
            .into_iter::<serde_json::Value>()
            .next()
            .and_then(Result::ok)
            .map(|v| theirs(&v));
        assert_eq!(got, want, "{text}");
    }

    /// Numbers at the edges of serde_json's reading: too long for a
    /// u64, near the largest f64, exponents past an i32, leading zeros.
    #[test]
    fn numbers_are_refused_where_serde_json_refuses_them() {
        let long = "1".repeat(400);
        let texts = [
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "17976931348623157e292",
            "17976931348623159e292",
            "18446744073709551615e289",
            "18446744073709551616e289",
            "1844674407370955161e290",
            "18446744073709551616.5e288",
            "184467440737095516159e287",
            "0.000000000000000000000000001e330",
            "1e308",
            "10e308",
            "1e309",
            "-1e309",
            "0e999",
            "0e99999999999",
            "1e99999999999",
            "1e-99999999999",
            "0.0e2147483648",
            "1e2147483647",
            "1e-2147483648",
            "-0",
            "-",
            "-a",
            "00",
            "0.",
            "0.e1",
            "1e",
            "1e+",
            "1E-5",
            ".5",
            "+1",
            "1.5x",
            "1.5]",
            "1:",
            &long,
            &format!("{long}.5"),
            &format!("0.{long}e300"),
            &format!("{}e100", &long[..200]),
        ];
        for text in texts {
            agree(text);
            agree(&format!("[{text}]"));
            agree(&format!("{{\"a\":{text}}}"));
        }
    }

    /// Depth as serde_json counts it, strings' escapes and controls.
    #[test]
    fn nesting_and_strings_as_serde_json_reads_them() {
        for depth in [126, 127, 128, 129] {
            agree(&("[".repeat(depth) + &"]".repeat(depth)));
            agree(&("{\"a\":".repeat(depth) + "1" + &"}".repeat(depth)));
        }
        let texts = [
            r#""\u00E9\u00e9""#,
            r#""\uD83D\uDE00""#,
            r#""\ud83d""#,
            r#""\ud83d\n""#,
            r#""\ud83d\u0041""#,
            r#""\ud83d\ud83d\ude00""#,
            r#""\udfff""#,
            r#""\u12""#,
            r#""\u12G4""#,
            "\"a\u{1}b\"",
            "\"a\u{7f}b\"",
            "\"caf\u{e9} \u{1F600}\"",
            r#""\b\f\n\r\t\/\\\"""#,
            r#""\a""#,
            "nul",
            "null",
            "nullx",
            "true,",
            "falsey",
            "[true false]",
            "{\"a\":1,\"a\":2}",
            "{1:2}",
            "{\"a\"}",
            "[,1]",
            "\u{feff}{}",
            " \t\r\n{}",
        ];
        for text in texts {
            agree(text);
        }
    }

    /// Every cut of every Amazon SES notification among the fixtures
    /// (and in the shared corpus, when it is beside the project), read
    /// from its first `{`, and the rest of the text from every `{`, `[`,
    /// `"` and digit, as a damaged copy or the readers' own searches for
    /// a member give them.
    #[test]
    fn every_cut_of_the_notifications_reads_as_serde_json_reads_it() {
        let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = [
            here.join("tests/fixtures/amazon-ses"),
            here.join("../shared/corpus/sisimai/eml"),
        ];
        let mut read = 0;
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            for entry in entries.flatten() {
                let text = std::fs::read(entry.path()).unwrap_or_default();
                let text = String::from_utf8_lossy(&text);
                if !text.contains("notificationType") {
                    continue;
                }
                read += 1;
                let body = &text[text.find('{').unwrap_or(0)..];
                for (end, _) in body.char_indices() {
                    agree(&body[..end]);
                }
                agree(body);
                for (at, c) in text.char_indices() {
                    if matches!(c, '{' | '[' | '"' | '0'..='9' | '-') {
                        agree(&text[at..]);
                    }
                }
            }
        }
        assert!(read >= 5, "only {read} notifications found");
    }

    /// `first_value` reads what serde_json's own `Value` reads, and
    /// refuses what it refuses.
    #[test]
    fn values_read_as_serde_json_reads_them() {
        let deep = "[".repeat(200) + &"]".repeat(200);
        let fine = "[".repeat(100) + "\"x\"" + &"]".repeat(100);
        let texts = [
            r#"{"a":"b","a":"c","d":[1,-2.5e3,true,null,{"e":"\u00e9\n"}]}"#,
            r#"{"a":1e400}"#,
            r#"{"a":-0,"b":18446744073709551616,"c":1.7976931348623157e308}"#,
            r#"{"a":1.8e308}"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\ud83d\ude00"}"#,
            r#"{"a":"\udc00x"}"#,
            r#"{"a":"tab	in"}"#,
            r#"{"a":"\q"}"#,
            r#"{"a":01}"#,
            r#"{"a":1.}"#,
            r#"{"a":[1,]}"#,
            r#"{"a":"b",}"#,
            r#"{"a" "b"}"#,
            r#"{"a":"b"} trailing"#,
            r#"{"a":"b"}{"c":"d"}"#,
            r#""just a string" and more"#,
            r#"12x"#,
            r#"12 "#,
            r#"true}"#,
            r#"{"a":"b""#,
            "",
            "   ",
            r#"{"a":{"b":{"c":["d",{"e":"f"}]}}}"#,
            r#"{"\u0000":"\/"}"#,
            &deep,
            &fine,
        ];
        for text in texts {
            agree(text);
        }
        // Every cut of a notification, as a damaged copy would give.
        let body = r#"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"neko@example.org","status":"5.1.1","n":12.5e-3,"x":[null,false]}],"reportingMTA":"dsn; a.example.com"}}"#;
        for end in 0..=body.len() {
            agree(&body[..end]);
        }
    }
}
