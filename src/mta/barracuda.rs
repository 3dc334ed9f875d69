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
use crate::notice::Notice;
use crate::record::Record;

/// The Barracuda family.
pub const FAMILY: Family =
    Family { id: "barracuda", claims, extract, words: Some(claim_words) };

/// The words before each refused address.
const LEAD: &str = "Your message to:";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["was blocked by our Spam Firewall"]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    layout::has(body, LEAD)
        && layout::has(body, "was blocked by our Spam Firewall")
}

/// A record for each `Your message to:` line, with the sentence after.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let lines: Vec<&str> = layout::lines(&notice.body).map(str::trim).collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let addr = find_address(l.strip_prefix(LEAD)?)?;
            let words = lines.get(i + 1).copied().unwrap_or("");
            Some(layout::record(addr, words))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
