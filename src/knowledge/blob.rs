// SPDX-License-Identifier: MIT
//! Reads the knowledge blob that `build.rs` writes.
//!
//! The build stores the merged knowledge with postcard: fields in the
//! order the schema declares them, lengths and enum variants as LEB128
//! numbers, strings as their length and UTF-8 bytes, `Option` and
//! `bool` as one byte. Reading it with serde's derived code would put a
//! visitor for every type of the schema into the library; this module
//! reads the same values with a few plain functions instead.
//!
//! The library reads them in columns: the numbers in a few columns of
//! their own (see [`Numbers`]), then the strings of each string field
//! (one [`Column`]) in a column of their own, each string ended by a
//! NUL byte instead of led by its length, so that a column of
//! Indonesian or English prose reads as running text (LZMA packs the
//! WebAssembly's about a tenth smaller than the postcard blob), and
//! each column is checked as UTF-8
//! once rather than string by string (natively the larger part of the
//! reading's work). A header gives the number of columns and the length
//! of each. The build writes the columns while it reads its postcard
//! blob with the functions here (see [`Source`]), so the two layouts
//! hold the same values by construction, and checks that they read
//! back.
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

/// Reads the whole knowledge from a postcard blob; `None` if the bytes
/// are not a blob of this schema (a build bug).
#[cfg(test)]
pub fn read(bytes: &[u8]) -> Option<Knowledge> {
    let mut r = Postcard { rest: bytes, bad: false };
    let knowledge = read_from(&mut r);
    (!r.bad && r.rest.is_empty()).then_some(knowledge)
}

/// Reads the whole knowledge from columns (the WebAssembly's, unpacked,
/// or the native build's); `None` if the bytes are not such columns of
/// this schema.
pub fn read_columns(bytes: &[u8]) -> Option<Knowledge> {
    let mut r = Columns::new(bytes)?;
    let knowledge = read_from(&mut r);
    let all_read = r.columns.iter().all(|c| c.is_empty())
        && r.numbers.iter().all(|n| n.is_empty());
    (!r.bad && all_read).then_some(knowledge)
}

/// The string fields of the schema, each stored in a column of its own
/// in the WebAssembly's blob (in this order, after the numbers' columns),
/// named by their type and field: like values side by side, which LZMA
/// packs better (measured with the page's blob: identifiers,
/// then phrases matched in the server's words, links, codes, host
/// names, the rest, and the texts' two languages last packed 189 bytes
/// smaller with LZMA than the texts first and the fields in schema
/// order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    // Identifiers and the names that refer to them.
    EntryId,
    AdviceSubject,
    HostBoundEntry,
    EntryRefines,
    EntryAnswers,
    CodeCitesCites,
    EntryCites,
    MessageId,
    ProviderId,
    RuleProvider,
    RuleId,
    // Phrases matched in the server's words.
    RulePhrase,
    EntryPhrases,
    AdviceWhen,
    StatusWhen,
    RuleUnless,
    RuleWith,
    HostBoundWords,
    HostBoundMarks,
    RuleStatusSays,
    // Links.
    EntryDoc,
    EntryLookup,
    EntryDelist,
    ProviderDoc,
    // Codes.
    EntryCodes,
    CodeCitesCodes,
    StatusCode,
    ReplyCode,
    RuleStatus,
    RuleNotStatus,
    RuleReply,
    // Host names and zones.
    EntryHosts,
    ProviderHost,
    ProviderDomain,
    PopularDomains,
    StatusHosts,
    RuleHost,
    EntryZones,
    // The rest.
    EntrySource,
    SampleText,
    SampleListed,
    SampleAlso,
    StatusSource,
    ReplySource,
    RuleCommand,
    RuleNotCommand,
    RuleAction,
    RuleDiagnosticType,
    RuleFormat,
    RuleSample,
    RuleSource,
    RuleStage,
    ProviderName,
    StageDir,
    StageAbout,
    /// Every text's Indonesian.
    Id,
    /// Every text's English.
    En,
}

