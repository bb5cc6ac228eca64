//! What a journalist meets in the first minutes, in the built app (seeds corpus), with a
//! real mouse, keyboard and touch through WebDriver: the date histogram filters on a click
//! and a drag; a skip link leads past the facets; titles wrap on a phone and the "derived
//! title" badge shows at desktop width; a first tap on a name shows its card.

use dossier_e2e::{serve_app, Browser};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, TouchActions, MOUSE_BUTTON_LEFT};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::Locator;

/// Pointer actions that press on `from` and release there, or on `to` after a drag.
fn press(from: Element, to: Option<Element>) -> Vec<PointerAction> {
    let over = |element, duration| PointerAction::MoveToElement {
        element,
        duration,
        x: 0.0,
        y: 0.0,
    };
    let mut actions = vec![
        over(from, None),
        PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        },
    ];
    if let Some(to) = to {
        actions.push(over(to, Some(std::time::Duration::from_millis(200))));
    }
    actions.push(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    actions
}

fn mouse(actions: Vec<PointerAction>) -> MouseActions {
    actions
        .into_iter()
        .fold(MouseActions::new("mouse".into()), InputSource::then)
}

fn finger(actions: Vec<PointerAction>) -> TouchActions {
    actions
        .into_iter()
        .fold(TouchActions::new("finger".into()), InputSource::then)
}

/// The date histogram's bars.
async fn histogram_bars(browser: &Browser) -> Vec<Element> {
    browser
        .client
        .find_all(Locator::Css(".histogram .bar"))
        .await
        .unwrap()
}

async fn query(browser: &Browser) -> String {
    browser
        .client
        .current_url()
        .await
        .unwrap()
        .query()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_mouse_click_or_drag_on_the_date_histogram_filters() {
    let (server, browser) = serve_app(false).await;
    browser.goto(&server.url("/")).await;
    browser.wait_for_heading("5 documents").await;
    let bars = histogram_bars(&browser).await;
    assert!(bars.len() >= 2, "{} bars", bars.len());
    let first = bars[0].clone();

    // A click: press and release on one bar.
    let click = mouse(press(first, None));
    browser.client.perform_actions(click).await.unwrap();
    browser.wait_until("location.search.includes('date=')").await;
    let picked = query(&browser).await;
    browser
        .wait_until("document.querySelectorAll('.chip').length === 1")
        .await;
    let heading = browser.text("#documents-heading").await;
    assert!(
        !heading.starts_with("5 "),
        "one day of the five documents: {heading} ({picked})"
    );

    // A drag from the first bar to the last picks the whole range.
    browser.goto(&server.url("/")).await;
    browser.wait_for_heading("5 documents").await;
    let bars = histogram_bars(&browser).await;
    let (first, last) = (bars[0].clone(), bars[bars.len() - 1].clone());
    let drag = mouse(press(first, Some(last)));
    browser.client.perform_actions(drag).await.unwrap();
    browser.wait_until("location.search.includes('date=')").await;
    let range = query(&browser).await;
    assert!(
        range.contains("..") || range.contains("%2E%2E"),
        "a range: {range}"
    );
    assert_ne!(range, picked);
    browser.screenshot("histogram-drag-desktop.png").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_tab_stop_skips_to_the_search_box() {
    let (server, browser) = serve_app(false).await;
    browser.goto(&server.url("/")).await;
    browser.wait_for_heading("5 documents").await;
    browser
        .find("body")
        .await
        .unwrap()
        .send_keys(&Key::Tab.to_string())
        .await
        .unwrap();
    browser
        .wait_until("document.activeElement?.classList.contains('skip-link')")
        .await;
    browser.screenshot("skip-link-desktop.png").await;
    let skip = browser.find(".skip-link").await.unwrap();
    skip.send_keys(&Key::Enter.to_string()).await.unwrap();
    browser
        .wait_until("document.activeElement?.id === 'search-input'")
        .await;
    browser.close().await;
}

/// The width the title's text would take unclipped, and the width it has.
async fn title_fits(browser: &Browser, row: usize) -> serde_json::Value {
    browser.eval(&format!(
            "const a = document.querySelector('#row-{row} .row-link');
             const badge = document.querySelector('#row-{row} .badge');
             const row = document.querySelector('#row-{row}').getBoundingClientRect();
             const b = badge ? badge.getBoundingClientRect() : null;
             return {{ cut: a.scrollHeight > a.clientHeight + 1 || a.scrollWidth > a.clientWidth + 1,
                      lines: Math.round(a.getBoundingClientRect().height / parseFloat(getComputedStyle(a).lineHeight)),
                      badge: b ? (b.width > 0 && b.right <= row.right + 0.5 && b.bottom <= row.bottom + 0.5) : null }}"
        ),
    )
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn titles_wrap_on_a_phone_and_badges_stay_visible() {
    let (server, browser) = serve_app(true).await;
    browser.goto(&server.url("/")).await;
    browser.wait_for_heading("5 documents").await;
    // Row 0: "Russia's Putin, China's Xi expected to meet..." (62 characters).
    let fits = title_fits(&browser, 0).await;
    assert_eq!(fits["lines"], 2, "the headline wraps: {fits}");
    browser.screenshot("list-phone-wrapped.png").await;
    browser.close().await;

    let (server, browser) = serve_app(false).await;
    browser.goto(&server.url("/")).await;
    browser.wait_for_heading("5 documents").await;
    // Row 2 has a long derived title: the badge stays in the row, beside the cut title.
    let fits = title_fits(&browser, 2).await;
    assert_eq!(fits["badge"], true, "the derived-title badge is visible: {fits}");
    drop(server);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_first_tap_on_a_name_shows_its_card_and_a_second_opens_it() {
    let (server, browser) = serve_app(true).await;
    browser.goto(&server.url("/doc/2")).await;
    // The reader's work controls are drawn (disabled) before storage opens, so the text
    // does not move under the finger; tap once they work, as a reader would.
    browser.find(".doc-work .star:enabled").await.unwrap();
    let name = browser.find(".doc-body a.ent-person").await.unwrap();
    let tap = |element: Element| finger(press(element, None));
    browser.client.perform_actions(tap(name.clone())).await.unwrap();
    browser
        .wait_until("document.activeElement?.matches('.doc-body a.ent-person')")
        .await;
    let card = browser.eval("return getComputedStyle(document.activeElement.querySelector('.ent-card') ?? document.activeElement).display",
    )
    .await;
    assert_eq!(card, "block", "the card shows after the first tap");
    assert!(browser
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .starts_with("/doc/"));
    browser.screenshot("touch-card-phone.png").await;
    browser.client.perform_actions(tap(name)).await.unwrap();
    browser
        .wait_until("location.pathname.startsWith('/entity/')")
        .await;
    browser.close().await;
}
