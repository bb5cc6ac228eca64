//! The reader's own documents: drop files on the page or pick them, and they join every
//! view, marked "added by you".
//!
//! [`UserDocuments`] wraps the app and provides the [`CorpusHandle`] every view reads:
//! the embedded corpus alone, or the embedded corpus merged with the added files
//! ([`dossier_core::user_files::merge`]). Added files are committed to IndexedDB
//! ([`crate::user_store`]) before they are processed, and re-processed at start-up, so a
//! reload or a crashed tab loses nothing. A refused file (wrong type, too large, not
//! text, storage full) gets a message naming it; nothing else changes.
//!
//! A new corpus remounts the views below (keyed by a generation count): their memos are
//! keyed by the query, not the corpus, and must not outlive it.
//!
//! Processing runs in a Web Worker ([`crate::user_worker`]): only the added documents are
//! tagged, but linking and the index build cover the whole corpus, which takes seconds on
//! thousands of articles; the page keeps answering and shows a progress bar meanwhile.

use crate::corpus::CorpusHandle;
use crate::user_store::{self, StoredFile, UserStoreError};
use crate::user_worker::DocWorker;
use crate::widgets::export;
use dossier_core::store;
use dossier_core::user_files::{check, screen, Job, JobResult};
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::IdbDatabase;
use web_sys::{DragEvent, File, FileList, HtmlInputElement};
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UserDocumentsProps {
    /// The embedded corpus.
    pub base: CorpusHandle,
    #[prop_or_default]
    pub children: Html,
}

/// What the panel shows and the merge reads; shared with the async tasks.
struct State {
    base: CorpusHandle,
    current: CorpusHandle,
    db: Option<Rc<IdbDatabase>>,
    files: Vec<StoredFile>,
    messages: Vec<String>,
    /// What is being done, with steps done and steps in all, while adding.
    progress: Option<(&'static str, usize, usize)>,
    /// Started on the first job, kept for the next ones.
    worker: Option<Rc<DocWorker>>,
    /// Jobs sent so far: only the latest job's answer becomes the corpus.
    jobs: u32,
    open: bool,
    dragging: bool,
    /// Bumped on every new corpus: it keys the views' subtree, so they remount and no
    /// view keeps results or ids memoised from the previous corpus.
    generation: u32,
}

type Shared = Rc<RefCell<State>>;

/// Provides the (possibly merged) corpus to `children` and draws the drop overlay and the
/// "Your documents" panel.
#[component]
pub fn UserDocuments(props: &UserDocumentsProps) -> Html {
    let state: Shared = use_mut_ref(|| State {
        base: props.base.clone(),
        current: props.base.clone(),
        db: None,
        files: Vec::new(),
        messages: Vec::new(),
        progress: None,
        worker: None,
        jobs: 0,
        open: false,
        dragging: false,
        generation: 0,
    })
    .clone();
    let redraw = use_force_update();
    let refresh: Rc<dyn Fn()> = Rc::new(move || redraw.force_update());

    // At start: open the store and bring back what was added before.
    {
        let (state, refresh) = (state.clone(), refresh.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                match user_store::open().await {
                    Ok(db) => {
                        let db = Rc::new(db);
                        state.borrow_mut().db = Some(db.clone());
                        match user_store::all(&db).await {
                            Ok(files) if !files.is_empty() => {
                                state.borrow_mut().files = files;
                                rebuild(state.clone(), refresh.clone());
                            }
                            Ok(_) => {}
                            Err(e) => state.borrow_mut().messages.push(e.to_string()),
                        }
                    }
                    Err(e) => state.borrow_mut().messages.push(e.to_string()),
                }
                refresh();
            });
        });
    }

    // Files dropped anywhere on the page.
    {
        let (state, refresh) = (state.clone(), refresh.clone());
        use_effect_with((), move |()| {
            let document = gloo::utils::document();
            let options = EventListenerOptions::enable_prevent_default();
            let over = {
                let (state, refresh) = (state.clone(), refresh.clone());
                EventListener::new_with_options(&document, "dragover", options, move |e| {
                    e.prevent_default();
                    if !state.borrow().dragging {
                        state.borrow_mut().dragging = true;
                        refresh();
                    }
                })
            };
            let leave = {
                let (state, refresh) = (state.clone(), refresh.clone());
                EventListener::new(&document, "dragleave", move |e| {
                    // Leaving the window, not moving between elements.
                    let to_nowhere = e
                        .dyn_ref::<DragEvent>()
                        .is_some_and(|d| d.related_target().is_none());
                    if to_nowhere {
                        state.borrow_mut().dragging = false;
                        refresh();
                    }
                })
            };
            let on_drop = EventListener::new_with_options(&document, "drop", options, move |e| {
                e.prevent_default();
                state.borrow_mut().dragging = false;
                let files = e
                    .dyn_ref::<DragEvent>()
                    .and_then(DragEvent::data_transfer)
                    .and_then(|d| d.files());
                add_files(state.clone(), refresh.clone(), files);
                refresh();
            });
            move || std::mem::drop((over, leave, on_drop))
        });
    }

    let (current, generation) = {
        let s = state.borrow();
        (s.current.clone(), s.generation)
    };
    let dragging = state.borrow().dragging;
    html! {
        <>
            <ContextProvider<PanelSlot> context={PanelSlot(panel(&state, &refresh))}>
                <ContextProvider<CorpusHandle> key={generation.to_string()} context={current}>
                    { props.children.clone() }
                </ContextProvider<CorpusHandle>>
            </ContextProvider<PanelSlot>>
            if dragging {
                <div class="user-drop-overlay" aria-hidden="true">
                    <p>{ "Drop .txt, .md or .html files to add them" }</p>
                </div>
            }
        </>
    }
}

