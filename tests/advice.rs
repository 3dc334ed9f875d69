// SPDX-License-Identifier: MIT
//! The advice catalog, walked whole: every reason and catalog entry has
//! advice in both languages, every placeholder is one the decoder fills,
//! the glossary's words to avoid appear nowhere; and advice read back
//! from decoded bounces, for one recipient and for several.

#![allow(clippy::disallowed_methods)] // tests: case tables are fine (clippy.toml)

use pantul::knowledge::messages::placeholders;
use pantul::knowledge::schema::advice::FILLED_WHEN_KNOWN;
use pantul::knowledge::schema::advice::{Action, Actor, ALWAYS_FILLED};
use pantul::knowledge::{self, Lang, Text};
use pantul::report::{Report, Timing};
use pantul::{decode, Options, Reason};

const GLOSSARY: &str = include_str!("../docs/glossary.md");

fn advice_for(subject: &str) -> &'static knowledge::schema::Advice {
    knowledge::advice::for_subject(subject)
        .unwrap_or_else(|| panic!("no advice for {subject}"))
}

fn both(owner: &str, what: &str, text: &Text) {
    for (lang, s) in [("id", &text.id), ("en", &text.en)] {
        assert!(!s.trim().is_empty(), "{owner}: empty {lang} {what}");
    }
}

fn report(text: &str, lang: Lang) -> Report {
    let options = Options { lang, ..Options::default() };
    decode(text.as_bytes(), &options).expect("decodes")
}

#[test]
fn every_reason_has_advice_in_both_languages() {
    for reason in Reason::ALL {
        let a = advice_for(reason.name());
        for (what, text) in
            [("title", &a.title), ("summary", &a.summary), ("reply", &a.reply)]
        {
            both(reason.name(), what, text);
        }
        assert!(!a.step.is_empty(), "{reason}: no steps");
        for step in &a.step {
            both(reason.name(), "step", step);
        }
    }
}

#[test]
fn every_catalog_entry_has_advice_of_its_own_or_through_one_it_cites() {
    let k = knowledge::get();
    assert!(!k.entry.is_empty());
    for entry in &k.entry {
        let own = knowledge::advice::for_subject(&entry.id);
        let cited =
            entry.cites.iter().find_map(|c| knowledge::advice::for_subject(c));
        let a = own.or(cited).unwrap_or_else(|| {
            panic!("catalog entry {} has no advice", entry.id)
        });
        for text in [&a.title, &a.summary, &a.reply].into_iter().chain(&a.step)
        {
            both(&entry.id, "text", text);
        }
        assert!(!a.step.is_empty(), "{}: no steps", entry.id);
    }
}

#[test]
fn every_placeholder_in_advice_is_one_the_decoder_fills() {
    for a in &knowledge::get().advice {
        let fixed = [&a.title, &a.summary, &a.reply];
        for (n, text) in fixed.into_iter().chain(&a.step).enumerate() {
            for s in [&text.id, &text.en] {
                for name in placeholders(s) {
                    let ok = ALWAYS_FILLED.contains(&name)
                        || (n >= 3 && FILLED_WHEN_KNOWN.contains(&name));
                    assert!(
                        ok,
                        "{}: {{{name}}} is not one the decoder always \
                         fills; a title, summary or reply may use only \
                         {ALWAYS_FILLED:?}, a step also \
                         {FILLED_WHEN_KNOWN:?}: {s}",
                        a.subject
                    );
                }
                assert!(
                    !s.starts_with('{'),
                    "{}: a text starts with a placeholder: {s}",
                    a.subject
                );
            }
        }
    }
}

/// Phrases that send the customer to their hosting provider or its
/// helpdesk: in a ticket, that is the agent who sends the reply.
const TO_THE_HOST: &[&str] = &[
    "hosting provider",
    "penyedia hosting",
    "tim support penyedia",
    "through a ticket",
    "melalui tiket",
    "email admin or hosting",
    "admin email atau penyedia",
];

