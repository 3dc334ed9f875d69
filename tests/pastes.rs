// SPDX-License-Identifier: MIT
//! What a fresh user's pastes showed (stop 17, helper "pastes"): texts
//! that point at words a paste does not hold, user-facing jargon, the
//! name of Google's layout, the host a Postfix opening names, links
//! followed by punctuation. Each check runs in both languages.

#![allow(clippy::disallowed_methods)] // tests: case tables are fine (clippy.toml)

use serde_json::Value;

mod support;
use support::report;

const LANGS: [pantul::Lang; 2] = [pantul::Lang::Id, pantul::Lang::En];

/// Every string of `value` with its path, outside the fields that quote
/// the notice word for word (`diagnostic`, `evidence`).
fn texts<'a>(value: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::String(s) => out.push((path, s)),
        Value::Array(items) => {
            for (n, v) in items.iter().enumerate() {
                texts(v, format!("{path}[{n}]"), out);
            }
        }
        Value::Object(fields) => {
            for (k, v) in fields {
                if k != "diagnostic" && k != "evidence" {
                    texts(v, format!("{path}.{k}"), out);
                }
            }
        }
        _ => {}
    }
}

fn all_texts(report: &Value) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    texts(report, String::new(), &mut out);
    out
}

/// Words that point at the server's words as if the report showed them.
const POINTERS: &[&str] = &[
    "below",
    "di bawah",
    "server's words",
    "server's own words",
    "kata-kata server",
    "kata-kata dari server",
    "say more",
    "keterangan lebih lanjut",
];

#[test]
fn a_paste_cut_off_below_the_address_points_at_no_words() {
    for file in ["gmail/30.eml", "text/30.txt"] {
        for lang in LANGS {
            let report = report(file, lang);
            let r = &report["recipients"][0];
            assert_eq!(r["address"], "pak.harun@koperasi-maju.example.co.id");
            assert_eq!(r["diagnostic"], Value::Null, "{file}");
            for (path, text) in all_texts(&report) {
                let lower = text.to_lowercase();
                for p in POINTERS {
                    assert!(
                        !lower.contains(p),
                        "{file} {lang:?} {path} points at words: {text}"
                    );
                }
            }
        }
    }
    // The whole message names no cause: advice for what the paste lacks.
    let en = report("gmail/30.eml", pantul::Lang::En);
    assert_eq!(en["recipients"][0]["reason"], "undefined");
    assert_eq!(en["advice"][0]["id"], "no-words");
    assert!(en["ticket_reply"]
        .as_str()
        .is_some_and(|t| t.contains("pak.harun@koperasi-maju.example.co.id")));
    // The heading alone still tells the failure, which is not decided.
    let text = report("text/30.txt", pantul::Lang::En);
    assert_eq!(text["recipients"][0]["reason"], "onhold");
}

#[test]
fn a_postfix_notice_cut_off_below_the_address_is_still_a_bounce() {
    for lang in LANGS {
        let report = report("postfix/34.txt", lang);
        assert_eq!(report["kind"], "bounce");
        assert_eq!(report["reporting_mta"], "smtp.hosting.example.co.id");
        let r = &report["recipients"][0];
        assert_eq!(r["address"], "bendahara@yayasan.example.or.id");
        assert_eq!(r["diagnostic"], Value::Null);
        assert_eq!(report["advice"][0]["id"], "no-words");
        for (path, text) in all_texts(&report) {
            let lower = text.to_lowercase();
            let pointer = POINTERS.iter().find(|p| lower.contains(*p));
            assert_eq!(pointer, None, "{lang:?} {path}: {text}");
        }
    }
}

#[test]
fn a_notice_with_words_still_points_at_them() {
    let report = report("postfix/30.txt", pantul::Lang::En);
    let r = &report["recipients"][0];
    assert!(r["diagnostic"].as_str().is_some_and(|d| d.contains("quota")));
}

#[test]
fn no_user_facing_text_names_sisimai() {
    let files = ["gmail/30.eml", "text/30.txt", "exchange/30.txt"];
    for file in files {
        for lang in LANGS {
            let report = report(file, lang);
            for (path, text) in all_texts(&report) {
                assert!(!text.contains("Sisimai"), "{file} {path}: {text}");
            }
        }
    }
    // A stand-in code says what it is in plain words.
    let en = report("gmail/30.eml", pantul::Lang::En);
    let meaning = en["recipients"][0]["status_meaning"].as_str();
    assert!(
        meaning.is_some_and(|m| m.contains("stand-in code")),
        "{meaning:?}"
    );
}

#[test]
fn google_names_workspace_only_for_a_domain_of_its_own() {
    for lang in LANGS {
        assert_eq!(report("google-workspace/30.eml", lang)["format"], "gmail");
        assert_eq!(
            report("google-workspace/31.eml", lang)["format"],
            "google-workspace"
        );
    }
    // A paste that does not say who sent it: the layout is Gmail's.
    let paste = report("google-workspace/01.txt", pantul::Lang::En);
    assert_eq!(paste["format"], "gmail");
    // A paste that opens with the notice's own header lines says it in
    // their `To:`; a webmail's "Kepada: saya" names no one.
    for (file, format) in [
        ("google-workspace/08.txt", "google-workspace"),
        ("google-workspace/110.txt", "google-workspace"),
        ("google-workspace/116.txt", "google-workspace"),
        ("google-workspace/111.txt", "gmail"),
        ("gmail/117.txt", "gmail"),
    ] {
        assert_eq!(report(file, pantul::Lang::En)["format"], format, "{file}");
    }
}

