//! Name lists (a batch search): the entity each pasted name stands for, how it matched,
//! its documents and mentions in the list's documents, a names x documents table and
//! its CSV.
//!
//! A name and every entity's canonical name and aliases are compared *normalised*: folded
//! as search folds words (lower case, accents off: "Zelenskyy" and "ZELENSKYY", "Müller"
//! and "Muller" agree) and cut into words at anything but a letter or digit ("Jean-Claude"
//! is "jean claude"). Only names count (people, organisations, places, groups, ...), not
//! dates or numbers. A name matches, in this order of trust:
//!
//! 1. [`How::Exact`]: an entity's canonical name;
//! 2. [`How::Alias`]: another name the corpus calls it;
//! 3. [`How::PartOfName`]: every word of it is a word of a name ("Putin" for "Vladimir
//!    Putin"), a surname list being the common case;
//! 4. [`How::Spelling`]: letters off a name, by the rule search forgives typos with (one
//!    from [`ONE_TYPO_LEN`] letters, two from [`TWO_TYPOS_LEN`]; a swap counts one);
//! 5. [`How::ContainsName`]: it holds a whole name, the most words first ("President
//!    Vladimir Putin" for "Vladimir Putin").
//!
//! Within a step, the entity with the most mentions wins and up to three others that
//! matched as well are kept as [`Lookup::candidates`]; a name that matches nothing gets
//! the three closest names by Jaro-Winkler similarity instead ("did you mean").
//!
//! ```
//! use dossier_explore::names::parse_names;
//!
//! assert_eq!(parse_names("Putin\n\n  Xi Jinping \nputin\n"), ["Putin", "Xi Jinping"]);
//! ```
//!
//! [`ONE_TYPO_LEN`]: dossier_search::plan::ONE_TYPO_LEN
//! [`TWO_TYPOS_LEN`]: dossier_search::plan::TWO_TYPOS_LEN

use crate::export::{safe, Csv, ExportError};
use crate::matrix::{matrix_of, Matrix};
use dossier_model::document::{Corpus, DocId};
use dossier_model::entity::{Counting, Entities, EntityId};
use dossier_search::analyze::fold;
use dossier_search::plan::{ONE_TYPO_LEN, TWO_TYPOS_LEN};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// How many other entities a row offers: "also" for a match, "did you mean" for none.
pub const CANDIDATES: usize = 3;
/// The largest file of names read: some 20,000 names, and the list lives in the page's
/// address, which browsers keep to a few megabytes.
pub const MAX_FILE_BYTES: u64 = 512 * 1024;

/// The names in pasted text: one a line, trimmed; blank lines and repeats (the same
/// name normalised) dropped, the first spelling kept.
pub fn parse_names(text: &str) -> Vec<String> {
    unique(text.lines().map(str::to_owned))
}

/// `names` without blanks and repeats, in order.
fn unique(names: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .into_iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| {
            let key = normalise(n);
            !key.is_empty() && seen.insert(key)
        })
        .collect()
}

/// Why a file of names could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamesFileError {
    /// Neither `.txt` nor `.csv` (the name given).
    Kind(String),
    /// Not UTF-8 text.
    NotText,
    /// The CSV reader's complaint.
    Csv(String),
    /// Larger than [`MAX_FILE_BYTES`] (its size in bytes).
    TooLarge(u64),
}

impl fmt::Display for NamesFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NamesFileError::Kind(name) => {
                write!(f, "{name} is neither a .txt nor a .csv file")
            }
            NamesFileError::NotText => write!(f, "the file is not UTF-8 text"),
            NamesFileError::Csv(e) => write!(f, "the CSV could not be read: {e}"),
            NamesFileError::TooLarge(size) => write!(
                f,
                "the file has {} kB; a list of names is read up to {} kB",
                size.div_ceil(1024),
                MAX_FILE_BYTES / 1024
            ),
        }
    }
}

impl std::error::Error for NamesFileError {}

