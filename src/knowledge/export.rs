// SPDX-License-Identifier: MIT
//! The catalog as data for `pantul catalog --json` and the catalog page.
//! Its shape, entries' fields included, is typed in `npm/index.d.ts`;
//! `npm test` checks real output against it.

use serde::Serialize;

use super::catalog::fill_link;
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
    pub entries: Vec<EntryLinks>,
    /// Every value a report's `format` may take: the families of
    /// layouts in the order they are tried, then `"unknown"`.
    pub formats: Vec<&'static str>,
}

/// A catalog entry with its links built for no particular IP or domain,
/// ready to open.
#[derive(Debug, Serialize)]
pub struct EntryLinks {
    /// Its name in the catalog's language (both are in `names`).
    pub name: String,
    /// Who runs it, in the catalog's language (both are in
    /// `operators`).
    pub operator: String,
    /// The entry as its knowledge file gives it.
    #[serde(flatten)]
    pub entry: &'static Entry,
    /// The lookup link with its placeholder left out.
    pub lookup_url: Option<String>,
    /// The delisting link with its placeholder left out.
    pub delist_url: Option<String>,
    /// The title of its advice, in the catalog's language.
    pub advice_title: Option<String>,
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
    let link = |t: &Option<String>| t.as_deref().map(|t| fill_link(t, None));
    let entries = super::get()
        .entry
        .iter()
        .map(|entry| EntryLinks {
            name: entry.name.get(lang).to_string(),
            operator: entry.operator.get(lang).to_string(),
            entry,
            lookup_url: link(&entry.lookup),
            delist_url: link(&entry.delist),
            advice_title: super::advice::for_subject(&entry.id)
                .map(|a| a.title.get(lang).to_string()),
        })
        .collect();
    let formats = crate::mta::FAMILIES
        .iter()
        .map(|family| family.id)
        .chain([crate::extract::UNKNOWN_FORMAT])
        .collect();
    Catalog { schema: 1, lang, reasons, entries, formats }
}
