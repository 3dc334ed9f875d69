// SPDX-License-Identifier: MIT
//! Exim main-log delivery lines:
//!
//! ```text
//! 2024-01-02 03:04:05 1rAbCd-000123-Ab ** neko@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<neko@example.org>: 550 5.1.1 User unknown
//! 2024-01-02 03:04:05 1rAbCd-000123-Ab == neko@example.org R=dnslookup T=remote_smtp defer (-44) H=mx.example.org [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<neko@example.org>: 451 4.7.1 Try later
//! 2024-01-02 03:04:05 1rAbCd-000123-Ab => neko@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.1] C="250 2.0.0 Ok"
//! ```
//!
//! The id has 6-6-2 characters before Exim 4.97 and 6-11-4 since.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till1, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, space0, space1};
use nom::combinator::{opt, recognize};
use nom::{IResult, Parser};

/// What a log line says happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `**`: failed for good.
    Failed,
    /// `==`: deferred.
    Deferred,
    /// `=>`, `->`, `*>`: delivered.
    Delivered,
}

/// One delivery line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine<'a> {
    /// The time stamp (and process id), as logged, if the line has one.
    pub logged: Option<&'a str>,
    /// The message id.
    pub message_id: &'a str,
    /// What happened.
    pub outcome: Outcome,
    /// The recipient as logged.
    pub address: &'a str,
    /// `H=name [ip]`, without `H=`.
    pub host: Option<&'a str>,
    /// The text after the fields: the error, or the `C="…"` confirmation.
    pub text: &'a str,
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// `6 "-" 6..11 "-" 2..4` base-62 characters.
fn message_id(i: &str) -> IResult<&str, &str> {
    recognize((
        take_while_m_n(6, 6, is_id_char),
        char('-'),
        take_while_m_n(6, 11, is_id_char),
        char('-'),
        take_while_m_n(2, 4, is_id_char),
    ))
    .parse(i)
}

/// `YYYY-MM-DD HH:MM:SS[.mmm] [±zone]`, then an optional `[pid]`.
fn stamp(i: &str) -> IResult<&str, &str> {
    let date = take_while1(|c: char| c.is_ascii_digit() || c == '-');
    let time =
        take_while1(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
    let zone = opt((space1, alt((char('+'), char('-'))), digit1));
    let pid = opt((space1, char('['), digit1, char(']')));
    recognize((date, space1, time, zone, pid)).parse(i)
}

fn outcome(i: &str) -> IResult<&str, Outcome> {
    alt((
        tag("**").map(|_| Outcome::Failed),
        tag("==").map(|_| Outcome::Deferred),
        alt((tag("=>"), tag("->"), tag("*>"))).map(|_| Outcome::Delivered),
    ))
    .parse(i)
}

/// True if and only if `line` starts as an Exim main-log line does: a
/// date and time, then a space.
///
/// ```
/// use pantul::grammar::exim_log::is_exim_line;
/// assert!(is_exim_line("2024-01-02 03:04:05 SMTP connection from [192.0.2.9]"));
/// assert!(!is_exim_line("Jan  2 03:04:05 mx postfix/smtpd[7]: connect"));
/// ```
pub fn is_exim_line(line: &str) -> bool {
    let Ok((rest, logged)) = stamp(line) else { return false };
    logged.contains(':') && logged.contains('-') && rest.starts_with(' ')
}

/// The message id of a line about one message, and the rest of the
/// line after it; `None` for other lines.
///
/// ```
/// use pantul::grammar::exim_log::message_line;
/// let line = "2024-01-02 03:04:05 1rAbCd-000123-Ab Completed";
/// assert_eq!(message_line(line), Some(("1rAbCd-000123-Ab", "Completed")));
/// ```
pub fn message_line(i: &str) -> Option<(&str, &str)> {
    let (rest, (_, _, id, _)) =
        (stamp, space1, message_id, space1).parse(i).ok()?;
    Some((id, rest))
}

/// The envelope sender of an arrival line (`<=`; `<>` for a bounce).
///
/// ```
/// use pantul::grammar::exim_log::sender;
/// let line = "2024-01-02 03:04:05 1rAbCd-000123-Ab <= tora@example.net \
///     H=localhost [127.0.0.1] P=esmtpa S=912";
/// assert_eq!(sender(line), Some(("1rAbCd-000123-Ab", "tora@example.net")));
/// ```
pub fn sender(line: &str) -> Option<(&str, &str)> {
    let (id, rest) = message_line(line)?;
    let rest = rest.strip_prefix("<= ")?;
    let address = rest.split_whitespace().next()?;
    Some((id, if address == "<>" { "" } else { address }))
}

/// Parses one delivery line; `Err` for other lines.
///
/// ```
/// use pantul::grammar::exim_log::{log_line, Outcome};
/// let line = "2024-01-02 03:04:05 1rAbCd-000123-Ab ** neko@example.org: Unrouteable address";
/// let (_, l) = log_line(line).unwrap();
/// assert_eq!((l.outcome, l.address, l.text), (Outcome::Failed, "neko@example.org", "Unrouteable address"));
/// ```
pub fn log_line(i: &str) -> IResult<&str, LogLine<'_>> {
    let (rest, (logged, _, message_id, _, outcome, _)) =
        (opt(stamp), space0, message_id, space1, outcome, space1).parse(i)?;
    // `** "john doe"@example.org R=…`: a quoted local part may hold
    // spaces.
    let quoted = crate::grammar::address::leading_quoted(rest)
        .map(|a| (&rest[a.len() + usize::from(rest.starts_with('<'))..], a));
    let (rest, address) = match quoted {
        Some(found) => found,
        None => {
            take_till1(|c: char| c.is_whitespace() || c == ':').parse(rest)?
        }
    };
    let address = address.trim_start_matches('<').trim_end_matches('>');
    // A local delivery names the local part, then the address it was
    // routed from (cPanel's `virtual_user`): that address is the one.
    let (rest, address) = match routed_from(rest) {
        Some((after, original)) if !address.contains('@') => (after, original),
        _ => (rest, address),
    };
    let host = rest.find(" H=").map(|at| {
        let value = &rest[at + 3..];
        let end = value.find(']').map_or(value.len(), |e| e + 1);
        &value[..end]
    });
    let text = match outcome {
        Outcome::Delivered => confirmation(rest),
        _ => rest.split_once(": ").map_or("", |(_, t)| t.trim()),
    };
    Ok(("", LogLine { logged, message_id, outcome, address, host, text }))
}

