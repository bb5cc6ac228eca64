//! Entities in the reader: the inline highlight of a mention (displaCy's idea, with a
//! type tag and a line style so colour is never the only signal), the legend that turns
//! each type on and off, and the document's entities listed by type with counts.
//!
//! A mention links to its entity's page (every mention in context, related entities,
//! quotes); hovering or focusing it shows the canonical name and aliases.

use crate::corpus::use_corpus;
use crate::route::{use_params, Route};
use dossier_model::entity::{Entities, Entity, EntityType, Mention, Place};
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

/// Entity types the reader does not highlight.
pub type HiddenTypes = BTreeSet<EntityType>;

/// The CSS class of a type's highlight and legend swatch.
pub fn type_class(kind: EntityType) -> String {
    format!("ent-{}", kind.label().to_ascii_lowercase())
}

/// What hovering or focusing a mention says about its entity.
fn card_text(entity: &Entity) -> String {
    let mut text = format!("{} \u{00b7} {}", entity.name, entity.kind.label());
    if !entity.aliases.is_empty() {
        text.push_str(&format!(" \u{00b7} also: {}", entity.aliases.join(", ")));
    }
    // The one count every view shows: mentions in the running text.
    let (n, docs) = (entity.counts.text, entity.text_documents.len());
    text.push_str(&match (n, docs) {
        (0, _) => " \u{00b7} only in headlines, flagged passages or page furniture".to_owned(),
        (1, _) => " \u{00b7} 1 mention in 1 document".to_owned(),
        (n, 1) => format!(" \u{00b7} {n} mentions in 1 document"),
        (n, d) => format!(" \u{00b7} {n} mentions in {d} documents"),
    });
    text
}

/// One piece of a mention's text, highlighted. `last` closes the mention: the type tag and
/// the card go there, so a mention cut by a search mark reads as one. The tag is drawn by
/// CSS from `data-type` (`::after`), so copying the text copies the article, not the tags.
pub fn mention_html(entity: &Entity, content: Html, last: bool) -> Html {
    html! {
        <Link<Route> to={Route::Entity { id: entity.id.0 }}
            classes={classes!("ent", type_class(entity.kind), last.then_some("ent-end"))}>
            { content }
            if last {
                <span class="ent-card" role="tooltip">{ card_text(entity) }</span>
            }
        </Link<Route>>
    }
}

/// How many highlights of each type the reader's body shows (running text and flagged
/// passages; not the headline, shown as the title, nor removed text), in
/// [`EntityType::ALL`] order, types without mentions left out.
pub fn type_counts(entities: &Entities, mentions: &[Mention]) -> Vec<(EntityType, usize)> {
    EntityType::ALL
        .iter()
        .map(|&kind| {
            let n = mentions
                .iter()
                .filter(|m| {
                    matches!(m.place, Place::Text | Place::Flagged)
                        && entities.entity(m.entity).is_some_and(|e| e.kind == kind)
                })
                .count();
            (kind, n)
        })
        .filter(|&(_, n)| n > 0)
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub counts: Vec<(EntityType, usize)>,
    pub hidden: HiddenTypes,
    pub on_toggle: Callback<EntityType>,
}