/// How many columns of strings there are.
pub const STRING_COLUMNS: usize = Column::En as usize + 1;

/// The columns of numbers, ahead of the strings' columns: a number of
/// one kind beside others of its kind (the page's blob packed 245 bytes
/// smaller with LZMA than with every number in one column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbers {
    /// The lengths of lists of structures.
    Lists,
    /// Enum variants.
    Variants,
    /// `bool`s and the presence of `Option`s' values, a byte each.
    Flags,
    /// The lengths of the lists of strings of one field.
    Count(Column),
}

impl Numbers {
    /// The column's place among the numbers' columns.
    pub fn index(self) -> usize {
        match self {
            Numbers::Lists => 0,
            Numbers::Variants => 1,
            Numbers::Flags => 2,
            Numbers::Count(column) => 3 + column as usize,
        }
    }
}

/// How many columns of numbers there are.
pub const NUMBER_COLUMNS: usize = 3 + STRING_COLUMNS;

/// Where the values come from: the reading functions below ask for
/// each value in schema order, and a source answers from its layout.
/// A source that meets bytes it cannot read notes it and goes on with
/// empty values, so that the functions build their structures in one
/// straight line.
pub trait Source {
    /// A LEB128 number of at most 32 bits (lengths, variant indices) of
    /// the kind `kind`.
    fn number(&mut self, kind: Numbers) -> usize;
    /// A `bool`, or the presence of an `Option`'s value.
    fn flag(&mut self) -> bool;
    /// A string of the field `column`.
    fn string(&mut self, column: Column) -> String;
    /// The source's note that bytes could not be read: set once, never
    /// cleared.
    fn bad(&mut self) -> &mut bool;
    /// True once bytes could not be read.
    fn failed(&mut self) -> bool {
        *self.bad()
    }
    /// Notes bytes that could not be read.
    fn fail(&mut self) {
        *self.bad() = true;
    }
    /// An upper bound of the items a list can still hold (every item
    /// takes at least one byte), so that a bad length cannot make the
    /// reader reserve more.
    fn room(&self) -> usize;
}

/// The postcard blob, which the build script reads to write the columns
/// (`build/columns.rs`) and the tests compare with what was read.
#[cfg(any(test, not(target_arch = "wasm32")))]
#[cfg_attr(not(test), allow(dead_code))]
pub struct Postcard<'a> {
    /// The bytes not read yet.
    pub rest: &'a [u8],
    /// True once bytes could not be read.
    pub bad: bool,
}

#[cfg(any(test, not(target_arch = "wasm32")))]
impl Source for Postcard<'_> {
    fn number(&mut self, _: Numbers) -> usize {
        leb128(&mut self.rest, &mut self.bad)
    }

    fn flag(&mut self) -> bool {
        flag(&mut self.rest, &mut self.bad)
    }

    fn string(&mut self, _: Column) -> String {
        let len = leb128(&mut self.rest, &mut self.bad);
        if len > self.rest.len() {
            self.bad = true;
            return String::new();
        }
        let (text, rest) = self.rest.split_at(len);
        self.rest = rest;
        owned(text, &mut self.bad)
    }

    fn bad(&mut self) -> &mut bool {
        &mut self.bad
    }

    fn room(&self) -> usize {
        self.rest.len()
    }
}

/// The columns: the numbers' first (one a [`Numbers`]), then one a
/// [`Column`], each string column checked as UTF-8 once, as a whole (a
/// string ends at an ASCII NUL, so each one is UTF-8 too), rather than
/// string by string.
struct Columns<'a> {
    numbers: Vec<&'a [u8]>,
    columns: Vec<&'a str>,
    size: usize,
    bad: bool,
}

