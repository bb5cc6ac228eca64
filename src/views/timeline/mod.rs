//! The timeline: the dates the list's documents talk about ("Wednesday", "next week",
//! "September 15-16", resolved at build time against each document's publication date)
//! and the documents themselves by publication date, on one axis; below, each dated
//! mention with its sentence. A click on the axis narrows the list to that day.
//!
//! The drawing is as wide as its box (measured, and again when the window is resized),
//! one SVG unit a CSS pixel, so the axis's guarantees hold on screen: every mark is a
//! target at least [`dossier_explore::timeline_axis::MIN_DAY`] pixels wide, and far-apart dates are segments of a broken
//! axis. When the columns need more than the box, the drawing scrolls in it. The axis
//! opens on the story's days; a button shows every dated day.

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::{Route, SearchParams};
use crate::widgets::facets::range_label;
use crate::widgets::keys::on_activate;
use crate::widgets::meta::AddedBadge;
use crate::widgets::scope::{use_scope, ScopeNote};
use crate::widgets::virtual_list::VirtualList;
use dossier_explore::timeline_axis::{Axis, Extent, HEIGHT, PAD};
use dossier_explore::{DatedMention, Precision};
use dossier_model::date::CalendarDate;
use dossier_search::query::DateRange;
use gloo::events::EventListener;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// Row height of a dated mention, in CSS pixels.
const EVENT_ROW: u32 = 76;

