// SPDX-License-Identifier: MIT
//! An email app's own report that its sending server refused the email
//! before any receiving server was asked: advice on the app's settings,
//! not on servers.
//!
//! Outlook, for one, writes "530 5.7.0 Must issue a STARTTLS command
//! first" under the recipient's address when it talked to its SMTP
//! server without encryption. The same words from a receiving server
//! (a remote host named, or a server that wrote the notice) are about
//! TLS between servers and keep that advice.

use crate::report::Recipient;

/// The advice subject of an email app that sent without encryption to a
/// server that requires STARTTLS (`data/advice/submission.toml`).
pub const NO_STARTTLS: &str = "app-no-starttls";

/// The server's words, lowercase, that ask the client to start TLS
/// before anything else.
const STARTTLS_FIRST: &[&str] = &[
    "must issue a starttls command first",
    "must issue starttls first",
    "issue a starttls command first",
];

/// The reply code of a command refused until TLS is started
/// (RFC 3207: 530 "Must issue a STARTTLS command first").
const TLS_FIRST_CODE: u16 = 530;

/// [`NO_STARTTLS`] if and only if the recipient's failure is an email
/// app's refused submission: a 530 asking for STARTTLS, with no
/// receiving server named and no server that wrote the notice
/// (`reporting_mta`).
pub fn subject(
    r: &Recipient,
    reporting_mta: Option<&str>,
) -> Option<&'static str> {
    let no_server = r.remote_host.is_none()
        && r.remote_ip.is_none()
        && reporting_mta.is_none_or(|m| m.trim().is_empty());
    if !no_server || r.reply_code != Some(TLS_FIRST_CODE) {
        return None;
    }
    let words = r.diagnostic.as_deref()?.to_ascii_lowercase();
    STARTTLS_FIRST.iter().any(|w| words.contains(w)).then_some(NO_STARTTLS)
}
