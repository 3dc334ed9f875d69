// SPDX-License-Identifier: MIT
//! Microsoft Exchange Server 2007 and later, Exchange Online
//! (Microsoft 365) and Outlook.com non-delivery reports. The words for
//! people are in the sender's language; the part for administrators
//! keeps the same shape in every language:
//!
//! ```text
//! Diagnostic information for administrators:
//!
//! Generating server: mx1.example.com
//! Receiving server: mx.example.org (192.0.2.1)
//!
//! neko@example.org
//! Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
//! ```
//!
//! In a translated report the reply line is a sentence of the sender's
//! language around the quoted reply, and the labels are translated too:
//!
//! ```text
//! Empfangender Server: mx.example.org (192.0.2.1)
//!
//! neko@example.org
//! Der Remoteserver hat „550 5.1.1 User unknown“ zurückgegeben.
//! ```
//!
//! Older servers write the reply between `#` and `##`:
//!
//! ```text
//! neko@example.org
//! #550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##
//! ```
//!
//! and a retry history names the remote server on each line:
//!
//! ```text
//! 1/2/2024 3:04:05 AM - Remote Server at mx.example.org (192.0.2.1) returned '550 4.4.7 QUEUE.Expired; message expired'
//! ```

use std::cell::RefCell;

use super::{layout, Family};
use crate::grammar::address::find_address;
use crate::grammar::host::{parse_host, Host};
use crate::grammar::reply::parse_reply;
use crate::lowercase::Lowercase;
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::{Action, Record};

/// The Exchange family.
pub const FAMILY: Family =
    Family { id: "exchange", claims, extract, words: Some(claim_words) };

/// Words that start a reply line in the administrators' part.
const RETURNED: &[&str] =
    &["Remote Server returned '", "Remote server returned '"];

/// Words of a retry-history line, before the remote host.
const AT: &str = "Remote Server at ";

/// "Remote server" in the reply line of the administrators' part, in the
/// languages Microsoft translates it to (lowercase): English, German,
/// French, Spanish and Portuguese, Italian, Dutch, Indonesian, Swedish.
const REMOTE_SERVER: &[&str] = &[
    "remote server",
    "remoteserver",
    "serveur distant",
    "servidor remoto",
    "server remoto",
    "externe server",
    "server jarak jauh",
    "fjärrserver",
];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    // `administrators_part` lowercases the body as Unicode does.
    let mut words: Vec<&str> =
        REMOTE_SERVER.iter().map(|w| super::words::lowercased(w)).collect();
    words.extend(["##", "couldn't be delivered", "tidak dapat dikirim"]);
    // The leads `delayed_alone` reads a delay warning by.
    words.extend([DELAYED[3], DELAYED[0]]);
    words
}

thread_local! {
    /// The body in which `claims` last found records, and the records:
    /// extraction follows a claim at once, and reading the notice again
    /// cost as much as the claim. Records depend on the body alone, so
    /// an equal body gives the same.
    static CLAIMED: RefCell<Option<(String, Vec<Record>)>> =
        const { RefCell::new(None) };
}

fn claims(notice: &Notice) -> bool {
    let records = read(notice);
    if records.is_empty() {
        return false;
    }
    CLAIMED.with_borrow_mut(|c| *c = Some((notice.body.clone(), records)));
    true
}

/// Sentences of a delay warning (Exchange Online, Outlook.com and
/// Exchange Server on premises): the server still retries.
///
/// ```text
/// Delivery is delayed to these recipients or groups:
/// This message hasn't been delivered yet. Delivery will continue to be attempted.
/// Delivery to the following recipients has been delayed.
/// ```
const DELAYED: &[&str] = &[
    "Delivery is delayed to these recipients",
    "hasn't been delivered yet",
    "Delivery will continue to be attempted",
    "Delivery to the following recipients has been delayed",
];

/// A record for each address line followed by a reply line, delayed
/// when the report is a delay warning.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let claimed = CLAIMED
        .with_borrow_mut(|c| c.take_if(|(body, _)| *body == notice.body));
    claimed.map_or_else(|| read(notice), |(_, records)| records)
}

