// SPDX-License-Identifier: MIT
//! Many literal patterns found in one pass: the rules' phrases and the
//! catalog's names (an Aho-Corasick automaton).
//!
//! It is our own (`own`), natively and in the WebAssembly. The
//! `aho-corasick` crate's search code, kept whole by its trait objects
//! (three automaton kinds, each with every search), was about 20 KB of
//! the gzipped module; natively, building the crate's automaton of the
//! rules' phrases cost more than half of a process's start-up, where
//! ours, built natively in a few flat vectors, costs less than half of
//! that, for searches about as fast (both measured with callgrind). The
//! WebAssembly builds the same automaton with a vector a state, in less
//! code. A test decodes the same texts with the crate's and both of
//! ours and compares every match.

/// One pattern found: its index in the list given to [`Automaton::new`]
/// and its span in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

pub use own::Automaton;
#[cfg(not(target_arch = "wasm32"))]
#[allow(unused_imports)] // the library's, not the build script's
pub use own::{Prebuilt, State};

/// The `aho-corasick` crate, which the tests compare with ours.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod crate_automaton {
    use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

    use super::Found;

    pub struct Automaton(AhoCorasick);

    impl Automaton {
        /// An automaton of `patterns`, ASCII case ignored if
        /// `ignore_case`; `None` if it cannot be built.
        pub fn new<P: AsRef<[u8]>>(
            patterns: &[P],
            ignore_case: bool,
        ) -> Option<Automaton> {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(ignore_case)
                .match_kind(MatchKind::Standard)
                .build(patterns)
                .ok()
                .map(Automaton)
        }

        /// Every occurrence of every pattern in `text`, overlapping ones
        /// too, in the order of their ends; of those ending at the same
        /// byte, the longest first, then in pattern order.
        pub fn overlapping<'a>(
            &'a self,
            text: &'a str,
        ) -> impl Iterator<Item = Found> + 'a {
            self.0.find_overlapping_iter(text).map(|m| Found {
                pattern: m.pattern().as_usize(),
                start: m.start(),
                end: m.end(),
            })
        }
    }
}

/// Our own automaton: a trie of the patterns with failure
/// links, each state holding the patterns that end there (its own, then
/// its failure state's), as the crate's non-contiguous NFA holds them.
pub mod own {
    use std::borrow::Cow;

    use super::Found;

