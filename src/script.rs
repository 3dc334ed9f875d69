// SPDX-License-Identifier: MIT
//! Writing systems in domain names: a label that mixes Latin letters
//! with Cyrillic or Greek ones is how a look-alike domain is made
//! (`gоogle.example` with a Cyrillic `о`, Unicode TS #39's mixed-script
//! confusables), and no real domain needs it. So does a local part
//! that mixes them within a word (`аdmin@example.org` with a Cyrillic
//! `а`), and a fullwidth form of an ASCII character (`ｐaypal.example`),
//! which no address needs either. The report keeps such an address as
//! it is, with those letters shown as codes, and warns; it never
//! "fixes" it.

/// The scripts whose letters are confused with each other.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
}

/// The script of a letter, for those of [`Script`]; `None` for digits,
/// hyphens and the letters of every other script.
fn script(c: char) -> Option<Script> {
    match u32::from(c) {
        0x41..=0x5a | 0x61..=0x7a => Some(Script::Latin),
        0xc0..=0x24f | 0x1e00..=0x1eff | 0x2c60..=0x2c7f => Some(Script::Latin),
        0xa720..=0xa7ff | 0xab30..=0xab6f | 0xff21..=0xff3a => {
            Some(Script::Latin)
        }
        0xff41..=0xff5a => Some(Script::Latin),
        0x370..=0x3ff | 0x1f00..=0x1fff => Some(Script::Greek),
        0x400..=0x52f | 0x1c80..=0x1c8f | 0x2de0..=0x2dff => {
            Some(Script::Cyrillic)
        }
        0xa640..=0xa69f => Some(Script::Cyrillic),
        _ => None,
    }
}

/// True if and only if one label of `domain` holds letters of two of
/// the scripts of [`Script`].
///
/// ```
/// use pantul::script::mixes_scripts;
/// assert!(mixes_scripts("g\u{43e}mail.com"));
/// assert!(!mixes_scripts("\u{43f}\u{440}\u{438}\u{43c}\u{435}\u{440}.com"));
/// ```
pub fn mixes_scripts(domain: &str) -> bool {
    domain.split('.').any(|label| {
        let mut scripts = label.chars().filter_map(script);
        let Some(first) = scripts.next() else { return false };
        scripts.any(|s| s != first)
    })
}

/// True if and only if the domain of `address` mixes scripts
/// ([`mixes_scripts`]).
pub fn domain_mixes_scripts(address: &str) -> bool {
    address
        .rsplit_once('@')
        .is_some_and(|(_, domain)| !domain.is_ascii() && mixes_scripts(domain))
}

/// Where a local part's words part: a local part mixes scripts when
/// one of its words does (`ivan.петров` does not).
const LOCAL_SEPARATORS: &[char] = &['.', '-', '_', '+'];

/// True if and only if `c` is the fullwidth form of a printable ASCII
/// character (`\u{ff41}` for `a`, `\u{ff20}` for `@`).
fn is_fullwidth(c: char) -> bool {
    ('\u{ff01}'..='\u{ff5e}').contains(&c)
}

/// True if and only if `address` holds look-alike letters: a label of
/// its domain or a word of its local part mixes Latin with Cyrillic or
/// Greek letters, or a fullwidth form of an ASCII character stands
/// anywhere in it.
///
/// ```
/// use pantul::script::has_lookalikes;
/// assert!(has_lookalikes("a@gm\u{430}il.com"));
/// assert!(has_lookalikes("\u{430}dmin@example.com"));
/// assert!(has_lookalikes("info@\u{ff50}aypal.com"));
/// assert!(!has_lookalikes("\u{430}\u{434}\u{43c}\u{438}\u{43d}@example.com"));
/// assert!(!has_lookalikes("m\u{fc}ller@example.de"));
/// ```
pub fn has_lookalikes(address: &str) -> bool {
    if address.is_ascii() {
        return false;
    }
    let Some((local, domain)) = address.rsplit_once('@') else {
        return false;
    };
    address.chars().any(is_fullwidth)
        || mixes_scripts(domain)
        || local.split(LOCAL_SEPARATORS).any(mixes_scripts)
}

/// `address` with its look-alike letters ([`has_lookalikes`]) shown as
/// codes: the letters other than Latin of a domain label or local-part
/// word that mixes scripts (`gm<U+0430>il.com`), and every fullwidth
/// character (`<U+FF50>aypal.com`); borrowed when there are none.
///
/// ```
/// use pantul::script::lookalikes_shown;
/// assert_eq!(lookalikes_shown("a@gm\u{430}il.com"), "a@gm<U+0430>il.com");
/// assert_eq!(lookalikes_shown("a@\u{43f}\u{440}\u{438}.com"), "a@\u{43f}\u{440}\u{438}.com");
/// assert_eq!(lookalikes_shown("\u{430}dmin@\u{ff50}ay.com"), "<U+0430>dmin@<U+FF50>ay.com");
/// ```
pub fn lookalikes_shown(address: &str) -> std::borrow::Cow<'_, str> {
    if !has_lookalikes(address) {
        return std::borrow::Cow::Borrowed(address);
    }
    let Some((local, domain)) = address.rsplit_once('@') else {
        return std::borrow::Cow::Borrowed(address);
    };
    let mut out = String::with_capacity(address.len() + 16);
    show_parts(local, LOCAL_SEPARATORS, &mut out);
    out.push('@');
    show_parts(domain, &['.'], &mut out);
    std::borrow::Cow::Owned(out)
}

/// Writes `text` to `out` with the look-alike letters of each of its
/// words (parted at `separators`) shown as codes.
fn show_parts(text: &str, separators: &[char], out: &mut String) {
    use std::fmt::Write;
    for part in text.split_inclusive(separators) {
        let mixed = mixes_scripts(part);
        for c in part.chars() {
            let foreign =
                matches!(script(c), Some(Script::Greek | Script::Cyrillic));
            if is_fullwidth(c) || (mixed && foreign) {
                let _ = write!(out, "<U+{:04X}>", u32::from(c));
            } else {
                out.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sees_latin_mixed_with_cyrillic_or_greek_in_one_label() {
        assert!(domain_mixes_scripts("user@g\u{43e}mail.com"));
        assert!(domain_mixes_scripts("user@p\u{3b1}ypal.example"));
        assert!(domain_mixes_scripts("user@ex\u{430}mple.\u{440}\u{444}"));
    }

    #[test]
    fn leaves_single_script_labels_and_other_scripts_alone() {
        assert!(!domain_mixes_scripts("user@example.com"));
        assert!(!domain_mixes_scripts("user@xn--e1afmkfd.xn--p1ai"));
        assert!(!domain_mixes_scripts("user@\u{43f}\u{440}\u{438}.com"));
        assert!(!domain_mixes_scripts("m\u{fc}ller@b\u{fc}cher.de"));
        assert!(!domain_mixes_scripts("user@\u{4f8b}\u{5b50}abc.example"));
        assert!(!domain_mixes_scripts("\u{43e}user@gmail.com"));
    }
}
