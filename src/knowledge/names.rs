// SPDX-License-Identifier: MIT
//! A small table from the knowledge's names (message ids, providers'
//! hosts) to values, looked up many times a notice: cheaper than the
//! standard `HashMap`, whose SipHash costs some 200 instructions a short
//! id, and never iterated, so its order cannot matter.
//!
//! Names are hashed from their last byte to their first (FNV-1a), so
//! that the hashes of all the dotted suffixes of a host come from one
//! pass over it (`provider/mod.rs`); a name is found by its hash and an
//! equality the caller gives, so that a caller can compare without
//! building the name it looks for (ASCII case aside, or an id with a
//! suffix).

/// A table from names to values, filled once and then only read.
#[derive(Debug)]
pub(crate) struct Names<V> {
    /// Open addressing, linear probing: an index into `entries` plus
    /// one, or 0 for a free slot.
    slots: Vec<u32>,
    entries: Vec<(&'static str, V)>,
}

/// FNV-1a's offset basis: the hash of no bytes.
pub(crate) const EMPTY: u64 = 0xcbf2_9ce4_8422_2325;

/// The hash `hash` continued with `byte`, which comes before the bytes
/// hashed so far.
#[inline]
pub(crate) fn before(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

/// The hash of `bytes` before what `hash` hashed already.
#[inline]
pub(crate) fn all_before(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().rev().fold(hash, |h, &b| before(h, b))
}

/// The hash of a name.
#[inline]
pub(crate) fn hash(name: &str) -> u64 {
    all_before(EMPTY, name.as_bytes())
}

impl<V> Names<V> {
    /// An empty table.
    pub(crate) fn new() -> Self {
        Names { slots: vec![0; 16], entries: Vec::new() }
    }

    /// The value of `name`, inserted by `value` if it has none yet: the
    /// first value a name is given stays its value.
    pub(crate) fn entry(
        &mut self,
        name: &'static str,
        value: impl FnOnce() -> V,
    ) -> &mut V {
        let h = hash(name);
        let index = match self.position(h, |n| n == name) {
            Ok(index) => index,
            Err(slot) => {
                self.entries.push((name, value()));
                let index = self.entries.len() - 1;
                self.slots[slot] = index as u32 + 1;
                if self.entries.len() * 2 > self.slots.len() {
                    self.grow();
                }
                index
            }
        };
        &mut self.entries[index].1
    }

    /// The value of `name`.
    #[inline]
    pub(crate) fn get(&self, name: &str) -> Option<&V> {
        self.find(hash(name), |n| n == name)
    }

    /// The value of the name whose hash is `hash` and for which `same`
    /// is true.
    #[inline]
    pub(crate) fn find(
        &self,
        hash: u64,
        same: impl Fn(&str) -> bool,
    ) -> Option<&V> {
        let index = self.position(hash, same).ok()?;
        Some(&self.entries[index].1)
    }

    /// The entry's index if the table has the name, or else the free
    /// slot where it would go.
    fn position(
        &self,
        hash: u64,
        same: impl Fn(&str) -> bool,
    ) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = spread(hash) & mask;
        loop {
            match self.slots[slot] {
                0 => return Err(slot),
                i if same(self.entries[i as usize - 1].0) => {
                    return Ok(i as usize - 1)
                }
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    /// Doubles the slots and places every entry again.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![0; size];
        for (i, (name, _)) in self.entries.iter().enumerate() {
            let mut slot = spread(hash(name)) & (size - 1);
            while self.slots[slot] != 0 {
                slot = (slot + 1) & (size - 1);
            }
            self.slots[slot] = i as u32 + 1;
        }
    }
}

/// A slot's number from a hash: FNV-1a's high bits mixed into its low.
#[inline]
fn spread(hash: u64) -> usize {
    (hash ^ (hash >> 29)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_and_the_first_value_stays() {
        let mut names = Names::new();
        let words: Vec<&'static str> = (0..200)
            .map(|i| &*Box::leak(format!("warning.w{i}").into_boxed_str()))
            .collect();
        for (i, w) in words.iter().enumerate() {
            *names.entry(w, || i) += 0;
        }
        names.entry("warning.w3", || 999);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(names.get(w), Some(&i));
        }
        assert_eq!(names.get("warning.w200"), None);
        assert_eq!(names.get(""), None);
    }

    #[test]
    fn a_hash_goes_on_before_what_it_hashed() {
        let tail = hash(".example.org");
        assert_eq!(all_before(tail, b"mx"), hash("mx.example.org"));
    }
}
