// SPDX-License-Identifier: MIT
//! BIGLOBE (and the Japanese cable providers on its servers): the
//! addresses, then the reason, under Sendmail-like headings.
//!
//! ```text
//!    ----- The following addresses had delivery problems -----
//! neko@example.org
//!
//!    ----- Non-delivered information -----
//! The number of messages in recipient's mailbox exceeded the local limit.
//! ```

use super::{layout, Family};
use crate::grammar::postfix::one_line;
use crate::notice::Notice;
use crate::record::Record;

/// The BIGLOBE family.
pub const FAMILY: Family =
    Family { id: "biglobe", claims, extract, words: Some(claim_words) };

const LIST: &str = "----- The following addresses had delivery problems -----";
const INFORMATION: &str = "----- Non-delivered information -----";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![INFORMATION]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, LIST) && layout::has(&notice.body, INFORMATION)
}

/// A record for each address of the list, with the information below.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let Some(list) = layout::after_line(body, LIST) else { return Vec::new() };
    let list = layout::before_line(list, &["-----"]);
    let information = layout::after_line(body, INFORMATION).unwrap_or("");
    let information: Vec<&str> = information
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty() && !l.starts_with("--"))
        .collect();
    let words = one_line(&information.join("\n"));
    layout::lines(list)
        .filter_map(layout::address_line)
        .map(|addr| layout::record(addr, &words))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_list_and_information() {
        let body = "   ----- The following addresses had delivery problems -----\n\
            neko@example.org\n\n   ----- Non-delivered information -----\n\
            The number of messages in recipient's mailbox exceeded the local limit.\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 1);
        assert!(records[0].diagnostic.as_deref().unwrap().contains("mailbox"));
    }
}
