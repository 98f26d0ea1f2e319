//! The index schema and the text analysis shared by indexing and querying.

use std::collections::HashMap;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

/// Bumped whenever the schema or the meaning of a stored value changes; an index with another
/// version is rebuilt.
pub const SCHEMA_VERSION: u32 = 8;

/// Name of the English analyzer: words, lower case, accents folded, stemmed.
pub const ENGLISH: &str = "whosaid_en";

/// The English analyzer used for every searchable text field and for query words.
pub fn english_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

/// English stemming with a memory of the words already stemmed: news text repeats its words
/// (and the index repeats each paragraph and headline for every quote in it), and stemming
/// is the dearest step of analysis. Same output as tantivy's English [`Stemmer`].
#[derive(Clone, Copy)]
pub struct CachedStemmer;

/// Words remembered per analyzer before the memory is cleared.
const STEM_CACHE: usize = 50_000;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stemmer: TextAnalyzer::builder(WholeText)
                .filter(Stemmer::new(tantivy::tokenizer::Language::English))
                .build(),
            cache: HashMap::with_hasher(Fnv),
        }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stemmer: TextAnalyzer,
    cache: HashMap<String, String, Fnv>,
}

/// FNV-1a: fast on the short keys here (words), where the default hasher's setup dominates.
#[derive(Clone, Copy, Default)]
pub struct Fnv;

pub struct FnvHasher(u64);

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.cache.len() > STEM_CACHE {
            self.cache.clear();
        }
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
            cache: &mut self.cache,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: &'a mut TextAnalyzer,
    cache: &'a mut HashMap<String, String, Fnv>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let mut stream = self.stemmer.token_stream(&token.text);
        let stem = if stream.advance() {
            stream.token().text.clone()
        } else {
            token.text.clone()
        };
        drop(stream);
        let word = std::mem::replace(&mut token.text, stem.clone());
        self.cache.insert(word, stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A tokenizer that yields its whole input as one token.
#[derive(Clone, Copy)]
pub struct WholeText;

pub struct WholeTextStream {
    token: Token,
    done: bool,
}

impl Tokenizer for WholeText {
    type TokenStream<'a> = WholeTextStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WholeTextStream {
        WholeTextStream {
            token: Token {
                text: text.to_string(),
                offset_to: text.len(),
                ..Token::default()
            },
            done: false,
        }
    }
}

impl TokenStream for WholeTextStream {
    fn advance(&mut self) -> bool {
        let first = !self.done;
        self.done = true;
        first
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Words without stemming: lower case, accents folded. Used for names and phrase checks.
pub fn plain_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The collection field's value for the base collection: no collection name can be it.
pub const BASE_TERM: &str = "~base";

/// The collection field's value for `collection` (`None`: the base).
pub fn collection_term(collection: Option<&str>) -> &str {
    collection.unwrap_or(BASE_TERM)
}

/// The fields of a quote document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The quoted words (positions kept for phrase queries).
    pub quote: Field,
    /// The rest of the sentence holding the quote (the quote itself left out): the
    /// attribution and the reporter's words around it.
    pub sentence: Field,
    /// The rest of the paragraph holding the quote (its sentence left out). Each word of the
    /// paragraph is indexed once, in the innermost of quote, sentence and paragraph.
    pub paragraph: Field,
    /// The article's headline.
    pub headline: Field,
    /// The headline again, for the quotes it is written about (see [`crate::index::TOPIC_SALIENCE`]).
    pub topic: Field,
    /// The speaker's name, searchable as words.
    pub speaker_words: Field,
    /// The speaker's name key (see [`crate::index::name_key`]), for exact filtering.
    pub speaker: Field,
    /// The article id.
    pub article: Field,
    /// The quote's short stable id (see [`crate::extract::quote_id`]), for corrections.
    pub quote_id: Field,
    /// The collection of the quote's article ([`BASE_TERM`] for the base): every query is
    /// filtered to the collections its asker may see.
    pub collection: Field,
    /// The outlet, lower case.
    pub outlet: Field,
    /// The quote kind (`direct`, `partial`, ...).
    pub kind: Field,
    /// The quote kind as a number (see [`crate::index::kind_code`]), for ranking.
    pub kind_code: Field,
    /// Publication date as `YYYYMMDD`; 0 when unknown.
    pub published: Field,
    /// How much of the headline the quote echoes, 0 to 1 (see [`crate::index::salience`]).
    pub salience: Field,
    /// The quote's position in the corpus (article, then quote): orders equal scores.
    pub seq: Field,
    /// The whole [`crate::index::QuoteRecord`] as JSON.
    pub record: Field,
}

impl Fields {
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            quote: schema.get_field("quote")?,
            sentence: schema.get_field("sentence")?,
            paragraph: schema.get_field("paragraph")?,
            headline: schema.get_field("headline")?,
            topic: schema.get_field("topic")?,
            speaker_words: schema.get_field("speaker_words")?,
            speaker: schema.get_field("speaker")?,
            article: schema.get_field("article")?,
            quote_id: schema.get_field("quote_id")?,
            collection: schema.get_field("collection")?,
            outlet: schema.get_field("outlet")?,
            kind: schema.get_field("kind")?,
            kind_code: schema.get_field("kind_code")?,
            published: schema.get_field("published")?,
            salience: schema.get_field("salience")?,
            seq: schema.get_field("seq")?,
            record: schema.get_field("record")?,
        })
    }
}

fn english(option: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ENGLISH)
            .set_index_option(option),
    )
}

/// The schema of the quote index.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("quote", english(IndexRecordOption::WithFreqsAndPositions));
    b.add_text_field("sentence", english(IndexRecordOption::WithFreqs));
    b.add_text_field("paragraph", english(IndexRecordOption::WithFreqs));
    b.add_text_field("headline", english(IndexRecordOption::WithFreqs));
    b.add_text_field("topic", english(IndexRecordOption::WithFreqs));
    b.add_text_field("speaker_words", english(IndexRecordOption::WithFreqs));
    b.add_text_field("speaker", STRING);
    b.add_text_field("article", STRING);
    b.add_text_field("quote_id", STRING);
    b.add_text_field("collection", STRING);
    b.add_text_field("outlet", STRING);
    b.add_text_field("kind", STRING);
    b.add_u64_field("kind_code", FAST);
    b.add_u64_field("published", INDEXED | FAST);
    b.add_f64_field("salience", FAST);
    b.add_u64_field("seq", FAST);
    b.add_text_field("record", STORED);
    b.build()
}

/// Registers the analyzers an index of this schema needs.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(ENGLISH, english_analyzer());
}

/// The words of `text` as the English analyzer sees them.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_analyzer_stems_and_folds() {
        let mut a = english_analyzer();
        assert_eq!(
            analyze(&mut a, "Troops PERSUADED Élysée"),
            ["troop", "persuad", "elyse"]
        );
    }

    #[test]
    fn cached_stemming_equals_stemming() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(tantivy::tokenizer::Language::English))
            .build();
        let mut cached = english_analyzer();
        let text = "Running runners ran; the generously generous generation's withdrawals \
                    withdrawing troops troops TROOPS déjà vu";
        for _ in 0..3 {
            assert_eq!(analyze(&mut cached, text), analyze(&mut plain, text));
        }
    }

    #[test]
    fn schema_fields_resolve() {
        Fields::from_schema(&schema()).unwrap();
    }
}
