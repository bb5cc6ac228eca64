//! Any bytes are valid input: ingest never panics, and what it returns keeps its
//! invariants (spans inside the text and on char boundaries, regions sorted and disjoint,
//! split parts tiling the file).

use dossier_ingest::ingest;
use dossier_ingest::source::SourceFile;
use proptest::prelude::*;

/// Text made of the pieces ingest looks at: datelines, months, brackets, copyright signs,
/// capitals, list marks, characters whose lower case is longer, newlines.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Moscow, September 13: ".to_owned()),
        Just("date 2022-09-07 ".to_owned()),
        Just("Friday, December 19, 2025\n".to_owned()),
        Just("\u{A9} 2022".to_owned()),
        Just("Copyright ".to_owned()),
        Just("(Ng Han Guan/AP)".to_owned()),
        Just("SHARE THIS ARTICLE\n".to_owned()),
        Just("[ad_1]\n".to_owned()),
        Just("News / China / Russia\n".to_owned()),
        Just("\u{130}STANBUL \u{130}\u{130} ".to_owned()),
        Just("Queen Elizabeth II Funeral: Foreign VIPs Expected At Final Rites Today. ".to_owned()),
        Just("- ".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("... ".to_owned()),
        Just("? ".to_owned()),
        "[A-Za-z]{1,9} ",
        "[a-z ,.]{1,40}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

fn check(files: Vec<SourceFile>) {
    let corpus = ingest(files);
    for doc in &corpus.documents {
        let mut end = 0;
        for region in &doc.regions {
            assert!(region.span.start >= end, "regions overlap in {}", doc.origin.file);
            assert!(
                doc.text.get(region.span.range()).is_some(),
                "region off a char boundary"
            );
            end = region.span.end;
        }
        for paragraph in &doc.paragraphs {
            let joined: String = doc.pieces(*paragraph).iter().map(|p| doc.slice(p.span)).collect();
            assert_eq!(joined, doc.slice(*paragraph));
        }
        for span in [
            doc.outlet.as_ref().map(|o| o.span),
            doc.published.map(|p| p.span),
            doc.saved.map(|s| s.span),
        ]
        .into_iter()
        .flatten()
        {
            assert!(doc.text.get(span.range()).is_some());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(vec![SourceFile::new("a.txt", bytes)]);
    }

    #[test]
    fn newsy_text_of_several_files(texts in prop::collection::vec(newsy_text(), 1..4)) {
        check(texts.into_iter().enumerate().map(|(i, t)| SourceFile::new(format!("{i}.txt"), t.into_bytes())).collect());
    }
}
