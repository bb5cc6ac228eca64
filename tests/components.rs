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
use web_sys::{Element, HtmlElement};
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
    let area: web_sys::HtmlTextAreaElement = root
        .query_selector("#names-text")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    area.set_value("vladimir putin\n\nXi Jinpnig\nYuri\nQwzx Nobody\nVladimir Putin\n");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    area.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
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
    let name: web_sys::HtmlInputElement = root
        .query_selector(".names-save-name")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    name.set_value("Leaders");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    name.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
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
