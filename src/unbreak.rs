// SPDX-License-Identifier: MIT
//! Lines that a webmail view broke apart, joined again.
//!
//! A webmail page shows the addresses and host names of a notice as
//! links, and copying the page often puts each link on a line of its
//! own. A Postfix notice then loses the shape its readers look for:
//!
//! ```text
//! <
//! neko@example.org
//! >: host
//! mx.example.org
//! [192.0.2.1] said: 550 5.7.1 Message refused
//! Final-Recipient: rfc822;
//! neko@example.org
//! ```
//!
//! [`rejoin`] puts such pieces back on one line, and only these three
//! shapes, each checked in full:
//!
//! | shape | joined |
//! |---|---|
//! | `<`, an address alone, a line that opens with `>` | `<neko@example.org>: host` |
//! | a line that ends in the word `host`, a host name alone, a line that opens with `[` | `host mx.example.org[192.0.2.1] said: …` |
//! | a field whose value is an address or name type and its `;` (`Final-Recipient: rfc822;`, `Remote-MTA: dns;`), a word alone | `Final-Recipient: rfc822; neko@example.org` |
//!
//! Lines keep their quote prefixes (`> `), which must be the same on
//! the lines joined. Each line is looked at a bounded number of times,
//! so the work is linear in the input.

/// The longest field name read as one that a value type follows.
const MAX_NAME: usize = 40;

/// The longest value type (`rfc822`, `dns`, `x-unix`) read as one.
const MAX_TYPE: usize = 16;

/// `text` (with `\n` line ends) with its broken lines joined again, or
/// `None` when it has none.
///
/// ```text
/// Final-Recipient: rfc822;
/// neko@example.org
/// ```
///
/// becomes `Final-Recipient: rfc822; neko@example.org`.
pub(crate) fn rejoin(text: &[u8]) -> Option<Vec<u8>> {
    if !lines(text).any(may_open) {
        return None;
    }
    let lines: Vec<&[u8]> = lines(text).collect();
    let joins =
        |at: usize| may_open(lines[at]) && joined_at(&lines[at..]).0 > 1;
    let first = (0..lines.len()).find(|&at| joins(at))?;
    // The lines before the first that is joined, as they are.
    let before: usize = lines[..first].iter().map(|l| l.len() + 1).sum();
    let mut out = Vec::with_capacity(text.len());
    out.extend_from_slice(&text[..before]);
    let mut at = first;
    while at < lines.len() {
        // Most lines open no shape: copied as they are.
        let taken = match may_open(lines[at]) {
            true => {
                let (taken, line) = joined_at(&lines[at..]);
                out.extend_from_slice(&line);
                taken
            }
            false => {
                out.extend_from_slice(lines[at]);
                1
            }
        };
        at += taken;
        if at < lines.len() {
            out.push(b'\n');
        }
    }
    Some(out)
}

/// The lines of `text` without their `\n`, as `split` on `\n` gives
/// them (an empty last one after a final `\n`), found by `memchr`.
fn lines(text: &[u8]) -> impl Iterator<Item = &[u8]> + '_ {
    let mut ends = memchr::memchr_iter(b'\n', text);
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        match ends.next() {
            Some(end) => {
                start = Some(end + 1);
                Some(&text[from..end])
            }
            None => {
                start = None;
                Some(&text[from..])
            }
        }
    })
}

/// True if and only if `line` may open one of the shapes: a cheap
/// test that lets a text without any pass untouched.
fn may_open(line: &[u8]) -> bool {
    let line = trim_end(line);
    line.ends_with(b"<") || line.ends_with(b";") || line.ends_with(b"host")
}

/// How many of `lines` (from the first) make one line, and that line:
/// the first alone when no shape opens there.
fn joined_at(lines: &[&[u8]]) -> (usize, Vec<u8>) {
    let first = lines[0];
    let shapes = [angle_address, host_name, typed_value];
    for shape in shapes {
        if let Some((taken, line)) = shape(lines) {
            // A joined line may open another shape (`<…>: host` before
            // a host name alone): it is looked at again, once.
            let mut rest = vec![line.as_slice()];
            rest.extend(lines[taken..].iter().take(2));
            return match host_name(&rest) {
                Some((more, again)) => (taken + more - 1, again),
                None => (taken, line),
            };
        }
    }
    (1, first.to_vec())
}

