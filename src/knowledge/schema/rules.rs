// SPDX-License-Identifier: MIT
//! Classification rules: which words and codes of a notice mean which
//! reason, and the providers that remote-host rules are keyed on.
//!
//! Rules live in `data/rules/<stage>/*.toml`. The stage is the folder;
//! `data/rules/stages.toml` lists the stages in the order they are
//! tried, and inside a stage the rules keep file-name order, then their
//! order in the file. The first rule whose conditions all hold decides.

use serde::{Deserialize, Serialize};

use super::catalog::EntryKind;
use crate::reason::Reason;

/// One classification rule. Every condition that is given must hold;
/// a list condition holds when any of its values does.
///
/// ```toml
/// [[rule]]
/// id = "userunknown.no-such-user"
/// reason = "userunknown"
/// phrase = ["no such user", "user * does not exist"]
/// command = ["RCPT"]
/// sample = "550 5.1.1 <neko@example.org>: No such user here"
/// ```
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable identifier, reported as the rule that decided.
    pub id: String,
    /// The reason the rule gives.
    pub reason: Reason,
    /// Phrases of the server's words (case-insensitive), any of which
    /// makes the rule a candidate. `*` stands for any run of characters
    /// (`"user * does not exist"`), `{100-120}` for each number of the
    /// range (`"AUP#I{1300-1340}"`). A rule without phrases is decided by
    /// its other conditions alone.
    #[serde(default)]
    pub phrase: Vec<String>,
    /// Only when one of these phrases occurs as well.
    #[serde(default)]
    pub with: Vec<String>,
    /// Not when one of these phrases occurs.
    #[serde(default)]
    pub unless: Vec<String>,
    /// A candidate also when the words carry a generic phrase of one of
    /// these reasons (a phrase of a rule without `format`, `provider` or
    /// `host`), as if its phrases were the rule's own.
    #[serde(default)]
    pub words_of: Vec<Reason>,
    /// Not when the words also carry a generic phrase of one of these
    /// reasons.
    #[serde(default)]
    pub yields_to: Vec<Reason>,
    /// Only when the enhanced status code matches one of these patterns:
    /// `"5.1.1"`; `"x.7.1"` (any class); `"5.7.x"`; `"5.7.606-649"` (a
    /// range of details).
    #[serde(default)]
    pub status: Vec<String>,
    /// Only when the enhanced status code matches none of these.
    #[serde(default)]
    pub not_status: Vec<String>,
    /// Only when the reason the status code gives on its own (by the
    /// code-only rules of the `status` and `vague` stages) is one of
    /// these; `"none"` when it gives none.
    #[serde(default)]
    pub status_says: Vec<String>,
    /// Only when the SMTP reply code matches one of these patterns:
    /// `"550"`, `"5xx"`, `"x21"`, `"501-507"`.
    #[serde(default)]
    pub reply: Vec<String>,
    /// Only when the refused SMTP command is one of these (`"RCPT"`,
    /// `"DATA"`, …; `"none"` when the notice names none).
    #[serde(default)]
    pub command: Vec<String>,
    /// Only when the refused SMTP command is none of these.
    #[serde(default)]
    pub not_command: Vec<String>,
    /// Only when the delivery action is one of these (`"failed"`,
    /// `"delayed"`, …).
    #[serde(default)]
    pub action: Vec<String>,
    /// Only when the diagnostic's type (`smtp` in `smtp; 550 …`) is one
    /// of these, lowercase; `"none"` when it has no type.
    #[serde(default)]
    pub diagnostic_type: Vec<String>,
    /// Only when the failure is (`true`) or is not (`false`) permanent.
    #[serde(default)]
    pub permanent: Option<bool>,
    /// Only when the family that read the notice gave this same reason
    /// as a hint (see `classify.rs`).
    #[serde(default)]
    pub hinted: bool,
    /// Only when the server's words are not empty (`true`).
    #[serde(default)]
    pub has_text: bool,
    /// Only for recipients of these providers (ids of `[[provider]]`).
    #[serde(default)]
    pub provider: Vec<String>,
    /// Only when the remote or reporting host ends with one of these.
    #[serde(default)]
    pub host: Vec<String>,
    /// Only for the formats (family ids) named here.
    #[serde(default)]
    pub format: Vec<String>,
    /// Only when the server's words name a list of the catalog (in
    /// `data/catalog/`) of one of these kinds (`"ip-list"`,
    /// `"domain-list"`, `"reputation"`): the list the report names as
    /// the recipient's blocklist. A lookup error of the receiver's own
    /// is no listing.
    #[serde(default)]
    pub listing: Vec<EntryKind>,
    /// A line the rule handles, in the shape servers use, with RFC 2606
    /// names. Checked by the build, left out of the library (empty).
    pub sample: String,
    /// Where the rule's knowledge comes from: a URL or a note. Left out
    /// of the library (`None`).
    #[serde(default)]
    pub source: Option<String>,
    /// False when the rule's phrases speak for its reason only under its
    /// own conditions, not as generic words (`words_of`, `yields_to`) of
    /// other rules: "Access denied" refuses the sender in reply to `MAIL
    /// FROM` and means nothing of the kind elsewhere. Default: true.
    #[serde(default = "yes")]
    pub speaks: bool,
    /// The stage, set by the build from the rule's folder.
    #[serde(default)]
    pub stage: String,
}

