//! The list pre-rendered into `index.html` (the app's first paint module renders it with
//! the page's own components): one `<template>` per layout, which the page's script shows
//! at once, so the list is on screen as soon as the HTML and CSS are in, long before the
//! app's wasm.

use crate::dist::html_error;
use crate::{Result, TaskError};
use dossier::corpus::CorpusHandle;
use dossier::first_paint::{render, Layout};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};

/// The templates `index.html` holds for the two layouts.
const TEMPLATES: [(&str, Layout); 2] = [
    ("template#first-paint-wide", Layout::Wide),
    ("template#first-paint-narrow", Layout::Narrow),
];

/// `html` with its first-paint templates holding the list of the corpus in `bytes`, its
/// links under the page's `<base href>` (the build's public URL).
pub fn fill(html: &str, bytes: &[u8]) -> Result<String> {
    let public_url = base_href(html)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| TaskError(format!("cannot start a runtime for the first paint: {e}")))?;
    // Decoded once: both layouts share the corpus and its facet counts.
    let corpus = CorpusHandle::new(dossier_store::decode(bytes).map_err(|e| TaskError(e.to_string()))?);
    let filled = TEMPLATES.map(|(selector, layout)| {
        let markup = runtime.block_on(render(corpus.clone(), &public_url, layout));
        (selector, markup, std::cell::Cell::new(false))
    });
    let out = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: filled
                .iter()
                .map(|(selector, markup, found)| {
                    element!(selector, move |el| {
                        el.set_inner_content(markup, ContentType::Html);
                        found.set(true);
                        Ok(())
                    })
                })
                .collect(),
            ..RewriteStrSettings::default()
        },
    )
    .map_err(html_error)?;
    match filled.iter().find(|(_, _, found)| !found.get()) {
        Some((selector, _, _)) => Err(TaskError(format!(
            "index.html has no <{selector}>: the list would wait for the app's wasm"
        ))),
        None => Ok(out),
    }
}

/// The `href` of the page's `<base>` (Trunk writes the public URL there); `/` without one.
fn base_href(html: &str) -> Result<String> {
    let href = std::cell::RefCell::new(None);
    rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("base[href]", |el| {
                *href.borrow_mut() = el.get_attribute("href");
                Ok(())
            })],
            ..RewriteStrSettings::default()
        },
    )
    .map_err(html_error)?;
    Ok(href.into_inner().unwrap_or_else(|| "/".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head><base href="/dossier/" /></head><body><template id="first-paint-wide"></template><template id="first-paint-narrow"></template></body></html>"#;

    fn seeds_bytes() -> Vec<u8> {
        let corpus = dossier_ingest::load_corpus(&crate::root().join("seeds")).unwrap();
        let model = dossier_nlp::ner::Model::from_bytes(dossier_nlp::ner::MODEL).unwrap();
        dossier_core::embed(corpus, &model)
    }

    #[test]
    fn both_layouts_hold_the_list_with_links_under_the_public_url() {
        let html = fill(PAGE, &seeds_bytes()).unwrap();
        let wide = html.split("first-paint-narrow").next().unwrap();
        let narrow = html.split("first-paint-narrow").nth(1).unwrap();
        for layout in [wide, narrow] {
            assert!(layout.contains(r#"id="search-input""#), "{layout}");
            assert!(
                layout.contains(r#"<a href="/dossier/doc/4" class="row-link">"#),
                "{layout}"
            );
            assert!(layout.contains("5 documents"), "{layout}");
        }
        // A phone's rows are taller (their title takes two lines).
        assert!(wide.contains("top: 64px; height: 64px"), "{wide}");
        assert!(narrow.contains("top: 88px; height: 88px"), "{narrow}");
    }

    #[test]
    fn markup_in_a_title_is_written_as_text() {
        let title = "<img src=x onerror=alert(1)> Talks & <b>tariffs</b>";
        let corpus = dossier_ingest::ingest(vec![dossier_ingest::source::SourceFile::new(
            "a.txt".to_owned(),
            format!("{title}\n\nTrade ministers met in Geneva on Monday to talk about tariffs.\n")
                .into_bytes(),
        )]);
        let model = dossier_nlp::ner::Model::from_bytes(dossier_nlp::ner::MODEL).unwrap();
        let html = fill(PAGE, &dossier_core::embed(corpus, &model)).unwrap();
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
    }

    #[test]
    fn a_page_without_the_templates_is_refused() {
        let err = fill("<html><body></body></html>", &seeds_bytes()).unwrap_err();
        assert!(err.to_string().contains("first-paint-wide"), "{err}");
    }
}
