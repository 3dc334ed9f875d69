// SPDX-License-Identifier: MIT
//! IBM (HCL) Domino notices:
//!
//! ```text
//! Your message
//!
//!   Subject: Hello
//!
//! was not delivered to:
//!
//!   neko@example.org
//!
//! because:
//!
//!   User some.name (neko@example.org) not listed in Domino Directory
//! ```

use super::{layout, Family};
use crate::notice::Notice;
use crate::record::Record;

/// The Domino family.
pub const FAMILY: Family =
    Family { id: "domino", claims, extract, words: Some(claim_words) };

/// The line before the failed addresses.
const LEAD: &str = "was not delivered to:";

/// The line before the reason.
const BECAUSE: &str = "because:";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![LEAD]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    layout::has(body, LEAD)
        && layout::lines(body).any(|l| l.trim_start().starts_with(BECAUSE))
}

/// A record for each address, all with the one reason. A mail client's
/// copy puts the address and the reason on the marker's own line
/// (`was not delivered to:   neko@example.org`, `because:   User …`).
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let Some(at) = layout::find(body, LEAD) else {
        return Vec::new();
    };
    let text = &body[at + LEAD.len()..];
    let mut addrs = Vec::new();
    let mut lines = layout::lines(text);
    let mut words: Vec<&str> = Vec::new();
    for line in lines.by_ref() {
        if let Some(rest) = line.trim_start().strip_prefix(BECAUSE) {
            words.extend(Some(rest.trim()).filter(|r| !r.is_empty()));
            break;
        }
        addrs.extend(layout::address_line(line));
    }
    let said = !words.is_empty();
    let rest = lines.skip_while(|l| !said && l.trim().is_empty());
    words.extend(rest.take_while(|l| !l.trim().is_empty()));
    let words = words.join("\n");
    addrs.into_iter().map(|a| layout::record(a, &words)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_address_and_reason() {
        let body =
            "Your message\n\n  Subject: Hi\n\nwas not delivered to:\n\n  \
                    neko@example.org\n\nbecause:\n\n  User neko \
                    (neko@example.org) not listed in Domino Directory\n\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert!(r.diagnostic.as_deref().unwrap().ends_with("Domino Directory"));
    }

    #[test]
    fn reads_a_mail_clients_copy() {
        let body = "Your document:     Laporan\n\
                    was not delivered to:     neko@example.org\n\
                    because:     User neko (neko@example.org) not listed in \
                    Domino Directory\n\nWhat should you do?\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
        let said = records[0].diagnostic.as_deref().unwrap();
        assert!(said.starts_with("User neko") && said.ends_with("Directory"));
    }
}
