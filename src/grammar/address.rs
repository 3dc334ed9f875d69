// SPDX-License-Identifier: MIT
//! Mail addresses in running text (RFC 5322 §3.4.1 `addr-spec`, in the
//! forms servers print them).

use nom::bytes::complete::{take_while1, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::recognize;
use nom::multi::separated_list1;
use nom::{IResult, Parser};

/// What a web page's address obfuscation leaves of an address when a
/// customer copies it (`[email protected]`).
pub const MASKED: &[&str] = &["[email protected]", "[email\u{a0}protected]"];

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c)
}

fn is_local_byte(b: u8) -> bool {
    b == b'.' || is_atext(b as char)
}

fn is_label(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// `dot-atom-text` (RFC 5322 §3.2.3).
fn dot_atom(i: &str) -> IResult<&str, &str> {
    recognize(separated_list1(char('.'), take_while1(is_atext))).parse(i)
}

/// A domain: labels joined by dots, or an address literal `[…]`.
fn domain(i: &str) -> IResult<&str, &str> {
    let literal = recognize((
        char('['),
        take_while_m_n(2, 60, |c: char| {
            c.is_ascii_hexdigit() || ".:Iipv6".contains(c)
        }),
        char(']'),
    ));
    let name = recognize(separated_list1(char('.'), take_while1(is_label)));
    nom::branch::alt((literal, name)).parse(i)
}

/// `addr-spec = local-part "@" domain`, with a dot-atom local part.
///
/// ```
/// use pantul::grammar::address::addr_spec;
/// assert_eq!(addr_spec("neko@example.org>"), Ok((">", "neko@example.org")));
/// ```
pub fn addr_spec(i: &str) -> IResult<&str, &str> {
    recognize((dot_atom, char('@'), domain)).parse(i)
}

/// Every address in `text`, in order, with its byte offset. Trailing dots
/// (end of a sentence) are not part of an address.
pub fn find_addresses(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'@', &bytes[from..]).map(|i| from + i)
    {
        let mut start = at;
        while start > 0 && is_local_byte(bytes[start - 1]) {
            start -= 1;
        }
        while start < at && bytes[start] == b'.' {
            start += 1;
        }
        from = at + 1;
        if start == at {
            continue;
        }
        if let Ok((_, addr)) = addr_spec(&text[start..]) {
            let addr = addr.trim_end_matches(['.', '-']);
            if plausible(addr) {
                found.push((start, addr));
                from = start + addr.len();
            }
        }
    }
    found
}

/// The first address in `text`.
pub fn find_address(text: &str) -> Option<&str> {
    find_addresses(text).into_iter().next().map(|(_, a)| a)
}

/// True if and only if the address has a non-empty local part and domain.
fn plausible(addr: &str) -> bool {
    match addr.rsplit_once('@') {
        Some((local, domain)) => !local.is_empty() && !domain.is_empty(),
        None => false,
    }
}

/// True if and only if `text` holds an address masked by a web page.
pub fn is_masked(text: &str) -> bool {
    MASKED.iter().any(|m| text.contains(m))
}

/// An address without its angle brackets, quotes and `rfc822;` type.
pub fn clean(addr: &str) -> &str {
    let addr = addr.trim();
    let addr = match addr.split_once(';') {
        Some((kind, rest)) if !kind.contains('@') => rest.trim(),
        _ => addr,
    };
    addr.trim_matches(|c| matches!(c, '<' | '>' | '"' | '\'' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_addresses_in_brackets_and_prose() {
        let text = "<kijitora@example.org>: mail for neko@example.jp. Done";
        let found: Vec<&str> =
            find_addresses(text).into_iter().map(|f| f.1).collect();
        assert_eq!(found, ["kijitora@example.org", "neko@example.jp"]);
    }

    #[test]
    fn cleans_dsn_values() {
        assert_eq!(clean("rfc822; <neko@example.jp>"), "neko@example.jp");
    }

    #[test]
    fn sees_masked_addresses() {
        assert!(is_masked("[email protected]"));
        assert!(find_addresses("[email protected]").is_empty());
    }
}
