//! Named entities: who and what a corpus mentions.
//!
//! [`ner`] is the statistical tagger (an averaged perceptron over BILOU tags, its model
//! embedded as [`ner::MODEL`]); [`entity::recognise`] runs it over an ingested corpus,
//! cleans and types its names (gazetteer, titles, page furniture), adds dates and numbers
//! by rule and links mentions into entities. Only the build and the document worker run
//! this crate; the page reads its result from the stored corpus.

pub mod entity;
pub mod ner;
