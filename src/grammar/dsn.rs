// SPDX-License-Identifier: MIT
//! RFC 3464 delivery-status fields: groups of `Name: value` lines, one
//! group for the message and one per recipient (RFC 3464 §2.1), also
//! when webmail shows them inline among other text.

use nom::IResult;

/// Field names of RFC 3464 (and the `X-` fields MTAs add) that make a
/// line part of a delivery-status group.
const FIELDS: &[&str] = &[
    "reporting-mta",
    "dsn-gateway",
    "received-from-mta",
    "arrival-date",
    "original-envelope-id",
    "final-recipient",
    "original-recipient",
    "action",
    "status",
    "remote-mta",
    "diagnostic-code",
    "last-attempt-date",
    "final-log-id",
    "will-retry-until",
];

/// Fields that only a per-recipient group has.
const RECIPIENT_FIELDS: &[&str] =
    &["final-recipient", "original-recipient", "x-actual-recipient"];

/// One group of fields, names lowercase, values unfolded.
pub type Group = Vec<(String, String)>;

/// The fields of a delivery-status part.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DeliveryStatus {
    /// Per-message fields (`Reporting-MTA`, `Arrival-Date`, …).
    pub message: Group,
    /// One group per recipient, in order.
    pub recipients: Vec<Group>,
}

impl DeliveryStatus {
    /// The first value of a per-message field.
    pub fn message_field(&self, name: &str) -> Option<&str> {
        get(&self.message, name)
    }
}

/// The first value of field `name` in a group.
pub fn get<'a>(group: &'a Group, name: &str) -> Option<&'a str> {
    group.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// `field = field-name ":" [ value ]` on one line.
///
/// ```
/// use pantul::grammar::dsn::field;
/// assert_eq!(field("Status: 5.1.1"), Ok(("", ("Status", "5.1.1"))));
/// ```
pub fn field(i: &str) -> IResult<&str, (&str, &str)> {
    // By hand rather than by combinators: every line of a notice is
    // asked, and the name's bytes are ASCII, the line's end one `memchr`.
    let bytes = i.as_bytes();
    let name_end = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-'))
        .unwrap_or(bytes.len());
    if name_end == 0 {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::TakeWhile1,
        )));
    }
    if bytes.get(name_end) != Some(&b':') {
        return Err(nom::Err::Error(nom::error::Error::new(
            &i[name_end..],
            nom::error::ErrorKind::Char,
        )));
    }
    let from = name_end + 1;
    let end =
        memchr::memchr(b'\n', &bytes[from..]).map_or(i.len(), |e| from + e);
    Ok((&i[end..], (&i[..name_end], i[from..end].trim())))
}

/// True if and only if `line` is a delivery-status field of RFC 3464
/// (`Final-Recipient: rfc822; neko@example.org`), as webmail shows the
/// part inline after a notice's text.
pub fn is_field_line(line: &str) -> bool {
    field(line.trim_start()).is_ok_and(|(_, (name, _))| is_named(name))
}

/// True if and only if `name` is one of [`FIELDS`], in any case.
fn is_named(name: &str) -> bool {
    FIELDS.iter().any(|f| f.eq_ignore_ascii_case(name))
}

/// True if and only if a field `name` (any case) belongs to a group: an
/// RFC 3464 field, or an `X-` field inside a group or naming the actual
/// recipient.
fn is_dsn_field(name: &str, in_group: bool) -> bool {
    let x = name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("x-"));
    is_named(name)
        || (in_group || name.eq_ignore_ascii_case("x-actual-recipient")) && x
}

/// The field a name stands for: itself when known, or the known field
/// it is the tail of when a broken line lost its first letters in the
/// middle of a word (`ction` for `Action`); `None` for other names.
///
/// ```text
/// ction: failed
/// ```
fn repaired(name: &str, in_group: bool) -> Option<String> {
    // Names are ASCII (letters, digits, `-`): compared in place, any
    // case, and lowercased only when kept.
    if is_dsn_field(name, in_group) {
        return Some(name.to_ascii_lowercase());
    }
    let mut tails = FIELDS.iter().filter(|f| {
        f.len() > name.len()
            && f.as_bytes()[f.len() - name.len()..]
                .eq_ignore_ascii_case(name.as_bytes())
            && f.as_bytes()[f.len() - name.len() - 1] != b'-'
    });
    match (tails.next(), tails.next()) {
        (Some(one), None) if in_group && name.len() >= 3 => {
            Some(one.to_string())
        }
        _ => None,
    }
}

