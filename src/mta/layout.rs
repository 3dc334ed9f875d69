// SPDX-License-Identifier: MIT
//! Pieces that many notice layouts share: where a notice's own words
//! start and stop, which of a table of phrases a text holds, a line that
//! is only an address, paragraphs opened by such lines or by
//! `<address>:`, IP addresses named in prose, and a record made from an
//! address and the words after it.
//!
//! MTAs and providers differ in their sentences more than in these
//! shapes, so each family names its sentences and lets these helpers do
//! the reading.

use crate::command::Command;
use crate::grammar::address::{self, find_address};
use crate::grammar::host::{parse_host, parse_ip, Host};
use crate::grammar::postfix::one_line;
pub(crate) use crate::input::lines;
use crate::input::{MAX_RECIPIENTS, MAX_TEXT};
use crate::notice::Notice;
use crate::record::{Action, Record};

/// True if and only if the notice's `From:` contains one of `needles`
/// (ASCII case ignored).
pub fn from_has(notice: &Notice, needles: &[&str]) -> bool {
    contains_any(notice.from(), needles)
}

/// True if and only if `text` contains one of `needles`, ASCII case
/// ignored.
pub fn contains_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| contains_ignore_case(text, n))
}

/// True if and only if `needle` stands in `text` with any run of
/// whitespace where it has a space: a sentence the server wrapped
/// (`Name service error\n    for name=`) is found too.
pub fn contains_spaced(text: &str, needle: &str) -> bool {
    let mut words = needle.split(' ');
    let Some(first) = words.next().filter(|w| !w.is_empty()) else {
        return false;
    };
    let rest: Vec<&str> = words.collect();
    text.match_indices(first).any(|(at, _)| {
        let mut tail = &text[at + first.len()..];
        rest.iter().all(|word| {
            let trimmed = tail.trim_start();
            let spaced = trimmed.len() < tail.len();
            match trimmed.strip_prefix(word).filter(|_| spaced) {
                Some(after) => {
                    tail = after;
                    true
                }
                None => false,
            }
        })
    })
}

/// True if and only if `text` contains `needle`, ASCII case ignored,
/// without copying either.
pub fn contains_ignore_case(text: &str, needle: &str) -> bool {
    find_ignore_case(text, needle).is_some()
}

/// Where `needle` first occurs in `text`, ASCII case ignored, without
/// copying either: each place where the needle's rarest byte (in either
/// case) occurs is compared in place.
pub fn find_ignore_case(text: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (text.as_bytes(), needle.as_bytes());
    let Some((k, rare, range)) = rare_byte(hay, needle, &COMMONNESS) else {
        return needle.is_empty().then_some(0);
    };
    let (j, other) = other_byte(needle, k);
    let (lower, upper) = (rare.to_ascii_lowercase(), rare.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, &hay[range]).find(|&at| {
        hay[at + j].eq_ignore_ascii_case(&other)
            && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
    })
}

/// A needle searched for again and again (ASCII case ignored), whose
/// rarest byte and second byte [`find_ignore_case`] would work out at
/// each search are chosen once, when the program is built. Most words
/// that settle a reading are searched for in each recipient's words,
/// which are a line or two long: there, choosing the bytes cost about
/// as much as the search, and lowercasing a copy of the text to ask
/// `str::contains`, which prepares a two-way search for each word, more.
#[derive(Clone, Copy, Debug)]
pub struct Needle {
    bytes: &'static [u8],
    /// The offset of the rarest byte, searched for.
    rare: usize,
    /// The offset of the byte looked at before the whole is compared.
    other: usize,
}

impl Needle {
    /// `text` (not empty) as a needle.
    pub const fn new(text: &'static str) -> Needle {
        let bytes = text.as_bytes();
        assert!(!bytes.is_empty(), "an empty needle");
        // The first of the rarest bytes, as `rare_byte` chooses.
        let (mut rare, mut at) = (0, 1);
        while at < bytes.len() {
            if COMMONNESS[bytes[at] as usize] < COMMONNESS[bytes[rare] as usize]
            {
                rare = at;
            }
            at += 1;
        }
        let other = if rare == 0 { bytes.len() - 1 } else { 0 };
        Needle { bytes, rare, other }
    }

