// SPDX-License-Identifier: MIT
//! Yandex.Mail: a Russian paragraph above Postfix's English notice,
//!
//! ```text
//! Это письмо отправлено почтовым сервером yandex.ru.
//! …
//! This is the mail system at host yandex.ru.
//!
//! <neko@example.org>: host mx.example.org[192.0.2.1] said: 550
//!     5.1.1 <neko@example.org>... User Unknown (in reply to RCPT TO command)
//! ```
//!
//! The recipients' paragraphs are Postfix's.

use super::{layout, postfix, Family};
use crate::notice::Notice;
use crate::record::Record;

/// The Yandex family.
pub const FAMILY: Family =
    Family { id: "yandex", claims, extract, words: Some(claim_words) };

/// Words of which `claims` needs one ([`super::words`]).
fn claim_words() -> Vec<&'static str> {
    vec!["This is the mail system at host yandex.", "почтовым сервером yandex"]
}

fn claims(notice: &Notice) -> bool {
    layout::has(&notice.body, "This is the mail system at host yandex.")
        || layout::has(&notice.body, "почтовым сервером yandex")
}

/// Postfix's recipient paragraphs.
pub fn extract(notice: &Notice) -> Vec<Record> {
    postfix::extract(notice)
}
