//! Exports the browser downloads: entities, mentions, search results and the matrix as
//! CSV (the `csv` crate, writing into memory, so it runs in wasm) or JSON (`serde_json`),
//! and a safe file name that carries the query.
//!
//! Offsets in mention exports point into the document's text (not its file): `start`
//! and `end` are UTF-8 byte offsets (what every span in Dossier is), `char_start` and
//! `char_end` count Unicode scalar values (what Python's `str` indexes). CSV text cells
//! that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or
//! a carriage return) get a leading `'`; JSON is left as is.
//!
//! ```
//! use dossier_explore::export::export_file_name;
//!
//! assert_eq!(export_file_name("mentions", "Xi Jinping", "csv"), "dossier-mentions-xi-jinping.csv");
//! assert_eq!(export_file_name("results", "", "json"), "dossier-results.json");
//! ```

use super::kwic::context;
use super::matrix::Matrix;
use dossier_model::document::{Corpus, DocId, Document};
use dossier_model::entity::{Entity, EntityId, Mention};
use dossier_search::analyze::fold;
use dossier_search::Hit;
use serde::Serialize;
use std::fmt;

/// Characters of context on each side of an exported mention.
const CONTEXT_CHARS: usize = 60;
/// The longest query part of a file name, in bytes (names stay far below the usual
/// 255-byte limit).
const MAX_QUERY_BYTES: usize = 60;

/// Why an export could not be written (only a failure of the writers themselves; no
/// corpus content causes one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    Csv(String),
    Json(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Csv(e) => write!(f, "could not write the CSV export: {e}"),
            ExportError::Json(e) => write!(f, "could not write the JSON export: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

#[derive(Serialize)]
struct EntityRow<'a> {
    id: u32,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    aliases: &'a [String],
    /// In the running text: the count every view shows.
    mentions: u32,
    /// In headlines, flagged passages and removed page furniture.
    mentions_elsewhere: u32,
    /// Documents mentioning it in their running text: JSON lists the ids, CSV gives
    /// their number.
    documents: Vec<u32>,
}

fn entity_row(e: &Entity) -> EntityRow<'_> {
    EntityRow {
        id: e.id.0,
        name: &e.name,
        kind: e.kind.label(),
        aliases: &e.aliases,
        mentions: e.counts.text,
        mentions_elsewhere: elsewhere(e),
        documents: e.text_documents.iter().map(|d| d.0).collect(),
    }
}

fn elsewhere(e: &Entity) -> u32 {
    e.counts.elsewhere().iter().map(|&(_, n)| n).sum()
}

/// Every entity: id, name, type, aliases (`; `-separated in CSV), mentions in the
/// running text, mentions elsewhere (headlines, flagged passages, page furniture),
/// documents (their number in CSV, their ids in JSON).
pub fn entities_csv(corpus: &Corpus) -> Result<String, ExportError> {
    let mut out = Csv::new(&[
        "id",
        "name",
        "type",
        "aliases",
        "mentions",
        "mentions_elsewhere",
        "documents",
    ]);
    for e in &corpus.entities.entities {
        out.row(&[
            e.id.0.to_string(),
            safe(&e.name),
            e.kind.label().to_owned(),
            safe(&e.aliases.join("; ")),
            e.counts.text.to_string(),
            elsewhere(e).to_string(),
            e.text_documents.len().to_string(),
        ]);
    }
    out.finish()
}

pub fn entities_json(corpus: &Corpus) -> Result<String, ExportError> {
    let rows: Vec<EntityRow> = corpus.entities.entities.iter().map(entity_row).collect();
    json(&rows)
}

#[derive(Serialize)]
struct MentionRow<'a> {
    doc: u32,
    title: &'a str,
    file: &'a str,
    entity: u32,
    entity_name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    start: u32,
    end: u32,
    char_start: usize,
    char_end: usize,
    text: &'a str,
    context: String,
    /// Where it sits: `text`, `headline`, `flagged` or `removed` (see `Place`).
    place: &'static str,
}

