// SPDX-License-Identifier: MIT
//! Meanings of enhanced status codes and reply codes, most specific
//! first: the provider's own meaning when the reply came from its hosts,
//! the exact code, the detail in any class (`X.1.1`), then the class and
//! subject one after the other.

use std::cell::OnceCell;
use std::sync::OnceLock;

use super::messages;
use super::names::Names;
use super::schema::{Lang, StatusMeaning};
use crate::grammar::status::Status;
use crate::lowercase::Lowercase;

/// The meaning of an enhanced status code in `lang`: the exact code's if
/// the catalog has it, else one built from its class and subject.
///
/// ```
/// use pantul::grammar::status::Status;
/// use pantul::knowledge::{codes::status_meaning, Lang};
/// let full = status_meaning(Status::new(5, 2, 2), Lang::En);
/// assert_eq!(full.as_deref(), Some("The recipient's mailbox is full (over its quota)."));
/// ```
pub fn status_meaning(status: Status, lang: Lang) -> Option<String> {
    status_meaning_from(status, None, lang)
}

/// The meaning of an enhanced status code given by `host` (the server
/// that replied), in `lang`: a provider's own meaning for its hosts
/// comes first.
///
/// ```
/// use pantul::grammar::status::Status;
/// use pantul::knowledge::{codes::status_meaning_from, Lang};
/// let code = Status::new(5, 1, 10);
/// let ms = status_meaning_from(code, Some("x.mail.protection.outlook.com"), Lang::En);
/// assert!(ms.unwrap_or_default().starts_with("At Microsoft 365"));
/// let iana = status_meaning_from(code, Some("mx.example.org"), Lang::En);
/// assert!(iana.unwrap_or_default().contains("null MX"));
/// ```
pub fn status_meaning_from(
    status: Status,
    host: Option<&str>,
    lang: Lang,
) -> Option<String> {
    status_meaning_in(status, &[host], "", lang)
}

/// The meaning of an enhanced status code in the server's `words`,
/// given by one of `hosts` (the server that replied, the one that wrote
/// the notice), in `lang`: a provider's own meaning, for its hosts or
/// for its own wording, comes first.
///
/// ```
/// use pantul::grammar::status::Status;
/// use pantul::knowledge::{codes::status_meaning_in, Lang};
/// let code = Status::new(5, 1, 10);
/// let words = "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not \
///              found by SMTP address lookup";
/// let ms = status_meaning_in(code, &[None], words, Lang::En);
/// assert!(ms.unwrap_or_default().starts_with("At Microsoft 365"));
/// let null_mx = status_meaning_in(code, &[None], "550 5.1.10 null MX", Lang::En);
/// assert!(null_mx.unwrap_or_default().contains("null MX"));
/// ```
pub fn status_meaning_in(
    status: Status,
    hosts: &[Option<&str>],
    words: &str,
    lang: Lang,
) -> Option<String> {
    let exact = status.to_string();
    let keys = Keys::of(&exact);
    let hosts: Vec<String> =
        hosts.iter().flatten().map(|h| normalize(h)).collect();
    // Lowercased only for a provider meaning with words of its own.
    let lower = OnceCell::new();
    let fits = |m: &StatusMeaning| {
        let by_host = m.hosts.is_empty() || hosts.iter().any(|h| serves(m, h));
        let by_words = m.when.is_empty() || {
            let words = lower.get_or_init(|| words.lowercase());
            m.when.iter().any(|w| words.contains(w.as_str()))
        };
        (!m.hosts.is_empty() || !m.when.is_empty()) && by_host && by_words
    };
    // The first provider meaning that fits and the first registry
    // meaning, for each form of the code: the table's entries listed
    // under that form, in order.
    let mut provider: [Option<&StatusMeaning>; 2] = [None; 2];
    let mut registry: [Option<&StatusMeaning>; 4] = [None; 4];
    let any = |rest: &str| {
        let mut code = String::with_capacity(1 + rest.len());
        code.push('X');
        code.push_str(rest);
        code
    };
    let (any_class, any_subject) = (any(keys.detail), any(keys.subject));
    let forms = [keys.exact, &any_class, keys.class, &any_subject];
    for (form, key) in forms.into_iter().enumerate() {
        for m in listed_as(key).filter(|m| keys.form(&m.code) == Some(form)) {
            if m.hosts.is_empty() && m.when.is_empty() {
                registry[form].get_or_insert(m);
            } else if form < 2 && provider[form].is_none() && fits(m) {
                provider[form] = Some(m);
            }
        }
    }
    let [exact_m, any_class, class, subject] = registry;
    let found = provider[0].or(provider[1]).or(exact_m).or(any_class);
    if let Some(m) = found {
        return Some(m.meaning.get(lang).to_string());
    }
    let class = class.map(|m| m.meaning.get(lang));
    let subject = subject.map(|m| m.meaning.get(lang));
    if class.is_none() && subject.is_none() {
        return None;
    }
    // Only words the notice quotes can say more.
    let id = match words.trim().is_empty() {
        true => "code.unlisted-alone",
        false => "code.unlisted",
    };
    let unlisted = messages::text(id, lang, &[("status", &exact)]);
    let parts: Vec<&str> = [class, subject, Some(unlisted.as_str())]
        .into_iter()
        .flatten()
        .collect();
    Some(parts.join(" "))
}

