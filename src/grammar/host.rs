// SPDX-License-Identifier: MIT
//! Host names and IP addresses as servers print them: `mx.example.org`,
//! `mx.example.org[192.0.2.1]`, `[2001:db8::1]`.

use std::net::IpAddr;

/// A host name and its address, either of which may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Host {
    /// The host name, lowercase.
    pub name: Option<String>,
    /// The IP address, checked.
    pub ip: Option<String>,
}

/// Checks an IP address (v4 or v6, with an optional `IPv6:` prefix) and
/// returns it in canonical form, an IPv4-mapped IPv6 address as IPv4.
pub fn parse_ip(s: &str) -> Option<String> {
    let s = s.trim().trim_matches(|c| c == '[' || c == ']');
    let s = s
        .strip_prefix("IPv6:")
        .or_else(|| s.strip_prefix("ipv6:"))
        .unwrap_or(s);
    match s.parse::<IpAddr>().ok()? {
        // Four decimal numbers without a leading zero are already the
        // canonical form: kept as they are instead of printed afresh.
        IpAddr::V4(_) if !has_leading_zero(s) => Some(s.to_string()),
        // An IPv4 address as a dual-stack server writes it
        // (`::ffff:192.0.2.1`) is that IPv4 address.
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => Some(v4.to_string()),
            None => Some(v6.to_string()),
        },
        ip => Some(ip.to_string()),
    }
}

/// True if and only if a dotted number has a part with a leading zero
/// (`192.0.2.01`).
fn has_leading_zero(dotted: &str) -> bool {
    dotted.split('.').any(|part| part.len() > 1 && part.starts_with('0'))
}

/// True if and only if `s` is a plausible DNS host name: labels of
/// letters, digits and dashes, at least one dot, not all digits. The
/// letters may be any script's, as an internationalised name is
/// written (`mx.bücher.example`; fresh14 #6).
pub fn is_host_name(s: &str) -> bool {
    let s = s.trim_end_matches('.');
    if s.len() > 253 || !s.contains('.') || s.parse::<IpAddr>().is_ok() {
        return false;
    }
    s.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            && !label.starts_with('-')
    }) && s.chars().any(char::is_alphabetic)
}

/// Parses `name[ip]`, `name [ip]`, `name (ip)`, `[ip]` or `name`.
pub fn parse_host(s: &str) -> Host {
    let s = s.trim().trim_end_matches([':', ',', ';']);
    let (name, ip) = match s.find(['[', '(']) {
        Some(open) => {
            let close =
                s[open..].find([']', ')']).map_or(s.len(), |c| open + c);
            (s[..open].trim(), parse_ip(&s[open + 1..close]))
        }
        None => (s, None),
    };
    let name = name.trim_end_matches('.');
    let ip = ip.or_else(|| parse_ip(name));
    let name = is_host_name(name).then(|| name.to_ascii_lowercase());
    Host { name, ip }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_postfix_style_hosts() {
        let host = parse_host("meratus.in.tmes.trendmicro.com[18.208.22.78]");
        assert_eq!(
            host.name.as_deref(),
            Some("meratus.in.tmes.trendmicro.com")
        );
        assert_eq!(host.ip.as_deref(), Some("18.208.22.78"));
        assert_eq!(
            parse_host("[IPv6:2001:db8::1]").ip.as_deref(),
            Some("2001:db8::1")
        );
    }

    #[test]
    fn addresses_come_back_in_canonical_form() {
        assert_eq!(parse_ip(" [192.0.2.10] ").as_deref(), Some("192.0.2.10"));
        assert_eq!(parse_ip("0.0.0.0").as_deref(), Some("0.0.0.0"));
        assert_eq!(
            parse_ip("IPv6:2001:DB8:0::1").as_deref(),
            Some("2001:db8::1")
        );
        assert_eq!(parse_ip("192.0.2.01"), None);
        let mapped = parse_ip("[::FFFF:198.51.100.9]");
        assert_eq!(mapped.as_deref(), Some("198.51.100.9"));
        assert!(has_leading_zero("192.0.02.1"));
        assert!(!has_leading_zero("192.0.2.10"));
    }

    #[test]
    fn refuses_masked_and_bad_addresses() {
        assert_eq!(parse_ip("xx.xx.xx.xx"), None);
        assert_eq!(parse_ip("300.1.1.1"), None);
        assert!(!is_host_name("javascript:alert(1)"));
    }
}
