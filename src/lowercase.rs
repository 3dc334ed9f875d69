// SPDX-License-Identifier: MIT
//! Lowercase text, as `str::to_lowercase` writes it, for the page's
//! module without the standard library's case table.
//!
//! The standard library keeps a character's lowercase in a table of one
//! entry a character (11.7 KB in the WebAssembly, 4.3 KB of it gzipped)
//! and the properties of the final sigma in two more. `build/case.rs`
//! reads the same mapping from the standard library at build time and
//! writes it here in a few hundred runs. Natively the library keeps
//! `str::to_lowercase` (its ASCII path is faster, and the binary's size
//! matters less); the tests below compare the two on every character.

use nom::error::{Error, ErrorKind};
use nom::IResult;

/// Lowercase text, the same as `str::to_lowercase`'s.
pub trait Lowercase {
    /// The text in lowercase.
    fn lowercase(&self) -> String;
}

impl Lowercase for str {
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(clippy::disallowed_methods)] // the one place it is meant
    fn lowercase(&self) -> String {
        self.to_lowercase()
    }

    #[cfg(target_arch = "wasm32")]
    fn lowercase(&self) -> String {
        lowercase(self)
    }
}

/// nom's `tag_no_case` for a tag of ASCII letters and punctuation that
/// no other character lowercases to (`host`, `said:`; the test below
/// checks them): the same match, but without nom's comparison of each
/// character's Unicode lowercase.
pub fn tag_ignore_ascii_case<'a>(
    tag: &'static str,
) -> impl Fn(&'a str) -> IResult<&'a str, &'a str> {
    move |i: &'a str| match i.as_bytes().get(..tag.len()) {
        Some(head) if head.eq_ignore_ascii_case(tag.as_bytes()) => {
            Ok((&i[tag.len()..], &i[..tag.len()]))
        }
        _ => Err(nom::Err::Error(Error::new(i, ErrorKind::Tag))),
    }
}

include!(concat!(env!("OUT_DIR"), "/case.rs"));

/// `text` in lowercase, from the tables of `build/case.rs`.
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        // A run of ASCII (most of a notice) at once.
        let ascii = text.as_bytes()[at..].iter().position(|b| !b.is_ascii());
        let end = ascii.map_or(text.len(), |n| at + n);
        let start = out.len();
        out.push_str(&text[at..end]);
        out[start..].make_ascii_lowercase();
        at = end;
        let Some(c) = text[at..].chars().next() else { break };
        if c == 'Σ' {
            out.push(sigma(text, at));
        } else if let Some(long) = long_lowercase(c) {
            out.push_str(long);
        } else {
            out.push(lowercase_char(c));
        }
        at += c.len_utf8();
    }
    out
}

/// The lowercase of a character whose lowercase is one character.
fn lowercase_char(c: char) -> char {
    let code = u32::from(c);
    let i = LOWER_RUNS.partition_point(|&(run, _)| run & FIRST <= code);
    let Some(&(run, delta_step)) = i.checked_sub(1).map(|i| &LOWER_RUNS[i])
    else {
        return c;
    };
    let (first, length) = (run & FIRST, run >> 21);
    let (delta, step) = (delta_step >> 1, (delta_step & 1) as u32 + 1);
    if code - first > length || (code - first) % step != 0 {
        return c;
    }
    code.checked_add_signed(delta).and_then(char::from_u32).unwrap_or(c)
}

fn long_lowercase(c: char) -> Option<&'static str> {
    let code = u32::from(c);
    LOWER_LONG.iter().find(|&&(from, _)| from == code).map(|&(_, to)| to)
}

/// A capital sigma's lowercase at `at` in `text`: final `ς` at the end
/// of a word (a cased character before it and none after it, past
/// case-ignorable ones), `σ` elsewhere.
fn sigma(text: &str, at: usize) -> char {
    let before = text[..at].chars().rev();
    let after = text[at + 'Σ'.len_utf8()..].chars();
    if cased_past_ignorable(before) && !cased_past_ignorable(after) {
        'ς'
    } else {
        'σ'
    }
}

fn cased_past_ignorable(mut chars: impl Iterator<Item = char>) -> bool {
    chars.find(|&c| !within(&IGNORABLE, c)).is_some_and(|c| within(&CASED, c))
}

/// The bits of a packed run or range that hold its first character.
const FIRST: u32 = (1 << 21) - 1;

fn within(ranges: &[u32], c: char) -> bool {
    let code = u32::from(c);
    let i = ranges.partition_point(|&range| range & FIRST <= code);
    i.checked_sub(1)
        .is_some_and(|i| code - (ranges[i] & FIRST) <= ranges[i] >> 21)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // compared with the library's
mod tests {
    use nom::bytes::complete::tag_no_case;
    use nom::{IResult, Parser};

    use super::{lowercase, tag_ignore_ascii_case};

    /// The tags the grammars give `tag_ignore_ascii_case`.
    const TAGS: [&str; 2] = ["host", "said:"];

    #[test]
    fn no_other_character_lowercases_to_a_tags_character() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let lower: String = c.to_lowercase().collect();
            let in_tag = TAGS
                .iter()
                .any(|t| t.chars().any(|t| t.to_lowercase().eq(lower.chars())));
            assert!(c.is_ascii() || !in_tag, "{c:?}");
        }
    }

    #[test]
    fn tags_match_as_nom_matches_them() {
        let texts = [
            "host mx",
            "HOST mx",
            "HoSt",
            "hos",
            "",
            "said: 550",
            "SAID:",
            "said 550",
            "ho\u{212A}t",
            "\u{0130}ost",
            "hóst",
            "saïd:",
        ];
        for tag in TAGS {
            for text in texts {
                let ours: IResult<&str, &str> =
                    tag_ignore_ascii_case(tag)(text);
                let nom: IResult<&str, &str> = tag_no_case(tag).parse(text);
                assert_eq!(ours, nom, "{tag} {text}");
            }
        }
    }

    #[test]
    fn every_character_lowercases_as_the_standard_library_does() {
        let mut wrong = Vec::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let text = c.to_string();
            if lowercase(&text) != text.to_lowercase() {
                wrong.push(c);
            }
        }
        assert!(wrong.is_empty(), "{} differ: {:?}", wrong.len(), &wrong[..]);
    }

    #[test]
    fn a_sigma_beside_every_character_lowercases_as_the_standard_library_does()
    {
        let mut wrong = Vec::new();
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            for text in [format!("A{c}Σ"), format!("{c}Σ"), format!("AΣ{c}")]
            {
                if lowercase(&text) != text.to_lowercase() {
                    wrong.push(text);
                }
            }
        }
        assert!(wrong.is_empty(), "{} differ: {:?}", wrong.len(), &wrong[..]);
    }

    #[test]
    fn sentences_with_sigmas_and_capitals() {
        for text in [
            "ΟΔΥΣΣΕΥΣ",
            "ΣΑΣ ΜΑΣ Σ",
            "İstanbul Σ.Σ'Σ ẞ KELVIN \u{212A} Ω\u{2126}",
            "550 5.1.1 <ΑΛΕΞΗΣ@example.gr>: Mailbox unavailable",
            "a\u{0345}Σ\u{0301} x",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }
}
