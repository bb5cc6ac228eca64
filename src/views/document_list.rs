//! The home view: the search box over the corpus. Without a query it lists every
//! document (title, outlet, date, length); with one, the hits best first with snippets.
//! Both lists render only the rows in view.

use crate::corpus::{use_corpus, CorpusHandle};
use crate::route::{go, use_params, Route, SearchParams};
use crate::state::list_cursor::{Action as CursorAction, State as ListCursor};
use crate::widgets::doc_work::{StarButton, TagChips};
use crate::widgets::export::{Export, Format};
use crate::widgets::facets::{Chips, FacetPanel};
use crate::widgets::list_work::ListWork;
use crate::widgets::marked_text::marked;
use crate::widgets::media::{use_media, NARROW};
use crate::widgets::meta;
use crate::widgets::meta::AddedBadge;
use crate::widgets::search_box::{ListKey, SearchBox, KEYSTROKE_MARK};
use crate::widgets::virtual_list::VirtualList;
use crate::work::use_work;
use dossier_explore::export::{entities_csv, entities_json, results_csv, results_json};
use dossier_explore::facets::{FacetCounts, Faceted, Selection};
use dossier_model::document::{DocId, Document};
use dossier_model::entity::Counting;
use dossier_search::{Annotations, Explanation, Hit, QueryNote, SearchResults};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// Performance mark set at the first animation frame after the list is in the DOM; the
/// browser benchmark reads it.
pub const PAINTED_MARK: &str = "dossier:list-painted";
/// Set after the results of a keystroke are painted; with [`KEYSTROKE_MARK`] it makes the
/// `dossier:keystroke-to-paint` measure the benchmark reads.
pub const RESULTS_PAINTED_MARK: &str = "dossier:results-painted";
pub const KEYSTROKE_MEASURE: &str = "dossier:keystroke-to-paint";
/// From the keystroke to the results in the DOM (the app's work, before the browser's
/// style, layout and paint and the wait for the next frame).
pub const RENDER_MEASURE: &str = "dossier:keystroke-to-render";
/// From the keystroke to the start of the frame that shows its results (an animation
/// frame callback runs as the frame begins): at most one frame interval when the results
/// make the first frame after the keystroke.
pub const FRAME_MEASURE: &str = "dossier:keystroke-to-frame";
const RESULTS_FRAME_MARK: &str = "dossier:results-frame";

/// Performance mark and measure around the engine's warm-up.
pub const WARM_UP_MARK: &str = "dossier:warm-up";
/// Milliseconds after the first paint when the search path is warmed up.
const WARM_UP_DELAY_MS: u32 = 300;

/// Row heights in CSS pixels; `static/style.css` sizes rows to match. On a phone
/// ([`NARROW`]) a title takes up to two lines instead of being cut at 30 characters.
const DOC_ROW: u32 = 64;
const HIT_ROW: u32 = 124;
const NARROW_EXTRA: u32 = 24;

/// Entities counted per type in the facets (the panel shows fewer until asked).
const FACET_ENTITIES: usize = 30;

/// A search, how long the engine took, and the rows explained so far (a row is
/// re-rendered on every scroll and keystroke; its marks and snippet are computed once).
struct Answer {
    results: SearchResults,
    millis: f64,
    explained: RefCell<HashMap<u32, Rc<Explanation>>>,
}

impl Answer {
    fn explain(&self, corpus: &CorpusHandle, doc: DocId) -> Rc<Explanation> {
        if let Some(e) = self.explained.borrow().get(&doc.0) {
            return e.clone();
        }
        let e = Rc::new(self.results.explain(corpus.engine(), doc));
        self.explained.borrow_mut().insert(doc.0, e.clone());
        e
    }
}

fn now() -> f64 {
    gloo::utils::window().performance().map_or(0.0, |p| p.now())
}

