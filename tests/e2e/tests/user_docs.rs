//! The reader's own documents in the built app: added through the file picker, listed,
//! searchable, still there after a reload (IndexedDB), a bad file refused with a message
//! while the rest stays, and one removed.

use dossier_e2e::{dist_dir, single_file, Browser, StaticServer};
use fantoccini::Locator;
use std::path::Path;

async fn pick(browser: &Browser, files: &[&Path]) {
    let paths: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    browser
        .find("#user-docs-input")
        .await
        .unwrap()
        .send_keys(&paths.join("\n"))
        .await
        .unwrap_or_else(|e| panic!("pick {paths:?}: {e}"));
}

async fn rows(browser: &Browser) -> Vec<String> {
    let mut texts = Vec::new();
    for row in browser.client.find_all(Locator::Css(".vrow")).await.unwrap() {
        texts.push(row.text().await.unwrap());
    }
    texts
}

/// The list rows of documents the reader added.
async fn added_rows(browser: &Browser) -> Vec<String> {
    rows(browser)
        .await
        .into_iter()
        .filter(|r| r.contains("added by you"))
        .collect()
}

/// The seeds build served on 127.0.0.1 and a browser on its list of 5 documents.
async fn open_served() -> (StaticServer, Browser) {
    let server = StaticServer::start(&dist_dir()).expect("serve dist/");
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    browser.goto(&server.url("/")).await;
    browser.wait_for_heading("5 documents").await;
    (server, browser)
}

