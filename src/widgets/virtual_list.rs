//! A list that renders only the rows in (or near) the viewport, so ten thousand results
//! cost what twenty do. Rows have one fixed height; the page itself scrolls.

use gloo::events::EventListener;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps
/// (small: every rendered row costs on each keystroke).
const OVERSCAN: usize = 3;
/// Rows rendered before the list has been measured.
const FIRST_PAINT_ROWS: usize = 30;

#[derive(Properties, PartialEq)]
pub struct VirtualListProps {
    pub count: usize,
    /// Height of every row in CSS pixels (the stylesheet keeps rows to it).
    pub row_height: u32,
    /// Renders row `i`.
    pub row: Callback<usize, Html>,
    /// The row the keyboard has selected, kept in view.
    #[prop_or_default]
    pub selected: Option<usize>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

/// The rows in view (first, last), measured at first and on every scroll and resize.
#[hook]
fn use_rows_in_view(list: NodeRef, row_height: u32) -> (usize, usize) {
    let h = f64::from(row_height.max(1));
    // The rows in view, as if the list were endless; clamped to the count when rendering,
    // so a new result count needs no new measurement (and no forced layout).
    let range = use_state(|| (0, FIRST_PAINT_ROWS));
    let shown = use_mut_ref(|| (usize::MAX, 0));

    {
        let range = range.clone();
        use_effect_with(row_height, move |_| {
            let update = Rc::new(move || {
                let Some(el) = list.cast::<Element>() else { return };
                let viewport = gloo::utils::window()
                    .inner_height()
                    .ok()
                    .and_then(|v| v.as_f64())
                    .unwrap_or(800.0);
                let top = (-el.get_bounding_client_rect().top()).max(0.0);
                let first = ((top / h) as usize).saturating_sub(OVERSCAN);
                let last = ((top + viewport) / h).ceil() as usize + OVERSCAN;
                if *shown.borrow() != (first, last) {
                    *shown.borrow_mut() = (first, last);
                    range.set((first, last));
                }
            });
            update();
            let window = gloo::utils::window();
            let on_scroll = {
                let update = update.clone();
                EventListener::new(&window, "scroll", move |_| update())
            };
            let on_resize = EventListener::new(&window, "resize", move |_| update());
            move || drop((on_scroll, on_resize))
        });
    }
    *range
}

#[component]
pub fn VirtualList(props: &VirtualListProps) -> Html {
    let list = use_node_ref();
    let h = f64::from(props.row_height.max(1));
    let count = props.count;
    let (first, last) = use_rows_in_view(list.clone(), props.row_height);

    {
        let list = list.clone();
        use_effect_with(props.selected, move |selected| {
            if let (Some(i), Some(el)) = (*selected, list.cast::<Element>()) {
                scroll_row_into_view(&el, i, h);
            }
        });
    }

    let last = last.min(count);
    let first = first.min(last);
    let selected = props.selected;
    html! {
        <ol class="vlist" ref={list} id={props.id.clone()} aria-label={props.label.clone()}
            style={format!("height: {}px", count as f64 * h)}>
            { for (first..last).map(|i| html! {
                <li key={i} id={format!("row-{i}")}
                    class={classes!("vrow", (selected == Some(i)).then_some("selected"))}
                    aria-selected={(selected == Some(i)).then_some("true")}
                    style={format!("top: {}px; height: {}px", i as f64 * h, h)}>
                    { props.row.emit(i) }
                </li>
            }) }
        </ol>
    }
}

/// Scrolls the window just enough to show row `i` of the list `el`.
fn scroll_row_into_view(el: &Element, i: usize, h: f64) {
    let window = gloo::utils::window();
    let viewport = window
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(800.0);
    let row_top = el.get_bounding_client_rect().top() + i as f64 * h;
    let scroll = window.scroll_y().unwrap_or(0.0);
    if row_top < 0.0 {
        window.scroll_to_with_x_and_y(0.0, scroll + row_top - h);
    } else if row_top + h > viewport {
        window.scroll_to_with_x_and_y(0.0, scroll + row_top + 2.0 * h - viewport);
    }
}
