//! Short words packed into one integer each, and an open-addressed table of them: how the
//! [lexicon](super::lexicon) answers a word's classes with a multiplication and a slot or two
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
mod tests {
    use super::*;

    /// [`single_spaced_ascii`] as it was first written, a byte at a time.
    fn single_spaced_bytewise(b: &[u8]) -> bool {
        if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
            return false;
        }
        let mut after_space = false;
        for &c in b {
            let space = c == b' ';
            if !c.is_ascii() || !space && c.is_ascii_whitespace() || space && after_space {
                return false;
            }
            after_space = space;
        }
        true
    }

    #[test]
    fn issue_13_up_to_eight_bytes_load_as_their_little_endian_number() {
        let bytes: Vec<u8> = (1..=8).map(|b| b * 0x11).collect();
        for n in 0..=8 {
            let b = &bytes[..n];
            let want = b.iter().rev().fold(0u64, |acc, &x| acc << 8 | u64::from(x));
            assert_eq!(load8(b), want, "{n} bytes");
        }
    }

    #[test]
    fn issue_13_letter_runs_read_eight_bytes_as_one_at_a_time() {
        let bytewise = |b: &[u8], at: usize| {
            b.get(at..).map_or(0, |r| {
                r.iter().take_while(|c| c.is_ascii_alphabetic()).count()
            })
        };
        let texts = [
            "",
            "a",
            "photograph",
            "Photographs by Getty",
            "abcdefgh",
            "abcdefghABCDEFGHijk",
            "co-chair (Photo: AP/Reuters) 2024",
            "caf\u{e9} na\u{ef}ve",
            "@[`{ AZaz",
        ];
        for t in texts {
            let b = t.as_bytes();
            for at in 0..=b.len() + 1 {
                assert_eq!(letter_run(b, at), bytewise(b, at), "{t:?} at {at}");
            }
        }
        // every byte value after a run of every length up to seventeen
        for len in 0..=17 {
            for x in 0..=255u8 {
                let mut b = vec![b'k'; len];
                b.push(x);
                b.extend_from_slice(b"tail");
                assert_eq!(letter_run(&b, 0), bytewise(&b, 0), "{len} then {x}");
            }
        }
    }

    #[test]
    fn issue_13_single_spaced_ascii_reads_eight_bytes_as_one_did() {
        let cases = [
            ("empty", "", true),
            ("one word", "Lovelace", true),
            ("two words", "Ada Lovelace", true),
            ("a space first", " Ada", false),
            ("a space last", "Ada ", false),
            ("two spaces", "Ada  Lovelace", false),
            ("two spaces across eight bytes", "Abcdefg  Lovelace", false),
            ("a space ending eight bytes", "Abcdefg Lovelace", true),
            ("a space opening eight bytes", "Abcdefgh Lovelace", true),
            ("a tab", "Ada\tLovelace", false),
            ("a line feed", "Ada\nLovelace", false),
            ("a form feed", "Ada\x0cLovelace", false),
            ("a carriage return", "Ada\rLovelace", false),
            (
                "a vertical tab, not white space to ASCII",
                "Ada\x0bLovelace",
                true,
            ),
            ("a control byte", "Ada\x01Lovelace", true),
            ("non-ASCII", "\u{c9}lise Amour", false),
            (
                "non-ASCII past eight bytes",
                "Maria Fernanda Garc\u{e9}s",
                false,
            ),
            ("long", "The Director General Of Public Prosecutions", true),
        ];
        for (name, s, want) in cases {
            assert_eq!(single_spaced_ascii(s.as_bytes()), want, "{name}");
            assert_eq!(single_spaced_bytewise(s.as_bytes()), want, "{name}");
        }
        // every pair of bytes from a set of edge cases, at every position of 17 bytes
        let edge = [
            b' ', b'\t', b'\n', 0x0b, 0x0c, b'\r', 0, 0x1f, b'!', b'a', b'Z', 0x7f, 0x80, 0xff,
        ];
        for len in 0..=17 {
            for at in 0..len {
                for &x in &edge {
                    for &y in &edge {
                        let mut b = vec![b'n'; len];
                        b[at] = x;
                        if at + 1 < len {
                            b[at + 1] = y;
                        }
                        assert_eq!(single_spaced_ascii(&b), single_spaced_bytewise(&b), "{b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn words_lower_case_in_their_keys_as_they_do_alone() {
        // every ASCII byte, in words of every packed length
        let all: Vec<u8> = (1u8..128).collect();
        for len in 1..=15 {
            for w in all.chunks(len) {
                let lower: Vec<u8> = w.iter().map(u8::to_ascii_lowercase).collect();
                if w.len() <= 8 {
                    assert_eq!(lower8(w), pack8(&lower), "{w:?}");
                } else {
                    assert_eq!(lower16(w), pack16(&lower), "{w:?}");
                }
            }
        }
        assert_eq!(lower8("caf\u{e9}".as_bytes()), None);
        assert_eq!(lower16("r\u{e9}sum\u{e9}s ok".as_bytes()), None);
        assert_eq!((pack8(b"ninebytes"), pack16(b"eight by")), (None, None));
        assert_eq!(pack16(b"sixteen bytes ok"), None);
    }

    #[test]
    fn alphanumeric_runs_are_read_eight_bytes_at_once_as_byte_by_byte() {
        // every byte value at every place of a run, and runs of every length
        let by_bytes = |text: &[u8], at: usize| {
            let len = text[at..at + 8]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let lower: Vec<u8> = text[at..at + len]
                .iter()
                .map(u8::to_ascii_lowercase)
                .collect();
            (len, pack8(&lower).unwrap_or(0))
        };
        for b in 0..=255u8 {
            for place in 0..8 {
                let mut text = *b"AbcZ09zy mOre";
                text[place] = b;
                for at in 0..=text.len() - 8 {
                    assert_eq!(
                        alnum_run8(&text, at),
                        Some(by_bytes(&text, at)),
                        "{b} at {place}"
                    );
                }
            }
        }
        assert_eq!(alnum_run8(b"short", 0), None);
        assert_eq!(alnum_run8(b"exactly8", 1), None);
        assert_eq!(alnum_run8(b"exactly8", usize::MAX), None);
    }

    #[test]
    fn loads_read_every_length_exactly() {
        for n in 0..=8 {
            let b: Vec<u8> = (1..=n as u8).collect();
            let mut full = [0u8; 8];
            full[..n].copy_from_slice(&b);
            assert_eq!(load8(&b), u64::from_le_bytes(full));
        }
        for n in 9..=16 {
            let b: Vec<u8> = (1..=n as u8).collect();
            let mut full = [0u8; 16];
            full[..n].copy_from_slice(&b);
            assert_eq!(load16(&b), u128::from_le_bytes(full));
        }
    }

    #[test]
    fn a_table_finds_its_keys_and_nothing_else() {
        let words: Vec<(u64, u64)> = (1..500u64).map(|k| (k * 7919, k)).collect();
        let t = Table::<u64, 2048>::new(words.iter().copied()).expect("a quarter full");
        for &(k, f) in &words {
            assert_eq!(t.get(k), f);
            assert_eq!(t.get(k + 1), 0);
        }
        assert_eq!((t.get(0), t.len()), (0, words.len()));
    }

    #[test]
    fn issue_13_a_table_of_fixed_size_takes_keys_up_to_half_its_slots() {
        let keys = |n: u64| (1..=n).map(|k| (k * 7919, 1));
        let half = Table::<u64, 64>::new(keys(32)).expect("half full");
        assert!((1..=32).all(|k| half.get(k * 7919) == 1));
        assert_eq!(half.get(33 * 7919), 0);
        assert!(Table::<u64, 64>::new(keys(33)).is_none());
        // a key given twice fills one slot, its flags or-ed
        let twice = Table::<u64, 64>::new([(5, 1), (5, 2)].into_iter()).expect("one key");
        assert_eq!((twice.get(5), twice.len()), (3, 1));
        // the table's mark is no flag of its own
        assert!(Table::<u64, 64>::new([(5, MOVED_ON)].into_iter()).is_none());
    }

    #[test]
    fn issue_13_keys_moved_on_from_their_slot_are_found_further() {
        // sixteen keys in thirty-two slots: many hash to a slot another key holds, in these
        // draws, and the flags of every key, moved on or not, come back without the mark
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut draw = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut moved = 0;
        for _ in 0..500 {
            let keys: Vec<(u64, u64)> = (0..16).map(|_| (draw() | 1, draw() >> 1 | 1)).collect();
            let t = Table::<u64, 32>::new(keys.iter().copied()).expect("half full");
            for &(k, f) in &keys {
                assert_eq!(t.get(k), f, "{k:#x}");
            }
            for _ in 0..16 {
                let other = draw();
                if keys.iter().all(|&(k, _)| k != other) {
                    assert_eq!(t.get(other), 0);
                }
            }
            moved += keys
                .iter()
                .filter(|&&(k, _)| t.slots[Table::<u64, 32>::home(k)].0 != k)
                .count();
        }
        assert!(moved > 500, "{moved} keys moved on");
    }
}
