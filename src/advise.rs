// SPDX-License-Identifier: MIT
//! Advice for a report: recipients grouped by cause, each group's advice
//! with what was decoded filled in, one summary sentence and a reply for
//! the ticket.
//!
//! A group is one advice subject: the first catalog entry named for a
//! recipient that has advice of its own (a blocklist, a provider's
//! policy), else the recipient's reason; when that list or policy
//! names one of a big mailbox provider's shared sending servers, advice
//! on that server instead. Groups keep the order in which
//! their first recipient appears, so three recipients with two causes
//! give two advice items, each listing its recipients.

mod auth_named;
mod foreign_from;
mod listed_values;
mod named_codes;
mod other_lists;
mod panel;
mod remote;
mod reply;
mod send_mail_as;
mod submission;
mod timing;
mod values;

use crate::grammar::host::parse_ip;
use crate::grammar::status::Status;
use crate::knowledge::advice::{for_subject, for_subject_timing, for_words};
use crate::knowledge::schema::advice::{Action as Todo, Actor, Advice as Data};
use crate::knowledge::{messages, Lang, Text};
use crate::lowercase::Lowercase;
use crate::reason::Reason;
use crate::report::{Advice, Kind, Recipient, Report, Timing};
use crate::shared_sender;
use crate::Options;

use values::Values;

/// Recipients a notice names past the ones read
/// ([`crate::input::MAX_RECIPIENTS`]), which the summary owns up to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unread {
    /// This many more.
    Exactly(usize),
    /// More, how many is not known.
    More,
}

/// Fills the report's advice, summary and ticket reply; `unread` says
/// whether the notice names recipients that were not read.
pub fn advise(report: &mut Report, options: &Options, unread: Option<Unread>) {
    let lang = options.lang;
    let reporting_mta = report.reporting_mta.clone();
    let mta = reporting_mta.as_deref();
    // Each recipient's words, read once for its title and its group.
    let words: Vec<String> = report.recipients.iter().map(words).collect();
    // Each recipient's timing, worked out once: titles, groups and the
    // summary all ask for it.
    let timings: Vec<Option<Timing>> =
        report.recipients.iter().map(timing::of).collect();
    let by_reason: Vec<ByReason> = report
        .recipients
        .iter()
        .zip(&words)
        .zip(&timings)
        .map(|((r, words), &timing)| {
            by_reason(r, timing, words, (mta, &report.format))
        })
        .collect();
    let recipients = report.recipients.iter_mut().zip(&by_reason).zip(&timings);
    for ((r, &by_reason), &timing) in recipients {
        let given = given(r);
        let title = reason_title(r, by_reason, timing, lang);
        r.reason_title = named_codes::keep_given(title, given.as_slice());
        r.remote_provider = remote::provider(r);
        for list in r.listings.iter_mut().chain(r.blocklist.as_mut()) {
            let name = std::mem::take(&mut list.name);
            list.name = named_codes::keep_given(name, given.as_slice());
        }
    }
    let from = report.original.from.clone();
    let mut plain_summaries = Vec::new();
    for Group { subject, variant, members } in groups(
        &report.recipients,
        &words,
        &timings,
        &by_reason,
        (from.as_deref(), mta),
        &report.format,
    ) {
        let timing = timing::of_group(&timings, &members);
        let data = variant.or_else(|| for_subject_timing(&subject, timing));
        let Some(data) = data else { continue };
        let values = Values::new(report, &members, options);
        let given: Vec<Status> = members
            .iter()
            .flat_map(|&n| given(&report.recipients[n]))
            .collect();
        let summary = values.fill(data.summary.get(lang));
        let near_miss =
            near_miss_note(steps(data, &subject), &values, timing, lang);
        let summary = match near_miss {
            Some(note) => spaced(&summary, &note),
            None => summary,
        };
        let plain_summary = named_codes::keep_given(summary, &given);
        let mut also =
            other_lists::steps(&report.recipients, &members, &subject, lang);
        also.extend(listed_values::step(&report.recipients, &members, lang));
        let mut item = item(data, subject, &values, timing, lang);
        // Before the last step, which sends the email again.
        let at = item.steps.len().saturating_sub(1);
        item.steps.splice(at..at, also);
        panel::note(&mut item.steps, panel::other_panel(report), lang);
        report.advice.push(codes_given(item, &given));
        plain_summaries.push(plain_summary);
    }
    if report.advice.is_empty() {
        if let Some(subject) = notice_subject(report) {
            if let Some(data) = for_subject(subject) {
                let values = Values::new(report, &[], options);
                plain_summaries.push(values.fill(data.summary.get(lang)));
                let item = item(data, subject.to_string(), &values, None, lang);
                report.advice.push(item);
            }
        }
    }
    report.summary = reply::summary(report, &plain_summaries, unread, lang);
    report.ticket_reply = reply::ticket(report, lang);
}