#[component]
pub fn DocumentList() -> Html {
    let corpus = use_corpus();
    let work = use_work();
    let navigator = use_navigator().expect("DocumentList needs a router");
    let params = use_params();
    let q = params.q.clone();
    let selection = {
        let corpus = corpus.clone();
        use_memo((params.selection(), corpus.clone()), move |(p, corpus)| {
            Selection::from_params(p, corpus)
        })
    };
    let counting = params.counting();
    let answer = use_answer(corpus.clone(), q.clone(), counting);
    let faceted = use_faceted(
        corpus.clone(),
        answer.clone(),
        q.clone(),
        counting,
        selection.clone(),
    );
    let cursor = use_reducer(ListCursor::default);
    {
        let cursor = cursor.dispatcher();
        use_effect_with(params.clone(), move |_| cursor.dispatch(CursorAction::Clear));
    }
    use_benchmark_marks(corpus.clone(), q.clone());
    let narrow = use_media(NARROW);
    let row_height = if answer.is_some() { HIT_ROW } else { DOC_ROW } + if narrow { NARROW_EXTRA } else { 0 };
    let count = faceted.0.len();
    let doc_at = {
        let faceted = faceted.clone();
        move |i: usize| faceted.0.get(i).copied()
    };
    let on_input = use_search_input(navigator.clone(), params.clone(), q.clone());
    // A facet pick is a step of its own: Back undoes it.
    let on_facets = {
        let (navigator, params) = (navigator.clone(), params.clone());
        Callback::from(move |selection: Selection| {
            go(
                &navigator,
                &Route::Documents,
                &params.with_selection(&selection),
                false,
            )
        })
    };
    let on_key = list_keys(cursor.clone(), navigator.clone(), params.clone(), faceted.clone());
    let row = {
        let (corpus, answer, params, work) = (corpus.clone(), answer.clone(), params.clone(), work.clone());
        Callback::from(move |i: usize| {
            let Some(doc) = doc_at(i).and_then(|d| corpus.document(d)) else {
                return html! {};
            };
            let explained = (*answer).as_ref().map(|a| a.explain(&corpus, doc.id));
            // A hit found through the reader's note says so, with the note.
            let note = (*answer).as_ref().zip(work.as_ref()).and_then(|(a, w)| {
                let first = *a.results.matched_notes(doc.id).first()?;
                w.index.note(w.work(), first).map(|n| n.text.clone())
            });
            row_html(doc, &params, explained.as_deref(), note)
        })
    };

    html! {
        <div class="browse">
            <FacetPanel counts={faceted.1.clone()} selection={selection.clone()} on_change={on_facets.clone()} />
            <section class="documents" aria-labelledby="documents-heading">
                <SearchBox value={q.clone()} {on_input} {on_key} controls="results"
                    active={cursor.selected.map(|i| AttrValue::from(format!("row-{i}")))} />
                <Chips selection={selection.clone()} on_change={on_facets} />
                { match &*answer {
                    None => summary(&corpus, count),
                    Some(a) => results_summary(a, count, &navigator),
                } }
                { exports(&corpus, &answer, &faceted, &q) }
                <ListWork docs={faceted.0.clone()} params={params.clone()} />
                <VirtualList {count} {row_height}
                    {row} selected={cursor.selected} id="results"
                    label={if answer.is_some() { "Search results" } else { "Documents" }} />
            </section>
        </div>
    }
}

/// The documents listed (search order, facet picks applied) and the facet counts.
type Listed = Rc<(Rc<Vec<DocId>>, Rc<FacetCounts>)>;

/// The search for `q` (none for an empty query), timed.
#[hook]
fn use_answer(corpus: CorpusHandle, q: String, counting: Counting) -> Rc<Option<Answer>> {
    // Keyed by the corpus too: the texts arrive after the list is up (`corpus::load`),
    // and the results' passages need them; and by the reader's work, which `tag:`,
    // `is:starred` and notes' words search.
    let work = use_work();
    use_memo((corpus, q, counting, work), move |(corpus, q, counting, work)| {
        (!q.trim().is_empty()).then(|| {
            let none = Annotations::default();
            let annotations = work.as_ref().map_or(&none, |w| &w.index.annotations);
            let start = now();
            let results = corpus.engine().search_annotated(q, true, *counting, annotations);
            Answer {
                results,
                millis: now() - start,
                explained: RefCell::default(),
            }
        })
    })
}

