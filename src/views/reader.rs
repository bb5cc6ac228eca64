//! One document: its metadata, and its text with removed, flagged and metadata regions
//! marked. Removed text is hidden until the user asks for it; nothing is ever dropped.
//! Opened from a search (`?q=`), every hit is marked, with next/previous-hit buttons and
//! the `n` / `p` keys. Entity mentions are highlighted by type, with a legend to turn
//! each type off and the document's entities listed below the text.

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::{use_params, Route, SearchParams};
use crate::state::hit_cursor::{Action as HitAction, State as HitCursor};
use crate::views::not_found::NotFound;
use crate::widgets::doc_work::{StarButton, TagChips, TagForm};
use crate::widgets::entities::{
    mention_html, type_counts, use_touch_cards, DocEntities, HiddenTypes, Legend,
};
use crate::widgets::marked_text::marked;
use crate::widgets::meta;
use crate::widgets::meta::AddedBadge;
use crate::widgets::notes::DocNotes;
use crate::widgets::passage::{PassageTools, DOC_BODY_ID};
use crate::work::use_work;
use dossier_model::document::{DocId, Document, Piece, RegionKind, Treatment};
use dossier_model::entity::{Entities, EntityId, EntityType, Mention};
use dossier_model::Span;
use dossier_search::DocMarks;
use gloo::events::EventListener;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{KeyboardEvent, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub id: u32,
}

#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let corpus = use_corpus();
    use_touch_cards();
    let show_removed = use_state(|| false);
    let hidden = use_state(HiddenTypes::new);
    let params = use_params();
    let q = params.q.clone();
    let marks = use_marks(corpus.clone(), q.clone(), props.id);
    let hit_count = marks.body.len();
    // Opened from a mention elsewhere (the entity page, the matrix): that entity's
    // mentions are outlined and the one at `at` is scrolled to.
    let focus = params.focus.parse().ok().map(EntityId);
    let at: Option<u32> = params.at.parse().ok();
    use_scroll_to_focus(props.id, params.focus.clone(), params.at.clone());
    let cursor = use_hit_cursor(q.clone(), props.id);
    let step = cursor
        .dispatcher()
        .to_callback()
        .reform(move |forward| HitAction::Step {
            forward,
            count: hit_count,
        });
    use_hit_keys(step.clone(), hit_count);
    use_title(corpus.document(DocId(props.id)).map(|d| d.title.text.clone()));
    let Some(doc) = corpus.document(DocId(props.id)) else {
        return html! { <NotFound /> };
    };
    let show = *show_removed;
    let mentions = corpus.entities.mentions_in(DocId(props.id));
    let on_toggle = {
        let hidden = hidden.clone();
        Callback::from(move |kind: EntityType| {
            let mut next = (*hidden).clone();
            if !next.remove(&kind) {
                next.insert(kind);
            }
            hidden.set(next);
        })
    };
    html! {
        <article class="reader" aria-labelledby="doc-title">
            <DocNav id={props.id} count={corpus.documents.len()} params={params.clone()} />
            if !q.trim().is_empty() {
                <HitBar q={q.clone()} count={hit_count} current={cursor.current} {step} />
            }
            <h1 id="doc-title">{ marked(&doc.title.text, &marks.title) }</h1>
            <AddedBadge added_by_user={doc.origin.added_by_user} />
            if doc.title.is_derived() {
                <p class="derived-note">
                    <span class="badge derived">{ "derived title" }</span>
                    { " The page has no headline; this title is made from its lead." }
                </p>
            }
            <p class="doc-work">
                <StarButton doc={props.id} />
                <TagChips doc={props.id} removable=true />
            </p>
            <TagForm docs={vec![props.id]} label="Tag" />
            <Metadata id={props.id} />
            { removed_toggle(doc, &show_removed) }
            <Legend counts={type_counts(&corpus.entities, mentions)} hidden={(*hidden).clone()} {on_toggle} />
            { focus_note(&corpus.entities, mentions, focus) }
            <DocBody id={props.id} show_removed={show} marks={marks.clone()} current={cursor.current}
                hidden={(*hidden).clone()} {focus} {at} />
            <PassageTools doc={props.id} />
            <DocNotes doc={props.id} />
            <DocEntities doc={props.id} />
        </article>
    }
}

