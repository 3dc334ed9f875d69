// SPDX-License-Identifier: MIT
//! A failure that no server will try again never gets advice that says
//! to wait. Its timing is `permanent` (refused for good) or `gave-up` (a
//! temporary error that lasted until the queue's lifetime ran out: the
//! server tried for days, and the email was not delivered). Its advice
//! must not have the action `wait` nor name nobody as the one to act
//! (the page reads that as "the sending server retries by itself"), and
//! no summary, step or reply, nor the catalog's note on a list or policy
//! the recipient met, may say that the sending server retries by
//! itself, that the refusal is usually temporary, or that the email
//! need not be sent again.
//!
//! Checked three ways: on the advice data, for every subject and both
//! timings; on decoded reports of our fixtures (`tests/fixtures/`), and
//! of the shared Sisimai corpus when it lies beside the project, whole
//! and as webmail shows it, in both languages; and on a fixture of our
//! own, a permanent network error, read field by field.

#![allow(clippy::disallowed_methods)] // tests: case tables are fine (clippy.toml)

use std::path::{Path, PathBuf};

use pantul::knowledge::schema::advice::{Action, Actor};
use pantul::knowledge::{self, Lang, Text};
use pantul::record::Action as Delivery;
use pantul::report::{Recipient, Report, Timing};
use pantul::{Options, Reason};

/// English wordings, lowercased, that tell the reader to wait for the
/// sending server or not to send the email again.
const WAIT_EN: &[&str] = &[
    "wait:",
    "wait,",
    "wait and",
    "retries by itself",
    "retry by itself",
    "retried by itself",
    "tried again by itself",
    "retries automatically",
    "keeps trying",
    "keeps retrying",
    "still trying",
    "still retries",
    "will retry",
    "will be tried again",
    "let the server retry",
    "let the server's queue retry",
    "no need to resend",
    "no need to send",
    "does not need to be sent again",
    "do not resend by hand",
    "do not send the same email again",
    "do not send this email",
    "usually temporary",
    "not lost yet",
    "is not lost",
    "has not been delivered yet",
    "goes through after a while",
    "goes out by itself",
];

/// The same in Bahasa Indonesia.
const WAIT_ID: &[&str] = &[
    "tunggu:",
    "tunggu dan",
    "mencoba lagi secara otomatis",
    "dicoba lagi secara otomatis",
    "akan mencoba lagi",
    "akan dicoba lagi",
    "terus mencoba",
    "masih mencoba",
    "biarkan server mencoba lagi",
    "biarkan antrean",
    "tidak perlu mengirim ulang",
    "tidak perlu dikirim ulang",
    "jangan kirim ulang email",
    "jangan kirim ulang secara manual",
    "biasanya sementara",
    "belum hilang",
    "dikirim otomatis",
];

/// The first wording of `lang` that tells the reader to wait, if `text`
/// has one. A wording right after "not " or "tidak " is its negation
/// ("will not be tried again", "tidak akan mencoba lagi") and does not
/// count.
fn says_to_wait(text: &str, lang: Lang) -> Option<&'static str> {
    let text = text.to_lowercase();
    let phrases = match lang {
        Lang::Id => WAIT_ID,
        Lang::En => WAIT_EN,
    };
    phrases.iter().copied().find(|phrase| {
        text.match_indices(phrase).any(|(at, _)| {
            let before = &text[..at];
            !(before.ends_with("not ") || before.ends_with("tidak "))
        })
    })
}

#[test]
fn the_wait_wordings_are_found_and_their_negations_are_not() {
    let cases = [
        ("Wait: the sending server retries by itself.", Lang::En, true),
        ("Problems like this are usually temporary.", Lang::En, true),
        (
            "Do not resend by hand; let the server's queue retry.",
            Lang::En,
            true,
        ),
        ("This email will not be tried again: send it again.", Lang::En, false),
        ("Wait about an hour, then send it again.", Lang::En, false),
        (
            "Tunggu: server pengirim mencoba lagi secara otomatis.",
            Lang::Id,
            true,
        ),
        ("Server pengirim akan mencoba lagi.", Lang::Id, true),
        ("Server pengirim tidak akan mencoba lagi.", Lang::Id, false),
        ("Email ini tidak akan dicoba lagi: kirim ulang.", Lang::Id, false),
    ];
    for (text, lang, waits) in cases {
        assert_eq!(says_to_wait(text, lang).is_some(), waits, "{text}");
    }
}

/// The words of a DNS lookup that failed for now, as `src/settle.rs`
/// lists them.
const LOOKUP_FAILED_FOR_NOW: &[&str] = &[
    "host not found, try again",
    "name server failure",
    "servfail",
    "dns lookup timed out",
    "temporary dns failure",
];

