// SPDX-License-Identifier: MIT
//! Catalog entries: blocklists, reputation services, provider policies.

use serde::{Deserialize, Deserializer, Serialize};

use super::Text;

/// One blocklist, reputation service or provider policy.
///
/// ```toml
/// [[entry]]
/// id = "spamcop"
/// name = "SpamCop Blocking List"
/// operator = "Cisco Talos"
/// kind = "ip-list"
/// listed = "ip"
/// zones = ["bl.spamcop.net"]
/// lookup = "https://www.spamcop.net/bl.shtml?{ip}"
/// source = "https://www.spamcop.net/bl.shtml"
/// ```
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable identifier, lowercase with dashes, e.g. `"spamhaus-zen"`.
    pub id: String,
    /// The name a person knows it by, in each language. A proper name
    /// is written once (`name = "Spamhaus ZEN"`) and is the same in
    /// both; a name that describes (`name.en = "Yahoo/AOL temporary
    /// deferral (TSS04)"`) is written in both languages (`name.id`,
    /// `name.en`). Serialised as `names`, both languages side by side.
    #[serde(
        rename(serialize = "names", deserialize = "name"),
        deserialize_with = "one_or_both"
    )]
    pub name: Text,
    /// Who runs it, in each language, written as `name` is: a proper
    /// name once (`operator = "Microsoft"`), words that describe in both
    /// (`operator.en = "AOL (now Yahoo)"`). Serialised as `operators`.
    #[serde(
        rename(serialize = "operators", deserialize = "operator"),
        deserialize_with = "one_or_both"
    )]
    pub operator: Text,
    /// What sort of thing it is.
    pub kind: EntryKind,
    /// What it lists: the sending IP, a domain, a whole network, nothing.
    pub listed: ListedKind,
    /// Whether it still operates.
    #[serde(default)]
    pub status: EntryStatus,
    /// DNS zones, matched after "blocked using", "listed at" and the like
    /// and anywhere as a whole word.
    #[serde(default)]
    pub zones: Vec<String>,
    /// Phrases that name it, matched case-insensitively.
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Provider codes such as `S3150` or `TSS04`, matched as whole tokens.
    #[serde(default)]
    pub codes: Vec<String>,
    /// Remote host names (suffixes) of the provider whose policy this is.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// Ids of other entries this one always refers to, e.g. a provider
    /// policy whose every rejection means "listed by Spamhaus".
    #[serde(default)]
    pub cites: Vec<String>,
    /// Provider codes that each name third-party lists, e.g. Comcast's
    /// `BL000001` for Spamhaus ZEN; matched as whole tokens, like `codes`.
    #[serde(default)]
    pub code_cites: Vec<CodeCites>,
    /// Ids of broader entries this one narrows down: a component of a
    /// composite list (SBL in ZEN), or the receiver's lookup error behind
    /// a list's zone. When both are named, this entry replaces them.
    #[serde(default)]
    pub refines: Vec<String>,
    /// DNS answers (`127.0.0.4`) that name this entry, counted only as
    /// whole tokens and only when an entry it `refines` is named too.
    #[serde(default)]
    pub answers: Vec<String>,
    /// Lookup URL template; `{ip}` or `{domain}` is filled with the listed
    /// value when the bounce gives one.
    #[serde(default)]
    pub lookup: Option<String>,
    /// Delisting (removal request) URL template.
    #[serde(default)]
    pub delist: Option<String>,
    /// The operator's documentation page.
    #[serde(default)]
    pub doc: Option<String>,
    /// One sentence on what the entry means for the sender.
    #[serde(default)]
    pub note: Option<Text>,
    /// One sentence on how a listing ends: expiry, a form, a reset.
    #[serde(default)]
    pub delisting: Option<Text>,
    /// Where the facts come from.
    pub source: String,
    /// True for the one entry named when the words name a DNS zone (after
    /// "blocked using", "listed at" and the like) that no other entry
    /// knows; its card carries that zone.
    #[serde(default)]
    pub fallback: bool,
    /// Inputs of our own writing, in the shape real servers use, that must
    /// decode to this entry.
    #[serde(default)]
    pub sample: Vec<Sample>,
}

/// Where a word of an entry stands in it, and so how it must stand in
/// the text to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A DNS zone: a whole host name (a query prefix before it is fine).
    Zone,
    /// Words anywhere, any case.
    Phrase,
    /// A provider code: a whole token.
    Code,
    /// A provider code that names other lists (`code_cites[n]`).
    CodeCites(usize),
    /// A DNS answer: a whole address, counted next to a refined zone.
    Answer,
}

