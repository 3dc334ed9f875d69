// SPDX-License-Identifier: MIT
//! The catalog as data for `pantul catalog --json` and the catalog page.

use serde::Serialize;

use super::schema::{Entry, Lang};
use crate::reason::Reason;

/// Every reason, blocklist and policy Pantul knows.
#[derive(Debug, Serialize)]
pub struct Catalog {
    /// The version of this shape.
    pub schema: u32,
    /// The language of the titles.
    pub lang: Lang,
    /// The reasons.
    pub reasons: Vec<ReasonInfo>,
    /// Blocklists, reputation services and provider policies.
    pub entries: &'static [Entry],
}

/// One reason.
#[derive(Debug, Serialize)]
pub struct ReasonInfo {
    /// Its name, e.g. `"userunknown"`.
    pub name: &'static str,
    /// The coarser name of newer Sisimai releases.
    pub group: &'static str,
    /// True if and only if a permanent failure for it is a hard bounce.
    pub hard_bounce: bool,
    /// The advice title for it, if the catalog has one.
    pub title: Option<String>,
}

/// The whole catalog, titles in `lang`.
pub fn catalog(lang: Lang) -> Catalog {
    let reasons = Reason::ALL
        .iter()
        .map(|&r| ReasonInfo {
            name: r.name(),
            group: r.merged_name(),
            hard_bounce: r.is_hard_bounce(true),
            title: super::advice::for_subject(r.name())
                .map(|a| a.title.get(lang).to_string()),
        })
        .collect();
    Catalog { schema: 1, lang, reasons, entries: &super::get().entry }
}
