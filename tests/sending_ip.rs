// SPDX-License-Identifier: MIT
//! The sending IP a user types is checked by one validator for every
//! surface (`pantul::sending_ip`): public addresses in canonical form,
//! the documentation ranges accepted, the rest refused with a reason.

use pantul::sending_ip::{check, Range, Refusal};
use pantul::{decode, Lang, Options};

#[test]
fn canonical_forms() {
    let cases = [
        (" 203.0.113.9 ", "203.0.113.9"),
        ("[203.0.113.9]", "203.0.113.9"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        ("::FFFF:C633:6407", "198.51.100.7"),
        ("IPv6:2001:DB8:0000:0:0::1", "2001:db8::1"),
        ("2a00:1450:4001:0:0:0:0:200e", "2a00:1450:4001::200e"),
        ("8.8.8.8", "8.8.8.8"),
    ];
    for (typed, canonical) in cases {
        assert_eq!(check(typed).as_deref(), Ok(canonical), "{typed}");
    }
}

#[test]
fn refusals_say_why() {
    assert_eq!(check("10.0.0.1"), Err(Refusal::NotPublic(Range::Private)));
    assert_eq!(check("::1"), Err(Refusal::NotPublic(Range::Loopback)));
    assert_eq!(check("1.2.3"), Err(Refusal::NotAnIp));
    assert_eq!(check("xx.xx.xx.xx"), Err(Refusal::NotAnIp));
    let why = check("192.168.1.5").unwrap_err();
    assert_eq!(
        why.message("192.168.1.5", Lang::Id),
        "192.168.1.5 bukan alamat publik (privat), sehingga server lain \
         tidak pernah melihatnya. IP pengirim harus berupa alamat IP publik \
         tempat server Anda mengirim email."
    );
}

#[test]
fn decode_ignores_a_private_sending_ip() {
    let bounce =
        "<neko@example.org>: host mx.example.org[192.0.2.1] said:\n    \
        554 5.7.1 Service unavailable; Client host [xx.xx.xx.xx] blocked \
        using zen.spamhaus.org (in reply to RCPT TO command)\n";
    let with = |ip: &str| {
        let options = Options {
            lang: Lang::En,
            sending_ip: Some(ip.to_string()),
            ..Options::default()
        };
        let report = decode(bounce.as_bytes(), &options).unwrap();
        report.recipients[0].listings[0].lookup_url.clone()
    };
    let public = with("::ffff:203.0.113.9").unwrap_or_default();
    assert!(public.contains("203.0.113.9"), "{public}");
    let private = with("10.0.0.1");
    assert!(!private.unwrap_or_default().contains("10.0.0.1"));
}
