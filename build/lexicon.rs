// SPDX-License-Identifier: MIT
//! Writes the WebAssembly's knowledge blob with its commonest words as
//! codes, in the layout that `src/knowledge/lexicon.rs` reads (see
//! there for why and how).

use std::collections::HashMap;

/// A word is listed when it is at least this long and recurs at least
/// this often (measured on the knowledge: fewer listed words leave
/// more repeats to LZMA, more make a longer list).
const SHORTEST: usize = 2;
const FEWEST: usize = 3;
/// Byte values kept for the leads of two-byte codes (256 words each),
/// the other free values being one-byte codes. Twelve leads and words
/// that recur three times packed the page's blob 320 bytes smaller
/// than eight and six (stop 21, the columns of `src/knowledge/blob.rs`;
/// the size moves by a hundred bytes or so either way from one setting
/// to the next: measure again after a change).
const LEADS: usize = 12;

/// The runs of ASCII letters in `data` (a word), and what lies between
/// them, in order.
fn pieces(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    data.chunk_by(|a, b| a.is_ascii_alphabetic() == b.is_ascii_alphabetic())
}

fn is_word(piece: &[u8]) -> bool {
    piece.first().is_some_and(u8::is_ascii_alphabetic)
}

/// The lower-case word of a word with a capital then small letters
/// only (such as a sentence's first), which is listed as that.
fn lowered(word: &[u8]) -> Option<Vec<u8>> {
    let (first, rest) = word.split_first()?;
    let capital = first.is_ascii_uppercase()
        && !rest.is_empty()
        && rest.iter().all(u8::is_ascii_lowercase);
    capital.then(|| word.to_ascii_lowercase())
}

/// `data` with its commonest words as codes, the list of words ahead.
pub fn encode(data: &[u8]) -> Vec<u8> {
    let mut seen = [false; 256];
    data.iter().for_each(|&b| seen[usize::from(b)] = true);
    let mut free: Vec<u8> =
        (1..=255).filter(|&b| !seen[usize::from(b)]).collect();
    let capital = free.pop().unwrap_or(0);
    let leads = LEADS.min(free.len());
    let (singles, lead_bytes) = free.split_at(free.len() - leads);

    let mut counts: HashMap<Vec<u8>, usize> = HashMap::new();
    for piece in pieces(data).filter(|p| is_word(p) && p.len() >= SHORTEST) {
        let word = lowered(piece).unwrap_or_else(|| piece.to_vec());
        *counts.entry(word).or_default() += 1;
    }
    let mut common: Vec<(Vec<u8>, usize)> =
        counts.into_iter().filter(|&(_, n)| n >= FEWEST).collect();
    // The commonest first (ties alphabetically, so that the blob does
    // not depend on the map's order).
    common.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut common: Vec<Vec<u8>> = common.into_iter().map(|(w, _)| w).collect();
    common.truncate(singles.len() + leads * 256);
    let paired_at = singles.len().min(common.len());
    // The two-byte codes' words alphabetically: the list packs smaller.
    common[paired_at..].sort_unstable();
    let (single_words, paired_words) = common.split_at(paired_at);

    let mut code: HashMap<&[u8], Vec<u8>> = HashMap::new();
    for (word, &byte) in single_words.iter().zip(singles) {
        code.insert(word, vec![byte]);
    }
    for (n, word) in paired_words.iter().enumerate() {
        code.insert(word, vec![lead_bytes[n / 256], (n % 256) as u8]);
    }

    let paired = u16::try_from(paired_words.len()).expect("at most 65535");
    let mut out = vec![single_words.len() as u8, leads as u8, capital];
    out.extend_from_slice(&paired.to_le_bytes());
    out.extend_from_slice(&singles[..single_words.len()]);
    out.extend_from_slice(lead_bytes);
    for word in &common {
        out.extend_from_slice(word);
        out.push(0);
    }
    for piece in pieces(data) {
        if let Some(coded) = code.get(piece) {
            out.extend_from_slice(coded);
        } else if let Some(coded) =
            lowered(piece).and_then(|word| code.get(&word[..]))
        {
            out.push(capital);
            out.extend_from_slice(coded);
        } else {
            out.extend_from_slice(piece);
        }
    }
    out
}