    /// Where the needle first occurs in `text`, ASCII case ignored: what
    /// [`find_ignore_case`] finds.
    pub fn find_in(&self, text: &str) -> Option<usize> {
        let (hay, needle) = (text.as_bytes(), self.bytes);
        let last_start = hay.len().checked_sub(needle.len())?;
        let (k, j) = (self.rare, self.other);
        let rare = needle[k];
        let (lower, upper) =
            (rare.to_ascii_lowercase(), rare.to_ascii_uppercase());
        memchr::memchr2_iter(lower, upper, &hay[k..=last_start + k]).find(
            |&at| {
                hay[at + j].eq_ignore_ascii_case(&needle[j])
                    && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
            },
        )
    }

    /// The needle's bytes.
    pub fn bytes(&self) -> &'static [u8] {
        self.bytes
    }

    /// True if and only if the needle occurs in `text`, ASCII case
    /// ignored.
    pub fn is_in(&self, text: &str) -> bool {
        self.find_in(text).is_some()
    }
}

/// True if and only if one of `needles` occurs in `text`, ASCII case
/// ignored.
pub fn any_in(text: &str, needles: &[Needle]) -> bool {
    needles.iter().any(|n| n.is_in(text))
}

/// Where `needle` first occurs in `text`: each place where the needle's
/// rarest byte occurs is compared in place. Most needles are sentences
/// of a notice's layout, searched once in one text: this costs nothing
/// to set up, where `str::contains` prepares a two-way search for a
/// needle longer than 32 bytes or a text shorter than a few dozen.
pub fn find(text: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (text.as_bytes(), needle.as_bytes());
    let Some((k, rare, range)) = rare_byte(hay, needle, &CASED_COMMONNESS)
    else {
        return needle.is_empty().then_some(0);
    };
    let (j, other) = other_byte(needle, k);
    memchr::memchr_iter(rare, &hay[range]).find(|&at| {
        hay[at + j] == other && &hay[at..at + needle.len()] == needle
    })
}

/// True if and only if `text` contains `needle`, as [`find`] searches.
pub fn has(text: &str, needle: &str) -> bool {
    find(text, needle).is_some()
}

/// The needle's rarest byte, its offset `k` in the needle, and the part
/// of the haystack where that byte stands in a match: every match
/// starting at `s` has it at `s + k`, so its places there, in order and
/// counted from the part's start, are the starts of the matches in
/// order. `None` for an empty needle or one longer than the haystack.
fn rare_byte(
    hay: &[u8],
    needle: &[u8],
    commonness: &[u8; 256],
) -> Option<(usize, u8, std::ops::RangeInclusive<usize>)> {
    let last_start = hay.len().checked_sub(needle.len())?;
    let (k, &rare) = needle
        .iter()
        .enumerate()
        .min_by_key(|&(_, &b)| commonness[usize::from(b)])?;
    Some((k, rare, k..=last_start + k))
}

/// A second byte of a non-empty needle to look at before comparing the
/// whole (the first, or the last when the rarest is the first), and its
/// offset: most places of the rarest byte fail on it, without a call.
fn other_byte(needle: &[u8], k: usize) -> (usize, u8) {
    let j = if k == 0 { needle.len() - 1 } else { 0 };
    (j, needle[j])
}

/// [`COMMONNESS`] for a search that keeps case: capitals are rarer than
/// the small letters they stand for (they open sentences and names).
const CASED_COMMONNESS: [u8; 256] = {
    let mut table = COMMONNESS;
    let mut c = b'A';
    while c <= b'Z' {
        table[c as usize] = 70;
        c += 1;
    }
    table
};

/// How often each byte occurs in the text of notices, roughly, case
/// ignored: white space and the usual letters of English most, marks
/// and digits least.
pub(crate) const COMMONNESS: [u8; 256] = {
    const LETTERS: &[u8; 26] = b"etaoinsrhldcumfpgwybvkxjqz";
    let mut table = [40u8; 256];
    let mut b = 0x80;
    while b < 256 {
        table[b] = 120;
        b += 1;
    }
    let mut d = b'0';
    while d <= b'9' {
        table[d as usize] = 60;
        d += 1;
    }
    let mut rank = 0;
    while rank < LETTERS.len() {
        // The 26 letters from 250 (`e`) down to 100.
        let c = LETTERS[rank];
        table[c as usize] = 250 - (rank as u8) * 6;
        table[c.to_ascii_uppercase() as usize] = table[c as usize];
        rank += 1;
    }
    table[b'\n' as usize] = 200;
    table[b'\t' as usize] = 200;
    table[b' ' as usize] = 255;
    table
};

