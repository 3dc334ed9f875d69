// SPDX-License-Identifier: MIT
//! Postfix's wording of a remote server's answer:
//! `host mx.example.org[192.0.2.1] said: 550 … (in reply to RCPT TO
//! command)`, of a failed connection: `connect to
//! mx.example.org[192.0.2.1]:25: Connection refused`, and the lines of
//! the session transcript its SMTP server mails to the postmaster
//! (` In:  RCPT TO:<…>`, ` Out: 550 5.1.1 …`).

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1};
use nom::character::complete::{space0, space1};
use nom::combinator::{rest, value};
use nom::{IResult, Parser};

use super::host::{parse_host, Host};
use crate::command::Command;
use crate::input::{clip, MAX_TEXT};
use crate::lowercase::tag_ignore_ascii_case;
use crate::mta::layout::Needle;

/// What a remote server said, as Postfix reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostSaid {
    /// The remote host.
    pub host: Host,
    /// The server's reply, without the `(in reply to …)` tail, on one
    /// line.
    pub reply: String,
    /// The command it answered.
    pub command: Option<Command>,
}

/// `"host" SP host-spec SP "said:" SP reply` where host-spec is
/// `name[ip]`.
///
/// ```
/// use pantul::grammar::postfix::host_said;
/// let said = host_said("host mx.example.org[192.0.2.1] said: 550 No (in reply to RCPT TO command)").unwrap().1;
/// assert_eq!(said.reply, "550 No");
/// assert_eq!(said.host.ip.as_deref(), Some("192.0.2.1"));
/// ```
pub fn host_said(i: &str) -> IResult<&str, HostSaid> {
    let (i, (_, _, spec, _, _)) = (
        tag_ignore_ascii_case("host"),
        space1,
        take_till1(|c: char| c.is_whitespace()),
        space1,
        tag_ignore_ascii_case("said:"),
    )
        .parse(i)?;
    let (reply, command, rest) = split_in_reply_to(i);
    let said =
        HostSaid { host: parse_host(spec), reply: one_line(reply), command };
    Ok((rest, said))
}

/// Finds `host … said:` anywhere in `text`.
pub fn find_host_said(text: &str) -> Option<HostSaid> {
    find_host_said_at(text).map(|(_, said)| said)
}

/// Finds `host … said:` anywhere in `text`, with where it starts.
pub fn find_host_said_at(text: &str) -> Option<(usize, HostSaid)> {
    let mut from = 0;
    const HOST: Needle = Needle::new("host ");
    while let Some(i) = HOST.find_in(&text[from..]) {
        let at = from + i;
        if let Ok((_, said)) = host_said(&text[at..]) {
            return Some((at, said));
        }
        from = at + 5;
    }
    None
}

/// The text up to `(in reply to … command)`, the command, and what
/// follows the tail.
fn split_in_reply_to(text: &str) -> (&str, Option<Command>, &str) {
    const IN_REPLY_TO: Needle = Needle::new("(in reply to ");
    match IN_REPLY_TO.find_in(text) {
        Some(open) => {
            let close =
                text[open..].find(')').map_or(text.len(), |c| open + c + 1);
            let command = Command::find(&text[open..close]);
            (&text[..open], command, &text[close..])
        }
        None => (text, None, ""),
    }
}

/// A failed connection: `connect to name[ip]:port: reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectFailure {
    /// The host Postfix tried.
    pub host: Host,
    /// Why it failed, e.g. `Connection timed out`.
    pub reason: String,
}

/// Finds `connect to name[ip]:port: reason` in `text`.
pub fn find_connect_failure(text: &str) -> Option<ConnectFailure> {
    const CONNECT_TO: Needle = Needle::new("connect to ");
    let at = CONNECT_TO.find_in(text)? + "connect to ".len();
    let rest = &text[at..];
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let spec = rest[..end].trim_end_matches(':');
    let spec = match spec.rfind("]:") {
        Some(i) => &spec[..=i],
        None => spec,
    };
    let reason = one_line(rest[end..].trim_start_matches([':', ' ']));
    Some(ConnectFailure { host: parse_host(spec), reason })
}

/// Who wrote a line of an SMTP session transcript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The client's command (`In:`).
    In,
    /// The server's reply (`Out:`).
    Out,
}

/// `[SP] ("In:" / "Out:") [SP] text`: a line of the transcript in
/// Postfix's "SMTP server: errors from" notice.
///
/// ```
/// use pantul::grammar::postfix::{session_line, Side};
/// let (_, (side, text)) = session_line(" Out: 250 2.1.0 Ok").unwrap();
/// assert_eq!((side, text), (Side::Out, "250 2.1.0 Ok"));
/// ```
pub fn session_line(i: &str) -> IResult<&str, (Side, &str)> {
    let side =
        alt((value(Side::In, tag("In:")), value(Side::Out, tag("Out:"))));
    (space0, side, space0, rest)
        .map(|(_, side, _, text): (_, Side, _, &str)| (side, text.trim_end()))
        .parse(i)
}

