//! The placeholder of a view that needs the corpus file's body (texts, mentions, the
//! views' data) while only its head has arrived.

use crate::corpus::use_corpus;
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
    let title = props
        .title_of
        .and_then(|id| corpus.documents.get(id as usize))
        .map(|d| d.title.text.clone());
    html! {
        <section class="text-pending" aria-busy="true">
            <h1>{ title.unwrap_or_else(|| "Loading the articles".to_owned()) }</h1>
            <p>{ "The articles' text is still arriving: this shows as soon as it is here." }</p>
        </section>
    }
}
