// SPDX-License-Identifier: MIT
//! SMTP replies (RFC 5321 §4.2): `Reply-code [ SP / "-" ] [ text ]`, one
//! line or several, often with an enhanced status code at the start of
//! the text (RFC 2034).

use nom::character::complete::{one_of, satisfy};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

use super::status::{enhanced_status, Status};

/// One reply line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyLine<'a> {
    /// The three-digit reply code.
    pub code: u16,
    /// True if and only if the code is followed by `-`: more lines follow.
    pub continued: bool,
    /// The enhanced status code at the start of the text, if any.
    pub status: Option<Status>,
    /// The rest of the line.
    pub text: &'a str,
}

/// A whole reply, its lines joined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The three-digit reply code.
    pub code: u16,
    /// The enhanced status code, if the server gave one.
    pub status: Option<Status>,
    /// The reply's text with the codes of continuation lines removed.
    pub text: String,
}

/// `Reply-code = %x32-35 %x30-35 %x30-39` (RFC 5321 §4.2), limited to the
/// classes a bounce carries (2 to 5).
pub fn reply_code(i: &str) -> IResult<&str, u16> {
    recognize((
        one_of("2345"),
        one_of("012345"),
        satisfy(|c| c.is_ascii_digit()),
    ))
    .map(|s: &str| s.parse().unwrap_or(0))
    .parse(i)
}

/// One reply line: a code, `-` or a space or the end, an optional
/// enhanced status code, then text.
///
/// ```
/// use pantul::grammar::reply::reply_line;
/// let (_, line) = reply_line("550-5.7.1 Go away").unwrap();
/// assert_eq!((line.code, line.continued, line.text), (550, true, "Go away"));
/// ```
pub fn reply_line(i: &str) -> IResult<&str, ReplyLine<'_>> {
    let (i, code) = reply_code(i)?;
    let (i, sep) = opt(one_of(" -\t")).parse(i)?;
    if sep.is_none() && !i.is_empty() && !i.starts_with('\n') {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Char,
        )));
    }
    let (i, status) = opt(enhanced_status).parse(i)?;
    let status = status
        .filter(|_| i.is_empty() || i.starts_with([' ', '\t', '\n', ';', ',']));
    let i = i.trim_start_matches([' ', '\t']);
    let end = i.find('\n').unwrap_or(i.len());
    let line = ReplyLine {
        code,
        continued: sep == Some('-'),
        status,
        text: i[..end].trim_end(),
    };
    Ok((&i[end..], line))
}

/// Parses a reply at the start of `text` (after white space and an
/// optional `#`, as Exchange writes it), joining continuation lines;
/// `None` if the text does not start with a reply code.
pub fn parse_reply(text: &str) -> Option<Reply> {
    let start = text.trim_start().trim_start_matches('#');
    let (mut rest, first) = reply_line(start).ok()?;
    let mut reply = Reply {
        code: first.code,
        status: first.status,
        text: first.text.to_string(),
    };
    let mut continued = first.continued;
    while continued {
        let next = rest.trim_start_matches('\n');
        let Ok((after, line)) = reply_line(next) else { break };
        if line.code != reply.code {
            break;
        }
        join(&mut reply.text, line.text);
        reply.status = reply.status.or(line.status);
        continued = line.continued;
        rest = after;
    }
    reply.text = strip_inline_codes(&reply.text, reply.code, reply.status);
    Some(reply)
}

/// Finds the first reply in running text, such as the words after
/// `said:` or after `SMTP error from remote server …:`; a reply counts
/// when its code stands alone and either an enhanced code follows or it
/// starts the text or follows `:`, `;` or `said` (after `#`, as Exchange
/// writes it, an enhanced code follows: `#421` alone is a number).
pub fn find_reply(text: &str) -> Option<(usize, Reply)> {
    find_reply_at_least(text, 200)
}

