// SPDX-License-Identifier: MIT
//! The report: one structure, written as JSON the same way for the
//! CLI, the npm package and the page (`crate::json`, which writes what
//! `serde_json` writes for the derived `Serialize`; the derives stay as
//! the reference of `tests/json.rs` and for the tests that read reports
//! as `serde_json` values). Field names are a contract (see
//! `DESIGN.md`): fields may be added, none renamed. Every field is also
//! typed in `npm/index.d.ts`; `npm test` compiles real reports against
//! those types, so a new field goes there too.

use serde::Serialize;

use crate::classify::Evidence;
use crate::command::Command;
use crate::grammar::status::Status;
pub use crate::knowledge::schema::advice::Timing;
use crate::knowledge::schema::advice::{Action as Todo, Actor};
use crate::knowledge::schema::catalog::{EntryKind, EntryStatus, ListedKind};
use crate::knowledge::Lang;
use crate::reason::Reason;
use crate::record::{Action, Attempts};

/// The version of the report's shape.
pub const SCHEMA: u32 = 1;

/// What the notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// At least one recipient failed for good.
    Bounce,
    /// Every failure is temporary: the server still retries.
    Delay,
    /// An automatic reply such as a vacation notice.
    AutoReply,
    /// A feedback (complaint) report (RFC 5965).
    FeedbackReport,
    /// A notice of successful delivery.
    Delivered,
    /// Nothing in the input is about a delivery.
    NotABounce,
}

/// Whether the input was a whole message or a fragment of one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    /// A whole RFC 5322 message.
    Message,
    /// Pasted text.
    Fragment,
}

/// What the notice says about the message that was sent.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Original {
    /// Its sender.
    pub from: Option<String>,
    /// Its recipients as the header gave them.
    pub to: Option<String>,
    /// Its subject.
    pub subject: Option<String>,
    /// Its Message-ID.
    pub message_id: Option<String>,
    /// Its date.
    pub date: Option<String>,
}

/// A catalog entry named for a recipient, with links built for it.
#[derive(Clone, Debug, Serialize)]
pub struct Blocklist {
    /// The catalog id, e.g. `"spamhaus-zen"`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Who runs it.
    pub operator: String,
    /// What sort of thing it is.
    pub kind: EntryKind,
    /// What it lists.
    pub listed_kind: ListedKind,
    /// Whether it still operates.
    pub status: EntryStatus,
    /// The listed IP or domain, if the notice gives it; else the
    /// sending IP the user gave, to fill the links ([`Self::listed_given`]).
    pub listed: Option<String>,
    /// True when `listed` is the sending IP the user gave
    /// (`Options::sending_ip`), not a value the notice names.
    pub listed_given: bool,
    /// The words of the notice that named it.
    pub matched: String,
    /// Where to look the listing up.
    pub lookup_url: Option<String>,
    /// Where to ask for removal.
    pub delist_url: Option<String>,
    /// The operator's documentation.
    pub doc_url: Option<String>,
    /// What it means for the sender, localized.
    pub note: Option<String>,
    /// How a listing ends (expiry, a form, a reset), localized.
    pub delisting: Option<String>,
    /// The sort of thing it is, in words, localized.
    pub kind_label: String,
    /// What it lists, in words, localized.
    pub listed_label: String,
    /// Whether it still operates, in words, localized.
    pub status_label: String,
    /// The id of the provider policy whose code named this list, if one
    /// did.
    pub cited_by: Option<String>,
}

/// A policy named for a recipient: the recipient's provider's own
/// (`kind` `provider-policy`), or a limit of the sender's own hosting
/// server (`kind` `hosting-limit`).
#[derive(Clone, Debug, Serialize)]
pub struct Policy {
    /// Who runs it, e.g. `"Microsoft"`.
    pub provider: String,
    /// Whose policy it is: the recipient's provider's, or the sender's
    /// own host's.
    pub kind: EntryKind,
    /// The catalog id of the policy.
    pub id: String,
    /// The provider's code as the notice gives it, e.g. `"S3150"`.
    pub code: String,
    /// The provider's page about it.
    pub doc_url: Option<String>,
}

