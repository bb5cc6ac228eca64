//! Broken corpus files never break the build: each is decoded when it can be and
//! otherwise skipped with a reason naming the file, through `dossier_ingest::load_corpus` (what
//! the build's corpus step, `cargo xtask corpus-data`, runs) and the warning line it prints
//! for each skipped file.
//!
//! Big and binary files are generated into a temporary folder, never committed.

use dossier_ingest::decode::MAX_FILE_BYTES;
use dossier_model::Corpus;
use std::path::Path;

const ARTICLE: &str = "Council approves new budget\n\nThe city council approved the budget on Tuesday after a long debate about schools and roads.\n";

fn load(files: &[(&str, Vec<u8>)]) -> Corpus {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("writing a test file");
    }
    dossier_ingest::load_corpus(dir.path()).expect("the folder lists")
}

/// The build's warning for `file`, if it was skipped.
fn warning(corpus: &Corpus, file: &str) -> Option<String> {
    corpus
        .skipped
        .iter()
        .find(|s| s.file == file)
        .map(ToString::to_string)
}

fn document_text<'c>(corpus: &'c Corpus, file: &str) -> &'c str {
    let doc = corpus.documents.iter().find(|d| d.origin.file == file);
    &doc.unwrap_or_else(|| panic!("{file} became no document: {:?}", corpus.skipped))
        .text
}

#[test]
fn empty_and_whitespace_files_are_skipped_as_empty() {
    let corpus = load(&[
        ("empty.txt", Vec::new()),
        ("blank.txt", b" \r\n\t\n".to_vec()),
        ("ok.txt", ARTICLE.into()),
    ]);
    for file in ["empty.txt", "blank.txt"] {
        let line = warning(&corpus, file).unwrap_or_else(|| panic!("{file} not skipped"));
        assert_eq!(
            line,
            format!("corpus file {file} skipped: the file is empty or holds only whitespace")
        );
    }
    assert_eq!(corpus.documents.len(), 1);
}

#[test]
fn binary_files_are_skipped_as_binary() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 31 % 251) as u8));
    let text_with_nul = [ARTICLE.as_bytes(), b"\0trailing"].concat();
    let corpus = load(&[
        ("image.txt", png),
        ("nul.txt", text_with_nul),
        ("ok.txt", ARTICLE.into()),
    ]);
    for file in ["image.txt", "nul.txt"] {
        let line = warning(&corpus, file).unwrap_or_else(|| panic!("{file} not skipped"));
        assert!(
            line.starts_with(&format!("corpus file {file} skipped: ")) && line.contains("binary"),
            "{line}"
        );
    }
    assert_eq!(corpus.documents.len(), 1);
}

#[test]
fn latin1_is_read_as_windows_1252() {
    let latin1 = b"Caf\xe9 owners win \xa35m award\n\nOwners of the caf\xe9 in M\xfcnchen won \xa35m, na\xefve rivals said on Monday.\n".to_vec();
    let corpus = load(&[("latin1.txt", latin1)]);
    let text = document_text(&corpus, "latin1.txt");
    assert!(
        text.contains("Café owners win £5m") && text.contains("München") && text.contains("naïve"),
        "{text}"
    );
    assert_eq!(corpus.documents[0].origin.encoding, "windows-1252");
}

#[test]
fn bbc_latin1_file_is_decoded_when_present() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/bbc/sport_199.txt");
    let Ok(bytes) = std::fs::read(&path) else {
        println!("skipped: {} is absent", path.display());
        return;
    };
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "sport_199.txt is the Latin-1 sample"
    );
    let corpus = load(&[("sport_199.txt", bytes)]);
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    assert_eq!(corpus.documents[0].origin.encoding, "windows-1252");
    assert!(!document_text(&corpus, "sport_199.txt").contains('\u{FFFD}'));
}

#[test]
fn utf16_with_a_bom_is_decoded_either_way_round() {
    let utf16 = |big_endian: bool| {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in ARTICLE.replace('\n', "\r\n").encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    };
    let corpus = load(&[("le.txt", utf16(false)), ("be.txt", utf16(true))]);
    assert_eq!(document_text(&corpus, "le.txt"), ARTICLE);
    assert_eq!(document_text(&corpus, "be.txt"), ARTICLE);
    let encodings: Vec<&str> = corpus
        .documents
        .iter()
        .map(|d| d.origin.encoding.as_str())
        .collect();
    assert_eq!(encodings, ["UTF-16BE", "UTF-16LE"]);
}

