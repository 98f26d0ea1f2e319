//! Golden searches over the seed articles: what each kind of question must find.

use crate::search::helpers::run;
use whosaid::corpus::Date;
use whosaid::extract::QuoteKind;
use whosaid::search::{search, SearchError, SearchRequest, SearchResults};

/// One golden search: a request and what its results must hold.
struct Case {
    name: &'static str,
    query: &'static str,
    speaker: Option<&'static str>,
    source: Option<&'static str>,
    kind: Option<QuoteKind>,
    since: Option<&'static str>,
    until: Option<&'static str>,
    /// (speaker, words of the quote) that must be among the first `top` hits.
    top: usize,
    expect: &'static [(&'static str, &'static str)],
    /// Every hit's speaker / article id / kind must be this.
    all_speaker: Option<&'static str>,
    all_article: Option<&'static str>,
    min_hits: usize,
}

const CASE: Case = Case {
    name: "",
    query: "",
    speaker: None,
    source: None,
    kind: None,
    since: None,
    until: None,
    top: 5,
    expect: &[],
    all_speaker: None,
    all_article: None,
    min_hits: 1,
};

const CASES: &[Case] = &[
    Case {
        name: "topic finds quotes that do not repeat the topic words",
        query: "Syria troops",
        top: 5,
        expect: &[
            ("Emmanuel Macron", "We persuaded him to remain."),
            ("Sarah Sanders", "come home as quickly as possible"),
        ],
        ..CASE
    },
    Case {
        name: "a speaker named in the query comes first: \"did Macron say he convinced Trump?\"",
        query: "Macron convinced Trump stay in Syria",
        top: 3,
        expect: &[
            ("Emmanuel Macron", "We persuaded him to remain."),
            ("Emmanuel Macron", "we have convinced him"),
        ],
        ..CASE
    },
    Case {
        name: "a surname in lower case names the speaker",
        query: "coveney accountability",
        top: 2,
        expect: &[("Simon Coveney", "full legal accountability")],
        ..CASE
    },
    Case {
        name: "topic: chemical attack",
        query: "chemical attack",
        top: 3,
        expect: &[("Simon Coveney", "that chemical attack")],
        ..CASE
    },
    Case {
        name: "topic: caliphate",
        query: "caliphate",
        top: 1,
        expect: &[("Donald Trump", "100 percent of the caliphate")],
        ..CASE
    },
    Case {
        name: "stemming: withdrawing finds withdraw",
        query: "withdrawing",
        top: 3,
        expect: &[("Emmanuel Macron", "to withdraw from Syria")],
        ..CASE
    },
    Case {
        name: "phrase in quote marks",
        query: "\"strong and lasting footprint\"",
        top: 1,
        expect: &[("Donald Trump", "strong and lasting footprint")],
        ..CASE
    },
    Case {
        name: "curly quote marks make a phrase too",
        query: "\u{201C}crush ISIS\u{201D}",
        top: 1,
        expect: &[("Sarah Sanders", "completely crush ISIS")],
        ..CASE
    },
    Case {
        name: "speaker by surname",
        speaker: Some("Macron"),
        top: 10,
        expect: &[("Emmanuel Macron", "we have convinced him")],
        all_speaker: Some("Emmanuel Macron"),
        min_hits: 4,
        ..CASE
    },
    Case {
        name: "speaker with title",
        speaker: Some("Mr Macron"),
        top: 10,
        expect: &[("Emmanuel Macron", "We persuaded him to remain.")],
        all_speaker: Some("Emmanuel Macron"),
        min_hits: 4,
        ..CASE
    },
    Case {
        name: "speaker in lower case",
        speaker: Some("emmanuel macron"),
        all_speaker: Some("Emmanuel Macron"),
        min_hits: 4,
        ..CASE
    },
    Case {
        name: "speaker by the description the articles give",
        speaker: Some("the French leader"),
        all_speaker: Some("Emmanuel Macron"),
        min_hits: 4,
        ..CASE
    },
    Case {
        name: "speaker with a typo",
        query: "fortitude",
        speaker: Some("Macrone"),
        top: 1,
        expect: &[("Emmanuel Macron", "History is calling us.")],
        all_speaker: Some("Emmanuel Macron"),
        ..CASE
    },
    Case {
        name: "speaker by an alias from the knowledge file",
        speaker: Some("Assad"),
        all_speaker: Some("Bashar al-Assad"),
        ..CASE
    },
    Case {
        name: "topic and speaker",
        query: "ISIS",
        speaker: Some("Sanders"),
        top: 1,
        expect: &[("Sarah Sanders", "crush ISIS")],
        all_speaker: Some("Sarah Sanders"),
        ..CASE
    },
    Case {
        name: "source by article id",
        query: "troops",
        source: Some("002_4f2d630725e56182"),
        all_article: Some("002_4f2d630725e56182"),
        ..CASE
    },
    Case {
        name: "source by outlet, any case",
        query: "Syria",
        source: Some("cgtn"),
        all_article: Some("002_4f2d630725e56182"),
        ..CASE
    },
    Case {
        name: "since a date",
        query: "Trump",
        since: Some("2019-01-01"),
        all_article: Some("002_4f2d630725e56182"),
        ..CASE
    },
    Case {
        name: "until a date",
        query: "Trump",
        until: Some("2018-04-20"),
        all_article: Some("000_36f1dbe5610932b2"),
        ..CASE
    },
    Case {
        name: "date range holding one day",
        query: "home",
        since: Some("2018-04-24"),
        until: Some("2018-04-24"),
        all_article: Some("001_f5eafe687d50122b"),
        ..CASE
    },
    Case {
        name: "words nobody said",
        query: "zanzibar xylophone",
        min_hits: 0,
        ..CASE
    },
];

