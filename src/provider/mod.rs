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
    fn unknown_hosts_have_no_provider() {
        assert!(identify(
            Some("neko@example.org"),
            Some("mx.example.org"),
            None
        )
        .is_none());
    }
}
