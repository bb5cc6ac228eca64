//! The co-occurrence graph: the list's most-mentioned names as circles sized by
//! mentions, lines weighted by how often two share a sentence (or paragraph). Laid out in
//! Rust ([`dossier_explore::graph`]), drawn as SVG; drag to pan, wheel or buttons to
//! zoom, click or Enter on a name to focus it and its neighbours. The top N with "Show
//! more". Labels keep their size on screen, so zooming in makes room for more of them;
//! the most-mentioned names are labelled at every zoom. A key names the types' colours,
//! and on a phone, where a 960-unit drawing shrinks to a few hundred pixels, the same
//! graph is read as a list of names with what each is linked to.

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::Route;
use crate::state::viewport::{Action as ViewAction, Viewport};
use crate::widgets::entities::{type_class, type_name};
use crate::widgets::keys::on_activate;
use crate::widgets::scope::{use_scope, ScopeNote};
use dossier_explore::graph::{graph, labels, Graph, GraphConfig};
use dossier_explore::layout::{Point, Rect};
use dossier_explore::Unit;
use dossier_model::entity::EntityType;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// The drawing's size in its own units (the SVG scales to the page).
const WIDTH: f32 = 960.0;
const HEIGHT: f32 = 640.0;
/// Nodes shown first, and added by "Show more".
const STEP: usize = 40;
/// Pixels a label's character takes, for placing labels without measuring text.
const CHAR_WIDTH: f32 = 6.6;

/// Zoom steps of the wheel and the buttons.
const WHEEL_STEP: f64 = 1.15;
const BUTTON_IN: f64 = 1.25;
const BUTTON_OUT: f64 = 0.8;

#[component]
pub fn GraphView() -> Html {
    let corpus = use_corpus();
    let (params, docs) = use_scope();
    let top = use_state_eq(|| STEP);
    let unit = use_state_eq(|| Unit::Sentence);
    let focus = use_state_eq(|| None::<usize>);
    let view = use_reducer(|| Viewport::HOME);
    use_effect_with((), |_| {
        gloo::utils::document().set_title("Graph \u{2014} Dossier")
    });
    let g: Rc<Graph> = {
        let corpus = corpus.clone();
        use_memo(
            (docs.clone(), *top, *unit, params.counting(), corpus.clone()),
            move |(docs, top, unit, counting, corpus)| {
                let mut config = GraphConfig::new(*top, WIDTH, HEIGHT);
                config.unit = *unit;
                config.counting = *counting;
                graph(corpus, docs, &config, label_width)
            },
        )
    };
    // Labels placed for the zoom in steps of a tenth, so a wheel turn does not re-place
    // them at every event.
    let zoom_step = (view.scale * 10.0).round() as u32;
    let placed: Rc<Vec<Option<Rect>>> = {
        let corpus = corpus.clone();
        use_memo((g.clone(), zoom_step), move |(g, step)| {
            let widths: Vec<f32> = g
                .nodes
                .iter()
                .map(|n| {
                    corpus
                        .entities
                        .entity(n.entity)
                        .map_or(0.0, |e| label_width(&e.name))
                })
                .collect();
            labels(
                &g.nodes,
                &widths,
                &GraphConfig::new(g.nodes.len(), WIDTH, HEIGHT),
                *step as f32 / 10.0,
            )
        })
    };
    {
        let focus = focus.clone();
        use_effect_with(g.clone(), move |_| focus.set(None));
    }
    // A name picked again is let go.
    let on_pick = {
        let focus = focus.clone();
        Callback::from(move |i: usize| focus.set(if *focus == Some(i) { None } else { Some(i) }))
    };
    let on_view = view.dispatcher().to_callback();
    html! {
        <section class="graph-view" aria-labelledby="graph-heading">
            <h1 id="graph-heading">{ "Who goes with whom" }</h1>
            <ScopeNote params={params.clone()} count={docs.len()} route={Route::Graph} />
            <Controls graph={g.clone()} unit={*unit} on_unit={ let u = unit.setter(); Callback::from(move |x| u.set(x)) }
                on_view={on_view.clone()} on_more={ let t = top.clone(); Callback::from(move |()| t.set(*t + STEP)) } />
            if g.nodes.is_empty() {
                <p class="muted">{ "No names are mentioned in these documents." }</p>
            } else {
                <TypeKey graph={g.clone()} />
                <div class="graph-layout">
                    <Drawing graph={g.clone()} labels={placed} focus={*focus} view={*view} {on_view} on_pick={on_pick.clone()} />
                    <FocusPanel graph={g.clone()} focus={*focus} {on_pick} />
                </div>
                <GraphList graph={g} />
            }
        </section>
    }
}

