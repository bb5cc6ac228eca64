//! The timeline: the dates the list's documents talk about ("Wednesday", "next week",
//! "September 15-16", resolved at build time against each document's publication date)
//! and the documents themselves by publication date, on one axis; below, each dated
//! mention with its sentence. A click on the axis narrows the list to that day.

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::{Route, SearchParams};
use crate::widgets::facets::range_label;
use crate::widgets::meta::AddedBadge;
use crate::widgets::scope::{use_scope, ScopeNote};
use crate::widgets::virtual_list::VirtualList;
use dossier_core::date::CalendarDate;
use dossier_core::document::DocId;
use dossier_core::explore::{DatedMention, Precision};
use dossier_core::search::query::DateRange;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 170.0;
const PAD: f64 = 24.0;
/// Row height of a dated mention, in CSS pixels.
const EVENT_ROW: u32 = 76;

/// What the timeline shows: dated mentions in date order, documents by publication day.
struct Timeline {
    events: Vec<DatedMention>,
    published: BTreeMap<u32, Vec<DocId>>,
    /// The axis: its first and last days, as day numbers and dates.
    first: u32,
    last: u32,
    first_date: Option<CalendarDate>,
    last_date: Option<CalendarDate>,
}

fn timeline(corpus: &CorpusHandle, docs: &[DocId]) -> Timeline {
    let scope: HashSet<DocId> = docs.iter().copied().collect();
    let mut events: Vec<DatedMention> = corpus
        .insights
        .dated
        .iter()
        .filter(|d| scope.contains(&d.doc))
        .copied()
        .collect();
    events.sort_by_key(|d| (d.start, d.end, d.doc, d.mention.start));
    let mut published: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
    for &doc in docs {
        if let Some(day) = corpus
            .document(doc)
            .and_then(|d| d.published)
            .and_then(|p| p.date.day_number())
        {
            published.entry(day).or_default().push(doc);
        }
    }
    // A month or a year is placed at its start: its end would stretch the axis ("2022"
    // ends in December) past everything the documents are about.
    let days = events
        .iter()
        .flat_map(|e| [Some(e.start), (e.precision <= Precision::Week).then_some(e.end)])
        .flatten()
        .chain(
            docs.iter()
                .filter_map(|&d| corpus.document(d).and_then(|d| d.published).map(|p| p.date)),
        )
        .filter_map(|d| Some((d.day_number()?, d)));
    let (mut first, mut last) = ((u32::MAX, None), (0, None));
    for (n, date) in days {
        if n < first.0 {
            first = (n, Some(date));
        }
        if n >= last.0 {
            last = (n, Some(date));
        }
    }
    Timeline {
        events,
        published,
        first: first.0,
        last: last.0,
        first_date: first.1,
        last_date: last.1,
    }
}

