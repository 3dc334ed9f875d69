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
        json.begin_object();
        json.field("schema", &self.schema);
        json.field("lang", &self.lang);
        json.field("reasons", &self.reasons);
        json.field("entries", &self.entries);
        json.field("formats", &self.formats);
        json.end_object();
    }
}

impl WriteJson for ReasonInfo {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("name", self.name);
        json.field("group", self.group);
        json.field("hard_bounce", &self.hard_bounce);
        json.field("title", &self.title);
        json.end_object();
    }
}

impl WriteJson for EntryLinks {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("name", &self.name);
        json.field("operator", &self.operator);
        entry_fields(self.entry, json);
        json.field("lookup_url", &self.lookup_url);
        json.field("delist_url", &self.delist_url);
        json.field("advice_title", &self.advice_title);
        json.end_object();
    }
}

/// The fields of `entry`, in the open object.
fn entry_fields(entry: &Entry, json: &mut Json<'_>) {
    json.field("id", &entry.id);
    json.field("names", &entry.name);
    json.field("operators", &entry.operator);
    json.field("kind", &entry.kind);
    json.field("listed", &entry.listed);
    json.field("status", &entry.status);
    json.field("zones", &entry.zones);
    json.field("phrases", &entry.phrases);
    json.field("codes", &entry.codes);
    json.field("hosts", &entry.hosts);
    json.field("cites", &entry.cites);
    json.field("code_cites", &entry.code_cites);
    json.field("refines", &entry.refines);
    json.field("answers", &entry.answers);
    json.field("lookup", &entry.lookup);
    json.field("delist", &entry.delist);
    json.field("doc", &entry.doc);
    json.field("note", &entry.note);
    json.field("delisting", &entry.delisting);
    json.field("source", &entry.source);
    json.field("fallback", &entry.fallback);
    json.field("sample", &entry.sample);
}

impl WriteJson for Text {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("id", &self.id);
        json.field("en", &self.en);
        json.end_object();
    }
}

impl WriteJson for CodeCites {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("codes", &self.codes);
        json.field("cites", &self.cites);
        json.end_object();
    }
}

impl WriteJson for Sample {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("text", &self.text);
        json.field("listed", &self.listed);
        json.field("also", &self.also);
        json.end_object();
    }
}
