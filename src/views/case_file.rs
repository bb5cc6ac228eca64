//! The case file panel: the reader's work exported as one file, a colleague's imported
//! after a summary, and all of it cleared after asking.
//!
//! The file's reading, checking and merging are the core's
//! ([`dossier_work::case_file`]); this panel draws the summary it returns and hands the
//! merged work to `on_replace`, so the page's state decides and stores it. An import is
//! never applied unseen: the reader reads what is new, what conflicts (their own version
//! kept) and what names documents this build lacks, then merges or cancels. Everything
//! from the file reaches the page as text nodes.

use crate::corpus::CorpusHandle;
use crate::widgets::export::download;
use dossier_work::case_file::{export, import};
use dossier_work::merge::{Conflict, Item, Summary};
use dossier_work::{Correction, DocHashes, DocKey, EntityRef, Work};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties)]
pub struct CaseFileProps {
    /// The reader's work as it is now.
    pub work: Rc<Work>,
    /// The corpus the work is on: an import checks its passages against the texts.
    pub corpus: CorpusHandle,
    /// Every document's hash in this build ([`DocHashes::new`] over `corpus`).
    pub hashes: Rc<DocHashes>,
    /// The merged work, once the reader has read the summary and chosen "Merge".
    pub on_replace: Callback<Work>,
    /// All of the work removed, once the reader has confirmed.
    pub on_clear: Callback<()>,
}

impl PartialEq for CaseFileProps {
    fn eq(&self, other: &CaseFileProps) -> bool {
        // By pointer: the page makes a new `Rc` for every change, and comparing 10,000
        // notes by value on every render would cost more than the render.
        Rc::ptr_eq(&self.work, &other.work)
            && self.corpus == other.corpus
            && Rc::ptr_eq(&self.hashes, &other.hashes)
            && self.on_replace == other.on_replace
            && self.on_clear == other.on_clear
    }
}

/// Where the panel is between the reader's clicks.
#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Reading(String),
    /// A file read and merged, waiting for "Merge" or "Cancel".
    /// The text is kept and merged again on "Merge", into the work as it is then.
    Review {
        file: String,
        text: Rc<str>,
        summary: Rc<Summary>,
    },
    /// The file could not be imported: why, as a sentence.
    Refused {
        file: String,
        why: String,
    },
    ConfirmClear,
}

