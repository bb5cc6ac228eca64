//! The app shell: corpus context, router, header and the routed view.

use crate::corpus::CorpusHandle;
use crate::on_demand::{OnDemand, Part};
use crate::route::Route;
use crate::route::{use_params, SearchParams};
use crate::views::user_docs::{PanelSlot, UserDocuments};
use crate::views::{document_list::DocumentList, not_found::NotFound};
use crate::widgets::work_status::WorkStatus;
use crate::work::WorkProvider;
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
    match Part::of(&route) {
        Some(part) => html! { <OnDemand {part} {route} /> },
        None if route == Route::Documents => html! { <DocumentList /> },
        None => html! { <NotFound /> },
    }
}
