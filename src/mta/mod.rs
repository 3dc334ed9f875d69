// SPDX-License-Identifier: MIT
//! One module per family of notice layouts (an MTA, a provider, a log or
//! listing format), and the ordered table that says which to try.
//!
//! A family *claims* a notice by a cheap look at its headers or text, then
//! *extracts* recipient records from it. The first family in [`FAMILIES`]
//! that claims the notice and finds at least one record wins; the
//! delivery-status fields of RFC 3464 then fill in what its text lacked.

pub mod activehunter;
pub mod amavis;
pub mod amazon_ses;
pub mod amazon_workmail;
pub mod apachejames;
pub mod arf;
pub mod bare;
pub mod barracuda;
pub mod bigfoot;
pub mod biglobe;
pub mod courier;
pub mod domino;
pub mod dragonfly;
pub mod einsundeins;
pub mod exchange;
pub mod exchange2003;
pub mod exim;
pub mod ezweb;
pub mod fml;
pub mod generic;
pub mod gmail;
pub mod gmx;
pub mod google_groups;
pub mod google_workspace;
pub mod hypothetical;
pub mod imailserver;
pub mod interscan;
pub mod kddi;
pub mod layout;
pub mod mailfoundry;
pub mod mailgun;
pub mod maillog;
pub mod mailmarshal;
pub mod mailq;
pub mod mailru;
pub mod mcafee;
pub mod messaging_server;
pub mod mfilter;
pub mod mxlogic;
pub mod named_remote;
pub mod not_recipient;
pub mod notes;
pub mod opensmtpd;
pub mod postfix;
pub mod powermta;
pub mod qmail;
pub mod receiving_ses;
pub mod returned_lines;
pub mod rfc3464;
pub mod rfc3834;
pub mod sendgrid;
pub mod sendmail;
pub mod surfcontrol;
pub mod v5sendmail;
pub mod verizon;
pub mod whm;
pub mod words;
pub mod x1;
pub mod x2;
pub mod x3;
pub mod x4;
pub mod x5;
pub mod x6;
pub mod yahoo;
pub mod yandex;
pub mod zoho;

use crate::notice::Notice;
use crate::record::Record;

/// A family of notice layouts.
pub struct Family {
    /// The format name reported, e.g. `"postfix"`.
    pub id: &'static str,
    /// True if and only if the notice looks like this family's.
    pub claims: fn(&Notice) -> bool,
    /// The records found in the notice.
    pub extract: fn(&Notice) -> Vec<Record>,
    /// Words of which `claims` needs one, or `None` when it needs no
    /// fixed word: a notice without any of them is not offered to
    /// `claims` ([`words`] finds every family's words in one pass).
    pub words: Option<fn() -> Vec<&'static str>>,
}

/// Families in the order they are tried: the specific before the
/// general. RFC 3464 comes after the MTAs, whose text says more than
/// their delivery-status part; [`generic`] comes last.
pub static FAMILIES: &[Family] = &[
    mailq::FAMILY,
    whm::FAMILY,
    maillog::FAMILY,
    // Feedback reports are not bounces, whatever text they quote.
    arf::FAMILY,
    // Providers and commercial MTAs: their lead sentences are their own.
    google_groups::FAMILY,
    gmail::FAMILY,
    yahoo::FAMILY,
    google_workspace::FAMILY,
    exchange2003::FAMILY,
    exchange::FAMILY,
    mailru::FAMILY,
    einsundeins::FAMILY,
    gmx::FAMILY,
    zoho::FAMILY,
    kddi::FAMILY,
    ezweb::FAMILY,
    notes::FAMILY,
    domino::FAMILY,
    verizon::FAMILY,
    interscan::FAMILY,
    messaging_server::FAMILY,
    amazon_workmail::FAMILY,
    amazon_ses::FAMILY,
    receiving_ses::FAMILY,
    powermta::FAMILY,
    mcafee::FAMILY,
    barracuda::FAMILY,
    mxlogic::FAMILY,
    sendgrid::FAMILY,
    mailgun::FAMILY,
    yandex::FAMILY,
    // Small gateways and the unidentified MTAs Sisimai numbers: their
    // opening sentences are their own; qmail's relatives before qmail.
    activehunter::FAMILY,
    amavis::FAMILY,
    apachejames::FAMILY,
    bigfoot::FAMILY,
    biglobe::FAMILY,
    fml::FAMILY,
    imailserver::FAMILY,
    mailfoundry::FAMILY,
    mailmarshal::FAMILY,
    mfilter::FAMILY,
    surfcontrol::FAMILY,
    x1::FAMILY,
    x2::FAMILY,
    x3::FAMILY,
    x4::FAMILY,
    x5::FAMILY,
    x6::FAMILY,
    // Open-source MTAs.
    courier::FAMILY,
    qmail::FAMILY,
    dragonfly::FAMILY,
    exim::FAMILY,
    opensmtpd::FAMILY,
    sendmail::FAMILY,
    v5sendmail::FAMILY,
    postfix::FAMILY,
    rfc3464::FAMILY,
    // Automatic replies, once no family read a delivery failure.
    rfc3834::FAMILY,
    generic::FAMILY,
];

/// The format name reported for a notice that `family` read: the
/// family's id, except for Google's layout, which names Google Workspace
/// only for a sender at a domain of its own ([`google_workspace::format`]).
pub fn format_of(family: &Family, notice: &Notice) -> &'static str {
    if family.id == google_workspace::FAMILY.id {
        return google_workspace::format(notice);
    }
    family.id
}
