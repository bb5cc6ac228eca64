//! The built app (seeds corpus), served on 127.0.0.1 and driven in headless Chromium the
//! way a reader uses it: the list, a document, removed text, back and forward, deep links.

use dossier_e2e::{corpus_file_bytes, dist_dir, Browser, BrowserError, StaticServer};
use fantoccini::Locator;

/// Serves the built app and starts `browser` (desktop or phone).
async fn open(
    browser: impl std::future::Future<Output = Result<Browser, BrowserError>>,
) -> (StaticServer, Browser) {
    let server = StaticServer::start(&dist_dir()).expect("serve dist/");
    let browser = browser.await.unwrap_or_else(|e| panic!("{e}"));
    (server, browser)
}

async fn path(browser: &Browser) -> String {
    browser.client.current_url().await.unwrap().path().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn list_document_removed_text_back_and_forward() {
    let (server, browser) = open(Browser::start(1280, 900)).await;
    browser.goto(&server.url("/")).await;

    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    let rows = browser.client.find_all(Locator::Css(".vrow")).await.unwrap();
    assert_eq!(rows.len(), 5);
    let first = rows[0].text().await.unwrap();
    assert!(
        first.contains("Russia\u{2019}s Putin, China\u{2019}s Xi expected to meet"),
        "{first}"
    );
    assert!(
        first.contains("Press TV") && first.contains("456 words"),
        "{first}"
    );
    let third = rows[2].text().await.unwrap();
    assert!(
        third.contains("derived title") && third.contains("2022-09-07"),
        "{third}"
    );
    browser.screenshot("list-desktop.png").await;

    browser.find("#row-2 a").await.unwrap().click().await.unwrap();
    let title = browser.text("#doc-title").await;
    assert!(
        title.starts_with("Chinese President Xi Jinping and Russian President Vladimir Putin"),
        "{title}"
    );
    assert_eq!(path(&browser).await, "/doc/2");
    let body = browser.text(".doc-body").await;
    assert!(body.contains("Beijing sent more than 2,000 troops"), "{body}");
    assert!(
        !body.contains("Advertisement"),
        "removed text is hidden by default"
    );
    assert!(browser
        .text(".doc-meta")
        .await
        .contains("2022-09-07 (labelled on the page)"));

    let toggle = browser.find(".toggle-removed").await.unwrap();
    assert_eq!(toggle.text().await.unwrap(), "Show removed text (4)");
    toggle.click().await.unwrap();
    let body = browser.text(".doc-body").await;
    assert!(
        body.contains("Advertisement") && body.contains("GiftOutline Gift Article"),
        "{body}"
    );
    browser.screenshot("reader-removed-shown.png").await;

    browser.client.back().await.unwrap();
    browser.wait_for_heading("5 documents").await;
    assert_eq!(path(&browser).await, "/");
    browser.client.forward().await.unwrap();
    assert!(browser
        .text("#doc-title")
        .await
        .starts_with("Chinese President Xi Jinping"));
    assert_eq!(path(&browser).await, "/doc/2");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn deep_links_open_documents_and_unknown_ones_say_so() {
    let (server, browser) = open(Browser::start(1280, 900)).await;
    browser.goto(&server.url("/doc/4")).await;
    assert!(browser
        .text("#doc-title")
        .await
        .starts_with("SCO Summit 2022: Russia Claims"));
    let flagged = browser
        .client
        .find_all(Locator::Css("mark.flagged"))
        .await
        .unwrap();
    assert_eq!(flagged.len(), 2);
    assert!(flagged[0]
        .text()
        .await
        .unwrap()
        .contains("Queen Elizabeth II Funeral"));
    assert_eq!(browser.text(".region.metadata").await, "Moscow, September 13:");
    assert!(browser.text(".doc-meta").await.contains("LatestLY"));
    browser.screenshot("reader-desktop.png").await;

    browser.goto(&server.url("/doc/1")).await;
    let meta = browser.text(".doc-meta").await;
    assert!(
        meta.contains("2025-12-19 (the page's date, not the story's)"),
        "{meta}"
    );

    browser.goto(&server.url("/doc/999")).await;
    assert_eq!(browser.text(".not-found h1").await, "Not found");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn phone_width_screenshots() {
    let (server, browser) = open(Browser::start_phone()).await;
    browser.goto(&server.url("/")).await;
    let width = browser
        .client
        .execute("return window.innerWidth", vec![])
        .await
        .unwrap();
    assert_eq!(width.as_u64(), Some(390));
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    browser.screenshot("list-phone.png").await;
    browser.goto(&server.url("/doc/0")).await;
    assert!(browser
        .text("#doc-title")
        .await
        .starts_with("Russia\u{2019}s Putin"));
    browser.screenshot("reader-phone.png").await;
    browser.close().await;
}

async fn query_param(browser: &Browser) -> Option<String> {
    let url = browser.client.current_url().await.unwrap();
    url.query_pairs()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.into_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn search_as_you_type_keys_url_and_back() {
    let (server, browser) = open(Browser::start(1280, 900)).await;
    browser.goto(&server.url("/")).await;
    assert_eq!(browser.text("#documents-heading").await, "5 documents");

    // "/" focuses the search box from anywhere on the page.
    browser.find("body").await.unwrap().send_keys("/").await.unwrap();
    let active = browser
        .client
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(active.as_str(), Some("search-input"));

    // Typing updates results on every keystroke; the last word is a prefix.
    let input = browser.find("#search-input").await.unwrap();
    input.send_keys("ushak").await.unwrap();
    browser.wait_for_heading("1 result").await;
    assert_eq!(query_param(&browser).await.as_deref(), Some("ushak"));
    let snippet = browser.text("#row-0 .snippet").await;
    assert!(snippet.contains("Ushakov"), "{snippet}");
    assert_eq!(browser.text("#row-0 .snippet mark.hit").await, "Ushakov");
    browser.screenshot("search-desktop.png").await;

    // A broader query, then Down, Down, Enter opens the second result with hits marked.
    input.clear().await.unwrap();
    input.send_keys("denisov").await.unwrap();
    browser.wait_for_heading("3 results").await;
    let second_title = browser.text("#row-1 .row-link").await;
    input.send_keys("\u{E015}\u{E015}\u{E007}").await.unwrap(); // Down, Down, Enter
    let title = browser.text("#doc-title").await;
    assert_eq!(title, second_title);
    assert!(path(&browser).await.starts_with("/doc/"));
    assert_eq!(query_param(&browser).await.as_deref(), Some("denisov"));
    let position = browser.text(".hit-position").await;
    assert!(
        position.contains("hit") && position.contains("denisov"),
        "{position}"
    );
    browser.find("body").await.unwrap().send_keys("n").await.unwrap();
    let current = browser.text("mark.hit.current").await;
    assert!(current.eq_ignore_ascii_case("denisov"), "{current}");
    browser.screenshot("reader-hits.png").await;

    // Back returns to the results for the same query; back again leaves the search.
    browser.client.back().await.unwrap();
    browser.wait_for_heading("3 results").await;
    assert_eq!(query_param(&browser).await.as_deref(), Some("denisov"));
    let value = browser
        .find("#search-input")
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(value.as_deref(), Some("denisov"));
    browser.client.back().await.unwrap();
    browser.wait_for_heading("5 documents").await;
    assert_eq!(query_param(&browser).await, None);

    // A link reproduces a search; a query with no hits offers a correction.
    browser
        .client
        .goto(&server.url("/?q=kremlim%20praises"))
        .await
        .unwrap();
    let heading = browser.text("#documents-heading").await;
    assert!(heading.starts_with("1 result"), "typo tolerated: {heading}");
    browser
        .client
        .goto(&server.url("/?q=xii%20jinping"))
        .await
        .unwrap();
    assert_eq!(browser.text(".did-you-mean a").await, "xi jinping");
    browser
        .find(".did-you-mean a")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.wait_for_heading("5 results").await;
    browser.close().await;
}

/// How many elements match `css`.

#[tokio::test(flavor = "multi_thread")]
async fn entities_are_highlighted_toggled_and_filter_the_results() {
    let (server, browser) = open(Browser::start(1280, 1400)).await;
    browser.goto(&server.url("/doc/0")).await;
    browser.find(".doc-body .ent").await.unwrap();

    // Places, people and organisations of the first seed, each with its type written out.
    let places = browser
        .client
        .find_all(Locator::Css(".doc-body .ent-gpe"))
        .await
        .unwrap();
    let mut names = Vec::new();
    for p in &places {
        names.push(p.text().await.unwrap());
    }
    assert!(names.iter().any(|n| n == "Samarkand"), "{names:?}");
    // The type is written beside the name (drawn by CSS, so copied text stays the article's).
    let tag = browser
        .client
        .execute(
            "return getComputedStyle(document.querySelector('.doc-body .ent-gpe.ent-end'), '::after').content",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(tag.as_str(), Some("\"GPE\""));
    assert!(browser.count(".doc-body .ent-person").await >= 3);
    assert!(browser.count(".doc-body .ent-org").await >= 2);
    browser.screenshot("reader-entities.png").await;

    // The legend hides people and shows them again.
    let people = browser.count(".doc-body .ent-person").await;
    browser
        .find(".ent-legend .ent-person")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(browser.count(".doc-body .ent-person").await, 0);
    browser
        .find(".ent-legend .ent-person")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(browser.count(".doc-body .ent-person").await, people);

    // A name leads to its entity's page, and from there to the documents mentioning it.
    browser
        .find(".doc-entities a")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let name = browser.text("#entity-name").await;
    assert!(!name.is_empty());
    browser.click(".entity-facts a").await;
    browser.find(".chips").await.unwrap();
    let chips = browser.text(".chips").await;
    assert!(chips.contains(&name), "{chips}");
    assert!(browser.count(".vrow").await >= 1);
    browser.close().await;
}

/// The corpus file's head (titles, counts, the index without positions) before the rest:
/// the page is a working list at once, a word is searched, several words are searched and
/// say their nearness waits, and a document opened that early shows its title, then its
/// text when the rest arrives. The server holds the file back after its head, so nothing
/// here depends on the link's speed.
#[tokio::test(flavor = "multi_thread")]
async fn the_list_works_before_the_texts_arrive_and_an_early_document_appears() {
    let dist = dist_dir();
    let bytes = corpus_file_bytes(&dist);
    let head = dossier_store::head_len(&bytes).expect("a head") as usize;
    assert!(head < bytes.len(), "the texts come after the head");
    let server = StaticServer::start(&dist).expect("serve dist/");
    server.hold("corpus-", head);
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    browser.goto(&server.url("/")).await;

    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    assert!(browser
        .text(".text-arriving")
        .await
        .contains("Loading the articles' text"));
    let input = browser.find("#search-input").await.unwrap();
    input.send_keys("denisov").await.unwrap();
    browser.wait_for_heading("3 results").await;
    assert_eq!(
        browser.count(".query-note").await,
        0,
        "one word needs no positions"
    );
    input.send_keys(" putin").await.unwrap();
    browser
        .wait_until("document.querySelector('.query-note')?.textContent.includes('still arriving')")
        .await;
    browser.screenshot("texts-arriving-desktop.png").await;
    input.send_keys(&"\u{E003}".repeat(" putin".len())).await.unwrap(); // Backspace
    browser.wait_for_heading("3 results").await;

    browser.click("#row-0 a").await;
    let pending = browser.text(".text-pending h1").await;
    assert!(
        !pending.is_empty() && pending != "Loading the articles",
        "the document's title: {pending}"
    );
    assert_eq!(browser.count(".doc-body").await, 0);

    server.release();
    let body = browser.text(".doc-body").await;
    assert!(body.contains("Denisov"), "{body}");
    assert_eq!(browser.count(".text-arriving").await, 0);
    assert_eq!(browser.count(".text-pending").await, 0);

    // With the positions in, the same words rank by nearness and say nothing of it.
    browser.client.back().await.unwrap();
    browser.wait_for_heading("3 results").await;
    let input = browser.find("#search-input").await.unwrap();
    input.send_keys(" putin").await.unwrap();
    browser
        .wait_until(
            "document.querySelector('#search-input').value === 'denisov putin' \
             && [...document.querySelectorAll('h1')].some((h) => /^\\d+ results? /.test(h.textContent)) \
             && !document.querySelector('.query-note')",
        )
        .await;
    browser.close().await;
}