/// The line of `text` that holds the byte at `at`, without its line
/// break.
pub fn line_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    &text[start..end]
}

/// The text before the first line that starts (after white space)
/// with one of `markers`; the whole text when none does.
pub fn before_line<'a>(text: &'a str, markers: &[&str]) -> &'a str {
    let mut at = 0;
    while at < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[at..])
            .map_or(text.len(), |n| at + n + 1);
        let trimmed = text[at..end].trim_start();
        if markers.iter().any(|m| trimmed.starts_with(m)) {
            return &text[..at];
        }
        at = end;
    }
    text
}

/// Header fields that open a returned message's header block.
const HEADER_FIELDS: &[&str] = &[
    "received",
    "return-path",
    "mime-version",
    "message-id",
    "from",
    "to",
    "subject",
    "date",
    "content-type",
    "dkim-signature",
    "delivered-to",
    "arc-seal",
    "authentication-results",
    "reply-to",
    "in-reply-to",
];

/// The text before a returned message's header block that follows with
/// no separator line, as webmail shows it: two header lines in a row,
/// the first an `X-` field or a usual one.
///
/// ```text
/// The response was: 550 5.1.1 No such user
/// X-Received: by 2001:db8::1 with SMTP id 123
/// From: <sender@example.com>
/// ```
pub fn before_headers(text: &str) -> &str {
    let mut at = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let next = lines.peek().copied().unwrap_or("");
        if is_header_line(line, true)
            && (is_header_line(next, false) || next.starts_with([' ', '\t']))
        {
            return &text[..at];
        }
        at += line.len();
    }
    text
}

/// True if and only if `line` is `Name: value` with a field name; with
/// `opening`, only a usual field or an `X-` field counts.
fn is_header_line(line: &str, opening: bool) -> bool {
    let Some((name, _)) = line.split_once(':') else { return false };
    let field = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let name = name.to_ascii_lowercase();
    field
        && (!opening
            || name.starts_with("x-")
            || HEADER_FIELDS.contains(&name.as_str()))
}

/// The text after the first line that contains `marker`, or `None`.
pub fn after_line<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let at = find(text, marker)?;
    let end = text[at..].find('\n').map_or(text.len(), |e| at + e + 1);
    Some(&text[end..])
}

/// The words of a notice between the first line that contains one of
/// `starts` (its opening sentence) and the first line that starts with
/// one of `ends` (the returned message); the whole text, cut at the
/// copy, when no opening is there (a fragment may start anywhere).
///
/// ```text
/// I'm afraid I wasn't able to deliver your message to the following
/// <neko@example.org>:
/// --- Below this line is a copy of the message.
/// ```
pub fn section<'a>(text: &'a str, starts: &[&str], ends: &[&str]) -> &'a str {
    let earliest = starts
        .iter()
        .filter_map(|s| after_line(text, s))
        .max_by_key(|rest| rest.len());
    before_line(earliest.unwrap_or(text), ends)
}

/// The address a line holds when the line is nothing but an address,
/// perhaps in angle brackets, after `mailto:`, with a display name
/// before it, or with a trailing `:`:
///
/// ```text
///      neko@example.org
/// <neko@example.org>:
/// Neko<mailto:neko@example.org>
/// ```
pub fn address_line(line: &str) -> Option<&str> {
    let t = line.trim().trim_end_matches([':', ',', ';']).trim_end();
    let found = address::find_addresses(t);
    let [(at, addr)] = found.as_slice() else { return None };
    let before = t[..*at].trim_end_matches("mailto:");
    let before = before.trim_end_matches(['<', '"', '\'', '(']).trim();
    let after = t[at + addr.len()..].trim_start_matches(['>', '"', '\'', ')']);
    let name_only = before.is_empty()
        || (!before.contains(':') && before.split_whitespace().count() <= 4);
    (name_only && after.trim().is_empty()).then_some(*addr)
}