/// The names in a file: a `.txt` read as pasted text ([`parse_names`]), a `.csv`'s first
/// column (a first row reading "name" or "names" is taken for a header and left out).
pub fn names_from_file(file_name: &str, bytes: &[u8]) -> Result<Vec<String>, NamesFileError> {
    check_file_size(bytes.len() as u64)?;
    let text = std::str::from_utf8(bytes).map_err(|_| NamesFileError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lower = file_name.to_lowercase();
    if lower.ends_with(".txt") {
        return Ok(parse_names(text));
    }
    if !lower.ends_with(".csv") {
        return Err(NamesFileError::Kind(file_name.to_owned()));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut names = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| NamesFileError::Csv(e.to_string()))?;
        let first = record.get(0).unwrap_or("");
        if i == 0 && matches!(normalise(first).as_str(), "name" | "names") {
            continue;
        }
        names.push(first.to_owned());
    }
    Ok(unique(names))
}

/// Refuses a file too large to read as a list of names (see [`MAX_FILE_BYTES`]), before
/// the page reads it.
pub fn check_file_size(size: u64) -> Result<(), NamesFileError> {
    if size > MAX_FILE_BYTES {
        return Err(NamesFileError::TooLarge(size));
    }
    Ok(())
}

/// A name as it is compared: folded, its words joined by single spaces.
fn normalise(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The letters of `text` as bits (a char's code modulo 64): an edit adds at most one
/// letter the other text lacks and takes away at most one, so two texts `k` letters off
/// differ in at most `k` bits each way. Checking that first skips the edit distance for
/// nearly every name (a shared bit between two letters only lets more through).
fn letters(text: &str) -> u64 {
    text.chars().fold(0, |bits, c| bits | 1 << (c as u32 % 64))
}

/// How many times each letter occurs (a char's code modulo 32, at most 255): what bounds
/// two names' Jaro-Winkler similarity without computing it, so the search for the closest
/// names computes it for few: on BBC's 17,857 entities, 100 names that match nothing took
/// 714 ms without the bound, 134 ms with it (`names_bbc` in dossier-core's tests).
#[derive(Clone, Copy)]
struct Tally([u8; 32]);

impl Tally {
    fn of(text: &str) -> Tally {
        let mut tally = [0u8; 32];
        for c in text.chars() {
            let slot = &mut tally[(c as u32 % 32) as usize];
            *slot = slot.saturating_add(1);
        }
        Tally(tally)
    }

    /// The highest Jaro-Winkler similarity `text` (of this tally, `chars` long) can have
    /// with `form`. Jaro counts `m` matching characters, at most the letters the two
    /// tallies share, and is at most `(m/a + m/b + 1) / 3` (no transpositions); Winkler
    /// adds `0.1 * prefix * (1 - jaro)` for a shared start of up to four letters, only to a
    /// Jaro above 0.7, and the sum grows with Jaro.
    fn best_jaro_winkler(&self, text: &str, chars: usize, form: &Form) -> f64 {
        let shared: usize = self
            .0
            .iter()
            .zip(form.tally.0)
            .map(|(&a, b)| usize::from(a.min(b)))
            .sum();
        let m = shared.min(chars).min(form.chars) as f64;
        if m == 0.0 {
            return 0.0;
        }
        let jaro = (m / chars as f64 + m / form.chars as f64 + 1.0) / 3.0;
        if jaro <= 0.7 {
            return jaro;
        }
        let prefix = text
            .chars()
            .zip(form.text.chars())
            .take(4)
            .take_while(|(a, b)| a == b)
            .count();
        jaro + 0.1 * prefix as f64 * (1.0 - jaro)
    }
}

/// How a name matched its entity (see the module's doc for the order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    Exact,
    /// The alias it matched, as the corpus spells it.
    Alias(String),
    PartOfName,
    Spelling {
        letters_off: usize,
    },
    ContainsName,
}

impl How {
    /// Words for the row and the export: "alias “Putin”", "1 letter off".
    pub fn describe(&self) -> String {
        match self {
            How::Exact => "same name".to_owned(),
            How::Alias(alias) => format!("alias \u{201c}{alias}\u{201d}"),
            How::PartOfName => "part of the name".to_owned(),
            How::Spelling { letters_off: 1 } => "1 letter off".to_owned(),
            How::Spelling { letters_off } => format!("{letters_off} letters off"),
            How::ContainsName => "contains the name".to_owned(),
        }
    }
}

/// One name looked up in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// As pasted (trimmed).
    pub name: String,
    /// The entity it stands for and how it matched; `None` when nothing matched.
    pub found: Option<(EntityId, How)>,
    /// Up to [`CANDIDATES`] other entities, best first: those that matched as well as the
    /// found one, or, with none found, the closest names.
    pub candidates: Vec<EntityId>,
}