#[test]
fn the_postfix_opening_names_the_reporting_mta() {
    for lang in LANGS {
        let report = report("postfix/30.txt", lang);
        assert_eq!(report["reporting_mta"], "mail.example.co.id");
        assert_eq!(report["recipients"][0]["reason"], "mailboxfull");
    }
}

/// A link followed by sentence punctuation that a linkifier takes in:
/// `…LinkID=614866:` in a ticket.
fn link_with_punctuation(text: &str) -> Option<&str> {
    text.split_whitespace().find(|word| {
        let at = word.find("http://").or_else(|| word.find("https://"));
        at.is_some_and(|at| {
            let link = word[at..].trim_end_matches([')', '"', '\'']);
            link.ends_with([':', ';', ','])
        })
    })
}

#[test]
fn links_in_a_report_end_without_punctuation() {
    for lang in LANGS {
        let report = report("exchange/30.txt", lang);
        assert_eq!(report["recipients"][0]["policy"]["code"], "S3150");
        for (path, text) in all_texts(&report) {
            let found = link_with_punctuation(text);
            assert_eq!(found, None, "{lang:?} {path}: {text}");
        }
        // Links of the report's own fields are catalog links, whole.
        let listing = &report["recipients"][0]["listings"][0];
        for field in ["lookup_url", "delist_url", "doc_url"] {
            let url = listing[field].as_str().unwrap_or("");
            assert!(url.starts_with("https://"), "{field}: {url}");
            assert!(!url.ends_with(['.', ':', ';', ',']), "{field}: {url}");
        }
    }
}

#[test]
fn the_notice_s_own_words_win_over_a_bounce_it_encloses() {
    for lang in LANGS {
        let report = report("exim/30.txt", lang);
        let recipients = report["recipients"].as_array().cloned();
        let recipients = recipients.unwrap_or_default();
        assert_eq!(recipients.len(), 1);
        let r = &recipients[0];
        assert_eq!(r["address"], "helpdesk@vendor.example.com");
        assert_eq!(r["reply_code"], 550);
        assert_ne!(r["status"], "5.1.1");
        assert_eq!(r["reason"], "policyviolation");
        // The enclosed notice's Reporting-MTA is not this notice's.
        assert_eq!(report["reporting_mta"], Value::Null);
        assert_eq!(report["warning_ids"][0], "warning.enclosed-notice");
    }
}

#[test]
fn every_notice_of_a_paste_is_read() {
    let two = [
        (
            "postfix/31.txt",
            "bu.ratna@sekolah.example.sch.id",
            "gudang@toko.example.net",
        ),
        ("postfix/19.txt", "ketua@example.org", "bendahara@example.com"),
        ("gmail/31.txt", "arsip.kantor@example.org", "penjualan@example.com"),
    ];
    for (file, first, second) in two {
        for lang in LANGS {
            let report = report(file, lang);
            let addresses: Vec<&str> = report["recipients"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|r| r["address"].as_str())
                .collect();
            assert_eq!(addresses, [first, second], "{file}");
            assert_eq!(report["warning_ids"][0], "warning.several-notices");
            let warning = report["warnings"][0].as_str().unwrap_or("");
            assert!(warning.contains(" 2 "), "{file}: {warning}");
        }
    }
    // Two notices of two hosts name no one reporting MTA.
    let report = report("postfix/31.txt", pantul::Lang::En);
    assert_eq!(report["reporting_mta"], Value::Null);
    assert_eq!(report["recipients"][1]["reason"], "mailboxfull");
}

#[test]
fn a_paste_garbled_all_through_is_put_back_once() {
    for lang in LANGS {
        let report = report("postfix/32.txt", lang);
        let r = &report["recipients"][0];
        assert_eq!(r["address"], "siti.nurhaliza@example.co.id");
        assert_eq!(r["reason"], "userunknown");
        let words = r["diagnostic"].as_str().unwrap_or("");
        assert!(words.contains("“siti.nurhaliza” isn’t a mailbox here –"));
        let ids = report["warning_ids"].as_array().cloned().unwrap_or_default();
        assert_eq!(ids, [Value::from("warning.mojibake-repaired")]);
    }
}

#[test]
fn garbled_letters_in_sound_text_are_no_control_characters() {
    for lang in LANGS {
        let report = report("postfix/33.txt", lang);
        let r = &report["recipients"][0];
        assert_eq!(r["status"], "5.1.1");
        // Kept as written, the byte Windows-1252 lacks shown as a code.
        let words = r["diagnostic"].as_str().unwrap_or("");
        assert!(words.contains("â€œsiti.nurhalizaâ€\\x9d"), "{words}");
        assert!(words.contains("(宛先不明)"), "{words}");
        let ids = report["warning_ids"].as_array().cloned().unwrap_or_default();
        assert_eq!(ids, [Value::from("warning.garbled-characters")]);
        let warning = report["warnings"][0].as_str().unwrap_or("");
        assert!(!warning.to_lowercase().contains("control"), "{warning}");
        assert!(!warning.contains("kendali"), "{warning}");
    }
}

#[test]
fn google_s_prose_above_a_cut_off_reply_is_not_the_server_s_words() {
    for lang in LANGS {
        let report = report("gmail/32.txt", lang);
        let r = &report["recipients"][0];
        assert_eq!(r["address"], "humas@pemda.example.go.id");
        assert_eq!(r["diagnostic"], Value::Null);
        assert_eq!(r["remote_host"], "mx.pemda.example.go.id");
        assert_eq!(r["reason"], "onhold");
        for (path, text) in all_texts(&report) {
            let lower = text.to_lowercase();
            let pointer = POINTERS.iter().find(|p| lower.contains(*p));
            assert_eq!(pointer, None, "{lang:?} {path}: {text}");
        }
    }
}
