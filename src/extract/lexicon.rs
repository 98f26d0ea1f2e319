//! Closed word classes of English news prose, as bit flags on lower-cased words.
//!
//! Attribution rests on a few dozen kinds of words (determiners, pronouns, auxiliaries,
//! titles, nouns that can report speech). Looking each word up once, while tokenizing, keeps
//! every later rule a cheap flag test instead of a string comparison.

use super::packed::{load8, lower16, lower8, pack16, pack8, Table};
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small multiplicative hash for short ASCII keys, eight bytes a step. Started from
/// nothing it serves the lexicon's fixed keys; started from a seed ([`SeededWords`]) it
/// serves tables of an article's own words.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHasher {
    state: u64,
    seed: u64,
}

impl WordHasher {
    #[inline]
    fn mix(&mut self, w: u64) {
        self.state = (self.state.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        // the seed enters again at the end, through a shift and a multiplication, so that
        // words whose states agree in the bits a table reads, chosen so for one seed, fall
        // apart for another; (the product's best-mixed bits are its high ones: the table
        // indexes by the low)
        let x = self.state ^ self.seed;
        (x ^ x >> 29)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(26)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // (in two overlapping loads, not byte by byte: a copy of a length unknown here
            // would call memcpy)
            self.mix(load8(rest));
        }
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.mix(u64::from(b));
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }
}

type WordMap = HashMap<Box<[u8]>, u64, BuildHasherDefault<WordHasher>>;

/// [`WordHasher`] started from a seed drawn once per process, for tables keyed by an
/// article's own words (its names, its quotes): an article is anyone's text, and with a fixed
/// start a writer could choose thousands of words that fall in one slot of the table, each
/// insertion then searching past all the others, a cost growing with the square of their
/// number. Nothing reads these tables in the order of their slots, so the seed changes no
/// output.
#[derive(Debug, Clone, Copy)]
pub struct SeededWords {
    seed: u64,
}

impl Default for SeededWords {
    fn default() -> Self {
        static SEED: OnceLock<u64> = OnceLock::new();
        let seed = *SEED.get_or_init(|| std::hash::RandomState::new().hash_one(0x5eed_u64));
        SeededWords { seed }
    }
}

impl BuildHasher for SeededWords {
    type Hasher = WordHasher;
    #[inline]
    fn build_hasher(&self) -> WordHasher {
        WordHasher {
            state: self.seed,
            seed: self.seed,
        }
    }
}

pub const DET: u64 = 1 << 0;
pub const POSS: u64 = 1 << 1;
pub const PREP: u64 = 1 << 2;
pub const AUX: u64 = 1 << 3;
pub const ADV: u64 = 1 << 4;
pub const BE: u64 = 1 << 5;
pub const CONJ: u64 = 1 << 6;
pub const SUBORD: u64 = 1 << 7;
pub const REL: u64 = 1 << 8;
pub const TIME: u64 = 1 << 9;
pub const PRON_M: u64 = 1 << 10;
pub const PRON_F: u64 = 1 << 11;
pub const PRON_PL: u64 = 1 << 12;
pub const PRON_IT: u64 = 1 << 13;
pub const PRON_1: u64 = 1 << 14;
pub const PRON_OBJ: u64 = 1 << 15;
/// Honorifics and titles written before a name ("Mr", "President", "Sen.").
pub const TITLE: u64 = 1 << 16;
/// Nouns naming a position a person holds ("mayor", "spokesperson", "minister").
pub const ROLE: u64 = 1 << 17;
/// Nouns for groups or sources that speak ("police", "officials", "the report").
pub const SOURCE: u64 = 1 << 18;
/// Words that mark an organisation name ("Department", "Inc", "University").
pub const ORG: u64 = 1 << 19;
/// Political top jobs that "the X leader" can refer to.
pub const LEADER: u64 = 1 << 20;
pub const FEMALE: u64 = 1 << 21;
pub const MALE: u64 = 1 << 22;
pub const NEG: u64 = 1 << 23;
pub const PRON_YOU: u64 = 1 << 24;
/// Words after which a capitalized word does not start a name ("The", "But").
pub const OTHER_CLOSED: u64 = 1 << 25;
pub const MONTH: u64 = 1 << 26;
/// Nouns that never head a speaker phrase although they look like one.
pub const NOT_SPEAKER: u64 = 1 << 27;
pub const DEMONYM: u64 = 1 << 28;
pub const NAME_PARTICLE: u64 = 1 << 29;
pub const ABBREV: u64 = 1 << 30;
/// Common verbs whose past form does not end in "-ed" ("met", "won").
pub const VERB: u64 = 1 << 31;

