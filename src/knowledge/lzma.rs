// SPDX-License-Identifier: MIT
//! Unpacks the LZMA stream in which the WebAssembly carries the
//! knowledge blob.
//!
//! The knowledge is mostly prose in two languages; LZMA stores it in
//! about a fifth less than the gzip a web server sends the module with,
//! and a decoder for it is a few kilobytes. Only the `.lzma` layout that
//! `build.rs` writes is read: a properties byte, the dictionary size,
//! the unpacked size as 64 bits, then the range-coded data. Input that
//! is not such a stream gives `None`, never a panic.

/// Probabilities are 11-bit numbers; each starts at one half.
const HALF: u16 = 1 << 10;
/// Shift of a probability's adaptation step.
const MOVE: u32 = 5;
/// The range is topped up with a byte whenever it falls below this.
const TOP: u32 = 1 << 24;
/// The states of the decoder's last four packets.
const STATES: usize = 12;
/// At most 16 position states (pb ≤ 4).
const POS_STATES: usize = 16;

/// Unpacks a stream; `None` if it is malformed or cut.
pub fn unpack(stream: &[u8]) -> Option<Vec<u8>> {
    let (header, body) = stream.split_at_checked(13)?;
    let props = usize::from(header[0]);
    if props >= 9 * 5 * 5 {
        return None;
    }
    let (lc, lp, pb) = (props % 9, props / 9 % 5, props / 45);
    let size = u64::from_le_bytes(header[5..13].try_into().ok()?);
    // Every byte of input yields at most a few hundred of output; a
    // larger size is not a stream of this build.
    let size = usize::try_from(size).ok()?;
    if size / 512 > stream.len() {
        return None;
    }
    let mut d = Decoder::new(body, lc, lp, pb)?;
    d.run(size)?;
    Some(d.out)
}

/// The range decoder over the packed bytes.
struct Range<'a> {
    input: &'a [u8],
    range: u32,
    code: u32,
}

impl Range<'_> {
    fn next(&mut self) -> u32 {
        // Past the end the stream reads as zeros; the decoder then stops
        // at the unpacked size or fails on a bad distance.
        let (&b, rest) = self.input.split_first().unwrap_or((&0, &[]));
        self.input = rest;
        u32::from(b)
    }

    fn normalize(&mut self) {
        if self.range < TOP {
            self.range <<= 8;
            self.code = (self.code << 8) | self.next();
        }
    }

    fn bit(&mut self, p: &mut u16) -> usize {
        let bound = (self.range >> 11) * u32::from(*p);
        let bit = if self.code < bound {
            self.range = bound;
            *p += ((1 << 11) - *p) >> MOVE;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *p -= *p >> MOVE;
            1
        };
        self.normalize();
        bit
    }

    /// `count` bits of equal probability, most significant first.
    fn direct(&mut self, count: u32) -> u32 {
        let mut value = 0;
        for _ in 0..count {
            self.range >>= 1;
            let bit = u32::from(self.code >= self.range);
            self.code -= self.range * bit;
            value = (value << 1) | bit;
            self.normalize();
        }
        value
    }

    /// A number of `bits` bits coded by a tree of probabilities
    /// (`probs[1..1 << bits]`), most significant bit first.
    fn tree(&mut self, probs: &mut [u16], bits: u32) -> usize {
        let mut m = 1;
        for _ in 0..bits {
            m = (m << 1) | self.bit(&mut probs[m]);
        }
        m - (1 << bits)
    }

    /// The same, least significant bit first.
    fn reverse(&mut self, probs: &mut [u16], bits: u32) -> usize {
        let (mut m, mut value) = (1, 0);
        for i in 0..bits {
            let bit = self.bit(&mut probs[m]);
            m = (m << 1) | bit;
            value |= bit << i;
        }
        value
    }
}

/// The probabilities of a match length.
struct Lengths {
    choice: u16,
    choice2: u16,
    low: [[u16; 8]; POS_STATES],
    mid: [[u16; 8]; POS_STATES],
    high: [u16; 256],
}

impl Lengths {
    fn new() -> Lengths {
        Lengths {
            choice: HALF,
            choice2: HALF,
            low: [[HALF; 8]; POS_STATES],
            mid: [[HALF; 8]; POS_STATES],
            high: [HALF; 256],
        }
    }

