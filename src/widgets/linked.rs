//! A wrapper for what is drawn from the corpus's insights, which wait a moment after an
//! entity correction (`CorpusHandle::is_linked`).

use crate::corpus::use_corpus;
use yew::prelude::*;

/// Views drawn from the corpus's insights (co-occurrence, quotes, dated mentions): for a
/// moment after an entity correction those still name the old entities
/// (`CorpusHandle::is_linked`), and the view says it is updating instead.
#[component]
pub fn Linked(props: &yew::html::ChildrenProps) -> Html {
    let corpus = use_corpus();
    if corpus.is_linked() {
        return props.children.clone();
    }
    html! { <p class="relinking muted" role="status" aria-busy="true">{ "Updating after your correction\u{2026}" }</p> }
}
