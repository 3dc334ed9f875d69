// SPDX-License-Identifier: MIT
//! McAfee SaaS Email Protection (MX Logic), an Exim-based relay:
//!
//! ```text
//! A message that you have sent could not be delivered to one or more
//! recipients.  This is a permanent error.  The following address failed:
//!
//!   <neko@example.org>: 550 5.1.1 <neko@example.org>: Recipient address rejected: User unknown
//!
//! Included is a copy of the message header:
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::Record;

/// The MX Logic family.
pub const FAMILY: Family =
    Family { id: "mxlogic", claims, extract, words: Some(claim_words) };

/// The sentence before the failed addresses.
const LEAD: &str = "The following address failed:";

/// The line that starts the returned message's header.
const ORIGINAL: &[&str] = &["Included is a copy of the message header"];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![LEAD]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    let ours = notice.headers.iter().any(|(n, _)| n.starts_with("x-mxl-"))
        || layout::from_has(notice, &[".mxl", "mxlogic"]);
    layout::has(body, LEAD) && (ours || layout::has(body, ORIGINAL[0]))
}

/// A record for each `<address>: reply` line.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ORIGINAL);
    let Some(text) = layout::after_line(text, LEAD) else {
        return Vec::new();
    };
    let mut records: Vec<Record> = Vec::new();
    for line in layout::lines(text).map(str::trim).filter(|l| !l.is_empty()) {
        match opening(line) {
            Some((addr, words)) => records.push(layout::record(addr, words)),
            None => {
                let Some(last) = records.last_mut() else { continue };
                let words = format!(
                    "{} {line}",
                    last.diagnostic.as_deref().unwrap_or_default()
                );
                let addr = last.address.clone().unwrap_or_default();
                *last = layout::record(&addr, &words);
            }
        }
    }
    records
}

/// `<neko@example.org>: words`.
fn opening(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('<')?;
    let (inner, words) = rest.split_once(">:")?;
    let addr = find_address(inner).filter(|a| *a == inner)?;
    Some((addr, words.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_failed_address() {
        let body = "A message that you have sent could not be delivered to \
                    one or more\nrecipients.  This is a permanent error.  \
                    The following address failed:\n\n  <neko@example.org>: \
                    550 5.1.1 <neko@example.org>: Recipient address \
                    rejected: User unknown\n\nIncluded is a copy of the \
                    message header:\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
    }
}
