// SPDX-License-Identifier: MIT
//! fml, a mailing-list manager: a notice to a sender that the list
//! refused the message or stopped a loop. The record is the list's
//! address, the first address in angle brackets; the list's sentences
//! are rules in `data/rules/mta/fml.toml`.
//!
//! ```text
//! You are not a member of this mailing list <neko@example.org>.
//! ```

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::grammar::postfix::one_line;
use crate::notice::Notice;
use crate::record::Record;

/// The fml family.
pub const FAMILY: Family =
    Family { id: "fml", claims, extract, words: Some(claim_words) };

/// The line that opens the returned message.
const ENDS: &[&str] = &["Original mail as follows:"];

/// Sentences of fml's notices to a sender.
const BODY_MARKS: &[&str] = &[
    // You are not a member of this mailing list <neko@example.org>.
    "You are not a member of this mailing list",
    // If you know the general guide of this list, please send mail with
    "If you know the general guide of this list",
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    [ENDS, BODY_MARKS, &["x-mlserver"]].concat()
}

fn claims(notice: &Notice) -> bool {
    // X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]
    let server = notice
        .header("x-mlserver")
        .is_some_and(|s| s.trim_start().starts_with("fml"));
    let from_admin = notice.from().contains("-admin@");
    // A pasted notice: the list's words about an address in brackets,
    // then the returned message under fml's own heading.
    let text = layout::before_line(&notice.body, ENDS);
    let own_words = text.len() < notice.body.len()
        || layout::contains_any(text, BODY_MARKS);
    let pasted =
        own_words && layout::lines(text).any(|l| bracketed(l).is_some());
    server && from_admin || pasted
}

/// The one record: the list address and the notice's words.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let text = layout::before_line(&notice.body, ENDS);
    let Some(line) = layout::lines(text).find(|l| bracketed(l).is_some())
    else {
        return Vec::new();
    };
    let Some(addr) = bracketed(line) else { return Vec::new() };
    let paragraph: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != line)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    vec![layout::record(addr, &one_line(&paragraph.join("\n")))]
}

/// The address in `<…>` on a line.
fn bracketed(line: &str) -> Option<&str> {
    let (_, rest) = line.split_once('<')?;
    let (inner, _) = rest.split_once('>')?;
    find_address(inner).filter(|a| *a == inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_list_address() {
        let mut notice = Notice::fragment(
            "You are not a member of this mailing list <neko@example.org>.\n\n\
             If you know the general guide of this list, please send mail\n"
                .to_string(),
        );
        notice.headers = vec![
            ("x-mlserver".into(), "fml [fml 4.0.3 release]".into()),
            ("from".into(), "neko-admin@example.org".into()),
        ];
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
    }
}
