// SPDX-License-Identifier: MIT
//! Exim's wording of a remote server's answer, in its bounces and its
//! log lines:
//!
//! ```text
//! SMTP error from remote mail server after RCPT TO:<neko@example.org>:
//! host mx.example.org [192.0.2.1]: 550 5.1.1 <neko@example.org>: User unknown
//! ```
//!
//! Exim 4.9x names the host on a line of its own before the error;
//! older versions after it; Exim 3 says `remote mailer`.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_while1};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{opt, recognize};
use nom::sequence::delimited;
use nom::{IResult, Parser};

use super::host::{parse_ip, Host};
use crate::command::Command;
use crate::lowercase::tag_ignore_ascii_case;

/// A remote server's answer as Exim reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SmtpError {
    /// The command the server answered.
    pub command: Option<Command>,
    /// The remote host, when named next to the error.
    pub host: Option<Host>,
    /// The server's words after the command (and host), on one line.
    pub reply: String,
}

/// `"host" SP name [SP] "[" ip "]" [":" port]`, the way Exim names a
/// remote host.
///
/// ```
/// use pantul::grammar::exim::host_spec;
/// let (_, h) = host_spec("host mx.example.org [192.0.2.1]: 550").unwrap();
/// assert_eq!(h.name.as_deref(), Some("mx.example.org"));
/// assert_eq!(h.ip.as_deref(), Some("192.0.2.1"));
/// ```
pub fn host_spec(i: &str) -> IResult<&str, Host> {
    let name = take_till1(|c: char| c.is_whitespace() || c == '[');
    let ip = delimited(char('['), take_while1(|c: char| c != ']'), char(']'));
    let port = opt((char(':'), digit1));
    (tag_ignore_ascii_case("host"), space1, name, space0, ip, port)
        .map(|(_, _, name, _, ip, _): (_, _, &str, _, &str, _)| {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            let named = super::host::is_host_name(&name);
            Host { name: named.then_some(name), ip: parse_ip(ip) }
        })
        .parse(i)
}

/// `"SMTP error from remote " ("mail server" / "mailer" / "server")
/// " after "`, `"LMTP error after "`, or the opening as Indonesian hosts
/// translate it, `"SMTP error dari server " … " setelah "` on one line
/// (`SMTP error dari server email jarak jauh setelah RCPT TO:<…>:`).
fn error_opening(i: &str) -> IResult<&str, &str> {
    if let Some(len) = translated_opening(i) {
        return Ok((&i[len..], &i[..len]));
    }
    let smtp = recognize((
        tag("SMTP error from remote "),
        alt((tag("mail server"), tag("mailer"), tag("server"))),
        tag(" after "),
    ));
    alt((smtp, tag("LMTP error after "))).parse(i)
}

/// The length of the translated opening at the start of `i`, if any.
fn translated_opening(i: &str) -> Option<usize> {
    const OPENING: &str = "SMTP error dari server ";
    const AFTER: &str = " setelah ";
    let rest = i.strip_prefix(OPENING)?;
    let line = &rest[..rest.find(['\n', ':']).unwrap_or(rest.len())];
    Some(OPENING.len() + line.find(AFTER)? + AFTER.len())
}

/// The command text up to the `:` that ends it: a colon followed by
/// white space or the end (`RCPT TO:<a@b>:`, `MAIL FROM:<a@b> SIZE=9:`,
/// `initial connection:`, `end of data:`). A line wrapped before the
/// command's parameters goes on on the next line:
///
/// ```text
/// SMTP error from remote mail server after MAIL FROM:<tora@example.com>
///     SIZE=1234: 553 5.1.8 Sender address domain does not exist
/// ```
fn command_text(i: &str) -> (&str, &str) {
    let bytes = i.as_bytes();
    let mut wrapped = false;
    for (n, &b) in bytes.iter().enumerate() {
        let next = bytes.get(n + 1);
        if b == b':' && next.is_none_or(|c| c.is_ascii_whitespace()) {
            return (&i[..n], &i[n + 1..]);
        }
        if b == b'\n' {
            if wrapped || !parameters_follow(&i[n + 1..]) {
                break;
            }
            wrapped = true;
        }
    }
    (i, "")
}

/// True if and only if `line` opens with an ESMTP parameter of the
/// command (`SIZE=1234`), as when Exim wraps `MAIL FROM:<…> SIZE=…:`.
fn parameters_follow(line: &str) -> bool {
    let word = line.split_whitespace().next().unwrap_or("");
    let name = word.split_once('=').map_or("", |(name, _)| name);
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_uppercase())
}

