// SPDX-License-Identifier: MIT
//! Mail addresses in running text (RFC 5322 §3.4.1 `addr-spec`, in the
//! forms servers print them), internationalised ones included (RFC 6531
//! and RFC 6532: UTF-8 local parts and domains).

use nom::bytes::complete::{take_while1, take_while_m_n};
use nom::character::complete::char;
use nom::combinator::recognize;
use nom::multi::separated_list1;
use nom::{IResult, Parser};

/// What a web page's address obfuscation leaves of an address when a
/// customer copies it (`[email protected]`).
pub const MASKED: &[&str] = &["[email protected]", "[email\u{a0}protected]"];

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "!#$%&'*+/=?^_`{|}~-".contains(c)
        || is_utf8_letter(c)
}

fn is_local_char(c: char) -> bool {
    c == '.' || is_atext(c)
}

fn is_label(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || is_utf8_letter(c)
}

/// A non-ASCII letter, digit or combining mark: what RFC 6532's
/// `UTF8-non-ascii` brings to addresses as people write them
/// (`müller@example.de`, `用户@例子.广告`), without the quotes, dashes,
/// spaces and symbols that surround an address in prose.
fn is_utf8_letter(c: char) -> bool {
    !c.is_ascii() && (c.is_alphanumeric() || is_combining_mark(c))
}

/// Combining marks that are not letters themselves (accents written
/// apart, Hebrew and Arabic points, the Indic viramas and nuktas).
fn is_combining_mark(c: char) -> bool {
    matches!(
        u32::from(c),
        0x300..=0x36f
            | 0x483..=0x489
            | 0x591..=0x5c7
            | 0x610..=0x61a
            | 0x64b..=0x65f
            | 0x900..=0x963
            | 0x966..=0xdff
            | 0x1ab0..=0x1aff
            | 0x1dc0..=0x1dff
            | 0x20d0..=0x20ff
            | 0xfe20..=0xfe2f
    )
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

/// The longest local part RFC 5321 §4.5.3.1.1 allows, in octets: how
/// far back from an `@` a quoted local part is looked for.
const MAX_LOCAL: usize = 64;

/// True if and only if `c` may stand inside a quoted local part
/// unescaped: RFC 5322's `qtext` and the space (RFC 5321 §4.1.2), with
/// RFC 6532's UTF-8. A line end, a control character, a backslash or a
/// quote may not.
fn is_qtext(c: char) -> bool {
    c == ' '
        || (c.is_ascii_graphic() && c != '"' && c != '\\')
        || is_utf8_letter(c)
}

/// `quoted-string` as a local part (RFC 5322 §3.2.4, RFC 5321 §4.1.2):
/// `"john doe"`, `"a.b..c"`, `"x\"y"`; never empty.
fn quoted_local(i: &str) -> IResult<&str, &str> {
    let pair = recognize((
        char('\\'),
        nom::character::complete::satisfy(|c: char| {
            c == ' ' || c.is_ascii_graphic()
        }),
    ));
    let content = nom::multi::many1_count(nom::branch::alt((
        take_while1(is_qtext),
        pair,
    )));
    recognize((char('"'), content, char('"'))).parse(i)
}

/// `addr-spec = local-part "@" domain`, with a dot-atom local part or a
/// quoted one.
///
/// ```
/// use pantul::grammar::address::addr_spec;
/// assert_eq!(addr_spec("neko@example.org>"), Ok((">", "neko@example.org")));
/// let quoted = "\"john doe\"@example.org>";
/// assert_eq!(addr_spec(quoted), Ok((">", "\"john doe\"@example.org")));
/// ```
pub fn addr_spec(i: &str) -> IResult<&str, &str> {
    let local = nom::branch::alt((quoted_local, dot_atom));
    recognize((local, char('@'), domain)).parse(i)
}

/// Where the quoted local part that ends right before the `@` at `at`
/// opens (`<"john doe"@example.org>`), if one does: its opening quote,
/// at most [`MAX_LOCAL`] bytes back, on the same line, with a quote
/// that a backslash escapes skipped.
fn quoted_start(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if at < 3 || bytes[at - 1] != b'"' {
        return None;
    }
    let from = at.saturating_sub(MAX_LOCAL + 2);
    let mut i = at - 1;
    while i > from {
        i -= 1;
        match bytes[i] {
            b'\n' | b'\r' => return None,
            b'"' if i == 0 || bytes[i - 1] != b'\\' => break,
            _ => {}
        }
    }
    if bytes[i] != b'"' || i + 2 >= at || !text.is_char_boundary(i) {
        return None;
    }
    // The quote opens the address, not a word (`said"x"@…`).
    let before = text[..i].chars().next_back();
    let opens =
        before.is_none_or(|c| c.is_whitespace() || "<([:;,='`".contains(c));
    let (_, local) = quoted_local(&text[i..at]).ok()?;
    (opens && local.len() == at - i).then_some(i)
}

/// Every address in `text`, in order, with its byte offset. Trailing dots
/// (end of a sentence) are not part of an address.
///
/// An address with characters inside it that a reader cannot see (a
/// zero-width space, a direction override, a control character or a
/// terminal control sequence, [`crate::visible::hides_in_address`]) is
/// found whole, with them, rather than cut after the last one: the
/// caller decides what to show of it.
///
/// ```
/// use pantul::grammar::address::find_addresses;
/// let found = find_addresses("<adm\u{200B}in@example.org> unknown");
/// assert_eq!(found, [(1, "adm\u{200B}in@example.org")]);
/// ```
pub fn find_addresses(text: &str) -> Vec<(usize, &str)> {
    if !may_hide(text) {
        return find_plain(text);
    }
    // Found in what a reader sees, then mapped back: `offsets[i]` is
    // where the seen text's byte `i` is in `text`.
    let mut seen = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len());
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        if let Some(n) = crate::visible::control_sequence_len(&text[at..]) {
            at += n;
            continue;
        }
        if !crate::visible::hides_in_address(c) {
            seen.push(c);
            offsets.extend((0..c.len_utf8()).map(|k| at + k));
        }
        at += c.len_utf8();
    }
    find_plain(&seen)
        .into_iter()
        .filter_map(|(start, addr)| {
            // The address's last byte maps to the last byte of its
            // last character.
            let from = *offsets.get(start)?;
            let to = *offsets.get(start + addr.len() - 1)? + 1;
            let (from, to) =
                (hidden_before(text, from), hidden_after(text, to));
            Some((from, text.get(from..to)?))
        })
        .collect()
}

