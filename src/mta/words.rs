// SPDX-License-Identifier: MIT
//! The words without which a family cannot claim a notice, all found in
//! one pass.
//!
//! Most families claim a notice by a sentence of their own. Asking each
//! family in turn scanned the notice some sixty times, which cost more
//! than the rest of decoding a short notice; instead, each family names
//! in [`Family::words`] the words of which its `claims` needs at least
//! one, one pass over the notice finds which of every family's words it
//! holds, and only the families with a word found are asked (their
//! `claims` still decides). A family whose `claims` needs no fixed word
//! (a log or listing line grammar, a MIME part) gives `None` and is
//! always asked.
//!
//! A word must occur, ASCII case ignored, in the body, the
//! delivery-status part, the returned message's header block or a
//! header field's name or value whenever `claims` holds: a family that
//! matches a sentence with any white space where it has a space gives
//! [`spaced`] pieces, one that lowercases the text as Unicode does gives
//! [`lowercased`] pieces. `tests` checks every family against the
//! fixtures and the corpus, and the `families` fuzz target
//! (`crate::fuzzing::every_family`) against whatever the fuzzer makes.
//!
//! # The search
//!
//! Words are looked for by four of their bytes, a *key*, and the pass
//! reads the text's four bytes (lowercase) as a number only at every
//! [`STRIDE`]th byte: a word then has one key for each of the offsets
//! it may start at after such a byte, the rarest four bytes
//! ([`COMMONNESS`]) among those that start at that offset and after
//! every [`STRIDE`]th byte from it. A bit per hashed key says whether
//! any word has that key; where the bit is set, the words with the key
//! are compared in place. Every [`STRIDE`] bytes cost a multiplication
//! and one bit test, and the table is built in
//! microseconds, where an Aho-Corasick DFA of the same words took longer
//! to build than to decode a corpus message (both measured with
//! callgrind). Words too short for a key at every offset are searched
//! one by one.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use super::layout::{find_ignore_case, COMMONNESS};
use super::{Family, FAMILIES};
use crate::notice::Notice;

/// Bytes in a key.
const KEY: usize = 4;

/// The text is read at every `STRIDE`th byte: a word needs
/// `KEY + STRIDE - 1` bytes to have a key at each offset, and shorter
/// words are searched one by one: with four, five of the 171 words
/// (Exchange's `##`, Postfix's `reply`, `timed`, `myself`, `Cannot`).
/// Every eight bytes of text cost one load and two bit tests; with two,
/// the corpus took 2.1M instructions more (callgrind).
const STRIDE: usize = 4;

/// Bits of a hashed key: a table of 2^15 bits, 4 KiB.
const BITS: u32 = 15;

