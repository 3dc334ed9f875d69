// SPDX-License-Identifier: MIT
//! The pipeline: input, decode, extract, classify, know, advise, report.

use std::borrow::Cow;

use crate::advise::Unread;
use crate::classify::{classify, Context, Verdict};
use crate::extract::{extract, Extraction, UNKNOWN_FORMAT};
use crate::input::{self, strip_quotes};
use crate::knowledge::codes::{
    inferred_meaning, reply_meaning, status_meaning_in,
};
use crate::knowledge::listings::{know, Known};
use crate::knowledge::messages;
use crate::knowledge::schema::catalog::EntryStatus;
use crate::knowledge::Lang;
use crate::lowercase::Lowercase;
use crate::notice::Notice;
use crate::paste::Division;
use crate::reason::Reason;
use crate::record::{Action, Record};
use crate::report::{InputKind, Kind, Original, Recipient, Report, SCHEMA};
use crate::sending_ip::check;
use crate::visible::{visible, without_hidden};
use crate::{advise, mime, script, Error, Options};

/// The public IP the record's context (a notice's own reason beside
/// the reply) names as the listed or sending one, when the reply names
/// none.
fn ip_in_context(record: &Record) -> Option<String> {
    use crate::knowledge::catalog::find_listed_ip;
    let diagnostic = record.diagnostic.as_deref().unwrap_or("");
    if find_listed_ip(diagnostic).is_some() {
        return None;
    }
    let ip = find_listed_ip(record.context.as_deref()?)?;
    check(&ip).ok()
}

/// Words of an email app's own sending error, which names the account,
/// the port or the app's error number, not a recipient's server.
const APP_ERROR: &[&str] = &[
    "0x800ccc",
    "nomor kesalahan",
    "error number:",
    "secure(ssl)",
    "aman(ssl)",
];

/// True if and only if `text` reads as an email app's sending error.
fn app_error(text: &str) -> bool {
    let lower = text.lowercase();
    APP_ERROR.iter().any(|w| lower.contains(w))
}

/// True if and only if every one of `records` is an email app's
/// own error for a login its sending server refused (Outlook's
/// `0x800CCC` numbers, a `535` reply), with no address: no bounce.
///
/// ```text
/// … Respons Server: '535 5.7.8 Error: authentication failed', Port: 465, … Nomor Kesalahan: 0x800CCC90
/// ```
fn app_send_error(records: &[Record]) -> bool {
    let refused_login = |r: &Record| {
        let diagnostic = r.diagnostic.as_deref().unwrap_or("");
        r.address.is_none()
            && crate::grammar::reply::find_reply_at_least(diagnostic, 500)
                .is_some_and(|(_, reply)| reply.code == 535)
            && app_error(diagnostic)
    };
    !records.is_empty() && records.iter().all(refused_login)
}

/// True if and only if none of `records` tells of a failure: none has
/// a status or a reply code, and a whole message is of no type that
/// reports one (a delivery-status part). A read receipt's
/// `Final-Recipient:` field gives a record of this kind.
fn no_failure_told(notice: &Notice, records: &[Record]) -> bool {
    notice.delivery_status.is_none()
        && records.iter().all(|r| r.status.is_none() && r.reply_code.is_none())
}

