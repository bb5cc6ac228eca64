//! "Your work": everything the reader made on this corpus in one place: the corrections
//! to review, undo or revert one by one, the tags and stars, the saved searches with
//! their current counts, and the case file that carries it all to another browser.

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::{Route, SearchParams};
use crate::state::work::Storage;
use crate::views::case_file::CaseFilePanel;
use crate::widgets::list_work::params_of;
use crate::widgets::scope::scope_docs;
use crate::widgets::work_status::describe;
use crate::work::{use_work_access, WorkAccess, WorkContext};
use dossier_work::change::Change;
use dossier_work::{MentionRef, Work};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn WorkPage() -> Html {
    let corpus = use_corpus();
    use_effect_with((), |_| {
        gloo::utils::document().set_title("Your work \u{2014} Dossier")
    });
    let WorkAccess::Ready(work) = use_work_access() else {
        return html! {
            <section class="work-page"><h1>{ "Your work" }</h1><p>{ "Your work shows here once the articles are in." }</p></section>
        };
    };
    let kept = match &work.state.storage {
        Storage::Kept => "Kept in this browser: each change is stored before it shows. Export a case file to share it or keep a copy.",
        _ => "Not kept in this browser: export a case file before closing the page.",
    };
    html! {
        <section class="work-page" aria-labelledby="work-heading">
            <h1 id="work-heading">{ "Your work" }</h1>
            <p class="muted">{ kept }</p>
            { corrections(&corpus, &work) }
            { tags(&work) }
            <SavedSearches />
            { name_lists(&work) }
            { case_file(&corpus, &work) }
        </section>
    }
}

