// SPDX-License-Identifier: MIT
//! The body parts of a multipart body (RFC 2046 §5.1.1), found by their
//! delimiter lines.

use crate::input::MAX_PARTS;

/// A body part of a multipart, as bytes: `bytes[..len]`, and after it
/// the line end that belongs to the next delimiter line, if any.
pub(super) struct Child<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) len: usize,
}

/// The body parts of a multipart body (RFC 2046 §5.1.1); `None` if no
/// delimiter line is there.
///
/// A delimiter line is `--` and the boundary at the start of a line
/// (leniently, after white space too), then `--` for the close
/// delimiter, then white space alone; the line end before it belongs to
/// it. A body with no close delimiter ends at the end of the input.
pub(super) fn children<'a>(
    body: &'a [u8],
    boundary: &[u8],
) -> Option<Vec<Child<'a>>> {
    if boundary.is_empty() {
        return None;
    }
    // The boundary is searched for, not each line: a delimiter line
    // holds it, and the lines between (base64, text) are passed over.
    let finder = memchr::memmem::Finder::new(boundary);
    let mut parts = Vec::new();
    let mut open: Option<usize> = None;
    let mut from = 0;
    // One part more than the walk reads tells it that it stopped short.
    while parts.len() <= MAX_PARTS {
        let Some(found) = finder.find(&body[from..]).map(|i| from + i) else {
            break;
        };
        let Some(line_start) = delimiter_line_start(body, found) else {
            from = found + 1;
            continue;
        };
        let line_end = memchr::memchr(b'\n', &body[found..])
            .map_or(body.len(), |i| found + i);
        let line = &body[line_start..line_end];
        if let Some(close) = delimiter(line, boundary) {
            if let Some(start) = open {
                parts.push(child(body, start, line_start));
            }
            if close {
                return Some(parts);
            }
            open = Some((line_end + 1).min(body.len()));
        }
        if line_end >= body.len() {
            break;
        }
        from = line_end + 1;
    }
    let start = open?;
    if parts.len() <= MAX_PARTS {
        parts.push(Child { bytes: &body[start..], len: body.len() - start });
    }
    Some(parts)
}

/// The start of the line on which the boundary found at `at` may make a
/// delimiter line: `--` just before it, and before that white space
/// alone (spaces and tabs) back to the start of a line.
fn delimiter_line_start(body: &[u8], at: usize) -> Option<usize> {
    let dashes = at.checked_sub(2)?;
    if &body[dashes..at] != b"--" {
        return None;
    }
    let indent = body[..dashes]
        .iter()
        .rev()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    let start = dashes - indent;
    (start == 0 || body[start - 1] == b'\n').then_some(start)
}

/// The body part from `start` to the delimiter line at `line_start`.
/// When white space leads the delimiter, the part ends just before its
/// `--`, as it would where the `--` alone is taken for the delimiter.
fn child(body: &[u8], start: usize, line_start: usize) -> Child<'_> {
    let indent = body[line_start..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    if indent > 0 {
        let bytes = &body[start..(line_start + indent).max(start)];
        return Child { bytes, len: bytes.len() };
    }
    let end = before_line_end(body, line_start).max(start);
    Child { bytes: &body[start..line_start.max(start)], len: end - start }
}

