//! The app built on the hostile corpus (`cargo xtask hostile-corpus`: markup, script and
//! `javascript:` payloads, entities, bidi overrides, zero-width characters, emoji, Chinese,
//! Cyrillic, a 1 MB line, a word 100,000 times), driven in headless Chromium.
//!
//! Every payload would set `window.__dossier_pwned` if it ran. In every view the sentinel
//! stays unset, no markup from the corpus becomes an element, the hostile strings show as
//! text, the page never scrolls sideways, and search and highlighting still work. Views
//! are listed in `views()`: a new view joins every check by adding its path there.

use dossier_e2e::{hostile_dist_dir, screenshot_dir, Browser, StaticServer};
use fantoccini::Locator;

/// Elements corpus text could only create by being parsed as HTML (the app draws none).
/// Elements corpus markup would make if it were parsed. The app draws two SVGs of its own
/// (the graph and the timeline), made only of shapes and text: anything else inside them,
/// or any other SVG, would be injected.
const INJECTED: &str =
    "body script, body img, body iframe, body svg:not(.graph):not(.timeline), body style, \
                        body object, body embed, svg.graph :not(rect, g, line, circle, text), \
                        svg.timeline :not(rect, g, line, circle, text), \
                        a[href^='javascript:'], [onerror], [onload], [srcdoc]";

async fn open(width: u32, height: u32) -> (StaticServer, Browser) {
    let server = StaticServer::start(&hostile_dist_dir()).expect("serve the hostile dist/");
    let browser = Browser::start(width, height)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    (server, browser)
}

