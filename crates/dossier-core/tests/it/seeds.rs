//! Ingest on the five seed articles (the project's own copy in `seeds/`): the messy
//! scraped pages Dossier was made for.

use dossier_ingest::ingest;
use dossier_model::date::CalendarDate;
use dossier_model::document::{DateSource, Document, RegionKind, Treatment};
use dossier_model::Corpus;

fn seeds() -> Corpus {
    ingest(crate::fixture::seed_files())
}

fn doc<'a>(corpus: &'a Corpus, file_prefix: &str) -> &'a Document {
    corpus
        .documents
        .iter()
        .find(|d| d.origin.file.starts_with(file_prefix))
        .unwrap_or_else(|| panic!("no document from {file_prefix}"))
}

/// The text of every region of `kind`.
fn regions(d: &Document, kind: RegionKind) -> Vec<&str> {
    d.regions
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| d.slice(r.span))
        .collect()
}

fn date(y: u16, m: u8, d: u8) -> CalendarDate {
    CalendarDate::new(Some(y), m, d).unwrap()
}

#[test]
fn every_seed_file_is_one_document() {
    let c = seeds();
    assert_eq!(c.documents.len(), 5);
    assert!(c.skipped.is_empty());
    assert!(c
        .documents
        .iter()
        .all(|d| d.origin.parts == 1 && d.origin.encoding == "UTF-8"));
}

#[test]
fn titles_are_headlines_not_crumbs_labels_or_leads() {
    let c = seeds();
    let titles: Vec<(&str, bool)> = c
        .documents
        .iter()
        .map(|d| (d.title.text.as_str(), d.title.is_derived()))
        .collect();
    assert_eq!(
        titles,
        [
            ("Russia\u{2019}s Putin, China\u{2019}s Xi expected to meet for 1st time since Ukraine crisis", false),
            ("Kremlin praises importance of Vladimir Putin, Xi Jinping meeting in Samarkand", false),
            ("Chinese President Xi Jinping and Russian President Vladimir Putin are expected to\u{2026}", true),
            ("Putin and Xi Will Reportedly Meet in Uzbekistan the Following Week, According to an Official", false),
            ("SCO Summit 2022: Russia Claims China\u{2019}s Support Ahead of Possible Xi-Putin Meeting in Samarkand", false),
        ]
    );
}

#[test]
fn publication_dates_are_told_apart_from_page_dates() {
    let c = seeds();
    let d2 = doc(&c, "002").published.unwrap();
    assert_eq!((d2.date, d2.source), (date(2022, 9, 7), DateSource::Label));
    assert_eq!(doc(&c, "002").slice(d2.span), "2022-09-07");

    // "Moscow, September 13:" takes its year from "SCO Summit 2022" and "Vostok 2022".
    let d4 = doc(&c, "004").published.unwrap();
    assert_eq!((d4.date, d4.source), (date(2022, 9, 13), DateSource::Dateline));

    // 001's "Friday, December 19, 2025" is when the page was saved.
    let d1 = doc(&c, "001");
    assert_eq!(d1.published, None);
    assert_eq!(
        d1.saved.map(|s| (s.date, s.source)),
        Some((date(2025, 12, 19), DateSource::PageHeader))
    );

    assert_eq!(doc(&c, "000").published, None);
    assert_eq!(doc(&c, "003").published, None);
}

#[test]
fn outlets_named_by_the_page() {
    let c = seeds();
    let outlets: Vec<Option<&str>> = c
        .documents
        .iter()
        .map(|d| d.outlet.as_ref().map(|o| o.name.as_str()))
        .collect();
    assert_eq!(outlets, [Some("Press TV"), None, None, None, Some("LatestLY")]);
    let o = doc(&c, "000").outlet.as_ref().unwrap();
    assert_eq!(doc(&c, "000").slice(o.span), "Press TV");
}