/// Paragraphs opened by an address line, each with the lines that
/// follow it up to the next address line; lines before the first
/// address line are left out.
///
/// Families copy one paragraph's text to the addresses listed above it,
/// so both are bounded: at most one more paragraph than
/// [`MAX_RECIPIENTS`], each text at most [`BLOCK_TEXT`] bytes.
pub fn address_blocks(text: &str) -> Vec<(&str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    for line in lines(text) {
        if let Some(addr) = address_line(line) {
            if out.len() > MAX_RECIPIENTS {
                break;
            }
            out.push((addr, String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            let room = BLOCK_TEXT.saturating_sub(body.len());
            if room > 0 {
                body.push_str(head(line, room));
                body.push('\n');
            }
        }
    }
    out
}

/// The most text kept of one address paragraph, in bytes: room for the
/// server's words and the details around them.
pub const BLOCK_TEXT: usize = 4 * MAX_TEXT;

/// The first `max` bytes of `text` at most, cut at a character boundary.
pub fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A line that opens a recipient's paragraph: `<address>:` followed by
/// the start of its text, as qmail and Sendmail write it.
///
/// ```text
/// <neko@example.org>: 192.0.2.1 does not like recipient.
/// ```
pub fn angle_opening(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix('<')?;
    let (addr, after) = rest.split_once('>')?;
    let text = after.trim_start().strip_prefix(':')?;
    let found = find_address(addr)?;
    (found == addr.trim()).then_some((found, text.trim()))
}

/// A recipient's paragraph: its address and the lines that follow the
/// opening line, up to the next opening.
#[derive(Debug, Default)]
pub struct Paragraph<'a> {
    /// The recipient as the opening line names it.
    pub address: &'a str,
    /// The rest of the opening line and the lines after it.
    pub lines: Vec<&'a str>,
}

impl Paragraph<'_> {
    /// The paragraph's lines joined with line breaks, blank ones dropped.
    pub fn text(&self) -> String {
        let kept: Vec<&str> = self
            .lines
            .iter()
            .map(|l| l.trim_end())
            .filter(|l| !l.trim().is_empty())
            .collect();
        kept.join("\n")
    }
}

/// Splits `text` into paragraphs at each line `opening` accepts; lines
/// before the first opening are skipped.
pub fn paragraphs<'a>(
    text: &'a str,
    opening: impl Fn(&'a str) -> Option<(&'a str, &'a str)>,
) -> Vec<Paragraph<'a>> {
    let mut out: Vec<Paragraph<'a>> = Vec::new();
    for line in lines(text) {
        if let Some((address, rest)) = opening(line) {
            out.push(Paragraph { address, lines: vec![rest] });
        } else if let Some(last) = out.last_mut() {
            last.lines.push(line);
        }
    }
    out
}

/// A record for `addr` whose diagnostic is `text` on one line, with the
/// reply code, status and command read from it; delayed when the text
/// says the sending server will retry.
///
/// ```text
/// There was a temporary problem delivering your message to
/// neko@example.org. Gmail will retry for 46 more hours.   -> delayed
/// ```
pub fn record(addr: &str, text: &str) -> Record {
    let retrying = crate::settle::says_final(text) == Some(false);
    let mut record = Record {
        address: find_address(addr).map(str::to_string),
        masked: address::is_masked(addr),
        action: Some(if retrying { Action::Delayed } else { Action::Failed }),
        ..Record::default()
    };
    let diagnostic = one_line(text);
    if !diagnostic.is_empty() {
        record.diagnostic = Some(diagnostic);
    }
    record.fill_codes_from_diagnostic();
    record
}

/// Takes a record's words for the notice's own prose when they end in a
/// colon: a sentence that introduces the server's words, which the paste
/// cut off. Classification still reads them (as the record's context),
/// but the report quotes no server's words that are not there.
///
/// ```text
/// Technical details of permanent failure:
/// The response from the remote server was:
/// ```
pub fn words_cut_short(record: &mut Record) {
    let introduces = record
        .diagnostic
        .as_deref()
        .is_some_and(|d| d.trim_end().ends_with(':'));
    if introduces && record.context.is_none() {
        record.context = record.diagnostic.take();
    }
}

