// SPDX-License-Identifier: MIT
//! Patterns over codes and phrases in rules, checked by the build script
//! and used by the library.

/// One part of a code pattern: any value, or an inclusive range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Any,
    Range(u16, u16),
}

impl Part {
    fn parse(s: &str) -> Option<Part> {
        if s.eq_ignore_ascii_case("x") {
            return Some(Part::Any);
        }
        let (low, high) = s.split_once('-').unwrap_or((s, s));
        let low: u16 = number(low)?;
        let high: u16 = number(high)?;
        (low <= high).then_some(Part::Range(low, high))
    }

    fn holds(self, value: u16) -> bool {
        match self {
            Part::Any => true,
            Part::Range(low, high) => (low..=high).contains(&value),
        }
    }
}

fn number(s: &str) -> Option<u16> {
    let ok =
        !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

/// A pattern over an enhanced status code: `5.1.1`, `x.7.1`, `5.7.x`,
/// `5.7.606-649`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusPattern([Part; 3]);

impl StatusPattern {
    /// Reads a pattern; `None` if it is not one.
    pub fn parse(s: &str) -> Option<StatusPattern> {
        let mut parts = s.trim().split('.');
        let class = Part::parse(parts.next()?)?;
        let subject = Part::parse(parts.next()?)?;
        let detail = Part::parse(parts.next()?)?;
        parts
            .next()
            .is_none()
            .then_some(StatusPattern([class, subject, detail]))
    }

    /// True if and only if the code `class.subject.detail` matches.
    pub fn holds(&self, class: u8, subject: u16, detail: u16) -> bool {
        self.0[0].holds(u16::from(class))
            && self.0[1].holds(subject)
            && self.0[2].holds(detail)
    }
}

/// A pattern over an SMTP reply code: `550`, `5xx`, `x21`, `501-507`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplyPattern(Pattern);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pattern {
    Digits([Option<u8>; 3]),
    Range(u16, u16),
}

impl ReplyPattern {
    /// Reads a pattern; `None` if it is not one.
    pub fn parse(s: &str) -> Option<ReplyPattern> {
        let s = s.trim();
        if let Some((low, high)) = s.split_once('-') {
            let (low, high) = (number(low)?, number(high)?);
            let ok = low <= high && (200..=599).contains(&low);
            return ok.then_some(ReplyPattern(Pattern::Range(low, high)));
        }
        let bytes = s.as_bytes();
        if bytes.len() != 3 {
            return None;
        }
        let mut digits = [None; 3];
        for (slot, &b) in digits.iter_mut().zip(bytes) {
            *slot = match b {
                b'0'..=b'9' => Some(b - b'0'),
                b'x' | b'X' => None,
                _ => return None,
            };
        }
        Some(ReplyPattern(Pattern::Digits(digits)))
    }

    /// True if and only if the reply code matches.
    pub fn holds(&self, code: u16) -> bool {
        match self.0 {
            Pattern::Range(low, high) => (low..=high).contains(&code),
            Pattern::Digits(digits) => {
                let actual = [code / 100, code / 10 % 10, code % 10];
                code < 1000
                    && digits
                        .iter()
                        .zip(actual)
                        .all(|(d, a)| d.is_none_or(|d| u16::from(d) == a))
            }
        }
    }
}

/// The largest number of phrases one `{a-b}` range may stand for.
pub const MAX_RANGE: u16 = 1000;

/// Expands the `{a-b}` ranges of a phrase into one phrase per number;
/// `None` if a range is malformed or too large.
pub fn expand_phrase(phrase: &str) -> Option<Vec<String>> {
    let Some(open) = phrase.find('{') else {
        return Some(vec![phrase.to_string()]);
    };
    let close = open + phrase[open..].find('}')?;
    let (low, high) = phrase[open + 1..close].split_once('-')?;
    let width = low.len();
    let (low, high) = (number(low)?, number(high)?);
    if low > high || high - low >= MAX_RANGE {
        return None;
    }
    let mut out = Vec::new();
    for n in low..=high {
        let head = format!("{}{:0width$}", &phrase[..open], n);
        for tail in expand_phrase(&phrase[close + 1..])? {
            out.push(format!("{head}{tail}"));
        }
    }
    Some(out)
}

/// The fragments of a phrase between its `*` gaps, trimmed of nothing:
/// spaces around a gap are part of the fragments.
pub fn fragments(phrase: &str) -> impl Iterator<Item = &str> {
    phrase.split('*').filter(|f| !f.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_patterns() {
        let p = StatusPattern::parse("x.7.606-649").unwrap();
        assert!(p.holds(5, 7, 606) && p.holds(4, 7, 649));
        assert!(!p.holds(5, 7, 650));
        assert!(StatusPattern::parse("5.7").is_none());
        assert!(StatusPattern::parse("5.7.y").is_none());
    }

    #[test]
    fn reply_patterns() {
        assert!(ReplyPattern::parse("5xx").unwrap().holds(554));
        assert!(ReplyPattern::parse("x21").unwrap().holds(421));
        assert!(!ReplyPattern::parse("x21").unwrap().holds(422));
        assert!(ReplyPattern::parse("501-507").unwrap().holds(503));
        assert!(ReplyPattern::parse("55").is_none());
    }

    #[test]
    fn phrase_ranges_expand() {
        let got = expand_phrase("aup#i{1300-1302}").unwrap();
        assert_eq!(got, ["aup#i1300", "aup#i1301", "aup#i1302"]);
        assert_eq!(expand_phrase("x{09-10}").unwrap(), ["x09", "x10"]);
        assert!(expand_phrase("x{5-1}").is_none());
    }
}