/// A label's width in drawing units at scale 1, without measuring text.
fn label_width(name: &str) -> f32 {
    name.chars().count() as f32 * CHAR_WIDTH + 4.0
}

#[derive(Properties, PartialEq)]
struct GraphProps {
    graph: Rc<Graph>,
}

/// The colour key: one swatch per entity type drawn, in the nodes' own colours.
#[component]
fn TypeKey(props: &GraphProps) -> Html {
    let corpus = use_corpus();
    let mut kinds: Vec<EntityType> = props
        .graph
        .nodes
        .iter()
        .filter_map(|n| corpus.entities.entity(n.entity).map(|e| e.kind))
        .collect();
    kinds.sort_by_key(|k| EntityType::ALL.iter().position(|a| a == k));
    kinds.dedup();
    html! {
        <ul class="graph-key" aria-label="Colours of the entity types">
            { for kinds.iter().map(|&k| html! {
                <li class={type_class(k)}><span class="graph-swatch" aria-hidden="true"></span>{ type_name(k) }</li>
            }) }
        </ul>
    }
}

/// The name of node `i` ("" for none).
fn node_name(corpus: &CorpusHandle, g: &Graph, i: usize) -> String {
    g.nodes
        .get(i)
        .and_then(|n| corpus.entities.entity(n.entity))
        .map(|e| e.name.clone())
        .unwrap_or_default()
}

/// The graph as a list, for narrow screens (the stylesheet shows it there instead of
/// the drawing): each name, its type and mentions, and the names it is linked to.
#[component]
fn GraphList(props: &GraphProps) -> Html {
    let corpus = use_corpus();
    let g = &props.graph;
    let name = |i: usize| node_name(&corpus, g, i);
    html! {
        <ol class="graph-list" aria-label="Names and what they are linked to">
            { for g.nodes.iter().enumerate().filter_map(|(i, n)| corpus.entities.entity(n.entity).map(|e| {
                let mut linked = links(g, i);
                linked.sort_by_key(|l| std::cmp::Reverse(l.1));
                html! {
                    <li class={type_class(e.kind)}>
                        <Link<Route> to={Route::Entity { id: e.id.0 }}>{ &e.name }</Link<Route>>
                        <span class="muted">{ format!(" {} \u{00b7} {} mentions", e.kind.label(), n.mentions) }</span>
                        if !linked.is_empty() {
                            <span class="graph-list-links">{ linked_text(&linked, name) }</span>
                        }
                    </li>
                }
            })) }
        </ol>
    }
}

/// Links named in a list row before "and N more".
const LIST_LINKS: usize = 6;

/// "with China ×20, Ukraine ×11 and 27 more": the strongest links first.
fn linked_text(linked: &[(usize, u32)], name: impl Fn(usize) -> String) -> String {
    let shown: Vec<String> = linked
        .iter()
        .take(LIST_LINKS)
        .map(|&(j, w)| format!("{} \u{00d7}{w}", name(j)))
        .collect();
    match linked.len().saturating_sub(LIST_LINKS) {
        0 => format!("with {}", shown.join(", ")),
        more => format!("with {} and {more} more", shown.join(", ")),
    }
}

#[derive(Properties, PartialEq)]
struct ControlsProps {
    graph: Rc<Graph>,
    unit: Unit,
    on_unit: Callback<Unit>,
    on_view: Callback<ViewAction>,
    /// "Show more": the next [`STEP`] names.
    on_more: Callback<()>,
}

