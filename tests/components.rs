//! Component tests in headless Chromium (`wasm-bindgen-test`): the app's views rendered
//! into a detached root over a small corpus ingested here, in wasm, by the same core the
//! build step uses.
#![cfg(target_arch = "wasm32")]

use dossier::app::Shell;
use dossier::corpus::CorpusHandle;
use dossier::route::SearchParams;
use dossier_ingest::ingest;
use dossier_ingest::source::SourceFile;
use dossier_nlp::entity;
use dossier_nlp::ner::{self, Model};
use dossier_search::{index::build, Engine};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::history::{AnyHistory, History, MemoryHistory};
use yew_router::Router;

wasm_bindgen_test_configure!(run_in_browser);

const STORY: &[u8] = b"News / World / Asia\n\nLeaders Meet In Samarkand\n\nSHARE THIS ARTICLE\n\nMoscow, September 13: The two leaders will meet at the summit next week, officials said on Tuesday.\n\nAdvertisement\n\nThe meeting is the first since the pandemic began, and both sides expect agreements.\n";
const LEAD_ONLY: &[u8] = b"A long lead sentence that opens the page without any headline above it at all. More text follows here.\n\nA second paragraph that is long enough to count as the story's prose.\n";
const HOSTILE: &[u8] = b"<script>window.__dossierPwned = 1</script><img src=x onerror=\"window.__dossierPwned = 2\">\n\nThe body mentions <b>bold</b> markup and a javascript:alert(1) link, which must stay text.\n";

fn corpus() -> CorpusHandle {
    let corpus = ingest(vec![
        SourceFile::new("a.txt", STORY.to_vec()),
        SourceFile::new("b.txt", LEAD_ONLY.to_vec()),
        SourceFile::new("c.txt", HOSTILE.to_vec()),
        SourceFile::new("d.bin", vec![0, 159, 146, 150]),
    ]);
    let index = build(&corpus);
    CorpusHandle::new(Engine::new(corpus, index))
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    corpus: CorpusHandle,
    path: AttrValue,
    /// The query string of the URL (search, facet picks, compare picks...).
    params: SearchParams,
}

/// The app shell over a memory router that starts at `path` (with `?q=` when given).
#[component]
fn Harness(props: &HarnessProps) -> Html {
    let history = use_memo((props.path.clone(), props.params.clone()), |(path, params)| {
        let history = MemoryHistory::new();
        if params.is_empty() {
            history.push(path.as_str());
        } else {
            history.push_with_query(path.as_str(), params.clone()).unwrap();
        }
        AnyHistory::from(history)
    });
    html! {
        <ContextProvider<CorpusHandle> context={props.corpus.clone()}>
            <Router history={(*history).clone()}>
                <Shell />
            </Router>
        </ContextProvider<CorpusHandle>>
    }
}

/// Waits until Yew has run every pending render and effect (and the renders those
/// effects cause), with no timer in between.
async fn settle() {
    yew::scheduler::flush().await;
}

async fn render_at(path: &str) -> Element {
    render_with_query(path, None).await
}

async fn render_search(path: &str, q: &str) -> Element {
    render_with_query(path, Some(q)).await
}

async fn render_with_query(path: &str, q: Option<&str>) -> Element {
    render_corpus(corpus(), path, q).await
}

async fn render_corpus(corpus: CorpusHandle, path: &str, q: Option<&str>) -> Element {
    render_params(corpus, path, q.map(SearchParams::search).unwrap_or_default()).await
}

async fn render_params(corpus: CorpusHandle, path: &str, params: SearchParams) -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            corpus,
            path: path.to_owned().into(),
            params,
        },
    )
    .render();
    settle().await;
    root
}

fn text(root: &Element, css: &str) -> String {
    root.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .text_content()
        .unwrap_or_default()
}

fn count(root: &Element, css: &str) -> u32 {
    root.query_selector_all(css).unwrap().length()
}

/// Sets a field's value (input, textarea or select) as typing would, with its `input` event.
fn set_value(root: &Element, css: &str, value: &str) {
    let el = root
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"));
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        select.set_value(value);
    }
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_list_shows_title_outlet_date_and_length() {
    let root = render_at("/").await;
    assert_eq!(text(&root, "#documents-heading"), "3 documents");
    assert_eq!(count(&root, ".vrow"), 3);
    let first = text(&root, "#row-0");
    assert!(first.starts_with("Leaders Meet In Samarkand"), "{first}");
    assert!(
        !first.contains("2022") && first.contains("13 September"),
        "a date without a year: {first}"
    );
    let second = text(&root, "#row-1");
    assert!(second.contains("derived title"), "{second}");
    assert_eq!(text(&root, ".skipped summary"), "1 file was skipped");
    assert!(text(&root, ".skipped li").contains("d.bin: the file is binary"));
}

