//! Speaker phrases and reported clauses with something between their parts (issue 9): an
//! appositive or relative clause between a name and its verb, a prepositional phrase between
//! a clause's subject and its verb. Invented sentences, one named case per mechanism.

use super::*;

#[test]
fn appositive_chains_reach_the_name() {
    check(&[
        Case {
            name: "an -ing word inside the appositive modifies a noun",
            text: "Nina Lowe, a creative writing instructor, said the campus library is \u{201C}the heart of the town.\u{201D}",
            expect: &[q_any("the campus library is \u{201C}the heart of the town.\u{201D}", "Nina Lowe")],
            absent: &[],
        },
        Case {
            name: "a bare verb form used as a noun inside the appositive",
            text: "Omar Price, who served as secretary of state for a decade, said the treaty was signed in haste.",
            expect: &[q("the treaty was signed in haste", Indirect, "Omar Price")],
            absent: &[],
        },
        Case {
            name: "a reporting verb inside a relative clause does not end the phrase",
            text: "Ruth Adler, an economist who advised the province on its budget, said the deficit will shrink next year.",
            expect: &[q("the deficit will shrink next year", Indirect, "Ruth Adler")],
            absent: &[],
        },
        Case {
            name: "a day opening the sentence is no place before the name",
            text: "On Tuesday, Ana Lind, the president of the Regional Council, which speaks for the mayors, urged the province \u{201C}to clarify its plans as soon as possible.\u{201D}",
            expect: &[q_any("to clarify its plans as soon as possible.", "Ana Lind")],
            absent: &[],
        },
        Case {
            name: "a participle phrase set off between the name and its verb",
            text: "But Sen. Ivo Marsh (D-Ore.), noting the size of the crowd, said, \u{201C}Let me tell you, this movement is real.\u{201D}",
            expect: &[q("Let me tell you, this movement is real.", Direct, "Ivo Marsh")],
            absent: &[],
        },
        Case {
            name: "a party tag before the appositive",
            text: "Rep. Dale Monroe (D-Ore.), chair of the rules panel, said that the vote was \u{201C}long overdue.\u{201D}",
            expect: &[q_any("the vote was \u{201C}long overdue.\u{201D}", "Dale Monroe")],
            absent: &[],
        },
        Case {
            name: "a party tag before a relative clause",
            text: "Sen. Ada Quill (R-Idaho), who backs the bill, said the farm lobby has come around.",
            expect: &[q("the farm lobby has come around", Indirect, "Ada Quill")],
            absent: &[],
        },
    ]);
}

#[test]
fn reported_clauses_open_past_a_phrase() {
    check(&[
        Case {
            name: "a bare noun with an of-phrase is the clause's subject",
            text: "Mayor Ilse Brandt says parts of the transit plan are \u{201C}up for discussion,\u{201D} but not the fare freeze.",
            expect: &[q_any("parts of the transit plan are \u{201C}up for discussion,\u{201D} but not the fare freeze", "Ilse Brandt")],
            absent: &[],
        },
        Case {
            name: "a bare noun with an in-phrase is the clause's subject",
            text: "Paul Regan said farmers in the valley have lost half their crop.",
            expect: &[q("farmers in the valley have lost half their crop", Indirect, "Paul Regan")],
            absent: &[],
        },
        Case {
            name: "an object with a phrase is no clause",
            text: "The airline announced plans for a new route to Lisbon.",
            expect: &[],
            absent: &["plans for a new route to Lisbon"],
        },
        Case {
            name: "a conditional clause opens the report",
            text: "Hana Cole said if the strike goes on, the port would lose \u{201C}millions a day.\u{201D}",
            expect: &[q_any("if the strike goes on, the port would lose \u{201C}millions a day.\u{201D}", "Hana Cole")],
            absent: &[],
        },
        Case {
            name: "a colon before another report ends the clause",
            text: "Chef Dora Green spoke about her youth. She says she did not come from much of a cooking family: she notes that her mom used the oven as extra storage space.",
            expect: &[
                q("she did not come from much of a cooking family", Indirect, "Dora Green"),
                q("her mom used the oven as extra storage space", Indirect, "Dora Green"),
            ],
            absent: &[],
        },
        Case {
            name: "a concession opens the report",
            text: "Lawyer Ana Ruiz said while most sponsored families found work quickly, many others waited for years.",
            expect: &[q("while most sponsored families found work quickly, many others waited for years", Indirect, "Ana Ruiz")],
            absent: &[],
        },
        Case {
            name: "a clause after 'when' times the saying",
            text: "\u{201C}Too soon?\u{201D} Lou Grant tweeted when the mayor opened the debate with a joke.",
            expect: &[],
            absent: &["when the mayor opened the debate with a joke"],
        },
        Case {
            name: "a noun phrase running into a coordinated verb is no subject",
            text: "Rita Vance declares war on the weeds and will dig all weekend.",
            expect: &[],
            absent: &["war on the weeds and will dig all weekend"],
        },
        Case {
            name: "a participle after 'when' is no report",
            text: "The coach said when asked about the trade.",
            expect: &[],
            absent: &["when asked about the trade"],
        },
    ]);
}

