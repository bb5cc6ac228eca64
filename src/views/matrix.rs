//! The document x entity matrix: a heat map of mentions, rows the list's documents,
//! columns the most-mentioned entities of the chosen types. Rows sort by a column (its
//! header), by total or in corpus order; a cell links to those mentions in the reader.
//! Rows are virtualised, so every BBC document costs what the visible ones do. The
//! titles' column stays put while the entity columns scroll under it (on a phone, most
//! of them are off screen).

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::{Route, SearchParams};
use crate::widgets::doc_work::StarButton;
use crate::widgets::entities::{type_class, type_name};
use crate::widgets::export::{Export, Format};
use crate::widgets::list_work::ListWork;
use crate::widgets::meta::AddedBadge;
use crate::widgets::scope::{use_scope, ScopeNote};
use crate::widgets::virtual_list::VirtualList;
use dossier_explore::export::matrix_csv;
use dossier_explore::matrix::{matrix, Matrix, MatrixFilter, RowOrder};
use dossier_model::entity::EntityType;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// Row height in CSS pixels (`static/style.css` keeps `.matrix-row` to it): two lines
/// of a title, so a phone's narrow first column still shows what each document is.
pub(crate) const MATRIX_ROW: u32 = 40;
/// Column counts offered.
const TOPS: [usize; 3] = [20, 40, 80];

#[component]
pub fn MatrixView() -> Html {
    let corpus = use_corpus();
    let (params, docs) = use_scope();
    let types = use_state(|| {
        EntityType::ALL
            .iter()
            .copied()
            .filter(|t| t.is_name())
            .collect::<Vec<_>>()
    });
    let top = use_state_eq(|| TOPS[0]);
    let order = use_state_eq(|| RowOrder::Total);
    use_effect_with((), |_| {
        gloo::utils::document().set_title("Matrix \u{2014} Dossier")
    });
    let matrix: Rc<Matrix> = {
        let corpus = corpus.clone();
        use_memo(
            (
                docs.clone(),
                (*types).clone(),
                *top,
                *order,
                params.counting(),
                corpus.clone(),
            ),
            move |(docs, types, top, order, counting, corpus)| {
                let filter = MatrixFilter {
                    counting: *counting,
                    ..MatrixFilter::of(types.clone(), *top)
                };
                let mut m = matrix(corpus, docs, &filter);
                m.sort_rows_by(*order);
                m
            },
        )
    };
    let max = matrix.max().max(1);
    let make = {
        let (corpus, matrix) = (corpus.clone(), matrix.clone());
        Callback::from(move |_: Format| matrix_csv(&corpus, &matrix).map_err(|e| e.to_string()))
    };
    // The grid itself is the stylesheet's (`.matrix-row`): its first column is wide on a
    // desktop and about a third of a phone's screen.
    let columns = format!("--matrix-cols: {}", matrix.cols());
    let row = {
        let (corpus, matrix, columns) = (corpus.clone(), matrix.clone(), columns.clone());
        Callback::from(move |r: usize| matrix_row(&corpus, &matrix, r, max, &columns))
    };
    html! {
        <section class="matrix-view" aria-labelledby="matrix-heading">
            <h1 id="matrix-heading">{ "Documents \u{00d7} entities" }</h1>
            <ScopeNote params={params.clone()} count={docs.len()} route={Route::Matrix} />
            <div class="view-controls">
                { type_picks(&types) }
                { top_pick(&top) }
                { row_order(&order) }
                <Export kind="matrix" query={params.q.clone()} formats={vec![Format::Csv]} {make} />
            </div>
            <ListWork docs={docs.clone()} params={SearchParams::default()} />
            if matrix.cols() == 0 || matrix.rows() == 0 {
                <p class="muted">{ "No mentions of the chosen types in these documents." }</p>
            } else {
                <div class="matrix-scroll">
                    <div class="matrix">
                        { head(&corpus, &matrix, &order, &columns) }
                        <VirtualList count={matrix.rows()} row_height={MATRIX_ROW} {row} id="matrix-rows" label="Documents" />
                    </div>
                </div>
            }
        </section>
    }
}

/// The entity types whose names make the columns.
fn type_picks(types: &UseStateHandle<Vec<EntityType>>) -> Html {
    let toggle_type = |t: EntityType| {
        let types = types.clone();
        Callback::from(move |_: Event| {
            let mut next = (*types).clone();
            match next.iter().position(|&k| k == t) {
                Some(i) => {
                    next.remove(i);
                }
                None => next.push(t),
            }
            types.set(next);
        })
    };
    html! {
        <fieldset class="type-picks">
            <legend>{ "Entity types" }</legend>
            { for EntityType::ALL.iter().map(|&t| html! {
                <label class={classes!("type-pick", type_class(t))}>
                    <input type="checkbox" checked={types.contains(&t)} onchange={toggle_type(t)} />
                    { format!(" {}", type_name(t)) }
                </label>
            }) }
        </fieldset>
    }
}

