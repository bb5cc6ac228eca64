//! The placeholder of a view that needs the corpus file's body (texts, mentions, the
//! views' data) while only its head has arrived.

use crate::corpus::{use_corpus, CorpusHandle};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NeedsTextProps {
    /// The document whose title the placeholder shows (the head has the titles).
    pub title_of: Option<u32>,
    pub children: Html,
}

/// A view that shows text, mentions or the views' data: shown once the corpus file has
/// arrived whole, and until then a note that it is on its way (the bar at the foot of the
/// page says how far). A document opened from the list this early appears by itself.
#[component]
pub fn NeedsText(props: &NeedsTextProps) -> Html {
    let corpus = use_corpus();
    if corpus.is_complete() {
        return props.children.clone();
    }
    pending(
        &corpus,
        props.title_of,
        "Loading the articles",
        "The articles' text is still arriving: this shows as soon as it is here.",
    )
}

/// A view's placeholder while something it needs arrives: the document's title when it
/// shows one (the head has the titles), else `heading`, and what it waits for.
pub fn pending(corpus: &CorpusHandle, title_of: Option<u32>, heading: &str, waiting_for: &str) -> Html {
    let title = title_of
        .and_then(|id| corpus.documents.get(id as usize))
        .map(|d| d.title.text.clone());
    html! {
        <section class="text-pending" aria-busy="true">
            <h1>{ title.unwrap_or_else(|| heading.to_owned()) }</h1>
            <p>{ waiting_for.to_owned() }</p>
        </section>
    }
}