#[component]
pub fn TimelineView() -> Html {
    let corpus = use_corpus();
    let (params, docs) = use_scope();
    let day = use_state_eq(|| None::<u32>);
    use_effect_with((), |_| {
        gloo::utils::document().set_title("Timeline \u{2014} Dossier")
    });
    let holder = use_node_ref();
    // The box's width in whole pixels; 960 until it is measured.
    let width = use_state_eq(|| 960u32);
    {
        let (holder, width) = (holder.clone(), width.clone());
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = holder.cast::<web_sys::Element>() {
                    let w = el.client_width();
                    if w > 0 {
                        width.set(w as u32);
                    }
                }
            };
            measure();
            let listener = EventListener::new(&gloo::utils::window(), "resize", move |_| measure());
            move || drop(listener)
        });
    }
    let extent = use_state_eq(Extent::default);
    let axis: Rc<Axis> = {
        let corpus = corpus.clone();
        use_memo(
            (docs.clone(), *width, *extent, corpus.clone()),
            move |(docs, width, extent, corpus)| Axis::new(corpus, docs, f64::from(*width), *extent),
        )
    };
    // The list follows the axis: its days, or the one picked.
    let shown: Rc<Vec<DatedMention>> = use_memo((axis.clone(), *day), |(axis, day)| axis.shown(*day));
    let row = {
        let (corpus, shown) = (corpus.clone(), shown.clone());
        Callback::from(move |i: usize| match shown.get(i) {
            Some(e) => event_row(&corpus, e),
            None => html! {},
        })
    };
    let note = html! { <ScopeNote params={params.clone()} count={docs.len()} route={Route::Timeline} /> };
    if axis.is_empty() {
        return html! {
            <section class="timeline-view" aria-labelledby="timeline-heading">
                <h1 id="timeline-heading">{ "Timeline" }</h1>
                { note }
                <p class="muted">{ "These documents have no publication date and mention no date that could be placed on the calendar." }</p>
            </section>
        };
    }
    let on_pick = {
        let day = day.clone();
        Callback::from(move |d: Option<u32>| day.set(d))
    };
    html! {
        <section class="timeline-view" aria-labelledby="timeline-heading">
            <h1 id="timeline-heading">{ "Timeline" }</h1>
            { note }
            <ExtentNote axis={axis.clone()} extent={*extent} on_extent={ let e = extent.setter(); Callback::from(move |x| e.set(x)) } />
            <div class="timeline-scroll" ref={holder}>
                <AxisDrawing axis={axis.clone()} picked={*day} on_pick={on_pick.clone()} />
            </div>
            <DayHead axis={axis.clone()} picked={*day} shown={shown.len()} {on_pick} />
            <VirtualList count={shown.len()} row_height={EVENT_ROW} {row} id="timeline-events" label="Dated mentions" />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AxisProps {
    axis: Rc<Axis>,
    /// The day the list is narrowed to.
    picked: Option<u32>,
    /// A day picked, or `None` when the picked one is picked again.
    on_pick: Callback<Option<u32>>,
}

#[derive(Properties, PartialEq)]
struct ExtentProps {
    axis: Rc<Axis>,
    extent: Extent,
    on_extent: Callback<Extent>,
}

/// What the axis spans, and the button to see every dated day or only the story's.
#[component]
fn ExtentNote(props: &ExtentProps) -> Html {
    let axis = &props.axis;
    let date = |d: Option<CalendarDate>| d.map(day_label).unwrap_or_default();
    let (note, button, next) = match props.extent {
        Extent::Story if axis.outside == 0 => return html! {},
        Extent::Story => (
            format!(
                "Showing {} to {}, where most dates are; {} more {} outside.",
                date(axis.first_date),
                date(axis.last_date),
                axis.outside,
                if axis.outside == 1 { "day lies" } else { "days lie" }
            ),
            "Show every date".to_owned(),
            Extent::All,
        ),
        Extent::All => (
            "Showing every dated day; far-apart dates are set after a break (//).".to_owned(),
            "Show only the story's days".to_owned(),
            Extent::Story,
        ),
    };
    html! {
        <p class="timeline-extent muted">
            { note }{ " " }
            <button type="button" class="link-button" onclick={props.on_extent.reform(move |_: MouseEvent| next)}>{ button }</button>
        </p>
    }
}

/// Pixels at least between two tick labels under the axis.
const TICK_SPACING: f64 = 64.0;

/// Top of the publication band and of the mention band, and the axis line's height.
const PUB_TOP: f64 = 4.0;
const MENTION_TOP: f64 = 52.0;
const AXIS_Y: f64 = 140.0;

/// The axis as SVG: publication days as circles above, mentioned days as bars below,
/// each mark over an invisible target filling its day's column of its band; a break
/// mark between segments, and each segment's first and last dates under it.
#[component]
fn AxisDrawing(props: &AxisProps) -> Html {
    let corpus = use_corpus();
    let (axis, picked) = (&props.axis, props.picked);
    let date_of = |d: u32| axis.date_of(&corpus, d).map(day_label).unwrap_or_default();
    // A segment's end: a year or a month as such ("2013", not "1 Jan 2013").
    let tick = |d: u32| match axis.events.iter().find(|e| e.start.day_number() == Some(d)) {
        Some(e) if e.precision >= Precision::Month => when(e),
        _ => axis.date_at(d).map(day_label).unwrap_or_default(),
    };
    // Between the ends: "7 Sep", every few days.
    let short = |d: u32| {
        axis.date_at(d)
            .map(|c| format!("{} {}", c.day, MONTHS[usize::from(c.month.clamp(1, 12)) - 1]))
            .unwrap_or_default()
    };
    let mark = |class: &'static str, d: u32, label: String, top: f64, bottom: f64, shape: Html| {
        let toggled = (picked != Some(d)).then_some(d);
        let onkeydown = on_activate(&props.on_pick, toggled);
        let (left, w) = axis.column(d);
        html! {
            <g class={classes!(class, (picked == Some(d)).then_some("picked"))} tabindex="0" role="button"
                aria-label={label} onclick={props.on_pick.reform(move |_: MouseEvent| toggled)} {onkeydown}>
                <rect class="hit" x={left.to_string()} y={top.to_string()} width={w.to_string()} height={(bottom - top).to_string()} />
                { shape }
            </g>
        }
    };
    let width = axis.width;
    let last_segment = axis.segments.len().saturating_sub(1);
    html! {
        <svg class="timeline" width={width.to_string()} height={HEIGHT.to_string()} viewBox={format!("0 0 {width} {HEIGHT}")} role="group"
            aria-label="Publication days (circles) and the days the documents mention (bars); press Enter on one to list it">
            <text class="band-label" x={PAD.to_string()} y="14">{ "Published" }</text>
            <text class="band-label" x={PAD.to_string()} y="62">{ "Mentioned" }</text>
            { for axis.segments.iter().enumerate().map(|(i, s)| {
                let ticks = if s.first == s.last {
                    html! { <text class="tick" x={((s.x0 + s.x1) / 2.0).to_string()} y="158" text-anchor="middle">{ tick(s.first) }</text> }
                } else {
                    html! {
                        <>
                            <text class="tick" x={s.x0.to_string()} y="158">{ tick(s.first) }</text>
                            <text class="tick" x={s.x1.to_string()} y="158" text-anchor="end">{ tick(s.last) }</text>
                        </>
                    }
                };
                html! {
                    <>
                        <line class="axis" x1={s.x0.to_string()} x2={s.x1.to_string()} y1={AXIS_Y.to_string()} y2={AXIS_Y.to_string()} />
                        if i < last_segment {
                            <g class="axis-break" aria-hidden="true">
                                <line x1={(s.x1 + 8.0).to_string()} y1={(AXIS_Y + 6.0).to_string()} x2={(s.x1 + 14.0).to_string()} y2={(AXIS_Y - 6.0).to_string()} />
                                <line x1={(s.x1 + 14.0).to_string()} y1={(AXIS_Y + 6.0).to_string()} x2={(s.x1 + 20.0).to_string()} y2={(AXIS_Y - 6.0).to_string()} />
                            </g>
                        }
                        { ticks }
                        { for axis.ticks(s, TICK_SPACING).into_iter().map(|d| html! {
                            <>
                                <line class="tick-mark" x1={axis.x(d).to_string()} x2={axis.x(d).to_string()} y1={AXIS_Y.to_string()} y2={(AXIS_Y + 4.0).to_string()} />
                                <text class="tick" x={axis.x(d).to_string()} y="158" text-anchor="middle">{ short(d) }</text>
                            </>
                        }) }
                    </>
                }
            }) }
            { for axis.published.iter().filter(|(&d, _)| axis.shows(d)).map(|(&d, docs)| mark("pub", d, format!("{}: {} published", date_of(d), docs.len()), PUB_TOP, MENTION_TOP, html! {
                <circle cx={axis.x(d).to_string()} cy="30" r={Axis::dot_radius(docs.len()).to_string()} />
            })) }
            { for axis.per_day.iter().filter(|(&d, _)| axis.shows(d)).map(|(&d, &n)| {
                let (h, bar) = (axis.bar_height(n), axis.bar_width(d));
                mark("mentioned", d, format!("{}: {n} mentions", date_of(d)), MENTION_TOP, AXIS_Y, html! {
                    <rect x={(axis.x(d) - bar / 2.0).to_string()} y={(AXIS_Y - h).to_string()}
                        width={bar.to_string()} height={h.to_string()} />
                })
            }) }
        </svg>
    }
}

