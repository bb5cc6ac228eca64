//! Dossier's browser app: the Yew UI over the corpus embedded at build time.
//!
//! Only this crate knows about the DOM (`yew`, `web-sys`, `gloo`); everything it shows
//! comes ready-made from the core crates (`dossier-store` decodes the corpus the build shipped
//! once at start-up, in [`corpus`]; `dossier-search` and `dossier-explore` answer the
//! views), and none of them can reach the tagger.

pub mod app;
pub mod boot;
pub mod corpus;
#[cfg(feature = "first-paint")]
pub mod first_paint;
pub mod handover;
pub mod idb;
pub mod on_demand;
pub mod route;
pub mod state;
pub mod user_store;
pub mod user_worker;
pub mod views;
pub mod widgets;
pub mod work;
pub mod work_store;

/// Starts the app in `index.html`'s `<div id="app">` (the body when a page has none): the
/// corpus loads first ([`boot::Boot`]). Not the body itself: Yew empties the element it
/// mounts in, and the body holds the build's pre-rendered list until the app has drawn.
pub fn run() {
    let root = gloo::utils::document()
        .get_element_by_id("app")
        .unwrap_or_else(|| gloo::utils::body().into());
    yew::Renderer::<boot::Boot>::with_root(root).render();
}
