// SPDX-License-Identifier: MIT
//! The SMTP command a server was answering when it refused.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::mta::layout::Needle;

/// An SMTP command, or the connection itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Command {
    /// Opening the connection (the greeting).
    Connect,
    /// `HELO`.
    Helo,
    /// `EHLO`.
    Ehlo,
    /// `STARTTLS`.
    StartTls,
    /// `AUTH`.
    Auth,
    /// `MAIL FROM`.
    Mail,
    /// `RCPT TO`.
    Rcpt,
    /// `DATA`, or the end of the data.
    Data,
    /// `BDAT` (RFC 3030).
    Bdat,
    /// `QUIT`.
    Quit,
}

/// Bytes of a text that [`Command::from_word`] reads.
const HEAD: usize = 32;

/// What [`Command::find`] looks for before a command's name.
const MARKERS: [Needle; 5] = [
    Needle::new("in reply to "),
    Needle::new(">>> "),
    Needle::new("after "),
    Needle::new("error in "),
    Needle::new("did not like our "),
];

impl Command {
    /// The name used in reports: `"RCPT"`, `"DATA"`, `"CONNECT"`, …
    pub fn name(self) -> &'static str {
        match self {
            Command::Connect => "CONNECT",
            Command::Helo => "HELO",
            Command::Ehlo => "EHLO",
            Command::StartTls => "STARTTLS",
            Command::Auth => "AUTH",
            Command::Mail => "MAIL",
            Command::Rcpt => "RCPT",
            Command::Data => "DATA",
            Command::Bdat => "BDAT",
            Command::Quit => "QUIT",
        }
    }

    /// The command a word names: `RCPT`, `rcpt to`, `end of DATA`, `MAIL
    /// FROM`, `greeting`, … (any case).
    pub fn from_word(word: &str) -> Option<Command> {
        // Only the first bytes can name a command (`END OF ` and eight
        // letters): a copy of those, not of the rest of the text, which
        // `find` gives at each of its markers. A word cut by the copy
        // is at least 22 bytes long and names none, as whole.
        let word = word.trim_start();
        let mut end = word.len().min(HEAD);
        while !word.is_char_boundary(end) {
            end -= 1;
        }
        let w = word[..end].trim_end().to_ascii_uppercase();
        let w = w.strip_prefix("END OF ").unwrap_or(&w);
        let first = w
            .split(|c: char| c.is_whitespace() || c == ':')
            .next()
            .unwrap_or("");
        Some(match first {
            "CONNECT" | "GREETING" | "BANNER" | "INITIAL" => Command::Connect,
            "HELO" => Command::Helo,
            "EHLO" | "LHLO" => Command::Ehlo,
            "STARTTLS" => Command::StartTls,
            "AUTH" => Command::Auth,
            "MAIL" => Command::Mail,
            "RCPT" => Command::Rcpt,
            "DATA" | "MESSAGE" => Command::Data,
            "BDAT" => Command::Bdat,
            "QUIT" => Command::Quit,
            _ => return None,
        })
    }

    /// Finds the command a text says was being answered: Postfix's `(in
    /// reply to RCPT TO command)`, Exim's `after RCPT TO:<…>`, Sendmail's
    /// `>>> DATA`, DragonFly's `did not like our RCPT TO:`.
    pub fn find(text: &str) -> Option<Command> {
        for marker in &MARKERS {
            let mut from = 0;
            while let Some(i) = marker.find_in(&text[from..]) {
                let at = from + i + marker.bytes().len();
                if let Some(c) = Command::from_word(&text[at..]) {
                    return Some(c);
                }
                from = at;
            }
        }
        None
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Command {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_commands_in_mta_wording() {
        assert_eq!(
            Command::find("(in reply to RCPT TO command)"),
            Some(Command::Rcpt)
        );
        assert_eq!(
            Command::find("(in reply to end of DATA command)"),
            Some(Command::Data)
        );
        assert_eq!(
            Command::find("SMTP error after MAIL FROM:<a@b>"),
            Some(Command::Mail)
        );
        assert_eq!(
            Command::find("mx.example.org did not like our RCPT TO: 550"),
            Some(Command::Rcpt)
        );
        assert_eq!(Command::find("nothing here"), None);
    }
}
