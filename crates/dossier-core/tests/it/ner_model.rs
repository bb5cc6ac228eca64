//! The committed entity model: it loads, and tags plain news sentences as a reader would.

use dossier_format::envelope::Fault;
use dossier_nlp::ner::{Label, Model, ModelError, MODEL};

fn model() -> Model {
    Model::from_bytes(MODEL).expect("the committed model decodes")
}

fn names(model: &Model, text: &str) -> Vec<(String, Label)> {
    model
        .tag(text)
        .into_iter()
        .map(|m| (text[m.span.range()].to_owned(), m.label))
        .collect()
}

fn expect(model: &Model, text: &str, wanted: &[(&str, Label)]) {
    let found = names(model, text);
    let wanted: Vec<(String, Label)> = wanted.iter().map(|&(s, l)| (s.to_owned(), l)).collect();
    assert_eq!(found, wanted, "in {text:?}");
}

#[test]
fn tags_people_places_and_organisations() {
    let m = model();
    use Label::*;
    expect(
        &m,
        "Vladimir Putin met Xi Jinping in Samarkand.",
        &[
            ("Vladimir Putin", Person),
            ("Xi Jinping", Person),
            ("Samarkand", Location),
        ],
    );
    expect(
        &m,
        "The European Commission said on Thursday it disagreed with German advice to consumers.",
        &[("European Commission", Organization), ("German", Misc)],
    );
    expect(
        &m,
        "Shares of Microsoft rose in New York after Bill Gates spoke in London.",
        &[
            ("Microsoft", Organization),
            ("New York", Location),
            ("Bill Gates", Person),
            ("London", Location),
        ],
    );
}

#[test]
fn mentions_are_byte_spans_of_the_original_text() {
    let m = model();
    let text = "  Überraschung:\nAngela Merkel’s visit to Paris.\r\n";
    for mention in m.tag(text) {
        assert!(text.is_char_boundary(mention.span.start as usize));
        assert!(text.is_char_boundary(mention.span.end as usize));
        assert!(!text[mention.span.range()].trim().is_empty());
    }
    let found = names(&m, text);
    assert!(
        found.contains(&("Angela Merkel".to_owned(), Label::Person)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Paris".to_owned(), Label::Location)),
        "{found:?}"
    );
}

#[test]
fn a_name_recognised_once_helps_elsewhere_in_the_document() {
    let m = model();
    let text = "Denisov arrived on Monday.\nAndrei Denisov, the ambassador, spoke to reporters. Denisov said talks went well.";
    let found = names(&m, text);
    let denisov: Vec<_> = found.iter().filter(|(s, _)| s.contains("Denisov")).collect();
    assert_eq!(denisov.len(), 3, "{found:?}");
    assert!(denisov.iter().all(|(_, l)| *l == Label::Person), "{found:?}");
}

#[test]
fn empty_and_odd_text_yield_no_mentions() {
    let m = model();
    assert!(m.tag("").is_empty());
    assert!(m.tag("   \n\n ").is_empty());
    assert!(m.tag("... , ; -- 123").is_empty());
}

#[test]
fn damaged_model_bytes_are_an_error() {
    assert_eq!(
        Model::from_bytes(&MODEL[..10]).err(),
        Some(ModelError::Envelope(Fault::TooShort { len: 10 }))
    );
    let mut flipped = MODEL.to_vec();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 1;
    assert!(matches!(
        Model::from_bytes(&flipped),
        Err(ModelError::Envelope(Fault::Checksum { .. }))
    ));
}

mod any_text {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text tags without panicking, into sorted, disjoint, non-empty spans on char
        /// boundaries.
        #[test]
        fn mentions_are_ordered_char_aligned_spans(text in "(\\PC|[A-Z][a-z]+ |\\. |'s |-|\n){0,60}") {
            let model = model();
            let mentions = model.tag(&text);
            let mut end = 0;
            for m in &mentions {
                prop_assert!(m.span.start as usize >= end && m.span.start < m.span.end);
                prop_assert!(text.is_char_boundary(m.span.start as usize));
                prop_assert!(text.is_char_boundary(m.span.end as usize));
                end = m.span.end as usize;
            }
            prop_assert!(end <= text.len());
        }
    }
}
