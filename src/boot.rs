//! What the page shows before the app: the corpus loading with its progress, then the
//! app, or the reason there is none.
//!
//! The corpus is its own file (see [`crate::corpus`]), so on a slow link the reader sees
//! how much has arrived instead of a blank page; once its head is in, the app runs on it
//! (list, search, facets) with a bar for the texts still arriving.

use crate::app::{App, AppProps};
use crate::corpus::{self, CorpusHandle, Progress};
use crate::handover;
use crate::views::load_error::{LoadError, LoadErrorProps};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// Where start-up is.
#[derive(Clone, PartialEq)]
enum Stage {
    Loading(Option<Progress>),
    /// The file's head is in: the app runs on it while the rest arrives.
    Partial(CorpusHandle, Option<Progress>),
    Ready(CorpusHandle),
    Failed(String),
}

/// The page's root: loads the corpus once, then renders [`App`] over it.
#[component]
pub fn Boot() -> Html {
    let stage = use_state(|| Stage::Loading(None));
    // The build's pre-rendered list stands in for the loading screen until the app draws.
    let first_paint = *use_memo((), |_| handover::first_paint_shown());
    let loading_now = matches!(*stage, Stage::Loading(_));
    {
        let stage = stage.clone();
        use_effect_with(loading_now, move |loading| {
            if !loading {
                let corpus = match &*stage {
                    Stage::Partial(corpus, _) | Stage::Ready(corpus) => Some(corpus.clone()),
                    Stage::Loading(_) | Stage::Failed(_) => None,
                };
                handover::take_over(corpus.as_deref());
            }
        });
    }
    {
        let stage = stage.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let head: Rc<RefCell<Option<CorpusHandle>>> = Rc::default();
                let latest: Rc<Cell<Option<Progress>>> = Rc::default();
                let shown = stage.clone();
                let last_percent = Cell::new(None);
                let on_progress = {
                    let (head, latest) = (head.clone(), latest.clone());
                    move |progress: Progress| {
                        latest.set(Some(progress));
                        // One render per percent, not per network chunk.
                        let percent = progress.total.map(|t| progress.received * 100 / t.max(1));
                        if percent != last_percent.replace(percent) || percent.is_none() {
                            shown.set(match head.borrow().clone() {
                                Some(h) => Stage::Partial(h, Some(progress)),
                                None => Stage::Loading(Some(progress)),
                            });
                        }
                    }
                };
                let shown = stage.clone();
                let on_head = move |handle: CorpusHandle| {
                    *head.borrow_mut() = Some(handle.clone());
                    shown.set(Stage::Partial(handle, latest.get()));
                };
                let result = corpus::load(on_progress, on_head).await;
                stage.set(match result {
                    Ok(corpus) => {
                        announce_settled();
                        Stage::Ready(corpus)
                    }
                    Err(e) => Stage::Failed(e.to_string()),
                });
            });
        });
    }
    // The app keeps its place in the tree from the head to the whole corpus, so it is
    // not remounted (a query being typed keeps its focus) when the texts arrive.
    let app = |corpus: &CorpusHandle, rest: Option<Progress>| {
        html! {
            <>
                <App ..AppProps { corpus: corpus.clone() } />
                { text_arriving(rest, !corpus.is_complete()) }
            </>
        }
    };
    match &*stage {
        Stage::Ready(corpus) => app(corpus, None),
        Stage::Partial(corpus, progress) => app(corpus, *progress),
        Stage::Failed(message) => html! { <LoadError ..LoadErrorProps { message: message.clone() } /> },
        Stage::Loading(_) if first_paint => html! {},
        Stage::Loading(progress) => loading(*progress),
    }
}

/// What the page says once the corpus file is whole: `static/register-sw.js` waits for it
/// (or finds [`SETTLED_FLAG`] set) before the service worker caches the build, so that
/// download never shares a slow link with the one a reader is waiting for.
pub const SETTLED_EVENT: &str = "dossier:settled";
/// The window property set with [`SETTLED_EVENT`], for a script that runs after it.
pub const SETTLED_FLAG: &str = "dossierSettled";

fn announce_settled() {
    let window = gloo::utils::window();
    let _ = js_sys::Reflect::set(&window, &SETTLED_FLAG.into(), &true.into());
    if let Ok(event) = web_sys::Event::new(SETTLED_EVENT) {
        let _ = window.dispatch_event(&event);
    }
}

/// The bar at the foot of the page while the texts arrive (fixed, so nothing moves).
fn text_arriving(progress: Option<Progress>, arriving: bool) -> Html {
    if !arriving {
        return html! {};
    }
    let (bar, words) = bar(progress);
    html! {
        <div class="text-arriving">
            <span>{ "Loading the articles' text… " }{ words }</span>
            { bar }
        </div>
    }
}

/// "Loading the articles", with a bar once bytes arrive.
fn loading(progress: Option<Progress>) -> Html {
    let (bar, words) = bar(progress);
    html! {
        <main id="main" class="boot" aria-busy="true">
            <h1>{ "Dossier" }</h1>
            <p>{ "Loading the articles…" }</p>
            { bar }
            <p class="boot-amount">{ words }</p>
        </main>
    }
}

/// A progress bar for the corpus file and its words ("1.2 of 4.0 MB").
fn bar(progress: Option<Progress>) -> (Html, String) {
    match progress {
        Some(Progress {
            received,
            total: Some(total),
        }) => (
            html! { <progress max={total.to_string()} value={received.min(total).to_string()} aria-label="Articles loaded" /> },
            format!("{} of {}", amount(received.min(total)), amount(total)),
        ),
        Some(Progress {
            received,
            total: None,
        }) => (
            html! { <progress aria-label="Articles loaded" /> },
            format!("{} so far", amount(received)),
        ),
        None => (html! { <progress aria-label="Articles loaded" /> }, String::new()),
    }
}

/// Bytes as a progress line reads best: megabytes with one decimal ("21.1 MB") from one
/// megabyte up, whole kilobytes below ("37 KB"), so a small corpus never reads "0.0 MB".
fn amount(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1_000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn sizes_read_in_kilobytes_then_megabytes() {
        assert_eq!(amount(0), "0 KB");
        assert_eq!(amount(19_307), "20 KB");
        assert_eq!(amount(999_999), "1000 KB");
        assert_eq!(amount(1_000_000), "1.0 MB");
        assert_eq!(amount(21_100_000), "21.1 MB");
    }
}