/// Where a run of hidden characters right before `at` starts, when an
/// opening bracket or quote or the start of the text comes before the
/// run (`<\u{202E}neko@…>`: the server was given them as the start of
/// the address); else `at`.
fn hidden_before(text: &str, at: usize) -> usize {
    let run: usize = text[..at]
        .chars()
        .rev()
        .take_while(|&c| crate::visible::is_mark(c))
        .map(char::len_utf8)
        .sum();
    let before = &text[..at - run];
    let opened =
        before.is_empty() || before.ends_with(['<', '(', '[', '"', '\'', ':']);
    if run > 0 && opened {
        at - run
    } else {
        at
    }
}

/// Where a run of hidden characters right after `at` ends, when a
/// closing bracket or quote or the end of the text follows the run;
/// else `at`.
fn hidden_after(text: &str, at: usize) -> usize {
    let run: usize = text[at..]
        .chars()
        .take_while(|&c| crate::visible::is_mark(c))
        .map(char::len_utf8)
        .sum();
    let after = &text[at + run..];
    let closed =
        after.is_empty() || after.starts_with(['>', ')', ']', '"', '\'']);
    if run > 0 && closed {
        at + run
    } else {
        at
    }
}

/// True if the text may hold a character that hides in an address;
/// false if and only if it certainly holds none (most texts), checked
/// on bytes: controls, DEL, and the lead bytes of C1 controls and of
/// the direction and zero-width characters.
fn may_hide(text: &str) -> bool {
    text.bytes().any(|b| {
        (b < 0x20 && b != b'\t' && b != b'\n')
            || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2 | 0xef)
    }) && text.chars().any(crate::visible::hides_in_address)
}

/// [`find_addresses`] in text without hidden characters.
fn find_plain(text: &str) -> Vec<(usize, &str)> {
    find_plain_up_to(text, usize::MAX)
}

