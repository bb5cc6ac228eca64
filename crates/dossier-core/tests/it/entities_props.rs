//! Property: whatever the text, entity mentions are sorted, never overlap, lie inside their
//! document's text on char boundaries, and point at entities that list the document.

use dossier_ingest::source::SourceFile;
use dossier_nlp::entity;
use dossier_nlp::ner;
use proptest::prelude::*;
use std::sync::OnceLock;

fn model() -> &'static ner::Model {
    static MODEL: OnceLock<ner::Model> = OnceLock::new();
    MODEL.get_or_init(|| ner::Model::from_bytes(ner::MODEL).expect("embedded model"))
}

/// Words that exercise every path: names, titles, acronyms, dates, numbers, money,
/// possessives, non-ASCII text and page furniture.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Vladimir",
            "Putin",
            "Putin's",
            "Xi",
            "Jinping",
            "President",
            "Mr",
            "the",
            "Sea",
            "of",
            "Japan",
            "Vostok",
            "2022",
            "(SCO)",
            "SCO",
            "Shanghai",
            "Cooperation",
            "Organization",
            "September",
            "15-16",
            "$1.13bn",
            "76%",
            "50",
            "km",
            "first",
            "22nd",
            "Advertisement",
            "Listen",
            "Moscow",
            "Müller",
            "Zürich",
            "Ελλάδα",
            "北京",
            "—",
            "said",
            "met",
            "in",
            ".",
            ",",
            "\n",
            "\n\n",
            "Andrei",
            "Andrey",
            "Denisov",
            "Johnson",
            "10:30",
            "am",
        ])
        .prop_map(str::to_owned),
        "[A-Za-zÀ-ÿ0-9%$£€.,'’()-]{1,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mentions_are_sorted_disjoint_inside_and_on_char_boundaries(
        docs in prop::collection::vec(prop::collection::vec(word(), 1..80), 1..4)
    ) {
        let files = docs
            .iter()
            .enumerate()
            .map(|(i, words)| SourceFile::new(format!("{i}.txt"), words.join(" ").into_bytes()))
            .collect();
        let corpus = dossier_ingest::ingest(files);
        let entities = entity::recognise(&corpus, model());
        prop_assert_eq!(entities.mentions.len(), corpus.documents.len());
        for doc in &corpus.documents {
            let mentions = entities.mentions_in(doc.id);
            for pair in mentions.windows(2) {
                prop_assert!(pair[0].span.end <= pair[1].span.start, "{:?}", pair);
            }
            for m in mentions {
                prop_assert!(m.span.start < m.span.end);
                prop_assert!(doc.text.get(m.span.range()).is_some(), "{:?} in {:?}", m.span, doc.text);
                let entity = entities.entity(m.entity);
                prop_assert!(entity.is_some_and(|e| e.documents.binary_search(&doc.id).is_ok()));
            }
        }
        for (i, e) in entities.entities.iter().enumerate() {
            prop_assert_eq!(e.id.0 as usize, i);
            prop_assert!(!e.aliases.contains(&e.name));
            prop_assert!(e.documents.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