#[tokio::test(flavor = "multi_thread")]
async fn added_files_join_search_take_work_survive_a_reload_and_bad_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("heron-report.txt");
    std::fs::write(
        &txt,
        "Herons return to the Thames estuary\n\nBirdwatchers counted 40 grey herons near Gravesend on Sunday, \
         the largest colony since 1990, the RSPB said.\n",
    )
    .unwrap();
    let html = dir.path().join("summit.html");
    std::fs::write(
        &html,
        "<html><head><title>Site</title></head><body><nav>Home | World</nav><article>\
         <h1>Putin and Xi meet in Samarkand</h1><script>track()</script>\
         <p>Russian President Vladimir Putin met Xi Jinping in Samarkand on Thursday over quillwort tea, the Kremlin said.</p>\
         <p>Escaped markup stays text: &lt;img src=x onerror=\"window.dossierPwned=1\"&gt;</p>\
         <img src=x onerror=\"window.dossierPwned=2\"></article></body></html>",
    )
    .unwrap();
    let binary = dir.path().join("broken.txt");
    std::fs::write(&binary, [0x89u8, b'P', b'N', b'G', 0, 0, 1, 2]).unwrap();
    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, "  \n\t\n   \n").unwrap();
    let shell = dir.path().join("shell.html");
    std::fs::write(
        &shell,
        "<html><head><title>x</title><script>track()</script></head><body><nav>Home | World</nav></body></html>",
    )
    .unwrap();

    let (server, browser) = open_served().await;

    pick(&browser, &[&txt, &html]).await;
    browser.wait_for_heading("7 documents").await;
    let added = added_rows(&browser).await;
    assert_eq!(added.len(), 2, "{added:?}");
    assert!(
        added
            .iter()
            .any(|r| r.contains("Herons return to the Thames estuary")),
        "{added:?}"
    );
    assert!(
        added.iter().any(|r| r.contains("Putin and Xi meet in Samarkand")),
        "{added:?}"
    );
    assert_eq!(browser.text(".user-docs-toggle").await, "Your documents (2)");

    // Searchable, and still there after a reload.
    browser.goto(&server.url("/?q=herons")).await;
    browser.wait_for_heading("1 result").await;
    assert!(rows(&browser).await[0].contains("Herons return"));
    browser.refresh().await;
    browser.wait_for_heading("1 result").await;
    browser.goto(&server.url("/?q=quillwort")).await;
    browser.wait_for_heading("1 result").await;
    assert!(rows(&browser).await[0].contains("Putin and Xi meet in Samarkand"));
    // Its names are the embedded corpus's entities: "Vladimir Putin" in the added page is
    // the Putin of the seeds, one entity in several documents.
    browser.click("#row-0 a").await;
    assert_eq!(browser.text("#doc-title").await, "Putin and Xi meet in Samarkand");
    let card = browser
        .client
        .execute(
            "return [...document.querySelectorAll('.doc-body .ent-card')].map(e => e.textContent).find(t => t.startsWith('Vladimir Putin'))",
            vec![],
        )
        .await
        .unwrap();
    let card = card.as_str().unwrap_or_default();
    assert!(
        card.contains("PERSON") && !card.ends_with("in 1 document"),
        "{card}"
    );
    // The page's own markup never runs, and its escaped markup reads as text.
    let body = browser.text(".doc-body").await;
    assert!(
        body.contains("<img src=x onerror=\"window.dossierPwned=1\">"),
        "{body}"
    );
    assert_eq!(browser.count(".doc-body img").await, 0);
    let pwned = browser
        .client
        .execute("return window.dossierPwned === undefined", vec![])
        .await
        .unwrap();
    assert_eq!(
        pwned,
        serde_json::Value::Bool(true),
        "markup in an added page ran"
    );

    // Work on an added document: starred and tagged like any other, kept over a reload
    // (the work is keyed by the text's hash, the corpus rebuilt with the file), and found
    // by `tag:` and `is:starred`.
    browser
        .wait_until("document.querySelector('.star:enabled')")
        .await;
    browser.click(".star").await;
    browser
        .wait_until("document.querySelector('.star').getAttribute('aria-pressed') === 'true'")
        .await;
    let tag = browser.find(".tag-form .tag-name").await.unwrap();
    tag.send_keys("From a reader").await.unwrap();
    browser.click(".tag-form button[type=submit]").await;
    browser
        .wait_until("document.querySelector('.doc-work .tag-chip')?.textContent.includes('From a reader')")
        .await;
    browser.refresh().await;
    browser
        .wait_until(
            "document.querySelector('#doc-title')?.textContent === 'Putin and Xi meet in Samarkand' \
             && document.querySelector('.star:enabled')?.getAttribute('aria-pressed') === 'true' \
             && document.querySelector('.doc-work .tag-chip')?.textContent.includes('From a reader')",
        )
        .await;
    browser
        .goto(&server.url("/?q=tag%3A%22from%20a%20reader%22%20is%3Astarred"))
        .await;
    browser.wait_for_heading("1 result").await;
    assert!(rows(&browser).await[0].contains("Putin and Xi meet in Samarkand"));

    // A binary file: a message naming it, nothing else changes.
    browser.goto(&server.url("/")).await;
    browser.wait_for_heading("7 documents").await;
    pick(&browser, &[&binary]).await;
    let message = browser.text(".user-docs-messages").await;
    assert!(
        message.contains("broken.txt was not added") && message.contains("binary"),
        "{message}"
    );
    browser.wait_for_heading("7 documents").await;
    browser.screenshot("user-docs.png").await;

    // Files that would add no article (whitespace; a page of only a title, a script and
    // navigation): refused before they are stored, and no error comes back on a reload.
    pick(&browser, &[&blank, &shell]).await;
    browser
        .wait_until(
            "document.querySelector('.user-docs-messages')?.textContent.includes('shell.html was not added')",
        )
        .await;
    let message = browser.text(".user-docs-messages").await;
    assert!(message.contains("blank.txt was not added"), "{message}");
    assert_eq!(browser.text(".user-docs-toggle").await, "Your documents (2)");
    browser.refresh().await;
    browser.wait_for_heading("7 documents").await;
    assert_eq!(browser.text(".user-docs-toggle").await, "Your documents (2)");
    assert_eq!(
        browser.count(".user-docs-messages").await,
        0,
        "no error comes back"
    );

    // Remove one: the other stays, after a reload too.
    browser.click(".user-docs-toggle").await;
    browser
        .click("button[aria-label='Remove heron-report.txt']")
        .await;
    browser.wait_for_heading("6 documents").await;
    browser.refresh().await;
    browser.wait_for_heading("6 documents").await;
    let remaining = added_rows(&browser).await;
    assert_eq!(remaining.len(), 1, "{remaining:?}");
    assert!(remaining[0].contains("Samarkand"), "{remaining:?}");

    // Remove all: the embedded corpus alone, after a reload too.
    browser.click(".user-docs-toggle").await;
    browser.click(".user-docs-remove-all").await;
    browser.wait_for_heading("5 documents").await;
    browser.refresh().await;
    browser.wait_for_heading("5 documents").await;
    assert_eq!(browser.text(".user-docs-toggle").await, "Your documents (0)");

    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_beyond_the_storage_quota_is_refused_and_nothing_stored_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small-note.md");
    std::fs::write(
        &small,
        "# Ferry strike\n\nThe ferry crews of Dover walked out on Monday.\n",
    )
    .unwrap();
    let large = dir.path().join("large-report.txt");
    std::fs::write(
        &large,
        "Large report\n\nThe harbour board met on Tuesday.\n".repeat(1000),
    )
    .unwrap();

    let (server, browser) = open_served().await;
    pick(&browser, &[&small]).await;
    browser.wait_for_heading("6 documents").await;

    // A full quota, as the browser reports it. (Chromium's DevTools quota override,
    // `Storage.overrideQuotaForOrigin`, did not take effect in headless Chromium 156, so
    // the store refuses the write the way a full browser does.)
    browser
        .client
        .execute(
            "IDBObjectStore.prototype.add = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }",
            vec![],
        )
        .await
        .unwrap();
    pick(&browser, &[&large]).await;
    let message = browser.text(".user-docs-messages").await;
    assert!(
        message.contains("large-report.txt was not added")
            && message.contains("storage for this site is full"),
        "{message}"
    );
    assert_eq!(browser.text(".user-docs-toggle").await, "Your documents (1)");
    browser.wait_for_heading("6 documents").await;

    // What was stored before is still there after a reload.
    browser.refresh().await;
    browser.wait_for_heading("6 documents").await;
    browser.goto(&server.url("/?q=ferry")).await;
    browser.wait_for_heading("1 result").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_single_file_adds_documents_from_file_url() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("offline-note.txt");
    std::fs::write(
        &note,
        "Offline note\n\nThe kestrel survey in Kent counted 12 nests, the council said.\n",
    )
    .unwrap();
    let url = format!("file://{}", single_file().canonicalize().unwrap().display());
    let browser = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    browser.goto(&url).await;
    browser.wait_for_heading("5 documents").await;
    pick(&browser, &[&note]).await;
    browser.wait_for_heading("6 documents").await;
    let added = added_rows(&browser).await;
    assert_eq!(added.len(), 1, "{added:?}");
    assert!(added[0].contains("Offline note"), "{added:?}");
    browser.close().await;
}
