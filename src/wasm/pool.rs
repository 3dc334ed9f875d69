// SPDX-License-Identifier: MIT
//! The npm package's memory allocator: free lists of small blocks in
//! front of the standard library's allocator (dlmalloc on wasm32).
//!
//! Decoding makes and drops many small strings and vectors. Here a
//! block of up to [`LARGEST`] bytes is rounded up to a power of two, and
//! taking or giving one back is popping or pushing a list; dlmalloc,
//! which is left every larger or more strictly aligned block, spends
//! more on each (binning, splitting, merging). A freed block is kept
//! for the next of its size rather than given back, so the pool holds
//! as much of each size as was ever in use at once.
//!
//! The module has one thread (wasm32-unknown-unknown without atomics),
//! so the lists need no lock; the page's module keeps dlmalloc alone
//! (built for size, see `scripts/build.mjs`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr;

/// The smallest block, which is also every block's alignment: room for
/// the list's link and the alignment Rust's types ask for at most here.
const SMALLEST: usize = 16;
/// The largest block served from the lists.
const LARGEST: usize = 4096;
/// One list per power of two from [`SMALLEST`] to [`LARGEST`].
const CLASSES: usize =
    (LARGEST.trailing_zeros() - SMALLEST.trailing_zeros() + 1) as usize;
/// New blocks are cut from slabs of this many bytes, taken from the
/// standard allocator; what is left of a slab too small for a block is
/// not used (at most 1/16 of it).
const SLAB: usize = 64 * 1024;

/// The allocator; see the module's documentation.
pub struct Pool(UnsafeCell<Lists>);

struct Lists {
    /// The first free block of each class; a free block's first bytes
    /// hold the next one's address.
    free: [*mut u8; CLASSES],
    /// The unused rest of the current slab, `next..end`.
    next: *mut u8,
    end: *mut u8,
}

// SAFETY: the module runs on one thread (see the module's
// documentation): no two calls ever reach the lists at once.
unsafe impl Sync for Pool {}

impl Pool {
    /// An empty pool.
    pub const fn new() -> Pool {
        Pool(UnsafeCell::new(Lists {
            free: [ptr::null_mut(); CLASSES],
            next: ptr::null_mut(),
            end: ptr::null_mut(),
        }))
    }
}

impl Default for Pool {
    fn default() -> Pool {
        Pool::new()
    }
}

/// The class of blocks that serves `layout`, or `None` for the standard
/// allocator.
fn class(layout: Layout) -> Option<usize> {
    class_of(layout.size(), layout.align())
}

fn class_of(size: usize, align: usize) -> Option<usize> {
    if size > LARGEST || align > SMALLEST {
        return None;
    }
    let block = size.max(SMALLEST).next_power_of_two();
    Some((block.trailing_zeros() - SMALLEST.trailing_zeros()) as usize)
}

/// The size of the blocks of class `class`.
const fn block_size(class: usize) -> usize {
    SMALLEST << class
}

impl Lists {
    /// A block of class `class`: a freed one, or a new one from the slab.
    ///
    /// # Safety
    /// `class < CLASSES`.
    unsafe fn take(&mut self, class: usize) -> *mut u8 {
        let head = self.free[class];
        if !head.is_null() {
            // SAFETY: a free block holds the next one's address.
            self.free[class] = unsafe { head.cast::<*mut u8>().read() };
            return head;
        }
        self.cut(block_size(class))
    }

    /// A new block of `size` bytes from the slab, or from a new slab
    /// when this one has too little left. Out of line: the lists serve
    /// most calls, and every call site of the allocator stays small.
    #[cold]
    #[inline(never)]
    fn cut(&mut self, size: usize) -> *mut u8 {
        if (self.end as usize) - (self.next as usize) < size {
            // SAFETY: SLAB is not zero and its alignment a power of two.
            let slab = unsafe {
                System.alloc(Layout::from_size_align_unchecked(SLAB, SMALLEST))
            };
            if slab.is_null() {
                return slab;
            }
            self.next = slab;
            // SAFETY: the end of the slab just allocated.
            self.end = unsafe { slab.add(SLAB) };
        }
        let block = self.next;
        // SAFETY: the block lies within the slab (checked above).
        self.next = unsafe { block.add(size) };
        block
    }

