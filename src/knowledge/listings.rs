// SPDX-License-Identifier: MIT
//! From the catalog entries a server's words name to what the report
//! says of them: a card per list with checked links, the list to fix,
//! the provider policy that applied it, and warnings.

use super::catalog::{fill_link, recognize_from, Listing};
use super::messages;
use super::schema::catalog::{EntryKind, EntryStatus, ListedKind};
use crate::report::{Blocklist, Policy};
use crate::{Lang, Options};

/// What the catalog says about one recipient's refusal.
#[derive(Clone, Debug, Default)]
pub struct Known {
    /// Every entry named, lists first, then provider policies.
    pub listings: Vec<Blocklist>,
    /// The list or service to fix: the first that is not a policy.
    pub blocklist: Option<Blocklist>,
    /// The policy that refused the message: the recipient's provider's,
    /// or the sender's own hosting server's limit.
    pub policy: Option<Policy>,
    /// Ids of the warnings the reader should see.
    pub warnings: Vec<&'static str>,
}

/// What the catalog knows about a refusal in the server's `words`, given
/// by `hosts` (the server that replied, the one that wrote the notice):
/// a provider's plain phrases name it only from its own hosts.
pub fn know(words: &str, hosts: &[&str], options: &Options) -> Known {
    let found = recognize_from(words, hosts);
    let mut known = Known::default();
    for listing in &found {
        for warning in warnings(listing, options) {
            if !known.warnings.contains(&warning) {
                known.warnings.push(warning);
            }
        }
    }
    // Beside a live list, a shut-down one leaves something to delist.
    let live = found.iter().any(|l| {
        !l.entry.kind.is_policy() && l.entry.status == EntryStatus::Active
    });
    if live {
        for w in known.warnings.iter_mut().filter(|w| **w == DEFUNCT) {
            *w = "warning.defunct-list-beside-live";
        }
    }
    known.listings = found.iter().map(|l| card(l, options)).collect();
    known.policy = found
        .iter()
        .find(|l| l.entry.kind.is_policy())
        .map(|l| policy(l, options.lang));
    known.blocklist = found
        .iter()
        .position(|l| !l.entry.kind.is_policy())
        .map(|i| known.listings[i].clone());
    known
}

/// The listed value for links: the words' own, else the sending IP the
/// user typed, for lists of IP addresses.
fn listed(listing: &Listing, options: &Options) -> Option<String> {
    listing.listed.clone().or_else(|| typed(listing, options))
}

/// The sending IP the user typed, when the words name no listed value
/// and the list is one of IP addresses: it fills the links, but is
/// not what the notice says.
fn typed(listing: &Listing, options: &Options) -> Option<String> {
    let ip_kind =
        matches!(listing.entry.listed, ListedKind::Ip | ListedKind::Network);
    let hidden = listing.listed.is_none();
    options.sending_ip.clone().filter(|_| ip_kind && hidden)
}

/// True if and only if the user typed a sending IP and the words name
/// another listed IP: the email left from another address than the one
/// the user thinks (another server, a relay, a smarthost).
fn given_differs(listing: &Listing, options: &Options) -> bool {
    let Some(given) = options.sending_ip.as_deref() else { return false };
    let ip_kind = listing.entry.listed == ListedKind::Ip;
    let named = listing.listed.as_deref();
    let parsed = |s: &str| s.parse::<std::net::IpAddr>().ok();
    ip_kind
        && named
            .is_some_and(|n| parsed(n).is_some() && parsed(n) != parsed(given))
}

/// The warning of a shut-down list named alone.
const DEFUNCT: &str = "warning.defunct-list";

