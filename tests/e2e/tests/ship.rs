//! The shipped forms of the app: the single file opened from `file://`, a hosted copy that
//! keeps working offline once visited and that a new deploy replaces whole, a build for a
//! sub-path (`/dossier/`, as on GitHub Pages), and the promise that after load the app asks
//! the network for nothing.

use dossier_e2e::{
    corpus_file_bytes, dist_dir, hostile_dist_dir, single_file, subpath_site, Browser, StaticServer,
};
use fantoccini::Locator;
use std::path::Path;
use std::time::Duration;

/// The names of the origin's caches.
async fn cache_names(browser: &Browser) -> Vec<String> {
    let names = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; caches.keys().then(done)",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(names).unwrap()
}

/// What the page has fetched so far, as paths (its own origin) or whole URLs (any other).
async fn fetched_paths(browser: &Browser) -> Vec<String> {
    let paths = browser.eval("return performance.getEntriesByType('resource').map(e => e.name.startsWith(location.origin) ? e.name.slice(location.origin.length) : e.name)",
    )
    .await;
    serde_json::from_value(paths).unwrap()
}

/// A build as its service worker knows it: the cache it fills and the files it caches
/// (paths relative to the app), read from the line `cargo xtask build` writes into `sw.js`.
struct Build {
    cache: String,
    files: Vec<String>,
}

impl Build {
    fn of(dist: &Path) -> Build {
        let sw = std::fs::read_to_string(dist.join("sw.js")).unwrap();
        let line = sw
            .lines()
            .find_map(|l| l.strip_prefix("const BUILD = "))
            .unwrap_or_else(|| panic!("{}: no BUILD line", dist.display()));
        let build: serde_json::Value =
            serde_json::from_str(line.split_once(';').map_or(line, |(json, _)| json)).unwrap();
        Build {
            cache: format!("dossier-{}", build["version"].as_str().unwrap()),
            files: serde_json::from_value(build["files"].clone()).unwrap(),
        }
    }
}

