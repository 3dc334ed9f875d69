// SPDX-License-Identifier: MIT
//! The status and reply code a recipient ends up with, when the notice's
//! fields, the server's words and the reason disagree or fall silent.
//!
//! The choices follow the field's reference decoder (Sisimai), so that
//! results can be compared with it: a `Status:` field that says less than
//! the server's words gives way to them; a recipient without any code
//! gets the reason's stand-in code (`5.0.911` for `userunknown`); a reply
//! code of another class than the status code is dropped.

use std::cell::RefCell;

use crate::grammar::status::Status;
use crate::input::MAX_TEXT;
use crate::mta::layout::{any_in, contains_ignore_case, Needle};
use crate::reason::Reason;

/// Reply codes a bounce carries, most common first within each class
/// (RFC 5321 §4.2.3 and its extensions: RFC 3207, 4954, 5248, 7504).
const REPLY_CODES: &[u16] = &[
    550, 552, 553, 551, 521, 525, 523, 524, 530, 533, 534, 535, 538, 555, 556,
    554, 500, 501, 502, 503, 504, 421, 450, 451, 452, 422, 430, 432, 453, 454,
    455, 458, 459, 211, 214, 220, 221, 235, 250, 251, 252, 253,
    // Microsoft Exchange's own: "441 4.4.1 Error encountered while
    // communicating with primary target IP address".
    441,
];

/// Every enhanced status code standing alone in `text`, in order.
///
/// A code stands alone when no digit, dot or slash comes right before it
/// (nor a `v` of a version number), its subject is one digit from 0 to 7
/// and no digit follows its detail.
///
/// ```text
/// "said: 550 5.1.1 <a@example.org>... (#5.1.1)"  -> 5.1.1, 5.1.1
/// "from [192.0.2.1] v2.4.5"                       -> none
/// ```
pub fn statuses_in(text: &str) -> Vec<Status> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    for i in 0..bytes.len() {
        if !matches!(bytes[i], b'2' | b'4' | b'5') {
            continue;
        }
        let before = if i > 0 { bytes[i - 1] } else { b' ' };
        if before.is_ascii_digit()
            || matches!(before, b'.' | b'/' | b'v' | b'V')
        {
            continue;
        }
        if let Some(status) = standalone_at(bytes, i) {
            found.push(status);
        }
    }
    found
}

fn standalone_at(bytes: &[u8], i: usize) -> Option<Status> {
    let rest = bytes.get(i..)?;
    if rest.get(1) != Some(&b'.') || rest.get(3) != Some(&b'.') {
        return None;
    }
    let subject = rest.get(2).filter(|b| (b'0'..=b'7').contains(b))?;
    let digits = rest[4..].iter().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let after = rest.get(4 + digits);
    let longer = after == Some(&b'.')
        && rest.get(5 + digits).is_some_and(u8::is_ascii_digit);
    if longer {
        return None;
    }
    let detail =
        std::str::from_utf8(&rest[4..4 + digits]).ok()?.parse().ok()?;
    Some(Status::new(rest[0] - b'0', u16::from(subject - b'0'), detail))
}

/// The status code the server's words give: of several, the one that
/// says the most; `X.0.0` and `4.4.7` only when there is nothing else.
pub fn status_in_text(text: &str) -> Option<Status> {
    let all = statuses_in(text);
    let vague = |s: &Status| s.is_class_only() || *s == Status::new(4, 4, 7);
    let mut chosen: Option<Status> = None;
    for s in all.iter().filter(|s| !vague(s)) {
        chosen = Some(match chosen {
            None => *s,
            Some(c) => prefer(Some(c), Some(*s), None).unwrap_or(c),
        });
    }
    chosen.or_else(|| all.into_iter().find(vague))
}

/// Of the `Status:` field and the code in the server's words, the one to
/// believe; the reply code breaks a tie of classes.
///
/// ```text
/// Status: 5.0.0, words "550 5.1.1 …"  -> 5.1.1
/// Status: 5.1.1, words "… 5.7.1 …"    -> 5.7.1
/// Status: 5.2.2, words "… 5.0.0 …"    -> 5.2.2
/// ```
pub fn prefer(
    field: Option<Status>,
    text: Option<Status>,
    reply: Option<u16>,
) -> Option<Status> {
    let (f, t) = match (field, text) {
        (None, t) => return t,
        (f, None) => return f,
        (Some(f), Some(t)) => (f, t),
    };
    if let Some(class) = reply.map(|r| (r / 100) as u8) {
        if f.class != t.class {
            if class == f.class {
                return Some(f);
            }
            if class == t.class {
                return Some(t);
            }
        }
    }
    Some(prefer_pair(f, t))
}

