//! `documents DIR`: what ingest made of each file: its documents (one, or the parts of a
//! split file) with title, outlet, dates and the regions it removed, flagged or read as
//! metadata; or why the file was skipped.
//!
//! Every `start`/`end` is a code-point offset into the file's text as written, like
//! `entities`' offsets.

use crate::error::CliError;
use crate::folder::{FileSpan, Folder, WrittenFile};
use dossier_model::date::CalendarDate;
use dossier_model::document::{DateSource, DatedFact, RegionKind, TitleSource, Treatment};
use dossier_model::Document;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Serialize)]
struct FileReport<'a> {
    /// The encoding the file was read as; `null` when it was skipped.
    encoding: Option<&'a str>,
    /// Why the build would leave the file out; `null` when it was read.
    skipped: Option<&'a str>,
    documents: Vec<DocumentReport<'a>>,
}

#[derive(Serialize)]
struct DocumentReport<'a> {
    /// 0-based part of the file (more than one when ingest split it).
    part: u16,
    #[serde(flatten)]
    span: FileSpan,
    title: &'a str,
    /// No headline was found: the title is made from the lead sentence.
    title_derived: bool,
    /// The headline, or the sentence the title was derived from.
    title_span: FileSpan,
    outlet: Option<OutletReport<'a>>,
    published: Option<DateReport>,
    /// The page or scrape date above the headline, which is not when the story ran.
    saved: Option<DateReport>,
    word_count: u32,
    regions: Vec<RegionReport>,
}

#[derive(Serialize)]
struct OutletReport<'a> {
    name: &'a str,
    #[serde(flatten)]
    span: FileSpan,
}

#[derive(Serialize)]
struct DateReport {
    /// ISO 8601: `2022-09-15`, or `--09-15` when the text gives no year.
    date: String,
    /// Where the date came from: "label", "dateline" or "page header".
    source: &'static str,
    #[serde(flatten)]
    span: FileSpan,
}

#[derive(Serialize)]
struct RegionReport {
    /// The core's name for the kind ("AdMarker", "Footer", "Caption").
    kind: RegionKind,
    /// The reader's words for it ("advertisement marker").
    label: &'static str,
    /// "removed" (hidden page furniture), "flagged" (shown, marked suspicious) or
    /// "metadata" (shown, read as metadata).
    treatment: &'static str,
    #[serde(flatten)]
    span: FileSpan,
}

/// Writes the ingest result of every file of `folder`, read or skipped, as one JSON object
/// keyed by file name.
pub fn write(folder: &Folder, mut out: impl Write) -> Result<(), CliError> {
    let mut report: BTreeMap<&str, FileReport> = BTreeMap::new();
    for file in folder.files() {
        report.insert(
            file.name,
            FileReport {
                encoding: file.documents.first().map(|d| d.origin.encoding.as_str()),
                skipped: None,
                documents: file
                    .documents
                    .iter()
                    .map(|doc| document_report(doc, file.written))
                    .collect(),
            },
        );
    }
    for skipped in &folder.corpus.skipped {
        report.insert(
            &skipped.file,
            FileReport {
                encoding: None,
                skipped: Some(&skipped.reason),
                documents: Vec::new(),
            },
        );
    }
    serde_json::to_writer_pretty(&mut out, &report)?;
    writeln!(out)?;
    Ok(())
}

fn document_report<'a>(doc: &'a Document, written: &WrittenFile) -> DocumentReport<'a> {
    let whole = dossier_model::Span::new(0, doc.text.len());
    let date = |fact: &DatedFact| DateReport {
        date: iso_date(fact.date),
        source: match fact.source {
            DateSource::Label => "label",
            DateSource::Dateline => "dateline",
            DateSource::PageHeader => "page header",
        },
        span: written.span(doc, fact.span),
    };
    let title_span = match doc.title.source {
        TitleSource::Headline(span) | TitleSource::Derived(span) => span,
    };
    DocumentReport {
        part: doc.origin.part,
        span: written.span(doc, whole),
        title: &doc.title.text,
        title_derived: doc.title.is_derived(),
        title_span: written.span(doc, title_span),
        outlet: doc.outlet.as_ref().map(|o| OutletReport {
            name: &o.name,
            span: written.span(doc, o.span),
        }),
        published: doc.published.as_ref().map(date),
        saved: doc.saved.as_ref().map(date),
        word_count: doc.word_count,
        regions: doc
            .regions
            .iter()
            .map(|r| RegionReport {
                kind: r.kind,
                label: r.kind.label(),
                treatment: match r.kind.treatment() {
                    Treatment::Removed => "removed",
                    Treatment::Flagged => "flagged",
                    Treatment::Metadata => "metadata",
                },
                span: written.span(doc, r.span),
            })
            .collect(),
    }
}

/// `2022-09-15`; without a year, ISO 8601's month-day form `--09-15`.
fn iso_date(date: CalendarDate) -> String {
    match date.year {
        Some(year) => format!("{year:04}-{:02}-{:02}", date.month, date.day),
        None => format!("--{:02}-{:02}", date.month, date.day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_with_or_without_a_year() {
        let with_year = CalendarDate::new(Some(2022), 9, 15);
        let without = CalendarDate::new(None, 2, 29);
        assert_eq!(with_year.map(iso_date).as_deref(), Some("2022-09-15"));
        assert_eq!(without.map(iso_date).as_deref(), Some("--02-29"));
    }
}
