// SPDX-License-Identifier: MIT
//! Trustwave MailMarshal (SMTP): the reason first, then the recipients
//! it applies to, then the hosts involved.
//!
//! ```text
//! Your message:
//!    From:    tora@example.com
//!    Subject: Hello
//!
//! Could not be delivered because of
//!
//! 550 5.1.1 User unknown
//!
//! The following recipients were affected:
//!     neko@example.org
//!
//! Additional Information
//! ======================
//! Remote-MTA:         <192.0.2.2>
//! ```

use super::{layout, Family};
use crate::grammar::postfix::one_line;
use crate::notice::Notice;
use crate::record::Record;

/// The MailMarshal family.
pub const FAMILY: Family =
    Family { id: "mailmarshal", claims, extract, words: Some(claim_words) };

const REASON: &str = "Could not be delivered because of";
const AFFECTED: &str = "The following recipients were affected:";
const ADDITIONAL: &str = "Additional Information";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![AFFECTED]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, REASON) && layout::has(&notice.body, AFFECTED)
}

/// A record for each affected recipient.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let reason = layout::after_line(body, REASON).unwrap_or("");
    let reason = layout::before_line(reason, &[AFFECTED]);
    let words = one_line(reason);
    let Some(list) = layout::after_line(body, AFFECTED) else {
        return Vec::new();
    };
    let list = layout::before_line(list, &[ADDITIONAL]);
    let remote = layout::after_line(body, ADDITIONAL).and_then(|extra| {
        // Remote-MTA:			<192.0.2.2>
        let line = extra
            .lines()
            .find(|l| l.trim_start().starts_with("Remote-MTA:"))?;
        layout::first_ip(line.split_once(':')?.1)
    });
    layout::lines(list)
        .filter_map(layout::address_line)
        .map(|addr| {
            let mut record = layout::record(addr, &words);
            record.remote_ip.clone_from(&remote);
            record
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_reason_recipients_and_host() {
        let body = "Your message:\n   From:    tora@example.com\n\n\
            Could not be delivered because of\n\n550 5.1.1 User unknown\n\n\
            The following recipients were affected: \n    neko@example.org\n    \
            mike@example.org\n\nAdditional Information\n======================\n\
            Remote-MTA:\t\t\t<192.0.2.2>\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].address.as_deref(), Some("mike@example.org"));
        assert_eq!(records[1].reply_code, Some(550));
        assert_eq!(records[1].remote_ip.as_deref(), Some("192.0.2.2"));
    }
}
