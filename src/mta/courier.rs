// SPDX-License-Identifier: MIT
//! The Courier mail server's notices: a framed section a kind of
//! outcome, one `<address>:` paragraph a recipient with the host tried
//! and the last exchange (`>>>` command, `<<<` reply), or Courier's
//! own words after `<<<`.
//!
//! ```text
//! This is a delivery status notification from mx.example.com,
//! running the Courier mail server, version 1.1.
//! …
//!                            UNDELIVERABLE MAIL
//!
//! Your message to the following recipients cannot be delivered:
//!
//! <neko@example.org>:
//!     mx.example.org [192.0.2.95]:
//! >>> RCPT TO:<neko@example.org>
//! <<< 550 5.1.1 <neko@example.org>... User Unknown
//!
//! <tora@example.net>:
//! <<< No such domain.
//! ---------------------------------------------------------------------------
//! ```

use super::layout::{self, Paragraph};
use super::Family;
use crate::command::Command;
use crate::grammar::host::parse_host;
use crate::grammar::postfix::one_line;
use crate::notice::Notice;
use crate::reason::Reason;
use crate::record::{Action, Record};

/// The Courier family.
pub const FAMILY: Family =
    Family { id: "courier", claims, extract, words: Some(claim_words) };

/// The headings of Courier's sections and what each says of delivery.
const SECTIONS: &[(&str, Action)] = &[
    // UNDELIVERABLE MAIL
    ("UNDELIVERABLE MAIL", Action::Failed),
    // DELAYS IN DELIVERING YOUR MESSAGE
    ("DELAYS IN DELIVERING YOUR MESSAGE", Action::Delayed),
];

/// The sentence that names the program.
const SIGNATURE: &str = "running the Courier mail server";

/// Subjects Courier gives its notices.
const SUBJECTS: &[&str] =
    &["NOTICE: mail delivery status.", "WARNING: delayed mail."];

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    let mut words = vec![SIGNATURE, "Courier mail server at ", "<courier."];
    words.extend(SUBJECTS);
    words.extend(SECTIONS.iter().map(|s| s.0));
    words
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, SIGNATURE)
        || layout::lines(&notice.body)
            .any(|l| SECTIONS.iter().any(|s| l.trim() == s.0))
        || layout::contains_any(notice.subject(), SUBJECTS)
        || notice.from().contains("Courier mail server at ")
        || notice
            .header("message-id")
            .is_some_and(|m| m.starts_with("<courier."))
}

/// A record for each `<address>:` paragraph of each section.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = notice.body.as_str();
    let mut records = Vec::new();
    for &(heading, action) in SECTIONS {
        let Some(section) = layout::after_line(body, heading) else {
            continue;
        };
        let section = layout::before_line(section, &["-----"]);
        let paragraphs = layout::paragraphs(section, layout::angle_opening);
        records.extend(paragraphs.iter().map(|p| record(p, action)));
    }
    records
}

fn record(paragraph: &Paragraph<'_>, action: Action) -> Record {
    let mut record = Record {
        address: Some(paragraph.address.to_string()),
        action: Some(action),
        ..Record::default()
    };
    let mut said = Vec::new();
    for line in paragraph.lines.iter().map(|l| l.trim()) {
        if let Some(command) = line.strip_prefix(">>> ") {
            record.command = Command::from_word(command);
        } else if let Some(reply) = line.strip_prefix("<<< ") {
            said.push(reply);
        } else if let Some(host) = line.strip_suffix(':') {
            // mx.example.org [192.0.2.95]:
            layout::set_remote(&mut record, Some(parse_host(host)));
        }
    }
    record.diagnostic =
        Some(one_line(&said.join("\n"))).filter(|d| !d.is_empty());
    record.fill_codes_from_diagnostic();
    if said.iter().any(|reply| names_unknown_user(reply)) {
        record.reason = Some((Reason::UserUnknown, "courier.user-unknown"));
    }
    record
}

/// True if and only if a reply is a 5xx that says `User NAME unknown`
/// and nothing more, the server naming the mailbox it does not know:
/// `550 User neko unknown`.
fn names_unknown_user(reply: &str) -> bool {
    let mut words = reply.split_whitespace();
    let code = words.next().unwrap_or("");
    let permanent = code.len() == 3 && code.starts_with('5');
    let rest: Vec<&str> = words.collect();
    permanent
        && matches!(rest.as_slice(), [user, _, unknown]
            if user.eq_ignore_ascii_case("user")
                && unknown.trim_end_matches('.').eq_ignore_ascii_case("unknown"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::status::Status;

    #[test]
    fn reads_each_paragraph() {
        let body =
            "This is a delivery status notification from mx.example.com,\n\
            running the Courier mail server, version 1.1.\n\n\
            ----------\n\n                           UNDELIVERABLE MAIL\n\n\
            Your message to the following recipients cannot be delivered:\n\n\
            <neko@example.org>:\n    mx.example.org [192.0.2.95]:\n\
            >>> RCPT TO:<neko@example.org>\n\
            <<< 550 5.1.1 <neko@example.org>... User Unknown\n\n\
            <tora@example.net>:\n<<< No such domain.\n\n\
            ----------\n";
        let records = extract(&Notice::fragment(body.to_string()));
        assert_eq!(records.len(), 2);
        let neko = &records[0];
        assert_eq!(neko.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(neko.remote_ip.as_deref(), Some("192.0.2.95"));
        assert_eq!(neko.command, Some(Command::Rcpt));
        assert_eq!(neko.status, Some(Status::new(5, 1, 1)));
        assert_eq!(records[1].diagnostic.as_deref(), Some("No such domain."));
    }

    #[test]
    fn a_reply_naming_an_unknown_user_is_user_unknown() {
        assert!(names_unknown_user("550 User neko unknown"));
        assert!(names_unknown_user("550 user neko Unknown."));
        assert!(!names_unknown_user("450 User neko unknown"));
        assert!(!names_unknown_user(
            "550 User neko unknown to the spam filter"
        ));
        assert!(!names_unknown_user("550 User neko blocked"));
    }
}
