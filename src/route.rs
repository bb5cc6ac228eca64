//! Every view has a URL, so links, reloads and back/forward work. The search query lives
//! in `?q=` on the list and on a document (where it marks the hits).

use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::Routable;

#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Documents,
    #[at("/doc/:id")]
    Document { id: u32 },
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// The query string of a view.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchParams {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub q: String,
}

/// The search query in the current URL ("" when there is none).
#[hook]
pub fn use_query() -> String {
    let location = use_location();
    location
        .and_then(|l| l.query::<SearchParams>().ok())
        .map(|p| p.q)
        .unwrap_or_default()
}

/// Goes to `route`, carrying the query when there is one.
pub fn go(navigator: &Navigator, route: &Route, q: &str, replace: bool) {
    let params = SearchParams { q: q.to_owned() };
    let result = match (q.is_empty(), replace) {
        (true, false) => {
            navigator.push(route);
            Ok(())
        }
        (true, true) => {
            navigator.replace(route);
            Ok(())
        }
        (false, false) => navigator.push_with_query(route, &params),
        (false, true) => navigator.replace_with_query(route, &params),
    };
    // Encoding a plain string as a query cannot fail; if it did, the view stays put.
    drop(result);
}
