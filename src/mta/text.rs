// SPDX-License-Identifier: MIT
//! Helpers the MTA families share for reading their human-readable
//! text: where a notice's own words start and stop, which of a table of
//! phrases a text holds, and IP addresses named in prose.

use crate::command::Command;
use crate::grammar::address::find_address;
use crate::grammar::host::parse_ip;

/// True if and only if `text` contains one of `phrases` (case as given).
pub fn contains_any(text: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| text.contains(p))
}

/// The text before the first line that starts with one of `ends` (the
/// line that opens the returned message), or all of `text`.
///
/// ```text
/// --- Below this line is a copy of the message.
/// ```
pub fn before_copy<'a>(text: &'a str, ends: &[&str]) -> &'a str {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if ends.iter().any(|e| trimmed.starts_with(e)) {
            return &text[..at];
        }
        at += line.len();
    }
    text
}

/// The text after the first line that contains one of `starts`; `None`
/// when no line does.
pub fn after_start<'a>(text: &'a str, starts: &[&str]) -> Option<&'a str> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        if starts.iter().any(|s| line.contains(s)) {
            return Some(&text[at..]);
        }
    }
    None
}

/// The words of a notice between its opening sentence and the returned
/// message; the whole text, cut at the copy, when the opening is not
/// there (a fragment may start anywhere).
pub fn section<'a>(text: &'a str, starts: &[&str], ends: &[&str]) -> &'a str {
    before_copy(after_start(text, starts).unwrap_or(text), ends)
}

/// The first word of `text` that is an IP address, trimmed of the
/// punctuation prose puts around it.
///
/// ```text
/// 192.0.2.153 does not like recipient.
/// ```
pub fn first_ip(text: &str) -> Option<String> {
    text.split_whitespace().find_map(|w| {
        let w = w.trim_matches(|c: char| "()[]<>,;:".contains(c));
        let w = w.strip_suffix('.').unwrap_or(w);
        parse_ip(w)
    })
}

/// The command of the first row whose phrase `text` contains.
pub fn command_by_phrase(
    text: &str,
    table: &[(&str, Command)],
) -> Option<Command> {
    table.iter().find(|(p, _)| text.contains(p)).map(|&(_, c)| c)
}

/// A line that opens a recipient's paragraph: `<address>:` followed by
/// the start of its text, as qmail and Sendmail write it.
///
/// ```text
/// <neko@example.org>: 192.0.2.1 does not like recipient.
/// ```
pub fn angle_opening(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix('<')?;
    let (addr, after) = rest.split_once('>')?;
    let text = after.trim_start().strip_prefix(':')?;
    let found = find_address(addr)?;
    (found == addr.trim()).then_some((found, text.trim()))
}

/// Lines joined with single spaces, empty ones dropped.
pub fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines {
        for word in line.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// A recipient's paragraph: its address and the lines that follow the
/// opening line, up to the next opening.
#[derive(Debug, Default)]
pub struct Paragraph<'a> {
    /// The recipient as the opening line names it.
    pub address: &'a str,
    /// The rest of the opening line and the lines after it.
    pub lines: Vec<&'a str>,
}

impl Paragraph<'_> {
    /// The paragraph's lines joined with line breaks, blank ones dropped.
    pub fn text(&self) -> String {
        let kept: Vec<&str> = self
            .lines
            .iter()
            .map(|l| l.trim_end())
            .filter(|l| !l.trim().is_empty())
            .collect();
        kept.join("\n")
    }
}

/// Splits `text` into paragraphs at each line `opening` accepts; lines
/// before the first opening are skipped.
pub fn paragraphs<'a>(
    text: &'a str,
    opening: impl Fn(&'a str) -> Option<(&'a str, &'a str)>,
) -> Vec<Paragraph<'a>> {
    let mut out: Vec<Paragraph<'a>> = Vec::new();
    for line in text.lines() {
        if let Some((address, rest)) = opening(line) {
            out.push(Paragraph { address, lines: vec![rest] });
        } else if let Some(last) = out.last_mut() {
            last.lines.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_a_section() {
        let text = "Hello.\nThis is the mailer.\n<a@example.org>: no\n\
                    --- Below this line is a copy\nTo: b@example.org\n";
        let got = section(text, &["This is the mailer"], &["--- Below"]);
        assert_eq!(got, "<a@example.org>: no\n");
    }

    #[test]
    fn finds_ips_in_prose() {
        assert_eq!(
            first_ip("Connected to 192.0.2.1 but sender was rejected."),
            Some("192.0.2.1".into())
        );
        assert_eq!(
            first_ip("Giving up on 192.0.2.9."),
            Some("192.0.2.9".into())
        );
        assert_eq!(first_ip("no address here"), None);
    }
}
