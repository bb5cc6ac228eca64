//! The exploration views in the built app (seeds corpus), driven as a reader would: facets
//! narrowing the list, an entity's page, the matrix, the graph, the timeline and the
//! comparison of two outlets; each screenshotted at desktop and phone widths.

use dossier_e2e::{serve_app, Browser};
use serde_json::json;

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
    let (server, browser) = serve_app(false).await;
    browser.goto(&server.url("/")).await;
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
    let (server, browser) = serve_app(false).await;
    browser.goto(&server.url("/doc/0")).await;
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
    let (server, browser) = serve_app(false).await;
    browser.goto(&server.url("/")).await;
    browser.click(".views a[href^='/matrix']").await;
    browser.find(".matrix-row").await.unwrap();
    assert_eq!(browser.count(".matrix-row").await, 5);
    browser.screenshot("matrix-desktop.png").await;
    browser.click(".matrix-cell a").await;
    browser.find(".focus-note").await.unwrap();

    browser.goto(&server.url("/graph")).await;
    browser.find(".graph .node").await.unwrap();
    assert_eq!(browser.count(".graph .node").await, 40);
    browser.click(".graph .node").await;
    browser.find(".graph-panel h2").await.unwrap();
    browser.screenshot("graph-desktop.png").await;

    browser.goto(&server.url("/timeline")).await;
    browser.find(".event").await.unwrap();
    assert!(browser.count(".timeline .mentioned").await >= 3);
    browser.screenshot("timeline-desktop.png").await;

    browser.goto(&server.url("/compare")).await;
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
    let (server, browser) = serve_app(true).await;
    let views = [
        ("/?q=putin", "#documents-heading", "list-facets-phone.png"),
        ("/entity/0", "#entity-name", "entity-phone.png"),
        ("/matrix", ".matrix-row", "matrix-phone.png"),
        ("/graph", ".graph .node", "graph-phone.png"),
        ("/timeline", ".event", "timeline-phone.png"),
        ("/compare?d=0,2", ".figures", "compare-phone.png"),
    ];
    for (path, drawn, shot) in views {
        browser.goto(&server.url(path)).await;
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
    browser.goto(&server.url("/")).await;
    browser.click(".facets-toggle").await;
    browser.find(".facets.open .facet").await.unwrap();
    browser.screenshot("facets-phone.png").await;
    browser.close().await;
}

/// Makes the page's `prefers-color-scheme` dark, as a reader's system setting would, and
/// checks that it took.
async fn go_dark(browser: &Browser) {
    browser
        .cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
        )
        .await
        .unwrap_or_else(|e| panic!("dark mode: {e}"));
    assert_eq!(
        browser
            .eval("return matchMedia('(prefers-color-scheme: dark)').matches")
            .await,
        json!(true)
    );
}

/// Issue 18: the centre of the story (Vladimir Putin, Moscow...) had no labels, the
/// colours had no key, and a phone got the 960-unit drawing shrunk to a third.
#[tokio::test(flavor = "multi_thread")]
async fn the_graph_labels_its_centre_keys_its_colours_and_lists_on_a_phone() {
    let (server, browser) = serve_app(false).await;
    browser.goto(&server.url("/graph")).await;
    browser.find(".graph .node").await.unwrap();
    // Nodes come most-mentioned first: the first eight are labelled, on screen.
    let labelled = browser.eval("return [...document.querySelectorAll('.graph .node')].slice(0, 8).map(n => { const t = n.querySelector('text'); if (!t) return 0; const r = t.getBoundingClientRect(); return r.width > 0 && r.height > 0 ? 1 : 0; })",
    )
    .await;
    assert_eq!(labelled, json!([1, 1, 1, 1, 1, 1, 1, 1]));
    let key = browser.text(".graph-key").await;
    assert!(
        key.contains("People") && key.contains("Countries and cities"),
        "{key}"
    );
    assert_eq!(
        browser
            .eval("return getComputedStyle(document.querySelector('.graph-list')).display")
            .await,
        json!("none"),
        "the list is the phone's"
    );
    browser.screenshot("graph-labels-desktop.png").await;
    go_dark(&browser).await;
    browser.screenshot("graph-dark.png").await;
    browser.close().await;

    let (server, phone) = serve_app(true).await;
    phone.goto(&server.url("/graph")).await;
    phone.find(".graph-list li").await.unwrap();
    assert_eq!(phone.count(".graph-list li").await, 40);
    let shown = phone.eval("const d = s => getComputedStyle(document.querySelector(s)).display; return [d('.graph-list'), d('.graph-layout')]",
    )
    .await;
    assert_eq!(shown, json!(["block", "none"]));
    phone.screenshot("graph-list-phone.png").await;
    phone.close().await;
}

