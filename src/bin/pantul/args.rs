// SPDX-License-Identifier: MIT
//! Command-line arguments.

use pantul::knowledge::messages::text;
use pantul::visible::visible_line;
use pantul::{Lang, Options};

/// The usage text, in `lang`: `--help` prints it, a usage error ends
/// with it.
pub fn usage(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => include_str!("usage/id.txt"),
        Lang::En => include_str!("usage/en.txt"),
    }
}

/// The language of the usage text and of usage errors: a valid `--lang`
/// wherever it stands, else the locale's.
pub fn usage_lang(args: &[String]) -> Lang {
    lang_asked(args).unwrap_or_else(lang_from_env)
}

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
    /// `--as-fragment`: decode what webmail shows of each message instead
    /// of the message.
    pub as_fragment: bool,
    /// `--as-text`: decode the text parts of each message alone.
    pub as_text: bool,
    /// `--totals`: write only the totals over every report.
    pub totals: bool,
}

/// Reads the arguments after the program name; a usage error gives
/// its message in the language asked for (or the locale's).
pub fn parse(args: impl Iterator<Item = String>) -> Result<Args, String> {
    let args: Vec<String> = args.collect();
    let lang = usage_lang(&args);
    let mut parsed = read(args.into_iter(), lang)?;
    if let Some(ip) = parsed.options.sending_ip.take() {
        let lang = parsed.options.lang;
        let ip = pantul::sending_ip::check(&ip).map_err(|why| {
            format!("--ip: {}", why.message_in("cli.error", &ip, lang))
        })?;
        parsed.options.sending_ip = Some(ip);
    }
    check_catalog(&parsed)?;
    if parsed.as_fragment && parsed.as_text {
        let options = [("option", "--as-fragment"), ("other", "--as-text")];
        return Err(text("cli.usage.exclusive", lang, &options));
    }
    Ok(parsed)
}

/// The language a valid `--lang` asks for, wherever it stands, so that
/// a usage error before it is already in that language.
fn lang_asked(args: &[String]) -> Option<Lang> {
    let mut asked = None;
    let mut args = args.iter().take_while(|a| *a != "--");
    while let Some(arg) = args.next() {
        let code = match arg.strip_prefix("--lang") {
            Some("") => args.next().map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        asked = code.and_then(Lang::from_code).or(asked);
    }
    asked
}

/// `pantul catalog` takes --json and --lang only.
fn check_catalog(args: &Args) -> Result<(), String> {
    if !args.catalog || args.help {
        return Ok(());
    }
    let extra = args.options.sending_ip.is_some()
        || args.as_fragment
        || args.as_text
        || args.totals
        || !args.paths.is_empty()
        || args.options.max_size != pantul::input::DEFAULT_MAX_SIZE
        || args.output == Output::Jsonl;
    if extra {
        return Err(text("cli.usage.catalog", args.options.lang, &[]));
    }
    Ok(())
}

fn read(
    args: impl Iterator<Item = String>,
    lang: Lang,
) -> Result<Args, String> {
    let say = |id: &str, values: &[(&str, &str)]| text(id, lang, values);
    let mut parsed = Args {
        paths: Vec::new(),
        output: Output::Summary,
        options: Options { lang, ..Options::default() },
        catalog: false,
        help: false,
        as_fragment: false,
        as_text: false,
        totals: false,
    };
    let mut args = args.peekable();
    if args.peek().map(String::as_str) == Some("catalog") {
        parsed.catalog = true;
        args.next();
    }
    let mut output = None;
    while let Some(arg) = args.next() {
        let (arg, inline) = split_value(arg);
        let mut value = |flag: &str| match inline.clone() {
            Some(v) => Ok(v),
            None => value(&mut args, flag, lang),
        };
        match arg.as_str() {
            flag @ ("--json" | "--jsonl") => {
                let chosen =
                    if flag == "--json" { Output::Json } else { Output::Jsonl };
                if output.is_some_and(|o| o != chosen) {
                    let both = [("option", "--json"), ("other", "--jsonl")];
                    return Err(say("cli.usage.exclusive", &both));
                }
                output = Some(chosen);
            }
            "-h" | "--help" => parsed.help = true,
            "--as-fragment" => parsed.as_fragment = true,
            "--as-text" => parsed.as_text = true,
            "--totals" => parsed.totals = true,
            "--lang" => {
                let code = value("--lang")?;
                let shown = visible_line(&code);
                parsed.options.lang =
                    Lang::from_code(&code).ok_or_else(|| {
                        say("cli.usage.unknown-lang", &[("value", &shown)])
                    })?;
            }
            "--ip" => parsed.options.sending_ip = Some(value("--ip")?),
            "--max-size" => {
                let size = value("--max-size")?;
                parsed.options.max_size = match size.parse::<u64>() {
                    Ok(0) | Err(_) => {
                        let size = visible_line(&size);
                        let values = [("value", size.as_ref())];
                        return Err(say("cli.usage.max-size", &values));
                    }
                    Ok(bytes) if bytes > LARGEST_MAX_SIZE as u64 => {
                        let size = visible_line(&size);
                        let largest = LARGEST_MAX_SIZE.to_string();
                        let values =
                            [("value", size.as_ref()), ("limit", &largest)];
                        return Err(say("cli.usage.max-size-cap", &values));
                    }
                    Ok(bytes) => bytes as usize,
                };
            }
            "--" => parsed.paths.extend(args.by_ref()),
            flag if flag.starts_with('-') && flag != "-" => {
                let option = visible_line(flag);
                return Err(say(
                    "cli.usage.unknown-option",
                    &[("option", &option)],
                ));
            }
            path => parsed.paths.push(path.to_string()),
        }
        if inline.is_some() && !TAKES_VALUE.contains(&arg.as_str()) {
            return Err(say("cli.usage.no-value", &[("option", &arg)]));
        }
    }
    parsed.output = output.unwrap_or(Output::Summary);
    Ok(parsed)
}

/// The largest `--max-size`: 256 MiB. Decoding holds a few copies of
/// a message, so a larger one would only end in a failed allocation.
pub const LARGEST_MAX_SIZE: usize = 256 * 1024 * 1024;

/// The options that take a value.
const TAKES_VALUE: &[&str] = &["--lang", "--ip", "--max-size"];

/// `--name=value` as the option and its value; anything else as it is.
fn split_value(arg: String) -> (String, Option<String>) {
    if !arg.starts_with("--") {
        return (arg, None);
    }
    match arg.split_once('=') {
        Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
        None => (arg, None),
    }
}

fn value(
    args: &mut impl Iterator<Item = String>,
    flag: &str,
    lang: Lang,
) -> Result<String, String> {
    let missing = || text("cli.usage.needs-value", lang, &[("option", flag)]);
    args.next().ok_or_else(missing)
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