#[test]
fn crlf_and_lone_cr_become_lf_with_spans_on_the_new_text() {
    let corpus = load(&[
        ("crlf.txt", ARTICLE.replace('\n', "\r\n").into()),
        ("cr.txt", ARTICLE.replace('\n', "\r").into()),
    ]);
    for file in ["crlf.txt", "cr.txt"] {
        assert_eq!(document_text(&corpus, file), ARTICLE);
    }
    for doc in &corpus.documents {
        assert_eq!(doc.title.text, "Council approves new budget");
        assert!(doc.paragraphs.iter().all(|p| !doc.slice(*p).contains('\r')));
    }
}

#[test]
fn a_file_over_the_limit_is_skipped_unread_with_its_size() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let big = dir.path().join("dump.txt");
    let line = "fifty megabytes of one log line repeated over and over again\n";
    let bytes: Vec<u8> = line.bytes().cycle().take(50 * 1_000_000).collect();
    std::fs::write(&big, bytes).expect("writing 50 MB");
    std::fs::write(dir.path().join("ok.txt"), ARTICLE).expect("writing a test file");
    let corpus = dossier_ingest::load_corpus(dir.path()).expect("the folder lists");
    assert_eq!(
        warning(&corpus, "dump.txt").as_deref(),
        Some("corpus file dump.txt skipped: the file is too large (50.0 MB, limit 10 MB)")
    );
    assert_eq!(corpus.documents.len(), 1);
}

#[test]
fn a_file_just_under_the_limit_is_kept() {
    let mut text = String::from("A long report\n\n");
    let sentence = "The council met again and talked about the budget for a long time. ";
    while text.len() + sentence.len() < MAX_FILE_BYTES {
        text.push_str(sentence);
    }
    let corpus = load(&[("long.txt", text.into_bytes())]);
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    assert_eq!(corpus.documents.len(), 1);
}

#[test]
fn a_file_of_only_boilerplate_is_skipped_as_furniture() {
    let boilerplate =
        "SHARE THIS ARTICLE\nAdvertisement\n[ad_1]\nFacebook Twitter WhatsApp Email\n".to_owned();
    let corpus = load(&[("chrome.txt", boilerplate.into()), ("ok.txt", ARTICLE.into())]);
    let line = warning(&corpus, "chrome.txt").expect("chrome.txt skipped");
    assert!(line.contains("only page furniture"), "{line}");
}

#[test]
fn every_broken_file_together_never_stops_the_good_ones() {
    let corpus = load(&[
        ("a-empty.txt", Vec::new()),
        ("b-binary.txt", vec![0, 159, 146, 150, 0, 1, 2]),
        (
            "c-latin1.txt",
            b"Caf\xe9 news\n\nThe caf\xe9 opened again on Monday, owners said.\n".to_vec(),
        ),
        ("d-good.txt", ARTICLE.into()),
        ("e-crlf.txt", ARTICLE.replace('\n', "\r\n").into()),
        (
            "f-invalid-utf8.txt",
            b"Bad \xff\xfe bytes\n\nA story with \xc3 broken bytes that still reads as text.\n".to_vec(),
        ),
        ("ignored.bin", vec![0; 64]),
    ]);
    let skipped: Vec<&str> = corpus.skipped.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(
        skipped,
        ["a-empty.txt", "b-binary.txt"],
        "sorted by file, with reasons: {:?}",
        corpus.skipped
    );
    let docs: Vec<&str> = corpus.documents.iter().map(|d| d.origin.file.as_str()).collect();
    assert_eq!(
        docs,
        ["c-latin1.txt", "d-good.txt", "e-crlf.txt", "f-invalid-utf8.txt"]
    );
}

#[test]
fn a_missing_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("nowhere");
    let err = dossier_ingest::load_corpus(&missing).expect_err("no such folder");
    assert!(err.to_string().contains("nowhere"), "{err}");
}
