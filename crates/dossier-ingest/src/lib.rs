//! Ingest: files become documents with titles, outlets, dates and marked regions.
//!
//! [`source`] reads a corpus folder (the only module of Dossier that touches the file
//! system) and [`decode`] turns bytes into text; [`load_corpus`] is both plus [`ingest`],
//! what the build runs. [`user_files`] judges and converts the reader's own files;
//! [`file_offsets`] maps spans back to the file as written.
//!
//! Passes, in order: [`lines`] cuts a file into lines; [`furniture`] judges each line on its
//! own (share bars, ad markers, crumbs), using how often the line recurs across the corpus;
//! [`split`] finds where a second article starts; [`article`] reads each article's
//! structure from line positions (headline, dates, footer, captions), with [`spliced`] and
//! [`outlet`] for the finer work. Nothing is deleted: every verdict is a [`Region`] over
//! the original text.

mod article;
pub mod decode;
pub mod file_offsets;
mod furniture;
mod lines;
mod outlet;
pub mod source;
mod spliced;
mod split;
pub mod user_files;

use crate::decode::decode;
use crate::source::{read_corpus_dir, ReadDirError, SourceFile};
use dossier_model::document::{Corpus, DocId, Document, Origin, Region, SkippedFile, TitleSource, Treatment};
use dossier_model::span::Span;
use dossier_model::text::{normalise_line, word_count};
use lines::{split_lines, Line};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A line counts as a site's template when it appears in at least this many files...
const MIN_REPEAT_FILES: usize = 3;
/// ...and in at least one file in this many (so a few syndicated copies of one story in a
/// large corpus do not make its lines boilerplate).
const REPEAT_FILE_RATIO: usize = 100;
/// Only short lines without sentence punctuation can be template lines.
const MAX_TEMPLATE_WORDS: usize = 8;

struct DecodedFile {
    name: String,
    encoding: &'static str,
    text: String,
    lines: Vec<Line>,
}

/// Turns corpus files into a [`Corpus`]. Files that cannot be decoded, or hold nothing but
/// page furniture, are listed in [`Corpus::skipped`] with the reason.
pub fn ingest(files: Vec<SourceFile>) -> Corpus {
    let mut skipped = Vec::new();
    let mut decoded = Vec::with_capacity(files.len());
    for file in files {
        match decode(&file.bytes) {
            Ok(d) => {
                let lines = split_lines(&d.text);
                decoded.push(DecodedFile {
                    name: file.name,
                    encoding: d.encoding,
                    text: d.text,
                    lines,
                });
            }
            Err(e) => skipped.push(SkippedFile {
                file: file.name,
                reason: e.to_string(),
            }),
        }
    }

    let template_lines = template_lines(&decoded);
    let mut documents = Vec::new();
    for file in &decoded {
        let before = documents.len();
        documents.extend(file_documents(file, &template_lines));
        if documents.len() == before {
            skipped.push(SkippedFile {
                file: file.name.clone(),
                reason: "it holds only page furniture (share bars, ad markers, labels), no article text"
                    .to_owned(),
            });
        }
    }
    for (i, doc) in documents.iter_mut().enumerate() {
        doc.id = DocId(u32::try_from(i).unwrap_or(u32::MAX));
    }
    Corpus {
        documents,
        skipped,
        ..Default::default()
    }
}

/// Short lines that recur in many files: a site's template rather than a story.
fn template_lines(files: &[DecodedFile]) -> HashSet<String> {
    let mut seen_in: HashMap<String, usize> = HashMap::new();
    for file in files {
        let mut in_this_file = HashSet::new();
        for line in &file.lines {
            if line.words <= MAX_TEMPLATE_WORDS && !line.ends_sentence {
                in_this_file.insert(normalise_line(&file.text[line.span.range()]));
            }
        }
        for key in in_this_file {
            *seen_in.entry(key).or_default() += 1;
        }
    }
    let threshold = MIN_REPEAT_FILES.max(files.len() / REPEAT_FILE_RATIO);
    seen_in
        .into_iter()
        .filter(|&(_, n)| n >= threshold)
        .map(|(k, _)| k)
        .collect()
}

