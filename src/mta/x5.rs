// SPDX-License-Identifier: MIT
//! An MTA that Sisimai calls X5: Sendmail-like headings over a bare list
//! of addresses, the reasons left to the delivery-status part. Its
//! notices (from Mirapoint servers, `MOS` in `Received:`) come forwarded
//! whole inside another notice, which `extract` opens.
//!
//! ```text
//! The original message was received at Thu, 15 Oct 2015 15:22:22 +0900
//! from 192.0.2.4 [192.0.2.4]
//!
//!    ----- The following addresses had permanent delivery errors -----
//! neko@example.org
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The X5 family.
pub const FAMILY: Family =
    Family { id: "x5", claims, extract, words: Some(claim_words) };

/// The headings of the lists, and what each says of delivery.
const LISTS: &[(&str, Action)] = &[
    (
        "----- The following addresses had permanent delivery errors -----",
        Action::Failed,
    ),
    (
        "----- The following addresses had transient delivery errors -----",
        Action::Delayed,
    ),
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    LISTS.iter().map(|l| l.0).collect()
}

fn claims(notice: &Notice) -> bool {
    LISTS.iter().any(|(heading, _)| layout::has(&notice.body, heading))
}

/// A record for each address line of each list.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let mut records = Vec::new();
    for &(heading, action) in LISTS {
        let Some(list) = layout::after_line(&notice.body, heading) else {
            continue;
        };
        let list = layout::before_line(list, &["-----"]);
        records.extend(
            layout::lines(list)
                .map(|l| l.trim().trim_matches(['<', '>']))
                .filter_map(|l| find_address(l).filter(|a| *a == l))
                .map(|addr| Record {
                    address: Some(addr.to_string()),
                    action: Some(action),
                    ..Record::default()
                }),
        );
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_list() {
        let body = "   ----- The following addresses had permanent delivery errors -----\n\
            neko@example.org\n<tora@example.org>\n\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].address.as_deref(), Some("tora@example.org"));
    }
}
