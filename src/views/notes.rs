//! Every note the reader wrote, across the corpus, newest first; each opens the reader at
//! its passage.

use crate::widgets::notes::NoteItem;
use crate::work::{use_work_access, WorkAccess};
use dossier_work::work::Note;
use yew::prelude::*;

/// Notes drawn at first; "Show more" adds as many again (10,000 notes would be a slow page).
const PAGE: usize = 100;

#[component]
pub fn NotesView() -> Html {
    let shown = use_state(|| PAGE);
    use_effect_with((), |_| {
        gloo::utils::document().set_title("Notes \u{2014} Dossier")
    });
    let WorkAccess::Ready(work) = use_work_access() else {
        return html! {
            <section class="notes-view"><h1>{ "Notes" }</h1><p>{ "Your notes show here once the articles are in." }</p></section>
        };
    };
    let mut notes: Vec<(u32, &Note)> = work
        .work()
        .notes
        .iter()
        .filter_map(|n| work.resolve(&n.doc).map(|d| (d.0, n)))
        .collect();
    let elsewhere = work.work().notes.len() - notes.len();
    notes.sort_by_key(|(_, n)| std::cmp::Reverse((n.created, n.edited)));
    let total = notes.len();
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    html! {
        <section class="notes-view" aria-labelledby="notes-heading">
            <h1 id="notes-heading">{ "Notes" }</h1>
            <p class="muted">
                { match total {
                    0 => "No notes yet. Select a passage in a document and choose \u{201C}Add a note\u{201D}.".to_owned(),
                    1 => "1 note, newest first.".to_owned(),
                    n => format!("{n} notes, newest first."),
                } }
                if elsewhere > 0 {
                    { format!(" {elsewhere} more are on documents this build does not have (kept, and in the case file).") }
                }
            </p>
            <ul class="notes">
                { for notes.iter().take(*shown).map(|&(doc, note)| html! {
                    <NoteItem key={format!("{}-{}-{}-{}", doc, note.span.start, note.span.end, note.created)}
                        note={note.clone()} {doc} titled=true />
                }) }
            </ul>
            if total > *shown {
                <button type="button" onclick={more}>{ format!("Show more ({} left)", total - *shown) }</button>
            }
        </section>
    }
}
