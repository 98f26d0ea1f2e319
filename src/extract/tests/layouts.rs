//! The layouts, reported speech, coreference and robustness cases the extractor was built on.

use super::*;

#[test]
fn marks() {
    check(&[
        Case {
            name: "straight double quotes",
            text: "\"We will build it,\" Jane Smith said.",
            expect: &[q("We will build it,", Direct, "Jane Smith")],
            absent: &[],
        },
        Case {
            name: "curly double quotes",
            text: "\u{201C}The budget is balanced,\u{201D} said Tom Reyes.",
            expect: &[q("The budget is balanced,", Direct, "Tom Reyes")],
            absent: &[],
        },
        Case {
            name: "single-quoted fragment",
            text: "Mayor Ann Lee said the city would act 'as quickly as possible' on the plan.",
            expect: &[q("as quickly as possible", Partial, "Ann Lee")],
            absent: &[],
        },
        Case {
            name: "apostrophes are not quote marks",
            text: "Trump's aides said it\u{2019}s rock 'n' roll from the '90s, and Jo\u{2019}s team agreed.",
            expect: &[],
            absent: &["n", "90s, and Jo", "s rock "],
        },
        Case {
            name: "guillemets",
            text: "\u{AB}We will win this fight,\u{BB} said Marie Roy.",
            expect: &[q("We will win this fight,", Direct, "Marie Roy")],
            absent: &[],
        },
        Case {
            name: "no-break spaces inside marks",
            text: "\u{AB}\u{A0}We agree with the ruling\u{A0}\u{BB}, said Paul Dubois.",
            expect: &[q("We agree with the ruling", Direct, "Paul Dubois")],
            absent: &[],
        },
        Case {
            name: "a quote running over paragraphs",
            text: "Sara Okafor said: \"The first part of the answer.\n\n\"The second part of the answer.\"\n\nThe meeting ended.",
            expect: &[
                q("The first part of the answer.", Direct, "Sara Okafor"),
                q("The second part of the answer.", Direct, "Sara Okafor"),
            ],
            absent: &[],
        },
        Case {
            name: "an unclosed mark stops at its paragraph",
            text: "\"This quote never closes, Ben Cho said.\n\nThe council then voted on the new plan for the harbour.",
            expect: &[span("This quote never closes, Ben Cho said.")],
            absent: &["The council then voted on the new plan for the harbour"],
        },
    ]);
}

#[test]
fn layouts() {
    check(&[
        Case {
            name: "X said: quote",
            text: "Maria Gomez said: \"We have the votes we need.\"",
            expect: &[q("We have the votes we need.", Direct, "Maria Gomez")],
            absent: &[],
        },
        Case {
            name: "quote, X said",
            text: "\"The road will reopen on Monday,\" Dan Walsh said.",
            expect: &[q("The road will reopen on Monday,", Direct, "Dan Walsh")],
            absent: &[],
        },
        Case {
            name: "quote, said X with a title",
            text: "\"It is a fair deal,\" said Finance Minister Laura Chen.",
            expect: &[q("It is a fair deal,", Direct, "Laura Chen")],
            absent: &[],
        },
        Case {
            name: "quote and a dash",
            text: "\"Never give up on the people you serve.\" \u{2014} Rosa Diaz",
            expect: &[q("Never give up on the people you serve.", Direct, "Rosa Diaz")],
            absent: &[],
        },
        Case {
            name: "X told Y quote",
            text: "Omar Haddad told reporters \"the strike is over for now.\"",
            expect: &[q_any("the strike is over for now.", "Omar Haddad")],
            absent: &[],
        },
        Case {
            name: "appositive between name and verb",
            text: "Lena Fischer, the foreign minister, said \"Our position has not changed.\"",
            expect: &[q("Our position has not changed.", Direct, "Lena Fischer")],
            absent: &[],
        },
        Case {
            name: "speaker in the next sentence",
            text: "\"We cannot wait another year.\" Hugo Silva said the province must act.",
            expect: &[q("We cannot wait another year.", Direct, "Hugo Silva")],
            absent: &[],
        },
        Case {
            name: "according to X",
            text: "According to the health ministry, the outbreak is slowing down.",
            expect: &[q("the outbreak is slowing down", Indirect, "health ministry")],
            absent: &[],
        },
        Case {
            name: "other reporting verbs",
            text: "\"Prices will rise,\" warned Ruth Adler. \"We saw it coming,\" Ken Ito added. \"It was a mistake,\" Ada Park insisted.",
            expect: &[
                q("Prices will rise,", Direct, "Ruth Adler"),
                q("We saw it coming,", Direct, "Ken Ito"),
                q("It was a mistake,", Direct, "Ada Park"),
            ],
            absent: &[],
        },
        Case {
            name: "participle taking the sentence's subject",
            text: "Press Secretary Nina Bell moved to clarify the policy, saying: \"The mission has not changed.\"",
            expect: &[q("The mission has not changed.", Direct, "Nina Bell")],
            absent: &[],
        },
        Case {
            name: "fragment labelled by a verb, with what it labels",
            text: "President Alan Ross again labelled the agreement \"insane.\"",
            expect: &[q("the agreement \"insane.\"", Mixed, "Alan Ross")],
            absent: &[],
        },
    ]);
}

