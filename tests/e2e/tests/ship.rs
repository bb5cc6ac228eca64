//! The shipped forms of the app: the single file opened from `file://`, a hosted copy that
//! keeps working offline once visited, and the promise that after load the app asks the
//! network for nothing.

use dossier_e2e::{dist_dir, single_file, Browser, StaticServer};
use fantoccini::Locator;
use std::time::{Duration, Instant};

async fn wait_for_heading(browser: &Browser, prefix: &str) {
    let xpath = format!("//h1[starts-with(., '{prefix}')]");
    browser
        .client
        .wait()
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("heading {prefix:?}: {e}"));
}

async fn eval(browser: &Browser, script: &str) -> serde_json::Value {
    browser
        .client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// Polls `script` (an expression) until it is `true`, for up to 20 s.
async fn wait_until(browser: &Browser, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while eval(browser, &format!("return Boolean({script})")).await != serde_json::Value::Bool(true) {
        assert!(Instant::now() < deadline, "never true: {script}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Search, open a result, and visit the other views through the navigation.
async fn use_the_app(browser: &Browser) {
    let input = browser.find("#search-input").await.unwrap();
    input.send_keys("denisov").await.unwrap();
    wait_for_heading(browser, "3 results").await;
    let first = browser.text("#row-0 .row-title").await;
    browser.find("#row-0 a").await.unwrap().click().await.unwrap();
    assert_eq!(browser.text("#doc-title").await, first);
    for view in ["Matrix", "Compare", "Documents"] {
        let link = format!("//nav[@aria-label='Views']//a[normalize-space()='{view}']");
        browser
            .client
            .find(Locator::XPath(&link))
            .await
            .unwrap_or_else(|e| panic!("{view} link: {e}"))
            .click()
            .await
            .unwrap();
        wait_until(
            browser,
            &format!("[...document.querySelectorAll('nav [aria-current=page]')].some(e => e.textContent.trim() === '{view}')"),
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn single_file_works_from_file_url_without_network() {
    let file = single_file();
    let url = format!("file://{}", file.canonicalize().unwrap().display());
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    browser.client.goto(&url).await.unwrap();
    assert_eq!(browser.text("#documents-heading").await, "5 documents");

    use_the_app(&browser).await;
    // Routing by fragment: a document has an address of its own that reopens it.
    browser.find("#row-2 a").await.unwrap().click().await.unwrap();
    let title = browser.text("#doc-title").await;
    let address = browser.client.current_url().await.unwrap();
    let fragment = address.fragment().unwrap_or_default();
    assert!(fragment.starts_with("/doc/2"), "{address}");
    browser.client.goto(address.as_str()).await.unwrap();
    browser.client.refresh().await.unwrap();
    assert_eq!(browser.text("#doc-title").await, title);
    browser.client.back().await.unwrap();

    // Nothing was fetched: the policy allows no request, and none was attempted.
    let fetched = eval(
        &browser,
        "return performance.getEntriesByType('resource').map(e => e.name)",
    )
    .await;
    assert_eq!(
        fetched,
        serde_json::json!([]),
        "the single file fetched {fetched}"
    );
    let policy = eval(
        &browser,
        "return document.querySelector('meta[http-equiv=Content-Security-Policy]').content",
    )
    .await;
    assert!(
        policy.as_str().unwrap().starts_with("default-src 'none'"),
        "{policy}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn served_app_requests_nothing_after_load() {
    let server = StaticServer::start(&dist_dir()).expect("serve dist/");
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    browser.client.goto(&server.url("/")).await.unwrap();
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    // Loading includes the service worker's install, which caches the build.
    wait_until(&browser, "navigator.serviceWorker.controller").await;
    let loaded = server.requests();

    use_the_app(&browser).await;
    assert_eq!(
        server.requests(),
        loaded,
        "requests after load: {:?}",
        &server.requests()[loaded.len()..]
    );
    // And the page itself only ever asked its own origin.
    let foreign = eval(
        &browser,
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))",
    )
    .await;
    assert_eq!(foreign, serde_json::json!([]));
    let policy = eval(
        &browser,
        "return document.querySelector('meta[http-equiv=Content-Security-Policy]').content",
    )
    .await;
    let policy = policy.as_str().unwrap();
    assert!(policy.starts_with("default-src 'self'"), "{policy}");
    assert!(
        !policy.replace("'wasm-unsafe-eval'", "").contains("unsafe-eval"),
        "{policy}"
    );
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hosted_copy_works_offline_once_visited() {
    let server = StaticServer::start(&dist_dir()).expect("serve dist/");
    let home = server.url("/");
    let document = server.url("/doc/2");
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    browser.client.goto(&home).await.unwrap();
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    wait_until(&browser, "navigator.serviceWorker.controller").await;
    let caches = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; caches.keys().then(done)",
            vec![],
        )
        .await
        .unwrap();
    let caches = caches.as_array().unwrap();
    assert_eq!(caches.len(), 1, "one build, one cache: {caches:?}");
    assert!(caches[0].as_str().unwrap().starts_with("dossier-"), "{caches:?}");

    drop(server); // offline from here
    browser.client.refresh().await.unwrap();
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    use_the_app(&browser).await;
    // A deep link the app never visited online opens too: every address is the app.
    browser.client.goto(&document).await.unwrap();
    let title = browser.text("#doc-title").await;
    assert!(title.starts_with("Chinese President Xi Jinping"), "{title}");
    browser.close().await;
}
