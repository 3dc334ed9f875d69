// SPDX-License-Identifier: MIT
//! Oracle (Sun ONE, iPlanet, PMDF) Communications Messaging Server:
//!
//! ```text
//! Your message cannot be delivered to the following recipients:
//!
//!   Recipient address: neko@example.org
//!   Reason: Remote SMTP server has rejected address
//!   Diagnostic code: smtp;550 5.1.1 <neko@example.org>... User Unknown
//!   Remote system: dns;mx.example.org (TCP|198.51.100.1|47323|192.0.2.1|25) (mx.example.org ESMTP)
//! ```
//!
//! A recipient rewritten on the way has its `Original address:` too;
//! that is the one reported.

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::grammar::dsn::typed;
use crate::grammar::host::{parse_host, parse_ip, Host};
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The Messaging Server family.
pub const FAMILY: Family = Family {
    id: "messaging-server",
    claims,
    extract,
    words: Some(claim_words),
};

/// The label that opens each recipient.
const RECIPIENT: &str = "Recipient address:";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![RECIPIENT]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    layout::has(body, RECIPIENT)
        && (layout::has(body, "This report relates to a message you sent")
            || layout::has(
                body,
                "cannot be delivered to the following recipients",
            )
            || layout::has(body, "undeliverable for"))
}

/// The fields of one recipient.
#[derive(Default)]
struct Fields<'a> {
    recipient: &'a str,
    original: Option<&'a str>,
    reason: Option<&'a str>,
    diagnostic: Option<&'a str>,
    remote: Option<&'a str>,
}

/// A record for each `Recipient address:` group.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let delayed =
        layout::has(&notice.body, "has been enqueued and undeliverable")
            && !layout::has(&notice.body, "cannot be delivered");
    let mut groups: Vec<Fields> = Vec::new();
    for line in layout::lines(&notice.body) {
        let Some((label, value)) = line.trim().split_once(':') else {
            continue;
        };
        let value = value.trim();
        if label == "Recipient address" {
            groups.push(Fields { recipient: value, ..Fields::default() });
            continue;
        }
        let Some(g) = groups.last_mut() else { continue };
        match label {
            "Original address" => g.original = Some(value),
            "Reason" => g.reason = Some(value),
            "Diagnostic code" => g.diagnostic = Some(typed(value).1),
            "Remote system" => g.remote = Some(value),
            _ => {}
        }
    }
    groups.iter().filter_map(|g| record(g, delayed)).collect()
}

fn record(g: &Fields, delayed: bool) -> Option<Record> {
    let addr = g
        .original
        .and_then(find_address)
        .or_else(|| find_address(g.recipient))?;
    let words = g.diagnostic.or(g.reason).unwrap_or("");
    let mut record = layout::record(addr, words);
    if delayed {
        record.action = Some(Action::Delayed);
    }
    layout::set_remote(&mut record, g.remote.map(remote_system));
    Some(record)
}

/// `dns;mx.example.org (TCP|local ip|port|remote ip|25) (banner)`.
fn remote_system(value: &str) -> Host {
    let value = typed(value).1;
    let name = value.split_whitespace().next().unwrap_or("");
    let mut host = parse_host(name);
    if let Some((_, tcp)) = value.split_once("(TCP|") {
        let fields: Vec<&str> = tcp.split(['|', ')']).collect();
        host.ip = fields.get(2).and_then(|ip| parse_ip(ip));
    }
    host
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_recipient_fields() {
        let body = "Your message cannot be delivered to the following \
                    recipients:\n\n  Recipient address: \
                    @smtp.example.org:neko@server\n  Original address: \
                    neko@example.org\n  Reason: Remote SMTP server has \
                    rejected address\n  Diagnostic code: smtp;550 5.1.1 \
                    <neko@example.org>... User Unknown\n  Remote system: \
                    dns;mx.example.org (TCP|198.51.100.1|47323|192.0.2.1|25) \
                    (mx.example.org ESMTP)\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.1"));
    }
}
