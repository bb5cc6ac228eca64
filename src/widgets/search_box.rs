//! The search box: `/` focuses it from anywhere; Up, Down and Enter move through results.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Performance mark set on every keystroke in the box; the browser benchmark measures
/// from it to the document list's `RESULTS_PAINTED_MARK`.
pub const KEYSTROKE_MARK: &str = "dossier:keystroke";

/// Keys the results list acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKey {
    Up,
    Down,
    Enter,
}

/// The event, if it is a plain "/" pressed while no text field has the focus.
fn slash_outside_a_field(event: &Event) -> Option<&KeyboardEvent> {
    let event = event.dyn_ref::<KeyboardEvent>()?;
    if event.key() != "/" || event.ctrl_key() || event.meta_key() || event.alt_key() {
        return None;
    }
    let typing_elsewhere = gloo::utils::document().active_element().is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || el.has_attribute("contenteditable")
    });
    (!typing_elsewhere).then_some(event)
}

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub value: AttrValue,
    pub on_input: Callback<String>,
    pub on_key: Callback<ListKey>,
    /// Id of the results list the box controls, and of its selected row.
    pub controls: AttrValue,
    #[prop_or_default]
    pub active: Option<AttrValue>,
}

/// "/" anywhere but in a text field focuses the box (and selects its text).
#[hook]
fn use_slash_focus(input: NodeRef) {
    use_effect_with((), move |_| {
        let document = gloo::utils::document();
        // The key press is cancelled on keydown (so no "/" is typed and the browser's
        // quick find stays shut) and the box is focused on keyup, once the key's
        // character events are over: focusing on keydown lets some input paths
        // (ChromeDriver's among them) still deliver the "/" to the box.
        let on_down = EventListener::new_with_options(
            &document,
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            |event| {
                if let Some(event) = slash_outside_a_field(event) {
                    event.prevent_default();
                }
            },
        );
        let on_up = EventListener::new(&document, "keyup", move |event| {
            if let (Some(_), Some(field)) = (slash_outside_a_field(event), input.cast::<HtmlInputElement>()) {
                // Focus cannot fail on a connected input; nothing to do if it does.
                let _ = field.focus();
                field.select();
            }
        });
        move || drop((on_down, on_up))
    });
}

#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let input = use_node_ref();
    use_slash_focus(input.clone());
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(performance) = gloo::utils::window().performance() {
                // A failed mark only loses a benchmark figure.
                let _ = performance.mark(KEYSTROKE_MARK);
            }
            if let Some(field) = e.target_dyn_into::<HtmlInputElement>() {
                on_input.emit(field.value());
            }
        })
    };
    let onkeydown = {
        let on_key = props.on_key.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = match e.key().as_str() {
                "ArrowDown" => ListKey::Down,
                "ArrowUp" => ListKey::Up,
                "Enter" => ListKey::Enter,
                _ => return,
            };
            e.prevent_default();
            on_key.emit(key);
        })
    };
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());

    html! {
        <form class="search" role="search" {onsubmit}>
            <label for="search-input" class="visually-hidden">{ "Search the corpus" }</label>
            <input id="search-input" ref={input} type="search" autocomplete="off" spellcheck="false"
                placeholder="Search: words, \"a phrase\", -exclude, OR, title:, outlet:, date:2022-09-01..2022-09-15"
                value={props.value.clone()} {oninput} {onkeydown}
                role="combobox" aria-expanded="true" aria-autocomplete="list"
                aria-controls={props.controls.clone()} aria-activedescendant={props.active.clone()} />
            <kbd class="shortcut" aria-hidden="true">{ "/" }</kbd>
        </form>
    }
}
