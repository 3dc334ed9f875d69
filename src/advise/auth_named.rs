// SPDX-License-Identifier: MIT
//! Authentication refusals whose bounce says which check failed
//! ("Message rejected due to SPF fail: 192.0.2.5 is not permitted to
//! send for example.org"), and through whose service the sender sent:
//! Microsoft 365 and Google Workspace document the SPF entry their
//! customers publish, and a cPanel step fits neither.

use std::net::IpAddr;

use crate::grammar::host::{is_host_name, parse_ip};
use crate::knowledge::Lang;
use crate::reason::Reason;
use crate::report::Recipient;
use crate::shared_sender;

/// Advice subject: the failed check named, the sending service unknown
/// (or the user's own hosting), in `data/advice/auth-named.toml`.
pub const NAMED: &str = "auth-check-named";
/// The failed check named, sent through Microsoft 365.
pub const MICROSOFT_365: &str = "auth-check-microsoft365";
/// The failed check named, sent through Google Workspace.
pub const GOOGLE: &str = "auth-check-google";

/// Which checks a bounce says failed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Failed {
    spf: bool,
    dkim: bool,
    dmarc: bool,
}

impl Failed {
    fn any(self) -> bool {
        self.spf || self.dkim || self.dmarc
    }

    /// The checks' names, in the order SPF, DKIM, DMARC.
    fn names(self) -> Vec<String> {
        let each =
            [(self.spf, "SPF"), (self.dkim, "DKIM"), (self.dmarc, "DMARC")];
        each.iter()
            .filter(|(yes, _)| *yes)
            .map(|(_, n)| n.to_string())
            .collect()
    }
}

/// Words (lowercase) of a failed SPF check.
const SPF_FAILED: &[&str] = &[
    "spf fail",
    "spf=fail",
    "spf=softfail",
    "spf softfail",
    "spf check fail",
    "spf validation fail",
    "spf verification fail",
    "spf hard fail",
    "failed spf",
    "fails to pass spf",
    "due to spf",
    "spf policy",
    "not permitted to send",
    "is not authorized to send for",
    "not pass spf",
    "both spf and dkim",
    // In Indonesian: "domain pengirim tidak lolos SPF".
    "tidak lolos spf",
];

/// Words (lowercase) of a failed DKIM check.
const DKIM_FAILED: &[&str] = &[
    "dkim fail",
    "dkim=fail",
    "dkim check fail",
    "dkim signature fail",
    "dkim verification fail",
    "dkim validation fail",
    "failed dkim",
    "no valid dkim",
    "invalid dkim",
    "not pass dkim",
    "both spf and dkim",
    // In Indonesian: "domain pengirim tidak lolos DKIM".
    "tidak lolos dkim",
];

/// Words (lowercase) of a failed DMARC check.
const DMARC_FAILED: &[&str] = &[
    "dmarc policy",
    "dmarc fail",
    "dmarc=fail",
    "dmarc check fail",
    "dmarc validation fail",
    "dmarc verification fail",
    "dmarc reject",
    "failed dmarc",
    "per dmarc",
    "not pass dmarc",
    // In Indonesian: "domain pengirim tidak lolos DMARC".
    "tidak lolos dmarc",
];

/// Gmail's list of results: "Authentication results: DKIM = did not
/// pass SPF [example.org] with ip: [192.0.2.5] = did not pass".
const RESULTS: &str = "authentication results:";

fn failed(diagnostic: &str) -> Failed {
    let lower = diagnostic.to_ascii_lowercase();
    if let Some(at) = lower.find(RESULTS) {
        let results = &lower[at + RESULTS.len()..];
        return Failed {
            spf: did_not_pass(results, "spf"),
            dkim: did_not_pass(results, "dkim"),
            dmarc: did_not_pass(results, "dmarc"),
        };
    }
    let says = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    Failed {
        spf: says(SPF_FAILED),
        dkim: says(DKIM_FAILED),
        dmarc: says(DMARC_FAILED),
    }
}

/// True if and only if the first result after `check` in a list of
/// results is "did not pass".
fn did_not_pass(results: &str, check: &str) -> bool {
    let Some(at) = results.find(check) else { return false };
    let rest = &results[at + check.len()..];
    let not = rest.find("= did not pass");
    let pass = rest.find("= pass");
    match (not, pass) {
        (Some(n), Some(p)) => n < p,
        (Some(_), None) => true,
        _ => false,
    }
}