/// Search, open a result, and visit the other views through the navigation.
async fn use_the_app(browser: &Browser) {
    let input = browser.find("#search-input").await.unwrap();
    input.send_keys("denisov").await.unwrap();
    browser.wait_for_heading("3 results").await;
    let first = browser.text("#row-0 .row-link").await;
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
        browser
            .wait_until(&format!("[...document.querySelectorAll('nav [aria-current=page]')].some(e => e.textContent.trim() === '{view}')"),
        )
        .await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn single_file_works_from_file_url_without_network() {
    let file = single_file();
    let url = format!("file://{}", file.canonicalize().unwrap().display());
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    browser.goto(&url).await;
    assert_eq!(browser.text("#documents-heading").await, "5 documents");

    use_the_app(&browser).await;
    // Routing by fragment: a document has an address of its own that reopens it.
    browser.find("#row-2 a").await.unwrap().click().await.unwrap();
    let title = browser.text("#doc-title").await;
    let address = browser.client.current_url().await.unwrap();
    let fragment = address.fragment().unwrap_or_default();
    assert!(fragment.starts_with("/doc/2"), "{address}");
    browser.goto(address.as_str()).await;
    browser.refresh().await;
    assert_eq!(browser.text("#doc-title").await, title);
    browser.client.back().await.unwrap();

    // Nothing was fetched: the policy allows no request, and none was attempted.
    let fetched = browser
        .eval("return performance.getEntriesByType('resource').map(e => e.name)")
        .await;
    assert_eq!(
        fetched,
        serde_json::json!([]),
        "the single file fetched {fetched}"
    );
    let policy = browser
        .eval("return document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
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
    browser.goto(&server.url("/")).await;
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    // Loading includes the service worker's install, which caches the build.
    browser.wait_until("navigator.serviceWorker.controller").await;
    let loaded = server.requests();

    use_the_app(&browser).await;
    assert_eq!(
        server.requests(),
        loaded,
        "requests after load: {:?}",
        &server.requests()[loaded.len()..]
    );
    // And the page itself only ever asked its own origin.
    let foreign = browser.eval("return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))",
    )
    .await;
    assert_eq!(foreign, serde_json::json!([]));
    let policy = browser
        .eval("return document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
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
    browser.goto(&home).await;
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    browser.wait_until("navigator.serviceWorker.controller").await;
    assert_eq!(
        cache_names(&browser).await,
        [Build::of(&dist_dir()).cache],
        "one build, one cache"
    );

    drop(server); // offline from here
    browser.refresh().await;
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    use_the_app(&browser).await;
    // A deep link the app never visited online opens too: every address is the app.
    browser.goto(&document).await;
    let title = browser.text("#doc-title").await;
    assert!(title.starts_with("Chinese President Xi Jinping"), "{title}");
    browser.close().await;
}

/// A deploy on the origin of a visited copy: the visitor's next visit (one reload) ends on
/// the new build, whole. What the visitor sees: the old build opens from its cache, the
/// browser finds the changed `sw.js`, the new worker caches the new build, deletes the old
/// cache and takes over, and the page reloads itself once into the new build. The host is
/// GitHub Pages-like (responses cacheable for ten minutes), so a worker that filled its
/// cache from the HTTP cache would get the old `index.html` and fail here. The old build is
/// the hostile corpus's, the new one the seeds': two corpora, so two corpus files (the
/// app's code is the same) and two document counts.
#[tokio::test(flavor = "multi_thread")]
async fn a_new_build_replaces_the_cached_one_whole() {
    let (old_dist, new_dist) = (hostile_dist_dir(), dist_dir());
    let (old, new) = (Build::of(&old_dist), Build::of(&new_dist));
    assert_ne!(old.cache, new.cache, "two corpora, two builds");
    let old_only: Vec<String> = old
        .files
        .iter()
        .filter(|f| !new.files.contains(f))
        .map(|f| format!("/{f}"))
        .collect();
    assert!(
        old_only.iter().any(|f| f.starts_with("/corpus-")),
        "the builds should differ in their corpus file: {old_only:?}"
    );

    let server = StaticServer::start_like_github_pages(&old_dist).expect("serve the old build");
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    browser.goto(&server.url("/")).await;
    let old_heading = browser.text("#documents-heading").await;
    assert_ne!(old_heading, "5 documents");
    browser.wait_until("navigator.serviceWorker.controller").await;
    assert_eq!(cache_names(&browser).await, [old.cache.as_str()]);

    server.switch_root(&new_dist); // the deploy
    let deployed = server.requests().len();
    browser.refresh().await;
    // Installing the new build downloads it whole: give a busy machine time.
    browser
        .wait_until("document.querySelector('#documents-heading')?.textContent.trim() === '5 documents'")
        .await;
    assert_eq!(
        cache_names(&browser).await,
        [new.cache.as_str()],
        "the old build's cache is gone, the new one's is the only one"
    );
    // No mix: every file this page runs is the new build's, and after the deploy nobody
    // asked the server for a file of the old one.
    let fetched = fetched_paths(&browser).await;
    let strays: Vec<&String> = fetched
        .iter()
        .filter(|p| {
            !new.files
                .iter()
                .any(|f| p.split('?').next() == Some(&format!("/{f}")))
        })
        .collect();
    assert!(
        strays.is_empty(),
        "not files of the new build: {strays:?} (all: {fetched:?})"
    );
    assert!(fetched.iter().any(|p| p.ends_with("_bg.wasm")), "{fetched:?}");
    let asked_after_deploy = &server.requests()[deployed..];
    let old_asked: Vec<&String> = asked_after_deploy
        .iter()
        .filter(|url| old_only.iter().any(|f| url.split('?').next() == Some(f)))
        .collect();
    assert!(
        old_asked.is_empty(),
        "old files requested after the deploy: {old_asked:?} (all: {asked_after_deploy:?})"
    );
    // The new build's engine answers, and its cache alone opens it offline.
    use_the_app(&browser).await;
    let home = server.url("/");
    drop(server);
    browser.goto(&home).await;
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    // A page of the worker's own build stays: it asked the worker for its files (what a
    // page does in case a new worker took over before it could listen), found its wasm
    // among them, and did not reload.
    let worker_files = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             navigator.serviceWorker.addEventListener('message', e => done(e.data.files));\
             navigator.serviceWorker.controller.postMessage('files?')",
            vec![],
        )
        .await
        .unwrap();
    let page_wasm = browser
        .eval("return document.querySelector('link[rel=dossier-wasm]').href")
        .await;
    assert!(
        worker_files.as_array().unwrap().contains(&page_wasm),
        "{page_wasm} not in {worker_files}"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let navigation = browser
        .eval("return performance.getEntriesByType('navigation')[0].type")
        .await;
    assert_eq!(navigation, "navigate", "the page reloaded itself");
    // And a page whose wasm the worker does not have (as when a new worker takes over before
    // the page's script runs) reloads, once, into the worker's build.
    browser
        .eval(
            "const link = document.querySelector('link[rel=dossier-wasm]');\
         link.href = 'dossier-0000000000000000_bg.wasm';\
         const again = document.createElement('script');\
         again.src = document.querySelector('script[src*=register-sw]').src;\
         document.head.append(again)",
        )
        .await;
    browser
        .wait_until("performance.getEntriesByType('navigation')[0].type === 'reload'")
        .await;
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    let reloaded_for = browser
        .eval("return sessionStorage.getItem('dossier-reloaded-for')")
        .await;
    assert_eq!(
        reloaded_for,
        format!("{home}dossier-0000000000000000_bg.wasm").as_str()
    );
    browser.close().await;
}

/// The build for a sub-path on a GitHub Pages-like host that serves the site above it: a
/// shared deep link opens cold through the `404.html` the build writes, nothing is asked
/// outside `/dossier/`, addresses stay under it, the worker's scope is `/dossier/`, and
/// once visited the copy works offline there.
#[tokio::test(flavor = "multi_thread")]
async fn sub_path_build_works_under_its_path_online_and_offline() {
    let site = subpath_site();
    assert!(
        site.join("dossier/404.html").is_file(),
        "the build writes its 404.html for GitHub Pages"
    );
    let server = StaticServer::start_like_github_pages(&site).expect("serve the site");
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));

    // Cold, before any worker: the host answers the app address with the app.
    browser.goto(&server.url("/dossier/doc/2")).await;
    let shared = browser.text("#doc-title").await;
    assert!(shared.starts_with("Chinese President Xi Jinping"), "{shared}");
    assert!(server.requests().contains(&"/dossier/doc/2".to_owned()));

    browser.goto(&server.url("/dossier/")).await;
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    let input = browser.find("#search-input").await.unwrap();
    input.send_keys("denisov").await.unwrap();
    browser.wait_for_heading("3 results").await;
    let first = browser.text("#row-0 .row-link").await;
    browser.click("#row-0 a").await;
    assert_eq!(browser.text("#doc-title").await, first);
    let address = browser.client.current_url().await.unwrap();
    assert!(address.path().starts_with("/dossier/doc/"), "{address}");
    browser.refresh().await;
    assert_eq!(browser.text("#doc-title").await, first);
    browser.screenshot("ship-subpath-document.png").await;

    browser.wait_until("navigator.serviceWorker.controller").await;
    let worker = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; navigator.serviceWorker.getRegistration()\
             .then(r => done([r.scope, navigator.serviceWorker.controller.scriptURL]))",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        worker,
        serde_json::json!([server.url("/dossier/"), server.url("/dossier/sw.js")])
    );
    let outside: Vec<String> = server
        .requests()
        .into_iter()
        .filter(|url| !url.starts_with("/dossier/"))
        .collect();
    assert!(outside.is_empty(), "asked outside /dossier/: {outside:?}");

    let home = server.url("/dossier/");
    drop(server); // offline from here
    browser.refresh().await;
    assert_eq!(browser.text("#doc-title").await, first);
    browser.goto(&home).await;
    assert_eq!(browser.text("#documents-heading").await, "5 documents");
    use_the_app(&browser).await;
    let url = browser.client.current_url().await.unwrap();
    assert!(url.path().starts_with("/dossier/"), "{url}");
    browser.screenshot("ship-subpath-offline.png").await;
    browser.close().await;
}