/// "back", which makes a verb of attack a reply ("shot back", "fired back"; see
/// [`super::cues::retorts`]); a bit of its own, so the tokenizer tells it by its flags.
pub const BACK: u64 = 1 << 41;

/// A given name usually borne by men / women (see `given_names`); bits past the cue flags.
pub const GIVEN_M: u64 = 1 << 48;
pub const GIVEN_F: u64 = 1 << 49;
/// A word naming a political affiliation ("Liberal", "Tory"): with demonyms, it qualifies a
/// role and never makes a name on its own.
pub const PARTY: u64 = 1 << 50;
/// A noun relating a person to another ("a friend of", "a spokeswoman for"): the words after
/// it describe the other person.
pub const RELATION: u64 = 1 << 51;
/// A number word ("two", "dozens").
pub const NUMBER: u64 = 1 << 52;

pub const PRONOUN: u64 = PRON_M | PRON_F | PRON_PL | PRON_IT | PRON_1 | PRON_YOU;
pub const CLOSED: u64 = DET
    | POSS
    | PREP
    | AUX
    | BE
    | CONJ
    | SUBORD
    | REL
    | PRONOUN
    | PRON_OBJ
    | NEG
    | OTHER_CLOSED
    | ADV;

/// Slots of the table of words of up to eight bytes (about 1,950 of them): an eighth full,
/// so that fewer words of prose hash to a slot another word was moved on from (one in
/// thirteen over the BBC corpus, against one in six a quarter full).
const SHORT_SLOTS: usize = 16384;
/// Slots of the table of words of nine to fifteen bytes (about 470).
const MID_SLOTS: usize = 2048;

/// Word classes keyed by lower-cased word (curly apostrophes folded to `'`).
#[derive(Debug, Clone)]
pub struct Lexicon {
    words: WordMap,
    /// The same words of at most eight bytes, by their [`packed::pack8`] key.
    short: Table<u64, SHORT_SLOTS>,
    /// The same words of nine to fifteen bytes, by their [`packed::pack16`] key.
    mid: Table<u128, MID_SLOTS>,
}

