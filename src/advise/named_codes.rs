// SPDX-License-Identifier: MIT
//! Codes that a text names in brackets, kept only where the bounce gave
//! them: a title written for Gmail's 4.7.28 does not name 4.7.28 over a
//! bounce whose status is 4.7.0.
//!
//! ```text
//! "Gmail is limiting email … (4.7.28)", status 4.7.0   -> "Gmail is limiting email …"
//! "Gmail unusual-rate limit (4.7.28, 5.7.28)", 5.7.28  -> "Gmail unusual-rate limit (5.7.28)"
//! "Banned by Microsoft 365 (5.7.606-649)", 5.7.607     -> unchanged
//! "limited (code 4.7.28) because …", no status         -> "limited because …"
//! ```

use crate::grammar::status::Status;

/// Words that may come before the codes inside the brackets.
const LEADS: &[&str] = &["code ", "kode "];

/// `text` with each bracketed group of enhanced status codes ("(4.7.28,
/// 5.7.28)", "(kode 5.7.606-649)", "(5.7.1 \"likely unsolicited\")")
/// narrowed to the codes among `given`; a group none of whose codes
/// was given is left out with the space before it. Brackets that name
/// no code ("(TSS04)", "(SPF, DKIM, DMARC)") stay as they are.
pub fn keep_given(text: String, given: &[Status]) -> String {
    if !names_codes(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = memchr::memchr(b'(', rest.as_bytes()) {
        let Some(len) = memchr::memchr(b')', &rest.as_bytes()[open..]) else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        out.push_str(&rest[..open]);
        match narrowed(inner, given) {
            None => out.push_str(&rest[open..=open + len]),
            Some(kept) if kept.is_empty() => {
                let trimmed = out.trim_end_matches(' ').len();
                out.truncate(trimmed);
            }
            Some(kept) => {
                out.push('(');
                out.push_str(&kept);
                out.push(')');
            }
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

/// True if and only if a bracket of `text` may list codes (a closed
/// one whose first word starts with a digit, after a lead word): texts
/// without one are given back as they are.
fn names_codes(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = memchr::memchr(b'(', rest.as_bytes()) {
        let Some(len) = memchr::memchr(b')', &rest.as_bytes()[open..]) else {
            return false;
        };
        let inner = &rest[open + 1..open + len];
        let list =
            LEADS.iter().find_map(|l| inner.strip_prefix(l)).unwrap_or(inner);
        if list.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        rest = &rest[open + len + 1..];
    }
    false
}

/// The bracket's content with only the given codes, empty if none was
/// given; none if the bracket is not a list of codes.
fn narrowed(inner: &str, given: &[Status]) -> Option<String> {
    let (lead, list) = LEADS
        .iter()
        .find_map(|l| inner.strip_prefix(l).map(|rest| (*l, rest)))
        .unwrap_or(("", inner));
    // Most brackets of our texts name no code ("(SPF)", "(cPanel: …)"):
    // a code's first word starts with a digit.
    if !list.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let items: Vec<&str> = list.split(", ").collect();
    let codes: Vec<Option<CodeRange>> =
        items.iter().map(|i| CodeRange::parse(first_word(i))).collect();
    if codes.iter().any(Option::is_none) {
        return None;
    }
    let kept: Vec<&str> = items
        .iter()
        .zip(&codes)
        .filter(|(_, c)| c.is_some_and(|c| given.iter().any(|&s| c.holds(s))))
        .map(|(item, _)| *item)
        .collect();
    match kept.is_empty() {
        true => Some(String::new()),
        false => Some(format!("{lead}{}", kept.join(", "))),
    }
}

fn first_word(item: &str) -> &str {
    item.split_whitespace().next().unwrap_or("")
}

/// An enhanced status code, or a range of its detail numbers
/// ("5.7.606-649").
#[derive(Clone, Copy, Debug)]
struct CodeRange {
    class: u8,
    subject: u16,
    first: u16,
    last: u16,
}

impl CodeRange {
    fn parse(word: &str) -> Option<CodeRange> {
        let (code, last) = match word.split_once('-') {
            Some((code, last)) => (code, Some(last.parse().ok()?)),
            None => (word, None),
        };
        let s = Status::parse(code)?;
        let last = last.unwrap_or(s.detail);
        let (class, subject, first) = (s.class, s.subject, s.detail);
        Some(CodeRange { class, subject, first, last })
    }

    fn holds(self, s: Status) -> bool {
        s.class == self.class
            && s.subject == self.subject
            && (self.first..=self.last).contains(&s.detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(s: &str) -> Status {
        Status::parse(s).unwrap_or(Status::new(5, 0, 0))
    }

    #[test]
    fn a_code_the_bounce_did_not_give_is_left_out() {
        let title = "Gmail is limiting email (4.7.28)";
        assert_eq!(
            keep_given(title.to_string(), &[status("4.7.0")]),
            "Gmail is limiting email"
        );
        assert_eq!(keep_given(title.to_string(), &[status("4.7.28")]), title);
        assert_eq!(
            keep_given(title.to_string(), &[]),
            "Gmail is limiting email"
        );
    }

    #[test]
    fn of_several_codes_only_the_given_one_stays() {
        let name = "Gmail unusual-rate limit (4.7.28, 5.7.28)";
        assert_eq!(
            keep_given(name.to_string(), &[status("5.7.28")]),
            "Gmail unusual-rate limit (5.7.28)"
        );
        let verdict = "Gmail spam verdict (5.7.1 likely unsolicited)";
        assert_eq!(
            keep_given(verdict.to_string(), &[status("5.7.1")]),
            verdict
        );
        assert_eq!(
            keep_given(verdict.to_string(), &[status("5.7.26")]),
            "Gmail spam verdict"
        );
    }

    #[test]
    fn a_range_holds_the_codes_inside_it() {
        let title = "Sending IP is banned by Microsoft 365 (5.7.606-649)";
        assert_eq!(keep_given(title.to_string(), &[status("5.7.607")]), title);
        assert_eq!(
            keep_given(title.to_string(), &[status("5.7.650")]),
            "Sending IP is banned by Microsoft 365"
        );
    }

    #[test]
    fn a_code_after_the_word_code_goes_in_mid_sentence() {
        let reply = "Email to Gmail is limited (code 4.7.28) because of it.";
        assert_eq!(
            keep_given(reply.to_string(), &[status("4.7.0")]),
            "Email to Gmail is limited because of it."
        );
        let id = "Email ke Gmail dibatasi (kode 4.7.28) karena itu.";
        assert_eq!(keep_given(id.to_string(), &[status("4.7.28")]), id);
    }

    #[test]
    fn brackets_without_codes_stay() {
        let title = "Yahoo/AOL is deferring email (TSS04) (SPF, DKIM)";
        assert_eq!(keep_given(title.to_string(), &[status("4.7.0")]), title);
        let open = "An unclosed (4.7.28";
        assert_eq!(keep_given(open.to_string(), &[]), open);
    }
}
