//! The corpus the build shipped beside the app, loaded at start-up, and the handle
//! components share it through.
//!
//! The build writes the corpus's data as its own file (`cargo xtask corpus-data`), named
//! by `<meta name="dossier-corpus">` in `index.html`, whose script starts the download
//! (`window.dossierCorpus`) while the app's wasm downloads and compiles; the single file
//! holds it in a data block instead.
//! Either way it is the build's own data: nothing is fetched from anywhere else, and
//! nothing is re-analysed here ([`dossier_store::decode`] only decodes and checks).
//!
//! The file's head comes first (`dossier_store::parts`): as soon as it is in, [`load`]
//! hands out a handle without the texts ([`CorpusHandle::is_complete`] is false), so the
//! list and a word's search work while the rest downloads; then a handle whose index has
//! its positions (phrases and nearness, [`dossier_store::decode_positions`]); then the
//! whole corpus, the body joined to that ([`dossier_store::decode_body`]).

use dossier_explore::facets::FacetIndex;
use dossier_model::entity::{Counting, Entities};
use dossier_model::Corpus;
use dossier_search::Engine;
use dossier_store::{
    decode, decode_body, decode_head, decode_positions, head_len, positions_end, StoreError,
};
use js_sys::{Reflect, Uint8Array};
use std::cell::OnceCell;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, Response, Url};

/// The `<meta>` naming the corpus file in a served build (`xtask/src/corpus_data.rs`).
const META: &str = "meta[name=dossier-corpus]";
/// The download `index.html`'s script started: a `Promise` of the `Response`.
const STARTED: &str = "dossierCorpus";
/// The single file's data block holding the corpus in base64 (`xtask/src/single_file.rs`).
const DATA_BLOCK: &str = "dossier-corpus-data";

