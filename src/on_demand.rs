//! Views whose code arrives the first time one is opened.
//!
//! The page's first wasm holds the shell, the list, the search and the reader: what a
//! visitor opening a link needs first. Every other view is a split point. The page builds
//! with the `split` feature, and `cargo xtask page-split` (a Trunk hook) moves each
//! function that only one view reaches into that view's own module, and what several
//! share into modules they load together; the browser fetches them when the view is first
//! shown, and the service worker keeps them for offline use like every other file. Built
//! without the feature (the component tests, the native first paint) the views are linked
//! in as usual and [`OnDemand`] shows them at once.

use crate::route::Route;
use crate::views::{
    compare::CompareView, entity_page::EntityPage, graph::GraphView, matrix::MatrixView, names::WorkNames,
    notes::NotesView, timeline::TimelineView, work_page::WorkPage,
};
use crate::widgets::linked::Linked;
use crate::widgets::needs_text::NeedsText;
use std::cell::RefCell;
use std::collections::HashMap;
use yew::prelude::*;

/// A view whose code arrives on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Entity,
    Matrix,
    Graph,
    Timeline,
    Compare,
    Notes,
    Work,
    Names,
}

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

/// One function per part, each a split point: the view's code is reachable from it alone.
macro_rules! parts {
    ($($name:ident => |$route:ident| $view:expr;)*) => {
        $(
            #[cfg_attr(
                all(feature = "split", target_family = "wasm"),
                wasm_split_helpers::wasm_split($name, fallible)
            )]
            fn $name() -> Result<Render, NotArrived> {
                Ok(|$route| $view)
            }
        )*
    };
}

parts! {
    entity => |route| match route {
        Route::Entity { id } => html! { <EntityPage id={*id} /> },
        _ => Html::default(),
    };
    matrix => |_route| html! { <MatrixView /> };
    graph => |_route| html! { <Linked><GraphView /></Linked> };
    timeline => |_route| html! { <Linked><TimelineView /></Linked> };
    compare => |_route| html! { <CompareView /> };
    notes => |_route| html! { <NotesView /> };
    work => |_route| html! { <WorkPage /> };
    names => |_route| html! { <WorkNames /> };
}

/// The part's view, its module fetched first when the page was built split.
async fn load(part: Part) -> Result<Render, NotArrived> {
    macro_rules! get {
        ($name:ident) => {{
            #[cfg(all(feature = "split", target_family = "wasm"))]
            let render = $name().await;
            #[cfg(not(all(feature = "split", target_family = "wasm")))]
            let render = $name();
            render
        }};
    }
    match part {
        Part::Entity => get!(entity),
        Part::Matrix => get!(matrix),
        Part::Graph => get!(graph),
        Part::Timeline => get!(timeline),
        Part::Compare => get!(compare),
        Part::Notes => get!(notes),
        Part::Work => get!(work),
        Part::Names => get!(names),
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
                            // A new value, so the view draws with the code now here.
                            loading.set(Loading::Waiting);
                        }
                        Err(NotArrived) => loading.set(Loading::Failed),
                    }
                });
            }
        });
    }
    if let Some(render) = render {
        return html! { <NeedsText title_of={None}>{ render(&props.route) }</NeedsText> };
    }
    match *loading {
        Loading::Waiting => html! {
            <section class="text-pending" aria-busy="true">
                <h1>{ "Loading this view" }</h1>
                <p>{ "Its code is on its way." }</p>
            </section>
        },
        Loading::Failed => {
            let retry = {
                let attempt = attempt.clone();
                Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
            };
            html! {
                <section class="text-pending" role="alert">
                    <h1>{ "This view could not be loaded" }</h1>
                    <p>{ "Its code did not arrive: the connection may be down. The list and the reader still work." }</p>
                    <button type="button" onclick={retry}>{ "Try again" }</button>
                </section>
            }
        }
    }
}