/// Decodes one notice.
pub fn decode(input: &[u8], options: &Options) -> Result<Report, Error> {
    // A mail log's terminal colour codes are taken out before reading
    // (a warning says the text held them); any other text keeps its own.
    let uncoloured = crate::mta::maillog::uncoloured(input);
    let input = uncoloured.as_deref().unwrap_or(input);
    // A typed sending IP that is not a public IP address is ignored, so
    // that it reaches neither a link nor a text of the report (callers
    // refuse it first with `sending_ip::check`'s message).
    let checked = Options {
        sending_ip: options.sending_ip.as_deref().and_then(|ip| check(ip).ok()),
        ..options.clone()
    };
    let options = &checked;
    // A MIME message over the limit is read as far as the limit (its
    // own parts come first); the returned email at its end is cut.
    let head = input::message_head(input, options.max_size);
    let prepared = input::prepare(head.unwrap_or(input), options.max_size)?;
    // A paste garbled all through by a wrong encoding is put back once.
    let repaired = crate::mojibake::repaired(&prepared.bytes);
    let bytes = repaired.as_deref().unwrap_or(&prepared.bytes);
    let mut notice = notice(bytes, prepared.is_message);
    let division = crate::paste::divide(&notice.body);
    let mut warnings = Warnings::default();
    if head.is_some() {
        warnings.add("warning.input-cut");
    }
    if repaired.is_some() {
        warnings.add("warning.mojibake-repaired");
    }
    if let Some(at) = division.enclosed {
        // A bounce inside the returned message is context: its codes and
        // recipients are not the notice's.
        notice.body.truncate(at);
        warnings.add("warning.enclosed-notice");
    }
    let first = read(&notice, &division);
    let read_first = first.len();
    let completed = crate::leftover::complete(&notice, &division, first);
    let mut readings = completed.readings;
    if readings.len() > 1 && completed.unread == 0 {
        warnings.add_counted("warning.several-notices", readings.len());
    }
    if readings.len() > read_first {
        readings = crate::leftover::in_text_order(&notice.body, readings);
    }
    if completed.unread > 0 {
        warnings.add_counted("warning.unread-blocks", completed.unread);
    }
    let extraction = merged(readings);
    if prepared.relined {
        warnings.add("warning.lines-restored");
    }
    if uncoloured.is_some() {
        warnings.add("warning.hidden-characters");
    }
    for &id in &notice.warnings {
        warnings.add(id);
    }
    let unread = match (extraction.left_out, extraction.left_out_exact) {
        (0, _) => None,
        (n, true) => Some(Unread::Exactly(n)),
        (_, false) => Some(Unread::More),
    };
    if let Some(unread) = unread {
        let count = match unread {
            Unread::Exactly(n) => n,
            Unread::More => 0,
        };
        warnings.add_counted("warning.too-many-recipients", count);
    }
    // A phishing lure dressed as a bounce tells of no real failure: it
    // gets no recipient and no reason, and a warning says why.
    let lure = crate::lure::looks_like_lure(&notice.body);
    // Nor does a mailing list's warning that its messages to the reader
    // bounced: the list is no recipient of the reader's mail.
    let list_warning =
        !lure && crate::list_notice::warns_of_bounces(&notice.body);
    // Nor does an email app's own error for a login its sending server
    // refused: nothing was sent, so no recipient's server said anything.
    let app_error =
        !lure && !list_warning && app_send_error(&extraction.records);
    // Nor do a read receipt (RFC 8098) and a list's notice that a post
    // waits for its moderator: nothing failed. Their fields and words
    // name addresses but no failure; a bounce read beside them (a
    // server's code or status) keeps its recipients.
    let not_yet = !lure && !list_warning && !app_error;
    let quiet = not_yet && no_failure_told(&notice, &extraction.records);
    let receipt = quiet && crate::receipt::is_read_receipt(&notice);
    let held = quiet
        && !receipt
        && crate::list_notice::held_for_moderation(&notice.body);
    // Nor do the reader's own server's refusals of incoming mail.
    let inbound = not_yet
        && !receipt
        && !held
        && crate::inbound::only_refusals(&notice.body);
    // Nor does `mailq` saying the queue is empty: nothing waits.
    let empty_queue = not_yet
        && !receipt
        && !held
        && !inbound
        && crate::mta::mailq::says_empty(&notice.body);
    let held_or_inbound = held || inbound || empty_queue;
    let records =
        if lure || list_warning || app_error || receipt || held_or_inbound {
            &[][..]
        } else {
            &extraction.records[..]
        };
    let recipients: Vec<Recipient> = records
        .iter()
        .zip(&extraction.contexts)
        .map(|(r, ctx)| recipient(r, ctx, options, &mut warnings))
        .collect();
    if lure {
        warnings.add("warning.phishing-signs");
    } else if list_warning {
        warnings.add("warning.list-bounces");
    } else if app_error {
        warnings.add("warning.app-send-error");
    } else if receipt {
        warnings.add("warning.read-receipt");
    } else if held {
        warnings.add("warning.list-held");
    } else if inbound {
        warnings.add("warning.inbound-refusals");
    } else if empty_queue {
        warnings.add("warning.queue-empty");
    }
    let told = lure || list_warning || app_error || receipt || held_or_inbound;
    // A text with an address and an error, or parts left unread, that
    // gave no recipient is a failure not read, never "no failure".
    let unreadable = !told
        && recipients.is_empty()
        && (completed.unread > 0
            || notice.warnings.contains(&"warning.too-many-parts")
            || crate::leftover::tells_a_failure(&notice.body));
    if unreadable {
        warnings.add("warning.unreadable");
    } else if !told && recipients.is_empty() {
        warnings.add("warning.no-recipients");
    }
    let kind = match unreadable {
        true => Kind::Bounce,
        false => kind(&notice, &recipients),
    };
    let mut report = Report {
        schema: SCHEMA,
        kind,
        input: if notice.fragment {
            InputKind::Fragment
        } else {
            InputKind::Message
        },
        format: extraction.format.to_string(),
        reporting_mta: extraction.reporting_mta.clone(),
        original: original(&notice),
        recipients,
        summary: String::new(),
        advice: Vec::new(),
        ticket_reply: String::new(),
        lang: options.lang,
        warnings: Vec::new(),
        warning_ids: Vec::new(),
        source: None,
        message: None,
        queue_id: None,
    };
    report.queue_id = one_queue_id(&report.recipients);
    match show_hidden(&mut report) {
        Hidden::None => {}
        Hidden::Garbled => warnings.add("warning.garbled-characters"),
        Hidden::Controls => warnings.add("warning.hidden-characters"),
    }
    // The warnings first: a phishing lure's advice follows from its own.
    for (id, count) in warnings.ids {
        report.warnings.push(warning_text(id, count, options.lang));
        report.warning_ids.push(id.to_string());
    }
    advise::advise(&mut report, options, unread);
    Ok(report)
}