/// The reply is pasted into a ticket by the hosting company's support
/// agent, and its steps follow it there: none sends the customer to
/// "your hosting provider" or its support team, and what the hosting
/// company does is said with "we" / "kami".
#[test]
fn no_reply_or_step_sends_the_customer_to_the_sender_of_the_reply() {
    for a in &knowledge::get().advice {
        for text in [&a.reply].into_iter().chain(&a.step) {
            for s in [&text.id, &text.en] {
                let lower = s.to_lowercase();
                for phrase in TO_THE_HOST {
                    assert!(
                        !lower.contains(phrase),
                        "{}: \"{phrase}\" in a text of the ticket: {s}",
                        a.subject
                    );
                }
            }
        }
    }
    let speaks = |subject: &str, en: &str, id: &str| {
        let a = advice_for(subject);
        assert!(a.reply.en.contains(en), "{subject}: {}", a.reply.en);
        assert!(a.reply.id.contains(id), "{subject}: {}", a.reply.id);
    };
    speaks(
        "spamhaus-sbl",
        "If the IP is in our network, we will find and stop",
        "Jika IP itu berada di jaringan kami, kami akan mencari",
    );
    speaks(
        "spamhaus-zen",
        "we will check what caused the listing and ask for the delisting",
        "kami akan memeriksa penyebab listing-nya dan mengajukan delisting",
    );
    speaks(
        "cpanel-outgoing-suspended",
        "on our hosting server is suspended",
        "di server hosting kami sedang ditangguhkan",
    );
    speaks(
        "requireptr",
        "for our servers' IPs we set it",
        "untuk IP server kami, kami yang mengaturnya",
    );
}

#[test]
fn every_plural_message_has_both_forms() {
    let messages = &knowledge::get().message;
    let has = |id: &str| messages.iter().any(|m| m.id == id);
    for m in messages {
        if let Some(base) = m.id.strip_suffix(".one") {
            assert!(has(&format!("{base}.other")), "{base}.other missing");
        }
        if let Some(base) = m.id.strip_suffix(".other") {
            assert!(has(&format!("{base}.one")), "{base}.one missing");
        }
    }
}

/// The words of the glossary's "avoid in Indonesian" (column 4) or
/// "avoid in English" (column 5) column.
fn avoided(column: usize) -> Vec<String> {
    let rows = GLOSSARY.lines().filter(|l| l.starts_with("| "));
    let cells = rows.filter_map(|l| l.split('|').nth(column).map(str::trim));
    let ticked = cells.flat_map(|c| c.split('`').skip(1).step_by(2));
    ticked.map(str::to_string).collect()
}

/// Every text in `data/` in one language: advice, messages, code
/// meanings, catalog notes and (in Indonesian) catalog names, each with
/// its owner.
fn all_texts(lang: Lang) -> Vec<(String, String)> {
    let k = knowledge::get();
    let mut out = Vec::new();
    let mut push = |owner: &str, t: &Text| {
        out.push((owner.to_string(), t.get(lang).to_string()));
    };
    for a in &k.advice {
        for t in [&a.title, &a.summary, &a.reply].into_iter().chain(&a.step) {
            push(&a.subject, t);
        }
    }
    for m in &k.message {
        push(&m.id, &m.text);
    }
    for s in &k.status {
        push(&s.code, &s.meaning);
    }
    for r in &k.reply {
        push(&r.code, &r.meaning);
    }
    for e in &k.entry {
        for text in [&e.note, &e.delisting].into_iter().flatten() {
            push(&e.id, text);
        }
        // Entries' names in Indonesian are ours; in English many are the
        // operators' own ("NordSpam IP blacklist") and are left as given.
        if lang == Lang::Id {
            push(&e.id, &e.name);
        }
    }
    out
}

/// True if and only if `text` uses `word` as a word of its own prose:
/// not inside quotes (a server's own words, a menu name), not as part
/// of a longer word or a domain name ("blocklist.de"). A word written
/// in lowercase in the glossary matches only in lowercase, so a name
/// such as "LashBack Unsubscribe Blacklist" passes; one with capitals
/// ("IP address") matches in any case.
fn contains_word(text: &str, word: &str) -> bool {
    let prose = unquoted(text);
    let any_case = word.chars().any(char::is_uppercase);
    let (hay, needle) = if any_case {
        (prose.to_lowercase(), word.to_lowercase())
    } else {
        (prose.clone(), word.to_string())
    };
    let joins = |c: char| c.is_alphanumeric() || "-_@".contains(c);
    hay.match_indices(&needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let mut after = hay[i + needle.len()..].chars();
        let next = after.next();
        let dotted = next == Some('.')
            && after.next().is_some_and(char::is_alphanumeric);
        !before.is_some_and(|c| joins(c) || c == '.')
            && !next.is_some_and(joins)
            && !dotted
    })
}

