//! Documents a reader adds, merged with the five seeds the way the app merges them.

use dossier_core::search::{index::build, Engine};
use dossier_core::source::{read_corpus_dir, SourceFile};
use dossier_core::user_files::merge;
use dossier_core::{entity, explore, ingest::ingest, ner};
use std::path::Path;

fn seeds(model: &ner::Model) -> dossier_core::Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let (files, _) = read_corpus_dir(&dir).expect("seeds folder");
    let mut corpus = ingest(files);
    corpus.entities = entity::recognise(&corpus, model);
    corpus.insights = explore::analyse(&corpus);
    corpus
}

const ADDED_HTML: &str = "<html><head><title>Summit</title></head><body><nav>Home | World</nav>\
    <article><h1>Putin and Xi hold talks in Samarkand</h1>\
    <p>Russian President Vladimir Putin met Chinese President Xi Jinping in Samarkand on Thursday, \
    the Kremlin said, in talks that covered trade and the war in Ukraine.</p>\
    <p>Putin thanked Xi for a balanced position on the crisis.</p></article></body></html>";

#[test]
fn added_documents_follow_the_embedded_ones_and_share_their_entities() {
    let model = ner::Model::from_bytes(ner::MODEL).expect("model");
    let base = seeds(&model);
    let n = base.documents.len();
    let files = vec![
        SourceFile::new("summit.html", ADDED_HTML.as_bytes().to_vec()),
        SourceFile::new(
            "notes.md",
            b"# Grain deal\n\nUkraine exported **grain** through Odesa under the zebrafinch accord.\n"
                .to_vec(),
        ),
        SourceFile::new("photo.png", vec![0x89, b'P', b'N', b'G', 0]),
        SourceFile::new("blob.txt", vec![b'a', 0, 0, b'b']),
    ];
    let (corpus, refused) = merge(&base, &files, &model);

    assert_eq!(corpus.documents.len(), n + 2);
    for (i, doc) in corpus.documents.iter().enumerate() {
        assert_eq!(doc.id.0 as usize, i);
        assert_eq!(doc.origin.added_by_user, i >= n, "{}", doc.origin.file);
    }
    assert_eq!(
        corpus.documents[..n],
        base.documents[..],
        "embedded documents unchanged"
    );
    let summit = &corpus.documents[n];
    assert_eq!(summit.title.text, "Putin and Xi hold talks in Samarkand");
    assert!(!summit.text.contains("Home | World"), "{}", summit.text);

    let refused: Vec<_> = refused.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(refused, ["photo.png", "blob.txt"]);

    // The added page's "Putin" is the seeds' Vladimir Putin: one entity across both.
    let putin = corpus
        .entities
        .entities
        .iter()
        .find(|e| e.name == "Vladimir Putin")
        .expect("Vladimir Putin");
    assert!(putin.documents.contains(&summit.id), "{:?}", putin.documents);
    assert!(putin.documents.iter().any(|d| (d.0 as usize) < n));

    let engine = Engine::new(corpus.clone(), build(&corpus));
    let hits = engine.search("zebrafinch", false).hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].doc.0 as usize, n + 1);
    assert!(engine
        .search("Samarkand", false)
        .hits
        .iter()
        .any(|h| h.doc == summit.id));
}

#[test]
fn nothing_addable_leaves_the_base_as_it_was() {
    let model = ner::Model::from_bytes(ner::MODEL).expect("model");
    let base = seeds(&model);
    let (corpus, refused) = merge(&base, &[SourceFile::new("x.pdf", b"%PDF".to_vec())], &model);
    assert_eq!(corpus.documents, base.documents);
    assert_eq!(corpus.entities, base.entities);
    assert_eq!(refused.len(), 1);
    assert!(
        refused[0].reason.contains("only .txt, .md and .html"),
        "{}",
        refused[0].reason
    );
}
