//! Copy with citation: a passage or a note with the document's title, outlet and date
//! and the app's address of that spot, as plain text and as Markdown, ready to paste
//! into a story, a chat or a fact-check.

use crate::widgets::meta;
use dossier_model::document::Document;
use dossier_model::Span;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// What a citation says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The passage, as the text has it.
    pub passage: String,
    /// The reader's note on it, when citing a note.
    pub note: Option<String>,
    pub title: String,
    pub outlet: String,
    pub date: String,
    /// The app's address of the spot (`…/doc/3?at=120`).
    pub address: String,
}

impl Citation {
    pub fn new(doc: &Document, span: Span, address: String) -> Citation {
        Citation {
            passage: collapse(doc.slice(span)),
            note: None,
            title: doc.title.text.clone(),
            outlet: meta::outlet(doc).to_owned(),
            date: meta::published(doc),
            address,
        }
    }

    /// "“passage” (Note: …) Title. Outlet, date. address"
    pub fn plain(&self) -> String {
        let mut out = format!("\u{201C}{}\u{201D}\n", self.passage);
        if let Some(note) = &self.note {
            out.push_str(&format!("Note: {note}\n"));
        }
        out.push_str(&format!(
            "\u{2014} {}. {}, {}.\n{}",
            self.title, self.outlet, self.date, self.address
        ));
        out
    }

    /// The passage quoted, the source linked: Markdown's own characters in the corpus's
    /// and the reader's text are escaped, so they read as written.
    pub fn markdown(&self) -> String {
        let mut out = format!("> {}\n", escape(&self.passage));
        if let Some(note) = &self.note {
            out.push_str(&format!("\n**Note:** {}\n", escape(note)));
        }
        out.push_str(&format!(
            "\n\u{2014} [{}](<{}>), *{}*, {}",
            escape(&self.title),
            self.address.replace('>', "%3E"),
            escape(&self.outlet),
            escape(&self.date)
        ));
        out
    }
}

/// Runs of white space (line breaks in the text) as one space: a quote is one line.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` with the characters Markdown reads as syntax escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in collapse(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The app's address of `path` (`doc/3?at=120`, without a leading slash) from this page:
/// under the build's `<base href>` when served, after `#/` when opened as a file.
pub fn address(path: &str) -> String {
    let window = gloo::utils::window();
    let location = window.location();
    if location.protocol().is_ok_and(|p| p == "file:") {
        let href = location.href().unwrap_or_default();
        let page = href.split('#').next().unwrap_or_default();
        return format!("{page}#/{path}");
    }
    let base = gloo::utils::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default();
    format!("{}/{path}", base.trim_end_matches('/'))
}

#[derive(Properties, PartialEq)]
pub struct CopyCitationProps {
    pub citation: Citation,
}

/// Buttons copying the citation as plain text or Markdown, and the text itself, for
/// browsers that refuse the clipboard (a page opened as a file may).
#[component]
pub fn CopyCitation(props: &CopyCitationProps) -> Html {
    let copied = use_state(|| None::<Result<&'static str, String>>);
    let copy = |markdown: bool| {
        let (citation, copied) = (props.citation.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let text = if markdown {
                citation.markdown()
            } else {
                citation.plain()
            };
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let clipboard = gloo::utils::window().navigator().clipboard();
                let done = JsFuture::from(clipboard.write_text(&text)).await;
                copied.set(Some(match done {
                    Ok(_) if markdown => Ok("Copied as Markdown."),
                    Ok(_) => Ok("Copied."),
                    Err(_) => Err(
                        "The browser did not allow copying: select the text below and copy it.".to_owned(),
                    ),
                }));
            });
        })
    };
    html! {
        <div class="citation">
            <button type="button" class="copy-plain" onclick={copy(false)}>{ "Copy with citation" }</button>
            <button type="button" class="copy-markdown" onclick={copy(true)}>{ "Copy as Markdown" }</button>
            { match &*copied {
                Some(Ok(said)) => html! { <span class="said" role="status">{ *said }</span> },
                Some(Err(why)) => html! { <span class="said error" role="status">{ why.clone() }</span> },
                None => html! {},
            } }
            <textarea class="citation-text" readonly=true rows="4" aria-label="The citation"
                value={props.citation.plain()} />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citation() -> Citation {
        Citation {
            passage: "Putin   told Xi\nof *questions*".into(),
            note: None,
            title: "Putin [and] Xi meet".into(),
            outlet: "Reuters".into(),
            date: "15 September 2022".into(),
            address: "https://example.org/dossier/doc/3?at=120".into(),
        }
    }

    #[test]
    fn plain_text_quotes_the_passage_and_names_the_source_and_spot() {
        let mut c = citation();
        c.passage = collapse(&c.passage);
        assert_eq!(
            c.plain(),
            "\u{201C}Putin told Xi of *questions*\u{201D}\n\u{2014} Putin [and] Xi meet. Reuters, \
             15 September 2022.\nhttps://example.org/dossier/doc/3?at=120"
        );
    }

    #[test]
    fn markdown_escapes_the_texts_and_links_the_title() {
        let mut c = citation();
        c.note = Some("check _this_".into());
        assert_eq!(
            c.markdown(),
            "> Putin told Xi of \\*questions\\*\n\n**Note:** check \\_this\\_\n\n\u{2014} \
             [Putin \\[and\\] Xi meet](<https://example.org/dossier/doc/3?at=120>), *Reuters*, 15 September 2022"
        );
    }
}
