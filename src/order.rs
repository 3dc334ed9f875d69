// SPDX-License-Identifier: MIT
//! Stable sorting by a number, shared by the modules that sort what they
//! found, so that the WebAssembly carries one sort routine rather than
//! one per element type (each `sort_by_key` over another type is another
//! copy of the standard library's stable sort, some 4 KB of code).

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
    keys.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::sort_by_number;

    #[test]
    fn equal_keys_keep_their_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        let mut std = v.clone();
        std.sort_by_key(|x| x.0);
        sort_by_number(&mut v, |x| x.0);
        assert_eq!(v, std);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }
}
