// SPDX-License-Identifier: MIT
//! `pantul catalog` without `--json`: what Pantul knows as a readable
//! list in the run's language: the reasons with their titles, then the
//! blocklists, reputation services and policies by kind, each with its
//! id, its name and the links to look an address up and to ask for
//! delisting.

use std::fmt::Write;

use pantul::knowledge::export::{Catalog, EntryLinks};
use pantul::knowledge::listings::kind_code;
use pantul::knowledge::messages::text;
use pantul::knowledge::schema::catalog::EntryKind;
use pantul::visible::visible_line as shown;

/// The kinds in the order they are listed.
const KINDS: &[EntryKind] = &[
    EntryKind::IpList,
    EntryKind::DomainList,
    EntryKind::Reputation,
    EntryKind::ProviderPolicy,
    EntryKind::HostingLimit,
];

/// The catalog as lines of text.
pub fn render(catalog: &Catalog) -> String {
    let lang = catalog.lang;
    let mut out = String::new();
    let count = catalog.reasons.len().to_string();
    let heading = text("cli.catalog.reasons", lang, &[("count", &count)]);
    let _ = writeln!(out, "{heading}");
    let width = catalog.reasons.iter().map(|r| r.name.len()).max();
    for reason in &catalog.reasons {
        let title = reason.title.as_deref().unwrap_or("");
        let line = format!(
            "  {:width$}  {}",
            reason.name,
            shown(title),
            width = width.unwrap_or(0)
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    for &kind in KINDS {
        let entries: Vec<&EntryLinks> =
            catalog.entries.iter().filter(|e| e.entry.kind == kind).collect();
        if entries.is_empty() {
            continue;
        }
        let title =
            text(&format!("catalog.kind.{}", kind_code(kind)), lang, &[]);
        let count = entries.len().to_string();
        let values = [("title", title.as_str()), ("count", count.as_str())];
        let _ = writeln!(out, "\n{}", text("cli.catalog.kind", lang, &values));
        for entry in entries {
            write_entry(&mut out, entry, lang);
        }
    }
    out
}

/// `  id: name` and its links, one a line.
fn write_entry(out: &mut String, e: &EntryLinks, lang: pantul::Lang) {
    let _ = writeln!(out, "  {}: {}", e.entry.id, shown(&e.name));
    let links = [("cli.lookup", &e.lookup_url), ("cli.delist", &e.delist_url)];
    for (label, url) in links {
        if let Some(url) = url {
            let label = text(label, lang, &[]);
            let _ = writeln!(out, "      {label}: {}", shown(url));
        }
    }
}