    /// Gives `block`, of class `class`, back to its list.
    ///
    /// # Safety
    /// `block` came from `take(class)` and is no longer used.
    unsafe fn give(&mut self, class: usize, block: *mut u8) {
        // SAFETY: the block is ours again and has room for a link.
        unsafe { block.cast::<*mut u8>().write(self.free[class]) };
        self.free[class] = block;
    }
}

// SAFETY: every block handed out is at least `layout.size()` bytes,
// aligned to `layout.align()` (blocks are multiples of SMALLEST cut
// from slabs aligned to it, and larger alignments go to System), and is
// used by nobody else until given back.
unsafe impl GlobalAlloc for Pool {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class(layout) {
            // SAFETY: one thread (see the Sync impl); `c < CLASSES`.
            Some(c) => unsafe { (*self.0.get()).take(c) },
            // SAFETY: the caller's layout, as GlobalAlloc asks.
            None => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        match class(layout) {
            // SAFETY: the same layout as when it was allocated, so the
            // same class.
            Some(c) => unsafe { (*self.0.get()).give(c, block) },
            // SAFETY: allocated by System with this layout.
            None => unsafe { System.dealloc(block, layout) },
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match class(layout) {
            Some(_) => {
                // SAFETY: as `alloc`; then its `size` bytes are zeroed.
                let block = unsafe { self.alloc(layout) };
                if !block.is_null() {
                    unsafe { block.write_bytes(0, layout.size()) };
                }
                block
            }
            // SAFETY: the caller's layout, as GlobalAlloc asks.
            None => unsafe { System.alloc_zeroed(layout) },
        }
    }

    unsafe fn realloc(
        &self,
        block: *mut u8,
        layout: Layout,
        new_size: usize,
    ) -> *mut u8 {
        let from = class(layout);
        let to = class_of(new_size, layout.align());
        match (from, to) {
            // The block has room for the new size already.
            (Some(a), Some(b)) if a == b => block,
            // SAFETY: allocated by System with this layout.
            (None, None) => unsafe { System.realloc(block, layout, new_size) },
            // SAFETY: as this function's.
            _ => unsafe { self.moved(block, layout, new_size) },
        }
    }
}

impl Pool {
    /// `block` moved to a new block of `new_size` bytes, as `realloc`.
    ///
    /// # Safety
    /// As `GlobalAlloc::realloc`'s.
    #[inline(never)]
    unsafe fn moved(
        &self,
        block: *mut u8,
        layout: Layout,
        new_size: usize,
    ) -> *mut u8 {
        // SAFETY: the caller's alignment with a size GlobalAlloc promises
        // is valid for it.
        let new_layout = unsafe {
            Layout::from_size_align_unchecked(new_size, layout.align())
        };
        // SAFETY: a new block, the old one's bytes copied in up to the
        // smaller size, then the old one given back.
        unsafe {
            let moved = self.alloc(new_layout);
            if !moved.is_null() {
                let kept = layout.size().min(new_size);
                ptr::copy_nonoverlapping(block, moved, kept);
                self.dealloc(block, layout);
            }
            moved
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_powers_of_two_up_to_the_largest() {
        assert_eq!(class_of(0, 1), Some(0));
        assert_eq!(class_of(16, 8), Some(0));
        assert_eq!(class_of(17, 8), Some(1));
        assert_eq!(class_of(LARGEST, 1), Some(CLASSES - 1));
        assert_eq!(block_size(CLASSES - 1), LARGEST);
        assert_eq!(class_of(LARGEST + 1, 1), None);
        assert_eq!(class_of(8, 32), None);
    }
}
