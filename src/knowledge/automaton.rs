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
    use super::Found;

    /// A state: its transitions (`Automaton::next[trans.0..trans.1]`,
    /// sorted by byte), its failure state and the patterns that end in
    /// it (`Automaton::ends[ends.0..ends.1]`).
    #[derive(Clone, Copy, Default)]
    struct State {
        trans: (u32, u32),
        fail: u32,
        ends: (u32, u32),
        /// For a state one byte deep (natively), its row of
        /// `Automaton::rows` counted from 1; 0 for others.
        row: u32,
    }

    pub struct Automaton {
        states: Vec<State>,
        /// The transitions of every state: byte and next state.
        next: Vec<(u8, u32)>,
        /// The start state's transitions by byte (0 stays there).
        start: Vec<u32>,
        /// The next state by byte of each state one byte deep, 256 a
        /// state (natively): the text keeps the search there or at the
        /// start most of the time, where each byte is then one look-up
        /// instead of a binary search of the state's transitions and a
        /// step back to the start.
        rows: Vec<u32>,
        ends: Vec<u32>,
        lens: Vec<usize>,
        ignore_case: bool,
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
            let mut ac = Automaton {
                states: vec![State::default(); count],
                next: Vec::with_capacity(edges.len()),
                start: vec![0; 256],
                rows: Vec::new(),
                ends: Vec::new(),
                lens,
                ignore_case,
            };
            // Each state's transitions, sorted by byte.
            for (state, &chain) in head.iter().enumerate() {
                // Straight into place, then sorted there (most states
                // have one transition): no copy of a list a state.
                let from = ac.next.len();
                let mut edge = chain;
                while edge != NONE {
                    let (b, next, sibling) = edges[edge as usize];
                    ac.next.push((b, next));
                    edge = sibling;
                }
                if ac.next.len() - from > 1 {
                    crate::order::sort_values(&mut ac.next[from..]);
                }
                ac.states[state].trans = (from as u32, ac.next.len() as u32);
            }
            let root = ac.states[0].trans;
            for &(b, next) in &ac.next[root.0 as usize..root.1 as usize] {
                ac.start[b as usize] = next;
            }
            // A state one byte deep fails to the start: its row is the
            // start's, with its own transitions over it.
            for t in root.0..root.1 {
                let child = ac.next[t as usize].1 as usize;
                let trans = ac.states[child].trans;
                let at = ac.rows.len();
                ac.rows.extend_from_slice(&ac.start);
                for &(b, next) in &ac.next[trans.0 as usize..trans.1 as usize] {
                    ac.rows[at + b as usize] = next;
                }
                ac.states[child].row = (at / 256 + 1) as u32;
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
                let trans = ac.states[state as usize].trans;
                for t in trans.0..trans.1 {
                    let (b, next) = ac.next[t as usize];
                    let fail = match state {
                        0 => 0,
                        _ => ac.step(ac.states[state as usize].fail, b),
                    };
                    let from = ac.ends.len() as u32;
                    let range = first[next as usize] as usize
                        ..first[next as usize + 1] as usize;
                    // A few ids at most: pushed one by one rather than
                    // copied by a call a state.
                    for &id in &mine[range] {
                        ac.ends.push(id);
                    }
                    let inherited = ac.states[fail as usize].ends;
                    for k in inherited.0 as usize..inherited.1 as usize {
                        let id = ac.ends[k];
                        ac.ends.push(id);
                    }
                    let state = &mut ac.states[next as usize];
                    state.fail = fail;
                    state.ends = (from, ac.ends.len() as u32);
                    queue.push(next);
                }
            }
            Some(ac)
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
            let mut ac = Automaton {
                states: vec![State::default(); trie.len()],
                next: Vec::new(),
                start: vec![0; 256],
                rows: Vec::new(),
                ends: Vec::new(),
                lens,
                ignore_case,
            };
            for (state, list) in trie.iter().enumerate() {
                let from = ac.next.len() as u32;
                ac.next.extend_from_slice(list);
                ac.states[state].trans = (from, ac.next.len() as u32);
            }
            for &(b, next) in &trie[0] {
                ac.start[b as usize] = next;
            }
            // Breadth first, so that a state's failure state (shallower)
            // has its whole list of patterns before the state copies it.
            let mut ends: Vec<Vec<u32>> = own;
            let mut queue = std::collections::VecDeque::from([0usize]);
            while let Some(state) = queue.pop_front() {
                for &(b, next) in &trie[state] {
                    let next = next as usize;
                    let fail = match state {
                        0 => 0,
                        _ => ac.step(ac.states[state].fail, b),
                    };
                    ac.states[next].fail = fail;
                    let inherited = ends[fail as usize].clone();
                    ends[next].extend(inherited);
                    queue.push_back(next);
                }
            }
            for (state, list) in ends.iter().enumerate() {
                let from = ac.ends.len() as u32;
                ac.ends.extend_from_slice(list);
                ac.states[state].ends = (from, ac.ends.len() as u32);
            }
            Some(ac)
        }

        /// The state after `state` reads the (folded) byte `b`.
        fn step(&self, mut state: u32, b: u8) -> u32 {
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
            std::iter::from_fn(move || loop {
                if let Some(k) = pending.next() {
                    let pattern = self.ends[k] as usize;
                    let start = at - self.lens[pattern];
                    return Some(Found { pattern, start, end: at });
                }
                let &b = bytes.get(at)?;
                at += 1;
                let b =
                    if self.ignore_case { b.to_ascii_lowercase() } else { b };
                state = self.step(state, b);
                let ends = self.states[state as usize].ends;
                pending = ends.0 as usize..ends.1 as usize;
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
