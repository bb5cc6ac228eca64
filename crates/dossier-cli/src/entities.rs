//! `entities DIR`: every mention the recogniser finds, per file, as JSON or CSV.
//!
//! Offsets are code points into the file's text as written (decoded, line endings as in
//! the file, no byte-order mark), and `text` is that slice of it, so a caller can check
//! `text == file_text[start:end]`.

use crate::error::CliError;
use crate::folder::{FileDocuments, Folder};
use clap::ValueEnum;
use serde::ser::{SerializeMap, Serializer as _};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `{"<file name>": [{"start", "end", "text", "label", "entity", "name", "place"}, ...]}`
    Json,
    /// One row per mention: file,start,end,text,label,entity,name,place
    Csv,
}

/// One mention, as both formats write it.
#[derive(Debug, Serialize)]
struct MentionRow<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// The OntoNotes type ("PERSON", "GPE", "DATE").
    label: &'static str,
    /// The linked entity's id: equal ids are one entity across the folder.
    entity: u32,
    /// The linked entity's canonical name.
    name: &'a str,
    /// Where it sits: "text" (the running text: what the app counts), "headline",
    /// "flagged" (a spliced-in headline, a caption) or "removed" (page furniture).
    place: &'static str,
}

const CSV_HEADER: [&str; 8] = ["file", "start", "end", "text", "label", "entity", "name", "place"];

/// Writes the mentions of every file of `folder` (entities recognised) to `out`.
pub fn write(folder: &Folder, format: Format, out: impl Write) -> Result<(), CliError> {
    match format {
        Format::Json => write_json(folder, out),
        Format::Csv => write_csv(folder, out),
    }
}

/// Streams the object file by file, so a large corpus is never held twice in memory.
fn write_json(folder: &Folder, mut out: impl Write) -> Result<(), CliError> {
    let mut serializer = serde_json::Serializer::new(&mut out);
    let mut map = serializer.serialize_map(None)?;
    for file in folder.files() {
        map.serialize_entry(file.name, &mentions(folder, &file).collect::<Vec<_>>())?;
    }
    map.end()?;
    writeln!(out)?;
    Ok(())
}

fn write_csv(folder: &Folder, out: impl Write) -> Result<(), CliError> {
    let mut csv = csv::WriterBuilder::new().has_headers(false).from_writer(out);
    csv.write_record(CSV_HEADER)?;
    for file in folder.files() {
        for m in mentions(folder, &file) {
            csv.write_record([
                file.name,
                &m.start.to_string(),
                &m.end.to_string(),
                m.text,
                m.label,
                &m.entity.to_string(),
                m.name,
                m.place,
            ])?;
        }
    }
    csv.flush()?;
    Ok(())
}

/// The mentions of one file in text order (its documents tile it in order).
fn mentions<'a>(folder: &'a Folder, file: &FileDocuments<'a>) -> impl Iterator<Item = MentionRow<'a>> {
    let entities = &folder.corpus.entities;
    let written = file.written;
    file.documents.iter().flat_map(move |doc| {
        entities.mentions_in(doc.id).iter().filter_map(move |m| {
            // Every mention names an entity of the same `Entities` (linking makes both).
            let entity = entities.entity(m.entity)?;
            let span = written.span(doc, m.span);
            Some(MentionRow {
                start: span.start,
                end: span.end,
                text: written.slice(doc, m.span),
                label: entity.kind.label(),
                entity: entity.id.0,
                name: &entity.name,
                place: m.place.label(),
            })
        })
    })
}
