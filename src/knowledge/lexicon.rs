// SPDX-License-Identifier: MIT
//! Puts back the words that the build script replaced by codes in the
//! WebAssembly's knowledge blob, before LZMA packed it.
//!
//! The blob is mostly prose in two languages, and LZMA finds a repeated
//! word as a match (a distance and a length, a few bytes' worth of
//! bits each time). The build lists the words that recur most and
//! writes each as a code instead, one byte for the commonest, two for
//! the next, in byte values that the blob never holds; the text is then
//! half as long, and LZMA packs it about a twelfth smaller (the list
//! included). A word that starts a sentence is its lower-case word's
//! code after a mark that asks for a capital. Putting the words back is
//! one pass over the bytes.
//!
//! The layout (`build/lexicon.rs` writes it): the number of one-byte
//! codes and of lead bytes of two-byte codes, the capital's mark (a
//! byte each; a mark of 0 is none), the number of words with a
//! two-byte code (16 bits, little-endian), the code bytes, then every
//! word, each ended by a NUL byte (the one-byte codes' words first, in
//! the order of their codes), then the coded text. A two-byte code is
//! a lead byte and any byte: word `lead × 256 + byte` of the second
//! list. Bytes that are not codes stand for themselves. Input that is
//! not such a layout gives `None`, never a panic.

/// What a byte of the coded text stands for.
#[derive(Clone, Copy)]
enum Role {
    Itself,
    /// The word of this number.
    Word(u16),
    /// The first byte of a two-byte code: its words start at this
    /// number.
    Lead(u16),
    /// What comes next starts with a capital.
    Capital,
}

/// The text of `coded` with its words put back; `None` if it is not a
/// coded text of this layout.
pub fn expand(coded: &[u8]) -> Option<Vec<u8>> {
    let (&[singles, leads, capital, low, high], rest) =
        coded.split_first_chunk()?;
    let (singles, leads) = (usize::from(singles), usize::from(leads));
    let paired = usize::from(u16::from_le_bytes([low, high]));
    let (codes, mut rest) = rest.split_at_checked(singles + leads)?;
    if paired > leads * 256 {
        return None;
    }
    let mut words = Vec::with_capacity(singles + paired);
    for _ in 0..singles + paired {
        let end = rest.iter().position(|&b| b == 0)?;
        words.push(&rest[..end]);
        rest = &rest[end + 1..];
    }
    let mut role = [Role::Itself; 256];
    if capital != 0 {
        role[usize::from(capital)] = Role::Capital;
    }
    for (i, &code) in codes.iter().enumerate() {
        // `i` is below 510 and a two-byte code's words start below
        // 255 × 256 + 255.
        role[usize::from(code)] = match i.checked_sub(singles) {
            None => Role::Word(i as u16),
            Some(lead) => Role::Lead((singles + lead * 256) as u16),
        };
    }
    let mut text = Vec::with_capacity(rest.len() * 2);
    let mut bytes = rest.iter();
    let mut capital = false;
    while let Some(&b) = bytes.next() {
        let at = text.len();
        match role[usize::from(b)] {
            Role::Capital => {
                capital = true;
                continue;
            }
            Role::Itself => text.push(b),
            Role::Word(n) => text.extend_from_slice(words.get(usize::from(n))?),
            Role::Lead(first) => {
                let &second = bytes.next()?;
                let n = usize::from(first) + usize::from(second);
                text.extend_from_slice(words.get(n)?);
            }
        }
        if std::mem::take(&mut capital) {
            text.get_mut(at)?.make_ascii_uppercase();
        }
    }
    (!capital).then_some(text)
}

/// The build script's writer, for the tests' own texts.
#[cfg(test)]
#[path = "../../build/lexicon.rs"]
mod writer;

#[cfg(test)]
mod tests {
    use super::{expand, writer};

    #[test]
    fn coded_words_read_back() {
        let words = "kirim ulang nanti; kirim lagi. Kirim ulang, kirim! ";
        let text = format!("{}\0\u{1}\u{2}é{}", words.repeat(40), "x y");
        let coded = writer::encode(text.as_bytes());
        assert!(coded.len() < text.len() / 2);
        assert_eq!(expand(&coded).as_deref(), Some(text.as_bytes()));
    }

    #[test]
    fn many_words_take_two_byte_codes() {
        // Every byte value but five is taken: one marks a capital, four
        // lead two-byte codes, and no byte is left for a one-byte code.
        let free = [3, 4, 5, 6, 200];
        let mut text: Vec<u8> =
            (0..=255).filter(|b| !free.contains(b)).collect();
        for n in 0..900u32 {
            let letter = |k: u32| char::from(b'a' + (k % 26) as u8);
            let word = format!(
                "w{}{}{}kirim",
                letter(n / 676),
                letter(n / 26),
                letter(n)
            );
            for _ in 0..6 {
                text.extend_from_slice(
                    format!(" {word}, W{} ", &word[1..]).as_bytes(),
                );
            }
        }
        let coded = writer::encode(&text);
        assert_eq!(&coded[..5], [0, 4, 200, 0x84, 0x03]);
        assert!(coded.len() < text.len() / 2);
        assert_eq!(expand(&coded), Some(text));
    }

    #[test]
    fn damaged_text_is_refused_without_a_panic() {
        let text = "tunggu sebentar lalu tunggu lagi ".repeat(20);
        let coded = writer::encode(text.as_bytes());
        assert!(expand(&[]).is_none());
        assert!(expand(&coded[..3]).is_none());
        // The list cut in its first word.
        let list_at = 5 + usize::from(coded[0]) + usize::from(coded[1]);
        assert!(expand(&coded[..list_at + 2]).is_none());
        // A lead byte at the very end wants a second byte.
        assert!(expand(&[0, 1, 0, 0, 0, 9, 9]).is_none());
        // A two-byte code past the list.
        assert!(expand(&[0, 1, 0, 1, 0, 9, b'a', 0, 9, 1]).is_none());
        let word = [0, 1, 7, 1, 0, 9, b'a', 0, 7, 9, 0, b'b', 7, b'c'];
        assert_eq!(expand(&word).unwrap(), b"AbC");
        // A mark for a capital with nothing after it.
        assert!(expand(&[0, 0, 7, 0, 0, 7]).is_none());
        for at in 0..coded.len() {
            let mut flipped = coded.clone();
            flipped[at] ^= 0x5a;
            let _ = expand(&flipped);
        }
    }
}
