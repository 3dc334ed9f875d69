// SPDX-License-Identifier: MIT
//! Which mail provider a recipient's failure comes from, so that the
//! provider's own rules (`data/rules/provider/`) apply.
//!
//! The providers and their hosts are data (`[[provider]]` in the same
//! files); this module only says who they are for one recipient: by the
//! recipient's domain first, then by the remote host, then by the host
//! that wrote the notice.

use std::sync::OnceLock;

use crate::knowledge::names::{self, Names};
use crate::knowledge::schema::Provider;

/// The provider of a recipient, if one is known.
///
/// ```text
/// neko@example.org via mx.example.org          -> none
/// neko@example.org via a.mx.mail.yahoodns.net  -> Yahoo
/// ```
pub fn identify(
    address: Option<&str>,
    remote_host: Option<&str>,
    reporting_mta: Option<&str>,
) -> Option<&'static Provider> {
    let domain = address.and_then(|a| a.rsplit_once('@')).map(|(_, d)| d);
    if let Some(found) = domain.and_then(|d| first(d, |e| e.domain)) {
        return Some(found);
    }
    [remote_host, reporting_mta]
        .into_iter()
        .flatten()
        .find_map(|host| first(host, |e| earlier(e.plain, e.dotted)))
}

/// The provider to name as the one whose server answered a recipient,
/// for the reader: by the remote host first, the provider whose host
/// entry names it most closely (Outlook.com's consumer servers,
/// `*.olc.protection.outlook.com`, are within Microsoft 365's
/// `.protection.outlook.com` but are not Microsoft 365), then by the
/// recipient's domain, as [`identify`] does.
///
/// [`identify`] keeps the first provider in the data's order instead,
/// for the rules: the reference decoder reads Outlook.com's servers with
/// its Microsoft rules.
///
/// ```text
/// budi@hotmail.com via hotmail-com.olc.protection.outlook.com  -> Outlook.com
/// neko@example.org via example-org.mail.protection.outlook.com -> Microsoft 365
/// ```
pub fn named(
    address: Option<&str>,
    remote_host: Option<&str>,
) -> Option<&'static Provider> {
    if let Some(host) = remote_host {
        // The longest entry that names the host; the first provider on a
        // tie. Suffixes come shortest first, and an entry `.{suffix}` is
        // one longer than an entry `{suffix}`.
        let mut closest = None;
        suffixes(host, |entries| {
            closest = entries.dotted.or(entries.plain).or(closest);
        });
        if let Some(p) = closest {
            return Some(&providers()[p as usize]);
        }
    }
    identify(address, None, None)
}

/// The first provider (in the data's order) that one of `name`'s
/// suffixes names by the entries `of` picks.
fn first(
    name: &str,
    of: impl Fn(&Entries) -> Option<u16>,
) -> Option<&'static Provider> {
    let mut found = None;
    suffixes(name, |entries| found = earlier(found, of(entries)));
    found.map(|p| &providers()[p as usize])
}

/// The earlier of two providers, or the one there is.
fn earlier(a: Option<u16>, b: Option<u16>) -> Option<u16> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => a.or(b),
    }
}

fn providers() -> &'static [Provider] {
    &crate::knowledge::get().provider
}

/// The first provider (its index in the data) that names a suffix of a
/// host or domain, by kind of entry.
#[derive(Debug, Default, Clone, Copy)]
struct Entries {
    /// A recipient domain `{suffix}`: names the suffix and what is
    /// under it.
    domain: Option<u16>,
    /// A host `{suffix}`: names the suffix and what is under it.
    plain: Option<u16>,
    /// A host `.{suffix}`: names only what is under the suffix.
    dotted: Option<u16>,
}

/// Every provider's entries by the suffix they name, built once.
fn index() -> &'static Names<Entries> {
    static INDEX: OnceLock<Names<Entries>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Names::new();
        for (i, p) in providers().iter().enumerate() {
            let i = i as u16;
            let mut add =
                |entry: &'static str,
                 kind: fn(&mut Entries) -> &mut Option<u16>| {
                    // Hosts are compared in lower case: an entry with an upper
                    // case letter names none.
                    if !entry.bytes().any(|b| b.is_ascii_uppercase()) {
                        kind(index.entry(entry, Entries::default))
                            .get_or_insert(i);
                    }
                };
            for d in &p.domain {
                add(d, |e| &mut e.domain);
            }
            for h in &p.host {
                match h.strip_prefix('.') {
                    Some(under) => add(under, |e| &mut e.dotted),
                    None => add(h, |e| &mut e.plain),
                }
            }
        }
        index
    })
}

