// SPDX-License-Identifier: MIT
//! SendGrid's own notices:
//!
//! ```text
//! This is an automatically generated message from SendGrid.
//!
//! I'm sorry to have to tell you that your message was not able to be
//! delivered to one of its intended recipients.
//!
//! neko:00000:<neko@example.org> : 550 5.1.1 No such user
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::Record;

/// The SendGrid family.
pub const FAMILY: Family =
    Family { id: "sendgrid", claims, extract, words: Some(claim_words) };

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["automatically generated message from SendGrid"]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, "automatically generated message from SendGrid")
}

/// A record for each `local:number:<address> : words` line.
pub fn extract(notice: &Notice) -> Vec<Record> {
    layout::lines(&notice.body).filter_map(line).collect()
}

fn line(line: &str) -> Option<Record> {
    let (head, words) = line.trim().split_once("> :")?;
    let (_, addr) = head.rsplit_once(":<")?;
    let addr = find_address(addr).filter(|a| *a == addr)?;
    Some(layout::record(addr, words.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_recipient_line() {
        let r = line(
            "neko:00000:<neko@example.org> : Connection timed out in connect",
        )
        .unwrap();
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("Connection timed out in connect")
        );
    }
}