/// The mentions of `entity` (or of every entity), in document and text order, wherever
/// they sit (said by `place`).
fn mention_rows(corpus: &Corpus, entity: Option<EntityId>) -> Vec<MentionRow<'_>> {
    let docs: Vec<&Document> = match entity {
        Some(id) => corpus
            .entities
            .entity(id)
            .map(|e| e.documents.iter().filter_map(|&d| corpus.document(d)).collect())
            .unwrap_or_default(),
        None => corpus.documents.iter().collect(),
    };
    let mut rows = Vec::new();
    for doc in docs {
        // Mentions are sorted, so char offsets are counted once along the text.
        let (mut byte, mut chars) = (0usize, 0usize);
        for m in corpus.entities.mentions_in(doc.id) {
            let Some(e) = corpus.entities.entity(m.entity) else {
                continue;
            };
            if entity.is_some_and(|id| id != m.entity) || doc.text.get(m.span.range()).is_none() {
                continue;
            }
            let (start, end) = (m.span.start as usize, m.span.end as usize);
            if start >= byte {
                chars += doc.text[byte..start].chars().count();
            } else {
                chars = doc.text[..start].chars().count();
            }
            byte = start;
            rows.push(mention_row(
                doc,
                e,
                m,
                chars,
                chars + doc.text[start..end].chars().count(),
            ));
        }
    }
    rows
}

fn mention_row<'a>(
    doc: &'a Document,
    e: &'a Entity,
    m: &Mention,
    char_start: usize,
    char_end: usize,
) -> MentionRow<'a> {
    let (left, right) = context(doc, m.span, CONTEXT_CHARS);
    MentionRow {
        doc: doc.id.0,
        title: &doc.title.text,
        file: &doc.origin.file,
        entity: e.id.0,
        entity_name: &e.name,
        kind: e.kind.label(),
        start: m.span.start,
        end: m.span.end,
        char_start,
        char_end,
        text: doc.slice(m.span),
        context: doc.text[left.start as usize..right.end as usize].to_owned(),
        place: m.place.label(),
    }
}

/// Mentions of `entity`, or of every entity when `None`: document id, title, file,
/// entity id, name and type, byte and char offsets in the document's text, the text,
/// its context and where it sits (`text`, `headline`, `flagged`, `removed`).
pub fn mentions_csv(corpus: &Corpus, entity: Option<EntityId>) -> Result<String, ExportError> {
    let mut out = Csv::new(&[
        "doc",
        "title",
        "file",
        "entity",
        "entity_name",
        "type",
        "start",
        "end",
        "char_start",
        "char_end",
        "text",
        "context",
        "place",
    ]);
    for r in mention_rows(corpus, entity) {
        out.row(&[
            r.doc.to_string(),
            safe(r.title),
            safe(r.file),
            r.entity.to_string(),
            safe(r.entity_name),
            r.kind.to_owned(),
            r.start.to_string(),
            r.end.to_string(),
            r.char_start.to_string(),
            r.char_end.to_string(),
            safe(r.text),
            safe(&r.context),
            r.place.to_owned(),
        ]);
    }
    out.finish()
}

pub fn mentions_json(corpus: &Corpus, entity: Option<EntityId>) -> Result<String, ExportError> {
    json(&mention_rows(corpus, entity))
}

#[derive(Serialize)]
struct ResultRow<'a> {
    rank: usize,
    doc: u32,
    title: &'a str,
    outlet: Option<&'a str>,
    /// ISO date, or "7 September" when the year is unknown.
    date: Option<String>,
    score: f32,
}

fn result_rows<'a>(corpus: &'a Corpus, hits: &[Hit]) -> Vec<ResultRow<'a>> {
    hits.iter()
        .enumerate()
        .filter_map(|(i, hit)| {
            let doc = corpus.document(hit.doc)?;
            Some(ResultRow {
                rank: i + 1,
                doc: hit.doc.0,
                title: &doc.title.text,
                outlet: doc.outlet.as_ref().map(|o| o.name.as_str()),
                date: doc.published.map(|f| f.date.to_string()),
                score: hit.score,
            })
        })
        .collect()
}

/// Search hits in the order given (best first, after any facet filtering): rank (from 1),
/// document id, title, outlet, publication date and score (0 for a list without search).
pub fn results_csv(corpus: &Corpus, hits: &[Hit]) -> Result<String, ExportError> {
    let mut out = Csv::new(&["rank", "doc", "title", "outlet", "date", "score"]);
    for r in result_rows(corpus, hits) {
        out.row(&[
            r.rank.to_string(),
            r.doc.to_string(),
            safe(r.title),
            safe(r.outlet.unwrap_or("")),
            r.date.unwrap_or_default(),
            r.score.to_string(),
        ]);
    }
    out.finish()
}

pub fn results_json(corpus: &Corpus, hits: &[Hit]) -> Result<String, ExportError> {
    json(&result_rows(corpus, hits))
}

