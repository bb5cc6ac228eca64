//! The facet sidebar of the list: outlets, a date histogram whose range is dragged, entity
//! types and the top entities of each type, each value with its count; and the chips
//! that show (and remove) what is picked. Counting and filtering are the core's
//! ([`dossier_explore::facets`]); this module only draws them and reports picks.

use super::counting::CountingToggle;
use super::entities::type_name;
use crate::corpus::use_corpus;
use dossier_explore::facets::{histogram, DateBucket, FacetCounts, FacetValue, Grain, Selection};
use dossier_model::date::CalendarDate;
use dossier_search::query::DateRange;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Entities shown per type before "Show more".
const ENTITIES_SHOWN: usize = 6;

#[derive(Properties, PartialEq)]
pub struct FacetPanelProps {
    pub counts: Rc<FacetCounts>,
    pub selection: Rc<Selection>,
    /// A new selection to go to.
    pub on_change: Callback<Selection>,
}

/// The sidebar. On a phone it folds behind a "Filters" button.
#[component]
pub fn FacetPanel(props: &FacetPanelProps) -> Html {
    let corpus = use_corpus();
    let open = use_state(|| false);
    let counts = &props.counts;
    let toggle = {
        let (selection, on_change) = (props.selection.clone(), props.on_change.clone());
        Callback::from(move |value: FacetValue| on_change.emit(selection.toggled(&value)))
    };
    let picked = props.selection.values().len();
    let on_date = {
        let (selection, on_change) = (props.selection.clone(), props.on_change.clone());
        Callback::from(move |date: Option<DateRange>| {
            on_change.emit(Selection {
                date,
                ..(*selection).clone()
            })
        })
    };
    let outlets: Vec<(FacetValue, String, u32)> = counts
        .outlets
        .iter()
        .map(|(name, n)| (FacetValue::Outlet(name.clone()), name.clone(), *n))
        .collect();
    // The reader's own marks first: starred, then each tag (shown once they have any).
    let marked: Vec<(FacetValue, String, u32)> = (counts.starred > 0 || props.selection.starred)
        .then(|| (FacetValue::Starred, "\u{2605} Starred".to_owned(), counts.starred))
        .into_iter()
        .chain(
            counts
                .tags
                .iter()
                .map(|(name, n)| (FacetValue::Tag(name.clone()), name.clone(), *n)),
        )
        .collect();
    let types: Vec<(FacetValue, String, u32)> = counts
        .types
        .iter()
        .map(|&(t, n)| (FacetValue::Type(t), type_name(t).to_owned(), n))
        .collect();
    html! {
        <aside class={classes!("facets", open.then_some("open"))} aria-label="Filters">
            <button type="button" class="facets-toggle" aria-expanded={open.to_string()}
                onclick={ let open = open.clone(); move |_| open.set(!*open) }>
                { if picked == 0 { "Filters".to_owned() } else { format!("Filters ({picked} on)") } }
            </button>
            <div class="facets-body">
                <CountingToggle />
                if !marked.is_empty() {
                    <FacetGroup title="Your tags" values={marked} selection={props.selection.clone()}
                        on_toggle={toggle.clone()} empty="" />
                }
                <FacetGroup title="Outlet" values={outlets} selection={props.selection.clone()}
                    on_toggle={toggle.clone()} empty="No outlet is known for these documents." />
                <DateFacet dates={counts.dates.clone()} undated={counts.undated}
                    selected={props.selection.date} on_pick={on_date} />
                <FacetGroup title="Entity type" values={types} selection={props.selection.clone()}
                    on_toggle={toggle.clone()} empty="No entities in these documents." />
                { for counts.entities.iter().filter(|(_, list)| !list.is_empty()).map(|(kind, list)| {
                    let values: Vec<(FacetValue, String, u32)> = list
                        .iter()
                        .filter_map(|&(id, n)| corpus.entities.entity(id).map(|e| (FacetValue::Entity(id), e.name.clone(), n)))
                        .collect();
                    html! {
                        <FacetGroup key={kind.label()} title={type_name(*kind)} {values}
                            selection={props.selection.clone()} on_toggle={toggle.clone()}
                            limit={ENTITIES_SHOWN} empty="" />
                    }
                }) }
            </div>
        </aside>
    }
}

