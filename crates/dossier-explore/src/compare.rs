//! Comparing outlets: what two or more picked documents share, what each says alone,
//! their figures side by side and the names only one of them mentions.
//!
//! **Shared passages** are near-duplicate sentences: each sentence becomes the set of its
//! 3-word shingles over analysed words (folded and stemmed, as search sees them, so
//! "Russia's"/"Russia’s" or "troop"/"troops" do not hide a copy), and two sentences of
//! different documents are shared when the Jaccard similarity of their sets is at least
//! [`SIMILARITY_THRESHOLD`] (0.5: an edited wire sentence keeps more than half its
//! shingles; two sentences merely on the same topic keep a fifth or less; on the five
//! seeds, which paraphrase one story, the closest pair is 0.23). Sentences sharing a
//! shingle are found through an inverted index from shingle to sentence and scored
//! exactly. We do not use MinHash with LSH banding: a comparison holds a handful of
//! documents (hundreds of sentences), where the exact index is both cheaper than
//! computing signatures and free of the misses banding allows. Linked sentences are
//! grouped (union-find) into [`SharedPassage`]s.
//!
//! Sentences of fewer than [`MIN_WORDS`] words are neither shared nor unique: "He
//! said." matches everywhere and says nothing.
//!
//! **What each says alone** is looser than a shared passage: the five seeds paraphrase
//! one story, so hardly a sentence is copied, yet most are said by the others in other
//! words. A sentence is listed as its document's own only when no sentence of another
//! picked document *says the same*: their content words (analysed terms less function
//! words) overlap in at least [`MIN_SAME_TERMS`] terms and in at least [`SAME_CONTENT`]
//! of the shorter one's ("Putin and his Chinese counterpart Xi Jinping are expected to
//! meet next week" and "Xi Jinping and Vladimir Putin are expected to meet next week at
//! a summit" say the same; two sentences that share only "Putin" and "Xi" do not).
//!
//! **Figures** are the number mentions (CARDINAL, QUANTITY, MONEY, PERCENT) with the
//! sentence they are in, grouped by the noun they count (a measure's own unit, else the
//! word right after the number when it is not a function word; numbers without one by
//! type) *and by the fact they belong to*: two figures of one noun share a row only when
//! their sentences, less the figures themselves, say the same (as above). "More than
//! 50,000 troops took part in the drills" (the whole exercise) and "China sent more than
//! 2,000 troops" (one contingent) count troops of different facts: two rows, not a
//! discrepancy.
//!
//! ```
//! use dossier_explore::compare::compare;
//! use dossier_model::entity::Counting;
//! use dossier_model::Corpus;
//!
//! let nothing = compare(&Corpus::default(), &[], &[], Counting::Text);
//! assert!(nothing.docs.is_empty() && nothing.shared.is_empty());
//! ```

use dossier_model::document::{Corpus, DocId, Document, Treatment};
use dossier_model::entity::{Counting, EntityId, EntityType};
use dossier_model::span::Span;
use dossier_search::analyze::{fold, Analyzer};
use std::collections::{BTreeMap, HashMap};

/// The Jaccard similarity of shingle sets at which two sentences count as one passage.
pub const SIMILARITY_THRESHOLD: f32 = 0.5;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 3;
/// Sentences shorter than this (in words) are left out of shared and unique passages.
pub const MIN_WORDS: usize = 5;
/// Two sentences say the same when they share at least this many content words...
pub const MIN_SAME_TERMS: usize = 3;
/// ...making up at least this share of the shorter one's content words.
pub const SAME_CONTENT: f32 = 0.6;

