// SPDX-License-Identifier: MIT
// Types of the report and the catalog; they follow src/report.rs and
// src/knowledge/export.rs (a test checks real output against them).

/** A language Pantul speaks: Bahasa Indonesia or English. */
export type Lang = 'id' | 'en';

/**
 * A language asked for: a Lang, or any well-formed language tag (BCP
 * 47) in any case, such as a browser's locale. Indonesian, Malay and
 * the languages of Indonesia ('id-ID', 'ms-MY', 'jv'; 'in' is
 * Indonesian's old code) and any tag for Indonesia but 'en-ID' give
 * 'id'; any other tag gives 'en' ('EN', 'en-US', 'fr-FR'). A value that
 * is no language tag throws TypeError.
 */
export type LangTag = Lang | (string & {});

/** Why one recipient's delivery failed, was delayed or succeeded. */
export type Reason =
  | 'authfailure' | 'badreputation' | 'blocked' | 'contenterror'
  | 'delivered' | 'exceedlimit' | 'expired' | 'failedstarttls'
  | 'feedback' | 'filtered' | 'hasmoved' | 'hostunknown' | 'mailboxfull'
  | 'mailererror' | 'mesgtoobig' | 'networkerror' | 'norelaying'
  | 'notaccept' | 'notcompliantrfc' | 'onhold' | 'policyviolation'
  | 'rejected' | 'requireptr' | 'securityerror' | 'spamdetected'
  | 'speeding' | 'suppressed' | 'suspend' | 'syntaxerror' | 'systemerror'
  | 'systemfull' | 'toomanyconn' | 'undefined' | 'userunknown'
  | 'vacation' | 'virusdetected';

/** The coarser reason names of newer Sisimai releases. */
export type ReasonGroup =
  | Exclude<Reason, 'toomanyconn' | 'speeding' | 'mesgtoobig' | 'exceedlimit'>
  | 'ratelimited' | 'emailtoolarge';

/** What the notice is. */
export type Kind =
  | 'bounce' | 'delay' | 'auto-reply' | 'feedback-report' | 'delivered'
  | 'not-a-bounce';

/** What happened to one recipient (RFC 3464 Action). */
export type Action =
  | 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

/** The SMTP command that was refused. */
export type Command =
  | 'CONNECT' | 'HELO' | 'EHLO' | 'STARTTLS' | 'AUTH' | 'MAIL' | 'RCPT'
  | 'DATA' | 'BDAT' | 'QUIT';

/**
 * What sort of thing a catalog entry is; 'hosting-limit' is a limit of
 * the sender's own hosting server, not of the recipient's side.
 */
export type EntryKind =
  | 'ip-list' | 'domain-list' | 'reputation' | 'provider-policy'
  | 'hosting-limit';

/** What a catalog entry lists. */
export type ListedKind = 'ip' | 'domain' | 'network' | 'none';

/** Whether a catalog entry still operates. */
export type EntryStatus =
  | 'active' | 'defunct' | 'uncertain' | 'receiver-error';

/**
 * Who must act on a bounce: its sender, the sender's mail administrator
 * or hosting provider, the recipient's side, nobody (the sending server
 * retries, or nothing failed), or the reader of a phishing email dressed
 * as a bounce (advice 'phishing'), who received it and sent nothing.
 */
export type Actor =
  | 'sender' | 'sender-admin' | 'recipient' | 'nobody' | 'reader';

/**
 * Whether to wait, retry or stop sending to the address; `release` when
 * an administrator must release (Postfix's hold queue) or thaw (Exim's
 * frozen message) what the sending server keeps without trying.
 */
export type Todo = 'wait' | 'retry' | 'stop' | 'none' | 'release';

/**
 * Whether failures are temporary or permanent: the server still
 * retries, it retried until it gave up, nobody will retry, or some of
 * each.
 */
export type Timing = 'retrying' | 'gave-up' | 'permanent' | 'mixed';

/** What the notice says about the message that was sent. */
export interface Original {
  from: string | null;
  to: string | null;
  subject: string | null;
  message_id: string | null;
  date: string | null;
}

/** Why a reason was chosen: the words of the input and the rule. */
export interface Evidence {
  text: string;
  rule: string;
}

