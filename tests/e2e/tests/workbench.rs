//! The journalist's workbench in the built app, as a reader uses it: star and tag a
//! document, note a passage, mark a name the tagger missed, merge two entities, save a
//! search; reload and find all of it; then carry it to a fresh browser profile and to the
//! single file with a case file.

use dossier_e2e::{serve_app, Browser};

/// Selects the first occurrence of `words` in the reader's text (inside one piece of
/// text), as a reader's drag would, and waits for the passage bar.
async fn select(browser: &Browser, words: &str) {
    let found = browser
        .eval(&format!(
            "const words = {words:?};
             for (const piece of document.querySelectorAll('#doc-body [data-at]')) {{
               const node = piece.firstChild;
               const at = node && node.nodeType === 3 ? node.data.indexOf(words) : -1;
               if (at < 0) continue;
               const range = document.createRange();
               range.setStart(node, at);
               range.setEnd(node, at + words.length);
               const selection = getSelection();
               selection.removeAllRanges();
               selection.addRange(range);
               return true;
             }}
             return false;"
        ))
        .await;
    assert_eq!(
        found,
        serde_json::Value::Bool(true),
        "no piece of text holds {words:?}"
    );
    browser
        .wait_until(&format!(
            "document.querySelector('.passage-tools q')?.textContent === {words:?}"
        ))
        .await;
}

/// Types `text` into the field `css` (waiting for it).
async fn type_into(browser: &Browser, css: &str, text: &str) {
    let field = browser.find(css).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    field
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("type into {css}: {e}"));
}

/// Opens document `id` in the reader and waits for its text and the reader's work.
async fn open_doc(browser: &Browser, url: &str) {
    browser.goto(url).await;
    browser
        .wait_until(
            "document.querySelector('#doc-body [data-at]') && document.querySelector('.star:enabled')",
        )
        .await;
}

/// Follows the first mention in the reader's text whose words are `name` to its entity
/// page (by its address: on a phone the first tap on a mention shows its card).
async fn open_mention(browser: &Browser, name: &str) {
    let href = browser
        .eval(&format!(
            "return [...document.querySelectorAll('#doc-body a.ent')]
               .find(a => a.querySelector('[data-at]')?.textContent === {name:?})?.href ?? null;"
        ))
        .await;
    let href = href.as_str().unwrap_or_else(|| panic!("no mention of {name:?}"));
    browser.goto(href).await;
    browser
        .wait_until(&format!(
            "document.querySelector('#entity-name')?.textContent === {name:?}"
        ))
        .await;
}

/// What the workbench test leaves in a browser, checked after a reload and after an import.
async fn assert_work_is_there(browser: &Browser, base: &str) {
    open_doc(browser, &format!("{base}doc/0")).await;
    browser
        .wait_until("document.querySelector('.star')?.getAttribute('aria-pressed') === 'true'")
        .await;
    browser
        .wait_until("document.querySelector('.doc-work .tag-chip')?.textContent.includes('Follow up')")
        .await;
    browser.wait_until("document.querySelector('.doc-notes .note-text')?.textContent === 'Ask the Kremlin for the agenda'").await;
    browser
        .wait_until("document.querySelector('#doc-body .noted')?.textContent.length > 0")
        .await;
    // The missed name is a highlight now, of the type chosen.
    browser
        .wait_until("[...document.querySelectorAll('#doc-body a.ent-event')].some(a => a.textContent.startsWith('summit'))")
        .await;
    // Beijing was merged into China: its mentions are China's.
    browser
        .wait_until("[...document.querySelectorAll('#doc-body a.ent')].some(a => a.querySelector('[data-at]')?.textContent === 'Beijing' && a.querySelector('.ent-card').textContent.startsWith('China'))")
        .await;
    browser.goto(&format!("{base}work")).await;
    browser
        .wait_until("document.querySelector('.saved-open')?.textContent === 'Samarkand stories'")
        .await;
    browser
        .wait_until("document.querySelectorAll('.correction-list li').length === 2")
        .await;
}