/// The codes the notice gave a recipient, which advice texts may name:
/// none for a stand-in.
fn given(r: &Recipient) -> Option<Status> {
    r.status.filter(|_| !r.status_inferred)
}

/// The title of the recipient's reason for its timing and its server's
/// words (a variant that says whose fault it is: Postfix's "loops back
/// to myself" is the sending server's, not the receiver's), else its
/// name.
fn reason_title(
    r: &Recipient,
    (name, variant): ByReason,
    timing: Option<Timing>,
    lang: Lang,
) -> String {
    let data = variant.or_else(|| for_subject_timing(name, timing));
    data.map_or_else(
        || r.reason.name().to_string(),
        |d| d.title.get(lang).to_string(),
    )
}

/// The advice subject that a recipient's reason names (its reason, or
/// the queue it is held in), and the variant of that subject's advice
/// that fits its timing and words, if one does: its title's and, most
/// often, its group's.
type ByReason = (&'static str, Option<&'static Data>);

fn by_reason(
    r: &Recipient,
    timing: Option<Timing>,
    words: &str,
    (mta, format): (Option<&str>, &str),
) -> ByReason {
    let own = submission::subject(r, mta);
    if let Some(app) = own.or_else(|| send_mail_as::subject(r, format)) {
        return (app, for_subject(app));
    }
    let name = timing::held(r).unwrap_or(r.reason.name());
    (name, for_words(name, timing, words))
}

/// The server's words that choose a variant of the advice: on one line,
/// without the codes a wrapped multi-line reply repeats on its
/// continuation lines ("… a potential 552-5.7.0 security issue").
fn words(r: &Recipient) -> String {
    let diagnostic = r.diagnostic.as_deref().unwrap_or("");
    let mut one_line = String::with_capacity(diagnostic.len());
    for word in diagnostic.split_whitespace() {
        if !one_line.is_empty() {
            one_line.push(' ');
        }
        one_line.push_str(word);
    }
    crate::settle::without_inner_codes(&one_line)
}

/// `first` and `second` with a space between them: what
/// `format!("{first} {second}")` gives, grown once.
fn spaced(first: &str, second: &str) -> String {
    let mut out = String::with_capacity(first.len() + 1 + second.len());
    out.push_str(first);
    out.push(' ');
    out.push_str(second);
    out
}

/// The warning of a phishing lure dressed as a bounce
/// (`crate::lure`), given before the advice.
const PHISHING: &str = "warning.phishing-signs";

/// The warning of an email app's own error for a refused login
/// (`crate::decode`): nothing was sent.
const APP_SEND_ERROR: &str = "warning.app-send-error";

/// The warnings of a read receipt and of a list's notice that a post
/// waits for its moderator (`crate::decode`): nothing failed, and each
/// has advice of its own, whose summary is the report's.
pub(crate) const TOLD_APART: &[(&str, &str)] = &[
    ("warning.read-receipt", "read-receipt"),
    ("warning.list-held", "list-held"),
    ("warning.inbound-refusals", "inbound-refusals"),
    ("warning.queue-empty", "queue-empty"),
];

