// SPDX-License-Identifier: MIT
//! WHM's Track Delivery (cPanel's view of the Exim log), as hosting
//! support copies it from the page: the table, a header row naming the
//! columns and one row per delivery event, tab separated,
//!
//! ```text
//! Event<TAB>Sender<TAB>Sent Time<TAB>…<TAB>Recipient<TAB>Delivered To<TAB>…<TAB>ID<TAB>Delivery Host<TAB>Delivery IP<TAB>Size<TAB>Result
//! Failure<TAB>kasir@toko.example<TAB>…<TAB>neko@example.org<TAB>…<TAB>mx.example.org<TAB>192.0.2.1<TAB>12 KB<TAB>The message was rejected by the remote mail server. (550 5.1.1 …)
//! ```
//!
//! or the "Delivery Event Details" of one event, a `Field:<TAB>value`
//! line each. Every row is a recipient of its own, read from its own
//! columns: the Recipient (never the Sender), the event (Failure,
//! Deferred, Success), the remote host and IP, and the Result.

use std::net::IpAddr;

use super::{layout, Family};
use crate::grammar::exim::find_smtp_error;
use crate::notice::Notice;
use crate::record::{Action, Record};

/// The WHM Track Delivery family.
pub const FAMILY: Family =
    Family { id: "whm", claims, extract, words: Some(claim_words) };

/// The column (and field) every copy of the view has.
const MARK: &str = "Delivery Host";

/// Words of which `claims` needs one ([`super::words`]): both the
/// table's header row and the details view name the Event, whichever
/// other columns the user hid.
fn claim_words() -> Vec<&'static str> {
    vec!["Event"]
}

fn claims(notice: &Notice) -> bool {
    let body = &notice.body;
    header_row(body).is_some() || details(body).is_some()
}

/// A record for each delivery event of the table, or the one of the
/// details view.
pub fn extract(notice: &Notice) -> Vec<Record> {
    let body = &notice.body;
    if let Some((at, columns)) = header_row(body) {
        return layout::lines(&body[at..])
            .skip(1)
            .filter_map(|line| {
                let cells = cells(line);
                // A copy whose tabs became spaces loses its empty cells:
                // a row that no longer lines up with the header (but for
                // an empty last column, WHM's "Actions") is not read.
                let short = cells.len() + 1 == columns.len()
                    && columns.last().is_some_and(|c| *c == "Actions");
                if cells.len() != columns.len() && !short {
                    return None;
                }
                let cell = |name: &str| {
                    let i = columns.iter().position(|c| *c == name)?;
                    cells.get(i).map(|c| c.trim())
                };
                record(&cell)
            })
            .collect();
    }
    let Some(fields) = details(body) else { return Vec::new() };
    let cell =
        |name: &str| fields.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    record(&cell).into_iter().collect()
}

/// The cells of a row: split at its tabs, or, in a copy whose tabs were
/// turned into spaces (a ticket editor, a chat), at runs of two spaces
/// or more (a cell's own words have one space between them).
fn cells(line: &str) -> Vec<&str> {
    let line = line.trim_end_matches(['\n', '\r']);
    if line.contains('\t') {
        return line.split('\t').map(str::trim).collect();
    }
    line.trim().split("  ").map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// Where the table's header row starts, and its column names: a row
/// naming the Event, the Recipient and the Result, and the Sender or
/// the Delivery Host (the user may hide any other column).
fn header_row(body: &str) -> Option<(usize, Vec<&str>)> {
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let columns = cells(line);
        let has = |name: &str| columns.contains(&name);
        if has("Event")
            && has("Recipient")
            && has("Result")
            && (has(MARK) || has("Sender"))
        {
            return Some((at, columns));
        }
        at += line.len();
    }
    None
}

/// The fields of the details view, when it has an event, a recipient
/// and a result.
fn details(body: &str) -> Option<Vec<(&str, &str)>> {
    let fields: Vec<(&str, &str)> = layout::lines(body)
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            let name = name.trim();
            let known = DETAIL_FIELDS.contains(&name) && !value.is_empty();
            known.then_some((name, value.trim()))
        })
        .collect();
    let has = |name: &str| fields.iter().any(|(n, _)| *n == name);
    let marked = has(MARK) || has("Sender");
    (has("Event") && has("Recipient") && marked && has("Result"))
        .then_some(fields)
}

/// The fields of the details view that are read.
const DETAIL_FIELDS: &[&str] = &[
    "Event",
    "Sender",
    "Recipient",
    "Delivered To",
    "ID",
    MARK,
    "Delivery IP",
    "Result",
];

