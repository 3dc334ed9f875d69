// SPDX-License-Identifier: MIT
//! The `pantul` command: decodes bounce notices from files, directories,
//! mbox files or standard input.

mod args;
mod catalog;
mod inputs;
mod messages;
// The library has the pool natively only (the wasm lint builds this too).
#[cfg(not(target_arch = "wasm32"))]
mod pool;
mod progress;
mod stderr;
mod summary;
mod totals;

use std::io::{self, ErrorKind, IsTerminal, Write};
use std::process::ExitCode;

use args::{Args, Output};
use inputs::Input;
use messages::Message;
use pantul::json::{Json, WriteJson};
use pantul::knowledge::messages as texts;
use pantul::visible::visible_line as shown;
use pantul::Lang;
use progress::Progress;

/// Small blocks from per-thread free lists (`pool`).
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static POOL: pool::Pool = pool::Pool::new();

fn main() -> ExitCode {
    let words: Vec<String> = std::env::args().skip(1).collect();
    let args = match args::parse(words.iter().cloned()) {
        Ok(args) => args,
        Err(problem) => {
            // The problem and where to read more, not the whole help.
            let hint =
                texts::text("cli.usage.hint", args::usage_lang(&words), &[]);
            stderr::line(&format!("pantul: {problem}\n{hint}"));
            return ExitCode::from(2);
        }
    };
    if args.help {
        return write_out(args::usage(args.options.lang).trim_end());
    }
    if args.catalog {
        return print_catalog(&args);
    }
    run(&args)
}

fn print_catalog(args: &Args) -> ExitCode {
    let catalog = pantul::knowledge::export::catalog(args.options.lang);
    if args.output == Output::Summary {
        return write_out(catalog::render(&catalog).trim_end());
    }
    write_out(&pantul::json::to_string_pretty(&catalog))
}

fn run(args: &Args) -> ExitCode {
    let inputs = inputs::collect(&args.paths);
    tell_when_waiting(&inputs, args.options.lang);
    let total = inputs.iter().map(Input::size).sum::<Option<u64>>();
    let lang = args.options.lang;
    let mut progress = Progress::new(inputs.len(), total.unwrap_or(0), lang);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut run = Run {
        args,
        out: &mut out,
        entries: Vec::new(),
        line: Vec::new(),
        failed: 0,
        totals: totals::Totals::default(),
    };
    for input in &inputs {
        decode_input(input, &mut run, &mut progress);
    }
    progress.finish();
    let Run { entries, failed, totals, .. } = run;
    if args.totals {
        write_totals(&mut out, args, &totals);
    } else if args.output == Output::Summary
        && totals.reports + totals.failures > 1
    {
        let _ = write!(out, "{}", totals.render(lang));
    }
    if args.output == Output::Json && !args.totals {
        let json = match entries.as_slice() {
            [one] => pantul::json::to_string_pretty(one),
            all => pantul::json::to_string_pretty(all),
        };
        let _ = writeln!(out, "{json}");
    }
    let _ = out.flush();
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Says on standard error what a run that reads standard input waits
/// for, when standard input is a terminal: else `pantul` alone would
/// sit silent until the user types something. Piped input is read
/// without a word.
fn tell_when_waiting(inputs: &[Input], lang: Lang) {
    let reads_stdin = inputs.iter().any(|i| matches!(i, Input::Stdin));
    if reads_stdin && io::stdin().is_terminal() {
        stderr::line(&texts::text("cli.waiting", lang, &[]));
    }
}

/// `--totals`: the totals alone, as text or as one JSON object (on one
/// line with `--jsonl`).
fn write_totals<W: Write>(out: &mut W, args: &Args, totals: &totals::Totals) {
    let wrapped = Wrapped { totals };
    let _ = match args.output {
        Output::Summary => write!(out, "{}", totals.render(args.options.lang)),
        Output::Json => {
            writeln!(out, "{}", pantul::json::to_string_pretty(&wrapped))
        }
        Output::Jsonl => writeln!(out, "{}", pantul::json::to_string(&wrapped)),
    };
}

/// `{"totals": {…}}`.
struct Wrapped<'a> {
    totals: &'a totals::Totals,
}

impl WriteJson for Wrapped<'_> {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("totals", self.totals);
        json.end_object();
    }
}

/// What one input or message gave: a report, or why there is none.
enum Entry {
    Report(Box<pantul::Report>),
    Failure(Failure),
}

impl WriteJson for Entry {
    /// The report or the failure, with nothing around it.
    fn write_json(&self, json: &mut Json<'_>) {
        match self {
            Entry::Report(report) => report.write_json(json),
            Entry::Failure(failure) => failure.write_json(json),
        }
    }
}

/// An input, or a message of an mbox, that could not be decoded, as the
/// JSON output gives it.
struct Failure {
    source: String,
    message: Option<usize>,
    queue_id: Option<String>,
    error: Problem,
}

impl WriteJson for Failure {
    /// `message` and `queue_id` are left out when absent.
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("source", &self.source);
        if let Some(message) = &self.message {
            json.field("message", message);
        }
        if let Some(queue_id) = &self.queue_id {
            json.field("queue_id", queue_id);
        }
        json.field("error", &self.error);
        json.end_object();
    }
}

/// Why: a stable code (`unreadable`, `empty`, `too-large`, `binary`,
/// `internal`) and a message in the run's language.
struct Problem {
    code: &'static str,
    message: String,
}

impl WriteJson for Problem {
    fn write_json(&self, json: &mut Json<'_>) {
        json.begin_object();
        json.field("code", self.code);
        json.field("message", &self.message);
        json.end_object();
    }
}

