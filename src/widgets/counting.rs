//! The "count everything" switch. By default every count, list and view looks at the
//! running text only, so a spliced-in headline ("Queen's Final Rites") or a share bar
//! never becomes an organisation in the facets or a node in the graph; this switch
//! brings headlines, flagged passages and page furniture back, for every view at once
//! (it lives in the address, `count=all`, like the search).

use crate::route::{go, use_params, Route};
use dossier_model::entity::Counting;
use yew::prelude::*;
use yew_router::prelude::*;

/// A checkbox that flips the counting of the current view, keeping its search and picks.
#[component]
pub fn CountingToggle() -> Html {
    let params = use_params();
    let navigator = use_navigator();
    let route = use_route::<Route>().unwrap_or(Route::Documents);
    let everything = params.counting() == Counting::Everything;
    let onchange = Callback::from(move |_: Event| {
        let counting = if everything {
            Counting::Text
        } else {
            Counting::Everything
        };
        if let Some(navigator) = &navigator {
            go(navigator, &route, &params.with_counting(counting), false);
        }
    });
    html! {
        <label class="counting-toggle">
            <input type="checkbox" checked={everything} {onchange} />
            { " Also count headlines, flagged passages and page furniture" }
        </label>
    }
}
