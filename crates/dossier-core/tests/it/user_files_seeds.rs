//! Documents a reader adds, merged with the five seeds the way the app merges them.

use dossier_core::user_files::{merge, run_job};
use dossier_ingest::source::SourceFile;
use dossier_ingest::user_files::{Job, JobResult};
use dossier_nlp::entity;
use dossier_nlp::entity::Recogniser;
use dossier_nlp::ner;
use dossier_search::{index::build, Engine};

fn seeds(model: &ner::Model) -> dossier_model::Corpus {
    crate::fixture::analysed_with(model)
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
    let (corpus, refused) = merge(&base, &files, &Recogniser::new(), &model, |_, _| {});

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
    let (corpus, refused) = merge(
        &base,
        &[SourceFile::new("x.pdf", b"%PDF".to_vec())],
        &Recogniser::new(),
        &model,
        |_, _| {},
    );
    assert_eq!(corpus.documents, base.documents);
    assert_eq!(corpus.entities, base.entities);
    assert_eq!(refused.len(), 1);
    assert!(
        refused[0].reason.contains("only .txt, .md and .html"),
        "{}",
        refused[0].reason
    );
}

#[test]
fn relinking_the_stored_mentions_gives_the_stored_entities() {
    // What makes tagging only the added documents sound: the embedded documents' mentions,
    // linked again with nothing added, are the entities the build stored.
    let model = ner::Model::from_bytes(ner::MODEL).expect("model");
    let base = seeds(&model);
    let relinked = Recogniser::new().recognise_added(&base, &base.entities, &model, |_| {});
    assert_eq!(relinked, base.entities);
}

#[test]
fn only_the_added_documents_are_tagged_and_the_result_is_the_full_recognition() {
    let model = ner::Model::from_bytes(ner::MODEL).expect("model");
    let base = seeds(&model);
    let files = vec![SourceFile::new("summit.html", ADDED_HTML.as_bytes().to_vec())];
    let mut tagged = Vec::new();
    let (merged, _) = merge(&base, &files, &Recogniser::new(), &model, |done, all| {
        tagged.push((done, all))
    });
    assert_eq!(
        tagged,
        [(1, 1)],
        "one added document tagged, the five embedded ones not"
    );
    let full = entity::recognise(&merged, &model);
    assert_eq!(
        merged.entities, full,
        "incremental recognition equals recognising everything"
    );
}

#[test]
fn a_job_round_trips_through_bytes_to_a_searchable_store() {
    let model = ner::Model::from_bytes(ner::MODEL).expect("model");
    let base = seeds(&model);
    let job = Job::Merge {
        files: vec![
            (
                "notes.md".into(),
                b"# Grain\n\nThe zebrafinch accord was signed.\n".to_vec(),
            ),
            ("empty.txt".into(), Vec::new()),
        ],
    };
    let answer = JobResult::from_bytes(
        &run_job(&base, &job.to_bytes(), &Recogniser::new(), &model, |_, _| {}).to_bytes(),
    );
    let JobResult::Merged { store, refused } = answer else {
        panic!("the job failed: {answer:?}");
    };
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].reason.starts_with("empty.txt was not added"),
        "{}",
        refused[0].reason
    );
    let engine = dossier_store::decode(&store).expect("the answer decodes");
    assert_eq!(engine.corpus().documents.len(), base.documents.len() + 1);
    assert_eq!(engine.search("zebrafinch", false).hits.len(), 1);

    let garbage = run_job(&base, b"\xff\xff\xff", &Recogniser::new(), &model, |_, _| {});
    assert!(matches!(garbage, JobResult::Failed(_)), "{garbage:?}");
    assert!(matches!(JobResult::from_bytes(b"\x07junk"), JobResult::Failed(_)));
}

/// What the page asks before it stores a file: a whitespace-only text and an HTML page
/// with only a title, a script and navigation are refused, naming the file; an article
/// passes. Merging refuses them the same way (no 0-word document "x").
#[test]
fn a_check_job_refuses_what_would_add_no_article_before_anything_is_stored() {
    let model = ner::Model::from_bytes(ner::MODEL).expect("model");
    let base = seeds(&model);
    let shell = "<html><head><title>x</title><script>track()</script></head>\
                 <body><nav>Home | World | Sport</nav></body></html>";
    let files = vec![
        ("blank.txt".to_owned(), b"  \n\t\n   \n".to_vec()),
        ("shell.html".to_owned(), shell.as_bytes().to_vec()),
        (
            "notes.md".to_owned(),
            b"# Grain\n\nThe zebrafinch accord was signed in Samarkand.\n".to_vec(),
        ),
    ];
    let answer = run_job(
        &base,
        &Job::Check { files: files.clone() }.to_bytes(),
        &Recogniser::new(),
        &model,
        |_, _| {},
    );
    let JobResult::Checked { refused } = answer else {
        panic!("not a check: {answer:?}");
    };
    let at: Vec<u32> = refused.iter().map(|r| r.0).collect();
    assert_eq!(at, [0, 1], "blank.txt and shell.html: {refused:?}");
    assert!(
        refused[0].1.starts_with("blank.txt was not added"),
        "{}",
        refused[0].1
    );
    assert!(refused[1].1.contains("no article text"), "{}", refused[1].1);

    let (merged, refused) = merge(
        &base,
        &files
            .into_iter()
            .map(|(n, b)| SourceFile::new(n, b))
            .collect::<Vec<_>>(),
        &Recogniser::new(),
        &model,
        |_, _| {},
    );
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert_eq!(merged.documents.len(), base.documents.len() + 1);
    assert!(merged.documents.iter().all(|d| d.word_count > 0));
}