fn prefer_pair(f: Status, t: Status) -> Status {
    let zero = |s: Status| s.subject == 0 || s.detail == 0;
    if f == t {
        return f;
    }
    if f.is_class_only() {
        return if t.is_class_only() { f } else { t };
    }
    if zero(f) && !zero(t) {
        return t;
    }
    if t.is_class_only() {
        return f;
    }
    let said_less = f == Status::new(4, 4, 7)
        || f == Status::new(4, 7, 0)
        || (f.class == 5 && f.subject == 3)
        || (f.subject == 5 && matches!(f.detail, 1 | 2 | 4 | 5));
    if said_less {
        return t;
    }
    if f == Status::new(5, 1, 1) {
        let keep = zero(t) || (t.class == 5 && t.subject == 5);
        return if keep { f } else { t };
    }
    if f == Status::new(5, 1, 3) && t.class == 5 && t.subject == 7 {
        return t;
    }
    f
}

/// The first reply code standing alone in `text` (no digit, dot or slash
/// right before or after it), of the given class if one is given.
///
/// ```text
/// "host said: 550 5.1.1 user unknown"  -> 550
/// "size 5242880 exceeded"              -> none
/// ```
pub fn reply_in_text(text: &str, class: Option<u8>) -> Option<u16> {
    if contains_ignore_case(text, "x-unix") {
        return None;
    }
    let bytes = text.as_bytes();
    let edge = |b: Option<&u8>| {
        b.is_some_and(|b| b.is_ascii_digit() || matches!(b, b'.' | b'/'))
    };
    for i in 0..bytes.len().saturating_sub(2) {
        let digits = &bytes[i..i + 3];
        if !digits.iter().all(u8::is_ascii_digit) {
            continue;
        }
        if edge(i.checked_sub(1).and_then(|j| bytes.get(j)))
            || edge(bytes.get(i + 3))
        {
            continue;
        }
        let code =
            digits.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        let class_ok = class.is_none_or(|c| code / 100 == u16::from(c));
        if class_ok && REPLY_CODES.contains(&code) {
            return Some(code);
        }
    }
    None
}

/// True if and only if `code` is a reply code of SMTP or of one of its
/// extensions; other three-digit numbers in a notice are not replies.
pub fn is_reply_code(code: u16) -> bool {
    REPLY_CODES.contains(&code)
}

/// The text with the reply codes that a wrapped multi-line reply repeats
/// at its line starts taken out, except where the reply starts. A code
/// glued to the first word of its line by the dash of a continuation
/// (`550-(host)`, as Exim's replies without an enhanced code read once
/// joined) leaves that word.
///
/// ```text
/// "550-5.7.1 Our system 550-5.7.1 has detected 550 5.7.1 spam"
///   -> "550-5.7.1 Our system has detected spam"
/// "550-Please log in. 550-Relaying 550 is denied."
///   -> "550-Please log in. Relaying is denied."
/// ```
pub fn without_inner_codes(text: &str) -> String {
    thread_local! {
        /// The last text and what it gave: a recipient's words are asked
        /// for four times on average (reading, classifying, advising),
        /// and a comparison costs less than a search for reply codes.
        /// Only texts of a report's size are kept (a record's words are
        /// cut to `MAX_TEXT`).
        static LAST: RefCell<(String, String)> =
            const { RefCell::new((String::new(), String::new())) };
    }
    if text.len() > MAX_TEXT {
        return inner_codes_taken_out(text);
    }
    LAST.with_borrow_mut(|(given, gave)| {
        if given.is_empty() || given != text {
            *gave = inner_codes_taken_out(text);
            given.clear();
            given.push_str(text);
        }
        gave.clone()
    })
}