    /// A length less the shortest match (2).
    fn read(&mut self, rc: &mut Range, pos_state: usize) -> usize {
        if rc.bit(&mut self.choice) == 0 {
            rc.tree(&mut self.low[pos_state], 3)
        } else if rc.bit(&mut self.choice2) == 0 {
            8 + rc.tree(&mut self.mid[pos_state], 3)
        } else {
            16 + rc.tree(&mut self.high, 8)
        }
    }
}

struct Decoder<'a> {
    rc: Range<'a>,
    out: Vec<u8>,
    lc: usize,
    lp_mask: usize,
    pb_mask: usize,
    literal: Vec<u16>,
    is_match: [u16; STATES * POS_STATES],
    is_rep: [u16; STATES],
    is_rep0: [u16; STATES],
    is_rep1: [u16; STATES],
    is_rep2: [u16; STATES],
    is_rep0_long: [u16; STATES * POS_STATES],
    slot: [[u16; 64]; 4],
    special: [u16; 115],
    align: [u16; 16],
    lengths: Lengths,
    rep_lengths: Lengths,
}

impl<'a> Decoder<'a> {
    fn new(body: &'a [u8], lc: usize, lp: usize, pb: usize) -> Option<Self> {
        let (&zero, rest) = body.split_first()?;
        let (code, input) = rest.split_at_checked(4)?;
        if zero != 0 {
            return None;
        }
        let code = u32::from_be_bytes(code.try_into().ok()?);
        Some(Decoder {
            rc: Range { input, range: u32::MAX, code },
            out: Vec::new(),
            lc,
            lp_mask: (1 << lp) - 1,
            pb_mask: (1 << pb) - 1,
            literal: vec![HALF; 0x300 << (lc + lp)],
            is_match: [HALF; STATES * POS_STATES],
            is_rep: [HALF; STATES],
            is_rep0: [HALF; STATES],
            is_rep1: [HALF; STATES],
            is_rep2: [HALF; STATES],
            is_rep0_long: [HALF; STATES * POS_STATES],
            slot: [[HALF; 64]; 4],
            special: [HALF; 115],
            align: [HALF; 16],
            lengths: Lengths::new(),
            rep_lengths: Lengths::new(),
        })
    }

    fn run(&mut self, size: usize) -> Option<()> {
        self.out.reserve_exact(size);
        let mut state = 0;
        // The last four distances, each less one.
        let mut reps = [0usize; 4];
        while self.out.len() < size {
            let pos = self.out.len();
            let pos_state = pos & self.pb_mask;
            let rc = &mut self.rc;
            if rc.bit(&mut self.is_match[state * POS_STATES + pos_state]) == 0 {
                self.literal(state, reps[0]);
                state = match state {
                    0..4 => 0,
                    4..10 => state - 3,
                    _ => state - 6,
                };
                continue;
            }
            let len = if rc.bit(&mut self.is_rep[state]) == 0 {
                let len = self.lengths.read(rc, pos_state);
                reps = [self.distance(len)?, reps[0], reps[1], reps[2]];
                state = if state < 7 { 7 } else { 10 };
                len
            } else {
                if rc.bit(&mut self.is_rep0[state]) == 0 {
                    let long = state * POS_STATES + pos_state;
                    if rc.bit(&mut self.is_rep0_long[long]) == 0 {
                        state = if state < 7 { 9 } else { 11 };
                        self.copy(reps[0], 1)?;
                        continue;
                    }
                } else {
                    let which = if rc.bit(&mut self.is_rep1[state]) == 0 {
                        1
                    } else if rc.bit(&mut self.is_rep2[state]) == 0 {
                        2
                    } else {
                        3
                    };
                    let distance = reps[which];
                    reps.copy_within(0..which, 1);
                    reps[0] = distance;
                }
                state = if state < 7 { 8 } else { 11 };
                self.rep_lengths.read(&mut self.rc, pos_state)
            };
            let left = size - self.out.len();
            self.copy(reps[0], (len + 2).min(left))?;
        }
        Some(())
    }