/// Every family's words, by key.
struct Words {
    /// One bit per hashed key that some word has.
    table: Box<[u64; 1 << (BITS - 6)]>,
    /// How many bits are set in the table's words before each: a set
    /// bit's rank among them, with those of its own word before it, is
    /// its group's index in `groups`.
    ranks: Box<[u32; 1 << (BITS - 6)]>,
    /// Where each set bit's words start in `keyed`, in the order of the
    /// bits, and where the last one's end.
    groups: Vec<u32>,
    /// The words of at least `KEY + STRIDE - 1` bytes, by hashed key: a
    /// key, the word (lowercase), where the key starts in it, and the
    /// family's index in [`FAMILIES`]; each word once for each of its
    /// [`STRIDE`] keys.
    keyed: Vec<(u32, Vec<u8>, usize, usize)>,
    /// Shorter words, and the family's index.
    short: Vec<(&'static str, usize)>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| build(FAMILIES))
}

fn build(families: &[Family]) -> Words {
    let mut table = Box::new([0u64; 1 << (BITS - 6)]);
    let mut keyed = Vec::new();
    let mut short = Vec::new();
    for (n, family) in families.iter().enumerate() {
        for word in family.words.map(|f| f()).unwrap_or_default() {
            if word.len() < KEY + STRIDE - 1 {
                short.push((word, n));
                continue;
            }
            let word = word.as_bytes().to_ascii_lowercase();
            for offset in 0..STRIDE {
                let at = rarest_key(&word, offset);
                let key = key_at(&word[at..]);
                let h = hash(key);
                table[h >> 6] |= 1 << (h & 63);
                keyed.push((key, word.clone(), at, n));
            }
        }
    }
    crate::order::sort_by_number(&mut keyed, |k| hash(k.0) as u64);
    let mut ranks = Box::new([0u32; 1 << (BITS - 6)]);
    let mut set = 0;
    for (rank, bits) in ranks.iter_mut().zip(table.iter()) {
        *rank = set;
        set += bits.count_ones();
    }
    let mut groups: Vec<u32> = Vec::with_capacity(set as usize + 1);
    for (n, k) in keyed.iter().enumerate() {
        if n == 0 || hash(keyed[n - 1].0) != hash(k.0) {
            groups.push(n as u32);
        }
    }
    groups.push(keyed.len() as u32);
    Words { table, ranks, groups, keyed, short }
}

/// Where the [`KEY`] bytes of `word` whose bytes are rarest in notices
/// start, among those that start at `offset` or a multiple of
/// [`STRIDE`] bytes after it (`word` has at least `KEY + offset` bytes).
///
/// Four bytes of [`COMMON_KEYS`] are chosen only when the word has no
/// other key at that offset: their bytes are not rare each, but
/// together they are (`----`, `mail`, `from`, `example`'s), and a key
/// that the text holds at many places has its words compared at each.
fn rarest_key(word: &[u8], offset: usize) -> usize {
    let bytes = |at: usize| -> u32 {
        let key = &word[at..at + KEY];
        key.iter().map(|&b| u32::from(COMMONNESS[usize::from(b)])).sum()
    };
    // The first key of the least cost, (common, bytes) in that order;
    // the table is asked only of a key that may cost less than the
    // best so far (it is built at start-up, once a process).
    let mut best: Option<(usize, bool, u32)> = None;
    for at in (offset..=word.len() - KEY).step_by(STRIDE) {
        let cost = bytes(at);
        if matches!(best, Some((_, false, least)) if cost >= least) {
            continue;
        }
        let common = COMMON_KEYS.binary_search(&key_at(&word[at..])).is_ok();
        if best.is_none_or(|(_, c, b)| (common, cost) < (c, b)) {
            best = Some((at, common, cost));
        }
    }
    best.map_or(offset, |(at, ..)| at)
}

/// Runs of four bytes common in notices and in the words (counted on
/// the corpus: each was read at hundreds of places there, where a key
/// of rare bytes is read at a few), as keys ([`key_at`]), in order.
const COMMON_KEYS: [u32; 124] = sorted_keys(&[
    b"----", b" ---", b"--- ", b"    ", b"0000", b"live", b"eliv", b"deli",
    b"very", b"iver", b"vere", b"mail", b" mai", b"ail.", b"ail-", b"serv",
    b"rver", b"erve", b" ser", b"ervi", b"from", b"smtp", b"mtp ", b"mtp.",
    b"mple", b"exam", b"xamp", b"ampl", b"ple.", b".com", b"e.co", b"s.co",
    b"mess", b"essa", b"ssag", b"sage", b" mes", b"foll", b"llow", b"lowi",
    b"owin", b"wing", b"lows", b"rece", b"ecei", b"ceiv", b"eive", b"ived",
    b"reci", b"ecip", b"cipi", b"ipie", b"pien", b"ient", b"your", b" you",
    b"you ", b"syst", b"yste", b"stem", b" sys", b"ound", b"ould", b"coul",
    b"ing:", b"ng: ", b"ed: ", b"ion:", b"tion", b"cont", b"onte", b"nten",
    b"tent", b"ent-", b"type", b"ject", b"post", b"ostf", b"stfi", b"tfix",
    b"addr", b"ddre", b"dres", b"ress", b"fail", b"rror", b"boun", b"d by",
    b"by m", b"ding", b"port", b"erro", b"the ", b" the", b"ther", b"here",
    b" fro", b" del", b"ery ", b"for ", b"ompl", b"ing ", b"igin", b"this",
    b"ver ", b"with", b" by ", b" fai", b" fol", b"orig", b"ail ", b"turn",
    b"epor", b"repo", b"ollo", b"remo", b"gina", b"rigi", b"age ", b"il d",
    b"he m", b"was ", b"more", b"elay",
]);

/// `grams` as keys, sorted (for a binary search).
const fn sorted_keys<const N: usize>(grams: &[&[u8; KEY]; N]) -> [u32; N] {
    let mut keys = [0u32; N];
    let mut n = 0;
    while n < N {
        keys[n] = u32::from_be_bytes(*grams[n]) | 0x2020_2020;
        n += 1;
    }
    // An insertion sort, when the program is built.
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
}

/// The key of the first [`KEY`] bytes of `bytes` (at least that many):
/// each byte with the case bit set, so that both cases of a letter give
/// the same value (so do a few pairs of other bytes, which the
/// comparison in place tells apart).
fn key_at(bytes: &[u8]) -> u32 {
    let mut four = [0u8; KEY];
    four.copy_from_slice(&bytes[..KEY]);
    u32::from_be_bytes(four) | 0x2020_2020
}

fn hash(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - BITS)) as usize
}

