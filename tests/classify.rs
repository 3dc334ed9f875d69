// SPDX-License-Identifier: MIT
//! Reasons for one server reply each, pasted on its own: the words of
//! servers in the field (RFC 2606 names), the reason they mean, and
//! whether the address is unusable. One row per expectation.

/// Decodes one pasted reply and returns its first recipient's reason
/// name and hard-bounce flag.
fn classify(reply: &str) -> (String, bool) {
    let text = format!(
        "Your message to neko@example.org could not be delivered.\n\n{reply}\n"
    );
    let report = pantul::decode(text.as_bytes(), &pantul::Options::default())
        .unwrap_or_else(|e| panic!("{reply}: {e}"));
    let r = report
        .recipients
        .first()
        .unwrap_or_else(|| panic!("{reply}: no recipient"));
    (r.reason.name().to_string(), r.hard_bounce)
}

const ROWS: &[(&str, &str, bool)] = &[
    // The mailbox does not exist.
    ("550 5.1.1 <neko@example.org>: Recipient address rejected: User unknown in local recipient table", "userunknown", true),
    ("550 5.1.1 The email account that you tried to reach does not exist.", "userunknown", true),
    ("<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup (in reply to RCPT TO command)", "userunknown", true),
    // Words of an unknown user pasted alone, with no command: a missing
    // command is no sign of a filter after the data (fresh10 #3). After
    // the data, the address was taken and a filter refused the message.
    ("550 5.0.0 <neko@example.org>... User unknown", "userunknown", true),
    ("<neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.0.0 User unknown (in reply to end of DATA command)", "filtered", false),
    ("553 5.1.3 <neko@example.org>... No such mailbox here", "userunknown", true),
    // The domain does not exist.
    ("550 5.1.2 <neko@example.invalid>... Host unknown (Name server: example.invalid: host not found)", "hostunknown", true),
    ("554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain", "hostunknown", true),
    // Full, too big, limits.
    ("452 4.2.2 <neko@example.org>: Mailbox full", "mailboxfull", false),
    ("552 5.2.2 The email account that you tried to reach is over quota.", "mailboxfull", false),
    ("552 5.3.4 Message size exceeds fixed maximum message size", "mesgtoobig", false),
    ("552 5.2.3 Message length exceeds administrative limit", "exceedlimit", false),
    // The account is off.
    ("550 5.2.1 The email account that you tried to reach is disabled.", "suspend", false),
    ("550 5.1.6 recipient no longer on server: neko@example.org", "hasmoved", true),
    // The sender's side: IP, reputation, authentication, PTR.
    ("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", "blocked", false),
    ("550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).", "blocked", false),
    ("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints", "badreputation", false),
    ("550 5.7.26 This mail has been blocked because the sender is unauthenticated.", "authfailure", false),
    ("550 5.7.23 The message was rejected because of Sender Policy Framework violation", "authfailure", false),
    ("550 5.7.25 The IP address sending this message does not have a PTR record setup", "requireptr", false),
    ("450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]", "requireptr", false),
    ("553 5.1.8 <kijitora@example.org>... Domain of sender address kijitora@example.org does not exist", "rejected", false),
    ("554 5.7.1 <neko@example.org>: Relay access denied", "norelaying", false),
    // The message itself.
    ("550 5.7.1 Message rejected as spam by Content Filtering.", "spamdetected", false),
    ("554 5.7.0 Virus detected: Eicar-Test-Signature", "virusdetected", false),
    ("550 5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers.", "notcompliantrfc", false),
    ("550 5.6.0 Improper use of 8-bit data in message header", "contenterror", false),
    ("554 5.7.1 Message not accepted for policy reasons.", "policyviolation", false),
    // Rates, connections, TLS.
    ("421 4.7.0 mx.example.org Error: too many connections from 192.0.2.1", "toomanyconn", false),
    // A temporary refusal that closes the connection and says no more is
    // a block for now, not a failed security check.
    ("421 4.7.0 Try again later, closing connection.", "blocked", false),
    ("450 4.2.1 The user you are trying to contact is receiving mail too quickly.", "speeding", false),
    ("530 5.7.0 Must issue a STARTTLS command first.", "failedstarttls", false),
    // The receiving system.
    ("452 4.3.1 Insufficient system storage", "systemfull", false),
    ("451 4.3.0 Local error in processing", "systemerror", false),
    ("556 5.1.10 <neko@example.org>: Recipient address rejected: Domain example.org does not accept mail (nullMX)", "notaccept", true),
    // Time and network.
    ("451 4.4.1 No answer from host", "expired", false),
    ("554 5.4.6 Hop count exceeded - possible mail loop", "networkerror", false),
];

#[test]
fn replies_mean_their_reason() {
    let mut wrong = Vec::new();
    for &(reply, reason, hard) in ROWS {
        let got = classify(reply);
        if got != (reason.to_string(), hard) {
            wrong.push(format!(
                "{reply}\n    expected {reason} {hard}, got {} {}",
                got.0, got.1
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} replies:\n{}",
        wrong.len(),
        ROWS.len(),
        wrong.join("\n")
    );
}
