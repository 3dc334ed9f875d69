// SPDX-License-Identifier: MIT
//! Advice on what an authentication refusal names (the failed check,
//! the domain, the sending address, the service sent through) and on an
//! email app's refused submission, on fixtures 170-175 of
//! `tests/fixtures/`.

use pantul::Lang;
use serde_json::Value;

mod support;
use support::field;

/// The advice item of the first recipient of a fixture, in `lang`.
fn advice(file: &str, lang: Lang) -> Value {
    let report = support::report(file, lang);
    let first = &report["advice"][0];
    assert_eq!(field(first, "recipients.0"), 0, "{file}: {first}");
    first.clone()
}

/// The advice's steps, one text.
fn steps_of(advice: &Value) -> String {
    let steps = advice["steps"].as_array().cloned().unwrap_or_default();
    steps.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_microsoft_365_sender_gets_microsofts_spf_entry() {
    for lang in [Lang::En, Lang::Id] {
        let a = advice("exchange/170.txt", lang);
        assert_eq!(a["id"], "auth-check-microsoft365");
        assert_eq!(a["who"], "sender-admin");
        let steps = steps_of(&a);
        assert!(
            steps.contains("include:spf.protection.outlook.com"),
            "{steps}"
        );
        assert!(steps.contains("40.107.222.81"), "{steps}");
        assert!(steps.contains("cahayatekstil.co.id"), "{steps}");
        assert!(!steps.contains("Email Deliverability"), "{steps}");
        let summary = a["summary"].as_str().unwrap_or("");
        assert!(summary.contains("SPF"), "{summary}");
        assert!(summary.contains("cahayatekstil.co.id"), "{summary}");
    }
}

#[test]
fn a_google_workspace_sender_gets_googles_spf_entry() {
    let a = advice("google-workspace/172.txt", Lang::Id);
    assert_eq!(a["id"], "auth-check-google");
    let steps = steps_of(&a);
    assert!(steps.contains("include:_spf.google.com"), "{steps}");
    assert!(steps.contains("209.85.220.41"), "{steps}");
    assert!(steps.contains("kopiwarga.id"), "{steps}");
    assert!(!steps.contains("Email Deliverability"), "{steps}");
}

#[test]
fn an_unknown_sender_keeps_the_cpanel_step_and_hears_what_failed() {
    let a = advice("gmail/171.txt", Lang::En);
    assert_eq!(a["id"], "auth-check-named");
    assert_eq!(a["title"], "Refused: SPF and DKIM did not pass");
    let steps = steps_of(&a);
    assert!(steps.contains("Email Deliverability"), "{steps}");
    assert!(steps.contains("203.0.113.58"), "{steps}");
    assert!(steps.contains("rotiharum.id"), "{steps}");
    assert!(!steps.contains("include:"), "{steps}");
    let a = advice("postfix/175.txt", Lang::Id);
    assert_eq!(a["id"], "auth-check-named");
    assert_eq!(a["title"], "Email ditolak: SPF tidak lolos");
    let steps = steps_of(&a);
    assert!(steps.contains("203.0.113.91"), "{steps}");
    assert!(steps.contains("tokobunga.id"), "{steps}");
    assert!(steps.contains("Email Deliverability"), "{steps}");
}

#[test]
fn an_email_apps_starttls_refusal_gets_the_apps_settings() {
    for lang in [Lang::En, Lang::Id] {
        let report = support::report("exchange/173.txt", lang);
        assert_eq!(report["recipients"][0]["reason"], "failedstarttls");
        let a = &report["advice"][0];
        assert_eq!(a["id"], "app-no-starttls");
        assert_eq!(a["who"], "sender");
        assert_eq!(a["action"], "retry");
        let steps = steps_of(a);
        assert!(steps.contains("587") && steps.contains("465"), "{steps}");
        assert!(steps.contains("STARTTLS"), "{steps}");
        assert!(!steps.contains("OpenSSL"), "{steps}");
    }
}

#[test]
fn a_starttls_refusal_between_servers_keeps_the_server_advice() {
    let a = advice("postfix/174.txt", Lang::En);
    assert_eq!(a["id"], "failedstarttls");
    assert_eq!(a["who"], "sender-admin");
}
