//! A case file of issue 22's size, made natively from the corpus the app was built with:
//! 1,000 corrections of every kind on real entities and mentions, 10,000 notes on real
//! passages, 2,000 documents under ten tags, stars, saved searches and a name list.
//!
//! Why from the built `corpus-*.bin` and not the folder: the corrections must name the
//! entities and mention spans the app shows, and the file is exactly what the page decodes.
//! Each correction names entities no other correction touches, so every one applies (the
//! run prints how many did, checked with the same `apply` the page runs).

use crate::{Result, TaskError};
use dossier_model::document::{Corpus, DocId};
use dossier_model::entity::{Entity, EntityType};
use dossier_model::Span;
use dossier_search::Engine;
use dossier_work::work::{Colour, FacetPicks, NameList, Note, SavedSearch, Tag};
use dossier_work::{Correction, DocHashes, DocKey, EntityRef, MentionRef, Work};
use std::collections::HashSet;
use std::path::Path;

pub const CORRECTIONS: usize = 1_000;
pub const NOTES: usize = 10_000;
pub const TAGGED: usize = 2_000;
pub const TAGS: usize = 10;
const STARS: usize = 200;
/// The first saved search's name: the page shows it once the import is merged.
pub const SAVED_SEARCH: &str = "Bench search 0";
/// Milliseconds since 1970 for the notes' times (a fixed day, so the file is reproducible).
const NOTE_TIME: u64 = 1_765_000_000_000;

/// The tag the keystroke benchmark picks (`?tag=`).
pub fn tag_name(i: usize) -> String {
    format!("topic-{i}")
}

/// The search engine over the corpus in the built site `dist` (its `corpus-*.bin`),
/// decoded as the page does.
pub fn built_engine(dist: &Path) -> Result<Engine> {
    let file = dist
        .read_dir()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with(crate::corpus_data::FILE_PREFIX) && name.ends_with(".bin")
        })
        .ok_or_else(|| TaskError(format!("no corpus-*.bin in {}", dist.display())))?;
    dossier_store::decode(&std::fs::read(&file)?).map_err(|e| TaskError(format!("{}: {e}", file.display())))
}

/// The work of the benchmark on `corpus`.
pub fn make(corpus: &Corpus, hashes: &DocHashes) -> Result<Work> {
    let key = |doc: usize| {
        hashes
            .key(DocId(doc as u32))
            .ok_or_else(|| TaskError(format!("no document {doc}")))
    };
    let n = corpus.documents.len();
    if n < TAGGED {
        return Err(TaskError(format!(
            "the corpus has {n} documents: the benchmark tags {TAGGED}"
        )));
    }
    let mut work = Work {
        corrections: corrections(corpus, hashes)?,
        ..Work::default()
    };
    for t in 0..TAGS {
        work.tags.push(Tag {
            name: tag_name(t),
            colour: Colour::try_from(format!("#{:02x}60{:02x}", 40 + t * 20, 200 - t * 15))
                .map_err(|e| TaskError(e.to_string()))?,
            documents: Vec::new(),
        });
    }
    // 2,000 documents spread over the corpus, each in one tag and every fifth in two.
    for i in 0..TAGGED {
        let doc = key(i * n / TAGGED)?;
        work.tags[i % TAGS].documents.push(doc);
        if i % 5 == 0 {
            work.tags[(i + 3) % TAGS].documents.push(doc);
        }
    }
    for i in 0..STARS {
        work.stars.push(key(i * n / STARS)?);
    }
    for i in 0..NOTES {
        // A stride prime to the corpus size visits every document before repeating one.
        let doc = (i * 7919) % n;
        let span = passage(&corpus.documents[doc].text, i / n)
            .ok_or_else(|| TaskError(format!("document {doc} has no words to note")))?;
        let time = NOTE_TIME + i as u64 * 60_000;
        work.notes.push(Note {
            doc: key(doc)?,
            span,
            text: format!("Note {i}: check this passage against the second source"),
            created: time,
            edited: time,
        });
    }
    for (i, query) in ["economy", "election", "film", "mobile phone", "football"]
        .into_iter()
        .enumerate()
    {
        work.saved_searches.push(SavedSearch {
            name: format!("Bench search {i}"),
            query: query.to_owned(),
            facets: FacetPicks {
                tags: vec![tag_name(i)],
                ..FacetPicks::default()
            },
        });
    }
    work.name_lists.push(NameList {
        name: "Bench names".to_owned(),
        names: top_entities(corpus)
            .iter()
            .take(50)
            .map(|e| e.name.clone())
            .collect(),
    });
    Ok(work)
}

/// Four to eight words of `text`, the `nth` such passage from its start (wrapping).
fn passage(text: &str, nth: usize) -> Option<Span> {
    let words: Vec<(usize, usize)> = text
        .split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            (start, start + w.len())
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    let first = (nth * 17 + 3) % words.len();
    let last = (first + 3 + nth % 5).min(words.len() - 1);
    Some(Span {
        start: words[first].0 as u32,
        end: words[last].1 as u32,
    })
}

