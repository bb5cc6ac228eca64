//! The corpus file in parts, in the order a reader needs them: the **head** (every
//! document's title, outlet, dates and counts, the entity table with the documents each
//! entity is in, and the search index without its positions), the index's **positions**
//! (for phrases and nearness), and then the **body** (the texts with their regions and
//! paragraphs, the entity mentions, and the views' insights). This module cuts the
//! corpus into head and body; the positions are the index's own (`RawPositions`).
//!
//! Why: the list, the search box and the facets need only the head, which is about a
//! quarter of the file; a reader sees the articles and can search while the rest still
//! arrives. Each part is sealed in its own envelope, so each can be checked and decoded
//! as soon as its last byte is in, without waiting for the rest of the stream.

use dossier_model::document::{Corpus, DocId, Region};
use dossier_model::entity::{Entities, MentionCounts};
use dossier_model::insights::Insights;
use dossier_model::span::Span;
use serde::{Deserialize, Serialize};

/// One document's text and what ingest found in it (everything of a `Document` whose
/// spans point into the text, except the title's, outlet's and dates' own spans, which
/// stay in the head with the facts they locate).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocText {
    pub text: String,
    pub regions: Vec<Region>,
    #[serde(with = "dossier_model::packed::spans")]
    pub paragraphs: Vec<Span>,
}

/// What an entity's mentions add up to ([`Entities::recount`]): shipped in the head, where
/// the mentions are not, because the facets and `type:` read the document lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub counts: MentionCounts,
    /// Ids of [`dossier_model::entity::Entity::documents`], as differences.
    #[serde(with = "dossier_model::packed::ascending")]
    pub documents: Vec<u32>,
    #[serde(with = "dossier_model::packed::ascending")]
    pub text_documents: Vec<u32>,
}

/// The first part of the file: the corpus without texts, mentions and insights, and each
/// entity's [`Tally`] (the search index travels beside them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub corpus: Corpus,
    pub tallies: Vec<Tally>,
}

impl Head {
    /// The corpus, its entities' tallies put back (decoding the entity table alone counts
    /// no mentions).
    pub fn into_corpus(mut self) -> Result<Corpus, String> {
        let entities = &mut self.corpus.entities.entities;
        if self.tallies.len() != entities.len() {
            return Err(format!(
                "the head has {} entities and {} tallies",
                entities.len(),
                self.tallies.len()
            ));
        }
        for (entity, tally) in entities.iter_mut().zip(self.tallies) {
            entity.counts = tally.counts;
            entity.documents = tally.documents.into_iter().map(DocId).collect();
            entity.text_documents = tally.text_documents.into_iter().map(DocId).collect();
        }
        Ok(self.corpus)
    }
}

/// The second part of the file: what only a shown document or a view needs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// Per document, in id order.
    pub texts: Vec<DocText>,
    /// The mentions per document (empty when the corpus has no entities), carried in
    /// [`Entities`]' compact stored form with an empty entity table: the table is the head's.
    pub mentions: Entities,
    pub insights: Insights,
}

/// `corpus` cut into its head (the corpus without texts, mentions and insights) and body.
pub fn split(corpus: &Corpus) -> (Head, Body) {
    let mut head = corpus.clone();
    let tallies = head
        .entities
        .entities
        .iter()
        .map(|e| Tally {
            counts: e.counts,
            documents: e.documents.iter().map(|d| d.0).collect(),
            text_documents: e.text_documents.iter().map(|d| d.0).collect(),
        })
        .collect();
    let texts = head
        .documents
        .iter_mut()
        .map(|d| DocText {
            text: std::mem::take(&mut d.text),
            regions: std::mem::take(&mut d.regions),
            paragraphs: std::mem::take(&mut d.paragraphs),
        })
        .collect();
    let body = Body {
        texts,
        mentions: Entities {
            entities: Vec::new(),
            mentions: std::mem::take(&mut head.entities.mentions),
        },
        insights: std::mem::take(&mut head.insights),
    };
    (
        Head {
            corpus: head,
            tallies,
        },
        body,
    )
}

/// The head and body put back together, or why they do not belong together.
pub fn join(head: Head, body: Body) -> Result<Corpus, String> {
    join_corpus(head.into_corpus()?, body)
}

/// [`join`] for a head already read into a corpus (`decode_head`'s): the page keeps the
/// head it searched while the body arrived, and joins the body to it.
pub fn join_corpus(mut head: Corpus, body: Body) -> Result<Corpus, String> {
    let n = head.documents.len();
    if body.texts.len() != n {
        return Err(format!(
            "the head lists {n} documents and the body has {} texts",
            body.texts.len()
        ));
    }
    if !body.mentions.mentions.is_empty() && body.mentions.mentions.len() != n {
        return Err("entity mentions are not listed per document".to_owned());
    }
    for (doc, part) in head.documents.iter_mut().zip(body.texts) {
        doc.text = part.text;
        doc.regions = part.regions;
        doc.paragraphs = part.paragraphs;
    }
    head.entities.mentions = body.mentions.mentions;
    // The tallies again, from the mentions now here: the head's could disagree.
    head.entities.recount();
    head.insights = body.insights;
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;

    #[test]
    fn split_then_joined_is_the_corpus() {
        let corpus = ingest(vec![
            SourceFile::new(
                "a.txt",
                b"Headline one\n\nA first story, long enough to be prose.\n".to_vec(),
            ),
            SourceFile::new(
                "b.txt",
                b"Headline two\n\nA second story, long enough to be prose.\n".to_vec(),
            ),
        ]);
        let (head, body) = split(&corpus);
        let documents = &head.corpus.documents;
        assert!(documents
            .iter()
            .all(|d| d.text.is_empty() && d.paragraphs.is_empty()));
        assert_eq!(documents[1].title.text, "Headline two");
        assert_eq!(join(head, body), Ok(corpus));
    }

    #[test]
    fn a_body_of_another_corpus_is_refused() {
        let one = ingest(vec![SourceFile::new(
            "a.txt",
            b"Headline\n\nA story of some length.\n".to_vec(),
        )]);
        let (head, mut body) = split(&one);
        body.texts.push(DocText::default());
        assert!(join(head, body)
            .unwrap_err()
            .contains("1 documents and the body has 2"));
    }
}
