//! The corpus at a glance: every document with its title, outlet, date and length.

use super::meta;
use crate::corpus::CorpusHandle;
use crate::route::Route;
use dossier_core::Document;
use yew::prelude::*;
use yew_router::prelude::*;

/// Performance mark set at the first animation frame after the list is in the DOM; the
/// browser benchmark reads it.
pub const PAINTED_MARK: &str = "dossier:list-painted";

#[component]
pub fn DocumentList() -> Html {
    let corpus = use_context::<CorpusHandle>().expect("DocumentList needs a CorpusHandle context");
    use_effect_with((), |_| {
        gloo::utils::document().set_title("Dossier");
        let frame = gloo::render::request_animation_frame(|_| {
            if let Some(performance) = gloo::utils::window().performance() {
                // A failed mark only loses a benchmark figure; the page is unaffected.
                let _ = performance.mark(PAINTED_MARK);
            }
        });
        move || drop(frame)
    });

    let docs = &corpus.documents;
    let files = docs.iter().filter(|d| d.origin.part == 0).count();
    html! {
        <section class="documents" aria-labelledby="documents-heading">
            <h1 id="documents-heading">{ format!("{} documents", docs.len()) }</h1>
            <p class="summary">
                { format!("from {files} files") }
                if !corpus.skipped.is_empty() {
                    { format!(", {} skipped", corpus.skipped.len()) }
                }
            </p>
            <SkippedFiles />
            <table class="document-table">
                <thead>
                    <tr>
                        <th scope="col">{ "Title" }</th>
                        <th scope="col">{ "Outlet" }</th>
                        <th scope="col">{ "Date" }</th>
                        <th scope="col" class="num">{ "Length" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for docs.iter().map(row) }
                </tbody>
            </table>
        </section>
    }
}

fn row(doc: &Document) -> Html {
    html! {
        <tr key={doc.id.0}>
            <td class="title-cell">
                <Link<Route> to={Route::Document { id: doc.id.0 }}>{ &doc.title.text }</Link<Route>>
                if doc.title.is_derived() {
                    <span class="badge derived" title="The page has no headline: this title is made from its lead">
                        { "derived title" }
                    </span>
                }
            </td>
            <td class={classes!("outlet", doc.outlet.is_none().then_some("unknown"))}>{ meta::outlet(doc) }</td>
            <td class={classes!("date", doc.published.is_none().then_some("unknown"))}>{ meta::published(doc) }</td>
            <td class="num">{ meta::words(doc) }</td>
        </tr>
    }
}

/// Files the build could not use, and why: nothing is dropped without a word.
#[component]
fn SkippedFiles() -> Html {
    let corpus = use_context::<CorpusHandle>().expect("SkippedFiles needs a CorpusHandle context");
    if corpus.skipped.is_empty() {
        return html! {};
    }
    html! {
        <details class="skipped">
            <summary>
                { match corpus.skipped.len() {
                    1 => "1 file was skipped".to_owned(),
                    n => format!("{n} files were skipped"),
                } }
            </summary>
            <ul>
                { for corpus.skipped.iter().map(|s| html! {
                    <li><code>{ &s.file }</code>{ ": " }{ &s.reason }</li>
                }) }
            </ul>
        </details>
    }
}
