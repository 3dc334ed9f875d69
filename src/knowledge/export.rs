// SPDX-License-Identifier: MIT
//! The catalog as data for `pantul catalog --json` and the catalog page.
//! Its shape, entries' fields included, is typed in `npm/index.d.ts`;
//! `npm test` checks real output against it.

use serde::Serialize;

use super::catalog::fill_link;
use super::listings::{kind_code, listed_code, status_code};
use super::schema::{Entry, Lang, Text};
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

impl Catalog {
    /// The catalog as compact JSON, byte for byte what
    /// `serde_json::to_string` makes of it (the test below compares
    /// them), written by hand: the WebAssembly then carries no serde
    /// code for the catalog and the schema's types, whose derived
    /// `Serialize` only the command line's pretty JSON uses.
    pub fn json(&self) -> String {
        let mut out = Vec::with_capacity(64 * 1024);
        let mut o = Object::open(&mut out);
        o.key("schema").extend_from_slice(self.schema.to_string().as_bytes());
        string(o.key("lang"), self.lang.code());
        list(o.key("reasons"), &self.reasons, |out, r| {
            let mut o = Object::open(out);
            string(o.key("name"), r.name);
            string(o.key("group"), r.group);
            boolean(o.key("hard_bounce"), r.hard_bounce);
            maybe(o.key("title"), r.title.as_deref(), string);
            o.close();
        });
        list(o.key("entries"), &self.entries, entry_links);
        list(o.key("formats"), &self.formats, |out, f| string(out, f));
        o.close();
        // Only strings' UTF-8 and ASCII punctuation went in.
        String::from_utf8(out).unwrap_or_default()
    }
}

fn entry_links(out: &mut Vec<u8>, links: &EntryLinks) {
    let e = links.entry;
    let mut o = Object::open(out);
    string(o.key("name"), &links.name);
    string(o.key("operator"), &links.operator);
    string(o.key("id"), &e.id);
    text(o.key("names"), &e.name);
    text(o.key("operators"), &e.operator);
    string(o.key("kind"), kind_code(e.kind));
    string(o.key("listed"), listed_code(e.listed));
    string(o.key("status"), status_code(e.status));
    strings(o.key("zones"), &e.zones);
    strings(o.key("phrases"), &e.phrases);
    strings(o.key("codes"), &e.codes);
    strings(o.key("hosts"), &e.hosts);
    strings(o.key("cites"), &e.cites);
    list(o.key("code_cites"), &e.code_cites, |out, c| {
        let mut o = Object::open(out);
        strings(o.key("codes"), &c.codes);
        strings(o.key("cites"), &c.cites);
        o.close();
    });
    strings(o.key("refines"), &e.refines);
    strings(o.key("answers"), &e.answers);
    maybe(o.key("lookup"), e.lookup.as_deref(), string);
    maybe(o.key("delist"), e.delist.as_deref(), string);
    maybe(o.key("doc"), e.doc.as_deref(), string);
    maybe(o.key("note"), e.note.as_ref(), text);
    maybe(o.key("delisting"), e.delisting.as_ref(), text);
    string(o.key("source"), &e.source);
    boolean(o.key("fallback"), e.fallback);
    list(o.key("sample"), &e.sample, |out, s| {
        let mut o = Object::open(out);
        string(o.key("text"), &s.text);
        maybe(o.key("listed"), s.listed.as_deref(), string);
        strings(o.key("also"), &s.also);
        o.close();
    });
    maybe(o.key("lookup_url"), links.lookup_url.as_deref(), string);
    maybe(o.key("delist_url"), links.delist_url.as_deref(), string);
    maybe(o.key("advice_title"), links.advice_title.as_deref(), string);
    o.close();
}

/// A JSON object being written: its keys, each followed by the value
/// the caller writes.
struct Object<'a> {
    out: &'a mut Vec<u8>,
    empty: bool,
}

impl<'a> Object<'a> {
    fn open(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Object { out, empty: true }
    }

    /// Writes `name` as the next key; its value goes where this returns.
    fn key(&mut self, name: &str) -> &mut Vec<u8> {
        if !std::mem::take(&mut self.empty) {
            self.out.push(b',');
        }
        string(self.out, name);
        self.out.push(b':');
        self.out
    }

    fn close(self) {
        self.out.push(b'}');
    }
}

fn string(out: &mut Vec<u8>, text: &str) {
    crate::json::string(out, text);
}

fn boolean(out: &mut Vec<u8>, yes: bool) {
    out.extend_from_slice(if yes { b"true" } else { b"false" });
}

fn text(out: &mut Vec<u8>, text: &Text) {
    let mut o = Object::open(out);
    string(o.key("id"), &text.id);
    string(o.key("en"), &text.en);
    o.close();
}

fn strings(out: &mut Vec<u8>, items: &[String]) {
    list(out, items, |out, s| string(out, s));
}

fn maybe<T: ?Sized>(
    out: &mut Vec<u8>,
    value: Option<&T>,
    write: fn(&mut Vec<u8>, &T),
) {
    match value {
        Some(value) => write(out, value),
        None => out.extend_from_slice(b"null"),
    }
}

fn list<T>(out: &mut Vec<u8>, items: &[T], item: fn(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (n, value) in items.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        item(out, value);
    }
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::catalog;
    use crate::knowledge::Lang;

    /// The hand-written JSON is serde_json's, in both languages.
    #[test]
    fn json_is_what_serde_writes() {
        for lang in [Lang::Id, Lang::En] {
            let catalog = catalog(lang);
            let serde = serde_json::to_string(&catalog).expect("serialises");
            assert!(catalog.json() == serde, "{lang:?} differs");
        }
    }
}
