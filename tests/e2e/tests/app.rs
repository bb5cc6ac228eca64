//! The built app (seeds corpus), served on 127.0.0.1 and driven in headless Chromium the
//! way a reader uses it: the list, a document, removed text, back and forward, deep links.

use dossier_e2e::{dist_dir, screenshot_dir, Browser, BrowserError, StaticServer};
use fantoccini::Locator;

/// Serves the built app and starts `browser` (desktop or phone).
async fn open(
    browser: impl std::future::Future<Output = Result<Browser, BrowserError>>,
) -> (StaticServer, Browser) {
    let server = StaticServer::start(&dist_dir()).expect("serve dist/");
    let browser = browser.await.unwrap_or_else(|e| panic!("{e}"));
    (server, browser)
}

async fn text(browser: &Browser, css: &str) -> String {
    browser
        .find(css)
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

async fn path(browser: &Browser) -> String {
    browser.client.current_url().await.unwrap().path().to_owned()
}

async fn screenshot(browser: &Browser, name: &str) {
    let png = browser.client.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join(name), png).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn list_document_removed_text_back_and_forward() {
    let (server, browser) = open(Browser::start(1280, 900)).await;
    browser.client.goto(&server.url("/")).await.unwrap();

    assert_eq!(text(&browser, "#documents-heading").await, "5 documents");
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
    screenshot(&browser, "list-desktop.png").await;

    browser.find("#row-2 a").await.unwrap().click().await.unwrap();
    let title = text(&browser, "#doc-title").await;
    assert!(
        title.starts_with("Chinese President Xi Jinping and Russian President Vladimir Putin"),
        "{title}"
    );
    assert_eq!(path(&browser).await, "/doc/2");
    let body = text(&browser, ".doc-body").await;
    assert!(body.contains("Beijing sent more than 2,000 troops"), "{body}");
    assert!(
        !body.contains("Advertisement"),
        "removed text is hidden by default"
    );
    assert!(text(&browser, ".doc-meta")
        .await
        .contains("2022-09-07 (labelled on the page)"));

    let toggle = browser.find(".toggle-removed").await.unwrap();
    assert_eq!(toggle.text().await.unwrap(), "Show removed text (4)");
    toggle.click().await.unwrap();
    let body = text(&browser, ".doc-body").await;
    assert!(
        body.contains("Advertisement") && body.contains("GiftOutline Gift Article"),
        "{body}"
    );
    screenshot(&browser, "reader-removed-shown.png").await;

    browser.client.back().await.unwrap();
    assert_eq!(text(&browser, "#documents-heading").await, "5 documents");
    assert_eq!(path(&browser).await, "/");
    browser.client.forward().await.unwrap();
    assert!(text(&browser, "#doc-title")
        .await
        .starts_with("Chinese President Xi Jinping"));
    assert_eq!(path(&browser).await, "/doc/2");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn deep_links_open_documents_and_unknown_ones_say_so() {
    let (server, browser) = open(Browser::start(1280, 900)).await;
    browser.client.goto(&server.url("/doc/4")).await.unwrap();
    assert!(text(&browser, "#doc-title")
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
    assert_eq!(text(&browser, ".region.metadata").await, "Moscow, September 13:");
    assert!(text(&browser, ".doc-meta").await.contains("LatestLY"));
    screenshot(&browser, "reader-desktop.png").await;

    browser.client.goto(&server.url("/doc/1")).await.unwrap();
    let meta = text(&browser, ".doc-meta").await;
    assert!(
        meta.contains("2025-12-19 (the page's date, not the story's)"),
        "{meta}"
    );

    browser.client.goto(&server.url("/doc/999")).await.unwrap();
    assert_eq!(text(&browser, ".not-found h1").await, "Not found");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn phone_width_screenshots() {
    let (server, browser) = open(Browser::start_phone()).await;
    browser.client.goto(&server.url("/")).await.unwrap();
    let width = browser
        .client
        .execute("return window.innerWidth", vec![])
        .await
        .unwrap();
    assert_eq!(width.as_u64(), Some(390));
    assert_eq!(text(&browser, "#documents-heading").await, "5 documents");
    screenshot(&browser, "list-phone.png").await;
    browser.client.goto(&server.url("/doc/0")).await.unwrap();
    assert!(text(&browser, "#doc-title")
        .await
        .starts_with("Russia\u{2019}s Putin"));
    screenshot(&browser, "reader-phone.png").await;
    browser.close().await;
}
