// SPDX-License-Identifier: MIT
//! The `pantul` command: decodes bounce notices from files, directories,
//! mbox files or standard input.

mod args;
mod inputs;
mod summary;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use args::{Args, Output};
use inputs::Input;

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
    let progress = inputs.len() >= 20 && io::stderr().is_terminal();
    let mut failed = 0usize;
    let mut reports = Vec::new();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (n, input) in inputs.iter().enumerate() {
        if progress {
            show_progress(n + 1, inputs.len());
        }
        failed += decode_input(input, args, &mut out, &mut reports);
    }
    if progress {
        eprintln!();
    }
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

/// Decodes every message of one input and writes or keeps its reports;
/// returns how many messages could not be decoded.
fn decode_input(
    input: &Input,
    args: &Args,
    out: &mut impl Write,
    reports: &mut Vec<pantul::Report>,
) -> usize {
    let bytes = match input.read() {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("pantul: {}: {e}", input.name());
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
        let shown = args.as_fragment.then(|| pantul::shown_text(message));
        let message = match &shown {
            Some(Some(text)) => text.as_bytes(),
            _ => message,
        };
        match pantul::decode(message, &args.options) {
            Ok(mut report) => {
                report.source = Some(source);
                report.message = number;
                emit(report, args, out, reports);
            }
            Err(e) => {
                failed += 1;
                eprintln!("pantul: {label}: {}", e.message(args.options.lang));
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

fn show_progress(done: usize, total: usize) {
    const WIDTH: usize = 30;
    let filled = done * WIDTH / total.max(1);
    eprint!(
        "\r[{}{}] {done}/{total}",
        "#".repeat(filled),
        " ".repeat(WIDTH - filled)
    );
}

fn write_out(text: &str) -> ExitCode {
    let mut out = io::stdout().lock();
    match writeln!(out, "{text}") {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
