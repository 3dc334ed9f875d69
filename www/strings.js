// SPDX-License-Identifier: MIT
// Every text of the page, Bahasa Indonesia and English side by side.
// Terms and register follow ../shared/facts/id-bounce-help.md: "Anda",
// "bounce", "blacklist", "server email", "silakan".

/** The languages of the page, each named in its own language. */
export const LANGS = [
  { code: 'id', name: 'Bahasa Indonesia' },
  { code: 'en', name: 'English' },
];

/** The texts, keyed by id; `{name}` is a placeholder. */
export const STRINGS = {
  'page.title': {
    id: 'Pantul — baca pesan bounce email',
    en: 'Pantul — read a bounced email notice',
  },
  'page.tagline': {
    id: 'Tempelkan pesan bounce: Pantul menjelaskan penyebabnya dan ' +
      'langkah yang perlu dilakukan.',
    en: 'Paste a bounce message: Pantul explains the cause and what to do.',
  },
  'page.privacy': {
    id: 'Semua diproses di browser Anda. Teks yang Anda tempelkan tidak ' +
      'dikirim ke mana pun.',
    en: 'Everything runs in your browser. Nothing you paste is sent ' +
      'anywhere.',
  },
  'page.skip': { id: 'Langsung ke hasil', en: 'Skip to the result' },
  'nav.home': { id: 'Baca pesan bounce', en: 'Read a bounce' },
  'nav.catalog': { id: 'Katalog blacklist', en: 'Blocklist catalog' },
  'lang.label': { id: 'Bahasa', en: 'Language' },

  'input.heading': { id: 'Pesan bounce', en: 'Bounce message' },
  'input.label': {
    id: 'Tempelkan pesan bounce di sini',
    en: 'Paste the bounce message here',
  },
  'input.hint': {
    id: 'Boleh seluruh email, potongannya, kutipan dari tiket, atau ' +
      'daftar antrean (mailq).',
    en: 'You may paste a whole email, a part of it, a quote from a ' +
      'ticket, or a mail queue (mailq) listing.',
  },
  'input.file': {
    id: 'Atau pilih berkas .eml / .txt (boleh beberapa)',
    en: 'Or choose .eml / .txt files (one or more)',
  },
  'input.drop': {
    id: 'Anda juga bisa menyeret satu atau beberapa berkas ke kotak ini.',
    en: 'You can also drop one or more files on this box.',
  },
  'input.shortcut': {
    id: 'Tekan Ctrl+Enter (di Mac: Cmd+Enter) di kotak teks untuk ' +
      'langsung membaca pesan bounce.',
    en: 'Press Ctrl+Enter (on a Mac: Cmd+Enter) in the text box to read ' +
      'the bounce at once.',
  },
  'input.file-chosen': {
    id: 'Berkas dipilih: {name} ({size})',
    en: 'File chosen: {name} ({size})',
  },
  'input.text-held': {
    id: 'Teks Anda ({size}) terlalu panjang untuk kotak di atas, jadi ' +
      'Pantul menyimpannya di sini dan langsung membacanya. Awal teksnya:',
    en: 'Your text ({size}) is too long for the box above, so Pantul keeps ' +
      'it here and reads it at once. It begins:',
  },
  'input.held-placeholder': {
    id: 'Teks berukuran {size} disimpan di bawah kotak ini. Ketik di sini ' +
      'untuk menggantinya.',
    en: 'A text of {size} is kept below this box. Type here to replace it.',
  },
  'input.remove-text': { id: 'Hapus teks ini', en: 'Remove this text' },
  'input.remove-file': { id: 'Hapus berkas ini', en: 'Remove this file' },
  // What to do, after the core's error (which names no surface), by
  // the error's code.
  'error.empty': {
    id: 'Tempelkan pesan bounce atau pilih berkas .eml/.txt.',
    en: 'Paste a bounce message or choose an .eml/.txt file.',
  },
  // For a paste (or the box's text); a chosen file gets the next.
  'error.too-large': {
    id: 'Tempelkan pesan bounce-nya saja, bukan seluruh kotak surat atau ' +
      'log.',
    en: 'Paste only the bounce message, not a whole mailbox or log.',
  },
  'error.too-large-file': {
    id: 'Berkas {name} tidak dibaca. Pilih berkas yang hanya berisi pesan ' +
      'bounce, atau buka berkas itu lalu tempelkan pesan bounce-nya saja.',
    en: 'The file {name} was not read. Choose a file that holds only the ' +
      'bounce message, or open the file and paste just the bounce message.',
  },
  'error.binary': {
    id: 'Pilih berkas .eml atau .txt berisi pesan bounce.',
    en: 'Choose an .eml or .txt file that holds the bounce message.',
  },
  'input.file-error': {
    id: 'Berkas ini tidak bisa dibaca. Silakan pilih berkas lain.',
    en: 'This file cannot be read. Please choose another file.',
  },
  'input.submit': { id: 'Baca pesan', en: 'Read the message' },
  'input.clear': { id: 'Kosongkan', en: 'Clear' },
  'input.busy': { id: 'Sedang membaca…', en: 'Reading…' },
  'input.load-failed': {
    id: 'Pembaca Pantul tidak dapat dimuat di browser ini. Silakan muat ' +
      'ulang halaman atau gunakan browser lain.',
    en: 'Pantul\'s reader could not load in this browser. Please reload ' +
      'the page or use another browser.',
  },

  'samples.heading': { id: 'Contoh untuk dicoba', en: 'Samples to try' },
  'samples.ers': {
    id: 'Trend Micro ERS-QIL (antrean mailq)',
    en: 'Trend Micro ERS-QIL (mailq listing)',
  },
  'samples.userunknown': {
    id: 'Alamat penerima tidak ditemukan',
    en: 'Recipient address not found',
  },
  'samples.mailboxfull': {
    id: 'Mailbox penerima penuh',
    en: 'Recipient mailbox full',
  },
  'samples.spamhaus': {
    id: 'IP pengirim masuk blacklist Spamhaus',
    en: 'Sending IP on the Spamhaus blocklist',
  },

  'result.heading': { id: 'Hasil', en: 'Result' },
  'messages.found': {
    id: 'Ditemukan {count} pesan dalam teks ini (file mbox). Yang ' +
      'ditampilkan: pesan ke-{n}. Pilih pesan lain di bawah ini.',
    en: '{count} messages found in this text (an mbox file). Showing ' +
      'message {n}. Choose another one below.',
  },
  'messages.label': { id: 'Pesan', en: 'Message' },
  'messages.previous': { id: 'Pesan sebelumnya', en: 'Previous message' },
  'messages.next': { id: 'Pesan berikutnya', en: 'Next message' },
  'messages.ready': {
    id: 'Hasil siap: {count} pesan. Pesan ke-{n}: {summary}',
    en: 'Result ready: {count} messages. Message {n}: {summary}',
  },
  'messages.no-recipient': { id: 'tanpa penerima', en: 'no recipient' },
  'mbox.heading': {
    id: '{count} pesan dalam file mbox ini',
    en: '{count} messages in this mbox file',
  },
  'totals.kinds': { id: 'Menurut jenis: {list}', en: 'By kind: {list}' },
  'files.heading': {
    id: '{count} pesan dalam {files} berkas',
    en: '{count} messages in {files} files',
  },
  'files.found': {
    id: 'Ditemukan {count} pesan dalam {files} berkas. Yang ditampilkan: ' +
      '{name}. Pilih pesan lain di bawah ini.',
    en: '{count} messages found in {files} files. Showing {name}. Choose ' +
      'another one below.',
  },
  'files.ready': {
    id: 'Hasil siap: {count} pesan dalam {files} berkas. {name}: {summary}',
    en: 'Result ready: {count} messages in {files} files. {name}: ' +
      '{summary}',
  },
  'files.unread-heading': {
    id: 'Berkas yang tidak dibaca ({count})',
    en: 'Files not read ({count})',
  },
  'files.too-many': {
    id: 'halaman ini membaca paling banyak {count} berkas sekaligus.',
    en: 'this page reads at most {count} files at a time.',
  },
  'files.file-error': {
    id: 'berkas ini tidak bisa dibaca.',
    en: 'this file cannot be read.',
  },
  'input.files-chosen': {
    id: '{count} berkas dipilih ({size}): {names}',
    en: '{count} files chosen ({size}): {names}',
  },
  'input.remove-files': {
    id: 'Hapus berkas-berkas ini', en: 'Remove these files',
  },
  'log.heading': {
    id: '{count} email dalam log atau daftar antrean ini',
    en: '{count} queued messages in this log or queue listing',
  },
  'log.heading-first': {
    id: '{count} email pertama dalam log atau daftar antrean ini',
    en: 'The first {count} queued messages in this log or queue listing',
  },
  'log.recipients': {
    id: '{count} penerima: {list}',
    en: '{count} recipients: {list}',
  },
  'log.hard': {
    id: 'Alamat tidak dapat dipakai (hard bounce): {count}',
    en: 'Unusable addresses (hard bounce): {count}',
  },
  'log.reasons': {
    id: 'Penyebab terbanyak: {list}',
    en: 'Most common causes: {list}',
  },
  'log.found': {
    id: 'Yang ditampilkan: email ke-{n} dari {count} (queue ID {id}). ' +
      'Pilih email lain di bawah ini.',
    en: 'Showing queued message {n} of {count} (queue ID {id}). Choose ' +
      'another one below.',
  },
  'log.label': { id: 'Email dalam antrean', en: 'Queued message' },
  'log.previous': { id: 'Email sebelumnya', en: 'Previous queued message' },
  'log.next': { id: 'Email berikutnya', en: 'Next queued message' },
  'log.ready': {
    id: 'Hasil siap: {count} email dalam antrean. Queue ID {id}: {summary}',
    en: 'Result ready: {count} queued messages. Queue ID {id}: {summary}',
  },
  'input.progress': {
    id: 'Sedang membaca {size}… Teks yang panjang butuh beberapa detik; ' +
      'halaman ini tetap dapat dipakai.',
    en: 'Reading {size}… A long text takes a few seconds; the page stays ' +
      'usable meanwhile.',
  },
  'result.ready': {
    id: 'Hasil siap. {summary}',
    en: 'Result ready. {summary}',
  },
  'kind.bounce': { id: 'Gagal terkirim (bounce)', en: 'Bounced' },
  'kind.delay': { id: 'Tertunda', en: 'Delayed' },
  'kind.auto-reply': { id: 'Balasan otomatis', en: 'Automatic reply' },
  'kind.feedback-report': {
    id: 'Laporan keluhan spam',
    en: 'Spam complaint report',
  },
  'kind.delivered': { id: 'Terkirim', en: 'Delivered' },
  'kind.not-a-bounce': { id: 'Bukan pesan bounce', en: 'Not a bounce' },
  'severity.label': { id: 'Tingkat masalah', en: 'How serious' },
  'severity.temporary': {
    id: 'Sementara: email belum gagal, server pengirim masih mencoba lagi.',
    en: 'Temporary: the email is not lost yet, the sending server is ' +
      'still retrying.',
  },
  'severity.permanent': {
    id: 'Permanen: email ini tidak terkirim dan tidak akan dicoba lagi.',
    en: 'Permanent: this email was not delivered and will not be retried.',
  },
  'severity.hard': {
    id: 'Alamat penerima tidak bisa dipakai: hapus dari daftar kirim Anda.',
    en: 'The recipient address is unusable: remove it from your ' +
      'mailing lists.',
  },
  'severity.mixed-permanent': {
    id: 'Permanen untuk {count} dari {total} penerima (no. {list}): email ' +
      'tidak terkirim dan tidak akan dicoba lagi.',
    en: 'Permanent for {count} of {total} recipients (no. {list}): the ' +
      'email was not delivered and will not be retried.',
  },
  'severity.mixed-temporary': {
    id: 'Sementara untuk {count} dari {total} penerima (no. {list}): email ' +
      'belum gagal, server pengirim masih mencoba lagi.',
    en: 'Temporary for {count} of {total} recipients (no. {list}): the ' +
      'email is not lost yet, the sending server is still retrying.',
  },
  'severity.mixed': {
    id: 'Hasilnya tidak sama untuk {total} penerima: {list}.',
    en: 'Not the same for all {total} recipients: {list}.',
  },
  'severity.outcome-delivered': {
    id: '{count} terkirim', en: '{count} delivered',
  },
  'severity.outcome-failed': {
    id: '{count} gagal permanen', en: '{count} failed for good',
  },
  'severity.outcome-delayed': {
    id: '{count} tertunda dan masih dicoba lagi',
    en: '{count} delayed and still retried',
  },
  'severity.mixed-delivered': {
    id: 'Terkirim untuk {count} dari {total} penerima (no. {list}): tidak ' +
      'ada yang perlu dilakukan untuk mereka.',
    en: 'Delivered for {count} of {total} recipients (no. {list}): ' +
      'nothing to do for them.',
  },
  'severity.hard-all': {
    id: 'Semua alamat penerima ini tidak bisa dipakai: hapus dari daftar ' +
      'kirim Anda.',
    en: 'These recipient addresses are unusable: remove them from your ' +
      'mailing lists.',
  },
  'severity.hard-one': {
    id: 'Alamat penerima no. {list} tidak bisa dipakai: hapus dari daftar ' +
      'kirim Anda. Alamat penerima lainnya masih dapat dipakai.',
    en: 'The address of recipient {list} is unusable: remove it from your ' +
      'mailing lists. The other addresses are still usable.',
  },
  'severity.hard-some': {
    id: 'Alamat penerima no. {list} tidak bisa dipakai: hapus dari daftar ' +
      'kirim Anda. Alamat penerima lainnya masih dapat dipakai.',
    en: 'The addresses of recipients {list} are unusable: remove them from ' +
      'your mailing lists. The other addresses are still usable.',
  },
  'severity.delivered': {
    id: 'Terkirim: email sudah diterima server penerima. Tidak ada yang ' +
      'perlu dilakukan.',
    en: 'Delivered: the receiving server accepted the email. There is ' +
      'nothing to do.',
  },
  'severity.auto-reply': {
    id: 'Terkirim: ini balasan otomatis dari penerima, bukan bounce. ' +
      'Tidak ada yang perlu dilakukan.',
    en: 'Delivered: this is an automatic reply from the recipient, not a ' +
      'bounce. There is nothing to do.',
  },
  'severity.feedback': {
    id: 'Terkirim, tetapi penerima melaporkannya sebagai spam. Jangan kirim ' +
      'ulang email ini, dan berhenti mengirim email ke alamat tersebut.',
    en: 'Delivered, but the recipient reported it as spam. Do not send it ' +
      'again, and stop sending email to that address.',
  },
  'severity.phishing': {
    id: 'Awas, kemungkinan phishing: teks ini bukan pesan bounce, tetapi ' +
      'email yang meminta Anda mengklik tautan atau login. Jangan klik ' +
      'tautannya.',
    en: 'Beware, likely phishing: this text is not a bounce but an email ' +
      'that asks you to click a link or log in. Do not click its link.',
  },
  'severity.app-send-error': {
    id: 'Belum terkirim: aplikasi email Anda gagal login ke server ' +
      'pengirimnya, jadi email tidak pernah keluar dari aplikasi itu. ' +
      'Perbaiki pengaturan akunnya, lalu kirim ulang.',
    en: 'Not sent: your email app could not log in to its sending ' +
      'server, so the email never left the app. Fix the account ' +
      'settings, then send it again.',
  },
  'severity.unreadable': {
    id: 'Teks ini tampaknya memuat kegagalan pengiriman, tetapi tidak ' +
      'dapat dibaca. Jangan anggap email tersebut sudah terkirim.',
    en: 'This text seems to hold a failed delivery, but it could not be ' +
      'read. Do not take it that the email was delivered.',
  },
  'severity.none': {
    id: 'Tidak ada kegagalan pengiriman dalam teks ini.',
    en: 'There is no delivery failure in this text.',
  },
  'who.label': { id: 'Yang perlu bertindak', en: 'Who must act' },
  'who.sender': { id: 'Anda, sebagai pengirim', en: 'You, the sender' },
  'who.reader': {
    id: 'Anda, sebagai penerima email ini',
    en: 'You, who received this email',
  },
  'who.sender-admin': {
    id: 'Admin server email pengirim atau penyedia hosting Anda',
    en: 'The sending mail server\'s administrator or your hosting ' +
      'provider',
  },
  'who.recipient': {
    id: 'Penerima atau admin server email penerima',
    en: 'The recipient or the recipient\'s mail administrator',
  },
  'who.nobody': {
    id: 'Belum ada: server pengirim mencoba lagi dengan sendirinya',
    en: 'Nobody yet: the sending server retries by itself',
  },
  'who.nobody-done': {
    id: 'Tidak ada: tidak ada yang perlu diperbaiki',
    en: 'Nobody: there is nothing to fix',
  },

  'warnings.heading': { id: 'Perhatian', en: 'Please note' },

  'ip.heading': {
    id: 'Alamat IP server pengirim',
    en: 'Sending server\'s IP address',
  },
  'ip.label': {
    id: 'Alamat IP server pengirim Anda',
    en: 'Your sending server\'s IP address',
  },
  'ip.hint': {
    id: 'Pesan ini tidak menampilkan IP pengirim. Ketik IP server ' +
      'pengirim Anda (IPv4 atau IPv6) agar tautan pengecekan terisi.',
    en: 'This message does not show the sending IP. Type your sending ' +
      'server\'s IP (IPv4 or IPv6) so the lookup links are filled in.',
  },
  'ip.submit': { id: 'Isi tautan', en: 'Fill in the links' },
  'ip.done': {
    id: 'Tautan kini memakai IP {ip}.',
    en: 'The links now use the IP {ip}.',
  },

  'advice.heading': { id: 'Langkah yang perlu dilakukan', en: 'What to do' },
  'advice.for': {
    id: 'Untuk penerima no. {list}',
    en: 'For recipients {list}',
  },
  'advice.for-one': {
    id: 'Untuk penerima no. {list}',
    en: 'For recipient {list}',
  },
  'advice.for-all': {
    id: 'Untuk semua {count} penerima',
    en: 'For all {count} recipients',
  },
  // A list of recipient numbers cut short: "1–3, 5 and 600 more".
  'recipients.more': {
    id: '{list} dan {count} lainnya',
    en: '{list} and {count} more',
  },

  'lists.heading': {
    id: 'Blacklist dan layanan reputasi',
    en: 'Blocklists and reputation services',
  },
  'lists.heading-policies': {
    id: 'Kebijakan dan batas pengiriman',
    en: 'Policies and sending limits',
  },
  'lists.heading-mixed': {
    id: 'Blacklist, layanan reputasi dan kebijakan',
    en: 'Blocklists, reputation services and policies',
  },
  'lists.operator': { id: 'Pengelola', en: 'Run by' },
  'lists.kind': { id: 'Jenis', en: 'Kind' },
  'lists.listed': { id: 'Yang terdaftar', en: 'Listed' },
  'lists.listed-unknown': {
    id: 'tidak disebutkan dalam pesan',
    en: 'not given in the message',
  },
  'lists.delisting': { id: 'Cara keluar dari daftar', en: 'Getting off it' },
  // A link's label names what it does, then the entry it is for: catalog
  // names are proper names ("Spamhaus ZEN") or descriptions ("Reputasi IP
  // Cisco Talos", "Yahoo/AOL temporary deferral (TSS04)"), and only a
  // label apart from the name reads well with both.
  'lists.lookup': { id: 'Cek status: {name}', en: 'Look up: {name}' },
  'lists.delist': {
    id: 'Ajukan delisting: {name}',
    en: 'Ask for delisting: {name}',
  },
  'lists.doc': { id: 'Dokumentasi: {name}', en: 'Documentation: {name}' },
  'lists.new-tab': { id: '(membuka tab baru)', en: '(opens a new tab)' },
  'lists.for': { id: 'Penerima no. {list}', en: 'Recipients {list}' },
  'lists.for-one': { id: 'Penerima no. {list}', en: 'Recipient {list}' },
  'lists.for-all': {
    id: 'Semua {count} penerima',
    en: 'All {count} recipients',
  },
  // The same labels as a result card's `kind_label`
  // (data/catalog/words.toml, catalog.kind.*): tests/npm checks them.
  'listkind.ip-list': {
    id: 'Blacklist alamat IP (DNSBL)',
    en: 'IP address blocklist (DNSBL)',
  },
  'listkind.domain-list': {
    id: 'Blacklist domain (nama domain atau tautan di email)',
    en: 'Domain blocklist (sender domains or links in the email)',
  },
  'listkind.reputation': {
    id: 'Layanan reputasi pengirim',
    en: 'Sender reputation service',
  },
  'listkind.provider-policy': {
    id: 'Kebijakan penyedia email penerima',
    en: 'The recipient\'s email provider\'s own policy',
  },
  'listkind.hosting-limit': {
    id: 'Limit pengiriman di server hosting atau layanan email Anda ' +
      'sendiri (bukan di sisi penerima)',
    en: 'A sending limit of your own hosting server or email service ' +
      '(not the recipient\'s side)',
  },
  'liststatus.defunct': {
    id: 'Layanan ini sudah tidak beroperasi; server penerima perlu ' +
      'memperbarui konfigurasinya.',
    en: 'This service no longer operates; the receiving server needs ' +
      'to update its setup.',
  },
  'liststatus.uncertain': {
    id: 'Belum dapat dipastikan apakah layanan ini masih beroperasi.',
    en: 'Whether this service still operates could not be confirmed.',
  },
  'liststatus.receiver-error': {
    id: 'Ini bukan blacklist: pengecekan di server penerima gagal.',
    en: 'This is not a listing: the receiving server\'s own check failed.',
  },

  'recipients.heading': { id: 'Penerima ({count})', en: 'Recipients ({count})' },
  'recipients.first': {
    id: 'Yang ditampilkan: {count} penerima pertama dari {total}.',
    en: 'Showing the first {count} of {total} recipients.',
  },
  'recipients.show-all': {
    id: 'Tampilkan {count} penerima lainnya',
    en: 'Show the other {count} recipients',
  },
  'recipients.all-shown': {
    id: 'Semua {total} penerima ditampilkan.',
    en: 'All {total} recipients are shown.',
  },
  'recipients.find': {
    id: 'Cari penerima menurut alamat',
    en: 'Find a recipient by address',
  },
  'recipients.found': {
    id: '{count} dari {total} penerima cocok.',
    en: '{count} of {total} recipients match.',
  },
  'recipients.found-first': {
    id: '{count} dari {total} penerima cocok; yang ditampilkan: {shown} ' +
      'pertama.',
    en: '{count} of {total} recipients match; the first {shown} are ' +
      'shown.',
  },
  'recipients.caption': {
    id: 'Rincian tiap penerima',
    en: 'Details for each recipient',
  },
  'field.number': { id: 'No.', en: 'No.' },
  'field.address': { id: 'Alamat', en: 'Address' },
  'field.reply': { id: 'Kode balasan', en: 'Reply code' },
  'field.status': { id: 'Status', en: 'Status' },
  'field.meaning': { id: 'Arti', en: 'Meaning' },
  'field.status-inferred': {
    id: 'kode perkiraan Pantul, tidak tertulis di pesan',
    en: 'Pantul\'s stand-in code, not in the message',
  },
  'field.command': { id: 'Perintah SMTP', en: 'SMTP command' },
  'field.remote': { id: 'Server penerima', en: 'Receiving server' },
  'field.reason': { id: 'Penyebab', en: 'Reason' },
  'field.diagnostic': {
    id: 'Pesan asli dari server',
    en: 'The server\'s own words',
  },
  'field.evidence': { id: 'Dasar penentuan', en: 'Evidence' },
  'field.rule': { id: 'Aturan', en: 'Rule' },
  'field.action': { id: 'Tindakan server', en: 'Server action' },
  'field.hard': { id: 'Hard bounce', en: 'Hard bounce' },
  'field.permanent': { id: 'Permanen', en: 'Permanent' },
  'field.attempts': { id: 'Percobaan di log', en: 'Attempts in the log' },
  'attempts.text': {
    id: '{count} baris di log, {deferred} di antaranya ditunda; ' +
      'pertama {first}, terakhir {last}',
    en: '{count} log lines, {deferred} of them deferred; ' +
      'first {first}, last {last}',
  },
  'field.matched': { id: 'Kata yang cocok', en: 'Matched words' },
  'field.format': { id: 'Dikenali sebagai', en: 'Recognised as' },
  'field.input': { id: 'Jenis masukan', en: 'Input' },
  'field.reporting': { id: 'Server pelapor', en: 'Reporting server' },
  'field.from': { id: 'Pengirim asli', en: 'Original sender' },
  'field.to': { id: 'Penerima asli', en: 'Original recipients' },
  'field.subject': { id: 'Subjek', en: 'Subject' },
  'field.date': { id: 'Tanggal', en: 'Date' },
  'field.message-id': { id: 'Message-ID', en: 'Message-ID' },
  'input.message': { id: 'email lengkap', en: 'whole message' },
  'input.fragment': { id: 'potongan teks', en: 'pasted text' },
  'value.yes': { id: 'ya', en: 'yes' },
  'value.no': { id: 'tidak', en: 'no' },
  'value.unknown': { id: '(tidak diketahui)', en: '(unknown)' },
  'value.masked': {
    id: '(alamat tersamarkan)',
    en: '(address masked)',
  },
  'action.failed': { id: 'gagal', en: 'failed' },
  'action.delayed': { id: 'ditunda', en: 'delayed' },
  'action.delivered': { id: 'terkirim', en: 'delivered' },
  'action.relayed': { id: 'diteruskan', en: 'relayed' },
  'action.expanded': { id: 'diperluas ke daftar', en: 'expanded' },
  'severity.short-temporary': { id: 'sementara', en: 'temporary' },
  'severity.short-feedback': {
    id: 'laporan keluhan (feedback report)',
    en: 'complaint (feedback report)',
  },
  'severity.short-auto-reply': {
    id: 'balasan otomatis', en: 'automatic reply',
  },
  'severity.short-delivered': { id: 'terkirim', en: 'delivered' },
  'severity.short-permanent': { id: 'permanen', en: 'permanent' },
  'reason.names': {
    id: '{reason}; dalam kelompok yang lebih luas: {group}',
    en: '{reason}; in the broader group {group}',
  },
  'reason.delayed': {
    id: 'pengiriman tertunda', en: 'delivery delayed',
  },
  // A refusal in a 4xx reply, such as Yahoo's TSS04 deferral: named a
  // deferral, not a refusal; "-expired" when the sending server has
  // stopped retrying.
  'reason.deferred-rejected': {
    id: 'pengirim ditunda sementara', en: 'sender deferred for now',
  },
  'reason.deferred-blocked': {
    id: 'IP pengirim ditunda sementara', en: 'sending IP deferred for now',
  },
  'reason.expired-rejected': {
    id: 'pengirim ditunda sampai waktu habis',
    en: 'sender deferred until time ran out',
  },
  'reason.expired-blocked': {
    id: 'IP pengirim ditunda sampai waktu habis',
    en: 'sending IP deferred until time ran out',
  },

  'details.heading': {
    id: 'Detail teknis (untuk tim support)',
    en: 'Technical details (for support staff)',
  },
  'details.recipient': { id: 'Penerima {n}', en: 'Recipient {n}' },
  'details.notice': { id: 'Tentang pesan ini', en: 'About this notice' },

  'reply.heading': { id: 'Balasan untuk tiket', en: 'Reply for the ticket' },
  'reply.label': {
    id: 'Teks balasan (bisa disunting sebelum disalin)',
    en: 'Reply text (you may edit it before copying)',
  },
  'reply.kept': {
    id: 'Anda sudah menyunting balasan ini, jadi balasan ini tetap seperti ' +
      'yang Anda tulis.',
    en: 'You edited this reply, so it stays as you wrote it.',
  },
  'reply.generated': {
    id: 'Ganti dengan balasan buatan Pantul dalam Bahasa Indonesia',
    en: 'Replace it with Pantul\'s reply in English',
  },
  'reply.copy': { id: 'Salin balasan', en: 'Copy reply' },
  'reply.copied': { id: 'Balasan sudah disalin.', en: 'Reply copied.' },
  'reply.copy-failed': {
    id: 'Tidak bisa menyalin otomatis. Silakan pilih teks balasan lalu ' +
      'salin secara manual.',
    en: 'Could not copy automatically. Please select the reply text and ' +
      'copy it yourself.',
  },
  'print.button': { id: 'Cetak hasil', en: 'Print the result' },
  'result.another': {
    id: 'Baca pesan bounce lain', en: 'Read another bounce',
  },

  'catalog.title': {
    id: 'Katalog blacklist — Pantul',
    en: 'Blocklist catalog — Pantul',
  },
  'catalog.heading': {
    id: 'Blacklist, layanan reputasi dan kebijakan yang dikenal Pantul',
    en: 'Blocklists, reputation services and policies Pantul knows',
  },
  'catalog.intro': {
    id: 'Tautan di bawah ini berasal dari katalog Pantul sendiri. Untuk ' +
      'mengecek sebuah IP, buka tautan pengecekan lalu ketik IP Anda di ' +
      'sana.',
    en: 'The links below come from Pantul\'s own catalog. To check an IP, ' +
      'open the lookup link and type your IP there.',
  },
  'catalog.filter': {
    id: 'Saring menurut nama, zona DNS, frasa, kode penyedia, atau ' +
      'tempelkan baris error',
    en: 'Filter by name, DNS zone, phrase, provider code, or paste an ' +
      'error line',
  },
  'catalog.count': {
    id: '{shown} dari {total} entri',
    en: '{shown} of {total} entries',
  },
  'catalog.reasons': {
    id: 'Penyebab yang dikenal',
    en: 'Reasons Pantul knows',
  },
  'catalog.zones': { id: 'Zona DNS', en: 'DNS zones' },
  'catalog.codes': { id: 'Kode', en: 'Codes' },

  'footer.text': {
    id: 'Pantul membaca pesan bounce di browser Anda dengan WebAssembly; ' +
      'tidak ada data yang dikirim ke server.',
    en: 'Pantul reads bounce messages in your browser with WebAssembly; ' +
      'no data is sent to any server.',
  },
};

