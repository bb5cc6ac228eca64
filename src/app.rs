//! The app shell: corpus context, router, header and the routed view.

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::Route;
use crate::route::{use_params, SearchParams};
use crate::views::user_docs::{PanelSlot, UserDocuments};
use crate::views::{
    compare::CompareView, document_list::DocumentList, entity_page::EntityPage, graph::GraphView,
    matrix::MatrixView, names::NamesView, not_found::NotFound, reader::Reader, timeline::TimelineView,
};
use crate::views::{notes::NotesView, work_page::WorkPage};
use crate::widgets::linked::Linked;
use crate::widgets::work_status::WorkStatus;
use crate::work::{use_work_access, WorkAccess, WorkProvider};
use dossier_work::change::Change;
use dossier_work::work::NameList;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub corpus: CorpusHandle,
}

/// The whole app, routed by the browser's address bar: by its path when served (under the
/// `<base href>` the build sets), by its `#fragment` when opened as a file (the single-file
/// build), where the path is the file's own and cannot change.
#[component]
pub fn App(props: &AppProps) -> Html {
    let routed = if opened_as_file() {
        html! { <HashRouter><Shell /></HashRouter> }
    } else {
        html! { <BrowserRouter><Shell /></BrowserRouter> }
    };
    html! { <Providers corpus={props.corpus.clone()}>{ routed }</Providers> }
}

#[derive(Properties, PartialEq)]
pub struct ProvidersProps {
    pub corpus: CorpusHandle,
    pub children: Html,
}

/// What every view reads, around the routed shell: the page's and the build's first paint
/// (rendered natively from the same tree, so the two match) share it.
#[component]
pub fn Providers(props: &ProvidersProps) -> Html {
    html! {
        // Provides the corpus: the embedded one merged with the reader's own documents.
        <UserDocuments base={props.corpus.clone()}>
            // Provides the reader's work, and the corpus with their corrections.
            <WorkProvider>{ props.children.clone() }</WorkProvider>
        </UserDocuments>
    }
}

/// Is the page a `file://` address?
fn opened_as_file() -> bool {
    gloo::utils::window()
        .location()
        .protocol()
        .is_ok_and(|p| p == "file:")
}

/// Header and routed content; needs a router and a [`CorpusHandle`] context above it (the
/// component tests give it a memory router).
#[component]
pub fn Shell() -> Html {
    // The reader's own documents panel, when the app provides one (the component tests
    // render the shell without it).
    let panel = use_context::<PanelSlot>().map(|p| p.0).unwrap_or_default();
    html! {
        <>
            <button type="button" class="skip-link" onclick={skip_to_content}>
                { "Skip to search and results" }
            </button>
            <header class="site-header">
                <Link<Route> to={Route::Documents} classes="brand">{ "Dossier" }</Link<Route>>
                <span class="tagline">{ "offline news-corpus explorer" }</span>
                <Nav />
            </header>
            <WorkStatus />
            <main id="main" tabindex="-1">
                { panel }
                <Switch<Route> render={switch} />
            </main>
        </>
    }
}

/// The skip link's target: the search box where there is one (past the header, the
/// documents panel and some 70 facet values), else the main content.
fn skip_to_content(_: MouseEvent) {
    let document = gloo::utils::document();
    let target = document
        .get_element_by_id("search-input")
        .or_else(|| document.get_element_by_id("main"));
    if let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = target.focus();
    }
}

/// The views, each keeping the list's scope (search and facet picks) in its link.
#[component]
fn Nav() -> Html {
    let scope = use_params().scope().or_none();
    let route = use_route::<Route>();
    let link = |to: Route, label: &'static str| {
        let current = route.as_ref() == Some(&to);
        html! {
            <li aria-current={current.then_some("page")}>
                <Link<Route, SearchParams> {to} query={scope.clone()}>{ label }</Link<Route, SearchParams>>
            </li>
        }
    };
    html! {
        <nav class="views" aria-label="Views">
            <ul>
                { link(Route::Documents, "Documents") }
                { link(Route::Matrix, "Matrix") }
                { link(Route::Graph, "Graph") }
                { link(Route::Timeline, "Timeline") }
                { link(Route::Compare, "Compare") }
                { link(Route::Names, "Names") }
                { link(Route::Notes, "Notes") }
                { link(Route::Work, "Your work") }
            </ul>
        </nav>
    }
}

fn switch(route: Route) -> Html {
    let needs_text = |view: Html, title_of: Option<u32>| {
        html! { <NeedsText {title_of}>{ view }</NeedsText> }
    };
    match route {
        Route::Documents => html! { <DocumentList /> },
        Route::Document { id } => needs_text(html! { <Reader {id} /> }, Some(id)),
        Route::Entity { id } => needs_text(html! { <EntityPage {id} /> }, None),
        Route::Matrix => needs_text(html! { <MatrixView /> }, None),
        Route::Graph => needs_text(html! { <Linked><GraphView /></Linked> }, None),
        Route::Timeline => needs_text(html! { <Linked><TimelineView /></Linked> }, None),
        Route::Compare => needs_text(html! { <CompareView /> }, None),
        Route::Notes => needs_text(html! { <NotesView /> }, None),
        Route::Work => needs_text(html! { <WorkPage /> }, None),
        Route::Names => needs_text(html! { <WorkNames /> }, None),
        Route::NotFound => html! { <NotFound /> },
    }
}

/// The Names view with the reader's saved name lists, and saving into them.
#[component]
fn WorkNames() -> Html {
    let WorkAccess::Ready(work) = use_work_access() else {
        return html! { <NamesView /> };
    };
    let on_save = {
        let work = work.clone();
        Callback::from(move |list: NameList| {
            let said = format!("Saved the name list \u{201C}{}\u{201D}", list.name);
            work.commit(Change::PutNameList(list), Some(said));
        })
    };
    html! { <NamesView on_save={Some(on_save)} saved={work.work().name_lists.clone()} /> }
}

#[derive(Properties, PartialEq)]
struct NeedsTextProps {
    /// The document whose title the placeholder shows (the head has the titles).
    title_of: Option<u32>,
    children: Html,
}

/// A view that shows text, mentions or the views' data: shown once the corpus file has
/// arrived whole, and until then a note that it is on its way (the bar at the foot of the
/// page says how far). A document opened from the list this early appears by itself.
#[component]
fn NeedsText(props: &NeedsTextProps) -> Html {
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
