// SPDX-License-Identifier: MIT
//! Sorting shared by the modules that sort what they found, so that the
//! WebAssembly carries one sort routine rather than one per element
//! type (each `sort_by_key` over another type is another copy of the
//! standard library's stable sort, some 4 KB of code, and each
//! `sort_unstable` another quicksort, 2 to 4 KB): stable sorting by a
//! number, and sorting plain values.

/// Sorts `items` by `key`, keeping items of equal keys in their order,
/// as `sort_by_key` does.
pub(crate) fn sort_by_number<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut order: Vec<(u64, usize)> = items.iter().map(key).zip(0..).collect();
    sort_keys(&mut order);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&(_, n)| slots[n].take()));
}

/// Every key is unique (its second number is the item's place), so the
/// unstable sort gives the stable order.
#[inline(never)]
fn sort_keys(keys: &mut [(u64, usize)]) {
    sort_values(keys);
}

/// Sorts `items` in ascending order, for values that are equal only
/// when they are the same (numbers, tuples of numbers), where every
/// sort gives the same order. Natively the standard library's unstable
/// sort; in the WebAssembly a heapsort, a few hundred bytes where each
/// element type's quicksort is some kilobytes.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn sort_values<T: Ord + Copy>(items: &mut [T]) {
    items.sort_unstable();
}

/// Sorts `items` in ascending order (see the native version).
#[cfg(target_arch = "wasm32")]
pub(crate) fn sort_values<T: Ord + Copy>(items: &mut [T]) {
    heapsort(items);
}

/// Sorts `items` in ascending order: builds a heap with the largest
/// item on top, then moves the top to the end one item at a time.
#[cfg(any(test, target_arch = "wasm32"))]
fn heapsort<T: Ord + Copy>(items: &mut [T]) {
    for node in (0..items.len() / 2).rev() {
        sift_down(items, node);
    }
    for end in (1..items.len()).rev() {
        items.swap(0, end);
        sift_down(&mut items[..end], 0);
    }
}

/// Moves `heap[node]` down until it is no smaller than its children.
#[cfg(any(test, target_arch = "wasm32"))]
fn sift_down<T: Ord + Copy>(heap: &mut [T], mut node: usize) {
    loop {
        let mut child = 2 * node + 1;
        if child >= heap.len() {
            return;
        }
        if child + 1 < heap.len() && heap[child] < heap[child + 1] {
            child += 1;
        }
        if heap[node] >= heap[child] {
            return;
        }
        heap.swap(node, child);
        node = child;
    }
}

#[cfg(test)]
mod tests {
    use super::{heapsort, sort_by_number};

    #[test]
    fn equal_keys_keep_their_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        let mut std = v.clone();
        std.sort_by_key(|x| x.0);
        sort_by_number(&mut v, |x| x.0);
        assert_eq!(v, std);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }

    /// The WebAssembly's heapsort, run natively: the same order as the
    /// standard library's sort, duplicates and all.
    #[test]
    fn heapsort_sorts() {
        let mut seed = 7u32;
        for len in 0..200 {
            let mut v: Vec<u32> = (0..len)
                .map(|_| {
                    seed =
                        seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    seed >> 24
                })
                .collect();
            let mut want = v.clone();
            want.sort();
            heapsort(&mut v);
            assert_eq!(v, want);
        }
    }
}
