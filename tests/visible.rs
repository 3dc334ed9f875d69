// SPDX-License-Identifier: MIT
//! Control and text-direction characters in a notice reach the report
//! as visible escapes (`pantul::visible`), with a warning, so that no
//! terminal, page or ticket that shows the report obeys them.

use pantul::{decode, Lang, Options};

fn options() -> Options {
    Options { lang: Lang::En, ..Options::default() }
}

const WARNING: &str = "warning.hidden-characters";

#[test]
fn escapes_in_a_fragment_become_visible() {
    let bounce =
        "<neko@example.org>: host mx.example.org[192.0.2.1] said:\n    \
        550 5.1.1 <neko@example.org>: User unknown \u{1b}]0;owned\u{7} \
        \u{1b}[2Jgone \u{9b}31m (in reply to RCPT TO command)\n";
    let report = decode(bounce.as_bytes(), &options()).unwrap();
    let r = &report.recipients[0];
    assert_eq!(
        r.diagnostic.as_deref(),
        Some(
            "550 5.1.1 <neko@example.org>: User unknown \\x1b]0;owned\\x07 \
             \\x1b[2Jgone \\x9b31m"
        )
    );
    assert_eq!(r.reason, pantul::Reason::UserUnknown);
    assert_eq!(report.warning_ids, [WARNING]);
}

#[test]
fn direction_overrides_in_a_message_become_visible() {
    let message = "From: MAILER-DAEMON@example.org\n\
        To: sender@example.net\n\
        Subject: Undelivered \u{1b}[1mMail\n\
        MIME-Version: 1.0\n\
        Content-Type: multipart/report; report-type=delivery-status; \
        boundary=\"b\"\n\n\
        --b\nContent-Type: text/plain\n\nIt failed.\n\n\
        --b\nContent-Type: message/delivery-status\n\n\
        Reporting-MTA: dns; mx.example.org\n\n\
        Final-Recipient: rfc822; neko@example.org\n\
        Action: failed\nStatus: 5.1.1\n\
        Remote-MTA: dns; mx\u{2066}.example.org\n\
        Diagnostic-Code: smtp; 550 5.1.1 unknown\u{200F} user\u{61C} \
        at \u{202E}gro.elpmaxe\n\n\
        --b\nContent-Type: text/rfc822-headers\n\n\
        From: sender@example.net\nSubject: Hi \u{1b}]8;;x\u{7}\n\n\
        --b--\n";
    let report = decode(message.as_bytes(), &options()).unwrap();
    let r = &report.recipients[0];
    // Addresses and host names are read by strict grammars that stop
    // at such characters; the server's words keep them, made visible.
    assert_eq!(r.address.as_deref(), Some("neko@example.org"));
    assert_eq!(
        r.diagnostic.as_deref(),
        Some("550 5.1.1 unknown<U+200F> user<U+061C> at <U+202E>gro.elpmaxe")
    );
    assert_eq!(report.original.subject.as_deref(), Some("Hi \\x1b]8;;x\\x07"));
    assert!(report.warning_ids.contains(&WARNING.to_string()));
    let json = serde_json::to_string(&report).unwrap();
    for hidden in ['\u{1b}', '\u{202E}', '\u{2066}', '\u{200F}', '\u{61C}'] {
        assert!(!json.contains(hidden), "{hidden:?} in the report");
    }
    assert!(!json.contains("\\u001b"), "ESC in the report");
}

#[test]
fn plain_notices_have_no_warning() {
    let bounce =
        "<neko@example.org>: host mx.example.org[192.0.2.1] said:\n    \
        550 5.1.1 User unknown (in reply to RCPT TO command)\n";
    let report = decode(bounce.as_bytes(), &options()).unwrap();
    assert!(report.warning_ids.is_empty(), "{:?}", report.warning_ids);
}
