//! One entity: its name, type and other names; every mention in context (keyword in
//! context, sortable by document or date, each line a link to that spot in the reader);
//! the entities that go with it; what it is quoted as saying; and exports.

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::{use_params, Route, SearchParams};
use crate::views::not_found::NotFound;
use crate::widgets::correct_entity::CorrectEntity;
use crate::widgets::entities::type_class;
use crate::widgets::export::{Export, Format};
use crate::widgets::linked::Linked;
use crate::widgets::meta::AddedBadge;
use crate::widgets::virtual_list::VirtualList;
use dossier_explore::export::{mentions_csv, mentions_json};
use dossier_explore::facets::{FacetValue, Selection};
use dossier_explore::kwic::{fit_left, kwic, sort_by_date, sort_by_document, KwicLine, KwicOptions};
use dossier_explore::Unit;
use dossier_model::entity::{Counting, EntityId, MentionCounts, Place};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// Characters of context on each side of a mention.
const CONTEXT_CHARS: usize = 70;
/// Width of the left-context column, in characters of the lines' monospaced font, on
/// wide screens and on a phone (`static/style.css` draws the column this many `ch` wide:
/// keep them in step).
const LEFT_CHARS: usize = 44;
const PHONE_LEFT_CHARS: usize = 14;
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
    let corpus = use_corpus();
    let id = EntityId(props.id);
    let name = corpus.entities.entity(id).map(|e| e.name.clone());
    use_effect_with(name, |name| {
        if let Some(name) = name {
            gloo::utils::document().set_title(&format!("{name} \u{2014} Dossier"));
        }
    });
    let Some(entity) = corpus.entities.entity(id) else {
        return html! { <NotFound /> };
    };
    let counting = use_params().counting();
    let docs = entity.documents_counted(counting).len();
    let list_params = SearchParams::default()
        .with_counting(counting)
        .with_selection(&Selection::default().toggled(&FacetValue::Entity(id)));
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
                { count_line(&entity.counts, counting, docs) }
                <Link<Route, SearchParams> to={Route::Documents} query={Some(list_params)}>
                    { "List the documents" }
                </Link<Route, SearchParams>>
            </p>
            <Export kind="mentions" query={entity.name.clone()} formats={vec![Format::Csv, Format::Json]} {make} />
            <CorrectEntity id={props.id} />
            <div class="entity-columns">
                <Linked><RelatedEntities id={props.id} /></Linked>
                <Linked><Quotes id={props.id} /></Linked>
            </div>
            <MentionsInContext id={props.id} {counting} />
        </article>
    }
}

/// The entity's one count (what the views count), and how many mentions sit elsewhere:
/// "22 mentions in 3 documents. Not counted: 7 in headlines and page furniture."
pub fn count_line(counts: &MentionCounts, counting: Counting, docs: usize) -> String {
    let n = counts.counted(counting);
    let mut line = format!(
        "{n} {} in {docs} {}.",
        if n == 1 { "mention" } else { "mentions" },
        if docs == 1 { "document" } else { "documents" }
    );
    let elsewhere = counts.elsewhere();
    if elsewhere.is_empty() {
        return line + " ";
    }
    let parts: Vec<String> = elsewhere
        .iter()
        .map(|&(place, n)| format!("{n} {}", place_words(place)))
        .collect();
    match counting {
        Counting::Text => line.push_str(&format!(" Not counted: {}.", parts.join(", "))),
        Counting::Everything => {
            line.push_str(&format!(" {} in the text, {}.", counts.text, parts.join(", ")))
        }
    }
    line + " "
}

fn place_words(place: Place) -> &'static str {
    match place {
        Place::Text => "in the text",
        Place::Headline => "in headlines",
        Place::Flagged => "in flagged passages (spliced headlines, captions)",
        Place::Removed => "in removed page furniture",
    }
}

/// Every mention of the entity with the words around it, by document or by date.
#[component]
fn MentionsInContext(props: &MentionsProps) -> Html {
    let corpus = use_corpus();
    let order = use_state_eq(|| Order::Document);
    let id = EntityId(props.id);
    let lines = {
        let corpus = corpus.clone();
        use_memo(
            (props.id, *order, props.counting, corpus.clone()),
            move |(id, order, counting, corpus)| {
                let (id, order, counting) = (*id, *order, *counting);
                let options = KwicOptions {
                    counting,
                    ..KwicOptions::new(CONTEXT_CHARS)
                };
                let mut lines = kwic(corpus, EntityId(id), &options);
                match order {
                    Order::Document => sort_by_document(&mut lines),
                    Order::Date => sort_by_date(corpus, &mut lines),
                }
                Rc::new(lines)
            },
        )
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
    }
}

#[derive(Properties, PartialEq)]
struct EntityIdProps {
    id: u32,
}

#[derive(Properties, PartialEq)]
struct MentionsProps {
    id: u32,
    counting: Counting,
}

/// Related entities shown before "Show more".
const RELATED_SHOWN: usize = 12;

/// Pairs sharing fewer units than this are left out: one shared sentence says little.
const MIN_TOGETHER: u32 = 2;

