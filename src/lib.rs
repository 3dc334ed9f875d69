// SPDX-License-Identifier: MIT
//! Pantul reads what came back when an email bounced and says, per
//! recipient, what happened, why, who refused it, whether a blocklist or
//! a provider's policy is behind it, and what to do, in Bahasa Indonesia
//! or English.
//!
//! ```
//! let bounce = "<neko@example.org>: host mx.example.org[192.0.2.1] said:\n    \
//!     550 5.1.1 <neko@example.org>: Recipient address rejected: User unknown\n    \
//!     (in reply to RCPT TO command)\n";
//! let report = pantul::decode(bounce.as_bytes(), &pantul::Options::default()).unwrap();
//! let r = &report.recipients[0];
//! assert_eq!(r.address.as_deref(), Some("neko@example.org"));
//! assert_eq!(r.reason, pantul::Reason::UserUnknown);
//! assert!(r.hard_bounce);
//! ```
//!
//! # The pipeline
//!
//! Each stage has a module of its own and data flows one way:
//! [`input`] (limits, line ends, quotes) → `mime` (whole messages;
//! `html` for what a reader sees of an HTML part) →
//! [`grammar`] and `mta` (recipient records) → `classify` (a
//! [`Reason`]) → [`knowledge`] (blocklists, policies, advice, code
//! meanings, compiled from `data/`) → [`report`].
//!
//! # Robustness
//!
//! Everything in a bounce is untrusted. Decoding never panics on any
//! input: bad input gives an [`Error`] or a report whose reason is
//! `undefined`, and links in a report are built only from catalog
//! templates with checked values. Should a bug panic all the same,
//! [`decode`] gives [`Error::Internal`] instead (natively; the npm
//! package turns a WebAssembly trap into the same error and starts the
//! module afresh). The grammars and the whole pipeline are fuzzed
//! (`fuzz/README.md`); hostile inputs are tested in `tests/hostile.rs`.
//!
//! # Limits
//!
//! Time grows linearly with the input (`tests/linear.rs`), and so does
//! memory, up to these limits, each a constant of [`input`]:
//!
//! | what | limit | past it |
//! |---|---|---|
//! | input size | [`input::DEFAULT_MAX_SIZE`], 10 MiB ([`Options::max_size`]) | [`Error::TooLarge`]; a MIME message of several parts is read up to the limit ([`input::message_head`]), warning `warning.input-cut` |
//! | recipients of one notice | [`input::MAX_RECIPIENTS`], 1,000 | the first are kept; warning `warning.too-many-recipients` |
//! | a recipient's texts (the server's words, the notice's prose) | [`input::MAX_TEXT`], 8 KiB each | cut, ending in `…` |
//! | MIME parts read | [`input::MAX_PARTS`], 1,000 | the rest skipped; warning `warning.too-many-parts` |
//! | nesting of multiparts | [`input::MAX_DEPTH`], 32 levels | deeper parts skipped; the same warning |
//!
//! A mail log or queue listing decoded whole is one notice under these
//! limits; [`split_log`] splits one of any size, line by line, into a
//! notice per queued message, as the `pantul` command does, and
//! [`split_log::decode_log`] gives a report for each of its first 1,000
//! queued messages (the page's and the npm package's reading of logs).
//!
//! Control bytes (NUL and the like) over 3 % of the input make it
//! [`Error::Binary`]; a UTF-8 byte order mark is dropped, UTF-16 with a
//! byte order mark is read as its text (a byte order mark alone is
//! [`Error::Empty`]); invalid UTF-8 is read with replacement characters;
//! unknown charsets and broken base64 or quoted-printable give what can
//! be read. Lines have no length limit: a 5 MiB line is read in linear
//! time, and only the texts kept from it are cut.

#![deny(missing_docs)]

mod advise;
pub mod charset;
mod classify;
pub mod command;
mod decode;
mod extract;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod grammar;
mod html;
mod inbound;
pub mod input;
pub mod json;
pub mod knowledge;
mod leftover;
mod list_notice;
mod lowercase;
mod lure;
mod mime;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod mime_old;
pub mod misspelt;
pub mod mojibake;
mod mta;
mod notice;
mod order;
pub mod paste;
// The allocator of the command and of the npm package's module.
#[doc(hidden)]
#[cfg(any(not(target_arch = "wasm32"), feature = "npm"))]
pub mod pool;
mod provider;
pub mod raw_qp;
pub mod reason;
mod receipt;
pub mod record;
mod relines;
pub mod report;
pub mod script;
pub mod sending_ip;
mod settle;
pub mod shared_sender;
pub mod split_log;
mod unbreak;
pub mod visible;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use std::fmt;

pub use classify::Evidence;
pub use knowledge::Lang;
pub use reason::Reason;
pub use report::Report;