impl<'a> Columns<'a> {
    /// The columns of `bytes`: how many, each one's length, then each
    /// one's bytes.
    fn new(bytes: &'a [u8]) -> Option<Self> {
        let (mut rest, mut bad) = (bytes, false);
        let count = leb128(&mut rest, &mut bad);
        if count != NUMBER_COLUMNS + STRING_COLUMNS {
            return None;
        }
        let lengths: Vec<usize> =
            (0..count).map(|_| leb128(&mut rest, &mut bad)).collect();
        let mut columns = Vec::with_capacity(count);
        for len in lengths {
            let (column, after) = rest.split_at_checked(len)?;
            columns.push(column);
            rest = after;
        }
        if bad || !rest.is_empty() {
            return None;
        }
        let strings = columns.split_off(NUMBER_COLUMNS);
        let numbers = columns;
        let columns = strings
            .into_iter()
            .map(|column| std::str::from_utf8(column).ok())
            .collect::<Option<_>>()?;
        Some(Columns { numbers, columns, size: bytes.len(), bad })
    }
}

impl Source for Columns<'_> {
    // Natively, a call a number cost 1.5 % of a process's start-up.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn number(&mut self, kind: Numbers) -> usize {
        leb128(&mut self.numbers[kind.index()], &mut self.bad)
    }

    fn flag(&mut self) -> bool {
        flag(&mut self.numbers[Numbers::Flags.index()], &mut self.bad)
    }

    fn string(&mut self, column: Column) -> String {
        let rest = &mut self.columns[column as usize];
        // The NUL is ASCII, so both sides of it are UTF-8 as well.
        let Some(end) = memchr::memchr(0, rest.as_bytes()) else {
            self.bad = true;
            return String::new();
        };
        let (text, after) = rest.split_at(end);
        *rest = &after[1..];
        text.to_owned()
    }

    fn bad(&mut self) -> &mut bool {
        &mut self.bad
    }

    fn room(&self) -> usize {
        self.size
    }
}

/// Takes one byte off `rest`; zero and `bad` set when there is none.
fn byte(rest: &mut &[u8], bad: &mut bool) -> u8 {
    match rest.split_first() {
        Some((&first, after)) => {
            *rest = after;
            first
        }
        None => {
            *bad = true;
            0
        }
    }
}

/// A LEB128 number of at most 32 bits off `rest`.
fn leb128(rest: &mut &[u8], bad: &mut bool) -> usize {
    let mut value: u32 = 0;
    for shift in (0..32).step_by(7) {
        let b = byte(rest, bad);
        value |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return value as usize;
        }
    }
    *bad = true;
    0
}

fn flag(rest: &mut &[u8], bad: &mut bool) -> bool {
    match byte(rest, bad) {
        0 => false,
        1 => true,
        _ => {
            *bad = true;
            false
        }
    }
}

#[cfg(any(test, not(target_arch = "wasm32")))]
#[cfg_attr(not(test), allow(dead_code))]
fn owned(text: &[u8], bad: &mut bool) -> String {
    match std::str::from_utf8(text) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            *bad = true;
            String::new()
        }
    }
}

fn strings(r: &mut impl Source, column: Column) -> Vec<String> {
    let len = r.number(Numbers::Count(column));
    let mut out = Vec::with_capacity(len.min(r.room()));
    for _ in 0..len {
        if r.failed() {
            break;
        }
        out.push(r.string(column));
    }
    out
}

fn maybe_string(r: &mut impl Source, column: Column) -> Option<String> {
    r.flag().then(|| r.string(column))
}

fn text(r: &mut impl Source) -> Text {
    Text { id: r.string(Column::Id), en: r.string(Column::En) }
}

fn list<S: Source, T>(r: &mut S, item: fn(&mut S) -> T) -> Vec<T> {
    let len = r.number(Numbers::Lists);
    let mut out = Vec::with_capacity(len.min(r.room()));
    for _ in 0..len {
        if r.failed() {
            break;
        }
        out.push(item(r));
    }
    out
}

fn maybe<S: Source, T>(r: &mut S, item: fn(&mut S) -> T) -> Option<T> {
    r.flag().then(|| item(r))
}

/// A unit variant of an enum whose variants are `all`, in the order
/// they are declared.
fn variant<T: Copy>(r: &mut impl Source, all: &[T]) -> T {
    let n = r.number(Numbers::Variants);
    match all.get(n) {
        Some(&value) => value,
        None => {
            r.fail();
            all[0]
        }
    }
}