/** A catalog entry named for a recipient, with links built for it. */
export interface Blocklist {
  id: string;
  /**
   * Its name in the report's language: a name that describes ("Yahoo/AOL
   * temporary deferral (TSS04)") is translated, a proper name ("Spamhaus
   * ZEN") is the same in both. `id` is the stable key.
   */
  name: string;
  /**
   * Who runs it, in the report's language ("AOL (now Yahoo)" / "AOL
   * (kini Yahoo)"; a proper name such as "Microsoft" is the same in
   * both).
   */
  operator: string;
  kind: EntryKind;
  listed_kind: ListedKind;
  status: EntryStatus;
  /**
   * The listed IP or domain, checked; when the notice hides it, the
   * `sendingIp` given (see `listed_given`), else null.
   */
  listed: string | null;
  /**
   * True when `listed` is the `sendingIp` given, for the links: the
   * notice itself does not say which IP is listed.
   */
  listed_given: boolean;
  /** The words of the notice that named it. */
  matched: string;
  lookup_url: string | null;
  delist_url: string | null;
  doc_url: string | null;
  note: string | null;
  /** How a listing ends (expiry, a form, a reset), localized. */
  delisting: string | null;
  /** The kind, in words, localized. */
  kind_label: string;
  /** What it lists, in words, localized. */
  listed_label: string;
  /** Whether it still operates, in words, localized. */
  status_label: string;
  /** The id of the provider policy whose code named this list. */
  cited_by: string | null;
}

/**
 * A policy named for a recipient: the recipient's provider's own, or a
 * limit of the sender's own hosting server.
 */
export interface Policy {
  /** Who runs it, in the report's language, as Blocklist.operator. */
  provider: string;
  /** Whose policy it is. */
  kind: 'provider-policy' | 'hosting-limit';
  id: string;
  code: string;
  doc_url: string | null;
}

/** One recipient. */
export interface Recipient {
  address: string | null;
  /** True when the address is masked: wholly by a web page ("[email protected]",
   *  address null) or its part before the @ ("x****@example.com"). */
  address_masked: boolean;
  /**
   * What happened: the notice's own Action field, else what the report
   * settles (as the summary counts): "failed" for a failure that is
   * permanent, "delayed" for one still retried, "delivered" for a
   * delivery; null for an auto-reply or a complaint.
   */
  action: Action | null;
  /**
   * The enhanced status code, e.g. "4.7.1": the notice's, or when it has
   * none, the reason's stand-in "X.0.9nn" (then status_inferred is true).
   */
  status: string | null;
  /** True when `status` is a stand-in, not from the notice. */
  status_inferred: boolean;
  reply_code: number | null;
  command: Command | null;
  remote_host: string | null;
  remote_ip: string | null;
  /**
   * The provider whose server answered, when the notice shows it: by the
   * remote host's name, or, when no host is named, by a mark only that
   * provider writes (Google's "- gsmtp"), e.g. "Google (Gmail)".
   */
  remote_provider: string | null;
  /** The server's own words: untrusted text. */
  diagnostic: string | null;
  reason: Reason;
  reason_group: ReasonGroup;
  /**
   * The reason's title in the report's language, for this recipient's
   * timing, e.g. "The recipient's mailbox is full".
   */
  reason_title: string;
  /** The address itself is unusable. */
  hard_bounce: boolean;
  /** The failure is final: the sending server will not try again. */
  permanent: boolean;
  evidence: Evidence;
  blocklist: Blocklist | null;
  policy: Policy | null;
  listings: Blocklist[];
  status_meaning: string | null;
  reply_meaning: string | null;
  feedback_type: string | null;
  /**
   * For a mail log that names this recipient more than once (deferred,
   * then bounced): the report has the last line's state, this the rest.
   */
  attempts: Attempts | null;
  /**
   * The queue id of the message, for a mail log or a queue listing
   * (`4AB12C3D4`, Exim's `1rAbCd-000123-Ab`); null for other input.
   */
  queue_id: string | null;
  /**
   * The envelope sender, where a mail log or a queue listing gives it
   * (`""` for a bounce's null sender); null for other input.
   */
  sender: string | null;
}

/** The lines of a mail log for one recipient of one queued message. */
export interface Attempts {
  /** How many lines name the recipient, the last one included. */
  count: number;
  /** How many of the lines before the last said "deferred". */
  deferred: number;
  /** Time stamp of the first line, as logged ("Dec  1 10:00:00"). */
  first: string | null;
  /** Time stamp of the last line, as logged. */
  last: string | null;
}

/** What to do about a group of recipients that share a cause. */
export interface Advice {
  id: string;
  title: string;
  summary: string;
  steps: string[];
  who: Actor;
  action: Todo;
  reply: string;
  /** Indexes into Report.recipients. */
  recipients: number[];
  /** The readable addresses of those recipients, each once. */
  addresses: string[];
  /** Null for a notice that is not a failure, or that does not say. */
  timing: Timing | null;
}