/// The first `limit` addresses [`find_plain`] finds: the search stops
/// there, so that one address is found without reading a long text on.
fn find_plain_up_to(text: &str, limit: usize) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'@', &bytes[from..]).map(|i| from + i)
    {
        let start_of = |(i, c): (usize, char)| is_local_char(c).then_some(i);
        let local = text[..at].char_indices().rev().map_while(start_of);
        let mut start = quoted_start(text, at)
            .unwrap_or_else(|| local.last().unwrap_or(at));
        // A dot, or the quote that opens `'neko@example.org'` (Outlook
        // quotes its recipients so), is no start of a local part.
        while start < at && matches!(bytes[start], b'.' | b'\'' | b'`') {
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
                if found.len() >= limit {
                    break;
                }
            }
        }
    }
    found
}

/// The address with a quoted local part that `text` opens with (after
/// an optional `<`), whole with the spaces its quotes may hold: for
/// layouts that split their lines at white space.
///
/// ```
/// use pantul::grammar::address::leading_quoted;
/// let line = "\"john doe\"@example.org R=dnslookup";
/// assert_eq!(leading_quoted(line), Some("\"john doe\"@example.org"));
/// assert_eq!(leading_quoted("<\"a..b\"@example.org>:"), Some("\"a..b\"@example.org"));
/// assert_eq!(leading_quoted("neko@example.org"), None);
/// ```
pub fn leading_quoted(text: &str) -> Option<&str> {
    let text = text.strip_prefix('<').unwrap_or(text);
    if !text.starts_with('"') {
        return None;
    }
    let (_, addr) = addr_spec(text).ok()?;
    Some(addr.trim_end_matches(['.', '-'])).filter(|a| plausible(a))
}

/// The first address in `text`.
pub fn find_address(text: &str) -> Option<&str> {
    let found = match may_hide(text) {
        true => find_addresses(text),
        false => find_plain_up_to(text, 1),
    };
    found.into_iter().next().map(|(_, a)| a)
}

/// True if and only if the address has a non-empty local part and domain.
fn plausible(addr: &str) -> bool {
    match addr.rsplit_once('@') {
        Some((local, domain)) => !local.is_empty() && !domain.is_empty(),
        None => false,
    }
}

/// `token` whole when it is an address as a server printed it alone on
/// its line but not a well-formed one: a dot doubled, or opening or
/// closing the part before or after the `@` (`neko@example..org`,
/// `neko@example.org.`), which [`find_addresses`] cuts short as it
/// would cut prose. `None` for a well-formed address or anything else.
///
/// ```
/// use pantul::grammar::address::malformed;
/// assert_eq!(malformed("cs@example..org"), Some("cs@example..org"));
/// assert_eq!(malformed("cs@example.org."), Some("cs@example.org."));
/// assert_eq!(malformed("cs@example.org"), None);
/// assert_eq!(malformed("see cs@example..org"), None);
/// ```
pub fn malformed(token: &str) -> Option<&str> {
    let (local, domain) = token.split_once('@')?;
    let shape = !local.is_empty()
        && !domain.is_empty()
        && local.chars().all(is_local_char)
        && domain.chars().all(|c| c == '.' || is_label(c));
    (shape && is_malformed(token)).then_some(token)
}

/// True if and only if the part before or after the `@` of `addr` has
/// a dot doubled or at its start or end: no server delivers to it.
/// A quoted local part may hold such dots and is not judged.
///
/// ```
/// use pantul::grammar::address::is_malformed;
/// assert!(is_malformed("neko..tora@example.org"));
/// assert!(is_malformed("neko@.example.org"));
/// assert!(!is_malformed("neko.tora@example.org"));
/// assert!(!is_malformed("\"neko..\"@example.org"));
/// ```
pub fn is_malformed(addr: &str) -> bool {
    let Some((local, domain)) = addr.rsplit_once('@') else { return false };
    let bad = |part: &str| {
        part.starts_with('.')
            || part.ends_with('.')
            || part.as_bytes().windows(2).any(|w| w == b"..")
    };
    (!local.starts_with('"') && bad(local)) || bad(domain)
}

/// True if and only if `text` holds an address masked by a web page.
pub fn is_masked(text: &str) -> bool {
    MASKED.iter().any(|m| text.contains(m))
}

