//! The exploration views in the built app (seeds corpus), driven as a reader would: facets
//! narrowing the list, an entity's page, the matrix, the graph, the timeline and the
//! comparison of two outlets; each screenshotted at desktop and phone widths.

use dossier_e2e::{dist_dir, Browser, StaticServer};

async fn open(phone: bool) -> (StaticServer, Browser) {
    let server = StaticServer::start(&dist_dir()).expect("serve dist/");
    let browser = if phone {
        Browser::start_phone().await
    } else {
        Browser::start(1280, 900).await
    };
    (server, browser.unwrap_or_else(|e| panic!("{e}")))
}

async fn url(browser: &Browser) -> url::Url {
    browser.client.current_url().await.unwrap()
}

/// Clicks the facet value called `name` (its label).
async fn pick_facet(browser: &Browser, name: &str) {
    let xpath = format!("//label[@class='facet-value'][span[@class='facet-name' and .='{name}']]/input");
    browser
        .client
        .find(fantoccini::Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("facet {name}: {e}"))
        .click()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn facets_narrow_the_list_in_the_url_and_back_undoes_them() {
    let (server, browser) = open(false).await;
    browser.client.goto(&server.url("/")).await.unwrap();
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    pick_facet(&browser, "Press TV").await;
    browser.find(".chip").await.unwrap();
    assert_eq!(browser.text("#documents-heading").await, "1 of 5 documents");
    let address = url(&browser).await;
    assert!(
        address
            .query_pairs()
            .any(|(k, v)| k == "outlet" && v == "Press TV"),
        "{address}"
    );
    browser.screenshot("facets-desktop.png").await;
    browser.client.back().await.unwrap();
    browser.find(".facets").await.unwrap();
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    assert_eq!(browser.count(".chip").await, 0);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_entity_page_leads_to_its_mentions_in_the_reader() {
    let (server, browser) = open(false).await;
    browser.client.goto(&server.url("/doc/0")).await.unwrap();
    browser.click(".doc-body a.ent-person").await;
    let name = browser.text("#entity-name").await;
    assert!(url(&browser).await.path().starts_with("/entity/"));
    assert!(browser.count(".kwic-row").await >= 1);
    browser.screenshot("entity-desktop.png").await;
    browser.click(".kwic-mention").await;
    let note = browser.text(".focus-note").await;
    assert!(note.starts_with(&format!("Mentions of {name}")), "{note}");
    // The outlined mention is scrolled into view.
    let visible = browser
        .client
        .execute(
            "const r = document.getElementById('focus-at').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(visible.as_bool(), Some(true));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn matrix_graph_timeline_and_compare_draw_and_answer() {
    let (server, browser) = open(false).await;
    browser.client.goto(&server.url("/")).await.unwrap();
    browser.click(".views a[href^='/matrix']").await;
    browser.find(".matrix-row").await.unwrap();
    assert_eq!(browser.count(".matrix-row").await, 5);
    browser.screenshot("matrix-desktop.png").await;
    browser.click(".matrix-cell a").await;
    browser.find(".focus-note").await.unwrap();

    browser.client.goto(&server.url("/graph")).await.unwrap();
    browser.find(".graph .node").await.unwrap();
    assert_eq!(browser.count(".graph .node").await, 40);
    browser.click(".graph .node").await;
    browser.find(".graph-panel h2").await.unwrap();
    browser.screenshot("graph-desktop.png").await;

    browser.client.goto(&server.url("/timeline")).await.unwrap();
    browser.find(".event").await.unwrap();
    assert!(browser.count(".timeline .mentioned").await >= 3);
    browser.screenshot("timeline-desktop.png").await;

    browser.client.goto(&server.url("/compare")).await.unwrap();
    browser.click("#pick-list .pick-row input").await;
    browser
        .click("#pick-list .vrow:nth-child(3) .pick-row input")
        .await;
    browser.find(".figures").await.unwrap();
    assert_eq!(browser.count(".picked-docs li").await, 2);
    let address = url(&browser).await;
    assert!(
        address
            .query_pairs()
            .any(|(k, v)| k == "d" && v.split(',').count() == 2),
        "{address}"
    );
    browser.screenshot("compare-desktop.png").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_fits_a_phone() {
    let (server, browser) = open(true).await;
    let views = [
        ("/?q=putin", "#documents-heading", "list-facets-phone.png"),
        ("/entity/0", "#entity-name", "entity-phone.png"),
        ("/matrix", ".matrix-row", "matrix-phone.png"),
        ("/graph", ".graph .node", "graph-phone.png"),
        ("/timeline", ".event", "timeline-phone.png"),
        ("/compare?d=0,2", ".figures", "compare-phone.png"),
    ];
    for (path, drawn, shot) in views {
        browser.client.goto(&server.url(path)).await.unwrap();
        browser
            .find(drawn)
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        // Wide content (the matrix, the figures) scrolls inside its own box: the page
        // itself never scrolls sideways.
        let overflow = browser
            .client
            .execute("return document.documentElement.scrollWidth - innerWidth", vec![])
            .await
            .unwrap();
        assert!(
            overflow.as_f64().unwrap_or(0.0) <= 1.0,
            "{path} is {overflow} px too wide"
        );
        browser.screenshot(shot).await;
    }
    // The facets fold behind a button on a phone.
    browser.client.goto(&server.url("/")).await.unwrap();
    browser.click(".facets-toggle").await;
    browser.find(".facets.open .facet").await.unwrap();
    browser.screenshot("facets-phone.png").await;
    browser.close().await;
}
