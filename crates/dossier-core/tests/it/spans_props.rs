//! Properties of offsets and spans, for any input: every span ingest writes (regions,
//! paragraphs, title, outlet, dates) lies inside its document's text on char boundaries,
//! regions and paragraphs are sorted and disjoint; `Document::pieces_layered` tiles a
//! paragraph exactly whatever marks and mentions it is given; and every ingested corpus,
//! with its entities, survives the store's consistency checks unchanged.

use dossier_ingest::source::SourceFile;
use dossier_model::document::TitleSource;
use dossier_model::Corpus;
use dossier_model::Document;
use dossier_model::Span;
use dossier_nlp::entity;
use dossier_nlp::ner;
use proptest::prelude::*;
use std::sync::OnceLock;

fn model() -> &'static ner::Model {
    static MODEL: OnceLock<ner::Model> = OnceLock::new();
    MODEL.get_or_init(|| ner::Model::from_bytes(ner::MODEL).expect("embedded model"))
}

/// Text with the shapes ingest reacts to, and characters of every width.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Headline Of The Day\n\n".to_owned()),
        Just("LONDON, March 3 (Reuters) - ".to_owned()),
        Just("Published 12 May 2021\n".to_owned()),
        Just("Advertisement\n".to_owned()),
        Just("Vladimir Putin met Xi Jinping in Samarkand. ".to_owned()),
        Just("é北🙂\u{202E}\u{200B}".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n\n".to_owned()),
        "[A-Za-z ,.]{1,30}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 1..40).prop_map(|p| p.concat())
}

fn ingest_texts(texts: &[String]) -> Corpus {
    let files = texts
        .iter()
        .enumerate()
        .map(|(i, t)| SourceFile::new(format!("{i}.txt"), t.clone().into_bytes()))
        .collect();
    dossier_ingest::ingest(files)
}

fn inside(text: &str, span: Span) -> bool {
    span.start <= span.end && text.get(span.range()).is_some()
}

fn sorted_disjoint(spans: &[Span]) -> bool {
    spans.windows(2).all(|w| w[0].end <= w[1].start)
}

/// Arbitrary cut points turned into sorted, disjoint, non-empty spans on char boundaries.
fn spans_of(text: &str, cuts: &[usize]) -> Vec<Span> {
    let mut points: Vec<usize> = cuts
        .iter()
        .map(|&c| {
            let mut at = c % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        })
        .collect();
    points.sort_unstable();
    points.dedup();
    points
        .chunks_exact(2)
        .map(|pair| Span::new(pair[0], pair[1]))
        .collect()
}

fn check_pieces(
    doc: &Document,
    paragraph: Span,
    marks: &[Span],
    mentions: &[Span],
) -> Result<(), TestCaseError> {
    let pieces = doc.pieces_layered(paragraph, marks, mentions);
    let mut at = paragraph.start;
    for piece in &pieces {
        prop_assert_eq!(piece.span.start, at, "pieces are contiguous");
        prop_assert!(piece.span.start < piece.span.end || paragraph.start == paragraph.end);
        prop_assert!(
            inside(&doc.text, piece.span),
            "piece {:?} off a char boundary",
            piece.span
        );
        if let Some(i) = piece.mark {
            prop_assert!(marks[i].contains(piece.span));
        }
        if let Some(i) = piece.mention {
            prop_assert!(mentions[i].contains(piece.span));
        }
        if let Some(kind) = piece.region {
            prop_assert!(doc
                .regions
                .iter()
                .any(|r| r.kind == kind && r.span.contains(piece.span)));
        }
        at = piece.span.end;
    }
    prop_assert_eq!(at, paragraph.end, "pieces end where the paragraph does");
    // A piece cut out of a mark's or mention's middle still names it.
    for (i, m) in marks.iter().enumerate() {
        let covered = m.start >= paragraph.start && m.end <= paragraph.end && !m.is_empty();
        if covered {
            prop_assert!(pieces.iter().any(|p| p.mark == Some(i)), "mark {} lost", i);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_ingested_span_is_inside_and_ordered(texts in prop::collection::vec(text(), 1..4)) {
        let corpus = ingest_texts(&texts);
        for doc in &corpus.documents {
            let regions: Vec<Span> = doc.regions.iter().map(|r| r.span).collect();
            prop_assert!(regions.iter().all(|&s| inside(&doc.text, s) && !s.is_empty()), "{:?}", regions);
            prop_assert!(sorted_disjoint(&regions), "{:?}", regions);
            prop_assert!(doc.paragraphs.iter().all(|&s| inside(&doc.text, s) && !s.is_empty()));
            prop_assert!(sorted_disjoint(&doc.paragraphs));
            let (TitleSource::Headline(title) | TitleSource::Derived(title)) = doc.title.source;
            prop_assert!(inside(&doc.text, title));
            for span in [doc.outlet.as_ref().map(|o| o.span), doc.published.map(|d| d.span), doc.saved.map(|d| d.span)]
                .into_iter()
                .flatten()
            {
                prop_assert!(inside(&doc.text, span), "{:?}", span);
            }
        }
    }

    #[test]
    fn pieces_tile_any_paragraph_with_any_marks_and_mentions(
        text in text(),
        mark_cuts in prop::collection::vec(any::<usize>(), 0..12),
        mention_cuts in prop::collection::vec(any::<usize>(), 0..12),
    ) {
        let corpus = ingest_texts(&[text]);
        for doc in &corpus.documents {
            let marks = spans_of(&doc.text, &mark_cuts);
            let mentions = spans_of(&doc.text, &mention_cuts);
            for &paragraph in &doc.paragraphs {
                check_pieces(doc, paragraph, &marks, &mentions)?;
            }
            // The whole text as one paragraph crosses every region edge.
            check_pieces(doc, Span::new(0, doc.text.len()), &marks, &mentions)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The store's consistency checks accept every corpus the build can write.
    #[test]
    fn every_built_corpus_passes_the_store_checks(texts in prop::collection::vec(text(), 1..3)) {
        let mut corpus = ingest_texts(&texts);
        corpus.entities = entity::recognise(&corpus, model());
        let bytes = dossier_store::encode(&corpus, &dossier_search::index::build(&corpus));
        let engine = dossier_store::decode(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(engine.corpus(), &corpus);
    }
}
