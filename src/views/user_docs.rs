//! The reader's own documents: drop files on the page or pick them, and they join every
//! view, marked "added by you".
//!
//! [`UserDocuments`] wraps the app and provides the [`CorpusHandle`] every view reads:
//! the embedded corpus alone, or the embedded corpus merged with the added files
//! (`dossier_core::user_files::merge`). Added files are committed to IndexedDB
//! ([`crate::user_store`]) before they are processed, and re-processed at start-up, so a
//! reload or a crashed tab loses nothing. A refused file (wrong type, too large, not
//! text, storage full) gets a message naming it; nothing else changes.
//!
//! A new corpus remounts the views below (keyed by a generation count): their memos are
//! keyed by the query, not the corpus, and must not outlive it.
//!
//! What the page shows is a [`State`] changed only by its reducer: the browser store,
//! the worker and the page's events dispatch [`Action`]s.
//!
//! Processing runs in a Web Worker ([`crate::user_worker`]): only the added documents are
//! tagged, but linking and the index build cover the whole corpus, which takes seconds on
//! thousands of articles; the page keeps answering and shows a progress bar meanwhile.

use crate::corpus::CorpusHandle;
use crate::state::user_docs::{Action, Outcome, Progress, State};
use crate::user_store::{self, StoredFile, UserStoreError};
use crate::user_worker::{DocWorker, WorkerError};
use crate::widgets::export;
use dossier_ingest::user_files::{check, screen, Job, JobResult};
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

/// The browser store and the worker, once open or started: handles the async tasks use,
/// not anything the page shows (that is all in [`State`]).
#[derive(Default)]
struct Handles {
    db: Option<Rc<IdbDatabase>>,
    /// Started on the first job, kept for the next ones.
    worker: Option<Rc<DocWorker>>,
}

type Shared = Rc<RefCell<Handles>>;
type Docs = UseReducerHandle<State>;
type Dispatch = UseReducerDispatcher<State>;

/// Provides the (possibly merged) corpus to `children` and draws the drop overlay and the
/// "Your documents" panel.
#[component]
pub fn UserDocuments(props: &UserDocumentsProps) -> Html {
    let docs = use_reducer({
        let base = props.base.clone();
        move || State::new(base)
    });
    {
        // The embedded corpus grows from the file's head to the whole file (`corpus::load`).
        let docs = docs.dispatcher();
        use_effect_with(props.base.clone(), move |base| {
            docs.dispatch(Action::Base(base.clone()))
        });
    }
    let handles: Shared = use_mut_ref(Handles::default);
    use_restore(docs.dispatcher(), handles.clone());
    use_file_drops(docs.dispatcher(), handles.clone());
    use_rebuild(docs.clone(), handles.clone());
    html! {
        <>
            <ContextProvider<PanelSlot> context={PanelSlot(panel(&docs, &handles))}>
                <ContextProvider<CorpusHandle> key={docs.generation.to_string()} context={docs.current.clone()}>
                    { props.children.clone() }
                </ContextProvider<CorpusHandle>>
            </ContextProvider<PanelSlot>>
            if docs.dragging {
                <div class="user-drop-overlay" aria-hidden="true">
                    <p>{ "Drop .txt, .md or .html files to add them" }</p>
                </div>
            }
        </>
    }
}

/// At start: opens the store and brings back what was added before.
#[hook]
fn use_restore(docs: Dispatch, handles: Shared) {
    use_effect_with((), move |()| {
        spawn_local(async move {
            let db = match user_store::open().await {
                Ok(db) => Rc::new(db),
                Err(e) => return docs.dispatch(Action::Message(e.to_string())),
            };
            handles.borrow_mut().db = Some(db.clone());
            docs.dispatch(match user_store::all(&db).await {
                Ok(files) => Action::Restored(files),
                Err(e) => Action::Message(e.to_string()),
            });
        });
    });
}

