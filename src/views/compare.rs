//! Compare outlets: pick two or more documents (from the list's documents), then see the
//! passages they share, what each says that the others do not, their figures side by
//! side and the names only one of them mentions. The picks live in the address (`?d=`).
//! The comparison itself is the core's ([`dossier_explore::compare`]).

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::{go, use_params, Route, SearchParams};
use crate::widgets::meta;
use crate::widgets::meta::AddedBadge;
use crate::widgets::scope::{use_scope, ScopeNote};
use crate::widgets::virtual_list::VirtualList;
use dossier_explore::compare::{compare, Comparison};
use dossier_model::document::{DocId, Document};
use dossier_model::Span;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// Height of a row of the document picker, in CSS pixels.
const PICK_ROW: u32 = 52;
/// Sentences each document shows of its own before "Show all".
const UNIQUE_SHOWN: usize = 8;

#[component]
pub fn CompareView() -> Html {
    let corpus = use_corpus();
    let navigator = use_navigator().expect("CompareView needs a router");
    let params = use_params();
    let (scope, docs) = use_scope();
    use_effect_with((), |_| {
        gloo::utils::document().set_title("Compare \u{2014} Dossier")
    });
    let picked: Vec<DocId> = params
        .picked_docs()
        .into_iter()
        .map(DocId)
        .filter(|&d| corpus.document(d).is_some())
        .collect();
    let comparison: Rc<Comparison> = {
        let corpus = corpus.clone();
        use_memo(
            (picked.clone(), params.counting(), corpus.clone()),
            move |(picked, counting, corpus)| {
                if picked.len() < 2 {
                    return Comparison::default();
                }
                compare(corpus, &corpus.insights.sentences, picked, *counting)
            },
        )
    };
    let toggle = pick_toggle(navigator, params.clone(), picked.clone());
    let row = {
        let (corpus, docs, picked, toggle) = (corpus.clone(), docs.clone(), picked.clone(), toggle.clone());
        Callback::from(
            move |i: usize| match docs.get(i).and_then(|&d| corpus.document(d)) {
                Some(doc) => pick_row(doc, picked.contains(&doc.id), &toggle),
                None => html! {},
            },
        )
    };
    html! {
        <section class="compare-view" aria-labelledby="compare-heading">
            <h1 id="compare-heading">{ "Compare documents" }</h1>
            if picked.len() < 2 {
                <p>{ "Pick two or more documents to see what they share and where they differ." }</p>
            }
            <PickedDocs picked={picked.clone()} on_remove={toggle.clone()} />
            if picked.len() >= 2 {
                <ComparisonView comparison={comparison.clone()} />
            }
            <details class="picker" open={picked.len() < 2}>
                <summary>{ "Pick documents" }</summary>
                <ScopeNote params={scope.clone()} count={docs.len()} route={Route::Compare} />
                <VirtualList count={docs.len()} row_height={PICK_ROW} {row} id="pick-list" label="Documents to compare" />
            </details>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PickedDocsProps {
    picked: Vec<DocId>,
    on_remove: Callback<DocId>,
}

/// The picked documents as removable chips, each with its column letter.
#[component]
fn PickedDocs(props: &PickedDocsProps) -> Html {
    let corpus = use_corpus();
    html! {
        <ol class="picked-docs">
            { for props.picked.iter().enumerate().filter_map(|(i, &id)| corpus.document(id).map(|doc| {
                let onclick = { let r = props.on_remove.clone(); move |_| r.emit(id) };
                html! {
                    <li>
                        <span class="doc-letter" aria-hidden="true">{ letter(i) }</span>
                        <Link<Route> to={Route::Document { id: id.0 }}>{ &doc.title.text }</Link<Route>>
                        <AddedBadge added_by_user={doc.origin.added_by_user} />
                        <span class="muted">{ format!(" \u{00b7} {}", meta::outlet(doc)) }</span>
                        <button type="button" class="chip-remove" {onclick}
                            aria-label={format!("Remove {} from the comparison", doc.title.text)}>{ "\u{00d7}" }</button>
                    </li>
                }
            })) }
        </ol>
    }
}

/// A, B, C ... for the picked documents, so tables can name them briefly.
fn letter(i: usize) -> String {
    let letters = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    letters
        .get(i)
        .map_or_else(|| (i + 1).to_string(), |c| c.to_string())
}

/// Picking or unpicking a document: the picks live in the address (`?docs=`), each
/// change a history step of its own.
fn pick_toggle(navigator: Navigator, params: SearchParams, picked: Vec<DocId>) -> Callback<DocId> {
    let set_picks = Callback::from(move |picks: Vec<DocId>| {
        let docs = picks
            .iter()
            .map(|d| d.0.to_string())
            .collect::<Vec<_>>()
            .join(",");
        go(
            &navigator,
            &Route::Compare,
            &SearchParams {
                docs,
                ..params.clone()
            },
            false,
        );
    });
    Callback::from(move |doc: DocId| {
        let mut next = picked.clone();
        match next.iter().position(|&d| d == doc) {
            Some(i) => {
                next.remove(i);
            }
            None => next.push(doc),
        }
        set_picks.emit(next);
    })
}

/// A document in the picker: a checkbox, its title, outlet and date.
fn pick_row(doc: &Document, picked: bool, toggle: &Callback<DocId>) -> Html {
    let id = doc.id;
    let onchange = toggle.reform(move |_: Event| id);
    html! {
        <label class="pick-row">
            <input type="checkbox" checked={picked} {onchange} />
            <span class="pick-text">
                <span class="pick-title">{ &doc.title.text }<AddedBadge added_by_user={doc.origin.added_by_user} /></span>
                <span class="pick-meta">{ format!("{} \u{00b7} {}", meta::outlet(doc), meta::published(doc)) }</span>
            </span>
        </label>
    }
}

#[derive(Properties, PartialEq)]
struct ComparisonProps {
    comparison: Rc<Comparison>,
}

/// What the picked documents share and where they differ, section by section.
#[component]
fn ComparisonView(props: &ComparisonProps) -> Html {
    let c = &props.comparison;
    html! {
        <div class="comparison">
            <SharedPassages comparison={c.clone()} />
            <Figures comparison={c.clone()} />
            <Names comparison={c.clone()} />
            <section aria-labelledby="unique-heading">
                <h2 id="unique-heading">{ "What each says that the others do not" }</h2>
                { for c.unique.iter().map(|(doc, sentences)| html! {
                    <UniqueSentences doc={*doc} letter={letter_of(c, *doc)} sentences={sentences.clone()} />
                }) }
            </section>
        </div>
    }
}

/// A picked document's letter ("A", "B"...), as the comparison orders them.
fn letter_of(c: &Comparison, doc: DocId) -> String {
    c.docs
        .iter()
        .position(|&d| d == doc)
        .map(letter)
        .unwrap_or_default()
}

/// The text of `span` in document `doc`.
fn slice(corpus: &CorpusHandle, doc: DocId, span: Span) -> String {
    corpus
        .document(doc)
        .map(|d| d.slice(span).to_owned())
        .unwrap_or_default()
}

/// Sentences repeated, nearly word for word, across the documents.
#[component]
fn SharedPassages(props: &ComparisonProps) -> Html {
    let corpus = use_corpus();
    let c = &props.comparison;
    html! {
        <section aria-labelledby="shared-heading">
            <h2 id="shared-heading">{ format!("Shared passages ({})", c.shared.len()) }</h2>
            if c.shared.is_empty() {
                <p class="muted">{ "No sentence is repeated, nearly word for word, across these documents." }</p>
            }
            { for c.shared.iter().map(|p| html! {
                <div class="shared">
                    <p class="muted similarity">{ format!("{:.0}% alike", p.similarity * 100.0) }</p>
                    <ul>
                        { for p.members.iter().map(|&(doc, span)| html! {
                            <li><span class="doc-letter">{ letter_of(c, doc) }</span>{ slice(&corpus, doc, span) }</li>
                        }) }
                    </ul>
                </div>
            }) }
        </section>
    }
}

/// The numbers each document gives for the same thing, one row per counted noun.
#[component]
fn Figures(props: &ComparisonProps) -> Html {
    let corpus = use_corpus();
    let c = &props.comparison;
    let body = if c.figures.is_empty() {
        html! { <p class="muted">{ "No numbers in these documents." }</p> }
    } else {
        html! {
            <div class="table-scroll">
                <table class="figures">
                    <thead>
                        <tr>
                            <th scope="col">{ "Counts" }</th>
                            { for c.docs.iter().enumerate().map(|(i, _)| html! { <th scope="col">{ letter(i) }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for c.figures.iter().map(|row| html! {
                            <tr>
                                <th scope="row">{ &row.noun }</th>
                                { for row.cells.iter().map(|(doc, figures)| html! {
                                    <td>
                                        { for figures.iter().map(|&(number, sentence)| html! {
                                            <p class="figure">
                                                <strong>{ slice(&corpus, *doc, number) }</strong>
                                                <span class="figure-sentence">{ slice(&corpus, *doc, sentence) }</span>
                                            </p>
                                        }) }
                                    </td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        }
    };
    html! {
        <section aria-labelledby="figures-heading">
            <h2 id="figures-heading">{ "Figures side by side" }</h2>
            { body }
        </section>
    }
}

/// The names every document mentions, and those only one does.
#[component]
fn Names(props: &ComparisonProps) -> Html {
    let corpus = use_corpus();
    let c = &props.comparison;
    let entity_link = |id| match corpus.entities.entity(id) {
        Some(e) => {
            html! { <li><Link<Route> to={Route::Entity { id: e.id.0 }}>{ &e.name }</Link<Route>></li> }
        }
        None => html! {},
    };
    html! {
        <section aria-labelledby="names-heading">
            <h2 id="names-heading">{ "Names" }</h2>
            <div class="columns">
                <div>
                    <h3>{ format!("In every document ({})", c.in_all.len()) }</h3>
                    <ul class="name-list">{ for c.in_all.iter().map(|&id| entity_link(id)) }</ul>
                </div>
                { for c.only_in.iter().map(|(doc, names)| html! {
                    <div>
                        <h3><span class="doc-letter">{ letter_of(c, *doc) }</span>{ format!("only ({})", names.len()) }</h3>
                        <ul class="name-list">{ for names.iter().map(|&id| entity_link(id)) }</ul>
                    </div>
                }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct UniqueProps {
    doc: DocId,
    letter: AttrValue,
    sentences: Vec<Span>,
}

#[component]
fn UniqueSentences(props: &UniqueProps) -> Html {
    let corpus = use_corpus();
    let all = use_state(|| false);
    let Some(doc) = corpus.document(props.doc) else {
        return html! {};
    };
    let shown = if *all { props.sentences.len() } else { UNIQUE_SHOWN };
    html! {
        <div class="unique">
            <h3><span class="doc-letter">{ props.letter.clone() }</span>{ format!("{} ({} sentences)", doc.title.text, props.sentences.len()) }</h3>
            <ul>
                { for props.sentences.iter().take(shown).map(|&s| html! { <li>{ doc.slice(s) }</li> }) }
            </ul>
            if props.sentences.len() > UNIQUE_SHOWN {
                <button type="button" class="link-button" onclick={ let a = all.clone(); move |_| a.set(!*a) }>
                    { if *all { "Show fewer".to_owned() } else { format!("Show all {}", props.sentences.len()) } }
                </button>
            }
        </div>
    }
}
