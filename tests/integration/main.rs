//! Integration tests, one binary: each module covers one face of the crate, with shared
//! helpers in [`helpers`].

mod cli;
mod corpus;
mod extract_gold;
mod extract_props;
mod helpers;