/// Files dragged over and dropped anywhere on the page.
#[hook]
fn use_file_drops(docs: Dispatch, handles: Shared) {
    use_effect_with((), move |()| {
        let document = gloo::utils::document();
        let options = EventListenerOptions::enable_prevent_default();
        let over = {
            let docs = docs.clone();
            EventListener::new_with_options(&document, "dragover", options, move |e| {
                e.prevent_default();
                docs.dispatch(Action::Dragging(true));
            })
        };
        let leave = {
            let docs = docs.clone();
            EventListener::new(&document, "dragleave", move |e| {
                // Leaving the window, not moving between elements.
                let to_nowhere = e
                    .dyn_ref::<DragEvent>()
                    .is_some_and(|d| d.related_target().is_none());
                if to_nowhere {
                    docs.dispatch(Action::Dragging(false));
                }
            })
        };
        let on_drop = EventListener::new_with_options(&document, "drop", options, move |e| {
            e.prevent_default();
            docs.dispatch(Action::Dragging(false));
            let files = e
                .dyn_ref::<DragEvent>()
                .and_then(DragEvent::data_transfer)
                .and_then(|d| d.files());
            add_files(docs.clone(), handles.clone(), files);
        });
        move || std::mem::drop((over, leave, on_drop))
    });
}

/// Runs the worker's job each time the state asks for a rebuild (its job count grows)
/// with files to merge.
#[hook]
fn use_rebuild(docs: Docs, handles: Shared) {
    use_effect_with(docs.jobs, move |&ticket| {
        if ticket > 0 && !docs.files.is_empty() {
            run_job(docs, handles, ticket);
        }
    });
}

/// The "Your documents" panel, for the shell to place at the top of the page's main
/// content (in reading and focus order, under the header), on every view.
#[derive(Clone, PartialEq)]
pub struct PanelSlot(pub Html);

fn panel(docs: &Docs, handles: &Shared) -> Html {
    html! {
        <section class="user-docs" aria-label="Your documents">
            { panel_bar(docs, handles) }
            { messages(docs) }
            { unreadable(docs, handles) }
            if docs.open {
                { file_list(docs, handles) }
            }
        </section>
    }
}