/// How many columns.
fn top_pick(top: &UseStateHandle<usize>) -> Html {
    let on_top = {
        let top = top.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .and_then(|s| s.value().parse().ok());
            if let Some(v) = value {
                top.set(v);
            }
        })
    };
    html! {
        <label class="top-pick">{ "Columns " }
            <select onchange={on_top}>
                { for TOPS.iter().map(|&n| html! {
                    <option value={n.to_string()} selected={**top == n}>{ n.to_string() }</option>
                }) }
            </select>
        </label>
    }
}

/// A callback ordering the rows by `o`.
fn sort(order: &UseStateHandle<RowOrder>, o: RowOrder) -> Callback<MouseEvent> {
    let order = order.clone();
    Callback::from(move |_: MouseEvent| order.set(o))
}

/// Rows by most mentions or in corpus order (a column header sorts by that column).
fn row_order(order: &UseStateHandle<RowOrder>) -> Html {
    let sort = |o: RowOrder| sort(order, o);
    html! {
        <span class="row-order" role="group" aria-label="Order the rows">
            { "Rows: " }
            <button type="button" class="link-button" aria-pressed={(**order == RowOrder::Total).to_string()}
                onclick={sort(RowOrder::Total)}>{ "most mentions" }</button>
            { " \u{00b7} " }
            <button type="button" class="link-button" aria-pressed={(**order == RowOrder::Document).to_string()}
                onclick={sort(RowOrder::Document)}>{ "corpus order" }</button>
        </span>
    }
}

/// The column headers: each entity's name, a button sorting the rows by it.
pub(crate) fn head(
    corpus: &CorpusHandle,
    matrix: &Matrix,
    order: &UseStateHandle<RowOrder>,
    columns: &str,
) -> Html {
    let sort = |o: RowOrder| sort(order, o);
    html! {
        <div class="matrix-head" style={columns.to_owned()}>
            <span class="matrix-corner">{ "Document" }</span>
            { for matrix.entities.iter().enumerate().map(|(c, &id)| {
                let e = corpus.entities.entity(id);
                let name = e.map(|e| e.name.clone()).unwrap_or_default();
                let pressed = **order == RowOrder::Column(c);
                html! {
                    <span class={classes!("matrix-col", e.map(|e| type_class(e.kind)))}>
                        <button type="button" aria-pressed={pressed.to_string()} onclick={sort(RowOrder::Column(c))} title={format!("Sort by {name}")}
                            aria-label={format!("Sort rows by mentions of {name}")}>
                            <span class="matrix-col-name">{ name.clone() }</span>
                        </button>
                    </span>
                }
            }) }
        </div>
    }
}

/// One document's row: its title (a link to the reader) and a cell per entity, shaded by
/// count, each a link to the first of those mentions with the entity outlined.
pub(crate) fn matrix_row(corpus: &CorpusHandle, matrix: &Matrix, r: usize, max: u32, columns: &str) -> Html {
    let Some(&doc_id) = matrix.docs.get(r) else {
        return html! {};
    };
    let Some(doc) = corpus.document(doc_id) else {
        return html! {};
    };
    html! {
        <div class="matrix-row" style={columns.to_owned()}>
            <span class="matrix-doc">
                <StarButton doc={doc_id.0} compact=true />
                <Link<Route> to={Route::Document { id: doc_id.0 }}>{ &doc.title.text }</Link<Route>>
                <AddedBadge added_by_user={doc.origin.added_by_user} />
            </span>
            { for matrix.row(r).iter().enumerate().map(|(c, &n)| {
                if n == 0 {
                    return html! { <span class="matrix-cell empty"></span> };
                }
                let entity = matrix.entities[c];
                let name = corpus.entities.entity(entity).map(|e| e.name.as_str()).unwrap_or_default();
                let first = matrix.mentions(corpus, r, c).first().map_or(0, |m| m.span.start);
                let heat = 12 + 88 * n / max;
                html! {
                    <span class="matrix-cell">
                        <Link<Route, SearchParams> to={Route::Document { id: doc_id.0 }}
                            query={Some(SearchParams::mention(first, entity.0))}
                            classes={classes!("heat", (heat > 55).then_some("hot"))}>
                            <span style={format!("--heat: {heat}%")} class="heat-fill">
                                <span class="visually-hidden">{ format!("{name}: ") }</span>{ n.to_string() }
                            </span>
                        </Link<Route, SearchParams>>
                    </span>
                }
            }) }
        </div>
    }
}
