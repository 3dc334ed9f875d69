// SPDX-License-Identifier: MIT
//! Free lists of small blocks in front of the system's allocator: the
//! memory allocator of the command (`src/bin/pantul/pool.rs`, a list set
//! per thread) and of the npm package's module (`src/wasm/pool.rs`, one
//! thread). Not a stable API.
//!
//! Decoding a notice makes and drops a few hundred small strings and
//! vectors; glibc's allocator spent about 95 instructions on each of
//! them (its per-size caches hold a few blocks only, so most calls
//! went on to its bins), some tenth of the command's work on the
//! corpus (callgrind), and dlmalloc on wasm32 spends more on each
//! (binning, splitting, merging). Here a block of up to [`LARGEST`]
//! bytes is rounded up to a power of two, and taking or giving one back
//! is popping or pushing a list. Larger or more strictly aligned blocks
//! go to the system's allocator. A freed block is kept for the next of
//! its size rather than given back, so the pool holds as much of each
//! size as was ever in use at once (the peak memory of a run over the
//! corpus is in docs/performance.md).
//!
//! Where the lists live is the allocator's [`Home`]: a set for each
//! thread ([`PerThread`]), or the only set of a module with one thread
//! ([`OneThread`]).

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

/// A set of free lists and the slab new blocks are cut from.
pub struct Lists {
    /// The first free block of each class; a free block's first bytes
    /// hold the next one's address.
    free: [*mut u8; CLASSES],
    /// The unused rest of the current slab, `next..end`.
    next: *mut u8,
    end: *mut u8,
}

impl Lists {
    /// Lists without a block, before the first slab.
    pub const EMPTY: Lists = Lists {
        free: [ptr::null_mut(); CLASSES],
        next: ptr::null_mut(),
        end: ptr::null_mut(),
    };

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
    /// when this one has too little left. Out of line: the lists serve
    /// most calls, and every call site of the allocator stays small.
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

/// Where an allocator's lists live.
///
/// # Safety
/// `with` gives `f` lists that nothing else reaches until `f` returns,
/// and every block those lists hold came from lists of the same kind of
/// home (a block may move between the lists of two threads, never to
/// another allocator).
pub unsafe trait Home {
    /// The home before any block was taken.
    const EMPTY: Self;

    /// `f` run on the lists of the calling thread, or `None` when they
    /// cannot be reached (a thread being torn down).
    fn with<R>(&self, f: impl FnOnce(&mut Lists) -> R) -> Option<R>;
}

/// A set of lists for each thread, reached through a thread-local
/// variable: a block freed by another thread than the one that took it
/// joins the freeing thread's list, which is as good a home for it.
pub struct PerThread;

thread_local! {
    /// The calling thread's lists: constant-initialised and without a
    /// destructor, so reaching them never allocates and never fails.
    static LISTS: UnsafeCell<Lists> = const { UnsafeCell::new(Lists::EMPTY) };
}

// SAFETY: each thread reaches only its own lists, and the pool's calls
// do not nest (taking or giving a block calls only the system's
// allocator).
unsafe impl Home for PerThread {
    const EMPTY: PerThread = PerThread;

    #[inline(always)]
    fn with<R>(&self, f: impl FnOnce(&mut Lists) -> R) -> Option<R> {
        // SAFETY: as the impl's.
        LISTS.try_with(|lists| f(unsafe { &mut *lists.get() })).ok()
    }
}

/// One set of lists, for a program with one thread: shared by threads
/// only where there is a single one (WebAssembly without atomics).
pub struct OneThread(UnsafeCell<Lists>);

// SAFETY: wasm32 without atomics runs one thread: no two calls ever
// reach the lists at once. Elsewhere a `OneThread` stays on the thread
// that made it (neither `Send` nor `Sync`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl Sync for OneThread {}

// SAFETY: one thread reaches the lists, and the pool's calls do not
// nest (taking or giving a block calls only the system's allocator).
unsafe impl Home for OneThread {
    const EMPTY: OneThread = OneThread(UnsafeCell::new(Lists::EMPTY));

