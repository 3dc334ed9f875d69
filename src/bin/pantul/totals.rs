// SPDX-License-Identifier: MIT
//! Totals over every report of a run: how many reports of each kind,
//! how many inputs could not be decoded, how many recipients by action
//! and by reason, and how many reports carry each warning (such as
//! `warning.queued-early`, which only a report of its own would show).
//! The readable summary ends with them when a run gives more than one
//! report; `--totals` prints them alone.

use std::collections::BTreeMap;
use std::fmt::Write;

use pantul::json::{Json, WriteJson};
use pantul::knowledge::messages::{find, number, text, text_n};
use pantul::report::{Recipient, Report};
use pantul::Lang;
use pantul::Reason;

/// The counts of a run, as `--totals --json` writes them.
#[derive(Debug, Default)]
pub struct Totals {
    /// Reports written.
    pub reports: usize,
    /// Inputs or messages that could not be decoded.
    pub failures: usize,
    /// Reports by kind (`bounce`, `delay`, …).
    pub kinds: BTreeMap<String, usize>,
    /// Recipients over all reports.
    pub recipients: usize,
    /// Recipients by action (`failed`, `delayed`, …; `none` when the
    /// report gives none).
    pub actions: BTreeMap<String, usize>,
    /// Recipients by reason; `delayed` for one whose reason is
    /// `expired` while the server still retries (greylisting, a
    /// timeout not yet given up on), as the page names it.
    pub reasons: BTreeMap<String, usize>,
    /// Recipients whose address is unusable (`hard_bounce`).
    pub hard_bounces: usize,
    /// Reports by warning id (`warning.queued-early`, …): a report
    /// counts once for each warning it has.
    pub warnings: BTreeMap<String, usize>,
}

impl Totals {
    /// Counts one report.
    pub fn add(&mut self, report: &Report) {
        self.reports += 1;
        let kind = pantul::json::kind_name(report.kind);
        *self.kinds.entry(kind.to_string()).or_default() += 1;
        for r in &report.recipients {
            self.recipients += 1;
            let action = r.action.map_or("none", |a| a.name());
            *self.actions.entry(action.to_string()).or_default() += 1;
            let reason = counted_reason(r).to_string();
            *self.reasons.entry(reason).or_default() += 1;
            self.hard_bounces += usize::from(r.hard_bounce);
        }
        let ids = &report.warning_ids;
        for (n, id) in ids.iter().enumerate() {
            if !ids[..n].contains(id) {
                *self.warnings.entry(id.clone()).or_default() += 1;
            }
        }
    }

    /// The totals as a few lines of text, in `lang`; the largest counts
    /// first.
    pub fn render(&self, lang: Lang) -> String {
        let n = |count: usize| number(count, lang);
        let counted = |id: &str, count: usize| {
            text_n(&format!("cli.totals.{id}"), lang, count, &[])
        };
        let failures = match self.failures {
            0 => text("cli.totals.failures.none", lang, &[]),
            f => counted("failures", f),
        };
        let mut out = String::new();
        let head = [
            ("count", counted("reports", self.reports)),
            ("number", failures),
            ("value", counted("recipients", self.recipients)),
            ("other", counted("hard-bounces", self.hard_bounces)),
        ];
        let head: Vec<(&str, &str)> =
            head.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let _ = writeln!(out, "{}", text("cli.totals", lang, &head));
        for (id, group, counts) in [
            ("cli.totals.kinds", "kind", &self.kinds),
            ("cli.totals.actions", "action", &self.actions),
            ("cli.totals.reasons", "reason", &self.reasons),
            ("cli.totals.warnings", "warning", &self.warnings),
        ] {
            if counts.is_empty() {
                continue;
            }
            let mut sorted: Vec<(&String, &usize)> = counts.iter().collect();
            sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let list: Vec<String> = sorted
                .iter()
                .map(|(k, c)| format!("{} {}", label(group, k, lang), n(**c)))
                .collect();
            let list = list.join(", ");
            let _ = writeln!(out, "  {}", text(id, lang, &[("value", &list)]));
        }
        out
    }
}

