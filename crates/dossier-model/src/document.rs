//! The corpus model: what ingest produces, the store embeds and the app shows.

pub use crate::id::DocId;

use crate::date::CalendarDate;
use crate::entity::{Entities, Place};
use crate::insights::Insights;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Every document of the corpus, and the files that could not become documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub skipped: Vec<SkippedFile>,
    /// The entities the documents mention, filled at build time by
    /// `dossier_nlp::entity::recognise` (empty straight out of ingest).
    pub entities: Entities,
    /// Sentences, quotes, dated mentions and co-occurrence, filled at build time by
    /// `dossier_explore::analyse` after the entities (empty straight out of ingest).
    pub insights: Insights,
}

impl Corpus {
    pub fn document(&self, id: DocId) -> Option<&Document> {
        self.documents.get(id.0 as usize)
    }
}

/// A corpus file left out of the build, and why (shown as a build warning and in the app).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedFile {
    pub file: String,
    pub reason: String,
}

/// The build's warning line: the file and why it was left out.
impl std::fmt::Display for SkippedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "corpus file {} skipped: {}", self.file, self.reason)
    }
}

/// One article. A file usually holds one; a file holding several is split, and each part
/// remembers where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    pub origin: Origin,
    /// The document's original text: its slice of the decoded file. All spans point here.
    pub text: String,
    pub title: Title,
    pub outlet: Option<Outlet>,
    /// When the story ran, if the text says so.
    pub published: Option<DatedFact>,
    /// When the page was saved or scraped (a site header's "today"), which is not when the
    /// story ran; kept so the reader can say so.
    pub saved: Option<DatedFact>,
    /// Removed, flagged and metadata regions, sorted by start and never overlapping.
    pub regions: Vec<Region>,
    /// Non-empty lines of the text: the reader's paragraphs.
    #[serde(with = "crate::packed::spans")]
    pub paragraphs: Vec<Span>,
    /// Words of text that is not removed: the "length" users see.
    pub word_count: u32,
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub file: String,
    /// The encoding the file was decoded from ("UTF-8", "windows-1252", "UTF-16LE").
    pub encoding: String,
    /// 0-based part of the file, and how many parts it was split into (1 when not split).
    pub part: u16,
    pub parts: u16,
    /// Byte offset of this document's text in the decoded file.
    pub offset: u32,
    /// Added by the reader in the browser (see `dossier_ingest::user_files`), not embedded at
    /// build time: the app marks such documents.
    pub added_by_user: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title {
    pub text: String,
    pub source: TitleSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TitleSource {
    /// The page's own headline, at this span of the text.
    Headline(Span),
    /// No headline was found: the title is made from the lead sentence at this span, and
    /// the app says so.
    Derived(Span),
}

impl Title {
    pub fn is_derived(&self) -> bool {
        matches!(self.source, TitleSource::Derived(_))
    }
}

/// The publication named by the text ("Press TV's website", "LatestLY Staff").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlet {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedFact {
    pub date: CalendarDate,
    pub span: Span,
    pub source: DateSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateSource {
    /// Labelled on the page: "date 2022-09-07", "Published: ...".
    Label,
    /// A dateline opening the story: "Moscow, September 13:".
    Dateline,
    /// A date standing alone above the headline: the site header's date of the visit.
    PageHeader,
}

/// A stretch of text that ingest removed, flagged or read as metadata. Nothing is deleted:
/// the text stays in [`Document::text`] and the reader can show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub span: Span,
    pub kind: RegionKind,
}

/// What a region is. [`RegionKind::treatment`] says how the reader shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RegionKind {
    /// The headline itself: shown as the title, not again in the body.
    Headline,
    /// "News / China / Russia", or a label glued to a repeated headline ("HomeWorld...").
    Breadcrumb,
    /// Share, comment, listen, gift and subscribe bars.
    CallToAction,
    /// `[ad_1]`, "Advertisement".
    AdMarker,
    /// "RELATED ARTICLES", "Most Popular", "Source link" and other page sections.
    SectionLabel,
    /// A bare web address.
    Link,
    /// The page or scrape date above the headline.
    PageDate,
    /// A line that repeats the headline or the line before it.
    Duplicate,
    /// Short lines after the story: site names, tags, disclaimers.
    Footer,
    /// A line found in many files of the corpus: a site's template, not a story.
    RepeatedAcrossFiles,
    /// "Moscow, September 13:": kept in the text, read as metadata.
    Dateline,
    /// A photo caption or credit ("(Ng Han Guan/AP)").
    Caption,
    /// An unrelated headline spliced into the body by the scraper.
    SplicedHeadline,
}

/// How the reader treats a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Treatment {
    /// Hidden unless the user asks to see removed text.
    Removed,
    /// Shown, marked as suspicious.
    Flagged,
    /// Shown, marked as metadata.
    Metadata,
}

