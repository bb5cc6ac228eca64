//! One document: its metadata, and its text with removed, flagged and metadata regions
//! marked. Removed text is hidden until the user asks for it; nothing is ever dropped.

use super::meta;
use super::not_found::NotFound;
use crate::corpus::CorpusHandle;
use crate::route::Route;
use dossier_core::document::{DocId, Document, Piece, RegionKind, Treatment};
use dossier_core::Span;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub id: u32,
}

#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let corpus = use_context::<CorpusHandle>().expect("Reader needs a CorpusHandle context");
    let show_removed = use_state(|| false);
    let title = corpus.document(DocId(props.id)).map(|d| d.title.text.clone());
    use_effect_with(title, |title| {
        if let Some(title) = title {
            gloo::utils::document().set_title(&format!("{title} \u{2014} Dossier"));
        }
    });
    let Some(doc) = corpus.document(DocId(props.id)) else {
        return html! { <NotFound /> };
    };

    let removed = doc
        .regions
        .iter()
        .filter(|r| r.kind != RegionKind::Headline && r.kind.treatment() == Treatment::Removed)
        .count();
    let toggle = {
        let show_removed = show_removed.clone();
        Callback::from(move |_: MouseEvent| show_removed.set(!*show_removed))
    };
    let show = *show_removed;
    html! {
        <article class="reader" aria-labelledby="doc-title">
            <DocNav id={props.id} count={corpus.documents.len()} />
            <h1 id="doc-title">{ &doc.title.text }</h1>
            if doc.title.is_derived() {
                <p class="derived-note">
                    <span class="badge derived">{ "derived title" }</span>
                    { " The page has no headline; this title is made from its lead." }
                </p>
            }
            <Metadata id={props.id} />
            if removed > 0 {
                <button type="button" class="toggle-removed" aria-pressed={show.to_string()} onclick={toggle}>
                    { if show { format!("Hide removed text ({removed})") } else { format!("Show removed text ({removed})") } }
                </button>
            }
            <div class="doc-body">
                { for doc.paragraphs.iter().filter(|&&p| show || !doc.is_removed(p)).map(|&p| paragraph(doc, p, show)) }
            </div>
        </article>
    }
}

fn paragraph(doc: &Document, span: Span, show_removed: bool) -> Html {
    let all_removed = doc.is_removed(span);
    html! {
        <p class={classes!(all_removed.then_some("removed-paragraph"))}>
            { for doc.pieces(span).into_iter().map(|piece| piece_html(doc, piece, show_removed)) }
        </p>
    }
}

/// A piece of text; regions carry a visible tag so colour is never the only signal.
fn piece_html(doc: &Document, piece: Piece, show_removed: bool) -> Html {
    let text = doc.slice(piece.span).to_owned();
    let Some(kind) = piece.region else {
        return html! { { text } };
    };
    let label = kind.label();
    match kind.treatment() {
        Treatment::Removed if !show_removed => html! {},
        Treatment::Removed => html! {
            <span class="region removed" title={format!("Removed: {label}")}>
                <span class="region-tag">{ label }</span>{ text }
            </span>
        },
        Treatment::Flagged => html! {
            <mark class="region flagged" title={format!("Flagged: {label}")}>
                <span class="region-tag">{ label }</span>{ text }
            </mark>
        },
        Treatment::Metadata => html! {
            <span class="region metadata" title={label}>{ text }</span>
        },
    }
}

#[derive(Properties, PartialEq)]
struct MetadataProps {
    id: u32,
}

/// Outlet, dates (the story's and the page's), source file and length.
#[component]
fn Metadata(props: &MetadataProps) -> Html {
    let corpus = use_context::<CorpusHandle>().expect("Metadata needs a CorpusHandle context");
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
struct DocNavProps {
    id: u32,
    count: usize,
}

#[component]
fn DocNav(props: &DocNavProps) -> Html {
    let prev = props.id.checked_sub(1);
    let next = Some(props.id + 1).filter(|&n| (n as usize) < props.count);
    html! {
        <nav class="doc-nav" aria-label="Documents">
            <Link<Route> to={Route::Documents}>{ "\u{2190} All documents" }</Link<Route>>
            <span class="spacer"></span>
            if let Some(id) = prev {
                <Link<Route> to={Route::Document { id }} classes="prev">{ "Previous" }</Link<Route>>
            }
            if let Some(id) = next {
                <Link<Route> to={Route::Document { id }} classes="next">{ "Next" }</Link<Route>>
            }
        </nav>
    }
}
