// SPDX-License-Identifier: MIT
//! Every family of `src/mta/` on the text, as a fragment and as a
//! message, whether or not it claims it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = pantul::fuzzing::every_family(text);
});
