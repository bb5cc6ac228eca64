//! The documents a view looks at: the list's, as the search and facet picks in the
//! address select them. The matrix, graph, timeline and exports use them, so narrowing
//! the list narrows every view, and a link to a view keeps its scope.

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::{use_params, Route, SearchParams};
use crate::work::use_work;
use dossier_explore::facets::Selection;
use dossier_model::document::DocId;
use dossier_search::Annotations;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// The scope's parameters and its documents (best first when there is a search, else in
/// corpus order).
#[hook]
pub fn use_scope() -> (SearchParams, Rc<Vec<DocId>>) {
    let corpus = use_corpus();
    let params = use_params().scope();
    let work = use_work();
    let docs = use_memo(
        (params.clone(), corpus.clone(), work),
        move |(params, corpus, work)| {
            let none = Annotations::default();
            let annotations = work.as_ref().map_or(&none, |w| &w.index.annotations);
            scope_docs(corpus, params, annotations)
        },
    );
    (params, docs)
}

/// The documents the list shows for `params`, with the reader's tags, stars and notes
/// (`annotations`) for `tag:`, `is:starred` and notes' words.
pub fn scope_docs(corpus: &CorpusHandle, params: &SearchParams, annotations: &Annotations) -> Vec<DocId> {
    let base: Vec<DocId> = if params.q.trim().is_empty() {
        corpus.documents.iter().map(|d| d.id).collect()
    } else {
        corpus
            .engine()
            .search_annotated(&params.q, false, params.counting(), annotations)
            .hits
            .iter()
            .map(|h| h.doc)
            .collect()
    };
    let selection = Selection::from_params(&params.selection(), corpus);
    if selection.is_empty() {
        return base;
    }
    corpus
        .facets(params.counting())
        .apply_annotated(corpus, &base, &selection, 0, annotations)
        .docs
}

#[derive(Properties, PartialEq)]
pub struct ScopeNoteProps {
    pub params: SearchParams,
    pub count: usize,
    /// The view the "all documents" link stays on.
    pub route: Route,
}

/// Says which documents a view shows, with links to the list and to all documents.
#[component]
pub fn ScopeNote(props: &ScopeNoteProps) -> Html {
    let corpus = use_corpus();
    let all = corpus.documents.len();
    if props.params.is_empty() {
        return html! { <p class="scope muted">{ format!("All {all} documents.") }</p> };
    }
    html! {
        <p class="scope muted">
            { format!("The {} of {all} documents in ", props.count) }
            <Link<Route, SearchParams> to={Route::Documents} query={Some(props.params.clone())}>{ "your list" }</Link<Route, SearchParams>>
            { match props.params.q.trim() {
                "" => String::new(),
                q => format!(" (\u{201C}{q}\u{201D})"),
            } }
            { ". " }
            <Link<Route> to={props.route.clone()}>{ "Show all documents" }</Link<Route>>
        </p>
    }
}
