// SPDX-License-Identifier: MIT
// Sample bounces to try, of our own writing, in the shapes real servers
// use (RFC 2606 names, RFC 5737 addresses).

/** Each sample: an id (its label is `samples.<id>` in strings.js). */
export const SAMPLES = [
  {
    id: 'ers',
    // A Postfix mail queue listing as a web page shows it: addresses and
    // the sending IP masked.
    text: `5Q2kXb7mRtP3wA1z 6120 Tue Mar 4 09:12:40 [email protected]
(host mx.in.tmes.trendmicro.com[192.0.2.78] said: 450 4.7.1 <[email protected]>:
Recipient address rejected: Mail from <xx.xx.xx.xx> was refused due to the sender IP found in ERS-QIL.
For details, query the IP reputation on https://servicecentral.trendmicro.com/en-US/ers/.
(in reply to RCPT TO command))
[email protected]
(host mx.in.tmes.trendmicro.com[192.0.2.77] said: 450 4.7.1 <[email protected]>:
Recipient address rejected: Mail from <xx.xx.xx.xx> was refused due to the sender IP found in ERS-QIL.
For details, query the IP reputation on https://servicecentral.trendmicro.com/en-US/ers/.
(in reply to RCPT TO command))
[email protected]
`,
  },
  {
    id: 'userunknown',
    text: `This is the mail system at host mail.example.co.id.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<rina.wulandari@example.org>: host mx1.example.org[192.0.2.25] said: 550
    5.1.1 <rina.wulandari@example.org>: Recipient address rejected: User
    unknown in virtual mailbox table (in reply to RCPT TO command)
`,
  },
  {
    id: 'mailboxfull',
    text: `From: Mail Delivery System <MAILER-DAEMON@mail.example.co.id>
To: budi@example.co.id
Subject: Undelivered Mail Returned to Sender
Date: Tue, 4 Mar 2025 10:02:11 +0700
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
 boundary="B0UND4RY"

--B0UND4RY
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.example.co.id.

<sari@example.net>: host mx.example.net[192.0.2.40] said: 552 5.2.2
    <sari@example.net>: Mailbox full, quota exceeded (in reply to RCPT TO
    command)

--B0UND4RY
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.co.id

Final-Recipient: rfc822; sari@example.net
Action: failed
Status: 5.2.2
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 552 5.2.2 <sari@example.net>: Mailbox full, quota
    exceeded

--B0UND4RY--
`,
  },
  {
    id: 'spamhaus',
    text: `<andi@example.com>: host mx.example.com[192.0.2.30] said: 554 5.7.1
    Service unavailable; Client host [198.51.100.7] blocked using
    zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.7 (in
    reply to RCPT TO command)
`,
  },
];
