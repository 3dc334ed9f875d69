// SPDX-License-Identifier: MIT
//! Which mail provider a recipient's failure comes from, so that the
//! provider's own rules (`data/rules/provider/`) apply.
//!
//! The providers and their hosts are data (`[[provider]]` in the same
//! files); this module only says who they are for one recipient: by the
//! recipient's domain first, then by the remote host, then by the host
//! that wrote the notice.

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
    let providers = &crate::knowledge::get().provider;
    let domain = address.and_then(|a| a.rsplit_once('@')).map(|(_, d)| d);
    if let Some(domain) = domain {
        let domain = domain.trim_end_matches('.').to_ascii_lowercase();
        let found = providers
            .iter()
            .find(|p| p.domain.iter().any(|d| is_within(&domain, d)));
        if found.is_some() {
            return found;
        }
    }
    [remote_host, reporting_mta].into_iter().flatten().find_map(|host| {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        providers.iter().find(|p| p.host.iter().any(|h| host_is(&host, h)))
    })
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
    let providers = &crate::knowledge::get().provider;
    if let Some(host) = remote_host {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        // The longest entry that names the host; the first on a tie.
        let mut closest: Option<(usize, &Provider)> = None;
        for p in providers {
            for entry in p.host.iter().filter(|h| host_is(&host, h)) {
                if closest.is_none_or(|(len, _)| entry.len() > len) {
                    closest = Some((entry.len(), p));
                }
            }
        }
        if let Some((_, p)) = closest {
            return Some(p);
        }
    }
    identify(address, None, None)
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
