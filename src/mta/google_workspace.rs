// SPDX-License-Identifier: MIT
//! Google Workspace (and Gmail) notices whose delivery-status part is
//! empty: the failed address is in `X-Failed-Recipients:` and the words
//! after a headline:
//!
//! ```text
//! ** Message not delivered **
//!
//! You're sending this from a different address or alias using the
//! 'Send mail as' feature. …
//!
//! The response was:
//! Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise
//! AUTH capability
//! ```
//!
//! Notices with a filled delivery-status part are left to RFC 3464.

use super::{layout, Family};
use crate::grammar::address::find_addresses;
use crate::grammar::host::{is_host_name, parse_ip, Host};
use crate::grammar::postfix::one_line;
use crate::notice::Notice;
use crate::record::Record;

/// The Google Workspace family.
pub const FAMILY: Family = Family {
    id: "google-workspace",
    claims,
    extract,
    words: Some(claim_words),
};

/// Domains of Google's consumer mailboxes, whose notices are Gmail's.
const GMAIL_DOMAINS: &[&str] = &["gmail.com", "googlemail.com"];

/// The format of a notice in Google's layout: `"google-workspace"` only
/// when the sender (the notice's `To:`, as its header or as the header
/// lines a paste opens with, else the returned message's `From:`) is at
/// a domain other than Gmail's, which only a Google Workspace customer
/// sends from; `"gmail"` for a Gmail sender, and for a paste that does
/// not say who sent it (the layout is Gmail's in both cases).
pub fn format(notice: &Notice) -> &'static str {
    let returned_from = || layout::field(notice.original.as_deref()?, "from");
    let sender = notice
        .header("to")
        .or_else(|| pasted_to(&notice.body))
        .or_else(returned_from)
        .and_then(crate::grammar::address::find_address);
    let domain = sender.and_then(|a| a.rsplit_once('@')).map(|(_, d)| d);
    match domain {
        Some(d) if !GMAIL_DOMAINS.iter().any(|g| d.eq_ignore_ascii_case(g)) => {
            FAMILY.id
        }
        _ => super::gmail::FAMILY.id,
    }
}

/// The `To:` of the header lines a paste opens with, before the
/// headline, when they are the notice's own (they name Google's
/// mailer-daemon): the address the notice went to, the sender of the
/// failed mail. A webmail's "To: me" names no address.
///
/// ```text
/// From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
/// To: kasir@example.com
///
/// ** Message not delivered **
/// ```
fn pasted_to(body: &str) -> Option<&str> {
    let block = &body[..headline(body)?];
    let own = layout::find_ignore_case(block, "mailer-daemon@").is_some();
    let to = || layout::field(block, "to").or(layout::field(block, "kepada"));
    own.then(to).flatten()
}

/// Gmail's headlines, between double asterisks; in English and as
/// Gmail shows them in Indonesian.
pub(crate) const HEADLINES: &[&str] = &[
    "Message not delivered",
    "Address not found",
    "Message blocked",
    "Delivery incomplete",
    "Domain not found",
    "Alamat tidak ditemukan",
    "Domain tidak ditemukan",
    "Pesan tidak terkirim",
    "Pesan diblokir",
    "Pengiriman tertunda",
];

/// Gmail's sentences that name the recipient, each just before its
/// address.
///
/// ```text
/// Your message wasn't delivered to neko@example.org because …
/// Your message couldn't be delivered to neko@example.org because …
/// There was a temporary problem delivering your message to neko@…
/// Pesan Anda tidak terkirim ke neko@example.org karena …
/// Your message to neko@example.org has been blocked. …
/// Pesan Anda ke neko@example.org telah diblokir. …
/// Terjadi masalah sementara saat mengirim pesan Anda ke neko@…
/// ```
const NAMES_RECIPIENT: &[&str] = &[
    "wasn't delivered to ",
    "couldn't be delivered to ",
    "delivering your message to ",
    "tidak terkirim ke ",
    "Your message to ",
    "Pesan Anda ke ",
    "mengirim pesan Anda ke ",
];

/// The words before the remote server's answer, in English and as
/// Gmail shows them in Indonesian.
const RESPONSE: &[&str] = &[
    "The response was:",
    "The response from the remote server was:",
    "Respons dari server jarak jauh adalah:",
    "Tanggapan dari server jarak jauh adalah:",
    // Gmail's web interface in Indonesian (fresh14 #2).
    "Responsnya adalah:",
];

