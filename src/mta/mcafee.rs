// SPDX-License-Identifier: MIT
//! McAfee Email Gateway (Email and Web Security Appliance):
//!
//! ```text
//!     --- The following addresses had delivery problems ---
//!
//! <neko@example.org>   (Unknown user neko@example.org)
//! ```
//!
//! The delivery-status part, when there is one, adds the codes.

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::notice::Notice;
use crate::record::Record;

/// The McAfee family.
pub const FAMILY: Family =
    Family { id: "mcafee", claims, extract, words: Some(claim_words) };

/// The line before the failed addresses.
const LEAD: &str = "--- The following addresses had delivery problems ---";

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec![LEAD]
}

/// True for McAfee's three dashes; Sendmail writes five around the
/// same words.
fn claims(notice: &Notice) -> bool {
    layout::lines(&notice.body).any(|l| l.trim() == LEAD)
}

/// A record for each `<address>   (words)` line.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = &notice.body;
    let Some(at) = layout::lines(body).position(|l| l.trim() == LEAD) else {
        return Vec::new();
    };
    let text = layout::lines(body).skip(at + 1).collect::<Vec<_>>().join("\n");
    layout::lines(&text)
        .map(str::trim)
        .take_while(|l| !l.starts_with("---"))
        .filter_map(line)
        .collect()
}

/// `<neko@example.org>   (Unknown user neko@example.org)`.
fn line(line: &str) -> Option<Record> {
    let rest = line.strip_prefix('<')?;
    let (inner, words) = rest.split_once('>')?;
    let addr = find_address(inner).filter(|a| *a == inner)?;
    let words = words.trim().trim_start_matches('(').trim_end_matches(')');
    Some(layout::record(addr, words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_problem_lines() {
        let body = format!(
            "    {LEAD}\n\n<neko@example.org>   (Unknown user neko@example.org)\n"
        );
        let r = &extract(&Notice::fragment(body))[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(
            r.diagnostic.as_deref(),
            Some("Unknown user neko@example.org")
        );
    }
}
