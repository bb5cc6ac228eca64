//! The hand-written hostile corpus (`tests/fixtures/hostile/`, also built into the app by
//! the end-to-end tests) ingests into one document per file with its headline as written:
//! markup, entities, bidi overrides and zero-width characters are text like any other.

use std::path::Path;

#[test]
fn each_hostile_file_is_one_document_titled_as_written() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/hostile");
    let corpus = dossier_ingest::load_corpus(&dir).expect("the fixtures folder lists");
    assert!(corpus.skipped.is_empty(), "{:?}", corpus.skipped);
    let titles: Vec<(&str, &str)> = corpus
        .documents
        .iter()
        .map(|d| (d.origin.file.as_str(), d.title.text.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("bidi-zero-width.txt", "Moscow report \u{202E}txt.exe\u{202C} on bidi and zero\u{200B}width tricks"),
            ("chinese.txt", "北京举行上海合作组织峰会"),
            ("cyrillic.txt", "Путин встретился с Си Цзиньпином в Самарканде"),
            ("emoji.txt", "Emoji storm 🌪️🔥 sweeps markets as traders post 🚀 and 📉"),
            (
                "markup.txt",
                "<script>window.__dossier_pwned = 1</script> Council <b>approves</b> budget after <img src=x onerror=\"window.__dossier_pwned = 1\"> protest"
            ),
        ]
    );
    let markup = &corpus.documents[4];
    assert!(markup
        .text
        .contains("<a href=\"javascript:window.__dossier_pwned = 1\">click here</a>"));
    assert!(markup.text.contains("&lt;script&gt;"), "entities are not decoded");
}
