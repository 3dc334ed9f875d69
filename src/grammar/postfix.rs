// SPDX-License-Identifier: MIT
//! Postfix's wording of a remote server's answer:
//! `host mx.example.org[192.0.2.1] said: 550 … (in reply to RCPT TO
//! command)`, and of a failed connection: `connect to
//! mx.example.org[192.0.2.1]:25: Connection refused`.

use nom::bytes::complete::{tag_no_case, take_till1};
use nom::character::complete::space1;
use nom::{IResult, Parser};

use super::host::{parse_host, Host};
use crate::command::Command;

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
        tag_no_case("host"),
        space1,
        take_till1(|c: char| c.is_whitespace()),
        space1,
        tag_no_case("said:"),
    )
        .parse(i)?;
    let (reply, command, rest) = split_in_reply_to(i);
    let said =
        HostSaid { host: parse_host(spec), reply: one_line(reply), command };
    Ok((rest, said))
}

/// Finds `host … said:` anywhere in `text`.
pub fn find_host_said(text: &str) -> Option<HostSaid> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("host ") {
        let at = from + i;
        if let Ok((_, said)) = host_said(&text[at..]) {
            return Some(said);
        }
        from = at + 5;
    }
    None
}

/// The text up to `(in reply to … command)`, the command, and what
/// follows the tail.
fn split_in_reply_to(text: &str) -> (&str, Option<Command>, &str) {
    let lower = text.to_ascii_lowercase();
    match lower.find("(in reply to ") {
        Some(open) => {
            let close =
                lower[open..].find(')').map_or(text.len(), |c| open + c + 1);
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
    let lower = text.to_ascii_lowercase();
    let at = lower.find("connect to ")? + "connect to ".len();
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

/// Joins wrapped lines into one, collapsing runs of white space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn reads_a_connect_failure() {
        let f = find_connect_failure(
            "connect to mx.example.org[192.0.2.1]:25: Connection timed out",
        )
        .unwrap();
        assert_eq!(f.host.ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(f.reason, "Connection timed out");
    }
}