#[component]
pub fn TimelineView() -> Html {
    let corpus = use_corpus();
    let (params, docs) = use_scope();
    let day = use_state_eq(|| None::<u32>);
    use_effect_with((), |_| {
        gloo::utils::document().set_title("Timeline \u{2014} Dossier")
    });
    let t: Rc<Timeline> = {
        let corpus = corpus.clone();
        use_memo(docs.clone(), move |docs| timeline(&corpus, docs))
    };
    let shown: Rc<Vec<DatedMention>> = {
        let t = t.clone();
        use_memo(*day, move |day| match day {
            None => t.events.clone(),
            Some(d) => t
                .events
                .iter()
                .filter(|e| {
                    e.start.day_number().is_some_and(|s| s <= *d)
                        && e.end.day_number().is_some_and(|x| x >= *d)
                })
                .copied()
                .collect(),
        })
    };
    let row = {
        let (corpus, shown) = (corpus.clone(), shown.clone());
        Callback::from(move |i: usize| match shown.get(i) {
            Some(e) => event_row(&corpus, e),
            None => html! {},
        })
    };
    if t.events.is_empty() && t.published.is_empty() {
        return html! {
            <section class="timeline-view" aria-labelledby="timeline-heading">
                <h1 id="timeline-heading">{ "Timeline" }</h1>
                <ScopeNote params={params.clone()} count={docs.len()} route={Route::Timeline} />
                <p class="muted">{ "These documents have no publication date and mention no date that could be placed on the calendar." }</p>
            </section>
        };
    }
    let span = f64::from(t.last.saturating_sub(t.first).max(1));
    let x = |d: u32| PAD + (WIDTH - 2.0 * PAD) * f64::from(d.saturating_sub(t.first)) / span;
    // Mentions per day they start on, for the bars.
    let mut per_day: BTreeMap<u32, u32> = BTreeMap::new();
    for e in &t.events {
        if let Some(d) = e.start.day_number() {
            *per_day.entry(d).or_default() += 1;
        }
    }
    let max = per_day.values().copied().max().unwrap_or(1).max(1);
    let pick = |d: u32| {
        let day = day.clone();
        Callback::from(move |_: MouseEvent| day.set(if *day == Some(d) { None } else { Some(d) }))
    };
    let pick_key = |d: u32| {
        let day = day.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                day.set(if *day == Some(d) { None } else { Some(d) });
            }
        })
    };
    let date_of = |d: u32| -> String {
        // The events and documents on that day carry the calendar date.
        t.events
            .iter()
            .find(|e| e.start.day_number() == Some(d))
            .map(|e| e.start)
            .or_else(|| {
                t.published
                    .get(&d)
                    .and_then(|docs| docs.first())
                    .and_then(|&doc| corpus.document(doc))
                    .and_then(|doc| doc.published.map(|p| p.date))
            })
            .map(day_label)
            .unwrap_or_default()
    };
    let bar_width = ((WIDTH - 2.0 * PAD) / span).clamp(2.0, 14.0);
    html! {
        <section class="timeline-view" aria-labelledby="timeline-heading">
            <h1 id="timeline-heading">{ "Timeline" }</h1>
            <ScopeNote params={params.clone()} count={docs.len()} route={Route::Timeline} />
            <svg class="timeline" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="group"
                aria-label="Publication days (circles) and the days the documents mention (bars); press Enter on one to list it">
                <text class="band-label" x={PAD.to_string()} y="14">{ "Published" }</text>
                <text class="band-label" x={PAD.to_string()} y="62">{ "Mentioned" }</text>
                <line class="axis" x1={PAD.to_string()} x2={(WIDTH - PAD).to_string()} y1="140" y2="140" />
                { for t.published.iter().map(|(&d, docs)| html! {
                    <g class={classes!("pub", (*day == Some(d)).then_some("picked"))} tabindex="0" role="button"
                        aria-label={format!("{}: {} published", date_of(d), docs.len())}
                        onclick={pick(d)} onkeydown={pick_key(d)}>
                        <circle cx={x(d).to_string()} cy="32" r={(4.0 + 2.0 * (docs.len() as f64).sqrt()).to_string()} />
                    </g>
                }) }
                { for per_day.iter().map(|(&d, &n)| {
                    let h = 8.0 + 62.0 * f64::from(n) / f64::from(max);
                    html! {
                        <g class={classes!("mentioned", (*day == Some(d)).then_some("picked"))} tabindex="0" role="button"
                            aria-label={format!("{}: {n} mentions", date_of(d))} onclick={pick(d)} onkeydown={pick_key(d)}>
                            <rect x={(x(d) - bar_width / 2.0).to_string()} y={(140.0 - h).to_string()}
                                width={bar_width.to_string()} height={h.to_string()} />
                        </g>
                    }
                }) }
                <text class="tick" x={PAD.to_string()} y="158">{ t.first_date.map(day_label).unwrap_or_default() }</text>
                <text class="tick" x={(WIDTH - PAD).to_string()} y="158" text-anchor="end">{ t.last_date.map(day_label).unwrap_or_default() }</text>
            </svg>
            <div class="section-head">
                <h2>{ match *day {
                    Some(d) => format!("{} \u{2014} {} dated mentions", date_of(d), shown.len()),
                    None => format!("Dated mentions ({})", shown.len()),
                } }</h2>
                if day.is_some() {
                    <button type="button" class="link-button" onclick={ let d = day.clone(); move |_| d.set(None) }>{ "All days" }</button>
                }
            </div>
            if let Some(d) = *day {
                if let Some(docs) = t.published.get(&d) {
                    <p>
                        { "Published that day: " }
                        { for docs.iter().filter_map(|&id| corpus.document(id)).map(|doc| html! {
                            <><Link<Route> to={Route::Document { id: doc.id.0 }}>{ &doc.title.text }</Link<Route>><AddedBadge added_by_user={doc.origin.added_by_user} />{ " " }</>
                        }) }
                    </p>
                }
            }
            <VirtualList count={shown.len()} row_height={EVENT_ROW} {row} id="timeline-events" label="Dated mentions" />
        </section>
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
            doc.slice(dossier_core::Span::new(
                s.start as usize,
                e.mention.start as usize,
            )),
            doc.slice(e.mention),
            doc.slice(dossier_core::Span::new(e.mention.end as usize, s.end as usize)),
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