/// Lines that start the returned message.
const ORIGINAL: &[&str] = &["----- Original message -----", "----- Message"];

/// The line of the headline: between double asterisks in Gmail's text
/// part, alone on its line where webmail shows the HTML part.
fn headline(text: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim().trim_matches(['*', ' ']);
        if HEADLINES.contains(&t) {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    HEADLINES.to_vec()
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    // A headline alone on its line, with Gmail's asterisks, its words
    // before the server's answer, or its sentence naming the recipient
    // (webmail shows a short notice without the other two).
    let headline = headline(body).is_some()
        && (layout::has(body, "**")
            || RESPONSE.iter().any(|r| layout::has(body, r))
            || delivered_to(body).is_some());
    // The fields of the delivery-status part, which `status_fields` reads
    // once for every family.
    headline
        && (notice.delivery_status.is_none()
            || notice.status_fields().recipients.is_empty())
}

/// A record for each failed address.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = rejoined(&notice.body);
    let text = layout::before_line(&body, ORIGINAL);
    // A paste may open with the notice's own header lines (its `To:`
    // is the sender of the failed mail): the returned message's headers
    // are looked for after the headline only.
    let Some(at) = headline(text) else { return Vec::new() };
    let text = layout::before_headers(&text[at..]);
    let failed = notice.header("x-failed-recipients").unwrap_or("");
    let mut addrs: Vec<&str> =
        find_addresses(failed).into_iter().map(|(_, a)| a).collect();
    if addrs.is_empty() {
        addrs = delivered_to(text).into_iter().collect();
    }
    if addrs.is_empty() {
        // A pasted notice has no `X-Failed-Recipients:`; the returned
        // message's `To:` names the recipient.
        let original = notice.original.as_deref().unwrap_or(&notice.body);
        addrs = layout::field(original, "to")
            .and_then(|to| find_addresses(to).first().map(|(_, a)| *a))
            .into_iter()
            .collect();
    }
    let host = answering_host(text);
    addrs
        .into_iter()
        .map(|a| {
            let mut record = layout::record(a, text);
            // The server's words are the response; Google's own prose
            // above it is read with them, not quoted as theirs.
            if let Some((prose, response)) = response(text) {
                record.diagnostic = Some(one_line(response));
                record.context = Some(one_line(prose));
            } else {
                layout::words_cut_short(&mut record);
            }
            if let Some(host) = &host {
                record.remote_host.clone_from(&host.name);
                record.remote_ip.clone_from(&host.ip);
            }
            record
        })
        .collect()
}

/// The text before the words that introduce the remote server's
/// response, and the response, when there is one.
fn response(text: &str) -> Option<(&str, &str)> {
    let (at, len) = RESPONSE
        .iter()
        .filter_map(|r| layout::find(text, r).map(|at| (at, r.len())))
        .min()?;
    let response = &text[at + len..];
    // What webmail shows of a whole notice goes on with the fields of
    // its delivery-status part, which are not the server's words.
    let end = ["\nReporting-MTA:", "\nFinal-Recipient:"]
        .iter()
        .filter_map(|f| response.find(f))
        .min()
        .unwrap_or(response.len());
    let response = response[..end].trim();
    (!response.is_empty()).then(|| (&text[..at], response))
}

/// The server Google tried, from the bracketed tag that ends its
/// response: a host name (with its root dot) and an IP address, then
/// what happened, when both are there.
///
/// ```text
/// The recipient server did not accept our requests to connect. … [mx.example.org. 192.0.2.1: timed out]
/// ```
fn answering_host(text: &str) -> Option<Host> {
    let (_, response) = response(text)?;
    let open = response.rfind('[')?;
    let inside = &response[open + 1..];
    let inside = &inside[..inside.find(']')?];
    let (server, _) = inside.split_once(": ")?;
    let mut words = server.split_whitespace();
    let (name, ip) = (words.next()?, words.next()?);
    let host = Host {
        name: is_host_name(name)
            .then(|| name.trim_end_matches('.').to_ascii_lowercase()),
        ip: parse_ip(ip),
    };
    (words.next().is_none() && host.name.is_some() && host.ip.is_some())
        .then_some(host)
}

