//! Name lists on the BBC corpus (`../shared/corpora/bbc`, skipped with a message where
//! absent): 100 names as a journalist pastes them (full names, lower case, surnames,
//! typos) are found, and how long the lookup takes is printed.

use dossier_explore::names::{name_table, parse_names, How, NameIndex};
use dossier_ingest::source;
use dossier_model::document::DocId;
use dossier_model::entity::{Counting, EntityType};
use dossier_nlp::entity;
use dossier_nlp::ner;
use std::path::Path;
use std::time::Instant;

/// `name` with its third and fourth letters swapped: a typo search forgives.
fn swapped(name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    chars.swap(2, 3);
    chars.into_iter().collect()
}

#[test]
fn bbc_name_lists_match_and_run_fast() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/bbc");
    if !dir.is_dir() {
        eprintln!("SKIPPED: {} is absent", dir.display());
        return;
    }
    let (files, _) = source::read_corpus_dir(&dir).expect("bbc folder");
    let mut corpus = dossier_ingest::ingest(files);
    let model = ner::Model::from_bytes(ner::MODEL).expect("embedded model");
    corpus.entities = entity::recognise(&corpus, &model);

    // The 100 most-mentioned people with a two-word name of ten letters or more, pasted
    // four ways, 25 each.
    let mut people: Vec<_> = corpus
        .entities
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Person && e.name.split(' ').count() == 2 && e.name.len() >= 10)
        .collect();
    people.sort_by_key(|e| std::cmp::Reverse(e.counts.text));
    assert!(people.len() >= 100, "{} people", people.len());
    let pasted: Vec<String> = people[..100]
        .iter()
        .enumerate()
        .map(|(i, e)| match i % 4 {
            0 => e.name.clone(),
            1 => e.name.to_uppercase(),
            2 => e.name.rsplit(' ').next().unwrap_or_default().to_owned(),
            _ => swapped(&e.name),
        })
        .collect();
    let names = parse_names(&pasted.join("\n"));
    let docs: Vec<DocId> = corpus.documents.iter().map(|d| d.id).collect();

    let start = Instant::now();
    let index = NameIndex::new(&corpus.entities, Counting::Text);
    let built = start.elapsed();
    let start = Instant::now();
    let table = name_table(&corpus, &index, &names, &docs, Counting::Text);
    let looked_up = start.elapsed();
    let unmatched: Vec<&str> = table
        .rows
        .iter()
        .filter(|r| r.lookup.found.is_none())
        .map(|r| r.lookup.name.as_str())
        .collect();
    eprintln!(
        "names on BBC: index of {} entities in {built:?}; {} names x {} documents in {looked_up:?}; \
         {} unmatched {unmatched:?}; table {} x {}",
        corpus.entities.entities.len(),
        names.len(),
        docs.len(),
        unmatched.len(),
        table.matrix.rows(),
        table.matrix.cols(),
    );

    // The worst case: 100 names that match nothing, each compared with every name.
    let nobody: Vec<String> = (0..100).map(|i| format!("Qwzx Nobody{i}")).collect();
    let start = Instant::now();
    let none = name_table(&corpus, &index, &nobody, &docs, Counting::Text);
    eprintln!(
        "names on BBC: 100 unmatched names with candidates in {:?}",
        start.elapsed()
    );
    assert!(none
        .rows
        .iter()
        .all(|r| r.lookup.found.is_none() && r.lookup.candidates.len() == 3));

    for (i, row) in table.rows.iter().enumerate() {
        let Some((found, how)) = &row.lookup.found else {
            continue;
        };
        if i % 4 < 2 {
            assert_eq!((*found, how), (people[i].id, &How::Exact), "{}", row.lookup.name);
            assert_eq!(row.mentions, people[i].counts.text, "{}", row.lookup.name);
        }
    }
    assert!(
        unmatched.is_empty(),
        "every way of pasting finds something: {unmatched:?}"
    );
    let typos_found = (3..100)
        .step_by(4)
        .filter(|&i| table.rows[i].lookup.found.as_ref().map(|f| f.0) == Some(people[i].id))
        .count();
    assert!(typos_found >= 24, "{typos_found} of 25 typos found their person");
}
