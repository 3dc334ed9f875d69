// SPDX-License-Identifier: MIT
//! How each type of the report is written: fields in the order
//! `src/report.rs` declares them, every `Option` as `null` except the
//! CLI's `source`, `message` and `queue_id`, which are left out when
//! absent. Names of enumerations are the contract's (`auto-reply`,
//! `provider-policy`, …).

use super::{Json, WriteJson};
use crate::classify::Evidence;
use crate::command::Command;
use crate::grammar::status::Status;
use crate::knowledge::schema::advice::{Action as Todo, Actor, Timing};
use crate::knowledge::schema::catalog::{EntryKind, EntryStatus, ListedKind};
use crate::knowledge::Lang;
use crate::reason::Reason;
use crate::record::{Action, Attempts};
use crate::report::{
    Advice, Blocklist, InputKind, Kind, Original, Policy, Recipient, Report,
};

/// An enumeration written as its name.
macro_rules! named {
    ($($t:ty => |$v:ident| $name:expr;)*) => {$(
        impl WriteJson for $t {
            fn write_json(&self, json: &mut Json<'_>) {
                let $v = *self;
                json.string($name);
            }
        }
    )*};
}

named! {
    Kind => |kind| kind_name(kind);
    InputKind => |input| match input {
        InputKind::Message => "message",
        InputKind::Fragment => "fragment",
    };
    Action => |action| action.name();
    Reason => |reason| reason.name();
    Command => |command| command.name();
    Lang => |lang| lang.code();
    EntryKind => |kind| match kind {
        EntryKind::IpList => "ip-list",
        EntryKind::DomainList => "domain-list",
        EntryKind::Reputation => "reputation",
        EntryKind::ProviderPolicy => "provider-policy",
        EntryKind::HostingLimit => "hosting-limit",
    };
    ListedKind => |listed| match listed {
        ListedKind::Ip => "ip",
        ListedKind::Domain => "domain",
        ListedKind::Network => "network",
        ListedKind::None => "none",
    };
    EntryStatus => |status| match status {
        EntryStatus::Active => "active",
        EntryStatus::Defunct => "defunct",
        EntryStatus::Uncertain => "uncertain",
        EntryStatus::ReceiverError => "receiver-error",
    };
    Actor => |actor| match actor {
        Actor::Sender => "sender",
        Actor::SenderAdmin => "sender-admin",
        Actor::Recipient => "recipient",
        Actor::Nobody => "nobody",
    };
    Todo => |todo| match todo {
        Todo::Wait => "wait",
        Todo::Retry => "retry",
        Todo::Stop => "stop",
        Todo::None => "none",
        Todo::Release => "release",
    };
    Timing => |timing| match timing {
        Timing::Retrying => "retrying",
        Timing::GaveUp => "gave-up",
        Timing::Permanent => "permanent",
        Timing::Mixed => "mixed",
    };
}

/// The name of a report's kind, as the report and the totals give it:
/// `"bounce"`, `"auto-reply"`, …
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Bounce => "bounce",
        Kind::Delay => "delay",
        Kind::AutoReply => "auto-reply",
        Kind::FeedbackReport => "feedback-report",
        Kind::Delivered => "delivered",
        Kind::NotABounce => "not-a-bounce",
    }
}

impl WriteJson for Status {
    /// `"5.7.1"`.
    fn write_json(&self, json: &mut Json<'_>) {
        json.out.reserve(9);
        json.out.push(b'"');
        let parts =
            [self.class.into(), self.subject.into(), self.detail.into()];
        for (n, part) in parts.into_iter().enumerate() {
            if n > 0 {
                json.out.push(b'.');
            }
            super::unsigned(json.out, part);
        }
        json.out.push(b'"');
    }
}