/// The timing of one recipient's failure, by the rules the advice stage
/// uses (`src/advise/timing.rs`); the decoded reports check that the two
/// agree wherever a group's recipients share one timing.
fn timing_of(r: &Recipient) -> Option<Timing> {
    if matches!(
        r.reason,
        Reason::Delivered | Reason::Vacation | Reason::Feedback
    ) {
        return None;
    }
    // Held or frozen in a queue listing: nothing retries it.
    if r.evidence.rule == "mailq.held" {
        return None;
    }
    match r.action {
        Some(Delivery::Delayed | Delivery::Failed) => {}
        Some(_) => return None,
        None if r.status.is_none() && r.reply_code.is_none() => return None,
        None => {}
    }
    if !r.permanent {
        return Some(Timing::Retrying);
    }
    let temporary = match (r.status, r.reply_code) {
        (Some(s), _) => s.class == 4,
        (None, code) => code.is_some_and(|c| c / 100 == 4),
    };
    // A DNS lookup that failed for now (`settle::LOOKUP_FAILED_FOR_NOW`),
    // but not in a mail log's final line with no deferral before it.
    let log_without_retries = r.queue_id.is_some()
        && r.attempts.as_ref().is_none_or(|a| a.deferred == 0);
    let for_now = !log_without_retries
        && r.diagnostic.as_deref().is_some_and(|d| {
            let d = d.to_ascii_lowercase();
            LOOKUP_FAILED_FOR_NOW.iter().any(|w| d.contains(w))
        });
    if temporary || for_now || r.reason == Reason::Expired {
        Some(Timing::GaveUp)
    } else {
        Some(Timing::Permanent)
    }
}

const FINAL: [Timing; 2] = [Timing::Permanent, Timing::GaveUp];

/// Advice for notices that report no failure, which no failed recipient
/// is given: a list message held for its moderator is rightly told to
/// wait and not to send the same email again.
const NOT_FOR_FAILURES: [&str; 1] = ["list-held"];
const LANGS: [Lang; 2] = [Lang::Id, Lang::En];

