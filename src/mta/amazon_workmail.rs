// SPDX-License-Identifier: MIT
//! Amazon WorkMail: delivery status notifications sent through SES,
//! marked `X-Mailer: Amazon WorkMail`. The remote reply is read as for
//! [`super::amazon_ses`]:
//!
//! ```text
//! Diagnostic-Code: smtp; 554 4.4.7 Message expired: unable to deliver in
//!     840 minutes.<421 4.4.2 Connection timed out>
//! ```

use super::{amazon_ses, layout, Family};
use crate::notice::Notice;
use crate::record::Record;

/// The Amazon WorkMail family.
pub const FAMILY: Family =
    Family { id: "amazon-workmail", claims, extract, words: Some(claim_words) };

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["Amazon WorkMail"]
}

fn claims(notice: &Notice) -> bool {
    ["x-mailer", "x-original-mailer"]
        .iter()
        .any(|h| notice.header_all(h).any(|v| v.contains("Amazon WorkMail")))
        || layout::contains_any(
            notice.original.as_deref().unwrap_or(""),
            &["X-Mailer: Amazon WorkMail"],
        ) && notice.delivery_status.is_some()
}

/// The delivery-status records, SES's wrapped replies unwrapped.
pub fn extract(notice: &Notice) -> Vec<Record> {
    amazon_ses::dsn_records(notice)
}