    fn literal(&mut self, state: usize, rep0: usize) {
        let pos = self.out.len();
        let previous = self.out.last().map_or(0, |&b| usize::from(b));
        let context =
            ((pos & self.lp_mask) << self.lc) + (previous >> (8 - self.lc));
        let probs = &mut self.literal[0x300 * context..0x300 * (context + 1)];
        let rc = &mut self.rc;
        let mut symbol = 1;
        if state >= 7 {
            // After a match the byte at the last distance guides the
            // first bits, as long as they agree with it.
            let mut guide = rep0
                .checked_add(1)
                .and_then(|back| pos.checked_sub(back))
                .map_or(0, |at| usize::from(self.out[at]));
            while symbol < 0x100 {
                let guide_bit = (guide >> 7) & 1;
                guide <<= 1;
                let bit = rc.bit(&mut probs[((1 + guide_bit) << 8) + symbol]);
                symbol = (symbol << 1) | bit;
                if bit != guide_bit {
                    break;
                }
            }
        }
        while symbol < 0x100 {
            symbol = (symbol << 1) | rc.bit(&mut probs[symbol]);
        }
        // `symbol` is now 0x100 to 0x1ff; its low byte is the literal.
        self.out.push(symbol.to_le_bytes()[0]);
    }

    /// A match's distance less one.
    fn distance(&mut self, len: usize) -> Option<usize> {
        let rc = &mut self.rc;
        let slot = rc.tree(&mut self.slot[len.min(3)], 6);
        if slot < 4 {
            return Some(slot);
        }
        let bits = u32::try_from(slot / 2 - 1).ok()?;
        let base = (2 | (slot & 1)) << bits;
        let rest = if slot < 14 {
            rc.reverse(&mut self.special[base - slot..], bits)
        } else {
            let high = rc.direct(bits - 4) as usize;
            (high << 4) + rc.reverse(&mut self.align, 4)
        };
        Some(base + rest)
    }

    /// Appends `len` bytes that start `rep + 1` bytes back.
    fn copy(&mut self, rep: usize, len: usize) -> Option<()> {
        let back = rep.checked_add(1)?;
        let from = self.out.len().checked_sub(back)?;
        if len <= back {
            self.out.extend_from_within(from..from + len);
        } else {
            // The copy overlaps what it writes: a run that repeats.
            for i in from..from + len {
                let b = self.out[i];
                self.out.push(b);
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::unpack;

    /// `build.rs` packs the page's blob (in columns, its commonest words
    /// as codes), which it also stores as it is; both must hold the
    /// same knowledge, and the page's
    /// blob must be the whole knowledge without what only the native
    /// build reads.
    #[test]
    fn the_packed_knowledge_unpacks_to_the_blob() {
        let packed =
            include_bytes!(concat!(env!("OUT_DIR"), "/knowledge.lzma"));
        let page: &[u8] =
            include_bytes!(concat!(env!("OUT_DIR"), "/knowledge.page.bin"));
        let coded = unpack(packed).expect("unpacks");
        let columns = super::super::lexicon::expand(&coded).expect("expands");
        let read = super::super::blob::read_columns(&columns).unwrap();
        let got = postcard::to_allocvec(&read).expect("serialises");
        assert!(got == page, "the unpacked columns differ from the blob");
        let mut whole = super::super::blob::read(super::super::BLOB).unwrap();
        whole.strip_for_page();
        // The page's own module leaves out more (build.rs).
        if cfg!(feature = "page") {
            for entry in &mut whole.entry {
                entry.sample.clear();
                entry.source.clear();
            }
        }
        let stripped = postcard::to_allocvec(&whole).expect("serialises");
        assert!(stripped == page, "the page's blob is not the stripped one");
        assert!(page.len() < super::super::BLOB.len());
    }

    #[test]
    fn damaged_streams_are_refused_without_a_panic() {
        let packed =
            include_bytes!(concat!(env!("OUT_DIR"), "/knowledge.lzma"));
        assert!(unpack(&packed[..20]).is_none());
        assert!(unpack(&[]).is_none());
        let mut bad = packed.to_vec();
        bad[0] = 255;
        assert!(unpack(&bad).is_none());
        // Bytes flipped in the middle give another stream or none, but
        // never a panic.
        for at in [14, 100, 1000, packed.len() / 2] {
            let mut flipped = packed.to_vec();
            flipped[at] ^= 0x5a;
            let _ = unpack(&flipped);
        }
    }
}