/// [`extract`]'s records, read from the notice's body.
fn read(notice: &Notice) -> Vec<Record> {
    let delayed = layout::contains_any(&notice.body, DELAYED);
    let mut records = administrators_part(notice, delayed);
    if records.is_empty() {
        records = couldnt_be_delivered(&notice.body)
            .or_else(|| returned_to_alone(&notice.body))
            .into_iter()
            .collect();
    }
    if records.is_empty() && delayed {
        records = delayed_alone(&notice.body);
    }
    if delayed {
        for record in &mut records {
            record.action = Some(Action::Delayed);
        }
    }
    records
}

/// The recipients of a delay warning without the administrators' part:
/// the address lines below its sentence, up to the subject. An
/// on-premises warning names no reply; one of Exchange Online may keep
/// its retry history, whose last line names the cause and the host.
///
/// ```text
/// Delivery to the following recipients has been delayed.
///
///        neko@example.org
///
/// Subject: hello
/// ```
///
/// ```text
/// Delivery is delayed to these recipients or groups:
///
/// neko@example.org
///
/// Subject: hello
/// …
/// 1/2/2024 3:04:05 AM - Remote Server at mx.example.org (192.0.2.1) returned '441 4.4.1 …'
/// ```
fn delayed_alone(body: &str) -> Vec<Record> {
    let leads = [DELAYED[3], DELAYED[0]];
    let Some(at) = leads.iter().find_map(|lead| layout::find(body, lead))
    else {
        return Vec::new();
    };
    let history = layout::lines(body)
        .filter(|l| l.contains(AT))
        .filter_map(|l| reply_line(l.trim()))
        .last();
    layout::lines(&body[at..])
        .skip(1)
        .map(str::trim)
        .take_while(|l| !l.starts_with("Subject:"))
        .filter_map(layout::address_line)
        .take(crate::input::MAX_RECIPIENTS + 1)
        .map(|addr| match &history {
            Some((reply, host)) => {
                let mut record = layout::record(addr, relayed(reply));
                layout::set_remote(&mut record, host.clone());
                record
            }
            None => {
                let mut record = layout::record(addr, "");
                record.reason = Some((Reason::Expired, "exchange.delayed"));
                record.status = crate::settle::stand_in(Reason::Expired, true);
                record
            }
        })
        .collect()
}

/// A reply line copied without the address line above it, when the
/// returned message's headers below it name one recipient: the reply is
/// that recipient's, whatever address the reply itself quotes (an
/// anti-spoofing rejection quotes the sender).
///
/// ```text
/// Remote Server returned '550 Rejected by header based Anti-Spoofing policy: tora@example.com'
/// Original message headers:
/// To: neko@example.org
/// ```
fn returned_to_alone(body: &str) -> Option<Record> {
    let lines: Vec<&str> = layout::lines(body).map(str::trim).collect();
    let (reply, host) = lines.iter().find_map(|l| {
        RETURNED.iter().any(|r| l.contains(r)).then(|| reply_line(l)).flatten()
    })?;
    let heading =
        lines.iter().position(|l| l.starts_with("Original message headers"))?;
    let to = lines[heading + 1..]
        .iter()
        .take_while(|l| !l.is_empty())
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("to").then_some(value)
        })?;
    let [(_, addr)] = crate::grammar::address::find_addresses(to)[..] else {
        return None;
    };
    let mut record = layout::record(addr, relayed(&reply));
    layout::set_remote(&mut record, host);
    Some(record)
}