/// Words that carry no content of their own, left out when asking whether two sentences
/// say the same (folded, before stemming).
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "nor",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "as",
    "into",
    "onto",
    "about",
    "than",
    "then",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "his",
    "her",
    "they",
    "them",
    "their",
    "we",
    "our",
    "you",
    "your",
    "i",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "not",
    "no",
    "so",
    "if",
    "also",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "when",
    "where",
    "while",
    "there",
    "here",
    "s",
    "said",
    "says",
    "say",
    "according",
    "more",
    "most",
    "some",
    "all",
    "any",
    "each",
    "other",
    "such",
    "only",
    "own",
    "same",
    "up",
    "out",
    "over",
    "after",
    "before",
    "since",
    "during",
    "under",
    "between",
    "against",
];

/// The sorted, distinct content words of `text` as `analyzer` stems them, leaving out
/// function words, numbers and any word inside `skip` (byte ranges of `text`).
fn content_terms(analyzer: &Analyzer, text: &str, skip: &[std::ops::Range<usize>]) -> Vec<String> {
    let mut terms: Vec<String> = analyzer
        .tokens(text)
        .filter(|t| !skip.iter().any(|r| r.contains(&t.start)))
        // Numbers are the figures themselves, not what a sentence says about them.
        .filter(|t| {
            !FUNCTION_WORDS.contains(&t.folded.as_str())
                && !t.folded.starts_with(|c: char| c.is_ascii_digit())
        })
        .map(|t| t.term)
        .collect();
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// Do two sentences' content words (sorted, distinct) say the same? See the module doc.
fn says_the_same(a: &[String], b: &[String]) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let shorter = a.len().min(b.len());
    shared >= MIN_SAME_TERMS && shared as f32 >= SAME_CONTENT * shorter as f32
}

/// What the picked documents have in common and apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// The picked documents the corpus has, in the order picked, each once.
    pub docs: Vec<DocId>,
    /// Near-duplicate sentences across the documents, in the order of their first
    /// member.
    pub shared: Vec<SharedPassage>,
    /// Per document (in `docs` order): its sentences with no near-duplicate in the others.
    pub unique: Vec<(DocId, Vec<Span>)>,
    /// Figures grouped by what they count and the fact they belong to (see the module
    /// doc): rows with a noun before the `(number)`-like rows, then rows found in more
    /// documents, more figures, and by noun.
    pub figures: Vec<FigureRow>,
    /// Per document: the names (people, organisations, places, groups, events) no other
    /// picked document mentions, most-mentioned first.
    pub only_in: Vec<(DocId, Vec<EntityId>)>,
    /// Names every picked document mentions, by entity id.
    pub in_all: Vec<EntityId>,
}

/// Sentences of different documents (and any repeats of them) that are near-duplicates.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedPassage {
    /// Sorted by document then position.
    pub members: Vec<(DocId, Span)>,
    /// The lowest Jaccard similarity among the links that joined the group.
    pub similarity: f32,
}

/// One thing counted ("troops") in one fact, and each document's figures for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRow {
    /// The counted noun as first written, lower-cased; `(money)`, `(percent)`,
    /// `(quantity)` or `(number)` for figures without one.
    pub noun: String,
    /// One cell per picked document (in `docs` order, possibly empty): the figure's span
    /// (with a leading "more than", "about"... when there is one) and its sentence's.
    pub cells: Vec<(DocId, Vec<(Span, Span)>)>,
}

/// Compares the picked `docs`; `sentences[d]` are the sentence byte spans of document
/// `d` (spans outside the text or off char boundaries are ignored; a document without
/// sentences has no passages, and its figures fall back to their paragraph).
pub fn compare(corpus: &Corpus, sentences: &[Vec<Span>], docs: &[DocId], counting: Counting) -> Comparison {
    let mut picked: Vec<&Document> = Vec::new();
    for &d in docs {
        if let Some(doc) = corpus.document(d) {
            if !picked.iter().any(|p| p.id == d) {
                picked.push(doc);
            }
        }
    }
    let per_doc: Vec<Vec<Span>> = picked
        .iter()
        .map(|doc| usable_sentences(doc, sentences.get(doc.id.0 as usize).map_or(&[], Vec::as_slice)))
        .collect();
    let analyzer = Analyzer::default();
    let (shared, unique) = passages(&picked, &per_doc, &analyzer);
    let figures = figures(corpus, &picked, &per_doc, &analyzer, counting);
    let (only_in, in_all) = names_apart(corpus, &picked, counting);
    Comparison {
        docs: picked.iter().map(|d| d.id).collect(),
        shared,
        unique,
        figures,
        only_in,
        in_all,
    }
}

