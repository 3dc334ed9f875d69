// SPDX-License-Identifier: MIT
//! Gmail's "Send mail as": a Gmail user sends from another address (an
//! alias) through that address's own SMTP server, and Gmail could not
//! send through it with the settings saved for it. Gmail says so above
//! the server's answer:
//!
//! ```text
//! You're sending this from a different address or alias using the
//! 'Send mail as' feature. The settings for your 'Send mail as' account
//! are misconfigured or out of date. …
//! The response was:
//! Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise
//! AUTH capability
//! ```
//!
//! No recipient refused anything: the sender fixes the alias's SMTP
//! settings in Gmail. A Google Workspace account (a sender at a domain
//! other than Gmail's) may also need its admin to allow sending through
//! other servers; a consumer Gmail account has no such setting, so the
//! two get advice of their own (`data/advice/send-mail-as.toml`).

use crate::report::Recipient;

/// The advice subject for a consumer Gmail sender.
pub const GMAIL: &str = "send-mail-as-gmail";

/// The advice subject for a Google Workspace sender.
pub const WORKSPACE: &str = "send-mail-as-workspace";

/// Gmail's words (lowercase) that name the feature.
const WORDS: &[&str] =
    &["'send mail as' feature", "different address or alias using the"];

/// The subject for a recipient of a notice in Google's layout (`format`,
/// the family that read it, tells a Workspace sender from a Gmail one)
/// whose evidence or server's words name "Send mail as"; none otherwise.
pub fn subject(r: &Recipient, format: &str) -> Option<&'static str> {
    let subject = match format {
        "gmail" => GMAIL,
        "google-workspace" => WORKSPACE,
        _ => return None,
    };
    let named = |text: &str| {
        let lower = text.to_ascii_lowercase();
        WORDS.iter().any(|w| lower.contains(w))
    };
    let diagnostic = r.diagnostic.as_deref().unwrap_or("");
    (named(&r.evidence.text) || named(diagnostic)).then_some(subject)
}