/// What Microsoft 365 and Outlook say to people when the administrators'
/// part was not copied: the recipient and the sentences about it.
///
/// ```text
/// Your message to neko@example.org couldn't be delivered.
///
/// neko wasn't found at example.org.
/// ```
///
/// ```text
/// Your message couldn't be delivered to neko@example.org because the
/// remote server is misconfigured.
/// ```
///
/// and in Indonesian:
///
/// ```text
/// Pesan Anda ke neko@example.org tidak dapat dikirim.
/// ```
fn couldnt_be_delivered(body: &str) -> Option<Record> {
    let mut lines = layout::lines(body).map(str::trim);
    let lead = lines.find(|l| {
        (l.starts_with("Your message ") && l.contains("couldn't be delivered"))
            || (l.starts_with("Pesan Anda ke ")
                && l.contains("tidak dapat dikirim"))
    })?;
    let addr = find_address(lead)?;
    // The lead's own words after the address: "… because the remote
    // server is misconfigured."
    let after = match lead.find(addr) {
        Some(at) if lead.contains("delivered to ") => &lead[at + addr.len()..],
        _ => "",
    };
    let after = after.trim_start_matches(['>', '.', ' ']);
    let words: Vec<&str> = std::iter::once(after)
        .chain(lines)
        .filter(|l| !l.is_empty())
        .take_while(|l| !l.starts_with("Original message headers"))
        .take(4)
        .collect();
    let words = words.join("\n");
    let record = match error_details(body) {
        Some(details) => {
            let text = match details.reply {
                Some(reply) => reply,
                None => {
                    format!("{} {words}", details.status.unwrap_or_default())
                }
            };
            let mut record = layout::record(addr, text.trim());
            layout::set_remote(&mut record, details.rejected_by);
            record
        }
        None => layout::record(addr, &words),
    };
    Some(record)
}

/// What the details for administrators of a newer Microsoft 365 report
/// give, each a label and a value:
///
/// ```text
/// More Info for Email Admins
/// Status code: 550 5.1.10
/// …
/// Error Details
/// Error: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup
/// Message rejected by: AB1PR01MB0001.eurprd01.prod.outlook.com
/// ```
///
/// The newest layout says `Reported error:`, names the server that
/// wrote the report and the one that refused, and may quote the reply
/// as the older report did:
///
/// ```text
/// Error Details
/// Remote server returned '550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; …'
/// Reported error: 550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; …
/// DSN generated by: AB1PR01MB0001.eurprd01.prod.outlook.com
/// Remote server: mx.example.org
/// ```
///
/// Copied from webmail, a label's value may stand on the next line, and
/// lines may be joined, several labels to a line.
struct ErrorDetails {
    /// The `Reported error:` or `Error:` line's reply, when it starts
    /// with codes, else the quoted reply of `Remote server returned`.
    reply: Option<String>,
    /// The `Status code:` line's codes.
    status: Option<String>,
    /// The server the `Message rejected by:` or `Remote server:` line
    /// names.
    rejected_by: Option<Host>,
    /// The server the `DSN generated by:` line names.
    generated_by: Option<String>,
}

/// What a label of the error details gives.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    Reply,
    Status,
    RejectedBy,
    GeneratedBy,
}

/// The labels of the error details, each before a colon.
const DETAILS: &[(&str, Detail)] = &[
    ("Reported error", Detail::Reply),
    ("Error", Detail::Reply),
    ("Status code", Detail::Status),
    ("Message rejected by", Detail::RejectedBy),
    ("Remote server", Detail::RejectedBy),
    ("DSN generated by", Detail::GeneratedBy),
];

/// Headings and labels of the report that end a value when webmail
/// joined its lines.
const DETAIL_ENDS: &[&str] = &[
    "Error Details",
    "Original Message Details",
    "Notification Details",
    "Message Hops",
    "Sending server:",
    "Sender Address:",
    "Recipient Address:",
    "Created Date:",
    "Remote server returned",
    "Remote Server returned",
];

fn error_details(body: &str) -> Option<ErrorDetails> {
    let mut details = ErrorDetails {
        reply: None,
        status: None,
        rejected_by: None,
        generated_by: None,
    };
    let with_codes =
        |value: &str| parse_reply(value).is_some_and(|r| r.status.is_some());
    for (detail, value) in labelled(body) {
        match detail {
            Detail::Reply if details.reply.is_none() && with_codes(value) => {
                details.reply = Some(value.to_string());
            }
            Detail::Status if details.status.is_none() && with_codes(value) => {
                details.status = Some(value.to_string());
            }
            Detail::RejectedBy if details.rejected_by.is_none() => {
                details.rejected_by = named_host(value);
            }
            Detail::GeneratedBy if details.generated_by.is_none() => {
                details.generated_by = named_host(value).and_then(|h| h.name);
            }
            _ => {}
        }
    }
    if details.reply.is_none() {
        details.reply = layout::lines(body)
            .filter(|l| RETURNED.iter().any(|r| l.contains(r)))
            .filter_map(|l| reply_line(l.trim()))
            .map(|(reply, _)| reply)
            .find(|reply| with_codes(reply));
    }
    (details.reply.is_some() || details.status.is_some()).then_some(details)
}