/// The name list the first test saves, after its reload.
async fn assert_name_list_is_there(browser: &Browser, base: &str) {
    browser.goto(&format!("{base}work")).await;
    browser.click(".name-list-open").await;
    browser
        .wait_until("document.querySelectorAll('.name-row.matched').length === 2")
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reader_stars_tags_notes_corrects_and_saves_and_it_survives_a_reload() {
    let (server, browser) = serve_app(false).await;
    let base = server.url("/");
    open_doc(&browser, &format!("{base}doc/0")).await;

    // Star and tag.
    browser.click(".star").await;
    browser
        .wait_until("document.querySelector('.star').getAttribute('aria-pressed') === 'true'")
        .await;
    type_into(&browser, ".tag-form .tag-name", "Follow up").await;
    browser.click(".tag-form button[type=submit]").await;
    browser
        .wait_until("document.querySelector('.doc-work .tag-chip')?.textContent.includes('Follow up')")
        .await;

    // A note on a passage.
    select(&browser, "expected to meet").await;
    browser.click(".passage-tools .add-note").await;
    browser.screenshot("workbench-note.png").await;
    type_into(&browser, ".note-form textarea", "Ask the Kremlin for the agenda").await;
    browser.click(".note-form button[type=submit]").await;
    browser.wait_until("document.querySelector('.doc-notes .note-text')?.textContent === 'Ask the Kremlin for the agenda'").await;
    browser
        .wait_until("document.querySelector('#doc-body .noted')?.textContent === 'expected to meet'")
        .await;

    // Copy with citation shows the passage, the source and the address of the spot.
    select(&browser, "expected to meet").await;
    browser.click(".passage-tools .cite").await;
    let citation = browser
        .eval("return document.querySelector('.citation-text').value")
        .await;
    let citation = citation.as_str().unwrap_or_default().to_owned();
    assert!(
        citation.starts_with("\u{201C}expected to meet\u{201D}"),
        "{citation}"
    );
    assert!(citation.contains(&format!("{base}doc/0?at=")), "{citation}");
    browser.click(".passage-close").await;

    // A name the tagger missed.
    select(&browser, "summit").await;
    browser.click(".passage-tools .mark-entity").await;
    browser
        .eval("const s = document.querySelector('.mark-entity-form select'); s.value = 'EVENT'; return true;")
        .await;
    browser.click(".mark-entity-form button[type=submit]").await;
    browser
        .wait_until("[...document.querySelectorAll('#doc-body a.ent-event')].some(a => a.textContent.startsWith('summit'))")
        .await;

    // Merge Beijing into China from Beijing's page: the page follows to China's.
    open_mention(&browser, "Beijing").await;
    browser.click(".correct-entity summary").await;
    type_into(&browser, ".correct-entity .merge-name", "China").await;
    browser.screenshot("workbench-correct.png").await;
    browser.click(".correct-entity .merge button[type=submit]").await;
    browser
        .wait_until("document.querySelector('#entity-name')?.textContent === 'China'")
        .await;
    browser
        .wait_until("document.querySelector('.aliases')?.textContent.includes('Beijing')")
        .await;
    browser
        .wait_until("document.querySelector('.work-status .undo')")
        .await;

    // Save a search.
    browser.goto(&format!("{base}?q=samarkand")).await;
    browser.click(".save-search summary").await;
    type_into(&browser, ".save-search input", "Samarkand stories").await;
    browser.click(".save-search button[type=submit]").await;
    browser
        .wait_until("document.querySelector('.work-status')?.textContent.includes('Samarkand stories')")
        .await;

    // A name list: each name's entity, or the closest candidates; saved by name.
    browser.goto(&format!("{base}names")).await;
    type_into(&browser, "#names-text", "Xi Jinping\nPutin\nZzyzx Qwerty").await;
    browser.click(".names-look-up").await;
    browser
        .wait_until("document.querySelectorAll('.name-row.matched').length === 2")
        .await;
    browser
        .wait_until("document.querySelectorAll('.name-row.unmatched').length === 1")
        .await;
    type_into(&browser, ".names-save-name", "Leaders").await;
    browser.click(".names-save button[type=submit]").await;
    browser
        .wait_until("document.querySelector('.work-status')?.textContent.includes('Leaders')")
        .await;

    // `tag:` finds the tagged document; the Tags facet counts it.
    browser
        .client
        .goto(&format!("{base}?q=tag%3A%22follow%20up%22"))
        .await
        .unwrap();
    browser.wait_for_heading("1 result").await;
    browser.screenshot("workbench-tag-search.png").await;

    // All of it after a reload.
    browser.refresh().await;
    assert_work_is_there(&browser, &base).await;
    browser.screenshot("workbench-your-work.png").await;
    assert_name_list_is_there(&browser, &base).await;
    open_doc(&browser, &format!("{base}doc/0")).await;
    browser.screenshot("workbench-reader.png").await;
    browser.close().await;
}

/// Does the whole workbench test's work in a browser on `base`, quickly, through the
/// same controls: what the case file test then carries elsewhere.
async fn make_work(browser: &Browser, base: &str) {
    open_doc(browser, &format!("{base}doc/0")).await;
    browser.click(".star").await;
    browser
        .wait_until("document.querySelector('.star').getAttribute('aria-pressed') === 'true'")
        .await;
    type_into(browser, ".tag-form .tag-name", "Follow up").await;
    browser.click(".tag-form button[type=submit]").await;
    browser
        .wait_until("document.querySelector('.doc-work .tag-chip')")
        .await;
    select(browser, "expected to meet").await;
    browser.click(".passage-tools .add-note").await;
    type_into(browser, ".note-form textarea", "Ask the Kremlin for the agenda").await;
    browser.click(".note-form button[type=submit]").await;
    browser
        .wait_until("document.querySelector('.doc-notes .note-text')")
        .await;
    select(browser, "summit").await;
    browser.click(".passage-tools .mark-entity").await;
    browser
        .eval("document.querySelector('.mark-entity-form select').value = 'EVENT'; return true;")
        .await;
    browser.click(".mark-entity-form button[type=submit]").await;
    browser
        .wait_until("document.querySelector('#doc-body a.ent-event')")
        .await;
    open_mention(browser, "Beijing").await;
    browser.click(".correct-entity summary").await;
    type_into(browser, ".correct-entity .merge-name", "China").await;
    browser.click(".correct-entity .merge button[type=submit]").await;
    browser
        .wait_until("document.querySelector('#entity-name')?.textContent === 'China'")
        .await;
    browser.goto(&format!("{base}?q=samarkand")).await;
    browser.click(".save-search summary").await;
    type_into(browser, ".save-search input", "Samarkand stories").await;
    browser.click(".save-search button[type=submit]").await;
    browser
        .wait_until("document.querySelector('.work-status')?.textContent.includes('Samarkand stories')")
        .await;
}

/// Imports the case file at `path` from the Your work page at `work_url`: the summary
/// first, then Merge.
async fn import(browser: &Browser, work_url: &str, path: &std::path::Path) {
    browser.goto(work_url).await;
    let input = browser.find(".case-import input[type=file]").await.unwrap();
    browser
        .wait_until("!document.querySelector('.case-import input').disabled")
        .await;
    input.send_keys(&path.display().to_string()).await.unwrap();
    browser
        .find(".case-review")
        .await
        .unwrap_or_else(|e| panic!("no summary: {e}"));
    let summary = browser.text(".case-review").await;
    assert!(
        summary.contains("Follow up"),
        "the summary names what is new: {summary}"
    );
    browser.click(".case-merge").await;
    browser
        .wait_until("document.querySelector('.saved-open')?.textContent === 'Samarkand stories'")
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_case_file_carries_the_work_to_a_fresh_browser_and_the_single_file() {
    let (server, browser) = serve_app(false).await;
    let base = server.url("/");
    let downloads = tempfile::tempdir().unwrap();
    browser
        .cdp(
            "Browser.setDownloadBehavior",
            serde_json::json!({ "behavior": "allow", "downloadPath": downloads.path().display().to_string() }),
        )
        .await
        .unwrap();
    make_work(&browser, &base).await;
    browser.goto(&format!("{base}work")).await;
    browser.click(".case-export").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let file = loop {
        let done = std::fs::read_dir(downloads.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "json"));
        if let Some(file) = done {
            break file;
        }
        assert!(std::time::Instant::now() < deadline, "no case file downloaded");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("dossier-case-"), "{name}");
    browser.close().await;

    // A fresh profile on the same served build.
    let fresh = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    import(&fresh, &format!("{base}work"), &file).await;
    assert_work_is_there(&fresh, &base).await;
    fresh.close().await;

    // The single file, opened from disk in another fresh profile.
    let single = Browser::start(1280, 900).await.unwrap_or_else(|e| panic!("{e}"));
    let page = format!("file://{}", dossier_e2e::single_file().display());
    import(&single, &format!("{page}#/work"), &file).await;
    assert_work_is_there(&single, &format!("{page}#/")).await;
    single.close().await;
}
