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