#[test]
fn fragments_carry_their_predicate() {
    check(&[
        Case {
            name: "a stance verb's fragment runs to the end of its clause",
            text: "Lia Moreno lamented a budget in which schools \u{201C}always come last\u{201D} because they have no lobby.",
            expect: &[q("a budget in which schools \u{201C}always come last\u{201D} because they have no lobby", Mixed, "Lia Moreno")],
            absent: &[],
        },
        Case {
            name: "a naming verb's object, fragment and reason go together",
            text: "Tariq Hale calls the new port \u{201C}a white elephant\u{201D} because few ships ever dock there.",
            expect: &[q("the new port \u{201C}a white elephant\u{201D} because few ships ever dock there", Mixed, "Tariq Hale")],
            absent: &[],
        },
        Case {
            name: "a promise's infinitive keeps its other verbs",
            text: "Governor Elsa Novak is promising to \u{201C}fix the roads\u{201D} in every county, cut fees and hire more nurses.",
            expect: &[q_any("to \u{201C}fix the roads\u{201D} in every county, cut fees and hire more nurses", "Elsa Novak")],
            absent: &[],
        },
        Case {
            name: "a demonstrative right after a judging verb opens its object",
            text: "Campaign chief Jeff Lowe spoke on Monday. Lowe dismissed that rumour as a sign of a rival campaign in \u{201C}disarray.\u{201D}",
            expect: &[q("that rumour as a sign of a rival campaign in \u{201C}disarray.\u{201D}", Mixed, "Jeff Lowe")],
            absent: &[],
        },
        Case {
            name: "a time after the fragment adds nothing",
            text: "Cora Banks called the ruling \u{201C}a disgrace\u{201D} on Monday.",
            expect: &[q("the ruling \u{201C}a disgrace\u{201D}", Mixed, "Cora Banks")],
            absent: &[],
        },
        Case {
            name: "a reporting verb coordinated after a clause reports a clause of its own",
            text: "Premier Ana Ruiz said Monday that she will \u{201C}try to form a stable government\u{201D} and insisted that her party was \u{201C}still the top force in the province.\u{201D}",
            expect: &[
                q("she will \u{201C}try to form a stable government\u{201D}", Mixed, "Ana Ruiz"),
                q("her party was \u{201C}still the top force in the province.\u{201D}", Mixed, "Ana Ruiz"),
            ],
            absent: &[],
        },
        Case {
            name: "a report coordinated after the fragment is its own",
            text: "Cora Banks called the ruling \u{201C}a disgrace\u{201D} and said the court had erred badly.",
            expect: &[
                q("the ruling \u{201C}a disgrace\u{201D}", Mixed, "Cora Banks"),
                q("the court had erred badly", Indirect, "Cora Banks"),
            ],
            absent: &[],
        },
        Case {
            name: "a quoted title is not extended, and the clause after it is reported",
            text: "Rex Dunn said on \u{201C}Morning Desk\u{201D} that the league would expand next year.",
            expect: &[q("the league would expand next year", Indirect, "Rex Dunn")],
            absent: &["\u{201C}Morning Desk\u{201D} that the league would expand next year"],
        },
    ]);
}