/// True if and only if the part before the `@` of `addr` is masked by
/// hand or by a web page: two or more asterisks in a row, as in
/// `x****@example.org` or `a**i@example.org`. Two asterisks in a row
/// are valid in a local part, but no mailbox is named that way.
pub fn has_masked_local_part(addr: &str) -> bool {
    addr.rsplit_once('@').is_some_and(|(local, _)| local.contains("**"))
}

/// An address without its angle brackets, quotes and `rfc822;` type;
/// a quoted local part keeps its quotes (`"neko..tora"@example.org`).
pub fn clean(addr: &str) -> &str {
    let addr = addr.trim();
    let addr = match addr.split_once(';') {
        Some((kind, rest)) if !kind.contains('@') => rest.trim(),
        _ => addr,
    };
    let bare = addr.trim_matches(|c| matches!(c, '<' | '>' | ' '));
    let quoted_local = bare.strip_prefix('"').and_then(|q| q.split_once('"'));
    if quoted_local.is_some_and(|(_, after)| after.starts_with('@')) {
        return bare;
    }
    addr.trim_matches(|c| matches!(c, '<' | '>' | '"' | '\'' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_a_direction_mark_after_the_bracket() {
        let found = find_addresses("<\u{202E}neko@example.org\u{202C}>: no");
        assert_eq!(found, [(1, "\u{202E}neko@example.org\u{202C}")]);
        let found = find_addresses("mail \u{202E}neko@example.org here");
        assert_eq!(found, [(8, "neko@example.org")]);
        let alone = "\u{202E}neko@example.org";
        assert_eq!(find_address(alone), Some(alone));
    }

    #[test]
    fn leaves_the_quotes_around_an_address() {
        let found = find_addresses("'neko@example.org' on 1/2/2026");
        assert_eq!(found, [(1, "neko@example.org")]);
        assert_eq!(
            find_address("`neko@example.org`"),
            Some("neko@example.org")
        );
    }

    #[test]
    fn finds_addresses_in_brackets_and_prose() {
        let text = "<kijitora@example.org>: mail for neko@example.jp. Done";
        let found: Vec<&str> =
            find_addresses(text).into_iter().map(|f| f.1).collect();
        assert_eq!(found, ["kijitora@example.org", "neko@example.jp"]);
    }

    #[test]
    fn finds_an_address_whole_around_hidden_characters() {
        let text = "rfc822; a\u{1b}[31mred\u{1b}[0m@example.com, user\u{202E}moc@example.org";
        let found: Vec<&str> =
            find_addresses(text).into_iter().map(|f| f.1).collect();
        assert_eq!(
            found,
            [
                "a\u{1b}[31mred\u{1b}[0m@example.com",
                "user\u{202E}moc@example.org"
            ]
        );
    }

    #[test]
    fn finds_internationalised_addresses_whole() {
        let text = "<m\u{fc}ller@example.de>: unknown; «用户@例子.广告», \
                    \u{201c}user@g\u{43e}mail.example\u{201d} and \
                    kijitora@xn--r8jz45g.example.";
        let found: Vec<&str> =
            find_addresses(text).into_iter().map(|f| f.1).collect();
        assert_eq!(
            found,
            [
                "m\u{fc}ller@example.de",
                "用户@例子.广告",
                "user@g\u{43e}mail.example",
                "kijitora@xn--r8jz45g.example",
            ]
        );
    }

    #[test]
    fn keeps_combining_marks_inside_an_address() {
        let hindi = "\u{92a}\u{930}\u{940}\u{915}\u{94d}\u{937}\u{93e}";
        let text = format!("to <{hindi}@example.in>");
        assert_eq!(find_address(&text), Some(&text[4..text.len() - 1]));
    }

    #[test]
    fn cleans_dsn_values() {
        assert_eq!(clean("rfc822; <neko@example.jp>"), "neko@example.jp");
        let quoted = "rfc822; <\"neko..tora\"@example.jp>";
        assert_eq!(clean(quoted), "\"neko..tora\"@example.jp");
    }

    #[test]
    fn sees_masked_addresses() {
        assert!(has_masked_local_part("x****@example.org"));
        assert!(!has_masked_local_part("a*b@example.org"));
        assert!(is_masked("[email protected]"));
        assert!(find_addresses("[email protected]").is_empty());
    }
}
