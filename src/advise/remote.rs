// SPDX-License-Identifier: MIT
//! The provider whose server answered, for a recipient whose notice
//! shows it: by the receiving host's name, or, when the notice names no
//! host, by a mark only that provider's servers put in their replies.
//! Gmail's notices name no host but end each reply with Google's own
//! trailer:
//!
//! ```text
//! 550 5.1.1 The email account that you tried to reach does not exist. …
//!     https://support.google.com/mail/?p=NoSuchUser a1b2c3 - gsmtp
//! ```

use crate::knowledge;
use crate::provider::named;
use crate::report::Recipient;

/// Marks in a server's words (lowercase) that only one provider's
/// servers write, with that provider's id (`data/rules/provider/`):
/// Google's SMTP servers end every reply with `- gsmtp`, and link their
/// reasons to Gmail's help pages.
const MARKS: &[(&str, &str)] = &[
    ("- gsmtp", "google"),
    ("support.google.com/mail/", "google"),
    ("support.google.com/a/", "google"),
];

/// The name of the provider whose server answered `r`, if the notice
/// shows it: the provider of the remote host, else of a mark in the
/// server's words ([`MARKS`]); none when neither shows one (the
/// recipient's domain alone does not say whose server answered).
pub fn provider(r: &Recipient) -> Option<String> {
    if let Some(host) = r.remote_host.as_deref() {
        return named(None, Some(host)).map(|p| p.name.clone());
    }
    let words = r.diagnostic.as_deref()?.to_ascii_lowercase();
    let (_, id) = MARKS.iter().find(|(mark, _)| words.contains(mark))?;
    let providers = &knowledge::get().provider;
    providers.iter().find(|p| p.id == *id).map(|p| p.name.clone())
}
