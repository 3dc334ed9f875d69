// SPDX-License-Identifier: MIT
//! QUALITIA Active!hunter, a mail filter: Sendmail's headings, each
//! recipient on a `>>>` line, the server's reply in the transcript.
//!
//! ```text
//!   ----- The following addresses had permanent fatal errors -----
//!
//! >>> neko@example.org <neko@example.org>
//!
//!   ----- Transcript of session follows -----
//! 550 sorry, no mailbox here by that name (#5.1.1 - chkusr)
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::grammar::reply::parse_reply;
use crate::notice::Notice;
use crate::record::Record;

/// The Active!hunter family.
pub const FAMILY: Family =
    Family { id: "activehunter", claims, extract, words: Some(claim_words) };

const LIST: &str =
    "----- The following addresses had permanent fatal errors -----";
const TRANSCRIPT: &str = "----- Transcript of session follows -----";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["x-ahmailid", LIST]
}

fn claims(notice: &Notice) -> bool {
    // X-AHMAILID: 20250310T090000+0700-0000-0000
    let header = notice.header("x-ahmailid").is_some();
    // >>> neko@example.org <neko@example.org>
    let layout = layout::has(&notice.body, LIST)
        && layout::lines(&notice.body).any(|l| recipient_line(l).is_some());
    header || layout
}

/// A record for each `>>>` line, with the transcript's reply that names
/// it, or the first one.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let Some(list) = layout::after_line(body, LIST) else { return Vec::new() };
    let list = layout::before_line(list, &["-----"]);
    let transcript = layout::after_line(body, TRANSCRIPT).unwrap_or("");
    let replies: Vec<&str> = transcript
        .lines()
        .map_while(|l| {
            (!l.trim_start().starts_with("-----")).then_some(l.trim())
        })
        .filter(|l| parse_reply(l).is_some())
        .collect();
    layout::lines(list)
        .filter_map(recipient_line)
        .map(|addr| {
            let named = replies.iter().find(|r| r.contains(addr));
            let text = named.or(replies.first()).copied().unwrap_or("");
            layout::record(addr, text)
        })
        .collect()
}

/// `">>> " address " <" address ">"`; without the `>>> ` when quote
/// stripping took it for a quote prefix.
fn recipient_line(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(">>> ").unwrap_or(line);
    let (first, second) = rest.trim().split_once(' ')?;
    let addr = find_address(first).filter(|a| *a == first)?;
    let again = second.trim().strip_prefix('<')?.strip_suffix('>')?;
    again.eq_ignore_ascii_case(addr).then_some(addr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::status::Status;

    #[test]
    fn reads_recipient_lines_with_or_without_their_marks() {
        let line = "neko@example.org <neko@example.org>";
        assert_eq!(recipient_line(line), Some("neko@example.org"));
        assert_eq!(
            recipient_line(&format!(">>> {line}")),
            Some("neko@example.org")
        );
        assert_eq!(recipient_line("neko@example.org <tora@example.org>"), None);
    }

    #[test]
    fn reads_the_list_and_the_transcript() {
        let body = "  ----- The following addresses had permanent fatal errors -----\n\n\
            >>> neko@example.org <neko@example.org>\n\n\
            \x20 ----- Transcript of session follows -----\n\
            550 sorry, no mailbox here by that name (#5.1.1 - chkusr)\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].reply_code, Some(550));
        assert_eq!(records[0].status, Some(Status::new(5, 1, 1)));
    }
}