const TABLE: &[(u64, &str)] = &[
    (DET, "the a an this that these those some many several both all each every another other no any most few more much such certain"),
    (POSS, "his her its their our my your"),
    (PREP, "down up off along in on at by for from with without into onto over under about against between among through during before after since until via per of to toward towards across behind beyond near outside inside within despite amid upon alongside than like unlike around throughout"),
    (AUX, "has have had having will would can could may might must should shall do does did 's 've 'd 'll"),
    (BE, "is was were are been being be am"),
    (ADV, "also later earlier previously recently repeatedly again then once often publicly privately reportedly always never even just still only already simply flatly quickly now frequently first initially ultimately finally subsequently immediately separately similarly likewise however too yet sometimes usually generally openly bluntly candidly angrily proudly firmly quietly calmly clearly"),
    (CONJ, "and but or nor yet so"),
    (SUBORD, "while although though if when because since as whereas unless once whether"),
    (REL, "who whom whose which that where"),
    (TIME, "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow morning afternoon evening night week weekend month year last this next earlier later recently overnight day"),
    (MONTH, "january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec"),
    (PRON_M, "he"),
    (PRON_F, "she"),
    (PRON_PL, "they we"),
    (PRON_IT, "it"),
    (PRON_1, "i"),
    (PRON_YOU, "you"),
    (PRON_OBJ, "him them us me himself herself themselves itself ourselves myself one someone anyone everyone nobody somebody everybody what whatever"),
    (NEG, "not never n't no"),
    (OTHER_CLOSED, "besides nevertheless nonetheless otherwise overall anyway regardless likewise there here how why what whoever whatever not yes no oh so thus hence meanwhile instead indeed perhaps maybe certainly still moreover furthermore according like if then now just even only also"),
    (TITLE, "ag mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady prof prof. professor rev rev. reverend father sister brother pope king queen prince princess sen sen. senator rep rep. gov gov. governor gen gen. general col col. capt capt. captain lt lt. lieutenant sgt sgt. sergeant cpl cpl. const const. constable det det. detective insp insp. inspector supt supt. superintendent officer coach judge justice chief president vice prime minister premier mayor councillor councilor coun coun. commissioner ambassador chancellor secretary speaker chairman chairwoman chair deputy director leader mp mpp mla mna congressman congresswoman attorney sheriff inspector-general dean principal bishop archbishop cardinal rabbi imam pastor chairperson ceo cfo founder commander admiral marshal premier-designate president-elect acting interim former then-"),
    (ROLE, "citizen customer patient man woman boy girl person individual commuter driver passenger shopper visitor tourist fan viewer reader listener parent teen teenager child kid senior veteran retiree refugee immigrant migrant farmer landlord tenant bystander onlooker protester demonstrator volunteer participant supporter opponent source insider observer firefighter paramedic soldier colonel forward goalie defenceman defenseman pitcher quarterback striker midfielder rookie veteran chef cook owner resident president minister premier mayor leader chief spokesperson spokesman spokeswoman spokespeople official officials director ceo founder chair chairman chairwoman chairperson judge justice senator governor secretary ambassador chancellor commissioner councillor councilor candidate professor scientist economist analyst researcher lawyer attorney prosecutor coach manager owner executive head captain officer sergeant inspector chief constable detective superintendent doctor physician nurse teacher principal dean bishop pastor rabbi priest author writer editor reporter journalist expert critic advocate activist organizer organiser member councilman councilwoman mp mpp mla congressman congresswoman representative rep speaker deputy general admiral commander king queen prince princess pope emperor monarch dictator ruler strongman premier-designate adviser advisor consultant strategist pollster historian lecturer student resident witness victim survivor mother father son daughter wife husband brother sister friend neighbour neighbor partner colleague player caddie golfer athlete president-elect sheriff spokesperson staffer worker employee engineer architect planner agent trustee"),
    (SOURCE, "proponents backers detractors skeptics sceptics aide aides insiders staffers police officials authorities government company firm agency city province state department ministry commission committee board council court union group organization organisation association coalition campaign party staff report study post statement release letter document memo survey poll researchers scientists authors sources witnesses neighbours neighbors parents students teachers doctors nurses workers protesters activists supporters opponents advocates lawmakers legislators senators democrats republicans conservatives liberals economists investigators organizers organisers owners users fans people others experts critics analysts observers allies voters residents members officers prosecutors lawyers spokesperson spokesman spokeswoman media administration ministry office regime military army navy government's school university hospital district team club network website site blog paper newspaper magazine outlet broadcaster agency's family families relatives friends colleagues officials' unit division branch bank fund foundation institute centre center program programme service services industry sector watchdog regulator regulators insurers employers employees leaders chiefs ministers mayors premiers governments companies firms groups unions residents' citizens community communities locals tenants landlords landlord tenant data numbers figures research analysis review audit filing filings complaint lawsuit ruling decision order judgment judgement affidavit documents records release releases website tweet tweets message messages email emails memo memos note notes letter letters survey surveys poll polls estimate estimates forecast forecasts projections"),
    (ORG, "international studio studios architects associates design designs authority tribunal diocese church academy movement project initiative solutions systems technologies labs media communications championship league cup assessment hall agency house department ministry inc inc. ltd ltd. corp corp. co co. company corporation university college council commission committee board bank association union party agency office service services police force institute foundation court group society network news times post press globe star herald journal tribune telegraph guardian mail daily radio tv television cbc bbc cnn ctv coalition alliance federation league club team hospital school centre center authority administration government parliament senate congress assembly army navy command organization organisation watchdog fund trust partners capital holdings group's canada's ministry's"),
    (LEADER, "president premier chancellor leader king queen prince emperor monarch dictator ruler strongman prime"),
    (FEMALE, "mrs mrs. ms ms. miss dame lady queen princess sister spokeswoman chairwoman congresswoman councilwoman businesswoman mother daughter wife madam"),
    (MALE, "mr mr. sir lord king prince father brother spokesman chairman congressman councilman businessman son husband"),
    (NOT_SPEAKER, "way time thing things fact case point part kind sort lot number amount rest end side reason reasons question questions issue issues problem problems idea ideas plan plans deal deals move moves news story stories word words matter matters one ones"),
    (DEMONYM, "american u.s. us u.s america british uk u.k. u.k britain english french france german germany canadian canada chinese china russian russia syrian syria iranian iran israeli israel palestinian turkish turkey japanese japan korean north south indian india mexican mexico italian italy spanish spain irish ireland australian australia european eu ukrainian ukraine saudi egyptian iraqi afghan pakistani venezuelan brazilian cuban dutch belgian swedish norwegian danish finnish polish greek swiss austrian scottish welsh quebec ontario alberta federal provincial"),
    (PARTY, "liberal liberals conservative conservatives labour tory tories democrat democrats democratic republican republicans gop socialist socialists communist communists ndp"),
    (RELATION, "friend friends wife husband son daughter mother father brother sister partner colleague ally aide adviser advisor spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen lawyer lawyers attorney attorneys neighbour neighbor cousin niece nephew uncle aunt girlfriend boyfriend fiance fiancee rival critic supporter biographer assistant confidant associate widow widower relative classmate teammate opponent successor predecessor challenger representative representatives"),
    (BACK, "back"),
    (NUMBER, "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds thousand thousands million millions dozen dozens"),
    (NAME_PARTICLE, "de van von der den bin al da di le la du del dos das ibn mc"),
    (VERB, "issued released heard hear met won told saw led ran took gave made got left put set sent spent went came became began brought bought caught felt found held kept knew lost paid sat sold stood struck thought understood wrote hit let cut beat hung drew drove flew grew threw wore chose spoke broke rode rose shook meet win see lead run take give make get leave send spend go come become bring buy catch feel find hold keep know lose pay sit sell stand think write fight fought join joined visit visited thank thanked urge urged hope hopes"),
    (ABBREV, "mr mrs ms dr st sen rep gov gen lt col sgt capt prof jr sr inc ltd co corp no vs jan feb mar apr jun jul aug sep sept oct nov dec ont que alta sask man calif fla mass wash penn ariz mich minn tex va pa ill conn md mo ga ala ky la okla ore tenn wis colo nev det const insp supt cpl rev mt ft hon approx est dept univ assn bros"),
];