/// One toggle button per type the document mentions, with its count.
#[component]
pub fn Legend(props: &LegendProps) -> Html {
    if props.counts.is_empty() {
        return html! {};
    }
    html! {
        <div class="ent-legend" role="group" aria-label="Entity highlights">
            <span class="ent-legend-title">{ "Entities:" }</span>
            { for props.counts.iter().map(|&(kind, n)| {
                let shown = !props.hidden.contains(&kind);
                let onclick = props.on_toggle.reform(move |_: MouseEvent| kind);
                html! {
                    <button type="button" class={classes!("ent-toggle", type_class(kind))}
                        aria-pressed={shown.to_string()} {onclick}
                        title={format!("{}: {} ({})", kind.label(), kind.description(), if shown { "shown" } else { "hidden" })}>
                        <span class="ent-swatch" aria-hidden="true"></span>
                        { format!("{} {n}", kind.label()) }
                    </button>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DocEntitiesProps {
    pub doc: u32,
}

/// The document's entities grouped by type, most mentioned first, each linking to the
/// documents that mention it.
#[component]
pub fn DocEntities(props: &DocEntitiesProps) -> Html {
    let corpus = use_corpus();
    let entities = &corpus.entities;
    let mentions = entities.mentions_in(dossier_model::document::DocId(props.doc));
    let counting = use_params().counting();
    let groups: Vec<(EntityType, Vec<(&Entity, usize)>)> = EntityType::ALL
        .iter()
        .filter_map(|&kind| {
            let mut counted: Vec<(&Entity, usize)> = Vec::new();
            for m in mentions.iter().filter(|m| counting.admits(m)) {
                let Some(e) = entities.entity(m.entity).filter(|e| e.kind == kind) else {
                    continue;
                };
                match counted.iter_mut().find(|(c, _)| c.id == e.id) {
                    Some((_, n)) => *n += 1,
                    None => counted.push((e, 1)),
                }
            }
            counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
            (!counted.is_empty()).then_some((kind, counted))
        })
        .collect();
    if groups.is_empty() {
        return html! {};
    }
    html! {
        <section class="doc-entities" aria-labelledby="doc-entities-heading">
            <h2 id="doc-entities-heading">{ "In this document" }</h2>
            { for groups.into_iter().map(|(kind, list)| html! {
                <div class="ent-group">
                    <h3 class={classes!("ent-group-title", type_class(kind))}>
                        <span class="ent-swatch" aria-hidden="true"></span>
                        { format!("{} \u{2014} {}", kind.label(), kind.description()) }
                    </h3>
                    <ul>
                        { for list.into_iter().map(|(e, n)| html! {
                            <li>
                                <Link<Route> to={Route::Entity { id: e.id.0 }}>{ e.name.clone() }</Link<Route>>
                                <span class="muted">{ format!(" \u{00d7}{n}") }</span>
                            </li>
                        }) }
                    </ul>
                </div>
            }) }
        </section>
    }
}

/// A type's short plural name for headings and facets ("People", "Places").
pub fn type_name(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "People",
        EntityType::Org => "Organisations",
        EntityType::Gpe => "Countries and cities",
        EntityType::Loc => "Other places",
        EntityType::Fac => "Buildings and facilities",
        EntityType::Norp => "Groups and nationalities",
        EntityType::Event => "Events",
        EntityType::Product => "Products",
        EntityType::WorkOfArt => "Works: books, films, songs",
        EntityType::Law => "Laws and treaties",
        EntityType::Language => "Languages",
        EntityType::Misc => "Other names",
        EntityType::Date => "Dates",
        EntityType::Time => "Times",
        EntityType::Cardinal => "Numbers",
        EntityType::Quantity => "Quantities",
        EntityType::Money => "Money",
        EntityType::Percent => "Percentages",
        EntityType::Ordinal => "Ordinals",
    }
}

/// On touch, the first tap on a name shows its card (the link takes focus, and the card
/// shows on focus) and a second tap opens the entity: a tap has no hover, and going
/// straight to the entity page hid who the name is. Mouse and keyboard are unchanged.
/// Listens on the document in the capture phase, before the router sees the click.
#[hook]
pub fn use_touch_cards() {
    use_effect_with((), |_| {
        let document = gloo::utils::document();
        let touch = std::rc::Rc::new(std::cell::Cell::new(false));
        let shown = std::cell::RefCell::new(None::<web_sys::HtmlElement>);
        let capture = gloo::events::EventListenerOptions {
            phase: gloo::events::EventListenerPhase::Capture,
            passive: false,
        };
        let down = {
            let touch = touch.clone();
            gloo::events::EventListener::new_with_options(&document, "pointerdown", capture, move |e| {
                if let Some(e) = e.dyn_ref::<web_sys::PointerEvent>() {
                    touch.set(e.pointer_type() == "touch");
                }
            })
        };
        let click = gloo::events::EventListener::new_with_options(&document, "click", capture, move |e| {
            if !touch.get() {
                return;
            }
            let link = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("a.ent").ok().flatten());
            let Some(link) = link.and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok()) else {
                return;
            };
            // Not focus: the tap's own mouse-compatibility events focus the link before
            // the click arrives. The link shown last is remembered instead.
            let mut shown = shown.borrow_mut();
            if shown.as_ref() == Some(&link) {
                *shown = None;
            } else {
                e.prevent_default();
                e.stop_propagation();
                let _ = link.focus();
                *shown = Some(link);
            }
        });
        move || drop((down, click))
    });
}