/// The host a value names, when it is a host name or an address and
/// nothing more.
fn named_host(value: &str) -> Option<Host> {
    let spec = value.split_whitespace().next()?;
    if spec.contains(['@', '\'']) {
        return None;
    }
    let host = parse_host(spec.trim_matches(['[', ']']));
    (host.name.is_some() || host.ip.is_some()).then_some(host)
}

/// Each labelled value of the error details, in the order of the text:
/// the words after a label's colon up to the next label or heading, or
/// when none follow on its line, the next line that is not empty.
fn labelled(body: &str) -> Vec<(Detail, &str)> {
    let lines: Vec<&str> = layout::lines(body).collect();
    let mut found = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let labels = labels_in(line);
        for (k, &(detail, _, value_at)) in labels.iter().enumerate() {
            let end = labels.get(k + 1).map_or(line.len(), |l| l.1);
            let value = value_before_heading(&line[value_at..end]);
            let value = match value.trim() {
                "" => {
                    match lines[n + 1..].iter().find(|l| !l.trim().is_empty()) {
                        Some(next) if labels_in(next).is_empty() => next.trim(),
                        _ => continue,
                    }
                }
                value => value,
            };
            found.push((detail, value));
        }
    }
    found
}

/// The labels of a line: what each gives, where it starts and where its
/// value starts (after the colon). A label starts the line or follows
/// white space; the longest one wins (`Reported error` over `Error`).
fn labels_in(line: &str) -> Vec<(Detail, usize, usize)> {
    let mut labels = Vec::new();
    for (colon, _) in line.match_indices(':') {
        let before = line[..colon].trim_end();
        let label = DETAILS.iter().find_map(|&(label, detail)| {
            let start = before.len().checked_sub(label.len())?;
            let word = before.get(start..)?;
            let bounded = before[..start]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace);
            (word.eq_ignore_ascii_case(label) && bounded)
                .then_some((detail, start))
        });
        if let Some((detail, start)) = label {
            labels.push((detail, start, colon + 1));
        }
    }
    labels
}

/// A value cut before a heading or label of [`DETAIL_ENDS`].
fn value_before_heading(value: &str) -> &str {
    let end = DETAIL_ENDS
        .iter()
        .filter_map(|h| layout::find(value, h))
        .min()
        .unwrap_or(value.len());
    &value[..end]
}

/// Records of the administrators' part; in a delay warning, with the
/// last reply of the retry history below the reply line (which only says
/// `400 4.4.7 Message delayed`), since that one names the cause:
///
/// ```text
/// neko@example.org
/// Remote Server at mx.example.org (192.0.2.1) returned '400 4.4.7 Message delayed'
/// 1/2/2024 3:04:05 AM - Remote Server at mx.example.org (192.0.2.1) returned '441 4.4.1 … Failed to connect. Winsock error code: 10060 …'
/// ```
fn administrators_part(notice: &Notice, delayed: bool) -> Vec<Record> {
    let body = &notice.body;
    let lower = body.lowercase();
    let named = REMOTE_SERVER.iter().any(|w| lower.contains(w));
    if !named && !layout::has(body, "##") {
        return Vec::new();
    }
    let receiving = receiving_server(body);
    let lines: Vec<&str> = layout::lines(body).map(str::trim).collect();
    let mut records = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(addr) = layout::address_line(line) else { continue };
        if line.contains("mailto:") {
            continue;
        }
        let mut below = lines[i + 1..].iter().filter(|l| !l.is_empty());
        // Exchange Online may name the remote host on a line of its own
        // between the address and the reply.
        let mut next = below.next();
        let named = next.and_then(|l| host_alone(l));
        if named.is_some() {
            next = below.next();
        }
        let Some((mut reply, host)) = next.and_then(|l| reply_line(l)) else {
            continue;
        };
        let mut host = host.or(named);
        if delayed {
            let history = below
                .take_while(|l| l.contains(AT))
                .take(crate::input::MAX_RECIPIENTS)
                .filter_map(|l| reply_line(l))
                .last();
            if let Some((last, at)) = history {
                reply = last;
                host = at.or(host);
            }
        }
        let mut record = layout::record(addr, relayed(&reply));
        layout::set_remote(&mut record, host.or_else(|| receiving.clone()));
        records.push(record);
    }
    records
}

