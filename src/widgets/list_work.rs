//! The list's own work controls: tag every listed document at once, and save the search
//! and facet picks under a name (the saved searches live on "Your work").

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::SearchParams;
use crate::widgets::doc_work::{TagForm, OPENING};
use crate::work::{use_work_access, WorkAccess};
use dossier_explore::facets::{Selection, SelectionParams};
use dossier_model::document::DocId;
use dossier_model::entity::EntityId;
use dossier_work::change::Change;
use dossier_work::work::{FacetPicks, SavedSearch};
use dossier_work::EntityRef;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ListWorkProps {
    /// The documents listed, in order.
    pub docs: std::rc::Rc<Vec<DocId>>,
    pub params: SearchParams,
}

#[component]
pub fn ListWork(props: &ListWorkProps) -> Html {
    let corpus = use_corpus();
    let name = use_node_ref();
    let count = props.docs.len();
    let work = match use_work_access() {
        WorkAccess::Ready(work) => work,
        // Until storage opens the same lines, so the list below does not move when it
        // opens (nor when the app takes over from the build's pre-rendered list, which is
        // drawn without storage).
        WorkAccess::Opening => return opening(count, &props.params),
        WorkAccess::Absent => return html! {},
    };
    let save = {
        let (work, name, params, corpus) = (work.clone(), name.clone(), props.params.clone(), corpus.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = name.cast::<HtmlInputElement>() else {
                return;
            };
            let named = input.value().trim().to_owned();
            if named.is_empty() {
                return;
            }
            let saved = SavedSearch {
                name: named.clone(),
                query: params.q.clone(),
                facets: picks(&params, &corpus),
            };
            work.commit(
                Change::PutSavedSearch(saved),
                Some(format!("Saved the search \u{201C}{named}\u{201D}")),
            );
            input.set_value("");
        })
    };
    html! {
        <div class="list-work">
            if count > 0 {
                <details class="tag-listed">
                    <summary>{ tag_these(count) }</summary>
                    <TagForm docs={props.docs.iter().map(|d| d.0).collect::<Vec<_>>()}
                        label={if count == 1 { "Tag it".to_owned() } else { format!("Tag all {count}") }} />
                </details>
            }
            if !props.params.scope().is_empty() {
                <details class="save-search">
                    <summary>{ "Save this search" }</summary>
                    <form onsubmit={save}>
                        <input ref={name} type="text" aria-label="Name of the saved search" placeholder="Name" maxlength="120" required=true />
                        <button type="submit">{ "Save" }</button>
                    </form>
                </details>
            }
        </div>
    }
}

/// The controls' lines while the reader's storage opens: each says so when opened.
fn opening(count: usize, params: &SearchParams) -> Html {
    let wait = html! { <p class="work-opening">{ OPENING }</p> };
    html! {
        <div class="list-work">
            if count > 0 {
                <details class="tag-listed">
                    <summary>{ tag_these(count) }</summary>
                    { wait.clone() }
                </details>
            }
            if !params.scope().is_empty() {
                <details class="save-search">
                    <summary>{ "Save this search" }</summary>
                    { wait }
                </details>
            }
        </div>
    }
}

fn tag_these(count: usize) -> String {
    if count == 1 {
        "Tag this document".to_owned()
    } else {
        format!("Tag these {count} documents")
    }
}

/// The address's facet picks as a saved search keeps them: entities by name and type,
/// so they survive a rebuild that renumbers them.
pub fn picks(params: &SearchParams, corpus: &CorpusHandle) -> FacetPicks {
    let selection = Selection::from_params(&params.selection(), corpus);
    FacetPicks {
        outlets: selection.outlets.clone(),
        date: selection.date.map(|d| d.to_param()),
        types: selection.types.clone(),
        entities: selection
            .entities
            .iter()
            .filter_map(|&id| corpus.entities.entity(id).map(EntityRef::of))
            .collect(),
        tags: selection.tags.clone(),
        starred: selection.starred,
    }
}

/// A saved search as the address that opens it in this build (an entity this build
/// does not have is left out, as an old link's would be).
pub fn params_of(saved: &SavedSearch, corpus: &CorpusHandle) -> SearchParams {
    let f = &saved.facets;
    let entities: Vec<EntityId> = f
        .entities
        .iter()
        .filter_map(|r| {
            corpus
                .entities
                .entities
                .iter()
                .find(|e| e.kind == r.kind && (e.name == r.name || e.aliases.contains(&r.name)))
                .map(|e| e.id)
        })
        .collect();
    let selection = Selection {
        outlets: f.outlets.clone(),
        date: f
            .date
            .as_deref()
            .and_then(dossier_search::query::parse_date_range),
        types: f.types.clone(),
        entities,
        tags: f.tags.clone(),
        starred: f.starred,
    };
    let SelectionParams {
        outlet,
        date,
        types,
        entities,
        tags,
    } = selection.to_params();
    SearchParams {
        q: saved.query.clone(),
        outlet,
        date,
        types,
        entities,
        tags,
        ..SearchParams::default()
    }
}