#[test]
fn reported_speech() {
    check(&[
        Case {
            name: "X said that CLAUSE",
            text: "Carla Mendes said that the factory would close next spring.",
            expect: &[q("the factory would close next spring", Indirect, "Carla Mendes")],
            absent: &[],
        },
        Case {
            name: "X said CLAUSE without that",
            text: "Peter Novak said he would not run again.",
            expect: &[q("he would not run again", Indirect, "Peter Novak")],
            absent: &[],
        },
        Case {
            name: "X warned Y that CLAUSE",
            text: "General Tom Hale warned lawmakers that the group could return.",
            expect: &[q("the group could return", Indirect, "Tom Hale")],
            absent: &[],
        },
        Case {
            name: "X says CLAUSE in the present",
            text: "Dr. Amira Saleh says the new clinic is already full.",
            expect: &[q("the new clinic is already full", Indirect, "Amira Saleh")],
            absent: &[],
        },
        Case {
            name: "CLAUSE, X said",
            text: "The bridge will need a full inspection before it reopens, Joan Pratt said.",
            expect: &[q(
                "The bridge will need a full inspection before it reopens",
                Indirect,
                "Joan Pratt",
            )],
            absent: &[],
        },
        Case {
            name: "statement adverbials before the clause",
            text: "The agency said in a statement on Friday that its offices would stay open.",
            expect: &[q("its offices would stay open", Indirect, "agency")],
            absent: &[],
        },
        Case {
            name: "reported clause with a quoted fragment is mixed",
            text: "Judge Mark Olsen said the company had been \"playing games\" with its members.",
            expect: &[q(
                "the company had been \"playing games\" with its members",
                Mixed,
                "Mark Olsen",
            )],
            absent: &["playing games"],
        },
        Case {
            name: "a participle starts a new report",
            text: "Eva Lind argued that the vote was unfair, noting the board had not met in months.",
            expect: &[
                q("the vote was unfair", Indirect, "Eva Lind"),
                q("the board had not met in months", Indirect, "Eva Lind"),
            ],
            absent: &[],
        },
        Case {
            name: "a parenthetical attribution reports both sides",
            text: "The death toll rose to 40, officials said, as rescuers searched the coast for survivors.",
            expect: &[
                q("The death toll rose to 40", Indirect, "officials"),
                q("as rescuers searched the coast for survivors", Indirect, "officials"),
            ],
            absent: &[],
        },
        Case {
            name: "according to X in mid-sentence",
            text: "Many tenants, according to the housing survey, are afraid of losing their homes.",
            expect: &[q("are afraid of losing their homes", Indirect, "housing survey")],
            absent: &[],
        },
        Case {
            name: "an object is not a reported clause",
            text: "The director has written an original story for the final episode.",
            expect: &[],
            absent: &["an original story for the final episode"],
        },
        Case {
            name: "passive and infinitive forms do not report",
            text: "The players were told to rest. Officials declined to say when the park would reopen.",
            expect: &[],
            absent: &["to rest", "when the park would reopen"],
        },
        Case {
            name: "a noun that looks like a verb",
            text: "Lisa Moran, a state senator, visited the school on Monday.",
            expect: &[],
            absent: &["senator"],
        },
    ]);
}