impl RegionKind {
    pub fn treatment(self) -> Treatment {
        use RegionKind::*;
        match self {
            Headline | Breadcrumb | CallToAction | AdMarker | SectionLabel | Link | PageDate | Duplicate
            | Footer | RepeatedAcrossFiles => Treatment::Removed,
            Caption | SplicedHeadline => Treatment::Flagged,
            Dateline => Treatment::Metadata,
        }
    }

    /// Words for the reader's tooltip and legend.
    pub fn label(self) -> &'static str {
        use RegionKind::*;
        match self {
            Headline => "headline",
            Breadcrumb => "navigation crumb",
            CallToAction => "share / comment bar",
            AdMarker => "advertisement marker",
            SectionLabel => "page section",
            Link => "web address",
            PageDate => "page date (not the story's date)",
            Duplicate => "repeated line",
            Footer => "page footer",
            RepeatedAcrossFiles => "repeated across files",
            Dateline => "dateline",
            Caption => "photo caption",
            SplicedHeadline => "unrelated headline spliced in",
        }
    }
}

/// The spans of `spans` (sorted, non-overlapping) that meet `paragraph`, and the index
/// of the first.
fn within(spans: &[Span], paragraph: Span) -> (usize, &[Span]) {
    let first = spans.partition_point(|m| m.end <= paragraph.start);
    let count = spans[first..]
        .iter()
        .take_while(|m| m.start < paragraph.end)
        .count();
    (first, &spans[first..first + count])
}

/// A piece of a paragraph for display: plain text or a region, maybe a search match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub span: Span,
    pub region: Option<RegionKind>,
    /// Index of the search mark this piece belongs to (a mark cut by a region boundary
    /// spans several pieces with the same index).
    pub mark: Option<usize>,
    /// Index of the entity mention this piece belongs to, likewise.
    pub mention: Option<usize>,
}

impl Document {
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// Where a mention at `span` sits: in the headline, removed page furniture or a
    /// flagged passage when it overlaps one (the most hidden wins), else the running text.
    pub fn place_of(&self, span: Span) -> Place {
        self.regions
            .iter()
            .filter(|r| r.span.start < span.end && span.start < r.span.end)
            .map(|r| match (r.kind, r.kind.treatment()) {
                (RegionKind::Headline, _) => Place::Headline,
                (_, Treatment::Removed) => Place::Removed,
                (_, Treatment::Flagged) => Place::Flagged,
                (_, Treatment::Metadata) => Place::Text,
            })
            .max()
            .unwrap_or(Place::Text)
    }

    /// A paragraph cut at region boundaries, in order, covering it exactly.
    pub fn pieces(&self, paragraph: Span) -> Vec<Piece> {
        self.pieces_layered(paragraph, &[], &[])
    }

    /// A paragraph cut at region boundaries and at the edges of search marks and entity
    /// mentions (each sorted and non-overlapping, byte spans of the text), in order,
    /// covering it exactly.
    pub fn pieces_layered(&self, paragraph: Span, marks: &[Span], mentions: &[Span]) -> Vec<Piece> {
        let first_region = self.regions.partition_point(|r| r.span.end <= paragraph.start);
        let regions = self.regions[first_region..]
            .iter()
            .take_while(|r| r.span.start < paragraph.end);
        let (first_mark, in_marks) = within(marks, paragraph);
        let (first_mention, in_mentions) = within(mentions, paragraph);
        let mut cuts: Vec<u32> = vec![paragraph.start, paragraph.end];
        for span in regions
            .clone()
            .map(|r| r.span)
            .chain(in_marks.iter().copied())
            .chain(in_mentions.iter().copied())
        {
            cuts.push(span.start.clamp(paragraph.start, paragraph.end));
            cuts.push(span.end.clamp(paragraph.start, paragraph.end));
        }
        cuts.sort_unstable();
        cuts.dedup();
        let holder = |spans: &[Span], first: usize, piece: Span| {
            spans.iter().position(|m| m.contains(piece)).map(|i| i + first)
        };
        cuts.windows(2)
            .map(|w| {
                let span = Span {
                    start: w[0],
                    end: w[1],
                };
                Piece {
                    span,
                    region: regions.clone().find(|r| r.span.contains(span)).map(|r| r.kind),
                    mark: holder(in_marks, first_mark, span),
                    mention: holder(in_mentions, first_mention, span),
                }
            })
            .collect()
    }

    /// Is the whole paragraph removed (so the reader hides it entirely)?
    pub fn is_removed(&self, paragraph: Span) -> bool {
        self.pieces(paragraph)
            .iter()
            .all(|p| p.region.is_some_and(|k| k.treatment() == Treatment::Removed))
    }
}