/// Reads the whole knowledge from `r`, field by field in schema order.
pub fn read_from<S: Source>(r: &mut S) -> Knowledge {
    Knowledge {
        entry: list(r, entry),
        advice: list(r, advice),
        status: list(r, status),
        reply: list(r, reply),
        rule: list(r, rule),
        provider: list(r, provider),
        stage: list(r, stage),
        message: list(r, message),
        popular_domains: strings(r, Column::PopularDomains),
        host_bound: list(r, host_bound),
    }
}

fn entry<S: Source>(r: &mut S) -> Entry {
    use Column::*;
    Entry {
        id: r.string(EntryId),
        name: text(r),
        operator: text(r),
        kind: entry_kind(r),
        listed: variant(
            r,
            &[
                ListedKind::Ip,
                ListedKind::Domain,
                ListedKind::Network,
                ListedKind::None,
            ],
        ),
        status: variant(
            r,
            &[
                EntryStatus::Active,
                EntryStatus::Defunct,
                EntryStatus::Uncertain,
                EntryStatus::ReceiverError,
            ],
        ),
        zones: strings(r, EntryZones),
        phrases: strings(r, EntryPhrases),
        codes: strings(r, EntryCodes),
        hosts: strings(r, EntryHosts),
        cites: strings(r, EntryCites),
        code_cites: list(r, |r| CodeCites {
            codes: strings(r, CodeCitesCodes),
            cites: strings(r, CodeCitesCites),
        }),
        refines: strings(r, EntryRefines),
        answers: strings(r, EntryAnswers),
        lookup: maybe_string(r, EntryLookup),
        delist: maybe_string(r, EntryDelist),
        doc: maybe_string(r, EntryDoc),
        note: maybe(r, text),
        delisting: maybe(r, text),
        source: r.string(EntrySource),
        fallback: r.flag(),
        sample: list(r, |r| Sample {
            text: r.string(SampleText),
            listed: maybe_string(r, SampleListed),
            also: strings(r, SampleAlso),
        }),
    }
}

fn host_bound<S: Source>(r: &mut S) -> HostBound {
    HostBound {
        entry: r.string(Column::HostBoundEntry),
        words: strings(r, Column::HostBoundWords),
        marks: strings(r, Column::HostBoundMarks),
    }
}

fn entry_kind<S: Source>(r: &mut S) -> EntryKind {
    variant(
        r,
        &[
            EntryKind::IpList,
            EntryKind::DomainList,
            EntryKind::Reputation,
            EntryKind::ProviderPolicy,
            EntryKind::HostingLimit,
        ],
    )
}

fn advice<S: Source>(r: &mut S) -> Advice {
    Advice {
        subject: r.string(Column::AdviceSubject),
        timing: maybe(r, |r| {
            variant(
                r,
                &[
                    Timing::Retrying,
                    Timing::GaveUp,
                    Timing::Permanent,
                    Timing::Mixed,
                ],
            )
        }),
        when: strings(r, Column::AdviceWhen),
        title: text(r),
        summary: text(r),
        who: variant(
            r,
            &[
                Actor::Sender,
                Actor::SenderAdmin,
                Actor::Recipient,
                Actor::Nobody,
                Actor::Reader,
            ],
        ),
        action: variant(
            r,
            &[
                Action::Wait,
                Action::Retry,
                Action::Stop,
                Action::None,
                Action::Release,
            ],
        ),
        step: list(r, text),
        reply: text(r),
    }
}

fn status<S: Source>(r: &mut S) -> StatusMeaning {
    StatusMeaning {
        code: r.string(Column::StatusCode),
        hosts: strings(r, Column::StatusHosts),
        when: strings(r, Column::StatusWhen),
        meaning: text(r),
        source: maybe_string(r, Column::StatusSource),
    }
}