/// The size of every mark of the timeline, as `[width, height]` in CSS pixels.
const MARK_SIZES: &str = "return [...document.querySelectorAll('.timeline .pub, .timeline .mentioned')].map(m => { const r = m.getBoundingClientRect(); return [r.width, r.height]; })";

/// Issue 18: a 2013 mention squeezed September 2022 into 8 px of 2 px marks, and the
/// publication dots all but vanished in dark mode.
#[tokio::test(flavor = "multi_thread")]
async fn timeline_marks_are_24_px_targets_and_its_dots_stand_out_in_the_dark() {
    for phone in [false, true] {
        let (server, browser) = serve_app(phone).await;
        browser.goto(&server.url("/timeline")).await;
        browser.find(".timeline .mentioned").await.unwrap();
        // The story's days first, every date on demand: both with 24 px targets.
        for all in [false, true] {
            if all {
                browser.click(".timeline-extent button").await;
                browser.find(".timeline .axis-break").await.unwrap();
            } else {
                assert_eq!(browser.count(".timeline .axis-break").await, 0);
                let note = browser.text(".timeline-extent").await;
                assert!(note.contains("where most dates are"), "{note}");
            }
            let sizes = browser.eval(MARK_SIZES).await;
            let sizes = sizes.as_array().unwrap();
            assert!(sizes.len() >= 5, "{sizes:?}");
            for size in sizes {
                let (w, h) = (size[0].as_f64().unwrap(), size[1].as_f64().unwrap());
                assert!(
                    w >= 24.0 && h >= 24.0,
                    "a {w} x {h} px mark (phone: {phone}, all: {all})"
                );
            }
            let name = match (phone, all) {
                (false, false) => "timeline-desktop-18.png",
                (false, true) => "timeline-all-desktop.png",
                (true, false) => "timeline-phone-18.png",
                (true, true) => "timeline-all-phone.png",
            };
            browser.screenshot(name).await;
        }
        if !phone {
            go_dark(&browser).await;
            let contrast = browser.eval("const lum = s => { const [r, g, b] = s.match(/[0-9.]+/g).slice(0, 3).map(Number).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
                 const dot = lum(getComputedStyle(document.querySelector('.timeline .pub circle')).fill);
                 const bg = lum(getComputedStyle(document.body).backgroundColor);
                 return (Math.max(dot, bg) + 0.05) / (Math.min(dot, bg) + 0.05);",
            )
            .await;
            let contrast = contrast.as_f64().unwrap();
            assert!(
                contrast >= 3.0,
                "publication dots at {contrast:.2}:1 in dark mode"
            );
            browser.screenshot("timeline-dark.png").await;
        }
        browser.close().await;
    }
}

/// Where each visible mention starts, and how much wider each left context's text is
/// than its column (positive: cut).
const KWIC_COLUMNS: &str = "const rows = [...document.querySelectorAll('.kwic-row')];
    return rows.map(r => { const l = r.querySelector('.kwic-left');
      const text = [...l.querySelectorAll('span')].reduce((w, s) => w + s.getBoundingClientRect().width, 0);
      const inner = l.children.length ? text : l.scrollWidth;
      return [r.querySelector('.kwic-mention').getBoundingClientRect().left, inner - l.clientWidth]; })";