/// Issue 2: "X urged Y to …" — requests report the infinitive clause.
#[test]
fn requests() {
    check(&[
        Case {
            name: "X urged Y to VERB",
            text: "Mayor Ana Ruiz urged residents to stay indoors until the storm passes.",
            expect: &[q(
                "to stay indoors until the storm passes",
                Indirect,
                "Ana Ruiz",
            )],
            absent: &[],
        },
        Case {
            name: "an addressee with a title and a name",
            text: "French President Paul Girard has urged his German counterpart Hans Weber to keep the border open.",
            expect: &[q("to keep the border open", Indirect, "Paul Girard")],
            absent: &[],
        },
        Case {
            name: "X called on Y to VERB",
            text: "The union called on the province to reopen the talks.",
            expect: &[q("to reopen the talks", Indirect, "union")],
            absent: &[],
        },
        Case {
            name: "X asked Y, an appositive, to VERB",
            text: "The board asked Lena Ortiz, a retired judge who led the 2015 inquiry, to review the contract.",
            expect: &[q("to review the contract", Indirect, "board")],
            absent: &[],
        },
        Case {
            name: "X warned Y not to VERB",
            text: "Police warned drivers not to use the coastal road.",
            expect: &[q("not to use the coastal road", Indirect, "Police")],
            absent: &[],
        },
        Case {
            name: "a pronoun speaker and a pronoun addressee",
            text: "Omar Haddad spoke after the vote. He asked them to accept the result.",
            expect: &[q("to accept the result", Indirect, "Omar Haddad")],
            absent: &[],
        },
        Case {
            name: "a quoted request is left to the quote",
            text: "The council urged the government \"to clarify its intentions as soon as possible.\"",
            expect: &[q(
                "to clarify its intentions as soon as possible.",
                Partial,
                "council",
            )],
            absent: &[],
        },
        Case {
            name: "called it names, not asks",
            text: "The senator called the plan a disaster to be avoided at all costs.",
            expect: &[],
            absent: &["to be avoided at all costs"],
        },
        Case {
            name: "a passive request has no speaker to report",
            text: "The players were asked to leave the field.",
            expect: &[],
            absent: &["to leave the field"],
        },
        Case {
            name: "a gerund is what is urged, not who",
            text: "Doctors urge leaving windows open to air the rooms.",
            expect: &[],
            absent: &["to air the rooms"],
        },
        Case {
            name: "a clause inside the addressee stops it",
            text: "It tells part of the story of how the team chose to rebuild.",
            expect: &[],
            absent: &["to rebuild"],
        },
        Case {
            name: "a preposition after the verb is not an addressee",
            text: "The mayor asked for more time to finish the report.",
            expect: &[],
            absent: &["to finish the report"],
        },
    ]);
}

