// SPDX-License-Identifier: MIT
//! Mail.Ru's notices: a Russian paragraph, then Exim's English one.
//!
//! ```text
//! This message was created automatically by mail delivery software.
//! … The following address(es) failed:
//!
//!   neko@example.org
//!     SMTP error from remote mail server after RCPT TO:<neko@example.org>:
//!     host mx.example.org [192.0.2.1]: 550 5.1.1 <neko@example.org>... User Unknown
//!
//! ------ This is a copy of the message, including all the headers. ------
//! ```
//!
//! When the server's words have no address line, the address comes from
//! `RCPT TO:<…>` or from `X-Failed-Recipients:`.

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::Record;

/// The Mail.Ru family.
pub const FAMILY: Family =
    Family { id: "mailru", claims, extract, words: Some(claim_words) };

/// The English sentence before the failed addresses.
const LEAD: &str = "The following address(es) failed:";

/// The line that starts the returned message.
const ORIGINAL: &[&str] = &["------ This is a copy of the message"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![LEAD]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    layout::has(body, LEAD)
        && (layout::has(body, "сервером Mail.Ru")
            || layout::from_has(notice, &["@corp.mail.ru", "@mail.ru"]))
}

/// A record for each failed address.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ORIGINAL);
    let Some(text) = layout::after_line(text, LEAD) else {
        return Vec::new();
    };
    let blocks = layout::address_blocks(text);
    if blocks.is_empty() {
        return unaddressed(notice, text).into_iter().collect();
    }
    blocks.into_iter().map(|(a, w)| record(a, &w)).collect()
}

/// The record of a notice whose failure has no address line.
fn unaddressed(notice: &Notice, text: &str) -> Option<Record> {
    let words = text.split("\n\n").find(|p| !p.trim().is_empty())?;
    let lower = words.to_ascii_lowercase();
    let in_rcpt =
        lower.find("rcpt to:").and_then(|at| find_address(&words[at..]));
    let failed = notice.header("x-failed-recipients").and_then(find_address);
    Some(record(in_rcpt.or(failed)?, words))
}

fn record(addr: &str, words: &str) -> Record {
    let mut record = layout::record(addr, words);
    let diag = record.diagnostic.clone().unwrap_or_default();
    layout::set_remote(&mut record, layout::host_after(&diag, "host "));
    // Mail.Ru runs Exim and words its failures as Exim does.
    super::exim::early_status(&mut record, FAMILY.id);
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_address_block() {
        let body = "Это письмо создано автоматически сервером Mail.Ru.\n\n\
                    A message that you sent could not be delivered. {LEAD}\n"
            .replace("{LEAD}", LEAD)
            + "\n  neko@example.org\n    SMTP error from remote mail server \
               after RCPT TO:<neko@example.org>:\n    host mx.example.org \
               [192.0.2.1]: 550 5.1.1 <neko@example.org>... User Unknown\n";
        let notice = Notice::fragment(body);
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.1"));
    }
}