fn request(c: &Case) -> SearchRequest {
    let mut req = SearchRequest::new(c.query);
    req.speaker = c.speaker.map(String::from);
    req.source = c.source.map(String::from);
    req.kind = c.kind;
    req.since = c.since.map(|d| d.parse::<Date>().unwrap());
    req.until = c.until.map(|d| d.parse::<Date>().unwrap());
    req.limit = 10;
    req
}

fn describe(r: &SearchResults) -> String {
    r.hits
        .iter()
        .map(|h| {
            format!(
                "  {}. {:?} [{}] {}",
                h.rank, h.record.quote.speaker, h.record.quote.kind, h.record.quote.text
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn golden_searches() {
    let mut failures = Vec::new();
    for c in CASES {
        let r = run(&request(c));
        let mut problems = Vec::new();
        if r.hits.len() < c.min_hits {
            problems.push(format!(
                "{} hits, wanted at least {}",
                r.hits.len(),
                c.min_hits
            ));
        }
        if c.min_hits == 0 && !r.hits.is_empty() {
            problems.push("wanted no hits".into());
        }
        for (speaker, words) in c.expect {
            let found = r.hits.iter().take(c.top).any(|h| {
                h.record.quote.speaker.as_deref() == Some(*speaker)
                    && h.record.quote.text.contains(words)
            });
            if !found {
                problems.push(format!("{speaker}: {words:?} not in the top {}", c.top));
            }
        }
        for h in &r.hits {
            if let Some(s) = c.all_speaker {
                if h.record.quote.speaker.as_deref() != Some(s) {
                    problems.push(format!("hit {} is by {:?}", h.rank, h.record.quote.speaker));
                }
            }
            if let Some(a) = c.all_article {
                if h.record.quote.article != a {
                    problems.push(format!("hit {} is from {}", h.rank, h.record.quote.article));
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n{}",
                c.name,
                problems.join("; "),
                describe(&r)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn kind_filter_keeps_one_kind() {
    for kind in QuoteKind::ALL {
        let mut req = SearchRequest::new("Syria Trump troops");
        req.kind = Some(kind);
        for h in run(&req).hits {
            assert_eq!(h.record.quote.kind, kind);
        }
    }
    let mut req = SearchRequest::new("Syria");
    req.kind = Some(QuoteKind::Direct);
    assert!(!run(&req).hits.is_empty());
}

#[test]
fn phrase_hits_hold_the_phrase() {
    let r = run(&SearchRequest::new("\"as quickly as possible\""));
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        assert!(
            h.record
                .quote
                .text
                .to_lowercase()
                .contains("as quickly as possible"),
            "{}",
            h.record.quote.text
        );
    }
}

#[test]
fn pages_continue_without_repeating() {
    let mut req = SearchRequest::new("Syria Trump");
    req.limit = 3;
    let first = run(&req);
    assert!(first.has_more);
    req.page = 2;
    let second = run(&req);
    assert_eq!(second.hits.first().map(|h| h.rank), Some(4));
    for h in &second.hits {
        assert!(
            !first
                .hits
                .iter()
                .any(|f| f.record.quote.start == h.record.quote.start
                    && f.record.quote.article == h.record.quote.article),
            "page 2 repeats {}",
            h.record.quote.text
        );
    }
    req.page = 1000;
    assert!(run(&req).hits.is_empty());
    req.page = 10_000;
    assert_eq!(
        search(crate::search::helpers::seeds(), &req).unwrap_err(),
        SearchError::BadPage
    );
}

#[test]
fn repeated_quotes_of_an_article_show_once() {
    let r = run(&SearchRequest::new("\"as quickly as possible\""));
    let mut seen = std::collections::HashSet::new();
    for h in &r.hits {
        assert!(
            seen.insert((
                h.record.quote.article.clone(),
                h.record.quote.text.to_lowercase()
            )),
            "{} twice",
            h.record.quote.text
        );
    }
}

#[test]
fn bad_requests_get_clear_errors() {
    let index = crate::search::helpers::seeds();
    let with = |f: &dyn Fn(&mut SearchRequest)| {
        let mut req = SearchRequest::new("Syria");
        f(&mut req);
        search(index, &req).unwrap_err()
    };
    match with(&|r| r.speaker = Some("Merkel".into())) {
        SearchError::UnknownSpeaker { name, .. } => assert_eq!(name, "Merkel"),
        e => panic!("{e:?}"),
    }
    let e = with(&|r| r.speaker = Some("Makronn".into()));
    assert!(e.to_string().contains("Emmanuel Macron"), "{e}");
    assert!(matches!(
        with(&|r| r.source = Some("BBC".into())),
        SearchError::UnknownSource(_)
    ));
    assert!(matches!(
        with(&|r| {
            r.since = Date::parse("2019-01-01");
            r.until = Date::parse("2018-01-01");
        }),
        SearchError::EmptyDateRange { .. }
    ));
    assert_eq!(with(&|r| r.limit = 0), SearchError::BadLimit);
    assert_eq!(with(&|r| r.page = 0), SearchError::BadPage);
}

/// Text a user might type that a query parser would choke on.
pub const HOSTILE: &[&str] = &[
    "",
    "   ",
    "\"",
    "\"unbalanced quote",
    "Syria\" troops",
    "title:Syria",
    "quote:(troops OR Syria) AND -Trump^3",
    "[1 TO 5]",
    "{a TO b}",
    "troops~2",
    "Syr*",
    "a:b:c:",
    "\\",
    "((((((((((",
    "AND OR NOT",
    "+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /",
    "🙂🇫🇷 Syria 🚀",
    "\u{0}\u{7}\u{1b}[31mSyria\u{202e}",
    "Ｓｙｒｉａ",
    "Élysée Macrón",
    "'single quotes'",
];

#[test]
fn any_text_is_a_valid_query() {
    let long_words: String = (0..2000).map(|i| format!("w{i} ")).collect();
    let long_chars: String = "Syria ".repeat(2000);
    let mut inputs: Vec<String> = HOSTILE.iter().map(|s| s.to_string()).collect();
    inputs.push(long_words);
    inputs.push(long_chars[..10_000].to_string());
    for input in &inputs {
        let r = search(
            crate::search::helpers::seeds(),
            &SearchRequest::new(input.clone()),
        )
        .unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert!(r.hits.len() <= 10);
    }
    let fullwidth = run(&SearchRequest::new("Ｓｙｒｉａ"));
    let _ = fullwidth; // folding of full-width forms is not promised; it must only not fail
    let r = run(&SearchRequest::new("\"unbalanced quote Syria"));
    assert!(!r.hits.is_empty(), "an unclosed quote mark is plain text");
    let r = run(&SearchRequest::new("title:Syria"));
    assert!(!r.hits.is_empty(), "a colon is plain text");
}
