//! What the reader's work costs (issue 22): 1,000 entity corrections applied to BBC's
//! entities (`dossier_work::apply`, re-run on every change), the documents' content
//! hashes computed once per load, and a case file of 1,000 corrections, 10,000 notes
//! and 2,000 tagged documents exported and imported. BBC from `../shared/corpora/bbc`
//! through `dossier_core::analyse` when present, else the seeds (with a message).

use criterion::{criterion_group, criterion_main, Criterion};
use dossier_model::document::DocId;
use dossier_model::entity::{Entities, EntityType};
use dossier_model::{Corpus, Span};
use dossier_nlp::ner;
use dossier_work::case_file;
use dossier_work::work::{Colour, Note, Tag};
use dossier_work::{Correction, DocHashes, EntityRef, MentionRef, Work};
use std::path::Path;

/// BBC analysed as the build does, or the seeds when `../shared` is absent.
fn corpus() -> (&'static str, Corpus) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let model = ner::Model::from_bytes(ner::MODEL).expect("the embedded model loads");
    let (name, corpus) = match dossier_ingest::load_corpus(&root.join("../shared/corpora/bbc")) {
        Ok(corpus) => ("bbc", corpus),
        Err(e) => {
            eprintln!("skipping BBC: ../shared/corpora/bbc unreadable ({e}); measuring the seeds");
            (
                "seeds",
                dossier_ingest::load_corpus(&root.join("seeds")).expect("seeds folder"),
            )
        }
    };
    (name, dossier_core::analyse(corpus, &model).0)
}

/// A fixed pseudo-random sequence (xorshift), so every run corrects the same entities.
struct Picks(u64);

