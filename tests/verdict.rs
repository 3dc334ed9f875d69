// SPDX-License-Identifier: MIT
//! One verdict a recipient: its `action`, the summary, the totals and
//! the ticket reply say the same thing about it (fresh11 F10, F6).

#![allow(clippy::disallowed_methods)] // tests: case tables are fine (clippy.toml)

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod support;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn decoded(path: &Path) -> Option<Value> {
    let bytes = fs::read(path).ok()?;
    let report = pantul::decode(&bytes, &pantul::Options::default()).ok()?;
    serde_json::to_value(&report).ok()
}

/// True for a recipient whose notice reports no failure.
fn not_a_failure(r: &Value) -> bool {
    matches!(r["reason"].as_str(), Some("delivered" | "vacation" | "feedback"))
}

#[test]
fn a_failure_is_failed_when_permanent_and_delayed_when_retried() {
    let all = support::fixture_inputs();
    assert!(all.len() > 300, "too few fixtures: {}", all.len());
    let mut wrong = Vec::new();
    for path in &all {
        let Some(report) = decoded(path) else { continue };
        let recipients = report["recipients"].as_array().cloned();
        for (n, r) in recipients.unwrap_or_default().iter().enumerate() {
            if not_a_failure(r) {
                continue;
            }
            let expected =
                if r["permanent"] == true { "failed" } else { "delayed" };
            if r["action"] != expected {
                wrong.push(format!(
                    "{} #{n}: action {} but permanent {}",
                    path.display(),
                    r["action"],
                    r["permanent"]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_pasted_postfix_bounce_names_its_failures_failed() {
    for (lang, said) in [
        (pantul::Lang::En, "Delivery to 2 recipients failed."),
        (pantul::Lang::Id, "Pengiriman ke 2 penerima gagal."),
    ] {
        let report = support::report("postfix/160.txt", lang);
        assert!(report["summary"].as_str().unwrap().starts_with(said));
        for r in report["recipients"].as_array().unwrap() {
            assert_eq!(r["action"], "failed");
            assert_eq!(r["permanent"], true);
        }
    }
}

#[test]
fn a_paste_with_a_retried_recipient_counts_it_delayed() {
    let report = support::report("postfix/161.txt", pantul::Lang::En);
    let actions: Vec<&Value> = report["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["action"])
        .collect();
    assert_eq!(actions, ["delayed", "failed"]);
    let summary = report["summary"].as_str().unwrap();
    assert!(summary.starts_with(
        "Delivery to 1 recipient failed. Delivery to 1 other recipient \
         is delayed"
    ));
}

#[test]
fn the_cli_totals_count_the_pasted_failures_by_action() {
    let files = ["postfix/160.txt", "postfix/161.txt"]
        .map(|f| format!("{FIXTURES}/{f}"));
    let out = Command::new(env!("CARGO_BIN_EXE_pantul"))
        .args(["--totals", "--json"])
        .args(&files)
        .output()
        .unwrap();
    let totals: Value = serde_json::from_slice(&out.stdout).unwrap();
    let actions = &totals["totals"]["actions"];
    assert_eq!(actions["failed"], 3);
    assert_eq!(actions["delayed"], 1);
    assert_eq!(actions["none"], Value::Null);
}

#[test]
fn a_reply_calls_a_hard_bounce_only_what_the_report_marks_one() {
    let mut wrong = Vec::new();
    for path in support::fixture_inputs() {
        let Some(report) = decoded(&path) else { continue };
        let recipients = report["recipients"].as_array().unwrap();
        for advice in report["advice"].as_array().unwrap() {
            let reply = advice["reply"].as_str().unwrap_or("");
            if !reply.contains("This is a hard bounce") {
                continue;
            }
            let members = advice["recipients"].as_array().unwrap();
            let all_hard = members.iter().all(|n| {
                let n = n.as_u64().unwrap() as usize;
                recipients[n]["hard_bounce"] == true
            });
            if !all_hard {
                wrong.push(format!("{}: {}", path.display(), advice["id"]));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_address_with_hidden_characters_is_no_hard_bounce_in_the_reply() {
    for (lang, says, not_says) in [
        (
            pantul::Lang::En,
            "This is not a hard bounce",
            "This is a hard bounce",
        ),
        (pantul::Lang::Id, "Ini bukan hard bounce", "Ini termasuk hard bounce"),
    ] {
        let report = support::report("text/162.txt", lang);
        let r = &report["recipients"][0];
        assert_eq!(r["address"], "dewi.<U+200B>lestari@konveksi-maju.example");
        assert_eq!(r["hard_bounce"], false);
        assert_eq!(r["reason"], "userunknown");
        assert_eq!(report["advice"][0]["id"], "hidden-address");
        let reply = report["ticket_reply"].as_str().unwrap();
        assert!(reply.contains(says), "{reply}");
        assert!(!reply.contains(not_says), "{reply}");
        let ids = report["warning_ids"].as_array().unwrap();
        assert!(ids.iter().any(|w| w == "warning.hidden-in-address"));
    }
}

/// `text` as Windows Notepad saves "Unicode": UTF-16 with a byte order
/// mark, little-endian or big-endian.
fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut bytes = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        let pair = if little { unit.to_le_bytes() } else { unit.to_be_bytes() };
        bytes.extend_from_slice(&pair);
    }
    bytes
}

#[test]
fn a_utf16_file_reads_as_its_text_on_every_path() {
    let path = format!("{FIXTURES}/postfix/160.txt");
    let text = fs::read_to_string(&path).unwrap();
    let options = pantul::Options::default();
    let addresses = |reports: Vec<pantul::Report>| -> Vec<Option<String>> {
        reports
            .iter()
            .flat_map(|r| r.recipients.iter().map(|x| x.address.clone()))
            .collect()
    };
    let expected =
        addresses(vec![pantul::decode(text.as_bytes(), &options).unwrap()]);
    assert_eq!(expected.len(), 2);
    for little in [true, false] {
        let bytes = utf16(&text, little);
        let one = pantul::decode(&bytes, &options).map(|r| vec![r]);
        let all = pantul::decode_all(&bytes, &options);
        let log = pantul::split_log::decode_log(&bytes, &options);
        for (path, got) in [("decode", one), ("all", all), ("log", log)] {
            let got = got.unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(addresses(got), expected, "{path}, little {little}");
        }
    }
}

#[test]
fn relaying_refused_by_the_recipients_own_server_is_for_its_admin() {
    let cases = [
        // Gmail: "the remote server is misconfigured".
        ("gmail/163.txt", None),
        // A transcript's connection to the recipient domain's server.
        ("text/164.txt", Some("mail.yayasan-pendidikan.example")),
        // A host of the recipient's domain, in delivery between servers.
        ("postfix/165.txt", Some("mx2.klinik-sehat.example")),
    ];
    for (file, host) in cases {
        for lang in [pantul::Lang::En, pantul::Lang::Id] {
            let report = support::report(file, lang);
            let r = &report["recipients"][0];
            assert_eq!(r["reason"], "norelaying", "{file}");
            assert_eq!(r["remote_host"].as_str(), host, "{file}");
            let advice = &report["advice"][0];
            assert_eq!(advice["id"], "norelaying-recipient-mx", "{file}");
            assert_eq!(advice["who"], "recipient", "{file}");
            let steps = advice["steps"].to_string().to_lowercase();
            assert!(steps.contains("mx"), "{file}: {steps}");
            assert!(!steps.contains("port 465"), "{file}: {steps}");
        }
    }
}

#[test]
fn relaying_refused_by_another_server_keeps_the_login_advice() {
    let report = support::report("postfix/166.txt", pantul::Lang::En);
    let advice = &report["advice"][0];
    assert_eq!(advice["id"], "norelaying");
    assert_eq!(advice["who"], "sender");
    assert!(advice["steps"].to_string().contains("requires authentication"));
}

#[test]
fn an_address_glued_to_the_next_field_is_not_made_up() {
    // `pemesanan@katering-ibu.example=` then `Action: failed`: the
    // quoted-printable soft break joins them into one line.
    let report = support::report("rfc3464/167.eml", pantul::Lang::En);
    let r = &report["recipients"][0];
    assert_eq!(r["address"], Value::Null);
    assert_eq!(r["reason"], "userunknown");
    assert_eq!(r["status"], "5.1.1");
    assert_eq!(r["action"], "failed");
}