/// Entities a reader sees (mentioned in running text), most documents first.
fn top_entities(corpus: &Corpus) -> Vec<&Entity> {
    let mut shown: Vec<&Entity> = corpus
        .entities
        .entities
        .iter()
        .filter(|e| e.counts.text > 0)
        .collect();
    shown.sort_by_key(|e| (std::cmp::Reverse(e.documents.len()), e.id.0));
    shown
}

/// 1,000 corrections, each on entities no other one names: renames, merges, retypes,
/// not-an-entity, split aliases, not-a-mention, split mentions and added names.
fn corrections(corpus: &Corpus, hashes: &DocHashes) -> Result<Vec<Correction>> {
    let entities = top_entities(corpus);
    let mut unused = entities.iter().copied();
    let mut used: HashSet<u32> = HashSet::new();
    let mut take = |used: &mut HashSet<u32>, want: &dyn Fn(&Entity) -> bool| {
        let found = unused.by_ref().find(|e| want(e));
        if let Some(e) = found {
            used.insert(e.id.0);
        }
        found
    };
    let lack = |what: &str| TaskError(format!("the corpus has too few entities for {what}"));
    let mut out = Vec::with_capacity(CORRECTIONS);
    for _ in 0..200 {
        let e = take(&mut used, &|_| true).ok_or_else(|| lack("renames"))?;
        out.push(Correction::Rename {
            entity: EntityRef::of(e),
            to: format!("{} (checked)", e.name),
        });
    }
    for _ in 0..150 {
        let from = take(&mut used, &|_| true).ok_or_else(|| lack("merges"))?;
        let kind = from.kind;
        let into = take(&mut used, &|e| e.kind == kind).ok_or_else(|| lack("merges"))?;
        out.push(Correction::Merge {
            from: EntityRef::of(from),
            into: EntityRef::of(into),
        });
    }
    for _ in 0..150 {
        let e = take(&mut used, &|_| true).ok_or_else(|| lack("retypes"))?;
        let to = if e.kind == EntityType::Org {
            EntityType::Person
        } else {
            EntityType::Org
        };
        out.push(Correction::Retype {
            entity: EntityRef::of(e),
            to,
        });
    }
    for _ in 0..100 {
        let e = take(&mut used, &|_| true).ok_or_else(|| lack("not-an-entity"))?;
        out.push(Correction::NotAnEntity {
            entity: EntityRef::of(e),
        });
    }
    for _ in 0..50 {
        let e = take(&mut used, &|e| !e.aliases.is_empty()).ok_or_else(|| lack("split aliases"))?;
        out.push(Correction::SplitAlias {
            entity: EntityRef::of(e),
            alias: e.aliases[0].clone(),
        });
    }
    // Mentions of entities no correction above names, one per document.
    let mut mentions = corpus
        .entities
        .mentions
        .iter()
        .enumerate()
        .filter_map(|(doc, list)| {
            let m = list.iter().find(|m| !used.contains(&m.entity.0))?;
            Some((doc, m))
        });
    for i in 0..250 {
        let (doc, m) = mentions.next().ok_or_else(|| lack("mentions"))?;
        let mention = MentionRef {
            doc: key(hashes, doc)?,
            span: m.span,
        };
        if i % 2 == 0 {
            out.push(Correction::NotAMention { mention });
        } else {
            let entity = &corpus.entities.entities[m.entity.0 as usize];
            out.push(Correction::SplitMention {
                mention,
                into: EntityRef::new(format!("{} (split {i})", entity.name), entity.kind),
            });
        }
    }
    // Names the tagger missed: a capitalised word outside every mention, in documents
    // after the ones above; a few everywhere in the corpus.
    let mut added = 0;
    for (doc, document) in corpus.documents.iter().enumerate().skip(300) {
        if added == 100 {
            break;
        }
        let taken = &corpus.entities.mentions[doc];
        let Some(span) = missed_name(&document.text, taken) else {
            continue;
        };
        out.push(Correction::Add {
            mention: MentionRef {
                doc: key(hashes, doc)?,
                span,
            },
            kind: EntityType::Org,
            everywhere: added % 20 == 0,
        });
        added += 1;
    }
    if out.len() != CORRECTIONS {
        return Err(lack(&format!("{CORRECTIONS} corrections (made {})", out.len())));
    }
    Ok(out)
}

fn key(hashes: &DocHashes, doc: usize) -> Result<DocKey> {
    hashes
        .key(DocId(doc as u32))
        .ok_or_else(|| TaskError(format!("no document {doc}")))
}

/// A capitalised word of six letters or more in the middle of a sentence that no
/// mention covers.
fn missed_name(text: &str, mentions: &[dossier_model::entity::Mention]) -> Option<Span> {
    let mut previous = "";
    for word in text.split_whitespace() {
        let start = (word.as_ptr() as usize - text.as_ptr() as usize) as u32;
        let end = start + word.len() as u32;
        let candidate = word.len() >= 6
            && word.chars().all(|c| c.is_ascii_alphabetic())
            && word.starts_with(|c: char| c.is_ascii_uppercase())
            && !previous.ends_with(['.', '!', '?', '"'])
            && !previous.is_empty();
        previous = word;
        if candidate && !mentions.iter().any(|m| m.span.start < end && start < m.span.end) {
            return Some(Span { start, end });
        }
    }
    None
}