/// One recipient.
#[derive(Clone, Debug, Serialize)]
pub struct Recipient {
    /// The address, if the notice gives a readable one.
    pub address: Option<String>,
    /// True if and only if the address is masked: wholly by a web page
    /// (`[email protected]`, no address), or its part before the `@`
    /// with asterisks (`x****@example.org`, the address as given).
    pub address_masked: bool,
    /// What happened: the notice's own action, else the one the
    /// verdict settles ([`Action::settled`]), which the summary and the
    /// totals count by; none for an auto-reply or a complaint.
    pub action: Option<Action>,
    /// The enhanced status code: the notice's, or when it has none, the
    /// reason's stand-in `X.0.9nn` code (then `status_inferred` is true).
    pub status: Option<Status>,
    /// True if and only if `status` is a stand-in, not from the notice.
    pub status_inferred: bool,
    /// The SMTP reply code.
    pub reply_code: Option<u16>,
    /// The SMTP command that was refused.
    pub command: Option<Command>,
    /// The remote host.
    pub remote_host: Option<String>,
    /// The remote host's IP address.
    pub remote_ip: Option<String>,
    /// The provider whose server answered, when the notice shows it: by
    /// the remote host's name, or, for a notice that names no host, by a
    /// mark only that provider writes (Google's `- gsmtp`); e.g.
    /// `"Google (Gmail)"`.
    pub remote_provider: Option<String>,
    /// The server's own words.
    pub diagnostic: Option<String>,
    /// Why.
    pub reason: Reason,
    /// The coarser reason name of newer Sisimai releases.
    pub reason_group: &'static str,
    /// The reason's title in the report's language, as its advice names
    /// it for this recipient's timing ("The recipient's mailbox is full";
    /// for a delay, "… the sending server keeps trying"): what a person
    /// reads where the name `reason` is for machines.
    pub reason_title: String,
    /// True if and only if the address is unusable.
    pub hard_bounce: bool,
    /// True if and only if the failure is final: the sending server will
    /// not try again (what the notice says: its action, its words, its
    /// code; never a stand-in code's class alone when the notice says
    /// otherwise).
    pub permanent: bool,
    /// The words and the rule that decided the reason.
    pub evidence: Evidence,
    /// The blocklist or reputation service behind the refusal.
    pub blocklist: Option<Blocklist>,
    /// The provider policy behind the refusal.
    pub policy: Option<Policy>,
    /// Every catalog entry the words name, the two above included.
    pub listings: Vec<Blocklist>,
    /// The meaning of the enhanced status code, localized.
    pub status_meaning: Option<String>,
    /// The meaning of the reply code, localized.
    pub reply_meaning: Option<String>,
    /// The ARF feedback type, for a feedback report.
    pub feedback_type: Option<String>,
    /// For a mail log that names the recipient more than once (deferred,
    /// then bounced): how many times, how many deferred, and when the
    /// first and last lines were logged. `None` for every other input.
    pub attempts: Option<Attempts>,
    /// The queue id of the message, for a mail log or a queue listing
    /// (`4AB12C3D4`, Exim's `1rAbCd-000123-Ab`); `None` for every other
    /// input.
    pub queue_id: Option<String>,
    /// The message's envelope sender, where a mail log or a queue
    /// listing gives it (`""` for a bounce's null sender `<>`); `None`
    /// for every other input.
    pub sender: Option<String>,
}

/// What to do about a group of recipients that share a cause.
#[derive(Clone, Debug, Serialize)]
pub struct Advice {
    /// The reason name or catalog id the advice is for.
    pub id: String,
    /// A short title.
    pub title: String,
    /// One plain sentence.
    pub summary: String,
    /// Numbered steps, in order.
    pub steps: Vec<String>,
    /// Who must act.
    pub who: Actor,
    /// Whether to wait, retry or stop.
    pub action: Todo,
    /// A reply a support agent pastes into the ticket.
    pub reply: String,
    /// Indexes of the recipients this advice is for.
    pub recipients: Vec<usize>,
    /// The readable addresses of those recipients, each once.
    pub addresses: Vec<String>,
    /// Whether their failures are temporary or permanent; none for a
    /// notice that is not a failure (delivered, auto-reply, complaint)
    /// or that does not say.
    pub timing: Option<Timing>,
}

/// Everything Pantul says about one notice.
///
/// A new field is written by `src/json/report.rs` too, in the same
/// place: its writer takes each type apart field by field, so the build
/// fails until it does (and `tests/json.rs` until the place is right).
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The version of this shape ([`SCHEMA`]).
    pub schema: u32,
    /// What the notice is.
    pub kind: Kind,
    /// Whole message or fragment.
    pub input: InputKind,
    /// The family that read it, e.g. `"postfix"`, `"mailq"`.
    pub format: String,
    /// The host that wrote the notice.
    pub reporting_mta: Option<String>,
    /// The message that was sent.
    pub original: Original,
    /// One entry a recipient.
    pub recipients: Vec<Recipient>,
    /// One plain sentence: what happened, to how many, how serious.
    pub summary: String,
    /// Advice, grouped by cause.
    pub advice: Vec<Advice>,
    /// A plain-text answer for a support ticket.
    pub ticket_reply: String,
    /// The language of every text in the report.
    pub lang: Lang,
    /// Things the reader should know, localized.
    pub warnings: Vec<String>,
    /// Stable ids of the warnings, in the same order.
    pub warning_ids: Vec<String>,
    /// Where the input came from (CLI only): the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The message's number (from 1) inside an mbox file that holds
    /// several (the CLI, and [`crate::decode_all`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<usize>,
    /// The queue id of the one queued message this report is about:
    /// its recipients' own, when they all come from one message of a
    /// mail log or queue listing (the CLI splits a log or listing into
    /// one report per queued message).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<String>,
}
