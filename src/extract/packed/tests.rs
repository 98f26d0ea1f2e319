//! Tests of the packed words and tables: each fast reading against a plain one (byte by byte,
//! or a search of a list).

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