/// The meanings the table lists under the code `code` (`5.1.1`,
/// `X.1.1`, `5`, `X.1`), in order: a recipient looks up four codes in a
/// table of hundreds.
fn listed_as(code: &str) -> impl Iterator<Item = &'static StatusMeaning> {
    static INDEX: OnceLock<Names<Vec<&'static StatusMeaning>>> =
        OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = Names::new();
        for m in &super::get().status {
            index.entry(m.code.as_str(), Vec::new).push(m);
        }
        index
    });
    index.get(code).into_iter().flatten().copied()
}

/// The forms of an enhanced status code the table may list it under,
/// most specific first: the exact code (`5.1.1`), its detail in any
/// class (`X.1.1`), its class (`5`) and its subject (`X.1`); each is a
/// slice of the exact code, compared in place.
struct Keys<'a> {
    /// `5.1.1`.
    exact: &'a str,
    /// `.1.1`: what follows the `X` of `X.1.1`.
    detail: &'a str,
    /// `5`.
    class: &'a str,
    /// `.1`: what follows the `X` of `X.1`.
    subject: &'a str,
}

impl<'a> Keys<'a> {
    fn of(exact: &'a str) -> Keys<'a> {
        let dot = exact.find('.').unwrap_or(exact.len());
        let detail = &exact[dot..];
        let second = detail[1.min(detail.len())..]
            .find('.')
            .map_or(detail.len(), |at| at + 1);
        Keys { exact, detail, class: &exact[..dot], subject: &detail[..second] }
    }

    /// Which form `code` is: 0 exact, 1 any class, 2 class, 3 subject.
    fn form(&self, code: &str) -> Option<usize> {
        if code == self.exact {
            return Some(0);
        }
        if code == self.class {
            return Some(2);
        }
        let after_x = code.strip_prefix('X')?;
        if after_x == self.detail {
            Some(1)
        } else if after_x == self.subject {
            Some(3)
        } else {
            None
        }
    }
}

/// The meaning of a stand-in code the decoder gave a recipient whose
/// notice had no status code (Sisimai's `X.0.9nn` convention): what it
/// is, not a registry meaning it does not have. A code the layout
/// implies (not `X.0.9nn`) says where it comes from, then its meaning.
///
/// ```
/// use pantul::grammar::status::Status;
/// use pantul::knowledge::{codes::inferred_meaning, Lang};
/// let m = inferred_meaning(Status::new(5, 0, 922), Lang::En);
/// assert!(m.starts_with("The bounce message gives no status code; 5.0.922"));
/// ```
pub fn inferred_meaning(status: Status, lang: Lang) -> String {
    let code = status.to_string();
    if !status.is_stand_in() {
        return layout_meaning(status, lang);
    }
    // A 4.0.9nn beside a failure that is final reads as a contradiction
    // unless the text says what its 4 marks.
    let id = if status.class == 4 {
        "code.inferred-temporary"
    } else {
        "code.inferred"
    };
    messages::text(id, lang, &[("status", &code)])
}

/// The meaning of a code the notice does not print but its layout
/// implies (Postfix's own `4.4.1` for a failed connection in a queue
/// listing): where it comes from, then what it means.
fn layout_meaning(status: Status, lang: Lang) -> String {
    let code = status.to_string();
    let from =
        messages::text("code.inferred-layout", lang, &[("status", &code)]);
    match status_meaning_from(status, None, lang) {
        Some(meaning) => format!("{from} {meaning}"),
        None => from,
    }
}

/// True if and only if `m` is a provider meaning for `host`.
fn serves(m: &StatusMeaning, host: &str) -> bool {
    m.hosts.iter().any(|suffix| is_under(host, suffix.trim().trim_matches('.')))
}

/// True if and only if `host` is `domain` or a name under it, ASCII case
/// ignored: `mx1.example.org` is under `example.org`, `badexample.org`
/// is not.
pub(crate) fn is_under(host: &str, domain: &str) -> bool {
    let (h, d) = (host.as_bytes(), domain.as_bytes());
    let Some(cut) = h.len().checked_sub(d.len()) else { return false };
    h[cut..].eq_ignore_ascii_case(d) && (cut == 0 || h[cut - 1] == b'.')
}

fn normalize(host: &str) -> String {
    host.trim().trim_matches('.').to_ascii_lowercase()
}

/// The meaning of an SMTP reply code in `lang`: the exact code's, else
/// that of its first two digits (`55x`), else its first digit's (`5xx`)
/// followed by its second digit's (`x5x`).
///
/// ```
/// use pantul::knowledge::{codes::reply_meaning, Lang};
/// let known = reply_meaning(535, Lang::En).unwrap_or_default();
/// assert!(known.starts_with("Login failed"));
/// let unknown = reply_meaning(559, Lang::En).unwrap_or_default();
/// assert!(unknown.starts_with("Permanent failure"));
/// assert!(unknown.ends_with("state of the receiving mail system."));
/// ```
pub fn reply_meaning(code: u16, lang: Lang) -> Option<String> {
    let table = &super::get().reply;
    let find = |c: &str| {
        table.iter().find(|m| m.code == c).map(|m| m.meaning.get(lang))
    };
    let exact = code.to_string();
    let digits: Vec<char> = exact.chars().collect();
    if let Some(m) = find(&exact) {
        return Some(m.to_string());
    }
    let [first, second, _] = digits[..] else { return None };
    if let Some(m) = find(&format!("{first}{second}x")) {
        return Some(m.to_string());
    }
    let class = find(&format!("{first}xx"))?;
    match find(&format!("x{second}x")) {
        Some(category) => Some(format!("{class} {category}")),
        None => Some(class.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_listed_in_four_forms() {
        let exact = Status::new(5, 12, 3).to_string();
        let keys = Keys::of(&exact);
        let forms: Vec<Option<usize>> = ["5.12.3", "X.12.3", "5", "X.12"]
            .iter()
            .map(|c| keys.form(c))
            .collect();
        assert_eq!(forms, [Some(0), Some(1), Some(2), Some(3)]);
        for other in ["X.12.30", "X.1", "4.12.3", "X", "5.12", "X.12.", ""] {
            assert_eq!(keys.form(other), None, "{other}");
        }
    }

    #[test]
    fn hosts_under_a_domain() {
        assert!(is_under("mx1.example.org", "example.org"));
        assert!(is_under("example.org", "Example.ORG"));
        assert!(!is_under("badexample.org", "example.org"));
        assert!(!is_under("org", "example.org"));
    }

    #[test]
    fn an_unlisted_detail_reads_as_class_then_subject() {
        let m = status_meaning(Status::new(4, 2, 77), Lang::Id);
        assert_eq!(
            m.as_deref(),
            Some(
                "Gagal sementara: kondisinya bisa berlalu, dan mengirim lagi \
                 nanti mungkin berhasil. Kode ini tentang mailbox penerima. \
                 Kode 4.2.77 tidak ada di daftar resmi (IANA)."
            )
        );
    }

    #[test]
    fn an_unknown_subject_still_gives_the_class() {
        let m = status_meaning(Status::new(5, 9, 1), Lang::En);
        let m = m.unwrap_or_default();
        assert!(m.starts_with("Permanent failure: sending the same email"));
        assert!(m.ends_with("is not in the official (IANA) list."));
        let words = "550 5.9.1 Refused by local policy";
        let m = status_meaning_in(Status::new(5, 9, 1), &[], words, Lang::En);
        let m = m.unwrap_or_default();
        assert!(m.ends_with("the server's own words say more."));
    }

    #[test]
    fn a_provider_meaning_applies_only_to_its_hosts() {
        let code = Status::new(4, 7, 23);
        let gmail = status_meaning_from(
            code,
            Some("gmail-smtp-in.l.google.com."),
            Lang::En,
        );
        assert!(gmail.unwrap_or_default().contains("reverse DNS (PTR)"));
        let fake = status_meaning_from(code, Some("notgoogle.com"), Lang::En);
        assert!(fake.unwrap_or_default().starts_with("SPF check failed"));
    }

    #[test]
    fn reply_codes_fall_back_to_their_digits() {
        let m = reply_meaning(429, Lang::Id).unwrap_or_default();
        assert_eq!(
            m,
            "Gagal sementara: server pengirim menyimpan email dan akan \
             mencoba lagi. Kode ini tentang koneksi."
        );
        assert_eq!(reply_meaning(7, Lang::En), None);
        assert_eq!(reply_meaning(999, Lang::En), None);
    }
}
