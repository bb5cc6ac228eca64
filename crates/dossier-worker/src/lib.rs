//! The Web Worker's wasm: adds the reader's files to the embedded corpus off the page
//! thread, so the page never freezes however many files are dropped.
//!
//! A bare module with a C ABI, instantiated by `src/user_worker.js` from bytes: no
//! wasm-bindgen glue to load, so the same worker runs in a hosted copy and in the single
//! file opened from `file://`. The work itself is [`user_files::run_job`], tested natively
//! in the core; this crate only moves bytes in and out of linear memory.
//!
//! The calls, in order: [`alloc`] a buffer and copy the embedded corpus in, [`set_base`]
//! (once); then per job [`alloc`] + copy the job, [`run`], read [`answer_ptr`] for the
//! length it returned. The import `dossier.progress(done, all)` reports tagging progress.
//!
//! Everything is for wasm32 only: natively the crate is empty.
#![cfg(target_arch = "wasm32")]

use dossier_core::user_files;
use dossier_ingest::user_files::JobResult;
use dossier_nlp::entity::Recogniser;
use dossier_nlp::ner;
use dossier_search::Engine;
use std::cell::RefCell;

#[link(wasm_import_module = "dossier")]
extern "C" {
    /// Added documents tagged so far, of all added documents (posted to the page).
    fn progress(done: u32, all: u32);
}

#[derive(Default)]
struct State {
    base: Option<Engine>,
    /// Loaded on the first job: a megabyte of features.
    model: Option<ner::Model>,
    recogniser: Option<Recogniser>,
    answer: Vec<u8>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
}

/// A buffer of `len` bytes for the caller to fill; ownership passes to the call it is
/// given to ([`set_base`] or [`run`]).
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Takes back a buffer from [`alloc`] holding `len` bytes.
///
/// # Safety
/// `ptr` must come from `alloc(len)` with the same `len`, filled, and given only once.
unsafe fn take(ptr: *mut u8, len: usize) -> Vec<u8> {
    Vec::from_raw_parts(ptr, len, len)
}

/// Decodes the embedded corpus (bytes as the app embeds them); 1 if it did, 0 if not.
///
/// # Safety
/// `ptr` and `len` as from [`alloc`], filled by the caller.
#[no_mangle]
pub unsafe extern "C" fn set_base(ptr: *mut u8, len: usize) -> u32 {
    let bytes = take(ptr, len);
    let decoded = dossier_store::decode(&bytes).ok();
    let ok = decoded.is_some();
    STATE.with(|s| s.borrow_mut().base = decoded);
    u32::from(ok)
}

/// Runs one job ([`user_files::Job`] bytes) and returns the length of the answer
/// ([`user_files::JobResult`] bytes) now at [`answer_ptr`].
///
/// # Safety
/// `ptr` and `len` as from [`alloc`], filled by the caller.
#[no_mangle]
pub unsafe extern "C" fn run(ptr: *mut u8, len: usize) -> usize {
    let job = take(ptr, len);
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        let State {
            base,
            model,
            recogniser,
            answer,
        } = &mut *state;
        let result = match (base.as_ref(), model_or_load(model)) {
            (Some(base), Ok(model)) => {
                let recogniser = recogniser.get_or_insert_with(Recogniser::new);
                user_files::run_job(base.corpus(), &job, recogniser, model, |done, all| {
                    progress(done as u32, all as u32)
                })
            }
            (None, _) => JobResult::Failed("the embedded corpus did not decode".to_owned()),
            (_, Err(e)) => JobResult::Failed(format!("the entity tagger did not load: {e}")),
        };
        *answer = result.to_bytes();
        answer.len()
    })
}

fn model_or_load(model: &mut Option<ner::Model>) -> Result<&ner::Model, ner::ModelError> {
    if model.is_none() {
        *model = Some(ner::Model::from_bytes(ner::MODEL)?);
    }
    Ok(model.as_ref().expect("just loaded"))
}

/// Where the last answer is (its length came from [`run`]).
#[no_mangle]
pub extern "C" fn answer_ptr() -> *const u8 {
    STATE.with(|s| s.borrow().answer.as_ptr())
}
