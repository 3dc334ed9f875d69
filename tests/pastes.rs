// SPDX-License-Identifier: MIT
//! What a fresh user's pastes showed (stop 17, helper "pastes"): texts
//! that point at words a paste does not hold, user-facing jargon, the
//! name of Google's layout, the host a Postfix opening names, links
//! followed by punctuation. Each check runs in both languages.

use std::path::Path;

use serde_json::Value;

const LANGS: [pantul::Lang; 2] = [pantul::Lang::Id, pantul::Lang::En];

/// The report of a fixture of `tests/fixtures/`, as JSON.
fn report(file: &str, lang: pantul::Lang) -> Value {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(file);
    let bytes = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let options = pantul::Options { lang, ..Default::default() };
    let report = pantul::decode(&bytes, &options)
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::to_value(&report).unwrap_or(Value::Null)
}

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
