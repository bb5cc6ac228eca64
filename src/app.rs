//! The app shell: corpus context, router, header and the routed view.

use crate::components::{document_list::DocumentList, not_found::NotFound, reader::Reader};
use crate::corpus::CorpusHandle;
use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub corpus: CorpusHandle,
}

/// The whole app, routed by the browser's address bar.
#[component]
pub fn App(props: &AppProps) -> Html {
    html! {
        <ContextProvider<CorpusHandle> context={props.corpus.clone()}>
            <BrowserRouter>
                <Shell />
            </BrowserRouter>
        </ContextProvider<CorpusHandle>>
    }
}

/// Header and routed content; needs a router and a [`CorpusHandle`] context above it (the
/// component tests give it a memory router).
#[component]
pub fn Shell() -> Html {
    html! {
        <>
            <header class="site-header">
                <Link<Route> to={Route::Documents} classes="brand">{ "Dossier" }</Link<Route>>
                <span class="tagline">{ "offline news-corpus explorer" }</span>
            </header>
            <main id="main">
                <Switch<Route> render={switch} />
            </main>
        </>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Documents => html! { <DocumentList /> },
        Route::Document { id } => html! { <Reader {id} /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
