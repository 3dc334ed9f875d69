// SPDX-License-Identifier: MIT
//! Meanings of enhanced status codes (RFC 3463) and SMTP reply codes.

use serde::{Deserialize, Serialize};

use super::Text;

/// The meaning of one enhanced status code, or of a class or subject.
///
/// `code` is `"5.1.1"` for a full code, `"X.1.1"` for a detail that means
/// the same in every class, `"5"` for a class, `"X.1"` for a subject.
/// With `hosts`, the meaning is a provider's own and applies only to
/// replies from those hosts; with `when`, only when the server's words
/// say one of its phrases.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusMeaning {
    /// The code this meaning is for.
    pub code: String,
    /// Host names (suffixes at a label boundary) of the provider whose
    /// meaning this is; empty for the registry's meaning.
    #[serde(default)]
    pub hosts: Vec<String>,
    /// Phrases of the server's words (lowercase, matched in any case),
    /// one of which must occur for this meaning to apply: a provider's
    /// meaning told by its own wording (Microsoft's
    /// `RESOLVER.ADR.RecipientNotFound` with 5.1.10), with or without
    /// `hosts`. Empty for a meaning the words do not decide.
    #[serde(default)]
    pub when: Vec<String>,
    /// What it means, in plain words.
    pub meaning: Text,
    /// Where the code is defined (RFC, registry, provider page).
    #[serde(default)]
    pub source: Option<String>,
}

/// The meaning of one SMTP reply code such as 550, or of a first digit
/// (`"5xx"`) or first two digits (`"55x"`).
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyMeaning {
    /// The code this meaning is for.
    pub code: String,
    /// What it means, in plain words.
    pub meaning: Text,
    /// Where the code is defined.
    #[serde(default)]
    pub source: Option<String>,
}
