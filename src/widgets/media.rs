//! Whether a CSS media query matches, kept current as the window changes: for the few
//! layout facts Rust must know too, such as a list row's height on a phone.

use gloo::events::EventListener;
use yew::prelude::*;

/// Phones: the width below which list rows give the title two lines (`static/style.css`
/// and the first-paint script in `index.html` have the same query).
pub const NARROW: &str = "(max-width: 40rem)";

/// The queries taken to match where there is no window to ask: the build renders the
/// list's first paint natively once per layout (see the first paint module) and provides
/// the queries of the layout it renders.
#[derive(Clone, PartialEq, Default)]
pub struct AssumedMedia(pub Vec<&'static str>);

/// Does `query` match now? Re-renders the component when that changes.
#[hook]
pub fn use_media(query: &'static str) -> bool {
    let assumed = use_context::<AssumedMedia>();
    let matches = use_state_eq(|| match &assumed {
        Some(AssumedMedia(queries)) => queries.contains(&query),
        None => media_matches(query),
    });
    {
        let matches = matches.clone();
        use_effect_with(query, move |query| {
            let list = gloo::utils::window().match_media(query).ok().flatten();
            let listener = list.map(|list| {
                let target = list.clone();
                EventListener::new(&list, "change", move |_| matches.set(target.matches()))
            });
            move || drop(listener)
        });
    }
    *matches
}

/// Natively (the build's first paint) there is no window: the wide layout, unless the
/// renderer provides [`AssumedMedia`].
#[cfg(not(target_arch = "wasm32"))]
fn media_matches(_query: &str) -> bool {
    false
}

#[cfg(target_arch = "wasm32")]
fn media_matches(query: &str) -> bool {
    gloo::utils::window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|list| list.matches())
}