/// Issue 18: context lines were centred on names of different lengths and cut at the
/// left edge mid-word.
#[tokio::test(flavor = "multi_thread")]
async fn kwic_lines_align_on_the_name_and_none_is_cut_at_the_left() {
    for phone in [false, true] {
        let (server, browser) = serve_app(phone).await;
        browser.goto(&server.url("/doc/0")).await;
        // Vladimir Putin: written "Putin" and "Vladimir Putin", names of two lengths.
        browser.click(".doc-body a.ent-person").await;
        if phone {
            // A tap shows the name's card; a second tap opens the entity.
            browser.click(".doc-body a.ent-person").await;
        }
        browser.find(".kwic-row").await.unwrap();
        let rows = browser.eval(KWIC_COLUMNS).await;
        let rows = rows.as_array().unwrap();
        assert!(rows.len() >= 3, "{rows:?}");
        let lefts: Vec<f64> = rows.iter().map(|r| r[0].as_f64().unwrap()).collect();
        let (min, max) = lefts
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        assert!(max - min <= 1.0, "names start at {lefts:?} (phone: {phone})");
        for r in rows {
            let over = r[1].as_f64().unwrap();
            assert!(
                over <= 1.0,
                "a left context {over} px wider than its column (phone: {phone})"
            );
        }
        browser
            .eval("document.getElementById('kwic-heading').scrollIntoView(); return 0")
            .await;
        let name = if phone {
            "entity-phone-18.png"
        } else {
            "entity-desktop-18.png"
        };
        browser.screenshot(name).await;
        if !phone {
            go_dark(&browser).await;
            browser.screenshot("entity-dark.png").await;
        }
        browser.close().await;
    }
}

/// Issue 18: on a phone the matrix cut the titles short and its columns could not be
/// scrolled with the titles in view.
#[tokio::test(flavor = "multi_thread")]
async fn the_matrix_on_a_phone_shows_titles_and_scrolls_its_columns() {
    let (server, phone) = serve_app(true).await;
    phone.goto(&server.url("/matrix")).await;
    phone.find(".matrix-row").await.unwrap();
    let m = phone.eval("const box = document.querySelector('.matrix-scroll'); const title = document.querySelector('.matrix-row .matrix-doc');
         const before = title.getBoundingClientRect().left; box.scrollLeft = 300;
         const after = title.getBoundingClientRect().left; const link = title.querySelector('a').getBoundingClientRect();
         return [box.scrollWidth - box.clientWidth, box.scrollLeft, before, after, link.width, link.height];",
    )
    .await;
    let m: Vec<f64> = m
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(m[0] > 100.0 && m[1] > 0.0, "the columns scroll: {m:?}");
    assert!((m[2] - m[3]).abs() <= 1.0, "the titles stay put: {m:?}");
    assert!(m[4] >= 120.0 && m[5] >= 28.0, "two lines of title: {m:?}");
    phone.screenshot("matrix-phone-18.png").await;
    phone.close().await;
}

/// Issue 18: printing the reader or an entity page printed the header's navigation, the
/// documents panel and every button; and the search box's placeholder was too faint in
/// dark mode (under 4.5:1).
#[tokio::test(flavor = "multi_thread")]
async fn the_reader_and_entity_page_print_without_controls() {
    let (server, browser) = serve_app(false).await;
    for path in ["/doc/2", "/entity/0"] {
        browser.goto(&server.url(path)).await;
        browser.find("main h1").await.unwrap();
        browser
            .cdp("Emulation.setEmulatedMedia", json!({ "media": "print" }))
            .await
            .unwrap_or_else(|e| panic!("print media: {e}"));
        let shown = browser.eval("const shown = s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none');
             return { nav: shown('.site-header nav'), panel: shown('.user-docs'), buttons: shown('main button'),
                      text: shown('main h1') };",
        )
        .await;
        assert_eq!(
            shown,
            json!({ "nav": false, "panel": false, "buttons": false, "text": true }),
            "{path} in print"
        );
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_search_placeholder_reads_at_4_5_to_1_in_the_dark() {
    let (server, browser) = serve_app(false).await;
    browser.goto(&server.url("/")).await;
    browser.find("#search-input").await.unwrap();
    go_dark(&browser).await;
    let contrast = browser.eval("const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
         const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
         const input = document.querySelector('#search-input');
         const placeholder = getComputedStyle(input, '::placeholder');
         const fg = lum(placeholder.color), bg = lum(getComputedStyle(input).backgroundColor);
         const alpha = Number(placeholder.opacity);
         return alpha < 1 ? 0 : (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);",
    )
    .await;
    let contrast = contrast.as_f64().unwrap();
    assert!(contrast >= 4.5, "placeholder at {contrast:.2}:1 in dark mode");
    browser.close().await;
}