/// The matrix as shown: a row per document (id, title, counts), a column per entity
/// headed "Name (TYPE)".
pub fn matrix_csv(corpus: &Corpus, matrix: &Matrix) -> Result<String, ExportError> {
    let mut header = vec!["doc".to_owned(), "title".to_owned()];
    header.extend(
        matrix
            .entities
            .iter()
            .map(|&id| match corpus.entities.entity(id) {
                Some(e) => safe(&format!("{} ({})", e.name, e.kind.label())),
                None => format!("entity {}", id.0),
            }),
    );
    let mut out = Csv::new(&[]);
    out.row(&header);
    for (r, &doc) in matrix.docs.iter().enumerate() {
        let mut row = vec![doc.0.to_string(), safe(title(corpus, doc))];
        row.extend(matrix.row(r).iter().map(u32::to_string));
        out.row(&row);
    }
    out.finish()
}

fn title(corpus: &Corpus, doc: DocId) -> &str {
    corpus.document(doc).map_or("", |d| d.title.text.as_str())
}

/// A CSV being written into memory; the first error is kept and reported at the end.
pub(crate) struct Csv {
    writer: csv::Writer<Vec<u8>>,
    error: Option<csv::Error>,
}

impl Csv {
    pub(crate) fn new(header: &[&str]) -> Csv {
        let mut out = Csv {
            writer: csv::Writer::from_writer(Vec::new()),
            error: None,
        };
        if !header.is_empty() {
            out.row(header);
        }
        out
    }

    pub(crate) fn row<T: AsRef<[u8]>>(&mut self, cells: &[T]) {
        if self.error.is_none() {
            self.error = self.writer.write_record(cells).err();
        }
    }

    pub(crate) fn finish(self) -> Result<String, ExportError> {
        if let Some(e) = self.error {
            return Err(ExportError::Csv(e.to_string()));
        }
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| ExportError::Csv(e.error().to_string()))?;
        String::from_utf8(bytes).map_err(|e| ExportError::Csv(e.to_string()))
    }
}

fn json<T: Serialize>(rows: &T) -> Result<String, ExportError> {
    serde_json::to_string(rows).map_err(|e| ExportError::Json(e.to_string()))
}

/// `cell` made safe for spreadsheets: one that would start a formula gets a leading `'`.
pub(crate) fn safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// `dossier-<kind>-<query>.<ext>`: the query folded to lower case without accents,
/// letters and digits (any script) kept, every other run of characters one `-`, cut to
/// 60 bytes; the query part is left out when nothing remains, and `ext` keeps only ASCII
/// letters and digits (`txt` when none). Any input gives a name that every common file
/// system accepts.
pub fn export_file_name(kind: &str, query: &str, ext: &str) -> String {
    let mut name = String::from("dossier");
    for part in [slug(kind, 24), slug(query, MAX_QUERY_BYTES)] {
        if !part.is_empty() {
            name.push('-');
            name.push_str(&part);
        }
    }
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    name.push('.');
    name.push_str(if ext.is_empty() { "txt" } else { &ext });
    name
}