#[test]
fn a_subjects_own_predicate_carries_its_fragment() {
    check(&[
        Case {
            name: "a noun spelled like a reporting verb is no report",
            text: "Senator Ida Brook spoke on Monday. Brook pushed her promise of \u{201C}cheaper rent\u{201D} for young families in the city.",
            expect: &[q_any("\u{201C}cheaper rent\u{201D} for young families in the city", "Ida Brook")],
            absent: &[],
        },
        Case {
            name: "a progressive verb with its complement clause",
            text: "Senator Ida Brook spoke on Monday. Brook is questioning whether the board would have approved the loan \u{201C}if anyone had read it.\u{201D}",
            expect: &[q_any("if anyone had read it.", "Ida Brook")],
            absent: &[],
        },
        Case {
            name: "a verb's that-clause holding the fragment",
            text: "Senator Ida Brook spoke on Monday. Brook worried that the grant was becoming \u{201C}a gift to the landlords.\u{201D}",
            expect: &[q_any("a gift to the landlords.", "Ida Brook")],
            absent: &[],
        },
        Case {
            name: "a relative clause inside the predicate still blocks",
            text: "Senator Ida Brook spoke on Monday. Brook met a farmer who called the drought \u{201C}the worst in memory.\u{201D}",
            expect: &[],
            absent: &["the worst in memory."],
        },
    ]);
}

#[test]
fn names_shed_the_words_describing_them() {
    check(&[
        Case {
            name: "a hyphenated description before the name",
            text: "Emmy-winner Clara Voss joined the rally. \u{201C}We are here to stay,\u{201D} Voss told the crowd.",
            expect: &[q("We are here to stay,", Direct, "Clara Voss")],
            absent: &[],
        },
        Case {
            name: "an occupation opening the sentence before a given name",
            text: "Novelist Helen Marsh signed the letter. \u{201C}Books are not dangerous,\u{201D} Marsh said.",
            expect: &[q("Books are not dangerous,", Direct, "Helen Marsh")],
            absent: &[],
        },
        Case {
            name: "a given name and a middle name stay",
            text: "Peter Walker Dunn spoke first. \u{201C}The bridge is safe,\u{201D} Dunn said.",
            expect: &[q("The bridge is safe,", Direct, "Peter Walker Dunn")],
            absent: &[],
        },
        Case {
            name: "an abbreviated title before the name",
            text: "Former AG Victor Lamb testified on Monday. \u{201C}The memo was never sent,\u{201D} Lamb said.",
            expect: &[q("The memo was never sent,", Direct, "Victor Lamb")],
            absent: &[],
        },
    ]);
}

#[test]
fn a_time_clause_after_the_verb_keeps_the_attribution() {
    check(&[Case {
        name: "a clause after an exclaimed quote's attribution",
        text:
            "\u{201C}The county votes yes!\u{201D} Senator Hal Brandt said as he cast the ballots.",
        expect: &[q("The county votes yes!", Direct, "Hal Brandt")],
        absent: &[],
    }]);
}

#[test]
fn a_reply_with_back_attributes_its_quote() {
    check(&[
        Case {
            name: "shot back before the quote",
            text: "After Governor Lou Park criticized the plan, Mayor Ana Reyes shot back, \u{201C}I suppose we could have done nothing at all.\u{201D}",
            expect: &[q("I suppose we could have done nothing at all.", Direct, "Ana Reyes")],
            absent: &[],
        },
        Case {
            name: "shot back after the quote, with a manner phrase",
            text: "Dan Roe spoke first. \u{201C}They want free stuff,\u{201D} Bennett Hale shot back with a laugh.",
            expect: &[q("They want free stuff,", Direct, "Bennett Hale")],
            absent: &[],
        },
        Case {
            name: "fired back with an adverb and a colon",
            text: "Governor Ed Lutz doubted the suit would succeed. Senator Rita Moss fired back forcefully: \u{201C}If they sue us, they will lose.\u{201D}",
            expect: &[q("If they sue us, they will lose.", Direct, "Rita Moss")],
            absent: &[],
        },
    ]);
}

