// SPDX-License-Identifier: MIT
//! GMX and web.de (and mail.com on the same servers):
//!
//! ```text
//! This message was created automatically by mail delivery software.
//! … The following address failed:
//!
//! "neko@example.org":
//! SMTP error from remote server after RCPT command:
//! host: mx.example.org
//! 5.1.1 <neko@example.org>... User Unknown
//!
//! --- The header of the original message is following. ---
//! ```
//!
//! A failure of GMX's own says `Reason:` and the words on the next line.

use super::{layout, Family};
use crate::grammar::host::parse_host;
use crate::notice::Notice;
use crate::record::Record;

/// The GMX family.
pub const FAMILY: Family =
    Family { id: "gmx", claims, extract, words: Some(claim_words) };

/// The line that starts the returned message's header.
const ORIGINAL: &[&str] = &["--- The header of the original message"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["--- The header of the original message is following"]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    layout::has(body, "--- The header of the original message is following")
        && (layout::has(
            body,
            "its recipients. This is a permanent error. The following address",
        ) || layout::from_has(notice, &["@mail.gmx.", "@gmx."]))
        && !layout::has(body, "For the following reason:")
}

/// A record for each `"address":` paragraph.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ORIGINAL);
    let Some(at) = text.find("This is a permanent error.") else {
        return Vec::new();
    };
    layout::address_blocks(&text[at..])
        .into_iter()
        .map(|(addr, words)| record(addr, &words))
        .collect()
}

fn record(addr: &str, words: &str) -> Record {
    let mut host = None;
    let mut kept = String::new();
    for line in layout::lines(words) {
        let t = line.trim();
        if let Some(name) = t.strip_prefix("host:") {
            host = Some(parse_host(name));
        } else if t != "Reason:" {
            kept.push_str(t);
            kept.push('\n');
        }
    }
    let mut record = layout::record(addr, &kept);
    layout::set_remote(&mut record, host);
    let diag = record.diagnostic.clone().unwrap_or_default();
    layout::set_remote(&mut record, layout::host_after(&diag, "host: "));
    record
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Command;

    #[test]
    fn reads_the_host_and_the_status() {
        let body = "This message was created automatically by mail delivery \
                    software.\n\nA message that you sent could not be delivered \
                    to one or more of\nits recipients. This is a permanent \
                    error. The following address\nfailed:\n\n\
                    \"neko@example.org\":\nSMTP error from remote server after \
                    RCPT command:\nhost: mx.example.org\n5.2.2 \
                    <neko@example.org>... Mailbox Full\n\n\
                    --- The header of the original message is following. ---\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.2.2"));
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(r.command, Some(Command::Rcpt));
    }
}
