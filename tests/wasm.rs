// SPDX-License-Identifier: MIT
//! The WebAssembly boundary under Node (wasm-bindgen-test): the seed
//! case through the exports the page and the npm package call, and the
//! errors they throw.
//!
//! `cargo test --target wasm32-unknown-unknown --test wasm` with
//! `wasm-bindgen-test-runner` as the cargo runner (`npm test` sets it).
#![cfg(target_arch = "wasm32")]

use pantul::wasm::{
    catalog_json, check_ip, decode_bytes, decode_head_bytes, decode_log_bytes,
    decode_string, max_size,
};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const SEED: &str = include_str!("seed/ers-qil-masked.txt");
const SEED_ADDRESSES: &str = include_str!("seed/ers-qil-addresses.txt");

fn report(json: Result<String, JsValue>) -> Value {
    let json = json.unwrap_or_else(|e| panic!("decode failed: {e:?}"));
    serde_json::from_str(&json).expect("the report is JSON")
}

/// The `code` and `name` of a thrown PantulError.
fn failure(result: Result<String, JsValue>) -> (String, String, String) {
    let error = result.expect_err("decode should fail");
    let get = |key: &str| {
        js_sys::Reflect::get(&error, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    (get("name"), get("code"), get("message"))
}

fn check_seed(r: &Value, lang: &str) {
    assert_eq!(r["lang"], lang);
    assert_eq!(r["kind"], "delay");
    let people = r["recipients"].as_array().expect("recipients");
    assert_eq!(people.len(), 2);
    for (person, ip) in people.iter().zip(["18.208.22.78", "18.208.22.77"]) {
        assert_eq!(person["reply_code"], 450);
        assert_eq!(person["status"], "4.7.1");
        assert_eq!(person["command"], "RCPT");
        assert_eq!(person["remote_host"], "meratus.in.tmes.trendmicro.com");
        assert_eq!(person["remote_ip"], ip);
        assert_eq!(person["reason"], "blocked");
        assert_eq!(person["permanent"], false);
        assert_eq!(person["hard_bounce"], false);
        assert_eq!(person["blocklist"]["id"], "trendmicro-ers");
        let name = person["blocklist"]["name"].as_str().unwrap_or("");
        assert!(name.contains("QIL"), "{name}");
        let lookup = person["blocklist"]["lookup_url"].as_str().unwrap_or("");
        assert!(lookup.starts_with("https://www.ers.trendmicro.com/"));
    }
    let warnings = r["warning_ids"].as_array().expect("warning_ids");
    assert!(warnings.contains(&"warning.masked-ip".into()));
    assert_eq!(r["advice"][0]["id"], "trendmicro-ers");
    assert_eq!(r["advice"][0]["steps"].as_array().map(Vec::len), Some(6));
}

#[wasm_bindgen_test]
fn the_seed_decodes_in_both_languages() {
    for lang in ["id", "en"] {
        let r = report(decode_string(SEED, lang, None));
        check_seed(&r, lang);
        for person in r["recipients"].as_array().into_iter().flatten() {
            assert_eq!(person["address"], Value::Null);
            assert_eq!(person["address_masked"], true);
        }
        let warnings = r["warning_ids"].as_array().expect("warning_ids");
        assert!(warnings.contains(&"warning.masked-address".into()));
    }
}

#[wasm_bindgen_test]
fn the_seed_with_addresses_gives_them() {
    let r = report(decode_bytes(SEED_ADDRESSES.as_bytes(), "en", None));
    check_seed(&r, "en");
    assert_eq!(r["recipients"][0]["address"], "rina@example.co.id");
    assert_eq!(r["recipients"][1]["address"], "budi@example.net");
    assert_eq!(r["recipients"][0]["address_masked"], false);
}

#[wasm_bindgen_test]
fn a_sending_ip_fills_the_links() {
    let r = report(decode_string(SEED, "en", Some("203.0.113.9".into())));
    let list = &r["recipients"][0]["blocklist"];
    assert_eq!(list["listed"], "203.0.113.9");
    assert_eq!(
        list["lookup_url"],
        "https://www.ers.trendmicro.com/reputations/index?ip_address=203.0.113.9"
    );
    let v6 = report(decode_string(SEED, "en", Some("2001:db8::7".into())));
    let lookup = v6["recipients"][0]["blocklist"]["lookup_url"].as_str();
    assert_eq!(
        lookup,
        Some("https://www.ers.trendmicro.com/reputations/index?ip_address=2001:db8::7")
    );
    let blank = report(decode_string(SEED, "en", Some("  ".into())));
    assert_eq!(blank["recipients"][0]["blocklist"]["listed"], Value::Null);
}

#[wasm_bindgen_test]
fn bad_input_throws_typed_errors() {
    let (name, code, message) = failure(decode_string("  \n", "en", None));
    assert_eq!((name.as_str(), code.as_str()), ("PantulError", "empty"));
    assert!(message.contains("no text"), "{message}");

    let junk: Vec<u8> = (0..4096u32).map(|i| (i % 7) as u8).collect();
    let (_, code, message) = failure(decode_bytes(&junk, "id", None));
    assert_eq!(code, "binary");
    assert!(message.contains("biner"), "{message}");

    let huge = vec![b'a'; max_size() + 1];
    let (_, code, message) = failure(decode_bytes(&huge, "en", None));
    assert_eq!(code, "too-large");
    // One byte over: both sizes in bytes, so the size is seen to be larger.
    assert!(message.contains("(10,485,761 bytes)"), "{message}");

    for bad in ["xx.xx.xx.xx", "javascript:alert(1)", "300.1.1.1", "1.2.3"] {
        let (_, code, _) = failure(decode_string(SEED, "en", Some(bad.into())));
        assert_eq!(code, "invalid-ip", "{bad}");
    }
    let private = decode_string(SEED, "en", Some("192.168.1.5".into()));
    let (_, code, message) = failure(private);
    assert_eq!(code, "invalid-ip");
    assert!(
        message.starts_with("192.168.1.5 is not a public address (private)")
    );
}

#[wasm_bindgen_test]
fn ips_are_checked_and_canonical() {
    assert_eq!(check_ip("192.0.2.1").as_deref(), Some("192.0.2.1"));
    assert_eq!(check_ip("[IPv6:2001:DB8::1]").as_deref(), Some("2001:db8::1"));
    assert_eq!(check_ip("192.0.2.1\"><b>"), None);
    assert_eq!(check_ip("::ffff:203.0.113.9").as_deref(), Some("203.0.113.9"));
    for private in ["10.0.0.1", "127.0.0.1", "fe80::1", "::", "100.64.0.1"] {
        assert_eq!(check_ip(private), None, "{private}");
    }
}

#[wasm_bindgen_test]
fn the_catalog_lists_entries_with_links() {
    let json = catalog_json("id").expect("catalog");
    let catalog: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(catalog["lang"], "id");
    let entries = catalog["entries"].as_array().expect("entries");
    let ers = entries
        .iter()
        .find(|e| e["id"] == "trendmicro-ers")
        .expect("trendmicro-ers");
    assert_eq!(
        ers["lookup_url"],
        "https://www.ers.trendmicro.com/reputations/index"
    );
    assert_eq!(catalog["reasons"].as_array().map(Vec::len), Some(36));
}

/// Pieces bounces are made of, and some that no bounce should hold.
const PIECES: &[&[u8]] = &[
    b"550 5.1.1 <a@example.org>: User unknown\n",
    b"(in reply to RCPT TO command)\n",
    b"host mx.example.org[192.0.2.1] said: ",
    b"Content-Type: multipart/report; boundary=\"b\"\n\n--b\n",
    b"Status: 4.7.1\nAction: delayed\nFinal-Recipient: rfc822;",
    b"> > 421-4.7.0 [TSS04] ",
    b"=?utf-8?B?w7w=?= =C3=BC\r\n",
    b"\xff\xfe\x00\xc3(\xe2\x82",
    b"[email\xc2\xa0protected] xx.xx.xx.xx \xe2\x80\xae",
    b"From MAILER-DAEMON Tue Mar  4 09:12:40 2025\n",
];

/// A mail log gives a report per queued message, each naming it; its
/// errors are those of the other exports.
#[wasm_bindgen_test]
fn a_log_gives_a_report_per_queued_message() {
    let log = include_str!("fixtures/maillog/43.txt");
    let json = decode_log_bytes(log.as_bytes(), "en", None);
    let json = json.unwrap_or_else(|e| panic!("decode failed: {e:?}"));
    let reports: Value = serde_json::from_str(&json).expect("JSON");
    let ids: Vec<&str> = reports
        .as_array()
        .map(|all| all.iter().filter_map(|r| r["queue_id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(ids, ["5A1B2C3D4E", "6B2C3D4E5F", "7C3D4E5F6A"]);
    let (name, code, _) = failure(decode_log_bytes(b" \n", "en", None));
    assert_eq!((name.as_str(), code.as_str()), ("PantulError", "empty"));
}

/// Deterministic pseudo-random inputs never make the boundary trap:
/// each gives a report or a typed error.
#[wasm_bindgen_test]
fn odd_inputs_give_a_report_or_a_typed_error() {
    let mut state: u32 = 0x2545_f491;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as usize
    };
    for _ in 0..300 {
        let mut input = Vec::new();
        for _ in 0..next() % 12 {
            input.extend_from_slice(PIECES[next() % PIECES.len()]);
            if next() % 4 == 0 {
                input.push((next() % 256) as u8);
            }
        }
        match decode_bytes(&input, "en", None) {
            Ok(json) => {
                assert!(serde_json::from_str::<Value>(&json).is_ok());
            }
            Err(_) => {
                let (name, code, _) = failure(decode_bytes(&input, "id", None));
                assert_eq!(name, "PantulError");
                assert!(["empty", "binary"].contains(&code.as_str()), "{code}");
            }
        }
    }
}

/// A subset of `tests/hostile.rs` through the boundary, where a stack
/// overflow or a panic would trap: deep nesting, one text for many
/// recipients, a long line, invalid UTF-8 and NUL bytes each give a
/// report.
#[wasm_bindgen_test]
fn hostile_inputs_give_reports() {
    let layer = "From: MAILER-DAEMON@example.org\nSubject: x\n\
                 Content-Type: message/rfc822\n\n";
    let nested_messages = format!("{}550 5.1.1 x\n", layer.repeat(20_000));

    let mut nested_parts = String::from(
        "From: MAILER-DAEMON@example.org\nSubject: x\n\
         Content-Type: multipart/mixed; boundary=\"b0\"\n\n",
    );
    for d in 1..2_000 {
        nested_parts.push_str(&format!(
            "--b{}\nContent-Type: multipart/mixed; boundary=\"b{d}\"\n\n",
            d - 1
        ));
    }

    let mut queue = String::from(
        "4P64Bn1qNHzLbR0q   8721 Wed Feb  1 08:31:29  s@example.com\n\
         (host mx.example.org[192.0.2.1] said: 450 4.7.1 ",
    );
    queue.push_str(&"x".repeat(1 << 20));
    queue.push_str(")\n");
    for i in 0..5_000 {
        queue.push_str(&format!("    r{i}@example.org\n"));
    }

    let long_line =
        format!("550 5.7.1 <a@example.org> {}\n", "a".repeat(1 << 20));
    let mut odd_bytes = b"<a@example.org>: 550 5.1.1 ".to_vec();
    // Invalid UTF-8 throughout, and a NUL byte now and then.
    odd_bytes.extend(
        (0..50_000u32).flat_map(|i| {
            [0xff, 0x80, b' ', if i % 50 == 0 { 0 } else { b'x' }]
        }),
    );
    odd_bytes.push(b'\n');

    let inputs: [&[u8]; 5] = [
        nested_messages.as_bytes(),
        nested_parts.as_bytes(),
        queue.as_bytes(),
        long_line.as_bytes(),
        &odd_bytes,
    ];
    for input in inputs {
        let r = report(decode_bytes(input, "en", None));
        assert!(r["recipients"].as_array().is_some_and(|a| a.len() <= 1_000));
    }
    let r = report(decode_bytes(queue.as_bytes(), "en", None));
    assert_eq!(r["recipients"].as_array().map(Vec::len), Some(1_000));
    let warnings = r["warning_ids"].as_array().expect("warning_ids");
    assert!(warnings.contains(&"warning.too-many-recipients".into()));
}

/// Our fixture rfc3464/332.eml (a "Mailbox full" notice carrying back a
/// PDF) with attachment lines added until it is over the limit.
fn big_notice() -> Vec<u8> {
    let notice = include_str!("fixtures/rfc3464/332.eml");
    let at = notice.find("\n--lampiran--").expect("attachment end");
    let line = format!("\n{}", "QUFB".repeat(19));
    let lines = (max_size() + 2000) / line.len() + 1;
    let mut big = notice.as_bytes()[..at].to_vec();
    big.extend_from_slice(line.repeat(lines).as_bytes());
    big.extend_from_slice(&notice.as_bytes()[at..]);
    big
}

/// The start of an input over the limit, with its whole size: a MIME
/// message is read up to the limit, as the CLI reads it (fresh14 #35);
/// an mbox file or any other input is refused with its whole size.
#[wasm_bindgen_test]
fn the_head_of_a_big_notice_is_read() {
    let big = big_notice();
    let size = big.len() as f64;
    let head = &big[..=max_size()];
    for (lang, said) in
        [("en", "Only its start"), ("id", "Hanya bagian awalnya")]
    {
        let r = report(decode_head_bytes(head, size, lang, None));
        assert_eq!(r["warning_ids"], serde_json::json!(["warning.input-cut"]));
        assert!(r["warnings"][0].as_str().unwrap_or("").contains(said));
        assert_eq!(r["recipients"][0]["reason"], "mailboxfull");
        assert_eq!(r["recipients"][0]["status"], "5.2.2");
    }
    let mut mbox = b"From MAILER-DAEMON Thu Apr 29 23:34:45 2015\n".to_vec();
    mbox.extend_from_slice(&big);
    let whole = format!("({} bytes)", group(mbox.len()));
    let cut =
        decode_head_bytes(&mbox[..=max_size()], mbox.len() as f64, "en", None);
    let (_, code, message) = failure(cut);
    assert_eq!(code, "too-large");
    assert!(message.contains(&whole), "{message}");
    let text = vec![b'a'; max_size() + 5000];
    let cut =
        decode_head_bytes(&text[..=max_size()], text.len() as f64, "en", None);
    let (_, code, message) = failure(cut);
    assert_eq!(code, "too-large");
    assert!(message.contains("(10,490,760 bytes)"), "{message}");
    let ip = decode_head_bytes(head, size, "en", Some("10.0.0.1".into()));
    assert_eq!(failure(ip).1, "invalid-ip");
}

/// `n` with commas between groups of three digits, as English messages
/// write sizes.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
