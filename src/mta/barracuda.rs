// SPDX-License-Identifier: MIT
//! Barracuda Spam Firewall (Email Security Gateway) refusing a message
//! for its content:
//!
//! ```text
//! Your message to: neko@example.org
//! was blocked by our Spam Firewall. The email you sent with the
//! following subject has NOT BEEN DELIVERED:
//! ```
//!
//! The delivery-status part, when there is one, adds the codes.

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::grammar::postfix::{find_host_said, HostSaid};
use crate::notice::Notice;
use crate::record::Record;

/// The Barracuda family.
pub const FAMILY: Family =
    Family { id: "barracuda", claims, extract, words: Some(claim_words) };

/// The words before each refused address.
const LEAD: &str = "Your message to:";

/// The appliance's reply when it refuses recipients, each named in
/// parentheses with its verdict after a colon:
///
/// ```text
/// 550 permanent failure for one or more recipients (neko@example.org:blocked)
/// ```
const FAILURE: &str = "failure for one or more recipients (";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["was blocked by our Spam Firewall", FAILURE]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    (layout::has(body, LEAD)
        && layout::has(body, "was blocked by our Spam Firewall"))
        || (layout::has(body, FAILURE)
            && !layout::lines(body).any(opens_a_paragraph)
            && !QUOTED_BY.iter().any(|q| layout::has(body, q)))
}

/// Exim's words before the reply it quotes for one recipient: the
/// appliance's reply there is one recipient's, and the Exim family reads
/// it along with the others (as [`opens_a_paragraph`] for Postfix).
///
/// ```text
///   neko@example.org
///     host mx.example.org [192.0.2.1]
///     SMTP error from remote mail server after RCPT TO:<neko@example.org>:
///     550 permanent failure for one or more recipients (neko@example.org:blocked)
/// ```
const QUOTED_BY: &[&str] = &[
    "SMTP error from remote mail server after",
    "SMTP error from remote mailer after",
];

/// Whether a line opens another MTA's paragraph for one recipient: that
/// MTA quotes the appliance's reply there, and its family reads it along
/// with the notice's other recipients.
///
/// ```text
/// <neko@example.org>: host mx.example.org[192.0.2.1] said: 550 permanent
///     failure for one or more recipients (neko@example.org:blocked)
/// ```
fn opens_a_paragraph(line: &str) -> bool {
    layout::angle_opening(line).is_some()
}

/// A record for each `Your message to:` line, with the sentence after;
/// else one for each address in the appliance's reply, with the reply.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let lines: Vec<&str> = layout::lines(&notice.body).map(str::trim).collect();
    let records: Vec<Record> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let addr = find_address(l.strip_prefix(LEAD)?)?;
            let words = lines.get(i + 1).copied().unwrap_or("");
            Some(layout::record(addr, words))
        })
        .collect();
    if !records.is_empty() {
        return records;
    }
    let mut records =
        lines.iter().find_map(|l| refused_in_reply(l)).unwrap_or_default();
    if let Some(said) = find_host_said(&notice.body) {
        records.iter_mut().for_each(|r| add_answer(r, &said));
    }
    records
}

/// Adds the appliance's own answer, which a relaying MTA quoted beside
/// its verdict, to a recipient's record: the host that gave it, and
/// its words when they say more than the verdict (the list that
/// blocked the sending IP), the verdict kept as context.
///
/// ```text
/// Remote Server returned '550 permanent failure for one or more recipients (neko@example.org:blocked)'
/// host barracuda.example.org[192.0.2.9] said: 554 Service unavailable; Client host [192.0.2.201] blocked using Barracuda Reputation; https://…
/// ```
fn add_answer(record: &mut Record, said: &HostSaid) {
    layout::set_remote(record, Some(said.host.clone()));
    if layout::has(&said.reply, FAILURE) {
        return;
    }
    record.context = record.diagnostic.take();
    record.diagnostic = Some(said.reply.clone());
    record.command = record.command.or(said.command);
    record.reply_code = None;
    record.status = None;
    record.fill_codes_from_diagnostic();
}

/// The records of a line holding the appliance's reply: the reply from
/// its code to the closing parenthesis, for each `(address:verdict)`.
fn refused_in_reply(line: &str) -> Option<Vec<Record>> {
    let at = layout::find(line, FAILURE)?;
    let start = line[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == ' '))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let rest = &line[at + FAILURE.len()..];
    let inside = &rest[..rest.find(')')?];
    let reply = &line[start..at + FAILURE.len() + inside.len() + 1];
    let records: Vec<Record> = inside
        .split([',', ' '])
        .filter_map(|item| find_address(item.split_once(':')?.0))
        .take(crate::input::MAX_RECIPIENTS + 1)
        .map(|addr| layout::record(addr, reply.trim()))
        .collect();
    (!records.is_empty()).then_some(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reply starts after the last character that is not a letter,
    /// digit or space before it, whatever that character's width.
    #[test]
    fn a_wide_character_before_the_reply() {
        let line = "said \u{201c}550 permanent failure for one or more \
                    recipients (neko@example.org:blocked)";
        let records = refused_in_reply(line).unwrap();
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
    }

    #[test]
    fn reads_the_refused_address() {
        let body = "Your message to: neko@example.org\nwas blocked by our \
                    Spam Firewall. The email you sent with the following \
                    subject has NOT BEEN DELIVERED:\n\nSubject: hello\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        assert_eq!(
            extract(&notice)[0].address.as_deref(),
            Some("neko@example.org")
        );
    }

    #[test]
    fn leaves_a_relayed_reply_to_the_relaying_mta() {
        let body = "<tora@example.com>: host mx.example.com[192.0.2.7] \
                    said: 554 Blocked\n\n<neko@example.org>: host \
                    mx.example.org[192.0.2.8] said: 550 permanent failure \
                    for one or more recipients (neko@example.org:blocked) \
                    (in reply to end of data command)\n";
        assert!(!claims(&Notice::fragment(body.to_string())));
        let alone = "Remote Server returned '550 permanent failure for one \
                     or more recipients (neko@example.org:blocked)'";
        assert!(claims(&Notice::fragment(alone.to_string())));
    }
}
