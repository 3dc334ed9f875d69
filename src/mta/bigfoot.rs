// SPDX-License-Identifier: MIT
//! Bigfoot's forwarding service (LiteMail): Sendmail's notice, read by
//! the Sendmail family's reader, under Bigfoot's name.
//!
//! ```text
//! Received: by LITEMAIL00.example.com (LiteMail v3.03(LITEMAIL00)) …
//!
//!    ----- The following addresses had permanent fatal errors -----
//! <neko@example.org>
//!
//!    ----- Transcript of session follows -----
//! >>> RCPT TO:<neko@example.org>
//! <<< 553 Invalid recipient neko@example.org (Mode: normal)
//! ```

use super::{layout, sendmail, Family};
use crate::notice::Notice;
use crate::record::Record;

/// The Bigfoot family.
pub const FAMILY: Family =
    Family { id: "bigfoot", claims, extract, words: Some(claim_words) };

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["(LiteMail v", "@bigfoot."]
}

fn claims(notice: &Notice) -> bool {
    let litemail =
        notice.header_all("received").any(|r| r.contains("(LiteMail v"));
    let from = layout::from_has(notice, &["@bigfoot.com", "@bigfoot."]);
    litemail || from
}

/// The records Sendmail's reader finds.
pub fn extract(notice: &Notice) -> Vec<Record> {
    sendmail::extract(notice)
}
