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
    layout::has(body, LEAD) && layout::lines(body).any(|l| l.trim() == BECAUSE)
}

/// A record for each address, all with the one reason.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let Some(text) = layout::after_line(&notice.body, LEAD) else {
        return Vec::new();
    };
    let mut addrs = Vec::new();
    let mut lines = layout::lines(text);
    for line in lines.by_ref() {
        if line.trim() == BECAUSE {
            break;
        }
        addrs.extend(layout::address_line(line));
    }
    let words: Vec<&str> = lines
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .collect();
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
}