/// A name or alias of an entity, normalised.
struct Form {
    text: String,
    chars: usize,
    /// Which letters it has ([`letters`]).
    letters: u64,
    /// How many of each ([`Tally`]).
    tally: Tally,
    entity: EntityId,
    /// Its position in the entity's aliases; `None` for the canonical name.
    alias: Option<usize>,
}

/// Every name's and alias's normalised form, found by the whole form and by each word:
/// built once per corpus (it depends on no pick), then each lookup is a few hash probes,
/// plus a pass over the forms for a name matched by spelling or not at all.
pub struct NameIndex {
    forms: Vec<Form>,
    by_text: HashMap<String, Vec<usize>>,
    by_word: HashMap<String, Vec<usize>>,
    /// Each entity's mentions under the index's counting: how ties are broken.
    weight: Vec<u32>,
}

impl NameIndex {
    /// The index of the names (not dates or numbers) among `entities`; ties go to the
    /// entity with the most mentions as `counting` counts them.
    pub fn new(entities: &Entities, counting: Counting) -> NameIndex {
        let mut forms = Vec::new();
        for e in entities.entities.iter().filter(|e| e.kind.is_name()) {
            let names = std::iter::once((None, &e.name))
                .chain(e.aliases.iter().enumerate().map(|(i, a)| (Some(i), a)));
            for (alias, name) in names {
                let text = normalise(name);
                if !text.is_empty() {
                    forms.push(Form {
                        chars: text.chars().count(),
                        letters: letters(&text),
                        tally: Tally::of(&text),
                        text,
                        entity: e.id,
                        alias,
                    });
                }
            }
        }
        let mut by_text: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, form) in forms.iter().enumerate() {
            by_text.entry(form.text.clone()).or_default().push(i);
            for word in form.text.split(' ') {
                let list = by_word.entry(word.to_owned()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        NameIndex {
            forms,
            by_text,
            by_word,
            weight: entities.entities.iter().map(|e| e.mentions(counting)).collect(),
        }
    }

    fn weight(&self, e: EntityId) -> u32 {
        self.weight.get(e.0 as usize).copied().unwrap_or(0)
    }

    /// The entity `name` stands for, how, and the runners-up (see the module's doc).
    /// `entities` must be the ones the index was built from (for an alias's spelling).
    pub fn look_up(&self, entities: &Entities, name: &str) -> Lookup {
        let key = normalise(name);
        let name = name.trim().to_owned();
        if key.is_empty() {
            return Lookup {
                name,
                found: None,
                candidates: Vec::new(),
            };
        }
        let words: Vec<&str> = key.split(' ').collect();
        let found = self
            .best(&self.same_text(entities, &key))
            .or_else(|| self.best(&self.part_of_name(&words)))
            .or_else(|| self.best(&self.spelling(&key)))
            .or_else(|| self.best(&self.contains_name(&words)));
        match found {
            Some(found) => Lookup {
                name,
                found: Some((found.entity, found.how)),
                candidates: found.others,
            },
            None => Lookup {
                name,
                found: None,
                candidates: self.closest(&key),
            },
        }
    }

    /// Exact forms: canonical names first, then aliases.
    fn same_text(&self, entities: &Entities, key: &str) -> Vec<(usize, How)> {
        let Some(hits) = self.by_text.get(key) else {
            return Vec::new();
        };
        let canonical: Vec<(usize, How)> = hits
            .iter()
            .filter(|&&i| self.forms[i].alias.is_none())
            .map(|&i| (i, How::Exact))
            .collect();
        if !canonical.is_empty() {
            return canonical;
        }
        hits.iter()
            .map(|&i| {
                let form = &self.forms[i];
                let alias = entities
                    .entity(form.entity)
                    .and_then(|e| e.aliases.get(form.alias.unwrap_or(0)))
                    .cloned()
                    .unwrap_or_default();
                (i, How::Alias(alias))
            })
            .collect()
    }

    /// Forms holding every word of the name.
    fn part_of_name(&self, words: &[&str]) -> Vec<(usize, How)> {
        let lists: Option<Vec<&Vec<usize>>> = words.iter().map(|w| self.by_word.get(*w)).collect();
        let Some(mut lists) = lists else {
            return Vec::new();
        };
        lists.sort_by_key(|l| l.len());
        let Some((rarest, rest)) = lists.split_first() else {
            return Vec::new();
        };
        rarest
            .iter()
            .filter(|i| rest.iter().all(|l| l.binary_search(i).is_ok()))
            .map(|&i| (i, How::PartOfName))
            .collect()
    }

    /// Forms at most the allowed letters off, the fewest first.
    fn spelling(&self, key: &str) -> Vec<(usize, How)> {
        let chars = key.chars().count();
        let allowed = if chars >= TWO_TYPOS_LEN {
            2
        } else if chars >= ONE_TYPO_LEN {
            1
        } else {
            return Vec::new();
        };
        let mine = letters(key);
        let near: Vec<(usize, usize)> = self
            .forms
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.chars.abs_diff(chars) <= allowed
                    && (mine & !f.letters).count_ones() as usize <= allowed
                    && (f.letters & !mine).count_ones() as usize <= allowed
            })
            .map(|(i, f)| (i, strsim::osa_distance(key, &f.text)))
            .filter(|&(_, d)| d <= allowed)
            .collect();
        let Some(fewest) = near.iter().map(|&(_, d)| d).min() else {
            return Vec::new();
        };
        near.into_iter()
            .filter(|&(_, d)| d == fewest)
            .map(|(i, d)| (i, How::Spelling { letters_off: d }))
            .collect()
    }

