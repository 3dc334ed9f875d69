// SPDX-License-Identifier: MIT
//! Looking up advice by reason or catalog entry.

use std::sync::OnceLock;

use super::names::Names;
use super::schema::advice::Timing;
use super::schema::Advice;
use crate::lowercase::Lowercase;

/// The advice of one subject, in the data's order: every lookup below
/// reads only these (a report asks several times a recipient, and the
/// whole list holds a few hundred entries).
fn of_subject(subject: &str) -> impl Iterator<Item = &'static Advice> {
    static INDEX: OnceLock<Names<Vec<&'static Advice>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = Names::new();
        for a in &super::get().advice {
            index.entry(a.subject.as_str(), Vec::new).push(a);
        }
        index
    });
    index.get(subject).into_iter().flatten().copied()
}

/// The advice for a reason name or catalog entry id, whatever the
/// timing and the server's words.
pub fn for_subject(subject: &str) -> Option<&'static Advice> {
    of_subject(subject).find(|a| a.timing.is_none() && a.when.is_empty())
}

/// The advice for a reason name or catalog entry id and a timing: the
/// variant written for that timing if there is one, else the general
/// advice.
pub fn for_subject_timing(
    subject: &str,
    timing: Option<Timing>,
) -> Option<&'static Advice> {
    let variant = timing.and_then(|t| {
        of_subject(subject).find(|a| a.timing == Some(t) && a.when.is_empty())
    });
    variant.or_else(|| for_subject(subject))
}

/// The variant of a subject's advice written for what the server said
/// (its `when` phrases), for a recipient of this timing whose words are
/// `words`: the first that fits.
pub fn for_words(
    subject: &str,
    timing: Option<Timing>,
    words: &str,
) -> Option<&'static Advice> {
    let mut variants = of_subject(subject).filter(|a| {
        !a.when.is_empty() && a.timing.is_none_or(|t| timing == Some(t))
    });
    let first = variants.next()?;
    let words = words.lowercase();
    let says = |a: &&Advice| a.when.iter().any(|w| words.contains(w.as_str()));
    std::iter::once(first).chain(variants).find(says)
}