/// A line that is a host name and nothing else (`mx.example.org`).
fn host_alone(line: &str) -> Option<Host> {
    if line.contains(char::is_whitespace) || line.contains('@') {
        return None;
    }
    let host = parse_host(line);
    host.name.is_some().then_some(host)
}

/// The reply of a line in the administrators' part, and the remote host
/// the line names: `Remote Server returned '…'`, `#550 5.1.1 … ##`, or a
/// retry-history line.
fn reply_line(line: &str) -> Option<(String, Option<Host>)> {
    if let Some(at) =
        RETURNED.iter().find_map(|r| line.find(r).map(|i| i + r.len()))
    {
        return Some((quoted(&line[at..]), None));
    }
    if let Some(at) = line.find(AT) {
        let rest = &line[at + AT.len()..];
        let (host, reply) = rest.split_once(" returned '")?;
        return Some((quoted(reply), Some(parse_host(host))));
    }
    if let Some(reply) = quoted_reply(line) {
        return Some((reply, None));
    }
    let inner = line.strip_prefix('#')?;
    let end = inner.find("##").unwrap_or(inner.len());
    let inner = inner[..end].trim();
    inner
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| (inner.to_string(), None))
}

/// The remote server's own reply when Exchange Online wraps it in its
/// own words before `->`: the words after the arrow name the cause.
///
/// ```text
/// 550 5.7.350 Remote server returned message detected as spam -> 550 5.7.1 Service unavailable, Client host [192.0.2.7] blocked using Spamhaus
/// ```
fn relayed(reply: &str) -> &str {
    let Some((_, inner)) = reply.rsplit_once(" -> ") else { return reply };
    let inner = inner.trim();
    match parse_reply(inner) {
        Some(r) if r.status.is_some() => inner,
        _ => reply,
    }
}

/// Quote marks that open a quoted reply, each with the marks that may
/// close it: straight, German („…“), French («…»), English (“…”, ‘…’).
const QUOTES: &[(char, &[char])] = &[
    ('\'', &['\'']),
    ('"', &['"']),
    ('„', &['“', '”']),
    ('«', &['»']),
    ('“', &['”', '“']),
    ('‘', &['’']),
];

/// A reply quoted in a sentence of any language, as localized reports
/// write it, in any of the [`QUOTES`]:
///
/// ```text
/// Der Remoteserver hat „550 5.1.1 User unknown“ zurückgegeben.
/// El servidor remoto devolvió '550 5.1.1 User unknown'
/// ```
fn quoted_reply(line: &str) -> Option<String> {
    let (open, closers) = line.char_indices().find_map(|(i, c)| {
        QUOTES
            .iter()
            .find(|(o, _)| *o == c)
            .map(|(_, cl)| (i + c.len_utf8(), *cl))
    })?;
    let rest = &line[open..];
    let inner = match rest.rfind(closers) {
        Some(end) => &rest[..end],
        None => rest,
    };
    let inner = inner.trim();
    let reply = parse_reply(inner)?;
    reply.status.is_some().then(|| inner.to_string())
}

/// The text up to the closing quote.
fn quoted(text: &str) -> String {
    text.rsplit_once('\'').map_or(text, |(inner, _)| inner).to_string()
}