/// The warning of a text that names a failure no family could read
/// (`crate::leftover`): its advice says it could not be read.
const UNREADABLE: &str = "warning.unreadable";

/// Advice for the notice as a whole when no recipient gives a cause: a
/// text that is not a bounce (a phishing lure, when its warning was
/// given), or a bounce in which no recipient was found (see `NOTICES` in
/// the advice schema).
fn notice_subject(report: &Report) -> Option<&'static str> {
    let lure = report.warning_ids.iter().any(|w| w == PHISHING);
    let app = report.warning_ids.iter().any(|w| w == APP_SEND_ERROR);
    match report.kind {
        Kind::NotABounce if lure => Some("phishing"),
        Kind::NotABounce if app => Some("app-send-error"),
        Kind::NotABounce => Some(
            TOLD_APART
                .iter()
                .find(|(w, _)| report.warning_ids.iter().any(|id| id == w))
                .map_or("not-a-bounce", |&(_, subject)| subject),
        ),
        Kind::Bounce | Kind::Delay if report.recipients.is_empty() => {
            let unread = report.warning_ids.iter().any(|w| w == UNREADABLE);
            Some(if unread { "unreadable" } else { "no-recipients" })
        }
        _ => None,
    }
}

/// One advice item: the data's texts filled in, with a sentence on the
/// timing where it changes what the data assumes.
fn item(
    data: &Data,
    subject: String,
    values: &Values<'_>,
    timing: Option<Timing>,
    lang: Lang,
) -> Advice {
    let note = timing::note(timing, data, &subject);
    let with_note = |text: String| match note {
        Some(id) => spaced(&text, &messages::text(id, lang, &[])),
        None => text,
    };
    // A likely typo is said once: in the summary and the reply, and in
    // the step that names it, without the general spelling step beside
    // it nor a step saying to wait; the sender corrects the address and
    // sends again, for waiting will not deliver it.
    let near_miss = near_miss_note(steps(data, &subject), values, timing, lang);
    let with_near_miss = |text: String| match &near_miss {
        Some(hint) => spaced(&text, hint),
        None => text,
    };
    let hinted = near_miss.is_some();
    let who = match data.who {
        Actor::Nobody if hinted => Actor::Sender,
        who => who,
    };
    let action = match data.timing {
        Some(_) => data.action,
        None => timing::action(timing, data.action, &subject),
    };
    let action = match action {
        Todo::Wait if hinted => Todo::Retry,
        action => action,
    };
    Advice {
        title: values.fill(data.title.get(lang)),
        summary: with_note(with_near_miss(values.fill(data.summary.get(lang)))),
        steps: steps(data, &subject)
            .iter()
            .filter(|s| !(hinted && is_beside_a_typo_hint(s)))
            .filter_map(|s| values.step(s.get(lang)))
            .collect(),
        who,
        action,
        reply: with_note(with_near_miss(values.fill(data.reply.get(lang)))),
        recipients: values.members().to_vec(),
        addresses: values.addresses().to_vec(),
        timing,
        id: subject,
    }
}

/// The sentence that names a likely typo in the recipients' domains
/// ("gmial.com (perhaps gmail.com)"), for advice with a step on it
/// (`{near_misses}`), when the values name one; for a failure still
/// retried, it says that retrying will not help.
fn near_miss_note(
    steps: &[Text],
    values: &Values<'_>,
    timing: Option<Timing>,
    lang: Lang,
) -> Option<String> {
    let asks = steps.iter().any(|s| s.en.contains("{near_misses}"));
    let near_misses = values.near_misses().filter(|_| asks)?;
    let id = match timing {
        Some(Timing::Retrying) => "advice.near-miss-retrying",
        _ => "advice.near-miss",
    };
    Some(messages::text(id, lang, &[("value", near_misses)]))
}