/// The list the facets leave (of the search's hits, or of every document), and the
/// counts beside every facet value.
#[hook]
fn use_faceted(
    corpus: CorpusHandle,
    answer: Rc<Option<Answer>>,
    q: String,
    counting: Counting,
    selection: Rc<Selection>,
) -> Listed {
    // The corpus changes with the reader's corrections (entity facets), and the answer
    // with their tags, stars and notes (`use_answer`).
    let work = use_work();
    use_memo(
        (q, counting, selection, corpus.clone(), work),
        move |(_, counting, selection, _, work)| {
            let base: Vec<DocId> = match &*answer {
                Some(a) => a.results.hits.iter().map(|h| h.doc).collect(),
                None => corpus.documents.iter().map(|d| d.id).collect(),
            };
            let none = Annotations::default();
            let annotations = work.as_ref().map_or(&none, |w| &w.index.annotations);
            let Faceted { docs, counts } = corpus.facets(*counting).apply_annotated(
                &corpus,
                &base,
                selection,
                FACET_ENTITIES,
                annotations,
            );
            (Rc::new(docs), Rc::new(counts))
        },
    )
}

/// Up and Down move the list's selection; Enter opens the selected row (or the first).
fn list_keys(
    cursor: UseReducerHandle<ListCursor>,
    navigator: Navigator,
    params: SearchParams,
    faceted: Listed,
) -> Callback<ListKey> {
    let count = faceted.0.len();
    Callback::from(move |key: ListKey| match key {
        ListKey::Down => cursor.dispatch(CursorAction::Down { count }),
        ListKey::Up => cursor.dispatch(CursorAction::Up { count }),
        ListKey::Enter => {
            if let Some(&doc) = cursor.target(count).and_then(|i| faceted.0.get(i)) {
                go(&navigator, &Route::Document { id: doc.0 }, &params, false);
            }
        }
    })
}

/// Sets the title, the paint and warm-up marks the browser benchmark reads, and the
/// keystroke measures after each search's results are in the DOM.
#[hook]
fn use_benchmark_marks(corpus: CorpusHandle, q: String) {
    use_effect_with((), move |_| {
        gloo::utils::document().set_title("Dossier");
        let frame = gloo::render::request_animation_frame(|_| mark(PAINTED_MARK));
        // Once the list is up, run the search path once, so the first keystroke does
        // not wait for the browser to compile it.
        let warm = gloo::timers::callback::Timeout::new(WARM_UP_DELAY_MS, move || {
            mark(WARM_UP_MARK);
            corpus.engine().warm_up();
            if let Some(performance) = gloo::utils::window().performance() {
                // A failed measure only loses a benchmark figure.
                let _ = performance.measure_with_start_mark(WARM_UP_MARK, WARM_UP_MARK);
            }
        });
        move || drop((frame, warm))
    });
    use_effect_with(q, |_| {
        // The DOM holds the new results now: how long the app's own work took.
        measure_render();
        // At the start of the frame that shows these results, then after it is painted:
        // close the keystroke measures.
        let frame = gloo::render::request_animation_frame(|_| {
            measure_frame();
            gloo::timers::callback::Timeout::new(0, measure_keystroke).forget();
        });
        move || drop(frame)
    });
}

/// What a keystroke in the search box does: the first character starts a new history
/// entry; the rest of the typing edits it, so Back leaves the search instead of undoing
/// it letter by letter.
#[hook]
fn use_search_input(navigator: Navigator, params: SearchParams, q: String) -> Callback<String> {
    // The query last sent to the address bar. Keys can arrive before the page re-renders
    // with the previous one, so the push-or-replace choice cannot rest on the rendered
    // query alone; the rendered query still wins when the address changes another way
    // (Back, a link).
    let sent = use_mut_ref(String::new);
    {
        let sent = sent.clone();
        use_effect_with(q.clone(), move |q| *sent.borrow_mut() = q.clone());
    }
    Callback::from(move |value: String| {
        let searching = !sent.borrow().is_empty();
        *sent.borrow_mut() = value.clone();
        go(&navigator, &Route::Documents, &params.with_q(value), searching)
    })
}