    /// A state: its transitions (`Automaton::next[trans.0..trans.1]`,
    /// sorted by byte), its failure state and the patterns that end in
    /// it (`Automaton::ends[ends.0..ends.1]`). Its fields are written
    /// out in the source of [`Prebuilt`] automata.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct State {
        pub trans: (u32, u32),
        pub fail: u32,
        pub ends: (u32, u32),
        /// For a state one byte deep (natively), its row of
        /// `Automaton::rows` counted from 1; 0 for others.
        pub row: u32,
    }

    /// The vectors of an automaton: built when it is made, or those of
    /// a [`Prebuilt`] one, used as they stand in the program.
    pub struct Automaton {
        states: Cow<'static, [State]>,
        /// The transitions of every state: byte and next state.
        next: Cow<'static, [(u8, u32)]>,
        /// The start state's transitions by byte (0 stays there).
        start: Cow<'static, [u32]>,
        /// The next state by byte of each state one byte deep, 256 a
        /// state (natively): the text keeps the search there or at the
        /// start most of the time, where each byte is then one look-up
        /// instead of a binary search of the state's transitions and a
        /// step back to the start.
        rows: Cow<'static, [u32]>,
        ends: Cow<'static, [u32]>,
        lens: Cow<'static, [usize]>,
        ignore_case: bool,
    }

    /// What a search steps through: the vectors of an automaton, or
    /// of one being built.
    #[derive(Clone, Copy)]
    struct Steps<'a> {
        states: &'a [State],
        next: &'a [(u8, u32)],
        start: &'a [u32],
        rows: &'a [u32],
    }

    impl Steps<'_> {
        /// The state after `state` reads the (folded) byte `b`.
        fn step(self, mut state: u32, b: u8) -> u32 {
            loop {
                if state == 0 {
                    return self.start[b as usize];
                }
                let s = self.states[state as usize];
                if s.row != 0 {
                    return self.rows[(s.row as usize - 1) * 256 + b as usize];
                }
                let list = &self.next[s.trans.0 as usize..s.trans.1 as usize];
                if let Ok(i) = list.binary_search_by_key(&b, |t| t.0) {
                    return list[i].1;
                }
                state = s.fail;
            }
        }
    }

    /// An automaton that `build.rs` made natively (with
    /// [`Automaton::flat`]) and wrote as the program's source, with the
    /// patterns it was made of: taken as it stands, it costs a
    /// process's start-up nothing to build.
    #[cfg(not(target_arch = "wasm32"))]
    pub struct Prebuilt {
        pub states: &'static [State],
        pub next: &'static [(u8, u32)],
        pub start: &'static [u32],
        pub rows: &'static [u32],
        pub ends: &'static [u32],
        pub lens: &'static [usize],
        pub ignore_case: bool,
        /// The patterns, one after the other.
        pub patterns: &'static [u8],
    }

    impl Automaton {
        /// An automaton of `patterns`, ASCII case ignored if
        /// `ignore_case`. An empty pattern is never found. Natively it
        /// is built for speed, in the WebAssembly in less code; both
        /// find the same (a test compares them).
        pub fn new<P: AsRef<[u8]>>(
            patterns: &[P],
            ignore_case: bool,
        ) -> Option<Automaton> {
            #[cfg(target_arch = "wasm32")]
            return Automaton::compact(patterns, ignore_case);
            #[cfg(not(target_arch = "wasm32"))]
            Automaton::flat(patterns, ignore_case)
        }

        /// [`Automaton::new`] built in a few flat vectors rather than a
        /// vector a state: the rules' automaton has tens of thousands of
        /// states, whose own allocations cost more than the rest of the
        /// building (natively).
        #[cfg(not(target_arch = "wasm32"))]
        pub fn flat<P: AsRef<[u8]>>(
            patterns: &[P],
            ignore_case: bool,
        ) -> Option<Automaton> {
            let fold =
                |b: u8| if ignore_case { b.to_ascii_lowercase() } else { b };
            // The trie: each state's transitions as a chain through
            // `edges` (byte, next state, the state's next edge), and the
            // patterns ending in each state, as (state, pattern) pairs
            // in pattern order.
            const NONE: u32 = u32::MAX;
            // At most a state and an edge for each byte of a pattern:
            // room made once, not by doubling (and copying) as they grow.
            let bytes: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
            let mut head: Vec<u32> = Vec::with_capacity(bytes + 1);
            head.push(NONE);
            let mut edges: Vec<(u8, u32, u32)> = Vec::with_capacity(bytes);
            let mut own: Vec<(u32, u32)> = Vec::with_capacity(patterns.len());
            let mut lens = Vec::with_capacity(patterns.len());
            for (id, pattern) in patterns.iter().enumerate() {
                let pattern = pattern.as_ref();
                lens.push(pattern.len());
                if pattern.is_empty() {
                    continue;
                }
                let mut state = 0;
                for &b in pattern {
                    let b = fold(b);
                    let mut edge = head[state];
                    while edge != NONE && edges[edge as usize].0 != b {
                        edge = edges[edge as usize].2;
                    }
                    state = if edge != NONE {
                        edges[edge as usize].1 as usize
                    } else {
                        let next = head.len();
                        edges.push((b, next as u32, head[state]));
                        head[state] = (edges.len() - 1) as u32;
                        head.push(NONE);
                        next
                    };
                }
                own.push((state as u32, id as u32));
            }
            let count = head.len();
            let mut states = vec![State::default(); count];
            let mut nexts: Vec<(u8, u32)> = Vec::with_capacity(edges.len());
            let mut start = vec![0u32; 256];
            let mut rows: Vec<u32> = Vec::new();
            let mut ends: Vec<u32> = Vec::new();
            // Each state's transitions, sorted by byte.
            for (state, &chain) in head.iter().enumerate() {
                // Straight into place, then sorted there (most states
                // have one transition): no copy of a list a state.
                let from = nexts.len();
                let mut edge = chain;
                while edge != NONE {
                    let (b, next, sibling) = edges[edge as usize];
                    nexts.push((b, next));
                    edge = sibling;
                }
                if nexts.len() - from > 1 {
                    crate::order::sort_values(&mut nexts[from..]);
                }
                states[state].trans = (from as u32, nexts.len() as u32);
            }
            let root = states[0].trans;
            for &(b, next) in &nexts[root.0 as usize..root.1 as usize] {
                start[b as usize] = next;
            }
            // A state one byte deep fails to the start: its row is the
            // start's, with its own transitions over it.
            for t in root.0..root.1 {
                let child = nexts[t as usize].1 as usize;
                let trans = states[child].trans;
                let at = rows.len();
                rows.extend_from_slice(&start);
                for &(b, next) in &nexts[trans.0 as usize..trans.1 as usize] {
                    rows[at + b as usize] = next;
                }
                states[child].row = (at / 256 + 1) as u32;
            }
            // The patterns ending in each state, in pattern order.
            let mut first = vec![0u32; count + 1];
            for &(state, _) in &own {
                first[state as usize + 1] += 1;
            }
            for state in 0..count {
                first[state + 1] += first[state];
            }
            let mut mine = vec![0u32; own.len()];
            let mut fill = first.clone();
            for &(state, id) in &own {
                mine[fill[state as usize] as usize] = id;
                fill[state as usize] += 1;
            }
            // Breadth first, so that a state's failure state (shallower)
            // has its whole list of patterns before the state copies it:
            // its own patterns, then its failure state's. Each state
            // enters the queue once: a vector read in order.
            let mut queue: Vec<u32> = Vec::with_capacity(count);
            queue.push(0);
            let mut read = 0;
            while let Some(&state) = queue.get(read) {
                read += 1;
                let trans = states[state as usize].trans;
                for t in trans.0..trans.1 {
                    let (b, next) = nexts[t as usize];
                    let steps = Steps {
                        states: &states,
                        next: &nexts,
                        start: &start,
                        rows: &rows,
                    };
                    let fail = match state {
                        0 => 0,
                        _ => steps.step(states[state as usize].fail, b),
                    };
                    let from = ends.len() as u32;
                    let range = first[next as usize] as usize
                        ..first[next as usize + 1] as usize;
                    // A few ids at most: pushed one by one rather than
                    // copied by a call a state.
                    for &id in &mine[range] {
                        ends.push(id);
                    }
                    let inherited = states[fail as usize].ends;
                    for k in inherited.0 as usize..inherited.1 as usize {
                        let id = ends[k];
                        ends.push(id);
                    }
                    let state = &mut states[next as usize];
                    state.fail = fail;
                    state.ends = (from, ends.len() as u32);
                    queue.push(next);
                }
            }
            Some(Automaton {
                states: Cow::Owned(states),
                next: Cow::Owned(nexts),
                start: Cow::Owned(start),
                rows: Cow::Owned(rows),
                ends: Cow::Owned(ends),
                lens: Cow::Owned(lens),
                ignore_case,
            })
        }

        /// [`Automaton::new`] built with a vector a state: slower to
        /// build than [`Automaton::flat`], in less code (the
        /// WebAssembly's).
        #[cfg(any(target_arch = "wasm32", test))]
        pub fn compact<P: AsRef<[u8]>>(
            patterns: &[P],
            ignore_case: bool,
        ) -> Option<Automaton> {
            let fold =
                |b: u8| if ignore_case { b.to_ascii_lowercase() } else { b };
            // The trie: transitions in order of insertion, and the
            // patterns ending in each state.
            let mut trie: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
            let mut own: Vec<Vec<u32>> = vec![Vec::new()];
            let mut lens = Vec::with_capacity(patterns.len());
            for (id, pattern) in patterns.iter().enumerate() {
                let pattern = pattern.as_ref();
                lens.push(pattern.len());
                if pattern.is_empty() {
                    continue;
                }
                let mut state = 0;
                for &b in pattern {
                    let b = fold(b);
                    let found = trie[state].iter().find(|t| t.0 == b);
                    state = match found {
                        Some(&(_, next)) => next as usize,
                        None => {
                            let next = trie.len();
                            trie[state].push((b, next as u32));
                            trie.push(Vec::new());
                            own.push(Vec::new());
                            next
                        }
                    };
                }
                own[state].push(id as u32);
            }
            for list in &mut trie {
                crate::order::sort_values(list);
            }
            let mut states = vec![State::default(); trie.len()];
            let mut nexts: Vec<(u8, u32)> = Vec::new();
            let mut start = vec![0u32; 256];
            for (state, list) in trie.iter().enumerate() {
                let from = nexts.len() as u32;
                nexts.extend_from_slice(list);
                states[state].trans = (from, nexts.len() as u32);
            }
            for &(b, next) in &trie[0] {
                start[b as usize] = next;
            }
            // Breadth first, so that a state's failure state (shallower)
            // has its whole list of patterns before the state copies it.
            let mut ends: Vec<Vec<u32>> = own;
            let mut queue = std::collections::VecDeque::from([0usize]);
            while let Some(state) = queue.pop_front() {
                for &(b, next) in &trie[state] {
                    let next = next as usize;
                    let steps = Steps {
                        states: &states,
                        next: &nexts,
                        start: &start,
                        rows: &[],
                    };
                    let fail = match state {
                        0 => 0,
                        _ => steps.step(states[state].fail, b),
                    };
                    states[next].fail = fail;
                    let inherited = ends[fail as usize].clone();
                    ends[next].extend(inherited);
                    queue.push_back(next);
                }
            }
            let mut all: Vec<u32> = Vec::new();
            for (state, list) in ends.iter().enumerate() {
                let from = all.len() as u32;
                all.extend_from_slice(list);
                states[state].ends = (from, all.len() as u32);
            }
            Some(Automaton {
                states: Cow::Owned(states),
                next: Cow::Owned(nexts),
                start: Cow::Owned(start),
                rows: Cow::Owned(Vec::new()),
                ends: Cow::Owned(all),
                lens: Cow::Owned(lens),
                ignore_case,
            })
        }

        /// The automaton `build.rs` made, if it was made of `patterns`
        /// (checked here: knowledge the build script did not see, or a
        /// build script of other code, gives `None`, and the caller
        /// builds its own).
        #[cfg(not(target_arch = "wasm32"))]
        pub fn prebuilt<P: AsRef<[u8]>>(
            made: &'static Prebuilt,
            patterns: &[P],
            ignore_case: bool,
        ) -> Option<Automaton> {
            if made.ignore_case != ignore_case
                || made.lens.len() != patterns.len()
            {
                return None;
            }
            let mut at = 0;
            for (pattern, &len) in patterns.iter().zip(made.lens) {
                let pattern = pattern.as_ref();
                if pattern.len() != len
                    || made.patterns.get(at..at + len) != Some(pattern)
                {
                    return None;
                }
                at += len;
            }
            (at == made.patterns.len()).then_some(Automaton {
                states: Cow::Borrowed(made.states),
                next: Cow::Borrowed(made.next),
                start: Cow::Borrowed(made.start),
                rows: Cow::Borrowed(made.rows),
                ends: Cow::Borrowed(made.ends),
                lens: Cow::Borrowed(made.lens),
                ignore_case,
            })
        }

        /// The Rust source of a [`Prebuilt`] static named `name` that
        /// holds this automaton, made of `patterns` (`build.rs` writes
        /// it; the library reads what it wrote).
        #[cfg(not(target_arch = "wasm32"))]
        #[allow(dead_code)] // the build script's
        pub fn source<P: AsRef<[u8]>>(
            &self,
            name: &str,
            patterns: &[P],
        ) -> String {
            use std::fmt::Write;

            let mut out = String::new();
            let _ = writeln!(out, "pub static {name}: Prebuilt = Prebuilt {{");
            out.push_str("    states: &[\n");
            for s in self.states.iter() {
                let _ = writeln!(
                    out,
                    "        State {{ trans: ({}, {}), fail: {}, ends: ({}, {}), row: {} }},",
                    s.trans.0, s.trans.1, s.fail, s.ends.0, s.ends.1, s.row
                );
            }
            out.push_str("    ],\n    next: &[");
            for (b, next) in self.next.iter() {
                let _ = write!(out, "({b}, {next}), ");
            }
            let list = |out: &mut String, field: &str, values: Vec<String>| {
                let _ =
                    writeln!(out, "],\n    {field}: &[{}", values.join(", "));
            };
            list(
                &mut out,
                "start",
                self.start.iter().map(u32::to_string).collect(),
            );
            list(
                &mut out,
                "rows",
                self.rows.iter().map(u32::to_string).collect(),
            );
            list(
                &mut out,
                "ends",
                self.ends.iter().map(u32::to_string).collect(),
            );
            list(
                &mut out,
                "lens",
                self.lens.iter().map(usize::to_string).collect(),
            );
            let _ = writeln!(out, "],\n    ignore_case: {},", self.ignore_case);
            out.push_str("    patterns: b\"");
            for pattern in patterns {
                for &b in pattern.as_ref() {
                    if b.is_ascii_alphanumeric() || b == b' ' {
                        out.push(b as char);
                    } else {
                        let _ = write!(out, "\\x{b:02x}");
                    }
                }
            }
            out.push_str("\",\n};\n");
            out
        }

        /// Its vectors, which the tests compare.
        #[cfg(all(test, not(target_arch = "wasm32")))]
        #[allow(clippy::type_complexity)]
        pub fn parts(
            &self,
        ) -> (&[State], &[(u8, u32)], &[u32], &[u32], &[u32], &[usize], bool)
        {
            (
                &self.states,
                &self.next,
                &self.start,
                &self.rows,
                &self.ends,
                &self.lens,
                self.ignore_case,
            )
        }

        /// Every occurrence of every pattern in `text`, overlapping ones
        /// too, in the order of their ends; of those ending at the same
        /// byte, the longest first, then in pattern order.
        pub fn overlapping<'a>(
            &'a self,
            text: &'a str,
        ) -> impl Iterator<Item = Found> + 'a {
            let mut state = 0u32;
            let mut pending = 0..0;
            let mut at = 0;
            let bytes = text.as_bytes();
            let steps = Steps {
                states: &self.states,
                next: &self.next,
                start: &self.start,
                rows: &self.rows,
            };
            let (ends, lens) = (&*self.ends, &*self.lens);
            let ignore_case = self.ignore_case;
            std::iter::from_fn(move || loop {
                if let Some(k) = pending.next() {
                    let pattern = ends[k] as usize;
                    let start = at - lens[pattern];
                    return Some(Found { pattern, start, end: at });
                }
                let &b = bytes.get(at)?;
                at += 1;
                let b = if ignore_case { b.to_ascii_lowercase() } else { b };
                state = steps.step(state, b);
                let found = steps.states[state as usize].ends;
                pending = found.0 as usize..found.1 as usize;
            })
        }
    }
}

