// SPDX-License-Identifier: MIT
//! The allocator of the command and of the npm package's module
//! (`src/pool.rs`), with the lists of each (a set per thread, and the
//! one set of a module with one thread): blocks of every size and
//! alignment, grown, shrunk and given back in a mixed order, keep their
//! bytes and never overlap. Natively only: the page's module has no
//! pool, and the wasm tests are tests/wasm.rs.

#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout};

use pantul::pool::{Home, OneThread, PerThread, Pool};

/// A block handed out by the pool, with the byte it was filled with.
struct Held {
    at: *mut u8,
    layout: Layout,
    fill: u8,
}

fn fill(held: &Held) {
    // SAFETY: the block has `layout.size()` bytes.
    unsafe { held.at.write_bytes(held.fill, held.layout.size()) };
}

fn intact(held: &Held) -> bool {
    // SAFETY: the block has `layout.size()` bytes, all written by `fill`.
    let bytes =
        unsafe { std::slice::from_raw_parts(held.at, held.layout.size()) };
    bytes.iter().all(|&b| b == held.fill)
}

/// A small deterministic generator, so that a failure repeats.
struct Steps(u64);

impl Steps {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

const SIZES: [usize; 11] =
    [1, 7, 16, 17, 100, 255, 1000, 4095, 4096, 4097, 70_000];
const ALIGNS: [usize; 5] = [1, 4, 8, 16, 64];

#[test]
fn blocks_keep_their_bytes_through_mixed_use() {
    mixed_use(&Pool::<OneThread>::new());
    mixed_use(&Pool::<PerThread>::new());
}

fn mixed_use<H: Home>(pool: &Pool<H>) {
    let mut held: Vec<Held> = Vec::new();
    let mut steps = Steps(0x9e37_79b9_7f4a_7c15);
    for round in 0..20_000 {
        let fill_byte = (round % 251) as u8 + 1;
        match steps.next(4) {
            0 | 1 => {
                let size = SIZES[steps.next(SIZES.len())];
                let align = ALIGNS[steps.next(ALIGNS.len())];
                let layout = Layout::from_size_align(size, align).unwrap();
                let at = if steps.next(2) == 0 {
                    // SAFETY: a valid layout of a size that is not zero.
                    unsafe { pool.alloc(layout) }
                } else {
                    // SAFETY: as above.
                    let at = unsafe { pool.alloc_zeroed(layout) };
                    let zeroed =
                        unsafe { std::slice::from_raw_parts(at, size) };
                    assert!(zeroed.iter().all(|&b| b == 0), "{layout:?}");
                    at
                };
                assert!(!at.is_null());
                assert_eq!(at as usize % align, 0, "{layout:?}");
                let block = Held { at, layout, fill: fill_byte };
                fill(&block);
                held.push(block);
            }
            2 if !held.is_empty() => {
                let i = steps.next(held.len());
                let block = held.swap_remove(i);
                assert!(intact(&block), "{:?}", block.layout);
                // SAFETY: allocated by the pool with this layout.
                unsafe { pool.dealloc(block.at, block.layout) };
            }
            _ if !held.is_empty() => {
                let i = steps.next(held.len());
                let old = &held[i];
                assert!(intact(old), "{:?}", old.layout);
                let new_size = SIZES[steps.next(SIZES.len())];
                let kept = old.layout.size().min(new_size);
                // SAFETY: allocated by the pool with this layout; the new
                // size is not zero.
                let at = unsafe { pool.realloc(old.at, old.layout, new_size) };
                assert!(!at.is_null());
                let moved = unsafe { std::slice::from_raw_parts(at, kept) };
                assert!(moved.iter().all(|&b| b == old.fill));
                let layout =
                    Layout::from_size_align(new_size, old.layout.align())
                        .unwrap();
                held[i] = Held { at, layout, fill: fill_byte };
                fill(&held[i]);
            }
            _ => {}
        }
    }
    for block in held.drain(..) {
        assert!(intact(&block), "{:?}", block.layout);
        // SAFETY: allocated by the pool with this layout.
        unsafe { pool.dealloc(block.at, block.layout) };
    }
}

#[test]
fn a_freed_block_serves_the_next_of_its_size() {
    a_freed_block_serves(&Pool::<OneThread>::new());
    a_freed_block_serves(&Pool::<PerThread>::new());
}

fn a_freed_block_serves<H: Home>(pool: &Pool<H>) {
    let layout = Layout::from_size_align(24, 8).unwrap();
    // SAFETY: a valid layout; each block given back once.
    unsafe {
        let first = pool.alloc(layout);
        pool.dealloc(first, layout);
        let again = pool.alloc(Layout::from_size_align(32, 4).unwrap());
        assert_eq!(first, again);
        pool.dealloc(again, Layout::from_size_align(32, 4).unwrap());
    }
}

#[test]
fn growing_within_a_block_keeps_it() {
    growing_keeps(&Pool::<OneThread>::new());
    growing_keeps(&Pool::<PerThread>::new());
}

fn growing_keeps<H: Home>(pool: &Pool<H>) {
    let layout = Layout::from_size_align(40, 8).unwrap();
    // SAFETY: a valid layout; the block given back once, with the layout
    // of its last size.
    unsafe {
        let block = pool.alloc(layout);
        let grown = pool.realloc(block, layout, 64);
        assert_eq!(block, grown);
        let moved =
            pool.realloc(grown, Layout::from_size_align(64, 8).unwrap(), 65);
        assert_ne!(grown, moved);
        pool.dealloc(moved, Layout::from_size_align(65, 8).unwrap());
    }
}
