// SPDX-License-Identifier: MIT
//! The shapes of the knowledge files under `data/`.
//!
//! The build script reads every `data/**/*.toml` file into a
//! [`KnowledgeFile`], checks it and merges them into one [`Knowledge`],
//! which it stores in a compact binary form that the library loads on
//! first use. These modules are compiled into both the build script and
//! the library, so they may depend on `serde`, `std` and
//! `crate::reason` only.

pub mod advice;
pub mod catalog;
pub mod codes;
pub mod pattern;
pub mod rules;
pub mod text;

use serde::{Deserialize, Serialize};

pub use advice::Advice;
pub use catalog::Entry;
pub use codes::{ReplyMeaning, StatusMeaning};
pub use rules::{Provider, Rule, Stage};
#[allow(unused_imports)]
pub use text::{Lang, Text};

/// One knowledge file: every section is optional, so a file holds
/// whichever sections it is about.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeFile {
    /// Blocklists, reputation services and provider policies.
    #[serde(default)]
    pub entry: Vec<Entry>,
    /// Advice for a reason or a catalog entry.
    #[serde(default)]
    pub advice: Vec<Advice>,
    /// Meanings of enhanced status codes.
    #[serde(default)]
    pub status: Vec<StatusMeaning>,
    /// Meanings of SMTP reply codes.
    #[serde(default)]
    pub reply: Vec<ReplyMeaning>,
    /// Classification rules.
    #[serde(default)]
    pub rule: Vec<Rule>,
    /// Providers that remote-host rules are keyed on.
    #[serde(default)]
    pub provider: Vec<Provider>,
    /// The order of the rule stages (`data/rules/stages.toml` only).
    #[serde(default)]
    pub stage: Vec<Stage>,
    /// Localized messages: warnings, errors and report sentences.
    #[serde(default)]
    pub message: Vec<Message>,
    /// Well-known mailbox domains (`data/domains.toml`), for the hint on
    /// a recipient domain one slip away from one of them.
    #[serde(default)]
    pub popular_domains: Vec<String>,
    /// Catalog phrases that name their provider only from its hosts.
    #[serde(default)]
    pub host_bound: Vec<catalog::HostBound>,
}

/// Everything Pantul knows, merged from all knowledge files in file-name
/// order.
pub type Knowledge = KnowledgeFile;

impl KnowledgeFile {
    /// Leaves out what the WebAssembly never reads: the command line's
    /// own wording (`cli.*` messages), the sources of the codes'
    /// meanings, the providers' documentation links and the stages'
    /// descriptions. `build.rs` packs what is left for the page; the
    /// native blob keeps everything (the tests read it).
    pub fn strip_for_page(&mut self) {
        self.message.retain(|m| !m.id.starts_with("cli."));
        self.status.iter_mut().for_each(|s| s.source = None);
        self.reply.iter_mut().for_each(|r| r.source = None);
        self.provider.iter_mut().for_each(|p| p.doc = None);
        self.stage.iter_mut().for_each(|s| s.about = String::new());
    }

    /// Appends every section of `other` to this one.
    pub fn merge(&mut self, other: KnowledgeFile) {
        self.entry.extend(other.entry);
        self.advice.extend(other.advice);
        self.status.extend(other.status);
        self.reply.extend(other.reply);
        self.rule.extend(other.rule);
        self.provider.extend(other.provider);
        self.stage.extend(other.stage);
        self.message.extend(other.message);
        self.popular_domains.extend(other.popular_domains);
        self.host_bound.extend(other.host_bound);
    }
}

/// A localized message the library shows, such as a warning.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// Stable identifier, e.g. `"warning.masked-ip"`.
    pub id: String,
    /// The text in each language; may hold placeholders such as `{ip}`.
    pub text: Text,
}