/// `text` with an address a webmail copy broke before its `@` put
/// together again: a line that ends with a word and a next line that
/// starts with `@domain`.
///
/// ```text
/// Your message wasn't delivered to neko.tama
/// @example.org because the address couldn't be found,
/// ```
fn rejoined(text: &str) -> std::borrow::Cow<'_, str> {
    let broken = |(at, _): &(usize, &str)| {
        let before = text[..*at].trim_end_matches('\r').chars().next_back();
        let after = text[at + 2..].chars().next();
        before.is_some_and(|c| c.is_ascii_alphanumeric() || "._-+".contains(c))
            && after.is_some_and(|c| c.is_ascii_alphanumeric())
    };
    let breaks: Vec<usize> = text
        .match_indices("\n@")
        .filter(|m| m.0 > 0)
        .filter(broken)
        .map(|(at, _)| at)
        .collect();
    if breaks.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for at in breaks {
        out.push_str(text[from..at].trim_end_matches('\r'));
        from = at + 1;
    }
    out.push_str(&text[from..]);
    std::borrow::Cow::Owned(out)
}

/// The address one of [`NAMES_RECIPIENT`] names, right after it.
fn delivered_to(text: &str) -> Option<&str> {
    let (at, len) = NAMES_RECIPIENT
        .iter()
        .filter_map(|w| layout::find(text, w).map(|at| (at, w.len())))
        .min()?;
    let near = layout::head(&text[at..], len + 320);
    let (start, address) = find_addresses(near).into_iter().next()?;
    let after = &near[start + address.len()..];
    (start <= len + 1).then_some(unemphasised(address, after))
}

/// An address without the `*…*` or `_…_` that a plain-text copy of
/// Gmail's bold address (a forward, a paste) puts around it: `*` and
/// `_` may stand in a local part, so the address takes the opening one.
///
/// ```text
/// *purchasing@example.org* -> purchasing@example.org
/// _purchasing@example.org_ -> purchasing@example.org
/// ```
fn unemphasised<'a>(address: &'a str, after: &str) -> &'a str {
    for mark in ['*', '_'] {
        let Some(inner) = address.strip_prefix(mark) else { continue };
        let inner = inner.trim_start_matches(mark);
        if let Some(inner) = inner.strip_suffix(mark) {
            return inner.trim_end_matches(mark);
        }
        if after.starts_with(mark) {
            return inner;
        }
    }
    address
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_emphasised_address_is_the_address() {
        for (body, mark) in [("*", "*"), ("**", "**"), ("_", "_")] {
            let text = format!(
                "Address not found\nYour message wasn't delivered to \
                 {body}neko@example.org{mark} because the address couldn't \
                 be found.\n"
            );
            assert_eq!(delivered_to(&text), Some("neko@example.org"), "{text}");
        }
    }

    #[test]
    fn reads_what_webmail_shows() {
        let body = "Address not found\n\nYour message wasn't delivered to \
                    neko@example.org because the address couldn't be \
                    found.\n\nThe response from the remote server was:\n\
                    550 5.1.1 No such user\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        assert_eq!(extract(&notice)[0].reply_code, Some(550));
    }

    #[test]
    fn reads_a_problem_delivering() {
        let body = "Message not delivered\nThere was a problem delivering \
                    your message to neko@example.org. See the technical \
                    details below.\nThe response was:\nThe recipient server \
                    did not accept our requests to connect. [mx.example.org. \
                    192.0.2.1: timed out]\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.1"));
        let words = r.diagnostic.as_deref().unwrap_or("");
        assert!(words.starts_with("The recipient server did not"), "{words}");
    }

    #[test]
    fn reads_a_short_paste_in_indonesian() {
        let body = "Alamat tidak ditemukan\n\nPesan Anda tidak terkirim ke \
                    neko@example.org karena alamat tersebut tidak \
                    ditemukan.\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
    }

    #[test]
    fn a_headline_alone_is_not_gmail() {
        let body = "Message not delivered\n\nSee neko@example.org.\n";
        assert!(!claims(&Notice::fragment(body.to_string())));
    }

    #[test]
    fn reads_a_fragment() {
        let body = "** Address not found **\n\nYour message wasn't delivered \
                    to neko@example.org because the address couldn't be \
                    found.\n\nThe response was:\n\n550 5.1.1 The email account \
                    that you tried to reach does not exist.\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let r = &extract(&notice)[0];
        assert_eq!(r.address.as_deref(), Some("neko@example.org"));
        assert_eq!(r.reply_code, Some(550));
    }
}
