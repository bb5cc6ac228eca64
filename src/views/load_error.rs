//! Shown instead of the app when the corpus cannot be loaded or decoded.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoadErrorProps {
    pub message: String,
}

#[component]
pub fn LoadError(props: &LoadErrorProps) -> Html {
    html! {
        <main id="main" class="load-error">
            <h1>{ "Dossier cannot open its corpus" }</h1>
            <p role="alert">{ &props.message }</p>
        </main>
    }
}
