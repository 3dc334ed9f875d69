// SPDX-License-Identifier: MIT
//! Decoding time grows linearly with input size. For each shape of
//! hostile input, one input and one `FACTOR` times larger are decoded in
//! the same run, and the larger may take at most `BOUND` times as long
//! (the best of `RUNS` tries each): linear work gives about `FACTOR`,
//! quadratic work `FACTOR²`. No absolute time is asserted. Time is the
//! test thread's own CPU time, so that a busy machine pausing the thread
//! does not count as work.
//!
//! The shapes stay under the recipient and part limits, so that a limit
//! cannot hide work that grows faster than the input.
//!
//! Nor does the memory decoding holds grow past the input's one copy
//! for a notice on one long line: the bytes this test's thread holds
//! are counted by the allocator below.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::Duration;

use pantul::{decode, Options};

const SMALL: usize = 16 * 1024;
const FACTOR: usize = 16;
const BOUND: f64 = 48.0;
const RUNS: usize = 3;

/// `unit(i)` repeated until the text has `size` bytes.
fn build(size: usize, head: &str, unit: impl Fn(usize) -> String) -> String {
    let mut text = String::from(head);
    let mut i = 0;
    while text.len() < size {
        text.push_str(&unit(i));
        i += 1;
    }
    text
}

fn message(content_type: &str, body: &str) -> String {
    format!(
        "From: MAILER-DAEMON@example.org\nSubject: failure\n\
         MIME-Version: 1.0\nContent-Type: {content_type}\n\n{body}"
    )
}

/// A shape of input: a function from a size to an input of that size.
type Shape = Box<dyn Fn(usize) -> String>;

