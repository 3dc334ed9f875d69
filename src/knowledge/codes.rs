// SPDX-License-Identifier: MIT
//! Meanings of enhanced status codes and reply codes, most specific
//! first: the exact code, the detail in any class (`X.1.1`), then class
//! and subject.

use super::schema::Lang;
use crate::grammar::status::Status;

/// The meaning of an enhanced status code in `lang`: the exact code's if
/// the catalog has it, else one built from its class and subject.
pub fn status_meaning(status: Status, lang: Lang) -> Option<String> {
    let table = &super::get().status;
    let find = |code: &str| {
        table.iter().find(|m| m.code == code).map(|m| m.meaning.get(lang))
    };
    let exact = status.to_string();
    let any_class = format!("X.{}.{}", status.subject, status.detail);
    if let Some(m) = find(&exact).or_else(|| find(&any_class)) {
        return Some(m.to_string());
    }
    let class = find(&status.class.to_string());
    let subject = find(&format!("X.{}", status.subject));
    match (class, subject) {
        (Some(c), Some(s)) => Some(format!("{c} {s}")),
        (Some(c), None) => Some(c.to_string()),
        (None, Some(s)) => Some(s.to_string()),
        (None, None) => None,
    }
}

/// The meaning of an SMTP reply code in `lang`: the exact code's, else
/// that of its first two digits (`55x`) or its first digit (`5xx`).
pub fn reply_meaning(code: u16, lang: Lang) -> Option<String> {
    let table = &super::get().reply;
    let exact = code.to_string();
    let two = format!("{}x", &exact[..2.min(exact.len())]);
    let one = format!("{}xx", &exact[..1.min(exact.len())]);
    [exact, two, one]
        .iter()
        .find_map(|c| table.iter().find(|m| &m.code == c))
        .map(|m| m.meaning.get(lang).to_string())
}