#[test]
fn boilerplate_is_found_and_kept_with_its_offsets() {
    let c = seeds();
    let d0 = doc(&c, "000");
    assert_eq!(
        regions(d0, RegionKind::Breadcrumb),
        ["News \u{a0} / \u{a0} China \u{a0} / \u{a0} Russia"]
    );
    assert_eq!(regions(d0, RegionKind::SectionLabel), ["SHARE THIS ARTICLE"]);
    assert_eq!(regions(d0, RegionKind::Link), ["www.presstv.co.uk"]);
    assert_eq!(
        regions(d0, RegionKind::Footer),
        [
            "Press TV\u{2019}s website can also be accessed at the following alternate addresses:",
            "Press TV News Roku"
        ]
    );

    let d1 = doc(&c, "001");
    assert_eq!(regions(d1, RegionKind::AdMarker), ["[ad_1]", "[ad_2]"]);
    assert_eq!(regions(d1, RegionKind::Breadcrumb), ["HomeWorld"]);
    assert_eq!(regions(d1, RegionKind::PageDate), ["Friday, December 19, 2025"]);
    assert_eq!(
        regions(d1, RegionKind::SectionLabel),
        [
            "Source link",
            "RELATED ARTICLES",
            "Most Popular",
            "Recent Comments"
        ]
    );
    assert_eq!(
        regions(d1, RegionKind::Caption),
        [
            "Vladimir Putin stands by Xi Jinping",
            "This is Xi Jinping\u{2019}s first foreign trip since the pandemic began (Ng Han Guan/AP)"
        ]
    );

    let d2 = doc(&c, "002");
    assert_eq!(
        regions(d2, RegionKind::CallToAction),
        [
            "date 2022-09-07 Listen 3 min Comment on this story Comment Gift Article Share",
            "GiftOutline Gift Article"
        ]
    );
    assert_eq!(
        regions(d2, RegionKind::AdMarker),
        ["Advertisement", "Advertisement"]
    );

    let d3 = doc(&c, "003");
    assert_eq!(
        regions(d3, RegionKind::Breadcrumb),
        ["You are currently viewing "]
    );

    let d4 = doc(&c, "004");
    assert_eq!(regions(d4, RegionKind::Dateline), ["Moscow, September 13:"]);
    assert_eq!(regions(d4, RegionKind::Footer).len(), 1);
    assert!(regions(d4, RegionKind::Footer)[0].starts_with("(This is an unedited and auto-generated story"));
    assert_eq!(
        regions(d4, RegionKind::Duplicate).len(),
        1,
        "the standfirst repeated after the dateline"
    );
}

#[test]
fn spliced_headlines_are_flagged_not_removed() {
    let c = seeds();
    let d4 = doc(&c, "004");
    assert_eq!(
        regions(d4, RegionKind::SplicedHeadline),
        [
            "Queen Elizabeth II Funeral: 500 Foreign VIPs Expected at Queen's Final Rites, No Invitation to Russia.",
            "Indian Army, PLA Resolve Last Friction Point, India Not in a Hurry for De-Escalation in Eastern Ladakh.",
        ]
    );
    assert_eq!(RegionKind::SplicedHeadline.treatment(), Treatment::Flagged);
    for d in &c.documents {
        if d.origin.file.starts_with("004") {
            continue;
        }
        assert!(
            regions(d, RegionKind::SplicedHeadline).is_empty(),
            "{}",
            d.origin.file
        );
    }
}

#[test]
fn regions_are_sorted_disjoint_and_inside_the_text() {
    for d in seeds().documents {
        let mut end = 0;
        for r in &d.regions {
            assert!(r.span.start >= end, "{} overlaps at {:?}", d.origin.file, r);
            assert!(d.text.get(r.span.range()).is_some());
            end = r.span.end;
        }
        for p in &d.paragraphs {
            let pieces = d.pieces(*p);
            let joined: String = pieces.iter().map(|piece| d.slice(piece.span)).collect();
            assert_eq!(joined, d.slice(*p));
        }
    }
}

#[test]
fn removed_text_is_only_page_furniture() {
    // The story's own words stay: each seed keeps at least 80% of its words (004 loses
    // its headline, a repeated standfirst and a disclaimer: 84%).
    for d in seeds().documents {
        let all = d.text.split_whitespace().count() as u32;
        assert!(
            d.word_count * 100 >= all * 80,
            "{}: kept {} of {}",
            d.origin.file,
            d.word_count,
            all
        );
    }
}