/// The link unit, zoom buttons, counts and "Show more".
#[component]
fn Controls(props: &ControlsProps) -> Html {
    let g = &props.graph;
    let on_unit = |u: Unit| props.on_unit.reform(move |_: Event| u);
    // The buttons zoom about the drawing's centre.
    let centre = (f64::from(WIDTH) / 2.0, f64::from(HEIGHT) / 2.0);
    let zoom = |factor: f64| {
        props
            .on_view
            .reform(move |_: MouseEvent| ViewAction::Zoom { factor, at: centre })
    };
    html! {
        <div class="view-controls">
            <fieldset class="sort">
                <legend>{ "Linked when they share a" }</legend>
                <label><input type="radio" name="graph-unit" checked={props.unit == Unit::Sentence} onchange={on_unit(Unit::Sentence)} />{ " sentence" }</label>
                <label><input type="radio" name="graph-unit" checked={props.unit == Unit::Paragraph} onchange={on_unit(Unit::Paragraph)} />{ " paragraph" }</label>
            </fieldset>
            <span class="zoom" role="group" aria-label="Zoom">
                <button type="button" onclick={zoom(BUTTON_IN)} aria-label="Zoom in">{ "+" }</button>
                <button type="button" onclick={zoom(BUTTON_OUT)} aria-label="Zoom out">{ "\u{2212}" }</button>
                <button type="button" onclick={props.on_view.reform(|_: MouseEvent| ViewAction::Reset)}>{ "Reset" }</button>
            </span>
            <span class="muted">{ format!("{} names, {} links (counted over all documents)", g.nodes.len(), g.edges.len()) }</span>
            if g.more > 0 {
                <button type="button" class="link-button show-more" onclick={props.on_more.reform(|_: MouseEvent| ())}>
                    { format!("Show {} more", g.more.min(STEP)) }
                </button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct DrawingProps {
    graph: Rc<Graph>,
    /// Where each node's label goes at the current zoom.
    labels: Rc<Vec<Option<Rect>>>,
    focus: Option<usize>,
    view: Viewport,
    on_view: Callback<ViewAction>,
    on_pick: Callback<usize>,
}

/// The graph as SVG: drag the background to pan, wheel to zoom.
#[component]
fn Drawing(props: &DrawingProps) -> Html {
    // Where a drag started (pointer and view), while it lasts.
    let drag = use_mut_ref(|| None::<(i32, i32, Viewport)>);
    let on_wheel = props.on_view.reform(|e: WheelEvent| {
        e.prevent_default();
        let factor = if e.delta_y() < 0.0 {
            WHEEL_STEP
        } else {
            1.0 / WHEEL_STEP
        };
        ViewAction::Zoom {
            factor,
            at: svg_point(&e),
        }
    });
    let on_down = {
        let (drag, view) = (drag.clone(), props.view);
        Callback::from(move |e: PointerEvent| {
            // Drags start on the background only: a node takes its own clicks.
            if e.target_dyn_into::<web_sys::SvgsvgElement>().is_none()
                && e.target_dyn_into::<web_sys::SvgRectElement>().is_none()
            {
                return;
            }
            if let Some(target) = e.target_dyn_into::<web_sys::Element>() {
                let _ = target.set_pointer_capture(e.pointer_id());
            }
            *drag.borrow_mut() = Some((e.client_x(), e.client_y(), view));
        })
    };
    let on_move = {
        let (drag, on_view) = (drag.clone(), props.on_view.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((x0, y0, from)) = *drag.borrow() else {
                return;
            };
            let (sx, sy) = svg_scale(&e);
            on_view.emit(ViewAction::Drag {
                from,
                dx: f64::from(e.client_x() - x0) * sx,
                dy: f64::from(e.client_y() - y0) * sy,
            });
        })
    };
    let on_up = Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None);
    html! {
        <svg class={classes!("graph", props.focus.is_some().then_some("focused"))} viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
            role="group" aria-label="Co-occurrence graph: drag to pan, wheel to zoom, Enter on a name to focus it"
            onwheel={on_wheel} onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up}>
            <rect class="graph-bg" x="0" y="0" width={WIDTH.to_string()} height={HEIGHT.to_string()} />
            <g transform={props.view.transform()}>
                { edges(&props.graph, props.focus) }
                <Nodes graph={props.graph.clone()} labels={props.labels.clone()} scale={props.view.scale} focus={props.focus} on_pick={props.on_pick.clone()} />
            </g>
        </svg>
    }
}

