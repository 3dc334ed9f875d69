// SPDX-License-Identifier: MIT
//! The automata of the rules' phrases and of the catalog's words.
//!
//! Natively `build.rs` makes both from the same knowledge and writes
//! them as the program's source (`automata.rs` in `OUT_DIR`): a process
//! takes them as they stand instead of building them on its first
//! search, which was most of its start-up. Each is taken only if it was
//! made of the very patterns the library lists now (otherwise built
//! here, as before). The WebAssembly builds its own, in less download
//! than the automata would take.

use super::automaton::Automaton;

#[cfg(not(target_arch = "wasm32"))]
mod made {
    use super::super::automaton::{Prebuilt, State};

    include!(concat!(env!("OUT_DIR"), "/automata.rs"));
}

/// The automaton of the rules' phrases (`texts`, exact case).
pub fn rules(texts: &[String]) -> Option<Automaton> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(made) = Automaton::prebuilt(&made::RULES, texts, false) {
        return Some(made);
    }
    Automaton::new(texts, false)
}

/// The automaton of the catalog's words (`words`, any case).
pub fn catalog(words: &[&str]) -> Option<Automaton> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(made) = Automaton::prebuilt(&made::CATALOG, words, true) {
        return Some(made);
    }
    Automaton::new(words, true)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::made;
    use crate::knowledge::automaton::Automaton;

    #[test]
    fn the_rules_automaton_is_the_one_built_now() {
        let texts = crate::knowledge::rules::automaton_patterns();
        let made = Automaton::prebuilt(&made::RULES, &texts, false);
        let built = Automaton::flat(&texts, false);
        let (Some(made), Some(built)) = (made, built) else {
            panic!("the rules' automaton was not made of today's phrases");
        };
        assert!(made.parts() == built.parts());
    }

    #[test]
    fn the_catalog_automaton_is_the_one_built_now() {
        let words = crate::knowledge::catalog::automaton_patterns();
        let made = Automaton::prebuilt(&made::CATALOG, words, true);
        let built = Automaton::flat(words, true);
        let (Some(made), Some(built)) = (made, built) else {
            panic!("the catalog's automaton was not made of today's words");
        };
        assert!(made.parts() == built.parts());
    }

    #[test]
    fn other_patterns_are_not_taken() {
        let mut texts = crate::knowledge::rules::automaton_patterns();
        assert!(Automaton::prebuilt(&made::RULES, &texts, true).is_none());
        texts[0].push('x');
        assert!(Automaton::prebuilt(&made::RULES, &texts, false).is_none());
        texts.pop();
        assert!(Automaton::prebuilt(&made::RULES, &texts, false).is_none());
        assert!(super::rules(&texts).is_some());
    }
}
