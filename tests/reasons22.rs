// SPDX-License-Identifier: MIT
//! Common refusal texts that a fresh-user tester found read as vague
//! (`undefined`, `onhold`, a broad `rejected` or `securityerror`, the
//! generic advice), and what stop 22 made of them: a virus or malware
//! verdict, TLS required, the recipient's own list of blocked senders,
//! a sender check that could not finish, a bare LF or a missing
//! Message-ID, Exchange Online's "Message expired", policyd-spf's SPF
//! refusal, "IP in blacklist", Spamhaus in a log line and pasted alone,
//! Yahoo's older TS01 code, refusals by the sender's own outgoing relay
//! (MailChannels, SMTP2GO) or own server's filter, and refusals worded
//! in Indonesian. One row per expectation, on our own fixtures
//! (`tests/fixtures/`, numbers 270-289), each checked in both
//! languages.

mod support;
use support::{rows_not_held, Row, REPORT};

/// (fixture, recipient from 0 or [`REPORT`], field path, JSON value).
/// `advice.<field>` reads the advice item the recipient belongs to.
const ROWS: &[Row] = &[
    // Exim's malware ACL as its specification words it, behind the
    // recipient's server: a virus verdict, not a cause unknown.
    ("exim/270.txt", 0, "reason", r#""virusdetected""#),
    ("exim/270.txt", 0, "advice.id", r#""virusdetected""#),
    // Amavis before 2.7 says VIRUS where later ones say INFECTED; its
    // "Reject, id=" is no spam verdict then.
    ("postfix/271.txt", 0, "reason", r#""virusdetected""#),
    ("postfix/271.txt", 0, "status", r#""5.7.0""#),
    // RFC 5248's X.7.10 "Encryption needed": TLS, not a failed login.
    ("postfix/272.txt", 0, "reason", r#""failedstarttls""#),
    ("postfix/272.txt", 0, "status", r#""5.7.10""#),
    ("postfix/272.txt", 0, "advice.id", r#""failedstarttls""#),
    // qmail's badmailfrom: the receiving server's own list of senders.
    ("qmail/273.txt", 0, "reason", r#""rejected""#),
    ("qmail/273.txt", 0, "advice.who", r#""sender""#),
    // Postfix's probe of the sender's address had no answer yet: the
    // "User unknown" it quotes is about the sender, not the recipient.
    ("postfix/274.txt", REPORT, "kind", r#""delay""#),
    ("postfix/274.txt", 0, "reason", r#""rejected""#),
    ("postfix/274.txt", 0, "hard_bounce", "false"),
    ("postfix/274.txt", 0, "advice.who", r#""sender-admin""#),
    // A bare LF: the program that built the email, as for other
    // breaches of the standard.
    ("postfix/275.txt", 0, "reason", r#""notcompliantrfc""#),
    ("postfix/275.txt", 0, "reply_code", "521"),
    // Exchange Online's 5.4.316 and 5.4.300: it gave up on a remote
    // server that never took the email.
    ("exchange/276.txt", 0, "reason", r#""expired""#),
    ("exchange/276.txt", 0, "status", r#""5.4.316""#),
    ("exchange/276.txt", 0, "advice.who", r#""recipient""#),
    ("exchange/277.txt", 0, "reason", r#""expired""#),
    ("exchange/277.txt", 0, "status", r#""5.4.300""#),
    ("exchange/277.txt", 0, "permanent", "true"),
    // Gmail and a message without a Message-ID header.
    ("postfix/278.txt", 0, "reason", r#""notcompliantrfc""#),
    ("postfix/278.txt", 0, "status", r#""5.7.1""#),
    ("postfix/278.txt", 0, "advice.who", r#""sender-admin""#),
    // policyd-spf behind Postfix's "Recipient address rejected": the
    // SPF check, and the advice that names it.
    ("postfix/279.txt", 0, "reason", r#""authfailure""#),
    ("postfix/279.txt", 0, "hard_bounce", "false"),
    ("postfix/279.txt", 0, "advice.id", r#""auth-check-named""#),
    // "Your IP … is in blacklist": the sending IP is blocked.
    ("postfix/280.txt", 0, "reason", r#""blocked""#),
    // Spamhaus with its lookup link and the IP filled in, from a
    // Postfix log line and from the reply pasted alone.
    ("maillog/281.txt", 0, "reason", r#""blocked""#),
    ("maillog/281.txt", 0, "blocklist.id", r#""spamhaus-zen""#),
    ("maillog/281.txt", 0, "blocklist.listed", r#""203.0.113.81""#),
    (
        "maillog/281.txt",
        0,
        "blocklist.lookup_url",
        r#""https://check.spamhaus.org/results/?query=203.0.113.81""#,
    ),
    ("maillog/281.txt", 0, "advice.id", r#""spamhaus-zen""#),
    ("postfix/282.txt", 0, "reason", r#""blocked""#),
    ("postfix/282.txt", 0, "blocklist.id", r#""spamhaus-zen""#),
    (
        "postfix/282.txt",
        0,
        "blocklist.lookup_url",
        r#""https://check.spamhaus.org/results/?query=203.0.113.82""#,
    ),
    // Yahoo's older TS01: Yahoo's deferral card, still retrying.
    ("postfix/283.txt", 0, "action", r#""delayed""#),
    ("postfix/283.txt", 0, "reason", r#""rejected""#),
    ("postfix/283.txt", 0, "policy.id", r#""yahoo-tss04""#),
    ("postfix/283.txt", 0, "advice.id", r#""yahoo-tss04""#),
    // The sender's own outgoing relay refused: MailChannels' [SS] and
    // Domain Lockdown, SMTP2GO's unverified domain.
    ("exim/284.txt", 0, "reason", r#""spamdetected""#),
    ("exim/284.txt", 0, "policy.id", r#""mailchannels-outbound""#),
    ("exim/284.txt", 0, "policy.kind", r#""hosting-limit""#),
    ("exim/284.txt", 0, "advice.id", r#""mailchannels-outbound""#),
    ("exim/284.txt", 0, "advice.who", r#""sender-admin""#),
    ("exim/285.txt", 0, "reason", r#""rejected""#),
    ("exim/285.txt", 0, "policy.id", r#""mailchannels-outbound""#),
    ("postfix/286.txt", 0, "reason", r#""rejected""#),
    ("postfix/286.txt", 0, "policy.id", r#""smtp2go-relay""#),
    ("postfix/286.txt", 0, "advice.who", r#""sender""#),
    // The sending server's own content scan: its card, whose words say
    // the user's own server refused it.
    ("exim/287.txt", 0, "policy.id", r#""own-server-scan""#),
    ("exim/287.txt", 0, "policy.kind", r#""hosting-limit""#),
    // Refusals worded in Indonesian.
    ("exim/288.txt", 0, "reason", r#""mailboxfull""#),
    ("exim/288.txt", 0, "advice.who", r#""recipient""#),
    ("exim/288.txt", 1, "reason", r#""userunknown""#),
    ("exim/288.txt", 1, "hard_bounce", "true"),
    ("postfix/289.txt", 0, "reason", r#""spamdetected""#),
    ("postfix/289.txt", 1, "reason", r#""suspend""#),
];

#[test]
fn vague_refusals_read_as_they_mean() {
    let failures = rows_not_held(ROWS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The advice of a refusal by the sender's own relay or server says so,
/// in both languages, and never sends the user to the recipient.
#[test]
fn the_users_own_relay_is_told_as_their_own() {
    let own = [
        ("exim/284.txt", "MailChannels", "MailChannels"),
        ("exim/285.txt", "MailChannels", "MailChannels"),
        ("postfix/286.txt", "SMTP2GO", "SMTP2GO"),
        ("exim/287.txt", "server hosting Anda", "own hosting server"),
    ];
    for (file, id_words, en_words) in own {
        for (lang, words) in
            [(pantul::Lang::Id, id_words), (pantul::Lang::En, en_words)]
        {
            let report = support::report(file, lang);
            let title = report["advice"][0]["title"].as_str().unwrap_or("");
            assert!(title.contains(words), "{file} {lang:?}: {title}");
            let who = &report["advice"][0]["who"];
            assert_ne!(who, "recipient", "{file} {lang:?}");
        }
    }
}

/// Gmail's missing Message-ID gets advice of its own: the sending
/// program must add the header.
#[test]
fn a_missing_message_id_is_told_as_such() {
    for (lang, words) in [
        (pantul::Lang::Id, "Message-ID"),
        (pantul::Lang::En, "no Message-ID header"),
    ] {
        let report = support::report("postfix/278.txt", lang);
        let words_seen = support::advice_words(&report);
        assert!(words_seen.contains(words), "{lang:?}: {words_seen}");
    }
}

/// Exchange Online's "Message expired" explains why the remote server
/// did not take the email, in both languages.
#[test]
fn exchange_message_expired_says_why() {
    for file in ["exchange/276.txt", "exchange/277.txt"] {
        let en = support::report(file, pantul::Lang::En);
        let title = en["advice"][0]["title"].as_str().unwrap_or("");
        assert!(title.contains("never took this email"), "{file}: {title}");
        let id = support::report(file, pantul::Lang::Id);
        let title = id["advice"][0]["title"].as_str().unwrap_or("");
        assert!(title.contains("tidak pernah menerima"), "{file}: {title}");
    }
}