/// The "Your documents" panel, for the shell to place at the top of the page's main
/// content (in reading and focus order, under the header), on every view.
#[derive(Clone, PartialEq)]
pub struct PanelSlot(pub Html);

fn panel(state: &Shared, refresh: &Rc<dyn Fn()>) -> Html {
    let s = state.borrow();
    let onchange = {
        let (state, refresh) = (state.clone(), refresh.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            add_files(state.clone(), refresh.clone(), input.files());
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let toggle = {
        let (state, refresh) = (state.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| {
            let open = !state.borrow().open;
            state.borrow_mut().open = open;
            refresh();
        })
    };
    let export_all = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let zipped = zip_all(&state.borrow().files);
            match zipped {
                Ok(bytes) => download("dossier-your-documents.zip", &bytes),
                Err(e) => state
                    .borrow_mut()
                    .messages
                    .push(format!("the export failed: {e}")),
            }
        })
    };
    let remove_all = {
        let (state, refresh) = (state.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| remove(state.clone(), refresh.clone(), None))
    };
    let dismiss = {
        let (state, refresh) = (state.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| {
            state.borrow_mut().messages.clear();
            refresh();
        })
    };
    html! {
            <section class="user-docs" aria-label="Your documents">
                <div class="user-docs-bar">
                    <label class="user-docs-add">
                        { "Add documents" }
                        <input id="user-docs-input" type="file" multiple=true
                            accept=".txt,.text,.md,.markdown,.html,.htm" {onchange} />
                    </label>
                    <button type="button" class="user-docs-toggle" aria-expanded={s.open.to_string()} onclick={toggle}>
                        { format!("Your documents ({})", s.files.len()) }
                    </button>
                    if let Some((what, done, all)) = s.progress {
                        <label class="user-docs-progress">
                            { format!("{what}: {done} of {all}") }
                            <progress max={all.to_string()} value={done.to_string()}>
                                { format!("{done} of {all}") }
                            </progress>
                        </label>
                    }
                </div>
                if !s.messages.is_empty() {
                    <div class="user-docs-messages" role="alert">
                        <ul>{ for s.messages.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
                        <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
                    </div>
                }
                if s.open {
                    <div class="user-docs-list">
                        if s.files.is_empty() {
                            <p>{ "No documents added yet: drop files on the page or use Add documents. They stay in this browser only." }</p>
                        } else {
                            <table>
                                <thead><tr><th>{ "File" }</th><th>{ "Size" }</th><th>{ "Added" }</th><th></th></tr></thead>
                                <tbody>{ for s.files.iter().map(|f| file_row(state, refresh, f)) }</tbody>
                            </table>
                            <button type="button" class="user-docs-export-all" onclick={export_all}>{ "Export all (.zip)" }</button>
                            <button type="button" class="user-docs-remove-all" onclick={remove_all}>{ "Remove all" }</button>
                        }
                    </div>
                }
            </section>
    }
}