/// Where the search `q` matched in document `id` (nothing without a query).
#[hook]
fn use_marks(corpus: CorpusHandle, q: String, id: u32) -> Rc<DocMarks> {
    use_memo((q, id), move |(q, id)| {
        if q.trim().is_empty() {
            return DocMarks::default();
        }
        let engine = corpus.engine();
        engine.search(q, true).marks(engine, DocId(*id))
    })
}

/// The document's title as the page's.
#[hook]
fn use_title(title: Option<String>) {
    use_effect_with(title, |title| {
        if let Some(title) = title {
            gloo::utils::document().set_title(&format!("{title} \u{2014} Dossier"));
        }
    });
}

/// Opened from a mention elsewhere: scrolls to that mention (or the first outlined one).
#[hook]
fn use_scroll_to_focus(id: u32, focus: String, at: String) {
    use_effect_with((id, focus, at), |_| {
        let document = gloo::utils::document();
        let target = document
            .get_element_by_id(FOCUS_AT)
            .or_else(|| document.query_selector(".ent-focus").ok().flatten());
        scroll_to(target);
    });
}

/// Centres `target` in the window, if there is one.
fn scroll_to(target: Option<web_sys::Element>) {
    if let Some(el) = target {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The hit cursor: cleared for another query or document, and the current hit scrolled
/// to as it moves.
#[hook]
fn use_hit_cursor(q: String, id: u32) -> UseReducerHandle<HitCursor> {
    let cursor = use_reducer(HitCursor::default);
    {
        let cursor = cursor.dispatcher();
        use_effect_with((q, id), move |_| cursor.dispatch(HitAction::Clear));
    }
    use_effect_with(cursor.current, |current| {
        if let Some(i) = current {
            scroll_to(gloo::utils::document().get_element_by_id(&format!("hit-{i}")));
        }
    });
    cursor
}

/// `n` and `p` anywhere on the page (but in a field, or with a modifier) step through
/// the hits.
#[hook]
fn use_hit_keys(step: Callback<bool>, hit_count: usize) {
    use_effect_with(hit_count, move |_| {
        let listener = EventListener::new(&gloo::utils::document(), "keydown", move |event| {
            let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let in_field = gloo::utils::document()
                .active_element()
                .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if in_field || event.ctrl_key() || event.meta_key() || event.alt_key() {
                return;
            }
            match event.key().as_str() {
                "n" => step.emit(true),
                "p" => step.emit(false),
                _ => {}
            }
        });
        move || drop(listener)
    });
}

/// "Show removed text (n)" when the document has removed regions.
fn removed_toggle(doc: &Document, show_removed: &UseStateHandle<bool>) -> Html {
    let removed = doc
        .regions
        .iter()
        .filter(|r| r.kind != RegionKind::Headline && r.kind.treatment() == Treatment::Removed)
        .count();
    if removed == 0 {
        return html! {};
    }
    let show = **show_removed;
    let toggle = {
        let show_removed = show_removed.clone();
        Callback::from(move |_: MouseEvent| show_removed.set(!show))
    };
    html! {
        <button type="button" class="toggle-removed" aria-pressed={show.to_string()} onclick={toggle}>
            { if show { format!("Hide removed text ({removed})") } else { format!("Show removed text ({removed})") } }
        </button>
    }
}

/// Says whose mentions are outlined, when the reader was opened from one.
fn focus_note(entities: &Entities, mentions: &[Mention], focus: Option<EntityId>) -> Html {
    let Some(e) = focus.and_then(|f| entities.entity(f)) else {
        return html! {};
    };
    html! {
        <p class="focus-note">
            { format!("Mentions of {} are outlined ({}). ", e.name, mentions.iter().filter(|m| m.entity == e.id).count()) }
            <Link<Route> to={Route::Entity { id: e.id.0 }}>{ "All its mentions" }</Link<Route>>
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct DocBodyProps {
    pub id: u32,
    pub show_removed: bool,
    /// Where the search matched.
    pub marks: Rc<DocMarks>,
    /// The hit the cursor is on.
    pub current: Option<usize>,
    /// Entity types not highlighted.
    pub hidden: HiddenTypes,
    /// The entity whose mentions are outlined, and the start of the one scrolled to.
    pub focus: Option<EntityId>,
    pub at: Option<u32>,
}

/// The document's text, paragraph by paragraph, with regions, hits and entity mentions
/// marked: the reader's highlighting, with no DOM access, so it also renders on a server
/// (the snapshot test does).
#[component]
pub fn DocBody(props: &DocBodyProps) -> Html {
    let corpus = use_corpus();
    let work = use_work();
    let Some(doc) = corpus.document(DocId(props.id)) else {
        return html! {};
    };
    let entities = &corpus.entities;
    let shown: Vec<Mention> = entities
        .mentions_in(DocId(props.id))
        .iter()
        .filter(|m| {
            entities
                .entity(m.entity)
                .is_some_and(|e| !props.hidden.contains(&e.kind))
        })
        .copied()
        .collect();
    let noted = noted_spans(
        work.map(|w| w.of(DocId(props.id)).notes.iter().map(|n| n.span).collect())
            .unwrap_or_default(),
    );
    let layers = Layers {
        noted: &noted,
        doc,
        show_removed: props.show_removed,
        hits: &props.marks.body,
        current: props.current,
        entities,
        mentions: &shown,
        focus: props.focus,
        at: props.at,
    };
    let show = props.show_removed;
    html! {
        <div class="doc-body" id={DOC_BODY_ID} data-doc={props.id.to_string()}>
            { for doc.paragraphs.iter().filter(|&&p| show || !doc.is_removed(p)).map(|&p| layers.paragraph(p)) }
        </div>
    }
}

/// What a paragraph is drawn with: regions, search hits and entity mentions.
struct Layers<'a> {
    doc: &'a Document,
    show_removed: bool,
    hits: &'a [Span],
    current: Option<usize>,
    entities: &'a Entities,
    /// The mentions of the types shown, in text order.
    mentions: &'a [Mention],
    /// The entity whose mentions are outlined, and the start of the one scrolled to.
    focus: Option<EntityId>,
    at: Option<u32>,
    /// The passages the reader's notes mark, merged where they overlap, in text order.
    noted: &'a [Span],
}

/// The id of the outlined mention (or the spot of the text) the reader scrolls to.
const FOCUS_AT: &str = "focus-at";

impl Layers<'_> {
    fn paragraph(&self, span: Span) -> Html {
        let doc = self.doc;
        let all_removed = doc.is_removed(span);
        let mention_spans: Vec<Span> = self.mentions.iter().map(|m| m.span).collect();
        let pieces = cut_at_notes(doc.pieces_layered(span, self.hits, &mention_spans), self.noted);
        // Consecutive pieces of one region are drawn inside one region element, with one
        // tag, however many hits and mentions cut it.
        let runs = pieces.chunk_by(|a, b| a.0.region == b.0.region);
        let mut at = 0;
        html! {
            <p class={classes!(all_removed.then_some("removed-paragraph"))}>
                { for runs.map(|run| {
                    let start = at;
                    at += run.len();
                    let content: Html = run.iter().enumerate().map(|(k, &(piece, noted))| {
                        let i = start + k;
                        // A hit cut in two keeps one id, on its first piece; a mention's
                        // tag and card go on its last.
                        let first_of_hit = piece.mark.is_some() && (i == 0 || pieces[i - 1].0.mark != piece.mark);
                        let last_of_mention = piece.mention.is_some()
                            && pieces.get(i + 1).is_none_or(|next| next.0.mention != piece.mention);
                        self.piece_html(piece, noted, first_of_hit, last_of_mention)
                    }).collect();
                    self.region_html(run[0].0.region, content)
                }) }
            </p>
        }
    }

    /// A piece of text (in an element holding its offset, so a selection maps to bytes:
    /// `widgets::selection`), marked as a search hit, a noted passage and highlighted as
    /// an entity mention.
    fn piece_html(&self, piece: Piece, noted: bool, first_of_hit: bool, last_of_mention: bool) -> Html {
        // The spot an address names (`?at=` without an entity to outline: a citation, a
        // note) is the piece holding it.
        let spot = self.focus.is_none()
            && self
                .at
                .is_some_and(|at| piece.span.start <= at && at < piece.span.end);
        let text = html! {
            <span data-at={piece.span.start.to_string()} id={spot.then_some(FOCUS_AT)}
                class={classes!(noted.then_some("noted"))}>{ self.doc.slice(piece.span).to_owned() }</span>
        };
        let text = match piece.mark {
            Some(i) => {
                let is_current = self.current == Some(i);
                html! {
                    <mark class={classes!("hit", is_current.then_some("current"))}
                        id={first_of_hit.then(|| format!("hit-{i}"))}
                        aria-current={is_current.then_some("true")}>{ text }</mark>
                }
            }
            None => html! { { text } },
        };
        let mention = piece.mention.and_then(|i| self.mentions.get(i));
        let text = match mention.filter(|m| Some(m.entity) == self.focus) {
            Some(m) => {
                let scrolled_to = self.at == Some(m.span.start) && piece.span.start == m.span.start;
                html! { <span class="ent-focus" id={scrolled_to.then_some(FOCUS_AT)}>{ text }</span> }
            }
            None => text,
        };
        let entity = mention.and_then(|m| self.entities.entity(m.entity));
        match entity {
            Some(e) => mention_html(e, text, last_of_mention),
            None => text,
        }
    }

    /// A run of one region; regions carry a visible tag so colour is never the only signal.
    fn region_html(&self, region: Option<RegionKind>, content: Html) -> Html {
        let Some(kind) = region else {
            return content;
        };
        let label = kind.label();
        match kind.treatment() {
            Treatment::Removed if !self.show_removed => html! {},
            Treatment::Removed => html! {
                <span class="region removed" title={format!("Removed: {label}")}>
                    <span class="region-tag">{ label }</span>{ content }
                </span>
            },
            Treatment::Flagged => html! {
                <mark class="region flagged" title={format!("Flagged: {label}")}>
                    <span class="region-tag">{ label }</span>{ content }
                </mark>
            },
            Treatment::Metadata => html! {
                <span class="region metadata" title={label}>{ content }</span>
            },
        }
    }
}

/// `pieces` cut again where a noted passage starts or ends, each said to be noted or not.
/// `noted` is sorted and disjoint; a piece cut keeps its hit and mention.
fn cut_at_notes(pieces: Vec<Piece>, noted: &[Span]) -> Vec<(Piece, bool)> {
    if noted.is_empty() {
        return pieces.into_iter().map(|p| (p, false)).collect();
    }
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let mut start = piece.span.start;
        let first = noted.partition_point(|n| n.end <= start);
        for n in noted[first..].iter().take_while(|n| n.start < piece.span.end) {
            if n.start > start {
                out.push((
                    Piece {
                        span: Span { start, end: n.start },
                        ..piece
                    },
                    false,
                ));
                start = n.start;
            }
            let end = n.end.min(piece.span.end);
            out.push((
                Piece {
                    span: Span { start, end },
                    ..piece
                },
                true,
            ));
            start = end;
        }
        if start < piece.span.end {
            out.push((
                Piece {
                    span: Span {
                        start,
                        end: piece.span.end,
                    },
                    ..piece
                },
                false,
            ));
        }
    }
    out
}

/// The union of note passages, sorted and disjoint.
pub fn noted_spans(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

#[derive(Properties, PartialEq)]
struct MetadataProps {
    id: u32,
}

/// Outlet, dates (the story's and the page's), source file and length.
#[component]
fn Metadata(props: &MetadataProps) -> Html {
    let corpus = use_corpus();
    let Some(doc) = corpus.document(DocId(props.id)) else {
        return html! {};
    };
    let origin = &doc.origin;
    let mut source = origin.file.clone();
    if origin.parts > 1 {
        source.push_str(&format!(" (article {} of {})", origin.part + 1, origin.parts));
    }
    if origin.encoding != "UTF-8" {
        source.push_str(&format!(", decoded as {}", origin.encoding));
    }
    html! {
        <dl class="doc-meta">
            <dt>{ "Outlet" }</dt>
            <dd>{ meta::outlet(doc) }</dd>
            <dt>{ "Published" }</dt>
            <dd>
                { meta::published(doc) }
                if let Some(p) = doc.published {
                    <span class="muted">{ format!(" ({})", meta::date_source(p.source)) }</span>
                }
            </dd>
            if let Some(saved) = doc.saved {
                <dt>{ "Page saved" }</dt>
                <dd>{ saved.date.to_string() }<span class="muted">{ " (the page's date, not the story's)" }</span></dd>
            }
            <dt>{ "Source" }</dt>
            <dd><code>{ source }</code></dd>
            <dt>{ "Length" }</dt>
            <dd>{ meta::words(doc) }</dd>
        </dl>
    }
}

#[derive(Properties, PartialEq)]
struct HitBarProps {
    q: AttrValue,
    count: usize,
    current: Option<usize>,
    step: Callback<bool>,
}

/// Where the search matched in this document, and buttons to walk the hits.
#[component]
fn HitBar(props: &HitBarProps) -> Html {
    let position = match (props.count, props.current) {
        (0, _) => format!("No hits for \u{201C}{}\u{201D} in the text", props.q),
        (1, _) => format!("1 hit for \u{201C}{}\u{201D}", props.q),
        (n, None) => format!("{n} hits for \u{201C}{}\u{201D}", props.q),
        (n, Some(i)) => format!("Hit {} of {n} for \u{201C}{}\u{201D}", i + 1, props.q),
    };
    let prev = {
        let step = props.step.clone();
        Callback::from(move |_: MouseEvent| step.emit(false))
    };
    let next = {
        let step = props.step.clone();
        Callback::from(move |_: MouseEvent| step.emit(true))
    };
    let none = props.count == 0;
    html! {
        <div class="hit-bar" role="region" aria-label="Search hits">
            <span class="hit-position" aria-live="polite">{ position }</span>
            <button type="button" class="prev-hit" onclick={prev} disabled={none} title="Previous hit (p)">{ "\u{2191} Previous hit" }</button>
            <button type="button" class="next-hit" onclick={next} disabled={none} title="Next hit (n)">{ "\u{2193} Next hit" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DocNavProps {
    id: u32,
    count: usize,
    /// The list's search and facet picks, carried back to it.
    params: SearchParams,
}

#[component]
fn DocNav(props: &DocNavProps) -> Html {
    let prev = props.id.checked_sub(1);
    let next = Some(props.id + 1).filter(|&n| (n as usize) < props.count);
    let params = props.params.or_none();
    html! {
        <nav class="doc-nav" aria-label="Documents">
            <Link<Route, SearchParams> to={Route::Documents} query={params.clone()}>
                { if props.params.is_empty() { "\u{2190} All documents" } else { "\u{2190} Back to results" } }
            </Link<Route, SearchParams>>
            <span class="spacer"></span>
            if let Some(id) = prev {
                <Link<Route, SearchParams> to={Route::Document { id }} query={params.clone()} classes="prev">{ "Previous" }</Link<Route, SearchParams>>
            }
            if let Some(id) = next {
                <Link<Route, SearchParams> to={Route::Document { id }} query={params.clone()} classes="next">{ "Next" }</Link<Route, SearchParams>>
            }
        </nav>
    }
}