#[derive(Properties, PartialEq)]
struct FacetGroupProps {
    title: AttrValue,
    /// Value, label, count.
    values: Vec<(FacetValue, String, u32)>,
    selection: Rc<Selection>,
    on_toggle: Callback<FacetValue>,
    /// Values shown before "Show more" (all when unset).
    #[prop_or_default]
    limit: Option<usize>,
    /// Said when there is no value.
    empty: AttrValue,
}

/// One facet: a checkbox per value with its count.
#[component]
fn FacetGroup(props: &FacetGroupProps) -> Html {
    let expanded = use_state(|| false);
    let picked = props.selection.values();
    let limit = match props.limit {
        Some(limit) if !*expanded => limit,
        _ => usize::MAX,
    };
    let hidden = props.values.len().saturating_sub(limit);
    html! {
        <fieldset class="facet">
            <legend>{ props.title.clone() }</legend>
            if props.values.is_empty() {
                <p class="facet-empty">{ props.empty.clone() }</p>
            }
            <ul>
                { for props.values.iter().take(limit).map(|(value, label, n)| {
                    let checked = picked.contains(value);
                    let onchange = { let (t, v) = (props.on_toggle.clone(), value.clone()); move |_| t.emit(v.clone()) };
                    html! {
                        <li>
                            <label class="facet-value">
                                // The value names the pick for the takeover from the build's list.
                                <input type="checkbox" {checked} {onchange} value={value.key()} />
                                <span class="facet-name">{ label.clone() }</span>
                                <span class="facet-count">{ n.to_string() }</span>
                            </label>
                        </li>
                    }
                }) }
            </ul>
            if hidden > 0 || (*expanded && props.limit.is_some_and(|l| props.values.len() > l)) {
                <button type="button" class="link-button facet-more"
                    onclick={ let e = expanded.clone(); move |_| e.set(!*e) }>
                    { if *expanded { "Show fewer".to_owned() } else { format!("Show {hidden} more") } }
                </button>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct DateFacetProps {
    dates: Vec<(CalendarDate, u32)>,
    undated: u32,
    selected: Option<DateRange>,
    on_pick: Callback<Option<DateRange>>,
}

/// Publication dates as a histogram. Drag across bars (mouse or touch) to pick a range;
/// a bar's button picks that bar alone (Enter or Space), Shift stretches the range to it.
#[component]
fn DateFacet(props: &DateFacetProps) -> Html {
    let (grain, bars) = histogram(&props.dates);
    let bars = Rc::new(bars);
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    // Bars `a..=b` picked: their range, or nothing when it is the range already picked
    // (a tap on the bar already picked alone unpicks it).
    let pick = {
        let (bars, on_pick, selected) = (bars.clone(), props.on_pick.clone(), props.selected);
        Callback::from(move |(a, b): (usize, usize)| {
            let range = DateRange {
                from: bars[a.min(b)].range.from,
                to: bars[a.max(b)].range.to,
            };
            on_pick.emit((selected != Some(range)).then_some(range));
        })
    };
    let drag = use_bar_drag(pick.clone());
    let covered = |i: usize| match drag.covered {
        Some((a, b)) => (a..=b).contains(&i),
        None => props.selected.is_some_and(|r| within(&bars[i], &r)),
    };
    html! {
        <fieldset class="facet date-facet">
            <legend>{ "Published" }</legend>
            if bars.is_empty() {
                <p class="facet-empty">{ "No publication dates are known for these documents." }</p>
            } else {
                <div class="histogram" role="group" aria-label="Documents by publication date: drag across bars to pick a range"
                    onpointerdown={drag.on_down} onpointermove={drag.on_move} onpointerup={drag.on_up.clone()} onpointercancel={drag.on_up}>
                    { for bars.iter().enumerate().map(|(i, bar)| {
                        let height = if bar.count == 0 { 0.0 } else { 8.0 + 92.0 * f64::from(bar.count) / f64::from(max) };
                        html! {
                            <button type="button" class={classes!("bar", covered(i).then_some("picked"))}
                                data-bar={i.to_string()} aria-pressed={covered(i).to_string()}
                                aria-label={format!("{}: {} documents", bucket_label(bar, grain), bar.count)}
                                title={format!("{}: {}", bucket_label(bar, grain), bar.count)}
                                onclick={key_pick(&bars, props.selected, &pick, i)}>
                                <span class="bar-fill" style={format!("height: {height:.0}%")}></span>
                            </button>
                        }
                    }) }
                </div>
                { axis_and_pick(&bars, grain, props) }
            }
            if props.undated > 0 {
                <p class="facet-empty">{ format!("{} without a date", props.undated) }</p>
            }
        </fieldset>
    }
}

/// The histogram's first and last labels, and the picked range with a way back to any.
fn axis_and_pick(bars: &[DateBucket], grain: Grain, props: &DateFacetProps) -> Html {
    html! {
        <>
            <p class="histogram-axis">
                <span>{ bars.first().map(|b| bucket_label(b, grain)).unwrap_or_default() }</span>
                <span>{ bars.last().map(|b| bucket_label(b, grain)).unwrap_or_default() }</span>
            </p>
            if let Some(range) = props.selected {
                <p class="date-picked">
                    { range_label(&range) }
                    { " " }
                    <button type="button" class="link-button"
                        onclick={props.on_pick.reform(|_: MouseEvent| None)}>{ "any date" }</button>
                </p>
            }
        </>
    }
}

/// A bar's button pressed from the keyboard picks that bar alone; with Shift, the
/// picked range stretched to it. Pointer clicks were handled on pointer up.
fn key_pick(
    bars: &Rc<Vec<DateBucket>>,
    selected: Option<DateRange>,
    pick: &Callback<(usize, usize)>,
    i: usize,
) -> Callback<MouseEvent> {
    let (bars, pick) = (bars.clone(), pick.clone());
    Callback::from(move |e: MouseEvent| {
        // A click with no pointer (`detail` 0) comes from the keyboard.
        if e.detail() != 0 {
            return;
        }
        pick.emit(match (e.shift_key(), selected) {
            (true, Some(current)) => {
                let first = bars.iter().position(|b| within(b, &current)).unwrap_or(i);
                let last = bars.iter().rposition(|b| within(b, &current)).unwrap_or(i);
                (first.min(i), last.max(i))
            }
            _ => (i, i),
        })
    })
}

/// A drag across the histogram's bars, mouse or touch.
struct BarDrag {
    /// The bars covered so far (first, last), while the drag lasts.
    covered: Option<(usize, usize)>,
    on_down: Callback<PointerEvent>,
    on_move: Callback<PointerEvent>,
    /// Ends the drag, picking the bars it covered.
    on_up: Callback<PointerEvent>,
}

#[hook]
fn use_bar_drag(pick: Callback<(usize, usize)>) -> BarDrag {
    // Where a drag started and the bars it covers so far: kept in a cell the handlers
    // share, not read from state, because a quick click's pointer up can come before the
    // render that the pointer down asked for (a click then highlighted a bar and picked
    // nothing). The state only draws the covered bars.
    let drag = use_mut_ref(|| None::<(usize, (usize, usize))>);
    let dragging = use_state_eq(|| None::<(usize, usize)>);
    let on_down = {
        let (drag, dragging) = (drag.clone(), dragging.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(i) = bar_at(e.client_x(), e.client_y()) else {
                return;
            };
            // Capture keeps the drag alive when the pointer leaves the strip. On the strip
            // itself: Yew delegates events, so `current_target` is the app's root, and a
            // capture there sent the pointer up past the strip's handler (a click picked
            // nothing).
            let strip = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest(".histogram").ok().flatten());
            if let Some(strip) = strip {
                let _ = strip.set_pointer_capture(e.pointer_id());
            }
            e.prevent_default();
            *drag.borrow_mut() = Some((i, (i, i)));
            dragging.set(Some((i, i)));
        })
    };
    let on_move = {
        let (drag, dragging) = (drag.clone(), dragging.clone());
        Callback::from(move |e: PointerEvent| {
            let mut drag = drag.borrow_mut();
            let Some((anchor, covered)) = drag.as_mut() else {
                return;
            };
            if let Some(i) = bar_at(e.client_x(), e.client_y()) {
                *covered = ((*anchor).min(i), (*anchor).max(i));
                dragging.set(Some(*covered));
            }
        })
    };
    let on_up = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| {
            let Some((_, covered)) = drag.borrow_mut().take() else {
                return;
            };
            pick.emit(covered);
            dragging.set(None);
        })
    };
    BarDrag {
        covered: *dragging,
        on_down,
        on_move,
        on_up,
    }
}