#[test]
fn speakers_and_coreference() {
    check(&[
        Case {
            name: "pronoun resolves to the last subject of its gender",
            text: "Anna Berg met Paul Kroll on Monday. She said the talks went well.",
            expect: &[q("the talks went well", Indirect, "Anna Berg")],
            absent: &[],
        },
        Case {
            name: "gender learned from the article's pronouns",
            text: "Sam Rivera arrived late. He was tired.\n\nJo Kent waited. She was early, and her bus had left.\n\n\"It was a long day,\" he said.",
            expect: &[q("It was a long day,", Direct, "Sam Rivera")],
            absent: &[],
        },
        Case {
            name: "an acronym is a body, never he or she",
            text: "Dan Welsh had a long RCMP career before joining the security staff.\n\nWelsh peeked around and saw what he thought was a shotgun and dove to his left and fired. Welsh kept firing until his magazine was empty. RCMP officers fired as well.\n\nIn a 2015 address to students at a university in Halifax, he said he was still haunted by that morning.",
            expect: &[q("he was still haunted by that morning", Indirect, "Dan Welsh")],
            absent: &[],
        },
        Case {
            name: "the agency is the body last named",
            text: "The plan was released by the TTC on Monday.\n\nCouncillor Amy Ho criticized the plan.\n\nThe agency said the first trains would run in 2026.",
            expect: &[q("the first trains would run in 2026", Indirect, "TTC")],
            absent: &[],
        },
        Case {
            name: "the agency is not a person or a place named before it",
            text: "Councillor Amy Ho spoke in Halifax on Monday.\n\nThe agency said the first trains would run in 2026.",
            expect: &[q("the first trains would run in 2026", Indirect, "agency")],
            absent: &[],
        },
        Case {
            name: "a title mention resolves through the article's roles",
            text: "French President Emmanuel Macron met the press.\n\nThe French leader said: \"We persuaded them to stay.\"",
            expect: &[q("We persuaded them to stay.", Direct, "Emmanuel Macron")],
            absent: &[],
        },
        Case {
            name: "demonyms match across spellings",
            text: "US President Donald Trump spoke first.\n\nThe American President said: \"We are coming home.\"",
            expect: &[q("We are coming home.", Direct, "Donald Trump")],
            absent: &[],
        },
        Case {
            name: "organisations speak",
            text: "The White House said the plan was final.",
            expect: &[q("the plan was final", Indirect, "White House")],
            absent: &[],
        },
        Case {
            name: "groups speak",
            text: "Observers say the election was fair.",
            expect: &[q("the election was fair", Indirect, "Observers")],
            absent: &[],
        },
        Case {
            name: "floating quote continues the previous speaker",
            text: "\"We are ready,\" coach Dana White said.\n\n\"The team has worked hard all year.\"",
            expect: &[q("The team has worked hard all year.", Direct, "Dana White")],
            absent: &[],
        },
        Case {
            name: "an unresolved pronoun keeps the quote without a name",
            text: "\"Yes,\" she said.",
            expect: &[q("Yes,", Direct, "")],
            absent: &[],
        },
        Case {
            name: "second quote of a paragraph keeps the speaker",
            text: "\"It is done,\" said Lars Holm. \"Now we rest.\"",
            expect: &[q("Now we rest.", Direct, "Lars Holm")],
            absent: &[],
        },
        Case {
            name: "possessive is a different speaker",
            text: "Doug Evans is the mayor. Evans\u{2019}s staff said the numbers were wrong.",
            expect: &[q("the numbers were wrong", Indirect, "Evans\u{2019}s staff")],
            absent: &[],
        },
        Case {
            name: "the writer of a document speaks",
            text: "Minister Carla Stone cancelled the meetings.\n\n\"We have heard worrying stories,\" her statement read.",
            expect: &[q("We have heard worrying stories,", Direct, "Carla Stone")],
            absent: &[],
        },
        Case {
            name: "an anonymous source stays anonymous",
            text: "Ruth Mann will appeal. A justice official said most requests succeed.\n\n\"Most of those go through,\" the official said.",
            expect: &[q("Most of those go through,", Direct, "official")],
            absent: &[],
        },
        Case {
            name: "a role and then the name between commas",
            text: "The director of operations for the agency, Jeff Moore, says the system works.",
            expect: &[q("the system works", Indirect, "Jeff Moore")],
            absent: &[],
        },
        Case {
            name: "a definite description resolves to the person in focus",
            text: "Anna Vogel runs the lab.\n\n\"We test everything twice,\" the tall, soft-spoken chemist said.",
            expect: &[q("We test everything twice,", Direct, "Anna Vogel")],
            absent: &[],
        },
        Case {
            name: "the person before a prepositional phrase speaks",
            text: "Tim Grant with the Regional Health Authority says there are many reasons for delays.",
            expect: &[q("there are many reasons for delays", Indirect, "Tim Grant")],
            absent: &[],
        },
    ]);
}

#[test]
fn canonical_names() {
    check(&[
        Case {
            name: "surname and honorific map to the full name",
            text: "Karen Holt leads the union. Mrs Holt said the strike would end.\n\n\"We won,\" Holt said.",
            expect: &[
                q("the strike would end", Indirect, "Karen Holt"),
                q("We won,", Direct, "Karen Holt"),
            ],
            absent: &[],
        },
        Case {
            name: "titles are not part of the name",
            text: "\"We are listening,\" said U.S Secretary of State Mike Pompeo.",
            expect: &[q("We are listening,", Direct, "Mike Pompeo")],
            absent: &[],
        },
        Case {
            name: "a possessive in front is not part of the name",
            text: "\"That was not good enough,\" Toronto's Ian Moss said.",
            expect: &[q("That was not good enough,", Direct, "Ian Moss")],
            absent: &[],
        },
    ]);
}