fn reply<S: Source>(r: &mut S) -> ReplyMeaning {
    ReplyMeaning {
        code: r.string(Column::ReplyCode),
        meaning: text(r),
        source: maybe_string(r, Column::ReplySource),
    }
}

fn reason<S: Source>(r: &mut S) -> Reason {
    variant(r, &Reason::ALL)
}

fn rule<S: Source>(r: &mut S) -> Rule {
    use Column::*;
    Rule {
        id: r.string(RuleId),
        reason: reason(r),
        phrase: strings(r, RulePhrase),
        with: strings(r, RuleWith),
        unless: strings(r, RuleUnless),
        words_of: list(r, reason),
        yields_to: list(r, reason),
        status: strings(r, RuleStatus),
        not_status: strings(r, RuleNotStatus),
        status_says: strings(r, RuleStatusSays),
        reply: strings(r, RuleReply),
        command: strings(r, RuleCommand),
        not_command: strings(r, RuleNotCommand),
        action: strings(r, RuleAction),
        diagnostic_type: strings(r, RuleDiagnosticType),
        permanent: r.flag().then(|| r.flag()),
        hinted: r.flag(),
        has_text: r.flag(),
        provider: strings(r, RuleProvider),
        host: strings(r, RuleHost),
        format: strings(r, RuleFormat),
        listing: list(r, entry_kind),
        sample: r.string(RuleSample),
        source: maybe_string(r, RuleSource),
        speaks: r.flag(),
        stage: r.string(RuleStage),
    }
}

fn provider<S: Source>(r: &mut S) -> Provider {
    Provider {
        id: r.string(Column::ProviderId),
        name: r.string(Column::ProviderName),
        host: strings(r, Column::ProviderHost),
        domain: strings(r, Column::ProviderDomain),
        doc: maybe_string(r, Column::ProviderDoc),
    }
}

fn stage<S: Source>(r: &mut S) -> Stage {
    Stage {
        dir: r.string(Column::StageDir),
        about: r.string(Column::StageAbout),
    }
}

fn message<S: Source>(r: &mut S) -> Message {
    Message { id: r.string(Column::MessageId), text: text(r) }
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

    /// The native build's columns hold what the postcard blob holds.
    #[test]
    fn the_native_columns_read_as_the_blob() {
        let knowledge = super::read_columns(super::super::COLUMNS).unwrap();
        let again = postcard::to_allocvec(&knowledge).expect("serialises");
        assert!(again == BLOB, "the columns and the blob differ");
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

    /// A variant past the enum's end is noted through the trait's own
    /// `fail`, and `failed` reads the note from then on.
    #[test]
    fn an_unknown_variant_fails_the_source() {
        use super::{variant, Postcard, Source};
        let mut r = Postcard { rest: &[1, 7], bad: false };
        assert_eq!(variant(&mut r, &['a', 'b']), 'b');
        assert!(!r.failed());
        assert_eq!(variant(&mut r, &['a', 'b']), 'a');
        assert!(r.failed() && r.bad);
    }

    #[test]
    fn a_cut_blob_is_refused() {
        assert!(super::read(&BLOB[..BLOB.len() - 1]).is_none());
        assert!(super::read(&[]).is_none());
    }

    #[test]
    fn damaged_columns_are_refused() {
        let packed =
            include_bytes!(concat!(env!("OUT_DIR"), "/knowledge.lzma"));
        let coded = super::super::lzma::unpack(packed).expect("unpacks");
        let columns = super::super::lexicon::expand(&coded).expect("expands");
        assert!(super::read_columns(&columns).is_some());
        assert!(super::read_columns(&columns[..columns.len() - 1]).is_none());
        assert!(super::read_columns(&[]).is_none());
        // The last column's last string without its NUL.
        let mut cut = columns.clone();
        *cut.last_mut().unwrap() = b'x';
        assert!(super::read_columns(&cut).is_none());
        // A byte that is not UTF-8 in the last column.
        let last = columns.len() - 2;
        let mut broken = columns.clone();
        broken[last] = 0xff;
        assert!(super::read_columns(&broken).is_none());
    }
}