/// The crate and the own automaton compared, natively.
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::disallowed_methods)] // test texts in capitals
mod tests {
    use super::crate_automaton::Automaton;
    use super::{own, Found};

    /// The texts to search: the corpus, when it is there, and the
    /// patterns themselves, joined, overlapping and in other cases.
    fn texts(patterns: &[&str]) -> Vec<String> {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/sisimai/eml");
        let mut texts: Vec<String> = std::fs::read_dir(corpus)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| std::fs::read(e.path()).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect();
        let joined = patterns.join(" ");
        let glued = patterns.concat();
        let flipped: String = glued
            .chars()
            .enumerate()
            .map(|(i, c)| match i % 3 {
                0 => c.to_ascii_uppercase(),
                _ => c,
            })
            .collect();
        let mut halves = String::new();
        for p in patterns {
            let cut = p.len() / 2;
            if p.is_char_boundary(cut) {
                halves.push_str(&p[cut..]);
                halves.push_str(p);
                halves.push_str(&p[..cut]);
            }
        }
        texts.extend([joined.to_uppercase(), joined, glued, flipped, halves]);
        texts.extend(["".into(), "x".into(), "\u{FFFD}é€ 550".into()]);
        let lower: Vec<String> =
            texts.iter().map(|t| t.to_ascii_lowercase()).collect();
        texts.extend(lower);
        texts
    }