/// Reads an SMTP error at the start of `i` (see the module docs); the
/// reply is what follows, up to the end of `i`.
pub fn smtp_error(i: &str) -> IResult<&str, SmtpError> {
    let (rest, _) = error_opening(i)?;
    let (said, rest) = command_text(rest);
    let said = said.trim_start_matches("pipelined ");
    let command = Command::from_word(said);
    // RCPT TO:\n<neko@example.org>:  (Exim 3 wraps the address)
    let mut rest = rest.trim_start();
    if rest.starts_with('<') {
        if let Some(end) = rest.find(">:") {
            rest = rest[end + 2..].trim_start();
        }
    }
    let (rest, host) = match host_spec(rest) {
        Ok((after, host)) => (after.trim_start_matches(':'), Some(host)),
        Err(_) => (rest, None),
    };
    let reply = super::postfix::one_line(rest);
    Ok(("", SmtpError { command, host, reply }))
}

/// Finds an SMTP error anywhere in `text`, with the host named on a line
/// before it when the error itself names none.
pub fn find_smtp_error(text: &str) -> Option<SmtpError> {
    let openings =
        ["SMTP error from remote ", "LMTP error after ", "SMTP error dari "];
    let (at, mut error) = openings
        .iter()
        .filter_map(|m| text.find(m))
        .filter_map(|at| Some((at, smtp_error(&text[at..]).ok()?.1)))
        .min_by_key(|(at, _)| *at)?;
    if error.host.is_none() {
        error.host = text[..at]
            .lines()
            .rev()
            .find_map(|l| host_spec(l.trim()).ok().map(|(_, h)| h));
    }
    Some(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_old_order() {
        let text = "SMTP error from remote mail server after RCPT TO:<a@example.org>:\n    \
                    host mx.example.org [192.0.2.1]: 550 5.1.1 <a@example.org>... User Unknown";
        let e = find_smtp_error(text).unwrap();
        assert_eq!(e.command, Some(Command::Rcpt));
        assert_eq!(e.host.unwrap().ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(e.reply, "550 5.1.1 <a@example.org>... User Unknown");
    }

    #[test]
    fn reads_a_command_wrapped_before_its_parameters() {
        let text = "SMTP error from remote mail server after MAIL \
                    FROM:<b@example.net>\n    SIZE=1024: 553 5.1.8 Sender \
                    address domain does not exist";
        let e = find_smtp_error(text).unwrap();
        assert_eq!(e.command, Some(Command::Mail));
        assert_eq!(e.reply, "553 5.1.8 Sender address domain does not exist");
    }

    #[test]
    fn reads_the_new_order() {
        let text = "host mx.example.org [192.0.2.1]\n    \
                    SMTP error from remote mail server after MAIL FROM:<b@example.net> SIZE=1024:\n    \
                    554 5.7.1 Reverse DNS failed.";
        let e = find_smtp_error(text).unwrap();
        assert_eq!(e.command, Some(Command::Mail));
        assert_eq!(e.host.unwrap().name.as_deref(), Some("mx.example.org"));
        assert_eq!(e.reply, "554 5.7.1 Reverse DNS failed.");
    }

    #[test]
    fn reads_exim3_wrapping() {
        let text = "SMTP error from remote mailer after RCPT TO:\n    \
                    <a@example.org>:\n    host mx.example.org [192.0.2.1]:\n    \
                    553 5.1.1 unknown or illegal user";
        let e = find_smtp_error(text).unwrap();
        assert_eq!(e.command, Some(Command::Rcpt));
        assert_eq!(e.reply, "553 5.1.1 unknown or illegal user");
    }

    #[test]
    fn reads_the_opening_as_indonesian_hosts_translate_it() {
        let text = "host mx.example.org [192.0.2.1]\n    SMTP error dari \
                    server email jarak jauh setelah RCPT TO:<a@example.org>:\n    \
                    550 5.1.1 User unknown";
        let e = find_smtp_error(text).unwrap();
        assert_eq!(e.command, Some(Command::Rcpt));
        assert_eq!(e.host.unwrap().ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(e.reply, "550 5.1.1 User unknown");
        assert!(find_smtp_error("SMTP error dari server: 550 no").is_none());
    }

    #[test]
    fn reads_connection_and_data_errors() {
        let e = find_smtp_error(
            "SMTP error from remote mail server after initial connection:\n 554 No",
        )
        .unwrap();
        assert_eq!(e.command, Some(Command::Connect));
        let e = find_smtp_error(
            "SMTP error from remote mail server after end of data:\n 554 No",
        )
        .unwrap();
        assert_eq!(e.command, Some(Command::Data));
    }
}
