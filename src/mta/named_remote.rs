// SPDX-License-Identifier: MIT
//! The receiving server a pasted notice names outside the place its
//! family reads it from, for a paste's one recipient whose record has
//! none: a `Remote-MTA:` field that webmail shows below Exchange's text,
//! Google's sentence quoted in another notice, or Exim's `host` line at
//! the top of a block pasted without its preamble.
//!
//! ```text
//! Remote-MTA: dns; mx.example.org
//! … rejected by the server for the recipient domain example.org by mx.example.org. [192.0.2.1].
//! host mx.example.org [192.0.2.1]
//! ```

use super::layout;
use crate::grammar::host::{is_host_name, Host};
use crate::notice::Notice;
use crate::record::Record;

/// Fills the remote server of a pasted notice's one record when the
/// record has none and the paste, which names no other address, names
/// it ([`named`]).
pub fn fill(notice: &Notice, records: &mut [Record]) {
    let [record] = records else { return };
    if !notice.fragment
        || record.remote_host.is_some()
        || record.remote_ip.is_some()
    {
        return;
    }
    // Where the paste names other addresses, the server it names may
    // be another recipient's (a second notice pasted beside this one).
    let text = &notice.body;
    let own = record.address.as_deref().unwrap_or("");
    let others = crate::grammar::address::find_addresses(text)
        .into_iter()
        .any(|(_, a)| !a.eq_ignore_ascii_case(own));
    if !others {
        layout::set_remote(record, named(text));
    }
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
    fn a_host_in_prose_is_no_server() {
        let r = filled("The host is down, ask the host admin.\n");
        assert_eq!((r.remote_host, r.remote_ip), (None, None));
    }
}