#[wasm_bindgen_test]
async fn the_reader_hides_removed_text_until_asked() {
    let root = render_at("/doc/0").await;
    assert_eq!(text(&root, "#doc-title"), "Leaders Meet In Samarkand");
    let body = text(&root, ".doc-body");
    assert!(
        body.contains("The two leaders will meet") && !body.contains("Advertisement"),
        "{body}"
    );
    assert_eq!(text(&root, ".region.metadata"), "Moscow, September 13:");

    let button: HtmlElement = root
        .query_selector(".toggle-removed")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(button.text_content().unwrap(), "Show removed text (3)");
    assert_eq!(button.get_attribute("aria-pressed").as_deref(), Some("false"));
    button.click();
    settle().await;
    let body = text(&root, ".doc-body");
    assert!(
        body.contains("Advertisement") && body.contains("SHARE THIS ARTICLE"),
        "{body}"
    );
    // Each removed region says what it is; the headline line shows in place too.
    assert_eq!(count(&root, ".region.removed .region-tag"), 4);
    assert_eq!(text(&root, ".region.removed .region-tag"), "navigation crumb");
    assert_eq!(button.get_attribute("aria-pressed").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn a_query_in_the_url_lists_hits_with_marked_snippets() {
    let root = render_search("/", "pandemic").await;
    assert!(text(&root, "#documents-heading").starts_with("1 result in "));
    assert_eq!(count(&root, ".vrow"), 1);
    assert_eq!(text(&root, "#row-0 .row-title"), "Leaders Meet In Samarkand");
    assert!(text(&root, "#row-0 .snippet").contains("since the pandemic began"));
    assert_eq!(text(&root, "#row-0 .snippet mark.hit"), "pandemic");
    let input: web_sys::HtmlInputElement = root
        .query_selector("#search-input")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(input.value(), "pandemic");
}

#[wasm_bindgen_test]
async fn no_results_offer_a_correction_and_malformed_queries_say_what_happened() {
    // Words under five letters must match exactly: "meat" finds nothing, "meet" does.
    let root = render_search("/", "meat").await;
    assert!(text(&root, "#documents-heading").starts_with("0 results"));
    assert_eq!(text(&root, ".did-you-mean a"), "meet");
    let root = render_search("/", "\"two leaders").await;
    assert!(text(&root, "#documents-heading").starts_with("1 result"));
    assert!(text(&root, ".query-note").contains("closing quote was missing"));
}

#[wasm_bindgen_test]
async fn the_reader_marks_every_hit_and_walks_them() {
    let root = render_search("/doc/0", "meet").await;
    // "Meet" in the title, "meet" and "meeting" in the body (stemmed alike).
    assert_eq!(text(&root, "#doc-title mark.hit"), "Meet");
    assert_eq!(count(&root, ".doc-body mark.hit"), 2);
    assert_eq!(text(&root, ".hit-position"), "2 hits for \u{201C}meet\u{201D}");
    let next: HtmlElement = root
        .query_selector(".next-hit")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    next.click();
    settle().await;
    assert_eq!(
        text(&root, ".hit-position"),
        "Hit 1 of 2 for \u{201C}meet\u{201D}"
    );
    assert_eq!(text(&root, "mark.hit.current"), "meet");
    next.click();
    settle().await;
    assert_eq!(text(&root, "mark.hit.current"), "meeting");
}

const SUMMIT: &[u8] = b"Leaders gather for the summit\n\nVladimir Putin met Xi Jinping in Samarkand, Uzbekistan, on Thursday. Putin said the talks with Xi were useful, and the Kremlin agreed.\n";

/// A corpus with its entities recognised here, in wasm, by the core the build step uses.
fn with_entities() -> CorpusHandle {
    let mut corpus = ingest(vec![SourceFile::new("summit.txt", SUMMIT.to_vec())]);
    let model = Model::from_bytes(ner::MODEL).unwrap();
    corpus.entities = entity::recognise(&corpus, &model);
    let index = build(&corpus);
    CorpusHandle::new(Engine::new(corpus, index))
}

fn click(root: &Element, css: &str) {
    let el: HtmlElement = root
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .dyn_into()
        .unwrap();
    el.click();
}

#[wasm_bindgen_test]
async fn the_reader_highlights_entities_by_type_and_the_legend_toggles_them() {
    let root = render_corpus(with_entities(), "/doc/0", None).await;
    let people: Vec<String> = (0..count(&root, ".doc-body .ent-person"))
        .map(|i| {
            let el = root
                .query_selector_all(".doc-body .ent-person")
                .unwrap()
                .get(i)
                .unwrap();
            el.first_child()
                .and_then(|c| c.text_content())
                .unwrap_or_default()
        })
        .collect();
    assert!(people.contains(&"Vladimir Putin".to_owned()), "{people:?}");
    assert!(people.contains(&"Xi Jinping".to_owned()), "{people:?}");
    assert!(
        count(&root, ".doc-body .ent-gpe") >= 2,
        "Samarkand and Uzbekistan"
    );
    // The type is written out (by CSS, from the class), not only coloured; the card names
    // the entity.
    assert_eq!(
        count(&root, ".doc-body .ent-person.ent-end"),
        count(&root, ".doc-body .ent-person")
    );
    let mut body = text(&root, ".doc-body");
    let cards = root.query_selector_all(".doc-body .ent-card").unwrap();
    for i in 0..cards.length() {
        let card = cards.get(i).and_then(|c| c.text_content()).unwrap_or_default();
        body = body.replacen(&card, "", 1);
    }
    assert!(
        !body.contains("PERSON"),
        "tags are drawn by CSS, not text: {body}"
    );
    assert!(text(&root, ".doc-body .ent-person .ent-card").starts_with("Vladimir Putin \u{00b7} PERSON"));
    // A later "Putin" is the same entity.
    let cards = root
        .query_selector_all(".doc-body .ent-person .ent-card")
        .unwrap();
    let putin_cards = (0..cards.length())
        .filter_map(|i| cards.get(i).and_then(|c| c.text_content()))
        .filter(|t| t.starts_with("Vladimir Putin"))
        .count();
    assert!(putin_cards >= 2, "Putin is linked to Vladimir Putin");

    // The legend turns a type off and on again.
    let toggle = ".ent-legend .ent-toggle.ent-person";
    assert_eq!(
        root.query_selector(toggle)
            .unwrap()
            .unwrap()
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    click(&root, toggle);
    settle().await;
    assert_eq!(count(&root, ".doc-body .ent-person"), 0);
    assert!(count(&root, ".doc-body .ent-gpe") >= 2, "other types stay");
    assert!(
        text(&root, ".doc-body").contains("Vladimir Putin met"),
        "the text stays"
    );
    assert_eq!(
        root.query_selector(toggle)
            .unwrap()
            .unwrap()
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("false")
    );
    click(&root, toggle);
    settle().await;
    assert!(count(&root, ".doc-body .ent-person") >= 3);

    // The document's entities, by type, with counts.
    assert!(text(&root, ".doc-entities").contains("Vladimir Putin"));
}

#[wasm_bindgen_test]
async fn a_mention_links_to_its_entity_page() {
    let root = render_corpus(with_entities(), "/doc/0", None).await;
    let link = root.query_selector(".doc-body a.ent-person").unwrap().unwrap();
    assert!(link
        .get_attribute("href")
        .unwrap_or_default()
        .starts_with("/entity/"));
    click(&root, ".doc-body a.ent-person");
    settle().await;
    assert_eq!(text(&root, "#entity-name"), "Vladimir Putin");
}

const PUTIN: &[u8] =
    b"Putin visits Moscow\n\nVladimir Putin spoke in Moscow on Monday about the economy and the harvest.\n";
const XI: &[u8] = b"Xi visits Beijing\n\nOn Tuesday, Chinese leader Xi Jinping spoke in Beijing about trade and the harvest.\n";

/// Three stories: Putin and Xi in Samarkand, Putin in Moscow, Xi in Beijing.
fn three_stories() -> CorpusHandle {
    let mut corpus = ingest(vec![
        SourceFile::new("summit.txt", SUMMIT.to_vec()),
        SourceFile::new("putin.txt", PUTIN.to_vec()),
        SourceFile::new("xi.txt", XI.to_vec()),
    ]);
    let model = Model::from_bytes(ner::MODEL).unwrap();
    corpus.entities = entity::recognise(&corpus, &model);
    let index = build(&corpus);
    CorpusHandle::new(Engine::new(corpus, index))
}

/// The checkbox of the facet value called `name`, and the count beside it.
fn facet_value(root: &Element, name: &str) -> (HtmlElement, String) {
    let values = root.query_selector_all(".facet-value").unwrap();
    for i in 0..values.length() {
        let label: Element = values.item(i).unwrap().dyn_into().unwrap();
        if text(&label, ".facet-name") == name {
            let input = label
                .query_selector("input")
                .unwrap()
                .unwrap()
                .dyn_into()
                .unwrap();
            return (input, text(&label, ".facet-count"));
        }
    }
    panic!("no facet value {name}");
}

#[wasm_bindgen_test]
async fn facets_count_filter_and_show_removable_chips() {
    let root = render_corpus(three_stories(), "/", None).await;
    assert_eq!(text(&root, "#documents-heading"), "3 documents");
    let (putin, n) = facet_value(&root, "Vladimir Putin");
    assert_eq!(n, "2");
    putin.click();
    settle().await;
    assert_eq!(text(&root, "#documents-heading"), "2 of 3 documents");
    assert_eq!(count(&root, ".vrow"), 2);
    assert!(text(&root, ".chips").contains("PERSON: Vladimir Putin"));
    // Within a facet, values combine with OR; the facet still counts without its pick.
    let (xi, n) = facet_value(&root, "Xi Jinping");
    assert_eq!(n, "2");
    xi.click();
    settle().await;
    assert_eq!(text(&root, "#documents-heading"), "3 documents");
    // Across facets, with AND.
    facet_value(&root, "Moscow").0.click();
    settle().await;
    assert_eq!(text(&root, "#documents-heading"), "1 of 3 documents");
    assert_eq!(count(&root, ".chip"), 3);
    click(&root, ".chip");
    settle().await;
    assert_eq!(count(&root, ".chip"), 2);
    click(&root, ".clear-all");
    settle().await;
    assert_eq!(count(&root, ".chip"), 0);
    assert_eq!(text(&root, "#documents-heading"), "3 documents");
}

#[wasm_bindgen_test]
async fn facets_narrow_search_results_too() {
    let root = render_corpus(three_stories(), "/", Some("harvest")).await;
    assert!(text(&root, "#documents-heading").starts_with("2 results"));
    facet_value(&root, "Moscow").0.click();
    settle().await;
    assert!(text(&root, "#documents-heading").starts_with("1 of 2 results"));
    assert!(text(&root, "#row-0").contains("Putin visits Moscow"));
}

/// The five seed articles, analysed as the build does (entities, then the views' data).
fn seeds() -> CorpusHandle {
    let files = [
        (
            "000.txt",
            &include_bytes!("../seeds/000_2d672b17c4549254.txt")[..],
        ),
        (
            "001.txt",
            &include_bytes!("../seeds/001_f9c06428318d3c91.txt")[..],
        ),
        (
            "002.txt",
            &include_bytes!("../seeds/002_5c4786249e1bb76c.txt")[..],
        ),
        (
            "003.txt",
            &include_bytes!("../seeds/003_0f233200d26df207.txt")[..],
        ),
        (
            "004.txt",
            &include_bytes!("../seeds/004_3d0ebdbd1c5cc7ca.txt")[..],
        ),
    ];
    let mut corpus = ingest(
        files
            .iter()
            .map(|(name, bytes)| SourceFile::new(*name, bytes.to_vec()))
            .collect(),
    );
    let model = Model::from_bytes(ner::MODEL).unwrap();
    corpus.entities = entity::recognise(&corpus, &model);
    corpus.insights = dossier_explore::analyse(&corpus);
    let index = build(&corpus);
    CorpusHandle::new(Engine::new(corpus, index))
}

/// A click for elements without `click()` (SVG shapes), bubbling as a real one does.
fn bubbling_click() -> web_sys::MouseEvent {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap()
}

fn entity_id(corpus: &CorpusHandle, name: &str) -> u32 {
    corpus.entities.find(name)[0].0
}

#[wasm_bindgen_test]
async fn the_entity_page_shows_mentions_in_context_related_names_and_quotes() {
    let corpus = seeds();
    let xi = entity_id(&corpus, "Xi Jinping");
    let root = render_corpus(corpus, &format!("/entity/{xi}"), None).await;
    assert_eq!(text(&root, "#entity-name"), "Xi Jinping");
    assert!(text(&root, ".aliases").contains("Xi"));
    assert!(count(&root, ".kwic-row") >= 5);
    assert!(text(&root, ".related-list").contains("Vladimir Putin"));
    assert!(text(&root, ".quotes").contains("strengthen communication and coordination"));
    // Ordered by date, the undated documents come last.
    click(&root, "input[name=kwic-order]:not(:checked)");
    settle().await;
    assert!(count(&root, ".kwic-row") >= 5);
    // A line's mention opens the reader there, with the entity outlined.
    click(&root, ".kwic-mention");
    settle().await;
    assert!(count(&root, ".doc-body .ent-focus") >= 1);
    assert_eq!(count(&root, "#focus-at"), 1);
    assert!(text(&root, ".focus-note").starts_with("Mentions of Xi Jinping are outlined"));
}

#[wasm_bindgen_test]
async fn the_matrix_shades_mentions_and_a_cell_opens_them() {
    let root = render_corpus(seeds(), "/matrix", None).await;
    assert_eq!(count(&root, ".matrix-row"), 5);
    assert_eq!(count(&root, ".matrix-col"), 20);
    assert!(text(&root, ".matrix-head").contains("Vladimir Putin"));
    // Only people: every other ticked type unticked, so fewer columns, all of them people.
    let picks = root.query_selector_all(".type-pick").unwrap();
    for i in 0..picks.length() {
        let l: Element = picks.item(i).unwrap().dyn_into().unwrap();
        let input: web_sys::HtmlInputElement =
            l.query_selector("input").unwrap().unwrap().dyn_into().unwrap();
        if input.checked() && l.text_content().unwrap_or_default().trim() != "People" {
            input.click();
            settle().await;
        }
    }
    let people = count(&root, ".matrix-col");
    assert!(
        people > 0 && people == count(&root, ".matrix-col.ent-person"),
        "{people}"
    );
    click(&root, ".matrix-cell a");
    settle().await;
    assert!(text(&root, ".focus-note").starts_with("Mentions of"));
}

#[wasm_bindgen_test]
async fn the_graph_draws_names_and_focuses_one() {
    let root = render_corpus(seeds(), "/graph", None).await;
    assert_eq!(count(&root, ".graph .node"), 40);
    assert!(count(&root, ".graph .edge") > 10);
    assert!(
        count(&root, ".graph .node text") >= 10,
        "the biggest names are labelled"
    );
    let node = root.query_selector(".graph .node").unwrap().unwrap();
    node.dispatch_event(&bubbling_click()).unwrap();
    settle().await;
    assert_eq!(count(&root, ".graph .node.picked"), 1);
    assert!(
        count(&root, ".graph .node.dim") > 0,
        "what is not linked to it fades"
    );
    assert!(count(&root, ".graph-panel li") > 0);
    click(&root, ".show-more");
    settle().await;
    assert!(count(&root, ".graph .node") > 40);
}

#[wasm_bindgen_test]
async fn the_timeline_places_dates_and_lists_them_with_their_sentences() {
    let root = render_corpus(seeds(), "/timeline", None).await;
    let mentioned = count(&root, ".timeline .mentioned");
    assert!(mentioned >= 3, "{mentioned} days");
    assert!(count(&root, ".timeline .pub") >= 2);
    let events = text(&root, "#timeline-events");
    // "On Monday" in an article of Wednesday 2022-09-07.
    assert!(
        events.contains("5 Sep 2022 \u{00b7} Chinese President Xi Jinping"),
        "{events}"
    );
    assert!(events.contains("On Monday, Kazakhstan"), "{events}");
    // A day on the axis narrows the list to it.
    let all = count(&root, ".event");
    let bar = root.query_selector(".timeline .mentioned").unwrap().unwrap();
    bar.dispatch_event(&bubbling_click()).unwrap();
    settle().await;
    assert!(count(&root, ".event") < all);
}

#[wasm_bindgen_test]
async fn compare_lines_up_figures_and_names_of_the_picked_documents() {
    let params = SearchParams {
        docs: "0,2".into(),
        ..SearchParams::default()
    };
    let root = render_params(seeds(), "/compare", params).await;
    assert_eq!(count(&root, ".picked-docs li"), 2);
    let figures = text(&root, ".figures");
    assert!(
        figures.contains("troops") && figures.contains("50,000") && figures.contains("2,000"),
        "{figures}"
    );
    assert!(text(&root, "#shared-heading").starts_with("Shared passages"));
    assert!(count(&root, ".unique") == 2);
    // Removing one leaves too few to compare: the picker opens.
    click(&root, ".chip-remove");
    settle().await;
    assert_eq!(count(&root, ".picked-docs li"), 1);
    assert_eq!(count(&root, ".figures"), 0);
    assert!(count(&root, ".pick-row") >= 4);
}

/// Issue 18: the most-mentioned names had no labels, the colours no key, and a phone
/// had only the shrunken drawing.
#[wasm_bindgen_test]
async fn the_graph_labels_the_most_mentioned_keys_its_colours_and_lists_names() {
    let root = render_corpus(seeds(), "/graph", None).await;
    let nodes = root.query_selector_all(".graph .node").unwrap();
    for i in 0..8 {
        let node: Element = nodes.item(i).unwrap().dyn_into().unwrap();
        assert!(
            node.query_selector("text").unwrap().is_some(),
            "{} has no label",
            node.get_attribute("aria-label").unwrap_or_default()
        );
    }
    let key = text(&root, ".graph-key");
    assert!(key.contains("People") && key.contains("Organisations"), "{key}");
    assert_eq!(count(&root, ".graph-list li"), 40);
    assert!(text(&root, ".graph-list").contains("with "));
}

/// Issue 18: a 2013 mention stretched the axis, marks were 2 px wide, and undated
/// articles' "September 15" was left off.
#[wasm_bindgen_test]
async fn the_timeline_breaks_its_axis_and_places_undated_articles_dates() {
    let root = render_corpus(seeds(), "/timeline", None).await;
    // The story's days by default; every date after a break on demand.
    assert_eq!(count(&root, ".timeline .axis-break"), 0);
    click(&root, ".timeline-extent button");
    settle().await;
    assert!(count(&root, ".timeline .axis-break") >= 1);
    click(&root, ".timeline-extent button");
    settle().await;
    let hits = root.query_selector_all(".timeline .hit").unwrap();
    assert!(hits.length() >= 5);
    for i in 0..hits.length() {
        let hit: Element = hits.item(i).unwrap().dyn_into().unwrap();
        let width: f64 = hit.get_attribute("width").unwrap().parse().unwrap();
        assert!(width >= 24.0, "a {width} px target");
    }
    // Seed 003 has no publication date; its "September 15" is read in 2022.
    let bars = root.query_selector_all(".timeline .mentioned").unwrap();
    let sep_15 = (0..bars.length())
        .map(|i| bars.item(i).unwrap().dyn_into::<Element>().unwrap())
        .find(|b| {
            b.get_attribute("aria-label")
                .unwrap_or_default()
                .starts_with("15 Sep 2022")
        })
        .expect("a bar for 15 September 2022");
    sep_15.dispatch_event(&bubbling_click()).unwrap();
    settle().await;
    let events = text(&root, "#timeline-events");
    assert!(events.contains("Putin and Xi Will Reportedly Meet"), "{events}");
}

/// Issue 18: "more than 50,000 troops" (the exercise) and "more than 2,000" (China's
/// contingent) shared a row, and every sentence was listed as said alone.
#[wasm_bindgen_test]
async fn compare_pairs_figures_within_a_fact_and_lists_only_what_each_says_alone() {
    let params = SearchParams {
        docs: "0,2".into(),
        ..SearchParams::default()
    };
    let root = render_params(seeds(), "/compare", params).await;
    let rows = root.query_selector_all(".figures tbody tr").unwrap();
    for i in 0..rows.length() {
        let row = rows.item(i).unwrap().text_content().unwrap_or_default();
        assert!(!(row.contains("50,000") && row.contains("2,000 troops")), "{row}");
    }
    let alone = text(&root, ".unique");
    assert!(
        !alone.contains("are expected to meet next week for the first time"),
        "the other document says it too: {alone}"
    );
}

#[wasm_bindgen_test]
async fn views_keep_the_lists_scope() {
    let root = render_corpus(seeds(), "/", Some("troops")).await;
    let matrix = root.query_selector(".views a[href^='/matrix']").unwrap().unwrap();
    assert!(matrix
        .get_attribute("href")
        .unwrap_or_default()
        .contains("q=troops"));
    click(&root, ".views a[href^='/matrix']");
    settle().await;
    let rows = count(&root, ".matrix-row");
    assert!((1..5).contains(&rows), "{rows}");
    assert!(text(&root, ".scope").contains("your list"));
    // An export makes its file without an error.
    click(&root, ".export-button");
    settle().await;
    assert_eq!(count(&root, ".export-error"), 0);
}

/// `n` short articles, every one mentioning "summit".
fn many(n: usize) -> CorpusHandle {
    let files = (0..n)
        .map(|i| {
            let text = format!("Story number {i} about the summit\n\nThe summit story {i} goes on for a sentence or two, as stories do.\n");
            SourceFile::new(format!("{i:04}.txt"), text.into_bytes())
        })
        .collect();
    let corpus = ingest(files);
    let index = build(&corpus);
    CorpusHandle::new(Engine::new(corpus, index))
}

#[wasm_bindgen_test]
async fn long_lists_render_only_the_rows_in_view() {
    let root = render_corpus(many(600), "/", None).await;
    assert_eq!(text(&root, "#documents-heading"), "600 documents");
    let rows = count(&root, ".vrow");
    assert!(rows > 0 && rows < 60, "{rows} rows rendered of 600");
    let root = render_corpus(many(600), "/", Some("summit")).await;
    assert!(text(&root, "#documents-heading").starts_with("600 results"));
    let rows = count(&root, ".vrow");
    assert!(rows > 0 && rows < 60, "{rows} result rows rendered of 600");
}

#[wasm_bindgen_test]
async fn an_unknown_document_is_not_found() {
    let root = render_at("/doc/42").await;
    assert_eq!(text(&root, "h1"), "Not found");
}

#[wasm_bindgen_test]
async fn corpus_text_is_never_markup() {
    let root = render_at("/doc/2").await;
    settle().await;
    assert_eq!(count(&root, "script"), 0);
    assert_eq!(count(&root, "img"), 0);
    assert_eq!(count(&root, ".doc-body b"), 0);
    assert!(text(&root, "#doc-title").starts_with("<script>window.__dossierPwned = 1</script>"));
    assert!(text(&root, ".doc-body").contains("<b>bold</b>"));
    assert!(!pwned_flag_set(), "no corpus script ran");
}

/// Whether `window.__dossierPwned` was set by anything.
fn pwned_flag_set() -> bool {
    let window = gloo::utils::window();
    let value = js_sys::Reflect::get(&window, &"__dossierPwned".into()).unwrap();
    !value.is_undefined()
}

#[wasm_bindgen_test]
async fn the_user_store_keeps_added_files_until_they_are_removed() {
    use dossier::user_store;
    let db = user_store::open().await.expect("IndexedDB opens");
    user_store::clear(&db).await.expect("cleared");
    let first = user_store::add(&db, "a.txt", b"first".to_vec(), 1)
        .await
        .expect("stored");
    let second = user_store::add(&db, "b.md", vec![0xE2, 0x82, 0xAC], 2)
        .await
        .expect("stored");
    assert_ne!(first.id, second.id);
    let all = user_store::all(&db).await.expect("read back");
    assert_eq!(
        all,
        vec![first.clone(), second.clone()],
        "oldest first, bytes as added"
    );

    user_store::remove(&db, first.id).await.expect("removed");
    assert_eq!(user_store::all(&db).await.unwrap(), vec![second]);
    user_store::clear(&db).await.expect("cleared");
    assert!(user_store::all(&db).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
fn export_all_zips_every_added_file_under_a_name_of_its_own() {
    use dossier::user_store::StoredFile;
    use dossier::views::user_docs::zip_all;
    use std::io::Read;
    let file = |id, name: &str, bytes: &[u8]| StoredFile {
        id,
        name: name.into(),
        added_ms: 0,
        bytes: bytes.to_vec(),
    };
    let files = [
        file(1, "a.txt", b"one"),
        file(2, "a.txt", b"two"),
        file(3, "notes", b"three"),
    ];
    let zipped = zip_all(&files).expect("zipped");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zipped)).expect("a zip");
    let mut read = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        read.push((entry.name().expect("a UTF-8 name").into_owned(), text));
    }
    let expected = [("a.txt", "one"), ("a (2).txt", "two"), ("notes", "three")];
    assert_eq!(read, expected.map(|(n, t)| (n.to_owned(), t.to_owned())));
}

#[wasm_bindgen_test]
async fn the_entity_page_gives_the_one_count_and_says_where_the_rest_is() {
    let corpus = seeds();
    let xi = entity_id(&corpus, "Xi Jinping");
    let counts = corpus.entities.entities[xi as usize].counts;
    let docs = corpus.entities.entities[xi as usize].text_documents.len();
    let root = render_corpus(corpus, &format!("/entity/{xi}"), None).await;
    let facts = text(&root, ".entity-facts");
    assert!(
        facts.starts_with(&format!(
            "{} mentions in {docs} documents. Not counted: ",
            counts.text
        )),
        "{facts}"
    );
    assert!(
        facts.contains(&format!("{} in headlines", counts.headline)),
        "{facts}"
    );
}

#[wasm_bindgen_test]
async fn names_of_spliced_headlines_are_listed_only_when_everything_counts() {
    let corpus = seeds();
    let spliced = corpus.entities.entities[entity_id(&corpus, "PLA Resolve") as usize].documents[0].0;
    let root = render_corpus(corpus.clone(), &format!("/doc/{spliced}"), None).await;
    assert!(!text(&root, ".doc-entities").contains("PLA Resolve"));
    let everything = SearchParams {
        count: "all".into(),
        ..SearchParams::default()
    };
    let root = render_params(corpus.clone(), &format!("/doc/{spliced}"), everything).await;
    assert!(text(&root, ".doc-entities").contains("PLA Resolve"));

    // The switch in the filters flips the counting of the list's view.
    let root = render_corpus(corpus, "/", None).await;
    let toggle = || -> web_sys::HtmlInputElement {
        root.query_selector(".counting-toggle input")
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap()
    };
    assert!(!toggle().checked());
    toggle().click();
    settle().await;
    assert!(toggle().checked());
}

#[wasm_bindgen_test]
async fn exclusions_that_remove_every_match_say_so_instead_of_advising_fewer_words() {
    let root = render_corpus(seeds(), "/", Some("samarkand -ukraine")).await;
    let notes = text(&root, ".query-note");
    assert!(
        notes.contains("matches mention \u{201C}ukraine\u{201D}"),
        "{notes}"
    );
    assert!(!root.text_content().unwrap_or_default().contains("Fewer words"));
}

/// Renders the page's root ([`dossier::boot::Boot`]) and waits until it has left the
/// loading screen (or `limit` polls have passed).
async fn render_boot() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<dossier::boot::Boot>::with_root(root.clone()).render();
    for _ in 0..200 {
        settle().await;
        if count(&root, ".boot") == 0 {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(10).await;
    }
    root
}

#[wasm_bindgen_test]
async fn a_page_that_names_no_corpus_says_so_instead_of_going_blank() {
    let root = render_boot().await;
    let alert = text(&root, "[role=alert]");
    assert!(
        alert.contains("has no articles") && alert.contains("dossier-corpus"),
        "{alert}"
    );
}

#[wasm_bindgen_test]
async fn a_corpus_file_missing_from_the_host_is_named_with_the_answer() {
    let document = gloo::utils::document();
    let named = document.create_element("meta").unwrap();
    named.set_attribute("name", "dossier-corpus").unwrap();
    named
        .set_attribute("content", "corpus-not-on-this-host.bin")
        .unwrap();
    document.head().unwrap().append_child(&named).unwrap();
    let root = render_boot().await;
    named.remove();
    let alert = text(&root, "[role=alert]");
    assert!(
        alert.contains("corpus-not-on-this-host.bin answered 404"),
        "{alert}"
    );
}

#[wasm_bindgen_test]
async fn the_corpus_in_a_data_block_opens_the_app_as_the_single_file_does() {
    let corpus = ingest(vec![SourceFile::new("a.txt", STORY.to_vec())]);
    let bytes = dossier_store::encode(&corpus, &build(&corpus));
    let binary: String = bytes.iter().map(|&b| char::from(b)).collect();
    let document = gloo::utils::document();
    let block = document.create_element("script").unwrap();
    block.set_id("dossier-corpus-data");
    block.set_attribute("type", "application/octet-stream").unwrap();
    block.set_text_content(Some(&gloo::utils::window().btoa(&binary).unwrap()));
    document.head().unwrap().append_child(&block).unwrap();
    let root = render_boot().await;
    block.remove();
    assert_eq!(
        count(&root, "[role=alert]"),
        0,
        "{}",
        root.text_content().unwrap_or_default()
    );
    assert_eq!(text(&root, "#documents-heading"), "1 document");
    assert!(dossier::corpus::shipped_bytes().is_some_and(|b| b[..] == bytes[..]));
}

/// The seeds as the page first has them: the file's head alone (`dossier_store::decode_head`),
/// then the whole file.
fn seeds_in_two_parts() -> (CorpusHandle, CorpusHandle) {
    let whole = seeds();
    let bytes = dossier_store::encode(whole.engine().corpus(), whole.engine().index());
    let head_len = dossier_store::head_len(&bytes).unwrap() as usize;
    let head = dossier_store::decode_head(&bytes[..head_len]).unwrap();
    (CorpusHandle::head(head), whole)
}

#[wasm_bindgen_test]
async fn the_list_searches_and_counts_facets_from_the_head_before_the_texts() {
    let (head, _) = seeds_in_two_parts();
    let root = render_corpus(head, "/", Some("putin")).await;
    assert!(
        text(&root, "#documents-heading").starts_with("5 results"),
        "{}",
        text(&root, "#documents-heading")
    );
    assert!(text(&root, "#row-0").contains("Putin") || text(&root, "#row-0").contains("Xi"));
    assert!(text(&root, "#row-0 .snippet").contains("when the articles' text has arrived"));
    // The entity facets come from the head's entity table.
    assert!(facet_value(&root, "Xi Jinping").1.contains('5'));
}

#[wasm_bindgen_test]
async fn a_document_opened_before_its_text_shows_its_title_then_its_text() {
    let (head, whole) = seeds_in_two_parts();
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = |corpus: CorpusHandle| HarnessProps {
        corpus,
        path: "/doc/2".into(),
        params: SearchParams::default(),
    };
    let mut app = yew::Renderer::<Harness>::with_root_and_props(root.clone(), props(head.clone())).render();
    settle().await;
    let title = head.documents[2].title.text.clone();
    assert_eq!(text(&root, ".text-pending h1"), title);
    assert_eq!(count(&root, ".doc-body"), 0);
    app.update(props(whole));
    settle().await;
    assert_eq!(count(&root, ".text-pending"), 0);
    assert!(text(&root, ".doc-body").contains("Samarkand"));
}

/// The reader's work in IndexedDB (`dossier::work_store`): each test on a database of its
/// own, deleted first, since the tests share one browser.
mod work_store {
    use super::*;
    use dossier::idb::{committed, settle};
    use dossier::work_store::{WorkStore, WorkStoreError, STORE_VERSION};
    use dossier_model::document::DocId;
    use dossier_model::entity::EntityType;
    use dossier_model::Span;
    use dossier_work::work::{Colour, FacetPicks, NameList, Note, SavedSearch, Tag};
    use dossier_work::{Change, Correction, DocHashes, DocKey, EntityRef, Work};
    use wasm_bindgen::JsValue;
    use web_sys::{IdbDatabase, IdbTransactionMode};

    async fn deleted(name: &str) {
        let factory = gloo::utils::window().indexed_db().unwrap().unwrap();
        settle(&factory.delete_database(name).unwrap()).await.unwrap();
    }

    async fn fresh(name: &str) -> WorkStore {
        deleted(name).await;
        WorkStore::open_named(name).await.unwrap()
    }

    /// The database as any page could open it, bypassing the store.
    async fn raw(name: &str, version: u32) -> IdbDatabase {
        let factory = gloo::utils::window().indexed_db().unwrap().unwrap();
        let db = settle(&factory.open_with_u32(name, version).unwrap())
            .await
            .unwrap();
        db.dyn_into().unwrap()
    }

    async fn raw_put(db: &IdbDatabase, store: &str, key: &str, json: &str) {
        let tx = db
            .transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)
            .unwrap();
        let value = js_sys::JSON::parse(json).unwrap();
        tx.object_store(store)
            .unwrap()
            .put_with_key(&value, &key.into())
            .unwrap();
        committed(&tx).await.unwrap();
    }

    async fn raw_get(db: &IdbDatabase, store: &str, key: &str) -> String {
        let tx = db.transaction_with_str(store).unwrap();
        let value = settle(&tx.object_store(store).unwrap().get(&key.into()).unwrap())
            .await
            .unwrap();
        js_sys::JSON::stringify(&value).unwrap().into()
    }

    /// What the store holds, read by a store opened afresh.
    async fn reloaded(name: &str) -> Work {
        WorkStore::open_named(name).await.unwrap().load().await.unwrap()
    }

    fn keys() -> [DocKey; 3] {
        let corpus = super::corpus();
        let hashes = DocHashes::new(&corpus.documents);
        [0, 1, 2].map(|i| hashes.key(DocId(i)).unwrap())
    }

    fn colour(hex: &str) -> Colour {
        Colour::try_from(hex.to_owned()).unwrap()
    }

    fn note(doc: DocKey, created: u64, text: &str) -> Note {
        Note {
            doc,
            span: Span::new(0, 4),
            text: text.into(),
            created,
            edited: created,
        }
    }

    fn correction(name: &str) -> Correction {
        Correction::Retype {
            entity: EntityRef::new(name, EntityType::Person),
            to: EntityType::Org,
        }
    }

    fn search(name: &str, query: &str) -> SavedSearch {
        SavedSearch {
            name: name.into(),
            query: query.into(),
            facets: FacetPicks {
                outlets: vec!["BBC".into()],
                date: Some("2022-09".into()),
                types: vec![EntityType::Gpe],
                entities: vec![EntityRef::new("Moscow", EntityType::Gpe)],
                tags: vec!["Leads".into()],
                starred: true,
            },
        }
    }

    /// One of every change, in an order that makes each do something.
    fn every_change() -> Vec<Change> {
        let [a, b, c] = keys();
        let tag = |name: &str, hex: &str, documents| Tag {
            name: name.into(),
            colour: colour(hex),
            documents,
        };
        vec![
            Change::SetTag(tag("Leads", "#ff0000", vec![a])),
            Change::SetTag(tag("Dead ends", "#777777", vec![])),
            Change::SetTag(tag("leads", "#00ff00", vec![a, b])),
            Change::TagDocs {
                tag: "LEADS".into(),
                docs: vec![c],
                on: true,
            },
            Change::TagDocs {
                tag: "Leads".into(),
                docs: vec![a],
                on: false,
            },
            Change::TagDocs {
                tag: "Fresh".into(),
                docs: vec![b],
                on: true,
            },
            Change::DeleteTag {
                name: "dead ENDS".into(),
            },
            Change::Star { doc: a, on: true },
            Change::Star { doc: c, on: true },
            Change::Star { doc: a, on: false },
            Change::PutNote(note(a, 1, "first")),
            Change::PutNote(note(b, 2, "second")),
            Change::PutNote(Note {
                edited: 9,
                ..note(a, 1, "first, edited")
            }),
            Change::DeleteNote {
                doc: b,
                span: Span::new(0, 4),
                created: 2,
            },
            Change::Correct(correction("A")),
            Change::Correct(correction("B")),
            Change::Correct(correction("C")),
            Change::Correct(correction("D")),
            Change::RevertCorrection { index: 1 },
            Change::UndoCorrections { count: 1 },
            Change::Correct(correction("E")),
            Change::PutNameList(NameList {
                name: "Suspects".into(),
                names: vec!["Smith".into(), "Jones".into()],
            }),
            Change::PutNameList(NameList {
                name: "Firms".into(),
                names: vec!["Acme".into()],
            }),
            Change::DeleteNameList { name: "Firms".into() },
            Change::PutSavedSearch(search("Moscow", "moscow")),
            Change::PutSavedSearch(search("Summit", "summit")),
            Change::PutSavedSearch(search("Moscow", "moscow -kremlin")),
            Change::DeleteSavedSearch {
                name: "Summit".into(),
            },
        ]
    }

    #[wasm_bindgen_test]
    async fn every_change_round_trips_through_a_reopened_store() {
        let name = "test-work-every-change";
        drop(fresh(name).await);
        let mut expected = Work::default();
        for change in every_change() {
            let store = WorkStore::open_named(name).await.unwrap();
            store.commit(&change).await.unwrap();
            drop(store);
            expected.change(&change);
            assert_eq!(reloaded(name).await, expected, "after {change:?}");
        }
        assert_eq!(
            expected.corrections,
            [correction("A"), correction("C"), correction("E")]
        );
        assert_eq!(expected.tags.len(), 2);

        // An import's merge result replaces it all, corrections in their order.
        let [a, b, _] = keys();
        let merged = Work {
            stars: vec![b, a],
            corrections: vec![correction("Z"), correction("A")],
            ..expected.clone()
        };
        let store = WorkStore::open_named(name).await.unwrap();
        store.commit(&Change::Replace(merged.clone())).await.unwrap();
        drop(store);
        expected.change(&Change::Replace(merged));
        assert_eq!(reloaded(name).await, expected);
        assert_eq!(expected.corrections, [correction("Z"), correction("A")]);
    }

    #[wasm_bindgen_test]
    async fn replace_writes_only_what_differs_and_leaves_what_a_replace_commit_would() {
        let name = "test-work-replace-differences";
        let store = fresh(name).await;
        let mut before = Work::default();
        for change in every_change() {
            store.commit(&change).await.unwrap();
            before.change(&change);
        }
        let [a, b, c] = keys();
        let mut after = before.clone();
        after.stars.push(b);
        after.notes.push(note(c, 7, "theirs"));
        after.name_lists.clear();
        after.corrections.push(correction("Z"));
        after.tags[0].documents.push(c);
        store.replace(&before, &after).await.unwrap();
        let mut expected = before.clone();
        expected.change(&Change::Replace(after.clone()));
        assert_eq!(store.load().await.unwrap(), expected);

        // A record the two sides agree on is not written: a stored copy edited behind
        // the store's back stays edited.
        drop(store);
        let db = raw(name, STORE_VERSION).await;
        let stored = raw_get(&db, "saved_searches", "Moscow").await;
        raw_put(
            &db,
            "saved_searches",
            "Moscow",
            &stored.replace("moscow -kremlin", "edited"),
        )
        .await;
        db.close();
        let store = WorkStore::open_named(name).await.unwrap();
        let mut later = expected.clone();
        later.stars.push(a);
        store.replace(&expected, &later).await.unwrap();
        let loaded = store.load().await.unwrap();
        assert_eq!(loaded.saved_searches[0].query, "edited");
        assert_eq!(loaded.stars.len(), 3);

        // Corrections that are not the stored ones and more are rewritten whole.
        let reordered = Work {
            corrections: vec![correction("Z"), correction("A")],
            ..later.clone()
        };
        store.replace(&later, &reordered).await.unwrap();
        assert_eq!(store.load().await.unwrap().corrections, reordered.corrections);
    }

    #[wasm_bindgen_test]
    async fn records_are_plain_objects_the_developer_tools_can_read() {
        let name = "test-work-plain-records";
        let store = fresh(name).await;
        let [a, ..] = keys();
        store
            .commit(&Change::PutNote(note(a, 5, "look here")))
            .await
            .unwrap();
        drop(store);
        let db = raw(name, STORE_VERSION).await;
        let tx = db.transaction_with_str("notes").unwrap();
        let all = settle(&tx.object_store("notes").unwrap().get_all().unwrap())
            .await
            .unwrap();
        let json: String = js_sys::JSON::stringify(&all).unwrap().into();
        db.close();
        assert_eq!(
            json,
            format!(
                r#"[{{"doc":{{"hash":"{}","id":0}},"span":{{"start":0,"end":4}},"text":"look here","created":5,"edited":5}}]"#,
                a.hash
            )
        );
    }

    #[wasm_bindgen_test]
    async fn clear_leaves_an_empty_store_that_still_takes_changes() {
        let name = "test-work-clear";
        let store = fresh(name).await;
        for change in every_change() {
            store.commit(&change).await.unwrap();
        }
        store.clear().await.unwrap();
        assert_eq!(store.load().await.unwrap(), Work::default());
        store.commit(&Change::Correct(correction("A"))).await.unwrap();
        drop(store);
        assert_eq!(reloaded(name).await.corrections, [correction("A")]);
    }

    #[wasm_bindgen_test]
    async fn a_commit_that_fails_midway_stores_nothing_of_it() {
        let name = "test-work-atomic";
        let store = fresh(name).await;
        for change in every_change() {
            store.commit(&change).await.unwrap();
        }
        let before = store.load().await.unwrap();
        // The store is cleared and the tags and a note written, then a note's time is past
        // what a JavaScript number holds exactly: that record cannot be stored.
        let [a, ..] = keys();
        let mut broken = before.clone();
        broken.stars.clear();
        broken.notes = vec![note(a, 1, "fine"), note(a, u64::MAX, "too late")];
        let error = store.commit(&Change::Replace(broken)).await.unwrap_err();
        assert!(matches!(error, WorkStoreError::Unstorable(_)), "{error:?}");
        assert!(error.to_string().contains("nothing saved was changed"), "{error}");
        drop(store);
        assert_eq!(reloaded(name).await, before);
    }

    #[wasm_bindgen_test]
    async fn a_store_from_a_newer_dossier_is_refused_and_left_as_it_was() {
        let name = "test-work-newer-record";
        drop(fresh(name).await);
        let db = raw(name, STORE_VERSION).await;
        raw_put(&db, "meta", "format", r#"{"version":99}"#).await;
        db.close();
        let error = WorkStore::open_named(name).await.unwrap_err();
        assert_eq!(
            error,
            WorkStoreError::Newer {
                found: 99,
                supported: STORE_VERSION
            }
        );
        assert!(error.to_string().contains("newer Dossier"), "{error}");
        let db = raw(name, STORE_VERSION).await;
        assert_eq!(raw_get(&db, "meta", "format").await, r#"{"version":99}"#);
        db.close();

        // A database upgraded by a newer Dossier's IndexedDB version.
        let name = "test-work-newer-database";
        deleted(name).await;
        raw(name, STORE_VERSION + 1).await.close();
        assert_eq!(
            WorkStore::open_named(name).await.unwrap_err(),
            WorkStoreError::Newer {
                found: STORE_VERSION + 1,
                supported: STORE_VERSION
            }
        );
    }

    #[wasm_bindgen_test]
    async fn a_damaged_record_is_named_and_nothing_is_loaded() {
        let name = "test-work-damaged";
        drop(fresh(name).await);
        let db = raw(name, STORE_VERSION).await;
        raw_put(&db, "tags", "x", r#"{"name":"x","colour":"red","documents":[]}"#).await;
        db.close();
        let error = reloaded_error(name).await;
        assert!(
            matches!(&error, WorkStoreError::Damaged { store, .. } if store == "tags"),
            "{error:?}"
        );
        assert!(error.to_string().contains("#rrggbb"), "{error}");
    }

    async fn reloaded_error(name: &str) -> WorkStoreError {
        WorkStore::open_named(name)
            .await
            .unwrap()
            .load()
            .await
            .unwrap_err()
    }

    #[wasm_bindgen_test]
    fn a_full_quota_is_named_as_such() {
        let full = web_sys::DomException::new_with_message_and_name("quota", "QuotaExceededError").unwrap();
        let error = WorkStoreError::from(JsValue::from(full));
        assert_eq!(error, WorkStoreError::QuotaExceeded);
        assert!(error
            .to_string()
            .starts_with("the browser's storage for this page is full"));
        let other = web_sys::DomException::new_with_message_and_name("gone", "UnknownError").unwrap();
        assert!(matches!(
            WorkStoreError::from(JsValue::from(other)),
            WorkStoreError::Failed(e) if e.contains("UnknownError")
        ));
    }
}

/// The case file panel (`dossier::views::case_file`) over the small corpus, its callbacks
/// recorded.
mod case_file_panel {
    use super::*;
    use dossier::views::case_file::{CaseFilePanel, CaseFileProps};
    use dossier_model::document::DocId;
    use dossier_model::Span;
    use dossier_work::case_file::{export, import};
    use dossier_work::work::{Colour, Note, Tag};
    use dossier_work::{DocHashes, DocKey, Work};
    use js_sys::Reflect;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::HtmlInputElement;

    struct Panel {
        root: Element,
        corpus: CorpusHandle,
        hashes: Rc<DocHashes>,
        replaced: Rc<RefCell<Vec<Work>>>,
        cleared: Rc<RefCell<u32>>,
    }

    async fn render_panel(work: &Work) -> Panel {
        let corpus = super::corpus();
        let hashes = Rc::new(DocHashes::new(&corpus.documents));
        let replaced = Rc::new(RefCell::new(Vec::new()));
        let cleared = Rc::new(RefCell::new(0));
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let props = CaseFileProps {
            work: Rc::new(work.clone()),
            corpus: corpus.clone(),
            hashes: hashes.clone(),
            on_replace: {
                let replaced = replaced.clone();
                Callback::from(move |work| replaced.borrow_mut().push(work))
            },
            on_clear: {
                let cleared = cleared.clone();
                Callback::from(move |()| *cleared.borrow_mut() += 1)
            },
        };
        yew::Renderer::<CaseFilePanel>::with_root_and_props(root.clone(), props).render();
        settle().await;
        Panel {
            root,
            corpus,
            hashes,
            replaced,
            cleared,
        }
    }

    fn keys(panel: &Panel) -> [DocKey; 3] {
        [0, 1, 2].map(|i| panel.hashes.key(DocId(i)).unwrap())
    }

    /// A document no build of this corpus has.
    fn elsewhere() -> DocKey {
        let hashes = DocHashes::new(
            &ingest(vec![SourceFile::new(
                "x.txt",
                b"Elsewhere, a text of its own.\n".to_vec(),
            )])
            .documents,
        );
        hashes.key(DocId(0)).unwrap()
    }

    fn tag(name: &str, hex: &str, documents: Vec<DocKey>) -> Tag {
        Tag {
            name: name.into(),
            colour: Colour::try_from(hex.to_owned()).unwrap(),
            documents,
        }
    }

    fn note(doc: DocKey, text: &str) -> Note {
        Note {
            doc,
            span: Span::new(0, 4),
            text: text.into(),
            created: 1,
            edited: 1,
        }
    }

    /// Chooses a file of `text` in the import input, as the reader's picker does, and
    /// waits for the browser to read it.
    async fn choose(panel: &Panel, name: &str, text: &str) {
        let input: HtmlInputElement = panel
            .root
            .query_selector(".case-import input")
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap();
        let file = web_sys::File::new_with_str_sequence(&js_sys::Array::of1(&text.into()), name).unwrap();
        let transfer = web_sys::DataTransfer::new().unwrap();
        transfer.items().add_with_file(&file).unwrap();
        input.set_files(transfer.files().as_ref());
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input
            .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
            .unwrap();
        for _ in 0..200 {
            settle().await;
            if count(&panel.root, ".case-reading") == 0 {
                break;
            }
            gloo::timers::future::TimeoutFuture::new(10).await;
        }
    }

    /// Replaces `<a>`'s `click` so a download is recorded (its name and blob URL), not made.
    fn spy_on_downloads() -> (JsValue, JsValue) {
        let window = gloo::utils::window();
        let prototype = Reflect::get(
            &Reflect::get(&window, &"HTMLAnchorElement".into()).unwrap(),
            &"prototype".into(),
        )
        .unwrap();
        let original = Reflect::get(&prototype, &"click".into()).unwrap();
        let spy = js_sys::Function::new_no_args("window.__caseDownloads.push([this.download, this.href]);");
        Reflect::set(&window, &"__caseDownloads".into(), &js_sys::Array::new()).unwrap();
        Reflect::set(&prototype, &"click".into(), &spy).unwrap();
        (prototype, original)
    }

    async fn downloads(spy: (JsValue, JsValue)) -> Vec<(String, String)> {
        let (prototype, original) = spy;
        Reflect::set(&prototype, &"click".into(), &original).unwrap();
        let window = gloo::utils::window();
        let made = js_sys::Array::from(&Reflect::get(&window, &"__caseDownloads".into()).unwrap());
        let mut files = Vec::new();
        for pair in made.iter() {
            let pair = js_sys::Array::from(&pair);
            let name = pair.get(0).as_string().unwrap();
            let href = pair.get(1).as_string().unwrap();
            let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&href))
                .await
                .unwrap()
                .dyn_into()
                .unwrap();
            let text = JsFuture::from(response.text().unwrap())
                .await
                .unwrap()
                .as_string()
                .unwrap();
            files.push((name, text));
        }
        files
    }

    #[wasm_bindgen_test]
    async fn export_downloads_the_work_as_a_dated_case_file() {
        let probe = render_panel(&Work::default()).await;
        let [a, b, _] = keys(&probe);
        let work = Work {
            tags: vec![tag("Leads", "#ff0000", vec![a, b])],
            notes: vec![note(a, "check this")],
            ..Work::default()
        };
        let panel = render_panel(&work).await;
        let spy = spy_on_downloads();
        click(&panel.root, ".case-export");
        let files = downloads(spy).await;
        assert_eq!(files.len(), 1);
        let (name, text) = &files[0];
        let date = name
            .strip_prefix("dossier-case-")
            .and_then(|n| n.strip_suffix(".json"))
            .unwrap_or_else(|| panic!("{name}"));
        assert!(
            date.len() == 10
                && date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }),
            "{name}"
        );
        assert_eq!(text, &export(&work, &panel.hashes));
        // Imported into an empty work, it is the work again.
        let (merged, _) = import(text, &panel.corpus.documents, &panel.hashes, &Work::default()).unwrap();
        assert_eq!(merged, work);
        assert_eq!(count(&panel.root, "[role=alert]"), 0);
    }

    #[wasm_bindgen_test]
    async fn an_import_shows_what_is_new_what_conflicts_and_what_is_lacking_then_merges() {
        let probe = render_panel(&Work::default()).await;
        let [a, b, c] = keys(&probe);
        let mine = Work {
            tags: vec![tag("Leads", "#ff0000", vec![a])],
            notes: vec![note(a, "my reading")],
            ..Work::default()
        };
        let theirs = Work {
            tags: vec![tag("Leads", "#00ff00", vec![a, b])],
            stars: vec![c, elsewhere()],
            notes: vec![note(a, "their reading")],
            ..Work::default()
        };
        let panel = render_panel(&mine).await;
        let file = export(&theirs, &panel.hashes);
        choose(&panel, "colleague.json", &file).await;

        assert_eq!(
            count(&panel.root, ".case-review"),
            1,
            "{}",
            panel.root.text_content().unwrap_or_default()
        );
        assert!(text(&panel.root, ".case-review h3").contains("colleague.json"));
        let new = text(&panel.root, ".case-new");
        let title = |k: DocKey| panel.corpus.documents[k.id.0 as usize].title.text.clone();
        assert!(new.contains(&format!("“{}” tagged “Leads”", title(b))), "{new}");
        assert!(new.contains(&format!("a star on “{}”", title(c))), "{new}");
        let conflicts = text(&panel.root, ".case-conflicts");
        assert!(
            conflicts.contains("your colour #ff0000 kept, theirs is #00ff00"),
            "{conflicts}"
        );
        assert!(
            conflicts.contains("yours “my reading” kept, theirs reads “their reading”"),
            "{conflicts}"
        );
        assert!(text(&panel.root, ".case-lacking").contains("a star on a document this build lacks"));
        assert!(
            panel.replaced.borrow().is_empty(),
            "nothing is applied before Merge"
        );

        click(&panel.root, ".case-merge");
        settle().await;
        let (expected, _) = import(&file, &panel.corpus.documents, &panel.hashes, &mine).unwrap();
        assert_eq!(*panel.replaced.borrow(), [expected]);
        assert_eq!(count(&panel.root, ".case-review"), 0);
    }

    #[wasm_bindgen_test]
    async fn cancelling_an_import_applies_nothing() {
        let panel = render_panel(&Work::default()).await;
        let [a, ..] = keys(&panel);
        let file = export(
            &Work {
                stars: vec![a],
                ..Work::default()
            },
            &panel.hashes,
        );
        choose(&panel, "case.json", &file).await;
        assert_eq!(count(&panel.root, ".case-review"), 1);
        click(&panel.root, ".case-review .case-cancel");
        settle().await;
        assert_eq!(count(&panel.root, ".case-review"), 0);
        assert!(panel.replaced.borrow().is_empty());
    }

    #[wasm_bindgen_test]
    async fn a_file_that_cannot_be_imported_is_refused_in_a_sentence() {
        let panel = render_panel(&Work::default()).await;
        let other = DocHashes::new(
            &ingest(vec![SourceFile::new(
                "x.txt",
                b"Another corpus entirely, with its own story.\n".to_vec(),
            )])
            .documents,
        );
        let foreign = export(
            &Work {
                stars: vec![other.key(DocId(0)).unwrap()],
                ..Work::default()
            },
            &other,
        );
        for (file, expected) in [
            ("notes.txt", "it is not readable JSON"),
            (r#"{"hello": 1}"#, "is not a Dossier case file"),
            (
                r#"{"format": "dossier-case-file", "version": 99, "corpus": "", "work": {}}"#,
                "format version 99, from a newer Dossier",
            ),
            (
                r#"{"format": "dossier-case-file", "version": 1, "corpus": "nope", "work": {}}"#,
                "this case file is damaged",
            ),
            (foreign.as_str(), "was made on another corpus"),
        ] {
            choose(&panel, "case.json", file).await;
            let alert = text(&panel.root, "[role=alert]");
            assert!(alert.starts_with("case.json was not imported: "), "{alert}");
            assert!(alert.contains(expected), "{alert}");
            assert_eq!(count(&panel.root, ".case-review"), 0);
        }
        assert!(panel.replaced.borrow().is_empty());
    }

    #[wasm_bindgen_test]
    async fn a_case_file_reaches_the_page_as_text() {
        let panel = render_panel(&Work::default()).await;
        let [a, ..] = keys(&panel);
        let hostile = "<img src=x onerror=\"window.__dossierPwned = 3\"><b>bold</b>";
        let mine = Work {
            notes: vec![note(a, "mine")],
            tags: vec![tag(hostile, "#000000", vec![])],
            ..Work::default()
        };
        let panel = render_panel(&mine).await;
        let theirs = Work {
            notes: vec![note(a, hostile)],
            tags: vec![
                tag(hostile, "#111111", vec![]),
                tag("<script>x</script>", "#000000", vec![]),
            ],
            ..Work::default()
        };
        choose(&panel, "<i>case</i>.json", &export(&theirs, &panel.hashes)).await;
        assert_eq!(count(&panel.root, "img, b, script, i"), 0);
        assert!(panel.root.text_content().unwrap().contains(hostile));
        assert!(Reflect::get(&gloo::utils::window(), &"__dossierPwned".into())
            .unwrap()
            .is_undefined());
    }

    #[wasm_bindgen_test]
    async fn clearing_the_work_asks_first_and_offers_the_export() {
        let panel = render_panel(&Work::default()).await;
        click(&panel.root, ".case-clear");
        settle().await;
        assert_eq!(*panel.cleared.borrow(), 0, "not before the reader confirms");
        let dialog = text(&panel.root, ".case-confirm-clear");
        assert!(
            dialog.contains("cannot be undone") && dialog.contains("Export a case file first"),
            "{dialog}"
        );
        let spy = spy_on_downloads();
        click(&panel.root, ".case-export-first");
        assert_eq!(downloads(spy).await.len(), 1);
        click(&panel.root, ".case-confirm-clear .case-cancel");
        settle().await;
        assert_eq!(count(&panel.root, ".case-confirm-clear"), 0);
        assert_eq!(*panel.cleared.borrow(), 0);

        click(&panel.root, ".case-clear");
        settle().await;
        click(&panel.root, ".case-clear-confirmed");
        settle().await;
        assert_eq!(*panel.cleared.borrow(), 1);
        assert_eq!(count(&panel.root, ".case-confirm-clear"), 0);
    }
}

/// The workbench's controls in the app shell, over the reader's work in a database of each
/// test's own (so tests sharing the browser never see each other's work).
mod workbench {
    use super::*;
    use dossier::work::WorkProvider;
    use dossier::work_store::WorkStore;
    use web_sys::HtmlTextAreaElement;

    #[derive(Properties, PartialEq)]
    struct WorkHarnessProps {
        corpus: CorpusHandle,
        path: AttrValue,
        database: AttrValue,
    }

    #[component]
    fn WorkHarness(props: &WorkHarnessProps) -> Html {
        let history = use_memo(props.path.clone(), |path| {
            let history = MemoryHistory::new();
            history.push(path.as_str());
            AnyHistory::from(history)
        });
        html! {
            <ContextProvider<CorpusHandle> context={props.corpus.clone()}>
                <WorkProvider database={props.database.clone()}>
                    <Router history={(*history).clone()}><Shell /></Router>
                </WorkProvider>
            </ContextProvider<CorpusHandle>>
        }
    }

    /// The shell at `path` over `corpus`, with an emptied database `database`, once the
    /// work is read (the controls show).
    async fn render_work(corpus: CorpusHandle, path: &str, database: &str) -> Element {
        WorkStore::open_named(database)
            .await
            .unwrap()
            .clear()
            .await
            .unwrap();
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<WorkHarness>::with_root_and_props(
            root.clone(),
            WorkHarnessProps {
                corpus,
                path: path.to_owned().into(),
                database: database.to_owned().into(),
            },
        )
        .render();
        until(|| {
            root.query_selector(".star:enabled, .correct-entity, .work-page .corrections")
                .ok()
                .flatten()
                .is_some()
        })
        .await;
        root
    }

    /// Waits (up to 5 s) for `ready`, letting IndexedDB and Yew run in between.
    async fn until(ready: impl Fn() -> bool) {
        for _ in 0..250 {
            settle().await;
            if ready() {
                return;
            }
            gloo::timers::future::TimeoutFuture::new(20).await;
        }
        panic!("never ready");
    }

    fn submit(root: &Element, css: &str) {
        let form: web_sys::HtmlFormElement = root
            .query_selector(css)
            .unwrap()
            .unwrap_or_else(|| panic!("no {css}"))
            .dyn_into()
            .unwrap();
        form.request_submit().unwrap();
    }

    fn has(root: &Element, css: &str) -> bool {
        root.query_selector(css).ok().flatten().is_some()
    }

    /// Selects `words` in the reader's text as a drag would.
    fn select(root: &Element, words: &str) {
        let pieces = root.query_selector_all("#doc-body [data-at]").unwrap();
        for i in 0..pieces.length() {
            let node = pieces.item(i).unwrap().first_child().unwrap();
            let text = node.text_content().unwrap_or_default();
            if let Some(at) = text.find(words) {
                let units = |s: &str| s.encode_utf16().count() as u32;
                let range = gloo::utils::document().create_range().unwrap();
                range.set_start(&node, units(&text[..at])).unwrap();
                range.set_end(&node, units(&text[..at + words.len()])).unwrap();
                let selection = gloo::utils::window().get_selection().unwrap().unwrap();
                selection.remove_all_ranges().unwrap();
                selection.add_range(&range).unwrap();
                return;
            }
        }
        panic!("no piece holds {words:?}");
    }

    #[wasm_bindgen_test]
    async fn a_document_is_starred_and_tagged_from_the_reader_and_the_list_shows_it() {
        let root = render_work(super::corpus(), "/doc/0", "test-star-tag").await;
        click(&root, ".doc-work .star");
        until(|| text(&root, ".doc-work .star").contains("Starred")).await;
        set_value(&root, ".tag-form .tag-name", "Leads");
        settle().await;
        assert!(has(&root, ".tag-colours"), "a new tag offers its colours");
        submit(&root, ".tag-form");
        until(|| has(&root, ".doc-work .tag-chip")).await;
        assert!(text(&root, ".doc-work .tag-chip").contains("Leads"));
        // Taken off again with its chip's button.
        click(&root, ".doc-work .tag-remove");
        until(|| !has(&root, ".doc-work .tag-chip")).await;
    }

    #[wasm_bindgen_test]
    async fn a_note_is_added_on_a_selected_passage_edited_and_deleted() {
        let root = render_work(super::corpus(), "/doc/0", "test-notes").await;
        select(&root, "leaders will meet");
        until(|| has(&root, ".passage-tools")).await;
        assert_eq!(text(&root, ".passage-tools q"), "leaders will meet");
        click(&root, ".passage-tools .add-note");
        settle().await;
        set_value(&root, ".note-form textarea", "Which leaders?");
        submit(&root, ".note-form");
        until(|| has(&root, ".doc-notes .note-text")).await;
        assert_eq!(text(&root, ".doc-notes .note-text"), "Which leaders?");
        assert_eq!(text(&root, "#doc-body .noted"), "leaders will meet");
        click(&root, ".doc-notes .note-meta .link-button");
        settle().await;
        set_value(&root, ".note-edit textarea", "Putin and Xi");
        submit(&root, ".note-edit");
        until(|| {
            has(&root, ".doc-notes .note-text") && text(&root, ".doc-notes .note-text") == "Putin and Xi"
        })
        .await;
        assert!(text(&root, ".doc-notes .note-meta").contains("edited"));
        click(&root, ".doc-notes .delete-note");
        until(|| !has(&root, ".doc-notes")).await;
        assert!(!has(&root, "#doc-body .noted"));
    }

    #[wasm_bindgen_test]
    async fn a_passage_is_copied_with_its_citation() {
        let root = render_work(super::corpus(), "/doc/0", "test-cite").await;
        select(&root, "both sides expect agreements");
        until(|| has(&root, ".passage-tools .cite")).await;
        click(&root, ".passage-tools .cite");
        settle().await;
        let citation = root
            .query_selector(".citation-text")
            .unwrap()
            .unwrap()
            .dyn_into::<HtmlTextAreaElement>()
            .unwrap()
            .value();
        assert!(
            citation.starts_with("\u{201C}both sides expect agreements\u{201D}"),
            "{citation}"
        );
        assert!(citation.contains("Leaders Meet In Samarkand"), "{citation}");
        assert!(citation.contains("/doc/0?at="), "{citation}");
    }

    #[wasm_bindgen_test]
    async fn an_entity_is_renamed_retyped_and_the_last_correction_undone() {
        let corpus = seeds();
        let id = entity_id(&corpus, "Beijing");
        let root = render_work(corpus, &format!("/entity/{id}"), "test-correct").await;
        set_value(&root, ".correct-entity .rename input", "Peking");
        submit(&root, ".correct-entity .rename");
        until(|| text(&root, "#entity-name") == "Peking").await;
        assert!(
            text(&root, ".aliases").contains("Beijing"),
            "the old name is an alias"
        );
        assert!(text(&root, ".work-status").contains("Renamed Beijing to Peking"));
        // The related names follow once the insights are relinked to the corrected
        // entities, after the frame that showed the new name.
        until(|| has(&root, ".related-list") && !has(&root, ".relinking")).await;
        assert!(
            text(&root, ".related-list").contains("Moscow") || text(&root, ".related-list").contains("China")
        );
        set_value(&root, ".correct-entity .retype select", "LOC");
        submit(&root, ".correct-entity .retype");
        until(|| text(&root, ".view-kicker").contains("place")).await;
        click(&root, ".work-status .undo");
        until(|| !text(&root, ".view-kicker").contains("place")).await;
        assert_eq!(
            text(&root, "#entity-name"),
            "Peking",
            "only the last correction is undone"
        );
    }

    #[wasm_bindgen_test]
    async fn splitting_an_alias_off_updates_the_page_in_place() {
        let corpus = seeds();
        let id = entity_id(&corpus, "Xi Jinping");
        let root = render_work(corpus, &format!("/entity/{id}"), "test-split").await;
        let before = count(&root, ".kwic-row");
        let xi_lines = |root: &Element| {
            let rows = root.query_selector_all(".kwic-row .kwic-mention").unwrap();
            (0..rows.length())
                .filter(|&i| rows.item(i).unwrap().text_content().unwrap_or_default() == "Xi")
                .count()
        };
        assert!(xi_lines(&root) > 0, "mentions written Xi are listed");
        click(&root, ".correct-entity .split-alias");
        until(|| count(&root, ".kwic-row") < before).await;
        assert_eq!(text(&root, "#entity-name"), "Xi Jinping");
        assert_eq!(xi_lines(&root), 0, "they left with the alias");
        assert!(!has(&root, ".aliases") || !text(&root, ".aliases").contains("Xi,"));
    }

    #[wasm_bindgen_test]
    async fn a_missed_name_is_marked_and_a_mention_unmarked_from_the_reader() {
        let corpus = seeds();
        let root = render_work(corpus, "/doc/0", "test-mark").await;
        select(&root, "summit");
        until(|| has(&root, ".passage-tools .mark-entity")).await;
        click(&root, ".passage-tools .mark-entity");
        settle().await;
        set_value(&root, ".mark-entity-form select", "EVENT");
        submit(&root, ".mark-entity-form");
        until(|| has(&root, "#doc-body a.ent-event")).await;
        select(&root, "Samarkand");
        until(|| has(&root, ".passage-tools .not-mention")).await;
        let before = count(&root, "#doc-body a.ent-gpe");
        click(&root, ".passage-tools .not-mention");
        until(|| count(&root, "#doc-body a.ent-gpe") == before - 1).await;
    }

    #[wasm_bindgen_test]
    async fn your_work_lists_a_correction_in_words_and_reverts_it() {
        let root = render_work(seeds(), "/doc/0", "test-review").await;
        select(&root, "Samarkand");
        until(|| has(&root, ".passage-tools .not-mention")).await;
        click(&root, ".passage-tools .not-mention");
        until(|| has(&root, ".work-status .undo")).await;
        click(&root, "nav.views a[href='/work']");
        until(|| has(&root, ".correction-list li")).await;
        assert!(text(&root, ".correction-list").contains("\u{201C}Samarkand\u{201D}"));
        click(&root, ".correction-list .revert");
        until(|| !has(&root, ".correction-list li")).await;
    }
}

// Name lists (src/views/names.rs).

/// The rows' text, one string per name.
fn name_rows(root: &Element) -> Vec<String> {
    let rows = root.query_selector_all(".name-row").unwrap();
    (0..rows.length())
        .map(|i| rows.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn a_pasted_name_list_shows_each_match_and_how() {
    let root = render_params(seeds(), "/names", SearchParams::default()).await;
    assert_eq!(count(&root, ".name-row"), 0);
    set_value(
        &root,
        "#names-text",
        "vladimir putin\n\nXi Jinpnig\nYuri\nQwzx Nobody\nVladimir Putin\n",
    );
    settle().await;
    click(&root, ".names-look-up");
    settle().await;
    let rows = name_rows(&root);
    assert_eq!(rows.len(), 4, "a blank and a repeat dropped: {rows:?}");
    assert!(
        rows[0].contains("Vladimir Putin") && rows[0].contains("same name"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("Xi Jinping") && rows[1].contains("1 letter off"),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].contains("Yuri Ushakov") && rows[2].contains("part of the name"),
        "{}",
        rows[2]
    );
    assert!(rows[3].contains("No match"), "{}", rows[3]);
    assert_eq!(count(&root, ".name-row.matched"), 3);
    assert_eq!(count(&root, ".name-row.unmatched .name-candidate"), 3);
    assert_eq!(
        text(&root, ".names-summary"),
        "3 of 4 names found, in 5 documents."
    );
    // A phone hides the header: the numbers carry their own labels.
    let docs = root.query_selector(".name-row.matched .num").unwrap().unwrap();
    assert_eq!(docs.get_attribute("data-label").as_deref(), Some("docs"));
    // Each matched entity is a column of the table, and its name links to its page.
    assert_eq!(count(&root, ".names-matrix .matrix-col"), 3);
    assert!(count(&root, ".names-matrix .matrix-row") >= 1);
    let link = root.query_selector(".name-row .name-entity").unwrap().unwrap();
    assert!(link
        .get_attribute("href")
        .unwrap_or_default()
        .starts_with("/entity/"));
}

#[wasm_bindgen_test]
async fn picking_a_candidate_puts_it_in_the_list_and_the_list_exports() {
    let params = SearchParams {
        names: "Xi Jinping\nPelosi Nancyy Qq".into(),
        ..SearchParams::default()
    };
    let root = render_params(seeds(), "/names", params).await;
    assert_eq!(count(&root, ".name-row.unmatched"), 1);
    let first = text(&root, ".name-row.unmatched .name-candidate");
    click(&root, ".name-row.unmatched .name-candidate");
    settle().await;
    assert_eq!(count(&root, ".name-row.unmatched"), 0);
    let rows = name_rows(&root);
    assert!(
        rows[1].starts_with(&first) && rows[1].contains("same name"),
        "{rows:?}"
    );
    let area: web_sys::HtmlTextAreaElement = root
        .query_selector("#names-text")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        area.value(),
        format!("Xi Jinping\n{first}"),
        "the box shows the list"
    );
    // Both exports make their files without an error.
    let buttons = root.query_selector_all(".names-view .export-button").unwrap();
    assert_eq!(buttons.length(), 2);
    for i in 0..buttons.length() {
        buttons
            .item(i)
            .unwrap()
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click();
        settle().await;
    }
    assert_eq!(count(&root, ".export-error"), 0);
    assert_eq!(
        count(&root, ".names-save"),
        0,
        "no saving unless the app offers it"
    );
}

#[derive(Properties, PartialEq)]
struct SavedNamesProps {
    corpus: CorpusHandle,
    saved: Vec<dossier_work::work::NameList>,
    on_save: Callback<dossier_work::work::NameList>,
}

/// The names view alone, given saved lists and a save callback, as the app will give them.
#[component]
fn SavedNames(props: &SavedNamesProps) -> Html {
    let history = use_memo((), |_| {
        let history = MemoryHistory::new();
        history.push("/names");
        AnyHistory::from(history)
    });
    html! {
        <ContextProvider<CorpusHandle> context={props.corpus.clone()}>
            <Router history={(*history).clone()}>
                <dossier::views::names::NamesView saved={props.saved.clone()} on_save={Some(props.on_save.clone())} />
            </Router>
        </ContextProvider<CorpusHandle>>
    }
}

#[wasm_bindgen_test]
async fn a_saved_list_opens_and_the_shown_list_saves_under_a_name() {
    use dossier_work::work::NameList;
    use std::cell::RefCell;
    use std::rc::Rc;
    let saved = Rc::new(RefCell::new(Vec::<NameList>::new()));
    let root = gloo::utils::document().create_element("div").unwrap();
    gloo::utils::document()
        .body()
        .unwrap()
        .append_child(&root)
        .unwrap();
    let on_save = {
        let saved = saved.clone();
        Callback::from(move |list: NameList| saved.borrow_mut().push(list))
    };
    let lists = vec![NameList {
        name: "Summit".into(),
        names: vec!["Xi Jinping".into(), "Putin".into()],
    }];
    yew::Renderer::<SavedNames>::with_root_and_props(
        root.clone(),
        SavedNamesProps {
            corpus: seeds(),
            saved: lists,
            on_save,
        },
    )
    .render();
    settle().await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector(".names-saved select")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    select.set_value("0");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(count(&root, ".name-row.matched"), 2);
    set_value(&root, ".names-save-name", "Leaders");
    settle().await;
    click(&root, ".names-save button");
    settle().await;
    assert_eq!(
        *saved.borrow(),
        [NameList {
            name: "Leaders".into(),
            names: vec!["Xi Jinping".into(), "Putin".into()],
        }]
    );
}