/// Is the bar inside the range?
fn within(bar: &DateBucket, range: &DateRange) -> bool {
    match (bar.range.from, bar.range.to) {
        (Some(from), Some(to)) => range.contains(from) && range.contains(to),
        _ => false,
    }
}

/// The bar under a point, read from its `data-bar`.
fn bar_at(x: i32, y: i32) -> Option<usize> {
    let element = gloo::utils::document().element_from_point(x as f32, y as f32)?;
    let bar = element.closest("[data-bar]").ok()??;
    bar.dyn_into::<HtmlElement>()
        .ok()?
        .get_attribute("data-bar")?
        .parse()
        .ok()
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn day_label(d: CalendarDate) -> String {
    let month = MONTHS[usize::from(d.month.clamp(1, 12)) - 1];
    match d.year {
        Some(y) => format!("{} {month} {y}", d.day),
        None => format!("{} {month}", d.day),
    }
}

fn bucket_label(bar: &DateBucket, grain: Grain) -> String {
    let Some(from) = bar.range.from else {
        return String::new();
    };
    let year = from.year.unwrap_or(0);
    match grain {
        Grain::Day => day_label(from),
        Grain::Month => format!("{} {year}", MONTHS[usize::from(from.month.clamp(1, 12)) - 1]),
        Grain::Years(1) => year.to_string(),
        Grain::Years(_) => format!(
            "{year}\u{2013}{}",
            bar.range.to.and_then(|t| t.year).unwrap_or(year)
        ),
    }
}

/// "7 Sep 2022 – 9 Sep 2022", or one day.
pub fn range_label(range: &DateRange) -> String {
    match (range.from, range.to) {
        (Some(a), Some(b)) if a == b => day_label(a),
        (Some(a), Some(b)) => format!("{} \u{2013} {}", day_label(a), day_label(b)),
        (Some(a), None) => format!("from {}", day_label(a)),
        (None, Some(b)) => format!("until {}", day_label(b)),
        (None, None) => "any date".to_owned(),
    }
}

#[derive(Properties, PartialEq)]
pub struct ChipsProps {
    pub selection: Rc<Selection>,
    pub on_change: Callback<Selection>,
}

/// What is picked, one removable chip each, and "Clear all".
#[component]
pub fn Chips(props: &ChipsProps) -> Html {
    let corpus = use_corpus();
    let values = props.selection.values();
    if values.is_empty() {
        return html! {};
    }
    let label = |value: &FacetValue| match value {
        FacetValue::Outlet(name) => format!("Outlet: {name}"),
        FacetValue::Date(range) => format!("Published: {}", range_label(range)),
        FacetValue::Type(t) => format!("Type: {}", t.label()),
        FacetValue::Entity(id) => match corpus.entities.entity(*id) {
            Some(e) => format!("{}: {}", e.kind.label(), e.name),
            None => format!("Entity {}", id.0),
        },
        FacetValue::Tag(name) => format!("Tag: {name}"),
        FacetValue::Starred => "Starred".to_owned(),
    };
    html! {
        <div class="chips" role="group" aria-label="Filters on">
            { for values.iter().map(|value| {
                let text = label(value);
                let onclick = {
                    let (selection, on_change, value) = (props.selection.clone(), props.on_change.clone(), value.clone());
                    move |_| on_change.emit(selection.toggled(&value))
                };
                html! {
                    <button type="button" class="chip" {onclick} aria-label={format!("Remove filter {text}")}>
                        { text }<span class="chip-x" aria-hidden="true">{ "\u{00d7}" }</span>
                    </button>
                }
            }) }
            <button type="button" class="link-button clear-all"
                onclick={ let c = props.on_change.clone(); move |_| c.emit(Selection::default()) }>
                { "Clear all" }
            </button>
        </div>
    }
}
