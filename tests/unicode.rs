// SPDX-License-Identifier: MIT
//! Inputs saved as UTF-16 (with a byte order mark) or with a UTF-8 byte
//! order mark read as the same text; a byte order mark alone is empty.

use pantul::report::InputKind;
use pantul::{decode, Error, Lang, Options};

fn options() -> Options {
    Options { lang: Lang::En, ..Options::default() }
}

const BOUNCE: &str = "<neko@example.org>: host mx.example.org[192.0.2.1] \
    said:\r\n    550 5.1.1 <neko@example.org>: User unknown: Zoë 🙂\r\n    \
    (in reply to RCPT TO command)\r\n";

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        let pair = if little { unit.to_le_bytes() } else { unit.to_be_bytes() };
        out.extend_from_slice(&pair);
    }
    out
}

fn json(input: &[u8]) -> serde_json::Value {
    serde_json::to_value(decode(input, &options()).unwrap()).unwrap()
}

#[test]
fn utf16_reads_as_its_text() {
    let plain = json(BOUNCE.as_bytes());
    assert_eq!(plain["recipients"][0]["reason"], "userunknown");
    assert_eq!(
        plain["recipients"][0]["diagnostic"],
        "550 5.1.1 <neko@example.org>: User unknown: Zoë 🙂"
    );
    assert_eq!(json(&utf16(BOUNCE, true)), plain);
    assert_eq!(json(&utf16(BOUNCE, false)), plain);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(BOUNCE.as_bytes());
    assert_eq!(json(&bom), plain);
}

#[test]
fn a_whole_message_after_a_byte_order_mark_is_a_message() {
    let message = "From: MAILER-DAEMON@example.org\nSubject: Undelivered\n\
        To: sender@example.net\n\n\
        <neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 \
        User unknown (in reply to RCPT TO command)\n";
    for input in [
        [b"\xEF\xBB\xBF".as_slice(), message.as_bytes()].concat(),
        utf16(message, true),
    ] {
        let report = decode(&input, &options()).unwrap();
        assert_eq!(report.input, InputKind::Message);
        assert_eq!(
            report.recipients[0].address.as_deref(),
            Some("neko@example.org")
        );
    }
}

#[test]
fn a_byte_order_mark_alone_is_empty() {
    let cases: [&[u8]; 5] = [
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF \r\n",
        b"\xFF\xFE",
        b"\xFE\xFF",
        b"\xFF\xFE \0\n\0",
    ];
    for input in cases {
        assert_eq!(decode(input, &options()).unwrap_err(), Error::Empty);
    }
}

#[test]
fn odd_utf16_is_read_with_replacement_characters() {
    let mut input = utf16("Subject: x\n\nhi \u{1F642}", true);
    input.truncate(input.len() - 2);
    input.push(b'!');
    let report = decode(&input, &options()).unwrap();
    assert_eq!(report.kind, pantul::report::Kind::NotABounce);
}