#[test]
fn a_with_phrase_gives_the_participle_its_subject() {
    check(&[
        Case {
            name: "with a name tweeting, then asking",
            text: "Republicans were quick to react, with Governor Tom Hart tweeting that it was a \u{201C}disaster\u{201D} for the city and asking, \u{201C}How can someone with such bad judgement lead us?\u{201D}",
            expect: &[
                q("it was a \u{201C}disaster\u{201D} for the city", Mixed, "Tom Hart"),
                q("How can someone with such bad judgement lead us?", Direct, "Tom Hart"),
            ],
            absent: &[],
        },
        Case {
            name: "with a name and an adverb before the participle",
            text: "At a fair in Exeter, Maine, on Saturday, part of the crowd jeered a heckler, with Senator Rob Lane reportedly shouting: \u{201C}Show him the door!\u{201D}",
            expect: &[q("Show him the door!", Direct, "Rob Lane")],
            absent: &[],
        },
    ]);
}

#[test]
fn nouns_spelled_like_reporting_verbs() {
    check(&[
        Case {
            name: "an opening phrase's plural noun is no verb",
            text: "In somber comments, Governor Ray Tull called the shooting \u{201C}an attack on our city,\u{201D} but he also noted the \u{201C}senseless, tragic deaths\u{201D} of two men.",
            expect: &[
                q("the shooting \u{201C}an attack on our city,\u{201D}", Mixed, "Ray Tull"),
                q("the \u{201C}senseless, tragic deaths\u{201D} of two men", Mixed, "Ray Tull"),
            ],
            absent: &[],
        },
        Case {
            name: "a body after an article is the subject of its verb",
            text: "The council warns that property taxes will rise by four per cent next year.",
            expect: &[q("property taxes will rise by four per cent next year", Indirect, "council")],
            absent: &[],
        },
    ]);
}

#[test]
fn a_relative_named_by_a_given_name() {
    check(&[Case {
        name: "a given name set off after a relation speaks, and is the relation later",
        text: "The firm confirmed that the man killed was Owen Pratt, its founder.\n\nPratt's mother, Edith, says her son loved his work in Nairobi.\n\nHis mother said he planned to come home in June.",
        expect: &[
            q("her son loved his work in Nairobi", Indirect, "Edith"),
            q("he planned to come home in June", Indirect, "Edith"),
        ],
        absent: &[],
    }]);
}

#[test]
fn a_verb_before_a_group_is_not_its_modifier() {
    check(&[Case {
        name: "heard people say",
        text: "Gita Rao arrived in 2016. I had heard people say, \u{201C}Life is easy here.\u{201D} It was not.",
        expect: &[q_any("Life is easy here.", "people")],
        absent: &[],
    }]);
}

#[test]
fn a_document_named_again_keeps_its_author() {
    check(&[
        Case {
            name: "the study of a named body",
            text: "Farming is still a good first job. According to the Harvest Fund study, the sector hires more teens than any other. In 2017, farms employed 12,000 teens, according to the study.",
            expect: &[q_any("In 2017, farms employed 12,000 teens", "Harvest Fund")],
            absent: &[],
        },
        Case {
            name: "a post by a named person",
            text: "The scam changed again, according to a post by Mira Patel of Lumen Labs. According to the post, the senders now demand gift cards.",
            expect: &[q_any("the senders now demand gift cards", "Mira Patel of Lumen Labs")],
            absent: &[],
        },
    ]);
}

