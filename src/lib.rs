//! Dossier's browser app: the Yew UI over the corpus embedded at build time.
//!
//! Only this crate knows about the DOM (`yew`, `web-sys`, `gloo`); everything it shows
//! comes ready-made from the core crates (`dossier-store` decodes the corpus the build shipped
//! once at start-up, in [`corpus`]; `dossier-search` and `dossier-explore` answer the
//! views), and none of them can reach the tagger.

pub mod app;
pub mod boot;
pub mod corpus;
pub mod idb;
pub mod route;
pub mod state;
pub mod user_store;
pub mod user_worker;
pub mod views;
pub mod widgets;
pub mod work;
pub mod work_store;

/// Starts the app in the page's `<body>`: the corpus loads first ([`boot::Boot`]).
pub fn run() {
    yew::Renderer::<boot::Boot>::new().render();
}