/// The advice subject of a recipient refused for authentication whose
/// bounce names the failed check: by the service it was sent through,
/// which the server that wrote the notice (`reporting_mta`) or the
/// sending address the bounce gives shows.
pub fn subject(
    r: &Recipient,
    reporting_mta: Option<&str>,
) -> Option<&'static str> {
    if r.reason != Reason::AuthFailure {
        return None;
    }
    let diagnostic = r.diagnostic.as_deref()?;
    let checks = failed(diagnostic);
    if !checks.any() {
        return None;
    }
    let by_mta = reporting_mta.and_then(service_of_host);
    let by_ip = || {
        let ip: IpAddr = sending_ip(diagnostic)?.parse().ok()?;
        match shared_sender::owner(ip)? {
            "microsoft" => Some(MICROSOFT_365),
            "google" => Some(GOOGLE),
            _ => None,
        }
    };
    Some(by_mta.or_else(by_ip).unwrap_or(NAMED))
}

/// The service whose servers wrote a notice, by their name: Microsoft
/// 365's carry `*.prod.outlook.com` / `*.outlook.com`, Google's
/// `*.google.com` / `googlemail.com`.
fn service_of_host(host: &str) -> Option<&'static str> {
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let under =
        |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    if under("outlook.com") {
        Some(MICROSOFT_365)
    } else if under("google.com") || under("googlemail.com") {
        Some(GOOGLE)
    } else {
        None
    }
}

/// Values of the placeholders this module fills for a group:
/// `failed_checks` ("SPF dan DKIM"; "SPF, DKIM dan DMARC" when no check
/// is named) and `auth_ip` (the sending address an SPF failure names).
pub fn value(name: &str, group: &[&Recipient], lang: Lang) -> Option<String> {
    let refused = || {
        group
            .iter()
            .filter(|r| r.reason == Reason::AuthFailure)
            .filter_map(|r| r.diagnostic.as_deref())
    };
    match name {
        "failed_checks" => {
            let checks = refused().map(failed).find(|c| c.any());
            let names = checks.map_or_else(every_check, Failed::names);
            Some(super::values::join(&names, lang))
        }
        "auth_ip" => refused().filter(|d| failed(d).spf).find_map(sending_ip),
        _ => None,
    }
}

/// The names of all three checks, for a refusal that names none.
fn every_check() -> Vec<String> {
    Failed { spf: true, dkim: true, dmarc: true }.names()
}

/// The sending address an SPF failure names: "with ip: [192.0.2.5]",
/// "fails to pass SPF checks with the ip: [192.0.2.5]" (a wrapped reply
/// may put its codes between), "192.0.2.5 is not permitted to send",
/// "client-ip=192.0.2.5".
fn sending_ip(diagnostic: &str) -> Option<String> {
    let lower = diagnostic.to_ascii_lowercase();
    let after = |marker: &str| {
        let at = lower.find(marker)? + marker.len();
        let mut words = diagnostic[at..]
            .split(|c: char| c.is_whitespace() || c == '=')
            .filter(|w| !w.is_empty() && !is_reply_code(w));
        parse_ip(bare(words.next()?))
    };
    let before_not_permitted = || {
        let at = [" is not permitted to send", " is not authorized to send"]
            .iter()
            .find_map(|marker| lower.find(marker))?;
        parse_ip(bare(diagnostic[..at].split_whitespace().next_back()?))
    };
    after("with ip:")
        .or_else(|| after("with the ip:"))
        .or_else(before_not_permitted)
        .or_else(|| after("client-ip"))
}

/// True if and only if `word` is the code of a wrapped reply's line,
/// "550-5.7.26" or "550".
fn is_reply_code(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits == 3 && matches!(word.as_bytes().get(3), None | Some(b'-' | b' '))
}

/// `word` without the brackets, quotes and punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| "[]()<>:;,.'\"".contains(c))
}

/// Words (lowercase) after which an authentication failure names the
/// sender's domain: "not permitted to send for example.org", "DMARC
/// policy for example.org", "not authorized to send for example.org",
/// "Unauthenticated email from example.org",
/// "sending domain [EXAMPLE.ORG]", "The MAIL FROM domain [example.org]",
/// "sender domain example.org SPF check failed".
const DOMAIN_AFTER: &[&str] = &[
    "not permitted to send for ",
    "not authorized to send for ",
    "dmarc policy for ",
    "unauthenticated email from ",
    "sending domain ",
    "mail from domain ",
    "sender domain ",
];

