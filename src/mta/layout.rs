// SPDX-License-Identifier: MIT
//! Pieces that many notice layouts share: the text before the returned
//! message, a line that is only an address, paragraphs opened by such
//! lines, and a record made from an address and the words after it.
//!
//! The families of commercial MTAs and providers differ in their
//! sentences, not in these shapes, so each family names its sentences
//! and lets these helpers do the reading.

use crate::command::Command;
use crate::grammar::address::{self, find_address};
use crate::grammar::host::{parse_host, parse_ip, Host};
use crate::grammar::postfix::one_line;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// True if and only if the notice's `From:` contains one of `needles`
/// (ASCII case ignored).
pub fn from_has(notice: &Notice, needles: &[&str]) -> bool {
    contains_any(notice.from(), needles)
}

/// True if and only if `text` contains one of `needles`, ASCII case
/// ignored.
pub fn contains_any(text: &str, needles: &[&str]) -> bool {
    let lower = text.to_ascii_lowercase();
    needles.iter().any(|n| lower.contains(&n.to_ascii_lowercase()))
}

/// The text before the first line that starts (after white space)
/// with one of `markers`; the whole text when none does.
pub fn before_line<'a>(text: &'a str, markers: &[&str]) -> &'a str {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if markers.iter().any(|m| trimmed.starts_with(m)) {
            return &text[..at];
        }
        at += line.len();
    }
    text
}

/// The text after the first line that contains `marker`, or `None`.
pub fn after_line<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let at = text.find(marker)?;
    let end = text[at..].find('\n').map_or(text.len(), |e| at + e + 1);
    Some(&text[end..])
}

/// The address a line holds when the line is nothing but an address,
/// perhaps in angle brackets, after `mailto:`, with a display name
/// before it, or with a trailing `:`:
///
/// ```text
///      neko@example.org
/// <neko@example.org>:
/// Neko<mailto:neko@example.org>
/// ```
pub fn address_line(line: &str) -> Option<&str> {
    let t = line.trim().trim_end_matches([':', ',', ';']).trim_end();
    let found = address::find_addresses(t);
    let [(at, addr)] = found.as_slice() else { return None };
    let before = t[..*at].trim_end_matches("mailto:");
    let before = before.trim_end_matches(['<', '"', '\'', '(']).trim();
    let after = t[at + addr.len()..].trim_start_matches(['>', '"', '\'', ')']);
    let name_only = before.is_empty()
        || (!before.contains(':') && before.split_whitespace().count() <= 4);
    (name_only && after.trim().is_empty()).then_some(*addr)
}

/// Paragraphs opened by an address line, each with the lines that
/// follow it up to the next address line; lines before the first
/// address line are left out.
pub fn address_blocks(text: &str) -> Vec<(&str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    for line in text.lines() {
        if let Some(addr) = address_line(line) {
            out.push((addr, String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
            body.push('\n');
        }
    }
    out
}

/// A record for `addr` whose diagnostic is `text` on one line, with the
/// reply code, status and command read from it.
pub fn record(addr: &str, text: &str) -> Record {
    let mut record = Record {
        address: find_address(addr).map(str::to_string),
        masked: address::is_masked(addr),
        action: Some(Action::Failed),
        ..Record::default()
    };
    let diagnostic = one_line(text);
    if !diagnostic.is_empty() {
        record.diagnostic = Some(diagnostic);
    }
    record.fill_codes_from_diagnostic();
    record
}

/// Sets the command from a bracketed tag such as `[RCPT_TO]` or
/// `(MAIL FROM)` in the diagnostic, when none is known.
pub fn command_from_tag(record: &mut Record) {
    if record.command.is_some() {
        return;
    }
    let Some(diag) = &record.diagnostic else { return };
    for (open, close) in [('[', ']'), ('(', ')')] {
        for piece in diag.split(open).skip(1) {
            let Some((tag, _)) = piece.split_once(close) else { continue };
            let word = tag.replace('_', " ");
            let first = word.split_whitespace().next().unwrap_or("");
            let whole = matches!(
                word.trim().to_ascii_uppercase().as_str(),
                "RCPT TO" | "MAIL FROM" | "DATA" | "EHLO" | "HELO" | "CONNECT"
            );
            if whole || first.eq_ignore_ascii_case("END") {
                if let Some(c) = Command::from_word(&word) {
                    record.command = Some(c);
                    return;
                }
            }
        }
    }
}

/// The first host spec in `text` after `marker` (`by mx.example.org.
/// [192.0.2.1]`, `at mx.example.org (192.0.2.1)`), if any.
pub fn host_after(text: &str, marker: &str) -> Option<Host> {
    let lower = text.to_ascii_lowercase();
    let marker = marker.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&marker) {
        let at = from + i + marker.len();
        from = at;
        if let Some(host) = host_at(&text[at..]) {
            return Some(host);
        }
    }
    None
}

/// The host spec at the start of `text`: a name, perhaps followed by
/// `[ip]` or `(ip)`, or an IP address alone.
fn host_at(text: &str) -> Option<Host> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let mut spec = first.trim_end_matches([',', ';', ':', '\'']).to_string();
    if let Some(next) = words.next() {
        if next.starts_with(['[', '(']) {
            spec.push_str(next.trim_end_matches([',', ';', ':', '.', '\'']));
        }
    }
    let host = parse_host(spec.trim_end_matches('.'));
    (host.name.is_some() || host.ip.is_some()).then_some(host)
}

/// Sets the remote host and IP from `host` where they are unknown.
pub fn set_remote(record: &mut Record, host: Option<Host>) {
    let Some(host) = host else { return };
    if record.remote_host.is_none() {
        record.remote_host = host.name;
    }
    if record.remote_ip.is_none() {
        record.remote_ip = host.ip.and_then(|ip| parse_ip(&ip));
    }
}

/// The value of the first field `name:` in a header block such as the
/// returned message's headers (`name` in any case), unfolded.
pub fn field<'a>(block: &'a str, name: &str) -> Option<&'a str> {
    for line in block.lines() {
        let Some((n, v)) = line.split_once(':') else { continue };
        if n.trim().eq_ignore_ascii_case(name) && !n.starts_with([' ', '\t']) {
            return Some(v.trim());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_address_lines() {
        assert_eq!(
            address_line("     neko@example.org"),
            Some("neko@example.org")
        );
        assert_eq!(
            address_line("<neko@example.org>:"),
            Some("neko@example.org")
        );
        assert_eq!(
            address_line("Neko<mailto:neko@example.org>"),
            Some("neko@example.org")
        );
        assert_eq!(address_line("Mail for neko@example.org failed"), None);
        assert_eq!(address_line("To: neko@example.org"), None);
    }

    #[test]
    fn cuts_before_the_returned_message() {
        let text = "a\nb\n----- Original message -----\nc\n";
        assert_eq!(before_line(text, &["----- Original"]), "a\nb\n");
    }

    #[test]
    fn finds_a_host_after_a_marker() {
        let host = host_after(
            "rejected by the server for the recipient domain example.org \
             by mx.example.org. [192.0.2.1].",
            " by ",
        );
        let host = host.unwrap();
        assert_eq!(host.name.as_deref(), Some("mx.example.org"));
        assert_eq!(host.ip.as_deref(), Some("192.0.2.1"));
    }

    #[test]
    fn reads_bracketed_commands() {
        let mut r = record("neko@example.org", "550 5.1.1 No [RCPT_TO]");
        command_from_tag(&mut r);
        assert_eq!(r.command, Some(Command::Rcpt));
    }
}
