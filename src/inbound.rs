// SPDX-License-Identifier: MIT
//! Mail-log lines of the reader's own server refusing incoming mail:
//! Postfix's `smtpd` `reject:` lines and Exim's `rejected RCPT` lines.
//! Their client IP is a stranger's and their recipient the reader's own
//! user, so they are no bounce of the reader's mail: a text made of
//! them alone is told apart, never read as a refusal of the reader's IP
//! (fresh14 #27).
//!
//! ```text
//! Dec  6 10:00:01 mail postfix/smtpd[3001]: NOQUEUE: reject: RCPT from unknown[192.0.2.2]: 554 5.7.1 … blocked using zen.spamhaus.org; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<x>
//! 2026-12-06 10:00:01 H=(x) [192.0.2.2]:51234 F=<a@example.net> rejected RCPT <b@example.org>: … blocked using zen.spamhaus.org
//! ```

use crate::grammar::postfix_log::{is_postfix_line, queue_line};

/// True if and only if every line of `text` that is not blank is one
/// of the reader's server refusing incoming mail, and there is one.
///
pub fn only_refusals(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut any = false;
    for line in lines.by_ref().take(MAX_LINES) {
        if !(postfix_refusal(line) || exim_refusal(line)) {
            return false;
        }
        any = true;
    }
    any && lines.next().is_none()
}

/// Lines looked at, at most: a longer text is no paste of a few.
const MAX_LINES: usize = 1_000;

/// `… postfix/smtpd[7]: NOQUEUE: reject: RCPT from …` (or with a queue
/// id, for a refusal after DATA).
fn postfix_refusal(line: &str) -> bool {
    if !is_postfix_line(line) {
        return false;
    }
    let Ok((rest, q)) = queue_line(line) else { return false };
    q.program.ends_with("/smtpd")
        && rest.starts_with("reject: ")
        && rest.contains(" from ")
}

/// `… H=name [ip] … F=<sender> rejected RCPT <address>: …` (also
/// `rejected MAIL`, `rejected after DATA`), with no message id: Exim
/// logs a refusal in the SMTP session before the message has one.
fn exim_refusal(line: &str) -> bool {
    let Some(at) = line.find(" H=") else { return false };
    let stamp = &line[..at];
    let dated = stamp.len() >= 19
        && stamp.as_bytes()[4] == b'-'
        && stamp.bytes().take(4).all(|b| b.is_ascii_digit());
    let rest = &line[at..];
    dated
        && [" rejected RCPT ", " rejected MAIL ", " rejected after DATA"]
            .iter()
            .any(|w| rest.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_refusals_of_incoming_mail_from_bounces() {
        let postfix = "Dec  6 10:00:01 mail postfix/smtpd[1]: NOQUEUE: \
            reject: RCPT from unknown[192.0.2.2]: 550 5.1.1 \
            <b@example.org>: Recipient address rejected: User unknown; \
            from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<x>";
        let exim = "2026-12-06 10:00:05 H=mx.example.net [192.0.2.9]:4000 \
            F=<a@example.net> rejected RCPT <b@example.org>: No Such User";
        assert!(only_refusals(&format!("{postfix}\n\n{exim}\n")));
        let bounce = "<b@example.org>: host mx.example.org[192.0.2.1] \
            said: 550 5.1.1 User unknown";
        assert!(!only_refusals(bounce));
        assert!(!only_refusals(&format!("{postfix}\n{bounce}\n")));
        assert!(!only_refusals(" \n"));
    }
}
