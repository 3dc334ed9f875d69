// SPDX-License-Identifier: MIT
//! Many listed IPs (or domains) under one list: one advice for the list,
//! not one for each value. A notice whose recipients name a few values
//! gives each its own advice, with its own lookup and delisting links;
//! past [`MAX_SPLIT`] values of one subject, its recipients share one
//! advice, whose steps fill in the first value and one more step names
//! the others with their lookup links, at most [`SHOWN`] of them, then
//! "and N more".

use crate::knowledge::{messages, Lang};
use crate::report::{Blocklist, Recipient};

/// At most this many different listed values of one subject get an
/// advice each.
pub const MAX_SPLIT: usize = 3;

/// At most this many other values are named in the step.
const SHOWN: usize = 5;

/// The list a recipient's advice fills in: its blocklist, else the
/// first list named.
pub fn list_of(r: &Recipient) -> Option<&Blocklist> {
    r.blocklist.as_ref().or(r.listings.first())
}

/// The value the recipient's list names (an IP or a domain), if any.
pub fn listed(r: &Recipient) -> Option<&str> {
    list_of(r)?.listed.as_deref()
}

/// The step naming the values of the group's lists other than the
/// first one (which the advice's other steps fill in), or none when
/// the group names one value only.
///
/// ```text
/// The same list also names 203.0.113.3 (https://…?query=203.0.113.3),
///   203.0.113.6 (…), and 4 more: look each up and fix it the same way.
/// ```
pub fn step(
    recipients: &[Recipient],
    members: &[usize],
    lang: Lang,
) -> Option<String> {
    let lists = members.iter().filter_map(|&n| recipients.get(n));
    let mut values: Vec<&Blocklist> = Vec::new();
    for list in lists.filter_map(list_of) {
        let Some(value) = list.listed.as_deref() else { continue };
        if !values.iter().any(|l| l.listed.as_deref() == Some(value)) {
            values.push(list);
        }
    }
    let others = values.get(1..).filter(|o| !o.is_empty())?;
    let named: Vec<String> =
        others.iter().take(SHOWN).map(|l| shown(l)).collect();
    let mut value = named.join(", ");
    let rest = others.len().saturating_sub(SHOWN);
    if rest > 0 {
        let rest = messages::number(rest, lang);
        let more = messages::text("word.and-more", lang, &[("rest", &rest)]);
        value = format!("{value}, {more}");
    }
    Some(messages::text(
        "advice.also-listed-values",
        lang,
        &[("value", &value)],
    ))
}

/// "203.0.113.3 (https://…)", or the value alone without a link.
fn shown(list: &Blocklist) -> String {
    let value = list.listed.as_deref().unwrap_or("");
    match &list.lookup_url {
        Some(url) => format!("{value} ({url})"),
        None => value.to_string(),
    }
}