/// True for a step that a step naming the likely typo makes redundant
/// or wrong: one that only asks to check the spelling of the recipients'
/// domain ("Check the spelling of {recipient_domain}: common typos
/// include …"), a second hint of the same thing, and one that says to
/// wait for the sending server's retries, which never find a misspelt
/// domain.
fn is_beside_a_typo_hint(step: &Text) -> bool {
    const BESIDE: &[&str] = &[
        "Check the spelling of {recipient_domain}:",
        "Check the spelling of {recipient_domain} in the recipient's address",
        "Wait:",
    ];
    BESIDE.iter().any(|b| step.en.starts_with(b))
}

/// The advice's texts naming only the codes the notice gave (`given`):
/// advice written for Gmail's 4.7.28 says no "(4.7.28)" over a 4.7.0.
fn codes_given(mut advice: Advice, given: &[Status]) -> Advice {
    let keep = |text: &mut String| {
        *text = named_codes::keep_given(std::mem::take(text), given);
    };
    keep(&mut advice.title);
    keep(&mut advice.summary);
    keep(&mut advice.reply);
    advice.steps.iter_mut().for_each(keep);
    advice
}

/// The data's steps; a timing variant without steps of its own shares
/// the general advice's.
fn steps<'a>(data: &'a Data, subject: &str) -> &'a [Text] {
    match (data.timing, data.step.is_empty()) {
        (Some(_), true) => for_subject(subject).unwrap_or(data).step.as_slice(),
        _ => &data.step,
    }
}

/// Recipients that share their advice.
struct Group {
    /// The reason name or catalog id the advice is for.
    subject: String,
    /// The variant of its advice for what their servers said, if one
    /// fits (`when` in the advice data).
    variant: Option<&'static Data>,
    /// Indexes of the recipients.
    members: Vec<usize>,
}