async fn page_text(browser: &Browser) -> String {
    browser
        .eval("return document.body.innerText")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Percent-encodes a query for a URL (every byte outside unreserved ASCII).
fn encode(query: &str) -> String {
    query
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The checks every view passes: nothing ran, nothing was parsed as markup, no sideways
/// scrolling.
async fn assert_safe(browser: &Browser, view: &str) {
    let sentinel = browser.eval("return typeof window.__dossier_pwned").await;
    assert_eq!(sentinel.as_str(), Some("undefined"), "a payload ran in {view}");
    let injected = browser
        .eval(&format!(
            "return document.querySelectorAll(\"{INJECTED}\").length"
        ))
        .await;
    assert_eq!(
        injected.as_u64(),
        Some(0),
        "corpus markup became elements in {view}"
    );
    let overflow = browser
        .eval("return document.documentElement.scrollWidth - window.innerWidth")
        .await;
    assert!(
        overflow.as_i64().is_some_and(|o| o <= 1),
        "{view} scrolls sideways by {overflow}px"
    );
}

async fn document_count(browser: &Browser) -> usize {
    let heading = browser
        .find("#documents-heading")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    heading
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("heading {heading:?}"))
}

/// Every view of the app, by path, for a corpus of `docs` documents.
fn views(docs: usize) -> Vec<String> {
    let mut paths = vec!["/".to_owned(), format!("/?q={}", encode("script onerror"))];
    paths.extend((0..docs).map(|i| format!("/doc/{i}")));
    paths.extend(["/entity/0", "/matrix", "/graph", "/timeline", "/compare?d=0,1,2"].map(str::to_owned));
    paths
}

/// Loads `path` and waits for the app to draw it.
async fn visit(browser: &Browser, server: &StaticServer, path: &str) {
    browser.goto(&server.url(path)).await;
    let drawn = match path.split(['/', '?']).nth(1).unwrap_or_default() {
        "doc" => "#doc-title",
        "entity" => "#entity-name",
        "matrix" => "#matrix-heading",
        "graph" => "#graph-heading",
        "timeline" => "#timeline-heading",
        "compare" => "#compare-heading",
        _ => "#documents-heading",
    };
    browser
        .find(drawn)
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn no_view_runs_corpus_text_or_breaks_the_layout() {
    for (width, height, name) in [(1280, 900, "desktop"), (390, 844, "phone")] {
        let (server, browser) = open(width, height).await;
        visit(&browser, &server, "/").await;
        let docs = document_count(&browser).await;
        assert_eq!(docs, 7, "every hostile file is a document");
        for path in views(docs) {
            visit(&browser, &server, &path).await;
            assert_safe(&browser, &format!("{path} ({name})")).await;
        }
        browser.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn markup_shows_as_text_in_the_list_search_and_reader() {
    let (server, browser) = open(1280, 900).await;
    visit(&browser, &server, "/").await;
    let list = page_text(&browser).await;
    assert!(
        list.contains("<script>window.__dossier_pwned = 1</script> Council"),
        "{list}"
    );
    let png = browser.client.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join("hostile-list.png"), png).unwrap();

    visit(&browser, &server, "/?q=script").await;
    browser.find("#documents-heading .timing").await.unwrap();
    let rows = browser.client.find_all(Locator::Css(".vrow")).await.unwrap();
    assert!(
        rows.len() >= 2,
        "the markup article and the long line both say script"
    );
    let hits = page_text(&browser).await;
    assert!(hits.contains("<script>"), "{hits}");
    assert_safe(&browser, "search for script").await;

    // The reader of the markup article: every payload as written, and entities marked.
    browser
        .client
        .wait()
        .for_element(Locator::XPath("//a[contains(., 'Council')]"))
        .await
        .expect("a result row links the markup article")
        .click()
        .await
        .unwrap();
    let body = browser.find(".doc-body").await.unwrap().text().await.unwrap();
    for payload in [
        "<a href=\"javascript:window.__dossier_pwned = 1\">click here</a>",
        "<img src=x onerror=\"window.__dossier_pwned = 1\">",
        "<svg onload=\"window.__dossier_pwned = 1\"></svg>",
        "<style>body { display: none }</style>",
        "&lt;script&gt;window.__dossier_pwned = 1&lt;/script&gt;, &amp;amp;, &#x3C;b&#x3E;",
    ] {
        assert!(body.contains(payload), "{payload} missing from {body}");
    }
    let people = browser
        .client
        .find_all(Locator::Css(".doc-body .ent-person"))
        .await
        .unwrap();
    assert!(
        !people.is_empty(),
        "Vladimir Putin and Xi Jinping are highlighted"
    );
    assert_safe(&browser, "markup reader").await;
    let png = browser.client.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join("hostile-reader.png"), png).unwrap();
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_finds_every_script_and_the_huge_documents() {
    let (server, browser) = open(1280, 900).await;
    for (query, title) in [
        ("北京", "北京举行上海合作组织峰会"),
        ("Путин", "Путин встретился с Си Цзиньпином"),
        ("traders", "Emoji storm 🌪️🔥 sweeps markets"),
        ("Peskov", "Moscow report \u{202E}txt.exe\u{202C}"),
        ("buffalo", "The word repeated a hundred thousand times"),
        ("Leeds", "A report on one very long line"),
    ] {
        visit(&browser, &server, &format!("/?q={}", encode(query))).await;
        browser.find("#documents-heading .timing").await.unwrap();
        let first = browser
            .find("#row-0 .row-title")
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            first.starts_with(title),
            "{query:?} found {first:?}, not {title:?}"
        );
        let marks = browser
            .client
            .find_all(Locator::Css("#row-0 mark.hit"))
            .await
            .unwrap();
        assert!(!marks.is_empty(), "{query:?} is highlighted in its row");
        assert_safe(&browser, &format!("search {query:?}")).await;
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn invisible_and_bidi_characters_stay_in_the_text() {
    let (server, browser) = open(1280, 900).await;
    visit(&browser, &server, &format!("/?q={}", encode("Peskov"))).await;
    browser.find("#documents-heading .timing").await.unwrap();
    browser.find("#row-0 a").await.unwrap().click().await.unwrap();
    // The reader's code arrives on demand: its title is there once it has.
    browser.find("#doc-title").await.unwrap();
    let title = browser
        .eval("return document.querySelector('#doc-title').textContent")
        .await;
    let title = title.as_str().unwrap_or_default();
    assert!(
        title.contains("\u{202E}txt.exe\u{202C}") && title.contains("zero\u{200B}width"),
        "{title:?}"
    );
    // textContent, not WebDriver's visible text, which drops zero-width characters itself.
    let body = browser
        .eval("return document.querySelector('.doc-body').textContent")
        .await;
    let body = body.as_str().unwrap_or_default();
    for kept in [
        "Pu\u{200B}tin",
        "Sam\u{200D}arkand",
        "\u{202E}gnp.exe\u{202C}",
        "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    ] {
        assert!(body.contains(kept), "{kept:?} missing from {body:?}");
    }
    assert_safe(&browser, "bidi reader").await;
    browser.close().await;
}