/// The lines of a session transcript, each with its continuation lines
/// (indented deeper, without `In:` or `Out:`) joined to it by line
/// breaks; lines before the first `In:` or `Out:` are skipped.
///
/// ```text
///  In:  MAIL
///      FROM:<neko@example.org>
///  Out: 250 2.1.0 Ok
/// ```
pub fn session(text: &str) -> Vec<(Side, String)> {
    let mut out: Vec<(Side, String)> = Vec::new();
    for line in text.lines() {
        if let Ok((_, (side, said))) = session_line(line) {
            out.push((side, said.to_string()));
        } else if line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            if let Some((_, said)) = out.last_mut() {
                said.push('\n');
                said.push_str(line.trim());
            }
        }
    }
    out
}

/// Joins wrapped lines into one, collapsing runs of white space; cut to
/// [`MAX_TEXT`] bytes.
pub fn one_line(text: &str) -> String {
    one_line_of([text])
}

/// [`one_line`] of `lines` joined with line feeds, without joining
/// them: the words of a paragraph past [`MAX_TEXT`] bytes are not
/// copied (a 10 MB paragraph was, whole, to be cut to 8 kB). Words never
/// run across a line feed, so each line's words are read alone, by the
/// same rules as [`one_line`]'s.
pub fn one_line_of<'a, I>(lines: I) -> String
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    let lines = lines.into_iter();
    let joined = lines.clone().fold(0, |n, l| n + l.len() + 1);
    let mut out =
        String::with_capacity(joined.saturating_sub(1).min(MAX_TEXT + 1));
    for text in lines {
        if out.len() > MAX_TEXT {
            break;
        }
        if text.is_ascii() {
            one_line_ascii(text, &mut out);
        } else {
            one_line_words(text, &mut out);
        }
    }
    match clip(&out) {
        Cow::Borrowed(_) => out,
        Cow::Owned(cut) => cut,
    }
}

/// [`one_line`]'s words of an ASCII text, into `out`: found byte by
/// byte, with the white space `split_whitespace` splits at (U+000B
/// included), rather than character by character.
fn one_line_ascii(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if is_ascii_space(bytes[at]) {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && !is_ascii_space(bytes[at]) {
            at += 1;
        }
        if out.len() > MAX_TEXT {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..at]);
    }
}

/// The ASCII characters `char::is_whitespace` holds true for.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// [`one_line`]'s words of a text that is not ASCII, into `out`.
fn one_line_words(text: &str, out: &mut String) {
    for word in text.split_whitespace() {
        if out.len() > MAX_TEXT {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_the_words_of_ascii_as_of_other_texts() {
        let texts = [
            "",
            "  ",
            "a",
            " 550 5.1.1\n\t user\x0Bunknown \r\n",
            "x\x0Cy\x1Fz",
            "ä 550\u{a0}no\u{2003}such user ",
        ];
        for text in texts {
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(one_line(text), words.join(" "), "{text:?}");
        }
        let long = "word ".repeat(MAX_TEXT);
        let mut words = String::new();
        one_line_words(&long, &mut words);
        assert_eq!(one_line(&long), clip(&words));
    }

    #[test]
    fn one_line_of_lines_is_one_line_of_them_joined() {
        let long = "word ".repeat(MAX_TEXT / 4);
        let wide = "kata\u{a0}panjang ".repeat(MAX_TEXT / 8);
        let paragraphs: [&[&str]; 6] = [
            &[],
            &["550 5.1.1", "  user unknown "],
            &["ä 550\u{a0}no", "such\u{2003}user", "x\x0Cy"],
            &[&long, &long, "tail"],
            &[&long, &wide, &long],
            &[&wide, "550", &long],
        ];
        for lines in paragraphs {
            let joined = one_line(&lines.join("\n"));
            assert_eq!(one_line_of(lines.iter().copied()), joined);
        }
    }

    #[test]
    fn reads_a_wrapped_answer() {
        let text = "host meratus.in.tmes.trendmicro.com[18.208.22.78] said: 450 4.7.1\n    \
                    <a@example.org>: Recipient address rejected (in reply to RCPT\n    TO command))";
        let said = find_host_said(text).unwrap();
        assert_eq!(
            said.host.name.as_deref(),
            Some("meratus.in.tmes.trendmicro.com")
        );
        assert_eq!(
            said.reply,
            "450 4.7.1 <a@example.org>: Recipient address rejected"
        );
        assert_eq!(said.command, Some(Command::Rcpt));
    }

    #[test]
    fn reads_a_session_transcript() {
        let text = "Transcript of session follows.\n\n \
                    Out: 220 mx.example.org ESMTP\n \
                    In:  MAIL\n     FROM:<neko@example.org>\n \
                    Out: 250 2.1.0 Ok\n\nFor other details, see the log";
        let lines = session(text);
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[1],
            (Side::In, "MAIL\nFROM:<neko@example.org>".into())
        );
    }

    #[test]
    fn reads_a_connect_failure() {
        let f = find_connect_failure(
            "connect to mx.example.org[192.0.2.1]:25: Connection timed out",
        )
        .unwrap();
        assert_eq!(f.host.ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(f.reason, "Connection timed out");
    }
}
