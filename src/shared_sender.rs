// SPDX-License-Identifier: MIT
//! The outgoing servers that big mailbox providers share among their
//! customers (`data/shared-senders.txt`): an address of theirs that a
//! notice blames is not a server the user runs, so advice about
//! delisting it or cleaning the user's own server does not fit.

use std::net::IpAddr;
use std::sync::OnceLock;

/// The networks, one a line: a provider id, then a network in CIDR form
/// (`data/shared-senders.txt` without its comments, by `build.rs`).
const TABLE: &str =
    include_str!(concat!(env!("OUT_DIR"), "/shared-senders.txt"));

/// One provider's network.
struct Network {
    provider: &'static str,
    base: IpAddr,
    prefix: u32,
}

/// The provider id (`"microsoft"`, `"google"`) whose shared outgoing
/// servers include `ip`, if any.
///
/// ```
/// use std::net::IpAddr;
/// let ip: IpAddr = "40.107.215.98".parse().unwrap();
/// assert_eq!(pantul::shared_sender::owner(ip), Some("microsoft"));
/// let ip: IpAddr = "192.0.2.1".parse().unwrap();
/// assert_eq!(pantul::shared_sender::owner(ip), None);
/// ```
pub fn owner(ip: IpAddr) -> Option<&'static str> {
    networks().iter().find(|n| contains(n, ip)).map(|n| n.provider)
}

fn networks() -> &'static [Network] {
    static NETWORKS: OnceLock<Vec<Network>> = OnceLock::new();
    NETWORKS.get_or_init(|| TABLE.lines().filter_map(network).collect())
}

/// A line of the table; none for a comment, a blank or a bad line.
fn network(line: &'static str) -> Option<Network> {
    let line = line.trim();
    if line.starts_with('#') {
        return None;
    }
    let (provider, cidr) = line.split_once(' ')?;
    let (base, prefix) = cidr.trim().split_once('/')?;
    Some(Network {
        provider,
        base: base.parse().ok()?,
        prefix: prefix.parse().ok()?,
    })
}

/// True if and only if `ip` is inside the network.
fn contains(network: &Network, ip: IpAddr) -> bool {
    let (base, ip, bits) = match (network.base, ip) {
        (IpAddr::V4(b), IpAddr::V4(a)) => {
            (u128::from(b.to_bits()), u128::from(a.to_bits()), 32)
        }
        (IpAddr::V6(b), IpAddr::V6(a)) => (b.to_bits(), a.to_bits(), 128),
        (IpAddr::V4(b), IpAddr::V6(a)) => match a.to_ipv4_mapped() {
            Some(a) => (u128::from(b.to_bits()), u128::from(a.to_bits()), 32),
            None => return false,
        },
        (IpAddr::V6(_), IpAddr::V4(_)) => return false,
    };
    let prefix = network.prefix.min(bits);
    let shift = bits - prefix;
    shift >= bits || (base >> shift) == (ip >> shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owner_of(ip: &str) -> Option<&'static str> {
        owner(ip.parse().unwrap())
    }

    #[test]
    fn every_line_of_the_table_is_read() {
        let lines = TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(networks().len(), lines);
    }

    #[test]
    fn ranges_hold_their_edges_only() {
        assert_eq!(owner_of("40.92.0.1"), Some("microsoft"));
        assert_eq!(owner_of("40.93.255.255"), Some("microsoft"));
        assert_eq!(owner_of("40.94.0.0"), None);
        assert_eq!(owner_of("104.47.127.255"), Some("microsoft"));
        assert_eq!(owner_of("104.47.128.0"), None);
        assert_eq!(owner_of("209.85.220.41"), Some("google"));
        assert_eq!(owner_of("209.85.127.255"), None);
        assert_eq!(owner_of("2a00:1450:4864::1"), Some("google"));
        assert_eq!(owner_of("::ffff:74.125.1.1"), Some("google"));
        assert_eq!(owner_of("140.107.1.1"), None);
    }
}
