//! The build's pre-rendered list (`src/first_paint.rs`, shown by `index.html`'s script):
//! on screen before the app's code has arrived, and handed over to the app without a
//! move, a query typed into it and the filters ticked in it kept and run. The server holds the app's code back, so
//! nothing here depends on the machine's speed.

use dossier_e2e::{dist_dir, Browser, StaticServer};

/// Sums the page's layout shifts into `window.layoutShift` (installed before the page).
const SHIFTS: &str = "window.layoutShift = 0; new PerformanceObserver((list) => { \
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.layoutShift += e.value; \
    }).observe({ type: 'layout-shift', buffered: true });";

/// Opens `/` while the app's glue and wasm (`dossier-*`) are held (the page's `load`
/// waits for them: the browser does not).
async fn open_held(server: &StaticServer, browser: &Browser) {
    server.hold("dossier-", 0);
    browser.goto_now(&server.url("/")).await;
    browser
        .wait_until("document.querySelectorAll('#first-paint .vrow').length === 5")
        .await;
}

/// A desktop browser at `/` with the app's code held back, and the server holding it.
async fn desktop_held() -> (StaticServer, Browser) {
    let server = StaticServer::start(&dist_dir()).expect("serve dist/");
    let browser = Browser::start_not_waiting_for_load(false)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    open_held(&server, &browser).await;
    (server, browser)
}

/// Where `css`'s first match is: its left and top in CSS pixels from the page's corner.
async fn place(browser: &Browser, css: &str) -> serde_json::Value {
    browser
        .eval(&format!(
            "const r = document.querySelector({css:?}).getBoundingClientRect(); \
             return [r.left + window.scrollX, r.top + window.scrollY];"
        ))
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_list_shows_before_the_app_which_takes_over_without_a_move() {
    let server = StaticServer::start(&dist_dir()).expect("serve dist/");
    for phone in [false, true] {
        let browser = Browser::start_not_waiting_for_load(phone)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        browser
            .cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                serde_json::json!({ "source": SHIFTS }),
            )
            .await
            .unwrap();
        open_held(&server, &browser).await;
        assert_eq!(
            browser.text("#first-paint #documents-heading").await,
            "5 documents"
        );
        assert_eq!(browser.count("#app *").await, 0, "the app has not started");
        let layout = if phone { "phone" } else { "desktop" };
        browser.screenshot(&format!("first-paint-{layout}.png")).await;
        let before = [
            place(&browser, "#first-paint #documents-heading").await,
            place(&browser, "#first-paint #row-4 .row-link").await,
        ];

        server.release();
        browser
            .wait_until("!document.getElementById('first-paint')")
            .await;
        let after = [
            place(&browser, "#documents-heading").await,
            place(&browser, "#row-4 .row-link").await,
        ];
        // Within a pixel: a row's star, drawn once storage opens, may round its line
        // differently by a fraction of one.
        let moved = before
            .iter()
            .zip(&after)
            .flat_map(|(b, a)| (0..2).map(move |i| (b[i].as_f64().unwrap() - a[i].as_f64().unwrap()).abs()))
            .fold(0.0, f64::max);
        assert!(
            moved < 1.0,
            "{layout}: the app draws where the first paint was: {before:?} then {after:?}"
        );
        assert_eq!(browser.count("#app .vrow").await, 5);
        // What Lighthouse scores as Cumulative Layout Shift: an element that moves, such as
        // the app's root when a copy above it goes.
        let shift = browser.eval("return window.layoutShift").await;
        assert!(
            shift.as_f64().is_some_and(|s| s < 0.01),
            "{layout}: the page shifted by {shift}"
        );
        // The big downloads (the corpus, the app's wasm) start once the list is on screen.
        let early = browser
            .eval(
                "const shown = performance.getEntriesByName('dossier:first-paint')[0].startTime; \
                 return performance.getEntriesByType('resource') \
                   .filter((e) => /(corpus-.*\\.bin|_bg\\.wasm)$/.test(e.name)) \
                   .map((e) => [e.name, e.startTime - shown]);",
            )
            .await;
        let early = early.as_array().expect("resource entries");
        assert_eq!(early.len(), 2, "{layout}: {early:?}");
        assert!(
            early
                .iter()
                .all(|e| e[1].as_f64().is_some_and(|after| after >= 0.0)),
            "{layout}: fetched before the list was on screen: {early:?}"
        );
        browser.close().await;
    }
}