#[derive(Properties, PartialEq)]
struct DayHeadProps {
    axis: Rc<Axis>,
    picked: Option<u32>,
    /// How many mentions are listed.
    shown: usize,
    on_pick: Callback<Option<u32>>,
}

/// The list's heading (the picked day, or all), and the documents published that day.
#[component]
fn DayHead(props: &DayHeadProps) -> Html {
    let corpus = use_corpus();
    let date_of = |d: u32| props.axis.date_of(&corpus, d).map(day_label).unwrap_or_default();
    let published = props.picked.and_then(|d| props.axis.published.get(&d));
    html! {
        <>
            <div class="section-head">
                <h2>{ match props.picked {
                    Some(d) => format!("{} \u{2014} {} dated mentions", date_of(d), props.shown),
                    None => format!("Dated mentions ({})", props.shown),
                } }</h2>
                if props.picked.is_some() {
                    <button type="button" class="link-button" onclick={props.on_pick.reform(|_: MouseEvent| None)}>{ "All days" }</button>
                }
            </div>
            if let Some(docs) = published {
                <p>
                    { "Published that day: " }
                    { for docs.iter().filter_map(|&id| corpus.document(id)).map(|doc| html! {
                        <><Link<Route> to={Route::Document { id: doc.id.0 }}>{ &doc.title.text }</Link<Route>><AddedBadge added_by_user={doc.origin.added_by_user} />{ " " }</>
                    }) }
                </p>
            }
        </>
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn day_label(d: CalendarDate) -> String {
    range_label(&DateRange {
        from: Some(d),
        to: Some(d),
    })
}

/// "7 Sep 2022", "week of 5 Sep 2022", "Sep 2022", "2022", or a range of days.
fn when(e: &DatedMention) -> String {
    let month = |d: CalendarDate| MONTHS[usize::from(d.month.clamp(1, 12)) - 1];
    let year = e.start.year.unwrap_or(0);
    match e.precision {
        Precision::Day if e.start == e.end => day_label(e.start),
        Precision::Day => range_label(&DateRange {
            from: Some(e.start),
            to: Some(e.end),
        }),
        Precision::Week => format!("week of {}", day_label(e.start)),
        Precision::Month => format!("{} {year}", month(e.start)),
        Precision::Year => year.to_string(),
    }
}

/// A dated mention: when, the sentence with the mention emphasised, and the document, a
/// link to the mention in the reader.
fn event_row(corpus: &CorpusHandle, e: &DatedMention) -> Html {
    let Some(doc) = corpus.document(e.doc) else {
        return html! {};
    };
    let entity = corpus
        .entities
        .mentions_in(e.doc)
        .iter()
        .find(|m| m.span == e.mention)
        .map_or(u32::MAX, |m| m.entity.0);
    let s = e.sentence;
    let (before, mention, after) = if s.contains(e.mention) {
        (
            doc.slice(dossier_model::Span::new(
                s.start as usize,
                e.mention.start as usize,
            )),
            doc.slice(e.mention),
            doc.slice(dossier_model::Span::new(e.mention.end as usize, s.end as usize)),
        )
    } else {
        ("", doc.slice(e.mention), "")
    };
    html! {
        <div class="event">
            <p class="event-when">
                <strong>{ when(e) }</strong>
                <span class="muted">{ " \u{00b7} " }</span>
                <Link<Route, SearchParams> to={Route::Document { id: e.doc.0 }}
                    query={Some(SearchParams::mention(e.mention.start, entity))}>{ &doc.title.text }</Link<Route, SearchParams>>
                <AddedBadge added_by_user={doc.origin.added_by_user} />
            </p>
            <p class="event-sentence">{ before }<mark class="date-mention">{ mention }</mark>{ after }</p>
        </div>
    }
}
