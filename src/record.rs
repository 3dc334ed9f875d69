// SPDX-License-Identifier: MIT
//! What extraction finds about one recipient, before classification.

use serde::Serialize;

use crate::command::Command;
use crate::grammar::status::Status;
use crate::reason::Reason;

/// What happened to the message for one recipient (RFC 3464 §2.3.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Delivery failed for good.
    Failed,
    /// Delivery is delayed; the server will retry.
    Delayed,
    /// Delivered.
    Delivered,
    /// Relayed to a system that sends no notices.
    Relayed,
    /// Delivered to a list or alias that forwards further.
    Expanded,
}

impl Action {
    /// Reads an `Action:` value (any case).
    pub fn parse(value: &str) -> Option<Action> {
        let v = value.trim().to_ascii_lowercase();
        let word = v.split(|c: char| !c.is_ascii_alphabetic()).next()?;
        Some(match word {
            "failed" | "failure" => Action::Failed,
            "delayed" | "deferred" => Action::Delayed,
            "delivered" | "deliverable" => Action::Delivered,
            "relayed" => Action::Relayed,
            "expanded" => Action::Expanded,
            _ => return None,
        })
    }

    /// The action a report gives a recipient: the notice's own, else
    /// the one the report's verdict settles, so that whatever counts by
    /// action counts as the summary does: `failed` for a failure the
    /// sending server will not try again (`permanent`), `delayed` for
    /// one it still retries, `delivered` for a delivery, none for an
    /// auto-reply or a complaint (no delivery attempt is reported).
    ///
    /// ```text
    /// "550 5.1.1 … User unknown" pasted, no Action: field -> failed
    /// "450 4.2.0 … Greylisted" in a queue listing         -> delayed
    /// ```
    pub fn settled(
        given: Option<Action>,
        reason: Reason,
        permanent: bool,
    ) -> Option<Action> {
        if given.is_some() {
            return given;
        }
        match reason {
            Reason::Delivered => Some(Action::Delivered),
            Reason::Vacation | Reason::Feedback => None,
            _ if permanent => Some(Action::Failed),
            _ => Some(Action::Delayed),
        }
    }

    /// The action's name as RFC 3464 writes it: `"failed"`, …
    pub fn name(self) -> &'static str {
        match self {
            Action::Failed => "failed",
            Action::Delayed => "delayed",
            Action::Delivered => "delivered",
            Action::Relayed => "relayed",
            Action::Expanded => "expanded",
        }
    }
}

/// What a mail log says of the earlier lines for one recipient of one
/// queued message, when it names them more than once (deferred, then
/// bounced): the record has the state of the last line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attempts {
    /// How many lines name the recipient, the last one included.
    pub count: usize,
    /// How many of the lines before the last said "deferred".
    pub deferred: usize,
    /// The time stamp of the first line, as logged (`Dec  1 10:00:00`).
    pub first: Option<String>,
    /// The time stamp of the last line, as logged.
    pub last: Option<String>,
}

/// One recipient as an extractor found it.
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// The recipient's address, if the notice gives a readable one.
    pub address: Option<String>,
    /// True if and only if the address was masked by a web page.
    pub masked: bool,
    /// What happened.
    pub action: Option<Action>,
    /// The enhanced status code.
    pub status: Option<Status>,
    /// True if and only if `status` is not printed in the notice but
    /// known from the layout: Postfix's own `4.4.1` for a failed
    /// connection, which a queue listing shows without its code.
    pub status_inferred: bool,
    /// True if and only if nothing has failed yet: a queue listing shows
    /// the message being delivered right now, or held by an
    /// administrator. Such a record gets no stand-in code.
    pub nothing_failed: bool,
    /// True if and only if the words read give no code and a stand-in
    /// would claim more than they say: a reputation list's refusal line
    /// pasted alone, whose list usually refuses for now (Trend Micro's
    /// ERS-QIL with 450). The report says the code is unknown.
    pub code_unknown: bool,
    /// The SMTP reply code.
    pub reply_code: Option<u16>,
    /// The SMTP command that was refused.
    pub command: Option<Command>,
    /// The remote host name.
    pub remote_host: Option<String>,
    /// The remote host's IP address.
    pub remote_ip: Option<String>,
    /// The server's own words, on one line.
    pub diagnostic: Option<String>,
    /// Other words of the notice about this recipient, which
    /// classification reads with the server's: the notice's own prose
    /// around a delivery-status part that names one recipient.
    pub context: Option<String>,
    /// The type of the diagnostic, lowercase: `smtp` in `Diagnostic-Code:
    /// smtp; 550 …`, `x-unix` for a local program, `x-postfix`, …
    pub diagnostic_type: Option<String>,
    /// A reason the extractor knows from the layout, with its rule id.
    pub reason: Option<(Reason, &'static str)>,
    /// The ARF feedback type, for a feedback report.
    pub feedback_type: Option<String>,
    /// The earlier lines of a mail log for this recipient, if any.
    pub attempts: Option<Attempts>,
    /// The queue id of the message, from a mail log or queue listing.
    pub queue_id: Option<String>,
    /// The envelope sender, from a mail log or queue listing.
    pub sender: Option<String>,
}

impl Record {
    /// Fills every field this record lacks from `other`.
    pub fn fill_from(&mut self, other: &Record) {
        fn fill<T: Clone>(a: &mut Option<T>, b: &Option<T>) {
            if a.is_none() {
                a.clone_from(b);
            }
        }
        fill(&mut self.address, &other.address);
        fill(&mut self.action, &other.action);
        if self.status.is_none() {
            self.status_inferred = other.status_inferred;
        }
        fill(&mut self.status, &other.status);
        fill(&mut self.reply_code, &other.reply_code);
        fill(&mut self.command, &other.command);
        fill(&mut self.remote_host, &other.remote_host);
        fill(&mut self.remote_ip, &other.remote_ip);
        fill(&mut self.diagnostic, &other.diagnostic);
        fill(&mut self.diagnostic_type, &other.diagnostic_type);
        fill(&mut self.reason, &other.reason);
        fill(&mut self.feedback_type, &other.feedback_type);
        self.masked |= other.masked && self.address.is_none();
    }

    /// The reply in `diag` that tells this record's outcome: for a
    /// failure, a greeting line before the refusal gives way to it.
    ///
    /// ```text
    /// refused to talk to me: 220-mx.example.org 421 4.2.1 Try later
    /// ```
    fn reply_in(&self, diag: &str) -> Option<crate::grammar::reply::Reply> {
        use crate::grammar::reply::find_reply;
        let (at, reply) = find_reply(diag)?;
        if reply.code >= 400 || self.action == Some(Action::Delivered) {
            return Some(reply);
        }
        let after = diag.get(at + 3..).unwrap_or("");
        let failure = find_reply(after).filter(|(_, r)| r.code >= 400);
        Some(failure.map_or(reply, |(_, r)| r))
    }

    /// Reads the reply code and enhanced status from the diagnostic when
    /// they are not known yet.
    pub fn fill_codes_from_diagnostic(&mut self) {
        let Some(diag) = &self.diagnostic else { return };
        if self.reply_code.is_none() || self.status.is_none() {
            if let Some(reply) = self.reply_in(diag) {
                self.reply_code = self.reply_code.or(Some(reply.code));
                self.status = self.status.or(reply.status);
            }
        }
        if self.status.is_none() {
            self.status =
                crate::grammar::status::find_status(diag).map(|(_, s)| s);
        }
        if self.command.is_none() {
            self.command = Command::find(diag);
        }
    }
}
