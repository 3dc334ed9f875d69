// SPDX-License-Identifier: MIT
//! The sending server's hosting panel, when the notice shows it is not
//! cPanel (whose menus the advice names): "This is the mail system at
//! host plesk01.example.net" runs Plesk.

use crate::knowledge::{messages, Lang};
use crate::report::Report;

/// Marks in the reporting host's name, and the panel each names.
const PANELS: &[(&str, &str)] =
    &[("plesk", "Plesk"), ("directadmin", "DirectAdmin")];

/// The panel other than cPanel that the reporting host's name shows,
/// if it shows one.
pub fn other_panel(report: &Report) -> Option<&'static str> {
    let host = report.reporting_mta.as_deref()?.to_ascii_lowercase();
    PANELS.iter().find(|(mark, _)| host.contains(mark)).map(|(_, name)| *name)
}

/// `steps` with a note before the first that names cPanel, when the
/// sending server runs `panel` instead: its menus have other names.
pub fn note(steps: &mut Vec<String>, panel: Option<&str>, lang: Lang) {
    let Some(panel) = panel else { return };
    let Some(at) = steps.iter().position(|s| s.contains("cPanel")) else {
        return;
    };
    let text = messages::text("advice.other-panel", lang, &[("value", panel)]);
    steps.insert(at, text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{decode, Options};

    const PLESK: &str =
        "This is the mail system at host plesk7.example.net.\n\n\
        <tamu@example.org>: host mx.example.org[192.0.2.50] said: 550 \
        5.7.23 SPF check failed for the sender (in reply to end of DATA \
        command)\n";

    #[test]
    fn a_plesk_notice_says_the_cpanel_menus_differ() {
        for lang in [Lang::Id, Lang::En] {
            let options = Options { lang, ..Options::default() };
            let report = decode(PLESK.as_bytes(), &options).expect("decodes");
            assert_eq!(other_panel(&report), Some("Plesk"));
            let steps = &report.advice[0].steps;
            let first = steps.iter().position(|s| s.contains("cPanel"));
            let note = first.and_then(|n| steps.get(n)).expect("a cPanel step");
            assert!(note.contains("Plesk"), "{note}");
            let notes = steps.iter().filter(|s| s.contains("Plesk")).count();
            assert_eq!(notes, 1, "{steps:?}");
        }
    }

    #[test]
    fn a_cpanel_or_unknown_host_gets_no_note() {
        let mut steps = vec!["Login ke cPanel.".to_string()];
        note(&mut steps, None, Lang::Id);
        assert_eq!(steps, ["Login ke cPanel."]);
        let mut steps = vec!["Cek DNS.".to_string()];
        note(&mut steps, Some("Plesk"), Lang::Id);
        assert_eq!(steps, ["Cek DNS."]);
    }
}
