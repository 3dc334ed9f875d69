// SPDX-License-Identifier: MIT
//! Looking up advice by reason or catalog entry.

use super::schema::Advice;

/// The advice for a reason name or catalog entry id.
pub fn for_subject(subject: &str) -> Option<&'static Advice> {
    super::get().advice.iter().find(|a| a.subject == subject)
}
