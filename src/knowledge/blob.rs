// SPDX-License-Identifier: MIT
//! Reads the knowledge blob that `build.rs` writes.
//!
//! The build stores the merged knowledge with postcard: fields in the
//! order the schema declares them, lengths and enum variants as LEB128
//! numbers, strings as their length and UTF-8 bytes, `Option` and
//! `bool` as one byte. Reading it with serde's derived code would put a
//! visitor for every type of the schema into the WebAssembly; this
//! module reads the same bytes with a few plain functions instead.
//!
//! The order of the fields here must follow `schema/`; the test below
//! writes what was read back with postcard and compares it with the
//! blob byte for byte, so a field added to the schema but not here
//! fails it.

use super::schema::advice::{Action, Actor, Timing};
use super::schema::catalog::{
    CodeCites, EntryKind, EntryStatus, HostBound, ListedKind, Sample,
};
use super::schema::{
    Advice, Entry, Knowledge, Message, Provider, ReplyMeaning, Rule, Stage,
    StatusMeaning, Text,
};
use crate::reason::Reason;

/// Reads the whole knowledge; `None` if the bytes are not a blob of
/// this schema (a build bug).
pub fn read(bytes: &[u8]) -> Option<Knowledge> {
    let mut r = Reader { rest: bytes, bad: false };
    let knowledge = Knowledge {
        entry: r.list(entry),
        advice: r.list(advice),
        status: r.list(status),
        reply: r.list(reply),
        rule: r.list(rule),
        provider: r.list(provider),
        stage: r.list(stage),
        message: r.list(message),
        popular_domains: r.strings(),
        host_bound: r.list(host_bound),
    };
    (!r.bad && r.rest.is_empty()).then_some(knowledge)
}

/// The bytes not read yet. A reader that meets bytes it cannot read
/// notes it in `bad` and goes on with empty values, so that the
/// functions below build their structures in one straight line.
struct Reader<'a> {
    rest: &'a [u8],
    bad: bool,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        match self.rest.split_first() {
            Some((&first, rest)) => {
                self.rest = rest;
                first
            }
            None => {
                self.bad = true;
                0
            }
        }
    }

    /// A LEB128 number of at most 32 bits (lengths, variant indices).
    fn number(&mut self) -> usize {
        let mut value: u32 = 0;
        for shift in (0..32).step_by(7) {
            let b = self.byte();
            value |= u32::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return value as usize;
            }
        }
        self.bad = true;
        0
    }

    fn flag(&mut self) -> bool {
        match self.byte() {
            0 => false,
            1 => true,
            _ => {
                self.bad = true;
                false
            }
        }
    }

    fn string(&mut self) -> String {
        let len = self.number();
        if len > self.rest.len() {
            self.bad = true;
            return String::new();
        }
        let (text, rest) = self.rest.split_at(len);
        self.rest = rest;
        match std::str::from_utf8(text) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                self.bad = true;
                String::new()
            }
        }
    }

    fn strings(&mut self) -> Vec<String> {
        self.list(Reader::string)
    }

    fn text(&mut self) -> Text {
        Text { id: self.string(), en: self.string() }
    }

    fn list<T>(&mut self, item: fn(&mut Self) -> T) -> Vec<T> {
        let len = self.number();
        // Every item takes at least one byte: a bad length cannot make
        // the reader reserve more than the blob's size.
        let mut out = Vec::with_capacity(len.min(self.rest.len()));
        for _ in 0..len {
            if self.bad {
                break;
            }
            out.push(item(self));
        }
        out
    }

    fn maybe<T>(&mut self, item: fn(&mut Self) -> T) -> Option<T> {
        self.flag().then(|| item(self))
    }

    /// A unit variant of an enum whose variants are `all`, in the order
    /// they are declared.
    fn variant<T: Copy>(&mut self, all: &[T]) -> T {
        let n = self.number();
        match all.get(n) {
            Some(&value) => value,
            None => {
                self.bad = true;
                all[0]
            }
        }
    }
}

fn entry(r: &mut Reader) -> Entry {
    Entry {
        id: r.string(),
        name: r.text(),
        operator: r.text(),
        kind: entry_kind(r),
        listed: r.variant(&[
            ListedKind::Ip,
            ListedKind::Domain,
            ListedKind::Network,
            ListedKind::None,
        ]),
        status: r.variant(&[
            EntryStatus::Active,
            EntryStatus::Defunct,
            EntryStatus::Uncertain,
            EntryStatus::ReceiverError,
        ]),
        zones: r.strings(),
        phrases: r.strings(),
        codes: r.strings(),
        hosts: r.strings(),
        cites: r.strings(),
        code_cites: r
            .list(|r| CodeCites { codes: r.strings(), cites: r.strings() }),
        refines: r.strings(),
        answers: r.strings(),
        lookup: r.maybe(Reader::string),
        delist: r.maybe(Reader::string),
        doc: r.maybe(Reader::string),
        note: r.maybe(Reader::text),
        delisting: r.maybe(Reader::text),
        source: r.string(),
        fallback: r.flag(),
        sample: r.list(|r| Sample {
            text: r.string(),
            listed: r.maybe(Reader::string),
            also: r.strings(),
        }),
    }
}