/// Where the reports of a run go.
struct Run<'a, W: Write> {
    args: &'a Args,
    out: &'a mut W,
    entries: Vec<Entry>,
    /// The JSON line being written (`--jsonl`).
    line: Vec<u8>,
    failed: usize,
    /// Counts over every report (`--totals`, and the summary's end).
    totals: totals::Totals,
}

impl<W: Write> Run<'_, W> {
    fn emit(&mut self, entry: Entry) {
        match &entry {
            Entry::Report(report) => self.totals.add(report),
            Entry::Failure(_) => self.totals.failures += 1,
        }
        if self.args.totals {
            return;
        }
        match self.args.output {
            Output::Json => self.entries.push(entry),
            Output::Jsonl => {
                // Into a buffer kept from line to line: one line's bytes
                // go out whole, without growing a new string each time.
                self.line.clear();
                pantul::json::write(&entry, &mut self.line);
                self.line.push(b'\n');
                let _ = self.out.write_all(&self.line);
            }
            Output::Summary => {
                if let Entry::Report(report) = &entry {
                    let _ = write!(self.out, "{}", summary::render(report));
                }
            }
        }
    }

    /// Notes a failure on standard error and in the JSON output.
    fn fail(&mut self, failure: Failure, progress: &mut Progress) {
        self.failed += 1;
        let label = match (failure.message, &failure.queue_id) {
            (Some(n), _) => format!("{}#{n}", failure.source),
            (None, Some(id)) => format!("{}#{id}", failure.source),
            (None, None) => failure.source.clone(),
        };
        let why = &failure.error.message;
        progress.note(&format!("pantul: {}: {}", shown(&label), shown(why)));
        self.emit(Entry::Failure(failure));
    }
}

/// Decodes every message of one input and writes or keeps its reports
/// and failures.
fn decode_input<W: Write>(
    input: &Input,
    run: &mut Run<'_, W>,
    progress: &mut Progress,
) {
    let source = input.name();
    let lang = run.args.options.lang;
    let unreadable = |e: &io::Error| Failure {
        source: source.clone(),
        message: None,
        queue_id: None,
        error: Problem { code: "unreadable", message: unreadable(e, lang) },
    };
    let mut reader = match input.open() {
        Ok(reader) => reader,
        Err(e) => return run.fail(unreadable(&e), progress),
    };
    let limit = run.args.options.max_size;
    let size = input.size();
    let mut each = |m: Message| decode_message(&source, m, run, progress);
    let read = messages::read(&mut *reader, limit, size, &mut each);
    if let Err(e) = read {
        run.fail(unreadable(&e), progress);
    }
}

fn decode_message<W: Write>(
    source: &str,
    m: Message,
    run: &mut Run<'_, W>,
    progress: &mut Progress,
) {
    let options = &run.args.options;
    let failure = |error: Problem| Failure {
        source: source.to_string(),
        message: m.number,
        queue_id: m.queue_id.clone(),
        error,
    };
    let message = match &m.bytes {
        Ok(bytes) => bytes.as_slice(),
        Err(size) => {
            let error = too_large(*size, options.max_size, options.lang);
            return run.fail(failure(error), progress);
        }
    };
    progress.message(message.len());
    let fragment = if run.args.as_text {
        Some(pantul::text_parts(message))
    } else {
        run.args.as_fragment.then(|| pantul::shown_text(message))
    };
    let message = match &fragment {
        Some(Some(text)) => text.as_bytes(),
        _ => message,
    };
    match pantul::decode(message, options) {
        Ok(mut report) => {
            report.source = Some(source.to_string());
            report.message = m.number;
            if m.queue_id.is_some() {
                report.queue_id.clone_from(&m.queue_id);
            }
            if m.early {
                pantul::split_log::note_early(&mut report, options.lang);
            }
            if m.relined {
                pantul::split_log::note_relined(&mut report, options.lang);
            }
            run.emit(Entry::Report(Box::new(report)));
        }
        Err(e) => {
            let message = e.message_in("cli.error", options.lang);
            let error = Problem { code: e.id(), message };
            run.fail(failure(error), progress);
        }
    }
}

/// The failure of an input larger than `limit` bytes, of `size` bytes if
/// known.
fn too_large(size: Option<u64>, limit: usize, lang: Lang) -> Problem {
    let message = match size {
        Some(size) => {
            let size = usize::try_from(size).unwrap_or(usize::MAX);
            pantul::Error::TooLarge { size, limit }
                .message_in("cli.error", lang)
        }
        None => {
            let limit = texts::size(limit, lang);
            texts::text(
                "cli.error.too-large-stream",
                lang,
                &[("limit", &limit)],
            )
        }
    };
    Problem { code: "too-large", message }
}

/// Why a file cannot be read, in `lang`.
fn unreadable(e: &io::Error, lang: Lang) -> String {
    let reason = match e.kind() {
        ErrorKind::NotFound => Some("cli.error.reason.not-found"),
        ErrorKind::PermissionDenied => {
            Some("cli.error.reason.permission-denied")
        }
        ErrorKind::IsADirectory => Some("cli.error.reason.is-a-directory"),
        _ => None,
    };
    let reason = match reason {
        Some(id) => texts::text(id, lang, &[]),
        None => e.to_string(),
    };
    texts::text("cli.error.unreadable", lang, &[("reason", &reason)])
}

fn write_out(text: &str) -> ExitCode {
    let mut out = io::stdout().lock();
    match writeln!(out, "{text}") {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}
