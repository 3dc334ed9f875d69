// SPDX-License-Identifier: MIT
//! Writes the knowledge in the columns that the WebAssembly carries
//! (see `src/knowledge/blob.rs`), by reading the postcard blob with the
//! library's own reading functions and noting every value where they
//! ask for it.

use crate::knowledge::blob::{
    read_from, Column, Numbers, Postcard, Source, NUMBER_COLUMNS,
    STRING_COLUMNS,
};

/// Notes each value that the reading functions take from `source`.
struct Recorder<'a> {
    source: Postcard<'a>,
    numbers: Vec<Vec<u8>>,
    strings: Vec<Vec<u8>>,
    /// A string held a NUL byte, which ends a string in a column.
    nul: bool,
}

impl Source for Recorder<'_> {
    fn number(&mut self, kind: Numbers) -> usize {
        let n = self.source.number(kind);
        leb128(&mut self.numbers[kind.index()], n);
        n
    }

    fn flag(&mut self) -> bool {
        let yes = self.source.flag();
        self.numbers[Numbers::Flags.index()].push(u8::from(yes));
        yes
    }

    fn string(&mut self, column: Column) -> String {
        let text = self.source.string(column);
        self.nul |= text.contains('\0');
        let out = &mut self.strings[column as usize];
        out.extend_from_slice(text.as_bytes());
        out.push(0);
        text
    }

    fn bad(&mut self) -> &mut bool {
        self.source.bad()
    }

    fn room(&self) -> usize {
        self.source.room()
    }
}

fn leb128(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n & 0x7f) as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The columns of the knowledge in the postcard blob `blob`: their
/// number, each one's length, then each one's bytes.
pub fn write(blob: &[u8]) -> Result<Vec<u8>, String> {
    let mut r = Recorder {
        source: Postcard { rest: blob, bad: false },
        numbers: vec![Vec::new(); NUMBER_COLUMNS],
        strings: vec![Vec::new(); STRING_COLUMNS],
        nul: false,
    };
    read_from(&mut r);
    if r.source.bad || !r.source.rest.is_empty() {
        return Err("the blob does not read back".into());
    }
    if r.nul {
        return Err("a string holds a NUL character".into());
    }
    let columns: Vec<Vec<u8>> =
        r.numbers.into_iter().chain(r.strings).collect();
    let mut out = Vec::new();
    leb128(&mut out, columns.len());
    for column in &columns {
        leb128(&mut out, column.len());
    }
    columns.iter().for_each(|c| out.extend_from_slice(c));
    Ok(out)
}
