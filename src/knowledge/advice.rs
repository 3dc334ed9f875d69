// SPDX-License-Identifier: MIT
//! Looking up advice by reason or catalog entry.

use super::schema::advice::Timing;
use super::schema::Advice;

/// The advice for a reason name or catalog entry id, whatever the
/// timing.
pub fn for_subject(subject: &str) -> Option<&'static Advice> {
    let all = &super::get().advice;
    all.iter().find(|a| a.subject == subject && a.timing.is_none())
}

/// The advice for a reason name or catalog entry id and a timing: the
/// variant written for that timing if there is one, else the general
/// advice.
pub fn for_subject_timing(
    subject: &str,
    timing: Option<Timing>,
) -> Option<&'static Advice> {
    let all = &super::get().advice;
    let variant = timing.and_then(|t| {
        all.iter().find(|a| a.subject == subject && a.timing == Some(t))
    });
    variant.or_else(|| for_subject(subject))
}