/// The list as shown (search order, facet picks applied, with the search's scores) and
/// the corpus's entities, for download.
fn exports(corpus: &CorpusHandle, answer: &Rc<Option<Answer>>, faceted: &Listed, q: &str) -> Html {
    // The list as shown (search order, facet picks applied), with the search's scores.
    let export_results = {
        let (corpus, answer, faceted) = (corpus.clone(), answer.clone(), faceted.clone());
        Callback::from(move |format: Format| {
            let scores: HashMap<u32, f32> = match &*answer {
                Some(a) => a.results.hits.iter().map(|h| (h.doc.0, h.score)).collect(),
                None => HashMap::new(),
            };
            let hits: Vec<Hit> = faceted
                .0
                .iter()
                .map(|&doc| Hit {
                    doc,
                    score: scores.get(&doc.0).copied().unwrap_or(0.0),
                })
                .collect();
            match format {
                Format::Csv => results_csv(&corpus, &hits),
                Format::Json => results_json(&corpus, &hits),
            }
            .map_err(|e| e.to_string())
        })
    };
    let export_entities = {
        let corpus = corpus.clone();
        Callback::from(move |format: Format| {
            match format {
                Format::Csv => entities_csv(&corpus),
                Format::Json => entities_json(&corpus),
            }
            .map_err(|e| e.to_string())
        })
    };
    html! {
        <p class="exports">
            <Export kind={if answer.is_some() { "results" } else { "documents" }} query={q.to_owned()}
                formats={vec![Format::Csv, Format::Json]} make={export_results} />
            <Export kind="entities" formats={vec![Format::Csv, Format::Json]} make={export_entities} />
        </p>
    }
}

fn summary(corpus: &CorpusHandle, shown: usize) -> Html {
    let docs = &corpus.documents;
    let files = docs.iter().filter(|d| d.origin.part == 0).count();
    let heading = if shown == docs.len() {
        match docs.len() {
            1 => "1 document".to_owned(),
            n => format!("{n} documents"),
        }
    } else {
        format!("{shown} of {} documents", docs.len())
    };
    html! {
        <>
            <h1 id="documents-heading">{ heading }</h1>
            <p class="summary">
                { format!("from {files} files") }
                if !corpus.skipped.is_empty() {
                    { format!(", {} skipped", corpus.skipped.len()) }
                }
            </p>
            <SkippedFiles />
        </>
    }
}

fn results_summary(answer: &Answer, shown: usize, navigator: &Navigator) -> Html {
    let r = &answer.results;
    let heading = match (shown, r.hits.len()) {
        (1, 1) => "1 result".to_owned(),
        (n, all) if n == all => format!("{n} results"),
        (n, all) => format!("{n} of {all} results"),
    };
    html! {
        <>
            <h1 id="documents-heading" aria-live="polite">
                { heading }
                <span class="timing">{ format!(" in {:.1} ms", answer.millis) }</span>
            </h1>
            { for r.query.notes.iter().map(|n| html! { <p class="query-note">{ n.to_string() }</p> }) }
            if let Some(suggestion) = &r.suggestion {
                <p class="did-you-mean">
                    { "Did you mean " }
                    <Link<Route, SearchParams> to={Route::Documents}
                        query={Some(SearchParams::search(suggestion.clone()))}>
                        { suggestion.clone() }
                    </Link<Route, SearchParams>>
                    { "?" }
                </p>
            }
            if r.hits.is_empty() && r.suggestion.is_none() {
                if !r.query.notes.iter().any(|n| matches!(n, QueryNote::AllExcluded { .. })) {
                    <p class="summary">{ "Nothing matches. Fewer words, or a shorter word being typed, may help." }</p>
                }
                <button type="button" class="link-button"
                    onclick={ let n = navigator.clone(); move |_| n.push(&Route::Documents) }>
                    { "Clear the search" }
                </button>
            }
        </>
    }
}