/// `<`, an address alone, then a line that opens with `>`:
///
/// ```text
/// <
/// neko@example.org
/// >: host
/// ```
fn angle_address(lines: &[&[u8]]) -> Option<(usize, Vec<u8>)> {
    let [open, address, close, ..] = lines else { return None };
    let prefix = quote_prefix(open);
    let same = |l: &[u8]| quote_prefix(l) == prefix;
    if trim_end(&open[prefix.len()..]) != b"<" || !same(address) || !same(close)
    {
        return None;
    }
    let address = trim(&address[prefix.len()..]);
    let close = &close[prefix.len()..];
    if !is_address(address) || !close.starts_with(b">") {
        return None;
    }
    let mut line = open[..prefix.len()].to_vec();
    line.push(b'<');
    line.extend_from_slice(address);
    line.extend_from_slice(close);
    Some((3, line))
}

/// A line that ends in the word `host`, a host name alone, then a line
/// that opens with its address in brackets:
///
/// ```text
/// <neko@example.org>: host
/// mx.example.org
/// [192.0.2.1] said: 550 5.7.1 Message refused
/// ```
fn host_name(lines: &[&[u8]]) -> Option<(usize, Vec<u8>)> {
    let [said, name, address, ..] = lines else { return None };
    let prefix = quote_prefix(said);
    let same = |l: &[u8]| quote_prefix(l) == prefix;
    let said = trim_end(said);
    let word_start = said.len().checked_sub(4)?;
    let host_word = said.ends_with(b"host")
        && (word_start == prefix.len() || is_blank(said[word_start - 1]));
    if !host_word || !same(name) || !same(address) {
        return None;
    }
    let name = trim(&name[prefix.len()..]);
    let address = &address[prefix.len()..];
    if !is_host_name(name) || !address.starts_with(b"[") {
        return None;
    }
    let mut line = said.to_vec();
    line.push(b' ');
    line.extend_from_slice(name);
    line.extend_from_slice(address);
    Some((3, line))
}

/// A field whose value is a type and its `;` alone, then its value
/// alone on the next line:
///
/// ```text
/// Final-Recipient: rfc822;
/// neko@example.org
/// ```
fn typed_value(lines: &[&[u8]]) -> Option<(usize, Vec<u8>)> {
    let [field, value, ..] = lines else { return None };
    let prefix = quote_prefix(field);
    let field = trim_end(field);
    if !is_typed_field(&field[prefix.len()..]) || quote_prefix(value) != prefix
    {
        return None;
    }
    let value = trim(&value[prefix.len()..]);
    let one_word = !value.is_empty()
        && !value.iter().any(|&c| is_blank(c))
        && !value.ends_with(b":");
    if !one_word {
        return None;
    }
    let mut line = field.to_vec();
    line.push(b' ');
    line.extend_from_slice(value);
    Some((2, line))
}

/// True if and only if `line` is `Name: type;` and nothing else:
/// `Final-Recipient: rfc822;`, `X-Postfix-Sender: rfc822;`.
fn is_typed_field(line: &[u8]) -> bool {
    let Some(colon) = memchr::memchr(b':', line) else { return false };
    let name = &line[..colon];
    let name_ok = (1..=MAX_NAME).contains(&name.len())
        && name[0].is_ascii_alphabetic()
        && name.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-');
    let Some(kind) = trim(&line[colon + 1..]).strip_suffix(b";") else {
        return false;
    };
    name_ok
        && (1..=MAX_TYPE).contains(&kind.len())
        && kind.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-')
}

/// The quote prefix of `line`: `>` signs, each run followed by a space
/// (`> `, `>> `, `> > `), so that Postfix's `>: host` has none.
fn quote_prefix(line: &[u8]) -> &[u8] {
    let mut end = 0;
    loop {
        let signs = line[end..].iter().take_while(|&&c| c == b'>').count();
        if signs == 0 || line.get(end + signs) != Some(&b' ') {
            return &line[..end];
        }
        end += signs + 1;
    }
}