/// The names linked to `focus`, with the links' weights.
fn links(g: &Graph, focus: usize) -> Vec<(usize, u32)> {
    g.edges
        .iter()
        .filter_map(|e| match (e.a == focus, e.b == focus) {
            (true, _) => Some((e.b, e.weight)),
            (_, true) => Some((e.a, e.weight)),
            _ => None,
        })
        .collect()
}

/// The links, thicker the more they are shared, dimmed when not the focused name's.
fn edges(g: &Graph, focus: Option<usize>) -> Html {
    let max_weight = g.edges.iter().map(|e| e.weight).max().unwrap_or(1).max(1) as f32;
    g.edges
        .iter()
        .map(|e| {
            let (a, b) = (&g.nodes[e.a], &g.nodes[e.b]);
            let on = focus.is_none() || focus == Some(e.a) || focus == Some(e.b);
            html! {
                <line class={classes!("edge", (!on).then_some("dim"))}
                    x1={a.at.x.to_string()} y1={a.at.y.to_string()} x2={b.at.x.to_string()} y2={b.at.y.to_string()}
                    stroke-width={format!("{:.2}", 0.6 + 4.0 * e.weight as f32 / max_weight)} />
            }
        })
        .collect()
}

#[derive(Properties, PartialEq)]
struct NodesProps {
    graph: Rc<Graph>,
    labels: Rc<Vec<Option<Rect>>>,
    /// The zoom: labels are drawn at `1 / scale` so they keep their size on screen.
    scale: f64,
    focus: Option<usize>,
    on_pick: Callback<usize>,
}

#[derive(Properties, PartialEq)]
struct PanelProps {
    graph: Rc<Graph>,
    focus: Option<usize>,
    on_pick: Callback<usize>,
}

/// The names as circles, the focused one and its neighbours lit and labelled.
#[component]
fn Nodes(props: &NodesProps) -> Html {
    let corpus = use_corpus();
    let (g, focus) = (&props.graph, props.focus);
    let neighbours: Vec<usize> = focus
        .map(|f| links(g, f).into_iter().map(|(j, _)| j).collect())
        .unwrap_or_default();
    let lit = |i: usize| focus.is_none() || focus == Some(i) || neighbours.contains(&i);
    g.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let Some(e) = corpus.entities.entity(n.entity) else { return html! {} };
            let label = props.labels.get(i).copied().flatten();
            let show_label = label.is_some() || focus == Some(i) || (focus.is_some() && lit(i));
            let scale = props.scale.max(0.1) as f32;
            let (lx, ly) = match label {
                Some(r) => (r.x + r.w / 2.0, r.y + r.h - 3.0 / scale),
                None => (n.at.x, n.at.y + n.radius + 13.0 / scale),
            };
            let font = format!("font-size: {:.2}px; stroke-width: {:.2}px", 12.0 / scale, 3.0 / scale);
            let leader = label.and_then(|r| leader(n.at, n.radius, r, scale));
            let onkeydown = on_activate(&props.on_pick, i);
            html! {
                <g class={classes!("node", type_class(e.kind), (!lit(i)).then_some("dim"), (focus == Some(i)).then_some("picked"))}
                    tabindex="0" role="button" aria-pressed={(focus == Some(i)).to_string()}
                    aria-label={format!("{}, {}, {} mentions", e.name, e.kind.label(), n.mentions)}
                    onclick={props.on_pick.reform(move |_: MouseEvent| i)} {onkeydown}>
                    <circle cx={n.at.x.to_string()} cy={n.at.y.to_string()} r={n.radius.to_string()} />
                    if let Some((x1, y1, x2, y2)) = leader {
                        <line class="leader" x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()}
                            style={format!("stroke-width: {:.2}px", 1.0 / scale)} />
                    }
                    if show_label {
                        <text x={lx.to_string()} y={ly.to_string()} text-anchor="middle" style={font}>{ &e.name }</text>
                    }
                </g>
            }
        })
        .collect()
}