    /// Forms whose every word is in the name, the most words first.
    fn contains_name(&self, words: &[&str]) -> Vec<(usize, How)> {
        let mut within: Vec<(usize, usize)> = Vec::new();
        for word in words {
            for &i in self.by_word.get(*word).into_iter().flatten() {
                let form = &self.forms[i];
                if form.text.split(' ').all(|w| words.contains(&w)) {
                    within.push((i, form.chars));
                }
            }
        }
        let Some(longest) = within.iter().map(|&(_, n)| n).max() else {
            return Vec::new();
        };
        within
            .into_iter()
            .filter(|&(_, n)| n == longest)
            .map(|(i, _)| (i, How::ContainsName))
            .collect()
    }

    /// The most-mentioned entity among `matched` forms (ties to the lower id), and the
    /// next [`CANDIDATES`] distinct ones.
    fn best(&self, matched: &[(usize, How)]) -> Option<Found> {
        let mut ranked: Vec<(EntityId, &How)> = matched
            .iter()
            .map(|(i, how)| (self.forms[*i].entity, how))
            .collect();
        ranked.sort_by_key(|&(e, _)| (std::cmp::Reverse(self.weight(e)), e));
        let mut seen = HashSet::new();
        ranked.retain(|&(e, _)| seen.insert(e));
        let (&(entity, how), rest) = ranked.split_first()?;
        Some(Found {
            entity,
            how: how.clone(),
            others: rest.iter().take(CANDIDATES).map(|&(e, _)| e).collect(),
        })
    }