/// The valid sentence spans of `doc`, sorted, leaving out any wholly in removed text.
fn usable_sentences(doc: &Document, spans: &[Span]) -> Vec<Span> {
    let removed: Vec<Span> = doc
        .regions
        .iter()
        .filter(|r| r.kind.treatment() == Treatment::Removed)
        .map(|r| r.span)
        .collect();
    let mut out: Vec<Span> = spans
        .iter()
        .copied()
        .filter(|s| {
            s.start < s.end && doc.text.get(s.range()).is_some() && !removed.iter().any(|r| r.contains(*s))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// One sentence under comparison.
struct Sentence {
    doc: usize,
    span: Span,
    /// Sorted, without repeats.
    shingles: Vec<[u32; SHINGLE_WORDS]>,
    /// Content words, sorted, without repeats ([`content_terms`]).
    terms: Vec<String>,
}

fn passages(
    picked: &[&Document],
    per_doc: &[Vec<Span>],
    analyzer: &Analyzer,
) -> (Vec<SharedPassage>, Vec<(DocId, Vec<Span>)>) {
    let mut words: HashMap<String, u32> = HashMap::new();
    let mut sentences: Vec<Sentence> = Vec::new();
    for (d, doc) in picked.iter().enumerate() {
        for &span in &per_doc[d] {
            let ids: Vec<u32> = analyzer
                .tokens(doc.slice(span))
                .map(|t| {
                    let next = words.len() as u32;
                    *words.entry(t.term).or_insert(next)
                })
                .collect();
            if ids.len() < MIN_WORDS {
                continue;
            }
            let mut shingles: Vec<[u32; SHINGLE_WORDS]> =
                ids.windows(SHINGLE_WORDS).map(|w| [w[0], w[1], w[2]]).collect();
            shingles.sort_unstable();
            shingles.dedup();
            sentences.push(Sentence {
                doc: d,
                span,
                shingles,
                terms: content_terms(analyzer, doc.slice(span), &[]),
            });
        }
    }

    let mut postings: HashMap<[u32; SHINGLE_WORDS], Vec<u32>> = HashMap::new();
    for (i, s) in sentences.iter().enumerate() {
        for sh in &s.shingles {
            postings.entry(*sh).or_default().push(i as u32);
        }
    }
    let mut groups = UnionFind::new(sentences.len());
    let mut link_similarity = vec![f32::INFINITY; sentences.len()];
    let mut common = vec![0u32; sentences.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        for sh in &s.shingles {
            for &j in &postings[sh] {
                // Each pair once (j > i), across documents only.
                if j as usize > i && sentences[j as usize].doc != s.doc {
                    if common[j as usize] == 0 {
                        touched.push(j);
                    }
                    common[j as usize] += 1;
                }
            }
        }
        for &j in &touched {
            let j = j as usize;
            let both = common[j] as f32;
            let either = (s.shingles.len() + sentences[j].shingles.len()) as f32 - both;
            let jaccard = both / either;
            if jaccard >= SIMILARITY_THRESHOLD {
                groups.union(i, j);
                link_similarity[i] = link_similarity[i].min(jaccard);
                link_similarity[j] = link_similarity[j].min(jaccard);
            }
            common[j] = 0;
        }
        touched.clear();
    }

    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..sentences.len() {
        by_root.entry(groups.find(i)).or_default().push(i);
    }
    let mut shared: Vec<SharedPassage> = by_root
        .values()
        .filter(|members| members.len() > 1)
        .map(|members| {
            let mut list: Vec<(DocId, Span)> = members
                .iter()
                .map(|&i| (picked[sentences[i].doc].id, sentences[i].span))
                .collect();
            list.sort_by_key(|&(d, s)| (picked.iter().position(|p| p.id == d), s));
            SharedPassage {
                members: list,
                similarity: members.iter().map(|&i| link_similarity[i]).fold(1.0f32, f32::min),
            }
        })
        .collect();
    shared.sort_by_key(|p| {
        let (d, s) = p.members[0];
        (picked.iter().position(|x| x.id == d), s)
    });
    // A sentence is its document's own when it is in no shared passage and no sentence
    // of another document says the same in other words.
    let said_elsewhere = |s: &Sentence| {
        sentences
            .iter()
            .any(|o| o.doc != s.doc && says_the_same(&s.terms, &o.terms))
    };
    let unique = picked
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let alone = sentences
                .iter()
                .enumerate()
                .filter(|(i, s)| {
                    s.doc == d
                        && by_root.get(&groups.find(*i)).is_some_and(|g| g.len() == 1)
                        && !said_elsewhere(s)
                })
                .map(|(_, s)| s.span)
                .collect();
            (doc.id, alone)
        })
        .collect();
    (shared, unique)
}

/// Disjoint sets with path halving, for grouping linked sentences.
struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind((0..n).collect())
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        self.0[a.max(b)] = a.min(b);
    }
}