/// Sets the command from a bracketed tag such as `[RCPT_TO]` or
/// `(MAIL FROM)` in the diagnostic, when none is known.
pub fn command_from_tag(record: &mut Record) {
    if record.command.is_some() {
        return;
    }
    let Some(diag) = &record.diagnostic else { return };
    for (open, close) in [('[', ']'), ('(', ')')] {
        for piece in diag.split(open).skip(1) {
            let Some((tag, _)) = piece.split_once(close) else { continue };
            let word = tag.replace('_', " ");
            let first = word.split_whitespace().next().unwrap_or("");
            let whole = matches!(
                word.trim().to_ascii_uppercase().as_str(),
                "RCPT TO" | "MAIL FROM" | "DATA" | "EHLO" | "HELO" | "CONNECT"
            );
            if whole || first.eq_ignore_ascii_case("END") {
                if let Some(c) = Command::from_word(&word) {
                    record.command = Some(c);
                    return;
                }
            }
        }
    }
}

/// The first host spec in `text` after `marker`, ASCII case ignored
/// (`by mx.example.org. [192.0.2.1]`, `at mx.example.org (192.0.2.1)`),
/// if any.
pub fn host_after(text: &str, marker: &str) -> Option<Host> {
    if marker.is_empty() {
        return host_at(text);
    }
    let mut from = 0;
    while let Some(i) = find_ignore_case(&text[from..], marker) {
        let at = from + i + marker.len();
        from = at;
        if let Some(host) = host_at(&text[at..]) {
            return Some(host);
        }
    }
    None
}

/// The host spec at the start of `text`: a name, perhaps followed by
/// `[ip]` or `(ip)`, or an IP address alone.
fn host_at(text: &str) -> Option<Host> {
    let mut words = text.split_whitespace();
    let first = words.next()?;
    let mut spec = first.trim_end_matches([',', ';', ':', '\'']).to_string();
    if let Some(next) = words.next() {
        if next.starts_with(['[', '(']) {
            spec.push_str(next.trim_end_matches([',', ';', ':', '.', '\'']));
        }
    }
    let host = parse_host(spec.trim_end_matches('.'));
    (host.name.is_some() || host.ip.is_some()).then_some(host)
}

/// The first word of `text` that is an IP address, trimmed of the
/// punctuation prose puts around it and of a port after an IPv4
/// address.
///
/// ```text
/// 192.0.2.153 does not like recipient.
/// unable to connect to remote server [192.0.2.17:25]: Connection refused
/// ```
pub fn first_ip(text: &str) -> Option<String> {
    text.split_whitespace().find_map(|w| {
        let w = w.trim_matches(|c: char| "()[]<>,;:".contains(c));
        let w = w.strip_suffix('.').unwrap_or(w);
        parse_ip(w).or_else(|| {
            let (ip, port) = w.rsplit_once(':')?;
            let v4 = ip.contains('.') && !ip.contains(':');
            let numeric = port.bytes().all(|b| b.is_ascii_digit());
            if v4 && numeric {
                parse_ip(ip)
            } else {
                None
            }
        })
    })
}

/// The command of the first row whose phrase `text` contains.
pub fn command_by_phrase(
    text: &str,
    table: &[(&str, Command)],
) -> Option<Command> {
    table.iter().find(|(p, _)| text.contains(p)).map(|&(_, c)| c)
}

/// Sets the remote host and IP from `host` where they are unknown.
pub fn set_remote(record: &mut Record, host: Option<Host>) {
    let Some(host) = host else { return };
    if record.remote_host.is_none() {
        record.remote_host = host.name;
    }
    if record.remote_ip.is_none() {
        record.remote_ip = host.ip.and_then(|ip| parse_ip(&ip));
    }
}