/// A lower-case word in "-ly" that is an adverb ("increasingly", "gingerly"), not one of the
/// nouns, adjectives and verbs spelled so ("family", "likely", "reply").
pub fn ly_adverb(w: &str) -> bool {
    w.len() > 5
        && w.ends_with("ly")
        && w.is_ascii()
        && !matches!(
            w,
            "family"
                | "assembly"
                | "anomaly"
                | "monopoly"
                | "homily"
                | "butterfly"
                | "elderly"
                | "friendly"
                | "unfriendly"
                | "lonely"
                | "likely"
                | "unlikely"
                | "weekly"
                | "monthly"
                | "yearly"
                | "hourly"
                | "quarterly"
                | "costly"
                | "deadly"
                | "lovely"
                | "ugly"
                | "silly"
                | "holy"
                | "jolly"
                | "multiply"
                | "comply"
                | "supply"
                | "apply"
                | "reply"
                | "imply"
                | "rally"
                | "bully"
                | "belly"
                | "jelly"
                | "orderly"
                | "scholarly"
                | "worldly"
                | "earthly"
                | "timely"
                | "kindly"
                | "only"
        )
}

/// Nouns for bodies whose plural describes a group of them ("rights organizations").
const BODIES: &str = "organization organisation group company firm agency union association coalition party council committee board ministry department government institution charity network business employer insurer lender bank";

/// The plural of a lower-case English noun, by the regular rules ("spokesman" → "spokesmen").
fn plural(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("man") {
        return format!("{stem}men");
    }
    if let Some(stem) = w.strip_suffix('y') {
        if !stem.ends_with(['a', 'e', 'o', 'u']) {
            return format!("{stem}ies");
        }
    }
    if w.ends_with(['s', 'x']) || w.ends_with("sh") || w.ends_with("ch") {
        return format!("{w}es");
    }
    format!("{w}s")
}

impl Default for Lexicon {
    fn default() -> Self {
        Self::new()
    }
}