/// The record of one event, from its cells by column name; none for an
/// event that is not a delivery's outcome (or a row that is not one).
fn record<'a>(cell: &dyn Fn(&str) -> Option<&'a str>) -> Option<Record> {
    let action = match cell("Event")? {
        "Failure" => Action::Failed,
        "Deferred" => Action::Delayed,
        "Success" => Action::Delivered,
        _ => return None,
    };
    let address = |name: &str| cell(name).filter(|a| a.contains('@'));
    // "Delivered To" is where routing sent it (a forwarder's target).
    let to = address("Delivered To").or_else(|| address("Recipient"))?;
    let mut record = Record {
        address: Some(to.to_string()),
        action: Some(action),
        remote_host: cell(MARK).filter(|h| !h.is_empty()).map(str::to_string),
        remote_ip: cell("Delivery IP")
            .filter(|ip| ip.parse::<IpAddr>().is_ok())
            .map(str::to_string),
        queue_id: cell("ID").filter(|i| !i.is_empty()).map(str::to_string),
        sender: address("Sender").map(str::to_string),
        ..Record::default()
    };
    let result = cell("Result").unwrap_or_default();
    match find_smtp_error(result) {
        Some(error) => {
            record.command = error.command;
            record.diagnostic = Some(error.reply);
        }
        None => record.diagnostic = Some(result.to_string()),
    }
    record.diagnostic = record.diagnostic.filter(|t| !t.is_empty());
    record.fill_codes_from_diagnostic();
    Some(record)
}

#[cfg(test)]
mod tests {

    /// The words that offer the family to `claims` stand in every table
    /// it claims, whichever columns the user hid (a fuzz finding: a copy
    /// with no Delivery Host, Sent Time or Spam Score column).
    #[test]
    fn a_narrow_table_is_offered_by_its_words() {
        let body = "Event\tSender\tRecipient\tResult\n\
                    Failure\tkasir@toko.example\tbudi@klien.example\t550 5.1.1 User unknown\n";
        assert!(claims(&Notice::fragment(body.to_string())));
        assert!(claim_words().iter().any(|w| body.contains(w)));
    }
    use super::*;
    use crate::command::Command;

    #[test]
    fn reads_each_row_from_its_own_columns() {
        let body = "Event\tSender\tRecipient\tDelivered To\tID\tDelivery \
            Host\tDelivery IP\tResult\n\
            Failure\tkasir@toko.example\tneko@example.org\tneko@example.org\t\
            1tABcD-0001Xy-2z\tmx.example.org\t192.0.2.1\tThe message was \
            rejected by the remote mail server. (550 5.1.1 No such user)\n\
            Deferred\tkasir@toko.example\ttora@example.net\ttora@example.net\t\
            1tABcE-0001Xz-3a\tmx.example.net\t192.0.2.2\tSMTP error from \
            remote mail server after MAIL FROM:<kasir@toko.example> \
            SIZE=8421: 421 4.7.0 Try again later\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records.len(), 2);
        let neko = &records[0];
        assert_eq!(neko.address.as_deref(), Some("neko@example.org"));
        assert_eq!(neko.action, Some(Action::Failed));
        assert_eq!(neko.reply_code, Some(550));
        assert_eq!(neko.remote_host.as_deref(), Some("mx.example.org"));
        assert_eq!(neko.remote_ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(neko.sender.as_deref(), Some("kasir@toko.example"));
        let tora = &records[1];
        assert_eq!(tora.address.as_deref(), Some("tora@example.net"));
        assert_eq!(tora.action, Some(Action::Delayed));
        assert_eq!(tora.command, Some(Command::Mail));
        assert_eq!(tora.reply_code, Some(421));
    }

    #[test]
    fn reads_the_details_of_one_event() {
        let body = "Delivery Event Details\nEvent:\tFailure\nSender:\t\
            kasir@toko.example\nRecipient:\tneko@example.org\n\
            Delivered To:\tneko@example.org\nDelivery Host:\tmx.example.org\n\
            Delivery IP:\t192.0.2.1\nResult:\tThe message was rejected by \
            the remote mail server. (550 5.1.1 No such user)\n";
        let notice = Notice::fragment(body.to_string());
        assert!(claims(&notice));
        let records = extract(&notice);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].address.as_deref(), Some("neko@example.org"));
        assert_eq!(records[0].remote_ip.as_deref(), Some("192.0.2.1"));
        assert_eq!(records[0].remote_host.as_deref(), Some("mx.example.org"));
    }

    #[test]
    fn a_sender_column_alone_is_no_recipient() {
        let body = "Event\tSender\tRecipient\tDelivery Host\tResult\n\
            Failure\tkasir@toko.example\t\tmx.example.org\t550 No\n";
        assert!(extract(&Notice::fragment(body.to_string())).is_empty());
    }
}
