//! The list as the build pre-renders it: the page's own components, rendered natively by
//! Yew's server renderer at build time (`cargo xtask corpus-data`), so a visitor sees the
//! documents, the search box and the facets as soon as the HTML and CSS arrive, while the
//! app's wasm (most of the bytes) downloads and compiles. The app then takes the page over
//! in one frame (`boot`): what it draws first is this same markup, so nothing moves.
//!
//! Rendered once per layout the page's CSS distinguishes (a phone's list rows are taller,
//! and their height is an inline style), and `index.html`'s script shows the one that
//! matches the window.

use crate::app::{Providers, Shell};
use crate::corpus::CorpusHandle;
use crate::widgets::media::{AssumedMedia, NARROW};
use yew::prelude::*;
use yew::LocalServerRenderer;
use yew_router::history::{AnyHistory, MemoryHistory};
use yew_router::Router;

/// The two layouts of `static/style.css`.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Layout {
    Wide,
    /// [`NARROW`]: a phone.
    Narrow,
}

#[derive(Properties, PartialEq)]
struct PageProps {
    corpus: CorpusHandle,
    /// The build's public URL (`/`, `/dossier/`): the links' prefix.
    public_url: AttrValue,
    layout: Layout,
}

/// The app's tree at its root address, as the page renders it before anything is stored or
/// added: the same providers and shell, a memory router at the public URL.
#[component]
fn Page(props: &PageProps) -> Html {
    let assumed = AssumedMedia(match props.layout {
        Layout::Wide => vec![],
        Layout::Narrow => vec![NARROW],
    });
    let history = AnyHistory::from(MemoryHistory::with_entries(vec![props.public_url.to_string()]));
    html! {
        <ContextProvider<AssumedMedia> context={assumed}>
            <Providers corpus={props.corpus.clone()}>
                <Router {history} basename={props.public_url.clone()}>
                    <Shell />
                </Router>
            </Providers>
        </ContextProvider<AssumedMedia>>
    }
}

/// The markup of the app's first frame at `public_url` over `corpus`, in `layout`.
pub async fn render(corpus: CorpusHandle, public_url: &str, layout: Layout) -> String {
    LocalServerRenderer::<Page>::with_props(PageProps {
        corpus,
        public_url: AttrValue::from(public_url.to_owned()),
        layout,
    })
    .hydratable(false)
    .render()
    .await
}