impl Lexicon {
    pub fn new() -> Self {
        let mut words = WordMap::default();
        for (flag, list) in TABLE {
            for w in list.split_whitespace() {
                *words.entry(w.as_bytes().into()).or_insert(0) |= *flag;
            }
        }
        for (flag, list) in [
            (GIVEN_M, super::given_names::MALE),
            (GIVEN_F, super::given_names::FEMALE),
        ] {
            for w in list.split_whitespace() {
                *words.entry(w.as_bytes().into()).or_insert(0) |= flag;
            }
        }
        // "executives", "rights organizations": the plural of a person's role or of a body
        // describes a group that may speak
        for w in TABLE
            .iter()
            .filter(|(f, _)| *f == ROLE)
            .flat_map(|(_, l)| l.split_whitespace())
            .chain(BODIES.split_whitespace())
        {
            let plural = plural(w);
            let e = words.entry(plural.as_bytes().into()).or_insert(0);
            if *e & (super::cues::ANY | VERB | CLOSED) == 0 {
                *e |= SOURCE;
            }
        }
        for (form, flag) in super::cues::forms() {
            *words.entry(form.as_bytes().into()).or_insert(0) |= flag;
        }
        // (the word lists are the program's own: they fit, as a test checks)
        let short = Table::new(words.iter().filter_map(|(w, &f)| Some((pack8(w)?, f))))
            .expect("the lexicon's words of up to eight bytes fit its table");
        let mid = Table::new(words.iter().filter_map(|(w, &f)| Some((pack16(w)?, f))))
            .expect("the lexicon's words of nine to fifteen bytes fit its table");
        Lexicon { words, short, mid }
    }

    /// Flags of a word; `key` must already be lower-cased (see [`fold`]).
    #[cfg(test)]
    pub fn flags(&self, key: &str) -> u64 {
        self.flags_of(key.as_bytes())
    }

    /// Flags of a word as written: [`fold`] and [`Lexicon::flags_of`], with a short ASCII
    /// word (nearly every word) lower-cased straight into its packed key.
    pub fn flags_of_word(&self, word: &str, buf: &mut [u8; 40]) -> u64 {
        let b = word.as_bytes();
        let packed = if b.len() <= 8 {
            lower8(b).map(|k| self.short.get(k))
        } else {
            lower16(b).map(|k| self.mid.get(k))
        };
        packed.unwrap_or_else(|| fold(word, buf).map_or(0, |k| self.flags_of(k)))
    }

    /// Flags of a word of at most eight bytes, lower-cased, by its [`pack8`] key.
    #[inline]
    pub fn flags_of_key8(&self, key: u64) -> u64 {
        self.short.get(key)
    }

    /// Flags of a word of nine to fifteen bytes, lower-cased, by its [`pack16`] key.
    #[inline]
    pub fn flags_of_key16(&self, key: u128) -> u64 {
        self.mid.get(key)
    }

    /// Flags of a folded key (see [`fold`]).
    pub fn flags_of(&self, key: &[u8]) -> u64 {
        if let Some(k) = pack8(key) {
            return self.short.get(k);
        }
        match pack16(key) {
            Some(k) => self.mid.get(k),
            None => self.words.get(key).copied().unwrap_or(0),
        }
    }
}

/// `word` in ASCII lower case, written into `buf`, for comparing it with lower-case words
/// without allocating a string. A word longer than `buf` comes back as written: it is too
/// long to equal any word it is compared with.
pub fn ascii_lower<'a>(word: &'a str, buf: &'a mut [u8; 32]) -> &'a str {
    let Some(out) = buf.get_mut(..word.len()) else {
        return word;
    };
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    // (ASCII lower-casing keeps the text valid UTF-8)
    std::str::from_utf8(out).unwrap_or(word)
}

