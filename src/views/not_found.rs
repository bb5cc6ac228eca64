//! The view for an address that names nothing.

use crate::route::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn NotFound() -> Html {
    html! {
        <section class="not-found">
            <h1>{ "Not found" }</h1>
            <p>{ "There is no document at this address in this corpus." }</p>
            <Link<Route> to={Route::Documents}>{ "All documents" }</Link<Route>>
        </section>
    }
}
