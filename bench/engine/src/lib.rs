//! The engine the app ships, exported to JavaScript so the search benchmark can time it
//! query by query beside MiniSearch, FlexSearch and Pagefind, with the same clock.
//!
//! The page fetches the bytes the app embeds (`corpus.bin`, written by the benchmark with
//! the same `dossier_store::encode`), calls [`load`] once, then [`search`] per query; then
//! [`tag_all`] times the entity recogniser in wasm over the same documents.

use dossier_nlp::ner::{self, tokenize::tokenize, Model};
use dossier_search::Engine;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

/// Decodes the embedded corpus and index; returns the number of documents.
#[wasm_bindgen]
pub fn load(bytes: &[u8]) -> Result<u32, JsError> {
    let engine = dossier_store::decode(bytes).map_err(|e| JsError::new(&e.to_string()))?;
    let docs = engine.corpus().documents.len() as u32;
    ENGINE.with(|cell| *cell.borrow_mut() = Some(engine));
    Ok(docs)
}

/// Runs a query as the app does while the user types; returns the ids of the best `top`
/// hits (the timing is taken around this call, in JavaScript).
#[wasm_bindgen]
pub fn search(query: &str, top: usize) -> Vec<u32> {
    ENGINE.with(|cell| {
        cell.borrow()
            .as_ref()
            .map(|e| {
                e.search(query, true)
                    .hits
                    .iter()
                    .take(top)
                    .map(|h| h.doc.0)
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// Tags every document's text with the recogniser the build step uses (model loading
/// included); returns how many tokens it read, so the page can report tokens per second.
#[wasm_bindgen]
pub fn tag_all() -> Result<u32, JsError> {
    let model = Model::from_bytes(ner::MODEL).map_err(|e| JsError::new(&e.to_string()))?;
    ENGINE.with(|cell| {
        let engine = cell.borrow();
        let engine = engine.as_ref().ok_or_else(|| JsError::new("no corpus loaded"))?;
        let mut tokens = 0;
        for doc in &engine.corpus().documents {
            tokens += tokenize(&doc.text).len() as u32;
            std::hint::black_box(model.tag(&doc.text));
        }
        Ok(tokens)
    })
}