/// Which families may claim a notice: those without words, and those
/// with a word the notice holds.
///
/// The short words (searched one by one) are searched only when their
/// family is asked about: most notices are read before the families
/// that have them are reached.
pub struct Found<'a> {
    may: Vec<Cell<Maybe>>,
    /// The text searched: the notice's body, or its texts joined.
    searched: Searched<'a>,
}

/// What is known of a family's words in a notice.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Maybe {
    Yes,
    No,
    /// None of its keyed words is there; its short ones are still to
    /// be looked for.
    Short,
}

enum Searched<'a> {
    Body(&'a str),
    /// The joined texts, given back to `JOINED` when done with.
    Joined(String),
}

thread_local! {
    /// The joined texts, kept from one notice to the next.
    static JOINED: RefCell<String> = const { RefCell::new(String::new()) };
}

impl Found<'_> {
    /// True unless the family at `index` in [`FAMILIES`] names words
    /// and the notice holds none of them.
    pub fn may_claim(&self, index: usize) -> bool {
        let Some(may) = self.may.get(index) else { return true };
        if may.get() == Maybe::Short {
            let text = match &self.searched {
                Searched::Body(text) => text,
                Searched::Joined(text) => text.as_str(),
            };
            let holds = words()
                .short
                .iter()
                .filter(|&&(_, n)| n == index)
                .any(|&(word, _)| find_ignore_case(text, word).is_some());
            may.set(if holds { Maybe::Yes } else { Maybe::No });
        }
        may.get() == Maybe::Yes
    }
}

impl Drop for Found<'_> {
    fn drop(&mut self) {
        if let Searched::Joined(joined) = &mut self.searched {
            let joined = std::mem::take(joined);
            JOINED.with_borrow_mut(|kept| *kept = joined);
        }
    }
}

/// The families of [`FAMILIES`] that may claim `notice`.
///
/// The texts are searched as one, each followed by a NUL byte, which no
/// word holds (a test checks), so no word is found across two texts:
/// one pass, and one search a short word, instead of one for each
/// header field's name and value (a notice has dozens).
pub fn found(notice: &Notice) -> Found<'_> {
    let words = words();
    let mut may: Vec<bool> =
        FAMILIES.iter().map(|f| f.words.is_none()).collect();
    let headers = notice.headers.iter().flat_map(|(n, v)| [n, v]);
    let parts = [&notice.delivery_status, &notice.original];
    let texts = std::iter::once(&notice.body)
        .chain(parts.into_iter().flatten())
        .chain(headers);
    // A pasted fragment has its body alone, searched where it is (not
    // copied: it may be megabytes long).
    let alone = notice.headers.is_empty()
        && notice.delivery_status.is_none()
        && notice.original.is_none();
    let searched = if alone {
        Searched::Body(&notice.body)
    } else {
        let mut joined = JOINED.with_borrow_mut(std::mem::take);
        joined.clear();
        for text in texts {
            joined.push_str(text);
            joined.push(SEPARATOR);
        }
        Searched::Joined(joined)
    };
    let text = match &searched {
        Searched::Body(text) => text.as_bytes(),
        Searched::Joined(text) => text.as_bytes(),
    };
    search(words, text, &mut may);
    let mut known: Vec<Cell<Maybe>> = may
        .iter()
        .map(|&m| Cell::new(if m { Maybe::Yes } else { Maybe::No }))
        .collect();
    for &(_, n) in &words.short {
        if !may[n] {
            known[n] = Cell::new(Maybe::Short);
        }
    }
    Found { may: known, searched }
}

