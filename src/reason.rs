// SPDX-License-Identifier: MIT
//! The reason taxonomy: why a message was not delivered.
//!
//! The names are Sisimai's, so that results can be compared with the
//! field's reference decoder. This file is also compiled into the build
//! script, which checks the knowledge files against it: it may depend on
//! `serde` and `std` only.

use serde::{Deserialize, Serialize};

/// Why one recipient's delivery failed, was delayed or succeeded.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Reason {
    /// SPF, DKIM or DMARC checks failed at the receiver.
    AuthFailure,
    /// The sending IP or domain has a bad reputation.
    BadReputation,
    /// The receiver refused the connection or the sender's IP.
    Blocked,
    /// The content was refused (headers, encoding, attachments).
    ContentError,
    /// The message was delivered (a success notice).
    Delivered,
    /// A size or count limit of the receiver was exceeded.
    ExceedLimit,
    /// Delivery was retried until the queue gave up.
    Expired,
    /// STARTTLS could not be negotiated.
    FailedStartTls,
    /// A feedback (complaint) report, not a bounce.
    Feedback,
    /// The receiver's filter refused the message.
    Filtered,
    /// The recipient's address has changed.
    HasMoved,
    /// The recipient's domain does not exist or has no mail server.
    HostUnknown,
    /// The recipient's mailbox is full.
    MailboxFull,
    /// A local delivery program failed.
    MailerError,
    /// The message is larger than the receiver accepts.
    MesgTooBig,
    /// A network problem stopped delivery (DNS, routing, connection).
    NetworkError,
    /// The receiver does not relay for the sender.
    NoRelaying,
    /// The recipient's domain accepts no mail (null MX and the like).
    NotAccept,
    /// The message breaks RFC 5322 or a related standard.
    NotCompliantRfc,
    /// The decoder cannot decide yet; held for a closer look.
    OnHold,
    /// A policy of the receiver refused the message.
    PolicyViolation,
    /// The envelope sender was refused.
    Rejected,
    /// The sending IP has no reverse DNS (PTR) record.
    RequirePtr,
    /// Authentication or another security check failed.
    SecurityError,
    /// The message was judged to be spam.
    SpamDetected,
    /// The sender sends too fast.
    Speeding,
    /// The recipient is on a suppression list.
    Suppressed,
    /// The recipient's account is suspended or disabled.
    Suspend,
    /// An SMTP syntax error.
    SyntaxError,
    /// The receiving system failed.
    SystemError,
    /// The receiving system's disk is full.
    SystemFull,
    /// Too many connections from the sender.
    TooManyConn,
    /// Nothing in the notice says why.
    Undefined,
    /// The recipient's mailbox does not exist.
    UserUnknown,
    /// An automatic reply such as a vacation notice.
    Vacation,
    /// A virus was found in the message.
    VirusDetected,
}

impl Reason {
    /// Every reason, in alphabetical order of its name.
    pub const ALL: [Reason; 36] = [
        Reason::AuthFailure,
        Reason::BadReputation,
        Reason::Blocked,
        Reason::ContentError,
        Reason::Delivered,
        Reason::ExceedLimit,
        Reason::Expired,
        Reason::FailedStartTls,
        Reason::Feedback,
        Reason::Filtered,
        Reason::HasMoved,
        Reason::HostUnknown,
        Reason::MailboxFull,
        Reason::MailerError,
        Reason::MesgTooBig,
        Reason::NetworkError,
        Reason::NoRelaying,
        Reason::NotAccept,
        Reason::NotCompliantRfc,
        Reason::OnHold,
        Reason::PolicyViolation,
        Reason::Rejected,
        Reason::RequirePtr,
        Reason::SecurityError,
        Reason::SpamDetected,
        Reason::Speeding,
        Reason::Suppressed,
        Reason::Suspend,
        Reason::SyntaxError,
        Reason::SystemError,
        Reason::SystemFull,
        Reason::TooManyConn,
        Reason::Undefined,
        Reason::UserUnknown,
        Reason::Vacation,
        Reason::VirusDetected,
    ];