/// The hostile shapes, by name.
fn shapes() -> Vec<(&'static str, Shape)> {
    vec![
        (
            "continuation lines",
            Box::new(|n| {
                build(
                    n,
                    "<neko@example.org>: host mx.example.org said:\n",
                    |_| {
                        "    550-5.7.1 Our system has detected unusual traffic\n".into()
                    },
                )
            }),
        ),
        (
            "recipient paragraphs",
            Box::new(|n| {
                // Up to ~600 recipients at the larger size.
                build(n, "", |i| {
                    format!(
                    "<u{i}@example.org>: host mx{i}.example.org[192.0.2.1] \
                     said: 550 5.1.1 <u{i}@example.org>: Recipient address \
                     rejected: User unknown in virtual mailbox table; {} \
                     (in reply to RCPT TO command)\n\n",
                    "padding words ".repeat(50)
                )
                })
            }),
        ),
        (
            "delivery-status groups",
            Box::new(|n| {
                let groups =
                    build(n, "Reporting-MTA: dns; mx.example.org\n\n", |i| {
                        format!(
                            "Final-Recipient: rfc822; u{i}@example.org\n\
                     Action: failed\nStatus: 5.7.1\n\
                     Diagnostic-Code: smtp; 550 5.7.1 blocked using \
                     zen.spamhaus.org {}\n\n",
                            "x".repeat(700)
                        )
                    });
                message(
                    "multipart/report; boundary=\"b\"",
                    &format!(
                        "--b\nContent-Type: message/delivery-status\n\n\
                     {groups}\n--b--\n"
                    ),
                )
            }),
        ),
        (
            "joined lines",
            Box::new(|n| {
                build(n, "", |_| {
                    "Action: failed Status: 5.1.1 Remote-MTA: dns; \
                     mx.example.org (in reply to RCPT TO command) "
                        .into()
                })
            }),
        ),
        (
            "lines a webmail view broke apart",
            Box::new(|n| {
                build(n, "The mail system\n", |i| {
                    format!(
                        "<\nn{i}@example.org\n>: host\nmx.example.org\n\
                         [192.0.2.1] said: 550 5.1.1 No\n\
                         Final-Recipient: rfc822;\nn{i}@example.org\n"
                    )
                })
            }),
        ),
        (
            "returned lines quoted in a ticket",
            Box::new(|n| {
                build(n, "Tolong dicek:\n", |i| {
                    format!(
                        "Remote Server returned '550 5.4.1 Access denied \
                         {i} [AB1PR01MB0001.example.org]'\n"
                    )
                })
            }),
        ),
        (
            "one long line",
            Box::new(|n| {
                build(n, "550 5.7.1 <neko@example.org> ", |_| "a".into())
            }),
        ),
        (
            "a paragraph on one long line",
            Box::new(|n| {
                // A Postfix recipient whose server's words go on and on,
                // as benches/inputs.rs's `long_line`.
                build(
                    n,
                    "<tora@example.org>: host mx.example.org[192.0.2.1] \
                     said: 550 5.1.1 <tora@example.org>: Recipient address \
                     rejected:",
                    |_| {
                        " the mailbox is not known here, please check the \
                         address"
                            .into()
                    },
                ) + " (in reply to RCPT TO command)\n"
            }),
        ),
        (
            "catalog words",
            Box::new(|n| {
                build(n, "550 5.7.1 ", |_| {
                    "blocked using domain=zen.spamhaus.org listed url ".into()
                })
            }),
        ),
        (
            "addresses",
            Box::new(|n| {
                build(n, "550 5.1.1 ", |i| {
                    format!("<u{i}@example.org> a@b@c.d ")
                })
            }),
        ),
        (
            "MIME parts",
            Box::new(|n| {
                // Up to ~500 parts at the larger size.
                let parts = build(n, "", |_| {
                    format!(
                        "--b\nContent-Type: text/plain\n\n{}\n",
                        "word ".repeat(200)
                    )
                });
                message(
                    "multipart/mixed; boundary=\"b\"",
                    &format!("{parts}--b--\n"),
                )
            }),
        ),
        (
            "HTML tags",
            Box::new(|n| {
                let html = build(n, "", |_| "<style>x</style><p>a<br>".into());
                message("text/html", &html)
            }),
        ),
        (
            "quote prefixes",
            Box::new(|n| {
                build(n, "", |_| {
                    "> > > <neko@example.org>: 550 5.1.1 x\n".into()
                })
            }),
        ),
        (
            "notices pasted one after another",
            Box::new(|n| {
                // Up to ~45 notices at the larger size, each read alone.
                build(n, "", |i| {
                    format!(
                        "This is the mail system at host h{i}.example.org.\n\n\
                         <u{i}@example.org>: host mx.example.org[192.0.2.1] \
                         said: 550 5.1.1 unknown; {} (in reply to RCPT TO \
                         command)\n\n",
                        "padding words ".repeat(400)
                    )
                })
            }),
        ),
        (
            "garbled text",
            Box::new(|n| {
                build(
                    n,
                    "<neko@example.org>: host mx.example.org said:\n",
                    |_| {
                        "    550 5.1.1 \u{e2}\u{20ac}\u{153}neko\u{e2}\u{20ac}\u{9d} isn\u{e2}\u{20ac}\u{2122}t here\n".into()
                    },
                )
            }),
        ),
        (
            "garbled and sound text",
            Box::new(|n| {
                build(
                    n,
                    "<neko@example.org>: host mx.example.org said: 日\n",
                    |_| {
                        "    550 5.1.1 \u{e2}\u{20ac}\u{153}neko\u{e2}\u{20ac}\u{9d} isn\u{e2}\u{20ac}\u{2122}t here\n".into()
                    },
                )
            }),
        ),
        (
            "header fields",
            Box::new(|n| {
                build(n, "From: a@example.org\n", |i| {
                    format!("X-Field-{i}: v\n f\n")
                })
            }),
        ),
    ]
}

/// CPU time this thread has used so far.
fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid timespec for the call to write into.
    let status =
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "the thread's CPU clock is unavailable");
    let seconds = u64::try_from(now.tv_sec).unwrap_or_default();
    let nanos = u32::try_from(now.tv_nsec).unwrap_or_default();
    Duration::new(seconds, nanos)
}

