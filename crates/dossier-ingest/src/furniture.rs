//! Page furniture recognised from a line alone: share and comment bars, ad markers,
//! section labels, breadcrumbs, bare addresses, photo credits.
//!
//! The signals are general (short, no sentence punctuation, made mostly of call-to-action
//! words, separators between one- or two-word crumbs) so they work on sites never seen
//! before; where words are listed, they are the vocabulary of page chrome, not strings
//! copied from one page. Position-dependent furniture (footers, page dates, repeated
//! headlines) is decided in `article`, which knows where the story starts and ends.

use dossier_model::document::RegionKind;
use dossier_model::text::{bare_lower, ends_sentence, word_count, words};

/// Words only page chrome uses: a call-to-action line holds at least one.
const CHROME_WORDS: &[&str] = &[
    "share",
    "comment",
    "comments",
    "listen",
    "gift",
    "subscribe",
    "print",
    "tweet",
    "follow",
    "bookmark",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "telegram",
    "reddit",
    "pinterest",
    "newsletter",
    "giftoutline",
    "login",
];

/// Words that fill out share, comment, listen and subscription bars around the chrome
/// words ("Comment on this story", "Listen 3 min"), but also occur in prose.
const CHROME_FILLER: &[&str] = &[
    "shares", "article", "articles", "email", "e-mail", "us", "on", "sign", "up", "in", "log", "save",
    "saved", "copy", "link", "this", "story", "read", "more", "min", "mins", "minute", "minutes", "x",
    "download", "app", "outline", "the", "to", "a", "our", "your", "now", "free", "reply", "view", "next",
    "previous", "back", "top", "font", "size", "text", "audio", "play", "video",
];

/// Headings of the lists and widgets that surround an article on a news page.
const SECTION_LABELS: &[&str] = &[
    "related articles",
    "related",
    "related stories",
    "related news",
    "related posts",
    "most popular",
    "most read",
    "most viewed",
    "popular",
    "trending",
    "trending now",
    "recent comments",
    "recent posts",
    "latest news",
    "latest",
    "top stories",
    "more stories",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "read more",
    "read next",
    "also read",
    "see also",
    "source link",
    "source",
    "tags",
    "topics",
    "leave a comment",
    "leave a reply",
    "comments",
    "advertisement",
    "sponsored",
    "sponsored content",
    "share this article",
    "share this story",
    "skip to content",
    "skip to main content",
    "menu",
    "search",
    "home",
];

const AD_LABELS: &[&str] = &[
    "advertisement",
    "advert",
    "ad",
    "sponsored",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
];

/// Section labels and ad markers are at most this many words.
const MAX_LABEL_WORDS: usize = 6;
/// Share and comment bars are at most this many words.
const MAX_BAR_WORDS: usize = 16;
/// Breadcrumbs (a few one- to three-word crumbs) are at most this many words.
const MAX_CRUMB_WORDS: usize = 12;

/// Furniture a line is by itself, if any. `words` is the line's word count; `repeated`
/// says the line occurs in many files of the corpus. Long lines skip the checks that only
/// short ones can pass: this runs on every line of the corpus.
pub(crate) fn classify(line: &str, words: usize, repeated: bool) -> Option<RegionKind> {
    let sentence = ends_sentence(line);
    if words <= MAX_LABEL_WORDS {
        if is_ad_marker(line) {
            return Some(RegionKind::AdMarker);
        }
        if !sentence && SECTION_LABELS.contains(&normalised_label(line).as_str()) {
            return Some(RegionKind::SectionLabel);
        }
        if words == 1 && is_link(line) {
            return Some(RegionKind::Link);
        }
    }
    if !sentence && words <= MAX_BAR_WORDS && is_call_to_action(line) {
        return Some(RegionKind::CallToAction);
    }
    if words <= MAX_CRUMB_WORDS && is_breadcrumb(line) {
        return Some(RegionKind::Breadcrumb);
    }
    if has_photo_credit(line) {
        return Some(RegionKind::Caption);
    }
    if repeated {
        return Some(RegionKind::RepeatedAcrossFiles);
    }
    None
}

fn normalised_label(line: &str) -> String {
    line.trim_end_matches([':', '.', ' '])
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `[ad_1]`, `[ad]`, "Advertisement".
fn is_ad_marker(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    if let Some(inner) = l.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        let inner = inner.trim_start_matches('/');
        let rest = inner.strip_prefix("ad").unwrap_or("x");
        return rest
            .trim_start_matches(['_', '-', ' '])
            .chars()
            .all(|c| c.is_ascii_digit());
    }
    AD_LABELS.contains(&normalised_label(&l).as_str())
}

