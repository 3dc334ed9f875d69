// SPDX-License-Identifier: MIT
//! Advice: what a reason or a catalog entry means and what to do.

use serde::{Deserialize, Serialize};

use super::Text;

/// Placeholders an advice text may use that the advice stage always
/// fills: with what the notice says, else with a plain phrase ("your
/// sending server's IP address"), so they read well anywhere.
pub const ALWAYS_FILLED: &[&str] = &[
    "recipients",
    "recipient_domain",
    "sender_domain",
    "ip",
    "remote_host",
    "provider",
    "count",
    "domain",
    "failed_checks",
    "the_address",
    "this_address",
    "the_same_address",
];

/// Placeholders an advice text may use that are filled only when the
/// notice gives them; a step that uses one the notice lacks is left out.
pub const FILLED_WHEN_KNOWN: &[&str] = &[
    "status",
    "reply_code",
    "listed",
    "list",
    "lookup_url",
    "delist_url",
    "doc_url",
    "diagnostic",
    "near_misses",
    "own_domain",
    "new_address",
    "auth_ip",
];

/// Advice subjects that are neither a reason nor a catalog entry: what
/// the notice as a whole is when no recipient gives a cause (a phishing
/// lure dressed as a bounce is not one either, nor an email app's own
/// error for a refused login: nothing was sent, nor a read receipt or a
/// list's notice that a post waits for its moderator), advice in
/// `data/advice/notices.toml`; and a big mailbox provider's shared
/// sending server named by a list or policy (`crate::shared_sender`),
/// advice in `data/advice/shared-senders.toml`; an authentication
/// refusal of an email whose From address is at a big mailbox
/// provider's domain (`crate::advise`), advice in
/// `data/advice/foreign-from.toml`; and a failure whose notice names no
/// cause and quotes none of the server's words either (`no-words`: a
/// paste cut off below the address), and an address refused as written
/// with characters that cannot be seen inside (`hidden-address`: not a
/// hard bounce), and relaying refused by the recipient domain's own mail
/// server (`norelaying-recipient-mx`), in `data/advice/notices.toml`;
/// and Gmail's "Send mail as" failing at the alias's own SMTP server
/// (`send-mail-as-*`, `crate::advise`), in `data/advice/send-mail-as.toml`.
pub const NOTICES: &[&str] = &[
    "not-a-bounce",
    "no-recipients",
    "unreadable",
    "phishing",
    "app-send-error",
    "read-receipt",
    "list-held",
    "inbound-refusals",
    "queue-empty",
    "no-words",
    "hidden-address",
    "norelaying-recipient-mx",
    "shared-ip-microsoft",
    "shared-ip-google",
    "dmarc-mailbox-domain",
    "app-no-starttls",
    "auth-check-named",
    "auth-check-microsoft365",
    "auth-check-google",
    "send-mail-as-gmail",
    "send-mail-as-workspace",
];

/// Advice subjects for recipients of a queue listing's entry that the
/// sending server holds without trying it: Postfix's hold queue, Exim's
/// frozen messages. Their advice is in `data/advice/queue.toml`.
pub const HELD: &[&str] = &["queue-held", "queue-frozen"];

/// Advice for one reason (`for = "mailboxfull"`) or one catalog entry
/// (`for = "spamhaus-zen"`).
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    /// The reason name or catalog entry id this advice is for.
    #[serde(rename = "for")]
    pub subject: String,
    /// Only for recipients whose failure has this timing, e.g. a delay
    /// warning (`retrying`) for a reason whose advice otherwise assumes
    /// the server gave up; none for every timing.
    #[serde(default)]
    pub timing: Option<Timing>,
    /// Only for recipients whose server's words hold one of these
    /// phrases (written in lowercase, matched in any case): a variant
    /// that explains what the notice itself says, such as greylisting
    /// or a connection that timed out behind a delay. The first variant
    /// whose phrases match (and whose `timing`, if any, fits) wins, and
    /// its recipients get advice of their own; none for every recipient.
    #[serde(default)]
    pub when: Vec<String>,
    /// A short title.
    pub title: Text,
    /// One sentence a non-technical customer understands.
    pub summary: Text,
    /// Who must act.
    pub who: Actor,
    /// Whether to wait, retry or stop sending to the address.
    pub action: Action,
    /// Numbered steps, in order.
    #[serde(default)]
    pub step: Vec<Text>,
    /// A short reply a support agent pastes into the ticket.
    pub reply: Text,
}

/// Who must act on a bounce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Actor {
    /// The person who sent the message.
    Sender,
    /// The sender's mail administrator or hosting provider.
    SenderAdmin,
    /// The recipient or the recipient's administrator.
    Recipient,
    /// Nobody: the sending server retries by itself.
    Nobody,
    /// The one who received the text read: a phishing lure dressed as
    /// a bounce was sent to its reader, who sent nothing.
    Reader,
}

/// What to do about the message or the address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Wait: the server is still retrying.
    Wait,
    /// Send again once the cause is fixed.
    Retry,
    /// Stop sending to this address.
    Stop,
    /// Nothing to do (a success or an auto-reply).
    None,
    /// An administrator releases the message the sending server holds
    /// (Postfix's hold queue, Exim's frozen messages) once the cause is
    /// fixed: until then nothing is tried.
    Release,
}

/// Whether the failures an advice is for are temporary or permanent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Timing {
    /// Temporary: the sending server still retries.
    Retrying,
    /// Temporary at first, but it lasted until the sending server gave
    /// up.
    GaveUp,
    /// Permanent: no server will try again.
    Permanent,
    /// Temporary for some recipients, failed for the others.
    Mixed,
}