/// The service worker caches the whole build (every view's code, the document worker's
/// wasm), so it is registered only once the app has its whole corpus: that download never
/// shares the link with the one the reader waits for. The server holds the corpus file
/// after its head: the app runs on the head, the page has loaded, and `sw.js` is not asked
/// for until the rest of the file is sent.
#[tokio::test(flavor = "multi_thread")]
async fn the_service_worker_is_registered_once_the_corpus_is_whole() {
    let dist = dist_dir();
    let head = dossier_store::head_len(&corpus_file_bytes(&dist)).expect("a head") as usize;
    let server = StaticServer::start(&dist).expect("serve dist/");
    server.hold("corpus-", head);
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    browser.goto(&server.url("/")).await;
    browser.find(".text-arriving").await.unwrap();
    browser.wait_until("document.readyState === 'complete'").await;
    // Time for a registration that did not wait to reach the server (a busy machine only
    // makes this check weaker, never fail).
    tokio::time::sleep(Duration::from_millis(500)).await;
    let asked = |requests: Vec<String>| requests.iter().any(|r| r.ends_with("/sw.js"));
    assert!(
        !asked(server.requests()),
        "sw.js before the corpus was whole: {:?}",
        server.requests()
    );

    server.release();
    browser.wait_until("navigator.serviceWorker.controller").await;
    assert!(asked(server.requests()), "{:?}", server.requests());
    browser.close().await;
}