/** Everything Pantul says about one notice. */
export interface Report {
  schema: 1;
  kind: Kind;
  input: 'message' | 'fragment';
  /** The family that read it, e.g. "postfix", "mailq", "rfc3464". */
  format: string;
  reporting_mta: string | null;
  original: Original;
  recipients: Recipient[];
  /** One plain sentence: what happened, to how many, how serious. */
  summary: string;
  advice: Advice[];
  /** A plain-text answer for a support ticket. */
  ticket_reply: string;
  lang: Lang;
  warnings: string[];
  /** Stable ids of the warnings, e.g. "warning.masked-ip". */
  warning_ids: string[];
  /** Where the input came from (CLI only). */
  source?: string;
  /**
   * The message's number (from 1) in an mbox file of several messages
   * (decodeAll() and the CLI); absent for an input of one message.
   */
  message?: number;
  /**
   * The queue id of the one queued message this report is about, where
   * a mail log or queue listing gives a report per queued message
   * (decodeLog() and the CLI), or where every recipient comes from one
   * queued message.
   */
  queue_id?: string;
}

/** A text in both languages. */
export interface Text {
  id: string;
  en: string;
}

/** A test input of a catalog entry. */
export interface CatalogSample {
  text: string;
  listed: string | null;
  /** Ids of other entries the text names too. */
  also: string[];
}

/** Provider codes that each name third-party lists. */
export interface CodeCites {
  codes: string[];
  cites: string[];
}

/** One blocklist, reputation service or provider policy. */
export interface CatalogEntry {
  id: string;
  /** Its name in the catalog's language. */
  name: string;
  /**
   * Its name in both languages; the same text twice for a proper name
   * ("Spamhaus ZEN"), a translation for one that describes.
   */
  names: Text;
  /** Who runs it, in the catalog's language. */
  operator: string;
  /** Who runs it in both languages, the same text twice for a proper name. */
  operators: Text;
  kind: EntryKind;
  listed: ListedKind;
  status: EntryStatus;
  zones: string[];
  phrases: string[];
  codes: string[];
  hosts: string[];
  cites: string[];
  /** Provider codes that name third-party lists, e.g. Comcast BL000001. */
  code_cites: CodeCites[];
  /** Ids of broader entries this one narrows down (SBL in ZEN). */
  refines: string[];
  /** DNS answers (127.0.0.4) that name it next to a zone it refines. */
  answers: string[];
  /** Link template; "{ip}" or "{domain}" stands for the listed value. */
  lookup: string | null;
  delist: string | null;
  doc: string | null;
  note: Text | null;
  /** How a listing ends: expiry, a form, a reset. */
  delisting: Text | null;
  source: string;
  /**
   * True for the one entry named when the words name a DNS zone that no
   * other entry knows.
   */
  fallback: boolean;
  sample: CatalogSample[];
  /** The lookup link, ready to open (placeholder left out). */
  lookup_url: string | null;
  /** The delisting link, ready to open (placeholder left out). */
  delist_url: string | null;
  /** The title of its advice, in the catalog's language. */
  advice_title: string | null;
}

/** One reason. */
export interface ReasonInfo {
  name: Reason;
  group: ReasonGroup;
  hard_bounce: boolean;
  title: string | null;
}

/** Every reason, blocklist and policy Pantul knows. */
export interface Catalog {
  schema: 1;
  lang: Lang;
  reasons: ReasonInfo[];
  entries: CatalogEntry[];
  /**
   * Every value Report.format may take: the layouts Pantul reads, in
   * the order it tries them, then 'unknown'.
   */
  formats: string[];
}

/** Options of decode(). */
export interface DecodeOptions {
  /** Language of the report's texts. Default: 'id'. */
  lang?: LangTag;
  /**
   * The sender's IP address, for the lookup links when the notice hides
   * it. Must be a public IPv4 or IPv6 address (not private, shared,
   * loopback, link-local, unspecified, multicast or reserved; the
   * documentation ranges are accepted), else decode() throws
   * PantulError 'invalid-ip' saying why. Blank counts as none.
   */
  sendingIp?: string | null;
}

/** The stable codes of PantulError. */
export type PantulErrorCode =
  | 'empty' | 'too-large' | 'binary' | 'invalid-ip' | 'internal';

/**
 * Why an input could not be decoded. `message` is in the language asked
 * for and says what is wrong without naming a user interface (no
 * pasting, no buttons); `code` is stable, the words are not.
 */
