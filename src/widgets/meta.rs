//! How a document's metadata reads on screen, shared by the list and the reader.

use dossier_model::document::{DateSource, Document};
use yew::prelude::*;

/// Placeholder for a value the page does not give.
pub const UNKNOWN: &str = "\u{2014}";

pub fn outlet(doc: &Document) -> &str {
    doc.outlet.as_ref().map_or(UNKNOWN, |o| o.name.as_str())
}

/// The publication date, or the placeholder.
pub fn published(doc: &Document) -> String {
    doc.published
        .map_or_else(|| UNKNOWN.to_owned(), |p| p.date.to_string())
}

/// Where the publication date was read from, in the reader's words.
pub fn date_source(source: DateSource) -> &'static str {
    match source {
        DateSource::Label => "labelled on the page",
        DateSource::Dateline => "from the dateline",
        DateSource::PageHeader => "the page's header date",
    }
}

pub fn words(doc: &Document) -> String {
    match doc.word_count {
        1 => "1 word".to_owned(),
        n => format!("{n} words"),
    }
}

/// "Added by you" on a document the reader added, nothing otherwise.
#[derive(Properties, PartialEq)]
pub struct AddedBadgeProps {
    pub added_by_user: bool,
}

#[component]
pub fn AddedBadge(props: &AddedBadgeProps) -> Html {
    if props.added_by_user {
        html! { <span class="added-badge" title="You added this document in this browser">{ "added by you" }</span> }
    } else {
        Html::default()
    }
}