fn file_row(state: &Shared, refresh: &Rc<dyn Fn()>, file: &StoredFile) -> Html {
    let id = file.id;
    let onremove = {
        let (state, refresh) = (state.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| remove(state.clone(), refresh.clone(), Some(id)))
    };
    let ondownload = {
        let (name, bytes) = (file.name.clone(), file.bytes.clone());
        Callback::from(move |_: MouseEvent| {
            download(&name, &bytes);
        })
    };
    let added = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(file.added_ms as f64));
    html! {
        <tr class="user-docs-file">
            <td class="user-docs-name">{ &file.name }</td>
            <td>{ size_label(file.bytes.len()) }</td>
            <td>{ String::from(added.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED)) }</td>
            <td>
                <button type="button" onclick={ondownload}>{ "Export" }</button>
                <button type="button" class="user-docs-remove" onclick={onremove}
                    aria-label={format!("Remove {}", file.name)}>{ "Remove" }</button>
            </td>
        </tr>
    }
}

fn size_label(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    }
}

/// Reads, checks, stores (each file committed before the next) and then merges `files`.
fn add_files(state: Shared, refresh: Rc<dyn Fn()>, files: Option<FileList>) {
    let Some(list) = files else { return };
    let picked: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    if picked.is_empty() {
        return;
    }
    spawn_local(async move {
        let total = picked.len();
        {
            let mut s = state.borrow_mut();
            s.messages.clear();
            s.progress = Some(("Saving", 0, total));
        }
        refresh();
        let mut stored_any = false;
        for (i, file) in picked.into_iter().enumerate() {
            let name = file.name();
            match read_and_store(&state, &name, &file).await {
                Ok(stored) => {
                    state.borrow_mut().files.push(stored);
                    stored_any = true;
                }
                Err(message) => state.borrow_mut().messages.push(message),
            }
            state.borrow_mut().progress = Some(("Saving", i + 1, total));
            refresh();
        }
        state.borrow_mut().progress = None;
        if stored_any {
            rebuild(state, refresh.clone());
        }
        refresh();
    });
}

/// One file: refused with a message naming it, or committed to the browser store.
async fn read_and_store(state: &Shared, name: &str, file: &File) -> Result<StoredFile, String> {
    let size = usize::try_from(file.size() as u64).unwrap_or(usize::MAX);
    check(name, size).map_err(|e| e.to_string())?;
    let blob = gloo::file::Blob::from(file.clone());
    let bytes = gloo::file::futures::read_as_bytes(&blob)
        .await
        .map_err(|e| format!("{name} could not be read: {e}"))?;
    // Refuse binary or empty files before they take any space (a check without decoding;
    // the worker refuses what only decoding shows, naming the file).
    screen(name, &bytes).map_err(|e| e.to_string())?;
    let added_ms = js_sys::Date::now() as u64;
    let db = state.borrow().db.clone();
    match db {
        Some(db) => user_store::add(&db, name, bytes, added_ms)
            .await
            .map_err(|e| e.to_string()),
        // No browser store: keep it for this tab only (the start-up message said so).
        None => {
            let id = state
                .borrow()
                .files
                .iter()
                .map(|f| f.id)
                .max()
                .map_or(1, |m| m + 1);
            Ok(StoredFile {
                id,
                name: name.to_owned(),
                added_ms,
                bytes,
            })
        }
    }
}