export class PantulError extends Error {
  constructor(code: PantulErrorCode, message: string);
  readonly name: 'PantulError';
  readonly code: PantulErrorCode;
}

/**
 * Decodes one bounce notice, a whole message or a pasted fragment; of
 * an mbox file, only the first message, with its `message` number and
 * the warning "warning.several-messages" (decodeAll() reads them all).
 * `options` may be a language code alone: decode(text, 'en'). A MIME
 * message over maxSize is read up to it (see maxSize). Throws
 * PantulError for empty, binary or too large input and for an
 * invalid sendingIp; TypeError for arguments of the wrong type; and
 * PantulError 'internal' for a bug that trapped the WebAssembly module,
 * which is then started afresh for the next call.
 */
export function decode(
  input: string | Uint8Array | ArrayBuffer,
  options?: DecodeOptions | LangTag,
): Report;

/**
 * Decodes every message of an mbox file (messages after "From " lines),
 * one report each, in order, each with its `message` number; any other
 * input gives an array of one report, the same as decode(). A message
 * that cannot be decoded on its own (an empty one) is left out, so its
 * number is missing; when none can be, the whole input is decoded as
 * one message, as decode() does. Of a file of more than 1,000
 * messages, the first 1,000 are read, and the first report has the
 * warning 'warning.too-many-messages' saying how many were skipped.
 * Throws as decode() does otherwise.
 */
export function decodeAll(
  input: string | Uint8Array | ArrayBuffer,
  options?: DecodeOptions | LangTag,
): Report[];

/**
 * Decodes a mail log (Postfix or Exim) or a queue listing (mailq,
 * postqueue -j, exim -bp) as the pantul command does: one report per
 * queued message, each with its `queue_id`, in the order the log
 * finishes them (a message the log says left the queue first), then
 * the rest in the order the log first names them; a message with no
 * delivery line is left out. Any other input gives what decodeAll()
 * gives. The whole input may be up to maxSize; each queued message is
 * a notice of its own (up to 1,000 recipients each). Of a log of more
 * than 1,000 queued messages, 1,000 are read (those still in the queue
 * and those that failed first, then the rest in the log's order), and
 * the first report has the warning 'warning.too-many-queued' saying how
 * many were skipped. Throws as decode() does.
 */
export function decodeLog(
  input: string | Uint8Array | ArrayBuffer,
  options?: DecodeOptions | LangTag,
): Report[];

/**
 * Counts over reports. The CLI's `--totals --json` counts the same way
 * and writes `{"totals": {…}}`, whose object also has `failures` (the
 * inputs it could not decode); this one has no `failures`: the reports
 * given are all there is.
 */
export interface Totals {
  /** How many reports. */
  reports: number;
  /** Reports by kind. */
  kinds: Partial<Record<Kind, number>>;
  /** Recipients over all reports. */
  recipients: number;
  /** Recipients by action; 'none' for an auto-reply or a complaint. */
  actions: Partial<Record<Action | 'none', number>>;
  /**
   * Recipients by reason; `delayed` for one whose reason is `expired`
   * while its server still retries (not `permanent`: greylisting, a
   * timeout not yet given up on), as the page names it.
   */
  reasons: Partial<Record<Reason | 'delayed', number>>;
  /** Recipients whose address is unusable (`hard_bounce`). */
  hard_bounces: number;
  /**
   * Reports by warning id ('warning.queued-early', …), a report counted
   * once for each id in its `warning_ids`.
   */
  warnings: Record<string, number>;
}

/**
 * Counts over reports (those of decodeLog(), say). Throws TypeError if
 * `reports` is not an array.
 */
export function totals(reports: Report[]): Totals;

/** Every reason, blocklist and policy Pantul knows. */
export function catalog(options?: { lang?: LangTag } | LangTag): Catalog;

/**
 * The sending IP in canonical form (IPv4-mapped IPv6 as IPv4, IPv6
 * compressed), or null if `text` is not a public IP address; a
 * `text` that is no string is a TypeError.
 */
export function checkIp(text: string): string | null;

/**
 * The largest input read whole, in bytes (10 MiB). Past it, decode(),
 * decodeAll() and decodeLog() read a MIME message of several parts (a
 * notice made large by the email it carries back) up to the limit, as
 * the pantul command does, with the warning 'warning.input-cut' (the
 * latter two as an array of that one report); any other input, an mbox
 * file included, is PantulError 'too-large'. No more than the limit and
 * a character of the input is copied into the module.
 */
export const maxSize: number;