fn host_bound(r: &mut Reader) -> HostBound {
    HostBound { entry: r.string(), words: r.strings(), marks: r.strings() }
}

fn entry_kind(r: &mut Reader) -> EntryKind {
    r.variant(&[
        EntryKind::IpList,
        EntryKind::DomainList,
        EntryKind::Reputation,
        EntryKind::ProviderPolicy,
        EntryKind::HostingLimit,
    ])
}

fn advice(r: &mut Reader) -> Advice {
    Advice {
        subject: r.string(),
        timing: r.maybe(|r| {
            r.variant(&[
                Timing::Retrying,
                Timing::GaveUp,
                Timing::Permanent,
                Timing::Mixed,
            ])
        }),
        when: r.strings(),
        title: r.text(),
        summary: r.text(),
        who: r.variant(&[
            Actor::Sender,
            Actor::SenderAdmin,
            Actor::Recipient,
            Actor::Nobody,
        ]),
        action: r.variant(&[
            Action::Wait,
            Action::Retry,
            Action::Stop,
            Action::None,
            Action::Release,
        ]),
        step: r.list(Reader::text),
        reply: r.text(),
    }
}

fn status(r: &mut Reader) -> StatusMeaning {
    StatusMeaning {
        code: r.string(),
        hosts: r.strings(),
        when: r.strings(),
        meaning: r.text(),
        source: r.maybe(Reader::string),
    }
}

fn reply(r: &mut Reader) -> ReplyMeaning {
    ReplyMeaning {
        code: r.string(),
        meaning: r.text(),
        source: r.maybe(Reader::string),
    }
}

fn reason(r: &mut Reader) -> Reason {
    r.variant(&Reason::ALL)
}

fn rule(r: &mut Reader) -> Rule {
    Rule {
        id: r.string(),
        reason: reason(r),
        phrase: r.strings(),
        with: r.strings(),
        unless: r.strings(),
        words_of: r.list(reason),
        yields_to: r.list(reason),
        status: r.strings(),
        not_status: r.strings(),
        status_says: r.strings(),
        reply: r.strings(),
        command: r.strings(),
        not_command: r.strings(),
        action: r.strings(),
        diagnostic_type: r.strings(),
        permanent: r.maybe(Reader::flag),
        hinted: r.flag(),
        has_text: r.flag(),
        provider: r.strings(),
        host: r.strings(),
        format: r.strings(),
        listing: r.list(entry_kind),
        sample: r.string(),
        source: r.maybe(Reader::string),
        speaks: r.flag(),
        stage: r.string(),
    }
}

fn provider(r: &mut Reader) -> Provider {
    Provider {
        id: r.string(),
        name: r.string(),
        host: r.strings(),
        domain: r.strings(),
        doc: r.maybe(Reader::string),
    }
}

fn stage(r: &mut Reader) -> Stage {
    Stage { dir: r.string(), about: r.string() }
}

fn message(r: &mut Reader) -> Message {
    Message { id: r.string(), text: r.text() }
}

#[cfg(test)]
mod tests {
    use super::super::BLOB;

    /// What the reader makes of the blob is what the build stored:
    /// written back with postcard it gives the same bytes.
    #[test]
    fn reads_every_field_the_build_wrote() {
        let knowledge = super::read(BLOB).expect("the blob reads");
        let again = postcard::to_allocvec(&knowledge).expect("serialises");
        assert!(again == BLOB, "the blob and the schema's fields differ");
    }

    /// The reasons' table in declaration order, as postcard numbers
    /// enum variants.
    #[test]
    fn reasons_are_numbered_in_declaration_order() {
        for (i, reason) in crate::reason::Reason::ALL.iter().enumerate() {
            let bytes = postcard::to_allocvec(reason).expect("serialises");
            assert_eq!(bytes, [u8::try_from(i).unwrap()]);
        }
    }

    #[test]
    fn a_cut_blob_is_refused() {
        assert!(super::read(&BLOB[..BLOB.len() - 1]).is_none());
        assert!(super::read(&[]).is_none());
    }
}
