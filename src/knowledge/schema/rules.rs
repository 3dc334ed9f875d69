// SPDX-License-Identifier: MIT
//! Classification rules: which words of a server mean which reason.

use serde::{Deserialize, Serialize};

use crate::reason::Reason;

/// One classification rule, tried in file order within its set.
///
/// ```toml
/// [[rule]]
/// id = "userunknown.no-such-user"
/// reason = "userunknown"
/// phrase = ["no such user"]
/// sample = "550 5.1.1 <neko@example.org>: No such user here"
/// ```
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable identifier, reported as the rule that decided.
    pub id: String,
    /// The reason the rule gives.
    pub reason: Reason,
    /// Phrases, any of which (case-insensitive) makes the rule match.
    #[serde(default)]
    pub phrase: Vec<String>,
    /// Only when the remote or reporting host ends with one of these.
    #[serde(default)]
    pub host: Vec<String>,
    /// Only when the enhanced status starts with one of these
    /// (`"5.7."`, `"4.7.1"`).
    #[serde(default)]
    pub status: Vec<String>,
    /// Only for the formats (MTA families) named here.
    #[serde(default)]
    pub format: Vec<String>,
    /// A line the rule handles, quoted from the shape servers use.
    pub sample: String,
}
