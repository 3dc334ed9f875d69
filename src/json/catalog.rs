// SPDX-License-Identifier: MIT
//! How the catalog export (`pantul catalog --json`, the npm package's
//! `catalog()`) is written: an entry's own fields between its localized
//! name and its links, as the knowledge file's struct declares them,
//! with `name` and `operator` written as `names` and `operators`.

use super::{Json, WriteJson};
use crate::knowledge::export::{Catalog, EntryLinks, ReasonInfo};
use crate::knowledge::schema::catalog::{CodeCites, Entry, Sample};
use crate::knowledge::Text;

impl WriteJson for Catalog {
    fn write_json(&self, json: &mut Json<'_>) {
        let Catalog { schema, lang, reasons, entries, formats } = self;
        json.begin_object();
        json.field("schema", schema);
        json.field("lang", lang);
        json.field("reasons", reasons);
        json.field("entries", entries);
        json.field("formats", formats);
        json.end_object();
    }
}

impl WriteJson for ReasonInfo {
    fn write_json(&self, json: &mut Json<'_>) {
        let ReasonInfo { name, group, hard_bounce, title } = self;
        json.begin_object();
        json.field("name", name);
        json.field("group", group);
        json.field("hard_bounce", hard_bounce);
        json.field("title", title);
        json.end_object();
    }
}

impl WriteJson for EntryLinks {
    fn write_json(&self, json: &mut Json<'_>) {
        let EntryLinks {
            name,
            operator,
            entry,
            lookup_url,
            delist_url,
            advice_title,
        } = self;
        json.begin_object();
        json.field("name", name);
        json.field("operator", operator);
        entry_fields(entry, json);
        json.field("lookup_url", lookup_url);
        json.field("delist_url", delist_url);
        json.field("advice_title", advice_title);
        json.end_object();
    }
}

/// The fields of `entry`, in the open object. Each type's fields are
/// taken apart by name, here and in every writer: a field added to a
/// type fails to build until its writer writes it.
fn entry_fields(entry: &Entry, json: &mut Json<'_>) {
    let Entry {
        id,
        name,
        operator,
        kind,
        listed,
        status,
        zones,
        phrases,
        codes,
        hosts,
        cites,
        code_cites,
        refines,
        answers,
        lookup,
        delist,
        doc,
        note,
        delisting,
        source,
        fallback,
        sample,
    } = entry;
    json.field("id", id);
    json.field("names", name);
    json.field("operators", operator);
    json.field("kind", kind);
    json.field("listed", listed);
    json.field("status", status);
    json.field("zones", zones);
    json.field("phrases", phrases);
    json.field("codes", codes);
    json.field("hosts", hosts);
    json.field("cites", cites);
    json.field("code_cites", code_cites);
    json.field("refines", refines);
    json.field("answers", answers);
    json.field("lookup", lookup);
    json.field("delist", delist);
    json.field("doc", doc);
    json.field("note", note);
    json.field("delisting", delisting);
    json.field("source", source);
    json.field("fallback", fallback);
    json.field("sample", sample);
}

impl WriteJson for Text {
    fn write_json(&self, json: &mut Json<'_>) {
        let Text { id, en } = self;
        json.begin_object();
        json.field("id", id);
        json.field("en", en);
        json.end_object();
    }
}

impl WriteJson for CodeCites {
    fn write_json(&self, json: &mut Json<'_>) {
        let CodeCites { codes, cites } = self;
        json.begin_object();
        json.field("codes", codes);
        json.field("cites", cites);
        json.end_object();
    }
}

impl WriteJson for Sample {
    fn write_json(&self, json: &mut Json<'_>) {
        let Sample { text, listed, also } = self;
        json.begin_object();
        json.field("text", text);
        json.field("listed", listed);
        json.field("also", also);
        json.end_object();
    }
}