/// `Some(close)` if `line` is a delimiter line of `boundary`.
fn delimiter(line: &[u8], boundary: &[u8]) -> Option<bool> {
    let line = match line.first() {
        Some(b' ' | b'\t') => {
            let start = line.iter().position(|&b| b != b' ' && b != b'\t')?;
            &line[start..]
        }
        _ => line,
    };
    let rest = line.strip_prefix(b"--")?.strip_prefix(boundary)?;
    let (close, rest) = match rest.strip_prefix(b"--") {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    rest.iter().all(|b| b.is_ascii_whitespace()).then_some(close)
}

/// The offset of the line end before the line starting at `at`.
fn before_line_end(body: &[u8], at: usize) -> usize {
    let mut end = at.saturating_sub(1);
    if end > 0 && body.get(end - 1) == Some(&b'\r') {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The former reader, line by line, that [`children`] must agree
    /// with.
    fn children_by_lines<'a>(
        body: &'a [u8],
        boundary: &[u8],
    ) -> Option<Vec<Child<'a>>> {
        if boundary.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        let mut open: Option<usize> = None;
        let mut line_start = 0;
        // One part more than the walk reads tells it that it stopped short.
        while line_start < body.len() && parts.len() <= MAX_PARTS {
            let line_end = memchr::memchr(b'\n', &body[line_start..])
                .map_or(body.len(), |i| line_start + i);
            let line = &body[line_start..line_end];
            if let Some(close) = delimiter(line, boundary) {
                if let Some(start) = open {
                    parts.push(child(body, start, line_start));
                }
                if close {
                    return Some(parts);
                }
                open = Some((line_end + 1).min(body.len()));
            }
            line_start = line_end + 1;
        }
        let start = open?;
        if parts.len() <= MAX_PARTS {
            parts
                .push(Child { bytes: &body[start..], len: body.len() - start });
        }
        Some(parts)
    }

    /// The parts as `(start, len)` pairs, to compare two readers.
    fn places(
        body: &[u8],
        children: Option<Vec<Child<'_>>>,
    ) -> Option<Vec<(usize, usize, usize)>> {
        let at =
            |c: &Child<'_>| c.bytes.as_ptr() as usize - body.as_ptr() as usize;
        children
            .map(|c| c.iter().map(|c| (at(c), c.bytes.len(), c.len)).collect())
    }

    #[test]
    fn the_boundary_search_finds_what_the_lines_do() {
        let bodies: [&[u8]; 9] = [
            b"preamble\r\n--b\r\none\r\n--b\r\ntwo\n\n--b--\r\nepilogue",
            b"--b\none\n  --b--\n",
            b"x--b\n--b\n\t --b x\n--bb\n--b\n--b--",
            b"--b--b\n---b\n--b",
            b"----\n------\n--\n",
            b"a--b\n \n--b",
            b"--b\n--b\n--b\n",
            b"",
            b"--",
        ];
        for body in bodies {
            for boundary in [&b"b"[..], b"--", b"-", b"b--", b"x"] {
                let mut cut = body.to_vec();
                for end in (0..=body.len()).rev() {
                    cut.truncate(end);
                    assert_eq!(
                        places(&cut, children(&cut, boundary)),
                        places(&cut, children_by_lines(&cut, boundary)),
                        "{:?} {:?}",
                        String::from_utf8_lossy(&cut),
                        String::from_utf8_lossy(boundary)
                    );
                }
            }
        }
    }

    /// Each child's bytes before the line end of the next delimiter.
    fn texts(body: &str, boundary: &str) -> Option<Vec<String>> {
        let children = children(body.as_bytes(), boundary.as_bytes())?;
        let text = |c: &Child<'_>| {
            String::from_utf8_lossy(&c.bytes[..c.len]).into_owned()
        };
        Some(children.iter().map(text).collect())
    }

    #[test]
    fn delimiter_lines_are_known() {
        assert_eq!(delimiter(b"--b", b"b"), Some(false));
        assert_eq!(delimiter(b"--b--  \r", b"b"), Some(true));
        assert_eq!(delimiter(b" \t--b", b"b"), Some(false));
        assert_eq!(delimiter(b"--bx", b"b"), None);
        assert_eq!(delimiter(b"-b", b"b"), None);
        assert_eq!(delimiter(b" ", b"b"), None);
    }

    #[test]
    fn parts_lie_between_delimiters() {
        let body = "preamble\r\n--b\r\none\r\n--b\r\ntwo\n\n--b--\r\nepilogue";
        assert_eq!(texts(body, "b").unwrap(), ["one", "two\n"]);
    }

    #[test]
    fn an_unclosed_body_ends_at_the_end() {
        assert_eq!(
            texts("--b\none\n--b\ntwo\n", "b").unwrap(),
            ["one", "two\n"]
        );
        assert_eq!(texts("--b", "b").unwrap(), [""]);
    }

    #[test]
    fn an_indented_delimiter_ends_the_part_before_its_dashes() {
        let children = children(b"--b\none\n  --b--\n", b"b").unwrap();
        assert_eq!(children[0].bytes, b"one\n  ");
        assert_eq!(children[0].len, 6);
    }

    #[test]
    fn no_delimiter_is_no_multipart() {
        assert!(texts("just text\n--c\n", "b").is_none());
        assert!(texts("--\n", "").is_none());
    }
}
