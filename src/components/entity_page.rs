//! One entity: its name, type and other names; every mention in context (keyword in
//! context, sortable by document or date, each line a link to that spot in the reader);
//! the entities that go with it; what it is quoted as saying; and exports.

use super::entities::type_class;
use super::export::{Export, Format};
use super::not_found::NotFound;
use super::virtual_list::VirtualList;
use crate::corpus::CorpusHandle;
use crate::route::{Route, SearchParams};
use dossier_core::entity::EntityId;
use dossier_core::explore::export::{mentions_csv, mentions_json};
use dossier_core::explore::kwic::{kwic, sort_by_date, sort_by_document, KwicLine, KwicOptions};
use dossier_core::facets::{FacetValue, Selection};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// Characters of context on each side of a mention.
const CONTEXT_CHARS: usize = 70;
/// Row height of a mention line in CSS pixels (`static/style.css` keeps rows to it).
const KWIC_ROW: u32 = 56;

#[derive(Properties, PartialEq)]
pub struct EntityPageProps {
    pub id: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    Document,
    Date,
}

#[component]
pub fn EntityPage(props: &EntityPageProps) -> Html {
    let corpus = use_context::<CorpusHandle>().expect("EntityPage needs a CorpusHandle context");
    let order = use_state_eq(|| Order::Document);
    let id = EntityId(props.id);
    let lines = {
        let corpus = corpus.clone();
        use_memo((props.id, *order), move |&(id, order)| {
            let mut lines = kwic(&corpus, EntityId(id), &KwicOptions::new(CONTEXT_CHARS));
            match order {
                Order::Document => sort_by_document(&mut lines),
                Order::Date => sort_by_date(&corpus, &mut lines),
            }
            Rc::new(lines)
        })
    };
    let name = corpus.entities.entity(id).map(|e| e.name.clone());
    use_effect_with(name, |name| {
        if let Some(name) = name {
            gloo::utils::document().set_title(&format!("{name} \u{2014} Dossier"));
        }
    });
    let Some(entity) = corpus.entities.entity(id) else {
        return html! { <NotFound /> };
    };
    let docs = entity.documents.len();
    let list_params =
        SearchParams::default().with_selection(&Selection::default().toggled(&FacetValue::Entity(id)));
    let make = {
        let corpus = corpus.clone();
        Callback::from(move |format: Format| {
            match format {
                Format::Csv => mentions_csv(&corpus, Some(id)),
                Format::Json => mentions_json(&corpus, Some(id)),
            }
            .map_err(|e| e.to_string())
        })
    };
    let row = {
        let (corpus, lines) = (corpus.clone(), (*lines).clone());
        Callback::from(move |i: usize| match lines.get(i) {
            Some(line) => kwic_row(&corpus, line, id.0),
            None => html! {},
        })
    };
    let on_order = |o: Order| {
        let order = order.clone();
        Callback::from(move |_: Event| order.set(o))
    };
    html! {
        <article class="entity-page" aria-labelledby="entity-name">
            <p class="view-kicker">
                <span class={classes!("ent", "ent-end", type_class(entity.kind))}>{ entity.kind.description() }</span>
            </p>
            <h1 id="entity-name">{ &entity.name }</h1>
            if !entity.aliases.is_empty() {
                <p class="aliases">{ "Also written: " }{ entity.aliases.join(", ") }</p>
            }
            <p class="entity-facts">
                { format!("{} mentions in {docs} {}. ", entity.mentions, if docs == 1 { "document" } else { "documents" }) }
                <Link<Route, SearchParams> to={Route::Documents} query={Some(list_params)}>
                    { "List the documents" }
                </Link<Route, SearchParams>>
            </p>
            <Export kind="mentions" query={entity.name.clone()} formats={vec![Format::Csv, Format::Json]} {make} />
            <section class="kwic" aria-labelledby="kwic-heading">
                <div class="section-head">
                    <h2 id="kwic-heading">{ format!("Mentions in context ({})", lines.len()) }</h2>
                    <fieldset class="sort">
                        <legend class="visually-hidden">{ "Order the mentions" }</legend>
                        <label><input type="radio" name="kwic-order" checked={*order == Order::Document}
                            onchange={on_order(Order::Document)} />{ " by document" }</label>
                        <label><input type="radio" name="kwic-order" checked={*order == Order::Date}
                            onchange={on_order(Order::Date)} />{ " by date" }</label>
                    </fieldset>
                </div>
                <VirtualList count={lines.len()} row_height={KWIC_ROW} {row} id="kwic-lines" label="Mentions in context" />
            </section>
        </article>
    }
}

/// One mention: the document's title, then left context, the mention, right context,
/// the mention a link to its place in the reader.
fn kwic_row(corpus: &CorpusHandle, line: &KwicLine, entity: u32) -> Html {
    let Some(doc) = corpus.document(line.doc) else {
        return html! {};
    };
    let params = SearchParams::mention(line.mention.start, entity);
    html! {
        <div class="kwic-row">
            <p class="kwic-source">{ &doc.title.text }</p>
            <p class="kwic-line">
                <span class="kwic-left"><span>{ doc.slice(line.left) }</span></span>
                <Link<Route, SearchParams> to={Route::Document { id: line.doc.0 }} query={Some(params)} classes="kwic-mention">
                    { doc.slice(line.mention) }
                </Link<Route, SearchParams>>
                <span class="kwic-right">{ doc.slice(line.right) }</span>
            </p>
        </div>
    }
}
