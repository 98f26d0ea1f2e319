//! Short words packed into one integer each, and an open-addressed table of them: how the
//! [lexicon](super::lexicon) answers a word's classes with a multiplication and one slot
//! read, without hashing or comparing byte strings.
//!
//! Nearly every word of news prose has at most eight bytes, and its key is a single 64-bit
//! number (its bytes, zero-padded: no word holds a zero byte, so the padding tells lengths
//! apart); words of nine to fifteen bytes take a 128-bit key holding their length too.

/// A packed word: a number that is never 0 for a word (0 marks an empty slot).
pub trait Key: Copy + Eq + Default {
    /// A hash of 32 bits, whose top bits name a key's slot in a [`Table`].
    fn hash(self) -> usize;
}

impl Key for u64 {
    #[inline]
    fn hash(self) -> usize {
        (self.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize
    }
}

impl Key for u128 {
    #[inline]
    fn hash(self) -> usize {
        let (lo, hi) = (self as u64, (self >> 64) as u64);
        ((lo.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ hi).wrapping_mul(0x517c_c1b7_2722_0a95) >> 32)
            as usize
    }
}

/// A word of at most eight bytes as its key, its bytes zero-padded. (A `const fn`, so that
/// fixed words can be keyed at compile time.)
pub const fn pack8(key: &[u8]) -> Option<u64> {
    if key.len() > 8 {
        return None;
    }
    let mut b = [0u8; 8];
    let mut i = 0;
    while i < key.len() {
        b[i] = key[i];
        i += 1;
    }
    Some(u64::from_le_bytes(b))
}

/// A word of nine to fifteen bytes as its key: its bytes, and its length in the last byte.
pub const fn pack16(key: &[u8]) -> Option<u128> {
    if key.len() < 9 || key.len() > 15 {
        return None;
    }
    let mut b = [0u8; 16];
    let mut i = 0;
    while i < key.len() {
        b[i] = key[i];
        i += 1;
    }
    b[15] = key.len() as u8;
    Some(u128::from_le_bytes(b))
}

/// The bytes of `b` (at most 8) as a little-endian number, read in two overlapping loads of
/// a fixed size instead of a copy of a length known only at run time: the bytes the two
/// loads share are the same, so or-ing them is exact.
pub fn load8(b: &[u8]) -> u64 {
    let n = b.len();
    let u32_at = |i: usize| {
        b.get(i..i + 4)
            .and_then(|x| x.try_into().ok())
            .map_or(0, u32::from_le_bytes)
    };
    match n {
        4..=8 => u64::from(u32_at(0)) | u64::from(u32_at(n - 4)) << (8 * (n - 4)),
        // (one to three bytes: the first, the middle and the last, which repeat one another
        // where they coincide)
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        _ => 0,
    }
}

/// [`load8`] for nine to sixteen bytes.
fn load16(b: &[u8]) -> u128 {
    let n = b.len();
    let u64_at = |i: usize| {
        b.get(i..i + 8)
            .and_then(|x| x.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    u128::from(u64_at(0)) | u128::from(u64_at(n.max(8) - 8)) << (8 * (n.max(8) - 8))
}

/// Every byte of a `u64` set to `b`.
const fn splat8(b: u8) -> u64 {
    u64::from_le_bytes([b; 8])
}

/// Every byte of a `u128` set to `b`.
const fn splat16(b: u8) -> u128 {
    u128::from_le_bytes([b; 16])
}

/// [`pack8`] of the ASCII lower case of `word`, or `None` when the word is longer than 8
/// bytes or not ASCII. The bytes are lower-cased at once: a byte from `A` to `Z` is the one
/// whose high bit adding 0x3f sets and adding 0x25 does not (no byte under 0x80 carries into
/// the next), and gets 0x20 added.
#[inline]
pub fn lower8(word: &[u8]) -> Option<u64> {
    if word.len() > 8 {
        return None;
    }
    let k = load8(word);
    if k & splat8(0x80) != 0 {
        return None;
    }
    let upper = (k + splat8(0x3f)) & !(k + splat8(0x25)) & splat8(0x80);
    Some(k | upper >> 2)
}

/// The high bit of each byte of `x` that is at least `b`, for bytes under 0x80: adding
/// `0x80 - b` to such a byte sets its high bit exactly when it is at least `b`, and carries
/// into no other byte.
#[inline]
const fn at_least(x: u64, b: u8) -> u64 {
    (x + splat8(0x80 - b)) & splat8(0x80)
}

/// The high bit of each byte of `k` that is an ASCII letter or digit, found for the eight
/// bytes at once: each byte's low seven bits are compared by [`at_least`].
#[inline]
fn alnum_bits(k: u64) -> u64 {
    let low = k & splat8(0x7f);
    let folded = low | splat8(0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    (letter | digit) & !k
}

/// The high bit of each byte of `k` that is an ASCII letter, as [`alnum_bits`].
#[inline]
fn alpha_bits(k: u64) -> u64 {
    let folded = k & splat8(0x7f) | splat8(0x20);
    at_least(folded, b'a') & !at_least(folded, b'z' + 1) & !k
}

/// The length of the run of ASCII letters at `text[at..]` (0 if none), read eight bytes at
/// a time while eight remain.
pub fn letter_run(text: &[u8], at: usize) -> usize {
    let mut n = 0;
    while let Some(eight) = text
        .get(at + n..at + n + 8)
        .and_then(|c| c.try_into().ok())
        .map(u64::from_le_bytes)
    {
        let run = ((!alpha_bits(eight) & splat8(0x80)).trailing_zeros() / 8) as usize;
        n += run;
        if run < 8 {
            return n;
        }
    }
    while text.get(at + n).is_some_and(u8::is_ascii_alphabetic) {
        n += 1;
    }
    n
}

/// The run of ASCII letters and digits at `text[at..]`, at most eight of them, as its length
/// and the [`pack8`] key of its lower case; `None` when `text` has not eight bytes from `at`.
/// One load and a few operations on it, without a branch per byte: most words of prose are
/// such a run, and the [tokenizer](super::tokens) reads them so.
#[inline]
pub fn alnum_run8(text: &[u8], at: usize) -> Option<(usize, u64)> {
    let eight = u64::from_le_bytes(text.get(at..at.checked_add(8)?)?.try_into().ok()?);
    let alnum = alnum_bits(eight);
    let len = ((!alnum & splat8(0x80)).trailing_zeros() / 8) as usize;
    if len == 0 {
        return Some((0, 0));
    }
    // an alphanumeric byte is an upper-case letter when its 0x20 bit is clear (digits have it)
    let upper = alnum & !(eight << 2);
    Some((len, (eight | upper >> 2) & u64::MAX >> (64 - 8 * len)))
}

/// The high bit of each byte of `x` that is zero, exactly: each byte's low seven bits are
/// added to 0x7f, which sets the high bit of all but a zero byte and carries into no other.
#[inline]
fn zero_bytes(x: u64) -> u64 {
    !(((x & splat8(0x7f)) + splat8(0x7f)) | x) & splat8(0x80)
}

/// Is `b` ASCII, with no white space but single spaces between its words (none first or
/// last)? The form most names are written in, whose key is its lower case as it stands. Read
/// eight bytes at a time: names are keyed at every mention.
pub fn single_spaced_ascii(b: &[u8]) -> bool {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let n = b.len();
    if n < 8 {
        return plain8(load8(b), 0).is_some();
    }
    let word_at = |at: usize| {
        b.get(at..at + 8)
            .and_then(|c| c.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    // (the high bit of the last byte of the eight before, if it was a space)
    let mut space_before = 0;
    let mut at = 0;
    while at + 8 <= n {
        match plain8(word_at(at), space_before) {
            Some(last) => space_before = last,
            None => return false,
        }
        at += 8;
    }
    // the last bytes, as the eight that end `b` (those read already again: every pair of
    // neighbours from there on is among them)
    at == n || plain8(word_at(n - 8), 0).is_some()
}

/// [`single_spaced_ascii`] of eight bytes (zero bytes padding fewer), `space_before` the
/// high bit of the first byte if the byte before was a space: `None` if they are not, else
/// the high bit of the last byte if it is a space.
#[inline]
fn plain8(k: u64, space_before: u64) -> Option<u64> {
    if k & splat8(0x80) != 0 {
        return None;
    }
    // (every byte under 0x80, as `at_least` needs; a zero byte is neither white space nor a
    // space)
    // tab, line feed, form feed, carriage return: ASCII white space other than the space
    let white = at_least(k, b'\t') & !at_least(k, b'\r' + 1) & !zero_bytes(k ^ splat8(0x0b));
    let spaces = zero_bytes(k ^ splat8(b' '));
    (white == 0 && spaces & (spaces << 8 | space_before) == 0).then_some(spaces >> 56)
}

/// [`pack16`] of the ASCII lower case of `word` (nine to fifteen bytes), as [`lower8`].
#[inline]
pub fn lower16(word: &[u8]) -> Option<u128> {
    let len = word.len();
    if !(9..=15).contains(&len) {
        return None;
    }
    let k = load16(word);
    if k & splat16(0x80) != 0 {
        return None;
    }
    let upper = (k + splat16(0x3f)) & !(k + splat16(0x25)) & splat16(0x80);
    Some((k | upper >> 2) | (len as u128) << 120)
}

/// Words by their packed key: an open-addressed table of `SLOTS` slots (a power of two), so
/// a lookup is a multiplication and one slot read. Its size is fixed when it is compiled, so
/// that a look-up needs neither a mask nor a length kept in registers, nor a bound checked:
/// the tokenizer looks up every word.
///
/// Whether a word of prose is in the lexicon (a function word) or not (most others) is as
/// hard to guess as a coin's toss, so a look-up answers without a branch on it: the slot a
/// key hashes to is read whatever it holds, and holds the key if the table has it, unless a
/// key hashed there before it did. Such a slot is marked ([`MOVED_ON`]), and only a look-up
/// reaching a marked slot goes on to the next ones, a branch that nearly always goes the
/// same way.
#[derive(Debug, Clone)]
pub struct Table<K, const SLOTS: usize> {
    /// Keys and their flags by slot, key 0 for an empty slot; a slot's flags carry
    /// [`MOVED_ON`] when a key hashed to it lies further on.
    slots: Box<[(K, u64); SLOTS]>,
}

/// The bit of a slot's flags telling that a key hashed to it lies further on; no flag of the
/// table's own.
const MOVED_ON: u64 = 1 << 63;

impl<K: Key, const SLOTS: usize> Table<K, SLOTS> {
    /// The slots a table fills at most: half. (The lexicon's fill an eighth and a quarter,
    /// so that few keys are moved on; a test holds them to it.)
    pub const CAPACITY: usize = SLOTS / 2;
    const MASK: usize = {
        assert!(
            SLOTS.is_power_of_two() && SLOTS.trailing_zeros() <= 32,
            "a slot is named by bits of a 32-bit hash"
        );
        SLOTS - 1
    };

    /// The table of `words` (key and flags; the flags of a key given twice are or-ed), or
    /// `None` when they are more than [`Table::CAPACITY`] or a flag is [`MOVED_ON`].
    pub fn new(words: impl Iterator<Item = (K, u64)>) -> Option<Table<K, SLOTS>> {
        let empty = K::default();
        let mut slots: Box<[(K, u64); SLOTS]> =
            vec![(empty, 0); SLOTS].into_boxed_slice().try_into().ok()?;
        let mut filled = 0;
        for (k, f) in words.filter(|&(k, _)| k != empty) {
            if f & MOVED_ON != 0 {
                return None;
            }
            let mut i = Self::home(k);
            while slots[i].0 != empty && slots[i].0 != k {
                slots[i].1 |= MOVED_ON;
                i = (i + 1) & Self::MASK;
            }
            if slots[i].0 == empty {
                filled += 1;
                if filled > Self::CAPACITY {
                    return None;
                }
            }
            slots[i].0 = k;
            slots[i].1 |= f;
        }
        Some(Table { slots })
    }

    /// The slot key `k` hashes to: the top bits of its 32-bit hash, which a multiplicative
    /// hash spreads best.
    #[inline]
    fn home(k: K) -> usize {
        (k.hash() >> (32 - SLOTS.trailing_zeros())) & Self::MASK
    }

    /// The number of keys in the table.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.slots
            .iter()
            .filter(|&&(k, _)| k != K::default())
            .count()
    }

    /// The flags of key `k` (0 when it is not in the table).
    #[inline]
    pub fn get(&self, k: K) -> u64 {
        let i = Self::home(k);
        let (x, f) = self.slots[i];
        let found = u64::from(x == k).wrapping_neg();
        // (past a marked slot the search runs whether or not the slot holds the key: a
        // branch on that would be a guess again)
        if f & MOVED_ON != 0 {
            return f & found & !MOVED_ON | self.search(k, i) & !found;
        }
        f & found
    }

    /// [`Table::get`] past the slot `i` that key `k` hashes to: the slots after it, to the
    /// key or an empty slot.
    #[cold]
    #[inline(never)]
    fn search(&self, k: K, mut i: usize) -> u64 {
        let empty = K::default();
        // (the table is at most half full: an empty slot ends the search)
        loop {
            i = (i + 1) & Self::MASK;
            let (x, f) = self.slots[i];
            if x == k {
                return f & !MOVED_ON;
            }
            if x == empty {
                return 0;
            }
        }
    }
}

#[cfg(test)]
mod tests;