/// The queue id every recipient shares, when they all come from one
/// message of a mail log or queue listing.
fn one_queue_id(recipients: &[Recipient]) -> Option<String> {
    let (first, rest) = recipients.split_first()?;
    let id = first.queue_id.as_ref()?;
    rest.iter().all(|r| r.queue_id.as_ref() == Some(id)).then(|| id.clone())
}

/// Each notice of a paste read on its own (`crate::paste`), when the
/// later ones name recipients the first does not; else the paste read
/// whole, as one notice. A whole message is one notice, and so is a
/// paste of more than [`crate::paste::MAX_NOTICES`].
fn read(notice: &Notice, division: &Division) -> Vec<Extraction> {
    let count = division.notices.len();
    if !notice.fragment || !(2..=crate::paste::MAX_NOTICES).contains(&count) {
        return vec![extract(notice)];
    }
    let piece = |r: &std::ops::Range<usize>| {
        Notice::fragment(notice.body[r.clone()].to_string())
    };
    let mut readings: Vec<Extraction> =
        division.notices.iter().map(|r| extract(&piece(r))).collect();
    let mut read: Vec<String> = Vec::new();
    for reading in &mut readings {
        // An address a notice before this one gave is not read twice.
        reading.records.retain(|r| match r.address.as_deref() {
            Some(a) if read.contains(&a.to_ascii_lowercase()) => false,
            Some(a) => {
                read.push(a.to_ascii_lowercase());
                true
            }
            None => true,
        });
    }
    readings.retain(|r| !r.records.is_empty());
    if readings.len() < 2 {
        return vec![extract(notice)];
    }
    readings
}

/// The readings of a paste's notices as one: their records in order,
/// each with the format and reporting host of its own notice; the
/// report's format is the first notice's, its reporting MTA the one
/// every notice names, if they all name the same.
fn merged(readings: Vec<Extraction>) -> Merged {
    let format = readings.first().map_or(UNKNOWN_FORMAT, |r| r.format);
    let first_host = readings.first().and_then(|r| r.reporting_mta.clone());
    let reporting_mta = first_host.filter(|h| {
        readings.iter().all(|r| r.reporting_mta.as_ref() == Some(h))
    });
    let mut merged = Merged { format, reporting_mta, ..Merged::default() };
    merged.left_out_exact = true;
    for reading in readings {
        merged.left_out += reading.left_out;
        if reading.left_out > 0 {
            merged.left_out_exact &= reading.left_out_exact;
        }
        let ctx = NoticeContext {
            format: reading.format,
            reporting_mta: reading.reporting_mta,
        };
        for record in reading.records {
            merged.records.push(record);
            merged.contexts.push(ctx.clone());
        }
    }
    // The notices together are held to one notice's limit.
    let over = merged.records.len().saturating_sub(input::MAX_RECIPIENTS);
    merged.records.truncate(input::MAX_RECIPIENTS);
    merged.contexts.truncate(input::MAX_RECIPIENTS);
    merged.left_out += over;
    merged
}