/// Recipients grouped by the subject of their advice and the variant
/// that fits their server's words and timing (`words` and `timings`,
/// one a recipient; `by_reason` when the subject is the reason's), in
/// order of first appearance: a
/// delay for greylisting and one for a timeout are two groups.
fn groups(
    recipients: &[Recipient],
    words: &[String],
    timings: &[Option<Timing>],
    by_reason: &[ByReason],
    (from, mta): (Option<&str>, Option<&str>),
    format: &str,
) -> Vec<Group> {
    let each = recipients.iter().zip(words).zip(timings).zip(by_reason);
    let chosen: Vec<(String, Option<&'static Data>)> = each
        .map(|(((r, words), &timing), &(name, known))| {
            let subject = subject(r, timing, from, mta, format);
            let variant = match subject == name {
                true => known,
                false => for_words(&subject, timing, words),
            };
            (subject, variant)
        })
        .collect();
    let by_value = by_value(recipients, &chosen);
    let mut groups: Vec<Group> = Vec::new();
    for (n, (subject, variant)) in chosen.iter().enumerate() {
        let (r, variant) = (&recipients[n], *variant);
        let by_value = by_value[n];
        let same = |g: &&mut Group| {
            g.subject == *subject
                && alike(g.variant, variant)
                && (!by_value
                    || listed_values::listed(&recipients[g.members[0]])
                        == listed_values::listed(r))
        };
        match groups.iter_mut().find(same) {
            Some(group) => group.members.push(n),
            None => groups.push(Group {
                subject: subject.clone(),
                variant,
                members: vec![n],
            }),
        }
    }
    failures_first(groups, recipients, format)
}

/// True if and only if advice is the same for two variants.
fn alike(a: Option<&Data>, b: Option<&Data>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => std::ptr::eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// Per recipient, whether its group is also told apart by the value its
/// list names. Each listed IP or domain has advice of its own (its own
/// lookup link and delisting, and a summary that names it) while the
/// recipients' subject and variant (`chosen`, one a recipient) name a
/// few; past that, one advice for the list names them all
/// ([`listed_values`]).
fn by_value(
    recipients: &[Recipient],
    chosen: &[(String, Option<&'static Data>)],
) -> Vec<bool> {
    type Seen<'a> = (&'a str, Option<&'static Data>, Vec<&'a str>);
    let mut values: Vec<Seen> = Vec::new();
    for (r, (subject, variant)) in recipients.iter().zip(chosen) {
        let Some(value) = listed_values::listed(r) else { continue };
        let at = values.iter().position(|(s, v, _)| {
            *s == subject.as_str() && alike(*v, *variant)
        });
        let at = at.unwrap_or_else(|| {
            values.push((subject, *variant, Vec::new()));
            values.len() - 1
        });
        let seen = &mut values[at].2;
        if !seen.contains(&value) && seen.len() <= listed_values::MAX_SPLIT {
            seen.push(value);
        }
    }
    let few = |(subject, variant): &(String, Option<&'static Data>)| {
        !values.iter().any(|(s, v, seen)| {
            *s == subject.as_str()
                && alike(*v, *variant)
                && seen.len() > listed_values::MAX_SPLIT
        })
    };
    chosen.iter().map(few).collect()
}

/// The groups with the failures' advice first: a recipient delivered
/// (or an auto-reply) beside failed ones needs no advice before theirs.
/// A mail log's delivered recipients get none at all when others
/// failed: the delivered advice speaks of a delivery report asked for,
/// which a log line is not.
fn failures_first(
    groups: Vec<Group>,
    recipients: &[Recipient],
    format: &str,
) -> Vec<Group> {
    let settled =
        |g: &Group| timing::is_not_a_failure(&recipients[g.members[0]]);
    let (mut failures, rest): (Vec<Group>, Vec<Group>) =
        groups.into_iter().partition(|g| !settled(g));
    let quiet = format == "maillog" && !failures.is_empty();
    failures.extend(rest.into_iter().filter(|g| {
        !(quiet && recipients[g.members[0]].reason == Reason::Delivered)
    }));
    failures
}

/// The catalog entry with advice of its own named for the recipient,
/// else its reason; advice on a big provider's shared server instead,
/// when the address a list or policy names is one; advice on a From
/// address at someone else's mailbox domain, when the email was
/// refused for authentication with one (`from`, the original From);
/// advice on an email app's refused submission, or on an authentication
/// check the bounce names, by the service the server that wrote the
/// notice (`mta`) shows. `timing` is the recipient's ([`timing::of`]),
/// `format` the family that read the notice.
fn subject(
    r: &Recipient,
    timing: Option<Timing>,
    from: Option<&str>,
    mta: Option<&str>,
    format: &str,
) -> String {
    if let Some(held) = timing::held(r) {
        return held.to_string();
    }
    if without_words(r, timing) {
        return NO_WORDS.to_string();
    }
    if unmarked_address_failure(r, timing) {
        return HIDDEN_ADDRESS.to_string();
    }
    if relay_refused_by_recipient_mx(r, format) {
        return RELAY_AT_RECIPIENT_MX.to_string();
    }
    if let Some(shared) = shared_server(r) {
        return shared;
    }
    if foreign_from::mailbox_domain(from, r).is_some() {
        return foreign_from::SUBJECT.to_string();
    }
    let own = submission::subject(r, mta)
        .or_else(|| send_mail_as::subject(r, format))
        .or_else(|| auth_named::subject(r, mta));
    if let Some(own) = own {
        return own.to_string();
    }
    let named = r.listings.iter().map(|l| l.id.as_str());
    named
        .chain(r.policy.as_ref().map(|p| p.id.as_str()))
        .find(|id| for_subject(id).is_some())
        .map_or_else(|| r.reason.name().to_string(), str::to_string)
}

/// The advice subject of an address refused as written, with characters
/// that cannot be seen inside it: the report does not mark it as a hard
/// bounce, so neither does its advice.
const HIDDEN_ADDRESS: &str = "hidden-address";

/// True if and only if the recipient failed for good for a reason that
/// says the address is unusable, yet the report does not mark it as a
/// hard bounce: what `crate::decode` decides for an address with
/// hidden characters (`ali<U+200B>ce@example.org`), whose advice would
/// otherwise call it one. The advice follows the report's verdict. An
/// address shown without such codes is not marked for another cause
/// (a server that only says the domain "may not exist"), which its own
/// advice explains.
fn unmarked_address_failure(r: &Recipient, timing: Option<Timing>) -> bool {
    use crate::reason::Reason;
    let address_reason = matches!(
        r.reason,
        Reason::UserUnknown | Reason::HostUnknown | Reason::HasMoved
    );
    let shown_with_codes =
        r.address.as_deref().is_some_and(|a| a.contains("<U+"));
    address_reason
        && shown_with_codes
        && !r.hard_bounce
        && r.permanent
        && timing != Some(Timing::Retrying)
}

/// The advice subject of relaying refused by the recipient domain's own
/// mail server: its admin acts, not the sender's email app.
const RELAY_AT_RECIPIENT_MX: &str = "norelaying-recipient-mx";

/// True if and only if relaying was refused during delivery from server
/// to server by the recipient domain's own mail server: the refusing
/// host is in the recipient's domain, or Gmail (whose users always log
/// in to send) reports it as the remote server's answer. The sender's
/// own outgoing server refusing relay answers the email app at once,
/// with no bounce.
///
/// ```text
/// <b@shop.example>: host mx.shop.example[192.0.2.9] said: 554 5.7.1
///     <b@shop.example>: Relay access denied
/// Your message couldn't be delivered to b@shop.example because the
///     remote server is misconfigured. … 550 5.7.1 relay access denied
/// ```
fn relay_refused_by_recipient_mx(r: &Recipient, format: &str) -> bool {
    if r.reason != crate::reason::Reason::NoRelaying {
        return false;
    }
    if matches!(format, "gmail" | "google-workspace") {
        return true;
    }
    // qmail-send's "Remote host said:" is its own delivery to the
    // domain's MX, and "allowed rcpthosts" is qmail's answer for a
    // domain it does not host: the MX points at a server that dropped it.
    let remote = r.remote_host.is_some() || r.remote_ip.is_some();
    let rcpthosts = r.diagnostic.as_deref().is_some_and(|d| {
        crate::mta::layout::contains_ignore_case(d, "allowed rcpthosts")
    });
    if remote && (format == "qmail" || rcpthosts) {
        return true;
    }
    let domain = r.address.as_deref().and_then(|a| a.rsplit_once('@'));
    let (Some((_, domain)), Some(host)) = (domain, r.remote_host.as_deref())
    else {
        return false;
    };
    let (host, domain) = (host.to_ascii_lowercase(), domain.lowercase());
    let host = host.trim_end_matches('.');
    !domain.is_empty()
        && (host == domain
            || host
                .strip_suffix(domain.as_str())
                .is_some_and(|h| h.ends_with('.')))
}

/// The advice subject of a failure that names no cause and quotes none
/// of the server's words: the undefined reason's advice points at words
/// that are not there.
const NO_WORDS: &str = "no-words";

/// True if and only if the recipient's failure has no cause known and
/// none of its server's words in the notice (a Gmail headline and an
/// address, the rest cut off). A queue entry still retried with no
/// words keeps its own advice (`timing`, the recipient's).
fn without_words(r: &Recipient, timing: Option<Timing>) -> bool {
    let silent = r.diagnostic.as_deref().is_none_or(|d| d.trim().is_empty());
    let retrying = timing == Some(Timing::Retrying);
    r.reason == crate::reason::Reason::Undefined && silent && !retrying
}

/// `shared-ip-<provider>` when the address that the recipient's list or
/// policy names belongs to a mailbox provider's shared outgoing servers
/// (`crate::shared_sender`): "Client host [40.107.215.98] blocked using
/// Spamhaus" in a Microsoft 365 notice is about Microsoft's server, not
/// one the user runs.
fn shared_server(r: &Recipient) -> Option<String> {
    let list = r.blocklist.as_ref().or(r.listings.first())?;
    let ip = parse_ip(list.listed.as_deref()?)?.parse().ok()?;
    let subject = format!("shared-ip-{}", shared_sender::owner(ip)?);
    for_subject(&subject).is_some().then_some(subject)
}
