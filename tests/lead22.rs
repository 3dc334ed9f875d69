// SPDX-License-Identifier: MIT
//! Refusals that say in plain words what the receiver checked, read to
//! that reason instead of "a security rule without saying which"
//! (fresh14 #9, #12, #13, #24): each reply in Postfix's layout.

#![allow(clippy::disallowed_methods)] // tests: case tables are fine (clippy.toml)

/// (the server's reply, the reason it must give).
const REPLIES: &[(&str, &str)] = &[
    ("550 5.7.1 Your IP address 198.51.100.10 is blacklisted", "blocked"),
    ("554 Your IP address 198.51.100.10 is blacklisted", "blocked"),
    ("550 5.7.1 Your IP has been blocked", "blocked"),
    ("550 5.7.1 Your IP address is listed in our blacklist", "blocked"),
    ("550 5.7.1 Message rejected because your IP is on a blacklist", "blocked"),
    ("550 5.7.1 Your mail server is blacklisted", "blocked"),
    ("550 5.7.1 Rejected: 198.51.100.10 listed in RBL", "blocked"),
    (
        "550 5.7.1 Your message was rejected: the sending IP address is listed on our local blacklist",
        "blocked",
    ),
    ("550 5.7.1 Email ditolak karena IP pengirim masuk blacklist", "blocked"),
    ("550 5.7.1 Alamat IP Anda masuk daftar hitam", "blocked"),
    ("550 5.7.1 IP 198.51.100.10 diblokir", "blocked"),
    ("550 5.7.1 Sender IP reputation is poor", "badreputation"),
    ("550 5.7.1 IP address has a bad reputation", "badreputation"),
    ("550 5.7.1 Connection refused - IP reputation", "badreputation"),
    ("554 5.7.1 rejected because of IP reputation", "badreputation"),
    ("550 5.7.1 Your domain toko.example is blacklisted", "badreputation"),
    (
        "550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant and include a valid From address.",
        "notcompliantrfc",
    ),
    (
        "550 5.7.1 Message rejected due to SPF policy: 198.51.100.10 is not allowed to send mail from toko.example",
        "authfailure",
    ),
    ("550 5.1.0 Account is disabled", "suspend"),
];

#[test]
fn plain_refusals_are_read_to_what_they_say() {
    let mut wrong = Vec::new();
    for (reply, expected) in REPLIES {
        let text = format!(
            "<sari@kantor.example>: host mail.kantor.example[203.0.113.9] said: {reply} (in reply to RCPT TO command)\n"
        );
        let report =
            pantul::decode(text.as_bytes(), &pantul::Options::default())
                .expect("a Postfix line decodes");
        let json = serde_json::to_value(&report).expect("a report is JSON");
        let got = &json["recipients"][0]["reason"];
        if got != expected {
            wrong.push(format!("{reply}: {got}, expected {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