/// What extraction found in every notice of a paste ([`merged`]).
#[derive(Debug, Default)]
struct Merged {
    format: &'static str,
    reporting_mta: Option<String>,
    records: Vec<Record>,
    /// The notice of each record, in the same order.
    contexts: Vec<NoticeContext>,
    left_out: usize,
    left_out_exact: bool,
}

/// The notice a record comes from, as classification reads it.
#[derive(Clone, Debug)]
struct NoticeContext {
    format: &'static str,
    reporting_mta: Option<String>,
}

/// A warning's text, with its count and limit; a count of recipients
/// left out that is not known (0) gets a text that does not give one.
fn warning_text(id: &'static str, count: usize, lang: Lang) -> String {
    let limit = warning_limit(id);
    let text_id = match id {
        "warning.too-many-recipients" if count == 0 => {
            "warning.too-many-recipients-more"
        }
        _ => id,
    };
    let number = |n| messages::number(n, lang);
    let (count, limit, total) =
        (number(count), number(limit), number(count + limit));
    let values = [
        ("count", count.as_str()),
        ("limit", limit.as_str()),
        ("total", total.as_str()),
    ];
    messages::text(text_id, lang, &values)
}

/// What the notice's words hid.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Hidden {
    /// Nothing.
    None,
    /// Only C1 controls that are pieces of letters a wrong encoding
    /// garbled (`crate::mojibake`).
    Garbled,
    /// Control or direction characters.
    Controls,
}

/// Shows the control and direction characters of the notice's words in
/// the report as escapes (`crate::visible`), before advice quotes them,
/// and says what they were.
fn show_hidden(report: &mut Report) -> Hidden {
    let mut found = Hidden::None;
    let mut fix = |text: &mut String| {
        if let Cow::Owned(shown) = visible(text) {
            let garbled = crate::mojibake::only_garbled_controls(text);
            let what = if garbled { Hidden::Garbled } else { Hidden::Controls };
            found = found.max(what);
            *text = shown;
        }
    };
    let o = &mut report.original;
    let header = [&mut o.from, &mut o.to, &mut o.subject, &mut o.message_id];
    for field in header.into_iter().chain([&mut o.date]) {
        field.iter_mut().for_each(&mut fix);
    }
    report.reporting_mta.iter_mut().for_each(&mut fix);
    for r in &mut report.recipients {
        let words = [&mut r.address, &mut r.remote_host, &mut r.remote_ip];
        for field in words.into_iter().chain([&mut r.diagnostic]) {
            field.iter_mut().for_each(&mut fix);
        }
        r.feedback_type.iter_mut().for_each(&mut fix);
        fix(&mut r.evidence.text);
        let lists = r.listings.iter_mut().chain(r.blocklist.iter_mut());
        for list in lists {
            fix(&mut list.matched);
            list.listed.iter_mut().for_each(&mut fix);
        }
        if let Some(policy) = &mut r.policy {
            fix(&mut policy.code);
        }
    }
    found
}

/// A whole message, or a fragment; a quoted message inside a ticket is
/// decoded as a message once its quote prefixes are gone.
pub(crate) fn notice(bytes: &[u8], is_message: bool) -> Notice {
    if is_message {
        if let Some(notice) = mime::decode(bytes) {
            return pasted_part(notice);
        }
    }
    let lossy = crate::charset::unlabelled(bytes);
    let text = strip_quotes(&lossy);
    // The same bytes as `bytes` hold a header block if and only if
    // `is_message`, and their MIME decoding failed already.
    let same = matches!((&lossy, &text), (Cow::Borrowed(_), Cow::Borrowed(_)));
    if !same && input::starts_with_header_block(text.as_bytes()) {
        if let Some(notice) = mime::decode(text.as_bytes()) {
            return notice;
        }
    }
    // A "view source" copy may keep its quoted-printable (`=E2=80=9C`,
    // soft line breaks) without the headers that say so.
    Notice::fragment(crate::raw_qp::undo(&text).into_owned())
}