/// The text with every quoted span ('…', "…", “…”) blanked out.
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Option<char> = None;
    let mut prev = ' ';
    for c in text.chars() {
        match open {
            Some(close) if c == close => open = None,
            Some(_) => {}
            // An apostrophe inside a word ("server's") opens nothing.
            None if (c == '\'' && !prev.is_alphanumeric()) || c == '"' => {
                open = Some(c)
            }
            None if c == '“' => open = Some('”'),
            None => out.push(c),
        }
        if open.is_some() {
            out.push(' ');
        }
        prev = c;
    }
    out
}

#[test]
fn no_text_uses_a_word_the_glossary_avoids() {
    for (column, lang) in [(4, Lang::Id), (5, Lang::En)] {
        let words = avoided(column);
        assert!(words.len() > 3, "glossary column {column} not read");
        assert!(contains_word("kirim ke server surat itu", "server surat"));
        assert!(!contains_word("masuk 'server surat'", "server surat"));
        assert!(!contains_word("cek blocklist.de", "blocklist"));
        assert!(!contains_word("the Blacklist Co", "blacklist"));
        for (owner, text) in all_texts(lang) {
            for w in &words {
                assert!(
                    !contains_word(&text, w),
                    "{owner} ({}) uses \"{w}\", which docs/glossary.md \
                     avoids: {text}",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn indonesian_texts_say_anda_capitalised() {
    for (owner, text) in all_texts(Lang::Id) {
        let lower = text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "anda" || w == "kamu" || w == "Kamu");
        assert!(!lower, "{owner}: write \"Anda\": {text}");
    }
}

#[test]
fn who_acts_and_what_to_do_fit_each_kind_of_reason() {
    let cases = [
        ("userunknown", Actor::Sender, Action::Stop),
        ("hostunknown", Actor::Sender, Action::Stop),
        ("mailboxfull", Actor::Recipient, Action::Retry),
        ("authfailure", Actor::SenderAdmin, Action::Retry),
        ("networkerror", Actor::Nobody, Action::Wait),
        ("vacation", Actor::Nobody, Action::None),
        ("delivered", Actor::Nobody, Action::None),
        ("feedback", Actor::Sender, Action::Stop),
    ];
    for (subject, who, action) in cases {
        let a = advice_for(subject);
        assert_eq!((a.who, a.action), (who, action), "{subject}");
    }
}

/// The steps of one reason's advice in English, lowercased, joined.
fn steps_en(subject: &str) -> String {
    let a = advice_for(subject);
    a.step.iter().map(|s| s.en.to_lowercase()).collect::<Vec<_>>().join(" ")
}

#[test]
fn advice_for_the_common_causes_reads_specifically() {
    let cases: [(&str, &[&str]); 11] = [
        ("mailboxfull", &["quota", "trash", "allocated storage space"]),
        ("authfailure", &["5.7.26", "v=spf1", "dkim", "_dmarc", "p=none"]),
        ("userunknown", &["before the @", "autocomplete"]),
        ("hostunknown", &["gamil.com", "mx"]),
        ("expired", &["last error", "port 25"]),
        ("networkerror", &["dns", "retries by itself"]),
        ("toomanyconn", &["simultaneous connections", "concurrency"]),
        ("speeding", &["max emails per hour", "batches"]),
        ("mesgtoobig", &["a third", "link"]),
        ("vacation", &["nothing needs fixing"]),
        ("feedback", &["unsubscribe", "remove the complaining address"]),
    ];
    for (subject, words) in cases {
        let steps = steps_en(subject);
        for w in words {
            assert!(steps.contains(w), "{subject} steps lack \"{w}\"");
        }
    }
    let delivered = advice_for("delivered");
    assert!(delivered.summary.en.contains("nothing to fix"));
}

#[test]
fn ers_qil_advice_keeps_the_seed_articles_six_steps() {
    let steps = steps_en("trendmicro-ers");
    let seed = [
        "reputation",
        "logs",
        "spf",
        "dkim",
        "dmarc",
        "ptr",
        "helo",
        "warm-up",
        "delisting",
        "relay",
    ];
    for w in seed {
        assert!(steps.contains(w), "ERS-QIL steps lack \"{w}\"");
    }
    assert!(advice_for("trendmicro-ers").step.len() >= 6);
}

const MIXED: &str = "\
<ana@example.org>: host mx.example.org[192.0.2.9] said: 552 5.2.2 \
<ana@example.org>: Mailbox full (in reply to RCPT TO command)
<budi@example.org>: host mx.example.org[192.0.2.9] said: 552 5.2.2 \
<budi@example.org>: Mailbox quota exceeded (in reply to RCPT TO command)
<citra@example.net>: host mx.example.net[192.0.2.10] said: 550 5.1.1 \
<citra@example.net>: Recipient address rejected: User unknown in \
virtual mailbox table (in reply to RCPT TO command)
";

#[test]
fn several_recipients_with_two_causes_give_two_advice_items() {
    let r = report(MIXED, Lang::En);
    let ids: Vec<&str> = r.advice.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["mailboxfull", "userunknown"]);
    assert_eq!(r.advice[0].recipients, [0, 1]);
    assert_eq!(r.advice[0].addresses, ["ana@example.org", "budi@example.org"]);
    assert_eq!(
        r.summary,
        "Delivery to 3 recipients failed. There are 2 causes: The \
         recipient's mailbox is full (2 recipients); The recipient's email \
         address does not exist (1 recipient)."
    );
    assert!(r.advice[0]
        .reply
        .starts_with("Your email to ana@example.org and budi@example.org"));
    let t = &r.ticket_reply;
    assert!(t.starts_with(&r.summary));
    assert!(t.contains(
        "\n\nCause 1: The recipient's mailbox is full, for ana@example.org \
         and budi@example.org\n"
    ));
    assert!(t.contains(
        "\n\nCause 2: The recipient's email address does not \
         exist, for citra@example.net\n"
    ));
    assert_eq!(t.matches("What to do:").count(), 2);
    assert!(!t.contains('{'), "unfilled placeholder: {t}");
}

#[test]
fn several_causes_read_in_indonesian_too() {
    let r = report(MIXED, Lang::Id);
    assert_eq!(
        r.summary,
        "Pengiriman ke 3 penerima gagal. Ada 2 penyebab: Mailbox penerima \
         penuh (2 penerima); Alamat email penerima tidak ada (1 penerima)."
    );
    assert!(r.ticket_reply.contains(
        "Penyebab 1: Mailbox penerima penuh, untuk ana@example.org dan \
         budi@example.org\nEmail Anda ke ana@example.org dan \
         budi@example.org tidak terkirim"
    ));
    assert_eq!(
        r.ticket_reply.matches("Langkah yang perlu dilakukan:").count(),
        2
    );
}

const FULL_ONE: &str = "<dewi@example.org>: host mx.example.org[192.0.2.9] \
    said: 552 5.2.2 <dewi@example.org>: Mailbox full (in reply to RCPT TO \
    command)\n";

#[test]
fn one_recipient_gets_its_cause_first_and_no_cause_headings() {
    let r = report(FULL_ONE, Lang::En);
    assert_eq!(
        r.summary,
        "The recipient's mailbox has reached its quota, so there is no room \
         for new email until the recipient deletes some. Delivery to 1 \
         recipient failed."
    );
    let t = &r.ticket_reply;
    assert!(t.starts_with("Your email to dewi@example.org was not delivered"));
    assert!(!t.contains("Cause 1"));
    assert!(t.contains("\n\nWhat to do:\n1. Tell the recipient another way"));
    let r = report(FULL_ONE, Lang::Id);
    assert!(r.summary.ends_with("Pengiriman ke 1 penerima gagal."));
    assert!(r.ticket_reply.starts_with("Email Anda ke dewi@example.org"));
}

#[test]
fn a_temporary_refusal_of_a_lasting_cause_says_the_server_retries() {
    // A queue listing: the server keeps the message and retries.
    let queued = "<eka@example.org>: host mx.example.org[192.0.2.9] said: \
        452 4.2.2 <eka@example.org>: Mailbox full (in reply to RCPT TO \
        command)\n";
    let r = report(queued, Lang::En);
    let a = &r.advice[0];
    assert_eq!(a.id, "mailboxfull");
    assert_eq!(a.timing, Some(Timing::Retrying));
    assert_eq!(a.action, Action::Wait);
    // Advice written for a full mailbox the server still retries.
    assert!(a.summary.contains("The sending server keeps retrying"));
    assert!(a.steps.iter().any(|s| s.starts_with("Do not send this email")));
    assert!(r.summary.contains("is delayed, not lost yet"));
}

#[test]
fn no_advice_text_is_left_with_a_placeholder() {
    for lang in [Lang::Id, Lang::En] {
        for text in [MIXED, FULL_ONE] {
            let r = report(text, lang);
            for a in &r.advice {
                for s in
                    [&a.title, &a.summary, &a.reply].into_iter().chain(&a.steps)
                {
                    assert!(!s.contains('{'), "{}: {s}", a.id);
                }
            }
        }
    }
}

/// The IANA registry's enumerated codes (RFC 3463 and later, to RFC
/// 8689's X.7.30) as each subject and its highest detail: every subject
/// runs from 0 without gaps. Written here apart from the data so that
/// dropping one from `data/codes/` fails.
const REGISTRY: [(u16, u16); 8] =
    [(0, 0), (1, 10), (2, 4), (3, 6), (4, 7), (5, 6), (6, 10), (7, 30)];

#[test]
fn every_registry_code_has_a_meaning_of_its_own_in_both_languages() {
    let table = &knowledge::get().status;
    let mut count = 0;
    for (subject, highest) in REGISTRY {
        for detail in 0..=highest {
            let code = format!("X.{subject}.{detail}");
            let m = table
                .iter()
                .find(|m| m.hosts.is_empty() && m.code == code)
                .unwrap_or_else(|| panic!("no meaning for {code}"));
            both(&code, "meaning", &m.meaning);
            assert!(m.source.is_some(), "{code}: no source");
            count += 1;
        }
    }
    assert_eq!(count, 81);
    for code in ["2", "4", "5", "X.0", "X.1", "X.2", "X.3", "X.4", "X.5"] {
        assert!(table.iter().any(|m| m.code == code), "no meaning for {code}");
    }
}

#[test]
fn every_rfc_5321_and_7504_reply_code_has_a_meaning() {
    let codes = [
        211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455, 500,
        501, 502, 503, 504, 550, 551, 552, 553, 554, 555, 521, 556,
    ];
    let table = &knowledge::get().reply;
    for code in codes {
        let m = table
            .iter()
            .find(|m| m.code == code.to_string())
            .unwrap_or_else(|| panic!("no meaning for {code}"));
        both(&code.to_string(), "meaning", &m.meaning);
    }
}

#[test]
fn a_code_reads_in_the_report_with_the_providers_meaning() {
    let text = "<fajar@example.org>: host \
        example-org.mail.protection.outlook.com[192.0.2.20] said: 550 \
        5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP \
        address lookup (in reply to RCPT TO command)\n";
    let r = report(text, Lang::Id);
    let m = r.recipients[0].status_meaning.as_deref().unwrap_or("");
    assert!(m.starts_with("Di Microsoft 365 atau Outlook.com"), "{m}");
    let m = r.recipients[0].reply_meaning.as_deref().unwrap_or("");
    assert!(m.starts_with("Ditolak: mailbox tidak tersedia"), "{m}");
}

#[test]
fn a_delay_warning_gets_its_own_advice_and_a_gave_up_one_is_a_bounce() {
    let delayed = "Reporting-MTA: dns; mx.example.com\n\n\
        Final-Recipient: rfc822; gita@example.org\n\
        Action: delayed\nStatus: 4.4.7\n\
        Remote-MTA: dns; mx.example.org\n\
        Diagnostic-Code: smtp; 451 4.4.7 Message expired\n";
    let r = report(delayed, Lang::En);
    assert_eq!(r.recipients[0].reason, Reason::Expired);
    assert_eq!(r.kind, pantul::report::Kind::Delay);
    let a = &r.advice[0];
    assert_eq!(
        a.title,
        "Delivery is delayed; the sending server is still trying"
    );
    assert_eq!((a.who, a.action), (Actor::Nobody, Action::Wait));
    assert!(a.reply.contains("the receiving server mx.example.org cannot"));

    let failed = delayed.replace("Action: delayed", "Action: failed");
    let r = report(&failed, Lang::En);
    assert_eq!(r.kind, pantul::report::Kind::Bounce);
    let a = &r.advice[0];
    assert_eq!(a.timing, Some(Timing::GaveUp));
    assert_eq!(a.title, "Delivery gave up after retrying for too long");
    assert_eq!(a.action, Action::Retry);
    assert!(r.summary.ends_with("Delivery to 1 recipient failed."));
}

#[test]
fn gmail_5_7_26_gets_authentication_advice_for_the_domain_it_names() {
    let text = "<hana@gmail.com>: host gmail-smtp-in.l.google.com\
        [192.0.2.30] said: 550-5.7.26 This mail has been blocked because \
        the sender is unauthenticated. Gmail requires all senders to \
        authenticate with either SPF or DKIM. 550-5.7.26 Authentication \
        results: DKIM = did not pass SPF [example.com] with ip: \
        [192.0.2.5] = did not pass - gsmtp (in reply to end of DATA \
        command)\n";
    let r = report(text, Lang::En);
    assert_eq!(r.recipients[0].reason, Reason::AuthFailure);
    let a = &r.advice[0];
    // The checks it names have advice of their own (tests/auth.rs).
    assert_eq!(a.id, "auth-check-named");
    assert_eq!((a.who, a.action), (Actor::SenderAdmin, Action::Retry));
    assert!(a.summary.contains("example.com did not pass SPF and DKIM"));
    let steps = a.steps.join("\n");
    assert!(steps.contains("the IP address 192.0.2.5"));
    assert!(steps.contains("exactly one SPF record"));
    assert!(steps.contains("the DNS of example.com, starting with p=none"));
    let r = report(text, Lang::Id);
    assert!(r.summary.starts_with(
        "Server penerima menolak email ini karena example.com tidak lolos \
         pemeriksaan SPF dan DKIM"
    ));
}

#[test]
fn spamhaus_and_outlook_s3150_get_their_own_advice_with_the_ip_filled_in() {
    let spamhaus = "<ika@example.org>: host mx.example.org[192.0.2.9] \
        said: 554 5.7.1 Service unavailable; Client host [192.0.2.55] \
        blocked using zen.spamhaus.org (in reply to RCPT TO command)\n";
    let r = report(spamhaus, Lang::Id);
    let a = &r.advice[0];
    assert_eq!(a.id, "spamhaus-zen");
    assert!(r.summary.contains("alamat IP pengirim 192.0.2.55"));
    assert!(a.steps[0].contains("query=192.0.2.55"), "{}", a.steps[0]);
    assert!(a.steps.iter().any(|s| s.contains("PBL")));
    // The ticket speaks as the hosting company: "we" delist our own IP,
    // and no step sends the customer back to their hosting provider.
    assert!(a.reply.contains("Jika IP itu milik server kami, kami akan"));
    assert!(r.ticket_reply.contains("dikerjakan oleh tim support hosting"));
    assert!(!r.ticket_reply.contains("penyedia hosting Anda"));
    let en = report(spamhaus, Lang::En);
    assert!(en.ticket_reply.contains("If the IP is our server's, we will"));
    assert!(!en.ticket_reply.contains("your hosting provider"));

    let s3150 = "<joko@hotmail.com>: host \
        hotmail-com.olc.protection.outlook.com[192.0.2.60] said: 550 5.7.1 \
        Unfortunately, messages from [192.0.2.56] weren't sent. Please \
        contact your Internet service provider since part of their network \
        is on our block list (S3150). (in reply to MAIL FROM command)\n";
    let r = report(s3150, Lang::En);
    let a = &r.advice[0];
    assert_eq!(a.id, "outlook-s3150");
    assert_eq!(a.timing, Some(Timing::Permanent));
    assert!(a.summary.contains("the sending IP address 192.0.2.56"));
    assert!(a.steps.iter().any(|s| s.contains("SNDS")));
    assert!(!r.ticket_reply.contains('{'));
}

#[test]
fn ers_qil_that_outlasted_the_queue_says_to_send_again_with_the_same_steps() {
    let dsn = "Reporting-MTA: dns; mx.example.com\n\n\
        Final-Recipient: rfc822; lia@example.org\n\
        Action: failed\nStatus: 4.7.1\n\
        Remote-MTA: dns; meratus.in.tmes.example.net\n\
        Diagnostic-Code: smtp; 450 4.7.1 <lia@example.org>: Recipient \
        address rejected: Mail from <192.0.2.44> was refused due to the \
        sender IP found in ERS-QIL.\n";
    let r = report(dsn, Lang::En);
    let a = &r.advice[0];
    assert_eq!(a.id, "trendmicro-ers");
    assert_eq!(a.timing, Some(Timing::GaveUp));
    assert_eq!(a.action, Action::Retry);
    assert!(a.reply.contains("until the sending server stopped trying"));
    assert!(!a.reply.contains("not lost yet"));
    assert!(a.reply.contains(
        "We will check what lowered the IP's reputation on our side"
    ));
    let general = advice_for("trendmicro-ers");
    assert_eq!(a.steps.len(), general.step.len());
    assert!(a.steps[0].contains("192.0.2.44"));
}

/// A queue listing with one deferral each for greylisting, a timeout, a
/// DNS lookup that failed for now and a temporary refusal that names no cause.
const DELAYS: &str = "\
-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
4F9D5C0A1B*    1234 Thu Mar  5 10:00:00  sender@example.com
(host mx.example.org[192.0.2.40] said: 450 4.7.1 <eka@example.org>: \
Recipient address rejected: Greylisted, please try again later (in reply \
to RCPT TO command))
                                         eka@example.org
(connect to mx.example.net[192.0.2.50]:25: Connection timed out)
                                         fajar@example.net
(Host or domain name not found. Name service error for \
name=example.invalid type=MX: Host not found, try again)
                                         gita@example.invalid
(host mx.example.com[192.0.2.60] said: 421 4.3.0 Try again later (in \
reply to end of DATA command))
                                         hana@example.com

-- 5 Kbytes in 4 Requests.
";

#[test]
fn a_delay_is_explained_by_the_cause_its_notice_gives() {
    let r = report(DELAYS, Lang::En);
    let titles: Vec<(&str, &[usize])> = r
        .advice
        .iter()
        .map(|a| (a.title.as_str(), a.recipients.as_slice()))
        .collect();
    let has = |start: &str, who: usize| {
        titles.iter().any(|(t, r)| t.starts_with(start) && r == &[who])
    };
    assert!(has("Deferred by greylisting", 0), "{titles:?}");
    assert!(has("The receiving server cannot be reached yet", 1), "{titles:?}");
    // "Host not found, try again": the lookup failed for now.
    let dns = "The DNS lookup for the recipient's domain failed for now";
    let generic = r.advice.iter().any(|a| a.recipients.contains(&3));
    assert!(generic, "{titles:?}");
    assert!(has(dns, 2), "{titles:?}");
    for a in &r.advice {
        assert_eq!(a.timing, Some(Timing::Retrying), "{}", a.title);
        assert_eq!(a.action, Action::Wait, "{}", a.title);
    }
    let grey = &r.advice[0];
    assert!(grey.steps.iter().any(|s| s.contains("Greylisted, please try")));
    let id = report(DELAYS, Lang::Id);
    assert!(id.advice[0].title.contains("greylisting"));
}

/// A delivery-status report naming `n` recipients, all unknown.
fn many_recipients(n: usize) -> String {
    let mut text = String::from(
        "From: MAILER-DAEMON@example.com\nTo: sender@example.com\n\
         Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n\
         Content-Type: multipart/report; report-type=delivery-status; \
         boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\nDelivery \
         failed.\n\n--B\nContent-Type: message/delivery-status\n\n\
         Reporting-MTA: dns; mail.example.com\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "\nFinal-Recipient: rfc822; user{i}@example.org\nAction: \
             failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User \
             unknown\n"
        ));
    }
    text.push_str("\n--B--\n");
    text
}

#[test]
fn a_notice_past_the_recipient_limit_says_how_many_were_read() {
    let text = many_recipients(3000);
    let r = report(&text, Lang::En);
    assert_eq!(r.recipients.len(), 1000);
    assert!(
        r.summary.contains(
            "Delivery to 1,000 recipients failed. These are the first 1,000 \
             of the 3,000 recipients the notice names; the other 2,000 were \
             not read."
        ),
        "{}",
        r.summary
    );
    assert_eq!(
        r.warnings,
        ["This message names 3,000 recipients, too many to read them all: \
          only the first 1,000 were read, the other 2,000 were skipped."]
    );
    let id = report(&text, Lang::Id);
    assert!(id.summary.contains("1.000 penerima pertama dari 3.000"));

    // A queue listing whose reader stops one past the limit: how many
    // more is not known, and no number is made up.
    let mut queue = String::from(
        "4F9D5C0A1B*    1234 Thu Mar  5 10:00:00  sender@example.com\n\
         (host mx.example.org[192.0.2.40] said: 550 5.1.1 User unknown \
         (in reply to RCPT TO command))\n",
    );
    for i in 0..3000 {
        queue.push_str(&format!("    user{i}@example.org\n"));
    }
    let r = report(&queue, Lang::En);
    assert_eq!(r.recipients.len(), 1000);
    assert!(r.summary.ends_with(
        "These are the first 1,000 recipients the notice names; it names \
         more, which were not read."
    ));
    assert!(r.warnings[0].starts_with("This message names more than 1,000"));
}

#[test]
fn a_moved_recipient_gets_the_new_address_its_server_gives() {
    let moved = "<neko@example.org>: host mx.example.org[192.0.2.1] said: \
        551 5.1.6 User has moved; please try <tora@example.net> (in reply \
        to RCPT TO command)\n";
    let r = report(moved, Lang::En);
    assert_eq!(r.recipients[0].address.as_deref(), Some("neko@example.org"));
    let a = &r.advice[0];
    assert_eq!(a.id, "hasmoved");
    assert_eq!(a.title, "The recipient has moved to a new address");
    assert!(a.steps[0].starts_with("Send the email again to tora@example.net"));
    let id = report(moved, Lang::Id);
    assert!(id.advice[0].steps[0]
        .starts_with("Kirim ulang email ke tora@example.net"));
    // Without a new address: the advice that says none was given.
    let gone = moved.replace("; please try <tora@example.net>", "");
    let a = &report(&gone, Lang::En).advice[0];
    assert!(a.summary.contains("gives no new address"));
    assert!(a.steps.iter().all(|s| !s.contains("tora@")));
}

#[test]
fn too_many_recipients_asks_for_fewer_recipients_not_connections() {
    let text = "<panitia@example.org>: host mx.example.org[192.0.2.91] said: \
                452 4.5.3 Too many recipients (in reply to RCPT TO command)\n";
    for (lang, title) in [
        (Lang::Id, "Terlalu banyak penerima dalam satu email; server pengirim masih mencoba"),
        (Lang::En, "Too many recipients in one email; the sending server keeps trying"),
    ] {
        let report = report(text, lang);
        assert_eq!(report.recipients[0].reason, Reason::TooManyConn);
        let [advice] = report.advice.as_slice() else { panic!("one advice") };
        assert_eq!(advice.title, title);
        // Still retried: nothing to send again yet.
        assert_eq!(advice.who, Actor::Nobody);
        assert_eq!(advice.action, Action::Wait);
    }
    // Refused for good: the refused recipients need it again, split.
    let refused = text.replace("452 4.5.3", "550 5.5.3");
    let report = report(&refused, Lang::En);
    let [advice] = report.advice.as_slice() else { panic!("one advice") };
    assert_eq!(advice.title, "Too many recipients in one email");
    assert_eq!(advice.who, Actor::Sender);
    assert_eq!(advice.action, Action::Retry);
}

#[test]
fn a_delivered_recipient_is_no_cause_of_the_failures() {
    let log = "Jun 12 08:00:03 mail postfix/smtp[901]: 5A1B2C3D4E: \
        to=<andi@example.org>, relay=mx.example.org[192.0.2.10]:25, \
        delay=2, delays=0/0/1/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)\n\
        Jun 12 08:00:06 mail postfix/smtp[903]: 5A1B2C3D4E: \
        to=<joko@example.org>, relay=mx.example.org[192.0.2.10]:25, \
        delay=1, delays=0/0/0.5/0.5, dsn=5.1.1, status=bounced (host \
        mx.example.org[192.0.2.10] said: 550 5.1.1 <joko@example.org>: \
        Recipient address rejected: User unknown (in reply to RCPT TO \
        command))\n";
    for lang in [Lang::Id, Lang::En] {
        let report = report(log, lang);
        assert_eq!(report.recipients.len(), 2, "{:?}", report.recipients);
        assert_eq!(report.recipients[0].reason, Reason::Delivered);
        // A log's delivered line gets no advice beside a failure: the
        // delivered advice speaks of a delivery report asked for.
        let [unknown] = report.advice.as_slice() else {
            panic!("one advice: {:?}", report.advice)
        };
        assert_eq!(unknown.addresses, ["joko@example.org"]);
        // The one failure's own summary, with no list of "2 causes".
        assert!(
            report.summary.starts_with(&unknown.summary),
            "{}",
            report.summary
        );
    }
}

#[test]
fn a_delivered_recipient_s_advice_comes_after_the_failures() {
    let notice = "Reporting-MTA: dns; mail.example.net\n\n\
        Final-Recipient: rfc822; andi@example.org\n\
        Action: delivered\nStatus: 2.0.0\n\n\
        Final-Recipient: rfc822; joko@example.org\n\
        Action: failed\nStatus: 5.1.1\n\
        Diagnostic-Code: smtp; 550 5.1.1 <joko@example.org>: \
        Recipient address rejected: User unknown\n";
    let report = report(notice, Lang::En);
    let reasons: Vec<Reason> =
        report.recipients.iter().map(|r| r.reason).collect();
    assert_eq!(reasons, [Reason::Delivered, Reason::UserUnknown]);
    let order: Vec<&[usize]> =
        report.advice.iter().map(|a| a.recipients.as_slice()).collect();
    assert_eq!(order, [&[1][..], &[0][..]]);
}