    /// The [`CANDIDATES`] entities with the names closest to `key` (Jaro-Winkler, which
    /// favours a shared start, as a misremembered name usually has), most similar first.
    fn closest(&self, key: &str) -> Vec<EntityId> {
        let mut best: Vec<(f64, EntityId)> = Vec::with_capacity(CANDIDATES + 1);
        let (tally, chars) = (Tally::of(key), key.chars().count());
        for form in &self.forms {
            if best.len() == CANDIDATES && tally.best_jaro_winkler(key, chars, form) <= best[CANDIDATES - 1].0
            {
                continue;
            }
            let score = strsim::jaro_winkler(key, &form.text);
            if best.len() == CANDIDATES && score <= best[CANDIDATES - 1].0 {
                continue;
            }
            if let Some(slot) = best.iter_mut().find(|(_, e)| *e == form.entity) {
                slot.0 = slot.0.max(score);
            } else {
                best.push((score, form.entity));
            }
            best.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then_with(|| self.weight(b.1).cmp(&self.weight(a.1)))
            });
            best.truncate(CANDIDATES);
        }
        best.into_iter().map(|(_, e)| e).collect()
    }
}

/// The entity a step picked, how, and the runners-up.
struct Found {
    entity: EntityId,
    how: How,
    others: Vec<EntityId>,
}

/// A name's row: its lookup and, for a match, its entity's documents and mentions among
/// the picked documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameRow {
    pub lookup: Lookup,
    pub documents: u32,
    pub mentions: u32,
}

/// A name list looked up over some documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameTable {
    /// One per name, in the list's order.
    pub rows: Vec<NameRow>,
    /// Rows: the picked documents that mention a matched entity (in the order given),
    /// columns the matched entities (in the list's order, each once).
    pub matrix: Matrix,
}

/// Looks up `names` and counts their entities' mentions in `docs` as `counting` says:
/// one pass over the mentions of the documents that mention any of them.
pub fn name_table(
    corpus: &Corpus,
    index: &NameIndex,
    names: &[String],
    docs: &[DocId],
    counting: Counting,
) -> NameTable {
    let lookups: Vec<Lookup> = names.iter().map(|n| index.look_up(&corpus.entities, n)).collect();
    let matched: Vec<EntityId> = lookups
        .iter()
        .filter_map(|l| l.found.as_ref().map(|f| f.0))
        .collect();
    let mut mentioning = vec![false; corpus.documents.len()];
    for e in matched.iter().filter_map(|&e| corpus.entities.entity(e)) {
        for d in e.documents_counted(counting) {
            if let Some(slot) = mentioning.get_mut(d.0 as usize) {
                *slot = true;
            }
        }
    }
    let rows_docs: Vec<DocId> = docs
        .iter()
        .copied()
        .filter(|d| mentioning.get(d.0 as usize).copied().unwrap_or(false))
        .collect();
    let matrix = matrix_of(corpus, &rows_docs, &matched, counting);
    let rows = lookups
        .into_iter()
        .map(|lookup| {
            let col = lookup
                .found
                .as_ref()
                .and_then(|f| matrix.entities.iter().position(|&e| e == f.0));
            let (documents, mentions) = col.map_or((0, 0), |c| {
                (0..matrix.rows())
                    .filter_map(|r| matrix.cell(r, c))
                    .fold((0, 0), |(d, m), n| (d + u32::from(n > 0), m + n))
            });
            NameRow {
                lookup,
                documents,
                mentions,
            }
        })
        .collect();
    NameTable { rows, matrix }
}