/** Short names of the reasons, for people. */
export const REASONS = {
  authfailure: { id: 'autentikasi gagal (SPF/DKIM/DMARC)',
    en: 'authentication failed (SPF/DKIM/DMARC)' },
  badreputation: { id: 'reputasi pengirim buruk',
    en: 'poor sender reputation' },
  blocked: { id: 'IP pengirim diblokir atau dibatasi',
    en: 'sending IP blocked or rate-limited' },
  contenterror: { id: 'isi email bermasalah', en: 'content problem' },
  delivered: { id: 'terkirim', en: 'delivered' },
  exceedlimit: { id: 'melebihi batas ukuran penerima',
    en: 'over the recipient\'s size limit' },
  expired: { id: 'waktu pengiriman habis', en: 'delivery time expired' },
  failedstarttls: { id: 'koneksi aman (STARTTLS) gagal',
    en: 'secure connection (STARTTLS) failed' },
  feedback: { id: 'keluhan spam', en: 'spam complaint' },
  filtered: { id: 'ditolak filter penerima', en: 'refused by a filter' },
  hasmoved: { id: 'alamat sudah pindah', en: 'address has moved' },
  hostunknown: { id: 'domain penerima tidak ditemukan',
    en: 'recipient domain not found' },
  mailboxfull: { id: 'mailbox penerima penuh', en: 'mailbox full' },
  mailererror: { id: 'kesalahan program email',
    en: 'mail program error' },
  mesgtoobig: { id: 'ukuran email terlalu besar', en: 'message too big' },
  networkerror: { id: 'gangguan jaringan atau DNS',
    en: 'network or DNS problem' },
  norelaying: { id: 'relay ditolak', en: 'relaying refused' },
  notaccept: { id: 'server penerima tidak menerima email',
    en: 'server accepts no mail' },
  notcompliantrfc: { id: 'format email tidak sesuai standar',
    en: 'message breaks the standards' },
  onhold: { id: 'ditahan', en: 'on hold' },
  policyviolation: { id: 'melanggar kebijakan penerima',
    en: 'against the receiver\'s policy' },
  rejected: { id: 'pengirim ditolak', en: 'sender refused' },
  requireptr: { id: 'reverse DNS (PTR) tidak ada',
    en: 'no reverse DNS (PTR)' },
  securityerror: { id: 'masalah keamanan', en: 'security problem' },
  spamdetected: { id: 'terdeteksi spam', en: 'detected as spam' },
  speeding: { id: 'terlalu banyak email sekaligus',
    en: 'sending too fast' },
  suppressed: { id: 'alamat ada di daftar suppression pengirim',
    en: 'address suppressed' },
  suspend: { id: 'akun penerima dinonaktifkan',
    en: 'recipient account suspended' },
  syntaxerror: { id: 'kesalahan perintah SMTP', en: 'SMTP syntax error' },
  systemerror: { id: 'kesalahan sistem server',
    en: 'server system error' },
  systemfull: { id: 'disk server penuh', en: 'server disk full' },
  toomanyconn: { id: 'terlalu banyak koneksi',
    en: 'too many connections' },
  undefined: { id: 'penyebab tidak disebutkan', en: 'no cause given' },
  userunknown: { id: 'alamat penerima tidak ada',
    en: 'recipient address does not exist' },
  vacation: { id: 'balasan otomatis (cuti)', en: 'vacation auto-reply' },
  virusdetected: { id: 'terdeteksi virus', en: 'virus detected' },
};