/// The server that wrote the report, from the administrators' part:
/// `Generating server: mx1.example.com` in English, the same shape in
/// other languages (`Serveur de génération : …`), on the line after the
/// part's heading.
///
/// ```text
/// Diagnostic information for administrators:
///
/// Generating server: AB1PR01MB0001.eurprd01.prod.exchangelabs.com
/// ```
///
/// The newest report names it in its error details instead:
///
/// ```text
/// DSN generated by: AB1PR01MB0001.eurprd01.prod.outlook.com
/// ```
pub fn generating_server(notice: &Notice) -> Option<String> {
    if administrators_part(notice, false).is_empty() {
        return error_details(&notice.body)?.generated_by;
    }
    layout::lines(&notice.body)
        .filter_map(server_line)
        .find_map(|spec| parse_host(spec).name)
}

/// `Receiving server: mx.example.org (192.0.2.1)`, in any language
/// (`Empfangender Server: …`, `Serveur de réception : …`): the server
/// line after the generating server's, when it names a host.
fn receiving_server(body: &str) -> Option<Host> {
    let mut lines =
        layout::lines(body).map(str::trim).filter(|l| !l.is_empty());
    lines.find(|l| server_line(l).is_some())?;
    let host = parse_host(server_line(lines.next()?)?);
    (host.name.is_some() || host.ip.is_some()).then_some(host)
}