/// `notice` with quoted-printable undone (`crate::raw_qp`) when it is a
/// part pasted from a "show original" view with only its content
/// fields above it: no field of a message, nor the transfer encoding
/// that was cut off (fresh14 #11).
///
/// ```text
/// Content-Type: text/plain; charset=3D"utf-8"
///
/// <neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 Us=
/// er unknown (in reply to RCPT TO command)
/// ```
fn pasted_part(mut notice: Notice) -> Notice {
    let fields = ["from", "to", "subject", "date", "received"];
    let part = fields.iter().all(|f| notice.header(f).is_none())
        && notice.header("content-transfer-encoding").is_none();
    if part {
        if let Cow::Owned(body) = crate::raw_qp::undo(&notice.body) {
            notice.body = body;
        }
    }
    notice
}

/// The report's warnings, each once, with a count where it has one.
#[derive(Default)]
struct Warnings {
    ids: Vec<(&'static str, usize)>,
}

impl Warnings {
    fn add(&mut self, id: &'static str) {
        self.add_counted(id, 0);
    }

    fn add_counted(&mut self, id: &'static str, count: usize) {
        if !self.ids.iter().any(|(i, _)| *i == id) {
            self.ids.push((id, count));
        }
    }
}

/// The limit a warning speaks of, for its `{limit}`.
fn warning_limit(id: &str) -> usize {
    match id {
        "warning.too-many-recipients" => input::MAX_RECIPIENTS,
        "warning.too-many-parts" => input::MAX_PARTS,
        _ => 0,
    }
}

fn recipient(
    record: &Record,
    source: &NoticeContext,
    options: &Options,
    warnings: &mut Warnings,
) -> Recipient {
    let lang = options.lang;
    let diagnostic = record.diagnostic.as_deref().unwrap_or("");
    let hosts: Vec<&str> =
        [record.remote_host.as_deref(), source.reporting_mta.as_deref()]
            .into_iter()
            .flatten()
            .collect();
    // The words as classification reads them: a wrapped reply's inner
    // codes split the phrases a list is named by ("unusual rate of
    // 421-4.7.0 unsolicited mail").
    let words = crate::settle::without_inner_codes(diagnostic);
    let Known { listings, blocklist, policy, warnings: noted } =
        match ip_in_context(record) {
            Some(ip) => {
                // The notice's own words name the listed IP beside the
                // reply: it fills the links as a typed one would.
                let sending_ip = options.sending_ip.clone().or(Some(ip));
                let with_ip = Options { sending_ip, ..options.clone() };
                know(&words, &hosts, &with_ip)
            }
            None => know(&words, &hosts, options),
        };
    // A listing decides the reason before the generic words around it
    // ("mailbox unavailable … listed in bl.example.net"), so that the
    // reason and the list the report names agree; a lookup error of
    // the receiver's own lists nothing.
    let listing = blocklist
        .as_ref()
        .filter(|b| b.status != EntryStatus::ReceiverError)
        .map(|b| (b.kind, b.matched.as_str()));
    let ctx = Context {
        format: source.format,
        reporting_mta: source.reporting_mta.as_deref(),
        listing,
    };
    let Verdict {
        reason,
        permanent,
        hard_bounce,
        evidence,
        status,
        status_inferred,
        reply_code,
    } = classify(record, &ctx);
    if record.masked {
        warnings.add("warning.masked-address");
    }
    // `x****@example.org`: the domain is known, the mailbox is not.
    let local_masked = record
        .address
        .as_deref()
        .is_some_and(crate::grammar::address::has_masked_local_part);
    if local_masked {
        warnings.add("warning.masked-local-part");
    }
    for id in noted {
        warnings.add(id);
    }
    // What a reader sees of an address with hidden characters inside:
    // the server was given them, so the address as written is refused,
    // and the one meant is not known to be unusable.
    let seen = record.address.as_deref().map(without_hidden);
    let hidden_in_address = matches!(seen, Some(Cow::Owned(_)));
    // The address is shown with those characters, and with the
    // look-alike letters of a domain that mixes scripts, as codes
    // (`adm<U+200B>in@gm<U+0430>il.com`): the reader sees why it failed.
    let shown = record.address.as_deref().map(script::lookalikes_shown);
    if hidden_in_address {
        warnings.add("warning.hidden-in-address");
    }
    // A look-alike domain is shown as the notice gives it, with a word.
    if seen.as_deref().is_some_and(script::has_lookalikes) {
        warnings.add("warning.mixed-script-domain");
    }
    // So is an address with a stray dot (`neko@example..org`).
    if seen.as_deref().is_some_and(crate::grammar::address::is_malformed) {
        warnings.add("warning.malformed-address");
    }
    Recipient {
        address: shown.map(Cow::into_owned),
        address_masked: record.masked || local_masked,
        action: Action::settled(record.action, reason, permanent),
        status,
        status_inferred,
        reply_code,
        command: record.command,
        remote_host: record.remote_host.clone(),
        remote_ip: record.remote_ip.clone(),
        remote_provider: None,
        diagnostic: record.diagnostic.clone(),
        reason,
        reason_group: reason.merged_name(),
        reason_title: String::new(),
        hard_bounce: hard_bounce && !hidden_in_address,
        permanent,
        evidence,
        blocklist,
        policy,
        listings,
        status_meaning: status.and_then(|s| match status_inferred {
            true => Some(inferred_meaning(s, lang)),
            false => {
                let hosts = [
                    record.remote_host.as_deref(),
                    source.reporting_mta.as_deref(),
                ];
                status_meaning_in(s, &hosts, diagnostic, lang)
            }
        }),
        reply_meaning: reply_code.and_then(|c| reply_meaning(c, lang)),
        feedback_type: record.feedback_type.clone(),
        attempts: record.attempts.clone(),
        queue_id: record.queue_id.clone(),
        sender: record.sender.clone(),
    }
}

fn kind(notice: &Notice, recipients: &[Recipient]) -> Kind {
    if recipients.is_empty() {
        return Kind::NotABounce;
    }
    let all = |f: &dyn Fn(&Recipient) -> bool| recipients.iter().all(f);
    if notice.feedback_report.is_some()
        || all(&|r| r.reason == Reason::Feedback)
    {
        Kind::FeedbackReport
    } else if all(&|r| r.reason == Reason::Vacation) {
        Kind::AutoReply
    } else if all(&|r| r.reason == Reason::Delivered) {
        Kind::Delivered
    } else if all(&|r| !r.permanent) {
        // Every failure is one the sending server still retries ("Action:
        // failed" with a 4.x.x status is final: the queue gave up).
        Kind::Delay
    } else {
        Kind::Bounce
    }
}

fn original(notice: &Notice) -> Original {
    let Some(head) = &notice.original else { return Original::default() };
    let [from, to, subject, message_id, date] =
        header_fields(head, ["from", "to", "subject", "message-id", "date"]);
    // The subject is how a user knows which email came back: its
    // encoded words (RFC 2047, what mail apps write for any character
    // beyond ASCII) are decoded; hidden characters are shown later.
    let subject = subject.map(|raw| decoded_words(&raw).unwrap_or(raw));
    Original { from, to, subject, message_id, date }
}

/// An unfolded header value with its encoded words (RFC 2047) decoded
/// from their charset; `None` when it holds none or reads as nothing.
fn decoded_words(raw: &str) -> Option<String> {
    if !raw.contains("=?") {
        return None;
    }
    let mut line = String::with_capacity(raw.len() + 1);
    line.push_str(raw);
    line.push('\n');
    mime::unstructured(line.as_bytes()).filter(|v| !v.trim().is_empty())
}

/// The unfolded value of the first field of each name in a raw header
/// block, all read in one pass; `None` for a field that is missing or
/// empty.
fn header_fields<const N: usize>(
    head: &str,
    names: [&str; N],
) -> [Option<String>; N] {
    let mut values: [Option<String>; N] = std::array::from_fn(|_| None);
    let mut seen = [false; N];
    let mut lines = input::lines(head);
    while let Some(line) = lines.next() {
        let Some((n, v)) = line.split_once(':') else { continue };
        let n = n.trim();
        let Some(i) =
            (0..N).find(|&i| !seen[i] && n.eq_ignore_ascii_case(names[i]))
        else {
            continue;
        };
        seen[i] = true;
        let mut value = v.trim().to_string();
        // Folded lines are read ahead, not taken: every line is looked
        // at as a field of its own too.
        for next in lines.clone().take_while(|l| l.starts_with([' ', '\t'])) {
            value.push(' ');
            value.push_str(next.trim());
        }
        values[i] = Some(value).filter(|v| !v.is_empty());
        if seen.iter().all(|&s| s) {
            break;
        }
    }
    values
}