/// Mostly call-to-action vocabulary, with at least one word only page chrome uses.
fn is_call_to_action(line: &str) -> bool {
    let mut total = 0usize;
    let mut chrome = 0usize;
    let mut strong = false;
    for w in words(line) {
        let b = bare_lower(w);
        if b.is_empty() {
            continue;
        }
        total += 1;
        let is_chrome = CHROME_WORDS.contains(&b.as_str());
        if is_chrome || CHROME_FILLER.contains(&b.as_str()) || b.chars().all(|c| c.is_ascii_digit()) {
            chrome += 1;
        }
        strong |= is_chrome;
    }
    strong && total > 0 && chrome * 4 >= total * 3
}

/// "News / China / Russia", "Home > World > Asia": short segments between separators.
fn is_breadcrumb(line: &str) -> bool {
    let normalised = line.replace('\u{A0}', " ");
    for sep in [" / ", " > ", " \u{BB} ", " | ", " \u{203A} "] {
        let parts: Vec<&str> = normalised.split(sep).map(str::trim).collect();
        if parts.len() >= 3 || (parts.len() == 2 && parts.iter().all(|p| word_count(p) == 1)) {
            return parts
                .iter()
                .all(|p| (1..=3).contains(&word_count(p)) && !ends_sentence(p));
        }
    }
    false
}

/// A web address standing alone: `www.presstv.co.uk`, `https://...`.
fn is_link(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    if l.contains(char::is_whitespace) {
        return false;
    }
    l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.")
}

/// Ends in a photo credit: "(Ng Han Guan/AP)", "(Photo: Reuters)", "Getty Images".
fn has_photo_credit(line: &str) -> bool {
    let t = line.trim_end();
    if let Some(open) = t.strip_suffix(')').and_then(|s| s.rfind('(')) {
        let inner = &t[open + 1..t.len() - 1];
        let lower = inner.to_lowercase();
        if lower.starts_with("photo") || lower.starts_with("image") || lower.contains("getty") {
            return true;
        }
        if let Some((who, agency)) = inner.split_once('/').filter(|_| !inner.contains(',')) {
            let short = |s: &str| (1..=4).contains(&word_count(s));
            return short(who)
                && short(agency)
                && agency
                    .trim()
                    .chars()
                    .all(|c| !c.is_lowercase() || c.is_alphabetic());
        }
    }
    let ends_ci = |suffix: &str| {
        t.len() >= suffix.len()
            && t.is_char_boundary(t.len() - suffix.len())
            && t[t.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    let starts_ci = |prefix: &str| {
        t.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    ends_ci("getty images") || starts_ci("photo:") || starts_ci("image:")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_model::text::word_count;
    use RegionKind::*;

    #[test]
    fn recognises_page_chrome_from_the_line_alone() {
        let cases: &[(&str, Option<RegionKind>)] = &[
            ("[ad_1]", Some(AdMarker)),
            ("[ad_2]", Some(AdMarker)),
            ("Advertisement", Some(AdMarker)),
            ("SHARE THIS ARTICLE", Some(SectionLabel)),
            (
                "date 2022-09-07 Listen 3 min Comment on this story Comment Gift Article Share",
                Some(CallToAction),
            ),
            (
                "Listen 3 min Comment on this story Comment Gift Article Share",
                Some(CallToAction),
            ),
            ("GiftOutline Gift Article", Some(CallToAction)),
            ("Source link", Some(SectionLabel)),
            ("RELATED ARTICLES", Some(SectionLabel)),
            ("Most Popular", Some(SectionLabel)),
            ("Recent Comments", Some(SectionLabel)),
            ("News \u{A0}/ \u{A0}China \u{A0}/ \u{A0}Russia", Some(Breadcrumb)),
            ("www.presstv.co.uk", Some(Link)),
            (
                "This is Xi Jinping\u{2019}s first foreign trip since the pandemic began (Ng Han Guan/AP)",
                Some(Caption),
            ),
            // Real text that merely looks short or shares chrome words.
            ("Share deal lifts market", None),
            ("Furry recyclers", None),
            ("Winners meet in final match", None),
            ("- Have random drug tests", None),
            ("Press TV News Roku", None),
            ("Caroline Quentin (Life Begins/ Von Trapped, ITV1)", None),
            (
                "Schools' Factual (primary) - Thinking Skills: Think About It - Hiding Places",
                None,
            ),
        ];
        for (line, expected) in cases {
            assert_eq!(classify(line, word_count(line), false), *expected, "{line}");
        }
    }

    #[test]
    fn repetition_across_files_is_a_signal_of_its_own() {
        assert_eq!(classify("Press TV News Roku", 4, true), Some(RepeatedAcrossFiles));
    }
}
