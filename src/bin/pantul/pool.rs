// SPDX-License-Identifier: MIT
//! The command's memory allocator: per-thread free lists of small
//! blocks in front of the system's allocator.
//!
//! Decoding a notice makes and drops a few hundred small strings and
//! vectors; glibc's allocator spent about 95 instructions on each of
//! them (its per-size caches hold a few blocks only, so most calls
//! went on to its bins), some tenth of the command's work on the
//! corpus (callgrind). Here a block of up to [`LARGEST`] bytes is
//! rounded up to a power of two, and taking or giving one back is
//! popping or pushing a list of the calling thread. Larger or more
//! strictly aligned blocks go to the system's allocator. A freed block
//! is kept for the next of its size rather than given back, so the pool
//! holds as much of each size as was ever in use at once (the peak
//! memory of a run over the corpus is in docs/performance.md).
//!
//! The lists are the calling thread's: a block freed by another thread
//! than the one that took it joins the freeing thread's list, which is
//! as good a home for it. The command runs on one thread anyway.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr;

/// The smallest block, which is also every block's alignment: room for
/// a list's link and the alignment most of Rust's types ask for.
const SMALLEST: usize = 16;
/// The largest block served from the lists.
const LARGEST: usize = 4096;
/// One list per power of two from [`SMALLEST`] to [`LARGEST`].
const CLASSES: usize =
    (LARGEST.trailing_zeros() - SMALLEST.trailing_zeros() + 1) as usize;
/// New blocks are cut from slabs of this many bytes, taken from the
/// system's allocator; the rest of a slab too small for the next block
/// asked for is left unused (less than [`LARGEST`] bytes).
const SLAB: usize = 64 * 1024;

/// The allocator; see the module's documentation.
pub struct Pool;

/// One thread's lists and slab.
struct Lists {
    /// The first free block of each class; a free block's first bytes
    /// hold the next one's address.
    free: [*mut u8; CLASSES],
    /// The unused rest of the current slab, `next..end`.
    next: *mut u8,
    end: *mut u8,
}

thread_local! {
    /// The calling thread's lists: constant-initialised and without a
    /// destructor, so reaching them never allocates and never fails.
    static LISTS: UnsafeCell<Lists> = const {
        UnsafeCell::new(Lists {
            free: [ptr::null_mut(); CLASSES],
            next: ptr::null_mut(),
            end: ptr::null_mut(),
        })
    };
}

/// The class of blocks that serves `size` bytes aligned to `align`, or
/// `None` for the system's allocator.
#[inline(always)]
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

/// A whole block of class `class` from the system's allocator, for a
/// thread whose lists cannot be reached: once freed, it may join a list
/// like any other block of its class.
fn whole_block(class: usize) -> *mut u8 {
    // SAFETY: a block size is not zero and SMALLEST is a power of two.
    unsafe {
        System.alloc(Layout::from_size_align_unchecked(
            block_size(class),
            SMALLEST,
        ))
    }
}

impl Lists {
    /// A block of class `class`: a freed one, or a new one from the slab.
    ///
    /// # Safety
    /// `class < CLASSES`.
    #[inline(always)]
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
    /// when this one has too little left.
    #[cold]
    #[inline(never)]
    fn cut(&mut self, size: usize) -> *mut u8 {
        if (self.end as usize) - (self.next as usize) < size {
            // SAFETY: SLAB is not zero and SMALLEST a power of two.
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
    /// `block` is a whole block of class `class` no longer used.
    #[inline(always)]
    unsafe fn give(&mut self, class: usize, block: *mut u8) {
        // SAFETY: the block is ours again and has room for a link.
        unsafe { block.cast::<*mut u8>().write(self.free[class]) };
        self.free[class] = block;
    }
}

// SAFETY: every block handed out is at least `layout.size()` bytes,
// aligned to `layout.align()` (blocks are multiples of SMALLEST cut
// from slabs aligned to it, or whole blocks from the system's
// allocator; larger alignments go to the system's allocator), and is
// used by nobody else until given back. Each thread reaches only its
// own lists.
unsafe impl GlobalAlloc for Pool {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class_of(layout.size(), layout.align()) {
            // SAFETY: the thread's own lists, reached by nobody else
            // during this call; `c < CLASSES`.
            Some(c) => LISTS
                .try_with(|lists| unsafe { (*lists.get()).take(c) })
                .unwrap_or_else(|_| whole_block(c)),
            // SAFETY: the caller's layout, as GlobalAlloc asks.
            None => unsafe { System.alloc(layout) },
        }
    }

    #[inline]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        match class_of(layout.size(), layout.align()) {
            // SAFETY: the same layout as when it was allocated, so a
            // whole block of the same class. A thread whose lists are
            // gone keeps (leaks) it.
            Some(c) => {
                let _ = LISTS
                    .try_with(|lists| unsafe { (*lists.get()).give(c, block) });
            }
            // SAFETY: allocated by the system's allocator with this
            // layout.
            None => unsafe { System.dealloc(block, layout) },
        }
    }

    #[inline]
    unsafe fn realloc(
        &self,
        block: *mut u8,
        layout: Layout,
        new_size: usize,
    ) -> *mut u8 {
        let from = class_of(layout.size(), layout.align());
        let to = class_of(new_size, layout.align());
        match (from, to) {
            // The block has room for the new size already.
            (Some(a), Some(b)) if a == b => block,
            // SAFETY: allocated by the system's allocator with this
            // layout.
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

    #[test]
    fn blocks_are_reused_grown_in_place_and_kept_apart() {
        let pool = Pool;
        let small = Layout::from_size_align(24, 8).unwrap();
        unsafe {
            let a = pool.alloc(small);
            let b = pool.alloc(small);
            assert!(!a.is_null() && !b.is_null() && a != b);
            a.write_bytes(1, 24);
            b.write_bytes(2, 24);
            // 24 -> 32 bytes stays in its block; 32 -> 40 moves.
            assert_eq!(pool.realloc(a, small, 32), a);
            let grown = Layout::from_size_align(32, 8).unwrap();
            let c = pool.realloc(a, grown, 40);
            assert_ne!(c, a);
            // The bytes written before moving are kept.
            assert_eq!(std::slice::from_raw_parts(c, 24), &[1; 24]);
            assert_eq!(std::slice::from_raw_parts(b, 24), &[2; 24]);
            pool.dealloc(b, small);
            // The freed block is the next one of its class.
            assert_eq!(pool.alloc(small), b);
            let big = Layout::from_size_align(LARGEST + 1, 8).unwrap();
            let d = pool.alloc(big);
            assert!(!d.is_null());
            pool.dealloc(d, big);
        }
    }
}