/// The host spec of a `label: host` line whose label names a server in
/// any language (`Generating server`, `Serveur de génération`,
/// `Bronserver`): one to four words with "serv" in them.
fn server_line(line: &str) -> Option<&str> {
    let (label, spec) = line.trim().split_once(':')?;
    let label = label.trim().lowercase();
    let words = label.split_whitespace().count();
    let server =
        label.contains("serv") && !label.contains(['@', '<', '/', '\'', '"']);
    (server && (1..=4).contains(&words)).then(|| spec.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_administrators_part() {
        let body = "Your message to neko@example.org couldn't be delivered.\n\n\
                    Diagnostic information for administrators:\n\n\
                    Generating server: mx1.example.com\n\n\
                    neko@example.org\n\
                    Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; \
                    Recipient not found by SMTP address lookup'\n\n\
                    Original message headers:\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.10"));
    }

    #[test]
    fn a_claim_keeps_its_records_for_the_same_body_alone() {
        let body = "Diagnostic information for administrators:\n\n\
                    neko@example.org\n\
                    Remote Server returned '550 5.1.1 User unknown'\n";
        let notice = Notice::fragment(body.to_string());
        let read_alone = format!("{:?}", read(&notice));
        assert!(claims(&notice));
        let other = Notice::fragment(body.replace("neko@", "tora@"));
        let theirs = extract(&other);
        assert_eq!(theirs[0].address.as_deref(), Some("tora@example.org"));
        assert_eq!(format!("{:?}", extract(&notice)), read_alone);
        // Given once, then read again.
        assert_eq!(format!("{:?}", extract(&notice)), read_alone);
    }

    #[test]
    fn reads_the_history_of_a_short_delay_warning() {
        let body = "Delivery is delayed to these recipients or groups:\n\n\
                    neko@example.org\n\nSubject: hello\n\n\
                    This message hasn't been delivered yet.\n\
                    1/2/2026 5:01:22 AM - Remote Server at mx.example.org \
                    (192.0.2.1) returned '441 4.4.1 Error communicating with \
                    target host'\n";
        let r = &extract(&Notice::fragment(body.to_string()))[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.action, Some(Action::Delayed));
        assert_eq!(r.reply_code, Some(441));
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.1"));
    }

    #[test]
    fn reads_the_remote_host_line() {
        let body = "Delivery has failed to these recipients or groups:\n\n\
                    Diagnostic information for administrators:\n\n\
                    Generating server: mx1.example.com\n\n\
                    neko@example.org\n\
                    mx.example.org\n\
                    Remote Server returned '550 5.7.1 Go away'\n";
        let r = &extract(&Notice::fragment(body.to_string()))[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(r.reply_code, Some(550));
    }

    #[test]
    fn reads_the_error_details() {
        let body = "Your message to neko@example.org couldn't be delivered.\n\
                    neko wasn't found at example.org.\n\n\
                    More Info for Email Admins\n\
                    Status code: 550 5.1.10\n\n\
                    Error Details\n\
                    Error:\t550 5.1.10 RESOLVER.ADR.RecipientNotFound; not \
                    found by SMTP address lookup\n\
                    Message rejected by:\tmx2.example.com\n";
        let r = &extract(&Notice::fragment(body.to_string()))[0];
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.10"));
        assert_eq!(r.reply_code, Some(550));
        assert_eq!(r.remote_host.as_deref(), Some("mx2.example.com"));
        let body = body.replace("Error:", "Fehler:");
        let r = &extract(&Notice::fragment(body))[0];
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.1.10"));
    }

    #[test]
    fn reads_the_remote_reply_after_the_arrow() {
        let body = "Your message to neko@example.org couldn't be delivered.\n\n\
                    example.org suspects your message is spam and rejected it.\n\n\
                    Diagnostic information for administrators:\n\n\
                    Generating server: mx1.example.com\n\n\
                    neko@example.org\n\
                    Remote server returned '550 5.7.350 Remote server returned \
                    message detected as spam -> 550 5.7.1 Service unavailable, \
                    Client host [192.0.2.7] blocked using Spamhaus'\n\n\
                    Original message headers:\n";
        let r = &extract(&Notice::fragment(body.to_string()))[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.status.map(|s| s.to_string()).as_deref(), Some("5.7.1"));
        let words = r.diagnostic.as_deref().unwrap_or("");
        assert!(words.starts_with("550 5.7.1 Service unavailable"), "{words}");
        assert_eq!(relayed("550 5.1.1 a -> b"), "550 5.1.1 a -> b");
    }

    #[test]
    fn reads_what_outlook_shows() {
        let body = "Message not delivered\n\nYour message couldn't be \
                    delivered to neko@example.org because the remote server \
                    is misconfigured.\n";
        let r = &extract(&Notice::fragment(body.to_string()))[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        let words = r.diagnostic.as_deref().unwrap_or("");
        assert!(words.starts_with("because the remote server"), "{words}");
    }

    #[test]
    fn reads_a_localized_reply_line() {
        let (reply, _) = reply_line(
            "Der Remoteserver hat '550 5.1.1 RESOLVER.ADR.RecipNotFound; not \
             found' zurückgegeben.",
        )
        .unwrap();
        assert_eq!(reply, "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found");
        let (reply, _) = reply_line(
            "Der Remoteserver hat „550 5.1.1 User unknown“ zurückgegeben.",
        )
        .unwrap();
        assert_eq!(reply, "550 5.1.1 User unknown");
        let (reply, _) =
            reply_line("El servidor remoto devolvió ' 550 5.2.2 full '")
                .unwrap();
        assert_eq!(reply, "550 5.2.2 full");
    }

    #[test]
    fn reads_a_localized_receiving_server() {
        let body = "Serveur de génération : mx1.example.com\n\
                    Serveur de réception : mx.example.org (192.0.2.1)\n\n\
                    neko@example.org\n";
        let host = receiving_server(body).unwrap();
        assert_eq!(host.name.as_deref(), Some("mx.example.org"));
        assert_eq!(host.ip.as_deref(), Some("192.0.2.1"));
        let body = "Generating server: mx1.example.com\n\nneko@example.org\n";
        assert!(receiving_server(body).is_none());
    }

    #[test]
    fn reads_the_hash_form_and_the_history() {
        let hash =
            reply_line("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##");
        assert_eq!(
            hash.unwrap().0,
            "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"
        );
        let (reply, host) = reply_line(
            "1/2/2024 3:04:05 AM - Remote Server at mx.example.org (192.0.2.1) \
             returned '550 4.4.7 QUEUE.Expired; message expired'",
        )
        .unwrap();
        assert_eq!(reply, "550 4.4.7 QUEUE.Expired; message expired");
        let host = host.unwrap();
        assert_eq!(host.ip.as_deref(), Some("192.0.2.1"));
    }
}
