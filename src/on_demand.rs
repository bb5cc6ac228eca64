//! Views whose code arrives the first time one is opened.
//!
//! The page's first wasm holds the shell, the list and the search: what a visitor sees
//! first. Every other view (the reader too) is a split point. The page builds with the
//! `split` feature, and `cargo xtask page-split` (a Trunk hook) moves each function that
//! only one view reaches into that view's own module, and what several share into modules
//! they load together; the browser fetches a view's modules when it is first shown (or, at
//! a view's address, alongside the first module: `xtask/src/dist.rs` preloads them), and
//! the service worker keeps them for offline use like every other file. Built without the
//! feature (the component tests, the native first paint) the views are linked in as usual
//! and [`OnDemand`] shows them at once.

use crate::corpus::use_corpus;
use crate::route::Route;
use crate::views::{
    compare::CompareView, entity_page::EntityPage, graph::GraphView, matrix::MatrixView, names::WorkNames,
    notes::NotesView, reader::Reader, timeline::TimelineView, work_page::WorkPage,
};
use crate::widgets::linked::Linked;
use crate::widgets::needs_text::{pending, NeedsText};
use std::cell::RefCell;
use std::collections::HashMap;
use yew::prelude::*;

/// A part's view of a route (the route carries the id where the view has one).
type Render = fn(&Route) -> Html;

/// Why a part's code is not here: its module did not arrive (offline on a first visit,
/// or the host lost the file).
#[derive(Clone, Debug, PartialEq)]
pub struct NotArrived;

#[cfg(all(feature = "split", target_family = "wasm"))]
impl From<wasm_split_helpers::SplitLoaderError> for NotArrived {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> NotArrived {
        NotArrived
    }
}

/// The parts: each a variant of [`Part`], a split point named `$module` (the split tool
/// names the part's file `split_<module>.wasm`), and the start of its route's path.
macro_rules! parts {
    ($($part:ident, $module:ident, $path:literal => |$route:ident| $view:expr;)*) => {
        /// A view whose code arrives on demand.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Part {
            $($part,)*
        }

        impl Part {
            pub const ALL: &[Part] = &[$(Part::$part,)*];

            /// The split point's name.
            pub fn module(self) -> &'static str {
                match self {
                    $(Part::$part => stringify!($module),)*
                }
            }

            /// How the part's route's path starts (below the build's public URL).
            pub fn path_prefix(self) -> &'static str {
                match self {
                    $(Part::$part => $path,)*
                }
            }
        }

        $(
            #[cfg_attr(
                all(feature = "split", target_family = "wasm"),
                wasm_split_helpers::wasm_split($module, fallible)
            )]
            fn $module() -> Result<Render, NotArrived> {
                Ok(|$route| $view)
            }
        )*

        /// The part's view, its module fetched first when the page was built split.
        async fn load(part: Part) -> Result<Render, NotArrived> {
            match part {
                $(
                    Part::$part => {
                        #[cfg(all(feature = "split", target_family = "wasm"))]
                        let render = $module().await;
                        #[cfg(not(all(feature = "split", target_family = "wasm")))]
                        let render = $module();
                        render
                    }
                )*
            }
        }
    };
}

parts! {
    Reader, reader, "/doc/" => |route| match route {
        Route::Document { id } => html! { <Reader id={*id} /> },
        _ => Html::default(),
    };
    Entity, entity, "/entity/" => |route| match route {
        Route::Entity { id } => html! { <EntityPage id={*id} /> },
        _ => Html::default(),
    };
    Matrix, matrix, "/matrix" => |_route| html! { <MatrixView /> };
    Graph, graph, "/graph" => |_route| html! { <Linked><GraphView /></Linked> };
    Timeline, timeline, "/timeline" => |_route| html! { <Linked><TimelineView /></Linked> };
    Compare, compare, "/compare" => |_route| html! { <CompareView /> };
    Notes, notes, "/notes" => |_route| html! { <NotesView /> };
    Work, work, "/work" => |_route| html! { <WorkPage /> };
    Names, names, "/names" => |_route| html! { <WorkNames /> };
}

