//! The views' code arrives when a view is first opened (`src/on_demand.rs`, cut by
//! `cargo xtask page-split`): the list and a search fetch none of it, a view fetches its
//! own part and not the others', at its own address alongside the first module; a part
//! that does not arrive says so in the view, and trying again once it can arrive shows it.

use dossier_e2e::{dist_dir, serve_app, Browser, StaticServer};
use std::path::Path;

/// The parts' wasm files the page has fetched (their names, without the folder; their
/// small loader, `split.js`, comes with the app's glue).
async fn fetched_parts(browser: &Browser) -> Vec<String> {
    let names = browser
        .eval(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)\
             .filter(p => p.includes('-parts/') && p.endsWith('.wasm')).map(p => p.split('/').pop())",
        )
        .await;
    serde_json::from_value(names).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_list_fetches_no_view_code_and_each_view_only_its_own() {
    let (server, browser) = serve_app(false).await;
    browser.goto(&server.url("/")).await;
    browser
        .find("#search-input")
        .await
        .unwrap()
        .send_keys("denisov")
        .await
        .unwrap();
    browser.wait_for_heading("3 results").await;
    assert_eq!(
        fetched_parts(&browser).await,
        Vec::<String>::new(),
        "the list and a search"
    );

    browser.click("#row-0 a").await;
    browser.find("#doc-title").await.unwrap();
    browser.click(".views a[href^='/matrix']").await;
    browser.find(".matrix-row").await.unwrap();
    let views: Vec<_> = fetched_parts(&browser)
        .await
        .into_iter()
        .filter(|p| p.starts_with("split_"))
        .collect();
    assert_eq!(
        views,
        ["split_reader.wasm", "split_matrix.wasm"],
        "each view its own part, once"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_view_whose_code_does_not_arrive_says_so_and_shows_when_tried_again() {
    // A copy of the build whose matrix part is missing, as on a host that lost the file.
    let site = tempfile::tempdir().unwrap();
    copy_dir(&dist_dir(), site.path());
    let part = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with("-parts"))
        .expect("the build has a parts folder")
        .join("split_matrix.wasm");
    let away = part.with_extension("away");
    std::fs::rename(&part, &away).unwrap();

    let server = StaticServer::start(site.path()).expect("serve the copy");
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    browser.goto(&server.url("/matrix")).await;
    browser.find("[role=alert] button").await.unwrap();
    let said = browser.text("[role=alert] h1").await;
    assert_eq!(said, "This view could not be loaded");
    browser.screenshot("on-demand-not-arrived.png").await;
    // The rest of the app still works, and the view says so again when opened again.
    browser.click(".views a[href^='/']").await;
    browser.find("#row-0").await.unwrap();
    browser.click(".views a[href^='/matrix']").await;
    browser.find("[role=alert] button").await.unwrap();

    std::fs::rename(&away, &part).unwrap();
    browser.click("[role=alert] button").await;
    browser.find(".matrix-row").await.unwrap();
    assert_eq!(browser.count(".matrix-row").await, 5);
    browser.close().await;
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn at_a_views_address_its_part_is_preloaded_once_and_used() {
    let (server, browser) = serve_app(false).await;
    browser.goto(&server.url("/doc/2")).await;
    browser.find("#doc-title").await.unwrap();
    // Fetched by the page's preload (not by the loader once the first module ran), and
    // only once: the loader took the preloaded response.
    let how = browser
        .eval(
            "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/split_reader.wasm'))\
             .map(e => e.initiatorType)",
        )
        .await;
    assert_eq!(how, serde_json::json!(["link"]));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_view_whose_code_is_on_its_way_says_so_then_appears() {
    let (server, browser) = serve_app(false).await;
    server.hold("split_matrix", 0);
    browser.goto(&server.url("/matrix")).await;
    browser.find(".text-pending[aria-busy=true]").await.unwrap();
    browser
        .wait_until("document.querySelector('.text-pending h1')?.textContent === 'Loading this view'")
        .await;
    assert_eq!(
        browser.text(".text-pending p").await,
        "This view's code is on its way."
    );
    browser.screenshot("on-demand-loading.png").await;
    server.release();
    browser.find(".matrix-row").await.unwrap();
    assert_eq!(browser.count(".text-pending").await, 0);
    browser.close().await;
}
