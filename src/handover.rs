//! The page taking over from the build's pre-rendered list (the first paint module, and
//! the script in `index.html` that shows it): once the app has drawn its first frame, the
//! pre-rendered copy goes in the same task, so the browser never paints both or neither;
//! a query typed into the copy's search box moves into the app's, with its focus and
//! caret, and runs.

use wasm_bindgen::JsCast;
use web_sys::{Event, EventInit, HtmlInputElement};

/// The element `index.html`'s script puts the pre-rendered list in.
const FIRST_PAINT_ID: &str = "first-paint";
const SEARCH_INPUT_ID: &str = "search-input";

/// Is the pre-rendered list on the page (the list's address on a served build)?
pub fn first_paint_shown() -> bool {
    gloo::utils::document()
        .get_element_by_id(FIRST_PAINT_ID)
        .is_some()
}

/// Removes the pre-rendered list, handing what was typed into it to the app's search box.
pub fn take_over() {
    let document = gloo::utils::document();
    let Some(first_paint) = document.get_element_by_id(FIRST_PAINT_ID) else {
        return;
    };
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
    let Some(typed) = typed else { return };
    let value = typed.value();
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
