// SPDX-License-Identifier: MIT
//! How each type of the report is written: fields in the order
//! `src/report.rs` declares them (each type taken apart by name, so a
//! field added there fails to build until it is written here), every
//! `Option` as `null` except the
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
        Actor::Reader => "reader",
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
        let Report {
            schema,
            kind,
            input,
            format,
            reporting_mta,
            original,
            recipients,
            summary,
            advice,
            ticket_reply,
            lang,
            warnings,
            warning_ids,
            source,
            message,
            queue_id,
        } = self;
        json.begin_object();
        json.field("schema", schema);
        json.field("kind", kind);
        json.field("input", input);
        json.field("format", format);
        json.field("reporting_mta", reporting_mta);
        json.field("original", original);
        json.field("recipients", recipients);
        json.field("summary", summary);
        json.field("advice", advice);
        json.field("ticket_reply", ticket_reply);
        json.field("lang", lang);
        json.field("warnings", warnings);
        json.field("warning_ids", warning_ids);
        if let Some(source) = source {
            json.field("source", source);
        }
        if let Some(message) = message {
            json.field("message", message);
        }
        if let Some(queue_id) = queue_id {
            json.field("queue_id", queue_id);
        }
        json.end_object();
    }
}

impl WriteJson for Original {
    fn write_json(&self, json: &mut Json<'_>) {
        let Original { from, to, subject, message_id, date } = self;
        json.begin_object();
        json.field("from", from);
        json.field("to", to);
        json.field("subject", subject);
        json.field("message_id", message_id);
        json.field("date", date);
        json.end_object();
    }
}

impl WriteJson for Recipient {
    fn write_json(&self, json: &mut Json<'_>) {
        let Recipient {
            address,
            address_masked,
            action,
            status,
            status_inferred,
            reply_code,
            command,
            remote_host,
            remote_ip,
            remote_provider,
            diagnostic,
            reason,
            reason_group,
            reason_title,
            hard_bounce,
            permanent,
            evidence,
            blocklist,
            policy,
            listings,
            status_meaning,
            reply_meaning,
            feedback_type,
            attempts,
            queue_id,
            sender,
        } = self;
        json.begin_object();
        json.field("address", address);
        json.field("address_masked", address_masked);
        json.field("action", action);
        json.field("status", status);
        json.field("status_inferred", status_inferred);
        json.field("reply_code", reply_code);
        json.field("command", command);
        json.field("remote_host", remote_host);
        json.field("remote_ip", remote_ip);
        json.field("remote_provider", remote_provider);
        json.field("diagnostic", diagnostic);
        json.field("reason", reason);
        json.field("reason_group", reason_group);
        json.field("reason_title", reason_title);
        json.field("hard_bounce", hard_bounce);
        json.field("permanent", permanent);
        json.field("evidence", evidence);
        json.field("blocklist", blocklist);
        json.field("policy", policy);
        json.field("listings", listings);
        json.field("status_meaning", status_meaning);
        json.field("reply_meaning", reply_meaning);
        json.field("feedback_type", feedback_type);
        json.field("attempts", attempts);
        json.field("queue_id", queue_id);
        json.field("sender", sender);
        json.end_object();
    }
}

impl WriteJson for Evidence {
    fn write_json(&self, json: &mut Json<'_>) {
        let Evidence { text, rule } = self;
        json.begin_object();
        json.field("text", text);
        json.field("rule", rule);
        json.end_object();
    }
}

impl WriteJson for Attempts {
    fn write_json(&self, json: &mut Json<'_>) {
        let Attempts { count, deferred, first, last } = self;
        json.begin_object();
        json.field("count", count);
        json.field("deferred", deferred);
        json.field("first", first);
        json.field("last", last);
        json.end_object();
    }
}

impl WriteJson for Blocklist {
    fn write_json(&self, json: &mut Json<'_>) {
        let Blocklist {
            id,
            name,
            operator,
            kind,
            listed_kind,
            status,
            listed,
            listed_given,
            matched,
            lookup_url,
            delist_url,
            doc_url,
            note,
            delisting,
            kind_label,
            listed_label,
            status_label,
            cited_by,
        } = self;
        json.begin_object();
        json.field("id", id);
        json.field("name", name);
        json.field("operator", operator);
        json.field("kind", kind);
        json.field("listed_kind", listed_kind);
        json.field("status", status);
        json.field("listed", listed);
        json.field("listed_given", listed_given);
        json.field("matched", matched);
        json.field("lookup_url", lookup_url);
        json.field("delist_url", delist_url);
        json.field("doc_url", doc_url);
        json.field("note", note);
        json.field("delisting", delisting);
        json.field("kind_label", kind_label);
        json.field("listed_label", listed_label);
        json.field("status_label", status_label);
        json.field("cited_by", cited_by);
        json.end_object();
    }
}

impl WriteJson for Policy {
    fn write_json(&self, json: &mut Json<'_>) {
        let Policy { provider, kind, id, code, doc_url } = self;
        json.begin_object();
        json.field("provider", provider);
        json.field("kind", kind);
        json.field("id", id);
        json.field("code", code);
        json.field("doc_url", doc_url);
        json.end_object();
    }
}

impl WriteJson for Advice {
    fn write_json(&self, json: &mut Json<'_>) {
        let Advice {
            id,
            title,
            summary,
            steps,
            who,
            action,
            reply,
            recipients,
            addresses,
            timing,
        } = self;
        json.begin_object();
        json.field("id", id);
        json.field("title", title);
        json.field("summary", summary);
        json.field("steps", steps);
        json.field("who", who);
        json.field("action", action);
        json.field("reply", reply);
        json.field("recipients", recipients);
        json.field("addresses", addresses);
        json.field("timing", timing);
        json.end_object();
    }
}