/// The sender's domain an authentication failure names.
pub fn domain(diagnostic: &str) -> Option<String> {
    let lower = diagnostic.to_ascii_lowercase();
    DOMAIN_AFTER.iter().find_map(|marker| {
        let at = lower.find(marker)? + marker.len();
        let word = bare(diagnostic[at..].split_whitespace().next()?);
        is_host_name(word).then(|| word.to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_spf_failure_with_its_address_and_domain() {
        let d = "550 5.7.1 Message rejected due to SPF fail: 40.107.255.50 \
                 is not permitted to send for majubersama.co.id";
        assert_eq!(failed(d), Failed { spf: true, dkim: false, dmarc: false });
        assert_eq!(sending_ip(d).as_deref(), Some("40.107.255.50"));
        assert_eq!(domain(d).as_deref(), Some("majubersama.co.id"));
    }

    #[test]
    fn reads_gmail_results_by_check() {
        let d = "550-5.7.26 Authentication results: DKIM = did not pass \
                 SPF [contoh.id] with ip: [192.0.2.5] = did not pass";
        assert_eq!(failed(d), Failed { spf: true, dkim: true, dmarc: false });
        assert_eq!(sending_ip(d).as_deref(), Some("192.0.2.5"));
        let passed = "Authentication results: DKIM = pass SPF [contoh.id] \
                      with ip: [192.0.2.5] = did not pass";
        assert_eq!(
            failed(passed),
            Failed { spf: true, dkim: false, dmarc: false }
        );
    }

    #[test]
    fn reads_a_wrapped_gmail_spf_failure() {
        let d = "550-5.7.26 The MAIL FROM domain [Contoh.ID] has an SPF \
                 record with a 550-5.7.26 hard fail policy (-all) but it fails \
                 to pass SPF checks with the ip: 550-5.7.26 [192.0.2.24].";
        assert!(failed(d).spf);
        assert_eq!(sending_ip(d).as_deref(), Some("192.0.2.24"));
        assert_eq!(domain(d).as_deref(), Some("contoh.id"));
    }

    #[test]
    fn reads_the_domain_of_a_dmarc_refusal() {
        let d = "550 5.7.509 Access denied, sending domain [NQ.CONTOH.ID] \
                 does not pass DMARC verification";
        assert_eq!(domain(d).as_deref(), Some("nq.contoh.id"));
        assert_eq!(sending_ip(d), None);
    }

    #[test]
    fn reads_a_refusal_that_says_not_authorized() {
        let d = "550 5.7.23 SPF validation failed: The message was rejected \
                 because 192.0.2.45 is not authorized to send for contoh.id";
        assert!(failed(d).spf);
        assert_eq!(sending_ip(d).as_deref(), Some("192.0.2.45"));
        assert_eq!(domain(d).as_deref(), Some("contoh.id"));
        let cut = "550 5.7.509 Access denied, sending domain [CONTOH.ID] \
                   does not pass DMARC verification and has a D...";
        assert_eq!(
            failed(cut),
            Failed { spf: false, dkim: false, dmarc: true }
        );
    }

    #[test]
    fn reads_the_sender_domain_an_spf_refusal_names() {
        let d = "550 5.7.1 Message rejected: sender domain contoh.id SPF \
                 check failed";
        assert!(failed(d).spf);
        assert_eq!(domain(d).as_deref(), Some("contoh.id"));
        assert_eq!(domain("550 5.1.8 Sender domain must exist"), None);
    }

    #[test]
    fn names_no_check_for_a_general_refusal() {
        assert!(!failed("550 5.7.26 This message is not authenticated").any());
    }

    #[test]
    fn knows_services_by_their_host_names() {
        let m = "SG2PR06MB1234.apcprd06.prod.outlook.com";
        assert_eq!(service_of_host(m), Some(MICROSOFT_365));
        assert_eq!(service_of_host("mail-sor-f41.google.com"), Some(GOOGLE));
        assert_eq!(service_of_host("outlook.com.example.net"), None);
        assert_eq!(service_of_host("server.hosting.example"), None);
    }
}
