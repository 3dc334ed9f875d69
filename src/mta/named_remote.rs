// SPDX-License-Identifier: MIT
//! The receiving server a pasted notice names outside the place its
//! family reads it from, for a paste's one recipient whose record has
//! none: a `Remote-MTA:` field that webmail shows below Exchange's text,
//! Google's sentence quoted in another notice, Exim's `host` line at
//! the top of a block pasted without its preamble, or a session
//! transcript's connection to a server of the recipient's own domain.
//!
//! ```text
//! Remote-MTA: dns; mx.example.org
//! … rejected by the server for the recipient domain example.org by mx.example.org. [192.0.2.1].
//! host mx.example.org [192.0.2.1]
//! … Attempting SMTP connection to [mx.example.org]
//! ```

use super::layout;
use crate::grammar::host::{is_host_name, Host};
use crate::notice::Notice;
use crate::record::Record;

/// Fills the remote server of a notice's one record when the record has
/// none: what a paste that names no other address names ([`named`]),
/// else, in any notice, a transcript's connection to a server of the
/// recipient's own domain ([`transcript`]).
pub fn fill(notice: &Notice, records: &mut [Record]) {
    let [record] = records else { return };
    if record.remote_host.is_some() || record.remote_ip.is_some() {
        return;
    }
    let text = &notice.body;
    let own = record.address.as_deref().unwrap_or("");
    // Where the paste names other addresses, the server it names may
    // be another recipient's (a second notice pasted beside this one).
    let alone = || {
        !crate::grammar::address::find_addresses(text)
            .into_iter()
            .any(|(_, a)| !a.eq_ignore_ascii_case(own))
    };
    let host = if notice.fragment && alone() { named(text) } else { None };
    layout::set_remote(record, host.or_else(|| transcript(text, own)));
}

/// MDaemon's `Attempting SMTP connection to [mx.example.org]` in a
/// session transcript, when the host is in the recipient's own domain
/// (`own`, the address): that recipient's server, even where the
/// transcript names other addresses (its `From:` and `To:` lines).
fn transcript(text: &str, own: &str) -> Option<Host> {
    const LINE: &str = "smtp connection to ";
    let at = layout::find_ignore_case(text, LINE)?;
    let value = layout::line_at(&text[at + LINE.len()..], 0);
    let name = value.trim().trim_matches(|c| c == '[' || c == ']');
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let domain = own.rsplit_once('@')?.1.to_ascii_lowercase();
    let in_domain = name == domain
        || name.strip_suffix(&domain).is_some_and(|h| h.ends_with('.'));
    (is_host_name(&name) && in_domain)
        .then_some(Host { name: Some(name), ip: None })
}

/// The server the text names, by the first of the three ways that
/// finds one.
fn named(text: &str) -> Option<Host> {
    remote_mta(text)
        .or_else(|| google_sentence(text))
        .or_else(|| exim_host_line(text))
}

/// `Remote-MTA: dns; mx.example.org`, when the text has one only.
fn remote_mta(text: &str) -> Option<Host> {
    const FIELD: &str = "remote-mta:";
    let at = layout::find_ignore_case(text, FIELD)?;
    let rest = &text[at + FIELD.len()..];
    if layout::find_ignore_case(rest, FIELD).is_some() {
        return None;
    }
    let value = layout::line_at(rest, 0);
    let name = value.rsplit(';').next()?.trim().trim_end_matches('.');
    is_host_name(name)
        .then(|| Host { name: Some(name.to_ascii_lowercase()), ip: None })
}

/// Google's `rejected by the server for the recipient domain
/// example.org by mx.example.org. [192.0.2.1].`
fn google_sentence(text: &str) -> Option<Host> {
    const SENTENCE: &str = "for the recipient domain ";
    let at = layout::find_ignore_case(text, SENTENCE)?;
    layout::host_after(&text[at + SENTENCE.len()..], " by ")
}

/// Exim's `host mx.example.org [192.0.2.1]` on a line of its own.
fn exim_host_line(text: &str) -> Option<Host> {
    layout::lines(text).find_map(|line| {
        let spec = line.trim_start().strip_prefix("host ")?;
        let host = layout::host_after(spec, "")?;
        host.ip.is_some().then_some(host)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(text: &str) -> Record {
        let notice = Notice::fragment(text.to_string());
        let address = Some("neko@example.org".to_string());
        let mut records = vec![Record { address, ..Record::default() }];
        fill(&notice, &mut records);
        records.pop().unwrap_or_default()
    }

    #[test]
    fn reads_each_way_of_naming_the_server() {
        let r = filled("Remote Server returned '554 5.7.1 no'\nRemote-MTA: dns; mx1.example.org\n");
        assert_eq!(r.remote_host.as_deref(), Some("mx1.example.org"));
        let r = filled(
            "rejected by the server for the recipient domain \
                        example.org by mx.example.org. [192.0.2.1].\n",
        );
        assert_eq!(r.remote_ip.as_deref(), Some("192.0.2.1"));
        let r = filled(
            "neko@example.org\nhost mx.example.org [192.0.2.1]\n550 no\n",
        );
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
    }

    #[test]
    fn a_paste_that_names_other_addresses_is_left_alone() {
        let r = filled(
            "neko@example.org\nRemote Server returned '550 no'\n\n\
                        tora@example.net\nhost mx.example.net [192.0.2.2]\n",
        );
        assert_eq!((r.remote_host, r.remote_ip), (None, None));
    }

    #[test]
    fn a_transcript_names_the_server_of_the_recipient_domain() {
        let r = filled(
            "*  From: tora@example.net\n\
             Attempting SMTP connection to [mx.example.org]\n\
             <<< 550 5.7.1 Relay access denied\n",
        );
        assert_eq!(r.remote_host.as_deref(), Some("mx.example.org"));
        let r = filled(
            "*  From: tora@example.net\n\
             Attempting SMTP connection to [smarthost.example.net]\n",
        );
        assert_eq!(r.remote_host, None);
    }

    #[test]
    fn a_host_in_prose_is_no_server() {
        let r = filled("The host is down, ask the host admin.\n");
        assert_eq!((r.remote_host, r.remote_ip), (None, None));
    }
}
