//! Keyboard activation for SVG shapes made into buttons (`role="button"`): they have no
//! built-in Enter or Space, so each one is given the same.

use yew::prelude::*;

/// A keydown handler emitting `value` on `callback` for Enter or Space (and keeping Space
/// from scrolling the page).
pub fn on_activate<T: Clone + 'static>(callback: &Callback<T>, value: T) -> Callback<KeyboardEvent> {
    let callback = callback.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            callback.emit(value.clone());
        }
    })
}
