//! Documents the reader adds in the browser, without a rebuild: judged and turned into
//! text here, merged with the embedded corpus by `dossier_core::user_files`.
//!
//! A file is judged by its name and size before anything is stored ([`check`], and on the
//! page [`screen`]), then turned into plain text ([`to_text`]: Markdown loses its markup,
//! HTML keeps its article text only). [`Job`] and [`JobResult`] are the page's protocol
//! with the document worker; they live here, beside the checks, so the page links them
//! without linking the tagger.

use crate::decode::{decode, DecodeError, MAX_FILE_BYTES};
use crate::source::SourceFile;
use dossier_model::document::SkippedFile;
use pulldown_cmark::{Event, Parser, TagEnd};
use scraper::{Html, Node, Selector};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The kinds of file a reader can add, told by the name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Text,
    Markdown,
    Html,
}

impl FileKind {
    /// The kind of a file called `name`, or `None` for any other extension.
    pub fn of(name: &str) -> Option<FileKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(FileKind::Text),
            "md" | "markdown" => Some(FileKind::Markdown),
            "html" | "htm" => Some(FileKind::Html),
            _ => None,
        }
    }
}

/// Why an added file cannot become a document. Nothing else is affected by a refusal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusedFile {
    /// Not a .txt, .md or .html file.
    UnsupportedType { name: String },
    TooLarge {
        name: String,
        bytes: usize,
        limit: usize,
    },
    /// Binary or empty bytes.
    NotText { name: String, reason: DecodeError },
    /// Markdown or HTML with no text left once the markup is gone.
    NoText { name: String },
    /// Text, but no article: only a title, navigation or page furniture, which ingest
    /// sets aside, so the document would have no words.
    NoArticle { name: String },
}

impl fmt::Display for RefusedFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefusedFile::UnsupportedType { name } => write!(
                f,
                "{name} was not added: only .txt, .md and .html files can be added"
            ),
            RefusedFile::TooLarge { name, bytes, limit } => write!(
                f,
                "{name} was not added: it is {:.1} MB, over the {:.0} MB limit for one file",
                *bytes as f64 / 1_048_576.0,
                *limit as f64 / 1_048_576.0
            ),
            RefusedFile::NotText { name, reason } => write!(f, "{name} was not added: {reason}"),
            RefusedFile::NoText { name } => {
                write!(
                    f,
                    "{name} was not added: it holds no text once its markup is removed"
                )
            }
            RefusedFile::NoArticle { name } => write!(
                f,
                "{name} was not added: it holds no article text, only a title, navigation or page furniture"
            ),
        }
    }
}

impl std::error::Error for RefusedFile {}