    fn same(patterns: &[&str], ignore_case: bool) -> usize {
        assert!(patterns.iter().all(|p| !p.is_empty()));
        let theirs = Automaton::new(patterns, ignore_case).unwrap();
        let ours = own::Automaton::new(patterns, ignore_case).unwrap();
        let compact = own::Automaton::compact(patterns, ignore_case).unwrap();
        let mut found = 0;
        for text in texts(patterns) {
            let a: Vec<Found> = theirs.overlapping(&text).collect();
            let b: Vec<Found> = ours.overlapping(&text).collect();
            assert!(a == b, "the automata differ on {:.200}", text);
            let c: Vec<Found> = compact.overlapping(&text).collect();
            assert!(b == c, "the own builds differ on {:.200}", text);
            found += a.len();
        }
        found
    }

    #[test]
    fn finds_what_the_crate_finds_for_the_rules() {
        let patterns = crate::knowledge::rules::automaton_patterns();
        let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
        assert!(patterns.len() > 100);
        assert!(same(&patterns, false) > 10_000);
    }

    #[test]
    fn finds_what_the_crate_finds_for_the_catalog() {
        let patterns = crate::knowledge::catalog::automaton_patterns();
        assert!(patterns.len() > 100);
        assert!(same(patterns, true) > 1_000);
    }

    #[test]
    fn finds_overlapping_and_repeated_patterns_in_order() {
        let patterns = ["he", "she", "his", "hers", "e", "she", "HE"];
        let ours = own::Automaton::new(&patterns, true).unwrap();
        let found: Vec<(usize, usize, usize)> = ours
            .overlapping("uSHErs his")
            .map(|f| (f.pattern, f.start, f.end))
            .collect();
        assert_eq!(
            found,
            [
                (1, 1, 4),
                (5, 1, 4),
                (0, 2, 4),
                (6, 2, 4),
                (4, 3, 4),
                (3, 2, 6),
                (2, 7, 10)
            ]
        );
        same(&patterns, true);
    }
}