/// Add, the panel's toggle with the file count, and the progress while adding.
fn panel_bar(docs: &Docs, handles: &Shared) -> Html {
    let onchange = {
        let (dispatch, handles) = (docs.dispatcher(), handles.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            add_files(dispatch.clone(), handles.clone(), input.files());
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let toggle = docs
        .dispatcher()
        .to_callback()
        .reform(|_: MouseEvent| Action::TogglePanel);
    html! {
        <div class="user-docs-bar">
            <label class="user-docs-add">
                { "Add documents" }
                <input id="user-docs-input" type="file" multiple=true
                    accept=".txt,.text,.md,.markdown,.html,.htm" {onchange} />
            </label>
            <button type="button" class="user-docs-toggle" aria-expanded={docs.open.to_string()} onclick={toggle}>
                { format!("Your documents ({})", docs.files.len()) }
            </button>
            if let Some(Progress { what, done, all }) = docs.progress {
                <label class="user-docs-progress">
                    { format!("{what}: {done} of {all}") }
                    <progress max={all.to_string()} value={done.to_string()}>
                        { format!("{done} of {all}") }
                    </progress>
                </label>
            }
        </div>
    }
}

/// What was refused or failed, until dismissed.
fn messages(docs: &Docs) -> Html {
    if docs.messages.is_empty() {
        return html! {};
    }
    let dismiss = docs
        .dispatcher()
        .to_callback()
        .reform(|_: MouseEvent| Action::Dismiss);
    html! {
        <div class="user-docs-messages" role="alert">
            <ul>{ for docs.messages.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
            <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}

/// Stored files that could not be read this time, each with a Remove button.
fn unreadable(docs: &Docs, handles: &Shared) -> Html {
    if docs.unreadable.is_empty() {
        return html! {};
    }
    html! {
        <div class="user-docs-messages user-docs-unreadable" role="alert">
            <p>{ "Stored in this browser but not readable:" }</p>
            <ul>
                { for docs.unreadable.iter().map(|(id, reason)| {
                    let id = *id;
                    let onclick = {
                        let (dispatch, handles) = (docs.dispatcher(), handles.clone());
                        Callback::from(move |_: MouseEvent| remove(dispatch.clone(), handles.clone(), Some(id)))
                    };
                    html! {
                        <li>
                            { reason }
                            { " " }
                            <button type="button" class="button" {onclick}>{ "Remove it" }</button>
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}

/// The added files, with export and remove.
fn file_list(docs: &Docs, handles: &Shared) -> Html {
    let export_all = {
        let docs = docs.clone();
        Callback::from(move |_: MouseEvent| match zip_all(&docs.files) {
            Ok(bytes) => download("dossier-your-documents.zip", &bytes),
            Err(e) => docs.dispatch(Action::Message(format!("the export failed: {e}"))),
        })
    };
    let remove_all = {
        let (dispatch, handles) = (docs.dispatcher(), handles.clone());
        Callback::from(move |_: MouseEvent| remove(dispatch.clone(), handles.clone(), None))
    };
    html! {
        <div class="user-docs-list">
            if docs.files.is_empty() {
                <p>{ "No documents added yet: drop files on the page or use Add documents. They stay in this browser only." }</p>
            } else {
                <table>
                    <thead><tr><th>{ "File" }</th><th>{ "Size" }</th><th>{ "Added" }</th><th></th></tr></thead>
                    <tbody>{ for docs.files.iter().map(|f| file_row(docs.dispatcher(), handles, f)) }</tbody>
                </table>
                <button type="button" class="user-docs-export-all" onclick={export_all}>{ "Export all (.zip)" }</button>
                <button type="button" class="user-docs-remove-all" onclick={remove_all}>{ "Remove all" }</button>
            }
        </div>
    }
}

fn file_row(docs: Dispatch, handles: &Shared, file: &StoredFile) -> Html {
    let id = file.id;
    let onremove = {
        let handles = handles.clone();
        Callback::from(move |_: MouseEvent| remove(docs.clone(), handles.clone(), Some(id)))
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
            <td>{ local_date(&added) }</td>
            <td>
                <button type="button" onclick={ondownload}>{ "Export" }</button>
                <button type="button" class="user-docs-remove" onclick={onremove}
                    aria-label={format!("Remove {}", file.name)}>{ "Remove" }</button>
            </td>
        </tr>
    }
}

/// `date` in the reader's own locale and time zone (no locale named: the browser's).
fn local_date(date: &js_sys::Date) -> String {
    let options = js_sys::Object::new();
    for (key, value) in [("dateStyle", "medium"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options).format();
    format
        .call1(&wasm_bindgen::JsValue::NULL, date)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
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

/// Reads and screens `files`, has the worker judge what is left, then stores each file it
/// accepts, committed before the next; the state then asks for the merge. A refused file
/// is never stored: it gets a message naming it and is gone.
fn add_files(docs: Dispatch, handles: Shared, files: Option<FileList>) {
    let Some(list) = files else { return };
    let picked: Vec<File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    if picked.is_empty() {
        return;
    }
    spawn_local(async move {
        let total = picked.len();
        docs.dispatch(Action::AddStarted { total });
        let mut read = Vec::with_capacity(total);
        for file in &picked {
            match read_and_screen(&file.name(), file).await {
                Ok(bytes) => read.push((file.name(), bytes)),
                Err(message) => docs.dispatch(Action::Message(message)),
            }
        }
        let refused = match judge(&handles, &read).await {
            Ok(refused) => refused,
            Err(e) => {
                // Nothing can be added without the worker: store nothing, say why.
                let names: Vec<&str> = read.iter().map(|(n, _)| n.as_str()).collect();
                docs.dispatch(Action::Message(format!(
                    "{} could not be added: {e}",
                    names.join(", ")
                )));
                read.clear();
                Vec::new()
            }
        };
        let mut stored_any = false;
        for (i, (name, bytes)) in (0u32..).zip(read) {
            if let Some((_, reason)) = refused.iter().find(|(at, _)| *at == i) {
                docs.dispatch(Action::Message(reason.clone()));
            } else {
                match store(&handles, &name, bytes).await {
                    Ok(added) => {
                        docs.dispatch(added);
                        stored_any = true;
                    }
                    Err(message) => docs.dispatch(Action::Message(message)),
                }
            }
            docs.dispatch(Action::Saving {
                done: i as usize + 1,
                total,
            });
        }
        docs.dispatch(Action::AddFinished { stored_any });
    });
}

/// One file's bytes, or a message naming it: refused by type, size, or as binary or
/// empty, before the worker is asked anything.
async fn read_and_screen(name: &str, file: &File) -> Result<Vec<u8>, String> {
    let size = usize::try_from(file.size() as u64).unwrap_or(usize::MAX);
    check(name, size).map_err(|e| e.to_string())?;
    let blob = gloo::file::Blob::from(file.clone());
    let bytes = gloo::file::futures::read_as_bytes(&blob)
        .await
        .map_err(|e| format!("{name} could not be read: {e}"))?;
    // Refuse binary or empty files without waking the worker (a check without decoding).
    screen(name, &bytes).map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// The worker's judgement of `files` (decoded, markup removed, ingested): the ones it
/// refuses, by place, with the reason.
async fn judge(handles: &Shared, files: &[(String, Vec<u8>)]) -> Result<Vec<(u32, String)>, WorkerError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let job = Job::Check {
        files: files.to_vec(),
    };
    match worker(handles).await?.run(&job, |_, _| {}).await? {
        JobResult::Checked { refused } => Ok(refused),
        JobResult::Failed(e) => Err(WorkerError(e)),
        JobResult::Merged { .. } => Err(WorkerError("the worker answered another job".to_owned())),
    }
}

/// Commits one accepted file to the browser store (or keeps it for this tab when there
/// is no store).
async fn store(handles: &Shared, name: &str, bytes: Vec<u8>) -> Result<Action, String> {
    let added_ms = js_sys::Date::now() as u64;
    let db = handles.borrow().db.clone();
    match db {
        Some(db) => user_store::add(&db, name, bytes, added_ms)
            .await
            .map(Action::Added)
            .map_err(|e| e.to_string()),
        // No browser store: keep it for this tab only (the start-up message said so).
        None => Ok(Action::AddedForTab {
            name: name.to_owned(),
            added_ms,
            bytes,
        }),
    }
}

/// Removes one stored file (`Some(id)`) or all; the state then asks for the merge.
fn remove(docs: Dispatch, handles: Shared, id: Option<u32>) {
    spawn_local(async move {
        let db = handles.borrow().db.clone();
        let result: Result<(), UserStoreError> = match (&db, id) {
            (Some(db), Some(id)) => user_store::remove(db, id).await,
            (Some(db), None) => user_store::clear(db).await,
            (None, _) => Ok(()),
        };
        docs.dispatch(match result {
            Ok(()) => Action::Removed(id),
            Err(e) => Action::Message(e.to_string()),
        });
    });
}

/// Makes job `ticket`'s corpus from the embedded one and the stored files, in the worker
/// (one job at a time); an answer to a superseded job (a remove during an add) is not
/// decoded, and the reducer drops it.
fn run_job(docs: Docs, handles: Shared, ticket: u32) {
    let job = Job::Merge {
        files: docs
            .files
            .iter()
            .map(|f| (f.name.clone(), f.bytes.clone()))
            .collect(),
    };
    let dispatch = docs.dispatcher();
    spawn_local(async move {
        let answer = match worker(&handles).await {
            Ok(worker) => {
                let dispatch = dispatch.clone();
                worker
                    .run(&job, move |done, all| {
                        dispatch.dispatch(Action::Progress(Progress {
                            what: "Finding names",
                            done: done as usize,
                            all: all as usize,
                        }))
                    })
                    .await
            }
            Err(e) => Err(e),
        };
        if docs.jobs != ticket {
            return;
        }
        let outcome = match answer {
            Ok(JobResult::Merged { store, refused }) => match dossier_store::decode(&store) {
                Ok(engine) => Outcome::Merged {
                    corpus: CorpusHandle::new(engine),
                    refused: refused.into_iter().map(|r| (r.file, r.reason)).collect(),
                },
                Err(e) => Outcome::Failed(format!("your documents could not be shown: {e}")),
            },
            Ok(JobResult::Failed(e)) => {
                Outcome::Failed(format!("your documents could not be processed: {e}"))
            }
            Ok(JobResult::Checked { .. }) => Outcome::Failed("the worker answered another job".to_owned()),
            Err(e) => {
                // A worker that failed is not reused.
                handles.borrow_mut().worker = None;
                Outcome::Failed(e.to_string())
            }
        };
        dispatch.dispatch(Action::JobDone { ticket, outcome });
    });
}

/// The running worker, started on first use.
async fn worker(handles: &Shared) -> Result<Rc<DocWorker>, WorkerError> {
    if let Some(worker) = handles.borrow().worker.clone() {
        return Ok(worker);
    }
    let started = Rc::new(DocWorker::start().await?);
    Ok(handles.borrow_mut().worker.get_or_insert(started).clone())
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