/// The list as a table: name, how it matched, entity id, name and type, documents,
/// mentions, and the candidates' names (`; `-separated).
pub fn names_csv(corpus: &Corpus, table: &NameTable) -> Result<String, ExportError> {
    let mut out = Csv::new(&[
        "name",
        "match",
        "entity",
        "entity_name",
        "type",
        "documents",
        "mentions",
        "candidates",
    ]);
    let name_of = |e: EntityId| corpus.entities.entity(e).map_or("", |e| e.name.as_str());
    for row in &table.rows {
        let l = &row.lookup;
        let found = l
            .found
            .as_ref()
            .and_then(|(e, how)| Some((corpus.entities.entity(*e)?, how)));
        let candidates: Vec<&str> = l.candidates.iter().map(|&e| name_of(e)).collect();
        out.row(&[
            safe(&l.name),
            found.map_or("none".to_owned(), |(_, how)| how.describe()),
            found.map_or(String::new(), |(e, _)| e.id.0.to_string()),
            found.map_or(String::new(), |(e, _)| safe(&e.name)),
            found.map_or("", |(e, _)| e.kind.label()).to_owned(),
            row.documents.to_string(),
            row.mentions.to_string(),
            safe(&candidates.join("; ")),
        ]);
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_ingest::source::SourceFile;
    use dossier_model::entity::{Entity, EntityType, Mention, Place};
    use dossier_model::span::Span;

    /// Documents of the given texts; every whole-word occurrence of an entity's name or
    /// alias in a text is a mention of it in the running text, except in the last
    /// document, where they are page furniture (`Place::Removed`).
    fn corpus(texts: &[&str], names: &[(&str, &[&str], EntityType)]) -> Corpus {
        let files = texts
            .iter()
            .enumerate()
            .map(|(i, t)| SourceFile::new(format!("{i}.txt"), format!("Headline {i}\n\n{t}\n").into_bytes()))
            .collect();
        let mut corpus = dossier_ingest::ingest(files);
        let last = corpus.documents.len() - 1;
        let mentions = corpus
            .documents
            .iter()
            .enumerate()
            .map(|(d, doc)| {
                let mut found: Vec<Mention> = Vec::new();
                for (e, &(name, aliases, _)) in names.iter().enumerate() {
                    for form in std::iter::once(&name).chain(aliases) {
                        for (at, _) in doc.text.match_indices(form) {
                            let span = Span::new(at, at + form.len());
                            let bounded = !doc.text[..at].ends_with(char::is_alphanumeric)
                                && !doc.text[span.end as usize..].starts_with(char::is_alphanumeric);
                            let free = !found
                                .iter()
                                .any(|m| m.span.start < span.end && span.start < m.span.end);
                            if bounded && free {
                                found.push(Mention {
                                    span,
                                    entity: EntityId(e as u32),
                                    place: if d == last { Place::Removed } else { Place::Text },
                                });
                            }
                        }
                    }
                }
                found.sort();
                found
            })
            .collect();
        corpus.entities = Entities {
            entities: names
                .iter()
                .enumerate()
                .map(|(i, &(name, aliases, kind))| Entity {
                    aliases: aliases.iter().map(|a| a.to_string()).collect(),
                    ..Entity::new(EntityId(i as u32), name, kind)
                })
                .collect(),
            mentions,
        };
        corpus.entities.recount();
        corpus
    }

    fn sample() -> Corpus {
        use EntityType::*;
        corpus(
            &[
                "Vladimir Putin met Xi Jinping. Putin spoke first. Tony Blair watched.",
                "Xi Jinping and Volodymyr Zelenskyy. Cherie Blair wrote. Putin again.",
                "Tony Blair and Jean-Claude Juncker met in 2022.",
                "Zelenskyy in the footer.",
            ],
            &[
                ("Vladimir Putin", &["Putin"], Person),
                ("Xi Jinping", &[], Person),
                ("Tony Blair", &[], Person),
                ("Volodymyr Zelenskyy", &["Zelenskyy"], Person),
                ("Cherie Blair", &[], Person),
                ("Jean-Claude Juncker", &[], Person),
                ("2022", &[], Date),
            ],
        )
    }

    fn look(corpus: &Corpus, name: &str) -> Lookup {
        NameIndex::new(&corpus.entities, Counting::Text).look_up(&corpus.entities, name)
    }

    fn names_of(corpus: &Corpus, ids: &[EntityId]) -> Vec<String> {
        ids.iter()
            .map(|&e| corpus.entities.entity(e).unwrap().name.clone())
            .collect()
    }

    #[test]
    fn pasted_names_are_trimmed_and_blanks_and_repeats_dropped() {
        assert_eq!(
            parse_names("  Xi Jinping\r\n\n\t\nXI JINPING\nMüller\nmuller\nJean-Claude\nJean Claude\n"),
            ["Xi Jinping", "Müller", "Jean-Claude"]
        );
        assert!(
            parse_names("\n  \n-\n").is_empty(),
            "nothing to look up in punctuation"
        );
    }

    #[test]
    fn files_give_names_from_text_or_a_csvs_first_column() {
        assert_eq!(
            names_from_file("list.TXT", b"\xef\xbb\xbfPutin\nXi\n").unwrap(),
            ["Putin", "Xi"]
        );
        let csv = b"Name,notes\n\"Blair, Tony\",pm\nXi Jinping\n,empty\nXi Jinping,again\n";
        assert_eq!(
            names_from_file("people.csv", csv).unwrap(),
            ["Blair, Tony", "Xi Jinping"]
        );
        assert_eq!(
            names_from_file("a.csv", b"Putin\n").unwrap(),
            ["Putin"],
            "no header"
        );
        assert_eq!(
            names_from_file("a.txt", b"\xff\xfe"),
            Err(NamesFileError::NotText)
        );
        let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
        assert_eq!(
            names_from_file("a.txt", &big).unwrap_err().to_string(),
            "the file has 513 kB; a list of names is read up to 512 kB"
        );
        assert_eq!(
            names_from_file("a.xlsx", b"x").unwrap_err().to_string(),
            "a.xlsx is neither a .txt nor a .csv file"
        );
    }

    #[test]
    fn each_way_of_matching_says_how() {
        let c = sample();
        let cases: [(&str, Option<(&str, How)>); 9] = [
            ("xi jinping", Some(("Xi Jinping", How::Exact))),
            ("Jean Claude JUNCKER", Some(("Jean-Claude Juncker", How::Exact))),
            (
                "Zélenskyy",
                Some(("Volodymyr Zelenskyy", How::Alias("Zelenskyy".into()))),
            ),
            ("Jinping", Some(("Xi Jinping", How::PartOfName))),
            (
                "Vladimir Puttin",
                Some(("Vladimir Putin", How::Spelling { letters_off: 1 })),
            ),
            (
                "Xi Jinpnig",
                Some(("Xi Jinping", How::Spelling { letters_off: 1 })),
            ),
            (
                "Valdimir Puttin",
                Some(("Vladimir Putin", How::Spelling { letters_off: 2 })),
            ),
            (
                "Prime Minister Tony Blair",
                Some(("Tony Blair", How::ContainsName)),
            ),
            ("Boris Johnson", None),
        ];
        for (name, want) in cases {
            let got = look(&c, name);
            let got = got.found.map(|(e, how)| (names_of(&c, &[e]).remove(0), how));
            assert_eq!(got, want.map(|(n, h)| (n.to_owned(), h)), "{name}");
        }
        assert!(look(&c, "2022").found.is_none(), "dates are not names");
        assert!(
            look(&c, "Xi Jinpin").found.is_some() && look(&c, "Putn").found.is_none(),
            "1 letter off from 5 letters"
        );
    }

    #[test]
    fn the_most_mentioned_wins_and_the_others_are_offered() {
        let c = sample();
        // Tony Blair has two mentions, Cherie Blair one.
        let blair = look(&c, "Blair");
        assert_eq!(blair.found, Some((EntityId(2), How::PartOfName)));
        assert_eq!(names_of(&c, &blair.candidates), ["Cherie Blair"]);
        assert!(look(&c, "Xi Jinping").candidates.is_empty());
    }

    #[test]
    fn an_unmatched_name_gets_the_three_closest() {
        let c = sample();
        let l = look(&c, "Vlad Poutine");
        assert_eq!(l.found, None);
        assert_eq!(l.candidates.len(), CANDIDATES);
        assert_eq!(l.candidates[0], EntityId(0), "{:?}", names_of(&c, &l.candidates));
        let distinct: HashSet<_> = l.candidates.iter().collect();
        assert_eq!(distinct.len(), CANDIDATES, "an entity is offered once");
        assert!(look(&c, " - ").candidates.is_empty());
    }

    #[test]
    fn the_closest_are_those_every_comparison_would_pick() {
        let c = sample();
        let index = NameIndex::new(&c.entities, Counting::Text);
        for name in [
            "Vlad Poutine",
            "Tony Blare-Smith",
            "Jinpeng",
            "Zelensky Volodymir",
            "xx",
            "Cheri",
        ] {
            let key = normalise(name);
            let mut all: Vec<(f64, EntityId)> = Vec::new();
            for form in &index.forms {
                let score = strsim::jaro_winkler(&key, &form.text);
                match all.iter_mut().find(|(_, e)| *e == form.entity) {
                    Some(slot) => slot.0 = slot.0.max(score),
                    None => all.push((score, form.entity)),
                }
            }
            all.sort_by(|a, b| b.0.total_cmp(&a.0));
            let scores: Vec<f64> = all.iter().take(CANDIDATES).map(|s| s.0).collect();
            let picked: Vec<f64> = index
                .closest(&key)
                .iter()
                .map(|e| all.iter().find(|s| s.1 == *e).map_or(0.0, |s| s.0))
                .collect();
            assert_eq!(picked, scores, "{name}");
        }
    }

    #[test]
    fn the_table_counts_the_picked_documents_as_counting_says() {
        let c = sample();
        let all: Vec<DocId> = c.documents.iter().map(|d| d.id).collect();
        let names = parse_names("Putin\nZelenskyy\nNobody Atall\nVladimir Putin\n");
        let index = NameIndex::new(&c.entities, Counting::Text);
        let t = name_table(&c, &index, &names, &all, Counting::Text);
        let counts: Vec<(u32, u32)> = t.rows.iter().map(|r| (r.documents, r.mentions)).collect();
        // Putin: "Vladimir Putin" and "Putin" in doc 0, "Putin" in doc 1. Zelenskyy's
        // footer mention does not count.
        assert_eq!(counts, [(2, 3), (1, 1), (0, 0), (2, 3)]);
        assert_eq!(t.matrix.entities, [EntityId(0), EntityId(3)], "each entity once");
        assert_eq!(
            t.matrix.docs,
            [DocId(0), DocId(1)],
            "only documents that mention one"
        );
        assert_eq!(t.matrix.counts, [2, 0, 1, 1]);

        let t = name_table(&c, &index, &names, &all, Counting::Everything);
        assert_eq!((t.rows[1].documents, t.rows[1].mentions), (2, 2));
        assert_eq!(t.matrix.docs, [DocId(0), DocId(1), DocId(3)]);

        let t = name_table(&c, &index, &names, &[DocId(1), DocId(9)], Counting::Text);
        assert_eq!(
            (t.rows[0].documents, t.rows[0].mentions),
            (1, 1),
            "only the scope counts"
        );
        assert_eq!(t.matrix.docs, [DocId(1)]);
    }

    #[test]
    fn the_export_names_each_match_and_the_candidates() {
        let c = sample();
        let all: Vec<DocId> = c.documents.iter().map(|d| d.id).collect();
        let index = NameIndex::new(&c.entities, Counting::Text);
        let t = name_table(&c, &index, &parse_names("Blair\n=cmd\n"), &all, Counting::Text);
        let csv = names_csv(&c, &t).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "name,match,entity,entity_name,type,documents,mentions,candidates"
        );
        assert_eq!(
            lines[1],
            "Blair,part of the name,2,Tony Blair,PERSON,2,2,Cherie Blair"
        );
        assert!(lines[2].starts_with("'=cmd,none,,,,0,0,"), "{}", lines[2]);
    }
}