/// The address in angle brackets that Exim logs after a recipient that
/// routing changed, and the rest of the line after it.
///
/// ```text
/// => sales <sales@example.org> R=virtual_user T=virtual_userdelivery
/// ```
fn routed_from(rest: &str) -> Option<(&str, &str)> {
    let inner = rest.strip_prefix(" <")?;
    let (address, after) = inner.split_once('>')?;
    let plain = address.contains('@')
        && !address.contains(|c: char| c.is_whitespace() || c == '<');
    plain.then_some((after, address))
}

/// The text of `C="…"`, the server's answer to a delivery.
fn confirmation(rest: &str) -> &str {
    match rest.split_once(" C=\"") {
        Some((_, c)) => c.rsplit_once('"').map_or(c, |(c, _)| c),
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_failure_with_host() {
        let line = "2024-01-02 03:04:05 1rAbCd-000123-Ab ** neko@example.org \
            R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.1]: SMTP \
            error from remote mail server after RCPT TO:<neko@example.org>: \
            550 5.1.1 User unknown";
        let (_, l) = log_line(line).unwrap();
        assert_eq!(l.outcome, Outcome::Failed);
        assert_eq!(l.host, Some("mx.example.org [192.0.2.1]"));
        assert!(l.text.starts_with("SMTP error from remote mail server"));
    }

    #[test]
    fn reads_a_deferral_with_new_ids_and_pid() {
        let line =
            "2024-01-02 03:04:05.123 +0700 [4242] 1rAbCd-0000000123-AbCd \
            == neko@example.org R=dnslookup T=remote_smtp defer (-53): \
            retry time not reached for any host";
        let (_, l) = log_line(line).unwrap();
        assert_eq!(l.outcome, Outcome::Deferred);
        assert_eq!(l.message_id, "1rAbCd-0000000123-AbCd");
        assert_eq!(l.text, "retry time not reached for any host");
    }

    #[test]
    fn reads_a_delivery() {
        let line = "2024-01-02 03:04:05 1rAbCd-000123-Ab => neko@example.org \
            R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.1] \
            X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C=\"250 2.0.0 Ok: queued\"";
        let (_, l) = log_line(line).unwrap();
        assert_eq!(l.outcome, Outcome::Delivered);
        assert_eq!(l.text, "250 2.0.0 Ok: queued");
    }

    #[test]
    fn reads_the_address_a_local_part_was_routed_from() {
        let line = "2026-12-05 10:01:00 1tBBBB-0001BB-BB => sales \
            <sales@tokomaju.example> R=virtual_user T=virtual_userdelivery";
        let (_, l) = log_line(line).unwrap();
        assert_eq!(l.outcome, Outcome::Delivered);
        assert_eq!(l.address, "sales@tokomaju.example");
        // A whole address keeps its place; the one it came from is not
        // taken for it.
        let line = "2026-12-05 10:01:00 1tBBBB-0001BB-BB ** a@gmail.example \
            <info@tokomaju.example> R=dnslookup T=remote_smtp: retry \
            timeout exceeded";
        let (_, l) = log_line(line).unwrap();
        assert_eq!(l.address, "a@gmail.example");
        assert_eq!(l.text, "retry timeout exceeded");
    }

    #[test]
    fn refuses_arrivals_and_prose() {
        assert!(log_line(
            "2024-01-02 03:04:05 1rAbCd-000123-Ab <= a@example.org"
        )
        .is_err());
        assert!(log_line("hello world").is_err());
    }
}