/// A line from a node's edge to its label when the label sits away from the node (the
/// most-mentioned names' labels, placed past the nodes crowding them), so it is clear
/// whose it is; `None` when the label touches the node's side.
fn leader(at: Point, radius: f32, label: Rect, scale: f32) -> Option<(f32, f32, f32, f32)> {
    let to = Point {
        x: at.x.clamp(label.x, label.x + label.w),
        y: at.y.clamp(label.y, label.y + label.h),
    };
    let (dx, dy) = (to.x - at.x, to.y - at.y);
    let d = (dx * dx + dy * dy).sqrt();
    (d > radius + 6.0 / scale).then(|| (at.x + dx * radius / d, at.y + dy * radius / d, to.x, to.y))
}

/// The focused name, linking to its page, and the names linked to it, most shared first.
#[component]
fn FocusPanel(props: &PanelProps) -> Html {
    let corpus = use_corpus();
    let g = &props.graph;
    let name = |i: usize| node_name(&corpus, g, i);
    let Some(f) = props.focus else {
        return html! {
            <aside class="graph-panel" aria-live="polite">
                <p class="muted">{ "Click a name (or Tab to it and press Enter) to see what it is linked to." }</p>
            </aside>
        };
    };
    let n = &g.nodes[f];
    let mut linked = links(g, f);
    linked.sort_by_key(|l| std::cmp::Reverse(l.1));
    html! {
        <aside class="graph-panel" aria-live="polite">
            <h2>
                <Link<Route> to={Route::Entity { id: n.entity.0 }}>{ name(f) }</Link<Route>>
            </h2>
            <p class="muted">{ format!("{} mentions in these documents", n.mentions) }</p>
            <ul>
                { for linked.iter().map(|&(j, w)| html! {
                    <li>
                        <button type="button" class="link-button" onclick={props.on_pick.reform(move |_: MouseEvent| j)}>{ name(j) }</button>
                        <span class="muted">{ format!(" \u{00d7}{w}") }</span>
                    </li>
                }) }
            </ul>
        </aside>
    }
}

/// The drawing under the pointer. Not `current_target`: Yew delegates events, so that is
/// the app's root, whose size made zoom and pan off scale.
fn graph_svg(e: &MouseEvent) -> Option<web_sys::Element> {
    e.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .and_then(|t| t.closest("svg.graph").ok().flatten())
}

/// The pointer's position in the drawing's own units (before pan and zoom).
fn svg_point(e: &MouseEvent) -> (f64, f64) {
    let Some(svg) = graph_svg(e) else {
        return (f64::from(WIDTH) / 2.0, f64::from(HEIGHT) / 2.0);
    };
    let rect = svg.get_bounding_client_rect();
    let (sx, sy) = (
        f64::from(WIDTH) / rect.width().max(1.0),
        f64::from(HEIGHT) / rect.height().max(1.0),
    );
    (
        (f64::from(e.client_x()) - rect.left()) * sx,
        (f64::from(e.client_y()) - rect.top()) * sy,
    )
}

/// Drawing units per screen pixel.
fn svg_scale(e: &MouseEvent) -> (f64, f64) {
    let Some(svg) = graph_svg(e) else {
        return (1.0, 1.0);
    };
    let rect = svg.get_bounding_client_rect();
    (
        f64::from(WIDTH) / rect.width().max(1.0),
        f64::from(HEIGHT) / rect.height().max(1.0),
    )
}