impl Part {
    /// The part that shows `route`; `None` for the views in the first module.
    pub fn of(route: &Route) -> Option<Part> {
        match route {
            Route::Documents | Route::NotFound => None,
            Route::Document { .. } => Some(Part::Reader),
            Route::Entity { .. } => Some(Part::Entity),
            Route::Matrix => Some(Part::Matrix),
            Route::Graph => Some(Part::Graph),
            Route::Timeline => Some(Part::Timeline),
            Route::Compare => Some(Part::Compare),
            Route::Notes => Some(Part::Notes),
            Route::Work => Some(Part::Work),
            Route::Names => Some(Part::Names),
        }
    }
}

thread_local! {
    /// The parts whose code is here: drawn at once from then on.
    static HERE: RefCell<HashMap<Part, Render>> = RefCell::new(HashMap::new());
}

#[derive(Properties, PartialEq)]
pub struct OnDemandProps {
    pub part: Part,
    pub route: Route,
}

/// What a part's load came to, for the placeholder.
#[derive(Clone, PartialEq)]
enum Loading {
    Waiting,
    Failed,
}

/// The part's view once its code is here (and, like every view that shows text, once the
/// corpus's body is: the two arrive side by side); until then a note, and a way to try
/// again if the code did not arrive.
#[component]
pub fn OnDemand(props: &OnDemandProps) -> Html {
    let part = props.part;
    let corpus = use_corpus();
    let loading = use_state(|| Loading::Waiting);
    let attempt = use_state(|| 0u32);
    let render = HERE.with(|here| here.borrow().get(&part).copied());
    {
        let loading = loading.clone();
        use_effect_with((part, render.is_some(), *attempt), move |&(part, here, _)| {
            if !here {
                loading.set(Loading::Waiting);
                wasm_bindgen_futures::spawn_local(async move {
                    match load(part).await {
                        Ok(render) => {
                            HERE.with(|here| here.borrow_mut().insert(part, render));
                            // Draws again, with the code here now.
                            loading.set(Loading::Waiting);
                        }
                        Err(NotArrived) => loading.set(Loading::Failed),
                    }
                });
            }
        });
    }
    // A document's placeholder shows its title (the file's head has the titles).
    let title_of = match props.route {
        Route::Document { id } => Some(id),
        _ => None,
    };
    if let Some(render) = render {
        return html! { <NeedsText {title_of}>{ render(&props.route) }</NeedsText> };
    }
    match *loading {
        // While the texts are arriving too, their note; once they are in, the code's.
        Loading::Waiting => {
            let code = pending(
                &corpus,
                title_of,
                "Loading this view",
                "This view's code is on its way.",
            );
            html! { <NeedsText {title_of}>{ code }</NeedsText> }
        }
        Loading::Failed => {
            let retry = {
                let attempt = attempt.clone();
                Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
            };
            html! {
                <section class="text-pending" role="alert">
                    <h1>{ "This view could not be loaded" }</h1>
                    <p>{ "Its code did not arrive: the connection may be down. The list still works." }</p>
                    <button type="button" onclick={retry}>{ "Try again" }</button>
                </section>
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yew_router::Routable;

    #[test]
    fn each_parts_path_prefix_starts_the_routes_it_shows() {
        for &part in Part::ALL {
            let prefix = part.path_prefix();
            let path = if prefix.ends_with('/') {
                format!("{prefix}3")
            } else {
                prefix.to_owned()
            };
            let route = Route::recognize(&path).unwrap_or_else(|| panic!("{path} is no route"));
            assert_eq!(Part::of(&route), Some(part), "{path}");
        }
        assert_eq!(Part::of(&Route::Documents), None);
    }
}