/// "Export case file", "Import case file", "Clear my work…".
#[component]
pub fn CaseFilePanel(props: &CaseFileProps) -> Html {
    let stage = use_state(|| Stage::Idle);
    let export_error = use_state(|| None::<String>);

    let on_export = {
        let (work, hashes, export_error) = (props.work.clone(), props.hashes.clone(), export_error.clone());
        Callback::from(move |_: MouseEvent| {
            let text = export(&work, &hashes);
            let result = download(&file_name(), "application/json", &JsValue::from_str(&text));
            export_error.set(
                result
                    .err()
                    .map(|_| "the browser refused the download".to_owned()),
            );
        })
    };
    let on_file = {
        let (stage, props_work) = (stage.clone(), props.work.clone());
        let (corpus, hashes) = (props.corpus.clone(), props.hashes.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Cleared, so choosing the same file again is a change too.
            input.set_value("");
            let name = file.name();
            stage.set(Stage::Reading(name.clone()));
            let (stage, work, corpus, hashes) =
                (stage.clone(), props_work.clone(), corpus.clone(), hashes.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let read = gloo::file::futures::read_as_text(&gloo::file::Blob::from(file)).await;
                stage.set(match read {
                    Err(e) => Stage::Refused {
                        file: name,
                        why: format!("the browser could not read it ({e})"),
                    },
                    Ok(text) => match import(&text, &corpus.documents, &hashes, &work) {
                        Ok((_, summary)) => Stage::Review {
                            file: name,
                            text: text.into(),
                            summary: Rc::new(summary),
                        },
                        Err(e) => Stage::Refused {
                            file: name,
                            why: e.to_string(),
                        },
                    },
                });
            });
        })
    };
    let to = |next: Stage| {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| stage.set(next.clone()))
    };

    let body = match &*stage {
        Stage::Idle => html! {},
        Stage::Reading(file) => {
            html! { <p class="case-reading" role="status">{ format!("Reading {file}…") }</p> }
        }
        Stage::Refused { file, why } => html! {
            <p class="case-refused" role="alert">{ format!("{file} was not imported: {why}.") }</p>
        },
        Stage::Review { file, text, summary } => {
            let on_merge = {
                let (stage, on_replace, text, file) = (
                    stage.clone(),
                    props.on_replace.clone(),
                    text.clone(),
                    file.clone(),
                );
                let (work, corpus, hashes) = (props.work.clone(), props.corpus.clone(), props.hashes.clone());
                Callback::from(
                    move |_: MouseEvent| match import(&text, &corpus.documents, &hashes, &work) {
                        Ok((merged, _)) => {
                            on_replace.emit(merged);
                            stage.set(Stage::Idle);
                        }
                        Err(e) => stage.set(Stage::Refused {
                            file: file.clone(),
                            why: e.to_string(),
                        }),
                    },
                )
            };
            html! {
                <section class="case-review" aria-label="What the case file brings">
                    <h3>{ format!("Importing {file}") }</h3>
                    { review(summary, &props.corpus, &props.hashes) }
                    <button type="button" class="case-merge" onclick={on_merge}>{ "Merge" }</button>
                    <button type="button" class="case-cancel" onclick={to(Stage::Idle)}>{ "Cancel" }</button>
                </section>
            }
        }
        Stage::ConfirmClear => {
            let on_clear = {
                let (stage, on_clear) = (stage.clone(), props.on_clear.clone());
                Callback::from(move |_: MouseEvent| {
                    on_clear.emit(());
                    stage.set(Stage::Idle);
                })
            };
            html! {
                <section class="case-confirm-clear" role="alertdialog" aria-label="Clear my work">
                    <p>{ "This removes all your tags, stars, notes, corrections, name lists and saved searches \
                          from this browser, and cannot be undone. Export a case file first to keep a copy." }</p>
                    <button type="button" class="case-export-first" onclick={on_export.clone()}>{ "Export case file" }</button>
                    <button type="button" class="case-clear-confirmed" onclick={on_clear}>{ "Clear my work" }</button>
                    <button type="button" class="case-cancel" onclick={to(Stage::Idle)}>{ "Cancel" }</button>
                </section>
            }
        }
    };

    let complete = props.corpus.is_complete();
    html! {
        <section class="case-file" aria-labelledby="case-file-heading">
            <h2 id="case-file-heading">{ "Case file" }</h2>
            <div class="case-actions">
                <button type="button" class="case-export" onclick={on_export}>{ "Export case file" }</button>
                <label class="case-import">
                    { "Import case file" }
                    <input type="file" accept=".json,application/json" onchange={on_file} disabled={!complete} />
                </label>
                <button type="button" class="case-clear" onclick={to(Stage::ConfirmClear)}>{ "Clear my work…" }</button>
            </div>
            if !complete {
                <p class="case-waiting">{ "Importing waits until the articles' text has arrived." }</p>
            }
            if let Some(e) = &*export_error {
                <p class="case-refused" role="alert">{ format!("Could not export: {e}") }</p>
            }
            { body }
        </section>
    }
}

