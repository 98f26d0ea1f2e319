//! Reporting verbs: the words that tie a quotation to its speaker.
//!
//! Every layout the extractor knows ("X said", "said X", "X told Y that …", "X labelled it
//! "…"") hangs on one of these verbs. Each lemma belongs to classes saying which layouts it
//! may head; all its inflected forms are generated here and merged into the [`Lexicon`].
//!
//! [`Lexicon`]: super::lexicon::Lexicon

/// Heads reported speech: "X said (that) CLAUSE", "CLAUSE, X said", and direct quotes.
pub const SAY: u64 = 1 << 32;
/// Takes the addressee before the clause: "X told reporters (that) …".
pub const OBJ: u64 = 1 << 33;
/// Only attributes a direct quote placed next to it: ""…?" she asked".
pub const TAIL: u64 = 1 << 34;
/// Attributes a quoted fragment in its sentence: "X labelled the plan "insane"".
pub const FRAG: u64 = 1 << 35;
/// Takes an addressee and an infinitive: "X urged Y to …".
pub const TO: u64 = 1 << 36;
/// The `-ing` form ("saying"): its subject is the clause's subject.
pub const ING: u64 = 1 << 37;
/// The `-ed` / past participle form, which may be passive ("was told").
pub const PAST: u64 = 1 << 38;
/// The bare form ("did say", "say").
pub const BASE: u64 = 1 << 39;
/// "according" (to X).
pub const ACCORDING: u64 = 1 << 40;

/// Any flag that lets a word attribute something.
pub const ANY: u64 = SAY | TAIL | FRAG;

/// Verbs that report a reply only with "back": "Roe shot back, “…”", "“…,” Roe fired back".
const RETORTS: &[&str] = &[
    "shot", "shoots", "shoot", "fired", "fires", "fire", "hit", "hits", "struck", "strikes",
];

/// Does "back" after `verb` (as written, in lower case) make a reply ("shot back", "fired
/// back", "hit back"), attributing a quote next to it the way "retorted" does?
pub fn retorts(verb: &str) -> bool {
    RETORTS.contains(&verb)
}

const SAY_VERBS: &str = "say tell add warn argue claim note explain insist write tweet state suggest confirm announce report acknowledge admit concede reply respond recall allege maintain conclude complain indicate predict observe contend stress emphasize emphasise assert declare estimate testify agree caution reveal disclose hint joke quip counter retort boast lament comment posit reason recount remark repeat reiterate speculate muse assure remind advise promise pledge vow signal acknowledge concur clarify charge grouse gripe proclaim brag tout";
const OBJ_VERBS: &str =
    "tell assure remind advise warn caution convince persuade notify promise urge ask";
const TAIL_VERBS: &str = "exhort ask continue laugh shout chant read wonder scream yell exclaim cry sigh smile whisper plead demand interject begin add say tell write tweet explain note echo bark beam boom snap deadpan opine chime scoff gush marvel fume groan thunder sneer grumble mutter murmur reflect rave tease chide scold growl snarl";
const FRAG_VERBS: &str = "call label describe dub accuse brand term praise slam criticize criticise dismiss condemn blast decry order demand urge pledge vow promise hail characterize characterise deride mock describe refer dub nickname bemoan herald portray denounce defend welcome cite tout";
/// Requests: "X urged Y to …" (see `reported::requests`). Commitments ("vowed to …") and
/// commands ("ordered troops to …") are acts more often than reported words, so not here.
const TO_VERBS: &str = "urge ask call tell warn advise implore beg encourage exhort";