impl WriteJson for Report {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("schema", &self.schema);
        json.field("kind", &self.kind);
        json.field("input", &self.input);
        json.field("format", &self.format);
        json.field("reporting_mta", &self.reporting_mta);
        json.field("original", &self.original);
        json.field("recipients", &self.recipients);
        json.field("summary", &self.summary);
        json.field("advice", &self.advice);
        json.field("ticket_reply", &self.ticket_reply);
        json.field("lang", &self.lang);
        json.field("warnings", &self.warnings);
        json.field("warning_ids", &self.warning_ids);
        if let Some(source) = &self.source {
            json.field("source", source);
        }
        if let Some(message) = &self.message {
            json.field("message", message);
        }
        if let Some(queue_id) = &self.queue_id {
            json.field("queue_id", queue_id);
        }
        json.end_object();
    }
}

impl WriteJson for Original {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("from", &self.from);
        json.field("to", &self.to);
        json.field("subject", &self.subject);
        json.field("message_id", &self.message_id);
        json.field("date", &self.date);
        json.end_object();
    }
}

impl WriteJson for Recipient {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("address", &self.address);
        json.field("address_masked", &self.address_masked);
        json.field("action", &self.action);
        json.field("status", &self.status);
        json.field("status_inferred", &self.status_inferred);
        json.field("reply_code", &self.reply_code);
        json.field("command", &self.command);
        json.field("remote_host", &self.remote_host);
        json.field("remote_ip", &self.remote_ip);
        json.field("remote_provider", &self.remote_provider);
        json.field("diagnostic", &self.diagnostic);
        json.field("reason", &self.reason);
        json.field("reason_group", self.reason_group);
        json.field("reason_title", &self.reason_title);
        json.field("hard_bounce", &self.hard_bounce);
        json.field("permanent", &self.permanent);
        json.field("evidence", &self.evidence);
        json.field("blocklist", &self.blocklist);
        json.field("policy", &self.policy);
        json.field("listings", &self.listings);
        json.field("status_meaning", &self.status_meaning);
        json.field("reply_meaning", &self.reply_meaning);
        json.field("feedback_type", &self.feedback_type);
        json.field("attempts", &self.attempts);
        json.field("queue_id", &self.queue_id);
        json.field("sender", &self.sender);
        json.end_object();
    }
}

impl WriteJson for Evidence {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("text", &self.text);
        json.field("rule", &self.rule);
        json.end_object();
    }
}

impl WriteJson for Attempts {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("count", &self.count);
        json.field("deferred", &self.deferred);
        json.field("first", &self.first);
        json.field("last", &self.last);
        json.end_object();
    }
}

impl WriteJson for Blocklist {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("id", &self.id);
        json.field("name", &self.name);
        json.field("operator", &self.operator);
        json.field("kind", &self.kind);
        json.field("listed_kind", &self.listed_kind);
        json.field("status", &self.status);
        json.field("listed", &self.listed);
        json.field("matched", &self.matched);
        json.field("lookup_url", &self.lookup_url);
        json.field("delist_url", &self.delist_url);
        json.field("doc_url", &self.doc_url);
        json.field("note", &self.note);
        json.field("delisting", &self.delisting);
        json.field("kind_label", &self.kind_label);
        json.field("listed_label", &self.listed_label);
        json.field("status_label", &self.status_label);
        json.field("cited_by", &self.cited_by);
        json.end_object();
    }
}

impl WriteJson for Policy {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("provider", &self.provider);
        json.field("kind", &self.kind);
        json.field("id", &self.id);
        json.field("code", &self.code);
        json.field("doc_url", &self.doc_url);
        json.end_object();
    }
}

impl WriteJson for Advice {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("id", &self.id);
        json.field("title", &self.title);
        json.field("summary", &self.summary);
        json.field("steps", &self.steps);
        json.field("who", &self.who);
        json.field("action", &self.action);
        json.field("reply", &self.reply);
        json.field("recipients", &self.recipients);
        json.field("addresses", &self.addresses);
        json.field("timing", &self.timing);
        json.end_object();
    }
}
