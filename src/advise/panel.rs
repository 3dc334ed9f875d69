// SPDX-License-Identifier: MIT
//! The sending server's hosting panel, when the notice shows it is not
//! cPanel (whose menus the advice names): "This is the mail system at
//! host plesk01.example.net" runs Plesk; a refusal in DirectAdmin's own
//! words comes from a DirectAdmin server, whatever its host name.

use crate::knowledge::{messages, Lang};
use crate::lowercase::Lowercase;
use crate::report::Report;

/// Marks in the reporting host's name, and the panel each names.
const PANELS: &[(&str, &str)] =
    &[("plesk", "Plesk"), ("directadmin", "DirectAdmin")];

/// Words that only a DirectAdmin server writes into its notices
/// (lowercase): the sending limits of its Exim setup (exim.pl: "You
/// (kasir) have reached your daily email limit of 300 emails", "Your
/// E-Mail (kasir@example.com) has reached it's daily email limit of 100
/// emails"; older versions: "You (kasir) have reached your message
/// limit"), and the folder its Exim keeps mail accounts and limits in
/// (`/etc/virtual/example.com/passwd`). A host name alone says nothing.
const DIRECTADMIN_WORDS: &[&str] = &[
    "have reached your daily email limit of",
    "has reached it's daily email limit of",
    "have reached your message limit",
    "/etc/virtual/",
];

/// The panel other than cPanel that the notice shows, if it shows one:
/// in the reporting host's name, or in DirectAdmin's own words.
pub fn other_panel(report: &Report) -> Option<&'static str> {
    let host = report.reporting_mta.as_deref().map(str::to_ascii_lowercase);
    let named = host.and_then(|host| {
        PANELS.iter().find(|(mark, _)| host.contains(mark)).map(|p| p.1)
    });
    named.or_else(|| directadmin_words(report).then_some("DirectAdmin"))
}

/// True if and only if a recipient's words are DirectAdmin's own.
fn directadmin_words(report: &Report) -> bool {
    report.recipients.iter().any(|r| {
        let words = r.diagnostic.as_deref().unwrap_or("").lowercase();
        DIRECTADMIN_WORDS.iter().any(|w| words.contains(w))
    })
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

    /// An Exim notice of a DirectAdmin server whose host name does not
    /// say so, refusing with DirectAdmin's daily limit.
    const DIRECTADMIN: &str = "This message was created automatically by \
        mail delivery software.\n\nA message that you sent could not be \
        delivered to one or more of its\nrecipients. This is a permanent \
        error. The following address(es) failed:\n\n  \
        rekan@example.org\n    You (tokoku) have reached your daily email \
        limit of 200 emails\n";

    #[test]
    fn directadmins_own_words_name_the_panel() {
        let options = Options { lang: Lang::En, ..Options::default() };
        let report = decode(DIRECTADMIN.as_bytes(), &options).expect("decodes");
        assert_eq!(other_panel(&report), Some("DirectAdmin"));
        let steps = report.advice[0].steps.join("\n");
        assert!(steps.contains("runs DirectAdmin, not cPanel"), "{steps}");
    }

    #[test]
    fn a_host_name_without_a_mark_names_no_panel() {
        let text = PLESK.replace("plesk7", "server7");
        let options = Options { lang: Lang::En, ..Options::default() };
        let report = decode(text.as_bytes(), &options).expect("decodes");
        assert_eq!(other_panel(&report), None);
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