/// Irregular or consonant-doubling inflections: lemma, -s, -ed, -ing, past participle.
const IRREGULAR: &[(&str, &str, &str, &str, &str)] = &[
    ("say", "says", "said", "saying", "said"),
    ("tell", "tells", "told", "telling", "told"),
    ("write", "writes", "wrote", "writing", "written"),
    ("admit", "admits", "admitted", "admitting", "admitted"),
    ("quip", "quips", "quipped", "quipping", "quipped"),
    ("read", "reads", "read", "reading", "read"),
    ("begin", "begins", "began", "beginning", "begun"),
    ("cry", "cries", "cried", "crying", "cried"),
    ("reply", "replies", "replied", "replying", "replied"),
    (
        "testify",
        "testifies",
        "testified",
        "testifying",
        "testified",
    ),
    ("deny", "denies", "denied", "denying", "denied"),
    (
        "clarify",
        "clarifies",
        "clarified",
        "clarifying",
        "clarified",
    ),
    ("concur", "concurs", "concurred", "concurring", "concurred"),
    ("dub", "dubs", "dubbed", "dubbing", "dubbed"),
    ("label", "labels", "labelled", "labelling", "labelled"),
    ("signal", "signals", "signalled", "signalling", "signalled"),
    (
        "counter",
        "counters",
        "countered",
        "countering",
        "countered",
    ),
    ("refer", "refers", "referred", "referring", "referred"),
    ("echo", "echoes", "echoed", "echoing", "echoed"),
    ("brag", "brags", "bragged", "bragging", "bragged"),
    ("snap", "snaps", "snapped", "snapping", "snapped"),
    (
        "deadpan",
        "deadpans",
        "deadpanned",
        "deadpanning",
        "deadpanned",
    ),
    ("marvel", "marvels", "marvelled", "marvelling", "marvelled"),
];

fn regular(lemma: &str) -> [String; 4] {
    let (s, ed, ing) = if let Some(stem) = lemma.strip_suffix('e') {
        (
            format!("{lemma}s"),
            format!("{lemma}d"),
            format!("{stem}ing"),
        )
    } else if lemma.ends_with('y')
        && !lemma.ends_with("ay")
        && !lemma.ends_with("ey")
        && !lemma.ends_with("oy")
    {
        let stem = &lemma[..lemma.len() - 1];
        (
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{lemma}ing"),
        )
    } else if lemma.ends_with("sh") || lemma.ends_with("ss") || lemma.ends_with("ch") {
        (
            format!("{lemma}es"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        )
    } else {
        (
            format!("{lemma}s"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        )
    };
    [lemma.to_string(), s, ed, ing]
}

/// American spellings of the inflections `IRREGULAR` gives in British spelling.
const AMERICAN: &[(&str, &str, &str)] = &[
    ("label", "labeled", "labeling"),
    ("signal", "signaled", "signaling"),
    ("marvel", "marveled", "marveling"),
];

/// Every inflected form of every reporting verb, with its flags.
pub fn forms() -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let classes = [
        (SAY_VERBS, SAY),
        (OBJ_VERBS, OBJ),
        (TAIL_VERBS, TAIL),
        (FRAG_VERBS, FRAG),
        (TO_VERBS, TO),
    ];
    for (list, class) in classes {
        for lemma in list.split_whitespace() {
            let (base, s, ed, ing, pp) = match IRREGULAR.iter().find(|r| r.0 == lemma) {
                Some(r) => (
                    r.0.to_string(),
                    r.1.to_string(),
                    r.2.to_string(),
                    r.3.to_string(),
                    r.4.to_string(),
                ),
                None => {
                    let [b, s, ed, ing] = regular(lemma);
                    let pp = ed.clone();
                    (b, s, ed, ing, pp)
                }
            };
            out.push((base, class | BASE));
            out.push((s, class));
            out.push((ed, class | PAST));
            out.push((ing, class | ING));
            out.push((pp, class | PAST));
        }
    }
    for (lemma, ed, ing) in AMERICAN {
        let class = out
            .iter()
            .find(|(f, _)| f == lemma)
            .map_or(0, |(_, c)| c & !(BASE | PAST | ING));
        out.push((ed.to_string(), class | PAST));
        out.push((ing.to_string(), class | ING));
    }
    out.push(("according".to_string(), ACCORDING));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_are_generated() {
        let f = forms();
        let has = |w: &str, flag: u64| f.iter().any(|(x, g)| x == w && g & flag != 0);
        assert!(has("said", SAY));
        assert!(has("warns", SAY));
        assert!(has("urging", TO));
        assert!(has("labelled", FRAG));
        assert!(has("quipped", SAY));
        assert!(has("argues", SAY));
        assert!(has("tweeted", SAY));
        assert!(has("echoes", TAIL));
        assert!(has("labeling", FRAG) && has("labelled", FRAG));
        assert!(has("snapped", TAIL));
    }
}
