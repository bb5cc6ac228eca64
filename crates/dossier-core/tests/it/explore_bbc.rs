//! The exploration analyses on the BBC corpus (`../shared/corpora/bbc`, skipped with a
//! message where absent): non-empty and well-formed.

use dossier_explore::{self, Unit};
use dossier_ingest::source;
use dossier_model::span::Span;
use dossier_nlp::entity;
use dossier_nlp::ner;
use std::path::Path;

fn on_char_boundaries(text: &str, span: Span) -> bool {
    span.start <= span.end
        && (span.end as usize) <= text.len()
        && text.is_char_boundary(span.start as usize)
        && text.is_char_boundary(span.end as usize)
}

#[test]
fn bbc_insights_are_well_formed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/bbc");
    if !dir.is_dir() {
        eprintln!("SKIPPED: {} is absent", dir.display());
        return;
    }
    let (files, _) = source::read_corpus_dir(&dir).expect("bbc folder");
    let mut corpus = dossier_ingest::ingest(files);
    let model = ner::Model::from_bytes(ner::MODEL).expect("embedded model");
    corpus.entities = entity::recognise(&corpus, &model);
    let insights = dossier_explore::analyse(&corpus);

    assert_eq!(insights.sentences.len(), corpus.documents.len());
    for doc in &corpus.documents {
        let sentences = insights.sentences_in(doc.id);
        assert!(sentences
            .iter()
            .all(|&s| !s.is_empty() && on_char_boundaries(&doc.text, s)));
        assert!(
            sentences.windows(2).all(|w| w[0].end <= w[1].start),
            "{}",
            doc.origin.file
        );
    }

    assert!(insights.quotes.len() > 1000, "{} quotes", insights.quotes.len());
    for q in &insights.quotes {
        let doc = &corpus.documents[q.doc.0 as usize];
        assert!(on_char_boundaries(&doc.text, q.text) && on_char_boundaries(&doc.text, q.cue));
        assert!(
            q.text.end <= q.cue.start || q.cue.end <= q.text.start,
            "{}",
            doc.slice(q.cue)
        );
        assert!(corpus
            .entities
            .entity(q.speaker)
            .is_some_and(|e| e.kind.is_name()));
    }

    assert!(!insights.dated.is_empty());
    for d in &insights.dated {
        let doc = &corpus.documents[d.doc.0 as usize];
        assert!(on_char_boundaries(&doc.text, d.mention));
        assert!(d.sentence.contains(d.mention));
        assert_eq!(
            insights.sentence_of(d.doc, d.mention).map(|s| s.start),
            Some(d.sentence.start)
        );
        assert!(d.start <= d.end && d.start.year.is_some());
    }

    let co = &insights.cooccurrence;
    assert!(co.units(Unit::Sentence) > co.units(Unit::Paragraph));
    let busiest = corpus
        .entities
        .entities
        .iter()
        .filter(|e| e.kind.is_name())
        .max_by_key(|e| e.counts.text)
        .expect("a name");
    let related = co.related(busiest.id, Unit::Paragraph, 2);
    assert!(!related.is_empty(), "{}", busiest.name);
    for r in &related {
        assert_eq!(co.together(r.entity, busiest.id, Unit::Paragraph), r.count);
        assert!(r.count <= co.units_of(r.entity, Unit::Paragraph));
        assert!((-1.0..=1.0001).contains(&r.npmi), "{r:?}");
    }
}