/// What follows each text in the one searched.
const SEPARATOR: char = '\0';

/// Marks the families of the keyed words that `text` holds: a word that
/// starts at `s` has the key it has at the offset that ends `s` on a
/// multiple of [`STRIDE`], and the pass reads the text there.
fn search(words: &Words, text: &[u8], may: &mut [bool]) {
    // Two keys from each eight bytes read (the keys at `at` and at
    // `at + STRIDE`), then the last few one by one: the same places.
    // The loop holds the table alone; a set bit's words are compared
    // out of line (`look`), so that a place without one costs a load,
    // a multiplication and a bit test, with nothing kept on the stack.
    const _: () = assert!(STRIDE == 4 && KEY == 4);
    let table = &*words.table;
    let mut chunks = text.chunks_exact(2 * STRIDE);
    let mut at = 0;
    for eight in &mut chunks {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(eight);
        let w = u64::from_be_bytes(bytes) | 0x2020_2020_2020_2020;
        let (first, second) = ((w >> 32) as u32, w as u32);
        let (h1, h2) = (hash(first), hash(second));
        if table[h1 >> 6] & (1 << (h1 & 63)) != 0 {
            look(words, text, at, first, may);
        }
        if table[h2 >> 6] & (1 << (h2 & 63)) != 0 {
            look(words, text, at + STRIDE, second, may);
        }
        at += 2 * STRIDE;
    }
    if let Some(four) = chunks.remainder().get(..KEY) {
        let key = key_at(four);
        let h = hash(key);
        if table[h >> 6] & (1 << (h & 63)) != 0 {
            look(words, text, at, key, may);
        }
    }
}

/// Marks the families of the keyed words with `key` that stand in
/// `text` where the key is read at `start`; the key's bit is set.
#[cold]
#[inline(never)]
fn look(words: &Words, text: &[u8], start: usize, key: u32, may: &mut [bool]) {
    let h = hash(key);
    let (bits, bit) = (words.table[h >> 6], 1u64 << (h & 63));
    // The bit's group: one look-up where a binary search of every key
    // cost ten steps at each place a key's bit was set.
    let group = words.ranks[h >> 6] + (bits & (bit - 1)).count_ones();
    let (first, end) = match words.groups.get(group as usize..) {
        Some(&[first, end, ..]) => (first as usize, end as usize),
        _ => return,
    };
    for (_, word, at, n) in
        words.keyed[first..end].iter().filter(|k| k.0 == key)
    {
        // A family found already needs no second look.
        if may[*n] {
            continue;
        }
        let holds = start
            .checked_sub(*at)
            .and_then(|s| text.get(s..s + word.len()))
            .is_some_and(|t| t.eq_ignore_ascii_case(word));
        if holds {
            may[*n] = true;
        }
    }
}