/// True if and only if `word` is an address alone, `neko@example.org`,
/// with a dotted domain.
fn is_address(word: &[u8]) -> bool {
    let Some(at) = memchr::memchr(b'@', word) else { return false };
    let local = &word[..at];
    let local_ok = !local.is_empty()
        && local.iter().all(|&c| {
            c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~.".contains(&c)
        });
    local_ok && is_host_name(&word[at + 1..])
}

/// True if and only if `word` is a dotted host name alone,
/// `mx.example.org`.
fn is_host_name(word: &[u8]) -> bool {
    word.contains(&b'.')
        && !word.starts_with(b".")
        && !word.ends_with(b".")
        && word.iter().all(|&c| c.is_ascii_alphanumeric() || b"-.".contains(&c))
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn trim_end(line: &[u8]) -> &[u8] {
    let blank = line.iter().rev().take_while(|&&c| is_blank(c)).count();
    &line[..line.len() - blank]
}

fn trim(line: &[u8]) -> &[u8] {
    let line = trim_end(line);
    let blank = line.iter().take_while(|&&c| is_blank(c)).count();
    &line[blank..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_what_split_gives() {
        for text in ["", "a", "a\n", "\n\n", "a\nb", "a\n\nb\n", "\nx"] {
            let ours: Vec<&[u8]> = lines(text.as_bytes()).collect();
            let split: Vec<&[u8]> =
                text.as_bytes().split(|&b| b == b'\n').collect();
            assert_eq!(ours, split, "{text:?}");
        }
    }

    fn rejoined(text: &str) -> Option<String> {
        rejoin(text.as_bytes()).map(|t| String::from_utf8(t).unwrap())
    }

    #[test]
    fn a_postfix_paragraph_comes_back_on_one_line() {
        let text = "The mail system\n<\nneko@example.org\n>: host\n\
                    mx.example.org\n[192.0.2.1] said: 550 5.7.1 No\n";
        assert_eq!(
            rejoined(text).as_deref(),
            Some(
                "The mail system\n<neko@example.org>: host \
                 mx.example.org[192.0.2.1] said: 550 5.7.1 No\n"
            )
        );
    }

    #[test]
    fn typed_fields_get_their_values_back() {
        let text = "Final-Recipient: rfc822;\nneko@example.org\n\
                    Remote-MTA: dns; \n  mx.example.org\nStatus: 5.7.1\n";
        assert_eq!(
            rejoined(text).as_deref(),
            Some(
                "Final-Recipient: rfc822; neko@example.org\n\
                 Remote-MTA: dns; mx.example.org\nStatus: 5.7.1\n"
            )
        );
    }

    #[test]
    fn quoted_lines_join_under_one_prefix() {
        let text = "> <\n> neko@example.org\n> >: host\n> mx.example.org\n\
                    > [192.0.2.1] said: 550 No\n";
        assert_eq!(
            rejoined(text).as_deref(),
            Some("> <neko@example.org>: host mx.example.org[192.0.2.1] said: 550 No\n")
        );
        assert_eq!(quote_prefix(b">: host"), b"");
        assert_eq!(quote_prefix(b"> > >: host"), b"> > ");
        assert_eq!(quote_prefix(b">> x"), b">> ");
    }

    #[test]
    fn other_lines_are_left_alone() {
        for text in [
            "Final-Recipient: rfc822; neko@example.org\nAction: failed\n",
            "Final-Recipient: rfc822;\nAction: failed\n",
            "Remote-MTA: dns;\nthe host said no\n",
            "Note: see below;\nneko@example.org\n",
            "<\nnot an address\n>: host\n",
            "<\nneko@example.org\nhost\n",
            "I asked the host\nmx.example.org\nabout it\n",
            "localhost\nmx.example.org\n[192.0.2.1]\n",
            "> <\nneko@example.org\n>: host\n",
        ] {
            assert_eq!(rejoined(text), None, "{text}");
        }
        assert_eq!(rejoined(""), None);
        assert_eq!(rejoined("<"), None);
    }
}