/// The value of the first field `name:` in a header block such as the
/// returned message's headers (`name` in any case), unfolded.
pub fn field<'a>(block: &'a str, name: &str) -> Option<&'a str> {
    for line in lines(block) {
        let Some((n, v)) = line.split_once(':') else { continue };
        if n.trim().eq_ignore_ascii_case(name) && !n.starts_with([' ', '\t']) {
            return Some(v.trim());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prepared_needle_finds_what_find_ignore_case_finds() {
        let texts = [
            "",
            "gave",
            "The server GAVE UP after 5 days; it gave up",
            "x will not be retried",
            "Will Not Be Retried.",
            "giving u",
            "ünïcode gave up ü",
        ];
        let words = ["gave up", "will not be retried", "x", "ü", " temporar"];
        for word in words {
            let needle = Needle::new(word);
            for text in texts {
                assert_eq!(
                    needle.find_in(text),
                    find_ignore_case(text, word),
                    "{word:?} in {text:?}"
                );
            }
        }
        assert!(any_in("a Permanent Error", &[Needle::new("permanent error")]));
        assert!(!any_in("permanent", &[Needle::new("permanent error")]));
    }

    #[test]
    fn finds_the_first_place_of_a_needle() {
        // The rare byte (`k`, `q`) is not the first; the first match wins.
        let text = "the queue kept it; The Queue Kept it";
        assert_eq!(find(text, "Queue Kept"), Some(23));
        assert_eq!(find(text, "queue kept"), Some(4));
        assert_eq!(find_ignore_case(text, "QUEUE KEPT"), Some(4));
        assert_eq!(find(text, "queue kept it;!"), None);
        assert_eq!(find("ab", "abc"), None);
        assert_eq!(find("", ""), Some(0));
        assert_eq!(find_ignore_case("xyz", ""), Some(0));
        assert!(has("сервером Mail.Ru", "Mail.Ru"));
        assert!(!has("Mail.R", "Mail.Ru"));
    }

    #[test]
    fn reads_address_lines() {
        assert_eq!(
            address_line("     neko@example.org"),
            Some("neko@example.org")
        );
        assert_eq!(
            address_line("<neko@example.org>:"),
            Some("neko@example.org")
        );
        assert_eq!(
            address_line("Neko<mailto:neko@example.org>"),
            Some("neko@example.org")
        );
        assert_eq!(address_line("Mail for neko@example.org failed"), None);
        assert_eq!(address_line("To: neko@example.org"), None);
    }

    #[test]
    fn finds_words_in_any_case() {
        assert!(contains_ignore_case("Mail Delivery Failed", "DELIVERY f"));
        assert!(contains_ignore_case("abc", "abc"));
        assert!(contains_ignore_case("abc", ""));
        assert!(!contains_ignore_case("ab", "abc"));
        assert!(!contains_ignore_case("Mail Delivery", "delivery failed"));
        assert!(contains_any("Returned mail", &["x", "RETURNED"]));
        assert_eq!(find_ignore_case("a</STYLE>b", "</style"), Some(1));
    }

    #[test]
    fn cuts_before_a_header_block() {
        let text = "The response was:\nNo such user\nX-Received: by \
                    192.0.2.1\nFrom: <a@example.org>\nTo: <b@example.org>\n";
        assert_eq!(before_headers(text), "The response was:\nNo such user\n");
        let kept = "Reason: quota\nTo: neko@example.org was full\n";
        assert_eq!(before_headers(kept), kept);
    }

    #[test]
    fn cuts_before_the_returned_message() {
        let text = "a\nb\n----- Original message -----\nc\n";
        assert_eq!(before_line(text, &["----- Original"]), "a\nb\n");
    }

    #[test]
    fn cuts_a_section() {
        let text = "Hello.\nThis is the mailer.\n<a@example.org>: no\n\
                    --- Below this line is a copy\nTo: b@example.org\n";
        let got = section(text, &["This is the mailer"], &["--- Below"]);
        assert_eq!(got, "<a@example.org>: no\n");
        let both = section(text, &["<a@", "Hello"], &["--- Below"]);
        assert!(both.starts_with("This is the mailer"));
    }

    #[test]
    fn finds_ips_in_prose() {
        assert_eq!(
            first_ip("Connected to 192.0.2.1 but sender was rejected."),
            Some("192.0.2.1".into())
        );
        assert_eq!(
            first_ip("Giving up on 192.0.2.9."),
            Some("192.0.2.9".into())
        );
        assert_eq!(first_ip("no address here"), None);
        assert_eq!(
            first_ip("remote server [192.0.2.17:25]: refused"),
            Some("192.0.2.17".into())
        );
    }

    #[test]
    fn finds_a_host_after_a_marker() {
        let host = host_after(
            "rejected by the server for the recipient domain example.org \
             by mx.example.org. [192.0.2.1].",
            " by ",
        );
        let host = host.unwrap();
        assert_eq!(host.name.as_deref(), Some("mx.example.org"));
        assert_eq!(host.ip.as_deref(), Some("192.0.2.1"));
    }

    #[test]
    fn reads_bracketed_commands() {
        let mut r = record("neko@example.org", "550 5.1.1 No [RCPT_TO]");
        command_from_tag(&mut r);
        assert_eq!(r.command, Some(Command::Rcpt));
    }
}