/// The documents of one file: one, or several when the file holds several articles.
fn file_documents(file: &DecodedFile, template_lines: &HashSet<String>) -> Vec<Document> {
    let text = file.text.as_str();
    let furniture: Vec<_> = file
        .lines
        .iter()
        .map(|l| {
            let line = &text[l.span.range()];
            let repeated = l.words <= MAX_TEMPLATE_WORDS
                && !l.ends_sentence
                && template_lines.contains(&normalise_line(line));
            furniture::classify(line, l.words, repeated)
        })
        .collect();
    let mut bounds = vec![0];
    bounds.extend(split::article_starts(text, &file.lines, &furniture));
    bounds.push(file.lines.len());

    let parts: Vec<_> = bounds
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (w[0], w[1]);
            let start = if a == 0 {
                0
            } else {
                file.lines[a].span.start as usize
            };
            let end = file.lines.get(b).map_or(text.len(), |l| l.span.start as usize);
            let facts = article::analyse(text, &file.lines[a..b], &furniture[a..b])?;
            Some((start, end, a..b, facts))
        })
        .collect();
    let count = u16::try_from(parts.len()).unwrap_or(u16::MAX);
    parts
        .into_iter()
        .enumerate()
        .map(|(k, (start, end, line_range, facts))| {
            let rebase = |s: Span| s.shifted_back(start);
            let regions: Vec<Region> = facts
                .regions
                .into_iter()
                .map(|r| Region {
                    span: rebase(r.span),
                    kind: r.kind,
                })
                .collect();
            let mut title = facts.title;
            title.source = match title.source {
                TitleSource::Headline(s) => TitleSource::Headline(rebase(s)),
                TitleSource::Derived(s) => TitleSource::Derived(rebase(s)),
            };
            let mut doc = Document {
                id: DocId(0),
                origin: Origin {
                    file: file.name.clone(),
                    encoding: file.encoding.to_owned(),
                    part: u16::try_from(k).unwrap_or(u16::MAX),
                    parts: count,
                    offset: u32::try_from(start).unwrap_or(u32::MAX),
                    added_by_user: false,
                },
                text: text[start..end].to_owned(),
                title,
                outlet: facts.outlet.map(|mut o| {
                    o.span = rebase(o.span);
                    o
                }),
                published: facts.published.map(|mut f| {
                    f.span = rebase(f.span);
                    f
                }),
                saved: facts.saved.map(|mut f| {
                    f.span = rebase(f.span);
                    f
                }),
                regions,
                paragraphs: file.lines[line_range].iter().map(|l| rebase(l.span)).collect(),
                word_count: 0,
            };
            doc.word_count = kept_words(&doc);
            doc
        })
        .collect()
}

/// Words the reader shows by default: everything but removed regions.
fn kept_words(doc: &Document) -> u32 {
    let n: usize = doc
        .paragraphs
        .iter()
        .flat_map(|&p| doc.pieces(p))
        .filter(|piece| piece.region.is_none_or(|k| k.treatment() != Treatment::Removed))
        .map(|piece| word_count(doc.slice(piece.span)))
        .sum();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What the build embeds from `dir`: its `*.txt` files ingested, with every file that
/// could not be read, decoded or used listed in [`Corpus::skipped`] with the reason.
pub fn load_corpus(dir: &Path) -> Result<Corpus, ReadDirError> {
    let (files, unreadable) = read_corpus_dir(dir)?;
    let mut corpus = ingest(files);
    corpus.skipped.extend(unreadable.into_iter().map(|u| SkippedFile {
        file: u.name,
        reason: u.reason,
    }));
    corpus.skipped.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(corpus)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::document::RegionKind;

    fn files(n: usize) -> Vec<SourceFile> {
        (0..n)
            .map(|i| {
                let text = format!(
                    "Headline number {i}\n\nThe first paragraph of story {i} is long enough to count as prose.\n\nWire Desk Live Updates\n\nThe second paragraph of story {i} is also long enough to count as prose.\n"
                );
                SourceFile::new(format!("{i}.txt"), text.into_bytes())
            })
            .collect()
    }

    fn repeated_regions(corpus: &Corpus) -> usize {
        corpus
            .documents
            .iter()
            .flat_map(|d| &d.regions)
            .filter(|r| r.kind == RegionKind::RepeatedAcrossFiles)
            .count()
    }

    #[test]
    fn a_short_line_in_many_files_is_a_template_line() {
        assert_eq!(repeated_regions(&ingest(files(3))), 3);
    }

    #[test]
    fn a_line_shared_by_two_files_is_kept() {
        assert_eq!(repeated_regions(&ingest(files(2))), 0);
    }
}