/// Whether a file called `name` of `len` bytes may be added at all: checked before it is
/// stored, so a refused file never takes space.
pub fn check(name: &str, len: usize) -> Result<FileKind, RefusedFile> {
    let kind = FileKind::of(name).ok_or_else(|| RefusedFile::UnsupportedType {
        name: name.to_owned(),
    })?;
    if len > MAX_FILE_BYTES {
        return Err(RefusedFile::TooLarge {
            name: name.to_owned(),
            bytes: len,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(kind)
}

/// What the page checks before it stores a file, without decoding it: the type and size
/// ([`check`]), and that it is not empty or binary (NUL bytes and no UTF-16 byte-order
/// mark, as [`decode`] judges). Decoding on the page would link every decoder of
/// `encoding_rs` (CJK tables: 400 KB of wasm); the worker decodes, and refuses what is
/// left (whitespace only, markup without text) with a message naming the file.
pub fn screen(name: &str, bytes: &[u8]) -> Result<FileKind, RefusedFile> {
    let kind = check(name, bytes.len())?;
    let not_text = |reason| RefusedFile::NotText {
        name: name.to_owned(),
        reason,
    };
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if bytes.is_empty() {
        return Err(not_text(DecodeError::Empty));
    }
    if !utf16 && bytes.contains(&0) {
        return Err(not_text(DecodeError::Binary));
    }
    Ok(kind)
}

/// The file as plain text (UTF-8 bytes, same name), ready for [`crate::ingest`].
pub fn to_text(file: &SourceFile) -> Result<SourceFile, RefusedFile> {
    let kind = check(&file.name, file.bytes.len())?;
    let decoded = decode(&file.bytes).map_err(|reason| RefusedFile::NotText {
        name: file.name.clone(),
        reason,
    })?;
    let text = match kind {
        FileKind::Text => decoded.text,
        FileKind::Markdown => markdown_text(&decoded.text),
        FileKind::Html => html_text(&decoded.text),
    };
    if text.trim().is_empty() {
        return Err(RefusedFile::NoText {
            name: file.name.clone(),
        });
    }
    Ok(SourceFile::new(file.name.clone(), text.into_bytes()))
}

/// The file as the text of at least one document with words: [`to_text`], then ingest,
/// which must leave an article (an HTML page with only a title, a script and navigation
/// is refused here, not added as a document of no words). The one judgement of a file,
/// made before it is stored and again when it is merged.
pub fn readable(file: &SourceFile) -> Result<SourceFile, RefusedFile> {
    let text = to_text(file)?;
    let ingested = crate::ingest(vec![text.clone()]);
    if ingested.documents.iter().any(|d| d.word_count > 0) {
        Ok(text)
    } else {
        Err(RefusedFile::NoArticle {
            name: file.name.clone(),
        })
    }
}

/// What the page asks the worker (`crates/dossier-worker`) to do. Sent as `postcard`
/// bytes; the worker has the embedded corpus already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Job {
    /// Judge these files with [`readable`] before the page stores them, so a refused file
    /// never takes space nor comes back on the next visit.
    Check { files: Vec<(String, Vec<u8>)> },
    /// Add these files (name and bytes, in the order they were added) to the embedded corpus.
    Merge { files: Vec<(String, Vec<u8>)> },
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobResult {
    /// For [`Job::Check`]: the files that cannot be added (their place in the job's list)
    /// and why.
    Checked { refused: Vec<(u32, String)> },
    /// The merged corpus and its index, as `dossier_store::encode` writes them, and the
    /// files that could not be added.
    Merged {
        store: Vec<u8>,
        refused: Vec<SkippedFile>,
    },
    /// Nothing could be done (the embedded corpus or the job did not decode).
    Failed(String),
}

impl Job {
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }
}

impl JobResult {
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// Reads a worker's answer; bytes that do not decode are a failure, not a panic.
    pub fn from_bytes(bytes: &[u8]) -> JobResult {
        postcard::from_bytes(bytes)
            .unwrap_or_else(|e| JobResult::Failed(format!("unreadable answer from the worker: {e}")))
    }
}

/// Markdown to its text: one line per block, inline markup and raw HTML dropped.
fn markdown_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak | Event::Rule => out.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    tidy_lines(&out)
}

/// Elements whose text is never article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "svg",
    "iframe", "select",
];

/// Elements that start a new line.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "tr",
    "table",
    "figure",
    "figcaption",
    "br",
    "hr",
    "dd",
    "dt",
    "address",
];

/// An HTML page's article text: the first `<article>`, else `<main>`, else `<body>`, with
/// scripts, styles, navigation, headers, footers and asides dropped, one line per block.
/// The page `<title>` leads when the article has no heading of its own, so the document
/// gets its headline. Walks the tree with `traverse` (no recursion: any depth is safe).
fn html_text(html: &str) -> String {
    let page = Html::parse_document(html);
    let first = |css: &str| Selector::parse(css).ok().and_then(|s| page.select(&s).next());
    let Some(root) = first("article")
        .or_else(|| first("main"))
        .or_else(|| first("body"))
    else {
        return String::new();
    };
    let mut out = String::with_capacity(html.len() / 2);
    let has_heading = Selector::parse("h1, h2")
        .ok()
        .is_some_and(|s| root.select(&s).next().is_some());
    if !has_heading {
        if let Some(title) = first("title") {
            out.extend(title.text());
            out.push('\n');
        }
    }
    let mut skipping = 0usize;
    for edge in root.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(e) if skipping > 0 || SKIPPED_ELEMENTS.contains(&e.name()) => skipping += 1,
                Node::Element(e) if BLOCK_ELEMENTS.contains(&e.name()) => out.push('\n'),
                // A line break inside a text node is white space; blocks make lines.
                Node::Text(t) if skipping == 0 => {
                    out.extend(t.chars().map(|c| if c == '\n' { ' ' } else { c }))
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => match node.value() {
                Node::Element(_) if skipping > 0 => skipping -= 1,
                Node::Element(e) if BLOCK_ELEMENTS.contains(&e.name()) => out.push('\n'),
                _ => {}
            },
        }
    }
    tidy_lines(&out)
}