    #[inline(always)]
    fn with<R>(&self, f: impl FnOnce(&mut Lists) -> R) -> Option<R> {
        // SAFETY: as the impl's.
        Some(f(unsafe { &mut *self.0.get() }))
    }
}

/// The allocator, with its lists in `H`; see the module's documentation.
pub struct Pool<H>(H);

impl<H: Home> Pool<H> {
    /// A pool without a block.
    pub const fn new() -> Pool<H> {
        Pool(H::EMPTY)
    }
}

impl<H: Home> Default for Pool<H> {
    fn default() -> Pool<H> {
        Pool::new()
    }
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
#[cold]
fn whole_block(class: usize) -> *mut u8 {
    // SAFETY: a block size is not zero and SMALLEST is a power of two.
    unsafe {
        System.alloc(Layout::from_size_align_unchecked(
            block_size(class),
            SMALLEST,
        ))
    }
}

// SAFETY: every block handed out is at least `layout.size()` bytes,
// aligned to `layout.align()` (blocks are multiples of SMALLEST cut
// from slabs aligned to it, or whole blocks from the system's
// allocator; larger alignments go to the system's allocator), and is
// used by nobody else until given back: the home gives each call lists
// of its own (`Home`'s contract).
unsafe impl<H: Home> GlobalAlloc for Pool<H> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class_of(layout.size(), layout.align()) {
            // SAFETY: `c < CLASSES`.
            Some(c) => self
                .0
                .with(|lists| unsafe { lists.take(c) })
                .unwrap_or_else(|| whole_block(c)),
            // SAFETY: the caller's layout, as GlobalAlloc asks.
            None => unsafe { System.alloc(layout) },
        }
    }

    #[inline]
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        match class_of(layout.size(), layout.align()) {
            // SAFETY: the same layout as when it was allocated, so a
            // whole block of the same class. Lists that cannot be
            // reached keep (leak) it.
            Some(c) => {
                let _ = self.0.with(|lists| unsafe { lists.give(c, block) });
            }
            // SAFETY: allocated by the system's allocator with this
            // layout.
            None => unsafe { System.dealloc(block, layout) },
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if class_of(layout.size(), layout.align()).is_none() {
            // SAFETY: the caller's layout, as GlobalAlloc asks.
            return unsafe { System.alloc_zeroed(layout) };
        }
        // SAFETY: as `alloc`; then its `size` bytes are zeroed.
        unsafe {
            let block = self.alloc(layout);
            if !block.is_null() {
                block.write_bytes(0, layout.size());
            }
            block
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

impl<H: Home> Pool<H> {
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
    use std::cell::Cell;

    /// Lists of the test alone, which counts the calls that could not
    /// reach them.
    struct Own {
        lists: UnsafeCell<Lists>,
        closed: Cell<bool>,
    }

    // SAFETY: each test uses its own pool on its own thread.
    unsafe impl Home for Own {
        const EMPTY: Own = Own {
            lists: UnsafeCell::new(Lists::EMPTY),
            closed: Cell::new(false),
        };

        fn with<R>(&self, f: impl FnOnce(&mut Lists) -> R) -> Option<R> {
            // SAFETY: one thread, and `f` does not reach the pool.
            (!self.closed.get()).then(|| f(unsafe { &mut *self.lists.get() }))
        }
    }

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
        let pool = Pool::<OneThread>::new();
        let small = Layout::from_size_align(24, 8).unwrap();
        unsafe {
            let a = pool.alloc(small);
            let b = pool.alloc(small);
            assert!(!a.is_null() && !b.is_null() && a != b);
            // Cut one after the other from the slab, 32 bytes apart.
            assert_eq!(b as usize - a as usize, 32);
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
            // The block left by the move is the next of its class too.
            assert_eq!(pool.alloc(grown), a);
            let big = Layout::from_size_align(LARGEST + 1, 8).unwrap();
            let d = pool.alloc(big);
            assert!(!d.is_null());
            pool.dealloc(d, big);
        }
    }

    #[test]
    fn zeroed_blocks_are_zero_even_when_reused() {
        let pool = Pool::<PerThread>::new();
        let layout = Layout::from_size_align(100, 8).unwrap();
        unsafe {
            let a = pool.alloc(layout);
            a.write_bytes(7, 100);
            pool.dealloc(a, layout);
            let b = pool.alloc_zeroed(layout);
            assert_eq!(b, a);
            assert_eq!(std::slice::from_raw_parts(b, 100), &[0; 100]);
            let big = Layout::from_size_align(2 * LARGEST, 8).unwrap();
            let c = pool.alloc_zeroed(big);
            assert!(std::slice::from_raw_parts(c, 2 * LARGEST)
                .iter()
                .all(|&b| b == 0));
            pool.dealloc(c, big);
        }
    }

    #[test]
    fn lists_out_of_reach_give_whole_blocks() {
        let pool = Pool::<Own>::new();
        pool.0.closed.set(true);
        let layout = Layout::from_size_align(40, 8).unwrap();
        unsafe {
            let a = pool.alloc(layout);
            assert!(!a.is_null());
            assert_eq!(a as usize % SMALLEST, 0);
            a.write_bytes(3, 64);
            // Kept, not given back, while the lists are out of reach.
            pool.dealloc(a, layout);
            pool.0.closed.set(false);
            let b = pool.alloc(layout);
            assert_ne!(b, a);
            pool.dealloc(b, layout);
            assert_eq!(pool.alloc(layout), b);
        }
    }
}
