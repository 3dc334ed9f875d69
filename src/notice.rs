// SPDX-License-Identifier: MIT
//! A bounce notice as the extractors see it: decoded headers and texts.

use std::cell::OnceCell;

use crate::grammar::dsn::{self, DeliveryStatus};

/// A decoded bounce notice: a whole message after MIME decoding, or a
/// pasted fragment, which has a body and nothing else.
#[derive(Debug, Default)]
pub struct Notice {
    /// Header fields of the notice, in order: lowercase name and the value
    /// with encoded words decoded and folding removed.
    pub headers: Vec<(String, String)>,
    /// The human-readable text: every text part in order (HTML turned
    /// into text), quote prefixes removed.
    pub body: String,
    /// The `message/delivery-status` (or `global-delivery-status`) parts.
    pub delivery_status: Option<String>,
    /// The `message/feedback-report` part of an ARF report.
    pub feedback_report: Option<String>,
    /// The header block of the returned original message, if attached.
    pub original: Option<String>,
    /// The whole of the first attached message, as sent: the returned
    /// message, or a bounce that this message forwards.
    pub enclosed: Option<Vec<u8>>,
    /// True if and only if the input was a fragment, not a whole message.
    pub fragment: bool,
    /// The fields of [`Notice::status_text`], read on first use.
    pub(crate) status_fields: OnceCell<DeliveryStatus>,
    /// Ids of the warnings decoding gave, e.g. a limit that was reached.
    pub warnings: Vec<&'static str>,
}

impl Notice {
    /// A notice made of pasted text alone.
    pub fn fragment(body: String) -> Notice {
        Notice { body, fragment: true, ..Notice::default() }
    }

    /// The first value of the header field `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of the header field `name` (any case), in order.
    pub fn header_all<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The notice's subject, or the empty string.
    pub fn subject(&self) -> &str {
        self.header("subject").unwrap_or("")
    }

    /// The notice's `From:` field, or the empty string.
    pub fn from(&self) -> &str {
        self.header("from").unwrap_or("")
    }

    /// The text to search for delivery-status fields: the separate part if
    /// there is one, else the body (webmail shows the part inline).
    pub fn status_text(&self) -> &str {
        self.delivery_status.as_deref().unwrap_or(&self.body)
    }

    /// The delivery-status fields of [`Notice::status_text`], read once
    /// however many families ask.
    pub fn status_fields(&self) -> &DeliveryStatus {
        self.status_fields
            .get_or_init(|| dsn::delivery_status(self.status_text()))
    }
}
