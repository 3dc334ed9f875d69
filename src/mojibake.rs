// SPDX-License-Identifier: MIT
//! Text garbled by a wrong character encoding on its way: UTF-8 bytes
//! read as Windows-1252 (or Latin-1) and written out again as UTF-8, so
//! that `’` reads `â€™` and `é` reads `Ã©`. A byte Windows-1252 has no
//! character for becomes a C1 control (`â€\u{9d}` for `”`), which is no
//! hidden command, only a piece of a garbled letter.
//!
//! A paste garbled all through is put back once ([`repaired`]); one
//! that mixes garbled and sound text keeps its characters, and its C1
//! controls that are pieces of garbled letters are told apart from
//! real control characters ([`only_garbled_controls`]).

/// The Windows-1252 characters of the bytes 0x80 to 0x9F, in order; the
/// five bytes it leaves undefined read as the C1 control of their value
/// (as decoders that fall back to Latin-1 read them).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ',
    '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜',
    '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The byte that Windows-1252 (or Latin-1, for 0x80 to 0x9F) reads as
/// `c`, if one does.
fn byte_of(c: char) -> Option<u8> {
    if let Ok(byte) = u8::try_from(u32::from(c)) {
        return Some(byte);
    }
    let at = CP1252_HIGH.iter().position(|&h| h == c)?;
    u8::try_from(0x80 + at).ok()
}

/// The text `bytes` was before it was garbled, when the whole of it is
/// garbled UTF-8: every character is one Windows-1252 reads from a byte,
/// the bytes make valid UTF-8, and at least one letter was garbled.
/// Sound text (plain ASCII, real accented letters, any other script) is
/// `None`. Put back once only: text garbled twice keeps one layer.
///
/// ```
/// use pantul::mojibake::repaired;
/// let garbled = "Pengirim: Andrâ€™s, alamat tidak ditemukan â€“ cafÃ©";
/// assert_eq!(
///     repaired(garbled.as_bytes()).as_deref(),
///     Some("Pengirim: Andr’s, alamat tidak ditemukan – café".as_bytes())
/// );
/// assert_eq!(repaired("café ’".as_bytes()), None);
/// assert_eq!(repaired(b"plain 550 5.1.1"), None);
/// ```
pub fn repaired(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    if text.is_ascii() {
        return None;
    }
    let back: Vec<u8> = text.chars().map(byte_of).collect::<Option<_>>()?;
    std::str::from_utf8(&back).ok()?;
    Some(back)
}

/// How many continuation bytes follow a UTF-8 lead byte read as the
/// Latin-1 letter `c` (`Ã` for 0xC3), if it is one.
fn continuations(c: char) -> Option<usize> {
    match u32::from(c) {
        0xc2..=0xdf => Some(1),
        0xe0..=0xef => Some(2),
        0xf0..=0xf4 => Some(3),
        _ => None,
    }
}

/// True if and only if `c` is what Windows-1252 reads from a UTF-8
/// continuation byte (0x80 to 0xBF).
fn is_continuation(c: char) -> bool {
    byte_of(c).is_some_and(|b| (0x80..=0xbf).contains(&b))
}

/// True if and only if every C1 control of `text` is a piece of a
/// garbled letter (a UTF-8 lead byte read as a Latin-1 letter, then the
/// continuation bytes it needs) and `text` has at least one.
///
/// ```
/// use pantul::mojibake::only_garbled_controls;
/// assert!(only_garbled_controls("â€\u{9d}quoted"));
/// assert!(!only_garbled_controls("CSI \u{9b}31m"));
/// assert!(!only_garbled_controls("no controls"));
/// ```
pub fn only_garbled_controls(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut garbled = vec![false; chars.len()];
    for (i, &c) in chars.iter().enumerate() {
        let Some(n) = continuations(c) else { continue };
        let rest = chars.get(i + 1..i + 1 + n);
        if rest.is_some_and(|r| r.iter().all(|&c| is_continuation(c))) {
            garbled[i + 1..i + 1 + n].iter_mut().for_each(|g| *g = true);
        }
    }
    let is_c1 = |c: char| (0x80..=0x9f).contains(&u32::from(c));
    let mut any = false;
    for (i, &c) in chars.iter().enumerate() {
        if is_c1(c) {
            if !garbled[i] {
                return false;
            }
            any = true;
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_windows_1252_character_reads_back_as_its_byte() {
        for (n, &c) in CP1252_HIGH.iter().enumerate() {
            assert_eq!(byte_of(c), u8::try_from(0x80 + n).ok());
        }
        assert_eq!(byte_of('é'), Some(0xe9));
        assert_eq!(byte_of('日'), None);
    }

    #[test]
    fn a_closing_quote_garbled_through_latin_1_is_put_back() {
        let garbled = "â€œKotak masuk penuhâ€\u{9d}";
        let back = repaired(garbled.as_bytes());
        assert_eq!(back.as_deref(), Some("“Kotak masuk penuh”".as_bytes()));
    }

    #[test]
    fn mixed_text_is_left_as_it_is() {
        assert_eq!(repaired("â€™ and 日本".as_bytes()), None);
        assert_eq!(repaired("Müller".as_bytes()), None);
    }

    #[test]
    fn a_control_outside_a_garbled_letter_counts() {
        assert!(!only_garbled_controls("â€\u{9d} then \u{9b}"));
        assert!(only_garbled_controls("Ã\u{81} and â€\u{9d}"));
    }
}
