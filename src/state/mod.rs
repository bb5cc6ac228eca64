//! The app's state, one module per area: a state type (`State`; `Viewport` for the
//! graph), the `Action`s that change it and a pure [`yew::Reducible`] (no DOM, storage or
//! worker). The views dispatch actions and draw what the reducer returns, so every rule
//! about what the user sees next is tested natively.

pub mod hit_cursor;
pub mod list_cursor;
pub mod user_docs;
pub mod viewport;
pub mod work;

use std::rc::Rc;

/// `next`, or `old` itself when `next` equals it: `use_reducer` re-renders only when the
/// reducer returns a new `Rc`, so an action that changes nothing costs no render.
fn changed<T: PartialEq>(old: Rc<T>, next: T) -> Rc<T> {
    if next == *old {
        old
    } else {
        Rc::new(next)
    }
}