/** The text `key` in `lang`, with each `{name}` filled from `values`. */
export function t(key, lang, values = {}) {
  const entry = STRINGS[key];
  const text = entry ? entry[lang] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    name in values ? String(values[name]) : whole);
}

/** The short name of `reason` in `lang`. */
export function reasonName(reason, lang) {
  return REASONS[reason]?.[lang] ?? reason;
}

/**
 * Languages of Indonesia and its neighbours whose readers are better
 * served by Bahasa Indonesia than by English: Malay (Indonesian's
 * sister standard) and the regional languages of Indonesia.
 */
const READS_INDONESIAN = new Set([
  'id', 'in', 'ms', 'jv', 'su', 'min', 'ban', 'bjn', 'bug', 'mad', 'ace',
  'bew', 'mak', 'sas', 'gor', 'nij',
]);

/**
 * The page's language: the one remembered, else the browser's first
 * preference Pantul can serve (Indonesian for Indonesia's languages,
 * Malay and any other tag for Indonesia, such as `bbc-ID`; English
 * for English, `en-ID` too), else English.
 */
export function initialLang(storage, languages) {
  const saved = safeGet(storage, 'pantul.lang');
  if (LANGS.some((l) => l.code === saved)) return saved;
  for (const tag of languages ?? []) {
    const [base, ...rest] = String(tag).toLowerCase().split(/[-_]/);
    if (base === 'en') return 'en';
    if (READS_INDONESIAN.has(base) || rest.includes('id')) return 'id';
  }
  return 'en';
}

/** Remembers `lang` where storage allows it. */
export function rememberLang(storage, lang) {
  try {
    storage?.setItem('pantul.lang', lang);
  } catch {
    // Storage may be disabled (private mode); the choice then lasts
    // until the page is closed.
  }
}

function safeGet(storage, key) {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/**
 * Fills the language `select` with the page's languages, set to `lang`;
 * `onChange(code)` runs after a choice, which is remembered.
 */
export function setupLanguageSelect(select, lang, onChange) {
  for (const { code, name } of LANGS) {
    const option = document.createElement('option');
    option.value = code;
    option.lang = code;
    option.textContent = name;
    select.append(option);
  }
  select.value = lang;
  select.addEventListener('change', () => {
    rememberLang(globalThis.localStorage, select.value);
    onChange(select.value);
  });
}

/** Fills every element with `data-t` with its text in `lang`. */
export function translatePage(root, lang) {
  root.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-t]')) {
    el.textContent = t(el.dataset.t, lang);
  }
  for (const el of root.querySelectorAll('[data-t-placeholder]')) {
    el.placeholder = t(el.dataset.tPlaceholder, lang);
  }
  const title = root.querySelector('title');
  if (title?.dataset.t) root.title = t(title.dataset.t, lang);
}