/// Lower-cases `word` into `buf` (ASCII only, curly apostrophe folded to `'`) and returns
/// the key, or `None` for words too long or with other non-ASCII letters: those are never
/// in a closed word class.
pub fn fold<'b>(word: &str, buf: &'b mut [u8; 40]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    // the common case, a plain ASCII word, in one copy
    if bytes.is_ascii() {
        let out = buf.get_mut(..bytes.len())?;
        for (o, &b) in out.iter_mut().zip(bytes) {
            *o = b.to_ascii_lowercase();
        }
        return Some(out);
    }
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let out = if b.is_ascii() {
            i += 1;
            b.to_ascii_lowercase()
        } else if bytes
            .get(i..i + 3)
            .is_some_and(|c| matches!(c, [0xE2, 0x80, 0x98 | 0x99]))
        {
            // ‘ or ’
            i += 3;
            b'\''
        } else {
            return None;
        };
        *buf.get_mut(n)? = out;
        n += 1;
    }
    Some(&buf[..n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_13_the_lexicons_tables_are_at_most_a_quarter_full() {
        // (a quarter keeps most look-ups to one slot; a table past half would not be built)
        let lex = Lexicon::new();
        assert!(
            lex.short.len() * 4 <= SHORT_SLOTS,
            "{} short words",
            lex.short.len()
        );
        assert!(
            lex.mid.len() * 4 <= MID_SLOTS,
            "{} longer words",
            lex.mid.len()
        );
        assert!(lex.short.len() > 1000 && lex.mid.len() > 100);
    }

    #[test]
    fn issue_13_words_chosen_to_share_a_slot_are_spread_by_the_seed() {
        // capitalised words, chosen by trying them in turn, that all fall in the first of
        // 4,096 slots when the hash starts from nothing: what a hostile article could hold
        let slot = |h: u64| h & ((1 << 12) - 1);
        let word = |mut n: u64| {
            let mut w = String::from("Q");
            while n > 0 {
                w.push(char::from(b'a' + (n % 26) as u8));
                n /= 26;
            }
            w
        };
        let fixed = BuildHasherDefault::<WordHasher>::default();
        let chosen: Vec<String> = (0..)
            .map(word)
            .filter(|w| slot(fixed.hash_one(w.as_str())) == 0)
            .take(64)
            .collect();
        let distinct = |seeded: SeededWords| {
            let mut slots: Vec<u64> = chosen
                .iter()
                .map(|w| slot(seeded.hash_one(w.as_str())))
                .collect();
            slots.sort_unstable();
            slots.dedup();
            slots.len()
        };
        // (64 words in 4,096 slots at random share about one slot between two of them; with
        // the seed entering only where the hash starts, some seeds left them in 18 slots)
        for k in 1..=64u64 {
            let seed = k.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ k << 40;
            let n = distinct(SeededWords { seed });
            assert!(n >= 56, "{n} slots for 64 words with seed {seed:#x}");
        }
        // the process's own seed, drawn at random, spreads them too
        let seeded = SeededWords::default();
        assert!(distinct(seeded) >= 48, "{} slots", distinct(seeded));
        // the seed is the process's: a word hashes alike every time
        assert_eq!(
            SeededWords::default().hash_one("Quinn"),
            seeded.hash_one("Quinn")
        );
    }

    #[test]
    fn packed_lookup_agrees_with_the_word_map() {
        let lex = Lexicon::new();
        for (w, &f) in &lex.words {
            assert_eq!(lex.flags_of(w), f);
            if let Ok(s) = std::str::from_utf8(w) {
                assert_eq!(lex.flags_of_word(&s.to_ascii_uppercase(), &mut [0; 40]), f);
            }
        }
        assert_eq!(lex.flags_of(b"qqqzzzxx"), 0);
        // a near miss (a word with its last letter changed) finds only a word of its own:
        // the hash bytes in front of the slots stop no word and let no other one through
        for w in lex.words.keys() {
            let mut near = w.to_vec();
            if let Some(last) = near.last_mut() {
                *last = if *last == b'q' { b'z' } else { b'q' };
            }
            let own = lex.words.get(near.as_slice()).copied().unwrap_or(0);
            assert_eq!(lex.flags_of(&near), own);
        }
        assert_eq!(lex.flags_of(b""), 0);
    }

    #[test]
    fn words_carry_their_classes() {
        let lex = Lexicon::new();
        assert!(lex.flags("the") & DET != 0);
        assert!(lex.flags("mr") & TITLE != 0);
        assert!(lex.flags("he") & PRON_M != 0);
        let mut buf = [0u8; 40];
        assert_eq!(fold("Didn\u{2019}t", &mut buf), Some(&b"didn't"[..]));
        assert!(lex.flags("executives") & SOURCE != 0);
        assert!(lex.flags("organizations") & SOURCE != 0);
        assert_eq!(plural("spokeswoman"), "spokeswomen");
        assert_eq!(plural("city"), "cities");
        assert!(ly_adverb("gingerly") && ly_adverb("increasingly"));
        assert!(!ly_adverb("family") && !ly_adverb("reply") && !ly_adverb("likely"));
    }

    #[test]
    fn words_compare_in_lower_case_without_a_string_of_their_own() {
        let long = "Pneumonoultramicroscopicsilicovolcanoconiosis";
        let cases = [
            ("lower case already", "familiar", "familiar"),
            ("capitalised", "Hours", "hours"),
            ("capitals", "HIS", "his"),
            ("non-ASCII kept", "\u{c9}T\u{c9}", "\u{c9}t\u{c9}"),
            ("empty", "", ""),
            ("longer than the buffer: as written", long, long),
        ];
        for (name, word, want) in cases {
            assert_eq!(ascii_lower(word, &mut [0; 32]), want, "{name}");
        }
        // (the buffer holds words of up to 32 bytes)
        let w32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF";
        assert_eq!(ascii_lower(w32, &mut [0; 32]), w32.to_ascii_lowercase());
    }
}