/// `dossier-case-<today>.json`, today in the reader's time zone.
fn file_name() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "dossier-case-{:04}-{:02}-{:02}.json",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The summary as lists of sentences.
fn review(summary: &Summary, corpus: &CorpusHandle, hashes: &DocHashes) -> Html {
    let doc = |key: &DocKey| document_title(corpus, hashes, key);
    let nothing = summary.new.is_empty() && summary.conflicts.is_empty() && summary.lacking.is_empty();
    html! {
        <>
            if summary.other_build {
                <p class="case-other-build">{ "This file was made on another build of this corpus: \
                    its documents were found by their text." }</p>
            }
            if nothing {
                <p class="case-nothing">{ "Nothing new: your work already has all of it." }</p>
            }
            if !summary.new.is_empty() {
                <h4>{ format!("New ({})", summary.new.len()) }</h4>
                <ul class="case-new">
                    { for summary.new.iter().map(|item| html! { <li>{ item_text(item, &doc) }</li> }) }
                </ul>
            }
            if !summary.conflicts.is_empty() {
                <h4>{ format!("Changed on both sides: yours kept ({})", summary.conflicts.len()) }</h4>
                <ul class="case-conflicts">
                    { for summary.conflicts.iter().map(|c| html! { <li>{ conflict_text(c, &doc) }</li> }) }
                </ul>
            }
            if !summary.lacking.is_empty() {
                <h4>{ format!("About documents this build lacks ({})", summary.lacking.len()) }</h4>
                <p>{ "Kept with your work, unseen, until a build has their text." }</p>
                <ul class="case-lacking">
                    { for summary.lacking.iter().map(|l| html! { <li>{ item_text(&l.item, &doc) }</li> }) }
                </ul>
            }
        </>
    }
}

/// A document's title in quotes, or what stands for one this build lacks.
fn document_title(corpus: &CorpusHandle, hashes: &DocHashes, key: &DocKey) -> String {
    hashes
        .resolve(key)
        .and_then(|id| corpus.documents.get(id.0 as usize))
        .map_or_else(
            || "a document this build lacks".to_owned(),
            |d| format!("“{}”", d.title.text),
        )
}

fn item_text(item: &Item, doc: &impl Fn(&DocKey) -> String) -> String {
    match item {
        Item::Tag(name) => format!("the tag “{name}”"),
        Item::Tagging { tag, doc: key } => format!("{} tagged “{tag}”", doc(key)),
        Item::Star(key) => format!("a star on {}", doc(key)),
        Item::Note { doc: key, .. } => format!("a note on {}", doc(key)),
        Item::Correction(correction) => format!("the correction: {}", correction_text(correction)),
        Item::NameList(name) => format!("the name list “{name}”"),
        Item::SavedSearch(name) => format!("the saved search “{name}”"),
    }
}

fn conflict_text(conflict: &Conflict, doc: &impl Fn(&DocKey) -> String) -> String {
    match conflict {
        Conflict::TagColour { tag, mine, theirs } => format!(
            "the tag “{tag}”: your colour {} kept, theirs is {}",
            mine.as_str(),
            theirs.as_str()
        ),
        Conflict::Note { mine, theirs } => format!(
            "a note on {}: yours “{}” kept, theirs reads “{}”",
            doc(&mine.doc),
            mine.text,
            theirs.text
        ),
        Conflict::NameList { mine, theirs } => format!(
            "the name list “{}”: yours ({} names) kept, theirs has {}",
            mine.name,
            mine.names.len(),
            theirs.names.join(", ")
        ),
        Conflict::SavedSearch { mine, theirs } => format!(
            "the saved search “{}”: yours (“{}”) kept, theirs searches “{}”",
            mine.name, mine.query, theirs.query
        ),
    }
}

fn entity(e: &EntityRef) -> String {
    format!("{} ({})", e.name, e.kind.label())
}

/// A correction in a few words.
fn correction_text(correction: &Correction) -> String {
    match correction {
        Correction::Rename { entity: e, to } => format!("rename {} to {to}", entity(e)),
        Correction::Merge { from, into } => format!("merge {} into {}", entity(from), entity(into)),
        Correction::SplitMention { into, .. } => format!("a mention split off to {}", entity(into)),
        Correction::SplitAlias { entity: e, alias } => format!("“{alias}” split off {}", entity(e)),
        Correction::Retype { entity: e, to } => format!("{} is {}", entity(e), to.label()),
        Correction::NotAnEntity { entity: e } => format!("{} is not an entity", entity(e)),
        Correction::NotAMention { .. } => "a mention that is not one".to_owned(),
        Correction::Add {
            kind,
            everywhere: true,
            ..
        } => format!("a missed {} marked everywhere", kind.label()),
        Correction::Add { kind, .. } => format!("a missed {} marked", kind.label()),
    }
}
