// SPDX-License-Identifier: MIT
//! Postfix delivery log lines (syslog or ISO 8601 time stamps):
//!
//! ```text
//! Jan  2 03:04:05 mx postfix/smtp[123]: 4AB12C3D4: to=<neko@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.1, status=deferred (host mx.example.org[192.0.2.1] said: 450 4.7.1 Try later (in reply to RCPT TO command))
//! 2024-01-02T03:04:05.123456+07:00 mx postfix/smtp[123]: 4AB12C3D4: to=<neko@example.org>, …
//! ```

use std::borrow::Cow;

use nom::bytes::complete::{tag, take_till1, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, space1};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

/// One delivery attempt as Postfix logs it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Delivery<'a> {
    /// The time stamp, as logged.
    pub logged: &'a str,
    /// The queue id.
    pub queue_id: &'a str,
    /// The program, e.g. `postfix/smtp` or `postfix-out/lmtp`.
    pub program: &'a str,
    /// `to=<…>`.
    pub to: &'a str,
    /// `orig_to=<…>`, if logged.
    pub orig_to: Option<&'a str>,
    /// `relay=name[ip]:port` or `none`.
    pub relay: Option<&'a str>,
    /// `dsn=x.y.z`.
    pub dsn: Option<&'a str>,
    /// `status=` word: `sent`, `deferred`, `bounced`, `expired`, …
    pub status: &'a str,
    /// The text in parentheses after the status word.
    pub detail: &'a str,
}

/// `Mmm dd hh:mm:ss` (RFC 3164) or an ISO 8601 stamp without spaces.
fn timestamp(i: &str) -> IResult<&str, &str> {
    let month = take_while_m_n(3, 3, |c: char| c.is_ascii_alphabetic());
    let clock = take_while1(|c: char| c.is_ascii_digit() || c == ':');
    let syslog = recognize((month, space1, digit1, space1, clock));
    let iso = recognize((
        take_while_m_n(4, 4, |c: char| c.is_ascii_digit()),
        char('-'),
        take_till1(|c: char| c.is_whitespace()),
    ));
    nom::branch::alt((syslog, iso)).parse(i)
}

/// `name "[" pid "]" ":"`, where the name is a Postfix program.
fn program(i: &str) -> IResult<&str, &str> {
    let name = take_while1(|c: char| !c.is_whitespace() && c != '[');
    let (rest, (name, _, _, _, _)) =
        (name, char('['), digit1, char(']'), char(':')).parse(i)?;
    if !name.starts_with("postfix") {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    Ok((rest, name))
}

/// One `name=value` field; values in `<…>` may hold commas.
fn field(i: &str) -> IResult<&str, (&str, &str)> {
    let (i, name) =
        take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_')
            .parse(i)?;
    let (i, _) = char('=').parse(i)?;
    let (i, value) = if i.starts_with('<') {
        recognize((char('<'), opt(take_till1(|c| c == '>')), char('>')))
            .parse(i)?
    } else {
        take_till1(|c: char| c == ',' || c == ' ').parse(i)?
    };
    Ok((i, (name, value)))
}

/// `line` without the terminal colour codes a log saved with
/// `grep --color=always` or a coloured `journalctl` holds: ECMA-48's
/// `ESC [ … m` (graphic rendition) and `ESC [ … K` (erase in line).
/// Any other control sequence is kept.
///
/// ```
/// use pantul::grammar::postfix_log::plain;
/// let line = "a, \u{1b}[01;31m\u{1b}[Kstatus=\u{1b}[m\u{1b}[Kbounced (x)";
/// assert_eq!(plain(line), "a, status=bounced (x)");
/// assert_eq!(plain("\u{1b}[2Jx"), "\u{1b}[2Jx");
/// ```
pub fn plain(line: &str) -> Cow<'_, str> {
    if !line.contains('\u{1b}') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let params = after
            .bytes()
            .skip(2)
            .take_while(|b| b.is_ascii_digit() || *b == b';')
            .count();
        let code = after.as_bytes();
        let colour = code.get(1) == Some(&b'[')
            && matches!(code.get(2 + params), Some(b'm' | b'K'));
        let len = if colour { 2 + params + 1 } else { 1 };
        if !colour {
            out.push('\u{1b}');
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// True if and only if `line` is a Postfix log line: a time stamp, a
/// host name and a Postfix program with its process id.
///
/// ```
/// use pantul::grammar::postfix_log::is_postfix_line;
/// assert!(is_postfix_line("Jan  2 03:04:05 mx postfix/smtpd[7]: connect from a"));
/// assert!(!is_postfix_line("Jan  2 03:04:05 mx sshd[7]: connect from a"));
/// ```
pub fn is_postfix_line(line: &str) -> bool {
    let host = take_till1(|c: char| c.is_whitespace());
    (timestamp, space1, host, space1, program).parse(line).is_ok()
}

/// The start of a Postfix log line about one queued message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueLine<'a> {
    /// The time stamp, as logged.
    pub logged: &'a str,
    /// The program, e.g. `postfix/qmgr`.
    pub program: &'a str,
    /// The queue id (`NOQUEUE` for a message refused before it had one).
    pub queue_id: &'a str,
}

/// Parses the start of a line about a queued message, up to the space
/// after its queue id; the rest is its text.
///
/// ```
/// use pantul::grammar::postfix_log::queue_line;
/// let line = "Jan  2 03:04:05 mx postfix/qmgr[9]: 4AB12C3D4: removed";
/// let (rest, q) = queue_line(line).unwrap();
/// assert_eq!((q.queue_id, rest), ("4AB12C3D4", "removed"));
/// ```
pub fn queue_line(i: &str) -> IResult<&str, QueueLine<'_>> {
    let queue_id = take_while1(|c: char| c.is_ascii_alphanumeric());
    let (i, (logged, _, _, _, program, _, queue_id, _, _)) = (
        timestamp,
        space1,
        take_till1(|c: char| c.is_whitespace()),
        space1,
        program,
        space1,
        queue_id,
        char(':'),
        space1,
    )
        .parse(i)?;
    Ok((i, QueueLine { logged, program, queue_id }))
}

