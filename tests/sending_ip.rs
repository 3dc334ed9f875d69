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

/// Every string in `value`, with its dotted path.
fn strings(
    value: &serde_json::Value,
    path: &str,
    out: &mut Vec<(String, String)>,
) {
    match value {
        serde_json::Value::String(s) => out.push((path.to_string(), s.clone())),
        serde_json::Value::Array(items) => {
            for (n, item) in items.iter().enumerate() {
                strings(item, &format!("{path}.{n}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                strings(item, &format!("{path}.{key}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn an_ipv4_mapped_address_in_a_bounce_is_read_as_ipv4() {
    let text = include_str!("fixtures/postfix/201.txt");
    for lang in [Lang::En, Lang::Id] {
        let options = Options { lang, ..Options::default() };
        let report = decode(text.as_bytes(), &options).unwrap();
        let recipient = &report.recipients[0];
        assert_eq!(recipient.remote_ip.as_deref(), Some("198.51.100.14"));
        let listing = recipient.blocklist.as_ref();
        assert_eq!(listing.map(|l| l.id.as_str()), Some("spamhaus-zen"));
        assert_eq!(
            listing.and_then(|l| l.listed.as_deref()),
            Some("203.0.113.140")
        );
        assert_eq!(
            listing.and_then(|l| l.lookup_url.as_deref()),
            Some("https://check.spamhaus.org/results/?query=203.0.113.140")
        );
        // Only the server's own words keep the mapped form.
        let json = serde_json::to_value(&report).unwrap();
        let mut found = Vec::new();
        strings(&json, "", &mut found);
        let mapped: Vec<&String> = found
            .iter()
            .filter(|(_, s)| s.to_ascii_lowercase().contains("::ffff:"))
            .map(|(path, _)| path)
            .filter(|p| {
                !p.ends_with(".diagnostic") && !p.ends_with(".evidence.text")
            })
            .collect();
        assert!(mapped.is_empty(), "mapped form in {mapped:?}");
        let steps = report.advice[0].steps.join("\n");
        assert!(steps.contains("?query=203.0.113.140"), "{steps}");
    }
}