    /// The reason's name as it appears in JSON, e.g. `"userunknown"`.
    pub fn name(self) -> &'static str {
        match self {
            Reason::AuthFailure => "authfailure",
            Reason::BadReputation => "badreputation",
            Reason::Blocked => "blocked",
            Reason::ContentError => "contenterror",
            Reason::Delivered => "delivered",
            Reason::ExceedLimit => "exceedlimit",
            Reason::Expired => "expired",
            Reason::FailedStartTls => "failedstarttls",
            Reason::Feedback => "feedback",
            Reason::Filtered => "filtered",
            Reason::HasMoved => "hasmoved",
            Reason::HostUnknown => "hostunknown",
            Reason::MailboxFull => "mailboxfull",
            Reason::MailerError => "mailererror",
            Reason::MesgTooBig => "mesgtoobig",
            Reason::NetworkError => "networkerror",
            Reason::NoRelaying => "norelaying",
            Reason::NotAccept => "notaccept",
            Reason::NotCompliantRfc => "notcompliantrfc",
            Reason::OnHold => "onhold",
            Reason::PolicyViolation => "policyviolation",
            Reason::Rejected => "rejected",
            Reason::RequirePtr => "requireptr",
            Reason::SecurityError => "securityerror",
            Reason::SpamDetected => "spamdetected",
            Reason::Speeding => "speeding",
            Reason::Suppressed => "suppressed",
            Reason::Suspend => "suspend",
            Reason::SyntaxError => "syntaxerror",
            Reason::SystemError => "systemerror",
            Reason::SystemFull => "systemfull",
            Reason::TooManyConn => "toomanyconn",
            Reason::Undefined => "undefined",
            Reason::UserUnknown => "userunknown",
            Reason::Vacation => "vacation",
            Reason::VirusDetected => "virusdetected",
        }
    }

    /// The reason with this JSON name, if there is one.
    pub fn from_name(name: &str) -> Option<Reason> {
        Reason::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// The coarser name newer Sisimai releases use: `ratelimited` for
    /// `toomanyconn` and `speeding`, `emailtoolarge` for `mesgtoobig` and
    /// `exceedlimit`; every other reason keeps its own name.
    pub fn merged_name(self) -> &'static str {
        match self {
            Reason::TooManyConn | Reason::Speeding => "ratelimited",
            Reason::MesgTooBig | Reason::ExceedLimit => "emailtoolarge",
            other => other.name(),
        }
    }

    /// The detail of the stand-in status code `5.0.9nn` (or `4.0.9nn`
    /// when `temporary`) for a notice without any code, as the field's
    /// reference decoder numbers them; `None` for reasons that have none
    /// (a temporary `userunknown`, `delivered`, `feedback`, `vacation`).
    pub fn stand_in_detail(self, temporary: bool) -> Option<u16> {
        let detail = match self {
            Reason::Undefined => 900,
            Reason::OnHold => 901,
            Reason::SyntaxError => 902,
            Reason::Suppressed => 903,
            Reason::NoRelaying => 909,
            Reason::Filtered if temporary => 924,
            Reason::Filtered => 910,
            Reason::UserUnknown | Reason::HostUnknown | Reason::HasMoved
                if temporary =>
            {
                return None
            }
            Reason::UserUnknown => 911,
            Reason::HostUnknown => 912,
            Reason::HasMoved => 916,
            Reason::Rejected => 918,
            Reason::Suspend => 921,
            Reason::MailboxFull => 922,
            Reason::ExceedLimit => 923,
            Reason::AuthFailure => 926,
            Reason::SystemError => 930,
            Reason::SystemFull => 931,
            Reason::NotAccept => 932,
            Reason::MesgTooBig => 934,
            Reason::MailerError => 939,
            Reason::NetworkError => 944,
            Reason::TooManyConn => 945,
            Reason::Speeding => 946,
            Reason::Expired => 947,
            Reason::ContentError => 960,
            Reason::SecurityError => 970,
            Reason::Blocked => 971,
            Reason::PolicyViolation => 972,
            Reason::RequirePtr => 973,
            Reason::NotCompliantRfc => 974,
            Reason::BadReputation => 975,
            Reason::FailedStartTls => 976,
            Reason::SpamDetected => 980,
            Reason::VirusDetected => 981,
            Reason::Delivered | Reason::Feedback | Reason::Vacation => {
                return None
            }
        };
        Some(detail)
    }

    /// True if and only if a failure for this reason means the address
    /// itself is unusable, given whether the reply was permanent (5xx).
    ///
    /// This is the meaning ESPs give "hard bounce": the address should
    /// leave the mailing list.
    pub fn is_hard_bounce(self, permanent: bool) -> bool {
        match self {
            Reason::UserUnknown | Reason::HostUnknown | Reason::HasMoved => {
                true
            }
            Reason::NotAccept => permanent,
            _ => false,
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
