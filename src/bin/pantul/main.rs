// SPDX-License-Identifier: MIT
//! The `pantul` command: decodes bounce notices from files, directories,
//! mbox files or standard input.

mod args;
mod inputs;
mod progress;
mod summary;

use std::io::{self, Write};
use std::process::ExitCode;

use args::{Args, Output};
use inputs::Input;
use pantul::visible::visible_line as shown;
use progress::Progress;

fn main() -> ExitCode {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("pantul: {problem}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    if args.help {
        print!("{}", args::USAGE);
        return ExitCode::SUCCESS;
    }
    if args.catalog {
        return print_catalog(&args);
    }
    run(&args)
}

fn print_catalog(args: &Args) -> ExitCode {
    let catalog = pantul::knowledge::export::catalog(args.options.lang);
    let json = serde_json::to_string_pretty(&catalog);
    match json {
        Ok(json) => write_out(&json),
        Err(e) => {
            eprintln!("pantul: cannot write the catalog: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> ExitCode {
    let inputs = match inputs::collect(&args.paths) {
        Ok(inputs) => inputs,
        Err(problem) => {
            eprintln!("pantul: {problem}");
            return ExitCode::FAILURE;
        }
    };
    let total = inputs.iter().map(Input::size).sum::<Option<u64>>();
    let mut progress = Progress::new(inputs.len(), total.unwrap_or(0));
    let mut failed = 0usize;
    let mut reports = Vec::new();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for input in &inputs {
        let mut run = Run { args, out: &mut out, reports: &mut reports };
        failed += decode_input(input, &mut run, &mut progress);
    }
    progress.finish();
    if args.output == Output::Json {
        let json = if reports.len() == 1 {
            serde_json::to_string_pretty(&reports[0])
        } else {
            serde_json::to_string_pretty(&reports)
        };
        let _ = writeln!(out, "{}", json.unwrap_or_default());
    }
    let _ = out.flush();
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Where the reports of a run go.
struct Run<'a, W: Write> {
    args: &'a Args,
    out: &'a mut W,
    reports: &'a mut Vec<pantul::Report>,
}

/// Decodes every message of one input and writes or keeps its reports;
/// returns how many messages could not be decoded.
fn decode_input<W: Write>(
    input: &Input,
    run: &mut Run<'_, W>,
    progress: &mut Progress,
) -> usize {
    let args = run.args;
    let bytes = match input.read() {
        Ok(bytes) => bytes,
        Err(e) => {
            let name = input.name();
            progress.note(&format!("pantul: {}: {e}", shown(&name)));
            return 1;
        }
    };
    let messages = pantul::input::split_mbox(&bytes);
    let numbered = messages.len() > 1;
    let mut failed = 0;
    for (n, message) in messages.iter().enumerate() {
        let message: &[u8] = message;
        let source = input.name();
        let number = numbered.then_some(n + 1);
        let label = match number {
            Some(n) => format!("{source}#{n}"),
            None => source.clone(),
        };
        progress.message(message.len());
        let fragment = if args.as_text {
            Some(pantul::text_parts(message))
        } else {
            args.as_fragment.then(|| pantul::shown_text(message))
        };
        let message = match &fragment {
            Some(Some(text)) => text.as_bytes(),
            _ => message,
        };
        match pantul::decode(message, &args.options) {
            Ok(mut report) => {
                report.source = Some(source);
                report.message = number;
                emit(report, args, run.out, run.reports);
            }
            Err(e) => {
                failed += 1;
                let why = e.message(args.options.lang);
                progress.note(&format!("pantul: {}: {why}", shown(&label)));
            }
        }
    }
    failed
}

fn emit(
    report: pantul::Report,
    args: &Args,
    out: &mut impl Write,
    reports: &mut Vec<pantul::Report>,
) {
    match args.output {
        Output::Json => reports.push(report),
        Output::Jsonl => {
            if let Ok(line) = serde_json::to_string(&report) {
                let _ = writeln!(out, "{line}");
            }
        }
        Output::Summary => {
            let _ = write!(out, "{}", summary::render(&report));
        }
    }
}

fn write_out(text: &str) -> ExitCode {
    let mut out = io::stdout().lock();
    match writeln!(out, "{text}") {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