/// The best time of `RUNS` decodes of `input`.
fn best_time(input: &str) -> Duration {
    let options = Options::default();
    (0..RUNS)
        .map(|_| {
            let start = thread_cpu_time();
            let _ = decode(input.as_bytes(), &options);
            thread_cpu_time().saturating_sub(start)
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn decode_time_grows_linearly() {
    // Load the knowledge before any timing.
    let _ =
        decode(b"550 5.1.1 <a@example.org>: unknown\n", &Options::default());
    let mut failures = Vec::new();
    for (name, shape) in shapes() {
        let small = shape(SMALL);
        let large = shape(SMALL * FACTOR);
        let (t_small, t_large) = (best_time(&small), best_time(&large));
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
        let size_ratio = large.len() as f64 / small.len() as f64;
        println!(
            "{name}: {} B in {t_small:?}, {} B in {t_large:?}: \
             {size_ratio:.1}x the size, {ratio:.1}x the time",
            small.len(),
            large.len()
        );
        if ratio > BOUND {
            failures.push(format!("{name}: {ratio:.1}x"));
        }
    }
    assert!(failures.is_empty(), "not linear: {failures:?}");
}

/// The best time of `RUNS` splits of `input`, a log or listing, into
/// its queued messages.
fn best_split_time(input: &str) -> Duration {
    use pantul::split_log::{layout, split};
    let shape = layout(input).expect("a log or listing");
    (0..RUNS)
        .map(|_| {
            let start = thread_cpu_time();
            let _ = split(input, shape);
            thread_cpu_time().saturating_sub(start)
        })
        .min()
        .unwrap_or_default()
}

/// A Postfix delivery line of queued message `id`.
fn delivery(id: &str) -> String {
    format!(
        "Jan  2 03:04:05 mx postfix/smtp[1]: {id}: to=<a@example.org>, \
         relay=none, delay=1, dsn=4.4.1, status=deferred (connect to \
         mx.example.org[192.0.2.1]:25: Connection timed out)\n"
    )
}

#[test]
fn splitting_a_log_grows_linearly() {
    let shapes: Vec<(&str, Shape)> = vec![
        ("one message", Box::new(|n| build(n, "", |_| delivery("4AB12C3D4")))),
        (
            "a message a line",
            Box::new(|n| build(n, "", |i| delivery(&format!("{i:X}A")))),
        ),
        (
            "a listing without blank lines",
            Box::new(|n| {
                build(n, "", |i| {
                    format!(" 2d   912 {i:06X}-0001Cd-2M <a@example.net>\n          b@example.org\n")
                })
            }),
        ),
    ];
    let mut failures = Vec::new();
    for (name, shape) in shapes {
        let small = shape(SMALL * 4);
        let large = shape(SMALL * 4 * FACTOR);
        let t_small = best_split_time(&small);
        let t_large = best_split_time(&large);
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
        println!("split, {name}: {t_small:?}, then {t_large:?}: {ratio:.1}x");
        if ratio > BOUND {
            failures.push(format!("{name}: {ratio:.1}x"));
        }
    }
    assert!(failures.is_empty(), "not linear: {failures:?}");
}

thread_local! {
    /// Bytes this thread allocated and has not freed (less what it
    /// freed of other threads' blocks).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// The most [`LIVE`] was since [`peak_during`] set it.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// The system allocator, counting each thread's bytes.
struct Counting;

fn note(change: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get().wrapping_add(change);
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

fn size(bytes: usize) -> isize {
    isize::try_from(bytes).unwrap_or(isize::MAX)
}

// SAFETY: every call is handed on to the system allocator as it is;
// only the sizes of the blocks it returns are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's promises about `layout` hold for System.
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            note(size(layout.size()));
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            note(size(layout.size()));
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: `block` came from this allocator, that is System.
        unsafe { System.dealloc(block, layout) };
        note(-size(layout.size()));
    }

    unsafe fn realloc(
        &self,
        block: *mut u8,
        layout: Layout,
        new_size: usize,
    ) -> *mut u8 {
        // SAFETY: as for `dealloc`, with the caller's `new_size`.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            note(size(new_size) - size(layout.size()));
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most bytes this thread held at once while running `f`, beyond
/// those it held before.
fn peak_during(f: impl FnOnce()) -> usize {
    let before = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    f();
    let peak = PEAK.with(Cell::get);
    usize::try_from(peak - before).unwrap_or(0)
}

/// A notice on one long line is held once as text, and little more:
/// not joined again into a paragraph, nor kept by the search for
/// recipient blocks (each was a copy of the whole line, 3 copies in
/// all). Other shapes are held more often (4x "one long line" of one
/// word, copied by families that read it lowercased); only the shape
/// made linear is held to one copy.
#[test]
fn a_paragraph_on_one_long_line_is_held_once() {
    let options = Options::default();
    // The knowledge is loaded before any counting.
    let _ = decode(b"550 5.1.1 <a@example.org>: unknown\n", &options);
    let (_, shape) = shapes()
        .into_iter()
        .find(|(name, _)| *name == "a paragraph on one long line")
        .expect("the shape");
    let input = shape(4 << 20);
    let peak = peak_during(|| {
        let _ = decode(input.as_bytes(), &options);
    });
    let copies = peak as f64 / input.len() as f64;
    println!("{} B held at most: {copies:.2}x the input", peak);
    assert!(copies <= 1.25, "held {copies:.2}x the input");
}