/// Finds the first reply in running text, as [`find_reply`] does, whose
/// code is at least `min` (400 for the first failure: a `220` greeting
/// or a `250` acceptance before it is passed over).
pub fn find_reply_at_least(text: &str, min: u16) -> Option<(usize, Reply)> {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'2'..=b'5') {
            continue;
        }
        if i > 0
            && (super::is_word_byte(bytes[i - 1])
                || matches!(bytes[i - 1], b'.' | b'-' | b'/' | b'=' | b'['))
        {
            continue;
        }
        // Only the code and what follows it on a few bytes are read
        // here, so that a long line of numbers costs linear time.
        let head = head_of(text, i);
        let Ok((_, line)) = reply_line(head) else { continue };
        if line.code < min {
            continue;
        }
        let before = text[..i].trim_end().as_bytes();
        let anchored = before.is_empty()
            || before.ends_with(b":")
            || before.ends_with(b";")
            || before.ends_with(b"(")
            || before.ends_with(b"<")
            || before.ends_with(b"\"")
            || before.ends_with(b"'")
            || before.len() >= 4
                && before[before.len() - 4..].eq_ignore_ascii_case(b"said");
        if line.status.is_some() || anchored {
            return parse_reply(&text[i..]).map(|r| (i, r));
        }
    }
    None
}

/// The first bytes of `text` from `at`, enough for a reply code and an
/// enhanced status code, cut at a character boundary.
fn head_of(text: &str, at: usize) -> &str {
    let mut end = (at + 16).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[at..end];
    head.find('\n').map_or(head, |n| &head[..n])
}

fn join(text: &mut String, more: &str) {
    if !text.is_empty() && !more.is_empty() {
        text.push(' ');
    }
    text.push_str(more);
}

/// Removes the `550-5.7.1 ` prefixes that a wrapped multi-line reply
/// leaves inside its own text.
fn strip_inline_codes(text: &str, code: u16, status: Option<Status>) -> String {
    let code = code.to_string();
    // Every prefix holds the code: a text without it has none.
    if !text.contains(code.as_str()) {
        return text.to_string();
    }
    let mut out = text.to_string();
    let mut prefixes = Vec::new();
    if let Some(s) = status {
        prefixes.push(format!(" {code}-{s} "));
        prefixes.push(format!(" {code} {s} "));
    }
    prefixes.push(format!(" {code}-"));
    for p in &prefixes {
        while out.contains(p.as_str()) {
            out = out.replace(p.as_str(), " ");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::status::Status;

    #[test]
    fn joins_multi_line_replies() {
        let text = "550-5.7.1 [192.0.2.1] Our system has detected\n\
                    550-5.7.1 an unusual rate of\n\
                    550 5.7.1 unsolicited mail.";
        let reply = parse_reply(text).unwrap();
        assert_eq!(reply.code, 550);
        assert_eq!(reply.status, Some(Status::new(5, 7, 1)));
        assert_eq!(
            reply.text,
            "[192.0.2.1] Our system has detected an unusual rate of unsolicited mail."
        );
    }

    #[test]
    fn finds_a_reply_after_said() {
        let (at, reply) =
            find_reply("host x[192.0.2.9] said: 450 4.7.1 <a@b>: no").unwrap();
        assert_eq!(at, 24);
        assert_eq!(reply.code, 450);
        assert_eq!(reply.text, "<a@b>: no");
    }

    #[test]
    fn ignores_numbers_that_are_not_replies() {
        assert_eq!(find_reply("port 25 and size 5242880 bytes"), None);
        assert_eq!(find_reply("connect to host[192.0.2.1]:25"), None);
    }

    #[test]
    fn a_number_after_a_hash_is_no_reply() {
        assert_eq!(find_reply("Invoice #421 jatuh tempo"), None);
        let (_, reply) = find_reply("error #550 5.1.1 unknown").unwrap();
        assert_eq!(reply.code, 550);
    }

    #[test]
    fn exchange_writes_a_hash() {
        let reply =
            parse_reply("#550 5.1.1 RESOLVER.ADR.RecipNotFound").unwrap();
        assert_eq!(reply.status, Some(Status::new(5, 1, 1)));
    }
}