#[test]
fn an_owners_speech_noun_names_their_words() {
    check(&[
        Case {
            name: "a slogan opening the sentence with a possessive name",
            text: "Senator Hilda Marsh spoke on Monday. Marsh\u{2019}s campaign slogan is \u{201C}We can do this.\u{201D} But now she wants more.",
            expect: &[q_any("We can do this.", "Hilda Marsh")],
            absent: &[],
        },
        Case {
            name: "a quote between the possessive and its noun",
            text: "Mayor Ken Ruiz spoke at the depot. Riders still feel the pull of Ruiz\u{2019}s \u{201C}if you like your bus, you can keep it\u{201D} promise.",
            expect: &[q_any("if you like your bus, you can keep it", "Ken Ruiz")],
            absent: &[],
        },
        Case {
            name: "a catchphrase with a that-clause",
            text: "Mayor Ken Ruiz spoke at the depot. Ruiz\u{2019}s catchphrase in that race was that his rival \u{201C}would say anything to win.\u{201D}",
            expect: &[q_any("would say anything to win.", "Ken Ruiz")],
            absent: &[],
        },
    ]);
}

#[test]
fn places_in_a_chain_are_not_speakers() {
    check(&[
        Case {
            name: "the state of an opener's place",
            text: "Speaking at a town hall in Bristol, Maine, Governor Ted Marsh went after his rival, calling him \u{201C}a tired old hand.\u{201D}",
            expect: &[q_any("a tired old hand.", "Ted Marsh")],
            absent: &[],
        },
        Case {
            name: "the state closing a hometown before the verb",
            text: "Lena Ortiz of Exeter, Maine says she expects the plant to reopen in spring.",
            expect: &[q("she expects the plant to reopen in spring", Indirect, "Lena Ortiz of Exeter")],
            absent: &[],
        },
    ]);
}

#[test]
fn a_closing_attribution_with_a_long_appositive() {
    check(&[Case {
        name: "the clause before '…, said X, a professor in …' ",
        text: "The transit plan may be \u{201C}strategic,\u{201D} said Nora Quill, an assistant professor in the school of urban planning at Lakeside State University.",
        expect: &[q_any("The transit plan may be \u{201C}strategic,\u{201D}", "Nora Quill")],
        absent: &[],
    }]);
}

#[test]
fn short_quotes_a_verb_introduces_are_speech() {
    check(&[
        Case {
            name: "a one-word answer after 'said,'",
            text: "Asked whether he would fire the writer, Mayor Bo Hale said, \u{201C}Probably.\u{201D}",
            expect: &[q_any("Probably.", "Bo Hale")],
            absent: &["Asked whether he would fire the writer"],
        },
        Case {
            name: "a capitalized two-word quote before a time clause",
            text: "Senator Bo Hale had previously said, \u{201C}We\u{2019}ll see,\u{201D} when asked whether he would help.",
            expect: &[q_any("We\u{2019}ll see,", "Bo Hale")],
            absent: &[],
        },
        Case {
            name: "a question after 'asked,'",
            text: "Co-anchor Norah Dell, who was off-screen, then loudly asked, \u{201C}Really?\u{201D}",
            expect: &[q_any("Really?", "Norah Dell")],
            absent: &[],
        },
    ]);
}

#[test]
fn an_unclosed_appositive_leaves_the_name_speaking() {
    check(&[Case {
        name: "a role and its body after the name, with no closing comma",
        text: "Ana Toms, president and CEO of Harbour Credit Union stated, \u{201C}It is not a political problem; it is a math problem.\u{201D}",
        expect: &[q("It is not a political problem; it is a math problem.", Direct, "Ana Toms")],
        absent: &[],
    }]);
}

#[test]
fn an_opening_phrase_set_off_by_dashes() {
    check(&[Case {
        name: "the subject after a participle phrase and a dashed aside",
        text: "Hastily politicizing the tragedy \u{2015} much like he did after the floods last year \u{2015} Governor Ted Marsh cast the blame on his rivals and emphasized the threat that \u{201C}reckless spending\u{201D} poses to the province.",
        expect: &[q_any("the threat that \u{201C}reckless spending\u{201D} poses to the province", "Ted Marsh")],
        absent: &[],
    }]);
}

