// SPDX-License-Identifier: MIT
//! Command-line arguments.

use pantul::{Lang, Options};

/// The usage text.
pub const USAGE: &str = "\
usage: pantul [OPTIONS] [FILE|DIR]...
       pantul catalog --json [--lang id|en]

Decodes bounce notices (whole messages, pasted text, mbox files, maildirs,
directories of .eml files; standard input when no FILE is given or FILE
is -) and says per recipient what happened, why, and what to do.

options:
  --json            one JSON report (an array when there are several)
  --jsonl           one JSON line per message, with \"source\"
  --lang id|en      language of the texts (default: from LANG, else en)
  --ip ADDRESS      the sending IP, for links when the notice hides it
  --max-size BYTES  largest input decoded (default: 10485760)
  -h, --help        this text
";

/// How reports are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// A readable summary.
    Summary,
    /// One JSON document.
    Json,
    /// One JSON line per message.
    Jsonl,
}

/// What the command line asks for.
#[derive(Debug)]
pub struct Args {
    /// Files and directories; empty for standard input.
    pub paths: Vec<String>,
    /// How to write reports.
    pub output: Output,
    /// Decoding options.
    pub options: Options,
    /// `pantul catalog`.
    pub catalog: bool,
    /// `--help`.
    pub help: bool,
    /// `--as-fragment` (not in the usage text; for measurement scripts):
    /// decode what webmail shows of each message instead of the message.
    pub as_fragment: bool,
    /// `--as-text` (not in the usage text; for measurement scripts):
    /// decode the text parts of each message alone.
    pub as_text: bool,
}

/// Reads the arguments after the program name.
pub fn parse(args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        paths: Vec::new(),
        output: Output::Summary,
        options: Options { lang: lang_from_env(), ..Options::default() },
        catalog: false,
        help: false,
        as_fragment: false,
        as_text: false,
    };
    let mut args = args.peekable();
    if args.peek().map(String::as_str) == Some("catalog") {
        parsed.catalog = true;
        args.next();
    }
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => parsed.output = Output::Json,
            "--jsonl" => parsed.output = Output::Jsonl,
            "-h" | "--help" => parsed.help = true,
            "--as-fragment" => parsed.as_fragment = true,
            "--as-text" => parsed.as_text = true,
            "--lang" => {
                let code = value(&mut args, "--lang")?;
                parsed.options.lang = Lang::from_code(&code).ok_or(format!(
                    "unknown language {code:?}: use id or en"
                ))?;
            }
            "--ip" => {
                parsed.options.sending_ip = Some(value(&mut args, "--ip")?)
            }
            "--max-size" => {
                let size = value(&mut args, "--max-size")?;
                parsed.options.max_size = size.parse().map_err(|_| {
                    format!("--max-size takes bytes, not {size:?}")
                })?;
            }
            "--" => parsed.paths.extend(args.by_ref()),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}"));
            }
            path => parsed.paths.push(path.to_string()),
        }
    }
    Ok(parsed)
}

fn value(
    args: &mut impl Iterator<Item = String>,
    flag: &str,
) -> Result<String, String> {
    args.next().ok_or(format!("{flag} needs a value"))
}

/// Indonesian when the locale says so, English otherwise.
fn lang_from_env() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| Lang::from_code(&v))
        .unwrap_or(Lang::En)
}