fn warnings(listing: &Listing, options: &Options) -> Vec<&'static str> {
    let entry = listing.entry;
    let mut out = Vec::new();
    match entry.status {
        EntryStatus::ReceiverError => out.push("warning.receiver-lookup-error"),
        EntryStatus::Defunct => out.push(DEFUNCT),
        EntryStatus::Active | EntryStatus::Uncertain => {}
    }
    // A value nobody can fill in (no link template takes one, as for
    // iCloud's CS01) is not worth asking for.
    let fills = [&entry.lookup, &entry.delist]
        .into_iter()
        .flatten()
        .any(|t| t.contains("{ip}") || t.contains("{domain}"));
    let names_value = entry.listed != ListedKind::None
        && entry.status != EntryStatus::ReceiverError
        && fills;
    if names_value && typed(listing, options).is_some() {
        out.push("warning.listed-given");
    } else if names_value && given_differs(listing, options) {
        out.push("warning.listed-other-ip");
    } else if names_value && listed(listing, options).is_none() {
        let ip_kind = entry.listed != ListedKind::Domain;
        out.push(if listing.masked && ip_kind {
            "warning.masked-ip"
        } else if listing.private_ip {
            "warning.listed-private"
        } else {
            "warning.listed-missing"
        });
    }
    if entry.listed == ListedKind::Network {
        out.push("warning.network-listing");
    }
    out
}

/// The card for one listing, with links built from the catalog's
/// templates and the checked value only.
fn card(listing: &Listing, options: &Options) -> Blocklist {
    let entry = listing.entry;
    let lang = options.lang;
    let listed = listed(listing, options);
    let given = typed(listing, options).is_some();
    let link = |t: &Option<String>| {
        t.as_deref().map(|t| fill_link(t, listed.as_deref()))
    };
    let label = |id: String| messages::text(&id, lang, &[]);
    // The fallback entry is named after the zone the words give.
    let name = if entry.fallback {
        format!("{} ({})", listing.matched, entry.name.get(lang))
    } else {
        entry.name.get(lang).to_string()
    };
    Blocklist {
        id: entry.id.clone(),
        name,
        operator: entry.operator.get(lang).to_string(),
        kind: entry.kind,
        listed_kind: entry.listed,
        status: entry.status,
        listed: listed.clone(),
        listed_given: given,
        matched: listing.matched.clone(),
        lookup_url: link(&entry.lookup),
        delist_url: link(&entry.delist),
        doc_url: entry.doc.clone(),
        note: entry.note.as_ref().map(|n| n.get(lang).to_string()),
        delisting: entry.delisting.as_ref().map(|n| n.get(lang).to_string()),
        kind_label: label(format!("catalog.kind.{}", kind_code(entry.kind))),
        listed_label: label(format!(
            "catalog.listed.{}{}",
            listed_code(entry.listed),
            if given { "-given" } else { "" }
        )),
        status_label: label(format!(
            "catalog.status.{}",
            status_code(entry.status)
        )),
        cited_by: listing.cited_by.map(str::to_string),
    }
}

fn policy(listing: &Listing, lang: Lang) -> Policy {
    Policy {
        provider: listing.entry.operator.get(lang).to_string(),
        kind: listing.entry.kind,
        id: listing.entry.id.clone(),
        code: listing.matched.clone(),
        doc_url: listing.entry.doc.clone(),
    }
}

/// The kebab-case name of a kind, as in the data files.
pub fn kind_code(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::IpList => "ip-list",
        EntryKind::DomainList => "domain-list",
        EntryKind::Reputation => "reputation",
        EntryKind::ProviderPolicy => "provider-policy",
        EntryKind::HostingLimit => "hosting-limit",
    }
}

/// The kebab-case name of what is listed, as in the data files.
pub fn listed_code(listed: ListedKind) -> &'static str {
    match listed {
        ListedKind::Ip => "ip",
        ListedKind::Domain => "domain",
        ListedKind::Network => "network",
        ListedKind::None => "none",
    }
}

/// The kebab-case name of a status, as in the data files.
pub fn status_code(status: EntryStatus) -> &'static str {
    match status {
        EntryStatus::Active => "active",
        EntryStatus::Defunct => "defunct",
        EntryStatus::Uncertain => "uncertain",
        EntryStatus::ReceiverError => "receiver-error",
    }
}