/// [`without_inner_codes`], worked out.
fn inner_codes_taken_out(text: &str) -> String {
    let Some(code) = reply_in_text(text, None) else {
        return text.to_string();
    };
    let code = code.to_string();
    let mut dashed = code.clone();
    dashed.push('-');
    if !crate::mta::layout::has(text, &dashed) {
        return text.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    let mut seen = false;
    let mut tokens = text.split(' ').peekable();
    while let Some(token) = tokens.next() {
        let glued = token.strip_prefix(&dashed);
        let alone = token == code
            || glued
                .is_some_and(|w| w.is_empty() || Status::parse(w).is_some());
        if !seen {
            seen = alone || glued.is_some();
            out.push(token);
            continue;
        }
        if alone {
            let next_is_status =
                tokens.peek().is_some_and(|n| Status::parse(n).is_some());
            if next_is_status && (token == code || token == dashed) {
                tokens.next();
            }
            continue;
        }
        out.push(glued.unwrap_or(token));
    }
    out.join(" ")
}

/// True if and only if the reply code and the words say the failure is
/// temporary: a 4xx or 4.x.x code, or the words "temporary" or
/// "persistent".
pub fn says_temporary(reply: Option<u16>, text: &str) -> bool {
    let code = status_in_text(text).map(|s| s.class).or_else(|| {
        reply.or_else(|| reply_in_text(text, None)).map(|r| (r / 100) as u8)
    });
    match code {
        Some(4) => return true,
        // The server's 5xx says permanent, whatever its words say
        // ("550 mailbox temporarily disabled").
        Some(5) => return false,
        _ => {}
    }
    any_in(text, TEMPORARY_WORDS)
}

/// Words that say the failure is temporary, any case.
const TEMPORARY_WORDS: &[Needle] = &[
    Needle::new(" temporar"),
    Needle::new(" persistent"),
    // Gmail in Indonesian: "Terjadi masalah sementara" (a temporary
    // problem occurred).
    Needle::new("masalah sementara"),
];

/// Words of a DNS lookup that failed for now, not of a name that does
/// not exist: the resolver's "try again" (Postfix prints h_errno
/// TRY_AGAIN, a SERVFAIL or a timeout, as "Host not found, try again").
const LOOKUP_FAILED_FOR_NOW: &[Needle] = &[
    Needle::new("host not found, try again"),
    Needle::new("name server failure"),
    Needle::new("servfail"),
    Needle::new("dns lookup timed out"),
    Needle::new("temporary dns failure"),
];

/// True if and only if the words say a DNS lookup failed for now, so
/// the same lookup may succeed on the next try.
///
/// ```text
/// "Name service error for name=example.org type=MX: Host not found,
///  try again"                                    -> true
/// "Name service error for name=example.org type=MX: Host not found"
///                                                -> false
/// ```
pub fn says_lookup_failed_for_now(text: &str) -> bool {
    any_in(text, LOOKUP_FAILED_FOR_NOW)
}

/// Words that say the sending server stopped for good, before the words
/// of a retry they may contain ("will not be retried").
const FINAL_WORDS: &[Needle] = &[
    Needle::new("will not be retried"),
    Needle::new("will not retry"),
    Needle::new("retrying will not"),
    Needle::new("no further attempts"),
    Needle::new("giving up"),
    Needle::new("gave up"),
    Needle::new("retry timeout exceeded"),
    // Indonesian, before its "akan mencoba lagi" below.
    Needle::new("tidak akan mencoba lagi"),
];

/// Words that say the sending server keeps the message and tries again.
const RETRY_WORDS: &[Needle] = &[
    Needle::new("will retry"),
    Needle::new("will be retried"),
    Needle::new("will try again"),
    Needle::new("will continue to try"),
    Needle::new("will keep trying"),
    Needle::new("delivery attempts will continue"),
    Needle::new("still trying"),
    Needle::new("retry time not reached"),
    Needle::new("has not yet been delivered"),
    Needle::new("has been delayed"),
    // Gmail in Indonesian: "Gmail akan mencoba lagi selama 45 jam ke
    // depan" (will retry for 45 more hours).
    Needle::new("akan mencoba lagi"),
];

/// Words that say the failure is final, after the words of a retry.
const PERMANENT_WORDS: &[Needle] = &[
    Needle::new("failed permanently"),
    Needle::new("permanent error"),
    Needle::new("permanent failure"),
];

/// What the words say about the sending server trying again: `Some(true)`
/// when it stopped for good, `Some(false)` when it keeps trying, none
/// when they do not say.
///
/// ```text
/// "Gmail will retry for 46 more hours"   -> Some(false)
/// "retry timeout exceeded"               -> Some(true)
/// "550 5.1.1 User unknown"               -> None
/// ```
pub fn says_final(text: &str) -> Option<bool> {
    let has = |words: &[Needle]| any_in(text, words);
    if has(FINAL_WORDS) {
        Some(true)
    } else if has(RETRY_WORDS) {
        Some(false)
    } else if has(PERMANENT_WORDS) {
        Some(true)
    } else {
        None
    }
}

/// The stand-in status code for a reason when the notice has none:
/// `5.0.9nn`, or `4.0.9nn` for a temporary failure.
pub fn stand_in(reason: Reason, temporary: bool) -> Option<Status> {
    let detail = reason.stand_in_detail(temporary)?;
    Some(Status::new(if temporary { 4 } else { 5 }, 0, detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Status {
        Status::parse(text).unwrap()
    }

    #[test]
    fn a_lookup_that_failed_for_now_is_not_a_missing_name() {
        let for_now = "Host or domain name not found. Name service error \
                       for name=example.org type=MX: Host not found, try again";
        assert!(says_lookup_failed_for_now(for_now));
        let missing = "Host or domain name not found. Name service error \
                       for name=example.org type=A: Host not found";
        assert!(!says_lookup_failed_for_now(missing));
    }

    #[test]
    fn finds_codes_that_stand_alone() {
        let got = statuses_in("550 5.1.1 <a@example.org>... (#5.1.1) v2.4.5");
        assert_eq!(got, [s("5.1.1"), s("5.1.1")]);
        assert!(statuses_in("from [192.0.2.1] 5.1.1.10").is_empty());
    }

    #[test]
    fn the_words_say_more_than_a_vague_field() {
        assert_eq!(
            prefer(Some(s("5.0.0")), Some(s("5.1.1")), None),
            Some(s("5.1.1"))
        );
        assert_eq!(
            prefer(Some(s("5.2.2")), Some(s("5.0.0")), None),
            Some(s("5.2.2"))
        );
        assert_eq!(
            prefer(Some(s("4.4.7")), Some(s("4.2.2")), None),
            Some(s("4.2.2"))
        );
        assert_eq!(
            prefer(Some(s("4.2.2")), Some(s("5.2.2")), Some(552)),
            Some(s("5.2.2"))
        );
    }

    #[test]
    fn vague_codes_in_the_words_come_last() {
        assert_eq!(status_in_text("4.4.7 then 4.2.2 full"), Some(s("4.2.2")));
        assert_eq!(status_in_text("only 5.0.0 here"), Some(s("5.0.0")));
    }

    #[test]
    fn reply_codes_stand_alone() {
        assert_eq!(reply_in_text("host said: 550 5.1.1 nope", None), Some(550));
        assert_eq!(reply_in_text("size 5242880 exceeded", None), None);
        assert_eq!(reply_in_text("421 busy; 550 no", Some(5)), Some(550));
    }

    #[test]
    fn inner_codes_go() {
        assert_eq!(
            without_inner_codes(
                "550-5.7.1 Our system 550-5.7.1 has detected 550 5.7.1 spam"
            ),
            "550-5.7.1 Our system has detected spam"
        );
        assert_eq!(without_inner_codes("no codes here"), "no codes here");
        assert_eq!(without_inner_codes("sent 550 bytes"), "sent 550 bytes");
        assert_eq!(
            without_inner_codes(
                "550-Please log in. 550-(pc) [192.0.2.1] may not relay 550 \
                 through this server."
            ),
            "550-Please log in. (pc) [192.0.2.1] may not relay through this \
             server."
        );
    }

    #[test]
    fn words_say_whether_delivery_goes_on() {
        assert_eq!(
            says_final("Gmail will retry for 46 more hours"),
            Some(false)
        );
        assert_eq!(says_final("retry timeout exceeded"), Some(true));
        assert_eq!(says_final("Retrying will NOT succeed"), Some(true));
        assert_eq!(says_final("550 5.1.1 User unknown"), None);
    }

    #[test]
    fn temporary_words_count() {
        assert!(says_temporary(None, "451 4.3.0 try later"));
        assert!(says_temporary(None, "mailbox temporarily disabled"));
        assert!(!says_temporary(Some(550), "550 5.1.1 unknown"));
    }
}