fn row_html(
    doc: &Document,
    params: &SearchParams,
    explained: Option<&Explanation>,
    note: Option<String>,
) -> Html {
    let title_marks = explained.map_or(&[][..], |e| &e.title[..]);
    let snippet = explained.map(|e| &e.snippet);
    let params = params.or_none();
    html! {
        <div class="row">
            <p class="row-title">
                <Link<Route, SearchParams> to={Route::Document { id: doc.id.0 }} query={params} classes="row-link">
                    { marked(&doc.title.text, title_marks) }
                </Link<Route, SearchParams>>
                if doc.title.is_derived() {
                    <span class="badge derived" title="The page has no headline: this title is made from its lead">
                        { "derived title" }
                    </span>
                }
                <AddedBadge added_by_user={doc.origin.added_by_user} />
                // The star alone (its label says what it does), a full touch target on
                // the title's line.
                <StarButton doc={doc.id.0} compact=true />
            </p>
            <p class="row-meta">
                <span class={classes!("outlet", doc.outlet.is_none().then_some("unknown"))}>{ meta::outlet(doc) }</span>
                <span class={classes!("date", doc.published.is_none().then_some("unknown"))}>{ meta::published(doc) }</span>
                <span class="length">{ meta::words(doc) }</span>
                <span class="row-work"><TagChips doc={doc.id.0} /></span>
            </p>
            if let Some(note) = note {
                <p class="snippet matched-note">{ "Matched your note: " }<q>{ note }</q></p>
            } else if snippet.is_some() && doc.text.is_empty() {
                // The file's head has no texts (`corpus::load`): the passage comes with them.
                <p class="snippet pending">{ "The passage shows when the articles' text has arrived." }</p>
            } else if let Some(s) = snippet {
                <p class="snippet">
                    if s.cut_before { { "\u{2026} " } }
                    { marked(&s.text, &s.marks) }
                    if s.cut_after { { " \u{2026}" } }
                </p>
            }
        </div>
    }
}

fn mark(name: &str) {
    if let Some(performance) = gloo::utils::window().performance() {
        // A failed mark only loses a benchmark figure; the page is unaffected.
        let _ = performance.mark(name);
    }
}

/// Records keystroke-to-paint when a keystroke mark is pending, then clears both marks.
fn measure_render() {
    let Some(performance) = gloo::utils::window().performance() else {
        return;
    };
    if performance.get_entries_by_name(KEYSTROKE_MARK).length() > 0 {
        // A failed measure only loses a benchmark figure.
        let _ = performance.measure_with_start_mark(RENDER_MEASURE, KEYSTROKE_MARK);
    }
}

/// Records keystroke-to-frame when a keystroke mark is pending.
fn measure_frame() {
    let Some(performance) = gloo::utils::window().performance() else {
        return;
    };
    if performance.get_entries_by_name(KEYSTROKE_MARK).length() > 0 {
        mark(RESULTS_FRAME_MARK);
        // A failed measure only loses a benchmark figure.
        let _ = performance.measure_with_start_mark_and_end_mark(
            FRAME_MEASURE,
            KEYSTROKE_MARK,
            RESULTS_FRAME_MARK,
        );
        performance.clear_marks_with_mark_name(RESULTS_FRAME_MARK);
    }
}

fn measure_keystroke() {
    let Some(performance) = gloo::utils::window().performance() else {
        return;
    };
    if performance.get_entries_by_name(KEYSTROKE_MARK).length() == 0 {
        return;
    }
    mark(RESULTS_PAINTED_MARK);
    let _ = performance.measure_with_start_mark_and_end_mark(
        KEYSTROKE_MEASURE,
        KEYSTROKE_MARK,
        RESULTS_PAINTED_MARK,
    );
    performance.clear_marks_with_mark_name(KEYSTROKE_MARK);
    performance.clear_marks_with_mark_name(RESULTS_PAINTED_MARK);
}

/// Files the build could not use, and why: nothing is dropped without a word.
#[component]
fn SkippedFiles() -> Html {
    let corpus = use_corpus();
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
