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
        providers
            .iter()
            .find(|p| p.host.iter().any(|h| host.ends_with(h.as_str())))
    })
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
    fn unknown_hosts_have_no_provider() {
        assert!(identify(
            Some("neko@example.org"),
            Some("mx.example.org"),
            None
        )
        .is_none());
    }
}