impl Place {
    /// True for a code with `?` digit wildcards, which the catalog
    /// matches on its own rather than in its automaton.
    pub fn is_wildcard(self, word: &str) -> bool {
        matches!(self, Place::Code | Place::CodeCites(_)) && word.contains('?')
    }
}

impl Entry {
    /// The entry's words, in the order the catalog's automaton holds
    /// them (those [`Place::is_wildcard`] tells apart left out there):
    /// zones, phrases, codes, answers, then the codes of each
    /// `code_cites`. The library and `build.rs` (which makes the
    /// automaton) both list them here.
    pub fn automaton_words(&self) -> Vec<(Place, &str)> {
        let lists = [
            (Place::Zone, &self.zones),
            (Place::Phrase, &self.phrases),
            (Place::Code, &self.codes),
            (Place::Answer, &self.answers),
        ];
        let cites = self.code_cites.iter().enumerate();
        let lists = lists
            .into_iter()
            .chain(cites.map(|(c, cites)| (Place::CodeCites(c), &cites.codes)));
        let mut out = Vec::new();
        for (place, words) in lists {
            out.extend(words.iter().map(|w| (place, w.as_str())));
        }
        out
    }
}

/// Reads an entry's name or operator: in a knowledge file a string (a
/// proper name, the same in both languages) or a [`Text`], in the stored
/// blob (not human-readable) always a [`Text`].
fn one_or_both<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        One(String),
        Both(Text),
    }
    if !d.is_human_readable() {
        return Text::deserialize(d);
    }
    Ok(match Written::deserialize(d)? {
        Written::One(name) => Text { id: name.clone(), en: name },
        Written::Both(text) => text,
    })
}

/// Phrases or codes of a provider's policy too plain to name the
/// provider alone ("spam message rejected" comes from many servers, and
/// `5.7.28` is a status any server may use): they count only
/// when the server that replied or the one that wrote the notice is
/// under the entry's `hosts`, or when the words hold one of `marks` as
/// a whole token (Gmail's `gsmtp` ends every reply of Google's).
///
/// ```toml
/// [[host_bound]]
/// entry = "mailru"
/// words = ["spam message rejected"]
/// ```
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HostBound {
    /// The id of the entry, a provider policy with `hosts`.
    pub entry: String,
    /// Some of the entry's `phrases` or `codes`, as written there.
    pub words: Vec<String>,
    /// Tokens that stand for the provider's hosts in its own words.
    #[serde(default)]
    pub marks: Vec<String>,
}

/// Provider codes that name third-party lists.
///
/// ```toml
/// [[entry.code_cites]]
/// codes = ["BL000011"]
/// cites = ["spamhaus-zen", "cloudmark-csi"]
/// ```
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodeCites {
    /// The codes, each matched as a whole token.
    pub codes: Vec<String>,
    /// The ids of the lists each of these codes names.
    pub cites: Vec<String>,
}

/// What sort of thing a catalog entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// A DNS blocklist of IP addresses.
    IpList,
    /// A list of domains (sender or URL domains).
    DomainList,
    /// A reputation service with no public zone.
    Reputation,
    /// A mailbox provider's own blocking policy.
    ProviderPolicy,
    /// A limit or restriction the sender's own hosting server puts on
    /// outgoing mail (cPanel's hourly limits, a suspended account): the
    /// notice comes from the sender's side, not the recipient's.
    HostingLimit,
}

impl EntryKind {
    /// True if and only if the entry is a policy that refused the email
    /// (the recipient's provider's or the sender's own host's), not a
    /// list or service that lists an address.
    pub fn is_policy(self) -> bool {
        matches!(self, EntryKind::ProviderPolicy | EntryKind::HostingLimit)
    }
}

/// What a catalog entry lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ListedKind {
    /// The sending IP address.
    Ip,
    /// A domain: the sender's or one in the message.
    Domain,
    /// A whole network or allocation around the sending IP.
    Network,
    /// The content or the sender's account, not an address.
    None,
}

/// Whether a catalog entry still operates.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum EntryStatus {
    /// It operates.
    #[default]
    Active,
    /// It was shut down; a bounce naming it means the receiver is
    /// misconfigured.
    Defunct,
    /// Nobody could confirm whether it still operates.
    Uncertain,
    /// Not a listing at all: the receiver's own lookup failed.
    ReceiverError,
}

/// A test input for a catalog entry.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    /// A bounce line or block, as a server would word it.
    pub text: String,
    /// The IP or domain the decoder must find listed, if the text has one.
    #[serde(default)]
    pub listed: Option<String>,
    /// Ids of other entries the text must name too, e.g. the list a
    /// provider's code cites.
    #[serde(default)]
    pub also: Vec<String>,
}
