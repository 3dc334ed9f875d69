// SPDX-License-Identifier: MIT
//! The library's two automata (`src/knowledge/prebuilt.rs`), made here
//! from the knowledge and written as Rust source.

use crate::automaton::Automaton;
use crate::knowledge::schema::Knowledge;

/// The source of the statics `RULES` and `CATALOG`: the automata of the
/// rules' phrases and of the catalog's words, made as the library
/// lists them (`Rule::automaton_phrases`, `Entry::automaton_words`).
pub fn source(knowledge: &Knowledge) -> Result<String, String> {
    let texts: Vec<String> = knowledge
        .rule
        .iter()
        .flat_map(|rule| rule.automaton_phrases())
        .filter_map(|(_, fragments)| fragments.into_iter().next())
        .collect();
    let words: Vec<&str> = knowledge
        .entry
        .iter()
        .flat_map(|entry| entry.automaton_words())
        .filter(|&(place, word)| !place.is_wildcard(word))
        .map(|(_, word)| word)
        .collect();
    let rules = Automaton::flat(&texts, false)
        .ok_or("the rules' automaton cannot be built")?;
    let catalog = Automaton::flat(&words, true)
        .ok_or("the catalog's automaton cannot be built")?;
    Ok(rules.source("RULES", &texts) + &catalog.source("CATALOG", &words))
}