/// Words that follow a number without being what it counts ("2,000 of the", "5 in").
const NOT_A_NOUN: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "that", "this", "than",
    "per", "more", "less", "over", "under", "up", "down", "into", "out", "after", "before", "since", "who",
    "which", "while", "when", "said", "says", "million", "billion", "trillion", "thousand", "bn", "m", "k",
    "tn", "percent", "cent", "year", "years", "old",
];

/// Qualifiers kept with a figure ("more than 50,000").
const QUALIFIERS: &[&str] = &[
    "more than",
    "less than",
    "fewer than",
    "at least",
    "up to",
    "nearly",
    "almost",
    "about",
    "around",
    "over",
    "some",
    "roughly",
    "approximately",
];

fn figures(
    corpus: &Corpus,
    picked: &[&Document],
    per_doc: &[Vec<Span>],
    analyzer: &Analyzer,
    counting: Counting,
) -> Vec<FigureRow> {
    /// One figure: its document, what it counts, where it is and what its sentence says
    /// besides it.
    struct Figure {
        doc: usize,
        key: String,
        noun: String,
        span: Span,
        sentence: Span,
        terms: Vec<String>,
    }
    let mut found: Vec<Figure> = Vec::new();
    for (d, doc) in picked.iter().enumerate() {
        for m in corpus.entities.mentions_in(doc.id) {
            let Some(kind) = corpus.entities.entity(m.entity).map(|e| e.kind) else {
                continue;
            };
            let fallback = match kind {
                EntityType::Cardinal => "(number)",
                EntityType::Quantity => "(quantity)",
                EntityType::Money => "(money)",
                EntityType::Percent => "(percent)",
                _ => continue,
            };
            if !counting.admits(m) || doc.text.get(m.span.range()).is_none() {
                continue;
            }
            let sentence = per_doc[d]
                .iter()
                .find(|s| s.contains(m.span))
                .copied()
                .unwrap_or_else(|| {
                    let (start, end) = super::kwic::paragraph_around(doc, m.span);
                    Span::new(start, end)
                });
            let noun = counted_noun(doc, m.span, kind);
            let (key, shown) = match noun {
                Some(word) => {
                    let folded = fold(word);
                    (analyzer.stem(&folded), folded)
                }
                None => (fallback.to_owned(), fallback.to_owned()),
            };
            let span = with_qualifier(doc, m.span);
            // The figure and the noun after it are not what the sentence says about them.
            let figure_end = match noun {
                Some(word) if !doc.slice(m.span).ends_with(word) => m.span.end as usize + 1 + word.len(),
                _ => m.span.end as usize,
            };
            let skip = (span.start as usize).saturating_sub(sentence.start as usize)
                ..figure_end.saturating_sub(sentence.start as usize);
            found.push(Figure {
                doc: d,
                key,
                noun: shown,
                span,
                sentence,
                terms: content_terms(analyzer, doc.slice(sentence), &[skip]),
            });
        }
    }
    // Rows: figures of one noun whose sentences say the same, linked into groups.
    let mut same = UnionFind::new(found.len());
    for i in 0..found.len() {
        for j in i + 1..found.len() {
            if found[i].key == found[j].key && says_the_same(&found[i].terms, &found[j].terms) {
                same.union(i, j);
            }
        }
    }
    struct Row {
        noun: String,
        cells: Vec<Vec<(Span, Span)>>,
    }
    let mut rows: BTreeMap<usize, Row> = BTreeMap::new();
    for (i, f) in found.iter().enumerate() {
        let row = rows.entry(same.find(i)).or_insert_with(|| Row {
            noun: f.noun.clone(),
            cells: vec![Vec::new(); picked.len()],
        });
        row.cells[f.doc].push((f.span, f.sentence));
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    rows.sort_by_key(|r| {
        let docs = r.cells.iter().filter(|c| !c.is_empty()).count();
        let total: usize = r.cells.iter().map(Vec::len).sum();
        let no_noun = r.noun.starts_with('(');
        (
            no_noun,
            std::cmp::Reverse(docs),
            std::cmp::Reverse(total),
            r.noun.clone(),
        )
    });
    rows.into_iter()
        .map(|r| FigureRow {
            noun: r.noun,
            cells: picked.iter().map(|d| d.id).zip(r.cells).collect(),
        })
        .collect()
}

/// What the number at `span` counts: a measure's unit (its last word), else the next
/// word when it is a plain lower-case word and not a function word.
fn counted_noun(doc: &Document, span: Span, kind: EntityType) -> Option<&str> {
    let is_noun = |w: &str| {
        !w.is_empty()
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && w.chars().next().is_some_and(char::is_lowercase)
            && !NOT_A_NOUN.contains(&w)
    };
    let text = doc.slice(span);
    if kind == EntityType::Quantity {
        if let Some(unit) = text
            .rsplit([' ', '-'])
            .next()
            .filter(|w| w.chars().all(char::is_alphabetic))
        {
            if !unit.is_empty() {
                return Some(unit);
            }
        }
    }
    let after = doc.text.get(span.end as usize..)?;
    let rest = after.strip_prefix(' ')?;
    let word = &rest[..rest
        .find(|c: char| !(c.is_alphabetic() || c == '-'))
        .unwrap_or(rest.len())];
    Some(word).filter(|w| is_noun(w))
}

/// `span` widened to a qualifier right before it ("more than 50,000").
fn with_qualifier(doc: &Document, span: Span) -> Span {
    let before = &doc.text[..span.start as usize];
    let Some(before) = before.strip_suffix(' ') else {
        return span;
    };
    for q in QUALIFIERS {
        if before.len() >= q.len() && before.is_char_boundary(before.len() - q.len()) {
            let start = before.len() - q.len();
            let word_start = before[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if before[start..].eq_ignore_ascii_case(q) && word_start {
                return Span::new(start, span.end as usize);
            }
        }
    }
    span
}

type NamesApart = (Vec<(DocId, Vec<EntityId>)>, Vec<EntityId>);

fn names_apart(corpus: &Corpus, picked: &[&Document], counting: Counting) -> NamesApart {
    // Per entity: mentions in each picked document.
    let mut counts: BTreeMap<EntityId, Vec<u32>> = BTreeMap::new();
    for (d, doc) in picked.iter().enumerate() {
        for m in corpus.entities.mentions_in(doc.id) {
            let is_name = corpus.entities.entity(m.entity).is_some_and(|e| e.kind.is_name());
            if is_name && counting.admits(m) {
                counts.entry(m.entity).or_insert_with(|| vec![0; picked.len()])[d] += 1;
            }
        }
    }
    let in_all = counts
        .iter()
        .filter(|(_, c)| c.iter().all(|&n| n > 0))
        .map(|(&e, _)| e)
        .collect();
    let only_in = picked
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let mut alone: Vec<(EntityId, u32)> = counts
                .iter()
                .filter(|(_, c)| picked.len() > 1 && c.iter().enumerate().all(|(o, &n)| (o == d) == (n > 0)))
                .map(|(&e, c)| (e, c[d]))
                .collect();
            alone.sort_by_key(|&(e, n)| (std::cmp::Reverse(n), e));
            (doc.id, alone.into_iter().map(|(e, _)| e).collect())
        })
        .collect();
    (only_in, in_all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;
    use dossier_model::entity::{Entities, Entity, Mention, Place};

    /// Sentences: every line of the text cut after ". " (enough for made-up documents).
    fn split(doc: &Document) -> Vec<Span> {
        let mut out = Vec::new();
        for p in &doc.paragraphs {
            let text = doc.slice(*p);
            let mut start = 0;
            for (i, _) in text.match_indices(". ") {
                out.push(Span::new(p.start as usize + start, p.start as usize + i + 1));
                start = i + 2;
            }
            out.push(Span::new(p.start as usize + start, p.end as usize));
        }
        out
    }

    /// Documents from `texts`; every occurrence of each `(surface, type)` is a mention
    /// of one entity per surface.
    fn corpus(texts: &[&str], names: &[(&str, EntityType)]) -> (Corpus, Vec<Vec<Span>>) {
        let files = texts
            .iter()
            .enumerate()
            .map(|(i, t)| SourceFile::new(format!("{i}.txt"), t.as_bytes().to_vec()))
            .collect();
        let mut c = ingest(files);
        let mut mentions = Vec::new();
        for doc in &c.documents {
            let mut found: Vec<Mention> = names
                .iter()
                .enumerate()
                .flat_map(|(e, (surface, _))| {
                    doc.text.match_indices(surface).map(move |(i, _)| Mention {
                        span: Span::new(i, i + surface.len()),
                        entity: EntityId(e as u32),
                        place: Place::Text,
                    })
                })
                .collect();
            found.sort();
            mentions.push(found);
        }
        c.entities = Entities {
            entities: names
                .iter()
                .enumerate()
                .map(|(i, (surface, kind))| Entity::new(EntityId(i as u32), *surface, *kind))
                .collect(),
            mentions,
        };
        c.entities.recount();
        let sentences = c.documents.iter().map(split).collect();
        (c, sentences)
    }

    const A: &str = "Drills end\n\nRussia held its Vostok drills in the Far East this week with China. More than 50,000 troops took part in the drills, the ministry said. Observers were impressed.\n";
    const B: &str = "Beijing joins\n\nChina sent more than 2,000 troops to the exercises. Russia held its Vostok drills in the Far East this week alongside China. The navy sent three warships.\n";
    const C: &str = "Weather\n\nIt rained all week in Paris and the river rose above its banks.\n";

    fn text_of(c: &Corpus, d: DocId, s: Span) -> &str {
        c.document(d).unwrap().slice(s)
    }

    #[test]
    fn edited_copies_are_shared_and_the_rest_unique() {
        let (c, sentences) = corpus(&[A, B, C], &[]);
        let cmp = compare(&c, &sentences, &[DocId(0), DocId(1), DocId(2)], Counting::Text);
        assert_eq!(cmp.shared.len(), 1);
        let passage = &cmp.shared[0];
        let members: Vec<(u32, &str)> = passage
            .members
            .iter()
            .map(|&(d, s)| (d.0, text_of(&c, d, s)))
            .collect();
        assert_eq!(
            members,
            [
                (
                    0,
                    "Russia held its Vostok drills in the Far East this week with China."
                ),
                (
                    1,
                    "Russia held its Vostok drills in the Far East this week alongside China."
                ),
            ]
        );
        assert!(passage.similarity >= SIMILARITY_THRESHOLD && passage.similarity < 1.0);
        let unique: Vec<(u32, Vec<&str>)> = cmp
            .unique
            .iter()
            .map(|(d, spans)| (d.0, spans.iter().map(|&s| text_of(&c, *d, s)).collect()))
            .collect();
        assert_eq!(
            unique,
            [
                (
                    0,
                    vec!["More than 50,000 troops took part in the drills, the ministry said."]
                ),
                (
                    1,
                    vec![
                        "China sent more than 2,000 troops to the exercises.",
                        "The navy sent three warships."
                    ]
                ),
                (
                    2,
                    vec!["It rained all week in Paris and the river rose above its banks."]
                ),
            ],
            "headlines and \"Observers were impressed.\" are under {MIN_WORDS} words"
        );
    }

    #[test]
    fn sentences_on_one_topic_are_not_copies() {
        let (c, sentences) = corpus(
            &[
                "One\n\nPutin and Xi are expected to meet next week in Samarkand at the summit.\n",
                "Two\n\nXi will travel to Samarkand where he is expected to meet Putin at a summit.\n",
            ],
            &[],
        );
        let cmp = compare(&c, &sentences, &[DocId(0), DocId(1)], Counting::Text);
        assert!(cmp.shared.is_empty(), "{:?}", cmp.shared);
        // Not copies, but the same news in other words: neither says it alone.
        assert!(cmp.unique.iter().all(|(_, s)| s.is_empty()), "{:?}", cmp.unique);
    }

    /// Issue 18: on the seeds, which paraphrase one story, "what each says that the
    /// others do not" listed every sentence.
    #[test]
    fn what_each_says_alone_leaves_out_what_the_others_say_in_other_words() {
        let (c, sentences) = corpus(
            &[
                "Press TV\n\nRussian President Vladimir Putin and his Chinese counterpart, Xi Jinping, are expected to meet next week for the first time since Moscow began a military offensive in Ukraine. The ambassador spoke at a press conference in Beijing.\n",
                "The Post\n\nChinese President Xi Jinping and Russian President Vladimir Putin are expected to meet at a summit in Uzbekistan next week. It would be the first overseas visit of the Chinese ruler since the pandemic.\n",
            ],
            &[],
        );
        let cmp = compare(&c, &sentences, &[DocId(0), DocId(1)], Counting::Text);
        assert!(cmp.shared.is_empty(), "paraphrases, not copies");
        let unique: Vec<Vec<&str>> = cmp
            .unique
            .iter()
            .map(|(d, spans)| spans.iter().map(|&s| text_of(&c, *d, s)).collect())
            .collect();
        assert_eq!(
            unique,
            [
                vec!["The ambassador spoke at a press conference in Beijing."],
                vec!["It would be the first overseas visit of the Chinese ruler since the pandemic."],
            ]
        );
    }

    /// A fourth document gives the whole exercise's troops again, in other words.
    const D: &str = "Drills over\n\nThe drills ended on Sunday. Some 51,500 troops took part in the drills, Moscow said.\n";

    /// A row's cells: each document's id and its figures' text.
    type Cells<'a> = Vec<(u32, Vec<&'a str>)>;

    fn cells<'a>(c: &'a Corpus, row: &FigureRow) -> Cells<'a> {
        row.cells
            .iter()
            .map(|(d, figs)| (d.0, figs.iter().map(|&(n, _)| text_of(c, *d, n)).collect()))
            .collect()
    }

    /// Issue 18: "more than 50,000 troops" (the whole exercise) and "more than 2,000"
    /// (China's contingent) were paired as one row, a discrepancy that is none.
    #[test]
    fn figures_line_up_by_what_they_count_within_one_fact() {
        use EntityType::*;
        let (c, sentences) = corpus(
            &[A, B, C, D],
            &[
                ("50,000 troops", Quantity),
                ("2,000 troops", Quantity),
                ("51,500 troops", Quantity),
                ("three", Cardinal),
                ("Paris", Gpe),
            ],
        );
        let cmp = compare(
            &c,
            &sentences,
            &[DocId(0), DocId(1), DocId(2), DocId(3)],
            Counting::Text,
        );
        let rows: Vec<(&str, Cells)> = cmp
            .figures
            .iter()
            .map(|r| (r.noun.as_str(), cells(&c, r)))
            .collect();
        assert_eq!(
            rows,
            [
                // The whole exercise, in two documents: a row to compare.
                (
                    "troops",
                    vec![
                        (0, vec!["More than 50,000 troops"]),
                        (1, vec![]),
                        (2, vec![]),
                        (3, vec!["Some 51,500 troops"])
                    ]
                ),
                // China's contingent is another fact: a row of its own, not a discrepancy.
                (
                    "troops",
                    vec![
                        (0, vec![]),
                        (1, vec!["more than 2,000 troops"]),
                        (2, vec![]),
                        (3, vec![])
                    ]
                ),
                (
                    "warships",
                    vec![(0, vec![]), (1, vec!["three"]), (2, vec![]), (3, vec![])]
                ),
            ],
            "Paris is not a figure"
        );
        let (_, sentence) = cmp.figures[0].cells[0].1[0];
        assert_eq!(
            text_of(&c, DocId(0), sentence),
            "More than 50,000 troops took part in the drills, the ministry said."
        );
    }

    #[test]
    fn names_in_one_document_or_in_all() {
        use EntityType::*;
        let (c, sentences) = corpus(
            &[A, B, C],
            &[
                ("Russia", Gpe),
                ("China", Gpe),
                ("Paris", Gpe),
                ("Beijing", Gpe),
                ("50,000", Cardinal),
            ],
        );
        let cmp = compare(
            &c,
            &sentences,
            &[DocId(0), DocId(1), DocId(0), DocId(9)],
            Counting::Text,
        );
        assert_eq!(
            cmp.docs,
            [DocId(0), DocId(1)],
            "repeats and unknown documents dropped"
        );
        assert_eq!(cmp.in_all, [EntityId(0), EntityId(1)]);
        assert_eq!(cmp.only_in, [(DocId(0), vec![]), (DocId(1), vec![EntityId(3)])]);
        let all = compare(&c, &sentences, &[DocId(0), DocId(1), DocId(2)], Counting::Text);
        assert!(all.in_all.is_empty());
        assert_eq!(all.only_in[2], (DocId(2), vec![EntityId(2)]));
        let one = compare(&c, &sentences, &[DocId(2)], Counting::Text);
        assert_eq!(one.only_in, [(DocId(2), vec![])], "nothing to compare with");
    }

    #[test]
    fn bad_sentence_spans_are_ignored() {
        let (c, _) = corpus(
            &["Ça\n\nÉté très chaud à Zürich cette année selon Météo.\n", A],
            &[],
        );
        let bad = vec![
            vec![Span::new(1, 3), Span { start: 5, end: 1 }, Span::new(0, 999)],
            vec![Span::new(0, 5000)],
        ];
        let cmp = compare(&c, &bad, &[DocId(0), DocId(1)], Counting::Text);
        assert!(cmp.shared.is_empty());
        assert!(cmp.unique.iter().all(|(_, s)| s.is_empty()));
        let none = compare(&c, &[], &[DocId(0), DocId(1)], Counting::Text);
        assert_eq!(none.docs.len(), 2);
    }
}
