//! Ingest on the real corpora in `../shared/corpora` (present in CI, absent in a user's
//! clone: each test then says what it skipped and passes, as the data is not ours to copy).

use dossier_ingest::ingest;
use dossier_ingest::source::{read_corpus_dir, SourceFile};
use dossier_model::document::RegionKind;
use std::path::{Path, PathBuf};

fn bbc_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/bbc");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: {} is absent; BBC ingest checks not run", dir.display());
        None
    }
}

fn first_line(bytes: &[u8]) -> String {
    let text = dossier_ingest::decode::decode(bytes).unwrap().text;
    text.lines()
        .next()
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn bbc_nothing_real_is_removed() {
    let Some(dir) = bbc_dir() else { return };
    let (files, unreadable) = read_corpus_dir(&dir).unwrap();
    assert!(unreadable.is_empty());
    assert_eq!(files.len(), 2225);
    let expected_titles: Vec<String> = files.iter().map(|f| first_line(&f.bytes)).collect();
    let corpus = ingest(files);
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    assert_eq!(corpus.documents.len(), 2225, "no BBC file holds two articles");
    for (doc, title) in corpus.documents.iter().zip(&expected_titles) {
        assert_eq!(&doc.title.text, title, "{}", doc.origin.file);
        assert!(!doc.title.is_derived(), "{}", doc.origin.file);
        let other: Vec<_> = doc
            .regions
            .iter()
            .filter(|r| r.kind != RegionKind::Headline)
            .collect();
        assert!(other.is_empty(), "{}: {:?}", doc.origin.file, other);
    }
    let latin1 = corpus
        .documents
        .iter()
        .find(|d| d.origin.file == "sport_199.txt")
        .unwrap();
    assert_eq!(latin1.origin.encoding, "windows-1252");
    assert!(latin1.text.contains('\u{A3}'), "the pound sign survives decoding");
}

fn join(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut joined = a.to_vec();
    while joined.last() == Some(&b'\n') {
        joined.pop();
    }
    joined.extend_from_slice(b"\n\n");
    joined.extend_from_slice(b);
    joined
}

/// Splits `a + b` and says whether it came back as exactly the two articles, with parts
/// that tile the file.
fn splits_back(a: &[u8], b: &[u8]) -> bool {
    let corpus = ingest(vec![SourceFile::new("joined.txt", join(a, b))]);
    let titles: Vec<&str> = corpus.documents.iter().map(|d| d.title.text.as_str()).collect();
    if titles != [first_line(a), first_line(b)] {
        return false;
    }
    let second = &corpus.documents[1];
    assert_eq!(
        (
            second.origin.part,
            second.origin.parts,
            second.origin.file.as_str()
        ),
        (1, 2, "joined.txt")
    );
    assert_eq!(
        second.origin.offset as usize,
        corpus.documents[0].text.len(),
        "the parts tile the file"
    );
    true
}

/// Two BBC articles joined into one file come back as two documents.
#[test]
fn bbc_joined_articles_split_back() {
    let Some(dir) = bbc_dir() else { return };
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    for (a, b) in [
        ("business_001.txt", "sport_010.txt"),
        ("politics_020.txt", "tech_030.txt"),
        ("entertainment_040.txt", "business_050.txt"),
        ("tech_060.txt", "tech_061.txt"),
    ] {
        assert!(splits_back(&read(a), &read(b)), "{a} + {b}");
    }

    // A wider sample: every 11th file joined with a file far from it in the list (mostly
    // another topic). Related stories on one topic share vocabulary and, with no dateline
    // or byline between them, are not always told apart (sport_070 + sport_071, both on
    // Kelly Holmes, stay one document); the rate is reported in docs/BENCHMARKS.md.
    let (files, _) = read_corpus_dir(&dir).unwrap();
    let n = files.len();
    let (mut tried, mut split) = (0, 0);
    for i in (0..n).step_by(11) {
        let j = (i + n / 2) % n;
        tried += 1;
        if splits_back(&files[i].bytes, &files[j].bytes) {
            split += 1;
        } else {
            eprintln!("not split: {} + {}", files[i].name, files[j].name);
        }
    }
    eprintln!("joined BBC pairs split back: {split} of {tried}");
    assert!(
        split * 100 >= tried * 90,
        "only {split} of {tried} joined pairs split back"
    );
}