fn yes() -> bool {
    true
}

impl Rule {
    /// The rule's phrases as the rules' automaton holds them: those of
    /// `phrase`, `with` and `unless` (lists 0, 1 and 2), each with its
    /// `{low-high}` numbers spelt out, in lowercase, and cut at its `*`
    /// gaps into fragments (none for a phrase of gaps alone). The
    /// library and `build.rs` (which makes the automaton) both list
    /// them here.
    pub fn automaton_phrases(&self) -> Vec<(usize, Vec<String>)> {
        let lists = [&self.phrase, &self.with, &self.unless];
        let mut out = Vec::new();
        for (n, list) in lists.into_iter().enumerate() {
            for phrase in list {
                let spelt = super::pattern::expand_phrase(phrase);
                for mut lower in spelt.unwrap_or_default() {
                    lower.make_ascii_lowercase();
                    let fragments = super::pattern::fragments(&lower);
                    out.push((n, fragments.map(str::to_string).collect()));
                }
            }
        }
        out
    }

    /// True if and only if the rule is not tied to one format, provider
    /// or host and its phrases speak for its reason anywhere.
    pub fn is_generic(&self) -> bool {
        self.speaks
            && self.format.is_empty()
            && self.provider.is_empty()
            && self.host.is_empty()
    }

    /// True if and only if the rule says what a status code means on its
    /// own: it has status patterns and no other condition.
    pub fn is_code_only(&self) -> bool {
        !self.status.is_empty()
            && self.phrase.is_empty()
            && self.with.is_empty()
            && self.unless.is_empty()
            && self.yields_to.is_empty()
            && self.words_of.is_empty()
            && self.not_status.is_empty()
            && self.status_says.is_empty()
            && self.reply.is_empty()
            && self.command.is_empty()
            && self.not_command.is_empty()
            && self.action.is_empty()
            && self.diagnostic_type.is_empty()
            && self.permanent.is_none()
            && !self.hinted
            && !self.has_text
            && self.listing.is_empty()
            && self.is_generic()
    }
}

/// A mail provider that remote-host rules are keyed on.
///
/// ```toml
/// [[provider]]
/// id = "google"
/// name = "Google (Gmail)"
/// host = [".google.com"]
/// domain = ["gmail.com", "googlemail.com"]
/// ```
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Stable identifier, used by rules' `provider` condition.
    pub id: String,
    /// The name a person knows it by.
    pub name: String,
    /// Host names (suffixes) of its mail servers, matched against the
    /// remote host and then the reporting host.
    #[serde(default)]
    pub host: Vec<String>,
    /// Recipient domains it serves (a domain or its subdomains), tried
    /// before the hosts.
    #[serde(default)]
    pub domain: Vec<String>,
    /// Its page about delivery errors.
    #[serde(default)]
    pub doc: Option<String>,
}

/// The order of the rule stages: `data/rules/stages.toml`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// The folder under `data/rules/` that holds the stage's rules.
    pub dir: String,
    /// What the stage is for.
    pub about: String,
}