#[test]
fn nouns_and_objects_are_not_reports() {
    check(&[
        Case {
            name: "a plural noun after a number and a modifier",
            text: "The games draw 3,000 athletes from more than 50 member states that share French as a common language.",
            expect: &[],
            absent: &["that share French as a common language", "share French as a common language"],
        },
        Case {
            name: "a closing verb with an object reports the object",
            text: "The union started a campaign last year. Every time only one ambulance is free in a zone, they tweet it out.",
            expect: &[],
            absent: &["Every time only one ambulance is free in a zone"],
        },
    ]);
}

#[test]
fn questions_and_times_around_the_verb() {
    check(&[
        Case {
            name: "a question asked of someone reports its clause",
            text: "During the town hall, host Ray Bell asked the governor if she would veto \u{201C}every single tax hike.\u{201D}",
            expect: &[q_any("if she would veto \u{201C}every single tax hike.\u{201D}", "Ray Bell")],
            absent: &[],
        },
        Case {
            name: "asking about something reports no clause",
            text: "Mayor Ada Kerr asked the minister about the budget before the vote.",
            expect: &[],
            absent: &["the minister about the budget before the vote", "about the budget before the vote"],
        },
        Case {
            name: "a phrase about the occasion between the name and the verb",
            text: "Mayor Ted Lund spoke on Monday. Lund in his opening speech called the new rules \u{201C}a disaster.\u{201D}",
            expect: &[q_any("the new rules \u{201C}a disaster.\u{201D}", "Ted Lund")],
            absent: &[],
        },
        Case {
            name: "'at the time' between the name and the verb",
            text: "Mayor Tom Hale spoke on Monday. Hale at the time said he had asked his \u{201C}people\u{201D} to \u{201C}look into\u{201D} paying the fees.",
            expect: &[q_any("he had asked his \u{201C}people\u{201D} to \u{201C}look into\u{201D} paying the fees", "Tom Hale")],
            absent: &[],
        },
    ]);
}

#[test]
fn a_verb_opening_the_sentence_puts_its_speaker_after_it() {
    check(&[Case {
        name: "Said NAME, appositive, quote",
        text: "The small house was turned into a museum. Said Dora Pike, who grew up on the same street, \u{201C}We were all so proud of him.\u{201D}",
        expect: &[q("We were all so proud of him.", Direct, "Dora Pike")],
        absent: &[],
    }]);
}

#[test]
fn a_closing_attribution_before_a_participle() {
    check(&[
        Case {
            name: "the clause before 'X said Tuesday in Paris, noting …'",
            text: "The rival\u{2019}s \u{201C}excesses\u{201D} are sickening, Premier Jean Hollis said Tuesday in Paris, noting the rival \u{201C}makes you want to retch.\u{201D}",
            expect: &[
                q_any("The rival\u{2019}s \u{201C}excesses\u{201D} are sickening", "Jean Hollis"),
                q_any("the rival \u{201C}makes you want to retch.\u{201D}", "Jean Hollis"),
            ],
            absent: &[],
        },
        Case {
            name: "an inverted manner verb closing a quote",
            text: "\u{201C}It is about time we had a woman running this province,\u{201D} exhorted the candidate\u{2019}s introducer, actress Jamie Lund.",
            expect: &[q("It is about time we had a woman running this province,", Direct, "Jamie Lund")],
            absent: &[],
        },
    ]);
}

#[test]
fn a_counted_description_opening_the_sentence_speaks() {
    check(&[
        Case {
            name: "one attendee with a relative clause",
            text: "One attendee, who like others spoke on condition of anonymity, said the message was that \u{201C}this is not going to be over soon.\u{201D}",
            expect: &[q_any("the message was that \u{201C}this is not going to be over soon.\u{201D}", "One attendee")],
            absent: &[],
        },
        Case {
            name: "a count of time is no speaker",
            text: "Two weeks later, the plan was dropped without a vote.",
            expect: &[],
            absent: &["the plan was dropped without a vote"],
        },
    ]);
}
