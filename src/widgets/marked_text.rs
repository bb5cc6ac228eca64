//! Text with search matches marked, rendered as text nodes and `<mark>` elements: corpus
//! text never reaches the page as markup.

use dossier_model::Span;
use yew::prelude::*;

/// `text` with `marks` (sorted, non-overlapping byte spans on char boundaries) marked.
pub fn marked(text: &str, marks: &[Span]) -> Html {
    let mut out = Vec::with_capacity(marks.len() * 2 + 1);
    let mut pos = 0;
    for m in marks {
        let (start, end) = (m.start as usize, m.end as usize);
        if start < pos || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push(html! { { &text[pos..start] } });
        out.push(html! { <mark class="hit">{ &text[start..end] }</mark> });
        pos = end;
    }
    out.push(html! { { &text[pos..] } });
    out.into_iter().collect()
}