/// Lower-case letters and digits of `text` joined by single dashes, at most `max` bytes.
fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in fold(text).chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if out.len() + c.len_utf8() > max {
                break;
            }
            out.push(c);
        } else {
            dash = true;
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::{matrix, MatrixFilter};
    use dossier_ingest::ingest;
    use dossier_ingest::source::SourceFile;
    use dossier_model::entity::{Entities, EntityType, Place};
    use dossier_model::span::Span;
    use dossier_search::{index, Engine};
    use proptest::prelude::*;

    /// Two documents; "Müller" and "=SUM(A1)" are entities wherever they occur.
    fn corpus() -> Corpus {
        let texts = [
            "Müller wins\n\nÉté: Müller said prices rose, Müller added.\n",
            "=SUM(A1) story\n\nA cell reading =SUM(A1) is a formula.\n",
        ];
        let files = texts
            .iter()
            .enumerate()
            .map(|(i, t)| SourceFile::new(format!("{i}.txt"), t.as_bytes().to_vec()))
            .collect();
        let mut c = ingest(files);
        let names = [("Müller", EntityType::Person), ("=SUM(A1)", EntityType::Org)];
        let mut mentions = Vec::new();
        let entities: Vec<Entity> = names
            .iter()
            .enumerate()
            .map(|(i, (n, kind))| Entity {
                aliases: vec!["-alias".into(), "b".into()],
                ..Entity::new(EntityId(i as u32), *n, *kind)
            })
            .collect();
        for doc in &c.documents {
            let mut found = Vec::new();
            for (e, (n, _)) in names.iter().enumerate() {
                for (i, _) in doc.text.match_indices(n) {
                    found.push(Mention {
                        span: Span::new(i, i + n.len()),
                        entity: EntityId(e as u32),
                        place: if i == 0 { Place::Removed } else { Place::Text },
                    });
                }
            }
            found.sort();
            mentions.push(found);
        }
        c.entities = Entities { entities, mentions };
        c.entities.recount();
        c
    }

    fn parse(csv_text: &str) -> Vec<Vec<String>> {
        csv::Reader::from_reader(csv_text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn entities_in_csv_and_json() {
        let c = corpus();
        let rows = parse(&entities_csv(&c).unwrap());
        assert_eq!(
            rows[0],
            ["0", "Müller", "PERSON", "'-alias; b", "2", "1", "1"],
            "two mentions in the text, one elsewhere"
        );
        assert_eq!(rows[1][1], "'=SUM(A1)", "formula-like cells are quoted");
        let json: serde_json::Value = serde_json::from_str(&entities_json(&c).unwrap()).unwrap();
        assert_eq!(json[1]["name"], "=SUM(A1)", "JSON is left as is");
        assert_eq!(json[0]["documents"], serde_json::json!([0]));
        assert_eq!(json[0]["type"], "PERSON");
    }

    #[test]
    fn mentions_carry_byte_and_char_offsets_and_context() {
        let c = corpus();
        let text = &c.documents[0].text;
        let rows = parse(&mentions_csv(&c, Some(EntityId(0))).unwrap());
        assert_eq!(rows.len(), 3);
        for row in &rows {
            let (start, end): (usize, usize) = (row[6].parse().unwrap(), row[7].parse().unwrap());
            let (cs, ce): (usize, usize) = (row[8].parse().unwrap(), row[9].parse().unwrap());
            assert_eq!(&text[start..end], "Müller");
            assert_eq!(text.chars().skip(cs).take(ce - cs).collect::<String>(), "Müller");
            assert_eq!(text[..start].chars().count(), cs);
            assert_eq!(
                (row[0].as_str(), row[1].as_str(), row[2].as_str()),
                ("0", "Müller wins", "0.txt")
            );
        }
        assert_eq!(rows[1][11], "Été: Müller said prices rose, Müller added.");
        assert_eq!((rows[0][12].as_str(), rows[1][12].as_str()), ("removed", "text"));
        let all: serde_json::Value = serde_json::from_str(&mentions_json(&c, None).unwrap()).unwrap();
        assert_eq!(all.as_array().unwrap().len(), 5);
        assert_eq!(all[3]["text"], "=SUM(A1)");
        assert_eq!(parse(&mentions_csv(&c, None).unwrap())[3][10], "'=SUM(A1)");
        assert!(parse(&mentions_csv(&c, Some(EntityId(7))).unwrap()).is_empty());
    }

    #[test]
    fn results_in_rank_order() {
        let c = corpus();
        let engine = Engine::new(c.clone(), index::build(&c));
        let results = engine.search("formula", false);
        let rows = parse(&results_csv(&c, &results.hits).unwrap());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][..3], ["1", "1", "'=SUM(A1) story"]);
        let json: serde_json::Value =
            serde_json::from_str(&results_json(&c, &results.hits).unwrap()).unwrap();
        assert_eq!(json[0]["rank"], 1);
        assert!(json[0]["score"].as_f64().unwrap() > 0.0);
    }

    #[test]
    fn matrix_with_entity_headers() {
        let c = corpus();
        let m = matrix(&c, &[DocId(0), DocId(1)], &MatrixFilter::names(5));
        let text = matrix_csv(&c, &m).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
        assert_eq!(header, ["doc", "title", "Müller (PERSON)", "'=SUM(A1) (ORG)"]);
        assert_eq!(
            parse(&text),
            [["0", "Müller wins", "2", "0"], ["1", "'=SUM(A1) story", "0", "1"]]
        );
    }

    #[test]
    fn file_names_carry_the_query() {
        assert_eq!(
            export_file_name("mentions", "Xi Jinping", "csv"),
            "dossier-mentions-xi-jinping.csv"
        );
        assert_eq!(
            export_file_name("results", "\"Élysée\" / Paris", ".JSON"),
            "dossier-results-elysee-paris.json"
        );
        assert_eq!(
            export_file_name("results", "习近平", "csv"),
            "dossier-results-习近平.csv"
        );
        assert_eq!(export_file_name("", "../../etc", ""), "dossier-etc.txt");
    }

    proptest! {
        #[test]
        fn any_query_gives_a_short_safe_name(kind in ".{0,40}", query in ".{0,1000}", ext in ".{0,12}") {
            let name = export_file_name(&kind, &query, &ext);
            prop_assert!(name.starts_with("dossier"));
            prop_assert!(name.len() <= 7 + 1 + 24 + 1 + MAX_QUERY_BYTES + 1 + 8);
            prop_assert_eq!(name.matches('.').count(), 1);
            prop_assert!(!name.contains("--") && !name.contains("-."));
            prop_assert!(name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.'), "{}", name);
        }
    }
}
