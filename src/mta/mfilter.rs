// SPDX-License-Identifier: MIT
//! Digital Arts m-FILTER, a mail gateway: the failed addresses, then the
//! server's reply and the command it answered, under dashed headings.
//!
//! ```text
//! neko@example.org
//!
//! -------server message
//! 550 5.1.1 unknown user <neko@example.org>
//!
//! -------SMTP command
//! DATA
//!
//! -------original message
//! ```

use super::{layout, Family};
use crate::command::Command;
use crate::notice::Notice;
use crate::record::Record;

/// The m-FILTER family.
pub const FAMILY: Family =
    Family { id: "mfilter", claims, extract, words: Some(claim_words) };

const SERVER: &str = "-------server message";
const COMMAND: &str = "-------SMTP command";

/// Headings that open the returned message.
const ENDS: &[&str] = &["-------original message", "-------original mail info"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["m-FILTER", SERVER]
}

fn claims(notice: &Notice) -> bool {
    let mailer =
        notice.header("x-mailer").is_some_and(|m| m.trim() == "m-FILTER");
    mailer
        || (layout::has(&notice.body, SERVER)
            && layout::has(&notice.body, COMMAND))
}

/// A record for each address line before the server's message.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = layout::before_line(&notice.body, ENDS);
    let Some(at) = body.find(SERVER) else { return Vec::new() };
    let reply = first_line_after(body, SERVER).unwrap_or("");
    let command = first_line_after(body, COMMAND).and_then(Command::from_word);
    body[..at]
        .lines()
        .filter_map(layout::address_line)
        .map(|addr| {
            let mut record = layout::record(addr, reply);
            record.command = record.command.or(command);
            record
        })
        .collect()
}

/// The first line with text after the line `heading`.
fn first_line_after<'a>(text: &'a str, heading: &str) -> Option<&'a str> {
    let rest = layout::after_line(text, heading)?;
    layout::lines(rest)
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("-------"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sections() {
        let body = "The mail could not be sent to this address.\n\
            neko@example.org\n\n\n\
            -------server message\n550 5.1.1 unknown user <neko@example.org>\n\n\
            -------SMTP command\nDATA\n\n-------original message\nTo: x@example.org\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].command, Some(Command::Data));
        assert_eq!(records[0].reply_code, Some(550));
    }
}