/// The entities that go with this one, ranked by normalised PMI over sentences or
/// paragraphs (a pair must share at least [`MIN_TOGETHER`]), each a link to its page.
#[component]
fn RelatedEntities(props: &EntityIdProps) -> Html {
    let corpus = use_corpus();
    let unit = use_state_eq(|| Unit::Sentence);
    let all = use_state_eq(|| false);
    let related = {
        let corpus = corpus.clone();
        use_memo((props.id, *unit, corpus.clone()), move |(id, unit, corpus)| {
            let (id, unit) = (*id, *unit);
            corpus
                .insights
                .cooccurrence
                .related(EntityId(id), unit, MIN_TOGETHER)
        })
    };
    let shown = if *all { related.len() } else { RELATED_SHOWN };
    let pick = |u: Unit| {
        let unit = unit.clone();
        Callback::from(move |_: Event| unit.set(u))
    };
    let (one, many) = match *unit {
        Unit::Sentence => ("sentence", "sentences"),
        Unit::Paragraph => ("paragraph", "paragraphs"),
    };
    html! {
        <section class="related" aria-labelledby="related-heading">
            <div class="section-head">
                <h2 id="related-heading">{ "Goes with" }</h2>
                <fieldset class="sort">
                    <legend class="visually-hidden">{ "Count together in" }</legend>
                    <label><input type="radio" name="related-unit" checked={*unit == Unit::Sentence}
                        onchange={pick(Unit::Sentence)} />{ " same sentence" }</label>
                    <label><input type="radio" name="related-unit" checked={*unit == Unit::Paragraph}
                        onchange={pick(Unit::Paragraph)} />{ " same paragraph" }</label>
                </fieldset>
            </div>
            if related.is_empty() {
                <p class="muted">{ format!("No entity shares {MIN_TOGETHER} or more {many} with it.") }</p>
            } else {
                <p class="muted small">{ format!("Ranked by how much more often than chance they share a {one} (normalised PMI); \u{00d7} is how many they share.") }</p>
                <ol class="related-list">
                    { for related.iter().take(shown).filter_map(|r| corpus.entities.entity(r.entity).map(|e| html! {
                        <li class={type_class(e.kind)}>
                            <Link<Route> to={Route::Entity { id: e.id.0 }}>{ &e.name }</Link<Route>>
                            <span class="muted">{ format!(" {} \u{00b7} \u{00d7}{}", e.kind.label(), r.count) }</span>
                            <span class="strength" aria-hidden="true">
                                <span style={format!("width: {:.0}%", r.npmi.clamp(0.0, 1.0) * 100.0)}></span>
                            </span>
                        </li>
                    })) }
                </ol>
                if related.len() > RELATED_SHOWN {
                    <button type="button" class="link-button" onclick={ let a = all.clone(); move |_| a.set(!*a) }>
                        { if *all { "Show fewer".to_owned() } else { format!("Show all {}", related.len()) } }
                    </button>
                }
            }
        </section>
    }
}

/// What the entity is quoted as saying: the words in quotation marks, the attribution,
/// and a link to it in the reader.
#[component]
fn Quotes(props: &EntityIdProps) -> Html {
    let corpus = use_corpus();
    let id = EntityId(props.id);
    let quotes: Vec<_> = corpus.insights.quotes_by(id).collect();
    html! {
        <section class="quotes" aria-labelledby="quotes-heading">
            <h2 id="quotes-heading">{ format!("Quoted ({})", quotes.len()) }</h2>
            if quotes.is_empty() {
                <p class="muted">{ "No direct quote is attributed to it." }</p>
            }
            { for quotes.iter().filter_map(|q| corpus.document(q.doc).map(|doc| {
                // The speaker's mention inside the attribution, to scroll the reader to.
                let at = corpus
                    .entities
                    .mentions_in(q.doc)
                    .iter()
                    .find(|m| m.entity == id && q.cue.contains(m.span))
                    .map_or(q.text.start, |m| m.span.start);
                html! {
                    <blockquote class="quote">
                        <p>{ "\u{201C}" }{ doc.slice(q.text) }{ "\u{201D}" }</p>
                        <footer>
                            <span class="muted">{ doc.slice(q.cue) }{ " \u{2014} " }</span>
                            <Link<Route, SearchParams> to={Route::Document { id: q.doc.0 }}
                                query={Some(SearchParams::mention(at, id.0))}>{ &doc.title.text }</Link<Route, SearchParams>>
                            <AddedBadge added_by_user={doc.origin.added_by_user} />
                        </footer>
                    </blockquote>
                }
            })) }
        </section>
    }
}

/// One mention: the document's title, then left context, the mention, right context,
/// the mention a link to its place in the reader. Classic keyword in context: the left
/// context is right-aligned in a column of fixed width, so every name starts in the same
/// column; it holds only the whole words that fit ([`fit_left`]). Its far part
/// (`kwic-far`) is what a phone's narrower column leaves out.
fn kwic_row(corpus: &CorpusHandle, line: &KwicLine, entity: u32) -> Html {
    let Some(doc) = corpus.document(line.doc) else {
        return html! {};
    };
    let params = SearchParams::mention(line.mention.start, entity);
    let wide = fit_left(doc, line.left, LEFT_CHARS);
    let near = fit_left(doc, line.left, PHONE_LEFT_CHARS);
    let far = dossier_model::Span::new(wide.start as usize, near.start as usize);
    html! {
        <div class="kwic-row">
            <p class="kwic-source">{ &doc.title.text }<AddedBadge added_by_user={doc.origin.added_by_user} /></p>
            <p class="kwic-line">
                <span class="kwic-left"><span class="kwic-far">{ doc.slice(far) }</span><span>{ doc.slice(near) }</span></span>
                <span class="kwic-after">
                    <Link<Route, SearchParams> to={Route::Document { id: line.doc.0 }} query={Some(params)} classes="kwic-mention">
                        { doc.slice(line.mention) }
                    </Link<Route, SearchParams>>
                    <span class="kwic-right">{ doc.slice(line.right) }</span>
                </span>
            </p>
        </div>
    }
}
