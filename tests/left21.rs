// SPDX-License-Identifier: MIT
//! Stop 21's loose ends: a likely typo of a recipient domain said once
//! (one step, the summary, the reply), a message Postfix queued again
//! under a new queue id read as one message with its last outcome, and
//! the Indonesian names of the Google Admin console's menus.

mod support;

use pantul::{Lang, Options};
use serde_json::Value;

const LANGS: [Lang; 2] = [Lang::Id, Lang::En];

fn decode(file: &str, lang: Lang) -> Value {
    support::report(file, lang)
}

/// The advice item's steps that ask to check a spelling.
fn spelling_steps(advice: &Value) -> Vec<String> {
    advice["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|s| s.contains("Check the spelling") || s.contains("ejaan"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_domain_not_found_at_a_likely_typo_gets_one_spelling_step() {
    for lang in LANGS {
        let report = decode("postfix/235.txt", lang);
        let r = &report["recipients"][0];
        assert_eq!(r["address"], "sari.wulandari@gmial.com");
        assert_eq!(r["reason"], "hostunknown");
        let advice = &report["advice"][0];
        let steps = spelling_steps(advice);
        assert_eq!(steps.len(), 1, "{steps:#?}");
        let hint = match lang {
            Lang::En => "gmial.com (perhaps gmail.com)",
            Lang::Id => "gmial.com (mungkin maksudnya gmail.com)",
        };
        assert!(steps[0].contains(hint), "{}", steps[0]);
        let summary = advice["summary"].as_str().unwrap_or_default();
        assert!(summary.contains(hint), "{summary}");
        let said = report["summary"].as_str().unwrap_or_default();
        assert!(said.contains(hint), "{said}");
        let reply = advice["reply"].as_str().unwrap_or_default();
        assert!(reply.contains(hint), "{reply}");
    }
}

#[test]
fn a_temporary_dns_failure_at_a_likely_typo_says_so_in_its_summary() {
    for lang in LANGS {
        let report = decode("postfix/236.txt", lang);
        let r = &report["recipients"][0];
        assert_eq!(r["reason"], "networkerror");
        assert_eq!(r["action"], "delayed");
        let advice = &report["advice"][0];
        let (hint, typo) = match lang {
            Lang::En => (
                "gmial.com (perhaps gmail.com)",
                "The recipient's domain looks misspelt, though",
            ),
            Lang::Id => (
                "gmial.com (mungkin maksudnya gmail.com)",
                "Namun, domain penerima tampaknya salah ketik",
            ),
        };
        let summary = advice["summary"].as_str().unwrap_or_default();
        assert!(summary.contains(&format!("{typo}: {hint}.")), "{summary}");
        let said = report["summary"].as_str().unwrap_or_default();
        assert!(said.contains(hint), "{said}");
        assert_eq!(spelling_steps(advice).len(), 1, "{advice:#}");
        // A typo is not fixed by waiting: the sender corrects it.
        assert_eq!(advice["who"], "sender");
        assert_eq!(advice["action"], "retry");
        let steps = advice["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 3, "{steps:#?}");
        assert!(steps.iter().all(|s| {
            let s = s.as_str().unwrap_or_default();
            !s.starts_with("Wait:") && !s.starts_with("Tunggu:")
        }));
    }
}

#[test]
fn a_temporary_dns_failure_elsewhere_has_no_typo_hint() {
    let text = "<budi@example.net>: Host or domain name not found. Name \
        service error for name=example.net type=MX: Host not found, try \
        again\n";
    let options = Options { lang: Lang::En, ..Options::default() };
    let report = pantul::decode(text.as_bytes(), &options).unwrap();
    let advice = &report.advice[0];
    assert!(!advice.summary.contains("misspelt"), "{}", advice.summary);
    assert!(!report.summary.contains("misspelt"), "{}", report.summary);
    assert_eq!(pantul::json::to_string(&advice.who), r#""nobody""#);
    assert_eq!(pantul::json::to_string(&advice.action), r#""wait""#);
    assert!(advice.steps[0].starts_with("Wait:"), "{:?}", advice.steps);
}

#[test]
fn a_message_queued_again_is_one_recipient_with_its_last_outcome() {
    for lang in LANGS {
        let report = decode("maillog/237.txt", lang);
        let recipients = report["recipients"].as_array().unwrap();
        assert_eq!(recipients.len(), 1, "{recipients:#?}");
        let r = &recipients[0];
        assert_eq!(r["address"], "budi@example.org");
        assert_eq!(r["action"], "delivered");
        assert_eq!(r["queue_id"], "5BC23D4E5");
        assert_eq!(r["sender"], "tora@toko-contoh.example");
        assert_eq!(r["attempts"]["count"], 2);
        assert_eq!(r["attempts"]["deferred"], 1);
        assert_eq!(report["kind"], "delivered");
    }
}

#[test]
fn a_log_reads_a_message_queued_again_as_one_report() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/maillog/237.txt");
    let log = std::fs::read(path).unwrap();
    let options = Options { lang: Lang::En, ..Options::default() };
    let reports = pantul::split_log::decode_log(&log, &options).unwrap();
    assert_eq!(reports.len(), 1);
    let report = &reports[0];
    assert_eq!(report.queue_id.as_deref(), Some("5BC23D4E5"));
    assert_eq!(report.recipients.len(), 1);
    let r = &report.recipients[0];
    assert_eq!(r.address.as_deref(), Some("budi@example.org"));
    assert_eq!(pantul::json::to_string(&r.action), r#""delivered""#);
}

#[test]
fn a_queue_id_used_again_after_removal_is_another_message() {
    // Postfix may give a removed message's queue id to a new one: with
    // no `orig_id=`, the two are two reports.
    let log = "Jan  2 03:04:06 mx postfix/smtp[1]: 4AB12C3D4: \
        to=<a@example.org>, relay=none, delay=1, dsn=5.4.4, \
        status=bounced (Host or domain name not found)\n\
        Jan  2 03:04:07 mx postfix/qmgr[9]: 4AB12C3D4: removed\n\
        Jan  2 05:04:06 mx postfix/smtp[1]: 4AB12C3D4: \
        to=<b@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1, \
        dsn=2.0.0, status=sent (250 2.0.0 Ok)\n\
        Jan  2 05:04:07 mx postfix/qmgr[9]: 4AB12C3D4: removed\n";
    let parts = pantul::split_log::split(log, pantul::split_log::Layout::Log);
    assert_eq!(parts.len(), 2);
    assert!(parts[0].text.contains("<a@example.org>"));
    assert!(parts[1].text.contains("<b@example.org>"));
}

#[test]
fn the_admin_console_is_named_in_indonesian_as_google_names_it() {
    let id =
        support::advice_words(&decode("google-workspace/196.eml", Lang::Id));
    assert!(
        id.contains(
            "konsol Google Admin: Aplikasi, Google Workspace, Gmail, Akses \
             Pengguna Akhir (Apps, Google Workspace, Gmail, End User Access)"
        ),
        "{id}"
    );
    assert!(!id.contains("Google Admin console"), "{id}");
    let en =
        support::advice_words(&decode("google-workspace/196.eml", Lang::En));
    assert!(
        en.contains(
            "Google Admin console: Apps, Google Workspace, Gmail, End User \
             Access"
        ),
        "{en}"
    );
}
