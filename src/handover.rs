//! The page taking over from the build's pre-rendered list (the first paint module, and
//! the script in `index.html` that shows it): once the app has drawn its first frame, the
//! pre-rendered copy goes in the same task, so the browser never paints both or neither;
//! a query typed into the copy's search box moves into the app's, with its focus and
//! caret, and runs; filters ticked in the copy (each checkbox's value names its pick,
//! `FacetValue::key`) are picked in the app, in the same one change of address.

use crate::route::SearchParams;
use dossier_explore::facets::{FacetValue, Selection};
use dossier_model::entity::Counting;
use dossier_model::Corpus;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventInit, HtmlInputElement};
use yew_router::history::{BrowserHistory, History};

/// The element `index.html`'s script puts the pre-rendered list in.
const FIRST_PAINT_ID: &str = "first-paint";
const SEARCH_INPUT_ID: &str = "search-input";

/// Is the pre-rendered list on the page (the list's address on a served build)?
pub fn first_paint_shown() -> bool {
    gloo::utils::document()
        .get_element_by_id(FIRST_PAINT_ID)
        .is_some()
}

/// What the reader changed in the copy's filters: picks ticked or unticked, and the
/// "also count" switch.
#[derive(Debug, Default)]
struct Changed {
    picks: Vec<FacetValue>,
    count_everything: Option<bool>,
}

impl Changed {
    fn is_empty(&self) -> bool {
        self.picks.is_empty() && self.count_everything.is_none()
    }
}

/// The copy's checkboxes whose state is not the one the build drew.
fn changed_filters(first_paint: &Element) -> Changed {
    let mut changed = Changed::default();
    let Ok(list) = first_paint.query_selector_all("input[type=checkbox]") else {
        return changed;
    };
    let boxes = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlInputElement>().ok());
    for input in boxes.filter(|i| i.checked() != i.default_checked()) {
        if input.closest(".counting-toggle").ok().flatten().is_some() {
            changed.count_everything = Some(input.checked());
        } else if let Some(pick) = FacetValue::from_key(&input.value()) {
            changed.picks.push(pick);
        }
    }
    changed
}

/// The list's address with `changed` applied and `typed` as its query (when not empty),
/// put in place of the current one: one change the router sees (the browser history is
/// one per page, shared with it), so nothing is built on an address about to change.
fn apply(changed: &Changed, typed: &str, corpus: &Corpus) {
    let history = BrowserHistory::new();
    let location = history.location();
    let mut params = location.query::<SearchParams>().unwrap_or_default();
    let mut selection = Selection::from_params(&params.selection(), corpus);
    for pick in &changed.picks {
        selection = selection.toggled(pick);
    }
    params = params.with_selection(&selection);
    if let Some(everything) = changed.count_everything {
        params = params.with_counting(if everything {
            Counting::Everything
        } else {
            Counting::Text
        });
    }
    if !typed.is_empty() {
        params.q = typed.to_owned();
    }
    // Encoding plain strings as a query cannot fail; if it did, the list stays as it was.
    drop(history.replace_with_query(location.path(), params));
}

/// Removes the pre-rendered list, handing what was typed into it to the app's search box
/// and the filters changed in it to the app's (`corpus` reads the picks; without one, as
/// when the corpus failed to load, they are dropped with the copy).
pub fn take_over(corpus: Option<&Corpus>) {
    let document = gloo::utils::document();
    let Some(first_paint) = document.get_element_by_id(FIRST_PAINT_ID) else {
        return;
    };
    let changed = changed_filters(&first_paint);
    let typed = first_paint
        .query_selector(&format!("#{SEARCH_INPUT_ID}"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
    let focused = typed.as_ref().is_some_and(|input| {
        document
            .active_element()
            .is_some_and(|active| &active == input.unchecked_ref::<web_sys::Element>())
    });
    first_paint.remove();
    let value = typed.as_ref().map(HtmlInputElement::value).unwrap_or_default();
    let filtered = match corpus {
        Some(corpus) if !changed.is_empty() => {
            apply(&changed, &value, corpus);
            true
        }
        _ => false,
    };
    let Some(typed) = typed else { return };
    if value.is_empty() && !focused {
        return;
    }
    // The copy's id is gone with it: this is the app's box now.
    let Some(input) = document
        .get_element_by_id(SEARCH_INPUT_ID)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    if !value.is_empty() {
        input.set_value(&value);
    }
    // With filters changed the address already holds the query; else the box's own input
    // event puts it there.
    if !value.is_empty() && !filtered {
        let init = EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = Event::new_with_event_init_dict("input", &init) {
            let _ = input.dispatch_event(&event);
        }
    }
    if focused {
        let _ = input.focus();
        let (start, end) = (typed.selection_start(), typed.selection_end());
        if let (Ok(Some(start)), Ok(Some(end))) = (start, end) {
            let _ = input.set_selection_range(start, end);
        }
    }
}
