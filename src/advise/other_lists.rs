// SPDX-License-Identifier: MIT
//! Steps for the other lists a group's refusals name beside the one its
//! advice is about: "listed at b.barracudacentral.org, dnsbl.sorbs.net,
//! bl.mailspike.net" needs delisting from each live list, and nothing
//! from SORBS, which has shut down.

use crate::knowledge::schema::catalog::{EntryKind, EntryStatus};
use crate::knowledge::{messages, Lang};
use crate::report::{Blocklist, Recipient};

/// One step a list the group's recipients name, other than `subject`
/// (the list the advice is for), the list its steps fill in (the first
/// recipient's) and lists named only through another (ZEN's parts), in
/// the order they are named.
pub fn steps(
    recipients: &[Recipient],
    members: &[usize],
    subject: &str,
    lang: Lang,
) -> Vec<String> {
    let group = || members.iter().filter_map(|&n| recipients.get(n));
    let filled =
        group().find_map(|r| r.blocklist.as_ref().or(r.listings.first()));
    let mut seen: Vec<&str> = vec![subject];
    seen.extend(filled.map(|l| l.id.as_str()));
    let mut out = Vec::new();
    for list in group().flat_map(|r| &r.listings) {
        if !is_list(list)
            || list.cited_by.is_some()
            || seen.contains(&&*list.id)
        {
            continue;
        }
        seen.push(&list.id);
        out.extend(step(list, lang));
    }
    out
}

/// True if and only if the entry is a list or reputation service, not
/// a provider's policy or the sender's own host's limit.
fn is_list(list: &Blocklist) -> bool {
    matches!(
        list.kind,
        EntryKind::IpList | EntryKind::DomainList | EntryKind::Reputation
    )
}

fn step(list: &Blocklist, lang: Lang) -> Option<String> {
    let mut values = vec![("list", list.name.as_str())];
    let note = list.delisting.as_deref();
    let id = match (list.status, &list.lookup_url, &list.delist_url, note) {
        (EntryStatus::Defunct, ..) => "advice.also-defunct",
        (EntryStatus::ReceiverError, ..) => return None,
        // One page that does both is named once.
        (_, Some(lookup), Some(delist), _) if lookup != delist => {
            values.push(("lookup_url", lookup));
            values.push(("delist_url", delist));
            "advice.also-listed"
        }
        (_, Some(lookup), _, Some(note)) => {
            values.push(("lookup_url", lookup));
            values.push(("value", note));
            "advice.also-listed-lookup-note"
        }
        (_, Some(lookup), _, None) => {
            values.push(("lookup_url", lookup));
            "advice.also-listed-lookup"
        }
        (_, None, _, Some(note)) => {
            values.push(("value", note));
            "advice.also-listed-note"
        }
        (_, None, _, None) => {
            values.push(("operator", list.operator.as_str()));
            "advice.also-listed-plain"
        }
    };
    Some(messages::text(id, lang, &values))
}
