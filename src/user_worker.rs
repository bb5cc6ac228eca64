//! The page's side of the document worker (`src/user_worker.js` running
//! `crates/dossier-worker`): adding the reader's files takes seconds on a large corpus
//! (tagging, the index build), so it never runs on the page thread.
//!
//! The worker's script is created from a Blob URL and its wasm is handed over as bytes:
//! from the build's `dossier-worker.wasm` on a hosted copy, from a base64 data block in the
//! single file (`cargo xtask single-file`). Both are loaded only when the reader first
//! adds a document. Jobs run one at a time in the order sent; answers come back in order.

use crate::corpus;
use dossier_ingest::user_files::{Job, JobResult};
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, RequestCache, RequestInit, Response, Url, Worker};

/// The worker's script, as text (it becomes a Blob URL).
const SCRIPT: &str = include_str!("user_worker.js");
/// The worker wasm beside `index.html` in a hosted build.
const WASM_FILE: &str = "dossier-worker.wasm";
/// The data block holding it in the single file.
const WASM_BLOCK: &str = "dossier-worker-wasm";

/// Why the worker could not do a job. The page keeps its current corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerError(pub String);

impl fmt::Display for WorkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "your documents could not be processed: {}", self.0)
    }
}

impl std::error::Error for WorkerError {}

fn js_error(e: JsValue) -> WorkerError {
    WorkerError(corpus::js_message(&e))
}

type Resolver = (js_sys::Function, js_sys::Function);
/// Where progress messages go: set per job.
type ProgressSink = Rc<RefCell<Box<dyn Fn(u32, u32)>>>;

/// A started worker: the embedded corpus is decoded in it, ready for jobs.
pub struct DocWorker {
    worker: Worker,
    /// The pending jobs' promise callbacks, oldest first.
    pending: Rc<RefCell<VecDeque<Resolver>>>,
    /// Told (done, all) while the current job tags its documents.
    on_progress: ProgressSink,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Drop for DocWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl DocWorker {
    /// Loads the worker's wasm, starts the worker and waits until it has decoded the
    /// embedded corpus.
    pub async fn start() -> Result<DocWorker, WorkerError> {
        let wasm = worker_wasm().await?;
        let options = BlobPropertyBag::new();
        options.set_type("text/javascript");
        let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&SCRIPT.into()), &options)
            .map_err(js_error)?;
        let url = Url::create_object_url_with_blob(&blob).map_err(js_error)?;
        let worker = Worker::new(&url);
        let _ = Url::revoke_object_url(&url);
        let worker = worker.map_err(js_error)?;

        let pending: Rc<RefCell<VecDeque<Resolver>>> = Rc::default();
        let on_progress: ProgressSink = Rc::new(RefCell::new(Box::new(|_, _| {})));
        let on_message = {
            let (pending, on_progress) = (pending.clone(), on_progress.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                let get = |k: &str| Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
                let progress = get("progress");
                if let Some(pair) = progress.dyn_ref::<Array>() {
                    let n = |i| pair.get(i).as_f64().unwrap_or(0.0) as u32;
                    (on_progress.borrow())(n(0), n(1));
                    return;
                }
                let Some((resolve, reject)) = pending.borrow_mut().pop_front() else {
                    return;
                };
                let error = get("error");
                if error.is_undefined() {
                    let _ = resolve.call1(&JsValue::NULL, &data);
                } else {
                    let _ = reject.call1(
                        &JsValue::NULL,
                        &js_sys::Error::new(&error.as_string().unwrap_or_default()),
                    );
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let started = DocWorker {
            worker,
            pending,
            on_progress,
            _on_message: on_message,
        };
        let message = Object::new();
        let set = |k: &str, v: &JsValue| Reflect::set(&message, &k.into(), v).map(|_| ());
        set("wasm", &wasm.bytes.buffer()).map_err(js_error)?;
        set("gzipped", &wasm.gzipped.into()).map_err(js_error)?;
        let base = corpus::shipped_bytes()
            .ok_or_else(|| WorkerError("the corpus has not finished loading".to_owned()))?;
        set("base", &Uint8Array::from(&base[..])).map_err(js_error)?;
        started.send(&message).await?;
        Ok(started)
    }

    /// Posts `message` and waits for the worker's answer to it.
    async fn send(&self, message: &Object) -> Result<JsValue, WorkerError> {
        let pending = self.pending.clone();
        let promise = Promise::new(&mut |resolve, reject| pending.borrow_mut().push_back((resolve, reject)));
        self.worker.post_message(message).map_err(js_error)?;
        JsFuture::from(promise).await.map_err(js_error)
    }

    /// Adds `job`'s files to the embedded corpus in the worker; `on_progress` hears
    /// (documents tagged, documents in all) as it goes.
    pub async fn run(
        &self,
        job: &Job,
        on_progress: impl Fn(u32, u32) + 'static,
    ) -> Result<JobResult, WorkerError> {
        *self.on_progress.borrow_mut() = Box::new(on_progress);
        let message = Object::new();
        Reflect::set(
            &message,
            &"job".into(),
            &Uint8Array::from(job.to_bytes().as_slice()),
        )
        .map_err(js_error)?;
        let answer = self.send(&message).await?;
        let bytes = Reflect::get(&answer, &"answer".into())
            .ok()
            .and_then(|a| a.dyn_into::<Uint8Array>().ok())
            .ok_or_else(|| WorkerError("the worker gave no answer".to_owned()))?;
        Ok(JobResult::from_bytes(&bytes.to_vec()))
    }
}

/// The worker's wasm: from the single file's data block when there is one, else fetched
/// beside `index.html` (revalidated, so a new deployment never pairs with an old worker).
async fn worker_wasm() -> Result<WorkerWasm, WorkerError> {
    let document = gloo::utils::document();
    if let Some(bytes) = corpus::data_block(WASM_BLOCK) {
        let bytes = bytes.map_err(js_error)?;
        return Ok(WorkerWasm {
            bytes: Uint8Array::from(bytes.as_slice()),
            gzipped: true,
        });
    }
    let base = document.base_uri().map_err(js_error)?.unwrap_or_default();
    let url = Url::new_with_base(WASM_FILE, &base).map_err(js_error)?.href();
    let init = RequestInit::new();
    init.set_cache(RequestCache::NoCache);
    let response = JsFuture::from(gloo::utils::window().fetch_with_str_and_init(&url, &init))
        .await
        .map_err(js_error)?
        .dyn_into::<Response>()
        .map_err(js_error)?;
    if !response.ok() {
        return Err(WorkerError(format!(
            "{WASM_FILE} is missing from this build ({})",
            response.status()
        )));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    Ok(WorkerWasm {
        bytes: Uint8Array::new(&buffer),
        gzipped: false,
    })
}

/// The worker's wasm as found: gzipped in the single file (40% of the size; the worker
/// inflates it with the browser's `DecompressionStream`), plain when served (the host
/// compresses it on the wire).
struct WorkerWasm {
    bytes: Uint8Array,
    gzipped: bool,
}