#[test]
fn canonical_names_across_articles() {
    let ex = Extractor::default();
    let a = Article::from_text("a", "T\n\nJulia Novak said the port would reopen.");
    let b = Article::from_text("b", "T\n\n\"It is safe now,\" Novak said.");
    let quotes = ex.extract_all(&[a, b]);
    assert_eq!(quotes.len(), 2);
    assert!(quotes
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Julia Novak")));
}

#[test]
fn knowledge_resolves_roles() {
    let k = Knowledge::parse(
        "[[speaker]]\nname = \"Omar Farid\"\naliases = [\"Farid\"]\nroles = [\"Ruritanian leader\"]\n",
    )
    .unwrap_or_default();
    let ex = Extractor::new(k);
    let a = Article::from_text(
        "a",
        "T\n\nThe Ruritanian leader said the border would stay closed.",
    );
    let quotes = ex.extract(&a);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Omar Farid"));
}

/// Issue 11: the headline counts as ¶1 whether the text repeats it (a `.txt`) or the headline
/// comes apart from the text (a JSONL line), so a paragraph number means the same for both.
#[test]
fn paragraph_numbers_mean_the_same_for_txt_and_jsonl() {
    let body = "The council met on Monday.\n\n\u{201C}We will reopen the pool,\u{201D} said Mayor Ann Reyes.";
    let txt = Article::from_text("txt", format!("Pool to reopen\n\n{body}"));
    let mut jsonl = Article::from_text("jsonl", body);
    jsonl.title = "Pool to reopen".into();
    let mut untitled = Article::from_text("untitled", body);
    untitled.title = String::new();
    let ex = Extractor::default();
    let para = |a: &Article| ex.extract(a).first().map(|q| q.paragraph);
    assert_eq!(para(&txt), Some(2));
    assert_eq!(para(&jsonl), Some(2));
    // with no headline at all, the text's own paragraphs are all there is
    assert_eq!(para(&untitled), Some(1));
}

#[test]
fn quoted_headings_are_speech_only_when_quoted_again() {
    check(&[
        Case {
            name: "a heading in single marks that the prose never quotes is no quote",
            text: "\u{201C}We will rebuild,\u{201D} said Mayor Ana Ruiz.\n\n\u{2018}Nothing left to save\u{2019}\n\nThe flood reached the old mill on Sunday, and most of the street is gone.",
            expect: &[q("We will rebuild,", Direct, "Ana Ruiz")],
            absent: &["Nothing left to save"],
        },
        Case {
            name: "a heading the prose quotes again has the speaker it has there",
            text: "\u{2018}A campaign of lies\u{2019}\n\nSpeaking on Monday, the union leader Dale Ortiz accused the company of waging \u{201C}a campaign of lies\u{201D} against its workers.",
            expect: &[q_any("A campaign of lies", "Dale Ortiz")],
            absent: &[],
        },
    ]);
}

#[test]
fn a_name_set_off_before_a_colon_speaks() {
    check(&[
        Case {
            name: "a dash and a full name before the colon win over a verb in the heading",
            text: "Pollsters agree - Cara Bell: \u{201C}Keep calling voters as late as you can.\u{201D} [Ledger.]",
            expect: &[q_any("Keep calling voters as late as you can.", "Cara Bell")],
            absent: &[],
        },
        Case {
            name: "'More from' a surname after a dash",
            text: "Pollster Ida Jones wrote about the trend.\n\nWhat it means for this year - More from Jones: \u{201C}The state's partisanship is a starting point.\u{201D} [Ledger.]",
            expect: &[q_any("The state's partisanship is a starting point.", "Ida Jones")],
            absent: &[],
        },
    ]);
}

#[test]
fn a_verb_after_a_closing_quote_may_open_the_next_sentence() {
    check(&[Case {
        name: "'X says, “…”' after a quote ending a sentence",
        text: "Senator Ray Cole said Thursday that states can pass such laws because \u{201C}the rules are clear.\u{201D} Cole says, \u{201C}That is a perfectly reasonable decision for the people to make.\u{201D}",
        expect: &[
            q_any("states can pass such laws because \u{201C}the rules are clear.\u{201D}", "Ray Cole"),
            q("That is a perfectly reasonable decision for the people to make.", Direct, "Ray Cole"),
        ],
        absent: &[],
    }]);
}
