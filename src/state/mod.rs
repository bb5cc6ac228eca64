//! The app's state, one module per area: a state type (`State`; `Viewport` for the
//! graph), the `Action`s that change it and a pure [`yew::Reducible`] (no DOM, storage or
//! worker). The views dispatch actions and draw what the reducer returns, so every rule
//! about what the user sees next is tested natively.

pub mod hit_cursor;
pub mod list_cursor;
pub mod user_docs;
pub mod viewport;
