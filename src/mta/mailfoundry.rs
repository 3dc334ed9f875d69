// SPDX-License-Identifier: MIT
//! MailFoundry, a mail gateway: one notice a recipient, the server's
//! reply after the host it came from.
//!
//! ```text
//! Unable to deliver message to: <neko@example.org>
//! Delivery failed for the following reason:
//! Server mx.example.org[192.0.2.22] failed with: 550 <neko@example.org> No such user here
//!
//! This has been a permanent failure.  No further delivery attempts will be made.
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::grammar::host::parse_host;
use crate::notice::Notice;
use crate::record::Record;

/// The MailFoundry family.
pub const FAMILY: Family =
    Family { id: "mailfoundry", claims, extract, words: Some(claim_words) };

/// The line that names the recipient.
const RECIPIENT: &str = "Unable to deliver message to: ";

/// The line above the reason.
const REASON: &str = "Delivery failed for the following reason:";

/// Where the reason stops.
const ENDS: &[&str] =
    &["This has been a permanent failure", "This is a temporary"];

/// What comes between the remote host and its reply.
const SAID: &[&str] = &[
    // Server mx.example.org[192.0.2.22] failed with: 550 …
    " failed with: ",
    // mx.example.org[192.0.2.22] responded with failure: 552 …
    " responded with failure: ",
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["(MAILFOUNDRY)", REASON]
}

fn claims(notice: &Notice) -> bool {
    let gateway =
        notice.header_all("received").any(|r| r.contains("(MAILFOUNDRY)"));
    gateway
        || (layout::has(&notice.body, RECIPIENT)
            && layout::has(&notice.body, REASON))
}

/// The one record a notice is about.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let Some(rest) = body.split_once(RECIPIENT).map(|(_, r)| r) else {
        return Vec::new();
    };
    let Some(addr) = layout::lines(rest).next().and_then(find_address) else {
        return Vec::new();
    };
    let reason = layout::after_line(body, REASON).unwrap_or("");
    let reason = layout::before_line(reason, ENDS);
    let (host, said) = SAID
        .iter()
        .find_map(|s| reason.split_once(s))
        .map_or((None, reason), |(h, r)| (Some(h), r));
    let mut record = layout::record(addr, said);
    let host = host.map(|h| h.trim().trim_start_matches("Server ").trim());
    layout::set_remote(&mut record, host.map(parse_host));
    Some(record).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_host_and_the_reply() {
        let body = "Unable to deliver message to: <neko@example.org>\n\
            Delivery failed for the following reason:\n\
            mail.example.org[192.0.2.22] responded with failure: 552 sorry, \
            mailbox neko@example.org is over quota temporarily (#5.1.1)\n\n\
            This has been a permanent failure. No further delivery attempts will be made.\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 1);
        let r = &records[0];
        assert_eq!(r.remote_host.as_deref(), Some("mail.example.org"));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.22"));
        assert_eq!(r.reply_code, Some(552));
    }
}