/// How to decode.
#[derive(Clone, Debug)]
pub struct Options {
    /// The language of the report's texts. Default: Bahasa Indonesia.
    pub lang: Lang,
    /// The largest input accepted, in bytes. Default: 10 MiB.
    pub max_size: usize,
    /// The sender's IP address, for links when the notice hides it.
    /// Default: none.
    pub sending_ip: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            lang: Lang::Id,
            max_size: input::DEFAULT_MAX_SIZE,
            sending_ip: None,
        }
    }
}

/// Why an input could not be decoded at all.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is empty or white space only.
    Empty,
    /// The input is larger than the limit.
    TooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input is binary data, not text.
    Binary,
    /// Decoding hit a bug in Pantul (a panic, caught where the platform
    /// unwinds); the input may be fine. Please report it.
    Internal,
}

impl Error {
    /// A stable identifier: `"empty"`, `"too-large"`, `"binary"` or
    /// `"internal"`.
    pub fn id(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::TooLarge { .. } => "too-large",
            Error::Binary => "binary",
            Error::Internal => "internal",
        }
    }

    /// The message in `lang`, as the page and the npm package show it.
    pub fn message(&self, lang: Lang) -> String {
        self.message_in("error", lang)
    }

    /// The message `{family}.{id}` in `lang`, with the sizes filled in:
    /// a surface that words its errors its own way (the CLI's
    /// `cli.error`) keeps its texts beside the core's in
    /// `data/messages.toml`.
    pub fn message_in(&self, family: &str, lang: Lang) -> String {
        let size = |bytes| knowledge::messages::size(bytes, lang);
        let (size, limit) = match self {
            Error::TooLarge { size: s, limit } => {
                let (s_text, limit_text) = (size(*s), size(*limit));
                // Just over the limit reads the same rounded: both in
                // bytes then, so that the size is seen to be larger.
                if s_text == limit_text {
                    let bytes = |b| knowledge::messages::bytes(b, lang);
                    (bytes(*s), bytes(*limit))
                } else {
                    (s_text, limit_text)
                }
            }
            _ => (String::new(), String::new()),
        };
        let id = format!("{family}.{}", self.id());
        knowledge::messages::text(
            &id,
            lang,
            &[("size", &size), ("limit", &limit)],
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

/// What a person sees of a whole message in a webmail reader, as one
/// text: the decoded text parts, the delivery-status and feedback-report
/// parts and the returned message's header block, in order, without the
/// message's own headers and MIME structure. This is what customers
/// usually paste; decoding it should say what decoding the message says.
/// A message whose lines were joined when it was pasted gets them back
/// first, as [`decode`] does. `None` if the input is not a whole message.
///
/// ```
/// let message = b"From: MAILER-DAEMON@example.org\nSubject: Undelivered\n\n\
///     <neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n";
/// let shown = pantul::shown_text(message).unwrap();
/// assert!(shown.starts_with("<neko@example.org>: host"));
/// ```
pub fn shown_text(message: &[u8]) -> Option<String> {
    guarded(
        || {
            let text = input::unicode(message);
            let (bytes, _) = input::relined(input::normalize_line_ends(&text));
            if !input::starts_with_header_block(&bytes) {
                return None;
            }
            mime::shown_text(&bytes)
        },
        None,
    )
}

/// The decoded text parts of a whole message alone, without its
/// delivery-status part or returned headers: the least a webmail shows,
/// and what a customer may paste. `None` if the input is not a whole
/// message.
///
/// ```
/// let message = b"From: MAILER-DAEMON@example.org\nSubject: Undelivered\n\n\
///     <neko@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1\n";
/// let text = pantul::text_parts(message).unwrap();
/// assert!(text.starts_with("<neko@example.org>: host"));
/// ```
pub fn text_parts(message: &[u8]) -> Option<String> {
    guarded(
        || {
            let (bytes, _) =
                input::relined(input::normalize_line_ends(message));
            if !input::starts_with_header_block(&bytes) {
                return None;
            }
            mime::text_parts(&bytes)
        },
        None,
    )
}

/// Decodes one bounce notice: a whole message or a pasted fragment, as
/// bytes or text.
///
/// Fails with [`Error::Empty`], [`Error::TooLarge`] or [`Error::Binary`]
/// for input it cannot read, and with [`Error::Internal`] where a bug
/// made it panic (natively; in WebAssembly a panic traps, and the npm
/// package turns the trap into the same `'internal'` error).
///
/// An mbox file of several messages gives the report of its first
/// message that can be decoded, with its `message` number and the
/// warning `warning.several-messages`; [`decode_all`] reads them all.
/// A pasted text that holds several notices (two bounces one after the
/// other, a ticket quoting both) gives one report with the recipients
/// of each and the warning `warning.several-notices`; a bounce that a
/// notice's returned message encloses is not read (`warning.enclosed-notice`,
/// see [`paste`]).
pub fn decode(input: &[u8], options: &Options) -> Result<Report, Error> {
    guarded(|| decode_first(input, options), Err(Error::Internal))
}

fn decode_first(input: &[u8], options: &Options) -> Result<Report, Error> {
    if input.len() > options.max_size {
        return decode::decode(input, options);
    }
    let messages = input::split_mbox(input);
    if messages.len() < 2 {
        return decode::decode(input, options);
    }
    for (n, message) in messages.iter().enumerate() {
        if let Ok(mut report) = decode::decode(message, options) {
            let id = "warning.several-messages";
            let count = messages.len().to_string();
            let values = [("count", count.as_str())];
            let text = knowledge::messages::text(id, options.lang, &values);
            report.warnings.push(text);
            report.warning_ids.push(id.to_string());
            report.message = Some(n + 1);
            return Ok(report);
        }
    }
    // No message can be decoded on its own (all are empty): the whole
    // file is read as one message.
    decode::decode(input, options)
}

/// Decodes every message of an input that may be an mbox file (several
/// messages, each after a `From ` separator line), in order; any other
/// input is one message and gives one report, the same as [`decode`].
///
/// With several messages, each report's `message` is its number in the
/// file (from 1). A message that cannot be decoded on its own (an empty
/// one between two separators) is left out, so its number is missing
/// from the sequence; when no message can be decoded, the whole input
/// is decoded as one message, as [`decode`] does. An input over
/// [`Options::max_size`] fails whole.
///
/// ```
/// let mbox = b"From MAILER-DAEMON Thu Apr 29 23:34:45 2015\n\
///     <a@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown\n\
///     \n\
///     From MAILER-DAEMON Thu Apr 29 23:35:45 2015\n\
///     <b@example.org>: host mx.example.org[192.0.2.1] said: 552 5.2.2 Mailbox full\n";
/// let reports = pantul::decode_all(mbox, &pantul::Options::default()).unwrap();
/// assert_eq!(reports.len(), 2);
/// assert_eq!(reports[1].message, Some(2));
/// assert_eq!(reports[1].recipients[0].reason, pantul::Reason::MailboxFull);
/// ```
pub fn decode_all(
    input: &[u8],
    options: &Options,
) -> Result<Vec<Report>, Error> {
    if input.len() > options.max_size {
        return Err(Error::TooLarge {
            size: input.len(),
            limit: options.max_size,
        });
    }
    let messages = guarded(|| Some(input::split_mbox(input)), None)
        .ok_or(Error::Internal)?;
    if messages.len() < 2 {
        let one =
            guarded(|| decode::decode(input, options), Err(Error::Internal));
        return one.map(|report| vec![report]);
    }
    let mut reports = Vec::with_capacity(messages.len().min(MAX_MESSAGES));
    for (n, message) in messages.iter().enumerate().take(MAX_MESSAGES) {
        let decoded =
            guarded(|| decode::decode(message, options), Err(Error::Internal));
        if let Ok(mut report) = decoded {
            report.message = Some(n + 1);
            reports.push(report);
        }
    }
    if reports.is_empty() {
        return decode(input, options).map(|report| vec![report]);
    }
    if messages.len() > MAX_MESSAGES {
        warn_skipped_messages(&mut reports[0], messages.len(), options.lang);
    }
    Ok(reports)
}

/// Messages of an mbox file [`decode_all`] reads, at most: a report
/// takes some kilobytes, and 10 MiB may hold tens of thousands of small
/// bounces (fresh14 #25). The `pantul` command reads any number.
pub const MAX_MESSAGES: usize = split_log::MAX_MESSAGES;

/// Notes on `report` that the mbox file held `found` messages, more
/// than [`MAX_MESSAGES`] (`warning.too-many-messages`).
fn warn_skipped_messages(report: &mut Report, found: usize, lang: Lang) {
    use knowledge::messages::{number, text};
    let id = "warning.too-many-messages";
    let (total, limit) = (number(found, lang), number(MAX_MESSAGES, lang));
    let count = number(found - MAX_MESSAGES, lang);
    let values = [("total", &*total), ("limit", &*limit), ("count", &*count)];
    report.warnings.push(text(id, lang, &values));
    report.warning_ids.push(id.to_string());
}

/// Runs `work`, giving `on_panic` if a bug makes it panic, where panics
/// unwind. The panic's message still goes to the panic hook (standard
/// error by default), for the bug report.
#[cfg(panic = "unwind")]
fn guarded<T>(work: impl FnOnce() -> T, on_panic: T) -> T {
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    caught.unwrap_or(on_panic)
}

/// Runs `work`; where panics abort (WebAssembly), so does a bug.
#[cfg(not(panic = "unwind"))]
fn guarded<T>(work: impl FnOnce() -> T, _on_panic: T) -> T {
    work()
}