/// The envelope sender of a `qmgr` line, `from=<…>` (empty for a
/// bounce's null sender).
///
/// ```
/// use pantul::grammar::postfix_log::sender;
/// let line = "Jan  2 03:04:05 mx postfix/qmgr[9]: 4AB12C3D4: \
///     from=<tora@example.net>, size=912, nrcpt=1 (queue active)";
/// assert_eq!(sender(line), Some(("4AB12C3D4", "tora@example.net")));
/// ```
pub fn sender(line: &str) -> Option<(&str, &str)> {
    let (rest, q) = queue_line(line).ok()?;
    let (_, (name, value)) = field(rest).ok()?;
    let value = value.strip_prefix('<')?.strip_suffix('>')?;
    (name == "from").then_some((q.queue_id, value))
}

/// The queue id of a message queued again and the one it had before:
/// `postsuper -r` puts a queued message back through `pickup`, which
/// gives it a new queue id and logs the old one as `orig_id=`.
///
/// ```
/// use pantul::grammar::postfix_log::orig_id;
/// let line = "Jan  2 03:04:05 mx postfix/pickup[9]: 5BC23D4E5: uid=0 \
///     from=<tora@example.net> orig_id=4AB12C3D4";
/// assert_eq!(orig_id(line), Some(("5BC23D4E5", "4AB12C3D4")));
/// ```
pub fn orig_id(line: &str) -> Option<(&str, &str)> {
    let (rest, q) = queue_line(line).ok()?;
    let orig =
        rest.split_whitespace().find_map(|w| w.strip_prefix("orig_id="))?;
    let orig = orig.trim_end_matches(',');
    let id =
        !orig.is_empty() && orig.bytes().all(|b| b.is_ascii_alphanumeric());
    (id && orig != q.queue_id).then_some((q.queue_id, orig))
}

/// Parses one log line; `Err` for lines that are not a delivery attempt.
///
/// ```
/// use pantul::grammar::postfix_log::delivery;
/// let line = "Jan  2 03:04:05 mx postfix/smtp[123]: 4AB12C3D4: \
///     to=<neko@example.org>, relay=none, delay=1, dsn=5.4.4, \
///     status=bounced (Host or domain name not found)";
/// let (_, d) = delivery(line).unwrap();
/// assert_eq!((d.to, d.status), ("neko@example.org", "bounced"));
/// ```
pub fn delivery(i: &str) -> IResult<&str, Delivery<'_>> {
    let (mut i, QueueLine { logged, program, queue_id }) = queue_line(i)?;
    let mut d = Delivery { logged, queue_id, program, ..Delivery::default() };
    loop {
        let (rest, (name, value)) = field(i)?;
        let value = value.trim_start_matches('<').trim_end_matches('>');
        match name {
            "to" => d.to = value,
            "orig_to" => d.orig_to = Some(value),
            "relay" => d.relay = Some(value),
            "dsn" => d.dsn = Some(value),
            "status" => d.status = value,
            _ => {}
        }
        i = rest;
        if name == "status" {
            break;
        }
        (i, _) = tag(", ").parse(i)?;
    }
    let i = i.trim().trim_start_matches(',').trim();
    let detail = i.strip_prefix('(').unwrap_or(i);
    d.detail = detail.strip_suffix(')').unwrap_or(detail);
    Ok(("", d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_syslog_line() {
        let line = "Jan  2 03:04:05 mx postfix/smtp[123]: 4AB12C3D4: \
            to=<neko@example.org>, relay=mx.example.org[192.0.2.1]:25, \
            delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.1, status=deferred \
            (host mx.example.org[192.0.2.1] said: 450 4.7.1 Try later \
            (in reply to RCPT TO command))";
        let (_, d) = delivery(line).unwrap();
        assert_eq!(d.logged, "Jan  2 03:04:05");
        assert_eq!(d.queue_id, "4AB12C3D4");
        assert_eq!(d.relay, Some("mx.example.org[192.0.2.1]:25"));
        assert_eq!(d.dsn, Some("4.7.1"));
        assert_eq!(d.status, "deferred");
        assert!(d.detail.starts_with("host mx.example.org[192.0.2.1] said:"));
        assert!(d.detail.ends_with("(in reply to RCPT TO command)"));
    }

    #[test]
    fn reads_an_iso_line_with_orig_to() {
        let line =
            "2024-01-02T03:04:05.123456+07:00 mx postfix/submission/smtp[9]: \
            4Tq1Zx2Yz3: to=<neko@example.org>, orig_to=<tora@example.org>, \
            relay=none, delay=0.1, dsn=5.1.1, status=bounced (unknown user)";
        let (_, d) = delivery(line).unwrap();
        assert_eq!(d.program, "postfix/submission/smtp");
        assert_eq!(d.orig_to, Some("tora@example.org"));
        assert_eq!(d.detail, "unknown user");
    }

    #[test]
    fn refuses_other_lines() {
        assert!(delivery("Jan  2 03:04:05 mx postfix/qmgr[1]: 4AB: removed")
            .is_err());
        assert!(delivery("Jan  2 03:04:05 mx sshd[1]: 4AB: to=<a@b>").is_err());
    }
}