/// One paragraph per line, runs of white space made one space, blank lines between
/// paragraphs (as the corpus files are written).
fn tidy_lines(text: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_extension() {
        assert_eq!(FileKind::of("a.TXT"), Some(FileKind::Text));
        assert_eq!(FileKind::of("notes.md"), Some(FileKind::Markdown));
        assert_eq!(FileKind::of("page.htm"), Some(FileKind::Html));
        assert_eq!(FileKind::of("photo.jpg"), None);
        assert_eq!(FileKind::of("README"), None);
    }

    #[test]
    fn html_keeps_the_article_text_only() {
        let html = "<html><head><title>Site</title><style>p{color:red}</style></head><body>\
            <nav><a href=/>Home</a> | <a href=/world>World</a></nav>\
            <article><h1>Floods hit   the valley</h1><script>track()</script>\
            <p>Rain fell for <b>three</b> days &amp; nights.</p><aside>Read more</aside>\
            <p>Roads\nwere closed.</p></article><footer>(c) Site</footer></body></html>";
        assert_eq!(
            html_text(html),
            "Floods hit the valley\n\nRain fell for three days & nights.\n\nRoads were closed."
        );
    }

    #[test]
    fn html_without_a_heading_takes_the_page_title() {
        let html = "<title>Council votes</title><main><p>The council voted on Monday.</p></main>";
        assert_eq!(html_text(html), "Council votes\n\nThe council voted on Monday.");
    }

    #[test]
    fn markdown_loses_its_markup() {
        let md = "# Storm *warning*\n\nWinds of **90 km/h**\nare expected.\n\n- Schools close\n- `Trains` stop\n\n<div>raw</div>\n";
        assert_eq!(
            markdown_text(md),
            "Storm warning\n\nWinds of 90 km/h are expected.\n\nSchools close\n\nTrains stop"
        );
    }

    #[test]
    fn the_page_screen_refuses_what_decoding_would_without_decoding() {
        assert_eq!(screen("a.md", b"# Title"), Ok(FileKind::Markdown));
        assert_eq!(screen("u16.txt", &[0xFF, 0xFE, b'a', 0]), Ok(FileKind::Text));
        for (name, bytes) in [("x.png", &b"abc"[..]), ("e.txt", b""), ("b.txt", b"a\0b")] {
            let screened = screen(name, bytes).unwrap_err();
            let decoded = to_text(&SourceFile::new(name, bytes.to_vec())).unwrap_err();
            assert_eq!(screened, decoded, "{name}");
        }
    }

    #[test]
    fn refusals_name_the_file_and_the_reason() {
        let refused = to_text(&SourceFile::new("photo.png", vec![1, 2, 3])).unwrap_err();
        assert_eq!(
            refused,
            RefusedFile::UnsupportedType {
                name: "photo.png".into()
            }
        );
        let binary = to_text(&SourceFile::new("x.txt", vec![b'a', 0, b'b'])).unwrap_err();
        assert!(binary.to_string().contains("binary"), "{binary}");
        assert!(matches!(
            check("big.txt", MAX_FILE_BYTES + 1),
            Err(RefusedFile::TooLarge { .. })
        ));
        let empty = to_text(&SourceFile::new("e.html", b"<script>x()</script>".to_vec())).unwrap_err();
        assert_eq!(
            empty,
            RefusedFile::NoText {
                name: "e.html".into()
            }
        );
    }
}