impl Picks {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// `n` corrections of every kind over distinct entities and mentions, so each finds its
/// target (none is skipped as already corrected): what a reader's long session leaves.
fn corrections(corpus: &Corpus, hashes: &DocHashes, n: usize) -> Vec<Correction> {
    let entities = &corpus.entities;
    let mut picks = Picks(0x2545_F491_4F6C_DD1D);
    let mut used = vec![false; entities.entities.len()];
    // Names only: numbers and dates are corrected far less, and name entities are the
    // ones linking gives many mentions.
    let mut fresh = |picks: &mut Picks, with_aliases: bool| loop {
        let e = &entities.entities[picks.below(entities.entities.len())];
        let id = e.id.0 as usize;
        if !used[id] && e.kind.is_name() && (!with_aliases || !e.aliases.is_empty()) {
            used[id] = true;
            return e;
        }
    };
    let mut out = Vec::with_capacity(n);
    let mentioned = |picks: &mut Picks| loop {
        let doc = picks.below(entities.mentions.len());
        let found = entities.mentions_in(DocId(doc as u32));
        if let Some(m) = found.get(picks.below(found.len())) {
            return MentionRef {
                doc: hashes.key(DocId(doc as u32)).expect("a document"),
                span: m.span,
            };
        }
    };
    while out.len() < n {
        let i = out.len();
        let correction = match i % 10 {
            0 | 1 => Correction::Rename {
                entity: EntityRef::of(fresh(&mut picks, false)),
                to: format!("Corrected name {i}"),
            },
            2 | 3 => Correction::Merge {
                from: EntityRef::of(fresh(&mut picks, false)),
                into: EntityRef::of(fresh(&mut picks, false)),
            },
            4 => Correction::Retype {
                entity: EntityRef::of(fresh(&mut picks, false)),
                to: EntityType::Misc,
            },
            5 => Correction::NotAnEntity {
                entity: EntityRef::of(fresh(&mut picks, false)),
            },
            6 => Correction::SplitMention {
                mention: mentioned(&mut picks),
                into: EntityRef::new(format!("Split entity {i}"), EntityType::Person),
            },
            7 => {
                let e = fresh(&mut picks, true);
                Correction::SplitAlias {
                    entity: EntityRef::of(e),
                    alias: e.aliases[0].clone(),
                }
            }
            8 => Correction::NotAMention {
                mention: mentioned(&mut picks),
            },
            _ => Correction::Add {
                mention: missed_word(corpus, hashes, &mut picks),
                kind: EntityType::Org,
                // One in ten adds marks every occurrence: the dearest kind.
                everywhere: i % 100 == 9,
            },
        };
        out.push(correction);
    }
    out
}

/// A capitalised word of some document that no mention covers: a name the tagger missed.
fn missed_word(corpus: &Corpus, hashes: &DocHashes, picks: &mut Picks) -> MentionRef {
    loop {
        let doc = picks.below(corpus.documents.len());
        let text = &corpus.documents[doc].text;
        let mentions = corpus.entities.mentions_in(DocId(doc as u32));
        let words: Vec<Span> = text
            .split_ascii_whitespace()
            .filter(|w| {
                w.len() > 3 && w.chars().all(char::is_alphabetic) && w.starts_with(char::is_uppercase)
            })
            .map(|w| {
                let start = w.as_ptr() as usize - text.as_ptr() as usize;
                Span::new(start, start + w.len())
            })
            .filter(|s| {
                !mentions
                    .iter()
                    .any(|m| m.span.start < s.end && s.start < m.span.end)
            })
            .collect();
        if let Some(&span) = words.get(picks.below(words.len())) {
            return MentionRef {
                doc: hashes.key(DocId(doc as u32)).expect("a document"),
                span,
            };
        }
    }
}

/// The large case: the corrections, 10,000 notes, 2,000 documents under 20 tags.
fn large_work(corpus: &Corpus, hashes: &DocHashes, corrections: Vec<Correction>) -> Work {
    let docs = corpus.documents.len();
    let key = |i: usize| hashes.key(DocId((i % docs) as u32)).expect("a document");
    let notes = (0..10_000)
        .map(|i| {
            let text = &corpus.documents[i % docs].text;
            let end = text.char_indices().nth(40).map_or(text.len(), |(at, _)| at);
            Note {
                doc: key(i),
                span: Span::new(0, end),
                text: format!("Note {i}: check this passage against the filings."),
                created: 1_765_000_000_000 + i as u64,
                edited: 1_765_000_000_000 + i as u64,
            }
        })
        .collect();
    let tags = (0..20)
        .map(|t| Tag {
            name: format!("Tag {t}"),
            colour: Colour::try_from(format!("#{:06x}", t * 0x0a0b0c)).expect("a colour"),
            documents: (0..100).map(|i| key(t * 100 + i)).collect(),
        })
        .collect();
    Work {
        tags,
        stars: (0..200).map(key).collect(),
        notes,
        corrections,
        ..Work::default()
    }
}

fn benches(c: &mut Criterion) {
    let (name, corpus) = corpus();
    let hashes = DocHashes::new(&corpus.documents);
    let list = corrections(&corpus, &hashes, 1_000);
    let applied = dossier_work::apply(&corpus.entities, &corpus.documents, &hashes, &list);
    let mentions = |e: &Entities| e.mentions.iter().map(Vec::len).sum::<usize>();
    eprintln!(
        "{name}: {} documents, {} entities, {} mentions; after {} corrections ({} skipped): {} entities, {} mentions",
        corpus.documents.len(),
        corpus.entities.entities.len(),
        mentions(&corpus.entities),
        list.len(),
        applied.unapplied.len(),
        applied.entities.entities.len(),
        mentions(&applied.entities),
    );
    for skipped in &applied.unapplied {
        eprintln!("  skipped {:?}: {}", list[skipped.index], skipped.reason);
    }
    let work = large_work(&corpus, &hashes, list.clone());
    let file = case_file::export(&work, &hashes);
    eprintln!("case file: {} KiB", file.len() / 1024);

    let mut group = c.benchmark_group(format!("workbench {name}"));
    group.sample_size(10);
    group.bench_function("apply 1,000 corrections", |b| {
        b.iter(|| dossier_work::apply(&corpus.entities, &corpus.documents, &hashes, &list))
    });
    // The adds marked everywhere (1 in 100) search the whole corpus's text: apart.
    let nowhere: Vec<Correction> = list
        .iter()
        .map(|c| match c {
            Correction::Add { mention, kind, .. } => Correction::Add {
                mention: *mention,
                kind: *kind,
                everywhere: false,
            },
            other => other.clone(),
        })
        .collect();
    group.bench_function("apply 1,000 corrections, no add everywhere", |b| {
        b.iter(|| dossier_work::apply(&corpus.entities, &corpus.documents, &hashes, &nowhere))
    });
    // What any new `Entities` costs: the floor under applying no correction.
    group.bench_function("clone and recount the entities", |b| {
        b.iter(|| {
            let mut entities = corpus.entities.clone();
            entities.recount();
            entities
        })
    });
    group.bench_function("apply no correction", |b| {
        b.iter(|| dossier_work::apply(&corpus.entities, &corpus.documents, &hashes, &[]))
    });
    group.bench_function("content hashes of every document", |b| {
        b.iter(|| DocHashes::new(&corpus.documents))
    });
    group.bench_function("export the case file", |b| {
        b.iter(|| case_file::export(&work, &hashes))
    });
    group.bench_function("import the case file into no work", |b| {
        b.iter(|| case_file::import(&file, &corpus.documents, &hashes, &Work::default()).expect("readable"))
    });
    group.bench_function("import the case file into the same work", |b| {
        b.iter(|| case_file::import(&file, &corpus.documents, &hashes, &work).expect("readable"))
    });
    group.finish();
}

criterion_group!(workbench, benches);
criterion_main!(workbench);
