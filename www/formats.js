// SPDX-License-Identifier: MIT
// What kind of input the core recognised, for people: the report's
// `format` (a family id of src/mta/, or "unknown") in each language.

/** Families that are mail server software: "a bounce from a … server". */
const SERVERS = {
  activehunter: 'ActiveHunter',
  amavis: 'Amavis',
  apachejames: 'Apache James',
  barracuda: 'Barracuda',
  courier: 'Courier',
  domino: 'IBM Domino',
  dragonfly: 'DragonFly Mail Agent',
  exchange: 'Microsoft Exchange / Microsoft 365',
  exchange2003: 'Microsoft Exchange 2003',
  exim: 'Exim',
  fml: 'fml',
  imailserver: 'IMail Server',
  interscan: 'Trend Micro InterScan',
  mailfoundry: 'MailFoundry',
  mailmarshal: 'MailMarshal',
  mcafee: 'McAfee',
  'messaging-server': 'Oracle Messaging Server',
  mfilter: 'm-FILTER',
  mxlogic: 'MX Logic',
  notes: 'Lotus Notes',
  opensmtpd: 'OpenSMTPD',
  postfix: 'Postfix',
  powermta: 'PowerMTA',
  qmail: 'qmail',
  sendmail: 'Sendmail',
  surfcontrol: 'SurfControl',
  v5sendmail: 'Sendmail V5',
};

/** Families that are email services: "a bounce from …". */
const SERVICES = {
  'amazon-ses': 'Amazon SES',
  'amazon-workmail': 'Amazon WorkMail',
  bigfoot: 'Bigfoot',
  biglobe: 'BIGLOBE',
  einsundeins: '1&1',
  ezweb: 'au EZweb',
  gmail: 'Gmail',
  gmx: 'GMX',
  'google-groups': 'Google Groups',
  'google-workspace': 'Google Workspace',
  kddi: 'KDDI',
  mailru: 'Mail.ru',
  'receiving-ses': 'Amazon SES',
  sendgrid: 'SendGrid',
  verizon: 'Verizon',
  yahoo: 'Yahoo',
  yandex: 'Yandex',
  zoho: 'Zoho Mail',
};

/** Layouts of mail servers that do not name themselves (X1 to X6). */
const UNNAMED = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];

/** The rest, each described in both languages. */
const OTHERS = {
  rfc3464: {
    id: 'Laporan status pengiriman standar (RFC 3464)',
    en: 'A standard delivery status report (RFC 3464)',
  },
  rfc3834: {
    id: 'Balasan otomatis (RFC 3834)',
    en: 'An automatic reply (RFC 3834)',
  },
  arf: {
    id: 'Laporan keluhan spam (ARF)',
    en: 'A spam complaint report (ARF)',
  },
  mailq: {
    id: 'Daftar antrean email (mailq)',
    en: 'A mail queue listing (mailq)',
  },
  whm: {
    id: 'Tabel Track Delivery dari WHM/cPanel',
    en: 'A Track Delivery table from WHM/cPanel',
  },
  mailgun: {
    id: 'Event pengiriman dari log Mailgun (JSON)',
    en: 'Delivery events from Mailgun\'s logs (JSON)',
  },
  maillog: {
    id: 'Baris log server email',
    en: 'Lines of a mail server log',
  },
  text: {
    id: 'Teks biasa, tanpa tata letak server email yang dikenal Pantul',
    en: 'Plain text, in no mail server layout Pantul knows',
  },
  unknown: { id: 'Tidak dikenali', en: 'Not recognised' },
};

const PATTERNS = {
  server: {
    id: 'Pesan bounce dari server email {name}',
    en: 'A bounce from a {name} mail server',
  },
  service: { id: 'Pesan bounce dari {name}', en: 'A bounce from {name}' },
  unnamed: {
    id: 'Pesan bounce dari server email yang tidak menyebut namanya ' +
      '(pola {name})',
    en: 'A bounce from a mail server that does not name itself ' +
      '(layout {name})',
  },
};

/**
 * What `format` is, in `lang`; null for a format this page has no
 * words for (the caller shows the id).
 */
export function formatName(format, lang) {
  const fill = (pattern, name) => pattern[lang].replace('{name}', name);
  if (Object.hasOwn(SERVERS, format)) {
    return fill(PATTERNS.server, SERVERS[format]);
  }
  if (Object.hasOwn(SERVICES, format)) {
    return fill(PATTERNS.service, SERVICES[format]);
  }
  if (UNNAMED.includes(format)) {
    return fill(PATTERNS.unnamed, format.toUpperCase());
  }
  return Object.hasOwn(OTHERS, format) ? OTHERS[format][lang] : null;
}
