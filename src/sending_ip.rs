// SPDX-License-Identifier: MIT
//! The sending IP a user types, checked once for every surface: the
//! CLI's `--ip`, the package's `sendingIp` and `checkIp`, the page.
//!
//! Blocklists list the address other servers saw, so it must be one
//! they can see: a public unicast address. Private, shared (CGNAT),
//! loopback, link-local, unspecified, multicast, broadcast and reserved
//! addresses are refused with a message that says which they are. The
//! documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
//! 2001:db8::/32) are accepted: examples use them, and a lookup of one
//! harms nobody.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::grammar::host::parse_ip;
use crate::knowledge::messages;
use crate::Lang;

/// Why a typed sending IP is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// Not an IPv4 or IPv6 address.
    NotAnIp,
    /// An address of this range, which other servers never see.
    NotPublic(Range),
}

/// Address ranges that are not public unicast addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Range {
    /// 10/8, 172.16/12, 192.168/16, fc00::/7.
    Private,
    /// 100.64/10, carrier-grade NAT.
    Shared,
    /// 127/8, ::1.
    Loopback,
    /// 169.254/16, fe80::/10.
    LinkLocal,
    /// 0/8, ::.
    Unspecified,
    /// 224/4, ff00::/8.
    Multicast,
    /// 240/4 (255.255.255.255 included), and the special-purpose ranges
    /// no other server sees (IANA, "Globally Reachable: False"):
    /// 198.18/15 (benchmarking), ::/96 (IPv4-compatible), 100::/64
    /// (discard-only), 2001:10::/28 (ORCHID).
    Reserved,
}

impl Range {
    fn id(self) -> &'static str {
        match self {
            Range::Private => "ip-range.private",
            Range::Shared => "ip-range.shared",
            Range::Loopback => "ip-range.loopback",
            Range::LinkLocal => "ip-range.link-local",
            Range::Unspecified => "ip-range.unspecified",
            Range::Multicast => "ip-range.multicast",
            Range::Reserved => "ip-range.reserved",
        }
    }
}

impl Refusal {
    /// The message in `lang`, naming the address `typed`, as the page
    /// and the npm package show it.
    pub fn message(self, typed: &str, lang: Lang) -> String {
        self.message_in("error", typed, lang)
    }

    /// The message `{family}.invalid-ip` or `{family}.non-public-ip` in
    /// `lang`, naming the address `typed` (`{value}`, `{ip}`) and its
    /// range (`{range}`): the CLI's `cli.error` speaks of its `--ip`.
    pub fn message_in(self, family: &str, typed: &str, lang: Lang) -> String {
        let ip = crate::visible::visible_line(typed.trim());
        let (id, range) = match self {
            Refusal::NotAnIp => ("invalid-ip", String::new()),
            Refusal::NotPublic(range) => {
                ("non-public-ip", messages::text(range.id(), lang, &[]))
            }
        };
        let values =
            [("ip", ip.as_ref()), ("value", ip.as_ref()), ("range", &range)];
        messages::text(&format!("{family}.{id}"), lang, &values)
    }
}

/// The sending IP in canonical form (an IPv4-mapped IPv6 address as
/// IPv4, IPv6 compressed and lowercase), or why it is refused.
///
/// ```
/// use pantul::sending_ip::{check, Range, Refusal};
/// assert_eq!(check(" 203.0.113.9 ").as_deref(), Ok("203.0.113.9"));
/// assert_eq!(check("::ffff:198.51.100.7").as_deref(), Ok("198.51.100.7"));
/// assert_eq!(check("2001:DB8:0:0::1").as_deref(), Ok("2001:db8::1"));
/// assert_eq!(check("10.1.2.3"), Err(Refusal::NotPublic(Range::Private)));
/// assert_eq!(check("xx.xx.xx.xx"), Err(Refusal::NotAnIp));
/// ```
pub fn check(text: &str) -> Result<String, Refusal> {
    let canonical = parse_ip(text).ok_or(Refusal::NotAnIp)?;
    let ip: IpAddr = canonical.parse().map_err(|_| Refusal::NotAnIp)?;
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    match range(ip) {
        Some(range) => Err(Refusal::NotPublic(range)),
        None => Ok(ip.to_string()),
    }
}

fn range(ip: IpAddr) -> Option<Range> {
    match ip {
        IpAddr::V4(v4) => range_v4(v4),
        IpAddr::V6(v6) => range_v6(v6),
    }
}

fn range_v4(ip: Ipv4Addr) -> Option<Range> {
    let [a, b, ..] = ip.octets();
    Some(if ip.is_private() {
        Range::Private
    } else if a == 100 && (64..128).contains(&b) {
        Range::Shared
    } else if ip.is_loopback() {
        Range::Loopback
    } else if ip.is_link_local() {
        Range::LinkLocal
    } else if a == 0 {
        Range::Unspecified
    } else if ip.is_multicast() {
        Range::Multicast
    } else if a >= 240 || (a == 198 && (b == 18 || b == 19)) {
        Range::Reserved
    } else {
        return None;
    })
}

fn range_v6(ip: Ipv6Addr) -> Option<Range> {
    Some(if ip.is_unique_local() {
        Range::Private
    } else if ip.is_loopback() {
        Range::Loopback
    } else if ip.is_unicast_link_local() {
        Range::LinkLocal
    } else if ip.is_unspecified() {
        Range::Unspecified
    } else if ip.is_multicast() {
        Range::Multicast
    } else if reserved_v6(ip.segments()) {
        Range::Reserved
    } else {
        return None;
    })
}

/// ::/96 (IPv4-compatible, deprecated), 100::/64 (discard-only) and
/// 2001:10::/28 (ORCHID).
fn reserved_v6(s: [u16; 8]) -> bool {
    let compatible = s[..6].iter().all(|&x| x == 0);
    let discard = s[0] == 0x100 && s[1..4].iter().all(|&x| x == 0);
    let orchid = s[0] == 0x2001 && (s[1] & 0xfff0) == 0x10;
    compatible || discard || orchid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        let cases = [
            ("172.16.0.1", Range::Private),
            ("192.168.1.1", Range::Private),
            ("fd00::1", Range::Private),
            ("100.64.0.1", Range::Shared),
            ("127.0.0.1", Range::Loopback),
            ("::1", Range::Loopback),
            ("::ffff:127.0.0.1", Range::Loopback),
            ("169.254.1.1", Range::LinkLocal),
            ("fe80::1", Range::LinkLocal),
            ("0.0.0.0", Range::Unspecified),
            ("::", Range::Unspecified),
            ("224.0.0.1", Range::Multicast),
            ("ff02::1", Range::Multicast),
            ("255.255.255.255", Range::Reserved),
            // fresh13 #8: ranges other servers never see.
            ("198.18.0.1", Range::Reserved),
            ("198.19.255.1", Range::Reserved),
            ("::127.0.0.1", Range::Reserved),
            ("100::1", Range::Reserved),
            ("2001:10::1", Range::Reserved),
        ];
        for (ip, range) in cases {
            assert_eq!(check(ip), Err(Refusal::NotPublic(range)), "{ip}");
        }
        for ip in [
            "8.8.8.8",
            "100.128.0.1",
            "172.32.0.1",
            "198.20.0.1",
            "2a00:1450::1",
            "2001:db9::1",
        ] {
            assert_eq!(check(ip).as_deref(), Ok(ip));
        }
    }
}