#[test]
fn advice_data_for_a_failure_nobody_retries_never_says_to_wait() {
    let k = knowledge::get();
    let mut subjects: Vec<&str> =
        k.advice.iter().map(|a| a.subject.as_str()).collect();
    subjects.retain(|s| !NOT_FOR_FAILURES.contains(s));
    subjects.sort_unstable();
    subjects.dedup();
    assert!(subjects.len() > 100, "{} subjects", subjects.len());
    let mut wrong = Vec::new();
    let mut read = 0;
    for &subject in &subjects {
        let general = knowledge::advice::for_subject(subject);
        for timing in FINAL {
            // What the decoder may pick for a recipient of this timing:
            // a variant for the server's words that fits the timing, and
            // the variant for the timing, else the general advice.
            let words = k.advice.iter().filter(|a| {
                a.subject == subject
                    && !a.when.is_empty()
                    && a.timing.is_none_or(|t| t == timing)
            });
            let picked =
                knowledge::advice::for_subject_timing(subject, Some(timing));
            for a in words.chain(picked) {
                if a.timing == Some(timing) && a.action == Action::Wait {
                    wrong.push(format!("{subject} ({timing:?}): action wait"));
                }
                // The page reads "nobody" as "the sending server retries
                // by itself"; only advice with nothing to do may say it.
                if a.who == Actor::Nobody && a.action != Action::None {
                    wrong.push(format!("{subject} ({timing:?}): who nobody"));
                }
                // A timed variant without steps shares the general ones.
                let steps = match (a.timing, a.step.is_empty(), general) {
                    (Some(_), true, Some(g)) => &g.step,
                    _ => &a.step,
                };
                let texts: Vec<(&str, &Text)> =
                    [("summary", &a.summary), ("reply", &a.reply)]
                        .into_iter()
                        .chain(steps.iter().map(|s| ("step", s)))
                        .collect();
                for (what, text) in texts {
                    for lang in LANGS {
                        read += 1;
                        if let Some(p) = says_to_wait(text.get(lang), lang) {
                            wrong.push(format!(
                                "{subject} ({timing:?}) {what} [{lang:?}] \
                                 says \"{p}\": {}",
                                text.get(lang)
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(read > 1000, "only {read} texts read");
    assert!(wrong.is_empty(), "{} texts:\n{}", wrong.len(), wrong.join("\n"));
}

/// How many recipients of each final timing were checked.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    permanent: usize,
    gave_up: usize,
}

/// Checks every advice item of `report` for its recipients whose failure
/// is final; `source` names the input in the messages of `wrong`.
fn check(
    report: &Report,
    source: &str,
    lang: Lang,
    tally: &mut Tally,
    wrong: &mut Vec<String>,
) {
    for a in &report.advice {
        for &n in &a.recipients {
            let Some(r) = report.recipients.get(n) else { continue };
            let timing = timing_of(r);
            if a.timing != Some(Timing::Mixed) && a.timing != timing {
                wrong.push(format!(
                    "{source} [{lang:?}] recipient {n}: advice timing {:?}, \
                     recipient timing {timing:?}",
                    a.timing
                ));
            }
            let Some(timing) = timing.filter(|t| FINAL.contains(t)) else {
                continue;
            };
            match timing {
                Timing::GaveUp => tally.gave_up += 1,
                _ => tally.permanent += 1,
            }
            let who = format!("{source} [{lang:?}] recipient {n} ({timing:?})");
            if a.action == Action::Wait {
                wrong.push(format!("{who}: {} says wait", a.id));
            }
            if a.who == Actor::Nobody {
                wrong.push(format!("{who}: {} says nobody must act", a.id));
            }
            // The catalog's note on a list or policy the recipient met
            // is shown beside the advice, whatever the timing.
            let notes = r.listings.iter().filter_map(|l| l.note.as_ref());
            let texts = [("summary", &a.summary), ("reply", &a.reply)]
                .into_iter()
                .chain(a.steps.iter().map(|s| ("step", s)))
                .chain(notes.map(|n| ("listing note", n)));
            for (what, text) in texts {
                if let Some(p) = says_to_wait(text, lang) {
                    wrong.push(format!(
                        "{who}: {} {what} says \"{p}\": {text}",
                        a.id
                    ));
                }
            }
        }
    }
}

/// Decodes one file's messages, whole and (for a whole message) as
/// webmail shows it, and checks each report.
fn check_file(
    path: &Path,
    lang: Lang,
    tally: &mut Tally,
    wrong: &mut Vec<String>,
) {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let options = Options { lang, ..Options::default() };
    let source = path.display().to_string();
    for message in pantul::input::split_mbox(&bytes) {
        if let Ok(report) = pantul::decode(&message, &options) {
            check(&report, &source, lang, tally, wrong);
        }
        let Some(shown) = pantul::shown_text(&message) else { continue };
        if let Ok(report) = pantul::decode(shown.as_bytes(), &options) {
            let source = format!("{source} (as a fragment)");
            check(&report, &source, lang, tally, wrong);
        }
    }
}

/// The `.eml` and `.txt` files under `dir`, in path order.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let entries = std::fs::read_dir(&d)
            .unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "eml" || e == "txt")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Checks every file of `files`, whole and as webmail shows it, in both
/// languages; each language must meet at least `least` recipients of
/// each final timing. `what` names the files in the messages.
fn check_all(what: &str, files: &[PathBuf], least: Tally) {
    let mut wrong = Vec::new();
    for lang in LANGS {
        let mut tally = Tally::default();
        for file in files {
            check_file(file, lang, &mut tally, &mut wrong);
        }
        eprintln!(
            "{what} [{lang:?}]: {} permanent, {} gave up",
            tally.permanent, tally.gave_up
        );
        assert!(
            tally.permanent >= least.permanent,
            "{what} [{lang:?}]: {tally:?}"
        );
        assert!(tally.gave_up >= least.gave_up, "{what} [{lang:?}]: {tally:?}");
    }
    assert!(wrong.is_empty(), "{}:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn no_fixture_whose_failure_is_final_is_told_to_wait() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files = inputs(&dir);
    assert!(files.len() > 100, "{} fixtures", files.len());
    // Our fixtures hold many permanent failures and some that gave up
    // (a retry timeout, "Action: failed" with a 4.x.x code).
    check_all("fixtures", &files, Tally { permanent: 201, gave_up: 15 });
}

/// The corpus's messages: `PANTUL_CORPUS/eml`, else
/// `shared/corpus/sisimai/eml` beside the project; none when absent.
fn corpus_eml() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PANTUL_CORPUS") {
        let dir = PathBuf::from(dir).join("eml");
        return dir.is_dir().then_some(dir);
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|a| a.join("shared/corpus/sisimai/eml"))
        .find(|d| d.is_dir())
}

#[test]
fn no_corpus_message_whose_failure_is_final_is_told_to_wait() {
    let Some(dir) = corpus_eml() else {
        eprintln!("corpus: not found beside the project; skipped");
        return;
    };
    let files = inputs(&dir);
    assert!(files.len() > 500, "{} corpus files", files.len());
    check_all("corpus", &files, Tally { permanent: 901, gave_up: 101 });

    // The messages users met the contradiction on: each now gets the
    // advice written for its timing, which ends with sending again.
    let cases = [
        ("rhost-tencent-01.eml", "toomanyconn", Timing::Permanent),
        ("lhost-postfix-17.eml", "networkerror", Timing::Permanent),
        ("lhost-amazonworkmail-03.eml", "systemerror", Timing::Permanent),
        ("lhost-sendmail-39.eml", "systemfull", Timing::GaveUp),
    ];
    for (file, id, timing) in cases {
        let bytes = std::fs::read(dir.join(file)).expect("corpus file");
        for lang in LANGS {
            let options = Options { lang, ..Options::default() };
            let r = pantul::decode(&bytes, &options).expect("decodes");
            let a = &r.advice[0];
            assert_eq!((a.id.as_str(), a.timing), (id, Some(timing)), "{file}");
            assert_eq!(a.action, Action::Retry, "{file}");
            let variant =
                knowledge::advice::for_subject_timing(id, Some(timing))
                    .expect("advice");
            assert_eq!(variant.timing, Some(timing), "{file}: no variant");
            assert_eq!(a.title, variant.title.get(lang), "{file}");
            let last = a.steps.last().expect("steps");
            let again = match lang {
                Lang::Id => "kirim ulang",
                Lang::En => "send it again",
            };
            assert!(last.contains(again), "{file} [{lang:?}]: {last}");
        }
    }
}

#[test]
fn a_permanent_network_error_says_what_to_fix_and_to_send_again() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/postfix/15.txt");
    let bytes = std::fs::read(path).expect("fixture");
    let decode = |lang| {
        let options = Options { lang, ..Options::default() };
        pantul::decode(&bytes, &options).expect("decodes")
    };
    let r = decode(Lang::En);
    let reasons: Vec<Reason> = r.recipients.iter().map(|r| r.reason).collect();
    assert_eq!(reasons, [Reason::NetworkError, Reason::NetworkError]);
    assert_eq!(
        r.recipients[0].status.map(|s| s.to_string()),
        Some("5.4.6".into())
    );
    assert_eq!(r.recipients[0].reply_code, Some(554));
    // The first recipient's error names a loop, the second's a DNS
    // failure: each gets the advice its own words call for.
    assert_eq!(r.advice.len(), 2);
    let lp = &r.advice[0];
    assert_eq!(
        (lp.id.as_str(), lp.recipients.as_slice()),
        ("networkerror", &[0][..])
    );
    assert_eq!(lp.timing, Some(Timing::Permanent));
    assert_eq!((lp.who, lp.action), (Actor::Recipient, Action::Retry));
    assert!(lp.steps[0].contains("open Forwarders"), "{}", lp.steps[0]);
    assert!(lp.reply.starts_with(
        "Your email to wulan@example.org was not delivered because it went \
         round in a loop between servers"
    ));
    let a = &r.advice[1];
    assert_eq!(a.id, "networkerror");
    assert_eq!(a.recipients, [1]);
    assert_eq!(a.timing, Some(Timing::Permanent));
    assert_eq!((a.who, a.action), (Actor::SenderAdmin, Action::Retry));
    assert_eq!(a.title, "A network or DNS problem made delivery fail for good");
    assert_eq!(
        a.steps[0],
        "Read the error in the bounce message: \"hop count exceeded\", \
         \"too many hops\" or \"mail loop\" means the email went round in a \
         loop between servers; \"name service error\", \"malformed\" or \
         \"host not found\" means the DNS lookup for example.net failed."
    );
    assert_eq!(
        a.steps.last().map(String::as_str),
        Some(
            "This email will not be tried again: send it again once the loop \
             or the DNS problem is fixed."
        )
    );
    assert!(a.reply.starts_with(
        "Your email to bayu@example.net was not delivered, and the sending \
         server will not try it again"
    ));
    assert!(!r.ticket_reply.contains("Wait"), "{}", r.ticket_reply);

    let r = decode(Lang::Id);
    let a = &r.advice[1];
    assert_eq!(a.action, Action::Retry);
    assert!(
        a.steps[0].starts_with("Baca pesan error di pesan bounce"),
        "{}",
        a.steps[0]
    );
    assert!(a.summary.ends_with("Email tidak terkirim."), "{}", a.summary);
    assert!(!r.ticket_reply.contains("Tunggu"), "{}", r.ticket_reply);
}