/// Removes one stored file (`Some(id)`) or all, then rebuilds the corpus.
fn remove(state: Shared, refresh: Rc<dyn Fn()>, id: Option<u32>) {
    spawn_local(async move {
        let db = state.borrow().db.clone();
        let result: Result<(), UserStoreError> = match (&db, id) {
            (Some(db), Some(id)) => user_store::remove(db, id).await,
            (Some(db), None) => user_store::clear(db).await,
            (None, _) => Ok(()),
        };
        match result {
            Ok(()) => {
                state
                    .borrow_mut()
                    .files
                    .retain(|f| id.is_some_and(|id| f.id != id));
                rebuild(state.clone(), refresh.clone());
            }
            Err(e) => state.borrow_mut().messages.push(e.to_string()),
        }
        refresh();
    });
}

/// Makes the corpus every view reads from the embedded one and the stored files: in the
/// worker, one job at a time; a job superseded by a newer one (a remove during an add)
/// is dropped when it answers.
fn rebuild(state: Shared, refresh: Rc<dyn Fn()>) {
    let (ticket, job) = {
        let mut s = state.borrow_mut();
        s.jobs += 1;
        let files = s
            .files
            .iter()
            .map(|f| (f.name.clone(), f.bytes.clone()))
            .collect();
        (s.jobs, Job { files })
    };
    if job.files.is_empty() {
        let mut s = state.borrow_mut();
        s.current = s.base.clone();
        s.generation += 1;
        return;
    }
    spawn_local(async move {
        let all = job.files.len();
        state.borrow_mut().progress = Some(("Reading your documents", 0, all));
        refresh();
        let answer = match worker(&state).await {
            Ok(worker) => {
                let (state, refresh) = (state.clone(), refresh.clone());
                worker
                    .run(&job, move |done, all| {
                        state.borrow_mut().progress = Some(("Finding names", done as usize, all as usize));
                        refresh();
                    })
                    .await
            }
            Err(e) => Err(e),
        };
        if state.borrow().jobs != ticket {
            return;
        }
        let mut s = state.borrow_mut();
        s.progress = None;
        match answer {
            Ok(JobResult::Merged { store, refused }) => match store::decode(&store) {
                Ok(engine) => {
                    s.current = CorpusHandle::new(engine);
                    s.generation += 1;
                    s.messages.extend(refused.into_iter().map(|r| r.reason));
                }
                Err(e) => s.messages.push(format!("your documents could not be shown: {e}")),
            },
            Ok(JobResult::Failed(e)) => s
                .messages
                .push(format!("your documents could not be processed: {e}")),
            Err(e) => {
                // A worker that failed is not reused.
                s.worker = None;
                s.messages.push(e.to_string());
            }
        }
        drop(s);
        refresh();
    });
}

/// The running worker, started on first use.
async fn worker(state: &Shared) -> Result<Rc<DocWorker>, crate::user_worker::WorkerError> {
    if let Some(worker) = state.borrow().worker.clone() {
        return Ok(worker);
    }
    let started = Rc::new(DocWorker::start().await?);
    Ok(state.borrow_mut().worker.get_or_insert(started).clone())
}

/// Offers `bytes` as a download called `name`.
fn download(name: &str, bytes: &[u8]) {
    let bytes = js_sys::Uint8Array::from(bytes);
    if export::download(name, "application/octet-stream", &bytes.into()).is_err() {
        gloo::console::warn!("the browser refused the download of", name.to_owned());
    }
}

/// Every added file, as added, in one zip (stored, not compressed: most are small text,
/// and the zip is made on the page). Names are made unique ("notes (2).md").
pub fn zip_all(files: &[StoredFile]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut taken = std::collections::HashSet::new();
    for file in files {
        let name = unique_name(&file.name, &mut taken);
        zip.start_file(name, options)?;
        std::io::Write::write_all(&mut zip, &file.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// `name`, or `stem (2).ext`, `stem (3).ext`... when taken.
fn unique_name(name: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let (stem, ext) = name
        .rsplit_once('.')
        .map_or((name, String::new()), |(s, e)| (s, format!(".{e}")));
    let mut candidate = name.to_owned();
    let mut n = 1;
    while !taken.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{stem} ({n}){ext}");
    }
    candidate
}
