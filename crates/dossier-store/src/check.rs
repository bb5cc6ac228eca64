//! What a decoded corpus must satisfy before the app slices text with it: every span of
//! every document (regions, paragraphs, title, outlet, dates, entity mentions, the views'
//! sentences, quotes and dated mentions) inside its document's text on char boundaries, the
//! sorted ones sorted and disjoint, and every id pointing at something that exists. (Token
//! starts are not stored: search finds them in the text, so they cannot be wrong.)
//!
//! The store's checksum proves the bytes are the ones the build sealed; this proves they
//! describe a corpus the app can show without a panic, whatever wrote them.

use dossier_model::document::{Corpus, Document, TitleSource};
use dossier_model::span::Span;

/// The first inconsistency found, named for the error message.
pub fn corpus(corpus: &Corpus) -> Result<(), String> {
    let entities = &corpus.entities;
    if !entities.mentions.is_empty() && entities.mentions.len() != corpus.documents.len() {
        return Err("entity mentions are not listed per document".to_owned());
    }
    ids(corpus)?;
    for (i, doc) in corpus.documents.iter().enumerate() {
        document(corpus, i, doc).map_err(|what| format!("document {i}: {what}"))?;
    }
    insights(corpus)
}

/// What the list can rely on before the texts arrive (`crate::parts`): the head has no
/// text to slice, so only its ids are checked; [`corpus`] checks the rest once it is whole.
pub fn head(corpus: &Corpus) -> Result<(), String> {
    if let Some((i, doc)) = corpus
        .documents
        .iter()
        .enumerate()
        .find(|(i, d)| d.id.0 as usize != *i)
    {
        return Err(format!("document {i}: it has the id {}", doc.id.0));
    }
    ids(corpus)
}

/// Every entity is at its own index and names only documents that exist.
fn ids(corpus: &Corpus) -> Result<(), String> {
    let entities = &corpus.entities;
    for (i, entity) in entities.entities.iter().enumerate() {
        if entity.id.0 as usize != i {
            return Err(format!("entity {i} has the id {}", entity.id.0));
        }
        if entity
            .documents
            .iter()
            .any(|d| d.0 as usize >= corpus.documents.len())
        {
            return Err(format!("entity {i} names a document that does not exist"));
        }
    }
    Ok(())
}

/// The exploration views' data: sentences, quotes and dated mentions slice the texts of
/// documents that exist, quotes name speakers that exist.
fn insights(corpus: &Corpus) -> Result<(), String> {
    let insights = &corpus.insights;
    if !insights.sentences.is_empty() && insights.sentences.len() != corpus.documents.len() {
        return Err("sentences are not listed per document".to_owned());
    }
    for (doc, sentences) in corpus.documents.iter().zip(&insights.sentences) {
        sorted_inside(&doc.text, sentences.iter().copied(), "sentence")
            .map_err(|what| format!("document {}: {what}", doc.id.0))?;
    }
    let text_of = |d: dossier_model::document::DocId, what: &str| {
        corpus
            .document(d)
            .map(|doc| doc.text.as_str())
            .ok_or_else(|| format!("a {what} names a document that does not exist"))
    };
    for q in &insights.quotes {
        let text = text_of(q.doc, "quote")?;
        inside(text, q.text, "quote")?;
        inside(text, q.cue, "quote's attribution")?;
        if corpus.entities.entity(q.speaker).is_none() {
            return Err("a quote names a speaker that does not exist".to_owned());
        }
    }
    for d in &insights.dated {
        let text = text_of(d.doc, "dated mention")?;
        inside(text, d.mention, "dated mention")?;
        inside(text, d.sentence, "dated mention's sentence")?;
    }
    Ok(())
}

fn document(corpus: &Corpus, i: usize, doc: &Document) -> Result<(), String> {
    if doc.id.0 as usize != i {
        return Err(format!("it has the id {}", doc.id.0));
    }
    let text = doc.text.as_str();
    let (TitleSource::Headline(title) | TitleSource::Derived(title)) = doc.title.source;
    let facts = [
        Some(title),
        doc.outlet.as_ref().map(|o| o.span),
        doc.published.map(|p| p.span),
        doc.saved.map(|s| s.span),
    ];
    for span in facts.into_iter().flatten() {
        inside(text, span, "a title, outlet or date")?;
    }
    sorted_inside(text, doc.regions.iter().map(|r| r.span), "region")?;
    sorted_inside(text, doc.paragraphs.iter().copied(), "paragraph")?;
    let mentions = corpus.entities.mentions_in(doc.id);
    sorted_inside(text, mentions.iter().map(|m| m.span), "entity mention")?;
    if mentions
        .iter()
        .any(|m| corpus.entities.entity(m.entity).is_none())
    {
        return Err("a mention names an entity that does not exist".to_owned());
    }
    Ok(())
}

fn inside(text: &str, span: Span, what: &str) -> Result<(), String> {
    if span.start <= span.end && text.get(span.range()).is_some() {
        Ok(())
    } else {
        Err(format!(
            "{what} at {}..{} is not inside its text",
            span.start, span.end
        ))
    }
}

fn sorted_inside(text: &str, spans: impl Iterator<Item = Span>, what: &str) -> Result<(), String> {
    let mut end = 0;
    for span in spans {
        inside(text, span, what)?;
        if span.start < end {
            return Err(format!("{what}s overlap or are out of order at {}", span.start));
        }
        end = span.end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;

    fn sample() -> Corpus {
        ingest(vec![SourceFile::new(
            "a.txt",
            "Héadline one\n\nA first story that is long enough to be prose.\n"
                .as_bytes()
                .to_vec(),
        )])
    }

    #[test]
    fn an_ingested_corpus_passes() {
        let corpus = sample();
        assert_eq!(super::corpus(&corpus), Ok(()));
    }

    #[test]
    fn a_span_off_its_text_or_out_of_order_is_named() {
        let good = sample();
        let mut corpus = good.clone();
        corpus.documents[0].paragraphs[0] = Span { start: 65, end: 33 };
        let err = super::corpus(&corpus).unwrap_err();
        assert!(err.contains("document 0") && err.contains("paragraph"), "{err}");
        let mut corpus = good.clone();
        corpus.documents[0].paragraphs.reverse();
        assert!(super::corpus(&corpus).unwrap_err().contains("out of order"));
        let mut corpus = good.clone();
        corpus.documents[0].regions.push(dossier_model::document::Region {
            span: Span { start: 2, end: 3 },
            kind: dossier_model::document::RegionKind::Caption,
        });
        corpus.documents[0].regions.sort_by_key(|r| r.span.start);
        let err = super::corpus(&corpus);
        assert!(
            err.is_err_and(|e| e.contains("region")),
            "a region cutting 'é' in half"
        );
    }
}
