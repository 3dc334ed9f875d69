// SPDX-License-Identifier: MIT
//! Amazon SES receiving mail for a domain (inbound-smtp): its delivery
//! status notifications, reported from `inbound-smtp.<region>.amazonaws.com`:
//!
//! ```text
//! This message could not be delivered.
//!
//! Reporting-MTA: dns; inbound-smtp.us-west-2.amazonaws.com
//!
//! Final-Recipient: rfc822; neko@example.org
//! Action: failed
//! Status: 5.1.1
//! Diagnostic-Code: smtp; 550 5.1.1 user unknown
//! ```

use super::{amazon_ses, layout, Family};
use crate::notice::Notice;
use crate::record::Record;

/// The Receiving SES family.
pub const FAMILY: Family =
    Family { id: "receiving-ses", claims, extract, words: Some(claim_words) };

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["inbound-smtp."]
}

fn claims(notice: &Notice) -> bool {
    let status = notice.status_text();
    layout::lines(status).any(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("reporting-mta:")
            && l.contains("inbound-smtp.")
            && l.contains("amazonaws.com")
    })
}

/// The delivery-status records, SES's wrapped replies unwrapped.
pub fn extract(notice: &Notice) -> Vec<Record> {
    amazon_ses::dsn_records(notice)
}
