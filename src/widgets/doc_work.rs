//! Stars and tags on documents: the star button, the tag chips a document carries, and
//! the form that tags one document (the reader) or many (the list's "Tag these").
//!
//! Each control commits a `Change` through the reader's work (`crate::work`) and shows
//! the result once it is stored; while the reader's storage opens they are drawn disabled,
//! and without the work (the component tests' bare views) not at all.

use crate::work::{use_work_access, WorkAccess};
use dossier_model::document::DocId;
use dossier_work::change::{tag_key, Change};
use dossier_work::work::{Colour, Tag};
use dossier_work::DocKey;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The colours offered for a new tag, with their names for screen readers: distinct on
/// the light and the dark page.
pub const TAG_COLOURS: [(&str, &str); 6] = [
    ("#2f6fdf", "blue"),
    ("#c2410c", "orange"),
    ("#15803d", "green"),
    ("#a21caf", "purple"),
    ("#b45309", "amber"),
    ("#0e7490", "teal"),
];

#[derive(Properties, PartialEq)]
pub struct StarProps {
    pub doc: u32,
    /// The star alone, no word (a matrix row has no room); its label says it all.
    #[prop_or_default]
    pub compact: bool,
}

/// "Star" / "Starred", pressed when the document is starred.
#[component]
pub fn StarButton(props: &StarProps) -> Html {
    let work = match use_work_access() {
        WorkAccess::Ready(work) => work,
        WorkAccess::Opening => return opening_star(props.compact),
        WorkAccess::Absent => return html! {},
    };
    let doc = DocId(props.doc);
    let starred = work.of(doc).starred;
    let onclick = {
        let work = work.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(key) = work.key(doc) {
                work.commit(
                    Change::Star {
                        doc: key,
                        on: !starred,
                    },
                    None,
                );
            }
        })
    };
    let label = if starred {
        "Remove the star"
    } else {
        "Star this document"
    };
    let text = match (starred, props.compact) {
        (true, true) => "\u{2605}",
        (false, true) => "\u{2606}",
        (true, false) => "\u{2605} Starred",
        (false, false) => "\u{2606} Star",
    };
    html! {
        <button type="button" class={classes!("star", starred.then_some("on"), props.compact.then_some("compact"))}
            aria-pressed={starred.to_string()} {onclick} title={label}
            aria-label={props.compact.then_some(label)}>
            { text }
        </button>
    }
}

/// The star while the reader's storage opens (a moment after the first frame): the same
/// button, disabled, so nothing moves when it opens.
fn opening_star(compact: bool) -> Html {
    html! {
        <button type="button" class={classes!("star", compact.then_some("compact"))} disabled=true
            title={OPENING} aria-label={compact.then_some(OPENING)}>
            { if compact { "\u{2606}" } else { "\u{2606} Star" } }
        </button>
    }
}

/// What a control says while the reader's storage opens.
pub const OPENING: &str = "Opening your saved work\u{2026}";

#[derive(Properties, PartialEq)]
pub struct TagChipsProps {
    pub doc: u32,
    /// Each chip gets a button taking the tag off the document.
    #[prop_or_default]
    pub removable: bool,
}

