//! Exploration views' data: what the entity page, the document x entity matrix, the
//! co-occurrence graph and outlet comparison show, and their exports. Everything here
//! works on byte spans of the corpus (no copies of its text) and is pure, so the browser
//! runs it on demand and `cargo test` checks it natively.

pub mod compare;
pub mod export;
pub mod kwic;
pub mod layout;
pub mod matrix;
