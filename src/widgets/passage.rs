//! What the reader can do with a passage they select in a document: add a note, copy it
//! with its citation, mark it as an entity the tagger missed, or correct the mention it
//! is (not a mention; a mention of another entity, or of a new one: a split).
//!
//! The bar sits at the foot of the window (on a phone the browser's own selection menu
//! takes the top). It keeps the last passage selected in the text while the reader types
//! a note, until they close it or select another.

use crate::corpus::use_corpus;
use crate::widgets::citation::{address, Citation, CopyCitation};
use crate::widgets::selection::selected_span;
use crate::work::{use_work, WorkContext};
use dossier_model::document::DocId;
use dossier_model::entity::{EntityType, Mention};
use dossier_model::Span;
use dossier_work::change::Change;
use dossier_work::work::Note;
use dossier_work::{Correction, DocKey, EntityRef, MentionRef};
use gloo::events::EventListener;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The element holding the document's text (`views::reader::DocBody`).
pub const DOC_BODY_ID: &str = "doc-body";

/// How many characters of the passage the bar quotes.
const QUOTED: usize = 90;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Menu,
    Note,
    Cite,
    Entity,
    Relink,
}

#[derive(Properties, PartialEq)]
pub struct PassageToolsProps {
    pub doc: u32,
}

/// The bar for the selected passage of document `doc`.
#[component]
pub fn PassageTools(props: &PassageToolsProps) -> Html {
    let corpus = use_corpus();
    let work = use_work();
    let picked = use_state(|| None::<Span>);
    let mode = use_state(|| Mode::Menu);
    {
        let (picked, mode, corpus) = (picked.clone(), mode.clone(), corpus.clone());
        let doc = props.doc;
        use_effect_with(doc, move |_| {
            picked.set(None);
            let listener = EventListener::new(&gloo::utils::document(), "selectionchange", move |_| {
                let Some(text) = corpus.document(DocId(doc)).map(|d| d.text.as_str()) else {
                    return;
                };
                // This document's text, by its `data-doc`.
                if let Some(span) = selected_span(&format!("#{DOC_BODY_ID}[data-doc=\"{doc}\"]"), text) {
                    if *picked != Some(span) {
                        picked.set(Some(span));
                        mode.set(Mode::Menu);
                    }
                }
            });
            move || drop(listener)
        });
    }
    let (Some(work), Some(span), Some(doc)) = (
        work.filter(WorkContext::ready),
        *picked,
        corpus.document(DocId(props.doc)),
    ) else {
        return html! {};
    };
    let Some(key) = work.key(doc.id) else {
        return html! {};
    };
    let close = {
        let picked = picked.clone();
        Callback::from(move |_: MouseEvent| picked.set(None))
    };
    let to = |m: Mode| {
        let mode = mode.clone();
        Callback::from(move |_: MouseEvent| mode.set(m))
    };
    let text = doc.slice(span).to_owned();
    let quoted: String = if text.chars().count() > QUOTED {
        format!("{}\u{2026}", text.chars().take(QUOTED).collect::<String>())
    } else {
        text.clone()
    };
    // The mention the passage lies in, if it is one.
    let mention: Option<Mention> = corpus
        .entities
        .mentions_in(doc.id)
        .iter()
        .find(|m| m.span.start <= span.start && span.end <= m.span.end)
        .copied();
    let entity = mention.and_then(|m| corpus.entities.entity(m.entity)).cloned();
    let done = {
        let (picked, work) = (picked.clone(), work.clone());
        Callback::from(move |(change, said): (Change, Option<String>)| {
            work.commit(change, said);
            picked.set(None);
        })
    };
    let body = match *mode {
        Mode::Menu => html! {
            <div class="passage-actions">
                <button type="button" class="add-note" onclick={to(Mode::Note)}>{ "Add a note" }</button>
                <button type="button" class="cite" onclick={to(Mode::Cite)}>{ "Copy with citation" }</button>
                if let (Some(m), Some(e)) = (mention, entity.clone()) {
                    <button type="button" class="not-mention" onclick={{
                        let done = done.clone();
                        let name = e.name.clone();
                        Callback::from(move |_: MouseEvent| done.emit((
                            Change::Correct(Correction::NotAMention { mention: MentionRef { doc: key, span: m.span } }),
                            Some(format!("This mention is no longer {name}")),
                        )))
                    }}>{ format!("Not {}", e.name) }</button>
                    <button type="button" class="relink" onclick={to(Mode::Relink)}>{ "Another entity\u{2026}" }</button>
                } else {
                    <button type="button" class="mark-entity" onclick={to(Mode::Entity)}>{ "Mark as entity\u{2026}" }</button>
                }
            </div>
        },
        Mode::Note => html! { <NoteForm doc_key={key} {span} on_done={done.clone()} /> },
        Mode::Cite => {
            let citation = Citation::new(doc, span, address(&format!("doc/{}?at={}", doc.id.0, span.start)));
            html! { <CopyCitation {citation} /> }
        }
        Mode::Entity => html! { <MarkEntity doc_key={key} {span} on_done={done.clone()} /> },
        Mode::Relink => match (mention, entity.clone()) {
            (Some(m), Some(e)) => html! {
                <Relink doc_key={key} span={m.span} from={e.name.clone()} kind={e.kind} on_done={done.clone()} />
            },
            _ => html! {},
        },
    };
    html! {
        <div class="passage-tools" role="region" aria-label="Selected passage">
            <p class="passage-quote">
                <q>{ quoted }</q>
                if let Some(e) = &entity {
                    <span class="muted">{ format!(" \u{2014} a mention of {} ({})", e.name, e.kind.description()) }</span>
                }
            </p>
            { body }
            <button type="button" class="passage-close" onclick={close} aria-label="Close">{ "\u{00D7}" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SpanFormProps {
    /// The document, as the work names it.
    doc_key: DocKey,
    span: Span,
    on_done: Callback<(Change, Option<String>)>,
}

/// Milliseconds since 1970, as the work's times are kept.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A new note on the passage.
#[component]
fn NoteForm(props: &SpanFormProps) -> Html {
    let text = use_node_ref();
    let onsubmit = {
        let (text, on_done, span, key) = (text.clone(), props.on_done.clone(), props.span, props.doc_key);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = text.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let said = input.value().trim().to_owned();
            if said.is_empty() {
                return;
            }
            let now = now_ms();
            on_done.emit((
                Change::PutNote(Note {
                    doc: key,
                    span,
                    text: said,
                    created: now,
                    edited: now,
                }),
                None,
            ));
        })
    };
    {
        let text = text.clone();
        use_effect_with((), move |_| {
            if let Some(input) = text.cast::<HtmlTextAreaElement>() {
                let _ = input.focus();
            }
        });
    }
    html! {
        <form class="note-form" {onsubmit}>
            <textarea ref={text} rows="3" aria-label="Your note" placeholder="Your note on this passage" />
            <button type="submit">{ "Save note" }</button>
        </form>
    }
}

/// The passage is a mention the tagger missed: its type, and whether every other
/// occurrence of the same words is one too.
#[component]
fn MarkEntity(props: &SpanFormProps) -> Html {
    let kind = use_node_ref();
    let everywhere = use_node_ref();
    let onsubmit = {
        let (kind, everywhere, on_done, span, key) = (
            kind.clone(),
            everywhere.clone(),
            props.on_done.clone(),
            props.span,
            props.doc_key,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let picked = picked_type(&kind, EntityType::Person);
            let everywhere = everywhere.cast::<HtmlInputElement>().is_some_and(|c| c.checked());
            on_done.emit((
                Change::Correct(Correction::Add {
                    mention: MentionRef { doc: key, span },
                    kind: picked,
                    everywhere,
                }),
                Some(format!("Marked as {}", picked.description())),
            ));
        })
    };
    html! {
        <form class="mark-entity-form" {onsubmit}>
            <label>{ "Type " }{ type_select(kind, EntityType::Person) }</label>
            <label><input ref={everywhere} type="checkbox" class="everywhere" />{ " Every occurrence in the corpus" }</label>
            <button type="submit">{ "Mark as entity" }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct RelinkProps {
    doc_key: DocKey,
    /// The mention's span.
    span: Span,
    /// The entity it is a mention of now.
    from: AttrValue,
    kind: EntityType,
    on_done: Callback<(Change, Option<String>)>,
}

/// This mention is of another entity (named; an existing one of that name and type, or
/// a new one: a split).
#[component]
fn Relink(props: &RelinkProps) -> Html {
    let corpus = use_corpus();
    let name = use_node_ref();
    let kind = use_node_ref();
    let onsubmit = {
        let (name, kind, on_done, span, key, default) = (
            name.clone(),
            kind.clone(),
            props.on_done.clone(),
            props.span,
            props.doc_key,
            props.kind,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let to = name
                .cast::<HtmlInputElement>()
                .map(|i| i.value().trim().to_owned())
                .unwrap_or_default();
            if to.is_empty() {
                return;
            }
            let picked = picked_type(&kind, default);
            on_done.emit((
                Change::Correct(Correction::SplitMention {
                    mention: MentionRef { doc: key, span },
                    into: EntityRef::new(to.clone(), picked),
                }),
                Some(format!("This mention is now {to}")),
            ));
        })
    };
    html! {
        <form class="relink-form" {onsubmit}>
            <label>{ format!("Instead of {}, a mention of ", props.from) }
                <input ref={name} type="text" list="entity-names" class="relink-name" required=true />
            </label>
            <datalist id="entity-names">
                { for corpus.entities.entities.iter().filter(|e| e.kind == props.kind).take(500)
                    .map(|e| html! { <option value={e.name.clone()} /> }) }
            </datalist>
            <label>{ "Type " }{ type_select(kind, props.kind) }</label>
            <button type="submit">{ "Link" }</button>
        </form>
    }
}

/// The type picked in a [`type_select`], or `or`.
pub fn picked_type(node: &NodeRef, or: EntityType) -> EntityType {
    node.cast::<HtmlSelectElement>()
        .and_then(|s| EntityType::from_label(&s.value()))
        .unwrap_or(or)
}

/// A `<select>` of the entity types, `picked` chosen.
pub fn type_select(node: NodeRef, picked: EntityType) -> Html {
    html! {
        <select ref={node} class="entity-type">
            { for EntityType::ALL.iter().map(|&t| html! {
                <option value={t.label()} selected={t == picked}>{ t.description() }</option>
            }) }
        </select>
    }
}
