// SPDX-License-Identifier: MIT
//! RFC 3463 enhanced status codes: `class "." subject "." detail`.

use std::fmt;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, one_of};
use nom::combinator::map_res;
use nom::sequence::delimited;
use nom::{IResult, Parser};
use serde::{Serialize, Serializer};

/// An enhanced status code such as `5.1.1` (RFC 3463 §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Status {
    /// 2 (success), 4 (persistent transient failure), 5 (permanent).
    pub class: u8,
    /// 0 to 999; RFC 3463 defines 0 to 7.
    pub subject: u16,
    /// 0 to 999.
    pub detail: u16,
}

impl Status {
    /// Builds a code from its three numbers.
    pub const fn new(class: u8, subject: u16, detail: u16) -> Status {
        Status { class, subject, detail }
    }

    /// Parses a whole string such as `"4.7.1"`.
    pub fn parse(s: &str) -> Option<Status> {
        match enhanced_status(s.trim()) {
            Ok(("", status)) => Some(status),
            _ => None,
        }
    }

    /// True if and only if the class is 5 (permanent failure).
    pub fn is_permanent(self) -> bool {
        self.class == 5
    }

    /// True if and only if the code says nothing beyond its class:
    /// `X.0.0`.
    pub fn is_class_only(self) -> bool {
        self.subject == 0 && self.detail == 0
    }

    /// True if and only if the code is one of the `X.0.9nn` stand-ins
    /// that decoders give a reason when the notice has no code.
    pub fn is_stand_in(self) -> bool {
        self.subject == 0 && self.detail >= 900
    }

    /// True if and only if the code says nothing beyond its class
    /// (`X.0.0`), or is one of Sisimai's `X.0.9xx` stand-ins.
    pub fn is_vague(self) -> bool {
        self.subject == 0 && (self.detail == 0 || self.detail >= 900)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn number(i: &str) -> IResult<&str, u16> {
    map_res(take_while_m_n(1, 3, |c: char| c.is_ascii_digit()), str::parse)
        .parse(i)
}

/// A subject or detail as servers write them: no leading zero, and a
/// subject of two digits at most (RFC 3463 defines 0 to 7). Amounts
/// with thousands separators (`Rp 5.511.000`) are no status codes.
fn field(longest: usize) -> impl Fn(&str) -> IResult<&str, u16> {
    move |i| {
        let (rest, n) = number(i)?;
        let digits = &i[..i.len() - rest.len()];
        if digits.len() > longest
            || (digits.len() > 1 && digits.starts_with('0'))
        {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Verify,
            )));
        }
        Ok((rest, n))
    }
}

/// `status-code = class "." subject "." detail` (RFC 3463 §2), with the
/// class limited to 2, 4 and 5.
///
/// ```
/// use pantul::grammar::status::{enhanced_status, Status};
/// assert_eq!(enhanced_status("5.7.1 no"), Ok((" no", Status::new(5, 7, 1))));
/// assert!(enhanced_status("3.1.1").is_err());
/// ```
pub fn enhanced_status(i: &str) -> IResult<&str, Status> {
    (one_of("245"), char('.'), field(2), char('.'), field(3))
        .map(|(class, _, subject, _, detail)| Status {
            class: class as u8 - b'0',
            subject,
            detail,
        })
        .parse(i)
}

/// The first enhanced status code standing alone in `text` (not part of a
/// longer dotted number such as an IP address or a version), with the
/// byte offset where it starts.
pub fn find_status(text: &str) -> Option<(usize, Status)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'.', &bytes[from..]).map(|i| from + i) {
        from = i + 1;
        if i == 0 || !matches!(bytes[i - 1], b'2' | b'4' | b'5') {
            continue;
        }
        let start = i - 1;
        if start > 0
            && (bytes[start - 1].is_ascii_alphanumeric()
                || bytes[start - 1] == b'.')
        {
            continue;
        }
        let Ok((rest, status)) = enhanced_status(&text[start..]) else {
            continue;
        };
        let r = rest.as_bytes();
        let longer = r.first().is_some_and(|b| b.is_ascii_digit())
            || (r.first() == Some(&b'.')
                && r.get(1).is_some_and(|b| b.is_ascii_digit()));
        if !longer {
            return Some((start, status));
        }
    }
    None
}

/// `"(#" status-code ")"` or `"[#" status-code "]"`: the code qmail and
/// its relatives put after their own sentences.
///
/// ```
/// use pantul::grammar::status::{hash_status, Status};
/// let (_, s) = hash_status("(#5.1.2)").unwrap();
/// assert_eq!(s, Status::new(5, 1, 2));
/// assert!(hash_status("[#102]").is_err());
/// ```
pub fn hash_status(i: &str) -> IResult<&str, Status> {
    alt((
        delimited(tag("(#"), enhanced_status, tag(")")),
        delimited(tag("[#"), enhanced_status, tag("]")),
    ))
    .parse(i)
}

/// The first `(#x.y.z)` or `[#x.y.z]` in `text`.
///
/// ```text
/// Sorry, I couldn't find any host named example.net. (#5.1.2)
/// Resources temporarily unavailable, please try again later [#4.1.9].
/// ```
pub fn find_hash_status(text: &str) -> Option<Status> {
    text.match_indices('#')
        .filter_map(|(at, _)| at.checked_sub(1))
        .find_map(|open| hash_status(text.get(open..)?).ok())
        .map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_code_in_running_text() {
        let got = find_status("said: 450 4.7.1 <a@b>: rejected");
        assert_eq!(got, Some((10, Status::new(4, 7, 1))));
    }

    #[test]
    fn skips_ip_addresses_and_versions() {
        assert_eq!(find_status("from 5.1.1.10 and v2.4.5.1"), None);
        assert_eq!(find_status("host [192.0.2.4]"), None);
    }

    #[test]
    fn skips_amounts_with_thousands_separators() {
        assert_eq!(find_status("Total Rp 5.511.000."), None);
        assert_eq!(find_status("Rp 2.450.500 dan 4.0.05"), None);
        let found = find_status("Rp 5.511.000, lalu 5.1.10 unknown");
        assert_eq!(found.map(|(_, s)| s), Some(Status::new(5, 1, 10)));
    }

    #[test]
    fn finds_hash_codes_after_any_character() {
        assert_eq!(
            find_hash_status("later [#4.1.9]."),
            Some(Status::new(4, 1, 9))
        );
        assert_eq!(
            find_hash_status("é#5.1.1) (#5.1.2)"),
            Some(Status::new(5, 1, 2))
        );
        assert_eq!(find_hash_status("disabled [#102]."), None);
    }

    #[test]
    fn displays_and_judges() {
        let s = Status::parse("5.0.910").unwrap();
        assert_eq!(s.to_string(), "5.0.910");
        assert!(s.is_vague() && s.is_permanent());
        assert_eq!(Status::parse("5.1"), None);
    }
}