/// Reads every delivery-status group in `text`: runs of field lines, each
/// ended by a blank line or a line that is not a field. Inside a group,
/// a field line with an unknown name is passed over, so one broken line
/// does not split its group.
pub fn groups(text: &str) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut current: Group = Vec::new();
    // True while the lines are those of a passed-over field.
    let mut passing = false;
    for line in crate::input::lines(text) {
        let folded = line.starts_with([' ', '\t']) && !line.trim().is_empty();
        if folded && passing {
            continue;
        }
        if folded {
            if let Some((_, value)) = current.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
                continue;
            }
        }
        let in_group = !current.is_empty();
        let known = field(line)
            .ok()
            .map(|(_, (name, value))| (repaired(name, in_group), value));
        passing = false;
        match known {
            Some((Some(name), value)) => {
                current.push((name, value.to_string()));
            }
            Some((None, _)) if in_group => passing = true,
            _ if in_group => groups.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

/// Reads the delivery-status fields in `text`; groups with a recipient
/// field are recipients, the first other group is the message's.
pub fn delivery_status(text: &str) -> DeliveryStatus {
    let mut status = DeliveryStatus::default();
    for group in groups(text).into_iter().flat_map(per_recipient) {
        let is_recipient =
            group.iter().any(|(n, _)| RECIPIENT_FIELDS.contains(&n.as_str()));
        if is_recipient {
            status.recipients.push(group);
        } else if status.message.is_empty() {
            status.message = group;
        }
    }
    if status.message.is_empty() {
        // Without blank lines between the groups, the per-message fields
        // open the first recipient's group.
        if let Some(first) = status.recipients.first() {
            status.message = first
                .iter()
                .filter(|(n, _)| MESSAGE_FIELDS.contains(&n.as_str()))
                .cloned()
                .collect();
        }
    }
    status
}

/// Fields that only the per-message group has (RFC 3464 §2.2).
const MESSAGE_FIELDS: &[&str] = &[
    "reporting-mta",
    "dsn-gateway",
    "received-from-mta",
    "arrival-date",
    "original-envelope-id",
];

/// A group split at each `Final-Recipient:` after its first, for notices
/// that leave out the blank lines between recipients:
///
/// ```text
/// Final-Recipient: rfc822; neko@example.org
/// Status: 5.2.2
/// Final-Recipient: rfc822; tora@example.org
/// Status: 5.1.1
/// ```
fn per_recipient(group: Group) -> Vec<Group> {
    let mut out: Vec<Group> = vec![Vec::new()];
    for (name, value) in group {
        let again = name == "final-recipient"
            && out
                .last()
                .is_some_and(|g| g.iter().any(|(n, _)| n == "final-recipient"));
        if again {
            out.push(Vec::new());
        }
        if let Some(g) = out.last_mut() {
            g.push((name, value));
        }
    }
    out
}

/// Splits a typed value such as `rfc822; neko@example.org` or
/// `smtp; 550 5.1.1 …` into its type (lowercase) and the rest.
pub fn typed(value: &str) -> (Option<String>, &str) {
    match value.split_once(';') {
        Some((kind, rest))
            if !kind.is_empty()
                && kind.len() <= 16
                && kind
                    .trim()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-') =>
        {
            (Some(kind.trim().to_ascii_lowercase()), rest.trim())
        }
        _ => (None, value.trim()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The combinators `field` was written with before, which it must
    /// agree with on every line.
    fn field_by_combinators(i: &str) -> IResult<&str, (&str, &str)> {
        use nom::bytes::complete::{take_while, take_while1};
        use nom::character::complete::char;
        use nom::Parser;
        let name = take_while1(|c: char| c.is_ascii_alphanumeric() || c == '-');
        (name, char(':'), take_while(|c| c != '\n'))
            .map(|(n, _, v): (&str, char, &str)| (n, v.trim()))
            .parse(i)
    }

    #[test]
    fn field_reads_as_the_combinators_did() {
        let mut lines: Vec<String> = [
            "",
            ":",
            "a:",
            "Status: 5.1.1",
            "Status:5.1.1\nnext",
            "-:x",
            "X-Postfix; x",
            "Final-Recipient : rfc822; a@b",
            "ná: x",
            "Action:\u{a0}failed\u{a0}",
            "Diagnostic-Code: smtp; 550\r\n",
            "é",
            "Name:\n",
            "Name: x \n y",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let corpus = std::path::Path::new("../shared/corpus/sisimai/eml");
        for entry in std::fs::read_dir(corpus).into_iter().flatten().flatten() {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes);
            lines.extend(text.split_inclusive('\n').map(str::to_string));
        }
        for line in &lines {
            let ours = field(line).map_err(|e| e.map(|e| (e.input, e.code)));
            let theirs = field_by_combinators(line)
                .map_err(|e| e.map(|e| (e.input, e.code)));
            assert_eq!(ours, theirs, "{line:?}");
        }
    }

    const PART: &str = "Reporting-MTA: dns; mx.example.jp\n\
        Arrival-Date: Thu, 29 Apr 2013 23:45:41 +0900\n\
        \n\
        Final-Recipient: rfc822; neko@example.org\n\
        Action: failed\n\
        Status: 5.1.1\n\
        Diagnostic-Code: smtp; 550 5.1.1 <neko@example.org>:\n    \
        User unknown\n";

    #[test]
    fn reads_message_and_recipient_groups() {
        let ds = delivery_status(PART);
        assert_eq!(
            ds.message_field("reporting-mta"),
            Some("dns; mx.example.jp")
        );
        assert_eq!(ds.recipients.len(), 1);
        let diag = get(&ds.recipients[0], "diagnostic-code").unwrap();
        assert_eq!(diag, "smtp; 550 5.1.1 <neko@example.org>: User unknown");
    }

    #[test]
    fn finds_groups_inline_in_prose() {
        let text = format!("Hello.\nThe mail failed.\n{PART}\nThanks");
        assert_eq!(delivery_status(&text).recipients.len(), 1);
    }

    #[test]
    fn a_broken_field_line_keeps_its_group() {
        let text = "Final-Recipient: RFC822; neko@example.org\n\
            ction: failed\n\
            Status: 5.3.0\n\
            X-Unknown-Thing: 1\n\
            Diagnostic-Code: X-Unix; 77\n";
        let ds = delivery_status(text);
        assert_eq!(ds.recipients.len(), 1);
        let group = &ds.recipients[0];
        assert_eq!(get(group, "action"), Some("failed"));
        assert_eq!(get(group, "status"), Some("5.3.0"));
        assert_eq!(get(group, "diagnostic-code"), Some("X-Unix; 77"));
    }

    #[test]
    fn whole_words_are_not_repaired() {
        assert_eq!(repaired("Date", true), None);
        assert_eq!(repaired("ction", false), None);
        assert_eq!(repaired("tatus", true).as_deref(), Some("status"));
    }

    #[test]
    fn splits_recipients_without_blank_lines() {
        let text = "Reporting-MTA: dns; mx.example.jp\n\
            Final-Recipient: rfc822; neko@example.org\nStatus: 5.2.2\n\
            Final-Recipient: rfc822; tora@example.org\nStatus: 5.1.1\n";
        let ds = delivery_status(text);
        assert_eq!(ds.recipients.len(), 2);
        assert_eq!(get(&ds.recipients[1], "status"), Some("5.1.1"));
        assert_eq!(
            ds.message_field("reporting-mta"),
            Some("dns; mx.example.jp")
        );
    }

    #[test]
    fn splits_typed_values() {
        assert_eq!(typed("rfc822; a@b"), (Some("rfc822".into()), "a@b"));
        assert_eq!(typed("a@b"), (None, "a@b"));
    }
}