/// Calls `found` with the entries of each suffix of `name` (its final
/// dots left out, in ASCII lower case) that the index has, shortest
/// first: each part after a dot, then the whole name, which only its
/// plain and domain entries name (a dotted entry names what is under
/// it). Hashes from the end, so that one pass serves every suffix.
fn suffixes(name: &str, mut found: impl FnMut(&Entries)) {
    let name = name.trim_end_matches('.').as_bytes();
    let index = index();
    let same = |from: usize| {
        move |entry: &str| entry.as_bytes().eq_ignore_ascii_case(&name[from..])
    };
    let mut hash = names::EMPTY;
    for at in (0..name.len()).rev() {
        if name[at] == b'.' {
            if let Some(entries) = index.find(hash, same(at + 1)) {
                found(entries);
            }
        }
        hash = names::before(hash, name[at].to_ascii_lowercase());
    }
    if let Some(entries) = index.find(hash, same(0)) {
        found(&Entries { dotted: None, ..*entries });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True if and only if `host` is one the provider's host entry names:
    /// an entry with a leading dot names the hosts under it
    /// (`.yahoodns.net`), one without names itself and its subdomains
    /// (`cox.net`), never a look-alike that merely ends the same way
    /// (`evilcox.net`).
    fn host_is(host: &str, entry: &str) -> bool {
        match entry.starts_with('.') {
            true => host.ends_with(entry),
            false => is_within(host, entry),
        }
    }

    /// True if and only if `name` is `domain` or one of its subdomains.
    fn is_within(name: &str, domain: &str) -> bool {
        name == domain
            || name.strip_suffix(domain).is_some_and(|rest| rest.ends_with('.'))
    }

    /// What the index answers, found as the providers' entries were
    /// before it: every provider's every entry in turn.
    fn identify_by_scan(
        address: Option<&str>,
        host: Option<&str>,
    ) -> Option<&'static Provider> {
        let domain = address.and_then(|a| a.rsplit_once('@')).map(|x| x.1);
        let lower = |s: &str| s.trim_end_matches('.').to_ascii_lowercase();
        let by_domain = domain.map(lower).and_then(|d| {
            providers()
                .iter()
                .find(|p| p.domain.iter().any(|e| is_within(&d, e)))
        });
        by_domain.or_else(|| {
            let h = lower(host?);
            providers().iter().find(|p| p.host.iter().any(|e| host_is(&h, e)))
        })
    }

    /// The same for [`named`]'s choice by the remote host.
    fn named_by_scan(host: &str) -> Option<&'static Provider> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut closest: Option<(usize, &Provider)> = None;
        for p in providers() {
            for entry in p.host.iter().filter(|h| host_is(&host, h)) {
                if closest.is_none_or(|(len, _)| entry.len() > len) {
                    closest = Some((entry.len(), p));
                }
            }
        }
        closest.map(|c| c.1)
    }

    #[test]
    fn the_index_answers_as_every_entry_in_turn() {
        let id = |p: Option<&'static Provider>| p.map(|p| p.id.as_str());
        let mut names = vec![String::new(), ".".into(), "a..b".into()];
        for p in providers() {
            for entry in p.host.iter().chain(&p.domain) {
                let bare = entry.trim_start_matches('.');
                for name in [
                    entry.to_string(),
                    bare.to_string(),
                    format!("mx.{bare}"),
                    format!("MX1.{}.", bare.to_ascii_uppercase()),
                    format!("evil{bare}"),
                    format!("a.b.{bare}.example.org"),
                    bare.split_once('.').map_or(String::new(), |x| x.1.into()),
                ] {
                    names.push(name);
                }
            }
        }
        assert!(names.len() > 100);
        for name in &names {
            let address = format!("neko@{name}");
            assert_eq!(
                id(identify(Some(&address), None, None)),
                id(identify_by_scan(Some(&address), None)),
                "{address}"
            );
            assert_eq!(
                id(identify(None, Some(name), None)),
                id(identify_by_scan(None, Some(name))),
                "{name}"
            );
            assert_eq!(
                id(identify(None, None, Some(name))),
                id(identify_by_scan(None, Some(name))),
                "{name}"
            );
            assert_eq!(id(named(None, Some(name))), id(named_by_scan(name)));
        }
    }

    #[test]
    fn subdomains_are_within() {
        assert!(is_within("mail.example.org", "example.org"));
        assert!(is_within("example.org", "example.org"));
        assert!(!is_within("badexample.org", "example.org"));
    }

    #[test]
    fn a_look_alike_host_is_no_providers() {
        assert!(host_is("mx.cox.net", "cox.net"));
        assert!(host_is("cox.net", "cox.net"));
        assert!(!host_is("evilcox.net", "cox.net"));
        assert!(host_is("a.mx.mail.yahoodns.net", ".yahoodns.net"));
        assert!(!host_is("evilyahoodns.net", ".yahoodns.net"));
        assert!(identify(None, Some("mx.evilcox.net"), None).is_none());
        let cox = identify(None, Some("mx.cox.net"), None);
        assert!(cox.is_some_and(|p| p.host.iter().any(|h| h == "cox.net")));
    }

    #[test]
    fn outlook_com_servers_are_named_outlook_com() {
        let olc = Some("hotmail-com.olc.protection.outlook.com");
        let named = named(Some("budi@hotmail.com"), olc);
        assert!(named.is_some_and(|p| p.id == "outlook"));
        let live = super::named(Some("budi@live.com"), olc);
        assert!(live.is_some_and(|p| p.id == "outlook"));
        // The rules still read them as the reference decoder does.
        let rules = identify(None, olc, None);
        assert!(rules.is_some_and(|p| p.id == "microsoft"));
        let tenant = Some("example-org.mail.protection.outlook.com");
        let m365 = super::named(Some("neko@example.org"), tenant);
        assert!(m365.is_some_and(|p| p.id == "microsoft"));
        let none = super::named(Some("neko@example.org"), None);
        assert!(none.is_none());
        let hotmail = super::named(Some("budi@hotmail.com"), None);
        assert!(hotmail.is_some_and(|p| p.id == "outlook"));
    }

    #[test]
    fn unknown_hosts_have_no_provider() {
        assert!(identify(
            Some("neko@example.org"),
            Some("mx.example.org"),
            None
        )
        .is_none());
    }
}