/// The checkbox for `name` in the filter group headed `legend` under `root` (the copy,
/// `#first-paint`, or the app, `#app`), as a script expression.
fn checkbox(root: &str, legend: &str, name: &str) -> String {
    format!(
        "[...([...document.querySelectorAll('{root} fieldset')]\
         .find((f) => f.querySelector('legend')?.textContent === {legend:?})\
         ?.querySelectorAll('.facet-value') ?? [])]\
         .find((l) => l.querySelector('.facet-name')?.textContent === {name:?})\
         ?.querySelector('input')"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_query_typed_before_the_app_runs_when_it_takes_over() {
    let (server, browser) = desktop_held().await;
    let input = browser.find("#first-paint #search-input").await.unwrap();
    input.click().await.unwrap();
    input.send_keys("denisov").await.unwrap();

    server.release();
    browser.wait_for_heading("3 results").await;
    assert_eq!(browser.count("#first-paint").await, 0);
    let focused = browser
        .eval("const a = document.activeElement; return [a.id, a.value, a.selectionStart];")
        .await;
    assert_eq!(focused, serde_json::json!(["search-input", "denisov", 7]));
    let path = browser.client.current_url().await.unwrap();
    assert_eq!(path.query(), Some("q=denisov"), "the query is in the address");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn other_addresses_wait_for_the_app_instead_of_showing_the_list() {
    let server = StaticServer::start(&dist_dir()).expect("serve dist/");
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    for path in ["/doc/2", "/?q=samarkand"] {
        browser.goto_now(&server.url(path)).await;
        browser.find(".site-header").await.unwrap();
        assert_eq!(browser.count("#first-paint").await, 0, "{path}");
    }
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn filters_ticked_before_the_app_are_picked_with_the_query_when_it_takes_over() {
    let (server, browser) = desktop_held().await;
    // A reader's clicks on the copy: two filters and the "also count" switch, then a query.
    for (legend, name) in [("Entity type", "People"), ("Outlet", "Press TV")] {
        let ticked = browser
            .eval(&format!(
                "const box = {}; box.click(); return box.checked;",
                checkbox("#first-paint", legend, name)
            ))
            .await;
        assert_eq!(ticked, serde_json::json!(true), "{legend}: {name}");
    }
    browser.click("#first-paint .counting-toggle input").await;
    let input = browser.find("#first-paint #search-input").await.unwrap();
    input.click().await.unwrap();
    input.send_keys("putin").await.unwrap();

    server.release();
    browser
        .wait_until(&format!(
            "!document.querySelector('#first-paint') && {}?.checked && {}?.checked \
             && document.querySelector('#app .counting-toggle input')?.checked",
            checkbox("#app", "Entity type", "People"),
            checkbox("#app", "Outlet", "Press TV")
        ))
        .await;
    // Of the five that mention Putin, one is Press TV's.
    browser.wait_for_heading("1 of 5 results").await;
    browser.screenshot("first-paint-filters-kept.png").await;
    let url = browser.client.current_url().await.unwrap();
    let query: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(query.get("q").map(String::as_str), Some("putin"), "{url}");
    assert_eq!(query.get("type").map(String::as_str), Some("PERSON"), "{url}");
    assert_eq!(query.get("outlet").map(String::as_str), Some("Press TV"), "{url}");
    assert_eq!(query.get("count").map(String::as_str), Some("all"), "{url}");
    let focused = browser
        .eval("const a = document.activeElement; return [a.id, a.value];")
        .await;
    assert_eq!(focused, serde_json::json!(["search-input", "putin"]));
    browser.close().await;
}
