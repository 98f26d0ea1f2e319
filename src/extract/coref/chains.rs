//! Short lists for many owners — the full names filed under a word, the roles of an entity —
//! kept as chains through one shared list instead of a vector each, so an article allocates
//! one list however many owners it has (and none at all once a thread keeps it).

/// No entry: the end of a chain.
const END: usize = usize::MAX;

/// Where one owner's chain is in [`Chains`]: its first and last entries and how many there
/// are (none while the count is 0).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Chain {
    first: usize,
    last: usize,
    count: usize,
}

impl Chain {
    /// How many items the chain holds.
    pub fn len(&self) -> usize {
        self.count
    }
}

/// The entries of every chain: an item and the next entry of its chain.
#[derive(Debug, Clone)]
pub(super) struct Chains<T> {
    entries: Vec<(T, usize)>,
}

impl<T> Default for Chains<T> {
    fn default() -> Self {
        Chains {
            entries: Vec::new(),
        }
    }
}

impl<T: Copy> Chains<T> {
    /// Adds `item` at the end of `chain`.
    pub fn push(&mut self, chain: &mut Chain, item: T) {
        let at = self.entries.len();
        self.entries.push((item, END));
        if chain.count == 0 {
            chain.first = at;
        } else if let Some(prev) = self.entries.get_mut(chain.last) {
            prev.1 = at;
        }
        chain.last = at;
        chain.count += 1;
    }

    /// The items of `chain`, in the order pushed.
    pub fn iter(&self, chain: Chain) -> impl Iterator<Item = T> + '_ {
        let mut next = chain.first;
        (0..chain.count).map_while(move |_| {
            let &(item, after) = self.entries.get(next)?;
            next = after;
            Some(item)
        })
    }

    /// How many entries all the chains hold.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Empties every chain, keeping the list's memory.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaved_chains_read_back_in_the_order_pushed() {
        let mut chains = Chains::default();
        let (mut a, mut b, empty) = (Chain::default(), Chain::default(), Chain::default());
        for k in 0..5 {
            chains.push(&mut a, k);
            chains.push(&mut b, 10 * k);
        }
        assert_eq!(chains.iter(a).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        assert_eq!(chains.iter(b).collect::<Vec<_>>(), [0, 10, 20, 30, 40]);
        assert_eq!(chains.iter(empty).count(), 0);
        assert_eq!((a.len(), chains.len()), (5, 10));
        chains.clear();
        assert_eq!(chains.len(), 0);
    }
}