/// The tags a document carries, each in its colour (and its name: colour is never the
/// only signal).
#[component]
pub fn TagChips(props: &TagChipsProps) -> Html {
    let WorkAccess::Ready(work) = use_work_access() else {
        return html! {};
    };
    let doc = DocId(props.doc);
    let tags: Vec<Tag> = work.of(doc).tags.into_iter().cloned().collect();
    if tags.is_empty() {
        return html! {};
    }
    html! {
        <span class="tag-chips">
            { for tags.into_iter().map(|tag| {
                let remove = props.removable.then(|| {
                    let (work, name) = (work.clone(), tag.name.clone());
                    Callback::from(move |_: MouseEvent| {
                        if let Some(key) = work.key(doc) {
                            work.commit(Change::TagDocs { tag: name.clone(), docs: vec![key], on: false }, None);
                        }
                    })
                });
                html! {
                    <span class="tag-chip" style={format!("--tag: {}", tag.colour.as_str())}>
                        <span class="tag-dot" aria-hidden="true"></span>
                        { tag.name.clone() }
                        if let Some(onclick) = remove {
                            <button type="button" class="tag-remove" {onclick}
                                aria-label={format!("Remove the tag {}", tag.name)}>{ "\u{00D7}" }</button>
                        }
                    </span>
                }
            }) }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct TagFormProps {
    /// The documents the form tags.
    pub docs: Vec<u32>,
    /// What the button says ("Tag", "Tag these 12").
    pub label: AttrValue,
}

/// A tag's name (offering the existing ones) and, for a new tag, its colour; tags the
/// documents under it, making the tag if it is new.
#[component]
pub fn TagForm(props: &TagFormProps) -> Html {
    let name = use_node_ref();
    let colour = use_state(|| TAG_COLOURS[0].0);
    let typed = use_state(String::new);
    let work = match use_work_access() {
        WorkAccess::Ready(work) => work,
        // While storage opens: the same form, disabled.
        WorkAccess::Opening => {
            return html! {
                <form class="tag-form">
                    <input type="text" class="tag-name" placeholder="Tag name" aria-label="Tag name"
                        disabled=true title={OPENING} />
                    <button type="submit" disabled=true>{ props.label.clone() }</button>
                </form>
            }
        }
        WorkAccess::Absent => return html! {},
    };
    let existing = work
        .work()
        .tags
        .iter()
        .find(|t| tag_key(&t.name) == tag_key(typed.trim()))
        .cloned();
    let onsubmit = {
        let (work, docs, name, colour, typed) = (
            work.clone(),
            props.docs.clone(),
            name.clone(),
            *colour,
            typed.clone(),
        );
        let existing = existing.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let tag = typed.trim().to_owned();
            let keys: Vec<DocKey> = docs.iter().filter_map(|&d| work.key(DocId(d))).collect();
            if tag.is_empty() || keys.is_empty() {
                return;
            }
            let change = match &existing {
                Some(t) => Change::TagDocs {
                    tag: t.name.clone(),
                    docs: keys,
                    on: true,
                },
                None => Change::SetTag(Tag {
                    name: tag,
                    colour: Colour::try_from(colour.to_owned()).expect("TAG_COLOURS are #rrggbb"),
                    documents: keys,
                }),
            };
            work.commit(change, None);
            typed.set(String::new());
            if let Some(input) = name.cast::<HtmlInputElement>() {
                input.set_value("");
            }
        })
    };
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let list_id = format!("tag-names-{}", props.docs.first().copied().unwrap_or_default());
    html! {
        <form class="tag-form" {onsubmit}>
            <input ref={name} type="text" class="tag-name" placeholder="Tag name" list={list_id.clone()}
                aria-label="Tag name" maxlength="80" {oninput} />
            <datalist id={list_id}>
                { for work.work().tags.iter().map(|t| html! { <option value={t.name.clone()} /> }) }
            </datalist>
            if existing.is_none() && !typed.trim().is_empty() {
                <span class="tag-colours" role="radiogroup" aria-label="Colour of the new tag">
                    { for TAG_COLOURS.iter().map(|&(c, colour_name)| {
                        let picked = *colour == c;
                        let colour = colour.clone();
                        html! {
                            <button type="button" role="radio" aria-checked={picked.to_string()}
                                class="tag-colour" style={format!("--tag: {c}")} aria-label={colour_name}
                                onclick={Callback::from(move |_: MouseEvent| colour.set(c))}></button>
                        }
                    }) }
                </span>
            }
            <button type="submit" disabled={typed.trim().is_empty()}>{ props.label.clone() }</button>
        </form>
    }
}