/// The longest piece of `sentence` without white space: what a text
/// must hold where the sentence stands with any run of white space for
/// each space (`layout::contains_spaced`).
pub fn spaced(sentence: &'static str) -> &'static str {
    longest_piece(sentence, |b| !b.is_ascii_whitespace())
}

/// The longest piece of `word` that is ASCII and holds no `i` or `k`:
/// what a text must hold, ASCII case ignored, when its Unicode
/// lowercase form holds `word` (`İ` lowercases to `i` and a combining
/// dot, the Kelvin sign to `k`; every other character that lowercases
/// to ASCII is ASCII).
pub fn lowercased(word: &'static str) -> &'static str {
    longest_piece(word, |b| {
        b.is_ascii() && !matches!(b.to_ascii_lowercase(), b'i' | b'k')
    })
}

fn longest_piece(
    text: &'static str,
    keep: impl Fn(u8) -> bool,
) -> &'static str {
    let bytes = text.as_bytes();
    let (mut best, mut start) = (0..0, 0);
    for at in 0..=bytes.len() {
        if at == bytes.len() || !keep(bytes[at]) {
            if at - start > best.len() {
                best = start..at;
            }
            start = at + 1;
        }
    }
    // Kept bytes are ASCII, or the run ends at a byte that is not kept:
    // the ends are character boundaries unless `keep` keeps a non-ASCII
    // byte, which neither caller does.
    text.get(best).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mta::FAMILIES;

    #[test]
    fn pieces_are_what_any_spacing_or_lowercasing_keeps() {
        assert_eq!(spaced("] refused to talk to me: "), "refused");
        assert_eq!(spaced("(in reply to "), "reply");
        assert_eq!(lowercased("servidor remoto"), "dor remoto");
        assert_eq!(lowercased("fjärrserver"), "rrserver");
        assert_eq!(lowercased("server jarak jauh"), "server jara");
        assert_eq!(lowercased("remote server"), "remote server");
    }

    #[test]
    fn words_hold_no_separator() {
        for family in FAMILIES {
            for word in family.words.map(|f| f()).unwrap_or_default() {
                assert!(!word.is_empty() && !word.contains(SEPARATOR));
            }
        }
    }

    #[test]
    fn every_word_is_found_at_every_offset() {
        for (n, family) in FAMILIES.iter().enumerate() {
            for word in family.words.map(|f| f()).unwrap_or_default() {
                for pad in 0..2 * STRIDE {
                    let text = format!("{}{} end", "x".repeat(pad), word);
                    let upper = text.to_ascii_uppercase();
                    for text in [text, upper] {
                        let notice = Notice::fragment(text);
                        assert!(found(&notice).may_claim(n), "{word}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_word_is_not_found_across_two_texts() {
        let mut notice = Notice::fragment("the mail".to_string());
        notice.headers.push(("x-note".to_string(), "system".to_string()));
        let at = |id: &str| FAMILIES.iter().position(|f| f.id == id).unwrap();
        assert!(!found(&notice).may_claim(at("postfix")));
        notice.body = "   The mail system\n".to_string();
        assert!(found(&notice).may_claim(at("postfix")));
    }

    #[test]
    fn a_family_without_its_words_is_not_asked() {
        let notice = Notice::fragment(
            "<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 \
             5.1.1 User unknown (in reply to RCPT TO command)\n"
                .to_string(),
        );
        let found = found(&notice);
        let at = |id: &str| FAMILIES.iter().position(|f| f.id == id).unwrap();
        assert!(found.may_claim(at("postfix")));
        assert!(!found.may_claim(at("qmail")));
        assert!(found.may_claim(at("text")));
    }

    /// Every family's claims, on every fixture and (when present) every
    /// corpus message, whole, as webmail shows it and the bounce it
    /// forwards: a family that claims a notice found its words in it.
    #[test]
    fn no_family_claims_a_notice_without_its_words() {
        let mut inputs: Vec<std::path::PathBuf> = Vec::new();
        let corpus = std::env::var("PANTUL_CORPUS")
            .unwrap_or_else(|_| "../shared/corpus/sisimai".to_string());
        let dirs = [
            "tests/fixtures".to_string(),
            "tests/regressions".to_string(),
            format!("{corpus}/eml"),
        ];
        let mut stack: Vec<std::path::PathBuf> =
            dirs.iter().map(std::path::PathBuf::from).collect();
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "eml" || e == "txt")
                {
                    inputs.push(path);
                }
            }
        }
        assert!(inputs.len() > 100, "fixtures not found");
        let mut checked = 0;
        for path in &inputs {
            let bytes = std::fs::read(path).unwrap();
            let mut notices = Vec::new();
            if let Ok(prepared) =
                crate::input::prepare(&bytes, crate::input::DEFAULT_MAX_SIZE)
            {
                let notice =
                    crate::decode::notice(&prepared.bytes, prepared.is_message);
                if let Some(inner) =
                    notice.enclosed.as_deref().and_then(crate::mime::decode)
                {
                    notices.push(inner);
                }
                notices.push(notice);
            }
            let views = [crate::shown_text(&bytes), crate::text_parts(&bytes)];
            for view in views.into_iter().flatten() {
                notices.push(crate::decode::notice(view.as_bytes(), false));
            }
            for notice in &notices {
                let found = found(notice);
                for (n, family) in FAMILIES.iter().enumerate() {
                    if !found.may_claim(n) {
                        checked += 1;
                        assert!(
                            !(family.claims)(notice),
                            "{} claims {} without any of its words",
                            family.id,
                            path.display()
                        );
                    }
                }
            }
        }
        assert!(checked > 0);
    }
}