/// Every correction in the order made, with what it changed, why it no longer applies
/// (after a rebuild), and a button to revert it alone.
fn corrections(corpus: &CorpusHandle, work: &WorkContext) -> Html {
    let list = &work.work().corrections;
    let place = |m: &MentionRef| {
        let Some(doc) = work.resolve(&m.doc).and_then(|d| corpus.document(d)) else {
            return "A passage of a document this build lacks".to_owned();
        };
        format!(
            "\u{201C}{}\u{201D} in \u{201C}{}\u{201D}",
            doc.text.get(m.span.range()).unwrap_or_default(),
            doc.title.text
        )
    };
    let undo = {
        let work = work.clone();
        Callback::from(move |_: MouseEvent| work.commit(Change::UndoCorrections { count: 1 }, None))
    };
    html! {
        <section class="corrections" aria-labelledby="corrections-heading">
            <h2 id="corrections-heading">{ format!("Entity corrections ({})", list.len()) }</h2>
            if list.is_empty() {
                <p class="muted">{ "None yet. Correct an entity from its page, or select a passage in a document." }</p>
            } else {
                <p><button type="button" class="undo-last" onclick={undo}>{ "Undo the last correction" }</button></p>
                <ol class="correction-list">
                    { for list.iter().enumerate().map(|(index, c)| {
                        let unapplied = work.unapplied.iter().find(|u| u.index == index);
                        let revert = {
                            let work = work.clone();
                            Callback::from(move |_: MouseEvent| work.commit(Change::RevertCorrection { index }, None))
                        };
                        html! {
                            <li class={classes!(unapplied.is_some().then_some("unapplied"))}>
                                { describe(c, place) }
                                if let Some(u) = unapplied {
                                    <span class="muted">{ format!(" \u{2014} not applied: {}", u.reason) }</span>
                                }
                                <button type="button" class="link-button revert" onclick={revert}>{ "Revert" }</button>
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}

/// The saved name lists, each opening the Names view on its names.
fn name_lists(work: &WorkContext) -> Html {
    let lists = &work.work().name_lists;
    html! {
        <section class="name-lists" aria-labelledby="name-lists-heading">
            <h2 id="name-lists-heading">{ format!("Name lists ({})", lists.len()) }</h2>
            if lists.is_empty() {
                <p class="muted">{ "None yet. Paste names in the Names view and save the list." }</p>
            } else {
                <ul class="saved-list">
                    { for lists.iter().map(|list| {
                        let open = SearchParams { names: list.names.join("\n"), ..SearchParams::default() };
                        let delete = {
                            let (work, name) = (work.clone(), list.name.clone());
                            Callback::from(move |_: MouseEvent| work.commit(Change::DeleteNameList { name: name.clone() }, None))
                        };
                        html! {
                            <li>
                                <Link<Route, SearchParams> to={Route::Names} query={Some(open)} classes="name-list-open">
                                    { list.name.clone() }
                                </Link<Route, SearchParams>>
                                <span class="muted">{ format!(" \u{2014} {} name{}", list.names.len(), if list.names.len() == 1 { "" } else { "s" }) }</span>
                                <button type="button" class="link-button" onclick={delete}>{ "Delete" }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

/// Export, import (after a summary) and "clear my work" (asking first).
fn case_file(corpus: &CorpusHandle, work: &WorkContext) -> Html {
    let Some(hashes) = work.keys.clone() else {
        return html! {};
    };
    let on_replace = {
        let work = work.clone();
        Callback::from(move |merged: Work| {
            work.commit(
                Change::Replace(merged),
                Some("Merged the case file into your work".to_owned()),
            )
        })
    };
    let on_clear = {
        let work = work.clone();
        Callback::from(move |()| work.commit(Change::Clear, Some("Cleared your work".to_owned())))
    };
    html! {
        <CaseFilePanel work={Rc::clone(&work.state.work)} corpus={corpus.clone()} {hashes} {on_replace} {on_clear} />
    }
}

/// The tags, each with its documents here and a link listing them, and the stars.
fn tags(work: &WorkContext) -> Html {
    let tags = &work.work().tags;
    let starred = work
        .work()
        .stars
        .iter()
        .filter(|k| work.resolve(k).is_some())
        .count();
    html! {
        <section class="tags" aria-labelledby="tags-heading">
            <h2 id="tags-heading">{ format!("Tags ({})", tags.len()) }</h2>
            <p>{ format!("{starred} starred document{}.", if starred == 1 { "" } else { "s" }) }</p>
            if tags.is_empty() {
                <p class="muted">{ "No tags yet. Tag a document from the reader, or every listed document from the list." }</p>
            } else {
                <ul class="tag-list">
                    { for tags.iter().map(|tag| {
                        let here = tag.documents.iter().filter(|k| work.resolve(k).is_some()).count();
                        let delete = {
                            let (work, name) = (work.clone(), tag.name.clone());
                            Callback::from(move |_: MouseEvent| work.commit(Change::DeleteTag { name: name.clone() }, None))
                        };
                        let listed = SearchParams::search(format!("tag:\"{}\"", tag.name));
                        html! {
                            <li>
                                <span class="tag-chip" style={format!("--tag: {}", tag.colour.as_str())}>
                                    <span class="tag-dot" aria-hidden="true"></span>{ tag.name.clone() }
                                </span>
                                <Link<Route, SearchParams> to={Route::Documents} query={Some(listed)}>
                                    { format!("{here} document{}", if here == 1 { "" } else { "s" }) }
                                </Link<Route, SearchParams>>
                                <button type="button" class="link-button delete-tag" onclick={delete}>{ "Delete tag" }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

/// The saved searches with their current counts; each opens the list as it was saved.
#[component]
fn SavedSearches() -> Html {
    let corpus = use_corpus();
    let WorkAccess::Ready(work) = use_work_access() else {
        return html! {};
    };
    let saved = &work.work().saved_searches;
    html! {
        <section class="saved-searches" aria-labelledby="saved-heading">
            <h2 id="saved-heading">{ format!("Saved searches ({})", saved.len()) }</h2>
            if saved.is_empty() {
                <p class="muted">{ "None yet. Search or pick facets in the list, then \u{201C}Save this search\u{201D}." }</p>
            } else {
                <ul class="saved-list">
                    { for saved.iter().map(|s| {
                        let params = params_of(s, &corpus);
                        let count = scope_docs(&corpus, &params, &work.index.annotations).len();
                        let delete = {
                            let (work, name) = (work.clone(), s.name.clone());
                            Callback::from(move |_: MouseEvent| work.commit(Change::DeleteSavedSearch { name: name.clone() }, None))
                        };
                        html! {
                            <li>
                                <Link<Route, SearchParams> to={Route::Documents} query={params.or_none()} classes="saved-open">
                                    { s.name.clone() }
                                </Link<Route, SearchParams>>
                                <span class="muted">{ format!(" \u{2014} {count} document{} now", if count == 1 { "" } else { "s" }) }</span>
                                if !s.query.is_empty() {
                                    <code class="saved-query">{ s.query.clone() }</code>
                                }
                                <button type="button" class="link-button delete-saved" onclick={delete}>{ "Delete" }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