/// Why the app has no corpus to show. The page says so in words, never panics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The page names no corpus, or the host does not have the file it names.
    Missing(String),
    /// The file could not be downloaded (offline before the first visit, a dropped link).
    Download(String),
    /// The bytes arrived but are not this app's corpus.
    Damaged(StoreError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Missing(what) => write!(
                f,
                "this copy of Dossier has no articles: {what}. Rebuild it with `cargo xtask build`."
            ),
            LoadError::Download(why) => write!(
                f,
                "the articles could not be downloaded ({why}). Check the connection and reload the page."
            ),
            LoadError::Damaged(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

/// How much of the corpus has arrived, for the loading screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub received: u64,
    /// The file's size when the page knows it (`data-bytes` on the link).
    pub total: Option<u64>,
}

thread_local! {
    /// The bytes as shipped, kept for the document worker, which decodes its own copy.
    static SHIPPED: OnceCell<Rc<[u8]>> = const { OnceCell::new() };
}

/// The corpus as shipped, once [`load`] has read it.
pub fn shipped_bytes() -> Option<Rc<[u8]>> {
    SHIPPED.with(|s| s.get().cloned())
}

/// Reads the build's corpus (the data block, else the linked file, telling `on_progress`
/// as it arrives), decodes and checks it. Once the file's head is in, and before the rest
/// has arrived, `on_head` gets a handle without the texts, and again once the index's
/// positions are in (not when the whole file is there at once, as in the single file).
pub async fn load(
    on_progress: impl Fn(Progress),
    on_head: impl Fn(CorpusHandle),
) -> Result<CorpusHandle, LoadError> {
    let (bytes, head) = read_shipped(&on_progress, &on_head).await?;
    let bytes: Rc<[u8]> = bytes.into();
    // The head already read (and searched) is joined to the body: its index is not
    // decoded and checked twice.
    let engine = match head {
        Some(head) => decode_body(head.engine(), &bytes),
        None => decode(&bytes),
    }
    .map_err(LoadError::Damaged)?;
    SHIPPED.with(|s| {
        s.get_or_init(|| bytes);
    });
    Ok(CorpusHandle::new(engine))
}

/// The file's bytes, and the handle over its head when one was made while they arrived.
async fn read_shipped(
    on_progress: &impl Fn(Progress),
    on_head: &impl Fn(CorpusHandle),
) -> Result<(Vec<u8>, Option<CorpusHandle>), LoadError> {
    let document = gloo::utils::document();
    if let Some(bytes) = data_block(DATA_BLOCK) {
        return bytes
            .map(|b| (b, None))
            .map_err(|e| LoadError::Damaged(StoreError::Payload(js_message(&e))));
    }
    let named =
        document.query_selector(META).ok().flatten().ok_or_else(|| {
            LoadError::Missing("index.html has no <meta name=\"dossier-corpus\">".to_owned())
        })?;
    let total = named.get_attribute("data-bytes").and_then(|b| b.parse().ok());
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let url = Url::new_with_base(&named.get_attribute("content").unwrap_or_default(), &base)
        .map_err(|e| LoadError::Missing(js_message(&e)))?
        .href();
    let mut watch = PartWatch::default();
    let mut handle = None;
    let bytes = download(&url, total, |bytes, done| {
        on_progress(Progress {
            received: bytes.len() as u64,
            total,
        });
        if done {
            return Ok(());
        }
        watch
            .check(bytes, handle.as_ref().map(CorpusHandle::engine))
            .map(|engine| {
                if let Some(engine) = engine {
                    let made = CorpusHandle::head(engine);
                    handle = Some(made.clone());
                    on_head(made);
                }
            })
    })
    .await?;
    Ok((bytes, handle))
}

/// Watches the bytes arrive for the end of the file's head, then of the positions.
#[derive(Default)]
struct PartWatch {
    /// Both parts decoded: nothing more to watch for.
    done: bool,
}

impl PartWatch {
    /// An engine over as many of the head and the positions as `bytes` hold, when that is
    /// more than `head` (the engine made so far; `None` before the head) has: one per
    /// chunk at most, so parts that arrive together cost the page one render, not two.
    fn check(&mut self, bytes: &[u8], head: Option<&Engine>) -> Result<Option<Engine>, LoadError> {
        if self.done {
            return Ok(None);
        }
        let have = |end: Option<u64>| end.is_some_and(|end| bytes.len() as u64 >= end);
        let head_in = have(head_len(bytes));
        let positions_in = have(positions_end(bytes));
        let engine = match (head, head_in, positions_in) {
            (None, true, true) => decode_head(bytes).and_then(|h| decode_positions(&h, bytes)),
            (None, true, false) => decode_head(bytes),
            (Some(head), _, true) => decode_positions(head, bytes),
            (_, false, _) | (Some(_), true, false) => return Ok(None),
        }
        .map_err(LoadError::Damaged)?;
        self.done = positions_in;
        Ok(Some(engine))
    }
}

/// The file at `url`, read chunk by chunk as it streams in, `on_chunk` told the bytes so
/// far after each (and `done` at the end): from the download the page's script started,
/// else (a page without it) a fetch of its own.
async fn download(
    url: &str,
    total: Option<u64>,
    mut on_chunk: impl FnMut(&[u8], bool) -> Result<(), LoadError>,
) -> Result<Vec<u8>, LoadError> {
    let failed = |e: JsValue| LoadError::Download(js_message(&e));
    let window = gloo::utils::window();
    let started = Reflect::get(&window, &STARTED.into())
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let pending = started.unwrap_or_else(|| window.fetch_with_str(url));
    let response: Response = JsFuture::from(pending)
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    if !response.ok() {
        return Err(LoadError::Missing(format!(
            "{url} answered {} {}",
            response.status(),
            response.status_text()
        )));
    }
    let mut bytes = Vec::with_capacity(total.unwrap_or(0).min(1 << 30) as usize);
    let Some(body) = response.body() else {
        let buffer = JsFuture::from(response.array_buffer().map_err(failed)?)
            .await
            .map_err(failed)?;
        return Ok(Uint8Array::new(&buffer).to_vec());
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        if Reflect::get(&chunk, &"done".into()).map_err(failed)?.is_truthy() {
            on_chunk(&bytes, true)?;
            return Ok(bytes);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(failed)?
            .unchecked_into();
        let start = bytes.len();
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
        on_chunk(&bytes, false)?;
    }
}

/// The bytes of the single file's base64 data block `id`, when the page has one.
pub(crate) fn data_block(id: &str) -> Option<Result<Vec<u8>, JsValue>> {
    let block = gloo::utils::document().get_element_by_id(id)?;
    let text = block.text_content().unwrap_or_default();
    Some(
        gloo::utils::window()
            .atob(text.trim())
            .map(|binary| binary.chars().map(|c| c as u8).collect()),
    )
}

/// A JavaScript error's message, or the value as the console would show it.
pub(crate) fn js_message(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map_or_else(|| format!("{e:?}"), |e| String::from(e.message()))
}

/// The searchable corpus as a context value. Equality is identity: it never changes
/// while the app runs, so comparing pointers is exact and free.
#[derive(Clone)]
pub struct CorpusHandle(Rc<Loaded>);

struct Loaded {
    engine: Engine,
    /// False for the file's head alone: no texts, mentions or insights yet.
    complete: bool,
    /// Whether the insights name these entities (see [`CorpusHandle::corrected`]).
    linked: bool,
    /// Built on first use (the first facet count), not before the first paint: one
    /// counting the running text, one counting everything.
    facets: [OnceCell<FacetIndex>; 2],
}

impl CorpusHandle {
    pub fn new(engine: Engine) -> CorpusHandle {
        CorpusHandle(Rc::new(Loaded {
            engine,
            complete: true,
            linked: true,
            facets: [OnceCell::new(), OnceCell::new()],
        }))
    }

    /// A handle over the file's head ([`dossier_store::decode_head`]): titles, outlets,
    /// dates, entities and the index, searchable, but no text to show yet.
    pub fn head(engine: Engine) -> CorpusHandle {
        CorpusHandle(Rc::new(Loaded {
            engine,
            complete: false,
            linked: true,
            facets: [OnceCell::new(), OnceCell::new()],
        }))
    }

    /// This corpus with other entities: the reader's corrections (the work provider's). The
    /// texts are copied once, the search index is shared. The views' data that names
    /// entities (quotes' speakers, dated mentions, co-occurrence) still names the old ones
    /// until [`CorpusHandle::relinked`]: [`CorpusHandle::is_linked`] is false, and the
    /// views that show it wait, so the correction itself shows without waiting for it
    /// (relinking BBC takes about 60 ms natively, the rest of a correction 20).
    pub fn corrected(&self, entities: Entities) -> CorpusHandle {
        let mut corpus = self.0.engine.corpus().clone();
        corpus.entities = entities;
        self.with(corpus, false)
    }

    /// This corpus with its views' data linked to its entities again
    /// (`dossier_explore::relink`).
    pub fn relinked(&self) -> CorpusHandle {
        let mut corpus = self.0.engine.corpus().clone();
        corpus.insights = dossier_explore::relink(&corpus);
        self.with(corpus, true)
    }

    fn with(&self, corpus: Corpus, linked: bool) -> CorpusHandle {
        CorpusHandle(Rc::new(Loaded {
            engine: self.0.engine.with_corpus(corpus),
            complete: self.0.complete,
            linked,
            facets: [OnceCell::new(), OnceCell::new()],
        }))
    }

    /// Whether the views' data (quotes, dated mentions, co-occurrence) names these
    /// entities: false for a moment after a correction ([`CorpusHandle::corrected`]).
    pub fn is_linked(&self) -> bool {
        self.0.linked
    }

    /// Whether the texts, mentions and the views' data are here (false while only the
    /// file's head has arrived).
    pub fn is_complete(&self) -> bool {
        self.0.complete
    }

    pub fn engine(&self) -> &Engine {
        &self.0.engine
    }

    pub fn facets(&self, counting: Counting) -> &FacetIndex {
        let slot = match counting {
            Counting::Text => 0,
            Counting::Everything => 1,
        };
        self.0.facets[slot].get_or_init(|| FacetIndex::new(self.0.engine.corpus(), counting))
    }
}

impl PartialEq for CorpusHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for CorpusHandle {
    type Target = Corpus;
    fn deref(&self) -> &Corpus {
        self.0.engine.corpus()
    }
}

/// The corpus every view reads, from the context `UserDocuments` (`views::user_docs`)
/// (or a test harness) provides above the router: one place says what is missing when it
/// is not there.
#[yew::hook]
pub fn use_corpus() -> CorpusHandle {
    yew::use_context::<CorpusHandle>().expect("views need a CorpusHandle context above them")
}
