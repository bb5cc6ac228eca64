//! What ingest makes of each seed article, one snapshot file per seed in
//! `snapshots/ingest/`: title and where it came from, outlet, dates, length, and every
//! region (removed, flagged or metadata) with the start of its text. A change to any
//! ingest pass shows up here as a reviewable diff; `UPDATE_EXPECT=1 cargo test -p
//! dossier-core --test it` rewrites the snapshots after a deliberate change.

use dossier_model::{Document, Span};
use expect_test::expect_file;
use std::fmt::Write;

/// The text of `span`, on one line and cut to 60 characters.
fn excerpt(doc: &Document, span: Span) -> String {
    let text: String = doc.text[span.range()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text,
    }
}

fn render(doc: &Document) -> String {
    let mut out = String::new();
    let o = &doc.origin;
    writeln!(
        out,
        "file: {} (part {} of {}, {})",
        o.file,
        o.part + 1,
        o.parts,
        o.encoding
    )
    .unwrap();
    writeln!(out, "title: {:?} ({:?})", doc.title.text, doc.title.source).unwrap();
    match &doc.outlet {
        Some(outlet) => writeln!(
            out,
            "outlet: {:?} from {:?}",
            outlet.name,
            excerpt(doc, outlet.span)
        )
        .unwrap(),
        None => writeln!(out, "outlet: none").unwrap(),
    }
    for (what, fact) in [("published", &doc.published), ("saved", &doc.saved)] {
        match fact {
            Some(f) => writeln!(
                out,
                "{what}: {} ({:?}) from {:?}",
                f.date,
                f.source,
                excerpt(doc, f.span)
            )
            .unwrap(),
            None => writeln!(out, "{what}: none").unwrap(),
        }
    }
    writeln!(
        out,
        "words: {}, paragraphs: {}",
        doc.word_count,
        doc.paragraphs.len()
    )
    .unwrap();
    for region in &doc.regions {
        writeln!(out, "region {:?}: {:?}", region.kind, excerpt(doc, region.span)).unwrap();
    }
    out
}

#[test]
fn each_seed_ingests_as_reviewed() {
    let corpus = dossier_ingest::ingest(crate::fixture::seed_files());
    assert!(!corpus.documents.is_empty());
    for doc in &corpus.documents {
        let name = format!("snapshots/ingest/{}.part{}.txt", doc.origin.file, doc.origin.part);
        expect_file![name].assert_eq(&render(doc));
    }
}
