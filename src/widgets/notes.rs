//! The reader's notes on passages: one note as the document and the Notes view show it
//! (its passage, its text, edit, delete, copy with citation), and a document's notes
//! under its text.

use crate::corpus::use_corpus;
use crate::route::{Route, SearchParams};
use crate::widgets::citation::{address, Citation, CopyCitation};
use crate::widgets::passage::now_ms;
use crate::work::{use_work, use_work_access, WorkAccess, WorkContext};
use dossier_model::document::DocId;
use dossier_work::change::Change;
use dossier_work::work::Note;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;
use yew_router::prelude::*;

/// How many characters of a passage a note quotes.
const QUOTED: usize = 160;

#[derive(Properties, PartialEq)]
pub struct NoteItemProps {
    pub note: Note,
    pub doc: u32,
    /// Name the document (the Notes view; not under the document itself).
    #[prop_or_default]
    pub titled: bool,
}

/// One note: its passage (a link to that spot), its text, and what can be done with it.
#[component]
pub fn NoteItem(props: &NoteItemProps) -> Html {
    let corpus = use_corpus();
    let work = use_work();
    let editing = use_state(|| false);
    let citing = use_state(|| false);
    let text = use_node_ref();
    let (Some(work), Some(doc)) = (work.filter(WorkContext::ready), corpus.document(DocId(props.doc))) else {
        return html! {};
    };
    let note = &props.note;
    let passage: String = doc.text.get(note.span.range()).unwrap_or_default().to_owned();
    let quoted: String = if passage.chars().count() > QUOTED {
        format!("{}\u{2026}", passage.chars().take(QUOTED).collect::<String>())
    } else {
        passage
    };
    let at = SearchParams {
        at: note.span.start.to_string(),
        ..SearchParams::default()
    };
    let delete = {
        let (work, note) = (work.clone(), note.clone());
        Callback::from(move |_: MouseEvent| {
            work.commit(
                Change::DeleteNote {
                    doc: note.doc,
                    span: note.span,
                    created: note.created,
                },
                None,
            )
        })
    };
    let save = {
        let (work, note, editing, text) = (work.clone(), note.clone(), editing.clone(), text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(said) = text
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value().trim().to_owned())
            else {
                return;
            };
            if !said.is_empty() {
                work.commit(
                    Change::PutNote(Note {
                        text: said,
                        edited: now_ms(),
                        ..note.clone()
                    }),
                    None,
                );
            }
            editing.set(false);
        })
    };
    let toggle = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.set(!*state))
    };
    let mut citation = Citation::new(
        doc,
        note.span,
        address(&format!("doc/{}?at={}", doc.id.0, note.span.start)),
    );
    citation.note = Some(note.text.clone());
    html! {
        <li class="note">
            if props.titled {
                <p class="note-doc">{ doc.title.text.clone() }</p>
            }
            <p class="note-passage">
                <Link<Route, SearchParams> to={Route::Document { id: props.doc }} query={Some(at)}>
                    <q>{ quoted }</q>
                </Link<Route, SearchParams>>
            </p>
            if *editing {
                <form class="note-edit" onsubmit={save}>
                    <textarea ref={text} rows="3" aria-label="Your note" value={note.text.clone()} />
                    <button type="submit">{ "Save" }</button>
                    <button type="button" onclick={toggle(&editing)}>{ "Cancel" }</button>
                </form>
            } else {
                <p class="note-text">{ note.text.clone() }</p>
            }
            <p class="note-meta">
                <span class="muted">{ when(note) }</span>
                <button type="button" class="link-button" onclick={toggle(&editing)}>{ "Edit" }</button>
                <button type="button" class="link-button delete-note" onclick={delete}>{ "Delete" }</button>
                <button type="button" class="link-button" onclick={toggle(&citing)}>{ "Cite" }</button>
            </p>
            if *citing {
                <CopyCitation {citation} />
            }
        </li>
    }
}

/// "Written 2026-12-07 14:02" (and "edited …" when it was).
fn when(note: &Note) -> String {
    let stamp = |ms: u64| {
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
        let iso = String::from(date.to_iso_string());
        iso.get(..16).unwrap_or_default().replace('T', " ")
    };
    if note.edited > note.created {
        format!(
            "Written {}, edited {} (UTC)",
            stamp(note.created),
            stamp(note.edited)
        )
    } else {
        format!("Written {} (UTC)", stamp(note.created))
    }
}

#[derive(Properties, PartialEq)]
pub struct DocNotesProps {
    pub doc: u32,
}

/// The document's notes, in text order, under its text.
#[component]
pub fn DocNotes(props: &DocNotesProps) -> Html {
    let WorkAccess::Ready(work) = use_work_access() else {
        return html! {};
    };
    let mut notes: Vec<Note> = work.of(DocId(props.doc)).notes.into_iter().cloned().collect();
    if notes.is_empty() {
        return html! {
            <p class="muted notes-hint">{ "Select a passage of the text to add a note, copy it with its citation or mark an entity." }</p>
        };
    }
    notes.sort_by_key(|n| (n.span.start, n.created));
    html! {
        <section class="doc-notes" aria-labelledby="doc-notes-heading">
            <h2 id="doc-notes-heading">{ format!("Your notes ({})", notes.len()) }</h2>
            <ul class="notes">
                { for notes.into_iter().map(|note| {
                    let key = format!("{}-{}-{}", note.span.start, note.span.end, note.created);
                    html! { <NoteItem {key} {note} doc={props.doc} /> }
                }) }
            </ul>
        </section>
    }
}