impl WriteJson for Totals {
    /// The fields in order; each map's counts by name.
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("reports", &self.reports);
        json.field("failures", &self.failures);
        json.field("kinds", &Counts(&self.kinds));
        json.field("recipients", &self.recipients);
        json.field("actions", &Counts(&self.actions));
        json.field("reasons", &Counts(&self.reasons));
        json.field("hard_bounces", &self.hard_bounces);
        json.field("warnings", &Counts(&self.warnings));
        json.end_object();
    }
}

/// Counts by name, as one JSON object.
struct Counts<'a>(&'a BTreeMap<String, usize>);

impl WriteJson for Counts<'_> {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        for (name, count) in self.0 {
            json.entry(name, count);
        }
        json.end_object();
    }
}

/// The key a recipient is counted under by reason: its reason, or
/// `delayed` for an `expired` one that is not permanent (the server
/// still retries), which the readable report calls a delay too.
fn counted_reason(r: &Recipient) -> &'static str {
    if r.reason == Reason::Expired && !r.permanent {
        "delayed"
    } else {
        r.reason.name()
    }
}

/// The readable name of the id `key` of a `group` of counts (`kind`,
/// `action`, `reason` as the page gives it; `warning`); the id itself
/// if it has none.
fn label(group: &str, key: &str, lang: Lang) -> String {
    find(&format!("cli.totals.{group}.{key}"), lang, &[])
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_line(totals: &Totals, lang: Lang) -> String {
        totals.render(lang).lines().next().unwrap_or_default().to_string()
    }

    #[test]
    fn english_counts_take_singular_and_plural() {
        let one = Totals {
            reports: 1,
            failures: 1,
            recipients: 1,
            hard_bounces: 1,
            ..Totals::default()
        };
        assert_eq!(
            first_line(&one, Lang::En),
            "Totals: 1 report, 1 input not decoded; 1 recipient (1 hard bounce)"
        );
        let many = Totals {
            reports: 3,
            failures: 2,
            recipients: 1200,
            hard_bounces: 0,
            ..Totals::default()
        };
        assert_eq!(
            first_line(&many, Lang::En),
            "Totals: 3 reports, 2 inputs not decoded; 1,200 recipients \
             (0 hard bounces)"
        );
    }

    #[test]
    fn a_run_without_failures_says_every_input_was_decoded() {
        let none = Totals { reports: 2, recipients: 2, ..Totals::default() };
        assert_eq!(
            first_line(&none, Lang::En),
            "Totals: 2 reports, every input decoded; 2 recipients \
             (0 hard bounces)"
        );
        assert_eq!(
            first_line(&none, Lang::Id),
            "Total: 2 laporan, semua input terbaca; 2 penerima (0 hard bounce)"
        );
    }

    /// A report of a log line read before the log finished its message:
    /// it carries `warning.queued-early`.
    fn early_report(lang: Lang) -> Report {
        let line = "Jan  2 03:04:05 mx postfix/smtp[1]: 4AB12C3D4: \
            to=<a@example.org>, relay=none, delay=1, dsn=5.4.4, \
            status=bounced (Host or domain name not found)\n";
        let options = pantul::Options { lang, ..pantul::Options::default() };
        let mut report = pantul::decode(line.as_bytes(), &options).unwrap();
        pantul::split_log::note_early(&mut report, lang);
        report
    }

    #[test]
    fn warnings_are_counted_by_id_once_a_report() {
        let mut totals = Totals::default();
        let mut early = early_report(Lang::En);
        // The same warning twice in one report counts once.
        pantul::split_log::note_early(&mut early, Lang::En);
        totals.add(&early);
        totals.add(&early_report(Lang::En));
        let json = pantul::json::to_string(&totals);
        assert!(
            json.ends_with(r#","warnings":{"warning.queued-early":2}}"#),
            "{json}"
        );
        let text = totals.render(Lang::En);
        assert!(
            text.contains(
                "\n  reports with warnings: read before the log said it was \
                 finished 2\n"
            ),
            "{text}"
        );
        let text = totals.render(Lang::Id);
        assert!(
            text.contains(
                "\n  laporan dengan peringatan: dibaca sebelum log \
                 mencatatnya selesai 2\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_run_without_warnings_writes_an_empty_count() {
        let json = pantul::json::to_string(&Totals::default());
        assert!(json.ends_with(r#""hard_bounces":0,"warnings":{}}"#), "{json}");
        assert!(!Totals::default().render(Lang::En).contains("warnings"));
    }
}
